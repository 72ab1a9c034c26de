"""Restoring a JSON export into the progress store (`ldn-study import`), all or nothing.

`jsonio` writes the file and checks what is read back (`read_export`, `check`); this module writes
the checked tables into a store in one transaction, merging with `force`, reporting what it would
add, update and skip with `dry_run`, and verifying the counts before and after it commits.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ldn_tui.export.common import ExportError
from ldn_tui.export.jsonio import StoreNotEmpty, decode_json, read_export
from ldn_tui.export.jsonspec import VOLATILE_SETTINGS, row_name
from ldn_tui.progress.tables import PROGRESS_TABLES, TABLES

# --- restoring --------------------------------------------------------------------------------


@dataclass
class ImportResult:
    added: dict[str, int] = field(default_factory=dict)  # new rows, per table
    skipped: dict[str, int] = field(default_factory=dict)  # rows already there (merge), per table
    merged: bool = False
    updated: dict[str, int] = field(default_factory=dict)  # rows replaced by newer ones (notes, schedule)
    dry_run: bool = False
    verified: bool = False  # the store's counts after the import were checked against `added`

    def summary(self) -> str:
        parts = [f"{n} {row_name(t)}" for t, n in self.added.items() if n]
        text = ", ".join(parts) if parts else "nothing new"
        updated = [f"{n} {row_name(t)}" for t, n in self.updated.items() if n]
        if updated:
            text += f"; updated {', '.join(updated)}"
        skipped = sum(self.skipped.values())
        if skipped:
            text += f" ({skipped} already there, kept as they were)"
        return text

    def plan(self) -> str:
        """What a dry run found: `add …; update …; skip …`."""
        add = ", ".join(f"{n} {row_name(t)}" for t, n in self.added.items() if n) or "nothing"
        upd = ", ".join(f"{n} {row_name(t)}" for t, n in self.updated.items() if n) or "nothing"
        skip = ", ".join(f"{n} {row_name(t)}" for t, n in self.skipped.items() if n) or "nothing"
        return f"would add {add}; update {upd}; skip {skip} (already there)"


class ImportVerifyFailed(ExportError):
    """The counts in the store after an import do not add up; the import was rolled back."""


class _DryRun(Exception):
    pass


def progress_rows(store) -> int:
    """How many rows of progress (not settings) `store` holds."""
    counts = store.counts()
    return sum(counts.get(t, 0) for t in PROGRESS_TABLES)


def _t(text: str | None):
    from ldn_tui.progress.store import parse_iso

    return parse_iso(text)


def import_data(store, checked: dict[str, Any], *, force: bool = False, dry_run: bool = False) -> ImportResult:
    """Write checked tables (from `read_export`/`check`) into `store`, in one transaction.

    All or nothing: every row is written inside `store.batch()`; before it commits, the store's
    row counts are checked against what was added, and any difference (or any failure) rolls
    the whole import back. `dry_run` does the same work and always rolls back, so the result
    says exactly what an import would add, update and skip. After the commit the counts are
    read again (`result.verified`). Raises `ExportError` (nothing changed) on any failure.
    """
    import sqlite3

    from ldn_tui.progress.errors import StoreError

    if store.read_only and not dry_run:
        raise ExportError(f"Cannot import: progress is not being saved right now. {store.notice or ''}".strip())
    before = store.counts()
    result: ImportResult | None = None
    try:
        with store.batch():
            result = _import_rows(store, checked, force=force)
            _verify(store, before, result)
            if dry_run:
                raise _DryRun
    except _DryRun:
        assert result is not None
        result.dry_run = True
        return result
    except (sqlite3.Error, StoreError) as exc:
        raise ExportError(f"The import failed and was rolled back; nothing was changed ({exc}).") from exc
    assert result is not None
    _verify(store, before, result)
    result.verified = True
    return result


def _verify(store, before: dict[str, int], result: ImportResult) -> None:
    after = store.counts()
    wrong = [
        f"{t}: expected {before.get(t, 0) + result.added.get(t, 0)}, found {after.get(t, 0)}"
        for t in PROGRESS_TABLES
        if after.get(t, 0) != before.get(t, 0) + result.added.get(t, 0)
    ]
    if wrong:
        raise ImportVerifyFailed(
            f"The import did not add up ({'; '.join(wrong)}); it was rolled back and nothing was changed."
        )


def _import_rows(store, checked: dict[str, Any], *, force: bool) -> ImportResult:
    from ldn_tui.progress.store import ScheduleRow, iso

    if store.read_only:
        raise ExportError(f"Cannot import: progress is not being saved right now. {store.notice or ''}".strip())
    existing_n = progress_rows(store)
    if existing_n and not force:
        raise StoreNotEmpty(
            f"The progress store {store.path} already holds progress ({existing_n} rows). "
            "Add --force to merge the file into it (rows already there are kept), or import into "
            "a fresh store (set LDN_STUDY_HOME to an empty folder)."
        )
    tables = checked["tables"]
    have = store.export_rows()
    result = ImportResult(
        added={t: 0 for t in TABLES},
        skipped={t: 0 for t in TABLES},
        merged=existing_n > 0,
        updated={t: 0 for t in TABLES},
    )

    def norm(t: str | None) -> str | None:
        return None if t is None else iso(_t(t))

    # sessions: map file ids to store ids
    session_ids: dict[int, int] = {}
    have_sessions = {
        (s["started_at"], s["mode"], json.dumps(decode_json(s["selection"]), sort_keys=True)): s["id"]
        for s in have["sessions"]
    }
    for s in tables["sessions"]:
        key = (norm(s["started_at"]), s["mode"], json.dumps(s["selection"], sort_keys=True))
        if key in have_sessions:
            session_ids[s["id"]] = have_sessions[key]
            result.skipped["sessions"] += 1
            continue
        new_id = store.start_session(s["mode"], s["selection"], now=_t(s["started_at"]))
        if s["finished_at"] is not None:
            store.finish_session(new_id, now=_t(s["finished_at"]))
        session_ids[s["id"]] = new_id
        have_sessions[key] = new_id
        result.added["sessions"] += 1

    have_attempts = {
        (a["question_uid"], a["answered_at"], json.dumps(decode_json(a["answer"]), sort_keys=True))
        for a in have["attempts"]
    }
    for a in tables["attempts"]:
        key = (a["question_uid"], norm(a["answered_at"]), json.dumps(a["answer"], sort_keys=True))
        if key in have_attempts:
            result.skipped["attempts"] += 1
            continue
        store.record_attempt(
            a["question_uid"],
            card_id=a["card_id"],
            content_hash=a["content_hash"],
            answer=a["answer"],
            score=a["score"],
            confidence=a["confidence"],
            elapsed_ms=a["elapsed_ms"],
            session_id=session_ids.get(a["session_id"]) if a["session_id"] is not None else None,
            generated=a["generated"],
            now=_t(a["answered_at"]),
        )
        have_attempts.add(key)
        result.added["attempts"] += 1

    for table, id_col, time_col, write in (
        ("card_views", "card_id", "viewed_at", lambda r: store.record_view(r["card_id"], now=_t(r["viewed_at"]))),
        (
            "reference_opens",
            "reference_id",
            "opened_at",
            lambda r: store.record_reference_open(r["reference_id"], now=_t(r["opened_at"])),
        ),
    ):
        seen = {(r[id_col], r[time_col]) for r in have[table]}
        for r in tables[table]:
            key = (r[id_col], norm(r[time_col]))
            if key in seen:
                result.skipped[table] += 1
                continue
            write(r)
            seen.add(key)
            result.added[table] += 1

    marked = {b["card_id"] for b in have["bookmarks"]}
    for b in tables["bookmarks"]:
        if b["card_id"] in marked:
            result.skipped["bookmarks"] += 1
            continue
        store.add_bookmark(b["card_id"], now=_t(b["created_at"]))
        result.added["bookmarks"] += 1

    notes = {n["card_id"]: n for n in have["notes"]}
    for n in tables["notes"]:
        old = notes.get(n["card_id"])
        if old is not None and (old["body"] == n["body"] or _t(old["updated_at"]) >= _t(n["updated_at"])):
            result.skipped["notes"] += 1
            continue
        store.set_note(n["card_id"], n["body"], now=_t(n["updated_at"]))
        if old is not None:
            result.updated["notes"] += 1
        else:
            result.added["notes"] += 1

    sched = {r["question_uid"]: r for r in have["schedule"]}
    for r in tables["schedule"]:
        old = sched.get(r["question_uid"])
        if old is not None and _later_or_same(old.get("last_review"), r["last_review"]):
            result.skipped["schedule"] += 1
            continue
        store.save_schedule(
            ScheduleRow(
                question_uid=r["question_uid"],
                content_hash=r["content_hash"],
                card=_fsrs_card_text(r["card"]),
                due=_t(r["due"]),
                state=r["state"],
                last_review=_t(r["last_review"]),
                suspended=r["suspended"],
            )
        )
        if old is not None:
            result.updated["schedule"] += 1
        else:
            result.added["schedule"] += 1

    _import_flags(store, tables["flags"], have["flags"], result)
    _import_saved_quiz(store, tables["saved_quiz"], have["saved_quiz"], session_ids, result)

    settings = {s["key"] for s in have["settings"] if s["key"] not in VOLATILE_SETTINGS}
    for s in tables["settings"]:
        if s["key"] in VOLATILE_SETTINGS:
            continue
        if s["key"] in settings:
            result.skipped["settings"] += 1
            continue
        store.set_setting(s["key"], s["value"])
        result.added["settings"] += 1
    return result


def _import_flags(store, rows: list[dict[str, Any]], have: list[dict[str, Any]], result: ImportResult) -> None:
    flagged = {f["question_uid"] for f in have}
    for f in rows:
        if f["question_uid"] in flagged:
            result.skipped["flags"] += 1
            continue
        store.set_flag(f["question_uid"], True, now=_t(f["created_at"]))
        flagged.add(f["question_uid"])
        result.added["flags"] += 1


def _import_saved_quiz(
    store, rows: list[dict[str, Any]], have: list[dict[str, Any]], session_ids: dict[int, int], result: ImportResult
) -> None:
    """The paused quiz (at most one), with its session id changed to the one the import gave it.

    Into a store that has its own paused quiz, the file's replaces it only if it was saved later.
    """
    old = have[0] if have else None
    for q in rows:
        state = dict(q["state"])
        if isinstance(state.get("session_id"), int):
            state["session_id"] = session_ids[state["session_id"]]
        if old is not None and (decode_json(old["state"]) == state or _t(old["updated_at"]) >= _t(q["updated_at"])):
            result.skipped["saved_quiz"] += 1
            continue
        store.save_quiz_state(state, now=_t(q["updated_at"]))
        if old is not None:
            result.updated["saved_quiz"] += 1
        else:
            result.added["saved_quiz"] += 1


def _fsrs_card_text(card: dict[str, Any]) -> str:
    """A schedule row's FSRS card as the text fsrs itself writes (the file has its keys sorted)."""
    text = json.dumps(card)
    try:
        from fsrs import Card as FsrsCard

        return FsrsCard.from_json(text).to_json()
    except (ValueError, KeyError, TypeError):
        return text


def _later_or_same(mine: str | None, theirs: str | None) -> bool:
    """Whether the store's schedule row (last reviewed `mine`) is at least as recent as the file's."""
    if theirs is None:
        return True
    if mine is None:
        return False
    return _t(mine) >= _t(theirs)


def import_file(store, path: Path | str, *, force: bool = False, dry_run: bool = False) -> ImportResult:
    """Check `path` and restore it into `store`. Raises `ImportFileError`, `StoreNotEmpty`, `ExportError`."""
    return import_data(store, read_export(path), force=force, dry_run=dry_run)
