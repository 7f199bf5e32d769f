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

import re
from collections.abc import Callable, Iterable
from functools import lru_cache

import ahocorasick
from rapidfuzz import fuzz, process

from .lexicon import LexiconFile, lexicon_file, read_lexicon

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


# ------------------------------------------------ person names in articles ---

_NAME_TOKEN = r"(?:[A-Z][a-zà-ÿ][\w’'\-]*|[A-Z]\.)"


NAME_RE = re.compile(
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


HONORIFICS = re.compile(r"^(?:Mr|Mrs|Ms|Miss|Mx|Dr|Sir|Dame)\.?\s+")


_HONORIFIC_BEFORE = re.compile(r"(?:Mr|Mrs|Ms|Dr)\.?\s$")


_CLAUSE_START = re.compile(
    r"(?:^|[.!?:]\s+|\n\s*|[”\"]\s*|,\s*(?:and|but)\s+)(?:(?:But|And|Then|So|Also|Meanwhile|However)\s+)?"
    r"(?:[A-Z][\w’'.-]*\s+){0,3}$"
)


# A verb right after a name: "…, Foster believes", "…, Durning says", "…, Mulder didn’t hesitate".
# A word in -s is a verb only before what a verb takes ("Foster believes.", "X argues that"), not "Foster supporters".
_VERB_AFTER = re.compile(
    r"\s+(?:[a-z]+ed|was|is|has|had|did|does|didn[’']t|doesn[’']t|wasn[’']t|isn[’']t|will|would|can|could|told|"
    r"wrote|said|[a-z]+[^s\W]s(?=[.,;]|\s+(?:that|it|the|a|an|he|she|they|we|his|her|their|this)\b))\b"
    r"(?!\s+(?:[a-z]+\s+)?(?:said|says|told|wrote)\b)"
)


def _after_fronted_phrase(text: str, start: int, end: int) -> bool:
    """A name after a comma or "and", its verb right after: "When asked …, Mulder didn’t hesitate" (a subject)."""
    before = _HONORIFIC_BEFORE.sub("", text[max(0, start - 9) : start])  # ", Mr. Foster believes"
    return before.endswith((", ", " and ")) and bool(_VERB_AFTER.match(text, end))


_CAPITALISED = re.compile(r"\b[A-Z][a-z][\w’'-]+\b")


class ArticleNames:
    """Person names in one article (outside quotations), for surnames, typos and pronouns."""

    def __init__(
        self, text: str, titles: re.Pattern[str], title_words: frozenset[str], inside_quote: Callable[[int, int], bool]
    ) -> None:
        self.titles = titles
        self.title_words = title_words
        self.full: list[tuple[int, str]] = []  # (offset, full name)
        self.subjects: list[tuple[int, str]] = []  # names where a subject can stand
        for m in NAME_RE.finditer(text):
            name = person_part(self.strip_title(m.group()))
            if name is None:
                continue
            # "Dmitry\tPalyuga": the source offset. A name that is the whole run can only stand at its start.
            offset = m.start() if name == m.group() else (name_span(text, name, m.start(), m.end()) or m.span())[0]
            self.full.append((offset, name))
            if (
                len(name.split()) <= 3
                and not inside_quote(m.start(), m.end())
                and (
                    _CLAUSE_START.search(text[max(0, offset - 40) : offset])  # the dearest tests last
                    or _after_fronted_phrase(text, offset, m.end())
                )
            ):
                self.subjects.append((offset, name))
        self.by_surname: dict[str, str] = {}
        for _, name in self.full:
            self.by_surname.setdefault(_surname_key(name.split()[-1]), name)
        # A surname alone where a subject stands ("Morneau was clutching …", "Martell, the doctor, …").
        surnames = {name.split()[-1].strip(".’'") for _, name in self.full}
        for start, end in whole_words(text, surnames):
            surname = _surname_key(text[start:end])
            if surname not in self.by_surname or text.startswith(("’s", "'s"), end):
                continue
            lead = _HONORIFIC_BEFORE.sub("", text[max(0, start - 12) : start])
            if (
                not lead.strip()
                or lead.endswith(("\n", ". ", "! ", "? ", ".” ", ".\" ", "But ", "And ", "when "))
                or _after_fronted_phrase(text, start, end)
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
        last = _surname_key(words[-1])
        if last in self.by_surname:
            return self.by_surname[last]
        if len(last) < 5:
            return name
        # The first surname (in sorted order) with the highest similarity, if it reaches 85.
        best = process.extractOne(last, self._surnames, scorer=fuzz.ratio, score_cutoff=85)
        return self.by_surname[best[0]] if best is not None else name


def whole_words(text: str, words: set[str]) -> list[tuple[int, int]]:
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
def person_part(name: str) -> str | None:
    """The person's name in a capitalised run, or None: "But Grigory Rankov" → "Grigory Rankov"."""
    words = name.split()
    # A word from split() holds no line break, so endswith is the regex [’']s$.
    while words and (words[0].lower().strip(".") in _NOT_FIRST_NAMES or words[0].endswith(("’s", "'s"))):
        words = words[1:]
    if len(words) < 2 or is_place_or_org(" ".join(words)) or words[-1].lower() in _NOT_FIRST_NAMES:
        return None
    common = common_words()
    if words[-1].lower() in _ORG_SUFFIXES or sum(w.lower() in common for w in words) * 2 > len(words):
        return None  # "White Paper", "Article Continued Below", "Operating Engineers"
    return " ".join(words)


def name_gender(name: str, first_names: dict[str, str] | None = None) -> str | None:
    """ "female" or "male" when the name's first word is a known first name (in ``first_names``, else the lexicon's)."""
    words = name.split()
    return (known_first_names() if first_names is None else first_names).get(words[0]) if words else None


def known_first_names() -> dict[str, str]:
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
def common_words() -> frozenset[str]:
    """The Dale–Chall easy words (shipped with textstat): common English, rarely a surname."""
    from .readability import _easy_words

    return _easy_words()


def is_place_or_org(name: str) -> bool:
    return bool(_PLACE_WORDS.search(name))


def _surname_key(word: str) -> str:
    return word.lower().strip(".’'")


@lru_cache(maxsize=65536)
def looks_like_person(name: str | None) -> bool:
    if not name:
        return False
    return bool(NAME_RE.fullmatch(name)) and person_part(name) == name and len(name.split()) <= 4
