"""Speed-up of ``framing metrics --engine dask`` from one worker to two, on the BBC corpus replicated to 20,000 rows.

The corpus is the BBC table REPLICATED: copy k of every article gets the id ``<id>~k``
and the same text, until there are ``--articles`` rows. Each run is a fresh
``framing metrics TABLE --engine dask --workers N --out DIR`` process (a local cluster
of N worker processes, one thread each), timed as a whole: interpreter start, cluster
start-up, reading, analysing, writing and shutting down. The two runs must write
byte-identical files (the partitions do not depend on the number of workers).

Workers share the machine's cores with everything else running: the load average is
printed before and after each run, and a loaded machine gives a noisy figure. The CPU
seconds of each run's whole process tree are printed too: they move far less, and give
the speed-up that idle cores would allow at most.

Usage:
    python benchmarks/dask_speedup.py [--data ../shared/benchmarks] [--articles 20000] [--workers 2]

Prints figures (target: two workers at least 1.8x one); asserts nothing. Exits 0 and says
so when the data is absent.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import NamedTuple

from _bbc import ROOT, add_data_argument, bbc_corpus_or_none

TARGET = 1.8


def replicate_to(source: Path, target: Path, articles: int) -> int:
    """Write ``articles`` rows to ``target``: the rows of ``source`` again and again, copy k's ids ending ``~k``."""
    rows = [json.loads(line) for line in source.open(encoding="utf-8")]
    written = 0
    with target.open("w", encoding="utf-8") as out:
        for k in range(-(-articles // len(rows))):
            for row in rows[: articles - written]:
                out.write(json.dumps({**row, "id": f"{row['id']}~{k}"}, ensure_ascii=False) + "\n")
            written = min(articles, written + len(rows))
    return written


class Run(NamedTuple):
    wall: float  # seconds
    cpu: float  # CPU seconds of the whole process tree: the command, its scheduler and its workers


def run_metrics(table: Path, out: Path, workers: int) -> Run:
    """One ``framing metrics --engine dask --workers N`` process, timed as a whole."""
    env = {**os.environ, "PYTHONPATH": str(ROOT), "OMP_NUM_THREADS": "1"}
    command = [sys.executable, "-m", "analysis", "metrics", str(table), "--engine", "dask",
               "--workers", str(workers), "--out", str(out)]
    started = time.perf_counter()
    child = subprocess.Popen(command, env=env, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(child.pid, 0)  # the workers are waited for inside, so their CPU counts here
    wall = time.perf_counter() - started
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"framing metrics --workers {workers} failed (exit {os.waitstatus_to_exitcode(status)})")
    return Run(wall, usage.ru_utime + usage.ru_stime)


def same_files(first: Path, second: Path) -> bool:
    def files(root: Path) -> dict[str, bytes]:
        return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}

    return files(first) == files(second)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    add_data_argument(parser)
    parser.add_argument("--articles", type=int, default=20_000, help="rows of the replicated corpus (default 20,000)")
    parser.add_argument("--workers", type=int, default=2, help="the workers compared with one (default 2)")
    args = parser.parse_args()
    source = bbc_corpus_or_none(args.data)
    if source is None:
        return 0
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    with tempfile.TemporaryDirectory() as tmp:
        table = Path(tmp) / "bbc-replicated.jsonl"
        articles = replicate_to(source, table, args.articles)
        print(f"corpus: {source}, REPLICATED to {articles:,} articles with new ids (copy k of X is X~k); "
              f"{cores} usable cores")
        runs = {}
        for workers in (1, args.workers):
            load = os.getloadavg()[0]
            run = runs[workers] = run_metrics(table, Path(tmp) / f"out-{workers}", workers)
            print(f"{workers} worker{'s' if workers > 1 else ''}: {run.wall:7.1f} s wall, {run.cpu:6.1f} s CPU "
                  f"({articles / run.wall:,.0f} articles/s; load average {load:.2f} before, "
                  f"{os.getloadavg()[0]:.2f} after)", flush=True)
        speedup = runs[1].wall / runs[args.workers].wall
        identical = same_files(Path(tmp) / "out-1", Path(tmp) / f"out-{args.workers}")
        print(f"speed-up, {args.workers} workers over 1: {speedup:.2f}x (target >= {TARGET}x: "
              f"{'met' if speedup >= TARGET else 'NOT met'}); byte-identical output: {'yes' if identical else 'NO'}")
        # Other work on the machine moves the wall times; the CPU seconds move far less. Were the cores idle,
        # the wall speed-up could not pass the workers times the CPU of one worker over the CPU of all of them.
        bound = args.workers * runs[1].cpu / runs[args.workers].cpu
        print(f"CPU: {args.workers} workers used {runs[args.workers].cpu / runs[1].cpu - 1:+.0%} of one worker's CPU; "
              f"on {args.workers} idle cores the speed-up would be at most {bound:.2f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
