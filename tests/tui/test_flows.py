"""Pilot flows: the app driven by keys, checked by its state and the store's rows."""

from __future__ import annotations

from pathlib import Path

import pytest
from appstate import saved
from textual.widgets import Input, OptionList

from ldn_tui.config import Config
from ldn_tui.progress.store import ProgressStore
from ldn_tui.tui.app import build_app
from ldn_tui.tui.screens.bookmarks import BookmarksScreen
from ldn_tui.tui.screens.glossary import GlossaryPicker, TermScreen
from ldn_tui.tui.screens.help import HelpScreen
from ldn_tui.tui.screens.main import MainScreen
from ldn_tui.tui.screens.note import NoteScreen
from ldn_tui.tui.screens.search import SearchScreen
from ldn_tui.tui.screens.sources import SourcesScreen
from ldn_tui.tui.screens.today import TodayScreen
from ldn_tui.tui.widgets.navigator import Navigator
from ldn_tui.tui.widgets.reader import ClaimView, Reader

SIZE = (100, 32)

BASICS = "basics.what-is-ldn"
TRIAL = "evidence.fm-crossover"


def main_of(app) -> MainScreen:
    return app.main_screen


def reopen_store() -> ProgressStore:
    return ProgressStore.open()


async def open_trial_by_keys(pilot) -> None:
    """From the start (first card open, contents focused): down to Evidence, open, down, Enter."""
    await pilot.press("down", "down", "enter")  # onto "Evidence", expand it
    await pilot.press("down", "enter")  # onto its first card, open it
    await pilot.pause()


async def test_starts_on_the_first_card_with_the_contents_focused(mini_content):
    app = build_app(mini_content, first_run=False, start="study")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        main = main_of(app)
        assert isinstance(app.screen, MainScreen)
        assert main.card.id == BASICS
        assert isinstance(app.focused, Navigator)
        assert "What LDN is" in str(app.screen.query_one("#crumbs").render())


async def test_navigate_to_a_card(mini_content):
    app = build_app(mini_content, first_run=False, start="study")
    async with app.run_test(size=SIZE) as pilot:
        await open_trial_by_keys(pilot)
        main = main_of(app)
        assert main.card.id == TRIAL
        assert main.query_one(Reader).card.id == TRIAL
        crumbs = str(main.query_one("#crumbs").render())
        assert "Evidence" in crumbs and "crossover" in crumbs
        assert TRIAL in saved(app).viewed_cards()
        # the chapter label counts it as viewed
        evidence = main.query_one(Navigator)._chapter_nodes["evidence"]
        assert "1/1" in str(evidence.label)


async def test_next_previous_back_and_forward(mini_content):
    app = build_app(mini_content, first_run=False, start="study")
    async with app.run_test(size=SIZE) as pilot:
        main = main_of(app)
        await pilot.press("full_stop")
        assert main.card.id == TRIAL
        await pilot.press("left_square_bracket")
        assert main.card.id == BASICS
        await pilot.press("right_square_bracket")
        assert main.card.id == TRIAL
        await pilot.press("alt+left")
        assert main.card.id == BASICS
        await pilot.press("comma")  # already the first card: stays
        assert main.card.id == BASICS


async def test_open_a_claims_sources_and_record_the_reference_open(mini_content):
    app = build_app(mini_content, first_run=False, start="study")
    async with app.run_test(size=SIZE) as pilot:
        await open_trial_by_keys(pilot)
        await pilot.press("s")
        await pilot.pause()
        assert isinstance(app.screen, SourcesScreen)
        text = " ".join(str(s.render()) for s in app.screen.query(".source"))
        assert "Younger" in text and "23359310" in text and "VERIFIED" in text
        assert "31 women" in text and "Low Dose Naltrexone (LDN): Possibly a Major Breakthrough" in text
        assert saved(app).reference_open_counts() == {"younger2013": 1}
        await pilot.press("escape")
        assert isinstance(app.screen, MainScreen)
        assert isinstance(app.focused, ClaimView)  # the claim whose sources were shown


async def test_enter_on_a_claim_opens_its_sources(mini_content):
    app = build_app(mini_content, first_run=False, start="study")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("c")
        assert isinstance(app.focused, ClaimView)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, SourcesScreen)


async def test_search_with_a_filter_and_open_the_result(mini_content):
    app = build_app(mini_content, first_run=False, start="study")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("slash")
        await pilot.pause()
        assert isinstance(app.screen, SearchScreen)
        await pilot.press(*"certainty:low pain")
        await app.workers.wait_for_complete()
        await pilot.pause()
        screen = app.screen
        results = screen.last_results
        assert results is not None and results.total == 1
        assert results.hits[0].doc.claim_id == "c1" and results.hits[0].doc.card_id == TRIAL
        assert screen.query_one("#results", OptionList).option_count == 1
        await pilot.press("enter")
        await pilot.pause()
        main = main_of(app)
        assert app.screen is main and main.card.id == TRIAL
        assert isinstance(app.focused, ClaimView) and app.focused.claim.id == "c1"
        # search remembers the last query
        await pilot.press("slash")
        await pilot.pause()
        assert app.screen.query_one(Input).value == "certainty:low pain"


async def test_search_for_a_glossary_term_opens_its_definition(mini_content):
    app = build_app(mini_content, first_run=False, start="study")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("slash", *"type:term plac")
        await app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, TermScreen) and app.screen.term.term == "placebo"


async def test_search_for_a_reference_opens_it_and_records_it(mini_content):
    app = build_app(mini_content, first_run=False, start="study")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("slash", *"type:ref younger")
        await app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, SourcesScreen)
        assert saved(app).reference_open_counts() == {"younger2013": 1}


async def test_glossary_lookup_without_leaving_the_card(mini_content):
    app = build_app(mini_content, first_run=False, start="study")
    async with app.run_test(size=SIZE) as pilot:
        await open_trial_by_keys(pilot)
        await pilot.press("g")
        await pilot.pause()
        assert isinstance(app.screen, GlossaryPicker)
        terms = app.screen.query_one(OptionList)
        assert terms.get_option_at_index(0).id == "crossover trial"
        await pilot.press("enter")  # the first term is highlighted: choose it
        await pilot.pause()
        assert isinstance(app.screen, TermScreen)
        assert app.screen.term.term == "crossover trial"
        await pilot.press("enter")  # its related term
        assert app.screen.term.term == "placebo"
        await pilot.press("backspace")
        assert app.screen.term.term == "crossover trial"
        await pilot.press("escape")
        assert main_of(app).card.id == TRIAL and app.screen is main_of(app)


async def test_bookmark_toggle_and_jump_from_the_list(mini_content):
    app = build_app(mini_content, first_run=False, start="study")
    async with app.run_test(size=SIZE) as pilot:
        await open_trial_by_keys(pilot)
        await pilot.press("b")
        assert saved(app).is_bookmarked(TRIAL)
        assert main_of(app).query_one(Reader).bookmarked
        await pilot.press("comma")  # go elsewhere
        assert main_of(app).card.id == BASICS
        await pilot.press("B")
        await pilot.pause()
        assert isinstance(app.screen, BookmarksScreen)
        await pilot.press("down", "enter")
        await pilot.pause()
        assert main_of(app).card.id == TRIAL
        await pilot.press("b")
        assert not saved(app).is_bookmarked(TRIAL)


async def test_note_is_saved_and_found_again_after_a_restart(mini_content):
    app = build_app(mini_content, first_run=False, start="study")
    async with app.run_test(size=SIZE) as pilot:
        await open_trial_by_keys(pilot)
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, NoteScreen)
        await pilot.press(*"Ask about washout", "enter", *"and the 12 vs 4 weeks")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is main_of(app)
        assert saved(app).get_note(TRIAL) == "Ask about washout\nand the 12 vs 4 weeks"
    app.close_store()

    # A new app, the same LDN_STUDY_HOME: it reopens on the last card and shows the note.
    again = build_app(mini_content, first_run=False, start="study")
    async with again.run_test(size=SIZE) as pilot:
        await pilot.pause()
        main = main_of(again)
        assert main.card.id == TRIAL
        note = main.query_one("#note")
        assert "Ask about washout" in str(note.render())
        assert TRIAL in main.query_one(Navigator).noted
        await pilot.press("B")
        await pilot.pause()
        listed = app.screen.query_one(OptionList) if False else again.screen.query_one(OptionList)
        assert listed.get_option_at_index(0).id == TRIAL
    again.close_store()


async def test_cancelled_note_changes_nothing(mini_content):
    app = build_app(mini_content, first_run=False, start="study")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("n", *"draft", "escape")
        await pilot.pause()
        assert saved(app).get_note(BASICS) == ""
        assert isinstance(app.screen, MainScreen)


async def test_welcome_is_shown_once(mini_content):
    """The welcome note is a banner on the Today screen, never a dialog; once hidden, it stays hidden."""
    app = build_app(mini_content)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, TodayScreen)
        assert app.screen.query("#welcome-banner")
        await pilot.press("x")
        await pilot.pause()
        assert not app.screen.query("#welcome-banner")
    app.close_store()
    again = build_app(mini_content)
    async with again.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(again.screen, TodayScreen)
        assert not again.screen.query("#welcome-banner")
    again.close_store()


async def test_read_only_store_still_opens_and_says_so(mini_content):
    def refuse(directory: Path) -> None:
        raise PermissionError(13, "Permission denied", str(directory))

    store = ProgressStore.open(writable_check=refuse)
    assert store.read_only and store.notice
    app = build_app(mini_content, store=store, first_run=False, start="study")
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.pause()
        messages = [n.message for n in app._notifications]
        assert any("will not be saved" in m for m in messages)
        assert "not saving" in str(app.screen.query_one("#status").render())
        await pilot.press("b")  # still works for the session
        assert store.is_bookmarked(BASICS)
        assert any("Not saved" in n.message for n in app._notifications)


async def test_store_that_cannot_open_falls_back_to_memory(mini_content, monkeypatch):
    from ldn_tui.progress import store as store_module

    def locked(*args, **kwargs):
        raise store_module.StoreLocked("/somewhere/progress.sqlite3")

    monkeypatch.setattr(store_module.ProgressStore, "open", classmethod(lambda cls, *a, **k: locked()))
    app = build_app(mini_content, first_run=False, start="study")
    assert saved(app).read_only and "locked" in saved(app).notice
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.pause()
        assert any("locked" in n.message for n in app._notifications)


async def test_resize_to_60x20_mid_session(mini_content):
    app = build_app(mini_content, first_run=False, start="study")
    async with app.run_test(size=SIZE) as pilot:
        await open_trial_by_keys(pilot)
        main = main_of(app)
        nav, reader = main.query_one(Navigator), main.query_one(Reader)
        assert nav.display and not main.narrow
        await pilot.resize_terminal(60, 20)
        await pilot.pause()
        assert main.narrow
        assert reader.region.width >= 55 and reader.region.right <= 60
        assert not nav.region  # hidden: one pane at a time
        # switch to the contents, pick the other card, and come back to reading
        await pilot.press("m")
        await pilot.pause()
        assert nav.region.width >= 55 and not reader.region
        assert app.focused is nav
        assert nav.cursor_node.data.card_id == TRIAL  # the cursor is on the open card
        await pilot.press("up", "up", "enter")  # onto "Basics" (collapsed), expand it
        await pilot.press("down", "enter")
        await pilot.pause()
        assert main.card.id == BASICS
        assert reader.region and not nav.region
        # dialogs still fit
        await pilot.press("s")
        await pilot.pause()
        dialog = app.screen.query_one("#dialog")
        assert dialog.region.right <= 60 and dialog.region.bottom <= 20
        await pilot.press("escape")
        # and back to wide: both panes again, side by side, not overlapping
        await pilot.resize_terminal(100, 32)
        await pilot.pause()
        assert not main.narrow and nav.region and reader.region
        assert not nav.region.overlaps(reader.region)


async def test_navigator_collapses_on_wide_screens(mini_content):
    app = build_app(mini_content, first_run=False, start="study")
    async with app.run_test(size=SIZE) as pilot:
        main = main_of(app)
        await pilot.press("m")
        await pilot.pause()
        assert not main.query_one(Navigator).region
        assert main.query_one(Reader).region.width > 90
        await pilot.press("m")
        await pilot.pause()
        assert main.query_one(Navigator).region


async def test_help_lists_every_command_with_remapped_keys(mini_content):
    from ldn_tui.tui import commands

    app = build_app(mini_content, first_run=False, start="study", config=Config(keys={"bookmark": "k"}))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        from ldn_tui.tui.screens.help import help_keys_text

        keys = help_keys_text(app.effective_keymap)
        assert app.screen.query(".help-does")
        for command in commands.COMMANDS:
            assert command.description in keys and f"[{command.id}]" in keys
        assert "\nk  Bookmark ·" in keys and "\nb  Bookmark ·" not in keys
        assert "evidence:anecdote" in app.screen.query_one("#help-text").source
        await pilot.press("escape")
        await pilot.press("f1")
        assert isinstance(app.screen, HelpScreen)


async def test_config_keymap_remaps_a_binding(mini_content):
    app = build_app(mini_content, first_run=False, start="study", config=Config(keys={"bookmark": "k"}))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("k")
        assert saved(app).is_bookmarked(BASICS)
        await pilot.press("b")  # the old key no longer bookmarks
        assert saved(app).is_bookmarked(BASICS)


async def test_config_problems_are_shown(mini_content):
    config = Config(problems=("config.toml: theme = 'blue' is not one of 'dark', 'light'; using the default",))
    app = build_app(mini_content, first_run=False, start="study", config=config)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.pause()
        assert any("blue" in n.message for n in app._notifications)


async def test_theme_toggle_is_remembered(mini_content):
    app = build_app(mini_content, first_run=False, start="study")
    async with app.run_test(size=SIZE) as pilot:
        assert app.theme == "textual-dark"
        await pilot.press("ctrl+t")
        assert app.theme == "textual-light"
    app.close_store()
    again = build_app(mini_content, first_run=False, start="study")
    async with again.run_test(size=SIZE):
        assert again.theme == "textual-light"
    again.close_store()


async def test_palette_jumps_to_a_card_by_title(mini_content):
    app = build_app(mini_content, first_run=False, start="study")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"fibromyalgia crossover")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause()
        assert main_of(app).card.id == TRIAL


async def test_palette_runs_a_command_from_the_table(mini_content):
    app = build_app(mini_content, first_run=False, start="study")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"study: bookmark ")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause()
        assert saved(app).is_bookmarked(BASICS)


async def test_see_also_link_opens_the_other_card(mini_content):
    app = build_app(mini_content, first_run=False, start="study")
    async with app.run_test(size=SIZE) as pilot:
        await open_trial_by_keys(pilot)
        links = app.screen.query_one("#links")
        assert ("card", BASICS) in links.targets
        links.focus()
        await pilot.pause()
        for _ in range(links.targets.index(("card", BASICS))):
            await pilot.press("down")
        await pilot.press("enter")
        await pilot.pause()
        assert main_of(app).card.id == BASICS


async def test_a_term_in_the_link_list_opens_by_keys_and_by_click(mini_content):
    app = build_app(mini_content, first_run=False, start="study")
    async with app.run_test(size=SIZE) as pilot:
        await open_trial_by_keys(pilot)
        links = app.screen.query_one("#links")
        assert links.targets == [("card", BASICS), ("term", "crossover trial")]
        while app.focused is not links:  # Tab from the contents: the claims, then the list
            await pilot.press("tab")
        assert links.highlighted_option.id == f"card:{BASICS}"  # the first link, not its heading
        await pilot.press("down", "enter")  # the "Terms" heading is skipped: onto the term
        await pilot.pause()
        assert isinstance(app.screen, TermScreen) and app.screen.term.term == "crossover trial"
        await pilot.press("escape")
        await pilot.pause()
        term_row = links.region.y + 3  # "See also", the card, "Terms", the term
        await pilot.click(offset=(links.region.x + 3, term_row))
        await pilot.pause()
        assert isinstance(app.screen, TermScreen)


async def test_a_body_outside_the_fast_markdown_subset_uses_the_markdown_widget(mini_content):
    from dataclasses import replace

    from textual.widgets import Markdown

    from ldn_tui.content.model import Content

    chapter = mini_content.chapters[0]
    card = replace(chapter.cards[0], body="A [linked](https://example.org) word.\n\n| a | b |\n|---|---|\n| 1 | 2 |")
    content = Content(
        (replace(chapter, cards=(card,) + chapter.cards[1:]),) + mini_content.chapters[1:],
        mini_content.references,
        mini_content.sources,
        mini_content.glossary,
        mini_content.root,
    )
    app = build_app(content, first_run=False, start="study")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        body = app.screen.query_one("#card-body")
        assert isinstance(body, Markdown)
        assert len(body.query("MarkdownTable")) == 1


@pytest.mark.parametrize("command_id", ["sources", "next_claim"])
async def test_commands_needing_claims_are_disabled_without_them(mini_content, command_id):
    from ldn_tui.content.model import Card, Chapter, Content

    bare = Content((Chapter("c", "C", 1, "", (Card("c.one", "c", "One", "history", "Text."),)),))
    app = build_app(bare, first_run=False, start="study")
    async with app.run_test(size=SIZE) as pilot:
        main = main_of(app)
        action = {"sources": "sources", "next_claim": "next_claim"}[command_id]
        assert main.check_action(action, ()) is None
        await pilot.press("s")
        assert app.screen is main
