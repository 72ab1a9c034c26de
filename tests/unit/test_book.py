"""`ldn-study export --content`: the whole guide as one Markdown file or one HTML page.

Structure is checked by parsing what was written: markdown-it-py (with its anchors plugin,
which gives headings GitHub's ids) for the Markdown, the standard library's HTML parser for
the page. Every link inside the document must land on an anchor that exists, every card must
appear exactly once, and every claim must appear in its card's evidence table with its
evidence label and certainty.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pytest
from markdown_it import MarkdownIt
from mdit_py_plugins.anchors import anchors_plugin

from ldn_tui.content import load_content
from ldn_tui.export import export, render, select
from ldn_tui.export.book import CARD_LEVEL, certainty_name, evidence_name
from ldn_tui.export.book_html import anchor
from ldn_tui.export.mdtext import shift_headings

ROOT = Path(__file__).resolve().parents[2]
MINI = ROOT / "tests" / "fixtures" / "mini"


@pytest.fixture(scope="module")
def bundled():
    return load_content(None)


@pytest.fixture(scope="module")
def mini():
    return load_content(MINI)


def plain(md_inline: str) -> str:
    """Inline Markdown as the text a reader sees (markup dropped)."""
    tokens = MarkdownIt("commonmark").parseInline(" ".join(md_inline.split()))
    return "".join(c.content for c in tokens[0].children or [] if c.type in ("text", "code_inline", "softbreak"))


# --- Markdown -------------------------------------------------------------------------------------


def parse_md(md: str):
    parser = MarkdownIt("commonmark").enable("table")
    parser.use(anchors_plugin, min_level=1, max_level=6)
    return parser.parse(md)


def md_structure(md: str):
    """(headings as (level, text, id), internal link targets, table rows as lists of cell texts)."""
    tokens = parse_md(md)
    heads, links, rows, row = [], [], [], None
    for i, t in enumerate(tokens):
        if t.type == "heading_open":
            heads.append((int(t.tag[1]), tokens[i + 1].content, t.attrGet("id")))
        elif t.type == "tr_open":
            row = []
        elif t.type == "tr_close":
            rows.append(row)
        elif t.type == "inline" and row is not None and tokens[i - 1].type in ("td_open", "th_open"):
            row.append("".join(c.content for c in t.children or [] if c.type in ("text", "code_inline")))
        for c in t.children or []:
            if c.type == "link_open" and str(c.attrGet("href")).startswith("#"):
                links.append(str(c.attrGet("href"))[1:])
    return heads, links, rows, tokens


@pytest.mark.parametrize("which", ["mini", "bundled"])
def test_markdown_book_structure(request, which):
    content = request.getfixturevalue(which)
    md = render("guide-markdown", content, None).decode("utf-8")
    heads, links, rows, tokens = md_structure(md)
    ids = [h[2] for h in heads]
    assert len(ids) == len(set(ids))
    # the table of contents and every cross-reference land on a heading
    missing = sorted(set(links) - set(ids))
    assert not missing, missing[:10]
    # every card exactly once, at the card level, in reading order; nothing else at that level
    cards = [card for ch in select(content).chapters for card in ch.cards]
    assert [h[1] for h in heads if h[0] == CARD_LEVEL] == [c.title for c in cards]
    # the TOC links every chapter and card
    toc_end = next(i for i, h in enumerate(heads) if h[0] == 2 and h[1] != "Contents")
    assert heads[1][1] == "Contents" and toc_end == 2
    card_ids = {h[2] for h in heads if h[0] == CARD_LEVEL}
    assert card_ids <= set(links)
    # every claim in an evidence-table row with its label and certainty
    claim_rows = [r for r in rows if len(r) == 4 and r[0] != "Claim"]
    assert len(claim_rows) == sum(len(c.claims) for c in cards)
    by_text = {}
    for r in claim_rows:
        by_text.setdefault(r[0], []).append(r)
    for card in cards:
        for claim in card.claims:
            text = plain(claim.text)
            matches = [r for r in claim_rows if r[0].startswith(text)]
            assert matches, (card.id, claim.id)
            assert any(
                r[1] == evidence_name(claim.evidence) and r[2] == certainty_name(claim.certainty) for r in matches
            ), (card.id, claim.id, matches)
    # glossary, references and sources are there, and it is plain Markdown (no HTML)
    assert {"Glossary", "References", "Sources"} <= {h[1] for h in heads if h[0] == 2}
    for term in content.glossary:
        assert f"**{term.term}**" in md.replace("\\", "")
    for ref in content.references:
        assert f"**{ref.id}**" in md.replace("\\", "")
    assert not [t for t in tokens if t.type.startswith("html")]
    assert not [c for t in tokens for c in t.children or [] if c.type.startswith("html")]
    assert "Educational, not medical advice." in md


def test_markdown_book_of_some_chapters(mini):
    md = render("guide-markdown", mini, None, select(mini, ["evidence"])).decode()
    heads, links, _, _ = md_structure(md)
    assert [h[1] for h in heads if h[0] == CARD_LEVEL] == ["The fibromyalgia crossover trial"]
    assert "What LDN is" not in md
    assert set(links) <= {h[2] for h in heads}
    assert "**younger2013**" in md  # cited by the chapter


def test_body_headings_move_below_the_card():
    body = "Intro\n\n### Sub\ntext\n\n```\n### not a heading\n```\n\nSetext\n------\n\n> ## quoted"
    out = shift_headings(body, 1)
    tokens = MarkdownIt("commonmark").parse(out)
    assert [(t.tag, tokens[i + 1].content) for i, t in enumerate(tokens) if t.type == "heading_open"] == [
        ("h4", "Sub"),
        ("h3", "Setext"),
        ("h3", "quoted"),
    ]
    assert "### not a heading" in out  # code is left alone


# --- HTML -----------------------------------------------------------------------------------------

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


class Page(HTMLParser):
    """Checks nesting and gathers ids, internal links, external resources and text per id."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.errors: list[str] = []
        self.ids: list[str] = []
        self.links: list[str] = []
        self.resources: list[str] = []
        self.tags: dict[str, int] = {}
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        self.tags[tag] = self.tags.get(tag, 0) + 1
        if a.get("id"):
            self.ids.append(a["id"])
        href = a.get("href") or ""
        if tag == "a" and href.startswith("#"):
            self.links.append(href[1:])
        if tag in ("script", "img", "iframe", "link", "object", "embed") or (tag != "a" and a.get("src")):
            self.resources.append(tag)
        if tag not in VOID:
            self.stack.append(tag)

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag not in VOID:
            self.stack.pop()

    def handle_endtag(self, tag):
        if tag in VOID:
            return
        if not self.stack or self.stack[-1] != tag:
            self.errors.append(f"</{tag}> closes <{self.stack[-1] if self.stack else None}> at {self.getpos()}")
            return
        self.stack.pop()

    def handle_data(self, data):
        self.text.append(data)


def parse_html(page: str) -> Page:
    p = Page()
    p.feed(page)
    p.close()
    return p


@pytest.mark.parametrize("which", ["mini", "bundled"])
def test_html_book_structure(request, which):
    content = request.getfixturevalue(which)
    page = render("guide-html", content, None).decode("utf-8")
    p = parse_html(page)
    assert p.errors == [] and p.stack == []
    assert len(p.ids) == len(set(p.ids)), "ids are unique"
    missing = sorted(set(p.links) - set(p.ids))
    assert not missing, missing[:10]
    # self-contained: inline CSS, nothing fetched, no script
    assert p.resources == [] and p.tags["style"] == 1
    assert '<meta name="viewport" content="width=device-width, initial-scale=1">' in page
    assert "@media print" in page and "@media (max-width" in page
    cards = [card for ch in select(content).chapters for card in ch.cards]
    for card in cards:
        assert p.ids.count(anchor("card", card.id)) == 1
        assert f'href="#{anchor("card", card.id)}"' in page  # in the contents
    assert p.tags.get(f"h{CARD_LEVEL}", 0) == len(cards) + 0  # body headings are one level lower
    n_claims = sum(len(c.claims) for c in cards)
    assert page.count('<td data-label="Claim">') == n_claims
    text = " ".join(" ".join(p.text).split())
    for card in cards:
        for claim in card.claims:
            assert plain(claim.text) in text, (card.id, claim.id)
    for term in content.glossary:
        assert anchor("term", term.term) in p.ids
    for ref in content.references:
        assert anchor("ref", ref.id) in p.ids


def test_html_escapes_whatever_the_content_holds(tmp_path):
    """Raw HTML in content is shown as text, never run: markdown-it with html off, html.escape."""
    root = tmp_path / "content"
    shutil.copytree(MINI, root)
    path = root / "chapters" / "10-basics.yaml"
    text = path.read_text("utf-8")
    text = text.replace("title: What LDN is", 'title: "What <b>LDN</b> is & why"', 1)
    text = text.replace(
        "at 1.5-4.5 mg it is called low-dose naltrexone (LDN).",
        "at 1.5-4.5 mg it is called low-dose naltrexone (LDN).\n\n      <script>alert(1)</script>\n\n"
        "      ### A heading in the body",
        1,
    )
    path.write_text(text, "utf-8")
    content = load_content(root)
    page = render("guide-html", content, None).decode()
    assert "<script>" not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "What &lt;b&gt;LDN&lt;/b&gt; is &amp; why" in page
    assert "<h4>A heading in the body</h4>" in page
    p = parse_html(page)
    assert p.errors == [] and p.resources == []
    md = render("guide-markdown", content, None).decode()
    _, links, _, tokens = md_structure(md)
    assert not [c for t in tokens for c in t.children or [] if c.type.startswith("html")]
    assert not [t for t in tokens if t.type.startswith("html")]


# --- the command line ---------------------------------------------------------------------------


def run(exe, *args, cwd, home):
    env = dict(os.environ, LDN_STUDY_HOME=str(home))
    env.pop("LDN_STUDY_CONTENT", None)
    return subprocess.run([exe, *args], capture_output=True, text=True, env=env, cwd=cwd, timeout=120)


def test_cli_writes_the_book(ldn_study_exe, tmp_path):
    home = tmp_path / "home"
    r = run(ldn_study_exe, "export", "--content", "--format", "html", "-o", "guide.html", cwd=tmp_path, home=home)
    assert r.returncode == 0, r.stderr
    assert "guide.html" in r.stdout and "HTML page" in r.stdout
    page = (tmp_path / "guide.html").read_text("utf-8")
    assert page.startswith("<!DOCTYPE html>") and parse_html(page).errors == []
    assert not (home / "data").exists() or not list((home / "data").glob("*.sqlite3"))  # no store needed
    r = run(ldn_study_exe, "export", "--content", cwd=tmp_path, home=home)  # default: Markdown, dated name
    assert r.returncode == 0, r.stderr
    (md,) = tmp_path.glob("ldn-study-guide-*.md")
    assert md.read_text("utf-8").startswith("# LDN study guide\n")
    # an existing file is kept without --force, and nothing half-written is left behind
    r = run(ldn_study_exe, "export", "--content", "-f", "html", "-o", "guide.html", cwd=tmp_path, home=home)
    assert r.returncode == 1 and "already exists" in r.stderr
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".")) == []
    # a chapter, and a content folder given with the top-level --content
    r = run(
        ldn_study_exe,
        "--content",
        str(MINI),
        "export",
        "--content",
        "-f",
        "md",
        "--chapter",
        "evidence",
        "-o",
        "mini.md",
        cwd=tmp_path,
        home=home,
    )
    assert r.returncode == 0, r.stderr
    assert "The fibromyalgia crossover trial" in (tmp_path / "mini.md").read_text()


def test_cli_book_usage_errors(ldn_study_exe, tmp_path):
    home = tmp_path / "home"
    for args, message in (
        (("--content", "--format", "csv"), "--format md or html"),
        (("--content", "html"), "--content takes no value for the guide: write --content --format html"),
        (("--format", "html"), "add --content"),
        (("--content", "--summary"), "--summary does not apply to the guide"),
        (("--content", "--chapter", "nope"), "No chapter 'nope'"),
    ):
        r = run(ldn_study_exe, "export", *args, cwd=tmp_path, home=home)
        assert r.returncode == 2, (args, r.stderr)
        assert message in r.stderr, (args, r.stderr)
        assert "Traceback" not in r.stderr
    assert not list(tmp_path.glob("ldn-study-*"))


def test_cli_content_path_still_names_a_folder(ldn_study_exe, tmp_path):
    """`export --content PATH` keeps its old meaning: the content to export progress against."""
    r = run(ldn_study_exe, "export", "--content", str(MINI), "-o", "p.md", cwd=tmp_path, home=tmp_path / "h")
    assert r.returncode == 0, r.stderr
    assert "| Basics |" in (tmp_path / "p.md").read_text()


def test_cli_help_documents_the_book(ldn_study_exe, tmp_path):
    r = run(ldn_study_exe, "export", "--help", cwd=tmp_path, home=tmp_path)
    assert r.returncode == 0
    assert re.search(r"--content \[PATH\]", r.stdout)
    for word in ("the guide as a book", "html", "self-contained"):
        assert word in r.stdout


def test_book_export_is_atomic_and_needs_no_store(mini, tmp_path):
    result = export(mini, None, "guide-html", output=tmp_path / "g.html")
    assert result.path.read_bytes() == render("guide-html", mini, None)
    assert result.path.stat().st_size == result.size
