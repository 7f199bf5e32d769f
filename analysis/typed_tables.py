"""Typed tables: each area's result keeps its columns and dtypes even when it has no rows.

An empty corpus, or one where no article has a quotation or a loaded word, must
still give tables that later steps can filter, group and plot: a boolean column
stays boolean (so ``hits[hits["loaded"]]`` filters rather than selects columns)
and offsets stay integers.

Pipeline step: tables.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

import pandas as pd

__all__ = ["typed_frame"]


def typed_frame(rows: Iterable[Any], columns: Mapping[str, str]) -> pd.DataFrame:
    """A DataFrame of ``rows`` (tuples or dicts) with ``columns`` (name → pandas dtype), also when empty.

    A missing value in an ``int64`` or ``bool`` column raises rather than turning the
    column into floats or objects; use a nullable dtype (``Int64``) where values may be missing.
    """
    return pd.DataFrame(list(rows), columns=list(columns)).astype(dict(columns))
