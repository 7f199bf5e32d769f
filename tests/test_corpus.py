import codecs
import json

import pandas as pd
import pytest

from analysis import CorpusError, load_corpus
from analysis.corpus import ARTICLE_COLUMNS, ERROR_COLUMNS

from .conftest import SEEDS, run_cli

GOOD_A = "The council met on Monday.\n\n“We will vote,” said the chair.\n"
GOOD_B = "Critics called the plan rash. The mayor disagreed.\n"
LATIN1 = (
    "Café owners in Zürich and Genève said the naïve plan would cost à la carte "
    "restaurants dearly. Señor Núñez, the façade's architect, agreed: «très cher»."
)
CP1251 = (
    "Муниципальные депутаты потребовали отставки Путина. Они считают, что его действия "
    "вредят будущему России и её граждан. Петиция была опубликована в понедельник."
)


@pytest.fixture()
def bad_folder(tmp_path):
    folder = tmp_path / "mixed"
    folder.mkdir()
    (folder / "good_a.txt").write_text(GOOD_A, encoding="utf-8")
    (folder / "good_b.txt").write_bytes(codecs.BOM_UTF8 + GOOD_B.encode("utf-8"))
    (folder / "empty.txt").write_bytes(b"")
    (folder / "blank.txt").write_text("  \n\t\n", encoding="utf-8")
    (folder / "binary.txt").write_bytes(bytes(range(256)) * 4)
    (folder / "latin1.txt").write_bytes(LATIN1.encode("latin-1"))
    (folder / "cyrillic.txt").write_bytes(CP1251.encode("cp1251"))
    (folder / "page.html").write_text(
        "<!DOCTYPE html><html><head><title>x</title></head><body><p>War.</p></body></html>", encoding="utf-8"
    )
    (folder / "unbalanced.txt").write_text("He said “this never ends.\n\nNext paragraph.\n", encoding="utf-8")
    pd.DataFrame({"id": ["t1", "t2"], "text": ["Table article one.", "Table article two."]}).to_csv(
        folder / "table_one.csv", index=False
    )
    (folder / "table_two.jsonl").write_text(
        json.dumps({"id": "t2", "text": "A second t2."}) + "\n" + json.dumps({"id": "t3", "text": "Three."}) + "\n",
        encoding="utf-8",
    )
    return folder


def test_seeds_load_byte_for_byte(seeds_corpus):
    articles = seeds_corpus.articles
    assert list(articles.columns) == ARTICLE_COLUMNS
    assert len(articles) == 5 and seeds_corpus.errors.empty
    for row in articles.itertuples():
        assert row.text == (SEEDS / f"{row.article}.txt").read_bytes().decode("utf-8")
    meta = articles.set_index("article")
    assert meta.loc["003_f5e4e8201eb882f6", "outlet"] == "Washington Examiner"
    assert meta.loc["003_f5e4e8201eb882f6", "dateline"] == "2025-01-22"
    assert meta.loc["002_a6792d8b72d2b792", "date"] == "2022-09-12"
    assert meta.loc["000_8f6f3232b2e62415", "outlet"] == ""  # not established by the text: left empty


def test_bad_input_is_reported_and_the_rest_runs(bad_folder):
    corpus = load_corpus(bad_folder)
    assert list(corpus.errors.columns) == ERROR_COLUMNS
    problems = {(e.article, e.problem) for e in corpus.errors.itertuples()}
    assert problems == {
        ("empty", "empty"),
        ("blank", "whitespace_only"),
        ("binary", "binary"),
        ("latin1", "not_utf8"),
        ("cyrillic", "not_utf8"),
        ("unbalanced", "unbalanced_quotes"),
        ("t2", "duplicate_id"),
    }
    articles = corpus.articles.set_index("article")
    assert sorted(articles.index) == ["cyrillic", "good_a", "good_b", "latin1", "page", "t1", "t2", "t3", "unbalanced"]
    assert articles.loc["page", "text"] == "War.\n" and articles.loc["page", "input_format"] == "html"  # its main text
    assert articles.loc["page", "title"] == "x" and articles.loc["good_a", "input_format"] == "text"
    assert articles.loc["good_b", "text"] == GOOD_B  # BOM removed, nothing else changed
    assert articles.loc["latin1", "text"] == LATIN1
    assert articles.loc["cyrillic", "text"] == CP1251
    assert articles.loc["t2", "text"] == "Table article two."  # the first copy is kept
    duplicate = corpus.errors[corpus.errors["problem"] == "duplicate_id"].iloc[0]
    assert "table_one.csv" in duplicate["detail"] and "table_two.jsonl" in duplicate["source"]
    detail = corpus.errors.set_index("article").loc["cyrillic", "detail"]
    assert "cp1251" in detail or "windows-1251" in detail


def test_cli_on_bad_folder_exits_zero(bad_folder):
    result = run_cli("terms", str(bad_folder), "--format", "jsonl")
    assert result.returncode == 0, result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 8 and all(line.startswith("framing: ") for line in lines)  # 7 problems, 1 note:
    assert lines[-1] == "framing: 1 article extracted from HTML: offsets refer to the extracted text; --texts DIR saves it"
    assert any("binary" in line and "binary.txt" in line for line in lines)


def test_nothing_to_analyse_exits_one(tmp_path):
    (tmp_path / "empty.txt").write_bytes(b"")
    result = run_cli("metrics", str(tmp_path))
    assert result.returncode == 1
    assert "empty" in result.stderr and "nothing could be analysed" in result.stderr


def test_missing_path(tmp_path):
    with pytest.raises(CorpusError, match="nope"):
        load_corpus(tmp_path / "nope")
    result = run_cli("terms", str(tmp_path / "nope"))
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1 and "nope" in result.stderr


def test_tables_and_metadata(tmp_path):
    pd.DataFrame(
        {"id": ["x", "y"], "text": ["War here.", "Peace there."], "outlet": ["Daily A", ""], "url": ["http://a", ""]}
    ).to_parquet(tmp_path / "t.parquet")
    corpus = load_corpus(tmp_path / "t.parquet")
    assert list(corpus.articles["article"]) == ["x", "y"]
    assert corpus.articles.set_index("article").loc["x", "outlet"] == "Daily A"
    folder = tmp_path / "folder"
    folder.mkdir()
    (folder / "b.txt").write_text("Second.", encoding="utf-8")
    (folder / "a.txt").write_text("First.", encoding="utf-8")
    (folder / "metadata.csv").write_text("id,outlet,date\na,The Paper,2022-09-12\n", encoding="utf-8")
    corpus = load_corpus(folder)
    assert list(corpus.articles["article"]) == ["a", "b"]  # sorted
    assert corpus.articles.iloc[0][["outlet", "date"]].tolist() == ["The Paper", "2022-09-12"]


def test_jsonl_bad_line_and_missing_columns(tmp_path):
    (tmp_path / "t.jsonl").write_text('{"id": "a", "text": "Fine."}\nnot json\n{"id": "", "text": "x"}\n')
    corpus = load_corpus(tmp_path / "t.jsonl")
    assert list(corpus.articles["article"]) == ["a"]
    assert list(corpus.errors["problem"]) == ["bad_row", "missing_id"]
    (tmp_path / "bad.csv").write_text("name,body\nx,y\n")
    assert list(load_corpus(tmp_path / "bad.csv").errors["problem"]) == ["bad_table"]


def test_too_large_and_unsupported(tmp_path):
    (tmp_path / "big.txt").write_text("word " * 100, encoding="utf-8")
    (tmp_path / "notes.docx").write_bytes(b"PK")
    corpus = load_corpus(tmp_path, max_bytes=100)
    assert set(corpus.errors["problem"]) == {"too_large", "unsupported_file"}


def test_utf16_with_bom(tmp_path):
    (tmp_path / "u.txt").write_bytes("War and peace.".encode("utf-16"))
    corpus = load_corpus(tmp_path)
    assert corpus.articles.iloc[0]["text"] == "War and peace."
    assert corpus.errors.iloc[0]["problem"] == "not_utf8"
