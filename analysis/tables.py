"""Reading the rows of ``.csv``, ``.jsonl`` and ``.parquet`` tables one at a time, none lost without a word.

:func:`table_items` is a generator: it yields the table's columns once, then
each row as a :class:`TableRow`, and each row it cannot read as a
:class:`RowProblem` that says where and why. Every row is accounted for.

Where a row is: ``line N`` is the physical line in a CSV or JSONL file (a CSV
row whose quoted text spans several lines is placed at its first line);
``row N`` counts the rows of a Parquet table from 1.

CSV is read with the standard :mod:`csv` module in strict mode, line by line,
because pandas' fast path accepts a quote that is never closed: it silently
makes the rows after it part of one text. Here such a quote is reported at the
line it opened on, and the lines it swallowed are read again as rows.
"""

from __future__ import annotations

import codecs
import csv
import json
from collections import deque
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import BinaryIO, NamedTuple

__all__ = ["TableColumns", "TableRow", "RowProblem", "TableError", "table_items", "MAX_FIELD_CHARS"]

#: A quoted CSV field longer than this is an unclosed quote (or not an article): 5,000,000 characters.
MAX_FIELD_CHARS = 5_000_000
#: Columns whose presence decides, for JSONL, when the table's columns are known.
_KEY_COLUMNS = ("id", "text")


class TableError(ValueError):
    """The table as a whole cannot be read (its header, its format)."""


class TableColumns(NamedTuple):
    """The table's column names, in order; yielded once, before any row."""

    names: tuple[str, ...]


class TableRow(NamedTuple):
    """One row: where it is (``line 3``, ``row 3``) and its values by column."""

    where: str
    values: dict[str, object]


class RowProblem(NamedTuple):
    """A row that could not be read: where it is, a ``problem`` name and a ``detail``."""

    where: str
    problem: str
    detail: str


TableItem = TableColumns | TableRow | RowProblem


def table_items(path: Path) -> Iterator[TableItem]:
    """The columns, rows and unreadable rows of a ``.csv``, ``.jsonl`` or ``.parquet`` table, in file order.

    For CSV and Parquet the columns come first. A JSONL file has no header: its
    columns are the keys met so far, and rows are held back (only the keys
    ``id`` and ``text`` of each) until some row has shown an ``id`` key and some
    row a ``text`` key; when no row ever does, the columns are yielded at the
    end and the held rows are dropped, the caller reporting the missing column.

    Raises:
        TableError: the CSV header cannot be read, or the file is UTF-16.
        OSError, ValueError, ImportError: the file cannot be read at all (Parquet).
    """
    suffix = path.suffix.lower()
    if suffix == ".jsonl":
        yield from _jsonl_items(path)
    elif suffix == ".csv":
        yield from _csv_items(path)
    else:
        yield from _parquet_items(path)


class _Line(NamedTuple):
    number: int
    text: str
    undecodable: str  # why the line is not UTF-8, or ""


def _lines(handle: BinaryIO, *, split_cr: bool) -> Iterator[_Line]:
    """Physical lines decoded one by one as UTF-8, so one bad byte spoils one line only."""
    number = 0
    for raw in handle:
        if number == 0:
            if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
                raise TableError("the table is UTF-16 encoded: save it as UTF-8")
            raw = raw.removeprefix(codecs.BOM_UTF8)
        # A lone CR ends a line too in CSV (old Mac files); JSON allows CR only as white space.
        parts = raw.splitlines(keepends=True) if split_cr and b"\r" in raw.rstrip(b"\r\n") else (raw,)
        for part in parts:
            number += 1
            try:
                yield _Line(number, part.decode("utf-8"), "")
            except UnicodeDecodeError as exc:
                why = f"not valid UTF-8 at byte {exc.start + 1} of the line: save the table as UTF-8"
                yield _Line(number, part.decode("utf-8", "replace"), why)


def _jsonl_items(path: Path) -> Iterator[TableItem]:
    keys: dict[str, None] = {}  # every key met so far, in order of first appearance
    held: list[TableItem] | None = []  # None once the table is known to have id and text
    with path.open("rb") as handle:
        for line in _lines(handle, split_cr=False):
            if not line.text.strip():
                continue
            item = _jsonl_item(line)
            if held is None:
                yield item
                continue
            if isinstance(item, TableRow):
                keys.update(dict.fromkeys(item.values))
                if all(k in keys for k in _KEY_COLUMNS):
                    yield TableColumns(tuple(keys))
                    yield from held
                    yield item
                    held = None
                    continue
                # Only id and text matter for a row that will be reported, not analysed.
                item = item._replace(values={k: v for k, v in item.values.items() if k in _KEY_COLUMNS})
            held.append(item)
    if held is None:
        return
    if keys:
        yield TableColumns(tuple(keys))  # lacks id or text: the caller reports the table
    else:
        yield from held  # no JSON object at all: each line says why


def _jsonl_item(line: _Line) -> TableRow | RowProblem:
    where = f"line {line.number}"
    if line.undecodable:
        return RowProblem(where, "bad_row", line.undecodable)
    try:
        obj = json.loads(line.text)
    except json.JSONDecodeError as exc:
        return RowProblem(where, "bad_row", f"not valid JSON: {exc.msg} (column {exc.colno})")
    if not isinstance(obj, dict):
        kind = "an array" if isinstance(obj, list) else "a string" if isinstance(obj, str) else "a number or literal"
        return RowProblem(where, "bad_row", f"not a JSON object but {kind}")
    return TableRow(where, obj)


class _LineQueue:
    """The lines fed to :func:`csv.reader`: lines put back come first; the lines of the current row are kept."""

    def __init__(self, lines: Iterator[_Line]) -> None:
        self._lines = lines
        self._again: deque[_Line] = deque()
        self.record: list[_Line] = []

    def __iter__(self) -> _LineQueue:
        return self

    def __next__(self) -> str:
        line = self._again.popleft() if self._again else next(self._lines)
        self.record.append(line)
        return line.text

    def put_back(self, lines: Iterable[_Line]) -> None:
        self._again.extendleft(reversed(list(lines)))


def _csv_items(path: Path) -> Iterator[TableItem]:
    if csv.field_size_limit() < MAX_FIELD_CHARS:
        csv.field_size_limit(MAX_FIELD_CHARS)
    with path.open("rb") as handle:
        queue = _LineQueue(_lines(handle, split_cr=True))
        # strict: a quote followed by anything but a quote, comma or line end is an error, not a silent merge.
        reader = csv.reader(queue, strict=True)
        header: list[str] | None = None
        positions: dict[str, int] = {}
        while True:
            queue.record.clear()
            try:
                fields = next(reader)
            except StopIteration:
                return
            except csv.Error as exc:
                if header is None:
                    raise TableError(f"line {queue.record[0].number}: the header cannot be read: {exc}") from None
                yield _csv_error(queue, exc)
                continue
            if not fields:
                continue  # a blank line is not a row
            first = queue.record[0]
            if header is None:
                if first.undecodable:
                    raise TableError(f"line {first.number}: the header is {first.undecodable}")
                header = fields
                yield TableColumns(tuple(header))
                positions = {name: header.index(name) for name in dict.fromkeys(header)}  # first of duplicates
                continue
            where = f"line {first.number}"
            undecodable = next((line for line in queue.record if line.undecodable), None)
            if undecodable is not None:
                yield RowProblem(where, "bad_row", f"line {undecodable.number}: {undecodable.undecodable}")
            elif len(fields) > len(header):
                yield RowProblem(
                    where,
                    "bad_row",
                    f"{len(fields)} fields where the header has {len(header)} "
                    "(an unquoted comma in the text?); the row is not read",
                )
            else:  # a short row leaves its last columns empty, as every CSV reader does
                yield TableRow(where, {name: fields[i] for name, i in positions.items() if i < len(fields)})


def _csv_error(queue: _LineQueue, exc: csv.Error) -> RowProblem:
    """Report a row the csv module refused; the lines after its first are read again as rows."""
    first, last = queue.record[0], queue.record[-1]
    where = f"line {first.number}"
    if first is last:
        return RowProblem(where, "bad_row", f"not valid CSV: {exc}; the row is not read")
    queue.put_back(queue.record[1:])
    at_end = str(exc) == "unexpected end of data"
    found = "the end of the file" if at_end else f"line {last.number} ({exc})"
    return RowProblem(
        where,
        "unclosed_quote",
        f"a quote opened on this line is not closed properly, found at {found}; this row is not read "
        f"and lines {first.number + 1} to {last.number} are read again as rows",
    )


def _parquet_items(path: Path) -> Iterator[TableItem]:
    import pandas as pd

    table = pd.read_parquet(path)
    yield TableColumns(tuple(str(c) for c in table.columns))
    for number, row in enumerate(table.to_dict("records"), 1):
        yield TableRow(f"row {number}", {str(k): v for k, v in row.items()})
