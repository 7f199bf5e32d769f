"""The whole report on generated corpora of every size the issue names, with and without metadata.

The corpora come from ``tests/corpus_generator.py`` (our own templates). Each report must
complete, give every notebook page with an image for each chart, and label articles by
outlet where the corpus gives one.
"""

import re

import nbformat
import pytest

from analysis.report import build_report, report_notebooks

from .conftest import NOTEBOOKS
from .corpus_generator import OUTLETS, generate_articles, write_corpus

NOTEBOOK_STEMS = [p.stem for p in report_notebooks(NOTEBOOKS)]  # the explorer (07) is interactive only


def _charts(stem):
    cells = nbformat.read(NOTEBOOKS / f"{stem}.ipynb", as_version=4).cells
    return sum(c.source.count("save_figure(") for c in cells if c.cell_type == "code")


def _check_report(out, *, outlets):
    index = (out / "index.html").read_text(encoding="utf-8")
    for stem in NOTEBOOK_STEMS:
        page = (out / f"{stem}.html").read_text(encoding="utf-8")
        images = len(re.findall(r"<img\b", page))
        assert images >= _charts(stem), f"{stem}: {images} images for {_charts(stem)} charts"
        assert "analysis of the seed corpus" not in page, f"{stem}: a caption written for the seeds"
        assert (out / "summaries" / f"{stem}.json").exists()
    for outlet in outlets:
        assert outlet in index or any(outlet in (out / f"{s}.html").read_text(encoding="utf-8") for s in NOTEBOOK_STEMS)


@pytest.mark.parametrize(
    ("n", "target", "metadata"),
    [
        (1, "corpus", False),  # one article, a folder, no metadata
        (2, "corpus.csv", True),  # two articles, a CSV table with outlets
        (12, "corpus.jsonl", True),  # twelve outlets, one article each (the long outlet name among them)
        (40, "corpus", True),  # a folder with metadata.csv: several articles per outlet
    ],
    ids=["1-folder-no-metadata", "2-csv", "12-jsonl", "40-folder-metadata"],
)
def test_report_on_generated_corpus(tmp_path, n, target, metadata):
    articles = generate_articles(n)
    corpus = write_corpus(articles, tmp_path / target, metadata=metadata)
    build_report(corpus, tmp_path / "out")
    outlets = sorted({a["outlet"] for a in articles}) if metadata else []
    _check_report(tmp_path / "out", outlets=outlets)
    if n == 12:
        assert OUTLETS[5] in {a["outlet"] for a in articles}  # the long outlet name is exercised


@pytest.mark.slow
def test_report_on_200_articles(tmp_path):
    articles = generate_articles(200, outlets=12)
    corpus = write_corpus(articles, tmp_path / "corpus.jsonl")
    build_report(corpus, tmp_path / "out")
    _check_report(tmp_path / "out", outlets=OUTLETS[:12])
