"""Today's queue with a fixed clock: due reviews first, then new material under the daily
limits, which start afresh at local midnight; the streak; `ldn-study today` in plain text."""

from __future__ import annotations

import subprocess
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from quizfixtures import T0, home  # noqa: F401

from ldn_tui.progress.store import ProgressStore
from ldn_tui.quiz.engine import QuizRequest
from ldn_tui.study import Study, Writer
from ldn_tui.study.today import DailyLimits, plan_today, streak, summary_lines

DOSE_QS = ["basics.dose/q1", "basics.dose/q2", "basics.dose/q3", "basics.dose/q4", "basics.dose/q5"]


def plan(content, now=T0, **kw):
    args = {
        "first_answers": {},
        "answer_times": [],
        "cards_read": {},
        "due": [],
        "limits": DailyLimits(new_questions=3, new_cards=2),
    }
    return plan_today(content, now=now, tz=UTC, **(args | kw))


def test_a_fresh_start_offers_the_first_cards_to_read(content):
    today = plan(content)
    assert today.due == () and today.new_questions == ()
    assert today.new_cards == tuple(c.id for c in content.cards[:2])  # the card limit, in reading order
    assert today.next_step == "read" and today.streak == 0 and not today.studied_today


def test_due_reviews_come_before_new_material(content):
    today = plan(content, cards_read={"basics.dose": T0}, due=["safety.interactions/q1"])
    assert today.next_step == "review"
    assert today.new_questions == tuple(DOSE_QS[:3])  # still listed, after the reviews


def test_new_questions_come_from_cards_read_and_respect_the_limit(content):
    earlier = T0 - timedelta(hours=1)
    today = plan(content, cards_read={"basics.dose": earlier}, first_answers={DOSE_QS[0]: earlier})
    assert today.new_questions_done == 1
    assert today.new_questions == tuple(DOSE_QS[1:3])  # 3 a day, one already introduced today
    assert today.new_cards_done == 1
    assert len(today.new_cards) == 1 and "basics.dose" not in today.new_cards


def test_the_limit_starts_afresh_after_midnight(content):
    evening = datetime(2025, 3, 1, 23, 30, tzinfo=UTC)
    answered = {uid: evening - timedelta(minutes=i) for i, uid in enumerate(DOSE_QS[:3])}
    read = {"basics.dose": evening - timedelta(hours=1)}
    same_day = plan(content, now=evening + timedelta(minutes=20), first_answers=answered, cards_read=read)
    assert same_day.new_questions == () and same_day.new_questions_done == 3
    next_day = plan(content, now=evening + timedelta(minutes=40), first_answers=answered, cards_read=read)
    assert next_day.new_questions_done == 0
    assert next_day.new_questions == tuple(DOSE_QS[3:5])  # only two left on that card


def test_streak_counts_days_in_a_row_up_to_today_or_yesterday():
    d = T0.date()
    assert streak([d, d - timedelta(days=1), d - timedelta(days=2), d - timedelta(days=4)], d) == 3
    assert streak([d - timedelta(days=1), d - timedelta(days=2)], d) == 2  # nothing yet today
    assert streak([d - timedelta(days=2)], d) == 0


def test_limits_come_from_the_settings_with_defaults_for_bad_values():
    settings = {"new_questions_per_day": 4, "new_cards_per_day": "many"}
    limits = DailyLimits.from_settings(lambda key, default: settings.get(key, default))
    assert limits == DailyLimits(new_questions=4, new_cards=DailyLimits().new_cards)


@pytest.fixture
def study(content, tmp_path):
    s = Study(
        content, ProgressStore.open(tmp_path / "p.sqlite3", now=T0), writer=Writer(background=True), owns_store=True
    )
    yield s
    s.close()


def test_the_study_service_builds_today_from_the_store(study, content):
    assert study.unfinished_quiz() is None  # no quiz paused yet
    assert study.finish_card("basics.dose") is True
    assert study.finish_card("basics.dose") is False  # the first time counts
    study.set_setting("new_questions_per_day", 2)
    today = study.today(tz=UTC)
    assert today.new_questions == tuple(DOSE_QS[:2])
    # answer one wrong two days ago: it is due now, and comes first
    session = study.new_quiz(QuizRequest(uids=("basics.history/q1",)), now=T0 - timedelta(days=2))
    wrong = next(i for i, c in enumerate(session.current.choices) if not c.correct)
    session.submit(wrong, "sure", now=T0 - timedelta(days=2))
    study.flush()
    # left part-way, the quiz is there to resume first...
    assert study.today(tz=UTC).next_step == "resume" and study.unfinished_quiz() is not None
    session.next(now=T0 - timedelta(days=2))
    session.finish(now=T0 - timedelta(days=2))  # ...finished, it is not
    study.flush()
    today = study.today(tz=UTC)
    assert today.due == ("basics.history/q1",) and today.next_step == "review"
    assert today.streak == 1 and today.studied_today  # read a card today (T0)
    assert today.unfinished is None
    text = "\n".join(summary_lines(content, today))
    assert "Reviews due:      1" in text and "Next: review 1 question due now." in text


def test_cards_read_survive_a_restart(content, tmp_path):
    path = tmp_path / "p.sqlite3"
    first = Study(content, ProgressStore.open(path, now=T0), writer=Writer(background=True), owns_store=True)
    first.finish_card("basics.history")
    first.close()
    again = Study(content, ProgressStore.open(path, now=T0), writer=Writer(background=True), owns_store=True)
    try:
        assert again.cards_read() == {"basics.history": T0}
    finally:
        again.close()


def test_the_today_command_prints_the_queue(ldn_study_exe, tmp_path):
    mini = Path(__file__).resolve().parents[1] / "fixtures" / "mini"
    env = {"LDN_STUDY_HOME": str(tmp_path / "h"), "PATH": "/usr/bin:/bin", "TERM": "dumb"}
    r = subprocess.run([ldn_study_exe, "today", "--content", str(mini)], capture_output=True, text=True, env=env)
    assert r.returncode == 0, r.stderr
    assert "Reviews due:      0" in r.stdout
    assert "New cards:        2 to read today (0 of 5 read)" in r.stdout
    assert "Next: read “What LDN is”." in r.stdout
