"""Source types: what kind of source a speaker is, from their name and role, settled across the corpus.

Pipeline step: areas (sourcing).
"""

from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache
from typing import NamedTuple

import pandas as pd

from ..lexicon import LexiconError, LexiconFile, lexicon_file, read_lexicon

SOURCE_TYPES = (
    "government",
    "state_official",
    "opposition_local",
    "expert",
    "media",
    "social_media",
    "document",
    "anonymous",
    "unknown",
)


class _SourceTypes(NamedTuple):
    order: tuple[str, ...]
    patterns: dict[str, re.Pattern[str]]


@lru_cache(maxsize=8)
def _source_types(file: LexiconFile) -> _SourceTypes:
    data = read_lexicon(file, kind="source_types")
    types = data["types"]
    order = tuple(data.get("order", list(types)))
    compiled = {}
    for name in order:
        parts = []
        runs: list[tuple[str, str, list[str]]] = []  # consecutive patterns with the same edges, in order
        for pattern in types[name]["patterns"]:
            left = r"\b" if re.match(r"\w", pattern) else ""
            right = r"(?:e?s)?\b" if re.search(r"\w$", pattern) else ""
            parts.append(f"{left}(?:{pattern}){right}")
            if runs and runs[-1][:2] == (left, right):
                runs[-1][2].append(pattern)
            else:
                runs.append((left, right, [pattern]))
        try:
            compiled[name] = re.compile("|".join(parts), re.IGNORECASE)
        except re.error as exc:
            raise LexiconError(f"{file.path}: types.{name}.patterns: bad regular expression: {exc}") from None
        compiled[name] = _shared_edges(runs) or compiled[name]
    return _SourceTypes(order, compiled)


def _shared_edges(runs: list[tuple[str, str, list[str]]]) -> re.Pattern[str] | None:
    """One type's patterns with each run's word boundaries tested once: ``\\b(?:(?:a)|(?:b))(?:e?s)?\\b``.

    A text holds a match of this pattern exactly when it holds one of ``\\b(?:a)(?:e?s)?\\b|\\b(?:b)…``
    (backtracking tries every alternative before and after the shared edges; the patterns keep
    their order, so their groups keep their numbers), but the boundary is tested once per
    position instead of once per pattern: about twice as fast on speakers' names.
    """
    source = "|".join(f"{left}(?:{'|'.join(f'(?:{p})' for p in group)}){right}" for left, right, group in runs)
    try:
        return re.compile(source, re.IGNORECASE)
    except re.error:  # never seen; the patterns as written still work
        return None


def source_type(speaker: str | None, role: str | None, *, lexicon_dir: str | None = None) -> str:
    """The source type of a speaker: its name decides first, then its role."""
    return _source_type(speaker, role, lexicon_file("source_types", lexicon_dir))


@lru_cache(maxsize=65536)
def _source_type(speaker: str | None, role: str | None, file: LexiconFile) -> str:
    for text in (speaker, role):
        if text and (found := _text_source_type(text, file)) is not None:
            return found
    return "unknown"


@lru_cache(maxsize=65536)  # a speaker's name is typed once, whatever roles it comes with
def _text_source_type(phrase: str, file: LexiconFile) -> str | None:
    """The first type, in order, one of whose patterns matches ``phrase`` (a speaker or a role); None if none does."""
    rules = _source_types(file)
    for name in rules.order:
        if rules.patterns[name].search(phrase):
            return name
    return None


def speaker_type_votes(quotes: pd.DataFrame, votes: dict[str, Counter[str]] | None = None) -> dict[str, Counter[str]]:
    """How often each speaker's quotations establish each source type (added to ``votes``, when given)."""
    votes = {} if votes is None else votes
    for speaker, kind in zip(quotes["speaker"], quotes["speaker_type"], strict=True):
        if isinstance(speaker, str) and kind != "unknown":
            votes.setdefault(speaker, Counter())[kind] += 1
    return votes


def settled_speaker_types(votes: dict[str, Counter[str]]) -> dict[str, str]:
    """Each speaker's type across the corpus: the most frequent (ties: alphabetical)."""
    return {speaker: max(sorted(c), key=c.__getitem__) for speaker, c in votes.items()}


def fill_speaker_types(quotes: pd.DataFrame, settled: dict[str, str]) -> None:
    """Give sourced quotations of ``unknown`` type their speaker's settled type, in place.

    A speaker's type is what any article establishes about them ("one of the councillors").
    """
    fill = (quotes["speaker_type"] == "unknown") & quotes["speaker"].isin(settled) & (quotes["kind"] != "mention")
    quotes.loc[fill, "speaker_type"] = quotes.loc[fill, "speaker"].map(settled)
