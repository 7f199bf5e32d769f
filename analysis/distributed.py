"""The Dask engine: ``framing metrics|terms|quotes|loaded --engine dask``, on many cores or machines.

The same per-article code as the single-process path runs over Dask partitions (a
:mod:`dask.bag`), and each partition writes its rows as Parquet, partitioned by
outlet and date (hive style)::

    OUT/<command>/outlet=<outlet>/date=<day>/part-<partition>.parquet
    OUT/<command>/_common_metadata        the schema, also when nothing was found
    OUT/<command>-errors.parquet          every loading problem, as the local errors table

How the work is split:

1. **Read** (this process): files and table rows are read in order, as
   :func:`~analysis.corpus.stream_corpus` reads them, and grouped into partitions of raw
   records. Reading is cheap; a second copy of an id is reported ``duplicate_id`` here,
   since only the whole input shows it. Partitions are scattered to the workers in small
   batches as they fill, so this process holds one batch at a time, not the corpus.
2. **Map** (workers): each partition is cleaned and paired into documents (the loader's own
   step) and analysed by the local path's functions: :func:`~analysis.terms.find_terms`,
   :func:`~analysis.loaded.find_loaded`, :func:`~analysis.sourcing.find_quotes` and the
   metrics table's own per-chunk step. The results stay in the workers' memory (Dask
   spills them to disk when it runs short) until they are written.
3. **Reduce**: the corpus-wide step. A speaker's source type is what any article
   establishes (``find_quotes(type_votes=...)``), so the partitions'
   tallies are summed and settled (:func:`~analysis.sourcing.settled_speaker_types`) once.
4. **Write** (workers): each partition settles its quotations' types (``quotes``:
   :func:`~analysis.sourcing.fill_speaker_types`; ``metrics``: its ``sourcing.type_*``
   columns) and writes its rows, cast to the schema of the first partition with rows
   (as :class:`~analysis.records.TableWriter` casts each chunk to the first).

The rows are those of the single-process path; file names and contents depend on the
partition size, not on the number of workers, so the same input gives byte-identical
files. An article's ``date`` partition is its calendar day when the date starts with one
(``2024-03-01T10:00`` → ``2024-03-01``), else the date as given; an article without
outlet or date goes under ``outlet=`` or ``date=`` (the empty value, which
``pandas.read_parquet`` reads back as ``""``).

Pipeline step: all of them (load → document → areas → tables), over a Dask cluster.
"""

from __future__ import annotations

import logging
import os
import re
import shutil
import warnings
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from functools import cache, partial
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

import pandas as pd

# The loader's own steps, so both engines read, clean and pair articles with one code:
# _read_path reads raw records in order, _article builds one article's document, _chunk frames them.
from .corpus import (
    ERROR_COLUMNS,
    MAX_ARTICLE_BYTES,
    Article,
    CorpusError,
    _article,
    _chunk,
    _Problem,
    _read_path,
    _Record,
)
from .document import Document
from .html_pages import write_extracted_texts
from .metrics import AREAS, _settled, _Unsettled, _unsettled_metrics
from .sourcing.source_types import TypeVotes, merge_type_votes
from .table_columns import ColumnNames
from .terms import FrameLexicon, find_terms, load_frame_lexicon

if TYPE_CHECKING:
    import pyarrow as pa
    from distributed import Client

__all__ = ["COMMANDS", "DaskEngineError", "DaskRun", "run_on_dask", "read_results", "partition_day"]

COMMANDS = ("metrics", "terms", "quotes", "loaded")
PARTITION_COLUMNS = ("outlet", "date")
#: Articles per Dask partition: enough to amortise a task's overhead, few enough to balance the workers.
PARTITION_SIZE = 100
_SCATTER_BATCH = 16  # partitions sent to the workers in one round trip
_CONNECT_TIMEOUT = 10  # seconds to reach a --scheduler
_DAY_RE = re.compile(r"\d{4}-\d{2}-\d{2}")
_OUR_FILE_RE = re.compile(r"(?:[^/=]+=[^/]*/)+part-\d{5}-\d+\.parquet|_common_metadata")


class DaskEngineError(ValueError):
    """A usage problem found before any work: an ``out`` that cannot be written, an unreachable scheduler."""


class DaskRun(NamedTuple):
    """What :func:`run_on_dask` wrote."""

    folder: Path  # OUT/<command>: the partitioned Parquet dataset
    errors_file: Path  # OUT/<command>-errors.parquet
    errors: pd.DataFrame  # the loading problems (ERROR_COLUMNS), in the order the local path lists them
    articles: int  # articles analysed
    rows: int  # rows written
    partitions: int
    files: tuple[Path, ...]  # the Parquet files written, in partition order
    extracted: int  # articles whose text was extracted from HTML (saved in ``texts``, when given)


class _Job(NamedTuple):
    """What every partition runs: the command and its options."""

    command: str
    lexicon: FrameLexicon | None  # None: the shipped lexicon, loaded once per worker
    split: str
    scope: str
    every: bool
    boilerplate: str | None
    lexicon_dir: str | None
    texts: str | None  # where each partition saves the text it extracted from HTML


class _Partition(NamedTuple):
    """Raw records for one task, each with its position in the input (to put problems in input order)."""

    number: int  # the partition's place in the input, 0-based
    records: list[tuple[int, _Record]]


class _Part(NamedTuple):
    """One partition analysed, before the corpus-wide step."""

    number: int  # the partition's place in the input, 0-based
    table: pd.DataFrame  # quotes: each quotation's own type; metrics: see metrics._Unsettled
    pending: list[dict[tuple[str, str], int]]  # metrics only: untyped quotations by speaker, per row
    votes: TypeVotes  # speaker -> the source types its descriptions in this partition point to
    places: dict[str, tuple[str, str]]  # article -> (outlet, day) partition values
    problems: list[tuple[int, int, _Problem]]  # (input position, order, problem)
    articles: int
    extracted: int


class _Written(NamedTuple):
    number: int  # the partition's place in the input, 0-based
    rows: int
    files: list[str]
    problems: list[tuple[int, int, _Problem]]
    articles: int
    extracted: int


def run_on_dask(
    command: str,
    paths: str | Path | Iterable[str | Path],
    *,
    out: str | Path,
    scheduler: str | None = None,
    workers: int | None = None,
    lexicon: FrameLexicon | None = None,
    split: str = "sentence",
    scope: str = "speech",
    every: bool = False,
    partition_size: int = PARTITION_SIZE,
    max_bytes: int = MAX_ARTICLE_BYTES,
    boilerplate: str | Path | None = None,
    lexicon_dir: str | Path | None = None,
    id_column: str | None = None,
    text_column: str | None = None,
    outlet_column: str | None = None,
    date_column: str | None = None,
    texts: str | Path | None = None,
) -> DaskRun:
    """Run ``framing <command>`` over Dask partitions and write partitioned Parquet under ``out``.

    Args:
        command: ``metrics``, ``terms``, ``quotes`` or ``loaded``.
        paths: what :func:`~analysis.corpus.load_corpus` reads.
        out: a folder (made if missing; its parent must exist). ``out/<command>`` is
            replaced when it holds only a previous run's files, and refused otherwise.
            On a cluster of several machines it must be a folder every worker can write.
        scheduler: the address of a running Dask scheduler (``tcp://host:8786``); its
            workers need this package installed. None starts a local cluster.
        workers: the local cluster's worker processes (one thread each); default one per
            usable core. Not with ``scheduler``.
        lexicon: a frame lexicon for ``terms`` and ``metrics`` (default: shipped).
        split: ``quotes``: how a quotation split by its tag is reported.
        scope: ``quotes``: ``speech``, or ``attribution`` (also beliefs and evidence).
        every: ``loaded``: also list intensifiers and hedges.
        partition_size: articles per partition.
        max_bytes, boilerplate, lexicon_dir, id_column, text_column, outlet_column, date_column:
            as for :func:`~analysis.corpus.load_corpus`.
        texts: a folder where the workers save the text extracted from each HTML page as
            ``<id>.txt`` (:func:`~analysis.html_pages.write_extracted_texts`): offsets refer to it.

    Returns:
        A :class:`DaskRun`.

    Raises:
        CorpusError: a path does not exist.
        DaskEngineError: a bad option, an ``out`` that cannot be written, an unreachable scheduler.
    """
    if command not in COMMANDS:
        raise DaskEngineError(f"the Dask engine runs {', '.join(COMMANDS)}, not {command!r}")
    if scheduler is not None and workers is not None:
        raise DaskEngineError("give either a scheduler address or a number of workers, not both")
    if workers is not None and workers < 1:
        raise DaskEngineError(f"workers must be at least 1, not {workers}")
    if partition_size < 1:
        raise DaskEngineError(f"partition_size must be at least 1, not {partition_size}")
    resolved = [Path(p) for p in ([paths] if isinstance(paths, (str, Path)) else paths)]
    for path in resolved:
        if not path.exists():
            raise CorpusError(f"{path}: no such file or folder")
    base = Path(out).absolute()  # workers may run elsewhere than this folder
    folder = _prepare_folder(base, command)
    texts_folder = None if texts is None else str(Path(texts).absolute())
    job = _Job(command, lexicon, split, scope, every, _text(boilerplate), _text(lexicon_dir), texts_folder)
    columns = ColumnNames(id_column or None, text_column or None, outlet_column or None, date_column or None)
    with _client(scheduler, workers) as client:
        written, read_problems, schema = _compute(client, job, resolved, folder, partition_size, max_bytes, columns)
    _write_common_metadata(folder, schema)
    problems = sorted(read_problems + [p for w in written for p in w.problems], key=lambda p: (p[0], p[1]))
    errors = pd.DataFrame([p[2] for p in problems], columns=ERROR_COLUMNS).astype(str)
    errors_file = base / f"{command}-errors.parquet"
    errors.to_parquet(errors_file, index=False)
    return DaskRun(
        folder=folder,
        errors_file=errors_file,
        errors=errors,
        articles=sum(w.articles for w in written),
        rows=sum(w.rows for w in written),
        partitions=len(written),
        files=tuple(Path(f) for w in written for f in w.files),
        extracted=sum(w.extracted for w in written),
    )


def read_results(folder: str | Path) -> pd.DataFrame:
    """A dataset written by :func:`run_on_dask` as one table, ``outlet`` and ``date`` as text columns.

    Rows come folder by folder (outlet, then day), each folder's files in partition order.
    """
    import pyarrow.dataset as ds
    import pyarrow.parquet as pq

    folder = Path(folder)
    schema = pq.read_schema(folder / "_common_metadata")
    partitioning = ds.partitioning(_place_schema(), flavor="hive")
    table = ds.dataset(folder, format="parquet", partitioning=partitioning, schema=schema).to_table()
    return table.to_pandas()


def partition_day(date: str) -> str:
    """The ``date=`` partition of an article's date: its calendar day when it starts with one, else the date."""
    found = _DAY_RE.match(date)
    return found.group() if found else date


def _text(path: str | Path | None) -> str | None:
    return None if path is None else str(path)


def _prepare_folder(base: Path, command: str) -> Path:
    """``base/<command>``, made empty: a previous run's files are removed, anything else is refused."""
    if base.exists() and not base.is_dir():
        raise DaskEngineError(f"--out {base}: is a file; give a folder")
    if not base.parent.is_dir():
        raise DaskEngineError(f"--out {base}: the folder {base.parent} does not exist")
    folder = base / command
    if folder.exists():
        files = [p for p in folder.rglob("*") if p.is_file()]
        theirs = [p for p in files if not _OUR_FILE_RE.fullmatch(p.relative_to(folder).as_posix())]
        if theirs:
            raise DaskEngineError(
                f"--out {base}: {folder} holds files this command did not write (such as {theirs[0]}); "
                "choose another folder"
            )
        shutil.rmtree(folder)
    try:
        folder.mkdir(parents=True)
    except OSError as exc:
        raise DaskEngineError(f"--out {base}: cannot make {folder}: {exc.strerror or exc}") from exc
    if not os.access(folder, os.W_OK | os.X_OK):
        raise DaskEngineError(f"--out {base}: cannot write in {folder}")
    return folder


@contextmanager
def _client(scheduler: str | None, workers: int | None) -> Iterator[Client]:
    """A client of the scheduler at ``scheduler``, or of a local cluster started (and stopped) here."""
    from distributed import Client, LocalCluster

    if scheduler is not None:
        try:
            client = Client(scheduler, timeout=_CONNECT_TIMEOUT)
        except (OSError, TimeoutError, ValueError) as exc:
            raise DaskEngineError(f"cannot reach the Dask scheduler at {scheduler}: {exc}") from exc
        with client:
            yield client
        return
    count = workers or _usable_cores()
    with warnings.catch_warnings():
        # Without a dashboard the scheduler still serves /health on 8787 when free, else on any port: both fine.
        warnings.filterwarnings("ignore", message="Port .* is already in use", category=UserWarning)
        cluster = LocalCluster(
            n_workers=count, threads_per_worker=1, processes=True, dashboard_address=None, silence_logs=logging.ERROR
        )
    with cluster, Client(cluster) as client:
        yield client


def _compute(
    client: Client, job: _Job, paths: list[Path], folder: Path, partition_size: int, max_bytes: int,
    columns: ColumnNames,
) -> tuple[list[_Written], list[tuple[int, int, _Problem]], tuple[bool, pa.Schema]]:
    """Read and scatter the partitions, map them, then reduce and write them."""
    import dask
    import dask.bag as db

    futures: list[Any] = []
    batch: list[list[_Partition]] = []
    read_problems: list[tuple[int, int, _Problem]] = []
    for item in _partitions(paths, partition_size, max_bytes, columns, job, read_problems):
        batch.append([item])  # a bag partition is a list: this one holds the whole _Partition
        if len(batch) >= _SCATTER_BATCH:
            futures.extend(client.scatter(batch, hash=False))  # no hashing: the text is sent once anyway
            batch = []
    if batch:
        futures.extend(client.scatter(batch, hash=False))
    if not futures:  # nothing to analyse: still one (empty) partition, for the schema
        futures = client.scatter([[_Partition(0, [])]], hash=False)
    bag = db.from_delayed([dask.delayed(f) for f in futures])
    # Persisted: the reduce and the write read the analysed partitions where they are. Left to the
    # graph optimiser, each of the three would fuse the analysis into its own tasks and run it again.
    parts = client.persist(bag.map_partitions(_analyse, job=job))
    settle = partial(_settled_types, lexicon_dir=job.lexicon_dir)
    settled = parts.reduction(_partition_votes, _merged_votes).apply(settle)
    schema = parts.reduction(_partition_schema, _first_schema)
    written = parts.map_partitions(_write, job=job, settled=settled, schema=schema, folder=str(folder))
    done, first_schema = dask.compute(written, schema)
    return list(done), read_problems, first_schema


def _usable_cores() -> int:
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1


def _partitions(
    paths: list[Path], size: int, max_bytes: int, columns: ColumnNames, job: _Job,
    problems: list[tuple[int, int, _Problem]],
) -> Iterator[_Partition]:
    """The input's records in partitions of ``size``; reading problems and duplicate ids go to ``problems``."""
    seen: dict[str, str] = {}
    records: list[tuple[int, _Record]] = []
    index = 0
    position = 0
    for path in paths:
        for item in _read_path(path, max_bytes, columns):
            position += 1
            if isinstance(item, _Problem):
                problems.append((position, 0, item))
                continue
            if item.article in seen:  # the loader's own step reports the duplicate (and builds nothing)
                found: list[_Problem] = []
                _article(item, seen, found, boilerplate=job.boilerplate, lexicon_dir=job.lexicon_dir)
                problems.extend((position, order, p) for order, p in enumerate(found))
                continue
            seen[item.article] = item.source
            records.append((position, item))
            if len(records) >= size:
                yield _Partition(index, records)
                index, records = index + 1, []
    if records:
        yield _Partition(index, records)


# -- on the workers -------------------------------------------------------------------------------


@cache
def _shipped_lexicon() -> FrameLexicon:
    """The shipped frame lexicon, built once per worker process rather than once per partition."""
    return load_frame_lexicon()


def _analyse(partition: list[_Partition], *, job: _Job) -> list[_Part]:
    """Map: build the partition's documents and run the command's per-article code on them."""
    (part,) = partition
    rows: list[Article] = []
    docs: list[Document] = []
    problems: list[tuple[int, int, _Problem]] = []
    for position, record in part.records:
        found: list[_Problem] = []
        doc = _article(record, {}, found, boilerplate=job.boilerplate, lexicon_dir=job.lexicon_dir)
        problems.extend((position, order, p) for order, p in enumerate(found))
        if doc is not None:
            rows.append(doc.meta)
            docs.append(doc)
    corpus = _chunk(rows, docs, [])
    extracted = _saved_texts(corpus.articles, job.texts)
    places = {a.article: (a.outlet, partition_day(a.date)) for a in rows}
    lexicon = job.lexicon or _shipped_lexicon()
    votes: TypeVotes = {}
    pending: list[dict[tuple[str, str], int]] = []
    if job.command == "metrics":
        table, pending = _unsettled_metrics(corpus, lexicon=lexicon, areas=AREAS, votes=votes)
    elif job.command == "quotes":
        from .sourcing import find_quotes

        table = find_quotes(corpus, split=job.split, scope=job.scope, corpus_types=False, type_votes=votes)
    elif job.command == "terms":
        table = find_terms(corpus, lexicon=lexicon)
    else:
        from .loaded import find_loaded

        table = find_loaded(corpus)
        table = table if job.every else table[table["loaded"]]
    clash = [c for c in PARTITION_COLUMNS if c in table.columns]
    if clash:  # a column of the table would be hidden by the folder names
        raise ValueError(f"the {job.command} table has a column named {clash[0]!r}, which partitions the output")
    return [_Part(part.number, table, pending, votes, places, problems, len(rows), extracted)]


def _saved_texts(articles: pd.DataFrame, folder: str | None) -> int:
    """How many of the articles were extracted from HTML; their texts are saved in ``folder`` when given."""
    if folder is None:
        return int((articles["input_format"] == "html").sum())
    try:
        return write_extracted_texts(articles, folder)
    except OSError as exc:
        raise DaskEngineError(f"--texts {folder}: cannot save the texts: {exc.strerror or exc}") from None


def _partition_votes(parts: Iterable[_Part]) -> TypeVotes:
    votes: TypeVotes = {}
    for part in parts:
        merge_type_votes(votes, part.votes)
    return votes


def _merged_votes(tallies: Iterable[TypeVotes]) -> TypeVotes:
    """Reduce: the partitions' (or sub-reductions') speaker type tallies, summed (order never matters)."""
    votes: TypeVotes = {}
    for tally in tallies:
        merge_type_votes(votes, tally)
    return votes


def _settled_types(votes: TypeVotes, *, lexicon_dir: str | None) -> dict[str, str]:
    from .sourcing import settled_speaker_types

    return settled_speaker_types(votes, lexicon_dir=lexicon_dir)


def _partition_schema(parts: Iterable[_Part]) -> tuple[bool, pa.Schema]:
    """Whether the partition has rows, and the schema its rows are written with."""
    (part,) = parts
    return not part.table.empty, _arrow(_with_places(part.table, part.places)).schema


def _first_schema(found: Iterable[tuple[bool, pa.Schema]]) -> tuple[bool, pa.Schema]:
    """The schema of the first partition with rows (else of the first): every file is cast to it."""
    found = list(found)
    return next((f for f in found if f[0]), found[0])


def _write(
    parts: list[_Part], *, job: _Job, settled: dict[str, str], schema: tuple[bool, pa.Schema], folder: str
) -> list[_Written]:
    """Settle the partition's source types and write its rows under ``folder``, one file per outlet and day."""
    import pyarrow.dataset as ds

    (part,) = parts
    table = part.table.copy()  # the analysed partition stays as it was (a retried task must not settle twice)
    if job.command == "metrics":
        table = _settled(_Unsettled(table, part.pending), settled)
    elif job.command == "quotes":
        from .sourcing import fill_speaker_types

        fill_speaker_types(table, settled)
    files: list[str] = []
    if not table.empty:
        arrow = _arrow(_with_places(table, part.places)).cast(schema[1])
        ds.write_dataset(
            arrow,
            folder,
            format="parquet",
            partitioning=ds.partitioning(_place_schema(), flavor="hive"),
            basename_template=f"part-{part.number:05d}-{{i}}.parquet",
            existing_data_behavior="overwrite_or_ignore",
            preserve_order=True,
            file_visitor=lambda written: files.append(written.path),
        )
    return [_Written(part.number, len(table), sorted(files), part.problems, part.articles, part.extracted)]


def _with_places(table: pd.DataFrame, places: dict[str, tuple[str, str]]) -> pd.DataFrame:
    """``table`` with the outlet and day of each row's article, the columns the files are partitioned by."""
    where = [places[str(a)] for a in table["article"]]
    return table.assign(outlet=pd.Series([w[0] for w in where], index=table.index, dtype="str"),
                        date=pd.Series([w[1] for w in where], index=table.index, dtype="str"))


def _arrow(table: pd.DataFrame) -> pa.Table:
    import pyarrow as pa

    return pa.Table.from_pandas(table.reset_index(drop=True), preserve_index=False)


def _place_schema() -> pa.Schema:
    """The folder-name columns: outlet, then date."""
    import pyarrow as pa

    return pa.schema([(c, pa.string()) for c in PARTITION_COLUMNS])


def _write_common_metadata(folder: Path, schema: tuple[bool, pa.Schema]) -> None:
    """The dataset's schema in ``_common_metadata`` (readers skip ``_`` files), so even no rows keep their columns."""
    import pyarrow.parquet as pq

    pq.write_metadata(schema[1], folder / "_common_metadata")
