"""Fixtures for the app's tests: the mini content and the app built as the CLI builds it."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
from pilotkit import Clock

from ldn_tui.content import load_content
from ldn_tui.progress.store import ProgressStore

MINI = Path(__file__).resolve().parents[1] / "fixtures" / "mini"
#: When the tests' stores start (a module may set its own `clock`).
T0 = datetime(2025, 3, 3, 9, 0, tzinfo=UTC)


@pytest.fixture(scope="session")
def mini_content():
    return load_content(MINI, use_cache=False)


@pytest.fixture(scope="session")
def content(mini_content):
    """The mini content, by the name most quiz tests use (a test module may define its own)."""
    return mini_content


@pytest.fixture
def clock():
    """The time the store and the quiz see; a test moves it with `clock.t = ...`."""
    return Clock(T0)


@pytest.fixture
def store(tmp_path, clock):
    """A progress file of its own for each test, on `clock`."""
    s = ProgressStore.open(tmp_path / "progress.sqlite3", now=clock)
    yield s
    s.close()
