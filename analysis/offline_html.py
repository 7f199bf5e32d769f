"""Executed notebooks as self-contained HTML pages: nothing is fetched when a page is opened.

nbconvert's "lab" template loads require.js, MathJax, mermaid and the Jupyter
widgets manager from CDNs. The report's pages need none of them (no widget
state, no maths, no diagrams; the interactive tables' code is embedded by
:func:`analysis.display.interactive_tables`), so the template below leaves those
script tags out, and :func:`remote_references` lets a test, or a reader, check
that a page asks the network for nothing. Widget views and their saved state are
dropped too (no widget manager runs on a static page), so a widget's cell shows its
plain fallback, such as the explorer's note that it needs JupyterLab.

Pipeline step: after the tables: the report.
"""

from __future__ import annotations

import re
from typing import Any

__all__ = ["offline_html_exporter", "remote_references", "REMOTE_REFERENCE"]

_TEMPLATE_FILE = "framing_offline.html.j2"
# The lab template's index page, less each block that would load code from a CDN.
_TEMPLATE = """{%- extends 'index.html.j2' -%}
{%- block html_head_js_requirejs -%}{%- endblock html_head_js_requirejs -%}
{%- block jupyter_widgets -%}{%- endblock jupyter_widgets -%}
{%- block html_head_js_mathjax -%}{%- endblock html_head_js_mathjax -%}
{%- block html_head_js_mermaidjs -%}{%- endblock html_head_js_mermaidjs -%}
"""

# What makes a browser fetch from the network on opening a page: an element's src
# or href (a link to click included), a static or dynamic module import, a CSS
# url() or @import. Data, blob and relative (file) addresses do not match.
REMOTE_REFERENCE = re.compile(
    r"""(?:\b(?:src|href)\s*=\s*["']?|\bfrom\s+["']|\bimport\s*\(\s*["']|\burl\(\s*["']?|@import\s+["'])"""
    r"""(?:https?:)?//[^\s"'<>)]*""",
    re.IGNORECASE,
)


def offline_html_exporter(**options: Any) -> Any:
    """An nbconvert ``HTMLExporter`` whose pages load no script, style or font from the network.

    ``options`` go to the exporter (e.g. ``exclude_input=True``). Outputs that
    carry their own code, like the interactive tables, keep it inline.
    """
    from jinja2 import DictLoader
    from nbconvert import HTMLExporter

    exporter = HTMLExporter(
        extra_loaders=[DictLoader({_TEMPLATE_FILE: _TEMPLATE})],
        template_file=_TEMPLATE_FILE,
        **options,
    )
    exporter.register_preprocessor(_without_widgets, enabled=True)
    return exporter


_WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"


def _without_widgets(nb: Any, resources: Any) -> tuple[Any, Any]:
    """The notebook without widget views and widget state: a static page shows each widget's fallback."""
    nb.metadata.pop("widgets", None)
    for cell in nb.cells:
        for output in cell.get("outputs", []):
            data = output.get("data", {})
            if _WIDGET_VIEW in data and len(data) > 1:
                del data[_WIDGET_VIEW]
    return nb, resources


def remote_references(page: str) -> list[str]:
    """Each place in the HTML ``page`` where a browser would reach the network, in page order."""
    return [match.group(0) for match in REMOTE_REFERENCE.finditer(page)]
