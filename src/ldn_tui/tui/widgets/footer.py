"""The footer, with help and each screen's essential keys first when the terminal is narrow.

Textual's footer lists the screen's keys, then the app's (help, quit) last, and cuts off what
does not fit: at 60 columns that was help itself. Below `NARROW_COLUMNS` help comes first, then
the keys the screen names as essential (`first`: a quiz's Submit and Flag, a dialog's Start),
then quit, then the rest; so help is always one visible key away and the screen's own main keys
stay in view. Every screen with a footer uses this one.
"""

from __future__ import annotations

from collections.abc import Iterable

from textual.app import ComposeResult
from textual.events import Resize
from textual.widgets import Footer
from textual.widgets._footer import FooterKey

#: Below this width the essential keys come first.
NARROW_COLUMNS = 80


class StudyFooter(Footer):
    def __init__(
        self,
        *,
        first: Iterable[str] = (),
        compact: bool = True,
        show_command_palette: bool = False,
        id: str | None = None,
    ) -> None:
        """`first`: the actions (as bound, e.g. "submit") to keep in view after help on a narrow terminal."""
        super().__init__(compact=compact, show_command_palette=show_command_palette, id=id)
        #: Actions kept in view on a narrow terminal, in this order.
        self.essential = ("app.help", *first, "app.quit")
        self._was_narrow: bool | None = None

    def compose(self) -> ComposeResult:
        widgets = list(super().compose())
        if self.app.size.width >= NARROW_COLUMNS:
            yield from widgets
            return
        keys = [w for w in widgets if isinstance(w, FooterKey)]
        first = [w for action in self.essential for w in keys if w.action == action]
        yield from first + [w for w in widgets if w not in first]

    def on_resize(self, event: Resize) -> None:
        narrow = self.app.size.width < NARROW_COLUMNS
        if narrow != self._was_narrow:
            self._was_narrow = narrow
            self.call_after_refresh(self.recompose)
