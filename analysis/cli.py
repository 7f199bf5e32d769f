"""The ``framing`` command line; ``python -m analysis`` is the same program.

Exit codes: 0 when results were produced (problems are listed on stderr, one
line each, the first five of each problem and file, then one count line), 1 when
nothing could be analysed, 2 on a usage error (including an ``--out`` that cannot
be written, found before any work). What is shown on a terminal goes through
:func:`~analysis.terminal.for_terminal`; data outputs keep the exact text. Every
subcommand writes through :func:`~analysis.records.write_table`: jsonl records are
strict JSON that fit ``analysis/schemas/records/<name>.schema.json``.

Pipeline step: all of them: the command line drives load → document → areas → tables.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any

import pandas as pd

from .compare import COMPARISON_FIELDS, comparison_records
from .corpus import ERROR_COLUMNS, Corpus, CorpusError, load_corpus, stream_corpus
from .html_pages import TEXTS_FOLDER, write_extracted_texts
from .lexicon import LexiconError
from .loaded import find_loaded
from .metrics import stream_metrics
from .records import TableWriter, write_table
from .sourcing import find_quotes
from .terminal import for_terminal
from .terms import find_terms, load_frame_lexicon

__all__ = ["main"]

_CHUNK = 50  # articles read, analysed and written at a time by the streaming subcommands
_SHOWN_PER_GROUP = 5  # stderr lines per (problem, file); the rest of that group is one count line
_ROW_SUFFIX_RE = re.compile(r":(?:line|row) \d+\Z")  # "table.csv:line 12" -> "table.csv"


class _UsageError(Exception):
    pass


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="framing",
        description="Measure how news articles frame the same story. PATH is a .txt or .html file, "
        "a folder of them, or a .csv/.jsonl/.parquet table with id and text columns (a Media Cloud "
        "export is read as it is).",
    )
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    terms = sub.add_parser("terms", help="framing-term hits with their voice, one record per hit")
    terms.add_argument("paths", nargs="+", metavar="PATH")
    terms.add_argument("--lexicon", metavar="FILE", help="a frame lexicon TOML file (default: shipped)")
    terms.add_argument("--format", choices=["jsonl", "csv", "table"], default="jsonl")
    _add_engine_options(terms, out=True)

    quotes = sub.add_parser("quotes", help="quotations and reported speech with speaker, cue and kind")
    quotes.add_argument("paths", nargs="+", metavar="PATH")
    quotes.add_argument("--format", choices=["jsonl", "csv", "table"], default="jsonl")
    quotes.add_argument("--split", choices=["sentence", "merge", "keep"], default="sentence",
                        help="how a quotation split by its tag is reported (default: sentence)")
    quotes.add_argument("--scope", choices=["speech", "attribution"], default="speech",
                        help="speech only (default), or also beliefs, intentions and evidence ('thinks', 'shows')")
    _add_engine_options(quotes, out=True)

    loaded = sub.add_parser("loaded", help="loaded words and phrases with category, voice and score")
    loaded.add_argument("paths", nargs="+", metavar="PATH")
    loaded.add_argument("--format", choices=["jsonl", "csv", "table"], default="jsonl")
    loaded.add_argument("--all", action="store_true", help="also list intensifiers and hedges")
    _add_engine_options(loaded, out=True)

    compare = sub.add_parser("compare", help="cross-article findings: reused passages and name variants")
    compare.add_argument("paths", nargs="+", metavar="PATH")
    compare.add_argument("--format", choices=["jsonl", "csv", "table"], default="jsonl")
    compare.add_argument("--min-words", type=int, default=8, help="shortest reused passage (default 8)")

    metrics = sub.add_parser("metrics", help="one row of <area>.<metric> columns per article")
    metrics.add_argument("paths", nargs="+", metavar="PATH")
    metrics.add_argument("--lexicon", metavar="FILE", help="a frame lexicon TOML file (default: shipped)")
    metrics.add_argument("--format", choices=["csv", "jsonl", "parquet"], default="csv")
    metrics.add_argument("--out", metavar="FILE", help="write here instead of stdout (needed for parquet); "
                         "with --engine dask, the folder to write into")
    _add_engine_options(metrics, out=False)

    for reader in (terms, quotes, loaded, compare, metrics):
        _add_input_options(reader)

    report = sub.add_parser("report", help="run every notebook into an HTML report")
    report.add_argument("--corpus", default="seeds", metavar="PATH", help="default: seeds")
    report.add_argument("--out", default="reports", metavar="DIR", help="default: reports")
    report.add_argument("--notebooks", metavar="DIR", help="the notebooks to run (default: the project's)")
    report.add_argument(
        "-p", nargs=2, action="append", default=[], metavar=("NAME", "VALUE"),
        help="a notebook parameter (VALUE is read as JSON when it parses, else as text)",
    )
    return parser


def _add_input_options(parser: argparse.ArgumentParser) -> None:
    """How a corpus is read: a table's own column names, and where text extracted from HTML is saved."""
    group = parser.add_argument_group("reading the corpus")
    for field, usual in (("id", "id, stories_id"),
                         ("text", "text, story_text, then html, raw_first_download_file (read as HTML)"),
                         ("outlet", "outlet, media_name"), ("date", "date, publish_date")):
        group.add_argument(f"--{field}-column", metavar="NAME", dest=f"{field}_column",
                           help=f"the table column holding the article {field} (default: the first of {usual})")
    group.add_argument(
        "--texts", metavar="DIR",
        help="save the text extracted from each HTML page here as <id>.txt: offsets refer to it "
        f"(default with metrics --out FILE: {TEXTS_FOLDER}/ beside FILE)",
    )


def _reading(args: argparse.Namespace) -> dict[str, Any]:
    """The keyword options of load_corpus/stream_corpus that the command line gives."""
    return {name: getattr(args, name) for name in ("id_column", "text_column", "outlet_column", "date_column")}


class _ExtractedTexts:
    """Saves the text of each article extracted from HTML where the results go, and says where on stderr."""

    def __init__(self, args: argparse.Namespace, *, default: Path | None = None) -> None:
        out = getattr(args, "out", None)
        folder = args.texts or default or (str(Path(out).parent / TEXTS_FOLDER) if out else None)
        self.folder = Path(folder) if folder else None
        self.count = 0
        if self.folder is not None and self.folder.exists() and not self.folder.is_dir():
            raise _UsageError(f"--texts {self.folder}: is a file; give a folder")

    def add(self, articles: pd.DataFrame) -> None:
        if self.folder is None:
            if "input_format" in articles:
                self.count += int((articles["input_format"] == "html").sum())
            return
        try:
            self.count += write_extracted_texts(articles, self.folder)
        except OSError as exc:
            raise _UsageError(f"--texts {self.folder}: cannot save the texts: {exc.strerror or exc}") from None

    def finish(self) -> None:
        if not self.count:
            return
        pages = f"{self.count:,} article{'s' if self.count > 1 else ''} extracted from HTML"
        if self.folder is None:
            line = f"framing: {pages}: offsets refer to the extracted text; --texts DIR saves it"
        else:
            line = f"framing: {pages}: their text, which offsets refer to, is in {self.folder}"
        print(for_terminal(line), file=sys.stderr)


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        if args.command == "report":
            return _report(args)
        if getattr(args, "engine", "local") == "dask":
            return _dask(args)
        _check_local(args)
        if args.command == "metrics":
            _check_out(args.out, args.format)
        if args.command in ("terms", "loaded", "metrics") and args.format != "table":
            return _stream(args)
        corpus = _load(args)
        if corpus.articles.empty:
            print("framing: nothing could be analysed", file=sys.stderr)
            return 1
        texts = _ExtractedTexts(args)
        texts.add(corpus.articles)
        texts.finish()
        if args.command == "terms":
            table = find_terms(corpus, lexicon=load_frame_lexicon(args.lexicon) if args.lexicon else None)
            write_table(table, fmt=args.format)
        elif args.command == "quotes":
            write_table(find_quotes(corpus, split=args.split, scope=args.scope), fmt=args.format)
        elif args.command == "compare":  # each jsonl record carries only the fields of its type
            table = comparison_records(corpus, min_words=args.min_words)
            write_table(table, fmt=args.format, fields_by_type=COMPARISON_FIELDS)
        else:
            write_table(_loaded(corpus, every=args.all), fmt=args.format)
        return 0
    except (CorpusError, LexiconError, _UsageError) as exc:
        print(f"framing: {for_terminal(str(exc))}", file=sys.stderr)
        return 2
    except BrokenPipeError:
        return 0


def _add_engine_options(parser: argparse.ArgumentParser, *, out: bool) -> None:
    """``--engine``, ``--scheduler`` and ``--workers`` (and ``--out DIR`` where the command had no ``--out``)."""
    parser.add_argument("--engine", choices=["local", "dask"], default="local",
                        help="dask: run over Dask partitions and write Parquet partitioned by outlet and date "
                        "into --out DIR (--format is not used)")
    where = parser.add_mutually_exclusive_group()
    where.add_argument("--scheduler", metavar="ADDRESS", help="--engine dask: a running Dask scheduler "
                       "(tcp://host:8786) whose workers have framing-lens installed")
    where.add_argument("--workers", type=int, metavar="N", help="--engine dask: start a local cluster of N worker "
                       "processes (default: one per core)")
    if out:
        parser.add_argument("--out", metavar="DIR", help="--engine dask: the folder to write into")


def _check_local(args: argparse.Namespace) -> None:
    """Refuse the Dask engine's options without ``--engine dask``."""
    for option in ("scheduler", "workers"):
        if getattr(args, option, None) is not None:
            raise _UsageError(f"--{option} needs --engine dask")
    if args.command in ("terms", "quotes", "loaded") and args.out is not None:
        raise _UsageError(f"--out needs --engine dask; framing {args.command} writes to stdout")


def _dask(args: argparse.Namespace) -> int:
    """``--engine dask`` (:mod:`analysis.distributed`, imported only here: Dask is slow to import)."""
    if args.out is None:
        raise _UsageError("--engine dask needs --out DIR: it writes Parquet partitioned by outlet and date")
    from .distributed import DaskEngineError, run_on_dask

    lexicon = load_frame_lexicon(args.lexicon) if getattr(args, "lexicon", None) else None
    texts = _ExtractedTexts(args, default=Path(args.out) / TEXTS_FOLDER)  # the workers save them there
    try:
        run = run_on_dask(args.command, args.paths, out=args.out, scheduler=args.scheduler, workers=args.workers,
                          lexicon=lexicon, split=getattr(args, "split", "sentence"),
                          scope=getattr(args, "scope", "speech"), every=getattr(args, "all", False),
                          texts=texts.folder, **_reading(args))
    except DaskEngineError as exc:
        raise _UsageError(str(exc)) from exc
    sys.stderr.write("".join(_problem_lines(run.errors)))
    texts.count = run.extracted
    texts.finish()
    if not run.articles:
        print("framing: nothing could be analysed", file=sys.stderr)
        return 1
    print(for_terminal(f"framing {args.command}: wrote {run.rows:,} rows ({run.articles:,} articles) to "
                       f"{run.folder}, problems to {run.errors_file}"), file=sys.stderr)
    return 0


def _check_out(out: str | None, fmt: str) -> None:
    """Refuse an ``--out`` that cannot be written before any work is done."""
    if out is None:
        if fmt == "parquet":
            raise _UsageError("--format parquet needs --out FILE")
        return
    path = Path(out)
    parent = path.parent
    if path.is_dir():
        raise _UsageError(f"--out {out}: is a folder; give a file name")
    if not parent.is_dir():
        why = "is not a folder" if parent.exists() else "does not exist"
        raise _UsageError(f"--out {out}: the folder {parent} {why}")
    if not os.access(parent, os.W_OK | os.X_OK):
        raise _UsageError(f"--out {out}: cannot write in the folder {parent}")
    if path.exists() and not os.access(path, os.W_OK):
        raise _UsageError(f"--out {out}: the file is not writable")


def _load(args: argparse.Namespace) -> Corpus:
    corpus = load_corpus(args.paths, **_reading(args))
    sys.stderr.write("".join(_problem_lines(corpus.errors)))
    return corpus


def _loaded(corpus: Corpus, *, every: bool) -> pd.DataFrame:
    hits = find_loaded(corpus)
    return hits if every else hits[hits["loaded"]]


def _stream(args: argparse.Namespace) -> int:
    """``terms``, ``loaded`` and ``metrics``: read, analyse and write ``_CHUNK`` articles at a time.

    Memory holds one chunk whatever the corpus size; problems go to stderr as they are met.
    """
    from tqdm import tqdm

    problems = _ProblemLines()
    texts = _ExtractedTexts(args)
    analysed = 0

    def on_errors(errors: pd.DataFrame) -> None:
        sys.stderr.write("".join(problems.add(errors)))

    def chunks() -> Iterator[Corpus]:
        nonlocal analysed
        show = sys.stderr.isatty()
        for chunk in tqdm(stream_corpus(args.paths, chunk_size=_CHUNK, **_reading(args)), desc=args.command,
                          unit="chunk", disable=not show, file=sys.stderr):
            analysed += len(chunk.articles)
            texts.add(chunk.articles)
            yield chunk

    lexicon = load_frame_lexicon(args.lexicon) if getattr(args, "lexicon", None) else None
    tables: Iterator[pd.DataFrame]
    if args.command == "metrics":
        tables = stream_metrics(chunks(), lexicon=lexicon, on_errors=on_errors)
    else:
        tables = _per_chunk(args, chunks(), lexicon, on_errors)
    with TableWriter(fmt=args.format, out=getattr(args, "out", None)) as writer:
        for table in tables:
            writer.write(table)
    sys.stderr.write("".join(problems.finish()))
    texts.finish()
    if not analysed:
        print("framing: nothing could be analysed", file=sys.stderr)
        return 1
    return 0


def _per_chunk(
    args: argparse.Namespace, chunks: Iterator[Corpus], lexicon: Any, on_errors: Callable[[pd.DataFrame], None]
) -> Iterator[pd.DataFrame]:
    for chunk in chunks:
        on_errors(chunk.errors)
        if chunk.articles.empty:
            continue
        yield find_terms(chunk, lexicon=lexicon) if args.command == "terms" else _loaded(chunk, every=args.all)


class _ProblemLines:
    """stderr lines for problems as they come: the first few of each (problem, file), then one count line each.

    The errors table keeps every problem; this only keeps a million bad rows from
    printing a million lines.
    """

    def __init__(self) -> None:
        self._groups: dict[tuple[str, str], list[int]] = {}  # (problem, file) -> [count, any row-wise source]

    def add(self, errors: pd.DataFrame) -> list[str]:
        """Lines for the problems in ``errors`` that are among the first of their group."""
        lines = []
        for article, source, problem, detail in zip(*(errors[c].astype(str).tolist() for c in ERROR_COLUMNS),
                                                    strict=True):
            file = _ROW_SUFFIX_RE.sub("", source)
            group = self._groups.setdefault((problem, file), [0, 0])
            group[0] += 1
            group[1] |= file != source
            if group[0] <= _SHOWN_PER_GROUP:
                where = f" [{article}]" if article else ""
                lines.append(for_terminal(f"framing: {source}{where}: {problem}: {detail}") + "\n")
        return lines

    def finish(self) -> list[str]:
        """One count line for each group with more problems than were shown."""
        lines = []
        for (problem, file), (count, rowwise) in self._groups.items():
            if count > _SHOWN_PER_GROUP:
                hidden = count - _SHOWN_PER_GROUP
                noun = ("row" if rowwise else "problem") + ("s" if hidden > 1 else "")
                lines.append(for_terminal(f"framing: {file}: {hidden:,} more {noun}: {problem}") + "\n")
        return lines


def _problem_lines(errors: pd.DataFrame) -> list[str]:
    """The stderr lines for a whole errors table (see :class:`_ProblemLines`)."""
    lines = _ProblemLines()
    return lines.add(errors) + lines.finish()


def _parameter(value: str) -> Any:
    try:
        return json.loads(value)
    except json.JSONDecodeError:
        return value


def _report(args: argparse.Namespace) -> int:
    from .report import ReportError, build_report
    from .report_folder import OutputFolderError, check_output_folder

    if not Path(args.corpus).exists():
        raise _UsageError(f"{args.corpus}: no such file or folder")
    try:
        check_output_folder(args.out)  # before any work: a refused --out costs nothing
    except OutputFolderError as exc:
        print(f"framing report: {exc}", file=sys.stderr)
        return 2
    params = {name: _parameter(value) for name, value in args.p}
    show = sys.stderr.isatty()

    def progress(message: str) -> None:
        if show:
            print(f"framing report: {message}", file=sys.stderr, flush=True)

    try:
        index = build_report(
            args.corpus, args.out, parameters=params, notebooks_dir=args.notebooks, progress=progress
        )
    except OutputFolderError as exc:  # another run holds the folder, or its files changed meanwhile
        print(f"framing report: {exc}", file=sys.stderr)
        return 2
    except ReportError as exc:
        print(f"framing report: {exc}", file=sys.stderr)
        return 1
    print(f"framing report: wrote {index}", file=sys.stderr)
    return 0
