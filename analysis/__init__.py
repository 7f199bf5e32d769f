"""Framing Lens: measure how news outlets frame the same story.

Load a corpus, then measure it; every span carries ``article``, ``start`` and
``end`` offsets into the untouched source text. Metrics return DataFrames and
never draw; :mod:`analysis.plots` draws and never computes.

Each public name is imported on first use (PEP 562), so ``import analysis`` is
quick and a command such as ``framing metrics`` never loads matplotlib;
``analysis.<name>``, ``from analysis import <name>``, ``import *`` and
``analysis.<submodule>`` work as they did with eager imports.

Pipeline step: all of them: the public API.
"""

from __future__ import annotations

import importlib
import importlib.util
from typing import TYPE_CHECKING, Any

# chart_rows is both a submodule and the function it exports. Bound now, the name stays the
# function even after ``import analysis.chart_rows`` (importing a submodule the first time sets
# the package's attribute of that name to the module). It costs little: no matplotlib.
from .chart_rows import chart_rows

if TYPE_CHECKING:  # for type checkers and editors; at run time each name is imported on first use
    from .accuracy import read_accuracy
    from .chart_files import Chart, SavedFigure, figures_folder, save_figure
    from .chart_rows import (
        ChartRows,
        figures_by_row,
        lengths_by_row,
        loaded_rates_by_row,
        quote_counts_by_row,
        quoted_share_by_row,
        readability_by_row,
        reuse_by_row,
        speakers_by_row,
        term_counts_by_row,
        term_rates_by_row,
        tone_by_row,
    )
    from .clean import Region, excluded_regions
    from .compare import (
        comparison_summary,
        figure_conflicts,
        figures_by_quantity,
        metadata_anomalies,
        name_variants,
        numeric_claims,
        reuse_matrix,
        reused_passages,
        reused_words,
    )
    from .corpus import Corpus, CorpusError, load_corpus, stream_corpus
    from .display import interactive_tables
    from .document import Document, documents
    from .explorer import Explorer, TermSearch
    from .explorer_app import ExplorerApp, explore
    from .glance import glance_table
    from .labels import article_labels, corpus_description, corpus_name, source_line
    from .lexicon import LexiconError, read_lexicon
    from .loaded import find_loaded, highlight, highlight_article, loaded_metrics, loaded_summary, top_loaded_terms
    from .metrics import metrics_table, stream_metrics
    from .notice import Notice, coverage_notice
    from .overview import excluded_table, overview_summary, overview_table
    from .plots import (
        KIND_COLOURS,
        STANCE_COLOURS,
        TYPE_COLOURS,
        VOICE_COLOURS,
        plot_article_lengths,
        plot_counts_by_row,
        plot_family_rates,
        plot_figure_ranges,
        plot_grouped_by_row,
        plot_quoted_share,
        plot_reuse_heatmap,
        plot_speaker_heatmap,
        plot_term_pair,
    )
    from .quotations import QuoteSpan, quote_problems, quote_spans
    from .readability import readability_table
    from .report import build_report, write_summary
    from .segment import paragraphs, sentences
    from .sourcing import cited_outlets, find_quotes, sourcing_metrics, sourcing_summary, speaker_table
    from .terms import find_terms, kwic, load_frame_lexicon, rates_wide, term_rates, term_summary
    from .tone import readability_tone_summary, sentence_tone, tone_metrics
    from .voice import VoiceIndex

#: Where each public name lives: the module it is imported from on first use.
_EXPORTS: dict[str, tuple[str, ...]] = {
    "accuracy": ("read_accuracy",),
    "chart_files": ("Chart", "SavedFigure", "figures_folder", "save_figure"),
    "chart_rows": (
        "ChartRows", "chart_rows", "figures_by_row", "lengths_by_row", "loaded_rates_by_row",
        "quote_counts_by_row", "quoted_share_by_row", "readability_by_row", "reuse_by_row", "speakers_by_row",
        "term_counts_by_row", "term_rates_by_row", "tone_by_row",
    ),
    "clean": ("Region", "excluded_regions"),
    "compare": (
        "comparison_summary", "figure_conflicts", "figures_by_quantity", "metadata_anomalies", "name_variants",
        "numeric_claims",
        "reuse_matrix", "reused_passages", "reused_words",
    ),
    "corpus": ("Corpus", "CorpusError", "load_corpus", "stream_corpus"),
    "document": ("Document", "documents"),
    "explorer": ("Explorer", "TermSearch"),
    "explorer_app": ("ExplorerApp", "explore"),
    "display": ("interactive_tables",),
    "glance": ("glance_table",),
    "labels": ("article_labels", "corpus_description", "corpus_name", "source_line"),
    "lexicon": ("LexiconError", "read_lexicon"),
    "loaded": ("find_loaded", "highlight", "highlight_article", "loaded_metrics", "loaded_summary", "top_loaded_terms"),
    "metrics": ("metrics_table", "stream_metrics"),
    "notice": ("Notice", "coverage_notice"),
    "overview": ("excluded_table", "overview_summary", "overview_table"),
    "plots": (
        "KIND_COLOURS", "STANCE_COLOURS", "TYPE_COLOURS", "VOICE_COLOURS", "plot_article_lengths",
        "plot_counts_by_row", "plot_family_rates", "plot_figure_ranges", "plot_grouped_by_row",
        "plot_quoted_share", "plot_reuse_heatmap", "plot_speaker_heatmap", "plot_term_pair",
    ),
    "quotations": ("QuoteSpan", "quote_problems", "quote_spans"),
    "readability": ("readability_table",),
    "report": ("build_report", "write_summary"),
    "segment": ("paragraphs", "sentences"),
    "sourcing": ("cited_outlets", "find_quotes", "sourcing_metrics", "sourcing_summary", "speaker_table"),
    "terms": ("find_terms", "kwic", "load_frame_lexicon", "rates_wide", "term_rates", "term_summary"),
    "tone": ("readability_tone_summary", "sentence_tone", "tone_metrics"),
    "voice": ("VoiceIndex",),
}
_MODULE_OF = {name: module for module, names in _EXPORTS.items() for name in names}

__all__ = [
    "comparison_summary",
    "figure_conflicts",
    "figures_by_quantity",
    "metadata_anomalies",
    "name_variants",
    "numeric_claims",
    "plot_figure_ranges",
    "plot_reuse_heatmap",
    "reuse_matrix",
    "reused_passages",
    "reused_words",
    "glance_table",
    "read_accuracy",
    "find_loaded",
    "highlight",
    "highlight_article",
    "interactive_tables",
    "loaded_metrics",
    "loaded_summary",
    "Notice",
    "article_labels",
    "corpus_description",
    "corpus_name",
    "source_line",
    "coverage_notice",
    "plot_grouped_by_row",
    "readability_tone_summary",
    "sentence_tone",
    "tone_metrics",
    "top_loaded_terms",
    "KIND_COLOURS",
    "STANCE_COLOURS",
    "TYPE_COLOURS",
    "cited_outlets",
    "find_quotes",
    "plot_counts_by_row",
    "VOICE_COLOURS",
    "Chart",
    "SavedFigure",
    "figures_folder",
    "ChartRows",
    "chart_rows",
    "figures_by_row",
    "lengths_by_row",
    "loaded_rates_by_row",
    "quote_counts_by_row",
    "quoted_share_by_row",
    "readability_by_row",
    "reuse_by_row",
    "speakers_by_row",
    "term_counts_by_row",
    "term_rates_by_row",
    "tone_by_row",
    "plot_quoted_share",
    "plot_speaker_heatmap",
    "sourcing_metrics",
    "sourcing_summary",
    "speaker_table",
    "Corpus",
    "CorpusError",
    "LexiconError",
    "QuoteSpan",
    "Region",
    "VoiceIndex",
    "build_report",
    "excluded_regions",
    "excluded_table",
    "find_terms",
    "kwic",
    "load_corpus",
    "stream_corpus",
    "stream_metrics",
    "Document",
    "documents",
    "Explorer",
    "TermSearch",
    "ExplorerApp",
    "explore",
    "load_frame_lexicon",
    "metrics_table",
    "overview_summary",
    "overview_table",
    "paragraphs",
    "plot_article_lengths",
    "plot_family_rates",
    "plot_term_pair",
    "quote_problems",
    "quote_spans",
    "rates_wide",
    "read_lexicon",
    "readability_table",
    "save_figure",
    "sentences",
    "term_rates",
    "term_summary",
    "write_summary",
]


def __getattr__(name: str) -> Any:
    """A public name, imported on first use and then kept; or a submodule (``analysis.plots``)."""
    module = _MODULE_OF.get(name)
    if module is None:
        if name.startswith("__") or importlib.util.find_spec(f"{__name__}.{name}") is None:
            raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
        return importlib.import_module(f"{__name__}.{name}")
    value = getattr(importlib.import_module(f"{__name__}.{module}"), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})
