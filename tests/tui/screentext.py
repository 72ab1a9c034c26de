"""The screen as a person sees it: the rendered lines of the app's current screen, as text."""

from __future__ import annotations

import io
from typing import Any

from rich.console import Console


def screen_lines(app: Any) -> list[str]:
    """Every line of the current screen (modals with what shows beneath them), as plain text."""
    width, height = app.size
    console = Console(width=width, height=height, file=io.StringIO(), record=True, legacy_windows=False)
    console.print(app.screen._compositor.render_update(full=True, screen_stack=app._background_screens))
    return console.export_text().splitlines()


def screen_text(app: Any) -> str:
    return "\n".join(screen_lines(app))


def region_text(app: Any, widget: Any) -> str:
    """The text shown inside `widget`'s region of the screen, its lines joined by spaces."""
    region = widget.region
    if not widget.display or region.area == 0:
        return ""
    lines = screen_lines(app)[region.y : region.bottom]
    return " ".join(line[region.x : region.right].strip() for line in lines).strip()


def row_styles(app: Any, y: int, x0: int = 0, x1: int | None = None) -> list[tuple[str, Any]]:
    """(text, rich style) of each piece of screen row `y` between columns x0 and x1, as drawn
    (after Textual's filters, e.g. the greys of NO_COLOR)."""
    strip = app.screen._compositor.render_strips()[y]
    x1 = strip.cell_length if x1 is None else x1
    return [(seg.text, seg.style) for seg in strip.crop(x0, x1) if seg.text.strip()]
