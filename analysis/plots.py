"""Charts drawn from tidy tables; nothing here computes a metric.

Every chart has a title, labelled axes with units, a source line and the
Okabe–Ito colour-blind-safe palette. Charts that compare articles draw one row
per row of a table from :mod:`analysis.chart_rows` (its first column, ``outlet``
or ``article``, labels the row), so a corpus of any size gives a chart of sane
height. Long labels are wrapped, and legends sit outside the plotting area so
they never cover data. Each chart is a :class:`~analysis.chart_files.Chart`,
which a notebook displays inline; :func:`~analysis.chart_files.save_figure`
writes it to disk.

References:
    Okabe, M. and Ito, K. (2008). Color Universal Design (CUD): how to make
    figures and presentations that are friendly to colorblind people.

Pipeline step: after the tables: charts.
"""

from __future__ import annotations

import math
import textwrap
from itertools import cycle

import matplotlib
import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator

from .chart_files import STYLE, Chart, figure_paths, save_figure
from .clean import REASONS

__all__ = [
    "OKABE_ITO",
    "VOICE_COLOURS",
    "KIND_COLOURS",
    "STANCE_COLOURS",
    "TYPE_COLOURS",
    "save_figure",
    "figure_paths",
    "plot_article_lengths",
    "plot_family_rates",
    "plot_term_pair",
    "plot_counts_by_row",
    "plot_speaker_heatmap",
    "plot_quoted_share",
    "plot_grouped_by_row",
    "plot_reuse_heatmap",
    "plot_figure_ranges",
]

OKABE_ITO = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#999999", "#000000"]
VOICE_COLOURS = {"narrator": "#0072B2", "quoted": "#E69F00", "mention": "#CC79A7"}
KIND_COLOURS = {"direct": "#0072B2", "partial": "#56B4E9", "indirect": "#009E73", "mention": "#999999"}
STANCE_COLOURS = {"neutral": "#999999", "distancing": "#D55E00", "emphatic": "#E69F00", "medium": "#56B4E9"}
TYPE_COLOURS = dict(zip(
    ["government", "state_official", "opposition_local", "expert", "media", "social_media", "document",
     "anonymous", "unknown"],
    ["#D55E00", "#E69F00", "#0072B2", "#009E73", "#CC79A7", "#56B4E9", "#F0E442", "#000000", "#BBBBBB"],
    strict=True,
))
_COUNTED_COLOUR = "#0072B2"
_REASON_COLOURS = dict(zip(REASONS, ["#999999", "#D55E00", "#E69F00", "#CC79A7", "#56B4E9"], strict=True))
_NO_ARTICLES = "No article in this corpus could be analysed"
_LABEL_WIDTH = 30  # characters per line of a row label
_LABEL_LINES = 2  # lines of a row label before it is cut with "…"
_PANELS_PER_LINE = 5  # family panels side by side before a new line of panels


# ------------------------------------------------------------------ layout --

def _wrap(label: str, width: int = _LABEL_WIDTH, lines: int = _LABEL_LINES) -> str:
    """``label`` on at most ``lines`` lines of ``width`` characters ("…" where it is cut)."""
    return textwrap.fill(label, width=width, max_lines=lines, placeholder=" …") or label


class _Rows:
    """The chart rows of a per-row table: what a row is, their labels in order, and their tick labels."""

    def __init__(self, table: pd.DataFrame) -> None:
        self.by = "outlet" if "outlet" in table.columns else "article"
        sizes: dict[str, int] = {}
        for row, articles in zip(table[self.by], table["articles"], strict=True):
            sizes.setdefault(str(row), int(articles))
        self.labels = list(sizes)
        self.pooled = any(n > 1 for n in sizes.values())  # some row sums several articles
        self.ticks = [self._tick(row, sizes[row], _LABEL_WIDTH) for row in self.labels]
        self.narrow_ticks = [self._tick(row, sizes[row], 20) for row in self.labels]  # under a heatmap's columns
        self.lines = max((tick.count("\n") + 1 for tick in self.ticks), default=1)

    def _tick(self, row: str, articles: int, width: int) -> str:
        return f"{_wrap(row, width)} ({articles})" if self.by == "outlet" else _wrap(row, width)

    def __len__(self) -> int:
        return len(self.labels)

    def columns(self, ax: Axes, labels: list[str]) -> None:
        """``labels`` under the columns of a heatmap: slanted, or upright when there are many."""
        if len(labels) > 8:
            ax.set_xticks(range(len(labels)), labels=labels, rotation=90)
        else:
            ax.set_xticks(range(len(labels)), labels=labels, rotation=45, ha="right", rotation_mode="anchor")

    @property
    def axis_label(self) -> str:
        return "outlet (articles)" if self.by == "outlet" else "article"

    def height(self, per_line: float = 0.16) -> float:
        """Inches for the rows of one panel: room for every line of the tallest label."""
        return len(self) * max(0.3, per_line * self.lines + 0.12)

    def axis(self, ax: Axes, *, label: bool = True) -> None:
        """Rows top to bottom on the y axis of ``ax``."""
        if label:  # panels sharing the y axis share its ticks: only the first one sets them
            ax.set_yticks(range(len(self)), labels=self.ticks)
            ax.set_ylim(max(len(self), 1) - 0.5, -0.5)
            ax.set_ylabel(self.axis_label)
        else:
            ax.tick_params(labelleft=False)


def _new_figure(
    width: float, height: float, nrows: int = 1, ncols: int = 1, *, sharex: bool = False, sharey: bool = False
) -> tuple[Chart, list[Axes]]:
    with matplotlib.rc_context(STYLE):
        fig = Chart(figsize=(width, height), layout="constrained")
        axes = fig.subplots(nrows, ncols, squeeze=False, sharex=sharex, sharey=sharey)
    return fig, [ax for row in axes for ax in row]


def _legend(fig: Figure, handles: list, labels: list[str], *, title: str | None = None) -> None:
    """A legend to the right of the plotting area, where it cannot cover data."""
    if handles:
        fig.legend(handles, labels, title=title, loc="outside right upper", fontsize=8, title_fontsize=8,
                   frameon=False)


def _finish(fig: Figure, title: str, source: str, *, empty: str | None = None) -> Figure:
    """Title and source line; with ``empty``, the axes give way to that message (a chart with nothing to show)."""
    with matplotlib.rc_context(STYLE):
        if empty:
            for ax in list(fig.axes):
                ax.remove()
            for legend in list(fig.legends):
                legend.remove()
            fig.set_size_inches(8, 2.4)
            fig.text(0.5, 0.5, empty, ha="center", va="center", fontsize=11, color="#555555")
        width, height = fig.get_size_inches()
        fig.suptitle(_wrap(title, width=int(width * 9), lines=3), fontsize=12, fontweight="bold", x=0.01,
                     ha="left")
        line = _wrap(f"Source: {source}", width=int(width * 17), lines=3)
        fig.text(0.01, 0.01, line, fontsize=7.5, color="#555555", ha="left", va="bottom")
        engine = fig.get_layout_engine()
        if engine is not None:  # room for the source line below the axes
            bottom = min((0.14 * (line.count("\n") + 1) + 0.08) / height, 0.3)
            engine.set(rect=(0, bottom, 1, 1 - bottom))  # type: ignore[call-arg]  # left, bottom, width, height
    return fig


def _stacked_rows(ax: Axes, rows: _Rows, series: dict[str, list[float]], colours: dict[str, str]) -> list:
    """Horizontal bars, one per row, stacked by series; returns the handles of series that show."""
    left = np.zeros(len(rows))
    handles = []
    for name, values in series.items():
        if not any(values):
            continue
        bars = ax.barh(range(len(rows)), values, left=left, color=colours[name], label=name.replace("_", " "))
        handles.append(bars)
        left += np.asarray(values, dtype=float)
    return handles


def _colours_for(values: list[str], colours: dict[str, str]) -> dict[str, str]:
    """``colours``, extended by the palette (cycled) for values it does not name."""
    spare = cycle(OKABE_ITO)
    return {value: colours[value] if value in colours else next(spare) for value in values}


# ------------------------------------------------------------------ charts --

def plot_article_lengths(lengths: pd.DataFrame, *, source: str) -> Figure:
    """Words per article: those counted, and those cleaning excluded, by reason.

    ``lengths`` comes from :func:`~analysis.chart_rows.lengths_by_row`; a row summing
    several articles shows their mean.
    """
    rows = _Rows(lengths)
    fig, (ax,) = _new_figure(8, rows.height() + 1.6)
    with matplotlib.rc_context(STYLE):
        series = {"counted": lengths["counted_words"].tolist()}
        colours = {"counted": _COUNTED_COLOUR}
        for reason in REASONS:
            series[f"excluded: {reason.replace('_', ' ')}"] = lengths[f"excluded_{reason}_words"].tolist()
            colours[f"excluded: {reason.replace('_', ' ')}"] = _REASON_COLOURS[reason]
        handles = _stacked_rows(ax, rows, series, colours)
        rows.axis(ax)
        ax.set_xlabel("words per article (mean)" if rows.pooled else "words")
        _legend(fig, handles, [h.get_label() for h in handles])
    return _finish(fig, "Article length and what cleaning excluded", source,
                   empty=_NO_ARTICLES if lengths.empty else None)


def plot_family_rates(rates: pd.DataFrame, *, families: list[str], source: str) -> Figure:
    """Per family, each row's hits per 1,000 counted words, stacked by voice (one shared scale).

    ``rates`` comes from :func:`~analysis.chart_rows.term_rates_by_row`.
    """
    rows = _Rows(rates)
    ncols = max(min(len(families), _PANELS_PER_LINE), 1)
    nrows = max(math.ceil(len(families) / ncols), 1)
    fig, axes = _new_figure(2.8 * ncols + 3.2, nrows * (rows.height() + 0.9) + 1.0, nrows, ncols, sharex=True,
                            sharey=True)
    with matplotlib.rc_context(STYLE):
        handles: list = []
        for i, ax in enumerate(axes):
            if i >= len(families):
                ax.set_visible(False)
                continue
            part = rates[rates["family"] == families[i]].set_index(["voice", rates.columns[0]])["per_1k_total"]
            series = {voice: [float(part.get((voice, row), 0.0)) for row in rows.labels] for voice in VOICE_COLOURS}
            shown = _stacked_rows(ax, rows, series, VOICE_COLOURS)
            handles = handles if len(handles) >= len(shown) else shown
            ax.set_title(families[i])
            ax.set_xlabel("hits per 1,000 words")
            ax.tick_params(labelbottom=True)
            rows.axis(ax, label=i % ncols == 0)
        _legend(fig, handles, [h.get_label() for h in handles], title="voice")
    empty = _NO_ARTICLES if rates.empty else None if rates["count"].sum() else "No framing-term hits in this corpus"
    return _finish(fig, "Framing-term families per 1,000 words, by voice", source, empty=empty)


def plot_term_pair(counts: pd.DataFrame, *, source: str) -> Figure:
    """For each row, how often each compared term is used, stacked by voice.

    ``counts`` comes from :func:`~analysis.chart_rows.term_counts_by_row`; a row summing
    several articles shows occurrences per article.
    """
    rows = _Rows(counts)
    terms = list(dict.fromkeys(counts["term"].dropna()))
    fig, axes = _new_figure(3.6 * max(len(terms), 1) + 3.2, rows.height() + 1.9, 1, max(len(terms), 1),
                            sharex=True, sharey=True)
    value = "per_article" if rows.pooled else "count"
    with matplotlib.rc_context(STYLE):
        handles: list = []
        for i, (ax, term) in enumerate(zip(axes, terms, strict=False)):
            part = counts[counts["term"] == term].set_index(["voice", counts.columns[0]])[value]
            series = {voice: [float(part.get((voice, row), 0.0)) for row in rows.labels] for voice in VOICE_COLOURS}
            shown = _stacked_rows(ax, rows, series, VOICE_COLOURS)
            handles = handles if len(handles) >= len(shown) else shown
            ax.set_title(_wrap(f"“{term}”", width=40))
            ax.set_xlabel("occurrences per article" if rows.pooled else "occurrences")
            if not rows.pooled:
                ax.xaxis.set_major_locator(MaxNLocator(integer=True))
            rows.axis(ax, label=i == 0)
        _legend(fig, handles, [h.get_label() for h in handles], title="voice")
    title = " vs ".join(f"“{t}”" for t in terms) + ", by voice"
    nothing = "None of these terms occurs in this corpus"
    empty = _NO_ARTICLES if counts.empty else None if counts["count"].sum() else nothing
    return _finish(fig, title, source, empty=empty)


def plot_counts_by_row(
    counts: pd.DataFrame,
    *,
    column: str,
    colours: dict[str, str],
    title: str,
    xlabel: str,
    source: str,
) -> Figure:
    """Counts per row, stacked by the values of ``column``.

    ``counts`` comes from :func:`~analysis.chart_rows.quote_counts_by_row`; a row summing
    several articles shows counts per article (and ``xlabel`` gains "per article").
    """
    rows = _Rows(counts)
    values = list(dict.fromkeys(str(v) for v in counts[column].dropna()))
    palette = _colours_for(values, colours)
    value = "per_article" if rows.pooled else "count"
    fig, (ax,) = _new_figure(8, rows.height() + 1.8)
    with matplotlib.rc_context(STYLE):
        indexed = counts.set_index([column, counts.columns[0]])[value]
        series = {v: [float(indexed.get((v, row), 0.0)) for row in rows.labels] for v in palette}
        handles = _stacked_rows(ax, rows, series, palette)
        rows.axis(ax)
        ax.set_xlabel(f"{xlabel} per article" if rows.pooled else xlabel)
        if not rows.pooled:
            ax.xaxis.set_major_locator(MaxNLocator(integer=True))
        _legend(fig, handles, [h.get_label() for h in handles])
    empty = _NO_ARTICLES if counts.empty else None if counts["count"].sum() else "Nothing to count"
    return _finish(fig, title, source, empty=empty)


def plot_speaker_heatmap(quoted: pd.DataFrame, *, source: str) -> Figure:
    """Quotations per row (rows) and speaker (columns, most quoted first), numbers in the cells.

    ``quoted`` comes from :func:`~analysis.chart_rows.speakers_by_row`; where a row sums
    several articles, every cell gives quotations per article.
    """
    rows = _Rows(quoted)
    speakers = list(dict.fromkeys(quoted["speaker"].dropna()))
    value = "per_article" if rows.pooled else "quotations"  # rows of different sizes compare per article
    grid = (quoted.dropna(subset=["speaker"]).pivot_table(index=quoted.columns[0], columns="speaker",
                                                           values=value, aggfunc="sum", sort=False)
            .reindex(index=rows.labels, columns=speakers).fillna(0).to_numpy(dtype=float))
    fig, (ax,) = _new_figure(0.5 * len(speakers) + 4.6, rows.height() + 3.0)
    with matplotlib.rc_context(STYLE):
        image = ax.imshow(grid if speakers else np.zeros((max(len(rows), 1), 1)), cmap="Blues", aspect="auto",
                          vmin=0, vmax=max(float(grid.max(initial=0)), 1.0))
        rows.columns(ax, [_wrap(s, width=20) for s in speakers])
        rows.axis(ax)
        size = 8 if len(rows) <= 10 else 7
        for i, j in zip(*grid.nonzero(), strict=True):
            ax.text(j, i, f"{grid[i, j]:.1f}" if rows.pooled else f"{grid[i, j]:.0f}", ha="center", va="center",
                    fontsize=size, color="white" if grid[i, j] > grid.max() / 2 else "black")
        ax.set_xlabel("speaker")
        bar = fig.colorbar(image, ax=ax, label="quotations per article" if rows.pooled else "quotations",
                           shrink=min(1.0, 4 / max(rows.height(), 1)))
        if not rows.pooled:
            bar.locator = MaxNLocator(integer=True)
            bar.update_ticks()
    empty = _NO_ARTICLES if quoted.empty else None if speakers else "No attributed quotation in this corpus"
    title = f"Who is quoted where (the {len(speakers)} most quoted speakers)" if speakers else "Who is quoted where"
    return _finish(fig, title, source, empty=empty)


def plot_quoted_share(shares: pd.DataFrame, *, source: str) -> Figure:
    """Each row's share of counted words that sit inside sourced quotations, in per cent.

    ``shares`` comes from :func:`~analysis.chart_rows.quoted_share_by_row`.
    """
    rows = _Rows(shares)
    fig, (ax,) = _new_figure(8, rows.height() + 1.6)
    with matplotlib.rc_context(STYLE):
        ax.barh(range(len(rows)), 100 * shares["quoted_share"].to_numpy(dtype=float), color="#E69F00")
        rows.axis(ax)
        ax.set_xlabel("words inside quotations (% of counted words)")
        ax.set_xlim(0, 100)
    title = ("Share of each outlet's articles in their sources' own words" if rows.by == "outlet"
             else "Share of each article in its sources' own words")
    return _finish(fig, title, source,
                   empty=_NO_ARTICLES if shares.empty else None)


def plot_grouped_by_row(
    table: pd.DataFrame,
    *,
    columns: dict[str, str],
    colours: dict[str, str],
    title: str,
    xlabel: str,
    source: str,
) -> Figure:
    """Side-by-side bars per row, one per entry of ``columns`` (label → column).

    ``table`` comes from :mod:`analysis.chart_rows` (e.g. ``loaded_rates_by_row``,
    ``readability_by_row``, ``tone_by_row``).
    """
    rows = _Rows(table)
    height = 0.8 / max(len(columns), 1)
    fig, (ax,) = _new_figure(8, rows.height(per_line=0.16) * max(1.0, 0.45 * len(columns)) + 1.8)
    with matplotlib.rc_context(STYLE):
        handles = []
        for i, (label, column) in enumerate(columns.items()):
            positions = [y + (i - (len(columns) - 1) / 2) * height for y in range(len(rows))]
            handles.append(ax.barh(positions, table[column].to_numpy(dtype=float), height=height,
                                   color=colours[label], label=label))
        rows.axis(ax)
        ax.axvline(0, color="#555555", linewidth=0.6)
        ax.set_xlabel(xlabel)
        _legend(fig, handles, list(columns))
    return _finish(fig, title, source, empty=_NO_ARTICLES if table.empty else None)


def plot_reuse_heatmap(reuse: pd.DataFrame, *, source: str) -> Figure:
    """Share of each row's words (rows) found again in another row (columns); diagonal: repeats within.

    ``reuse`` comes from :func:`~analysis.chart_rows.reuse_by_row`.
    """
    rows = _Rows(reuse)
    grid = (reuse.pivot_table(index=reuse.columns[0], columns="found_in", values="share", aggfunc="sum", sort=False)
            .reindex(index=rows.labels, columns=rows.labels).fillna(0).to_numpy(dtype=float) * 100)
    n = len(rows)
    cell = 0.5 if n <= 10 else 0.4
    fig, (ax,) = _new_figure(cell * n + 5.0, max(rows.height(), cell * n) + 3.2)
    with matplotlib.rc_context(STYLE):
        image = ax.imshow(grid if n else np.zeros((1, 1)), cmap="Oranges", aspect="auto", vmin=0,
                          vmax=max(float(grid.max(initial=0)), 1.0))
        rows.columns(ax, rows.narrow_ticks)
        rows.axis(ax)
        size = 8 if n <= 8 else 7 if n <= 14 else 6
        for i, j in zip(*grid.nonzero(), strict=True):
            text = f"{grid[i, j]:.0f}%" if grid[i, j] >= 0.5 else "<1%"
            ax.text(j, i, text, ha="center", va="center", fontsize=size,
                    color="white" if grid[i, j] > grid.max() * 0.6 else "black")
        ax.set_xlabel(f"found again in {'an article of this outlet' if rows.by == 'outlet' else 'article'}")
        fig.colorbar(image, ax=ax, label="% of the row's words", shrink=min(1.0, 4 / max(rows.height(), 1)))
    nothing = "No passage of this corpus is found again, in another article or within one"
    empty = _NO_ARTICLES if not n else None if grid.any() else nothing
    return _finish(fig, "Reused passages: share of words found again", source, empty=empty)


def plot_figure_ranges(figures: pd.DataFrame, *, source: str) -> Figure:
    """One panel per quantity: each row's stated values as dots, with the range a qualifier allows.

    ``figures`` comes from :func:`~analysis.chart_rows.figures_by_row`. A line is the range
    a qualifier such as "more than" allows; an arrow means it is open on that side; "×3"
    means three of the row's claims state that figure.
    """
    rows = _Rows(figures)
    quantities = sorted(figures["quantity"].dropna().unique())
    ncols = max(min(len(quantities), 3), 1)
    nrows = max(math.ceil(len(quantities) / ncols), 1)
    fig, axes = _new_figure(3.4 * ncols + 3.0, nrows * (rows.height() + 1.0) + 1.0, nrows, ncols, sharey=True)
    with matplotlib.rc_context(STYLE):
        for k, ax in enumerate(axes):
            if k >= len(quantities):
                ax.set_visible(False)
                continue
            part = figures[figures["quantity"] == quantities[k]]
            position = {row: i for i, row in enumerate(rows.labels)}
            stated = part.groupby(part.columns[0], sort=False).cumcount().to_numpy()
            per_row = part.groupby(part.columns[0], sort=False)["value"].transform("size").to_numpy()
            for claim, nth, among in zip(part.itertuples(index=False), stated, per_row, strict=True):
                row = position[str(claim[0])]
                y = row + (nth - (among - 1) / 2) * min(0.6 / max(among, 1), 0.25)
                low = claim.value if math.isnan(claim.low) else claim.low
                high = claim.value * 1.5 if math.isnan(claim.high) else claim.high
                ax.plot([low, high], [y, y], color="#0072B2", linewidth=2.5, alpha=0.45, solid_capstyle="butt")
                if math.isnan(claim.high):
                    ax.annotate("", xy=(high, y), xytext=(claim.value, y),
                                arrowprops={"arrowstyle": "->", "color": "#0072B2"})
                ax.plot([claim.value], [y], "o", color="#0072B2", markersize=5)
                if claim.claims > 1:
                    ax.annotate(f"×{claim.claims}", (claim.value, y), xytext=(4, 3), textcoords="offset points",
                                fontsize=7, color="#333333")
            ax.set_title(_wrap(quantities[k], width=40))
            ax.set_xlabel(_wrap("stated value (line: the range a qualifier such as “more than” allows; "
                                "arrow: open-ended)", width=48, lines=3))
            ax.margins(x=0.12)
            rows.axis(ax, label=k % ncols == 0)
            ax.grid(axis="y", color="#EEEEEE", linewidth=0.6)
            ax.set_axisbelow(True)
    empty = _NO_ARTICLES if figures.empty else None if quantities else "No figure is reported by two or more articles"
    return _finish(fig, f"Conflicting figures: what each {rows.by} says", source, empty=empty)
