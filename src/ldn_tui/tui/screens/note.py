"""The note editor: a multi-line text box for the student's own note on a card."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Static, TextArea

from ldn_tui.tui.screens.base import Dialog


class NoteScreen(Dialog[str]):
    """Dismisses with the new text on Ctrl+S, or None when cancelled with Escape."""

    BINDINGS = [Binding("ctrl+s", "save", "Save", id="save_note", priority=True)]
    AUTO_FOCUS = "#note-text"

    def __init__(self, card_title: str, text: str, *, read_only_store: bool = False) -> None:
        super().__init__()
        self._card_title = card_title
        self._text = text
        self._read_only_store = read_only_store

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog", classes="wide") as dialog:
            dialog.border_title = f"Note: {self._card_title}"
            dialog.border_subtitle = "Ctrl+S save · Esc cancel"
            if self._read_only_store:
                yield Static(
                    "Progress is not being saved this session: this note will be lost on quit.", classes="warning"
                )
            yield TextArea(self._text, id="note-text", soft_wrap=True, tab_behavior="focus")

    def on_mount(self) -> None:
        area = self.query_one(TextArea)
        if self.app.is_headless:
            area.cursor_blink = False
        area.move_cursor(area.document.end)
        area.focus()

    def action_save(self) -> None:
        self.dismiss(self.query_one(TextArea).text)
