"""A common frame for the app's dialogs: centred box, title, hint line, Escape closes."""

from __future__ import annotations

from typing import TypeVar

from textual.binding import Binding
from textual.screen import ModalScreen

T = TypeVar("T")


class Dialog(ModalScreen[T]):
    """A modal with a `#dialog` container (styled in app.tcss). Escape dismisses with None."""

    BINDINGS = [Binding("escape", "close", "Close", id="close_dialog")]

    def action_close(self) -> None:
        self.dismiss(None)
