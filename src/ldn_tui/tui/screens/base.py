"""A common frame for the app's dialogs: centred box, title, hint line, Escape closes."""

from __future__ import annotations

from typing import TypeVar

from textual.binding import Binding
from textual.screen import ModalScreen

from ldn_tui.tui.screens import DIALOG_CSS

T = TypeVar("T")


class Dialog(ModalScreen[T]):
    """A modal with a `#dialog` container (styled in dialogs.tcss). Escape dismisses with None."""

    CSS_PATH = DIALOG_CSS
    BINDINGS = [Binding("escape", "close", "Close", id="close_dialog")]

    def action_close(self) -> None:
        self.dismiss(None)
