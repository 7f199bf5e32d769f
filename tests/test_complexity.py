"""Every per-hit step does work linear in the article: counted in bytecodes, never timed.

Each area runs on a dense article and on one four times longer. Python bytecodes executed
in the ``analysis`` package, in difflib and in VADER are counted with ``sys.settrace``; for
linear work the count per word stays the same, for work that compares every hit with every
other it grows about 4x. The counts are exact and the same on every machine. (Work done
inside C, such as slicing a string, is not counted: ``benchmarks/density.py`` times that.)
"""

from __future__ import annotations

import difflib
import random
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from types import FrameType
from typing import Any

import pytest
import vaderSentiment

import analysis
from analysis import load_corpus

# Where the per-text work runs in Python: the package itself, difflib (paragraph similarity) and VADER (tone).
COUNTED = tuple(str(Path(module.__file__).resolve().parent) for module in (analysis, vaderSentiment)) + (
    str(Path(difflib.__file__).resolve()),
)
SMALL, LARGE = 10, 40  # paragraphs
LINEAR_GROWTH = 1.25  # bytecodes per word, large over small: linear work stays near 1, quadratic nears 4

_PEOPLE = ["Anna Petrova", "Dmitry Sokolov", "Olga Volkova", "Pavel Orlov", "Irina Lebedeva", "Sergei Morozov",
           "Marta Kuznetsova", "Viktor Popov", "Elena Fedorova"]
_WAR = ["war", "invasion", "war of aggression", "occupation", "full-scale war", "annexation"]
_KREMLIN = ["special military operation", "military operation", "special operation", "SMO"]
_LOADED = ["catastrophic", "draconian", "brutal", "staggering", "reckless", "absurd", "grim", "shocking"]
_NOUNS = ["regime", "fiasco", "farce", "charade", "crackdown", "disaster"]
_TOWNS = ["Smolensk", "Kolpino", "Vyborg", "Tosno", "Pushkin", "Gatchina"]
_CUES = ["said", "claimed", "insisted", "added", "warned"]
_SENTENCES = [
    "“The {war} is a {loaded} {noun},” {cue} {person}, {age}, a deputy of the {town} council.",
    "He told the Moscow Times that the so-called “{kremlin}” was a very {loaded} {noun}.",
    "{person} {cue}: \"Nobody in {town} wants this {war}; it is {loaded} and not a {kremlin}.\"",
    "According to {person}, more than {number} officials signed the anti-war petition.",
    "The {kremlin} had lasted for nearly {months} months, and the {town} district council {cue} so.",
    "‘It was reportedly {loaded}’, she wrote on Telegram, calling the anti-war protest a {loaded} {noun}.",
    "Critics say the {kremlin} is a {noun}; {person} {cue} the {war} was {loaded}.",
    "The Kremlin calls it a “{kremlin}” rather than a “{war}”, and {person} {cue} it was {loaded}.",
]


def dense_text(paragraphs: int) -> str:
    """Paragraphs packed with terms, loaded words, quotations and cues; no two alike."""
    out = ["March 3, 2022"]
    for i in range(paragraphs):
        r = random.Random(i)
        sentences = []
        for template in r.sample(_SENTENCES, 5):
            sentences.append(template.format(
                war=r.choice(_WAR), kremlin=r.choice(_KREMLIN), loaded=r.choice(_LOADED), noun=r.choice(_NOUNS),
                town=r.choice(_TOWNS), cue=r.choice(_CUES), person=r.choice(_PEOPLE), age=r.randint(20, 80),
                number=r.randint(10, 99), months=r.randint(2, 11),
            ))
        out.append(" ".join(sentences))
    return "\n\n".join(out) + "\n"


def _clear_caches() -> None:
    from analysis.document import forget_documents

    forget_documents()


def bytecodes(run: Callable[[], Any]) -> int:
    """Bytecodes executed in the ``COUNTED`` code while ``run()`` runs."""
    count = 0

    def local(frame: FrameType, event: str, arg: Any) -> Any:
        nonlocal count
        if event == "opcode":
            count += 1
        return local

    def tracer(frame: FrameType, event: str, arg: Any) -> Any:
        if frame.f_code.co_filename.startswith(COUNTED):
            frame.f_trace_opcodes = True
            return local
        return None

    previous = sys.gettrace()
    sys.settrace(tracer)
    try:
        run()
    finally:
        sys.settrace(previous)
    return count


def dense_corpora(*sizes: int) -> dict[int, Any]:
    return {size: load_corpus_from_text(dense_text(size)) for size in sizes}


@pytest.fixture(scope="module")
def corpora() -> dict[int, Any]:
    return dense_corpora(SMALL, LARGE)


def growth(corpora: dict[int, Any], area: Callable[[Any], Any]) -> float:
    """Bytecodes per word on the large article over bytecodes per word on the small one (caches cold).

    Linear work gives about 1 (less, with fixed costs); work that pairs every hit with
    every other grows with the size ratio, here about 4.
    """
    per_word = []
    for size in sorted(corpora):
        area(corpora[size])  # lexicons and other one-off loads, outside the count
        _clear_caches()
        count = bytecodes(lambda size=size: area(corpora[size]))
        per_word.append(count / len(str(corpora[size].articles["text"][0]).split()))
    return per_word[1] / per_word[0]


def test_the_dense_text_is_dense(corpora):
    from analysis import find_quotes, find_terms

    terms = find_terms(corpora[LARGE])
    assert len(terms) >= 7 * LARGE
    assert len(find_quotes(corpora[LARGE])) >= 5 * LARGE
    assert not any(r.reason == "repeated" for r in corpora[LARGE].articles["excluded"][0])


def test_matching_is_linear_in_hits(corpora):
    from analysis.matching import match
    from analysis.terms import load_frame_lexicon

    automaton = load_frame_lexicon().automaton
    assert growth(corpora, lambda c: match(c.articles["text"][0], automaton)) <= LINEAR_GROWTH


def _text(corpus: Any) -> str:
    return str(corpus.articles["text"][0])


def test_cleaning_is_linear():
    # Longer articles: each trigram remembers its first 20 paragraphs, so the bound shows from there on.
    from analysis.clean import excluded_regions

    assert growth(dense_corpora(40, 160), lambda c: excluded_regions(_text(c))) <= LINEAR_GROWTH


def test_segmentation_is_linear(corpora):
    from analysis.segment import paragraphs, sentences, word_starts

    def segment(corpus: Any) -> None:
        paragraphs(_text(corpus))
        sentences(_text(corpus))
        word_starts(_text(corpus))

    assert growth(corpora, segment) <= LINEAR_GROWTH


def test_quotation_pairing_is_linear(corpora):
    from analysis.quotations import quote_spans

    assert growth(corpora, lambda c: quote_spans(_text(c))) <= LINEAR_GROWTH


def test_quotation_pairing_with_many_single_marks_inside_a_quotation_is_linear():
    # Each closing single mark inside a double quotation asks whether a double closer follows.
    from analysis.quotations import quote_spans

    def quotation(marks: int) -> str:
        return "“" + " ".join(f"the voters’ choice {i}" for i in range(marks)) + ",” she said."

    counts = []
    for marks in (100, 400):
        _clear_caches()
        counts.append(bytecodes(lambda marks=marks: quote_spans(quotation(marks))))
    assert len(quote_spans(quotation(3))) == 1
    assert counts[1] / counts[0] <= 4 * LINEAR_GROWTH


def test_terms_with_voice_are_linear(corpora):
    from analysis.terms import find_terms, term_rates

    assert growth(corpora, lambda c: term_rates(find_terms(c), c)) <= LINEAR_GROWTH


def test_loaded_language_is_linear(corpora):
    from analysis.loaded import find_loaded, loaded_metrics

    assert growth(corpora, lambda c: loaded_metrics(find_loaded(c), c)) <= LINEAR_GROWTH


def test_sourcing_is_linear(corpora):
    from analysis.sourcing import cited_outlets, find_quotes, sourcing_metrics

    def sourcing(corpus: Any) -> None:
        sourcing_metrics(find_quotes(corpus), corpus)
        cited_outlets(corpus)

    assert growth(corpora, sourcing) <= LINEAR_GROWTH


def test_readability_and_tone_are_linear(corpora):
    from analysis.readability import readability_table
    from analysis.tone import sentence_tone, tone_metrics

    def readability_and_tone(corpus: Any) -> None:
        readability_table(corpus)
        tone_metrics(sentence_tone(corpus), corpus)

    assert growth(corpora, readability_and_tone) <= LINEAR_GROWTH


def test_metrics_table_is_linear(corpora):
    from analysis.metrics import metrics_table

    assert growth(corpora, metrics_table) <= LINEAR_GROWTH


def test_compare_steps_within_an_article_are_linear(corpora):
    from analysis.compare import metadata_anomalies, name_variants, numeric_claims, reuse_matrix, reused_passages

    passages = {size: reused_passages(corpus) for size, corpus in corpora.items()}

    def compare(corpus: Any) -> None:
        size = next(s for s, c in corpora.items() if c is corpus)
        reuse_matrix(passages[size], corpus)
        name_variants(corpus)
        numeric_claims(corpus)
        metadata_anomalies(corpus)

    assert growth(corpora, compare) <= LINEAR_GROWTH


def test_an_exact_copy_of_a_long_paragraph_costs_linear_work():
    from analysis.clean import excluded_regions

    def copies(words: int) -> str:
        paragraph = " ".join(f"{_LOADED[i % 8]} {_NOUNS[i % 6]} number {i % 40}" for i in range(words // 4))
        return paragraph + "\n\n" + paragraph

    counts = [bytecodes(lambda words=words: excluded_regions(copies(words))) for words in (400, 1600)]
    assert excluded_regions(copies(400))[-1].reason == "repeated"
    assert counts[1] / counts[0] <= 4 * LINEAR_GROWTH


def test_text_without_sentence_ends_costs_linear_work(monkeypatch):
    # One endless sentence would make tone (VADER) and attribution grow with its square; the
    # segmenter cuts it into pieces (fewer words here than the shipped limit, to keep the test fast).
    from analysis import segment
    from analysis.sourcing import find_quotes
    from analysis.tone import sentence_tone

    monkeypatch.setattr(segment, "MAX_SENTENCE_WORDS", 50)

    def endless(paragraphs: int) -> Any:
        return load_corpus_from_text(dense_text(paragraphs).translate(str.maketrans(".!?\n", ",,, ")))

    def tone_and_sources(corpus: Any) -> None:
        sentence_tone(corpus)
        find_quotes(corpus)

    assert growth({size: endless(size) for size in (SMALL, LARGE)}, tone_and_sources) <= LINEAR_GROWTH


def load_corpus_from_text(text: str) -> Any:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "dense.txt"
        path.write_text(text, encoding="utf-8")
        return load_corpus(path)
