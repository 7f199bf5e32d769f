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

Pipeline step: load.
"""

from __future__ import annotations

import codecs
import csv
import io
import json
import re
from collections import deque
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO, NamedTuple

__all__ = ["TableColumns", "TableRow", "RowProblem", "TableError", "table_items", "MAX_FIELD_CHARS"]

#: A quoted CSV field longer than this is an unclosed quote (or not an article): 5,000,000 characters.
MAX_FIELD_CHARS = 5_000_000
#: Columns whose presence decides, for JSONL, when the table's columns are known: one of each group.
_KEY_COLUMNS: tuple[tuple[str, ...], ...] = (("id",), ("text",))
_ESCAPED_BYTE_RE = re.compile("[\udc80-\udcff]")  # a byte that is not UTF-8, as surrogateescape decodes it


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


def table_items(path: Path, *, key_columns: tuple[tuple[str, ...], ...] = _KEY_COLUMNS) -> Iterator[TableItem]:
    """The columns, rows and unreadable rows of a ``.csv``, ``.jsonl`` or ``.parquet`` table, in file order.

    For CSV and Parquet the columns come first. A JSONL file has no header: its
    columns are the keys met so far, and rows are held back (only their keys in
    ``key_columns``) until some row has shown a key of each group of ``key_columns``
    (by default an ``id`` key and a ``text`` key); when no row ever does, the
    columns are yielded at the end and the held rows are dropped, the caller
    reporting the missing column.

    Raises:
        TableError: the CSV header cannot be read, or the file is UTF-16.
        OSError, ValueError, ImportError: the file cannot be read at all (Parquet).
    """
    suffix = path.suffix.lower()
    if suffix == ".jsonl":
        yield from _jsonl_items(path, key_columns)
    elif suffix == ".csv":
        yield from _csv_items(path)
    else:
        yield from _parquet_items(path)


def _text_lines(handle: BinaryIO, *, newline: str) -> Iterator[str]:
    """The file's lines, decoded as UTF-8 (BOM removed); bytes that are not UTF-8 become lone surrogates.

    Decoding never stops the reading: :func:`_undecodable` finds those bytes in the
    one line or row they spoil.
    """
    if handle.read(2) in (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE):
        raise TableError("the table is UTF-16 encoded: save it as UTF-8")
    handle.seek(0)
    return io.TextIOWrapper(handle, encoding="utf-8-sig", errors="surrogateescape", newline=newline)


def _undecodable(lines: list[str], first: int) -> str:
    """Why one of ``lines`` (the first is line ``first``) is not UTF-8, or ""."""
    if all(map(str.isascii, lines)):
        return ""
    for number, line in enumerate(lines, first):
        found = _ESCAPED_BYTE_RE.search(line)
        if found:
            byte = ord(found.group()) - 0xDC00
            return (
                f"line {number} is not valid UTF-8 (byte 0x{byte:02x} at character {found.start() + 1}): "
                "save the table as UTF-8"
            )
    return ""


def _jsonl_items(path: Path, key_columns: tuple[tuple[str, ...], ...]) -> Iterator[TableItem]:
    kept = {name for group in key_columns for name in group}
    keys: dict[str, None] = {}  # every key met so far, in order of first appearance
    held: list[TableItem] | None = []  # None once the table is known to have id and text
    with path.open("rb") as handle:
        # Lines end at LF only: JSON allows a CR only as white space.
        for number, line in enumerate(_text_lines(handle, newline="\n"), 1):
            if not line.strip():
                continue
            item = _jsonl_item(number, line)
            if held is None:
                yield item
                continue
            if isinstance(item, TableRow):
                keys.update(dict.fromkeys(item.values))
                if all(any(k in keys for k in group) for group in key_columns):
                    yield TableColumns(tuple(keys))
                    yield from held
                    yield item
                    held = None
                    continue
                # Only id and text matter for a row that will be reported, not analysed.
                item = item._replace(values={k: v for k, v in item.values.items() if k in kept})
            held.append(item)
    if held is None:
        return
    if keys:
        yield TableColumns(tuple(keys))  # lacks id or text: the caller reports the table
    else:
        yield from held  # no JSON object at all: each line says why


def _jsonl_item(number: int, line: str) -> TableRow | RowProblem:
    where = f"line {number}"
    undecodable = _undecodable([line], number)
    if undecodable:
        return RowProblem(where, "bad_row", undecodable)
    try:
        obj = json.loads(line)
    except json.JSONDecodeError as exc:
        return RowProblem(where, "bad_row", f"not valid JSON: {exc.msg} (column {exc.colno})")
    if not isinstance(obj, dict):
        kind = "an array" if isinstance(obj, list) else "a string" if isinstance(obj, str) else "a number or literal"
        return RowProblem(where, "bad_row", f"not a JSON object but {kind}")
    return TableRow(where, obj)


class _Feed:
    """The lines fed to :func:`csv.reader`: lines put back come first; the lines of the current row are kept."""

    def __init__(self, lines: Iterator[str]) -> None:
        self._file_lines = lines
        self._again: deque[str] = deque()
        self.record: list[str] = []
        self.ended = False  # the last generator from lines() is exhausted: a reader needs a new one

    def lines(self) -> Iterator[str]:
        self.ended = False
        again, record = self._again, self.record
        for line in self._file_lines:
            while again:  # put back while this generator waited: they come before the line just read
                record.append(text := again.popleft())
                yield text
            record.append(line)
            yield line
        while again:
            record.append(text := again.popleft())
            yield text
        self.ended = True

    def put_back(self, lines: list[str]) -> None:
        self._again.extendleft(reversed(lines))


def _csv_items(path: Path) -> Iterator[TableItem]:
    if csv.field_size_limit() < MAX_FIELD_CHARS:
        csv.field_size_limit(MAX_FIELD_CHARS)
    with path.open("rb") as handle:
        # newline="": CR, LF and CRLF all end a line, and the csv module sees them untouched.
        feed = _Feed(_text_lines(handle, newline=""))
        # strict: a quote followed by anything but a quote, comma or line end is an error, not a silent merge.
        reader = csv.reader(feed.lines(), strict=True)
        header: list[str] | None = None
        positions: dict[str, int] | None = None
        record = feed.record
        next_line = 1  # the physical line the next row starts on
        while True:
            record.clear()
            first = next_line
            try:
                fields = next(reader)
            except StopIteration:
                return
            except csv.Error as exc:
                if header is None:
                    raise TableError(f"line {first}: the header cannot be read: {exc}") from None
                yield _csv_error(first, record, exc, at_end=feed.ended)
                if len(record) > 1:  # the lines after its first are read again as rows
                    feed.put_back(record[1:])
                    if feed.ended:  # this reader has seen the end of its lines: a new one reads them
                        reader = csv.reader(feed.lines(), strict=True)
                next_line = first + 1
                continue
            next_line = first + len(record)
            if not fields:
                continue  # a blank line is not a row
            undecodable = _undecodable(record, first)
            if header is None:
                if undecodable:
                    raise TableError(f"the header: {undecodable}")
                header = fields
                yield TableColumns(tuple(header))
                # With a column name repeated, the first of them counts.
                if len(set(header)) < len(header):
                    positions = {name: header.index(name) for name in dict.fromkeys(header)}
                continue
            where = f"line {first}"
            if undecodable:
                yield RowProblem(where, "bad_row", undecodable)
            elif len(fields) > len(header):
                yield RowProblem(
                    where,
                    "bad_row",
                    f"{len(fields)} fields where the header has {len(header)} "
                    "(an unquoted comma in the text?); the row is not read",
                )
            elif positions is None:  # a short row leaves its last columns out, as every CSV reader does
                yield TableRow(where, dict(zip(header, fields, strict=False)))
            else:
                yield TableRow(where, {name: fields[i] for name, i in positions.items() if i < len(fields)})


def _csv_error(first: int, record: list[str], exc: csv.Error, *, at_end: bool) -> RowProblem:
    """The problem of a row the csv module refused, its lines being ``record`` from line ``first``."""
    where = f"line {first}"
    if len(record) == 1:
        return RowProblem(where, "bad_row", f"not valid CSV: {exc}; the row is not read")
    last = first + len(record) - 1
    found = "is still open at the end of the file" if at_end else f"is not closed properly ({exc} on line {last})"
    again = f"line {last} is" if last == first + 1 else f"lines {first + 1} to {last} are"
    return RowProblem(where, "unclosed_quote", f"a quote opened here {found}; the row is not read, {again} read again")


_PARQUET_BATCH_ROWS = 256  # rows in memory at a time: a large table streams


def _parquet_items(path: Path) -> Iterator[TableItem]:
    import pyarrow.parquet as pq

    with pq.ParquetFile(path) as parquet:
        yield TableColumns(tuple(str(name) for name in parquet.schema_arrow.names))
        number = 0
        for batch in parquet.iter_batches(batch_size=_PARQUET_BATCH_ROWS):
            for row in batch.to_pandas().to_dict("records"):
                number += 1
                yield TableRow(f"row {number}", {str(k): v for k, v in row.items()})
