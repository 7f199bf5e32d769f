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
from functools import lru_cache
from typing import Any

import pandas as pd

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


@lru_cache(maxsize=1)
def _analyzer() -> Any:
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    return SentimentIntensityAnalyzer()


_STRIP = string.punctuation + "“”‘’«»—–…"


def _compound(analyzer: Any, piece: str) -> float:
    """VADER's compound score; 0.0 without calling VADER when no token can carry sentiment.

    VADER scores only tokens in its lexicon (words and emoticons) and emoji; a piece
    with none of them scores exactly 0, so the shortcut changes no result.
    """
    lexicon = analyzer.lexicon
    for token in piece.split():
        low = token.lower()
        emoji = any(c in analyzer.emojis for c in token if ord(c) > 0x2190)
        if emoji or low in lexicon or low.strip(_STRIP) in lexicon:
            return float(analyzer.polarity_scores(piece)["compound"])
    return 0.0


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
