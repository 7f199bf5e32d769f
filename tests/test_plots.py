"""Charts: deterministic files, inline display, where the files go, and what each chart draws."""

import pandas as pd
import pytest
from IPython.core.formatters import DisplayFormatter

import analysis as lens
from analysis import find_terms, load_corpus, overview_table, plot_article_lengths, plot_term_pair, save_figure
from analysis.chart_files import PROJECT_ROOT, SEED_FIGURES
from analysis.plots import figure_paths

from .conftest import MINI, NOTEBOOKS, SEEDS

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


@pytest.fixture(scope="module")
def mini():
    corpus = load_corpus(MINI)
    return corpus, lens.chart_rows(corpus)


def test_save_is_deterministic_and_named(tmp_path, mini):
    corpus, rows = mini
    lengths = lens.lengths_by_row(overview_table(corpus), rows)
    first = tmp_path / "one"
    second = tmp_path / "two"
    save_figure(plot_article_lengths(lengths, source="test"), first, "01-corpus-overview--article-length")
    save_figure(plot_article_lengths(lengths, source="test"), second, "01-corpus-overview--article-length")
    for suffix in ("png", "svg"):
        a = (first / f"01-corpus-overview--article-length.{suffix}").read_bytes()
        b = (second / f"01-corpus-overview--article-length.{suffix}").read_bytes()
        assert a == b and len(a) > 1000
    svg = (first / "01-corpus-overview--article-length.svg").read_text()
    assert "<dc:date>" not in svg


def test_saved_figure_displays_inline_as_the_png_it_saved(tmp_path, mini):
    # Charts are built without pyplot: Jupyter must get an image/png from what save_figure returns.
    corpus, rows = mini
    saved = save_figure(plot_article_lengths(lens.lengths_by_row(overview_table(corpus), rows), source="S"),
                        tmp_path, "01-corpus-overview--article-length")
    data, _ = DisplayFormatter().format(saved)
    assert data["image/png"] == (tmp_path / "01-corpus-overview--article-length.png").read_bytes()
    assert "0x" not in data["text/plain"]  # no memory address: nbval compares this text


def test_a_chart_displays_itself_without_being_saved(mini):
    corpus, rows = mini
    chart = plot_article_lengths(lens.lengths_by_row(overview_table(corpus), rows), source="S")
    data, _ = DisplayFormatter().format(chart)
    assert data["image/png"].startswith(PNG_SIGNATURE)
    assert data["text/plain"] == "<Chart: Article length and what cleaning excluded>"


def test_chart_has_title_axis_labels_and_source(mini):
    corpus, rows = mini
    counts = lens.term_counts_by_row(find_terms(corpus), rows, terms=["war", "special military operation"])
    fig = plot_term_pair(counts, source="S")
    texts = [t.get_text() for t in fig.texts]
    assert "Source: S" in texts
    assert fig._suptitle is not None and "war" in fig._suptitle.get_text()
    for ax in fig.axes:
        assert ax.get_xlabel() == "occurrences"
    assert fig.axes[0].get_ylabel() == "article"
    assert [t.get_text() for t in fig.axes[0].get_yticklabels()] == ["alpha", "beta"]


@pytest.mark.parametrize("name", ["bad name", "02-term-usage", "term--chart", "02-Term--x"])
def test_figure_names_are_checked(name):
    with pytest.raises(ValueError, match="kebab"):
        figure_paths("figs", name)


def test_empty_hits_still_draw(mini):
    corpus, rows = mini
    empty = pd.DataFrame(columns=["article", "start", "end", "text", "term", "family", "voice"])
    fig = plot_term_pair(lens.term_counts_by_row(empty, rows, terms=["war"]), source="S")
    # Nothing to draw: the chart says so instead of showing empty axes.
    assert not fig.axes and "None of these terms occurs in this corpus" in [t.get_text() for t in fig.texts]


def test_sourcing_charts_draw_and_save(tmp_path, mini):
    corpus, rows = mini
    quotes = lens.find_quotes(corpus)
    kinds = lens.plot_counts_by_row(lens.quote_counts_by_row(quotes, rows, column="kind"), column="kind",
                                    colours=lens.KIND_COLOURS, title="Kinds", xlabel="quotations", source="S")
    assert [t.get_text() for t in kinds.legends[0].get_texts()] == ["direct", "indirect", "mention"]
    heat = lens.plot_speaker_heatmap(lens.speakers_by_row(lens.speaker_table(quotes), rows), source="S")
    assert [t.get_text() for t in heat.axes[0].get_xticklabels()][0] == "Anna Brook"
    assert [t.get_text() for t in heat.axes[0].get_yticklabels()] == ["alpha", "beta"]
    share = lens.plot_quoted_share(lens.quoted_share_by_row(rows), source="S")
    assert share.axes[0].get_xlim() == (0.0, 100.0)
    save_figure(heat, tmp_path, "03-sourcing--speaker-heatmap")
    assert (tmp_path / "03-sourcing--speaker-heatmap.svg").exists()


def test_grouped_bars_have_one_series_per_column():
    table = pd.DataFrame({"article": ["a", "b"], "articles": [1, 1], "x": [1.0, -2.0], "y": [3.0, 0.5]})
    fig = lens.plot_grouped_by_row(table, columns={"narrator": "x", "quoted": "y"},
                                   colours={"narrator": "#0072B2", "quoted": "#E69F00"}, title="T", xlabel="units",
                                   source="S")
    assert len(fig.axes[0].patches) == 4
    assert [t.get_text() for t in fig.legends[0].get_texts()] == ["narrator", "quoted"]


def test_outlet_rows_show_their_article_count_and_pooled_units():
    table = pd.DataFrame({"outlet": ["Harbour Times", "2 other outlets"], "articles": [3, 5],
                          "kind": ["direct", "direct"], "count": [6, 5], "per_article": [2.0, 1.0]})
    fig = lens.plot_counts_by_row(table, column="kind", colours=lens.KIND_COLOURS, title="T", xlabel="quotations",
                                  source="S")
    ax = fig.axes[0]
    assert [t.get_text() for t in ax.get_yticklabels()] == ["Harbour Times (3)", "2 other outlets (5)"]
    assert ax.get_ylabel() == "outlet (articles)" and ax.get_xlabel() == "quotations per article"
    assert [bar.get_width() for bar in ax.patches] == [2.0, 1.0]


# ------------------------------------------------------------------ where figures go --

def test_figures_of_the_seeds_go_to_figures():
    assert lens.figures_folder(SEEDS) == SEED_FIGURES
    assert lens.figures_folder(str(SEEDS), figures_dir="") == SEED_FIGURES


def test_figures_of_another_corpus_go_to_their_own_folder(tmp_path):
    table = tmp_path / "coverage.jsonl"
    assert lens.figures_folder(table) == PROJECT_ROOT / "reports" / "figures-coverage.jsonl"
    assert lens.figures_folder(MINI) == PROJECT_ROOT / "reports" / "figures-mini"
    assert lens.figures_folder(table, figures_dir=tmp_path / "mine") == tmp_path / "mine"


def test_another_corpus_may_not_overwrite_the_seed_figures(tmp_path, monkeypatch):
    with pytest.raises(ValueError, match=r"figures/ folder.*coverage\.jsonl.*reports/figures-coverage\.jsonl"):
        lens.figures_folder(tmp_path / "coverage.jsonl", figures_dir=SEED_FIGURES)
    monkeypatch.chdir(NOTEBOOKS)  # a notebook's old default, relative to notebooks/
    with pytest.raises(ValueError, match="would overwrite"):
        lens.figures_folder("../tests/fixtures/mini", figures_dir="../figures")
    assert lens.figures_folder("../seeds", figures_dir="../figures").resolve() == SEED_FIGURES
