"""Roles: every description an article gives a named speaker, wherever the name stands.

"municipal deputy Ivan Sorokin", "Sorokin, a municipal deputy,", "Ivan Sorokin of United
Russia", "Sorokin (United Russia)", "Sorokin, who signed the appeal", "Sorokin is a
member of …": a speaker's source type is read from all of them (:mod:`.source_types`),
not only from the words next to one quotation.

Pipeline step: areas (sourcing).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

from .settings import SETTINGS

# A name as the extractor gives it: one to five capitalised words ("Ivan Sorokin", "Sorokin",
# "Kim Jong-un", "the"-less organisation names such as "United Russia").
_NAMED = re.compile(r"(?:[A-Z][\w’'.-]*)(?:\s+(?:(?:de|van|von|der|al|bin|da|di|la|le|du|del)\s+)?[A-Z][\w’'.-]*){0,4}")

# Words that end a title read backwards from a name: the cue, a verb, a conjunction, a preposition
# that starts the clause ("said Texas Sen. Ted Cruz", "according to Kremlin spokesman …").
_TITLE_STOP = frozenset(
    """said says say told tells added adds asked asks according to and or but by with from for that as when while
    after before than if because is was were are has have had will would on at in into about against said, wrote
    writes tweeted posted claimed argued noted explained warned insisted announced stated declared including
    like among between whom who which where""".split()
)
_DETERMINER = frozenset("the a an this that these those".split())
# Titles whose full stop does not end a sentence ("Sen. Ted Cruz").
_ABBREVIATION = re.compile(
    r"^(?:Sen|Rep|Gov|Gen|Lt|Col|Sgt|Capt|Maj|Adm|Prof|Dr|Mr|Mrs|Ms|Rev|St|Supt|Insp|Det|Amb|Pres|Atty|Cllr|Hon)\.$"
)
_MAX_TITLE_WORDS = SETTINGS.max_title_words
_MAX_AFTER = SETTINGS.role_after  # characters read after a name for an appositive

_CLAUSE_END = re.compile(r"[,;:()\[\]\"“”‘’!?\n—–]|\.(?:\s|$)")
_AGE = re.compile(r"^\d{1,3}$")
# A clause inside an appositive that no longer describes the speaker ("… by the time her husband …").
_CLAUSE_INSIDE = re.compile(
    r"\s+(?:when|by the time|after|before|because|while|since|until|where|whose|who|which|that)\s"
    r"|\s+and\s+(?=[a-z]+ed\s)"
)
_MAX_APPOSITIVE_WORDS = SETTINGS.max_appositive_words
_APPOSITIVE_OPENING = re.compile(r"^(?:an?|the|one|another|head|chair|leader|member|spokes\w+|deputy|who)\b", re.I)
_PARENTHESIS = re.compile(r"\s*\(([^()\n]{1,60})\)")
_OF_ORGANISATION = re.compile(r"\s+of\s+((?:the\s+)?[A-Z][\w’'.&-]*(?:\s+(?:of|for|and|the|[A-Z][\w’'.&-]*)){0,5})")
_COPULA = re.compile(r"\s+(?:is|has been|serves as|works as)\s+((?:an?|the|one of)\s[^,.;:()\n]{3,80})")


def is_named(speaker: str | None) -> bool:
    """True for a capitalised name ("Ivan Sorokin", "Sorokin", "United Russia"); false for a description."""
    return bool(speaker) and bool(_NAMED.fullmatch(speaker or "")) and (speaker or "").split()[0].lower() not in {
        "the", "a", "an"
    }


def speaker_roles(
    text: str,
    speakers: Iterable[str],
    *,
    title_word: Callable[[str], bool] = lambda word: False,
    role_verbs: re.Pattern[str] | None = None,
) -> dict[str, list[str]]:
    """For each named speaker of ``speakers``: the descriptions next to each of its mentions in ``text``.

    A speaker is found by its full name and, when no other speaker shares it, by its last word
    (the surname), unless another first name stands before it ("Bill" before "Clinton").
    Descriptions are returned in text order, each once.

    Args:
        text: the article.
        speakers: speaker names as the extractor gives them; descriptions ("the ministry") are skipped.
        title_word: whether a lower-case word may stand in a title before a name ("deputy",
            "presidential"); capitalised words and abbreviated titles ("Sen.") always may.
        role_verbs: how a relative clause that describes a role starts after "who" ("heads …");
            without it, relative clauses are not read.
    """
    named = sorted({s for s in speakers if is_named(s)})
    keys: dict[str, str] = {name: name for name in named}
    surnames: dict[str, set[str]] = {}
    for name in named:
        words = name.split()
        if len(words) > 1 and len(words[-1]) > 2:
            surnames.setdefault(words[-1], set()).add(name)
    for surname, owners in surnames.items():
        if len(owners) == 1 and surname not in keys:
            keys[surname] = next(iter(owners))
    found: dict[str, list[str]] = {name: [] for name in named}
    if not keys:
        return found
    for key, start, end in _mentions(text, keys):
        name = keys[key]
        if key != name and _other_first_name(text, start, title_word):
            continue  # "Bill Clinton" is not Hillary Clinton
        roles = found[name]
        for role in _descriptions(text, start, end, title_word, role_verbs):
            if role not in roles:
                roles.append(role)
    return found


def _mentions(text: str, keys: Iterable[str]) -> list[tuple[str, int, int]]:
    """Where each key stands in ``text`` as whole words, in text order; a longer key wins an overlap.

    Plain ``str.find`` per key: a regular expression of the article's names would be compiled
    once per article, which cost more than the search.
    """
    found = []
    for key in sorted(keys, key=len, reverse=True):
        start = text.find(key)
        while start >= 0:
            end = start + len(key)
            before = text[start - 1] if start else " "
            after = text[end] if end < len(text) else " "
            if not (before.isalnum() or before in "_’'-") and not (after.isalnum() or after in "_-"):
                found.append((key, start, end))
            start = text.find(key, end)
    found.sort(key=lambda hit: (hit[1], -len(hit[0])))
    kept: list[tuple[str, int, int]] = []
    for hit in found:
        if not kept or hit[1] >= kept[-1][2]:
            kept.append(hit)
    return kept


def _other_first_name(text: str, start: int, title_word: Callable[[str], bool]) -> bool:
    """Whether a capitalised word that is not a title stands just before a surname at ``start``."""
    before = text[max(0, start - 40) : start]
    if not before.endswith(" "):
        return False
    words = before.split()
    word = words[-1] if words else ""
    return bool(word[:1].isupper()) and not _ABBREVIATION.match(word) and not title_word(word) and word.isalpha()


def _descriptions(
    text: str, start: int, end: int, title_word: Callable[[str], bool], role_verbs: re.Pattern[str] | None
) -> list[str]:
    """The descriptions around one mention of a name at ``text[start:end]``."""
    found = []
    title = _title_before(text, start, title_word)
    if title:
        found.append(title)
    after = text[end : end + _MAX_AFTER]
    if after.startswith("’s") or after.startswith("'s"):
        return found  # "Sorokin’s council": the name is a possessor, not described
    if match := _PARENTHESIS.match(after):
        found.append(match.group(1).strip())
    elif match := _OF_ORGANISATION.match(after):
        found.append("of " + match.group(1).strip())
    elif match := _COPULA.match(after):
        found.append(match.group(1).strip())
    elif after.lstrip(" ").startswith(","):
        found.extend(_appositives(after.lstrip(" ")[1:], role_verbs))
    return found


def _title_before(text: str, start: int, title_word: Callable[[str], bool]) -> str | None:
    """The words just before a name that describe it ("Texas Sen.", "municipal deputy").

    Read backwards while each word is capitalised, an abbreviated title or a title word:
    "Polls show Ann Lee" has no title.
    """
    window = text[max(0, start - 100) : start]
    words = window.split()
    if not window or window[-1:] not in (" ", "\u00a0"):
        return None
    title: list[str] = []
    for word in reversed(words):
        bare = word.lower()
        if bare in _TITLE_STOP or bare in _DETERMINER or len(title) == _MAX_TITLE_WORDS:
            break
        if _CLAUSE_END.search(word) and not _ABBREVIATION.match(word):
            if word.endswith(("’s", "'s")) and not _CLAUSE_END.search(word[:-2]):
                title.append(word)  # "United Russia’s Ivan Sorokin"
                continue
            break
        if not (word[:1].isupper() or title_word(word.strip("’'").lower())):
            break
        title.append(word)
    title.reverse()
    return " ".join(title) or None


def _role_clause(part: str, role_verbs: re.Pattern[str] | None) -> str:
    """``part`` up to a clause that no longer describes the speaker; "who heads …" still does."""
    for inside in _CLAUSE_INSIDE.finditer(part):
        rest = part[inside.end() :]
        if inside.group().strip() == "who" and role_verbs is not None and role_verbs.match(rest):
            continue
        return part[: inside.start()]
    return part


def _clause_end(text: str) -> re.Match[str] | None:
    """Where the clause at the start of ``text`` ends; the full stop of a title ("Sen.") does not end it."""
    for stop in _CLAUSE_END.finditer(text):
        words = text[: stop.start() + 1].split()
        if stop.group().startswith(".") and words and _ABBREVIATION.match(words[-1]):
            continue
        return stop
    return None


def _appositives(after: str, role_verbs: re.Pattern[str] | None) -> list[str]:
    """Up to two comma-separated descriptions after a name: ", 34, a municipal deputy, …"."""
    found = []
    for _ in range(3):
        stop = _clause_end(after)
        part = (after[: stop.start()] if stop else after).strip()
        if _AGE.match(part):
            after = after[stop.end() :] if stop and after[stop.start()] == "," else ""
            continue
        if not part or not _APPOSITIVE_OPENING.match(part):
            break
        if part.lower().startswith("who ") and (role_verbs is None or not role_verbs.match(part[4:].lstrip())):
            break
        found.append(" ".join(_role_clause(part, role_verbs).split()[:_MAX_APPOSITIVE_WORDS]))
        if not stop or after[stop.start()] != ",":
            break
        after = after[stop.end() :]
    return found
