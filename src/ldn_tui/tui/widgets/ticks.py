"""Tick lists, check boxes and radio buttons whose state reads without colour: ☑/☐ and ◉/○.

Textual's own draw an "X" in both states and tell them apart by colour alone.
"""

from __future__ import annotations

from typing import Any

from rich.segment import Segment
from textual.content import Content
from textual.strip import Strip
from textual.widgets import Checkbox, RadioButton, SelectionList
from textual.widgets.option_list import OptionDoesNotExist

TICKED, UNTICKED = "☑", "☐"
CHOSEN, UNCHOSEN = "◉", "○"


class TickList(SelectionList[Any]):
    """A `SelectionList` drawing ☑ or ☐ before each option."""

    def _get_left_gutter_width(self) -> int:
        return 2

    def render_line(self, y: int) -> Strip:
        line = super(SelectionList, self).render_line(y)  # the option itself, without the button
        _, scroll_y = self.scroll_offset
        try:
            selection = self.get_option_at_index(scroll_y + y)
        except OptionDoesNotExist:
            return line
        ticked = selection.value in self._selected
        style = next(iter(line)).style or self.rich_style
        return Strip([Segment(f"{TICKED if ticked else UNTICKED} ", style), *line])


class TickBox(Checkbox):
    """A `Checkbox` showing ☑ or ☐."""

    @property
    def _button(self) -> Content:
        return Content(TICKED if self.value else UNTICKED)


class TickRadio(RadioButton):
    """A `RadioButton` showing ◉ or ○."""

    @property
    def _button(self) -> Content:
        return Content(CHOSEN if self.value else UNCHOSEN)
