"""Smoke run: `framing report` on every benchmark corpus that is present, with its time.

These corpora were never used to write the tests: GGT dev articles (49 Canadian news
articles), PolNeAR train articles (840 US election articles) and the BBC table (2,225
articles). Each report must complete; the script prints one line per corpus and exits 1 if
any report failed. It skips (exit 0) when the benchmarks folder is absent.

    python benchmarks/smoke.py --data ../shared/benchmarks [--out /tmp/smoke] [--only bbc]
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from _bbc import add_data_argument

CORPORA = {
    "ggt-dev": "quotes/ggt/dev/articles",
    "polnear-train": "quotes/polnear/train/articles",
    "bbc": "corpus/bbc.jsonl",
}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    add_data_argument(parser)
    parser.add_argument("--out", help="where the reports go (default: a temporary folder, removed after)")
    parser.add_argument("--only", choices=sorted(CORPORA), action="append", help="run only these corpora")
    args = parser.parse_args()
    present = {name: Path(args.data) / rel for name, rel in CORPORA.items()
               if (Path(args.data) / rel).exists() and (not args.only or name in args.only)}
    if not present:
        print(f"skipped: no benchmark corpus under {args.data}")
        return 0
    with tempfile.TemporaryDirectory(prefix="framing-smoke-") as scratch:
        out_root = Path(args.out or scratch)
        failed = []
        for name, corpus in present.items():
            started = time.perf_counter()
            result = subprocess.run(
                [sys.executable, "-m", "analysis", "report", "--corpus", str(corpus), "--out", str(out_root / name)],
                capture_output=True, text=True,
            )
            seconds = time.perf_counter() - started
            status = "ok" if result.returncode == 0 else f"FAILED (exit {result.returncode})"
            print(f"{name:15s} {status:18s} {seconds:7.1f} s   {corpus}", flush=True)
            if result.returncode != 0:
                failed.append(name)
                print("  " + result.stderr.strip().replace("\n", "\n  "), flush=True)
    print(f"{len(present) - len(failed)} passed, {len(failed)} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
