"""Work-arounds for Textual bugs (`ldn_tui.tui.textual_fixes`): each must still apply and work."""

from __future__ import annotations

import gc
import weakref

from ldn_tui.tui import textual_fixes
from ldn_tui.tui.app import build_app

SIZE = (100, 32)


def test_every_fix_applies_to_the_pinned_textual():
    # If this fails after a Textual upgrade, check whether upstream fixed the bug and drop the fix.
    assert textual_fixes.APPLIED == {"textual#6665": True}


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
