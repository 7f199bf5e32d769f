"""Interactive tables in notebooks: every row, sortable, searchable, text wrapped, offline."""

import base64
import configparser
import json
import re
from pathlib import Path

import itables
import pandas as pd
import pytest
from IPython.core.formatters import DisplayFormatter
from pandas.io.formats.style import Styler

from analysis import interactive_tables
from analysis.display import table_html
from analysis.offline_html import remote_references

from .conftest import ROOT

LONG_TEXT = ("the keyword sits at the end of a long left context that must not be cut " * 8)[:490] + " LONG-TEXT-END"
DT_ARGS = re.compile(r"let dt_args = (\{.*?\n\s*\});", re.DOTALL)


@pytest.fixture
def notebook_display(monkeypatch):
    """Run interactive_tables() as in a notebook; give what it displayed, put pandas back afterwards."""
    import IPython.display

    shown = []
    monkeypatch.setattr(IPython.display, "display", lambda *objects, **_: shown.extend(objects))
    saved = {
        "frame": pd.DataFrame.__dict__["_repr_html_"],
        "series": pd.Series.__dict__.get("_repr_html_"),
        "styler": Styler.__dict__["_repr_html_"],
        "max_colwidth": pd.get_option("display.max_colwidth"),
        "logo": itables.options.display_logo_when_loading,
    }
    yield shown
    pd.DataFrame._repr_html_ = saved["frame"]
    if saved["series"] is None:
        if "_repr_html_" in pd.Series.__dict__:
            del pd.Series._repr_html_
    else:
        pd.Series._repr_html_ = saved["series"]
    Styler._repr_html_ = saved["styler"]
    pd.set_option("display.max_colwidth", saved["max_colwidth"])
    itables.options.display_logo_when_loading = saved["logo"]


def html_of(data):
    formats, _ = DisplayFormatter().format(data)
    return formats


def dt_args(page):
    found = DT_ARGS.search(page)
    assert found, "no itables table in the HTML"
    return json.loads(found.group(1))


def rows_of(page):
    return json.loads(dt_args(page)["data_json"])


def quotations(n):
    return pd.DataFrame({
        "article": [f"a{i:03d}" for i in range(n)],
        "start": range(n),
        "text": [LONG_TEXT if i == 1 else f"short quotation {i}" for i in range(n)],
    })


def test_every_dataframe_becomes_an_itables_table_with_every_row(notebook_display):
    interactive_tables()
    page = html_of(quotations(120))["text/html"]
    args = dt_args(page)
    rows = rows_of(page)
    assert [row[0] for row in rows] == [f"a{i:03d}" for i in range(120)]
    assert rows[1][2] == LONG_TEXT  # uncut
    assert "downsampling_warning" not in args and "filtered_row_count" not in args
    assert args["pageLength"] == 50
    assert args["lengthMenu"][-1] == {"label": "All", "value": -1}  # every row reachable at once
    assert args["layout"]["topEnd"] == "search" and args["layout"]["bottomEnd"] == "paging"
    assert "ordering" not in args and args["order"] == []  # sortable, kept in the table's order
    assert remote_references(page) == []


def test_a_table_far_beyond_itables_limits_keeps_every_row(notebook_display):
    interactive_tables()
    big = pd.DataFrame({"id": range(2000), "text": [LONG_TEXT] * 2000})  # ~1 MB, itables cuts at 64 KB
    rows = rows_of(html_of(big)["text/html"])
    assert len(rows) == 2000 and rows[-1][0] == 1999


def test_a_wide_table_keeps_every_column_and_scrolls_inside_its_frame(notebook_display):
    interactive_tables()
    wide = pd.DataFrame([[i * 0.5] * 250 for i in range(3)], columns=[f"metric.name_{j}" for j in range(250)])
    page = html_of(wide)["text/html"]
    args = dt_args(page)
    assert len(rows_of(page)[0]) == 250  # itables keeps 200 columns by default
    assert args["scrollX"] is True
    titles = {d["targets"]: d["title"] for d in args["columnDefs"] if "title" in d}
    assert titles[-250] == "metric.<wbr>name_<wbr>0"  # long names may wrap after "." and "_"


def test_header_titles_are_escaped():
    page = table_html(pd.DataFrame({"<b>x_y</b>": [1]}))
    titles = [d["title"] for d in dt_args(page)["columnDefs"] if "title" in d]
    assert titles == ["&lt;b&gt;x_<wbr>y&lt;/b&gt;"]


def test_a_short_table_shows_all_rows_without_paging(notebook_display):
    interactive_tables()
    args = dt_args(html_of(quotations(50))["text/html"])
    assert args["paging"] is False
    assert args["layout"] == {"topStart": None, "topEnd": "search", "bottomStart": None, "bottomEnd": None}
    tiny = dt_args(html_of(pd.DataFrame({"a": [1, 2]}))["text/html"])
    assert tiny["paging"] is False and tiny["layout"]["topEnd"] is None  # two rows need no search box


def test_long_text_columns_wrap_and_short_ones_do_not(notebook_display):
    interactive_tables()
    args = dt_args(html_of(quotations(5))["text/html"])
    wrapped = [d["targets"] for d in args["columnDefs"] if d.get("className") == "framing-wrap"]
    assert wrapped == [[-1]]  # the text column, counted from the right
    assert "nowrap" not in args["classes"]
    assert "white-space:pre-wrap" in args["table_style"]
    indexed = quotations(5).set_index("text")  # a shown index of long text wraps too
    wrapped = [d["targets"] for d in dt_args(table_html(indexed))["columnDefs"] if "className" in d]
    assert wrapped == [[0]]


def test_series_and_empty_tables_are_interactive_too(notebook_display):
    interactive_tables()
    assert [row[-1] for row in rows_of(html_of(pd.Series([3, 1, 2], name="n"))["text/html"])] == [3, 1, 2]
    empty = pd.DataFrame({"article": pd.Series([], dtype="str"), "problem": pd.Series([], dtype="str")})
    assert rows_of(html_of(empty)["text/html"]) == []


def test_plain_text_no_longer_cuts_long_strings(notebook_display):
    interactive_tables()
    assert LONG_TEXT in html_of(quotations(3))["text/plain"]


def test_the_table_code_is_displayed_inline_and_nothing_links_out(notebook_display):
    interactive_tables()
    pages = [shown.data for shown in notebook_display]
    bundle = (Path(itables.__file__).parent / "html" / "dt_bundle.js").read_bytes()
    assert any(base64.b64encode(bundle).decode("ascii") in page for page in pages)
    assert all(remote_references(page) == [] for page in pages)


def test_calling_it_twice_is_harmless_and_stylers_keep_their_own_html(notebook_display):
    interactive_tables(page_length=20)
    interactive_tables(page_length=20)
    assert len(notebook_display) == 4  # each call shows the table code again: a re-run cell keeps it
    assert len(rows_of(html_of(quotations(30))["text/html"])) == 30
    styled = quotations(2).style.highlight_max(subset="start")
    assert "let dt_args" not in html_of(styled)["text/html"]  # pandas' styled table, not an error


def test_page_length_must_be_positive(notebook_display):
    with pytest.raises(ValueError, match="page_length must be at least 1, not 0"):
        interactive_tables(page_length=0)


def test_nbval_sanitizer_removes_the_random_table_ids():
    config = configparser.ConfigParser()
    config.read(ROOT / "tests" / "nbval_sanitize.cfg")
    section = config["itables-ids"]
    first, second = table_html(quotations(3)), table_html(quotations(3))
    assert first != second  # itables draws a new id for every table
    sanitize = lambda page: re.sub(section["regex"], section["replace"], page)  # noqa: E731
    assert sanitize(first) == sanitize(second)
    assert "itables_ID" in sanitize(first)


def test_missing_text_shows_as_an_empty_cell_not_nan():
    table = pd.DataFrame({"speaker": ["Anna Brook", None], "role": pd.Series([None, "mayor"], dtype="str")})
    assert "NaN" not in table_html(table)
    assert "NaN" in table_html(pd.DataFrame({"score": [1.5, float("nan")]}))  # a missing number stays visible
