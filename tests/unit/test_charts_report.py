"""Text charts (charts.py) and the progress report blocks (stats_report.py)."""

from __future__ import annotations

import json
from datetime import UTC, timedelta

import pytest
from quizfixtures import T0, home, make_content  # noqa: F401

from ldn_tui import charts, stats_report
from ldn_tui.progress.stats import overview
from ldn_tui.progress.store import ProgressStore
from ldn_tui.quiz.engine import Selection, build_session


def test_bar_widths():
    for fraction in (0, 0.01, 0.33, 0.5, 0.999, 1, 1.5, -1):
        filled, empty = charts.bar(fraction, 12)
        assert len(filled) + len(empty) == 12
    assert charts.bar(1, 5) == ("█████", "")
    assert charts.bar(0, 5) == ("", "░░░░░")
    assert charts.bar(0.5, 4) == ("██", "░░")
    assert charts.bar(0.1, 10)[0] == "█"


def test_count_bar():
    assert charts.count_bar(0, 5, 10) == ""
    assert charts.count_bar(5, 5, 10) == "█" * 10
    assert charts.count_bar(1, 1000, 10) == "▏"  # any non-zero count shows


def test_sparkline_and_columns():
    assert charts.sparkline([0, 1, 2, 4]) == "·▃▅█"
    rows = charts.columns([0, 4, 8], height=2, cell=2)
    assert rows == ["    ██", "··████"]
    assert all(len(r) == 6 for r in rows)
    assert charts.columns([], height=3) == ["", "", ""]


@pytest.fixture
def practised(tmp_path):
    content = make_content()
    store = ProgressStore.open(tmp_path / "p.sqlite3", now=T0)
    session = build_session(content, Selection(), store, seed=4, count=8)
    for n, item in enumerate(session.items):
        q = item.question
        response = {
            "single": 0,
            "multiple": [0],
            "true-false": True,
            "cloze": "4.5",
            "order": list(range(len(item.items))),
        }[q.type]
        session.submit(response, "sure", now=T0 + timedelta(minutes=n))
        session.next()
    session.finish()
    yield content, store
    store.close()


@pytest.mark.parametrize("width", [40, 60, 80, 100])
def test_report_fits_the_width(practised, width):
    content, store = practised
    o = overview(content, store, now=T0 + timedelta(hours=1), tz=UTC)
    for block in stats_report.report_blocks(o, width):
        for line in block.plain.splitlines():
            assert len(line) <= max(width, 60), (width, line)


def test_report_says_what_it_shows(practised):
    content, store = practised
    o = overview(content, store, now=T0 + timedelta(hours=1), tz=UTC)
    text = "\n".join(b.plain for b in stats_report.report_blocks(o, 80))
    assert "8 of 17 questions answered" in text
    assert "Mastery by chapter" in text and "Basics" in text and "Safety" in text
    assert "Due in the coming week" in text and "Today" in text and "Tomorrow" in text
    assert "Answers per day, last 14 days  8 answers" in text
    assert "Accuracy by evidence label" in text and "Randomised controlled trial" in text
    assert "not answered yet" in text or "of " in text


def test_overview_json(practised):
    content, store = practised
    o = overview(content, store, now=T0 + timedelta(hours=1), tz=UTC)
    data = json.loads(stats_report.overview_json(o))
    assert data["version"] == 1
    assert data["totals"]["attempts"] == 8
    assert [c["chapter_id"] for c in data["chapters"]] == ["basics", "safety", "evidence"]
    assert all("mastery" in c for c in data["chapters"])
    assert len(data["forecast"]) == 7 and data["forecast"][0]["day"] == "2025-03-01"
    assert len(data["per_day"]) == 14 and data["per_day"][-1]["answered"] == 8
    assert {e["label"] for e in data["by_evidence"]} >= {"rct", "anecdote"}
