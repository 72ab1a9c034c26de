"""Choose what to be quizzed on: chapters, card kinds, evidence labels, learning objectives,
which questions (the pool), tutor or exam mode, a time limit and how many.

Space ticks (lists, pool, mode, the checkbox), Tab moves between the parts, Enter starts, Esc
cancels, Ctrl+R resets a remembered choice to the defaults. Ticks read without colour (☑/☐,
◉/○). Nothing ticked in a list means "all". The line at the bottom says how many questions
match as the choices change; it is counted in a worker thread, off the UI thread. Dismisses
with a `QuizRequest`, or None.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import replace
from typing import Any

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.css.query import NoMatches
from textual.widgets import Button, Input, Label, RadioSet, SelectionList, Static

from ldn_tui.content.labels import EVIDENCE, KINDS
from ldn_tui.content.objectives import NO_OBJECTIVES, objective_of, objective_titles
from ldn_tui.quiz.engine import QuizRequest, Selection, candidates
from ldn_tui.study import Study
from ldn_tui.tui.screens import DIALOG_CSS, QUIZ_CSS
from ldn_tui.tui.screens.base import Dialog
from ldn_tui.tui.widgets.footer import StudyFooter
from ldn_tui.tui.widgets.ticks import TickBox, TickList, TickRadio

#: The pools, in the order offered.
MODE_LABELS = {
    "all": "All that match",
    "unused": "Unused (never answered)",
    "missed": "Incorrect last time",
    "flagged": "Flagged",
    "due": "Due for review",
    "bookmarked": "On bookmarked cards",
}

DEFAULT_COUNT = 10


class QuizSetupScreen(Dialog[QuizRequest]):
    CSS_PATH = [DIALOG_CSS, QUIZ_CSS]
    BINDINGS = [
        Binding("enter", "start", "Start", priority=True, id="quiz_setup_start"),
        Binding("ctrl+r", "reset", "Reset", id="quiz_setup_reset"),
        # A modal screen hides the app's keys: help is bound here too (same id, so remaps apply).
        Binding("question_mark,f1", "app.help", "Help", key_display="?", id="help"),
    ]
    #: Under 80 columns the two columns stack (the dialog scrolls).
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (80, "-wide")]

    def __init__(self, service: Study, *, saved: dict[str, Any] | None = None) -> None:
        super().__init__()
        self._service = service
        self._study = service.content
        self.remembered = bool(saved)
        saved = saved or {}
        try:
            self._initial = Selection.from_dict(saved)
        except (TypeError, ValueError):
            self._initial = Selection()
        count = saved.get("count", DEFAULT_COUNT)
        self._initial_count = count if isinstance(count, int) and count > 0 else None  # None: all

    # -- layout -----------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        study, initial = self._study, self._initial
        everything = candidates(study, Selection())
        per_chapter = Counter(c.chapter.id for c in everything)
        per_kind = Counter(c.card.kind for c in everything)
        per_evidence = Counter(c.claim.evidence for c in everything if c.claim is not None)
        per_objective = Counter(objective_of(c.question) for c in everything)
        objectives = objective_titles(study)
        due = self._service.due_counts_by_chapter()

        chapters = []
        for ch in sorted(study.chapters, key=lambda c: c.order):
            label = Content.assemble(ch.title + "  ", (f"{per_chapter[ch.id]} q", "$text-muted"))
            if due.get(ch.id):
                label = Content.assemble(label, " · ", (f"{due[ch.id]} due", "bold $text-warning"))
            chapters.append((label, ch.id, ch.id in initial.chapters))
        kinds = [
            (Content.assemble(k + "  ", (f"{per_kind[k]} q", "$text-muted")), k, k in initial.kinds)
            for k in KINDS
            if per_kind[k]
        ]
        evidence = [
            (Content.assemble(EVIDENCE[e] + "  ", (f"{per_evidence[e]} q", "$text-muted")), e, e in initial.evidence)
            for e in EVIDENCE
            if per_evidence[e]
        ]

        objective_options = [
            (Content.assemble(title + "  ", (f"{per_objective[oid]} q", "$text-muted")), oid, oid in initial.objectives)
            for oid, title in objectives.items()
        ]

        with VerticalScroll(id="dialog", classes="wide quiz-setup") as dialog:
            dialog.border_title = "Start a quiz"
            dialog.border_subtitle = "Space ticks · Tab next part · Enter start · Esc cancel"
            hint = "Nothing ticked in a list means all of it."
            if self.remembered:
                hint += "  Remembered from your last quiz · Ctrl+R resets."
            yield Static(hint, classes="hint", id="setup-hint")
            with Horizontal(id="setup-columns"):
                with Vertical(classes="setup-column"):
                    yield Label("Chapters", classes="section")
                    yield TickList(*chapters, id="setup-chapters", compact=True)
                    yield Label("Kinds of card", classes="section")
                    yield TickList(*kinds, id="setup-kinds", compact=True)
                    yield Label("Learning objectives", classes="section")
                    if objective_options:
                        yield TickList(*objective_options, id="setup-objectives", compact=True)
                    else:
                        yield Static(NO_OBJECTIVES, classes="hint", id="setup-no-objectives")
                    yield Label("Mode", classes="section")
                    with RadioSet(id="setup-style", compact=True):
                        yield TickRadio("Tutor: feedback after each answer", value=True, id="style-tutor", compact=True)
                        yield TickRadio("Exam: feedback at the end", id="style-exam", compact=True)
                    with Horizontal(classes="setup-count-row"):
                        yield Label("Exam time limit, minutes ", classes="section")
                        yield Input("", type="integer", id="setup-time", placeholder="none", compact=True, max_length=4)
                with Vertical(classes="setup-column"):
                    yield Label("Evidence behind the claim", classes="section")
                    yield TickList(*evidence, id="setup-evidence", compact=True)
                    yield Label("Which questions", classes="section")
                    with RadioSet(id="setup-mode", compact=True):
                        for mode, label in MODE_LABELS.items():
                            yield TickRadio(label, value=mode == initial.mode, id=f"mode-{mode}", compact=True)
                    with Horizontal(id="setup-count-row", classes="setup-count-row"):
                        yield Label("How many (empty: all) ", classes="section")
                        yield Input(
                            str(self._initial_count or ""),
                            type="integer",
                            id="setup-count",
                            placeholder="all",
                            compact=True,
                            max_length=5,
                        )
                    yield TickBox(
                        "Include evidence/certainty questions",
                        value=initial.include_generated,
                        id="setup-generated",
                        compact=True,
                    )
            yield Static("", id="setup-match")
            yield Button("Start (Enter)", id="setup-start", variant="primary", compact=True)
        yield StudyFooter(first=("start", "close"))  # this dialog's keys, not those of the screen beneath

    def on_mount(self) -> None:
        self.query_one("#setup-chapters").focus()
        self._update_match()

    def action_reset(self) -> None:
        """Forget the remembered choices in the form: nothing ticked, all questions, 10, tutor."""
        for ticks in self.query(TickList):
            ticks.deselect_all()
        self.query_one("#mode-all", TickRadio).value = True
        self.query_one("#style-tutor", TickRadio).value = True
        self.query_one("#setup-count", Input).value = str(DEFAULT_COUNT)
        self.query_one("#setup-time", Input).value = ""
        self.query_one("#setup-generated", TickBox).value = True
        self.query_one("#setup-hint", Static).update("Nothing ticked in a list means all of it.  (Reset.)")
        self._update_match()

    # -- reading the form -------------------------------------------------------------------

    def _mode(self) -> str:
        pressed = self.query_one("#setup-mode", RadioSet).pressed_button
        return (pressed.id or "mode-all").removeprefix("mode-") if pressed is not None else "all"

    def _count(self) -> int | None:
        text = self.query_one("#setup-count", Input).value.strip()
        try:
            n = int(text)
        except ValueError:
            return None
        return n if n > 0 else None

    def _style(self) -> tuple[str, int | None]:
        pressed = self.query_one("#setup-style", RadioSet).pressed_button
        style = (pressed.id or "style-tutor").removeprefix("style-") if pressed is not None else "tutor"
        if style != "exam":
            return "tutor", None
        try:
            minutes = int(self.query_one("#setup-time", Input).value.strip())
        except ValueError:
            return "exam", None
        return "exam", minutes * 60 if minutes > 0 else None

    def request(self) -> QuizRequest:
        """What the form says now."""
        objectives = self.query("#setup-objectives")
        selection = Selection(
            chapters=tuple(self.query_one("#setup-chapters", SelectionList).selected),
            kinds=tuple(self.query_one("#setup-kinds", SelectionList).selected),
            evidence=tuple(self.query_one("#setup-evidence", SelectionList).selected),
            mode=self._mode(),
            include_generated=self.query_one("#setup-generated", TickBox).value,
            objectives=tuple(objectives.first(SelectionList).selected) if objectives else (),
        )
        style, limit = self._style()
        return QuizRequest(selection, count=self._count(), style=style, time_limit=limit)

    def _update_match(self) -> None:
        """Count the matching questions in a worker; the line updates when it is done."""
        self._count_matches(self.request())

    @work(thread=True, exclusive=True, group="setup-match")
    def _count_matches(self, request: QuizRequest) -> None:
        n = self._service.quiz_size(QuizRequest(request.selection))
        authored = self._service.quiz_size(QuizRequest(replace(request.selection, include_generated=False)))
        self.app.call_from_thread(self._show_match, request, n, authored)

    def _show_match(self, request: QuizRequest, n: int, authored: int | None = None) -> int:
        asked = n if request.count is None else min(n, request.count)
        try:
            line = self.query_one("#setup-match", Static)
        except NoMatches:  # a count that finished after the dialog closed
            return asked
        if n == 0:
            line.update(
                Content.styled("No questions match: tick fewer filters or choose another mode.", "bold $text-warning")
            )
        else:
            line.update(
                Content.assemble(
                    (f"{n} question{'s' if n != 1 else ''} match", "bold"),
                    f"; the quiz will ask {asked}.",
                    *(
                        [("\n" + f"{authored} authored, {n - authored} generated from claims", "$text-muted")]
                        if authored is not None
                        else []
                    ),
                )
            )
        return asked

    def on_selection_list_selected_changed(self) -> None:
        self._update_match()

    def on_radio_set_changed(self) -> None:
        self._update_match()

    def on_checkbox_changed(self) -> None:
        self._update_match()

    def on_input_changed(self) -> None:
        self._update_match()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.action_start()

    def action_start(self) -> None:
        request = self.request()
        n = self._service.quiz_size(QuizRequest(request.selection))  # what Enter starts: counted now
        if self._show_match(request, n) == 0:
            return
        self.dismiss(request)
