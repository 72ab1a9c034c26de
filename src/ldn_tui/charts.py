"""Text charts made of block characters, shared by `ldn-study stats` (rich) and the stats screen.

Plain strings only, no Textual and no colour: the caller styles them. Every chart also has its
numbers printed beside it by the caller, so nothing depends on reading a bar's length.
"""

from __future__ import annotations

from collections.abc import Sequence

_EIGHTHS = " ▏▎▍▌▋▊▉"
_SPARKS = "▁▂▃▄▅▆▇█"
FULL = "█"
EMPTY = "░"


def bar(fraction: float, width: int) -> tuple[str, str]:
    """A horizontal bar `width` cells wide, as (filled part, empty part), to style separately.

    Eighth-blocks give the filled part sub-cell precision; the empty part is light shade so the
    bar's full length stays visible in monochrome.
    """
    width = max(1, int(width))
    fraction = min(1.0, max(0.0, float(fraction)))
    eighths = round(fraction * width * 8)
    full, rest = divmod(eighths, 8)
    filled = FULL * full + (_EIGHTHS[rest] if rest else "")
    return filled, EMPTY * (width - len(filled))


def count_bar(count: int, largest: int, width: int) -> str:
    """A bar for a count (no empty part): `largest` fills `width`; any non-zero count shows."""
    if count <= 0 or largest <= 0:
        return ""
    filled, _ = bar(count / largest, width)
    return filled.rstrip() or "▏"


def sparkline(values: Sequence[float], *, cell: int = 1, top: float | None = None) -> str:
    """One line of bars, one per value (each `cell` characters wide); zero is a low dot.

    Scaled to the largest value, or to `top` when given (1.0 for scores)."""
    top = max(values, default=0) if top is None else top
    out = []
    for v in values:
        if v <= 0 or top <= 0:
            ch = "·"
        else:
            ch = _SPARKS[min(len(_SPARKS) - 1, int(round(v / top * (len(_SPARKS) - 1))))]
        out.append(ch * cell)
    return "".join(out)


def percent(fraction: float) -> str:
    return f"{round(fraction * 100):d}%"


def columns(values: Sequence[float], *, height: int = 4, cell: int = 2) -> list[str]:
    """A vertical bar chart `height` rows tall (top row first), one column of `cell` characters
    per value, with eighth-block tops. Zero shows as a dot on the bottom row."""
    height = max(1, int(height))
    top = max(values, default=0)
    rows = [[] for _ in range(height)]
    for v in values:
        eighths = round(v / top * height * 8) if top > 0 and v > 0 else 0
        if v > 0 and eighths == 0:
            eighths = 1
        for r in range(height):  # r = 0 is the bottom row
            level = eighths - r * 8
            if level >= 8:
                ch = FULL
            elif level > 0:
                ch = _SPARKS[level - 1]
            else:
                ch = "·" if (r == 0 and v <= 0) else " "
            rows[height - 1 - r].append(ch * cell)
    return ["".join(row) for row in rows]
