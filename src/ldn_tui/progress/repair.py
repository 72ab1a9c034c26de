"""Recovering a damaged progress file: copy every readable row, quarantine the rest, or use a backup.

Never a silent reset. When the file is damaged, `database.Database.open` moves it aside (kept,
never deleted) and calls `rebuild`, which builds a fresh file at the old path from whichever
keeps more of the student's work:

- **salvage**: the damaged copy read row by row. A table is read in rowid order; when a read
  fails (a damaged page), reading resumes past it, skipping further each time, so one bad page
  loses only the rows on it. Text that is not valid UTF-8, and rows the fresh schema rejects
  (a score out of range …), are *quarantined*: written to `<damaged file>.quarantine.json`
  (text as hex) and counted, never guessed at;
- **the newest good backup** (`backup.newest_good`), if it holds more rows.

`Outcome.message()` is the one sentence the student sees: what was kept, what was lost, where
the damaged copy is.
"""

from __future__ import annotations

import contextlib
import json
import sqlite3
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ldn_tui.progress import backup, migrations
from ldn_tui.progress.tables import PROGRESS_TABLES, TABLES

#: Append-only tables with ids from 1 up: their largest id tells how many rows there were.
COUNTED_BY_ID = ("sessions", "attempts", "card_views", "reference_opens")
#: After this many failed reads in one table, the rest of the table is given up as lost.
MAX_FAILED_READS = 40

_NOUNS = {
    "sessions": "quiz sessions",
    "attempts": "answers",
    "card_views": "card views",
    "bookmarks": "bookmarks",
    "notes": "notes",
    "schedule": "review schedule rows",
    "reference_opens": "opened references",
    "flags": "flagged questions",
    "saved_quiz": "paused quiz",
    "settings": "settings",
}


@dataclass
class Salvage:
    """What a row-by-row copy kept, quarantined and could not read, per table."""

    kept: dict[str, int] = field(default_factory=dict)
    quarantined: dict[str, int] = field(default_factory=dict)
    unreadable: dict[str, int] = field(default_factory=dict)  # failed reads (each one or more rows)
    missing: dict[str, int] = field(default_factory=dict)  # rows known to exist but unreadable
    quarantine_rows: list[dict[str, Any]] = field(default_factory=list)

    @property
    def progress_kept(self) -> int:
        return sum(n for t, n in self.kept.items() if t != "settings")


@dataclass
class Outcome:
    """How a damaged file was rebuilt, for the one message the student sees."""

    path: Path
    damaged_copy: Path
    reason: str
    source: str  # "salvage", "backup" or "nothing"
    kept: dict[str, int]
    lost: dict[str, int]
    lost_unknown: bool
    backup_id: str | None = None
    quarantine_file: Path | None = None

    def message(self) -> str:
        kept = _listing(self.kept) or "nothing"
        how = {
            "salvage": "recovered row by row from the damaged file",
            "backup": f"restored from the backup {self.backup_id} (it held more than could be read from the damaged file)",
            "nothing": "nothing could be read, and there is no usable backup",
        }[self.source]
        lost = _listing(self.lost)
        if lost:
            lost_text = f"Lost: {lost}" + (" and possibly more on damaged pages" if self.lost_unknown else "") + "."
        elif self.lost_unknown:
            lost_text = "Some rows on damaged pages could not be read; their number is unknown."
        else:
            lost_text = "Nothing was lost."
        extra = f" Unreadable rows are listed in {self.quarantine_file}." if self.quarantine_file else ""
        return (
            f"The progress file {self.path} was damaged ({' '.join(self.reason.split())}). Kept: {kept} ({how}). "
            f"{lost_text} The damaged copy is kept as {self.damaged_copy}.{extra}"
        )


#: The noun for one row, where it is not the plural without its last "s".
_ONE = {"flags": "flagged question", "saved_quiz": "paused quiz", "schedule": "review schedule row"}


def _listing(counts: dict[str, int]) -> str:
    return ", ".join(
        f"{n} {_NOUNS.get(t, t) if n != 1 else _ONE.get(t, _NOUNS.get(t, t).removesuffix('s'))}"
        for t, n in counts.items()
        if n and t != "settings"
    )


def open_damaged(path: Path) -> sqlite3.Connection:
    """A read-only connection to a damaged file that hands text back as bytes (decoded by us)."""
    try:
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, timeout=0.5)
        conn.execute("PRAGMA schema_version").fetchone()
    except sqlite3.Error:
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro&immutable=1", uri=True, timeout=0.5)
    conn.text_factory = bytes
    return conn


def read_table(src: sqlite3.Connection, table: str) -> tuple[list[str], list[tuple[Any, ...]], int]:
    """Every readable row of `table` (rowid first), and how many reads failed."""
    try:
        cols = [
            str(r[1], "utf-8", "replace") if isinstance(r[1], bytes) else r[1]
            for r in src.execute(f"PRAGMA table_info({table})")
        ]
    except sqlite3.Error:
        return [], [], 1
    if not cols:
        return [], [], 0
    rows: list[tuple[Any, ...]] = []
    failures = 0
    last: int | None = None
    skip = 1
    while failures <= MAX_FAILED_READS:
        sql = f"SELECT rowid, * FROM {table}" + (" WHERE rowid > ?" if last is not None else "") + " ORDER BY rowid"
        try:
            for row in src.execute(sql, () if last is None else (last,)):
                rows.append(row)
                last = row[0]
                skip = 1
            break
        except sqlite3.Error:
            failures += 1
            last = (last or 0) + skip
            skip *= 2
    return cols, rows, failures


def _decode(value: Any) -> Any:
    return value.decode("utf-8") if isinstance(value, bytes) else value  # strict: bad text raises


def salvage(src: sqlite3.Connection, dest: sqlite3.Connection) -> Salvage:
    """Copy every readable row of `src` into `dest` (a fresh, migrated database)."""
    out = Salvage()
    dest.execute("PRAGMA foreign_keys = OFF")
    for table in TABLES:
        want = [r[1] for r in dest.execute(f"PRAGMA table_info({table})")]
        cols, rows, failures = read_table(src, table)
        out.unreadable[table] = failures
        use = [c for c in cols if c in want]
        kept = bad = 0
        for row in rows:
            values = dict(zip(["rowid", *cols], row, strict=False))
            try:
                decoded = [_decode(values[c]) for c in use]
                dest.execute(f"INSERT INTO {table}({', '.join(use)}) VALUES ({', '.join('?' * len(use))})", decoded)
                kept += 1
            except (UnicodeDecodeError, sqlite3.Error) as exc:
                bad += 1
                out.quarantine_rows.append(
                    {
                        "table": table,
                        "rowid": values.get("rowid"),
                        "problem": "text is not valid UTF-8" if isinstance(exc, UnicodeDecodeError) else str(exc),
                        "row": {c: _plain(values[c]) for c in cols},
                    }
                )
        out.kept[table] = kept
        out.quarantined[table] = bad
        if failures and table in COUNTED_BY_ID:
            with contextlib.suppress(sqlite3.Error, TypeError):
                top = src.execute(f"SELECT max(rowid) FROM {table}").fetchone()[0]
                out.missing[table] = max(0, int(top) - len(rows))
    with contextlib.suppress(sqlite3.Error):
        dest.execute(
            "UPDATE attempts SET session_id = NULL WHERE session_id IS NOT NULL "
            "AND session_id NOT IN (SELECT id FROM sessions)"
        )
    dest.execute("PRAGMA foreign_keys = ON")
    return out


def _plain(value: Any) -> Any:
    if isinstance(value, bytes):
        try:
            return value.decode("utf-8")
        except UnicodeDecodeError:
            return {"hex": value.hex()}
    return value


def write_quarantine(rows: list[dict[str, Any]], damaged_copy: Path) -> Path | None:
    """Write the quarantined rows beside the damaged copy; None if there are none (or it fails)."""
    if not rows:
        return None
    target = damaged_copy.with_name(damaged_copy.name + ".quarantine.json")
    try:
        target.write_text(json.dumps(rows, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    except OSError:
        return None
    return target


def rebuild(path: Path, damaged_copy: Path, reason: str) -> Outcome:
    """Build a fresh file at `path` from the damaged copy or the newest good backup (whichever
    keeps more rows of progress); return what happened. `path` must not exist."""
    from ldn_tui.progress.files import connect

    result = Salvage()
    read_ok = True
    try:
        src = open_damaged(damaged_copy)
        try:
            scratch = connect(":memory:", 0.1)
            migrations.migrate(scratch)
            result = salvage(src, scratch)
        finally:
            src.close()
    except sqlite3.Error:
        read_ok = False
        scratch = connect(":memory:", 0.1)
        migrations.migrate(scratch)
    good = backup.newest_good(path)
    lost_unknown = not read_ok or any(result.unreadable.values())
    use_backup = good is not None and sum(good[1].values()) > result.progress_kept
    if use_backup:
        assert good is not None
        b, counts = good
        backup.copy_into(b.path, path)
        scratch.close()
        lost = {t: max(0, result.kept.get(t, 0) - counts.get(t, 0)) for t in PROGRESS_TABLES}
        return Outcome(path, damaged_copy, reason, "backup", counts, lost, True, b.id)
    dest = sqlite3.connect(path)
    try:
        scratch.backup(dest)
    finally:
        dest.close()
        scratch.close()
    quarantine = write_quarantine(result.quarantine_rows, damaged_copy)
    source = "salvage" if result.progress_kept or read_ok else "nothing"
    return Outcome(
        path,
        damaged_copy,
        reason,
        source,
        {t: n for t, n in result.kept.items() if t != "settings"},
        {t: n + result.missing.get(t, 0) for t, n in result.quarantined.items() if t != "settings"},
        lost_unknown and not all(t in COUNTED_BY_ID for t, n in result.unreadable.items() if n),
        quarantine_file=quarantine,
    )
