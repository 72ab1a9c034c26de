"""The quiz setup dialog paints before it counts (issue 19), and remembers every choice.

The count worker is held with a `threading.Event` put in front of the study service's
`quiz_setup_counts`: the dialog is on screen, its options are there with "…" for their counts,
ticking works, the match line counts, Enter starts a quiz. Released, the counts fill in the
same options in the same order. Then: tutor/exam and the exam's time limit are remembered
between quizzes, and Ctrl+R resets them.
"""

from __future__ import annotations

import asyncio
import gc
import re
import threading
import time
from datetime import UTC, datetime
from pathlib import Path

import pytest
from pilotkit import settle, text
from screentext import screen_text

from ldn_tui.tui.app import build_app
from ldn_tui.tui.screens.main import MainScreen
from ldn_tui.tui.screens.quiz import QuizScreen
from ldn_tui.tui.screens.quiz_setup import QuizSetupScreen

MINI = Path(__file__).resolve().parents[1] / "fixtures" / "mini"
T0 = datetime(2025, 3, 3, 9, 0, tzinfo=UTC)
SIZE = (100, 32)


def make_app(content, store):
    return build_app(content, store=store, first_run=False, theme="dark", start="study")


async def until(pilot, condition, what: str, timeout: float = 10.0) -> None:
    """Pause until `condition()` holds (the held worker keeps `settle` from returning)."""
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, f"{what}: not within {timeout} s"
        await pilot.pause(0.02)


def lines(ticks) -> list[str]:
    return [ticks.render_line(y).text.rstrip() for y in range(ticks.option_count)]


def values(ticks) -> list[str]:
    return [ticks.get_option_at_index(i).value for i in range(ticks.option_count)]


def hold_counts(app) -> threading.Event:
    """Make the dialog's count worker wait until the returned event is set."""
    release = threading.Event()
    count = app.study.quiz_setup_counts

    def held(*args, **kwargs):
        assert release.wait(30), "the test never released the count"
        return count(*args, **kwargs)

    app.study.quiz_setup_counts = held
    return release


async def test_the_dialog_is_usable_before_the_counts_arrive_and_they_fill_in_place(content, store):
    app = make_app(content, store)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        release = hold_counts(app)
        try:
            await pilot.press("z")
            setup = app.screen
            assert isinstance(setup, QuizSetupScreen)
            await until(pilot, lambda: "match" in text(setup, "#setup-match"), "the match line")
            assert setup.counts is None
            chapters, kinds = setup.query_one("#setup-chapters"), setup.query_one("#setup-kinds")
            assert lines(chapters) == ["☐   …    Basics", "☐   …    Evidence"]
            assert all(line.startswith(("☐   …  ", "☑   …  ")) for line in lines(kinds))
            before = {part: values(setup.query_one(f"#setup-{part}")) for part in ("chapters", "kinds", "evidence")}
            assert "8 questions match; the quiz will ask 8." in text(setup, "#setup-match")

            await pilot.press("space")  # tick Basics: the form works while the count waits
            await until(pilot, lambda: "4 questions match" in text(setup, "#setup-match"), "the new match")
            assert chapters.selected == ["basics"] and setup.counts is None
        finally:
            release.set()
        await settle(pilot)
        assert setup.counts is not None
        assert lines(chapters) == ["☑   4 q  Basics", "☐   4 q  Evidence"]  # same options, same order, ticks kept
        assert {part: values(setup.query_one(f"#setup-{part}")) for part in before} == before
        assert all(re.match(r"^[☐☑] +\d+ q  \S", line) for line in lines(kinds)), lines(kinds)
        assert "4 questions match" in text(setup, "#setup-match")


async def test_enter_starts_the_quiz_before_the_counts_arrive(content, store):
    app = make_app(content, store)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        release = hold_counts(app)
        try:
            await pilot.press("z")
            setup = app.screen
            assert isinstance(setup, QuizSetupScreen)
            await pilot.press("space", "enter")  # Basics only, at once
            await until(pilot, lambda: isinstance(app.screen, QuizScreen), "the quiz")
            assert setup.counts is None
            assert {i.chapter.id for i in app.screen.session.items} == {"basics"}
        finally:
            release.set()
        await settle(pilot)  # the count that finishes after the dialog closed changes nothing
        assert isinstance(app.screen, QuizScreen)
        await pilot.press("escape")  # nothing answered: closes at once
        await settle(pilot)
        assert isinstance(app.screen, MainScreen)


async def test_exam_mode_and_its_time_limit_are_remembered_and_reset(content, store):
    app = make_app(content, store)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("z")
        await settle(pilot)
        setup = app.screen
        assert setup.query_one("#setup-style").value == "tutor" and setup.query_one("#setup-time").value == ""
        setup.query_one("#setup-style").value = "exam"
        setup.query_one("#setup-time").value = "20"
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        quiz = app.screen
        assert isinstance(quiz, QuizScreen) and quiz.session.exam and quiz.session.time_limit == 20 * 60
        await pilot.press("escape")  # nothing answered: leaves at once
        await settle(pilot)
        assert isinstance(app.screen, MainScreen)
        app.study.flush(5)
        saved = store.get_setting("quiz_setup")
        assert saved["style"] == "exam" and saved["time_limit"] == 20 * 60

        await pilot.press("z")
        await settle(pilot)
        setup = app.screen
        assert isinstance(setup, QuizSetupScreen)
        assert setup.query_one("#setup-style").value == "exam"
        assert setup.query_one("#setup-time").value == "20"
        assert setup.request().style == "exam" and setup.request().time_limit == 20 * 60
        await pilot.press("ctrl+r")
        await settle(pilot)
        assert setup.query_one("#setup-style").value == "tutor"
        assert setup.query_one("#setup-time").value == ""
        await pilot.press("enter")  # tutor is remembered as well
        await settle(pilot)
        assert isinstance(app.screen, QuizScreen) and not app.screen.session.exam
        app.study.flush(5)
        saved = store.get_setting("quiz_setup")
        assert saved["style"] == "tutor" and saved["time_limit"] is None
        await pilot.press("escape")
        await settle(pilot)
        await pilot.press("z")
        await settle(pilot)
        assert app.screen.query_one("#setup-style").value == "tutor" and app.screen.query_one("#setup-time").value == ""


@pytest.mark.parametrize(("size", "layout", "other"), [(SIZE, "-wide", "-narrow"), ((70, 30), "-narrow", "-wide")])
async def test_the_first_frame_has_the_layout_of_the_terminals_width(content, store, size, layout, other):
    """The breakpoint's class is set before the first frame, not after it (a narrow frame first)."""
    app = make_app(content, store)
    painted: list[set[str]] = []
    display = app._display

    def record(screen, renderable):
        if renderable is not None and isinstance(screen, QuizSetupScreen):
            painted.append(set(screen.classes))
        return display(screen, renderable)

    app._display = record
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        await pilot.press("z")
        await settle(pilot)
        await asyncio.sleep(0)
        assert painted and all(layout in classes and other not in classes for classes in painted)


@pytest.mark.parametrize("warm", [True, False])
async def test_the_warm_up_readies_the_first_open_while_the_student_reads(content, store, monkeypatch, warm):
    """A short while after start the app loads what the setup dialog's first open would: its
    options, the dialog and quiz stylesheets and its widgets' styles. Opening it then parses no
    stylesheet and the screens on show look the same."""
    from ldn_tui.tui import app as app_module
    from ldn_tui.tui.screens import DIALOG_CSS

    monkeypatch.setattr(app_module, "WARM_UP_AFTER", 0.05 if warm else 3600.0)
    app = make_app(content, store)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        before, widgets = screen_text(app), len(app.screen.query("*"))
        await pilot.pause(0.3)
        await settle(pilot)
        assert app.stylesheet.has_source(str(Path(DIALOG_CSS)), "") is warm
        assert screen_text(app) == before  # the hidden samples were mounted and removed unseen
        assert len(app.screen.query("*")) == widgets
        parses = []
        parse = app.stylesheet.parse
        monkeypatch.setattr(app.stylesheet, "parse", lambda: parses.append(1) or parse())
        await pilot.press("z")
        await until(pilot, lambda: isinstance(app.screen, QuizSetupScreen), "the dialog")
        await settle(pilot)
        assert (parses == []) is warm, parses


@pytest.mark.parametrize("theme", ["dark", "light"])
async def test_the_first_frame_is_styled_as_a_full_restyle_would_style_it(store, mini_content, theme):
    """The dialog skips Textual's restyle of every widget when it first comes on screen (each
    was styled as it was mounted). At its first frame, every node's styles must be what that
    restyle gives, on the first open (stylesheets loaded then) and on a later one."""
    app = build_app(mini_content, store=store, first_run=False, theme=theme, start="study")
    first_frames: list[tuple[dict, dict]] = []
    display = app._display

    def styles(screen) -> dict[int, list[str]]:
        return {id(node): sorted(node.styles.base.css_lines) for node in screen.walk_children(with_self=True)}

    def record(screen, renderable):
        if renderable is not None and isinstance(screen, QuizSetupScreen) and len(first_frames) < len(opened):
            painted = styles(screen)
            app.update_styles(screen)  # what Textual's restyle on coming on screen does
            first_frames.append((painted, styles(screen)))
        return display(screen, renderable)

    opened: list[int] = []  # one entry per press of `z`: the frames to record
    app._display = record
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        for n in (1, 2):
            opened.append(n)
            await pilot.press("z")
            await until(pilot, lambda n=n: len(first_frames) == n, "the dialog's first frame")
            painted, restyled = first_frames[-1]
            assert len(painted) > 20 and painted == restyled
            assert "align: center middle;" in painted[id(app.screen)]  # the screen's own (dialogs.tcss)
            await settle(pilot)
            await pilot.press("escape")
            await settle(pilot)


async def test_mode_and_pool_are_chosen_with_the_keyboard(store, mini_content):
    """Each choice is one list: Up/Down move, Space chooses, one option is always chosen."""
    app = build_app(mini_content, store=store, first_run=False, theme="dark", start="study")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("z")
        await settle(pilot)
        setup = app.screen
        pool = setup.query_one("#setup-mode")
        pool.focus()
        await pilot.press("down", "down", "space")
        await settle(pilot)
        assert pool.value == "missed" and setup.request().selection.mode == "missed"
        assert [pool.render_line(y).text.rstrip() for y in range(3)] == [
            "○ All that match",
            "○ Unused (never answered)",
            "◉ Incorrect last time",
        ]
        await pilot.press("space")  # choosing the chosen one keeps it chosen
        await settle(pilot)
        assert pool.value == "missed"
        assert "No questions match" in text(setup, "#setup-match")  # nothing answered yet
        style = setup.query_one("#setup-style")
        style.focus()
        await pilot.press("down", "space")
        await settle(pilot)
        assert style.value == "exam" and setup.request().style == "exam"


async def test_no_garbage_collection_runs_before_the_dialogs_first_frame(store, mini_content):
    """Building the dialog makes thousands of objects; the collector waits until it is on screen
    (tui/memory.pause_collection), then runs again as before."""
    app = build_app(mini_content, store=store, first_run=False, theme="dark", start="study")
    collections: list[int] = []
    first_frame: list[bool] = []
    display = app._display

    def record(screen, renderable):
        if renderable is not None and isinstance(screen, QuizSetupScreen) and not first_frame:
            first_frame.append(gc.isenabled())
        return display(screen, renderable)

    def count(phase, info):
        if phase == "start" and not first_frame:
            collections.append(info["generation"])

    app._display = record
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert gc.isenabled()
        gc.callbacks.append(count)
        try:
            garbage = [[i] for i in range(5000)]  # enough new objects for young collections ...
            del garbage
            before = len(collections)
            assert before > 0  # ... which the probe sees (the check below can fail)
            collections.clear()
            await pilot.press("z")
            await until(pilot, lambda: bool(first_frame), "the dialog's first frame")
            assert collections == [] and first_frame == [False]
            await settle(pilot)
            assert gc.isenabled()  # on again once the dialog painted
        finally:
            gc.callbacks.remove(count)


def test_a_paused_collector_comes_back_once_and_only_if_it_was_on():
    from ldn_tui.tui.memory import pause_collection

    try:
        resume = pause_collection()
        assert not gc.isenabled()
        resume()
        assert gc.isenabled()
        gc.disable()  # someone else turned it off since: a second call leaves it off
        resume()
        assert not gc.isenabled()
        resume = pause_collection()  # paused while off: stays off
        resume()
        assert not gc.isenabled()
    finally:
        gc.enable()
