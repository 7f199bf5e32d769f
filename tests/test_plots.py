import pandas as pd
import pytest

from analysis import find_terms, load_corpus, overview_table, plot_article_lengths, plot_term_pair, save_figure
from analysis.plots import figure_paths

from .conftest import MINI


def test_save_is_deterministic_and_named(tmp_path):
    corpus = load_corpus(MINI)
    overview = overview_table(corpus)
    first = tmp_path / "one"
    second = tmp_path / "two"
    save_figure(plot_article_lengths(overview, source="test"), first, "01-corpus-overview--article-length")
    save_figure(plot_article_lengths(overview, source="test"), second, "01-corpus-overview--article-length")
    for suffix in ("png", "svg"):
        a = (first / f"01-corpus-overview--article-length.{suffix}").read_bytes()
        b = (second / f"01-corpus-overview--article-length.{suffix}").read_bytes()
        assert a == b and len(a) > 1000
    svg = (first / "01-corpus-overview--article-length.svg").read_text()
    assert "<dc:date>" not in svg


def test_chart_has_title_axis_labels_and_source():
    corpus = load_corpus(MINI)
    fig = plot_term_pair(find_terms(corpus), ["alpha", "beta"], terms=["war", "special military operation"], source="S")
    texts = [t.get_text() for t in fig.texts]
    assert "Source: S" in texts
    assert fig._suptitle is not None and "war" in fig._suptitle.get_text()
    for ax in fig.axes:
        assert ax.get_xlabel() == "occurrences"
    assert fig.axes[0].get_ylabel() == "article"


@pytest.mark.parametrize("name", ["bad name", "02-term-usage", "term--chart", "02-Term--x"])
def test_figure_names_are_checked(name):
    with pytest.raises(ValueError, match="kebab"):
        figure_paths("figs", name)


def test_empty_hits_still_draw():
    empty = pd.DataFrame(columns=["article", "start", "end", "text", "term", "family", "voice"])
    fig = plot_term_pair(empty, ["a"], terms=["war"], source="S")
    # Nothing to draw: the chart says so instead of showing empty axes.
    assert not fig.axes and "None of these terms occurs in this corpus" in [t.get_text() for t in fig.texts]


def test_sourcing_charts_draw_and_save(tmp_path):
    from analysis import (
        KIND_COLOURS,
        find_quotes,
        plot_counts_by_article,
        plot_quoted_share,
        plot_speaker_heatmap,
        sourcing_metrics,
        speaker_table,
    )

    corpus = load_corpus(MINI)
    quotes = find_quotes(corpus)
    kinds = plot_counts_by_article(quotes, articles=["alpha", "beta"], column="kind", colours=KIND_COLOURS,
                                   title="Kinds", xlabel="quotations", source="S")
    assert [t.get_text() for t in kinds.axes[0].get_legend().get_texts()] == ["direct", "indirect", "mention"]
    heat = plot_speaker_heatmap(speaker_table(quotes), articles=["alpha", "beta"], source="S")
    assert [t.get_text() for t in heat.axes[0].get_yticklabels()][0] == "Anna Brook"
    share = plot_quoted_share(sourcing_metrics(quotes, corpus), source="S")
    assert share.axes[0].get_xlim() == (0.0, 100.0)
    save_figure(heat, tmp_path, "03-sourcing--speaker-heatmap")
    assert (tmp_path / "03-sourcing--speaker-heatmap.svg").exists()


def test_grouped_bars_have_one_series_per_column():
    from analysis import plot_grouped_by_article

    table = pd.DataFrame({"article": ["a", "b"], "x": [1.0, -2.0], "y": [3.0, 0.5]})
    fig = plot_grouped_by_article(table, columns={"narrator": "x", "quoted": "y"},
                                  colours={"narrator": "#0072B2", "quoted": "#E69F00"}, title="T", xlabel="units",
                                  source="S")
    assert len(fig.axes[0].patches) == 4
    assert [t.get_text() for t in fig.axes[0].get_legend().get_texts()] == ["narrator", "quoted"]
