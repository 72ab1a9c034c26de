"""Fixtures shared by the quiz-engine, scheduler and stats tests."""

from __future__ import annotations

import pytest
from quizfixtures import T0, make_content

from ldn_tui.progress.store import ProgressStore


@pytest.fixture
def content():
    """The small hand-built content set of quizfixtures (tests may override with their own)."""
    return make_content()


@pytest.fixture
def store(tmp_path):
    """A real SQLite progress store in tmp_path, on a fixed clock."""
    s = ProgressStore.open(tmp_path / "p.sqlite3", now=T0)
    yield s
    s.close()
