"""A quiz in progress as plain JSON, and the session rebuilt from it (pause/resume, kill -9).

`state_of(session)` is what `QuizSession` checkpoints after every answer and move: the request
(pool, filters, style, time limit), each item by uid with the order its choices and items were
shown in, the position, every response given (in shown positions, as the screen gave them) and
the time used. `restore` rebuilds the same items in the same order and shuffle; in tutor mode
the answers already recorded are re-graded for the screen but not recorded again; in an exam
the answers are still drafts and the clock carries on from the time used.

A question that has left the content since is dropped with its answer (`Restored.dropped`).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ldn_tui.content.hashing import question_hash
from ldn_tui.content.model import Content
from ldn_tui.progress.times import parse_iso, utc
from ldn_tui.quiz.building import _Candidate, candidates
from ldn_tui.quiz.grading import InvalidResponse, grade
from ldn_tui.quiz.items import STYLES, Answered, QuizItem, Selection
from ldn_tui.quiz.recording import AnswerLog
from ldn_tui.quiz.session import STATE_VERSION, QuizSession


class SavedQuizError(ValueError):
    """A saved quiz that cannot be resumed; `str()` says why, for the student."""


def state_of(session: QuizSession) -> dict[str, Any]:
    """What a session checkpoints (see `QuizSession.state`)."""
    return session.state()


@dataclass(frozen=True)
class SavedQuiz:
    """What the start screen and `quiz --resume` say about a saved quiz."""

    style: str
    position: int  # 1-based question the student was on
    total: int
    answered: int
    remaining_seconds: float | None

    @property
    def label(self) -> str:
        """ "Resume quiz (12 of 20)" / "Resume exam (3 of 10, 12 min left)"."""
        what = "exam" if self.style == "exam" else "quiz"
        left = f", {int(self.remaining_seconds // 60)} min left" if self.remaining_seconds is not None else ""
        return f"Resume {what} ({self.position} of {self.total}{left})"


def describe(state: dict[str, Any]) -> SavedQuiz:
    """A summary of a saved state, without the content (raises SavedQuizError if malformed)."""
    try:
        items = state["items"]
        total = len(items)
        limit = state.get("time_limit")
        remaining = None if limit is None else max(0.0, float(limit) - int(state.get("used_ms", 0)) / 1000)
        return SavedQuiz(
            style=str(state.get("style", "tutor")),
            position=min(int(state.get("index", 0)), max(0, total - 1)) + 1,
            total=total,
            answered=len(state.get("responses", {})),
            remaining_seconds=remaining,
        )
    except (KeyError, TypeError, ValueError) as exc:
        raise SavedQuizError(f"the saved quiz cannot be read ({exc})") from exc


def _item(c: _Candidate, choices: list[int], order: list[int]) -> QuizItem | None:
    q = c.question
    if q.type in ("single", "multiple"):
        if sorted(choices) != list(range(len(q.choices))):
            return None
        return QuizItem(
            q,
            c.card,
            c.chapter,
            question_hash(q),
            c.generated,
            c.claim,
            choices=tuple(q.choices[i] for i in choices),
            choice_order=tuple(choices),
        )
    if q.type == "order":
        if sorted(order) != list(range(len(q.items))):
            return None
        return QuizItem(
            q,
            c.card,
            c.chapter,
            question_hash(q),
            c.generated,
            c.claim,
            items=tuple(q.items[i] for i in order),
            item_order=tuple(order),
        )
    return QuizItem(q, c.card, c.chapter, question_hash(q), c.generated, c.claim)


@dataclass
class Restored:
    session: QuizSession
    dropped: int  # questions no longer in the content (or changed shape), left out


def restore(content: Content, state: dict[str, Any], log: AnswerLog) -> Restored:
    """Rebuild the session `state` describes, answers and position included.

    Raises `SavedQuizError` when the state is unreadable, of another version, or has no
    question left in the content.
    """
    if state.get("version") != STATE_VERSION:
        raise SavedQuizError("the saved quiz was written by another version of ldn-study")
    try:
        selection = Selection.from_dict(dict(state.get("selection") or {}))
        style = str(state.get("style", "tutor"))
        if style not in STYLES:
            raise ValueError(f"unknown mode {style!r}")
        by_uid = {c.question.uid: c for c in candidates(content, Selection())}
        items: list[QuizItem] = []
        old_index: list[int] = []
        for n, saved in enumerate(state["items"]):
            c = by_uid.get(saved["uid"])
            item = _item(c, list(saved.get("choices", [])), list(saved.get("items", []))) if c else None
            if item is not None:
                items.append(item)
                old_index.append(n)
        if not items:
            raise SavedQuizError("none of the saved quiz's questions are in the content any more")
        new_of = {old: new for new, old in enumerate(old_index)}
        session = QuizSession(content, log, items, selection, seed=int(state.get("seed", 0)))
        session.set_style(style, state.get("time_limit"))
        session.started_at = parse_iso(state["started_at"])
        session.info.started_at = session.started_at
        session.info.token = str(state.get("token") or session.info.token)
        sid = state.get("session_id")
        session.info.session_id = sid if isinstance(sid, int) else None
        session.used_ms = int(state.get("used_ms", 0))
        session.time_on = {
            new_of[int(k)]: int(v) for k, v in dict(state.get("time_on", {})).items() if int(k) in new_of
        }
        for key, given in dict(state.get("responses", {})).items():
            index = new_of.get(int(key))
            if index is None:
                continue
            response, confidence = given.get("response"), given.get("confidence")
            item = items[index]
            try:
                result = grade(item.question, item.to_authored(response), card=item.card)
            except InvalidResponse:
                continue  # the question changed under the answer: ask it again
            session.responses[index] = (response, confidence)
            if style == "tutor":
                at = parse_iso(given.get("answered_at")) or session.started_at
                session.answers[index] = Answered(item, result, confidence, given.get("elapsed_ms"), utc(at))
        saved_index = int(state.get("index", 0))
        later = [new for old, new in new_of.items() if old >= saved_index]
        session.index = min(later) if later else len(items) - 1
    except (KeyError, TypeError, ValueError) as exc:
        if isinstance(exc, SavedQuizError):
            raise
        raise SavedQuizError(f"the saved quiz cannot be read ({exc})") from exc
    return Restored(session, len(state["items"]) - len(items))
