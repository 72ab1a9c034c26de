from __future__ import annotations

from datetime import timedelta

import pytest
from quizfixtures import T0, home, make_content  # noqa: F401

from ldn_tui.content import generated as gen
from ldn_tui.content.labels import CERTAINTY, EVIDENCE
from ldn_tui.progress.store import ProgressStore, StoreLocked
from ldn_tui.quiz.engine import QuizError, Selection, build_session
from ldn_tui.quiz.grading import InvalidResponse


def _answer_right(item):
    """A correct response in *shown* terms."""
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


# --- selection --------------------------------------------------------------------------------


def test_selection_filters(content, store):
    everything = build_session(content, Selection(), store, seed=1)
    authored = build_session(content, Selection(include_generated=False), store, seed=1)
    assert len(authored.items) == len(content.questions) == 10
    assert len(everything.items) == 10 + len(gen.generated_questions(content)) == 10 + 7

    basics = build_session(content, Selection(chapters=("basics",), include_generated=False), store, seed=1)
    assert {i.chapter.id for i in basics.items} == {"basics"} and len(basics.items) == 6

    safety = build_session(content, Selection(kinds=("safety",)), store, seed=1)
    assert {i.card.kind for i in safety.items} == {"safety"}

    rct = build_session(content, Selection(evidence=("rct",)), store, seed=1)
    assert sorted(i.uid for i in rct.items) == [
        "evidence.fibro/claim-c1-certainty",
        "evidence.fibro/claim-c1-evidence",
        "evidence.fibro/q1",
    ]
    assert all(i.claim.evidence == "rct" for i in rct.items)

    assert len(build_session(content, Selection(), store, seed=1, count=4).items) == 4
    assert build_session(content, Selection(chapters=("basics",), kinds=("safety",)), store).finished


def test_short_sessions_are_mostly_authored(content, store):
    for seed in range(20):
        s = build_session(content, Selection(), store, seed=seed, count=9)
        assert sum(i.generated for i in s.items) == 3
    full = build_session(content, Selection(), store, seed=1)
    assert sum(i.generated for i in full.items) == 7 and len(full.items) == 17


def test_selection_validation(content, store):
    with pytest.raises(ValueError, match="mode"):
        Selection(mode="sometimes")
    with pytest.raises(ValueError, match="kind"):
        Selection(kinds=("gossip",))
    with pytest.raises(ValueError, match="evidence label"):
        Selection(evidence=("vibes",))
    with pytest.raises(ValueError, match="unknown chapter 'nope'"):
        build_session(content, Selection(chapters=("nope",)), store)
    s = Selection(chapters=["basics"], mode="due")
    assert s.chapters == ("basics",) and Selection.from_dict(s.to_dict()) == s


def test_same_seed_same_session(content, store):
    def shape(session):
        return [(i.uid, i.choice_order, i.item_order) for i in session.items]

    a = build_session(content, Selection(), store, seed=42)
    b = build_session(content, Selection(), store, seed=42)
    c = build_session(content, Selection(), store, seed=43)
    assert shape(a) == shape(b)
    assert shape(a) != shape(c)


def test_order_items_never_shown_in_order_and_certainty_keeps_grade_order(content, store):
    for seed in range(60):
        s = build_session(content, Selection(chapters=("basics",), include_generated=False), store, seed=seed)
        item = next(i for i in s.items if i.type == "order")
        assert list(item.items) != list(item.question.items)
        assert sorted(item.item_order) == list(range(4))
    s = build_session(content, Selection(chapters=("safety",)), store, seed=3)
    cert = next(i for i in s.items if i.uid.endswith("-certainty"))
    assert [c.text for c in cert.choices] == [v.split(":")[0] for v in CERTAINTY.values()]


# --- answering --------------------------------------------------------------------------------


def test_every_type_answered_right_is_recorded_and_scheduled(content, store):
    session = build_session(content, Selection(), store, seed=7, now=T0)
    n = len(session.items)
    while (item := session.current) is not None:
        g = session.submit(_answer_right(item), confidence="unsure", elapsed_ms=1000)
        assert g.correct, item.uid
        assert session.current_answer.grade is g
        session.next()
    assert session.finished and session.current is None
    rows = store.attempts()
    assert len(rows) == n and all(r.correct for r in rows)
    assert {r.session_id for r in rows} == {session.session_id}
    assert sum(r.generated for r in rows) == 7
    assert len(store.schedule_rows()) == n
    summary = session.finish(now=T0 + timedelta(minutes=3))
    assert summary.score == 1.0 and summary.percent == 100 and summary.missed == ()
    assert summary.duration == timedelta(minutes=3) and summary.answer_time_ms == 1000 * n
    assert store.sessions()[0].finished_at == T0 + timedelta(minutes=3)
    assert store.sessions()[0].selection["seed"] == 7


def test_shown_positions_are_translated(content, store):
    session = build_session(content, Selection(include_generated=False), store, seed=5)
    while session.current is not None and session.current.type != "single":
        session.next()
    item = session.current
    wrong = next(i for i, c in enumerate(item.choices) if not c.correct)
    g = session.submit(wrong, confidence="sure")
    assert not g.correct and g.answer == item.choices[wrong].text
    assert g.feedback[0].text == item.choices[wrong].text and g.feedback[0].picked
    assert store.attempts()[0].answer == item.choices[wrong].text
    with pytest.raises(QuizError):
        session.submit(0)
    session.next()
    with pytest.raises(InvalidResponse):
        while session.current.type not in ("single", "multiple", "order"):
            session.next()
        session.submit(99)
    assert session.current_answer is None  # a bad response records nothing


def test_order_by_shown_positions_and_partial(content, store):
    session = build_session(content, Selection(chapters=("basics",), include_generated=False), store, seed=2)
    while session.current.type != "order":
        session.next()
    item = session.current
    # swap the first two correct items
    correct = [item.items.index(t) for t in item.question.items]
    correct[0], correct[1] = correct[1], correct[0]
    g = session.submit(correct, confidence="unsure")
    assert g.score == pytest.approx(2 / 3) and g.partial
    assert store.attempts()[0].answer == ["step 2", "step 1", "step 3", "step 4"]
    assert store.get_schedule(item.uid) is not None


def test_summary_missed_confident_and_review(content, store):
    session = build_session(content, Selection(include_generated=False), store, seed=11, now=T0)
    plan = {}
    for k, item in enumerate(session.items):
        if k == 0:
            resp, conf = _wrong(item), "sure"
        elif k == 1:
            resp, conf = _wrong(item), "guess"
        else:
            resp, conf = _answer_right(item), "unsure"
        plan[item.uid] = conf
        session.submit(resp, conf, 500)
        session.next()
    summary = session.finish()
    first, second = session.items[0].uid, session.items[1].uid
    assert [a.item.uid for a in summary.missed] == [first, second]
    assert [a.item.uid for a in summary.confidently_wrong] == [first]
    assert summary.review_uids == (first, second)
    assert summary.answered == 10 and summary.correct == 8
    assert sum(t.answered for t in summary.by_chapter.values()) == 10
    assert list(summary.by_chapter) == ["basics", "safety", "evidence"]
    assert summary.by_chapter["basics"].label == "Basics"
    assert set(summary.by_kind) == {"dosing", "history", "safety", "evidence"}
    missed_grade = summary.missed[0].grade
    assert missed_grade.explanation and missed_grade.correct_answer

    # "review these now"
    again = build_session(content, Selection(include_generated=False), store, uids=summary.review_uids, seed=1)
    assert [i.uid for i in again.items] == [first, second]

    # "missed last time"
    missed = build_session(content, Selection(mode="missed", include_generated=False), store, seed=1)
    assert {i.uid for i in missed.items} == {first, second}


def _wrong(item):
    q = item.question
    if q.type in ("single", "multiple"):
        return (
            [i for i, c in enumerate(item.choices) if not c.correct][:1]
            if q.type == "multiple"
            else next(i for i, c in enumerate(item.choices) if not c.correct)
        )
    if q.type == "true-false":
        return not q.answer
    if q.type == "cloze":
        return "nonsense"
    return list(reversed([item.items.index(t) for t in q.items]))


def test_bookmarked_and_due_modes(content, store):
    store.add_bookmark("safety.interactions")
    marked = build_session(content, Selection(mode="bookmarked"), store, seed=1)
    assert {i.card.id for i in marked.items} == {"safety.interactions"}

    # nothing scheduled yet: nothing due
    assert build_session(content, Selection(mode="due"), store, now=T0).finished
    s = build_session(content, Selection(include_generated=False), store, seed=3, now=T0)
    wrong_uid = s.current.uid
    s.submit(_wrong(s.current), "sure")
    s.next()
    s.submit(_answer_right(s.current), "sure")
    due = build_session(content, Selection(mode="due"), store, now=T0 + timedelta(hours=1))
    assert [i.uid for i in due.items] == [wrong_uid]


def test_progress_counts(content, store):
    s = build_session(content, Selection(include_generated=False), store, seed=4, count=3)
    assert (s.progress.position, s.progress.total, s.progress.answered, s.progress.remaining) == (1, 3, 0, 3)
    s.submit(_answer_right(s.current))
    assert s.progress.answered == 1 and s.progress.correct == 1
    s.next()
    s.skip()
    assert s.progress.position == 3 and s.progress.remaining == 1
    s.next()
    assert s.finished and s.next() is None
    with pytest.raises(QuizError):
        s.submit(0)
    assert s.summary().answered == 1 and s.summary().total == 3


def test_bad_confidence_rejected(content, store):
    s = build_session(content, Selection(), store, seed=1)
    with pytest.raises(ValueError):
        s.submit(_answer_right(s.current), confidence="very")


def test_store_failures_do_not_stop_the_quiz(content, store, monkeypatch):
    s = build_session(content, Selection(), store, seed=1)

    def locked(*a, **k):
        raise StoreLocked(store.path)

    monkeypatch.setattr(store, "record_attempt", locked)
    g = s.submit(_answer_right(s.current), "sure")
    assert g.correct and s.current_answer is not None and store.attempts() == []
    assert "not saved" in s.notice and "another copy" in s.notice


def test_read_only_store_still_quizzes(content):
    mem = ProgressStore.in_memory(now=T0, notice="not saving")
    s = build_session(content, Selection(), mem, seed=1)
    s.submit(_answer_right(s.current), "sure")
    assert len(mem.attempts()) == 1 and s.notice == "not saving"


# --- generated questions ----------------------------------------------------------------------


def test_generated_questions_shape(content):
    qs = gen.generated_questions(content)
    uids = [q.uid for q in qs]
    assert uids == [
        "basics.dose/claim-c1-evidence",
        "safety.interactions/claim-c1-evidence",
        "safety.interactions/claim-c1-certainty",
        "evidence.fibro/claim-c1-evidence",
        "evidence.fibro/claim-c1-certainty",
        "evidence.fibro/claim-c2-evidence",
        "evidence.fibro/claim-c2-certainty",
    ]
    assert gen.generated_questions(content) is qs  # cached
    ev = gen.question_by_uid(content, "evidence.fibro/claim-c1-evidence")
    assert ev.type == "single" and ev.focus == "appraisal" and ev.claim == "c1"
    assert "«Pain fell more on LDN than placebo in 31 women.»" in ev.prompt
    assert len(ev.choices) == 4 and sum(c.correct for c in ev.choices) == 1
    right = next(c for c in ev.choices if c.correct)
    assert right.text == EVIDENCE["rct"]
    assert len({c.text for c in ev.choices}) == 4
    assert all(c.why.startswith(c.text) for c in ev.choices)
    assert all("Not this one" in c.why for c in ev.choices if not c.correct)
    # one distractor is a neighbour in the strength order
    names = {v: k for k, v in EVIDENCE.items()}
    labels = [names[c.text] for c in ev.choices if not c.correct]
    assert {"systematic-review", "pilot-trial"} & set(labels)
    # the explanation names the sources
    # Sources by the names a student reads (authors and year; a source's short name), never by id.
    assert "Younger J et al 2013" in ev.explanation and "A specialist's post" in ev.explanation
    assert "younger2013" not in ev.explanation and "src:" not in ev.explanation
    assert "Small and short." in ev.explanation

    cert = gen.question_by_uid(content, "evidence.fibro/claim-c2-certainty")
    assert [c.correct for c in cert.choices] == [False, False, False, True]
    assert gen.is_generated(cert) and gen.is_generated(cert.uid) and not gen.is_generated("a/q1")
    assert gen.question_by_uid(content, "basics.dose/q1").id == "q1"


def test_generated_questions_are_stable_and_graded_like_authored(content, store):
    again = make_content()
    assert [q.choices for q in gen.generated_questions(again)] == [q.choices for q in gen.generated_questions(content)]
    s = build_session(content, Selection(evidence=("anecdote",)), store, seed=9)
    assert {i.uid for i in s.items} == {"evidence.fibro/claim-c2-evidence", "evidence.fibro/claim-c2-certainty"}
    g = s.submit(_answer_right(s.current), "sure")
    assert g.correct and g.claim.evidence == "anecdote"
    assert store.attempts()[0].generated


def test_no_textual_imported():
    import subprocess
    import sys

    code = (
        "import sys, ldn_tui.quiz, ldn_tui.quiz.engine, ldn_tui.progress.stats, ldn_tui.progress.scheduler, "
        "ldn_tui.content.hashing; print(any(m == 'textual' or m.startswith('textual.') for m in sys.modules))"
    )
    import os

    import ldn_tui

    src = os.path.dirname(os.path.dirname(ldn_tui.__file__))
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=dict(os.environ, PYTHONPATH=src), check=True
    )
    assert out.stdout.strip() == "False"


def test_no_evidence_question_for_a_claim_that_names_its_own_design():
    """A claim that says "in a randomised trial ..." would be answered by matching words: none is made."""
    from ldn_tui.content.generated import questions_for_card
    from ldn_tui.content.model import Card, Claim

    named = Claim("c1", "In a randomised controlled trial of 99 adults, pain fell as much on placebo.", "rct", ("x",))
    unnamed = Claim("c2", "Pain fell as much on placebo as on LDN in 99 adults.", "rct", ("x",))
    card = Card(id="e.c", chapter_id="e", title="T", kind="evidence", body="b", claims=(named, unnamed))
    ids = [q.id for q in questions_for_card(card)]
    assert ids == ["claim-c2-evidence"]
