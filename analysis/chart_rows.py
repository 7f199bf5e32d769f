"""Which rows a chart shows, and each chart's values per row.

A reader compares outlets: where several articles share an outlet, a chart shows
one row per outlet; otherwise one row per article, labelled as the reader knows
it (:func:`~analysis.labels.article_labels`). A corpus of any size gives at most
``top`` rows: the largest outlets (or longest articles) each get a row and the
rest are summed into one ("34 other articles"), so the same rows, in the same
order, appear in every chart.

Every function after :func:`chart_rows` turns a per-article result into a tidy
table with one row per chart row (first column ``outlet`` or ``article``, the
row's label, then ``articles``, how many articles it holds). Values are pooled,
never averaged: a rate is the row's summed count over its summed words, a share
its summed part over its summed whole, readability the formulas applied to the
row's summed counts, and tone the mean over all of the row's sentence parts.
Counts are given per article, so rows of different sizes compare. These
functions never draw; :mod:`analysis.plots` draws their tables as they are.

Pipeline step: tables (the rows a chart shows).
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from typing import NamedTuple

import pandas as pd

from .clean import REASONS
from .compare import _tokens
from .corpus import Corpus, articles_of, iter_articles
from .document import documents
from .labels import row_names
from .readability import READABILITY_COLUMNS, Counts, article_counts, scores
from .sourcing import KINDS, SOURCE_TYPES, STANCES
from .typed_tables import typed_frame
from .voice import VOICES

__all__ = [
    "ChartRows",
    "chart_rows",
    "DEFAULT_TOP",
    "lengths_by_row",
    "term_rates_by_row",
    "term_counts_by_row",
    "quote_counts_by_row",
    "speakers_by_row",
    "quoted_share_by_row",
    "loaded_rates_by_row",
    "readability_by_row",
    "tone_by_row",
    "reuse_by_row",
    "figures_by_row",
]

DEFAULT_TOP = 20
_DOMAINS = {"kind": KINDS, "speaker_type": SOURCE_TYPES, "stance": STANCES}


class ChartRows(NamedTuple):
    """The rows every chart of a corpus shows.

    ``articles`` has one row per article: ``article`` (id), ``row`` (the chart row's
    label), and its ``counted_words``, ``narrator_words`` and ``quoted_words``.
    """

    by: str  # "outlet" or "article": what one chart row stands for
    articles: pd.DataFrame
    order: tuple[str, ...]  # the row labels, top to bottom; the summed rest (if any) last
    other: str  # the label of the summed rest, "" when every outlet or article has its own row

    def sizes(self) -> dict[str, int]:
        """Row label → number of articles in it, in display order."""
        counts = Counter(self.articles["row"])
        return {row: counts[row] for row in self.order}

    def __repr__(self) -> str:
        articles = len(self.articles)
        if not articles:
            return "Charts: no article to show."
        noun = "outlet" if self.by == "outlet" else "article"
        shown = len(self.order) - bool(self.other)
        if not self.other:
            rows = f"one row per {noun} ({shown} {noun}{'s' if shown != 1 else ''}"
            return f"Charts: {rows}{f', {articles} articles' if self.by == 'outlet' else ''})."
        rest = self.sizes()[self.other]
        largest = "largest outlets" if self.by == "outlet" else "longest articles"
        return (f"Charts: one row for each of the {shown} {largest}, and “{self.other}” summed in one row "
                f"({rest} of {articles} articles).")


def chart_rows(corpus: Corpus | pd.DataFrame, *, by: str = "auto", top: int = DEFAULT_TOP) -> ChartRows:
    """The rows every chart of ``corpus`` shows: per outlet or per article, at most ``top`` of them.

    ``by="auto"`` gives one row per outlet when some outlet has two or more articles,
    else one row per article; ``"outlet"`` and ``"article"`` force either (per outlet, an
    article without an outlet is a row of its own; :func:`analysis.labels.row_names` decides).
    With more than ``top`` outlets or articles, the ``top - 1`` largest (most articles, then most counted
    words) keep their own row, in corpus order, and the rest are summed into a last one.

    Raises:
        ValueError: ``by`` is not one of "auto", "outlet", "article", or ``top`` is below 2.
    """
    if top < 2:
        raise ValueError(f"top={top}: a chart needs at least 2 rows (one of them may sum the rest)")
    articles = articles_of(corpus)
    ids = [str(a) for a in articles["article"]]
    by, groups = row_names(articles, by=by)
    words = [doc.words() for doc in documents(articles)]
    first_seen = {group: i for i, group in reversed(list(enumerate(groups)))}
    order = sorted(first_seen, key=first_seen.__getitem__)
    other = ""
    if len(order) > top:
        size: Counter[str] = Counter(groups)
        counted: Counter[str] = Counter()
        for group, w in zip(groups, words, strict=True):
            counted[group] += w.total
        kept = set(sorted(order, key=lambda g: (-size[g], -counted[g], first_seen[g]))[: top - 1])
        rest = [g for g in order if g not in kept]
        rest_articles = sum(size[g] for g in rest)
        other = (f"{len(rest)} other outlets" if by == "outlet"
                 else f"{rest_articles} other article{'s' if rest_articles != 1 else ''}")
        groups = [g if g in kept else other for g in groups]
        order = [g for g in order if g in kept] + [other]
    table = typed_frame(
        ((a, g, w.total, w.narrator, w.quoted) for a, g, w in zip(ids, groups, words, strict=True)),
        {"article": "str", "row": "str", "counted_words": "int64", "narrator_words": "int64",
         "quoted_words": "int64"},
    )
    return ChartRows(by, table, tuple(order), other)


# ------------------------------------------------------------------ helpers --

def _row_of(rows: ChartRows) -> dict[str, str]:
    return dict(zip(rows.articles["article"], rows.articles["row"], strict=True))


def _summed(rows: ChartRows, column: str) -> dict[str, int]:
    sums: Counter[str] = Counter()
    for row, n in zip(rows.articles["row"], rows.articles[column], strict=True):
        sums[str(row)] += int(n)
    return dict(sums)


def _sums_by_row(table: pd.DataFrame, rows: ChartRows, columns: list[str]) -> dict[str, list[float]]:
    """Row label → the sums of ``columns`` over the row's articles in ``table`` (one row per article)."""
    row_of = _row_of(rows)
    sums: dict[str, list[float]] = {}
    for article, *values in zip(table["article"], *(table[c] for c in columns), strict=True):
        total = sums.setdefault(row_of[str(article)], [0.0] * len(columns))
        for i, value in enumerate(values):
            total[i] += float(value)
    return sums


def _ratio(part: float, whole: float, scale: float = 1.0) -> float:
    return round(scale * part / whole, 4) if whole else 0.0


def _per_article(count: float, articles: int) -> float:
    return round(count / articles, 4) if articles else 0.0


_EMPTY: dict[str, object] = {"str": None, "int64": 0, "float64": math.nan}


def _frame(rows: ChartRows, records: list[tuple], columns: dict[str, str]) -> pd.DataFrame:
    """A per-row table whose first two columns are the row label (named ``rows.by``) and ``articles``.

    Records come in chart-row order, and every chart row has at least one: a row with nothing
    to show (no speaker, no figure) gets one with empty values and zero counts, so a chart
    still shows the row and an empty table always means an empty corpus.
    """
    position = {row: i for i, row in enumerate(rows.order)}
    present = {record[0] for record in records}
    sizes = rows.sizes()
    filler = tuple(_EMPTY[dtype] for dtype in columns.values())
    records = records + [(row, sizes[row], *filler) for row in rows.order if row not in present]
    records.sort(key=lambda record: position[record[0]])  # stable: each row's own order is kept
    return typed_frame(records, {rows.by: "str", "articles": "int64", **columns})


# ------------------------------------------------------------------ per chart --

def lengths_by_row(overview: pd.DataFrame, rows: ChartRows) -> pd.DataFrame:
    """Counted and excluded words (by reason) per article of each row, from :func:`~analysis.overview_table`."""
    columns = ["counted_words", *(f"excluded_{reason}_words" for reason in REASONS)]
    sums = _sums_by_row(overview, rows, columns)
    records = [(row, articles, *(_per_article(total, articles) for total in sums.get(row, [0.0] * len(columns))))
               for row, articles in rows.sizes().items()]
    return _frame(rows, records, dict.fromkeys(columns, "float64"))


def term_rates_by_row(rates: pd.DataFrame, rows: ChartRows) -> pd.DataFrame:
    """:func:`~analysis.term_rates` per row: each row's summed hits over its summed words.

    ``per_1k`` divides by the row's words of that voice, ``per_1k_total`` by all its counted words.
    """
    row_of = _row_of(rows)
    counted = _summed(rows, "counted_words")
    sums: dict[tuple[str, str, str], list[int]] = defaultdict(lambda: [0, 0])
    for article, family, voice, count, words in zip(rates["article"], rates["family"], rates["voice"],
                                                    rates["count"], rates["voice_words"], strict=True):
        total = sums[(row_of[str(article)], str(family), str(voice))]
        total[0] += int(count)
        total[1] += int(words)
    families = list(dict.fromkeys(str(f) for f in rates["family"]))
    records = []
    for row, articles in rows.sizes().items():
        for family in families:
            for voice in (*VOICES, "all"):
                count, words = sums.get((row, family, voice), (0, 0))
                records.append((row, articles, family, voice, count, words, _ratio(count, words, 1000),
                                _ratio(count, counted.get(row, 0), 1000)))
    return _frame(rows, records, {"family": "str", "voice": "str", "count": "int64", "voice_words": "int64",
                                  "per_1k": "float64", "per_1k_total": "float64"})


def term_counts_by_row(hits: pd.DataFrame, rows: ChartRows, *, terms: list[str]) -> pd.DataFrame:
    """How often each of ``terms`` (any case) occurs in each row, by voice, and per article."""
    row_of = _row_of(rows)
    counts = Counter(zip(hits["article"].map(row_of), hits["term"].str.lower(), hits["voice"], strict=True))
    records = []
    for row, articles in rows.sizes().items():
        for term in terms:
            for voice in VOICES:
                count = counts[(row, term.lower(), voice)]
                records.append((row, articles, term, voice, count, _per_article(count, articles)))
    return _frame(rows, records, {"term": "str", "voice": "str", "count": "int64", "per_article": "float64"})


def quote_counts_by_row(quotes: pd.DataFrame, rows: ChartRows, *, column: str) -> pd.DataFrame:
    """Quotations of each value of ``column`` (e.g. ``kind``, ``speaker_type``, ``stance``) per row,
    in all and per article. Every kind, source type and stance is listed, also at zero; empty
    values are not counted."""
    row_of = _row_of(rows)
    known = quotes[quotes[column].notna()]
    values = list(dict.fromkeys([*_DOMAINS.get(column, ()), *(str(v) for v in known[column])]))
    counts = Counter(zip(known["article"].map(row_of), known[column].astype(str), strict=True))
    records = [(row, articles, value, counts[(row, value)], _per_article(counts[(row, value)], articles))
               for row, articles in rows.sizes().items() for value in values]
    return _frame(rows, records, {column: "str", "count": "int64", "per_article": "float64"})


def speakers_by_row(speakers: pd.DataFrame, rows: ChartRows, *, top: int = 15) -> pd.DataFrame:
    """Quotations of each of the ``top`` most quoted speakers (from :func:`~analysis.speaker_table`) per row,
    in all and per article."""
    shown = speakers.head(top)
    members: dict[str, list[str]] = defaultdict(list)
    for article, row in _row_of(rows).items():
        if article in shown.columns:
            members[row].append(article)
    records = []
    for row, articles in rows.sizes().items():
        quoted = shown[members[row]].sum(axis=1) if members[row] else pd.Series(0, index=shown.index)
        for speaker, kind, n in zip(shown["speaker"], shown["speaker_type"], quoted, strict=True):
            records.append((row, articles, str(speaker), str(kind), int(n), _per_article(int(n), articles)))
    return _frame(rows, records, {"speaker": "str", "speaker_type": "str", "quotations": "int64",
                                  "per_article": "float64"})


def quoted_share_by_row(rows: ChartRows) -> pd.DataFrame:
    """Share of each row's counted words inside sourced quotations (0–1), from summed words."""
    counted, quoted = _summed(rows, "counted_words"), _summed(rows, "quoted_words")
    records = [(row, articles, counted.get(row, 0), quoted.get(row, 0), _ratio(quoted.get(row, 0), counted.get(row, 0)))
               for row, articles in rows.sizes().items()]
    return _frame(rows, records, {"counted_words": "int64", "quoted_words": "int64", "quoted_share": "float64"})


def loaded_rates_by_row(loaded: pd.DataFrame, rows: ChartRows) -> pd.DataFrame:
    """:func:`~analysis.loaded_metrics` rates per row: loaded spans per 1,000 words of each voice."""
    sums = _sums_by_row(loaded, rows, ["loaded.narrator", "loaded.quoted"])
    words = {voice: _summed(rows, f"{voice}_words") for voice in ("narrator", "quoted")}
    records = []
    for row, articles in rows.sizes().items():
        narrator, quoted = (int(n) for n in sums.get(row, [0, 0]))
        n_words, q_words = words["narrator"].get(row, 0), words["quoted"].get(row, 0)
        records.append((row, articles, narrator, quoted, n_words, q_words, _ratio(narrator, n_words, 1000),
                        _ratio(quoted, q_words, 1000)))
    return _frame(rows, records, {"loaded.narrator": "int64", "loaded.quoted": "int64", "narrator_words": "int64",
                                  "quoted_words": "int64", "loaded.narrator_per_1k": "float64",
                                  "loaded.quoted_per_1k": "float64"})


def readability_by_row(corpus: Corpus | pd.DataFrame, rows: ChartRows) -> pd.DataFrame:
    """The readability formulas per row and voice, from the row's summed counts.

    Columns are named as in :func:`~analysis.metrics_table` (``readability.flesch_reading_ease``,
    ``readability.narrator_…``, ``readability.quoted_…``); a one-article row equals its article's values.
    """
    row_of = _row_of(rows)
    voices = {"all": "", "narrator": "narrator_", "quoted": "quoted_"}
    sums: dict[tuple[str, str], Counts] = defaultdict(Counts)
    for doc in documents(corpus):
        for voice, counts in article_counts(doc).items():
            sums[(row_of[doc.article], voice)] += counts
    columns: dict[str, str] = {}
    for prefix in voices.values():
        for name in READABILITY_COLUMNS:
            columns[f"readability.{prefix}{name}"] = "int64" if name in ("words", "sentences") else "float64"
    records = []
    for row, articles in rows.sizes().items():
        values: list[float | int] = []
        for voice in voices:
            counts = sums[(row, voice)]
            formulas = scores(counts)
            values += [round(formulas[name], 4) for name in READABILITY_COLUMNS[:5]]
            values += [counts.words, counts.sentences]
        records.append((row, articles, *values))
    return _frame(rows, records, columns)


def tone_by_row(metrics: pd.DataFrame, rows: ChartRows) -> pd.DataFrame:
    """Mean tone per row and voice over all the row's sentence parts (each article's mean weighted by
    its sentence parts), from the ``tone.*`` columns of :func:`~analysis.metrics_table`."""
    row_of = _row_of(rows)
    totals: dict[tuple[str, str], list[float]] = defaultdict(lambda: [0.0, 0.0])
    for voice in ("narrator", "quoted"):
        for article, mean, n in zip(metrics["article"], metrics[f"tone.{voice}_mean"],
                                    metrics[f"tone.{voice}_sentences"], strict=True):
            total = totals[(row_of[str(article)], voice)]
            total[0] += float(mean) * int(n)
            total[1] += int(n)
    records = []
    for row, articles in rows.sizes().items():
        narrator, quoted = totals[(row, "narrator")], totals[(row, "quoted")]
        records.append((row, articles, _ratio(narrator[0], narrator[1]), int(narrator[1]),
                        _ratio(quoted[0], quoted[1]), int(quoted[1]),
                        _ratio(narrator[0] + quoted[0], narrator[1] + quoted[1])))
    return _frame(rows, records, {"tone.narrator_mean": "float64", "tone.narrator_sentences": "int64",
                                  "tone.quoted_mean": "float64", "tone.quoted_sentences": "int64",
                                  "tone.mean": "float64"})


def reuse_by_row(passages: pd.DataFrame, corpus: Corpus | pd.DataFrame, rows: ChartRows) -> pd.DataFrame:
    """Share of each row's words (0–1) found again in an article of each row (``found_in``).

    As :func:`~analysis.reuse_matrix`, pooled over rows: the row's words covered by a passage
    shared with an article of ``found_in``, over all the row's words. Where a row meets itself,
    that is text repeated within an article or shared by two articles of the row.
    """
    row_of = _row_of(rows)
    docs = {a.article: _tokens(a.article, a.text, a.excluded) for a in iter_articles(corpus)}
    covered: dict[tuple[str, str], set[int]] = defaultdict(set)
    columns = [passages[c].tolist() for c in ("article", "other_article", "start", "end", "other_start", "other_end")]
    for a, b, start_a, end_a, start_b, end_b in zip(*columns, strict=True):
        for mine, other, start, end in ((str(a), str(b), int(start_a), int(end_a)),
                                        (str(b), str(a), int(start_b), int(end_b))):
            covered[(mine, row_of[other])].update(i for i, s in enumerate(docs[mine].starts) if start <= s < end)
    words: Counter[str] = Counter()
    found: Counter[tuple[str, str]] = Counter()
    for article, doc in docs.items():
        words[row_of[article]] += sum(not w.startswith("\x00") for w in doc.words)  # sentinels are not words
    for (article, other_row), positions in covered.items():
        found[(row_of[article], other_row)] += len(positions)
    sizes = rows.sizes()
    records = [(row, sizes[row], found_in, _ratio(found[(row, found_in)], words[row]))
               for row in rows.order for found_in in rows.order]
    return _frame(rows, records, {"found_in": "str", "share": "float64"})


def figures_by_row(claims: pd.DataFrame, rows: ChartRows, *, quantities: int = 6) -> pd.DataFrame:
    """The distinct figures each row states for each quantity (value and the range a qualifier allows),
    with how many of its claims state it; from :func:`~analysis.numeric_claims` (or a filter of it).

    Only the ``quantities`` quantities stated by the most rows are kept (then by name).
    """
    row_of = _row_of(rows)
    reporting = claims.assign(row=claims["article"].map(row_of)).groupby("quantity")["row"].nunique()
    kept = set(sorted(reporting.index, key=lambda q: (-int(reporting[q]), str(q)))[:quantities])
    claims = claims[claims["quantity"].isin(kept)]
    tally: Counter[tuple[str, str, float, float | None, float | None]] = Counter()
    for article, quantity, value, low, high in zip(claims["article"], claims["quantity"], claims["value"],
                                                   claims["low"], claims["high"], strict=True):
        tally[(row_of[str(article)], str(quantity), float(value), _bound(low), _bound(high))] += 1
    sizes = rows.sizes()
    position = {row: i for i, row in enumerate(rows.order)}
    keys = sorted(tally, key=lambda k: (k[1], position[k[0]], k[2], _sortable(k[3]), _sortable(k[4])))
    records = [(row, sizes[row], quantity, value, low, high, tally[(row, quantity, value, low, high)])
               for row, quantity, value, low, high in keys]
    return _frame(rows, records, {"quantity": "str", "value": "float64", "low": "float64", "high": "float64",
                                  "claims": "int64"})


def _bound(value: object) -> float | None:
    """A range bound, None where it is open (NaN would never equal itself as a key)."""
    number = float(value)  # type: ignore[arg-type]
    return None if math.isnan(number) else number


def _sortable(bound: float | None) -> float:
    return math.inf if bound is None else bound
