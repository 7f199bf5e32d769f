"""How fast the explorer (notebook 07) answers: each interaction, timed through its API and its widgets.

The corpora: 200 generated articles (``tests/corpus_generator.py``, 12 outlets), or the
folder or table given with ``--corpus``; and the first 200 BBC articles when the benchmark
data is present (real articles, about four times longer). Building the explorer (every area
measured once) is timed on its own; then each interaction a reader makes, as the widgets
run it without a browser (the kernel's share of the work):

* terms: a lexicon term, a family, a word outside the lexicon and a ``*`` prefix, each with
  its counts per article and per outlet and its context rows;
* voices: the most quoted speaker's quotations and tally, and the speakers of a stance and a type;
* article: the longest article drawn with every mark, and opened at a span;
* compare: the pair that shares most text, and two articles picked at random.

Each interaction runs ``--repeat`` times; the slowest run is reported. The target is under
0.5 s each. Runs on one core. Prints figures; asserts nothing.

Usage:
    python benchmarks/explorer_speed.py [--corpus PATH] [--data ../shared/benchmarks] [--repeat 5]
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from _bbc import ROOT, add_data_argument, bbc_corpus_or_none, pin_to_one_core

sys.path.insert(0, str(ROOT))

TARGET = 0.5


def slowest(step: Callable[[], Any], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        step()
        times.append(time.perf_counter() - started)
    return max(times)


def measure(name: str, path: Path, repeat: int) -> list[float]:
    from analysis import load_corpus
    from analysis.explorer import Explorer
    from analysis.explorer_app import ExplorerApp
    from analysis.explorer_html import article_html

    corpus = load_corpus(path)
    articles = corpus.articles
    words = int(articles["text"].str.split().str.len().sum())
    started = time.perf_counter()
    explorer = Explorer(corpus)
    built = time.perf_counter() - started
    started = time.perf_counter()
    app = ExplorerApp(explorer, term="war")
    widgets = time.perf_counter() - started
    print(f"{name}: {len(articles)} articles, {words:,} words")
    print(f"  building the explorer (every area measured once)   {built:7.2f} s")
    print(f"  building the widgets (first screen of each tab)    {widgets:7.2f} s")

    speakers = explorer.speakers()
    top = str(speakers["speaker"].iloc[0])
    longest = max(explorer.order, key=lambda a: len(explorer.text(a)))
    hits = explorer.search("war").hits
    at = hits[hits["article"] == longest]
    focus = (int(at["start"].iloc[0]), int(at["end"].iloc[0])) if len(at) else (0, 10)
    pair = explorer.most_shared_pair()
    chooser = random.Random(12)
    other = tuple(chooser.sample(explorer.order, 2))

    def term(query: str) -> Callable[[], Any]:
        def run() -> None:
            found = explorer.search(query)
            explorer.term_counts(found)
            explorer.term_counts(found, by="outlet")
            explorer.kwic(found)
        return run

    api: list[tuple[str, Callable[[], Any]]] = [
        ("term: lexicon term “war”", term("war")),
        ("term: family “family: euphemism”", term("family: euphemism")),
        ("term: outside the lexicon “governor”", term("governor")),
        ("term: prefix “council*”", term("council*")),
        (f"voices: quotations by {top[:24]}", lambda: (explorer.quotes_by(top), explorer.quote_tally(top))),
        ("voices: who uses distancing cues", lambda: explorer.who(stance="distancing")),
        ("voices: who is a government source", lambda: explorer.who(speaker_type="government")),
        ("article: the longest, every mark", lambda: article_html(explorer.text(longest), explorer.marks(longest))),
        ("article: opened at a span", lambda: article_html(
            explorer.text(longest), explorer.marks(longest, focus=focus),
            fold_at=explorer.paragraph_start(longest, focus[0]))),
        ("compare: the pair sharing most text", lambda: (explorer.passages(*pair), explorer.figures(*pair))),
        ("compare: a random pair", lambda: (explorer.passages(*other), explorer.figures(*other))),
    ]
    widget_steps: list[tuple[str, Callable[[], Any]]] = [
        ("widgets: type a word outside the lexicon", lambda: app.show_term("governor")),
        ("widgets: per outlet", lambda: setattr(app.by, "value", "outlet" if app.by.value == "article" else "article")),
        ("widgets: pick the most quoted speaker", lambda: app.show_speaker(top)),
        ("widgets: pick a cue stance", lambda: setattr(app.stance_menu, "value",
                                                       "" if app.stance_menu.value else "neutral")),
        ("widgets: open a row at its span", lambda: app.open_article(longest, *focus)),
        ("widgets: pick a pair to compare", lambda: app.show_pair(*pair)),
    ]
    figures = []
    for label, step in api + widget_steps:
        seconds = slowest(step, repeat)
        figures.append(seconds)
        print(f"  {label:52} {seconds:7.3f} s  {'ok' if seconds < TARGET else 'SLOW'}")
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--corpus", help="a folder or table of articles (default: 200 generated articles)")
    parser.add_argument("--repeat", type=int, default=5, help="runs of each interaction; the slowest is reported")
    add_data_argument(parser)
    args = parser.parse_args()
    pin_to_one_core()
    with tempfile.TemporaryDirectory() as scratch:
        if args.corpus:
            corpora = [(Path(args.corpus).name, Path(args.corpus))]
        else:
            from tests.corpus_generator import generate_articles, write_corpus

            generated = write_corpus(generate_articles(200, outlets=12), Path(scratch) / "gen200")
            corpora = [("generated, 12 outlets", generated)]
            bbc = bbc_corpus_or_none(args.data)
            if bbc is not None:
                first = Path(scratch) / "bbc200.jsonl"
                with bbc.open(encoding="utf-8") as source, first.open("w", encoding="utf-8") as out:
                    for _, line in zip(range(200), source, strict=False):
                        json.loads(line)  # a whole record per line
                        out.write(line)
                corpora.append(("BBC, first 200", first))
        worst = max(max(measure(name, path, args.repeat)) for name, path in corpora)
    print(f"slowest interaction: {worst:.3f} s (target: under {TARGET} s)")


if __name__ == "__main__":
    main()
