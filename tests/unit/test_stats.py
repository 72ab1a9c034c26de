from __future__ import annotations

from datetime import UTC, date, timedelta, timezone

import pytest
from quizfixtures import T0, home  # noqa: F401

from ldn_tui.content.generated import question_by_uid
from ldn_tui.content.hashing import question_hash
from ldn_tui.progress import stats
from ldn_tui.progress.scheduler import ReviewScheduler


def _answer(store, content, uid, score, at, confidence="unsure"):
    q = question_by_uid(content, uid)
    card = content.card_by_id[q.card_id]
    h = question_hash(q)
    row = ReviewScheduler().next_row(
        uid, h, store.get_schedule(uid), _rating(score, confidence), safety=card.kind == "safety", now=at
    )
    store.record_attempt(uid, content_hash=h, answer=None, score=score, confidence=confidence, now=at, schedule=row)


def _rating(score, confidence):
    from ldn_tui.progress.scheduler import rating_for

    return rating_for(score, confidence)


def test_empty_store(content, store):
    o = stats.overview(content, store, now=T0, tz=UTC)
    assert o.totals.attempts == 0 and o.totals.accuracy == 0 and o.totals.questions == 17
    assert [c.chapter_id for c in o.chapters] == ["basics", "safety", "evidence"]
    assert all(c.mastery == 0 and c.answered == 0 for c in o.chapters)
    assert len(o.per_day) == 14 and all(d.answered == 0 for d in o.per_day)
    assert len(o.forecast) == 7 and all(d.count == 0 for d in o.forecast)
    assert {e.label for e in o.by_evidence} >= {"rct", "anecdote"}


def test_mastery_per_chapter(content, store):
    _answer(store, content, "basics.dose/q1", 0.0, T0)
    _answer(store, content, "basics.dose/q1", 1.0, T0 + timedelta(minutes=1))  # latest counts
    _answer(store, content, "basics.dose/q2", 0.5, T0)
    _answer(store, content, "basics.history/q1", 1.0, T0)
    _answer(store, content, "safety.interactions/q1", 0.0, T0)
    chapters = {c.chapter_id: c for c in stats.chapter_mastery(content, store, now=T0 + timedelta(hours=2))}
    b = chapters["basics"]
    assert (b.total, b.answered, b.correct) == (6, 3, 2)
    assert b.mastery == pytest.approx(2 / 6)
    # all three are still in FSRS's minutes-long learning steps, so due again within the hour
    assert b.due == 3
    assert chapters["safety"].due == 1 and chapters["safety"].mastery == 0
    with_gen = {c.chapter_id: c for c in stats.chapter_mastery(content, store, include_generated=True)}
    assert with_gen["evidence"].total == 2 + 4


def test_answers_per_day_local_days(content, store):
    _answer(store, content, "basics.dose/q1", 1.0, T0 - timedelta(days=2))
    _answer(store, content, "basics.dose/q2", 0.0, T0 - timedelta(days=2))
    _answer(store, content, "basics.dose/q3", 1.0, T0)
    _answer(store, content, "basics.dose/q4", 1.0, T0 - timedelta(days=30))  # outside the window
    days = stats.answers_per_day(store, days=7, now=T0, tz=UTC)
    assert [d.day for d in days][0] == date(2025, 2, 23) and days[-1].day == date(2025, 3, 1)
    assert [(d.answered, d.correct) for d in days] == [(0, 0)] * 4 + [(2, 1), (0, 0), (1, 1)]
    # 09:00 UTC is already the next day at UTC+16
    far_east = stats.answers_per_day(store, days=7, now=T0, tz=timezone(timedelta(hours=16)))
    assert far_east[-1].day == date(2025, 3, 2)


def test_accuracy_by_evidence_includes_generated(content, store):
    _answer(store, content, "evidence.fibro/q1", 1.0, T0)  # rct claim
    _answer(store, content, "evidence.fibro/claim-c1-evidence", 0.0, T0)  # rct, generated
    _answer(store, content, "evidence.fibro/claim-c2-certainty", 1.0, T0)  # anecdote
    _answer(store, content, "basics.history/q1", 1.0, T0)  # no claim: not counted
    by = {e.label: e for e in stats.accuracy_by_evidence(content, store)}
    assert (by["rct"].attempts, by["rct"].correct, by["rct"].accuracy) == (2, 1, 0.5)
    assert by["rct"].questions == 3 and by["rct"].title == "Randomised controlled trial"
    assert by["anecdote"].accuracy == 1.0
    assert by["case-series"].attempts == 0 and by["case-series"].accuracy == 0
    assert list(by)[0] == "systematic-review"  # strongest first


def test_totals_and_forecast(content, store):
    _answer(store, content, "basics.dose/q1", 1.0, T0, "sure")
    _answer(store, content, "basics.dose/q2", 0.0, T0)
    store.add_bookmark("basics.dose")
    store.set_note("basics.dose", "note")
    store.record_view("basics.dose")
    store.start_session()
    t = stats.totals(content, store, now=T0 + timedelta(hours=1))
    assert (t.attempts, t.correct_attempts, t.questions_answered, t.questions_correct) == (2, 1, 2, 1)
    assert (t.bookmarks, t.notes, t.sessions, t.cards_viewed, t.cards) == (1, 1, 1, 1, 4)
    assert t.due_now == 1 and t.accuracy == 0.5
    forecast = stats.due_forecast(content, store, T0 + timedelta(hours=1), tz=UTC)
    assert forecast[0].count == 1 and sum(d.count for d in forecast) in (1, 2)
