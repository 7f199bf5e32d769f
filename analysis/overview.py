"""What each article holds and what cleaning left out: the corpus overview."""

from __future__ import annotations

import pandas as pd

from .clean import REASONS
from .corpus import Corpus, iter_articles
from .quotations import quote_spans
from .segment import count_words, paragraphs, sentences
from .voice import voice_index

__all__ = ["overview_table", "excluded_table", "overview_summary", "OVERVIEW_COLUMNS", "EXCLUDED_COLUMNS"]

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
    rows = []
    for art in iter_articles(corpus):
        index = voice_index(art.text, art.excluded)
        voice_words = index.words()
        total = count_words(art.text)
        by_reason = {reason: 0 for reason in REASONS}
        for region in art.excluded:
            by_reason[region.reason] += count_words(art.text, region.start, region.end)
        rows.append(
            {
                "article": art.article,
                "outlet": art.outlet,
                "date": art.date,
                "dateline": art.dateline,
                "chars": len(art.text),
                "words": total,
                "counted_words": voice_words.total,
                "excluded_words": total - voice_words.total,
                **{f"excluded_{r}_words": n for r, n in by_reason.items()},
                "narrator_words": voice_words.narrator,
                "quoted_words": voice_words.quoted,
                "paragraphs": len(paragraphs(art.text)),
                "sentences": len(sentences(art.text)),
                "quotations": sum(not s.short for s in quote_spans(art.text)),
            }
        )
    return pd.DataFrame(rows, columns=OVERVIEW_COLUMNS)


def excluded_table(corpus: Corpus | pd.DataFrame) -> pd.DataFrame:
    """Every excluded region, with its reason, size and text."""
    rows = [
        (art.article, r.start, r.end, r.reason, count_words(art.text, r.start, r.end), art.text[r.start : r.end])
        for art in iter_articles(corpus)
        for r in art.excluded
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
