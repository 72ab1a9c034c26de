"""`ldn-study serve`: the app in a browser through textual-serve (the `ldn-study[web]` extra).

The real command runs in a subprocess on a free loopback port. The page is fetched with
urllib; then the test does what the page's script does, through the same websocket: it sees
the app's own first screen, presses Enter and `.` as a student would, and sees the next card's
text. Every wait is bounded, and the server (with the app processes it started) is stopped.
"""

from __future__ import annotations

import asyncio
import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import aiohttp
import pytest

from ldn_tui.commands.serve import PAGE_TITLE

ROOT = Path(__file__).resolve().parents[2]
MINI = ROOT / "tests" / "fixtures" / "mini"
ANSI = re.compile(rb"\x1b\[[0-9;?$<>=]*[A-Za-z~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)|\x1b[()][A-Z0-9]")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def env_for(tmp_path: Path) -> dict[str, str]:
    return dict(os.environ, LDN_STUDY_HOME=str(tmp_path / "home"), LDN_STUDY_CONTENT=str(MINI))


def fetch(url: str, deadline: float) -> str:
    while True:
        try:
            with urllib.request.urlopen(url, timeout=2) as r:  # noqa: S310 - a loopback URL we built
                return r.read().decode("utf-8")
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.1)


def stop(proc: subprocess.Popen[bytes]) -> int:
    """SIGTERM (textual-serve exits gracefully and stops its apps), then SIGKILL the group."""
    proc.send_signal(signal.SIGTERM)
    try:
        return proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        return proc.wait(timeout=5)


async def screen_until(ws: aiohttp.ClientWebSocketResponse, seen: bytearray, needle: bytes, timeout: float) -> bool:
    """Read the app's terminal output until `needle` shows in its text (escape codes removed)."""
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if needle in ANSI.sub(b"", bytes(seen)):
            return True
        try:
            msg = await ws.receive(timeout=0.5)
        except TimeoutError:
            continue
        if msg.type == aiohttp.WSMsgType.BINARY:
            seen += msg.data
        elif msg.type in (aiohttp.WSMsgType.CLOSE, aiohttp.WSMsgType.CLOSED, aiohttp.WSMsgType.ERROR):
            return False
    return False


async def drive_app(port: int) -> None:
    async with aiohttp.ClientSession() as session:
        async with session.ws_connect(f"ws://127.0.0.1:{port}/ws?width=100&height=30") as ws:
            seen = bytearray()
            assert await screen_until(ws, seen, b"Welcome to ldn-study", 30), ANSI.sub(b"", bytes(seen))[-2000:]
            assert await screen_until(ws, seen, b"x hides this note", 10)  # a banner on Today
            await ws.send_json(["stdin", "\r"])  # today's session: read the first card
            await asyncio.sleep(0.5)
            seen.clear()
            await ws.send_json(["stdin", "."])  # the next card: the fibromyalgia crossover trial
            assert await screen_until(ws, seen, b"women compared LDN", 15), ANSI.sub(b"", bytes(seen))[-2000:]


def test_serve_shows_the_app_in_a_browser(ldn_study_exe, tmp_path):
    assert "women compared LDN" in (MINI / "chapters" / "20-evidence.yaml").read_text()  # the card the test opens
    port = free_port()
    proc = subprocess.Popen(
        [ldn_study_exe, "serve", "--port", str(port)],
        env=env_for(tmp_path),
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    try:
        page = fetch(f"http://127.0.0.1:{port}/", time.monotonic() + 30)
        assert PAGE_TITLE in page and "ldn-study" in page
        assert f"ws://127.0.0.1:{port}/ws" in page
        asyncio.run(asyncio.wait_for(drive_app(port), timeout=60))
    finally:
        code = stop(proc)
        out = proc.stdout.read().decode("utf-8", "replace") if proc.stdout else ""
    assert code in (0, -signal.SIGTERM), out
    assert f"http://127.0.0.1:{port}" in out


def test_serve_without_textual_serve_says_how_to_install(tmp_path):
    """With textual-serve missing the command explains the extra and exits 2 (no traceback)."""
    script = (
        "import sys, importlib.abc\n"
        "class Block(importlib.abc.MetaPathFinder):\n"
        "    def find_spec(self, name, path=None, target=None):\n"
        "        if name == 'textual_serve' or name.startswith('textual_serve.'):\n"
        "            raise ModuleNotFoundError(f'No module named {name!r}', name=name)\n"
        "sys.meta_path.insert(0, Block())\n"
        "from ldn_tui.cli import main\n"
        "sys.exit(main(['serve', '--port', '1']))\n"
    )
    r = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, env=env_for(tmp_path), timeout=60
    )
    assert r.returncode == 2, r.stderr
    assert "pip install 'ldn-study[web]'" in r.stderr
    assert "Traceback" not in r.stderr


def test_serve_listens_on_loopback_only(ldn_study_exe, tmp_path):
    for host in ("0.0.0.0", "192.168.1.10", "::"):
        r = subprocess.run(
            [ldn_study_exe, "serve", "--host", host], capture_output=True, text=True, env=env_for(tmp_path), timeout=60
        )
        assert r.returncode == 2, (host, r.stderr)
        assert "not a loopback address" in r.stderr


def test_serve_reports_a_busy_port(ldn_study_exe, tmp_path):
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        r = subprocess.run(
            [ldn_study_exe, "serve", "--port", str(port)],
            capture_output=True,
            text=True,
            env=env_for(tmp_path),
            timeout=60,
        )
    assert r.returncode == 1, r.stderr
    assert f"cannot listen on 127.0.0.1:{port}" in r.stderr and "--port" in r.stderr
    assert "Traceback" not in r.stderr


@pytest.mark.parametrize("bad", ["0", "70000", "http"])
def test_serve_port_must_be_a_port(ldn_study_exe, tmp_path, bad):
    r = subprocess.run(
        [ldn_study_exe, "serve", "--port", bad], capture_output=True, text=True, env=env_for(tmp_path), timeout=60
    )
    assert r.returncode == 2 and "port" in r.stderr


def test_serve_help(ldn_study_exe, tmp_path):
    r = subprocess.run(
        [ldn_study_exe, "serve", "--help"], capture_output=True, text=True, env=env_for(tmp_path), timeout=60
    )
    assert r.returncode == 0
    for word in ("--port", "--host", "127.0.0.1", "ldn-study[web]", "browser"):
        assert word in r.stdout
