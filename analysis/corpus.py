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
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import NamedTuple

import pandas as pd

from .clean import Region, dateline, excluded_regions
from .document import Document, remember
from .html_pages import HTML_SUFFIXES, ExtractedPage, extract_page, looks_like_html
from .segment import paragraphs
from .table_columns import ColumnNames, TableLayout, key_column_groups, media_cloud_date, table_layout
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
ARTICLE_COLUMNS = ["article", "source", *METADATA_COLUMNS, "encoding", "dateline", "text", "excluded", "input_format"]
ERROR_COLUMNS = ["article", "source", "problem", "detail"]
#: Larger files are not articles (a whole book, a data dump) and are refused.
MAX_ARTICLE_BYTES = 5_000_000
TABLE_SUFFIXES = (".csv", ".jsonl", ".parquet")
_PROBLEMS_PER_CHUNK = 5_000  # a streamed chunk also ends after this many problems
_PREFERRED_ON_TIE = ("cp1252", "latin_1", "iso8859_15")


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
    #: "text" when ``text`` is the file or cell as read; "html" when it was extracted from an HTML page
    #: (:mod:`analysis.html_pages`), and is saved beside the results so that offsets can be checked.
    input_format: str = "text"


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
    input_format: str = "text"


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
    id_column: str | None = None,
    text_column: str | None = None,
    outlet_column: str | None = None,
    date_column: str | None = None,
) -> Corpus:
    """Load articles from ``.txt`` and HTML files, folders and ``.csv``/``.jsonl``/``.parquet`` tables.

    Args:
        paths: one path or several. A folder is read non-recursively in sorted
            order; its ``metadata.csv`` (keyed by ``id``) adds outlet, date,
            title and url; sub-folders and hidden files are reported as ``skipped``.
            A table's rows are read one by one (:mod:`analysis.table_files`): a row
            that cannot be used is one problem whose source ends in ``:line N``
            (CSV, JSONL) or ``:row N`` (Parquet), and the other rows are kept.
            A Media Cloud export is read as it is (:mod:`analysis.table_columns`).
            An ``.html``/``.htm`` file, or a file or cell that holds an HTML page,
            gives its main text (:mod:`analysis.html_pages`), with its title, URL,
            date and site name as metadata (``metadata.csv`` has the last word);
            ``input_format`` is then ``"html"``.
        max_bytes: files larger than this are reported as ``too_large``.
        boilerplate: a boilerplate lexicon file for cleaning.
        lexicon_dir: a folder of lexicon files; lists it lacks come from the shipped ones.
        id_column, text_column, outlet_column, date_column: a table's column that
            holds the id, text, outlet or date, when it is not the usual one. A table
            without that column is one ``bad_table`` problem naming its columns.

    Returns:
        A :class:`Corpus`. ``articles`` has the columns in ``ARTICLE_COLUMNS``;
        ``excluded`` holds each article's :class:`~analysis.clean.Region` tuple.

    Raises:
        CorpusError: a path does not exist (nothing is loaded).
    """
    (corpus,) = stream_corpus(
        paths, chunk_size=None, max_bytes=max_bytes, boilerplate=boilerplate, lexicon_dir=lexicon_dir,
        id_column=id_column, text_column=text_column, outlet_column=outlet_column, date_column=date_column,
    )
    return corpus


def stream_corpus(
    paths: str | Path | Iterable[str | Path],
    *,
    chunk_size: int | None = 50,
    max_bytes: int = MAX_ARTICLE_BYTES,
    boilerplate: str | Path | None = None,
    lexicon_dir: str | Path | None = None,
    id_column: str | None = None,
    text_column: str | None = None,
    outlet_column: str | None = None,
    date_column: str | None = None,
) -> Iterator[Corpus]:
    """:func:`load_corpus` in pieces: each yielded :class:`Corpus` holds up to ``chunk_size`` articles.

    Files and table rows are read one at a time, so memory holds one chunk (and the ids
    seen so far, to report duplicates), whatever the corpus size. Each chunk's ``errors``
    are the problems met while reading its articles; a last chunk may hold problems
    only. ``chunk_size=None`` yields the whole corpus as one chunk. The other options
    are those of :func:`load_corpus`.

    Raises:
        CorpusError: a path does not exist (nothing is loaded).
    """
    given = [paths] if isinstance(paths, (str, Path)) else list(paths)
    resolved = [Path(p) for p in given]
    for path in resolved:
        if not path.exists():
            raise CorpusError(f"{path}: no such file or folder")
    columns = ColumnNames(id_column or None, text_column or None, outlet_column or None, date_column or None)
    seen: dict[str, str] = {}
    rows: list[Article] = []
    docs: list[Document] = []
    problems: list[_Problem] = []
    for path in resolved:
        for rec in _read_path(path, max_bytes, columns):
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
        input_format=rec.input_format,
    )
    doc = Document(article, paragraphs=paras)  # step 2 starts here: its quotation marks are paired once
    for _offset, problem, detail in doc.quote_problems:
        problems.append(_Problem(rec.article, rec.source, problem, f"{detail} (article analysed)"))
    return doc


_USUAL_COLUMNS = ColumnNames()


def _read_path(path: Path, max_bytes: int, columns: ColumnNames = _USUAL_COLUMNS) -> Iterator[_Record | _Problem]:
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
            for item in _read_file(child, max_bytes, columns):
                if isinstance(item, _Record) and item.article in metadata:
                    extra = {k: v for k, v in metadata[item.article].items() if v}
                    # What a page says about itself is a guess; metadata.csv is the researcher's word.
                    merged = {**item.metadata, **extra} if item.input_format == "html" else {**extra, **item.metadata}
                    item = item._replace(metadata=merged)
                yield item
    else:
        yield from _read_file(path, max_bytes, columns)


def _skip_reason(child: Path) -> str:
    """Why a folder entry is not read, or ""."""
    if child.name.startswith("."):
        return "a hidden file (its name starts with '.')"
    if child.is_dir():
        return "a folder; folders are read non-recursively"
    if not child.is_file():
        return "not a regular file"
    return ""


def _read_file(path: Path, max_bytes: int, columns: ColumnNames) -> Iterator[_Record | _Problem]:
    suffix = path.suffix.lower()
    if suffix in TABLE_SUFFIXES:
        yield from _read_table(path, columns)
    elif suffix in (".txt", ".text", *HTML_SUFFIXES):
        yield from _read_text_file(path, max_bytes)
    else:
        yield _Problem(
            path.stem,
            str(path),
            "unsupported_file",
            f"not a .txt article, an {'/'.join(HTML_SUFFIXES)} page or a {'/'.join(TABLE_SUFFIXES)} table; skipped",
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
    if path.suffix.lower() in HTML_SUFFIXES or looks_like_html(text):
        yield _from_html(article, source, text, encoding, {})
        return
    yield _Record(article, source, text, encoding, {})


def _from_html(article: str, source: str, html: str, encoding: str, metadata: dict[str, str]) -> _Record | _Problem:
    """The record of an HTML page's main text; ``metadata`` given beside the page wins over the page's own."""
    page = extract_page(html)
    if not isinstance(page, ExtractedPage):
        return _Problem(article, source, page.problem, page.detail)
    found = {"title": page.title, "url": page.url, "date": page.date, "outlet": page.outlet}
    merged = {**{k: v for k, v in found.items() if v}, **metadata}
    return _Record(article, source, page.text, encoding, merged, "html")


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


def _read_table(path: Path, columns: ColumnNames) -> Iterator[_Record | _Problem]:
    """Each row of a table as a record or a problem; a table without an id or a text column is one ``bad_table``."""
    source = str(path)
    rows = 0
    layout = _DEFAULT_LAYOUT
    try:
        for item in table_items(path, key_columns=key_column_groups(columns)):
            if isinstance(item, TableRow):  # the common case first: a million rows are a million turns
                rows += 1
                yield _table_row(f"{source}:{item.where}", item.values, layout)
                continue
            if isinstance(item, RowProblem):
                rows += 1
                yield _Problem("", f"{source}:{item.where}", item.problem, item.detail)
                continue
            found = table_layout(item.names, columns)
            if isinstance(found, str):
                yield _Problem("", source, "bad_table", found)
                return
            layout = found
    except (OSError, ValueError, ImportError) as exc:  # TableError, or a Parquet file that cannot be opened
        after = f" after {rows:,} rows" if rows else ""
        yield _Problem("", source, "bad_table", f"cannot read table{after}: {exc}")
        return
    if not rows:
        yield _Problem("", source, "empty", "the table has no rows")


_DEFAULT_LAYOUT = TableLayout("id", "text", "", {c: c for c in METADATA_COLUMNS})


def _table_row(source: str, values: dict[str, object], layout: TableLayout) -> _Record | _Problem:
    article = _cell(values.get(layout.id))
    if not article:
        return _Problem("", source, "missing_id", "the row has no id")
    text = values.get(layout.text or layout.html)
    if _is_missing(text):
        return _Problem(article, source, "missing_text", "the row has no text")
    if not isinstance(text, str):
        return _Problem(article, source, "bad_row", f"the text is not a string (a {type(text).__name__})")
    text = text.removeprefix("\ufeff")
    checked = _check_text(text)
    if checked:
        return _Problem(article, source, *checked)
    metadata = {field: v for field, column in layout.metadata.items() if (v := _cell(values.get(column)))}
    if layout.day_of_timestamp and "date" in metadata:
        metadata["date"] = media_cloud_date(metadata["date"])
    if layout.html or looks_like_html(text):
        return _from_html(article, source, text, "utf-8", metadata)
    return _Record(article, source, text, "utf-8", metadata)


def _cell(value: object) -> str:
    if type(value) is str:
        return value.strip()
    return "" if _is_missing(value) else str(value).strip()


def _is_missing(value: object) -> bool:
    """None, NaN, or pandas' NA and NaT: how a table says a cell is empty."""
    return value is None or value is pd.NA or value is pd.NaT or (isinstance(value, float) and value != value)
