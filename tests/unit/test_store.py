from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import textwrap
from datetime import timedelta
from pathlib import Path

import pytest
from quizfixtures import T0, home, make_content  # noqa: F401

import ldn_tui
from ldn_tui import paths
from ldn_tui.progress import migrations
from ldn_tui.progress.store import (
    ProgressStore,
    ScheduleRow,
    StoreError,
    StoreLocked,
    StoreVersionError,
)

SRC = str(Path(ldn_tui.__file__).resolve().parents[1])


def _attempt(store: ProgressStore, uid: str = "basics.dose/q1", score: float = 1.0, **kw) -> int:
    return store.record_attempt(uid, content_hash="h", answer="Right", score=score, **kw)


# --- opening, schema --------------------------------------------------------------------------


def test_opens_default_path_with_wal_and_latest_schema(home):
    store = ProgressStore.open(now=T0)
    assert store.path == paths.database_path() and store.path.is_relative_to(home)
    assert store.path.exists() and not store.read_only and store.notice is None
    assert store.schema_version == migrations.LATEST == 3
    conn = sqlite3.connect(store.path)
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert store._conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert store._conn.execute("PRAGMA busy_timeout").fetchone()[0] == 2000


def test_round_trip_of_everything(tmp_path):
    store = ProgressStore.open(tmp_path / "p.sqlite3", now=T0)
    sid = store.start_session("all", {"chapters": ["basics"]})
    a1 = _attempt(store, score=0.5, confidence="sure", elapsed_ms=1200, session_id=sid, now=T0)
    _attempt(store, score=1.0, now=T0 + timedelta(minutes=1))
    _attempt(store, "basics.dose/q2", score=0.0, now=T0 + timedelta(minutes=2))
    _attempt(store, "evidence.fibro/claim-c1-evidence", score=1.0)
    store.finish_session(sid, now=T0 + timedelta(minutes=5))

    rows = store.attempts(question_uid="basics.dose/q1")
    assert [r.id for r in rows][0] == a1
    first = rows[0]
    assert first.card_id == "basics.dose" and first.answer == "Right" and first.score == 0.5
    assert first.correct is False and first.confidence == "sure" and first.elapsed_ms == 1200
    assert first.session_id == sid and first.answered_at == T0 and first.generated is False
    assert store.attempts(generated=True)[0].question_uid == "evidence.fibro/claim-c1-evidence"
    assert len(store.attempts(card_id="basics.dose")) == 3
    assert len(store.attempts(since=T0 + timedelta(minutes=1), until=T0 + timedelta(minutes=2))) == 1
    assert store.attempts(newest_first=True, limit=1)[0].question_uid == "basics.dose/q2"

    last = store.last_attempt_by_question()
    assert last["basics.dose/q1"].score == 1.0
    assert store.missed_question_uids() == {"basics.dose/q2"}

    (session,) = store.sessions()
    assert session.finished_at == T0 + timedelta(minutes=5) and session.selection == {"chapters": ["basics"]}

    with pytest.raises(ValueError):
        _attempt(store, confidence="certain")


def test_progress_per_card_and_chapter(tmp_path):
    content = make_content()
    store = ProgressStore.open(tmp_path / "p.sqlite3", now=T0)
    _attempt(store, "basics.dose/q1", 1.0)
    _attempt(store, "basics.dose/q2", 0.5)
    _attempt(store, "basics.history/q1", 0.0, now=T0)
    _attempt(store, "basics.history/q1", 1.0, now=T0 + timedelta(seconds=1))
    cards = store.card_progress(content)
    assert (cards["basics.dose"].total, cards["basics.dose"].answered, cards["basics.dose"].correct) == (5, 2, 1)
    assert cards["basics.history"].correct == 1
    ch = store.chapter_progress(content)
    assert (ch["basics"].total, ch["basics"].answered, ch["basics"].correct) == (6, 3, 2)
    assert ch["safety"].answered == 0 and ch["safety"].fraction_correct == 0
    with_gen = store.card_progress(content, include_generated=True)
    assert with_gen["evidence.fibro"].total == 2 + 4  # two claims, each evidence + certainty


def test_bookmarks_notes_views_settings_references(tmp_path):
    store = ProgressStore.open(tmp_path / "p.sqlite3", now=T0)
    assert store.toggle_bookmark("a") is True
    assert store.is_bookmarked("a")
    store.add_bookmark("b", now=T0 + timedelta(1))
    store.add_bookmark("b")  # idempotent
    assert [b.card_id for b in store.list_bookmarks()] == ["a", "b"]
    assert store.toggle_bookmark("a") is False
    store.remove_bookmark("b")
    assert store.list_bookmarks() == [] and store.bookmarked_card_ids() == set()

    assert store.get_note("x") == ""
    store.set_note("x", "my note")
    store.set_note("x", "my note, edited")
    assert store.get_note("x") == "my note, edited"
    assert [n.card_id for n in store.list_notes()] == ["x"]
    store.set_note("x", "   ")
    assert store.get_note("x") == "" and store.list_notes() == []

    store.record_view("x", now=T0)
    store.record_view("x", now=T0 + timedelta(hours=1))
    assert store.viewed_cards() == {"x": T0 + timedelta(hours=1)}

    store.record_reference_open("younger2013")
    store.record_reference_open("younger2013")
    assert store.reference_open_counts() == {"younger2013": 2}

    assert store.get_setting("welcome_dismissed", False) is False
    store.set_setting("welcome_dismissed", True)
    store.set_setting("theme", {"name": "dark"})
    assert store.get_setting("welcome_dismissed") is True
    assert store.get_setting("theme") == {"name": "dark"}


def test_export_rows_are_plain_and_complete(tmp_path):
    store = ProgressStore.open(tmp_path / "p.sqlite3", now=T0)
    _attempt(store)
    store.set_note("x", "n")
    store.add_bookmark("x")
    store.save_schedule(ScheduleRow("basics.dose/q1", "h", "{}", T0, 1, None))
    rows = store.export_rows()
    assert rows["schema_version"] == [{"version": 3}]
    assert set(rows) >= {
        "attempts",
        "sessions",
        "notes",
        "bookmarks",
        "schedule",
        "card_views",
        "reference_opens",
        "settings",
    }
    (a,) = rows["attempts"]
    assert a["answer"] == '"Right"' and a["answered_at"].startswith("2025-03-01T09:00:00")
    assert rows["schedule"][0]["due"] == "2025-03-01T09:00:00.000+00:00"
    assert store.counts()["notes"] == 1


# --- durability -------------------------------------------------------------------------------


def test_answers_survive_a_killed_process(tmp_path):
    db = tmp_path / "p.sqlite3"
    script = textwrap.dedent(
        """
        import sys, time
        from ldn_tui.progress.store import ProgressStore
        store = ProgressStore.open(sys.argv[1])
        for i in range(25):
            store.record_attempt(f"card/q{i}", content_hash="h", answer=i, score=1.0)
        store.set_note("card", "written before the kill")
        print("ready", flush=True)
        time.sleep(60)
        """
    )
    env = dict(os.environ, PYTHONPATH=SRC + os.pathsep + os.environ.get("PYTHONPATH", ""))
    proc = subprocess.Popen([sys.executable, "-c", script, str(db)], stdout=subprocess.PIPE, text=True, env=env)
    try:
        assert proc.stdout.readline().strip() == "ready"
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=5)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert proc.returncode == -signal.SIGKILL
    store = ProgressStore.open(db)
    assert len(store.attempts()) == 25
    assert store.get_note("card") == "written before the kill"
    assert store.notice is None


# --- migrations -------------------------------------------------------------------------------


def test_migrates_a_real_v1_file(tmp_path):
    db = tmp_path / "p.sqlite3"
    conn = sqlite3.connect(db, isolation_level=None)
    assert migrations.migrate(conn, target=1) == [1]
    conn.execute(
        "INSERT INTO attempts(question_uid, card_id, content_hash, answer, score, correct, answered_at)"
        " VALUES ('a.b/q1', 'a.b', 'h', '1', 1.0, 1, '2025-01-01T00:00:00.000+00:00'),"
        " ('a.b/claim-c1-evidence', 'a.b', 'h', '\"Case series\"', 0.0, 0, '2025-01-02T00:00:00.000+00:00')"
    )
    conn.execute(
        "INSERT INTO schedule(question_uid, content_hash, card, due, state, last_review)"
        " VALUES ('a.b/q1', 'h', '{}', '2025-01-05T00:00:00.000+00:00', 2, NULL)"
    )
    conn.execute("INSERT INTO bookmarks VALUES ('a.b', '2025-01-01T00:00:00.000+00:00')")
    conn.close()
    assert sqlite3.connect(db).execute("PRAGMA user_version").fetchone()[0] == 1

    store = ProgressStore.open(db, now=T0)
    assert store.schema_version == 3  # v1 -> v2 -> v3 (flags, the paused quiz)
    assert store.flagged_uids() == set() and store.saved_quiz_state() is None
    gen = {a.question_uid: a.generated for a in store.attempts()}
    assert gen == {"a.b/q1": False, "a.b/claim-c1-evidence": True}  # backfilled
    row = store.get_schedule("a.b/q1")
    assert row is not None and row.suspended is False
    assert store.is_bookmarked("a.b")
    store.set_setting("welcome_dismissed", True)  # the v2 table works
    cols = {r[1] for r in store._conn.execute("PRAGMA table_info(attempts)")}
    assert "generated" in cols


def test_migration_is_all_or_nothing(tmp_path):
    conn = sqlite3.connect(tmp_path / "p.sqlite3", isolation_level=None)
    migrations.migrate(conn, target=1)
    conn.execute("CREATE TABLE settings (x)")  # v2 will collide with this
    with pytest.raises(sqlite3.OperationalError):
        migrations.migrate(conn)
    assert migrations.user_version(conn) == 1
    assert "generated" not in {r[1] for r in conn.execute("PRAGMA table_info(attempts)")}


def test_newer_schema_is_refused_untouched(tmp_path):
    db = tmp_path / "p.sqlite3"
    conn = sqlite3.connect(db)
    conn.execute("PRAGMA user_version = 99")
    conn.close()
    with pytest.raises(StoreVersionError, match="newer ldn-study"):
        ProgressStore.open(db)
    assert db.exists() and not list(tmp_path.glob("*.corrupt-*"))


# --- corrupt files ----------------------------------------------------------------------------


def test_garbage_file_is_moved_aside(tmp_path):
    db = tmp_path / "progress.sqlite3"
    db.write_bytes(b"this is not a database, just some garbage bytes " * 200)
    store = ProgressStore.open(db, now=T0)
    moved = tmp_path / "progress.sqlite3.corrupt-20250301-090000"
    assert moved.exists() and moved.read_bytes().startswith(b"this is not")
    assert store.notice and str(moved) in store.notice and "damaged" in store.notice
    assert not store.read_only
    _attempt(store)
    with ProgressStore.open(db) as again:
        assert len(again.attempts()) == 1

    # A second damaged file the same second gets its own name; the first is kept.
    store.close()
    db.write_bytes(b"\x00garbage" * 1000)
    ProgressStore.open(db, now=T0)
    assert moved.exists() and (tmp_path / "progress.sqlite3.corrupt-20250301-090000-2").exists()


def test_truncated_database_is_moved_aside(tmp_path):
    db = tmp_path / "progress.sqlite3"
    store = ProgressStore.open(db, now=T0)
    for i in range(400):
        store.record_attempt(f"c/q{i}", content_hash="h", answer="x" * 200, score=1.0)
    store._conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    store.close()
    data = db.read_bytes()
    assert len(data) > 8 * 4096
    db.write_bytes(data[: len(data) // 2])

    store = ProgressStore.open(db, now=T0 + timedelta(seconds=1))
    assert (tmp_path / "progress.sqlite3.corrupt-20250301-090001").exists()
    assert store.notice and "damaged" in store.notice
    assert store.attempts() == []


# --- locks ------------------------------------------------------------------------------------


def test_locked_by_another_process_opens_and_writes_raise_store_locked(tmp_path):
    # Reads work beside another copy's write lock (WAL), so the store opens; each write raises
    # StoreLocked for the study service's writer to retry.
    db = tmp_path / "progress.sqlite3"
    ProgressStore.open(db).close()
    script = textwrap.dedent(
        """
        import sqlite3, sys, time
        conn = sqlite3.connect(sys.argv[1], isolation_level=None)
        conn.execute("BEGIN EXCLUSIVE")
        print("ready", flush=True)
        time.sleep(60)
        """
    )
    proc = subprocess.Popen([sys.executable, "-c", script, str(db)], stdout=subprocess.PIPE, text=True)
    try:
        assert proc.stdout.readline().strip() == "ready"
        store = ProgressStore.open(db, timeout=0.2)
        assert store.notice is None and not store.read_only
        with pytest.raises(StoreLocked) as err:
            store.set_note("a.card", "typed while locked")
        assert str(db) in str(err.value) and "another copy of ldn-study" in str(err.value)
        assert isinstance(err.value, StoreError)
    finally:
        proc.kill()
        proc.wait()
    store.set_note("a.card", "typed while locked")  # fine again once the other process is gone
    store.close()
    assert ProgressStore.open(db).get_note("a.card") == "typed while locked"


def test_locked_fresh_rollback_journal_file(tmp_path):
    # A file still in rollback-journal mode: an exclusive lock blocks even reading.
    db = tmp_path / "progress.sqlite3"
    other = sqlite3.connect(db, isolation_level=None)
    other.execute("CREATE TABLE t (x)")
    other.execute("BEGIN EXCLUSIVE")
    try:
        with pytest.raises(StoreLocked):
            ProgressStore.open(db, timeout=0.1)
    finally:
        other.execute("ROLLBACK")
        other.close()


def test_lock_during_a_write_raises_store_locked(tmp_path):
    db = tmp_path / "progress.sqlite3"
    store = ProgressStore.open(db, timeout=0.1)
    other = sqlite3.connect(db, isolation_level=None)
    other.execute("BEGIN EXCLUSIVE")
    try:
        assert store.get_note("x") == ""  # WAL: reading still works
        with pytest.raises(StoreLocked):
            store.set_note("x", "hello")
    finally:
        other.execute("ROLLBACK")
        other.close()
    assert not store.read_only
    store.set_note("x", "hello")
    assert store.get_note("x") == "hello"


# --- read-only fallback -----------------------------------------------------------------------


def test_data_dir_under_a_regular_file_falls_back_to_memory(tmp_path):
    blocker = tmp_path / "not-a-dir"
    blocker.write_text("x")
    store = ProgressStore.open(blocker / "data" / "progress.sqlite3")
    assert store.read_only
    assert "will not be saved" in store.notice and "Bookmarks, notes and answers" in store.notice
    store.toggle_bookmark("a")  # nothing raises, and it works for this session
    assert store.is_bookmarked("a")
    _attempt(store)
    assert len(store.attempts()) == 1


def test_injected_unwritable_check_keeps_existing_progress_visible(tmp_path):
    db = tmp_path / "progress.sqlite3"
    s = ProgressStore.open(db)
    s.set_note("a", "kept")
    s.close()
    before = db.read_bytes()

    def deny(directory: Path) -> None:
        raise PermissionError(f"read-only: {directory}")

    store = ProgressStore.open(db, writable_check=deny)
    assert store.read_only and "earlier progress is shown" in store.notice
    assert store.get_note("a") == "kept"
    store.set_note("a", "changed in memory")
    assert store.get_note("a") == "changed in memory"
    store.close()
    assert ProgressStore.open(db).get_note("a") == "kept"
    assert db.read_bytes()[:100] == before[:100]


@pytest.mark.skipif(os.geteuid() == 0, reason="root ignores directory permissions")
def test_read_only_directory(tmp_path):
    d = tmp_path / "ro"
    d.mkdir()
    d.chmod(0o500)
    try:
        store = ProgressStore.open(d / "progress.sqlite3")
        assert store.read_only and store.notice
    finally:
        d.chmod(0o700)


def test_disk_full_mid_session_switches_to_read_only(tmp_path):
    db = tmp_path / "progress.sqlite3"
    store = ProgressStore.open(db)
    _attempt(store, "c/q0")
    store.set_note("c", "before")
    pages = store._conn.execute("PRAGMA page_count").fetchone()[0]
    store._conn.execute(f"PRAGMA max_page_count = {pages}")
    # Fill until SQLite reports "database or disk is full"; nothing may raise.
    for i in range(1, 200):
        store.record_attempt(f"c/q{i}", content_hash="h", answer="x" * 2000, score=1.0)
        if store.read_only:
            break
    assert store.read_only
    assert store.notice and "will not be saved" in store.notice and "full" in store.notice
    n = len(store.attempts())
    assert n == i + 1  # the failed write was kept in memory
    assert store.get_note("c") == "before"
    store.toggle_bookmark("c")
    assert store.is_bookmarked("c")
    store.close()
    on_disk = ProgressStore.open(db)
    assert len(on_disk.attempts()) == i  # everything committed before the failure is on disk
