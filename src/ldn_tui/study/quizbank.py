"""The question-bank side of the study service: flags, the paused quiz to resume, and what the
quiz setup dialog offers and counts.

A mixin of `Study` (kept apart so the service module stays small): it uses the service's
store, writer, lock and content. Flags are read once and then kept in memory, like bookmarks;
toggling one updates that view at once and queues the write.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import replace
from datetime import datetime
from typing import TYPE_CHECKING, Any, TypeVar

from ldn_tui.content.model import Content
from ldn_tui.progress.errors import StoreError
from ldn_tui.progress.store import ProgressStore
from ldn_tui.study.answers import QueuedLog
from ldn_tui.study.writer import Writer

if TYPE_CHECKING:  # the quiz modules load with the first quiz or setup dialog, not at start-up
    from ldn_tui.quiz.engine import Selection
    from ldn_tui.quiz.saved import Restored, SavedQuiz
    from ldn_tui.study.quizsetup import QuizSetupCounts, QuizSetupOptions

T = TypeVar("T")

#: As `service.READ_WAIT_SECONDS`: how long a read waits for queued writes.
_READ_WAIT_SECONDS = 1.0

#: Held while the generated questions are built, so that threads needing them wait for one build
#: (seconds at 10,000 cards) instead of each doing its own at the same time.
_BUILD_LOCK = threading.Lock()


class QuizBank:
    content: Content
    _store: ProgressStore
    writer: Writer
    _lock: threading.RLock
    _flags: set[str] | None = None
    _setup_options: QuizSetupOptions | None = None
    _setup_counts: QuizSetupCounts | None = None

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

    # -- the quiz setup dialog ---------------------------------------------------------------------

    def due_counts_by_chapter(self, now: datetime | None = None) -> dict[str, int]:
        raise NotImplementedError

    def quiz_setup_options(self) -> QuizSetupOptions:
        """What the setup dialog offers, in order; cheap enough for the UI thread (a few ms at
        10,000 cards, then kept: the content does not change while the app runs)."""
        from ldn_tui.study.quizsetup import setup_options

        options = self._setup_options
        if options is None:
            options = self._setup_options = setup_options(self.content)
        return options

    def build_question_bank(self) -> None:
        """Build the generated questions if no one has yet (seconds at 10,000 cards; then kept
        with the content). Threads calling it at once wait for the one build."""
        from ldn_tui.content.generated import generated_questions

        with _BUILD_LOCK:
            generated_questions(self.content)

    def quiz_sizes(self, selection: Selection, now: datetime | None = None) -> tuple[int, int]:
        """(all, authored): the questions matching `selection` with the generated ones, and the
        authored ones among them (`quiz_size` of each, in one pass). ValueError like `quiz_size`."""
        from ldn_tui.quiz.building import available_split

        self.flush(_READ_WAIT_SECONDS)
        return available_split(self.content, selection, self._store, now=now)

    def quiz_setup_counts(self, now: datetime | None = None) -> QuizSetupCounts:
        """How many questions each option of the dialog holds, and what is due per chapter.

        Slow at 10,000 cards the first time (it builds every generated question): call it off
        the UI thread. The counts over the content are kept; the due counts are read each time."""
        from ldn_tui.study.quizsetup import setup_counts

        counts = self._setup_counts
        if counts is None:
            self.build_question_bank()
            counts = self._setup_counts = setup_counts(self.content)
            return replace(counts, due=self.due_counts_by_chapter(now), built=True)
        return replace(counts, due=self.due_counts_by_chapter(now))
