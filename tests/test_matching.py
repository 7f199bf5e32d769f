"""Overlap resolution in lexicon matching: the same survivors as the original all-pairs algorithm."""

from __future__ import annotations

from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from analysis.matching import build_automaton, match, normalise, resolve_overlaps


def quadratic_resolve(candidates: list[tuple[int, int, Any]]) -> list[tuple[int, int, Any]]:
    """The original algorithm: each candidate, longest first, against every survivor so far."""
    if len(candidates) < 2:
        return candidates
    ordered = sorted(candidates, key=lambda c: (c[0] - c[1], c[0]))
    taken: list[tuple[int, int, Any]] = []
    for cand in ordered:
        if all(cand[1] <= t[0] or cand[0] >= t[1] for t in taken):
            taken.append(cand)
    return sorted(taken, key=lambda c: (c[0], c[1]))


def brute_force_match(text: str, forms: dict[str, str]) -> list[tuple[int, int, str]]:
    """Every whole-word occurrence of every form, found by scanning each position, then resolved."""
    norm = normalise(text)
    found = []
    for form, payload in forms.items():
        for start in range(len(norm) - len(form) + 1):
            end = start + len(form)
            if norm[start:end] != form:
                continue
            if start > 0 and (norm[start - 1].isalnum() or norm[start - 1] == "_"):
                continue
            if end < len(norm) and (norm[end].isalnum() or norm[end] == "_"):
                continue
            found.append((start, end, payload))
    return quadratic_resolve(found)


def test_many_overlapping_hits_match_the_brute_force_reference():
    # Every form overlaps its neighbours: the longest chain must win, then the earliest.
    forms = {"a b": "ab", "b c": "bc", "a b c": "abc", "c a": "ca", "b": "b", "c a b": "cab", "x": "x"}
    text = " ".join(["a b c a b", "x", "c a b c"] * 300)
    automaton = build_automaton((form, payload) for form, payload in forms.items())
    got = match(text, automaton)
    assert got == brute_force_match(text, forms)
    assert len(got) > 1000
    # Survivors never overlap and come in text order.
    assert all(a[1] <= b[0] for a, b in zip(got, got[1:], strict=False))


def test_longest_wins_then_earliest():
    # "b c" at 2 and "c d" at 4 are equally long; the earlier one wins, the later loses its "c".
    candidates = [(2, 5, "b c"), (4, 7, "c d"), (0, 1, "a"), (6, 7, "d"), (0, 7, "whole")]
    assert resolve_overlaps(candidates) == [(0, 7, "whole")]
    assert resolve_overlaps(candidates[:4]) == [(0, 1, "a"), (2, 5, "b c"), (6, 7, "d")]


spans = st.lists(
    st.tuples(st.integers(0, 200), st.integers(1, 25)).map(lambda se: (se[0], se[0] + se[1])),
    max_size=80,
    unique=True,
)


@settings(max_examples=300, deadline=None)
@given(spans)
def test_resolve_overlaps_equals_the_quadratic_algorithm(intervals):
    candidates = [(start, end, f"p{start}-{end}") for start, end in intervals]
    assert resolve_overlaps(candidates) == quadratic_resolve(candidates)


words = st.sampled_from(["war", "anti", "anti-war", "special", "military", "operation", "of", "x", "war's"])


@settings(max_examples=200, deadline=None)
@given(
    st.lists(words, max_size=60).map(" ".join),
    st.lists(st.lists(words, min_size=1, max_size=3).map(" ".join), min_size=1, max_size=8, unique=True),
)
def test_match_equals_the_quadratic_algorithm_on_random_text(text, forms):
    automaton = build_automaton((form, form) for form in forms)
    got = match(text, automaton)
    assert got == brute_force_match(text, {form: form for form in forms})
