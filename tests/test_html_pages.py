"""HTML pages as articles: main text only, metadata kept, offsets into the saved extracted text."""

from __future__ import annotations

import json
import shutil
import socket
import subprocess
import sys

import pandas as pd
import pytest

from analysis import find_terms, load_corpus
from analysis.html_pages import ExtractedPage, PageProblem, extract_page, text_file_name, write_extracted_texts

from .conftest import ROOT, SEEDS, run_cli

HTML = ROOT / "tests" / "fixtures" / "html"
PAGES = ["eastern-wire-operation", "harbour-times-border", "morning-ledger-talks"]
# Words that stand only in the fixtures' navigation, scripts, banners, asides, forms and footers.
BOILERPLATE = ["War in Freedonia", "Protest diary", "Invasion live", "said the minister", "cookies", "Related",
               "Invasion fears", "Copyright", "Privacy", "Subscribe", "Most read", "conflict briefing",
               "checked twice", "Front page", "Ada Lindqvist", "tracker", "function track"]


def test_a_page_gives_its_main_text_and_its_metadata():
    page = extract_page((HTML / "harbour-times-border.html").read_text(encoding="utf-8"))
    assert isinstance(page, ExtractedPage)
    assert page.text.startswith("Armoured columns from Sylvania crossed")
    assert page.text.endswith("a ceasefire proposal was being drafted.\n")
    assert page.text.count("\n\n") == 4  # five paragraphs, a blank line between them, as a .txt article
    assert "Sylvanian columns cross into Freedonia at dawn" not in page.text  # the headline is the title
    assert page.title == "Sylvanian columns cross into Freedonia at dawn"
    assert page.url == "https://harbourtimes.example/world/2025/03/14/sylvanian-columns-cross"
    assert page.date == "2025-03-14" and page.outlet == "The Harbour Times"


@pytest.mark.parametrize("name", PAGES)
def test_navigation_scripts_and_footers_never_reach_the_text(name):
    path = next(HTML.glob(f"{name}.*"))
    source = path.read_text(encoding="utf-8")
    page = extract_page(source)
    assert isinstance(page, ExtractedPage)
    for words in BOILERPLATE:
        assert words not in page.text, (name, words)
    assert any(words in source for words in BOILERPLATE)  # the fixture does hold boilerplate to leave out


@pytest.mark.parametrize(
    ("html", "problem"),
    [
        ("<html><body><nav><a href='/'>Home</a> <a href='/war'>War</a></nav><footer>© 2025</footer></body></html>",
         "empty_extraction"),
        ("<html><head><script>var invasion = 'war';</script></head><body></body></html>", "empty_extraction"),
        ("no markup at all, only words", "bad_html"),
        ("<<<>>>", "bad_html"),
        ("https://harbourtimes.example/world/story", "bad_html"),  # a URL is not a page: never fetched
    ],
)
def test_a_page_without_article_text_is_a_problem(html, problem):
    found = extract_page(html)
    assert isinstance(found, PageProblem) and found.problem == problem and found.detail


def test_a_page_that_trips_the_extractor_is_one_problem_and_the_rest_runs(tmp_path, monkeypatch):
    import trafilatura

    folder = tmp_path / "pages"
    shutil.copytree(HTML, folder)
    (folder / "tripwire.html").write_text("<html><body><article><p>Deeply odd markup.</p></article></body></html>")
    real = trafilatura.bare_extraction

    def fragile(tree, **options):
        if "Deeply odd" in tree.text_content():
            raise RecursionError("maximum recursion depth exceeded")
        return real(tree, **options)

    monkeypatch.setattr(trafilatura, "bare_extraction", fragile)
    corpus = load_corpus(folder)
    assert sorted(corpus.articles["article"]) == PAGES
    errors = corpus.errors.set_index("article")
    assert errors.loc["tripwire", "problem"] == "bad_html" and "RecursionError" in errors.loc["tripwire", "detail"]
    assert errors.loc["tripwire", "source"].endswith("tripwire.html")


def test_a_folder_of_pages_is_a_corpus_and_a_bad_page_a_listed_problem():
    corpus = load_corpus(HTML)
    articles = corpus.articles.set_index("article")
    assert sorted(articles.index) == PAGES
    assert set(articles["input_format"]) == {"html"}
    assert articles.loc["eastern-wire-operation", "outlet"] == "Eastern Wire"
    assert articles.loc["eastern-wire-operation", "date"] == "2025-03-14"  # from <time datetime>
    assert articles.loc["morning-ledger-talks", "date"] == "2025-03-16"
    assert articles.loc["morning-ledger-talks", "url"] == "https://morningledger.example/2025/03/16/talks-stall"
    for name in PAGES:
        assert articles.loc[name, "text"] == extract_page(next(HTML.glob(f"{name}.*")).read_text()).text
    (error,) = corpus.errors.itertuples()
    assert (error.article, error.problem) == ("menu-only", "empty_extraction")
    assert error.source.endswith("menu-only.html")


def test_framing_terms_come_from_the_article_text_only():
    corpus = load_corpus(HTML)
    terms = find_terms(corpus)
    texts = corpus.articles.set_index("article")["text"]
    for hit in terms.itertuples():
        assert texts[hit.article][hit.start:hit.end] == hit.text
    found = sorted(zip(terms["article"], terms["term"]))
    # Counted by hand in the pages' article text; the menus, scripts and footers add "war",
    # "invasion", "protest" and "conflict" many times over, and none of them counts.
    assert found == [
        ("eastern-wire-operation", "special military operation"),
        ("harbour-times-border", "aggression"),
        ("harbour-times-border", "invasion"),
        ("morning-ledger-talks", "crisis"),
        ("morning-ledger-talks", "fighting"),
        ("morning-ledger-talks", "protest"),
    ]


def test_metadata_csv_has_the_last_word_over_what_a_page_says(tmp_path):
    folder = tmp_path / "pages"
    shutil.copytree(HTML, folder)
    pd.DataFrame({"id": ["eastern-wire-operation"], "outlet": ["EW Agency"], "date": [""]}).to_csv(
        folder / "metadata.csv", index=False)
    articles = load_corpus(folder).articles.set_index("article")
    assert articles.loc["eastern-wire-operation", "outlet"] == "EW Agency"
    assert articles.loc["eastern-wire-operation", "date"] == "2025-03-14"  # an empty cell leaves the page's date
    assert articles.loc["harbour-times-border", "outlet"] == "The Harbour Times"


def test_a_single_page_and_a_page_saved_as_txt_are_read_too(tmp_path):
    page = HTML / "harbour-times-border.html"
    (one,) = load_corpus(page).articles.itertuples()
    assert one.article == "harbour-times-border" and one.input_format == "html"
    saved_as_txt = tmp_path / "saved.txt"
    shutil.copy(page, saved_as_txt)
    (same,) = load_corpus(saved_as_txt).articles.itertuples()
    assert same.text == one.text and same.input_format == "html"
    plain = load_corpus(SEEDS).articles
    assert set(plain["input_format"]) == {"text"}


def test_a_table_column_of_html_is_extracted_row_by_row(tmp_path):
    page = (HTML / "morning-ledger-talks.html").read_text(encoding="utf-8")
    table = tmp_path / "crawl.csv"
    pd.DataFrame({"id": ["p1", "p2"], "html": [page, "<html><body><nav>Home</nav></body></html>"],
                  "outlet": ["Ledger (given)", ""]}).to_csv(table, index=False)
    corpus = load_corpus(table)
    (row,) = corpus.articles.itertuples()
    assert row.article == "p1" and row.input_format == "html"
    assert row.text.startswith("Negotiators from Freedonia") and "Most read" not in row.text
    assert row.outlet == "Ledger (given)" and row.title == "Talks on the northern conflict stall in Port Ellis"
    (error,) = corpus.errors.itertuples()
    assert error.article == "p2" and error.problem == "empty_extraction" and "crawl.csv:line" in error.source
    mixed = tmp_path / "mixed.jsonl"
    mixed.write_text(json.dumps({"id": "h", "text": page}) + "\n" + json.dumps({"id": "t", "text": "War, he said.\n"})
                     + "\n", encoding="utf-8")
    formats = load_corpus(mixed).articles.set_index("article")["input_format"]
    assert formats.to_dict() == {"h": "html", "t": "text"}


def test_nothing_is_downloaded(monkeypatch):
    attempts = []

    def refuse(*args, **kwargs):
        attempts.append(args)
        raise OSError("no network in this test")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    corpus = load_corpus(HTML)
    assert len(corpus.articles) == 3
    assert isinstance(extract_page("https://harbourtimes.example/world/story"), PageProblem)
    assert attempts == []


def test_html_libraries_load_only_when_a_page_is_read():
    code = (
        "import sys\n"
        "from analysis import load_corpus\n"
        f"load_corpus({str(SEEDS)!r})\n"
        "print('trafilatura' in sys.modules, 'htmldate' in sys.modules)\n"
        f"load_corpus({str(HTML)!r})\n"
        "print('trafilatura' in sys.modules, 'htmldate' in sys.modules)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["False", "False", "True", "True"]


@pytest.mark.parametrize(
    ("article", "name"),
    [("harbour-times-border", "harbour-times-border.txt"), ("2841001", "2841001.txt"),
     ("../etc/passwd", "%2E.%2Fetc%2Fpasswd.txt"), (".hidden", "%2Ehidden.txt"), ("a b", "a%20b.txt")],
)
def test_saved_text_names_stay_inside_the_folder(article, name):
    assert text_file_name(article) == name


def test_saved_texts_are_the_extracted_texts_byte_for_byte(tmp_path):
    corpus = load_corpus([HTML, SEEDS])
    assert write_extracted_texts(corpus.articles, tmp_path / "texts") == 3  # the seeds' text is their file
    for row in corpus.articles[corpus.articles["input_format"] == "html"].itertuples():
        assert (tmp_path / "texts" / f"{row.article}.txt").read_bytes() == row.text.encode("utf-8")
    assert write_extracted_texts(load_corpus(SEEDS).articles, tmp_path / "none") == 0
    assert not (tmp_path / "none").exists()


def test_cli_quotes_on_pages_with_their_texts_saved_beside(tmp_path):
    texts = tmp_path / "texts"
    result = run_cli("quotes", str(HTML), "--texts", str(texts))
    assert result.returncode == 0, result.stderr
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert {r["article"] for r in records} == set(PAGES)
    for record in records:  # every span can be checked against the saved text
        saved = (texts / f"{record['article']}.txt").read_text(encoding="utf-8")
        assert saved[record["start"]:record["end"]] == record["text"]
    assert "menu-only.html" in result.stderr and "empty_extraction" in result.stderr
    assert f"3 articles extracted from HTML: their text, which offsets refer to, is in {texts}" in result.stderr


def test_cli_metrics_out_saves_the_texts_beside_the_table(tmp_path):
    out = tmp_path / "results" / "metrics.csv"
    out.parent.mkdir()
    result = run_cli("metrics", str(HTML), "--out", str(out))
    assert result.returncode == 0, result.stderr
    assert sorted(p.stem for p in (out.parent / "texts").glob("*.txt")) == PAGES
    assert sorted(pd.read_csv(out)["article"]) == PAGES
    streamed = run_cli("terms", str(HTML))
    assert streamed.returncode == 0
    assert "3 articles extracted from HTML: offsets refer to the extracted text; --texts DIR saves it" in streamed.stderr


def test_cli_refuses_texts_that_is_a_file(tmp_path):
    (tmp_path / "file").write_text("x")
    result = run_cli("terms", str(HTML), "--texts", str(tmp_path / "file"))
    assert result.returncode == 2 and "is a file" in result.stderr
