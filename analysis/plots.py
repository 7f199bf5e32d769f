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


def _finish(fig: Figure, title: str, source: str) -> Figure:
    with matplotlib.rc_context(_STYLE):
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
    return _finish(fig, "Article length and what cleaning excluded", source)


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
    return _finish(fig, "Framing-term families per 1,000 words, by voice", source)


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
    return _finish(fig, title, source)
