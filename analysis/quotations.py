"""Quotation spans: the one place in the project where quote marks are paired.

Pairing runs once per article, when its :class:`~analysis.document.Document` is
built (step 2 of load → document → areas → tables); term voice, readability by
voice, tone and sourcing all read the document's spans.

The pairing works paragraph by paragraph over every double and single mark:

* a mark's role (opener or closer) comes from its surroundings first, so that
  straight quotes, mixed pairs (``"…”``) and German ``„…“`` all pair up; the
  glyph only decides when the surroundings are ambiguous;
* an apostrophe (a single mark between two letters) is never a quote mark;
* a quotation still open at the end of a paragraph is continued when the next
  paragraph opens with a mark (the multi-paragraph convention); otherwise it
  ends at the paragraph's end and is reported as unbalanced;
* inside a double quotation, a single closing mark ends it only when no double
  closer follows in the paragraph (``“… very welcome’, says Torstrem``);
* a stray double closer just after a single-quoted stretch extends that stretch
  (``‘We want … they exist’ […] harming Russia,” Payuga said``).

References:
    The multi-paragraph convention: *The Chicago Manual of Style*, 17th ed., 13.30.

Pipeline step: document.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from .segment import WORD_RE, Span, paragraphs

__all__ = ["QuoteSpan", "QuoteProblem", "pair_quotes", "quote_spans", "quote_problems"]

_DOUBLE = "\"“”„«»‟"
_SINGLE = "'‘’‚‹›‛"
_MARK_RE = re.compile("[" + re.escape(_DOUBLE + _SINGLE) + "]")
_OPEN_GLYPHS = "“„«‘‚‹‟‛"
_CLOSE_GLYPHS = "”»’›"
_LEFT_BOUNDARY = " \t\n\r([{—–-/"  # before an opener
_RIGHT_BOUNDARY = " \t\n\r)]}.,;:!?—–-/"  # after a closer
# Most words a quotation may hold and still be taken as a scare quote or a term.
SCARE_QUOTE_MAX_WORDS = 3
_SENTENCE_INSIDE = re.compile(r"[.!?]\W*\w")


class QuoteSpan(NamedTuple):
    """One quoted stretch of text within a paragraph.

    ``start``/``end`` include the marks; ``content_start``/``content_end`` do not.
    ``closed`` is False when the quotation ran to the paragraph's end without a
    closing mark; ``continued`` is True when it continues a quotation from the
    previous paragraph.
    """

    start: int
    end: int
    content_start: int
    content_end: int
    closed: bool
    continued: bool
    short: bool  # few words and no sentence inside: a scare quote, term or title


class QuoteProblem(NamedTuple):
    """An unbalanced mark, with its offset and what was done about it."""

    offset: int
    problem: str
    detail: str


class _Mark(NamedTuple):
    pos: int
    glyph: str
    double: bool
    role: str  # "open", "close" or "either"


def _role(text: str, pos: int, glyph: str, para_start: int, para_end: int) -> str | None:
    before = text[pos - 1] if pos > para_start else " "
    after = text[pos + 1] if pos + 1 < para_end else " "
    left_open = before in _LEFT_BOUNDARY or before in _DOUBLE + _SINGLE
    right_close = after in _RIGHT_BOUNDARY or after in _DOUBLE + _SINGLE
    if glyph in _SINGLE:
        if before.isalnum() and after.isalnum():
            return None  # an apostrophe: don't, Putin’s
        if left_open and not right_close:
            return "open" if glyph != "’" or after.isalpha() else None
        if right_close and not left_open:
            return "close"
        return None
    if left_open and not right_close:
        return "open"
    if right_close and not left_open:
        return "close"
    if glyph in _OPEN_GLYPHS:
        return "open"
    if glyph in _CLOSE_GLYPHS:
        return "close"
    return "either"


def _short(text: str, start: int, end: int) -> bool:
    """A scare quote, quoted term or title: a few words set off inside a sentence.

    Speech that opens a sentence ("“War is coming,” he said") is never short.
    """
    words = 0
    for _ in WORD_RE.finditer(text, start, end):  # stop counting past the limit: a long quotation is not short
        words += 1
        if words > SCARE_QUOTE_MAX_WORDS:
            return False
    if not words or _SENTENCE_INSIDE.search(text, start, end):
        return False
    before = start - 2  # the last character before the opening mark that is not white space
    while before >= 0 and text[before].isspace():
        before -= 1
    return before >= 0 and text[before] not in ".!?\n" and text[start - 1] not in "\n"


def pair_quotes(
    text: str, paras: tuple[Span, ...] | None = None
) -> tuple[tuple[QuoteSpan, ...], tuple[QuoteProblem, ...]]:
    """Every quotation of ``text`` and every problem met pairing its marks (``paras``: its paragraphs)."""
    spans: list[QuoteSpan] = []
    problems: list[QuoteProblem] = []
    paras = paragraphs(text) if paras is None else paras
    carry = False  # the previous paragraph ended inside a quotation
    for index, para in enumerate(paras):
        marks = []
        for m in _MARK_RE.finditer(text, para.start, para.end):
            glyph = m.group()
            role = _role(text, m.start(), glyph, para.start, para.end)
            if role is not None:
                marks.append(_Mark(m.start(), glyph, glyph in _DOUBLE, role))
        opens_with_mark = bool(marks) and marks[0].pos == para.start and marks[0].role != "close"
        continued = carry and opens_with_mark
        if carry and not opens_with_mark:
            problems.append(
                QuoteProblem(
                    spans[-1].start,
                    "unbalanced_quotes",
                    f"quotation opened at offset {spans[-1].start} has no closing mark; "
                    "it was ended at the end of its paragraph",
                )
            )
        carry = False
        # closer_after[i]: a double mark that can close comes after marks[i] (one pass from the end)
        closer_after = [False] * len(marks)
        for i in range(len(marks) - 2, -1, -1):
            following = marks[i + 1]
            closer_after[i] = closer_after[i + 1] or (following.double and following.role != "open")
        open_mark: _Mark | None = None
        nested_single = 0
        for i, mark in enumerate(marks):
            if open_mark is None:
                if mark.role in ("open", "either"):
                    open_mark, nested_single = mark, 0
                elif mark.double and spans and _extends_single(text, spans[-1], mark, para.start):
                    last = spans[-1]
                    spans[-1] = last._replace(
                        end=mark.pos + 1,
                        content_end=mark.pos,
                        short=_short(text, last.content_start, mark.pos),
                    )
                elif mark.double:
                    problems.append(
                        QuoteProblem(
                            mark.pos,
                            "unbalanced_quotes",
                            f"closing mark at offset {mark.pos} has no opening mark; ignored",
                        )
                    )
                continue
            closes = False
            if open_mark.double:
                if mark.double and mark.role in ("close", "either"):
                    closes = True
                elif not mark.double and mark.role == "open":
                    nested_single += 1
                elif not mark.double and mark.role == "close":
                    if nested_single:
                        nested_single -= 1
                    elif not closer_after[i]:
                        closes = True  # a mismatched closer: “… welcome’, says
            elif mark.role in ("close", "either"):
                closes = True
            if closes:
                spans.append(
                    QuoteSpan(
                        open_mark.pos,
                        mark.pos + 1,
                        open_mark.pos + 1,
                        mark.pos,
                        True,
                        continued and not spans_in_para(spans, para.start),
                        _short(text, open_mark.pos + 1, mark.pos),
                    )
                )
                open_mark = None
        if open_mark is not None:
            nxt = paras[index + 1] if index + 1 < len(paras) else None
            spans.append(
                QuoteSpan(
                    open_mark.pos,
                    para.end,
                    open_mark.pos + 1,
                    para.end,
                    False,
                    continued and not spans_in_para(spans, para.start),
                    False,
                )
            )
            carry = nxt is not None
            if nxt is None:
                problems.append(
                    QuoteProblem(
                        open_mark.pos,
                        "unbalanced_quotes",
                        f"quotation opened at offset {open_mark.pos} has no closing mark; "
                        "it was ended at the end of the text",
                    )
                )
    return tuple(spans), tuple(problems)


def spans_in_para(spans: list[QuoteSpan], para_start: int) -> bool:
    """True when a span already found starts inside the current paragraph."""
    return bool(spans) and spans[-1].start >= para_start


def _extends_single(text: str, last: QuoteSpan, mark: _Mark, para_start: int) -> bool:
    """A stray double closer right after a single-quoted stretch in the same paragraph."""
    return (
        last.start >= para_start
        and text[last.start] in _SINGLE
        and mark.pos - last.end < 400  # before the search, which would otherwise scan the whole gap
        and not _MARK_RE.search(text, last.end, mark.pos)
    )


def quote_spans(text: str) -> tuple[QuoteSpan, ...]:
    """Every quotation in ``text``, in order, as :class:`QuoteSpan` records.

    Never raises: odd mark counts and missing closers are repaired as the module
    docstring describes and reported by :func:`quote_problems`.
    """
    return pair_quotes(text)[0]


def quote_problems(text: str) -> tuple[QuoteProblem, ...]:
    """Unbalanced marks found while pairing ``text``'s quotations."""
    return pair_quotes(text)[1]
