"""Card bodies drawn as one Rich renderable, without markdown-it or a widget per block.

The content's bodies use a small part of Markdown: paragraphs, `###` headings, `-` and `1.`
lists (items may wrap onto indented lines), `**bold**`, `*italic*` and `` `code` ``.
`parse()` reads exactly that subset and returns None for anything else, and the reader then
falls back to Textual's full `Markdown` widget. Why not always use that widget: it costs a
widget per paragraph and ~40 ms of imports (markdown-it, pygments) before the first frame,
which was most of the start-up time ldn-study added to a bare Textual app (see
benchmarks/README.md). `tests/unit/test_prose.py` checks this reader against markdown-it on
every bundled card.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from rich.console import Console, ConsoleOptions, RenderResult
from rich.segment import Segment
from rich.style import Style
from rich.text import Text

#: Inline runs: code first (nothing is parsed inside it), then strong, then emphasis. Openers
#: must be followed, and closers preceded, by a non-space, as in CommonMark.
_INLINE = re.compile(r"`([^`\n]+)`|\*\*(?=\S)(.+?)(?<=\S)\*\*|\*(?=[^\s*])(.+?)(?<=[^\s*])\*")

#: Lines or characters whose meaning this reader does not handle: links, images, HTML, entities,
#: escapes, quotes, tables, fences, rules, setext headings, other heading levels, `_` emphasis,
#: strike-through, `+` and `*` bullets, and `1)` numbering.
_UNSUPPORTED = re.compile(
    r"\]\(|\]\[|!\[|<[A-Za-z/!]|&#?\w+;|\\|~~|(?:^|\W)_\S|\S_(?:\W|$)"
    r"|^ {0,3}(?:>|\||```|~~~|[-*_=]{3,}\s*$|#{1,2} |#{4,6} |[+*] |\d+\) )",
    re.MULTILINE,
)
_BULLET = re.compile(r"^- (.*)$")
_NUMBER = re.compile(r"^(\d{1,9})\. (.*)$")
_HEADING = re.compile(r"^### (.*?)(?: #+)?$")


class Block(NamedTuple):
    kind: str  # "heading" | "paragraph" | "bullets" | "numbers"
    items: tuple[str, ...]  # one text for heading/paragraph; one per list item
    start: int = 1  # the first number of a numbered list


def parse(markdown: str) -> tuple[Block, ...] | None:
    """The body as blocks, or None when it uses Markdown outside the subset (see module doc)."""
    if _UNSUPPORTED.search(markdown):
        return None
    blocks: list[Block] = []
    kind: str | None = None  # the block being built
    lines: list[str] = []  # its current paragraph or list item
    items: list[str] = []  # a list's finished items
    start = 1

    def close_item() -> None:
        if lines:
            items.append(" ".join(lines))
            lines.clear()

    def close_block() -> None:
        nonlocal kind
        close_item()
        if kind == "paragraph":
            blocks.append(Block("paragraph", (items.pop(),)))
        elif kind in ("bullets", "numbers"):
            blocks.append(Block(kind, tuple(items), start))
        items.clear()
        kind = None

    blank_before = False
    for raw in markdown.splitlines():
        line = raw.strip()
        indent = len(raw) - len(raw.lstrip(" "))
        if not line:
            blank_before = True
            continue
        if "\t" in raw:
            return None
        marker = None if indent > 3 else (_BULLET.match(line) or _NUMBER.match(line))
        heading = None if indent > 3 else _HEADING.match(line)
        if heading:
            close_block()
            blocks.append(Block("heading", (heading.group(1).strip(),)))
        elif marker and kind in ("bullets", "numbers") and indent >= 2:
            return None  # a nested list
        elif marker and not (
            marker.re is _NUMBER and kind == "paragraph" and not blank_before and marker.group(1) != "1"
        ):  # "2. x" cannot interrupt a paragraph
            new_kind = "bullets" if marker.re is _BULLET else "numbers"
            if kind == new_kind:
                close_item()
            else:
                close_block()
                kind = new_kind
                start = int(marker.group(1)) if new_kind == "numbers" else 1
            lines.append(marker.group(marker.re.groups))
        elif kind in ("bullets", "numbers"):
            if blank_before and indent < 2:
                close_block()
                kind = "paragraph"
                lines.append(line)
            elif blank_before:
                return None  # a second paragraph inside a list item
            else:
                lines.append(line)  # the item goes on (continuation lines may or may not indent)
        elif kind == "paragraph" and not blank_before:
            lines.append(line)
        else:
            if indent >= 4:
                return None  # an indented code block
            close_block()
            kind = "paragraph"
            lines.append(line)
        blank_before = False
    close_block()
    return tuple(blocks)


class ProseStyles(NamedTuple):
    heading: Style = Style(bold=True)
    marker: Style = Style(bold=True)
    strong: Style = Style(bold=True)
    emphasis: Style = Style(italic=True)
    code: Style = Style(bold=True)


def inline(text: str, styles: ProseStyles, base: Style | None = None) -> Text:
    """`text` with its `**`, `*` and backtick runs turned into styled spans."""
    out = Text(style=base or "", end="")
    pos = 0
    for match in _INLINE.finditer(text):
        out.append(text[pos : match.start()])
        code, strong, emphasis = match.groups()
        if code is not None:
            out.append(code, styles.code)
        elif strong is not None:
            out.append_text(inline(strong, styles, styles.strong))
        else:
            out.append_text(inline(emphasis, styles, styles.emphasis))
        pos = match.end()
    out.append(text[pos:])
    return out


class Prose:
    """A Rich renderable of parsed blocks: a blank line between blocks, hanging list indents."""

    def __init__(self, blocks: tuple[Block, ...], styles: ProseStyles | None = None) -> None:
        self.blocks = blocks
        self.styles = styles or ProseStyles()
        self._lines: dict[tuple, list[Segment]] = {}

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        # Textual renders a widget's content once to measure its height and again to draw it:
        # the blocks never change, so the second time (same width) reuses the first.
        key = (options.max_width, options.justify, options.overflow, options.no_wrap)
        lines = self._lines.get(key)
        if lines is None:
            lines = self._lines[key] = list(self._render(console, options))
        yield from lines

    def _render(self, console: Console, options: ConsoleOptions) -> RenderResult:
        styles = self.styles
        # A fixed height (Textual passes the widget's) would pad every block to that height.
        options = options.update(height=None)
        plain = Segment("")
        for n, block in enumerate(self.blocks):
            if n:
                yield Segment.line()
            if block.kind in ("heading", "paragraph"):
                base = styles.heading if block.kind == "heading" else None
                yield from _hang(console, inline(block.items[0], styles, base), options, plain, plain)
                continue
            last = block.start + len(block.items) - 1
            width = len(f"{last}. ") if block.kind == "numbers" else 2
            for i, item in enumerate(block.items):
                marker = f"{block.start + i}.".ljust(width) if block.kind == "numbers" else "• "
                yield from _hang(
                    console, inline(item, styles), options, Segment(marker, styles.marker), Segment(" " * width)
                )


def _hang(console: Console, text: Text, options: ConsoleOptions, first: Segment, rest: Segment) -> RenderResult:
    """`text` wrapped to fit beside `first` (its first line) and `rest` (the others), which must
    be as wide as each other: a list marker and its hanging indent, or a bar on every line."""
    inner = options.update(width=max(1, options.max_width - first.cell_length), height=None)
    for n, line in enumerate(console.render_lines(text, inner, pad=False)):
        yield rest if n else first
        yield from line
        yield Segment.line()


class SideBySide:
    """A disagreement: its topic, then one box per version, side by side while each box gets
    `min_box` columns (stacked below that), then the verdict behind a bar.

    One Rich renderable, so a disagreement costs the reader one widget rather than five.
    """

    def __init__(
        self,
        topic: Text,
        boxes: list[tuple[str, Text]],
        verdict: Text,
        *,
        border: Style,
        title: Style,
        bar: Style,
        min_box: int = 30,
    ) -> None:
        self.topic, self.boxes, self.verdict = topic, boxes, verdict
        self.border, self.title, self.bar, self.min_box = border, title, bar, min_box

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        from rich.box import ROUNDED
        from rich.panel import Panel
        from rich.table import Table

        options = options.update(height=None)
        width = options.max_width
        yield from _hang(console, self.topic, options, Segment(" "), Segment(" "))
        columns = len(self.boxes) if width >= self.min_box * len(self.boxes) else 1
        box_width = width // columns
        # Boxes in a row share the tallest one's height, like the study screen's other panels.
        height = (
            max(
                len(console.render_lines(body, options.update(width=max(1, box_width - 4)), pad=False))
                for _, body in self.boxes
            )
            + 2
            if columns > 1
            else None
        )
        panels = [
            Panel(
                body,
                title=Text(name, style=self.title),
                title_align="left",
                box=ROUNDED,
                border_style=self.border,
                padding=(0, 1),
                height=height,
            )
            for name, body in self.boxes
        ]
        if columns == 1:
            yield from panels
        else:
            grid = Table.grid(expand=True)
            for _ in panels:
                grid.add_column(ratio=1)
            grid.add_row(*panels)
            yield grid
        bar = Segment("▌ ", self.bar)
        yield from _hang(console, self.verdict, options, bar, bar)
