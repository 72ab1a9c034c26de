"""The quiz engine: choose questions, present them shuffled, grade, record, summarise.

Plain Python, no Textual. A screen builds a session and drives it:

    session = build_session(content, Selection(chapters=("evidence",)), store, count=10)
    while (item := session.current) is not None:
        ...show item.prompt and item.choices / item.items...
        grade = session.submit(response, confidence="unsure", elapsed_ms=4200)
        ...show grade...
        session.next()
    summary = session.finish()

Responses to `submit` use what was *shown*: for single/multiple an int is a position in
`item.choices`, for order a position in `item.items`; texts are accepted too (choice or item
text). True-false takes a bool, cloze a str. Each answer is written to the store (with the
question's next schedule) before `submit` returns.
"""

from __future__ import annotations

from ldn_tui.progress.rows import CONFIDENCE
from ldn_tui.quiz.building import QuizRequest, available_count, build_session, candidates
from ldn_tui.quiz.items import (
    MODES,
    Answered,
    QuizError,
    QuizItem,
    Selection,
    SessionProgress,
    SessionSummary,
    Tally,
)
from ldn_tui.quiz.session import QuizSession

__all__ = [
    "CONFIDENCE",
    "MODES",
    "Answered",
    "QuizError",
    "QuizItem",
    "QuizRequest",
    "QuizSession",
    "Selection",
    "SessionProgress",
    "SessionSummary",
    "Tally",
    "available_count",
    "build_session",
    "candidates",
]
