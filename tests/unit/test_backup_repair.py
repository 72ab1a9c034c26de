"""Backups (online API, rotation, verified restore), the writer's report at exit, batch writes."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from ldn_tui.progress import backup
from ldn_tui.progress.errors import StoreLocked
from ldn_tui.progress.store import ProgressStore
from ldn_tui.study import Writer

T0 = datetime(2026, 3, 1, 9, 0, tzinfo=UTC)


def test_rotation_keeps_recent_daily_and_weekly(tmp_path):
    now = T0
    made = [
        backup.Backup(f"b{i}", tmp_path / f"b{i}", now - timedelta(hours=6 * i), 1)
        for i in range(200)  # every 6 hours for 50 days
    ]
    keep = backup.keep_set(made, now)
    assert {b.path for b in made[: backup.KEEP_RECENT]} <= keep
    kept = [b for b in made if b.path in keep]
    days_in_week = {b.when.date() for b in kept if now - b.when <= timedelta(days=7)}
    assert len(days_in_week) >= 7
    assert all(now - b.when <= timedelta(days=backup.KEEP_WEEKS_DAYS) for b in kept)
    assert len(kept) < 30


def test_create_list_restore_round_trip_moves_current_aside(tmp_path):
    db = tmp_path / "progress.sqlite3"
    store = ProgressStore.open(db, now=T0)
    store.set_note("a.card", "before")
    made = store.create_backup()
    store.set_note("a.card", "after")
    store.close()
    assert [b.id for b in backup.list_backups(db)] == [made.id]
    restored, moved = backup.restore(db, made.id, T0 + timedelta(minutes=1))
    assert restored.id == made.id and moved is not None and moved.exists()
    assert ProgressStore.open(db).get_note("a.card") == "before"
    assert ProgressStore.open(moved).get_note("a.card") == "after"  # the previous file is kept


def test_restore_refuses_a_damaged_backup_and_touches_nothing(tmp_path):
    db = tmp_path / "progress.sqlite3"
    store = ProgressStore.open(db, now=T0)
    made = store.create_backup()
    store.set_note("a.card", "current")
    store.close()
    with open(made.path, "r+b") as fh:
        fh.seek(4096)
        fh.write(b"\x00" * 4096)
    with pytest.raises(backup.BackupError, match="damaged|cannot be read"):
        backup.restore(db, made.id, T0)
    assert ProgressStore.open(db).get_note("a.card") == "current"
    assert not list(tmp_path.glob("progress.sqlite3.before-restore-*"))


def test_unknown_backup_id_names_the_folder(tmp_path):
    with pytest.raises(backup.BackupError, match="No backup 'nope'"):
        backup.find(tmp_path / "progress.sqlite3", "nope")


def test_writer_close_names_the_write_still_waiting_and_the_queued_ones():
    def locked():
        raise StoreLocked("p.sqlite3")

    writer = Writer(retry_for=60)
    writer.submit("your note on a", locked)
    writer.submit("the bookmark on b", lambda: None)
    unsaved = writer.close(timeout=0.5)
    assert unsaved == ["your note on a", "the bookmark on b"]
    assert "retrying for up to 60 s" in writer.status_text()


def test_batch_is_all_or_nothing(tmp_path):
    store = ProgressStore.open(tmp_path / "p.sqlite3", now=T0)
    with pytest.raises(RuntimeError), store.batch():
        store.record_view("a")
        store.record_view("b")
        raise RuntimeError("stop")
    assert store.counts()["card_views"] == 0
    with store.batch():
        store.record_view("a")
        store.record_view("b")
    assert store.counts()["card_views"] == 2


def test_bad_utf8_is_read_with_replacement_and_flagged(tmp_path):
    db: Path = tmp_path / "p.sqlite3"
    ProgressStore.open(db, now=T0).close()
    conn = sqlite3.connect(db)
    conn.execute("INSERT INTO notes VALUES ('a', CAST(x'41ff' AS TEXT), '2026-01-01T00:00:00+00:00')")
    conn.commit()
    conn.close()
    store = ProgressStore.open(db)
    assert store.get_note("a") == "A\ufffd"
    assert store.bad_text


def test_a_rebuilt_file_keeps_flags_and_the_paused_quiz(tmp_path):
    """Repair copies every table of progress, the quiz's flags and the paused quiz included."""
    from ldn_tui.progress import repair

    db = tmp_path / "progress.sqlite3"
    store = ProgressStore.open(db, now=T0)
    store.set_note("a.card", "kept")
    store.set_flag("a.card/q1", True, now=T0)
    store.save_quiz_state({"version": 1, "position": 2}, now=T0)
    store.close()
    damaged = tmp_path / "progress.damaged.sqlite3"
    db.rename(damaged)
    outcome = repair.rebuild(db, damaged, "test")
    assert outcome.source == "salvage"
    rebuilt = ProgressStore.open(db)
    assert rebuilt.get_note("a.card") == "kept"
    assert rebuilt.flagged_uids() == {"a.card/q1"}
    assert rebuilt.saved_quiz_state() == {"version": 1, "position": 2}
    assert "1 flagged question," in outcome.message() and "1 paused quiz" in outcome.message()


def test_a_backup_from_before_flags_is_still_checked_and_counted(tmp_path):
    """Backups written at schema version 2 have no flags or paused-quiz table: they count 0 there."""
    from ldn_tui.progress import migrations

    old = tmp_path / "old.sqlite3"
    conn = sqlite3.connect(old, isolation_level=None)
    migrations.migrate(conn, target=2)
    conn.execute("INSERT INTO notes(card_id, body, updated_at) VALUES ('a.card', 'x', '2026-01-01T00:00:00+00:00')")
    conn.close()
    counts = backup.check(old)
    assert counts["notes"] == 1
    assert counts["flags"] == 0 and counts["saved_quiz"] == 0


def test_every_table_a_migration_makes_is_named_once_for_dump_backup_repair_and_export():
    """A table the migrations create but `progress/tables.py` leaves out would be left out of
    the dump, the backup check, the repair and the JSON backup alike (as flags once were)."""
    from ldn_tui.progress import migrations, tables

    conn = sqlite3.connect(":memory:", isolation_level=None)
    migrations.migrate(conn)
    made = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    assert made - {"sqlite_sequence"} == set(tables.TABLES)
