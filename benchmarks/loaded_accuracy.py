"""Loaded-language accuracy: PTC Loaded_Language spans and BABE sentence-level bias.

Runs ``framing loaded``' detector over the PTC split's articles and over BABE as a
table corpus (id, text), then prints the shared scorers' figures:
``score_loaded.py`` (token and span-overlap P/R/F1) and ``score_babe.py`` (macro-F1,
with the minimum number of spans per sentence chosen on one half of the dev split
and reported on the other half).

Usage:
    python benchmarks/loaded_accuracy.py [--data ../shared/benchmarks] [--split dev]

Prints figures; asserts nothing; says so and exits 0 when the data is absent.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import json
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# Operating points, chosen on dev: PTC's Loaded_Language leaves out labels and factual
# words (its Name_Calling covers labels), so it is scored on moderate and strong spans;
# BABE's biased words include partisan labels and distancing verbs, so it uses every level.
PTC_LEVELS = ("moderate", "strong")
BABE_LEVELS = ("mild", "moderate", "strong")
BABE_SCORES = (0.0, 1.5, 2.0, 2.5, 3.0)  # minimum span score tried on half A
sys.path.insert(0, str(ROOT))


def write_predictions(corpus_path: Path, out: Path, levels: tuple[str, ...], min_score: float = 0.0) -> int:
    from analysis import load_corpus
    from analysis.loaded import find_loaded

    hits = find_loaded(load_corpus(corpus_path))
    hits = hits[hits["loaded"] & hits["level"].isin(levels) & (hits["score"] >= min_score)]
    with out.open("w", encoding="utf-8") as handle:
        for row in hits.itertuples(index=False):
            handle.write(json.dumps({"article": row.article, "start": int(row.start), "end": int(row.end),
                                     "text": row.text, "category": row.category, "voice": row.voice,
                                     "score": float(row.score)}, ensure_ascii=False) + "\n")
    return len(hits)


def run(script: Path, *args: str) -> dict:
    result = subprocess.run([sys.executable, str(script), *args], capture_output=True, text=True)
    if result.returncode:
        raise SystemExit(f"{script.name} failed: {result.stderr.strip().splitlines()[-1]}")
    return json.loads(result.stdout)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", default=str(ROOT.parent / "shared" / "benchmarks"))
    parser.add_argument("--split", default="dev", choices=["dev", "test"])
    args = parser.parse_args()
    data = Path(args.data)
    if not (data / "score_loaded.py").exists():
        print(f"skipped: {data / 'score_loaded.py'} not found")
        return 0
    with tempfile.TemporaryDirectory() as tmp:
        ptc = data / "loaded" / "ptc" / args.split / "articles"
        predictions = Path(tmp) / "ptc.jsonl"
        count = write_predictions(ptc, predictions, PTC_LEVELS)
        gold = data / "loaded" / "ptc" / f"gold_{args.split}.jsonl"
        figures = run(data / "score_loaded.py", str(predictions), str(gold))
        print(f"PTC {args.split}: {count} predicted spans (levels: {', '.join(PTC_LEVELS)})")
        print(json.dumps(figures))

        babe = data / "loaded" / "babe" / f"{args.split}.csv"
        rows = list(csv.DictReader(babe.open(encoding="utf-8")))
        halves = {0: [], 1: []}
        for row in rows:  # a fixed split by md5 of the id: choose on one half, report on the other
            halves[int(hashlib.md5(("half:" + row["id"]).encode()).hexdigest(), 16) % 2].append(row)
        results = {}
        for name, half in halves.items():
            table = Path(tmp) / f"babe{name}.csv"
            with table.open("w", encoding="utf-8", newline="") as handle:
                writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
                writer.writeheader()
                writer.writerows(half)
            results[name] = {}
            for min_score in BABE_SCORES:
                out = Path(tmp) / f"babe{name}-{min_score}.jsonl"
                write_predictions(table, out, BABE_LEVELS, min_score)
                for spans in (1, 2):
                    results[name][(min_score, spans)] = run(data / "score_babe.py", str(out), str(table),
                                                            "--min-spans", str(spans))
        best = max(results[0], key=lambda k: (results[0][k]["macro_f1"], -k[0], -k[1]))
        print(f"BABE {args.split}: threshold chosen on half A: span score >= {best[0]}, spans >= {best[1]} "
              f"(half A macro-F1 {results[0][best]['macro_f1']}); reported on half B: "
              f"macro-F1 {results[1][best]['macro_f1']}, accuracy {results[1][best]['accuracy']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
