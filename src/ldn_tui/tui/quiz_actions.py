"""What the quiz commands in the command table do (each takes the app).

Kept apart from `commands.py` (which is imported by the app and by every screen) so the quiz
screens load only when a quiz command first runs.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ldn_tui.quiz.engine import QuizRequest, QuizSession, Selection

if TYPE_CHECKING:
    from ldn_tui.tui.app import StudyApp

#: Where the setup dialog remembers the last choices (a JSON value in the store's settings).
SETUP_SETTING = "quiz_setup"


def _quiz_open(app: StudyApp) -> bool:
    from ldn_tui.tui.screens.quiz import QuizScreen
    from ldn_tui.tui.screens.quiz_summary import QuizSummaryScreen

    if any(isinstance(s, (QuizScreen, QuizSummaryScreen)) for s in app.screen_stack):
        app.notify("A quiz is already open: finish it (or Esc) first.", severity="warning", timeout=3)
        return True
    return False


def build_or_notify(app: StudyApp, request: QuizRequest, *, empty: str) -> QuizSession | None:
    """The session for `request`, or None (with a notification) if it is empty or invalid."""
    try:
        session = request.build(app.content, app.store)
    except ValueError as exc:
        app.notify(str(exc), severity="error")
        return None
    if not session.items:
        app.notify(empty, timeout=5)
        return None
    return session


def start_quiz(app: StudyApp, request: QuizRequest, *, title: str = "Quiz",
               empty: str = "No questions match that choice.") -> bool:
    """Open the quiz screen on a new session; False (with a notification) if there is nothing to ask."""
    if _quiz_open(app):
        return False
    session = build_or_notify(app, request, empty=empty)
    if session is None:
        return False
    from ldn_tui.tui.screens.quiz import QuizScreen

    app.push_screen(QuizScreen(session, title=title))
    return True


def title_for(request: QuizRequest) -> str:
    return {"due": "Review", "missed": "Retry missed", "bookmarked": "Bookmarked"}.get(request.selection.mode, "Quiz")


def start_request(app: StudyApp, request: QuizRequest) -> bool:
    """Start `request` with the title and empty-message its mode calls for (used by the CLI's quiz/review)."""
    empty = {
        "due": "Nothing is due for review right now.",
        "missed": "Nothing to retry: you have not missed any question last time you answered it.",
        "bookmarked": "No questions on bookmarked cards (b bookmarks a card).",
    }.get(request.selection.mode, "No questions match that choice.")
    return start_quiz(app, request, title=title_for(request), empty=empty)


def open_quiz_setup(app: StudyApp) -> None:
    if _quiz_open(app):
        return
    from ldn_tui.tui.screens.quiz_setup import QuizSetupScreen

    saved = app.store.get_setting(SETUP_SETTING)

    def chosen(request: QuizRequest | None) -> None:
        if request is None:
            return
        app.store.set_setting(SETUP_SETTING, request.selection.to_dict() | {"count": request.count})
        start_request(app, request)

    app.push_screen(QuizSetupScreen(app.content, app.store, saved=saved if isinstance(saved, dict) else None), chosen)


def review_due(app: StudyApp) -> None:
    start_request(app, QuizRequest(Selection(mode="due")))


def retry_missed(app: StudyApp) -> None:
    start_request(app, QuizRequest(Selection(mode="missed")))


def open_stats(app: StudyApp) -> None:
    from ldn_tui.tui.screens.stats import StatsScreen

    if not isinstance(app.screen, StatsScreen):
        app.push_screen(StatsScreen())


def after_quiz(app: StudyApp) -> None:
    """Refresh what the study screen shows from the store (due counts) once a quiz closes."""
    try:
        main = app.main_screen
    except LookupError:
        return
    refresh = getattr(main, "refresh_progress", None)
    if callable(refresh):
        refresh()
