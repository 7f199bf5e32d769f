"""`framing report --out` never destroys user data, and a killed or concurrent run leaves one whole report.

Runs use two tiny notebooks of our own (a few seconds each), not the project's.
"""

import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import nbformat
import pytest

import analysis.report as report
import analysis.report_folder as report_folder
from analysis.cli import main
from analysis.report import build_report
from analysis.report_folder import MANIFEST_NAME, OutputFolderError, ReportFolder, check_output_folder

from .conftest import MINI, ROOT

WAIT = 120  # seconds a run may take to reach a kill point on a busy machine


def _notebooks(folder: Path, count: int = 2) -> Path:
    """``count`` notebooks that sleep ``sleep`` seconds, then save a figure pair and a summary."""
    folder.mkdir()
    for number in range(1, count + 1):
        nb = nbformat.v4.new_notebook()
        nb.metadata["kernelspec"] = {"name": "python3", "language": "python", "display_name": "Python 3"}
        params = nbformat.v4.new_code_cell(
            'corpus: str = ""\nfigures_dir: str = ""\nsummary_path: str = ""\nsleep: float = 0.0'
        )
        params.metadata["tags"] = ["parameters"]
        work = nbformat.v4.new_code_cell(
            "import json, pathlib, time\ntime.sleep(sleep)\n"
            f"pathlib.Path(figures_dir, 'chart{number}.png').write_bytes(b'png {number}')\n"
            f"pathlib.Path(figures_dir, 'chart{number}.svg').write_text('<svg/>')\n"
            "pathlib.Path(summary_path).write_text(json.dumps({'corpus': corpus}))"
        )
        nb.cells = [params, work]
        nbformat.write(nb, folder / f"{number:02d}-step{number}.ipynb")
    return folder


def _tree(folder: Path) -> dict[str, str]:
    """Every entry under ``folder`` (hidden ones too) with its content, or a link's target."""
    found = {}
    for path in sorted(folder.rglob("*")):
        key = path.relative_to(folder).as_posix()
        if path.is_symlink():
            found[key] = "-> " + os.readlink(path)
        elif path.is_file():
            found[key] = path.read_bytes().hex()
        else:
            found[key] = "dir"
    return found


def _report_files(out: Path) -> dict[str, str]:
    """The report's files as seen through ``out``, checked against its manifest."""
    manifest = json.loads((out / MANIFEST_NAME).read_text())
    files = {name: (out / name).read_bytes().hex() for name in manifest["files"]}
    assert "index.html" in files and any(name.startswith("figures/") for name in files)
    return files


def _old_report(folder: Path) -> None:
    """A report as the code before manifests wrote it."""
    (folder / "figures").mkdir(parents=True)
    (folder / "summaries").mkdir()
    (folder / "index.html").write_text("old index")
    (folder / "01-corpus-overview.html").write_text("old page")
    (folder / "01-corpus-overview.ipynb").write_text("{}")
    (folder / "figures" / "01-corpus-overview--outlets.png").write_bytes(b"png")
    (folder / "figures" / "01-corpus-overview--outlets.svg").write_text("<svg/>")
    (folder / "summaries" / "01-corpus-overview.json").write_text("{}")


def _publish(out: Path, marker: str) -> Path:
    """A report published through ``ReportFolder`` without running notebooks (fast)."""
    with ReportFolder(out) as folder:
        (folder.build / "figures").mkdir()
        (folder.build / "figures" / "chart.png").write_text(marker)
        (folder.build / "index.html").write_text(marker)
        return folder.publish(corpus=MINI)


def _only_the_report_remains(parent: Path, out: Path) -> None:
    hidden = parent / f".{out.name}.framing"
    assert sorted(p.name for p in parent.iterdir() if p.name.startswith(".")) == [hidden.name]
    assert out.is_symlink()
    assert sorted(p.name for p in hidden.iterdir()) == sorted(["lock", os.readlink(out).split("/")[1]])


# Problem 1: --out deleted whatever the folder held.


@pytest.fixture
def project(tmp_path, monkeypatch):
    """A user's project folder: a corpus and notes, the current folder."""
    folder = tmp_path / "project"
    (folder / "mydata").mkdir(parents=True)
    for article in MINI.glob("*.txt"):
        (folder / "mydata" / article.name).write_bytes(article.read_bytes())
    (folder / "notes.md").write_text("my notes")
    monkeypatch.chdir(folder)
    return folder


@pytest.mark.parametrize(
    ("out", "named"),
    [
        (".", "mydata/alpha.txt, mydata/beta.txt, notes.md"),  # the project folder itself
        ("mydata", "alpha.txt, beta.txt"),  # the corpus
        ("notes.md", "is a file"),
        ("mixed", "mixed-in.txt"),  # a report's files next to the user's own
    ],
)
def test_out_holding_anything_but_a_report_exits_2_and_touches_nothing(project, tmp_path, capsys, out, named):
    if out == "mixed":
        _old_report(project / "mixed")
        (project / "mixed" / "mixed-in.txt").write_text("keep me")
    notebooks = _notebooks(tmp_path / "nbs")
    before = _tree(tmp_path)
    assert main(["report", "--corpus", "mydata", "--out", out, "--notebooks", str(notebooks)]) == 2
    message = capsys.readouterr().err
    assert f"framing report: {out}: " in message and named in message and "nothing was written" in message
    assert _tree(tmp_path) == before


def test_files_added_to_a_report_are_never_deleted(tmp_path, capsys):
    out = _publish(tmp_path / "reports", "first")
    (out / "my-annotations.md").write_text("mine")
    before = _tree(tmp_path)
    assert main(["report", "--corpus", str(MINI), "--out", str(out), "--notebooks", str(tmp_path)]) == 2
    assert "my-annotations.md" in capsys.readouterr().err
    assert _tree(tmp_path) == before


@pytest.mark.parametrize(
    ("make", "problem"),
    [
        (lambda p: None, None),
        (lambda p: p.mkdir(), None),
        (lambda p: _old_report(p), None),
        (lambda p: (_old_report(p), (p / "figures" / "data.csv").write_text("x")), r"figures/data\.csv"),
        (lambda p: (p.mkdir(), (p / "figures").mkdir(), (p / "figures" / "a.png").write_text("x")), "a.png"),
        (lambda p: ((p / "summaries").mkdir(parents=True), (p / "summaries" / "01-a.json").write_text("{}")), None),
        (lambda p: (p.mkdir(), (p / MANIFEST_NAME).write_text("{}")), "not a framing report manifest"),
        (lambda p: p.symlink_to(p.parent / "elsewhere"), "symbolic link to .*elsewhere"),
        (lambda p: (p.parent / "file").write_text("x"), None),  # parent exists, out absent
    ],
    ids=["absent", "empty", "old-report", "old-report-plus-data", "figures-only", "summaries-only", "bad-manifest",
         "user-link", "sibling-file"],
)
def test_check_output_folder_accepts_only_absent_empty_or_report_folders(tmp_path, make, problem):
    out = tmp_path / "out"
    make(out)
    if problem is None:
        assert check_output_folder(out) == out
    else:
        with pytest.raises(OutputFolderError, match=problem):
            check_output_folder(out)


def test_out_below_a_file_is_refused(tmp_path):
    (tmp_path / "file").write_text("x")
    with pytest.raises(OutputFolderError, match="is a file, not a folder"):
        check_output_folder(tmp_path / "file" / "out")


# Problem 5: the swap had a gap, crashes left debris, concurrent runs collided.


@pytest.mark.parametrize(
    "exchange",
    [pytest.param(True, marks=pytest.mark.skipif(not sys.platform.startswith("linux"), reason="Linux only")), False],
    ids=["renameat2", "no-exchange"],
)
def test_out_always_shows_a_whole_report_while_a_new_one_is_swapped_in(tmp_path, monkeypatch, exchange):
    out = tmp_path / "reports"
    _old_report(out)  # the first swap migrates a real folder
    reports = [_tree(out)]
    if not exchange:
        monkeypatch.setattr(report_folder, "_exchange", lambda first, second: False)
    shown = []  # what out holds after each step that renames or links: where a kill can fall

    def watched(step):
        def then_look(*args, **kwargs):
            result = step(*args, **kwargs)
            shown.append(_tree(out) if out.exists() else None)
            return result

        return then_look

    for name in ("rename", "replace", "symlink"):
        monkeypatch.setattr(report_folder.os, name, watched(getattr(os, name)))
    monkeypatch.setattr(report_folder, "_exchange", watched(report_folder._exchange))
    for marker in ("second", "third"):
        _publish(out, marker)
        reports.append(_tree(out))
    monkeypatch.undo()

    assert len(shown) >= 6 and [r["index.html"] for r in reports[1:]] == [b"second".hex(), b"third".hex()]
    gaps = [state for state in shown if state not in reports]
    if exchange:
        assert gaps == []  # a kill at any step leaves a whole report at out
    else:
        assert gaps == [None]  # the one-time migration without renameat2 has one step without out ...
    _only_the_report_remains(tmp_path, out)


def test_a_crash_in_the_non_linux_migration_gap_is_repaired_by_the_next_run(tmp_path, monkeypatch):
    out = tmp_path / "reports"
    _old_report(out)

    def killed(*args):
        raise KeyboardInterrupt  # the process dies between the two renames

    monkeypatch.setattr(report_folder, "_exchange", lambda first, second: False)
    monkeypatch.setattr(report_folder.os, "replace", killed)
    with pytest.raises(KeyboardInterrupt):
        _publish(out, "new")
    assert not out.exists()
    monkeypatch.undo()
    with ReportFolder(out):  # ... and the next run puts the newest whole report back first
        assert (out / "index.html").read_text() == "new"


def test_a_second_run_into_a_folder_being_written_exits_2_and_touches_nothing(tmp_path, capsys):
    out = tmp_path / "reports"
    notebooks = _notebooks(tmp_path / "nbs", count=1)
    with ReportFolder(out) as first:  # a run in progress
        (first.build / "index.html").write_text("first")
        before = _tree(tmp_path)
        assert main(["report", "--corpus", str(MINI), "--out", str(out), "--notebooks", str(notebooks)]) == 2
        assert _tree(tmp_path) == before
        first.publish(corpus=MINI)
    assert f"another framing report is writing to {out} (pid {os.getpid()})" in capsys.readouterr().err
    assert (out / "index.html").read_text() == "first"


@pytest.fixture
def short_folder():
    """A folder with a short path, so kernel sockets fit below it."""
    folder = Path(tempfile.mkdtemp(prefix="fl-"))
    yield folder
    shutil.rmtree(folder)


def test_killed_runs_leave_the_previous_report_whole_and_the_next_run_removes_their_debris(
    short_folder, tmp_path, monkeypatch, capsys
):
    project = short_folder / "p"
    project.mkdir()
    temp = short_folder / "t"  # the runs' system temp folder, to see what they leave there
    temp.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(temp))
    notebooks = _notebooks(tmp_path / "nbs")
    out = project / "reports"
    _publish(out, "previous")
    previous = _report_files(out)
    hidden = project / ".reports.framing"
    def present(pattern: str) -> bool:
        # A run clears an earlier killed run's debris while we look: a folder may vanish mid-glob.
        try:
            return any(hidden.glob(pattern))
        except FileNotFoundError:
            return False

    kill_points = {
        "locked, no kernel yet": lambda: present("build-*"),
        "first kernel running": lambda: present("kernels-*/k1-*"),  # its sockets
        "second notebook running": lambda: present("build-*/01-*.html"),
    }
    for point, reached in kill_points.items():
        run = subprocess.Popen(
            [sys.executable, "-m", "analysis", "report", "--corpus", str(MINI), "--out", str(out),
             "--notebooks", str(notebooks), "-p", "sleep", "1"],
            cwd=ROOT, env={**os.environ, "TMPDIR": str(temp)}, stderr=subprocess.PIPE, text=True,
        )
        try:
            _wait_for(run, reached)
            if point == "first kernel running":  # meanwhile a second run is turned away
                assert main(["report", "--corpus", str(MINI), "--out", str(out), "--notebooks", str(notebooks)]) == 2
                assert f"another framing report is writing to {out} (pid {run.pid})" in capsys.readouterr().err
        finally:
            run.send_signal(signal.SIGKILL)  # this run only, by its id
            run.wait()
        assert _report_files(out) == previous, point
    assert any(hidden.glob("build-*"))  # the last kill left its build
    (temp / "framing-kernel-99999-dead").mkdir()  # a killed run's socket folder (deep --out paths)
    (temp / "framing-kernel-99999-dead" / "lock").write_text("")
    time.sleep(1.5)  # the killed runs' kernels notice their parent is gone within a second

    index = build_report(MINI, out, notebooks_dir=notebooks)

    assert index == out / "index.html" and _report_files(out) != previous
    assert 'src="figures/chart1.png"' in index.read_text() and (out / "figures" / "chart1.png").is_file()
    assert sorted(p.name for p in project.iterdir()) == [".reports.framing", "reports"]
    _only_the_report_remains(project, out)
    assert list(temp.iterdir()) == []  # no kernel sockets or connection files


def test_a_deep_out_path_keeps_kernel_sockets_short_and_leaves_nothing(tmp_path, monkeypatch, short_folder):
    monkeypatch.setattr(tempfile, "tempdir", str(short_folder))
    kernel_managers = []

    def spy(connections, sockets):
        kernel_managers.append(sockets)
        return make_kernel_manager(connections, sockets)

    make_kernel_manager = report._kernel_manager_class
    monkeypatch.setattr(report, "_kernel_manager_class", spy)
    out = tmp_path / ("deep" * 12) / ("deeper" * 10) / "reports"  # a socket path here would not fit
    build_report(MINI, out, notebooks_dir=_notebooks(tmp_path / "nbs", count=1))
    assert [sockets.parent for sockets in kernel_managers] == [short_folder]  # IPC, in the short folder
    assert (out / "figures" / "chart1.png").is_file()
    _only_the_report_remains(out.parent, out)
    assert list(short_folder.iterdir()) == []


def test_debris_of_older_versions_is_removed(tmp_path):
    out = tmp_path / "reports"
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    for name in (f".reports.building-{dead.stdout.strip()}", ".reports.failed", f".reports.building-{os.getpid()}"):
        (tmp_path / name / "figures").mkdir(parents=True)
    _publish(out, "new")
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        f".reports.building-{os.getpid()}", ".reports.framing", "reports"  # a live run's folder stays
    ]


def _wait_for(run: subprocess.Popen, reached) -> None:
    deadline = time.monotonic() + WAIT
    while not reached():
        if run.poll() is not None:
            pytest.fail(f"the run ended (exit {run.returncode}) before the kill point: {run.stderr.read()}")
        if time.monotonic() > deadline:
            pytest.fail("the run never reached the kill point")
        time.sleep(0.02)


def test_a_failed_run_keeps_its_executed_notebooks_until_the_next_run(tmp_path):
    notebooks = tmp_path / "nbs"
    notebooks.mkdir()
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {"name": "python3", "language": "python", "display_name": "Python 3"}
    nb.cells = [nbformat.v4.new_code_cell("1 / 0")]
    nbformat.write(nb, notebooks / "01-broken.ipynb")
    out = tmp_path / "reports"
    kept = tmp_path / ".reports.framing" / "failed" / "01-broken.ipynb"
    with pytest.raises(report.ReportError, match=f"ZeroDivisionError.*executed notebook: {kept}"):
        build_report(MINI, out, notebooks_dir=notebooks)
    assert "ZeroDivisionError" in kept.read_text() and not out.exists()
    _publish(out, "next")
    _only_the_report_remains(tmp_path, out)
