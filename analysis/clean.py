"""Cleaning as excluded regions: the text is never rewritten, only marked.

Metrics skip excluded regions; every region keeps its offsets and a reason, so
a reader can see exactly what was left out and why.

Pipeline step: load (cleaning marks excluded regions as each article is read).
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from difflib import SequenceMatcher
from functools import lru_cache
from itertools import chain, repeat
from pathlib import Path
from typing import NamedTuple

from .intervals import Ranges
from .lexicon import LexiconError, LexiconFile, lexicon_file, read_lexicon
from .segment import WORD_RE, Span, paragraphs

__all__ = ["Region", "REASONS", "excluded_regions", "dateline", "merged", "REPEAT_SIMILARITY"]

REASONS = ("dateline", "boilerplate", "all_caps_headline", "caption", "repeated")
#: Word-sequence similarity at or above which a paragraph repeats an earlier one.
REPEAT_SIMILARITY = 0.8
_REPEAT_MIN_WORDS = 6
_TRIGRAM_POSTINGS = 20  # paragraphs a trigram remembers: a stock phrase stops counting after that many
_HEADLINE_MAX_CHARS = 250  # an all-caps paragraph longer than this is not a headline

_MONTHS = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|"
    r"Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
)
_WEEKDAY = r"(?:(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day,?\s+)?"
_DATELINE_RE = re.compile(
    r"\A\s*(?:(?:date|dated|published|updated|posted)\s*:?\s*)?" + _WEEKDAY
    + r"(?P<date>\d{4}-\d{2}-\d{2}"
    + r"|" + _MONTHS + r"\s+\d{1,2}(?:st|nd|rd|th)?,?\s+\d{4}"
    + r"|\d{1,2}(?:st|nd|rd|th)?\s+" + _MONTHS + r",?\s+\d{4})"
    + r"(?:[ \t]*[|,–—-][ \t]*\d{1,2}[:.]\d{2}(?:\s*[ap]\.?m\.?)?(?:[ \t]+(?-i:[A-Z]{2,4})\b)?)?[ \t]*\n?",
    re.IGNORECASE,
)
_MONTH_NUMBERS = {
    m: i + 1
    for i, m in enumerate(
        ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]
    )
}
_SENTENCE_END = tuple(".!?\"”’»)")


class Region(NamedTuple):
    """An excluded stretch of text and why it was excluded."""

    start: int
    end: int
    reason: str


class _Patterns(NamedTuple):
    boilerplate: tuple[re.Pattern[str], ...]
    caption_tail: tuple[re.Pattern[str], ...]
    caption_marker: tuple[re.Pattern[str], ...]


@lru_cache(maxsize=16)
def _patterns(file: LexiconFile) -> _Patterns:
    data = read_lexicon(file, kind="boilerplate")
    kinds = ("boilerplate", "caption_tail", "caption_marker")
    compiled = []
    for key in kinds:
        # One alternation per kind: a single search per paragraph finds the leftmost match of any.
        joined = "|".join(f"(?:{p})" for p in data.get(key, []))
        try:
            compiled.append(tuple([re.compile(joined, re.IGNORECASE)] if joined else []))
        except re.error as exc:  # each pattern is valid alone (the schema checks); together they clash
            raise LexiconError(f"{file.path}: {key}: bad regular expression: {exc}") from None
    return _Patterns(*compiled)


def dateline(text: str) -> tuple[Span, str] | None:
    """A leading date line and its ISO date, e.g. ``"January 22, 2025"`` → ``"2025-01-22"``."""
    match = _DATELINE_RE.match(text)
    if not match:
        return None
    raw = match.group("date")
    iso = _iso_date(raw)
    if iso is None:
        return None
    return Span(match.start(), match.end()), iso


def _iso_date(raw: str) -> str | None:
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", raw):
        return raw
    parts = re.findall(r"[A-Za-z]+|\d+", raw)
    numbers = [int(p) for p in parts if p.isdigit()]
    months = [_MONTH_NUMBERS.get(p[:3].lower()) for p in parts if p.isalpha()]
    month = next((m for m in months if m), None)
    if month is None or len(numbers) < 2:
        return None
    day, year = (numbers[0], numbers[1]) if numbers[1] > 31 else (numbers[1], numbers[0])
    if not 1 <= day <= 31:
        return None
    return f"{year:04d}-{month:02d}-{day:02d}"


def _is_all_caps(text: str, para: Span) -> bool:
    if para.end - para.start > _HEADLINE_MAX_CHARS:
        return False
    words = WORD_RE.findall(text, para.start, para.end)
    letters = [c for c in text[para.start : para.end] if c.isalpha()]
    if len(words) < 3 or not letters:
        return False
    return sum(c.isupper() for c in letters) >= 0.9 * len(letters)


def merged(regions: tuple[Region, ...] | list[Region]) -> list[Span]:
    """The union of the regions' ranges, as sorted non-overlapping spans."""
    out: list[Span] = []
    for start, end, _ in sorted(regions):
        if out and start <= out[-1].end:
            if end > out[-1].end:
                out[-1] = Span(out[-1].start, end)
        else:
            out.append(Span(start, end))
    return out


def _kept_words(text: str, para: Span, covered: Ranges) -> list[str]:
    """Lower-cased words of a paragraph outside the regions found so far."""
    if not covered.overlaps(para.start, para.end):
        return WORD_RE.findall(text[para.start : para.end].lower().replace("’", "'"))
    words = []
    for m in WORD_RE.finditer(text, para.start, para.end):
        if not covered.covers(m.start()):
            words.append(m.group().lower().replace("’", "'"))
    return words


def excluded_regions(
    text: str,
    *,
    patterns: str | Path | None = None,
    lexicon_dir: str | Path | None = None,
    paras: tuple[Span, ...] | None = None,
) -> tuple[Region, ...]:
    """Mark the parts of an article that metrics should skip.

    Finds a leading date line, boilerplate paragraphs ("CLICK HERE…", "Leave a
    Reply"), all-caps related-story headlines, photo captions ("Pictured: …"),
    and paragraphs that repeat an earlier one (only the first copy counts).
    ``patterns`` is a boilerplate lexicon file; by default ``boilerplate.toml``
    from ``lexicon_dir`` or the shipped one. ``paras`` are ``text``'s paragraphs, when already split.
    """
    rules = _patterns(lexicon_file(patterns or "boilerplate", lexicon_dir))
    paras = paragraphs(text) if paras is None else paras
    regions: list[Region] = []
    found = dateline(text)
    if found:
        regions.append(Region(found[0].start, found[0].end, "dateline"))
    for para in paras:
        body = text[para.start : para.end]
        if any(p.search(body) for p in rules.boilerplate):
            regions.append(Region(para.start, para.end, "boilerplate"))
        elif len(paras) > 1 and _is_all_caps(text, para):
            regions.append(Region(para.start, para.end, "all_caps_headline"))
        elif any(p.search(body) for p in rules.caption_marker) and not body.endswith(_SENTENCE_END):
            regions.append(Region(para.start, para.end, "caption"))
        else:
            tails = [m.start() for p in rules.caption_tail if (m := p.search(body))]
            if tails:
                regions.append(Region(para.start + min(tails), para.end, "caption"))
    regions.extend(_repeated(text, paras, regions))
    return tuple(sorted(regions))


def _repeated(text: str, paras: tuple[Span, ...], regions: list[Region]) -> list[Region]:
    """Paragraphs whose kept words repeat an earlier paragraph's, exactly or nearly.

    Earlier paragraphs sharing at least 30% of a paragraph's word trigrams are compared
    with it (word-sequence similarity). Each trigram remembers the first
    ``_TRIGRAM_POSTINGS`` paragraphs it was in, so the work per paragraph stays bounded
    however long the article; cheap upper bounds of the similarity rule most candidates
    out before the full comparison.
    """
    out: list[Region] = []
    seen: list[list[str]] = []
    index: dict[tuple[str, ...], list[int]] = defaultdict(list)
    whole = {(r.start, r.end) for r in regions}
    covered = Ranges((r.start, r.end) for r in regions)
    for para in paras:
        if (para.start, para.end) in whole:
            continue
        words = _kept_words(text, para, covered)
        if len(words) < _REPEAT_MIN_WORDS:
            continue
        shingles = set(zip(words, words[1:], words[2:], strict=False))
        if len(words) > 24:  # a deterministic, content-based sample keeps long paragraphs cheap
            shingles = {s for s in shingles if len(s[0]) % 2 == 0} or shingles
        shared = Counter(chain.from_iterable(map(index.get, shingles, repeat(()))))
        enough = 0.3 * len(shingles)
        matcher = None  # built at the first candidate: most paragraphs have none
        found = False
        for _, earlier in sorted((-count, earlier) for earlier, count in shared.items() if count >= enough):
            if seen[earlier] == words:  # an exact copy: similarity 1.0, without aligning the two
                found = True
                break
            if matcher is None:
                matcher = SequenceMatcher(None, (), words, autojunk=False)
            matcher.set_seq1(seen[earlier])
            # real_quick_ratio() >= quick_ratio() >= ratio(): the bounds rule out most candidates cheaply.
            if (
                matcher.real_quick_ratio() >= REPEAT_SIMILARITY
                and matcher.quick_ratio() >= REPEAT_SIMILARITY
                and matcher.ratio() >= REPEAT_SIMILARITY
            ):
                found = True
                break
        if found:
            out.append(Region(para.start, para.end, "repeated"))
            continue
        for shingle in shingles:
            postings = index[shingle]
            if len(postings) < _TRIGRAM_POSTINGS:
                postings.append(len(seen))
        seen.append(words)
    return out
