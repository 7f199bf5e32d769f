"""At a glance: the framing questions answered in one row per outlet (or per article).

The report's index opens with this table. Every figure comes from the area
functions the notebooks use (:func:`~analysis.terms.term_rates`,
:func:`~analysis.sourcing.sourcing_metrics` and :func:`~analysis.sourcing.speaker_table`,
:func:`~analysis.loaded.loaded_metrics`, :func:`~analysis.compare.reused_words`,
:func:`~analysis.compare.figures_by_quantity`); this module only adds them up by row.

A row is an *outlet* (all its articles together) or an *article*. Rates are
recomputed from summed counts over summed words of the voice, never averaged
over articles, so a long article weighs more than a short one, as its words do.

Columns (:data:`GLANCE_COLUMNS`):

* ``label``: the outlet's name, or the article's label (:func:`analysis.labels.article_labels`);
* ``unit``: ``"outlet"`` or ``"article"``;
* ``articles``: articles in the row;
* ``words``: counted words (outside excluded regions);
* ``<family>_<voice>_per_1k`` for the families in :data:`GLANCE_FAMILIES` and the
  voices narrator, quoted and mention: hits per 1,000 words of that voice (mentions
  per 1,000 counted words), as in :func:`~analysis.terms.term_rates`; blank when the
  lexicon has no such family;
* ``quotes``: quotations and reported speech (mentions left out);
* ``top_sources``: the three most quoted speakers, "Name (n); Name (n); Name (n)",
  name variants merged across the corpus; ties go alphabetically (ignoring case);
* ``official_share``, ``opposition_share``: the share of ``quotes`` whose source is of
  an :data:`OFFICIAL_TYPES` or :data:`OPPOSITION_TYPES` type (0–1; blank without quotations);
* ``distancing``: quotations introduced by a distancing cue ("claimed", "alleged", "insisted");
* ``loaded_per_1k``: loaded words in the narrator's voice per 1,000 narrator words;
* ``reused_share``: the share of the row's words found again in another article (0–1);
  repeats within one article do not count, copies between two articles of one outlet do;
* ``conflicting_figures``: quantities (``quantities.toml``, ages left out) on which an
  article of the row gives a figure that an article of another row contradicts: their
  ranges ("more than 30" allows 31 and up) do not overlap. An article's range spans
  every value it gives for the quantity.

Pipeline step: tables (one row per outlet, from the areas).
"""

from __future__ import annotations

import math
from collections import Counter
from pathlib import Path
from typing import Any

import pandas as pd

from .compare import figures_by_quantity, numeric_claims, reused_passages, reused_words
from .corpus import Corpus, articles_of
from .labels import ROW_UNITS, row_names
from .loaded import find_loaded, loaded_metrics
from .sourcing import find_quotes, sourcing_metrics, speaker_table
from .terms import FrameLexicon, find_terms, load_frame_lexicon, term_rates
from .typed_tables import typed_frame

__all__ = [
    "glance_table",
    "GLANCE_COLUMNS",
    "GLANCE_FAMILIES",
    "GLANCE_VOICES",
    "OFFICIAL_TYPES",
    "OPPOSITION_TYPES",
    "UNCOMPARED_QUANTITIES",
]

#: The frame families whose rates the table shows.
GLANCE_FAMILIES = ("war", "euphemism")
#: The voices each family's rate is split into.
GLANCE_VOICES = ("narrator", "quoted", "mention")
#: Source types (``source_types.toml``) counted as official: the state speaking.
OFFICIAL_TYPES = ("government", "state_official")
#: Source types counted as opposition: opposition and local politicians, activists.
OPPOSITION_TYPES = ("opposition_local",)
#: Quantities that never conflict: each age belongs to a different person.
UNCOMPARED_QUANTITIES = frozenset({"age"})
TOP_SOURCES = 3

_RATE_COLUMNS = [f"{family}_{voice}_per_1k" for family in GLANCE_FAMILIES for voice in GLANCE_VOICES]
_DTYPES = {
    "label": "str",
    "unit": "str",
    "articles": "int64",
    "words": "int64",
    **{column: "float64" for column in _RATE_COLUMNS},
    "quotes": "int64",
    "top_sources": "str",
    "official_share": "float64",
    "opposition_share": "float64",
    "distancing": "int64",
    "loaded_per_1k": "float64",
    "reused_share": "float64",
    "conflicting_figures": "int64",
}
GLANCE_COLUMNS = list(_DTYPES)
BY = ROW_UNITS


def glance_table(
    corpus: Corpus | pd.DataFrame,
    *,
    by: str = "auto",
    lexicon: FrameLexicon | None = None,
    lexicon_dir: str | Path | None = None,
    min_words: int = 8,
) -> pd.DataFrame:
    """One row per outlet (or per article) answering the framing questions; see the module for the columns.

    Args:
        corpus: a loaded corpus or its articles table.
        by: ``"outlet"`` groups the articles of each outlet into one row (an article
            with no outlet is a row of its own); ``"article"`` gives every article a row;
            ``"auto"`` (the default) is ``"outlet"`` when some outlet has two or more
            articles, else ``"article"``.
        lexicon: a frame lexicon (else the shipped one, or ``lexicon_dir``'s).
        lexicon_dir: a folder of lexicon files overriding the shipped ones.
        min_words: the shortest passage counted as reuse (as :func:`~analysis.compare.reused_passages`).

    Returns:
        A DataFrame with :data:`GLANCE_COLUMNS`, rows in the order their first article
        comes in the corpus; no rows for an empty corpus.
    """
    if by not in BY:
        raise ValueError(f"by must be one of {', '.join(BY)}, not {by!r}")
    articles = articles_of(corpus)
    if articles.empty:
        return typed_frame([], _DTYPES)
    lexicon = lexicon or load_frame_lexicon(lexicon_dir=lexicon_dir)
    names, keys = _rows(articles, by)  # each row's (label, unit); article id → its row's number

    def by_row(table: pd.DataFrame, columns: list[str], *, group: tuple[str, ...] = ()) -> dict[Any, dict[Any, Any]]:
        """Sums of ``columns`` of a per-article table over each row's articles (and ``group``), by row."""
        rows = table.assign(row=table["article"].astype(str).map(keys))
        return rows.groupby(["row", *group])[columns].sum().to_dict("index")

    rates = by_row(term_rates(find_terms(articles, lexicon=lexicon), articles, lexicon=lexicon),
                   ["count", "voice_words"], group=("family", "voice"))
    any_family = next(iter(lexicon.families))  # every family's rows carry the same word counts
    quotes = find_quotes(articles, lexicon_dir=lexicon_dir)
    sourcing = by_row(sourcing_metrics(quotes, articles), _sourcing_columns())
    loaded = by_row(loaded_metrics(find_loaded(articles, lexicon_dir=lexicon_dir), articles), ["loaded.narrator"])
    reuse = by_row(reused_words(reused_passages(articles, min_words=min_words), articles), ["words", "reused_words"])
    conflicts = _conflicts(numeric_claims(articles, lexicon_dir=str(lexicon_dir) if lexicon_dir else None), keys)
    sources = _top_sources(quotes, keys)
    sizes = Counter(keys.values())

    table = []
    for row, (label, unit) in enumerate(names):
        mine = sourcing[row]
        narrator_words = rates[(row, any_family, "narrator")]["voice_words"]
        table.append({
            "label": label,
            "unit": unit,
            "articles": sizes[row],
            "words": rates[(row, any_family, "all")]["voice_words"],
            **{f"{family}_{voice}_per_1k": _per_1k(rates[(row, family, voice)]["count"],
                                                   rates[(row, family, voice)]["voice_words"])
               if family in lexicon.families else math.nan
               for family in GLANCE_FAMILIES for voice in GLANCE_VOICES},
            "quotes": mine["sourcing.quotes"],
            "top_sources": sources.get(row, ""),
            "official_share": _share(sum(mine[f"sourcing.type_{t}"] for t in OFFICIAL_TYPES), mine["sourcing.quotes"]),
            "opposition_share": _share(sum(mine[f"sourcing.type_{t}"] for t in OPPOSITION_TYPES),
                                       mine["sourcing.quotes"]),
            "distancing": mine["sourcing.stance_distancing"],
            "loaded_per_1k": _per_1k(loaded[row]["loaded.narrator"], narrator_words),
            "reused_share": _share(reuse[row]["reused_words"], reuse[row]["words"], empty=0.0),
            "conflicting_figures": conflicts.get(row, 0),
        })
    return typed_frame(table, _DTYPES)


def _rows(articles: pd.DataFrame, by: str) -> tuple[list[tuple[str, str]], dict[str, int]]:
    """Each row's (label, unit), in corpus order, and the row number of every article."""
    ids = [str(a) for a in articles["article"]]
    outlets = ([o.strip() if isinstance(o, str) else "" for o in articles["outlet"]] if "outlet" in articles
               else [""] * len(ids))
    by, rows = row_names(articles, by=by)
    names: dict[tuple[str, str], int] = {}
    keys = {}
    for article, outlet, row in zip(ids, outlets, rows, strict=True):
        keys[article] = names.setdefault((row, "outlet" if by == "outlet" and outlet else "article"), len(names))
    return list(names), keys


def _sourcing_columns() -> list[str]:
    types = dict.fromkeys([*OFFICIAL_TYPES, *OPPOSITION_TYPES])
    return ["sourcing.quotes", *(f"sourcing.type_{t}" for t in types), "sourcing.stance_distancing"]


def _top_sources(quotes: pd.DataFrame, keys: dict[str, int]) -> dict[int, str]:
    """Row → "Name (n); …": the most quoted speakers of its articles, name variants merged corpus-wide."""
    speakers = speaker_table(quotes)
    columns = [c for c in speakers.columns if c in keys]  # the per-article columns
    names = [str(s) for s in speakers["speaker"]]
    counts: dict[int, Counter[str]] = {}
    # Only the cells with quotations: a large corpus has thousands of speakers by thousands of articles.
    cells = speakers[columns].to_numpy()
    for speaker, column in zip(*cells.nonzero(), strict=True):
        counts.setdefault(keys[columns[column]], Counter())[names[speaker]] += int(cells[speaker, column])
    found = {}
    for row, tally in counts.items():
        quoted = sorted(((n, name) for name, n in tally.items() if n > 0), key=lambda x: (-x[0], x[1].casefold(), x[1]))
        found[row] = "; ".join(f"{name} ({n})" for n, name in quoted[:TOP_SOURCES])
    return found


def _conflicts(claims: pd.DataFrame, keys: dict[str, int]) -> dict[int, int]:
    """Row → quantities on which one of its articles' figures and another row's article's cannot both hold.

    Each article's figure for a quantity is the range :func:`~analysis.compare.figures_by_quantity`
    gives (NaN bounds are open: "more than 30"); two figures conflict when their ranges do not overlap.
    """
    figures = figures_by_quantity(claims)
    figures = figures[~figures["quantity"].isin(UNCOMPARED_QUANTITIES)]
    counts: dict[int, int] = {}
    for _quantity, part in figures.groupby("quantity", sort=True):
        # A row conflicts when its lowest upper bound is below another row's highest lower bound, or
        # the reverse: so each row needs only its own extremes and the others' (the best two of all rows).
        bounds = pd.DataFrame({
            "row": part["article"].astype(str).map(keys),
            "low": part["low"].fillna(-math.inf),
            "high": part["high"].fillna(math.inf),
        }).groupby("row").agg(low=("low", "max"), high=("high", "min"))
        if len(bounds) < 2:
            continue
        lows = sorted(zip(bounds["low"], bounds.index, strict=True), reverse=True)[:2]
        highs = sorted(zip(bounds["high"], bounds.index, strict=True))[:2]
        for row, low, high in zip(bounds.index, bounds["low"], bounds["high"], strict=True):
            others_low = next(value for value, other in lows if other != row)
            others_high = next(value for value, other in highs if other != row)
            if high < others_low or others_high < low:
                counts[int(row)] = counts.get(int(row), 0) + 1
    return counts


def _per_1k(count: float, words: float) -> float:
    return round(1000 * float(count) / float(words), 4) if words else 0.0


def _share(part: float, whole: float, *, empty: float = math.nan) -> float:
    return round(float(part) / float(whole), 4) if whole else empty
