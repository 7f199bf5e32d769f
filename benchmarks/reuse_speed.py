"""Time all-pairs text-reuse detection on the 2,225-article BBC corpus, on one core.

Usage:
    python benchmarks/reuse_speed.py [--data ../shared/benchmarks]

Prints the time (target: under 60 s) and what was found; asserts nothing; says so and
exits 0 when the data is absent.
"""

from __future__ import annotations

import argparse
import sys
import time

from _bbc import ROOT, add_data_argument, bbc_corpus_or_none, pin_to_one_core

sys.path.insert(0, str(ROOT))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    add_data_argument(parser)
    args = parser.parse_args()
    source = bbc_corpus_or_none(args.data)
    if source is None:
        return 0
    pin_to_one_core()
    from analysis import load_corpus
    from analysis.compare import reused_passages

    corpus = load_corpus(source)
    started = time.perf_counter()
    passages = reused_passages(corpus)
    seconds = time.perf_counter() - started
    pairs = passages[passages["article"] != passages["other_article"]]
    print(f"{len(corpus.articles)} articles: all-pairs reuse in {seconds:.2f} s on one core (target < 60 s)")
    print(f"{len(passages)} passages; {len(pairs)} between different articles, "
          f"{pairs[['article', 'other_article']].drop_duplicates().shape[0]} article pairs")
    return 0


if __name__ == "__main__":
    sys.exit(main())
