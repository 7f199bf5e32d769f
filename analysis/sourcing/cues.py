"""Cues: the reporting verbs and phrases that introduce speech, read from ``attribution.toml``, and where they stand.

Pipeline step: areas (sourcing).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

import ahocorasick

from ..lexicon import LexiconFile, lexicon_file, read_lexicon

STANCES = ("neutral", "distancing", "emphatic", "medium")


class CueMatch(NamedTuple):
    """A cue found in the text; ``start()``, ``end()`` and ``group()`` read like a regex match."""

    begin: int
    stop: int
    surface: str

    def start(self) -> int:
        return self.begin

    def end(self) -> int:
        return self.stop

    def group(self) -> str:
        return self.surface


@dataclass(frozen=True)
class CueLexicon:
    """Attribution cues with their stance, and the name rules of ``attribution.toml``."""

    automaton: Any  # pyahocorasick automaton over lower-cased forms
    stance: dict[str, str]  # lower-cased form → stance
    lemma: dict[str, str]  # lower-cased form → cue entry
    no_indirect: frozenset[str]  # forms that never start reported speech
    before_that: frozenset[str]  # forms that are cues only before "that" or a colon ("states", "reports")
    naming: frozenset[str]  # forms that name rather than report before a pronoun ("call it a …")
    complements: dict[str, frozenset[str]]  # form → words that open its reported content ("vowed to", "called for")
    platforms: re.Pattern[str]
    titles: re.Pattern[str]
    title_words: frozenset[str]  # first words of the titles, for a fast negative test
    group_nouns: frozenset[str]


def _alternation(words: Iterable[str]) -> str:
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(set(words), key=len, reverse=True))


SCOPES = ("speech", "attribution")


def load_cue_lexicon(
    path: str | Path | None = None, lexicon_dir: str | Path | None = None, *, scope: str = "speech"
) -> CueLexicon:
    """Read ``attribution.toml`` (or a user's file with the same keys); an edited file is read again.

    ``scope`` "speech" (default) leaves out the cues marked ``wide = true`` (beliefs, intentions,
    evidence: "thinks", "wants", "shows"); "attribution" keeps them, for attribution in the wide
    sense of PolNeAR and the PARC corpus.

    Raises:
        LexiconError: the file is missing, not TOML, or does not fit ``schemas/lexicons/attribution.schema.json``.
        ValueError: ``scope`` is not one of ``SCOPES``.
    """
    if scope not in SCOPES:
        raise ValueError(f"scope must be one of {SCOPES}, not {scope!r}")
    return _build_cue_lexicon(lexicon_file(path or "attribution", lexicon_dir), scope == "attribution")


@lru_cache(maxsize=8)
def _build_cue_lexicon(file: LexiconFile, wide: bool = False) -> CueLexicon:
    data = read_lexicon(file, kind="attribution")
    stance: dict[str, str] = {}
    lemma: dict[str, str] = {}
    no_indirect: set[str] = set()
    before_that: set[str] = set()
    naming: set[str] = set()
    complements: dict[str, frozenset[str]] = {}
    for name, spec in data["cues"].items():
        if spec.get("wide") is True and not wide:
            continue
        for form in spec["forms"]:
            key = " ".join(form.lower().split())
            stance[key] = spec["stance"]
            lemma[key] = name
            if spec.get("indirect") is False:
                no_indirect.add(key)
            if spec.get("before_that") is True:
                before_that.add(key)
            if spec.get("naming") is True:
                naming.add(key)
            if spec.get("complements"):
                complements[key] = frozenset(w.lower() for w in spec["complements"])
    names = data.get("names", {})
    # An empty alternation would match anything ("said on Monday" as a platform): never match instead.
    platforms = _alternation(data.get("media", {}).get("platforms", [])) or "(?!)"
    titles = _alternation(names.get("titles", [])) or "(?!)"
    automaton = ahocorasick.Automaton()
    for form in stance:
        automaton.add_word(form, len(form))
    automaton.make_automaton()
    return CueLexicon(
        automaton=automaton,
        stance=stance,
        lemma=lemma,
        no_indirect=frozenset(no_indirect),
        before_that=frozenset(before_that),
        naming=frozenset(naming),
        complements=complements,
        platforms=re.compile(r"^\s+(?:on|in|via)\s+(?:" + platforms + r")\b"),
        titles=re.compile(r"^(?:(?:" + titles + r")\.?\s+)+"),
        title_words=frozenset(t.split()[0].rstrip(".") for t in names.get("titles", [])),
        group_nouns=frozenset(w.lower() for w in names.get("group_nouns", [])),
    )


def _find_cues(text: str, lex: CueLexicon) -> list[CueMatch]:
    """Whole-word cue forms in ``text``, longest first where they overlap (one C-speed pass)."""
    lowered = text.lower()
    if len(lowered) != len(text):
        lowered = "".join(c.lower() if len(c.lower()) == 1 else c for c in text)
    for space in _SPACES:  # str.replace runs at C speed; str.translate looks each character up in a dict
        if space in lowered:
            lowered = lowered.replace(space, " ")
    found: list[CueMatch] = []
    for last, length in lex.automaton.iter(lowered):
        start, end = last - length + 1, last + 1
        if (start > 0 and lowered[start - 1].isalnum()) or (end < len(text) and lowered[end].isalnum()):
            continue
        if lex.before_that and lowered[start:end] in lex.before_that and not _THAT_OR_COLON.match(lowered, end):
            continue  # "50 states", "news reports": a noun, not a cue
        if found and found[-1].stop > start:
            if end - start > found[-1].stop - found[-1].begin:
                found[-1] = CueMatch(start, end, text[start:end])
            continue
        found.append(CueMatch(start, end, text[start:end]))
    return found

_THAT_OR_COLON = re.compile(r"\s*(?::|that\b)")
_MAYBE_SOURCED = re.compile("[\"“”„«»‘’']")


class _LastWordBeforeSpace:
    """The pattern ``\\b(?:word|…)\\s+$``, searched in a text's tail only.

    A match ends the text: one of the words, then the text's trailing white space. So it
    starts at most the longest word's length before that white space (``str.rstrip`` strips
    what ``\\s`` matches), and a search from there finds what a search of the whole text
    finds (``\\b`` still sees the character before the search's start). The windows searched
    per cue and per quotation are a sentence long; the words are five letters at most.
    """

    def __init__(self, words: str, flags: int = 0) -> None:
        alternatives = words.split()
        self.pattern = re.compile(r"\b(?:" + "|".join(alternatives) + r")\s+$", flags)
        self.longest = max(map(len, alternatives))

    def search(self, text: str) -> re.Match[str] | None:
        words_end = len(text.rstrip())
        if words_end == len(text):
            return None  # no white space at the end
        return self.pattern.search(text, max(0, words_end - self.longest))

_DETERMINER_BEFORE = _LastWordBeforeSpace(
    "a an the these those his her their its our my your no any every each", re.IGNORECASE
)

if TYPE_CHECKING:
    from .coreference import _Context

_SPACES = "\t\n\r\x0b\x0c\xa0"  # read as one space between the words of a cue


def _cue_stance(ctx: _Context, cue: CueMatch) -> str:
    form = " ".join(cue.group().lower().split())
    if ctx.lex.platforms.match(ctx.text[cue.end() : cue.end() + 60]):
        return "medium"
    return ctx.lex.stance.get(form, "neutral")
