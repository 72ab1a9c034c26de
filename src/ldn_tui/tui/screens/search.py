"""Search as you type over cards, claims, glossary and references, with filters.

Ranking and highlighting live in `ldn_tui.search` (no Textual); this screen shows the hits.
The index is built on first use, in a thread, so opening the app never waits for it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content, Span
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from ldn_tui.tui.screens.base import Dialog
from ldn_tui.tui.widgets.badges import certainty_badge, evidence_badge

if TYPE_CHECKING:
    from ldn_tui.search import Hit, Results, SearchIndex

TYPE_TAGS = {
    "card": ("CARD", "$primary"),
    "claim": ("CLAIM", "$secondary"),
    "term": ("TERM", "$accent"),
    "reference": ("REF", "$warning"),
}
HIGHLIGHT = "bold reverse"
#: Shown while the box is empty; it wraps, so it is always fully visible.
SEARCH_HINT = (
    "Type to search. Filters: kind: evidence: certainty: chapter: type:, with values as shown "
    '(certainty:"very low", very-low or vl; evidence:"pilot trial" or pt).'
)


def highlighted(text: str, spans: tuple[tuple[int, int], ...], style: str = "") -> Content:
    content = Content.styled(text, style) if style else Content(text)
    return content.add_spans([_span(a, b) for a, b in spans]) if spans else content


def _span(start: int, end: int) -> Span:
    return Span(start, end, HIGHLIGHT)


def hit_prompt(hit: Hit) -> Content:
    """Three short lines: type and title; where it is (and a claim's badges); the matching text."""
    tag, colour = TYPE_TAGS.get(hit.type, (hit.type.upper(), "$primary"))
    doc = hit.doc
    parts: list = [
        (f" {tag} ", f"bold $text on {colour}-muted"),
        " ",
        highlighted(hit.title, hit.title_spans, "bold"),
        "\n",
    ]
    if doc.type == "claim":
        parts += [evidence_badge(doc.evidence or "")]
        if doc.certainty:
            parts += [" ", certainty_badge(doc.certainty)]
        parts += ["  "]
    parts += [(doc.context, "$text-muted")]
    if hit.snippet and hit.snippet != hit.title:
        parts += ["\n", highlighted(hit.snippet, hit.snippet_spans, "italic $text-muted")]
    return Content.assemble(*parts)


class SearchScreen(Dialog["Hit"]):
    """Dismisses with the chosen `Hit`, or None."""

    BINDINGS = [
        Binding("down", "move(1)", "Next result", show=False),
        Binding("up", "move(-1)", "Previous result", show=False),
        Binding("pagedown", "move(8)", show=False),
        Binding("pageup", "move(-8)", show=False),
    ]

    LIMIT = 50
    AUTO_FOCUS = "#query"

    def __init__(
        self, get_index: Callable[[], SearchIndex], query: str = "", remember: Callable[[str], None] | None = None
    ) -> None:
        super().__init__()
        self._get_index = get_index
        self._remember = remember
        self._index: SearchIndex | None = None
        self._initial = query
        self._hits: tuple[Hit, ...] = ()
        self.last_results: Results | None = None

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog", classes="wide tall search") as dialog:
            dialog.border_title = "Search"
            dialog.border_subtitle = "↑↓ choose · Enter open · Esc close"
            yield Input(
                self._initial,
                placeholder="words · filters: certainty:low kind:safety",
                id="query",
                compact=True,
            )
            yield Static("", id="search-status")
            yield OptionList(id="results")

    def on_mount(self) -> None:
        query = self.query_one("#query", Input)
        if self.app.is_headless:
            query.cursor_blink = False
        query.focus()
        self.query_one("#search-status", Static).update("Building the search index…")
        self._load_index()

    @work(thread=True, exclusive=True, group="search-index")
    def _load_index(self) -> None:
        index = self._get_index()
        self.app.call_from_thread(self._index_ready, index)

    def _index_ready(self, index: SearchIndex) -> None:
        self._index = index
        self.run_search(self.query_one("#query", Input).value)

    @on(Input.Changed, "#query")
    def _changed(self, event: Input.Changed) -> None:
        self.run_search(event.value)

    def run_search(self, text: str) -> None:
        status = self.query_one("#search-status", Static)
        results_list = self.query_one("#results", OptionList)
        if self._remember is not None:
            self._remember(text)
        if self._index is None:
            return
        results = self._index.search(text, limit=self.LIMIT)
        self.last_results = results
        self._hits = results.hits
        options: list[Option | None] = []
        for i, hit in enumerate(results.hits):
            if i:
                options.append(None)  # a divider line between hits (not an option: indexes stay)
            options.append(Option(hit_prompt(hit), id=str(i)))
        results_list.set_options(options)
        if results.hits:
            results_list.highlighted = 0
        if not text.strip():
            message = Content.styled(SEARCH_HINT, "$text-muted")
        else:
            shown = len(results.hits)
            count = f"{results.total} result{'s' if results.total != 1 else ''}"
            if results.total > shown:
                count += f" (best {shown} shown)"
            message = Content(count)
        if results.problems:
            message = Content.assemble(message, "  ", ("⚠ " + "; ".join(results.problems), "$text-warning"))
        status.update(message)

    def action_move(self, step: int) -> None:
        results = self.query_one("#results", OptionList)
        if not results.option_count:
            return
        current = results.highlighted if results.highlighted is not None else -1
        results.highlighted = max(0, min(results.option_count - 1, current + step))

    @on(Input.Submitted, "#query")
    def _submitted(self) -> None:
        results = self.query_one("#results", OptionList)
        if results.highlighted is not None and self._hits:
            self._choose(results.highlighted)

    @on(OptionList.OptionSelected, "#results")
    def _selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self._choose(event.option_index)

    def _choose(self, index: int) -> None:
        if 0 <= index < len(self._hits):
            self.dismiss(self._hits[index])

    @property
    def query_text(self) -> str:
        return self.query_one("#query", Input).value
