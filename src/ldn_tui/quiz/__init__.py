"""Quiz mode's core: question selection, presentation order, grading, generated questions.

No Textual here. See `quiz.engine` for the session API and `quiz.grading` for the scoring rules.
"""

from ldn_tui.quiz.engine import (
    MODES,
    Answered,
    QuizError,
    QuizItem,
    QuizSession,
    Selection,
    SessionProgress,
    SessionSummary,
    Tally,
    build_session,
)
from ldn_tui.quiz.grading import Grade, InvalidResponse, grade

__all__ = [
    "MODES",
    "Answered",
    "Grade",
    "InvalidResponse",
    "QuizError",
    "QuizItem",
    "QuizSession",
    "Selection",
    "SessionProgress",
    "SessionSummary",
    "Tally",
    "build_session",
    "grade",
]
