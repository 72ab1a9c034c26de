"""The study service: every operation the screens and commands use, on a real SQLite file.

Writes go through the service's writer thread (as in the app); each test reads the file back
through a second, independent connection after `flush()`, so what is asserted is what reached
the disk.
"""

from __future__ import annotations

import sqlite3
import subprocess
import sys
import textwrap
import time

import pytest
from quizfixtures import T0, home  # noqa: F401

from ldn_tui.progress.store import ProgressStore
from ldn_tui.quiz.engine import QuizRequest, Selection
from ldn_tui.study import CannotSuspend, Study, Writer


@pytest.fixture
def db(tmp_path):
    return tmp_path / "progress.sqlite3"


@pytest.fixture
def study(content, db):
    s = Study(content, ProgressStore.open(db, now=T0), writer=Writer(background=True), owns_store=True)
    yield s
    s.close()


def on_disk(db, sql, *params):
    conn = sqlite3.connect(db)
    try:
        return conn.execute(sql, params).fetchall()
    finally:
        conn.close()


def test_card_state_is_seen_at_once_and_saved_by_the_writer(study, db):
    assert study.toggle_bookmark("basics.dose") is True
    study.record_visit("basics.dose")
    study.set_note("basics.history", "Why 1985?")
    # The service answers from its own view before the writer has run...
    assert study.is_bookmarked("basics.dose") and "basics.dose" in study.viewed()
    assert study.note("basics.history") == "Why 1985?" and study.noted() == {"basics.history"}
    # ...and the writes reach the file.
    assert study.flush(5)
    assert on_disk(db, "SELECT card_id FROM bookmarks") == [("basics.dose",)]
    assert on_disk(db, "SELECT card_id FROM card_views") == [("basics.dose",)]
    assert on_disk(db, "SELECT body FROM notes WHERE card_id = ?", "basics.history") == [("Why 1985?",)]

    assert study.toggle_bookmark("basics.dose") is False
    study.set_note("basics.history", "   ")  # blank deletes
    assert study.flush(5)
    assert on_disk(db, "SELECT COUNT(*) FROM bookmarks") == [(0,)]
    assert on_disk(db, "SELECT COUNT(*) FROM notes") == [(0,)]
    assert study.note("basics.history") == "" and not study.is_bookmarked("basics.dose")


def test_state_survives_reopening(content, db):
    first = Study(content, ProgressStore.open(db, now=T0), writer=Writer(), owns_store=True)
    first.toggle_bookmark("basics.history")
    first.set_setting("last_card", "basics.history")
    first.set_setting("theme", "light")
    assert first.close() == []
    again = Study(content, ProgressStore.open(db, now=T0), owns_store=True)
    assert again.bookmarked() == {"basics.history"}
    assert again.last_card() == "basics.history" and again.setting("theme") == "light"
    assert again.setting("missing", "fallback") == "fallback"
    again.close()


def test_last_card_that_left_the_content_is_forgotten(study):
    study.set_setting("last_card", "no.such-card")
    assert study.last_card() is None


def test_marked_cards_lists_bookmarks_then_notes_and_skips_removed_cards(study):
    study.toggle_bookmark("basics.history")
    study.toggle_bookmark("basics.dose")
    study.toggle_bookmark("gone.card")  # no longer in the content: kept in the store, not listed
    study.set_note("safety.interactions", "check thyroid")
    study.set_note("basics.dose", "4.5 mg?")
    study.flush(5)
    marked = study.marked_cards()
    # Bookmarks oldest first (the fixed clock makes them equal, so by card id), then note-only cards.
    assert [m.card_id for m in marked] == ["basics.dose", "basics.history", "safety.interactions"]
    assert [m.bookmarked for m in marked] == [True, True, False]
    assert marked[0].note == "4.5 mg?" and marked[1].where == "Basics › History"


def test_a_quiz_records_every_answer_through_the_writer(study, db):
    session = study.new_quiz(QuizRequest(Selection(chapters=("basics",), include_generated=False), seed=3))
    assert session.items
    first = session.current
    session.submit(True if first.type == "true-false" else None, "unsure")
    session.next()
    session.finish()
    assert study.flush(5)
    rows = on_disk(db, "SELECT question_uid, session_id FROM attempts")
    assert [r[0] for r in rows] == [first.uid]
    assert rows[0][1] is not None  # the session was started in the store before its answer
    assert on_disk(db, "SELECT COUNT(*) FROM schedule WHERE question_uid = ?", first.uid) == [(1,)]
    assert on_disk(db, "SELECT finished_at IS NOT NULL FROM sessions") == [(1,)]


def test_due_counts_and_quiz_size(study):
    assert study.due_counts_by_chapter() == {"basics": 0, "safety": 0, "evidence": 0}
    request = QuizRequest(Selection(chapters=("basics",), include_generated=False))
    assert study.quiz_size(request) == study.quiz_size(QuizRequest(request.selection, count=100))
    assert study.quiz_size(QuizRequest(request.selection, count=2)) == 2
    with pytest.raises(ValueError, match="unknown chapter"):
        study.quiz_size(QuizRequest(Selection(chapters=("nope",))))


def test_quiz_setup_is_remembered(study):
    assert study.saved_quiz_setup() is None
    study.remember_quiz_setup(QuizRequest(Selection(chapters=("safety",)), count=5))
    saved = study.saved_quiz_setup()
    assert saved is not None and saved["chapters"] == ["safety"] and saved["count"] == 5


def test_suspend_toggles_and_safety_questions_stay(study, db):
    uid = "basics.dose/q1"
    assert study.toggle_suspended(uid) is True and study.is_suspended(uid)
    study.flush(5)
    assert on_disk(db, "SELECT suspended FROM schedule WHERE question_uid = ?", uid) == [(1,)]
    assert study.toggle_suspended(uid) is False
    study.flush(5)
    assert on_disk(db, "SELECT suspended FROM schedule WHERE question_uid = ?", uid) == [(0,)]
    with pytest.raises(CannotSuspend):
        study.toggle_suspended("safety.interactions/q1")
    with pytest.raises(KeyError):
        study.toggle_suspended("no.card/q1")


def test_overview_and_export_include_what_was_just_done(study, tmp_path):
    session = study.new_quiz(QuizRequest(Selection(chapters=("basics",), include_generated=False), seed=1))
    session.submit(None, "guess")
    assert study.overview(now=T0).totals.attempts == 1
    result = study.export("json", output=tmp_path / "backup.json")
    assert '"attempts"' in result.path.read_text(encoding="utf-8")


def test_read_only_store_keeps_the_session_view(content):
    study = Study(content, ProgressStore.in_memory(notice="not saving"), owns_store=True)
    assert study.read_only and study.notice == "not saving"
    assert study.toggle_bookmark("basics.dose") and study.is_bookmarked("basics.dose")
    assert study.close() == []


HOLD_LOCK = textwrap.dedent(
    """
    import sqlite3, sys, time
    conn = sqlite3.connect(sys.argv[1], isolation_level=None)
    conn.execute("BEGIN EXCLUSIVE")
    print("locked", flush=True)
    time.sleep(float(sys.argv[2]))
    conn.execute("COMMIT")
    """
)


def _hold_lock(db, seconds):
    proc = subprocess.Popen([sys.executable, "-c", HOLD_LOCK, str(db), str(seconds)], stdout=subprocess.PIPE, text=True)
    assert proc.stdout is not None and proc.stdout.readline().strip() == "locked"
    return proc


def test_a_write_waits_for_another_process_and_is_not_lost(content, db):
    statuses: list[str | None] = []
    store = ProgressStore.open(db, now=T0, timeout=0.2)
    study = Study(content, store, writer=Writer(on_status=statuses.append), owns_store=True)
    holder = _hold_lock(db, 1.5)
    try:
        started = time.monotonic()
        study.toggle_bookmark("basics.dose")  # returns at once: the writer waits, not the caller
        assert time.monotonic() - started < 0.1
        assert study.flush(10)
    finally:
        holder.wait(10)
    assert statuses[0] and "waiting" in statuses[0] and statuses[-1] is None
    assert on_disk(db, "SELECT card_id FROM bookmarks") == [("basics.dose",)]
    assert study.close() == []


def test_a_write_that_never_gets_the_lock_is_reported_not_dropped_silently(content, db):
    errors: list[str] = []
    store = ProgressStore.open(db, now=T0, timeout=0.1)
    writer = Writer(retry_for=0.5, on_error=lambda label, exc: errors.append(f"{label}: {exc}"))
    study = Study(content, store, writer=writer, owns_store=True)
    holder = _hold_lock(db, 3)
    try:
        study.set_note("basics.dose", "typed while locked")
        assert study.flush(10)
    finally:
        holder.wait(10)
    assert errors and "your note on basics.dose" in errors[0] and "locked" in errors[0]
    assert study.close() == ["your note on basics.dose"]


def test_writer_keeps_order_and_runs_inline_without_a_thread():
    seen: list[int] = []
    inline = Writer(background=False)
    assert inline.submit("one", lambda: seen.append(1) or 1).result() == 1
    threaded = Writer()
    for i in range(2, 50):
        threaded.submit(str(i), lambda i=i: seen.append(i))
    assert threaded.flush(5)
    assert seen == list(range(1, 50))
    assert threaded.close() == []
