"""Frame terms that are not the frame: exclusion phrases, names, outlets and fused tokens; and the new war terms.

All sentences are our own.
"""

from __future__ import annotations

import pytest

from analysis import LexiconError, find_terms, load_frame_lexicon
from analysis.loaded import find_loaded, load_loaded_lexicon
from analysis.matching import Exclusion, build_automaton, match

from .conftest import corpus_of


def terms_of(text, lexicon=None):
    return [(h.text, h.term, h.family) for h in find_terms(corpus_of(text), lexicon=lexicon).itertuples()]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # other wars, named as history, are not the events
        ("Veterans of the Cold War met in Perm.", []),
        ("Her grandfather fought in World War II and in the Korean War.", []),
        ("Victory Day marks the end of the Great Patriotic War.", []),
        # idioms
        ("The two ministers kept up a war of words, and the shops started a price war.", []),
        ("The party has a large war chest and a bidding war began.", []),
        ("He died of a heart attack after a denial-of-service attack on his bank.", []),
        ("She was charged with assault; the man carried an assault rifle.", []),
        ("The board saw no conflict of interest.", []),
        # names and titles
        ("She reread War and Peace and then watched Star Wars.", []),
        ("The Institute for the Study of War publishes a daily map.", []),
        # ... while the events themselves still count, in the same sentence
        ("After the Cold War came this war, a full-scale war.",
         [("war", "war", "war"), ("full-scale war", "full-scale war", "war")]),
        ("A war of words, then a real war.", [("war", "war", "war")]),
    ],
)
def test_exclusion_phrases_block_the_terms_inside_them(text, expected):
    assert terms_of(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The Russian attack on Kherson began at dawn.", [("attack", "attack", "war")]),
        ("Two attacks and one assault on the bridge.", [("attacks", "attack", "war"), ("assault", "assault", "war")]),
        ("It was an act of aggression by the aggressor.",
         [("aggression", "aggression", "war"), ("aggressor", "aggression", "war")]),
        ("The deputies demanded an end to military action.", [("military action", "military action", "neutral")]),
        ("Further military actions were planned.", [("military actions", "military action", "neutral")]),
    ],
)
def test_military_action_attack_assault_and_aggression_are_terms(text, expected):
    assert terms_of(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a capitalised term before a capitalised word modifies a name
        ("Analysts at the International Crisis Group disagreed.", []),
        ("The Occupy Kremlin Square group met at noon.", []),
        # a term fused to a domain, handle, tag or brand token
        ("The site war.ua and the account @war posted #war.", []),
        ("Crisis-TV and crisis.net covered it.", []),
        # a named war of the events stays the frame; so does a term at a line's end
        ("Everyone called it the Ukraine War.", [("War", "war", "war")]),
        ("The war.", [("war", "war", "war")]),
        ("It was a post-war crisis.", [("war", "war", "war"), ("crisis", "crisis", "neutral")]),
        # headline case: every word is capitalised, so capitals name nothing
        ("Russia Begins Full Invasion Of Ukraine As Crisis Deepens",
         [("Invasion", "invasion", "war"), ("Crisis", "crisis", "neutral")]),
    ],
)
def test_terms_inside_names_are_not_hits(text, expected):
    assert terms_of(text) == expected


def test_exclusion_offsets_still_map_to_the_source():
    text = "In the Cold War\u2013era archive, the war\u00a0of\u00a0words and the war.\n\nThe war goes on."
    hits = find_terms(corpus_of(text))
    assert list(hits["text"]) == ["war", "war"]
    for hit in hits.itertuples():
        assert text[hit.start : hit.end] == hit.text


def test_user_lexicon_exclusions(tmp_path):
    path = tmp_path / "peace.toml"
    path.write_text('[families.peace]\nterms = ["truce"]\nexclude = ["Christmas truce", "truce of God"]\n')
    lexicon = load_frame_lexicon(path)
    assert terms_of("The Christmas truce of 1914, two Christmas truces, a truce of God, a truce.", lexicon) == [
        ("truce", "truce", "peace")
    ]


@pytest.mark.parametrize(
    ("exclude", "message"),
    [
        ('["cold peace"]', 'families.peace.exclude, item 1: expected a phrase containing one of families.peace.terms'),
        ('["Christmas truce", "truces"]', 'families.peace.exclude, item 2: expected a phrase longer than a term'),
        ('"Christmas truce"', "families.peace.exclude: expected a list of phrases"),
    ],
)
def test_bad_exclusions_name_the_key(tmp_path, exclude, message):
    path = tmp_path / "peace.toml"
    path.write_text(f'[families.peace]\nterms = ["truce"]\nexclude = {exclude}\n')
    with pytest.raises(LexiconError, match="peace.toml") as raised:
        load_frame_lexicon(path)
    assert message in str(raised.value)


def test_outlet_names_block_terms_and_loaded_words(tmp_path):
    (tmp_path / "outlets.toml").write_text(
        '[cues.told]\nbefore = ["told"]\n'
        '[[outlets]]\nname = "The Daily Crisis"\n'
        '[[outlets]]\nname = "Propaganda"\n'
    )
    text = "The Daily Crisis reported the crisis. Propaganda, a weekly, denied spreading propaganda."
    hits = find_terms(corpus_of(text), lexicon=load_frame_lexicon(lexicon_dir=tmp_path))
    assert list(hits["text"]) == ["crisis"]
    loaded = find_loaded(corpus_of(text), lexicon=load_loaded_lexicon(lexicon_dir=tmp_path))
    propaganda = loaded[loaded["term"] == "propaganda"]
    assert len(propaganda) == 1 and propaganda["start"].iloc[0] >= text.index("spreading")
    # the name counts only with its own capitals: "the daily crisis" is a phrase, not the outlet
    assert list(find_terms(corpus_of("It is the daily crisis."), lexicon=load_frame_lexicon(lexicon_dir=tmp_path))["text"]) \
        == ["crisis"]


def test_loaded_word_inside_an_outlet_name_is_not_loaded():
    text = "Censor.NET reported it first. The state did not censor the site; censor.net said so."
    hits = find_loaded(corpus_of(text))
    assert "censor" not in set(hits["term"])
    assert list(find_loaded(corpus_of("They censor the press."))["term"]) == ["censor"]


def test_exclusion_payloads_never_come_back_from_match():
    automaton = build_automaton([("war", "w"), ("cold war", Exclusion("Cold War")), ("the", "t")])
    assert match("The cold war, the war.", automaton) == [(0, 3, "t"), (14, 17, "t"), (18, 21, "w")]
    assert match("cold war", automaton) == []
