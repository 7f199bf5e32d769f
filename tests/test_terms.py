import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from analysis import LexiconError, find_terms, kwic, load_corpus, load_frame_lexicon, term_rates
from analysis.clean import Region

from .conftest import corpus_of


def hits_of(text, lexicon=None):
    found = find_terms(corpus_of(text), lexicon=lexicon)
    return [(r.text, r.term, r.family, r.voice) for r in found.itertuples()]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The WAR began.", [("WAR", "war", "war", "narrator")]),
        ("Two wars and many invasions.", [("wars", "war", "war", "narrator"), ("invasions", "invasion", "war", "narrator")]),
        ("An anti-war rally.", [("anti-war", "anti-war", "protest", "narrator")]),
        ("An antiwar rally and an anti war march.", [("antiwar", "anti-war", "protest", "narrator"), ("anti war", "anti-war", "protest", "narrator")]),
        ("The counteroffensive, the counter-offensive and the counter offensive.",
         [("counteroffensive", "counter-offensive", "counteroffensive", "narrator"),
          ("counter-offensive", "counter-offensive", "counteroffensive", "narrator"),
          ("counter offensive", "counter-offensive", "counteroffensive", "narrator")]),
        ("The counter–offensive (en dash).", [("counter–offensive", "counter-offensive", "counteroffensive", "narrator")]),
        ("A special military operation.", [("special military operation", "special military operation", "euphemism", "narrator")]),
        ("A special\nmilitary operation.", [("special\nmilitary operation", "special military operation", "euphemism", "narrator")]),
        ("The military operation.", [("military operation", "military operation", "euphemism", "narrator")]),
        ("Occupying troops.", [("Occupying", "occupation", "war", "narrator")]),
        ("Two crises.", [("crises", "crisis", "neutral", "narrator")]),
        # whole words only
        ("Warsaw and warm software; awareness.", []),
        ("The conflicting reports.", []),
    ],
)
def test_matching(text, expected):
    assert hits_of(text) == expected


@pytest.mark.parametrize(
    ("text", "voice"),
    [
        ("“This war must stop,” she said.", "quoted"),
        ("The use of the word “war” is banned.", "mention"),
        ("They avoid the word war in public.", "mention"),
        ("It is known in Russia as a war of liberation.", "mention"),  # "war of liberation" not in lexicon: "war" is
        ("the so-called war", "mention"),
        ("what the Kremlin calls a war", "mention"),
        ("the war, as the Kremlin calls it, goes on", "mention"),
        ("The war goes on.", "narrator"),
        ("A war that the word count ignores.", "narrator"),
    ],
)
def test_voice(text, voice):
    ((_, _, _, got),) = [h for h in hits_of(text) if h[1] == "war"]
    assert got == voice


def test_excluded_regions_are_skipped():
    text = "War is here.\n\nCLICK HERE TO READ MORE ABOUT THE WAR"
    corpus = corpus_of(text)
    corpus.at[0, "excluded"] = (Region(14, len(text), "boilerplate"),)
    assert list(find_terms(corpus)["text"]) == ["War"]


def test_seed_facts(seeds_corpus):
    hits = find_terms(seeds_corpus)
    smo = hits[hits["term"] == "special military operation"]
    assert len(smo) == 6
    assert "narrator" not in set(smo["voice"])  # no seed uses it in its own voice
    seed000 = hits[hits["article"].str.startswith("000")]
    text000 = seeds_corpus.articles.set_index("article").loc[seed000["article"].iloc[0], "text"]
    sentence = "the Kremlin term “special military operation” instead of “war.”"
    at = text000.index(sentence)
    mentions = seed000[(seed000["start"] >= at) & (seed000["end"] <= at + len(sentence))]
    assert list(zip(mentions["text"], mentions["voice"])) == [("special military operation", "mention"), ("war", "mention")]
    seed001 = hits[hits["article"].str.startswith("001")]
    known = seed001[seed001["term"] == "special military operation"].iloc[0]
    text001 = seeds_corpus.articles.set_index("article").loc[known["article"], "text"]
    assert text001[: known["start"]].endswith("known in Russia as a ")
    assert known["voice"] == "mention"
    # anti-war never counts as war
    assert not ((hits["term"] == "war") & hits["text"].str.lower().str.contains("anti")).any()
    # the all-caps headline in 003 is excluded, so its COUNTEROFFENSIVE is not counted
    assert not (hits["article"].str.startswith("003") & (hits["family"] == "counteroffensive")).any()


def test_offsets_match_source(seeds_corpus):
    hits = find_terms(seeds_corpus)
    texts = dict(zip(seeds_corpus.articles["article"], seeds_corpus.articles["text"]))
    assert len(hits) > 0
    for hit in hits.itertuples():
        assert texts[hit.article][hit.start : hit.end] == hit.text


def test_rates_by_voice():
    corpus = corpus_of("“War is coming,” he said. The war began.")
    rates = term_rates(find_terms(corpus), corpus).set_index(["family", "voice"])
    # 8 words: 3 quoted ("War is coming"), 5 narrator ("he said The war began")
    assert rates.loc[("war", "quoted"), ["count", "voice_words", "per_1k"]].tolist() == [1, 3, pytest.approx(333.3333)]
    assert rates.loc[("war", "narrator"), ["count", "voice_words", "per_1k"]].tolist() == [1, 5, 200.0]
    assert rates.loc[("war", "all"), ["count", "voice_words", "per_1k"]].tolist() == [2, 8, 250.0]
    assert rates.loc[("war", "quoted"), "per_1k_total"] == 125.0


def test_kwic():
    corpus = corpus_of("Before the war after.")
    table = kwic(find_terms(corpus), corpus, term="war", window=7)
    assert table[["left", "match", "right", "voice", "start", "end"]].values.tolist() == [
        ["re the ", "war", " after.", "narrator", 11, 14]
    ]


def test_user_lexicon(tmp_path):
    path = tmp_path / "mine.toml"
    path.write_text('[families.peace]\nterms = ["ceasefire", "peace talks"]\n[families.peace.variants]\nceasefire = ["truce"]\n')
    lexicon = load_frame_lexicon(path)
    assert hits_of("A truce, then peace talks, then a ceasefire; war.", lexicon) == [
        ("truce", "ceasefire", "peace", "narrator"),
        ("peace talks", "peace talks", "peace", "narrator"),
        ("ceasefire", "ceasefire", "peace", "narrator"),
    ]


@pytest.mark.parametrize(
    "content", ["this is [not toml", "[meta]\nname = 'x'\n", "[families.x]\nterms = 'war'\n"]
)
def test_bad_lexicon(tmp_path, content):
    path = tmp_path / "bad.toml"
    path.write_text(content)
    with pytest.raises(LexiconError, match="bad.toml"):
        load_frame_lexicon(path)


def test_missing_lexicon(tmp_path):
    with pytest.raises(LexiconError, match="nope.toml"):
        load_frame_lexicon(tmp_path / "nope.toml")


def test_lexicon_dir_overrides_only_what_it_holds(tmp_path):
    (tmp_path / "frames.toml").write_text('[families.only]\nterms = ["truce"]\n')
    assert list(load_frame_lexicon(lexicon_dir=tmp_path).families) == ["only"]
    corpus = load_corpus(Path(__file__).parent / "fixtures" / "mini", lexicon_dir=tmp_path)
    assert len(corpus.articles) == 2  # boilerplate.toml still comes from the shipped lists


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(["war", "anti-war", " ", "“", "”", '"', "special military operation", "\n", "x", "."]), max_size=40).map("".join))
def test_hits_always_match_source(text):
    for hit in find_terms(corpus_of(text)).itertuples():
        assert text[hit.start : hit.end] == hit.text
        assert hit.voice in ("narrator", "quoted", "mention")


def test_jsonl_is_valid(tmp_path):
    corpus = corpus_of("The war.")
    line = find_terms(corpus).to_json(orient="records", lines=True).splitlines()[0]
    assert json.loads(line)["term"] == "war"


def _rates_with_pandas(hits, corpus, lexicon):
    """term_rates as first written: a groupby for the counts, Series arithmetic for the rates."""
    import pandas as pd

    from analysis.corpus import iter_articles
    from analysis.terms import RATE_COLUMNS, _per_1k
    from analysis.voice import VOICES, VoiceIndex

    counts = hits.groupby(["article", "family", "voice"]).size().to_dict()
    rows = []
    for art in iter_articles(corpus):
        words = VoiceIndex(art.text, art.excluded).words()
        denominators = {"narrator": words.narrator, "quoted": words.quoted, "mention": words.total}
        for family in lexicon.families:
            total = 0
            for voice in VOICES:
                n = int(counts.get((art.article, family, voice), 0))
                total += n
                rows.append((art.article, family, voice, n, denominators[voice], words.total))
            rows.append((art.article, family, "all", total, words.total, words.total))
    table = pd.DataFrame(rows, columns=[*RATE_COLUMNS[:5], "total_words"])
    table["per_1k"] = _per_1k(table["count"], table["voice_words"])
    table["per_1k_total"] = _per_1k(table["count"], table.pop("total_words"))
    return table


_RATE_WORDS = st.sampled_from(["war", "wars", "invasion", "“the", "war”", "said", "the", "special", "military",
                               "operation", "crisis.", "peace", "It", "was", "\n\n", "‘war’", "anti-war"])


@settings(max_examples=100, deadline=None)
@given(st.lists(st.lists(_RATE_WORDS, max_size=25).map(" ".join), max_size=4))
def test_rates_equal_groupby_and_series_arithmetic(texts):
    import pandas as pd

    lexicon = load_frame_lexicon()
    corpus = corpus_of(*texts)
    hits = find_terms(corpus, lexicon=lexicon)
    expected = _rates_with_pandas(hits, corpus, lexicon)
    got = term_rates(hits, corpus, lexicon=lexicon)
    pd.testing.assert_frame_equal(got, expected, check_exact=True)
