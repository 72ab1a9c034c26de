"""`ldn-study doctor`: check the progress file thoroughly, and repair what can be repaired.

Checks, each cheap enough for a student's file (thousands of rows, well under a second):

- `PRAGMA integrity_check` (the full one, not the `quick_check` run at every open);
- every text value decodes as UTF-8 (damage `quick_check` cannot see);
- values in range: scores 0–1, `correct` 0/1, a known confidence, times that parse, elapsed
  times not negative, JSON columns that parse, FSRS state 1–3 with a card object whose
  stability and difficulty are numbers;
- ids that exist in the content: cards, questions (authored and generated) and references no
  longer in the content are reported as *orphaned* — kept, since content may bring them back.

`repair` quarantines every bad row (written to `progress.sqlite3.quarantine-<stamp>.json`
beside the file, with bad text as hex) and deletes it, in one transaction, after a backup; a
file that fails `integrity_check` is instead moved aside and rebuilt (`repair.rebuild`).
Nothing here raises for bad data: every problem is a line in the report.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from ldn_tui.content.model import Content
from ldn_tui.progress import repair
from ldn_tui.progress.files import move_aside
from ldn_tui.progress.tables import TABLES
from ldn_tui.progress.times import utc


@dataclass(frozen=True, slots=True)
class Problem:
    table: str
    rowid: int
    column: str
    what: str

    def __str__(self) -> str:
        return f"{self.table} row {self.rowid}: {self.column} {self.what}"


@dataclass
class Report:
    path: Path
    integrity: list[str] = field(default_factory=list)  # empty when integrity_check says ok
    bad_rows: list[Problem] = field(default_factory=list)
    orphans: dict[str, set[str]] = field(default_factory=dict)  # kind -> ids not in the content
    rows: dict[str, int] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return not self.integrity and not self.bad_rows

    def lines(self) -> list[str]:
        out = [f"Progress file: {self.path}"]
        out.append(f"Rows: {', '.join(f'{n} {t}' for t, n in self.rows.items())}" if self.rows else "Rows: none read")
        if self.integrity:
            out.append("integrity_check: FAILED — " + "; ".join(self.integrity[:5]))
        else:
            out.append("integrity_check: ok")
        if self.bad_rows:
            out.append(f"{len(self.bad_rows)} bad row(s):")
            out.extend(f"  {p}" for p in self.bad_rows[:20])
            if len(self.bad_rows) > 20:
                out.append(f"  … and {len(self.bad_rows) - 20} more")
        else:
            out.append("Row checks: ok (text decodes, values in range, schedule state sane)")
        for kind, ids in sorted(self.orphans.items()):
            if ids:
                shown = ", ".join(sorted(ids)[:5]) + (" …" if len(ids) > 5 else "")
                out.append(f"Orphaned {kind} (not in the content; kept): {len(ids)} — {shown}")
        return out


def _time(v: Any) -> bool:
    if not isinstance(v, str):
        return False
    try:
        datetime.fromisoformat(v)
    except ValueError:
        return False
    return True


def _json(v: Any) -> bool:
    try:
        json.loads(v)
    except (TypeError, ValueError):
        return False
    return True


def _fsrs_card(v: Any) -> bool:
    try:
        card = json.loads(v)
    except (TypeError, ValueError):
        return False
    if not isinstance(card, dict):
        return False
    for key in ("stability", "difficulty"):
        x = card.get(key)
        if x is not None and (not isinstance(x, int | float) or x < 0):
            return False
    return True


_OPT_TIME: Callable[[Any], bool] = lambda v: v is None or _time(v)  # noqa: E731

#: table -> column -> (test, what is wrong when it fails)
RULES: dict[str, dict[str, tuple[Callable[[Any], bool], str]]] = {
    "sessions": {"started_at": (_time, "is not a time"), "finished_at": (_OPT_TIME, "is not a time")},
    "attempts": {
        "score": (lambda v: isinstance(v, int | float) and 0 <= v <= 1, "is not a number from 0 to 1"),
        "correct": (lambda v: v in (0, 1), "is not 0 or 1"),
        "confidence": (lambda v: v in (None, "sure", "unsure", "guess"), "is not sure/unsure/guess"),
        "answered_at": (_time, "is not a time"),
        "elapsed_ms": (lambda v: v is None or (isinstance(v, int) and v >= 0), "is negative or not a number"),
        "answer": (_json, "is not JSON"),
    },
    "card_views": {"viewed_at": (_time, "is not a time")},
    "bookmarks": {"created_at": (_time, "is not a time")},
    "notes": {"updated_at": (_time, "is not a time")},
    "schedule": {
        "state": (lambda v: v in (1, 2, 3), "is not an FSRS state (1 learning, 2 review, 3 relearning)"),
        "due": (_time, "is not a time"),
        "last_review": (_OPT_TIME, "is not a time"),
        "card": (_fsrs_card, "is not an FSRS card (JSON object, stability and difficulty ≥ 0)"),
    },
    "reference_opens": {"opened_at": (_time, "is not a time")},
    "settings": {"value": (_json, "is not JSON")},
}


def check(path: Path, content: Content | None = None) -> Report:
    """Check the file at `path` (read-only); see the module docstring."""
    report = Report(Path(path))
    try:
        src = repair.open_damaged(Path(path))
    except sqlite3.Error as exc:
        report.integrity = [f"cannot be opened: {exc}"]
        return report
    try:
        try:
            result = [_text(r[0]) for r in src.execute("PRAGMA integrity_check")]
            report.integrity = [] if result == ["ok"] else result
        except sqlite3.Error as exc:
            report.integrity = [str(exc)]
        ids = _content_ids(content) if content is not None else None
        for table in TABLES:
            cols, rows, failures = repair.read_table(src, table)
            report.rows[table] = len(rows)
            if failures:
                report.integrity.append(f"{table}: {failures} read(s) failed")
            for row in rows:
                _check_row(table, dict(zip(["rowid", *cols], row, strict=False)), report, ids)
    finally:
        src.close()
    return report


def _text(v: Any) -> str:
    return v.decode("utf-8", "replace") if isinstance(v, bytes) else str(v)


def _content_ids(content: Content) -> dict[str, set[str]]:
    from ldn_tui.progress.scheduler import content_hashes

    return {
        "cards": set(content.card_by_id),
        "questions": set(content_hashes(content, include_generated=True)),
        "references": set(content.reference_by_id),
    }


_ID_COLUMNS = {
    ("attempts", "card_id"): "cards",
    ("card_views", "card_id"): "cards",
    ("bookmarks", "card_id"): "cards",
    ("notes", "card_id"): "cards",
    ("attempts", "question_uid"): "questions",
    ("schedule", "question_uid"): "questions",
    ("reference_opens", "reference_id"): "references",
}


def _check_row(table: str, row: dict[str, Any], report: Report, ids: dict[str, set[str]] | None) -> None:
    rowid = int(row["rowid"])
    decoded: dict[str, Any] = {}
    for col, value in row.items():
        if isinstance(value, bytes):
            try:
                decoded[col] = value.decode("utf-8")
            except UnicodeDecodeError:
                report.bad_rows.append(Problem(table, rowid, col, "is not valid UTF-8 text"))
                return
        else:
            decoded[col] = value
    for col, (test, what) in RULES.get(table, {}).items():
        if col in decoded and not test(decoded[col]):
            report.bad_rows.append(Problem(table, rowid, col, what))
            return
    if ids is not None:
        for (t, col), kind in _ID_COLUMNS.items():
            if t == table and col in decoded and decoded[col] not in ids[kind]:
                report.orphans.setdefault(kind, set()).add(str(decoded[col]))


def quarantine(path: Path, report: Report, now: datetime) -> Path | None:
    """Move the report's bad rows out of the file (into a JSON file beside it), in one
    transaction; return the JSON file (None if there was nothing to move)."""
    if not report.bad_rows:
        return None
    conn = sqlite3.connect(path, timeout=5, isolation_level=None)
    conn.text_factory = bytes
    try:
        conn.execute("BEGIN IMMEDIATE")
        saved: list[dict[str, Any]] = []
        for p in report.bad_rows:
            cur = conn.execute(f"SELECT * FROM {p.table} WHERE rowid = ?", (p.rowid,))
            names = [_text(d[0]) for d in cur.description]
            for values in cur.fetchall():
                row = {n: repair._plain(v) for n, v in zip(names, values, strict=False)}
                saved.append({"table": p.table, "rowid": p.rowid, "problem": f"{p.column} {p.what}", "row": row})
            conn.execute(f"DELETE FROM {p.table} WHERE rowid = ?", (p.rowid,))
        stamp = utc(now).strftime("%Y%m%d-%H%M%S")
        target = path.with_name(f"{path.name}.quarantine-{stamp}.json")
        target.write_text(json.dumps(saved, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
        conn.execute("COMMIT")
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise
    finally:
        conn.close()
    return target


def rebuild(path: Path, report: Report, now: datetime) -> repair.Outcome:
    """Move a file that fails `integrity_check` aside and rebuild it (`repair.rebuild`)."""
    moved = move_aside(path, now)
    return repair.rebuild(path, moved, "; ".join(report.integrity[:2]) or "integrity_check failed")
