"""Source types on corpora nobody typed: the share of quotations left ``unknown``, and a sample to read.

There is no gold standard for source types, so this prints, for the seeds, PolNeAR train,
GGT dev and the BBC corpus, how many sourced quotations have a speaker and how many of
those are typed, and with ``--sample N`` a reproducible random sample of N typed
quotations per corpus (speaker, type, the descriptions that typed it, the start of the
quotation) for reading by hand: the type precision reported in the README was estimated
that way. Prints figures; asserts nothing; skips a corpus whose data is absent.

Usage:
    python benchmarks/source_types.py [--data ../shared/benchmarks] [--sample 40] [--seed 2026]
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def corpora(data: Path) -> dict[str, Path]:
    return {
        "seeds": ROOT / "seeds",
        "PolNeAR train": data / "quotes" / "polnear" / "train" / "articles",
        "GGT dev": data / "quotes" / "ggt" / "dev" / "articles",
        "BBC": data / "corpus" / "bbc.jsonl",
    }


def main() -> int:
    from analysis import load_corpus
    from analysis.lexicon import lexicon_file
    from analysis.sourcing import find_quotes
    from analysis.sourcing.roles import speaker_roles
    from analysis.sourcing.source_types import _title_word, _type_rules

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", default=str(ROOT.parent / "shared" / "benchmarks"))
    parser.add_argument("--sample", type=int, default=0, help="typed quotations to print per corpus")
    parser.add_argument("--seed", type=int, default=2026)
    args = parser.parse_args()
    file = lexicon_file("source_types")
    rules = _type_rules(file)
    for name, path in corpora(Path(args.data)).items():
        if not path.exists():
            print(f"{name}: skipped, {path} not found")
            continue
        corpus = load_corpus(path)
        started = time.perf_counter()
        quotes = find_quotes(corpus)
        seconds = time.perf_counter() - started
        sourced = quotes[quotes["kind"] != "mention"]
        unknown = sourced["speaker_type"] == "unknown"
        named = sourced["speaker"].notna()
        print(f"{name}: {len(sourced)} sourced quotations in {seconds:.1f} s; unknown {unknown.mean():.3f} "
              f"(with a speaker: {(unknown & named).sum() / max(1, named.sum()):.3f})")
        counts = sourced["speaker_type"].value_counts()
        print("  " + ", ".join(f"{kind} {count}" for kind, count in counts.items()))
        typed = sourced[~unknown]
        if args.sample and len(typed):
            texts = dict(zip(corpus.articles["article"], corpus.articles["text"], strict=True))
            for row in typed.sample(min(args.sample, len(typed)), random_state=args.seed).itertuples():
                described = speaker_roles(texts[row.article], [row.speaker] if isinstance(row.speaker, str) else [],
                                          title_word=lambda word: _title_word(word, file),
                                          role_verbs=rules.role_verbs).get(row.speaker, [])
                print(f"  {row.speaker_type:16} | {row.speaker} | role: {row.role} | described: {described[:4]} | "
                      f"{row.text[:50]!r}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
