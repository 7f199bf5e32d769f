"""The article as the quotation extractor reads it: its Document's sentences, paragraphs, quotation spans and cues.

Pipeline step: areas (sourcing).
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from functools import cached_property
from typing import TYPE_CHECKING

from ..document import Document
from ..intervals import Ranges
from ..lexicon import LexiconFile, lexicon_file
from ..names import ArticleNames, known_first_names, use_person_name_rules
from ..segment import WORD_RE, Span
from .cues import _DETERMINER_BEFORE, CueLexicon, CueMatch, _find_cues

if TYPE_CHECKING:
    from .speakers import SpeakerWords, _Speaker


class _Lookups:
    """The lexicon files an extraction reads besides its cues, each looked up once, when first needed.

    Looking a file up stats it (an edited file is read again); once per article was a
    noticeable share of the time on a large corpus, so :func:`find_quotes` shares one.
    """

    def __init__(self, lexicon_dir: str | None = None) -> None:
        self.lexicon_dir = lexicon_dir
        use_person_name_rules(lexicon_dir)  # person_names.toml as it is now

    @cached_property
    def types_file(self) -> LexiconFile:
        return lexicon_file("source_types", self.lexicon_dir)

    @cached_property
    def first_names(self) -> dict[str, str]:
        return known_first_names()

    @cached_property
    def speaker_words(self) -> SpeakerWords:
        from .speakers import load_speaker_words  # speakers imports this module

        return load_speaker_words(self.lexicon_dir)


class _ArticleContext:
    """The article as the extractor reads it: sentences, paragraphs, quotation spans and cues, computed once."""

    def __init__(self, doc: Document, lex: CueLexicon, lookups: _Lookups | None = None) -> None:
        self.article = doc.article
        self.text = text = doc.text
        self.lex = lex
        self.lookups = lookups or _Lookups()
        self.voice = doc.voice
        self.sentences = [s for s in doc.sentences if not self.voice.is_excluded(s.start, s.end)]
        self._sentence_starts = [s.start for s in self.sentences]
        self._sentence_ends = [s.end for s in self.sentences]
        # Paragraph distance counts only paragraphs with words (" ." separators are not paragraphs).
        self.paragraph_starts = [p.start for p in doc.paragraphs if WORD_RE.search(text, p.start, p.end)]
        self.spans = [s for s in doc.quote_spans if not self.voice.is_excluded(s.start, s.end)]
        self._furniture = Ranges([(r.start, r.end) for r in doc.excluded if r.reason != "repeated"])
        self._span_starts = [s.start for s in self.spans]
        self._span_ends = [s.end for s in self.spans]
        self._before: dict[tuple[int, int], _Speaker | None] = {}
        self.cues = [m for m in _find_cues(text, lex) if self._is_cue(m)]
        self.cue_starts = [m.start() for m in self.cues]
        self.speakers: list[tuple[int, str]] = []  # (offset, resolved speaker), kept sorted
        self.single_names: set[str] = set()  # one-word speakers that are people ("Kim")
        # Sorted views of ``speakers`` for the look-backs, so none of them scans every speaker:
        # people (by the gender a pronoun excludes), things, and groups.
        self._people: dict[str | None, list[tuple[int, str]]] = {None: [], "female": [], "male": []}
        self._not_yet_people: dict[str, list[tuple[int, str]]] = {}  # until the name proves a single name
        self._things: list[tuple[int, str]] = []
        self._described: list[tuple[int, str]] = []  # speakers named by their role: "the deputy from Elm"
        self._groups: list[tuple[int, str]] = []
        self._subjects_by_gender: dict[str | None, list[tuple[int, str]]] = {}

    @cached_property
    def names(self) -> ArticleNames:
        return ArticleNames(self.text, self.lex.titles, self.lex.title_words, self._not_narration)

    def _not_narration(self, start: int, end: int) -> bool:
        """Inside a quotation, or in page furniture (a byline, an author line, a caption): no subject stands there.

        A repeated paragraph is excluded from counts but is still the story's narration.
        """
        return self.inside_quote(start, end) or self._furniture.overlaps(start, end)

    def inside_quote(self, start: int, end: int) -> bool:
        i = bisect_right(self._span_starts, start) - 1
        return i >= 0 and self.spans[i].content_start <= start and end <= self.spans[i].content_end

    def _is_cue(self, m: CueMatch) -> bool:
        if self.inside_quote(m.start(), m.end()) or self.voice.is_excluded(m.start(), m.end()):
            return False
        before = self.text[max(0, m.start() - 40) : m.start()]
        if m.group()[0].isupper() and before.rstrip() and before.rstrip()[-1] not in '.!?\n"”':
            return False  # "State Duma", "Said" in a name
        if _DETERMINER_BEFORE.search(before) and not m.group().lower().endswith(("ed", "said", "told", "wrote")):
            return False  # a noun: "a warning", "the claims"
        return True

    def sentence_of(self, offset: int) -> Span | None:
        i = bisect_right(self._sentence_starts, offset) - 1
        if i >= 0 and offset < self.sentences[i].end:
            return self.sentences[i]
        return None

    def paragraph_index(self, offset: int) -> int:
        return bisect_right(self.paragraph_starts, offset) - 1

    def last_cue_between(self, start: int, end: int) -> CueMatch | None:
        """The last of :meth:`cues_between`, found from the end (cues are in order and disjoint)."""
        i = bisect_left(self.cue_starts, end) - 1
        while i >= 0 and self.cues[i].start() >= start:
            if self.cues[i].end() <= end:
                return self.cues[i]
            i -= 1
        return None

    def cues_between(self, start: int, end: int) -> list[CueMatch]:
        i = bisect_right(self.cue_starts, start - 1)
        out = []
        while i < len(self.cues) and self.cues[i].start() < end:
            if self.cues[i].end() <= end:
                out.append(self.cues[i])
            i += 1
        return out
