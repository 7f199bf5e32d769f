"""typed_frame builds plain columns directly; the result must be what pandas' inference and astype give."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from analysis.typed_tables import _general, typed_frame

DTYPES = ("str", "int64", "float64", "bool", "Int64", "boolean", "object", "category")
VALUES = st.one_of(
    st.text(max_size=6),
    st.integers(min_value=-(2**40), max_value=2**40),
    st.floats(allow_nan=True, allow_infinity=True),
    st.booleans(),
    st.none(),
    st.just(math.nan),
    st.integers(min_value=-5, max_value=5).map(np.int64),
)


def _same_outcome(rows: list, columns: dict[str, str]) -> None:
    try:
        expected = _general(list(rows), columns)
    except (TypeError, ValueError, OverflowError) as exc:  # the same error, from the same column
        with pytest.raises(type(exc)) as raised:
            typed_frame(rows, columns)
        assert str(raised.value) == str(exc)
        return
    got = typed_frame(rows, columns)
    pd.testing.assert_frame_equal(got, expected, check_exact=True, check_column_type=True, check_index_type=True)
    assert list(got.dtypes.astype(str)) == list(expected.dtypes.astype(str))


# Values of the column's own type (the fast path), values pandas can cast to it, and anything.
_OWN = {"str": st.text(max_size=6), "int64": st.integers(-(2**40), 2**40), "bool": st.booleans(),
        "float64": st.floats(allow_nan=True, allow_infinity=True)}
_CASTABLE = {
    "str": st.one_of(st.text(max_size=6), st.none(), st.integers(-9, 9), st.floats()),
    "int64": st.one_of(st.integers(-9, 9), st.integers(-9, 9).map(np.int64), st.booleans()),
    "float64": st.one_of(st.floats(), st.integers(-9, 9), st.none(), st.integers(-9, 9).map(np.int64)),
    "bool": st.one_of(st.booleans(), st.integers(0, 1)),
    "Int64": st.one_of(st.integers(-9, 9), st.none(), st.integers(-(2**62), 2**62)),
    "boolean": st.one_of(st.booleans(), st.none()),
}


@st.composite
def tables(draw: st.DrawFn) -> tuple[list, dict[str, str]]:
    dtypes = draw(st.lists(st.sampled_from(DTYPES), min_size=1, max_size=4))
    columns = {f"c{i}": dtype for i, dtype in enumerate(dtypes)}
    cell = {name: draw(st.sampled_from([_OWN.get(dtype, VALUES), _CASTABLE.get(dtype, VALUES), VALUES]))
            for name, dtype in columns.items()}
    rows = draw(st.lists(st.tuples(*(cell[name] for name in columns)), max_size=6))
    if draw(st.booleans()):
        return [dict(zip(columns, row, strict=True)) for row in rows], columns
    return rows, columns


@settings(max_examples=300, deadline=None)
@given(tables())
def test_typed_frame_matches_pandas_inference_then_astype(table: tuple[list, dict[str, str]]):
    rows, columns = table
    _same_outcome(rows, columns)
    for position, (name, dtype) in enumerate(columns.items()):  # one column's error cannot hide another's
        _same_outcome([(row[name] if isinstance(row, dict) else row[position],) for row in rows], {name: dtype})


def test_plain_columns_and_awkward_rows():
    columns = {"article": "str", "start": "int64", "score": "float64", "loaded": "bool", "cue": "Int64"}
    _same_outcome([("a", 1, 0.5, True, None), ("b", 2, 1.25, False, 7)], columns)
    _same_outcome([], columns)
    _same_outcome([{"article": "a", "start": 1, "score": 0.5, "loaded": True}], columns)  # a key missing
    _same_outcome([["a", 1, 0.5, True, 3]], columns)  # lists as rows
    _same_outcome([("a", 1, 2, True, 3)], columns)  # an int in a float column
    _same_outcome([("a", None, 0.5, True, 3)], columns)  # a missing int64 raises
    _same_outcome([(None, 1, 0.5, True, 2**60 + 1), ("b", 2, 0.5, False, None)], columns)  # inferred as a float
    _same_outcome([(None, 1, 0.5, True, 2**40 + 1), (None, 2, 0.5, False, None)], columns)
