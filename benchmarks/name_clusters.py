"""Name-variant clusters on corpora nobody tuned the name rules on: how many, how long, and a sample to judge.

Usage:
    python benchmarks/name_clusters.py [--data ../shared/benchmarks] [--sample 30] [--seed 2026] [--repeat 3]

For the BBC corpus and the PolNeAR train articles, prints the number of clusters
``name_variants`` finds (each has at least two spellings), the mentions they hold, and the
CPU seconds of ``name_variants`` (the best of ``--repeat`` runs, one core, after loading).
``--sample N`` also prints N clusters drawn at random (``--seed``) with each spelling's
count, to be judged by hand: the same person (or body), or not. Asserts nothing; says so
and exits 0 when the data is absent.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from pathlib import Path

from _bbc import ROOT, add_data_argument, pin_to_one_core

sys.path.insert(0, str(ROOT))


def measure(name: str, path: Path, *, sample: int, seed: int, repeat: int) -> None:
    from analysis import load_corpus
    from analysis.compare import name_variants

    if not path.exists():
        print(f"{name}: skipped, {path} not found")
        return
    corpus = load_corpus(path)
    seconds = []
    for _ in range(max(1, repeat)):
        started = time.process_time()
        table = name_variants(corpus)
        seconds.append(time.process_time() - started)
    spellings = table.groupby("cluster")["variant"].agg(lambda s: s.value_counts().to_dict())
    print(f"{name}: {len(corpus.articles)} articles, {len(spellings)} clusters, {len(table)} mentions, "
          f"name_variants {min(seconds):.2f} s CPU (best of {len(seconds)})")
    if sample:
        clusters = sorted(spellings.index)
        for cluster in random.Random(seed).sample(clusters, min(sample, len(clusters))):
            counts = ", ".join(f"{variant} ×{n}" for variant, n in sorted(spellings[cluster].items()))
            print(f"  {cluster}: {counts}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    add_data_argument(parser)
    parser.add_argument("--sample", type=int, default=0, help="clusters to print at random for judging")
    parser.add_argument("--seed", type=int, default=2026, help="seed of the random sample")
    parser.add_argument("--repeat", type=int, default=3, help="timed runs; the best is printed")
    args = parser.parse_args()
    pin_to_one_core()
    data = Path(args.data)
    for name, path in (("BBC", data / "corpus" / "bbc.jsonl"),
                       ("PolNeAR train", data / "quotes" / "polnear" / "train" / "articles")):
        measure(name, path, sample=args.sample, seed=args.seed, repeat=args.repeat)
    return 0


if __name__ == "__main__":
    sys.exit(main())
