"""The quiz's small questions: leave the quiz (pause, end or submit)? resume the paused quiz?

Each dismisses with a word saying what the student chose, or None to carry on; the quiz screen
and `quiz_actions` act on it. Every choice has its own key, shown on its button.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Button, Static

from ldn_tui.tui.screens.base import Dialog


class LeaveQuizDialog(Dialog[str]):
    """`q`/Esc in a quiz: "pause" (saved; resume later), "end" (tutor: see the summary now;
    exam: submit and review), "quit" (pause and quit the app); Esc keeps going (None)."""

    BINDINGS = [
        Binding("p", "choose('pause')", "Pause", id="leave_pause"),
        Binding("e", "choose('end')", "End", id="leave_end"),
        Binding("q", "choose('quit')", "Quit", id="leave_quit"),
    ]

    def __init__(self, *, exam: bool, unanswered: list[int], submitting: bool = False) -> None:
        super().__init__()
        self.exam = exam
        self.unanswered = unanswered
        self.submitting = submitting  # Enter on an exam's last question: "submit?" comes first

    def compose(self) -> ComposeResult:
        end = "Submit the exam and review it (e)" if self.exam else "End now and see the summary (e)"
        with VerticalScroll(id="dialog", classes="leave-quiz") as dialog:
            dialog.border_title = "Submit the exam?" if self.submitting else "Leave the quiz?"
            dialog.border_subtitle = "Esc keeps going"
            lines = ["Pausing keeps every answer and where you are: resume it from the start screen,"]
            lines.append("with z, or with `ldn-study quiz --resume`.")
            if self.exam and self.unanswered:
                numbers = ", ".join(map(str, self.unanswered[:12])) + (" …" if len(self.unanswered) > 12 else "")
                lines.append(f"Not answered yet: {numbers} (left blank they are not scored).")
            yield Static("\n".join(lines), classes="hint")
            with Horizontal(classes="leave-buttons"):
                yield Button(end, id="leave-end", variant="primary" if self.submitting else "default", compact=True)
                yield Button("Pause (p)", id="leave-pause", compact=True)
                yield Button("Pause and quit (q)", id="leave-quit", compact=True)

    def on_mount(self) -> None:
        self.query_one("#leave-end" if self.submitting else "#leave-pause").focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss((event.button.id or "").removeprefix("leave-") or None)

    def action_choose(self, choice: str) -> None:
        self.dismiss(choice)


class ResumeQuizDialog(Dialog[str]):
    """Offered on start-up when a quiz was paused: "resume", "discard", or None (later)."""

    BINDINGS = [
        Binding("r", "choose('resume')", "Resume", id="resume_quiz_yes"),
        Binding("d", "choose('discard')", "Discard", id="resume_quiz_discard"),
    ]

    def __init__(self, label: str, answered: int) -> None:
        super().__init__()
        self.label = label
        self.answered = answered

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="dialog", classes="resume-quiz") as dialog:
            dialog.border_title = "A paused quiz"
            dialog.border_subtitle = "Esc: later"
            yield Static(
                f"You paused a quiz with {self.answered} answer{'s' if self.answered != 1 else ''} given. "
                "Carry on where you left it?",
                classes="hint",
            )
            with Horizontal(classes="leave-buttons"):
                yield Button(f"{self.label} (r)", id="resume-resume", variant="primary", compact=True)
                yield Button("Discard it (d)", id="resume-discard", compact=True)

    def on_mount(self) -> None:
        self.query_one("#resume-resume").focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss((event.button.id or "").removeprefix("resume-") or None)

    def action_choose(self, choice: str) -> None:
        self.dismiss(choice)
