"""Work-arounds for known Textual bugs that ldn-study runs into. Each one names its upstream issue;
remove it when the pinned Textual release carries the fix (its test will say so).

`apply()` is called once, when the app module is imported.
"""

from __future__ import annotations

from functools import lru_cache


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


def apply() -> dict[str, bool]:
    """Apply every fix; returns which ones took effect (by upstream issue)."""
    return {"textual#6665": _fix_styles_cache_retention()}


APPLIED = apply()
