"""Run every benchmark (benchmarks/bench_*.py) in turn and print each one's figures.

    .venv/bin/python benchmarks/run_all.py [--quick]

Each script runs in its own process with this same interpreter, one after another (never in
parallel: they would disturb each other's timings). --quick is passed on to every script
(small sizes, few runs: a smoke check that finishes in seconds). Exits non-zero if any
script fails; the others still run.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent


def scripts() -> list[Path]:
    return sorted(HERE.glob("bench_*.py"))


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--quick", action="store_true", help="pass --quick to every benchmark")
    args = p.parse_args()
    failed: list[str] = []
    for script in scripts():
        argv = [sys.executable, str(script)] + (["--quick"] if args.quick else [])
        print(f"== {script.name}{' --quick' if args.quick else ''} ==", flush=True)
        start = time.perf_counter()
        proc = subprocess.run(argv, capture_output=True, text=True, cwd=HERE.parent)
        elapsed = time.perf_counter() - start
        sys.stdout.write(proc.stdout)
        if proc.returncode != 0:
            failed.append(script.name)
            sys.stdout.write(proc.stderr)
            print(f"-- {script.name} FAILED (exit {proc.returncode}) after {elapsed:.1f} s")
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
