"""One question at a time: pick, rate your confidence, submit, read the feedback, go on.

The screen presents a `QuizSession` (the engine grades and saves each answer before `submit`
returns, so quitting at any moment loses nothing) and a `Draft` (what each key means). All
widgets are mounted once; each key press updates them in place, which keeps key → feedback
to a single cheap frame.

Keys come from the command table (scope "quiz"), except the number keys, which are read
here because one action per digit would clutter help: 1-9 pick (or toggle, or place) the
choice with that number.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import events
from textual.app import ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Footer, Input, Label, Static

from ldn_tui.quiz.draft import DEFAULT_CONFIDENCE, Draft
from ldn_tui.quiz.engine import QuizItem, QuizSession, SessionSummary
from ldn_tui.tui import commands
from ldn_tui.tui.screens import QUIZ_CSS
from ldn_tui.tui.widgets.question import TYPE_HINTS, ConfidenceView, FeedbackView, QuestionView

if TYPE_CHECKING:
    from ldn_tui.tui.host import StudyHost


class QuizBody(VerticalScroll, can_focus=False):
    """Scrolls the question and its feedback; never takes the focus (the keys are the quiz's)."""


class QuizScreen(Screen[SessionSummary | None]):
    CSS_PATH = QUIZ_CSS
    BINDINGS = commands.bindings("quiz")
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (80, "-wide")]

    def __init__(self, session: QuizSession, *, title: str = "Quiz") -> None:
        super().__init__(id="quiz")
        self.session = session
        self.quiz_title = title
        item = session.current
        self.draft: Draft | None = Draft(item) if item is not None else None
        self._notice_shown: str | None = None

    @property
    def ldn_app(self) -> StudyHost:
        return self.app  # type: ignore[return-value]

    @property
    def item(self) -> QuizItem | None:
        return self.session.current

    @property
    def answered(self) -> bool:
        return self.session.current_answer is not None

    # -- layout -----------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        with Horizontal(id="quiz-top"):
            yield Label("", id="quiz-progress")
            yield Label(
                "⚠ read-only: answers are NOT saved" if self.ldn_app.study.read_only else "answers are saved as you go",
                id="quiz-saved",
            )
        with QuizBody(id="quiz-body"):
            yield QuestionView(id="question")
            yield Input(placeholder="Type your answer, then Enter", id="cloze", compact=True)
            yield ConfidenceView(id="confidence")
            yield Static("", id="quiz-hint")
            yield FeedbackView(id="feedback")
        yield Footer(compact=True, show_command_palette=False)

    def on_mount(self) -> None:
        self._show_item()

    @property
    def _question(self) -> QuestionView:
        return self.query_one("#question", QuestionView)

    @property
    def _cloze(self) -> Input:
        return self.query_one("#cloze", Input)

    # -- rendering --------------------------------------------------------------------------

    def _update_progress(self) -> None:
        p = self.session.progress
        done = p.answered
        position = min(p.position, p.total)
        parts: list = [
            (f" {self.quiz_title} ", "bold $text on $primary-muted"),
            (f"  question {position} of {p.total}", "bold"),
        ]
        if done:
            parts += [("  ·  ", "$text-muted"), f"{p.correct} of {done} right"]
        self.query_one("#quiz-progress", Label).update(Content.assemble(*parts))

    def _show_item(self) -> None:
        item = self.item
        if item is None or self.draft is None:
            return
        draft = self.draft
        self._question.show(item, draft)
        self.query_one("#confidence", ConfidenceView).show(draft.confidence)
        self._hint(TYPE_HINTS.get(item.type, "Enter submits."))
        self.query_one("#feedback", FeedbackView).hide()
        cloze = self._cloze
        cloze.display = item.type == "cloze"
        cloze.disabled = False
        cloze.value = ""
        self._update_progress()
        self.query_one(QuizBody).scroll_home(animate=False)
        (cloze if item.type == "cloze" else self._question).focus()
        self.refresh_bindings()

    def _hint(self, text: str | Content, *, warning: bool = False) -> None:
        hint = self.query_one("#quiz-hint", Static)
        hint.set_class(warning, "-warning")
        hint.update(text)

    def _redraw_question(self) -> None:
        if self.item is not None and self.draft is not None:
            self._question.show(self.item, self.draft, self.session.current_answer)

    def _show_answer(self) -> None:
        answered = self.session.current_answer
        item = self.item
        if answered is None or item is None or self.draft is None:
            return
        self._question.show(item, self.draft, answered)
        self.query_one("#confidence", ConfidenceView).show(self.draft.confidence, locked=True)
        last = self.session.index + 1 >= len(self.session.items)
        self._hint(
            Content.assemble(
                ("Enter ", "bold"),
                "finish and see the summary" if last else "next question",
                ("  ·  ", "$text-muted"),
                ("o ", "bold"),
                f"open the card “{item.card.title}”",
                ("  ·  ", "$text-muted"),
                ("Esc ", "bold"),
                "end the quiz",
            )
        )
        feedback = self.query_one("#feedback", FeedbackView)
        feedback.show(answered)
        if item.type == "cloze":
            self._cloze.disabled = True
            self._question.focus()
        self._update_progress()
        self.call_after_refresh(feedback.scroll_visible, animate=False)
        self.refresh_bindings()
        notice = self.session.notice
        if notice and notice != self._notice_shown:
            self._notice_shown = notice
            self.notify(notice, title="Progress", severity="warning", timeout=10)

    # -- keys -------------------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        item = self.item
        if item is None:
            return action in ("end", "submit")
        t = item.type
        answered = self.answered
        if action in ("confidence",):
            return not answered
        if action == "truth":
            return t == "true-false" and not answered
        if action in ("toggle", "undo"):
            return t in ("single", "multiple", "true-false", "order") and not answered
        if action == "move_item":
            return t == "order" and not answered
        if action in ("open_card", "suspend"):
            return True if answered else None
        return True

    def on_key(self, event: events.Key) -> None:
        char = event.character
        if char and char.isdigit() and char != "0" and self.draft is not None and not self.answered:
            if isinstance(self.focused, Input):
                return
            event.stop()
            event.prevent_default()
            if self.draft.number(int(char)):
                self._redraw_question()
                if self.query_one("#quiz-hint").has_class("-warning") and self.item is not None:
                    self._hint(TYPE_HINTS.get(self.item.type, ""))

    def on_input_changed(self, event: Input.Changed) -> None:
        if self.draft is not None and event.input.id == "cloze":
            self.draft.text = event.value

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_submit()

    def action_submit(self) -> None:
        if self.session.finished:
            self._finish()
            return
        if self.answered:
            self._next()
            return
        draft, item = self.draft, self.item
        if draft is None or item is None:
            return
        if item.type == "cloze":
            draft.text = self._cloze.value
        if not draft.ready:
            message = {
                "cloze": "Type an answer first (a guess is fine: Tab, then g marks it as one).",
                "multiple": "Pick at least one choice first (press its number).",
            }.get(item.type, "Pick an answer first (press its number).")
            self._hint(message, warning=True)
            return
        self.session.submit(draft.response(), draft.confidence)
        self._show_answer()

    def _next(self) -> None:
        item = self.session.next()
        if item is None:
            self._finish()
            return
        self.draft = Draft(item, confidence=DEFAULT_CONFIDENCE)
        self._show_item()

    def action_confidence(self, confidence: str) -> None:
        if self.draft is None or self.answered:
            return
        self.draft.set_confidence(confidence)
        self.query_one("#confidence", ConfidenceView).show(confidence)

    def action_truth(self, value: bool) -> None:
        if self.draft is not None and not self.answered and self.draft.number(1 if value else 2):
            self._redraw_question()

    def action_cursor(self, step: int) -> None:
        if self.answered or self.draft is None:
            body = self.query_one(QuizBody)
            (body.scroll_down if step > 0 else body.scroll_up)(animate=False)
            return
        if self.draft.move_cursor(step):
            self._redraw_question()

    def action_page(self, step: int) -> None:
        body = self.query_one(QuizBody)
        (body.scroll_page_down if step > 0 else body.scroll_page_up)(animate=False)

    def action_toggle(self) -> None:
        if self.draft is not None and not self.answered and self.draft.toggle():
            self._redraw_question()

    def action_move_item(self, step: int) -> None:
        if self.draft is not None and not self.answered and self.draft.move_item(step):
            self._redraw_question()

    def action_undo(self) -> None:
        if self.draft is not None and not self.answered and self.draft.backspace():
            self._redraw_question()

    def action_open_card(self) -> None:
        item = self.item
        if item is None or not self.answered:
            return
        from ldn_tui.tui.screens.quiz_card import QuizCardScreen

        study = self.ldn_app.study
        study.mark_read(item.card.id)
        self.app.push_screen(
            QuizCardScreen(
                self.ldn_app.content,
                item.card,
                claim_id=item.claim.id if item.claim else None,
                note=study.note(item.card.id),
                bookmarked=study.is_bookmarked(item.card.id),
            )
        )

    def action_suspend(self) -> None:
        """Take the question out of review, or put it back (safety questions cannot leave)."""
        item = self.item
        if item is None or not self.answered:
            return
        from ldn_tui.study import CannotSuspend

        try:
            now_suspended = self.ldn_app.study.toggle_suspended(item.uid)
        except CannotSuspend:
            self.notify(
                "This is a safety question: it always stays in review (at least monthly).",
                title="Not suspended",
                severity="warning",
                timeout=5,
            )
            return
        if now_suspended:
            self.notify("Suspended: this question will not come up for review. S again undoes it.", timeout=4)
        else:
            self.notify("Back in review.", timeout=3)

    def action_end(self) -> None:
        if not self.session.answers:
            self.dismiss(None)
            return
        self._finish()

    def _finish(self) -> None:
        """Close the session and hand its summary to whoever opened the quiz (`quiz_actions`)."""
        self.dismiss(self.session.finish())
