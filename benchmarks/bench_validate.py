"""Cold validation of a large content set: `ldn-study validate PATH`, time per 1,000 cards.

    python benchmarks/bench_validate.py [--cards 10000] [--runs 3] [--quick]

Runs the real command in a fresh process each time (`python -m ldn_tui validate PATH`; validate
never reads the parse cache, so every run parses and checks every file). The content is
benchmarks/_generated/c<cards> (made with gen_content.py if absent; --quick uses 300 cards in
a temporary folder). Prints the median (min-max) of the whole process's wall time and of the
time the command itself reports for the check, each also per 1,000 cards. The files are in the
OS page cache after the first run: "cold" means no parse cache, not a cold disk.
"""

from __future__ import annotations

import argparse
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

CHECKED = re.compile(r"(\d+) cards, .*checked in ([\d.]+) s")


def run_once(root: Path, env: dict[str, str]) -> tuple[float, float, int]:
    start = time.perf_counter()
    proc = subprocess.run(
        [sys.executable, "-m", "ldn_tui", "validate", str(root)], capture_output=True, text=True, env=env, timeout=600
    )
    wall = time.perf_counter() - start
    match = CHECKED.search(proc.stdout)
    if proc.returncode != 0 or match is None:
        raise RuntimeError(f"validate failed ({proc.returncode}): {proc.stdout[-2000:]} {proc.stderr[-2000:]}")
    return wall, float(match.group(2)), int(match.group(1))


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--cards", type=int, default=10_000)
    p.add_argument("--runs", type=int, default=3)
    p.add_argument("--quick", action="store_true", help="300 cards, one run: a smoke check for CI")
    args = p.parse_args()
    cards, runs = (300, 1) if args.quick else (args.cards, args.runs)

    from gen_content import generate

    with tempfile.TemporaryDirectory() as tmp:
        env = dict(os.environ, LDN_STUDY_HOME=str(Path(tmp) / "home"))
        if args.quick:
            root = generate(cards, Path(tmp) / "c")
        else:
            root = HERE / "_generated" / f"c{cards}"
            if not (root / "chapters").is_dir() or len(list((root / "chapters").glob("*.yaml"))) * 100 < cards:
                generate(cards, root)
        samples = [run_once(root, env) for _ in range(runs)]
    n = samples[0][2]
    wall = [s[0] for s in samples]
    checked = [s[1] for s in samples]
    k = n / 1000
    print(f"cold validation of {n:,} cards ({root.name}), median of {runs} run(s):")
    print(
        f"  whole process: {statistics.median(wall):.2f} s ({min(wall):.2f}-{max(wall):.2f}), "
        f"{statistics.median(wall) / k:.3f} s per 1,000 cards"
    )
    print(
        f"  check alone:   {statistics.median(checked):.2f} s ({min(checked):.2f}-{max(checked):.2f}), "
        f"{statistics.median(checked) / k:.3f} s per 1,000 cards"
    )


if __name__ == "__main__":
    main()
