"""The snapshot matrix: the start screen (Today), the reader, a quiz question, its feedback and
the progress screen at 60x20, 80x24, 120x40 and 200x60, in the dark and the light theme.

Every app runs on a progress store with a fixed clock and fixed seeds, so the pictures do not
depend on the day they are taken. Regenerate after an intended change:
`.venv/bin/pytest tests/tui/test_layout_matrix.py --snapshot-update`.
"""

from __future__ import annotations

import time
from datetime import UTC, datetime

import pytest
from pilotkit import settle

from ldn_tui.quiz.engine import QuizRequest
from ldn_tui.tui.app import build_app

T0 = datetime(2025, 3, 3, 9, 0, tzinfo=UTC)
SIZES = {"60x20": (60, 20), "80x24": (80, 24), "120x40": (120, 40), "200x60": (200, 60)}
THEMES = ("dark", "light")
SINGLE = "basics.what-is-ldn/q1"
TRUE_FALSE = "basics.what-is-ldn/q2"


@pytest.fixture(autouse=True)
def utc_local_time(monkeypatch):
    monkeypatch.setenv("TZ", "UTC")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


def keys(*presses: str):
    async def run_before(pilot) -> None:
        await settle(pilot)
        for key in presses:
            await pilot.press(key)
            await settle(pilot)

    return run_before


def quiz(mini_content, store, theme):
    request = QuizRequest(uids=(SINGLE, TRUE_FALSE), seed=5)
    return build_app(mini_content, store=store, first_run=False, theme=theme, start_quiz=request)


SCREENS = {
    "today": (lambda c, s, t: build_app(c, store=s, first_run=False, theme=t), ()),
    "reader": (lambda c, s, t: build_app(c, store=s, first_run=False, theme=t, start="study"), ("full_stop",)),
    "question": (quiz, ("s", "2")),
    "feedback": (quiz, ("s", "2", "enter")),
    "stats": (quiz, ("2", "enter", "enter", "t", "enter", "enter", "escape", "t")),
}


@pytest.mark.parametrize("theme", THEMES)
@pytest.mark.parametrize("size", list(SIZES), ids=list(SIZES))
@pytest.mark.parametrize("screen", list(SCREENS))
def test_layout(snap_compare, mini_content, store, screen, size, theme):
    make, presses = SCREENS[screen]
    app = make(mini_content, store, theme)
    assert snap_compare(app, terminal_size=SIZES[size], run_before=keys(*presses))
