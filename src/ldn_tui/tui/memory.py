"""Keeping the garbage collector away from what lives as long as the content."""

from __future__ import annotations

import gc


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
