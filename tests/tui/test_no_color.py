"""With `NO_COLOR` set, Textual draws in greys: nothing may mean something by colour alone.

Snapshots at 80x24 under NO_COLOR of the start screen, the reader (a card with claims, one of
them selected), a quiz question, the feedback to a right and to a wrong answer, and the progress
screen, built as the layout matrix builds them. Pilot tests read the rendered screen: verdicts,
choice marks and the navigator's reading marks are words and symbols, and the selected line of
a list is drawn in reverse, which needs no colour.
"""

from __future__ import annotations

import pytest
from screentext import row_styles, screen_lines
from test_layout_matrix import SCREENS, keys, quiz, utc_local_time  # noqa: F401

from ldn_tui.tui.widgets.navigator import Navigator

SIZE = (80, 24)


@pytest.fixture
def no_color(monkeypatch):
    """NO_COLOR=1 for the app built in the test (Textual reads it when the app is made)."""
    monkeypatch.setenv("NO_COLOR", "1")


NO_COLOR_SCREENS = {
    "today": SCREENS["today"],
    "reader": (SCREENS["reader"][0], (*SCREENS["reader"][1], "c")),  # the next card, its first claim selected
    "question": SCREENS["question"],
    "feedback-wrong": SCREENS["feedback"],
    "feedback-right": (quiz, ("s", "1", "enter")),
    "stats": SCREENS["stats"],
}


@pytest.mark.parametrize("screen", list(NO_COLOR_SCREENS))
def test_no_color(snap_compare, mini_content, store, no_color, screen):
    make, presses = NO_COLOR_SCREENS[screen]
    app = make(mini_content, store, "dark")
    assert app.no_color
    assert snap_compare(app, terminal_size=SIZE, run_before=keys(*presses))


def _is_grey(color) -> bool:
    if color is None or color.triplet is None:
        return True
    r, g, b = color.triplet
    return r == g == b


async def _drawn_in_greys(app) -> None:
    for y in range(app.size.height):
        for _, style in row_styles(app, y):
            assert _is_grey(style.color) and _is_grey(style.bgcolor), (y, style)


@pytest.mark.parametrize(
    ("presses", "words"),
    [
        (("s", "1", "enter"), ("✓ RIGHT", "you were sure", "1.5 to 4.5 mg  ✓ right")),
        (("s", "2", "enter"), ("✗ WRONG", "50 to 100 mg  ✗ your pick, wrong", "1.5 to 4.5 mg  ✓ correct answer")),
    ],
    ids=["right", "wrong"],
)
async def test_feedback_says_right_or_wrong_in_words(mini_content, store, no_color, presses, words):
    app = quiz(mini_content, store, "dark")
    async with app.run_test(size=SIZE) as pilot:
        await keys(*presses)(pilot)
        await _drawn_in_greys(app)
        text = "\n".join(screen_lines(app))
        for word in words:
            assert word in text, word


async def test_navigator_marks_and_cursor_need_no_colour(mini_content, store, no_color):
    app = SCREENS["reader"][0](mini_content, store, "dark")  # the study screen, on "What LDN is"
    async with app.run_test(size=SIZE) as pilot:
        await keys("b", "down", "enter", "down")(pilot)  # bookmark it; open Evidence; onto its card
        await _drawn_in_greys(app)
        nav = app.screen.query_one(Navigator)
        column = [line[nav.region.x : nav.region.right] for line in screen_lines(app)[nav.region.y : nav.region.bottom]]
        assert any(line.startswith(" └ ★ What LDN is") for line in column), column  # bookmarked
        assert any(line.startswith(" └ · The fibromyalgia") for line in column), column  # unread
        cursor_row = nav.region.y + nav.cursor_line - int(nav.scroll_y)
        assert "The fibromyalgia" in screen_lines(app)[cursor_row]
        pieces = row_styles(app, cursor_row, nav.region.x + 4, nav.region.right)  # after the guide and mark
        assert pieces and all(style.reverse for _, style in pieces), pieces  # the cursor, in reverse
        other = row_styles(app, cursor_row - 1, nav.region.x + 4, nav.region.right)
        assert not any(style.reverse for _, style in other), other


@pytest.mark.parametrize("no_colour", [True, False], ids=["no-colour", "colour"])
async def test_the_highlighted_option_is_underlined_only_without_colour(mini_content, store, monkeypatch, no_colour):
    if no_colour:
        monkeypatch.setenv("NO_COLOR", "1")
    else:
        monkeypatch.delenv("NO_COLOR", raising=False)
    app = SCREENS["today"][0](mini_content, store, "dark")
    async with app.run_test(size=SIZE) as pilot:
        await keys("z")(pilot)  # the quiz setup dialog: the chapter list has the focus
        ticks = app.focused
        row = ticks.region.y  # its first option, highlighted
        assert "☐   4 q  Basics" in screen_lines(app)[row]
        underlined = [style.underline for _, style in row_styles(app, row, ticks.region.x, ticks.region.right)]
        assert underlined and (all(underlined) if no_colour else not any(underlined))
        next_row = [style.underline for _, style in row_styles(app, row + 1, ticks.region.x, ticks.region.right)]
        assert not any(next_row)


async def test_the_selected_claim_has_a_thicker_bar(mini_content, store, no_color):
    app = SCREENS["reader"][0](mini_content, store, "dark")
    async with app.run_test(size=SIZE) as pilot:
        await keys("full_stop")(pilot)
        claim = app.screen.query_one(".claim")
        bar = screen_lines(app)[claim.region.y][claim.region.x]
        await keys("c")(pilot)
        assert claim.has_focus
        assert (bar, screen_lines(app)[claim.region.y][claim.region.x]) == ("▌", "█")
