"""Who said each quotation: speakers, their noun-phrase boundaries and what their pronouns refer to (issue 11).

Every fixture is our own text (own names, own outlets); each case has a negative next to it.
"""

import pytest

from analysis.clean import excluded_regions
from analysis.document import Document
from analysis.sourcing import article_quotes


def speakers_of(text: str) -> list[tuple[str, str | None]]:
    """(quotation text, speaker) for every quotation that is not a mention."""
    quotes = article_quotes(Document.of_text(text, article="a"))
    return [(q.text, q.speaker) for q in quotes if q.kind != "mention"]


def speaker_of(text: str, opening: str) -> str | None:
    """The speaker of the one quotation that holds ``opening`` (reported speech may start before the marks)."""
    (speaker,) = [s for t, s in speakers_of(text) if opening in t]
    return speaker


# --- a quotation of several sentences goes on after its tag --------------------------------------------


def test_the_second_half_of_a_tagged_quotation_keeps_its_speaker():
    text = ("The vote was close.\n\n''Given how odd it is, it made the work hard,'' Mr. Marin recalled last week. "
            "''But he was an honest man. I have worked with people who lie.''")
    assert speaker_of(text, "But he was") == "Marin"


def test_a_quotation_far_from_the_last_tag_is_not_given_its_speaker():
    text = ("''The budget is fine,'' Mr. Marin said. The council then met for three hours on Monday and Tuesday to "
            "discuss the roads, the schools, the parks, the bridges and the new hospital planned in the north. "
            "''Nobody came. Nobody cared.''")
    assert speaker_of(text, "Nobody came") is None


# --- participles: the clause's subject speaks ------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ("A week later, Oleg Marin reversed himself again, telling the Gazette that the plan was dead.", "Oleg Marin"),
        ("Oleg Marin spoke after the vote in Elm Square, noting that the turnout was low.", "Oleg Marin"),
        ("Before the vote, the council chairman Ivan Petrov met the protesters, telling them that the plan was dead.",
         "Ivan Petrov"),
    ],
)
def test_a_participle_cue_takes_the_subject_of_its_clause(text, speaker):
    ((_, found),) = speakers_of(text)
    assert found == speaker


def test_a_participle_after_an_appositive_takes_the_noun_phrase():
    # "with X, a Y, saying": the absolute construction's noun phrase speaks, not the main clause's subject.
    text = ("Criticism of the mayor is growing, with Ivan Petrov, a former deputy, saying recently that the budget "
            "was a fraud.")
    ((_, found),) = speakers_of(text)
    assert found == "Ivan Petrov"


# --- coordinated and plural speakers -------------------------------------------------------------------


def test_coordinated_speakers_speak_together_and_they_is_the_group():
    text = ("Dmitry Palyuga and Nikita Yuferev signed the appeal. “We will appeal,” Palyuga and Yuferev said. "
            "“We have the votes,” they said.")
    assert [s for _, s in speakers_of(text)] == ["Dmitry Palyuga and Nikita Yuferev"] * 2


def test_they_after_coordinated_speakers_of_reported_speech():
    text = "Oleg Marin and Ivan Petrov said the vote was rigged. They also said the council would appeal."
    assert [s for _, s in speakers_of(text)] == ["Oleg Marin and Ivan Petrov"] * 2


def test_a_name_and_a_clause_are_not_coordinated_speakers():
    text = "Oleg Marin left the hall and Ivan Petrov said the vote was rigged."
    assert [s for _, s in speakers_of(text)] == ["Ivan Petrov"]


# --- noun-phrase boundaries ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ("“We are not afraid,” Finally Anna Brook said.", "Anna Brook"),  # a leading adverb
        ("Oleg Marin later Thursday told the Gazette: “We are not afraid.”", "Oleg Marin"),  # a trailing time
        ("The scandal led Mayor Anna Brook to announce that she would resign.", "Anna Brook"),  # to-infinitive
        ("Although Marin's office declined to comment and the mayor's aides later said the remark was wrong, "
         "the row went on.", "the mayor's aides"),  # a second clause after "and"
        ("“Sit down!” Oleg Marin said as the heckler yelled: “You lie!”", "the heckler"),  # a later clause
    ],
)
def test_speaker_noun_phrase_boundaries(text, speaker):
    assert speakers_of(text)[-1][1] == speaker


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ("“We are not afraid,” Kelly Marin said.", "Kelly Marin"),  # a first name ending in -ly stays
        ("“We are not afraid,” Manning said.", "Manning"),  # a surname ending in -ing stays
        ("The board asked Oleg Marin to stay, and he agreed. “We stay,” said Anna Brook.", "Anna Brook"),
    ],
)
def test_names_that_look_like_adverbs_or_gerunds_are_kept(text, speaker):
    assert speakers_of(text)[-1][1] == speaker


def test_a_gerund_phrase_is_no_speaker():
    text = "Having Anna Brook on the panel was a mistake, he said. “We lost,” Having Anna Brook said."
    assert "Anna Brook" not in [s for _, s in speakers_of(text)]


# --- addressee versus speaker ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "speakers"),
    [
        ("“We will not stop,” Palyuga later Thursday told Reuters.", ["Palyuga"]),
        ("Palyuga on Monday told Reuters: “We will not stop.” He said the council would meet again.",
         ["Palyuga", "Palyuga"]),
        ("“We will not stop,” the deputy from Elm, 35, told Reuters. “The vote was rigged,” he said.",
         ["the deputy from Elm", "the deputy from Elm"]),
    ],
)
def test_the_addressee_of_told_is_never_the_speaker(text, speakers):
    assert [s for _, s in speakers_of(text)] == speakers


def test_no_subject_before_told_leaves_the_speaker_unknown():
    assert [s for _, s in speakers_of("In Elm, where the vote was held, told Reuters: “We will not stop.”")] == [None]


@pytest.mark.parametrize(
    "text",
    [
        "“We will not stop,” Palyuga said to the BBC. “The vote was rigged,” he added.",
        "“We will not stop,” Palyuga told reporters. “The vote was rigged,” he added.",
        "Palyuga told the newspaper: “We will not stop.” “The vote was rigged,” he added.",
    ],
)
def test_said_to_and_told_keep_the_speaker(text):
    assert {s for _, s in speakers_of(text)} == {"Palyuga"}


def test_he_with_nobody_quoted_yet_is_the_last_person_named():
    text = "Council spokesperson Ivan Petrov gave no details on Monday. But he said the talks went well."
    assert speakers_of(text) == [("the talks went well", "Ivan Petrov")]


# --- bylines and author lines ------------------------------------------------------------------------------


def cleaned_speakers(text: str) -> list[str | None]:
    """Speakers with the text cleaned as loading cleans it (bylines become excluded regions)."""
    doc = Document.of_text(text, article="a", excluded=excluded_regions(text))
    return [q.speaker for q in article_quotes(doc) if q.kind != "mention"]


@pytest.mark.parametrize(
    "byline", ["By Anna Brook", "By Anna Brook, 12 May 2024", "Anna Brook, Moscow correspondent"]
)
def test_a_byline_author_never_speaks(byline):
    text = f"{byline}\n\nSeven deputies signed a petition against the war.\n\n“We demand the mayor's resignation.”"
    assert "Anna Brook" not in cleaned_speakers(text)


def test_a_name_in_the_story_still_speaks_after_a_byline():
    text = "By Anna Brook\n\nDeputy Olga Marina signed the petition.\n\n“We demand his resignation,” she said."
    assert cleaned_speakers(text) == ["Olga Marina"]


@pytest.mark.parametrize(
    ("paragraph", "excluded"),
    [("By Anna Brook", True), ("By Anna Brook and Oleg Marin, Moscow", True), ("Reporting by Anna Brook", True),
     ("By Monday, the council had voted.", False), ("By the end of the day it was over", False),
     ("Anna Brook, the deputy, said it was a crime.", False)],
)
def test_bylines_are_excluded_regions(paragraph, excluded):
    assert bool(excluded_regions(paragraph + "\n\nThe vote was held.")) == excluded


# --- documents and posts ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "speaker", "role"),
    [
        ("“We demand his resignation,” the deputies' petition reads.", "the petition", "by the deputies"),
        ("“We demand his resignation,” the council's open letter said.", "the letter", "by the council"),
        ("The army shelled Elm. Anna Brook's post on Facebook read: “This is a crime.”", "Anna Brook", None),
        ("The army shelled Elm. The deputies' post on VKontakte said: “This is a crime.”", "the deputies", None),
    ],
)
def test_documents_speak_for_themselves_and_posts_for_their_authors(text, speaker, role):
    (quote,) = article_quotes(Document.of_text(text, article="a"))
    assert (quote.speaker, quote.role) == (speaker, role)


def test_a_possessive_that_is_no_document_or_post_stays():
    assert speakers_of("Oleg Marin's son said: “We stay.”") == [("“We stay.”", "Oleg Marin's son")]


# --- speech by platform and colon introductions -------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Deputy Anna Brook spoke on Monday. The Russian army said it had hit military targets.\n\n"
        "On Telegram: “This is a crime.”",
        "Deputy Anna Brook spoke on Monday. The Russian army said it had hit military targets. "
        "She wrote on Telegram:\n\n“This is a crime.”",
    ],
)
def test_a_post_on_a_platform_is_its_account_holders(text):
    assert speaker_of(text, "This is a crime") == "Anna Brook"


@pytest.mark.parametrize(
    "text",
    [
        "The Russian army shelled Elm. “This is a crime,” Anna Brook wrote on Telegram.",
        "The Russian army shelled Elm. Anna Brook posted on VKontakte: “This is a crime.”",
        "The Russian army shelled Elm. In a video on YouTube, Anna Brook said: “This is a crime.”",
        "The Russian army shelled Elm. “This is a crime,” tweeted Anna Brook.",
    ],
)
def test_the_platform_and_a_nearby_army_never_speak(text):
    assert speaker_of(text, "This is a crime") == "Anna Brook"


def test_a_colon_introduction_in_the_sentence_before_gives_its_subject():
    text = "“We stay,” said Dmitry Palyuga. Later the mayor's office released this note:\n\n“The bridge stays shut.”"
    assert speaker_of(text, "The bridge") == "the mayor's office"


# --- a quoted fragment without a cue, and a second verb: the clause's subject -----------------------------


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ("Dmitry Palyuga spoke first. Then Anna Brook took the floor and landed a sharp dig at “my dear colleague from the north”.",
         "Anna Brook"),
        ("“We stay,” said Dmitry Palyuga. The mayor's office replied and claims that “nothing was rigged”.",
         "the mayor's office"),
        ("“We stay,” said Dmitry Palyuga. Later Anna Brook — named by the Gazette as the next mayor — told "
         "the council that the vote was fair.", "Anna Brook"),
    ],
)
def test_a_clause_subject_speaks_for_a_fragment_or_a_second_verb(text, speaker):
    assert speakers_of(text)[-1][1] == speaker


def test_a_fragment_whose_subject_is_a_pronoun_goes_to_its_antecedent():
    text = "“We stay,” said Dmitry Palyuga. Anna Brook left. He called the plan “a fraud from start to finish”."
    assert [s for _, s in speakers_of(text)] == ["Dmitry Palyuga", "Dmitry Palyuga"]


@pytest.mark.parametrize(
    ("text", "opening", "speaker"),
    [
        ("Most residents agree.\n\n''I just don't think the mayor has been truthful,'' Olga Marina, 67, a retired "
         "teacher in Elm, said in a later interview.", "I just", "Olga Marina"),  # a tag after two apostrophes
        ("''The vote was fair,'' said Oleg Marin, the council's secretary.\n\n''Nobody was turned away. Nobody "
         "complained.''", "Nobody", "Oleg Marin"),  # a paragraph of two apostrophes continues the speaker
        ("The polls went wrong in the north - Anna Brook:\n\n“The samples were too small to tell.”", "The samples",
         "Anna Brook"),  # a colon label
    ],
)
def test_two_apostrophe_quotations_and_colon_labels(text, opening, speaker):
    assert speaker_of(text, opening) == speaker


def test_a_colon_after_an_adverbial_is_no_label():
    text = "“We stay,” said Dmitry Palyuga. Then, after a pause:\n\n“We will be back next year.”"
    assert speakers_of(text)[-1][1] != "Then, after a pause"


def test_the_speaker_lexicon_is_data(tmp_path):
    """speakers.toml drives the rules: a user's copy without "petition" keeps the possessive speaker."""
    from analysis.lexicon import LEXICON_DIR

    shipped = (LEXICON_DIR / "speakers.toml").read_text(encoding="utf-8")
    (tmp_path / "speakers.toml").write_text(shipped.replace('documents = ["petition", ', "documents = ["), "utf-8")
    doc = Document.of_text("“We demand his resignation,” the deputies' petition reads.", article="a")
    assert [q.speaker for q in article_quotes(doc)] == ["the petition"]
    assert [q.speaker for q in article_quotes(doc, lexicon_dir=str(tmp_path))] == ["the deputies' petition"]


# --- inverted cues only: what follows a cue is a speaker only after a quotation or a comma -------------------


@pytest.mark.parametrize(
    ("text", "speakers"),
    [
        ("Anna Brook has delivered a defence of “Elm values and the town's courage,” saying the town embodied "
         "courage.", ["Anna Brook"]),
        ("Anna Brook praised Oleg Marin as “a fine and loyal colleague” but described his budget as “a work in "
         "progress, at best”.", ["Anna Brook", "Anna Brook"]),
    ],
)
def test_the_object_after_a_cue_is_never_the_speaker(text, speakers):
    assert [s for _, s in speakers_of(text)] == speakers


def test_an_inverted_tag_still_names_the_speaker():
    assert speakers_of("“We stay,” said Oleg Marin, the mayor.") == [("“We stay,”", "Oleg Marin")]


def test_people_in_general_are_no_speaker_of_a_fragment():
    text = ("“We stay,” said Oleg Marin. Citizens who fear the new bridge should understand that “as a result of the "
            "vote, the old bridge will be closed for good.”")
    assert speakers_of(text)[-1][1] != "Citizens"


def test_a_second_verb_without_a_quotation_adds_no_reported_speech():
    text = "Officials in Elm still call it a “special operation” and insist the fighting is limited."
    assert speakers_of(text) == []


# --- a name after a fronted phrase, its verb right after, is a subject ------------------------------------


_FRONTED = ("Pavel Drunov, a farmer, opened the meeting. Oskar Varnell wrote a book about the river.\n\n"
            "“The water is low,” Drunov said.\n\n"
            "When the mayor spoke of the dam, Varnell {verb}. “We waited too long,” he says.")


def test_a_name_after_a_fronted_phrase_with_its_verb_is_what_he_refers_to():
    assert speaker_of(_FRONTED.format(verb="didn’t hesitate"), "We waited") == "Oskar Varnell"
    assert speaker_of(_FRONTED.replace("the dam, Varnell {verb}", "the dam, Varnell believes"), "We waited") == (
        "Oskar Varnell"
    )


def test_a_name_before_a_plural_noun_is_no_subject():
    text = _FRONTED.replace("Varnell {verb}", "Varnell supporters cheered")
    assert speaker_of(text, "We waited") == "Pavel Drunov"


# --- someone else named as a subject after the last quotation takes the untagged one that follows ---------


_SWITCH = ("Ivo Lantern directs the company. Mira Oakes joined it in May.\n\n"
           "“I always wanted a longer piece,” says Lantern. “It grows when you come back to it.” {between}"
           "“I am thankful for the invitation.”")


def test_an_untagged_quotation_after_someone_else_is_named_is_theirs():
    assert speaker_of(_SWITCH.format(between="Oakes did not need much coaxing. "), "I am thankful") == "Mira Oakes"
    assert speaker_of(_SWITCH.format(between="\n\nOakes did not need much coaxing.\n\n"), "I am thankful") == (
        "Mira Oakes"
    )


def test_an_untagged_quotation_keeps_its_speaker_when_nobody_else_is_named():
    assert speaker_of(_SWITCH.format(between="He smiled. "), "I am thankful") == "Ivo Lantern"
    assert speaker_of(_SWITCH.format(between="Lantern smiled. "), "I am thankful") == "Ivo Lantern"


# --- a surname after a fronted phrase; a relative pronoun as the verb's object --------------------------


def test_a_known_surname_after_a_fronted_phrase_speaks():
    text = ("Oskar Varnell runs the river trust.\n\n"
            "On Sunday, Varnell, who has many followers, tweeted, “The dam must go before the spring floods.”")
    assert speaker_of(text, "The dam must go") == "Oskar Varnell"


def test_a_single_capitalised_word_after_a_fronted_phrase_is_no_speaker_unless_a_known_surname():
    text = ("Oskar Varnell runs the river trust.\n\n"
            "On Sunday, Elmwood, a town with many followers, tweeted, “The dam must go before the spring floods.”")
    assert speaker_of(text, "The dam must go") != "Elmwood"


def test_the_subject_after_an_object_relative_speaks():
    text = ("Oskar Varnell runs the river trust. The council approved the dam, which Mr. Varnell called "
            "“a disgrace to the valley,” and the mayor left.")
    assert speaker_of(text, "a disgrace") == "Oskar Varnell"
    text = ("Oskar Varnell runs the river trust. In May, under what Mr. Varnell called “the old model of the valley,” "
            "the dam was closed.")
    assert speaker_of(text, "the old model") == "Oskar Varnell"
    text = "Oskar Varnell runs the river trust. What Varnell described as “a disgrace to the valley” was closed."
    assert speaker_of(text, "a disgrace") == "Oskar Varnell"
    text = "Oskar Varnell runs the river trust. The dam has critics, who say it is “a disgrace to the valley.”"
    assert speaker_of(text, "a disgrace") != "Oskar Varnell"


# --- a role before coordinated names: both speak, and "they" is them -----------------------------------


def test_coordinated_names_after_a_role_speak_together_and_they_refers_to_them():
    text = ("In an emailed statement, the café's owners Ivo Lantern and Mira Oakes said they respected the vote.\n\n"
            "“Our priority is a healthy workplace for everyone,” they said.")
    assert speaker_of(text, "they respected") == "Ivo Lantern and Mira Oakes"
    assert speaker_of(text, "Our priority") == "Ivo Lantern and Mira Oakes"


def test_one_name_after_a_role_speaks_alone():
    text = "In an emailed statement, the café's owner Ivo Lantern said he respected the vote of Mira Oakes and others."
    assert speaker_of(text, "he respected") == "Ivo Lantern"


def test_a_name_after_and_with_its_verb_is_what_he_refers_to():
    text = _FRONTED.replace("When the mayor spoke of the dam, Varnell {verb}.", "The dam is old and Mr. Varnell {verb}.")
    assert speaker_of(text.format(verb="believes it must go"), "We waited") == "Oskar Varnell"
    assert speaker_of(text.format(verb="supporters cheered"), "We waited") == "Pavel Drunov"


# --- an "and" inside the tag's appositive does not open a clause of its own ---------------------------


def test_a_tag_whose_appositive_holds_and_still_names_the_speaker():
    text = ("Roads were closed all week.\n\n"
            "“The situation remains the same,” Ivo Lantern, the director of roads and bridges, said in a statement.")
    assert speaker_of(text, "The situation remains") == "Ivo Lantern"
    text = text.replace("roads and bridges", "roads, bridges and tunnels")
    assert speaker_of(text, "The situation remains") == "Ivo Lantern"


def test_an_and_before_the_name_still_opens_a_clause_of_its_own():
    text = ("Roads were closed all week. Mira Oakes called the detour “a disgrace to the valley” "
            "and Ivo Lantern, the director of roads, said nothing.")
    assert speaker_of(text, "a disgrace") != "Ivo Lantern"


def test_a_described_speaker_with_an_appositive_after_the_quotation_is_its_tag():
    text = ("Prices rose again in May.\n\n"
            "“The budget cannot hold for long,” the treasurer of the northern district, Ivo Lantern, a former "
            "banker, said on Tuesday.")
    assert speaker_of(text, "The budget cannot") == "Ivo Lantern"
    text = "Prices rose again in May.\n\n“The budget cannot hold for long,” the treasurer warned the whole council."
    assert speaker_of(text, "The budget cannot") == "the treasurer"


# --- a participle's subject: a surname alone, adverbs after it, "And then" before it -------------------


def test_a_participle_after_a_surname_and_an_adverb_goes_to_the_surname():
    text = ("Oskar Varnell runs the river trust.\n\n"
            "Varnell then appears in a clip from a town meeting, saying, “The dam must go before the spring.”")
    assert speaker_of(text, "The dam must go") == "Oskar Varnell"
    text = ("Oskar Varnell runs the river trust.\n\n"
            "And then Varnell went fully on the attack, saying, “The dam must go before the spring.”")
    assert speaker_of(text, "The dam must go") == "Oskar Varnell"


def test_a_possessive_or_an_adverb_before_a_participle_does_not_speak():
    text = ("Oskar Varnell runs the river trust.\n\n"
            "Varnell’s clip from a town meeting ends abruptly, saying, “The dam must go before the spring.”")
    assert speaker_of(text, "The dam must go") != "Oskar Varnell"
    text = ("Oskar Varnell runs the river trust.\n\n"
            "Elmwood council members wrote to the governor, claiming “the dam must go before the spring.”")
    assert speaker_of(text, "the dam must go") != "Elmwood"


def test_a_progressive_cue_is_not_a_passive():
    text = "Ivo Lantern is telling customers at a diner, “I will fix the roads before the winter comes.”"
    assert speaker_of(text, "I will fix") == "Ivo Lantern"
    text = "Ivo Lantern was told by Mira Oakes at a diner, “You will fix the roads before the winter comes.”"
    assert speaker_of(text, "You will fix") != "Ivo Lantern"


def test_a_participle_after_a_quotation_closed_by_two_apostrophes_goes_to_the_clause_subject():
    text = "Mr. Varnell said of the vote, ''I don't like it,'' adding that ''they have anger that is unbelievable.''"
    assert speaker_of(text, "they have anger") == "Varnell"
