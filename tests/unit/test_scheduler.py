from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, timedelta

import pytest
from fsrs import Rating, State
from quizfixtures import T0, home, make_content, with_question  # noqa: F401

from ldn_tui.content.hashing import question_hash
from ldn_tui.progress import scheduler as sch
from ldn_tui.progress.store import CannotSuspend, ProgressStore


@pytest.fixture
def store(tmp_path):
    s = ProgressStore.open(tmp_path / "p.sqlite3", now=T0)
    yield s
    s.close()


@pytest.mark.parametrize(
    "score, confidence, rating",
    [
        (0.0, "sure", Rating.Again),
        (0.0, None, Rating.Again),
        (0.5, "sure", Rating.Hard),
        (0.99, "unsure", Rating.Hard),
        (1.0, "guess", Rating.Hard),
        (1.0, "unsure", Rating.Good),
        (1.0, None, Rating.Good),
        (1.0, "sure", Rating.Easy),
    ],
)
def test_rating_map(score, confidence, rating):
    assert sch.rating_for(score, confidence) == rating


def _review(store, content, uid, score, confidence, at):
    q = content.question_by_uid[uid]
    card = content.card_by_id[q.card_id]
    return sch.ReviewScheduler().review(store, q, card_kind=card.kind, score=score, confidence=confidence, now=at)


def test_fixed_clock_schedules_are_reproducible(store):
    content = make_content()
    a = _review(store, content, "basics.dose/q1", 1.0, "sure", T0)
    assert a.state == State.Review and a.last_review == T0
    assert a.due.tzinfo is not None and a.due - T0 >= timedelta(days=1)
    b = sch.ReviewScheduler().next_row("basics.dose/q1", a.content_hash, None, Rating.Easy, safety=False, now=T0)
    assert b.due == a.due and b.card == a.card


def test_wrong_answer_comes_back_within_minutes(store):
    content = make_content()
    row = _review(store, content, "basics.dose/q1", 0.0, "sure", T0)
    assert row.due - T0 <= timedelta(minutes=10)
    assert store.due_question_uids(T0 + timedelta(minutes=11)) == ["basics.dose/q1"]
    assert store.due_question_uids(T0) == []


def test_ratings_order_the_intervals(store):
    content = make_content()
    dues = {}
    for conf, score in (("sure", 1.0), ("unsure", 1.0), ("guess", 1.0), (None, 0.0)):
        s = ProgressStore.in_memory(now=T0)
        dues[(conf, score)] = _review(s, content, "basics.dose/q1", score, conf, T0).due
    assert dues[("sure", 1.0)] > dues[("unsure", 1.0)] >= dues[("guess", 1.0)] > dues[(None, 0.0)]


def test_safety_interval_is_capped(store):
    content = make_content()
    uid = "safety.interactions/q1"
    at = T0
    for _ in range(8):
        row = _review(store, content, uid, 1.0, "sure", at)
        assert row.due - at <= timedelta(days=sch.SAFETY_MAX_INTERVAL_DAYS)
        at = row.due
    assert row.due - row.last_review == timedelta(days=30)
    # the same answers on an ordinary card run far beyond 30 days
    at = T0
    for _ in range(8):
        row = _review(store, content, "basics.dose/q1", 1.0, "sure", at)
        at = row.due
    assert row.due - row.last_review > timedelta(days=60)


def test_safety_cap_applies_on_read_too(store):
    content = make_content()
    uid = "safety.interactions/q1"
    row = _review(store, content, uid, 1.0, "sure", T0)
    # pretend it was scheduled far out when the card was not yet a safety card
    store.save_schedule(row._replace(due=T0 + timedelta(days=200)))
    assert uid in sch.due_question_uids(content, store, T0 + timedelta(days=31))
    assert uid not in store.due_question_uids(T0 + timedelta(days=31))  # raw table: not capped


def test_safety_questions_cannot_be_suspended(store):
    content = make_content()
    with pytest.raises(CannotSuspend, match="safety"):
        sch.suspend(content, store, "safety.interactions/q1")
    assert isinstance(CannotSuspend("x"), ValueError)
    # ordinary ones can, even before they were ever scheduled
    sch.suspend(content, store, "basics.dose/q2", now=T0)
    assert store.get_schedule("basics.dose/q2").suspended
    assert "basics.dose/q2" not in sch.due_question_uids(content, store, T0 + timedelta(days=1))
    sch.suspend(content, store, "basics.dose/q2", False)
    assert "basics.dose/q2" in sch.due_question_uids(content, store, T0 + timedelta(days=1))
    with pytest.raises(KeyError):
        sch.suspend(content, store, "nope/q1")


def test_changed_question_is_requeued_as_new(store):
    content = make_content()
    uid = "basics.dose/q1"
    row = _review(store, content, uid, 1.0, "sure", T0)
    later = T0 + timedelta(days=1)
    assert later < row.due
    assert uid not in sch.due_question_uids(content, store, later)

    old = content.question_by_uid[uid]
    edited = with_question(content, replace(old, prompt="A different question now"))
    assert question_hash(edited.question_by_uid[uid]) != row.content_hash
    assert uid in sch.due_question_uids(edited, store, later)  # due now
    # explanation-only edits do not re-queue
    reworded = with_question(content, replace(old, explanation="Clearer words."))
    assert uid not in sch.due_question_uids(reworded, store, later)

    # reviewing the changed question starts a fresh FSRS card (learning state, short step)
    new = _review(store, edited, uid, 1.0, "unsure", later)
    assert new.content_hash == question_hash(edited.question_by_uid[uid])
    assert new.state == State.Learning and new.due - later < timedelta(hours=1)


def test_removed_questions_drop_out_of_the_queue(store):
    content = make_content()
    from ldn_tui.progress.store import ScheduleRow

    store.save_schedule(ScheduleRow("gone.card/q1", "h", "{}", T0, 2, T0))
    assert store.due_question_uids(T0) == ["gone.card/q1"]
    assert sch.due_question_uids(content, store, T0) == []


def test_due_counts_per_chapter_and_week_forecast(store):
    content = make_content()
    _review(store, content, "basics.dose/q1", 0.0, None, T0)  # due in minutes
    _review(store, content, "basics.dose/q2", 1.0, "sure", T0)  # due in days
    _review(store, content, "safety.interactions/q1", 0.0, None, T0)
    gen = "evidence.fibro/claim-c1-evidence"
    row = sch.ReviewScheduler().next_row(
        gen, question_hash(next(q for q in sch_all(content) if q.uid == gen)), None, Rating.Again, safety=False, now=T0
    )
    store.save_schedule(row)

    now = T0 + timedelta(hours=1)
    assert sch.due_counts_by_chapter(content, store, now) == {"basics": 1, "safety": 1, "evidence": 1}
    assert sch.due_question_uids(content, store, now, include_generated=False) == [
        "basics.dose/q1",
        "safety.interactions/q1",
    ]

    days = sch.due_forecast(content, store, now, tz=UTC)
    assert len(days) == 7 and days[0].day == date(2025, 3, 1)
    assert days[0].count == 3  # today, including overdue
    q2_due = store.get_schedule("basics.dose/q2").due
    offset = (q2_due.date() - date(2025, 3, 1)).days
    if offset < 7:
        assert days[offset].count >= 1
    assert sum(d.count for d in days) == 3 + (1 if offset < 7 else 0)


def sch_all(content):
    from ldn_tui.content.generated import all_questions

    return all_questions(content)


def test_clock_going_backwards_does_not_crash(store):
    content = make_content()
    _review(store, content, "basics.dose/q1", 1.0, "sure", T0 + timedelta(days=3))
    row = _review(store, content, "basics.dose/q1", 1.0, "sure", T0)
    assert row.last_review == T0
