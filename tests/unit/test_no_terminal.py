"""Without a usable terminal (`TERM=dumb`, input or output redirected) the app's commands say
they need one and exit 2 at once: never a hang at 100% CPU. Real subprocesses, real command."""

from __future__ import annotations

import os
import subprocess
import time
from pathlib import Path

import pytest

MINI = Path(__file__).resolve().parents[1] / "fixtures" / "mini"


def run(exe: str, *args: str, term: str | None, stdin=subprocess.DEVNULL) -> tuple[subprocess.CompletedProcess, float]:
    env = {k: v for k, v in os.environ.items() if k not in ("TERM", "TEXTUAL_DRIVER")}
    if term is not None:
        env["TERM"] = term
    env["LDN_STUDY_CONTENT"] = str(MINI)
    start = time.monotonic()
    result = subprocess.run([exe, *args], env=env, capture_output=True, text=True, stdin=stdin, timeout=30)
    return result, time.monotonic() - start


@pytest.mark.parametrize(
    "args", [(), ("quiz",), ("quiz", "--mode", "all"), ("review",)], ids=["app", "quiz", "quiz-all", "review"]
)
@pytest.mark.parametrize("term", ["dumb", "xterm-256color", None], ids=["dumb", "xterm-redirected", "unset"])
def test_the_app_commands_need_a_terminal_and_exit_2(ldn_study_exe, args, term):
    result, elapsed = run(ldn_study_exe, *args, term=term)
    if args == ("review",) and result.returncode == 0:
        # nothing is due on a fresh home: review says so in plain text before any app opens
        assert "Nothing is due for review" in result.stdout
        return
    assert result.returncode == 2, result.stderr
    assert "the app needs a terminal" in result.stderr
    assert "ldn-study today" in result.stderr
    assert "Traceback" not in result.stderr
    assert elapsed < 10


def test_the_plain_text_commands_still_work_without_a_terminal(ldn_study_exe):
    result, _ = run(ldn_study_exe, "validate", term="dumb")
    assert result.returncode == 0 and "no problems" in result.stdout
