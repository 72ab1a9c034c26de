"""Work-arounds for Textual bugs (`ldn_tui.tui.textual_fixes`): each must still apply and work."""

from __future__ import annotations

import gc
import weakref

from ldn_tui.tui import textual_fixes
from ldn_tui.tui.app import build_app
from ldn_tui.tui.screens.quiz_setup import QuizSetupScreen
from ldn_tui.tui.widgets.footer import StudyFooter

SIZE = (100, 32)


def test_every_fix_applies_to_the_pinned_textual():
    # If this fails after a Textual upgrade, check whether upstream fixed the bug and drop the fix.
    assert textual_fixes.APPLIED == {"textual#6665": True, "textual#6666": True}


async def test_widgets_the_reader_removes_are_freed_with_their_rendered_lines(mini_content):
    """textual#6665: an lru_cache kept removed widgets' StylesCache (and its lines) alive."""
    app = build_app(mini_content, first_run=False, start="study")
    async with app.run_test(size=SIZE) as pilot:
        main = app.main_screen
        await pilot.pause()
        # The first due count freezes what is alive then (freeze_long_lived): widgets from
        # after it, like a student's second card, are the ones the garbage collector frees.
        await app.workers.wait_for_complete()
        await main.open_card(mini_content.cards[1].id)
        await pilot.pause()
        first = [weakref.ref(w._styles_cache) for w in main.reader.children]
        assert first
        for card in mini_content.cards * 3:  # rebuild the reader a few times
            await main.open_card(card.id)
            await pilot.pause()
        gc.collect()
        alive = [ref for ref in first if ref() is not None]
        assert not alive, f"{len(alive)} of {len(first)} removed widgets' style caches are still alive"


async def test_footer_keys_and_dialogs_are_freed_after_the_dialog_closes(mini_content):
    """textual#6666: each footer key watches its footer's `compact`, and Textual dropped that
    watch only when `compact` changed (never). The study screen's footer rebuilds its keys each
    time the screen comes back, so every dialog closed left ten dead keys on it, and the dialog
    itself stayed alive through its own footer's keys."""
    app = build_app(mini_content, first_run=False, start="study")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await app.workers.wait_for_complete()
        footer = app.screen.query_one(StudyFooter)
        keys: list[weakref.ref] = []
        dialogs: list[weakref.ref] = []
        for _ in range(3):
            # The first due count froze what was alive before (freeze_long_lived); these are not.
            keys += [weakref.ref(key) for key in footer.children]
            await pilot.press("z")
            await pilot.pause()
            assert isinstance(app.screen, QuizSetupScreen)
            dialogs.append(weakref.ref(app.screen))
            await app.workers.wait_for_complete()
            await pilot.press("escape")
            await pilot.pause()
            await pilot.pause()
        assert not isinstance(app.screen, QuizSetupScreen)
        watching = getattr(footer, "__watchers", {}).get("compact", [])
        assert {node for node, _ in watching} <= set(footer.children), "the footer still holds removed keys"
        gc.collect()
        later = keys[len(keys) // 3 :]  # the keys built after the first dialog closed
        current = set(map(id, footer.children))
        dead = [ref for ref in later if ref() is not None and id(ref()) not in current]
        assert later and not dead, f"{len(dead)} removed footer keys are still alive"
        assert dialogs[1]() is None, "a closed dialog is still alive"
