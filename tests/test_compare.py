"""Reused passages and name variants, on our own short articles and on the seeds."""

import json

from analysis.compare import comparison_records, name_variants, reuse_matrix, reused_passages

from .conftest import SEEDS, corpus_of, run_cli

SHARED = "The regional council voted to close the northern bridge for repairs until the end of the year"


def test_copied_passage_is_found_with_offsets_on_both_sides():
    a = f"Residents were angry on Tuesday. {SHARED}, officials said."
    b = f"In other news, {SHARED}. Traffic will move to the ferry."
    (row,) = reused_passages(corpus_of(a, b)).itertuples()
    assert (row.article, row.other_article) == ("a0", "a1")
    assert a[row.start : row.end] == row.text and b[row.other_start : row.other_end] == row.other_text
    assert row.text == SHARED and row.words == 17 and row.similarity == 1.0  # 17 words, counted by hand


def test_small_edits_do_not_break_a_passage():
    a = "We demand the resignation of the mayor from the office of chair of the city council today."
    b = "We demand the resignation of the mayor from the post of chair of the city council today."
    (row,) = reused_passages(corpus_of(a, b)).itertuples()
    assert row.words == 17 and 0.9 < row.similarity < 1.0


def test_unrelated_articles_share_no_passage():
    a = "The orchestra played three symphonies in the old hall and the audience stayed until midnight."
    b = "Farmers reported a late harvest after weeks of rain flooded the lower fields near the river."
    assert reused_passages(corpus_of(a, b)).empty


def test_a_common_phrase_is_not_reuse():
    a = "He spoke about the Russian Federation at length yesterday."
    b = "Trade with the Russian Federation fell sharply last year."
    assert reused_passages(corpus_of(a, b)).empty


def test_repeated_paragraph_within_one_article():
    text = f"{SHARED}.\n\nSomething else entirely happened later that week in the town.\n\n{SHARED}."
    (row,) = reused_passages(corpus_of(text)).itertuples()
    assert row.article == row.other_article == "a0" and row.start < row.other_start


def test_reuse_matrix_is_a_share_of_words():
    a = f"{SHARED}."
    b = f"{SHARED}. And then seventeen more words follow here to dilute the share of the copied passage a lot."
    corpus = corpus_of(a, b)
    grid = reuse_matrix(reused_passages(corpus), corpus)
    assert grid.loc["a0", "a1"] == 1.0 and 0.4 < grid.loc["a1", "a0"] < 0.6 and grid.loc["a0", "a0"] == 0.0


def test_name_variants_merge_transliterations_and_surnames_but_not_namesakes():
    corpus = corpus_of("Xenia Torstrem signed first. Later Torstrem spoke.", "Ksenia Torstrem organised it.",
                       "Anna Brook spoke. Oleg Brook did not.", "Dmitry Palyuga agreed, Payuga said.")
    table = name_variants(corpus)
    clusters = table.groupby("cluster")["variant"].agg(lambda s: sorted(set(s))).to_dict()
    torstrem = [c for c in clusters if c.endswith("Torstrem")][0]
    assert clusters[torstrem] == ["Ksenia Torstrem", "Torstrem", "Xenia Torstrem"]
    assert clusters["Dmitry Palyuga"] == ["Dmitry Palyuga", "Payuga"]
    assert not any("Brook" in c for c in clusters)  # two people who share a surname; "Brook" alone is ambiguous
    for row in table.itertuples():
        assert corpus.set_index("article").loc[row.article, "text"][row.start : row.end] == row.text


def test_seed_facts(seeds_corpus):
    passages = reused_passages(seeds_corpus)
    pairs = {(a[:3], b[:3]) for a, b in zip(passages["article"], passages["other_article"])}
    petition = passages[passages["text"].str.contains("We demand the resignation of Vladimir Putin")]
    assert {a[:3] for a in petition["article"]} | {b[:3] for b in petition["other_article"]} == {"002", "003", "004"}
    assert ("002", "002") in pairs and ("003", "003") in pairs  # each repeats a paragraph
    clusters = name_variants(seeds_corpus).groupby("cluster")["variant"].agg(set).to_dict()
    assert {"Xenia Torstrem", "Ksenia Torstrem"} <= clusters["Xenia Torstrem"]
    assert {"Palyuga", "Payuga"} <= clusters["Dmitry Palyuga"]
    assert {"Kunin Vasily Evgenievich", "Evgenievich"} <= clusters["Kunin Vasily Evgenievich"]


def test_cli_compare_records():
    result = run_cli("compare", str(SEEDS), "--format", "jsonl")
    assert result.returncode == 0, result.stderr
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert {r["type"] for r in records} == {"reuse", "variant"}
    texts = {p.stem: p.read_bytes().decode("utf-8") for p in SEEDS.glob("*.txt")}
    for r in records:
        assert texts[r["article"]][r["start"] : r["end"]] == r["text"]
        if r["type"] == "reuse":
            assert texts[r["other_article"]][r["other_start"] : r["other_end"]] == r["other_text"]
    assert len(comparison_records(corpus_of("One article alone."))) == 0
