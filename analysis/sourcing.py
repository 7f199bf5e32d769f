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
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import NamedTuple

import pandas as pd
from rapidfuzz import fuzz

from .corpus import Corpus, iter_articles
from .lexicon import LexiconError, read_lexicon
from .quotations import QuoteSpan, quote_spans
from .segment import WORD_RE, Span, paragraphs, sentences
from .voice import VoiceIndex

__all__ = [
    "Quote",
    "QUOTE_COLUMNS",
    "OUTLET_COLUMNS",
    "KINDS",
    "STANCES",
    "SOURCE_TYPES",
    "find_quotes",
    "cited_outlets",
    "speaker_table",
    "sourcing_metrics",
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
QUOTE_COLUMNS = [
    "article", "start", "end", "text", "kind", "speaker", "role", "cue", "stance", "speaker_type",
    "cue_start", "cue_end",
]
OUTLET_COLUMNS = ["article", "start", "end", "text", "outlet", "how"]

_PRONOUNS = {"he", "she", "they", "it", "we", "i", "him", "her", "them"}
_RELATIVE = {"which", "that", "who"}
_DETERMINERS = {"the", "a", "an", "this", "that", "these", "those", "its", "his", "her", "their",
                "our", "one", "some", "many", "several", "most", "other", "another", "both",
                "all", "no", "each", "every", "any", "two", "three", "four", "five"}
_AUXILIARIES = re.compile(
    r"(?:\s+(?:also|later|then|previously|earlier|recently|personally|again|once|has|had|have|"
    r"would|will|could|should|may|might|is|was|were|are|did|does|do|reportedly|publicly|"
    r"only|repeatedly|often|always|never|not|already|just|first|further|simply))+\s*$",
    re.IGNORECASE,
)
_WORD_START = re.compile(r"[\w“\"‘']")
_NAME_TOKEN = r"(?:[A-Z][\w’'\-]*\.?|[A-Z]\.)"
_NAME_RE = re.compile(
    _NAME_TOKEN + r"(?:\s+(?:(?:de|van|von|der|al|bin|da|di|la|le|du|del)\s+)?" + _NAME_TOKEN + r"){1,3}"
)
_AGE_RE = re.compile(r"^\s*\d{1,3}\s*$")
_REDUCE_RE = re.compile(
    r"^(?:an?|the)?\s*(?:official\s+|english\s+|russian\s+|full\s+)?"
    r"(?P<role>response|statement|spokes(?:man|woman|person)|representative|translation|copy|version|"
    r"text|report|message|press service|press office)\s+(?:from|of|for|by)\s+(?P<head>.+)$",
    re.IGNORECASE,
)
_SENTENCE_FINAL = ".!?"
_MAX_SPEAKER_WORDS = 9
_NEAR = 90  # characters between a quotation and its cue


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


@dataclass(frozen=True)
class CueLexicon:
    """Attribution cues with their stance, and the name rules of ``attribution.toml``."""

    pattern: re.Pattern[str]
    stance: dict[str, str]  # lower-cased form → stance
    lemma: dict[str, str]  # lower-cased form → cue entry
    no_indirect: frozenset[str]  # forms that never start reported speech
    platforms: re.Pattern[str]
    titles: re.Pattern[str]
    group_nouns: frozenset[str]


class _SourceTypes(NamedTuple):
    order: tuple[str, ...]
    patterns: dict[str, re.Pattern[str]]


def _alternation(words: Iterable[str]) -> str:
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(set(words), key=len, reverse=True))


@lru_cache(maxsize=8)
def load_cue_lexicon(path: str | None = None, lexicon_dir: str | None = None) -> CueLexicon:
    """Read ``attribution.toml`` (or a user's file with the same keys)."""
    data = read_lexicon(path or "attribution", lexicon_dir)
    cues = data.get("cues")
    if not isinstance(cues, dict) or not cues:
        raise LexiconError(f"{path or 'attribution'}: an attribution lexicon needs [cues.NAME] tables")
    stance: dict[str, str] = {}
    lemma: dict[str, str] = {}
    no_indirect: set[str] = set()
    for name, spec in cues.items():
        if spec.get("stance") not in STANCES or not isinstance(spec.get("forms"), list):
            raise LexiconError(f"{path or 'attribution'}: cue '{name}' needs a stance in {STANCES} and forms")
        for form in spec["forms"]:
            key = " ".join(form.lower().split())
            stance[key] = spec["stance"]
            lemma[key] = name
            if spec.get("indirect") is False:
                no_indirect.add(key)
    names = data.get("names", {})
    platforms = data.get("media", {}).get("platforms", [])
    return CueLexicon(
        pattern=re.compile(r"\b(?:" + _alternation(stance) + r")\b", re.IGNORECASE),
        stance=stance,
        lemma=lemma,
        no_indirect=frozenset(no_indirect),
        platforms=re.compile(r"^\s+(?:on|in|via)\s+(?:" + _alternation(platforms) + r")\b"),
        titles=re.compile(r"^(?:(?:" + _alternation(names.get("titles", [])) + r")\.?\s+)+"),
        group_nouns=frozenset(w.lower() for w in names.get("group_nouns", [])),
    )


@lru_cache(maxsize=8)
def _source_types(path: str | None = None, lexicon_dir: str | None = None) -> _SourceTypes:
    data = read_lexicon(path or "source_types", lexicon_dir)
    types = data.get("types", {})
    order = tuple(data.get("order", list(types)))
    compiled = {}
    for name in order:
        parts = []
        for pattern in types.get(name, {}).get("patterns", []):
            left = r"\b" if re.match(r"\w", pattern) else ""
            right = r"\b" if re.search(r"\w$", pattern) else ""
            parts.append(f"{left}(?:{pattern}){right}")
        try:
            compiled[name] = re.compile("|".join(parts) or "(?!)", re.IGNORECASE)
        except re.error as exc:
            raise LexiconError(f"{path or 'source_types'}: bad pattern in '{name}': {exc}") from None
    return _SourceTypes(order, compiled)


def source_type(speaker: str | None, role: str | None, *, lexicon_dir: str | None = None) -> str:
    """The source type of a speaker: its name decides first, then its role."""
    rules = _source_types(None, lexicon_dir)
    for text in (speaker, role):
        if not text:
            continue
        for name in rules.order:
            if rules.patterns[name].search(text):
                return name
    return "unknown"


# ---------------------------------------------------------------- names ----


class _Names:
    """Person and organisation names in one article, for surname and typo resolution."""

    def __init__(self, text: str, titles: re.Pattern[str]) -> None:
        self.titles = titles
        self.full: list[tuple[int, str]] = []  # (offset, full name) of multi-word names
        for m in _NAME_RE.finditer(text):
            name = self.strip_title(m.group())
            words = name.split()
            if len(words) >= 2 and words[0].lower() not in _DETERMINERS and not _is_place_or_org(name):
                self.full.append((m.start(), name))
        self.by_surname: dict[str, str] = {}
        for _, name in self.full:
            self.by_surname.setdefault(_key(name.split()[-1]), name)
        self._starts = [offset for offset, _ in self.full]

    def strip_title(self, name: str) -> str:
        return self.titles.sub("", name).strip()

    def resolve(self, name: str) -> str:
        """Full form of a name: "Palyuga" → "Dmitry Palyuga"; typos by fuzzy surname match."""
        name = self.strip_title(name)
        words = name.split()
        if not words:
            return name
        last = _key(words[-1])
        if len(words) == 1 or (len(words) == 2 and words[0].endswith(".")):
            if last in self.by_surname:
                return self.by_surname[last]
            best = max(self.by_surname, key=lambda s: fuzz.ratio(s, last), default=None)
            if best is not None and len(last) >= 5 and fuzz.ratio(best, last) >= 85:
                return self.by_surname[best]
        return name

    def last_before(self, offset: int) -> str | None:
        i = bisect_right(self._starts, offset) - 1
        return self.full[i][1] if i >= 0 else None


_PLACE_WORDS = re.compile(
    r"\b(?:Street|Square|Road|Avenue|Party|Council|Ministry|Duma|Parliament|University|Institute|"
    r"Federation|Union|Republic|Kingdom|States|City|District|Region|Oblast|Times|News|Post|Day|"
    r"Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|January|February|March|April|May|"
    r"June|July|August|September|October|November|December|Russia|Ukraine|Moscow|Petersburg|Kremlin|NATO)\b"
)


def _is_place_or_org(name: str) -> bool:
    return bool(_PLACE_WORDS.search(name))


def _key(word: str) -> str:
    return word.lower().strip(".’'")


# ---------------------------------------------------------- speakers -------


class _Speaker(NamedTuple):
    name: str | None
    role: str | None
    start: int | None  # where the speaker's words are in the text (for pronoun fallback)


def _clean_np(np: str) -> str:
    np = np.strip(" \t\n,;:—–-\"“”‘’'()[]")
    np = re.sub(r"^(?:and|but|with|while|as|so|then|when|because)\s+", "", np, flags=re.IGNORECASE)
    return np.strip()


def _is_speaker_np(np: str, lex: CueLexicon) -> bool:
    words = np.split()
    if not words or len(words) > _MAX_SPEAKER_WORDS:
        return False
    first = words[0].lower().strip("’'")
    if first in _PRONOUNS or first in _RELATIVE:
        return len(words) == 1
    if first in _DETERMINERS or words[0][0].isupper():
        return not re.search(r"[.!?]$", np) or bool(re.search(r"\b[A-Z]\.$", np))
    return any(w.lower() in lex.group_nouns for w in words)


def _role_text(parts: list[str]) -> str | None:
    roles = []
    for part in parts:
        part = _clean_np(part)
        if not part or _AGE_RE.match(part):
            continue
        part = re.split(r"\s+(?:who|which|that|whose)\s+", part, maxsplit=1)[0]
        match = re.match(r"^one of (?:the |his |her |their |its )?(?:\w+ )??(\w+?)s\b(.*)$", part, re.IGNORECASE)
        if match:
            part = match.group(1) + match.group(2)
        part = re.sub(r"^(?:an?|the|another)\s+", "", part, flags=re.IGNORECASE)
        if part:
            roles.append(part)
    return "; ".join(roles) or None


def _split_appositive(np: str, names: _Names) -> tuple[str, str | None]:
    """"Nikita Yuferev, 34" → ("Nikita Yuferev", None); "one of the councillors, Nikita Yuferev" → name + role."""
    parts = [p for p in (_clean_np(x) for x in np.split(",")) if p]
    if not parts:
        return "", None
    named = [p for p in parts if _NAME_RE.fullmatch(names.strip_title(p)) or _NAME_RE.fullmatch(p)]
    head = named[0] if named else parts[0]
    others = [p for p in parts if p is not head]
    title = names.titles.match(head)
    role_parts = ([title.group().strip()] if title else []) + others
    return head, _role_text(role_parts)


def _reduce(np: str) -> tuple[str, str | None]:
    """"a translation of the petition" → ("the petition", "translation")."""
    match = _REDUCE_RE.match(np)
    if not match:
        return np, None
    head = match.group("head")
    if head.split()[0].lower() not in _DETERMINERS and not head[0].isupper():
        head = "the " + head
    return head, match.group("role").lower()


def _canonical(np: str) -> str:
    np = re.sub(r"^(?:The|A|An)\b", lambda m: m.group().lower(), np)
    np = re.sub(r"\s+(?:on|in|at)\s+(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b.*$", "", np)
    return np.strip(" ,")


class _Context:
    """Everything the extractor needs about one article, computed once."""

    def __init__(self, article: str, text: str, excluded, lex: CueLexicon) -> None:
        self.article = article
        self.text = text
        self.lex = lex
        self.voice = VoiceIndex(text, excluded)
        self.sentences = [s for s in sentences(text) if not self.voice.is_excluded(s.start, s.end)]
        self._sentence_starts = [s.start for s in self.sentences]
        self.paragraph_starts = [p.start for p in paragraphs(text)]
        self.names = _Names(text, lex.titles)
        self.spans = [s for s in quote_spans(text) if not self.voice.is_excluded(s.start, s.end)]
        self.cues = [m for m in lex.pattern.finditer(text) if self.voice.quote_at(m.start(), m.end()) is None]
        self.cue_starts = [m.start() for m in self.cues]
        self.speakers: list[tuple[int, str]] = []  # (offset, canonical speaker) in text order

    def sentence_of(self, offset: int) -> Span | None:
        i = bisect_right(self._sentence_starts, offset) - 1
        if i >= 0 and offset < self.sentences[i].end:
            return self.sentences[i]
        return None

    def paragraph_index(self, offset: int) -> int:
        return bisect_right(self.paragraph_starts, offset) - 1

    def cues_between(self, start: int, end: int) -> list[re.Match[str]]:
        i = bisect_right(self.cue_starts, start - 1)
        out = []
        while i < len(self.cues) and self.cues[i].start() < end:
            if self.cues[i].end() <= end:
                out.append(self.cues[i])
            i += 1
        return out

    # -- speakers ---------------------------------------------------------

    def speaker_before(self, cue: re.Match[str], floor: int) -> _Speaker | None:
        """The noun phrase that ends just before the cue ("Palyuga told", "he said")."""
        window = self.text[floor : cue.start()]
        window = _AUXILIARIES.sub("", window)
        window = re.sub(r"\s+to$", "", window.rstrip())  # "causing one senior lawmaker to say"
        if not window.strip() or window.rstrip().endswith((".", "!", "?", "”", '"', "’")):
            return None
        clause = re.split(r"[;:—–(]|\s-\s|,\s+(?:and|but|while|as|so)\s+|\b(?:and|but|while)\s+(?=[A-Z])", window)[-1]
        clause = re.split(r"\b(?:that|because|after|before|when|if|although|though|since)\s+(?=\S)", clause)[-1]
        np = _clean_np(clause)
        if np.endswith(","):
            np = np.rstrip(",")
        head, role = _split_appositive(np, self.names)
        words = head.split()
        if len(words) > _MAX_SPEAKER_WORDS:  # a long clause: keep its last noun phrase
            head = " ".join(words[-_MAX_SPEAKER_WORDS:])
            head = re.split(r"\b(?:with|of|by|from|for|to|in|on)\s+(?=[A-Z])", head)[-1]
        head = re.sub(r"^(?:with|as|and|but|while)\s+", "", head, flags=re.IGNORECASE)
        if not _is_speaker_np(head, self.lex):
            named = list(_NAME_RE.finditer(head))
            if not named:
                return None
            head = named[-1].group()
        return _Speaker(head, role, floor + window.rfind(head) if head in window else None)

    def speaker_after(self, cue: re.Match[str], ceiling: int) -> _Speaker | None:
        """The noun phrase just after an inverted cue ("said Dmitry Palyuga, 35, who …")."""
        window = self.text[cue.end() : ceiling]
        window = re.split(r"[.;:!?](?:\s|$)|\s(?:who|which|that|whose|in a|on|in an|at|after|before|as|adding|noting)\s", window)[0]
        parts = [p for p in (_clean_np(x) for x in window.split(",")) if p]
        if not parts:
            return None
        head, role = _split_appositive(", ".join(parts[:3]), self.names)
        if not _is_speaker_np(head, self.lex):
            return None
        return _Speaker(head, role, cue.end() + window.find(head) if head in window else None)

    def resolve(self, speaker: _Speaker | None, at: int) -> tuple[str | None, str | None]:
        """Canonical name and role: pronouns, relatives, surnames and typos resolved."""
        if speaker is None or not speaker.name:
            return None, None
        name = speaker.name
        low = name.lower()
        if low in {"he", "she", "him", "her", "i"}:
            return self._last_person(at), speaker.role
        if low in {"they", "them", "we"}:
            return self._last_group(at), speaker.role
        if low == "it":
            return self._last_thing(at), speaker.role
        if low in _RELATIVE:
            return self._antecedent(speaker.start if speaker.start is not None else at), speaker.role
        reduced, reduced_role = _reduce(name)
        role = speaker.role if not reduced_role else "; ".join(filter(None, [speaker.role, reduced_role]))
        if reduced[0].isupper() and _NAME_RE.fullmatch(self.names.strip_title(reduced) or reduced):
            return self.names.resolve(reduced), role
        if reduced[0].isupper() and len(reduced.split()) == 1 and not _is_place_or_org(reduced):
            return self.names.resolve(reduced), role
        return _canonical(reduced), role

    def _last_person(self, at: int) -> str | None:
        para = self.paragraph_index(at)
        for offset, name in reversed(self.speakers):
            if offset < at and para - self.paragraph_index(offset) <= 3 and _looks_like_person(name):
                named_after = self.names.last_before(at)
                return name if not named_after or named_after == name else self._prefer(name, named_after, at)
        return self.names.last_before(at)

    def _prefer(self, speaker: str, named: str, at: int) -> str:
        """The last speaker, unless another person was named after it and before ``at``."""
        speaker_at = max(o for o, n in self.speakers if n == speaker)
        named_at = max(o for o, n in self.names.full if n == named)
        return named if named_at > speaker_at and self.paragraph_index(named_at) == self.paragraph_index(at) else speaker

    def _last_group(self, at: int) -> str | None:
        limit = max(0, at - 1500)
        for sent in reversed([s for s in self.sentences if limit <= s.start < at]):
            head = self.text[sent.start : min(sent.end, at)]
            subject = re.split(r"\s(?:have|has|had|made|say|said|are|were|will|would|is|was|[a-z]+ed)\s", head, maxsplit=1)[0]
            if any(w.lower().strip(",") in self.lex.group_nouns for w in subject.split()[:10]):
                return _canonical(_clean_np(subject))
        for offset, name in reversed(self.speakers):
            if offset < at and not _looks_like_person(name):
                return name
        return None

    def _last_thing(self, at: int) -> str | None:
        for offset, name in reversed(self.speakers):
            if offset < at and not _looks_like_person(name):
                return name
        return None

    def _antecedent(self, at: int) -> str | None:
        """The noun phrase before "which"/"that": "the petition, which read" → "the petition"."""
        before = self.text[max(0, at - 120) : at].rstrip(" ,")
        before = re.sub(r"\s+(?:on|in|at|by)\s+(?:\w+\s+){0,2}\w+$", "", before)
        match = re.search(r"(?:\b(?:the|a|an|this|his|her|their|its)\s+(?:[\w’'-]+\s+){0,3}[\w’'-]+|[A-Z][\w’'-]+(?:\s+[A-Z][\w’'-]+)*)$", before)
        if not match:
            return None
        return _canonical(_reduce(match.group())[0])


def _looks_like_person(name: str) -> bool:
    words = name.split()
    return 2 <= len(words) <= 4 and all(w[0].isupper() for w in words) and not _is_place_or_org(name)


# ------------------------------------------------------------ extraction ---


def find_quotes(
    corpus: Corpus | pd.DataFrame,
    *,
    cue_lexicon: str | Path | None = None,
    lexicon_dir: str | Path | None = None,
) -> pd.DataFrame:
    """Every quotation and piece of reported speech, with speaker, cue, stance and source type.

    Returns:
        A DataFrame with ``QUOTE_COLUMNS``; ``text == source[start:end]`` for every row.
    """
    lex = load_cue_lexicon(str(cue_lexicon) if cue_lexicon else None, str(lexicon_dir) if lexicon_dir else None)
    rows: list[Quote] = []
    for art in iter_articles(corpus):
        rows.extend(_article_quotes(art.article, art.text, art.excluded, lex, lexicon_dir))
    return pd.DataFrame(rows, columns=QUOTE_COLUMNS)


def _cue_stance(ctx: _Context, cue: re.Match[str]) -> str:
    form = " ".join(cue.group().lower().split())
    if ctx.lex.platforms.match(ctx.text, cue.end()) or ctx.lex.platforms.match(ctx.text[cue.end() : cue.end() + 40]):
        return "medium"
    return ctx.lex.stance.get(form, "neutral")


def _article_quotes(article: str, text: str, excluded, lex: CueLexicon, lexicon_dir) -> list[Quote]:
    ctx = _Context(article, text, excluded, lex)
    records: list[dict] = []
    used_cues: set[int] = set()

    # 1. Quotations in marks, in order, so continuations can inherit speakers.
    previous: dict | None = None
    for span in ctx.spans:
        record = _classify_span(ctx, span, previous, used_cues)
        records.append(record)
        if record["kind"] != "mention":
            previous = record
            if record["speaker"]:
                ctx.speakers.append((span.start, record["speaker"]))

    # 2. Pull-quotes and unattributed quotations that repeat an attributed one.
    for record in records:
        if record["kind"] != "mention" and not record["speaker"]:
            body = _norm(text[record["content_start"] : record["content_end"]])
            for other in records:
                if other is not record and other["speaker"] and body and body in _norm(
                    text[other["content_start"] : other["content_end"]]
                ):
                    record["speaker"], record["role"] = other["speaker"], other["role"]
                    break

    # 3. Reported speech without marks.
    indirect = _indirect(ctx, used_cues)
    kept = []
    for record in records:
        inside = any(r["start"] <= record["content_start"] and record["content_end"] <= r["end"] for r in indirect)
        if inside and record["kind"] in ("partial", "mention"):
            continue  # a quoted fragment of reported speech belongs to it
        kept.append(record)
    records = sorted(kept + indirect, key=lambda r: (r["start"], r["end"]))

    out = []
    for r in records:
        speaker_type = "unknown" if r["kind"] == "mention" else source_type(r["speaker"], r["role"],
                                                                              lexicon_dir=lexicon_dir)
        if r["kind"] != "mention" and r["speaker"] is None and r["role"] is None:
            speaker_type = "unknown"
        out.append(
            Quote(article, r["start"], r["end"], text[r["start"] : r["end"]], r["kind"], r["speaker"], r["role"],
                  r["cue"], r["stance"], speaker_type, r["cue_start"], r["cue_end"])
        )
    return out


def _norm(text: str) -> str:
    return " ".join(WORD_RE.findall(text.lower()))


def _record(start: int, end: int, kind: str, content: tuple[int, int] | None = None, **extra) -> dict:
    content_start, content_end = content or (start, end)
    base = {"start": start, "end": end, "kind": kind, "speaker": None, "role": None, "cue": None,
            "stance": None, "cue_start": None, "cue_end": None, "content_start": content_start,
            "content_end": content_end}
    base.update(extra)
    return base


def _set_cue(record: dict, ctx: _Context, cue: re.Match[str]) -> None:
    record["cue"] = " ".join(cue.group().split())
    record["stance"] = _cue_stance(ctx, cue)
    record["cue_start"], record["cue_end"] = cue.start(), cue.end()


def _is_sentence_start(text: str, offset: int, floor: int) -> bool:
    before = text[floor:offset].rstrip()
    return not before or before[-1] in _SENTENCE_FINAL + "”\"’:" or before.endswith(("\n",))


def _classify_span(ctx: _Context, span: QuoteSpan, previous: dict | None, used_cues: set[int]) -> dict:
    text = ctx.text
    content = (span.content_start, span.content_end)
    sent = ctx.sentence_of(span.start) or Span(span.start, span.end)
    para = ctx.paragraph_index(span.start)
    record = _record(span.start, span.end, "direct", content)

    # Attribution after the quotation: “…,” he said / “…,” said X / “…” says Torstrem.
    after_end = min(len(text), span.end + _NEAR)
    next_open = next((s.start for s in ctx.spans if s.start >= span.end), len(text))
    sentence_end = (ctx.sentence_of(max(span.end - 1, span.start)) or sent).end
    limit = min(after_end, next_open, max(sentence_end, span.end + 2))
    after = [c for c in ctx.cues_between(span.end, limit)]
    cue = None
    speaker = None
    if after:
        cue = after[0]
        gap = text[span.end : cue.start()]
        if len(WORD_RE.findall(gap)) <= 6 and not re.search(r"[.!?]\s", gap):
            speaker = ctx.speaker_before(cue, span.end) or ctx.speaker_after(cue, limit + 120)
        else:
            cue = None

    # Attribution before it: he said: “…” / which read: “…” / X said the retreat did “…”.
    if cue is None:
        floor = sent.start
        before = ctx.cues_between(floor, span.start)
        if before:
            cue = before[-1]
            between = text[cue.end() : span.start]
            speaker = ctx.speaker_before(cue, floor)
            if speaker is None and re.match(r"^\s*[:,]?\s*$", between):
                speaker = ctx.speaker_after(cue, span.start)
            if speaker is None and re.match(r"^\s*(?:by|to)\b", between) is None:
                passive = re.search(r"\b(?:was|were|been|being)\s+$", text[floor : cue.start()])
                if passive:
                    addressee = re.search(r"\b(?:wrote|writes|write|spoke|appealed|sent \w+)\s+to\s+(.+?)\s+and\s+$",
                                          text[floor : passive.start()] + " and ")
                    if addressee:
                        speaker = _Speaker(_clean_np(addressee.group(1)), None, None)

    if cue is not None:
        _set_cue(record, ctx, cue)
        used_cues.add(cue.start())
        record["speaker"], record["role"] = ctx.resolve(speaker, span.start)

    opens_sentence = _is_sentence_start(text, span.start, ctx.paragraph_starts[para] if para >= 0 else 0)
    colon_intro = bool(re.search(r"[:,]\s*$", text[max(0, span.start - 3) : span.start]))
    multi_sentence = bool(re.search(r"[.!?][\"”’']?\s+\S", text[span.content_start : span.content_end]))

    if span.short and cue is None:
        record["kind"] = "mention"
        return record
    if span.short and (re.search(r"\b(?:term|word|phrase|known as|so-called|dubbed)\s*$",
                                 text[max(0, span.start - 30) : span.start], re.IGNORECASE)):
        record.update(kind="mention", speaker=None, role=None, cue=None, stance=None, cue_start=None, cue_end=None)
        return record

    if span.continued or (cue is None and opens_sentence):
        if previous is not None and previous["kind"] != "mention" and para - ctx.paragraph_index(previous["start"]) <= 1:
            if cue is None:
                record["speaker"], record["role"] = previous["speaker"], previous["role"]
        record["kind"] = "direct" if opens_sentence or span.continued else "partial"
        return record

    if opens_sentence or colon_intro or multi_sentence:
        record["kind"] = "direct"
    else:
        record["kind"] = "partial"
        if cue is None:
            subject = re.match(r"^\s*(He|She|They)\b", text[sent.start : span.start])
            if subject:
                record["speaker"], record["role"] = ctx.resolve(_Speaker(subject.group(1), None, sent.start), sent.start)
            elif previous is not None and para - ctx.paragraph_index(previous["start"]) <= 1:
                record["speaker"], record["role"] = previous["speaker"], previous["role"]
    return record


def _indirect(ctx: _Context, used_cues: set[int]) -> list[dict]:
    """Reported speech without quote marks."""
    text = ctx.text
    out: list[dict] = []
    for cue in ctx.cues:
        if cue.start() in used_cues:
            continue
        form = " ".join(cue.group().lower().split())
        sent = ctx.sentence_of(cue.start())
        if sent is None or form in ctx.lex.no_indirect:
            continue
        left = text[sent.start : cue.start()]
        right = text[cue.end() : sent.end]
        if re.match(r"^\s*(?:to|by|so|nothing|no|yes|goodbye|about|of|for|in\s+(?:a|an|the)\s+statement\.?$)\b", right, re.IGNORECASE):
            continue
        if re.search(r"\b(?:is|are|was|were|be|been|being|it's|it’s)\s+$", left, re.IGNORECASE) and form != "according to":
            continue  # passive: "it was said", "was told to"
        record = None
        if form == "according to":
            record = _according_to(ctx, cue, sent)
        else:
            speaker = ctx.speaker_before(cue, sent.start)
            if speaker is not None:
                record = _reported(ctx, cue, sent, speaker)
        if record is None:
            continue
        words = WORD_RE.findall(text[record["start"] : record["end"]])
        quoted_inside = sum(
            len(WORD_RE.findall(text[s.content_start : s.content_end]))
            for s in ctx.spans
            if record["start"] <= s.content_start and s.content_end <= record["end"]
        )
        if len(words) - quoted_inside < 3:
            continue
        if any(s.start <= record["start"] < s.end for s in ctx.spans):
            continue
        _set_cue(record, ctx, cue)
        used_cues.add(cue.start())
        if record["speaker"]:
            ctx.speakers.append((cue.start(), record["speaker"]))
            ctx.speakers.sort()
        out.append(record)
    return out


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and (text[start].isspace() or text[start] in ",;:—–-"):
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in ".,;:!?—–-"):
        end -= 1
    return start, end


def _reported(ctx: _Context, cue: re.Match[str], sent: Span, speaker: _Speaker) -> dict | None:
    """"X said (that) CONTENT" or "CONTENT, X said"."""
    text = ctx.text
    left = text[sent.start : cue.start()]
    right_start = cue.end()
    right = text[right_start : sent.end]
    # Content first: "CONTENT, they said." / "…, he claimed."
    if re.match(r"^\s*(?:[,.;!?]|\s+(?:on|in|at|to)\b[^,]*[.!?]?\s*$|$)", right) and "," in left:
        comma = left.rfind(",", 0, len(left) - len(speaker.name or "") if speaker.name else len(left))
        if comma > 0:
            start, end = _trim(text, sent.start, sent.start + comma)
            if end - start > 0:
                name, role = ctx.resolve(speaker, cue.start())
                return _record(start, end, "indirect", speaker=name, role=role)
        return None
    # Speaker first: skip a "told X" object or adverbials up to "that" when it comes soon.
    that = re.match(r"^(?:[^,.;:!?]{0,60}?)\bthat\b\s*", right)
    if that:
        offset = that.end()
    elif ctx.lex.lemma.get(" ".join(cue.group().lower().split())) == "tell":
        obj = re.match(r"^\s*(?:(?:the|a|an|reporters|journalists|him|her|them|us|me)\b\s*)?(?:[A-Z][\w’'-]*\s*)*", right)
        offset = obj.end() if obj else 0
    else:
        offset = 0
        adverbial = re.match(r"^\s*(?:on|in|at|during|via|through|live)\b[^,]{0,40},?\s*", right)
        if adverbial and "that" not in adverbial.group():
            offset = 0
    start, end = _trim(text, right_start + offset, sent.end)
    if end - start <= 0:
        return None
    first = text[start:end].split(" ", 1)[0].lower()
    if first in {"it", "this", "him", "her", "them", "me", "us", "goodbye", "hello"} and len(text[start:end].split()) < 4:
        return None
    name, role = ctx.resolve(speaker, cue.start())
    return _record(start, end, "indirect", speaker=name, role=role)


def _according_to(ctx: _Context, cue: re.Match[str], sent: Span) -> dict | None:
    text = ctx.text
    right = text[cue.end() : sent.end]
    source = re.match(r"^\s*([^,.;]+)", right)
    if not source:
        return None
    np = _clean_np(source.group(1))
    speaker = _Speaker(np, None, cue.end())
    name, role = ctx.resolve(speaker, cue.start())
    before = text[sent.start : cue.start()]
    if before.strip(" ,"):
        start, end = _trim(text, sent.start, cue.start())
    else:
        start, end = _trim(text, cue.end() + source.end(), sent.end)
    if end <= start:
        return None
    return _record(start, end, "indirect", speaker=name, role=role)


# --------------------------------------------------------- cited outlets ---

_OUTLET_RE = re.compile(
    r"\b(?P<how>told|tells|telling|according to|wrote in|writing in|said in an interview with|"
    r"in an interview with|reported by|speaking to|spoke to|quoted by|cited by)\s+"
    r"(?P<outlet>(?:the\s+|The\s+)?(?:[A-Z][\w’'&.-]*)(?:\s+(?:of\s+)?[A-Z][\w’'&.-]*){0,4})"
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
    for art in iter_articles(corpus):
        index = VoiceIndex(art.text, art.excluded)
        for pattern in (_OUTLET_RE, _PLATFORM_RE):
            for m in pattern.finditer(art.text):
                start, end = m.span("outlet")
                if index.is_excluded(start, end) or index.quote_at(start, end) is not None:
                    continue
                name = re.sub(r"^(?:the|The)\s+", "", m.group("outlet")).rstrip(".")
                kind = source_type(name, None, lexicon_dir=str(lexicon_dir) if lexicon_dir else None)
                if pattern is _OUTLET_RE and kind not in ("media", "social_media"):
                    continue
                end = start + len(m.group("outlet").rstrip("."))
                rows.append((art.article, start, end, art.text[start:end], name, " ".join(m.group("how").split())))
    table = pd.DataFrame(rows, columns=OUTLET_COLUMNS)
    return table.sort_values(["article", "start"], kind="stable").reset_index(drop=True)


# ---------------------------------------------------- speakers and metrics ---


def merge_speaker_variants(quotes: pd.DataFrame, *, threshold: float = 85.0) -> dict[str, str]:
    """Map each speaker name to one canonical spelling across the corpus.

    Two person names merge when their surnames are at least ``threshold``
    similar (rapidfuzz ratio) and their first names, where both have one, are
    at least 70 similar ("Xenia"/"Ksenia"); the most quoted spelling wins.
    """
    counts = quotes["speaker"].dropna().value_counts()
    names = sorted(counts.index, key=lambda n: (-counts[n], n))
    canonical: dict[str, str] = {}
    chosen: list[str] = []
    for name in names:
        target = name
        if _looks_like_person(name):
            first, last = name.split()[0], name.split()[-1]
            for other in chosen:
                if not _looks_like_person(other):
                    continue
                o_first, o_last = other.split()[0], other.split()[-1]
                if fuzz.ratio(last.lower(), o_last.lower()) >= threshold and fuzz.ratio(first.lower(), o_first.lower()) >= 70:
                    target = other
                    break
        canonical[name] = target
        if target == name:
            chosen.append(name)
    return canonical


def speaker_table(quotes: pd.DataFrame) -> pd.DataFrame:
    """Per speaker across the corpus: quotations in each article (name variants merged)."""
    sourced = quotes[quotes["kind"] != "mention"].dropna(subset=["speaker"])
    if sourced.empty:
        return pd.DataFrame(columns=["speaker", "speaker_type", "articles", "quotes"])
    canonical = merge_speaker_variants(sourced)
    sourced = sourced.assign(speaker=sourced["speaker"].map(canonical))
    wide = sourced.groupby(["speaker", "article"]).size().unstack(fill_value=0)
    types = sourced.groupby("speaker")["speaker_type"].agg(lambda s: s.value_counts().index[0])
    table = pd.DataFrame({"speaker": wide.index, "speaker_type": types.reindex(wide.index).values,
                          "articles": (wide > 0).sum(axis=1).values, "quotes": wide.sum(axis=1).values})
    table = pd.concat([table.reset_index(drop=True), wide.reset_index(drop=True)], axis=1)
    return table.sort_values(["quotes", "speaker"], ascending=[False, True], kind="stable").reset_index(drop=True)


def sourcing_metrics(quotes: pd.DataFrame, corpus: Corpus | pd.DataFrame) -> pd.DataFrame:
    """``sourcing.*`` columns, one row per article."""
    rows = []
    for art in iter_articles(corpus):
        mine = quotes[quotes["article"] == art.article]
        sourced = mine[mine["kind"] != "mention"]
        index = VoiceIndex(art.text, art.excluded)
        words = index.words()
        row: dict[str, object] = {"article": art.article, "sourcing.quotes": len(sourced)}
        for kind in KINDS:
            row[f"sourcing.{kind}"] = int((mine["kind"] == kind).sum())
        named = sourced["speaker"].dropna()
        row["sourcing.named_sources"] = int(named.nunique())
        row["sourcing.unattributed"] = int(sourced["speaker"].isna().sum())
        row["sourcing.quoted_word_share"] = round(words.quoted / words.total, 4) if words.total else 0.0
        for kind in SOURCE_TYPES:
            row[f"sourcing.type_{kind}"] = int((sourced["speaker_type"] == kind).sum())
        for stance in STANCES:
            row[f"sourcing.stance_{stance}"] = int((sourced["stance"] == stance).sum())
        rows.append(row)
    return pd.DataFrame(rows)
