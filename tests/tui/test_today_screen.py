"""The Today screen, driven by keys: what it shows, today's session (due reviews first, then new
questions under the daily limit, which starts afresh after midnight on a fixed clock), the
unfinished-quiz seam, the welcome banner, and the palette's system commands beside the app's."""

from __future__ import annotations

import time
from datetime import UTC, datetime, timedelta

import pytest
from pilotkit import Clock, settle
from textual.widgets import Static

from ldn_tui.quiz.engine import QuizRequest
from ldn_tui.study.today import UnfinishedQuiz
from ldn_tui.tui.app import build_app
from ldn_tui.tui.screens.main import MainScreen
from ldn_tui.tui.screens.quiz import QuizScreen
from ldn_tui.tui.screens.today import TodayScreen

SIZE = (100, 32)
T0 = datetime(2025, 3, 3, 21, 0, tzinfo=UTC)
BASICS = "basics.what-is-ldn"


@pytest.fixture(autouse=True)
def utc_local_time(monkeypatch):
    """Today's limits run on local days: pin the zone."""
    monkeypatch.setenv("TZ", "UTC")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


@pytest.fixture
def clock():
    return Clock(T0)


def facts(app) -> str:
    return str(app.screen.query_one("#today-facts", Static).render()) + str(
        app.screen.query_one("#today-next", Static).render()
    )


async def answer_all(pilot) -> None:
    """Answer every question of the open quiz (any answer), then leave the summary."""
    quiz = pilot.app.screen
    assert isinstance(quiz, QuizScreen)
    for _ in range(len(quiz.session.items)):
        item = quiz.session.current
        if item.type == "cloze":
            await pilot.press(*item.question.answers[0])
        elif item.type in ("single", "multiple"):
            await pilot.press("1")
        elif item.type == "true-false":
            await pilot.press("t")
        await pilot.press("enter", "enter")
    await pilot.press("escape")  # the summary
    await settle(pilot)


async def test_today_opens_first_and_enter_reads_the_first_card(mini_content):
    app = build_app(mini_content, first_run=False)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, TodayScreen)
        text = facts(app)
        assert "Due now" in text and "nothing" in text
        assert "New cards       2 to read" in text
        assert "Unfinished quiz" not in text  # the seam returns None: nothing to resume
        assert "Next: read “What LDN is”." in text
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, MainScreen) and app.main_screen.card.id == BASICS
        await pilot.press("h")  # back to Today
        await settle(pilot)
        assert isinstance(app.screen, TodayScreen)
        assert "Reading stopped Basics › What LDN is" in facts(app)


async def test_an_unfinished_quiz_is_shown_and_comes_first(mini_content, monkeypatch):
    app = build_app(mini_content, first_run=False)
    monkeypatch.setattr(app.study, "unfinished_quiz", lambda: UnfinishedQuiz("Quiz: Evidence", 3, 8))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        text = facts(app)
        assert "Unfinished quiz Quiz: Evidence: 3 of 8 answered" in text
        assert "Next: resume your unfinished quiz." in text


async def test_due_reviews_come_first_then_new_questions_under_the_limit(mini_content, store, clock):
    app = build_app(mini_content, store=store, first_run=False)
    study = app.study
    study.finish_card(BASICS, now=T0 - timedelta(days=3))  # read three days ago
    study.set_setting("new_questions_per_day", 1)
    # a question answered wrong two days ago is due now
    session = study.new_quiz(QuizRequest(uids=(f"{BASICS}/q1",)), now=T0 - timedelta(days=2))
    wrong = next(i for i, c in enumerate(session.current.choices) if not c.correct)
    session.submit(wrong, "sure", now=T0 - timedelta(days=2))
    session.next(now=T0 - timedelta(days=2))
    session.finish(now=T0 - timedelta(days=2))  # a finished quiz leaves nothing to resume
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert "Due now         1 review" in facts(app)
        assert "Next: review 1 question due now." in facts(app)
        await pilot.press("enter")  # today's session: the review first
        await settle(pilot)
        assert isinstance(app.screen, QuizScreen)
        assert [i.question.uid for i in app.screen.session.items] == [f"{BASICS}/q1"]
        await answer_all(pilot)
        assert isinstance(app.screen, TodayScreen)
        assert "Next: 1 new question on the cards you have read." in facts(app)  # q2, the limit is 1
        await pilot.press("enter")
        await settle(pilot)
        assert [i.question.uid for i in app.screen.session.items] == [f"{BASICS}/q2"]
        await answer_all(pilot)
        assert "New questions   0 to go · 1 of 1 today" in facts(app)
        # past midnight the limit starts afresh: the card's next new question is offered
        clock.t = T0 + timedelta(hours=4)
        app.screen.refresh_today()
        await settle(pilot)
        assert "New questions   1 to go · 0 of 1 today" in facts(app)


async def test_the_welcome_never_covers_a_quiz_asked_for(mini_content):
    app = build_app(mini_content, start_quiz=QuizRequest(uids=(f"{BASICS}/q1",)))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, QuizScreen)
        assert not app.study.setting("welcome_dismissed", False)  # still to be shown, on Today


async def test_the_palette_offers_textual_system_commands_beside_the_apps(mini_content):
    from textual.command import CommandPalette

    app = build_app(mini_content, first_run=False, start="study")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+p")
        await settle(pilot)
        assert isinstance(app.screen, CommandPalette)
        await pilot.press(*"theme")
        await pilot.pause(0.5)
        options = app.screen.query_one("CommandList")
        prompts = [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]
        assert any(p.startswith("Theme") for p in prompts)  # Textual's theme picker
        assert any("app: Theme" in p for p in prompts)  # the app's own dark/light switch


async def test_the_glossary_shows_whole_entries_and_esc_closes_it(mini_content):
    from ldn_tui.tui.screens.glossary import GlossaryPicker

    app = build_app(mini_content, first_run=False, start="study")
    async with app.run_test(size=(60, 20)) as pilot:
        await pilot.press("g")
        await settle(pilot)
        assert isinstance(app.screen, GlossaryPicker)
        terms = app.screen.query_one("#terms")
        shown = " ".join(str(terms.get_option_at_index(i).prompt) for i in range(terms.option_count))
        for term in mini_content.glossary:
            assert " ".join(term.definition.split()) in shown  # whole, not cut to a line
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)
