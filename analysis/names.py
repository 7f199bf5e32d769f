"""Name normalisation: the one place where spellings of a person's name are judged the same.

Two full names are one person when their surnames are at least ``threshold`` similar
(rapidfuzz ratio) after spelling folding and their first names agree. The most frequent
spelling is the canonical one. Sourcing (speakers across the corpus) and the
cross-article comparison (name variants) both cluster through here.

**Spelling folds** are data, ``lexicons/name_variants.toml`` (``[[fold]]``, each with the
spellings it brings together). A name is lower-cased, stripped of accents, then each rule
replaces its letters everywhere, in the file's order:

=====  =====  ==========================================================
from   to     brings together
=====  =====  ==========================================================
x      ks     Xenia / Ksenia, Olexandr / Oleksandr
kh     h      Mikhail / Mihail
th     t      Thorstrom / Torstrem
ph     f      Josephina / Josefina
w      v      Wladimir / Vladimir
j      y      Jurij / Yuriy, Julia / Yulia
ye     e      Yevgeny / Evgeny, Yelena / Elena
yo     e      Fyodor / Fedor, Pyotr / Petr
y      i      Dmytro / Dmitro, Sergey / Sergei, Yulia / Iulia
ii     i      the endings -iy / -ii / -y: Dmitriy / Dmitrii / Dmitry
ea     e      Torstream / Torstrem
=====  =====  ==========================================================

**First names** agree when they fold alike; when they are spellings of one given name
(``[[given_names]]`` groups in the same file: Dmytro / Dmitry, Oleksandr / Alexander);
when both are known first names (there, in its ``first_names`` list, or in
``first_names.toml``) of the same usual gender at least 85 similar after folding
(Katherine / Catherine); and, when at least one is not a known first name, when they are
at least ``threshold - 5`` similar after folding (Moammar / Muammar; not Marcia /
Patricia, 71). Two known first names of different given names never agree otherwise
("Anna Petrova" is not "Olga Petrova", "Alexander Petrov" is not "Alexandra Petrova").
Editing either file takes effect on the next call.

**Is it a person?** :func:`person_name` keeps a run of capitalised words as a person's
name only when it looks like one: its first word is a known first name, or the run stood
after a title ("President …"), or none of its words is a common word (a Dale–Chall easy
word or a word the corpus writes in lower case: "Deputies", "Tough Choices", "Media
Matters" are no one).

A normalised name is its words joined by single spaces; :func:`name_span` finds where
such a name stands in the source, whatever white space the writer typed between its
words, so a reported span is always the source's own characters.

Pipeline step: areas (sourcing and compare judge name spellings here).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from functools import lru_cache
from pathlib import Path
from typing import NamedTuple

import ahocorasick
from rapidfuzz import fuzz, process

from .lexicon import LexiconFile, lexicon_file, read_lexicon

__all__ = [
    "fold",
    "same_person",
    "same_first_name",
    "blocking_keys",
    "SurnameBlocks",
    "cluster_names",
    "name_span",
    "NameRules",
    "GivenName",
    "name_rules",
    "person_name",
    "person_part",
    "looks_like_person",
    "is_place_or_org",
    "PersonNameRules",
    "use_person_name_rules",
    "name_gender",
    "known_first_names",
    "common_words",
    "ArticleNames",
    "whole_words",
    "NAME_RE",
    "HONORIFICS",
]


class GivenName(NamedTuple):
    """A known first name: the folded spelling that stands for its group, and its usual gender."""

    group: str
    gender: str | None  # "female", "male", or None when the lists disagree


class NameRules:
    """Spelling folds and known first names, as read from ``name_variants.toml`` and ``first_names.toml``.

    Build one with :func:`name_rules`; it is immutable, and remembers the names it has folded.
    """

    def __init__(self, folds: Sequence[tuple[str, str]], given: dict[str, GivenName]) -> None:
        self.folds = tuple(folds)
        self.given = given  # folded spelling → its given name
        self._folded: dict[str, str] = {}

    def fold(self, name: str) -> str:
        """Spelling-folded lower case, so transliterations compare equal ("Xenia" ~ "Ksenia")."""
        out = self._folded.get(name)
        if out is None:
            out = _strip_accents(name.lower())
            for old, new in self.folds:
                out = out.replace(old, new)
            if len(self._folded) < 1 << 18:  # bounded: a corpus of random strings cannot exhaust memory
                self._folded[name] = out
        return out

    def given_name(self, first: str) -> GivenName | None:
        """The known first name ``first`` spells, or None."""
        return self.given.get(self.fold(first))

    def same_first_name(self, a: str, b: str, threshold: float = 80.0) -> bool:
        """True when two first names can be one person's (see the module docstring)."""
        fa, fb = self.fold(a), self.fold(b)
        if fa == fb:
            return True
        ga, gb = self.given.get(fa), self.given.get(fb)
        if ga and gb:
            if ga.group == gb.group:
                return True
            if ga.gender != gb.gender and ga.gender and gb.gender:
                return False
            return fuzz.ratio(fa, fb) >= max(threshold, 85.0)
        return fuzz.ratio(fa, fb) >= threshold

    def same_person(self, a: str, b: str, threshold: float = 85.0) -> bool:
        """True when two full names (first … last) are spellings of one person's name."""
        wa, wb = a.split(), b.split()
        return fuzz.ratio(self.fold(wa[-1]), self.fold(wb[-1])) >= threshold and self.same_first_name(
            wa[0], wb[0], threshold - 5
        )


def _strip_accents(text: str) -> str:
    """ "jürgen" → "jurgen": the letters without their combining marks."""
    if text.isascii():
        return text
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


def name_rules(lexicon_dir: str | None = None) -> NameRules:
    """The name rules of ``name_variants.toml`` and ``first_names.toml`` (``lexicon_dir``'s own first).

    Each call looks at the files on disk, so an edit takes effect on the next call; unchanged
    files give the same :class:`NameRules`.
    """
    return _rules_from(lexicon_file("name_variants", lexicon_dir), lexicon_file("first_names", lexicon_dir))


@lru_cache(maxsize=8)
def _rules_from(variants: LexiconFile, first_names: LexiconFile) -> NameRules:
    data = read_lexicon(variants, kind="name_variants")
    rules = NameRules([(rule["from"], rule["to"]) for rule in data["fold"]], {})
    given: dict[str, GivenName] = {}
    names = read_lexicon(first_names, kind="first_names")
    for gender in ("female", "male"):
        for name in names[gender]:
            key = rules.fold(name)
            known = given.get(key)
            given[key] = GivenName(key, gender if known is None or known.gender == gender else None)
    for name in data.get("first_names", []):  # of no usual gender
        given.setdefault(rules.fold(name), GivenName(rules.fold(name), None))
    for group in data["given_names"]:  # a group overrides what the plain list says of its spellings
        head = rules.fold(group["spellings"][0])
        for spelling in group["spellings"]:
            given[rules.fold(spelling)] = GivenName(head, group["gender"])
    rules.given.update(given)
    return rules


def fold(name: str, rules: NameRules | None = None) -> str:
    """Spelling-folded lower case, so transliterations compare equal ("Xenia" ~ "Ksenia", "Dmytro" ~ "Dmitro")."""
    return (rules or name_rules()).fold(name)


def same_first_name(a: str, b: str, threshold: float = 80.0, *, rules: NameRules | None = None) -> bool:
    """True when two first names can be one person's: "Dmytro" and "Dmitry" can, "Anna" and "Olga" cannot."""
    return (rules or name_rules()).same_first_name(a, b, threshold)


def same_person(a: str, b: str, threshold: float = 85.0, *, rules: NameRules | None = None) -> bool:
    """True when two full names (first … last) are spellings of one person's name."""
    return (rules or name_rules()).same_person(a, b, threshold)


def person_name(
    words: Sequence[str],
    *,
    is_common: Callable[[str], bool] | None = None,
    titled: bool = False,
    rules: NameRules | None = None,
) -> str | None:
    """The person's name in a run of capitalised words, or None when the run does not look like one.

    Leading common words that are no first name go ("Elections Susan Bucher" → "Susan
    Bucher"), and so does one trailing common word after two others ("Donald Trump Playing").
    What is left is a name when its first word is a known first name, when the run stood
    after a title (``titled``), or when none of its words is common. ``is_common`` says
    whether a word is common English (by default: a Dale–Chall easy word); pass one that
    also knows the corpus's lower-case words.
    """
    rules = rules or name_rules()
    common = is_common or _is_easy_word
    kept = list(words)
    while len(kept) > 2 and common(kept[0]) and rules.given_name(kept[0]) is None:
        kept.pop(0)
    if len(kept) > 2 and common(kept[-1]):
        kept.pop()
    if len(kept) < 2:
        return None
    if titled or rules.given_name(kept[0]) is not None or not any(common(w) for w in kept):
        return " ".join(kept)
    return None


def _is_easy_word(word: str) -> bool:
    """A Dale–Chall easy word, or a hyphenated word made of them ("Four-Kings")."""
    easy = common_words()
    lower = word.lower()
    return lower in easy or ("-" in lower and all(part in easy for part in lower.split("-") if part))


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


def cluster_names(
    counts: Iterable[tuple[str, int]], threshold: float = 85.0, *, rules: NameRules | None = None
) -> dict[str, str]:
    """Map each full name to its cluster's canonical (most frequent) spelling.

    Names are taken most frequent first; each joins the first earlier cluster head that is
    the same person (:func:`same_person`), else heads a cluster. Only heads whose surname
    shares a blocking key (:func:`blocking_keys`) are compared, never all pairs.
    """
    rules = rules or name_rules()
    ordered = sorted(counts, key=lambda nc: (-nc[1], nc[0]))
    canonical: dict[str, str] = {}
    heads: list[str] = []
    blocks = SurnameBlocks()
    for name, _ in ordered:
        surname = rules.fold(name.split()[-1])
        head = next(
            (heads[i] for i in blocks.candidates(surname) if same_person(name, heads[i], threshold, rules=rules)), None
        )
        if head is None:
            heads.append(name)
            blocks.add(surname)
            head = name
        canonical[name] = head
    return canonical


def cluster_names_all_pairs(
    counts: Iterable[tuple[str, int]], threshold: float = 85.0, *, rules: NameRules | None = None
) -> dict[str, str]:
    """:func:`cluster_names` comparing each name with every head: the reference blocking is checked against."""
    rules = rules or name_rules()
    ordered = sorted(counts, key=lambda nc: (-nc[1], nc[0]))
    canonical: dict[str, str] = {}
    heads: list[str] = []
    for name, _ in ordered:
        head = next((h for h in heads if rules.same_person(name, h, threshold)), None)
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


class PersonNameRules(NamedTuple):
    """The word lists of ``person_names.toml`` that tell a capitalised run is not a person's name."""

    not_name_words: frozenset[str]
    place_or_org: re.Pattern[str]
    org_suffixes: frozenset[str]


@lru_cache(maxsize=8)
def _rules_in(file: LexiconFile) -> PersonNameRules:
    data = read_lexicon(file, kind="person_names")
    places = sorted(set(data["place_or_org_words"]), key=lambda w: (-len(w), w))
    return PersonNameRules(
        frozenset(w.lower() for w in data["not_name_words"]),
        re.compile(r"\b(?:" + "|".join(map(re.escape, places)) + r")\b"),
        frozenset(w.lower() for w in data["org_suffixes"]),
    )


_rules: PersonNameRules | None = None


def use_person_name_rules(lexicon_dir: str | Path | None = None) -> PersonNameRules:
    """Read ``person_names.toml`` (``lexicon_dir``'s own copy first) and make it the rules in force.

    Corpus-level calls (quotation extraction, cited outlets, name variants) call this when
    they start, so an edited file takes effect on the next call; the name tests below,
    which run many thousand times per corpus, read the rules in force without a file check.
    """
    global _rules
    rules = _rules_in(lexicon_file("person_names", lexicon_dir))
    if rules is not _rules:
        _rules = rules
        person_part.cache_clear()  # their answers depend on the rules
        looks_like_person.cache_clear()
    return rules


def _rules_in_force() -> PersonNameRules:
    return _rules if _rules is not None else use_person_name_rules()




@lru_cache(maxsize=65536)
def person_part(name: str) -> str | None:
    """The person's name in a capitalised run, or None: "But Grigory Rankov" → "Grigory Rankov"."""
    rules = _rules_in_force()
    words = name.split()
    # A word from split() holds no line break, so endswith is the regex [’']s$.
    while words and (words[0].lower().strip(".") in rules.not_name_words or words[0].endswith(("’s", "'s"))):
        words = words[1:]
    if len(words) < 2 or is_place_or_org(" ".join(words)) or words[-1].lower() in rules.not_name_words:
        return None
    common = common_words()
    if words[-1].lower() in rules.org_suffixes or sum(w.lower() in common for w in words) * 2 > len(words):
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




def common_words() -> frozenset[str]:
    """The Dale–Chall easy words (shipped with textstat): common English, rarely a surname."""
    from .readability import easy_words

    return easy_words()


def is_place_or_org(name: str) -> bool:
    return bool(_rules_in_force().place_or_org.search(name))


def _surname_key(word: str) -> str:
    return word.lower().strip(".’'")


@lru_cache(maxsize=65536)
def looks_like_person(name: str | None) -> bool:
    if not name:
        return False
    return bool(NAME_RE.fullmatch(name)) and person_part(name) == name and len(name.split()) <= 4
