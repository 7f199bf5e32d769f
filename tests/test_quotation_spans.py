"""Which spans are quotations and of which kind (issue 11): own fixtures, each rule with its negatives."""

import json

import pytest

from analysis.document import Document
from analysis.sourcing import article_quotes, find_quotes

from .conftest import corpus_of, run_cli


def kinds_of(text: str, **options: object) -> list[tuple[str, str, str | None]]:
    quotes = article_quotes(Document.of_text(text, article="a"), **options)  # type: ignore[arg-type]
    return [(q.kind, q.text, q.speaker) for q in quotes]


# A quotation of several sentences introduced by words of the reporter's own is reported speech.
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Vera Holm said that “the levy is too high. Nobody can pay it.”",
         [("indirect", "“the levy is too high. Nobody can pay it.”", "Vera Holm")]),
        ("Vera Holm told the Courier that “the levy is too high. Nobody can pay it.”",
         [("indirect", "“the levy is too high. Nobody can pay it.”", "Vera Holm")]),
        ("Vera Holm argued the levy “was far too high. Nobody in Ostby can pay it.”",
         [("indirect", "the levy “was far too high. Nobody in Ostby can pay it.”", "Vera Holm")]),
    ],
)
def test_a_quotation_after_the_reporters_words_is_reported_speech(text, expected):
    assert kinds_of(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Vera Holm said: “The levy is too high. Nobody can pay it.”",  # a colon introduces a direct quotation
        "Vera Holm said, “The levy is too high. Nobody can pay it.”",  # so does a comma
        "The banner read in large letters “Stop here. Go back.”",  # "read" gives a text, it does not report
    ],
)
def test_a_quotation_after_a_colon_comma_or_naming_cue_stays_direct(text):
    assert [kind for kind, _, _ in kinds_of(text)] == ["direct"]


def test_merge_joins_halves_across_a_long_tag():
    text = ("“We stay,” said Oleg Marin, who has chaired the residents’ council of the riverside district "
            "since the spring floods. “We will not leave.”")
    assert [q[1] for q in kinds_of(text, split="merge")] == [text]
    assert len(kinds_of(text)) == 2  # the default keeps sentences apart


def test_merge_joins_a_quotation_that_goes_on_in_the_next_paragraph():
    text = "“We stay here,” Oleg Marin said. “We have always lived here,\n\n“and we will not leave.”"
    assert [q[1] for q in kinds_of(text, split="merge")] == [text]
    assert len(kinds_of(text)) == 3


@pytest.mark.parametrize(
    "text",
    [
        # the second half has a tag of its own with another speaker
        "“We stay,” said Oleg Marin, who has chaired the council since the spring floods. “We go,” Vera Holm said.",
        # a new paragraph after a tag is a new quotation
        "“We stay,” Oleg Marin said.\n\n“We will not leave.”",
        # a paragraph that opens a new quotation after a closed one
        "“We stay here,” said Oleg Marin.\n\n“And we will not leave,” said Vera Holm.",
    ],
)
def test_merge_keeps_quotations_of_their_own_apart(text):
    assert len(kinds_of(text, split="merge")) == 2


# Reported speech without quote marks: where its content starts and ends.
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a tag inside the sentence: the speech goes on after it
        ("Vera Holm ran the meeting. The levy, she says, will double next year.",
         [("indirect", "The levy, she says, will double next year", "Vera Holm")]),
        # a tag at the end: the speech is before it (negative of the above)
        ("Vera Holm ran the meeting. The levy will double next year, she says.",
         [("indirect", "The levy will double next year", "Vera Holm")]),
        # "that" after the reported clause's own subject and verb is not the reporting "that"
        ("Oleg Marin said he is sure that the bridge will hold.",
         [("indirect", "he is sure that the bridge will hold", "Oleg Marin")]),
        # ... but after an addressee and a time it is
        ("Oleg Marin told reporters on Monday that the bridge will hold.",
         [("indirect", "the bridge will hold", "Oleg Marin")]),
        # a tag whose subject is no name the speaker rules know
        ("The talks will fail, sources said.", [("indirect", "The talks will fail", "sources")]),
        ("The talks began to stall, sources said, as the deadline neared.",
         [("indirect", "The talks began to stall", "sources")]),
        # an inverted tag: the speaker after the cue, the speech before it
        ("The bridge will hold, said Oleg Marin, the city engineer.",
         [("indirect", "The bridge will hold", "Oleg Marin")]),
        ("The bridge will hold, said the city engineer.", [("indirect", "The bridge will hold", "the city engineer")]),
        # an appositive before the cue is no inverted tag
        ("Anna Brook, the mayor, said the bridge would reopen in May.",
         [("indirect", "the bridge would reopen in May", "Anna Brook")]),
        ("Anna Brook, the mayor, said Tuesday that the bridge would reopen.",
         [("indirect", "the bridge would reopen", "Anna Brook")]),
    ],
)
def test_reported_speech_boundaries(text, expected):
    assert kinds_of(text) == expected


def test_a_cue_inside_a_relative_clause_reports_nothing():
    assert kinds_of("The talks, which sources said had stalled, resumed in May.") == []


def quotes_with_cues(text: str) -> list[tuple[str, str, str | None, str | None]]:
    return [(q.kind, q.text, q.speaker, q.cue) for q in article_quotes(Document.of_text(text, article="a"))]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the missed cues: "reports", "states" before "that"
        ("Mediazona reports that seven deputies were summoned.",
         [("indirect", "seven deputies were summoned", "Mediazona", "reports")]),
        ("The missive states that the war must end.", [("indirect", "the war must end", "the missive", "states")]),
        # "urged", "described" (and "called") start reported speech
        ("The council urged residents to save water during the drought.",
         [("indirect", "residents to save water during the drought", "the council", "urged")]),
        ("Vera Holm described the plan as a betrayal of the voters.",
         [("indirect", "the plan as a betrayal of the voters", "Vera Holm", "described")]),
        # nouns, not cues
        ("All 50 states voted for the plan.", []),
        ("News reports about the vote spread fast in Ostby.", []),
    ],
)
def test_cues_from_the_lexicon(text, expected):
    assert quotes_with_cues(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Vera Holm would not say which deputies were summoned.",  # negated: nothing is reported
        "Vera Holm didn’t say whether the bridge will reopen.",
        "The company’s claims are massive by any standard.",  # after a possessive the cue is a noun
    ],
)
def test_negated_cues_and_nouns_report_nothing(text):
    assert kinds_of(text) == []


def test_a_contracted_has_is_no_possessive():
    quotes = kinds_of("Vera Holm spoke first. She’s said the bridge will reopen in May.")
    assert [(kind, text) for kind, text, _ in quotes] == [("indirect", "the bridge will reopen in May")]


def test_a_tag_after_a_quoted_fragment_reports_the_clause_it_ends():
    text = "Vera Holm spoke. The levy, she argued, would “ruin the town,” Holm said."
    assert kinds_of(text) == [("indirect", "The levy, she argued, would “ruin the town,”", "Vera Holm")]


def test_a_quoted_fragment_without_a_tag_stays_partial():
    text = "Vera Holm spoke. The levy would “ruin the town and every shop in it” for good."
    assert [kind for kind, _, _ in kinds_of(text)] == ["partial"]


@pytest.mark.parametrize(
    "text",
    [
        # naming, not reporting: a pronoun object after "call"
        "Officials call it a “special operation” and insist the fighting is limited.",
        # a naming cue in a relative clause: where the clause ends is unknown
        "Among others who called the mayor a “traitor” were Oleg Marin and Vera Holm.",
    ],
)
def test_naming_cues_keep_their_scare_quotes(text):
    assert "indirect" not in [kind for kind, _, _ in kinds_of(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a participle after a comma reports for the sentence's subject
        ("The council raised the levy on Monday, saying the town needs a new bridge.",
         [("indirect", "the town needs a new bridge", "the council")]),
        ("Vera Holm left the hall, adding that the vote was rigged.",
         [("indirect", "the vote was rigged", "Vera Holm")]),
    ],
)
def test_participle_cues(text, expected):
    assert kinds_of(text) == expected



@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # complements from the lexicon: "vowed to", "called for" open reported content
        ("Vera Holm has vowed to block the levy during the review.",
         [("indirect", "to block the levy during the review", "Vera Holm", "vowed")]),
        ("The council called for a recount of the votes.",
         [("indirect", "for a recount of the votes", "the council", "called")]),
        # ... which after other cues report nothing
        ("Vera Holm is said to be the next mayor of Ostby.", []),
        ("Vera Holm spoke about the levy for an hour.", []),
    ],
)
def test_cue_complements(text, expected):
    assert quotes_with_cues(text) == expected


def test_scope_attribution_adds_beliefs_and_evidence():
    corpus = corpus_of("Vera Holm thinks the levy is too high. A new poll shows that most voters agree.")
    assert find_quotes(corpus).empty  # speech only, by default
    wide = find_quotes(corpus, scope="attribution")
    assert list(zip(wide["kind"], wide["text"], wide["cue"], strict=True)) == [
        ("indirect", "the levy is too high", "thinks"),
        ("indirect", "most voters agree", "shows"),
    ]
    with pytest.raises(ValueError, match="scope"):
        find_quotes(corpus, scope="everything")


def test_cli_quotes_scope(tmp_path):
    article = tmp_path / "one.txt"
    article.write_text("Vera Holm thinks the levy is too high.\n", encoding="utf-8")
    assert run_cli("quotes", str(article)).stdout == ""
    result = run_cli("quotes", str(article), "--scope", "attribution")
    assert result.returncode == 0, result.stderr
    assert [(r["text"], r["cue"]) for r in map(json.loads, result.stdout.splitlines())] == [
        ("the levy is too high", "thinks")
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # "according to" inside the sentence: the sentence goes on after the source
        ("The harsh truth, according to city engineers, is that the old bridge is failing.",
         [("indirect", "The harsh truth, according to city engineers, is that the old bridge is failing",
           "city engineers")]),
        # ... and at its end (negative)
        ("The bridge will reopen in May, according to the city council.",
         [("indirect", "The bridge will reopen in May", "the city council")]),
        # a participle's subject found in a sentence that is not the text's first
        ("Vera Holm spoke first. Oleg Marin cut the budget of the old bridge, saying the town needs a new one.",
         [("indirect", "the town needs a new one", "Oleg Marin")]),
    ],
)
def test_parenthetical_sources_and_subjects(text, expected):
    assert kinds_of(text) == expected


def test_an_appositive_then_a_clause_is_no_inverted_tag():
    text = "Ivan Petrov, a municipal deputy, claimed the war was lost."
    assert kinds_of(text) == [("indirect", "the war was lost", "Ivan Petrov")]
