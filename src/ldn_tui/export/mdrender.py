"""Content Markdown to HTML through markdown-it-py (CommonMark), for the Anki deck and the book.

Why a real parser: the content's Markdown (`**bold**`, `*italic*`, `` `code` ``, lists,
`###` headings, and whatever else CommonMark allows an author) must turn into the same HTML
a Markdown viewer would show, and text that merely looks like markup (`p<0.05 * 2`, a lone
`*`, `<b>` typed as text) must stay text. Raw HTML in content is never passed through: it is
escaped (`html: False`), so content cannot inject markup into a deck or a page.

markdown-it-py comes with Textual; it is imported when an export first needs it, not at start-up.
"""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from markdown_it import MarkdownIt


@lru_cache(maxsize=1)
def parser() -> MarkdownIt:
    """CommonMark with GitHub pipe tables and strike-through; raw HTML escaped, not rendered."""
    from markdown_it import MarkdownIt

    return MarkdownIt("commonmark", {"html": False}).enable(["table", "strikethrough"])


#: Characters that can start inline Markdown (emphasis, code, links, images, autolinks, raw
#: HTML, entities, escapes, strike-through). Text without any of them renders as itself, escaped.
_MARKUP = frozenset("*_`[]!<>&\\~")


def _escape(text: str) -> str:
    """What markdown-it's renderer does to plain text (`&`, `<`, `>` and `"`, not `'`)."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")


def inline_html(text: str) -> str:
    """One line of content text as inline HTML (whitespace runs, newlines included, become one space).

    Most content strings hold no markup at all; those skip the parser (same output, a tenth of
    the time: an Anki deck renders thousands of them). A test checks the two paths agree.
    """
    line = " ".join((text or "").split())
    if _MARKUP.isdisjoint(line):
        return _escape(line)
    return str(parser().renderInline(line))


def block_html(markdown: str, *, shift_headings: int = 0) -> str:
    """A Markdown body as block HTML; headings move `shift_headings` levels down (at most h6).

    The book shifts card bodies' `###` headings below the card's own heading, so the page's
    outline stays in order.
    """
    md = parser()
    tokens = md.parse(markdown or "")
    if shift_headings:
        for t in tokens:
            if t.type in ("heading_open", "heading_close"):
                level = min(6, int(t.tag[1]) + shift_headings)
                t.tag = f"h{level}"
    return str(md.renderer.render(tokens, md.options, {}))


__all__ = ["block_html", "inline_html", "parser"]
