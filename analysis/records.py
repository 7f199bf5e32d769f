"""Writing result tables, whole or chunk by chunk.

One writer serves every subcommand and format (jsonl, csv, parquet, a terminal table);
:class:`TableWriter` appends the tables of a streamed corpus as they come.

jsonl is strict JSON, one object per line: a missing value (None, pandas NA, NaN) is
``null``, numpy scalars become plain numbers, and ``json.dumps(allow_nan=False)`` makes
sure no NaN or infinity can slip through. Integer columns stay integers because the
finders build typed tables (:func:`~analysis.typed_tables.typed_frame`); csv and parquet
write those dtypes as they are, so an offset is ``275`` and never ``275.0``. Each jsonl
record fits ``analysis/schemas/records/<name>.schema.json``.

Only ``--format table`` is for people: its text cells go through
:func:`~analysis.terminal.for_terminal`. Data outputs keep the exact text.

Pipeline step: tables (writing them).
"""

from __future__ import annotations

import json
import math
import sys
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from .terminal import for_terminal

__all__ = ["FORMATS", "TableWriter", "json_records", "jsonl_text", "write_table"]

FORMATS = ("jsonl", "csv", "parquet", "table")


def json_records(
    table: pd.DataFrame, *, fields_by_type: Mapping[str, Sequence[str]] | None = None
) -> list[dict[str, Any]]:
    """The rows of ``table`` as JSON-safe dicts, in column order.

    Args:
        fields_by_type: for a table of several record types (``framing compare``), the
            fields of each value of its ``type`` column; each record then carries ``type``
            and exactly its type's fields (null where missing), nothing of the others.

    Raises:
        ValueError: a value is infinite, or a ``type`` is not in ``fields_by_type``.
    """
    rows = table.to_dict("records")
    if fields_by_type is None:
        return [{str(key): _json_value(value, str(key), number) for key, value in row.items()}
                for number, row in enumerate(rows, start=1)]
    order = [str(c) for c in table.columns]
    keys = {kind: [c for c in order if c == "type" or c in fields] for kind, fields in fields_by_type.items()}
    records = []
    for number, row in enumerate(rows, start=1):
        kind = row["type"]
        if kind not in keys:
            raise ValueError(f"row {number}: record type {kind!r} is not one of {', '.join(keys)}")
        records.append({key: _json_value(row[key], key, number) for key in keys[kind]})
    return records


def jsonl_text(records: Iterable[Mapping[str, Any]]) -> str:
    """One strict JSON object per line (UTF-8 text kept as is, no NaN or infinity)."""
    return "".join(json.dumps(record, ensure_ascii=False, allow_nan=False) + "\n" for record in records)


def write_table(
    table: pd.DataFrame,
    *,
    fmt: str,
    out: str | Path | None = None,
    fields_by_type: Mapping[str, Sequence[str]] | None = None,
) -> None:
    """Write ``table`` as ``fmt`` (one of :data:`FORMATS`) to ``out``, or to stdout when ``out`` is None.

    Parquet needs ``out``. ``fields_by_type`` shapes jsonl records (see :func:`json_records`);
    csv, parquet and the terminal table keep every column.
    """
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}; expected one of {', '.join(FORMATS)}")
    if fmt == "parquet":
        if out is None:
            raise ValueError("parquet needs a file to write to")
        table.to_parquet(out, index=False)
        return
    if fmt == "csv":
        text = table.to_csv(index=False, lineterminator="\n")
    elif fmt == "jsonl":
        text = jsonl_text(json_records(table, fields_by_type=fields_by_type))
    else:
        text = _shown(table).to_string(index=False) + "\n"
    if out is not None:
        Path(out).write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text)


class TableWriter:
    """Write tables of the same columns one after another, as one output (``framing metrics`` streams with it).

    The file (or stdout) is opened at the first table: a run that produces nothing writes
    nothing. csv writes its header once; parquet writes one row group per table.
    """

    def __init__(self, *, fmt: str, out: str | Path | None = None) -> None:
        if fmt not in ("jsonl", "csv", "parquet"):
            raise ValueError(f"cannot stream format {fmt!r}; expected jsonl, csv or parquet")
        if fmt == "parquet" and out is None:
            raise ValueError("parquet needs a file to write to")
        self.fmt, self.out = fmt, out
        self.rows = 0
        self._handle: Any = None
        self._parquet: Any = None
        self._schema: Any = None

    def write(self, table: pd.DataFrame) -> None:
        """Append ``table``'s rows."""
        if self.fmt == "parquet":
            import pyarrow as pa
            import pyarrow.parquet as pq

            arrow = pa.Table.from_pandas(table, preserve_index=False)
            if self._parquet is None:
                self._parquet = pq.ParquetWriter(str(self.out), arrow.schema)
                self._schema = arrow.schema
            self._parquet.write_table(arrow.cast(self._schema))
        else:
            if self._handle is None:
                self._handle = sys.stdout if self.out is None else open(self.out, "w", encoding="utf-8")  # noqa: SIM115
                header = True
            else:
                header = False
            if self.fmt == "csv":
                self._handle.write(table.to_csv(index=False, header=header, lineterminator="\n"))
            else:
                self._handle.write(jsonl_text(json_records(table)))
            self._handle.flush()
        self.rows += len(table)

    def close(self) -> None:
        """Finish the output (the parquet footer; closing the file)."""
        if self._parquet is not None:
            self._parquet.close()
        elif self._handle is not None and self._handle is not sys.stdout:
            self._handle.close()

    def __enter__(self) -> TableWriter:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _json_value(value: Any, key: str, number: int) -> Any:
    """``value`` as JSON can hold it: None for every kind of missing, plain Python numbers."""
    if value is None or value is pd.NA or value is pd.NaT:
        return None
    if isinstance(value, np.generic):
        value = value.item()
    if isinstance(value, float) and not math.isfinite(value):
        if math.isnan(value):
            return None
        raise ValueError(f"row {number}: {key}: {value} is not a JSON number")
    return value


def _shown(table: pd.DataFrame) -> pd.DataFrame:
    """The table with its text cells escaped for the terminal (``--format table``)."""
    shown = table.copy()
    for column in shown.columns:
        if pd.api.types.is_object_dtype(shown[column]) or pd.api.types.is_string_dtype(shown[column]):
            shown[column] = shown[column].map(lambda v: for_terminal(v) if isinstance(v, str) else v)
    return shown
