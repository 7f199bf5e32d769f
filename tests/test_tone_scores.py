"""Tone's fast VADER path gives exactly the compound score of plain ``polarity_scores``.

The pieces are generated from what VADER's rules react to: lexicon words and emoticons,
boosters and dampeners, negations, "kind of", the idioms of ``SPECIAL_CASES``, "but",
"no", "least", emoji (also glued to a word), all-caps words, "!!!" and "???", and words
wrapped in punctuation or quotation marks.
"""

from __future__ import annotations

import string
from functools import lru_cache

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st
from vaderSentiment import vaderSentiment as vader

from analysis.tone import _analyzer, _compound


@lru_cache(maxsize=1)
def plain_vader() -> vader.SentimentIntensityAnalyzer:
    return vader.SentimentIntensityAnalyzer()


@lru_cache(maxsize=1)
def _vocabulary() -> dict[str, list[str]]:
    reference = plain_vader()
    lexicon = sorted(reference.lexicon)
    return {
        "lexicon": lexicon,
        # Entries with punctuation inside or around them: emoticons, "can't stand", "d:"...
        "emoticon": [entry for entry in lexicon if any(c in string.punctuation for c in entry)],
        "booster": sorted(vader.BOOSTER_DICT),
        "negation": sorted(vader.NEGATE) + ["no", "least", "at least", "very least", "never so", "without doubt"],
        "idiom": sorted(vader.SPECIAL_CASES) + sorted(vader.SENTIMENT_LADEN_IDIOMS) + ["kind of", "sort of"],
        # Below U+2190 (the old prefilter's blind spot), then a few pictographs, flags and key caps.
        "emoji": ["©", "®", "™", "ℹ", "‼", "⁉"] + sorted(reference.emojis)[::300],
        "neutral": ["the", "council", "met", "on", "Monday", "but", "BUT", "of", "kind", "so", "this", "or", "nor",
                    "3", "per", "cent", "İstanbul", "\u212aill", "ΟΔΟΣ", "x", "ok"],
    }


_WRAPS = ["", "", "", '"', "'", "(", ")", ".", ",", "!", "!!!", "?", "???", "“", "”", "‘", "’", "—", "…", "*", ":",
          "-", "«", "»", "©", "™", "‼", "😀"]
_GAPS = [" ", " ", " ", "  ", "\t", "\n", "\u00a0", "", ", ", " -- "]


@st.composite
def tokens(draw: st.DrawFn) -> str:
    vocabulary = _vocabulary()
    word = draw(st.sampled_from(vocabulary[draw(st.sampled_from(sorted(vocabulary)))]))
    word = draw(st.sampled_from([word, word, word.upper(), word.title(), word.capitalize()]))
    return draw(st.sampled_from(_WRAPS)) + word + draw(st.sampled_from(_WRAPS))


@st.composite
def glued(draw: st.DrawFn) -> str:
    """A lexicon word with an emoji character right after it: VADER makes them two words."""
    emoji = [key for key in plain_vader().emojis if len(key) == 1]
    return draw(st.sampled_from(_vocabulary()["lexicon"])) + draw(st.sampled_from(sorted(emoji)))


@st.composite
def pieces(draw: st.DrawFn) -> str:
    words = draw(st.lists(tokens(), min_size=0, max_size=14))
    text = draw(st.sampled_from(["", " ", "\n"]))
    for word in words:
        text += word + draw(st.sampled_from(_GAPS))
    return text


@settings(max_examples=600, deadline=None)
@given(st.one_of(tokens(), glued(), pieces()))  # lone tokens: no other word sends the piece to VADER anyway
@example("The council met on Monday.")
@example("It was great©")  # the emoji becomes a word of its own: "great" is then a lexicon word
@example("“Good” news")  # curly quotes stay on the word: VADER does not score it
@example("'good' news")  # ASCII quotes are stripped: VADER scores it
@example("It is kind of good, but the result was NOT GOOD!!!")
@example("A good plan. BUT a bad result")  # the "but" rule ignores case
@example("That was the bomb :) ok")
@example("no:) x")
@example("We are 😀 today")
@example("hello ‼ there")
def test_fast_compound_equals_plain_vader(piece: str) -> None:
    assert _compound(_analyzer(), piece) == plain_vader().polarity_scores(piece)["compound"]


@settings(max_examples=300, deadline=None)
@given(pieces())
def test_lean_analyzer_gives_every_vader_score_unchanged(piece: str) -> None:
    assert _analyzer().polarity_scores(piece) == plain_vader().polarity_scores(piece)


@pytest.mark.parametrize("idiom", sorted(vader.SPECIAL_CASES) + ["kind of", "sort of", "just enough"])
@pytest.mark.parametrize("template", ["{}", "a b c {}", "a b c {} d", "a b c {} d e", "the very {} but good"])
def test_idioms_after_three_words_score_as_plain_vader(idiom: str, template: str) -> None:
    # The idiom check reads up to three words back and two ahead: place idioms where the window matters.
    for piece in (template.format(idiom), template.format(idiom.upper()), template.format(idiom) + " bad"):
        assert _compound(_analyzer(), piece) == plain_vader().polarity_scores(piece)["compound"], piece


def test_a_booster_in_the_lexicon_still_scores_as_in_plain_vader() -> None:
    # VADER 3.3.2's lexicon has no booster word; polarity_scores gives one 0 even if it had.
    fast, plain = type(_analyzer())(), vader.SentimentIntensityAnalyzer()
    for analyzer in (fast, plain):
        analyzer.lexicon = {**analyzer.lexicon, "very": 2.0, "kindof": 1.5}
    for piece in ("very", "It is very good", "VERY nice!", "kindof good", "not very"):
        assert _compound(fast, piece) == plain.polarity_scores(piece)["compound"], piece


def test_no_emoji_character_is_ascii() -> None:
    # _compound sends an ASCII piece past the emoji pass without looking.
    assert not any(char.isascii() for char in _analyzer().emoji_chars)
