"""A start that must read the YAML (no fresh parse cache) says so on the terminal while it reads,
then erases the line; with a warm cache, or when stderr is not a terminal, nothing is written."""

from __future__ import annotations

import os
import pty
import select
import subprocess
import sys


def _stats_with_stderr_on_a_terminal(home) -> tuple[int, bytes]:
    master, slave = pty.openpty()
    env = dict(os.environ, LDN_STUDY_HOME=str(home), TERM="xterm-256color")
    env.pop("LDN_STUDY_CONTENT", None)
    proc = subprocess.Popen(
        [sys.executable, "-m", "ldn_tui", "stats"], stdout=subprocess.DEVNULL, stderr=slave, env=env
    )
    os.close(slave)
    out = b""
    while True:
        ready, _, _ = select.select([master], [], [], 60)
        if not ready:
            break
        try:
            chunk = os.read(master, 4096)
        except OSError:  # the child closed its end
            break
        if not chunk:
            break
        out += chunk
    os.close(master)
    return proc.wait(timeout=60), out


def test_a_cold_start_shows_how_far_reading_has_got_then_erases_it(tmp_path):
    code, err = _stats_with_stderr_on_a_terminal(tmp_path)
    assert code == 0
    assert b"Reading the study content: 0 of " in err
    total = err.split(b"Reading the study content: 0 of ", 1)[1].split(b" ", 1)[0]
    assert f"Reading the study content: {int(total)} of {int(total)} files".encode() in err
    assert err.rstrip().endswith(b"\r\x1b[2K")  # erased: nothing left on the line

    code, err = _stats_with_stderr_on_a_terminal(tmp_path)  # the parse cache is warm now
    assert code == 0
    assert b"Reading" not in err


def test_no_loading_line_when_stderr_is_not_a_terminal(tmp_path):
    env = dict(os.environ, LDN_STUDY_HOME=str(tmp_path))
    env.pop("LDN_STUDY_CONTENT", None)
    out = subprocess.run([sys.executable, "-m", "ldn_tui", "stats"], capture_output=True, env=env, timeout=60)
    assert out.returncode == 0
    assert b"Reading" not in out.stderr


def test_the_line_is_rewritten_at_most_ten_times_a_second(monkeypatch):
    import io

    from ldn_tui.commands.base import LoadingLine

    stream = io.StringIO()
    line = LoadingLine(stream)
    clock = iter([0.0, 0.01, 0.02, 0.5, 0.51])
    monkeypatch.setattr("time.monotonic", lambda: next(clock))
    for done in range(4):
        line(done, 10)
    line(10, 10)  # the last step is always shown
    assert stream.getvalue().count("\r") == 3  # 0 (first), 3 (after 0.1 s), 10 (the end)
    line.clear()
    assert stream.getvalue().endswith("\r\x1b[2K")
