"""Cross-article comparison: reused passages and name variants, each with offsets.

**Reuse.** Every article's words (outside boilerplate, captions, datelines and
headlines; a paragraph marked as a repeat is kept, so repeats can be found) are cut
into overlapping five-word shingles. An inverted index finds the shingles two places
share; runs of shared shingles on the same alignment, allowing gaps of a few words,
become aligned passages. The work grows with the number of shared shingles, not with
the number of article pairs; a shingle found in more than ``max_postings`` places is
a stock phrase and is skipped. rapidfuzz scores each passage pair's similarity.

**Name variants.** Person names across the corpus are clustered: surnames that
rapidfuzz finds at least 85 similar after transliteration folding ("Xenia"/"Ksenia",
"Dmitrii"/"Dmitry"), first names that agree where both are given, and a surname alone
("Palyuga", or a patronymic-last "Evgenievich") joined to the one cluster it fits.
Two people who share a surname stay apart.

References:
    Smith, D. A. et al. (2013). Infectious texts: modeling text reuse in
    nineteenth-century newspapers. IEEE Big Data.
"""

from __future__ import annotations

import re
from collections import defaultdict
from typing import NamedTuple

import pandas as pd
from rapidfuzz import fuzz

from .corpus import Corpus, iter_articles
from .segment import WORD_RE

__all__ = [
    "REUSE_COLUMNS",
    "VARIANT_COLUMNS",
    "reused_passages",
    "reuse_matrix",
    "name_variants",
    "comparison_records",
]

REUSE_COLUMNS = [
    "article",
    "start",
    "end",
    "text",
    "other_article",
    "other_start",
    "other_end",
    "other_text",
    "words",
    "similarity",
]
VARIANT_COLUMNS = ["cluster", "variant", "article", "start", "end", "text"]
_SHINGLE = 5
_KEEP_REGIONS = {"repeated"}  # excluded from metrics, but a repeat is exactly what reuse looks for


class _Tokens(NamedTuple):
    article: str
    text: str
    words: list[str]
    starts: list[int]
    ends: list[int]


def _tokens(article: str, text: str, excluded: tuple) -> _Tokens:
    skip = sorted((r.start, r.end) for r in excluded if r.reason not in _KEEP_REGIONS)
    words: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    j = 0
    skipped = False
    for m in WORD_RE.finditer(text):
        while j < len(skip) and skip[j][1] <= m.start():
            j += 1
        if j < len(skip) and skip[j][0] <= m.start() < skip[j][1]:
            skipped = True
            continue
        if skipped and words:  # a passage never runs across an excluded region
            words.append(f"\x00{len(words)}")
            starts.append(m.start())
            ends.append(m.start())
        skipped = False
        words.append(m.group().lower().replace("’", "'"))
        starts.append(m.start())
        ends.append(m.end())
    return _Tokens(article, text, words, starts, ends)


def reused_passages(
    corpus: Corpus | pd.DataFrame,
    *,
    min_words: int = 8,
    max_gap: int = 3,
    max_postings: int = 50,
) -> pd.DataFrame:
    """Aligned passages shared between articles, or repeated within one.

    Args:
        min_words: shortest passage reported, in words of the first side.
        max_gap: words that may differ inside a passage (edits, a changed word).
        max_postings: shingles found in more places than this are stock phrases.

    Returns:
        A DataFrame with ``REUSE_COLUMNS``; both sides' ``text`` equal their source slices.
    """
    docs = [_tokens(a.article, a.text, a.excluded) for a in iter_articles(corpus)]
    index: dict[tuple[str, ...], list[tuple[int, int]]] = defaultdict(list)
    for d, doc in enumerate(docs):
        w = doc.words
        for i in range(len(w) - _SHINGLE + 1):
            index[tuple(w[i : i + _SHINGLE])].append((d, i))
    seeds: dict[tuple[int, int], list[tuple[int, int]]] = defaultdict(list)
    for postings in index.values():
        if len(postings) < 2 or len(postings) > max_postings:
            continue
        for x in range(len(postings)):
            for y in range(x + 1, len(postings)):
                (da, ia), (db, ib) = postings[x], postings[y]
                if da == db and abs(ia - ib) < _SHINGLE:
                    continue  # overlapping copies of the same words
                seeds[(da, db)].append((ia, ib))
    rows = []
    for (da, db), pairs in sorted(seeds.items()):
        for ia0, ia1, ib0, ib1 in _runs(sorted(set(pairs)), max_gap):
            a, b = docs[da], docs[db]
            end_a, end_b = ia1 + _SHINGLE - 1, ib1 + _SHINGLE - 1
            if end_a - ia0 + 1 < min_words:
                continue
            sa, ea = a.starts[ia0], a.ends[end_a]
            sb, eb = b.starts[ib0], b.ends[end_b]
            similarity = round(
                fuzz.ratio(" ".join(a.words[ia0 : end_a + 1]), " ".join(b.words[ib0 : end_b + 1])) / 100, 4
            )
            rows.append(
                (a.article, sa, ea, a.text[sa:ea], b.article, sb, eb, b.text[sb:eb], end_a - ia0 + 1, similarity)
            )
    return pd.DataFrame(rows, columns=REUSE_COLUMNS)


def _runs(pairs: list[tuple[int, int]], max_gap: int) -> list[tuple[int, int, int, int]]:
    """Chain shingle matches that keep roughly the same alignment into passages."""
    runs: list[list[int]] = []  # [a_start, a_last, b_start, b_last]
    for ia, ib in sorted(pairs):
        for run in reversed(runs[-8:]):
            # Steps between shingle starts; a changed word breaks five shingles but leaves a 1-word gap.
            step_a, step_b = ia - run[1], ib - run[3]
            if (
                0 < step_a <= _SHINGLE + max_gap
                and 0 < step_b <= _SHINGLE + max_gap
                and abs(step_a - step_b) <= max_gap
            ):
                run[1], run[3] = ia, ib
                break
        else:
            runs.append([ia, ia, ib, ib])
    return [tuple(r) for r in runs]  # type: ignore[misc]


def reuse_matrix(passages: pd.DataFrame, corpus: Corpus | pd.DataFrame) -> pd.DataFrame:
    """Share of each article's words (rows) that recur in another article (columns), 0–1.

    The diagonal is the share repeated within the article itself.
    """
    docs = {a.article: _tokens(a.article, a.text, a.excluded) for a in iter_articles(corpus)}
    names = list(docs)
    covered: dict[tuple[str, str], set[int]] = defaultdict(set)
    columns = [passages[c].tolist() for c in ("article", "other_article", "start", "end", "other_start", "other_end")]
    for a, b, start_a, end_a, start_b, end_b in zip(*columns, strict=True):
        for mine, other, start, end in (
            (str(a), str(b), int(start_a), int(end_a)),
            (str(b), str(a), int(start_b), int(end_b)),
        ):
            doc = docs[mine]
            covered[(mine, other)].update(i for i, s in enumerate(doc.starts) if start <= s < end)
    grid = pd.DataFrame(0.0, index=pd.Index(names, name="article"), columns=names)
    for (mine, other), words in covered.items():
        total = sum(not w.startswith("\x00") for w in docs[mine].words)  # sentinels are not words
        grid.loc[mine, other] = round(len(words) / total, 4) if total else 0.0
    return grid


# ------------------------------------------------------------------ names --

_FOLD = [
    ("x", "ks"),
    ("kh", "h"),
    ("yo", "e"),
    ("ye", "e"),
    ("yu", "iu"),
    ("ya", "ia"),
    ("iy", "y"),
    ("ii", "y"),
    ("j", "y"),
    ("w", "v"),
    ("ph", "f"),
]
_PERSON_RE = re.compile(r"\b[A-Z][a-zà-ÿ][\w’'-]*(?:[ \t]+[A-Z][a-zà-ÿ][\w’'-]*){0,2}\b")


def _fold(name: str) -> str:
    """Spelling-folded lower case, so transliterations compare equal ("Xenia" ~ "Ksenia")."""
    out = name.lower()
    for a, b in _FOLD:
        out = out.replace(a, b)
    return out


def name_variants(corpus: Corpus | pd.DataFrame, *, threshold: float = 85.0) -> pd.DataFrame:
    """Person-name clusters across the corpus: canonical name, each variant, and every mention.

    Returns:
        A DataFrame with ``VARIANT_COLUMNS``, one row per mention, for clusters with
        more than one spelling only.
    """
    from .sourcing import _person_part, load_cue_lexicon

    titles = load_cue_lexicon().titles
    mentions: list[tuple[str, int, int, str]] = []
    for art in iter_articles(corpus):
        for m in _PERSON_RE.finditer(art.text):
            bare = re.sub(r"[’']s$", "", titles.sub("", m.group()))  # "President Putin’s" → "Putin"
            name = _person_part(bare) if bare else None
            if name:
                offset = m.start() + m.group().find(name)
                mentions.append((art.article, offset, offset + len(name), name))
    full_names = sorted({n for *_, n in mentions}, key=lambda n: (-sum(1 for *_, x in mentions if x == n), n))
    clusters: list[list[str]] = []
    for name in full_names:
        first, last = _fold(name.split()[0]), _fold(name.split()[-1])
        for cluster in clusters:
            head = cluster[0].split()
            same_last = fuzz.ratio(last, _fold(head[-1])) >= threshold
            same_first = fuzz.ratio(first, _fold(head[0])) >= threshold - 15
            if same_last and same_first:
                cluster.append(name)
                break
        else:
            clusters.append([name])
    # A single capitalised word that is one cluster's surname (or patronymic) joins it.
    surnames: dict[str, list[int]] = defaultdict(list)
    for c, cluster in enumerate(clusters):
        for name in cluster:
            surnames[_fold(name.split()[-1])].append(c)
    singles: list[tuple[str, int, int, str, int]] = []
    for art in iter_articles(corpus):
        for m in re.finditer(r"\b[A-Z][a-z][a-z-]{3,}\b", art.text):
            folded = _fold(m.group())
            owners = {c for key, cs in surnames.items() if fuzz.ratio(folded, key) >= threshold for c in cs}
            if len(owners) == 1 and not any(s <= m.start() < e for a, s, e, _ in mentions if a == art.article):
                singles.append((art.article, m.start(), m.end(), m.group(), owners.pop()))
    rows = []
    for c, cluster in enumerate(clusters):
        spellings = set(cluster) | {s[3] for s in singles if s[4] == c}
        if len(spellings) < 2:
            continue
        canonical = cluster[0]
        chosen = [(a, s, e, n) for a, s, e, n in mentions if n in cluster] + [s[:4] for s in singles if s[4] == c]
        for article, start, end, surface in sorted(chosen):
            rows.append((canonical, surface, article, start, end, surface))
    return pd.DataFrame(rows, columns=VARIANT_COLUMNS)


def comparison_records(corpus: Corpus | pd.DataFrame, *, min_words: int = 8) -> pd.DataFrame:
    """All findings as one table with a ``type`` column, for ``framing compare``."""
    reuse = reused_passages(corpus, min_words=min_words).assign(type="reuse")
    variants = name_variants(corpus).assign(type="variant")
    table = pd.concat([reuse, variants], ignore_index=True)[["type", *REUSE_COLUMNS, "cluster", "variant"]]
    integers = ["start", "end", "other_start", "other_end", "words"]
    return table.astype({column: "Int64" for column in integers})
