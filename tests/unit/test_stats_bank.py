"""Stats that agree with themselves: "due now" is one number everywhere (the forecast's first
line included), authored and generated questions are counted apart, each chapter says how many
questions are unused, and each learning objective has a per-session trend."""

from __future__ import annotations

from datetime import UTC, timedelta

from quizfixtures import T0, home, make_content_with_objectives  # noqa: F401

from ldn_tui import stats_report
from ldn_tui.content.objectives import NO_OBJECTIVES
from ldn_tui.progress import stats
from ldn_tui.quiz.building import QuizRequest
from ldn_tui.quiz.items import Selection


def run_session(content, store, uids, scores, at):
    """One session over `uids`, answered right (1) or wrong (0) as `scores` say."""
    s = QuizRequest(Selection(include_generated=False), uids=tuple(uids), seed=1).build(content, store, now=at)
    for right in scores:
        item = s.current
        pick = next(i for i, c in enumerate(item.choices) if c.correct == bool(right))
        s.submit(pick, "unsure", now=at)
        s.next(now=at)
    s.finish(now=at)


def test_objective_trend_per_session(store):
    content = make_content_with_objectives()
    run_session(content, store, ["basics.dose/q1", "safety.interactions/q1"], [0, 1], T0)
    run_session(content, store, ["basics.dose/q1"], [1], T0 + timedelta(days=1))
    trends = {t.objective_id: t for t in stats.objective_trends(content, store)}
    assert list(trends) == ["safety", "dose", "history", "appraise"]
    assert trends["dose"].sessions == (0.0, 1.0) and trends["dose"].questions == 3 and trends["dose"].attempts == 2
    assert trends["safety"].sessions == (1.0,) and trends["history"].sessions == ()
    o = stats.overview(content, store, now=T0 + timedelta(days=1), tz=UTC)
    assert o.objectives_defined
    text = stats_report.objectives_text(o, 80).plain
    assert "State the usual dose" in text and "100% last · 2 sessions" in text and "not answered yet" in text
    assert "·█" in text  # 0 then 1, scaled to a full score


def test_without_objectives_the_report_says_so(content, store):
    o = stats.overview(content, store, now=T0, tz=UTC)
    assert o.objectives == () and not o.objectives_defined
    assert " ".join(stats_report.objectives_text(o, 80).plain.split()).endswith(NO_OBJECTIVES)


def test_due_now_is_one_number_and_questions_are_counted_apart(content, store):
    run_session(content, store, ["basics.dose/q1", "basics.history/q1"], [0, 0], T0)
    # Missed: back in FSRS's first learning step, due again minutes later (the same day).
    at_once = stats.overview(content, store, now=T0, tz=UTC).totals
    assert (at_once.due_now, at_once.due_later_today) == (0, 2)
    o = stats.overview(content, store, now=T0 + timedelta(hours=1), tz=UTC)
    t = o.totals
    assert (t.questions_authored, t.questions_generated, t.questions) == (10, 7, 17)
    assert t.due_now == sum(c.due for c in o.chapters) == 2 and t.due_later_today == 0
    assert t.due_now + t.due_later_today == o.forecast[0].count
    text = "\n".join(b.plain for b in stats_report.report_blocks(o, 80))
    assert "(10 authored + 7 generated from claims)" in text
    due_line = next(line for line in text.splitlines() if line.startswith("Due now"))
    assert due_line.split()[4] == str(t.due_now)  # "Due now  01 Mar  N": the same count
    assert f"{t.due_now} due now" in text
    basics = next(c for c in o.chapters if c.chapter_id == "basics")
    assert basics.unused == 4 and "· 4 unused" in text
