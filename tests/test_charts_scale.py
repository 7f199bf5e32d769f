"""Every chart on corpora of 1 to 200 generated articles, with and without metadata: drawn, of sane size,
nothing outside the canvas, no legend over the data, no row label over another, long names wrapped."""

import matplotlib
import pytest
from matplotlib.backends.backend_agg import FigureCanvasAgg

import analysis as lens
from analysis.chart_files import STYLE

from .corpus_generator import generate_articles, write_corpus

MAX_WIDTH, MAX_HEIGHT = 18.0, 12.5  # inches
MAX_LABEL_LINE = 36  # characters on one line of a row label, with its article count
PAIR = ["war", "special military operation"]

CORPORA = {  # name → (articles, generator options, written as)
    "1-article": (1, {}, "corpus.jsonl"),
    "2-articles": (2, {}, "corpus.jsonl"),
    "12-articles-no-metadata": (12, {"metadata": False}, "corpus"),
    "21-articles": (21, {}, "corpus.jsonl"),  # the case: a JSONL table with outlet and date
    "40-articles": (40, {}, "corpus.jsonl"),
    "200-articles-12-outlets": (200, {"outlets": 12}, "corpus"),
    "200-articles-no-metadata": (200, {"metadata": False}, "corpus"),
}


def draw_every_chart(path):
    """Every chart of the six notebooks, drawn as the notebooks draw them."""
    articles = lens.load_corpus(path)
    rows = lens.chart_rows(articles)
    source = lens.source_line(articles, name=lens.corpus_name(path))
    lexicon = lens.load_frame_lexicon()
    hits = lens.find_terms(articles, lexicon=lexicon)
    quotes = lens.find_quotes(articles)
    loaded = lens.loaded_metrics(lens.find_loaded(articles), articles)
    metrics = lens.metrics_table(articles, areas=("tone",))
    claims = lens.numeric_claims(articles)
    figures = claims[claims["quantity"].isin(lens.figures_by_quantity(claims)["quantity"])]
    voices = {"narrator": "tone.narrator_mean", "quoted": "tone.quoted_mean"}
    counts = {"kinds": (quotes, "kind", lens.KIND_COLOURS),
              "source-types": (quotes[quotes["kind"] != "mention"], "speaker_type", lens.TYPE_COLOURS),
              "cue-stance": (quotes[quotes["stance"].notna()], "stance", lens.STANCE_COLOURS)}
    charts = {
        "article-length": lens.plot_article_lengths(lens.lengths_by_row(lens.overview_table(articles), rows),
                                                    source=source),
        "family-rates": lens.plot_family_rates(lens.term_rates_by_row(lens.term_rates(hits, articles), rows),
                                               families=list(lexicon.families), source=source),
        "term-pair": lens.plot_term_pair(lens.term_counts_by_row(hits, rows, terms=PAIR), source=source),
        "speaker-heatmap": lens.plot_speaker_heatmap(lens.speakers_by_row(lens.speaker_table(quotes), rows),
                                                     source=source),
        "quoted-share": lens.plot_quoted_share(lens.quoted_share_by_row(rows), source=source),
        "loaded-by-voice": lens.plot_grouped_by_row(
            lens.loaded_rates_by_row(loaded, rows),
            columns={"narrator": "loaded.narrator_per_1k", "quoted": "loaded.quoted_per_1k"},
            colours=lens.VOICE_COLOURS, title="Loaded", xlabel="per 1,000 words", source=source),
        "readability-by-voice": lens.plot_grouped_by_row(
            lens.readability_by_row(articles, rows),
            columns={"all": "readability.flesch_reading_ease", "quoted": "readability.quoted_flesch_reading_ease"},
            colours={"all": "#999999", **lens.VOICE_COLOURS}, title="Readability", xlabel="FRE", source=source),
        "tone-by-voice": lens.plot_grouped_by_row(lens.tone_by_row(metrics, rows), columns=voices,
                                                  colours=lens.VOICE_COLOURS, title="Tone", xlabel="VADER",
                                                  source=source),
        "reuse-heatmap": lens.plot_reuse_heatmap(lens.reuse_by_row(lens.reused_passages(articles), articles, rows),
                                                 source=source),
        "conflicting-figures": lens.plot_figure_ranges(lens.figures_by_row(figures, rows), source=source),
    }
    for name, (table, column, colours) in counts.items():
        charts[name] = lens.plot_counts_by_row(lens.quote_counts_by_row(table, rows, column=column), column=column,
                                               colours=colours, title=name, xlabel="quotations", source=source)
    return rows, charts


@pytest.fixture(scope="module", params=list(CORPORA))
def drawn(request, tmp_path_factory):
    n, options, written_as = CORPORA[request.param]
    metadata = options.get("metadata", True)
    articles = generate_articles(n, outlets=options.get("outlets"))
    path = write_corpus(articles, tmp_path_factory.mktemp(request.param) / written_as, metadata=metadata)
    rows, charts = draw_every_chart(path)
    for fig in charts.values():
        FigureCanvasAgg(fig)
        with matplotlib.rc_context(STYLE):
            fig.canvas.draw()
    return request.param, rows, charts


def test_rows_are_few_whatever_the_size(drawn):
    name, rows, _ = drawn
    n = CORPORA[name][0]
    assert len(rows.order) <= lens.chart_rows.__kwdefaults__["top"]
    assert sum(rows.sizes().values()) == n
    if name.startswith("200-articles-no"):
        assert rows.other == "181 other articles"
    if name in ("40-articles", "200-articles-12-outlets"):
        assert rows.by == "outlet" and len(rows.order) == 12


def test_every_chart_fits_its_canvas(drawn):
    _, _, charts = drawn
    for chart, fig in charts.items():
        width, height = fig.get_size_inches()
        assert width <= MAX_WIDTH and height <= MAX_HEIGHT, f"{chart}: {width:.1f} x {height:.1f} in"
        renderer = fig.canvas.get_renderer()
        box = fig.get_tightbbox(renderer)  # every visible artist, in inches
        assert box.x0 >= -0.02 and box.y0 >= -0.02, f"{chart}: drawn past the left or bottom edge ({box})"
        assert box.x1 <= width + 0.02 and box.y1 <= height + 0.02, f"{chart}: drawn past the right or top ({box})"


def test_legends_never_cover_the_data(drawn):
    _, _, charts = drawn
    for chart, fig in charts.items():
        renderer = fig.canvas.get_renderer()
        legends = [*fig.legends, *(ax.get_legend() for ax in fig.axes if ax.get_legend())]
        for legend in legends:
            for ax in (a for a in fig.axes if a.get_visible()):
                assert not legend.get_window_extent(renderer).overlaps(ax.get_window_extent(renderer)), chart


def test_row_labels_are_wrapped_and_never_overlap(drawn):
    _, _, charts = drawn
    for chart, fig in charts.items():
        renderer = fig.canvas.get_renderer()
        for ax in (a for a in fig.axes if a.get_visible()):
            for vertical, labels in ((True, ax.get_yticklabels()), (False, ax.get_xticklabels())):
                shown = [t for t in labels if t.get_text()]
                for label in shown:
                    longest = max(len(line) for line in label.get_text().splitlines())
                    assert longest <= MAX_LABEL_LINE, f"{chart}: {label.get_text()!r}"
                upright = [t for t in shown if t.get_rotation() in (0, 90)]  # a slanted label's box is no guide
                boxes = [t.get_window_extent(renderer) for t in upright]
                for a, b in zip(boxes, boxes[1:], strict=False):
                    overlap = min(a.y1, b.y1) - max(a.y0, b.y0) if vertical else min(a.x1, b.x1) - max(a.x0, b.x0)
                    assert overlap <= 1, f"{chart}: tick labels overlap by {overlap:.1f} px"


def test_the_source_line_names_the_corpus(drawn):
    name, _, charts = drawn
    n = CORPORA[name][0]
    for chart, fig in charts.items():
        sources = [t.get_text() for t in fig.texts if t.get_text().startswith("Source:")]
        assert len(sources) == 1, chart
        assert "seed corpus" not in sources[0]
        assert f"{n} article{'s' if n != 1 else ''}" in sources[0].replace("\n", " "), chart


def test_charts_of_articles_with_nothing_found_still_draw_their_message(drawn):
    name, _, charts = drawn
    if name == "1-article":  # one article: no figure can be reported by two articles
        messages = [t.get_text() for t in charts["conflicting-figures"].texts]
        assert "No figure is reported by two or more articles" in messages
