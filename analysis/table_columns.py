"""Which column of a table holds each article field: the names given, our names, or Media Cloud's.

A table needs an id and a text. Without a mapping file, each field is looked for
under these names, first found first:

========  =============================================  ==============================
field     our name                                       Media Cloud's name
========  =============================================  ==============================
id        ``id``                                         ``stories_id``
text      ``text``                                       ``story_text``
outlet    ``outlet``                                     ``media_name``
date      ``date``                                       ``publish_date`` (date part kept)
title     ``title``                                      ``title``
url       ``url``                                        ``url``
========  =============================================  ==============================

A table without a text column may hold the pages instead: a column ``html`` (or
Media Cloud's ``raw_first_download_file``) is read as HTML and its main text
extracted (:mod:`analysis.html_pages`). The id, text, outlet and date columns can
also be named outright (``--id-column`` and so on); a name that is not in the
table is an error that names the option and the columns the table has.

Pipeline step: load.
"""

from __future__ import annotations

import re
from typing import NamedTuple

__all__ = ["ColumnNames", "TableLayout", "table_layout", "key_column_groups", "media_cloud_date"]

_ID = ("id", "stories_id")
_TEXT = ("text", "story_text")
_HTML = ("html", "raw_first_download_file")
_OUTLET = ("outlet", "media_name")
_DATE = ("date", "publish_date")
_MEDIA_CLOUD_MARKS = ("stories_id", "media_name", "publish_date")
_COLUMNS_SHOWN = 20  # a detail lists at most this many of the columns the table has
# "2024-03-05 14:30:00", "2024-03-05T14:30:00+00:00": Media Cloud's timestamps; the day is the article's date.
_TIMESTAMP_RE = re.compile(r"(\d{4}-\d{2}-\d{2})[ T]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}(?::?\d{2})?)?")


class ColumnNames(NamedTuple):
    """Columns named outright (``None``: look for the usual names)."""

    id: str | None = None
    text: str | None = None
    outlet: str | None = None
    date: str | None = None


class TableLayout(NamedTuple):
    """Where a table keeps each field: ``text`` or ``html`` is set (the other is ""); metadata by field name.

    ``day_of_timestamp``: the date column is Media Cloud's ``publish_date``, whose timestamps give their day.
    """

    id: str
    text: str
    html: str
    metadata: dict[str, str]
    day_of_timestamp: bool = False


def table_layout(names: tuple[str, ...], given: ColumnNames) -> TableLayout | str:
    """The columns of a table with columns ``names`` that hold each field, or why no row can be read."""
    present = set(names)
    unknown = [
        f"{option} {value!r}" for option, value in zip(_OPTIONS, given, strict=True) if value and value not in present
    ]
    if unknown:
        return f"no column {' or '.join(unknown)} ({_columns_of(names)}); no row was read"
    media_cloud = any(mark in present for mark in _MEDIA_CLOUD_MARKS[:1]) or all(
        mark in present for mark in _MEDIA_CLOUD_MARKS[1:]
    )
    id_column = given.id or _first(_ID, present)
    text_column = given.text or _first(_TEXT, present)
    html_column = "" if text_column else _first(_HTML, present)
    if not id_column or not (text_column or html_column):
        missing = [repr(c) for c in ([] if id_column else ["id"]) + ([] if text_column or html_column else ["text"])]
        if media_cloud and not (text_column or html_column):
            return (
                f"a Media Cloud export without the stories' text: no {_either(_TEXT)} column and no HTML column "
                f"({_either(_HTML)}); add the text, or name its column with --text-column "
                f"({_columns_of(names)}); no row was read"
            )
        return f"no {' or '.join(missing)} column ({_columns_of(names)}); no row was read"
    metadata = {
        "outlet": given.outlet or _first(_OUTLET, present),
        "date": given.date or _first(_DATE, present),
        "title": _first(("title",), present),
        "url": _first(("url",), present),
        "label": _first(("label",), present),
    }
    found = {k: v for k, v in metadata.items() if v}
    return TableLayout(id_column, text_column, html_column, found, found.get("date") == "publish_date")


def key_column_groups(given: ColumnNames) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The names that may hold the id and the text: a JSONL table's columns are known once each group is met."""
    return ((given.id,) if given.id else _ID), ((given.text,) if given.text else _TEXT + _HTML)


def media_cloud_date(value: str) -> str:
    """The day of a Media Cloud timestamp (``2024-03-05 14:30:00`` → ``2024-03-05``); any other value unchanged."""
    found = _TIMESTAMP_RE.fullmatch(value)
    return found.group(1) if found else value


_OPTIONS = ("--id-column", "--text-column", "--outlet-column", "--date-column")


def _first(candidates: tuple[str, ...], present: set[str]) -> str:
    return next((c for c in candidates if c in present), "")


def _either(candidates: tuple[str, ...]) -> str:
    return " or ".join(repr(c) for c in candidates)


def _columns_of(names: tuple[str, ...]) -> str:
    shown = ", ".join(repr(n) for n in names[:_COLUMNS_SHOWN])
    more = f" and {len(names) - _COLUMNS_SHOWN:,} more" if len(names) > _COLUMNS_SHOWN else ""
    return f"its columns are {shown}{more}" if names else "it has no columns"
