"""The batch report: every notebook through papermill, rendered to HTML, with an index.

Where the report goes, and how it replaces the previous one without a gap or
a loss, is :mod:`analysis.report_folder`; this module runs the notebooks. The
kernels' connection files and sockets live in the run's own scratch folder, so
a killed run leaves nothing in the system temp folder that the next run keeps.

Pipeline step: after the tables: the report.
"""

from __future__ import annotations

import fcntl
import itertools
import json
import math
import os
import shutil
import sys
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from .offline_html import offline_html_exporter
from .report_folder import OutputFolderError, ReportFolder

__all__ = [
    "ReportError", "OutputFolderError", "build_report", "write_summary", "default_notebooks_dir", "NOTEBOOK_GLOB",
    "report_notebooks",
]

NOTEBOOK_GLOB = "[0-9][0-9]-*.ipynb"
_SOCKET_PREFIX = "framing-kernel-"
_SOCKET_PATH_MAX = 103  # sockaddr_un.sun_path less its NUL: 107 on Linux, 103 on macOS
_SOCKET_NAME_ROOM = 12  # "/k<kernel>-<channel>" added to the folder


class ReportError(RuntimeError):
    """A notebook failed; the message names the notebook and the cell."""


def _kernel_manager_class(connections: Path, sockets: Path | None) -> type:
    """A kernel manager whose files all live in folders this run owns and removes.

    Each kernel's connection file goes in ``connections`` (jupyter would put it in
    the system temp folder, where a killed run leaves it). Kernels talk over local
    IPC sockets in ``sockets``, which keeps notebook traffic off the network stack
    (and so stops ipykernel's plain-text TCP warning); with ``sockets=None`` they
    use TCP on localhost.
    """
    from jupyter_client.manager import KernelManager

    numbers = itertools.count(1)

    class LocalKernelManager(KernelManager):
        def __init__(self, **kwargs: Any) -> None:
            number = next(numbers)
            kwargs.setdefault("connection_file", str(connections / f"k{number}.json"))
            if sockets is not None:
                kwargs.setdefault("transport", "ipc")
                kwargs.setdefault("ip", str(sockets / f"k{number}"))
            super().__init__(**kwargs)

    return LocalKernelManager


@contextmanager
def _socket_folder(preferred: Path) -> Iterator[Path | None]:
    """A folder for the kernels' IPC sockets, or None (use TCP) when no short enough path exists.

    A socket path must fit in ``sockaddr_un`` (about 104 bytes), so a deep
    ``preferred`` folder is replaced by a private folder in the system temp folder
    (or ``/tmp``), locked while in use: :func:`_sweep_socket_folders` removes those
    that killed runs left.
    """
    if _fits_socket(preferred):
        yield preferred
        return
    name = f"{_SOCKET_PREFIX}{os.getpid()}-xxxxxxxx"  # as long as mkdtemp's names
    temp = next((folder for folder in _socket_temp_folders() if _fits_socket(folder / name)), None)
    if temp is None:
        yield None
        return
    folder = Path(tempfile.mkdtemp(prefix=f"{_SOCKET_PREFIX}{os.getpid()}-", dir=temp))
    try:
        with open(folder / "lock.new", "w", encoding="utf-8") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)  # a new folder: never contended
            os.rename(folder / "lock.new", folder / "lock")  # a sweep only ever sees a held lock
            yield folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def _socket_temp_folders() -> list[Path]:
    return list(dict.fromkeys([Path(tempfile.gettempdir()), Path("/tmp")]))


def _fits_socket(folder: Path) -> bool:
    return len(os.fsencode(folder)) + _SOCKET_NAME_ROOM <= _SOCKET_PATH_MAX


def _sweep_socket_folders() -> None:
    """Remove the temp socket folders that killed runs left: ours, with their lock not held."""
    for folder in (f for temp in _socket_temp_folders() for f in temp.glob(f"{_SOCKET_PREFIX}*")):
        lock_path = folder / "lock"
        try:
            if folder.is_symlink() or folder.lstat().st_uid != os.getuid() or not lock_path.is_file():
                continue  # not one of ours (older versions made no lock file)
            with open(lock_path, encoding="utf-8") as lock:
                fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
                shutil.rmtree(folder, ignore_errors=True)
        except OSError:  # held by a live run, or gone already
            continue


def default_notebooks_dir() -> Path:
    """The project's ``notebooks/`` folder, beside the ``analysis`` package."""
    return Path(__file__).resolve().parent.parent / "notebooks"


def report_notebooks(folder: str | Path) -> list[Path]:
    """The ``NN-*.ipynb`` notebooks of ``folder`` that the report runs, in order.

    A notebook whose metadata holds ``"framing": {"report": false}`` is left out: it only
    works with a live kernel (``07-explorer``'s widgets), so a static page of it would show
    nothing. A notebook that cannot be read as JSON is kept, so that running it reports the fault.
    """
    chosen = []
    for notebook in sorted(Path(folder).glob(NOTEBOOK_GLOB)):
        try:
            metadata = json.loads(notebook.read_text(encoding="utf-8")).get("metadata", {})
        except (OSError, ValueError, AttributeError):
            metadata = {}
        framing = metadata.get("framing") if isinstance(metadata, dict) else None
        if isinstance(framing, dict) and framing.get("report") is False:
            continue
        chosen.append(notebook)
    return chosen


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
    """Run every ``NN-*.ipynb`` notebook on ``corpus`` (see :func:`report_notebooks`) and write ``out_dir/index.html``.

    ``out_dir`` becomes a link to the new report once it is complete (see
    :mod:`analysis.report_folder`); until then the previous report stays whole.

    Raises:
        OutputFolderError: ``out_dir`` holds files that are not a report, or another
            run is writing there; raised before any notebook runs, and nothing is touched.
        ReportError: a notebook failed (the previous report is left in place).
    """
    notebooks = report_notebooks(notebooks_dir or default_notebooks_dir())
    if not notebooks:
        raise ReportError(f"no notebooks matching {NOTEBOOK_GLOB} in {notebooks_dir or default_notebooks_dir()}")
    with ReportFolder(out_dir) as folder:  # checks out_dir and locks it before the slow work
        _sweep_socket_folders()
        with _socket_folder(folder.scratch) as sockets:
            kernel_manager_class = _kernel_manager_class(folder.scratch, sockets)
            pages = _run_notebooks(notebooks, corpus, folder, kernel_manager_class, parameters, progress)
        (folder.build / "index.html").write_text(_index(corpus, pages, folder.build, parameters), encoding="utf-8")
        return folder.publish(corpus=corpus) / "index.html"


def _run_notebooks(
    notebooks: list[Path],
    corpus: str | Path,
    folder: ReportFolder,
    kernel_manager_class: type,
    parameters: dict[str, Any] | None,
    progress: Callable[[str], None] | None,
) -> list[str]:
    """Execute and render each notebook into ``folder.build``; return the HTML pages' names."""
    import papermill  # slow to import: only here

    building = folder.build
    (building / "figures").mkdir()
    (building / "summaries").mkdir()
    exporter = offline_html_exporter(exclude_input=True, exclude_input_prompt=True, exclude_output_prompt=True)
    pages = []
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
            kept = folder.keep_failed() / notebook.name
            raise ReportError(f"{notebook.name}: {_failed_cell(notebook, exc.cell_index)} "
                              f"failed: {exc.ename}: {exc.evalue} (executed notebook: {kept})") from None
        body, _ = exporter.from_filename(str(executed))
        page = building / f"{notebook.stem}.html"
        page.write_text(body, encoding="utf-8")
        pages.append(page.name)
    return pages


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


def _index(corpus: str | Path, pages: list[str], folder: Path, parameters: dict[str, Any] | None) -> str:
    """The front page (see :mod:`analysis.report_index`): at a glance, charts, errors, accuracy, pages.

    The text extracted from each HTML page of the corpus is saved in ``texts/`` beside it: the
    report's offsets (the explorer's, the notebooks' tables) refer to that text.
    """
    from .corpus import load_corpus
    from .html_pages import TEXTS_FOLDER, write_extracted_texts
    from .report_index import index_data, index_page

    lexicon_dir = (parameters or {}).get("lexicon_dir") or None  # the notebooks' own parameter
    loaded = load_corpus(corpus, lexicon_dir=lexicon_dir)
    saved = write_extracted_texts(loaded.articles, folder / TEXTS_FOLDER)
    data = index_data(corpus, lexicon_dir=lexicon_dir, loaded=loaded)._replace(extracted_texts=saved)
    return index_page(data, pages, folder)


def _stderr(message: str) -> None:
    print(message, file=sys.stderr, flush=True)
