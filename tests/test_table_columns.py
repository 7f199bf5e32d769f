"""Tables in the wild: Media Cloud exports read as they are, and columns renamed on the command line."""

from __future__ import annotations

import json
import shutil

import pandas as pd
import pytest

from analysis import load_corpus, stream_corpus
from analysis.table_columns import media_cloud_date

from .conftest import ROOT, run_cli

MEDIA_CLOUD = ROOT / "tests" / "fixtures" / "mediacloud" / "story-list.csv"
HTML = ROOT / "tests" / "fixtures" / "html"
# Media Cloud's story-list columns, without the text.
EXPORT_COLUMNS = ["stories_id", "publish_date", "title", "url", "language", "ap_syndicated", "themes", "media_id",
                  "media_name", "media_url"]
_SHARED = "The appeal asked the regional governor to step down and to leave the city at once."
RENAMED = {"doc": ["r1", "r2"],
           "body": [f"The war went on, the mayor said. The draconian fines were shameful. {_SHARED}\n",
                    f"Talks began on Monday. {_SHARED}\n"],
           "paper": ["Harbour Times", "Eastern Wire"], "day": ["2025-03-14", "2025-03-15"]}
RENAMING = ["--id-column", "doc", "--text-column", "body", "--outlet-column", "paper", "--date-column", "day"]


def test_a_media_cloud_export_is_read_without_a_mapping():
    corpus = load_corpus(MEDIA_CLOUD)
    assert corpus.errors.empty
    articles = corpus.articles.set_index("article")
    assert list(articles.index) == ["2841001", "2841002", "2841003"]  # stories_id
    assert list(articles["outlet"]) == ["The Harbour Times", "Eastern Wire", "The Morning Ledger"]  # media_name
    assert list(articles["date"]) == ["2025-03-14", "2025-03-14", "2025-03-16"]  # the day of publish_date
    assert articles.loc["2841002", "title"] == "Sylvania starts a special military operation"
    assert articles.loc["2841003", "url"] == "https://morningledger.example/2025/03/16/talks"
    raw = pd.read_csv(MEDIA_CLOUD, dtype=str).set_index("stories_id")
    assert articles.loc["2841001", "text"] == raw.loc["2841001", "text"]  # the text as exported, unchanged


def test_a_media_cloud_export_without_text_is_a_clear_error_never_an_empty_corpus(tmp_path):
    export = tmp_path / "mc-export.csv"
    pd.read_csv(MEDIA_CLOUD, dtype=str)[EXPORT_COLUMNS].to_csv(export, index=False)
    corpus = load_corpus(export)
    assert corpus.articles.empty
    (error,) = corpus.errors.itertuples()
    assert error.problem == "bad_table" and error.source == str(export)
    assert "Media Cloud export without the stories' text" in error.detail
    assert "'text'" in error.detail and "--text-column" in error.detail and "'media_name'" in error.detail
    result = run_cli("metrics", str(export))
    assert result.returncode == 1
    assert str(export) in result.stderr and "Media Cloud export without the stories' text" in result.stderr


def test_a_media_cloud_export_with_its_pages_reads_their_main_text(tmp_path):
    export = tmp_path / "mc-raw.csv"
    table = pd.read_csv(MEDIA_CLOUD, dtype=str)[EXPORT_COLUMNS].head(1)
    table["raw_first_download_file"] = (HTML / "harbour-times-border.html").read_text(encoding="utf-8")
    table.to_csv(export, index=False)
    (row,) = load_corpus(export).articles.itertuples()
    assert row.article == "2841001" and row.input_format == "html"
    assert row.text.startswith("Armoured columns from Sylvania") and "Copyright" not in row.text
    assert row.outlet == "The Harbour Times" and row.title == "Sylvanian troops cross into Freedonia"  # the export's


@pytest.mark.parametrize(
    ("value", "day"),
    [("2025-03-14 07:02:11", "2025-03-14"), ("2025-03-14T07:02:11+00:00", "2025-03-14"),
     ("2025-03-14 07:02:11.123456", "2025-03-14"), ("2025-03-14T07:02Z", "2025-03-14"),
     ("2025-03-14", "2025-03-14"), ("14/03/2025 07:02", "14/03/2025 07:02"), ("2025-03-14 at dawn", "2025-03-14 at dawn")],
)
def test_media_cloud_timestamps_give_their_day_and_nothing_else_changes(value, day):
    assert media_cloud_date(value) == day


@pytest.mark.parametrize("suffix", [".csv", ".jsonl", ".parquet"])
def test_renamed_columns(tmp_path, suffix):
    table = tmp_path / f"renamed{suffix}"
    frame = pd.DataFrame(RENAMED)
    if suffix == ".csv":
        frame.to_csv(table, index=False)
    elif suffix == ".jsonl":
        frame.to_json(table, orient="records", lines=True)
    else:
        frame.to_parquet(table)
    usual = load_corpus(table)  # not our names: the table is refused, and says why
    assert usual.articles.empty and "no 'id' or 'text' column" in usual.errors.iloc[0]["detail"]
    corpus = load_corpus(table, id_column="doc", text_column="body", outlet_column="paper", date_column="day")
    assert corpus.errors.empty
    articles = corpus.articles.set_index("article")
    assert list(articles.index) == ["r1", "r2"]
    assert list(articles["text"]) == RENAMED["body"]
    assert list(articles["outlet"]) == RENAMED["paper"] and list(articles["date"]) == RENAMED["day"]
    (streamed,) = stream_corpus(table, id_column="doc", text_column="body")
    assert list(streamed.articles["article"]) == ["r1", "r2"] and set(streamed.articles["outlet"]) == {""}


def test_a_renamed_column_beats_the_usual_one(tmp_path):
    table = tmp_path / "both.csv"
    pd.DataFrame({"id": ["a"], "text": ["Summary."], "full_text": ["The whole story.\n"],
                  "outlet": ["Feed"], "source_name": ["Harbour Times"]}).to_csv(table, index=False)
    (row,) = load_corpus(table, text_column="full_text", outlet_column="source_name").articles.itertuples()
    assert (row.text, row.outlet) == ("The whole story.\n", "Harbour Times")


def test_an_unknown_column_names_the_file_the_option_and_the_columns_it_has(tmp_path):
    table = tmp_path / "t.csv"
    pd.DataFrame(RENAMED).to_csv(table, index=False)
    corpus = load_corpus(table, id_column="doc", text_column="content")
    (error,) = corpus.errors.itertuples()
    assert error.source == str(table) and error.problem == "bad_table"
    assert "--text-column 'content'" in error.detail
    assert "its columns are 'doc', 'body', 'paper', 'day'" in error.detail
    result = run_cli("terms", str(table), "--id-column", "doc", "--text-column", "content")
    assert result.returncode == 1
    assert str(table) in result.stderr and "--text-column 'content'" in result.stderr and "'body'" in result.stderr


@pytest.mark.parametrize("command", ["terms", "quotes", "loaded", "metrics", "compare"])
def test_every_corpus_command_takes_renamed_columns(tmp_path, command):
    table = tmp_path / "t.jsonl"
    pd.DataFrame(RENAMED).to_json(table, orient="records", lines=True)
    refused = run_cli(command, str(table))
    assert refused.returncode == 1 and "no 'id' or 'text' column" in refused.stderr
    result = run_cli(command, str(table), *RENAMING, "--format", "jsonl")
    assert result.returncode == 0, result.stderr
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert records and {r["article"] for r in records if "article" in r} <= {"r1", "r2"}


def test_cli_end_to_end_on_a_media_cloud_export(tmp_path):
    export = tmp_path / "export.csv"
    shutil.copy(MEDIA_CLOUD, export)
    out = tmp_path / "metrics.csv"
    result = run_cli("metrics", str(export), "--out", str(out))
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""  # no problem, and no HTML: no text saved
    assert list(pd.read_csv(out, dtype={"article": str})["article"]) == ["2841001", "2841002", "2841003"]
    quotes = run_cli("quotes", str(export))
    speakers = {json.loads(line)["speaker"] for line in quotes.stdout.splitlines()}
    assert {"Mira Castell", "Oren Valk", "Tomas Renner"} <= speakers
    assert not (tmp_path / "texts").exists()
