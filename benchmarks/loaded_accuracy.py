"""Loaded-language accuracy: PTC Loaded_Language spans and BABE sentence-level bias.

Runs ``framing loaded``' detector over the PTC split's articles and over BABE as a
table corpus (id, text), then prints the shared scorers' figures:
``score_loaded.py`` (token and span-overlap P/R/F1) and ``score_babe.py`` (macro-F1).
BABE's operating point (the minimum span score and spans per sentence) is always
chosen on one half of the dev split: on dev it is reported on the other half, and
on test on the whole test split, which is never used to choose anything.

Usage:
    python benchmarks/loaded_accuracy.py [--data ../shared/benchmarks] [--split dev] [--record [FILE]]

Prints figures; asserts nothing; says so and exits 0 when the data is absent. With
``--record`` it also writes the figures into ``analysis/data/accuracy.json`` (or FILE),
which the report's index shows (see :mod:`analysis.accuracy`).
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import json
import shlex
import subprocess
import sys
import tempfile
from pathlib import Path

from _before_after import print_before_after  # noqa: E402

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


def babe_halves(babe: Path) -> tuple[list[str], dict[int, list[dict]]]:
    """BABE's columns and its rows in two fixed halves, by md5 of the id."""
    with babe.open(encoding="utf-8") as handle:
        reader = csv.DictReader(handle)
        rows = list(reader)
        columns = list(reader.fieldnames or [])
    halves: dict[int, list[dict]] = {0: [], 1: []}
    for row in rows:
        halves[int(hashlib.md5(("half:" + row["id"]).encode()).hexdigest(), 16) % 2].append(row)
    return columns, halves


def babe_scores(data: Path, tmp: Path, name: str, columns: list[str], rows: list[dict],
                points: list[tuple[float, int]]) -> dict[tuple[float, int], dict]:
    """``score_babe.py``'s figures for ``rows`` at each operating point (minimum span score, spans)."""
    table = tmp / f"{name}.csv"
    with table.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=columns)
        writer.writeheader()
        writer.writerows(rows)
    results = {}
    for min_score in sorted({score for score, _ in points}):
        out = tmp / f"{name}-{min_score}.jsonl"
        write_predictions(table, out, BABE_LEVELS, min_score)
        for score, spans in points:
            if score == min_score:
                results[(score, spans)] = run(data / "score_babe.py", str(out), str(table), "--min-spans", str(spans))
    return results


def accuracy_row(task: str, dataset: str, split: str, measure: str, figures: dict, settings: str,
                 n: int) -> dict:
    """One row for ``--record`` (see :mod:`analysis.accuracy`)."""
    from datetime import date

    from analysis.accuracy import package_version

    return {"task": task, "dataset": dataset, "split": split, "measure": measure,
            "precision": figures["precision"], "recall": figures["recall"], "f1": figures["f1"],
            "speaker_accuracy": None, "n": n, "settings": settings, "measured": date.today().isoformat(),
            "version": package_version(),
            "command": shlex.join(["python", "benchmarks/loaded_accuracy.py", *sys.argv[1:]])}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", default=str(ROOT.parent / "shared" / "benchmarks"))
    parser.add_argument("--split", default="dev", choices=["dev", "test"])
    parser.add_argument("--record", nargs="?", const="", metavar="FILE",
                        help="also write the figures into analysis/data/accuracy.json (or FILE)")
    args = parser.parse_args()
    data = Path(args.data)
    if not (data / "score_loaded.py").exists():
        print(f"skipped: {data / 'score_loaded.py'} not found")
        return 0
    recorded: list[dict] = []
    with tempfile.TemporaryDirectory() as folder:
        tmp = Path(folder)
        ptc = data / "loaded" / "ptc" / args.split / "articles"
        predictions = tmp / "ptc.jsonl"
        count = write_predictions(ptc, predictions, PTC_LEVELS)
        gold = data / "loaded" / "ptc" / f"gold_{args.split}.jsonl"
        figures = run(data / "score_loaded.py", str(predictions), str(gold))
        print(f"PTC {args.split}: {count} predicted spans (levels: {', '.join(PTC_LEVELS)})")
        print(json.dumps(figures))
        settings = f"levels: {', '.join(PTC_LEVELS)}"
        gold_tokens = figures["token"]["tp"] + figures["token"]["fn"]
        for key, measure, n in (("token", "tokens", gold_tokens),
                                ("span_partial", "spans (partial overlap)", figures["n_gold_spans"])):
            recorded.append(accuracy_row("loaded language", "PTC (Propaganda Techniques Corpus), Loaded_Language",
                                         args.split, measure, figures[key], settings, n))

        columns, dev = babe_halves(data / "loaded" / "babe" / "dev.csv")
        points = [(score, spans) for score in BABE_SCORES for spans in (1, 2)]
        chosen_on = babe_scores(data, tmp, "dev-a", columns, dev[0], points)
        best = max(chosen_on, key=lambda k: (chosen_on[k]["macro_f1"], -k[0], -k[1]))
        if args.split == "dev":
            reported, split, n = babe_scores(data, tmp, "dev-b", columns, dev[1], [best])[best], "dev (half B)", \
                len(dev[1])
        else:
            test_columns, test = babe_halves(data / "loaded" / "babe" / "test.csv")
            rows = test[0] + test[1]
            reported, split, n = babe_scores(data, tmp, "test", test_columns, rows, [best])[best], "test", len(rows)
        print(f"BABE: operating point chosen on dev half A: span score >= {best[0]}, spans >= {best[1]} "
              f"(dev half A macro-F1 {chosen_on[best]['macro_f1']}); reported on {split}: "
              f"macro-F1 {reported['macro_f1']}, accuracy {reported['accuracy']}")
        classes = [reported["biased"], reported["non_biased"]]
        macro = {"precision": sum(c["p"] for c in classes) / 2, "recall": sum(c["r"] for c in classes) / 2,
                 "f1": reported["macro_f1"]}
        recorded.append(accuracy_row(
            "sentence bias", "BABE (SG2)", split, "sentences, macro average of biased and non-biased", macro,
            f"biased: a span of any level with score >= {best[0]}, {best[1]} or more per sentence "
            "(chosen on dev half A)", n))
    print_before_after(recorded)
    if args.record is not None:
        from analysis.accuracy import record_accuracy

        print(f"recorded {len(recorded)} rows in {record_accuracy(recorded, path=args.record or None)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
