"""Chart rows: per outlet or per article, at most ``top`` of them, and each chart's values pooled per row."""

import math

import pandas as pd
import pytest

import analysis as lens

from .conftest import corpus_of

WAR = "The war went on."  # 4 words, one "war"
CITY = "Residents of the city gathered in the square on Monday to read it."  # 13 words, no term
TWICE = "The war, the war."  # 4 words, two "war"
QUOTED = "A draconian law passed. “It is a shameful decision,” the mayor said."  # loaded: one narrator, one quoted


def outlets(*pairs):
    """A corpus of (outlet, text) pairs, ids a0, a1, …"""
    return corpus_of(*(text for _, text in pairs)).assign(outlet=[outlet for outlet, _ in pairs])


# ------------------------------------------------------------------ which rows --

def test_rows_are_outlets_when_an_outlet_has_several_articles():
    rows = lens.chart_rows(outlets(("Post", WAR), ("Post", CITY), ("Wire", TWICE)))
    assert rows.by == "outlet" and rows.order == ("Post", "Wire") and rows.other == ""
    assert rows.sizes() == {"Post": 2, "Wire": 1}
    assert repr(rows) == "Charts: one row per outlet (2 outlets, 3 articles)."


def test_rows_are_articles_labelled_as_a_reader_knows_them_when_no_outlet_repeats():
    corpus = outlets(("Post", WAR), ("Wire", TWICE), ("", CITY)).assign(date=["2022-09-01", "", ""])
    rows = lens.chart_rows(corpus)
    assert rows.by == "article" and rows.order == ("Post, 2022-09-01", "Wire", "a2")
    # Per outlet, an article with no outlet is a row of its own, as on the report's front page.
    assert lens.chart_rows(corpus, by="outlet").order == ("Post", "Wire", "a2")


def test_at_most_top_rows_the_largest_keep_theirs_and_the_rest_are_summed():
    texts = [WAR, CITY, TWICE, CITY + " " + CITY, QUOTED]  # 4, 13, 4, 26 and 12 words
    rows = lens.chart_rows(corpus_of(*texts), top=3)
    assert rows.order == ("a1", "a3", "3 other articles") and rows.other == "3 other articles"
    assert rows.sizes() == {"a1": 1, "a3": 1, "3 other articles": 3}
    assert "3 of 5 articles" in repr(rows)
    assert lens.chart_rows(corpus_of(*texts), top=5).other == ""


def test_many_outlets_keep_the_largest_and_sum_the_rest():
    corpus = outlets(("A", WAR), ("B", WAR), ("B", WAR), ("C", WAR), ("C", WAR), ("C", WAR), ("D", CITY))
    rows = lens.chart_rows(corpus, top=3)
    assert rows.order == ("B", "C", "2 other outlets")
    assert rows.sizes()["2 other outlets"] == 2


@pytest.mark.parametrize(("by", "top", "message"), [("source", 20, "choose one of"), ("auto", 1, "at least 2")])
def test_bad_row_options_are_refused(by, top, message):
    with pytest.raises(ValueError, match=message):
        lens.chart_rows(corpus_of(WAR), by=by, top=top)


def test_no_article_gives_no_rows():
    rows = lens.chart_rows(corpus_of())
    assert rows.order == () and repr(rows) == "Charts: no article to show."
    assert lens.quoted_share_by_row(rows).empty


# ------------------------------------------------------------------ pooled values --

def test_term_rates_are_summed_hits_over_summed_words_not_a_mean_of_rates():
    corpus = outlets(("Post", WAR), ("Post", CITY), ("Wire", TWICE))
    rates = lens.term_rates_by_row(lens.term_rates(lens.find_terms(corpus), corpus), lens.chart_rows(corpus))
    war = rates[(rates["family"] == "war") & (rates["voice"] == "all")].set_index("outlet")
    # Post: 1 hit in 4 + 13 words = 58.8235 per 1,000 (the mean of its two articles' rates would be 125).
    assert war.loc["Post", "count"] == 1 and war.loc["Post", "voice_words"] == 17
    assert war.loc["Post", "per_1k"] == pytest.approx(58.8235) and war.loc["Wire", "per_1k_total"] == 500.0
    assert list(rates.columns[:2]) == ["outlet", "articles"] and war.loc["Post", "articles"] == 2


def test_term_counts_and_quote_counts_are_given_per_article():
    corpus = outlets(("Post", WAR), ("Post", CITY), ("Wire", TWICE))
    rows = lens.chart_rows(corpus)
    counts = lens.term_counts_by_row(lens.find_terms(corpus), rows, terms=["WAR"])
    narrated = counts[counts["voice"] == "narrator"].set_index("outlet")
    assert narrated["count"].to_dict() == {"Post": 1, "Wire": 2}
    assert narrated["per_article"].to_dict() == {"Post": 0.5, "Wire": 2.0}
    kinds = lens.quote_counts_by_row(lens.find_quotes(corpus), rows, column="kind")
    assert list(kinds["kind"].unique()) == ["direct", "partial", "indirect", "mention"]  # every kind, at zero
    assert kinds["count"].sum() == 0


def test_speakers_are_counted_per_row_and_per_article():
    corpus = outlets(("Post", QUOTED), ("Post", CITY), ("Wire", QUOTED))
    quotes = lens.find_quotes(corpus)
    speakers = lens.speakers_by_row(lens.speaker_table(quotes), lens.chart_rows(corpus)).set_index("outlet")
    assert speakers["speaker"].tolist() == ["the mayor", "the mayor"]
    assert speakers["quotations"].to_dict() == {"Post": 1, "Wire": 1}
    assert speakers["per_article"].to_dict() == {"Post": 0.5, "Wire": 1.0}


def test_lengths_are_means_per_article():
    corpus = outlets(("Post", WAR), ("Post", CITY), ("Wire", TWICE))
    lengths = lens.lengths_by_row(lens.overview_table(corpus), lens.chart_rows(corpus)).set_index("outlet")
    assert lengths["counted_words"].to_dict() == {"Post": 8.5, "Wire": 4.0}


def test_loaded_rates_and_quoted_share_pool_each_voice():
    corpus = outlets(("Post", QUOTED), ("Post", CITY))
    rows = lens.chart_rows(corpus)
    overview = lens.overview_table(corpus)
    narrator_words, quoted_words = int(overview["narrator_words"].sum()), int(overview["quoted_words"].sum())
    loaded = lens.loaded_rates_by_row(lens.loaded_metrics(lens.find_loaded(corpus), corpus), rows).iloc[0]
    assert (loaded["loaded.narrator"], loaded["loaded.quoted"]) == (1, 1)
    assert loaded["loaded.narrator_per_1k"] == pytest.approx(round(1000 / narrator_words, 4))
    assert loaded["loaded.quoted_per_1k"] == pytest.approx(round(1000 / quoted_words, 4))
    share = lens.quoted_share_by_row(rows).iloc[0]
    assert share["quoted_share"] == pytest.approx(round(quoted_words / (narrator_words + quoted_words), 4))


def test_readability_of_a_row_is_that_of_its_articles_joined():
    corpus = outlets(("Post", QUOTED), ("Post", CITY + " " + WAR))
    pooled = lens.readability_by_row(corpus, lens.chart_rows(corpus)).iloc[0]
    joined = corpus_of(QUOTED + "\n\n" + CITY + " " + WAR)
    direct = lens.metrics_table(joined, areas=("readability",)).iloc[0]
    for column in [c for c in direct.index if c.startswith("readability.")]:
        assert pooled[column] == pytest.approx(direct[column]), column


def test_one_article_rows_equal_the_article_metrics(seeds_corpus):
    rows = lens.chart_rows(seeds_corpus)
    metrics = lens.metrics_table(seeds_corpus, areas=("readability", "tone"))
    readability = lens.readability_by_row(seeds_corpus, rows)
    tone = lens.tone_by_row(metrics, rows)
    for column in ("readability.flesch_reading_ease", "readability.quoted_gunning_fog"):
        assert readability[column].tolist() == metrics[column].tolist()
    assert tone["tone.narrator_mean"].tolist() == metrics["tone.narrator_mean"].tolist()


def test_tone_of_a_row_is_the_mean_over_all_its_sentence_parts():
    corpus = outlets(("Post", "A terrible, awful day. It was fine."), ("Post", "A wonderful result."),
                     ("Wire", "Nothing happened."))
    tone = lens.tone_by_row(lens.metrics_table(corpus, areas=("tone",)), lens.chart_rows(corpus))
    parts = lens.sentence_tone(corpus)
    post = parts[parts["article"].isin(["a0", "a1"]) & (parts["voice"] == "narrator")]["compound"]
    assert tone.set_index("outlet").loc["Post", "tone.narrator_mean"] == pytest.approx(post.mean(), abs=1e-4)
    assert tone.set_index("outlet").loc["Post", "tone.narrator_sentences"] == 3


def test_reuse_per_article_rows_is_the_reuse_matrix(seeds_corpus):
    rows = lens.chart_rows(seeds_corpus)
    passages = lens.reused_passages(seeds_corpus)
    matrix = lens.reuse_matrix(passages, seeds_corpus)
    labels = lens.article_labels(seeds_corpus)
    reuse = lens.reuse_by_row(passages, seeds_corpus, rows).set_index(["article", "found_in"])["share"]
    for article in matrix.index:
        for other in matrix.columns:
            assert reuse[(labels[article], labels[other])] == matrix.loc[article, other]
    assert reuse.max() > 0


def test_reuse_between_outlets_pools_their_articles():
    wire = "The appeal asked the governor to step down and said the decision had cost the region dearly in lives."
    own = "Nothing else was said at the meeting that evening."  # 9 words found nowhere else
    corpus = outlets(("Post", wire), ("Post", CITY + " " + own), ("Wire", wire + " " + CITY))
    reuse = lens.reuse_by_row(lens.reused_passages(corpus), corpus, lens.chart_rows(corpus))
    shares = reuse.set_index(["outlet", "found_in"])["share"]
    words = len(wire.split())
    # Post's words found again in Wire: the wire passage and CITY, of all of Post's words; Wire's in Post: all.
    assert shares[("Post", "Wire")] == pytest.approx(round((words + 13) / (words + 13 + 9), 4))
    assert shares[("Post", "Post")] == 0.0
    assert shares[("Wire", "Post")] == 1.0
    assert shares[("Wire", "Wire")] == 0.0


def test_figures_merge_the_same_stated_figure_and_keep_open_ranges():
    corpus = outlets(("Post", WAR), ("Post", CITY), ("Wire", TWICE))
    nan = math.nan
    claims = pd.DataFrame({
        "article": ["a0", "a1", "a2"], "quantity": ["signatories"] * 3, "value": [20.0, 20.0, 7.0],
        "low": [21.0, 21.0, 7.0], "high": [nan, nan, 7.0],
    })
    figures = lens.figures_by_row(claims, lens.chart_rows(corpus))
    assert figures["outlet"].tolist() == ["Post", "Wire"]
    assert figures["claims"].tolist() == [2, 1] and math.isnan(figures["high"].iloc[0])


def test_every_row_is_present_even_with_nothing_to_show():
    corpus = outlets(("Post", WAR), ("Post", CITY), ("Wire", TWICE))
    rows = lens.chart_rows(corpus)
    speakers = lens.speakers_by_row(lens.speaker_table(lens.find_quotes(corpus)), rows)
    assert speakers["outlet"].tolist() == ["Post", "Wire"] and speakers["speaker"].isna().all()
    figures = lens.figures_by_row(lens.numeric_claims(corpus), rows)
    assert figures["outlet"].tolist() == ["Post", "Wire"] and figures["claims"].sum() == 0
