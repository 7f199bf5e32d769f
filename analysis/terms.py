"""Term usage: which framing words each article chooses, and in whose voice.

Matching is one Aho–Corasick pass per article over a length-preserving
normalisation of the text (lower case, one kind of dash and apostrophe, one
kind of space), so every hit maps straight back to source offsets.

References:
    Aho, A. V. and Corasick, M. J. (1975). Efficient string matching: an aid to
    bibliographic search. *Communications of the ACM* 18(6).

Pipeline step: areas.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any, NamedTuple

import numpy as np
import pandas as pd

from .corpus import Corpus, iter_articles
from .document import Document, documents
from .lexicon import read_lexicon
from .matching import NORMALISE, Exclusion, build_automaton, inflections, match
from .name_context import HeadlineCase, names_something
from .outlet_names import load_outlets, name_exclusions
from .typed_tables import typed_frame
from .voice import VOICES

__all__ = [
    "FrameLexicon",
    "load_frame_lexicon",
    "find_terms",
    "document_terms",
    "term_rates",
    "kwic",
    "rates_wide",
    "term_summary",
    "TERM_COLUMNS",
    "RATE_COLUMNS",
    "KWIC_COLUMNS",
]

_TERM_DTYPES = {
    "article": "str", "start": "int64", "end": "int64", "text": "str", "term": "str", "family": "str", "voice": "str",
}
TERM_COLUMNS = list(_TERM_DTYPES)
RATE_COLUMNS = ["article", "family", "voice", "count", "voice_words", "per_1k", "per_1k_total"]
_RATE_DTYPES = {"article": "str", "family": "str", "voice": "str", "count": "int64", "voice_words": "int64",
                "total_words": "int64"}
KWIC_COLUMNS = ["article", "start", "end", "left", "match", "right", "voice", "term", "family"]

class FrameLexicon(NamedTuple):
    """A frame lexicon: families, and every surface form mapped to its entry."""

    name: str
    path: str
    families: dict[str, dict[str, str]]  # family → {"label", "description"}
    forms: dict[str, tuple[str, str]]  # normalised surface form → (term, family)
    automaton: Any
    exclusions: dict[str, Exclusion]  # normalised surface form of an exclusion phrase → its payload


def _surface_forms(form: str) -> set[str]:
    """The form, its plural, and its hyphen / space / closed-up variants."""
    return inflections(form, nouns=True)


def load_frame_lexicon(path: str | Path | None = None, lexicon_dir: str | Path | None = None) -> FrameLexicon:
    """Read a frame lexicon (the shipped ``frames.toml`` by default).

    Each family's ``exclude`` phrases ("Cold War", "heart attack") go into the same
    automaton as the terms: a term inside one is not a hit (see :mod:`analysis.matching`).
    So do the names of outlets (``outlets.toml``, the one in ``lexicon_dir`` first) that
    hold a term.

    Raises:
        LexiconError: the file is missing, not TOML, or does not fit ``schemas/lexicons/frames.schema.json``.
    """
    source = path or "frames"
    data = read_lexicon(source, lexicon_dir, kind="frames")
    families: dict[str, dict[str, str]] = {}
    forms: dict[str, tuple[str, str]] = {}
    exclusions: dict[str, Exclusion] = {}
    for family, spec in data["families"].items():
        families[family] = {
            "label": spec.get("label", family),
            "description": spec.get("description", ""),
        }
        variants = spec.get("variants", {})
        for term in spec["terms"]:
            for surface in [term, *variants.get(term, [])]:
                for form in _surface_forms(surface):
                    forms[form] = (term, family)
        for phrase in spec.get("exclude", []):
            for form in _surface_forms(phrase):
                exclusions.setdefault(form, Exclusion(phrase))
    # A term's own form never becomes an exclusion (the schema's cross-check rejects the listing).
    entries: dict[str, Any] = {**{f: e for f, e in exclusions.items() if f not in forms}, **forms}
    plain = build_automaton(entries.items())
    # An outlet's name that holds a term blocks it, as an exclusion phrase does.
    blocked = name_exclusions(load_outlets(lexicon_dir), plain, entries)
    automaton = build_automaton([*entries.items(), *blocked]) if blocked else plain
    name = str(data.get("meta", {}).get("name", source))
    return FrameLexicon(name, str(source), families, forms, automaton, exclusions)


def _match(doc: Document, lexicon: FrameLexicon) -> list[tuple[int, int, str, str]]:
    """Whole-word hits, overlaps resolved longest first."""
    hits = match(doc.text, lexicon.automaton, normalised=doc.normalised)
    return [(start, end, term, family) for start, end, (term, family) in hits]


def find_terms(corpus: Corpus | pd.DataFrame, *, lexicon: FrameLexicon | None = None) -> pd.DataFrame:
    """Every lexicon hit outside excluded regions and names, with its voice.

    Returns:
        A DataFrame with ``TERM_COLUMNS``; ``text == source[start:end]``.
    """
    lexicon = lexicon or load_frame_lexicon()
    return typed_frame([hit for doc in documents(corpus) for hit in document_terms(doc, lexicon=lexicon)], _TERM_DTYPES)


def document_terms(doc: Document, *, lexicon: FrameLexicon) -> list[tuple[str, int, int, str, str, str, str]]:
    """The lexicon hits of one document, as ``TERM_COLUMNS`` tuples (see :func:`find_terms`).

    A capitalised term followed by a capitalised word is part of a name ("Crisis Group",
    "Occupy Wall Street"), unless its paragraph is in headline case.
    """
    index = doc.voice
    text = doc.text
    headline: HeadlineCase | None = None
    rows = []
    for start, end, term, family in _match(doc, lexicon):
        if index.is_excluded(start, end):
            continue
        if names_something(text, start, end):
            headline = headline or HeadlineCase(text, doc.paragraphs)
            if not headline.at(start):
                continue
        rows.append((doc.article, start, end, text[start:end], term, family, index.voice(start, end)))
    return rows


def term_rates(
    hits: pd.DataFrame, corpus: Corpus | pd.DataFrame, *, lexicon: FrameLexicon | None = None
) -> pd.DataFrame:
    """Counts and rates per 1,000 words, for every article × family × voice.

    ``per_1k`` divides by the words of that voice (narrator or quoted; the
    whole counted text for ``mention`` and ``all``); ``per_1k_total`` divides by
    the whole counted text, so the voices of a family stack to its total.
    """
    lexicon = lexicon or load_frame_lexicon()
    # A plain count over the columns: a groupby cost more than the rest, on every chunk of a corpus.
    counts = Counter(zip(hits["article"].tolist(), hits["family"].tolist(), hits["voice"].tolist(), strict=True))
    rows = []
    for doc in documents(corpus):
        art = doc.meta
        words = doc.words()
        denominators = {"narrator": words.narrator, "quoted": words.quoted, "mention": words.total}
        for family in lexicon.families:
            total = 0
            for voice in VOICES:
                n = counts[(art.article, family, voice)]
                total += n
                rows.append((art.article, family, voice, n, denominators[voice], words.total))
            rows.append((art.article, family, "all", total, words.total, words.total))
    if not rows:  # pandas' own empty table, as it always was
        table = pd.DataFrame(rows, columns=[*RATE_COLUMNS[:5], "total_words"])
        table["per_1k"] = _per_1k(table["count"], table["voice_words"])
        table["per_1k_total"] = _per_1k(table["count"], table.pop("total_words"))
        return table
    table = typed_frame(rows, _RATE_DTYPES)
    count = table["count"].to_numpy()
    table["per_1k"] = _per_1k_values(count, table["voice_words"].to_numpy())
    table["per_1k_total"] = _per_1k_values(count, table.pop("total_words").to_numpy())
    return table


def _per_1k(count: pd.Series, words: pd.Series) -> pd.Series:
    return (1000 * count / words.where(words > 0)).fillna(0.0).round(4)


def _per_1k_values(count: np.ndarray, words: np.ndarray) -> np.ndarray:
    """:func:`_per_1k` on arrays: the same operations, without a Series around each step."""
    rate = 1000 * count / np.where(words > 0, words, np.nan)
    return np.round(np.where(np.isnan(rate), 0.0, rate), 4)


def kwic(
    hits: pd.DataFrame,
    corpus: Corpus | pd.DataFrame,
    *,
    term: str | None = None,
    window: int = 60,
) -> pd.DataFrame:
    """Keyword-in-context lines for the hits of one canonical ``term`` (all hits if None).

    Context is cut at ``window`` characters each side, with line breaks shown as spaces.
    """
    texts = {art.article: art.text for art in iter_articles(corpus)}
    chosen = hits if term is None else hits[hits["term"].str.lower() == term.lower()]
    rows = []
    for article, start, end, hit_text, voice, canonical, family in zip(
        chosen["article"], chosen["start"], chosen["end"], chosen["text"], chosen["voice"], chosen["term"],
        chosen["family"], strict=True,
    ):
        text = texts[str(article)]
        left = text[max(0, int(start) - window) : int(start)].translate(NORMALISE)
        right = text[int(end) : int(end) + window].translate(NORMALISE)
        rows.append((article, start, end, left, hit_text, right, voice, canonical, family))
    return pd.DataFrame(rows, columns=KWIC_COLUMNS)


def rates_wide(rates: pd.DataFrame, *, voice: str = "all", value: str = "per_1k") -> pd.DataFrame:
    """Article × family table of one voice's ``value`` (``per_1k`` or ``count``)."""
    part = rates[rates["voice"] == voice]
    families = list(dict.fromkeys(part["family"]))
    articles = list(dict.fromkeys(part["article"]))
    wide = part.pivot(index="article", columns="family", values=value)
    return wide.reindex(index=articles, columns=families)


def term_summary(hits: pd.DataFrame, *, terms: list[str]) -> dict[str, int]:
    """Named counts for the notebook's summary: hits by family, by voice, and for ``terms``."""
    summary: dict[str, int] = {"hits": len(hits)}
    for (family, voice), n in Counter(zip(hits["family"], hits["voice"], strict=True)).items():
        summary[f"{family}.{voice}"] = n
    for family, n in Counter(hits["family"]).items():
        summary[str(family)] = n
    for term in terms:
        chosen = hits[hits["term"].str.lower() == term.lower()]
        for voice in VOICES:
            summary[f"term.{term}.{voice}"] = int((chosen["voice"] == voice).sum())
    return dict(sorted(summary.items()))
