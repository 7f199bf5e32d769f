"""Tone: the VADER compound score of every sentence, split by voice.

Each sentence's narrator part and quoted part are scored separately (the same
pieces that readability by voice uses), so an article's narrator tone is not
pulled by the sources it quotes. VADER's lexicon ships inside the
``vaderSentiment`` package: nothing is downloaded.

References:
    Hutto, C. J. and Gilbert, E. (2014). VADER: A parsimonious rule-based model for
    sentiment analysis of social media text. ICWSM.

Pipeline step: areas.
"""

from __future__ import annotations

import math
import string
import types
from functools import lru_cache

import pandas as pd
from vaderSentiment import vaderSentiment as vader
from vaderSentiment.vaderSentiment import BOOSTER_DICT, SentimentIntensityAnalyzer, SentiText

from .corpus import Corpus, iter_articles
from .document import documents
from .readability import sentence_pieces
from .typed_tables import typed_frame
from .voice import subtract

__all__ = ["TONE_COLUMNS", "sentence_tone", "tone_metrics", "readability_tone_summary"]

TONE_COLUMNS = ["article", "start", "end", "voice", "compound"]
_METRIC_DTYPES = {
    "article": "str", "tone.narrator_mean": "float64", "tone.narrator_sentences": "int64",
    "tone.quoted_mean": "float64", "tone.quoted_sentences": "int64", "tone.mean": "float64",
}


@lru_cache(maxsize=1 << 16)
def _negated_word(word: str) -> bool:
    return bool(vader.negated([word]))


def _negated(input_words: list[str], include_nt: bool = True) -> bool:
    """vaderSentiment's ``negated``, remembered per word: its negation check asks one word at a time."""
    if include_nt and len(input_words) == 1:
        return _negated_word(input_words[0])
    return bool(vader.negated(input_words, include_nt))


# The library's negation check, its code unchanged, run with ``negated`` remembered per word:
# looking a word up among VADER's 59 negations cost more than the rest of the check.
_library_negation_check = SentimentIntensityAnalyzer._negation_check
_negation_check_remembering = types.FunctionType(_library_negation_check.__code__,
                                                 {**vars(vader), "negated": _negated}, _library_negation_check.__name__)


class _LeanAnalyzer(SentimentIntensityAnalyzer):
    """VADER's own rules, run only where they can change the score, on only the words they read.

    The rules stay the library's; what is skipped provably leaves every compound score as
    ``polarity_scores`` gives it (tests/test_tone_scores.py checks it on generated text).
    vaderSentiment 3.3.2 lower-cases the whole sentence inside its negation and idiom checks,
    four times per sentiment word, yet they read only the words from ``i - 3`` to ``i + 2``:
    given that window (and ``i`` within it) they return the same value, in constant time.
    """

    def __init__(self) -> None:
        super().__init__()
        # polarity_scores replaces text character by character: only one-character keys can match
        # (none is ASCII).
        self.emoji_chars = frozenset(key for key in self.emojis if len(key) == 1)

    @staticmethod
    def _negation_check(valence: float, words_and_emoticons: list[str], start_i: int, i: int) -> float:
        # Reads words i - 1 down to i - 1 - start_i; its caller ensures i > start_i.
        low = max(0, i - 3)
        window = words_and_emoticons[low : i + 1]
        return _negation_check_remembering(valence, window, start_i, i - low)

    @staticmethod
    def _special_idioms_check(valence: float, words_and_emoticons: list[str], i: int) -> float:
        # Reads words i - 3 to i + 2 (those after i only when they exist); its caller ensures i >= 3.
        if i < 3:
            return SentimentIntensityAnalyzer._special_idioms_check(valence, words_and_emoticons, i)
        window = words_and_emoticons[i - 3 : i + 3]
        return SentimentIntensityAnalyzer._special_idioms_check(valence, window, 3)

    def compound_without_emoji(self, text: str) -> float:
        """``polarity_scores(text)["compound"]`` for a text without emoji characters, rules run on lexicon words only.

        For such a text polarity_scores's emoji pass changes nothing, and its word loop gives
        0 to every word outside the lexicon (sentiment_valence leaves it at 0), to boosters
        and to the "kind" of "kind of": the library's rules are called for the other words.
        """
        sentitext = SentiText(text.strip())
        words = sentitext.words_and_emoticons
        lowered = [word.lower() for word in words]
        end = len(words) - 1
        lexicon = self.lexicon
        sentiments: list[float] = []
        for i, low in enumerate(lowered):
            if low not in lexicon or low in BOOSTER_DICT or (low == "kind" and i < end and lowered[i + 1] == "of"):
                sentiments.append(0)  # as polarity_scores gives these words
            else:
                self.sentiment_valence(0, sentitext, words[i], i, sentiments)
        if "but" in lowered:  # _but_check changes nothing without it
            sentiments = self._but_check(words, sentiments)
        return self.score_valence(sentiments, sentitext.text)["compound"]


@lru_cache(maxsize=1)
def _analyzer() -> _LeanAnalyzer:
    return _LeanAnalyzer()


def _compound(analyzer: _LeanAnalyzer, piece: str) -> float:
    """VADER's compound score of ``piece``: the same float as ``polarity_scores(piece)["compound"]``.

    VADER first turns emoji characters into words; then a token has a valence only when,
    lower-cased and (if more than two characters remain) stripped of ASCII punctuation, it is
    in the lexicon. Without emoji, both forms of each token are looked up; when none is in
    the lexicon the score is exactly 0 and VADER is not called; otherwise its rules run on the
    lexicon words only (``_LeanAnalyzer.compound_without_emoji``).
    """
    if not piece.isascii() and not analyzer.emoji_chars.isdisjoint(piece):  # emoji become words: all to VADER
        return float(analyzer.polarity_scores(piece)["compound"])
    lexicon = analyzer.lexicon.keys()
    words = piece.lower().split()  # the same words as VADER's split, each lower-cased
    if lexicon.isdisjoint(words) and lexicon.isdisjoint([word.strip(string.punctuation) for word in words]):
        return 0.0
    return analyzer.compound_without_emoji(piece)


def sentence_tone(corpus: Corpus | pd.DataFrame) -> pd.DataFrame:
    """One row per sentence and voice with words: its offsets and VADER compound score."""
    analyzer = _analyzer()
    rows = []
    for doc in documents(corpus):
        art = doc.meta
        index = doc.voice
        spans = doc.sentences
        quoted = index.quoted_ranges()
        narrator = subtract(index.counted_ranges(), quoted)
        for voice, keep in (("narrator", narrator), ("quoted", quoted)):
            for sent, piece in zip(spans, sentence_pieces(art.text, spans, keep), strict=True):
                if any(c.isalpha() for c in piece):
                    rows.append((art.article, sent.start, sent.end, voice, round(_compound(analyzer, piece), 4)))
    return pd.DataFrame(rows, columns=TONE_COLUMNS)


def tone_metrics(tone: pd.DataFrame, corpus: Corpus | pd.DataFrame) -> pd.DataFrame:
    """``tone.*`` columns: mean compound score for narrator, quoted and all sentence parts."""
    # One pass over plain lists: per-article DataFrame filtering cost more than VADER itself.
    scores: dict[tuple[str, str], list[float]] = {}
    for article, voice, compound in zip(tone["article"].tolist(), tone["voice"].tolist(),
                                        tone["compound"].tolist(), strict=True):
        scores.setdefault((article, voice), []).append(compound)
    rows = []
    for art in iter_articles(corpus):
        row: dict[str, object] = {"article": art.article}
        every: list[float] = []
        for voice in ("narrator", "quoted"):
            part = scores.get((art.article, voice), [])
            every += part
            row[f"tone.{voice}_mean"] = _mean(part)
            row[f"tone.{voice}_sentences"] = len(part)
        row["tone.mean"] = _mean(every)
        rows.append(row)
    return typed_frame(rows, _METRIC_DTYPES)


def _mean(values: list[float]) -> float:
    return round(math.fsum(values) / len(values), 4) if values else 0.0


def readability_tone_summary(metrics: pd.DataFrame) -> dict[str, float]:
    """Named key figures for the readability-and-tone notebook: corpus means by voice."""
    summary: dict[str, float] = {"articles": len(metrics)}
    for column in ("readability.flesch_reading_ease", "readability.narrator_flesch_reading_ease",
                   "readability.quoted_flesch_reading_ease", "tone.narrator_mean", "tone.quoted_mean", "tone.mean"):
        summary[column] = round(float(metrics[column].mean()), 4) if len(metrics) else 0.0
    return summary
