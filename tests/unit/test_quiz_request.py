"""Engine pieces the quiz UI and CLI lean on: QuizRequest, available_count, safety-first confident
errors, and the scheduler's next_due."""

from __future__ import annotations

from datetime import timedelta

import pytest
from quizfixtures import T0, home  # noqa: F401

from ldn_tui.progress.scheduler import next_due
from ldn_tui.quiz.engine import QuizRequest, Selection, available_count, build_session


def _wrong(item):
    q = item.question
    if q.type == "single":
        return next(i for i, c in enumerate(item.choices) if not c.correct)
    if q.type == "multiple":
        return [i for i, c in enumerate(item.choices) if not c.correct]
    if q.type == "true-false":
        return not q.answer
    if q.type == "cloze":
        return "nonsense"
    return list(reversed([item.items.index(t) for t in q.items]))


@pytest.mark.parametrize(
    "selection",
    [
        Selection(),
        Selection(include_generated=False),
        Selection(chapters=("basics",)),
        Selection(kinds=("safety",)),
        Selection(evidence=("rct", "anecdote")),
        Selection(mode="missed"),
        Selection(mode="due"),
        Selection(mode="bookmarked"),
    ],
)
def test_available_count_matches_build_session(content, store, selection):
    assert available_count(content, selection, store) == len(build_session(content, selection, store, seed=1).items)


def test_available_count_follows_progress(content, store):
    assert available_count(content, Selection(mode="missed"), store) == 0
    session = build_session(content, Selection(chapters=("safety",)), store, seed=2)
    session.submit(_wrong(session.current), "sure")
    assert available_count(content, Selection(mode="missed"), store) == 1
    assert available_count(content, Selection(mode="due"), store, now=T0 + timedelta(days=1)) == 1
    store.add_bookmark("basics.history")
    assert available_count(content, Selection(mode="bookmarked"), store) == 1


def test_available_count_rejects_unknown_chapter(content, store):
    with pytest.raises(ValueError, match="unknown chapter 'nope'; chapters: basics, safety, evidence"):
        available_count(content, Selection(chapters=("nope",)), store)


def test_quiz_request_builds_the_same_session(content, store):
    request = QuizRequest(Selection(chapters=("basics",)), count=3, seed=11)
    a, b = request.build(content, store), request.build(content, store)
    assert [i.uid for i in a.items] == [i.uid for i in b.items] and len(a.items) == 3
    assert request.available(content, store) == 3
    assert QuizRequest(Selection(chapters=("basics",))).available(content, store) == available_count(
        content, Selection(chapters=("basics",)), store
    )


def test_quiz_request_uids_keep_their_order(content, store):
    uids = ["safety.interactions/q2", "basics.history/q1", "gone/q9"]
    request = QuizRequest(uids=uids)
    assert request.uids == tuple(uids)  # lists become tuples: the request stays hashable
    assert [i.uid for i in request.build(content, store).items] == uids[:2]
    assert request.available(content, store) == 2
    assert QuizRequest(uids=uids, count=1).available(content, store) == 1
    hash(request)


def test_confidently_wrong_safety_first(content, store):
    uids = ["basics.history/q1", "safety.interactions/q1", "basics.dose/q3", "safety.interactions/q2"]
    session = build_session(content, Selection(), store, seed=5, uids=uids)
    for n, item in enumerate(session.items):
        session.submit(_wrong(item), "sure" if n != 2 else "guess")
        session.next()
    summary = session.finish()
    assert [a.item.uid for a in summary.confidently_wrong] == [uids[0], uids[1], uids[3]]
    ordered = summary.confidently_wrong_safety_first
    assert [a.item.uid for a in ordered] == [uids[1], uids[3], uids[0]]
    assert [a.safety for a in ordered] == [True, True, False]


def test_next_due(content, store):
    assert next_due(content, store) is None
    session = build_session(content, Selection(chapters=("basics",), include_generated=False), store, seed=1)
    item = session.current
    session.submit(_wrong(item), "unsure")
    due = next_due(content, store)
    assert due is not None and T0 < due < T0 + timedelta(days=1)  # "Again": back within minutes
    assert next_due(content, store, now=T0 + timedelta(days=3)) == due
