"""The explorer's answers (analysis.explorer), its HTML (analysis.explorer_html) and its widgets, without a browser."""

import html
import re
from html.parser import HTMLParser

import pandas as pd
import pytest

from analysis import explore, load_corpus
from analysis.clean import Region
from analysis.explorer import MAX_CONTEXT, NO_OUTLET, NO_SPEAKER, Explorer
from analysis.explorer_app import STATIC_NOTE, TABS
from analysis.explorer_html import article_html, figure_row, kwic_row, passage_row, quote_row, speaker_row, table_html

from .conftest import MINI, SEEDS, corpus_of

HOSTILE = "<script>alert('x')</script>"


@pytest.fixture(scope="module")
def seeds() -> Explorer:
    return Explorer(load_corpus(SEEDS))


def explorer_of(*texts: str, outlets: tuple[str, ...] = (), excluded: dict[int, tuple[Region, ...]] | None = None):
    table = corpus_of(*texts)
    if outlets:
        table["outlet"] = list(outlets)
    for row, regions in (excluded or {}).items():
        table.at[row, "excluded"] = regions
    return Explorer(table)


# ------------------------------------------------------------------- terms --

def test_a_word_outside_the_lexicon_is_searched_in_the_text_with_its_voice():
    ex = explorer_of("Vladimir Putin spoke on Monday. “Putin has failed us,” said Anna Brook. "
                     "Putinism is not Putin's creed, and the word “Putin” is banned.")
    found = ex.search("putin")
    assert found.kind == "phrase" and found.name == "putin"
    text = ex.text("a0")
    assert [text[s:e] for s, e in zip(found.hits["start"], found.hits["end"])] == ["Putin"] * 4  # not "Putinism"
    assert found.hits["voice"].tolist() == ["narrator", "quoted", "narrator", "mention"]
    assert found.hits["text"].tolist() == ["Putin"] * 4
    assert "not in the lexicon" in found.describe(1) and "4 hits in 1 of 1 article" in found.describe(1)


@pytest.mark.parametrize("query, expected", [
    ("Putin*", ["Putin", "Putinism", "Putin's"]),
    ("vladimir putin", ["Vladimir\nPutin"]),  # any white space between the words
    ("pro-Kremlin", ["pro–Kremlin"]),  # any dash
    ("Kremlin", ["Kremlin"]),
    ("Putinist", []),
])
def test_phrases_match_whole_words_in_any_case_dash_and_space(query, expected):
    ex = explorer_of("Vladimir\nPutin and Putinism: Putin's pro–Kremlin course.")
    assert ex.search(query).hits["text"].tolist() == expected


def test_a_star_alone_or_punctuation_is_no_query():
    ex = explorer_of("War and peace.")
    for query in ("", "   ", "*", "***", "?!"):
        found = ex.search(query)
        assert found.kind == "empty" and found.hits.empty
        assert found.describe(1).startswith("Type a family")


def test_hits_inside_excluded_regions_are_skipped_like_every_metric():
    text = "Putin spoke. CLICK HERE TO READ MORE ABOUT PUTIN\nPutin left."
    cut = text.index("CLICK")
    ex = explorer_of(text, excluded={0: (Region(cut, text.index("\n"), "boilerplate"),)})
    assert ex.search("Putin").hits["start"].tolist() == [0, text.rindex("Putin")]


def test_lexicon_terms_families_and_unknown_families():
    ex = explorer_of("They invaded in February; the invasion and the war went on. A special operation, they said.")
    invaded = ex.search("invaded")  # a listed variant: the whole entry
    assert (invaded.kind, invaded.name) == ("term", "invasion")
    assert invaded.hits["text"].tolist() == ["invaded", "invasion"]
    family = ex.search("family: war")
    assert (family.kind, family.name) == ("family", "war")
    assert family.hits["text"].tolist() == ["invaded", "invasion", "war"]
    assert ex.search("FAMILY:Euphemism").hits["text"].tolist() == ["special operation"]
    unknown = ex.search("family: peace")
    assert unknown.kind == "unknown_family" and unknown.hits.empty
    assert "No family “peace”" in unknown.describe(1) and "war, euphemism" in unknown.describe(1)
    assert ex.term_choices()[:2] == ["family: war", "family: euphemism"] and "invasion" in ex.term_choices()


def test_counts_per_article_and_per_outlet_by_voice():
    ex = explorer_of("Putin spoke. “Putin lies,” she said.", "Nothing here.", "Putin again.",
                     outlets=("Daily", "Daily", ""))
    found = ex.search("Putin")
    per_article = ex.term_counts(found)
    assert per_article[["row", "narrator", "quoted", "mention", "total"]].values.tolist() == [
        ["Daily (a0)", 1, 1, 0, 2], ["a2", 1, 0, 0, 1]]
    per_outlet = ex.term_counts(found, by="outlet")
    assert per_outlet[["row", "articles", "total"]].values.tolist() == [["Daily", 1, 2], [NO_OUTLET, 1, 1]]
    with pytest.raises(ValueError, match="by must be"):
        ex.term_counts(found, by="speaker")


def test_kwic_rows_trace_back_and_hold_the_whole_sentence(seeds):
    found = seeds.search("Putin")
    rows = seeds.kwic(found)
    assert len(rows) == len(found.hits) > 20
    for article, start, end, left, match, right in zip(rows["article"], rows["start"], rows["end"], rows["left"],
                                                       rows["match"], rows["right"]):
        text = seeds.text(article)
        assert text[start:end] == match and match.lower() == "putin"
        # The context is the source's own characters (line breaks as spaces), uncut at both ends.
        assert text[start - len(left):start].replace("\n", " ") == left
        assert text[end:end + len(right)].replace("\n", " ") == right
    # Independent count: every whole-word "Putin" outside excluded regions.
    expected = 0
    for article in seeds.order:
        text = seeds.text(article)
        index = seeds.voice_index(article)
        expected += sum(not index.is_excluded(m.start(), m.end()) for m in re.finditer(r"(?<!\w)Putin(?!\w)", text))
    assert len(rows) == expected


def test_kwic_context_is_the_sentence_and_a_long_one_is_cut_at_a_word():
    long = "word " * 200
    ex = explorer_of(f"First sentence here. Then Putin spoke at length. Last one.\n{long}Putin {long}end.")
    rows = ex.kwic(ex.search("Putin"))
    assert (rows["left"][0], rows["right"][0]) == ("Then ", " spoke at length.")
    assert rows["left"][1].startswith("…word") and len(rows["left"][1]) <= MAX_CONTEXT + 1
    assert rows["right"][1].endswith("word…") and len(rows["right"][1]) <= MAX_CONTEXT + 1


# ------------------------------------------------------------------ voices --

def test_a_speaker_s_spellings_are_merged_and_every_quotation_shown():
    ex = explorer_of(
        "“We will not stop,” said Xenia Torstrem, a municipal deputy. Protests went on.",
        "“The petition stands,” said Ksenia Torstrem. “We are many,” Ksenia Torstrem added.",
        "Officials claimed the vote was fair, the mayor said.",
    )
    speakers = ex.speakers()
    row = speakers[speakers["speaker"] == "Ksenia Torstrem"].iloc[0]
    assert (row["quotes"], row["articles"], row["variants"]) == (3, 2, "Xenia Torstrem")
    assert "Xenia Torstrem" not in set(speakers["speaker"])
    quotes = ex.quotes_by("Ksenia Torstrem")
    assert quotes["speaker"].tolist() == ["Xenia Torstrem", "Ksenia Torstrem", "Ksenia Torstrem"]  # as written
    for article, start, end, text in zip(quotes["article"], quotes["start"], quotes["end"], quotes["text"]):
        assert ex.text(article)[start:end] == text
    tally = ex.quote_tally("Ksenia Torstrem")
    assert tally[["article", "quotes", "direct", "neutral"]].values.tolist() == [["a0", 1, 1, 1], ["a1", 2, 2, 2]]


def test_who_falls_in_a_stance_or_a_source_type():
    ex = explorer_of("Officials claimed the vote was fair. “It was not,” said Anna Brook, an opposition councillor.")
    distancing = ex.who(stance="distancing")
    assert distancing["speaker"].tolist() == ["officials"]
    assert ex.who(stance="neutral")["speaker"].tolist() == ["Anna Brook"]
    assert ex.who(speaker_type="opposition_local")["speaker"].tolist() == ["Anna Brook"]
    assert ex.who(stance="medium").empty
    assert set(ex.who()["speaker"]) == {"officials", "Anna Brook"}
    assert "distancing" in ex.stances() and "opposition_local" in ex.speaker_types()


def test_quotations_without_a_speaker_are_one_speaker_listed_last():
    ex = explorer_of("“Nobody knows who said this, and that is the whole point of it.”")
    assert ex.speakers()["speaker"].tolist() == [NO_SPEAKER]
    assert len(ex.quotes_by(NO_SPEAKER)) == 1


# ----------------------------------------------------------------- article --

class _Spans(HTMLParser):
    """The article view read back: the whole text, and each mark id's text (``data-ids``)."""

    def __init__(self) -> None:
        super().__init__()
        self.text = ""
        self.by_id: dict[str, str] = {}
        self.classes: dict[str, set[str]] = {}
        self._stack: list[list[str]] = []
        self._in_summary = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "summary":
            self._in_summary = True
        ids = attrs.get("data-ids", "").split() if tag == "span" else []
        for i in ids:
            self.classes.setdefault(i, set()).update(attrs["class"].split())
        self._stack.append(ids)

    def handle_endtag(self, tag):
        if tag == "summary":
            self._in_summary = False
        self._stack.pop()

    def handle_data(self, data):
        if self._in_summary:
            return
        self.text += data
        for i in self._stack[-1] if self._stack else []:
            self.by_id[i] = self.by_id.get(i, "") + data


def read_back(page: str) -> _Spans:
    parser = _Spans()
    parser.feed(page)
    return parser


def test_the_article_view_marks_every_span_whole_and_keeps_the_text(seeds):
    article = seeds.order[2]
    text = seeds.text(article)
    found = seeds.search("Putin")
    marks = seeds.marks(article, found=found, focus=(int(found.hits["start"].iloc[-1]), int(found.hits["end"].iloc[-1])))
    assert {m.layer for m in marks} == {"excluded", "quote", "term", "found", "loaded", "focus"}
    for fold in (0, seeds.paragraph_start(article, marks[-1].start)):
        view = read_back(article_html(text, marks, fold_at=fold))
        assert view.text == text  # every character, in order, nothing added
        assert view.by_id == {m.id: text[m.start:m.end] for m in marks}
    view = read_back(article_html(text, marks))
    for mark in marks:
        assert {f"fl-{mark.layer}", mark.style} <= view.classes[mark.id]
    hits = seeds.hits[seeds.hits["article"] == article]
    terms = [m for m in marks if m.layer == "term"]
    assert [(m.start, m.end, m.style) for m in terms] == [
        (s, e, f"fl-voice-{v}") for s, e, v in zip(hits["start"], hits["end"], hits["voice"])]


def test_quotations_carry_their_speaker_and_excluded_regions_their_reason():
    text = "March 3, 2023\n“We will never accept it,” said Mayor Anna Brook.\nCLICK HERE TO READ MORE"
    table = corpus_of(text)
    table.at[0, "excluded"] = (Region(0, 13, "dateline"), Region(text.index("CLICK"), len(text), "boilerplate"))
    ex = Explorer(table)
    marks = ex.marks("a0")
    quote = next(m for m in marks if m.layer == "quote")
    assert quote.style == "fl-kind-direct" and "Anna Brook" in quote.title and "“said”" in quote.title
    assert [m.title for m in marks if m.layer == "excluded"] == [
        "excluded from every measure: dateline", "excluded from every measure: boilerplate"]


def test_opening_at_a_span_folds_the_text_before_its_paragraph():
    text = "First paragraph.\n\nSecond one.\n\nThe third holds Putin here."
    ex = explorer_of(text)
    start = text.index("Putin")
    marks = ex.marks("a0", focus=(start, start + 5))
    fold = ex.paragraph_start("a0", start)
    assert fold == text.index("The third")
    page = article_html(text, marks, fold_at=fold)
    before, after = page.split("</details>")
    assert "First paragraph." in before and "<summary>Show the text before (2 paragraphs)</summary>" in before
    assert after.startswith("The third holds ") and 'class="fl-focus" data-ids="focus0"' in after


def test_article_text_and_every_label_are_escaped():
    ex = explorer_of(f"The war. {HOSTILE} <img src=x onerror=alert(1)> “{HOSTILE},” said <b>Bold</b> Man.")
    page = article_html(ex.text("a0"), ex.marks("a0", found=ex.search("<script>")))
    assert "<script>" not in page and "<img" not in page and "<b>" not in page
    assert html.escape(HOSTILE) in page
    assert read_back(page).text == ex.text("a0")
    for fragment in (
        kwic_row(HOSTILE, HOSTILE, HOSTILE, HOSTILE, "narrator", HOSTILE, HOSTILE),
        quote_row(HOSTILE, HOSTILE, "direct", HOSTILE, HOSTILE, HOSTILE, "other"),
        speaker_row(HOSTILE, HOSTILE, 1, 1),
        passage_row(HOSTILE, HOSTILE + " x", 3, 0.9),
        figure_row(HOSTILE, HOSTILE, HOSTILE, True, ranges=(HOSTILE, HOSTILE)),
        table_html(pd.DataFrame({"row": [HOSTILE], "n": [1]}), [("row", HOSTILE), ("n", "n")]),
    ):
        assert "<script>" not in fragment and html.escape(HOSTILE) in fragment


# ----------------------------------------------------------------- compare --

def test_a_pair_shows_its_shared_passages_from_each_side_and_their_differences():
    shared = ("the council voted to demand the resignation of the president from the office of head of state "
              "without any further delay or debate in the chamber")
    ex = explorer_of(f"On Monday {shared} after a long debate.",
                     "Unrelated opening words. " + shared.replace("office", "post") + " today.")
    passages = ex.passages("a0", "a1")
    assert len(passages) == 1
    row = passages.iloc[0]
    assert ex.text("a0")[row["start"]:row["end"]] == row["text"] and "office" in row["text"]
    assert ex.text("a1")[row["other_start"]:row["other_end"]] == row["other_text"] and "post" in row["other_text"]
    flipped = ex.passages("a1", "a0").iloc[0]
    assert (flipped["text"], flipped["other_text"]) == (row["other_text"], row["text"])
    page = passage_row(row["text"], row["other_text"], int(row["words"]), float(row["similarity"]))
    assert re.findall(r'<span class="fl-diff">(\w+)</span>', page) == ["office", "post"]
    assert ex.passages("a0", "a0").empty


def test_a_pair_shows_the_figures_both_state_and_whether_they_disagree():
    ex = explorer_of("18 municipal deputies signed the petition.", "More than 30 municipal deputies signed the petition.",
                     "About 20 municipal deputies signed the petition.")
    figures = ex.figures("a0", "a1")
    assert figures[["quantity", "first_values", "second_values", "disagree", "first_range", "second_range"]] \
        .values.tolist() == [["signatories", "18 municipal deputies", "More than 30 municipal deputies", True, "18",
                              "31 or more"]]
    text = ex.text("a1")
    assert text[figures["second_start"][0]:figures["second_end"][0]] == "More than 30 municipal deputies"
    assert ex.figures("a0", "a2")["disagree"].tolist() == [False]  # 18 and "about 20" (18 to 22) can both hold


def test_the_pair_that_shares_most_text(seeds):
    first, second = seeds.most_shared_pair()
    assert len(seeds.passages(first, second)) >= len(seeds.passages(seeds.order[0], seeds.order[1]))
    assert explorer_of("One text.", "Another text.").most_shared_pair() == ("a0", "a1")


# ----------------------------------------------------------------- widgets --

def test_the_widgets_answer_each_change_and_rows_open_the_article(tmp_path):
    app = explore(MINI, term="war", rows=1)
    assert [app.tabs.get_title(i) for i in range(4)] == list(TABS)
    assert len(app.kwic_rows.rows) == 2 and len(app.kwic_rows.shown()) == 1  # one row a page
    app.kwic_rows.turn(1)
    assert app.kwic_rows.shown() == app.kwic_rows.rows[1:]
    app.term_box.value = "Freedonia"  # as a reader types it
    assert "not in the lexicon" in app.term_notice.value and len(app.kwic_rows.rows) == 1
    app.kwic_rows.buttons[0][0].click()  # Open
    text = app.explorer.text("alpha")
    start = text.index("Freedonia")
    assert app.tabs.selected_index == TABS.index("Article") and app.focus == ("alpha", start, start + 9)
    assert 'class="fl-found fl-voice-narrator fl-focus' in app.article_view.value
    app.article_menu.value = "beta"  # choosing another article drops the focus
    assert app.focus is None and "fl-focus" not in app.article_view.value
    app.stance_menu.value = "neutral"  # "said" (Anna Brook, the ministry), "say" (critics)
    assert len(app.who_rows.rows) == 3
    app.who_rows.buttons[0][0].click()  # Show: that speaker's quotations
    assert app.speaker_menu.value == app.explorer.who(stance="neutral")["speaker"][0]
    app.first_menu.value = "beta"
    assert "Pick two different articles" in app.compare_notice.value
    bundle = app._repr_mimebundle_()
    assert bundle["text/plain"].startswith(STATIC_NOTE) and "application/vnd.jupyter.widget-view+json" in bundle


def test_an_empty_corpus_gives_an_empty_explorer():
    app = explore(corpus_of(), term="war")
    assert app.summary()["articles"] == 0 and app.explorer.speakers().empty
