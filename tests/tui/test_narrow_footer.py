"""At 60x20 every screen with a footer keeps help in view, first, and then its own main keys.

Textual's plain footer puts the app's keys (help, quit) last and cuts off what does not fit;
`StudyFooter` moves them to the front below 80 columns. Each quiz screen (question, feedback,
exam question, exam review, summary, the setup dialog) and the progress screen is driven to at
60x20 and its footer line read off the rendered screen. Snapshots of the summary and the setup
dialog at 60x20 sit beside the layout matrix's question and feedback.
"""

from __future__ import annotations

import pytest
from screentext import screen_lines
from test_exam_snapshots import answer_all, exam_app
from test_layout_matrix import keys, quiz, settle, utc_local_time  # noqa: F401

from ldn_tui.tui.app import build_app
from ldn_tui.tui.screens.quiz import QuizScreen
from ldn_tui.tui.screens.quiz_setup import QuizSetupScreen
from ldn_tui.tui.screens.quiz_summary import QuizSummaryScreen
from ldn_tui.tui.screens.stats import StatsScreen
from ldn_tui.tui.widgets.footer import StudyFooter

NARROW = (60, 20)
ANSWER_BOTH = ("2", "enter", "enter", "2", "enter", "enter")  # tutor: answer, next, answer, finish


def tutor(mini_content, store):
    return quiz(mini_content, store, "dark")


def today(mini_content, store):
    return build_app(mini_content, store=store, first_run=False, theme="dark")


#: screen -> (app, keys that reach it, the screen class, the keys its footer must show after help)
SCREENS = {
    "question": (tutor, ("s", "2"), QuizScreen, ("⏎ Submit · next", "m Flag")),
    "feedback": (tutor, ("s", "2", "enter"), QuizScreen, ("⏎ Next", "m Flag")),  # Enter goes on now
    "exam-question": (exam_app, ("1", "enter"), QuizScreen, ("⏎ Submit · next", "m Flag")),
    "summary": (tutor, ANSWER_BOTH, QuizSummaryScreen, ("r Review these now", "esc Back")),
    "setup": (today, ("z",), QuizSetupScreen, ("⏎ Start", "esc Close")),
    "stats": (tutor, (*ANSWER_BOTH, "escape", "t"), StatsScreen, ("esc Back",)),
}


def footer_line(app) -> str:
    return screen_lines(app)[-1].strip()


@pytest.mark.parametrize("screen", list(SCREENS))
async def test_help_and_the_screens_own_keys_lead_the_footer_at_60_columns(mini_content, store, screen):
    make, presses, screen_type, essential = SCREENS[screen]
    app = make(mini_content, store)
    async with app.run_test(size=NARROW) as pilot:
        await keys(*presses)(pilot)
        assert isinstance(app.screen, screen_type)
        assert isinstance(app.screen.query_one(StudyFooter), StudyFooter)
        line = footer_line(app)
        assert line.startswith("? Help "), line
        position = len("? Help ")
        for key in essential:  # in view, in this order, right after help
            assert line.find(key, position) >= 0, (key, line)
            position = line.find(key, position) + len(key)


async def test_the_exam_review_footer_leads_with_help_at_60_columns(mini_content, store):
    async with exam_app(mini_content, store).run_test(size=NARROW) as pilot:
        await answer_all(pilot)
        assert pilot.app.screen.session.reviewing
        assert footer_line(pilot.app).startswith("? Help ⏎ Next m Flag")  # Enter only moves on in the review


async def test_help_opens_from_the_setup_dialog(mini_content, store):
    """A modal hides the app's own keys: the dialog binds help itself, so the footer tells the truth."""
    async with today(mini_content, store).run_test(size=NARROW) as pilot:
        await keys("z", "f1")(pilot)
        from ldn_tui.tui.screens.help import HelpScreen

        assert isinstance(pilot.app.screen, HelpScreen)


async def test_at_80_columns_the_footer_keeps_textuals_order(mini_content, store):
    async with tutor(mini_content, store).run_test(size=(80, 24)) as pilot:
        await keys("s", "2")(pilot)
        line = footer_line(pilot.app)
        assert line.startswith("⏎ Submit · next") and line.endswith("? Help"), line


def test_summary_at_60x20(snap_compare, mini_content, store):
    assert snap_compare(tutor(mini_content, store), terminal_size=NARROW, run_before=keys(*ANSWER_BOTH))


def test_setup_dialog_at_60x20(snap_compare, mini_content, store):
    assert snap_compare(today(mini_content, store), terminal_size=NARROW, run_before=keys("z"))


#: dialog opened from the study screen -> (its keys, a key of its own its footer shows)
DIALOGS = {"glossary": ("g",), "search": ("slash",), "note": ("n",), "evidence": ("v",)}


@pytest.mark.parametrize("dialog", list(DIALOGS))
@pytest.mark.parametrize("size", [NARROW, (100, 30)])
async def test_every_dialog_has_its_own_footer_and_help(mini_content, store, dialog, size):
    """A modal hides the study screen's keys but not its footer: each dialog shows its own keys
    (never the study screen's, which do nothing there), and help opens from it with F1."""
    from ldn_tui.tui.screens.base import Dialog
    from ldn_tui.tui.screens.help import HelpScreen
    from ldn_tui.tui.screens.main import MainScreen

    async with today(mini_content, store).run_test(size=size) as pilot:
        await keys("enter")(pilot)
        assert isinstance(pilot.app.screen, MainScreen)
        await keys(*DIALOGS[dialog])(pilot)
        assert isinstance(pilot.app.screen, Dialog)
        line = footer_line(pilot.app)
        assert "esc Close" in line and "? Help" in line, line
        assert "Start a quiz" not in line and "Bookmark" not in line, line
        if size == NARROW:
            assert line.startswith("? Help esc Close"), line
        await pilot.press("f1")
        await pilot.pause()
        assert isinstance(pilot.app.screen, HelpScreen)
