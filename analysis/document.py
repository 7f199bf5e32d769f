"""One :class:`Document` per article, built once: what every area reads.

A document holds everything about one article that more than one area needs:
its text and excluded regions (from loading), paragraphs, sentences and word
starts (:mod:`analysis.segment`), quotation spans and the problems met pairing
their marks (:mod:`analysis.quotations`), and the voice index
(:mod:`analysis.voice`). Each part is computed the first time an area asks for
it and then kept on the document, the way spaCy's ``Doc`` carries its
annotations: no area segments or pairs an article again.

Every area (terms, readability, sourcing, loaded, tone, the overview, compare)
is a function of documents. The table-level functions take a corpus and get
its documents from :func:`documents`, which builds each article's document once
per loaded corpus: a notebook that calls several areas on the same corpus
reuses them, and a changed text (or a new corpus) gets a new document.

Pipeline step: document.
"""

from __future__ import annotations

import weakref
from bisect import bisect_left
from collections.abc import Iterator
from functools import cached_property
from typing import TYPE_CHECKING

import pandas as pd

from .matching import normalise
from .quotations import QuoteProblem, QuoteSpan, pair_quotes
from .segment import Span, paragraphs, sentences, word_starts
from .voice import VoiceIndex, VoiceWords

if TYPE_CHECKING:
    from .clean import Region
    from .corpus import Article, Corpus

__all__ = ["Document", "documents", "forget_documents"]


class Document:
    """One article and its shared annotations, each computed once (on first use).

    Attributes:
        meta: the loaded :class:`~analysis.corpus.Article` row (id, source, outlet, date, …).
        article, text, excluded: the article's id, its untouched source text and its excluded regions.
    """

    def __init__(self, article: Article, *, paragraphs: tuple[Span, ...] | None = None) -> None:
        self.meta = article
        self.article: str = article.article
        self.text: str = article.text
        self.excluded: tuple[Region, ...] = tuple(article.excluded)
        if paragraphs is not None:  # already split while cleaning
            self.__dict__["paragraphs"] = paragraphs

    @classmethod
    def of_text(cls, text: str, *, article: str = "", excluded: tuple[Region, ...] = ()) -> Document:
        """A document for a bare text (no file, no metadata): for tests and one-off checks."""
        from .corpus import Article

        return cls(Article(article, "", "", "", "", "", "", "utf-8", "", text, excluded))

    def __repr__(self) -> str:
        return f"Document({self.article!r}, {len(self.text)} chars)"

    @cached_property
    def paragraphs(self) -> tuple[Span, ...]:
        """Paragraph spans (:func:`analysis.segment.paragraphs`)."""
        return paragraphs(self.text)

    @cached_property
    def sentences(self) -> tuple[Span, ...]:
        """Sentence spans (:func:`analysis.segment.sentences`)."""
        return sentences(self.text, self.paragraphs)

    @cached_property
    def word_starts(self) -> tuple[int, ...]:
        """Start offset of every word, sorted."""
        return word_starts(self.text)

    @cached_property
    def normalised(self) -> str:
        """The text lower-cased with dashes, apostrophes and spaces unified, same length (for lexicon matching)."""
        return normalise(self.text)

    @cached_property
    def _quotes(self) -> tuple[tuple[QuoteSpan, ...], tuple[QuoteProblem, ...]]:
        return pair_quotes(self.text, self.paragraphs)

    @property
    def quote_spans(self) -> tuple[QuoteSpan, ...]:
        """Every quotation (:func:`analysis.quotations.quote_spans`)."""
        return self._quotes[0]

    @property
    def quote_problems(self) -> tuple[QuoteProblem, ...]:
        """Unbalanced quote marks met while pairing."""
        return self._quotes[1]

    @cached_property
    def voice(self) -> VoiceIndex:
        """Voice look-ups: narrator, quoted or mention, excluded regions."""
        return VoiceIndex(
            self.text, self.excluded, spans=self.quote_spans, paragraphs=self.paragraphs, word_starts=self.word_starts
        )

    def words(self) -> VoiceWords:
        """Counted words, in all and by voice."""
        return self.voice.words()

    def count_words(self, start: int = 0, end: int | None = None) -> int:
        """Number of words that start inside ``text[start:end]``."""
        starts = self.word_starts
        stop = len(self.text) if end is None else end
        return bisect_left(starts, stop) - bisect_left(starts, start)


# The documents of each loaded articles table, by article id: a notebook calls several areas on
# one corpus, and each would otherwise rebuild every document. Entries go with their table.
_BUILT: dict[int, dict[str, Document]] = {}


def documents(corpus: Corpus | pd.DataFrame) -> Iterator[Document]:
    """The document of every article of ``corpus``, in order, each built once per articles table.

    A document is reused only while its row still holds the same text and excluded regions.
    """
    from .corpus import articles_of, iter_articles

    table = articles_of(corpus)
    built = _built_for(table)
    for art in iter_articles(table):
        doc = built.get(art.article)
        if doc is None or doc.text != art.text or doc.excluded != tuple(art.excluded):
            doc = built[art.article] = Document(art)
        yield doc


def remember(table: pd.DataFrame, docs: list[Document]) -> None:
    """Keep ``docs`` (built while loading ``table``) for :func:`documents` to reuse."""
    built = _built_for(table)
    for doc in docs:
        built[doc.article] = doc


def forget_documents() -> None:
    """Drop every kept document, so the next call builds them again (benchmarks time cold runs)."""
    for built in _BUILT.values():
        built.clear()


def _built_for(table: pd.DataFrame) -> dict[str, Document]:
    key = id(table)
    built = _BUILT.get(key)
    if built is None:
        built = _BUILT[key] = {}
        weakref.finalize(table, _BUILT.pop, key, None)
    return built
