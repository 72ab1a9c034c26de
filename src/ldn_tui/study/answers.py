"""The study service's `AnswerLog`: a quiz's answers are queued on the single writer.

The session keeps its own copy of the schedule rows it needs (read when it is built), so neither
grading nor scheduling an answer waits for the database.
"""

from __future__ import annotations

from collections.abc import Iterable
from concurrent.futures import Future
from datetime import datetime
from typing import Any

from ldn_tui.progress.errors import StoreError
from ldn_tui.progress.rows import ScheduleRow
from ldn_tui.progress.store import ProgressStore
from ldn_tui.quiz.recording import AttemptRecord, SessionInfo, write_attempt, write_checkpoint, write_end
from ldn_tui.study.writer import Writer


class QueuedLog:
    """An `AnswerLog` whose writes go through `writer`; failures surface as `notice`."""

    def __init__(self, store: ProgressStore, writer: Writer) -> None:
        self._store = store
        self._writer = writer
        self._notice: str | None = None

    @property
    def notice(self) -> str | None:
        return self._notice or self._store.notice

    def now(self) -> datetime:
        return self._store.now()

    def schedules(self, uids: Iterable[str]) -> dict[str, ScheduleRow]:
        wanted = set(uids)
        try:
            return {row.question_uid: row for row in self._store.schedule_rows() if row.question_uid in wanted}
        except StoreError as exc:
            self._notice = f"Your review schedule could not be read: {exc}"
            return {}

    def record(self, session: SessionInfo, attempt: AttemptRecord) -> None:
        future = self._writer.submit(
            f"your answer to {attempt.question_uid}", lambda: write_attempt(self._store, session, attempt)
        )
        future.add_done_callback(self._note_failure)

    def end(self, session: SessionInfo, at: datetime) -> None:
        self._writer.submit("the end of the quiz session", lambda: write_end(self._store, session, at))

    def checkpoint(self, session: SessionInfo, state: dict[str, Any]) -> None:
        self._writer.submit("where you are in the quiz", lambda: write_checkpoint(self._store, session, state))

    def discard(self, session: SessionInfo) -> None:
        self._writer.submit("forgetting an empty quiz", lambda: self._store.clear_saved_quiz(session.token))

    def _note_failure(self, future: Future[int]) -> None:
        exc = future.exception()
        if exc is not None:
            self._notice = f"An answer was not saved: {exc}"
