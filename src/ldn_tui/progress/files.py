"""The progress file on disk: can its folder be written, moving a damaged file aside, a read-only copy.

Kept apart from the connection logic because these steps touch the file system, not SQLite's
API, and each is a place where the file must never be lost (a damaged file is renamed, never
deleted).
"""

from __future__ import annotations

import os
import sqlite3
import threading
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

from ldn_tui.progress import migrations
from ldn_tui.progress.errors import StoreCorrupt
from ldn_tui.progress.migrations import SchemaTooNew
from ldn_tui.progress.times import utc


def check_writable(directory: Path) -> None:
    """Raise OSError unless files can be created in `directory` (made if missing)."""
    directory.mkdir(parents=True, exist_ok=True)
    if not os.access(directory, os.W_OK):
        raise PermissionError(f"no permission to write in {directory}")
    probe = directory / f".ldn-study-write-test-{os.getpid()}-{threading.get_ident()}"
    os.close(os.open(probe, os.O_CREAT | os.O_WRONLY | os.O_TRUNC, 0o600))
    os.unlink(probe)


def connect(target: str, timeout: float, *, uri: bool = False) -> sqlite3.Connection:
    conn = sqlite3.connect(target, timeout=timeout, isolation_level=None, check_same_thread=False, uri=uri)
    conn.execute(f"PRAGMA busy_timeout = {int(timeout * 1000)}")
    conn.execute("PRAGMA foreign_keys = ON")
    conn.execute("PRAGMA synchronous = FULL")  # each commit survives a crash, not just a kill
    return conn


def fresh_memory() -> sqlite3.Connection:
    conn = connect(":memory:", 0.1)
    migrations.migrate(conn)
    return conn


def companions(path: Path) -> Iterator[Path]:
    for suffix in ("-wal", "-shm", "-journal"):
        p = path.with_name(path.name + suffix)
        if p.exists():
            yield p


def move_aside(path: Path, when: datetime, label: str = "corrupt") -> Path:
    """Rename a file (and its -wal/-shm/-journal) to `<name>.<label>-<UTC stamp>`; never deletes."""
    stamp = utc(when).strftime("%Y%m%d-%H%M%S")
    target = path.with_name(f"{path.name}.{label}-{stamp}")
    n = 1
    while target.exists():
        n += 1
        target = path.with_name(f"{path.name}.{label}-{stamp}-{n}")
    try:
        os.replace(path, target)
        for extra in list(companions(path)):
            os.replace(extra, target.with_name(target.name + extra.name[len(path.name) :]))
    except OSError as exc:
        raise StoreCorrupt(
            f"The progress file {path} is damaged and could not be moved aside ({exc}). "
            "Move or delete it yourself to start afresh."
        ) from exc
    return target


def memory_copy_of(path: Path) -> tuple[sqlite3.Connection, bool]:
    """An in-memory database holding a copy of `path` if it can be read, else an empty one."""
    if not path.is_file():
        return fresh_memory(), False
    # A WAL file needs its -shm beside it even to read; in a read-only folder that cannot be
    # made, so fall back to `immutable=1` (no locks: fine for a one-off snapshot).
    for query in ("mode=ro", "mode=ro&immutable=1"):
        try:
            src = sqlite3.connect(f"{path.resolve().as_uri()}?{query}", uri=True, timeout=0.5)
            try:
                mem = connect(":memory:", 0.1)
                src.backup(mem)
            finally:
                src.close()
            if mem.execute("PRAGMA quick_check").fetchall() == [("ok",)]:
                migrations.migrate(mem)
                return mem, True
            mem.close()
        except (sqlite3.Error, SchemaTooNew, OSError):
            continue
    return fresh_memory(), False
