"""What each article holds and what cleaning left out: the corpus overview.

Pipeline step: areas.
"""

from __future__ import annotations

import pandas as pd

from .clean import REASONS
from .corpus import Corpus
from .document import Document, documents

__all__ = [
    "overview_table", "overview_row", "excluded_table", "overview_summary", "OVERVIEW_COLUMNS", "EXCLUDED_COLUMNS",
]

OVERVIEW_COLUMNS = [
    "article",
    "outlet",
    "date",
    "dateline",
    "chars",
    "words",
    "counted_words",
    "excluded_words",
    *[f"excluded_{reason}_words" for reason in REASONS],
    "narrator_words",
    "quoted_words",
    "paragraphs",
    "sentences",
    "quotations",
]
EXCLUDED_COLUMNS = ["article", "start", "end", "reason", "words", "text"]


def overview_table(corpus: Corpus | pd.DataFrame) -> pd.DataFrame:
    """One row per article: size, what cleaning excluded (in words, by reason), voices.

    ``excluded_words`` counts each word once even where regions overlap; the
    per-reason columns may overlap each other.
    """
    return pd.DataFrame([overview_row(doc) for doc in documents(corpus)], columns=OVERVIEW_COLUMNS)


def overview_row(doc: Document) -> dict[str, object]:
    """The overview of one document (see :func:`overview_table`)."""
    art = doc.meta
    voice_words = doc.words()
    total = len(doc.word_starts)
    by_reason = {reason: 0 for reason in REASONS}
    for region in doc.excluded:
        by_reason[region.reason] += doc.count_words(region.start, region.end)
    return {
        "article": art.article,
        "outlet": art.outlet,
        "date": art.date,
        "dateline": art.dateline,
        "chars": len(doc.text),
        "words": total,
        "counted_words": voice_words.total,
        "excluded_words": total - voice_words.total,
        **{f"excluded_{r}_words": n for r, n in by_reason.items()},
        "narrator_words": voice_words.narrator,
        "quoted_words": voice_words.quoted,
        "paragraphs": len(doc.paragraphs),
        "sentences": len(doc.sentences),
        "quotations": sum(not s.short for s in doc.quote_spans),
    }


def excluded_table(corpus: Corpus | pd.DataFrame) -> pd.DataFrame:
    """Every excluded region, with its reason, size and text."""
    rows = [
        (doc.article, r.start, r.end, r.reason, doc.count_words(r.start, r.end), doc.text[r.start : r.end])
        for doc in documents(corpus)
        for r in doc.excluded
    ]
    return pd.DataFrame(rows, columns=EXCLUDED_COLUMNS)


def overview_summary(overview: pd.DataFrame, errors: pd.DataFrame) -> dict[str, int]:
    """Named key figures of the overview, for the notebook's summary file."""
    summary = {
        "articles": len(overview),
        "errors": len(errors),
        "words": int(overview["words"].sum()),
        "counted_words": int(overview["counted_words"].sum()),
        "excluded_words": int(overview["excluded_words"].sum()),
        "quoted_words": int(overview["quoted_words"].sum()),
        "quotations": int(overview["quotations"].sum()),
    }
    for reason in REASONS:
        summary[f"excluded_{reason}_words"] = int(overview[f"excluded_{reason}_words"].sum())
    return summary
