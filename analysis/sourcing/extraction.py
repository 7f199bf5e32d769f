"""Extraction: what each quotation is (direct, partial, indirect, mention), who said it, and how it was introduced.

Pipeline step: areas (sourcing).
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple

import pandas as pd

from ..corpus import Corpus
from ..document import Document, documents
from ..intervals import Ranges
from ..names import person_part
from ..quotations import QuoteSpan
from ..segment import WORD_RE, Span
from ..typed_tables import typed_frame
from ..voice import mention_context
from .context import _Lookups
from .coreference import _Context, _resolve_in_order
from .cues import _MAYBE_SOURCED, CueLexicon, CueMatch, _cue_stance, _find_cues, _LastWordBeforeSpace, load_cue_lexicon
from .settings import SETTINGS
from .source_types import (
    TypeVotes,
    _source_type,
    add_type_votes,
    article_speaker_types,
    fill_speaker_types,
    settled_speaker_types,
)
from .speakers import _PRONOUNS, _clean_np, _Speaker

KINDS = ("direct", "partial", "indirect", "mention")


# Nullable integers for the cue offsets: a quotation without a cue has NA there, never a float NaN.
_QUOTE_DTYPES = {
    "article": "str", "start": "int64", "end": "int64", "text": "str", "kind": "str", "speaker": "str",
    "role": "str", "cue": "str", "stance": "str", "speaker_type": "str", "cue_start": "Int64", "cue_end": "Int64",
}

QUOTE_COLUMNS = list(_QUOTE_DTYPES)

_SENTENCE_FINAL = ".!?"
_ABBREVIATION_RE = re.compile(
    r"\b(?:Mr|Mrs|Ms|Dr|St|Sen|Rep|Gov|Gen|Lt|Col|Sgt|Capt|Prof|Jr|Sr|Inc|Ltd|Co|Corp|[A-Z])\."
)

_NEAR = SETTINGS.cue_reach  # characters between a quotation and its cue


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
    scope: str = "speech",
    corpus_types: bool = True,
    type_votes: TypeVotes | None = None,
) -> pd.DataFrame:
    """Every quotation and piece of reported speech, with speaker, role, cue, stance and source type.

    Args:
        corpus: a loaded corpus or its articles table.
        cue_lexicon: an attribution lexicon file (``attribution.toml`` by default).
        lexicon_dir: a folder of lexicon files overriding the shipped ones.
        split: how a quotation split by its tag is reported (see ``_merge_split``):
            "sentence" (default), "merge" or "keep".
        scope: which cues report: "speech" (default: speech acts, as GGT annotates them) or
            "attribution" (also beliefs, intentions and evidence, "thinks", "wants", "shows", as
            PolNeAR annotates them; the cues marked ``wide`` in the attribution lexicon).
        corpus_types: give each speaker the type its descriptions across the whole corpus
            establish (False leaves each quotation's type from its own article: a streamed
            corpus passes ``type_votes`` and settles types once every chunk is read).
        type_votes: a tally each article's type evidence is added to, per speaker
            (:func:`~analysis.sourcing.settled_speaker_types` settles it).

    Returns:
        A DataFrame with ``QUOTE_COLUMNS``; ``text == source[start:end]`` for every row.
    """
    lex = load_cue_lexicon(
        str(cue_lexicon) if cue_lexicon else None, str(lexicon_dir) if lexicon_dir else None, scope=scope
    )
    lookups = _Lookups(str(lexicon_dir) if lexicon_dir else None)
    rows: list[Quote] = []
    votes: TypeVotes = {} if type_votes is None else type_votes
    for doc in documents(corpus):
        rows.extend(_article_quotes(doc, lex=lex, split=split, lookups=lookups, type_votes=votes))
    table = typed_frame(rows, _QUOTE_DTYPES)
    if corpus_types:
        fill_speaker_types(table, settled_speaker_types(votes, lexicon_dir=lookups.lexicon_dir))
    return table


def article_quotes(
    doc: Document,
    *,
    lex: CueLexicon | None = None,
    lexicon_dir: str | None = None,
    split: str = "sentence",
) -> list[Quote]:
    """The quotations of one article (see :func:`find_quotes`)."""
    return _article_quotes(doc, lex=lex or load_cue_lexicon(), split=split, lookups=_Lookups(lexicon_dir))


def _article_quotes(
    doc: Document, *, lex: CueLexicon, split: str, lookups: _Lookups, type_votes: TypeVotes | None = None
) -> list[Quote]:
    """:func:`article_quotes` with the look-ups of the whole run."""
    article, text = doc.article, doc.text
    if not _MAYBE_SOURCED.search(text) and not any(True for _ in _find_cues(text, lex)):
        return []  # no quote mark and no cue: nothing to extract
    ctx = _Context(doc, lex, lookups)
    used: set[int] = set()
    found = [_classify_span(ctx, span, used) for span in ctx.spans]
    _mark_coordinated_mentions(ctx, found)
    reported = _indirect(ctx, used, [(f.start, f.end) for f in found if f.kind == "indirect"])
    reporting = Ranges([(r.start, r.end) for r in reported])
    found = [
        f for f in found if not (f.kind in ("partial", "mention") and reporting.holds(f.content_start, f.content_end))
    ]
    found = sorted(found + reported, key=lambda f: (f.start, f.end))
    _resolve_in_order(ctx, found)
    found = _merge_split(ctx, found, split=split)

    types_file = lookups.types_file  # looked up once: a stat per speaker would cost
    # Types from every description of each speaker in the article (see .source_types).
    types = article_speaker_types(text, [(f.speaker, f.role) for f in found if f.kind != "mention"], types_file)
    if type_votes is not None:
        add_type_votes(type_votes, types)
    out = []
    for f in found:
        if f.kind == "mention":
            speaker_type = "unknown"
        elif f.speaker:
            speaker_type = types[f.speaker].speaker_type
        else:
            speaker_type = _source_type(None, f.role, types_file)
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

_NAME_THEN_ROLE = re.compile(r"^[\s,'’]*(?:[A-Z][\w’'.-]*\s+){1,3}?[A-Z][\w’'-]*,\s.*,\s*$")
# “…,” the economist Ivo Lantern, a former adviser, wrote: a described speaker and an appositive.
_DESCRIBED_THEN_ROLE = re.compile(r"^[\s,'’]*(?:the|an?)\s[^,]*,\s.*,\s*$")
_GAP_OPENS_TAG = re.compile(r"^[\s,'’]*(?:[A-Z]|he\b|she\b|they\b)")
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
    introduced = colon_intro and ctx.last_cue_between(sent.start, span.start) is not None  # X told Reuters: “…”
    for cue in ctx.cues_between(span.end, limit):
        if introduced and cue.start() >= end_sentence.end:
            break  # the next sentence's cue ("He said …") is not this quotation's tag
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
        coordinated = ctx.coordinated_names(_clean_np(gap))  # “…,” Palyuga and Yuferev said
        appositive = _NAME_THEN_ROLE.match(gap)  # “…,” Anna Brook, head of roads and bridges, said: the role's "and"
        if (_AND_IN_GAP.search(gap) and not coordinated and not appositive) or (span.short and words_in_gap > 3):
            break  # "… “X” and insist …": the cue opens a clause of its own
        opens_tag = _GAP_OPENS_TAG.match(gap) or _DESCRIBED_THEN_ROLE.match(gap)
        if words_in_gap <= 6 or (words_in_gap <= 30 and opens_tag):
            f.cue = cue
            f.raw = ctx.speaker_before(cue, span.end) or ctx.speaker_after(cue, max(end_sentence.end, tail))
        break

    # Attribution before it: he said: “…” / which read: “…” / X said the retreat did “…”.
    if f.cue is None:
        before = ctx.last_cue_between(sent.start, span.start)
        if before is not None:
            cue = before
            left = text[sent.start : cue.start()]
            # "was told by": passive; "is telling": progressive, its subject speaks.
            passive = None if cue.group().lower().endswith("ing") else _PASSIVE_BEFORE.search(left)
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
            or person_part(subject.group(1))
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
    if multi_sentence and not (opens_sentence or colon_intro) and _embedded_in_report(ctx, f.cue, span):
        # X said that “A. B.” / X said the plan “was …”: reported speech that ends in a quotation
        assert f.cue is not None
        f.kind = "indirect"
        f.start = f.content_start = _trim(text, _report_start(ctx, f.cue, span.start), span.start)[0]
        used.add(f.cue.start())
        return f
    if opens_sentence or colon_intro or multi_sentence or (follows_cue and ends_sentence):
        f.kind = "direct"
    elif f.cue is not None and f.cue.start() >= span.end and sent.start < span.start:
        # "The plan, he argued, would “ruin the town,” Holm said.": the tag after the quoted words reports
        # the whole clause they end, the reporter's words before them included
        f.kind = "indirect"
        f.start = f.content_start = _trim(text, sent.start, span.start)[0]
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


def _embedded_in_report(ctx: _Context, cue: CueMatch | None, span: QuoteSpan) -> bool:
    """A quotation of several sentences that a cue before it introduces through words of the reporter's own.

    “X said that “A. B.”” and “X said the plan “was late. Very late.””: the quotation ends
    a piece of reported speech, which starts after the cue. (A single-sentence quotation
    there is a partial quotation, and a colon or comma alone introduces a direct one.)
    """
    if cue is None or cue.end() > span.start:
        return False
    if " ".join(cue.group().lower().split()) in ctx.lex.no_indirect:
        return False  # "the banner read in large letters “…”": the cue gives a text, it does not report
    lead = ctx.text[cue.end() : span.start]
    return bool(WORD_RE.search(lead)) and "\n" not in lead and not lead.rstrip().endswith(":")


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
        if prev is not None and _joins(ctx, prev, f, split=split):
            prev.end, prev.content_end = f.end, f.content_end
            continue
        out.append(f)
    return out


def _joins(ctx: _Context, prev: _Found, f: _Found, *, split: str) -> bool:
    """Whether quotation ``f`` is the second half of ``prev``, split by a tag (see :func:`_merge_split`)."""
    text = ctx.text
    gap = text[prev.end : f.start]
    if split == "merge" and prev.kind == f.kind == "direct" and f.cue is None and not WORD_RE.search(gap):
        return "\n" in gap  # a quotation that goes on in the next paragraph, its closing mark missing
    tagged_between = (
        prev.cue is not None
        and prev.cue.start() >= prev.end
        and prev.cue.end() <= f.start
        and (f.cue is None or f.cue is prev.cue)
    )
    if not tagged_between or prev.kind != "direct" or f.kind != "direct" or "\n" in gap:
        return False
    if split == "merge":
        # The second half has no tag of its own, so it is the first half's speaker's, however long the tag
        # between them ("“A,” said X, an adviser who …. “B.”"); a tag of its own must name the same speaker.
        return f.cue is None or prev.speaker == f.speaker
    continues = text[f.content_start : f.content_start + 1].islower()
    return continues and prev.speaker == f.speaker and len(WORD_RE.findall(gap)) <= 10


_NOT_SPEECH_AFTER = re.compile(r"^\s*(to|by|so|nothing|no|yes|goodbye|about|of|for|with)\b", re.IGNORECASE)
# A negated cue reports no speech ("would not say", "did not reveal"), nor does one after a possessive,
# where it is a noun ("the company’s claims"; "he’s said" is "he has said").
_NOTHING_REPORTED_BEFORE = re.compile(
    r"(?:\b(?:not|never)|n[’']t|\b(?!(?:he|she|it|that|who|there|what|here)[’'])\w+[’']s)\s+$", re.IGNORECASE
)
_RELATIVE_BEFORE = _LastWordBeforeSpace("who which that", re.IGNORECASE)
_PASSIVE_OR_SUBORDINATE_BEFORE = _LastWordBeforeSpace("is are was were be been being it's it’s when if", re.IGNORECASE)


def _indirect(ctx: _Context, used: set[int], taken: list[tuple[int, int]]) -> list[_Found]:
    """Reported speech without quote marks (``taken``: the reported speech already found around quotations)."""
    text = ctx.text
    out: list[_Found] = []
    taken.sort()
    taken_starts = [start for start, _ in taken]  # the reported speech found so far: disjoint ranges, in order
    taken_ends = [end for _, end in taken]
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
        blocked = _NOT_SPEECH_AFTER.match(right)
        if blocked and blocked.group(1).lower() not in ctx.lex.complements.get(form, ()):
            continue  # "said to be", "spoke about": no speech follows (but "vowed to", "called for" report)
        if form != "according to" and _PASSIVE_OR_SUBORDINATE_BEFORE.search(left):
            continue  # passive or subordinate: "it was said", "When asked"
        if form in ctx.lex.naming and _RELATIVE_BEFORE.search(left):
            continue  # "others who called Putin a “traitor” were …": where the relative clause ends is unknown
        if _NOTHING_REPORTED_BEFORE.search(left):
            continue  # "did not say", "the company’s claims": no speech is reported
        if form == "according to":
            f = _according_to(ctx, cue, sent)
        else:
            # "…, said X" and "…, said the mayor.": the speaker is after the cue, the speech before it
            inverted = _INVERTED_TAG_BEFORE.search(left) is not None and _SPEAKER_THEN_END.match(right) is not None
            if form.endswith("ing") and left.rstrip().endswith(","):
                f = _participle(ctx, cue, sent)  # "…, saying (that) …": the speaker is the sentence's subject
            else:
                speaker = None if inverted else ctx.speaker_before(cue, sent.start)
                f = _reported(ctx, cue, sent, speaker) if speaker is not None else _tagged(ctx, cue, sent)
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
_PARENTHETICAL_AFTER = re.compile(r"^\s*,\s*[\w“\"‘']")
# "said (on Monday / in a statement) that …"; a "that" after a clause's own subject or verb is not the reporting one
# ("said he is sure that …", "said the party has learned from that …").
_THAT_CLAUSE = re.compile(
    r"^(?:(?!\s(?:he|she|they|it|we|I|you|is|was|are|were|has|have|had|will|would|can|could)\b)[^,.;:!?]){0,60}?"
    r"\bthat\b\s*"
)

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
        if _PARENTHETICAL_AFTER.match(right):
            # "A, he says, B": the tag sits inside the reported sentence, which goes on after it
            start, end = _trim(text, sent.start, sent.end)
        return _Found(start, end, "indirect", start, end, raw=speaker)
    start = _report_start(ctx, cue, sent.end)
    start, end = _trim(text, start, _content_end(ctx, start, sent))
    if end - start <= 0:
        return None
    content = text[start:end]
    if _NOT_CONTENT.match(content) and (
        len(content.split()) < 4 or " ".join(cue.group().lower().split()) in ctx.lex.naming
    ):
        return None  # "said it", or naming: "call it a “special operation”", "described them as …"
    return _Found(start, end, "indirect", start, end, raw=speaker)


_SPEAKER_THEN_END = re.compile(  # "said Anna Brook." / "said Mark Garth, a …" / "said the mayor."
    r"^\s*(?:(?:the|a|an)\s+(?:[a-z][\w’'-]*\s+)?[a-z][\w’'-]*|[A-Z][\w’'.-]*(?:\s+[A-Z][\w’'.-]*)*)\s*(?:[,.;!?(]|$)"
)
_INVERTED_TAG_BEFORE = re.compile(r"\w[\w’'”\"]*\s*,\s*$")
_TAG_BEFORE = re.compile(r",\s*((?:[\w’'.-]+\s+){0,4}[\w’'.-]+)?\s*$")  # ", said" or ", sources said"


def _tagged(ctx: _Context, cue: CueMatch, sent: Span) -> _Found | None:
    """ "CONTENT, said X …" and "CONTENT, X said": a tag after the speech, its speaker not recognised before it.

    The tag's place marks the speech even when the words before the cue are no name the
    speaker rules know ("sources", "the winter railroading report").
    """
    text = ctx.text
    tag = _TAG_BEFORE.search(text, sent.start, cue.start())
    if tag is None or tag.end() != cue.start():
        return None
    right = text[cue.end() : sent.end]
    raw: _Speaker | None
    if tag.group(1):  # ", sources said": the tag must end the sentence or a clause
        if not _NOTHING_SAID_AFTER.match(right):
            return None
        raw = _Speaker(_clean_np(tag.group(1)), None, tag.start(1))
    else:  # ", said X, …"
        raw = ctx.speaker_after(cue, sent.end)
        if raw is None:
            return None
    start, end = _trim(text, sent.start, tag.start())
    if end <= start:
        return None
    return _Found(start, end, "indirect", start, end, raw=raw)


_SENTENCE_SUBJECT = re.compile(r"^\s*((?:[A-Z][\w’'-]*\.?\s+){0,3}[A-Z][\w’'-]*|[Hh]e|[Ss]he|[Tt]hey)\b")


def _participle(ctx: _Context, cue: CueMatch, sent: Span) -> _Found | None:
    """ "X did Y, saying (that) CONTENT": the participle's speaker is the sentence's subject."""
    text = ctx.text
    start = _report_start(ctx, cue, sent.end)
    start, end = _trim(text, start, _content_end(ctx, start, sent))
    if end <= start:
        return None
    raw = ctx.speaker_before(cue, sent.start)
    if raw is None or len(raw.name.split()) > 3:  # the subject's noun phrase ran on into its verb
        subject = _SENTENCE_SUBJECT.match(text[sent.start : cue.start()])
        raw = _Speaker(subject.group(1), None, sent.start + subject.start(1)) if subject else None
    return _Found(start, end, "indirect", start, end, raw=raw)


def _report_start(ctx: _Context, cue: CueMatch, limit: int) -> int:
    """Where the reported speech after ``cue`` starts: after "that", or after the addressee of "told"."""
    right = ctx.text[cue.end() : limit]
    that = _THAT_CLAUSE.match(right)
    if that:
        return cue.end() + that.end()
    if ctx.lex.lemma.get(" ".join(cue.group().lower().split())) == "tell":
        obj = _TOLD_WHOM.match(right)
        return cue.end() + (obj.end() if obj else 0)
    return cue.end()


def _according_to(ctx: _Context, cue: CueMatch, sent: Span) -> _Found | None:
    text = ctx.text
    source = re.match(r"^\s*([^,.;]+(?:\.\s?[A-Z][^,.;]*)?)", text[cue.end() : sent.end])
    if not source:
        return None
    speaker = _Speaker(_clean_np(source.group(1)), None, cue.end() + source.start(1))
    if text[sent.start : cue.start()].strip(" ,"):
        after = cue.end() + source.end()
        parenthetical = text[cue.start() - 2 : cue.start()].strip() == "," and _PARENTHETICAL_AFTER.match(
            text[after : sent.end]
        )
        # "The truth, according to experts, is …": the sentence goes on after the source
        start, end = _trim(text, sent.start, sent.end if parenthetical else cue.start())
    else:
        start, end = _trim(text, cue.end() + source.end(), sent.end)
    if end <= start:
        return None
    return _Found(start, end, "indirect", start, end, raw=speaker)
