"""Loading articles from files, folders and tables into one tidy corpus, whole or streamed in chunks.

A corpus is two DataFrames: ``articles`` (one row per article that can be
analysed) and ``errors`` (one row per problem, with the article it came from).
One bad article never stops the rest: it goes to ``errors`` and loading goes on.

The text is the file decoded as UTF-8 with a leading BOM removed and nothing
else changed, so every offset reported anywhere is an index into it.

Pipeline step: load.
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import NamedTuple

import pandas as pd

from .clean import Region, dateline, excluded_regions
from .document import Document, remember
from .segment import paragraphs
from .table_files import RowProblem, TableColumns, TableRow, table_items

__all__ = [
    "Article",
    "Corpus",
    "articles_of",
    "iter_articles",
    "CorpusError",
    "load_corpus",
    "stream_corpus",
    "ARTICLE_COLUMNS",
    "ERROR_COLUMNS",
    "METADATA_COLUMNS",
    "MAX_ARTICLE_BYTES",
]

METADATA_COLUMNS = ["outlet", "date", "title", "url", "label"]
ARTICLE_COLUMNS = ["article", "source", *METADATA_COLUMNS, "encoding", "dateline", "text", "excluded"]
ERROR_COLUMNS = ["article", "source", "problem", "detail"]
#: Larger files are not articles (a whole book, a data dump) and are refused.
MAX_ARTICLE_BYTES = 5_000_000
TABLE_SUFFIXES = (".csv", ".jsonl", ".parquet")
_PROBLEMS_PER_CHUNK = 5_000  # a streamed chunk also ends after this many problems
_TABLE_COLUMNS = ("id", "text")
_COLUMNS_SHOWN = 20  # a bad_table detail lists at most this many of the columns the table has
_PREFERRED_ON_TIE = ("cp1252", "latin_1", "iso8859_15")
_HTML_RE = re.compile(r"\A\s*(?:<!doctype\s+html|<html[\s>]|<head[\s>]|<body[\s>])", re.IGNORECASE)
_TAG_RE = re.compile(r"</?(?:p|div|span|a|br|script|style|meta|li|table|td|h[1-6])\b", re.IGNORECASE)


class CorpusError(ValueError):
    """A usage problem that stops loading altogether, such as a missing path."""


class Corpus(NamedTuple):
    """Articles that can be analysed, and every problem met while loading."""

    articles: pd.DataFrame
    errors: pd.DataFrame


class Article(NamedTuple):
    """One row of ``Corpus.articles``, typed."""

    article: str
    source: str
    outlet: str
    date: str
    title: str
    url: str
    label: str
    encoding: str
    dateline: str
    text: str
    excluded: tuple[Region, ...]


def articles_of(corpus: Corpus | pd.DataFrame) -> pd.DataFrame:
    """The articles table of a corpus (or the table itself)."""
    return corpus.articles if isinstance(corpus, Corpus) else corpus


def iter_articles(corpus: Corpus | pd.DataFrame) -> Iterator[Article]:
    """Each article of a corpus or articles table, in order."""
    table = articles_of(corpus)
    for values in zip(*(table[column].tolist() for column in ARTICLE_COLUMNS), strict=True):
        yield Article(*values)


class _Record(NamedTuple):
    article: str
    source: str
    text: str
    encoding: str
    metadata: dict[str, str]


class _Problem(NamedTuple):
    article: str
    source: str
    problem: str
    detail: str


def load_corpus(
    paths: str | Path | Iterable[str | Path],
    *,
    max_bytes: int = MAX_ARTICLE_BYTES,
    boilerplate: str | Path | None = None,
    lexicon_dir: str | Path | None = None,
) -> Corpus:
    """Load articles from ``.txt`` files, folders and ``.csv``/``.jsonl``/``.parquet`` tables.

    Args:
        paths: one path or several. A folder is read non-recursively in sorted
            order; its ``metadata.csv`` (keyed by ``id``) adds outlet, date,
            title and url; sub-folders and hidden files are reported as ``skipped``.
            A table's rows are read one by one (:mod:`analysis.table_files`): a row
            that cannot be used is one problem whose source ends in ``:line N``
            (CSV, JSONL) or ``:row N`` (Parquet), and the other rows are kept.
        max_bytes: files larger than this are reported as ``too_large``.
        boilerplate: a boilerplate lexicon file for cleaning.
        lexicon_dir: a folder of lexicon files; lists it lacks come from the shipped ones.

    Returns:
        A :class:`Corpus`. ``articles`` has the columns in ``ARTICLE_COLUMNS``;
        ``excluded`` holds each article's :class:`~analysis.clean.Region` tuple.

    Raises:
        CorpusError: a path does not exist (nothing is loaded).
    """
    (corpus,) = stream_corpus(
        paths, chunk_size=None, max_bytes=max_bytes, boilerplate=boilerplate, lexicon_dir=lexicon_dir
    )
    return corpus


def stream_corpus(
    paths: str | Path | Iterable[str | Path],
    *,
    chunk_size: int | None = 50,
    max_bytes: int = MAX_ARTICLE_BYTES,
    boilerplate: str | Path | None = None,
    lexicon_dir: str | Path | None = None,
) -> Iterator[Corpus]:
    """:func:`load_corpus` in pieces: each yielded :class:`Corpus` holds up to ``chunk_size`` articles.

    Files and table rows are read one at a time, so memory holds one chunk (and the ids
    seen so far, to report duplicates), whatever the corpus size. Each chunk's ``errors``
    are the problems met while reading its articles; a last chunk may hold problems
    only. ``chunk_size=None`` yields the whole corpus as one chunk.

    Raises:
        CorpusError: a path does not exist (nothing is loaded).
    """
    given = [paths] if isinstance(paths, (str, Path)) else list(paths)
    resolved = [Path(p) for p in given]
    for path in resolved:
        if not path.exists():
            raise CorpusError(f"{path}: no such file or folder")
    seen: dict[str, str] = {}
    rows: list[Article] = []
    docs: list[Document] = []
    problems: list[_Problem] = []
    for path in resolved:
        for rec in _read_path(path, max_bytes):
            if isinstance(rec, _Problem):
                problems.append(rec)
                if chunk_size is not None and len(problems) >= _PROBLEMS_PER_CHUNK:  # a million bad rows stream too
                    yield _chunk(rows, docs, problems)
                    rows, docs, problems = [], [], []
                continue
            found = _article(rec, seen, problems, boilerplate=boilerplate, lexicon_dir=lexicon_dir)
            if found is not None:
                rows.append(found.meta)
                docs.append(found)
            if chunk_size is not None and len(rows) >= chunk_size:
                yield _chunk(rows, docs, problems)
                rows, docs, problems = [], [], []
    if rows or problems or chunk_size is None:
        yield _chunk(rows, docs, problems)


def _chunk(rows: list[Article], docs: list[Document], problems: list[_Problem]) -> Corpus:
    articles = pd.DataFrame(rows, columns=ARTICLE_COLUMNS)
    remember(articles, docs)
    return Corpus(articles, pd.DataFrame(problems, columns=ERROR_COLUMNS).astype(str))


def _article(
    rec: _Record,
    seen: dict[str, str],
    problems: list[_Problem],
    *,
    boilerplate: str | Path | None,
    lexicon_dir: str | Path | None,
) -> Document | None:
    """The document of a record read (cleaned, its quotation marks paired), or None for a duplicate id."""
    if rec.article in seen:
        problems.append(
            _Problem(
                rec.article,
                rec.source,
                "duplicate_id",
                f"id also used by {seen[rec.article]}; this copy was not analysed",
            )
        )
        return None
    seen[rec.article] = rec.source
    found = dateline(rec.text)
    paras = paragraphs(rec.text)
    meta = rec.metadata
    article = Article(
        article=rec.article,
        source=rec.source,
        outlet=meta.get("outlet", ""),
        date=meta.get("date", ""),
        title=meta.get("title", ""),
        url=meta.get("url", ""),
        label=meta.get("label", ""),
        encoding=rec.encoding,
        dateline=found[1] if found else "",
        text=rec.text,
        excluded=excluded_regions(rec.text, patterns=boilerplate, lexicon_dir=lexicon_dir, paras=paras),
    )
    doc = Document(article, paragraphs=paras)  # step 2 starts here: its quotation marks are paired once
    for _offset, problem, detail in doc.quote_problems:
        problems.append(_Problem(rec.article, rec.source, problem, f"{detail} (article analysed)"))
    return doc


def _read_path(path: Path, max_bytes: int) -> Iterator[_Record | _Problem]:
    if path.is_dir():
        metadata, problems = _read_metadata(path / "metadata.csv")
        yield from problems
        for child in sorted(path.iterdir()):
            if child.name == "metadata.csv":
                continue
            skipped = _skip_reason(child)
            if skipped:
                yield _Problem("", str(child), "skipped", skipped)
                continue
            for item in _read_file(child, max_bytes):
                if isinstance(item, _Record) and item.article in metadata:
                    extra = {k: v for k, v in metadata[item.article].items() if v}
                    item = item._replace(metadata={**extra, **item.metadata})
                yield item
    else:
        yield from _read_file(path, max_bytes)


def _skip_reason(child: Path) -> str:
    """Why a folder entry is not read, or ""."""
    if child.name.startswith("."):
        return "a hidden file (its name starts with '.')"
    if child.is_dir():
        return "a folder; folders are read non-recursively"
    if not child.is_file():
        return "not a regular file"
    return ""


def _read_file(path: Path, max_bytes: int) -> Iterator[_Record | _Problem]:
    suffix = path.suffix.lower()
    if suffix in TABLE_SUFFIXES:
        yield from _read_table(path)
    elif suffix in (".txt", ".text", ".html", ".htm"):
        yield from _read_text_file(path, max_bytes)
    else:
        yield _Problem(
            path.stem,
            str(path),
            "unsupported_file",
            f"not a .txt article or a {'/'.join(TABLE_SUFFIXES)} table; skipped",
        )


def _read_text_file(path: Path, max_bytes: int) -> Iterator[_Record | _Problem]:
    article, source = path.stem, str(path)
    try:
        size = path.stat().st_size
        if size > max_bytes:
            yield _Problem(article, source, "too_large", f"{size} bytes is over the {max_bytes}-byte limit")
            return
        raw = path.read_bytes()
    except OSError as exc:
        yield _Problem(article, source, "unreadable", exc.strerror or str(exc))
        return
    text, encoding, problem = _decode(raw)
    if problem:
        yield _Problem(article, source, *problem)
        if text is None:
            return
    assert text is not None
    checked = _check_text(text)
    if checked:
        yield _Problem(article, source, *checked)
        return
    yield _Record(article, source, text, encoding, {})


def _decode(raw: bytes) -> tuple[str | None, str, tuple[str, str] | None]:
    """Decode bytes as UTF-8 (BOM removed), else as a detected encoding."""
    if not raw:
        return None, "", ("empty", "the file has no bytes")
    for bom, name in ((codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16")):
        if raw.startswith(bom):
            text = raw.decode(name)
            return text, name, ("not_utf8", f"decoded as {name} (byte-order mark); article analysed")
    head = raw[:8192]
    controls = sum(b < 9 or 13 < b < 32 for b in head)
    if b"\x00" in head or controls > 0.05 * len(head):
        return None, "", ("binary", "contains NUL or control bytes: not a text file")
    if raw.startswith(codecs.BOM_UTF8):
        raw = raw[len(codecs.BOM_UTF8) :]
    try:
        return raw.decode("utf-8"), "utf-8", None
    except UnicodeDecodeError as exc:
        reason = f"not valid UTF-8 at byte {exc.start}"
    from charset_normalizer import from_bytes

    matches = from_bytes(raw)
    best = matches.best()
    if best is None or best.encoding is None:
        return None, "", ("undecodable", f"{reason}, and no encoding could be detected")
    # Short Western texts often tie between code pages; prefer the commonest for news, cp1252.
    tied = [m for m in matches if (m.chaos, m.coherence) == (best.chaos, best.coherence)]
    best = next((m for m in tied if m.encoding in _PREFERRED_ON_TIE), best)
    name = codecs.lookup(best.encoding).name
    return str(best), name, ("not_utf8", f"{reason}; decoded as {name} (detected); article analysed")


def _check_text(text: str) -> tuple[str, str] | None:
    """A reason the decoded text is not an article, or None."""
    if not text:
        return "empty", "the text is empty"
    if not text.strip():
        return "whitespace_only", "the text holds only white space"
    if _HTML_RE.match(text) or len(_TAG_RE.findall(text[:20000])) >= 5:
        return "html", "looks like an HTML page, not article text: extract the text first"
    return None


def _read_metadata(path: Path) -> tuple[dict[str, dict[str, str]], list[_Problem]]:
    if not path.exists():
        return {}, []
    metadata: dict[str, dict[str, str]] = {}
    problems: list[_Problem] = []
    try:
        for item in table_items(path):
            if isinstance(item, TableColumns):
                if "id" not in item.names:
                    return {}, [_Problem("", str(path), "bad_metadata", "metadata.csv has no 'id' column")]
            elif isinstance(item, RowProblem):
                problems.append(_Problem("", f"{path}:{item.where}", "bad_metadata", item.detail))
            else:
                values = {k: str(v) for k, v in item.values.items()}
                metadata[values.get("id", "")] = {c: values[c] for c in METADATA_COLUMNS if c in values}
    except (OSError, ValueError) as exc:
        return {}, [_Problem("", str(path), "bad_metadata", f"cannot read metadata: {exc}")]
    return metadata, problems


def _read_table(path: Path) -> Iterator[_Record | _Problem]:
    """Each row of a table as a record or a problem; a table without ``id`` or ``text`` is one ``bad_table``."""
    source = str(path)
    rows = 0
    try:
        for item in table_items(path):
            if isinstance(item, TableRow):  # the common case first: a million rows are a million turns
                rows += 1
                yield _table_row(f"{source}:{item.where}", item.values)
                continue
            if isinstance(item, RowProblem):
                rows += 1
                yield _Problem("", f"{source}:{item.where}", item.problem, item.detail)
                continue
            missing = [c for c in _TABLE_COLUMNS if c not in item.names]
            if missing:
                yield _Problem("", source, "bad_table", _missing_columns(missing, item.names))
                return
    except (OSError, ValueError, ImportError) as exc:  # TableError, or a Parquet file that cannot be opened
        after = f" after {rows:,} rows" if rows else ""
        yield _Problem("", source, "bad_table", f"cannot read table{after}: {exc}")
        return
    if not rows:
        yield _Problem("", source, "empty", "the table has no rows")


def _missing_columns(missing: list[str], names: tuple[str, ...]) -> str:
    shown = ", ".join(repr(n) for n in names[:_COLUMNS_SHOWN])
    more = f" and {len(names) - _COLUMNS_SHOWN:,} more" if len(names) > _COLUMNS_SHOWN else ""
    has = f"its columns are {shown}{more}" if names else "it has no columns"
    return f"no {' or '.join(repr(m) for m in missing)} column ({has}); no row was read"


def _table_row(source: str, values: dict[str, object]) -> _Record | _Problem:
    article = _cell(values.get("id"))
    if not article:
        return _Problem("", source, "missing_id", "the row has no id")
    text = values.get("text")
    if _is_missing(text):
        return _Problem(article, source, "missing_text", "the row has no text")
    if not isinstance(text, str):
        return _Problem(article, source, "bad_row", f"the text is not a string (a {type(text).__name__})")
    text = text.removeprefix("\ufeff")
    checked = _check_text(text)
    if checked:
        return _Problem(article, source, *checked)
    metadata = {c: v for c in METADATA_COLUMNS if (v := _cell(values.get(c)))}
    return _Record(article, source, text, "utf-8", metadata)


def _cell(value: object) -> str:
    if type(value) is str:
        return value.strip()
    return "" if _is_missing(value) else str(value).strip()


def _is_missing(value: object) -> bool:
    """None, NaN, or pandas' NA and NaT: how a table says a cell is empty."""
    return value is None or value is pd.NA or value is pd.NaT or (isinstance(value, float) and value != value)
