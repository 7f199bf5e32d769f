"""HTML for the explorer: an article with its marks, result rows, and small tables.

Every piece of article text, label, speaker, term and query goes through
:func:`html.escape` here, so an article holding ``<script>`` shows that text and runs
nothing. The markup uses ``fl-`` classes, styled once by :data:`STYLE`; the article view
keeps the source's characters exactly (``white-space: pre-wrap``), one ``<span>`` per
stretch of text that carries the same marks, each naming its marks in ``data-ids`` so a
test can put every mark back together.

Pipeline step: after the tables: the explorer's display.
"""

from __future__ import annotations

import html
from collections.abc import Iterable, Sequence

import pandas as pd

from .explorer import MARK_LAYERS, Mark
from .plots import KIND_COLOURS, VOICE_COLOURS
from .segment import paragraphs

__all__ = [
    "STYLE",
    "article_html",
    "legend_html",
    "table_html",
    "kwic_row",
    "quote_row",
    "speaker_row",
    "passage_row",
    "figure_row",
    "notice_html",
]

_LEVEL_COLOURS = {"mild": "#B36B00", "moderate": "#C04A00", "strong": "#A30000"}
_KIND_LINES = {"direct": "solid", "partial": "dashed", "indirect": "dotted", "mention": "wavy"}
_LAYER_RANK = {layer: i for i, layer in enumerate(MARK_LAYERS)}

STYLE = "\n".join([
    ".fl-explorer{font-size:14px;line-height:1.5;color:#222}",
    # ipywidgets sets an HTML widget's line height to one input row (28px): too loose for text.
    ".fl-explorer .widget-html-content,.fl-explorer .jupyter-widget-html-content{line-height:1.5}",
    ".fl-explorer table.fl-table{border-collapse:collapse;margin:4px 0 10px 0;font-size:13px}",
    ".fl-table th,.fl-table td{border-bottom:1px solid #ddd;padding:3px 10px;text-align:left;vertical-align:top}",
    ".fl-table td.fl-num,.fl-table th.fl-num{text-align:right;font-variant-numeric:tabular-nums}",
    ".fl-table th{background:#f4f6f8;font-weight:600;position:sticky;top:0}",
    ".fl-table-frame{max-height:330px;overflow-y:auto;display:inline-block;margin-bottom:8px}",
    ".fl-notice{padding:6px 10px;border-left:4px solid #0072B2;background:#F2F7FB;margin:4px 0}",
    ".fl-heading{font-weight:600;font-size:15px;margin:10px 0 2px 0}",
    ".fl-row{padding:4px 2px 6px 2px;border-bottom:1px solid #eee;white-space:normal}",
    ".fl-meta{font-size:12px;color:#555}",
    ".fl-context{margin-top:1px}",
    ".fl-tag{padding:0 5px;border-radius:3px;font-size:11px;color:#fff}",
    ".fl-badge{padding:0 5px;border-radius:3px;font-size:11px;background:#D55E00;color:#fff}",
    ".fl-agree{padding:0 5px;border-radius:3px;font-size:11px;background:#ccc;color:#222}",
    ".fl-side{display:grid;grid-template-columns:1fr 1fr;gap:14px}",
    ".fl-side>div{background:#fafafa;padding:4px 8px;border-left:3px solid #56B4E9}",
    ".fl-article{white-space:pre-wrap;font-family:Georgia,'DejaVu Serif',serif;font-size:15px;line-height:1.7;"
    "max-height:620px;overflow-y:auto;padding:8px 14px;border:1px solid #ddd;background:#fff}",
    ".fl-article details.fl-before{color:#666;margin-bottom:6px}",
    ".fl-article summary{cursor:pointer;font-family:sans-serif;font-size:12px;color:#0072B2}",
    ".fl-legend{font-size:12px;margin:4px 0 6px 0;line-height:2}",
    ".fl-legend span{margin-right:10px;padding:1px 4px;display:inline-block;white-space:nowrap}",
    ".fl-excluded{color:#999;background:#efefef}",
    ".fl-loaded{font-weight:700}",
    ".fl-found{outline:1px dashed #555}",
    ".fl-focus{outline:2px solid #000;outline-offset:1px}",
    ".fl-diff{background:#F0E442;border-radius:2px}",
    *(f".fl-voice-{voice}{{background:{colour}33}}" for voice, colour in VOICE_COLOURS.items()),
    *(f".fl-tag.fl-voice-{voice}{{background:{colour}}}" for voice, colour in VOICE_COLOURS.items()),
    *(f".fl-level-{level}{{color:{colour}}}" for level, colour in _LEVEL_COLOURS.items()),
    *(f".fl-kind-{kind}{{text-decoration:underline {_KIND_LINES[kind]} {colour};text-decoration-thickness:2px;"
      f"text-underline-offset:3px}}" for kind, colour in KIND_COLOURS.items()),
])


def _e(value: object) -> str:
    return html.escape("" if value is None or (isinstance(value, float) and value != value) else str(value))


def article_html(text: str, marks: Sequence[Mark], *, fold_at: int = 0) -> str:
    """The article as HTML, every mark drawn, the text before ``fold_at`` folded away.

    The text is cut at every mark's start and end; each stretch is one ``<span>`` whose
    classes are those of the marks covering it (``fl-<layer>`` and the mark's style), whose
    ``data-ids`` name them, and whose title joins their titles. With ``fold_at`` > 0 the
    text before it sits in a closed ``<details>``, so the view opens where a row pointed.
    """
    fold_at = max(0, min(fold_at, len(text)))
    points = sorted({0, len(text), fold_at, *(max(0, min(m.start, len(text))) for m in marks),
                     *(max(0, min(m.end, len(text))) for m in marks)})
    starting: dict[int, list[Mark]] = {}
    for mark in marks:
        if mark.end > mark.start:
            starting.setdefault(max(0, mark.start), []).append(mark)
    active: dict[str, Mark] = {}
    parts: list[str] = []
    if fold_at:
        before = max(1, sum(p.end <= fold_at for p in paragraphs(text)))
        parts.append(f'<details class="fl-before"><summary>Show the text before '
                     f'({before} paragraph{"s" if before != 1 else ""})</summary>')
    for here, there in zip(points, points[1:], strict=False):
        for mark in starting.get(here, ()):
            active[mark.id] = mark
        for key in [k for k, m in active.items() if m.end <= here]:
            del active[key]
        if here == fold_at and fold_at:
            parts.append("</details>")
        parts.append(_segment(text[here:there], active.values()))
    if fold_at == len(text) and fold_at:
        parts.append("</details>")
    return f'<div class="fl-article">{"".join(parts)}</div>'


def _segment(text: str, marks: Iterable[Mark]) -> str:
    covering = sorted(marks, key=lambda m: (_LAYER_RANK[m.layer], m.id))
    if not covering:
        return html.escape(text)
    classes = " ".join(dict.fromkeys(c for m in covering for c in (f"fl-{m.layer}", m.style)))
    ids = " ".join(m.id for m in covering)
    title = html.escape("\n".join(dict.fromkeys(m.title for m in covering)), quote=True)
    return f'<span class="{classes}" data-ids="{ids}" title="{title}">{html.escape(text)}</span>'


def legend_html() -> str:
    """What the marks in the article view mean."""
    voices = "".join(f'<span class="fl-voice-{v}">{v} term</span>' for v in VOICE_COLOURS)
    kinds = "".join(f'<span class="fl-kind-{k}">{k} quotation</span>' for k in KIND_COLOURS if k != "mention")
    return (f'<div class="fl-legend">{voices}{kinds}<span class="fl-kind-mention">scare quotes</span>'
            '<span class="fl-found">searched word or phrase</span>'
            '<span class="fl-loaded fl-level-strong">loaded word</span>'
            '<span class="fl-excluded">excluded (boilerplate, captions…)</span>'
            '<span class="fl-focus">where the row points</span> · hover a mark for its speaker, term or reason</div>')


def notice_html(sentence: str) -> str:
    return f'<div class="fl-notice">{html.escape(sentence)}</div>'


def table_html(table: pd.DataFrame, columns: Sequence[tuple[str, str]], *, empty: str = "Nothing to show.") -> str:
    """A plain escaped table of ``columns`` (column, header); numbers are right-aligned."""
    if table.empty:
        return notice_html(empty)
    numeric = {c for c, _ in columns if pd.api.types.is_numeric_dtype(table[c])}
    head = "".join(f'<th class="fl-num">{_e(h)}</th>' if c in numeric else f"<th>{_e(h)}</th>" for c, h in columns)
    body = []
    for values in zip(*(table[c].tolist() for c, _ in columns), strict=True):
        cells = "".join(f'<td class="fl-num">{_e(v)}</td>' if c in numeric else f"<td>{_e(v)}</td>"
                        for (c, _), v in zip(columns, values, strict=True))
        body.append(f"<tr>{cells}</tr>")
    # A long table (an article per row) scrolls inside its frame, so the rows below it stay in view.
    return (f'<div class="fl-table-frame"><table class="fl-table"><thead><tr>{head}</tr></thead>'
            f'<tbody>{"".join(body)}</tbody></table></div>')


def kwic_row(label: str, left: str, match: str, right: str, voice: str, term: str, family: str) -> str:
    """One keyword-in-context row: where, in whose voice, and the whole sentence with the hit marked."""
    what = f" · {_e(term)} ({_e(family)})" if family else ""
    return (f'<div class="fl-row fl-kwic"><div class="fl-meta">{_e(label)} · '
            f'<span class="fl-tag fl-voice-{_e(voice)}">{_e(voice)}</span>{what}</div>'
            f'<div class="fl-context">{_e(left)}<mark class="fl-hit fl-voice-{_e(voice)}">{_e(match)}</mark>'
            f"{_e(right)}</div></div>")


def quote_row(label: str, text: str, kind: str, cue: object, stance: object, written: object, speaker: str) -> str:
    """One quotation: where, its kind, cue and stance, the spelling used there, and its words."""
    how = f"“{_e(cue)}” ({_e(stance)})" if isinstance(cue, str) and cue else "no cue"
    spelled = f" · written “{_e(written)}”" if isinstance(written, str) and written != speaker else ""
    return (f'<div class="fl-row fl-quote-row"><div class="fl-meta">{_e(label)} · '
            f'<b>{_e(kind)}</b> · {how}{spelled}</div>'
            f'<div class="fl-context"><span class="fl-kind-{_e(kind)}">{_e(text)}</span></div></div>')


def speaker_row(speaker: str, speaker_type: str, quotes: int, articles: int) -> str:
    """One speaker of a source type or cue stance."""
    return (f'<div class="fl-row fl-speaker-row"><b>{_e(speaker)}</b> · {_e(speaker_type)} · '
            f'{quotes} quotation{"s" if quotes != 1 else ""} in {articles} article{"s" if articles != 1 else ""}'
            "</div>")


def passage_row(first: str, second: str, words: int, similarity: float) -> str:
    """One passage two articles share, side by side, the words that differ marked on each side."""
    mine, theirs = _word_diff(first, second)
    return (f'<div class="fl-row fl-passage"><div class="fl-meta">{words} words, similarity {similarity:.2f}</div>'
            f'<div class="fl-side"><div>{mine}</div><div>{theirs}</div></div></div>')


def _word_diff(first: str, second: str) -> tuple[str, str]:
    """Both texts escaped, with the words each has and the other lacks in ``<span class="fl-diff">``."""
    import difflib
    import re

    pieces = [re.findall(r"\S+|\s+", text) for text in (first, second)]
    words = [[p for p in side if not p.isspace()] for side in pieces]
    differ: list[set[int]] = [set(), set()]  # word positions that differ, per side
    matcher = difflib.SequenceMatcher(a=words[0], b=words[1], autojunk=False)
    for tag, a0, a1, b0, b1 in matcher.get_opcodes():
        if tag != "equal":
            differ[0].update(range(a0, a1))
            differ[1].update(range(b0, b1))
    out = []
    for side, marked in zip(pieces, differ, strict=True):
        parts, at = [], 0
        for piece in side:
            if piece.isspace():
                parts.append(html.escape(piece))
                continue
            parts.append(f'<span class="fl-diff">{html.escape(piece)}</span>' if at in marked else html.escape(piece))
            at += 1
        out.append("".join(parts))
    return out[0], out[1]


def figure_row(quantity: str, first: str, second: str, disagree: bool, *, ranges: tuple[str, str] = ("", "")) -> str:
    """One quantity both articles state, each side's figures and the range they allow, and a badge
    when the two ranges cannot both hold."""
    badge = '<span class="fl-badge">disagree</span>' if disagree else '<span class="fl-agree">can both hold</span>'
    sides = "".join(f'<div>{_e(values)}<div class="fl-meta">allows {_e(allowed)}</div></div>' if allowed
                    else f"<div>{_e(values)}</div>" for values, allowed in zip((first, second), ranges, strict=True))
    return f'<div class="fl-row fl-figure"><b>{_e(quantity)}</b> {badge}<div class="fl-side">{sides}</div></div>'
