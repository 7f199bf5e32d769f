"""Tables a reader can read: every DataFrame shown as an interactive table, offline.

One call at the top of a notebook, :func:`interactive_tables`, turns the HTML
display of every pandas DataFrame and Series into an `itables`_ table: all rows
(nothing is downsampled), sortable by any column, searchable, long text wrapped
inside its cell instead of cut, and a wide table scrolling sideways inside its
own frame. The DataTables code is embedded in the notebook's output (itables'
offline mode), so neither JupyterLab nor the HTML report fetches anything.

.. _itables: https://mwouts.github.io/itables/

Pipeline step: after the tables: notebook display.
"""

from __future__ import annotations

import html
import re
from typing import Any

import pandas as pd

__all__ = ["interactive_tables", "table_html", "TABLE_CSS"]

_WRAP_CLASS = "framing-wrap"
_LONG_TEXT = 50  # characters: a column with a longer value wraps (pandas used to cut it here)
# Short values (numbers, ids, dates, labels) stay on one line; a column of long text
# (quotations, KWIC contexts) wraps inside a readable width, keeping the text's own
# line breaks; headers wrap at spaces. Text reads left-aligned, numbers right.
TABLE_CSS = (
    ".dt-container table.dataTable td{white-space:nowrap;vertical-align:top}"
    f".dt-container table.dataTable td.{_WRAP_CLASS}"
    "{white-space:pre-wrap;overflow-wrap:break-word;min-width:24em}"
    ".dt-container table.dataTable th{white-space:normal;vertical-align:bottom}"
    ".dt-container table.dataTable :is(td,th):not(.dt-type-numeric){text-align:left}"
)
# itables' loading message and static preview link to its website: a reader
# offline cannot follow them, and a report page links nothing remote.
_REMOTE_LINK = re.compile(r"<a href=https?://[^\s>]+(?:\s[^>]*)?>(.*?)</a>", re.DOTALL)
_BREAK_AFTER = re.compile(r"([._])(?=\w)")  # where a long column name may wrap
_SMALL_TABLE = 10  # rows that a reader takes in at a glance: no search box


def interactive_tables(*, page_length: int = 50) -> None:
    """Show every DataFrame and Series in this notebook as an interactive, offline table.

    A table of up to ``page_length`` rows is shown whole; a longer one is paged
    ``page_length`` rows at a time, with a menu up to "All". Every row is in the
    page: nothing is downsampled, so search and sort see the whole table. Plain
    text displays no longer cut long strings either (``display.max_colwidth``).

    Call it once near the top of a notebook and keep the cell's output: it holds
    the table code (about 1 MB) that every table below uses. Calling it again
    does no harm.

    Raises:
        ValueError: ``page_length`` is smaller than 1.
    """
    if page_length < 1:
        raise ValueError(f"page_length must be at least 1, not {page_length}")
    import itables

    pd.set_option("display.max_colwidth", None)
    itables.options.display_logo_when_loading = False  # the logo links to itables' website
    # all_interactive=False: itables puts back pandas' own HTML display (and keeps
    # a Styler's, which it cannot show without allow_html), then we put ours.
    itables.init_notebook_mode(all_interactive=False, connected=False)

    def repr_html(data: pd.DataFrame | pd.Series) -> str:
        return table_html(data, page_length=page_length)

    pd.DataFrame._repr_html_ = repr_html  # type: ignore[attr-defined]
    pd.Series._repr_html_ = repr_html  # type: ignore[attr-defined]


def table_html(data: pd.DataFrame | pd.Series, *, page_length: int = 50) -> str:
    """The interactive table for ``data`` as HTML: all rows, sortable, searchable, text wrapped.

    The HTML needs the table code that :func:`interactive_tables` puts in the page.
    """
    import itables

    rows = len(data)
    options: dict[str, Any] = {
        "connected": False,
        # 0 turns each downsampling limit off: every row and column is kept.
        "maxBytes": 0,
        "maxRows": 0,
        "maxColumns": 0,
        "classes": "display compact",  # itables' default adds "nowrap"
        "style": "table-layout:auto;width:100%;margin:0;caption-side:bottom",
        "css": TABLE_CSS,
        "scrollX": True,  # a wide table scrolls inside its frame, not the page
        "display_logo_when_loading": False,
        "order": [],  # keep the table's own order until the reader sorts
    }
    column_defs = _header_titles(data)
    wrapped = _long_text_columns(data)
    if wrapped:
        column_defs.append({"targets": wrapped, "className": _WRAP_CLASS})
    if column_defs:
        options["columnDefs"] = column_defs
    search = "search" if rows > _SMALL_TABLE else None
    if rows <= page_length:
        options["paging"] = False
        options["layout"] = {"topStart": None, "topEnd": search, "bottomStart": None, "bottomEnd": None}
    else:
        steps = [n for n in (page_length, 2 * page_length, 10 * page_length) if n < rows]
        options["pageLength"] = page_length
        options["lengthMenu"] = [*steps, {"label": "All", "value": -1}]
        options["layout"] = {"topStart": "pageLength", "topEnd": search, "bottomStart": "info", "bottomEnd": "paging"}
    return _REMOTE_LINK.sub(r"\1", itables.to_html_datatable(_blank_missing_text(data), **options))


def _blank_missing_text(data: pd.DataFrame | pd.Series) -> pd.DataFrame | pd.Series:
    """Missing values in text columns show as empty cells, not "NaN" (a reader sees no speaker, not a number)."""
    if isinstance(data, pd.Series):
        return data.fillna("") if data.dtype == object or pd.api.types.is_string_dtype(data) else data
    text = [c for c in data.columns if data[c].dtype == object or pd.api.types.is_string_dtype(data[c])]
    return data.fillna({c: "" for c in text}) if text else data


def _header_titles(data: pd.DataFrame | pd.Series) -> list[dict[str, Any]]:
    """Column titles that may break after "." and "_", so that a wide table's headers wrap.

    ``metric.flesch_reading_ease`` has no space to wrap at; ``<wbr>`` marks where
    the line may break without changing the text (a copied header reads the same).
    The label is HTML-escaped first: column labels can be article labels.
    """
    frame = data.to_frame() if isinstance(data, pd.Series) else data
    if isinstance(frame.columns, pd.MultiIndex):
        return []
    titles = []
    for i, label in enumerate(frame.columns):
        escaped = html.escape(str(label))
        breakable = _BREAK_AFTER.sub(r"\1<wbr>", escaped)
        if breakable != escaped:
            titles.append({"targets": i - frame.shape[1], "title": breakable})
    return titles


def _long_text_columns(data: pd.DataFrame | pd.Series) -> list[int]:
    """The table's columns holding a value longer than ``_LONG_TEXT`` characters, as DataTables targets.

    Data columns are counted from the right (-1 is the last), so the targets hold
    whether or not itables shows the index; index levels, when shown, from the left.
    """
    frame = data.to_frame() if isinstance(data, pd.Series) else data
    targets = [i - frame.shape[1] for i in range(frame.shape[1]) if _is_long(frame.iloc[:, i])]
    index_shown = not (isinstance(frame.index, pd.RangeIndex) and frame.index.name is None)
    if index_shown:
        levels = [frame.index.get_level_values(level) for level in range(frame.index.nlevels)]
        targets = [level for level, values in enumerate(levels) if _is_long(pd.Series(values))] + targets
    return targets


def _is_long(values: pd.Series) -> bool:
    if values.dtype.kind in "biufcmM":  # numbers and dates never need wrapping
        return False
    return bool(values.astype(str).str.len().max() > _LONG_TEXT) if len(values) else False
