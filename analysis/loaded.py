"""Loaded language: the writer's judgement words, by voice, with a score.

A curated lexicon (``loaded.toml``) is matched in one pass by
:mod:`analysis.matching`; context rules then drop what is not loaded here:

* **negation**: "not catastrophic", "no fiasco" (a negator up to three words before);
* **proper names**: "Liberal Party", "Grim Reaper" (a capitalised hit inside a run of
  capitalised words, unless the whole paragraph is in headline case; see
  :mod:`analysis.name_context`); a word inside a known outlet's name (``outlets.toml``)
  or fused to a name ("Censor.NET", "@censor") is never a hit (:mod:`analysis.matching`);
* **excluded regions**: boilerplate and captions, as for every metric.

Each hit gets its voice (narrator, quoted or mention) from the shared
:class:`~analysis.voice.VoiceIndex`, and a score: the lexicon's 1–3, plus half the
absolute VADER valence of the word where VADER knows it (so "catastrophic" outranks
"dramatic"). Intensifiers and hedges are reported with ``loaded`` False and never counted.

References:
    Da San Martino, G. et al. (2020). SemEval-2020 Task 11: Detection of propaganda
    techniques in news articles.
    Spinde, T. et al. (2021). Neural media bias detection using distant supervision with
    BABE. Findings of EMNLP.
    Hutto, C. J. and Gilbert, E. (2014). VADER: A parsimonious rule-based model for
    sentiment analysis of social media text. ICWSM.

Pipeline step: areas.
"""

from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache
from pathlib import Path
from typing import Any, NamedTuple

import pandas as pd

from .corpus import Corpus, articles_of
from .document import documents
from .lexicon import LexiconFile, lexicon_file, read_lexicon
from .matching import build_automaton, inflections, match
from .name_context import HeadlineCase, part_of_name
from .outlet_names import name_exclusions, outlets_in
from .typed_tables import typed_frame

__all__ = [
    "LOADED_CATEGORIES",
    "MODIFIER_CATEGORIES",
    "LOADED_COLUMNS",
    "highlight_article",
    "LEVELS",
    "LoadedLexicon",
    "load_loaded_lexicon",
    "find_loaded",
    "loaded_metrics",
    "top_loaded_terms",
    "loaded_summary",
    "highlight",
    "HighlightedText",
]

LOADED_CATEGORIES = ("adjective", "adverb", "noun", "verb", "phrase")
MODIFIER_CATEGORIES = ("intensifier", "hedge")
_LOADED_DTYPES = {
    "article": "str", "start": "int64", "end": "int64", "text": "str", "term": "str", "category": "str",
    "voice": "str", "score": "float64", "level": "str", "polarity": "str", "loaded": "bool",
}
LOADED_COLUMNS = list(_LOADED_DTYPES)
_METRIC_DTYPES = {
    "article": "str", "loaded.narrator": "int64", "loaded.narrator_per_1k": "float64", "loaded.quoted": "int64",
    "loaded.quoted_per_1k": "float64", "loaded.positive": "int64", "loaded.negative": "int64",
    "loaded.balance": "float64", "loaded.intensifiers": "int64", "loaded.hedges": "int64", "loaded.top_terms": "str",
}
LEVELS = ("mild", "moderate", "strong")
_BASE_SCORES = {"mild": 1.0, "words": 2.0, "strong": 3.0}
_LEVEL_NAMES = {"mild": "mild", "words": "moderate", "strong": "strong"}
_NEGATORS = re.compile(r"\b(?:not|never|no|hardly|scarcely|neither|nor|without|n[o']t)\s+(?:\w+\s+){0,2}$", re.I)


class LoadedLexicon(NamedTuple):
    """Surface forms mapped to (term, category, score, polarity)."""

    name: str
    automaton: Any
    entries: dict[str, tuple[str, str, float, str, str]]


@lru_cache(maxsize=1)
def _vader_lexicon() -> dict[str, float]:
    """VADER's word valences (shipped inside the vaderSentiment package), or {} without it."""
    try:
        from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer
    except ImportError:
        return {}
    return dict(SentimentIntensityAnalyzer().lexicon)


def load_loaded_lexicon(path: str | Path | None = None, lexicon_dir: str | Path | None = None) -> LoadedLexicon:
    """Read ``loaded.toml`` (or a user's file with the same keys); an edited file is read again.

    Raises:
        LexiconError: the file is missing, not TOML, or does not fit ``schemas/lexicons/loaded.schema.json``.
    """
    source = str(path or "loaded")
    return _build_loaded_lexicon(lexicon_file(source, lexicon_dir), lexicon_file("outlets", lexicon_dir), source)


@lru_cache(maxsize=8)
def _build_loaded_lexicon(file: LexiconFile, outlets_file: LexiconFile, source: str) -> LoadedLexicon:
    data = read_lexicon(file, kind="loaded")
    categories = data["categories"]
    positive = {w.lower() for w in data.get("polarity", {}).get("positive", [])}
    valence = _vader_lexicon()
    entries: dict[str, tuple[str, str, float, str, str]] = {}
    for category, spec in categories.items():
        listings = [(level, term, False) for level in _BASE_SCORES for term in spec.get(level, [])]
        listings += [(level, term, True) for level in _BASE_SCORES for term in spec.get("exact", {}).get(level, [])]
        for level, term, exact in listings:
            term = " ".join(term.lower().split())
            score = _BASE_SCORES[level] + round(abs(valence.get(term, 0.0)) / 2, 2)
            polarity = "positive" if term in positive else "negative"
            forms = {term} if exact else inflections(term, nouns=category == "noun", verbs=category == "verb")
            if category == "adjective" and not exact and " " not in term:
                adverb = _adverb(term)  # generalise: "ridiculous" → "ridiculously"
                if adverb not in entries:
                    entries[adverb] = (term, "adverb", score, _LEVEL_NAMES[level], polarity)
            for form in forms:
                # The first listing wins; a stronger listing of the same form replaces it.
                if form not in entries or entries[form][2] < score:
                    entries[form] = (term, category, score, _LEVEL_NAMES[level], polarity)
    # An outlet's name that holds a loaded word blocks it ("Censor" in a "Censor Daily").
    plain = build_automaton(entries.items())
    blocked = name_exclusions(outlets_in(outlets_file), plain, entries)
    automaton = build_automaton([*entries.items(), *blocked]) if blocked else plain
    return LoadedLexicon(str(data.get("meta", {}).get("name", source)), automaton, entries)


_FUNCTION_WORDS = frozenset(
    """a an the and or but nor of to in on at by for with from as than that which who whom whose this these those
    is are was were be been being has have had do does did it its he she they we you i his her their our your
    not no so such very too also just only even if when while because unless after before until since though
    although whether then now today yesterday tomorrow again still already later earlier soon here there""".split()
)
_NEXT_WORD = re.compile(r"[ \t]+([a-z][a-z’'-]*)")


def _modified_word_end(text: str, end: int) -> int:
    """End of the word a loaded modifier bears on, when it follows directly ("catastrophic week")."""
    following = _NEXT_WORD.match(text, end)
    if following and following.group(1) not in _FUNCTION_WORDS:
        return following.end(1)
    return end


_LEADING = re.compile(
    r"(?<![\w’'-])(a|an|the|very|so|too|most|more|truly|utterly|deeply|highly|extremely)[ \t]+$", re.I
)


def _leading_modifier_start(text: str, start: int) -> int:
    """Start of an article or intensifier directly before a loaded modifier ("a staggering …")."""
    before = _LEADING.search(text, max(0, start - 20), start)
    return before.start(1) if before else start


_NP_BEFORE = re.compile(
    r"(?<![\w’'-])(?:((?i:a|an|the|this|that|such|what|his|her|their|its|our|my|your))[ \t]+)?"
    r"((?<![\w’'-])[a-z][a-z’'-]*[ \t]+)?$"
)


def _noun_phrase_start(text: str, start: int) -> int:
    """Start of the article and one modifier before a loaded noun ("a total charade")."""
    found = _NP_BEFORE.search(text, max(0, start - 30), start)
    if not found or found.start() == start:
        return start
    if found.group(2) and found.group(2).strip() in _FUNCTION_WORDS:
        return found.start(2) + len(found.group(2)) if not found.group(1) else start
    return found.start()


_OBJECT = re.compile(r"[ \t]+(?:(?:the|a|an|his|her|their|its)[ \t]+)?([a-z][a-z’'-]*)")


def _object_end(text: str, end: int) -> int:
    """End of the object a loaded verb acts on, when it follows directly ("slammed the plan")."""
    found = _OBJECT.match(text, end)
    if found and found.group(1) not in _FUNCTION_WORDS:
        return found.end(1)
    return end


def _trim_space(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _adverb(adjective: str) -> str:
    """The regular adverb of an adjective: absurd → absurdly, angry → angrily, horrific → horrifically."""
    if adjective.endswith("ic"):
        return adjective + "ally"
    if adjective.endswith("le") and len(adjective) > 3:
        return adjective[:-1] + "y"
    if adjective.endswith("y") and len(adjective) > 2 and adjective[-2] not in "aeiou":
        return adjective[:-1] + "ily"
    return adjective + "ly"


def find_loaded(
    corpus: Corpus | pd.DataFrame,
    *,
    lexicon: LoadedLexicon | None = None,
    lexicon_dir: str | Path | None = None,
) -> pd.DataFrame:
    """Every loaded word or phrase (and intensifier and hedge) outside excluded regions.

    Returns:
        A DataFrame with ``LOADED_COLUMNS``; ``text == source[start:end]``; ``loaded`` is
        False for intensifiers and hedges, which are reported but not counted.
    """
    lexicon = lexicon or load_loaded_lexicon(None, str(lexicon_dir) if lexicon_dir else None)
    rows = []
    for doc in documents(corpus):
        art = doc.meta
        hits = match(art.text, lexicon.automaton, normalised=doc.normalised)
        if not hits:
            continue
        index = doc.voice
        headline = HeadlineCase(art.text, doc.paragraphs)
        bounds = [(h[0], h[1]) for h in hits]
        for number, (start, end, (term, category, score, level, polarity)) in enumerate(hits):
            floor = bounds[number - 1][1] if number else 0
            ceiling = bounds[number + 1][0] if number + 1 < len(bounds) else len(art.text)
            if index.is_excluded(start, end):
                continue
            if _NEGATORS.search(art.text, max(0, start - 40), start):
                continue
            if part_of_name(art.text, start, end) and not headline.at(start):
                continue
            modifier = category in MODIFIER_CATEGORIES
            # Spans grow over the words the hit bears on, never into a neighbouring hit.
            if category in ("adjective", "adverb"):
                end = min(_modified_word_end(art.text, end), ceiling)  # "staggering loss"
                start = max(_leading_modifier_start(art.text, start), floor)  # "a staggering loss"
            elif category == "noun":
                start = max(_noun_phrase_start(art.text, start), floor)  # "a total charade"
            elif category == "verb":
                end = min(_object_end(art.text, end), ceiling)  # "slammed the plan"
            start, end = _trim_space(art.text, start, end)
            rows.append((art.article, start, end, art.text[start:end], term, category, index.voice(start, end),
                         score, level, polarity, not modifier))
    return typed_frame(rows, _LOADED_DTYPES)


def top_loaded_terms(hits: pd.DataFrame, *, voice: str = "narrator", n: int = 5) -> pd.DataFrame:
    """Each article's most frequent loaded terms in one voice (ties by score, then term), articles in order."""
    # One pass over plain lists: a pandas groupby and sort cost more than finding the hits, chunk by chunk.
    tally: dict[tuple[str, str], list[Any]] = {}  # (article, term) → [count, highest score]
    for article, term, score, is_loaded, its_voice in zip(
        hits["article"].tolist(), hits["term"].tolist(), hits["score"].tolist(), hits["loaded"].tolist(),
        hits["voice"].tolist(), strict=True,
    ):
        if not is_loaded or its_voice != voice:
            continue
        seen = tally.get((article, term))
        if seen is None:
            tally[(article, term)] = [1, score]
        else:
            seen[0] += 1
            seen[1] = max(seen[1], score)
    if not tally:
        return pd.DataFrame(columns=["article", "term", "count", "score"])
    by_article: dict[str, list[tuple[str, str, int, float]]] = {}
    for (article, term), (count, score) in sorted(tally.items(), key=_rank):
        by_article.setdefault(article, []).append((article, term, count, score))
    rows = [row for ranked in by_article.values() for row in ranked[:n]]  # n < 0 drops the last, as head(n)
    return typed_frame(rows, {"article": "str", "term": "str", "count": "int64", "score": "float64"})


def _rank(item: tuple[tuple[str, str], list[Any]]) -> tuple[str, int, float, str]:
    """Article, then more hits, then higher score, then term."""
    (article, term), (count, score) = item
    return article, -count, -score, term


def loaded_metrics(hits: pd.DataFrame, corpus: Corpus | pd.DataFrame) -> pd.DataFrame:
    """``loaded.*`` columns, one row per article (the README documents each)."""
    top = top_loaded_terms(hits, n=3)
    tops = top.groupby("article")["term"].agg("; ".join).to_dict() if len(top) else {}
    # One pass over plain lists: per-article DataFrame filtering dominated this function.
    counts: dict[str, Counter[str]] = {}
    for article, is_loaded, voice, polarity, category in zip(
        hits["article"].tolist(), hits["loaded"].tolist(), hits["voice"].tolist(), hits["polarity"].tolist(),
        hits["category"].tolist(), strict=True,
    ):
        tally = counts.setdefault(article, Counter())
        tally[f"category:{category}"] += 1
        if is_loaded:
            tally[f"voice:{voice}"] += 1
            tally[f"polarity:{polarity}"] += 1
    rows = []
    for doc in documents(corpus):
        art = doc.meta
        words = doc.words()
        tally = counts.get(art.article, Counter())
        narrator, quoted = tally["voice:narrator"], tally["voice:quoted"]
        positive, negative = tally["polarity:positive"], tally["polarity:negative"]
        rows.append({
            "article": art.article,
            "loaded.narrator": narrator,
            "loaded.narrator_per_1k": round(1000 * narrator / words.narrator, 4) if words.narrator else 0.0,
            "loaded.quoted": quoted,
            "loaded.quoted_per_1k": round(1000 * quoted / words.quoted, 4) if words.quoted else 0.0,
            "loaded.positive": positive,
            "loaded.negative": negative,
            "loaded.balance": round((positive - negative) / (positive + negative), 4) if positive + negative else 0.0,
            "loaded.intensifiers": tally["category:intensifier"],
            "loaded.hedges": tally["category:hedge"],
            "loaded.top_terms": tops.get(art.article, ""),
        })
    return typed_frame(rows, _METRIC_DTYPES)


def loaded_summary(hits: pd.DataFrame) -> dict[str, int]:
    """Named key figures for the loaded-language notebook's summary file."""
    loaded = hits[hits["loaded"]]
    summary: dict[str, int] = {"loaded": len(loaded), "intensifiers": int((hits["category"] == "intensifier").sum()),
                               "hedges": int((hits["category"] == "hedge").sum())}
    for voice in ("narrator", "quoted", "mention"):
        summary[f"voice.{voice}"] = int((loaded["voice"] == voice).sum())
    for category in LOADED_CATEGORIES:
        summary[f"category.{category}"] = int((loaded["category"] == category).sum())
    for level in LEVELS:
        summary[f"level.{level}"] = int((loaded["level"] == level).sum())
    return dict(sorted(summary.items()))


class HighlightedText(str):
    """An HTML fragment that notebooks display as HTML (and print as its source)."""

    def _repr_html_(self) -> str:
        return str(self)


_CATEGORY_COLOURS = {"adjective": "#E69F00", "adverb": "#F0E442", "noun": "#D55E00", "verb": "#CC79A7",
                     "phrase": "#56B4E9", "intensifier": "#DDDDDD", "hedge": "#DDDDDD"}


def highlight_article(corpus: Corpus | pd.DataFrame, hits: pd.DataFrame, *, position: int = 0) -> HighlightedText:
    """The article at ``position`` (0-based, in corpus order) highlighted by :func:`highlight`.

    A position past the corpus's end gives a one-line notice instead of an error.
    """
    articles = articles_of(corpus)
    if not 0 <= position < len(articles):
        return HighlightedText(f"<p>No article at position {position}: the corpus has {len(articles)} "
                               f"analysable article{'s' if len(articles) != 1 else ''}.</p>")
    article = articles["article"].iloc[position]
    return highlight(articles["text"].iloc[position], hits[hits["article"] == article])


def highlight(text: str, hits: pd.DataFrame) -> HighlightedText:
    """One article as HTML with each span marked by category (colour) and voice (underline when quoted).

    The article text is HTML-escaped; spans that overlap an earlier one are skipped.
    """
    import html

    parts = []
    cursor = 0
    ordered = hits.sort_values(["start", "end"])
    for start, end, term, category, voice, score in zip(
        ordered["start"].tolist(), ordered["end"].tolist(), ordered["term"].tolist(), ordered["category"].tolist(),
        ordered["voice"].tolist(), ordered["score"].tolist(), strict=True,
    ):
        if start < cursor:
            continue
        parts.append(html.escape(text[cursor:start]))
        style = f"background:{_CATEGORY_COLOURS.get(category, '#DDDDDD')}"
        if voice != "narrator":
            style += ";text-decoration:underline dotted"
        title = html.escape(f"{term} · {category} · {voice} · score {score}", quote=True)
        parts.append(f'<mark style="{style}" title="{title}">{html.escape(text[start:end])}</mark>')
        cursor = end
    parts.append(html.escape(text[cursor:]))
    legend = " ".join(f'<mark style="background:{c}">{html.escape(k)}</mark>' for k, c in _CATEGORY_COLOURS.items()
                      if k not in MODIFIER_CATEGORIES)
    legend += ' <mark style="background:#DDDDDD">intensifier or hedge (not counted)</mark>'
    body = "".join(parts).replace("\n", "<br>\n")
    return HighlightedText(f'<div style="line-height:1.6"><p>{legend} · dotted underline: quoted or mention</p>'
                           f"<p>{body}</p></div>")
