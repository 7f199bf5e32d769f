"""Sourcing roll-ups: speakers per article and outlet, kinds, source types and cue stances.

Pipeline step: areas (sourcing).
"""

from __future__ import annotations

from collections import Counter

import pandas as pd

from ..corpus import Corpus
from ..document import documents
from ..names import cluster_names, looks_like_person
from ..typed_tables import typed_frame
from .cues import STANCES
from .extraction import KINDS
from .settings import SETTINGS
from .source_types import SOURCE_TYPES


def merge_speaker_variants(quotes: pd.DataFrame, *, threshold: float = SETTINGS.name_similarity) -> dict[str, str]:
    """Map each speaker name to one canonical spelling across the corpus (see :mod:`analysis.names`).

    Person names cluster ("Xenia"/"Ksenia Torstrem"); descriptions ("the Kremlin") map to themselves.
    """
    counts = quotes["speaker"].dropna().value_counts()
    people = [(str(n), int(c)) for n, c in counts.items() if looks_like_person(str(n))]
    canonical = cluster_names(people, threshold)
    return {str(n): canonical.get(str(n), str(n)) for n in counts.index}


def speaker_table(quotes: pd.DataFrame) -> pd.DataFrame:
    """Per speaker across the corpus: quotations in each article (name variants merged)."""
    sourced = quotes[quotes["kind"] != "mention"].dropna(subset=["speaker"])
    if sourced.empty:
        return pd.DataFrame(columns=["speaker", "speaker_type", "articles", "quotes"])
    canonical = merge_speaker_variants(sourced)
    sourced = sourced.assign(speaker=sourced["speaker"].map(canonical))
    wide = sourced.groupby(["speaker", "article"]).size().unstack(fill_value=0)
    types = sourced.groupby("speaker")["speaker_type"].agg(lambda s: s.value_counts().index[0])
    table = pd.DataFrame(
        {
            "speaker": wide.index,
            "speaker_type": types.reindex(wide.index).values,
            "articles": (wide > 0).sum(axis=1).values,
            "quotes": wide.sum(axis=1).values,
        }
    )
    table = pd.concat([table.reset_index(drop=True), wide.reset_index(drop=True)], axis=1)
    return table.sort_values(["quotes", "speaker"], ascending=[False, True], kind="stable").reset_index(drop=True)


def sourcing_metrics(quotes: pd.DataFrame, corpus: Corpus | pd.DataFrame) -> pd.DataFrame:
    """``sourcing.*`` columns, one row per article (the README documents each)."""
    by_article: dict[str, list[tuple[object, ...]]] = {}
    columns = (quotes[name].tolist() for name in ("article", "kind", "speaker", "speaker_type", "stance"))
    for values in zip(*columns, strict=True):  # plain lists: iterating Arrow-backed columns costs per value
        by_article.setdefault(str(values[0]), []).append(values[1:])
    rows = []
    for doc in documents(corpus):
        art = doc.meta
        words = doc.words()
        mine = by_article.get(art.article, [])
        sourced = [q for q in mine if q[0] != "mention"]
        speakers = {q[1] for q in sourced if isinstance(q[1], str)}
        kinds = Counter(q[0] for q in mine)
        types = Counter(q[2] for q in sourced)
        stances = Counter(q[3] for q in sourced)
        row: dict[str, object] = {"article": art.article, "sourcing.quotes": len(sourced)}
        for kind in KINDS:
            row[f"sourcing.{kind}"] = kinds[kind]
        row["sourcing.named_sources"] = sum(any(w[:1].isupper() for w in s.split()) for s in speakers)
        row["sourcing.unattributed"] = sum(not isinstance(q[1], str) for q in sourced)
        row["sourcing.quoted_word_share"] = round(words.quoted / words.total, 4) if words.total else 0.0
        for kind in SOURCE_TYPES:
            row[f"sourcing.type_{kind}"] = types[kind]
        for stance in STANCES:
            row[f"sourcing.stance_{stance}"] = stances[stance]
        rows.append(row)
    return typed_frame(rows, _sourcing_metric_dtypes())


def _sourcing_metric_dtypes() -> dict[str, str]:
    """The ``sourcing.*`` columns in order, with their dtypes."""
    counts = ["quotes", *KINDS, "named_sources", "unattributed"]
    return {
        "article": "str",
        **{f"sourcing.{name}": "int64" for name in counts},
        "sourcing.quoted_word_share": "float64",
        **{f"sourcing.type_{kind}": "int64" for kind in SOURCE_TYPES},
        **{f"sourcing.stance_{stance}": "int64" for stance in STANCES},
    }


def sourcing_summary(quotes: pd.DataFrame, outlets: pd.DataFrame) -> dict[str, int]:
    """Named key figures for the sourcing notebook's summary file."""
    sourced = quotes[quotes["kind"] != "mention"]
    canonical = merge_speaker_variants(sourced) if len(sourced) else {}
    speakers = {canonical.get(s, s) for s in sourced["speaker"].dropna()}
    summary: dict[str, int] = {
        "quotations": len(sourced),
        "named_speakers": sum(any(w[:1].isupper() for w in s.split()) for s in speakers),
        "speakers": len(speakers),
        "unattributed": int(sourced["speaker"].isna().sum()),
        "cited_outlets": len(outlets),
    }
    for kind in KINDS:
        summary[kind] = int((quotes["kind"] == kind).sum())
    for stance in STANCES:
        summary[f"stance.{stance}"] = int((sourced["stance"] == stance).sum())
    for kind in SOURCE_TYPES:
        summary[f"type.{kind}"] = int((sourced["speaker_type"] == kind).sum())
    return dict(sorted(summary.items()))
