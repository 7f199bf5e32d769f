"""What charts, tables and captions call an article and a corpus.

A reader compares outlets, not file names: an article is labelled by its
``label`` column where the corpus gives one, else by ``outlet`` and ``date``,
else by a short form of its id. Labels are unique within a corpus. A corpus is
described by its name, article count, outlets and date range, so a chart's
source line names the data it was drawn from.

Pipeline step: tables (what rows and captions are called).
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pandas as pd

from .corpus import Corpus, articles_of

__all__ = ["article_labels", "row_names", "ROW_UNITS", "corpus_name", "corpus_description", "source_line", "SHORT_ID"]

#: Ids longer than this are shortened in labels ("000_8f6f3232b2e62415" → "000_8f6f32…").
SHORT_ID = 10


def _short(article: str) -> str:
    return article if len(article) <= SHORT_ID + 1 else article[:SHORT_ID] + "…"


def article_labels(corpus: Corpus | pd.DataFrame) -> dict[str, str]:
    """Article id → label: ``label``, else "outlet, date" (or the outlet alone), else the short id.

    Where two articles would share a label, each gets its short id after it
    ("Harbour Times, 2022-09-01 (gen0001)"), and short ids that collide give way to the
    full ids, so every label is unique.
    """
    articles = articles_of(corpus)
    ids = [str(a) for a in articles["article"]]

    def column(name: str) -> list[str]:
        return [str(v) if isinstance(v, str) else "" for v in articles[name]] if name in articles else [""] * len(ids)

    labels = []
    for article, label, outlet, date in zip(ids, column("label"), column("outlet"), column("date"), strict=True):
        if label.strip():
            labels.append(label.strip())
        elif outlet.strip():
            labels.append(f"{outlet.strip()}, {date.strip()}" if date.strip() else outlet.strip())
        else:
            labels.append(_short(article))
    counts = Counter(labels)

    def unique(article: str, label: str, tag: str) -> str:
        if counts[label] == 1:
            return label
        return article if label == _short(article) else f"{label} ({tag})"

    chosen = [unique(a, label, _short(a)) for a, label in zip(ids, labels, strict=True)]
    if len(set(chosen)) < len(chosen):  # short ids collide too: the full id tells them apart
        chosen = [unique(a, label, a) for a, label in zip(ids, labels, strict=True)]
    return dict(zip(ids, chosen, strict=True))


ROW_UNITS = ("auto", "outlet", "article")


def row_names(corpus: Corpus | pd.DataFrame, *, by: str = "auto") -> tuple[str, list[str]]:
    """How a corpus's articles group into the rows of its charts and its at-a-glance table.

    Returns the unit used (``"outlet"`` or ``"article"``) and each article's row name, in
    corpus order. ``by="auto"`` is ``"outlet"`` when some outlet has two or more articles.
    Per outlet, an article with no outlet is a row of its own, named by its label (with
    its short id added should that label be an outlet's name). Per article, the row is
    the article's label.

    Raises:
        ValueError: ``by`` is not one of ``ROW_UNITS``.
    """
    if by not in ROW_UNITS:
        raise ValueError(f"by={by!r}: choose one of {', '.join(map(repr, ROW_UNITS))}")
    articles = articles_of(corpus)
    ids = [str(a) for a in articles["article"]]
    outlets = ([o.strip() if isinstance(o, str) else "" for o in articles["outlet"]] if "outlet" in articles
               else [""] * len(ids))
    if by == "auto":
        by = "outlet" if any(n >= 2 for o, n in Counter(outlets).items() if o) else "article"
    labels = article_labels(articles)
    if by == "article":
        return by, [labels[a] for a in ids]
    named = set(outlets)
    return by, [outlet or (labels[a] if labels[a] not in named else f"{labels[a]} ({_short(a)})")
                for a, outlet in zip(ids, outlets, strict=True)]


def corpus_name(path: str | Path) -> str:
    """A corpus's name as a reader knows it: the folder or file name ("seeds", "coverage.jsonl")."""
    resolved = Path(path).resolve()
    return resolved.name or str(resolved)


def corpus_description(corpus: Corpus | pd.DataFrame, *, name: str) -> str:
    """"seeds: 5 articles, 1 outlet, 2022-09-12 to 2025-01-22" — what the data is, in one line."""
    articles = articles_of(corpus)
    parts = [f"{len(articles)} article{'s' if len(articles) != 1 else ''}"]
    outlets = {o for o in articles["outlet"] if isinstance(o, str) and o.strip()} if "outlet" in articles else set()
    if outlets:
        parts.append(f"{len(outlets)} outlet{'s' if len(outlets) != 1 else ''}")
    dates = sorted(d for d in articles["date"] if isinstance(d, str) and d.strip()) if "date" in articles else []
    if dates:
        parts.append(dates[0] if dates[0] == dates[-1] else f"{dates[0]} to {dates[-1]}")
    return f"{name}: {', '.join(parts)}"


def source_line(corpus: Corpus | pd.DataFrame, *, name: str) -> str:
    """The source line under every chart: "Framing Lens analysis of seeds (5 articles, …)"."""
    description = corpus_description(corpus, name=name)
    head, _, details = description.partition(": ")
    return f"Framing Lens analysis of {head} ({details})"
