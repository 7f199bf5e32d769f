"""Text made safe to show on a terminal: control characters are written as escapes.

Ids, file names and article text come from the user's files. Shown raw, a
newline in an id could forge a second stderr line, and an ESC sequence in an
article could recolour or rewrite the terminal. Everything printed for people
(stderr lines, ``--format table``) goes through :func:`for_terminal`; data
outputs (jsonl, csv, parquet) keep the exact text.

Pipeline step: after the tables: the command line's output.
"""

from __future__ import annotations

__all__ = ["for_terminal"]

_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}
# C0 controls, DEL, C1 controls, the Unicode line and paragraph separators, and the bidi
# embeddings, overrides and isolates that can make a line read differently from its bytes.
_UNSAFE = [*range(0x00, 0x20), 0x7F, *range(0x80, 0xA0), 0x2028, 0x2029, *range(0x202A, 0x202F), *range(0x2066, 0x206A)]
_ESCAPES = str.maketrans(
    {code: _NAMED.get(chr(code)) or (f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}") for code in _UNSAFE}
)


def for_terminal(text: str) -> str:
    """``text`` with every control, line-separator and bidi-override character written as an escape.

    Examples:
        >>> for_terminal("a\\nb\\x1b[31m")
        'a\\\\nb\\\\x1b[31m'
    """
    return text.translate(_ESCAPES)
