"""Bad tables, folders and paths: every bad row is reported by line, every good row is kept, and
what reaches the terminal is short and cannot be forged by the input."""

import json

import pandas as pd
import pytest

import analysis.cli as cli
from analysis import load_corpus
from analysis.terminal import for_terminal

from .conftest import SEEDS, run_cli


def _write(path, text):
    path.write_bytes(text.encode("utf-8"))
    return path


def _problems(corpus):
    """(problem, where) pairs, where being the source after the file name ("line 3", "row 2")."""
    return [(e.problem, e.source.rpartition(":")[2]) for e in corpus.errors.itertuples()]


# --- JSONL -----------------------------------------------------------------------------------------


def test_jsonl_row_without_text_is_reported_by_line_and_the_rest_kept(tmp_path):
    rows = [{"id": "a", "text": "First."}, {"id": "b", "title": "no text"}, {"id": "c", "text": "Third."},
            {"id": "d", "text": None}, {"text": "No id."}, {"id": "e", "text": "Fifth."}]
    table = _write(tmp_path / "t.jsonl", "".join(json.dumps(r) + "\n" for r in rows))
    corpus = load_corpus(table)
    assert list(corpus.articles["article"]) == ["a", "c", "e"]
    assert _problems(corpus) == [("missing_text", "line 2"), ("missing_text", "line 4"), ("missing_id", "line 5")]
    assert list(corpus.errors["article"]) == ["b", "d", ""]


def test_jsonl_rows_before_the_first_text_key_are_kept_in_order(tmp_path):
    # The first rows show no "text" key yet: they are judged once a later row shows it.
    lines = ['{"id": "a"}', "not json", '{"id": "b", "text": "Kept."}', "[1, 2]"]
    corpus = load_corpus(_write(tmp_path / "t.jsonl", "\n".join(lines) + "\n"))
    assert list(corpus.articles["article"]) == ["b"]
    assert _problems(corpus) == [("missing_text", "line 1"), ("bad_row", "line 2"), ("bad_row", "line 4")]


def test_jsonl_without_a_text_key_anywhere_is_one_bad_table_naming_its_columns(tmp_path):
    lines = [json.dumps({"id": str(i), "body": "x"}) for i in range(50)]
    corpus = load_corpus(_write(tmp_path / "t.jsonl", "\n".join(lines)))
    assert corpus.articles.empty
    assert list(corpus.errors["problem"]) == ["bad_table"]
    detail = corpus.errors.iloc[0]["detail"]
    assert "'text'" in detail and "'id', 'body'" in detail and "'id' or" not in detail


def test_csv_without_id_and_text_names_both_and_the_columns_it_has(tmp_path):
    corpus = load_corpus(_write(tmp_path / "t.csv", "name,body\nx,y\n"))
    assert list(corpus.errors["problem"]) == ["bad_table"]
    assert "no 'id' or 'text' column" in corpus.errors.iloc[0]["detail"]
    assert "'name', 'body'" in corpus.errors.iloc[0]["detail"]


def test_undecodable_line_spoils_only_its_row(tmp_path):
    good = '{"id": "a", "text": "Fine."}\n'
    (tmp_path / "t.jsonl").write_bytes(good.encode() + b'{"id": "b", "text": "Caf\xe9"}\n' + good.replace("a", "c").encode())
    corpus = load_corpus(tmp_path / "t.jsonl")
    assert list(corpus.articles["article"]) == ["a", "c"]
    assert _problems(corpus) == [("bad_row", "line 2")]
    assert "UTF-8" in corpus.errors.iloc[0]["detail"] and "0xe9" in corpus.errors.iloc[0]["detail"]
    (tmp_path / "t.csv").write_bytes(b"id,text\na,Fine.\nb,Caf\xe9\nc,Also fine.\n")
    corpus = load_corpus(tmp_path / "t.csv")
    assert list(corpus.articles["article"]) == ["a", "c"]
    assert _problems(corpus) == [("bad_row", "line 3")]


# --- CSV -------------------------------------------------------------------------------------------


def test_csv_ragged_row_is_reported_and_the_others_kept(tmp_path):
    table = _write(tmp_path / "t.csv", "id,text\na,First.\nb,Hello, world.\nc,Third.\n")
    corpus = load_corpus(table)
    assert list(corpus.articles["article"]) == ["a", "c"]
    assert _problems(corpus) == [("bad_row", "line 3")]
    assert "3 fields where the header has 2" in corpus.errors.iloc[0]["detail"]


@pytest.mark.parametrize(
    "body, kept",
    [
        # the quote opened on line 2 is closed by the quote that opens row c's text: b and c were swallowed
        ('a,"Unterminated\nb,Row b.\nc,"Row c."\nd,Row d.\n', ["b", "c", "d"]),
        # the quote is still open at the end of the file
        ('a,"Unterminated\nb,Row b.\nc,Row c.\n', ["b", "c"]),
    ],
)
def test_csv_unclosed_quote_is_reported_at_its_line_and_the_swallowed_rows_kept(tmp_path, body, kept):
    corpus = load_corpus(_write(tmp_path / "t.csv", "id,text\n" + body))
    assert list(corpus.articles["article"]) == kept
    assert _problems(corpus) == [("unclosed_quote", "line 2")]
    texts = corpus.articles.set_index("article")["text"]
    assert texts["b"] == "Row b." and "\n" not in "".join(texts)


def test_csv_quotes_broken_one_after_another_are_each_reported(tmp_path):
    # Row b, read again after a's quote failed, opens a quote of its own; row d has a stray quote.
    corpus = load_corpus(_write(tmp_path / "t.csv", 'id,text\na,"open\nb,"open\nc,Fine.\nd,"x"y\ne,Last.\n'))
    assert list(corpus.articles["article"]) == ["c", "e"]
    assert _problems(corpus) == [("unclosed_quote", "line 2"), ("unclosed_quote", "line 3"), ("bad_row", "line 5")]


def test_csv_line_numbers_are_physical_lines(tmp_path):
    # A quoted text over three lines, a blank line and CRLF endings: each row is named by its first line.
    body = 'id,text\r\na,"One\r\n\r\nthree."\r\n\r\nb,\r\nc,Fine.\r\n'
    corpus = load_corpus(_write(tmp_path / "t.csv", "\ufeff" + body))
    assert corpus.articles.set_index("article")["text"].to_dict() == {"a": "One\r\n\r\nthree.", "c": "Fine."}
    assert _problems(corpus) == [("empty", "line 6")]
    assert corpus.articles.iloc[1]["source"].endswith("t.csv:line 7")


def test_parquet_rows_are_numbered_and_missing_text_reported(tmp_path):
    pd.DataFrame({"id": ["x", "y", "z"], "text": ["War.", None, "Peace."]}).to_parquet(tmp_path / "t.parquet")
    corpus = load_corpus(tmp_path / "t.parquet")
    assert list(corpus.articles["article"]) == ["x", "z"]
    assert _problems(corpus) == [("missing_text", "row 2")]


def test_metadata_bad_row_keeps_the_other_rows(tmp_path):
    _write(tmp_path / "a.txt", "First.")
    _write(tmp_path / "b.txt", "Second.")
    _write(tmp_path / "metadata.csv", "id,outlet\na,Paper A,extra\nb,Paper B\n")
    corpus = load_corpus(tmp_path)
    assert corpus.articles.set_index("article")["outlet"].to_dict() == {"a": "", "b": "Paper B"}
    assert _problems(corpus) == [("bad_metadata", "line 2")]


def _empty_rows_csv(path, count):
    with path.open("w", encoding="utf-8") as handle:
        handle.write("id,text\n")
        handle.writelines(f"r{i},\n" for i in range(count))
    return path


def test_many_empty_rows_all_in_the_errors_table_few_on_stderr(tmp_path, capsys):
    count = 100_000  # the million-row run is timed by benchmarks/table_loading.py
    table = _empty_rows_csv(tmp_path / "empty.csv", count)
    assert cli.main(["terms", str(table)]) == 1  # nothing could be analysed
    stderr = capsys.readouterr().err.splitlines()
    assert len(stderr) == cli._SHOWN_PER_GROUP + 2
    assert stderr[0] == f"framing: {table}:line 2 [r0]: empty: the text is empty"
    assert stderr[-2] == f"framing: {table}: {count - cli._SHOWN_PER_GROUP:,} more rows: empty"
    assert stderr[-1] == "framing: nothing could be analysed"
    errors = load_corpus(table).errors
    assert len(errors) == count and set(errors["problem"]) == {"empty"}
    assert errors.iloc[-1]["source"] == f"{table}:line {count + 1}"


def test_stderr_summary_is_per_problem_and_file(tmp_path):
    errors = pd.DataFrame(
        [("", f"{f}:line {n}", p, "d") for f in ("a.csv", "b.csv") for p in ("empty", "missing_id") for n in range(7)]
        + [("x", "x.txt", "unbalanced_quotes", "d")] * 6,
        columns=["article", "source", "problem", "detail"],
    )
    lines = "".join(cli._problem_lines(errors)).splitlines()
    assert len(lines) == 4 * 5 + 5 + 5
    assert lines[-5:] == [
        "framing: a.csv: 2 more rows: empty",
        "framing: a.csv: 2 more rows: missing_id",
        "framing: b.csv: 2 more rows: empty",
        "framing: b.csv: 2 more rows: missing_id",
        "framing: x.txt: 1 more problem: unbalanced_quotes",
    ]


# --- folders ---------------------------------------------------------------------------------------


def test_folder_named_like_a_file_and_hidden_files_are_reported(tmp_path):
    (tmp_path / "x.txt").mkdir()
    _write(tmp_path / "x.txt" / "inner.txt", "Not read: folders are read non-recursively.")
    _write(tmp_path / ".DS_Store", "junk")
    _write(tmp_path / "a.txt", "War came to the town.")
    corpus = load_corpus(tmp_path)
    assert list(corpus.articles["article"]) == ["a"]
    skipped = corpus.errors.set_index("source")
    assert set(skipped["problem"]) == {"skipped"}
    assert "non-recursively" in skipped.loc[str(tmp_path / "x.txt"), "detail"]
    assert "hidden" in skipped.loc[str(tmp_path / ".DS_Store"), "detail"]
    result = run_cli("terms", str(tmp_path))
    assert result.returncode == 0
    assert len(result.stderr.splitlines()) == 2 and all("skipped" in line for line in result.stderr.splitlines())


# --- --out -----------------------------------------------------------------------------------------


@pytest.fixture()
def no_loading(monkeypatch):
    def refuse(paths):
        raise AssertionError("the corpus was loaded before --out was checked")

    monkeypatch.setattr(cli, "_load", refuse)


def test_out_is_checked_before_any_work(tmp_path, capsys, no_loading, monkeypatch):
    a_file = _write(tmp_path / "file.txt", "x")
    cases = {
        str(tmp_path / "missing" / "m.csv"): "does not exist",
        str(tmp_path): "is a folder",
        str(a_file / "m.csv"): "is not a folder",
    }
    for out, reason in cases.items():
        assert cli.main(["metrics", str(SEEDS), "--out", out]) == 2
        err = capsys.readouterr().err
        assert err.count("\n") == 1 and out in err and reason in err
    assert cli.main(["metrics", str(SEEDS), "--format", "parquet"]) == 2
    assert "needs --out" in capsys.readouterr().err
    monkeypatch.setattr(cli.os, "access", lambda path, mode: False)  # as if the folder were read-only
    assert cli.main(["metrics", str(SEEDS), "--out", str(tmp_path / "m.csv")]) == 2
    assert f"cannot write in the folder {tmp_path}" in capsys.readouterr().err


def test_out_in_a_missing_folder_exits_two_without_traceback():
    result = run_cli("metrics", str(SEEDS), "--out", "/nonexistent/dir/x.csv")
    assert result.returncode == 2
    assert result.stderr == "framing: --out /nonexistent/dir/x.csv: the folder /nonexistent/dir does not exist\n"


# --- control characters ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, shown",
    [
        ("plain", "plain"),
        ("Café — “quoted”, naïve: 東京", "Café — “quoted”, naïve: 東京"),  # printable text is left alone
        ("a\nb\rc\td", "a\\nb\\rc\\td"),
        ("\x1b[31mred\x1b[0m", "\\x1b[31mred\\x1b[0m"),
        ("bell\x07 del\x7f nel\x85 csi\x9b", "bell\\x07 del\\x7f nel\\x85 csi\\x9b"),
        ("line\u2028sep", "line\\u2028sep"),
        ("evil\u202egnp.exe \u2066iso\u2069", "evil\\u202egnp.exe \\u2066iso\\u2069"),
        ("back\\slash", "back\\slash"),
    ],
)
def test_for_terminal(text, shown):
    assert for_terminal(text) == shown


def test_ids_and_text_cannot_forge_lines_or_escape_sequences(tmp_path):
    evil_id = "evil\nframing: forged line \x1b[2J"
    rows = [{"id": evil_id, "text": ""}, {"id": "ok\x1b[31m", "text": "War \x1b[31mcame\u202e to town."}]
    table = _write(tmp_path / "t.jsonl", "".join(json.dumps(r) + "\n" for r in rows))
    shown = run_cli("terms", str(table), "--format", "table")
    assert shown.returncode == 0
    assert shown.stderr.count("\n") == 1 and "\x1b" not in shown.stderr
    assert "evil\\nframing: forged line \\x1b[2J" in shown.stderr
    assert "\x1b" not in shown.stdout and "ok\\x1b[31m" in shown.stdout
    data = run_cli("terms", str(table), "--format", "jsonl")  # data outputs keep the exact id
    assert json.loads(data.stdout.splitlines()[0])["article"] == "ok\x1b[31m"


def test_usage_error_naming_a_path_is_one_line(tmp_path):
    result = run_cli("terms", str(tmp_path / "no\nsuch"))
    assert result.returncode == 2 and result.stderr.count("\n") == 1 and "no\\nsuch" in result.stderr
