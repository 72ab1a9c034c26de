"""One question at a time: pick, rate your confidence, submit, read the feedback, go on.

Tutor mode gives the feedback after each answer. Exam mode keeps each answer (Enter saves it and
goes on; ←/→ move between questions; answers change freely) and grades nothing until the exam is
submitted or its time runs out; then the same screen walks through every question with its
feedback. `m` flags a question in either mode. Esc or q asks whether to pause (every answer and
the position are saved; see `quiz.saved`), end, or quit.

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
from textual.widgets import Input, Label, Static

from ldn_tui.quiz.draft import DEFAULT_CONFIDENCE, Draft
from ldn_tui.quiz.engine import QuizItem, QuizSession, SessionSummary
from ldn_tui.tui import commands
from ldn_tui.tui.screens import QUIZ_CSS
from ldn_tui.tui.screens.quiz_question_actions import QuestionActions
from ldn_tui.tui.widgets.footer import StudyFooter
from ldn_tui.tui.widgets.question import TYPE_HINTS, ConfidenceView, FeedbackView, QuestionView
from ldn_tui.tui.widgets.quizbar import exam_hint, progress_content

if TYPE_CHECKING:
    from ldn_tui.tui.host import StudyHost


class QuizBody(VerticalScroll, can_focus=False):
    """Scrolls the question and its feedback; never takes the focus (the keys are the quiz's)."""


class QuizScreen(QuestionActions, Screen[SessionSummary | None]):
    CSS_PATH = QUIZ_CSS
    BINDINGS = commands.bindings("quiz")
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (80, "-wide")]

    def __init__(self, session: QuizSession, *, title: str = "Quiz") -> None:
        super().__init__(id="quiz")
        self.session = session
        self.quiz_title = title
        self.draft: Draft | None = self._draft_for_current()
        self._notice_shown: str | None = None

    def _draft_for_current(self, confidence: str | None = None) -> Draft | None:
        item = self.session.current
        if item is None:
            return None
        given = self.session.current_response
        if given is not None:
            return Draft.restore(item, given[0], given[1])
        return Draft(item) if confidence is None else Draft(item, confidence=confidence)

    @property
    def ldn_app(self) -> StudyHost:
        return self.app  # type: ignore[return-value]

    @property
    def item(self) -> QuizItem | None:
        return self.session.current

    @property
    def answered(self) -> bool:
        """Whether the current question shows its feedback (tutor: answered; exam: in the review)."""
        if self.session.exam:
            return self.session.reviewing
        return self.session.current_answer is not None

    @property
    def editing_exam(self) -> bool:
        return self.session.exam and not self.session.submitted

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
        yield StudyFooter(first=("submit", "next_question", "flag"))

    def on_mount(self) -> None:
        self.set_class(self.session.exam, "-exam")  # the top line needs its room for the clock
        self._show_item()
        if self.session.time_limit is not None and not self.session.submitted:
            self.set_interval(1.0, self._tick, name="exam clock")

    def _tick(self) -> None:
        if not self.editing_exam:
            return
        if self.session.time_up():
            self._save_draft()
            self.session.submit_exam()
            self.notify("Time is up: the exam was submitted. Here is every question with its feedback.", timeout=8)
            self._after_move()
            return
        self._update_progress()

    @property
    def _question(self) -> QuestionView:
        return self.query_one("#question", QuestionView)

    @property
    def _cloze(self) -> Input:
        return self.query_one("#cloze", Input)

    # -- rendering --------------------------------------------------------------------------

    def _update_progress(self) -> None:
        item = self.item
        flagged = item is not None and self.ldn_app.study.is_flagged(item.uid)
        title = f"{self.quiz_title} review" if self.session.reviewing else self.quiz_title
        self.query_one("#quiz-progress", Label).update(progress_content(self.session, title, flagged=flagged))

    def _show_item(self) -> None:
        item = self.item
        if item is None or self.draft is None:
            return
        draft = self.draft
        if self.answered:
            self._show_answer()
            return
        self._question.show(item, draft)
        self.query_one("#confidence", ConfidenceView).show(draft.confidence)
        hint = TYPE_HINTS.get(item.type, "Enter submits.")
        self._hint(exam_hint(self.session, hint) if self.editing_exam else hint)
        self.query_one("#feedback", FeedbackView).hide()
        cloze = self._cloze
        cloze.display = item.type == "cloze"
        cloze.disabled = False
        cloze.value = draft.text  # an exam answer shown again keeps its text
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
        item = self.item
        if self.session.reviewing:
            answered = self.session.review_item(self.session.index) if item is not None else None
        else:
            answered = self.session.current_answer
        if answered is None or item is None or self.draft is None:
            return
        self._question.show(item, self.draft, answered)
        self.query_one("#confidence", ConfidenceView).show(self.draft.confidence, locked=True)
        last = self.session.index + 1 >= len(self.session.items)
        self._hint(
            Content.assemble(
                ("Enter ", "bold"),
                "finish and see the summary" if last else "next question",
                *((("  ·  ", "$text-muted"), ("← → ", "bold"), "move") if self.session.reviewing else ()),
                ("  ·  ", "$text-muted"),
                ("o ", "bold"),
                f"open the card “{item.card.title}”",
                ("  ·  ", "$text-muted"),
                ("Esc ", "bold"),
                "summary" if self.session.reviewing else "pause or end",
            )
        )
        feedback = self.query_one("#feedback", FeedbackView)
        feedback.show(answered, unanswered=self.session.reviewing and self.session.current_answer is None)
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
        if action == "submit":
            return not answered  # once answered, Enter is `next_question`, shown as "Next"
        if action == "next_question":
            return answered
        if action == "go":
            return self.session.exam
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

    def action_next_question(self) -> None:
        if self.session.finished:
            self._finish()
        elif self.answered:
            self._next()

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
        if self.editing_exam:
            self._save_draft(confirmed=True)
            if self.session.index + 1 >= len(self.session.items):
                self._ask_leave(submitting=True)
            else:
                self.go(1)
            return
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
        if self.session.reviewing and self.session.index + 1 >= len(self.session.items):
            self._finish()
            return
        item = self.session.next()
        if item is None:
            self._finish()
            return
        self._after_move()

    def _after_move(self) -> None:
        self.draft = self._draft_for_current(DEFAULT_CONFIDENCE)
        self._show_item()

    def _save_draft(self, *, confirmed: bool = False) -> None:
        """Exam: keep the current draft as the answer (a cleared pick clears the answer). An
        untouched order question stays unanswered unless Enter `confirmed` its shown order."""
        draft = self.draft
        if not self.editing_exam or draft is None or self.item is None:
            return
        if self.item.type == "cloze":
            draft.text = self._cloze.value
        if confirmed:
            draft.confirm()
        if draft.given:
            self.session.answer(draft.response(), draft.confidence)
        else:
            self.session.clear_answer()

    def action_go(self, step: int) -> None:
        self.go(step)

    def go(self, step: int) -> None:
        """Exam and its review: move `step` questions (saving the current answer first)."""
        if not self.session.exam:
            return
        self._save_draft()
        target = self.session.index + step
        if not 0 <= target < len(self.session.items):
            return
        self.session.goto(target)
        self._after_move()

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

    def action_end(self) -> None:
        if self.session.reviewing:
            self._finish()
            return
        self._save_draft()
        if not self.session.started:
            self.session.abandon()
            self.dismiss(None)
            return
        self._ask_leave()

    def _ask_leave(self, *, submitting: bool = False) -> None:
        from ldn_tui.tui.screens.quiz_dialogs import LeaveQuizDialog

        dialog = LeaveQuizDialog(exam=self.editing_exam, unanswered=self.session.unanswered, submitting=submitting)
        self.app.push_screen(dialog, self._left)

    def _left(self, choice: str | None) -> None:
        if choice == "end":
            if self.editing_exam:
                self.session.submit_exam()
                self._after_move()
            else:
                self._finish()
        elif choice in ("pause", "quit"):
            self.notify("Quiz paused: every answer is kept. Z (or ldn-study quiz --resume) carries on.", timeout=6)
            self.dismiss(None)
            if choice == "quit":
                self.app.exit()

    def _finish(self) -> None:
        """Close the session and hand its summary to whoever opened the quiz (`quiz_actions`)."""
        self.dismiss(self.session.finish())
