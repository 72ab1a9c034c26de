"""`Study`: the one object the screens and the CLI commands talk to.

It owns the loaded content, the progress store, the review scheduler, the writer thread and the
quiz sessions, and answers the questions a screen asks ("what is due", "mark this card read",
"toggle this bookmark", "start a quiz from this request"). Plain Python, no Textual: the app
presents what it returns, and a CLI command calls the same methods, so the two cannot drift.

Writes never block the caller: the service updates its in-memory view at once (so the next
read sees the change) and queues the write on its single `Writer`. Reads of card state
(views, bookmarks, notes, settings) come from that view, loaded from the store on first use.
Reads that need the whole schedule or every attempt (due counts, quiz pools, stats) first wait
for the queue to drain, up to `READ_WAIT_SECONDS`, so they include what the student just did;
exports wait for every queued write.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from ldn_tui.content.model import Content
from ldn_tui.progress.backup import AUTO_EVERY_MINUTES, Backup
from ldn_tui.progress.errors import CannotSuspend, StoreError
from ldn_tui.progress.store import ProgressStore
from ldn_tui.study.answers import QueuedLog
from ldn_tui.study.cards import CardMarks, MarkedCard
from ldn_tui.study.daily import DailyMixin
from ldn_tui.study.quizbank import QuizBank
from ldn_tui.study.writer import Writer

if TYPE_CHECKING:  # the quiz engine and the scheduler load with the first quiz or due count, not at start-up
    from ldn_tui.export import ExportResult
    from ldn_tui.export.jsonimport import ImportResult
    from ldn_tui.progress.stats import Overview
    from ldn_tui.quiz.engine import QuizRequest, QuizSession

__all__ = ["CannotSuspend", "MarkedCard", "Study", "StudyError"]

T = TypeVar("T")

#: How long a read that needs the whole schedule or every answer waits for queued writes before
#: it reads what is on disk (a write held up by another process's lock must not hold up a screen).
READ_WAIT_SECONDS = 1.0

#: Where the quiz setup dialog remembers the last choices.
QUIZ_SETUP_SETTING = "quiz_setup"


def open_store(path: Path | str | None = None) -> ProgressStore:
    """The one way every entry point (the app, quiz, review, stats, export, import, backup,
    doctor) opens the progress file, so they all react to damage the same way: a damaged file
    is kept aside and rebuilt from its readable rows or the newest good backup (`store.damage`,
    `store.notice`); an unwritable one opens read-only. Raises `StoreError` when the file is
    locked during a migration or was written by a newer version."""
    return ProgressStore.open(path)


class StudyError(Exception):
    """A request the service cannot carry out; `str()` is a sentence for the student."""


class Study(CardMarks, DailyMixin, QuizBank):
    """Content + progress, behind one set of questions and commands. See the module docstring.

    Reading to the end and today's queue are in `DailyMixin` (study/daily.py); flags, pools and the
    paused quiz in `QuizBank` (study/quizbank.py)."""

    def __init__(
        self,
        content: Content,
        store: ProgressStore,
        *,
        writer: Writer | None = None,
        owns_store: bool = False,
    ) -> None:
        self.content = content
        self._store = store
        self.writer = writer if writer is not None else Writer(background=False)
        self._owns_store = owns_store
        self._lock = threading.RLock()
        self._viewed: set[str] | None = None
        self._bookmarked: set[str] | None = None
        self._notes: dict[str, str] | None = None
        self._settings: dict[str, Any] = {}
        self._suspended: dict[str, bool] = {}
        #: Take automatic backups (every `AUTO_EVERY_MINUTES` of use and on a clean exit).
        self.auto_backup = False
        self._last_backup = time.monotonic()
        self._wrote = False

    @classmethod
    def open(
        cls,
        content: Content,
        *,
        path: Path | str | None = None,
        background: bool = True,
        on_error: Callable[[str, BaseException], None] | None = None,
        on_status: Callable[[str | None], None] | None = None,
    ) -> Study:
        """Open the student's progress (or `path`) for `content`.

        A store that cannot be opened (locked, newer schema) gives a memory-only store whose
        `notice` says why; nothing here raises for a damaged or unwritable file.
        """
        try:
            store = open_store(path)
        except StoreError as exc:
            store = ProgressStore.in_memory(notice=f"{exc} Bookmarks and notes will not be saved this session.")
        writer = Writer(background=background, on_error=on_error, on_status=on_status)
        study = cls(content, store, writer=writer, owns_store=True)
        study.auto_backup = background  # the app: a backup every so often and on a clean exit
        return study

    @classmethod
    def open_for_command(cls, content: Content, *, path: Path | str | None = None) -> Study:
        """Open the student's progress for a one-off CLI command: writes run in the caller's
        thread, and a store that cannot be opened raises `StudyError` (the command says why and
        exits) instead of falling back to memory."""
        try:
            store = open_store(path)
        except StoreError as exc:
            raise StudyError(str(exc)) from exc
        return cls(content, store, writer=Writer(background=False), owns_store=True)

    # -- state of the store ---------------------------------------------------------------------

    @property
    def notice(self) -> str | None:
        """A sentence for the student when something about saving is unusual, else None."""
        return self._store.notice

    @property
    def damage(self) -> str | None:
        """When the progress file was found damaged at open and rebuilt: the one message saying
        what was kept, what was lost and where the damaged copy is; else None."""
        if self._store.damaged_copy is None:
            return None
        return self._store.notice

    @property
    def read_only(self) -> bool:
        """True when nothing is being saved to disk this session."""
        return self._store.read_only

    @property
    def database_path(self) -> Path | None:
        return self._store.path

    @property
    def progress_store(self) -> ProgressStore:
        """The store itself, for tests and diagnostics. Screens use the methods above instead;
        anything read here may not yet include writes still queued (call `flush()` first)."""
        return self._store

    def flush(self, timeout: float | None = None) -> bool:
        """Wait for every queued write; False if `timeout` ran out first."""
        return self.writer.flush(timeout)

    def close(self, timeout: float | None = None) -> list[str]:
        """Finish queued writes and close the store; return what could not be saved.

        Waits (by default) for the writer's whole retry window plus a little, so a write held
        up by another copy's lock is either saved or named in the returned list."""
        if timeout is None:
            timeout = self.writer.retry_for + 5
        if self.auto_backup and self._wrote and not self.read_only:
            self._write("a backup of your progress", self._backup)
        unsaved = self.writer.close(timeout)
        if self._owns_store:
            self._store.close()
        return unsaved

    def _write(self, label: str, fn: Callable[[], T]) -> None:
        self.writer.submit(label, fn)
        self._wrote = True
        if self.auto_backup and time.monotonic() - self._last_backup >= AUTO_EVERY_MINUTES * 60:
            self._last_backup = time.monotonic()
            self.writer.submit("a backup of your progress", self._backup)

    def _backup(self) -> Backup | None:
        if self.read_only or self._store.path is None:
            return None
        return self._store.create_backup()

    def create_backup(self) -> Backup:
        """Back up the progress file now (after every queued write). Raises `StudyError`."""
        self.flush()
        if self.read_only or self._store.path is None:
            raise StudyError(f"Nothing to back up: progress is not being saved. {self.notice or ''}".strip())
        try:
            return self.writer.submit("a backup of your progress", self._store.create_backup).result()
        except StoreError as exc:
            raise StudyError(str(exc)) from exc

    # -- settings -------------------------------------------------------------------------------

    def setting(self, key: str, default: Any = None) -> Any:
        with self._lock:
            if key not in self._settings:
                try:
                    self._settings[key] = self._store.get_setting(key, None)
                except StoreError:
                    return default
            value = self._settings[key]
        return default if value is None else value

    def set_setting(self, key: str, value: Any) -> None:
        with self._lock:
            self._settings[key] = value
        self._write(f"the setting {key!r}", lambda: self._store.set_setting(key, value))

    def last_card(self) -> str | None:
        """The card the student was reading when they last left, if it is still in the content."""
        last = self.setting("last_card")
        return last if isinstance(last, str) and last in self.content.card_by_id else None

    # -- review ---------------------------------------------------------------------------------

    def due_counts_by_chapter(self, now: datetime | None = None) -> dict[str, int]:
        """chapter id -> questions due now (every chapter present, 0 if none)."""
        from ldn_tui.progress import scheduler as schedule_rules

        self.flush(READ_WAIT_SECONDS)
        return schedule_rules.due_counts_by_chapter(self.content, self._store, now)

    def due_count(self, now: datetime | None = None) -> int:
        return sum(self.due_counts_by_chapter(now).values())

    def next_due(self, now: datetime | None = None) -> datetime | None:
        from ldn_tui.progress import scheduler as schedule_rules

        self.flush(READ_WAIT_SECONDS)
        return schedule_rules.next_due(self.content, self._store, now)

    def has_answers(self) -> bool:
        """Whether the student has ever answered a question."""
        self.flush(READ_WAIT_SECONDS)
        try:
            return bool(self._store.attempts(limit=1))
        except StoreError:
            return False

    def is_suspended(self, question_uid: str) -> bool:
        with self._lock:
            if question_uid in self._suspended:
                return self._suspended[question_uid]
        try:
            row = self._store.get_schedule(question_uid)
        except StoreError:
            return False
        return row is not None and row.suspended

    def toggle_suspended(self, question_uid: str) -> bool:
        """Suspend a question, or put it back in review; return whether it is suspended now.

        Raises `CannotSuspend` for a safety question (they always stay in review, at least
        monthly) and `KeyError` for a uid that is not in the content.
        """
        from ldn_tui.progress import scheduler as schedule_rules

        card = self.content.card_by_id.get(question_uid.rsplit("/", 1)[0])
        if card is None:
            raise KeyError(question_uid)
        suspended = not self.is_suspended(question_uid)
        if suspended and card.kind == schedule_rules.SAFETY_KIND:
            raise CannotSuspend(f"{question_uid} is on a safety card; safety questions always stay in review.")
        with self._lock:
            self._suspended[question_uid] = suspended
        self._write(
            f"{'suspending' if suspended else 'un-suspending'} {question_uid}",
            lambda: schedule_rules.suspend(self.content, self._store, question_uid, suspended),
        )
        return suspended

    # -- quizzes --------------------------------------------------------------------------------

    def new_quiz(self, request: QuizRequest, *, now: datetime | None = None) -> QuizSession:
        """A session for `request`; its answers go through the writer. Raises ValueError for an
        unknown chapter or label (the message lists the known ones)."""
        self.flush(READ_WAIT_SECONDS)
        return request.build(self.content, self._store, now=now, log=QueuedLog(self._store, self.writer))

    def quiz_size(self, request: QuizRequest, *, now: datetime | None = None) -> int:
        """How many questions a session for `request` would hold (ValueError like `new_quiz`)."""
        self.flush(READ_WAIT_SECONDS)
        return request.available(self.content, self._store, now=now)

    def saved_quiz_setup(self) -> dict[str, Any] | None:
        saved = self.setting(QUIZ_SETUP_SETTING)
        return saved if isinstance(saved, dict) else None

    def remember_quiz_setup(self, request: QuizRequest) -> None:
        """Keep the dialog's choices for next time: the selection, how many, tutor or exam and
        the exam's time limit (seconds)."""
        remembered = {"count": request.count, "style": request.style, "time_limit": request.time_limit}
        self.set_setting(QUIZ_SETUP_SETTING, request.selection.to_dict() | remembered)

    # -- statistics and exports -----------------------------------------------------------------

    def overview(self, *, days: int = 14, now: datetime | None = None) -> Overview:
        from ldn_tui.progress.stats import overview

        self.flush(READ_WAIT_SECONDS)
        return overview(self.content, self._store, days=days, now=now)

    def import_backup(self, checked: dict[str, Any], *, force: bool = False, dry_run: bool = False) -> ImportResult:
        """Restore a checked JSON export (`export.jsonio.read_export`) into the progress store,
        in one transaction (all or nothing). `dry_run` reports what it would do and changes
        nothing. A store that already holds progress is backed up first."""
        from ldn_tui.export.jsonimport import import_data, progress_rows

        self.flush()
        with self._lock:  # what the service had read is stale once the import lands
            self._viewed = self._bookmarked = self._notes = self._flags = None
            self._settings.clear()
            self._suspended.clear()
        if not dry_run and not self.read_only and self._store.path is not None and progress_rows(self._store):
            self.create_backup()
        return self.writer.submit(
            "the import", lambda: import_data(self._store, checked, force=force, dry_run=dry_run)
        ).result()

    def export(self, fmt: str, **options: Any) -> ExportResult:
        """Write an export (see `ldn_tui.export.export`) including everything done so far."""
        from ldn_tui.export import export

        self.flush()
        return export(self.content, self._store, fmt, **options)
