"""person_names.toml: the words that tell a capitalised run is not a person's name are data."""

from __future__ import annotations

import shutil

import pytest

from analysis.lexicon import LEXICON_DIR, LexiconError
from analysis.names import is_place_or_org, looks_like_person, person_part, use_person_name_rules
from analysis.sourcing import find_quotes

from .conftest import corpus_of


@pytest.fixture(autouse=True)
def _shipped_rules_after():
    yield
    use_person_name_rules()  # later tests see the shipped list again


def test_shipped_words_keep_places_and_openers_out_of_names():
    use_person_name_rules()
    assert person_part("But Grigory Rankov") == "Grigory Rankov"
    assert person_part("Tverskaya Street") is None
    assert is_place_or_org("Moscow City Duma")
    assert not is_place_or_org("Grigory Rankov")
    assert looks_like_person("Grigory Rankov")


def test_an_edited_file_in_lexicon_dir_takes_effect_on_the_next_call(tmp_path):
    text = 'Anna Brookfield said: "We will not sign it."\n'
    corpus = corpus_of(text)
    assert find_quotes(corpus)["speaker"].tolist() == ["Anna Brookfield"]
    own = tmp_path / "person_names.toml"
    shutil.copy(LEXICON_DIR / "person_names.toml", own)
    own.write_text(own.read_text(encoding="utf-8").replace('"Bridge",', '"Bridge", "Brookfield",'), encoding="utf-8")
    find_quotes(corpus, lexicon_dir=tmp_path)
    assert not looks_like_person("Anna Brookfield")  # "Brookfield" is now a place word
    assert is_place_or_org("Anna Brookfield")
    find_quotes(corpus)  # the shipped list again, on the next call without the folder
    assert looks_like_person("Anna Brookfield")


def test_a_broken_file_names_itself(tmp_path):
    own = tmp_path / "person_names.toml"
    own.write_text('not_name_words = ["but"]\n', encoding="utf-8")
    with pytest.raises(LexiconError, match="person_names.toml"):
        use_person_name_rules(tmp_path)
