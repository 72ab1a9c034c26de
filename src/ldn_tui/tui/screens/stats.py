"""Progress: mastery per chapter, what falls due this week, answers per day, accuracy by evidence.

The same blocks `ldn-study stats` prints (`ldn_tui.stats_report`), redrawn to the window's width
whenever it changes. The numbers are read from the store once, when the screen opens.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from textual import events
from textual.app import ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Label, Static

from ldn_tui import stats_report
from ldn_tui.tui import commands
from ldn_tui.tui.screens import QUIZ_CSS
from ldn_tui.tui.widgets.footer import StudyFooter

if TYPE_CHECKING:
    from ldn_tui.tui.host import StudyHost

BLOCKS = ("totals", "chapters", "forecast", "per-day", "evidence", "objectives")


class StatsScreen(Screen[None]):
    CSS_PATH = QUIZ_CSS
    BINDINGS = commands.bindings("stats")

    def __init__(self) -> None:
        super().__init__(id="stats")
        self.overview: Any = None
        self._width = 0

    @property
    def ldn_app(self) -> StudyHost:
        return self.app  # type: ignore[return-value]

    def compose(self) -> ComposeResult:
        with Horizontal(id="quiz-top"):
            yield Label(Content.styled(" Progress ", "bold $text on $primary-muted"), id="quiz-progress")
            yield Label("Esc back", id="quiz-saved")
        with VerticalScroll(id="stats-body"):
            for name in BLOCKS:
                yield Static("", id=f"stats-{name}", classes="stats-block")
        yield StudyFooter(first=("close",))

    def on_mount(self) -> None:
        app = self.ldn_app
        self.overview = app.study.overview()
        self.query_one("#stats-body").focus()
        self._draw()

    def on_resize(self, event: events.Resize) -> None:
        self._draw()

    def _draw(self) -> None:
        if self.overview is None:
            return
        width = max(40, (self.app.size.width or 80) - 6)
        if width == self._width:
            return
        self._width = width
        for name, block in zip(BLOCKS, stats_report.report_blocks(self.overview, width)):
            self.query_one(f"#stats-{name}", Static).update(block)

    def action_close(self) -> None:
        self.dismiss()
