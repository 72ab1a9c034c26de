"""The question-bank side of the study service: flags and the paused quiz to resume.

A mixin of `Study` (kept apart so the service module stays small): it uses the service's
store, writer, lock and content. Flags are read once and then kept in memory, like bookmarks;
toggling one updates that view at once and queues the write.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeVar

from ldn_tui.content.model import Content
from ldn_tui.progress.errors import StoreError
from ldn_tui.progress.store import ProgressStore
from ldn_tui.study.answers import QueuedLog
from ldn_tui.study.writer import Writer

if TYPE_CHECKING:  # the quiz modules load with the first quiz, not at start-up
    from ldn_tui.quiz.saved import Restored, SavedQuiz

T = TypeVar("T")

#: As `service.READ_WAIT_SECONDS`: how long a read waits for queued writes.
_READ_WAIT_SECONDS = 1.0


class QuizBank:
    content: Content
    _store: ProgressStore
    writer: Writer
    _lock: threading.RLock
    _flags: set[str] | None = None

    def flush(self, timeout: float | None = None) -> bool:
        raise NotImplementedError

    def _write(self, label: str, fn: Callable[[], T]) -> None:
        raise NotImplementedError

    # -- flags -----------------------------------------------------------------------------------

    def _load_flags(self) -> set[str]:
        if self._flags is None:
            try:
                self._flags = self._store.flagged_uids()
            except StoreError:
                self._flags = set()
        return self._flags

    def flagged(self) -> set[str]:
        with self._lock:
            return set(self._load_flags())

    def is_flagged(self, question_uid: str) -> bool:
        with self._lock:
            return question_uid in self._load_flags()

    def toggle_flag(self, question_uid: str) -> bool:
        """Flag a question ("come back to this") or clear its flag; return whether it is flagged."""
        with self._lock:
            flags = self._load_flags()
            on = question_uid not in flags
            (flags.add if on else flags.discard)(question_uid)
        self._write(
            f"the flag on {question_uid}", lambda: self._store.set_flag(question_uid, on, now=self._store.now())
        )
        return on

    # -- the paused quiz ---------------------------------------------------------------------------

    def _saved_state(self) -> dict[str, Any] | None:
        self.flush(_READ_WAIT_SECONDS)
        try:
            return self._store.saved_quiz_state()
        except StoreError:
            return None

    def saved_quiz(self) -> SavedQuiz | None:
        """The paused quiz, for "Resume quiz (12 of 20)"; None if there is none (or it is unreadable)."""
        state = self._saved_state()
        if state is None:
            return None
        from ldn_tui.quiz.saved import SavedQuizError, describe

        try:
            return describe(state)
        except SavedQuizError:
            return None

    def resume_quiz(self) -> Restored:
        """The paused quiz, rebuilt where it was; raises `SavedQuizError` (a sentence) if it cannot be."""
        from ldn_tui.quiz.saved import SavedQuizError, restore

        state = self._saved_state()
        if state is None:
            raise SavedQuizError("there is no paused quiz to resume")
        return restore(self.content, state, QueuedLog(self._store, self.writer))

    def discard_saved_quiz(self) -> None:
        self._write("forgetting the paused quiz", lambda: self._store.clear_saved_quiz())
