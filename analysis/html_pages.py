"""The article text of an HTML page: its main text (trafilatura), date (htmldate), title, URL and site name.

Navigation, scripts, styles, comments, tables and footers never reach the text:
``<nav>``, ``<footer>``, ``<aside>`` and ``<form>`` elements (and their ARIA roles)
are removed first, and trafilatura, favouring precision, keeps the main content
only. The text is built from the blocks it
keeps (paragraphs, headings, list items), one paragraph each, separated by a
blank line, as a ``.txt`` article would be; a first heading that repeats the
title is left out (the title is kept as metadata). Every offset reported on such
an article refers to this extracted text, which :func:`write_extracted_texts`
saves beside the results so that every span can be checked.

Nothing is downloaded: the page is parsed here and the parsed tree is what
trafilatura and htmldate read (htmldate fetches a string that looks like a URL).

trafilatura and htmldate are imported on the first page only: a corpus without
HTML never loads them.

References:
    Barbaresi, A. (2021). Trafilatura: A Web Scraping Library and Command-Line Tool for
    Text Discovery and Extraction. ACL-IJCNLP 2021 System Demonstrations, 122-131.

Pipeline step: load.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any, NamedTuple
from urllib.parse import quote

import pandas as pd

__all__ = ["ExtractedPage", "PageProblem", "extract_page", "looks_like_html", "text_file_name",
           "write_extracted_texts", "HTML_SUFFIXES", "TEXTS_FOLDER"]

HTML_SUFFIXES = (".html", ".htm")
#: The folder, beside the results, that holds the text extracted from each HTML page.
TEXTS_FOLDER = "texts"
_HTML_RE = re.compile(r"\A\s*(?:<!doctype\s+html|<html[\s>]|<head[\s>]|<body[\s>])", re.IGNORECASE)
_TAG_RE = re.compile(r"</?(?:p|div|span|a|br|script|style|meta|li|table|td|h[1-6])\b", re.IGNORECASE)
_MIN_TAGS = 5  # a text with this many tags in its first 20,000 characters is a page, not an article
_SPACE_RE = re.compile(r"\s+")
_SAFE_NAME_RE = re.compile(r"[A-Za-z0-9_-][A-Za-z0-9._-]{0,150}")
# Where htmldate looks: the page's markup only (meta tags, <time>, the URL it names), never its running
# text, where a date in a footer or a sidebar would pass for the article's.
_DATE_OPTIONS = {"extensive_search": False, "original_date": True}
# Elements that are never the article, whatever their text: removed before trafilatura weighs the rest.
_NEVER_ARTICLE = ["//nav", "//footer", "//aside", "//form", "//noscript",
                  '//*[@role="navigation"]', '//*[@role="contentinfo"]', '//*[@role="complementary"]']


class ExtractedPage(NamedTuple):
    """The article text of a page and what the page says about itself ("" when it says nothing)."""

    text: str
    title: str
    url: str
    date: str
    outlet: str


class PageProblem(NamedTuple):
    """Why a page gave no article text: ``bad_html`` or ``empty_extraction``, and a detail."""

    problem: str
    detail: str


def looks_like_html(text: str) -> bool:
    """Whether ``text`` is an HTML page (or a piece of one) rather than article text."""
    return bool(_HTML_RE.match(text)) or len(_TAG_RE.findall(text[:20000])) >= _MIN_TAGS


def extract_page(html: str) -> ExtractedPage | PageProblem:
    """The main text and metadata of one HTML page, or the problem that left it without text.

    Deterministic: the same page gives the same text (trafilatura's de-duplication
    across pages is off).
    """
    from trafilatura import bare_extraction
    from trafilatura.utils import load_html

    try:
        tree = load_html(html)  # parsed here: no string ever reaches htmldate, which would fetch a URL
    except Exception as exc:  # lxml's errors, and whatever else malformed markup raises
        return PageProblem("bad_html", f"the page cannot be parsed as HTML: {type(exc).__name__}: {exc}")
    if tree is None or len(tree) == 0:
        return PageProblem("bad_html", "no HTML element could be parsed from it")
    try:
        found: Any = bare_extraction(
            tree,
            with_metadata=True,
            favor_precision=True,  # a page of menus and links gives no text rather than its menu
            prune_xpath=_NEVER_ARTICLE,
            include_comments=False,
            include_tables=False,
            include_images=False,
            deduplicate=False,
            date_extraction_params=_DATE_OPTIONS,
        )
    except Exception as exc:  # untrusted markup may trip any part of the extractor: one page, one problem
        return PageProblem("bad_html", f"trafilatura could not read the page: {type(exc).__name__}: {exc}")
    if found is None or not (found.text or "").strip():
        return PageProblem("empty_extraction", "no main text found: the page holds only navigation, "
                           "scripts, footers or other boilerplate")
    title = _one_line(found.title)
    blocks = [_one_line(line) for line in found.text.split("\n")]
    blocks = [block for block in blocks if block]
    if len(blocks) > 1 and title and blocks[0] == title:  # the headline is metadata, not body text
        blocks = blocks[1:]
    return ExtractedPage(
        text="\n\n".join(blocks) + "\n",
        title=title,
        url=_one_line(found.url),
        date=_one_line(found.date),
        outlet=_one_line(found.sitename),
    )


def _one_line(value: object) -> str:
    return _SPACE_RE.sub(" ", value).strip() if isinstance(value, str) else ""


def text_file_name(article: str) -> str:
    """The file name of an article's saved text: ``<id>.txt``, the id percent-encoded when it is not a safe name."""
    if _SAFE_NAME_RE.fullmatch(article):
        return f"{article}.txt"
    name = quote(article, safe="")[:200]
    return f"%2E{name[1:]}.txt" if name.startswith(".") else f"{name}.txt"  # never a hidden file


def write_extracted_texts(articles: pd.DataFrame, folder: str | Path) -> int:
    """Save the text of each article extracted from HTML as ``folder/<id>.txt`` (UTF-8, unchanged); return how many.

    ``articles`` is a corpus's articles table; rows whose ``input_format`` is not
    ``"html"`` are skipped (their text is their file or cell). The folder is made
    only when there is a text to save. Offsets in the results are ``str`` indices
    into these texts.
    """
    target = Path(folder)
    written = 0
    if articles.empty or "input_format" not in articles:
        return 0
    extracted = articles[articles["input_format"] == "html"]
    for article, text in zip(extracted["article"].tolist(), extracted["text"].tolist(), strict=True):
        if not written:
            target.mkdir(parents=True, exist_ok=True)
        with open(target / text_file_name(article), "w", encoding="utf-8", newline="") as handle:
            handle.write(text)
        written += 1
    return written
