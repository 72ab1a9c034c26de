"""At 80x24 the contents column is 22 cells wide: a long title ends in an ellipsis. Moving onto
it with the keyboard shows the whole title beneath the list (a tooltip shows only on hover);
a title that fits shows nothing more, and neither does the list once it loses the focus."""

from __future__ import annotations

import pytest
from screentext import region_text, screen_lines
from test_layout_matrix import keys, utc_local_time  # noqa: F401

from ldn_tui.tui.app import build_app
from ldn_tui.tui.widgets.navigator import Navigator

LONG = "The fibromyalgia crossover trial"  # the mini content's card that does not fit at 80 columns
SHORT = "What LDN is"


@pytest.fixture(scope="module")
def bundled():
    from ldn_tui.content import load_content

    return load_content(use_cache=False)


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


async def test_the_longest_bundled_title_shows_whole(bundled):
    """81 characters: five lines at 22 columns."""
    content = bundled
    card = max(content.cards, key=lambda c: len(c.title))
    app = build_app(content, first_run=False, theme="dark", start="study")
    async with app.run_test(size=(80, 24)) as pilot:
        await keys()(pilot)
        await app.open_card(card.id)  # opening it from elsewhere puts the focus on the card text
        nav = app.screen.query_one(Navigator)
        nav.focus()  # back to the contents, as `m` or a click would
        await keys()(pilot)
        assert nav.has_focus and nav.cursor_node.data.card_id == card.id
        strip = app.screen.query_one("#nav-title")
        assert region_text(app, strip) == card.title
        assert strip.region.y == nav.region.bottom
        cursor_row = nav.region.y + nav.cursor_line - int(nav.scroll_y)
        assert nav.region.y <= cursor_row < nav.region.bottom
        assert card.title[:12] in screen_lines(app)[cursor_row]


async def test_the_list_scrolls_to_keep_the_highlighted_line_above_the_title(mini_content, store):
    """Five rows for the contents: the card's line is the fourth, and the title's two lines
    beneath would hide it if the list did not scroll."""
    async with study_app(mini_content, store).run_test(size=(80, 7)) as pilot:
        app = pilot.app
        await keys("down", "enter", "down")(pilot)
        nav = app.screen.query_one(Navigator)
        strip = app.screen.query_one("#nav-title")
        assert region_text(app, strip) == LONG and nav.region.height == 3
        cursor_row = nav.region.y + nav.cursor_line - int(nav.scroll_y)
        assert nav.region.y <= cursor_row < nav.region.bottom
        assert "· The fibromyalgia" in screen_lines(app)[cursor_row]
