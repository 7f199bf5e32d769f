"""Cited outlets: news outlets and platforms an article names as its sources.

Pipeline step: areas (sourcing).
"""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd

from ..corpus import Corpus
from ..document import documents
from ..lexicon import lexicon_file
from .source_types import _source_type

OUTLET_COLUMNS = ["article", "start", "end", "text", "outlet", "how"]

_OUTLET_RE = re.compile(
    r"\b(?P<how>told|tells|telling|according to|wrote in|writing in|said in an interview with|"
    r"in an interview with|reported by|speaking to|spoke to|quoted by|cited by)\s+"
    r"(?P<outlet>(?:the\s+|The\s+)?(?:[A-Z][\w’'&-]*)(?:\s+(?:of\s+)?[A-Z][\w’'&-]*){0,4})"
)

_PLATFORM_RE = re.compile(
    r"\b(?P<how>(?:wrote|writes|posted|posts|said|says|announced|tweeted)\s+on)\s+(?P<outlet>Twitter|X|Facebook|Telegram|"
    r"Instagram|TikTok|YouTube|VKontakte|VK)\b"
)


def cited_outlets(corpus: Corpus | pd.DataFrame, *, lexicon_dir: str | Path | None = None) -> pd.DataFrame:
    """Media outlets and platforms an article cites, with the span and how ("told", "according to").

    An outlet is a capitalised name after a citing phrase that the source-type
    rules classify as media or social media ("told the Telegraph", "according to
    the Moscow Times", "wrote on Twitter").
    """
    rows = []
    types_file = lexicon_file("source_types", lexicon_dir)
    for doc in documents(corpus):
        art, index = doc.meta, doc.voice
        for pattern in (_OUTLET_RE, _PLATFORM_RE):
            for m in pattern.finditer(art.text):
                start, end = m.span("outlet")
                if index.is_excluded(start, end) or index.quote_at(start, end) is not None:
                    continue
                name = re.sub(r"^(?:the|The)\s+", "", m.group("outlet")).rstrip(".")
                kind = _source_type(name, None, types_file)
                if pattern is _OUTLET_RE and kind not in ("media", "social_media"):
                    continue
                end = start + len(m.group("outlet").rstrip("."))
                rows.append((art.article, start, end, art.text[start:end], name, " ".join(m.group("how").split())))
    table = pd.DataFrame(rows, columns=OUTLET_COLUMNS)
    return table.sort_values(["article", "start"], kind="stable").reset_index(drop=True)
