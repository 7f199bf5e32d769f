"""How charts reach the screen and the disk: inline display, PNG and SVG files, and their folder.

:func:`save_figure` is the one way a chart reaches disk: a PNG and an SVG,
byte-identical from run to run. It returns a :class:`SavedFigure`, which
Jupyter (and so every notebook page of ``framing report``) shows as the very PNG
it saved. Charts are built without pyplot's global state, so a bare figure would
print as ``<Figure size …>``; a :class:`Chart` displays itself instead.

``figures/`` holds the committed charts of the seed corpus. :func:`figures_folder`
sends the charts of any other corpus to ``reports/figures-<corpus name>/`` and
refuses to let them overwrite ``figures/``.

Pipeline step: after the tables: charts.
"""

from __future__ import annotations

import io
import re
from pathlib import Path
from typing import Any, NamedTuple

import matplotlib
from matplotlib.figure import Figure

from .labels import corpus_name

__all__ = [
    "STYLE",
    "Chart",
    "SavedFigure",
    "save_figure",
    "figure_paths",
    "figures_folder",
    "PROJECT_ROOT",
    "SEED_CORPUS",
    "SEED_FIGURES",
]

STYLE: Any = {  # Any: matplotlib types rc keys as literals
    "font.family": "DejaVu Sans",
    "font.size": 9,
    "axes.titlesize": 11,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "svg.hashsalt": "framing-lens",
    "svg.fonttype": "path",
    "path.simplify": False,
}
PNG_DPI = 110
PROJECT_ROOT = Path(__file__).resolve().parent.parent
SEED_CORPUS = PROJECT_ROOT / "seeds"
SEED_FIGURES = PROJECT_ROOT / "figures"
_SLUG_RE = re.compile(r"^[0-9]{2}-[a-z0-9-]+--[a-z0-9-]+$")


def _png_bytes(fig: Figure) -> bytes:
    """The figure as PNG, exactly as :func:`save_figure` writes it (no timestamp, no software tag)."""
    buffer = io.BytesIO()
    with matplotlib.rc_context(STYLE):
        fig.savefig(buffer, format="png", dpi=PNG_DPI, metadata={"Software": None})
    return buffer.getvalue()


class Chart(Figure):
    """A matplotlib figure that Jupyter displays as a PNG (no pyplot needed)."""

    def _repr_png_(self) -> bytes:
        return _png_bytes(self)

    def __repr__(self) -> str:
        title = self.get_suptitle()
        return f"<Chart: {title}>" if title else "<Chart>"


class SavedFigure(NamedTuple):
    """A chart saved as PNG and SVG; displayed in a notebook as the saved PNG."""

    figure: Figure
    png: Path
    svg: Path
    png_data: bytes

    def _repr_png_(self) -> bytes:
        return self.png_data

    def __repr__(self) -> str:
        return f"<{self.png.stem}: PNG and SVG saved>"


def figure_paths(figures_dir: str | Path, name: str) -> tuple[Path, Path]:
    """The PNG and SVG paths for ``<notebook-stem>--<chart-slug>``."""
    if not _SLUG_RE.match(name):
        raise ValueError(f"figure name {name!r} is not '<NN-notebook-stem>--<chart-slug>' in kebab case")
    folder = Path(figures_dir)
    return folder / f"{name}.png", folder / f"{name}.svg"


def save_figure(fig: Figure, figures_dir: str | Path, name: str) -> SavedFigure:
    """Save ``fig`` as ``<name>.png`` and ``<name>.svg`` deterministically; return them for display."""
    png, svg = figure_paths(figures_dir, name)
    png.parent.mkdir(parents=True, exist_ok=True)
    data = _png_bytes(fig)
    png.write_bytes(data)
    with matplotlib.rc_context(STYLE):
        fig.savefig(svg, format="svg", metadata={"Date": None, "Creator": None})
    return SavedFigure(fig, png, svg, data)


def _is_seed_corpus(corpus: str | Path) -> bool:
    return Path(corpus).resolve() == SEED_CORPUS


def figures_folder(corpus: str | Path, *, figures_dir: str | Path = "") -> Path:
    """Where the charts of ``corpus`` go: ``figures_dir``, or by default ``figures/`` for the seeds
    and ``reports/figures-<corpus name>/`` for any other corpus.

    Raises:
        ValueError: ``figures_dir`` is the project's ``figures/`` (the committed seed figures)
            but ``corpus`` is not the seed corpus.
    """
    if not str(figures_dir).strip():
        if _is_seed_corpus(corpus):
            return SEED_FIGURES
        return PROJECT_ROOT / "reports" / f"figures-{corpus_name(corpus)}"
    folder = Path(figures_dir)
    if folder.resolve() == SEED_FIGURES and not _is_seed_corpus(corpus):
        raise ValueError(
            f"figures_dir {str(figures_dir)!r} is the project's figures/ folder, which holds the committed "
            f"charts of seeds/; charts of {corpus_name(corpus)} would overwrite them. Leave figures_dir empty "
            f"(they then go to reports/figures-{corpus_name(corpus)}/) or choose another folder."
        )
    return folder
