import pytest

from analysis.segment import count_words, paragraphs, sentences


def texts(text, spans):
    return [text[s:e] for s, e in spans]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("One.\n\nTwo.", ["One.", "Two."]),
        ("One.\nTwo.", ["One.", "Two."]),
        ("  Indented line.  \n\n\n  Next. ", ["Indented line.", "Next."]),
        # a hard-wrapped line (no sentence end, next starts lower case) is joined
        ("This sentence was\nwrapped by an editor.\nNew paragraph.", ["This sentence was\nwrapped by an editor.", "New paragraph."]),
        ("A headline without a full stop\nThe body starts here.", ["A headline without a full stop", "The body starts here."]),
        ("", []),
        ("\n \n", []),
        ("Windows line.\r\nSecond.\r\n", ["Windows line.", "Second."]),
    ],
)
def test_paragraphs(text, expected):
    assert texts(text, paragraphs(text)) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("He left. She stayed.", ["He left.", "She stayed."]),
        ("Mr. Putin grew up in St. Petersburg. He left.", ["Mr. Putin grew up in St. Petersburg.", "He left."]),
        ("“He must go.” She agreed.", ["“He must go.”", "She agreed."]),
        ("“Go,” he said. “Now.”", ["“Go,” he said.", "“Now.”"]),
        ("Born in 1952. 70 years later.", ["Born in 1952.", "70 years later."]),
        ("J. R. Smith wrote it. Really?", ["J. R. Smith wrote it.", "Really?"]),
        ("the value was 3.5 percent. then", ["the value was 3.5 percent. then"]),  # lower case: no break
        ("What? Yes! Fine.", ["What?", "Yes!", "Fine."]),
    ],
)
def test_sentences(text, expected):
    assert texts(text, sentences(text)) == expected


def test_sentences_never_cross_paragraphs():
    text = "First paragraph without an end\n\nSecond one."
    assert texts(text, sentences(text)) == ["First paragraph without an end", "Second one."]


@pytest.mark.parametrize(
    ("text", "n"),
    [("anti-war protesters", 2), ("Putin’s war", 2), ("don't stop", 2), ("18 districts, 2022-09-12", 3), ("— … !", 0)],
)
def test_count_words(text, n):
    assert count_words(text) == n


def test_count_words_in_range():
    text = "one two three four"
    assert count_words(text, 4, 13) == 2


def test_a_stretch_without_sentence_ends_is_cut_every_max_words():
    from analysis.segment import MAX_SENTENCE_WORDS

    words = [f"w{i}," for i in range(2 * MAX_SENTENCE_WORDS + 100)]
    text = "  ".join(words)
    spans = sentences(text)
    assert [count_words(text, s.start, s.end) for s in spans] == [MAX_SENTENCE_WORDS, MAX_SENTENCE_WORDS, 100]
    assert texts(text, spans)[0].endswith(f"w{MAX_SENTENCE_WORDS - 1},")  # punctuation stays, the space goes
    assert texts(text, spans)[1].startswith(f"w{MAX_SENTENCE_WORDS},")
    assert spans[0].start == 0 and spans[-1].end == len(text)


def test_a_sentence_of_max_words_is_not_cut():
    from analysis.segment import MAX_SENTENCE_WORDS

    text = " ".join(["word"] * MAX_SENTENCE_WORDS) + ". Next one."
    assert [count_words(text, s.start, s.end) for s in sentences(text)] == [MAX_SENTENCE_WORDS, 2]
