"""Question-bank behaviour of the engine: pools, learning objectives, exam mode and its clock,
saving and resuming a session, partial credit in the summary tables, and flags in the service."""

from __future__ import annotations

from datetime import timedelta

import pytest
from quizfixtures import T0, home, make_content_with_objectives  # noqa: F401

from ldn_tui.content.objectives import NO_OBJECTIVES, objective_titles
from ldn_tui.progress.store import ProgressStore
from ldn_tui.quiz.building import QuizRequest, build_session
from ldn_tui.quiz.grading import InvalidResponse
from ldn_tui.quiz.items import QuizError, Selection
from ldn_tui.quiz.recording import StoreLog
from ldn_tui.quiz.saved import SavedQuizError, describe, restore
from ldn_tui.study import Study


def right(item):
    q = item.question
    if q.type == "single":
        return next(i for i, c in enumerate(item.choices) if c.correct)
    if q.type == "multiple":
        return [i for i, c in enumerate(item.choices) if c.correct]
    if q.type == "true-false":
        return q.answer
    if q.type == "cloze":
        return q.answers[0]
    return [item.items.index(t) for t in q.items]


def wrong(item):
    q = item.question
    if q.type == "single":
        return next(i for i, c in enumerate(item.choices) if not c.correct)
    if q.type == "multiple":
        return [i for i, c in enumerate(item.choices) if not c.correct]
    if q.type == "true-false":
        return not q.answer
    if q.type == "cloze":
        return "nonsense"
    return [item.items.index(t) for t in reversed(q.items)]


class Clock:
    """A clock the test moves by hand."""

    def __init__(self, at=T0):
        self.at = at

    def __call__(self):
        return self.at

    def tick(self, **kw):
        self.at += timedelta(**kw)


def uids(session):
    return sorted(i.uid for i in session.items)


# --- pools ------------------------------------------------------------------------------------


def test_unused_incorrect_flagged_and_due_pools(content, store):
    first = build_session(content, Selection(include_generated=False), store, seed=1, uids=["basics.dose/q1"])
    first.submit(right(first.current), "sure")
    second = build_session(content, Selection(include_generated=False), store, seed=1, uids=["basics.history/q1"])
    second.submit(wrong(second.current), "sure", now=T0 - timedelta(days=3))
    authored = Selection(include_generated=False)

    unused = build_session(content, Selection(mode="unused", include_generated=False), store, seed=2)
    assert "basics.dose/q1" not in uids(unused) and "basics.history/q1" not in uids(unused)
    assert len(unused.items) == len(content.questions) - 2

    incorrect = build_session(content, Selection(mode="missed", include_generated=False), store, seed=2)
    assert uids(incorrect) == ["basics.history/q1"]

    assert build_session(content, Selection(mode="flagged"), store).items == ()
    store.set_flag("evidence.fibro/q2", True)
    store.set_flag("safety.interactions/q1", True)
    flagged = build_session(content, Selection(mode="flagged"), store, seed=3)
    assert uids(flagged) == ["evidence.fibro/q2", "safety.interactions/q1"]
    store.set_flag("evidence.fibro/q2", False)
    assert uids(build_session(content, Selection(mode="flagged"), store)) == ["safety.interactions/q1"]

    due = build_session(content, Selection(mode="due", include_generated=False), store, now=T0 + timedelta(days=1))
    assert "basics.history/q1" in uids(due) and "basics.dose/q1" not in uids(due)
    assert len(build_session(content, authored, store).items) == len(content.questions)


def test_pools_combine_with_filters(content, store):
    s = build_session(content, Selection(include_generated=False), store, seed=1, uids=["safety.interactions/q1"])
    s.submit(right(s.current))
    unused_safety = build_session(content, Selection(mode="unused", kinds=("safety",)), store, seed=1)
    assert uids(unused_safety) == ["safety.interactions/claim-c1-certainty", "safety.interactions/claim-c1-evidence",
                                   "safety.interactions/q2"]  # fmt: skip
    several = build_session(content, Selection(chapters=("safety", "evidence"), include_generated=False), store)
    assert {i.chapter.id for i in several.items} == {"safety", "evidence"}


def test_objective_pool_and_its_errors(store):
    content = make_content_with_objectives()
    assert list(objective_titles(content)) == ["safety", "dose", "history", "appraise"]
    dose = build_session(content, Selection(objectives=("dose",)), store, seed=1)
    assert uids(dose) == ["basics.dose/q1", "basics.dose/q2", "basics.dose/q5"]
    both = build_session(content, Selection(objectives=("dose", "safety"), mode="unused"), store, seed=1)
    assert len(both.items) == 5  # generated questions have no objective and drop out
    with pytest.raises(ValueError, match="unknown learning objective 'dosing'; objectives: safety, dose, history"):
        build_session(content, Selection(objectives=("dosing",)), store)


def test_objective_pool_without_objectives_says_so(content, store):
    assert objective_titles(content) == {}
    with pytest.raises(ValueError) as err:
        build_session(content, Selection(objectives=("dose",)), store)
    assert NO_OBJECTIVES in str(err.value)


# --- summary: partial credit and objectives ---------------------------------------------------


def test_summary_tables_count_partial_credit_and_confident_errors(store):
    content = make_content_with_objectives()
    s = build_session(content, Selection(include_generated=False), store, seed=1,
                      uids=["basics.dose/q1", "basics.dose/q2", "basics.history/q1", "evidence.fibro/q2"])  # fmt: skip
    s.submit(right(s.current), "sure")
    s.next()
    item = s.current  # multiple: one right pick of two -> half credit
    s.submit([next(i for i, c in enumerate(item.choices) if c.correct)], "unsure")
    s.next()
    s.submit(wrong(s.current), "sure")  # confidently wrong
    s.next()
    s.submit(right(s.current))
    summary = s.finish()
    basics = summary.by_chapter["basics"]
    assert (basics.answered, basics.correct, basics.partial, basics.confidently_wrong) == (3, 1, 1, 1)
    assert basics.score == pytest.approx(1.5 / 3)
    dose = summary.by_objective["dose"]
    assert dose.label == "State the usual dose" and (dose.answered, dose.correct, dose.partial) == (2, 1, 1)
    assert dose.score_sum == pytest.approx(1.5)
    assert list(summary.by_objective) == ["dose", "history"]  # evidence.fibro/q2 has no objective
    assert summary.by_objective["history"].confidently_wrong == 1


# --- exam mode --------------------------------------------------------------------------------


def exam(content, store, clock, *, limit=None, n=None):
    pick = ["basics.dose/q1", "basics.history/q1", "safety.interactions/q2", "evidence.fibro/q2"][:n]
    request = QuizRequest(Selection(include_generated=False), uids=tuple(pick), seed=4, style="exam",
                          time_limit=limit)  # fmt: skip
    session = request.build(content, store)
    session._clock = clock
    session.sitting_start = session.started_at = session._shown_at = clock()
    return session


def test_exam_records_nothing_until_submitted_and_answers_can_change(content, store):
    clock = Clock()
    s = exam(content, store, clock)
    assert s.exam and not s.reviewing
    with pytest.raises(QuizError):
        s.submit(0)
    s.answer(wrong(s.current), "sure")
    s.answer(right(s.current), "unsure")  # changed before submitting
    s.next()
    s.answer(wrong(s.current), "sure")
    s.next()
    s.next()
    s.answer(right(s.current))
    s.next()
    assert s.index == 3  # the last question is as far as next goes
    s.previous()
    s.previous()
    assert s.index == 1 and s.current_response == (wrong(s.current), "sure")
    with pytest.raises(InvalidResponse):
        s.answer(99)
    assert store.attempts() == [] and s.unanswered == [3]
    assert s.progress.answered == 3

    clock.tick(minutes=5)
    s.submit_exam()
    assert s.reviewing and s.index == 0
    rows = store.attempts()
    assert [(r.question_uid, r.correct, r.confidence) for r in rows] == [
        ("basics.dose/q1", True, "unsure"),
        ("basics.history/q1", False, "sure"),
        ("evidence.fibro/q2", True, None),
    ]
    assert {r.session_id for r in rows} == {s.session_id} and s.session_id is not None
    summary = s.finish()
    assert summary.style == "exam" and summary.answered == 3 and summary.total == 4
    assert len(summary.review) == 4
    unanswered = summary.review[2]
    assert unanswered.grade.response_text == "(no answer)" and not unanswered.grade.correct
    assert summary.duration == timedelta(minutes=5)
    with pytest.raises(QuizError):
        s.answer(0)


def test_exam_time_limit_runs_on_an_injected_clock(content, store):
    clock = Clock()
    s = exam(content, store, clock, limit=60)
    assert s.remaining_seconds() == 60 and not s.time_up()
    clock.tick(seconds=45)
    s.answer(right(s.current))
    assert s.remaining_seconds() == 15
    clock.tick(seconds=20)
    assert s.remaining_seconds() == 0 and s.time_up()
    s.submit_exam()
    assert s.timed_out and len(store.attempts()) == 1
    assert s.finish().timed_out
    with pytest.raises(ValueError, match="exam"):
        QuizRequest(time_limit=60)


# --- saving and resuming ------------------------------------------------------------------------


def test_tutor_session_resumes_where_it_was_with_its_answers(content, store):
    request = QuizRequest(Selection(include_generated=False), count=5, seed=11)
    s = request.build(content, store)
    s.submit(right(s.current), "sure")
    s.next()
    s.submit(wrong(s.current), "guess")
    s.next()  # on question 3, not answered yet
    state = store.saved_quiz_state()
    assert describe(state).label == "Resume quiz (3 of 5)"
    before = [(i.uid, i.choice_order, i.item_order) for i in s.items]

    resumed = restore(content, state, StoreLog(store))
    r = resumed.session
    assert resumed.dropped == 0 and r.index == 2
    assert [(i.uid, i.choice_order, i.item_order) for i in r.items] == before
    assert sorted(r.answers) == [0, 1] and r.answers[1].confidence == "guess" and not r.answers[1].grade.correct
    assert len(store.attempts()) == 2  # re-graded for the screen, not recorded again
    r.submit(right(r.current))
    while r.next() is not None:
        r.submit(right(r.current))
    summary = r.finish()
    assert summary.answered == 5 and summary.correct == 4
    assert {a.session_id for a in store.attempts()} == {s.session_id}  # one session in the store
    assert store.saved_quiz_state() is None  # finished: nothing left to resume


def test_exam_resumes_with_its_drafts_and_the_time_used(content, store):
    clock = Clock()
    s = exam(content, store, clock, limit=600)
    s.answer(right(s.current), "sure")
    clock.tick(seconds=90)
    s.next()
    s.answer(wrong(s.current))
    clock.tick(seconds=30)
    s.next()  # checkpoint: 120 s used
    state = store.saved_quiz_state()
    assert describe(state).label == "Resume exam (3 of 4, 8 min left)"
    clock.tick(hours=5)  # paused for hours: that time does not count

    r = restore(content, state, StoreLog(store)).session
    r._clock = clock
    r.sitting_start = clock()
    assert r.exam and r.index == 2 and r.remaining_seconds() == 480
    assert r.responses[0] == (right(r.items[0]), "sure") and r.answers == {}
    assert store.attempts() == []
    r.submit_exam()
    assert len(store.attempts()) == 2


def test_restore_drops_questions_that_left_the_content(content, store):
    s = QuizRequest(Selection(include_generated=False), seed=3, uids=("basics.dose/q1", "basics.history/q1")).build(
        content, store
    )
    s.submit(right(s.current))
    state = store.saved_quiz_state()
    state["items"][0]["uid"] = "basics.dose/gone"
    r = restore(content, state, StoreLog(store))
    assert r.dropped == 1 and [i.uid for i in r.session.items] == ["basics.history/q1"]
    assert r.session.answers == {} and r.session.index == 0
    with pytest.raises(SavedQuizError, match="another version"):
        restore(content, state | {"version": 99}, StoreLog(store))
    state["items"] = [{"uid": "x/y"}]
    with pytest.raises(SavedQuizError, match="none of the saved quiz's questions"):
        restore(content, state, StoreLog(store))


def test_leaving_before_any_answer_leaves_nothing_to_resume(content, store):
    s = QuizRequest(Selection(), seed=1).build(content, store)
    s.next()
    assert store.saved_quiz_state() is not None
    s.abandon()
    assert store.saved_quiz_state() is None


# --- the service: flags persist, the paused quiz is offered ---------------------------------


def test_flags_persist_and_the_paused_quiz_is_offered(content, tmp_path):
    path = tmp_path / "p.sqlite3"
    study = Study(content, ProgressStore.open(path, now=T0), owns_store=True)
    assert study.toggle_flag("basics.dose/q2") is True and study.is_flagged("basics.dose/q2")
    assert study.saved_quiz() is None
    s = study.new_quiz(QuizRequest(Selection(include_generated=False), count=3, seed=2))
    s.submit(right(s.current))
    s.next()
    study.close()

    again = Study(content, ProgressStore.open(path, now=T0), owns_store=True)
    assert again.flagged() == {"basics.dose/q2"}
    flagged = again.new_quiz(QuizRequest(Selection(mode="flagged")))
    assert [i.uid for i in flagged.items] == ["basics.dose/q2"]
    assert again.saved_quiz().label == "Resume quiz (2 of 3)"
    resumed = again.resume_quiz().session
    assert resumed.index == 1 and list(resumed.answers) == [0]
    assert again.toggle_flag("basics.dose/q2") is False
    again.discard_saved_quiz()
    assert again.saved_quiz() is None
    with pytest.raises(SavedQuizError):
        again.resume_quiz()
    again.close()
