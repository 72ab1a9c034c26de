"""Where a quiz session's answers go: the `AnswerLog` port, and `StoreLog`, which writes at once.

The engine grades and schedules; it does not decide how or when an answer reaches the disk.
`StoreLog` writes each answer to a `ProgressStore` before returning (tests, scripts). The study
service hands sessions its own log, which queues the same writes on its single writer thread so
a slow or locked database never holds up the keypress that answered (see `ldn_tui.study`).
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Protocol

from ldn_tui.progress.errors import StoreError
from ldn_tui.progress.rows import ScheduleRow
from ldn_tui.progress.store import ProgressStore


@dataclass(eq=False)
class SessionInfo:
    """A quiz session as the store keeps it. Compared by identity: one object per session."""

    mode: str
    selection: dict[str, Any]
    started_at: datetime
    #: The store's id for the session, once its first answer has been written.
    session_id: int | None = field(default=None)
    #: Names this session's saved (resumable) state, so ending it clears only its own.
    token: str = field(default_factory=lambda: uuid.uuid4().hex)


@dataclass(frozen=True)
class AttemptRecord:
    """One answer and the question's next review, to be saved together."""

    question_uid: str
    card_id: str
    content_hash: str
    answer: Any
    score: float
    confidence: str | None
    elapsed_ms: int | None
    generated: bool
    answered_at: datetime
    schedule: ScheduleRow


class AnswerLog(Protocol):
    """What a `QuizSession` needs to save its answers."""

    @property
    def notice(self) -> str | None:
        """A sentence for the student when answers are not being saved (else None)."""
        ...

    def now(self) -> datetime: ...

    def schedules(self, uids: Iterable[str]) -> dict[str, ScheduleRow]:
        """The current schedule rows of these questions (those that have one)."""
        ...

    def record(self, session: SessionInfo, attempt: AttemptRecord) -> None:
        """Save an answer (starting the session in the store on its first answer)."""
        ...

    def end(self, session: SessionInfo, at: datetime) -> None:
        """Mark the session finished (nothing to do if it never saved an answer); it is no
        longer one to resume."""
        ...

    def checkpoint(self, session: SessionInfo, state: dict[str, Any]) -> None:
        """Keep `state` (see `quiz.saved`) as the quiz to resume."""
        ...

    def discard(self, session: SessionInfo) -> None:
        """Forget this session's saved state (it was left with nothing answered)."""
        ...


def write_attempt(store: ProgressStore, session: SessionInfo, attempt: AttemptRecord) -> int:
    """Save `attempt` (and start `session` in the store if this is its first answer)."""
    if session.session_id is None:
        session.session_id = store.start_session(session.mode, session.selection, now=session.started_at)
    return store.record_attempt(
        attempt.question_uid,
        card_id=attempt.card_id,
        content_hash=attempt.content_hash,
        answer=attempt.answer,
        score=attempt.score,
        confidence=attempt.confidence,
        elapsed_ms=attempt.elapsed_ms,
        session_id=session.session_id,
        generated=attempt.generated,
        now=attempt.answered_at,
        schedule=attempt.schedule,
    )


def write_end(store: ProgressStore, session: SessionInfo, at: datetime) -> None:
    if session.session_id is not None:
        store.finish_session(session.session_id, now=at)
    store.clear_saved_quiz(session.token)


def write_checkpoint(store: ProgressStore, session: SessionInfo, state: dict[str, Any]) -> None:
    """Save `state` with the session's id as it is *now* (set by the first answer's write)."""
    store.save_quiz_state(state | {"session_id": session.session_id, "token": session.token})


class StoreLog:
    """An `AnswerLog` that writes to the store before returning; a failed write becomes `notice`."""

    def __init__(self, store: ProgressStore) -> None:
        self.store = store
        self._notice: str | None = None

    @property
    def notice(self) -> str | None:
        return self._notice or self.store.notice

    def now(self) -> datetime:
        return self.store.now()

    def schedules(self, uids: Iterable[str]) -> dict[str, ScheduleRow]:
        wanted = set(uids)
        try:
            return {row.question_uid: row for row in self.store.schedule_rows() if row.question_uid in wanted}
        except StoreError as exc:
            self._notice = f"Your review schedule could not be read: {exc}"
            return {}

    def record(self, session: SessionInfo, attempt: AttemptRecord) -> None:
        try:
            write_attempt(self.store, session, attempt)
        except StoreError as exc:
            self._notice = f"This answer was not saved: {exc}"

    def end(self, session: SessionInfo, at: datetime) -> None:
        try:
            write_end(self.store, session, at)
        except StoreError as exc:
            self._notice = f"The session's end was not saved: {exc}"

    def checkpoint(self, session: SessionInfo, state: dict[str, Any]) -> None:
        try:
            write_checkpoint(self.store, session, state)
        except StoreError as exc:
            self._notice = f"Where you are in this quiz was not saved: {exc}"

    def discard(self, session: SessionInfo) -> None:
        try:
            self.store.clear_saved_quiz(session.token)
        except StoreError:
            pass
