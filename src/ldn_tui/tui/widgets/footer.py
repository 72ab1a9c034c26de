"""The footer, with help and quit first when the terminal is narrow.

Textual's footer lists the screen's keys, then the app's (help, quit) last, and cuts off what
does not fit: at 60 columns that was help itself. Below `NARROW_COLUMNS` the essential keys
(help, quit) move to the front, so help is always one visible key away.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.events import Resize
from textual.widgets import Footer
from textual.widgets._footer import FooterKey

#: Below this width the essential keys come first.
NARROW_COLUMNS = 80
#: Actions kept in view on a narrow terminal, in this order.
ESSENTIAL = ("app.help", "app.quit")


class StudyFooter(Footer):
    def compose(self) -> ComposeResult:
        widgets = list(super().compose())
        if self.app.size.width >= NARROW_COLUMNS:
            yield from widgets
            return
        first = [w for a in ESSENTIAL for w in widgets if isinstance(w, FooterKey) and w.action == a]
        yield from first + [w for w in widgets if w not in first]

    def on_resize(self, event: Resize) -> None:
        narrow = self.app.size.width < NARROW_COLUMNS
        if narrow != getattr(self, "_was_narrow", None):
            self._was_narrow = narrow
            self.call_after_refresh(self.recompose)
