"""How long the report's "At a glance" table takes: 200 generated articles and the 2,225 BBC articles.

Times :func:`analysis.glance.glance_table` once per corpus, then each area step it
runs, one by one, so a slow step shows by name. Runs on one core.

Usage:
    python benchmarks/glance_speed.py [--data ../shared/benchmarks] [--generated 200]

Prints figures; asserts nothing; skips the BBC run (and says so) when its data is absent.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from _bbc import ROOT, add_data_argument, bbc_corpus_or_none, pin_to_one_core

sys.path.insert(0, str(ROOT))


def timed(step: Callable[[], Any]) -> tuple[Any, float]:
    started = time.perf_counter()
    result = step()
    return result, time.perf_counter() - started


def measure(name: str, path: Path) -> None:
    from analysis import load_corpus
    from analysis.compare import figures_by_quantity, numeric_claims, reused_passages, reused_words
    from analysis.glance import glance_table
    from analysis.loaded import find_loaded, loaded_metrics
    from analysis.sourcing import find_quotes, sourcing_metrics, speaker_table
    from analysis.terms import find_terms, term_rates

    corpus, seconds = timed(lambda: load_corpus(path))
    articles = corpus.articles
    words = int(articles["text"].str.split().str.len().sum())
    print(f"{name}: {len(articles)} articles, {words:,} words; loading {seconds:.2f} s")
    table, seconds = timed(lambda: glance_table(corpus))
    print(f"{name}: glance_table {seconds:.2f} s, {len(table)} rows")
    steps: list[tuple[str, Callable[[], Any]]] = [
        ("terms (find_terms + term_rates)", lambda: term_rates(find_terms(articles), articles)),
        ("quotations (find_quotes)", lambda: find_quotes(articles)),
    ]
    for label, step in steps:
        _, seconds = timed(step)
        print(f"  {label:44} {seconds:7.2f} s")
    quotes = find_quotes(articles)
    more: list[tuple[str, Callable[[], Any]]] = [
        ("sources (speaker_table)", lambda: speaker_table(quotes)),
        ("sourcing_metrics", lambda: sourcing_metrics(quotes, articles)),
        ("loaded (find_loaded + loaded_metrics)", lambda: loaded_metrics(find_loaded(articles), articles)),
        ("reuse (reused_passages + reused_words)", lambda: reused_words(reused_passages(articles), articles)),
        ("figures (numeric_claims + figures_by_quantity)", lambda: figures_by_quantity(numeric_claims(articles))),
    ]
    for label, step in more:
        _, seconds = timed(step)
        print(f"  {label:44} {seconds:7.2f} s")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    add_data_argument(parser)
    parser.add_argument("--generated", type=int, default=200, help="articles in the generated corpus")
    args = parser.parse_args()
    pin_to_one_core()
    from tests.corpus_generator import generate_articles, write_corpus

    with tempfile.TemporaryDirectory() as tmp:
        generated = write_corpus(generate_articles(args.generated, outlets=12), Path(tmp) / "generated")
        measure(f"generated ({args.generated}, 12 outlets)", generated)
    bbc = bbc_corpus_or_none(args.data)
    if bbc is not None:
        measure("BBC", bbc)
    return 0


if __name__ == "__main__":
    sys.exit(main())
