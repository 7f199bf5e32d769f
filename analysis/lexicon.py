"""Reading the word lists that live as data files in ``analysis/lexicons/``.

Every shipped list is a TOML file with a comment header giving its provenance
and licence, and a ``[meta]`` table. Users pass their own file with the same
keys. Each file is checked on load against the JSON Schema of its kind,
``analysis/schemas/lexicons/<kind>.schema.json``: a file that is missing, not
TOML, or has a missing, misspelt or wrongly typed key raises
:class:`LexiconError` with one line naming the file, the key and what was
expected. Keys a schema does not list are rejected as likely typos, except
inside ``[meta]``, which is free for notes such as a source or a licence.
A shipped list whose bytes are the ones the tests checked (``SHIPPED_SUMS``)
skips the check, so a run on the shipped lists never imports ``jsonschema``.

Loaders cache what they build from a file on its :class:`LexiconFile`, which
changes whenever the file is edited, so an edit takes effect on the next call.

Pipeline step: load (word lists read by every step that needs one).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
import stat
import tomllib
from collections.abc import Callable, Sequence
from functools import cache, lru_cache
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

if TYPE_CHECKING:
    from jsonschema import Draft202012Validator
    from jsonschema.exceptions import ValidationError

__all__ = [
    "LexiconError",
    "LexiconFile",
    "lexicon_file",
    "lexicon_path",
    "read_lexicon",
    "validate_lexicon",
    "LEXICON_DIR",
    "LEXICON_KINDS",
    "SCHEMA_DIR",
    "SHIPPED_SUMS",
    "record_shipped_lexicons",
]

LEXICON_DIR = Path(str(resources.files("analysis") / "lexicons"))
SCHEMA_DIR = Path(str(resources.files("analysis") / "schemas" / "lexicons"))
SHIPPED_SUMS = SCHEMA_DIR / "shipped-lexicons.json"
# One schema per kind; a kind is also the name of its shipped file.
LEXICON_KINDS = (
    "attribution", "boilerplate", "first_names", "frames", "loaded", "name_variants", "outlets", "person_names",
    "quantities", "source_types", "speakers",
)


class LexiconError(ValueError):
    """A lexicon file is missing, unreadable or malformed."""


class LexiconFile(NamedTuple):
    """A lexicon file as it is on disk now: any edit gives a new value, so caches keyed on it never go stale."""

    path: Path
    stamp: tuple[int, int, int, int]  # device, inode, size, modification time in ns


def lexicon_path(name_or_path: str | Path, lexicon_dir: str | Path | None = None) -> Path:
    """Resolve a lexicon name ("frames") or a file path.

    A name is looked up in ``lexicon_dir`` first, then among the shipped lists,
    so a user's folder needs to hold only the lists it replaces.
    """
    candidate = Path(name_or_path)
    if candidate.suffix == ".toml" or candidate.exists():
        return candidate
    if lexicon_dir:
        if not Path(lexicon_dir).is_dir():
            raise LexiconError(f"{lexicon_dir}: lexicon folder does not exist")
        own = Path(lexicon_dir) / f"{name_or_path}.toml"
        if own.exists():
            return own
    return LEXICON_DIR / f"{name_or_path}.toml"


def lexicon_file(name_or_path: str | Path, lexicon_dir: str | Path | None = None) -> LexiconFile:
    """The file a lexicon name or path resolves to, stamped with its current state on disk.

    Raises:
        LexiconError: the file does not exist, cannot be read or is a folder.
    """
    path = lexicon_path(name_or_path, lexicon_dir)
    try:
        info = path.stat()
    except OSError as exc:
        raise LexiconError(f"{path}: cannot read lexicon: {exc.strerror}") from None
    if stat.S_ISDIR(info.st_mode):
        raise LexiconError(f"{path}: is a folder, not a lexicon file")
    return LexiconFile(path, (info.st_dev, info.st_ino, info.st_size, info.st_mtime_ns))


def read_lexicon(
    name_or_path: str | Path | LexiconFile, lexicon_dir: str | Path | None = None, *, kind: str | None = None
) -> dict[str, Any]:
    """Parse a lexicon file, check it against its kind's schema and return its tables.

    Args:
        name_or_path: a lexicon name ("frames"), a file path, or a :class:`LexiconFile`.
        lexicon_dir: a folder searched first for a name.
        kind: the schema to check against (one of ``LEXICON_KINDS``); by default the
            file's name when it is a kind ("frames.toml" is a frame lexicon), else none.

    Raises:
        LexiconError: the file is missing, not TOML, or does not fit the schema.
    """
    file = name_or_path if isinstance(name_or_path, LexiconFile) else lexicon_file(name_or_path, lexicon_dir)
    if kind is None and file.path.stem in LEXICON_KINDS:
        kind = file.path.stem
    return _read(file, kind)


@lru_cache(maxsize=64)
def _read(file: LexiconFile, kind: str | None) -> dict[str, Any]:
    try:
        raw = file.path.read_bytes()
        data = tomllib.loads(raw.decode("utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise LexiconError(f"{file.path}: not valid TOML: {exc}") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise LexiconError(f"{file.path}: cannot read lexicon: {exc}") from None
    if kind is not None and hashlib.sha256(raw).hexdigest() != _checked_shipped().get(kind):
        validate_lexicon(data, kind=kind, path=file.path)
    return data


@cache
def _checked_shipped() -> dict[str, str]:
    """Kind → SHA-256 of its shipped file as the test suite checked it against the schema.

    Those exact bytes skip the check: importing ``jsonschema`` costs over a second (its
    IRI grammar is compiled on import), which a run on the shipped lists should not pay.
    Any other content, an edited shipped file included, is checked.
    """
    return dict(json.loads(SHIPPED_SUMS.read_text(encoding="utf-8"))["sha256"])


def record_shipped_lexicons() -> None:
    """Check every shipped lexicon against its schema, then record its SHA-256 in ``SHIPPED_SUMS``.

    Run after editing a shipped list: ``python -c "from analysis.lexicon import record_shipped_lexicons as r; r()"``.
    """
    sums = {}
    for kind in LEXICON_KINDS:
        path = LEXICON_DIR / f"{kind}.toml"
        raw = path.read_bytes()
        validate_lexicon(tomllib.loads(raw.decode("utf-8")), kind=kind, path=path)
        sums[kind] = hashlib.sha256(raw).hexdigest()
    record = {"$comment": "SHA-256 of each shipped lexicon, checked against its schema; see record_shipped_lexicons",
              "sha256": sums}
    SHIPPED_SUMS.write_text(json.dumps(record, indent=2) + "\n", encoding="utf-8")


# ------------------------------------------------------------- validation ----


@cache
def _validator(kind: str) -> Draft202012Validator:
    if kind not in LEXICON_KINDS:
        raise ValueError(f"unknown lexicon kind {kind!r}; expected one of {', '.join(LEXICON_KINDS)}")
    from jsonschema import Draft202012Validator, FormatChecker  # slow to import: only when a file is checked

    schema = json.loads((SCHEMA_DIR / f"{kind}.schema.json").read_text(encoding="utf-8"))
    # Formats are only annotations unless a checker is given: "regex" and "date" must be checked.
    return Draft202012Validator(_inline_refs(schema, schema), format_checker=FormatChecker())


def _inline_refs(node: Any, root: dict[str, Any]) -> Any:
    """The schema with every same-file ``$ref`` replaced by its target: validates 2-3x faster."""
    if isinstance(node, list):
        return [_inline_refs(item, root) for item in node]
    if not isinstance(node, dict):
        return node
    node = _resolve(node, root)
    return {key: _inline_refs(value, root) for key, value in node.items() if key != "$defs"}


def validate_lexicon(data: dict[str, Any], *, kind: str, path: str | Path) -> None:
    """Check parsed lexicon tables against the schema of ``kind``.

    Raises:
        LexiconError: one line, ``<path>: <key>: <what was expected>``, for the most
            relevant problem (the shallowest one when there are several).
    """
    from jsonschema.exceptions import best_match, by_relevance

    validator = _validator(kind)
    # A misspelt key also leaves the right one missing: naming the misspelling helps more.
    error = best_match(validator.iter_errors(data), key=by_relevance(strong={"additionalProperties"}))
    if error is not None:
        keys, problem = _explain(error)
    else:
        found = _CROSS_CHECKS[kind](data) if kind in _CROSS_CHECKS else None
        if found is None:
            return
        keys, problem = found
    raise LexiconError(f"{path}: {_key_path(keys)}: {problem}")


def _explain(error: ValidationError) -> tuple[list[str | int], str]:
    """The key an error is about and a plain-words account of it."""
    keys: list[str | int] = list(error.absolute_path)
    schema: dict[str, Any] = error.schema if isinstance(error.schema, dict) else {}
    found = _describe(error.instance)
    if error.validator == "required":
        missing = next(k for k in error.validator_value if k not in error.instance)
        wanted = _expected(schema.get("properties", {}).get(missing, {}))
        return [*keys, missing], f"expected {wanted}; the key is missing"
    if error.validator == "additionalProperties":
        allowed = list(schema.get("properties", {}))
        extra = next(k for k in error.instance if k not in allowed)
        return [*keys, extra], f"unknown key; expected one of {', '.join(allowed)}"
    if error.validator in ("minItems", "minProperties"):
        member = schema.get("items") or schema.get("additionalProperties")
        if not isinstance(member, dict):  # a table of named members, such as the loaded categories
            member = next(iter(schema.get("properties", {}).values()), {})
        return keys, f"expected at least one {member.get('title', 'entry')}, got {found}"
    if error.validator == "enum":
        return keys, f"expected one of {', '.join(map(str, error.validator_value))}, got {found}"
    if error.validator == "uniqueItems":
        return keys, f"expected each entry once, got {found} with repeats"
    if error.validator == "format" and error.cause is not None:
        return keys, f"expected {_expected(schema)}, got {found} ({error.cause})"
    return keys, f"expected {_expected(schema)}, got {found}"


def _resolve(schema: dict[str, Any], root: dict[str, Any]) -> dict[str, Any]:
    """Follow same-file ``$ref``s ("#/$defs/word"); keywords beside a ``$ref`` win over its target's."""
    while "$ref" in schema:
        target: Any = root
        for part in schema["$ref"].removeprefix("#/").split("/"):
            target = target[part]
        schema = {**target, **{k: v for k, v in schema.items() if k != "$ref"}}
    return schema


_TYPE_WORDS = {"string": "a string", "array": "a list", "object": "a table", "boolean": "true or false",
               "integer": "a whole number", "number": "a number"}


def _expected(schema: dict[str, Any]) -> str:
    if "description" in schema:
        return str(schema["description"])
    types = schema.get("type", [])
    return " or ".join(_TYPE_WORDS.get(t, t) for t in ([types] if isinstance(types, str) else types)) or "a value"


def _describe(value: Any) -> str:
    """A value as a reader of the TOML file would name it: 'the string "Iot"', 'a list'."""
    if isinstance(value, str):
        shown = value if len(value) <= 60 else value[:57] + "..."
        return f"the string {json.dumps(shown, ensure_ascii=False)}"
    if isinstance(value, bool):
        return f"the value {str(value).lower()}"
    if isinstance(value, int | float):
        return f"the number {value}"
    if isinstance(value, list):
        return "a list" if value else "an empty list"
    if isinstance(value, dict):
        return "a table" if value else "an empty table"
    if isinstance(value, dt.datetime):
        return f"the unquoted date and time {value.isoformat()}"
    if isinstance(value, dt.date):
        return f"the unquoted date {value.isoformat()}"
    if isinstance(value, dt.time):
        return f"the unquoted time {value.isoformat()}"
    return f"a {type(value).__name__}"


_BARE_KEY = re.compile(r"[A-Za-z0-9_-]+")


def _key_path(keys: Sequence[str | int]) -> str:
    """TOML-style key path: families.war.terms, cues."according to".forms, order, item 3."""
    out = ""
    for key in keys:
        if isinstance(key, int):
            out += f", item {key + 1}"
        else:
            name = key if _BARE_KEY.fullmatch(key) else json.dumps(key, ensure_ascii=False)
            out += f".{name}" if out else name
    return out or "(top level)"


# What a schema cannot say: how one part of a file refers to another.


def _check_frames(data: dict[str, Any]) -> tuple[list[str | int], str] | None:
    from .matching import inflections  # the forms the frame loader generates

    for family, spec in data["families"].items():
        variants = spec.get("variants", {})
        for term in variants:
            if term not in spec["terms"]:
                # Its forms would never be counted: the loader looks variants up by term.
                return ["families", family, "variants", term], f"expected a term listed in families.{family}.terms"
        forms = {form for term in spec["terms"] for surface in [term, *variants.get(term, [])]
                 for form in inflections(surface, nouns=True)}
        for position, phrase in enumerate(spec.get("exclude", [])):
            # An exclusion that holds none of the family's terms blocks nothing: most likely a typo.
            phrase_forms = inflections(phrase, nouns=True)
            if phrase_forms & forms:
                return (["families", family, "exclude", position],
                        f"expected a phrase longer than a term, got {_describe(phrase)}, which is itself a term's form")
            if not any(_holds_word(candidate, form) for candidate in phrase_forms for form in forms):
                return (["families", family, "exclude", position],
                        f"expected a phrase containing one of families.{family}.terms (or a form of one), "
                        f"got {_describe(phrase)}")
    return None


def _holds_word(phrase: str, form: str) -> bool:
    """Whether ``form`` occurs in ``phrase`` as whole words."""
    return re.search(rf"(?<![^\W_]){re.escape(form)}(?![^\W_])", phrase) is not None


def _check_source_types(data: dict[str, Any]) -> tuple[list[str | int], str] | None:
    order = data.get("order")
    if order is None:
        return None
    types = data["types"]
    for position, name in enumerate(order):
        if name not in types:
            wanted = f"the name of a [types.NAME] table ({', '.join(types)})"
            return ["order", position], f"expected {wanted}, got {_describe(name)}"
    for name in types:
        if name not in order:
            return ["types", name], "expected this type's name in order (a type left out of order is never used)"
    return None


_CROSS_CHECKS: dict[str, Callable[[dict[str, Any]], tuple[list[str | int], str] | None]] = {
    "frames": _check_frames,
    "source_types": _check_source_types,
}
