"""Question-bank flows as a student drives them (Pilot): a whole exam with a changed answer and
the end review, flag a question then quiz the flagged pool, pause a quiz and resume it in a new
app on the same progress file. State is asserted on the screens and in the store."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from pilotkit import settle, text

from ldn_tui.progress.store import ProgressStore
from ldn_tui.quiz.engine import QuizItem, QuizRequest, Selection
from ldn_tui.tui.app import build_app
from ldn_tui.tui.screens.main import MainScreen
from ldn_tui.tui.screens.quiz import QuizScreen
from ldn_tui.tui.screens.quiz_dialogs import LeaveQuizDialog, ResumeQuizDialog
from ldn_tui.tui.screens.quiz_summary import QuizSummaryScreen

MINI = Path(__file__).resolve().parents[1] / "fixtures" / "mini"
T0 = datetime(2025, 3, 3, 9, 0, tzinfo=UTC)
SIZE = (100, 32)
SINGLE = "basics.what-is-ldn/q1"
TRUE_FALSE = "basics.what-is-ldn/q2"
MULTIPLE = "evidence.fm-crossover/q1"
ORDER = "evidence.fm-crossover/q2"


@pytest.fixture
def path(tmp_path):
    return tmp_path / "progress.sqlite3"


@pytest.fixture
def store(path, clock):
    s = ProgressStore.open(path, now=clock)
    yield s
    s.close()


def make_app(content, store, **options):
    return build_app(content, store=store, first_run=False, theme="dark", **options)


def key_for(item: QuizItem, right: bool) -> str:
    if item.type == "true-false":
        return "t" if item.question.answer == right else "f"
    return str(next(i for i, c in enumerate(item.choices) if c.correct == right) + 1)


async def test_exam_with_a_changed_answer_then_the_review(content, store, clock):
    request = QuizRequest(uids=(SINGLE, TRUE_FALSE, MULTIPLE), seed=5, style="exam", time_limit=600)
    app = make_app(content, store, start_quiz=request)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        quiz = app.screen
        assert isinstance(quiz, QuizScreen) and quiz.session.exam and quiz.quiz_title == "Exam"
        top = text(quiz, "#quiz-progress")
        assert "question 1 of 3" in top and "0 answered" in top and "⏱ 10:00 left" in top and "▸○ ○ ○" in top

        single = quiz.session.current
        await pilot.press(key_for(single, False), "s", "enter")  # wrong and sure, saved, on to 2
        await pilot.pause()
        assert quiz.session.index == 1 and store.attempts() == []  # nothing graded yet
        assert quiz.query_one("#feedback").display is False
        await pilot.press("right")  # skip question 2
        await pilot.press("left", "left")  # back to 1: the saved pick is shown again
        await pilot.pause()
        assert quiz.session.index == 0 and quiz.draft.picked == [int(key_for(single, False)) - 1]
        assert "answer saved" in text(quiz, "#quiz-hint")
        await pilot.press(key_for(single, True), "u", "enter")  # changed before submitting
        clock.t = T0 + timedelta(minutes=4)
        await pilot.press("right")
        await pilot.pause()
        assert quiz.session.index == 2 and "⏱ 6:00 left" in text(quiz, "#quiz-progress")
        multiple = quiz.session.current
        await pilot.press(*[str(i + 1) for i, c in enumerate(multiple.choices) if c.correct], "enter")
        await pilot.pause()
        dialog = app.screen  # Enter on the last question asks before submitting
        assert isinstance(dialog, LeaveQuizDialog) and dialog.submitting and dialog.unanswered == [2]
        await pilot.press("e")
        await pilot.pause()

        assert app.screen is quiz and quiz.session.reviewing and quiz.session.index == 0
        rows = store.attempts()
        assert [(r.question_uid, r.correct, r.confidence) for r in rows] == [
            (SINGLE, True, "unsure"),
            (MULTIPLE, True, "unsure"),
        ]
        shown = text(quiz, "#feedback")
        assert "✓ RIGHT" in shown and "Correct answer:" in shown and "Source card:" in shown
        for choice in single.choices:  # every choice explained, the right one first
            assert choice.why.split(".")[0] in shown
        right_choice = next(c for c in single.choices if c.correct)
        assert shown.index(right_choice.why.split(".")[0]) < min(
            shown.index(c.why.split(".")[0]) for c in single.choices if not c.correct
        )
        await pilot.press("enter")
        await pilot.pause()
        assert "NOT ANSWERED" in text(quiz, "#feedback")
        assert "Exam review" in text(quiz, "#quiz-progress")
        await pilot.press("enter", "enter")
        await pilot.pause()
        summary = app.screen
        assert isinstance(summary, QuizSummaryScreen)
        score = text(summary, "#summary-score")
        assert "2 of 2 right" in score and "1 of 3 questions not answered" in score and "exam" in score
        assert store.saved_quiz_state() is None


async def test_exam_time_running_out_submits_it(content, store, clock):
    request = QuizRequest(uids=(SINGLE, TRUE_FALSE), seed=5, style="exam", time_limit=60)
    app = make_app(content, store, start_quiz=request)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        quiz = app.screen
        await pilot.press(key_for(quiz.session.current, True), "enter")
        clock.t = T0 + timedelta(seconds=61)
        quiz._tick()  # what the one-second timer calls
        await pilot.pause()
        assert quiz.session.reviewing and quiz.session.timed_out
        assert [a.question_uid for a in store.attempts()] == [SINGLE]


async def test_flag_then_quiz_the_flagged_pool(content, store):
    app = make_app(content, store, start_quiz=QuizRequest(uids=(SINGLE, TRUE_FALSE), seed=5))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        quiz = app.screen
        await pilot.press("m")  # flag before answering
        await pilot.pause()
        assert "⚑ flagged" in text(quiz, "#quiz-progress")
        await pilot.press(key_for(quiz.session.current, True), "enter", "enter")
        await pilot.press("m", "m")  # flag and unflag the second
        await pilot.press("escape", "e")
        await settle(pilot)
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, MainScreen)
        app.study.flush()
        assert store.flagged_uids() == {SINGLE}

        await pilot.press("z")
        await settle(pilot)
        app.screen.query_one("#setup-mode").value = "flagged"
        await settle(pilot)
        assert "1 question match" in text(app.screen, "#setup-match")
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, QuizScreen) and app.screen.quiz_title == "Flagged"
        assert [i.uid for i in app.screen.session.items] == [SINGLE]


async def test_pause_then_resume_in_a_new_app(content, path, clock):
    store = ProgressStore.open(path, now=clock)
    request = QuizRequest(Selection(include_generated=False), count=4, seed=9)
    app = make_app(content, store, start_quiz=request)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        quiz = app.screen
        first = quiz.session.current
        if first.type == "cloze":
            await pilot.press(*first.question.answers[0])
        else:
            await pilot.press("1" if first.type != "true-false" else "t")
        await pilot.press("enter", "enter")
        await pilot.pause()
        assert quiz.session.index == 1
        await pilot.press("q")  # asks first
        await pilot.pause()
        assert isinstance(app.screen, LeaveQuizDialog)
        await pilot.press("p")
        await settle(pilot)
        assert isinstance(app.screen, MainScreen)
        app.study.flush()
    store.close()

    store = ProgressStore.open(path, now=clock)
    assert len(store.attempts()) == 1
    app = make_app(content, store, start="today")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        # the start screen (Today) offers the paused quiz first; Enter asks resume or discard
        assert "Unfinished quiz" in str(app.screen.query_one("#today-facts").render())
        await pilot.press("enter")
        await settle(pilot)
        offer = app.screen
        assert isinstance(offer, ResumeQuizDialog) and offer.label == "Resume quiz (2 of 4)"
        await pilot.press("r")
        await settle(pilot)
        resumed = app.screen
        assert isinstance(resumed, QuizScreen)
        assert resumed.session.index == 1 and [i.uid for i in resumed.session.items][0] == first.uid
        assert list(resumed.session.answers) == [0]
        assert "question 2 of 4" in text(resumed, "#quiz-progress")
        # pause again (back on Today, where it came from); Z on the study screen resumes it too
        await pilot.press("escape", "p")
        await settle(pilot)
        assert not isinstance(app.screen, QuizScreen)
        await pilot.press("r")  # Today: read on, onto the study screen
        await settle(pilot)
        assert isinstance(app.screen, MainScreen)
        await pilot.press("Z")
        await settle(pilot)
        assert isinstance(app.screen, QuizScreen) and app.screen.session.index == 1
        # a new quiz over a paused one says that answering replaces it
        await pilot.press("escape", "p", "z", "enter")
        await settle(pilot)
        assert any("A paused quiz is waiting (quiz (2 of 4))" in n.message for n in app._notifications)
    store.close()


async def test_setup_shows_ticks_without_colour_and_resets_what_it_remembered(content, store):
    from ldn_tui.tui.screens.quiz_setup import QuizSetupScreen

    app = make_app(content, store)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("z")
        await settle(pilot)
        setup = app.screen
        assert "Remembered" not in text(setup, "#setup-hint")
        chapters = setup.query_one("#setup-chapters")
        assert chapters.render_line(0).text.startswith("☐   4 q  Basics")
        await pilot.press("space")
        await settle(pilot)
        assert chapters.render_line(0).text.startswith("☑   4 q  Basics")
        authored = sum(len(card.quiz) for card in content.chapter_by_id["basics"].cards)
        assert f"4 questions match; the quiz will ask 4.\n{authored} authored, {4 - authored} generated" in text(
            setup, "#setup-match"
        )
        setup.query_one("#setup-style").value = "exam"
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, QuizScreen) and app.screen.session.exam
        await pilot.press("escape")  # nothing answered: closes at once
        await settle(pilot)

        await pilot.press("z")
        await settle(pilot)
        setup = app.screen
        assert isinstance(setup, QuizSetupScreen)
        assert "Remembered from your last quiz · Ctrl+R resets." in text(setup, "#setup-hint")
        assert setup.query_one("#setup-chapters").selected == ["basics"]
        await pilot.press("ctrl+r")
        await settle(pilot)
        assert setup.query_one("#setup-chapters").selected == []
        assert setup.query_one("#setup-count").value == "10"
        assert "8 questions match" in text(setup, "#setup-match")


async def _exam_on_its_order_question(app, pilot):
    await settle(pilot)
    quiz = app.screen
    while quiz.session.current.question.uid != ORDER:
        await pilot.press("right")
    return quiz


async def test_exam_opening_an_order_question_is_not_answering_it(content, store):
    """An order question shows its items in some order; an exam counts it only once the student
    arranges them or confirms that order with Enter. Leaving before that asks nothing."""
    request = QuizRequest(uids=(ORDER, SINGLE), seed=5, style="exam")
    app = make_app(content, store, start_quiz=request)
    async with app.run_test(size=SIZE) as pilot:
        quiz = await _exam_on_its_order_question(app, pilot)
        await pilot.press("right", "left")  # looked at it, moved on and back: still unanswered
        await pilot.pause()
        assert "0 answered" in text(quiz, "#quiz-progress")
        await pilot.press("escape")  # nothing answered: leaves without asking
        await settle(pilot)
        assert isinstance(app.screen, MainScreen)
        assert store.attempts() == [] and store.saved_quiz_state() is None

    app = make_app(content, store, start_quiz=request)
    async with app.run_test(size=SIZE) as pilot:
        quiz = await _exam_on_its_order_question(app, pilot)
        number = quiz.session.index + 1
        assert number in quiz.session.unanswered
        await pilot.press("enter")  # Enter confirms the order as shown: an answer
        await pilot.pause()
        assert number not in quiz.session.unanswered
        assert quiz.session.started
