"""Lexicon files are checked against a schema on load, and an edited file takes effect on the next call."""

import hashlib
import json
import os
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from analysis.clean import excluded_regions
from analysis.compare import numeric_claims
from analysis.lexicon import (
    LEXICON_DIR,
    LEXICON_KINDS,
    SCHEMA_DIR,
    SHIPPED_SUMS,
    LexiconError,
    read_lexicon,
    validate_lexicon,
)
from analysis.loaded import LOADED_CATEGORIES, MODIFIER_CATEGORIES, load_loaded_lexicon
from analysis.sourcing import STANCES, find_quotes, load_cue_lexicon, source_type
from analysis.terms import load_frame_lexicon

from .conftest import ROOT, corpus_of, run_cli

WAR = '[families.war]\nterms = ["war"]\n'


def expect_error(call, *parts):
    """``call`` raises one line of LexiconError that holds every one of ``parts``."""
    with pytest.raises(LexiconError) as raised:
        call()
    message = str(raised.value)
    assert "\n" not in message
    for part in parts:
        assert part in message, message
    return message


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


# ------------------------------------------------------------------ frames ----

FRAME_CASES = [
    # a list where a table is expected (was a traceback)
    (WAR + 'variants = ["conflict"]\n', "families.war.variants: expected a table of term → list of strings", "got a list"),
    ("meta = [1]\n" + WAR, "meta: expected a table", "got a list"),
    # an empty list (was a traceback from the automaton)
    ('[families.war]\nterms = []\n', "families.war.terms: expected at least one term", "got an empty list"),
    ('[families.war]\nterms = "Iot"\n', "families.war.terms: expected a list of terms (strings)", 'got the string "Iot"'),
    # a string where a list of variants belongs (was: "I", "o", "t" counted as war)
    (WAR + '[families.war.variants]\nwar = "Iot"\n', "families.war.variants.war: expected a list of surface forms",
     'got the string "Iot"'),
    ('[families.war]\nlabel = "War"\n', "families.war.terms: expected a list of terms", "the key is missing"),
    ('[families.war]\nterms = ["war", 3]\n', "families.war.terms, item 2: expected a term", "got the number 3"),
    ('[families.war]\nterms = ["war", " "]\n', "families.war.terms, item 2: expected a term", 'got the string " "'),
    ('[meta]\nname = "x"\n', "families: expected a table of families", "the key is missing"),
    ("[families]\n", "families: expected at least one family", "got an empty table"),
    # unknown keys are typos: rejected with the keys that are allowed
    ('[famillies.war]\nterms = ["war"]\n', "famillies: unknown key; expected one of families, meta"),
    ('[families.war]\nterm = ["war"]\n', "families.war.term: unknown key; expected one of label, description, terms, variants, exclude"),
    ("colour = 'red'\n" + WAR, "colour: unknown key"),
    ('[families.war]\nterms = ["war"]\nlabel = 1\n', "families.war.label: expected a label (a string)", "got the number 1"),
    ("[meta]\nname = [1]\n" + WAR, "meta.name: expected a name (a string)", "got a list"),
    # a variant of a term the family does not list would never be counted
    (WAR + '[families.war.variants]\ninvasion = ["invaded"]\n', "families.war.variants.invasion: expected a term listed in families.war.terms"),
]


@pytest.mark.parametrize(("content", "parts"), [(case[0], case[1:]) for case in FRAME_CASES])
def test_malformed_frame_lexicon_names_file_key_and_expectation(tmp_path, content, parts):
    path = write(tmp_path, "bad.toml", content)
    expect_error(lambda: load_frame_lexicon(path), f"{path}: ", *parts)


def test_meta_holds_any_notes(tmp_path):
    path = write(tmp_path, "mine.toml", WAR + '[meta]\nname = "mine"\nversion = 2\nsource = "my notes"\n')
    assert load_frame_lexicon(path).name == "mine"


# ------------------------------------------------------------ other kinds ----


@pytest.mark.parametrize(
    ("content", "parts"),
    [
        ('[categories.adjective]\nmoderate = ["vile"]\n',
         ["categories.adjective.moderate: unknown key; expected one of strong, words, mild, exact"]),
        ('[categories.adjectives]\nwords = ["vile"]\n', ["categories.adjectives: unknown key", "adjective, adverb"]),
        ('[categories.noun]\nwords = "Iot"\n', ["categories.noun.words: expected a list of words", 'got the string "Iot"']),
        ('[categories.verb.exact]\nmild = [1]\n', ["categories.verb.exact.mild, item 1: expected a word", "got the number 1"]),
        ('[categories.noun]\nexact = ["x"]\n', ["categories.noun.exact: expected a table of levels", "got a list"]),
        ('[categories.noun]\nwords = ["thug"]\n[polarity]\npositive = "good"\n', ["polarity.positive: expected a list"]),
        ('[polarity]\npositive = ["good"]\n', ["categories: expected a table of categories", "the key is missing"]),
        ("[categories]\n", ["categories: expected at least one category", "got an empty table"]),
    ],
)
def test_malformed_loaded_lexicon(tmp_path, content, parts):
    path = write(tmp_path, "bad.toml", content)
    expect_error(lambda: load_loaded_lexicon(str(path)), f"{path}: ", *parts)


@pytest.mark.parametrize(
    ("content", "parts"),
    [
        ('[cues.say]\nstance = "sarcastic"\nforms = ["said"]\n',
         ["cues.say.stance: expected one of neutral, distancing, emphatic, medium", 'got the string "sarcastic"']),
        ('[cues."according to"]\nstance = "neutral"\nforms = "according to"\n',
         ['cues."according to".forms: expected a list', 'got the string "according to"']),
        ('[cues.say]\nstance = "neutral"\nforms = []\n', ["cues.say.forms: expected at least one form"]),
        ('[cues.say]\nforms = ["said"]\n', ["cues.say.stance: expected a stance", "the key is missing"]),
        ('[cues.say]\nstance = "neutral"\nforms = ["said"]\nindirect = "false"\n',
         ["cues.say.indirect: expected true or false", 'got the string "false"']),
        ('[cues.say]\nstance = "neutral"\nforms = ["said"]\n[media]\nplatforms = "Twitter"\n',
         ["media.platforms: expected a list of platform names", 'got the string "Twitter"']),
        ('[cues.say]\nstance = "neutral"\nforms = ["said"]\n[names]\ntitles = ["Mr", 2]\n',
         ["names.titles, item 2: expected a word", "got the number 2"]),
    ],
)
def test_malformed_attribution_lexicon(tmp_path, content, parts):
    path = write(tmp_path, "bad.toml", content)
    expect_error(lambda: load_cue_lexicon(str(path)), f"{path}: ", *parts)


@pytest.mark.parametrize(
    ("content", "parts"),
    [
        ('order = ["expert", "media"]\n[types.expert]\npatterns = ["professor"]\n',
         ["order, item 2: expected the name of a [types.NAME] table (expert)", 'got the string "media"']),
        ('order = ["expert"]\n[types.expert]\npatterns = ["professor"]\n[types.media]\npatterns = ["news"]\n',
         ["types.media: expected this type's name in order"]),
        ('[types.expert]\npatterns = ["(professor"]\n',
         ["types.expert.patterns, item 1: expected a regular expression", 'got the string "(professor"', "missing )"]),
        ('[types.expert]\npatterns = "professor"\n', ["types.expert.patterns: expected a list of regular expressions"]),
        ('[types.expert]\nlabel = "Expert"\n', ["types.expert.patterns", "the key is missing"]),
        ('order = ["expert", "expert"]\n[types.expert]\npatterns = ["professor"]\n', ["order: expected each entry once"]),
        ('role_order = ["expert", "nobody"]\n[types.expert]\npatterns = ["professor"]\n',
         ["role_order, item 2: expected a type name (expert)", "got 'nobody'"]),
        ('ignore = ["(unclosed"]\n[types.expert]\npatterns = ["professor"]\n',
         ["ignore, item 1: expected a regular expression", "missing )"]),
        ('min_share = 2\n[types.expert]\npatterns = ["professor"]\n', ["min_share: "]),
        ('[types.expert]\npatterns = ["professor"]\nweak = ["(x"]\n', ["types.expert.weak, item 1"]),
    ],
)
def test_malformed_source_types(tmp_path, content, parts):
    write(tmp_path, "source_types.toml", content)
    expect_error(lambda: source_type("Ann Lee", "professor", lexicon_dir=str(tmp_path)),
                 f"{tmp_path / 'source_types.toml'}: ", *parts)


@pytest.mark.parametrize(
    ("content", "parts"),
    [
        # an empty pattern matched every paragraph: the whole article was excluded, silently
        ("boilerplate = ['']\n", ["boilerplate, item 1: expected a regular expression", 'got the string ""']),
        ("boilerplate = ['^click here(']\n", ["boilerplate, item 1: expected a regular expression", "missing )"]),
        ("boilerplate = '^click here'\n", ["boilerplate: expected a list of regular expressions"]),
        ("caption_tail = ['pictured']\n", ["boilerplate: expected a list", "the key is missing"]),
        ("boilerplate = []\ncaptions = []\n", ["captions: unknown key; expected one of boilerplate, caption_tail, caption_marker, meta"]),
        # each pattern is valid alone; together they redefine a group
        ("boilerplate = ['(?P<x>a)', '(?P<x>b)']\n", ["boilerplate: bad regular expression"]),
    ],
)
def test_malformed_boilerplate(tmp_path, content, parts):
    path = write(tmp_path, "bad.toml", content)
    expect_error(lambda: excluded_regions("Click here to subscribe.\n\nThe war goes on.", patterns=path), f"{path}: ", *parts)


@pytest.mark.parametrize(
    ("content", "parts"),
    [
        ('[quantities.x]\nnouns = ["deputies"]\n[events.invasion]\ndate = 2022-02-24\nwords = ["war"]\n',
         ['events.invasion.date: expected a date in quotes, like "2022-02-24"', "got the unquoted date 2022-02-24"]),
        ('[quantities.x]\nnouns = ["deputies"]\n[events.invasion]\ndate = "2022-02-30"\nwords = ["war"]\n',
         ["events.invasion.date: expected a date", 'got the string "2022-02-30"', "out of range"]),
        ('[quantities.x]\nnouns = ["deputies"]\n[events.invasion]\nwords = ["war"]\n',
         ["events.invasion.date: expected a date", "the key is missing"]),
        ('[quantities.x]\nnouns = "deputies"\n', ["quantities.x.nouns: expected a list of counted nouns", 'got the string "deputies"']),
        ('[quantities.x]\nlabel = "x"\n', ["quantities.x.nouns", "the key is missing"]),
        ("[quantities]\n", ["quantities: expected at least one quantity"]),
    ],
)
def test_malformed_quantities(tmp_path, content, parts):
    write(tmp_path, "quantities.toml", content)
    expect_error(lambda: numeric_claims(corpus_of("Thirty deputies signed."), lexicon_dir=str(tmp_path)),
                 f"{tmp_path / 'quantities.toml'}: ", *parts)


def test_malformed_first_names():
    expect_error(lambda: validate_lexicon({"female": ["Anna"]}, kind="first_names", path="first_names.toml"),
                 "first_names.toml: male: expected a list of first names", "the key is missing")
    expect_error(lambda: validate_lexicon({"female": "Anna", "male": []}, kind="first_names", path="first_names.toml"),
                 "first_names.toml: female: expected a list of first names", 'got the string "Anna"')


def test_read_lexicon_checks_by_kind_and_by_file_name(tmp_path):
    path = write(tmp_path, "mine.toml", "[families]\n")
    assert read_lexicon(path) == {"families": {}}  # no kind given, and the name is not one: parsed only
    expect_error(lambda: read_lexicon(path, kind="frames"), "families: expected at least one family")
    named = write(tmp_path, "frames.toml", "[families]\n")
    expect_error(lambda: read_lexicon(named), "families: expected at least one family")
    with pytest.raises(ValueError, match="unknown lexicon kind"):
        read_lexicon(path, kind="colours")


# --------------------------------------------------------- user lexicons ----


def test_user_attribution_without_platforms_marks_no_cue_as_medium(tmp_path):
    path = write(tmp_path, "cues.toml", '[cues.say]\nstance = "neutral"\nforms = ["said"]\n')
    assert load_cue_lexicon(str(path)).platforms.match(" on Monday") is None
    quotes = find_quotes(corpus_of('"We will win," Ann Lee said on Monday.'), cue_lexicon=path)
    assert quotes["stance"].tolist() == ["neutral"]


def test_user_quantity_nouns_match_whatever_their_case(tmp_path):
    write(tmp_path, "quantities.toml", '[quantities.signers]\nnouns = ["Deputies"]\ncontext = ["Petition"]\n')
    claims = numeric_claims(corpus_of("Thirty deputies signed the petition."), lexicon_dir=str(tmp_path))
    assert claims[["noun", "quantity"]].values.tolist() == [["deputies", "signers"]]


# ------------------------------------------------------- shipped lexicons ----


def test_every_kind_has_a_schema_and_a_shipped_list():
    assert sorted(p.name.removesuffix(".schema.json") for p in SCHEMA_DIR.glob("*.schema.json")) == sorted(LEXICON_KINDS)
    assert sorted(p.stem for p in LEXICON_DIR.glob("*.toml")) == sorted(LEXICON_KINDS)


@pytest.mark.parametrize("kind", LEXICON_KINDS)
def test_shipped_lexicon_validates(kind):
    from jsonschema import Draft202012Validator

    schema = json.loads((SCHEMA_DIR / f"{kind}.schema.json").read_text(encoding="utf-8"))
    Draft202012Validator.check_schema(schema)
    path = LEXICON_DIR / f"{kind}.toml"
    validate_lexicon(tomllib.loads(path.read_text(encoding="utf-8")), kind=kind, path=path)


def test_shipped_sums_are_current():
    """The shipped lists skip the (slow to import) check only as the line above checked them."""
    recorded = json.loads(SHIPPED_SUMS.read_text(encoding="utf-8"))["sha256"]
    current = {kind: hashlib.sha256((LEXICON_DIR / f"{kind}.toml").read_bytes()).hexdigest() for kind in LEXICON_KINDS}
    assert recorded == current, "a shipped lexicon changed: run analysis.lexicon.record_shipped_lexicons()"


def test_an_edited_copy_of_a_shipped_lexicon_is_checked(tmp_path):
    shipped = (LEXICON_DIR / "frames.toml").read_text(encoding="utf-8")
    write(tmp_path, "frames.toml", shipped.replace('description = "Ukraine\'s counter-offensive."\n',
                                                   'description = "Ukraine\'s counter-offensive."\nvariants = ["push"]\n'))
    expect_error(lambda: load_frame_lexicon(lexicon_dir=tmp_path), "families.counteroffensive.variants: expected a table")


def test_shipped_lists_load_without_importing_jsonschema():
    code = ("import sys, analysis\n"
            "from analysis.lexicon import LEXICON_KINDS, read_lexicon\n"
            "for kind in LEXICON_KINDS: read_lexicon(kind)\n"
            "analysis.load_frame_lexicon(); analysis.find_quotes(analysis.load_corpus('seeds'))\n"
            "print('jsonschema' in sys.modules)")
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert result.stdout.strip() == "False", result.stderr


def test_schemas_agree_with_the_code():
    attribution = json.loads((SCHEMA_DIR / "attribution.schema.json").read_text(encoding="utf-8"))
    cue = attribution["properties"]["cues"]["additionalProperties"]
    assert tuple(cue["properties"]["stance"]["enum"]) == STANCES
    loaded = json.loads((SCHEMA_DIR / "loaded.schema.json").read_text(encoding="utf-8"))
    assert tuple(loaded["properties"]["categories"]["properties"]) == LOADED_CATEGORIES + MODIFIER_CATEGORIES


# -------------------------------------------------------------------- CLI ----


@pytest.mark.parametrize("command", ["terms", "metrics"])
def test_cli_bad_lexicon_exits_2_with_one_line(tmp_path, command):
    (tmp_path / "a.txt").write_text("The war goes on.", encoding="utf-8")
    bad = write(tmp_path, "bad.toml", WAR + 'variants = ["conflict"]\n')
    result = run_cli(command, str(tmp_path / "a.txt"), "--lexicon", str(bad))
    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr.count("\n") == 1
    assert result.stderr.startswith(f"framing: {bad}: families.war.variants: expected a table"), result.stderr


# ----------------------------------------------------------------- caching ----


def edit(path: Path, text: str) -> None:
    """Rewrite a file and move its modification time on, as a later save would."""
    before = path.stat().st_mtime_ns
    path.write_text(text, encoding="utf-8")
    os.utime(path, ns=(before + 5_000_000_000, before + 5_000_000_000))


def test_edited_loaded_lexicon_takes_effect(tmp_path):
    path = write(tmp_path, "loaded.toml", '[categories.adjective]\nstrong = ["vile"]\n')
    assert "vile" in load_loaded_lexicon(str(path)).entries
    edit(path, '[categories.adjective]\nstrong = ["rotten"]\n')
    entries = load_loaded_lexicon(str(path)).entries
    assert "rotten" in entries and "vile" not in entries
    edit(path, '[categories.adjective]\nstrong = "rotten"\n')
    expect_error(lambda: load_loaded_lexicon(str(path)), "categories.adjective.strong: expected a list")


def test_edited_cue_lexicon_in_lexicon_dir_takes_effect(tmp_path):
    path = write(tmp_path, "attribution.toml", '[cues.say]\nstance = "neutral"\nforms = ["said"]\n')
    assert load_cue_lexicon(None, str(tmp_path)).stance == {"said": "neutral"}
    edit(path, '[cues.claim]\nstance = "distancing"\nforms = ["claimed"]\n')
    assert load_cue_lexicon(None, str(tmp_path)).stance == {"claimed": "distancing"}


def test_edited_source_types_take_effect(tmp_path):
    path = write(tmp_path, "source_types.toml", '[types.expert]\npatterns = ["professor"]\n')
    assert source_type("Ann Lee", "professor", lexicon_dir=str(tmp_path)) == "expert"
    edit(path, '[types.academic]\npatterns = ["professor"]\n')
    assert source_type("Ann Lee", "professor", lexicon_dir=str(tmp_path)) == "academic"


def test_edited_boilerplate_takes_effect(tmp_path):
    path = write(tmp_path, "boilerplate.toml", "boilerplate = ['^click here']\n")
    text = "Click here to subscribe.\n\nSign up now.\n\nThe war goes on."
    assert [r.reason for r in excluded_regions(text, patterns=path)] == ["boilerplate"]
    edit(path, "boilerplate = ['^click here', '^sign up']\n")
    assert [r.reason for r in excluded_regions(text, patterns=path)] == ["boilerplate", "boilerplate"]
