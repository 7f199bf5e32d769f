"""Peak memory of ``framing metrics`` as the corpus grows: streaming keeps it flat.

The corpus is the BBC table REPLICATED: copy k of every article gets the id
``<id>~k`` and the same text. Replication grows the bytes to read, analyse and
write, but not the variety: the speaker type tallies (the one thing
``framing metrics`` keeps across chunks) stay as small as on the original
corpus; a real corpus of the same size would have more distinct speakers.

Each size runs ``framing metrics --format csv --out FILE`` in a fresh process
pinned to one core, and reports that process's peak RSS (``wait4``) and time.

Usage:
    python benchmarks/streaming_memory.py [--data ../shared/benchmarks] [--copies 1,4,16] [--gigabytes 1]

Prints figures; asserts nothing. Exits 0 and says so when the data is absent.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from pathlib import Path

from _bbc import add_data_argument, bbc_corpus_or_none, run_framing_metrics


def replicate(source: Path, target: Path, copies: int) -> int:
    """Write ``copies`` copies of the table at ``source`` to ``target`` with new ids; the bytes written."""
    rows = [json.loads(line) for line in source.open(encoding="utf-8")]
    with target.open("w", encoding="utf-8") as out:
        for k in range(copies):
            for row in rows:
                out.write(json.dumps({**row, "id": f"{row['id']}~{k}"}, ensure_ascii=False) + "\n")
    return target.stat().st_size


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    add_data_argument(parser)
    parser.add_argument("--copies", default="1,4,16", help="comma-separated replication factors")
    parser.add_argument("--gigabytes", type=float, default=0.0,
                        help="also run on a replicated corpus of about this many GB (1 GB takes long)")
    args = parser.parse_args()
    source = bbc_corpus_or_none(args.data)
    if source is None:
        return 0
    copies = [int(c) for c in args.copies.split(",") if c]
    if args.gigabytes:
        copies.append(max(1, round(args.gigabytes * 1e9 / source.stat().st_size)))
    print(f"corpus: {source}, REPLICATED with new ids (copy k of article X is X~k); one core per run")
    print(f"{'copies':>7} {'articles':>9} {'MB read':>8} {'peak RSS MB':>12} {'seconds':>8} {'rows out':>9}")
    with tempfile.TemporaryDirectory() as tmp:
        for k in copies:
            table = Path(tmp) / f"bbc-x{k}.jsonl"
            size = replicate(source, table, k)
            out = Path(tmp) / f"metrics-x{k}.csv"
            run = run_framing_metrics(table, out)
            rows = sum(1 for _ in out.open(encoding="utf-8")) - 1
            articles = sum(1 for _ in table.open(encoding="utf-8"))
            print(f"{k:>7} {articles:>9,} {size / 1e6:>8,.0f} {run.peak_rss_mb:>12,.0f} {run.wall:>8,.1f} "
                  f"{rows:>9,}", flush=True)
            table.unlink()
            out.unlink()
    return 0


if __name__ == "__main__":
    sys.exit(main())
