"""Bookmarked cards and cards with notes, to jump to."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from ldn_tui.study import MarkedCard
from ldn_tui.tui.screens.base import Dialog


class BookmarksScreen(Dialog[str]):
    """Dismisses with the chosen card id."""

    def __init__(self, items: list[MarkedCard]) -> None:
        super().__init__()
        self._items = items

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog") as dialog:
            dialog.border_title = "Bookmarks and notes"
            dialog.border_subtitle = "Enter open · Esc back"
            if not self._items:
                yield Static("Nothing yet. Press b on a card to bookmark it, n to write a note.", classes="hint")
            yield OptionList(*(self._option(item) for item in self._items), id="marked")

    @staticmethod
    def _option(item: MarkedCard) -> Option:
        parts: list = [("★ " if item.bookmarked else "  ", "bold $text-warning"), item.where]
        if item.note.strip():
            first = " ".join(item.note.split())
            first = first if len(first) <= 70 else first[:69] + "…"
            parts += ["\n", ("  ✎ " + first, "italic $text-muted")]
        return Option(Content.assemble(*parts), id=item.card_id)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss(event.option.id)
