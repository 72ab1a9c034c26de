"""Choose what to be quizzed on: chapters, card kinds, evidence labels, learning objectives,
which questions (the pool), tutor or exam mode, a time limit and how many.

Space ticks (lists, pool, mode, the checkbox), Tab moves between the parts, Enter starts, Esc
cancels, Ctrl+R resets a remembered choice to the defaults. Ticks read without colour (☑/☐,
◉/○). Nothing ticked in a list means "all". Dismisses with a `QuizRequest`, or None.

The dialog paints first and counts after (issue 19: at 10,000 cards counting takes seconds the
first time): its options come from `Study.quiz_setup_options` (cheap) and show "…" until a worker
thread brings `Study.quiz_setup_counts`, which then fill in the same options in place. The line at
the bottom says how many questions match as the choices change, also counted in a worker. Both
workers wait for the first frame. Every choice is remembered for the next quiz, tutor or exam
and the time limit included (`Study.remember_quiz_setup`).
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Mapping
from typing import Any

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.css.query import NoMatches
from textual.events import ScreenResume
from textual.widget import Widget
from textual.widgets import Button, Input, Label, SelectionList, Static
from textual.worker import get_current_worker

from ldn_tui.content.labels import EVIDENCE
from ldn_tui.content.objectives import NO_OBJECTIVES
from ldn_tui.quiz.engine import QuizRequest, Selection
from ldn_tui.study import Study
from ldn_tui.study.quizsetup import QuizSetupCounts
from ldn_tui.tui.memory import freeze_long_lived
from ldn_tui.tui.screens import DIALOG_CSS, QUIZ_CSS
from ldn_tui.tui.screens.base import Dialog
from ldn_tui.tui.widgets.footer import StudyFooter
from ldn_tui.tui.widgets.ticks import TickBox, TickChoice, TickList

#: Tutor or exam.
STYLE_LABELS = {"tutor": "Tutor: feedback after each answer", "exam": "Exam: feedback at the end"}

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

#: How long the counting threads wait for the dialog's first frame before they start anyway.
PAINT_WAIT_SECONDS = 0.5

#: What an option shows until its count arrives.
COUNTING = "…"


def _label(title: str, count: int | None, due: int = 0) -> Content:
    """An option: how many questions it holds ("…" until counted), then its title. The count
    comes first, in a column of its own, so that a title cut short at 80 columns ("Systematic
    review or meta-an…") never hides it. An option holding none stays, dimmed, so nothing moves
    under the cursor when the counts come; a chapter's due questions follow its count."""
    number = f"{COUNTING:>3}  " if count is None else f"{count:>3} q"
    if count == 0:
        return Content.styled(f"{number}  {title}", "$text-disabled")
    parts: list = [(number, "$text-muted")]
    if due:
        parts += [" · ", (f"{due} due", "bold $text-warning")]
    return Content.assemble(*parts, "  ", title)


class _StyledOnMount(Widget):
    """Styled once mounted, not before. Textual restyles a widget whenever one of its classes
    changes, even while it is being built (`compact=True`, a toggle that starts on), although
    mounting styles it anyway: 0.5-1.5 ms a widget, ~20 ms for this dialog's first frame."""

    def update_node_styles(self, animate: bool = True) -> None:
        if self.is_attached:
            super().update_node_styles(animate)


class _TickList(TickList, _StyledOnMount):
    pass


class _TickChoice(TickChoice, _StyledOnMount):
    pass


class _TickBox(TickBox, _StyledOnMount):
    pass


class _Input(Input, _StyledOnMount):
    pass


class _Button(Button, _StyledOnMount):
    pass


def style_samples() -> list[Widget]:
    """One widget of each kind the dialog shows, for the app to mount hidden ahead of its first
    open (`StudyApp._warm_up`): Textual reads a widget class's CSS when its first one is mounted,
    and then parses the whole stylesheet again (~20 ms at this dialog's first open)."""
    return [
        VerticalScroll(),
        Horizontal(),
        Vertical(),
        Label(),
        Static(),
        _TickList(),
        _TickChoice([("a", "a")], value="a"),
        _TickBox(),
        _Input(),
        _Button(),
    ]


class QuizSetupScreen(Dialog[QuizRequest]):
    CSS_PATH = [DIALOG_CSS, QUIZ_CSS]
    BINDINGS = [
        Binding("enter", "start", "Start", priority=True, id="quiz_setup_start"),
        Binding("ctrl+r", "reset", "Reset", id="quiz_setup_reset"),
        # A modal screen hides the app's keys: help is bound here too (same id, so remaps apply).
        Binding("question_mark,f1", "app.help", "Help", key_display="?", id="help"),
    ]
    #: Focus goes straight to the chapters. Otherwise the first focusable widget, the scrolling
    #: dialog itself, takes it and then hands it on, restyling every widget in it twice (~25 ms).
    AUTO_FOCUS = "#setup-chapters"
    #: Under 80 columns the two columns stack (the dialog scrolls).
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (80, "-wide")]

    def __init__(
        self, service: Study, *, saved: dict[str, Any] | None = None, on_painted: Callable[[], None] | None = None
    ) -> None:
        # The breakpoint's class now, not at the first Resize: else the first frame shows the
        # narrow layout and the next one restyles and lays out everything again (~100 ms).
        width = self.app.size.width
        super().__init__(classes=[name for at, name in self.HORIZONTAL_BREAKPOINTS if width >= at][-1])
        self._service = service
        #: The counts behind the options once they have arrived (None until then).
        self.counts: QuizSetupCounts | None = None
        #: Set once the dialog has painted: the counting threads wait for it, as they would
        #: otherwise hold the GIL that the first frame needs.
        self._painted = threading.Event()
        #: Called once the dialog has painted, or is removed before it could.
        self._on_painted = on_painted
        self._counting: QuizRequest | None = None  # what the match line is being counted for
        self._starting = False  # Enter was pressed and its count is running
        self.remembered = bool(saved)
        saved = saved or {}
        try:
            self._initial = Selection.from_dict(saved)
        except (TypeError, ValueError):
            self._initial = Selection()
        count = saved.get("count", DEFAULT_COUNT)
        self._initial_count = count if isinstance(count, int) and count > 0 else None  # None: all
        self._initial_exam = saved.get("style") == "exam"
        limit = saved.get("time_limit")
        minutes = limit // 60 if self._initial_exam and isinstance(limit, int) and limit >= 60 else None
        self._initial_minutes = str(minutes) if minutes else ""

    # -- layout -----------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        initial, options = self._initial, self._service.quiz_setup_options()
        self._titles = {
            "chapters": dict(options.chapters),
            "kinds": {k: k for k in options.kinds},
            "evidence": {e: EVIDENCE[e] for e in options.evidence},
            "objectives": dict(options.objectives),
        }
        chapters, kinds, evidence, objective_options = (
            [
                (_label(title, None), value, value in getattr(initial, part))
                for value, title in self._titles[part].items()
            ]
            for part in ("chapters", "kinds", "evidence", "objectives")
        )

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
                    yield _TickList(*chapters, id="setup-chapters", compact=True)
                    yield Label("Kinds of card", classes="section")
                    yield _TickList(*kinds, id="setup-kinds", compact=True)
                    yield Label("Learning objectives", classes="section")
                    if objective_options:
                        yield _TickList(*objective_options, id="setup-objectives", compact=True)
                    else:
                        yield Static(NO_OBJECTIVES, classes="hint", id="setup-no-objectives")
                    yield Label("Mode", classes="section")
                    yield _TickChoice(
                        STYLE_LABELS.items(),
                        value="exam" if self._initial_exam else "tutor",
                        id="setup-style",
                        compact=True,
                    )
                    with Horizontal(classes="setup-count-row"):
                        yield Label("Exam time limit, minutes ", classes="section")
                        yield _Input(
                            self._initial_minutes,
                            type="integer",
                            id="setup-time",
                            placeholder="none",
                            compact=True,
                            max_length=4,
                        )
                with Vertical(classes="setup-column"):
                    yield Label("Evidence behind the claim", classes="section")
                    yield _TickList(*evidence, id="setup-evidence", compact=True)
                    yield Label("Which questions", classes="section")
                    yield _TickChoice(
                        MODE_LABELS.items(),
                        value=initial.mode,
                        id="setup-mode",
                        compact=True,
                    )
                    with Horizontal(id="setup-count-row", classes="setup-count-row"):
                        yield Label("How many (empty: all) ", classes="section")
                        yield _Input(
                            str(self._initial_count or ""),
                            type="integer",
                            id="setup-count",
                            placeholder="all",
                            compact=True,
                            max_length=5,
                        )
                    yield _TickBox(
                        "Include evidence/certainty questions",
                        value=initial.include_generated,
                        id="setup-generated",
                        compact=True,
                    )
            yield Static("", id="setup-match")
            yield _Button("Start (Enter)", id="setup-start", variant="primary", compact=True)
        yield StudyFooter(first=("start", "close"))  # this dialog's keys, not those of the screen beneath

    def set_focus(self, widget: Widget | None, scroll_visible: bool = True, from_app_focus: bool = False) -> None:
        """The first focus (AUTO_FOCUS) does not scroll: Textual would bring the chapters into view
        before the dialog is laid out, and a short terminal's dialog opened past its hint and the
        list's heading. (Focusing them in on_mount instead cost ~35 ms of first paint.)"""
        if not self._painted.is_set():
            scroll_visible = False
        super().set_focus(widget, scroll_visible, from_app_focus)

    def on_screen_resume(self, event: ScreenResume) -> None:
        """The first time, only the screen itself is restyled, not every widget in it: each was
        styled as it was mounted, just before, with the dialog's stylesheet loaded, and Textual's
        restyle of all of them cost ~15-25 ms of the first paint. The screen was styled before
        its stylesheet was loaded (it centres the dialog). This handler runs before Textual's
        own, which reads `refresh_styles`; a test compares every widget's styles both ways."""
        if not self._painted.is_set():
            event.refresh_styles = False
            self.app.stylesheet.apply(self)

    def on_mount(self) -> None:
        self._count_options()
        self._update_match()
        self.call_after_refresh(self._first_painted)

    def _first_painted(self) -> None:
        self._painted.set()
        if self._on_painted is not None:
            self._on_painted()

    def on_unmount(self) -> None:
        if self._on_painted is not None:
            self._on_painted()

    @work(thread=True, exclusive=True, group="setup-counts")
    def _count_options(self) -> None:
        """Count the questions behind each option (at 10,000 cards: seconds the first time, as it
        builds the generated questions), then show them."""
        self._painted.wait(PAINT_WAIT_SECONDS)
        counts = self._service.quiz_setup_counts()
        if counts.built:
            freeze_long_lived()  # the generated questions it built live as long as the content
        if not get_current_worker().is_cancelled:
            self.app.call_from_thread(self._show_counts, counts)

    def _show_counts(self, counts: QuizSetupCounts) -> None:
        """Put the counts into the lists' labels, in place: same options, same order, same ticks."""
        self.counts = counts
        for part, titles in self._titles.items():
            try:
                ticks = self.query_one(f"#setup-{part}", TickList)
            except NoMatches:  # no objectives, or counts that arrived after the dialog closed
                continue
            per: Mapping[str, int] = getattr(counts, part)
            due = counts.due if part == "chapters" else {}
            for index in range(ticks.option_count):
                value = ticks.get_option_at_index(index).value
                ticks.replace_option_prompt_at_index(index, _label(titles[value], per.get(value, 0), due.get(value, 0)))
            ticks.refresh(layout=True)

    def action_reset(self) -> None:
        """Forget the remembered choices in the form: nothing ticked, all questions, 10, tutor with
        no time limit."""
        for ticks in self.query(TickList):
            ticks.deselect_all()
        self.query_one("#setup-mode", TickChoice).value = "all"
        self.query_one("#setup-style", TickChoice).value = "tutor"
        self.query_one("#setup-count", Input).value = str(DEFAULT_COUNT)
        self.query_one("#setup-time", Input).value = ""
        self.query_one("#setup-generated", TickBox).value = True
        self.query_one("#setup-hint", Static).update("Nothing ticked in a list means all of it.  (Reset.)")
        self._update_match()

    # -- reading the form -------------------------------------------------------------------

    def _mode(self) -> str:
        return self.query_one("#setup-mode", TickChoice).value

    def _count(self) -> int | None:
        text = self.query_one("#setup-count", Input).value.strip()
        try:
            n = int(text)
        except ValueError:
            return None
        return n if n > 0 else None

    def _style(self) -> tuple[str, int | None]:
        if self.query_one("#setup-style", TickChoice).value != "exam":
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
        request = self.request()
        if request != self._counting:  # mounting the form sends Changed events that change nothing
            self._counting = request
            self._count_matches(request)

    @work(thread=True, exclusive=True, group="setup-match")
    def _count_matches(self, request: QuizRequest) -> None:
        self._painted.wait(PAINT_WAIT_SECONDS)
        self._service.build_question_bank()  # the first time: waits for the counts' build, if any
        every, authored = self._service.quiz_sizes(request.selection)
        n = every if request.selection.include_generated else authored
        if not get_current_worker().is_cancelled:  # a newer count is on its way
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

    def on_tick_choice_changed(self) -> None:
        self._update_match()

    def on_checkbox_changed(self) -> None:
        self._update_match()

    def on_input_changed(self) -> None:
        self._update_match()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.action_start()

    def action_start(self) -> None:
        """Count what Enter starts (in a thread: at 10,000 cards the first count builds the
        generated questions, seconds), then start it, or say that nothing matches."""
        if self._starting:
            return
        self._starting = True
        self.query_one("#setup-match", Static).update(Content.styled("Counting the questions…", "$text-muted"))
        self._count_and_start(self.request())

    @work(thread=True, exclusive=True, group="setup-start")
    def _count_and_start(self, request: QuizRequest) -> None:
        n = self._service.quiz_size(QuizRequest(request.selection))
        self.app.call_from_thread(self._start_counted, request, n)

    def _start_counted(self, request: QuizRequest, n: int) -> None:
        self._starting = False
        if self.is_attached and self.app.screen is self and self._show_match(request, n) != 0:
            self.dismiss(request)
