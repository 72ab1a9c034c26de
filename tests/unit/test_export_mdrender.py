"""Content Markdown to HTML (`export.mdrender`): markdown-it-py, with a fast path for plain text.

The fast path (no markup character: escape and return) must give exactly what markdown-it
gives; hypothesis tries texts made mostly of the characters content uses, and every string
the Anki deck renders from the bundled content is compared too.
"""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from ldn_tui.content import load_content
from ldn_tui.content.generated import all_questions
from ldn_tui.export.mdrender import block_html, inline_html, parser

TEXT = st.text(
    alphabet=st.sampled_from(list("abc XYZ 019.,;:'\"()-+=/%?→–é\n\t") + list("*_`[]!<>&\\~#")),
    max_size=40,
)


def reference(text: str) -> str:
    return str(parser().renderInline(" ".join(text.split())))


@settings(max_examples=400, deadline=None)
@given(TEXT)
def test_fast_path_matches_markdown_it(text):
    assert inline_html(text) == reference(text)


def test_every_string_of_the_bundled_deck_matches():
    content = load_content(None)
    texts = []
    for q in all_questions(content):
        texts += [q.prompt, q.explanation, *q.items, *q.answers]
        texts += [c.text for c in q.choices] + [c.why for c in q.choices]
    for card in content.cards:
        texts += [card.title] + [c.text for c in card.claims]
    assert [t for t in texts if inline_html(t) != reference(t)] == []


def test_markup_and_raw_html():
    assert inline_html("**bold** *it* `a<b` [x](http://e.org)") == (
        '<strong>bold</strong> <em>it</em> <code>a&lt;b</code> <a href="http://e.org">x</a>'
    )
    assert inline_html("<script>alert(1)</script> & p<0.05") == (
        "&lt;script&gt;alert(1)&lt;/script&gt; &amp; p&lt;0.05"
    )
    assert inline_html('say "hi"') == "say &quot;hi&quot;"


def test_block_headings_shift():
    assert block_html("### Sub\n\ntext", shift_headings=1) == "<h4>Sub</h4>\n<p>text</p>\n"
    assert block_html("###### Deep", shift_headings=2) == "<h6>Deep</h6>\n"
