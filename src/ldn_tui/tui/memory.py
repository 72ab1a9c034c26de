"""Keeping the garbage collector away from what lives as long as the content."""

from __future__ import annotations

import gc
from collections.abc import Callable


def freeze_long_lived() -> None:
    """Move every object alive now out of the cyclic garbage collector's sight.

    Called once the content is loaded, and again after the app builds caches that live as long
    as the content: the generated questions and their hashes (built by the first due count, about
    30 objects per card) and the search index. A full collection walks every tracked object, so
    at 10,000 cards each one paused the app for 0.4-0.5 s, several times a minute while moving
    between cards, until these were frozen too (benchmarks/bench_navigation.py prints the
    collections it sees). Frozen objects are still freed when their last reference goes, but a
    frozen cycle is never collected: the few widgets on screen at the moment (one card's) stay in
    memory once removed. That costs kilobytes, once per cache, against pauses on every collection.
    """
    gc.freeze()


def pause_collection() -> Callable[[], None]:
    """Turn the cyclic garbage collector off; returns the call that turns it back on (once, and
    only if it was on). For a screen's first frame: building the quiz setup dialog makes ~16,000
    objects, which set off ~40 young collections (~6 ms) and, one open in three, a full one
    (17-27 ms) before it painted. Collecting once it is on screen frees the same garbage."""
    was_on = gc.isenabled()
    gc.disable()
    done = False

    def resume() -> None:
        nonlocal done
        if not done:
            done = True
            if was_on:
                gc.enable()

    return resume
