"""Source types: what kind of source a speaker is, from their name and every role the corpus gives them.

A speaker's own words decide when they name a kind of source ("the Kremlin", "police",
"the petition"). Otherwise every description of the speaker counts, in every article
(:mod:`.roles`): "municipal deputy Ivan Sorokin" in one, "Sorokin of United Russia" in
another. Strong evidence beats weak ("municipal deputy" beats "official"), and among
strong types the lexicon's ``order`` decides (a ruling-party municipal deputy is a
``state_official``). Streamed corpora add each chunk's evidence to one tally per speaker
(:func:`add_type_votes`) and settle once every chunk is read (:func:`settled_speaker_types`).

Pipeline step: areas (sourcing).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from functools import lru_cache
from typing import NamedTuple

import pandas as pd

from ..lexicon import LexiconError, LexiconFile, lexicon_file, read_lexicon
from ..names import looks_like_person
from .roles import is_named, speaker_roles

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

#: In a speaker's votes, the prefix of a type that only weak patterns gave ("weak state_official").
WEAK = "weak "

TypeVotes = dict[str, Counter[str]]


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
        compiled[name] = _compiled(file, f"types.{name}.patterns", types[name]["patterns"])
    return _SourceTypes(order, compiled)


_INLINE_FLAGS = re.compile(r"^\(\?[aiLmsux-]+:(.*)\)$")


def _compiled(file: LexiconFile, key: str, patterns: list[str]) -> re.Pattern[str]:
    """One regular expression for a list of type patterns: whole words, plurals allowed."""
    parts = []
    runs: list[tuple[str, str, list[str]]] = []  # consecutive patterns with the same edges, in order
    for pattern in patterns:
        core = _INLINE_FLAGS.sub(r"\1", pattern)  # "(?-i:Sun)" is a whole word too, never "Sunday"
        left = r"\b" if re.match(r"\w", core) else ""
        right = r"(?:e?s)?\b" if re.search(r"\w$", core) else ""
        parts.append(f"{left}(?:{pattern}){right}")
        if runs and runs[-1][:2] == (left, right):
            runs[-1][2].append(pattern)
        else:
            runs.append((left, right, [pattern]))
    try:
        joined = re.compile("|".join(parts), re.IGNORECASE)
    except re.error as exc:
        raise LexiconError(f"{file.path}: {key}: bad regular expression: {exc}") from None
    return _shared_edges(runs) or joined


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




class _TypeRules(NamedTuple):
    """A source-type lexicon compiled: strong patterns, weak ones, organisation heads and what to ignore."""

    types: _SourceTypes
    role_order: tuple[str, ...]
    min_share: float
    weak: dict[str, re.Pattern[str]]
    names: dict[str, re.Pattern[str]]
    heads: tuple[tuple[str, re.Pattern[str]], ...]
    ignore: tuple[re.Pattern[str], ...]
    former: tuple[re.Pattern[str], ...]
    any_ignored: re.Pattern[str] | None  # whether any of ``ignore`` or ``former`` matches: most phrases hold none
    former_types: frozenset[str]
    unnamed_only: frozenset[str]
    not_from_person_names: frozenset[str]
    role_verbs: re.Pattern[str] | None
    title_words: re.Pattern[str] | None
    file: LexiconFile


@lru_cache(maxsize=8)
def _type_rules(file: LexiconFile) -> _TypeRules:
    data = read_lexicon(file, kind="source_types")
    types = _source_types(file)
    weak = {name: _compiled(file, f"types.{name}.weak", spec["weak"]) for name, spec in data["types"].items()
            if spec.get("weak")}
    names = {name: _compiled(file, f"types.{name}.names", spec["names"]) for name, spec in data["types"].items()
             if spec.get("names")}
    heads = []
    for name in types.order:
        if data["types"][name].get("heads"):
            alternatives = "|".join(f"(?:{p})" for p in data["types"][name]["heads"])
            # a capitalised name ending in the head: "Ministry of Mercy Foundation"
            heads.append((name, _regex(file, f"types.{name}.heads",
                                       r"\b(?:[A-Z][\w’'.&-]*\s+(?:(?:of|for|and|the|on|in|de)\s+)*)+"
                                       rf"(?:{alternatives})\b")))
    ignore = tuple(_regex(file, f"ignore, item {i}", p, re.IGNORECASE) for i, p in enumerate(data.get("ignore", []), 1))
    former = tuple(_regex(file, f"former, item {i}", p, re.IGNORECASE) for i, p in enumerate(data.get("former", []), 1))
    together = [re.sub(r"\(\?P<\w+>", "(?:", p) for p in [*data.get("ignore", []), *data.get("former", [])]]
    any_ignored = _regex(file, "ignore", "|".join(f"(?:{p})" for p in together), re.IGNORECASE) if together else None
    verbs = data.get("role_verbs")
    role_verbs = _regex(file, "role_verbs", "|".join(f"(?:{v})" for v in verbs), re.IGNORECASE) if verbs else None
    words = data.get("title_words")
    title_words = _regex(file, "title_words", "|".join(f"(?:{w})" for w in words), re.IGNORECASE) if words else None
    for key in ("unnamed_only", "role_order", "former_types", "not_from_person_names"):
        for position, name in enumerate(data.get(key, []), 1):
            if name not in data["types"]:
                raise LexiconError(f"{file.path}: {key}, item {position}: expected a type name "
                                   f"({', '.join(data['types'])}), got {name!r}")
    role_order = tuple(data.get("role_order", types.order))
    role_order += tuple(name for name in types.order if name not in role_order)
    return _TypeRules(
        types, role_order, float(data.get("min_share", 0.0)), weak, names, tuple(heads), ignore, former, any_ignored,
        frozenset(data.get("former_types", [])), frozenset(data.get("unnamed_only", [])),
        frozenset(data.get("not_from_person_names", [])), role_verbs, title_words, file,
    )


def _regex(file: LexiconFile, key: str, pattern: str, flags: int = 0) -> re.Pattern[str]:
    try:
        return re.compile(pattern, flags)
    except re.error as exc:
        raise LexiconError(f"{file.path}: {key}: bad regular expression: {exc}") from None


class Evidence(NamedTuple):
    """The types a name or description points to: by a pattern (``strong``) or only by a weak one."""

    strong: frozenset[str]
    weak: frozenset[str]


_NO_EVIDENCE = Evidence(frozenset(), frozenset())


@lru_cache(maxsize=65536)  # a phrase is typed once, whatever speaker it describes
def _evidence(phrase: str, file: LexiconFile) -> Evidence:
    """The types ``phrase`` (a name or one description) points to, after its ignored parts are dropped."""
    rules = _type_rules(file)
    past: set[str] = set()
    if rules.any_ignored is not None and rules.any_ignored.search(phrase):
        phrase, past = _without_ignored(phrase, rules)
    strong: set[str] = set()
    for name, heads in rules.heads:
        phrase, found = heads.subn(" ", phrase)
        if found:
            strong.add(name)
    strong.update(name for name in rules.types.order if rules.types.patterns[name].search(phrase))
    weak = {name for name, pattern in rules.weak.items() if pattern.search(phrase)} | past
    return Evidence(frozenset(strong), frozenset(weak - strong))


@lru_cache(maxsize=65536)
def _title_word(word: str, file: LexiconFile) -> bool:
    """Whether ``word`` may stand in a title before a name: a title word, or a word of a type a person can have."""
    rules = _type_rules(file)
    if rules.title_words is not None and rules.title_words.fullmatch(word):
        return True
    found = _evidence(word, file)
    return bool((found.strong | found.weak) - rules.unnamed_only)


def _without_ignored(phrase: str, rules: _TypeRules) -> tuple[str, set[str]]:
    """``phrase`` without its ignored parts, and the types its past roles give (``former_types`` only)."""
    for pattern in rules.ignore:
        phrase = pattern.sub(_dropped, phrase)
    past: set[str] = set()
    for pattern in rules.former:
        for match in pattern.finditer(phrase):
            role = match.group().split(maxsplit=1)[1:]  # without "former"
            if role:
                was = _evidence(role[0], rules.file)
                past |= (was.strong | was.weak) & rules.former_types
        phrase = pattern.sub(" ", phrase)
    return phrase, past


def _dropped(match: re.Match[str]) -> str:
    """What is left of an ignored match: all but its ``target`` group, when it has one."""
    if "target" in match.re.groupindex and match.group("target") is not None:
        text = match.string
        return f"{text[match.start() : match.start('target')]} {text[match.end('target') : match.end()]}"
    return " "


def _decide(strong: Iterable[str], weak: Iterable[str], order: tuple[str, ...], barred: frozenset[str]) -> str:
    """The first type in ``order`` with strong evidence, else with weak evidence, else "unknown"."""
    for pool in (set(strong) - barred, set(weak) - barred):
        for name in order:
            if name in pool:
                return name
    return "unknown"


def _leading(tally: dict[str, int], most: int, min_share: float) -> list[str]:
    """The types of ``tally`` with at least ``min_share`` of ``most`` (the largest count)."""
    return [name for name, count in tally.items() if count and count >= min_share * most]


class SpeakerTypes(NamedTuple):
    """A speaker's type in one article, and the evidence it adds to the corpus's tally."""

    speaker_type: str
    evidence: Evidence


def source_type(speaker: str | None, role: str | None, *, lexicon_dir: str | None = None) -> str:
    """The source type of a speaker from its name and a role (descriptions joined by "; ").

    The name decides when it names a kind of source; otherwise the roles do.
    """
    return _source_type(speaker, role, lexicon_file("source_types", lexicon_dir))


@lru_cache(maxsize=65536)
def _source_type(speaker: str | None, role: str | None, file: LexiconFile) -> str:
    return _speaker_types(speaker, tuple((role or "").split(";")), file).speaker_type


@lru_cache(maxsize=65536)  # many speakers come with no description, or the same ones, article after article
def _speaker_types(speaker: str | None, roles: tuple[str, ...], file: LexiconFile) -> SpeakerTypes:
    """A speaker's type and evidence from its name and ``roles``: the name decides when it holds a strong type."""
    rules = _type_rules(file)
    barred = rules.unnamed_only if is_named(speaker) else frozenset()
    name = _evidence(speaker, file) if speaker else _NO_EVIDENCE
    if speaker and (known := {kind for kind, pattern in rules.names.items() if pattern.search(speaker)}):
        name = Evidence(name.strong | known, name.weak - known)  # "Vladimir Putin"
    if looks_like_person(speaker) and (name.strong | name.weak) & rules.not_from_person_names:
        # "Dana Fox" is not Fox News, but "Broadcaster Ann Lee" is a broadcaster: only the surname is barred
        title = _evidence(speaker.rsplit(maxsplit=1)[0], file) if speaker else _NO_EVIDENCE
        barred_here = rules.not_from_person_names - title.strong - title.weak
        name = Evidence(name.strong - barred_here, name.weak - barred_here)
    if name.strong - barred:
        kind = _decide(name.strong, (), rules.types.order, barred)
        return SpeakerTypes(kind, Evidence(frozenset([kind]), frozenset()))
    strong: set[str] = set()
    weak = set(name.weak)
    for role in roles:
        if role.strip():
            found = _evidence(role.strip(), file)
            strong |= found.strong
            weak |= found.weak
    evidence = Evidence(frozenset(strong - barred), frozenset(weak - strong - barred))
    return SpeakerTypes(_decide(evidence.strong, evidence.weak, rules.role_order, barred), evidence)


def article_speaker_types(
    text: str, speakers: Iterable[tuple[str | None, str | None]], file: LexiconFile
) -> dict[str, SpeakerTypes]:
    """Each speaker's type in one article from its name, the roles next to its quotations
    (``speakers``: speaker and role pairs) and every description of it in ``text``."""
    roles: dict[str, list[str]] = {}
    for speaker, role in speakers:
        if speaker:
            listed = roles.setdefault(speaker, [])
            if role:
                listed.extend(r.strip() for r in role.split(";") if r.strip())
    rules = _type_rules(file)
    described_by = speaker_roles(
        text, roles, title_word=lambda word: _title_word(word, file), role_verbs=rules.role_verbs
    )
    for speaker, described in described_by.items():
        roles[speaker].extend(described)
    return {speaker: _speaker_types(speaker, tuple(dict.fromkeys(listed)), file) for speaker, listed in roles.items()}


def add_type_votes(votes: TypeVotes, article: dict[str, SpeakerTypes]) -> TypeVotes:
    """Add one article's evidence to ``votes``: per speaker, how many articles point to each type."""
    for speaker, found in article.items():
        if found.evidence.strong or found.evidence.weak:
            tally = votes.setdefault(speaker, Counter())
            tally.update(found.evidence.strong)
            tally.update(WEAK + name for name in found.evidence.weak)
    return votes


def merge_type_votes(votes: TypeVotes, more: TypeVotes) -> TypeVotes:
    """Add the tally ``more`` (another chunk's or worker's) to ``votes``; the order of merging never matters."""
    for speaker, tally in more.items():
        votes.setdefault(speaker, Counter()).update(tally)
    return votes


def speaker_type_votes(quotes: pd.DataFrame, votes: TypeVotes | None = None) -> TypeVotes:
    """A tally from the quotations' own types (each a strong vote), added to ``votes`` when given.

    :func:`~analysis.sourcing.find_quotes` with ``type_votes`` gives the finer tally, from
    every description of each speaker; this one serves tables of quotations alone.
    """
    votes = {} if votes is None else votes
    for speaker, kind in zip(quotes["speaker"], quotes["speaker_type"], strict=True):
        if isinstance(speaker, str) and kind != "unknown":
            votes.setdefault(speaker, Counter())[kind] += 1
    return votes


def settled_speaker_types(votes: TypeVotes, *, lexicon_dir: str | None = None) -> dict[str, str]:
    """Each speaker's type across the corpus: the first type in ``role_order`` that articles give
    strong evidence for (at least ``min_share`` of the leading type's articles), else the same
    with weak evidence; speakers with neither are left out."""
    rules = _type_rules(lexicon_file("source_types", lexicon_dir))
    settled = {}
    for speaker, tally in votes.items():
        barred = rules.unnamed_only if is_named(speaker) else frozenset()
        strong = {name: n for name, n in tally.items() if not name.startswith(WEAK) and name not in barred}
        weak = {name.removeprefix(WEAK): n for name, n in tally.items() if name.startswith(WEAK)}
        weak = {name: n for name, n in weak.items() if name not in barred}
        most = max([*strong.values(), *weak.values()], default=0)
        kind = _decide(_leading(strong, most, rules.min_share), _leading(weak, most, rules.min_share),
                       rules.role_order, barred)
        if kind != "unknown":
            settled[speaker] = kind
    return settled


def settled_type(speaker: object, own: str, settled: dict[str, str]) -> str:
    """A quotation's type once the corpus is read: a named speaker takes its settled type, and a
    description ("the council") keeps its own unless that was ``unknown``."""
    if not isinstance(speaker, str) or speaker not in settled:
        return own
    return settled[speaker] if own == "unknown" or is_named(speaker) else own


def fill_speaker_types(quotes: pd.DataFrame, settled: dict[str, str]) -> None:
    """Give sourced quotations their speaker's settled type (:func:`settled_type`), in place."""
    sourced = quotes["kind"] != "mention"
    quotes.loc[sourced, "speaker_type"] = [
        settled_type(speaker, own, settled)
        for speaker, own in zip(quotes.loc[sourced, "speaker"], quotes.loc[sourced, "speaker_type"], strict=True)
    ]
