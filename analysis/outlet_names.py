"""The outlet lexicon (``outlets.toml``): news outlets, wires and platforms by name.

Two steps read it: cited outlets (:mod:`analysis.sourcing.outlets`), which finds the
outlets an article cites, and the lexicon matchers of terms and loaded language, in
which a word inside an outlet's name ("Censor" in "Censor.NET", "Crisis" in a
"Crisis Daily") is never a hit. What is built from the file is cached on its
:class:`~analysis.lexicon.LexiconFile`, so an edit takes effect on the next call.

Pipeline step: load (word lists read by every step that needs one).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from functools import lru_cache
from pathlib import Path
from typing import Any, NamedTuple

from .lexicon import LexiconFile, lexicon_file, read_lexicon
from .matching import Exclusion, match, normalise

__all__ = ["Outlet", "OutletLexicon", "load_outlets", "outlets_in", "name_exclusions", "core_name"]

_LEADING_THE = re.compile(r"^(?:the|The)\s+")


class Outlet(NamedTuple):
    """One outlet of the lexicon."""

    name: str  # as it publishes it ("The Moscow Times")
    kind: str  # wire, state, public, independent, commercial, platform, or "" when not given
    country: str
    as_subject: bool  # whether "NAME said" cites it (False for "Bloomberg", "Time")


class OutletLexicon(NamedTuple):
    """Outlets by every name they go by, and the phrases that cite them."""

    names: dict[str, Outlet]  # a name or alias without a leading "The" ("Moscow Times") → its outlet
    before: dict[str, str]  # cue phrase before a name, lower case ("according to") → its kind
    after: dict[str, str]  # cue phrase after a name ("reports") → its kind
    descriptors: tuple[str, ...]  # "newspaper", "news agency", ...
    credits: tuple[re.Pattern[str], ...]
    credit_words: int  # the longest line a credit can be, in words


def core_name(name: str) -> str:
    """The name without a leading "The": the part that must be in the text."""
    return _LEADING_THE.sub("", name.strip())


def load_outlets(lexicon_dir: str | Path | None = None) -> OutletLexicon:
    """Read ``outlets.toml`` (the user's in ``lexicon_dir`` first, else the shipped one).

    Raises:
        LexiconError: the file is missing, not TOML, or does not fit ``schemas/lexicons/outlets.schema.json``.
    """
    return outlets_in(lexicon_file("outlets", lexicon_dir))


@lru_cache(maxsize=8)
def outlets_in(file: LexiconFile) -> OutletLexicon:
    """The outlet lexicon in one file as it is on disk now (see :func:`load_outlets`)."""
    data = read_lexicon(file, kind="outlets")
    names: dict[str, Outlet] = {}
    for spec in data["outlets"]:
        outlet = Outlet(spec["name"], spec.get("kind", ""), spec.get("country", ""), spec.get("as_subject", True))
        for name in [spec["name"], *spec.get("aliases", [])]:
            names.setdefault(core_name(name), outlet)  # the first listing of a name wins
    before: dict[str, str] = {}
    after: dict[str, str] = {}
    for kind, spec in data["cues"].items():
        for phrase in spec.get("before", []):
            before.setdefault(" ".join(phrase.lower().split()), kind)
        for phrase in spec.get("after", []):
            after.setdefault(" ".join(phrase.lower().split()), kind)
    descriptors = tuple(" ".join(w.split()) for w in data.get("descriptors", {}).get("words", []))
    credits = data.get("credits", {})
    patterns = tuple(re.compile(p) for p in credits.get("patterns", []))
    return OutletLexicon(names, before, after, descriptors, patterns, int(credits.get("max_words", 12)))


def name_exclusions(outlets: OutletLexicon, automaton: Any, entries: Mapping[str, Any]) -> list[tuple[str, Any]]:
    """Exclusion entries for a lexicon automaton: the outlet names in which it finds a hit.

    Only those names go into the automaton, so it grows by a handful of entries, not by
    every outlet. Each matches case-sensitively (``Exclusion.exact``): "The Bell" is a name,
    "the bell" is not; where a name has the form of a lexicon entry ("Propaganda"), the
    entry (one of ``entries``, the automaton's forms and payloads) still counts elsewhere.
    """
    out = []
    for name in sorted(outlets.names):
        if match(name, automaton):
            form = normalise(name)
            out.append((form, Exclusion(name, exact=True, otherwise=entries.get(form))))
    return out
