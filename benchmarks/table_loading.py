"""Loading big and broken tables: seconds, CPU seconds and peak memory of ``load_corpus``.

Tables are generated in a temporary folder (no data is needed):

- ``empty``: a header and ROWS rows whose text is empty (every row is one
  ``empty`` problem: the errors table gets ROWS rows, stderr 6 lines);
- ``articles``: ARTICLES rows of article-sized text (about 3,000 characters,
  quoted, several paragraphs, commas and doubled quotes);
- ``broken``: the articles table with a ragged row and an unclosed quote near
  the top.

Each case runs in a fresh process pinned to one core, so its peak memory is its
own. ``pandas.read_csv`` on the same file is shown for reference: it is the
parse alone, without line numbers or the per-row checks.

Usage:
    python benchmarks/table_loading.py [--rows 1000000] [--articles 20000]

Prints figures; asserts nothing.
"""

from __future__ import annotations

import argparse
import csv
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from _bbc import ROOT, pin_to_one_core

PARAGRAPH = (
    'The council met on Monday, and the mayor said the plan was "rash, costly and late". '
    "Critics, however, called it overdue; residents said the vote was the first in years. "
) * 3


def write_tables(folder: Path, rows: int, articles: int) -> dict[str, Path]:
    empty = folder / "empty.csv"
    with empty.open("w", encoding="utf-8") as handle:
        handle.write("id,text\n")
        handle.writelines(f"r{i},\n" for i in range(rows))
    texts = folder / "articles.csv"
    with texts.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(["id", "text", "outlet"])
        for i in range(articles):
            writer.writerow([f"a{i}", "\n\n".join([PARAGRAPH] * 4), f"Outlet {i % 7}"])
    broken = folder / "broken.csv"
    lines = texts.read_text(encoding="utf-8").split("\n")
    lines.insert(1, "ragged,Hello, world,extra,fields")
    lines.insert(2, 'open,"A quote that is never closed')
    broken.write_text("\n".join(lines), encoding="utf-8")
    return {"empty": empty, "articles": texts, "broken": broken}


def measure(path: Path) -> dict[str, float]:
    """Run in a child process: time one load, then the pandas parse of the same file."""
    sys.path.insert(0, str(ROOT))
    pin_to_one_core()
    import pandas as pd

    from analysis import load_corpus
    from analysis.cli import _problem_lines

    wall, cpu = time.perf_counter(), time.process_time()
    corpus = load_corpus(path)
    figures = {"seconds": time.perf_counter() - wall, "cpu_seconds": time.process_time() - cpu}
    figures["peak_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    figures["articles"], figures["problems"] = len(corpus.articles), len(corpus.errors)
    started = time.perf_counter()
    figures["stderr_lines"] = len(_problem_lines(corpus.errors))
    figures["stderr_seconds"] = time.perf_counter() - started
    del corpus
    started = time.perf_counter()
    try:
        pd.read_csv(path, dtype=str, keep_default_na=False)
        figures["pandas_read_csv_seconds"] = time.perf_counter() - started
    except ValueError:
        figures["pandas_read_csv_seconds"] = float("nan")  # refused: the whole table would be lost
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000, help="rows of the empty-text table")
    parser.add_argument("--articles", type=int, default=20_000, help="rows of the article table")
    parser.add_argument("--measure", metavar="FILE", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.measure:
        print(json.dumps(measure(Path(args.measure))))
        return
    with tempfile.TemporaryDirectory() as tmp:
        tables = write_tables(Path(tmp), args.rows, args.articles)
        for name, path in tables.items():
            child = subprocess.run(
                [sys.executable, __file__, "--measure", str(path)], capture_output=True, text=True, check=True
            )
            f = json.loads(child.stdout)
            size = path.stat().st_size / 1e6
            print(
                f"{name:9s} {size:7.1f} MB  load {f['seconds']:6.2f} s (cpu {f['cpu_seconds']:6.2f} s)  "
                f"peak {f['peak_mb']:6.0f} MB  articles {f['articles']:>9,.0f}  problems {f['problems']:>9,.0f}  "
                f"stderr {f['stderr_lines']:.0f} lines in {f['stderr_seconds']:.2f} s  "
                f"pandas.read_csv {f['pandas_read_csv_seconds']:.2f} s"
            )


if __name__ == "__main__":
    main()
