"""Run every benchmark (benchmarks/bench_*.py) in turn and print each one's figures.

    .venv/bin/python benchmarks/run_all.py [--quick]

Each script runs in its own process with this same interpreter, one after another (never in
parallel: they would disturb each other's timings). --quick is passed on to every script
(small sizes, few runs: a smoke check that finishes in well under a minute; each script is
stopped after QUICK_LIMIT seconds then). Exits non-zero if any script fails or times out; the
others still run.
"""

from __future__ import annotations

import argparse
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent


#: Seconds one script may take under --quick (all of them together take well under a minute).
QUICK_LIMIT = 180


def scripts() -> list[Path]:
    return sorted(HERE.glob("bench_*.py"))


def run(argv: list[str], limit: float | None) -> tuple[int | None, str, str]:
    """Run one script in its own process group; (exit code or None if it ran out of time, stdout, stderr).

    On time-out the whole group is stopped, SIGTERM first (bench_startup_tty.py then closes its
    tmux server), so that no app a script started is left running.
    """
    proc = subprocess.Popen(
        argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=HERE.parent, start_new_session=True
    )
    try:
        out, err = proc.communicate(timeout=limit)
        return proc.returncode, out, err
    except subprocess.TimeoutExpired:
        for sig, grace in ((signal.SIGTERM, 10), (signal.SIGKILL, None)):
            try:
                os.killpg(proc.pid, sig)
            except ProcessLookupError:
                break
            try:
                out, err = proc.communicate(timeout=grace)
                break
            except subprocess.TimeoutExpired:
                continue
        else:
            out, err = proc.communicate()
        return None, out, err


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--quick", action="store_true", help="pass --quick to every benchmark")
    args = p.parse_args()
    failed: list[str] = []
    for script in scripts():
        argv = [sys.executable, str(script)] + (["--quick"] if args.quick else [])
        print(f"== {script.name}{' --quick' if args.quick else ''} ==", flush=True)
        start = time.perf_counter()
        returncode, out, err = run(argv, QUICK_LIMIT if args.quick else None)
        elapsed = time.perf_counter() - start
        sys.stdout.write(out)
        if returncode != 0:
            failed.append(script.name)
            sys.stdout.write(err)
            why = f"timed out after {QUICK_LIMIT} s" if returncode is None else f"exit {returncode}"
            print(f"-- {script.name} FAILED ({why}) after {elapsed:.1f} s")
        else:
            print(f"-- {script.name} ok in {elapsed:.1f} s")
        print(flush=True)
    if failed:
        print(f"{len(failed)} of {len(scripts())} benchmarks failed: {', '.join(failed)}")
        return 1
    print(f"all {len(scripts())} benchmarks ran")
    return 0


if __name__ == "__main__":
    sys.exit(main())
