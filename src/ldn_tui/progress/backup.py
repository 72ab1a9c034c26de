"""Backups of the progress file with SQLite's online backup API, rotated, and restoring one.

Backups live in a `backups/` folder beside the progress file (in the data folder for the
student's own progress), named `progress-YYYYmmdd-HHMMSS.sqlite3` in UTC; the stamp is the
backup's id (`ldn-study backup restore 20261121-093000`).

- **Consistent copies while the app runs.** `Connection.backup` copies page by page under
  SQLite's own locking, so a backup taken while answers are being written is a snapshot of
  one committed state. The copy is written to a temp file in the same folder and renamed into
  place, so a backup is complete or absent.
- **Rotation** keeps the newest `KEEP_RECENT`, plus the newest of each day for a week and the
  newest of each ISO week for a month (as Anki keeps its automatic backups); the rest are
  deleted (they are our own copies, never the student's file).
- **Restoring never deletes.** The backup is checked (`integrity_check`, a schema this version
  understands) before anything is touched; the current file is renamed to
  `progress.sqlite3.before-restore-<stamp>` and the backup copied into its place.
"""

from __future__ import annotations

import contextlib
import os
import re
import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from ldn_tui.fileio import process_alive
from ldn_tui.progress import migrations
from ldn_tui.progress.errors import StoreError
from ldn_tui.progress.files import move_aside
from ldn_tui.progress.tables import PROGRESS_TABLES
from ldn_tui.progress.times import utc

#: How many of the newest backups are always kept.
KEEP_RECENT = 10
#: Beyond those: the newest backup of each of the last `KEEP_DAYS` days ...
KEEP_DAYS = 7
#: ... and the newest of each ISO week of the last `KEEP_WEEKS_DAYS` days.
KEEP_WEEKS_DAYS = 31
#: At most one automatic backup per this many minutes of use.
AUTO_EVERY_MINUTES = 15

_NAME = re.compile(r"^progress-(\d{8}-\d{6}(?:-\d+)?)\.sqlite3$")


class BackupError(StoreError):
    """A backup could not be made, found or restored; `str()` says why and what was kept."""


@dataclass(frozen=True, slots=True)
class Backup:
    id: str
    path: Path
    when: datetime  # UTC
    size: int


def backups_dir(db_path: Path) -> Path:
    return Path(db_path).parent / "backups"


def list_backups(db_path: Path) -> list[Backup]:
    """The backups of `db_path`, newest first."""
    folder = backups_dir(db_path)
    out: list[Backup] = []
    try:
        entries = list(folder.iterdir())
    except OSError:
        return []
    for entry in entries:
        m = _NAME.match(entry.name)
        if not m:
            continue
        try:
            when = datetime.strptime(m.group(1)[:15], "%Y%m%d-%H%M%S").replace(tzinfo=UTC)
            size = entry.stat().st_size
        except (ValueError, OSError):
            continue
        out.append(Backup(m.group(1), entry, when, size))
    out.sort(key=lambda b: (b.when, len(b.id), b.id), reverse=True)
    return out


def find(db_path: Path, backup_id: str) -> Backup:
    for b in list_backups(db_path):
        if b.id == backup_id or b.path.name == backup_id:
            return b
    known = ", ".join(b.id for b in list_backups(db_path)[:5]) or "none yet"
    raise BackupError(f"No backup {backup_id!r} in {backups_dir(db_path)} (newest: {known}).")


def create(conn: sqlite3.Connection, db_path: Path, now: datetime, *, rotate_after: bool = True) -> Backup:
    """Copy the database behind `conn` into a new backup file; rotate old ones. Raises `BackupError`."""
    folder = backups_dir(db_path)
    stamp = utc(now).strftime("%Y%m%d-%H%M%S")
    target = folder / f"progress-{stamp}.sqlite3"
    n = 1
    while target.exists():
        n += 1
        target = folder / f"progress-{stamp}-{n}.sqlite3"
    tmp = folder / f".{target.name}.{os.getpid()}.tmp"
    try:
        folder.mkdir(parents=True, exist_ok=True)
        dest = sqlite3.connect(tmp)
        try:
            conn.backup(dest)
            dest.execute("PRAGMA journal_mode = DELETE").fetchone()  # one self-contained file
        finally:
            dest.close()
        with open(tmp, "rb") as fh:
            os.fsync(fh.fileno())
        os.replace(tmp, target)
    except (sqlite3.Error, OSError) as exc:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise BackupError(f"Could not write a backup in {folder}: {exc}.") from exc
    if rotate_after:
        rotate(db_path, now)
    return Backup(target.name[len("progress-") : -len(".sqlite3")], target, utc(now), target.stat().st_size)


def keep_set(backups: Iterable[Backup], now: datetime) -> set[Path]:
    """Which backups rotation keeps (see the module docstring); `backups` newest first."""
    ordered = sorted(backups, key=lambda b: b.when, reverse=True)
    keep = {b.path for b in ordered[:KEEP_RECENT]}
    days: set[object] = set()
    weeks: set[object] = set()
    now = utc(now)
    for b in ordered:
        age = now - b.when
        if age <= timedelta(days=KEEP_DAYS) and b.when.date() not in days:
            days.add(b.when.date())
            keep.add(b.path)
        week = b.when.isocalendar()[:2]
        if age <= timedelta(days=KEEP_WEEKS_DAYS) and week not in weeks:
            weeks.add(week)
            keep.add(b.path)
    return keep


def rotate(db_path: Path, now: datetime) -> list[Path]:
    """Delete the backups rotation does not keep; return what was deleted. Stale temp files
    left by a backup that was killed are removed too."""
    backups = list_backups(db_path)
    keep = keep_set(backups, now)
    gone: list[Path] = []
    for b in backups:
        if b.path not in keep:
            with contextlib.suppress(OSError):
                b.path.unlink()
                gone.append(b.path)
    folder = backups_dir(db_path)
    with contextlib.suppress(OSError):
        for tmp in folder.glob(".progress-*.tmp"):
            pid = tmp.name.rsplit(".", 2)[-2]
            if not pid.isdigit() or not process_alive(int(pid)):
                tmp.unlink()
    return gone


def check(path: Path) -> dict[str, int]:
    """Verify a backup file: full `integrity_check` and a schema this version understands.
    Returns its row counts per progress table. Raises `BackupError` saying what is wrong."""
    try:
        conn = sqlite3.connect(f"{Path(path).resolve().as_uri()}?mode=ro", uri=True, timeout=1)
    except sqlite3.Error as exc:
        raise BackupError(f"The backup {path} cannot be opened: {exc}.") from exc
    try:
        result = conn.execute("PRAGMA integrity_check").fetchall()
        if result != [("ok",)]:
            raise BackupError(f"The backup {path} is damaged ({'; '.join(str(r[0]) for r in result[:3])}).")
        version = migrations.user_version(conn)
        if version > migrations.LATEST:
            raise BackupError(f"The backup {path} was written by a newer ldn-study (schema version {version}).")
        present = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        return {
            t: conn.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0] if t in present else 0 for t in PROGRESS_TABLES
        }
    except sqlite3.Error as exc:
        raise BackupError(f"The backup {path} cannot be read: {exc}.") from exc
    finally:
        conn.close()


def newest_good(db_path: Path) -> tuple[Backup, dict[str, int]] | None:
    """The newest backup that passes `check`, with its row counts; None if there is none."""
    for b in list_backups(db_path):
        try:
            return b, check(b.path)
        except BackupError:
            continue
    return None


def copy_into(source: Path, db_path: Path) -> None:
    """Write a copy of the database `source` at `db_path` (which must not exist), atomically."""
    tmp = db_path.with_name(f".{db_path.name}.restore-{os.getpid()}.tmp")
    try:
        src = sqlite3.connect(f"{Path(source).resolve().as_uri()}?mode=ro", uri=True, timeout=1)
        dest = sqlite3.connect(tmp)
        try:
            src.backup(dest)
            dest.execute("PRAGMA journal_mode = DELETE").fetchone()
        finally:
            dest.close()
            src.close()
        with open(tmp, "rb") as fh:
            os.fsync(fh.fileno())
        os.replace(tmp, db_path)
    except (sqlite3.Error, OSError) as exc:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise BackupError(f"Could not copy {source} to {db_path}: {exc}.") from exc


def restore(db_path: Path, backup_id: str, now: datetime) -> tuple[Backup, Path | None]:
    """Check the backup, move the current file aside, put the backup in its place.

    Returns the backup and where the previous file went (None if there was none). Refuses
    (`BackupError`) while another process holds the progress file's lock.
    """
    backup = find(db_path, backup_id)
    check(backup.path)
    _refuse_if_in_use(db_path)
    moved = move_aside(db_path, now, "before-restore") if db_path.exists() else None
    try:
        copy_into(backup.path, db_path)
    except BackupError as exc:
        raise BackupError(f"{exc} Your previous progress file is kept as {moved}.") from exc
    return backup, moved


def _refuse_if_in_use(db_path: Path) -> None:
    if not db_path.exists():
        return
    conn = sqlite3.connect(db_path, timeout=0.5, isolation_level=None)
    try:
        conn.execute("BEGIN IMMEDIATE")
        conn.execute("ROLLBACK")
    except sqlite3.OperationalError as exc:
        raise BackupError(
            f"The progress file {db_path} is in use by another ldn-study ({exc}). Close it and try again."
        ) from exc
    finally:
        conn.close()
