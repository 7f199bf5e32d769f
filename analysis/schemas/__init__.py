"""JSON Schemas shipped with the package: lexicon files (``lexicons/``) and output records (``records/``).

Every ``--format jsonl`` line of ``framing terms``, ``quotes``, ``loaded``, ``compare``
and ``metrics`` is one object that fits ``records/<name>.schema.json`` (Draft 2020-12).
:func:`record_schema` reads one; :func:`validate_records` checks records against it,
more strictly than plain JSON Schema in two ways that matter for the written text:
an ``integer`` must be an ``int`` (``275.0`` is refused, although Draft 2020-12 counts
it as an integer) and a ``number`` must be finite (no NaN or infinity).

``jsonschema`` is imported only when records are validated: reading a schema, and the
command line's normal path, never pay for it.

Pipeline step: shared by the load step (lexicon files) and the tables (output records).
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable, Mapping
from functools import cache
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from jsonschema.protocols import Validator

__all__ = ["RECORD_TYPES", "RECORD_SCHEMA_DIR", "RecordError", "record_schema", "validate_records"]

RECORD_TYPES = ("terms", "quotes", "loaded", "compare", "metrics")
RECORD_SCHEMA_DIR = Path(str(resources.files("analysis") / "schemas" / "records"))


class RecordError(ValueError):
    """A record that does not fit its schema; the message names the record, the field and the problem."""


def record_schema(name: str) -> dict[str, Any]:
    """The JSON Schema of one record type (one of :data:`RECORD_TYPES`), as a dict."""
    if name not in RECORD_TYPES:
        raise ValueError(f"unknown record type {name!r}; expected one of {', '.join(RECORD_TYPES)}")
    return dict(_read_schema(name))


def validate_records(records: Iterable[Mapping[str, Any]], name: str) -> int:
    """Check each record against the schema of ``name``; returns how many were checked.

    Raises:
        RecordError: ``<name> record <n>: <field>: <problem>`` for the first record
            that does not fit (numbered from 1, as lines of a jsonl output).
    """
    from jsonschema.exceptions import best_match

    validator = _validator(name)
    count = 0
    for count, record in enumerate(records, start=1):
        error = best_match(validator.iter_errors(record))
        if error is not None:
            where = "/".join(str(p) for p in error.absolute_path) or "(record)"
            raise RecordError(f"{name} record {count}: {where}: {error.message}")
    return count


@cache
def _read_schema(name: str) -> dict[str, Any]:
    return json.loads((RECORD_SCHEMA_DIR / f"{name}.schema.json").read_text(encoding="utf-8"))


def _is_integer(checker: object, instance: object) -> bool:
    # Draft 2020-12 accepts 275.0 as an integer; the outputs promise integers written as such.
    return isinstance(instance, int) and not isinstance(instance, bool)


def _is_number(checker: object, instance: object) -> bool:
    # json.loads reads NaN and Infinity by default; neither is a JSON number.
    return isinstance(instance, int | float) and not isinstance(instance, bool) and math.isfinite(instance)


@cache
def _validator(name: str) -> Validator:
    from jsonschema import Draft202012Validator, validators  # slow to import: only when records are checked

    schema = record_schema(name)
    Draft202012Validator.check_schema(schema)
    checker = Draft202012Validator.TYPE_CHECKER.redefine_many({"integer": _is_integer, "number": _is_number})
    strict = validators.extend(Draft202012Validator, type_checker=checker)
    return strict(schema)
