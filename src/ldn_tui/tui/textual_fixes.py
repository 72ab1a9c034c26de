"""Work-arounds for known Textual bugs that ldn-study runs into. Each one names its upstream issue;
remove it when the pinned Textual release carries the fix (its test will say so).

`apply()` is called once, when the app module is imported.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any


def _fix_styles_cache_retention() -> bool:
    """Textualize/textual#6665: `StylesCache.get_inner_outer` is an `lru_cache` on an instance
    method, so its key holds the `StylesCache` itself, and with it every line the widget ever
    rendered, for up to 1,024 widgets after they are removed. The reader rebuilds its widgets on
    every card, so after a few hundred cards ~100,000 dead objects stayed alive, and each full
    garbage collection walked them (0.1 s pauses at 10,000 cards; bench_navigation.py).

    The fix caches on the two colours alone, which is all the result depends on.
    """
    from textual._styles_cache import StylesCache
    from textual.color import Color
    from textual.style import Style

    current = StylesCache.__dict__.get("get_inner_outer")
    if not hasattr(current, "cache_info"):
        return False  # changed upstream: nothing to fix, or not in the shape this fix expects

    @lru_cache(1024)
    def inner_outer(base_background: Color, background: Color) -> tuple[Style, Style]:
        return Style(background=base_background + background), Style(background=base_background)

    def get_inner_outer(self: StylesCache, base_background: Color, background: Color) -> tuple[Style, Style]:
        return inner_outer(base_background, background)

    StylesCache.get_inner_outer = get_inner_outer  # type: ignore[method-assign]
    return True


def _fix_watcher_retention() -> bool:
    """Textualize/textual#6666: `node.watch(other, ...)` (and `data_bind`, which uses it) stores
    `(node, callback)` on `other`, and Textual prunes that list only when `other`'s attribute next
    changes. A removed node stays alive until then, with its whole subtree. Every footer key is
    bound to its footer's `compact`, which never changes, and a footer rebuilds its keys whenever
    its screen's bindings change: each quiz setup dialog closed left the study screen's footer
    holding ten dead keys (~1,300 objects), so each open walked more in its garbage collections.

    The fix records what each node watches and drops its entries when the node is unmounted.
    """
    from textual.dom import DOMNode
    from textual.widget import Widget

    watch = DOMNode.__dict__.get("watch")
    unmount = Widget.__dict__.get("_on_unmount")
    if watch is None or unmount is None or hasattr(watch, "_ldn_fix"):
        return False

    def recording_watch(self: DOMNode, obj: DOMNode, attribute_name: str, *args: Any, **kwargs: Any) -> None:
        watch(self, obj, attribute_name, *args, **kwargs)
        if obj is not self:
            self.__dict__.setdefault("_watching", []).append((obj, attribute_name))

    def pruning_unmount(self: Widget) -> None:
        unmount(self)
        for obj, attribute_name in self.__dict__.pop("_watching", ()):
            watchers = getattr(obj, "__watchers", {}).get(attribute_name)
            if watchers:
                watchers[:] = [(node, callback) for node, callback in watchers if node is not self]

    recording_watch._ldn_fix = True  # type: ignore[attr-defined]
    DOMNode.watch = recording_watch  # type: ignore[method-assign]
    Widget._on_unmount = pruning_unmount  # type: ignore[method-assign]
    return True


def apply() -> dict[str, bool]:
    """Apply every fix; returns which ones took effect (by upstream issue)."""
    return {"textual#6665": _fix_styles_cache_retention(), "textual#6666": _fix_watcher_retention()}


APPLIED = apply()
