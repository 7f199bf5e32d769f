"""The measured accuracy of the extractors, as the benchmark scripts recorded it.

``benchmarks/quotes_accuracy.py --record`` and ``benchmarks/loaded_accuracy.py --record``
score the extractors on externally annotated data and write their figures into
``analysis/data/accuracy.json``, which ships with the package; the report's index
reads it and shows it next to the charts. Nobody types figures into that file: each
row names the command that measured it, the date and the package version.

Columns (:data:`ACCURACY_COLUMNS`): ``task`` (quotations, loaded language, sentence
bias), ``dataset``, ``split``, ``measure`` (what was matched: direct quotations,
tokens, sentences…), ``precision``, ``recall``, ``f1``, ``speaker_accuracy`` (blank
where it does not apply), ``n`` (gold items scored), ``settings`` (the operating
point), ``measured`` (ISO date), ``version`` (of this package) and ``command``.

Pipeline step: after the tables: the report.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable, Mapping
from importlib import metadata
from pathlib import Path
from typing import Any

import pandas as pd

from .typed_tables import typed_frame

__all__ = [
    "ACCURACY_COLUMNS",
    "ACCURACY_PATH",
    "AccuracyFileError",
    "package_version",
    "read_accuracy",
    "record_accuracy",
]

#: The file the benchmark scripts write and the report reads.
ACCURACY_PATH = Path(__file__).resolve().parent / "data" / "accuracy.json"
_DTYPES = {
    "task": "str",
    "dataset": "str",
    "split": "str",
    "measure": "str",
    "precision": "float64",
    "recall": "float64",
    "f1": "float64",
    "speaker_accuracy": "float64",
    "n": "Int64",
    "settings": "str",
    "measured": "str",
    "version": "str",
    "command": "str",
}
ACCURACY_COLUMNS = list(_DTYPES)
_KEY = ("task", "dataset", "split", "measure", "settings")  # a new measurement of the same replaces the old
_ABOUT = ("Written by benchmarks/quotes_accuracy.py and benchmarks/loaded_accuracy.py with --record; "
          "do not edit by hand.")
_DISTRIBUTION = "framing-lens"


class AccuracyFileError(ValueError):
    """The accuracy file exists but cannot be used; the message names it and the problem."""


def package_version() -> str:
    """This package's version from its installed metadata ("unknown" when it is not installed)."""
    try:
        return metadata.version(_DISTRIBUTION)
    except metadata.PackageNotFoundError:
        return "unknown"


def read_accuracy(path: str | Path | None = None) -> pd.DataFrame:
    """The recorded accuracy figures (``ACCURACY_COLUMNS``); no rows when the file is missing or empty.

    Raises:
        AccuracyFileError: the file is not JSON, or its rows lack a column or carry a non-number.
    """
    source = Path(path) if path is not None else ACCURACY_PATH
    if not source.is_file():
        return typed_frame([], _DTYPES)
    text = source.read_text(encoding="utf-8")
    if not text.strip():
        return typed_frame([], _DTYPES)
    try:
        rows = json.loads(text).get("rows", [])
    except (json.JSONDecodeError, AttributeError) as exc:
        raise AccuracyFileError(f"{source}: not an accuracy file ({exc})") from None
    if not isinstance(rows, list):
        raise AccuracyFileError(f"{source}: 'rows' is not a list")
    for number, row in enumerate(rows, 1):
        missing = [c for c in ACCURACY_COLUMNS if not isinstance(row, dict) or c not in row]
        if missing:
            raise AccuracyFileError(f"{source}: row {number} lacks {', '.join(missing)}")
    try:
        return typed_frame(([row[c] for c in ACCURACY_COLUMNS] for row in rows), _DTYPES)
    except (TypeError, ValueError) as exc:
        raise AccuracyFileError(f"{source}: a value has the wrong type ({exc})") from None


def record_accuracy(rows: Iterable[Mapping[str, Any]], *, path: str | Path | None = None) -> Path:
    """Add measured ``rows`` to the accuracy file; each replaces an earlier row of the same measurement.

    A measurement is a task, dataset, split, measure and settings. Rows are kept sorted and numbers
    rounded to four places, so the same figures give the same file.
    """
    target = Path(path) if path is not None else ACCURACY_PATH
    kept: dict[tuple[Any, ...], dict[Any, Any]] = {
        tuple(r[k] for k in _KEY): r for r in read_accuracy(target).to_dict("records")}
    for row in rows:
        missing = [c for c in ACCURACY_COLUMNS if c not in row]
        if missing:
            raise ValueError(f"an accuracy row lacks {', '.join(missing)}: {dict(row)}")
        kept[tuple(row[k] for k in _KEY)] = dict(row)
    ordered = [{c: _plain(kept[key][c]) for c in ACCURACY_COLUMNS} for key in sorted(kept)]
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(json.dumps({"about": _ABOUT, "rows": ordered}, indent=2, ensure_ascii=False) + "\n",
                      encoding="utf-8")
    return target


def _plain(value: Any) -> Any:
    """A JSON value: numbers rounded to four places, missing values as null."""
    if value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value)):
        return None
    if hasattr(value, "item"):  # numpy scalars
        value = value.item()
    return round(value, 4) if isinstance(value, float) else value
