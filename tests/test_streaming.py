"""Streaming: a corpus read, analysed and written chunk by chunk gives what the whole corpus gives."""

from __future__ import annotations

import json

import pandas as pd
import pytest

import analysis
from analysis import cli
from analysis import corpus as corpus_module
from analysis.corpus import stream_corpus
from analysis.metrics import stream_metrics
from analysis.records import TableWriter, write_table

from .conftest import MINI, SEEDS

# Article b0 establishes Oleg Marin's type; b2, two chunks later, only names him.
_TYPED_ACROSS_CHUNKS = [
    {"id": "b0", "text": "“The roads are closed until Friday,” said Oleg Marin, a police spokesman."},
    {"id": "b1", "text": "Nothing was said today about the roads in the north of the region."},
    {"id": "b2", "text": "Other news.\n\n“We are ready for the snow,” Oleg Marin said on Monday."},
    {"id": "b1", "text": "A second article with the id b1, which is reported and not analysed."},
    {"id": "b3"},
]


@pytest.fixture
def typed_table(tmp_path):
    path = tmp_path / "typed.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in _TYPED_ACROSS_CHUNKS), encoding="utf-8")
    return path


@pytest.mark.parametrize("source", ["mini", "seeds", "typed"])
def test_chunks_together_are_the_whole_corpus(source, typed_table):
    path = {"mini": MINI, "seeds": SEEDS, "typed": typed_table}[source]
    whole = analysis.load_corpus(path)
    chunks = list(stream_corpus(path, chunk_size=2))
    assert all(len(c.articles) <= 2 for c in chunks)
    articles = pd.concat([c.articles for c in chunks], ignore_index=True)
    pd.testing.assert_frame_equal(articles, whole.articles)
    errors = pd.concat([c.errors for c in chunks], ignore_index=True)
    assert sorted(map(tuple, errors.values.tolist())) == sorted(map(tuple, whole.errors.values.tolist()))


def test_the_first_chunk_comes_before_the_rest_is_read(monkeypatch, typed_table):
    records = list(corpus_module._read_path(typed_table, corpus_module.MAX_ARTICLE_BYTES))

    def reader(path, max_bytes, columns):
        yield from records[:2]
        raise RuntimeError("read past the first chunk")

    monkeypatch.setattr(corpus_module, "_read_path", reader)
    first = next(stream_corpus(typed_table, chunk_size=2))
    assert list(first.articles["article"]) == ["b0", "b1"]


def test_streamed_metrics_equal_the_whole_table_with_types_settled_across_chunks(typed_table):
    whole = analysis.metrics_table(analysis.load_corpus(typed_table))
    streamed = pd.concat(list(stream_metrics(stream_corpus(typed_table, chunk_size=1))), ignore_index=True)
    pd.testing.assert_frame_equal(streamed, whole)
    b2 = streamed.set_index("article").loc["b2"]
    # settled from b0; police speak for the government (issue 11), no longer a state official
    assert (b2["sourcing.type_government"], b2["sourcing.type_unknown"]) == (1, 0)


# Article c0 calls Vera Lind a municipal deputy; c2, two chunks later, says she belongs to the
# ruling party: across the corpus she is a state official, in c0 as well.
_RETYPED_ACROSS_CHUNKS = [
    {"id": "c0", "text": "“The vote was fair,” said Vera Lind, a municipal deputy."},
    {"id": "c1", "text": "“Roads are closed,” said a police spokesman on Friday."},
    {"id": "c2", "text": "Vera Lind of United Russia spoke again. “We will win,” Lind said."},
]


def test_streamed_metrics_settle_a_speakers_type_from_every_chunk(tmp_path):
    path = tmp_path / "retyped.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in _RETYPED_ACROSS_CHUNKS), encoding="utf-8")
    whole = analysis.metrics_table(analysis.load_corpus(path))
    streamed = pd.concat(list(stream_metrics(stream_corpus(path, chunk_size=1))), ignore_index=True)
    pd.testing.assert_frame_equal(streamed, whole)
    rows = streamed.set_index("article")
    assert rows.loc[["c0", "c2"], "sourcing.type_state_official"].tolist() == [1, 1]
    assert rows.loc[["c0", "c2"], "sourcing.type_opposition_local"].tolist() == [0, 0]
    assert rows.loc["c1", "sourcing.type_government"] == 1


def test_the_command_line_streams_the_same_rows(monkeypatch, tmp_path, typed_table, capsys):
    monkeypatch.setattr(cli, "_CHUNK", 1)
    for fmt in ("csv", "jsonl", "parquet"):
        out = tmp_path / f"metrics.{fmt}"
        assert cli.main(["metrics", str(typed_table), "--format", fmt, "--out", str(out)]) == 0
        expected = tmp_path / f"expected.{fmt}"
        write_table(analysis.metrics_table(analysis.load_corpus(typed_table)), fmt=fmt, out=expected)
        if fmt == "parquet":
            pd.testing.assert_frame_equal(pd.read_parquet(out), pd.read_parquet(expected))
        else:
            assert out.read_bytes() == expected.read_bytes()
    stderr = capsys.readouterr().err
    assert stderr.count("duplicate_id") == 3 and stderr.count("missing_text") == 3  # one each per run
    assert cli.main(["terms", str(typed_table)]) == 0
    terms = capsys.readouterr().out
    assert terms == analysis.records.jsonl_text(
        analysis.records.json_records(analysis.find_terms(analysis.load_corpus(typed_table)))
    )


def test_table_writer_writes_each_table_as_it_comes(tmp_path):
    first = pd.DataFrame({"article": ["a"], "n": [1]})
    second = pd.DataFrame({"article": ["b", "c"], "n": [2, 3]})
    out = tmp_path / "t.csv"
    with TableWriter(fmt="csv", out=out) as writer:
        writer.write(first)
        assert out.read_text() == "article,n\na,1\n"  # on disk before the run ends
        writer.write(second)
    assert out.read_text() == "article,n\na,1\nb,2\nc,3\n"
    with TableWriter(fmt="jsonl", out=tmp_path / "none.jsonl"):
        pass
    assert not (tmp_path / "none.jsonl").exists()  # nothing produced, nothing written


def test_problem_lines_streamed_equal_those_of_the_whole_table():
    errors = pd.DataFrame(
        [("", f"t.csv:line {i}", "empty_text", "no text") for i in range(2, 14)]
        + [("x", "t.csv:line 20", "bad_row", "ragged")],
        columns=analysis.corpus.ERROR_COLUMNS,
    )
    streamed = cli._ProblemLines()
    lines = streamed.add(errors.iloc[:4]) + streamed.add(errors.iloc[4:]) + streamed.finish()
    assert lines == cli._problem_lines(errors)
    assert lines[-1] == "framing: t.csv: 7 more rows: empty_text\n"
