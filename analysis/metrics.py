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
    overview = overview_table(articles).set_index("article") if "corpus" in areas else None
    table = pd.DataFrame(index=pd.Index(articles["article"], name="article", dtype="str"))
    if "corpus" in areas:
        for column in ("words", "counted_words", "narrator_words", "quoted_words"):
            table[f"corpus.{column}"] = overview[column].astype("int64")  # type: ignore[index]
    if "terms" in areas:
        _add_terms(table, articles, lexicon)
    if "readability" in areas:
        _add_readability(table, articles)
    if "loaded" in areas:
        loaded = loaded_metrics(find_loaded(articles), articles).set_index("article")
        for column in loaded.columns:
            table[column] = loaded[column]
    if "tone" in areas:
        tone = tone_metrics(sentence_tone(articles), articles).set_index("article")
        for column in tone.columns:
            table[column] = tone[column]
    if "sourcing" in areas:
        sourcing = sourcing_metrics(find_quotes(articles), articles).set_index("article")
        for column in sourcing.columns:
            table[column] = sourcing[column]
    return table.reset_index()


def _add_terms(table: pd.DataFrame, articles: pd.DataFrame, lexicon: FrameLexicon) -> None:
    rates = term_rates(find_terms(articles, lexicon=lexicon), articles, lexicon=lexicon)
    for family in lexicon.families:
        for voice in ("all", "narrator", "quoted", "mention"):
            part = rates[(rates["family"] == family) & (rates["voice"] == voice)].set_index("article")
            name = family if voice == "all" else f"{family}_{voice}"
            table[f"terms.{name}"] = part["count"].astype("int64")  # also on an empty corpus
            table[f"terms.{name}_per_1k"] = part["per_1k"].astype("float64")


def _add_readability(table: pd.DataFrame, articles: pd.DataFrame) -> None:
    readability = readability_table(articles, voices=("all", "narrator", "quoted"))
    for voice, prefix in (("all", ""), ("narrator", "narrator_"), ("quoted", "quoted_")):
        part = readability[readability["voice"] == voice].set_index("article").drop(columns="voice")
        for column in part.columns:
            values = part[column]  # typed also on an empty corpus
            counts = column in ("words", "sentences")
            table[f"readability.{prefix}{column}"] = values.astype("int64") if counts else values.astype("float64")
