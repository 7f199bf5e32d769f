"""Set-up shared by the BBC speed benchmarks: where the corpus is, and one core."""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time
from pathlib import Path
from typing import NamedTuple

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DATA = ROOT.parent / "shared" / "benchmarks"


def add_data_argument(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--data", default=str(DEFAULT_DATA), help="benchmarks folder")


def bbc_corpus_or_none(data: str) -> Path | None:
    """The BBC corpus under ``data``; None (after saying the run is skipped) when it is absent."""
    source = Path(data) / "corpus" / "bbc.jsonl"
    if not source.exists():
        print(f"skipped: {source} not found")
        return None
    return source


def pin_to_one_core() -> None:
    """Timings are per core: pin this process to the first core it may use."""
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {sorted(os.sched_getaffinity(0))[0]})


class MetricsRun(NamedTuple):
    """One ``framing metrics`` process: CPU seconds, wall seconds and peak RSS in MB."""

    cpu: float
    wall: float
    peak_rss_mb: float


def run_framing_metrics(table: Path, out: Path) -> MetricsRun:
    """``framing metrics TABLE --out OUT`` as a fresh process pinned to one core, timed as a whole.

    The whole process counts: interpreter start, imports, loading, every area, writing.
    """
    env = {**os.environ, "PYTHONPATH": str(ROOT), "OMP_NUM_THREADS": "1"}
    core = str(sorted(os.sched_getaffinity(0))[0])
    started = time.perf_counter()
    child = subprocess.Popen(
        ["taskset", "-c", core, sys.executable, "-m", "analysis", "metrics", str(table), "--out", str(out)],
        env=env, stderr=subprocess.DEVNULL,
    )
    _, status, usage = os.wait4(child.pid, 0)
    wall = time.perf_counter() - started
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"framing metrics failed on {table} (exit {os.waitstatus_to_exitcode(status)})")
    return MetricsRun(usage.ru_utime + usage.ru_stime, wall, usage.ru_maxrss / 1024)
