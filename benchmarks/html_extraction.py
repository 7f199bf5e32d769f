"""How fast, and how faithfully, HTML pages become articles (``analysis.html_pages``).

Two measurements:

1. **Generated pages.** ``--articles N`` articles from ``tests/corpus_generator.py``
   are each wrapped in the boilerplate of one of three site layouts (HTML5 with
   ``<nav>``/``<footer>``; a ``<div>`` soup with class names only; a page with
   share buttons, a comments thread, a cookie banner and JSON-LD), all of it full
   of framing words. The extracted text is compared with the article's own text:
   the share of pages where it is equal character for character, and where it
   is equal once white space is normalised. Pages per second are timed for the
   extraction alone and for ``load_corpus`` on the folder (extraction, cleaning,
   quotation pairing).

2. **Pages of the web** (``--eval DIR``, optional): trafilatura's own evaluation
   set (``tests/evaldata.json`` and ``tests/eval/`` of github.com/adbar/trafilatura),
   about 1,000 real pages, each with snippets that must be in the main text and
   snippets (menus, footers, dates, bylines) that must not. It is scored as
   trafilatura scores it (white-space-normalised substring matches), for our
   settings and for trafilatura's defaults.

Usage:
    python benchmarks/html_extraction.py [--articles 200] [--eval /path/to/trafilatura]

Prints figures; asserts nothing.
"""

from __future__ import annotations

import argparse
import html
import json
import re
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from analysis import load_corpus  # noqa: E402
from analysis.html_pages import ExtractedPage, extract_page  # noqa: E402
from tests.corpus_generator import generate_articles  # noqa: E402

_SPACE_RE = re.compile(r"\s+")
_SCRIPT = ('<script>window.dataLayer=[{"section":"war","tags":["invasion","protest","conflict"]}];'
           'function share(){return "said the minister";}</script>')


def _paragraphs(text: str) -> str:
    return "\n".join(f"<p>{html.escape(p)}</p>" for p in text.split("\n\n") if p.strip())


def _semantic(article: dict, n: int) -> str:
    return f"""<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">
<title>{html.escape(article['title'])} | {html.escape(article['outlet'])}</title>
<meta property="og:site_name" content="{html.escape(article['outlet'])}">
<meta property="article:published_time" content="{article['date']}T08:00:00Z">
<link rel="canonical" href="https://news{n % 12}.example/{article['id']}">{_SCRIPT}
<style>nav li{{display:inline}}</style></head><body>
<nav><ul><li><a href="/">Home</a></li><li><a href="/war">War</a></li><li><a href="/world">World</a></li>
<li><a href="/protest">Protest live</a></li></ul></nav>
<div class="cookie"><p>We use cookies to report on the invasion better. <button>Accept all</button></p></div>
<main><article><h1>{html.escape(article['title'])}</h1>
{_paragraphs(article['text'])}
</article></main>
<aside><h2>Most read</h2><ol><li><a href="/1">Invasion: day 200</a></li><li><a href="/2">Who is fighting whom</a></li>
<li><a href="/3">The special military operation explained</a></li></ol></aside>
<footer><p>© 2022 {html.escape(article['outlet'])}. All rights reserved.</p>
<p><a href="/about">About</a> · <a href="/privacy">Privacy</a> · <a href="/war-archive">War archive</a></p></footer>
</body></html>"""


def _div_soup(article: dict, n: int) -> str:
    return f"""<html><head><title>{html.escape(article['outlet'])} - {html.escape(article['title'])}</title>
<meta name="date" content="{article['date']}">{_SCRIPT}</head><body>
<div id="top"><div class="logo">{html.escape(article['outlet'])}</div>
<div class="menu"><a href="/">Front page</a> | <a href="/conflict">Conflict</a> | <a href="/markets">Markets</a>
| <a href="/sport">Sport</a></div></div>
<div id="wrapper"><div class="left-col"><div class="story-header"><h1>{html.escape(article['title'])}</h1>
<span class="meta">Updated {article['date']}</span></div>
<div class="story-body">{_paragraphs(article['text'])}</div></div>
<div class="right-col"><div class="widget"><h3>Latest</h3><ul><li>Invasion enters new phase</li>
<li>Protesters detained in the capital</li><li>Markets slide on war fears</li></ul></div>
<div class="widget ad">Advertisement</div></div></div>
<div class="bottom">Copyright {article['date'][:4]} {html.escape(article['outlet'])} · Contact · Jobs · Advertise</div>
</body></html>"""


def _social(article: dict, n: int) -> str:
    ld = json.dumps({"@type": "NewsArticle", "headline": article["title"], "datePublished": article["date"],
                     "publisher": {"name": article["outlet"]}})
    return f"""<!doctype html><html><head><meta charset="utf-8"><title>{html.escape(article['title'])}</title>
<script type="application/ld+json">{ld}</script>{_SCRIPT}</head><body>
<header><a href="/" class="brand">{html.escape(article['outlet'])}</a>
<div role="navigation"><a href="/news">News</a> <a href="/war">War</a> <a href="/opinion">Opinion</a></div></header>
<div class="consent" role="dialog"><p>This site uses cookies. Manage your consent.</p></div>
<div class="content"><article class="post"><h1 class="entry-title">{html.escape(article['title'])}</h1>
<div class="share"><a href="#">Share on Facebook</a> <a href="#">Tweet</a> <a href="#">Email</a></div>
<div class="entry-content">{_paragraphs(article['text'])}</div>
<div class="tags">Tags: <a href="/t/war">war</a>, <a href="/t/invasion">invasion</a></div></article>
<section id="comments"><h2>3 comments</h2><div class="comment"><p>This war is a disgrace, said one reader.</p></div>
<div class="comment"><p>Fake news! The special military operation is going to plan.</p></div></section></div>
<div class="newsletter"><form><label>Get our daily conflict briefing</label><input type="email"></form></div>
<footer class="site-footer"><p>Powered by a content system · Terms · Privacy</p></footer></body></html>"""


_LAYOUTS = {"semantic": _semantic, "div soup": _div_soup, "social": _social}


def generated(n: int) -> None:
    articles = generate_articles(n)
    layouts = list(_LAYOUTS)
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch) / "pages"
        folder.mkdir()
        pages = []
        for i, article in enumerate(articles):
            layout = layouts[i % len(layouts)]
            page = _LAYOUTS[layout](article, i)
            (folder / f"{article['id']}.html").write_text(page, encoding="utf-8")
            pages.append((article, layout, page))
        start = time.perf_counter()
        extracted = [extract_page(page) for _, _, page in pages]
        extraction_seconds = time.perf_counter() - start
        start = time.perf_counter()
        corpus = load_corpus(folder)
        load_seconds = time.perf_counter() - start
    exact: dict[str, list[bool]] = {layout: [] for layout in layouts}
    spaced: dict[str, list[bool]] = {layout: [] for layout in layouts}
    examples: list[tuple[str, str, object]] = []
    for (article, layout, _), found in zip(pages, extracted, strict=True):
        text = found.text if isinstance(found, ExtractedPage) else ""
        exact[layout].append(text == article["text"])
        same = _SPACE_RE.sub(" ", text).strip() == _SPACE_RE.sub(" ", article["text"]).strip()
        spaced[layout].append(same)
        if not same and len(examples) < 3:
            examples.append((article["id"], layout, found if not text else _first_difference(text, article["text"])))
    print(f"Generated pages: {n} articles from tests/corpus_generator.py in 3 site layouts")
    print(f"  extraction alone: {n / extraction_seconds:,.0f} pages/s ({extraction_seconds:.2f} s)")
    print(f"  load_corpus on the folder: {n / load_seconds:,.0f} pages/s ({load_seconds:.2f} s); "
          f"{len(corpus.articles)} articles, {len(corpus.errors)} problems")
    every_exact = [v for values in exact.values() for v in values]
    every_spaced = [v for values in spaced.values() for v in values]
    print(f"  text equal to the article's own, character for character: {_share(every_exact)}")
    print(f"  equal once white space is normalised: {_share(every_spaced)}")
    for layout in layouts:
        print(f"    {layout:>9}: exact {_share(exact[layout])}, normalised {_share(spaced[layout])}")
    for example in examples:
        print(f"  differs: {example}")


def _first_difference(got: str, want: str) -> str:
    at = next((i for i, (a, b) in enumerate(zip(got, want, strict=False)) if a != b), min(len(got), len(want)))
    return f"at {at}: got {got[max(0, at - 30):at + 40]!r}, want {want[max(0, at - 30):at + 40]!r}"


def _share(values: list[bool]) -> str:
    return f"{sum(values)}/{len(values)} ({100 * sum(values) / len(values):.1f}%)" if values else "n/a"


def web_pages(checkout: Path) -> None:
    from trafilatura import extract

    evaldata = json.loads((checkout / "tests" / "evaldata.json").read_text(encoding="utf-8"))
    items = []
    for url in sorted(evaldata):
        item = evaldata[url]
        places = (checkout / "tests" / "eval" / item["file"], checkout / "tests" / "cache" / item["file"])
        path = next((p for p in places if p.is_file()), None)
        if path is not None:
            items.append((item, path.read_bytes()))

    def ours(raw: bytes) -> str:
        from analysis.corpus import _decode

        text, _, _ = _decode(raw)  # as load_corpus decodes a file
        found = extract_page(text or "")
        return found.text if isinstance(found, ExtractedPage) else ""

    def defaults(raw: bytes) -> str:
        return extract(raw) or ""

    print(f"Pages of the web: trafilatura's evaluation set, {len(items)} pages")
    for name, run in (("analysis.html_pages (favour precision, nav/footer/aside pruned)", ours),
                      ("trafilatura.extract, its defaults", defaults)):
        tp = fp = fn = tn = 0
        start = time.perf_counter()
        for item, raw in items:
            text = _SPACE_RE.sub(" ", run(raw))
            found_with = sum(1 for w in item["with"] if _SPACE_RE.sub(" ", w).strip() in text)
            found_without = sum(1 for w in item["without"] if _SPACE_RE.sub(" ", w).strip() in text)
            tp, fn = tp + found_with, fn + len(item["with"]) - found_with
            fp, tn = fp + found_without, tn + len(item["without"]) - found_without
        seconds = time.perf_counter() - start
        precision, recall = tp / (tp + fp), tp / (tp + fn)
        f1 = 2 * precision * recall / (precision + recall)
        print(f"  {name}: precision {precision:.3f}, recall {recall:.3f}, F1 {f1:.3f}; "
              f"{len(items) / seconds:,.0f} pages/s")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=200, help="generated pages (default 200)")
    parser.add_argument("--eval", type=Path, metavar="DIR", help="a checkout of github.com/adbar/trafilatura")
    args = parser.parse_args()
    generated(args.articles)
    if args.eval:
        web_pages(args.eval)
    return 0


if __name__ == "__main__":
    sys.exit(main())
