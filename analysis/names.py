"""Name normalisation: the one place where spellings of a person's name are judged the same.

Two full names are one person when their surnames are at least ``threshold`` similar
(rapidfuzz ratio) after transliteration folding ("Xenia"/"Ksenia", "Dmitrii"/"Dmitry")
and their first names at least ``threshold - 15`` similar. The most frequent
spelling is the canonical one. Sourcing (speakers across the corpus) and the
cross-article comparison (name variants) both cluster through here.

A normalised name is its words joined by single spaces; :func:`name_span` finds where
such a name stands in the source, whatever white space the writer typed between its
words, so a reported span is always the source's own characters.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

from rapidfuzz import fuzz

__all__ = ["fold", "cluster_names", "name_span"]

_FOLD = [
    ("x", "ks"),
    ("kh", "h"),
    ("yo", "e"),
    ("ye", "e"),
    ("yu", "iu"),
    ("ya", "ia"),
    ("iy", "y"),
    ("ii", "y"),
    ("j", "y"),
    ("w", "v"),
    ("ph", "f"),
]


def fold(name: str) -> str:
    """Spelling-folded lower case, so transliterations compare equal ("Xenia" ~ "Ksenia")."""
    out = name.lower()
    for a, b in _FOLD:
        out = out.replace(a, b)
    return out


def same_person(a: str, b: str, threshold: float = 85.0) -> bool:
    """True when two full names (first … last) are spellings of one person's name."""
    wa, wb = a.split(), b.split()
    return (
        fuzz.ratio(fold(wa[-1]), fold(wb[-1])) >= threshold and fuzz.ratio(fold(wa[0]), fold(wb[0])) >= threshold - 15
    )


def cluster_names(counts: Iterable[tuple[str, int]], threshold: float = 85.0) -> dict[str, str]:
    """Map each full name to its cluster's canonical (most frequent) spelling."""
    ordered = sorted(counts, key=lambda nc: (-nc[1], nc[0]))
    canonical: dict[str, str] = {}
    heads: list[str] = []
    for name, _ in ordered:
        head = next((h for h in heads if same_person(name, h, threshold)), None)
        if head is None:
            heads.append(name)
            head = name
        canonical[name] = head
    return canonical


@lru_cache(maxsize=4096)
def _spaced_pattern(name: str) -> re.Pattern[str]:
    """The name's words in order, whole, with any run of white space between them."""
    return re.compile(r"(?<!\w)" + r"\s+".join(map(re.escape, name.split())) + r"(?!\w)")


def name_span(text: str, name: str, start: int = 0, end: int | None = None) -> tuple[int, int] | None:
    """Where the normalised ``name`` stands in ``text[start:end]``, as source offsets, or None.

    The source may hold a tab, two spaces or a line break where the name has one space.
    Normalisation only drops leading words (a title, "But"), so the last occurrence in
    the stretch is the name.
    """
    stop = len(text) if end is None else end
    pattern = _spaced_pattern(name)
    found = None
    at = start
    while (m := pattern.search(text, at, stop)) is not None:
        found = m.span()
        at = m.start() + 1
    return found
