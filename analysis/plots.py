"""Charts drawn from tidy tables; nothing here computes a metric.

Every chart has a title, labelled axes with units, a source line and the
Okabe–Ito colour-blind-safe palette. :func:`save_figure` is the one way
figures reach disk: a PNG and an SVG, byte-identical from run to run.

References:
    Okabe, M. and Ito, K. (2008). Color Universal Design (CUD): how to make
    figures and presentations that are friendly to colorblind people.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import matplotlib
import pandas as pd
from matplotlib.figure import Figure

from .clean import REASONS

__all__ = [
    "OKABE_ITO",
    "VOICE_COLOURS",
    "save_figure",
    "figure_paths",
    "plot_article_lengths",
    "plot_family_rates",
    "plot_term_pair",
    "plot_counts_by_article",
    "plot_speaker_heatmap",
    "plot_quoted_share",
    "plot_grouped_by_article",
    "plot_reuse_heatmap",
    "plot_figure_ranges",
    "KIND_COLOURS",
    "STANCE_COLOURS",
    "TYPE_COLOURS",
]

OKABE_ITO = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#999999", "#000000"]
VOICE_COLOURS = {"narrator": "#0072B2", "quoted": "#E69F00", "mention": "#CC79A7"}
_COUNTED_COLOUR = "#0072B2"
_REASON_COLOURS = dict(zip(REASONS, ["#999999", "#D55E00", "#E69F00", "#CC79A7", "#56B4E9"], strict=True))
_STYLE: Any = {  # Any: matplotlib types rc keys as literals
    "font.family": "DejaVu Sans",
    "font.size": 9,
    "axes.titlesize": 11,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "svg.hashsalt": "framing-lens",
    "svg.fonttype": "path",
    "path.simplify": False,
}
_NO_ARTICLES = "No article in this corpus could be analysed"
_SLUG_RE = re.compile(r"^[0-9]{2}-[a-z0-9-]+--[a-z0-9-]+$")


def figure_paths(figures_dir: str | Path, name: str) -> tuple[Path, Path]:
    """The PNG and SVG paths for ``<notebook-stem>--<chart-slug>``."""
    if not _SLUG_RE.match(name):
        raise ValueError(f"figure name {name!r} is not '<NN-notebook-stem>--<chart-slug>' in kebab case")
    folder = Path(figures_dir)
    return folder / f"{name}.png", folder / f"{name}.svg"


def save_figure(fig: Figure, figures_dir: str | Path, name: str) -> Figure:
    """Save ``fig`` as ``<name>.png`` and ``<name>.svg`` deterministically; return it for display."""
    png, svg = figure_paths(figures_dir, name)
    png.parent.mkdir(parents=True, exist_ok=True)
    with matplotlib.rc_context(_STYLE):
        fig.savefig(png, format="png", dpi=110, metadata={"Software": None})
        fig.savefig(svg, format="svg", metadata={"Date": None, "Creator": None})
    return fig


def _new_figure(
    width: float, height: float, nrows: int = 1, ncols: int = 1, *, sharex: bool = False
) -> tuple[Figure, list]:
    with matplotlib.rc_context(_STYLE):
        fig = Figure(figsize=(width, height), layout="constrained")
        axes = fig.subplots(nrows, ncols, squeeze=False, sharex=sharex)
    return fig, [ax for row in axes for ax in row]


def _finish(fig: Figure, title: str, source: str, *, empty: str | None = None) -> Figure:
    """Title and source line; with ``empty``, the axes give way to that message (a chart with nothing to show)."""
    with matplotlib.rc_context(_STYLE):
        if empty:
            for ax in list(fig.axes):
                ax.remove()
            fig.set_size_inches(8, 2.4)
            fig.text(0.5, 0.5, empty, ha="center", va="center", fontsize=11, color="#555555")
        fig.suptitle(title, fontsize=12, fontweight="bold", x=0.01, ha="left")
        fig.text(0.01, 0.0, f"Source: {source}", fontsize=7.5, color="#555555", ha="left", va="bottom")
        engine = fig.get_layout_engine()
        if engine is not None:
            engine.set(rect=(0, 0.04, 1, 0.96))  # type: ignore[call-arg]  # room for the source line
    return fig


def plot_article_lengths(overview: pd.DataFrame, *, source: str) -> Figure:
    """Words per article: those counted, and those cleaning excluded, by reason."""
    data = overview.iloc[::-1]
    fig, (ax,) = _new_figure(8, 0.45 * len(data) + 1.6)
    with matplotlib.rc_context(_STYLE):
        left = pd.Series(0, index=data.index, dtype=float)
        ax.barh(data["article"], data["counted_words"], color=_COUNTED_COLOUR, label="counted")
        left += data["counted_words"]
        for reason in REASONS:
            values = data[f"excluded_{reason}_words"]
            if values.sum() == 0:
                continue
            ax.barh(data["article"], values, left=left, color=_REASON_COLOURS[reason],
                    label=f"excluded: {reason.replace('_', ' ')}")
            left += values
        ax.set_xlabel("words")
        ax.set_ylabel("article")
        ax.legend(loc="lower right", fontsize=8, frameon=False)
    return _finish(fig, "Article length and what cleaning excluded", source, empty=_NO_ARTICLES if data.empty else None)


def plot_family_rates(rates: pd.DataFrame, *, families: list[str], source: str) -> Figure:
    """Per family, each article's hits per 1,000 counted words, stacked by voice (one shared scale)."""
    articles = list(dict.fromkeys(rates["article"]))[::-1]
    fig, axes = _new_figure(3.0 * len(families) + 1.5, 0.42 * len(articles) + 1.9, 1, len(families), sharex=True)
    with matplotlib.rc_context(_STYLE):
        for i, (ax, family) in enumerate(zip(axes, families, strict=True)):
            part = rates[rates["family"] == family]
            left = pd.Series(0.0, index=articles)
            for voice, colour in VOICE_COLOURS.items():
                by_article = part[part["voice"] == voice].set_index("article")["per_1k_total"]
                values = by_article.reindex(articles, fill_value=0.0)
                ax.barh(articles, values, left=left, color=colour, label=voice)
                left += values
            ax.set_title(family)
            ax.set_xlabel("hits per 1,000 words")
            if i:
                ax.tick_params(labelleft=False)
            else:
                ax.set_ylabel("article")
        axes[-1].legend(title="voice", loc="lower right", fontsize=8, frameon=False)
    empty = _NO_ARTICLES if not articles else None if rates["count"].sum() else "No framing-term hits in this corpus"
    return _finish(fig, "Framing-term families per 1,000 words, by voice", source, empty=empty)


def plot_term_pair(hits: pd.DataFrame, articles: list[str], *, terms: list[str], source: str) -> Figure:
    """For each article, how often each of ``terms`` is used, stacked by voice."""
    order = articles[::-1]
    fig, axes = _new_figure(4.0 * len(terms) + 1.5, 0.42 * len(order) + 1.9, 1, len(terms), sharex=True)
    with matplotlib.rc_context(_STYLE):
        for i, (ax, term) in enumerate(zip(axes, terms, strict=True)):
            part = hits[hits["term"].str.lower() == term.lower()]
            counts = part.groupby(["article", "voice"]).size()
            left = pd.Series(0.0, index=order)
            for voice, colour in VOICE_COLOURS.items():
                values = pd.Series([float(counts.get((a, voice), 0)) for a in order], index=order)
                ax.barh(order, values, left=left, color=colour, label=voice)
                left += values
            ax.set_title(f"“{term}”")
            ax.set_xlabel("occurrences")
            ax.xaxis.get_major_locator().set_params(integer=True)
            if i:
                ax.tick_params(labelleft=False)
            else:
                ax.set_ylabel("article")
        axes[-1].legend(title="voice", loc="lower right", fontsize=8, frameon=False)
    title = " vs ".join(f"“{t}”" for t in terms) + ", by voice"
    chosen = hits["term"].str.lower().isin([t.lower() for t in terms])
    empty = _NO_ARTICLES if not articles else None if chosen.any() else "None of these terms occurs in this corpus"
    return _finish(fig, title, source, empty=empty)


KIND_COLOURS = {"direct": "#0072B2", "partial": "#56B4E9", "indirect": "#009E73", "mention": "#999999"}
STANCE_COLOURS = {"neutral": "#999999", "distancing": "#D55E00", "emphatic": "#E69F00", "medium": "#56B4E9"}
TYPE_COLOURS = dict(zip(
    ["government", "state_official", "opposition_local", "expert", "media", "social_media", "document",
     "anonymous", "unknown"],
    ["#D55E00", "#E69F00", "#0072B2", "#009E73", "#CC79A7", "#56B4E9", "#F0E442", "#000000", "#BBBBBB"],
    strict=True,
))


def plot_counts_by_article(
    table: pd.DataFrame,
    *,
    articles: list[str],
    column: str,
    colours: dict[str, str],
    title: str,
    xlabel: str,
    source: str,
) -> Figure:
    """Rows of ``table`` counted per article and stacked by the values of ``column``."""
    order = articles[::-1]
    counts = table.groupby(["article", column]).size()
    fig, (ax,) = _new_figure(8, 0.45 * len(order) + 1.8)
    with matplotlib.rc_context(_STYLE):
        left = pd.Series(0.0, index=order)
        for value, colour in colours.items():
            values = pd.Series([float(counts.get((a, value), 0)) for a in order], index=order)
            if values.sum() == 0:
                continue
            ax.barh(order, values, left=left, color=colour, label=value.replace("_", " "))
            left += values
        ax.set_xlabel(xlabel)
        ax.set_ylabel("article")
        ax.xaxis.get_major_locator().set_params(integer=True)
        if len(table):
            ax.legend(loc="lower right", fontsize=8, frameon=False)
    empty = _NO_ARTICLES if not articles else None if len(table) else "Nothing to count"
    return _finish(fig, title, source, empty=empty)


def plot_speaker_heatmap(speakers: pd.DataFrame, *, articles: list[str], source: str, top: int = 15) -> Figure:
    """Quotations per speaker (rows, most quoted first) and article (columns), numbers in the cells."""
    shown = speakers.head(top)
    grid = shown.reindex(columns=articles, fill_value=0)[articles].to_numpy(dtype=float)
    fig, (ax,) = _new_figure(1.2 * len(articles) + 4, 0.38 * max(len(shown), 1) + 2.2)
    with matplotlib.rc_context(_STYLE):
        image = ax.imshow(grid if len(shown) else [[0.0] * len(articles)], cmap="Blues", aspect="auto", vmin=0)
        ax.set_xticks(range(len(articles)), labels=articles, rotation=30, ha="right")
        ax.set_yticks(range(len(shown)), labels=list(shown["speaker"]))
        for (i, j), value in ((ij, grid[ij]) for ij in zip(*grid.nonzero(), strict=True)):
            if value:
                ax.text(j, i, f"{value:.0f}", ha="center", va="center", fontsize=8,
                        color="white" if value > grid.max() / 2 else "black")
        ax.set_xlabel("article")
        ax.set_ylabel("speaker")
        fig.colorbar(image, ax=ax, label="quotations")
    empty = _NO_ARTICLES if not articles else None if len(shown) else "No attributed quotation in this corpus"
    title = f"Who is quoted where (top {len(shown)} speakers)" if len(shown) else "Who is quoted where"
    return _finish(fig, title, source, empty=empty)


def plot_quoted_share(metrics: pd.DataFrame, *, source: str) -> Figure:
    """Each article's share of counted words that sit inside sourced quotations, in per cent."""
    data = metrics.iloc[::-1]
    fig, (ax,) = _new_figure(8, 0.45 * len(data) + 1.6)
    with matplotlib.rc_context(_STYLE):
        ax.barh(data["article"], 100 * data["sourcing.quoted_word_share"], color="#E69F00")
        ax.set_xlabel("words inside quotations (% of counted words)")
        ax.set_ylabel("article")
        ax.set_xlim(0, 100)
    return _finish(fig, "Share of each article in its sources' own words", source,
                   empty=_NO_ARTICLES if data.empty else None)


def plot_grouped_by_article(
    table: pd.DataFrame,
    *,
    columns: dict[str, str],
    colours: dict[str, str],
    title: str,
    xlabel: str,
    source: str,
) -> Figure:
    """Side-by-side bars per article, one per entry of ``columns`` (label → column)."""
    data = table.iloc[::-1].reset_index(drop=True)
    height = 0.8 / max(len(columns), 1)
    fig, (ax,) = _new_figure(8, 0.55 * len(data) + 1.8)
    with matplotlib.rc_context(_STYLE):
        for i, (label, column) in enumerate(columns.items()):
            positions = [y + (i - (len(columns) - 1) / 2) * height for y in range(len(data))]
            ax.barh(positions, data[column], height=height, color=colours[label], label=label)
        ax.set_yticks(range(len(data)), labels=list(data["article"]))
        ax.axvline(0, color="#555555", linewidth=0.6)
        ax.set_xlabel(xlabel)
        ax.set_ylabel("article")
        ax.legend(loc="best", fontsize=8, frameon=True, framealpha=0.9)
    return _finish(fig, title, source, empty=_NO_ARTICLES if data.empty else None)


def plot_reuse_heatmap(matrix: pd.DataFrame, *, source: str) -> Figure:
    """Share of each article's words (rows) found again in another article (columns); diagonal: repeats."""
    names = list(matrix.index)
    grid = matrix.to_numpy(dtype=float) * 100
    fig, (ax,) = _new_figure(1.1 * len(names) + 4, 0.6 * len(names) + 2.4)
    with matplotlib.rc_context(_STYLE):
        image = ax.imshow(grid if names else [[0.0]], cmap="Oranges", vmin=0, vmax=max(float(grid.max(initial=0)), 1.0))
        ax.set_xticks(range(len(names)), labels=names, rotation=30, ha="right")
        ax.set_yticks(range(len(names)), labels=names)
        for i, j in zip(*grid.nonzero(), strict=True):
            ax.text(j, i, f"{grid[i, j]:.0f}%", ha="center", va="center", fontsize=8)
        ax.set_xlabel("found again in article")
        ax.set_ylabel("article")
        fig.colorbar(image, ax=ax, label="% of the row article's words")
    return _finish(fig, "Reused passages: share of words found again", source, empty=None if names else _NO_ARTICLES)


def plot_figure_ranges(claims: pd.DataFrame, *, articles: list[str], source: str) -> Figure:
    """One row per quantity; each article's stated values as points, with the range a qualifier allows."""
    quantities = sorted(claims["quantity"].unique())
    colours = dict(zip(articles, OKABE_ITO, strict=False))
    fig, (ax,) = _new_figure(9, 0.7 * max(len(quantities), 1) + 2.0)
    with matplotlib.rc_context(_STYLE):
        for row, quantity in enumerate(quantities):
            part = claims[claims["quantity"] == quantity]
            for k, article in enumerate(articles):
                mine = part[part["article"] == article]
                y = row + (k - (len(articles) - 1) / 2) * 0.12
                for claim in mine.itertuples(index=False):
                    low = claim.low if claim.low == claim.low else claim.value  # NaN: open below
                    high = claim.high if claim.high == claim.high else claim.value * 1.5  # open above: an arrow
                    ax.plot([low, high], [y, y], color=colours[article], linewidth=2, alpha=0.6)
                    ax.plot([claim.value], [y], "o", color=colours[article], markersize=5)
                    if claim.high != claim.high:
                        ax.annotate("", xy=(high, y), xytext=(claim.value, y),
                                    arrowprops={"arrowstyle": "->", "color": colours[article]})
        ax.set_yticks(range(len(quantities)), labels=quantities)
        ax.set_xlabel("stated value (line: the range a qualifier such as 'more than' allows)")
        ax.set_ylabel("quantity")
        for article, colour in colours.items():
            ax.plot([], [], "o", color=colour, label=article)
        ax.legend(loc="best", fontsize=7, frameon=True, framealpha=0.9)
    empty = _NO_ARTICLES if not articles else None if quantities else "No figure is reported by two or more articles"
    return _finish(fig, "Conflicting figures: what each article says", source, empty=empty)
