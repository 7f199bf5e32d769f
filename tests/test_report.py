import shutil

import nbformat
import pytest

from analysis.report import ReportError, build_report, report_notebooks, write_summary

from .conftest import MINI, NOTEBOOKS, run_cli


@pytest.fixture(scope="module")
def report(tmp_path_factory):
    folder = tmp_path_factory.mktemp("report")
    corpus = folder / "corpus"
    shutil.copytree(MINI, corpus)
    (corpus / "gamma.txt").write_text(
        "The war went on. Pictured: <script>alert('x')</script> soldiers & tanks\n", encoding="utf-8"
    )
    index = build_report(corpus, folder / "out")
    return folder / "out", index


def test_index_links_every_notebook_and_figure(report):
    out, index = report
    html = index.read_text()
    for notebook in report_notebooks(NOTEBOOKS):
        assert f'href="{notebook.stem}.html"' in html
        assert (out / f"{notebook.stem}.html").exists()
    explorer = (out / "07-explorer.html").read_text()  # its widgets need a kernel: the page says so
    assert "The explorer is interactive" in explorer and "application/vnd.jupyter.widget-view" not in explorer
    pngs = sorted((out / "figures").glob("*.png"))
    assert len(pngs) >= 3
    for png in pngs:
        assert f'src="figures/{png.name}"' in html
        assert png.with_suffix(".svg").exists()


def test_article_text_is_escaped_and_code_hidden(report):
    out, _ = report
    page = (out / "01-corpus-overview.html").read_text()
    assert "&lt;script&gt;alert" in page
    assert "<script>alert(" not in page
    assert "lens.load_corpus(" not in page  # inputs hidden


def test_failure_names_notebook_and_cell_and_keeps_previous_report(tmp_path):
    notebooks = tmp_path / "nbs"
    notebooks.mkdir()
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {"name": "python3", "language": "python", "display_name": "Python 3"}
    params = nbformat.v4.new_code_cell('corpus: str = ""  # corpus')
    params.metadata["tags"] = ["parameters"]
    nb.cells = [nbformat.v4.new_code_cell("import math"), params, nbformat.v4.new_code_cell("1 / 0")]
    nbformat.write(nb, notebooks / "09-broken.ipynb")
    out = tmp_path / "out"
    out.mkdir()
    (out / "index.html").write_text("previous report")
    with pytest.raises(ReportError, match=r"09-broken\.ipynb: cell 3 \(.1 / 0.\) failed: ZeroDivisionError"):
        build_report(MINI, out, notebooks_dir=notebooks)
    assert (out / "index.html").read_text() == "previous report"
    result = run_cli("report", "--corpus", str(MINI), "--out", str(out), "--notebooks", str(notebooks))
    assert result.returncode == 1 and "09-broken.ipynb" in result.stderr and "cell 3" in result.stderr


def test_write_summary_is_stable(tmp_path):
    path = tmp_path / "s.json"
    assert write_summary(path, {"b": 1.234567, "a": 2}) == {"a": 2, "b": 1.2346}
    assert path.read_text() == '{\n  "a": 2,\n  "b": 1.2346\n}\n'


def test_notebooks_marked_report_false_are_left_out(tmp_path):
    for name, metadata in (("01-a", {}), ("02-live", {"framing": {"report": False}}), ("03-b", {"framing": {}})):
        nb = nbformat.v4.new_notebook()
        nb.metadata.update(metadata)
        nbformat.write(nb, tmp_path / f"{name}.ipynb")
    (tmp_path / "04-broken.ipynb").write_text("not json", encoding="utf-8")  # kept: running it reports the fault
    (tmp_path / "notes.ipynb").write_text("{}", encoding="utf-8")  # not NN-*.ipynb
    assert [p.name for p in report_notebooks(tmp_path)] == ["01-a.ipynb", "03-b.ipynb", "04-broken.ipynb"]
