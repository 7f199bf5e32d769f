import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from analysis.quotations import quote_problems, quote_spans


def quoted(text):
    return [text[q.content_start : q.content_end] for q in quote_spans(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("He said “we stay” today.", ["we stay"]),
        ('He said "we stay" today.', ["we stay"]),
        ("He said ‘we stay’ today.", ["we stay"]),
        ("Er sagte „wir bleiben“ heute.", ["wir bleiben"]),
        ("Il a dit «nous restons» hier.", ["nous restons"]),
        # mixed pairs, as in the seeds
        ('Putin’s war "harms the security of Russia”, said Dmitry.', ["harms the security of Russia"]),
        ("“We are not afraid to talk about it.\" he said", ["We are not afraid to talk about it."]),
        # a double quotation closed by a single mark, with no double closer after it
        ("“If you want to join, you are very welcome’, says Torstrem.", ["If you want to join, you are very welcome"]),
        # a single-quoted stretch extended to a stray double closer
        ("‘We want to show that they exist’ [representatives] who disagree,” Payuga said.",
         ["We want to show that they exist’ [representatives] who disagree,"]),
        # apostrophes are not quote marks
        ("Putin’s councillors don't agree. It’s the ’90s.", []),
        # split by attribution
        ("“A,” he said. “B.”", ["A,", "B."]),
        # colon introduction
        ("The letter read: “Your proposal has been considered.”", ["Your proposal has been considered."]),
        # nested single inside double
        ("“He called it ‘treason’ twice,” she said.", ["He called it ‘treason’ twice,"]),
    ],
)
def test_pairs(text, expected):
    assert quoted(text) == expected
    assert quote_problems(text) == ()


def test_multi_paragraph_quotation():
    text = "“First paragraph of the quote.\n“Second paragraph of the quote.\n“Third and last.”\nNarration."
    spans = quote_spans(text)
    assert [text[q.content_start : q.content_end] for q in spans] == [
        "First paragraph of the quote.",
        "Second paragraph of the quote.",
        "Third and last.",
    ]
    assert [(q.closed, q.continued) for q in spans] == [(False, False), (False, True), (True, True)]
    assert quote_problems(text) == ()


def test_unbalanced_opener_ends_at_paragraph_end():
    text = "He said “this never closes.\n\nThe next paragraph is narration."
    (span,) = quote_spans(text)
    assert text[span.content_start : span.content_end] == "this never closes."
    assert not span.closed
    (problem,) = quote_problems(text)
    assert problem.problem == "unbalanced_quotes" and problem.offset == 8


def test_only_opening_marks():
    text = "“One\n\n“Two\n\n“Three"
    assert quoted(text) == ["One", "Two", "Three"]
    assert len(quote_problems(text)) == 1  # one quotation running to the end of the text


def test_stray_closer_is_reported():
    text = "Nothing opens here” but this closes."
    assert quoted(text) == []
    assert [p.problem for p in quote_problems(text)] == ["unbalanced_quotes"]


@pytest.mark.parametrize(("text", "short"), [("the word “war” again", True), ("“This is a full sentence. Two.”", False)])
def test_short_spans(text, short):
    (span,) = quote_spans(text)
    assert span.short is short


def test_ten_thousand_quotations():
    text = " ".join(f"“Quote number {i}.” he said." for i in range(10_000))
    assert len(quote_spans(text)) == 10_000


MARKS = st.sampled_from(list("\"“”„«»'‘’ \n.,abcXY-"))


@settings(max_examples=300, deadline=None)
@given(st.lists(MARKS, max_size=80).map("".join))
def test_spans_are_valid_offsets(text):
    previous_end = 0
    for span in quote_spans(text):
        assert 0 <= span.start <= span.content_start <= span.content_end <= span.end <= len(text)
        assert span.start >= previous_end
        previous_end = span.end
    for problem in quote_problems(text):
        assert 0 <= problem.offset < len(text)
