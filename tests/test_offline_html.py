"""Report pages are self-contained: interactive tables inline, nothing fetched from the network."""

import base64
import json
import re
from pathlib import Path

import itables
import nbformat
import pytest

from analysis.offline_html import offline_html_exporter, remote_references
from analysis.report import build_report

from .conftest import MINI

# Any address that makes a browser reach the network on opening the page.
REMOTE = [
    re.compile(r"""(?:src|href)\s*=\s*["']?https?:""", re.IGNORECASE),
    re.compile(r"""from\s+["']https?:""", re.IGNORECASE),
    re.compile(r"""url\(\s*["']?https?:""", re.IGNORECASE),
    re.compile(r"""import\(\s*["']https?:""", re.IGNORECASE),
]
LONG_TEXT = ("the keyword sits at the end of a long left context that must not be cut " * 8)[:486] + " LONG-TEXT-END"
DT_ARGS = re.compile(r"let dt_args = (\{.*?\n\s*\});", re.DOTALL)
KERNEL = {"kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"},
          "language_info": {"name": "python"}}


def remote_addresses(page):
    return [m.group(0) for pattern in REMOTE for m in pattern.finditer(page)]


def table_notebook(path):
    notebook = nbformat.v4.new_notebook(metadata=KERNEL)
    notebook.cells = [
        nbformat.v4.new_code_cell("import analysis as lens\nimport pandas as pd"),
        nbformat.v4.new_code_cell('corpus: str = ""  # corpus\nfigures_dir: str = ""  # figures\n'
                                  'summary_path: str = ""  # summary', metadata={"tags": ["parameters"]}),
        nbformat.v4.new_code_cell("lens.interactive_tables()"),
        nbformat.v4.new_markdown_cell("## Quotations\nEvery row, every word."),
        nbformat.v4.new_code_cell(
            f"long = {LONG_TEXT!r}\n"
            "pd.DataFrame({'row': [f'row-{i:03d}' for i in range(120)],\n"
            "              'text': [long if i == 7 else f'short text {i}' for i in range(120)]})"),
    ]
    nbformat.write(notebook, path)


@pytest.fixture(scope="module")
def report(tmp_path_factory):
    folder = tmp_path_factory.mktemp("offline")
    (folder / "notebooks").mkdir()
    table_notebook(folder / "notebooks" / "01-tables.ipynb")
    build_report(MINI, folder / "out", notebooks_dir=folder / "notebooks")
    return folder / "out"


def test_no_page_of_the_report_reaches_the_network(report):
    pages = sorted(report.glob("*.html"))
    assert [p.name for p in pages] == ["01-tables.html", "index.html"]
    for page in pages:
        text = page.read_text(encoding="utf-8")
        assert remote_addresses(text) == [], page.name
        assert remote_references(text) == [], page.name


def test_the_table_is_interactive_with_its_code_inline_and_every_row_uncut(report):
    page = (report / "01-tables.html").read_text(encoding="utf-8")
    bundle = (Path(itables.__file__).parent / "html" / "dt_bundle.js").read_bytes()
    assert base64.b64encode(bundle).decode("ascii") in page  # DataTables itself, not a link to it
    tables = DT_ARGS.findall(page)
    assert len(tables) == 1
    rows = json.loads(json.loads(tables[0])["data_json"])
    assert [row[0] for row in rows] == [f"row-{i:03d}" for i in range(120)]
    assert rows[7][1] == LONG_TEXT
    assert LONG_TEXT in page


def plain_notebook():
    notebook = nbformat.v4.new_notebook(metadata=KERNEL)
    notebook.cells = [nbformat.v4.new_markdown_cell("# A page"), nbformat.v4.new_code_cell("1 + 1")]
    notebook.cells[1].outputs = [nbformat.v4.new_output("execute_result", {"text/plain": "2"}, execution_count=1)]
    return notebook


def test_the_exporter_leaves_out_every_cdn_script():
    from nbconvert import HTMLExporter

    stock, _ = HTMLExporter().from_notebook_node(plain_notebook())
    assert remote_addresses(stock)  # nbconvert's own page loads require.js and MathJax from CDNs
    ours, _ = offline_html_exporter(exclude_input=True).from_notebook_node(plain_notebook())
    assert remote_addresses(ours) == [] and remote_references(ours) == []
    assert "<h1" in ours and "A page" in ours and "1 + 1" not in ours  # the page is still rendered, code hidden


@pytest.mark.parametrize("page, found", [
    ('<script src="https://cdn.example/require.js"></script>', ['src="https://cdn.example/require.js']),
    ("<link rel=stylesheet href=http://cdn.example/a.css>", ["href=http://cdn.example/a.css"]),
    ("<script src='//cdn.example/a.js'></script>", ["src='//cdn.example/a.js"]),
    ("import { x } from 'https://unpkg.example/dt.js';", ["from 'https://unpkg.example/dt.js"]),
    ('const m = await import("https://cdn.example/m.mjs");', ['import("https://cdn.example/m.mjs']),
    ("a { background: url(https://cdn.example/i.png) }", ["url(https://cdn.example/i.png"]),
    ('@import "https://fonts.example/f.css";', ['@import "https://fonts.example/f.css']),
    ('<a href="https://itables.org/">itables</a>', ['href="https://itables.org/']),
    ('<img src="data:image/png;base64,AAAA"><a href="figures/a.svg">', []),
    ("const url = URL.createObjectURL(blob); await import(url);", []),
    ("/* see https://github.com/x/y */ <p>https://example.com in text</p>", []),
])
def test_remote_references(page, found):
    assert remote_references(page) == found
