"""The report's front page: the answers first, then the charts, the problems and the error rates.

``index.html`` opens with "At a glance" (:func:`analysis.glance.glance_table`, one row
per outlet or article), then every chart with one line on how to read it
(``data/chart_guide.toml``), then the errors table of the corpus, then "How accurate
are these measures" (:func:`analysis.accuracy.read_accuracy`), then links to the
notebook pages. Everything taken from the corpus (outlet names, article labels,
speakers, error details) is HTML-escaped: article text is untrusted.

Pipeline step: after the tables: the report.
"""

from __future__ import annotations

import html
import math
import tomllib
from collections import Counter
from collections.abc import Callable, Iterable
from functools import lru_cache
from pathlib import Path
from typing import Any, NamedTuple

import pandas as pd

from .accuracy import ACCURACY_PATH, AccuracyFileError, read_accuracy
from .corpus import Corpus, load_corpus
from .glance import GLANCE_FAMILIES, GLANCE_VOICES, OFFICIAL_TYPES, OPPOSITION_TYPES, glance_table
from .html_pages import TEXTS_FOLDER
from .labels import corpus_description, corpus_name, source_line

__all__ = ["IndexData", "index_data", "index_page", "chart_reading", "CHART_GUIDE_PATH", "MAX_ERROR_ROWS",
           "MAX_GLANCE_ROWS"]

CHART_GUIDE_PATH = Path(__file__).resolve().parent / "data" / "chart_guide.toml"
#: The errors table lists this many problems; beyond it, counts by problem say how many more.
MAX_ERROR_ROWS = 200
#: The at-a-glance table shows this many rows; the full table is ``at-a-glance.csv`` beside the page.
MAX_GLANCE_ROWS = 200
GLANCE_CSV = "at-a-glance.csv"
_ESC = html.escape


class IndexData(NamedTuple):
    """What the index shows besides the notebook pages: computed once, after the notebooks ran."""

    description: str  # "seeds: 5 articles, 1 outlet, 2022-09-12 to 2025-01-22"
    source: str  # the source line, as under every chart
    glance: pd.DataFrame
    errors: pd.DataFrame
    accuracy: pd.DataFrame | None  # None: the accuracy file could not be read (``accuracy_problem`` says why)
    accuracy_problem: str = ""
    extracted_texts: int = 0  # articles whose text was extracted from HTML, saved in texts/ beside the page


def index_data(
    corpus: str | Path,
    *,
    lexicon_dir: str | Path | None = None,
    accuracy_path: str | Path | None = None,
    loaded: Corpus | None = None,
) -> IndexData:
    """Load ``corpus`` (unless ``loaded`` is it) and compute the at-a-glance table, its errors and the accuracy."""
    if loaded is None:
        loaded = load_corpus(corpus, lexicon_dir=lexicon_dir)
    name = corpus_name(corpus)
    try:
        accuracy: pd.DataFrame | None = read_accuracy(accuracy_path)
        problem = ""
    except AccuracyFileError as exc:
        accuracy, problem = None, str(exc)
    return IndexData(
        description=corpus_description(loaded, name=name),
        source=source_line(loaded, name=name),
        glance=glance_table(loaded, lexicon_dir=lexicon_dir),
        errors=loaded.errors if isinstance(loaded, Corpus) else pd.DataFrame(),
        accuracy=accuracy,
        accuracy_problem=problem,
    )


def index_page(data: IndexData, pages: list[str], folder: Path) -> str:
    """The HTML of ``index.html`` for a report built in ``folder`` (its ``figures/`` are shown in order).

    Writes the full at-a-glance table as ``at-a-glance.csv`` in ``folder`` when the page shows only part of it.
    """
    glance = data.glance
    if len(glance) > MAX_GLANCE_ROWS:
        glance.to_csv(folder / GLANCE_CSV, index=False, lineterminator="\n")
    nav = " · ".join(f'<a href="{_ESC(p)}">{_ESC(Path(p).stem)}</a>' for p in pages)
    return (
        "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
        f"<title>Framing Lens report: {_ESC(data.description)}</title>\n<style>{_STYLE}</style></head><body>\n"
        f'<p class="masthead">Framing Lens report on <strong>{_ESC(data.description)}</strong></p>\n'
        f"{_texts_note(data.extracted_texts)}"
        f"{_glance_section(glance, data.source)}\n"
        f"{_charts_section(folder / 'figures')}\n"
        f"{_errors_section(data.errors)}\n"
        f"{_accuracy_section(data.accuracy, data.accuracy_problem)}\n"
        f'<h2 id="notebooks">Notebook pages</h2>\n<p class="nav">{nav}</p>\n'
        "</body></html>\n"
    )


_STYLE = (
    "body{font-family:sans-serif;max-width:80em;margin:1.5em auto;padding:0 1em;color:#222}"
    "h1{margin:0.3em 0 0.4em}h2{margin-top:2em;border-bottom:1px solid #ddd}"
    ".masthead{color:#555;margin:0}.source,.key,.note{color:#555;font-size:85%}"
    "table{border-collapse:collapse;font-size:82%}th,td{padding:0.25em 0.4em;border-bottom:1px solid #e4e4e4}"
    "th{background:#f4f4f4;text-align:left;vertical-align:bottom;font-weight:600}"
    "td.n{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}th.n{text-align:right}"
    "td.label{font-weight:bold;min-width:8em;max-width:14em}td.sources{min-width:12em;max-width:20em}"
    "td.zero{color:#aaa}td.date{white-space:nowrap}"
    ".glance th.group{text-align:center;border-bottom:1px solid #bbb}"
    "figure{margin:1.5em 0}figure img{max-width:100%;border:1px solid #eee}"
    "figcaption{font-size:90%}figcaption code{color:#777;font-size:90%}"
    ".scroll{overflow-x:auto}"
)


# ------------------------------------------------------------- at a glance --

def _fixed(digits: int) -> Callable[[Any], str]:
    return lambda value: "" if _missing(value) else f"{float(value):,.{digits}f}"


def _percent(value: Any) -> str:
    return "" if _missing(value) else f"{100 * float(value):.0f}%"


def _count(value: Any) -> str:
    return "" if _missing(value) else f"{int(value):,}"


def _number(value: Any, fmt: Callable[[Any], str]) -> str:
    """A right-aligned cell; a zero is shown in grey, so the figures that are there stand out."""
    zero = not _missing(value) and float(value) == 0
    return f'<td class="n{" zero" if zero else ""}">{_ESC(fmt(value))}</td>'


def _missing(value: Any) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value))


_VOICE_HEADS = {"narrator": "narrator", "quoted": "quoted", "mention": "mention"}
_FAMILY_HEADS = {"war": "War words", "euphemism": "Euphemisms"}


def _glance_section(glance: pd.DataFrame, source: str) -> str:
    heading = '<h1 id="at-a-glance">At a glance</h1>'
    if glance.empty:
        return f'{heading}\n<p>No article could be analysed, so there is nothing to compare. ' \
               f'The errors table below says why.</p>\n<p class="source">{_ESC(source)}</p>'
    units = set(glance["unit"])
    row_head = "Outlet" if units == {"outlet"} else "Article" if units == {"article"} else "Outlet or article"
    per_outlet = "outlet" in units
    simple: list[tuple[str, str, Callable[[Any], str], str]] = [  # column, heading, format, tooltip
        ("quotes", "Quota&shy;tions", _count, "quotations and reported speech"),
        ("top_sources", "Top three sources", str, "the most quoted speakers, with their quotations"),
        ("official_share", "Official sources", _percent,
         f"share of quotations from {' or '.join(OFFICIAL_TYPES)} sources"),
        ("opposition_share", "Opposi&shy;tion sources", _percent,
         f"share of quotations from {' or '.join(OPPOSITION_TYPES)} sources"),
        ("distancing", "Distan&shy;cing cues", _count, 'quotations introduced with "claimed", "alleged", "insisted"…'),
        ("loaded_per_1k", "Loaded words per 1,000", _fixed(1), "loaded words per 1,000 of the writer's own words"),
        ("reused_share", "Reused text", _percent, "share of the words found again in another article"),
        ("conflicting_figures", "Conflic&shy;ting figures", _count,
         "quantities on which a figure here contradicts another row's"),
    ]
    first = [("label", row_head, "")] + ([("articles", "Articles", "n")] if per_outlet else []) + [
        ("words", "Words", "n")]
    top = "".join(f'<th rowspan="2" class="{cls}">{head}</th>' for _, head, cls in first)
    top += "".join(f'<th colspan="{len(GLANCE_VOICES)}" class="group">{_FAMILY_HEADS.get(f, _ESC(f))} per 1,000 '
                   f'words</th>' for f in GLANCE_FAMILIES)
    top += "".join(f'<th rowspan="2" title="{_ESC(tip)}"{"" if c == "top_sources" else " class=n"}>{head}</th>'
                   for c, head, _, tip in simple)
    sub = "".join(f'<th class="n">{_VOICE_HEADS[v]}</th>' for _ in GLANCE_FAMILIES for v in GLANCE_VOICES)
    shown = glance.head(MAX_GLANCE_ROWS)
    body = []
    for row in shown.to_dict("records"):
        cells = [f'<td class="label">{_ESC(str(row["label"]))}</td>']
        if per_outlet:
            cells.append(f'<td class="n">{_count(row["articles"])}</td>')
        cells.append(f'<td class="n">{_count(row["words"])}</td>')
        cells += [_number(row[f"{f}_{v}_per_1k"], _fixed(1)) for f in GLANCE_FAMILIES for v in GLANCE_VOICES]
        for column, _, fmt, _ in simple:
            if column == "top_sources":
                sources = [s for s in str(row[column]).split("; ") if s]
                cells.append(f'<td class="sources">{"<br>".join(_ESC(s) for s in sources)}</td>')
            else:
                cells.append(_number(row[column], fmt))
        body.append(f"<tr>{''.join(cells)}</tr>")
    more = ""
    if len(glance) > len(shown):
        more = (f'<p class="note">The first {len(shown):,} of {len(glance):,} rows; every row is in '
                f'<a href="{GLANCE_CSV}">{GLANCE_CSV}</a>.</p>\n')
    key = (
        '<p class="key">Rates count hits per 1,000 words of the voice: <em>narrator</em> is the writer\'s own words, '
        "<em>quoted</em> the sources' quotations, <em>mention</em> a word only talked about (per 1,000 counted "
        "words). Official sources are government and state officials; opposition sources are opposition and "
        "local politicians; both are shares of all quotations (blank: no quotation). Reused text is the share of "
        "the words found again in another article. Conflicting figures counts the quantities (such as how many "
        "signed) on which a figure here cannot be squared with another row's.</p>"
    )
    return (f'{heading}\n<div class="scroll"><table class="glance">\n<thead><tr>{top}</tr>\n<tr>{sub}</tr></thead>\n'
            f"<tbody>\n{chr(10).join(body)}\n</tbody></table></div>\n{more}{key}\n"
            f'<p class="source">{_ESC(source)}</p>')


# ------------------------------------------------------------------ charts --

@lru_cache(maxsize=1)
def _chart_guide() -> dict[str, dict[str, Any]]:
    with CHART_GUIDE_PATH.open("rb") as handle:
        return tomllib.load(handle)


def chart_reading(slug: str, guide: dict[str, dict[str, Any]] | None = None) -> str:
    """The one line on how to read the chart saved as ``slug``, or "" for a chart the guide does not know.

    A slug that extends a known one with "-…" or "--…" (a variant of it, such as a per-outlet
    version) takes that chart's line, unless the entry sets ``variants = false``.
    """
    guide = _chart_guide() if guide is None else guide
    if slug in guide:
        return str(guide[slug]["read"])
    known = [key for key, entry in guide.items()
             if entry.get("variants", True) and slug.startswith(key + "-")]
    return str(guide[max(known, key=len)]["read"]) if known else ""


def _charts_section(figures: Path) -> str:
    items = []
    for png in sorted(figures.glob("*.png")) if figures.is_dir() else []:
        svg = png.with_suffix(".svg").name
        reading = chart_reading(png.stem)
        line = f"{_ESC(reading)} " if reading else ""
        items.append(
            f'<figure><a href="figures/{_ESC(svg)}"><img src="figures/{_ESC(png.name)}" alt="{_ESC(png.stem)}">'
            f"</a><figcaption>{line}<code>{_ESC(png.stem)}</code></figcaption></figure>"
        )
    body = "\n".join(items) if items else "<p>No chart was saved.</p>"
    return f'<h2 id="charts">Charts</h2>\n{body}'


# ------------------------------------------------------------------ errors --

def _texts_note(extracted: int) -> str:
    if not extracted:
        return ""
    pages = f"{extracted:,} article{'s' if extracted != 1 else ''}"
    return (f'<p class="note">{pages} read from HTML pages: the main text extracted from each, which every '
            f'offset in this report refers to, is in <a href="{TEXTS_FOLDER}/">{TEXTS_FOLDER}/</a> '
            "(one <code>&lt;id&gt;.txt</code> per article).</p>\n")


def _errors_section(errors: pd.DataFrame) -> str:
    heading = '<h2 id="errors">Problems met while loading</h2>'
    if errors.empty:
        return f"{heading}\n<p>None: every file was read and every article analysed.</p>"
    counts = Counter(str(p) for p in errors["problem"])
    summary = ", ".join(f"{n:,} {_ESC(problem)}" for problem, n in sorted(counts.items(), key=lambda x: (-x[1], x[0])))
    shown = errors.head(MAX_ERROR_ROWS)
    columns = ["article", "source", "problem", "detail"]
    rows = "\n".join("<tr>" + "".join(f"<td>{_ESC(str(row[c]))}</td>" for c in columns) + "</tr>"
                     for row in shown.to_dict("records"))
    more = (f'<p class="note">The first {len(shown):,} of {len(errors):,} problems.</p>\n'
            if len(errors) > len(shown) else "")
    return (f"{heading}\n<p>{len(errors):,} problem{'s' if len(errors) != 1 else ''}: {summary}. "
            "Each problem is one file or row; every other article was analysed.</p>\n"
            f'<div class="scroll"><table><thead><tr>{"".join(f"<th>{c}</th>" for c in columns)}</tr></thead>\n'
            f"<tbody>\n{rows}\n</tbody></table></div>\n{more}".rstrip("\n"))


# ---------------------------------------------------------------- accuracy --

_TASK_ORDER = {"quotations": 0, "loaded language": 1, "sentence bias": 2}


def _accuracy_section(accuracy: pd.DataFrame | None, problem: str) -> str:
    heading = '<h2 id="accuracy">How accurate are these measures</h2>'
    if accuracy is None:
        return f"{heading}\n<p>Not measured: the accuracy figures could not be read ({_ESC(problem)}).</p>"
    if accuracy.empty:
        return (f"{heading}\n<p>Not measured: no accuracy figures are recorded in "
                f"<code>{_ESC(ACCURACY_PATH.name)}</code>. Run <code>benchmarks/quotes_accuracy.py --split test "
                "--record</code> and <code>benchmarks/loaded_accuracy.py --split test --record</code>.</p>")
    # Held-out figures first, in the order of the charts: quotations, loaded language, sentence bias.
    ordered = accuracy.assign(
        _dev=accuracy["split"] != "test",
        _task=[_TASK_ORDER.get(str(t), len(_TASK_ORDER)) for t in accuracy["task"]],
    ).sort_values(["_dev", "_task", "task", "dataset", "split", "measure"], kind="stable")
    columns: list[tuple[str, str, Callable[[Any], str]]] = [
        ("task", "Task", str), ("dataset", "Dataset", str), ("split", "Split", str), ("measure", "Measure", str),
        ("precision", "Precision", _fixed(3)), ("recall", "Recall", _fixed(3)), ("f1", "F1", _fixed(3)),
        ("speaker_accuracy", "Speaker accuracy", _fixed(3)), ("n", "Gold items", _count),
        ("settings", "Settings", str), ("measured", "Measured", str), ("version", "Version", str),
    ]
    numeric = {"precision", "recall", "f1", "speaker_accuracy", "n"}

    def cell(column: str, fmt: Callable[[Any], str], value: Any) -> str:
        text = "" if _missing(value) or value is pd.NA else fmt(value)
        kind = " class=n" if column in numeric else " class=date" if column == "measured" else ""
        return f"<td{kind}>{_ESC(text)}</td>"

    head = "".join(f'<th{" class=n" if c in numeric else ""}>{h}</th>' for c, h, _ in columns)
    rows = "\n".join("<tr>" + "".join(cell(c, fmt, row[c]) for c, _, fmt in columns) + "</tr>"
                     for row in ordered.to_dict("records"))
    commands = _unique(str(c) for c in ordered["command"])
    return (
        f"{heading}\n<p>Each extractor behind these charts was scored against data annotated by others. "
        "The rules were developed on the <em>dev</em> splits; <em>test</em> was held out and run for reporting. "
        "Speaker accuracy is over the quotations matched.</p>\n"
        f'<div class="scroll"><table><thead><tr>{head}</tr></thead>\n<tbody>\n{rows}\n</tbody></table></div>\n'
        f'<p class="source">Recorded by {", ".join(f"<code>{_ESC(c)}</code>" for c in commands)}.</p>'
    )


def _unique(values: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(values))
