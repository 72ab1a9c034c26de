"""Shared test set-up: no test ever touches a real user's progress, settings or cache."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
MINI = ROOT / "tests" / "fixtures" / "mini"


@pytest.fixture(autouse=True)
def isolated_home(tmp_path, monkeypatch):
    """Point LDN_STUDY_HOME at a fresh folder; clear the content override."""
    home = tmp_path / "home"
    monkeypatch.setenv("LDN_STUDY_HOME", str(home))
    monkeypatch.delenv("LDN_STUDY_CONTENT", raising=False)
    return home


@pytest.fixture
def mini_content_dir() -> Path:
    return MINI


@pytest.fixture
def ldn_study_exe() -> str:
    """The installed console script (beside the running interpreter), as a user would run it."""
    exe = Path(sys.executable).parent / "ldn-study"
    if not exe.exists():
        found = shutil.which("ldn-study")
        if not found:
            pytest.fail("the ldn-study command is not installed; run the README's test command")
        return found
    return str(exe)


#: Folders whose tests drive the whole app (Pilot, snapshots) or the installed command in tmux:
#: marked `slow`, so `pytest -m "not slow"` is the quick set a developer runs while working.
_SLOW_FOLDERS = ("e2e", "tui")


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    for item in items:
        parts = Path(str(item.fspath)).relative_to(ROOT).parts
        if len(parts) > 1 and parts[0] == "tests" and parts[1] in _SLOW_FOLDERS:
            item.add_marker(pytest.mark.slow)
