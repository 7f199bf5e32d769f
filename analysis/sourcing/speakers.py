"""Speakers: the noun phrase next to a cue that says who spoke, with its role.

Pipeline step: areas (sourcing).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import NamedTuple

from ..lexicon import LexiconFile, lexicon_file, read_lexicon
from ..names import HONORIFICS, NAME_RE, common_words, is_place_or_org, name_span, person_part
from .context import _ArticleContext
from .cues import CueLexicon, CueMatch
from .settings import SETTINGS

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
# A relative pronoun that is the verb's object, its subject after it: "a plan which Anna Brook called “…”",
# "under what Mr. Brook called “…”".
_OBJECT_RELATIVE = re.compile(
    r"^(?:(?:[Ii]n|[Uu]nder|[Aa]mid|[Ww]ith|[Bb]y|[Oo]f|[Ff]or|[Ff]rom|[Tt]o|[Aa]t|[Oo]n)\s+)?(?:[Ww]hich|[Ww]ho|[Ww]hom|[Ww]hat)\s+"
    r"(?=[A-Z]|(?:the|a|an|his|her|their)\s)"
)
# A role before coordinated names: "the café's owners Ivo Lantern and Mira Oakes" (the role ends lower-case).
_ROLE_BEFORE_NAMES = re.compile(r"^(?P<role>.*\b[a-z][\w’'-]*)\s+(?P<names>[A-Z].*\sand\s.*)$")
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

_MAX_SPEAKER_WORDS = SETTINGS.max_speaker_words


@dataclass(frozen=True)
class SpeakerWords:
    """The word lists of ``speakers.toml``: noun-phrase boundaries, verbs, documents and posts."""

    leading_words: frozenset[str]
    trailing_joiners: frozenset[str]
    conjunctions: frozenset[str]
    absolute: frozenset[str]
    time_phrase: re.Pattern[str]  # a noun phrase ending in a time word
    trailing_time: re.Pattern[str]  # times at a speaker's end
    speech_acts: frozenset[str]
    common_past: frozenset[str]
    causatives: frozenset[str]
    addressee_cues: frozenset[str]
    documents: frozenset[str]
    posts: frozenset[str]

    def is_time(self, np: str) -> bool:
        """ "a few days later", "Last month": when, never who."""
        return bool(self.time_phrase.search(np))


def load_speaker_words(lexicon_dir: str | Path | None = None) -> SpeakerWords:
    """Read ``speakers.toml`` (from ``lexicon_dir`` or the shipped one); an edited file is read again.

    Raises:
        LexiconError: the file is missing, not TOML, or does not fit ``schemas/lexicons/speakers.schema.json``.
    """
    return _build_speaker_words(lexicon_file("speakers", lexicon_dir))


@lru_cache(maxsize=8)
def _build_speaker_words(file: LexiconFile) -> SpeakerWords:
    data = read_lexicon(file, kind="speakers")
    clause, verbs, owners = data["clause"], data["verbs"], data["owners"]

    def words(values: list[str]) -> frozenset[str]:
        return frozenset(v.lower() for v in values)

    def alternation(values: list[str]) -> str:
        return "|".join(re.escape(v) for v in sorted(values, key=len, reverse=True)) or "(?!)"

    units = r"(?:this|last|next)\s+(?:" + alternation(clause["trailing_time_units"]) + ")"
    point = "(?:" + alternation(clause["trailing_times"]) + "|" + units + ")"
    return SpeakerWords(
        leading_words=words(clause["leading_words"]),
        trailing_joiners=words(clause["trailing_joiners"]),
        conjunctions=words(clause["conjunctions"]),
        absolute=words(clause["absolute"]),
        time_phrase=re.compile(r"\b(?:" + alternation(clause["time_words"]) + r")$"),
        trailing_time=re.compile(r"(?:\s+(?:later|earlier|early|late|on)?\s*" + point + r")+$"),
        speech_acts=words(verbs["speech_acts"]),
        common_past=words(verbs["common_past"]),
        causatives=words(verbs["causatives"]),
        addressee_cues=words(verbs["addressee_cues"]),
        documents=words(owners["documents"]),
        posts=words(owners["posts"]),
    )


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
        if word[0].islower() and _VERBISH.match(word.strip(",.;:")):
            return " ".join(words[:i])
    return np


def _subject_before_verb(
    np: str,
    is_verb: Callable[[str], bool],
    *,
    after_name: bool = False,
    is_surname: Callable[[str], bool] | None = None,
) -> str | None:
    """The words before the first lower-case verb, when there is one: "Trump reversed himself" → "Trump".

    With ``after_name``, any lower-case word but a preposition or a conjunction after a person's
    name (or a surname, when ``is_surname`` says so) is the verb ("Marin spoke", "Marin then appears").
    """
    name = NAME_RE.match(np) if after_name else None
    single = _SINGLE_NAME.match(np) if after_name and is_surname and not name else None
    word = single.group() if single else ""
    # A surname the article names in full; not "Rubio’s catch phrase" (a possessive), "Elmwood council members".
    after = np[single.end() :].split() if single else []
    verb_after = bool(after) and is_verb(after[0].strip(","))  # "Frank went …", not "Elmwood council members"
    if single and is_surname and after and (is_surname(word) or (verb_after and _is_single_name(word))) and (
        not word.endswith(("’s", "'s")) and np[single.end() : single.end() + 1] == " "
    ):
        name = single  # "Marin then appears …"
    if name and (person_part(name.group()) == name.group() or name is single):
        rest = np[name.end() :].split()
        while len(rest) > 1 and rest[0] in _ADVERBS_AFTER_NAME:
            rest = rest[1:]  # "Marin then appears in a clip"
        if rest and rest[0][0].islower() and rest[0] not in _SUBORDINATORS and rest[0] not in _DETERMINERS:
            return name.group()
    words = np.split()
    for i, word in enumerate(words[1:], 1):
        if word[0].islower() and is_verb(word.strip(",")):
            return " ".join(words[:i])
    return None


_MAIN_CLAUSE_OPENERS = frozenset({"and", "but", "so", "then", "yet"})
_ADVERBS_AFTER_NAME = _AUXILIARY_WORDS - {"has", "had", "have", "is", "was", "were", "are", "did", "does", "do"} | {
    "then", "now"
}
_LAST_AND = re.compile(r"\s(?:and|but)\s+((?:(?!\s(?:and|but)\s).)+)$")
_LATER_CLAUSE = re.compile(r"\s+(?:as|while|until|unless|once|when|after|before|because|since|whereas)\s+(?=\S)")

_COORDINATION = re.compile(r"\s*,\s*(?:and\s+)?|\s+and\s+")


def _is_single_name(word: str) -> bool:
    """A surname alone ("Palyuga"), not a place or an organisation."""
    return bool(_SINGLE_NAME.fullmatch(word)) and not is_place_or_org(word)


_PARENTHESES = re.compile(r"\([^()]*\)")


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


_INVERSION_MARKS = ",”“\"’‘'.!?:;—–("  # "“…,” said X", "…, said X": what stands before an inverted cue
_AFTER_QUOTATION = " ,'’\"”"  # what may stand between a quotation and a participle ("''…,'' adding")
_CLAUSE_REACH = SETTINGS.clause_reach  # characters back to a participle's or a second verb's subject
_DASHED_ASIDE = re.compile(r"\s+[—–]\s[^—–]*\s[—–]$")
_CONJOINED_VERB = re.compile(r"(?:,\s*|\s)(?:and|but)(?:\s+(?:also|then|later|still|again|instead))?$")

_POSSESSED = re.compile(
    r"^(?P<owner>.+?)(?:[’']s|(?<=s)[’'])\s+(?:(?:latest|new|recent|last|first|official|open|joint|own)\s+)*"
    r"(?P<thing>[a-z]+)(?:\s+(?:on|in|via|to)\s+.+)?$"
)


def _owned(speaker: _Speaker | None, words: SpeakerWords) -> _Speaker | None:
    """A post speaks for its author; a document speaks for itself, its author kept as the role.

    "Anna Brook's post on Telegram" → "Anna Brook"; "the deputies' petition" → "the petition",
    role "by the deputies".
    """
    if speaker is None:
        return None
    match = _POSSESSED.match(speaker.name)
    if not match:
        return speaker
    owner, thing = match.group("owner"), match.group("thing")
    owner = re.sub(r"^(?:The|A|An)\b", lambda m: m.group().lower(), owner)
    if thing in words.posts:
        return speaker._replace(name=owner)
    if thing in words.documents:
        author = "by " + owner
        return speaker._replace(name="the " + thing, role=f"{author}; {speaker.role}" if speaker.role else author)
    return speaker


class _SpeakerSearch(_ArticleContext):
    """Finding the words of a speaker next to a cue."""

    @property
    def words(self) -> SpeakerWords:
        return self.lookups.speaker_words

    def speaker_before(self, cue: CueMatch, floor: int) -> _Speaker | None:
        """The noun phrase that ends just before the cue ("Palyuga told", "X, 34, said")."""
        key = (cue.start(), floor)
        if key not in self._before:
            self._before[key] = _owned(self._speaker_before(cue, floor), self.words)
        return self._before[key]

    def _speaker_before(self, cue: CueMatch, floor: int) -> _Speaker | None:
        sentence_floor = floor
        i = bisect_right(self._span_ends, cue.start()) - 1
        if i >= 0 and self._span_ends[i] > floor:  # start after the last quotation: “…,” Kim confirmed, adding …
            floor = self._span_ends[i]
        # A participle's or a second verb's subject may stand further back, before a quotation too:
        # "Trump defended “New York values,” saying …", "X praised Y as “…” but described …".
        clause_floor = max(floor, cue.start() - _CLAUSE_REACH)
        # Only a comma (and the rest of a '' closing mark) after the last quotation: its clause's subject speaks.
        if not _CONJOINED_VERB.sub("", self.text[floor : cue.start()].rstrip()).strip(_AFTER_QUOTATION):
            sentence = self.sentence_of(cue.start())
            clause_floor = max(sentence.start if sentence else sentence_floor, cue.start() - _CLAUSE_REACH)
        floor = max(floor, cue.start() - SETTINGS.speaker_reach)
        window = self.text[floor : cue.start()]
        before_to = _strip_trailing_words(window, {"to"})  # "causing one senior lawmaker to say"
        infinitive, window = before_to != window, before_to
        window = _strip_trailing_words(window, _AUXILIARY_WORDS)
        stripped = _DASHED_ASIDE.sub("", window.rstrip())  # "Gingrich — mentioned by X as Y — told"
        participle = cue.group().lower().endswith("ing")
        if participle and clause_floor < floor and not stripped.strip(_AFTER_QUOTATION):
            stripped = ","  # the words before the quotation hold the subject
        elif not stripped or stripped[-1] in '.!?”"’':
            return None
        conjoined = _CONJOINED_VERB.search(stripped)
        appositive = stripped.endswith(",")
        if (conjoined and not participle and self._quotes_after(cue)) or (appositive and participle):
            # "The ad hits Clinton and claims …", "Trump reversed himself, telling CBS …": the clause's subject.
            clause = self.text[clause_floor : floor] + stripped
            clause = clause[: len(clause) - (len(stripped) - conjoined.start())] + "," if conjoined else clause
            subject = self._clause_subject(clause)
            if subject is not None:
                at = clause_floor + max(0, clause.find(subject))
                subject, role_parts = _trailing_name(subject, [])  # "the council chairman Ivan Petrov"
                return _Speaker(subject, _role_text(role_parts), at + max(0, self.text.find(subject, at) - at))
        relative = _RELATIVE_END.search(stripped)
        if relative:
            return _Speaker(relative.group(1), None, floor + relative.start(1))
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
                # "On Sunday, Trump, who has many followers, tweeted": a surname the article names in full
                or (i and _is_single_name(p) and self.names.resolve(p) != p)
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
        head = _LEADING_CONNECTIVE.sub("", _OBJECT_RELATIVE.sub("", head))  # "which Mr. Trump [called]"
        led = _ROLE_BEFORE_NAMES.match(head)  # "the owners Ivo Lantern and Mira Oakes", not "a lawyer for X and Y"
        if led and led.group("role").split()[-1] not in _SUBORDINATORS and self.coordinated_names(led.group("names")):
            head, role_parts = led.group("names"), [led.group("role"), *role_parts]
        if self.coordinated_names(head):  # "Palyuga and Yuferev said": both speak
            return _Speaker(head, _role_text(role_parts), floor + max(0, window.rfind(head)))
        joined = _LAST_AND.search(head)
        if (
            joined
            and not cue.group().lower().endswith("ing")
            and self._has_verb(head[: joined.start()])
            and not self._has_verb(" x " + joined.group(1))
        ):
            head = joined.group(1)  # "the agency declined to comment and Senate aides [said]"
        if infinitive:
            head = self._infinitive_subject(head)
        elif not NAME_RE.fullmatch(self.names.strip_title(head) or head):
            head = _subject(head)
        bounded = self._bounded(head)
        if bounded is None:
            return None  # "Having Anna Brook on the show": no speaker here
        names_only = not bounded  # a time or a possessive alone: only a name inside may speak
        head = bounded or head
        title = self.names.titles.match(head)
        if title and not HONORIFICS.match(head):
            role_parts = [title.group().strip(), *role_parts]
        head, role_parts = _trailing_name(head, role_parts)
        last_word = head.split()[-1] if head.split() else ""
        if last_word.lower() in {"he", "she", "they", "we", "i"} and len(head.split()) > 1:
            head = last_word  # "It's something she said …"
        if names_only or len(head.split()) > _MAX_SPEAKER_WORDS or not _is_speaker_np(head, self.lex):
            named_match = [m for m in NAME_RE.finditer(head) if person_part(m.group())]
            if not named_match:
                return None
            head = person_part(named_match[-1].group()) or head
        return _Speaker(head, _role_text(role_parts), floor + max(0, window.rfind(head)))

    def _clause_subject(self, clause: str) -> str | None:
        """The subject of the clause ``clause`` ends in (see :meth:`_first_clause_subject`)."""
        return self._first_clause_subject(clause)

    def _first_clause_subject(self, clause: str) -> str | None:
        """The subject of the clause a participle hangs on: "On Monday, Oleg Marin, a deputy, wrote …" → "Oleg Marin".

        The comma-separated parts are read back from the participle: a part opening with a verb
        ("wrote to the mayor"), a participle or a relative pronoun has its subject further back, and
        so has an aside ("for his part"); a noun phrase followed by its verb is the subject; noun
        phrases alone (a name and its appositive) are kept, the earliest winning; a fronted phrase
        ("On Monday", "A week later") before them ends the search. "with X, a Y, saying": the
        absolute construction's noun phrase speaks, so no clause subject.
        """
        clause = _CLAUSE_BREAKS.split(_PARENTHESES.sub("", clause))[-1]
        candidate = None
        seen_verb = False
        for part in reversed(clause.split(",")):
            np = _clean_np(part)
            words = np.split()
            if not words or not words[0][0].isalnum():
                continue
            while len(words) > 2 and words[0].lower() in _MAIN_CLAUSE_OPENERS:
                words = words[1:]  # "And then Trump went on the attack": a main clause, not a subordinate one
            np = " ".join(words)
            first = words[0].lower()
            if part.split()[0].lower() in self.words.absolute and not seen_verb:
                return None
            if first in _SUBORDINATORS or first in _RELATIVE or self.words.is_time(np):
                inner = _subject_before_verb(" ".join(words[1:]), self._is_clause_verb, after_name=True)
                if first in self.words.conjunctions and not seen_verb and candidate is None and inner and (
                    _is_speaker_np(inner, self.lex)
                ):
                    return inner  # "when Rubio thanked Miami and [said]": the subordinate clause's own subject
                if candidate is not None:
                    break
                continue
            if words[0][0].islower() and (self._is_clause_verb(first) or first.endswith("ing")):
                seen_verb = True
                continue
            subject = _subject_before_verb(np, self._is_clause_verb, after_name=True, is_surname=self._is_surname)
            if subject is not None:
                subject = _strip_trailing_words(subject, _AUXILIARY_WORDS).strip()  # "Chief Williams later"
                return subject if _is_speaker_np(subject, self.lex) and not self.words.is_time(subject) else None
            if len(words) <= 6 and _is_speaker_np(np, self.lex) and seen_verb:
                candidate = np
        return candidate

    def _is_surname(self, word: str) -> bool:
        """A surname the article also names in full ("Marin" after "Oleg Marin")."""
        return _is_single_name(word) and self.names.resolve(word) != word

    def coordinated_names(self, np: str) -> list[str] | None:
        """The names of "Palyuga and Yuferev" or "Oleg Marin, Ivan Petrov and Anna Brook"; None for anything else."""
        if " and " not in np:
            return None
        names = [self.names.strip_title(n) for n in _COORDINATION.split(np)]
        if len(names) < 2 or not all(n and (NAME_RE.fullmatch(n) or _is_single_name(n)) for n in names):
            return None
        return names

    def _infinitive_subject(self, np: str) -> str:
        """ "The scandal led the mayor [to say]" → "the mayor": the object of the verb before speaks."""
        words = np.split()
        for i in range(len(words) - 1, 0, -1):
            verb = words[i]
            if verb[0].islower() and (verb.endswith(("ed", "ing")) or verb in self.words.causatives):
                obj = " ".join(words[i + 1 :])
                # Not "taking to Twitter [to call]", "had this [to say]": a prepositional phrase or a pronoun.
                if obj and obj.split()[0].lower() not in _SUBORDINATORS | _PRONOUNS | {"this", "that"} and (
                    _is_speaker_np(obj, self.lex)
                ):
                    return obj
                break
        return _subject(np)

    def _bounded(self, np: str) -> str | None:
        """Where a speaker's noun phrase starts and ends, or None when it is no speaker.

        "Finally Anna Brook" → "Anna Brook" (a leading adverb or connective); "They also said smart
        people" → "They" (a verb inside ends it); "Having Anna Brook" → None (a gerund's object);
        "last week", "Surrey's" → "" (a time, a possessive alone: only a name inside may speak).
        """
        words = np.split()
        while len(words) > 1:
            first, low = words[0], words[0].lower()
            if not first[0].isupper() or first in self.lookups.first_names:
                break
            if low in self.words.leading_words or (low.endswith("ly") and len(low) > 4):
                words = words[1:]
                continue
            if low.endswith("ing") and low in common_words():
                return None
            break
        np = " ".join(words)
        pieces = _LATER_CLAUSE.split(np)
        if len(pieces) > 1 and self._has_verb(" ".join(pieces[:-1])):
            np = pieces[-1]  # "Cruz said as the heckler [yelled]": the later clause's subject
        np = _subject_before_verb(np, self._is_verb) or np
        np = _strip_trailing_words(np, _AUXILIARY_WORDS | self.words.trailing_joiners).strip(" ,")
        np = self.words.trailing_time.sub("", np)  # "Priebus later Thursday"
        if np.endswith(("’s", "'s")) and np[:-2].lower() in _PRONOUNS:
            np = np[:-2]  # "She’s said": a contracted "has", not a possessive
        if not np or self.words.is_time(np) or np.endswith(("’s", "'s")):
            return ""
        return np

    def _quotes_after(self, cue: CueMatch) -> bool:
        """True when a quotation follows the cue in its sentence ("… and claims that “…”")."""
        sentence = self.sentence_of(cue.start())
        i = bisect_right(self._span_starts, cue.end() - 1)
        return sentence is not None and i < len(self.spans) and self.spans[i].start < sentence.end

    def _has_verb(self, words: str) -> bool:
        return any(w[0].islower() and self._is_clause_verb(w.strip(",;:")) for w in words.split()[1:])

    def _is_verb(self, word: str) -> bool:
        """A speech verb (a cue form), a past participle or an auxiliary: ends a speaker's noun phrase."""
        return bool(_VERBISH.match(word)) or word in self.lex.stance or word in self.words.speech_acts

    def _is_clause_verb(self, word: str) -> bool:
        """Any verb a clause may turn on, for telling a clause from a noun phrase."""
        return self._is_verb(word) or word in self.words.common_past

    def speaker_after(self, cue: CueMatch, ceiling: int) -> _Speaker | None:
        """The noun phrase just after an inverted cue ("said Dmitry Palyuga, 35, who …").

        Never after "told": what follows it is whom the speaker told ("told Reuters").
        """
        return _owned(self._speaker_after(cue, ceiling), self.words)

    def _speaker_after(self, cue: CueMatch, ceiling: int) -> _Speaker | None:
        if self.lex.lemma.get(" ".join(cue.group().lower().split())) in self.words.addressee_cues:
            return None
        if cue.group().lower().endswith("ing"):
            return None  # "“…,” saying the town …": what follows a participle is what was said
        before = self.text[max(0, cue.start() - 80) : cue.start()].rstrip()
        if before and before[-1] not in _INVERSION_MARKS and not before.endswith(("\n",)):
            return None  # "Trump had called a “disaster”", "… and described his skills": the object, not a speaker
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
