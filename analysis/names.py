"""Name normalisation: the one place where spellings of a person's name are judged the same.

Two full names are one person when their surnames are at least ``threshold`` similar
(rapidfuzz ratio) after transliteration folding ("Xenia"/"Ksenia", "Dmitrii"/"Dmitry")
and their first names at least ``threshold - 15`` similar. The most frequent
spelling is the canonical one. Sourcing (speakers across the corpus) and the
cross-article comparison (name variants) both cluster through here.
"""

from __future__ import annotations

from collections.abc import Iterable

from rapidfuzz import fuzz

__all__ = ["fold", "cluster_names"]

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
