"""The quiz as a student drives it (Pilot, headless), over the mini fixture content.

Every type of question answered by keys, confidence, feedback, the source card and back, the
summary with the confident error, "review these now", the set-up dialog, and a review session
of what falls due. State is asserted on the screens and in the store, never by sleeping.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from pilotkit import settle, text

from ldn_tui.progress.scheduler import due_question_uids
from ldn_tui.progress.store import ProgressStore
from ldn_tui.quiz.engine import QuizItem, QuizRequest, Selection
from ldn_tui.tui.app import build_app
from ldn_tui.tui.screens.main import MainScreen
from ldn_tui.tui.screens.quiz import QuizScreen
from ldn_tui.tui.screens.quiz_card import QuizCardScreen
from ldn_tui.tui.screens.quiz_setup import QuizSetupScreen
from ldn_tui.tui.screens.quiz_summary import QuizSummaryScreen
from ldn_tui.tui.screens.stats import StatsScreen

MINI = Path(__file__).resolve().parents[1] / "fixtures" / "mini"
T0 = datetime(2025, 3, 3, 9, 0, tzinfo=UTC)
SIZE = (100, 32)


def make_app(content, store, **options):
    return build_app(content, store=store, first_run=False, start="study", theme="dark", **options)


def right_keys(item: QuizItem) -> list[str]:
    """Keys that answer `item` correctly, as a student would press them."""
    q = item.question
    if q.type == "single":
        return [str(next(i for i, c in enumerate(item.choices) if c.correct) + 1)]
    if q.type == "multiple":
        return [str(i + 1) for i, c in enumerate(item.choices) if c.correct]
    if q.type == "true-false":
        return ["t" if q.answer else "f"]
    if q.type == "cloze":
        return list(q.answers[0])
    return [str(item.items.index(t) + 1) for t in q.items]  # order: type the sequence


def wrong_single_key(item: QuizItem) -> str:
    return str(next(i for i, c in enumerate(item.choices) if not c.correct) + 1)


# --- the whole quiz ---------------------------------------------------------------------------


async def test_full_quiz_every_type_feedback_card_summary(content, store):
    app = make_app(content, store, start_quiz=QuizRequest(Selection(), seed=7))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        quiz = app.screen
        assert isinstance(quiz, QuizScreen)
        session = quiz.session
        assert len(session.items) == 8  # 5 authored + 3 generated from the claims
        assert {i.type for i in session.items} == {"single", "multiple", "true-false", "cloze", "order"}
        assert "question 1 of 8" in text(quiz, "#quiz-progress")

        confident_miss = None
        seen_card = False
        for n in range(len(session.items)):
            item = session.current
            assert f"question {n + 1} of 8" in text(quiz, "#quiz-progress")
            assert item.prompt in text(quiz, "#question")
            assert not quiz.query_one("#feedback").display

            if item.type == "single" and confident_miss is None and item.claim is not None:
                # A confident error on a claim-linked question: s (sure), a wrong number, Enter.
                confident_miss = item
                await pilot.press("s", wrong_single_key(item), "enter")
            elif item.type == "cloze":
                await pilot.press(*right_keys(item), "enter")
            else:
                await pilot.press(*right_keys(item))
                if item.type == "multiple":
                    assert len(quiz.draft.picked) == 2  # toggled several numbers
                await pilot.press("enter")
            await pilot.pause()

            # The answer is in the store the moment it is given (nothing waits for the end).
            attempts = store.attempts()
            assert len(attempts) == n + 1 and attempts[-1].question_uid == item.uid
            feedback = quiz.query_one("#feedback")
            assert feedback.display
            shown = text(quiz, "#feedback")
            assert item.question.explanation.strip()[:40] in shown
            assert "Correct answer:" in shown

            if item is confident_miss:
                assert "✗ WRONG" in shown and "you were sure" in shown and "confident error" in shown
                assert attempts[-1].confidence == "sure" and not attempts[-1].correct
                picked = item.choices[int(wrong_single_key(item)) - 1]
                right = next(c for c in item.choices if c.correct)
                assert picked.why.split(".")[0] in shown  # why the pick is wrong
                assert right.why.split(".")[0] in shown  # why the right one is right
                assert "Claim tested:" in shown and item.claim.text[:30] in shown
                assert "RCT" in shown or "EXPERT OPINION" in shown  # the evidence badge
                # o opens the card the question comes from; Esc returns to the same question.
                await pilot.press("o")
                await pilot.pause()
                assert isinstance(app.screen, QuizCardScreen)
                assert app.screen.query_one("#dialog").border_title == item.card.title
                await pilot.press("escape")
                await pilot.pause()
                assert app.screen is quiz and session.current is item
                assert item.card.id in store.viewed_cards()
                seen_card = True
            else:
                assert "✓ RIGHT" in shown, (item.uid, shown)
                assert attempts[-1].correct and attempts[-1].confidence == "unsure"
            await pilot.press("enter")
            await pilot.pause()

        assert seen_card and confident_miss is not None
        summary_screen = app.screen
        assert isinstance(summary_screen, QuizSummaryScreen)
        score = text(summary_screen, "#summary-score")
        assert "7 of 8 right" in score and "1 missed" in score and "1 confidently wrong" in score
        assert "CONFIDENTLY WRONG" in text(summary_screen, "#summary-confident")
        missed = text(summary_screen, "#summary-missed")
        assert "Missed questions (1)" in missed and confident_miss.prompt[:40] in missed
        assert confident_miss.question.explanation[:30] in missed
        assert store.sessions()[-1].finished_at is not None

        # r: review these now -> a session of just the missed question
        await pilot.press("r")
        await pilot.pause()
        review = app.screen
        assert isinstance(review, QuizScreen) and review.quiz_title == "Review missed"
        assert [i.uid for i in review.session.items] == [confident_miss.uid]
        await pilot.press(*right_keys(review.session.current), "enter", "enter")
        await pilot.pause()
        assert isinstance(app.screen, QuizSummaryScreen)
        assert "Nothing missed" in text(app.screen, "#summary-missed")
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, MainScreen)


async def test_keys_confidence_cloze_order_and_empty_submit(content, store):
    uids = ("basics.what-is-ldn/q2", "basics.what-is-ldn/q3", "evidence.fm-crossover/q2", "basics.what-is-ldn/q1")
    app = make_app(content, store, start_quiz=QuizRequest(uids=uids, seed=1))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        quiz = app.screen
        assert [i.type for i in quiz.session.items] == ["true-false", "cloze", "order", "single"]

        # true/false by number: 2 = false; Enter before picking only warns
        await pilot.press("enter")
        await pilot.pause()
        assert not store.attempts() and quiz.query_one("#quiz-hint").has_class("-warning")
        await pilot.press("2", "g", "enter")
        await pilot.pause()
        a = store.attempts()[-1]
        assert a.answer is False and a.correct and a.confidence == "guess"
        await pilot.press("enter")

        # cloze: type, Tab out of the box, u/s/g rate, Enter submits
        await pilot.pause()
        assert quiz.focused is quiz.query_one("#cloze")
        await pilot.press(*"1963", "tab", "s")
        await pilot.pause()
        assert quiz.draft.confidence == "sure" and "▸sure◂" in text(quiz, "#confidence")
        await pilot.press("enter")
        await pilot.pause()
        a = store.attempts()[-1]
        assert a.answer == "1963" and a.correct and a.confidence == "sure"
        assert quiz.query_one("#cloze").disabled
        await pilot.press("enter")

        # order: arrows and shift+arrows move items into place
        await pilot.pause()
        item = quiz.session.current
        target = [item.items.index(t) for t in item.question.items]
        for pos, shown in enumerate(target):
            current = quiz.draft.arrangement.index(shown)
            while quiz.draft.cursor != current:
                await pilot.press("down" if quiz.draft.cursor < current else "up")
            while quiz.draft.arrangement.index(shown) > pos:
                await pilot.press("shift+up")
        assert quiz.draft.arrangement == target
        await pilot.press("enter")
        await pilot.pause()
        a = store.attempts()[-1]
        assert a.correct and a.answer == list(item.question.items)
        assert "✓ 1." in text(quiz, "#feedback")
        await pilot.press("enter")

        # single: arrows pick like radio buttons; Esc mid-question asks, e ends with a summary
        await pilot.pause()
        await pilot.press("down")
        assert quiz.draft.picked == [1]
        await pilot.press("escape", "e")
        await pilot.pause()
        assert isinstance(app.screen, QuizSummaryScreen)
        assert "3 of 3 right" in text(app.screen, "#summary-score")
        assert "1 of 4 questions not answered" in text(app.screen, "#summary-score")


async def test_escape_before_any_answer_just_closes(content, store):
    app = make_app(content, store)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("x")  # retry missed: nothing missed yet
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)
        assert any("Nothing to retry" in n.message for n in app._notifications)
        await pilot.press("z", "enter")
        await pilot.pause()
        assert isinstance(app.screen, QuizScreen)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)
        assert store.sessions() == []


# --- set-up dialog ----------------------------------------------------------------------------


async def test_setup_dialog_filters_and_remembers(content, store):
    app = make_app(content, store)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("z")
        await settle(pilot)
        setup = app.screen
        assert isinstance(setup, QuizSetupScreen)
        assert "8 questions match; the quiz will ask 8." in text(setup, "#setup-match")
        await pilot.press("space")  # tick the first chapter (Basics)
        await settle(pilot)
        assert "4 questions match" in text(setup, "#setup-match")
        setup.query_one("#setup-count").value = "2"
        await settle(pilot)
        assert "the quiz will ask 2." in text(setup, "#setup-match")
        await pilot.press("enter")
        await settle(pilot)
        quiz = app.screen
        assert isinstance(quiz, QuizScreen) and len(quiz.session.items) == 2
        assert {i.chapter.id for i in quiz.session.items} == {"basics"}
        saved = store.get_setting("quiz_setup")
        assert saved["chapters"] == ["basics"] and saved["count"] == 2
        await pilot.press("escape")
        await settle(pilot)
        # the dialog opens with the last choices
        await pilot.press("z")
        await settle(pilot)
        assert "the quiz will ask 2." in text(app.screen, "#setup-match")
        # a mode that matches nothing says so and does not start
        app.screen.query_one("#setup-mode").value = "missed"
        await settle(pilot)
        assert "No questions match" in text(app.screen, "#setup-match")
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, QuizSetupScreen)
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, MainScreen)


# --- spaced repetition ------------------------------------------------------------------------


async def test_review_runs_what_is_due_and_navigator_counts_it(content, store, clock):
    # Answer everything once: one wrong (due again soon), the rest right but unsure.
    app = make_app(content, store, start_quiz=QuizRequest(Selection(), seed=3))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        quiz = app.screen
        missed = None
        for _ in range(len(quiz.session.items)):
            item = quiz.session.current
            if missed is None and item.type == "single":
                missed = item
                await pilot.press(wrong_single_key(item), "enter")
            else:
                await pilot.press(*right_keys(item), "enter")
            await pilot.press("enter")
            await pilot.pause()
        assert isinstance(app.screen, QuizSummaryScreen)

    clock.t = T0 + timedelta(days=2)
    due = due_question_uids(content, store)
    assert missed.uid in due and len(due) >= 2

    app = make_app(content, store)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        main = app.screen
        counts = main.navigator.due
        assert sum(counts.values()) == len(due)
        label = str(main.navigator._chapter_nodes[missed.chapter.id].label)
        assert f"{counts[missed.chapter.id]} due" in label

        await pilot.press("d")
        await pilot.pause()
        review = app.screen
        assert isinstance(review, QuizScreen) and review.quiz_title == "Review"
        assert [i.uid for i in review.session.items] == due
        for _ in range(len(due)):
            item = review.session.current
            if item.type != "cloze":
                await pilot.press("s")  # sure (in a cloze, s would be typed into the box)
            await pilot.press(*right_keys(item), "enter")
            await pilot.pause()
            assert store.attempts()[-1].correct
            await pilot.press("enter")
            await pilot.pause()
        assert isinstance(app.screen, QuizSummaryScreen)
        await pilot.press("escape")
        await settle(pilot)
        assert due_question_uids(content, store) == []
        assert sum(main.navigator.due.values()) == 0


async def test_nothing_due_says_so(content, store):
    app = make_app(content, store)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("d")
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)
        assert any("Nothing is due" in n.message for n in app._notifications)


# --- stats ------------------------------------------------------------------------------------


@pytest.mark.parametrize("size", [(80, 24), (60, 20)])
async def test_stats_screen_opens_and_fits(content, store, size):
    app = make_app(content, store)
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        await pilot.press("t")
        await pilot.pause()
        stats = app.screen
        assert isinstance(stats, StatsScreen)
        assert "Mastery by chapter" in text(stats, "#stats-chapters")
        assert "Due in the coming week" in text(stats, "#stats-forecast")
        assert "Accuracy by evidence label" in text(stats, "#stats-evidence")
        for block in stats.query(".stats-block"):
            assert block.size.width <= size[0]
            assert max(len(line) for line in text(stats, f"#{block.id}").splitlines()) <= size[0] - 4
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)


# --- suspending -------------------------------------------------------------------------------


def _with_safety_card(content):
    """The mini content with its first card turned into a safety card."""
    from dataclasses import replace

    first = content.chapters[0]
    card = replace(first.cards[0], kind="safety")
    chapters = (replace(first, cards=(card, *first.cards[1:])), *content.chapters[1:])
    return replace(content, chapters=chapters, _extra={})


async def test_suspend_but_never_a_safety_question(content, store):
    study = _with_safety_card(content)
    uids = ("basics.what-is-ldn/q2", "evidence.fm-crossover/q1")
    app = make_app(study, store, start_quiz=QuizRequest(uids=uids, seed=1))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        quiz = app.screen
        await pilot.press("S")  # before answering: not offered
        assert store.get_schedule(uids[0]) is None
        await pilot.press("f", "enter", "S")
        await pilot.pause()
        assert not store.get_schedule(uids[0]).suspended
        assert any("safety question" in n.message for n in app._notifications)
        await pilot.press("enter")
        await pilot.press(*right_keys(quiz.session.current), "enter", "S")
        await pilot.pause()
        assert store.get_schedule(uids[1]).suspended
        await pilot.press("S")
        await pilot.pause()
        assert not store.get_schedule(uids[1]).suspended


# --- saving: read-only and waiting for another copy --------------------------------------------


async def test_read_only_store_says_not_saved_where_it_would_say_saved(content):
    store = ProgressStore.in_memory(notice="Cannot write to /nowhere (read-only).")
    app = make_app(content, store, start_quiz=QuizRequest(Selection(), seed=7))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, QuizScreen)
        assert text(app.screen, "#quiz-saved") == "⚠ read-only: answers are NOT saved"


async def test_waiting_for_another_copy_shows_on_the_study_screen(content, store):
    app = make_app(content, store)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        app._show_write_status(app.study.writer.status_text())
        await pilot.pause()
        assert "waiting for another ldn-study" in text(app.screen, "#status")
        app._show_write_status(None)
        await pilot.pause()
        assert "waiting" not in text(app.screen, "#status")
