"""A common frame for the app's dialogs: centred box, title, hint line, Escape closes, help one
key away, and a footer of the dialog's own keys.

A modal screen hides the keys of the screens beneath it, but not their footer: without a footer
of its own a dialog showed the study screen's keys, which did nothing there, and `?` (bound on
those screens) did nothing either.
"""

from __future__ import annotations

from typing import TypeVar

from textual.binding import Binding
from textual.screen import ModalScreen
from textual.widgets import Footer

from ldn_tui.tui.screens import DIALOG_CSS
from ldn_tui.tui.widgets.footer import StudyFooter

T = TypeVar("T")


class Dialog(ModalScreen[T]):
    """A modal with a `#dialog` container (styled in dialogs.tcss). Escape dismisses with None."""

    CSS_PATH = DIALOG_CSS
    BINDINGS = [
        Binding("escape", "close", "Close", id="close_dialog"),
        # The app's help key, bound here too (same id, so a remapped help key applies).
        Binding("question_mark,f1", "app.help", "Help", key_display="?", id="help"),
    ]
    #: The dialog's own keys kept in view, after help, on a narrow terminal (see StudyFooter).
    FOOTER_FIRST: tuple[str, ...] = ("close",)

    def on_mount(self) -> None:
        """Textual runs this after a subclass's own on_mount (it calls the handler of each class
        in the MRO). A dialog that composes its own footer (the quiz setup) keeps it."""
        if not self.query(Footer):
            self.mount(StudyFooter(first=self.FOOTER_FIRST))

    def action_close(self) -> None:
        self.dismiss(None)
