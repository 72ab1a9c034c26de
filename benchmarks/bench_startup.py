"""Targets 1 and 2: time to first paint, against a bare Textual app with the same widgets.

    python benchmarks/bench_startup.py [--runs 21] [--cards 10000] [--quick]

Prints medians (min-max) of process start -> first painted frame, and the peak RSS at that
moment, for: the bare app; ldn-study with the bundled content (warm parse cache); and
ldn-study with a synthetic set of --cards cards (warm cache). Runs alternate between the
variants so machine noise hits all of them alike. Target 1: real/bare <= 1.15.
Target 2: 10,000 cards <= 1.5 s and < 200 MB.

The package is byte-compiled first, as `pip install .` (the README's way to run the app) does:
an editable install under PYTHONDONTWRITEBYTECODE=1, as on the benchmark machine, would
otherwise recompile ldn-study's modules on every start (~30 ms) while Textual's stay compiled.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))


def first_paint(args: list[str], env: dict[str, str]) -> tuple[float, float]:
    """Spawn _paint.py; seconds until it prints PAINT, and its peak RSS then.

    Its stderr goes to a file, not a pipe: a child with a long report to print (content that
    does not validate) would otherwise fill the pipe and block while we wait for its stdout.
    A child that neither paints nor exits within 120 s is killed.
    """
    with tempfile.TemporaryFile("w+") as err:
        start = time.perf_counter()
        proc = subprocess.Popen(
            [sys.executable, str(HERE / "_paint.py"), *args], stdout=subprocess.PIPE, stderr=err, text=True, env=env
        )
        watchdog = threading.Timer(120, proc.kill)
        watchdog.start()
        try:
            line = proc.stdout.readline()
            elapsed = time.perf_counter() - start
            proc.wait(timeout=60)
        finally:
            watchdog.cancel()
        if not line.startswith("PAINT"):
            err.seek(0)
            raise RuntimeError(f"{args}: no paint (exit {proc.returncode}): {line!r}\n{err.read()[-2000:]}")
    return elapsed, float(line.split()[1])


def summarise(name: str, samples: list[tuple[float, float]]) -> dict:
    times = [t * 1000 for t, _ in samples]
    mem = [m for _, m in samples]
    row = {
        "name": name,
        "median_ms": statistics.median(times),
        "min_ms": min(times),
        "max_ms": max(times),
        "peak_mb": statistics.median(mem),
    }
    print(
        f"  {name:<34} {row['median_ms']:7.0f} ms  ({row['min_ms']:.0f}-{row['max_ms']:.0f})  peak {row['peak_mb']:.0f} MB"
    )
    return row


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--runs", type=int, default=21)
    p.add_argument("--cards", type=int, default=10_000)
    p.add_argument("--quick", action="store_true", help="3 runs and 300 synthetic cards: a smoke check for CI")
    args = p.parse_args()
    runs, cards = (3, 300) if args.quick else (args.runs, args.cards)

    import compileall

    import ldn_tui
    from gen_content import generate

    compileall.compile_dir(Path(ldn_tui.__file__).parent, quiet=1)

    with tempfile.TemporaryDirectory() as tmp:
        home = Path(tmp) / "home"
        env = dict(os.environ, LDN_STUDY_HOME=str(home))
        synthetic = generate(cards, Path(tmp) / f"c{cards}")
        variants = {
            "bare Textual app": ["bare"],
            "ldn-study, bundled content": ["real"],
            f"ldn-study, {cards:,} cards": ["real", "--content", str(synthetic)],
        }
        # Warm-up: first runs build the parse caches and dismiss nothing (no welcome in the
        # benchmark: it is dismissed once, as a returning student's would be).
        subprocess.run([sys.executable, "-m", "ldn_tui", "validate"], env=env, capture_output=True)
        from ldn_tui.progress.store import ProgressStore

        os.environ["LDN_STUDY_HOME"] = str(home)
        with ProgressStore.open() as store:
            store.set_setting("welcome_dismissed", True)
        for argv in variants.values():
            first_paint(argv, env)
        samples: dict[str, list] = {k: [] for k in variants}
        for _ in range(runs):
            for name, argv in variants.items():
                samples[name].append(first_paint(argv, env))
        print(f"first paint, median of {runs} runs (process start -> first frame), headless 100x32:")
        rows = {name: summarise(name, s) for name, s in samples.items()}
        bare = rows["bare Textual app"]["median_ms"]
        real = rows["ldn-study, bundled content"]["median_ms"]
        big = rows[f"ldn-study, {cards:,} cards"]
        paired = [r[0] / b[0] for r, b in zip(samples["ldn-study, bundled content"], samples["bare Textual app"])]
        print(
            f"target 1: real/bare = {real / bare:.3f} (target <= 1.15); "
            f"median of the {runs} run-by-run ratios {statistics.median(paired):.3f} "
            f"({min(paired):.2f}-{max(paired):.2f})"
        )
        print(
            f"target 2: {cards:,} cards first paint {big['median_ms'] / 1000:.2f} s (target <= 1.5 s), "
            f"peak {big['peak_mb']:.0f} MB (target < 200 MB)"
        )


if __name__ == "__main__":
    main()
