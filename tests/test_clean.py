import pytest

from analysis.clean import dateline, excluded_regions


def reasons(text):
    return [(r.reason, text[r.start : r.end]) for r in excluded_regions(text)]


@pytest.mark.parametrize(
    ("text", "iso", "covered"),
    [
        ("January 22, 2025\nBody text here.", "2025-01-22", "January 22, 2025\n"),
        (" date 2022-09-12 Vladimir Putin spoke.", "2022-09-12", " date 2022-09-12 "),
        ("3 March 2023\nText.", "2023-03-03", "3 March 2023\n"),
        ("Published: Sept. 5, 2022 | 10:30 am\nText.", "2022-09-05", "Published: Sept. 5, 2022 | 10:30 am\n"),
    ],
)
def test_dateline(text, iso, covered):
    span, found = dateline(text)
    assert found == iso
    assert text[span.start : span.end] == covered


@pytest.mark.parametrize("text", ["The war began in 2022.", "In January 22 people came.", "2022 was a long year."])
def test_no_dateline(text):
    assert dateline(text) is None


def test_boilerplate_and_caps_headline():
    text = (
        "Body paragraph one.\n\nCLICK HERE TO READ MORE FROM THE EXAMPLE TIMES\n\n"
        "UKRAINE RECAPTURES MORE TERRITORY\n\nBody two.\n\nLeave a Reply"
    )
    assert reasons(text) == [
        ("boilerplate", "CLICK HERE TO READ MORE FROM THE EXAMPLE TIMES"),
        ("all_caps_headline", "UKRAINE RECAPTURES MORE TERRITORY"),
        ("boilerplate", "Leave a Reply"),
    ]


def test_captions():
    text = (
        "Councillors signed the letter. Pictured: A man holding a sign in Moscow\n"
        "Local politicians (pictured) who dared to speak out were questioned today\n"
        "The mayor (pictured) said the plan would work."
    )
    assert reasons(text) == [
        ("caption", "Pictured: A man holding a sign in Moscow"),
        ("caption", "Local politicians (pictured) who dared to speak out were questioned today"),
    ]  # the last paragraph ends a sentence: body text, not a caption


def test_repeated_paragraphs_exact_and_near():
    first = "The public question came after a catastrophic week for the army in the region."
    near = "The public question was raised after a catastrophic week by the army in the region."
    text = f"{first}\n\nSomething else entirely happened today in the city.\n\n{first}\n\n{near}"
    found = excluded_regions(text)
    assert [r.reason for r in found] == ["repeated", "repeated"]
    assert [text[r.start : r.end] for r in found] == [first, near]
    assert found[0].start > len(first)  # the first copy counts


def test_sharing_a_quotation_is_not_repetition():
    a = "“We believe the actions harm the future of the country and its citizens,” they wrote on Twitter."
    b = "Eighteen deputies signed the petition, which read: “We believe the actions harm the future of the country.”"
    assert excluded_regions(f"{a}\n\n{b}") == ()


def test_no_exclusions_in_plain_text():
    assert excluded_regions("A plain article.\n\nWith two paragraphs.") == ()


def test_seed_exclusions(seeds_corpus):
    by_article = {a[:3]: regions for a, regions in zip(seeds_corpus.articles["article"], seeds_corpus.articles["excluded"])}
    text = {a[:3]: t for a, t in zip(seeds_corpus.articles["article"], seeds_corpus.articles["text"])}
    got = {k: [(r.reason, text[k][r.start : r.end][:30]) for r in v] for k, v in by_article.items()}
    assert got["000"] == [] and got["001"] == [] and got["004"] == []
    assert got["003"] == [
        ("dateline", "January 22, 2025\n"),
        ("repeated", "More than 30 Russian city offi"),
        ("all_caps_headline", "UKRAINIAN COUNTEROFFENSIVE REC"),
        ("boilerplate", "CLICK HERE TO READ MORE FROM T"),
        ("boilerplate", "Leave a Reply"),
    ]
    assert [r for r, _ in got["002"]] == ["dateline", "caption", "caption", "repeated", "caption", "caption"]
    assert got["002"][3][1] == "The public question came after"
