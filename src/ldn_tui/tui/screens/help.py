"""Every key (from the command table, with the user's remappings) and how to search (help.md)."""

from __future__ import annotations

from importlib import resources

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Grid, VerticalScroll
from textual.content import Content
from textual.widgets import Markdown, Static

from ldn_tui.tui import commands
from ldn_tui.tui.screens.base import Dialog

MARKER = "{{COMMANDS}}"


def help_parts() -> tuple[str, str]:
    """help.md, split where the key table goes."""
    text = resources.files("ldn_tui.tui").joinpath("help.md").read_text(encoding="utf-8")
    before, _, after = text.partition(MARKER)
    return before, after


def help_markdown(keymap: dict[str, str] | None = None) -> str:
    """The whole help as Markdown (keys as tables), e.g. for export or docs."""
    before, after = help_parts()
    return before + commands.help_table(keymap) + after


def help_rows(keymap: dict[str, str] | None = None) -> list[tuple[str | None, Content]]:
    """(keys, text) per command, with a (None, group) row before each group."""
    keymap = keymap or {}
    rows: list[tuple[str | None, Content]] = []
    for group, cmds in commands.groups().items():
        rows.append((None, Content.styled(("\n" if rows else "") + group, "bold $text-accent")))
        for c in cmds:
            keys = commands.display_keys(keymap.get(c.id, c.key))
            text = Content.assemble((c.title, "bold"), " · ", c.description, (f"  [{c.id}]", "$text-muted"))
            rows.append((keys, text))
    return rows


def help_keys_text(keymap: dict[str, str] | None = None) -> str:
    """The key list as plain text (for tests and for reading without the screen)."""
    return "\n".join(f"{keys or ''}  {text.plain}" for keys, text in help_rows(keymap))


class HelpScreen(Dialog[None]):
    BINDINGS = [Binding("question_mark,f1,q", "close", "Close", show=False)]

    def __init__(self, keymap: dict[str, str] | None = None) -> None:
        super().__init__()
        self._keymap = keymap or {}

    def compose(self) -> ComposeResult:
        before, after = help_parts()
        with VerticalScroll(id="dialog", classes="wide tall help") as dialog:
            dialog.border_title = "Help"
            dialog.border_subtitle = "↑↓ PgUp PgDn scroll · Esc close"
            yield Markdown(before, id="help-intro")
            with Grid(id="help-keys"):
                for keys, text in help_rows(self._keymap):
                    if keys is None:
                        yield Static(text, classes="help-group")
                    else:
                        yield Static(keys, classes="help-key", markup=False)
                        yield Static(text, classes="help-does")
            yield Markdown(after, id="help-text")

    def on_mount(self) -> None:
        self.query_one("#dialog").focus()
