"""The batch report: every notebook through papermill, rendered to HTML, with an index.

The new report is built in a temporary folder beside the target and swapped
in only when complete, so a crash leaves the previous report as it was.
"""

from __future__ import annotations

import html
import json
import math
import os
import shutil
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

__all__ = ["ReportError", "build_report", "write_summary", "default_notebooks_dir", "NOTEBOOK_GLOB"]

NOTEBOOK_GLOB = "[0-9][0-9]-*.ipynb"


class ReportError(RuntimeError):
    """A notebook failed; the message names the notebook and the cell."""


def _kernel_manager_class() -> type:
    """A kernel manager that talks to its kernel over local IPC sockets, not TCP.

    IPC keeps notebook traffic off the network stack (and so stops ipykernel's
    plain-text TCP warning); the sockets live in a private temporary folder.
    """
    import tempfile

    from jupyter_client.manager import KernelManager
    from traitlets import default

    sockets = tempfile.TemporaryDirectory(prefix="framing-kernel-")

    class IPCKernelManager(KernelManager):
        _sockets = sockets  # kept alive with the class; removed at exit

        @default("transport")
        def _default_transport(self) -> str:
            return "ipc"

        @default("ip")
        def _default_ip(self) -> str:
            return str(Path(sockets.name) / "kernel")

    return IPCKernelManager


def default_notebooks_dir() -> Path:
    """The project's ``notebooks/`` folder, beside the ``analysis`` package."""
    return Path(__file__).resolve().parent.parent / "notebooks"


def write_summary(path: str | Path, values: dict[str, Any]) -> dict[str, Any]:
    """Write a notebook's named key figures as sorted, stable JSON; return them."""
    def clean(value: Any) -> Any:
        if isinstance(value, float):
            return None if math.isnan(value) else round(value, 4)
        if hasattr(value, "item"):  # numpy scalars
            return clean(value.item())
        return value

    data = {str(k): clean(v) for k, v in sorted(values.items())}
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return data


def build_report(
    corpus: str | Path,
    out_dir: str | Path,
    *,
    parameters: dict[str, Any] | None = None,
    notebooks_dir: str | Path | None = None,
    progress: Callable[[str], None] | None = None,
) -> Path:
    """Run every ``NN-*.ipynb`` notebook on ``corpus`` and write ``out_dir/index.html``.

    Raises:
        ReportError: a notebook failed (the previous report is left in place).
    """
    import papermill  # slow to import: only here
    from nbconvert import HTMLExporter

    notebooks = sorted(Path(notebooks_dir or default_notebooks_dir()).glob(NOTEBOOK_GLOB))
    if not notebooks:
        raise ReportError(f"no notebooks matching {NOTEBOOK_GLOB} in {notebooks_dir or default_notebooks_dir()}")
    out = Path(out_dir).resolve()
    building = out.parent / f".{out.name}.building-{os.getpid()}"
    shutil.rmtree(building, ignore_errors=True)
    (building / "figures").mkdir(parents=True)
    (building / "summaries").mkdir()
    exporter = HTMLExporter(exclude_input=True, exclude_input_prompt=True, exclude_output_prompt=True)
    pages = []
    kernel_manager_class = _kernel_manager_class()
    try:
        for number, notebook in enumerate(notebooks, 1):
            if progress:
                progress(f"[{number}/{len(notebooks)}] {notebook.stem}")
            params = {
                "corpus": str(Path(corpus).resolve()),
                "figures_dir": str(building / "figures"),
                "summary_path": str(building / "summaries" / f"{notebook.stem}.json"),
                **(parameters or {}),
            }
            executed = building / notebook.name
            try:
                papermill.execute_notebook(
                    str(notebook),
                    str(executed),
                    parameters=params,
                    cwd=str(notebook.parent),
                    kernel_name="python3",
                    progress_bar=False,
                    log_output=False,
                    kernel_manager_class=kernel_manager_class,
                )
            except papermill.PapermillExecutionError as exc:
                raise ReportError(f"{notebook.name}: {_failed_cell(notebook, exc.cell_index)} "
                                  f"failed: {exc.ename}: {exc.evalue}") from None
            body, _ = exporter.from_filename(str(executed))
            page = building / f"{notebook.stem}.html"
            page.write_text(body, encoding="utf-8")
            pages.append(page.name)
        (building / "index.html").write_text(_index(corpus, pages, building), encoding="utf-8")
    except BaseException:
        failed = out.parent / f".{out.name}.failed"
        shutil.rmtree(failed, ignore_errors=True)
        building.rename(failed)
        raise
    previous = out.parent / f".{out.name}.previous-{os.getpid()}"
    if out.exists():
        out.rename(previous)
    building.rename(out)
    shutil.rmtree(previous, ignore_errors=True)
    return out / "index.html"


def _failed_cell(notebook: Path, index: int) -> str:
    """Name a failed cell as the notebook's author sees it: 1-based, in the source notebook.

    papermill's index counts the parameters cell it injects after the one tagged
    ``parameters`` (or at the top when there is none).
    """
    import nbformat

    cells = nbformat.read(notebook, as_version=4).cells
    tagged = [i for i, c in enumerate(cells) if "parameters" in c.metadata.get("tags", [])]
    injected_at = tagged[0] + 1 if tagged else 0
    source_index = index - 1 if index > injected_at else index
    text = cells[source_index].source.strip() if source_index < len(cells) else ""
    first_line = text.splitlines()[0] if text else ""
    return f"cell {source_index + 1} ({first_line[:60]!r})"


def _index(corpus: str | Path, pages: list[str], folder: Path) -> str:
    esc = html.escape
    links = "\n".join(f'<li><a href="{esc(p)}">{esc(Path(p).stem)}</a></li>' for p in pages)
    figures = []
    for png in sorted((folder / "figures").glob("*.png")):
        svg = png.with_suffix(".svg").name
        figures.append(
            f'<figure><a href="figures/{esc(svg)}"><img src="figures/{esc(png.name)}" '
            f'alt="{esc(png.stem)}" style="max-width:100%"></a>'
            f"<figcaption>{esc(png.stem)}</figcaption></figure>"
        )
    return (
        "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
        "<title>Framing Lens report</title>"
        "<style>body{font-family:sans-serif;max-width:70em;margin:2em auto;padding:0 1em}"
        "figure{margin:2em 0}figcaption{color:#555;font-size:90%}</style></head><body>\n"
        f"<h1>Framing Lens report</h1>\n<p>Corpus: <code>{esc(str(corpus))}</code></p>\n"
        f"<h2>Notebooks</h2>\n<ul>\n{links}\n</ul>\n"
        f"<h2>Figures</h2>\n{''.join(figures)}\n</body></html>\n"
    )


def _stderr(message: str) -> None:
    print(message, file=sys.stderr, flush=True)
