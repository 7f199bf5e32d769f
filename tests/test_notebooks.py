"""Notebook conventions, and each notebook run by papermill on the hand-counted mini corpus."""

import ast
import base64
import json
import re
import shutil

import nbformat
import pytest

from .conftest import MINI, NOTEBOOKS, ROOT, SEEDS

NOTEBOOK_FILES = sorted(NOTEBOOKS.glob("[0-9][0-9]-*.ipynb"))
EXPLORER = NOTEBOOKS / "07-explorer.ipynb"
# The notebooks that draw charts and go into the report; the explorer is interactive and draws none.
CHART_NOTEBOOKS = [p for p in NOTEBOOK_FILES if p != EXPLORER]


def code_cells(path):
    return [c for c in nbformat.read(path, as_version=4).cells if c.cell_type == "code"]


def test_the_notebooks_exist():
    assert [p.stem for p in NOTEBOOK_FILES] == [
        "01-corpus-overview", "02-term-usage", "03-sourcing", "04-loaded-language", "05-readability-tone",
        "06-cross-article", "07-explorer"]


@pytest.mark.parametrize("path", NOTEBOOK_FILES, ids=lambda p: p.stem)
def test_notebook_is_thin_and_parameterized(path):
    cells = code_cells(path)
    for cell in cells:
        tree = ast.parse(cell.source)
        assert not [n for n in ast.walk(tree) if isinstance(n, (ast.FunctionDef, ast.ClassDef, ast.Lambda))]
        assert "injected-parameters" not in cell.metadata.get("tags", [])
        assert cell.execution_count is not None, "committed executed"
    assert all(isinstance(n, (ast.Import, ast.ImportFrom)) for n in ast.parse(cells[0].source).body)
    params = cells[1]
    assert params.metadata.get("tags") == ["parameters"]
    names = set()
    for statement in ast.parse(params.source).body:
        assert isinstance(statement, ast.AnnAssign), "typed literals only"
        ast.literal_eval(statement.value)
        names.add(statement.target.id)
    assert {"corpus", "figures_dir", "lexicon_dir", "summary_path"} <= names
    for line in params.source.splitlines():
        assert "#" in line, f"parameter without a comment: {line}"
    assert "write_summary" in cells[-1].source


def chart_cells(path):
    return [c for c in code_cells(path) if "save_figure(" in c.source]


@pytest.mark.parametrize("path", CHART_NOTEBOOKS, ids=lambda p: p.stem)
def test_every_chart_cell_is_committed_with_its_image(path):
    # Charts display inline: each chart cell's committed output holds the PNG that was saved.
    cells = chart_cells(path)
    assert cells
    for cell in cells:
        images = [o for o in cell.outputs if "image/png" in o.get("data", {})]
        assert len(images) == 1, f"{path.name}: no image output for {cell.source[:80]!r}"
        name = cell.source.rsplit('"', 2)[-2]  # the figure name, the call's last argument
        committed = (ROOT / "figures" / f"{name}.png").read_bytes()
        assert base64.b64decode(images[0]["data"]["image/png"]) == committed, f"{name}: figures/ is stale"


@pytest.mark.parametrize("path", CHART_NOTEBOOKS, ids=lambda p: p.stem)
def test_charts_name_the_corpus_and_keep_away_from_the_seed_figures(path):
    cells = code_cells(path)
    params = {s.target.id: ast.literal_eval(s.value) for s in ast.parse(cells[1].source).body}
    assert params["source"] == "" and params["figures_dir"] == ""  # "": computed from the corpus
    setup = next(i for i, c in enumerate(cells) if "lens.chart_rows(" in c.source)
    assert "source = source or lens.source_line(articles, name=lens.corpus_name(corpus))" in cells[setup].source
    assert "figures_dir = lens.figures_folder(corpus, figures_dir=figures_dir)" in cells[setup].source
    for i, cell in enumerate(cells):
        if "save_figure(" in cell.source:
            assert i > setup and "source=source" in cell.source and ", figures_dir, " in cell.source


def test_notebook_prose_states_no_finding_about_the_seeds():
    import analysis as lens

    seeds = lens.load_corpus(SEEDS)
    speakers = lens.speaker_table(lens.find_quotes(seeds))["speaker"]
    people = {word for name in speakers for word in name.split() if word[:1].isupper() and len(word) > 3}
    outlets = {word for name in lens.cited_outlets(seeds)["outlet"] for word in name.split() if word[:1].isupper()}
    specific = (people | outlets) - {"The"}
    assert len(specific) > 5
    for path in NOTEBOOK_FILES:
        for cell in nbformat.read(path, as_version=4).cells:
            if cell.cell_type == "markdown":
                found = sorted(word for word in specific if word in cell.source)
                assert not found, f"{path.name}: {found} in {cell.source[:80]!r}"


def test_a_notebook_on_another_corpus_leaves_the_seed_figures_alone(tmp_path):
    import papermill

    committed = {str(p): p.read_bytes() for p in (ROOT / "figures").rglob("*") if p.is_file()}
    own = ROOT / "reports" / "figures-mini"
    existed = own.exists()
    try:
        papermill.execute_notebook(
            str(NOTEBOOKS / "01-corpus-overview.ipynb"), str(tmp_path / "out.ipynb"),
            parameters={"corpus": str(MINI), "summary_path": str(tmp_path / "summary.json")},
            cwd=str(NOTEBOOKS), kernel_name="python3", progress_bar=False,
        )
        assert {str(p): p.read_bytes() for p in (ROOT / "figures").rglob("*") if p.is_file()} == committed
        assert (own / "01-corpus-overview--article-length.png").exists()
    finally:
        if not existed:
            shutil.rmtree(own, ignore_errors=True)


def assert_each_chart_is_on_its_html_page(source, executed, figures):
    """As ``framing report`` renders a page (code hidden): one inline PNG per chart, the one saved."""
    from nbconvert import HTMLExporter

    exporter = HTMLExporter(exclude_input=True, exclude_input_prompt=True, exclude_output_prompt=True)
    body, _ = exporter.from_filename(str(executed))
    charts = len(chart_cells(source))
    assert len(re.findall(r'<img [^>]*src="data:image/png;base64,', body)) == charts
    pngs = sorted(figures.glob("*.png"))
    assert len(pngs) == charts
    for png in pngs:
        assert base64.b64encode(png.read_bytes()).decode() in body, png.name


MINI_EXPECTED = {
    # Counted by hand from tests/fixtures/mini (see tests/fixtures/README.md).
    "01-corpus-overview": {
        "articles": 2, "errors": 0, "words": 93, "counted_words": 85, "excluded_words": 8,
        "excluded_dateline_words": 3, "excluded_boilerplate_words": 5, "excluded_caption_words": 0,
        "excluded_repeated_words": 0, "excluded_all_caps_headline_words": 0,
        "quoted_words": 18, "quotations": 3,
    },
    "02-term-usage": {
        "hits": 10, "war": 4, "war.narrator": 2, "war.quoted": 2, "euphemism": 2, "euphemism.mention": 1,
        "euphemism.quoted": 1, "neutral": 2, "neutral.narrator": 2, "protest": 2, "protest.narrator": 2,
        "term.war.narrator": 1, "term.war.quoted": 1, "term.war.mention": 0,
        "term.special military operation.narrator": 0, "term.special military operation.quoted": 1,
        "term.special military operation.mention": 1,
    },
    # alpha: two direct quotations by Mayor Anna Brook ("said"; the second continues the paragraph),
    # a scare-quoted “special military operation” (mention, after "call it a");
    # beta: one direct quotation by "the ministry" ("said"), "Critics say …" (indirect, "say"),
    # “peacekeepers” after "So-called" (mention).
    "03-sourcing": {
        "quotations": 4, "direct": 3, "partial": 0, "indirect": 1, "mention": 2, "speakers": 3,
        "named_speakers": 1, "unattributed": 0, "cited_outlets": 0,
        "stance.neutral": 3, "stance.distancing": 0, "stance.emphatic": 0, "stance.medium": 0,
        "type.opposition_local": 2, "type.government": 1, "type.anonymous": 1, "type.state_official": 0,
        "type.expert": 0, "type.media": 0, "type.social_media": 0, "type.document": 0, "type.unknown": 0,
    },
    # alpha: "insist" (mild distancing verb, narrator); beta: "So-called" (mild phrase, narrator).
    "04-loaded-language": {
        "loaded": 2, "intensifiers": 0, "hedges": 0, "voice.narrator": 2, "voice.quoted": 0, "voice.mention": 0,
        "category.adjective": 0, "category.adverb": 0, "category.noun": 0, "category.phrase": 1,
        "category.verb": 1, "level.mild": 2, "level.moderate": 0, "level.strong": 0,
    },
    # alpha and beta share no passage, no person is named two ways, no quantity is reported by
    # both, and alpha's dateline has no time marker to contradict it.
    "06-cross-article": {
        "reused_passages": 0, "repeated_passages": 0, "reused_article_pairs": 0, "name_clusters": 0,
        "name_variants": 0, "quantities_compared": 0, "anomalies": 0, "anomaly.date_vs_content": 0,
        "anomaly.date_vs_corpus": 0, "anomaly.label_variant": 0,
    },
}


def _vader_quoted_mean():
    """Tone of the mini corpus's quoted text, computed with VADER directly (not through analysis)."""
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    score = SentimentIntensityAnalyzer().polarity_scores
    alpha = (score("We will never accept the occupation,")["compound"] + score("This war must stop.")["compound"]) / 2
    beta = score("The special military operation is going to plan,")["compound"]
    return round((round(alpha, 4) + round(beta, 4)) / 2, 4)


def test_readability_tone_notebook_on_mini_corpus(tmp_path):
    import papermill

    summary = tmp_path / "summary.json"
    papermill.execute_notebook(
        str(NOTEBOOKS / "05-readability-tone.ipynb"), str(tmp_path / "out.ipynb"),
        parameters={"corpus": str(MINI), "figures_dir": str(tmp_path / "figures"), "summary_path": str(summary)},
        cwd=str(NOTEBOOKS), kernel_name="python3", progress_bar=False,
    )
    values = json.loads(summary.read_text())
    assert values["articles"] == 2
    # Quoted text by hand: alpha "We will never accept the occupation" / "This war must stop":
    # 10 words, 15 syllables, 2 sentences → FRE 206.835 − 1.015·5 − 84.6·1.5 = 74.86;
    # beta "The special military operation is going to plan": 8 words, 16 syllables, 1 sentence
    # → 206.835 − 1.015·8 − 84.6·2 = 29.515. Mean: 52.1875.
    assert values["readability.quoted_flesch_reading_ease"] == pytest.approx(52.1875, abs=1e-4)
    assert values["tone.quoted_mean"] == pytest.approx(_vader_quoted_mean(), abs=1e-4)
    assert sorted(p.name for p in (tmp_path / "figures").iterdir()) == [
        "05-readability-tone--readability-by-voice.png", "05-readability-tone--readability-by-voice.svg",
        "05-readability-tone--tone-by-voice.png", "05-readability-tone--tone-by-voice.svg"]
    assert_each_chart_is_on_its_html_page(NOTEBOOKS / "05-readability-tone.ipynb", tmp_path / "out.ipynb",
                                          tmp_path / "figures")


@pytest.mark.parametrize("stem", sorted(MINI_EXPECTED))
def test_notebook_on_mini_corpus(stem, tmp_path):
    import papermill

    summary = tmp_path / "summary.json"
    papermill.execute_notebook(
        str(NOTEBOOKS / f"{stem}.ipynb"),
        str(tmp_path / f"{stem}.ipynb"),
        parameters={"corpus": str(MINI), "figures_dir": str(tmp_path / "figures"), "summary_path": str(summary)},
        cwd=str(NOTEBOOKS),
        kernel_name="python3",
        progress_bar=False,
    )
    assert json.loads(summary.read_text()) == MINI_EXPECTED[stem]
    figures = sorted(p.name for p in (tmp_path / "figures").iterdir())
    assert figures and all(name.startswith(f"{stem}--") for name in figures)
    assert {p.rsplit(".", 1)[1] for p in figures} == {"png", "svg"}
    assert_each_chart_is_on_its_html_page(NOTEBOOKS / f"{stem}.ipynb", tmp_path / f"{stem}.ipynb",
                                          tmp_path / "figures")


# alpha: "war" in the narrator's voice and in Mayor Anna Brook's quotation; she is the most quoted (two
# quotations), then "Critics" and "the ministry"; alpha has a dateline and a boilerplate line excluded, two
# quotations and a scare-quoted mention, six term hits (invasion, war, occupation, war, special military
# operation, fighting) and one loaded word ("insist"). alpha and beta share no passage and no quantity.
EXPLORER_EXPECTED = {
    "articles": 2, "term.query": "war", "term.kind": "term", "term.hits": 2, "term.articles": 1,
    "term.narrator": 1, "term.quoted": 1, "term.mention": 0, "kwic.rows": 2,
    "speakers": 3, "speaker": "Anna Brook", "speaker.quotes": 2, "who.speakers": 3,
    "article": "alpha", "article.excluded": 2, "article.quote": 3, "article.term": 6, "article.loaded": 1,
    "compare.first": "alpha", "compare.second": "beta", "compare.passages": 0, "compare.figures": 0,
}


def test_explorer_notebook_on_mini_corpus(tmp_path):
    import papermill

    from analysis.explorer_app import STATIC_NOTE

    summary = tmp_path / "summary.json"
    papermill.execute_notebook(
        str(EXPLORER), str(tmp_path / "out.ipynb"),
        parameters={"corpus": str(MINI), "figures_dir": str(tmp_path / "figures"), "summary_path": str(summary)},
        cwd=str(NOTEBOOKS), kernel_name="python3", progress_bar=False,
    )
    assert json.loads(summary.read_text()) == EXPLORER_EXPECTED
    assert not (tmp_path / "figures").exists()  # it draws no chart
    # Where no widget can run (a static view, nbval), the output says what the explorer is and how to use it.
    shown = [c for c in code_cells(tmp_path / "out.ipynb") if "lens.explore(" in c.source][0].outputs[0]["data"]
    assert shown["text/plain"].startswith(STATIC_NOTE) and STATIC_NOTE in shown["text/html"]


def test_the_explorer_displays_its_widgets_and_the_report_runs_it():
    from analysis.report import report_notebooks

    cells = code_cells(EXPLORER)
    shown = [c for c in cells if "lens.explore(" in c.source]
    assert len(shown) == 1 and shown[0].source.rstrip().endswith("\napp")
    outputs = shown[0].outputs
    assert "application/vnd.jupyter.widget-view+json" in outputs[0]["data"]  # nbval does not compare its model id
    assert report_notebooks(NOTEBOOKS) == NOTEBOOK_FILES  # the report runs every notebook (DESIGN.md)
