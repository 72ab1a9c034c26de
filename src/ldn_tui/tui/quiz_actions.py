"""What the quiz commands in the command table do (each takes the app), and the quiz flow.

Kept apart from `commands.py` (which is imported by the app and by every screen) so the quiz
screens load only when a quiz command first runs.

The flow lives here, not in the screens: the quiz screen dismisses with its summary, the
summary screen with a request to review the missed questions (or None), and the callbacks
below open what comes next. So neither screen imports the other, nor this module.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ldn_tui.quiz.engine import QuizRequest, QuizSession, Selection, SessionSummary
from ldn_tui.tui.memory import pause_collection

if TYPE_CHECKING:
    from ldn_tui.tui.host import StudyHost


def _quiz_open(app: StudyHost) -> bool:
    from ldn_tui.tui.screens.quiz import QuizScreen
    from ldn_tui.tui.screens.quiz_summary import QuizSummaryScreen

    if any(isinstance(s, (QuizScreen, QuizSummaryScreen)) for s in app.screen_stack):
        app.notify("A quiz is already open: finish it (or Esc) first.", severity="warning", timeout=3)
        return True
    return False


def build_or_notify(app: StudyHost, request: QuizRequest, *, empty: str) -> QuizSession | None:
    """The session for `request`, or None (with a notification) if it is empty or invalid."""
    try:
        session = app.study.new_quiz(request)
    except ValueError as exc:
        app.notify(str(exc), severity="error")
        return None
    if not session.items:
        app.notify(empty, timeout=5)
        return None
    return session


def start_quiz(
    app: StudyHost, request: QuizRequest, *, title: str = "Quiz", empty: str = "No questions match that choice."
) -> bool:
    """Open the quiz screen on a new session; False (with a notification) if there is nothing to ask."""
    if _quiz_open(app):
        return False
    session = build_or_notify(app, request, empty=empty)
    if session is None:
        return False
    paused = app.study.saved_quiz()
    if paused is not None:
        app.notify(
            f"A paused quiz is waiting ({paused.label.removeprefix('Resume ')}): answering here replaces it. "
            "Esc now, then Z, to go back to it instead.",
            severity="warning",
            timeout=8,
        )
    _show_quiz(app, session, title)
    return True


def _show_quiz(app: StudyHost, session: QuizSession, title: str) -> None:
    from ldn_tui.tui.screens.quiz import QuizScreen

    app.push_screen(QuizScreen(session, title=title), lambda summary: _quiz_done(app, summary, title))


def _quiz_done(app: StudyHost, summary: SessionSummary | None, title: str) -> None:
    """The quiz screen closed: show its summary, or (nothing answered) go back to studying."""
    if summary is None:
        after_quiz(app)
        return
    from ldn_tui.tui.screens.quiz_summary import QuizSummaryScreen

    app.push_screen(QuizSummaryScreen(summary, title=title), lambda request: _summary_done(app, request))


def _summary_done(app: StudyHost, request: QuizRequest | None) -> None:
    """The summary closed: review the missed questions now, or go back to studying."""
    if request is not None:
        session = build_or_notify(app, request, empty="Those questions are no longer in the content.")
        if session is not None:
            _show_quiz(app, session, "Review missed")
            return
    after_quiz(app)


def title_for(request: QuizRequest | QuizSession) -> str:
    if isinstance(request, QuizSession):
        mode, exam = request.selection.mode, request.exam
    else:
        mode, exam = request.selection.mode, request.style == "exam"
    if exam:
        return "Exam"
    return {
        "due": "Review",
        "missed": "Retry missed",
        "bookmarked": "Bookmarked",
        "flagged": "Flagged",
        "unused": "Unused",
    }.get(mode, "Quiz")


def start_request(app: StudyHost, request: QuizRequest) -> bool:
    """Start `request` with the title and empty-message its mode calls for (used by the CLI's quiz/review)."""
    empty = {
        "due": "Nothing is due for review right now.",
        "missed": "Nothing to retry: you have not missed any question last time you answered it.",
        "bookmarked": "No questions on bookmarked cards (b bookmarks a card).",
        "flagged": "No flagged questions: m flags one during a quiz.",
        "unused": "No unused questions left there: you have answered each one at least once.",
    }.get(request.selection.mode, "No questions match that choice.")
    return start_quiz(app, request, title=title_for(request), empty=empty)


def open_quiz_setup(app: StudyHost) -> None:
    if _quiz_open(app):
        return
    from ldn_tui.tui.screens.quiz_setup import QuizSetupScreen

    def chosen(request: QuizRequest | None) -> None:
        if request is None:
            return
        app.study.remember_quiz_setup(request)
        start_request(app, request)

    painted = pause_collection()  # collected once the dialog is on screen (tui/memory.py)
    try:
        app.push_screen(QuizSetupScreen(app.study, saved=app.study.saved_quiz_setup(), on_painted=painted), chosen)
    except BaseException:
        painted()
        raise


def resume_quiz(app: StudyHost) -> bool:
    """Open the paused quiz where it was; False (with a notification) if there is none."""
    if _quiz_open(app):
        return False
    from ldn_tui.quiz.saved import SavedQuizError

    try:
        restored = app.study.resume_quiz()
    except SavedQuizError as exc:
        app.notify(f"Cannot resume: {exc}.", severity="warning", timeout=6)
        return False
    if restored.dropped:
        app.notify(
            f"{restored.dropped} question(s) of the paused quiz are no longer in the content and were left out.",
            severity="warning",
            timeout=8,
        )
    _show_quiz(app, restored.session, title_for(restored.session))
    return True


def offer_resume(app: StudyHost) -> None:
    """From the Today screen: if a quiz was paused, ask whether to resume it (r), discard it (d) or
    leave it for later."""
    saved = app.study.saved_quiz()
    if saved is None:
        return
    from ldn_tui.tui.screens.quiz_dialogs import ResumeQuizDialog

    def chosen(choice: str | None) -> None:
        if choice == "resume":
            resume_quiz(app)
        elif choice == "discard":
            app.study.discard_saved_quiz()
            app.notify("The paused quiz was discarded (its answers stay in your progress).", timeout=4)

    app.push_screen(ResumeQuizDialog(saved.label, saved.answered), chosen)


def review_due(app: StudyHost) -> None:
    start_request(app, QuizRequest(Selection(mode="due")))


def retry_missed(app: StudyHost) -> None:
    start_request(app, QuizRequest(Selection(mode="missed")))


def open_stats(app: StudyHost) -> None:
    from ldn_tui.tui.screens.stats import StatsScreen

    if not isinstance(app.screen, StatsScreen):
        app.push_screen(StatsScreen())


def after_quiz(app: StudyHost) -> None:
    """Refresh what the study screen shows (due counts) once a quiz closes."""
    try:
        main = app.main_screen
    except LookupError:
        return
    refresh = getattr(main, "refresh_progress", None)
    if callable(refresh):
        refresh()
