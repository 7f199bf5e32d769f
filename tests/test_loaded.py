"""Loaded-language spans, their context rules and voice, and tone by voice — on our own sentences."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from analysis.loaded import LOADED_COLUMNS, find_loaded, loaded_metrics, top_loaded_terms
from analysis.tone import sentence_tone, tone_metrics

from .conftest import corpus_of


def loaded_of(text):
    hits = find_loaded(corpus_of(text))
    hits = hits[hits["loaded"]]
    return [(h.text, h.term, h.category, h.voice) for h in hits.itertuples()]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The regime passed draconian laws.", [("The regime", "regime", "noun", "narrator"),
                                              ("draconian laws", "draconian", "adjective", "narrator")]),
        ("It was a catastrophic week for the army.", [("catastrophic week", "catastrophic week", "phrase", "narrator")]),
        ("Democracy was snuffed out by the decree.", [("snuffed out", "snuffed out", "phrase", "narrator")]),
        ("The warmonger spoke.", [("The warmonger", "warmonger", "noun", "narrator")]),
        ("Critics slammed the plan.", [("slammed the plan", "slam", "verb", "narrator")]),  # the verb with its object
        ("She bravely resigned.", [("bravely resigned", "bravely", "adverb", "narrator")]),
        # inflections: plural nouns and verb forms with a doubled consonant
        ("His stooges were bragging.", [("His stooges", "stooge", "noun", "narrator"), ("bragging", "brag", "verb", "narrator")]),
        # plain reporting is not loaded
        ("The council met on Monday and voted seven to three.", []),
    ],
)
def test_loaded_spans(text, expected):
    assert loaded_of(text) == expected


def test_negated_loaded_word_is_not_counted():
    assert loaded_of("The result was not catastrophic for the party.") == []
    assert loaded_of("The result was never really disastrous.") == []


def test_loaded_word_inside_a_quotation_is_quoted():
    text = "“This is a draconian law,” said the mayor."
    ((_, _, _, voice),) = loaded_of(text)
    assert voice == "quoted"


def test_capitalised_proper_name_is_not_loaded():
    assert loaded_of("Members of the Radical Party met in Grim Valley today.") == []


def test_warmonger_in_headline_case():
    text = "Putin The Warmonger Faces Revolt At Home\n\nThe story begins here."
    assert [h[1] for h in loaded_of(text)] == ["warmonger"]


def test_intensifiers_and_hedges_are_reported_but_not_loaded():
    hits = find_loaded(corpus_of("It is perhaps very bad."))
    assert set(zip(hits["term"], hits["category"], hits["loaded"])) >= {("perhaps", "hedge", False), ("very", "intensifier", False)}


def test_metrics_rates_by_voice_and_balance():
    text = "“It is a fiasco,” he said. The brave crew stayed. The draconian rules stayed too."
    corpus = corpus_of(text)
    hits = find_loaded(corpus)
    row = loaded_metrics(hits, corpus).iloc[0]
    # quoted words: "It is a fiasco" = 4; narrator words: "he said" 2 + "The brave crew stayed" 4
    # + "The draconian rules stayed too" 5 = 11
    assert row["loaded.quoted"] == 1 and row["loaded.quoted_per_1k"] == 250.0
    assert row["loaded.narrator"] == 2 and row["loaded.narrator_per_1k"] == pytest.approx(1000 * 2 / 11, abs=1e-3)
    assert (row["loaded.positive"], row["loaded.negative"]) == (1, 2)
    assert row["loaded.balance"] == pytest.approx(-1 / 3, abs=1e-4)
    top = top_loaded_terms(hits)
    assert list(top["term"]) == ["draconian", "brave"]  # narrator terms, by count then score


def test_metrics_count_modifiers_and_give_articles_without_hits_a_zero_row():
    corpus = corpus_of("It is perhaps very bad and very, very draconian.", "Rain fell on Tuesday.")
    table = loaded_metrics(find_loaded(corpus), corpus).set_index("article")
    assert (table.loc["a0", "loaded.intensifiers"], table.loc["a0", "loaded.hedges"]) == (3, 1)
    assert (table.loc["a0", "loaded.narrator"], table.loc["a0", "loaded.negative"]) == (1, 1)
    assert table.loc["a0", "loaded.narrator_per_1k"] == pytest.approx(1000 / 9, abs=1e-3)  # 9 words, 1 loaded
    empty = table.loc["a1"]
    assert empty[[c for c in table.columns if c != "loaded.top_terms"]].eq(0).all()
    assert empty["loaded.top_terms"] == ""


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(["draconian", " ", "not ", "“", "”", "Radical Party", "fiasco", "very ", "\n\n",
                                 "a ", "the ", "catastrophic week", ".", "Warmonger"]), max_size=30).map("".join))
def test_spans_always_match_the_source(text):
    hits = find_loaded(corpus_of(text))
    assert list(hits.columns) == LOADED_COLUMNS
    for h in hits.itertuples():
        assert text[h.start : h.end] == h.text
        assert h.start < h.end


def test_tone_by_voice():
    text = "“This is a wonderful, happy day,” she said. The attack was a terrible disaster."
    corpus = corpus_of(text)
    tone = sentence_tone(corpus)
    assert set(tone["voice"]) == {"narrator", "quoted"}
    row = tone_metrics(tone, corpus).iloc[0]
    assert row["tone.quoted_mean"] > 0.5  # VADER: clearly positive
    assert row["tone.narrator_mean"] < 0  # the narrator's sentence is clearly negative
    assert row["tone.quoted_sentences"] == 1


def test_tone_means_roll_up_the_sentence_table_by_voice():
    corpus = corpus_of("“This is a wonderful, happy day,” she said. The attack was a terrible disaster. The sun rose.",
                       "Rain fell.")
    tone = sentence_tone(corpus)
    mine = tone[tone["article"] == "a0"]
    narrator = mine[mine["voice"] == "narrator"]["compound"].tolist()
    quoted = mine[mine["voice"] == "quoted"]["compound"].tolist()
    assert (len(narrator), len(quoted)) == (3, 1)  # "she said." is a narrator piece of the first sentence
    table = tone_metrics(tone, corpus).set_index("article")
    row = table.loc["a0"]
    assert (row["tone.narrator_sentences"], row["tone.quoted_sentences"]) == (3, 1)
    assert row["tone.narrator_mean"] == round(sum(narrator) / 3, 4)
    assert row["tone.quoted_mean"] == round(quoted[0], 4)
    assert row["tone.mean"] == round((sum(narrator) + sum(quoted)) / 4, 4)  # every part, both voices
    neutral = table.loc["a1"]  # one narrator sentence with no sentiment-bearing word
    assert (neutral["tone.narrator_sentences"], neutral["tone.quoted_sentences"]) == (1, 0)
    assert (neutral["tone.narrator_mean"], neutral["tone.quoted_mean"], neutral["tone.mean"]) == (0.0, 0.0, 0.0)


def test_seeds_flag_the_narrators_loaded_words(seeds_corpus):
    hits = find_loaded(seeds_corpus)
    narrator = set(hits[hits["loaded"] & (hits["voice"] == "narrator")]["term"])
    for term in ("staggering loss", "stooge", "snuffed out", "nascent", "rash", "fiasco", "catastrophic week",
                 "lightning-fast", "bravely", "scathing", "quietly devastating", "grim", "dictator", "draconian",
                 "warmonger", "slapped with"):
        assert term in narrator, term
    for article in seeds_corpus.articles["article"]:
        assert ((hits["article"] == article) & hits["loaded"] & (hits["voice"] == "narrator")).any()


def test_highlight_escapes_the_article_and_marks_spans():
    from analysis.loaded import highlight

    text = "<script>x</script> The draconian laws & “a fiasco,” he said."
    hits = find_loaded(corpus_of(text))
    html = highlight(text, hits)
    assert "<script>" not in html and "&lt;script&gt;" in html and "&amp;" in html
    assert html.count("<mark ") >= 2 + 6  # two spans, plus the legend
    assert "text-decoration:underline dotted" in html  # the quoted "fiasco"
    assert html._repr_html_() == str(html)


@pytest.mark.parametrize(
    "sentence",
    ["The council met on Monday.", "It was a terrible, awful day.", "Not bad at all :)", "We are 😀 today",
     "The plan is kind of good, but the result was bad.", "NO WAY.", "Prices rose 3 per cent."],
)
def test_tone_shortcut_equals_vader(sentence):
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    from analysis.tone import _analyzer, _compound

    assert _compound(_analyzer(), sentence) == SentimentIntensityAnalyzer().polarity_scores(sentence)["compound"]


def test_adverbs_are_derived_from_adjectives():
    assert loaded_of("They acted ridiculously.") == [("ridiculously", "ridiculous", "adverb", "narrator")]
    assert loaded_of("It ended horrifically.") == [("horrifically", "horrific", "adverb", "narrator")]


def _top_loaded_terms_with_pandas(hits, *, voice="narrator", n=5):
    """The groupby-and-sort definition that top_loaded_terms computes in one pass."""
    import pandas as pd

    chosen = hits[hits["loaded"] & (hits["voice"] == voice)]
    if chosen.empty:
        return pd.DataFrame(columns=["article", "term", "count", "score"])
    grouped = chosen.groupby(["article", "term"]).agg(count=("term", "size"), score=("score", "max")).reset_index()
    grouped = grouped.sort_values(["article", "count", "score", "term"], ascending=[True, False, False, True])
    return grouped.groupby("article").head(n).reset_index(drop=True)


_HIT = st.tuples(st.sampled_from(["b", "a", "é"]), st.sampled_from(["fiasco", "brave", "Brave", "slam", "ë"]),
                 st.sampled_from([1.0, 2.0, 2.5, 3.1, 2.0000001]), st.booleans(), st.sampled_from(["narrator", "quoted"]))


@settings(max_examples=200, deadline=None)
@given(st.lists(_HIT, min_size=4, max_size=40), st.sampled_from(["narrator", "quoted"]), st.integers(-2, 4))
def test_top_loaded_terms_equals_groupby_and_sort(rows, voice, n):
    import pandas as pd

    from analysis.loaded import _LOADED_DTYPES
    from analysis.typed_tables import typed_frame

    full = [(article, 0, 1, term, term, "adjective", its_voice, score, "mild", "negative", is_loaded)
            for article, term, score, is_loaded, its_voice in rows]
    hits = typed_frame(full, _LOADED_DTYPES)
    expected = _top_loaded_terms_with_pandas(hits, voice=voice, n=n)
    got = top_loaded_terms(hits, voice=voice, n=n)
    pd.testing.assert_frame_equal(got, expected, check_exact=True, check_column_type=False)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="AbZz cD-’'_1é\n.", max_size=40), st.integers(0, 5), st.integers(0, 45))
def test_headline_case_counts_word_initials_as_findall_did(text, start, end):
    import re

    from analysis.name_context import is_headline_case as _is_headline_case

    words = re.findall(r"[A-Za-z][\w’'-]*", text[start:end])
    expected = len(words) >= 3 and sum(w[0].isupper() for w in words) >= 0.8 * len(words)
    assert _is_headline_case(text, start, end) == expected
