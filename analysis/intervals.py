"""Questions about a set of character ranges, answered by binary search: covers, overlaps, straddles, holds.

The ranges may come in any order and may overlap. They are sorted once by start,
with the furthest end reached so far kept beside each start, so every question
costs O(log n). Cleaning, sourcing and the comparison ask them per hit, which
keeps those steps linear in the number of hits.

Pipeline step: shared by load, document and areas (range look-ups).
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterable

__all__ = ["Ranges"]


class Ranges:
    """A set of ``(start, end)`` ranges, ``end`` exclusive, built once and queried many times."""

    def __init__(self, ranges: Iterable[tuple[int, int]]) -> None:
        ordered = sorted(ranges)
        self.starts = [start for start, _ in ordered]
        self.reach: list[int] = []  # the furthest end among the ranges up to each one
        for _, end in ordered:
            self.reach.append(max(end, self.reach[-1]) if self.reach else end)

    def covers(self, offset: int) -> bool:
        """True when some range has ``start <= offset < end``."""
        i = bisect_right(self.starts, offset) - 1
        return i >= 0 and self.reach[i] > offset

    def overlaps(self, start: int, end: int) -> bool:
        """True when some range has ``range.start < end`` and ``range.end > start``."""
        i = bisect_left(self.starts, end) - 1
        return i >= 0 and self.reach[i] > start

    def straddles(self, offset: int) -> bool:
        """True when some range has ``start < offset < end``: the offset falls strictly inside it."""
        i = bisect_left(self.starts, offset) - 1
        return i >= 0 and self.reach[i] > offset

    def holds(self, start: int, end: int) -> bool:
        """True when some range has ``range.start <= start`` and ``end <= range.end``."""
        i = bisect_right(self.starts, start) - 1
        return i >= 0 and self.reach[i] >= end
