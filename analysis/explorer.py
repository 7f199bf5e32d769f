"""The explorer's questions, answered as tables: terms, voices, one article, two articles compared.

Notebook ``07-explorer`` puts widgets (:mod:`analysis.explorer_app`) on top of an
:class:`Explorer`; everything the widgets show is computed here and drawn by
:mod:`analysis.explorer_html`, so every answer is tested without a browser.

An :class:`Explorer` reads the public tables once (:func:`~analysis.find_terms`,
:func:`~analysis.find_quotes`, :func:`~analysis.find_loaded`,
:func:`~analysis.numeric_claims`) and answers each question from them:

* **terms**: a family, a lexicon term (any of its forms), or any word or phrase outside the
  lexicon, searched in the text (whole words, any case, ``*`` for any word ending) with the
  voice of each hit from the same :class:`~analysis.voice.VoiceIndex` the lexicon hits use;
  counts per article or outlet by voice, and keyword-in-context rows whose context is the
  whole sentence holding the hit;
* **voices**: every quotation by a speaker, name variants merged as in
  :func:`~analysis.speaker_table`; the speakers of a source type or a cue stance;
* **article**: every span to mark in one article: excluded regions, quotations, term hits
  and loaded words;
* **compare**: the passages two articles share (:func:`~analysis.reused_passages` on the
  pair) and the quantities both state, with whether their figures can both hold (the rule of
  the at-a-glance ``conflicting_figures`` column).

Every row keeps ``article``, ``start`` and ``end``: ``text[start:end]`` is the span, so a
row always opens the article where it was found.

Pipeline step: after the tables: the explorer's answers (it reads the area tables once).
"""

from __future__ import annotations

import math
import re
from bisect import bisect_left, bisect_right
from collections import Counter
from pathlib import Path
from typing import Any, NamedTuple

import pandas as pd

from .clean import Region
from .compare import figures_by_quantity, numeric_claims, reused_passages
from .corpus import Corpus, articles_of, iter_articles
from .document import documents
from .labels import article_labels
from .loaded import find_loaded
from .matching import normalise
from .segment import paragraphs
from .sourcing import KINDS, STANCES, find_quotes, merge_speaker_variants
from .terms import TERM_COLUMNS, FrameLexicon, find_terms, load_frame_lexicon
from .typed_tables import typed_frame
from .voice import VOICES, VoiceIndex

__all__ = [
    "Explorer",
    "TermSearch",
    "Mark",
    "FAMILY_PREFIX",
    "NO_OUTLET",
    "NO_SPEAKER",
    "KWIC_CONTEXT_COLUMNS",
    "MARK_LAYERS",
]

#: Typed before a family's name to pick the whole family ("family: war").
FAMILY_PREFIX = "family:"
#: The row name of articles without an outlet, when counts are per outlet.
NO_OUTLET = "(no outlet)"
#: The speaker of quotations whose source was not found.
NO_SPEAKER = "(no speaker found)"
#: The layers of an article's marks, drawn in this order (later layers on top).
MARK_LAYERS = ("excluded", "quote", "term", "found", "loaded", "focus")
_MARK_PREFIX = {"excluded": "x", "quote": "q", "term": "t", "found": "s", "loaded": "l", "focus": "focus"}
#: Longest context shown on each side of a hit, in characters (a sentence is rarely longer).
MAX_CONTEXT = 400
#: Quantities that are never compared: each age belongs to a different person.
UNCOMPARED_QUANTITIES = frozenset({"age"})
KWIC_CONTEXT_COLUMNS = ["article", "label", "start", "end", "left", "match", "right", "voice", "term", "family"]
_PHRASE_FAMILY = ""  # a phrase searched in the text belongs to no family
_SPACE_RE = re.compile(r"\s+")


class TermSearch(NamedTuple):
    """What a term query found: its kind, the name it resolved to, and every hit (``TERM_COLUMNS``)."""

    query: str  # as typed, white space tidied
    kind: str  # "family", "term" (a lexicon entry, typed as any of its forms), "phrase" (searched), "empty"
    name: str  # the family, the canonical term, or the phrase
    hits: pd.DataFrame

    def describe(self, articles: int) -> str:
        """One sentence: what was searched and where it was found (never a silent empty table)."""
        where = f"in {self.hits['article'].nunique()} of {articles} article{'s' if articles != 1 else ''}"
        found = f"{len(self.hits)} hit{'s' if len(self.hits) != 1 else ''} {where}"
        if self.kind == "empty":
            return "Type a family, a term, or any word or phrase."
        if self.kind == "family":
            return f"Family “{self.name}”: {found}."
        if self.kind == "term":
            return f"Lexicon term “{self.name}” (all its forms): {found}."
        if self.kind == "unknown_family":
            return f"No family “{self.name}” in the lexicon. Families: {self.hits.attrs.get('families', '')}."
        return (f"“{self.name}” is not in the lexicon: searched the text for it as a phrase (whole words, any case): "
                f"{found}.")


class Mark(NamedTuple):
    """One span to mark in an article view."""

    id: str  # unique in the article: the layer's letter and a number ("t3" is the fourth term hit)
    layer: str  # one of MARK_LAYERS
    start: int
    end: int
    style: str  # the CSS class that says how ("fl-voice-quoted", "fl-kind-direct", …)
    title: str  # shown on hover


class _Article(NamedTuple):
    article: str
    label: str
    outlet: str
    text: str
    excluded: tuple[Region, ...]


class Explorer:
    """One corpus, measured once, and every question of the explorer answered from it.

    Args:
        corpus: a loaded corpus or its articles table.
        lexicon_dir: a folder of lexicon files overriding the shipped ones.
    """

    def __init__(self, corpus: Corpus | pd.DataFrame, *, lexicon_dir: str | Path | None = None) -> None:
        folder = str(lexicon_dir) if lexicon_dir else None
        self.corpus = corpus
        self.lexicon: FrameLexicon = load_frame_lexicon(lexicon_dir=folder)
        labels = article_labels(corpus)
        self._articles: dict[str, _Article] = {
            a.article: _Article(a.article, labels[a.article], a.outlet if isinstance(a.outlet, str) else "", a.text,
                                tuple(a.excluded))
            for a in iter_articles(corpus)
        }
        self.order = list(self._articles)
        self._position = {article: i for i, article in enumerate(self.order)}
        self.hits = find_terms(corpus, lexicon=self.lexicon)
        self.quotes = find_quotes(corpus, lexicon_dir=folder)
        self.loaded = find_loaded(corpus, lexicon_dir=folder)
        self.claims = numeric_claims(corpus, lexicon_dir=folder)
        sourced = self.quotes[self.quotes["kind"] != "mention"]
        canonical = merge_speaker_variants(sourced) if len(sourced) else {}
        self.sourced = sourced.assign(
            speaker_name=[canonical.get(s, s) if isinstance(s, str) else NO_SPEAKER for s in sourced["speaker"]]
        )
        self._documents = {doc.article: doc for doc in documents(corpus)}  # the ones every area used
        self._speakers: pd.DataFrame | None = None
        self._by_article = {
            name: {str(k): v for k, v in table.groupby("article", sort=False)}
            for name, table in (("hits", self.hits), ("quotes", self.quotes),
                                ("loaded", self.loaded[self.loaded["loaded"]]))
        }

    # ------------------------------------------------------------ articles --

    def __repr__(self) -> str:
        speakers = self.sourced["speaker_name"].nunique()
        return (f"Explorer: {len(self.order)} articles, {len(self.hits)} term hits, {len(self.sourced)} quotations "
                f"by {speakers} speakers, {int(self.loaded['loaded'].sum())} loaded words")

    @property
    def articles(self) -> pd.DataFrame:
        """One row per article: id, label, outlet, words of text (characters), in corpus order."""
        rows = [(a.article, a.label, a.outlet, len(a.text)) for a in self._articles.values()]
        return typed_frame(rows, {"article": "str", "label": "str", "outlet": "str", "characters": "int64"})

    def label(self, article: str) -> str:
        return self._articles[article].label

    def text(self, article: str) -> str:
        return self._articles[article].text

    def find_article(self, name: str) -> str:
        """The id of the article named by its id or its label (an empty name: the first article).

        Raises:
            ValueError: no article has that id or label.
        """
        if not name and self.order:
            return self.order[0]
        if name in self._articles:
            return name
        for article in self._articles.values():
            if article.label == name:
                return article.article
        raise ValueError(f"no article with the id or label {name!r}; the corpus has {len(self.order)} articles")

    def voice_index(self, article: str) -> VoiceIndex:
        """The article's voice look-ups (its document's)."""
        return self._documents[article].voice

    # --------------------------------------------------------------- terms --

    def term_choices(self) -> list[str]:
        """What the term box suggests: each family (``family: war``), then each lexicon term."""
        families = [f"{FAMILY_PREFIX} {family}" for family in self.lexicon.families]
        terms = sorted({term for term, _ in self.lexicon.forms.values()}, key=str.casefold)
        return families + terms

    def search(self, query: str) -> TermSearch:
        """Every hit of a family (``family: war``), a lexicon term (any of its forms), or any phrase.

        A phrase outside the lexicon is searched in the text: whole words, any case, any kind
        of dash, apostrophe and white space (as lexicon terms are); ``*`` stands for any word
        ending ("Ukrain*"). Hits inside excluded regions are skipped, as for every metric.
        """
        tidy = _SPACE_RE.sub(" ", query).strip()
        if not re.search(r"\w", tidy.replace("*", "")):  # nothing to search for
            return TermSearch(tidy, "empty", "", typed_frame([], _term_dtypes()))
        if tidy.lower().startswith(FAMILY_PREFIX):
            family = tidy[len(FAMILY_PREFIX):].strip()
            known = {f.lower(): f for f in self.lexicon.families}
            if family.lower() not in known:
                empty = typed_frame([], _term_dtypes())
                empty.attrs["families"] = ", ".join(self.lexicon.families)
                return TermSearch(tidy, "unknown_family", family, empty)
            family = known[family.lower()]
            return TermSearch(tidy, "family", family, self._sorted(self.hits[self.hits["family"] == family]))
        entry = self.lexicon.forms.get(normalise(tidy))
        if entry is not None:
            term = entry[0]
            return TermSearch(tidy, "term", term, self._sorted(self.hits[self.hits["term"] == term]))
        return TermSearch(tidy, "phrase", tidy, self._phrase_hits(tidy))

    def _sorted(self, hits: pd.DataFrame) -> pd.DataFrame:
        position = hits["article"].map(self._position)
        return hits.assign(_at=position).sort_values(["_at", "start"], kind="stable").drop(columns="_at") \
            .reset_index(drop=True)

    def _phrase_hits(self, phrase: str) -> pd.DataFrame:
        pattern = phrase_pattern(phrase)
        rows = []
        for art in self._articles.values():
            folded = normalise(art.text)
            index: VoiceIndex | None = None
            for m in pattern.finditer(folded):
                index = index or self.voice_index(art.article)
                if m.end() == m.start() or index.is_excluded(m.start(), m.end()):
                    continue
                rows.append((art.article, m.start(), m.end(), art.text[m.start():m.end()], phrase, _PHRASE_FAMILY,
                             index.voice(m.start(), m.end())))
        return typed_frame(rows, _term_dtypes())

    def term_counts(self, found: TermSearch, *, by: str = "article") -> pd.DataFrame:
        """Hits per article (or outlet) and voice, most hits first; rows without a hit are left out.

        Columns: ``row`` (the article's label or the outlet), ``article`` (the id; the first
        article of an outlet row), ``articles``, one column per voice, and ``total``.
        """
        if by not in ("article", "outlet"):
            raise ValueError(f"by must be 'article' or 'outlet', not {by!r}")
        tally: dict[str, Counter[str]] = {}
        members: dict[str, set[str]] = {}
        first: dict[str, str] = {}
        for article, voice in zip(found.hits["article"], found.hits["voice"], strict=True):
            row = self.label(article) if by == "article" else (self._articles[article].outlet or NO_OUTLET)
            tally.setdefault(row, Counter())[voice] += 1
            members.setdefault(row, set()).add(article)
            first.setdefault(row, article)
        rows: list[tuple[Any, ...]] = [(row, first[row], len(members[row]), *(c[v] for v in VOICES),
                                        sum(c.values())) for row, c in tally.items()]
        rows.sort(key=lambda r: (-r[-1], self._position[r[1]]))
        return typed_frame(rows, {"row": "str", "article": "str", "articles": "int64",
                                  **{v: "int64" for v in VOICES}, "total": "int64"})

    def kwic(self, found: TermSearch) -> pd.DataFrame:
        """Keyword in context: each hit with the whole sentence (or sentences) it stands in.

        Only a sentence longer than ``MAX_CONTEXT`` characters on one side is cut, at a word,
        with "…". Line breaks show as spaces; every other character is the source's.
        """
        rows = []
        hits = found.hits
        for article, start, end, match, voice, term, family in zip(
            hits["article"], hits["start"], hits["end"], hits["text"], hits["voice"], hits["term"], hits["family"],
            strict=True,
        ):
            left, right = self.context(article, int(start), int(end))
            rows.append((article, self.label(article), int(start), int(end), left, match, right, voice, term, family))
        return typed_frame(rows, {"article": "str", "label": "str", "start": "int64", "end": "int64", "left": "str",
                                  "match": "str", "right": "str", "voice": "str", "term": "str", "family": "str"})

    def context(self, article: str, start: int, end: int) -> tuple[str, str]:
        """The text before and after ``[start, end)`` up to the ends of the sentences holding it."""
        text = self.text(article)
        spans = self._documents[article].sentences
        starts = [s.start for s in spans]
        first = bisect_right(starts, start) - 1
        last = max(first, bisect_left(starts, end) - 1)
        begin = spans[first].start if first >= 0 and spans[first].end > start else _line_start(text, start)
        finish = spans[last].end if 0 <= last < len(spans) and spans[last].end >= end else _line_end(text, end)
        left, right = text[begin:start], text[end:max(end, finish)]
        if len(left) > MAX_CONTEXT:
            cut = left.find(" ", len(left) - MAX_CONTEXT)
            left = "…" + left[cut + 1 if cut >= 0 else len(left) - MAX_CONTEXT:]
        if len(right) > MAX_CONTEXT:
            cut = right.rfind(" ", 0, MAX_CONTEXT)
            right = right[:cut if cut > 0 else MAX_CONTEXT] + "…"
        return _one_line(left), _one_line(right)

    # -------------------------------------------------------------- voices --

    def speakers(self) -> pd.DataFrame:
        """Every speaker (name variants merged) with their type, quotations, articles and other spellings.

        Quotations whose source was not found are one row, :data:`NO_SPEAKER`, last.
        """
        if self._speakers is None:
            types: dict[str, Counter[str]] = {}
            articles: dict[str, set[str]] = {}
            spellings: dict[str, set[str]] = {}
            for name, written, kind, article in self._sourced_rows():
                types.setdefault(name, Counter())[kind] += 1
                articles.setdefault(name, set()).add(article)
                if isinstance(written, str) and written != name:
                    spellings.setdefault(name, set()).add(written)
            rows = [(name, _most_common(c), sum(c.values()), len(articles[name]),
                     "; ".join(sorted(spellings.get(name, ())))) for name, c in types.items()]
            rows.sort(key=lambda r: (r[0] == NO_SPEAKER, -r[2], r[0].casefold(), r[0]))
            self._speakers = typed_frame(rows, {"speaker": "str", "speaker_type": "str", "quotes": "int64",
                                                "articles": "int64", "variants": "str"})
        return self._speakers

    def _sourced_rows(self) -> zip[tuple[str, Any, str, str]]:
        sourced = self.sourced
        return zip(sourced["speaker_name"].tolist(), sourced["speaker"].tolist(), sourced["speaker_type"].tolist(),
                   sourced["article"].tolist(), strict=True)

    def quotes_by(self, speaker: str) -> pd.DataFrame:
        """Every quotation by ``speaker`` (any spelling of the name), article by article, in text order."""
        part = self.sourced[self.sourced["speaker_name"] == speaker]
        part = part.assign(label=[self.label(a) for a in part["article"]],
                           _at=[self._position[a] for a in part["article"]])
        part = part.sort_values(["_at", "start"], kind="stable").reset_index(drop=True)
        columns = ["article", "label", "start", "end", "text", "kind", "cue", "stance", "speaker", "speaker_type"]
        return part[columns]

    def quote_tally(self, speaker: str) -> pd.DataFrame:
        """Per article: the speaker's quotations by kind and by cue stance ("none" where no cue was found)."""
        part = self.quotes_by(speaker)
        kinds = ("direct", "partial", "indirect")
        stances = (*STANCES, "none")
        tally: dict[str, Counter[tuple[str, str]]] = {}
        for article, kind, stance in zip(part["article"].tolist(), part["kind"].tolist(), part["stance"].tolist(),
                                         strict=True):
            counts = tally.setdefault(article, Counter())
            counts[("kind", kind)] += 1
            counts[("stance", stance if isinstance(stance, str) else "none")] += 1
        rows = [(article, self.label(article), sum(counts[("kind", k)] for k in KINDS),
                 *(counts[("kind", k)] for k in kinds), *(counts[("stance", s)] for s in stances))
                for article, counts in tally.items()]
        return typed_frame(rows, {"article": "str", "label": "str", "quotes": "int64",
                                  **{k: "int64" for k in kinds}, **{s: "int64" for s in stances}})

    def who(self, *, speaker_type: str = "", stance: str = "") -> pd.DataFrame:
        """The speakers with quotations of a source type and/or introduced with a cue of a stance.

        An empty filter takes every value. Columns: ``speaker``, ``quotes`` (those that
        match), ``articles``, and the most common ``speaker_type`` of those quotations.
        """
        types: dict[str, Counter[str]] = {}
        articles: dict[str, set[str]] = {}
        for (name, _written, kind, article), cue_stance in zip(self._sourced_rows(), self.sourced["stance"].tolist(),
                                                               strict=True):
            if (speaker_type and kind != speaker_type) or (stance and cue_stance != stance):
                continue
            types.setdefault(name, Counter())[kind] += 1
            articles.setdefault(name, set()).add(article)
        rows = [(name, sum(c.values()), len(articles[name]), _most_common(c)) for name, c in types.items()]
        rows.sort(key=lambda r: (r[0] == NO_SPEAKER, -r[1], r[0].casefold(), r[0]))
        return typed_frame(rows, {"speaker": "str", "quotes": "int64", "articles": "int64", "speaker_type": "str"})

    def speaker_types(self) -> list[str]:
        """The source types present among the quotations, most quoted first."""
        return [str(t) for t, _ in Counter(self.sourced["speaker_type"]).most_common()]

    def stances(self) -> list[str]:
        """The cue stances present among the quotations, in the lexicon's order."""
        present = set(self.sourced["stance"].dropna())
        return [s for s in STANCES if s in present]

    # ------------------------------------------------------------- article --

    def marks(
        self, article: str, *, found: TermSearch | None = None, focus: tuple[int, int] | None = None
    ) -> list[Mark]:
        """Every span to mark in ``article``, layer by layer (see :data:`MARK_LAYERS`).

        ``found`` adds the hits of a phrase searched outside the lexicon; ``focus`` marks the
        span a row of the explorer opened the article at.
        """
        art = self._articles[article]
        marks: list[Mark] = []
        counts: Counter[str] = Counter()

        def add(layer: str, start: int, end: int, style: str, title: str) -> None:
            marks.append(Mark(f"{_MARK_PREFIX[layer]}{counts[layer]}", layer, start, end, style, title))
            counts[layer] += 1

        for region in sorted(art.excluded):
            add("excluded", region.start, region.end, "fl-excluded", f"excluded from every measure: {region.reason}")
        quotes = self._by_article["quotes"].get(article)
        if quotes is not None:
            for start, end, kind, speaker, cue, stance in zip(
                quotes["start"], quotes["end"], quotes["kind"], quotes["speaker"], quotes["cue"], quotes["stance"],
                strict=True,
            ):
                add("quote", int(start), int(end), f"fl-kind-{kind}", _quote_title(kind, speaker, cue, stance))
        hits = self._by_article["hits"].get(article)
        if hits is not None:
            for start, end, term, family, voice in zip(
                hits["start"], hits["end"], hits["term"], hits["family"], hits["voice"], strict=True
            ):
                add("term", int(start), int(end), f"fl-voice-{voice}", f"term “{term}” ({family}), {voice} voice")
        if found is not None and found.kind == "phrase":
            mine = found.hits[found.hits["article"] == article]
            for start, end, voice in zip(mine["start"], mine["end"], mine["voice"], strict=True):
                add("found", int(start), int(end), f"fl-voice-{voice}", f"“{found.name}” (searched), {voice} voice")
        loaded = self._by_article["loaded"].get(article)
        if loaded is not None:
            for start, end, term, category, level, voice in zip(
                loaded["start"], loaded["end"], loaded["term"], loaded["category"], loaded["level"], loaded["voice"],
                strict=True,
            ):
                add("loaded", int(start), int(end), f"fl-level-{level}",
                    f"loaded {category} “{term}” ({level}), {voice} voice")
        if focus is not None:
            start, end = max(0, focus[0]), min(len(art.text), focus[1])
            add("focus", start, end, "fl-focus", "opened here")
        return marks

    def paragraph_start(self, article: str, offset: int) -> int:
        """Where the paragraph holding ``offset`` starts (0 before the first paragraph)."""
        spans = paragraphs(self.text(article))
        i = bisect_right([p.start for p in spans], offset) - 1
        return spans[i].start if i >= 0 else 0

    # ------------------------------------------------------------- compare --

    def passages(self, first: str, second: str) -> pd.DataFrame:
        """The passages ``first`` and ``second`` share, ``first``'s side in ``start``/``end``/``text``."""
        if first == second:
            return typed_frame([], _PASSAGE_DTYPES)
        table = articles_of(self.corpus)
        pair = table[table["article"].isin([first, second])]
        found = reused_passages(pair)
        rows = []
        for values in zip(found["article"], found["start"], found["end"], found["text"], found["other_article"],
                          found["other_start"], found["other_end"], found["other_text"], found["words"],
                          found["similarity"], strict=True):
            article, other = values[0], values[4]
            if article == other:
                continue  # a repeat inside one article
            mine, theirs = (values[1:4], values[5:8]) if article == first else (values[5:8], values[1:4])
            rows.append((*mine, *theirs, values[8], values[9]))
        rows.sort(key=lambda r: (r[0], r[3]))
        return typed_frame(rows, _PASSAGE_DTYPES)

    def figures(self, first: str, second: str) -> pd.DataFrame:
        """Each quantity both articles state (ages left out): their figures and whether they disagree.

        Two figures disagree when the ranges they allow do not overlap ("more than 30" allows
        31 and up; an article's range spans every value it gives), as in the at-a-glance table.
        ``start``/``end`` locate each side's first claim of the quantity; ``*_range`` says the range in words.
        """
        claims = self.claims[self.claims["article"].isin([first, second])]
        claims = claims[~claims["quantity"].isin(UNCOMPARED_QUANTITIES)]
        table = figures_by_quantity(claims) if first != second else figures_by_quantity(claims.iloc[:0])
        rows = []
        for quantity, part in table.groupby("quantity", sort=True):
            sides = {str(a): r for a, r in zip(part["article"], part.itertuples(index=False), strict=True)}
            if first not in sides or second not in sides:
                continue
            a, b = sides[first], sides[second]
            low_a, high_a, low_b, high_b = (_bound(v, default) for v, default in
                                            ((a.low, -math.inf), (a.high, math.inf), (b.low, -math.inf),
                                             (b.high, math.inf)))
            disagree = high_a < low_b or high_b < low_a
            spans_a, spans_b = (self._first_claim(claims, article, str(quantity)) for article in (first, second))
            rows.append((str(quantity), a.values, b.values, disagree, *spans_a, *spans_b, _range_text(low_a, high_a),
                         _range_text(low_b, high_b)))
        rows.sort(key=lambda r: (not r[3], r[0]))
        return typed_frame(rows, {"quantity": "str", "first_values": "str", "second_values": "str",
                                  "disagree": "bool", "first_start": "int64", "first_end": "int64",
                                  "second_start": "int64", "second_end": "int64", "first_range": "str",
                                  "second_range": "str"})

    @staticmethod
    def _first_claim(claims: pd.DataFrame, article: str, quantity: str) -> tuple[int, int]:
        mine = claims[(claims["article"] == article) & (claims["quantity"] == quantity)]
        return int(mine["start"].iloc[0]), int(mine["end"].iloc[0])

    def most_shared_pair(self) -> tuple[str, str]:
        """The two articles that share the most words (the first two when none share any)."""
        if len(self.order) < 2:
            return (self.order[0], self.order[0]) if self.order else ("", "")
        found = reused_passages(self.corpus)
        found = found[found["article"] != found["other_article"]]
        if found.empty:
            return self.order[0], self.order[1]
        pairs: Counter[tuple[str, str]] = Counter()
        for a, b, words in zip(found["article"], found["other_article"], found["words"], strict=True):
            one, other = sorted((str(a), str(b)), key=self._position.__getitem__)
            pairs[(one, other)] += int(words)
        best = max(sorted(pairs, key=lambda k: (self._position[k[0]], self._position[k[1]])), key=pairs.__getitem__)
        return best[0], best[1]


_PASSAGE_DTYPES = {
    "start": "int64", "end": "int64", "text": "str", "other_start": "int64", "other_end": "int64",
    "other_text": "str", "words": "int64", "similarity": "float64",
}


def phrase_pattern(phrase: str) -> re.Pattern[str]:
    """A whole-word pattern over :func:`~analysis.matching.normalise`'d text for a typed phrase.

    Words may be separated by any white space; a dash typed inside a word matches any dash;
    ``*`` matches the rest of a word ("Ukrain*" finds "Ukraine" and "Ukrainian").
    """
    words = normalise(phrase).split()
    parts = [r"[\w'-]*".join(re.escape(piece) for piece in word.split("*")) for word in words]
    return re.compile(r"(?<![\w])" + r"\s+".join(parts) + r"(?![\w])")


def _term_dtypes() -> dict[str, str]:
    return {column: "int64" if column in ("start", "end") else "str" for column in TERM_COLUMNS}


def _quote_title(kind: str, speaker: object, cue: object, stance: object) -> str:
    who = speaker if isinstance(speaker, str) else NO_SPEAKER
    if kind == "mention":
        return "mention: a quoted term or scare quotes, not a source"
    how = f", cue “{cue}” ({stance})" if isinstance(cue, str) else ", no cue"
    return f"{kind} quotation: {who}{how}"


def _most_common(counts: Counter[str]) -> str:
    """The most frequent value; a tie goes to the first in alphabetical order."""
    return max(sorted(counts), key=counts.__getitem__)


def _bound(value: object, default: float) -> float:
    number = float(value)  # type: ignore[arg-type]
    return default if math.isnan(number) else number


def _range_text(low: float, high: float) -> str:
    """A range in words: "18", "31 or more", "up to 5", "75.6 to 92.4"."""
    if low == high:
        return f"{low:g}"
    if math.isinf(high):
        return "any figure" if math.isinf(low) else f"{low:g} or more"
    if math.isinf(low):
        return f"up to {high:g}"
    return f"{low:g} to {high:g}"


def _one_line(text: str) -> str:
    return text.replace("\r", " ").replace("\n", " ")


def _line_start(text: str, offset: int) -> int:
    return text.rfind("\n", 0, offset) + 1


def _line_end(text: str, offset: int) -> int:
    found = text.find("\n", offset)
    return len(text) if found < 0 else found
