"""The tuning numbers of quotation extraction, in one documented place.

Word lists live in the lexicon files (``attribution.toml``, ``speakers.toml``,
``source_types.toml``, ``outlets.toml``, ``person_names.toml``); the numbers that
bound how far each rule looks are here. Each was set on PolNeAR train and GGT dev,
never on a test split. They are distances in characters or counts of words, chosen
to cover the long tail of real sentences without reaching into the next story
paragraph; changing one changes what is found, so the benchmark figures in the
README hold for these values.

Pipeline step: areas (sourcing).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class SourcingSettings:
    """How far the sourcing rules look, in characters or words."""

    cue_reach: int = 220
    """Characters between a quotation and a cue that attributes it ("…,” the mayor said")."""

    speaker_reach: int = 160
    """Characters read back from a cue for its speaker's noun phrase ("Nikita Yuferev, 34, a deputy, said")."""

    clause_reach: int = 400
    """Characters read back from a participle or a second verb for its clause's subject ("X …, saying")."""

    max_speaker_words: int = 9
    """Words a speaker's noun phrase may have before only a name inside it can speak."""

    pronoun_reach: int = 2500
    """Characters back a pronoun looks for its person first (then anywhere before it)."""

    pronoun_paragraphs: int = 6
    """Paragraphs back a pronoun looks for its person first (the nearer of this and ``pronoun_reach``)."""

    group_reach: int = 1500
    """Characters back "they" looks for a group or plural subject."""

    antecedent_reach: int = 120
    """Characters back a relative ("which", "that") looks for its noun phrase."""

    outlet_reach: int = 120
    """Characters back from an after-cue ("reports") an outlet's name may start."""

    role_after: int = 160
    """Characters read after a speaker's name for an appositive role ("X, a municipal deputy, …")."""

    max_title_words: int = 7
    """Words of a title before a name ("municipal deputy of the Smolninskoye district Ivan Sorokin")."""

    max_appositive_words: int = 12
    """Words of an appositive role after a name."""

    name_similarity: float = 85.0
    """rapidfuzz ratio at which two spellings of a surname are one (a typo, a transliteration)."""


SETTINGS = SourcingSettings()
"""The settings the extractor runs with."""
