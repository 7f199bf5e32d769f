"""One document per article, built once: every area reads it, nothing re-segments or re-pairs an article."""

from __future__ import annotations

import inspect
import pkgutil
from importlib import import_module

import pytest

import analysis
from analysis import document as document_module
from analysis.document import Document, documents, forget_documents

from .conftest import SEEDS


def _counting(monkeypatch, module, name, calls):
    original = getattr(module, name)

    def counted(text, *args, **kwargs):
        calls.append((name, len(text)))
        return original(text, *args, **kwargs)

    monkeypatch.setattr(module, name, counted)


def test_each_article_is_segmented_and_paired_once_across_every_area(monkeypatch):
    from analysis import corpus as corpus_module

    calls: list[tuple[str, int]] = []
    for module, name in ((corpus_module, "paragraphs"), (document_module, "paragraphs"),
                         (document_module, "sentences"), (document_module, "word_starts"),
                         (document_module, "pair_quotes"), (document_module, "normalise")):
        _counting(monkeypatch, module, name, calls)
    corpus = analysis.load_corpus(SEEDS)
    articles = len(corpus.articles)
    analysis.metrics_table(corpus)
    analysis.find_terms(corpus)
    analysis.find_quotes(corpus)
    analysis.find_loaded(corpus)
    analysis.overview_table(corpus)
    by_step = {name: sum(1 for n, _ in calls if n == name) for name, _ in calls}
    assert by_step == {"paragraphs": articles, "sentences": articles, "word_starts": articles,
                       "pair_quotes": articles, "normalise": articles}


def test_a_changed_text_gets_a_new_document():
    corpus = analysis.load_corpus(SEEDS)
    first = next(documents(corpus))
    assert next(documents(corpus)) is first  # the same table: the same document
    changed = corpus.articles.copy()
    changed.loc[0, "text"] = "Entirely new text, “with a quotation,” she said."
    changed.loc[0, "excluded"] = ()
    fresh = next(documents(changed))
    assert fresh is not first and fresh.text == changed.loc[0, "text"]
    assert [s.start for s in fresh.quote_spans] == [19]
    forget_documents()
    assert next(documents(corpus)) is not first


def test_document_parts_agree_with_the_segmenter_and_pairing():
    from analysis.quotations import quote_spans
    from analysis.segment import paragraphs, sentences, word_starts

    text = "He said: “We will stay here for as long as it takes.” Mr. Smith left.\n\nA paragraph with ‘scare’ quotes."
    doc = Document.of_text(text, article="x")
    assert doc.paragraphs == paragraphs(text)
    assert doc.sentences == sentences(text)
    assert doc.word_starts == word_starts(text)
    assert doc.quote_spans == quote_spans(text)
    assert doc.count_words() == len(word_starts(text))
    assert doc.voice.voice(text.index("stay"), text.index("stay") + 4) == "quoted"


def _text_first_caches():
    for info in pkgutil.walk_packages(analysis.__path__, prefix="analysis."):
        if info.name == "analysis.__main__":  # importing it runs the command line
            continue
        module = import_module(info.name)
        for name, value in vars(module).items():
            if callable(value) and hasattr(value, "cache_info"):
                try:
                    params = list(inspect.signature(value).parameters)
                except (TypeError, ValueError):
                    continue
                yield f"{info.name}.{name}", params[:1]


@pytest.mark.parametrize("cached", [c for c, first in _text_first_caches() if first == ["text"]] or ["none"])
def test_no_cache_is_keyed_on_a_whole_article_text(cached):
    assert cached == "none", f"{cached} caches results by article text; keep them on the Document instead"


def test_every_module_says_which_pipeline_step_it_is():
    from pathlib import Path

    steps = ("load", "document", "areas", "tables", "after the tables", "all of them", "shared by")
    package = Path(analysis.__file__).parent
    for path in sorted(package.rglob("*.py")):  # subpackages too (analysis/sourcing/)
        dotted = ".".join(("analysis", *path.relative_to(package).with_suffix("").parts)).removesuffix(".__init__")
        docstring = inspect.getdoc(import_module(dotted)) if path.stem != "__main__" else (
            path.read_text(encoding="utf-8").split('"""')[1])
        line = next((x for x in (docstring or "").splitlines() if x.startswith("Pipeline step: ")), "")
        assert line.removeprefix("Pipeline step: ").startswith(steps), f"{path.relative_to(package)}: no 'Pipeline step:' line"
