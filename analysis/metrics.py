"""The metrics table: one row per article, one ``<area>.<metric>`` column per measure.

Every area reads each article's :class:`~analysis.document.Document`; :func:`stream_metrics`
runs over a streamed corpus chunk by chunk, with the same rows as :func:`metrics_table`.

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

Pipeline step: tables.
"""

from __future__ import annotations

import pickle
import tempfile
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from typing import NamedTuple

import pandas as pd

from .corpus import Corpus, articles_of
from .loaded import find_loaded, loaded_metrics
from .overview import overview_table
from .readability import readability_table
from .sourcing import find_quotes, settled_speaker_types, sourcing_metrics
from .sourcing.source_types import TypeVotes, settled_type
from .terms import FrameLexicon, find_terms, load_frame_lexicon, term_rates
from .tone import sentence_tone, tone_metrics

__all__ = ["metrics_table", "stream_metrics", "AREAS"]


AREAS = ("corpus", "terms", "readability", "sourcing", "loaded", "tone")


def metrics_table(
    corpus: Corpus | pd.DataFrame,
    *,
    lexicon: FrameLexicon | None = None,
    areas: tuple[str, ...] = AREAS,
) -> pd.DataFrame:
    """All metrics (or those of ``areas``) for every article, in a fixed column order."""
    _check_areas(areas)
    votes: TypeVotes = {}
    part = _unsettled_metrics(corpus, lexicon=lexicon or load_frame_lexicon(), areas=areas, votes=votes)
    return _settled(part, settled_speaker_types(votes))


def stream_metrics(
    chunks: Iterable[Corpus],
    *,
    lexicon: FrameLexicon | None = None,
    areas: tuple[str, ...] = AREAS,
    on_errors: Callable[[pd.DataFrame], None] | None = None,
) -> Iterator[pd.DataFrame]:
    """:func:`metrics_table` over a streamed corpus (:func:`~analysis.corpus.stream_corpus`), chunk by chunk.

    The rows are those :func:`metrics_table` gives on the whole corpus. Only the
    ``sourcing.type_*`` columns depend on other articles (a speaker's type is what its
    descriptions across the corpus establish), so with the sourcing area each chunk's rows
    wait in a temporary file until every chunk has been read and the types are settled;
    memory holds one chunk and the speakers' type tallies (a count per speaker and type).
    ``on_errors`` receives each chunk's loading problems as soon as the chunk is read.
    """
    _check_areas(areas)
    lexicon = lexicon or load_frame_lexicon()
    votes: TypeVotes = {}
    if "sourcing" not in areas:  # nothing to settle: each chunk's rows are final
        for chunk in chunks:
            if on_errors is not None:
                on_errors(chunk.errors)
            if not chunk.articles.empty:
                yield _unsettled_metrics(chunk, lexicon=lexicon, areas=areas, votes=votes).table
        return
    with tempfile.TemporaryFile(prefix="framing-metrics-") as spool:
        parts = 0
        for chunk in chunks:
            if on_errors is not None:
                on_errors(chunk.errors)
            if not chunk.articles.empty:
                part = _unsettled_metrics(chunk, lexicon=lexicon, areas=areas, votes=votes)
                pickle.dump(part, spool, protocol=pickle.HIGHEST_PROTOCOL)
                parts += 1
        settled = settled_speaker_types(votes)
        spool.seek(0)
        for _ in range(parts):
            yield _settled(pickle.load(spool), settled)  # noqa: S301 (our own file, written above)


def _check_areas(areas: tuple[str, ...]) -> None:
    unknown = set(areas) - set(AREAS)
    if unknown:
        raise ValueError(f"unknown metric areas {sorted(unknown)}; choose from {AREAS}")


class _Unsettled(NamedTuple):
    """Metrics whose ``sourcing.type_*`` columns count each quotation's own type."""

    table: pd.DataFrame
    # Per row: sourced quotations whose type the corpus may settle, by speaker and own type.
    pending: list[dict[tuple[str, str], int]]


def _unsettled_metrics(
    corpus: Corpus | pd.DataFrame, *, lexicon: FrameLexicon, areas: tuple[str, ...], votes: TypeVotes
) -> _Unsettled:
    """The metrics of ``corpus``'s articles; speaker type tallies are added to ``votes``."""
    articles = articles_of(corpus)
    index = pd.Index(articles["article"], name="article", dtype="str")
    # Columns are gathered first and framed once: inserting a hundred columns one by one cost
    # more than some areas, on every chunk of ``framing metrics``.
    columns: dict[str, pd.Series] = {}
    pending: list[dict[tuple[str, str], int]] = []
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
        quotes = find_quotes(articles, corpus_types=False, type_votes=votes)
        _add_columns(columns, sourcing_metrics(quotes, articles), index)
        pending = _typed_speakers(quotes, [str(a) for a in articles["article"]])
    return _Unsettled(pd.DataFrame(columns, index=index).reset_index(), pending)


def _typed_speakers(quotes: pd.DataFrame, ids: list[str]) -> list[dict[tuple[str, str], int]]:
    """For each article of ``ids``: its sourced quotations with a speaker, counted by speaker and own type."""
    found: dict[str, Counter[tuple[str, str]]] = {}
    for article, kind, speaker, speaker_type in zip(
        quotes["article"], quotes["kind"], quotes["speaker"], quotes["speaker_type"], strict=True
    ):
        if kind != "mention" and isinstance(speaker, str):
            found.setdefault(str(article), Counter())[(speaker, str(speaker_type))] += 1
    return [dict(found.get(article, {})) for article in ids]


def _settled(part: _Unsettled, settled: dict[str, str]) -> pd.DataFrame:
    """``part``'s table with each quotation counted under its speaker's settled type (see ``settled_type``)."""
    table = part.table
    deltas: dict[str, list[int]] = {}
    for row, speakers in enumerate(part.pending):
        for (speaker, own), count in speakers.items():
            kind = settled_type(speaker, own, settled)
            if kind != own:
                deltas.setdefault(f"sourcing.type_{own}", [0] * len(table))[row] -= count
                deltas.setdefault(f"sourcing.type_{kind}", [0] * len(table))[row] += count
    for column, delta in deltas.items():
        table[column] = table[column] + pd.Series(delta, index=table.index, dtype="int64")
    return table


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
