"""Cited outlets: news outlets and platforms an article names as its sources.

An outlet is cited when a cue phrase of ``outlets.toml`` stands next to its name:
before it ("told Novaya Gazeta", "according to Meduza", "citing TASS", "a report by
Kommersant", "in an interview with DW", "wrote on Telegram") or after it ("Mediazona
reports", "Reuters, quoting …"). Cues are found in one Aho–Corasick pass over the
document's normalised text (:mod:`analysis.matching`); the name next to each is a
capitalised run read with a regular expression anchored at the cue.

The name is then one of:

* **a known outlet** of ``outlets.toml`` (its name or an alias), or a known outlet
  followed by words that name a part of it ("BBC Radio Five Live" is the BBC). A known
  name followed by a place or an institution is something else ("Times Square",
  "the Reuters Institute"). The ``outlet`` column gives the known outlet's name;
* **an unknown outlet** when a descriptor stands next to it ("the independent outlet
  Sota", "the Kommersant daily"), or, after a cue before it, when the source-type rules
  call it media or social media ("told the Kyiv Herald"). A person's name
  (:func:`analysis.names.looks_like_person`) is never an outlet: "told Ivan Petrov".

Mentions in excluded regions, inside quotations and on credit lines ("Additional
reporting by Reuters", "By Reuters") are not citations.

Pipeline step: areas (sourcing).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from functools import lru_cache
from pathlib import Path
from typing import NamedTuple

import pandas as pd

from ..corpus import Corpus
from ..document import Document, documents
from ..lexicon import LexiconFile, lexicon_file
from ..matching import build_automaton, match
from ..names import is_place_or_org, looks_like_person, use_person_name_rules
from ..outlet_names import OutletLexicon, core_name, outlets_in
from .settings import SETTINGS
from .source_types import source_type

__all__ = ["OUTLET_COLUMNS", "cited_outlets"]

OUTLET_COLUMNS = ["article", "start", "end", "text", "outlet", "how"]
_MEDIA_TYPES = ("media", "social_media")

# A capitalised word of a name ("Meduza", "RFE/RL", "Censor.NET", "ITAR-TASS"); a number after one ("Radio 4").
_WORD = r"[A-Z][\w’'&./-]*[\w&]|[A-Z]"
_RUN = rf"(?:{_WORD})(?:[^\S\n]+(?:(?:(?:of|for|the|de|du|la|el)[^\S\n]+)?(?:{_WORD})|\d+\b))*"
_DETERMINER = r"(?P<det>the|The|a|an|his|her|their|its|our)[^\S\n]+"
_CALENDAR = re.compile(
    r"(?:[^\S\n]+(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|January|February|March|April|May|June|"
    r"July|August|September|October|November|December|Today|Yesterday|Tonight)\b)+$"
)
_POSSESSIVE = re.compile(r"[’']s?(?=\W|$)")
_TRAILING = ".,;:’'-/"
_DOMAIN = re.compile(r"\.(?:ru|ua|by|com|net|org|info|io|media|news|tv|vision)$", re.I)
# Capitalised at a sentence start, never a name on their own.
_FUNCTION_WORDS = frozenset(
    "The A An This That These Those It He She They We I You His Her Their Its Our My Your But And Or So Then In On "
    "At As If When While After Before Since Also Now Here There What Which Who Why How".split()
)
_TITLES = frozenset({"Mr.", "Mrs.", "Ms.", "Dr.", "Mr", "Mrs", "Ms", "Dr", "Sen.", "Rep.", "Gov.", "Gen.", "Prof."})


class _Patterns(NamedTuple):
    outlets: OutletLexicon
    cues: object  # automaton over cue phrases: form → (kind before the name or None, kind after it or None)
    forward: re.Pattern[str]  # after a cue: [determiner] [descriptor] NAME [descriptor]
    backward: re.Pattern[str]  # before an after-cue: [descriptor] NAME [descriptor] [,] [has]
    credits: tuple[re.Pattern[str], ...]
    descriptor_ends: frozenset[str]  # the last word of each descriptor, lower case ("daily", "agency")


@lru_cache(maxsize=8)
def _patterns(file: LexiconFile) -> _Patterns:
    outlets = outlets_in(file)
    forms: dict[str, tuple[str | None, str | None]] = {}
    for phrase, kind in outlets.before.items():
        forms[phrase] = (kind, forms.get(phrase, (None, None))[1])
    for phrase, kind in outlets.after.items():
        forms[phrase] = (forms.get(phrase, (None, None))[0], kind)
    descriptor = "|".join(re.escape(d) for d in sorted(outlets.descriptors, key=len, reverse=True)) or r"(?!x)x"
    # Descriptors as listed (lower case): "Daily" in "the Daily Caller" is part of the name.
    pre = rf"(?:(?P<pre>(?:[\w-]+[^\S\n]+){{0,2}}(?:{descriptor}))[^\S\n]+)"
    post = rf"(?:[^\S\n]+(?P<post>{descriptor})\b)"
    forward = re.compile(rf"[^\S\n]+(?:{_DETERMINER})?{pre}?(?P<name>{_RUN})(?:{post})?")
    backward = re.compile(
        rf"(?:^|(?<=[\s(“\"]))(?:{_DETERMINER})?{pre}?(?P<name>{_RUN}){post}?[^\S\n]*,?[^\S\n]+(?:(?:has|had)[^\S\n]+)?$"
    )
    ends = frozenset(d.split()[-1].lower() for d in outlets.descriptors)
    return _Patterns(outlets, build_automaton(forms.items()), forward, backward, outlets.credits, ends)


class _Mention(NamedTuple):
    start: int  # of the name, or of a "the" before it
    end: int
    outlet: str
    how: str


def cited_outlets(corpus: Corpus | pd.DataFrame, *, lexicon_dir: str | Path | None = None) -> pd.DataFrame:
    """Media outlets and platforms an article cites, with the span and how (the cue's kind).

    Returns:
        A DataFrame with ``OUTLET_COLUMNS``: ``text == source[start:end]`` (the name as
        written, with a "the" before it); ``outlet`` is the known outlet's name without a
        leading "The" ("Moscow Times"), or the name as written for an outlet not in
        ``outlets.toml``; ``how`` is the cue's kind ("told", "according to", "reported",
        "citing", "interview", "wrote in", "wrote on").
    """
    use_person_name_rules(str(lexicon_dir) if lexicon_dir else None)
    patterns = _patterns(lexicon_file("outlets", lexicon_dir))
    types_dir = str(lexicon_dir) if lexicon_dir else None
    types: dict[str, str] = {}

    def type_of(name: str) -> str:  # the source-type rules, once per name and call
        if name not in types:
            types[name] = source_type(name, None, lexicon_dir=types_dir)
        return types[name]

    rows = []
    for doc in documents(corpus):
        for mention in _document_mentions(doc, patterns, type_of):
            rows.append((doc.article, mention.start, mention.end, doc.text[mention.start : mention.end],
                         mention.outlet, mention.how))
    table = pd.DataFrame(rows, columns=OUTLET_COLUMNS)
    return table.sort_values(["article", "start"], kind="stable").reset_index(drop=True)


def _document_mentions(doc: Document, patterns: _Patterns, type_of: Callable[[str], str]) -> Iterator[_Mention]:
    text, index = doc.text, doc.voice
    taken: list[tuple[int, int]] = []
    for cue_start, cue_end, (before_kind, after_kind) in match(text, patterns.cues, normalised=doc.normalised):
        found = None
        if before_kind is not None:
            found = _after_cue(text, cue_end, before_kind, patterns, type_of)
        if found is None and after_kind is not None:
            found = _before_cue(text, cue_start, after_kind, patterns, type_of)
        if found is None or any(found.start < end and start < found.end for start, end in taken):
            continue
        if index.is_excluded(found.start, found.end) or index.quote_at(found.start, found.end) is not None:
            continue
        if _on_credit_line(text, found.start, patterns):
            continue
        taken.append((found.start, found.end))
        yield found


def _after_cue(text: str, at: int, kind: str, patterns: _Patterns, type_of: Callable[[str], str]) -> _Mention | None:
    """The outlet named right after a cue ("told [the] Meduza", "citing the state news agency TASS")."""
    found = patterns.forward.match(text, at)
    if found is None:
        return None
    indefinite = found.group("det") in ("a", "an")
    if found.group("pre"):
        # "told the BBC News website Ford …": the capitalised words before the descriptor are the outlet.
        words = _CAPITALISED_RUN.search(found.group("pre"))
        known = _known_part(words.group(), patterns.outlets) if words else None
        if words and known is not None:
            start = found.start("pre") + words.start()
            return _Mention(_with_article(text, start, found.start()), start + len(words.group()), known, kind)
    name_start, name_end, owned = _trim_name(text, found.start("name"), found.end("name"), patterns.outlets)
    connector = _CONNECTOR.search(text, name_start, name_end)
    if connector and looks_like_person(text[name_start : connector.start()]):
        name_start = connector.end()  # "told Chris Wallace of Fox News": the outlet is after "of"
    elif connector and _ends_at_connector(text[name_start:name_end], text[name_start : connector.start()], patterns):
        name_end = connector.start()  # "wrote on Twitter of Xenia Torstrem": the outlet ends before "of"
    if name_end <= name_start:
        return None
    outlet = _outlet(text[name_start:name_end], patterns.outlets, described=_described(found, owned),
                     cue_before=True, indefinite=indefinite, type_of=type_of,
                     definite=(found.group("det") or "").lower() == "the")
    if outlet is None:
        return None
    return _Mention(_with_article(text, name_start, found.start()), name_end, outlet, kind)


def _ends_at_connector(name: str, head: str, patterns: _Patterns) -> bool:
    """Whether a known outlet ends where "of"/"for"/"at" begins ("Twitter of …"), unlike "Voice of America"."""
    return core_name(name) not in patterns.outlets.names and core_name(head) in patterns.outlets.names


def _known_part(name: str, outlets: OutletLexicon) -> str | None:
    """The known outlet a name is or starts with ("BBC One" → BBC), as its name without "The"; else None."""
    words = core_name(name).split()
    for size in range(len(words), 0, -1):
        known = outlets.names.get(" ".join(words[:size]))
        if known is not None:
            return core_name(known.name)
    return None


def _before_cue(text: str, at: int, kind: str, patterns: _Patterns, type_of: Callable[[str], str]) -> _Mention | None:
    """The outlet named right before a cue ("Mediazona reports", "Reuters, quoting", "the Kommersant daily wrote")."""
    if not _could_end_a_name(text, at, patterns.descriptor_ends):
        return None  # most after-cues ("he said") follow no name: skip the search
    found = patterns.backward.search(text, max(0, at - SETTINGS.outlet_reach), at)
    if found is None:
        return None
    name_start, name_end, owned = _trim_name(text, found.start("name"), found.end("name"), patterns.outlets)
    not_subject = owned or _after_a_name(text, name_start) or _object_of_preposition(text, found.start())
    if name_end <= name_start or not_subject:
        return None  # not the subject: "Michael Bloomberg", "Breitbart's reporting team", "a spokesman for NBC"
    outlet = _outlet(text[name_start:name_end], patterns.outlets, described=_described(found, owned),
                     cue_before=False, indefinite=found.group("det") in ("a", "an"), type_of=type_of)
    if outlet is None:
        return None
    return _Mention(_with_article(text, name_start, found.start("name") if not found.group("pre") else name_start),
                    name_end, outlet, kind)


def _described(found: re.Match[str], owned: bool) -> bool:
    """Whether a descriptor calls the name an outlet: "the outlet Sota", "the Kommersant daily".

    Not "a French magazine" (an indefinite article before a name and its descriptor makes
    the name an adjective) nor "Arsenal's website" (the descriptor is the owner's).
    """
    if found.group("pre"):
        return True
    return bool(found.group("post")) and not owned and found.group("det") not in ("a", "an")


def _word_before(text: str, at: int) -> tuple[str, int]:
    """The word ending before ``at`` (spaces and commas skipped), and where it starts."""
    end = at
    while end > 0 and text[end - 1] in " \t,\xa0":
        end -= 1
    start = end
    while start > 0 and not text[start - 1].isspace():
        start -= 1
    return text[start:end], start


def _could_end_a_name(text: str, at: int, descriptor_ends: frozenset[str]) -> bool:
    """Whether the word before an after-cue can end a name or its descriptor ("Meduza", "RFE/RL", "daily")."""
    word, start = _word_before(text, at)
    if word in ("has", "had"):
        word, _ = _word_before(text, start)
    word = word.rstrip("’'")
    return bool(word) and (word[0].isupper() or word[-1].isupper() or word.lower() in descriptor_ends)


def _trim_name(text: str, start: int, end: int, outlets: OutletLexicon) -> tuple[int, int, bool]:
    """The name itself, and whether it is an owner before a possessive with nothing after ("Arsenal's website").

    A leading function word goes ("But Reuters"); so do trailing calendar words ("CNN Tuesday")
    and punctuation. At a possessive, a known outlet is the owner ("BBC's Newsnight" → BBC);
    otherwise the name after it is the outlet ("France's LCI Television" → LCI Television).
    The span is empty when no name is left ("The" alone, "Sunday").
    """
    name = text[start:end]
    first, _, rest = name.partition(" ")
    while first in _FUNCTION_WORDS and first != "The":
        start += len(first) + 1
        name = rest.lstrip(" ")
        first, _, rest = name.partition(" ")
    title = _TITLE_IN_RUN.search(name)
    if title:
        name = name[: title.start()]  # "the Sunday Times Mr Campbell": a person's name begins at the title
    owned = False
    possessive = _POSSESSIVE.search(name)
    if possessive:
        owner, after = name[: possessive.start()], name[possessive.end() :]
        # The owner is the outlet when it is known, when nothing follows, or when its journalist follows.
        if _known_part(owner, outlets) is not None or not after.strip() or looks_like_person(after.strip()):
            name, owned = owner, not after.strip()
        else:
            start += len(name) - len(after.lstrip())
            name = after.strip()
    name = _CALENDAR.sub("", name)
    while name and name[-1] in _TRAILING and not _DOMAIN.search(name):
        name = name[:-1]
    if name in _FUNCTION_WORDS or _CALENDAR.fullmatch(" " + name):
        return start, start, owned
    return start, start + len(name), owned


def _with_article(text: str, name_start: int, floor: int) -> int:
    """The start of a "the" directly before the name, if there is one after ``floor``."""
    before = text[max(floor, name_start - 4) : name_start]
    return name_start - 4 if before in ("the ", "The ") else name_start


_TITLE_IN_RUN = re.compile(r"[^\S\n]+(?:Mr|Mrs|Ms|Dr|Sir|Lord|Lady|Prof)\b\.?")
_CAPITALISED_RUN = re.compile(r"[A-Z][\w&./-]*(?:[^\S\n]+[A-Z][\w&./-]*)*")
_CONNECTOR = re.compile(r"[^\S\n]+(?:of|for|at)[^\S\n]+")
_PREPOSITIONS = frozenset("at of for with from by in on behind to about into via like than as".split())


def _object_of_preposition(text: str, start: int) -> bool:
    """Whether a preposition stands right before the name's phrase: then the name is not the subject of the cue
    after it ("a spokesman for NBC said", "an officer at Shopping.com, said")."""
    previous = re.search(r"(\w+)[^\S\n]+$", text[max(0, start - 30) : start])
    return previous is not None and previous.group(1).lower() in _PREPOSITIONS


def _after_a_name(text: str, start: int) -> bool:
    """Whether a capitalised word or a title stands right before the name ("Michael Bloomberg", "Mr. Bloomberg")."""
    previous = re.search(r"(\S+)[^\S\n]+$", text[max(0, start - 40) : start])
    if previous is None:
        return False
    word = previous.group(1)
    if word in _TITLES:
        return True
    return word[0].isupper() and word[-1] not in ".!?:;,\"”’)" and word not in ("The", "A", "An")


def _outlet(
    name: str,
    outlets: OutletLexicon,
    *,
    described: bool,
    cue_before: bool,
    indefinite: bool,
    type_of: Callable[[str], str],
    definite: bool = False,
) -> str | None:
    """The outlet a cited name stands for, or None when it is not an outlet.

    ``definite``: "the" stands before the name, so it is no person's ("told the Kyiv Herald").
    """
    known = outlets.names.get(core_name(name))
    if known is not None:
        if not cue_before and not known.as_subject:
            return None  # "Bloomberg said" may be the person
        return core_name(known.name)
    words = core_name(name).split()
    for size in range(len(words) - 1, 0, -1):  # a known outlet and more words: a part of it, or something else
        known = outlets.names.get(" ".join(words[:size]))
        if known is not None:
            rest = " ".join(words[size:])
            if not cue_before and looks_like_person(rest):
                return None  # "Economist Colen Garrow said": the person speaks
            if type_of(rest) in _MEDIA_TYPES or not (
                is_place_or_org(rest) or type_of(rest) != "unknown"
            ):
                return core_name(known.name) if cue_before or known.as_subject else None
            return None  # "Times Square", "the Reuters Institute"
    connector = _CONNECTOR.search(name)
    if connector and looks_like_person(name[: connector.start()]):
        return None  # "Andreas Adriano of Latin Trade Magazine"
    if indefinite:
        return None  # "told a TV interviewer": a description, not a name
    person = looks_like_person(name)
    if person and name.split()[-1] in outlets.names:
        return None  # "told Michael Bloomberg": a person who shares an outlet's name
    media = type_of(core_name(name)) in _MEDIA_TYPES or (definite and type_of(f"the {core_name(name)}") in _MEDIA_TYPES)
    if cue_before and media:
        return core_name(name)  # "told the Kyiv Herald", "told Aftenposten Daily"
    if person or (not media and is_place_or_org(name)):
        return None  # "the official Chinese news agency"
    if described or _DOMAIN.search(name):
        return core_name(name)  # "the independent outlet Sota", "Fontanka.ru reported"
    return None


def _on_credit_line(text: str, at: int, patterns: _Patterns) -> bool:
    """Whether the mention stands on a short line that credits the article ("Additional reporting by Reuters")."""
    line_start = text.rfind("\n", 0, at) + 1
    line_end = text.find("\n", at)
    line = text[line_start : len(text) if line_end < 0 else line_end]
    if len(line.split()) > patterns.outlets.credit_words:
        return False
    return any(p.search(line) for p in patterns.credits)
