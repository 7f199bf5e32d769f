"""Sourcing: who is quoted, how, and how often.

Quotations come from :mod:`analysis.quotations` (the one place quote marks are
paired); this module decides what each one is, who said it and how it was
introduced, and finds reported speech that has no quote marks at all.

* ``direct``: a whole quotation in marks (a sentence or more, or introduced
  with a colon, or the second half of a quotation split by its attribution);
* ``partial``: a quoted fragment inside the writer's own sentence;
* ``indirect``: reported speech without marks ("X said that …", "according to
  X, …", "…, he claimed"); a quoted fragment inside it belongs to it;
* ``mention``: scare quotes, a quoted term, sign text or a title, never a source.

Speakers are found next to their cue (before or after it, through
appositives: "Nikita Yuferev, 34, said", "said one of the councillors, Nikita
Yuferev"), pronouns are resolved to the last fitting source or name, a
surname alone resolves to the full name used elsewhere in the article, and a
misspelt surname ("Payuga") to the closest known one (rapidfuzz). A quotation
with no attribution continues the previous speaker's; a pull-quote takes the
speaker of the quotation it repeats. Everything is rules over the text:
no statistical parser runs.

References:
    Asr, F. T. et al. (2021). The Gender Gap Tracker: Using natural language
    processing to measure gender bias in media. *PLoS ONE* 16(1).
    Pareti, S. (2016). PARC 3.0: A corpus of attribution relations. LREC.

Pipeline step: areas.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right, insort
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cached_property, lru_cache
from pathlib import Path
from typing import Any, NamedTuple

import ahocorasick
import pandas as pd
from rapidfuzz import fuzz, process

from .corpus import Corpus
from .document import Document, documents
from .intervals import Ranges
from .lexicon import LexiconError, LexiconFile, lexicon_file, read_lexicon
from .names import cluster_names, name_span
from .quotations import QuoteSpan
from .segment import WORD_RE, Span
from .typed_tables import typed_frame
from .voice import mention_context

__all__ = [
    "Quote",
    "QUOTE_COLUMNS",
    "OUTLET_COLUMNS",
    "KINDS",
    "STANCES",
    "SOURCE_TYPES",
    "find_quotes",
    "speaker_type_votes",
    "settled_speaker_types",
    "fill_speaker_types",
    "cited_outlets",
    "speaker_table",
    "sourcing_metrics",
    "sourcing_summary",
    "load_cue_lexicon",
]

KINDS = ("direct", "partial", "indirect", "mention")
STANCES = ("neutral", "distancing", "emphatic", "medium")
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
# Nullable integers for the cue offsets: a quotation without a cue has NA there, never a float NaN.
_QUOTE_DTYPES = {
    "article": "str", "start": "int64", "end": "int64", "text": "str", "kind": "str", "speaker": "str",
    "role": "str", "cue": "str", "stance": "str", "speaker_type": "str", "cue_start": "Int64", "cue_end": "Int64",
}
QUOTE_COLUMNS = list(_QUOTE_DTYPES)
OUTLET_COLUMNS = ["article", "start", "end", "text", "outlet", "how"]

_PRONOUNS = {"he", "she", "they", "it", "we", "i", "him", "her", "them"}
_RELATIVE = {"which", "that", "who"}
_DETERMINERS = {
    "the",
    "a",
    "an",
    "this",
    "that",
    "these",
    "those",
    "its",
    "his",
    "her",
    "their",
    "our",
    "one",
    "some",
    "many",
    "several",
    "most",
    "other",
    "another",
    "both",
    "all",
    "no",
    "each",
    "every",
    "any",
    "two",
    "three",
    "four",
    "five",
}


_RELATIVE_END = re.compile(r"(?:,\s*|\s)(which|that|who)\s*$")
_BREAKS = r"[;:—–(]|\s-\s|\b(?:but|while|whereas)\s+(?=[A-Z]|(?:the|a|an|he|she|they|it|we|his|her|their)\b)"
_CLAUSE_BREAKS = re.compile(_BREAKS)
_CLAUSE_BREAKS_AND = re.compile(
    _BREAKS + r"|(?<![A-Za-z])(?<![A-Z][a-z])(?<![A-Z][a-z]{2})(?<![A-Z][a-z]{3})(?<![A-Z][a-z]{4})"
    r"(?<![A-Z][a-z]{5})(?<![A-Z][a-z]{6})(?<![A-Z][a-z]{7})\s+and\s+(?=[A-Z]|(?:the|a|an|he|she|they|it|we)\b)"
)
_SUBORDINATE = re.compile(r"\b(?:that|because|after|before|when|if|although|though|since|whether)\s+(?=\S)")
_AND = re.compile(r"\s+and\s+")
_ROLE_OPENING = re.compile(r"^(?:an?|the|another|one of)\b", re.IGNORECASE)
_LEADING_CONNECTIVE = re.compile(r"^(?:with|as|and|but|while|so|[a-z]+ing)\s+")


def _strip_trailing_words(window: str, words: set[str] | frozenset[str]) -> str:
    """``window`` without trailing words from ``words`` ("Ongoing critics have" → "Ongoing critics")."""
    while True:
        stripped = window.rstrip()
        cut = stripped.rfind(" ") + 1
        if stripped[cut:].lower() not in words:
            return window
        window = stripped[:cut]


_AUXILIARY_WORDS = frozenset(
    """also later then previously earlier recently personally again once has had have would will could should
    may might is was were are did does do reportedly publicly only repeatedly often always never not already
    just first further simply""".split()
)
_AUXILIARIES = re.compile(
    r"(?:\s+(?:also|later|then|previously|earlier|recently|personally|again|once|has|had|have|"
    r"would|will|could|should|may|might|is|was|were|are|did|does|do|reportedly|publicly|"
    r"only|repeatedly|often|always|never|not|already|just|first|further|simply))+\s*$",
    re.IGNORECASE,
)
_WORD_START = re.compile(r"[\w“\"‘']")
_NAME_TOKEN = r"(?:[A-Z][a-zà-ÿ][\w’'\-]*|[A-Z]\.)"
_NAME_RE = re.compile(
    _NAME_TOKEN
    + r"(?:[ \t]+(?:(?:de|van|von|der|al|bin|da|di|la|le|du|del)[ \t]+)?"
    + _NAME_TOKEN
    + r"){1,3}(?![’']s\b)"
)
# Capitalised words that start a sentence or a place name, never a person's first name.
_NOT_FIRST_NAMES = frozenset(
    """when but then and if in on at the a an this that these those after before as while since although
    because so yet still now today yesterday tomorrow last next meanwhile however later earlier new north
    south east west northern southern eastern western lower upper great greater central united national
    royal general prime chief senior federal provincial state city local liberal conservative democratic
    republican independent former acting deputy interim his her their its our my your some many most
    several all both each every no not only even also just there here what who why how where which whose
    during under over from to by of for with without about against between into through across among
    according saint st mount lake fort port cape san santa los las el le la de du des is was are were be
    unlike like untold article continued below above prominent undead upstate downtown story email photo
    video image watch read click share related advertisement sponsored breaking exclusive update
    updated published posted listen subscribe sign follow more less top bottom first second third
    final happy merry dear hello thanks thank please yes no okay""".split()
)
_AGE_RE = re.compile(r"^\s*\d{1,3}\s*$")
_REDUCE_RE = re.compile(
    r"^(?:an?|the)?\s*(?:official\s+|english\s+|russian\s+|full\s+)?"
    r"(?P<role>response|statement|spokes(?:man|woman|person)|representative|translation|copy|version|"
    r"text|report|message|press service|press office)\s+(?:from|of|for|by)\s+(?P<head>.+)$",
    re.IGNORECASE,
)
_SENTENCE_FINAL = ".!?"
_ABBREVIATION_RE = re.compile(
    r"\b(?:Mr|Mrs|Ms|Dr|St|Sen|Rep|Gov|Gen|Lt|Col|Sgt|Capt|Prof|Jr|Sr|Inc|Ltd|Co|Corp|[A-Z])\."
)
_MAX_SPEAKER_WORDS = 9
_NEAR = 220  # characters between a quotation and its cue


class Quote(NamedTuple):
    """One quotation or piece of reported speech, traceable to the source text."""

    article: str
    start: int
    end: int
    text: str
    kind: str
    speaker: str | None
    role: str | None
    cue: str | None
    stance: str | None
    speaker_type: str
    cue_start: int | None
    cue_end: int | None


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
    platforms: re.Pattern[str]
    titles: re.Pattern[str]
    title_words: frozenset[str]  # first words of the titles, for a fast negative test
    group_nouns: frozenset[str]


class _SourceTypes(NamedTuple):
    order: tuple[str, ...]
    patterns: dict[str, re.Pattern[str]]


def _alternation(words: Iterable[str]) -> str:
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(set(words), key=len, reverse=True))


def load_cue_lexicon(path: str | Path | None = None, lexicon_dir: str | Path | None = None) -> CueLexicon:
    """Read ``attribution.toml`` (or a user's file with the same keys); an edited file is read again.

    Raises:
        LexiconError: the file is missing, not TOML, or does not fit ``schemas/lexicons/attribution.schema.json``.
    """
    return _build_cue_lexicon(lexicon_file(path or "attribution", lexicon_dir))


@lru_cache(maxsize=8)
def _build_cue_lexicon(file: LexiconFile) -> CueLexicon:
    data = read_lexicon(file, kind="attribution")
    stance: dict[str, str] = {}
    lemma: dict[str, str] = {}
    no_indirect: set[str] = set()
    for name, spec in data["cues"].items():
        for form in spec["forms"]:
            key = " ".join(form.lower().split())
            stance[key] = spec["stance"]
            lemma[key] = name
            if spec.get("indirect") is False:
                no_indirect.add(key)
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
        platforms=re.compile(r"^\s+(?:on|in|via)\s+(?:" + platforms + r")\b"),
        titles=re.compile(r"^(?:(?:" + titles + r")\.?\s+)+"),
        title_words=frozenset(t.split()[0].rstrip(".") for t in names.get("titles", [])),
        group_nouns=frozenset(w.lower() for w in names.get("group_nouns", [])),
    )


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


# ---------------------------------------------------------------- names ----

_HONORIFICS = re.compile(r"^(?:Mr|Mrs|Ms|Miss|Mx|Dr|Sir|Dame)\.?\s+")
_HONORIFIC_BEFORE = re.compile(r"(?:Mr|Mrs|Ms|Dr)\.?\s$")
_CLAUSE_START = re.compile(
    r"(?:^|[.!?:]\s+|\n\s*|[”\"]\s*|,\s*(?:and|but)\s+)(?:(?:But|And|Then|So|Also|Meanwhile|However)\s+)?"
    r"(?:[A-Z][\w’'.-]*\s+){0,3}$"
)
_CAPITALISED = re.compile(r"\b[A-Z][a-z][\w’'-]+\b")


class _Names:
    """Person names in one article (outside quotations), for surnames, typos and pronouns."""

    def __init__(
        self, text: str, titles: re.Pattern[str], title_words: frozenset[str], inside_quote: Callable[[int, int], bool]
    ) -> None:
        self.titles = titles
        self.title_words = title_words
        self.full: list[tuple[int, str]] = []  # (offset, full name)
        self.subjects: list[tuple[int, str]] = []  # names where a subject can stand
        for m in _NAME_RE.finditer(text):
            name = _person_part(self.strip_title(m.group()))
            if name is None:
                continue
            # "Dmitry\tPalyuga": the source offset. A name that is the whole run can only stand at its start.
            offset = m.start() if name == m.group() else (name_span(text, name, m.start(), m.end()) or m.span())[0]
            self.full.append((offset, name))
            if (
                len(name.split()) <= 3
                and not inside_quote(m.start(), m.end())
                and _CLAUSE_START.search(text[max(0, offset - 40) : offset])  # the dearest test last
            ):
                self.subjects.append((offset, name))
        self.by_surname: dict[str, str] = {}
        for _, name in self.full:
            self.by_surname.setdefault(_key(name.split()[-1]), name)
        # A surname alone where a subject stands ("Morneau was clutching …", "Martell, the doctor, …").
        surnames = {name.split()[-1].strip(".’'") for _, name in self.full}
        for start, end in _whole_words(text, surnames):
            surname = _key(text[start:end])
            if surname not in self.by_surname or text.startswith(("’s", "'s"), end):
                continue
            lead = _HONORIFIC_BEFORE.sub("", text[max(0, start - 12) : start])
            if (
                not lead.strip() or lead.endswith(("\n", ". ", "! ", "? ", "But ", "And ", "when "))
            ) and not inside_quote(start, end):
                self.subjects.append((start, self.by_surname[surname]))
        self.subjects.sort()
        self._surnames = sorted(self.by_surname)
        self._resolved: dict[str, str] = {}

    def strip_title(self, name: str) -> str:
        first = name.split(" ", 1)[0].rstrip(".")
        if first not in self.title_words:
            return name.strip()
        return self.titles.sub("", name).strip()

    def resolve(self, name: str) -> str:
        """Full form of a name: "Palyuga" → "Dmitry Palyuga"; a typo by fuzzy surname match."""
        if name not in self._resolved:
            self._resolved[name] = self._resolve(name)
        return self._resolved[name]

    def _resolve(self, name: str) -> str:
        name = self.strip_title(name)
        words = name.split()
        if not words or len(words) > 1:
            return name
        last = _key(words[-1])
        if last in self.by_surname:
            return self.by_surname[last]
        if len(last) < 5:
            return name
        # The first surname (in sorted order) with the highest similarity, if it reaches 85.
        best = process.extractOne(last, self._surnames, scorer=fuzz.ratio, score_cutoff=85)
        return self.by_surname[best[0]] if best is not None else name


def _whole_words(text: str, words: set[str]) -> list[tuple[int, int]]:
    """Where ``\\b(?:w1|w2|…)\\b`` (longest alternative first) matches in ``text``, in one automaton pass.

    A regex alternation tries every word at every position; the automaton finds them all
    at once. At each position the longest word wins, and matches do not overlap.
    """
    if not words:
        return []
    automaton = ahocorasick.Automaton()
    for word in words:
        if word:
            automaton.add_word(word, len(word))
    if not len(automaton):
        return []
    automaton.make_automaton()

    def boundary(at: int) -> bool:
        before = at > 0 and (text[at - 1].isalnum() or text[at - 1] == "_")
        after = at < len(text) and (text[at].isalnum() or text[at] == "_")
        return before != after

    found = sorted(
        (last - length + 1, -length)
        for last, length in automaton.iter(text)
        if boundary(last - length + 1) and boundary(last + 1)
    )
    out: list[tuple[int, int]] = []
    for start, negative in found:
        if not out or start >= out[-1][1]:
            out.append((start, start - negative))
    return out


_PLACE_WORDS = re.compile(
    r"\b(?:Street|Square|Road|Avenue|Party|Council|Ministry|Duma|Parliament|University|Institute|"
    r"Federation|Union|Republic|Kingdom|States|City|District|Region|Oblast|Times|News|Post|Day|"
    r"Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|January|February|March|April|May|"
    r"June|July|August|September|October|November|December|Russia|Ukraine|Moscow|Petersburg|Kremlin|"
    r"NATO|Twitter|Facebook|Telegram|TV|Russian|Ukrainian|European|American|British|Western|Eastern|"
    r"Canadian|Syrian|Chinese|Japanese|Korean|Indian|French|German|Italian|Spanish|Mexican|Iranian|"
    r"Iraqi|Israeli|Palestinian|Turkish|Australian|African|Asian|Arab|Muslim|Jewish|Catholic|Islamic|"
    r"York|Press|Canada|America|China|Korea|Japan|India|Britain|England|Scotland|Scotia|Columbia|Quebec|"
    r"Ontario|Alberta|Manitoba|Saskatchewan|Brunswick|Island|Mainland|County|State|Province|Valley|"
    r"Hospital|School|College|Church|Centre|Center|Museum|Theatre|Theater|Airport|Station|Bridge|Park)\b"
)


@lru_cache(maxsize=65536)
def _person_part(name: str) -> str | None:
    """The person's name in a capitalised run, or None: "But Grigory Rankov" → "Grigory Rankov"."""
    words = name.split()
    # A word from split() holds no line break, so endswith is the regex [’']s$.
    while words and (words[0].lower().strip(".") in _NOT_FIRST_NAMES or words[0].endswith(("’s", "'s"))):
        words = words[1:]
    if len(words) < 2 or _is_place_or_org(" ".join(words)) or words[-1].lower() in _NOT_FIRST_NAMES:
        return None
    common = _common_words()
    if words[-1].lower() in _ORG_SUFFIXES or sum(w.lower() in common for w in words) * 2 > len(words):
        return None  # "White Paper", "Article Continued Below", "Operating Engineers"
    return " ".join(words)


def _gender(name: str, first_names: dict[str, str] | None = None) -> str | None:
    """ "female" or "male" when the name's first word is a known first name (in ``first_names``, else the lexicon's)."""
    words = name.split()
    return (_first_names() if first_names is None else first_names).get(words[0]) if words else None


def _first_names() -> dict[str, str]:
    """First name → "female" or "male", from ``first_names.toml``."""
    return _first_names_in(lexicon_file("first_names"))


@lru_cache(maxsize=1)
def _first_names_in(file: LexiconFile) -> dict[str, str]:
    data = read_lexicon(file, kind="first_names")
    return {name: gender for gender in ("female", "male") for name in data[gender]}


_ORG_SUFFIXES = frozenset(
    """press united engineers authority association agency department company corp inc ltd group union
    development properties partners solutions industries resources energy holdings capital media health
    council committee commission board service services centre center foundation institute college school
    hospital police railway canada america party ministry office bank fund network club team league
    university court government administration""".split()
)


@lru_cache(maxsize=1)
def _common_words() -> frozenset[str]:
    """The Dale–Chall easy words (shipped with textstat): common English, rarely a surname."""
    from .readability import _easy_words

    return _easy_words()


def _is_place_or_org(name: str) -> bool:
    return bool(_PLACE_WORDS.search(name))


def _key(word: str) -> str:
    return word.lower().strip(".’'")


@lru_cache(maxsize=65536)
def _looks_like_person(name: str | None) -> bool:
    if not name:
        return False
    return bool(_NAME_RE.fullmatch(name)) and _person_part(name) == name and len(name.split()) <= 4


# ---------------------------------------------------------- speakers -------


class _Speaker(NamedTuple):
    name: str
    role: str | None
    start: int  # where the speaker's words are in the text


_SUBORDINATORS = {
    "when",
    "if",
    "as",
    "while",
    "after",
    "before",
    "although",
    "though",
    "because",
    "since",
    "once",
    "unless",
    "until",
    "among",
    "in",
    "on",
    "at",
    "for",
    "with",
    "from",
    "to",
    "by",
    "of",
    "despite",
    "during",
    "under",
    "over",
    "there",
    "here",
    "what",
    "how",
    "why",
    "where",
    "whether",
    "not",
    "asked",
    "but",
    "and",
    "so",
    "yet",
    "also",
    "then",
    "now",
}
_VERBISH = re.compile(
    r"^(?:made|make|makes|have|has|had|is|was|were|are|be|been|signed|sent|gave|took|went|came|called|"
    r"approved|published|issued|backed|voted|passed|wrote|met|did|does|do|can|could|will|would|shall|"
    r"should|may|might|must|who|which|that|whose|[a-z]+ed)$"
)


_LEADING_JOINER = re.compile(r"^(?:and|but|with|while|as|so|then|when|because)\s+", re.IGNORECASE)


def _clean_np(np: str) -> str:
    np = np.strip(" \t\n,;:—–-\"“”‘’'()[]")
    np = _LEADING_JOINER.sub("", np)
    return np.strip()


def _subject(np: str) -> str:
    """The noun phrase at the start of a clause: "A report approved by X" → "A report"."""
    words = np.split()
    for i, word in enumerate(words[1:], 1):
        if word[0].islower() and _VERBISH.match(word.strip(",")):
            return " ".join(words[:i])
    return np


def _is_speaker_np(np: str, lex: CueLexicon) -> bool:
    words = np.split()
    if not words or len(words) > _MAX_SPEAKER_WORDS:
        return False
    first = words[0].lower().strip("’'")
    if first in _PRONOUNS or first in _RELATIVE:
        return len(words) == 1
    if first in _SUBORDINATORS:
        return False
    if first in _DETERMINERS or words[0][0].isupper():
        return True
    return any(w.lower() in lex.group_nouns for w in words)


_SINGULAR = re.compile(r"^(\w+?)(ies|s)$")


def _singular(word: str) -> str:
    match = _SINGULAR.match(word)
    if not match or word.endswith("ss"):
        return word
    return match.group(1) + ("y" if match.group(2) == "ies" else "")


def _role_text(parts: list[str]) -> str | None:
    roles = []
    for part in parts:
        part = _clean_np(part)
        if not part or _AGE_RE.match(part):
            continue
        part = re.split(r"\s+(?:who|which|that|whose)\s+", part, maxsplit=1)[0]
        one_of = re.match(
            r"^one of (?:the |his |her |their |its )?"
            r"(?:\d+ |two |three |four |five |six |seven |eight |nine |ten |several |many )?(.+)$",
            part,
            re.IGNORECASE,
        )
        if one_of:
            head = re.split(r"\s+(?=(?:in|of|from|at|for|on|with)\s)", one_of.group(1), maxsplit=1)
            head[0] = " ".join([*head[0].split()[:-1], _singular(head[0].split()[-1])])
            part = " ".join(head)
        part = re.sub(r"^(?:an?|the|another)\s+", "", part, flags=re.IGNORECASE)
        if part and not re.match(r"^(?:those|them|these|others)\b", part, re.IGNORECASE):
            roles.append(part)
    return "; ".join(roles) or None


_TRAILING_NAME = re.compile(r"(?:^|\s)(" + _NAME_RE.pattern + r")$")


def _trailing_name(head: str, role_parts: list[str]) -> tuple[str, list[str]]:
    """ "UFCW Local 832 president Jeff Traeger" → ("Jeff Traeger", [..., "UFCW Local 832 president"])."""
    match = _TRAILING_NAME.search(head)
    if not match:
        return head, role_parts
    name = _person_part(match.group(1))
    prefix = head[: match.start(1)].strip()
    if not name or not prefix:
        return head, role_parts
    found = name_span(head, name, match.start(1), match.end(1)) or match.span(1)
    prefix = (prefix + " " + head[match.start(1) : found[0]]).strip()  # words the name dropped ("Councillor")
    prefix = re.sub(r"[’']s$", "", prefix).strip()
    return name, [*role_parts, prefix] if prefix else role_parts


def _reduce(np: str) -> tuple[str, str | None]:
    """ "a translation of the petition" → ("the petition", "translation")."""
    match = _REDUCE_RE.match(np)
    if not match:
        return np, None
    head = match.group("head")
    if head.split()[0].lower() not in _DETERMINERS and not head[0].isupper():
        head = "the " + head
    return head, match.group("role").lower()


_DOCUMENT_NOUN = re.compile(
    r"^(?:a|an)\s+(petition|report|statement|letter|translation|document|resolution|motion|appeal)\b", re.IGNORECASE
)


def _canonical(np: str) -> str:
    np = re.sub(
        r"\s+(?:on|in|at|last|this|earlier)\s+(?:(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|week|month|year|morning)\b.*)$",
        "",
        np,
    )
    np = _DOCUMENT_NOUN.sub(lambda m: "the " + m.group(1).lower(), np)
    np = re.sub(r"^(?:The|A|An)\b", lambda m: m.group().lower(), np)
    return np.strip(" ,")


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
        if found and found[-1].stop > start:
            if end - start > found[-1].stop - found[-1].begin:
                found[-1] = CueMatch(start, end, text[start:end])
            continue
        found.append(CueMatch(start, end, text[start:end]))
    return found


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
_SINGLE_NAME = re.compile(r"[A-Z][a-z][\w’'-]+")
_SPACES = "\t\n\r\x0b\x0c\xa0"  # read as one space between the words of a cue


class _Lookups:
    """The lexicon files an extraction reads besides its cues, each looked up once, when first needed.

    Looking a file up stats it (an edited file is read again); once per article was a
    noticeable share of the time on a large corpus, so :func:`find_quotes` shares one.
    """

    def __init__(self, lexicon_dir: str | None = None) -> None:
        self.lexicon_dir = lexicon_dir

    @cached_property
    def types_file(self) -> LexiconFile:
        return lexicon_file("source_types", self.lexicon_dir)

    @cached_property
    def first_names(self) -> dict[str, str]:
        return _first_names()


class _Context:
    """Everything the extractor needs about one article, computed once."""

    def __init__(self, doc: Document, lex: CueLexicon, lookups: _Lookups | None = None) -> None:
        self.article = doc.article
        self.text = text = doc.text
        self.lex = lex
        self.lookups = lookups or _Lookups()
        self.voice = doc.voice
        self.sentences = [s for s in doc.sentences if not self.voice.is_excluded(s.start, s.end)]
        self._sentence_starts = [s.start for s in self.sentences]
        self._sentence_ends = [s.end for s in self.sentences]
        # Paragraph distance counts only paragraphs with words (" ." separators are not paragraphs).
        self.paragraph_starts = [p.start for p in doc.paragraphs if WORD_RE.search(text, p.start, p.end)]
        self.spans = [s for s in doc.quote_spans if not self.voice.is_excluded(s.start, s.end)]
        self._span_starts = [s.start for s in self.spans]
        self._span_ends = [s.end for s in self.spans]
        self._before: dict[tuple[int, int], _Speaker | None] = {}
        self.cues = [m for m in _find_cues(text, lex) if self._is_cue(m)]
        self.cue_starts = [m.start() for m in self.cues]
        self.speakers: list[tuple[int, str]] = []  # (offset, resolved speaker), kept sorted
        self.single_names: set[str] = set()  # one-word speakers that are people ("Kim")
        # Sorted views of ``speakers`` for the look-backs, so none of them scans every speaker:
        # people (by the gender a pronoun excludes), things, and groups.
        self._people: dict[str | None, list[tuple[int, str]]] = {None: [], "female": [], "male": []}
        self._not_yet_people: dict[str, list[tuple[int, str]]] = {}  # until the name proves a single name
        self._things: list[tuple[int, str]] = []
        self._groups: list[tuple[int, str]] = []
        self._subjects_by_gender: dict[str | None, list[tuple[int, str]]] = {}

    @cached_property
    def names(self) -> _Names:
        return _Names(self.text, self.lex.titles, self.lex.title_words, self.inside_quote)

    def inside_quote(self, start: int, end: int) -> bool:
        i = bisect_right(self._span_starts, start) - 1
        return i >= 0 and self.spans[i].content_start <= start and end <= self.spans[i].content_end

    def _is_cue(self, m: CueMatch) -> bool:
        if self.inside_quote(m.start(), m.end()) or self.voice.is_excluded(m.start(), m.end()):
            return False
        before = self.text[max(0, m.start() - 40) : m.start()]
        if m.group()[0].isupper() and before.rstrip() and before.rstrip()[-1] not in '.!?\n"”':
            return False  # "State Duma", "Said" in a name
        if _DETERMINER_BEFORE.search(before) and not m.group().lower().endswith(("ed", "said", "told", "wrote")):
            return False  # a noun: "a warning", "the claims"
        return True

    def sentence_of(self, offset: int) -> Span | None:
        i = bisect_right(self._sentence_starts, offset) - 1
        if i >= 0 and offset < self.sentences[i].end:
            return self.sentences[i]
        return None

    def paragraph_index(self, offset: int) -> int:
        return bisect_right(self.paragraph_starts, offset) - 1

    def last_cue_between(self, start: int, end: int) -> CueMatch | None:
        """The last of :meth:`cues_between`, found from the end (cues are in order and disjoint)."""
        i = bisect_left(self.cue_starts, end) - 1
        while i >= 0 and self.cues[i].start() >= start:
            if self.cues[i].end() <= end:
                return self.cues[i]
            i -= 1
        return None

    def cues_between(self, start: int, end: int) -> list[CueMatch]:
        i = bisect_right(self.cue_starts, start - 1)
        out = []
        while i < len(self.cues) and self.cues[i].start() < end:
            if self.cues[i].end() <= end:
                out.append(self.cues[i])
            i += 1
        return out

    # -- finding the speaker's words ---------------------------------------

    def speaker_before(self, cue: CueMatch, floor: int) -> _Speaker | None:
        """The noun phrase that ends just before the cue ("Palyuga told", "X, 34, said")."""
        key = (cue.start(), floor)
        if key not in self._before:
            self._before[key] = self._speaker_before(cue, floor)
        return self._before[key]

    def _speaker_before(self, cue: CueMatch, floor: int) -> _Speaker | None:
        floor = max(floor, cue.start() - 160)
        window = self.text[floor : cue.start()]
        i = bisect_right(self._span_ends, cue.start()) - 1
        if i >= 0 and self._span_ends[i] > floor:  # start after the last quotation: “…,” Kim confirmed, adding …
            floor, window = self._span_ends[i], self.text[self._span_ends[i] : cue.start()]
        window = _strip_trailing_words(window, {"to"})  # "causing one senior lawmaker to say"
        window = _strip_trailing_words(window, _AUXILIARY_WORDS)
        stripped = window.rstrip()
        if not stripped or stripped[-1] in '.!?”"’':
            return None
        relative = _RELATIVE_END.search(stripped)
        if relative:
            return _Speaker(relative.group(1), None, floor + relative.start(1))
        appositive = stripped.endswith(",")
        # "X, 34, and an organizer at Y, said" keeps its "and"; elsewhere "and" starts a new clause.
        clause = (_CLAUSE_BREAKS if appositive else _CLAUSE_BREAKS_AND).split(stripped)[-1]
        clause = _SUBORDINATE.split(clause)[-1]
        parts = [p for p in (_clean_np(x) for x in clause.split(",")) if p]
        if not parts:
            return None
        if appositive:
            named = [
                i
                for i, p in enumerate(parts)
                if all(_NAME_RE.fullmatch(self.names.strip_title(x) or x) for x in _AND.split(p))
            ]
            index = named[-1] if named else 0
            head = parts[index]
            role_parts = parts[index + 1 :]
            if (
                named
                and index > 0
                and _ROLE_OPENING.match(parts[index - 1])
                and len(parts[index - 1].split()) <= 6
            ):
                role_parts.append(parts[index - 1])
        else:
            head, role_parts = parts[-1], []
        head = _LEADING_CONNECTIVE.sub("", head)
        if not _NAME_RE.fullmatch(self.names.strip_title(head) or head):
            head = _subject(head)
        title = self.names.titles.match(head)
        if title and not _HONORIFICS.match(head):
            role_parts = [title.group().strip(), *role_parts]
        head, role_parts = _trailing_name(head, role_parts)
        last_word = head.split()[-1] if head.split() else ""
        if last_word.lower() in {"he", "she", "they", "we", "i"} and len(head.split()) > 1:
            head = last_word  # "It's something she said …"
        if len(head.split()) > _MAX_SPEAKER_WORDS or not _is_speaker_np(head, self.lex):
            named_match = [m for m in _NAME_RE.finditer(head) if _person_part(m.group())]
            if not named_match:
                return None
            head = _person_part(named_match[-1].group()) or head
        return _Speaker(head, _role_text(role_parts), floor + max(0, window.rfind(head)))

    def speaker_after(self, cue: CueMatch, ceiling: int) -> _Speaker | None:
        """The noun phrase just after an inverted cue ("said Dmitry Palyuga, 35, who …")."""
        window = self.text[cue.end() : ceiling]
        window = re.split(
            r"[;:!?]|\s(?:who|which|that|whose|in a|on|in an|at|after|before|as|adding|noting|during)\s", window
        )[0]
        window = re.sub(r"\.\s*$", "", window)
        parts = [p for p in (_clean_np(x) for x in window.split(",")) if p][:3]
        if not parts:
            return None
        named = [
            i
            for i, p in enumerate(parts)
            if _NAME_RE.fullmatch(self.names.strip_title(p) or p)
            or (p[0].isupper() and len(p.split()) == 1 and not _is_place_or_org(p))
        ]
        index = named[0] if named else 0
        head = parts[index]
        role_parts = [p for i, p in enumerate(parts) if i != index]
        title = self.names.titles.match(head)
        if title and not _HONORIFICS.match(head):
            role_parts = [title.group().strip(), *role_parts]
        head, role_parts = _trailing_name(head, role_parts)
        if not _is_speaker_np(head, self.lex):
            return None
        return _Speaker(head, _role_text(role_parts), cue.end() + max(0, window.find(head)))

    # -- resolving them ----------------------------------------------------

    def resolve(self, speaker: _Speaker | None) -> str | None:
        """Canonical name: pronouns, relatives, titles, surnames and typos resolved."""
        if speaker is None or not speaker.name:
            return None
        name, at = speaker.name, speaker.start
        low = name.lower()
        if low in {"he", "him"}:
            return self._last_person(at, exclude="female")
        if low in {"she", "her"}:
            return self._last_person(at, exclude="male")
        if low == "i":
            return self._last_person(at)
        if low in {"they", "them", "we"}:
            return self._last_group(at)
        if low == "it":
            return self._last_thing(at)
        if low in _RELATIVE:
            return self._antecedent(at)
        reduced, _ = _reduce(name)
        bare = self.names.strip_title(reduced) or reduced
        if bare.split()[0].lower() in _DETERMINERS:
            return _canonical(bare)
        if bare.lower() in self.lex.group_nouns:
            return bare.lower()  # "Critics say" → "critics"
        if bare[0].isupper() and (_NAME_RE.fullmatch(bare) or (len(bare.split()) == 1 and not _is_place_or_org(bare))):
            return self.names.resolve(bare)
        return _canonical(reduced)

    def remember(self, offset: int, speaker: str | None) -> None:
        if speaker:
            entry = (offset, speaker)
            insort(self.speakers, entry)
            if _SINGLE_NAME.fullmatch(speaker) and not _is_place_or_org(speaker):
                self.single_names.add(speaker)
            # A person: a person's name, a single name, or a name that also stands as a subject.
            if _looks_like_person(speaker) or speaker in self.single_names or entry in self._subject_set:
                self._add_person(entry)
            else:
                self._not_yet_people.setdefault(speaker, []).append(entry)
            if speaker in self.single_names:
                for earlier in self._not_yet_people.pop(speaker, []):
                    self._add_person(earlier)
            if not _looks_like_person(speaker):
                insort(self._things, entry)
            if " and " in speaker or any(w.lower() in self.lex.group_nouns for w in speaker.split()):
                insort(self._groups, entry)

    @cached_property
    def _subject_set(self) -> set[tuple[int, str]]:
        return set(self.names.subjects)

    def _add_person(self, entry: tuple[int, str]) -> None:
        gender = _gender(entry[1], self.lookups.first_names)
        for exclude, people in self._people.items():
            if exclude is None or gender != exclude:
                insort(people, entry)

    def _subjects(self, exclude: str | None) -> list[tuple[int, str]]:
        """The names where a subject stands, without those of the ``exclude`` gender."""
        if exclude not in self._subjects_by_gender:
            self._subjects_by_gender[exclude] = [s for s in self.names.subjects if exclude is None or
                                                 _gender(s[1], self.lookups.first_names) != exclude]
        return self._subjects_by_gender[exclude]

    def last_subject(self, at: int) -> tuple[int, str] | None:
        """The last name standing as a subject before ``at``, in its paragraph or the one before."""
        subjects = self.names.subjects
        i = bisect_left(subjects, (at,))
        para = self.paragraph_index(at)
        if i and (para < 1 or subjects[i - 1][0] >= self.paragraph_starts[para - 1]):
            return subjects[i - 1]
        return None

    def _last_person(self, at: int, exclude: str | None = None) -> str | None:
        """The last person named or quoted before ``at``: nearby first (six paragraphs, 2,500 characters)."""
        para = self.paragraph_index(at)
        nearest = at - 2499
        if para >= 6:
            nearest = max(nearest, self.paragraph_starts[para - 6])
        people = self._people[exclude]
        i = bisect_left(people, (at,))  # people[:i] come before ``at``
        best = people[i - 1] if i and people[i - 1][0] >= nearest else None
        subjects = self._subjects(exclude)
        j = bisect_left(subjects, (at,))
        if j and subjects[j - 1][0] >= nearest and (best is None or subjects[j - 1] > best):
            best = subjects[j - 1]
        if best is not None:
            return self.names.resolve(best[1])
        return self.names.resolve(people[i - 1][1]) if i else None

    def _last_group(self, at: int) -> str | None:
        i = bisect_left(self._groups, (at,))
        plural = self._groups[i - 1] if i and at - self._groups[i - 1][0] < 1500 else None
        subject = self._group_subject(at)
        if plural and (subject is None or plural[0] > subject[0]):
            return plural[1]
        return subject[1] if subject else self._last_thing(at)

    def _group_subject(self, at: int) -> tuple[int, str] | None:
        limit = max(0, at - 1500)
        current = self.sentence_of(at)
        floor = current.start if current else at
        # Sentences are in order and disjoint: those from ``limit`` that end by ``floor`` are one run.
        first = bisect_left(self._sentence_starts, limit)
        last = bisect_right(self._sentence_ends, floor)
        for sent in reversed(self.sentences[first:last]):
            if self.text[sent.start] in "\"“‘'«„":
                continue
            head = _clean_np(self.text[sent.start : sent.end])
            subject = _subject(head)
            words = subject.split()
            if len(words) <= 12 and any(w.lower().strip(",") in self.lex.group_nouns for w in words):
                return sent.start, _canonical(subject.rstrip(","))
        return None

    def _last_thing(self, at: int) -> str | None:
        i = bisect_left(self._things, (at,))
        return self._things[i - 1][1] if i else None

    def _antecedent(self, at: int) -> str | None:
        """The noun phrase before "which"/"that": "the petition, which read" → "the petition"."""
        before = self.text[max(0, at - 120) : at].rstrip(" ,")
        before = re.sub(r"\s+(?:on|in|at|by|last|this)\s+(?:\w+\s+){0,2}\w+$", "", before)
        match = re.search(
            r"(?:\b(?:the|a|an|this|his|her|their|its)\s+(?:[\w’'-]+\s+){0,3}[\w’'-]+|[A-Z][\w’'-]+(?:\s+[A-Z][\w’'-]+)*)$",
            before,
        )
        if not match:
            return None
        return _canonical(_reduce(match.group())[0])


# ------------------------------------------------------------ extraction ---


@dataclass
class _Found:
    """A quotation before its speaker is resolved."""

    start: int
    end: int
    kind: str
    content_start: int
    content_end: int
    cue: CueMatch | None = None
    raw: _Speaker | None = None
    inherit: bool = False
    speaker: str | None = None
    role: str | None = None


def find_quotes(
    corpus: Corpus | pd.DataFrame,
    *,
    cue_lexicon: str | Path | None = None,
    lexicon_dir: str | Path | None = None,
    split: str = "sentence",
    corpus_types: bool = True,
) -> pd.DataFrame:
    """Every quotation and piece of reported speech, with speaker, role, cue, stance and source type.

    Args:
        corpus: a loaded corpus or its articles table.
        cue_lexicon: an attribution lexicon file (``attribution.toml`` by default).
        lexicon_dir: a folder of lexicon files overriding the shipped ones.
        split: how a quotation split by its tag is reported (see ``_merge_split``):
            "sentence" (default), "merge" or "keep".
        corpus_types: fill a speaker's ``unknown`` type with what other quotations in the
            corpus establish (False leaves each quotation's own type: a streamed corpus
            settles types with :func:`speaker_type_votes` once every chunk is read).

    Returns:
        A DataFrame with ``QUOTE_COLUMNS``; ``text == source[start:end]`` for every row.
    """
    lex = load_cue_lexicon(str(cue_lexicon) if cue_lexicon else None, str(lexicon_dir) if lexicon_dir else None)
    lookups = _Lookups(str(lexicon_dir) if lexicon_dir else None)
    rows: list[Quote] = []
    for doc in documents(corpus):
        rows.extend(_article_quotes(doc, lex=lex, split=split, lookups=lookups))
    table = typed_frame(rows, _QUOTE_DTYPES)
    if corpus_types:
        fill_speaker_types(table, settled_speaker_types(speaker_type_votes(table)))
    return table


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


def article_quotes(
    doc: Document,
    *,
    lex: CueLexicon | None = None,
    lexicon_dir: str | None = None,
    split: str = "sentence",
) -> list[Quote]:
    """The quotations of one article (see :func:`find_quotes`)."""
    return _article_quotes(doc, lex=lex or load_cue_lexicon(), split=split, lookups=_Lookups(lexicon_dir))


def _article_quotes(doc: Document, *, lex: CueLexicon, split: str, lookups: _Lookups) -> list[Quote]:
    """:func:`article_quotes` with the look-ups of the whole run."""
    article, text = doc.article, doc.text
    if not _MAYBE_SOURCED.search(text) and not any(True for _ in _find_cues(text, lex)):
        return []  # no quote mark and no cue: nothing to extract
    ctx = _Context(doc, lex, lookups)
    used: set[int] = set()
    found = [_classify_span(ctx, span, used) for span in ctx.spans]
    _mark_coordinated_mentions(ctx, found)
    reported = _indirect(ctx, used)
    reporting = Ranges([(r.start, r.end) for r in reported])
    found = [
        f for f in found if not (f.kind in ("partial", "mention") and reporting.holds(f.content_start, f.content_end))
    ]
    found = sorted(found + reported, key=lambda f: (f.start, f.end))
    _resolve_in_order(ctx, found)
    found = _merge_split(ctx, found, split=split)

    roles: dict[str, list[str]] = {}
    for f in found:
        if f.speaker and f.role:
            roles.setdefault(f.speaker, []).append(f.role)
    all_roles = {speaker: "; ".join(listed) for speaker, listed in roles.items()}  # joined once per speaker
    out = []
    types_file = lookups.types_file  # looked up once: a stat per speaker would cost
    for f in found:
        if f.kind == "mention":
            speaker_type = "unknown"
        else:
            speaker_type = _source_type(f.speaker, all_roles.get(f.speaker or "", "") or f.role, types_file)
        cue = f.cue
        out.append(
            Quote(
                article,
                f.start,
                f.end,
                text[f.start : f.end],
                f.kind,
                f.speaker,
                f.role,
                " ".join(cue.group().lower().split()) if cue else None,
                _cue_stance(ctx, cue) if cue else None,
                speaker_type,
                cue.start() if cue else None,
                cue.end() if cue else None,
            )
        )
    return out


def _cue_stance(ctx: _Context, cue: CueMatch) -> str:
    form = " ".join(cue.group().lower().split())
    if ctx.lex.platforms.match(ctx.text[cue.end() : cue.end() + 60]):
        return "medium"
    return ctx.lex.stance.get(form, "neutral")


def _norm(text: str) -> str:
    return " ".join(WORD_RE.findall(text.lower()))


def _is_sentence_start(text: str, offset: int, floor: int) -> bool:
    last = offset - 1  # the last character before ``offset`` that is not white space
    while last >= floor and text[last].isspace():
        last -= 1
    return last < floor or text[last] in _SENTENCE_FINAL + '”"’:'


def _skip_space(text: str, offset: int) -> int:
    """The first offset from ``offset`` that is not white space (``len(text)`` if none)."""
    while offset < len(text) and text[offset].isspace():
        offset += 1
    return offset


_COLON_BEFORE = re.compile(r"[:,]\s*$")
_SENTENCE_INSIDE = re.compile(r"[.!?][\"”’']?\s+\S")
_SENTENCE_END_IN_GAP = re.compile(r"[.!?]\s")
_AND_IN_GAP = re.compile(r"\band\b")
_GAP_OPENS_TAG = re.compile(r"^[\s,]*(?:[A-Z]|he\b|she\b|they\b)")
_PASSIVE_BEFORE = _LastWordBeforeSpace("was were been being is are")


def _classify_span(ctx: _Context, span: QuoteSpan, used: set[int]) -> _Found:
    text = ctx.text
    sent = ctx.sentence_of(span.start) or Span(span.start, span.end)
    end_sentence = ctx.sentence_of(max(span.start, span.end - 1)) or sent
    para = ctx.paragraph_index(span.start)
    para_start = ctx.paragraph_starts[para] if para >= 0 else 0
    f = _Found(span.start, span.end, "direct", span.content_start, span.content_end)
    opens_sentence = _is_sentence_start(text, span.start, para_start)
    colon_intro = bool(_COLON_BEFORE.search(text[max(0, span.start - 3) : span.start]))
    multi_sentence = bool(_SENTENCE_INSIDE.search(text[span.content_start : span.content_end]))

    # Attribution after it: “…,” he said / “…,” said X / “…” says Torstrem.
    later = bisect_right(ctx._span_starts, span.end - 1)
    next_open = ctx.spans[later].start if later < len(ctx.spans) else len(text)
    following = ctx.sentence_of(_skip_space(text, span.end))
    tail = following.end if following is not None and following.start <= span.end + 3 else end_sentence.end
    limit = min(span.end + _NEAR, next_open, max(end_sentence.end, tail, span.end + 2))
    for cue in ctx.cues_between(span.end, limit):
        gap = text[span.end : cue.start()]
        if cue.start() >= end_sentence.end and (
            ctx.paragraph_index(cue.start()) != ctx.paragraph_index(span.end - 1)
            or len(WORD_RE.findall(text[cue.end() : tail])) > 8
        ):
            break  # the next sentence is reported speech of its own, not this quotation's tag
        plain_gap = _ABBREVIATION_RE.sub("", gap)
        words_in_gap = len(WORD_RE.findall(gap))
        if _SENTENCE_END_IN_GAP.search(plain_gap):
            break
        if _AND_IN_GAP.search(gap) or (span.short and words_in_gap > 3):
            break  # "… “X” and insist …": the cue opens a clause of its own
        if words_in_gap <= 6 or (words_in_gap <= 30 and _GAP_OPENS_TAG.match(gap)):
            f.cue = cue
            f.raw = ctx.speaker_before(cue, span.end) or ctx.speaker_after(cue, max(end_sentence.end, tail))
        break

    # Attribution before it: he said: “…” / which read: “…” / X said the retreat did “…”.
    if f.cue is None:
        before = ctx.last_cue_between(sent.start, span.start)
        if before is not None:
            cue = before
            left = text[sent.start : cue.start()]
            passive = _PASSIVE_BEFORE.search(left)
            if passive:
                addressee = re.search(
                    r"\b(?:wrote|writes|write|spoke|appealed|sent\s+\w+)\s+to\s+(.+?)\s+and\s*$",
                    left[: passive.start()],
                )
                f.raw = (
                    _Speaker(_clean_np(addressee.group(1)), None, sent.start + addressee.start(1))
                    if addressee
                    else None
                )
            else:
                f.raw = ctx.speaker_before(cue, sent.start) or ctx.speaker_after(cue, span.start)
            f.cue = cue

    if f.cue is None and f.raw is None and colon_intro and text[max(0, span.start - 3) : span.start].strip() == ":":
        subject = re.match(
            r"^\s*((?:[A-Z][\w’'-]*\.?\s+){0,3}[A-Z][\w’'-]*|[Hh]e|[Ss]he|[Tt]hey)\b", text[sent.start : span.start]
        )
        if subject and (
            subject.group(1).lower() in _PRONOUNS
            or _person_part(subject.group(1))
            or len(subject.group(1).split()) == 1
        ):
            f.raw = _Speaker(subject.group(1), None, sent.start + subject.start(1))
    if span.short and mention_context(text, span.start, span.end, para_start):
        return _Found(span.start, span.end, "mention", span.content_start, span.content_end)
    if span.short and f.cue is None:
        f.kind = "mention"
        return f
    if span.continued or (f.cue is None and opens_sentence):
        f.kind = "direct" if (opens_sentence or span.continued) else "partial"
        f.inherit = f.cue is None
        return f
    follows_cue = f.cue is not None and f.cue.end() <= span.start and not text[f.cue.end() : span.start].strip(" ,:")
    ends_sentence = span.end >= end_sentence.end - 2 or text[span.content_end - 1 : span.content_end] in ".!?"
    if opens_sentence or colon_intro or multi_sentence or (follows_cue and ends_sentence):
        f.kind = "direct"
    else:
        f.kind = "partial"
        if f.cue is None:
            subject = re.match(r"^\s*(He|She|They)\b", text[sent.start : span.start])
            if subject:
                f.raw = _Speaker(subject.group(1), None, sent.start + subject.start(1))
            else:
                f.inherit = True
    if f.cue is not None and not (f.kind == "partial" and f.cue.end() <= span.start):
        used.add(f.cue.start())  # a partial after its cue may belong to reported speech
    return f


def _mark_coordinated_mentions(ctx: _Context, found: list[_Found]) -> None:
    """“special military operation” instead of “war”: a mention's partner is one too."""
    for previous, current in zip(found, found[1:], strict=False):
        gap = ctx.text[previous.end : current.start]
        if (
            previous.kind == "mention"
            and current.kind == "partial"
            and current.content_end - current.content_start < 40
            and re.fullmatch(r"\s*(?:instead of|rather than|and|or|not|but not|versus|vs\.?|nor)\s*", gap)
        ):
            current.kind, current.cue, current.raw, current.inherit = "mention", None, None, False


def _continues(ctx: _Context, previous: _Found, current: _Found) -> bool:
    """True when the current quotation carries on the previous speaker's words.

    It does when it opens the next paragraph, or when only attribution (a few
    words) lies between the two.
    """
    gap_paragraphs = ctx.paragraph_index(current.start) - ctx.paragraph_index(previous.end - 1)
    if gap_paragraphs > 1:
        return False
    if gap_paragraphs == 1 and ctx.paragraph_starts[ctx.paragraph_index(current.start)] == current.start:
        between = ctx.text[previous.end : current.start]
        return not re.search(r"[.!?]\s+[A-Z]", between) or len(WORD_RE.findall(between)) <= 25
    gap_words = 0
    cursor = previous.end
    # Quotations starting before ``previous.end`` are skipped below anyway: start after them.
    for i in range(bisect_left(ctx._span_starts, previous.end), len(ctx.spans)):
        span = ctx.spans[i]
        if span.start >= current.start:
            break
        if span.start >= cursor:
            gap_words += len(WORD_RE.findall(ctx.text[cursor : span.start]))
            cursor = span.end
    gap_words += len(WORD_RE.findall(ctx.text[cursor : current.start]))
    return gap_words <= 20


def _resolve_in_order(ctx: _Context, found: list[_Found]) -> None:
    """Explicit speakers first, in text order; then continuations and pull-quotes."""
    for f in found:
        if f.kind != "mention" and f.raw is not None:
            f.speaker = ctx.resolve(f.raw)
            f.role = f.raw.role
            ctx.remember(f.raw.start, f.speaker)
    _fill_pull_quotes(ctx.text, found)
    last: _Found | None = None
    for f in found:
        if f.kind == "mention":
            continue
        if f.inherit and f.speaker is None and f.raw is None:
            if last is not None and last.speaker and _continues(ctx, last, f):
                f.speaker, f.role = last.speaker, last.role
            else:
                named = ctx.last_subject(f.start)
                if named is not None:
                    f.speaker = ctx.names.resolve(named[1])
                elif f.kind == "direct":
                    f.speaker = ctx._last_person(f.start)  # the person the narration was about
        if f.speaker:
            last = f


SPLIT_MODES = ("sentence", "merge", "keep")


def _merge_split(ctx: _Context, found: list[_Found], *, split: str) -> list[_Found]:
    """Join the halves of a quotation split by its attribution tag.

    ``sentence`` (default) joins “A,” he said, “b …” when the second half goes on
    with the same sentence; ``merge`` also joins “A,” he said. “B.” (PolNeAR's
    convention); ``keep`` never joins (GGT's convention for every split).
    """
    if split not in SPLIT_MODES:
        raise ValueError(f"split must be one of {SPLIT_MODES}, not {split!r}")
    if split == "keep":
        return found
    out: list[_Found] = []
    for f in found:
        prev = out[-1] if out else None
        tagged_between = (
            prev is not None
            and prev.cue is not None
            and prev.cue.start() >= prev.end
            and prev.cue.end() <= f.start
            and (f.cue is None or f.cue is prev.cue)
        )
        if prev is not None and tagged_between and prev.kind == f.kind == "direct" and prev.speaker == f.speaker:
            gap = ctx.text[prev.end : f.start]
            continues = ctx.text[f.content_start : f.content_start + 1].islower() or split == "merge"
            if continues and "\n" not in gap and len(WORD_RE.findall(gap)) <= 10:
                prev.end, prev.content_end = f.end, f.content_end
                continue
        out.append(f)
    return out


def _fill_pull_quotes(text: str, found: list[_Found]) -> None:
    """An unattributed quotation repeating an attributed one gets its speaker.

    The speaker comes from the first quotation (in text order) with a speaker whose words
    contain the unattributed one's, counting those filled in earlier in this pass. One
    automaton over the unattributed bodies finds every containment at once, instead of
    comparing every quotation with every other.
    """
    if not any(f.kind in ("direct", "partial") and not f.speaker for f in found):
        return  # nothing to fill: no body needs normalising
    bodies = [_norm(text[f.content_start : f.content_end]) for f in found]
    asking = [
        i for i, f in enumerate(found) if f.kind in ("direct", "partial") and not f.speaker and bodies[i]
    ]
    if not asking:
        return
    automaton = ahocorasick.Automaton()
    for i in asking:
        automaton.add_word(bodies[i], bodies[i])
    automaton.make_automaton()
    first_holder: dict[str, int] = {}  # unattributed body → first quotation with a speaker holding it

    def offer(holder: int) -> None:
        for _, body in automaton.iter(bodies[holder]):
            if first_holder.get(body, holder + 1) > holder:
                first_holder[body] = holder

    for i, f in enumerate(found):
        if f.speaker:
            offer(i)
    for i in asking:
        holder = first_holder.get(bodies[i])
        if holder is not None:
            f = found[i]
            f.speaker, f.role = found[holder].speaker, found[holder].role
            offer(i)  # from now on it is a quotation with a speaker too


_NOT_SPEECH_AFTER = re.compile(r"^\s*(?:to|by|so|nothing|no|yes|goodbye|about|of|for|with)\b", re.IGNORECASE)
_PASSIVE_OR_SUBORDINATE_BEFORE = _LastWordBeforeSpace("is are was were be been being it's it’s when if", re.IGNORECASE)


def _indirect(ctx: _Context, used: set[int]) -> list[_Found]:
    """Reported speech without quote marks."""
    text = ctx.text
    out: list[_Found] = []
    taken_starts: list[int] = []  # the reported speech found so far: disjoint ranges, in order
    taken_ends: list[int] = []
    content_starts = [s.content_start for s in ctx.spans]
    sourced = Ranges([(s.start, s.end) for s in ctx.spans if not s.short])
    for cue in ctx.cues:
        if cue.start() in used:
            continue
        form = " ".join(cue.group().lower().split())
        sent = ctx.sentence_of(cue.start())
        if sent is None or form in ctx.lex.no_indirect:
            continue
        left = text[sent.start : cue.start()]
        right = text[cue.end() : sent.end]
        if _NOT_SPEECH_AFTER.match(right):
            continue
        if form != "according to" and _PASSIVE_OR_SUBORDINATE_BEFORE.search(left):
            continue  # passive or subordinate: "it was said", "When asked"
        if form == "according to":
            f = _according_to(ctx, cue, sent)
        else:
            speaker = ctx.speaker_before(cue, sent.start)
            f = _reported(ctx, cue, sent, speaker) if speaker is not None else None
        if f is None:
            continue
        words = len(WORD_RE.findall(text[f.start : f.end]))
        quoted = 0  # words of the quotations inside it (quotations are in order and disjoint)
        for i in range(bisect_left(content_starts, f.start), len(ctx.spans)):
            s = ctx.spans[i]
            if s.content_start > f.end:
                break
            if s.content_end <= f.end:
                quoted += len(WORD_RE.findall(text[s.content_start : s.content_end]))
        if words - quoted < 3 or sourced.straddles(f.start) or sourced.straddles(f.end):
            continue
        i = bisect_left(taken_starts, f.end) - 1  # the last range starting before f ends
        if i >= 0 and taken_ends[i] > f.start:
            continue
        f.cue = cue
        used.add(cue.start())
        taken_starts.insert(i + 1, f.start)
        taken_ends.insert(i + 1, f.end)
        out.append(f)
    return out


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and (text[start].isspace() or text[start] in ",;:—–-"):
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in ".,;:!?—–-"):
        end -= 1
    return start, end


def _content_end(ctx: _Context, start: int, sent: Span) -> int:
    """Reported speech ends at the sentence's end or before a following attribution."""
    for later in ctx.cues_between(start, sent.end):
        comma = ctx.text.rfind(",", start, later.start())
        if comma > start and len(WORD_RE.findall(ctx.text[comma : later.start()])) <= 6:
            return comma
    return sent.end


_NOTHING_SAID_AFTER = re.compile(r"^\s*(?:[,.;!?]|\s*(?:on|in|at|to|during)\b[^,]*[.!?]?\s*$|$)")
_THAT_CLAUSE = re.compile(r"^[^,.;:!?]{0,60}?\bthat\b\s*")
_TOLD_WHOM = re.compile(r"^\s*(?:(?:the|a|an|reporters|journalists|him|her|them|us|me)\b\s*)?(?:[A-Z][\w’'-]*\s*)*")
_NOT_CONTENT = re.compile(r"^(?:it|this|him|her|them|me|us|goodbye|hello)\b", re.IGNORECASE)


def _reported(ctx: _Context, cue: CueMatch, sent: Span, speaker: _Speaker) -> _Found | None:
    """ "X said (that) CONTENT" or "CONTENT, X said"."""
    text = ctx.text
    left = text[sent.start : speaker.start]
    right = text[cue.end() : sent.end]
    if _NOTHING_SAID_AFTER.match(right) and left.rstrip().endswith(","):
        start, end = _trim(text, sent.start, sent.start + len(left.rstrip()) - 1)
        if end <= start:
            return None
        if re.search(r"[.!?]", text[start:end]) is None or True:
            return _Found(start, end, "indirect", start, end, raw=speaker)
    that = _THAT_CLAUSE.match(right)
    offset = 0
    if that:
        offset = that.end()
    elif ctx.lex.lemma.get(" ".join(cue.group().lower().split())) == "tell":
        obj = _TOLD_WHOM.match(right)
        offset = obj.end() if obj else 0
    start = cue.end() + offset
    start, end = _trim(text, start, _content_end(ctx, start, sent))
    if end - start <= 0:
        return None
    content = text[start:end]
    if _NOT_CONTENT.match(content) and len(content.split()) < 4:
        return None
    return _Found(start, end, "indirect", start, end, raw=speaker)


def _according_to(ctx: _Context, cue: CueMatch, sent: Span) -> _Found | None:
    text = ctx.text
    source = re.match(r"^\s*([^,.;]+(?:\.\s?[A-Z][^,.;]*)?)", text[cue.end() : sent.end])
    if not source:
        return None
    speaker = _Speaker(_clean_np(source.group(1)), None, cue.end() + source.start(1))
    if text[sent.start : cue.start()].strip(" ,"):
        start, end = _trim(text, sent.start, cue.start())
    else:
        start, end = _trim(text, cue.end() + source.end(), sent.end)
    if end <= start:
        return None
    return _Found(start, end, "indirect", start, end, raw=speaker)


# --------------------------------------------------------- cited outlets ---

_OUTLET_RE = re.compile(
    r"\b(?P<how>told|tells|telling|according to|wrote in|writing in|said in an interview with|"
    r"in an interview with|reported by|speaking to|spoke to|quoted by|cited by)\s+"
    r"(?P<outlet>(?:the\s+|The\s+)?(?:[A-Z][\w’'&-]*)(?:\s+(?:of\s+)?[A-Z][\w’'&-]*){0,4})"
)
_PLATFORM_RE = re.compile(
    r"\b(?P<how>(?:wrote|writes|posted|posts|said|says|announced|tweeted)\s+on)\s+(?P<outlet>Twitter|X|Facebook|Telegram|"
    r"Instagram|TikTok|YouTube|VKontakte|VK)\b"
)


def cited_outlets(corpus: Corpus | pd.DataFrame, *, lexicon_dir: str | Path | None = None) -> pd.DataFrame:
    """Media outlets and platforms an article cites, with the span and how ("told", "according to").

    An outlet is a capitalised name after a citing phrase that the source-type
    rules classify as media or social media ("told the Telegraph", "according to
    the Moscow Times", "wrote on Twitter").
    """
    rows = []
    types_file = lexicon_file("source_types", lexicon_dir)
    for doc in documents(corpus):
        art, index = doc.meta, doc.voice
        for pattern in (_OUTLET_RE, _PLATFORM_RE):
            for m in pattern.finditer(art.text):
                start, end = m.span("outlet")
                if index.is_excluded(start, end) or index.quote_at(start, end) is not None:
                    continue
                name = re.sub(r"^(?:the|The)\s+", "", m.group("outlet")).rstrip(".")
                kind = _source_type(name, None, types_file)
                if pattern is _OUTLET_RE and kind not in ("media", "social_media"):
                    continue
                end = start + len(m.group("outlet").rstrip("."))
                rows.append((art.article, start, end, art.text[start:end], name, " ".join(m.group("how").split())))
    table = pd.DataFrame(rows, columns=OUTLET_COLUMNS)
    return table.sort_values(["article", "start"], kind="stable").reset_index(drop=True)


# ---------------------------------------------------- speakers and metrics ---


def merge_speaker_variants(quotes: pd.DataFrame, *, threshold: float = 85.0) -> dict[str, str]:
    """Map each speaker name to one canonical spelling across the corpus (see :mod:`analysis.names`).

    Person names cluster ("Xenia"/"Ksenia Torstrem"); descriptions ("the Kremlin") map to themselves.
    """
    counts = quotes["speaker"].dropna().value_counts()
    people = [(str(n), int(c)) for n, c in counts.items() if _looks_like_person(str(n))]
    canonical = cluster_names(people, threshold)
    return {str(n): canonical.get(str(n), str(n)) for n in counts.index}


def speaker_table(quotes: pd.DataFrame) -> pd.DataFrame:
    """Per speaker across the corpus: quotations in each article (name variants merged)."""
    sourced = quotes[quotes["kind"] != "mention"].dropna(subset=["speaker"])
    if sourced.empty:
        return pd.DataFrame(columns=["speaker", "speaker_type", "articles", "quotes"])
    canonical = merge_speaker_variants(sourced)
    sourced = sourced.assign(speaker=sourced["speaker"].map(canonical))
    wide = sourced.groupby(["speaker", "article"]).size().unstack(fill_value=0)
    types = sourced.groupby("speaker")["speaker_type"].agg(lambda s: s.value_counts().index[0])
    table = pd.DataFrame(
        {
            "speaker": wide.index,
            "speaker_type": types.reindex(wide.index).values,
            "articles": (wide > 0).sum(axis=1).values,
            "quotes": wide.sum(axis=1).values,
        }
    )
    table = pd.concat([table.reset_index(drop=True), wide.reset_index(drop=True)], axis=1)
    return table.sort_values(["quotes", "speaker"], ascending=[False, True], kind="stable").reset_index(drop=True)


def sourcing_metrics(quotes: pd.DataFrame, corpus: Corpus | pd.DataFrame) -> pd.DataFrame:
    """``sourcing.*`` columns, one row per article (the README documents each)."""
    by_article: dict[str, list[tuple[object, ...]]] = {}
    columns = (quotes[name].tolist() for name in ("article", "kind", "speaker", "speaker_type", "stance"))
    for values in zip(*columns, strict=True):  # plain lists: iterating Arrow-backed columns costs per value
        by_article.setdefault(str(values[0]), []).append(values[1:])
    rows = []
    for doc in documents(corpus):
        art = doc.meta
        words = doc.words()
        mine = by_article.get(art.article, [])
        sourced = [q for q in mine if q[0] != "mention"]
        speakers = {q[1] for q in sourced if isinstance(q[1], str)}
        kinds = Counter(q[0] for q in mine)
        types = Counter(q[2] for q in sourced)
        stances = Counter(q[3] for q in sourced)
        row: dict[str, object] = {"article": art.article, "sourcing.quotes": len(sourced)}
        for kind in KINDS:
            row[f"sourcing.{kind}"] = kinds[kind]
        row["sourcing.named_sources"] = sum(any(w[:1].isupper() for w in s.split()) for s in speakers)
        row["sourcing.unattributed"] = sum(not isinstance(q[1], str) for q in sourced)
        row["sourcing.quoted_word_share"] = round(words.quoted / words.total, 4) if words.total else 0.0
        for kind in SOURCE_TYPES:
            row[f"sourcing.type_{kind}"] = types[kind]
        for stance in STANCES:
            row[f"sourcing.stance_{stance}"] = stances[stance]
        rows.append(row)
    return typed_frame(rows, _sourcing_metric_dtypes())


def _sourcing_metric_dtypes() -> dict[str, str]:
    """The ``sourcing.*`` columns in order, with their dtypes."""
    counts = ["quotes", *KINDS, "named_sources", "unattributed"]
    return {
        "article": "str",
        **{f"sourcing.{name}": "int64" for name in counts},
        "sourcing.quoted_word_share": "float64",
        **{f"sourcing.type_{kind}": "int64" for kind in SOURCE_TYPES},
        **{f"sourcing.stance_{stance}": "int64" for stance in STANCES},
    }


def sourcing_summary(quotes: pd.DataFrame, outlets: pd.DataFrame) -> dict[str, int]:
    """Named key figures for the sourcing notebook's summary file."""
    sourced = quotes[quotes["kind"] != "mention"]
    canonical = merge_speaker_variants(sourced) if len(sourced) else {}
    speakers = {canonical.get(s, s) for s in sourced["speaker"].dropna()}
    summary: dict[str, int] = {
        "quotations": len(sourced),
        "named_speakers": sum(any(w[:1].isupper() for w in s.split()) for s in speakers),
        "speakers": len(speakers),
        "unattributed": int(sourced["speaker"].isna().sum()),
        "cited_outlets": len(outlets),
    }
    for kind in KINDS:
        summary[kind] = int((quotes["kind"] == kind).sum())
    for stance in STANCES:
        summary[f"stance.{stance}"] = int((sourced["stance"] == stance).sum())
    for kind in SOURCE_TYPES:
        summary[f"type.{kind}"] = int((sourced["speaker_type"] == kind).sum())
    return dict(sorted(summary.items()))
