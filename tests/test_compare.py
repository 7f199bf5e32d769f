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
    assert {r["type"] for r in records} == {"reuse", "variant", "figure", "anomaly"}
    texts = {p.stem: p.read_bytes().decode("utf-8") for p in SEEDS.glob("*.txt")}
    for r in records:
        assert texts[r["article"]][r["start"] : r["end"]] == r["text"]
        if r["type"] == "reuse":
            assert texts[r["other_article"]][r["other_start"] : r["other_end"]] == r["other_text"]
    assert len(comparison_records(corpus_of("One article alone."))) == 0


def claims_of(text):
    from analysis.compare import numeric_claims

    table = numeric_claims(corpus_of(text))
    return [(r.text, r.value, r.qualifier, r.noun, r.quantity) for r in table.itertuples()]


def test_numeric_claims_with_qualifiers_words_and_ranges():
    from analysis.compare import numeric_claims

    text = ("More than 30 city officials signed the petition. Eighteen municipal deputies signed it too. "
            "Approximately 84 additional signatures were added to the petition.")
    assert claims_of(text) == [
        ("More than 30 city officials", 30.0, "more than", "officials", "signatories"),
        ("Eighteen municipal deputies", 18.0, "", "deputies", "signatories"),
        ("Approximately 84 additional signatures", 84.0, "approximately", "signatures", "signatories"),
    ]
    table = numeric_claims(corpus_of(text))
    assert table.iloc[0]["low"] == 31.0 and pd_isna(table.iloc[0]["high"])  # "more than 30": 31 and up
    assert (table.iloc[2]["low"], table.iloc[2]["high"]) == (75.6, 92.4)


def pd_isna(value):
    return value != value


def test_votes_ages_durations_and_years():
    text = ("The demand was pushed through by ten councillors who attended out of 20, enough for a quorum. "
            "The voting was seven for with three abstentions. Oleg Marin, 34, said the war has lasted for "
            "nearly seven months. The 69-year-old leader was born in 1952.")
    found = {(t, q) for t, _, _, _, q in claims_of(text)}
    assert ("ten councillors", "votes") in found or ("ten councillors", "signatories") in found
    assert ("seven for", "votes") in found and ("three abstentions", "votes") in found
    assert ("34", "age") in found and ("69-year-old", "age") in found
    assert ("nearly seven months", "war_duration") in found
    assert not any(t.startswith("1952") for t, _ in found)  # a year is not a claim


def test_figures_are_grouped_by_quantity_across_articles():
    from analysis.compare import figures_by_quantity, numeric_claims

    corpus = corpus_of("Eighteen deputies signed the petition.", "More than 40 officials signed the petition.",
                       "The river rose 3 metres.")
    table = figures_by_quantity(numeric_claims(corpus))
    assert list(table["quantity"]) == ["signatories", "signatories"]
    assert list(table["article"]) == ["a0", "a1"]


def test_anomalies_date_against_content_and_label_variants():
    from analysis.compare import metadata_anomalies

    corpus = corpus_of(
        "January 22, 2025\nThe invasion has lasted for nearly seven months, the mayor said.",
        "The Smolensk regional council met. Nothing else.",
        "The Smolninskoye council met again.",
    )
    table = metadata_anomalies(corpus)
    kinds = dict(zip(table["anomaly"], table["detail"]))
    assert "date_vs_content" in kinds and "2022-09" in kinds["date_vs_content"]
    assert "label_variant" in kinds
    consistent = corpus_of("September 20, 2022\nThe invasion has lasted for nearly seven months.")
    assert metadata_anomalies(consistent).empty  # a date that fits its own time marker


def test_seed_figures_and_anomalies(seeds_corpus):
    from analysis.compare import metadata_anomalies, numeric_claims

    claims = numeric_claims(seeds_corpus)
    chosen = claims[claims["quantity"] == "signatories"]
    signatories = set(zip(chosen["text"], chosen["article"].str[:3]))
    for text, article in [("18 municipal councilors", "002"), ("More than 30 Russian city officials", "003"),
                          ("More than 40 local elected officials", "004"), ("19 signatories", "004"),
                          ("Approximately 84 additional signatures", "003"), ("Eighteen municipal deputies", "002")]:
        assert (text, article) in signatories
    aged = claims[claims["quantity"] == "age"]
    ages = set(zip(aged["text"], aged["article"].str[:3]))
    assert {("34", "001"), ("35", "001"), ("69-year-old", "004")} <= ages
    anomalies = metadata_anomalies(seeds_corpus)
    date = anomalies[anomalies["anomaly"] == "date_vs_content"].iloc[0]
    assert date["article"].startswith("003") and date["other_text"] == "nearly seven months"
    label = anomalies[anomalies["anomaly"] == "label_variant"].iloc[0]
    assert {label["text"], label["other_text"]} == {"Smolensk regional council", "Smolninskoye council"}


def test_organisation_names_cluster_as_variants(seeds_corpus):
    from analysis.compare import name_variants

    variants = name_variants(seeds_corpus)
    council = variants[variants["cluster"] == "Smolninskoye council"]
    assert set(council["variant"]) == {"Smolninskoye council", "Smolensk regional council"}
    assert not variants[variants["variant"].str.contains("Moscow")].shape[0]  # unrelated bodies stay apart


def test_reuse_shares_count_words_not_the_marks_left_by_excluded_regions():
    """A passage right after a caption: the caption's place holds a marker, never counted as a reused word."""
    from analysis.clean import excluded_regions
    from analysis.compare import reused_words

    a = f"Some opening words here today.\n\nPictured: the council building in the rain.\n\n{SHARED}.\n"
    corpus = corpus_of(a, f"{SHARED}.\n\nOther words entirely different here.\n")
    corpus["excluded"] = [excluded_regions(text) for text in corpus["text"]]
    assert [r.reason for r in corpus["excluded"][0]] == ["caption"]
    passages = reused_passages(corpus)
    # a0 counts 5 + 17 words (the caption is excluded); 17 of them recur in a1.
    assert reuse_matrix(passages, corpus).loc["a0", "a1"] == round(17 / 22, 4)
    assert reused_words(passages, corpus).set_index("article").loc["a0"].tolist() == [22, 17]
