"""Shared fixtures: paths to the project's seeds and the hand-written mini corpus."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
MINI = ROOT / "tests" / "fixtures" / "mini"
NOTEBOOKS = ROOT / "notebooks"


@pytest.fixture(scope="session")
def seeds_corpus():
    from analysis import load_corpus

    return load_corpus(SEEDS)


@pytest.fixture(scope="session")
def seed_text():
    """Seed article text by three-digit prefix, e.g. seed_text("000")."""
    files = {p.name[:3]: p for p in SEEDS.glob("*.txt")}
    return lambda prefix: files[prefix].read_bytes().decode("utf-8")


def run_cli(*args: str, cwd: Path = ROOT):
    import subprocess

    return subprocess.run(
        [sys.executable, "-m", "analysis", *args], cwd=cwd, capture_output=True, text=True, timeout=300
    )


def corpus_of(*texts):
    """An articles table of our own short texts, ids a0, a1, …, nothing excluded."""
    import pandas as pd

    from analysis.corpus import ARTICLE_COLUMNS

    rows = [{"article": f"a{i}", "source": "test", "outlet": "", "date": "", "title": "", "url": "", "label": "",
             "encoding": "utf-8", "dateline": "", "text": t, "excluded": (), "input_format": "text"} for i, t in enumerate(texts)]
    return pd.DataFrame(rows, columns=ARTICLE_COLUMNS)
