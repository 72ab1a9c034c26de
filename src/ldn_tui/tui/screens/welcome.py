"""Shown on first start only: what this is, that it is not medical advice, and five keys."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import Button, Static

from ldn_tui.tui.screens.base import Dialog

#: The five keys a newcomer needs (the rest are in help).
FIRST_KEYS: tuple[tuple[str, str], ...] = (
    ("↑ ↓ Enter", "pick a card in the contents"),
    ("/", "search (try: certainty:low)"),
    ("s", "the sources behind a claim"),
    ("b", "bookmark the card"),
    ("?", "every key, and how to search"),
)


def welcome_text() -> Content:
    parts: list = [
        "A study guide to ",
        ("low-dose naltrexone (LDN)", "bold"),
        " for pharmacy, medical and nursing students: its history, pharmacology, the evidence "
        "for each use, and how strong that evidence is.\n\n",
        ("Educational, not medical advice.", "bold $text-warning"),
        " Dosing and safety cards describe what the sources report; nothing here tells anyone what to take.\n",
    ]
    for key, does in FIRST_KEYS:
        parts += ["\n", (f" {key:<10}", "bold $text-accent"), f" {does}"]
    return Content.assemble(*parts)


class WelcomeScreen(Dialog[bool]):
    """Dismisses with True when the student has read it."""

    BINDINGS = [Binding("enter", "start", "Start", show=False)]

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="dialog", classes="welcome") as dialog:
            dialog.border_title = "Welcome to ldn-study"
            yield Static(welcome_text(), id="welcome-text")
            yield Button("Start studying", id="start", variant="primary", compact=True)

    def on_mount(self) -> None:
        self.query_one("#start").focus(scroll_visible=False)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss(True)

    def action_start(self) -> None:
        self.dismiss(True)

    def action_close(self) -> None:
        self.dismiss(True)
