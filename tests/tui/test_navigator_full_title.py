"""At 80x24 the contents column is 22 cells wide: a long title ends in an ellipsis. Moving onto
it with the keyboard shows the whole title beneath the list (a tooltip shows only on hover);
a title that fits shows nothing more, and neither does the list once it loses the focus."""

from __future__ import annotations

from screentext import region_text, screen_lines
from test_layout_matrix import keys, store, utc_local_time  # noqa: F401

from ldn_tui.tui.app import build_app
from ldn_tui.tui.widgets.navigator import Navigator

LONG = "The fibromyalgia crossover trial"  # the mini content's card that does not fit at 80 columns
SHORT = "What LDN is"


def study_app(mini_content, store):
    return build_app(mini_content, store=store, first_run=False, theme="dark", start="study")


async def test_the_whole_title_of_a_cut_line_shows_beneath_the_contents(mini_content, store):
    async with study_app(mini_content, store).run_test(size=(80, 24)) as pilot:
        app = pilot.app
        await keys("down", "enter", "down")(pilot)  # Evidence, open it, its card
        nav = app.screen.query_one(Navigator)
        assert nav.has_focus and nav.cursor_node.data.card_id == "evidence.fm-crossover"
        lines = screen_lines(app)
        assert any("The fibromyalgia …" in line for line in lines)  # the list's line is cut
        assert LONG not in "\n".join(line[nav.region.x : nav.region.right] for line in lines)
        strip = app.screen.query_one("#nav-title")
        assert region_text(app, strip) == LONG
        assert strip.region.y == nav.region.bottom  # beneath the list, covering no line of it


async def test_nothing_more_shows_for_a_title_that_fits(mini_content, store):
    async with study_app(mini_content, store).run_test(size=(80, 24)) as pilot:
        app = pilot.app
        await keys("down", "enter", "down", "up", "up")(pilot)  # onto "What LDN is"
        nav = app.screen.query_one(Navigator)
        assert nav.cursor_node.data.card_id == "basics.what-is-ldn"
        assert any(f"✓ {SHORT}" in line for line in screen_lines(app))
        strip = app.screen.query_one("#nav-title")
        assert not strip.display and region_text(app, strip) == ""
        assert "crossover" not in "\n".join(line[nav.region.x : nav.region.right] for line in screen_lines(app))


async def test_the_title_goes_when_the_contents_lose_the_focus(mini_content, store):
    async with study_app(mini_content, store).run_test(size=(80, 24)) as pilot:
        app = pilot.app
        await keys("down", "enter", "down", "enter")(pilot)  # open the long card
        strip = app.screen.query_one("#nav-title")
        assert region_text(app, strip) == LONG
        await keys("r")(pilot)  # to the card text
        assert not strip.display
        await keys("m", "m")(pilot)  # hide the contents, show them again: the focus is back on its line
        assert app.screen.query_one(Navigator).has_focus
        assert region_text(app, strip) == LONG


async def test_at_200_columns_the_title_fits_and_nothing_more_shows(mini_content, store):
    async with study_app(mini_content, store).run_test(size=(200, 60)) as pilot:
        await keys("down", "enter", "down")(pilot)
        nav = pilot.app.screen.query_one(Navigator)
        assert any(f"· {LONG}" in line[nav.region.x : nav.region.right] for line in screen_lines(pilot.app))
        assert not pilot.app.screen.query_one("#nav-title").display
