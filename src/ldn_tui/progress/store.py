"""The progress store: one SQLite file holding everything a student does.

Design points:

- **Nothing is lost when the process dies.** The connection is in autocommit mode and every
  public write is one short transaction that commits before the method returns. WAL journal
  with `synchronous=FULL`, so a SIGKILL, a closed terminal or a power cut loses nothing
  already answered.
- **Faults never crash the app.**
  - A damaged file (not a database, malformed, failed `quick_check`) is renamed to
    `progress.sqlite3.corrupt-YYYYmmdd-HHMMSS` (kept, never deleted) and a fresh file started;
    `store.notice` says where the old one went.
  - A file locked by another process raises `StoreLocked`, whose message names the file and
    says another copy of ldn-study seems to be running.
  - A data folder that cannot be written opens an in-memory store (`read_only = True`, with a
    copy of the existing progress when the file can still be read) and a `notice` saying that
    bookmarks, notes and answers will not be saved. The same happens when a write fails
    mid-session (disk full, I/O error, the file became read-only).
- **Keyed by stable ids.** Questions by uid (`card_id/question_id`), cards by card id; attempts
  and schedule rows also keep the question's `content_hash` (see `content/hashing.py`).
- **Injectable clock.** `ProgressStore.open(now=...)` takes a datetime (a fixed clock) or a
  callable returning one; every write also accepts `now=`. All stored times are UTC.

The store is safe to share between threads (one connection guarded by a lock), so Textual
workers may call it.
"""

from __future__ import annotations

import json
import os
import re
import sqlite3
import threading
from collections.abc import Callable, Iterable, Iterator, Mapping
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from ldn_tui import paths
from ldn_tui.progress import migrations
from ldn_tui.progress.migrations import SchemaTooNew

if TYPE_CHECKING:
    from ldn_tui.content.model import Content

Clock = Callable[[], datetime]
CONFIDENCE = ("sure", "unsure", "guess")

#: The uid shape of generated evidence/certainty questions (see quiz/generated.py).
GENERATED_UID = re.compile(r"/claim-[a-z0-9.-]+-(evidence|certainty)$")

_TABLES = (
    "sessions",
    "attempts",
    "card_views",
    "bookmarks",
    "notes",
    "schedule",
    "reference_opens",
    "settings",
)


# --- errors -----------------------------------------------------------------------------------


class StoreError(Exception):
    """Base class of every progress-store problem. `str(err)` is a sentence for the student."""


class StoreLocked(StoreError):
    """Another process holds a lock on the progress file."""

    def __init__(self, path: Path | str | None) -> None:
        self.path = path
        super().__init__(
            f"The progress file {path} is locked: another copy of ldn-study seems to be "
            "running. Close it (or wait for it to finish) and try again."
        )


class StoreCorrupt(StoreError):
    """The file is damaged and could not be moved aside."""


class StoreVersionError(StoreError):
    """The file was written by a newer ldn-study."""

    def __init__(self, path: Path | str | None, found: int, latest: int) -> None:
        self.path, self.found, self.latest = path, found, latest
        super().__init__(
            f"The progress file {path} was written by a newer ldn-study (schema version "
            f"{found}; this version understands up to {latest}). Upgrade ldn-study, or move "
            "the file aside to start afresh."
        )


class CannotSuspend(StoreError, ValueError):
    """Raised when asked to suspend a question that must stay in review (safety cards)."""


class _Corrupt(Exception):
    pass


class _Unwritable(Exception):
    pass


# --- time helpers -----------------------------------------------------------------------------


def utc(dt: datetime) -> datetime:
    """`dt` as an aware UTC datetime (a naive one is taken to be UTC already)."""
    if dt.tzinfo is None:
        return dt.replace(tzinfo=UTC)
    return dt.astimezone(UTC)


def iso(dt: datetime) -> str:
    return utc(dt).isoformat(timespec="milliseconds")


def parse_iso(text: str | None) -> datetime | None:
    if text is None:
        return None
    return utc(datetime.fromisoformat(text))


def make_clock(now: datetime | Clock | None) -> Clock:
    if now is None:
        return lambda: datetime.now(UTC)
    if isinstance(now, datetime):
        fixed = utc(now)
        return lambda: fixed
    return lambda: utc(now())


# --- rows -------------------------------------------------------------------------------------
# Named tuples rather than dataclasses: the store is imported before the first frame, and a
# frozen dataclass costs ~0.7 ms to create at import against ~0.15 ms for a named tuple.


class AttemptRow(NamedTuple):
    id: int
    question_uid: str
    card_id: str
    content_hash: str
    answer: Any  # decoded JSON: the response as texts (see quiz.engine)
    score: float
    correct: bool
    confidence: str | None
    answered_at: datetime
    elapsed_ms: int | None
    session_id: int | None
    generated: bool


class SessionRow(NamedTuple):
    id: int
    started_at: datetime
    finished_at: datetime | None
    mode: str
    selection: dict


class NoteRow(NamedTuple):
    card_id: str
    body: str
    updated_at: datetime


class BookmarkRow(NamedTuple):
    card_id: str
    created_at: datetime


class ScheduleRow(NamedTuple):
    question_uid: str
    content_hash: str
    card: str  # fsrs.Card as JSON
    due: datetime
    state: int  # fsrs.State value: 1 learning, 2 review, 3 relearning
    last_review: datetime | None
    suspended: bool = False


class Progress(NamedTuple):
    """Questions answered and correct (latest attempt) out of `total`, for a card or chapter."""

    total: int
    answered: int
    correct: int

    @property
    def fraction_correct(self) -> float:
        return self.correct / self.total if self.total else 0.0

    @property
    def fraction_answered(self) -> float:
        return self.answered / self.total if self.total else 0.0


# --- error classification ---------------------------------------------------------------------

_LOCKED_CODES = {5, 6}  # SQLITE_BUSY, SQLITE_LOCKED
_CORRUPT_CODES = {11, 26}  # SQLITE_CORRUPT, SQLITE_NOTADB
_UNWRITABLE_CODES = {3, 8, 10, 13, 14}  # PERM, READONLY, IOERR, FULL, CANTOPEN


def _classify(exc: BaseException) -> str:
    code = getattr(exc, "sqlite_errorcode", None)
    primary = code & 0xFF if isinstance(code, int) else None
    msg = str(exc).lower()
    if primary in _LOCKED_CODES or "locked" in msg or "busy" in msg:
        return "locked"
    if primary in _CORRUPT_CODES or "not a database" in msg or "malformed" in msg:
        return "corrupt"
    if (
        primary in _UNWRITABLE_CODES
        or "readonly" in msg
        or "read-only" in msg
        or "disk is full" in msg
        or "unable to open" in msg
        or "disk i/o" in msg
    ):
        return "unwritable"
    return "other"


def check_writable(directory: Path) -> None:
    """Raise OSError unless files can be created in `directory` (made if missing)."""
    directory.mkdir(parents=True, exist_ok=True)
    if not os.access(directory, os.W_OK):
        raise PermissionError(f"no permission to write in {directory}")
    probe = directory / f".ldn-study-write-test-{os.getpid()}-{threading.get_ident()}"
    os.close(os.open(probe, os.O_CREAT | os.O_WRONLY | os.O_TRUNC, 0o600))
    os.unlink(probe)


def _connect(target: str, timeout: float, *, uri: bool = False) -> sqlite3.Connection:
    conn = sqlite3.connect(
        target, timeout=timeout, isolation_level=None, check_same_thread=False, uri=uri
    )
    conn.execute(f"PRAGMA busy_timeout = {int(timeout * 1000)}")
    conn.execute("PRAGMA foreign_keys = ON")
    conn.execute("PRAGMA synchronous = FULL")  # each commit survives a crash, not just a kill
    return conn


def _fresh_memory() -> sqlite3.Connection:
    conn = _connect(":memory:", 0.1)
    migrations.migrate(conn)
    return conn


# --- the store --------------------------------------------------------------------------------


class ProgressStore:
    """Everything a student does, in one SQLite file. Open it with `ProgressStore.open()`."""

    def __init__(
        self,
        conn: sqlite3.Connection,
        path: Path | None,
        *,
        clock: Clock,
        read_only: bool = False,
        notice: str | None = None,
    ) -> None:
        self._conn = conn
        self._lock = threading.RLock()
        self._clock = clock
        #: The file this store saves to (None for a purely in-memory store).
        self.path = path
        #: True when nothing is being saved to disk (see `notice` for why).
        self.read_only = read_only
        #: A sentence for the student when something unusual happened (a damaged file moved
        #: aside, progress not being saved), else None.
        self.notice = notice

    # -- opening -------------------------------------------------------------------------------

    @classmethod
    def open(
        cls,
        path: Path | str | None = None,
        *,
        now: datetime | Clock | None = None,
        timeout: float = 2.0,
        writable_check: Callable[[Path], None] | None = None,
    ) -> ProgressStore:
        """Open (creating or migrating as needed) the progress file at `path`.

        `path` defaults to `paths.database_path()`. `timeout` is how long to wait for another
        process's lock before raising `StoreLocked`. `writable_check(directory)` should raise
        OSError when the directory cannot be written (default: `check_writable`, which really
        creates a file there).

        Raises `StoreLocked` or `StoreVersionError`; every other fault ends in a working store
        with a `notice`.
        """
        path = Path(path) if path is not None else paths.database_path()
        clock = make_clock(now)
        check = writable_check or check_writable
        try:
            check(path.parent)
            if path.exists() and not os.access(path, os.W_OK):
                raise PermissionError(f"no permission to write {path}")
        except OSError as exc:
            return cls._fallback(path, clock, f"Cannot write to {path.parent} ({exc}).")

        try:
            conn = cls._open_file(path, timeout, clock)
            return cls(conn, path, clock=clock)
        except _Unwritable as exc:
            return cls._fallback(path, clock, f"Cannot write to {path} ({exc}).")
        except _Corrupt as exc:
            reason = str(exc)

        moved = _move_aside(path, clock())
        notice = (
            f"The progress file {path} was damaged ({reason}). It was kept as {moved} "
            "and a fresh progress file was started."
        )
        try:
            conn = cls._open_file(path, timeout, clock)
        except (_Corrupt, _Unwritable) as exc:
            return cls._fallback(path, clock, f"{notice} The fresh file failed too ({exc}).")
        return cls(conn, path, clock=clock, notice=notice)

    @classmethod
    def in_memory(cls, *, now: datetime | Clock | None = None, notice: str | None = None) -> ProgressStore:
        """A store that saves nothing (tests, demos, `--no-save`)."""
        return cls(_fresh_memory(), None, clock=make_clock(now), read_only=True, notice=notice)

    @staticmethod
    def _open_file(path: Path, timeout: float, clock: Clock) -> sqlite3.Connection:
        try:
            conn = _connect(str(path), timeout)
        except sqlite3.Error as exc:
            kind = _classify(exc)
            if kind == "locked":
                raise StoreLocked(path) from exc
            if kind == "corrupt":
                raise _Corrupt(str(exc)) from exc
            raise _Unwritable(str(exc)) from exc
        try:
            conn.execute("PRAGMA schema_version").fetchone()  # "file is not a database" here
            conn.execute("PRAGMA journal_mode = WAL").fetchone()
            check = conn.execute("PRAGMA quick_check").fetchall()
            if check != [("ok",)]:
                raise _Corrupt("; ".join(str(r[0]) for r in check[:3]))
            migrations.migrate(conn)
            # A real write, so a lock held elsewhere or a read-only file shows up now, not
            # at the first answer.
            conn.execute(
                "INSERT OR REPLACE INTO settings(key, value) VALUES ('last_opened_at', ?)",
                (json.dumps(iso(clock())),),
            )
        except SchemaTooNew as exc:
            conn.close()
            raise StoreVersionError(path, exc.found, exc.latest) from exc
        except _Corrupt:
            conn.close()
            raise
        except sqlite3.Error as exc:
            conn.close()
            kind = _classify(exc)
            if kind == "locked":
                raise StoreLocked(path) from exc
            if kind == "corrupt":
                raise _Corrupt(str(exc)) from exc
            if kind == "unwritable":
                raise _Unwritable(str(exc)) from exc
            raise StoreError(f"Could not open the progress file {path}: {exc}") from exc
        return conn

    @classmethod
    def _fallback(cls, path: Path, clock: Clock, reason: str) -> ProgressStore:
        conn, copied = _memory_copy_of(path)
        notice = (
            f"{reason} Bookmarks, notes and answers will not be saved this session"
            + ("; your earlier progress is shown." if copied else ".")
        )
        return cls(conn, path, clock=clock, read_only=True, notice=notice)

    # -- plumbing ------------------------------------------------------------------------------

    def now(self) -> datetime:
        """The store's clock (aware UTC)."""
        return self._clock()

    def _at(self, now: datetime | None) -> str:
        return iso(now if now is not None else self._clock())

    def _write(self, fn: Callable[[sqlite3.Connection], Any]) -> Any:
        """Run `fn(conn)` in one committed transaction; degrade to memory if the disk fails."""
        with self._lock:
            try:
                return _in_transaction(self._conn, fn)
            except sqlite3.Error as exc:
                kind = _classify(exc)
                if kind == "locked":
                    raise StoreLocked(self.path) from exc
                if kind not in ("unwritable", "corrupt"):
                    raise
                self._degrade(exc)
                return _in_transaction(self._conn, fn)

    def _degrade(self, exc: BaseException) -> None:
        mem = _connect(":memory:", 0.1)
        try:
            self._conn.backup(mem)
            migrations.migrate(mem)
        except (sqlite3.Error, SchemaTooNew):
            mem.close()
            mem = _fresh_memory()
        old, self._conn = self._conn, mem
        try:
            old.close()
        except sqlite3.Error:
            pass
        self.read_only = True
        self.notice = (
            f"Could not save to {self.path} ({exc}). Bookmarks, notes and answers will not be "
            "saved from now on; what you do stays visible until you quit."
        )

    def _query(self, sql: str, params: Iterable[Any] = ()) -> list[sqlite3.Row]:
        with self._lock:
            try:
                cur = self._conn.execute(sql, tuple(params))
                cur.row_factory = sqlite3.Row
                return cur.fetchall()
            except sqlite3.Error as exc:
                if _classify(exc) == "locked":
                    raise StoreLocked(self.path) from exc
                raise StoreError(f"Could not read the progress file {self.path}: {exc}") from exc

    @property
    def schema_version(self) -> int:
        with self._lock:
            return migrations.user_version(self._conn)

    def close(self) -> None:
        with self._lock:
            try:
                self._conn.close()
            except sqlite3.Error:
                pass

    def __enter__(self) -> ProgressStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- sessions ------------------------------------------------------------------------------

    def start_session(
        self, mode: str = "all", selection: Mapping[str, Any] | None = None, *, now: datetime | None = None
    ) -> int:
        at = self._at(now)
        sel = json.dumps(dict(selection or {}), sort_keys=True)
        return self._write(
            lambda c: c.execute(
                "INSERT INTO sessions(started_at, mode, selection) VALUES (?, ?, ?)", (at, mode, sel)
            ).lastrowid
        )

    def finish_session(self, session_id: int, *, now: datetime | None = None) -> None:
        at = self._at(now)
        self._write(
            lambda c: c.execute("UPDATE sessions SET finished_at = ? WHERE id = ?", (at, session_id))
        )

    def sessions(self) -> list[SessionRow]:
        return [
            SessionRow(
                id=r["id"],
                started_at=parse_iso(r["started_at"]),
                finished_at=parse_iso(r["finished_at"]),
                mode=r["mode"],
                selection=json.loads(r["selection"] or "{}"),
            )
            for r in self._query("SELECT * FROM sessions ORDER BY started_at, id")
        ]

    # -- attempts ------------------------------------------------------------------------------

    def record_attempt(
        self,
        question_uid: str,
        *,
        content_hash: str,
        answer: Any,
        score: float,
        confidence: str | None = None,
        elapsed_ms: int | None = None,
        session_id: int | None = None,
        generated: bool | None = None,
        card_id: str | None = None,
        now: datetime | None = None,
        schedule: ScheduleRow | None = None,
    ) -> int:
        """Save one answer (and, if given, the question's new schedule) in one transaction.

        `answer` is any JSON-able value; `score` is clamped to 0..1 and `correct` is
        `score == 1`. `generated` defaults to whether the uid looks generated. Returns the
        attempt id.
        """
        if confidence is not None and confidence not in CONFIDENCE:
            raise ValueError(f"confidence must be one of {CONFIDENCE} or None, not {confidence!r}")
        score = min(1.0, max(0.0, float(score)))
        correct = 1 if score >= 1.0 - 1e-9 else 0
        if card_id is None:
            card_id = question_uid.rsplit("/", 1)[0]
        if generated is None:
            generated = bool(GENERATED_UID.search(question_uid))
        params = (
            question_uid,
            card_id,
            content_hash,
            json.dumps(answer, ensure_ascii=False),
            score,
            correct,
            confidence,
            self._at(now),
            None if elapsed_ms is None else int(elapsed_ms),
            session_id,
            1 if generated else 0,
        )

        def run(c: sqlite3.Connection) -> int:
            rowid = c.execute(
                "INSERT INTO attempts(question_uid, card_id, content_hash, answer, score, correct,"
                " confidence, answered_at, elapsed_ms, session_id, generated)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                params,
            ).lastrowid
            if schedule is not None:
                _upsert_schedule(c, schedule)
            return rowid

        return self._write(run)

    def attempts(
        self,
        *,
        question_uid: str | None = None,
        question_uids: Iterable[str] | None = None,
        card_id: str | None = None,
        card_ids: Iterable[str] | None = None,
        session_id: int | None = None,
        since: datetime | None = None,
        until: datetime | None = None,
        generated: bool | None = None,
        newest_first: bool = False,
        limit: int | None = None,
    ) -> list[AttemptRow]:
        """Attempts matching every filter given, oldest first unless `newest_first`.

        `since` is inclusive, `until` exclusive.
        """
        where: list[str] = []
        params: list[Any] = []
        if question_uid is not None:
            where.append("question_uid = ?")
            params.append(question_uid)
        if question_uids is not None:
            uids = list(question_uids)
            where.append(f"question_uid IN ({','.join('?' * len(uids)) or 'NULL'})")
            params.extend(uids)
        if card_id is not None:
            where.append("card_id = ?")
            params.append(card_id)
        if card_ids is not None:
            ids = list(card_ids)
            where.append(f"card_id IN ({','.join('?' * len(ids)) or 'NULL'})")
            params.extend(ids)
        if session_id is not None:
            where.append("session_id = ?")
            params.append(session_id)
        if since is not None:
            where.append("answered_at >= ?")
            params.append(iso(since))
        if until is not None:
            where.append("answered_at < ?")
            params.append(iso(until))
        if generated is not None:
            where.append("generated = ?")
            params.append(1 if generated else 0)
        sql = "SELECT * FROM attempts"
        if where:
            sql += " WHERE " + " AND ".join(where)
        sql += " ORDER BY answered_at DESC, id DESC" if newest_first else " ORDER BY answered_at, id"
        if limit is not None:
            sql += " LIMIT ?"
            params.append(int(limit))
        return [_attempt(r) for r in self._query(sql, params)]

    def last_attempt_by_question(self) -> dict[str, AttemptRow]:
        """The most recent attempt at each question, by question uid."""
        rows = self._query(
            "SELECT * FROM (SELECT *, ROW_NUMBER() OVER (PARTITION BY question_uid"
            " ORDER BY answered_at DESC, id DESC) AS rn FROM attempts) WHERE rn = 1"
        )
        return {r["question_uid"]: _attempt(r) for r in rows}

    def missed_question_uids(self) -> set[str]:
        """Questions whose most recent attempt scored below 1 ("missed last time")."""
        return {uid for uid, a in self.last_attempt_by_question().items() if not a.correct}

    def card_progress(self, content: Content, *, include_generated: bool = False) -> dict[str, Progress]:
        """Per card id: its questions, how many were ever answered, how many correct last time."""
        last = self.last_attempt_by_question()
        extra = _generated_by_card(content) if include_generated else {}
        out: dict[str, Progress] = {}
        for card in content.cards:
            uids = [q.uid for q in card.quiz] + [q.uid for q in extra.get(card.id, ())]
            answered = [last[u] for u in uids if u in last]
            out[card.id] = Progress(len(uids), len(answered), sum(1 for a in answered if a.correct))
        return out

    def chapter_progress(self, content: Content, *, include_generated: bool = False) -> dict[str, Progress]:
        """Per chapter id: the sum of its cards' `card_progress`."""
        cards = self.card_progress(content, include_generated=include_generated)
        out: dict[str, Progress] = {}
        for ch in content.chapters:
            parts = [cards[c.id] for c in ch.cards]
            out[ch.id] = Progress(
                sum(p.total for p in parts), sum(p.answered for p in parts), sum(p.correct for p in parts)
            )
        return out

    # -- views, references ---------------------------------------------------------------------

    def record_view(self, card_id: str, *, now: datetime | None = None) -> None:
        at = self._at(now)
        self._write(lambda c: c.execute("INSERT INTO card_views(card_id, viewed_at) VALUES (?, ?)", (card_id, at)))

    def viewed_cards(self) -> dict[str, datetime]:
        """When each card was last viewed, by card id."""
        rows = self._query("SELECT card_id, MAX(viewed_at) AS at FROM card_views GROUP BY card_id")
        return {r["card_id"]: parse_iso(r["at"]) for r in rows}

    def record_reference_open(self, reference_id: str, *, now: datetime | None = None) -> None:
        at = self._at(now)
        self._write(
            lambda c: c.execute(
                "INSERT INTO reference_opens(reference_id, opened_at) VALUES (?, ?)", (reference_id, at)
            )
        )

    def reference_open_counts(self) -> dict[str, int]:
        rows = self._query("SELECT reference_id, COUNT(*) AS n FROM reference_opens GROUP BY reference_id")
        return {r["reference_id"]: r["n"] for r in rows}

    # -- bookmarks -----------------------------------------------------------------------------

    def add_bookmark(self, card_id: str, *, now: datetime | None = None) -> None:
        at = self._at(now)
        self._write(
            lambda c: c.execute("INSERT OR IGNORE INTO bookmarks(card_id, created_at) VALUES (?, ?)", (card_id, at))
        )

    def remove_bookmark(self, card_id: str) -> None:
        self._write(lambda c: c.execute("DELETE FROM bookmarks WHERE card_id = ?", (card_id,)))

    def toggle_bookmark(self, card_id: str, *, now: datetime | None = None) -> bool:
        """Flip the bookmark; return whether the card is bookmarked now."""
        at = self._at(now)

        def run(c: sqlite3.Connection) -> bool:
            if c.execute("DELETE FROM bookmarks WHERE card_id = ?", (card_id,)).rowcount:
                return False
            c.execute("INSERT INTO bookmarks(card_id, created_at) VALUES (?, ?)", (card_id, at))
            return True

        return self._write(run)

    def is_bookmarked(self, card_id: str) -> bool:
        return bool(self._query("SELECT 1 FROM bookmarks WHERE card_id = ?", (card_id,)))

    def list_bookmarks(self) -> list[BookmarkRow]:
        """Bookmarks, oldest first."""
        return [
            BookmarkRow(r["card_id"], parse_iso(r["created_at"]))
            for r in self._query("SELECT * FROM bookmarks ORDER BY created_at, card_id")
        ]

    def bookmarked_card_ids(self) -> set[str]:
        return {r["card_id"] for r in self._query("SELECT card_id FROM bookmarks")}

    # -- notes ---------------------------------------------------------------------------------

    def get_note(self, card_id: str) -> str:
        """The note on a card, or "" if there is none."""
        rows = self._query("SELECT body FROM notes WHERE card_id = ?", (card_id,))
        return rows[0]["body"] if rows else ""

    def set_note(self, card_id: str, body: str, *, now: datetime | None = None) -> None:
        """Save a note; an empty (or all-whitespace) body deletes it."""
        if not body.strip():
            self._write(lambda c: c.execute("DELETE FROM notes WHERE card_id = ?", (card_id,)))
            return
        at = self._at(now)
        self._write(
            lambda c: c.execute(
                "INSERT INTO notes(card_id, body, updated_at) VALUES (?, ?, ?)"
                " ON CONFLICT(card_id) DO UPDATE SET body = excluded.body, updated_at = excluded.updated_at",
                (card_id, body, at),
            )
        )

    def list_notes(self) -> list[NoteRow]:
        """Notes, most recently updated first."""
        return [
            NoteRow(r["card_id"], r["body"], parse_iso(r["updated_at"]))
            for r in self._query("SELECT * FROM notes ORDER BY updated_at DESC, card_id")
        ]

    # -- settings ------------------------------------------------------------------------------

    def get_setting(self, key: str, default: Any = None) -> Any:
        """A setting's value (any JSON value), or `default`."""
        rows = self._query("SELECT value FROM settings WHERE key = ?", (key,))
        if not rows:
            return default
        try:
            return json.loads(rows[0]["value"])
        except ValueError:
            return rows[0]["value"]

    def set_setting(self, key: str, value: Any) -> None:
        text = json.dumps(value, ensure_ascii=False)
        self._write(
            lambda c: c.execute("INSERT OR REPLACE INTO settings(key, value) VALUES (?, ?)", (key, text))
        )

    # -- schedule ------------------------------------------------------------------------------

    def get_schedule(self, question_uid: str) -> ScheduleRow | None:
        rows = self._query("SELECT * FROM schedule WHERE question_uid = ?", (question_uid,))
        return _schedule(rows[0]) if rows else None

    def schedule_rows(self) -> list[ScheduleRow]:
        """Every schedule row, soonest due first."""
        return [_schedule(r) for r in self._query("SELECT * FROM schedule ORDER BY due, question_uid")]

    def save_schedule(self, row: ScheduleRow) -> None:
        self._write(lambda c: _upsert_schedule(c, row))

    def set_suspended(self, question_uid: str, suspended: bool) -> bool:
        """Raw flag update (use `scheduler.suspend`, which protects safety questions).

        Returns False when the question has no schedule row yet.
        """
        return bool(
            self._write(
                lambda c: c.execute(
                    "UPDATE schedule SET suspended = ? WHERE question_uid = ?",
                    (1 if suspended else 0, question_uid),
                ).rowcount
            )
        )

    def due_question_uids(
        self, now: datetime | None = None, *, content: Content | None = None
    ) -> list[str]:
        """Question uids due for review at `now`, most overdue first.

        Without `content` this is the raw table (due <= now, not suspended). With `content`
        (what the app should use) it is `scheduler.due_question_uids`: questions no longer in
        the content are dropped, a question whose content hash changed is due now (re-queued as
        new) and safety questions are never later than their cap.
        """
        if content is not None:
            from ldn_tui.progress import scheduler

            return scheduler.due_question_uids(content, self, now)
        at = self._at(now)
        rows = self._query(
            "SELECT question_uid FROM schedule WHERE suspended = 0 AND due <= ? ORDER BY due, question_uid",
            (at,),
        )
        return [r["question_uid"] for r in rows]

    # -- plain dumps for export ----------------------------------------------------------------

    def export_rows(self) -> dict[str, list[dict[str, Any]]]:
        """Every table as a list of plain dicts of raw column values, for exports and backups.

        Times are ISO-8601 UTC text; `answer`, `selection`, `card` and settings' `value` are
        JSON text, exactly as stored, so a dump can be written back column for column.
        Also has `"schema_version": [{"version": N}]`.
        """
        out: dict[str, list[dict[str, Any]]] = {
            "schema_version": [{"version": self.schema_version}]
        }
        for table in _TABLES:
            order = "rowid"
            out[table] = [dict(r) for r in self._query(f"SELECT * FROM {table} ORDER BY {order}")]
        return out

    def counts(self) -> dict[str, int]:
        """Row counts per table (for `ldn-study locate`/stats and tests)."""
        return {t: self._query(f"SELECT COUNT(*) AS n FROM {t}")[0]["n"] for t in _TABLES}


# --- helpers ----------------------------------------------------------------------------------


def _in_transaction(conn: sqlite3.Connection, fn: Callable[[sqlite3.Connection], Any]) -> Any:
    conn.execute("BEGIN IMMEDIATE")
    try:
        result = fn(conn)
    except BaseException:
        try:
            conn.execute("ROLLBACK")
        except sqlite3.Error:
            pass
        raise
    try:
        conn.execute("COMMIT")
    except sqlite3.Error:
        try:
            conn.execute("ROLLBACK")
        except sqlite3.Error:
            pass
        raise
    return result


def _upsert_schedule(c: sqlite3.Connection, row: ScheduleRow) -> None:
    c.execute(
        "INSERT INTO schedule(question_uid, content_hash, card, due, state, last_review, suspended)"
        " VALUES (?, ?, ?, ?, ?, ?, ?)"
        " ON CONFLICT(question_uid) DO UPDATE SET content_hash = excluded.content_hash,"
        " card = excluded.card, due = excluded.due, state = excluded.state,"
        " last_review = excluded.last_review, suspended = excluded.suspended",
        (
            row.question_uid,
            row.content_hash,
            row.card,
            iso(row.due),
            int(row.state),
            iso(row.last_review) if row.last_review else None,
            1 if row.suspended else 0,
        ),
    )


def _attempt(r: sqlite3.Row) -> AttemptRow:
    try:
        answer = json.loads(r["answer"])
    except ValueError:
        answer = r["answer"]
    return AttemptRow(
        id=r["id"],
        question_uid=r["question_uid"],
        card_id=r["card_id"],
        content_hash=r["content_hash"],
        answer=answer,
        score=float(r["score"]),
        correct=bool(r["correct"]),
        confidence=r["confidence"],
        answered_at=parse_iso(r["answered_at"]),
        elapsed_ms=r["elapsed_ms"],
        session_id=r["session_id"],
        generated=bool(r["generated"]),
    )


def _schedule(r: sqlite3.Row) -> ScheduleRow:
    return ScheduleRow(
        question_uid=r["question_uid"],
        content_hash=r["content_hash"],
        card=r["card"],
        due=parse_iso(r["due"]),
        state=int(r["state"]),
        last_review=parse_iso(r["last_review"]),
        suspended=bool(r["suspended"]),
    )


def _generated_by_card(content: Content) -> dict[str, tuple]:
    from ldn_tui.quiz.generated import generated_questions

    out: dict[str, list] = {}
    for q in generated_questions(content):
        out.setdefault(q.card_id, []).append(q)
    return {k: tuple(v) for k, v in out.items()}


def _companions(path: Path) -> Iterator[Path]:
    for suffix in ("-wal", "-shm", "-journal"):
        p = path.with_name(path.name + suffix)
        if p.exists():
            yield p


def _move_aside(path: Path, when: datetime) -> Path:
    """Rename a damaged file (and its -wal/-shm/-journal) to `<name>.corrupt-<UTC stamp>`."""
    stamp = utc(when).strftime("%Y%m%d-%H%M%S")
    target = path.with_name(f"{path.name}.corrupt-{stamp}")
    n = 1
    while target.exists():
        n += 1
        target = path.with_name(f"{path.name}.corrupt-{stamp}-{n}")
    try:
        os.replace(path, target)
        for extra in list(_companions(path)):
            os.replace(extra, target.with_name(target.name + extra.name[len(path.name):]))
    except OSError as exc:
        raise StoreCorrupt(
            f"The progress file {path} is damaged and could not be moved aside ({exc}). "
            "Move or delete it yourself to start afresh."
        ) from exc
    return target


def _memory_copy_of(path: Path) -> tuple[sqlite3.Connection, bool]:
    """An in-memory database holding a copy of `path` if it can be read, else an empty one."""
    if not path.is_file():
        return _fresh_memory(), False
    # A WAL file needs its -shm beside it even to read; in a read-only folder that cannot be
    # made, so fall back to `immutable=1` (no locks: fine for a one-off snapshot).
    for query in ("mode=ro", "mode=ro&immutable=1"):
        try:
            src = sqlite3.connect(f"{path.resolve().as_uri()}?{query}", uri=True, timeout=0.5)
            try:
                mem = _connect(":memory:", 0.1)
                src.backup(mem)
            finally:
                src.close()
            if mem.execute("PRAGMA quick_check").fetchall() == [("ok",)]:
                migrations.migrate(mem)
                return mem, True
            mem.close()
        except (sqlite3.Error, SchemaTooNew, OSError):
            continue
    return _fresh_memory(), False
