"""Typed tables: each area's result keeps its columns and dtypes even when it has no rows.

An empty corpus, or one where no article has a quotation or a loaded word, must
still give tables that later steps can filter, group and plot: a boolean column
stays boolean (so ``hits[hits["loaded"]]`` filters rather than selects columns)
and offsets stay integers.

Pipeline step: tables.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import numpy as np
import pandas as pd

__all__ = ["typed_frame"]

# A column whose values all have exactly this type is built straight from them; any other
# column takes the general path (pandas' inference, then astype), which is several times slower.
_PLAIN = {"int64": int, "float64": float, "bool": bool}
# Whole numbers that pandas' inference, which turns ints beside a None into floats, keeps exact.
_EXACT_IN_FLOAT = 2**53


def typed_frame(rows: Iterable[Any], columns: Mapping[str, str]) -> pd.DataFrame:
    """A DataFrame of ``rows`` (tuples or dicts) with ``columns`` (name → pandas dtype), also when empty.

    A missing value in an ``int64`` or ``bool`` column raises rather than turning the
    column into floats or objects; use a nullable dtype (``Int64``) where values may be missing.
    """
    table = list(rows)
    names = list(columns)
    by_column = _columns_of(table, names)
    if by_column is None:
        return _general(table, columns)
    typed = {name: _column(name, values, columns[name]) for name, values in zip(names, by_column, strict=True)}
    return pd.DataFrame(typed)


def _columns_of(table: list[Any], names: list[str]) -> list[list[Any]] | None:
    """The values of each column, or None when the rows are not all sequences (or all dicts) of every column."""
    if not table:
        return None
    if all(type(row) is dict for row in table):
        try:
            return [[row[name] for row in table] for name in names]
        except KeyError:  # pandas fills a missing key with NaN: the general path
            return None
    if all(isinstance(row, Sequence) and not isinstance(row, str) and len(row) == len(names) for row in table):
        return [list(column) for column in zip(*table, strict=True)]
    return None


def _column(name: str, values: list[Any], dtype: str) -> Any:
    """One column as an array of ``dtype``, built directly when its values allow; else as pandas infers it."""
    kinds = set(map(type, values))
    if dtype == "str" and kinds <= {str, type(None)}:  # None is a missing text, as pandas makes it
        return pd.array(values, dtype="str")
    if dtype == "Int64" and kinds == {int, type(None)}:
        present = [value for value in values if value is not None]
        if -_EXACT_IN_FLOAT <= min(present) and max(present) <= _EXACT_IN_FLOAT:
            return pd.array(values, dtype="Int64")
    plain = _PLAIN.get(dtype)
    if plain is not None and kinds == {plain}:
        return np.array(values, dtype=dtype)
    return _general([[value] for value in values], {name: dtype})[name]


def _general(table: list[Any], columns: Mapping[str, str]) -> pd.DataFrame:
    """What every table once went through: pandas infers each column's type, then it is cast."""
    return pd.DataFrame(table, columns=list(columns)).astype(dict(columns))
