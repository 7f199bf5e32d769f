"""One line on each notebook page saying what the corpus held for that page's measure.

A page on a corpus with no analysable article, or where no article has a
quotation, a term hit, a loaded word or a figure, still completes; this line
says so in words, computed from the data, instead of leaving an empty table
for the reader to puzzle over.

Pipeline step: after the tables: notebook display.
"""

from __future__ import annotations

import html

import pandas as pd

from .corpus import Corpus, articles_of

__all__ = ["Notice", "coverage_notice"]


class Notice(str):
    """A sentence that notebooks display as a highlighted paragraph (and print as plain text)."""

    def _repr_html_(self) -> str:
        style = "padding:0.4em 0.8em;border-left:4px solid #0072B2;background:#F2F7FB"
        return f'<p style="{style}">{html.escape(self)}</p>'


def coverage_notice(
    corpus: Corpus | pd.DataFrame, found: pd.DataFrame | None = None, *, what: str, plural: str | None = None
) -> Notice:
    """Say how many ``what`` (e.g. "quotation"; ``plural`` defaults to it + "s") the corpus holds, and where.

    With no analysable article, it says so and points to the errors table (when ``corpus``
    is a :class:`Corpus`, the number of problems is given). With ``found`` None, it counts
    the articles measured.
    """
    articles = articles_of(corpus)
    total = len(articles)
    if total == 0:
        problems = len(corpus.errors) if isinstance(corpus, Corpus) else 0
        listed = f" {problems} problem{'s' if problems != 1 else ''} listed in the errors table." if problems else ""
        return Notice(f"Nothing to analyse: no article in this corpus could be read.{listed}")
    of_articles = f"{total} article{'s' if total != 1 else ''}"
    if found is None:
        return Notice(f"{of_articles} measured.")
    many = plural or f"{what}s"
    if found.empty:
        return Notice(f"No {many} in any of the {of_articles}." if total > 1 else f"No {many} in the one article.")
    having = found["article"].nunique()
    return Notice(f"{len(found)} {what if len(found) == 1 else many} in {having} of {of_articles}.")
