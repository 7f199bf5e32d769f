"""``--engine dask``: the same rows as the single-process path, written as Parquet partitioned by outlet and date."""

from __future__ import annotations

import json
import warnings
from pathlib import Path

import distributed
import pandas as pd
import pytest

import analysis.distributed as engine
from analysis.cli import main
from analysis.corpus import load_corpus, stream_corpus
from analysis.distributed import DaskEngineError, read_results, run_on_dask
from analysis.loaded import find_loaded
from analysis.metrics import metrics_table
from analysis.sourcing import find_quotes
from analysis.terms import find_terms

from .conftest import SEEDS
from .corpus_generator import generate_articles, write_corpus


def _in_process_cluster(workers: int):
    """``workers`` in-process workers of one thread each: the real scheduler, none of the process start-up."""
    with warnings.catch_warnings():  # the scheduler's /health server moves off 8787 when that port is taken
        warnings.filterwarnings("ignore", message="Port .* is already in use", category=UserWarning)
        return distributed.LocalCluster(
            n_workers=workers, threads_per_worker=1, processes=False, dashboard_address=None
        )


@pytest.fixture(scope="module")
def scheduler():
    with _in_process_cluster(2) as cluster:
        yield cluster.scheduler_address


@pytest.fixture(scope="module")
def wild(tmp_path_factory) -> list[Path]:
    """A generated corpus (outlets, dates) with bad files beside it, and a table with bad rows and a duplicate id."""
    root = tmp_path_factory.mktemp("wild")
    folder = write_corpus(generate_articles(40), root / "gen40")
    (folder / "empty.txt").write_bytes(b"")
    (folder / "binary.txt").write_bytes(b"abc\x00\x00def")
    (folder / "notes.md").write_text("not an article\n", encoding="utf-8")
    (folder / ".hidden.txt").write_text("hidden\n", encoding="utf-8")
    (folder / "sub").mkdir()
    (folder / "gen0001.text").write_bytes((folder / "gen0001.txt").read_bytes())  # the same id twice
    # An unclosed quotation: a problem found while building the document, on a worker.
    (folder / "gen9999.txt").write_text('The warden said: "The ferry runs at noon.\n\nNothing else.\n', encoding="utf-8")
    rows = [
        {"id": "t1", "text": '"The quay is safe," said Orla Brennan, a harbour official.', "outlet": "Quay News",
         "date": "2023-05-06T10:00:00"},
        {"id": "t2"},
        {"id": "gen0002", "text": "A second copy of an id the folder has."},
    ]
    table = root / "extra.jsonl"
    table.write_text("".join(json.dumps(r) + "\n" for r in rows) + "not json\n", encoding="utf-8")
    return [folder, table]


def _local(command: str, paths: list[Path]) -> pd.DataFrame:
    """What the single-process path gives (the CLI streams terms and loaded chunk by chunk, with the same rows)."""
    corpus = load_corpus(paths)
    if command == "metrics":
        return metrics_table(corpus)
    if command == "quotes":
        return find_quotes(corpus)
    if command == "terms":
        return find_terms(corpus)
    hits = find_loaded(corpus)
    return hits[hits["loaded"]]


def _sorted(table: pd.DataFrame) -> pd.DataFrame:
    keys = ["article", "start"] if "start" in table.columns else ["article"]
    return table.sort_values(keys, kind="stable").reset_index(drop=True)


@pytest.mark.parametrize("command", ["metrics", "terms", "quotes", "loaded"])
@pytest.mark.parametrize("which, size", [("seeds", 1), ("wild", 7)])
def test_dask_rows_equal_the_single_process_rows(command, which, size, scheduler, wild, tmp_path):
    paths = [SEEDS] if which == "seeds" else wild
    run = run_on_dask(command, paths, out=tmp_path, scheduler=scheduler, partition_size=size)
    got = read_results(run.folder)
    want = _local(command, paths)
    assert len(got) == run.rows and run.rows > 0
    pd.testing.assert_frame_equal(_sorted(got.drop(columns=["outlet", "date"])), _sorted(want))
    # Every loading problem, in the order the local errors table lists them; nothing dropped.
    local_errors = load_corpus(paths).errors
    pd.testing.assert_frame_equal(run.errors, local_errors)
    pd.testing.assert_frame_equal(pd.read_parquet(run.errors_file), local_errors)
    if which == "wild":
        assert {"empty", "binary", "duplicate_id", "missing_text", "unbalanced_quotes"} <= set(run.errors["problem"])


@pytest.mark.parametrize("split, scope", [("merge", "attribution")])
def test_quotation_conventions_reach_the_workers(split, scope, scheduler, tmp_path):
    run = run_on_dask("quotes", [SEEDS], out=tmp_path, scheduler=scheduler, split=split, scope=scope)
    want = find_quotes(load_corpus([SEEDS]), split=split, scope=scope)
    got = read_results(run.folder).drop(columns=["outlet", "date"])
    pd.testing.assert_frame_equal(_sorted(got), _sorted(want))
    assert not _sorted(want).equals(_sorted(find_quotes(load_corpus([SEEDS]))))  # the options change the rows


def test_seeds_need_the_corpus_wide_source_types():
    """Guard for the test above: on seeds, one article at a time leaves speaker types that the corpus settles."""
    alone = pd.concat([find_quotes(chunk) for chunk in stream_corpus([SEEDS], chunk_size=1)], ignore_index=True)
    whole = find_quotes(load_corpus(SEEDS))
    assert (alone["speaker_type"] != whole["speaker_type"]).any()


_ANALYSED: list[int] = []  # partitions analysed; in-process workers share this module
_analyse = engine._analyse


def _counting_analyse(partition, *, job):
    _ANALYSED.append(partition[0].number)
    return _analyse(partition, job=job)


def test_each_partition_is_analysed_once(scheduler, tmp_path, monkeypatch):
    """The reduce and the write read the analysed partitions; neither analyses them again."""
    monkeypatch.setattr(engine, "_analyse", _counting_analyse)
    _ANALYSED.clear()
    run_on_dask("quotes", [SEEDS], out=tmp_path, scheduler=scheduler, partition_size=2)
    assert sorted(_ANALYSED) == [0, 1, 2]


def test_files_are_partitioned_by_outlet_and_day(scheduler, wild, tmp_path):
    run = run_on_dask("quotes", wild, out=tmp_path, scheduler=scheduler, partition_size=7)
    articles = load_corpus(wild).articles
    place = {a: (o, d[:10]) for a, o, d in zip(articles["article"], articles["outlet"], articles["date"])}
    assert run.files and (run.folder / "_common_metadata").is_file()
    for file in run.files:
        relative = file.relative_to(run.folder).parts
        assert relative[0].startswith("outlet=") and relative[1].startswith("date=") and len(relative) == 3
        assert relative[2].startswith("part-") and relative[2].endswith(".parquet")
        rows = pd.read_parquet(file)
        assert "outlet" not in rows.columns and "date" not in rows.columns  # they are the folder names
        expected = {place[a] for a in rows["article"]}
        got = (_unquote(relative[0].removeprefix("outlet=")), _unquote(relative[1].removeprefix("date=")))
        assert expected == {got}
    days = {p.name for p in run.folder.glob("outlet=*/date=*")}
    assert "date=2023-05-06" in days  # a timestamp's day, not one folder per time of day
    assert any(p.name == "outlet=" for p in run.folder.iterdir())  # the articles without an outlet


def _unquote(value: str) -> str:
    from urllib.parse import unquote

    return unquote(value)


def test_same_input_gives_byte_identical_files_whatever_the_workers(scheduler, wild, tmp_path):
    with _in_process_cluster(1) as one:
        first = run_on_dask("quotes", wild, out=tmp_path / "one", scheduler=one.scheduler_address, partition_size=7)
    second = run_on_dask("quotes", wild, out=tmp_path / "two", scheduler=scheduler, partition_size=7)
    names = [f.relative_to(first.folder) for f in first.files]
    assert names == [f.relative_to(second.folder) for f in second.files]
    for name in names:
        assert (first.folder / name).read_bytes() == (second.folder / name).read_bytes(), name
    assert first.errors_file.read_bytes() == second.errors_file.read_bytes()


def test_a_second_run_replaces_its_files_and_refuses_anything_else(scheduler, tmp_path):
    first = run_on_dask("terms", [SEEDS], out=tmp_path, scheduler=scheduler, partition_size=1)
    second = run_on_dask("terms", [SEEDS], out=tmp_path, scheduler=scheduler, partition_size=5)
    assert sorted(second.folder.rglob("*.parquet")) == sorted(second.files)  # the first run's 5 files are gone
    assert len(first.files) > len(second.files)
    (second.folder / "mine.csv").write_text("keep me\n", encoding="utf-8")
    with pytest.raises(DaskEngineError, match="did not write.*mine.csv"):
        run_on_dask("terms", [SEEDS], out=tmp_path, scheduler=scheduler)
    assert (second.folder / "mine.csv").exists()


def test_nothing_found_still_writes_the_schema(scheduler, tmp_path):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "calm.txt").write_text("The ferry left on time and the weather was mild.\n", encoding="utf-8")
    run = run_on_dask("quotes", [tmp_path / "in"], out=tmp_path / "out", scheduler=scheduler)
    assert run.rows == 0 and run.files == () and run.articles == 1
    table = read_results(run.folder)
    assert table.empty and list(table.columns) == [*find_quotes(load_corpus(tmp_path / "in")).columns, "outlet", "date"]


def test_cli_metrics_on_a_scheduler_equal_the_local_parquet(scheduler, tmp_path, capsys):
    assert main(["metrics", str(SEEDS), "--format", "parquet", "--out", str(tmp_path / "local.parquet")]) == 0
    code = main(["metrics", str(SEEDS), "--engine", "dask", "--scheduler", scheduler, "--out", str(tmp_path / "dask")])
    assert code == 0
    assert "wrote 5 rows (5 articles)" in capsys.readouterr().err
    got = read_results(tmp_path / "dask" / "metrics").drop(columns=["outlet", "date"])
    pd.testing.assert_frame_equal(_sorted(got), _sorted(pd.read_parquet(tmp_path / "local.parquet")))


def test_cli_lists_problems_and_fails_when_nothing_could_be_analysed(scheduler, tmp_path, capsys):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "empty.txt").write_bytes(b"")
    code = main(["loaded", str(tmp_path / "in"), "--engine", "dask", "--scheduler", scheduler, "--out", str(tmp_path)])
    assert code == 1
    err = capsys.readouterr().err
    assert "empty.txt [empty]: empty: the file has no bytes" in err and "nothing could be analysed" in err
    assert pd.read_parquet(tmp_path / "loaded-errors.parquet")["problem"].tolist() == ["empty"]


@pytest.mark.parametrize(
    "args, message",
    [
        (["terms", "--workers", "2"], "--workers needs --engine dask"),
        (["quotes", "--scheduler", "tcp://127.0.0.1:8786"], "--scheduler needs --engine dask"),
        (["loaded", "--out", "somewhere"], "--out needs --engine dask"),
        (["metrics", "--engine", "dask"], "--engine dask needs --out DIR"),
        (["terms", "--engine", "dask", "--workers", "0", "--out", "{tmp}"], "workers must be at least 1"),
        (["terms", "--engine", "dask", "--out", "{tmp}/no/such"], "does not exist"),
    ],
)
def test_cli_usage_errors(args, message, tmp_path, capsys):
    args = [a.replace("{tmp}", str(tmp_path)) for a in args]
    assert main([args[0], str(SEEDS), *args[1:]]) == 2
    assert message in capsys.readouterr().err


def test_an_unreachable_scheduler_is_a_usage_error(tmp_path, monkeypatch):
    monkeypatch.setattr(engine, "_CONNECT_TIMEOUT", 1)
    with pytest.raises(DaskEngineError, match="cannot reach the Dask scheduler at tcp://127.0.0.1:1"):
        run_on_dask("terms", [SEEDS], out=tmp_path, scheduler="tcp://127.0.0.1:1")


def test_cli_local_cluster_of_worker_processes(tmp_path, capsys):
    """``--workers N`` starts (and stops) a local cluster of processes: the path a laptop user takes."""
    code = main(["terms", str(SEEDS), "--engine", "dask", "--workers", "1", "--out", str(tmp_path)])
    assert code == 0
    got = read_results(tmp_path / "terms").drop(columns=["outlet", "date"])
    pd.testing.assert_frame_equal(_sorted(got), _sorted(find_terms(load_corpus(SEEDS))))


FIXTURES = Path(__file__).resolve().parent / "fixtures"


@pytest.mark.parametrize("command", ["metrics", "quotes"])
def test_html_pages_and_media_cloud_exports_give_the_local_rows(command, scheduler, tmp_path):
    paths = [FIXTURES / "html", FIXTURES / "mediacloud" / "story-list.csv"]
    run = run_on_dask(command, paths, out=tmp_path, scheduler=scheduler, partition_size=2, texts=tmp_path / "texts")
    got = read_results(run.folder).drop(columns=["outlet", "date"])
    pd.testing.assert_frame_equal(_sorted(got), _sorted(_local(command, paths)))
    pd.testing.assert_frame_equal(run.errors, load_corpus(paths).errors)
    articles = load_corpus(paths).articles
    pages = articles[articles["input_format"] == "html"]
    assert run.extracted == len(pages) > 0
    for article, text in zip(pages["article"], pages["text"]):  # offsets refer to the saved texts
        assert (tmp_path / "texts" / f"{article}.txt").read_text(encoding="utf-8") == text


def test_cli_renamed_columns_and_extracted_texts_beside_the_results(scheduler, tmp_path, capsys):
    table = tmp_path / "renamed.csv"
    pd.DataFrame({"doc": ["r1", "r2"], "body": ['"The port is open," said Ilse Varga, a harbour official.',
                                                "<html><body><article><p>The ferry to Marlow runs again, officials said "
                                                "on Tuesday after a week of storms closed the harbour.</p>"
                                                "<p>Traders welcomed the news.</p></article></body></html>"],
                  "paper": ["Quay News", "Quay News"], "day": ["2024-02-03", "2024-02-04"]}).to_csv(table, index=False)
    renaming = ["--id-column", "doc", "--text-column", "body", "--outlet-column", "paper", "--date-column", "day"]
    out = tmp_path / "out"
    code = main(["quotes", str(table), *renaming, "--engine", "dask", "--scheduler", scheduler, "--out", str(out)])
    assert code == 0
    got = read_results(out / "quotes")
    local = find_quotes(load_corpus(table, id_column="doc", text_column="body", outlet_column="paper", date_column="day"))
    pd.testing.assert_frame_equal(_sorted(got.drop(columns=["outlet", "date"])), _sorted(local))
    assert set(got["outlet"].astype(str)) == {"Quay News"}
    err = capsys.readouterr().err
    assert f"is in {out / 'texts'}" in err and (out / "texts" / "r2.txt").exists()
