"""Sourcing: who is quoted, how, and how often.

Quotations come from :mod:`analysis.quotations` (the one place quote marks are
paired); this module decides what each one is, who said it and how it was
introduced, and finds reported speech that has no quote marks at all.

* ``direct``: a whole quotation in marks (a sentence or more, or introduced
  with a colon, or the second half of a quotation split by its attribution);
* ``partial``: a quoted fragment inside the writer's own sentence;
* ``indirect``: reported speech without marks ("X said that …", "according to
  X, …", "…, he claimed"); a quoted fragment inside it belongs to it;
* ``mention``: scare quotes, a quoted term, sign text or a title, never a source.

Speakers are found next to their cue (before or after it, through
appositives: "Nikita Yuferev, 34, said", "said one of the councillors, Nikita
Yuferev"), pronouns are resolved to the last fitting source or name, a
surname alone resolves to the full name used elsewhere in the article, and a
misspelt surname ("Payuga") to the closest known one (rapidfuzz). A quotation
with no attribution continues the previous speaker's; a pull-quote takes the
speaker of the quotation it repeats. Everything is rules over the text:
no statistical parser runs.

References:
    Asr, F. T. et al. (2021). The Gender Gap Tracker: Using natural language
    processing to measure gender bias in media. *PLoS ONE* 16(1).
    Pareti, S. (2016). PARC 3.0: A corpus of attribution relations. LREC.

One module per concern, each reading the article's :class:`~analysis.document.Document`:

* :mod:`.cues`: the cue lexicon and where cues stand;
* :mod:`.context`: the article as the extractor reads it (sentences, paragraphs, spans, cues);
* :mod:`.speakers`: the noun phrase next to a cue, and its role;
* :mod:`.coreference`: pronouns, surnames, relatives; speakers carried across quotations;
* :mod:`.extraction`: what each quotation is and who said it (:func:`find_quotes`);
* :mod:`.roles`: every description an article gives a named speaker;
* :mod:`.source_types`: what kind of source a speaker is, settled across the corpus;
* :mod:`.outlets`: outlets and platforms cited as sources;
* :mod:`.metrics`: per-article and per-outlet roll-ups.

Person-name rules (is this a person's name, its gender, a surname alone) live in
:mod:`analysis.names`.

Pipeline step: areas.
"""

from __future__ import annotations

from .cues import STANCES, CueLexicon, CueMatch, load_cue_lexicon
from .extraction import KINDS, QUOTE_COLUMNS, SPLIT_MODES, Quote, article_quotes, find_quotes
from .metrics import merge_speaker_variants, sourcing_metrics, sourcing_summary, speaker_table
from .outlets import OUTLET_COLUMNS, cited_outlets
from .source_types import (
    SOURCE_TYPES,
    add_type_votes,
    fill_speaker_types,
    merge_type_votes,
    settled_speaker_types,
    source_type,
    speaker_type_votes,
)

__all__ = [
    "STANCES",
    "CueLexicon",
    "CueMatch",
    "load_cue_lexicon",
    "KINDS",
    "QUOTE_COLUMNS",
    "SPLIT_MODES",
    "Quote",
    "article_quotes",
    "find_quotes",
    "merge_speaker_variants",
    "sourcing_metrics",
    "sourcing_summary",
    "speaker_table",
    "OUTLET_COLUMNS",
    "cited_outlets",
    "SOURCE_TYPES",
    "add_type_votes",
    "fill_speaker_types",
    "merge_type_votes",
    "settled_speaker_types",
    "source_type",
    "speaker_type_votes",
]
