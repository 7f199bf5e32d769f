"""A corpus with nothing to analyse, or with nothing of one kind, still gives every table, chart and page."""

import pandas as pd
import pytest

import analysis as lens
from analysis.report import build_report, report_notebooks

from .conftest import NOTEBOOKS, corpus_of

PLAIN = "The council met on Tuesday. Members discussed the budget and the new park.\n\nThe meeting ended at noon.\n"


@pytest.fixture(scope="module")
def nothing(tmp_path_factory):
    """A folder whose only file is empty: no analysable article, one problem."""
    folder = tmp_path_factory.mktemp("nothing")
    (folder / "blank.txt").write_text("")
    return lens.load_corpus(folder)


def test_coverage_notice_says_what_the_corpus_holds(nothing):
    assert nothing.articles.empty and len(nothing.errors) == 1
    assert lens.coverage_notice(nothing, what="article") == (
        "Nothing to analyse: no article in this corpus could be read. 1 problem listed in the errors table."
    )
    two = corpus_of(PLAIN, "The war went on. “It is a war,” he said.")
    hits = lens.find_terms(two)
    assert lens.coverage_notice(two, hits.iloc[0:0], what="framing-term hit") == (
        "No framing-term hits in any of the 2 articles."
    )
    assert lens.coverage_notice(two, hits, what="framing-term hit") == "2 framing-term hits in 1 of 2 articles."
    assert lens.coverage_notice(two, hits.iloc[:1], what="framing-term hit") == "1 framing-term hit in 1 of 2 articles."
    assert lens.coverage_notice(corpus_of(PLAIN), hits.iloc[0:0], what="quotation") == "No quotations in the one article."
    assert lens.coverage_notice(two, what="article") == "2 articles measured."
    assert "<p" in lens.coverage_notice(two, what="a<b>")._repr_html_() and "a&lt;b&gt;" in lens.coverage_notice(
        two, hits.iloc[0:0], what="a<b>")._repr_html_()


def test_tables_keep_columns_and_dtypes_with_no_rows(nothing):
    plain = corpus_of(PLAIN)
    hits = lens.find_loaded(plain)
    assert hits.empty and hits["loaded"].dtype == bool and hits["start"].dtype == "int64"
    assert list(hits[hits["loaded"]].columns) == list(hits.columns)  # a filter, not a column selection
    assert lens.loaded_summary(hits)["loaded"] == 0
    for table in (
        lens.sourcing_metrics(lens.find_quotes(nothing), nothing),
        lens.loaded_metrics(lens.find_loaded(nothing), nothing),
        lens.tone_metrics(lens.sentence_tone(nothing), nothing),
        lens.metrics_table(nothing),
    ):
        assert table.empty and table.columns[0] == "article" and len(table.columns) > 3
    assert list(lens.metrics_table(nothing).columns) == list(lens.metrics_table(plain).columns)
    assert lens.sourcing_metrics(lens.find_quotes(plain), plain)["sourcing.quotes"].tolist() == [0]


def _message(fig):
    """The figure's own texts other than its title and source line: the empty-chart message, if any."""
    return [t.get_text() for t in fig.texts if not t.get_text().startswith("Source:") and t is not fig._suptitle]


def test_charts_say_when_there_is_nothing_to_show(nothing):
    no_articles = "No article in this corpus could be analysed"
    rows = lens.chart_rows(nothing)
    overview = lens.overview_table(nothing)
    rates = lens.term_rates(lens.find_terms(nothing), nothing)
    families = list(lens.load_frame_lexicon().families)
    quotes = lens.find_quotes(nothing)
    empty = [
        lens.plot_article_lengths(lens.lengths_by_row(overview, rows), source="s"),
        lens.plot_family_rates(lens.term_rates_by_row(rates, rows), families=families, source="s"),
        lens.plot_term_pair(lens.term_counts_by_row(lens.find_terms(nothing), rows, terms=["war"]), source="s"),
        lens.plot_counts_by_row(lens.quote_counts_by_row(quotes, rows, column="kind"), column="kind",
                                colours=lens.KIND_COLOURS, title="t", xlabel="x", source="s"),
        lens.plot_speaker_heatmap(lens.speakers_by_row(lens.speaker_table(quotes), rows), source="s"),
        lens.plot_quoted_share(lens.quoted_share_by_row(rows), source="s"),
        lens.plot_grouped_by_row(lens.tone_by_row(lens.metrics_table(nothing), rows),
                                 columns={"narrator": "tone.narrator_mean"}, colours=lens.plots.VOICE_COLOURS,
                                 title="t", xlabel="x", source="s"),
        lens.plot_reuse_heatmap(lens.reuse_by_row(lens.reused_passages(nothing), nothing, rows), source="s"),
        lens.plot_figure_ranges(lens.figures_by_row(lens.numeric_claims(nothing), rows), source="s"),
    ]
    for fig in empty:
        assert no_articles in _message(fig)
    plain = corpus_of(PLAIN)
    plain_rows = lens.chart_rows(plain)
    hits = lens.find_terms(plain)
    pair = lens.plot_term_pair(lens.term_counts_by_row(hits, plain_rows, terms=["war"]), source="s")
    assert _message(pair) == ["None of these terms occurs in this corpus"]
    family = lens.plot_family_rates(lens.term_rates_by_row(lens.term_rates(hits, plain), plain_rows),
                                    families=families, source="s")
    assert _message(family) == ["No framing-term hits in this corpus"]
    quotes = lens.find_quotes(plain)
    assert _message(lens.plot_speaker_heatmap(lens.speakers_by_row(lens.speaker_table(quotes), plain_rows),
                                              source="s")) == ["No attributed quotation in this corpus"]
    assert _message(lens.plot_figure_ranges(lens.figures_by_row(lens.numeric_claims(plain), plain_rows),
                                            source="s")) == ["No figure is reported by two or more articles"]
    reuse = lens.reuse_by_row(lens.reused_passages(plain), plain, plain_rows)
    assert _message(lens.plot_reuse_heatmap(reuse, source="s")) == [
        "No passage of this corpus is found again, in another article or within one"]
    with_hits = corpus_of("The war went on.")
    counts = lens.term_counts_by_row(lens.find_terms(with_hits), lens.chart_rows(with_hits), terms=["war"])
    assert _message(lens.plot_term_pair(counts, source="s")) == []


def test_highlight_article_past_the_end_is_a_notice(nothing):
    assert "No article at position 0: the corpus has 0 analysable articles." in lens.highlight_article(
        nothing, lens.find_loaded(nothing), position=0)
    plain = corpus_of("A draconian law passed.")
    assert "<mark" in lens.highlight_article(plain, lens.find_loaded(plain), position=0)


@pytest.mark.parametrize(
    ("files", "expected"),
    [
        ({"blank.txt": ""}, {stem: "Nothing to analyse" for stem in (
            "01-corpus-overview", "02-term-usage", "03-sourcing", "04-loaded-language", "05-readability-tone",
            "06-cross-article", "07-explorer")}),
        ({"plain.txt": PLAIN}, {
            "01-corpus-overview": "1 article measured.",
            "02-term-usage": "No framing-term hits in the one article.",
            "03-sourcing": "No quotations in the one article.",
            "04-loaded-language": "No loaded words and phrases in the one article.",
            "05-readability-tone": "1 article measured.",
            "06-cross-article": "No figures reported by two or more articles in the one article.",
            "07-explorer": "1 article measured.",
        }),
    ],
    ids=["no-analysable-article", "nothing-found"],
)
def test_report_completes_and_each_page_says_so(tmp_path, files, expected):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for name, text in files.items():
        (corpus / name).write_text(text)
    index = build_report(corpus, tmp_path / "out")
    assert index.exists()
    for notebook in report_notebooks(NOTEBOOKS):
        page = (tmp_path / "out" / f"{notebook.stem}.html").read_text()
        assert expected[notebook.stem] in page, notebook.stem
    assert not pd.read_json(tmp_path / "out" / "summaries" / "01-corpus-overview.json", typ="series").empty
