"""The explorer and the report in a real browser: JupyterLab on 127.0.0.1, driven by Playwright with Chromium.

The browser is the system's Chromium (Debian's ``chromium``; ``.ci/run`` installs it), never one
that Playwright downloads. JupyterLab runs on a free port of 127.0.0.1 with a random token, its
configuration, data, runtime and IPython folders in a temporary folder, news and update checks
off and the extension manager read-only. It serves a temporary copy of ``07-explorer`` (the
committed notebook is never opened, so nothing is saved over it) beside a link to ``seeds/``,
plus one extra cell that opens a second explorer on a hostile article. The test ends the server
and every kernel it started, by their process ids, and checks that none is left.

The test writes the README's screenshots, ``figures/screenshots/explorer-<tab>.png``.
"""

from __future__ import annotations

import json
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import nbformat
import psutil
import pytest

from analysis import load_corpus
from analysis.explorer import Explorer
from analysis.report import build_report

from .conftest import MINI, NOTEBOOKS, ROOT, SEEDS

SCREENSHOTS = ROOT / "figures" / "screenshots"
HOSTILE = ("The war went on. <script>window.__framingXss = 1; alert('xss')</script> "
           "<img src=x onerror=\"window.__framingXss = 2\"> soldiers & tanks.\n")
TIMEOUT_MS = 60_000


def chromium() -> str:
    """The system's Chromium: ``FRAMING_CHROMIUM``, else ``chromium`` on the PATH."""
    found = os.environ.get("FRAMING_CHROMIUM") or shutil.which("chromium") or shutil.which("chromium-browser")
    if not found:
        pytest.fail("Chromium is not installed: `apt-get install -y chromium` (.ci/run does it), "
                    "or point FRAMING_CHROMIUM at a Chromium or Chrome binary")
    return found


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextmanager
def jupyter_lab(root: Path, scratch: Path) -> Iterator[tuple[str, str, subprocess.Popen[bytes]]]:
    """JupyterLab serving ``root`` on 127.0.0.1; yields its URL, its token and its process.

    On the way out it shuts the server down, ends any process it left (the server and its
    kernels, by id), and fails if one cannot be ended.
    """
    port, token = _free_port(), secrets.token_hex(16)
    folders = {name: scratch / name.lower() for name in
               ("JUPYTER_CONFIG_DIR", "JUPYTER_DATA_DIR", "JUPYTER_RUNTIME_DIR", "IPYTHONDIR",
                "JUPYTERLAB_SETTINGS_DIR", "JUPYTERLAB_WORKSPACES_DIR")}
    for folder in folders.values():
        folder.mkdir(parents=True)
    # Nothing may be fetched: no news feed, no update check, no extension catalogue.
    settings = {"LabApp": {"news_url": None, "check_for_updates_class": "jupyterlab.NeverCheckForUpdate",
                           "extension_manager": "readonly", "expose_app_in_browser": True}}
    for name in ("jupyter_server_config.json", "jupyter_lab_config.json"):
        (folders["JUPYTER_CONFIG_DIR"] / name).write_text(json.dumps(settings), encoding="utf-8")
    # The front end's news and update plugin would ask whether to fetch news: it is switched off.
    (folders["JUPYTER_CONFIG_DIR"] / "labconfig").mkdir()
    (folders["JUPYTER_CONFIG_DIR"] / "labconfig" / "page_config.json").write_text(
        json.dumps({"disabledExtensions": {"@jupyterlab/apputils-extension:announcements": True}}), encoding="utf-8")
    env = {**os.environ, **{k: str(v) for k, v in folders.items()},
           "PYTHONPATH": os.pathsep.join([str(ROOT), *filter(None, [os.environ.get("PYTHONPATH")])])}
    command = [sys.executable, "-m", "jupyterlab", "--no-browser", "--ServerApp.ip=127.0.0.1",
               f"--ServerApp.port={port}", "--ServerApp.port_retries=0", f"--IdentityProvider.token={token}",
               f"--ServerApp.root_dir={root}"]
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        command.append("--allow-root")
    log = (scratch / "jupyterlab.log").open("wb")
    server = subprocess.Popen(command, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    url = f"http://127.0.0.1:{port}"
    try:
        _wait_for_status(url, token, server, scratch / "jupyterlab.log")
        yield url, token, server
    finally:
        _stop(server, url, token)
        log.close()


def _wait_for_status(url: str, token: str, server: subprocess.Popen[bytes], log: Path) -> None:
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        if server.poll() is not None:
            pytest.fail(f"JupyterLab exited with {server.returncode}:\n{log.read_text(errors='replace')[-3000:]}")
        try:
            request = urllib.request.Request(f"{url}/api/status", headers={"Authorization": f"token {token}"})
            with urllib.request.urlopen(request, timeout=5) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.5)
    pytest.fail(f"JupyterLab did not answer on {url} within 90 s:\n{log.read_text(errors='replace')[-3000:]}")


def _stop(server: subprocess.Popen[bytes], url: str, token: str) -> None:
    """Shut the server down, then end by id whatever it started that is still running."""
    try:
        started = psutil.Process(server.pid).children(recursive=True)
    except psutil.NoSuchProcess:
        started = []
    try:
        request = urllib.request.Request(f"{url}/api/shutdown", method="POST",
                                         headers={"Authorization": f"token {token}"})
        urllib.request.urlopen(request, timeout=10).close()
    except OSError:
        pass
    try:
        server.wait(timeout=20)
    except subprocess.TimeoutExpired:
        os.killpg(server.pid, signal.SIGKILL)  # the server's own group: it was started in a new session
        server.wait(timeout=10)
    _gone, alive = psutil.wait_procs(started, timeout=10)
    for process in alive:
        process.kill()
    _gone, alive = psutil.wait_procs(alive, timeout=10)
    assert not alive, f"processes left running: {[p.pid for p in alive]}"


# ------------------------------------------------------------------ explorer --

@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Any]]:
    """A temporary copy of 07-explorer (plus a hostile explorer cell) served by JupyterLab."""
    scratch = tmp_path_factory.mktemp("lab")
    root = scratch / "root"
    (root / "notebooks").mkdir(parents=True)
    (root / "seeds").symlink_to(SEEDS, target_is_directory=True)
    hostile = root / "hostile"
    hostile.mkdir()
    (hostile / "a-hostile.txt").write_text(HOSTILE, encoding="utf-8")
    notebook = nbformat.read(NOTEBOOKS / "07-explorer.ipynb", as_version=4)
    notebook.cells.append(nbformat.v4.new_code_cell('lens.explore("../hostile")'))
    nbformat.write(notebook, root / "notebooks" / "07-explorer.ipynb")
    with jupyter_lab(root, scratch) as (url, token, server):
        yield {"url": url, "token": token, "server": server}
    assert server.poll() is not None, "the JupyterLab server is still running"


@pytest.fixture(scope="module")
def seeds_explorer() -> Explorer:
    return Explorer(load_corpus(SEEDS))


def _browser(playwright: Any) -> Any:
    return playwright.chromium.launch(executable_path=chromium(), args=["--no-sandbox", "--disable-gpu"])


def _offline(context: Any, allowed: tuple[str, ...], refused: list[str]) -> None:
    """Refuse, and record, every request that leaves ``allowed`` (this machine's server, local files)."""
    def route(r: Any) -> None:
        if r.request.url.startswith(allowed):
            r.continue_()
        else:
            refused.append(r.request.url)
            r.abort()

    context.route("**/*", route)


def _kernel_idle(page: Any) -> None:
    page.wait_for_function(
        "() => { const w = window.jupyterapp && window.jupyterapp.shell.currentWidget;"
        " const k = w && w.sessionContext && w.sessionContext.session && w.sessionContext.session.kernel;"
        " return !!k && k.status === 'idle'; }", timeout=TIMEOUT_MS)


def _marked_texts(page: Any, explorer: int) -> dict[str, str]:
    """Mark id → the text of the spans that carry it, in the article view of the ``explorer``-th explorer."""
    return page.locator(".fl-explorer").nth(explorer).locator(".fl-article").evaluate(
        "(view) => { const out = {}; for (const s of view.querySelectorAll('[data-ids]'))"
        " for (const id of s.dataset.ids.split(' ')) out[id] = (out[id] || '') + s.textContent; return out; }")


def _show_tab(page: Any, name: str) -> Any:
    explorer = page.locator(".fl-explorer").first
    explorer.locator(".lm-TabBar-tab", has_text=name).click()
    return explorer


def _screenshot(page: Any, tab: str) -> None:
    """The explorer's first screen on one tab, as the README shows it."""
    explorer = page.locator(".fl-explorer").first
    page.mouse.move(0, 0)
    explorer.evaluate("(e) => e.scrollIntoView({block: 'start'})")
    page.wait_for_timeout(300)
    box = explorer.bounding_box()
    panel = page.locator(".jp-NotebookPanel-notebook").first.bounding_box()  # what the notebook shows
    top = max(box["y"], panel["y"])
    bottom = min(box["y"] + box["height"], panel["y"] + panel["height"])
    clip = {"x": box["x"], "y": top, "width": min(box["width"], panel["x"] + panel["width"] - box["x"]),
            "height": bottom - top}
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"explorer-{tab}.png"), clip=clip)


def test_the_explorer_in_jupyterlab(served: dict[str, Any], seeds_explorer: Explorer) -> None:
    from playwright.sync_api import expect, sync_playwright

    expect.set_options(timeout=TIMEOUT_MS)
    dialogs: list[str] = []
    refused: list[str] = []
    with sync_playwright() as p:
        browser = _browser(p)
        try:
            context = browser.new_context(viewport={"width": 1360, "height": 1000})
            _offline(context, (served["url"] + "/", "data:", "blob:"), refused)
            page = context.new_page()
            page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
            page.goto(f"{served['url']}/lab/tree/notebooks/07-explorer.ipynb?token={served['token']}",
                      timeout=TIMEOUT_MS)
            _kernel_idle(page)
            page.evaluate("() => window.jupyterapp.commands.execute('application:toggle-left-area')")
            page.evaluate("() => window.jupyterapp.commands.execute('notebook:run-all-cells')")
            expect(page.locator(".fl-explorer")).to_have_count(2)
            _kernel_idle(page)
            explorer = page.locator(".fl-explorer").first

            # Terms: a word outside the lexicon gives its KWIC rows, each with the word marked.
            expected = seeds_explorer.search("Putin")
            assert expected.kind == "phrase" and len(expected.hits) > 5
            box = explorer.locator(".fl-term-box input")
            box.fill("Putin")
            box.press("Enter")
            expect(explorer.locator(".fl-notice", has_text="not in the lexicon")).to_have_count(1)
            rows = explorer.locator(".fl-kwic")
            expect(rows).to_have_count(min(20, len(expected.hits)))
            assert {t.lower() for t in rows.locator("mark").all_text_contents()} == {"putin"}
            assert f"of {len(expected.hits)}" in explorer.locator(".fl-terms-tab").inner_text()
            _screenshot(page, "terms")

            # Clicking a row opens the article at that span.
            explorer.locator(".fl-terms-tab .fl-slot").first.locator("button.fl-open").click()
            view = explorer.locator(".fl-article")
            expect(view.locator(".fl-focus")).to_have_text(str(expected.hits["text"].iloc[0]))

            # Voices: a speaker whose name is spelled two ways shows every quotation by them.
            speakers = seeds_explorer.speakers()
            merged = speakers[speakers["variants"] != ""].iloc[0]
            _show_tab(page, "Voices")
            explorer.locator(".fl-speaker-menu select").select_option(label=f"{merged['speaker']} ({merged['quotes']})")
            quotes = seeds_explorer.quotes_by(str(merged["speaker"]))
            expect(explorer.locator(".fl-quote-row")).to_have_count(len(quotes))
            shown = explorer.locator(".fl-quote-row .fl-context").all_text_contents()
            assert shown == quotes["text"].tolist()
            expect(explorer.locator(".fl-voices-tab .fl-notice").first).to_contain_text(str(merged["variants"]))
            explorer.locator(".fl-stance-menu select").select_option(label="distancing")
            expect(explorer.locator(".fl-speaker-row")).to_have_count(
                min(20, len(seeds_explorer.who(stance="distancing"))))
            _screenshot(page, "voices")

            # Article: the marked spans are the explorer's marks, each whole.
            article = seeds_explorer.order[2]
            _show_tab(page, "Article")
            explorer.locator(".fl-article-menu select").select_option(label=seeds_explorer.label(article))
            expect(view.locator(".fl-focus")).to_have_count(0)
            text = seeds_explorer.text(article)
            marks = seeds_explorer.marks(article, found=expected)  # the searched word is marked too
            assert {m.layer for m in marks} >= {"excluded", "quote", "term", "found", "loaded"}
            assert _marked_texts(page, 0) == {m.id: text[m.start:m.end] for m in marks}
            _screenshot(page, "article")

            # Compare: pick two articles, then the two that share most text (the tab's default).
            _show_tab(page, "Compare")
            first, second = seeds_explorer.most_shared_pair()
            others = [a for a in seeds_explorer.order if a not in (first, second)][:2]
            for a, b in (others, (first, second)):
                explorer.locator(".fl-first-menu select").select_option(label=seeds_explorer.label(a))
                explorer.locator(".fl-second-menu select").select_option(label=seeds_explorer.label(b))
                expect(explorer.locator(".fl-compare-tab .fl-notice").first).to_contain_text(
                    f"A: {seeds_explorer.label(a)}; B: {seeds_explorer.label(b)}.")
                expect(explorer.locator(".fl-passage")).to_have_count(len(seeds_explorer.passages(a, b)))
                expect(explorer.locator(".fl-figure")).to_have_count(len(seeds_explorer.figures(a, b)))
            assert len(seeds_explorer.passages(first, second))
            _screenshot(page, "compare")

            # The hostile article shows its markup as text and runs none of it.
            hostile = page.locator(".fl-explorer").nth(1)
            hostile.locator(".lm-TabBar-tab", has_text="Article").click()
            expect(hostile.locator(".fl-article")).to_contain_text("<script>window.__framingXss")
            assert page.evaluate("() => window.__framingXss") is None
            assert dialogs == [] and refused == []
        finally:
            browser.close()


# -------------------------------------------------------------------- report --

def test_the_report_in_a_browser(tmp_path: Path) -> None:
    """Every image of the report's pages loads, and no script from article text runs."""
    from playwright.sync_api import sync_playwright

    corpus = tmp_path / "corpus"
    shutil.copytree(MINI, corpus)
    (corpus / "a-hostile.txt").write_text(HOSTILE, encoding="utf-8")
    (corpus / "metadata.csv").write_text(
        'id,outlet,date\na-hostile,"<img src=x onerror=""window.__framingXss=3"">",2023-03-04\n', encoding="utf-8")
    notebooks = tmp_path / "notebooks"
    notebooks.mkdir()
    for name in ("01-corpus-overview.ipynb", "04-loaded-language.ipynb"):  # article text, tables and charts
        shutil.copy(NOTEBOOKS / name, notebooks / name)
    index = build_report(corpus, tmp_path / "out", notebooks_dir=notebooks)
    pages = [index, *sorted(index.parent.glob("0*.html"))]
    assert len(pages) == 3
    dialogs: list[str] = []
    refused: list[str] = []
    with sync_playwright() as p:
        browser = _browser(p)
        try:
            context = browser.new_context()
            _offline(context, ("file://", "data:", "blob:"), refused)
            page = context.new_page()
            page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
            for path in pages:
                page.goto(path.resolve().as_uri(), wait_until="load")
                widths = page.eval_on_selector_all("img", "(images) => images.map((i) => i.complete ? i.naturalWidth : 0)")
                assert widths and all(w > 0 for w in widths), (path.name, widths)
                assert page.evaluate("() => window.__framingXss") is None, path.name
            assert "<script>window.__framingXss" in page.locator("body").inner_text()  # shown as text
        finally:
            browser.close()
    assert dialogs == [] and refused == []
