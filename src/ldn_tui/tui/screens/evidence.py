"""The Evidence view: the evidence map (every condition and the strongest design behind it) and
each condition's Summary-of-Findings table (GRADE), as `ldn-study evidence` prints them.

The list on top picks what to show: the map, or one condition. The tables come from
`content.evidence` (plain data) through `content.evidence_render` (Rich), the same code the CLI
uses, so the app and the command cannot disagree.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from ldn_tui.content import evidence
from ldn_tui.content.evidence_render import map_renderables, sof_renderables
from ldn_tui.content.model import Content as StudyContent
from ldn_tui.tui.screens.base import Dialog

MAP = "map"


class EvidenceScreen(Dialog[None]):
    """Opens on the map, or on one condition's table (`condition`)."""

    BINDINGS = [Binding("m", "show_map", "Map", id="evidence_map")]

    def __init__(self, study: StudyContent, condition: str | None = None) -> None:
        super().__init__()
        self.study = study
        self.conditions = evidence.conditions(study)
        self.shown = condition if condition in self.conditions else MAP

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog", classes="wide evidence") as dialog:
            dialog.border_title = "Evidence"
            dialog.border_subtitle = "↑↓ choose · m map · Esc close"
            names = {c.id: c.name for c in self.study.conditions}
            options = [Option("Evidence map: every condition", id=MAP)]
            options += [Option(f"{names.get(cid, cid)}", id=cid) for cid in self.conditions]
            yield OptionList(*options, id="evidence-pick")
            with VerticalScroll(id="evidence-body"):
                yield Static("", id="evidence-table")

    def on_mount(self) -> None:
        pick = self.query_one(OptionList)
        pick.highlighted = pick.get_option_index(self.shown)
        self._show(self.shown)
        pick.focus()

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        event.stop()
        if event.option.id is not None and event.option.id != self.shown:
            self._show(event.option.id)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.query_one("#evidence-body").focus()

    def on_resize(self) -> None:
        self._show(self.shown)

    def action_show_map(self) -> None:
        pick = self.query_one(OptionList)
        pick.highlighted = pick.get_option_index(MAP)

    def _show(self, what: str) -> None:
        from rich.console import Group

        self.shown = what
        width = max(40, self.query_one("#evidence-body").size.width or (self.app.size.width - 8))
        if what == MAP:
            parts = map_renderables(evidence.evidence_map(self.study))
        else:
            parts = sof_renderables(evidence.summary_of_findings(self.study, what), width)
        #: What is shown now (Rich renderables), kept for tests and for copying out.
        self.parts = parts
        self.query_one("#evidence-table", Static).update(Group(*parts))
