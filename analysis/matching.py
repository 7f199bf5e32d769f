"""Whole-word lexicon matching: one Aho–Corasick pass over a length-preserving normalisation.

Lower case, one kind of dash, one kind of apostrophe and one kind of space, so
every hit maps straight back to offsets in the source text. Overlapping hits
are resolved longest first. Terms and loaded language both match through here.

A lexicon can add *exclusion phrases* to its automaton with the payload
:class:`Exclusion` ("Cold War", "heart attack", an outlet's name): they compete in the
same longest-first resolution, so a term inside one loses to it, and then they are
dropped. A word fused to a domain-like ending ("Censor.NET", "war.ua"), joined by a
hyphen to a token in capitals or digits ("Censor-NET"), or marked as a handle or tag
("@war", "#war") is part of a name, not a word, and never a hit.

References:
    Aho, A. V. and Corasick, M. J. (1975). Efficient string matching: an aid to
    bibliographic search. *Communications of the ACM* 18(6).

Pipeline step: document (its normalised text) and areas (lexicon matching).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any, NamedTuple

import ahocorasick

__all__ = ["normalise", "plural", "inflections", "Exclusion", "build_automaton", "match", "resolve_overlaps"]

_DASHES = "‐‑‒–—―−"
_SPACES = "\t\n\r\x0b\x0c\xa0\u2009\u202f"
NORMALISE = str.maketrans({**{c: "-" for c in _DASHES}, **{c: " " for c in _SPACES}, "’": "'", "‘": "'"})


def normalise(text: str) -> str:
    """Lower-cased, with dashes, apostrophes and spaces unified; same length as ``text``."""
    lowered = text.lower()
    if len(lowered) != len(text):  # a few characters lower-case to two ("İ")
        lowered = "".join(c.lower() if len(c.lower()) == 1 else c for c in text)
    return lowered.translate(NORMALISE)


def plural(word: str) -> str:
    """A regular English plural: crisis → crises, policy → policies, war → wars."""
    if word.endswith("sis"):
        return word[:-2] + "es"
    if word.endswith("y") and len(word) > 1 and word[-2] not in "aeiou":
        return word[:-1] + "ies"
    if word.endswith(("s", "x", "z", "ch", "sh")):
        return word + "es"
    return word + "s"


def inflections(form: str, *, nouns: bool = True, verbs: bool = False) -> set[str]:
    """The form, its plural and/or verb forms on the last word, and hyphen/space/closed variants."""
    base = normalise(form).strip()
    head, _, last = base.rpartition(" ")
    prefix = head + " " if head else ""
    forms = {base}
    if nouns:
        forms.add(prefix + plural(last))
    if verbs:
        stem = last[:-1] if last.endswith("e") else last
        forms |= {prefix + plural(last), prefix + stem + "ed", prefix + stem + "ing"}
        if last.endswith("y") and len(last) > 1 and last[-2] not in "aeiou":
            forms.add(prefix + last[:-1] + "ied")
        if re.search(r"(?:^|[^aeiou])[aeiou][bdgklmnprtz]$", last):  # slam → slammed, brag → bragging
            forms |= {prefix + last + last[-1] + "ed", prefix + last + last[-1] + "ing"}
    out: set[str] = set()
    for f in forms:
        out.add(f)
        if "-" in f:
            out |= {f.replace("-", " "), f.replace("-", "")}
    return out


class Exclusion(NamedTuple):
    """The payload of an exclusion phrase: a hit inside its span does not count, and neither does the phrase."""

    phrase: str  # as the lexicon lists it
    exact: bool = False  # True: only where the text has the phrase with its own capitals (an outlet's name)
    otherwise: Any = None  # where an exact phrase's capitals differ: the payload of a lexicon entry of the same form


def build_automaton(forms: Iterable[tuple[str, Any]]) -> Any:
    """An automaton over normalised surface forms, each carrying ``(length, payload)``."""
    automaton = ahocorasick.Automaton()
    for form, payload in forms:
        automaton.add_word(form, (len(form), payload))
    automaton.make_automaton()
    return automaton


def _is_word_char(ch: str) -> bool:
    return ch.isalnum() or ch == "_"


_HANDLE_MARKS = frozenset("@#")


def _brand_token(text: str, start: int, end: int) -> bool:
    """A token written in capitals or with a digit ("NET", "TV", "24"): part of a brand name, not a word."""
    token = text[start:end]
    letters = sum(ch.isalpha() for ch in token)
    return bool(token) and (any(ch.isdigit() for ch in token) or (letters >= 2 and token.isupper()))


def _token_end(norm: str, start: int) -> int:
    end = start
    while end < len(norm) and norm[end].isalnum():
        end += 1
    return end


def _joined_to_name(text: str, norm: str, start: int, end: int) -> bool:
    """Whether the hit is fused to a neighbouring token: a domain, handle, tag or brand ("Censor.NET", "@war").

    A dot counts only before a domain-like ending (two to six letters or digits, all in one
    case: ".net", ".NET", ".ua"), so a missing space after a full stop ("years.perhaps")
    leaves the next word a word.
    """
    if start > 0:
        before = norm[start - 1]
        if before in _HANDLE_MARKS:
            return True
        if before == "-" and start > 1 and norm[start - 2].isalnum():
            left = start - 1
            while left > 0 and norm[left - 1].isalnum():
                left -= 1
            if _brand_token(text, left, start - 1):
                return True
    if end + 1 < len(norm) and norm[end + 1].isalnum():
        after = norm[end]
        stop = _token_end(norm, end + 1)
        if after == "." and 2 <= stop - end - 1 <= 6:
            suffix = text[end + 1 : stop]
            if suffix.islower() or suffix.isupper() or suffix.isdigit():
                return True
        if after == "-" and _brand_token(text, end + 1, stop):
            return True
    return False


def match(text: str, automaton: Any, *, normalised: str | None = None) -> list[tuple[int, int, Any]]:
    """Whole-word hits ``(start, end, payload)`` in text order, overlaps resolved longest first.

    Exclusion phrases take part in the overlap resolution and are then left out, so a
    hit inside one is never returned. A hit fused to a name (see :func:`_joined_to_name`)
    is not a whole word.

    ``normalised`` is ``normalise(text)`` when already known (a document keeps it).
    """
    norm = normalise(text) if normalised is None else normalised
    candidates = []
    for last, (length, payload) in automaton.iter(norm):
        start, end = last - length + 1, last + 1
        if start > 0 and _is_word_char(norm[start - 1]):
            continue
        if end < len(norm) and _is_word_char(norm[end]):
            continue
        if _JOINS.get(norm[start - 1] if start else " ") or _JOINS.get(norm[end] if end < len(norm) else " "):
            if _joined_to_name(text, norm, start, end):
                continue
        if type(payload) is Exclusion and payload.exact and text[start:end] != payload.phrase:
            if payload.otherwise is None:
                continue
            payload = payload.otherwise  # "propaganda", where "Propaganda" is an outlet
        candidates.append((start, end, payload))
    if len(candidates) > 1:
        candidates = resolve_overlaps(candidates)
    return [c for c in candidates if type(c[2]) is not Exclusion]


# Characters next to a hit that call for the (slower) fused-token test.
_JOINS = {".": True, "-": True, "@": True, "#": True}


def resolve_overlaps(candidates: list[tuple[int, int, Any]]) -> list[tuple[int, int, Any]]:
    """Greedy overlap resolution: longest first, then earliest; the survivors in text order.

    Each candidate is checked against the characters already taken rather than against
    every earlier survivor, so the work grows with the total length of the candidates
    (each at most the longest lexicon form), not with their number squared.
    """
    if len(candidates) < 2:
        return list(candidates)
    ordered = sorted(candidates, key=lambda c: (c[0] - c[1], c[0]))
    taken = bytearray(max(c[1] for c in ordered))  # 1 where a survivor covers the character
    kept = []
    for cand in ordered:
        start, end = cand[0], cand[1]
        if taken.find(1, start, end) < 0:
            taken[start:end] = b"\x01" * (end - start)
            kept.append(cand)
    return sorted(kept, key=lambda c: (c[0], c[1]))
