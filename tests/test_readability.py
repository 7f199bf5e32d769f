import nltk
import pytest

from analysis.readability import Counts, count_text, readability_table, scores, use_offline_cmudict

from .conftest import corpus_of


@pytest.fixture(autouse=True)
def no_network(monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError("tried to download NLTK data")

    monkeypatch.setattr(nltk, "download", refuse)


def test_hand_checked_counts():
    # "The cat sat on the mat." 6 one-syllable words in one sentence, all Dale–Chall easy.
    assert count_text("The cat sat on the mat.") == Counts(6, 1, 6, 0, 0, 0)
    # "extraordinary": 6 syllables in its first CMU pronunciation (EH2 K S T R AH0 AO1 R D AH0 N EH2 R IY0),
    # not a Dale–Chall easy word; "weather": 2 syllables, easy. Two words are too few to count as a sentence.
    assert count_text("Extraordinary weather.") == Counts(2, 0, 8, 1, 1, 1)


def test_hand_checked_scores():
    # One sentence of six one-syllable words:
    # FRE = 206.835 - 1.015 * 6 - 84.6 * 1 = 116.145; FK = 0.39 * 6 + 11.8 * 1 - 15.59 = -1.45
    # fog = 0.4 * (6 + 0) = 2.4; SMOG = 1.043 * sqrt(0) + 3.1291; Dale–Chall = 0.0496 * 6 = 0.2976
    got = scores(Counts(6, 1, 6, 0, 0, 0))
    assert got == pytest.approx(
        {"flesch_reading_ease": 116.145, "flesch_kincaid_grade": -1.45, "gunning_fog": 2.4,
         "smog_index": 3.1291, "dale_chall": 0.2976}
    )


def test_empty_text_scores_zero():
    assert set(scores(Counts()).values()) == {0.0}


@pytest.mark.parametrize(
    "text",
    [
        "The cat sat on the mat. It was a sunny day in the city of London.",
        "Everyone wasn't remarkably happy about the extraordinary weather; anti-war protesters gathered. They left.",
    ],
)
def test_equals_textstat_on_the_whole_text(text):
    import textstat

    use_offline_cmudict()
    row = readability_table(corpus_of(text)).iloc[0]
    assert row["flesch_reading_ease"] == pytest.approx(textstat.flesch_reading_ease(text), abs=1e-4)
    assert row["flesch_kincaid_grade"] == pytest.approx(textstat.flesch_kincaid_grade(text), abs=1e-4)
    assert row["gunning_fog"] == pytest.approx(textstat.gunning_fog(text), abs=1e-4)
    assert row["smog_index"] == pytest.approx(textstat.smog_index(text), abs=1e-4)
    assert row["dale_chall"] == pytest.approx(textstat.dale_chall_readability_score(text), abs=1e-4)
    assert row["words"] == textstat.lexicon_count(text)


def test_abbreviations_do_not_split_sentences():
    # textstat would count "Mr." and "St." as sentence ends; the segmenter does not.
    row = readability_table(corpus_of("Mr. Putin grew up in St. Petersburg and never left it.")).iloc[0]
    assert row["sentences"] == 1 and row["words"] == 11


def test_narrator_only_drops_quotations():
    text = "“We will never accept this occupation of our city,” said the mayor of the town."
    table = readability_table(corpus_of(text), voices=("all", "narrator", "quoted")).set_index("voice")
    assert table.loc["all", "words"] == 15
    assert table.loc["quoted", "words"] == 9  # "We will never accept this occupation of our city"
    assert table.loc["narrator", "words"] == 6  # "said the mayor of the town"
    assert table.loc["narrator", "sentences"] == 1


def test_seed_readability_is_plausible(seeds_corpus):
    table = readability_table(seeds_corpus)
    assert len(table) == 10
    assert table["flesch_reading_ease"].between(20, 80).all()
    assert (table["words"] > 250).all()
