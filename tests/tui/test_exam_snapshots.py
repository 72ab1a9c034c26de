"""Snapshots of exam mode and the new summary, at 80x24 and 120x40: an exam question (the
countdown, the answered marks, the exam keys), the end review of a question (every choice
explained) and the summary (one table by chapter, one by learning objective, partial credit).

The store's clock is fixed, so the countdown reads the same on every run. Regenerate after an
intended change: `.venv/bin/pytest tests/tui/test_exam_snapshots.py --snapshot-update`.
"""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from pilotkit import settle

from ldn_tui.quiz.engine import QuizRequest
from ldn_tui.tui.app import build_app

T0 = datetime(2025, 3, 3, 9, 0, tzinfo=UTC)
SIZES = pytest.mark.parametrize("size", [(80, 24), (120, 40)], ids=["80x24", "120x40"])
SINGLE = "basics.what-is-ldn/q1"
TRUE_FALSE = "basics.what-is-ldn/q2"
MULTIPLE = "evidence.fm-crossover/q1"
CERTAINTY = "evidence.fm-crossover/claim-c1-certainty"


def exam_app(mini_content, store):
    request = QuizRequest(uids=(SINGLE, MULTIPLE, TRUE_FALSE, CERTAINTY), seed=5, style="exam", time_limit=1800)
    return build_app(mini_content, store=store, first_run=False, theme="dark", start_quiz=request)


def key(app, right: bool) -> str:
    item = app.screen.session.current
    return str(next(i for i, c in enumerate(item.choices) if c.correct == right) + 1)


async def answer_all(pilot) -> None:
    """Single: wrong and sure; multiple: one right pick (half credit); true/false: blank;
    certainty: right. Then submit."""
    app = pilot.app
    await settle(pilot)
    await pilot.press(key(app, False), "s", "enter")
    await pilot.press(key(app, True), "enter")
    await pilot.press("right")
    await pilot.press(key(app, True), "enter")
    await pilot.press("e")
    await settle(pilot)


@SIZES
def test_exam_question(snap_compare, mini_content, store, size):
    async def run_before(pilot) -> None:
        await settle(pilot)
        await pilot.press(key(pilot.app, True), "enter", "m")  # answer 1, on to 2, flag it
        await settle(pilot)

    assert snap_compare(exam_app(mini_content, store), terminal_size=size, run_before=run_before)


@SIZES
def test_exam_review(snap_compare, mini_content, store, size):
    assert snap_compare(exam_app(mini_content, store), terminal_size=size, run_before=answer_all)


@SIZES
def test_exam_summary(snap_compare, mini_content, store, size):
    async def run_before(pilot) -> None:
        await answer_all(pilot)
        await pilot.press("escape")  # from the review: straight to the summary
        await settle(pilot)
        pilot.app.screen.query_one("#summary-body").scroll_to(y=0, animate=False)
        await pilot.pause()

    assert snap_compare(exam_app(mini_content, store), terminal_size=size, run_before=run_before)
