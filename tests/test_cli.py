import json

from .conftest import MINI, SEEDS, run_cli


def test_terms_jsonl_offsets_match_source():
    result = run_cli("terms", str(SEEDS), "--format", "jsonl")
    assert result.returncode == 0, result.stderr
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(records) > 30
    texts = {p.stem: p.read_bytes().decode("utf-8") for p in SEEDS.glob("*.txt")}
    for record in records:
        assert set(record) == {"article", "start", "end", "text", "term", "family", "voice"}
        assert texts[record["article"]][record["start"] : record["end"]] == record["text"]


def test_terms_formats():
    csv = run_cli("terms", str(MINI), "--format", "csv")
    assert csv.stdout.splitlines()[0] == "article,start,end,text,term,family,voice"
    table = run_cli("terms", str(MINI), "--format", "table")
    assert "special military operation" in table.stdout


def test_metrics_columns_and_determinism(tmp_path):
    first, second = tmp_path / "one.csv", tmp_path / "two.csv"
    assert run_cli("metrics", str(SEEDS), "--out", str(first)).returncode == 0
    assert run_cli("metrics", str(SEEDS), "--format", "csv", "--out", str(second)).returncode == 0
    assert first.read_bytes() == second.read_bytes()
    header = first.read_text().splitlines()[0].split(",")
    assert header[0] == "article"
    for column in ("terms.war_per_1k", "terms.euphemism_narrator", "readability.flesch_reading_ease",
                   "readability.narrator_flesch_reading_ease", "corpus.quoted_words"):
        assert column in header
    assert all(c == "article" or c.split(".")[0] in {"corpus", "terms", "readability", "sourcing", "loaded", "tone"} for c in header)
    for column in ("sourcing.direct", "sourcing.named_sources", "sourcing.type_document", "sourcing.stance_distancing",
                   "loaded.narrator_per_1k", "loaded.quoted_per_1k", "loaded.balance", "tone.narrator_mean",
                   "readability.quoted_flesch_reading_ease"):
        assert column in header


def test_metrics_jsonl_and_parquet(tmp_path):
    result = run_cli("metrics", str(MINI), "--format", "jsonl")
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert [r["article"] for r in rows] == ["alpha", "beta"]
    assert rows[0]["terms.war"] == 4 and rows[0]["terms.war_quoted"] == 2
    assert rows[0]["corpus.counted_words"] == 48
    assert run_cli("metrics", str(MINI), "--format", "parquet").returncode == 2  # needs --out
    out = tmp_path / "m.parquet"
    assert run_cli("metrics", str(MINI), "--format", "parquet", "--out", str(out)).returncode == 0
    import pandas as pd

    assert list(pd.read_parquet(out)["article"]) == ["alpha", "beta"]


def test_user_lexicon_and_unreadable_lexicon(tmp_path):
    mine = tmp_path / "mine.toml"
    mine.write_text('[families.peace]\nterms = ["ceasefire"]\n')
    (tmp_path / "a.txt").write_text("A ceasefire held.")
    result = run_cli("terms", str(tmp_path / "a.txt"), "--lexicon", str(mine))
    assert json.loads(result.stdout)["family"] == "peace"
    bad = run_cli("terms", str(tmp_path / "a.txt"), "--lexicon", str(tmp_path / "missing.toml"))
    assert bad.returncode == 2 and bad.stderr.count("\n") == 1 and "missing.toml" in bad.stderr
    broken = tmp_path / "broken.toml"
    broken.write_text("[[[")
    assert run_cli("metrics", str(tmp_path / "a.txt"), "--lexicon", str(broken)).returncode == 2


def test_usage_errors_and_help():
    assert run_cli().returncode == 2
    assert run_cli("terms").returncode == 2
    assert run_cli("bogus", str(SEEDS)).returncode == 2
    helped = run_cli("--help")
    assert helped.returncode == 0 and "terms" in helped.stdout and "metrics" in helped.stdout
    assert run_cli("report", "--corpus", "no/such/path").returncode == 2
