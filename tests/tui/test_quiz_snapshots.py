"""Snapshots of the quiz: a question, its feedback, an order question, the summary, the set-up
dialog and the progress screen (100x32; the progress screen also at 80x24 and 60x20).

The app is built by `build_app`, as the CLI builds it, with a progress store on a fixed clock
and fixed seeds, so every run draws the same questions in the same order.
Regenerate after an intended change:
`.venv/bin/pytest tests/tui/test_quiz_snapshots.py --snapshot-update`.
"""

from __future__ import annotations

import time
from datetime import UTC, datetime

import pytest
from pilotkit import settle

from ldn_tui.quiz.engine import QuizRequest, Selection
from ldn_tui.tui.app import build_app

SIZE = (100, 32)
T0 = datetime(2025, 3, 3, 9, 0, tzinfo=UTC)
SINGLE = "basics.what-is-ldn/q1"
CERTAINTY = "evidence.fm-crossover/claim-c1-certainty"
ORDER = "evidence.fm-crossover/q2"
MULTIPLE = "evidence.fm-crossover/q1"
TRUE_FALSE = "basics.what-is-ldn/q2"


@pytest.fixture(autouse=True)
def utc_local_time(monkeypatch):
    """Days in the stats are local days: pin the zone so the snapshot does not depend on it."""
    monkeypatch.setenv("TZ", "UTC")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


def quiz_app(mini_content, store, *uids: str):
    return build_app(
        mini_content,
        store=store,
        first_run=False,
        start="study",
        theme="dark",
        start_quiz=QuizRequest(uids=uids, seed=5),
    )


def keys(*presses: str):
    async def run_before(pilot) -> None:
        await settle(pilot)
        for key in presses:
            await pilot.press(key)
        await settle(pilot)

    return run_before


def wrong_key(app) -> str:
    item = app.screen.session.current
    return str(next(i for i, c in enumerate(item.choices) if not c.correct) + 1)


def test_quiz_question(snap_compare, mini_content, store):
    app = quiz_app(mini_content, store, SINGLE, TRUE_FALSE)
    assert snap_compare(app, terminal_size=SIZE, run_before=keys("s", "2"))


def test_quiz_feedback_confidently_wrong(snap_compare, mini_content, store):
    app = quiz_app(mini_content, store, CERTAINTY, SINGLE)

    async def run_before(pilot) -> None:
        await settle(pilot)
        await pilot.press("s", "1", "enter")  # "High" is wrong: the trial's certainty is low
        await settle(pilot)

    assert snap_compare(app, terminal_size=SIZE, run_before=run_before)


def test_quiz_order_question(snap_compare, mini_content, store):
    app = quiz_app(mini_content, store, ORDER)
    assert snap_compare(app, terminal_size=SIZE, run_before=keys("3", "1"))


def test_quiz_summary(snap_compare, mini_content, store):
    app = quiz_app(mini_content, store, SINGLE, CERTAINTY, TRUE_FALSE, MULTIPLE)

    async def run_before(pilot) -> None:
        await settle(pilot)
        await pilot.press("1", "enter", "enter")  # single: answered by its first choice
        await pilot.press("s", "1", "enter", "enter")  # certainty: "High", sure, wrong
        await pilot.press("f", "enter", "enter")  # true/false: right
        await pilot.press("1", "2", "enter", "enter")  # multiple: two picks
        await settle(pilot)

    assert snap_compare(app, terminal_size=SIZE, run_before=run_before)


def test_quiz_setup(snap_compare, mini_content, store):
    app = build_app(mini_content, store=store, first_run=False, start="study", theme="dark")
    assert snap_compare(app, terminal_size=SIZE, run_before=keys("z", "down", "space"))


def _practised_app(mini_content, store):
    app = build_app(
        mini_content,
        store=store,
        first_run=False,
        start="study",
        theme="dark",
        start_quiz=QuizRequest(Selection(), seed=7),
    )
    return app


async def _answer_all_then_stats(pilot) -> None:
    await settle(pilot)
    quiz = pilot.app.screen
    for n in range(len(quiz.session.items)):
        item = quiz.session.current
        if item.type == "cloze":
            await pilot.press(*item.question.answers[0])
        elif item.type in ("single", "multiple"):
            await pilot.press(str(n % len(item.choices) + 1))
        elif item.type == "true-false":
            await pilot.press("t")
        await pilot.press("enter", "enter")
    await pilot.press("escape", "t")
    await settle(pilot)


def test_stats(snap_compare, mini_content, store):
    app = _practised_app(mini_content, store)
    assert snap_compare(app, terminal_size=SIZE, run_before=_answer_all_then_stats)


@pytest.mark.parametrize("size", [(80, 24), (60, 20)], ids=["80x24", "60x20"])
def test_stats_small(snap_compare, mini_content, store, size):
    app = _practised_app(mini_content, store)
    assert snap_compare(app, terminal_size=size, run_before=_answer_all_then_stats)
