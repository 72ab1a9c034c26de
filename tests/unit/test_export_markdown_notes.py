"""A student's notes in the Markdown progress export cannot change the document's structure.

Notes are whatever the student typed: headings, HTML, fences of their own. Parsed with
markdown-it-py (the CommonMark parser Textual ships), the export has exactly the document's
own headings plus one heading per card studied, no raw HTML, and each note comes back
character for character as the content of one fenced block.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from markdown_it import MarkdownIt

from ldn_tui.content import load_content
from ldn_tui.export import render, select
from ldn_tui.export.mdescape import fence
from ldn_tui.progress.store import ProgressStore

ROOT = Path(__file__).resolve().parents[2]
MINI = ROOT / "tests" / "fixtures" / "mini"
T0 = datetime(2025, 3, 1, 9, 0, tzinfo=UTC)

NASTY = """# Heading in my note
## Another one

Setext heading
==============

<div class="x">raw <b>html</b></div>
<script>alert("hi")</script>

```python
print("my own fence")
```

````
four backticks, and ``` inside
````

~~~
a tilde fence
~~~

    indented code
> a quote with a # hash
| a | b |
|---|---|
| 1 | 2 |
- [link](javascript:alert(1))
***"""

FIXED = [
    (1, "LDN study: progress notes"),
    (2, "Progress"),
    (3, "By chapter"),
    (2, "By evidence label"),
    (2, "Questions to revisit"),
    (2, "Your notes and bookmarks"),
]
TAIL = [(2, "Due next"), (2, "References you opened")]


def headings(md: str) -> list[tuple[int, str]]:
    tokens = MarkdownIt("commonmark").enable("table").parse(md)
    return [(int(t.tag[1]), tokens[i + 1].content) for i, t in enumerate(tokens) if t.type == "heading_open"]


def fences(md: str) -> list[str]:
    return [t.content for t in MarkdownIt("commonmark").parse(md) if t.type == "fence"]


def html_tokens(md: str) -> list[str]:
    tokens = MarkdownIt("commonmark").enable("table").parse(md)
    found = [t.type for t in tokens if t.type.startswith("html")]
    found += [c.type for t in tokens for c in (t.children or []) if c.type.startswith("html")]
    return found


@pytest.mark.parametrize("content_path", [MINI, None], ids=["mini", "bundled"])
def test_one_heading_per_studied_card_whatever_the_notes_say(tmp_path, content_path):
    content = load_content(content_path)
    store = ProgressStore.open(tmp_path / "p.sqlite3", now=T0)
    studied = [card for i, card in enumerate(content.cards) if i % 2 == 0]
    for i, card in enumerate(studied):
        store.set_note(card.id, f"{NASTY}\nnote {i}", now=T0 + timedelta(minutes=i))
    md = render("markdown", content, store, now=T0 + timedelta(days=1), tz=UTC).decode()
    store.close()

    expected = list(FIXED)
    for ch in select(content).chapters:
        mine = [card for card in ch.cards if card in studied]
        if mine:
            expected.append((3, ch.title))
            expected += [(4, card.title) for card in mine]
    expected += TAIL
    assert headings(md) == expected
    assert html_tokens(md) == []
    # every note comes back whole, as the content of one fence, in card order
    assert fences(md) == [f"{NASTY}\nnote {i}\n" for i in range(len(studied))]


def test_fence_outgrows_the_backticks_inside():
    body = "a ```` b\n`````\nc"
    block = fence(body)
    assert block.startswith("``````text\n") and block.endswith("\n``````")
    assert fences(block) == [body + "\n"]


def test_empty_and_plain_notes():
    assert fence("") == "```text\n\n```"
    assert fences(fence("just words")) == ["just words\n"]
