"""The benchmarks still run: `benchmarks/run_all.py --quick` exits 0 and every script prints
its figures. Timings are not checked (they belong in benchmarks/README.md, not in a test)."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
BENCH = ROOT / "benchmarks"

#: The line each script prints its figures on (a new bench_*.py needs an entry here).
FIGURES = {
    "bench_export.py": r"^import \(json\)\s+\d+ ms$",
    "bench_guessing.py": r"^authored: \d of 4 strategies within 10 points of chance overall$",
    "bench_navigation.py": r"^  '\.' next card +median +[\d.]+ ms, p95 +[\d.]+ ms, min-max [\d.]+-[\d.]+ ms over 20 ",
    "bench_quiz_feedback.py": r"^key -> feedback frame over [1-9]\d* answers: median [\d.]+ ms",
    "bench_search.py": r"^  per keystroke: median [\d.]+ ms, p95 [\d.]+ ms",
    "bench_startup.py": r"^target 1: real/bare = [\d.]+ ",
    "bench_validate.py": r"^  check alone: .* s per 1,000 cards$",
}


def test_every_benchmark_runs_quick_and_prints_its_figures():
    scripts = sorted(p.name for p in BENCH.glob("bench_*.py"))
    assert set(scripts) == set(FIGURES), "every bench_*.py needs its figures line in FIGURES"
    r = subprocess.run(
        [sys.executable, str(BENCH / "run_all.py"), "--quick"], capture_output=True, text=True, cwd=ROOT, timeout=300
    )
    out = r.stdout
    assert r.returncode == 0, out[-4000:] + r.stderr[-2000:]
    sections = dict(re.findall(r"^== (bench_\w+\.py) --quick ==\n(.*?)^-- \1 ok in ", out, re.M | re.S))
    assert set(sections) == set(scripts), out[-4000:]
    for name, pattern in FIGURES.items():
        assert re.search(pattern, sections[name], re.M), f"{name} did not print its figures:\n{sections[name]}"
    nav = sections["bench_navigation.py"]
    assert re.search(r"^  Down in the navigator +median +[\d.]+ ms, .* over 20 ", nav, re.M), nav
    assert re.search(r"^  expand a 100-card chapter +median +[\d.]+ ms", nav, re.M), nav
