"""Source types from every description of a speaker across the corpus, on our own small texts.

Each case below names its type and, for the hard negatives, the type a careless rule would give.
"""

import pytest

from analysis.lexicon import lexicon_file
from analysis.sourcing import find_quotes, merge_type_votes, settled_speaker_types, source_type
from analysis.sourcing.roles import speaker_roles
from analysis.sourcing.source_types import _title_word, _type_rules

from .conftest import corpus_of


def types_by_speaker(*texts: str) -> dict[str, set[str]]:
    """Each speaker's source types over the sourced quotations of a corpus of ``texts``."""
    quotes = find_quotes(corpus_of(*texts))
    sourced = quotes[(quotes["kind"] != "mention") & quotes["speaker"].notna()]
    found: dict[str, set[str]] = {}
    for speaker, kind in zip(sourced["speaker"], sourced["speaker_type"], strict=True):
        found.setdefault(speaker, set()).add(kind)
    return found


@pytest.mark.parametrize(
    ("text", "speaker", "expected"),
    [
        # government: police, courts, prosecutors and ministries speak for the state
        ("“The road stays closed until Friday,” police said.", "police", "government"),
        ("“The case is closed,” said Marta Quill, a prosecutor in the Riverside district.", "Marta Quill",
         "government"),
        ("“The hearing is postponed,” said Judge Aron Vesk.", "Aron Vesk", "government"),
        # hard negative: a past office is not a present voice of the state
        ("“I saw the beatings,” said Pavel Rudin, a former police officer, now an activist.", "Pavel Rudin",
         "opposition_local"),
        # state_official: a State Duma deputy, named as such only later in the article
        ("“The law will pass,” Oksana Vell said. Vell, a State Duma deputy, voted for it.", "Oksana Vell",
         "state_official"),
        # opposition_local: a municipal deputy, named as such only later in the article
        ("“We signed it,” Lena Orlova said. Orlova is a municipal deputy in the Smolny district.", "Lena Orlova",
         "opposition_local"),
        # hard negative: local officials who sign an appeal against the president are not state officials,
        # and the president they appeal to does not make them the government
        ("“It is our duty,” said Lena Orlova, one of the local officials who signed the appeal against the president.",
         "Lena Orlova", "opposition_local"),
        # expert: a field of study is not an affiliation
        ("“The army was never ready,” said Ilya Dorn, an independent researcher of military history.", "Ilya Dorn",
         "expert"),
        # media: a journalist quoted
        ("“I was followed home,” said Irina Dall, a journalist.", "Irina Dall", "media"),
        # hard negative: an activist who told an outlet is not the outlet
        ("“We will appeal,” Pavel Rudin, an activist who spoke to the Riverside Gazette, said.", "Pavel Rudin",
         "opposition_local"),
        # social_media
        ("“Watch the whole video,” said Mira Kaye, an influencer.", "Mira Kaye", "social_media"),
        # hard negative: a blogger who is also a municipal deputy is a deputy
        ("“Come to the meeting,” said Ivan Teller, a video blogger and municipal deputy.", "Ivan Teller",
         "opposition_local"),
        # unknown: nothing says who he is now
        ("“Never again,” said Yuri Frost, a former police officer.", "Yuri Frost", "unknown"),
    ],
)
def test_types_from_the_whole_article(text, speaker, expected):
    assert types_by_speaker(text)[speaker] == {expected}


def test_types_from_the_whole_corpus():
    """The seed story as three other outlets told it: the deputies and the ruling-party head who opposed them."""
    corpus = [
        # an outlet that calls the deputies "officials"
        "Municipal officials asked the Duma to charge the president with treason. “We acted as citizens,” said "
        "Lena Orlova, one of the officials who signed the appeal.",
        # an outlet that names her role
        "Lena Orlova, a municipal deputy, spoke to us. “We are not afraid,” Orlova said.",
        # the head of the municipality, named a ruling-party member in one article only
        "“This appeal is illegal,” said Boris Kalin, head of the municipality.",
        "Boris Kalin of United Russia called the appeal a stunt. “They want attention,” Kalin said.",
    ]
    found = types_by_speaker(*corpus)
    assert found["Lena Orlova"] == {"opposition_local"}
    assert found["Boris Kalin"] == {"state_official"}


@pytest.mark.parametrize(
    ("speaker", "role", "expected"),
    [
        # hard negative: a ruling-party municipal deputy is a state official
        ("Ivan Sorokin", "municipal deputy from United Russia", "state_official"),
        ("Ivan Sorokin", "State Duma deputy", "state_official"),
        ("Ivan Sorokin", "municipal deputy", "opposition_local"),
        # a generic word yields to a specific one
        ("Ivan Sorokin", "official; municipal deputy", "opposition_local"),
        # "Ministry" inside an NGO's name
        ("the Ministry of Mercy Foundation", None, "expert"),
        ("the Ministry of Defence", None, "government"),
        # an outlet's word in a person's surname is not the outlet
        ("Dana Fox", "senator", "state_official"),
        # what a journalist covers is not who they are
        ("Ann Lee", "Riverside Gazette White House correspondent", "media"),
        # someone else's title: the senator she works for
        ("Ann Lee", "a senior aide to Sen. Tom Reed", "state_official"),
        ("the missive", None, "document"),
        # hard negative: a person who wrote a report is not a document
        ("Anna Brook", "author of the report", "expert"),
        # hard negative: a company president is not the head of state
        ("Ann Lee", "Riverside Bakers president", "unknown"),
        ("Ann Lee", "the Russian president", "government"),
        # hard negative: a shadow minister is in opposition
        ("Ann Lee", "Shadow Europe minister", "opposition_local"),
        # a deputy minister is not a deputy
        ("Ann Lee", "deputy national security adviser", "government"),
        # hard negatives: a film critic reviews films, an Oscar nominee runs for no office
        ("some film critics", None, "media"),
        ("Kremlin critics", None, "opposition_local"),
        ("Ann Lee", "Oscar nominee", "unknown"),
        ("Ann Lee", "the Democratic nominee", "opposition_local"),
        ("one insider", None, "anonymous"),
    ],
)
def test_source_type_of_a_name_and_roles(speaker, role, expected):
    assert source_type(speaker, role) == expected


def test_anonymous_sources_are_unnamed():
    assert source_type("a source close to the investigation", None) == "anonymous"
    # hard negative: a named person is never anonymous, nor a document
    assert source_type("Anna Brook", "a source close to the mayor; petition") == "unknown"


def roles_in(text: str, *speakers: str) -> dict[str, list[str]]:
    file = lexicon_file("source_types")
    return speaker_roles(text, speakers, title_word=lambda w: _title_word(w, file),
                         role_verbs=_type_rules(file).role_verbs)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Texas Sen. Tom Reed spoke.", ["Texas Sen."]),
        ("“No,” said municipal deputy Lena Orlova.", ["municipal deputy"]),
        ("Lena Orlova, 34, a municipal deputy, said no.", ["a municipal deputy"]),
        ("Lena Orlova (Yabloko) said no.", ["Yabloko"]),
        ("Lena Orlova of United Russia said no.", ["of United Russia"]),
        ("Lena Orlova is a member of the council.", ["a member of the council"]),
        ("Lena Orlova, who signed the appeal, said no.", ["who signed the appeal"]),
        ("Lena Orlova, a deputy who signed the appeal when it was safe, said no.", ["a deputy who signed the appeal"]),
        # not roles: a relative clause about something else, a verb before the name, another first name
        ("Lena Orlova, who said it was late, left.", []),
        ("Polls show Lena Orlova ahead.", []),
        ("Anna Orlova, her sister, was there.", []),
    ],
)
def test_descriptions_of_a_speaker_anywhere_in_the_article(text, expected):
    assert roles_in(text, "Lena Orlova", "Tom Reed")["Lena Orlova" if "Orlova" in text else "Tom Reed"] == expected


def test_lexicon_edits_reach_descriptions(tmp_path):
    path = tmp_path / "source_types.toml"
    path.write_text('[types.expert]\npatterns = ["professor"]\n', encoding="utf-8")
    assert source_type("Ann Lee", "former professor", lexicon_dir=str(tmp_path)) == "expert"
    path.write_text('former = ["former .*"]\nformer_types = []\n[types.expert]\npatterns = ["professor"]\n',
                    encoding="utf-8")
    assert source_type("Ann Lee", "former professor", lexicon_dir=str(tmp_path)) == "unknown"


def test_votes_from_parts_settle_as_the_whole():
    """Chunks or workers tally apart; merged, their votes settle as the whole corpus does."""
    texts = ["“Fine,” said Vera Lind, a municipal deputy.", "Vera Lind of United Russia spoke. “We win,” Lind said.",
             "“Closed,” said Pavel Rudin, a journalist."]
    whole: dict = {}
    find_quotes(corpus_of(*texts), type_votes=whole)
    parts: list[dict] = [{}, {}]
    find_quotes(corpus_of(*texts[:1]), type_votes=parts[0])
    find_quotes(corpus_of(*texts[1:]), type_votes=parts[1])
    merged = merge_type_votes(merge_type_votes({}, parts[1]), parts[0])
    assert settled_speaker_types(merged) == settled_speaker_types(whole)
    assert settled_speaker_types(whole) == {"Vera Lind": "state_official", "Pavel Rudin": "media"}


@pytest.mark.parametrize("name", ["Sunday", "Sunil Gupta", "Expressway workers"])
def test_a_case_sensitive_pattern_is_still_a_whole_word(name):
    from analysis.sourcing import source_type

    assert source_type(name, None) != "media"  # "(?-i:Sun)" is the tabloid, never "Sunday"
    assert source_type("the Sun", None) == "media"
