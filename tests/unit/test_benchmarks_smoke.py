"""The benchmarks still run: `benchmarks/run_all.py --quick` exits 0 and every script prints
its figures. Timings are not checked (they belong in benchmarks/README.md, not in a test).

The real-terminal benchmark (bench_startup_tty.py) and the start-up profiler need tmux and the
shared measuring scripts (../shared/bench); where either is missing they must say so and exit 0,
and where both are there they must measure, not skip."""

from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
BENCH = ROOT / "benchmarks"
SHARED = Path(os.environ.get("LDN_BENCH_SHARED") or ROOT.parent / "shared" / "bench")  # as the scripts find it
#: Whether the real-terminal benchmarks can run here (else they print "skipped: ...").
CAN_TTY = shutil.which("tmux") is not None and (SHARED / "tmux_ttfp.py").is_file() and (SHARED / "app_min.py").is_file()

#: The line each script prints its figures on (a new bench_*.py needs an entry here).
FIGURES = {
    "bench_export.py": r"^import \(json\)\s+\d+ ms$",
    "bench_guessing.py": r"^authored: \d of 4 strategies within 10 points of chance overall$",
    "bench_navigation.py": r"^  '\.' next card +median +[\d.]+ ms, p95 +[\d.]+ ms, min-max [\d.]+-[\d.]+ ms over 20 ",
    "bench_quiz_feedback.py": r"^key -> feedback frame over [1-9]\d* answers: median [\d.]+ ms",
    "bench_quiz_setup.py": r"^  first open after it: dialog \d+ ms, counts filled \d+ ms$",
    "bench_search.py": r"^  per keystroke: median [\d.]+ ms, p95 [\d.]+ ms",
    "bench_startup.py": r"^target 1: real/bare = [\d.]+ ",
    "bench_startup_tty.py": r"^(tty target 1: ldn-study/bare = [\d.]+ |skipped: )",
    "bench_validate.py": r"^  check alone: .* s per 1,000 cards$",
}


def run_group(argv: list[str], timeout: float) -> subprocess.CompletedProcess[str]:
    """Run a benchmark in its own process group, and stop the whole group if it runs out of time
    (subprocess.run would stop only the script, leaving the apps it started running)."""
    proc = subprocess.Popen(
        argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=ROOT, start_new_session=True
    )
    try:
        out, err = proc.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGTERM)
        try:
            out, err = proc.communicate(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            out, err = proc.communicate()
        pytest.fail(f"{argv[1]} did not finish within {timeout} s:\n{out[-4000:]}{err[-2000:]}")
    return subprocess.CompletedProcess(argv, proc.returncode, out, err)


@pytest.mark.slow
def test_every_benchmark_runs_quick_and_prints_its_figures():
    scripts = sorted(p.name for p in BENCH.glob("bench_*.py"))
    assert not set(scripts) - set(FIGURES), "every bench_*.py needs its figures line in FIGURES"
    r = run_group([sys.executable, str(BENCH / "run_all.py"), "--quick"], timeout=400)
    out = r.stdout
    assert r.returncode == 0, out[-4000:] + r.stderr[-2000:]
    sections = dict(re.findall(r"^== (bench_\w+\.py) --quick ==\n(.*?)^-- \1 ok in ", out, re.M | re.S))
    assert set(sections) == set(scripts), out[-4000:]
    for name in scripts:
        assert re.search(FIGURES[name], sections[name], re.M), f"{name} did not print its figures:\n{sections[name]}"
    tty = sections["bench_startup_tty.py"]
    if CAN_TTY:  # tmux and the shared scripts are here: it must measure, not skip
        assert not tty.startswith("skipped:"), tty
        assert re.search(
            r"^tty target 2: 300 cards, warm cache: first paint [\d.]+ s .*; peak RSS [\d.]+ MiB", tty, re.M
        ), tty
        assert re.search(r"; Today's counts on screen at [\d.]+ s, peak RSS [\d.]+ MiB 1 s after that", tty), tty
        assert re.search(r"^    the same, until Today's counts show +\d+ ms", tty, re.M), tty
        assert re.search(r"^tty target 2: 300 cards, no parse cache: first paint [\d.]+ s", tty, re.M), tty
        assert re.search(r"^scaling, warm cache: 65 cards \d+ ms [\d.]+ MiB; 300 cards \d+ ms [\d.]+ MiB$", tty, re.M)
    nav = sections["bench_navigation.py"]
    assert re.search(r"^  Down in the navigator +median +[\d.]+ ms, .* over 20 ", nav, re.M), nav
    assert re.search(r"^  expand a 100-card chapter +median +[\d.]+ ms", nav, re.M), nav


def run_tty_bench(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(BENCH / "bench_startup_tty.py"), "--quick", *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=300,
        env=env,
    )


def test_tty_benchmark_skips_with_a_message_without_the_shared_scripts(tmp_path):
    r = run_tty_bench("--shared", str(tmp_path))
    assert r.returncode == 0, r.stderr
    assert r.stdout.startswith("skipped: the shared measuring scripts (tmux_ttfp.py, app_min.py) are not in "), r.stdout
    assert str(tmp_path) in r.stdout


def test_tty_benchmark_skips_with_a_message_without_tmux(tmp_path):
    for name in ("tmux_ttfp.py", "app_min.py"):
        (tmp_path / name).write_text("raise SystemExit('must not run')\n")
    env = dict(os.environ, PATH=str(tmp_path))  # no tmux on this PATH
    r = run_tty_bench("--shared", str(tmp_path), env=env)
    assert r.returncode == 0, r.stderr
    assert r.stdout.strip() == "skipped: tmux is not installed (this benchmark runs the apps in a tmux pane)"


@pytest.mark.slow
def test_start_up_profiler_prints_each_phase_for_both_apps():
    r = run_group([sys.executable, str(BENCH / "profile_startup.py"), "--rounds", "1"], timeout=300)
    assert r.returncode == 0, r.stdout[-3000:] + r.stderr[-3000:]
    if not CAN_TTY:
        assert r.stdout.startswith("skipped: "), r.stdout
        return
    out = r.stdout
    for app in ("ldn-study", "bare app"):
        timeline = out.split(f"  {app}:", 1)[1]
        assert re.search(r"^    frame rendered and handed to the terminal +[\d.]+ +[\d.]+$", timeline, re.M), out
        assert re.search(r"^    marker on screen, seen by tmux \(from outside\) +[\d.]+$", timeline, re.M), out
    assert re.search(r"^    content loaded \(parse cache\) +[\d.]+ +[\d.]+$", out, re.M), out
    assert re.search(r"^    widgets on the first screen +\d+ +\d+$", out, re.M), out
    assert re.search(r"^    SQL statements run +\d+ +0$", out, re.M), out  # the bare app has no database


@pytest.mark.slow
def test_quiz_setup_benchmark_measures_in_a_real_terminal_or_says_why_not():
    r = run_group([sys.executable, str(BENCH / "bench_quiz_setup.py"), "--tty", "--quick"], timeout=300)
    assert r.returncode == 0, r.stdout[-3000:] + r.stderr[-3000:]
    if shutil.which("tmux") is None:
        assert r.stdout.startswith("skipped: tmux is not installed"), r.stdout
        return
    for what in (
        "at once \\(first screen just shown, no warm-up yet\\)",
        "first open after the warm-up",
        "later opens",
    ):
        assert re.search(rf"^  {what}: median \d+ ms \(\d+-\d+\) of [12]$", r.stdout, re.M), r.stdout


def test_quiz_setup_benchmark_in_a_real_terminal_skips_with_a_message_without_tmux(tmp_path):
    env = dict(os.environ, PATH=str(tmp_path))  # no tmux on this PATH
    r = subprocess.run(
        [sys.executable, str(BENCH / "bench_quiz_setup.py"), "--tty", "--quick"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=120,
        env=env,
    )
    assert r.returncode == 0, r.stderr
    assert r.stdout.strip() == "skipped: tmux is not installed (--tty runs the app in a tmux pane)"
