"""How each area's time grows with a dense article: 1×, 2×, 4× and 8× the same density.

The article is generated here from the script's own templates: every paragraph is
packed with frame terms (overlapping ones such as "special military operation" and
"anti-war"), loaded words, intensifiers and hedges, quotations in curly, straight and
single marks, scare quotes, "said" cues, named people, pronouns, cited outlets,
figures, ages, council names, captions and the odd boilerplate or headline line.
Paragraph ``i`` is always drawn from the same seed, so the 2× article is the 1×
article followed by as many new paragraphs: the density stays the same and only the
size grows. ``--endless`` runs the same sentences together as one paragraph with no
sentence end at all, the worst case for per-sentence steps.

Each area is timed on its own, cold: every per-text cache is cleared, the steps it
builds on (cleaning, segmentation, quotation pairing, the voice index) are run
untimed first, then the area's own work is timed in CPU seconds of this process (the
fastest of ``--repeat`` runs, pinned to one core). ``framing terms`` and ``framing
metrics`` are also timed end to end (in-process, output discarded). The growth ratio
between successive sizes is printed for each; an area grows no faster than linearly
when every ratio is at most 2.5 (2.0 is linear; the margin absorbs timing noise).
``compare`` is the per-article comparison steps (name variants, figures, anomalies,
the reuse matrix); ``reuse`` is all-pairs passage detection, whose work grows with the
pairs of places that share a five-word shingle (at most 1,225 per shingle: a shingle
found in more than 50 places is skipped), so on text that repeats phrases dozens of
times it grows faster than the text until those phrases pass the cap.

``--before DIR`` also times another checkout of the project (say ``git worktree add
/tmp/before <commit>``) in a subprocess and prints its table under this one's.

Usage:
    python benchmarks/density.py [--paragraphs 100] [--repeat 5] [--areas matching,terms,...]
                                 [--endless] [--before DIR [--before-repeat 1]]

Prints figures and a verdict per area; exits 0 either way (it asserts nothing).
"""

from __future__ import annotations

import argparse
import contextlib
import gc
import io
import json
import random
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any, NamedTuple

from _bbc import ROOT, pin_to_one_core

SIZES = (1, 2, 4, 8)
LINEAR_LIMIT = 2.5  # the largest ratio per doubling still read as linear
NOISE_FLOOR = 0.02  # seconds: below this at the larger size, a ratio is timer noise

# ------------------------------------------------------------ the article ---

_FIRST = ["Anna", "Dmitry", "Olga", "Pavel", "Irina", "Sergei", "Marta", "Viktor", "Elena", "Nikolai", "Ksenia",
          "Boris", "Yulia", "Grigory", "Tamara", "Oleg"]
_LAST = ["Petrova", "Sokolov", "Volkova", "Orlov", "Lebedeva", "Morozov", "Kuznetsova", "Popov", "Fedorova",
         "Belov", "Zaitseva", "Gusev"]
_ROLES = ["a municipal deputy", "a local councillor", "an opposition politician", "a human rights lawyer",
          "a political analyst", "a spokesman for the governor", "a retired teacher", "the head of the district"]
_TOWNS = ["Smolensk", "Kolpino", "Lomonosov", "Vyborg", "Pushkin", "Tosno", "Gatchina", "Kirovsk"]
_BODIES = ["regional council", "district council", "municipal council", "city administration", "council"]
_OUTLETS = ["the Moscow Times", "the Guardian", "Novaya Gazeta", "the Telegraph"]
_PLATFORMS = ["Telegram", "Twitter", "Facebook"]
_CUES = ["said", "told reporters", "claimed", "added", "insisted", "wrote", "warned", "stated"]
_WAR = ["war", "invasion", "occupation", "war of aggression", "full-scale war", "annexation", "wars", "invaders"]
_EUPHEMISM = ["special military operation", "military operation", "special operation", "SMO"]
_NEUTRAL = ["conflict", "crisis", "fighting", "hostilities", "clashes", "crises"]
_PROTEST = ["anti-war", "antiwar", "anti war", "protest", "protesters", "demonstration", "dissent"]
_COUNTER = ["counter-offensive", "counteroffensive", "counter offensive"]
_ADJECTIVES = ["catastrophic", "draconian", "brutal", "staggering", "shocking", "reckless", "absurd", "grim",
               "disastrous", "ruthless", "bizarre", "outrageous"]
_NOUNS = ["regime", "fiasco", "propaganda", "charade", "farce", "disaster", "crackdown", "tyranny", "debacle"]
_VERBS = ["slammed", "blasted", "crushed", "mocked", "lambasted", "ridiculed", "derided"]
_MODIFIERS = ["very", "utterly", "deeply", "reportedly", "allegedly", "apparently", "seemingly", "truly"]
_NUMBERS = ["more than 30", "about 1,200", "nearly 40", "at least 18", "some 250", "seven", "twelve", "65"]
_COUNTED = ["officials", "deputies", "signatures", "people", "councillors", "members", "votes"]


def _paragraph(number: int) -> str:
    """One dense paragraph; the same ``number`` always gives the same text."""
    r = random.Random(number)
    c = r.choice

    def name() -> str:
        return f"{c(_FIRST)} {c(_LAST)}"

    templates: list[Callable[[], str]] = [
        lambda: f"“The {c(_WAR)} is a {c(_ADJECTIVES)} {c(_NOUNS)},” {c(_CUES)} {name()}, {c(_ROLES)}.",
        lambda: f"{name()}, {r.randint(19, 80)}, {c(_CUES)} the {c(_EUPHEMISM)} was “{c(_MODIFIERS)} "
                f"{c(_ADJECTIVES)}” and {c(_VERBS)} the {c(_NOUNS)}.",
        lambda: f"The Kremlin calls it a “{c(_EUPHEMISM)}” rather than a “{c(_WAR)}”, and the so-called "
                f"“{c(_NEUTRAL)}” has dragged on.",
        lambda: f"He {c(_CUES)} that the {c(_PROTEST)} movement faced a {c(_ADJECTIVES)} {c(_NOUNS)} after the "
                f"{c(_COUNTER)}.",
        lambda: f"According to {c(_OUTLETS)}, {c(_NUMBERS)} {c(_COUNTED)} signed the petition calling the "
                f"{c(_WAR)} a {c(_NOUNS)}.",
        lambda: f"\"We will not be silenced by this {c(_ADJECTIVES)} {c(_EUPHEMISM)},\" she {c(_CUES)}. "
                f"\"Nobody voted for a {c(_WAR)}.\"",
        lambda: f"{name()} told {c(_OUTLETS)} that the {c(_TOWNS)} {c(_BODIES)} had {c(_VERBS)} the "
                f"{c(_PROTEST)} letter.",
        lambda: f"‘It was {c(_MODIFIERS)} {c(_ADJECTIVES)}’, {name()} wrote on {c(_PLATFORMS)}, describing "
                f"the {c(_NEUTRAL)} as {c(_MODIFIERS)} {c(_ADJECTIVES)}.",
        lambda: f"The {c(_WAR)} has lasted for nearly {c(['seven', 'eight', 'ten'])} months, and "
                f"{c(_NUMBERS)} {c(_COUNTED)} of the {c(_TOWNS)} {c(_BODIES)} voted against the "
                f"{c(_EUPHEMISM)}.",
        lambda: f"Critics say the {c(_NEUTRAL)} is a {c(_NOUNS)}; officials {c(_CUES)} the "
                f"{c(_EUPHEMISM)} was going to plan.",
        lambda: f"Mr {c(_LAST)} {c(_CUES)}: “Our {c(_PROTEST)} is not a crime, and this {c(_WAR)} is not "
                f"ours.”",
        lambda: f"They {c(_CUES)} the word “{c(_WAR)}” was banned, as the Kremlin calls it, from every "
                f"{c(_TOWNS)} broadcast.",
    ]
    count = r.randint(4, 6)
    body = " ".join(r.choice(templates)() for _ in range(count))
    extra = r.random()
    if extra < 0.06:
        body += f"\nPictured: {name()} at a {c(_PROTEST)} in {c(_TOWNS)}"
    elif extra < 0.09:
        body += "\nREAD MORE: " + f"{c(_TOWNS)} {c(_BODIES)} {c(_VERBS)} over {c(_WAR)}".upper()
    elif extra < 0.11:
        body += "\nSign up for our newsletter"
    return body


def dense_article(paragraphs: int, *, endless: bool = False) -> str:
    """A dateline, then ``paragraphs`` dense paragraphs separated by blank lines.

    ``endless``: the same sentences run together as one paragraph with no sentence end
    (no line breaks, every ``.``, ``!`` and ``?`` a comma): the worst case for per-sentence steps.
    """
    if endless:
        body = " ".join(_paragraph(i).split("\n")[0] for i in range(paragraphs))
        return "January 22, 2025\n\n" + body.translate(str.maketrans(".!?", ",,,")) + "\n"
    return "January 22, 2025\n\n" + "\n\n".join(_paragraph(i) for i in range(paragraphs)) + "\n"


# ------------------------------------------------------------------ areas ---


def _clear_caches() -> None:
    """Forget every document built so far, so no timed run is served from an earlier one."""
    from analysis.document import forget_documents

    forget_documents()


class Area(NamedTuple):
    """A named step: ``prepare`` (untimed: what it builds on) returns what ``run`` (timed) needs."""

    name: str
    prepare: Callable[[str, Path], Any]
    run: Callable[[Any], Any]


def _areas() -> list[Area]:
    from analysis import load_corpus
    from analysis.clean import excluded_regions
    from analysis.cli import main as cli_main
    from analysis.compare import metadata_anomalies, name_variants, numeric_claims, reuse_matrix, reused_passages
    from analysis.document import documents
    from analysis.loaded import find_loaded, load_loaded_lexicon, loaded_metrics
    from analysis.matching import match
    from analysis.metrics import metrics_table
    from analysis.quotations import quote_spans
    from analysis.readability import readability_table
    from analysis.segment import paragraphs, sentences, word_starts
    from analysis.sourcing import cited_outlets, find_quotes, sourcing_metrics
    from analysis.terms import find_terms, load_frame_lexicon, term_rates
    from analysis.tone import sentence_tone, tone_metrics

    frames, loaded = load_frame_lexicon(), load_loaded_lexicon()

    def text(text: str, path: Path) -> str:
        return text

    def corpus(text: str, path: Path) -> Any:
        return load_corpus(path)

    def warm_corpus(text: str, path: Path) -> Any:
        """The corpus, with segmentation, quotation pairing and the voice index already built."""
        loaded_corpus = load_corpus(path)
        for doc in documents(loaded_corpus):
            doc.sentences  # noqa: B018 (built and kept on the document)
            doc.words()
        return loaded_corpus

    def with_passages(text: str, path: Path) -> Any:
        warm = warm_corpus(text, path)
        return warm, reused_passages(warm)

    def voices(given: Any) -> None:
        for doc in documents(given):
            doc.words()

    def segmentation(given: str) -> None:
        paragraphs(given)
        sentences(given)
        word_starts(given)

    def matching(given: str) -> None:
        match(given, frames.automaton)
        match(given, loaded.automaton)

    def compare(given: Any) -> None:
        warm, passages = given
        reuse_matrix(passages, warm)
        name_variants(warm)
        numeric_claims(warm)
        metadata_anomalies(warm)

    def command(*argv: str) -> Callable[[Any], None]:
        def run(path: Any) -> None:
            with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
                cli_main([argv[0], str(path), *argv[1:]])

        return run

    return [
        Area("cleaning", text, excluded_regions),
        Area("segmentation", text, segmentation),
        Area("quotations", text, quote_spans),
        Area("voice index", corpus, voices),
        Area("matching", text, matching),
        Area("terms", warm_corpus, lambda c: term_rates(find_terms(c, lexicon=frames), c, lexicon=frames)),
        Area("loaded", warm_corpus, lambda c: loaded_metrics(find_loaded(c, lexicon=loaded), c)),
        Area("sourcing", warm_corpus, lambda c: (sourcing_metrics(find_quotes(c), c), cited_outlets(c))),
        Area("readability", warm_corpus, readability_table),
        Area("tone", warm_corpus, lambda c: tone_metrics(sentence_tone(c), c)),
        Area("compare", with_passages, compare),
        Area("reuse", warm_corpus, reused_passages),
        Area("metrics_table", corpus, metrics_table),
        Area("load_corpus", lambda t, path: path, load_corpus),
        Area("framing terms", lambda t, path: path, command("terms", "--format", "jsonl")),
        Area("framing metrics", lambda t, path: path, command("metrics")),
    ]


def _seconds(area: Area, text: str, path: Path, repeat: int) -> float:
    """The fastest of ``repeat`` runs, in CPU seconds of this process (other load on the machine counts less)."""
    best = float("inf")
    for _ in range(repeat):
        _clear_caches()
        given = area.prepare(text, path)
        gc.collect()  # no collection of earlier garbage inside the timed run
        started = time.process_time()
        area.run(given)
        best = min(best, time.process_time() - started)
    return best


def measure(paragraphs: int, sizes: list[int], names: list[str], repeat: int, endless: bool) -> dict[str, list[float]]:
    """Seconds per area (in ``names`` order) at each size."""
    areas = {a.name: a for a in _areas()}
    figures: dict[str, list[float]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        texts = {s: dense_article(paragraphs * s, endless=endless) for s in sizes}
        paths = {s: Path(tmp) / f"dense_{s}x.txt" for s in sizes}
        for s in sizes:
            paths[s].write_text(texts[s], encoding="utf-8")
        for name in names:
            area = areas[name]
            _seconds(area, texts[sizes[0]], paths[sizes[0]], 1)  # lexicons, imports, dictionaries: untimed
            figures[name] = [_seconds(area, texts[s], paths[s], repeat) for s in sizes]
            print(json.dumps({name: figures[name]}), file=sys.stderr, flush=True)  # progress
    return figures


def _verdict(seconds: list[float]) -> tuple[list[float], str]:
    ratios = [b / a if a > 0 else float("inf") for a, b in zip(seconds, seconds[1:], strict=False)]
    judged = [r for r, b in zip(ratios, seconds[1:], strict=True) if b >= NOISE_FLOOR]
    if not judged:
        return ratios, "too fast to judge"
    return ratios, "linear" if max(judged) <= LINEAR_LIMIT else "FASTER THAN LINEAR"


def _table(title: str, sizes: list[int], figures: dict[str, list[float]]) -> dict[str, str]:
    print(f"\n{title}")
    header = "".join(f"{f'{s}x (s)':>10}" for s in sizes) + "".join(
        f"{f'{a}x->{b}x':>10}" for a, b in zip(sizes, sizes[1:], strict=False)
    )
    print(f"{'area':<16}{header}  verdict (linear: every ratio <= {LINEAR_LIMIT})")
    verdicts = {}
    for name, seconds in figures.items():
        ratios, verdicts[name] = _verdict(seconds)
        row = "".join(f"{t:>10.3f}" for t in seconds) + "".join(f"{r:>10.2f}" for r in ratios)
        print(f"{name:<16}{row}  {verdicts[name]}")
    return verdicts


def _measure_elsewhere(source: str, args: argparse.Namespace, names: list[str]) -> dict[str, list[float]]:
    """Run this script on another checkout (e.g. an older commit) in a subprocess; its figures."""
    command = [sys.executable, __file__, "--source", source, "--json", "--paragraphs", str(args.paragraphs),
               "--repeat", str(args.before_repeat), "--max-size", str(args.max_size), "--areas", ",".join(names)]
    if args.endless:
        command.append("--endless")
    done = subprocess.run(command, capture_output=True, text=True, check=True)
    return dict(json.loads(done.stdout))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--paragraphs", type=int, default=100, help="paragraphs in the 1x article (default 100)")
    parser.add_argument("--repeat", type=int, default=5, help="runs per size; the fastest counts (default 5)")
    parser.add_argument("--areas", default="", help="comma-separated area names to run (default: all)")
    parser.add_argument("--max-size", type=int, default=SIZES[-1], help="largest multiple to run (default 8)")
    parser.add_argument("--endless", action="store_true",
                        help="one paragraph without a single sentence end instead of normal paragraphs")
    parser.add_argument("--before", metavar="DIR",
                        help="also time this checkout of the project (e.g. `git worktree add DIR <old commit>`)")
    parser.add_argument("--before-repeat", type=int, default=1, help="runs per size for --before (default 1)")
    parser.add_argument("--source", metavar="DIR", default=str(ROOT), help=argparse.SUPPRESS)
    parser.add_argument("--json", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    sys.path.insert(0, args.source)
    pin_to_one_core()
    known = [a.name for a in _areas()]
    names = known
    if args.areas:
        names = [a.strip() for a in args.areas.split(",")]
        unknown = set(names) - set(known)
        if unknown:
            parser.error(f"unknown areas {sorted(unknown)}; choose from {known}")
    sizes = [s for s in SIZES if s <= args.max_size]
    if args.json:
        json.dump(measure(args.paragraphs, sizes, names, args.repeat, args.endless), sys.stdout)
        return 0

    from analysis.loaded import load_loaded_lexicon
    from analysis.matching import match
    from analysis.terms import load_frame_lexicon

    layout = "one paragraph without sentence ends" if args.endless else "normal paragraphs"
    print(f"dense article ({layout}), one core; CPU seconds, fastest of {args.repeat} runs per size")
    for s in sizes:
        text = dense_article(args.paragraphs * s, endless=args.endless)
        terms = len(match(text, load_frame_lexicon().automaton))
        loaded = len(match(text, load_loaded_lexicon().automaton))
        print(f"  {s}x: {len(text.encode('utf-8')):>9,} bytes, {len(text.split()):>7,} words, {terms:>6,} term hits, "
              f"{loaded:>6,} loaded-lexicon hits, {text.count('“') + text.count(chr(34)):>6,} double marks")
    verdicts = _table(f"this checkout ({args.source})", sizes, measure(args.paragraphs, sizes, names, args.repeat,
                                                                      args.endless))
    if args.before:
        before = _measure_elsewhere(args.before, args, names)
        _table(f"before: {args.before} (fastest of {args.before_repeat})", sizes, before)
    slow = [name for name, v in verdicts.items() if v == "FASTER THAN LINEAR"]
    print()
    if slow:
        print(f"NOT linear in this checkout: {', '.join(slow)} grew faster than {LINEAR_LIMIT}x per doubling")
    else:
        print(f"every area grew no faster than linearly (each ratio <= {LINEAR_LIMIT} per doubling)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
