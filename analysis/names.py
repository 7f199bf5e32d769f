"""Name normalisation: the one place where spellings of a person's name are judged the same.

Two full names are one person when their surnames are at least ``threshold`` similar
(rapidfuzz ratio) after transliteration folding ("Xenia"/"Ksenia", "Dmitrii"/"Dmitry")
and their first names at least ``threshold - 15`` similar. The most frequent
spelling is the canonical one. Sourcing (speakers across the corpus) and the
cross-article comparison (name variants) both cluster through here.

A normalised name is its words joined by single spaces; :func:`name_span` finds where
such a name stands in the source, whatever white space the writer typed between its
words, so a reported span is always the source's own characters.

Pipeline step: areas (sourcing and compare judge name spellings here).
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache

from rapidfuzz import fuzz

__all__ = ["fold", "blocking_keys", "SurnameBlocks", "cluster_names", "name_span"]

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


@lru_cache(maxsize=1 << 16)  # clustering folds the same few thousand words again and again
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


def blocking_keys(folded_surname: str) -> tuple[str, str]:
    """The keys a folded surname is filed under: its first two letters and its last two.

    Two surnames are only ever compared when they share a key. A pair at least 85 similar
    that differs in both its first two and its last two letters needs an edit at each end
    of names of seven letters or more; on the BBC corpus blocking misses no pair the
    all-pairs comparison found (``benchmarks/compare_speed.py`` counts them).
    """
    return ("<" + folded_surname[:2], folded_surname[-2:] + ">")


class SurnameBlocks:
    """Folded surnames filed by :func:`blocking_keys`, each with the order it was added in."""

    def __init__(self) -> None:
        self._by_key: dict[str, list[int]] = {}
        self.surnames: list[str] = []

    def add(self, folded_surname: str) -> int:
        """File a surname; returns its position (positions count up from 0)."""
        at = len(self.surnames)
        self.surnames.append(folded_surname)
        for key in blocking_keys(folded_surname):
            self._by_key.setdefault(key, []).append(at)
        return at

    def candidates(self, folded_surname: str) -> list[int]:
        """Positions of the filed surnames sharing a key with this one, in the order they were added."""
        first, last = (self._by_key.get(key, []) for key in blocking_keys(folded_surname))
        return sorted(set(first).union(last)) if first and last else list(first or last)


def cluster_names(counts: Iterable[tuple[str, int]], threshold: float = 85.0) -> dict[str, str]:
    """Map each full name to its cluster's canonical (most frequent) spelling.

    Names are taken most frequent first; each joins the first earlier cluster head that is
    the same person (:func:`same_person`), else heads a cluster. Only heads whose surname
    shares a blocking key (:func:`blocking_keys`) are compared, never all pairs.
    """
    ordered = sorted(counts, key=lambda nc: (-nc[1], nc[0]))
    canonical: dict[str, str] = {}
    heads: list[str] = []
    blocks = SurnameBlocks()
    for name, _ in ordered:
        surname = fold(name.split()[-1])
        head = next((heads[i] for i in blocks.candidates(surname) if same_person(name, heads[i], threshold)), None)
        if head is None:
            heads.append(name)
            blocks.add(surname)
            head = name
        canonical[name] = head
    return canonical


def cluster_names_all_pairs(counts: Iterable[tuple[str, int]], threshold: float = 85.0) -> dict[str, str]:
    """:func:`cluster_names` comparing each name with every head: the reference blocking is checked against."""
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


def _is_word_char(char: str) -> bool:
    """What ``\\w`` matches in a str pattern: a letter, digit or number (``str.isalnum``), or the underscore."""
    return char.isalnum() or char == "_"


def name_span(text: str, name: str, start: int = 0, end: int | None = None) -> tuple[int, int] | None:
    """Where the normalised ``name`` stands in ``text[start:end]``, as source offsets, or None.

    The source may hold a tab, two spaces or a line break where the name has one space.
    Normalisation only drops leading words (a title, "But"), so the last occurrence in
    the stretch is the name.

    The name is found as the regex ``(?<!\\w)word1\\s+word2…(?!\\w)`` would find it (the
    character before ``start`` still counts for the whole-word test), but by a plain scan:
    each occurrence of the first word, from the last, is checked word by word. Compiling
    a pattern per distinct name cost more than all the searching.
    """
    stop = len(text) if end is None else max(0, min(end, len(text)))  # clamped as a regex search clamps
    start = max(0, start)
    if start > stop:
        return None
    words = name.split()
    if not words:
        return _empty_name_span(text, start, stop)
    first = words[0]
    limit = stop  # occurrences of the first word that lie inside text[start:limit]
    while (at := text.rfind(first, start, limit)) >= 0:
        limit = at + len(first) - 1  # the next candidate starts before this one
        if at > 0 and _is_word_char(text[at - 1]):
            continue
        cursor = at + len(first)
        for word in words[1:]:
            gap = cursor
            while gap < stop and text[gap].isspace():
                gap += 1
            if gap == cursor or not text.startswith(word, gap, stop):
                break
            cursor = gap + len(word)
        else:
            if cursor == stop or not _is_word_char(text[cursor]):
                return at, cursor
    return None


def _empty_name_span(text: str, start: int, stop: int) -> tuple[int, int] | None:
    """The last position in ``[start, stop]`` with no word character on either side (an empty name's match)."""
    for at in range(stop, start - 1, -1):
        if not (at > 0 and _is_word_char(text[at - 1])) and (at == stop or not _is_word_char(text[at])):
            return at, at
    return None
