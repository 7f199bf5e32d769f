"""Speakers: the noun phrase next to a cue that says who spoke, with its role.

Pipeline step: areas (sourcing).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from typing import NamedTuple

from ..names import HONORIFICS, NAME_RE, is_place_or_org, name_span, person_part
from .context import _ArticleContext
from .cues import CueLexicon, CueMatch

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
_AGE_RE = re.compile(r"^\s*\d{1,3}\s*$")

_REDUCE_RE = re.compile(
    r"^(?:an?|the)?\s*(?:official\s+|english\s+|russian\s+|full\s+)?"
    r"(?P<role>response|statement|spokes(?:man|woman|person)|representative|translation|copy|version|"
    r"text|report|message|press service|press office)\s+(?:from|of|for|by)\s+(?P<head>.+)$",
    re.IGNORECASE,
)

_MAX_SPEAKER_WORDS = 9


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

_TRAILING_NAME = re.compile(r"(?:^|\s)(" + NAME_RE.pattern + r")$")


def _trailing_name(head: str, role_parts: list[str]) -> tuple[str, list[str]]:
    """ "UFCW Local 832 president Jeff Traeger" → ("Jeff Traeger", [..., "UFCW Local 832 president"])."""
    match = _TRAILING_NAME.search(head)
    if not match:
        return head, role_parts
    name = person_part(match.group(1))
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

_SINGLE_NAME = re.compile(r"[A-Z][a-z][\w’'-]+")


class _SpeakerSearch(_ArticleContext):
    """Finding the words of a speaker next to a cue."""

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
                if all(NAME_RE.fullmatch(self.names.strip_title(x) or x) for x in _AND.split(p))
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
        if not NAME_RE.fullmatch(self.names.strip_title(head) or head):
            head = _subject(head)
        title = self.names.titles.match(head)
        if title and not HONORIFICS.match(head):
            role_parts = [title.group().strip(), *role_parts]
        head, role_parts = _trailing_name(head, role_parts)
        last_word = head.split()[-1] if head.split() else ""
        if last_word.lower() in {"he", "she", "they", "we", "i"} and len(head.split()) > 1:
            head = last_word  # "It's something she said …"
        if len(head.split()) > _MAX_SPEAKER_WORDS or not _is_speaker_np(head, self.lex):
            named_match = [m for m in NAME_RE.finditer(head) if person_part(m.group())]
            if not named_match:
                return None
            head = person_part(named_match[-1].group()) or head
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
            if NAME_RE.fullmatch(self.names.strip_title(p) or p)
            or (p[0].isupper() and len(p.split()) == 1 and not is_place_or_org(p))
        ]
        index = named[0] if named else 0
        head = parts[index]
        role_parts = [p for i, p in enumerate(parts) if i != index]
        title = self.names.titles.match(head)
        if title and not HONORIFICS.match(head):
            role_parts = [title.group().strip(), *role_parts]
        head, role_parts = _trailing_name(head, role_parts)
        if not _is_speaker_np(head, self.lex):
            return None
        return _Speaker(head, _role_text(role_parts), cue.end() + max(0, window.find(head)))
