"""End to end: the installed `ldn-study` in a real terminal (tmux), driven as a person would.

Each test starts the console script in a detached tmux session with its own LDN_STUDY_HOME and
the mini fixture as content, sends keys, and polls `capture-pane` until the expected text shows.
"""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed"),
]

MINI = Path(__file__).resolve().parents[1] / "fixtures" / "mini"
EXE = Path(sys.executable).parent / "ldn-study"
TIMEOUT = 15.0


class Terminal:
    def __init__(self, home: Path, width: int = 80, height: int = 24, args: tuple[str, ...] = ()) -> None:
        if not EXE.exists():
            pytest.skip(f"{EXE} is not installed (pip install -e .)")
        self.name = f"ldn-e2e-{uuid.uuid4().hex[:8]}"
        env = {"LDN_STUDY_HOME": str(home), "LDN_STUDY_CONTENT": str(MINI), "TERM": "xterm-256color"}
        command = " ".join(f"{k}={shlex.quote(v)}" for k, v in env.items()) + " " + shlex.quote(str(EXE))
        command += "".join(" " + shlex.quote(a) for a in args)
        subprocess.run(
            ["tmux", "new-session", "-d", "-s", self.name, "-x", str(width), "-y", str(height), command],
            check=True,
            env={**os.environ, "TMUX": ""},
        )
        # keep the pane after the program exits, so its last screen (and exit) can be checked
        subprocess.run(["tmux", "set-option", "-t", self.name, "remain-on-exit", "on"], check=False)

    def screen(self) -> str:
        out = subprocess.run(["tmux", "capture-pane", "-p", "-t", self.name], capture_output=True, text=True)
        return out.stdout

    def wait_for(self, text: str, timeout: float = TIMEOUT) -> str:
        deadline = time.monotonic() + timeout
        screen = ""
        while time.monotonic() < deadline:
            screen = self.screen()
            if text in screen:
                return screen
            time.sleep(0.05)
        raise AssertionError(f"{text!r} did not appear within {timeout} s; the screen was:\n{screen}")

    def wait_until_gone(self, text: str, timeout: float = TIMEOUT) -> str:
        deadline = time.monotonic() + timeout
        screen = ""
        while time.monotonic() < deadline:
            screen = self.screen()
            if text not in screen:
                return screen
            time.sleep(0.05)
        raise AssertionError(f"{text!r} was still there after {timeout} s:\n{screen}")

    def send(self, *keys: str) -> None:
        subprocess.run(["tmux", "send-keys", "-t", self.name, *keys], check=True)

    def press(self, *keys: str, gap: float = 0.15) -> None:
        """One key at a time, as a person types (a burst can outrun the tree's redraw)."""
        for key in keys:
            self.send(key)
            time.sleep(gap)

    def type(self, text: str) -> None:
        subprocess.run(["tmux", "send-keys", "-t", self.name, "-l", text], check=True)

    def pane_dead(self) -> bool:
        out = subprocess.run(
            ["tmux", "display-message", "-p", "-t", self.name, "#{pane_dead}"], capture_output=True, text=True
        )
        return out.stdout.strip() == "1"

    def close(self) -> None:
        subprocess.run(["tmux", "kill-session", "-t", self.name], capture_output=True)


@pytest.fixture
def home(tmp_path) -> Path:
    return tmp_path / "study-home"


@pytest.fixture
def term(home):
    terminal = Terminal(home)
    yield terminal
    terminal.close()


def test_first_start_welcome_then_study_search_and_quit(term, home):
    term.wait_for("Welcome to ldn-study")
    term.wait_for("not medical advice")
    term.send("Enter")
    term.wait_until_gone("Welcome to ldn-study")
    term.wait_for("What LDN is")
    # open the evidence card and its claim's sources
    term.send(".")
    term.wait_for("Where the sources disagree")
    term.send("s")
    term.wait_for("Sources behind claim 1")
    term.wait_for("VERIFIED")
    term.send("Escape")
    term.wait_until_gone("Sources behind claim 1")
    # search with a filter and open the result
    term.send("/")
    term.wait_for("Type to search")  # the dialog's own text: "Search" is also in the footer
    term.type("evidence:expert")
    term.wait_for("evidence:expert")
    term.wait_for("1 result")
    term.send("Enter")
    term.wait_for("ldn-study › Basics › What LDN is")
    # bookmark, then quit; progress is on disk
    term.send("b")
    term.wait_for("★ bookmarked")
    term.send("q")
    deadline = time.monotonic() + TIMEOUT
    while not term.pane_dead() and time.monotonic() < deadline:
        time.sleep(0.05)
    assert term.pane_dead(), "the app did not quit on q"
    assert (home / "data" / "progress.sqlite3").exists()


def test_note_survives_a_restart_and_welcome_does_not_return(home):
    first = Terminal(home)
    try:
        first.wait_for("Welcome to ldn-study")
        first.send("Enter")
        first.wait_until_gone("Welcome to ldn-study")
        first.send("n")
        first.wait_for("Ctrl+S save")
        first.type("Remember the 50 mg contrast")
        first.wait_for("Remember the 50 mg contrast")
        first.send("C-s")
        first.wait_for("Your note")
        first.send("q")
        deadline = time.monotonic() + TIMEOUT
        while not first.pane_dead() and time.monotonic() < deadline:
            time.sleep(0.05)
    finally:
        first.close()

    second = Terminal(home)
    try:
        today = second.wait_for("Reading stopped")  # the app opens on Today: it knows where you were
        assert "What LDN is" in today
        second.send("r")
        screen = second.wait_for("Remember the 50 mg contrast")
        assert "Welcome to ldn-study" not in screen
    finally:
        second.close()


def test_narrow_terminal_is_usable(home):
    terminal = Terminal(home, width=60, height=20)
    try:
        terminal.wait_for("Welcome to ldn-study")
        terminal.send("Enter")
        terminal.wait_for("Not medical advice")
        terminal.wait_for("LDN usually means")
        terminal.send("m")  # switch to the contents; the cursor is on the open card
        terminal.wait_for("Evidence  0/1")
        time.sleep(1.0)  # the focus moves once the contents are drawn (after a refresh: slow on a busy machine)
        terminal.press("Down", "Enter", "Down", "Enter")
        terminal.wait_for("Where the sources disagree")
        screen = terminal.screen()
        assert all(len(line) <= 60 for line in screen.splitlines())
    finally:
        terminal.close()


def test_quiz_on_a_fresh_home_shows_the_first_question_at_once(home):
    """`ldn-study quiz` on a first run opens on its first question: no welcome over it."""
    terminal = Terminal(home, args=("quiz", "--mode", "all"))
    try:
        deadline = time.monotonic() + TIMEOUT
        screens: list[str] = []
        while time.monotonic() < deadline:
            screen = terminal.screen()
            if screen.strip():
                screens.append(screen)
            if "question 1 of" in screen:
                break
            time.sleep(0.02)
        assert screens and "question 1 of" in screens[-1], screens[-1:] or "nothing was drawn"
        assert not any("Welcome" in s for s in screens)
        assert "How sure are you?" in screens[-1]
    finally:
        terminal.close()
