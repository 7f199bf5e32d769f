"""Notebook conventions, and each notebook run by papermill on the hand-counted mini corpus."""

import ast
import json

import nbformat
import pytest

from .conftest import MINI, NOTEBOOKS

NOTEBOOK_FILES = sorted(NOTEBOOKS.glob("[0-9][0-9]-*.ipynb"))


def code_cells(path):
    return [c for c in nbformat.read(path, as_version=4).cells if c.cell_type == "code"]


def test_the_notebooks_exist():
    assert [p.stem for p in NOTEBOOK_FILES][:3] == ["01-corpus-overview", "02-term-usage", "03-sourcing"]


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
}


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
