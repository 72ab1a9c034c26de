"""The SQLite side of the progress file: opening and checking a connection, what an error means, a transaction.

`Database` (progress/database.py) decides what to do about each fault; this module only says
which fault it is: `classify` names an sqlite3 error, `open_connection` raises one of the
progress errors (`StoreLocked`, `CorruptFile`, `UnwritableFile`, `StoreVersionError`).
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from ldn_tui.progress import migrations
from ldn_tui.progress.errors import CorruptFile, StoreError, StoreLocked, StoreVersionError, UnwritableFile
from ldn_tui.progress.files import connect
from ldn_tui.progress.migrations import SchemaTooNew
from ldn_tui.progress.times import Clock, iso

T = TypeVar("T")

_LOCKED_CODES = {5, 6}  # SQLITE_BUSY, SQLITE_LOCKED
_CORRUPT_CODES = {11, 26}  # SQLITE_CORRUPT, SQLITE_NOTADB
_UNWRITABLE_CODES = {3, 8, 10, 13, 14}  # PERM, READONLY, IOERR, FULL, CANTOPEN


def classify(exc: BaseException) -> str:
    """What an sqlite3 error means here: "locked", "corrupt", "unwritable" or "other"."""
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


def open_connection(path: Path, timeout: float, clock: Clock) -> sqlite3.Connection:
    """Connect to the file at `path`, check it (`quick_check`), migrate it and make one real write.

    Raises `StoreLocked`, `CorruptFile`, `UnwritableFile`, `StoreVersionError` or `StoreError`;
    `Database.open` decides what each means for the student.
    """
    try:
        conn = connect(str(path), timeout)
    except sqlite3.Error as exc:
        kind = classify(exc)
        if kind == "locked":
            raise StoreLocked(path) from exc
        if kind == "corrupt":
            raise CorruptFile(str(exc)) from exc
        raise UnwritableFile(str(exc)) from exc
    try:
        conn.execute("PRAGMA schema_version").fetchone()  # "file is not a database" here
        conn.execute("PRAGMA journal_mode = WAL").fetchone()
        check = conn.execute("PRAGMA quick_check").fetchall()
        if check != [("ok",)]:
            raise CorruptFile("; ".join(str(r[0]) for r in check[:3]))
        migrations.migrate(conn)
        # A real write, so a read-only file shows up now, not at the first answer. A lock
        # held by another copy is not a reason to refuse: reads work beside it (WAL) and the
        # writer thread retries writes until it lets go.
        try:
            conn.execute(
                "INSERT OR REPLACE INTO settings(key, value) VALUES ('last_opened_at', ?)",
                (json.dumps(iso(clock())),),
            )
        except sqlite3.OperationalError as exc:
            if classify(exc) != "locked":
                raise
    except SchemaTooNew as exc:
        conn.close()
        raise StoreVersionError(path, exc.found, exc.latest) from exc
    except CorruptFile:
        conn.close()
        raise
    except sqlite3.Error as exc:
        conn.close()
        kind = classify(exc)
        if kind == "locked":
            raise StoreLocked(path) from exc
        if kind == "corrupt":
            raise CorruptFile(str(exc)) from exc
        if kind == "unwritable":
            raise UnwritableFile(str(exc)) from exc
        raise StoreError(f"Could not open the progress file {path}: {exc}") from exc
    return conn


def in_transaction(conn: sqlite3.Connection, fn: Callable[[sqlite3.Connection], T]) -> T:
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
