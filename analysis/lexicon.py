"""Reading the word lists that live as data files in ``analysis/lexicons/``.

Every shipped list is a TOML file with a comment header giving its provenance
and licence, and a ``[meta]`` table. Users pass their own file with the same
keys; a file that cannot be read raises :class:`LexiconError` naming it.
"""

from __future__ import annotations

import tomllib
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

__all__ = ["LexiconError", "lexicon_path", "read_lexicon", "LEXICON_DIR"]

LEXICON_DIR = Path(str(resources.files("analysis") / "lexicons"))


class LexiconError(ValueError):
    """A lexicon file is missing, unreadable or malformed."""


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


@lru_cache(maxsize=64)
def _read(path: Path, mtime: float) -> dict[str, Any]:
    try:
        with path.open("rb") as handle:
            return tomllib.load(handle)
    except tomllib.TOMLDecodeError as exc:
        raise LexiconError(f"{path}: not valid TOML: {exc}") from None


def read_lexicon(name_or_path: str | Path, lexicon_dir: str | Path | None = None) -> dict[str, Any]:
    """Parse a lexicon file and return its tables; raises :class:`LexiconError`."""
    path = lexicon_path(name_or_path, lexicon_dir)
    try:
        mtime = path.stat().st_mtime
    except OSError as exc:
        raise LexiconError(f"{path}: cannot read lexicon: {exc.strerror}") from None
    if path.is_dir():
        raise LexiconError(f"{path}: is a folder, not a lexicon file")
    try:
        return _read(path.resolve(), mtime)
    except (OSError, UnicodeDecodeError) as exc:
        raise LexiconError(f"{path}: cannot read lexicon: {exc}") from None
