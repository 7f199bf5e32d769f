"""The "At a glance" table: every column hand-counted on a corpus of our own, then checked on a generated one."""

import math

import pandas as pd
import pytest

from analysis import load_corpus, metrics_table
from analysis.compare import figures_by_quantity, numeric_claims, reuse_matrix, reused_passages, reused_words
from analysis.glance import GLANCE_COLUMNS, glance_table
from analysis.sourcing import find_quotes, speaker_table

from .conftest import corpus_of
from .corpus_generator import OUTLETS, generate_articles, write_corpus

# Word counts below are hand-counted: a word is a run of letters or digits ("municipal" and "deputy" are two).
HAND = {
    # 34 words: 8 quoted (“The special … plan,”), 26 narrator. war ×2 narrator, the euphemism once, quoted.
    # Quotations: the Kremlin (government, "said"); Ivan Petrov (municipal deputy: opposition, "claimed").
    # Loaded narrator words: "draconian" (strong) and "claimed" (mild). Figure: 7 signatories.
    "n1": "The war went on. The draconian law passed.\n\n"
          "“The special military operation is going to plan,” the Kremlin said.\n\n"
          "Seven councillors signed the petition. Ivan Petrov, a municipal deputy, claimed the war was lost.\n",
    # 36 words: 4 quoted, 32 narrator; war ×1 narrator. Quotations: Ivan Petrov ("said"), the appeal (a
    # document, "said"). Its last 16 words are s1's last 16. Figure: "more than five" = 6 or more.
    "n2": "More than five councillors signed the petition against the war.\n\n"
          "“We will not stop,” said Ivan Petrov, a municipal deputy.\n\n"
          "The appeal asked the governor to resign and said the decision had cost the region dearly.\n",
    # 34 words: 3 quoted, 31 narrator; no frame term. Quotations: Oleg Sidorov (minister: state official),
    # the appeal. Loaded narrator word: "shameful". Figure: 10 signatories, which contradicts n1's 7.
    "s1": "Ten councillors signed the petition. It was a shameful act.\n\n"
          "“This is treason,” said Oleg Sidorov, a minister.\n\n"
          "The appeal asked the governor to resign and said the decision had cost the region dearly.\n",
    # 14 words, all narrator (scare quotes are the writer's); "war" once as a mention. No quotation.
    "x1": "Nothing was said about the conflict today.\n\nOfficials avoid the word “war” in public.\n",
}
OUTLET_OF = {"n1": "North Post", "n2": "North Post", "s1": "South Times", "x1": ""}


@pytest.fixture(scope="module")
def hand_corpus(tmp_path_factory):
    folder = tmp_path_factory.mktemp("hand")
    for article, text in HAND.items():
        (folder / f"{article}.txt").write_text(text, encoding="utf-8")
    (folder / "metadata.csv").write_text(
        "id,outlet,date\n" + "".join(f"{a},{o},2022-09-0{i + 1}\n" for i, (a, o) in enumerate(OUTLET_OF.items())),
        encoding="utf-8",
    )
    corpus = load_corpus(folder)
    assert corpus.errors.empty
    return corpus


def _rows(table):
    return {row["label"]: row for row in table.to_dict("records")}


def test_by_outlet_hand_counted(hand_corpus):
    table = glance_table(hand_corpus)  # North Post has two articles: auto groups by outlet
    assert list(table.columns) == GLANCE_COLUMNS
    assert list(table["label"]) == ["North Post", "South Times", "x1"]  # corpus order; x1 has no outlet
    assert list(table["unit"]) == ["outlet", "outlet", "article"]
    north, south, x1 = (_rows(table)[k] for k in ("North Post", "South Times", "x1"))

    assert (north["articles"], north["words"]) == (2, 34 + 36)
    # Rates from summed counts over summed words of the voice (26 + 32 narrator words, 8 + 4 quoted).
    assert north["war_narrator_per_1k"] == round(1000 * 3 / 58, 4)
    assert north["war_quoted_per_1k"] == 0.0
    assert north["euphemism_quoted_per_1k"] == round(1000 * 1 / 12, 4)
    assert north["euphemism_narrator_per_1k"] == north["war_mention_per_1k"] == 0.0
    assert north["quotes"] == 4
    assert north["top_sources"] == "Ivan Petrov (2); the appeal (1); the Kremlin (1)"  # ties ignore case
    assert north["official_share"] == 0.25 and north["opposition_share"] == 0.5
    assert north["distancing"] == 1
    assert north["loaded_per_1k"] == round(1000 * 2 / 58, 4)
    assert north["reused_share"] == round(16 / 70, 4)
    assert north["conflicting_figures"] == 1  # n1's 7 against s1's 10

    assert (south["articles"], south["words"], south["quotes"]) == (1, 34, 2)
    assert south["war_narrator_per_1k"] == 0.0
    assert south["top_sources"] == "Oleg Sidorov (1); the appeal (1)"
    assert south["official_share"] == 0.5 and south["opposition_share"] == 0.0
    assert south["distancing"] == 0
    assert south["loaded_per_1k"] == round(1000 * 1 / 31, 4)
    assert south["reused_share"] == round(16 / 34, 4)
    assert south["conflicting_figures"] == 1

    assert (x1["articles"], x1["words"], x1["quotes"]) == (1, 14, 0)
    assert x1["war_mention_per_1k"] == round(1000 / 14, 4)
    assert x1["top_sources"] == ""
    assert math.isnan(x1["official_share"]) and math.isnan(x1["opposition_share"])  # no quotation: blank, not 0
    assert (x1["distancing"], x1["loaded_per_1k"], x1["reused_share"], x1["conflicting_figures"]) == (0, 0, 0, 0)


def test_by_article_hand_counted(hand_corpus):
    table = glance_table(hand_corpus, by="article")
    assert list(table["label"]) == ["North Post, 2022-09-01", "North Post, 2022-09-02", "South Times, 2022-09-03",
                                    "x1"]  # analysis.labels.article_labels
    assert set(table["unit"]) == {"article"} and set(table["articles"]) == {1}
    n1, n2, s1, _ = table.to_dict("records")
    assert n1["war_narrator_per_1k"] == round(1000 * 2 / 26, 4) and n2["war_narrator_per_1k"] == 31.25
    assert n1["euphemism_quoted_per_1k"] == 125.0
    assert (n1["quotes"], n1["official_share"], n1["opposition_share"], n1["distancing"]) == (2, 0.5, 0.5, 1)
    assert n1["top_sources"] == "Ivan Petrov (1); the Kremlin (1)"
    assert n1["loaded_per_1k"] == round(1000 * 2 / 26, 4) and n2["loaded_per_1k"] == 0.0
    # Only text found again in *another* article counts: n1 shares nothing, n2 and s1 share 16 words.
    assert (n1["reused_share"], n2["reused_share"], s1["reused_share"]) == (0.0, round(16 / 36, 4), round(16 / 34, 4))
    # "more than five" (6 or more) fits both 7 and 10; 7 and 10 contradict each other.
    assert [r["conflicting_figures"] for r in (n1, n2, s1)] == [1, 0, 1]


def test_repeats_within_one_article_are_not_reuse():
    wire = "The appeal asked the governor to resign and said the decision had cost the region dearly."
    corpus = corpus_of(f"{wire}\n\nMeanwhile, nothing else happened in the city today.\n\n{wire}\n",
                       "A different story about the weather and the harvest in the valley.")
    passages = reused_passages(corpus)
    assert set(passages["article"]) == {"a0"} and set(passages["other_article"]) == {"a0"}  # a diagonal repeat
    assert list(glance_table(corpus, by="article")["reused_share"]) == [0.0, 0.0]


def test_outlets_with_one_article_each_give_article_rows(hand_corpus):
    one_each = hand_corpus.articles[hand_corpus.articles["article"] != "n2"]
    table = glance_table(one_each)
    assert list(table["unit"]) == ["article"] * 3
    assert list(table["label"]) == ["North Post, 2022-09-01", "South Times, 2022-09-03", "x1"]
    assert list(glance_table(one_each, by="outlet")["label"]) == ["North Post", "South Times", "x1"]


def test_empty_corpus_and_corpus_without_quotations():
    empty = glance_table(corpus_of())
    assert empty.empty and list(empty.columns) == GLANCE_COLUMNS
    assert empty["quotes"].dtype == "int64" and empty["official_share"].dtype == "float64"
    table = glance_table(corpus_of("The war went on.", "Nothing happened."))
    assert list(table["quotes"]) == [0, 0] and list(table["top_sources"]) == ["", ""]
    assert table["official_share"].isna().all()
    assert list(table["war_narrator_per_1k"]) == [250.0, 0.0]


def test_unknown_grouping_is_refused():
    with pytest.raises(ValueError, match="by must be one of auto, outlet, article, not 'source'"):
        glance_table(corpus_of("x"), by="source")


@pytest.fixture(scope="module")
def generated(tmp_path_factory):
    path = write_corpus(generate_articles(60, outlets=5), tmp_path_factory.mktemp("gen") / "gen.jsonl")
    return load_corpus(path)


def test_generated_corpus_agrees_with_the_per_article_metrics(generated):
    """Each outlet's row equals its articles' metrics-table figures summed, then divided."""
    table = glance_table(generated).set_index("label")
    assert list(table.index) == OUTLETS[:5] and set(table["unit"]) == {"outlet"}
    metrics = metrics_table(generated, areas=("corpus", "terms", "sourcing", "loaded"))
    metrics["outlet"] = generated.articles["outlet"].values
    sums = metrics.groupby("outlet").sum(numeric_only=True)
    assert table["articles"].sum() == 60
    for outlet, row in table.iterrows():
        s = sums.loc[outlet]
        assert row["words"] == s["corpus.counted_words"]
        assert row["war_narrator_per_1k"] == round(1000 * s["terms.war_narrator"] / s["corpus.narrator_words"], 4)
        quoted_words = s["corpus.quoted_words"]
        assert row["euphemism_quoted_per_1k"] == (round(1000 * s["terms.euphemism_quoted"] / quoted_words, 4)
                                                  if quoted_words else 0.0)
        assert row["quotes"] == s["sourcing.quotes"]
        assert row["distancing"] == s["sourcing.stance_distancing"]
        official = s["sourcing.type_government"] + s["sourcing.type_state_official"]
        assert row["official_share"] == round(official / s["sourcing.quotes"], 4)
        assert row["opposition_share"] == round(s["sourcing.type_opposition_local"] / s["sourcing.quotes"], 4)
        assert row["loaded_per_1k"] == round(1000 * s["loaded.narrator"] / s["corpus.narrator_words"], 4)


def test_generated_corpus_sources_reuse_and_figures(generated):
    table = glance_table(generated).set_index("label")
    outlet = dict(zip(generated.articles["article"], generated.articles["outlet"], strict=True))
    # Top sources: the speakers table's per-article columns summed over the outlet.
    speakers = speaker_table(find_quotes(generated)).set_index("speaker")
    for name, row in table.iterrows():
        mine = speakers[[a for a, o in outlet.items() if o == name]].sum(axis=1)
        ranked = sorted((-n, s.casefold(), s) for s, n in mine.items() if n)[:3]
        assert row["top_sources"] == "; ".join(f"{s} ({-n})" for n, _, s in ranked)
    # Reuse: with a wire passage in about half the articles, every outlet copies something.
    words = reused_words(reused_passages(generated), generated).assign(outlet=lambda t: t["article"].map(outlet))
    totals = words.groupby("outlet")[["words", "reused_words"]].sum()
    for name, row in table.iterrows():
        assert row["reused_share"] == round(totals.loc[name, "reused_words"] / totals.loc[name, "words"], 4)
        assert 0 < row["reused_share"] < 1
    # Conflicts, brute force: some article of the outlet and some article of another outlet do not overlap.
    figures = figures_by_quantity(numeric_claims(generated))
    figures = figures[figures["quantity"] != "age"].assign(outlet=lambda t: t["article"].map(outlet))
    for name, row in table.iterrows():
        expected = 0
        for _, part in figures.groupby("quantity"):
            mine, others = part[part["outlet"] == name], part[part["outlet"] != name]
            expected += any(
                (a_high if a_high == a_high else math.inf) < (b_low if b_low == b_low else -math.inf)
                or (b_high if b_high == b_high else math.inf) < (a_low if a_low == a_low else -math.inf)
                for a_low, a_high in zip(mine["low"], mine["high"]) for b_low, b_high in zip(others["low"], others["high"])
            )
        assert row["conflicting_figures"] == expected
    assert table["conflicting_figures"].sum() > 0  # the generator's outlets give different numbers of signers


def test_reused_words_agree_with_the_reuse_matrix(generated):
    """Where an article shares text with one other article only, the union is that one matrix cell."""
    passages = reused_passages(generated)
    matrix = reuse_matrix(passages, generated)
    words = reused_words(passages, generated).set_index("article")
    off_diagonal = matrix.where(~pd.DataFrame(
        [[a == b for b in matrix.columns] for a in matrix.index], index=matrix.index, columns=matrix.columns), 0.0)
    for article, row in off_diagonal.iterrows():
        shared = row[row > 0]
        if len(shared) == 1:
            assert round(words.loc[article, "reused_words"] / words.loc[article, "words"], 4) == shared.iloc[0]
        assert words.loc[article, "reused_words"] / max(words.loc[article, "words"], 1) <= row.sum() + 1e-9
