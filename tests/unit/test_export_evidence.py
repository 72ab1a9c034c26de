"""Progress notes carry the Summary-of-Findings tables of the conditions the student studied, and
only those (issue 13)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from markdown_it import MarkdownIt

from ldn_tui.content import load_content
from ldn_tui.export import render
from ldn_tui.progress.store import ProgressStore

T0 = datetime(2025, 3, 1, 9, 0, tzinfo=UTC)


def _headings(md: str) -> list[str]:
    tokens = MarkdownIt("commonmark").enable("table").parse(md)
    return [tokens[i + 1].content for i, t in enumerate(tokens) if t.type == "heading_open"]


def test_tables_for_the_conditions_studied_only(tmp_path):
    content = load_content()
    store = ProgressStore.open(tmp_path / "p.sqlite3", now=T0)
    store.record_view("evidence.fibromyalgia-later", now=T0)  # fibromyalgia
    store.record_view("safety.precipitated-withdrawal", now=T0)  # people taking opioids
    md = render("markdown", content, store, now=T0 + timedelta(days=1), tz=UTC).decode()
    store.close()
    heads = _headings(md)
    assert "How sure anyone can be" in heads
    tables = [h for h in heads if h.startswith("Summary of findings: ")]
    assert tables == ["Summary of findings: Fibromyalgia", "Summary of findings: People taking opioids"]
    assert "⊕⊕◯◯ Low" in md  # fibromyalgia pain, rated once in outcomes.yaml


def test_no_tables_when_nothing_about_an_effect_was_studied(tmp_path):
    content = load_content()
    store = ProgressStore.open(tmp_path / "p.sqlite3", now=T0)
    store.record_view("history.fda-approval", now=T0)
    md = render("markdown", content, store, now=T0 + timedelta(days=1), tz=UTC).decode()
    store.close()
    assert "How sure anyone can be" not in md and "Summary of findings" not in md
