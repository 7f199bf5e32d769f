"""Every jsonl record of every subcommand fits its shipped JSON Schema; csv and parquet keep integer offsets.

The CLI runs in-process (``main([...])``) over the seeds, the mini fixture and
generated corpora; each line is parsed strictly (NaN and Infinity are refused) and
validated with ``analysis.schemas.validate_records``, and every span is checked
against its source text.
"""

from __future__ import annotations

import contextlib
import csv
import io
import json
import re
import subprocess
import sys
import tomllib
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pytest

from analysis.cli import main
from analysis.compare import COMPARISON_FIELDS, comparison_records
from analysis.corpus import load_corpus
from analysis.loaded import LOADED_COLUMNS, find_loaded
from analysis.metrics import metrics_table
from analysis.records import json_records, jsonl_text, write_table
from analysis.schemas import RECORD_TYPES, RecordError, record_schema, validate_records
from analysis.sourcing import QUOTE_COLUMNS, find_quotes
from analysis.terms import TERM_COLUMNS, find_terms
from tests.conftest import MINI, ROOT, SEEDS, corpus_of
from tests.corpus_generator import generate_articles, write_corpus

COMMANDS = {
    "terms": ["terms"],
    "quotes": ["quotes"],
    "loaded": ["loaded", "--all"],
    "compare": ["compare"],
    "metrics": ["metrics"],
}
CORPORA = ["seeds", "mini", "gen12-no-metadata", "gen40-table", "dated"]
OFFSETS = {
    "terms": ["start", "end"],
    "quotes": ["start", "end", "cue_start", "cue_end"],
    "loaded": ["start", "end"],
    "compare": ["start", "end", "other_start", "other_end", "words"],
    "metrics": ["corpus.words", "corpus.quoted_words", "terms.war", "terms.war_quoted", "readability.words",
                "readability.quoted_sentences", "loaded.narrator", "tone.quoted_sentences", "sourcing.quotes"],
}


@pytest.fixture(scope="module")
def corpora(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    base = tmp_path_factory.mktemp("corpora")
    dated = generate_articles(6, seed=3)
    dated[5]["date"] = "2019-03-01"  # years from the others: a date_vs_corpus anomaly with no other side
    return {
        "seeds": SEEDS,
        "mini": MINI,
        "gen12-no-metadata": write_corpus(generate_articles(12), base / "gen12", metadata=False),
        "gen40-table": write_corpus(generate_articles(40, outlets=5), base / "gen40.jsonl"),
        "dated": write_corpus(dated, base / "dated.jsonl"),
    }


@pytest.fixture(scope="module")
def source_texts(corpora: dict[str, Path]) -> dict[str, dict[str, str]]:
    texts = {}
    for name, path in corpora.items():
        articles = load_corpus(path).articles
        texts[name] = dict(zip(articles["article"], articles["text"], strict=True))
    return texts


def run(*args: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(list(args))
    return code, out.getvalue(), err.getvalue()


def strict_records(text: str) -> list[dict[str, Any]]:
    """jsonl lines parsed as strict JSON: NaN, Infinity and -Infinity are refused."""

    def refuse(constant: str) -> None:
        raise ValueError(f"{constant} is not JSON")

    return [json.loads(line, parse_constant=refuse) for line in text.splitlines()]


@pytest.mark.parametrize("name", RECORD_TYPES)
@pytest.mark.parametrize("corpus", CORPORA)
def test_every_jsonl_record_fits_its_schema_and_its_source(corpora, source_texts, corpus, name):
    code, out, err = run(*COMMANDS[name], str(corpora[corpus]), "--format", "jsonl")
    assert code == 0, err
    records = strict_records(out)
    if (corpus, name) != ("mini", "compare"):  # two unrelated articles share nothing
        assert records, f"no {name} records on {corpus}"
    assert validate_records(records, name) == len(records)
    texts = source_texts[corpus]
    assert [r["article"] for r in records if r["article"] not in texts] == []
    if name == "metrics":
        assert [r["article"] for r in records] == list(texts)
        return
    for r in records:
        assert 0 <= r["start"] <= r["end"] and texts[r["article"]][r["start"] : r["end"]] == r["text"], r
        if r.get("other_start") is not None:
            other = texts[r["other_article"]]
            assert other[r["other_start"] : r["other_end"]] == r["other_text"], r
        if r.get("cue_start") is not None:
            assert 0 <= r["cue_start"] < r["cue_end"] <= len(texts[r["article"]]), r


def test_an_anomaly_without_an_other_side_has_null_fields(corpora):
    code, out, err = run("compare", str(corpora["dated"]), "--format", "jsonl")
    assert code == 0, err
    lonely = [r for r in strict_records(out) if r["type"] == "anomaly" and r["anomaly"] == "date_vs_corpus"]
    assert [r["article"] for r in lonely] == ["gen0005"]
    assert {k: lonely[0][k] for k in ("other_article", "other_start", "other_end", "other_text")} == dict.fromkeys(
        ("other_article", "other_start", "other_end", "other_text")
    )


def _csv_columns(text: str) -> dict[str, list[str]]:
    rows = list(csv.reader(io.StringIO(text)))
    return {column: [row[i] for row in rows[1:]] for i, column in enumerate(rows[0])}


@pytest.mark.parametrize("name", RECORD_TYPES)
@pytest.mark.parametrize("found", ["seeds", "nothing found"])
def test_tables_csv_and_parquet_keep_integer_offsets(tmp_path, found, name):
    path = SEEDS
    if found == "nothing found":
        path = tmp_path / "calm.txt"
        path.write_text("Nothing happened in the town today.\n", encoding="utf-8")
    finders = {"terms": find_terms, "quotes": find_quotes, "loaded": find_loaded, "compare": comparison_records,
               "metrics": metrics_table}
    table = finders[name](load_corpus(path))
    integers = OFFSETS[name]
    assert {c: str(table[c].dtype) for c in integers if not pd.api.types.is_integer_dtype(table[c])} == {}
    code, out, err = run(*COMMANDS[name], str(path), "--format", "csv")
    assert code == 0, err
    cells = _csv_columns(out)
    assert {c: [v for v in cells[c] if not re.fullmatch(r"\d*", v)] for c in integers} == {c: [] for c in integers}
    write_table(table, fmt="parquet", out=tmp_path / "t.parquet")
    back = pd.read_parquet(tmp_path / "t.parquet")
    assert {c: str(back[c].dtype) for c in integers} == {c: str(table[c].dtype) for c in integers}


def test_metrics_parquet_from_the_command_line_keeps_integer_counts(tmp_path, corpora):
    out = tmp_path / "m.parquet"
    code, _, err = run("metrics", str(corpora["gen12-no-metadata"]), "--format", "parquet", "--out", str(out))
    assert code == 0, err
    back = pd.read_parquet(out)
    assert {c: str(back[c].dtype) for c in OFFSETS["metrics"]} == dict.fromkeys(OFFSETS["metrics"], "int64")
    assert validate_records(json_records(back), "metrics") == 12


# ------------------------------------------------------ the schemas refuse --

VALID = {
    "terms": {"article": "a", "start": 4, "end": 7, "text": "war", "term": "war", "family": "war",
              "voice": "narrator"},
    "quotes": {"article": "a", "start": 0, "end": 9, "text": "“Enough,”", "kind": "direct", "speaker": "Ivan Petrov",
               "role": None, "cue": "said", "stance": "neutral", "speaker_type": "opposition_local", "cue_start": 22,
               "cue_end": 26},
    "loaded": {"article": "a", "start": 0, "end": 10, "text": "draconian", "term": "draconian",
               "category": "adjective", "voice": "narrator", "score": 3.0, "level": "strong", "polarity": "negative",
               "loaded": True},
    "compare": {"type": "reuse", "article": "a", "start": 0, "end": 40, "text": "x" * 40, "other_article": "b",
                "other_start": 10, "other_end": 50, "other_text": "x" * 40, "words": 8, "similarity": 1.0},
}


@pytest.fixture(scope="module")
def valid_metrics_row() -> dict[str, Any]:
    return json_records(metrics_table(corpus_of("“It is a war,” she said. The war went on.")))[0]


@pytest.mark.parametrize(
    "name, change, drop, problem",
    [
        ("terms", {"start": 4.0}, None, "start: 4.0 is not of type 'integer'"),
        ("terms", {"end": -1}, None, "end: -1 is less than the minimum of 0"),
        ("terms", {"voice": "author"}, None, "voice: 'author' is not one of"),
        ("terms", {"text": float("nan")}, None, "text: nan is not of type 'string'"),
        ("terms", {"families": "war"}, "family", r"\(record\): .*'famil(y|ies)'"),  # a renamed field
        ("quotes", {"speaker": float("nan")}, None, "speaker: nan is not of type 'string', 'null'"),
        ("quotes", {"cue_start": 22.0}, None, "cue_start: 22.0 is not of type 'integer', 'null'"),
        ("quotes", {"kind": "quoted"}, None, "kind: 'quoted' is not one of"),
        ("quotes", {"cue": None, "stance": None}, None, "cue_start: 22 is not of type 'null'"),  # offsets, no cue
        ("loaded", {"score": float("inf")}, None, "score: inf is not of type 'number'"),
        ("loaded", {"category": "adjectives"}, None, "category: 'adjectives' is not one of"),
        ("compare", {"similarity": float("nan")}, None, "similarity: nan is not of type 'number'"),
        ("compare", {"cluster": "Ivan Petrov"}, None, r"\(record\): .*'cluster' was unexpected"),  # another type's
        ("compare", {"type": "variant"}, None, r"\(record\): 'cluster' is a required property"),
        ("compare", {"other_start": None}, None, "other_start: None is not of type 'integer'"),
        ("compare", {}, "text", r"\(record\): 'text' is a required property"),
        ("metrics", {"terms.war": 1.0}, None, "terms.war: 1.0 is not of type 'integer'"),
        ("metrics", {"terms.war_per_1k": float("nan")}, None, "terms.war_per_1k: nan is not of type 'number'"),
        ("metrics", {"readability.grade": 3.0}, None, r"\(record\): 'readability.grade' does not match any of the regexes"),
        ("metrics", {"tone.average": 0.1}, "tone.mean", r"\(record\): .*'tone.(mean|average)'"),
        ("metrics", {"sourcing.quoted_word_share": 1.5}, None, "sourcing.quoted_word_share: 1.5 is greater than"),
    ],
)
def test_schemas_refuse_float_offsets_nan_and_unknown_fields(valid_metrics_row, name, change, drop, problem):
    valid = valid_metrics_row if name == "metrics" else VALID[name]
    assert validate_records([valid], name) == 1
    changed = {k: v for k, v in {**valid, **change}.items() if k != drop}
    with pytest.raises(RecordError, match=f"^{name} record 2: {problem}"):  # problem: a regular expression
        validate_records([valid, changed], name)


# ------------------------------------------------------------- the writer --


def test_json_records_write_null_for_every_missing_value_and_plain_numbers():
    table = pd.DataFrame({
        "article": pd.Series(["a", None], dtype="str"),
        "start": pd.Series([3, 4], dtype="int64"),
        "cue_start": pd.Series([7, None], dtype="Int64"),
        "speaker": pd.Series(["Ivan", None], dtype=object),
        "share": [np.float64(0.5), np.nan],
        "loaded": np.array([True, False]),
    })
    text = jsonl_text(json_records(table))
    assert text == (
        '{"article": "a", "start": 3, "cue_start": 7, "speaker": "Ivan", "share": 0.5, "loaded": true}\n'
        '{"article": null, "start": 4, "cue_start": null, "speaker": null, "share": null, "loaded": false}\n'
    )
    with pytest.raises(ValueError, match=r"row 2: share: inf is not a JSON number"):
        json_records(pd.DataFrame({"share": [0.5, np.inf]}))
    with pytest.raises(ValueError, match="Out of range float"):
        jsonl_text([{"share": float("nan")}])  # allow_nan=False: a NaN can never slip through


def test_json_records_of_several_types_carry_exactly_their_type_fields():
    table = pd.DataFrame({"type": ["one", "two"], "a": [1, None], "b": [None, 2.5], "c": ["x", None]})
    records = json_records(table, fields_by_type={"one": ["a", "c"], "two": ["b", "c"]})
    assert records == [{"type": "one", "a": 1.0, "c": "x"}, {"type": "two", "b": 2.5, "c": None}]
    with pytest.raises(ValueError, match="row 1: record type 'one' is not one of two"):
        json_records(table, fields_by_type={"two": ["b"]})


# ------------------------------------------------------------ the schemas --


def test_each_schema_is_valid_and_names_the_columns_of_its_table():
    from jsonschema import Draft202012Validator

    for name in RECORD_TYPES:
        Draft202012Validator.check_schema(record_schema(name))
    for name, columns in (("terms", TERM_COLUMNS), ("quotes", QUOTE_COLUMNS), ("loaded", LOADED_COLUMNS)):
        schema = record_schema(name)
        assert list(schema["properties"]) == columns and schema["required"] == columns
        assert schema["additionalProperties"] is False
    branches = record_schema("compare")["$defs"]
    assert {kind: set(branch["properties"]) for kind, branch in branches.items()} == {
        kind: {"type", *fields} for kind, fields in COMPARISON_FIELDS.items()
    }
    with pytest.raises(ValueError, match="unknown record type 'quote'"):
        record_schema("quote")


def test_schemas_ship_in_the_package_and_cost_no_jsonschema_import():
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]
    assert "analysis.schemas.records" in config["packages"]
    assert config["package-data"]["analysis.schemas.records"] == ["*.json"]
    script = (
        "import sys\n"
        "from analysis.schemas import record_schema\n"
        "from analysis.cli import main\n"
        "record_schema('compare')\n"
        f"assert main(['quotes', {str(MINI)!r}, '--format', 'jsonl']) == 0\n"
        "assert 'jsonschema' not in sys.modules, 'jsonschema imported on the normal path'\n"
    )
    result = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
