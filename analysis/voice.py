"""Whose voice a stretch of text is in: the narrator's, a quoted source's, or a mention.

* ``quoted``: inside a sourced quotation (from :mod:`analysis.quotations`);
* ``mention``: the words are talked about rather than used: inside scare
  quotes (a short quoted stretch within a sentence, such as “war”), or after
  "the word X", "the Kremlin term X", "known as X", "so-called X", "what
  Moscow calls X", or before ", as the Kremlin calls it";
* ``narrator``: everything else.

Word counts by voice skip excluded regions and count a short scare-quoted
stretch as the narrator's, so that rates per 1,000 words of a voice add up.

Each :class:`~analysis.document.Document` builds one :class:`VoiceIndex` (step 2 of
load → document → areas → tables); every area asks the document for it.

Pipeline step: document.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from typing import NamedTuple

from .clean import Region, merged
from .quotations import QuoteSpan, quote_spans
from .segment import Span
from .segment import paragraphs as split_paragraphs
from .segment import word_starts as find_word_starts

__all__ = ["VOICES", "VoiceIndex", "VoiceWords", "mention_context", "subtract"]

VOICES = ("narrator", "quoted", "mention")

_W = r"[\w’'-]+"
_MENTION_BEFORE = re.compile(
    r"(?:\b(?:the|a|this|that|its|their|his|her)\s+(?:" + _W + r"\s+){0,2}"
    r"(?:word|words|term|terms|phrase|label|euphemism|expression|slogan)"
    r"|\bknown(?:\s+" + _W + r"){0,3}\s+as(?:\s+(?:a|an|the))?"
    r"|\breferred\s+to\s+as(?:\s+(?:a|an|the))?"
    r"|\bso[- ]called"
    r"|\b(?:call|calls|called|calling)\s+(?:it|them|this|that|the\s+\w+)(?:\s+(?:a|an|the))?"
    r"|\bdubbed(?:\s+(?:it|a|an|the))*"
    r"|\bwhat\s+(?:" + _W + r"\s+){0,4}(?:call|calls|called|term|terms|termed)(?:\s+(?:a|an|the|its))?"
    r")\s*[\"“‘'«]?\s*$",
    re.IGNORECASE,
)
_MENTION_AFTER = re.compile(
    r"^[\"”’'»]?\s*,?\s*as\s+(?:" + _W + r"\s+){1,3}(?:calls?|called|terms?|termed|describes?|described)\s+it\b",
    re.IGNORECASE,
)
_CONTEXT = 80


def mention_context(text: str, start: int, end: int, floor: int = 0) -> bool:
    """True when the words at ``[start, end)`` are talked about: "the word X", "known as X", "X, as … calls it".

    ``start`` may include an opening quote mark; ``floor`` keeps the look-back inside a paragraph.
    """
    if _MENTION_BEFORE.search(text, max(floor, start - _CONTEXT), start):
        return True
    return bool(_MENTION_AFTER.match(text[end : end + _CONTEXT]))


class VoiceWords(NamedTuple):
    """Words counted by voice, outside excluded regions."""

    total: int
    narrator: int
    quoted: int


class VoiceIndex:
    """Voice look-ups for one article, built once (by its document) and queried per hit.

    ``spans``, ``paragraphs`` and ``word_starts`` are the article's, when already known.
    """

    def __init__(
        self,
        text: str,
        excluded: tuple[Region, ...] = (),
        *,
        spans: tuple[QuoteSpan, ...] | None = None,
        paragraphs: tuple[Span, ...] | None = None,
        word_starts: tuple[int, ...] | None = None,
    ) -> None:
        self.text = text
        self.spans: tuple[QuoteSpan, ...] = quote_spans(text) if spans is None else spans
        self._content_starts = [s.content_start for s in self.spans]
        self.excluded = merged(excluded)
        self._excluded_starts = [r.start for r in self.excluded]
        self._paragraph_starts = [p.start for p in (split_paragraphs(text) if paragraphs is None else paragraphs)]
        self._word_starts = find_word_starts(text) if word_starts is None else word_starts
        self._words: VoiceWords | None = None

    def quote_at(self, start: int, end: int) -> QuoteSpan | None:
        """The quotation whose content contains ``[start, end)``, or None."""
        i = bisect_right(self._content_starts, start) - 1
        if i >= 0 and end <= self.spans[i].content_end:
            return self.spans[i]
        return None

    def is_excluded(self, start: int, end: int) -> bool:
        """True when ``[start, end)`` overlaps an excluded region."""
        i = bisect_right(self._excluded_starts, start) - 1
        if i >= 0 and self.excluded[i].end > start:
            return True
        return i + 1 < len(self.excluded) and self.excluded[i + 1].start < end

    def voice(self, start: int, end: int) -> str:
        """The voice of the words at ``[start, end)``: narrator, quoted or mention."""
        quote = self.quote_at(start, end)
        if quote is not None:
            return "mention" if quote.short else "quoted"
        para = bisect_right(self._paragraph_starts, start) - 1
        floor = self._paragraph_starts[para] if para >= 0 else 0
        return "mention" if mention_context(self.text, start, end, floor) else "narrator"

    def quoted_ranges(self) -> list[Span]:
        """Content of every sourced quotation (scare quotes excluded), minus excluded regions."""
        ranges = [Span(s.content_start, s.content_end) for s in self.spans if not s.short]
        return subtract(ranges, self.excluded)

    def counted_ranges(self) -> list[Span]:
        """The whole text minus excluded regions."""
        return subtract([Span(0, len(self.text))], self.excluded)

    def narrator_ranges(self) -> list[Span]:
        """Counted text outside sourced quotations."""
        return subtract(self.counted_ranges(), merged([Region(*r, "") for r in self.quoted_ranges()]))

    def words(self) -> VoiceWords:
        """Word counts for the whole counted text and for each voice."""
        if self._words is None:
            total = _count_in(self._word_starts, self.counted_ranges())
            quoted = _count_in(self._word_starts, self.quoted_ranges())
            self._words = VoiceWords(total, total - quoted, quoted)
        return self._words


def _count_in(starts: tuple[int, ...], ranges: list[Span]) -> int:
    return sum(bisect_left(starts, r.end) - bisect_left(starts, r.start) for r in ranges)


def subtract(ranges: list[Span], holes: list[Span]) -> list[Span]:
    """``ranges`` with every ``holes`` span cut out (both sorted, non-overlapping)."""
    out: list[Span] = []
    j = 0
    for start, end in ranges:
        while j < len(holes) and holes[j].end <= start:
            j += 1
        k = j
        cursor = start
        while k < len(holes) and holes[k].start < end:
            if holes[k].start > cursor:
                out.append(Span(cursor, holes[k].start))
            cursor = max(cursor, holes[k].end)
            k += 1
        if cursor < end:
            out.append(Span(cursor, end))
    return out
