"""Paragraphs, sentences and words, as offsets into the untouched source text.

This is the project's only segmenter, used when a :class:`~analysis.document.Document`
is built (step 2 of load → document → areas → tables): every area reads the
document's paragraphs, sentences and word starts, so all metrics agree on the
units and no article is segmented twice.

Pipeline step: document.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from typing import NamedTuple

__all__ = [
    "Span",
    "paragraphs",
    "sentences",
    "word_starts",
    "count_words",
    "WORD_RE",
    "MAX_SENTENCE_WORDS",
]


class Span(NamedTuple):
    """A half-open character range ``text[start:end]``."""

    start: int
    end: int


#: A word: letters or digits, with inner hyphens and apostrophes ("anti-war", "Putin's").
WORD_RE = re.compile(r"\w+(?:[-'’]\w+)*")

_SENTENCE_FINAL = tuple(".!?:\"”’»)")
# Abbreviations whose full stop does not end a sentence (compared lower-case).
_ABBREVIATIONS = frozenset(
    """mr mrs ms dr prof st mt gen sen rep gov lt col sgt capt cmdr adm maj jr sr
    no nos vs etc inc ltd co corp dept univ approx fig jan feb mar apr jun jul aug
    sep sept oct nov dec u.s u.k u.n e.g i.e a.m p.m""".split()
)
# A candidate sentence end: terminal punctuation, optional closing marks, then space.
_END_RE = re.compile(r"[.!?]+[\"”’'»)\]]*(?=\s)")
#: A stretch without a sentence end is cut after this many words. No sentence in the news
#: corpora we measured comes near it (the longest has 138 words); text without sentence ends
#: (a list, an unpunctuated dump) would otherwise be one sentence, and every per-sentence
#: step (tone, attribution) would grow with the square of its length.
MAX_SENTENCE_WORDS = 300
_TOKEN_BEFORE_RE = re.compile(r"([\w.]+)\.$")


def paragraphs(text: str) -> tuple[Span, ...]:
    """Split ``text`` into paragraphs, trimmed of surrounding white space.

    A paragraph ends at a line break, except that a line which does not end a
    sentence and is followed by a line starting in lower case is taken as
    hard-wrapped and joined to it. Blank lines always end a paragraph.
    """
    spans: list[Span] = []
    open_start = -1
    open_end = -1
    line_start = 0
    for line in text.split("\n"):
        line_end = line_start + len(line)
        start = line_start + len(line) - len(line.lstrip())
        end = line_end - (len(line) - len(line.rstrip()))
        line_start = line_end + 1
        if start >= end:  # blank line
            if open_start >= 0:
                spans.append(Span(open_start, open_end))
                open_start = -1
            continue
        if open_start >= 0:
            wrapped = not text[open_end - 1].endswith(_SENTENCE_FINAL) and text[start].islower()
            if wrapped:
                open_end = end
                continue
            spans.append(Span(open_start, open_end))
        open_start, open_end = start, end
    if open_start >= 0:
        spans.append(Span(open_start, open_end))
    return tuple(spans)


def _is_abbreviation(text: str, period_index: int) -> bool:
    """True when the full stop at ``period_index`` closes an abbreviation or initial."""
    window = text[max(0, period_index - 12) : period_index + 1]
    match = _TOKEN_BEFORE_RE.search(window)
    if not match:
        return False
    token = match.group(1)
    if len(token) == 1 and token.isalpha() and token.isupper():
        return True  # an initial: "J. Smith"
    return token.lower() in _ABBREVIATIONS


def sentences(text: str, paras: tuple[Span, ...] | None = None) -> tuple[Span, ...]:
    """Split every paragraph of ``text`` (``paras``, when already known) into sentences.

    A sentence ends at ``.``, ``!`` or ``?`` (with any closing quotation marks or
    brackets) followed by space and then a capital, a digit or an opening mark,
    unless the full stop ends a known abbreviation or an initial. A sentence of more than
    ``MAX_SENTENCE_WORDS`` words is cut before every ``MAX_SENTENCE_WORDS + 1``-th word.
    """
    spans: list[Span] = []
    for para in paragraphs(text) if paras is None else paras:
        start = para.start
        for match in _END_RE.finditer(text, para.start, para.end):
            end = match.end()
            nxt = end
            while nxt < para.end and text[nxt].isspace():
                nxt += 1
            if nxt >= para.end:
                break
            following = text[nxt]
            if not (following.isupper() or following.isdigit() or following in "\"“‘'«([„"):
                continue
            if text[match.start()] == "." and _is_abbreviation(text, match.start()):
                continue
            _add_sentence(spans, text, start, end)
            start = nxt
        _add_sentence(spans, text, start, para.end)
    return tuple(spans)


def _add_sentence(spans: list[Span], text: str, start: int, end: int) -> None:
    """Append ``[start, end)``, cut into pieces of ``MAX_SENTENCE_WORDS`` words when it is longer."""
    if end - start <= 2 * MAX_SENTENCE_WORDS:  # too short to hold that many words: the usual case
        spans.append(Span(start, end))
        return
    for number, word in enumerate(WORD_RE.finditer(text, start, end)):
        if number and number % MAX_SENTENCE_WORDS == 0:
            cut = word.start()
            while cut > start and text[cut - 1].isspace():
                cut -= 1
            spans.append(Span(start, cut))
            start = word.start()
    spans.append(Span(start, end))


def word_starts(text: str) -> tuple[int, ...]:
    """Start offsets of every word in ``text`` (sorted), for fast range counts."""
    return tuple([m.start() for m in WORD_RE.finditer(text)])


def count_words(text: str, start: int = 0, end: int | None = None) -> int:
    """Number of words that start inside ``text[start:end]`` (a document keeps its word starts)."""
    starts = word_starts(text)
    stop = len(text) if end is None else end
    return bisect_left(starts, stop) - bisect_left(starts, start)
