"""Where a report is written: checked before any work, locked, swapped in atomically, never over user files.

The folder the user names (``--out reports``) is a symbolic link to one complete
report kept in a hidden sibling, ``.reports.framing/``. Everything a run writes
while it works lives in that sibling too::

    reports -> .reports.framing/report-<time>-<pid>
    .reports.framing/
        lock                       held (flock) by the one run writing to reports
        report-<time>-<pid>/       complete reports; .framing-report.json lists their files
        build-<time>-<pid>/        a report being built
        kernels-<pid>/             the notebook kernels' connection files and sockets
        failed/                    the executed notebooks of the last failed run

A new report replaces the old one by a single rename of a symbolic link, so a
crash at any moment leaves one whole report at ``reports``. Each run removes
whatever killed runs left in the sibling (and the ``.reports.building-PID``
folders of older versions) once it holds the lock.

A report is written only where nothing can be lost: a folder that is absent,
empty, or a report. A report's files are those its manifest lists plus any named
like a report's (``index.html``, ``NN-*.html``, ``NN-*.ipynb``, ``figures/*.png``
and ``.svg``, ``summaries/*.json``, ``texts/*.txt``, the texts extracted from HTML;
running a notebook by hand writes its summary to ``../reports/summaries``). A folder
without a manifest counts as a report when it has ``index.html`` (a report from before
manifests) or holds only summaries.

Pipeline step: after the tables: the report.
"""

from __future__ import annotations

import ctypes
import errno
import fcntl
import json
import os
import shutil
import sys
from datetime import UTC, datetime
from fnmatch import fnmatchcase
from pathlib import Path
from types import TracebackType
from typing import IO, Any

__all__ = ["MANIFEST_NAME", "OutputFolderError", "ReportFolder", "check_output_folder", "hidden_sibling"]

MANIFEST_NAME = ".framing-report.json"
_TOOL = "framing-lens"
_LOCK = "lock"
_FAILED = "failed"
# The names a report's files have, by depth: top-level names, then folder/name.
_REPORT_FILES = {
    1: ("index.html", "[0-9][0-9]-*.html", "[0-9][0-9]-*.ipynb"),
    2: ("figures/*.png", "figures/*.svg", "summaries/*.json", "texts/*.txt"),
}
_SHOWN_FILES = 3  # user files named in a refusal


class OutputFolderError(ValueError):
    """A report may not be written to this folder (it holds other files) or another run is writing there."""


def hidden_sibling(out: Path) -> Path:
    """The folder beside ``out`` that holds its reports and a run's work: ``.NAME.framing``."""
    return out.parent / f".{out.name}.framing"


def check_output_folder(out_dir: str | Path) -> Path:
    """Return the absolute path of ``out_dir`` if a report may be written there; touch nothing.

    Raises:
        OutputFolderError: ``out_dir`` is a file, a folder holding anything but a report,
            a symbolic link that ``framing report`` did not make, or the current folder.
    """
    out = _absolute(out_dir)
    problem = _refusal(out)
    if problem:
        raise OutputFolderError(f"{out_dir}: {problem}; nothing was written. "
                                "Give --out an empty or new folder, or an earlier report")
    return out


class ReportFolder:
    """The output folder of one report run, used as a context manager.

    Entering checks ``out_dir`` and takes its lock (so a second run fails at once),
    removes what killed runs left, and creates ``build`` (write the report here) and
    ``scratch`` (temporary files such as kernel connection files). ``publish()``
    swaps the finished report in; leaving without publishing removes the build
    (kept in ``failed/`` when ``keep_failed()`` was called) and the scratch folder.

    Raises:
        OutputFolderError: on entering, as for :func:`check_output_folder`, or when
            another run holds the lock (the message names its pid).
    """

    def __init__(self, out_dir: str | Path) -> None:
        self.given = str(out_dir)
        self.out = check_output_folder(out_dir)
        self.hidden = hidden_sibling(self.out)
        self._token = f"{datetime.now(UTC).strftime('%Y%m%dT%H%M%S%fZ')}-{os.getpid()}"
        self.build = self.hidden / f"build-{self._token}"
        self.scratch = self.hidden / f"kernels-{os.getpid()}"
        self._lock: IO[str] | None = None
        self._keep_failed = False
        self._published = False

    def __enter__(self) -> ReportFolder:
        try:
            self.hidden.mkdir(parents=True, exist_ok=True)
            lock = open(self.hidden / _LOCK, "a+", encoding="utf-8")  # noqa: SIM115 (held until exit)
        except OSError as exc:
            raise OutputFolderError(f"{self.given}: cannot create {self.hidden}: {exc.strerror}") from None
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            lock.seek(0)
            holder = lock.read().strip() or "unknown"
            lock.close()
            raise OutputFolderError(
                f"another framing report is writing to {self.given} (pid {holder}); nothing was written"
            ) from None
        lock.seek(0)
        lock.truncate()
        lock.write(f"{os.getpid()}\n")
        lock.flush()
        self._lock = lock
        try:
            self._relink_if_missing()
            check_output_folder(self.out)  # again, now that no other run can change it
            self._sweep(keep=self._current())
            _sweep_old_debris(self.out)
            self.build.mkdir()
            self.scratch.mkdir(mode=0o700)
        except BaseException:
            self._release()
            raise
        return self

    def keep_failed(self) -> Path:
        """Keep this run's build as ``failed/`` (until the next run) instead of removing it; return that path."""
        self._keep_failed = True
        return self.hidden / _FAILED

    def publish(self, *, corpus: str | Path) -> Path:
        """Write the manifest into the build, swap it in as ``out`` in one rename, drop the old report."""
        check_output_folder(self.out)  # files added to the old report while this one was built stay
        files = _files(self.build)
        manifest = {
            "tool": _TOOL,
            "version": _version(),
            "created": datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
            "corpus": str(Path(corpus).resolve()),
            "files": files,
        }
        (self.build / MANIFEST_NAME).write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")
        report = self.hidden / f"report-{self._token}"
        os.rename(self.build, report)
        link = self.hidden / f"link-{self._token}"
        os.symlink(f"{self.hidden.name}/{report.name}", link)
        _swap_in(link, self.out)
        self._published = True
        self._sweep(keep=report)
        return self.out

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        shutil.rmtree(self.scratch, ignore_errors=True)
        if not self._published and self.build.exists():
            if self._keep_failed:
                failed = self.hidden / _FAILED
                _remove(failed)
                os.rename(self.build, failed)
            else:
                shutil.rmtree(self.build, ignore_errors=True)
        self._release()

    def _release(self) -> None:
        if self._lock is not None:
            self._lock.close()  # closing the file releases the flock
            self._lock = None

    def _current(self) -> Path | None:
        """The report folder ``out`` links to, if it is one of ours."""
        target = _our_link_target(self.out)
        return self.out.parent / target if target else None

    def _relink_if_missing(self) -> None:
        """Point ``out`` at the newest complete report if a crash left it missing.

        Only a swap of a real folder without an atomic exchange (not Linux) has a
        moment without ``out``.
        """
        if self.out.exists() or self.out.is_symlink():
            return
        reports = sorted(p for p in self.hidden.glob("report-*") if p.is_dir())
        if reports:
            link = self.hidden / f"link-{self._token}"
            os.symlink(f"{self.hidden.name}/{reports[-1].name}", link)
            os.replace(link, self.out)

    def _sweep(self, *, keep: Path | None) -> None:
        """Remove everything in the hidden sibling but the lock and the report ``out`` shows."""
        for entry in self.hidden.iterdir():
            if entry.name != _LOCK and entry != keep:
                _remove(entry)


def _absolute(out_dir: str | Path) -> Path:
    """``out_dir`` made absolute without following a symbolic link at its last part."""
    out = Path(os.path.abspath(out_dir))
    return out.parent.resolve() / out.name if out.name else out


def _refusal(out: Path) -> str | None:
    """Why a report may not replace ``out``, or None when it may."""
    if not out.name:
        return "is the root folder"
    if out.is_symlink():
        target = _our_link_target(out)
        if target is None:
            return f"is a symbolic link to {os.readlink(out)} that framing report did not make"
        return _content_refusal(out.parent / target)
    problem = _content_refusal(out)
    if problem is None and Path.cwd().is_relative_to(out):  # the shell would be left in a removed folder
        problem = "is the current folder or holds it"
    return problem


def _content_refusal(folder: Path) -> str | None:
    """Why ``folder`` (absent, empty, a report, or anything else) may not be replaced, or None."""
    for ancestor in [folder.parent, *folder.parent.parents]:
        if ancestor.exists():
            if not ancestor.is_dir():
                return f"{ancestor} is a file, not a folder"
            if not os.access(ancestor, os.W_OK | os.X_OK):
                return f"cannot write in {ancestor}"
            break
    if not folder.exists():
        return None
    if not folder.is_dir():
        return "is a file, not a folder"
    try:
        files = _files(folder)
    except OSError as exc:
        return f"cannot be read: {exc.strerror}"
    manifest = folder / MANIFEST_NAME
    if manifest.is_file():
        listed = _manifest_files(manifest)
        if listed is None:
            return f"{MANIFEST_NAME} is not a framing report manifest"
        foreign = [f for f in files if f not in listed and f != MANIFEST_NAME and not _report_file(f)]
    elif "index.html" in files or all(f.startswith("summaries/") for f in files):
        # a report from before manifests, or the summaries that running the notebooks writes to ../reports
        foreign = [f for f in files if not _report_file(f)]
    else:
        foreign = files
    if foreign:
        return f"holds files that framing report did not write ({_some(foreign)})"
    return None


def _files(folder: Path, prefix: str = "") -> list[str]:
    """Every file (or link, not followed) under ``folder`` as a sorted relative POSIX path."""
    found = []
    with os.scandir(folder) as entries:
        for entry in entries:
            if entry.is_dir(follow_symlinks=False):
                found += _files(Path(entry.path), f"{prefix}{entry.name}/")
            else:
                found.append(prefix + entry.name)
    return sorted(found)


def _some(names: list[str]) -> str:
    more = len(names) - _SHOWN_FILES
    return ", ".join(names[:_SHOWN_FILES]) + (f" and {more} more" if more > 0 else "")


def _report_file(relative: str) -> bool:
    parts = relative.split("/")
    patterns = _REPORT_FILES.get(len(parts), ())
    return any(
        all(fnmatchcase(part, pattern_part) for part, pattern_part in zip(parts, pattern.split("/"), strict=True))
        for pattern in patterns
    )


def _manifest_files(manifest: Path) -> set[str] | None:
    try:
        data: Any = json.loads(manifest.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError):
        return None
    if not isinstance(data, dict) or data.get("tool") != _TOOL or not isinstance(data.get("files"), list):
        return None
    return {str(f) for f in data["files"]}


def _our_link_target(out: Path) -> str | None:
    """The target of ``out`` if it is a link this module made: ``.NAME.framing/report-…``."""
    if not out.is_symlink():
        return None
    target = os.readlink(out)
    parts = Path(target).parts
    ours = len(parts) == 2 and parts[0] == hidden_sibling(out).name and parts[1].startswith("report-")
    return target if ours else None


def _swap_in(link: Path, out: Path) -> None:
    """Make ``out`` the symbolic link ``link`` in one atomic step; a real folder at ``out`` ends in ``link``'s place.

    A link or nothing at ``out`` is replaced by ``rename``. A real folder (empty, or a
    report from before links) is exchanged with the link by ``renameat2`` on Linux;
    elsewhere it is moved aside first, and the next run relinks if a crash fell between.
    """
    if out.is_symlink() or not out.exists():
        os.replace(link, out)
    elif not _exchange(link, out):
        os.rename(out, link.with_name(link.name + "-previous"))
        os.replace(link, out)


def _exchange(first: Path, second: Path) -> bool:
    """Swap two paths atomically (Linux ``renameat2(RENAME_EXCHANGE)``); False where that is unsupported."""
    if not sys.platform.startswith("linux"):
        return False
    try:
        renameat2 = ctypes.CDLL(None, use_errno=True).renameat2
    except (OSError, AttributeError):
        return False
    renameat2.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
    at_fdcwd, rename_exchange = -100, 2
    if renameat2(at_fdcwd, os.fsencode(first), at_fdcwd, os.fsencode(second), rename_exchange) == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.EINVAL, errno.ENOSYS, errno.EOPNOTSUPP, errno.EXDEV):
        return False
    raise OSError(code, os.strerror(code), str(second))


def _sweep_old_debris(out: Path) -> None:
    """Remove what older versions left beside ``out``: ``.NAME.building-PID``, ``.NAME.previous-PID``, ``.NAME.failed``.

    A folder named with a pid is removed only when that process is gone.
    """
    prefix = f".{out.name}."
    for entry in out.parent.iterdir():
        if not entry.name.startswith(prefix):
            continue
        kind, _, pid = entry.name[len(prefix):].partition("-")
        dead_run = kind in ("building", "previous") and pid.isdigit() and not _alive(int(pid))
        if dead_run or (kind == "failed" and not pid):
            _remove(entry)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _remove(path: Path) -> None:
    if path.is_symlink() or path.is_file():
        path.unlink(missing_ok=True)
    elif path.exists():
        shutil.rmtree(path, ignore_errors=True)


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version(_TOOL)
    except PackageNotFoundError:
        return "unknown"
