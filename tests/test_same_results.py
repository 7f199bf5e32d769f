"""The linear rewrites of per-hit steps give exactly the results of the scans they replaced.

Each reference below is the original all-pairs (or scan-everything) code, kept here verbatim
in spirit; hypothesis checks the rewrite against it on random inputs.
"""

from __future__ import annotations

import copy
import re
import tempfile
from datetime import date, timedelta
from difflib import SequenceMatcher
from pathlib import Path

from hypothesis import example, given, settings
from hypothesis import strategies as st
from rapidfuzz import fuzz

from analysis.clean import Region, _repeated
from analysis.compare import _first_alike_pairs, _nearest_other_date
from analysis.document import Document
from analysis.intervals import Ranges
from analysis.lexicon import lexicon_file, read_lexicon
from analysis.names import fold, name_span, whole_words
from analysis.segment import paragraphs
from analysis.sourcing import load_cue_lexicon
from analysis.sourcing.coreference import _Context, _norm
from analysis.sourcing.cues import _DETERMINER_BEFORE
from analysis.sourcing.extraction import _PASSIVE_BEFORE, _PASSIVE_OR_SUBORDINATE_BEFORE, _Found
from analysis.sourcing.source_types import _source_types

ranges = st.lists(st.tuples(st.integers(0, 60), st.integers(0, 20)).map(lambda sl: (sl[0], sl[0] + sl[1])),
                  max_size=12)


@settings(max_examples=300, deadline=None)
@given(ranges, st.integers(-2, 85), st.integers(0, 20))
def test_range_look_ups_equal_scans(spans, offset, length):
    end = offset + length
    ranges = Ranges(spans)
    assert ranges.overlaps(offset, end) == any(s < end and e > offset for s, e in spans)
    assert ranges.covers(offset) == any(s <= offset < e for s, e in spans)
    assert ranges.holds(offset, end) == any(s <= offset and end <= e for s, e in spans)
    assert ranges.straddles(offset) == any(s < offset < e for s, e in spans)


pieces = st.sampled_from(["Ab", "Abc", "Cd", "Ab-Cd", "x", " ", "’", "'", "-", "_", "é", ".", "1"])


@settings(max_examples=300, deadline=None)
@given(st.lists(pieces, max_size=20).map("".join),
       st.sets(st.lists(pieces, min_size=1, max_size=3).map("".join).filter(bool), min_size=1, max_size=4))
def test_whole_words_equals_the_regex_alternation(text, words):
    pattern = re.compile(r"\b(?:" + "|".join(map(re.escape, sorted(words, key=len, reverse=True))) + r")\b")
    assert whole_words(text, words) == [m.span() for m in pattern.finditer(text)]


def spaced_regex_span(text, name, start, end):
    """The original ``name_span``: a compiled pattern per name, its last match in ``text[start:end]``."""
    pattern = re.compile(r"(?<!\w)" + r"\s+".join(map(re.escape, name.split())) + r"(?!\w)")
    stop = len(text) if end is None else end
    found, at = None, start
    # ``at <= stop``: a search from past the end starts at the end, so the original looped for ever on "".
    while at <= max(0, min(stop, len(text))) and (m := pattern.search(text, at, stop)) is not None:
        found = m.span()
        at = m.start() + 1
    return found


name_pieces = st.sampled_from(["Anna", "Ann", "Brook", "Brookes", "An", "na", "é", "_", "1", "²", "-", "’s", ".", "A."])
gaps = st.sampled_from([" ", "  ", "\t", "\n", "\xa0", "\u2003", "\x1c", " \n ", "", ",", "-"])


@st.composite
def texts_names_and_stretches(draw):
    """A text of name pieces and gaps, a name that is mostly a run of its pieces, and a stretch around it."""
    parts = draw(st.lists(st.tuples(name_pieces, gaps), max_size=12))
    text = "".join(w + g for w, g in parts)
    first = draw(st.integers(0, len(parts)))
    taken = [w for w, _ in parts[first : first + draw(st.integers(0, 3))]]
    name = draw(st.just(" ".join(taken)) | st.lists(name_pieces, max_size=3).map(" ".join) | st.sampled_from(["", " "]))
    start = draw(st.integers(-3, len(text) + 3))
    end = draw(st.none() | st.integers(-3, len(text) + 3))
    return text, name, start, end


@settings(max_examples=1000, deadline=None)
@example(("Anna Brook met Anna \tBrook", "Anna Brook", 0, None))
@example(("Anna Brookes", "Anna Brook", 0, 10))  # the end of the stretch ends the word
@example(("xAnna Brook", "Anna Brook", 1, None))  # the character before the stretch still counts
@example((" x", "", 0, -3))
@given(texts_names_and_stretches())
def test_name_span_equals_the_spaced_regex(case):
    text, name, start, end = case
    assert name_span(text, name, start, end) == spaced_regex_span(text, name, start, end)


def per_pattern_edges(file):
    """The original source-type patterns: each pattern with its own word boundaries, joined by ``|``."""
    data = read_lexicon(file, kind="source_types")
    compiled = {}
    for name, spec in data["types"].items():
        # An inline-flag group ("(?-i:Sun)") has the edges of what it wraps: a whole word, never "Sunday".
        cores = [re.sub(r"^\(\?[aiLmsux-]+:(.*)\)$", r"\1", p) for p in spec["patterns"]]
        parts = [(r"\b" if re.match(r"\w", c) else "") + f"(?:{p})" + (r"(?:e?s)?\b" if re.search(r"\w$", c) else "")
                 for p, c in zip(spec["patterns"], cores, strict=True)]
        compiled[name] = re.compile("|".join(parts), re.IGNORECASE)
    return compiled


# Edges of every kind side by side, groups with a back-reference, a case-sensitive part and anchors.
TRICKY_TYPES = """
[types.mixed]
patterns = ['news', 'paper', '@\\w+', '(?-i:Post)', 'agency', '^an? (senior )?source$', '(a|b)\\1x', 'law', 'x-ray']
[types.other]
patterns = ['(?-i:Sun)', 'sun', 'officials?', 'who (asked|spoke) not']
[types.numbered]  # the back-reference means the first pattern's group: the patterns must keep their order
patterns = ['(c|d)e', '(a|b)\\1x']
"""
_tricky_dir = tempfile.mkdtemp()
(Path(_tricky_dir) / "source_types.toml").write_text(TRICKY_TYPES, encoding="utf-8")
type_words = st.sampled_from(["news", "newses", "paper", "papers", "@bbc", "@", "Post", "post", "agency", "agencies",
                              "a", "an", "senior", "source", "aax", "abx", "bbx", "law", "laws", "lawyer", "x-ray",
                              "Sun", "SUN", "officials", "who", "asked", "not", "Kremlin", "minister", "BBC", "Times",
                              "times", "report", "é", "_", "1", "Reuters", "ce", "cex"])
type_gaps = st.sampled_from([" ", "", "-", ",", "'s ", "\n", "_"])


@settings(max_examples=500, deadline=None)
@given(st.lists(st.tuples(type_words, type_gaps), max_size=6).map(lambda parts: "".join(w + g for w, g in parts)))
def test_source_type_patterns_with_shared_edges_match_the_same_texts(text):
    for file in (lexicon_file("source_types"), lexicon_file("source_types", _tricky_dir)):
        shared = _source_types(file).patterns
        for name, pattern in per_pattern_edges(file).items():
            assert (shared[name].search(text) is None) == (pattern.search(text) is None), (name, text)


# The original whole-text searches, as they were written.
WORD_BEFORE_SPACE = [
    (_DETERMINER_BEFORE,
     re.compile(r"\b(?:a|an|the|these|those|his|her|their|its|our|my|your|no|any|every|each)\s+$", re.IGNORECASE)),
    (_PASSIVE_BEFORE, re.compile(r"\b(?:was|were|been|being|is|are)\s+$")),
    (_PASSIVE_OR_SUBORDINATE_BEFORE,
     re.compile(r"\b(?:is|are|was|were|be|been|being|it's|it’s|when|if)\s+$", re.IGNORECASE)),
]
tail_pieces = st.sampled_from(["the", "THE", "a", "an", "bathe", "being", "is", "Was", "it's", "it’s", "its", "x", "_",
                               "1", "é", "K", "each", "every", "when", " ", "  ", "\n", "\t", "\xa0", "\u2003", ",", "."])


@settings(max_examples=1000, deadline=None)
@example("bathe ")
@example("the \n")
@example("is being ")
@given(st.lists(tail_pieces, max_size=10).map("".join))
def test_a_word_before_the_trailing_space_is_found_in_the_tail_as_in_the_whole_text(text):
    for tail, whole in WORD_BEFORE_SPACE:
        found, expected = tail.search(text), whole.search(text)
        assert (found and found.span()) == (expected and expected.span()), (whole.pattern, text)


def quadratic_pull_quotes(text, found):
    for f in found:
        if f.kind in ("direct", "partial") and not f.speaker:
            body = _norm(text[f.content_start : f.content_end])
            for other in found:
                if (
                    other is not f
                    and other.speaker
                    and body
                    and body in _norm(text[other.content_start : other.content_end])
                ):
                    f.speaker, f.role = other.speaker, other.role
                    break


quotation = st.tuples(
    st.lists(st.sampled_from(["war", "a", "is", "bad", "ar", "no"]), max_size=4).map(" ".join),
    st.sampled_from(["direct", "partial", "mention", "indirect"]),
    st.sampled_from([None, "", "Anna", "Boris"]),
)


@settings(max_examples=300, deadline=None)
@given(st.lists(quotation, min_size=1, max_size=12))
def test_pull_quotes_equal_every_quotation_against_every_other(quotations):
    from analysis.sourcing.coreference import _fill_pull_quotes

    text, found = "", []
    for number, (body, kind, speaker) in enumerate(quotations):
        found.append(_Found(len(text), len(text) + len(body), kind, len(text), len(text) + len(body),
                            speaker=speaker, role=f"role {number}"))
        text += body + "|"
    expected, got = copy.deepcopy(found), copy.deepcopy(found)
    quadratic_pull_quotes(text, expected)
    _fill_pull_quotes(text, got)
    assert [(f.speaker, f.role) for f in got] == [(f.speaker, f.role) for f in expected]


def all_pairs_alike(names):
    seen, out = set(), []
    for i, (n1, kind1) in enumerate(names):
        for j in range(i + 1, len(names)):
            n2, kind2 = names[j]
            if kind1 != kind2 or n1 == n2 or (n1, n2) in seen or fuzz.ratio(fold(n1), fold(n2)) < 65:
                continue
            seen.add((n1, n2))
            out.append((i, j))
    return out


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(["Smolensk", "Smolenskoe", "Smolninskoye", "Kolpino", "Kolpina", "Tosno"]),
                          st.sampled_from(["council", "district"])), max_size=14))
def test_alike_council_names_equal_all_pairs(names):
    assert _first_alike_pairs(names) == all_pairs_alike(names)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.integers(0, 3000), min_size=1, max_size=10), st.data())
def test_nearest_other_date_equals_a_scan(days, data):
    dates = {f"a{i}": date(2015, 1, 1) + timedelta(days=d) for i, d in enumerate(days)}
    own = data.draw(st.sampled_from(sorted(dates)))
    when = dates[own]
    others = [d for k, d in dates.items() if k != own]
    expected = min(others, key=lambda o: abs((when - o).days)) if others else None
    ordered = sorted((d, order) for order, d in enumerate(dates.values()))
    assert _nearest_other_date(ordered, [d for d, _ in ordered], when) == expected


def scan_repeated(text, paras, regions):
    """The original repeat search: every earlier paragraph sharing a trigram is a candidate."""
    from collections import defaultdict

    from analysis.clean import REPEAT_SIMILARITY, _kept_words

    out, seen, index = [], [], defaultdict(list)
    whole = {(r.start, r.end) for r in regions}
    for para in paras:
        if (para.start, para.end) in whole:
            continue
        words = _kept_words(text, para, Ranges((r.start, r.end) for r in regions))
        if len(words) < 6:
            continue
        shingles = set(zip(words, words[1:], words[2:], strict=False))
        if len(words) > 24:
            shingles = {s for s in shingles if len(s[0]) % 2 == 0} or shingles
        candidates = defaultdict(int)
        for shingle in shingles:
            for earlier in index.get(shingle, ()):
                candidates[earlier] += 1
        repeat = False
        for earlier, shared in sorted(candidates.items(), key=lambda kv: (-kv[1], kv[0])):
            if shared < 0.3 * len(shingles):
                break
            if SequenceMatcher(None, seen[earlier], words, autojunk=False).ratio() >= REPEAT_SIMILARITY:
                repeat = True
                break
        if repeat:
            out.append(Region(para.start, para.end, "repeated"))
            continue
        for shingle in shingles:
            index[shingle].append(len(seen))
        seen.append(words)
    return out


@settings(max_examples=200, deadline=None)
@given(st.lists(st.lists(st.sampled_from(["war", "peace", "the", "a", "said", "Putin", "council", "vote"]),
                         min_size=4, max_size=30).map(" ".join), max_size=15))
def test_repeat_search_equals_the_scan_of_every_candidate(paras):
    # Up to 15 paragraphs: no trigram reaches the 20 paragraphs it remembers, so nothing may differ.
    text = "\n\n".join(paras)
    spans = paragraphs(text)
    assert _repeated(text, spans, []) == scan_repeated(text, spans, [])


SPEAKERS = ["Anna Petrova", "Boris Orlov", "the Kremlin", "critics", "Kim", "officials and deputies", "Olga"]


# Paragraphs far enough apart (more than six, or 2,500 characters) that the look-back falls back to speakers.
LOOK_BACK_TEXT = (
    "Anna Petrova said it. Boris Orlov agreed.\n\n" * 4
    + "Critics and officials said so. Kim left.\n\n"
    + "Nothing here but words, nothing more.\n\n" * 60
) * 2


@settings(max_examples=150, deadline=None)
@given(st.lists(st.tuples(st.integers(0, len(LOOK_BACK_TEXT)), st.sampled_from(SPEAKERS)), max_size=12),
       st.lists(st.integers(0, len(LOOK_BACK_TEXT) + 10), min_size=1, max_size=6))
def test_speaker_look_backs_equal_scans_of_every_speaker(remembered, offsets):
    text = LOOK_BACK_TEXT
    ctx = _Context(Document.of_text(text, article="a"), load_cue_lexicon())
    for offset, speaker in remembered:
        ctx.remember(offset, speaker)
    for at in offsets:
        for exclude in (None, "female", "male"):
            assert ctx._last_person(at, exclude) == scan_last_person(ctx, at, exclude)
        assert ctx._last_thing(at) == scan_last_thing(ctx, at)
        assert ctx._last_group(at) == scan_last_group(ctx, at)
        para = ctx.paragraph_index(at)
        named = [(o, n) for o, n in ctx.names.subjects if o < at and para - ctx.paragraph_index(o) <= 1]
        assert ctx.last_subject(at) == (max(named) if named else None)


def scan_last_person(ctx, at, exclude):
    from analysis.names import known_first_names as _first_names
    from analysis.names import looks_like_person as _looks_like_person

    para = ctx.paragraph_index(at)
    candidates = [(o, n) for o, n in ctx.speakers if o < at and (_looks_like_person(n) or n in ctx.single_names)]
    candidates += [(o, n) for o, n in ctx.names.subjects if o < at]
    if exclude:
        candidates = [(o, n) for o, n in candidates if _first_names().get(n.split()[0]) != exclude]
    near = [(o, n) for o, n in candidates if para - ctx.paragraph_index(o) <= 6 and at - o < 2500]
    if near:
        return ctx.names.resolve(max(near)[1])
    spoken = [(o, n) for o, n in candidates if (o, n) in set(ctx.speakers)]
    return ctx.names.resolve(max(spoken)[1]) if spoken else None


def scan_last_thing(ctx, at):
    from analysis.names import looks_like_person as _looks_like_person

    for offset, name in reversed(ctx.speakers):
        if offset < at and not _looks_like_person(name):
            return name
    return None


def scan_last_group(ctx, at):
    plural = [(o, n) for o, n in ctx.speakers
              if o < at and at - o < 1500 and (" and " in n or any(w.lower() in ctx.lex.group_nouns for w in n.split()))]
    subject = scan_group_subject(ctx, at)
    if plural and (subject is None or plural[-1][0] > subject[0]):
        return plural[-1][1]
    return subject[1] if subject else scan_last_thing(ctx, at)


def scan_group_subject(ctx, at):
    from analysis.sourcing.speakers import _canonical, _clean_np, _subject

    limit = max(0, at - 1500)
    current = ctx.sentence_of(at)
    floor = current.start if current else at
    for sent in reversed([s for s in ctx.sentences if limit <= s.start and s.end <= floor]):
        if ctx.text[sent.start] in "\"“‘'«„":
            continue
        subject = _subject(_clean_np(ctx.text[sent.start : sent.end]))
        words = subject.split()
        if len(words) <= 12 and any(w.lower().strip(",") in ctx.lex.group_nouns for w in words):
            return sent.start, _canonical(subject.rstrip(","))
    return None


def test_a_near_copy_is_found_after_its_stock_phrases_stopped_counting():
    # Every paragraph opens with the same stock sentence, so its trigrams remember only the
    # first 20 paragraphs; a near copy of the 30th is still found through its own words.
    import random

    from analysis.clean import excluded_regions

    stock = "The council met on Monday and the deputies voted on the statement."
    vocabulary = ("budget road school bridge tram river park clinic market tower canal square harbour depot "
                  "library stadium museum theatre garden airport station tunnel ferry").split()
    paras = [f"{stock} " + " ".join(random.Random(i).sample(vocabulary, 16)) + "." for i in range(40)]
    copy_of_30 = paras[30].replace(" ", " the ", 1)
    text = "\n\n".join([*paras, copy_of_30])
    repeated = [text[r.start : r.end] for r in excluded_regions(text) if r.reason == "repeated"]
    assert repeated == [copy_of_30]
