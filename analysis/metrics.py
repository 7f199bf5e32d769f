"""The metrics table: one row per article, one ``<area>.<metric>`` column per measure.

Columns (the README documents each):

* ``corpus.*``: words, counted (non-excluded) words, narrator and quoted words;
* ``terms.<family>``, ``terms.<family>_per_1k`` and, for each voice,
  ``terms.<family>_<voice>`` and ``terms.<family>_<voice>_per_1k`` (rates per
  1,000 words of that voice; mentions per 1,000 counted words);
* ``readability.<formula>``, ``readability.words``, ``readability.sentences``
  for the cleaned text, and ``readability.narrator_<...>`` for the narrator-only text;
* ``readability.quoted_<...>`` for the text inside sourced quotations;
* ``sourcing.*``: quotations by kind, named sources, quoted-word share, source
  types and cue stances (see :func:`analysis.sourcing.sourcing_metrics`);
* ``loaded.*``: loaded words per 1,000 narrator and quoted words, polarity balance,
  intensifiers, hedges and top terms; ``tone.*``: mean VADER compound by voice.
"""

from __future__ import annotations

import pandas as pd

from .corpus import Corpus, articles_of
from .loaded import find_loaded, loaded_metrics
from .overview import overview_table
from .readability import readability_table
from .sourcing import find_quotes, sourcing_metrics
from .terms import FrameLexicon, find_terms, load_frame_lexicon, term_rates
from .tone import sentence_tone, tone_metrics

__all__ = ["metrics_table", "AREAS"]


AREAS = ("corpus", "terms", "readability", "sourcing", "loaded", "tone")


def metrics_table(
    corpus: Corpus | pd.DataFrame,
    *,
    lexicon: FrameLexicon | None = None,
    areas: tuple[str, ...] = AREAS,
) -> pd.DataFrame:
    """All metrics (or those of ``areas``) for every article, in a fixed column order."""
    unknown = set(areas) - set(AREAS)
    if unknown:
        raise ValueError(f"unknown metric areas {sorted(unknown)}; choose from {AREAS}")
    lexicon = lexicon or load_frame_lexicon()
    articles = articles_of(corpus)
    index = pd.Index(articles["article"], name="article", dtype="str")
    # Columns are gathered first and framed once: inserting a hundred columns one by one cost
    # more than some areas, on every chunk of ``framing metrics``.
    columns: dict[str, pd.Series] = {}
    if "corpus" in areas:
        overview = _by_article(overview_table(articles), index)
        for column in ("words", "counted_words", "narrator_words", "quoted_words"):
            columns[f"corpus.{column}"] = overview[column].astype("int64")
    if "terms" in areas:
        _add_terms(columns, articles, lexicon, index)
    if "readability" in areas:
        _add_readability(columns, articles, index)
    if "loaded" in areas:
        _add_columns(columns, loaded_metrics(find_loaded(articles), articles), index)
    if "tone" in areas:
        _add_columns(columns, tone_metrics(sentence_tone(articles), articles), index)
    if "sourcing" in areas:
        _add_columns(columns, sourcing_metrics(find_quotes(articles), articles), index)
    return pd.DataFrame(columns, index=index).reset_index()


def _by_article(part: pd.DataFrame, index: pd.Index) -> pd.DataFrame:
    """A one-row-per-article table keyed by article, with the table's own index when its rows are in that order.

    Sharing the index spares aligning every column again when the table is framed; rows in
    another order are aligned by article, as they always were.
    """
    if part["article"].tolist() == index.tolist():
        return part.drop(columns="article").set_axis(index)
    return part.set_index("article")


def _add_columns(columns: dict[str, pd.Series], part: pd.DataFrame, index: pd.Index) -> None:
    """Every column of a one-row-per-article table."""
    part = _by_article(part, index)
    for column in part.columns:
        columns[str(column)] = part[column]


def _add_terms(columns: dict[str, pd.Series], articles: pd.DataFrame, lexicon: FrameLexicon, index: pd.Index) -> None:
    rates = term_rates(find_terms(articles, lexicon=lexicon), articles, lexicon=lexicon)
    # Row positions of each (family, voice) in one pass, rather than a filter of the table for each.
    rows: dict[tuple[str, str], list[int]] = {}
    for position, key in enumerate(zip(rates["family"].tolist(), rates["voice"].tolist(), strict=True)):
        rows.setdefault(key, []).append(position)
    article = rates["article"].to_numpy(dtype=object)
    count = rates["count"].to_numpy(dtype="int64")  # typed also on an empty corpus
    per_1k = rates["per_1k"].to_numpy(dtype="float64")
    in_order = index.tolist()
    for family in lexicon.families:
        for voice in ("all", "narrator", "quoted", "mention"):
            positions = rows.get((family, voice), [])
            keys = article[positions]
            keyed = index if keys.tolist() == in_order else pd.Index(keys, name="article", dtype="str")
            name = family if voice == "all" else f"{family}_{voice}"
            columns[f"terms.{name}"] = pd.Series(count[positions], index=keyed)
            columns[f"terms.{name}_per_1k"] = pd.Series(per_1k[positions], index=keyed)


def _add_readability(columns: dict[str, pd.Series], articles: pd.DataFrame, index: pd.Index) -> None:
    readability = readability_table(articles, voices=("all", "narrator", "quoted"))
    for voice, prefix in (("all", ""), ("narrator", "narrator_"), ("quoted", "quoted_")):
        part = _by_article(readability[readability["voice"] == voice].drop(columns="voice"), index)
        for column in part.columns:
            values = part[column]  # typed also on an empty corpus
            counts = column in ("words", "sentences")
            columns[f"readability.{prefix}{column}"] = values.astype("int64") if counts else values.astype("float64")
