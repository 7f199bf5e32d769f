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

**Figures.** Numbers are read with their qualifier ("more than 30" allows 31 and up) and
grouped into quantities (``quantities.toml``): what is counted *and* what happened to it, the
event word nearest the counted words in their clause ("seven deputies were summoned" →
``summoned``; "the appeal was signed by 10 deputies" → ``signatories``). Amounts of money keep
their currency ("$788" → ``fines (USD)``). Dates, times, ages, street numbers and years are
never counts. Two articles' figures conflict only within one quantity, when their ranges
cannot both hold (:func:`figure_conflicts`).

References:
    Smith, D. A. et al. (2013). Infectious texts: modeling text reuse in
    nineteenth-century newspapers. IEEE Big Data.

Pipeline step: areas (across articles: reads every document of the corpus).
"""

from __future__ import annotations

import math
import re
from bisect import bisect_left, bisect_right
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from functools import lru_cache
from typing import Any, NamedTuple

import pandas as pd
from rapidfuzz import fuzz

from .corpus import Corpus, iter_articles
from .document import documents
from .intervals import Ranges
from .names import (
    HONORIFICS,
    NameRules,
    SurnameBlocks,
    cluster_names,
    name_rules,
    name_span,
    person_name,
    person_part,
    use_person_name_rules,
)
from .readability import easy_words
from .segment import WORD_RE
from .typed_tables import typed_frame

__all__ = [
    "REUSE_COLUMNS",
    "VARIANT_COLUMNS",
    "reused_passages",
    "reuse_matrix",
    "reused_words",
    "REUSED_WORDS_COLUMNS",
    "name_variants",
    "comparison_records",
    "COMPARISON_COLUMNS",
    "COMPARISON_FIELDS",
    "numeric_claims",
    "figures_by_quantity",
    "figure_conflicts",
    "CONFLICT_COLUMNS",
    "metadata_anomalies",
    "comparison_summary",
    "FIGURE_COLUMNS",
    "ANOMALY_COLUMNS",
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


def _covered(passages: pd.DataFrame, docs: dict[str, _Tokens]) -> dict[tuple[str, str], set[int]]:
    """(article, other article) → the positions of the article's words found again in the other."""
    covered: dict[tuple[str, str], set[int]] = defaultdict(set)
    columns = [passages[c].tolist() for c in ("article", "other_article", "start", "end", "other_start", "other_end")]
    for a, b, start_a, end_a, start_b, end_b in zip(*columns, strict=True):
        for mine, other, start, end in (
            (str(a), str(b), int(start_a), int(end_a)),
            (str(b), str(a), int(start_b), int(end_b)),
        ):
            doc = docs[mine]  # its starts are non-decreasing: the words in text order
            span = range(bisect_left(doc.starts, start), bisect_left(doc.starts, end))
            covered[(mine, other)].update(i for i in span if not doc.words[i].startswith("\x00"))  # not sentinels
    return covered


def _word_count(doc: _Tokens) -> int:
    return sum(not w.startswith("\x00") for w in doc.words)  # sentinels are not words


def reuse_matrix(passages: pd.DataFrame, corpus: Corpus | pd.DataFrame) -> pd.DataFrame:
    """Share of each article's words (rows) that recur in another article (columns), 0–1.

    The diagonal is the share repeated within the article itself.
    """
    docs = {a.article: _tokens(a.article, a.text, a.excluded) for a in iter_articles(corpus)}
    names = list(docs)
    grid = pd.DataFrame(0.0, index=pd.Index(names, name="article"), columns=names)
    totals: dict[str, int] = {}  # counted once per article, not once per pair
    for (mine, other), words in _covered(passages, docs).items():
        if mine not in totals:
            totals[mine] = _word_count(docs[mine])
        total = totals[mine]
        grid.loc[mine, other] = round(len(words) / total, 4) if total else 0.0
    return grid


REUSED_WORDS_COLUMNS = ["article", "words", "reused_words"]


def reused_words(passages: pd.DataFrame, corpus: Corpus | pd.DataFrame) -> pd.DataFrame:
    """Per article: the words reuse compares, and how many of them recur in any *other* article.

    A word found again in several articles counts once; repeats within the article
    itself (the diagonal of :func:`reuse_matrix`) do not count. ``words`` is the
    denominator :func:`reuse_matrix` uses, so ``reused_words / words`` is the share of
    the article found elsewhere, 0–1.
    """
    docs = {a.article: _tokens(a.article, a.text, a.excluded) for a in iter_articles(corpus)}
    elsewhere: dict[str, set[int]] = defaultdict(set)
    for (mine, other), words in _covered(passages, docs).items():
        if mine != other:
            elsewhere[mine] |= words
    rows = [(name, _word_count(doc), len(elsewhere.get(name, ()))) for name, doc in docs.items()]
    return typed_frame(rows, {"article": "str", "words": "int64", "reused_words": "int64"})


# ------------------------------------------------------------------ names --

class _Mention(NamedTuple):
    """A name in an article: its normalised spelling and the source's own characters."""

    article: str
    start: int
    end: int
    name: str  # words joined by single spaces, for clustering
    text: str  # text[start:end], white space as the writer typed it


_PERSON_RE = re.compile(r"\b[A-Z][a-zà-ÿ][\w’'-]*(?:[ \t]+[A-Z][a-zà-ÿ][\w’'-]*){0,2}\b")
# "Hillary Clinton’s Policies" → "Hillary Clinton"; "Bernie Sanders’ plan" → "Bernie Sanders"
_POSSESSIVE_RE = re.compile(r"[’'](?:s\b|(?![\w])).*", re.DOTALL)
# A lower-case word standing between spaces, perhaps in brackets, quotes or before punctuation: not a
# piece of a web address, handle or file name ("/mitt-romney", "@hillary"), which are no evidence.
_LOWER_WORD_RE = re.compile(r"(?:^|(?<=\s))[(“\"‘']?([a-z]+(?:[-’'][a-z]+)*)[)”\"’',.;:!?]*(?=\s|$)", re.MULTILINE)
_SINGLE_RE = re.compile(r"\b[A-Z][a-z][a-z-]{3,}\b")
_CAPITALISED_RE = re.compile(r"(?<![\w’'-])[A-Z][a-z]+(?:-[A-Za-z]+)*")
_EVIDENCE = 5  # occurrences of a word, either case, before the corpus rather than Dale–Chall says if it is common


# A capitalised run after "in", "near", … ("in Saudi Arabia", "near Madrid"): where a place's name stands.
_PLACE_RUN_RE = re.compile(
    r"\b(?:in|near|across|outside|throughout|inside)[ \t]+(?:the[ \t]+)?"
    r"([A-Z][\w-]*(?:[ \t]+[A-Z][\w-]*){0,2})\b(?![’'])"
)


class _WordEvidence:
    """What the whole corpus says about capitalised words: common English, or a place's name.

    * common: a word the corpus writes in lower case at least half as often as capitalised
      ("Deputies", "Hearing" and "Still" start sentences, but the corpus writes "deputies",
      "hearing", "still" far more; "Trump", "Mitt" or "Pat" it writes capitalised), or a
      word with an -s whose stem is common ("Praises"); a hyphenated word whose last part
      is common ("Four-Kings", "Republican-controlled") too. A word seen fewer than
      ``_EVIDENCE`` times is judged by the Dale–Chall easy words instead;
    * place: a run, or the last word of a run, found after "in", "near", "across", … at
      least three times and in at least a tenth of its capitalised occurrences ("in France",
      "in Saudi Arabia", "in Los Angeles").
    """

    def __init__(self, texts: Iterable[str]) -> None:
        self.lower_case: Counter[str] = Counter()  # word → lower-case occurrences
        self.capitalised: Counter[str] = Counter()  # word → capitalised occurrences, by its lower case
        self.after_place_word: Counter[str] = Counter()
        for text in texts:
            self.lower_case.update(_LOWER_WORD_RE.findall(text))
            self.capitalised.update(word.lower() for word in _CAPITALISED_RE.findall(text))
            for run in _PLACE_RUN_RE.findall(text):
                words = run.split()  # the run, and its last word alone ("Los Angeles", "Angeles")
                self.after_place_word.update({" ".join(words), words[-1]})
        self._easy = easy_words()
        self._common: dict[str, bool] = {}

    def _mostly_lower_case(self, lower: str, capitalised: int) -> bool:
        seen = self.lower_case.get(lower, 0)
        if seen + capitalised < _EVIDENCE:
            return lower in self._easy
        return seen * 2 >= capitalised

    def is_common(self, word: str) -> bool:
        known = self._common.get(word)
        if known is None:
            lower = _POSSESSIVE_RE.sub("", word.lower().replace("’", "'")).strip("'")
            last = lower.rsplit("-", 1)[-1]
            capitalised = self.capitalised.get(last, 0)
            known = self._mostly_lower_case(last, capitalised) or (
                last.endswith("s") and self._mostly_lower_case(last[:-1], capitalised)  # "Praises"
            )
            self._common[word] = known
        return known

    def is_place(self, run: str, occurrences: int | None = None) -> bool:
        """``run`` (words with single spaces) names a place; ``occurrences`` defaults to its count as a lone word."""
        hits = self.after_place_word.get(run, 0)
        total = self.capitalised.get(run.lower(), 0) if occurrences is None else occurrences
        return hits >= 3 and hits * 10 >= total


def _initial_before(text: str, at: int, is_first_name: Callable[[str], bool]) -> int | None:
    """Where an initial ("D.") stands right before ``at`` ("D. Palyuga"), or None.

    A middle initial ("John F. Kennedy": a first name before it) and the end of an
    abbreviation ("U.S. Palyuga") are no initial of the word.
    """
    dot = at
    while dot > 0 and text[dot - 1] in " \t":
        dot -= 1
    initial = dot - 2
    if initial < 0 or text[dot - 1] != "." or not text[initial].isupper():
        return None
    if initial > 0 and (text[initial - 1].isalnum() or text[initial - 1] in ".’'-"):
        return None
    word_end = initial
    while word_end > 0 and text[word_end - 1] in " \t":
        word_end -= 1
    word_start = word_end
    while word_start > 0 and text[word_start - 1].isalpha():
        word_start -= 1
    before = text[word_start:word_end]
    if word_end < initial and before[:1].isupper() and is_first_name(before):
        return None  # "John F. Kennedy": a middle initial; but "Later D. Palyuga"
    return initial


def name_variants(
    corpus: Corpus | pd.DataFrame, *, threshold: float = 85.0, lexicon_dir: str | None = None
) -> pd.DataFrame:
    """Person-name clusters across the corpus: canonical name, each variant, and every mention.

    A capitalised run counts as a person's name only when :func:`analysis.names.person_name`
    finds one in it (a known first name, a title before it, or no common word: "Deputies" and
    headline phrases are no one). A surname alone ("Palyuga") or after an initial ("D. Palyuga")
    joins the one cluster it fits; a surname that is also a common word ("Stone") only when
    spelled exactly so and inside a sentence. ``lexicon_dir`` may hold your own
    ``name_variants.toml`` and ``first_names.toml``.

    Returns:
        A DataFrame with ``VARIANT_COLUMNS``, one row per mention, for clusters with
        more than one spelling only. ``cluster`` and ``variant`` are spellings (words with
        single spaces); ``text == source[start:end]``, white space as the writer typed it.
    """
    from .sourcing import load_cue_lexicon

    use_person_name_rules(lexicon_dir)
    rules = name_rules(lexicon_dir)
    titles = load_cue_lexicon().titles
    articles = list(iter_articles(corpus))
    evidence = _WordEvidence(art.text for art in articles)
    runs: list[tuple[str, int, int, str]] = []  # (article, start, end, the run's name part)
    titled: set[str] = set()  # name parts that stood after a title somewhere
    for art in articles:
        for m in _PERSON_RE.finditer(art.text):
            untitled = HONORIFICS.sub("", titles.sub("", m.group()))  # "Mr Clarke", "President Putin"
            bare = _POSSESSIVE_RE.sub("", untitled)  # "President Putin’s" → "Putin"
            part = person_part(bare) if bare else None
            name = HONORIFICS.sub("", part) if part else None  # "But Ms Jowell" → "Ms Jowell" → "Jowell"
            if name and " " in name:
                runs.append((art.article, m.start(), m.end(), name))
                if untitled != m.group() or name != part:
                    titled.add(name)
    run_counts = Counter(run[3] for run in runs)
    person_of: dict[str, str | None] = {}  # a run's name part → the person's name in it, if any
    for part, count in run_counts.items():
        name = person_name(part.split(), is_common=evidence.is_common, titled=part in titled, rules=rules)
        if name and (
            evidence.is_place(name, count)  # "Saudi Arabia"
            # "Atletico Madrid"; but "Elizabeth France", "Jack London"
            or (rules.given_name(name.split()[0]) is None and evidence.is_place(name.split()[-1]))
        ):
            name = None
        person_of[part] = name
    texts = {art.article: art.text for art in articles}
    mentions: list[_Mention] = []
    for article, start, end, part in runs:
        name = person_of[part]
        # The name is normalised ("Dmitry\tPalyuga" → "Dmitry Palyuga"); the span is the source's.
        span = name_span(texts[article], name, start, end) if name else None
        if name and span:
            mentions.append(_Mention(article, *span, name, texts[article][span[0] : span[1]]))
    counts = Counter(m.name for m in mentions)
    canonical = cluster_names(counts.items(), threshold, rules=rules)
    heads = dict.fromkeys(canonical[n] for n, _ in sorted(counts.items(), key=lambda nc: (-nc[1], nc[0])))
    members: dict[str, list[str]] = defaultdict(list)  # head → its other spellings
    for n, h in canonical.items():
        if n != h:
            members[h].append(n)
    clusters = [[head, *sorted(members[head])] for head in heads]
    singles = _lone_surnames(articles, mentions, clusters, evidence, rules, threshold)
    singles_of: dict[int, list[_Mention]] = defaultdict(list)
    for single, owner in singles:
        singles_of[owner].append(single)
    cluster_of = {n: c for c, cluster in enumerate(clusters) for n in cluster}
    mentions_of: dict[int, list[_Mention]] = defaultdict(list)
    for mention in mentions:
        mentions_of[cluster_of[mention.name]].append(mention)
    rows = []
    for c, cluster in enumerate(clusters):
        if len(set(cluster) | {single.name for single in singles_of[c]}) < 2:
            continue
        head = cluster[0]
        for mention in sorted(mentions_of[c] + singles_of[c]):
            rows.append((head, mention.name, mention.article, mention.start, mention.end, mention.text))
    rows.extend(_body_variants(corpus, rules=rules))
    return pd.DataFrame(rows, columns=VARIANT_COLUMNS)


def _lone_surnames(
    articles: list[Any],
    mentions: list[_Mention],
    clusters: list[list[str]],
    evidence: _WordEvidence,
    rules: NameRules,
    threshold: float,
) -> list[tuple[_Mention, int]]:
    """Surnames alone ("Palyuga") or after an initial ("D. Palyuga"), each with the one cluster it joins.

    A word fits a cluster whose surname (or patronymic) it equals after folding. A word
    that is not common and no first name may also be a misspelling in an article that
    names the person in full: at least ``threshold`` similar, with the same first two and
    last two letters ("Payuga" for "Palyuga"). A common word ("Cable", "Brook") or a word
    the corpus also uses as a first name ("Bruce") joins only in an article that names the
    person in full; a place's name ("France", "Madrid") never. After an initial
    ("D. Palyuga") only a cluster with a first name of that initial is a fit. A word that
    fits two clusters joins the one its article names in full, else neither. In an article
    that does not name the person in full, a word joins only someone named in full in at
    least two articles ("Islam" is not Mohammed Islam's, named once).
    """
    surnames: dict[str, list[int]] = defaultdict(list)  # folded surname → its clusters
    initials: dict[int, set[str]] = defaultdict(set)  # cluster → initials of its first names
    for c, cluster in enumerate(clusters):
        for name in cluster:
            surnames[rules.fold(name.split()[-1])].append(c)
            initials[c].add(name[0])
    blocks = SurnameBlocks()  # a word is only compared with the surnames sharing a blocking key
    for key in surnames:
        blocks.add(key)
    spans_by_article: dict[str, list[tuple[int, int]]] = defaultdict(list)
    cluster_of = {n: c for c, cluster in enumerate(clusters) for n in cluster}
    named_in: dict[str, set[int]] = defaultdict(set)  # article → the clusters it names in full
    first_words = set()  # words the corpus uses as a first name
    articles_of: dict[int, set[str]] = defaultdict(set)  # cluster → the articles naming it in full
    for mention in mentions:
        spans_by_article[mention.article].append((mention.start, mention.end))
        named_in[mention.article].add(cluster_of[mention.name])
        articles_of[cluster_of[mention.name]].add(mention.article)
        first_words.add(mention.name.split()[0])
    alike: dict[str, set[int]] = {}  # a folded word → the clusters whose surname it is alike

    def is_first_name(word: str) -> bool:
        return word in first_words or rules.given_name(word) is not None

    out: list[tuple[_Mention, int]] = []
    for art in articles:
        named = Ranges(spans_by_article.get(art.article, []))
        for m in _SINGLE_RE.finditer(art.text):
            if named.covers(m.start()):
                continue
            word = m.group()
            if word.endswith("-") or art.text.startswith("-", m.end()) or evidence.is_place(word):
                continue  # "Dodd-" of "Dodd-Frank"; "France"
            folded = rules.fold(word)
            owners = set(surnames.get(folded, ()))
            if evidence.is_common(word):  # "Cable": a surname, in an article naming the person in full
                owners &= named_in[art.article]
            elif word in first_words or rules.given_name(word) is not None:  # "Bruce": Steve Bruce or Bruce Lee
                owners &= named_in[art.article]
            elif not owners:
                if folded not in alike:
                    keys = (blocks.surnames[i] for i in blocks.candidates(folded))
                    alike[folded] = {
                        c
                        for key in keys
                        if key[:2] == folded[:2] and key[-2:] == folded[-2:] and fuzz.ratio(folded, key) >= threshold
                        for c in surnames[key]
                    }
                owners = alike[folded] & named_in[art.article]  # a misspelling, where the name is spelled out
            initial = _initial_before(art.text, m.start(), is_first_name)
            if initial is not None:  # "D. Palyuga": only a cluster with a first name of that initial
                owners = {c for c in owners if art.text[initial] in initials[c]}
            if len(owners) > 1:  # "Jones" where only "Ryan Jones" is named in full
                owners &= named_in[art.article]
            # Elsewhere only someone the corpus names in full in two articles: "Islam" is not Mohammed Islam's.
            owners = {c for c in owners if c in named_in[art.article] or len(articles_of[c]) >= 2}
            if len(owners) != 1:
                continue
            start = m.start() if initial is None else initial
            text = art.text[start : m.end()]
            out.append((_Mention(art.article, start, m.end(), _spelling(text), text), next(iter(owners))))
    return out


def _bodies(corpus: Corpus | pd.DataFrame) -> list[tuple[str, int, int, str, str, str]]:
    """Named bodies ("Smolninskoye council"): article, offsets, text, name, kind.

    The name is the word before the kind, possessive dropped ("Bush's administration" is
    "Bush"); a common word ("The district", "Her district") or an adjective made with one
    ("Orlando-based district") names no body.
    """
    out = []
    for d in documents(corpus):
        for m in _BODY_RE.finditer(d.text):
            name = _POSSESSIVE_RE.sub("", m.group(1))
            if _is_common_word(name) or d.voice.is_excluded(m.start(), m.end()):
                continue
            out.append((d.article, m.start(), m.end(), m.group(), name, m.group(3).lower()))
    return out


def _is_common_word(word: str) -> bool:
    """A Dale–Chall easy word, or a hyphenated word ending in one ("Orlando-based")."""
    easy = easy_words()
    lower = word.lower()
    return lower in easy or lower.rsplit("-", 1)[-1] in easy


def _spelling(text: str) -> str:
    """A label for a span: its words with single spaces ("Smolensk\tcouncil" → "Smolensk council")."""
    return " ".join(text.split())


def _body_clusters(
    bodies: list[tuple[str, int, int, str, str, str]], *, rules: NameRules | None = None
) -> dict[tuple[str, str], str]:
    """(kind, name) → the cluster's most frequent name, for names rapidfuzz finds alike (≥ 65)."""
    rules = rules or name_rules()
    counts = Counter((kind, name) for *_, name, kind in bodies)
    heads: list[tuple[str, str]] = []
    canonical: dict[tuple[str, str], str] = {}
    for (kind, name), _ in sorted(counts.items(), key=lambda kc: (-kc[1], kc[0])):
        head = next((h for h in heads if h[0] == kind and fuzz.ratio(rules.fold(h[1]), rules.fold(name)) >= 65), None)
        if head is None:
            heads.append((kind, name))
            head = (kind, name)
        canonical[(kind, name)] = head[1]
    return canonical


def _body_variants(corpus: Corpus | pd.DataFrame, *, rules: NameRules | None = None) -> list[tuple[Any, ...]]:
    """Rows of :func:`name_variants` for bodies named in different ways ("Smolensk regional council")."""
    bodies = _bodies(corpus)
    canonical = _body_clusters(bodies, rules=rules)
    names_per_cluster: dict[tuple[str, str], set[str]] = defaultdict(set)
    for *_, name, kind in bodies:
        names_per_cluster[(kind, canonical[(kind, name)])].add(name)
    first_text: dict[tuple[str, str], str] = {}  # (name, kind) → the text of its first mention
    for *_, t, n, k in bodies:
        first_text.setdefault((n, k), t)
    rows = []
    for article, start, end, text, name, kind in sorted(bodies):
        head = canonical[(kind, name)]
        if len(names_per_cluster[(kind, head)]) > 1:
            head_text = first_text[(head, kind)]
            # Labels are spellings, white space normalised; the span's text stays the source's own.
            rows.append((_spelling(head_text), _spelling(text), article, start, end, text))
    return rows


# Every column of ``comparison_records`` with its dtype: offsets stay integers (nullable,
# since each record type fills only its own columns), so csv and parquet never write 275.0.
_COMPARISON_DTYPES = {
    "type": "str", "article": "str", "start": "Int64", "end": "Int64", "text": "str",
    "other_article": "str", "other_start": "Int64", "other_end": "Int64", "other_text": "str",
    "words": "Int64", "similarity": "float64", "cluster": "str", "variant": "str",
    "value": "float64", "qualifier": "str", "low": "float64", "high": "float64", "noun": "str", "quantity": "str",
    "anomaly": "str", "detail": "str",
}
COMPARISON_COLUMNS = list(_COMPARISON_DTYPES)


def comparison_records(corpus: Corpus | pd.DataFrame, *, min_words: int = 8) -> pd.DataFrame:
    """All findings as one table with a ``type`` (reuse, variant, figure, anomaly), for ``framing compare``.

    Figures are the claims of quantities that two or more articles report.
    """
    claims = numeric_claims(corpus)
    shared = set(figures_by_quantity(claims)["quantity"])
    parts = [
        reused_passages(corpus, min_words=min_words).assign(type="reuse"),
        name_variants(corpus).assign(type="variant"),
        claims[claims["quantity"].isin(shared)].assign(type="figure"),
        metadata_anomalies(corpus, claims=claims).assign(type="anomaly"),
    ]
    found = [p for p in parts if len(p)]
    if not found:
        return typed_frame([], _COMPARISON_DTYPES)
    return pd.concat(found, ignore_index=True).reindex(columns=COMPARISON_COLUMNS).astype(_COMPARISON_DTYPES)


# ---------------------------------------------------------------- figures --

FIGURE_COLUMNS = ["article", "start", "end", "text", "value", "qualifier", "low", "high", "noun", "quantity"]
_NUMBER_WORDS = {
    w: n
    for n, w in enumerate(
        "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen "
        "seventeen eighteen nineteen twenty".split()
    )
} | {
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
    "hundred": 100,
    "dozen": 12,
}
_QUALIFIERS = {
    "more than": (1, None),
    "over": (1, None),
    "at least": (0, None),
    "nearly": (-0.2, 0.0),
    "almost": (-0.2, 0.0),
    "about": (-0.1, 0.1),
    "approximately": (-0.1, 0.1),
    "around": (-0.1, 0.1),
    "roughly": (-0.1, 0.1),
    "some": (-0.1, 0.1),
    "up to": (None, 0),
    "fewer than": (None, -1),
    "less than": (None, -1),
}
_NUMBER = r"\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?|" + "|".join(sorted(_NUMBER_WORDS, key=len, reverse=True))
_QUALIFIER = r"(?:(?P<qualifier>" + "|".join(sorted(_QUALIFIERS, key=len, reverse=True)) + r")\s+)?"
_QUALIFIER_BEFORE_RE = re.compile(
    r"(?<![\w-])(" + "|".join(sorted(_QUALIFIERS, key=len, reverse=True)) + r")[ \t]+$", re.IGNORECASE
)  # the qualifier that ends right before an amount: "more than $4m"
# A number that is part of a score, a ratio, a time or a range ("4-4", "9/4", "7:30", "19–65") or an
# ordinal ("7th") is never a figure.
_FIGURE_RE = re.compile(
    r"(?<![\w.,:/–-])" + _QUALIFIER + r"(?P<number>" + _NUMBER + r")(?!\d)(?![\w,.:/–-]\d)(?!(?:st|nd|rd|th)\b)"
    r"(?P<age>-year-old)?(?=(?P<rest>(?:[ \t]+[A-Za-z][\w’'-]*){0,3}))",
    re.IGNORECASE,
)
_AGE_RE = re.compile(r"(?<=[a-z]),\s+(?P<number>\d{2})(?=[,.](?!\d))")  # "Nikita Yuferev, 34," — an age after a name
_WORD_TOKEN_RE = re.compile(r"[A-Za-z][A-Za-z’'.-]*[A-Za-z]|[A-Za-z]")
_CLAUSE_MARKS = ";:()[]—–"  # punctuation that ends a clause (commas do not: "deputies from A, B and C signed")
_AFTER_TOKEN_RE = re.compile(r"[A-Za-z][A-Za-z’'.-]*[A-Za-z]|[A-Za-z]|,")  # words, and commas that end a clause
_RELATIVE_WORDS = frozenset({"who", "that", "which", "whom"})
_PRONOUNS = frozenset({"them", "those", "these", "whom", "us"})  # "five of them": the count goes on


def _number_value(raw: str) -> float | None:
    low = raw.lower().replace(",", "")
    if low in _NUMBER_WORDS:
        return float(_NUMBER_WORDS[low])
    try:
        return float(low)
    except ValueError:
        return None


def _quantity_rules(lexicon_dir: str | None = None) -> tuple[dict[str, dict], dict[str, dict]]:
    """Quantities and events from ``quantities.toml``, their words lower-cased as the text they are matched to."""
    rules = _rules(lexicon_dir)
    return rules.quantities, rules.anchors


class _Event(NamedTuple):
    """An event word or phrase of a quantity: its words (the last may be a prefix) and the quantity."""

    words: tuple[str, ...]
    prefix: bool
    quantity: str


class _Rules(NamedTuple):
    """Everything ``quantities.toml`` says, compiled once per version of the file."""

    quantities: dict[str, dict]  # name → its table, words lower-cased
    anchors: dict[str, dict]  # relative time anchors ([events])
    counted_nouns: frozenset[str]
    events_by_word: dict[str, list[_Event]]  # an event's first word → the events starting with it
    prefixed: tuple[_Event, ...]  # one-word events ending in "*"
    window: int
    clause_breaks: frozenset[str]
    auxiliaries: frozenset[str]
    money: tuple[re.Pattern[str], ...]
    currency_of: dict[str, str]  # a sign, word or code (lower-cased) → the currency's code
    multipliers: dict[str, float]  # a multiplier word or abbreviation (lower-cased) → its value
    multiplier_words: frozenset[str]  # the spelled-out ones, which also multiply counts
    months: frozenset[str]
    times: frozenset[str]
    ages_before: frozenset[str]
    ages_after: tuple[tuple[str, ...], ...]
    streets: frozenset[str]
    rates: tuple[str, ...]


def _rules(lexicon_dir: str | None = None) -> _Rules:
    from .lexicon import lexicon_file

    return _compile_rules(lexicon_file("quantities", lexicon_dir))


@lru_cache(maxsize=8)
def _compile_rules(file: Any) -> _Rules:
    from .lexicon import read_lexicon

    data = read_lexicon(file, kind="quantities")
    lowered = {"nouns", "context", "words", "events"}  # "Deputies" in the file must still count "deputies"
    quantities, anchors = (
        {name: {key: [w.lower() for w in value] if key in lowered else value for key, value in spec.items()}
         for name, spec in data.get(table, {}).items()}
        for table in ("quantities", "events")
    )
    vote_words = {"for", "against"}  # counted only as "seven for, three against" (see numeric_claims)
    counted = frozenset(n for q in quantities.values() for n in q.get("nouns", []) if n not in vote_words)
    by_word: dict[str, list[_Event]] = defaultdict(list)
    prefixed: list[_Event] = []
    for name, spec in quantities.items():
        for entry in spec.get("events", []):
            words = tuple(entry.split())
            prefix = words[-1].endswith("*")
            event = _Event(tuple(w.rstrip("*") for w in words), prefix, name)
            (prefixed if prefix and len(words) == 1 else by_word[event.words[0]]).append(event)
    settings = data.get("settings", {})
    currencies = data.get("currencies", {})
    currency_of: dict[str, str] = {}
    signs: dict[str, str] = {}
    for code, spec in currencies.items():
        currency_of[code.lower()] = code
        for word in spec.get("words", []):
            currency_of[" ".join(word.lower().split())] = code
        for sign in spec.get("signs", []):
            signs[sign] = code
            currency_of[sign.lower()] = code
    multipliers: dict[str, float] = {}
    words_only: set[str] = set()
    for word, spec in data.get("multipliers", {}).items():
        multipliers[word.lower()] = float(spec["value"])
        words_only.add(word.lower())
        for abbreviation in spec.get("abbreviations", []):
            multipliers[abbreviation.lower()] = float(spec["value"])
    not_counts = data.get("not_counts", {})
    ages = [a.lower() for a in not_counts.get("ages", [])]
    return _Rules(
        quantities=quantities,
        anchors=anchors,
        counted_nouns=counted,
        events_by_word=dict(by_word),
        prefixed=tuple(prefixed),
        window=int(settings.get("event_window", 8)),
        clause_breaks=frozenset(w.lower() for w in settings.get("clause_breaks", [])),
        auxiliaries=frozenset(w.lower() for w in settings.get("auxiliaries", [])),
        money=_money_patterns(signs, currency_of, multipliers, words_only),
        currency_of=currency_of,
        multipliers=multipliers,
        multiplier_words=frozenset(words_only),
        months=frozenset(m.lower() for m in not_counts.get("months", [])),
        times=frozenset(t.lower() for t in not_counts.get("times", [])),
        ages_before=frozenset(a for a in ages if " " not in a),
        ages_after=tuple(tuple(a.split()) for a in ages if a.startswith(("year", "years"))),
        streets=frozenset(s.lower() for s in not_counts.get("streets", [])),
        rates=tuple(" ".join(r.lower().split()) for r in not_counts.get("rates", [])),
    )


def _alternation(words: Any) -> str:
    """A regex alternation of the words, longest first, white space inside them flexible."""
    return "|".join(r"\s+".join(re.escape(p) for p in w.split()) if w.strip() else re.escape(w)
                    for w in sorted(set(words), key=lambda w: (-len(w), w)))


def _money_patterns(signs: dict[str, str], currency_of: dict[str, str], multipliers: dict[str, float],
                    words_only: set[str]) -> tuple[re.Pattern[str], ...]:
    """Amounts of money: sign or code first ("$788", "€5m", "USD 780"), or a currency word after ("780 dollars")."""
    if not currency_of:
        return ()
    abbreviations = _alternation(m for m in multipliers if m not in words_only) or r"(?!)"
    spelled = _alternation(words_only) or r"(?!)"
    digits = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
    scale = r"(?:(?P<abbreviation>" + abbreviations + r")\b|[ \t]+(?P<multiplier>" + spelled + r")\b)?"
    codes = [c.upper() for c in set(currency_of.values())]
    after = [w for w in currency_of if w not in {s.lower() for s in signs}]
    patterns = []  # no qualifier inside: an optional group tried at every position is slow; see _money_in
    if signs:
        patterns.append(r"(?<![\w$])(?P<sign>" + _alternation(signs) + r")[ \t]?(?P<number>" + digits
                        + r")(?![\d,.]\d)" + scale)
    patterns.append(r"\b(?P<code>(?-i:" + _alternation(codes) + r"))[ \t]?(?P<number>" + digits + r")(?![\d,.]\d)"
                    + scale)
    patterns.append(r"(?<![\w.,–-])(?P<number>" + digits + r")(?![\d,.]\d)" + scale + r"(?:[ \t]+|-)(?P<word>"
                    + _alternation(after) + r")\b")
    return tuple(re.compile(p, re.IGNORECASE) for p in patterns)


class _Money(NamedTuple):
    start: int
    end: int
    value: float
    qualifier: str
    code: str


def _money_in(text: str, rules: _Rules) -> list[_Money]:
    """Amounts of money in ``text``, in order, none overlapping (the longer of two that overlap)."""
    found: list[_Money] = []
    for pattern in rules.money:
        for m in pattern.finditer(text):
            value = _number_value(m.group("number"))
            groups = m.groupdict()
            key = groups.get("sign") or groups.get("code") or groups.get("word") or ""
            code = rules.currency_of.get(" ".join(key.lower().split()))
            if value is None or code is None:
                continue
            scale = m.group("abbreviation") or m.group("multiplier")
            if scale:
                value *= rules.multipliers[scale.lower()]
            qualifier = _QUALIFIER_BEFORE_RE.search(text, max(0, m.start() - 20), m.start())
            start = qualifier.start(1) if qualifier else m.start()
            found.append(_Money(start, m.end(), value, qualifier.group(1).lower() if qualifier else "", code))
    found.sort(key=lambda f: (f.start, -f.end))
    kept: list[_Money] = []
    for money in found:
        if not kept or money.start >= kept[-1].end:
            kept.append(money)
    return kept


def _clause(text: str, start: int, end: int, sentence: tuple[int, int], transparent: set[int]) -> tuple[int, int]:
    """The clause around ``text[start:end]``: its sentence, cut at ; : ( ) [ ] and dashes.

    A parenthesis at a position in ``transparent`` (one that only holds an amount of money, a
    conversion: "$1.1bn (£600m)") does not cut.
    """
    left, right = sentence
    for i in range(start - 1, left - 1, -1):
        if text[i] in _CLAUSE_MARKS and i not in transparent:
            left = i + 1
            break
    for i in range(end, right):
        if text[i] in _CLAUSE_MARKS and i not in transparent:
            right = i
            break
    return left, right


def _event_quantity(text: str, start: int, end: int, clause: tuple[int, int], allowed: set[str],
                    rules: _Rules, inner: str = "") -> str:
    """The quantity, among ``allowed``, whose event word is nearest the claim ``text[start:end]`` in its clause.

    Distance is counted in words; the counted words themselves (``inner``) are at distance 0,
    so "19 signatories" is its own event. A word after a relative pronoun that follows the
    claim ("deputies who signed …") counts only when nothing else does. On a tie the word
    after the claim wins, then the quantity listed first.
    """
    if not allowed:
        return ""
    window = rules.window
    before = [w.lower() for w in _WORD_TOKEN_RE.findall(text, clause[0], start)]
    for k in range(len(before) - 1, -1, -1):
        if before[k] in rules.clause_breaks:
            before = before[k + 1 :]
            break
    before = before[-window:]
    after: list[str] = []
    relative = [False, False]  # inside a relative clause after the claim; that clause has ended
    in_relative: list[bool] = []
    for m in _AFTER_TOKEN_RE.finditer(text, end, clause[1]):
        low = m.group().lower()
        if low == "," or (relative[0] and low in rules.auxiliaries):
            relative[1] = relative[0] or relative[1]  # "… who signed the appeal, said" / "… were summoned"
            relative[0] = False
        if low == ",":
            continue
        if low in rules.clause_breaks or len(after) >= window:
            break
        if low in _RELATIVE_WORDS and not after:
            relative[0] = True
        after.append(low)
        in_relative.append(relative[0])
    tokens = [*before, *(w.lower() for w in _WORD_TOKEN_RE.findall(inner)), *after]
    side = [(-(len(before) - i), 0) for i in range(len(before))]  # (distance as a negative number, side)
    side += [(0, 1)] * (len(tokens) - len(before) - len(after))
    side += [(i + 1 + (window if in_relative[i] else 0), 2) for i in range(len(after))]
    order = {name: i for i, name in enumerate(rules.quantities)}
    best: tuple[int, int, int] | None = None
    best_quantity = ""
    for i, word in enumerate(tokens):
        events = [e for e in rules.events_by_word.get(word, ()) if e.quantity in allowed]
        events += [e for e in rules.prefixed if e.quantity in allowed and word.startswith(e.words[0])]
        for event in events:
            n = len(event.words)
            span = tokens[i : i + n]
            if len(span) < n or side[i][1] != side[i + n - 1][1]:
                continue  # runs past the window, or across the claim
            if any(a != b for a, b in zip(span[:-1], event.words[:-1], strict=True)):
                continue
            last = span[-1]
            if not (last.startswith(event.words[-1]) if event.prefix else last == event.words[-1]):
                continue
            distances = [abs(side[j][0]) for j in range(i, i + n)]
            key = (min(distances), -side[i][1] if side[i][1] else -1, order[event.quantity])
            if best is None or key < best:
                best, best_quantity = key, event.quantity
    return best_quantity


def _not_a_count(text: str, start: int, end: int, rules: _Rules, rest: list[str]) -> str:
    """Why the number ``text[start:end]`` counts nothing ("date", "time", "street"), "age", or ""."""
    before = [w.lower().rstrip(".") for w in _WORD_TOKEN_RE.findall(text, max(0, start - 30), start)]
    after = [w.lower().strip("’'").rstrip(".") for w in rest]
    raw_after = text[end : end + 12].lower()
    if (before and before[-1] in rules.months) or (after and after[0] in rules.months) or (
        len(after) > 1 and after[0] == "of" and after[1] in rules.months
    ):
        return "date"
    if after and (after[0] in rules.times or " ".join(after[:2]) in rules.times) or raw_after.lstrip().startswith(
        tuple(t for t in rules.times if not t[0].isalpha())
    ):
        return "time"
    if re.match(r"(?:am|pm|a\.m\.|p\.m\.)\b", raw_after):
        return "time"  # "7pm"
    if (before and before[-1] in rules.ages_before) or (
        len(before) > 1 and " ".join(before[-2:]) in {"age of", "ages of"}
    ) or any(tuple(after[: len(a)]) == a for a in rules.ages_after):
        return "age"
    words = rest[:]
    names = 0
    for w in words:  # "12 Tverskaya Street": capitalised name words, then a street word
        if w.lower().rstrip(".") in rules.streets and names:
            return "street"
        if not w[:1].isupper():
            break
        names += 1
    return ""


def _sentence_at(spans: tuple[Any, ...], starts: list[int], position: int) -> tuple[int, int]:
    """The (start, end) of the sentence holding ``position``; an empty span when none does."""
    i = bisect_right(starts, position) - 1  # sentences are in order and disjoint
    return (spans[i].start, spans[i].end) if i >= 0 and position < spans[i].end else (position, position)


def _count_quantity(text: str, noun: str, start: int, end: int, transparent: set[int], rules: _Rules,
                    sentence: tuple[int, int], inner: str) -> str:
    """The quantity of a count of ``noun`` at ``text[start:end]``: by its event word, else by noun (and context)."""
    quantities = rules.quantities
    candidates = [name for name, q in quantities.items() if noun and noun in q.get("nouns", [])]
    if not candidates:
        return ""
    found = _event_quantity(text, start, end, _clause(text, start, end, sentence, transparent),
                            {c for c in candidates if quantities[c].get("events")}, rules, inner)
    if found:
        return found
    context = text[sentence[0] : sentence[1]].lower()
    for name in candidates:  # a quantity without events: by its noun, and its context words if any
        rule = quantities[name]
        if not rule.get("events") and (
            not rule.get("context") or any(re.search(r"\b" + re.escape(c), context) for c in rule["context"])
        ):
            return name
    return ""


def numeric_claims(corpus: Corpus | pd.DataFrame, *, lexicon_dir: str | None = None) -> pd.DataFrame:
    """Numbers an article states, with qualifier, range, counted noun and quantity.

    A quantity is what is counted and what happened to it (``quantities.toml``): "more than
    30 Russian city officials … signed" → value 30, qualifier "more than", low 31, counted
    noun "officials", quantity "signatories"; "seven deputies were summoned" → "summoned".
    The event is the event word nearest the counted words in their clause. Amounts of money
    ("a fine of 780 dollars", "$788", "€5m") carry their currency code as ``noun``, and their
    quantity names it ("fines (USD)"), so only amounts in one currency are compared.
    Years, the days of dates, times, street numbers and numbers inside words are skipped;
    ages ("34" after a name, "aged 45", "69-year-old") are the quantity "age".
    """
    rules = _rules(lexicon_dir)
    quantities = rules.quantities
    counted_nouns = rules.counted_nouns
    money_quantities = {name for name, q in quantities.items() if q.get("money")}
    rows: list[tuple[Any, ...]] = []
    # The last row so far that counts something, by (article, value) and by article.
    last_counted: dict[tuple[str, float], tuple[Any, ...]] = {}
    last_counted_in: dict[str, tuple[Any, ...]] = {}

    def add(row: tuple[Any, ...]) -> None:
        rows.append(row)
        if row[8] and row[8] not in rules.currency_of.values():
            last_counted[(row[0], row[4])] = row
            last_counted_in[row[0]] = row

    for doc in documents(corpus):
        art, text = doc.meta, doc.text
        index = doc.voice
        spans = doc.sentences
        span_starts = [s.start for s in spans]

        amounts = [a for a in _money_in(text, rules) if not index.is_excluded(a.start, a.end)]
        transparent: set[int] = set()  # "(£600m)" after "$1.1bn" is a conversion, not a new clause
        for a in amounts:
            if a.start > 0 and text[a.start - 1] == "(" and text[a.end : a.end + 1] == ")":
                transparent.update((a.start - 1, a.end))
        money_spans = Ranges([(a.start, a.end) for a in amounts])
        for a in amounts:
            sentence = _sentence_at(spans, span_starts, a.start)
            clause = _clause(text, a.start, a.end, sentence, transparent)  # a conversion's runs past its brackets
            following = " ".join(text[a.end : a.end + 20].lower().split())
            rate = any(following == r or following.startswith(r + " ") for r in rules.rates)
            event = "" if rate else _event_quantity(text, a.start, a.end, clause, money_quantities, rules)
            low, high = _range(a.value, a.qualifier)
            add((art.article, a.start, a.end, text[a.start : a.end], a.value, a.qualifier, low, high, a.code,
                 f"{event} ({a.code})" if event else ""))
        for m in _FIGURE_RE.finditer(text):
            value = _number_value(m.group("number"))
            if value is None or index.is_excluded(m.start(), m.end()) or money_spans.covers(m.start("number")):
                continue
            rest = m.group("rest").split()
            words = [w.lower().strip("’'") for w in rest]
            is_year = m.group("number").isdigit() and 1800 <= value <= 2100 and not m.group("age")
            if is_year and not (words and words[0] in counted_nouns):
                continue  # a year
            why = "" if m.group("age") else _not_a_count(text, m.start("number"), m.end("number"), rules, rest)
            if why in ("date", "time", "street"):
                continue
            if why == "age" or m.group("age"):
                end = m.end("age") if m.group("age") else m.end("number")
                told = next((len(a) for a in rules.ages_after if tuple(words[: len(a)]) == a), 0)
                if why == "age" and told:  # "45 years old"
                    end = text.index(rest[told - 1], m.end("number")) + len(rest[told - 1])
                start = m.start()
                low, high = _range(value, "")
                sentence = _sentence_at(spans, span_starts, start)
                quantity = _count_quantity(text, "age", start, end, transparent, rules, sentence, "")
                add((art.article, start, end, text[start:end], value, "", low, high, "age", quantity))
                continue
            noun, end = "", m.end("number")
            offset = m.start("rest")
            if words and words[0] in rules.multiplier_words:
                value *= rules.multipliers[words[0]]  # "2.4 million votes"
            # "one of them" names a person; "five of them were charged" goes on counting.
            partitive = len(words) > 1 and words[0] == "of" and value != 1
            if partitive and words[1] in _PRONOUNS and art.article in last_counted_in:
                noun = last_counted_in[art.article][8]
                end = text.index(rest[1], m.start("rest")) + len(rest[1])
            for k, w in enumerate(rest):
                if noun:
                    break
                offset = text.index(w, offset) + len(w)
                after = text[offset : offset + 8].lstrip()
                vote_word = w.lower() in ("for", "against") and (
                    not after or after[0] in ",.;" or after.startswith(("with", "and"))
                )
                if w.lower() in counted_nouns or vote_word:
                    noun, end = w.lower(), offset
                    break
                if w.lower() == "of" and k == 0 and partitive and words[1] in ("the", "those", "these"):
                    continue  # "two of the deputies"
                if w.lower() in ("of", "for", "against"):
                    break
                if w[0].isupper() and w.lower() not in ("russian", "ukrainian", "local", "city"):
                    continue
            sentence = _sentence_at(spans, span_starts, m.start())
            quantity = _count_quantity(text, noun, m.start(), end, transparent, rules, sentence,
                                       text[m.end("number") : end])
            if noun == "for" and re.search(r"\bvot", text[sentence[0] : sentence[1]].lower()) and not quantity:
                quantity = "votes" if "votes" in quantities else ""
            qualifier = (m.group("qualifier") or "").lower()
            if not noun and not m.group("number")[0].isdigit():
                continue  # "one of", "for one", "three cities": a number word that counts nothing here
            named = re.search(r"\b[A-Z][\w’'-]*[ \t]+$", text[max(0, m.start() - 30) : m.start()])
            if not noun and not qualifier and named:
                continue  # a number in a name: "Channel 4", "Apollo 11"
            if not noun:
                earlier = last_counted.get((art.article, value))
                if earlier is None and re.search(r"out of\s*$", text[max(0, m.start() - 10) : m.start()]):
                    earlier = last_counted_in.get(art.article)  # "ten … out of 20"
                if earlier is not None:  # "had grown to more than 40" goes on counting what "40 officials" counted
                    noun, quantity = earlier[8], earlier[9]
                elif _AGE_RE.match(text, m.start() - 2) or re.match(r",\s", text[m.start() - 2 : m.start()]):
                    continue  # an age; the age pattern below reports it
            low, high = _range(value, qualifier)
            start = m.start()
            add((art.article, start, end, text[start:end], value, qualifier, low, high, noun, quantity))
        for m in _AGE_RE.finditer(text):
            value = float(m.group("number"))
            if not index.is_excluded(m.start(), m.end()):
                start, end = m.start("number"), m.end("number")
                sentence = _sentence_at(spans, span_starts, start)
                quantity = _count_quantity(text, "age", start, end, transparent, rules, sentence, "")
                add((art.article, start, end, m.group("number"), value, "", value, value, "age", quantity))
    # Open bounds are NaN, not None, even when no row of the table has a closed one.
    table = pd.DataFrame(rows, columns=FIGURE_COLUMNS).astype({"value": "float64", "low": "float64", "high": "float64"})
    return table.sort_values(["article", "start"], kind="stable").reset_index(drop=True)


def _range(value: float, qualifier: str) -> tuple[float | None, float | None]:
    """The range a qualified number allows: "more than 30" → (31, None), "nearly 7" → (5.6, 7)."""
    if not qualifier:
        return value, value
    below, above = _QUALIFIERS[qualifier]

    def bound(shift: float | int | None) -> float | None:
        if shift is None:
            return None
        if isinstance(shift, int):  # a whole-number step: "more than" is at least one more
            return value + shift
        return round(value * (1 + shift), 2)  # a proportion: "about" is within 10 per cent

    return bound(below), bound(above)


# Quantities read but never compared across articles: two articles' ages are usually two people's.
UNCOMPARED = ("age",)


def figures_by_quantity(claims: pd.DataFrame, *, uncompared: tuple[str, ...] = UNCOMPARED) -> pd.DataFrame:
    """Quantity × article: the values each article gives, for quantities reported by two or more articles.

    ``low``/``high`` span every value the article gives; one open bound ("more than 40") leaves
    the article's range open on that side (NaN). Quantities in ``uncompared`` are left out, as
    :func:`figure_conflicts` leaves them.
    """
    grouped = claims[(claims["quantity"] != "") & ~claims["quantity"].isin(uncompared)]
    spread = grouped.groupby("quantity")["article"].nunique()
    shared = grouped[grouped["quantity"].isin(spread[spread >= 2].index)]
    table = (
        shared.groupby(["quantity", "article"])
        .agg(
            values=("text", lambda s: "; ".join(s)),
            low=("low", lambda s: s.min(skipna=False)),
            high=("high", lambda s: s.max(skipna=False)),
            spans=("start", lambda s: ", ".join(str(x) for x in s)),
        )
        .reset_index()
    )
    return table


def _open_bound(value: Any, sign: int) -> float:
    """A range bound as a number: NaN (open) is -inf below (``sign`` -1) and +inf above (``sign`` 1)."""
    number = float(value)
    return math.inf * sign if math.isnan(number) else number


CONFLICT_COLUMNS = ["quantity", "article", "values", "low", "high", "other_article", "other_values", "other_low",
                    "other_high"]


def figure_conflicts(claims: pd.DataFrame, *, uncompared: tuple[str, ...] = UNCOMPARED) -> pd.DataFrame:
    """Pairs of articles whose figures for one quantity cannot both hold: their ranges do not overlap.

    Only figures of the same quantity are compared (what is counted and what happened to it,
    and for money the same currency): "7 deputies summoned" never conflicts with "5 deputies
    charged", nor "780 euros" with "$788". An article's range spans every value it gives for the
    quantity (:func:`figures_by_quantity`); an open bound ("more than 30") is NaN. Each pair is
    listed once, in the order of ``claims``; ``uncompared`` quantities (ages) are left out.

    Returns:
        A DataFrame with ``CONFLICT_COLUMNS``.
    """
    table = figures_by_quantity(claims[~claims["quantity"].isin(uncompared)])
    order = {a: i for i, a in enumerate(dict.fromkeys(claims["article"]))}
    rows = []
    for quantity, part in table.groupby("quantity", sort=True):
        sides = sorted(part.itertuples(index=False), key=lambda r: order[r.article])
        for i, a in enumerate(sides):
            for b in sides[i + 1 :]:
                low_a, high_a, low_b, high_b = (_open_bound(v, sign) for v, sign in
                                                ((a.low, -1), (a.high, 1), (b.low, -1), (b.high, 1)))
                if high_a < low_b or high_b < low_a:
                    rows.append((quantity, a.article, a.values, a.low, a.high, b.article, b.values, b.low, b.high))
    return typed_frame(rows, {"quantity": "str", "article": "str", "values": "str", "low": "float64",
                              "high": "float64", "other_article": "str", "other_values": "str",
                              "other_low": "float64", "other_high": "float64"})


# -------------------------------------------------------------- anomalies --

ANOMALY_COLUMNS = [
    "article",
    "start",
    "end",
    "text",
    "anomaly",
    "detail",
    "other_article",
    "other_start",
    "other_end",
    "other_text",
]
# The fields of each record type of ``comparison_records``: a jsonl record carries only its type's.
COMPARISON_FIELDS = {"reuse": REUSE_COLUMNS, "variant": VARIANT_COLUMNS, "figure": FIGURE_COLUMNS,
                     "anomaly": ANOMALY_COLUMNS}
_DURATION_DAYS = {"days": 1, "weeks": 7, "months": 30.44, "years": 365.25}
_BODY_RE = re.compile(
    r"\b([A-Z][a-zà-ÿ’'-]+)((?:\s+(?:regional|municipal|district|city|local|town))?)\s+"
    r"(council|district|municipality|administration)\b"
)


def _stated_date(art) -> tuple[str, int, int] | None:  # type: ignore[no-untyped-def]
    """The article's date and where the text states it (its dateline), or the metadata date."""
    from .clean import dateline

    found = dateline(art.text)
    if found:
        (span, iso) = found
        return iso, span.start, span.end
    return (art.date, 0, 0) if re.fullmatch(r"\d{4}-\d{2}-\d{2}", str(art.date or "")) else None


def metadata_anomalies(
    corpus: Corpus | pd.DataFrame,
    *,
    lexicon_dir: str | None = None,
    tolerance_days: int = 60,
    claims: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """Dates that contradict the text or the corpus, and one body named in different ways.

    * ``date_vs_content``: a relative marker ("has lasted for nearly seven months") measured
      from an event in ``quantities.toml`` implies a date more than ``tolerance_days`` from the
      stated one;
    * ``date_vs_corpus``: the stated date is over a year from every other article's date;
    * ``label_variant``: "Smolensk regional council" and "Smolninskoye council" — the same kind
      of body with names rapidfuzz finds alike (≥ 65) but not equal.

    Nothing is corrected: each finding carries its spans. ``claims`` is
    :func:`numeric_claims` of ``corpus`` (with the same ``lexicon_dir``), when already found.
    """
    from datetime import date, timedelta

    if claims is None:
        claims = numeric_claims(corpus, lexicon_dir=lexicon_dir)
    _, events = _quantity_rules(lexicon_dir)
    arts = list(iter_articles(corpus))
    stated = {a.article: _stated_date(a) for a in arts}
    dates = {k: date.fromisoformat(v[0]) for k, v in stated.items() if v}
    ordered_dates = sorted((d, order) for order, d in enumerate(dates.values()))
    date_values = [d for d, _ in ordered_dates]
    # Each article's duration claims, grouped once rather than filtered per article.
    durations = claims[claims["noun"].isin(list(_DURATION_DAYS))]
    claims_of: dict[str, list[tuple[Any, ...]]] = defaultdict(list)
    for claim in zip(*(durations[c].tolist() for c in ("article", "start", "end", "text", "value", "noun")),
                     strict=True):
        claims_of[claim[0]].append(claim[1:])
    rows: list[tuple[Any, ...]] = []
    for art in arts:
        found = stated[art.article]
        if not found:
            continue
        iso, d_start, d_end = found
        when = date.fromisoformat(iso)
        for c_start, c_end, c_text, value, noun in claims_of.get(art.article, []):
            sentence = art.text[max(0, c_start - 120) : c_end + 60].lower()
            for name, event in events.items():
                if not any(w in sentence for w in event.get("words", [])) or "lasted" not in sentence:
                    continue
                implied = date.fromisoformat(event["date"]) + timedelta(days=value * _DURATION_DAYS[noun])
                gap = abs((when - implied).days)
                if gap > tolerance_days:
                    rows.append(
                        (
                            art.article,
                            d_start,
                            d_end,
                            art.text[d_start:d_end],
                            "date_vs_content",
                            f"dated {iso}, but '{c_text}' after the {name} ({event['date']}) implies about "
                            f"{implied.isoformat()}: {gap} days apart",
                            art.article,
                            c_start,
                            c_end,
                            c_text,
                        )
                    )
        nearest = _nearest_other_date(ordered_dates, date_values, when)
        if len(dates) - (art.article in dates) >= 2 and nearest is not None and abs((when - nearest).days) > 365:
            rows.append(  # two others: a majority exists
                (
                    art.article,
                    d_start,
                    d_end,
                    art.text[d_start:d_end],
                    "date_vs_corpus",
                    f"dated {iso}; the nearest other article is dated {nearest.isoformat()}",
                    None,  # no other side: null, like its offsets
                    None,
                    None,
                    None,
                )
            )
    bodies = _bodies(corpus)
    for i, j in _first_alike_pairs([(b[4], b[5]) for b in bodies]):
        a1, s1, e1, t1, _, kind1 = bodies[i]
        a2, s2, e2, t2, _, _ = bodies[j]
        rows.append((a1, s1, e1, t1, "label_variant",
                     f"'{_spelling(t1)}' and '{_spelling(t2)}' may name the same {kind1}", a2, s2, e2, t2))
    table = pd.DataFrame(rows, columns=ANOMALY_COLUMNS)
    return table.astype({"other_start": "Int64", "other_end": "Int64"})


def _nearest_other_date(ordered: list[tuple[Any, int]], values: list[Any], when: Any) -> Any:
    """The date nearest ``when`` among the other articles' (on a tie, the one listed first), or None.

    ``ordered`` holds every dated article's ``(date, listing order)``, sorted, and ``values`` its
    dates; ``when`` is the article's own date, so it is among them. The neighbours are found by
    binary search instead of measuring every other article.
    """
    lo, hi = bisect_left(values, when), bisect_right(values, when)
    if hi - lo >= 2:  # another article has the same date
        return when
    best: tuple[tuple[int, int], Any] | None = None
    if lo > 0:  # the latest earlier date, and the first article listed with it
        d, order = ordered[bisect_left(values, values[lo - 1])]
        best = ((abs((when - d).days), order), d)
    if hi < len(ordered):  # the earliest later date; sorted by listing order within a date
        d, order = ordered[hi]
        if best is None or (abs((when - d).days), order) < best[0]:
            best = ((abs((when - d).days), order), d)
    return best[1] if best else None


def _first_alike_pairs(names: list[tuple[str, str]], *, rules: NameRules | None = None) -> list[tuple[int, int]]:
    """For each ordered pair of different, alike names (rapidfuzz ≥ 65 after folding) of one kind,
    the first positions ``(i, j)``, ``i < j``, where they occur in that order; sorted by ``(i, j)``.

    The same as comparing every position with every later one and keeping the first pair of each
    ordered name pair, but with one similarity test per pair of distinct names.
    """
    rules = rules or name_rules()
    where: dict[tuple[str, str], list[int]] = defaultdict(list)  # (kind, name) → positions
    for position, (name, kind) in enumerate(names):
        where[(kind, name)].append(position)
    by_kind: dict[str, list[str]] = defaultdict(list)
    for kind, name in where:
        by_kind[kind].append(name)
    first: dict[tuple[str, str], tuple[int, int]] = {}
    for kind, listed in by_kind.items():
        for n1 in listed:
            for n2 in listed:
                if n1 == n2 or fuzz.ratio(rules.fold(n1), rules.fold(n2)) < 65:
                    continue
                ones, twos = where[(kind, n1)], where[(kind, n2)]
                if ones[0] > twos[-1]:
                    continue  # n2 never comes after n1 in this kind
                j = twos[bisect_right(twos, ones[0])]
                if (n1, n2) not in first or (ones[0], j) < first[(n1, n2)]:
                    first[(n1, n2)] = (ones[0], j)
    return sorted(first.values())


def comparison_summary(
    passages: pd.DataFrame, variants: pd.DataFrame, figures: pd.DataFrame, anomalies: pd.DataFrame
) -> dict[str, int]:
    """Named key figures for the cross-article notebook's summary file."""
    across = passages[passages["article"] != passages["other_article"]]
    summary = {
        "reused_passages": len(across),
        "repeated_passages": len(passages) - len(across),
        "reused_article_pairs": int(across[["article", "other_article"]].drop_duplicates().shape[0]),
        "name_clusters": int(variants["cluster"].nunique()),
        "name_variants": int(variants[["cluster", "variant"]].drop_duplicates().shape[0]),
        "quantities_compared": int(figures["quantity"].nunique()),
        "anomalies": len(anomalies),
    }
    for kind in ("date_vs_content", "date_vs_corpus", "label_variant"):
        summary[f"anomaly.{kind}"] = int((anomalies["anomaly"] == kind).sum())
    return dict(sorted(summary.items()))
