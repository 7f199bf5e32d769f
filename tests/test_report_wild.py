"""`framing report` end to end on corpora from the wild: a folder of HTML pages and a Media Cloud export."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys

import pytest

from analysis import load_corpus
from analysis.report import report_notebooks

from .conftest import NOTEBOOKS, ROOT

HTML = ROOT / "tests" / "fixtures" / "html"
MEDIA_CLOUD = ROOT / "tests" / "fixtures" / "mediacloud" / "story-list.csv"
OUTLETS = ["Eastern Wire", "The Harbour Times", "The Morning Ledger"]


def _report(folder, corpus):
    """``framing report`` in a fresh process: every notebook, as a user runs it (minutes on a busy machine)."""
    out = folder / "out"
    result = subprocess.run([sys.executable, "-m", "analysis", "report", "--corpus", str(corpus), "--out", str(out)],
                            cwd=ROOT, capture_output=True, text=True, timeout=1800)
    assert result.returncode == 0, result.stderr
    return out


@pytest.fixture(scope="module")
def html_report(tmp_path_factory):
    folder = tmp_path_factory.mktemp("html-report")
    pages = folder / "pages"
    shutil.copytree(HTML, pages)
    return pages, _report(folder, pages)


@pytest.fixture(scope="module")
def media_cloud_report(tmp_path_factory):
    folder = tmp_path_factory.mktemp("mc-report")
    export = folder / "story-list.csv"
    shutil.copy(MEDIA_CLOUD, export)
    return export, _report(folder, export)


def _summaries(out):
    return {p.stem: json.loads(p.read_text()) for p in (out / "summaries").glob("*.json")}


@pytest.mark.parametrize("which", ["html_report", "media_cloud_report"])
def test_every_notebook_runs_on_the_corpus_and_the_index_shows_its_outlets(request, which):
    corpus, out = request.getfixturevalue(which)
    html = (out / "index.html").read_text(encoding="utf-8")
    assert "3 articles, 3 outlets, 2025-03-14 to 2025-03-16" in html
    for outlet in OUTLETS:
        assert outlet in html
    for notebook in report_notebooks(NOTEBOOKS):
        assert (out / f"{notebook.stem}.html").exists()
    overview = _summaries(out)["01-corpus-overview"]
    assert overview["articles"] == 3
    assert overview["errors"] == (1 if which == "html_report" else 0)  # the page with only a menu
    assert overview["quotations"] > 0


def test_html_report_saves_the_extracted_texts_and_lists_the_bad_page(html_report):
    pages, out = html_report
    html = (out / "index.html").read_text(encoding="utf-8")
    assert '3 articles read from HTML pages' in html and 'href="texts/"' in html
    corpus = load_corpus(pages)
    for row in corpus.articles.itertuples():
        assert (out / "texts" / f"{row.article}.txt").read_text(encoding="utf-8") == row.text
    assert "menu-only.html" in html and "empty_extraction" in html
    for words in ["War in Freedonia", "Invasion live", "Copyright 2025"]:  # boilerplate never reaches a page
        assert words not in (out / "01-corpus-overview.html").read_text(encoding="utf-8")


def test_media_cloud_report_has_no_texts_folder(media_cloud_report):
    _, out = media_cloud_report
    assert not (out / "texts").exists()
    assert "read from HTML pages" not in (out / "index.html").read_text(encoding="utf-8")
