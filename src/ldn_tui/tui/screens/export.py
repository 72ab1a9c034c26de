"""The export dialog: pick a format; the file is written in a worker to the current folder.

Only presents `ldn_tui.export`: the same `export()` the CLI calls, with `unique=True` so a
second export on the same day becomes `…-2.md` instead of asking to overwrite. When the file
is written the dialog closes with an `ExportResult` and a notification says where the file
went; a failure (a read-only folder, a full disk) is a notification with the reason, and the
dialog stays open so another format or a retry is one key away.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from textual import work
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from ldn_tui.export import ExportError, ExportResult
from ldn_tui.tui.screens.base import Dialog


@dataclass(frozen=True, slots=True)
class ExportChoice:
    id: str  # option id
    format: str  # ldn_tui.export.FORMATS key
    title: str
    detail: str
    summary: bool = False


#: What the dialog offers, in order (the first is selected when it opens).
CHOICES: tuple[ExportChoice, ...] = (
    ExportChoice(
        "markdown",
        "markdown",
        "Progress notes (Markdown)",
        "Progress, missed questions with answers, your notes, what is due",
    ),
    ExportChoice("json", "json", "Backup (JSON)", "Everything; `ldn-study import` restores it"),
    ExportChoice("csv", "csv", "Spreadsheet: every answer (CSV)", "One row per answer"),
    ExportChoice(
        "csv-summary",
        "csv",
        "Spreadsheet: every question (CSV)",
        "Attempts, accuracy, last score, next due",
        summary=True,
    ),
    ExportChoice("anki", "anki", "Anki deck (.apkg)", "Every quiz question as a note, by chapter"),
    ExportChoice("anki-csv", "anki-csv", "Anki import file (CSV)", "The same notes, for File › Import"),
)


class ExportScreen(Dialog[ExportResult]):
    """Dismisses with the `ExportResult` once the file is written (None when cancelled)."""

    def __init__(self, folder: Path | None = None) -> None:
        super().__init__()
        self.folder = folder
        self._busy = False

    def compose(self) -> ComposeResult:
        folder = self.folder or Path.cwd()
        with Vertical(id="dialog", classes="export") as dialog:
            dialog.border_title = "Export your progress"
            dialog.border_subtitle = "Enter export · Esc cancel"
            yield Static(f"Saved in {folder}, named with today's date.", id="export-where", classes="hint")
            yield OptionList(*(self._option(c) for c in CHOICES), id="export-formats")
            yield Static("", id="export-status", classes="hint")

    @staticmethod
    def _option(choice: ExportChoice) -> Option:
        return Option(
            Content.assemble((choice.title, "bold"), "\n", ("  " + choice.detail, "$text-muted")),
            id=choice.id,
        )

    def on_mount(self) -> None:
        options = self.query_one("#export-formats", OptionList)
        options.highlighted = 0
        options.focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if self._busy:
            return
        choice = next(c for c in CHOICES if c.id == event.option.id)
        self._busy = True
        self.query_one("#export-status", Static).update(f"Writing {choice.title.lower()}…")
        self.write_export(choice)

    @work(thread=True, exclusive=True, group="export")
    def write_export(self, choice: ExportChoice) -> None:
        app: Any = self.app
        try:
            result = app.study.export(
                choice.format,
                summary=choice.summary,
                cwd=self.folder,
                unique=True,
            )
        except ExportError as exc:
            app.call_from_thread(self._failed, str(exc))
        except Exception as exc:  # noqa: BLE001 - a notification, never a crash, for a file write
            app.call_from_thread(self._failed, f"The export failed: {exc}")
        else:
            app.call_from_thread(self._written, result)

    def _written(self, result: ExportResult) -> None:
        self._busy = False
        self.app.notify(f"Saved to {result.path}", title="Exported", timeout=12)
        self.dismiss(result)

    def _failed(self, message: str) -> None:
        self._busy = False
        self.query_one("#export-status", Static).update("")
        self.app.notify(message, title="Export failed", severity="error", timeout=15)


def open_export(app: Any) -> None:
    """What the `export` command runs: open the dialog (once) over the current screen."""
    if not isinstance(app.screen, ExportScreen):
        app.push_screen(ExportScreen())


__all__ = ["CHOICES", "ExportChoice", "ExportScreen", "open_export"]
