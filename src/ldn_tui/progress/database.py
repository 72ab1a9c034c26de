"""The connection to the progress file: opening it safely, one transaction per write, faults classified.

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
- **Injectable clock.** `open(now=...)` takes a datetime (a fixed clock) or a callable
  returning one; every write also accepts `now=`. All stored times are UTC.

The connection is safe to share between threads (guarded by a lock), so the study service's
writer thread and readers in workers may use it. Opening and checking the connection, and
naming what an sqlite3 error means, are in `progress.connection`.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import threading
from collections.abc import Callable, Iterable, Iterator
from datetime import datetime
from pathlib import Path
from typing import Any, Self, TypeVar

from ldn_tui import paths
from ldn_tui.progress import backup, migrations, repair
from ldn_tui.progress.connection import classify, in_transaction, open_connection
from ldn_tui.progress.errors import CorruptFile, StoreError, StoreLocked, UnwritableFile
from ldn_tui.progress.files import check_writable, connect, fresh_memory, memory_copy_of, move_aside
from ldn_tui.progress.migrations import SchemaTooNew
from ldn_tui.progress.tables import TABLES
from ldn_tui.progress.times import Clock, iso, make_clock

T = TypeVar("T")


class Database:
    """The progress file's connection; the tables' methods live in the classes that extend it."""

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
        #: How a damaged file was rebuilt at open (`repair.Outcome`), else None.
        self.damage: repair.Outcome | None = None
        #: Where the damaged file was moved when it was, else None.
        self.damaged_copy: Path | None = None
        #: True once a read met text that is not valid UTF-8 (shown with U+FFFD; see doctor).
        self.bad_text = False
        self._batch_depth = 0

    # -- opening -------------------------------------------------------------------------------

    @classmethod
    def open(
        cls,
        path: Path | str | None = None,
        *,
        now: datetime | Clock | None = None,
        timeout: float = 2.0,
        writable_check: Callable[[Path], None] | None = None,
    ) -> Self:
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
            conn = open_connection(path, timeout, clock)
            return cls(conn, path, clock=clock)
        except UnwritableFile as exc:
            return cls._fallback(path, clock, f"Cannot write to {path} ({exc}).")
        except CorruptFile as exc:
            reason = str(exc)

        moved = move_aside(path, clock())
        try:
            outcome = repair.rebuild(path, moved, reason)
            notice = outcome.message()
        except (sqlite3.Error, OSError, StoreError) as exc:
            outcome = None
            notice = (
                f"The progress file {path} was damaged ({reason}). It was kept as {moved}; nothing "
                f"could be recovered from it ({exc}), and a fresh progress file was started."
            )
        try:
            conn = open_connection(path, timeout, clock)
        except (CorruptFile, UnwritableFile) as exc:
            db = cls._fallback(path, clock, f"{notice} The rebuilt file failed too ({exc}).")
        else:
            db = cls(conn, path, clock=clock, notice=notice)
        db.damage = outcome
        db.damaged_copy = moved
        return db

    @classmethod
    def in_memory(cls, *, now: datetime | Clock | None = None, notice: str | None = None) -> Self:
        """A store that saves nothing (tests, demos, `--no-save`)."""
        return cls(fresh_memory(), None, clock=make_clock(now), read_only=True, notice=notice)

    @classmethod
    def _fallback(cls, path: Path, clock: Clock, reason: str) -> Self:
        conn, copied = memory_copy_of(path)
        notice = f"{reason} Bookmarks, notes and answers will not be saved this session" + (
            "; your earlier progress is shown." if copied else "."
        )
        return cls(conn, path, clock=clock, read_only=True, notice=notice)

    # -- plumbing ------------------------------------------------------------------------------

    def now(self) -> datetime:
        """The store's clock (aware UTC)."""
        return self._clock()

    def _at(self, now: datetime | None) -> str:
        return iso(now if now is not None else self._clock())

    def _write(self, fn: Callable[[sqlite3.Connection], T]) -> T:
        """Run `fn(conn)` in one committed transaction; degrade to memory if the disk fails."""
        with self._lock:
            if self._batch_depth:
                return fn(self._conn)  # inside `batch()`: its transaction commits or rolls back
            try:
                return in_transaction(self._conn, fn)
            except sqlite3.Error as exc:
                kind = classify(exc)
                if kind == "locked":
                    raise StoreLocked(self.path) from exc
                if kind not in ("unwritable", "corrupt"):
                    raise
                self._degrade(exc)
                return in_transaction(self._conn, fn)

    @contextlib.contextmanager
    def batch(self) -> Iterator[None]:
        """One transaction around many writes (an import): all of them land, or none.

        Writes made inside run without their own BEGIN/COMMIT; the transaction commits when the
        block ends and rolls back if it raises. Holds the store's lock throughout, so other
        threads wait rather than see half of it.
        """
        with self._lock:
            if self._batch_depth:
                self._batch_depth += 1
                try:
                    yield
                finally:
                    self._batch_depth -= 1
                return
            try:
                self._conn.execute("BEGIN IMMEDIATE")
            except sqlite3.Error as exc:
                if classify(exc) == "locked":
                    raise StoreLocked(self.path) from exc
                raise StoreError(f"Could not write to the progress file {self.path}: {exc}") from exc
            self._batch_depth = 1
            try:
                yield
            except BaseException:
                self._batch_depth = 0
                with contextlib.suppress(sqlite3.Error):
                    self._conn.execute("ROLLBACK")
                raise
            self._batch_depth = 0
            try:
                self._conn.execute("COMMIT")
            except sqlite3.Error as exc:
                with contextlib.suppress(sqlite3.Error):
                    self._conn.execute("ROLLBACK")
                if classify(exc) == "locked":
                    raise StoreLocked(self.path) from exc
                raise StoreError(f"Could not save to the progress file {self.path}: {exc}") from exc

    def _degrade(self, exc: BaseException) -> None:
        mem = connect(":memory:", 0.1)
        try:
            self._conn.backup(mem)
            migrations.migrate(mem)
        except (sqlite3.Error, SchemaTooNew):
            mem.close()
            mem = fresh_memory()
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
                return self._fetch(sql, params)
            except sqlite3.Error as exc:
                if "decode" not in str(exc).lower():
                    if classify(exc) == "locked":
                        raise StoreLocked(self.path) from exc
                    raise StoreError(f"Could not read the progress file {self.path}: {exc}") from exc
            # Text that is not valid UTF-8 (damage quick_check cannot see): read it with U+FFFD
            # in place of the bad bytes rather than fail; `ldn-study doctor` finds and fixes it.
            self.bad_text = True
            self._conn.text_factory = lambda b: b.decode("utf-8", "replace")
            try:
                return self._fetch(sql, params)
            except sqlite3.Error as exc:
                if classify(exc) == "locked":
                    raise StoreLocked(self.path) from exc
                raise StoreError(f"Could not read the progress file {self.path}: {exc}") from exc

    def _fetch(self, sql: str, params: Iterable[Any]) -> list[sqlite3.Row]:
        cur = self._conn.execute(sql, tuple(params))
        cur.row_factory = sqlite3.Row
        return cur.fetchall()

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

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def create_backup(self) -> backup.Backup:
        """Copy this store into a new rotated backup beside it (`backup.create`)."""
        if self.path is None or self.read_only:
            raise backup.BackupError("Progress is not being saved, so there is nothing to back up.")
        with self._lock:
            return backup.create(self._conn, self.path, self._clock())

    # -- plain dumps for export ----------------------------------------------------------------

    def export_rows(self) -> dict[str, list[dict[str, Any]]]:
        """Every table as a list of plain dicts of raw column values, for exports and backups.

        Times are ISO-8601 UTC text; `answer`, `selection`, `card` and settings' `value` are
        JSON text, exactly as stored, so a dump can be written back column for column.
        Also has `"schema_version": [{"version": N}]`.
        """
        out: dict[str, list[dict[str, Any]]] = {"schema_version": [{"version": self.schema_version}]}
        for table in TABLES:
            order = "rowid"
            out[table] = [dict(r) for r in self._query(f"SELECT * FROM {table} ORDER BY {order}")]
        return out

    def counts(self) -> dict[str, int]:
        """Row counts per table (for `ldn-study locate`/stats and tests)."""
        return {t: self._query(f"SELECT COUNT(*) AS n FROM {t}")[0]["n"] for t in TABLES}
