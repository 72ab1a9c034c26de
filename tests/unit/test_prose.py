"""The card-body reader (`ldn_tui.tui.prose`) against markdown-it, the parser it stands in for.

Every bundled body must take the fast path and give the same blocks, the same words and the
same bold/italic/code runs as markdown-it; anything outside the subset must be refused (the
reader then uses Textual's Markdown widget).
"""

from __future__ import annotations

import pytest
from markdown_it import MarkdownIt
from rich.console import Console
from rich.style import Style

from ldn_tui.content import load_content
from ldn_tui.tui.prose import Block, Prose, ProseStyles, inline, parse

#: Distinct styles, so each span says which kind of run it is.
STYLES = ProseStyles(strong=Style(bold=True), emphasis=Style(italic=True), code=Style(underline=True))
KINDS = {STYLES.strong: "strong", STYLES.emphasis: "em", STYLES.code: "code"}


@pytest.fixture(scope="module")
def bundled():
    return load_content(use_cache=False)


def _words(text: str) -> str:
    return " ".join(text.split())


def reference_blocks(markdown: str) -> list[tuple[str, tuple[str, ...], int]]:
    """markdown-it's reading of `markdown`, in the shape of `parse()`'s blocks."""
    tokens = MarkdownIt("commonmark").parse(markdown)
    blocks: list[tuple[str, tuple[str, ...], int]] = []
    stack: list[tuple[str, list[str], int]] = []
    for i, tok in enumerate(tokens):
        if tok.type == "heading_open":
            assert tok.tag == "h3", tok.tag
            blocks.append(("heading", (_words(tokens[i + 1].content),), 1))
        elif tok.type in ("bullet_list_open", "ordered_list_open"):
            stack.append(
                ("bullets" if tok.type == "bullet_list_open" else "numbers", [], int(tok.attrGet("start") or 1))
            )
        elif tok.type in ("bullet_list_close", "ordered_list_close"):
            kind, items, start = stack.pop()
            blocks.append((kind, tuple(items), start))
        elif tok.type == "inline" and stack:
            stack[-1][1].append(_words(tok.content))
        elif tok.type == "paragraph_open" and not stack:
            blocks.append(("paragraph", (_words(tokens[i + 1].content),), 1))
    return blocks


def reference_runs(source: str) -> tuple[str, set[tuple[int, int, str]]]:
    """markdown-it's plain text for one inline run and its (start, end, kind) styled ranges."""
    tokens = MarkdownIt("commonmark").parseInline(source)[0].children or []
    plain, runs, open_at = "", set(), {}
    for tok in tokens:
        if tok.type in ("text", "softbreak"):
            plain += tok.content if tok.type == "text" else " "
        elif tok.type == "code_inline":
            runs.add((len(plain), len(plain) + len(tok.content), "code"))
            plain += tok.content
        elif tok.type.endswith("_open"):
            open_at[tok.type[:-5]] = len(plain)
        elif tok.type.endswith("_close"):
            runs.add((open_at.pop(tok.type[:-6]), len(plain), tok.type[:-6]))
    return plain, runs


def our_runs(source: str) -> tuple[str, set[tuple[int, int, str]]]:
    text = inline(source, STYLES)
    return text.plain, {(span.start, span.end, KINDS[span.style]) for span in text.spans}


def test_every_bundled_body_takes_the_fast_path_and_matches_markdown_it(bundled):
    for card in bundled.cards:
        blocks = parse(card.body)
        assert blocks is not None, f"{card.id}: body uses Markdown outside the fast subset"
        ours = [(b.kind, tuple(_words(t) for t in b.items), b.start) for b in blocks]
        assert ours == reference_blocks(card.body), card.id


def test_inline_runs_match_markdown_it_on_every_bundled_body(bundled):
    checked = 0
    for card in bundled.cards:
        for block in parse(card.body) or ():
            for item in block.items:
                assert our_runs(item) == reference_runs(item), (card.id, item)
                checked += 1
    assert checked > 300


@pytest.mark.parametrize(
    "markdown",
    [
        "A [link](https://example.org).",
        "Some <b>HTML</b>.",
        "An escaped \\* star.",
        "> a quotation",
        "| a | table |\n|---|---|",
        "```\ncode\n```",
        "# A top heading",
        "## A second-level heading",
        "Text\n\n---\n\nMore",
        "- outer\n  - nested",
        "- item\n\n  second paragraph of the item",
        "    indented code",
        "* star bullet",
        "1) paren numbering",
        "_underscored_ emphasis",
        "&amp; entity",
    ],
)
def test_markdown_outside_the_subset_is_refused(markdown):
    assert parse(markdown) is None


def test_lists_paragraphs_and_headings():
    body = "Intro line one\nline two.\n\n### Heading\n- first\n  continues\n- second\n\n3. three\n4. four\n\nAfter."
    assert parse(body) == (
        Block("paragraph", ("Intro line one line two.",)),
        Block("heading", ("Heading",)),
        Block("bullets", ("first continues", "second")),
        Block("numbers", ("three", "four"), 3),
        Block("paragraph", ("After.",)),
    )
    assert [b[:2] for b in reference_blocks(body)] == [(b.kind, b.items) for b in parse(body)]


def test_wrapped_list_items_hang_under_their_text():
    blocks = parse("- " + "word " * 12 + "\n\n9. a\n10. b")
    console = Console(width=24, color_system=None, record=True, legacy_windows=False)
    console.print(Prose(blocks))
    lines = console.export_text().splitlines()
    assert lines[0].startswith("• word")
    assert all(line.startswith("  word") for line in lines[1:3])
    assert lines[-2:] == ["9.  a", "10. b"]


def test_a_fixed_height_does_not_pad_each_block():
    # Textual renders with the widget's height set; each block must not be padded to it.
    blocks = parse("First paragraph.\n\n### Heading\n\n- an item")
    console = Console(width=40, color_system=None, legacy_windows=False)
    lines = console.render_lines(Prose(blocks), console.options.update(height=12), pad=False)
    text = ["".join(segment.text for segment in line).rstrip() for line in lines]
    assert text[:5] == ["First paragraph.", "", "Heading", "", "• an item"]
