"""Whether a lexicon hit is part of a name rather than a word the writer chose.

Loaded language and frame terms both ask this of their hits; the answers differ in
how far they go, because a frame term that names the events ("the Ukraine War") is
still the frame, while a loaded word in a name ("Liberal Party") is no judgement:

* :func:`part_of_name`: a capitalised hit with a capitalised neighbour, not at a
  sentence start ("Radical Party", "Grim Reaper"). Loaded language uses it.
* :func:`names_something`: a capitalised hit followed by another capitalised word,
  so that it modifies a name ("Crisis Group", "Occupy Wall Street", "Special
  Operations Command"). Frame terms use it.

Neither applies in a paragraph written in headline case ("Putin The Warmonger"),
where every word is capitalised (:func:`is_headline_case`). Outlet names and words
fused to a name ("Censor.NET") are handled in the matcher itself
(:mod:`analysis.matching`, :mod:`analysis.outlet_names`).

Pipeline step: areas.
"""

from __future__ import annotations

import re
from bisect import bisect_right

from .segment import Span

__all__ = ["is_headline_case", "paragraph_at", "part_of_name", "names_something", "HeadlineCase"]

_WORD_INITIAL = re.compile(r"([A-Za-z])[\w’'-]*")
_DROP_LOWER = str.maketrans("", "", "abcdefghijklmnopqrstuvwxyz")
_NEXT_CAPITALISED = re.compile(r"[ \t]+[A-Z][\w’'&-]*")


def is_headline_case(text: str, start: int, end: int) -> bool:
    """Whether at least 80% of the (three or more) words in ``text[start:end]`` start with a capital."""
    initials = "".join(_WORD_INITIAL.findall(text, start, end))  # each word's first letter
    return len(initials) >= 3 and len(initials.translate(_DROP_LOWER)) >= 0.8 * len(initials)


def paragraph_at(paras: tuple[Span, ...], starts: list[int], offset: int) -> Span | None:
    """The paragraph holding ``offset`` (paragraphs are sorted and disjoint), by binary search."""
    i = bisect_right(starts, offset) - 1
    return paras[i] if i >= 0 and offset < paras[i].end else None


class HeadlineCase:
    """Per document: whether the paragraph at an offset is in headline case, each paragraph judged once."""

    def __init__(self, text: str, paragraphs: tuple[Span, ...]) -> None:
        self._text = text
        self._paragraphs = paragraphs
        self._starts = [p.start for p in paragraphs]
        self._known: dict[int, bool] = {}

    def at(self, offset: int) -> bool:
        para = paragraph_at(self._paragraphs, self._starts, offset)
        if para is None:
            return False
        if para.start not in self._known:
            self._known[para.start] = is_headline_case(self._text, para.start, para.end)
        return self._known[para.start]


def part_of_name(text: str, start: int, end: int) -> bool:
    """"Liberal Party": a capitalised hit with a capitalised neighbour, not at a sentence start."""
    if not text[start].isupper():
        return False
    before = text[max(0, start - 40) : start].rstrip()
    sentence_start = not before or before[-1] in ".!?\"“”:\n"
    after = re.match(r"\s+([A-Z][\w’'-]*)", text[end : end + 40])
    previous = re.search(r"([A-Z][\w’'-]*)\s+$", text[max(0, start - 40) : start])
    return bool(after) or (bool(previous) and not sentence_start)


def names_something(text: str, start: int, end: int) -> bool:
    """"Crisis Group": a capitalised hit followed, on the same line, by a capitalised word."""
    return text[start].isupper() and _NEXT_CAPITALISED.match(text, end) is not None
