"""A quiz killed with SIGKILL mid-exam resumes at the question it was on, every answer intact.

The installed `ldn-study` runs in tmux (see test_tmux.py); the test answers two questions of a
timed exam, waits until the progress file holds that position, kills the process with
`kill -9`, then runs `ldn-study quiz --resume` and finds the exam where it was.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import sqlite3
import subprocess
import time
from pathlib import Path

import pytest
from test_tmux import MINI, TIMEOUT, Terminal

from ldn_tui.content import load_content
from ldn_tui.progress.store import ProgressStore
from ldn_tui.quiz.engine import QuizItem, QuizRequest, Selection

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed"),
]

ARGS = ("quiz", "--mode", "exam", "--time", "30m", "--seed", "3", "--count", "4", "--authored-only")


def keys_for(item: QuizItem) -> list[str]:
    """Keys that give a (right) answer to `item`, as typed into the terminal."""
    q = item.question
    if q.type == "single":
        return [str(next(i for i, c in enumerate(item.choices) if c.correct) + 1)]
    if q.type == "multiple":
        return [str(i + 1) for i, c in enumerate(item.choices) if c.correct]
    if q.type == "true-false":
        return ["t" if q.answer else "f"]
    if q.type == "cloze":
        return list(q.answers[0])
    return [str(item.items.index(t) + 1) for t in q.items]


def saved_state(db: Path) -> dict | None:
    if not db.exists():
        return None
    try:
        with sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=0.2) as conn:
            row = conn.execute("SELECT state FROM saved_quiz WHERE slot = 1").fetchone()
    except sqlite3.Error:
        return None
    return json.loads(row[0]) if row else None


def app_pid(term: Terminal) -> int:
    """The ldn-study process in the pane (the pane's shell may have exec'd it, or be its parent)."""
    out = subprocess.run(["tmux", "display-message", "-p", "-t", term.name, "#{pane_pid}"], capture_output=True)
    pane = int(out.stdout.decode().strip())
    pending = [pane]
    while pending:
        pid = pending.pop()
        try:
            cmdline = Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ")
        except OSError:
            continue
        if b"ldn-study" in cmdline and b"quiz" in cmdline:
            return pid
        children = subprocess.run(["pgrep", "-P", str(pid)], capture_output=True, text=True).stdout.split()
        pending += [int(c) for c in children]
    raise AssertionError("no ldn-study process found in the tmux pane")


@pytest.fixture
def home(tmp_path) -> Path:
    return tmp_path / "study-home"


def test_exam_killed_with_sigkill_resumes_where_it_was(home):
    # The same request the CLI builds, to know which keys answer each question.
    request = QuizRequest(Selection(include_generated=False), count=4, seed=3, style="exam", time_limit=1800)
    items = request.build(load_content(MINI), ProgressStore.in_memory()).items
    db = home / "data" / "progress.sqlite3"

    first = Terminal(home, args=ARGS)
    try:
        first.wait_for("question 1 of 4")  # no welcome over a quiz the student asked for
        first.wait_for("left")  # the countdown
        for n, item in enumerate(items[:2]):
            time.sleep(0.3)  # the focus moves to the answer box once the question is drawn
            if item.type == "cloze":
                first.type("".join(keys_for(item)))
            else:
                first.press(*keys_for(item))
            first.send("Enter")
            first.wait_for(f"question {n + 2} of 4")
        first.wait_for("2 answered")
        deadline = time.monotonic() + TIMEOUT
        while time.monotonic() < deadline:
            state = saved_state(db)
            if state and state["index"] == 2 and len(state["responses"]) == 2:
                break
            time.sleep(0.05)
        else:
            raise AssertionError(f"the position was not saved: {saved_state(db)}")
        os.kill(app_pid(first), signal.SIGKILL)
        deadline = time.monotonic() + TIMEOUT
        while not first.pane_dead() and time.monotonic() < deadline:
            time.sleep(0.05)
        assert first.pane_dead(), "the app survived SIGKILL"
    finally:
        first.close()

    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT COUNT(*) FROM attempts").fetchone()[0] == 0  # an exam grades at the end

    second = Terminal(home, args=("quiz", "--resume"))
    try:
        screen = second.wait_for("question 3 of 4")
        assert "2 answered" in screen and "● ● ▸○ ○" in screen and "left" in screen
        second.send("Left")
        second.wait_for("question 2 of 4")
        second.wait_for("answer saved")  # the answer given before the kill is still there
        second.send("Escape")
        second.wait_for("Leave the quiz?")
        second.send("e")
        second.wait_for("Exam review")
        deadline = time.monotonic() + TIMEOUT  # the writer thread saves the graded answers
        uids: list[str] = []
        while time.monotonic() < deadline:
            with sqlite3.connect(db, timeout=1) as conn:
                uids = [r[0] for r in conn.execute("SELECT question_uid FROM attempts ORDER BY id")]
            if len(uids) >= 2 and saved_state(db) is None:
                break
            time.sleep(0.05)
        assert uids == [items[0].uid, items[1].uid]
        assert saved_state(db) is None
    finally:
        second.close()
