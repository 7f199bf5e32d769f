"""The explorer's widgets (ipywidgets): four tabs over an :class:`~analysis.explorer.Explorer`.

* **Terms**: a box that takes a family (``family: war``), a lexicon term, or any word or
  phrase; counts per article or outlet by voice, and keyword-in-context rows.
* **Voices**: a speaker's quotations by kind and cue stance, article by article; the speakers
  of a source type or cue stance.
* **Article**: one article with its term hits by voice, quotations underlined by kind (speaker
  on hover), loaded words and excluded regions.
* **Compare**: the passages two articles share, side by side, and the figures they disagree on.

Every result row has a button that opens the Article tab at the row's span. The widgets only
arrange calls: the answers come from :mod:`analysis.explorer`, the HTML from
:mod:`analysis.explorer_html`. ipywidgets is imported here only, when an explorer is built.

Pipeline step: after the tables: the explorer's widgets.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import partial
from pathlib import Path
from typing import Any, NamedTuple

import pandas as pd

from . import explorer_html as draw
from .corpus import Corpus
from .explorer import MARK_LAYERS, Explorer, TermSearch
from .voice import VOICES

__all__ = ["ExplorerApp", "explore", "TABS", "STATIC_NOTE"]

#: The tabs, in order.
TABS = ("Terms", "Voices", "Article", "Compare")
#: What a page without live widgets (a static render, nbval) shows instead of the explorer.
STATIC_NOTE = "The explorer is interactive: open this notebook in JupyterLab and run it (Run All) to use it."
_BUTTON_WIDTH = "76px"


class Row(NamedTuple):
    """One result row: its HTML, and what each of its buttons opens (None: no button)."""

    html: str
    targets: tuple[Any, ...]


class RowList:
    """A page of result rows, each with its buttons, and a pager. The row widgets are made once and reused."""

    def __init__(self, *, size: int, buttons: Sequence[str], on_click: Callable[[Any], None], empty: str) -> None:
        import ipywidgets as w

        self.size = max(1, size)
        self.rows: list[Row] = []
        self.page = 0
        self.empty = empty
        self._on_click = on_click
        self.header = w.HTML(layout=w.Layout(width="auto"))
        self.previous = w.Button(description="◀ previous", layout=w.Layout(width="100px"))
        self.next = w.Button(description="next ▶", layout=w.Layout(width="100px"))
        self.previous.on_click(lambda _: self.turn(-1))
        self.next.on_click(lambda _: self.turn(1))
        self.buttons: list[list[Any]] = []
        self.bodies: list[Any] = []
        self.slots: list[Any] = []
        for slot in range(self.size):
            row_buttons = []
            for which, label in enumerate(buttons):
                button = w.Button(description=label, tooltip=f"{label}: show the article at this span",
                                  layout=w.Layout(width=_BUTTON_WIDTH, min_width=_BUTTON_WIDTH))
                button.add_class("fl-open")
                button.on_click(partial(self._clicked, slot, which))
                row_buttons.append(button)
            body = w.HTML(layout=w.Layout(flex="1 1 auto", width="auto"))
            box = w.HBox([*row_buttons, body], layout=w.Layout(display="none", align_items="flex-start"))
            box.add_class("fl-slot")
            self.buttons.append(row_buttons)
            self.bodies.append(body)
            self.slots.append(box)
        pager = w.HBox([self.header, self.previous, self.next], layout=w.Layout(align_items="center"))
        self.widget = w.VBox([pager, *self.slots])

    def set_rows(self, rows: Sequence[Row]) -> None:
        self.rows = list(rows)
        self.page = 0
        self._render()

    def turn(self, step: int) -> None:
        pages = max(1, -(-len(self.rows) // self.size))
        self.page = min(max(0, self.page + step), pages - 1)
        self._render()

    def shown(self) -> list[Row]:
        """The rows on the current page."""
        return self.rows[self.page * self.size:(self.page + 1) * self.size]

    def _clicked(self, slot: int, which: int, _button: Any = None) -> None:
        shown = self.shown()
        if slot < len(shown) and shown[slot].targets[which] is not None:
            self._on_click(shown[slot].targets[which])

    def _render(self) -> None:
        shown = self.shown()
        first = self.page * self.size
        if self.rows:
            self.header.value = (f'<span class="fl-meta">Rows {first + 1}–{first + len(shown)} '
                                 f"of {len(self.rows)}</span>")
        else:
            self.header.value = draw.notice_html(self.empty)
        many = len(self.rows) > self.size
        self.previous.layout.display = self.next.layout.display = "" if many else "none"
        self.previous.disabled = self.page == 0
        self.next.disabled = first + len(shown) >= len(self.rows)
        for slot, (box, body, buttons) in enumerate(zip(self.slots, self.bodies, self.buttons, strict=True)):
            if slot < len(shown):
                body.value = shown[slot].html
                for button, target in zip(buttons, shown[slot].targets, strict=True):
                    button.layout.display = "" if target is not None else "none"
                box.layout.display = ""
            else:
                box.layout.display = "none"
                body.value = ""  # a hidden slot holds no stale row


class ExplorerApp:
    """The explorer's widgets; display it in a notebook. ``widget`` is the root, ``tabs`` the four tabs."""

    def __init__(
        self,
        explorer: Explorer,
        *,
        term: str = "",
        speaker: str = "",
        article: str = "",
        pair: Sequence[str] = (),
        rows: int = 20,
    ) -> None:
        import ipywidgets as w

        self.explorer = explorer
        self.found: TermSearch = explorer.search("")
        self.focus: tuple[str, int, int] | None = None
        self._quiet = False  # set while the app itself changes a widget, so its observer stays still
        articles = [(explorer.label(a), a) for a in explorer.order]

        # Terms
        self.term_box = w.Combobox(
            value=term, options=explorer.term_choices(), ensure_option=False, continuous_update=False,
            placeholder="a family, a term, or any word or phrase", description="Term",
            layout=w.Layout(width="460px"),
        )
        self.search_button = w.Button(description="Search", button_style="primary", layout=w.Layout(width="90px"))
        self.by = w.ToggleButtons(options=[("per article", "article"), ("per outlet", "outlet")], value="article",
                                  style={"button_width": "100px"})
        self.term_notice = w.HTML()
        self.term_counts = w.HTML()
        self.kwic_rows = RowList(size=rows, buttons=("Open",), on_click=self._open_target,
                                 empty="No hits: nothing to show in context.")
        self._on_change(self.term_box, self.show_term)
        self.search_button.on_click(lambda _: self.show_term(self.term_box.value))
        self._on_change(self.by, lambda _: self._show_counts())
        self.term_box.add_class("fl-term-box")
        terms_tab = w.VBox([
            w.HBox([self.term_box, self.search_button], layout=w.Layout(align_items="center")),
            self.term_notice,
            w.HBox([w.HTML('<div class="fl-heading">Hits by voice</div>'), self.by],
                   layout=w.Layout(align_items="center", justify_content="space-between", width="100%")),
            self.term_counts,
            w.HTML('<div class="fl-heading">In context</div>'),
            self.kwic_rows.widget,
        ])

        # Voices
        speakers = explorer.speakers()
        self.speaker_menu = w.Dropdown(
            options=[(f"{name} ({n})", name) for name, n in zip(speakers["speaker"], speakers["quotes"], strict=True)],
            description="Speaker", layout=w.Layout(width="460px"),
        )
        self.speaker_notice = w.HTML()
        self.speaker_tally = w.HTML()
        self.quote_rows = RowList(size=rows, buttons=("Open",), on_click=self._open_target,
                                  empty="No quotation by this speaker.")
        self.type_menu = w.Dropdown(options=[("any source type", ""), *((t, t) for t in explorer.speaker_types())],
                                    description="Source type", layout=w.Layout(width="300px"))
        self.stance_menu = w.Dropdown(options=[("any cue stance", ""), *((s, s) for s in explorer.stances())],
                                      description="Cue stance", layout=w.Layout(width="300px"))
        self.who_rows = RowList(size=rows, buttons=("Show",), on_click=self.show_speaker,
                                empty="No speaker falls in this source type and cue stance.")
        self._on_change(self.speaker_menu, self.show_speaker)
        self._on_change(self.type_menu, lambda _: self.show_who())
        self._on_change(self.stance_menu, lambda _: self.show_who())
        for menu, name in ((self.speaker_menu, "speaker"), (self.type_menu, "type"), (self.stance_menu, "stance")):
            menu.add_class(f"fl-{name}-menu")
        voices_tab = w.VBox([
            w.HTML('<div class="fl-heading">Quotations by one speaker (spellings of a name merged)</div>'),
            self.speaker_menu, self.speaker_notice, self.speaker_tally, self.quote_rows.widget,
            w.HTML('<div class="fl-heading">Who falls in a source type or cue stance</div>'),
            w.HBox([self.type_menu, self.stance_menu]), self.who_rows.widget,
        ])

        # Article
        self.article_menu = w.Dropdown(options=articles, description="Article", layout=w.Layout(width="460px"))
        self.article_notice = w.HTML()
        self.article_view = w.HTML(layout=w.Layout(width="100%"))
        self._on_change(self.article_menu, self.show_article)
        self.article_menu.add_class("fl-article-menu")
        article_tab = w.VBox([self.article_menu, w.HTML(draw.legend_html()), self.article_notice, self.article_view])

        # Compare
        self.first_menu = w.Dropdown(options=articles, description="A", layout=w.Layout(width="400px"))
        self.second_menu = w.Dropdown(options=articles, description="B", layout=w.Layout(width="400px"))
        self.compare_notice = w.HTML()
        self.passage_rows = RowList(size=rows, buttons=("Open A", "Open B"), on_click=self._open_target,
                                    empty="These two articles share no passage.")
        self.figure_rows = RowList(size=rows, buttons=("Open A", "Open B"), on_click=self._open_target,
                                   empty="No quantity is stated by both articles.")
        for menu in (self.first_menu, self.second_menu):
            self._on_change(menu, lambda _: self.show_pair(self.first_menu.value, self.second_menu.value))
        self.first_menu.add_class("fl-first-menu")
        self.second_menu.add_class("fl-second-menu")
        compare_tab = w.VBox([
            w.HBox([self.first_menu, self.second_menu]), self.compare_notice,
            w.HTML('<div class="fl-heading">Passages both carry (A left, B right)</div>'), self.passage_rows.widget,
            w.HTML('<div class="fl-heading">Figures both state</div>'), self.figure_rows.widget,
        ])

        for tab, name in zip((terms_tab, voices_tab, article_tab, compare_tab), TABS, strict=True):
            tab.add_class(f"fl-{name.lower()}-tab")
        self.tabs = w.Tab(children=[terms_tab, voices_tab, article_tab, compare_tab], titles=TABS)
        self.widget = w.VBox([w.HTML(f"<style>{draw.STYLE}</style>"), w.HTML(draw.notice_html(repr(explorer))),
                              self.tabs], layout=w.Layout(width="100%"))
        self.widget.add_class("fl-explorer")

        if explorer.order:
            self.show_term(term)
            if len(speakers):
                self.show_speaker(speaker or str(speakers["speaker"].iloc[0]))
            self.show_who()
            self.show_article(explorer.find_article(article))
            first, second = ((explorer.find_article(pair[0]), explorer.find_article(pair[1])) if len(pair) == 2
                             else explorer.most_shared_pair())
            self.show_pair(first, second)

    def _repr_mimebundle_(self, **kwargs: Any) -> dict[str, Any]:
        """The widgets where a notebook front end runs them; elsewhere (nbval, nbconvert) a note saying so."""
        bundle = dict(self.widget._repr_mimebundle_(**kwargs) or {})
        bundle["text/plain"] = f"{STATIC_NOTE} {self.explorer!r}."
        bundle["text/html"] = draw.notice_html(f"{STATIC_NOTE} {self.explorer!r}.")
        return bundle

    def _on_change(self, widget: Any, action: Callable[[Any], None]) -> None:
        """Call ``action`` with a widget's new value when the reader changes it (not when the app does)."""
        def changed(change: dict[str, Any]) -> None:
            if not self._quiet:
                action(change["new"])

        widget.observe(changed, names="value")

    def _set_quietly(self, widget: Any, value: Any) -> None:
        """Set a widget's value without its observer answering (the caller draws the result)."""
        if widget.value != value:
            self._quiet = True
            try:
                widget.value = value
            finally:
                self._quiet = False

    # ---------------------------------------------------------------- terms --

    def show_term(self, query: str) -> None:
        """Search ``query`` and show its counts and context rows."""
        self._set_quietly(self.term_box, query)
        self.found = self.explorer.search(query)
        self.term_notice.value = draw.notice_html(self.found.describe(len(self.explorer.order)))
        self._show_counts()
        table = self.explorer.kwic(self.found)
        self.kwic_rows.set_rows([
            Row(draw.kwic_row(label, left, match, right, voice, term, family), ((article, start, end),))
            for article, label, start, end, left, match, right, voice, term, family in zip(
                *(table[c].tolist() for c in table.columns), strict=True)
        ])

    def _show_counts(self) -> None:
        counts = self.explorer.term_counts(self.found, by=self.by.value)
        unit = "article" if self.by.value == "article" else "outlet"
        columns = [("row", unit), *((("articles", "articles"),) if unit == "outlet" else ()),
                   *((v, v) for v in VOICES), ("total", "total")]
        self.term_counts.value = draw.table_html(counts, columns, empty="No hits.")

    # --------------------------------------------------------------- voices --

    def show_speaker(self, speaker: str) -> None:
        """Show every quotation by ``speaker`` (a name from the speaker menu)."""
        self._set_quietly(self.speaker_menu, speaker)
        speakers = self.explorer.speakers()
        row = speakers[speakers["speaker"] == speaker]
        if row.empty:
            return
        kind, quotes, articles, variants = (row[c].iloc[0] for c in ("speaker_type", "quotes", "articles", "variants"))
        spelled = f" Also written: {variants}." if variants else ""
        self.speaker_notice.value = draw.notice_html(
            f"{speaker} ({kind}): {quotes} quotation{'s' if quotes != 1 else ''} in {articles} "
            f"article{'s' if articles != 1 else ''}.{spelled}")
        tally = self.explorer.quote_tally(speaker)
        shown = [c for c in tally.columns[3:] if tally[c].sum() > 0]
        headers = {**{s: f"{s} cue" for s in self.explorer.stances()}, "none": "no cue"}
        self.speaker_tally.value = draw.table_html(tally, [("label", "article"), ("quotes", "quotations"),
                                                           *((c, headers.get(c, c)) for c in shown)])
        table = self.explorer.quotes_by(speaker)
        self.quote_rows.set_rows([
            Row(draw.quote_row(label, text, kind, cue, stance, written, speaker), ((article, start, end),))
            for article, label, start, end, text, kind, cue, stance, written in zip(
                *(table[c].tolist() for c in ("article", "label", "start", "end", "text", "kind", "cue", "stance",
                                              "speaker")), strict=True)
        ])

    def show_who(self) -> None:
        """Show the speakers of the chosen source type and cue stance."""
        table = self.explorer.who(speaker_type=self.type_menu.value, stance=self.stance_menu.value)
        self.who_rows.set_rows([
            Row(draw.speaker_row(name, kind, int(quotes), int(articles)), (name,))
            for name, quotes, articles, kind in zip(
                *(table[c].tolist() for c in ("speaker", "quotes", "articles", "speaker_type")), strict=True)
        ])

    # -------------------------------------------------------------- article --

    def _open_target(self, target: tuple[str, int, int]) -> None:
        article, start, end = target
        self.open_article(article, start, end)

    def open_article(self, article: str, start: int, end: int) -> None:
        """Show ``article`` in the Article tab, opened at ``[start, end)``, and switch to that tab."""
        self.show_article(article, focus=(start, end))
        self.tabs.selected_index = TABS.index("Article")

    def show_article(self, article: str, *, focus: tuple[int, int] | None = None) -> None:
        """Draw ``article`` with every mark; with ``focus``, open at that span's paragraph."""
        self._set_quietly(self.article_menu, article)
        self.focus = (article, *focus) if focus else None
        marks = self.explorer.marks(article, found=self.found, focus=focus)
        fold = self.explorer.paragraph_start(article, focus[0]) if focus else 0
        counts = {layer: sum(m.layer == layer for m in marks) for layer in MARK_LAYERS}
        at = f" Opened at characters {focus[0]}–{focus[1]}." if focus else ""
        searched = f", {counts['found']} of “{self.found.name}” (searched)" if self.found.kind == "phrase" else ""
        self.article_notice.value = draw.notice_html(
            f"{self.explorer.label(article)}: {counts['term']} term hits{searched}, {counts['quote']} quotations, "
            f"{counts['loaded']} loaded words, {counts['excluded']} excluded regions.{at}")
        self.article_view.value = draw.article_html(self.explorer.text(article), marks, fold_at=fold)

    # -------------------------------------------------------------- compare --

    def show_pair(self, first: str, second: str) -> None:
        """Compare two articles: shared passages side by side, then the figures both state."""
        self._set_quietly(self.first_menu, first)
        self._set_quietly(self.second_menu, second)
        if first == second:
            self.compare_notice.value = draw.notice_html("Pick two different articles.")
            self.passage_rows.set_rows([])
            self.figure_rows.set_rows([])
            return
        passages = self.explorer.passages(first, second)
        figures = self.explorer.figures(first, second)
        disagree = int(figures["disagree"].sum())
        self.compare_notice.value = draw.notice_html(
            f"A: {self.explorer.label(first)}; B: {self.explorer.label(second)}. {len(passages)} shared "
            f"passage{'s' if len(passages) != 1 else ''} ({int(passages['words'].sum())} words); "
            f"{len(figures)} quantit{'ies' if len(figures) != 1 else 'y'} both state, {disagree} in disagreement.")
        self.passage_rows.set_rows([
            Row(draw.passage_row(text, other, int(words), float(similarity)),
                ((first, int(start), int(end)), (second, int(other_start), int(other_end))))
            for start, end, text, other_start, other_end, other, words, similarity in zip(
                *(passages[c].tolist() for c in passages.columns), strict=True)
        ])
        self.figure_rows.set_rows([
            Row(draw.figure_row(quantity, mine, theirs, bool(flag), ranges=(mine_range, their_range)),
                ((first, int(fs), int(fe)), (second, int(ss), int(se))))
            for quantity, mine, theirs, flag, fs, fe, ss, se, mine_range, their_range in zip(
                *(figures[c].tolist() for c in figures.columns), strict=True)
        ])

    # -------------------------------------------------------------- summary --

    def summary(self) -> dict[str, Any]:
        """Named values of what the explorer shows now, for the notebook's summary file."""
        hits = self.found.hits
        values: dict[str, Any] = {
            "articles": len(self.explorer.order),
            "term.query": self.found.query,
            "term.kind": self.found.kind,
            "term.hits": len(hits),
            "term.articles": int(hits["article"].nunique()),
            **{f"term.{voice}": int((hits["voice"] == voice).sum()) for voice in VOICES},
            "kwic.rows": len(self.kwic_rows.rows),
            "speakers": len(self.speaker_menu.options),
            "speaker": self.speaker_menu.value or "",
            "speaker.quotes": len(self.quote_rows.rows),
            "who.speakers": len(self.who_rows.rows),
            "article": self.article_menu.value or "",
            "compare.first": self.first_menu.value or "",
            "compare.second": self.second_menu.value or "",
            "compare.passages": len(self.passage_rows.rows),
            "compare.figures": len(self.figure_rows.rows),
        }
        if self.article_menu.value:
            marks = self.explorer.marks(self.article_menu.value)
            for layer in ("excluded", "quote", "term", "loaded"):
                values[f"article.{layer}"] = sum(m.layer == layer for m in marks)
        return values


def explore(
    corpus: Corpus | pd.DataFrame | str | Path,
    *,
    lexicon_dir: str | Path | None = None,
    term: str = "",
    speaker: str = "",
    article: str = "",
    pair: Sequence[str] = (),
    rows: int = 20,
) -> ExplorerApp:
    """Build the explorer for a corpus (loaded, or a path to load) and return its widgets.

    Args:
        term: what the Terms tab starts on (a family as ``family: war``, a term, or any phrase).
        speaker: the Voices tab's speaker; empty: the most quoted.
        article: the Article tab's article, by id or label; empty: the first.
        pair: the Compare tab's two articles, by id or label; empty: the two that share most text.
        rows: result rows per page.
    """
    from .corpus import load_corpus

    loaded = load_corpus(corpus, lexicon_dir=lexicon_dir) if isinstance(corpus, str | Path) else corpus
    return ExplorerApp(Explorer(loaded, lexicon_dir=lexicon_dir), term=term, speaker=speaker, article=article,
                       pair=pair, rows=rows)
