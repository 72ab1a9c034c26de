"""Fixtures for the app's tests: the mini content and the app built as the CLI builds it."""

from __future__ import annotations

from pathlib import Path

import pytest

from ldn_tui.content import load_content

MINI = Path(__file__).resolve().parents[1] / "fixtures" / "mini"


@pytest.fixture(scope="session")
def mini_content():
    return load_content(MINI, use_cache=False)


@pytest.fixture(scope="session")
def content(mini_content):
    """The mini content, by the name most quiz tests use (a test module may define its own)."""
    return mini_content
