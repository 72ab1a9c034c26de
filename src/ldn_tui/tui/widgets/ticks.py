"""Tick lists, check boxes and choices whose state reads without colour: ☑/☐ and ◉/○.

Textual's own draw an "X" in both states and tell them apart by colour alone. A choice of one
(`TickChoice`) is one widget, an option list, where a `RadioSet` is one widget per button plus
its set: the quiz setup dialog's two choices were 10 of its widgets and 10-20 ms of its first paint.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, ClassVar

from rich.segment import Segment
from textual.binding import Binding, BindingType
from textual.content import Content
from textual.message import Message
from textual.strip import Strip
from textual.widgets import Checkbox, OptionList, SelectionList
from textual.widgets.option_list import Option, OptionDoesNotExist

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


class TickChoice(OptionList):
    """One choice of several, ◉ before the chosen option and ○ before the others. Up and Down move
    the cursor, Space (or a click) chooses; one option is always chosen. Each option's id is its
    value."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("space", "select", "Choose", show=False)]

    class Changed(Message):
        """The choice changed (`value` is the new one)."""

        def __init__(self, choice: TickChoice, value: str) -> None:
            super().__init__()
            self.choice = choice
            self.value = value

        @property
        def control(self) -> TickChoice:
            return self.choice

    def __init__(
        self, choices: Iterable[tuple[str, str]], *, value: str, id: str | None = None, compact: bool = False
    ) -> None:
        """`choices`: (value, label) pairs, in order; `value`: the one chosen at first."""
        options = [Option(label, id=key) for key, label in choices]
        super().__init__(*options, id=id, compact=compact)
        if value not in {option.id for option in options}:
            raise ValueError(f"{value!r} is not one of the choices")
        self._value = value

    @property
    def value(self) -> str:
        return self._value

    @value.setter
    def value(self, value: str) -> None:
        if value == self._value:
            return
        self.get_option(value)  # OptionDoesNotExist for a value that is not a choice
        self._value = value
        self.refresh()
        self.post_message(self.Changed(self, value))

    def on_mount(self) -> None:
        self.highlighted = self.get_option_index(self._value)

    def action_select(self) -> None:
        """Space, or a click: choose the option under the cursor."""
        if self.highlighted is not None:
            option = self.get_option_at_index(self.highlighted)
            if not option.disabled and option.id is not None:
                self.value = option.id

    def _get_left_gutter_width(self) -> int:
        return 2

    def render_line(self, y: int) -> Strip:
        line = super().render_line(y)
        _, scroll_y = self.scroll_offset
        try:
            option = self.get_option_at_index(scroll_y + y)
        except OptionDoesNotExist:
            return line
        style = next(iter(line)).style or self.rich_style
        return Strip([Segment(f"{CHOSEN if option.id == self._value else UNCHOSEN} ", style), *line])
