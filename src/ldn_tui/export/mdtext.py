"""Markdown text for Markdown documents: escaping, GitHub heading anchors, moving headings.

The book (`export.book`) writes content into a Markdown document. Plain text (titles, terms)
is escaped; content Markdown keeps its markup but not raw HTML; card bodies' headings move
below the card's own, found by markdown-it rather than by guessing at `#` lines; and links
inside the document use the anchors GitHub and markdown-it's anchors plugin give headings.
"""

from __future__ import annotations

import re

_ESCAPE = re.compile(r"([\\`*_\[\]<>&|~#!])")


def esc(text: str) -> str:
    """Plain text (a title, a term) for Markdown: one line, markup characters escaped."""
    return _ESCAPE.sub(r"\\\1", " ".join((text or "").split()))


def inline(text: str) -> str:
    """Content Markdown (claims, definitions) on one line, for a list item or a paragraph; raw
    HTML is escaped (see `escape_html`)."""
    return _escape_lt(" ".join((text or "").split()))


def cell(text: str) -> str:
    """Content Markdown for a pipe-table cell."""
    return inline(text).replace("|", "\\|")


def slugify(title: str) -> str:
    """GitHub's heading anchor for `title` (the text as shown, without markup)."""
    return re.sub(r"[^\w\u4e00-\u9fff\- ]", "", title.strip().lower().replace(" ", "-"))


class Slugs:
    """Anchors in the order headings appear, repeats numbered `-1`, `-2` as GitHub does."""

    def __init__(self) -> None:
        self.used: set[str] = set()

    def take(self, title: str) -> str:
        base = slugify(" ".join(title.split()))
        slug, i = base, 1
        while slug in self.used:
            slug = f"{base}-{i}"
            i += 1
        self.used.add(slug)
        return slug


_ATX = re.compile(r"^( {0,3}(?:> ?)*(?: {0,3}))(#{1,6})(?=[ \t]|$)")


def shift_headings(markdown: str, by: int) -> str:
    """`markdown` with every heading `by` levels deeper (at most 6), found by markdown-it.

    The parser says which lines are headings, so a `#` inside a code fence or a paragraph is
    left alone; setext headings (underlined) become ATX headings at the new level.
    """
    from ldn_tui.export.mdrender import parser

    lines = (markdown or "").splitlines()
    drop: set[int] = set()
    for t in parser().parse(markdown or ""):
        if t.type != "heading_open" or t.map is None:
            continue
        level = min(6, int(t.tag[1]) + by)
        start, end = t.map
        if t.markup.startswith("#"):
            m = _ATX.match(lines[start])
            if m:
                lines[start] = m.group(1) + "#" * level + lines[start][m.end() :]
        else:  # setext: text lines, then the underline
            text = " ".join(line.strip() for line in lines[start : end - 1])
            lines[start] = "#" * level + " " + text
            drop.update(range(start + 1, end))
    return "\n".join(line for i, line in enumerate(lines) if i not in drop)


_CODE_SPAN = re.compile(r"(`+)(?:.*?[^`])?\1(?!`)")


def escape_html(markdown: str) -> str:
    """`markdown` with every `<` outside code escaped, so no raw HTML reaches the document.

    Content is Markdown, and CommonMark passes HTML through; the book is plain Markdown (as the
    progress notes are), so a tag in a body shows as text. Code blocks, fences and code spans
    are left as they are: a `<` there is already text.
    """
    from ldn_tui.export.mdrender import parser

    lines = (markdown or "").splitlines()
    code: set[int] = set()
    for t in parser().parse(markdown or ""):
        if t.type in ("fence", "code_block") and t.map is not None:
            code.update(range(*t.map))
    return "\n".join(line if i in code else _escape_lt(line) for i, line in enumerate(lines))


def _escape_lt(line: str) -> str:
    """One line with `<` escaped outside code spans."""
    if "<" not in line:
        return line
    pieces, last = [], 0
    for m in _CODE_SPAN.finditer(line):
        pieces.append(line[last : m.start()].replace("<", "\\<"))
        pieces.append(m.group(0))
        last = m.end()
    pieces.append(line[last:].replace("<", "\\<"))
    return "".join(pieces)


def body_headings(markdown: str) -> list[str]:
    """The text of each heading in a card body, as a viewer shows it (what its slug is made from)."""
    from ldn_tui.export.mdrender import parser

    tokens = parser().parse(markdown or "")
    out = []
    for i, t in enumerate(tokens):
        if t.type == "heading_open":
            children = tokens[i + 1].children or []
            out.append("".join(c.content for c in children if c.type in ("text", "code_inline")))
    return out


__all__ = ["Slugs", "body_headings", "cell", "esc", "escape_html", "inline", "shift_headings", "slugify"]
