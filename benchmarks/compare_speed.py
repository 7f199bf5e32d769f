"""Time the whole ``framing compare`` process on the BBC corpus, and on it replicated to 20,000 articles, on one core.

Usage:
    python benchmarks/compare_speed.py [--data ../shared/benchmarks] [--articles 20000] [--check-blocking]

Prints seconds for each run (target: ≤ 60 s on the 2,225 articles) next to the figure before
name clustering was blocked by surname keys. The replicated corpus repeats the BBC articles
under new ids, so reuse detection finds every copy of every article: its time is also printed
on its own. ``--check-blocking`` also clusters the BBC names over all pairs and counts the
names whose cluster differs from the blocked clustering. Asserts nothing; says so and exits 0
when the data is absent.
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

from _bbc import ROOT, add_data_argument, bbc_corpus_or_none, pin_to_one_core

sys.path.insert(0, str(ROOT))

# Before clustering was blocked: 146 to 198 s in issue 10; 61 s CPU, 107 s wall measured here
# (236 s under cProfile), almost all of it comparing each name with every cluster head.
OLD_SECONDS = "61 s CPU, 107 s wall measured here; 146-198 s in issue 10"


def replicate(source: Path, target: Path, articles: int) -> int:
    """Write ``articles`` rows cycling through the rows of ``source``, each copy under a new id."""
    rows = [json.loads(line) for line in source.read_text(encoding="utf-8").splitlines() if line.strip()]
    with target.open("w", encoding="utf-8") as out:
        for n in range(articles):
            row = dict(rows[n % len(rows)])
            row["id"] = f"{row['id']}#copy{n // len(rows)}"
            out.write(json.dumps(row) + "\n")
    return articles


def time_compare(corpus: Path) -> float:
    """Seconds of one whole ``framing compare`` process (this process's core is inherited)."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    started = time.perf_counter()
    subprocess.run([sys.executable, "-m", "analysis", "compare", str(corpus), "--format", "jsonl"], check=True,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
    return time.perf_counter() - started


def time_reuse(corpus: Path) -> tuple[float, int]:
    """Seconds of reuse detection alone, in this process, and the passages it found."""
    from analysis import load_corpus
    from analysis.compare import reused_passages

    loaded = load_corpus(corpus)
    started = time.perf_counter()
    passages = reused_passages(loaded)
    return time.perf_counter() - started, len(passages)


def check_blocking(corpus: Path) -> None:
    """Count the BBC names whose blocked cluster differs from the all-pairs one."""
    from analysis import compare, load_corpus
    from analysis.names import cluster_names, cluster_names_all_pairs

    seen: list[tuple[str, int]] = []

    def recording(counts, threshold=85.0, **options):  # type: ignore[no-untyped-def]
        counts = list(counts)
        seen.extend(counts)
        return cluster_names(counts, threshold, **options)

    compare.cluster_names = recording
    compare.name_variants(load_corpus(corpus))
    started = time.perf_counter()
    blocked = cluster_names(seen)
    blocked_seconds = time.perf_counter() - started
    started = time.perf_counter()
    all_pairs = cluster_names_all_pairs(seen)
    all_pairs_seconds = time.perf_counter() - started
    differ = sorted(n for n in all_pairs if all_pairs[n] != blocked[n])
    print(f"name clustering of {len(seen)} names: blocked {blocked_seconds:.2f} s, all pairs {all_pairs_seconds:.2f} s;"
          f" {len(differ)} names clustered differently{': ' + ', '.join(differ[:10]) if differ else ''}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    add_data_argument(parser)
    parser.add_argument("--articles", type=int, default=20000, help="size of the replicated corpus")
    parser.add_argument("--check-blocking", action="store_true", help="compare blocked and all-pairs name clusters")
    args = parser.parse_args()
    source = bbc_corpus_or_none(args.data)
    if source is None:
        return 0
    pin_to_one_core()
    count = sum(1 for line in source.open(encoding="utf-8") if line.strip())
    seconds = time_compare(source)
    print(f"{count} BBC articles: framing compare in {seconds:.1f} s, whole process, one core "
          f"(target ≤ 60 s; before blocking: {OLD_SECONDS})")
    with tempfile.TemporaryDirectory() as folder:
        replicated = Path(folder) / "bbc_replicated.jsonl"
        replicate(source, replicated, args.articles)
        seconds = time_compare(replicated)
        print(f"{args.articles} articles (the BBC corpus replicated under new ids): framing compare in {seconds:.1f} s,"
              " whole process, one core")
        reuse_seconds, passages = time_reuse(replicated)
        print(f"  of which reuse detection alone: {reuse_seconds:.1f} s, {passages} passages "
              "(replication makes every article a copy of others)")
    if args.check_blocking:
        check_blocking(source)
    return 0


if __name__ == "__main__":
    sys.exit(main())
