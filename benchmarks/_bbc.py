"""Set-up shared by the BBC speed benchmarks: where the corpus is, and one core."""

from __future__ import annotations

import argparse
import os
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DATA = ROOT.parent / "shared" / "benchmarks"


def add_data_argument(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--data", default=str(DEFAULT_DATA), help="benchmarks folder")


def bbc_corpus_or_none(data: str) -> Path | None:
    """The BBC corpus under ``data``; None (after saying the run is skipped) when it is absent."""
    source = Path(data) / "corpus" / "bbc.jsonl"
    if not source.exists():
        print(f"skipped: {source} not found")
        return None
    return source


def pin_to_one_core() -> None:
    """Timings are per core: pin this process to the first core it may use."""
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {sorted(os.sched_getaffinity(0))[0]})
