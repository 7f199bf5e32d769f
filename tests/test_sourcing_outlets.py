"""Cited outlets: outlets named next to a reporting cue, from outlets.toml or recognised by a descriptor.

All sentences are our own (invented people; real outlet names, as an article would cite them).
"""

from __future__ import annotations

import pytest

from analysis import LexiconError, cited_outlets

from .conftest import corpus_of


def outlets_of(text, **options):
    table = cited_outlets(corpus_of(text), **options)
    for row in table.itertuples():
        assert text[row.start : row.end] == row.text
    return list(zip(table["outlet"], table["how"], table["text"], strict=True))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Mediazona reports that seven deputies were summoned.", [("Mediazona", "reported", "Mediazona")]),
        ("Oleg Marin has told Novaya Gazeta he will appeal.", [("Novaya Gazeta", "told", "Novaya Gazeta")]),
        ("The fine was paid, according to Meduza.", [("Meduza", "according to", "Meduza")]),
        ("Reuters, quoting a court clerk, said the hearing was closed.", [("Reuters", "reported", "Reuters")]),
        ("The ministry denied it, citing TASS.", [("TASS", "citing", "TASS")]),
        ("A report by Kommersant put the damage at $2m.", [("Kommersant", "reported", "Kommersant")]),
        ("In an interview with DW, Anna Brook said she would stay.", [("Deutsche Welle", "interview", "DW")]),
        ("He wrote on Telegram that the vote was rigged.", [("Telegram", "wrote on", "Telegram")]),
        ("They wrote on Twitter of Anna Brook that she had left.", [("Twitter", "wrote on", "Twitter")]),
        ("Oleg Marin told Voice of America he was fined.", [("Voice of America", "told", "Voice of America")]),
        ("Oleg Marin told the Moscow Times he was fined.", [("Moscow Times", "told", "the Moscow Times")]),
        # a descriptor makes an unknown name an outlet, before or after it
        ("The independent outlet Sever said the protest went ahead.", [("Sever", "reported", "Sever")]),
        ("The Volna daily reported the arrests.", [("Volna", "reported", "Volna")]),
        ("Oleg Marin told the regional newspaper Zarya that he was innocent.", [("Zarya", "told", "Zarya")]),
        # the source-type rules call an unknown name after a cue media
        ("Anna Brook told the Kyiv Herald she was leaving.", [("Kyiv Herald", "told", "the Kyiv Herald")]),
        # a part of a known outlet, and a journalist of one
        ("Oleg Marin told BBC Radio 4's Today programme he regretted nothing.", [("BBC", "told", "BBC Radio 4")]),
        ("Anna Brook told Chris Wallace of Fox News she would run.", [("Fox News", "told", "Fox News")]),
        ("The site Sever.ru reported the fine.", [("Sever.ru", "reported", "Sever.ru")]),
    ],
)
def test_outlets_cited_with_a_cue(text, expected):
    assert outlets_of(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Oleg Marin told Ivan Sokolov that he would resign.",  # a person is told
        "Oleg Marin told the Times Square crowd to go home.",  # a known name inside a longer place name
        "According to the Reuters Institute, trust in news fell.",  # ... or an institution
        "Anna Brook told Michael Bloomberg the plan would fail.",  # a person who shares a name
        "Michael Bloomberg said the plan would fail. Mr. Bloomberg said more.",
        "Anna Brook told a Czech magazine that she had left.",  # a description, not a name
        "A spokesman for Meduza said the site was blocked.",  # the outlet is not the one speaking
        "The results will be announced on Sunday.",  # a day is not a platform
        "“As Meduza reported, we won,” Anna Brook said.",  # inside a quotation: the speaker's citation
        "The ministry said the talks would go on.",  # an institution, no outlet
    ],
)
def test_no_outlet(text):
    assert outlets_of(text) == []


@pytest.mark.parametrize(
    "credit",
    ["Reported by Reuters", "Additional reporting by Reuters", "By Reuters", "Reuters contributed to this report."],
)
def test_credit_lines_are_not_citations(credit):
    text = f"{credit}\n\nOleg Marin said the fine was unfair, according to Reuters."
    assert outlets_of(text) == [("Reuters", "according to", "Reuters")]


def test_a_long_paragraph_starting_with_by_is_not_a_credit():
    text = "By Monday evening, after a long day of hearings in the city court, Interfax reported that the case was closed."
    assert outlets_of(text) == [("Interfax", "reported", "Interfax")]


def test_own_outlet_lexicon(tmp_path):
    (tmp_path / "outlets.toml").write_text(
        '[cues.told]\nbefore = ["told"]\n'
        '[[outlets]]\nname = "Volna"\nkind = "independent"\ncountry = "Russia"\n'
    )
    text = "Anna Brook told Volna she was leaving. Mediazona reports the same."
    # shipped lexicon: Volna is unknown and names no media type
    assert outlets_of(text) == [("Mediazona", "reported", "Mediazona")]
    # the user's file replaces it: its one outlet and its one cue
    assert outlets_of(text, lexicon_dir=tmp_path) == [("Volna", "told", "Volna")]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ('[cues.told]\nbefore = ["told"]\n', "outlets: expected a list of [[outlets]] tables"),
        ('[cues.told]\nbefore = ["told"]\n[[outlets]]\nname = "X"\nkind = "tabloid"\n',
         "outlets, item 1.kind: expected one of wire, state, public, independent, commercial, platform"),
        ('[[outlets]]\nname = "X"\n[cues.told]\nbefore = "told"\n', "cues.told.before: expected a list of phrases"),
    ],
)
def test_bad_outlet_lexicon_names_the_key(tmp_path, content, message):
    (tmp_path / "outlets.toml").write_text(content)
    with pytest.raises(LexiconError, match="outlets.toml") as raised:
        cited_outlets(corpus_of("He told Volna."), lexicon_dir=tmp_path)
    assert message in str(raised.value)
