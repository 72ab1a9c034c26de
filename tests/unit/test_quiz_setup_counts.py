"""What the quiz setup dialog offers (`Study.quiz_setup_options`, cheap, for the first frame) and
the counts that fill in afterwards (`Study.quiz_setup_counts`, in a worker): the options come
in the dialog's order, and each count is the size of the quiz that option alone would give."""

from __future__ import annotations

import threading
import time
from dataclasses import replace
from datetime import timedelta

import pytest
from quizfixtures import T0, make_content, make_content_with_objectives

from ldn_tui.content import generated
from ldn_tui.content.model import Claim, Content
from ldn_tui.progress.store import ProgressStore
from ldn_tui.quiz.engine import QuizRequest, Selection
from ldn_tui.study import Study, Writer


def open_study(content: Content, tmp_path) -> Study:
    return Study(content, ProgressStore.open(tmp_path / "p.sqlite3", now=T0), writer=Writer(), owns_store=True)


@pytest.fixture
def study(tmp_path):
    s = open_study(make_content_with_objectives(), tmp_path)
    yield s
    s.close()


def test_options_come_in_the_dialogs_order(study):
    options = study.quiz_setup_options()
    assert options.chapters == (("basics", "Basics"), ("safety", "Safety"), ("evidence", "Evidence"))
    assert options.kinds == ("history", "dosing", "evidence", "safety")  # labels.KINDS order
    assert options.evidence == ("rct", "pilot-trial", "anecdote", "regulatory")  # labels.EVIDENCE order
    assert options.objectives == (
        ("safety", "Recognise the opioid interaction"),
        ("dose", "State the usual dose"),
        ("history", "Place LDN in its history"),
        ("appraise", "Appraise the fibromyalgia trial"),
    )
    assert study.quiz_setup_options() is options  # worked out once


def test_each_count_is_the_size_of_the_quiz_that_option_gives(study):
    counts = study.quiz_setup_counts()
    options = study.quiz_setup_options()

    def size(**only: tuple[str, ...]) -> int:
        return study.quiz_size(QuizRequest(Selection(**only)))

    assert {c: counts.chapters.get(c, 0) for c, _ in options.chapters} == {
        c: size(chapters=(c,)) for c, _ in options.chapters
    }
    assert {k: counts.kinds.get(k, 0) for k in options.kinds} == {k: size(kinds=(k,)) for k in options.kinds}
    assert {e: counts.evidence.get(e, 0) for e in options.evidence} == {
        e: size(evidence=(e,)) for e in options.evidence
    }
    assert {o: counts.objectives.get(o, 0) for o, _ in options.objectives} == {
        o: size(objectives=(o,)) for o, _ in options.objectives
    }
    # generated questions are counted too: more than the authored ones, every one in a chapter
    assert sum(counts.chapters.values()) == size() > len(study.content.questions)
    assert counts.chapters["basics"] > 0 and counts.objectives["dose"] == 3


def test_an_option_holding_no_question_is_offered_and_counted_as_none(tmp_path):
    base = make_content()
    history = base.chapter_by_id["basics"].cards[1]
    fact = Claim("c9", "LDN was first described in 1985.", "record", ("src:000",))
    chapters = tuple(
        replace(ch, cards=tuple(replace(c, claims=(fact,)) if c.id == history.id else c for c in ch.cards))
        for ch in base.chapters
    )
    study = open_study(Content(chapters=chapters, references=base.references, sources=base.sources), tmp_path)
    try:
        assert "record" in study.quiz_setup_options().evidence  # a claim carries the label...
        assert study.quiz_setup_counts().evidence.get("record", 0) == 0  # ...no question tests one
        assert study.quiz_size(QuizRequest(Selection(evidence=("record",)))) == 0
    finally:
        study.close()


def test_due_counts_are_read_each_time_the_rest_is_kept(study):
    first = study.quiz_setup_counts()
    assert first.built and first.due == {"basics": 0, "safety": 0, "evidence": 0}
    session = study.new_quiz(QuizRequest(Selection(chapters=("basics",), include_generated=False), seed=1))
    session.submit(None, "guess")  # wrong: due again soon
    later = T0 + timedelta(days=30)
    again = study.quiz_setup_counts(now=later)
    assert not again.built and again.chapters is first.chapters  # not counted again
    due_basics = study.quiz_size(QuizRequest(Selection(chapters=("basics",), mode="due")), now=later)
    assert again.due == {"basics": due_basics, "safety": 0, "evidence": 0} and due_basics == 1


def test_threads_that_need_the_generated_questions_wait_for_one_build(tmp_path, monkeypatch):
    built: list[str] = []
    real = generated.questions_for_card

    def slow(card, content=None):  # slow enough that every thread asks before the first build ends
        built.append(card.id)
        time.sleep(0.05)
        return real(card, content)

    monkeypatch.setattr(generated, "questions_for_card", slow)
    study = open_study(make_content(), tmp_path)
    try:
        threads = [threading.Thread(target=study.build_question_bank) for _ in range(4)]
        for t in threads:
            t.start()
        for t in threads:
            t.join(10)
        assert sorted(built) == sorted(card.id for card in study.content.cards)  # each card once
        assert generated.generated_questions(study.content)
    finally:
        study.close()


@pytest.mark.parametrize(
    "selection",
    [
        Selection(),
        Selection(chapters=("basics",)),
        Selection(evidence=("rct", "anecdote")),
        Selection(kinds=("evidence",), include_generated=False),
        Selection(mode="missed"),
        Selection(mode="due"),
        Selection(mode="unused", objectives=("dose",)),
    ],
)
def test_the_match_line_counts_both_sizes_in_one_pass(study, selection):
    session = study.new_quiz(QuizRequest(Selection(include_generated=True), seed=2))
    for _ in range(3):  # some answered (one of them wrong), the rest unused
        session.submit(None, "guess")
        session.next()
    later = T0 + timedelta(days=30)
    with_generated = replace(selection, include_generated=True)
    without = replace(selection, include_generated=False)
    expected = (
        study.quiz_size(QuizRequest(with_generated), now=later),
        study.quiz_size(QuizRequest(without), now=later),
    )
    assert study.quiz_sizes(selection, now=later) == expected
    assert expected[0] >= expected[1]
    if selection.mode in ("missed", "due"):
        assert expected[0] > 0  # the three wrong answers
