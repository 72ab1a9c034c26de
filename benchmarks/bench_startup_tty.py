"""First paint in a real terminal (tmux), measured from outside, against the bare Textual app.

    python benchmarks/bench_startup_tty.py [--rounds 11] [--cards 10000] [--quick] [--shared DIR]

Where users see it: the headless benchmark (bench_startup.py) stops at the app's first display
step and misses what happens between the app and the terminal. This one runs the installed
command (`.venv/bin/ldn-study`, next to this interpreter) in a detached tmux pane through the
project's shared scripts, used as they are so that every figure is the same measurement:
`tmux_ttfp.py` starts the command and polls `tmux capture-pane` every 3 ms until a marker text is
on screen; `app_min.py tty` is the bare app (Header, Footer, Tree, Markdown). They are looked for
in --shared, else $LDN_BENCH_SHARED, else ../shared/bench beside the repository; if they or tmux
are missing the script prints "skipped: ..." and exits 0.

Measured, in rounds (one run of every variant per round, the order reversed every other round,
the bare app and ldn-study with the bundled content always back to back), after one warm-up round:
the bare app (marker FIRSTPAINT-MARKER); ldn-study with the bundled content, until its first screen
(Today) has painted (marker "› Today", its crumb: the first frame shows it with "Counting what is
due…") and, as a separate run, until Today's counts are on screen (marker "Streak", their last row);
ldn-study with 65, 1,000 and --cards generated cards to its first frame (gen_content.py; named by
LDN_STUDY_CONTENT). Every ldn-study variant has the parse cache warm, the welcome dismissed and
LDN_STUDY_HOME in a temporary folder of its own. Peak RSS is VmHWM read from /proc (the pane's
process tree, by tmux_ttfp.py --hwm-after) just after the marker appeared. Then --settle-runs starts
of the --cards set until its counts show, with VmHWM read --settle seconds later (what the app does
after its first frame: the due count); then --cold-runs starts of it with the parse cache deleted
before each (the YAML files stay in the OS page cache). The package is byte-compiled first, as
bench_startup.py does.

Targets (issue 19): ldn-study / bare <= 1.00; 10,000 cards warm <= 0.8 s and <= 150 MiB; cold
<= 3.5 s with a visible loading state; time and memory no worse than linear in the cards.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

#: ldn-study's first screen is Today. Its first frame shows the crumb "ldn-study › Today" (and
#: "Counting what is due…"); the counts, ending with the Streak row, come in a later frame.
FIRST_SCREEN_MARKER = "› Today"
COUNTS_MARKER = "Streak"
RUN_LINE = re.compile(
    r"^run \d+: first-nonblank\s+(?P<any>[\d.]+|nan) ms\s+marker\s+(?P<marker>[\d.]+) ms"
    r"(?:\s+VmHWM (?P<hwm>[\d.]+) MiB)?",
    re.M,
)


class Skip(Exception):
    """The benchmark cannot run on this machine (no tmux, no shared scripts): not a failure."""


@dataclass
class Variant:
    name: str
    command: list[str]
    marker: str
    samples: list[tuple[float, float, float]] = field(default_factory=list)  # (marker ms, first text ms, MiB)

    def median(self, i: int) -> float:
        return statistics.median(s[i] for s in self.samples)


@dataclass
class Harness:
    """Runs one command once in a pane of a tmux server of our own (TMUX_TMPDIR in a temp folder),
    so other tmux users on the machine (the e2e tests, other benchmarks) cannot kill our sessions."""

    ttfp: Path
    size: str
    env: dict[str, str]

    def run(
        self, command: list[str], marker: str, *, hwm_after: float = 0.0, timeout: float = 60.0
    ) -> tuple[float, float, float]:
        argv = [
            sys.executable,
            str(self.ttfp),
            "--marker",
            marker,
            "--runs",
            "1",
            "--warmup",
            "0",
            "--size",
            self.size,
            "--timeout",
            str(timeout),
            "--hwm-after",
            str(hwm_after),
            "--",
            *command,
        ]
        proc = subprocess.run(argv, capture_output=True, text=True, env=self.env, timeout=timeout + 30)
        found = RUN_LINE.search(proc.stdout)
        if proc.returncode != 0 or found is None:
            raise RuntimeError(
                f"no first paint for {command} (marker {marker!r}):\n{proc.stdout[-1500:]}{proc.stderr[-3000:]}"
            )
        marker_ms = float(found["marker"])
        first_text = float(found["any"]) if found["any"] != "nan" else marker_ms
        return marker_ms, first_text, float(found["hwm"] or "nan")

    def stop(self) -> None:
        subprocess.run(["tmux", "kill-server"], env=self.env, capture_output=True)


def shared_dir(option: str | None) -> Path:
    where = Path(option or os.environ.get("LDN_BENCH_SHARED") or ROOT.parent / "shared" / "bench")
    missing = [n for n in ("tmux_ttfp.py", "app_min.py") if not (where / n).is_file()]
    if missing:
        raise Skip(
            f"the shared measuring scripts ({', '.join(missing)}) are not in {where} "
            "(give --shared DIR or LDN_BENCH_SHARED)"
        )
    if shutil.which("tmux") is None:
        raise Skip("tmux is not installed (this benchmark runs the apps in a tmux pane)")
    return where


def compile_package() -> None:
    """Byte-compile ldn_tui, as `pip install .` does (this machine sets PYTHONDONTWRITEBYTECODE)."""
    import compileall

    import ldn_tui

    compileall.compile_dir(Path(ldn_tui.__file__).parent, quiet=1)


def own_tmux(tmp: Path, shared: Path, size: str) -> Harness:
    """A harness on a tmux server of our own (TMUX_TMPDIR under `tmp`). SIGTERM (run_all's time
    limit) then exits through the caller's `finally`, which stops that server."""
    (tmp / "tmux").mkdir()
    env = {k: v for k, v in os.environ.items() if k != "TMUX"}
    env["TMUX_TMPDIR"] = str(tmp / "tmux")
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    return Harness(shared / "tmux_ttfp.py", size, env)


def prepare_home(home: Path, content: Path | None) -> None:
    """A returning student's home: welcome dismissed, parse cache written (as bench_startup.py)."""
    code = (
        "import os, sys\n"
        "from ldn_tui.content import load_content\n"
        "from ldn_tui.progress.store import ProgressStore\n"
        "with ProgressStore.open() as store:\n"
        "    store.set_setting('welcome_dismissed', True)\n"
        "if sys.argv[1] != '-':\n"
        "    load_content(sys.argv[1])\n"
        "else:\n"
        "    load_content(None)\n"
    )
    env = dict(os.environ, LDN_STUDY_HOME=str(home))
    done = subprocess.run(
        [sys.executable, "-c", code, str(content) if content else "-"], env=env, capture_output=True, text=True
    )
    if done.returncode != 0:
        raise SystemExit(
            f"{Path(sys.argv[0]).name}: could not load {content or 'the bundled content'}:\n{done.stderr[-3000:]}"
        )


def fmt_ms(ms: float) -> str:
    return f"{ms / 1000:.2f} s" if ms >= 2000 else f"{ms:.0f} ms"


def row(v: Variant, bare: Variant | None) -> str:
    """One variant's medians; with `bare` (same rounds), also the median of its per-round ratios to
    the bare app, which machine load (other processes on a shared machine) mostly cancels out of."""
    ms = [s[0] for s in v.samples]
    ratio = (
        f"{statistics.median(a[0] / b[0] for a, b in zip(v.samples, bare.samples, strict=True)):5.2f}x bare"
        if bare is not None
        else f"{'':>10}"
    )
    return (
        f"  {v.name:<40} {fmt_ms(v.median(0)):>8}  ({min(ms):.0f}-{max(ms):.0f} ms)  {ratio}   "
        f"first text {fmt_ms(v.median(1)):>8}   peak RSS at paint {v.median(2):6.1f} MiB"
    )


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--rounds", type=int, default=11, help="measured rounds after one warm-up round (>= 7)")
    p.add_argument("--cards", type=int, default=10_000, help="the large generated content set")
    p.add_argument("--cold-runs", type=int, default=3, help="starts with the parse cache deleted")
    p.add_argument("--settle", type=float, default=1.0, help="seconds after the counts show for the second RSS reading")
    p.add_argument("--settle-runs", type=int, default=3, help="starts of the --cards set timed to its counts")
    p.add_argument("--size", default="120x40")
    p.add_argument("--shared", default=None, help="folder of tmux_ttfp.py and app_min.py (default ../shared/bench)")
    p.add_argument("--quick", action="store_true", help="2 rounds, 300 cards, 1 cold and 1 settled run: a smoke check")
    args = p.parse_args()
    rounds, big, cold_runs, settle_runs = (
        (2, 300, 1, 1) if args.quick else (args.rounds, args.cards, args.cold_runs, args.settle_runs)
    )
    settle = args.settle
    try:
        shared = shared_dir(args.shared)
    except Skip as why:
        print(f"skipped: {why}")
        return 0
    ldn_study = Path(sys.executable).parent / "ldn-study"
    if not ldn_study.is_file():
        print(
            f"bench_startup_tty: no installed command at {ldn_study}: run `pip install -e .` in this venv",
            file=sys.stderr,
        )
        return 2

    from gen_content import generate

    compile_package()
    with tempfile.TemporaryDirectory(prefix="ldn-tty-") as tmp_name:
        tmp = Path(tmp_name)
        harness = own_tmux(tmp, shared, args.size)
        try:
            return measure(harness, shared, ldn_study, tmp, rounds, big, cold_runs, settle, settle_runs, generate)
        finally:
            harness.stop()


def measure(
    harness: Harness,
    shared: Path,
    ldn_study: Path,
    tmp: Path,
    rounds: int,
    big: int,
    cold_runs: int,
    settle: float,
    settle_runs: int,
    generate: Callable[[int, Path], Path],
) -> int:
    def ldn(home: Path, content: Path | None) -> list[str]:
        # The content by LDN_STUDY_CONTENT, not --content: with any argument, `ldn-study` builds
        # its whole command-line parser (every subcommand's module) before opening the app.
        extra = [f"LDN_STUDY_CONTENT={content}"] if content else []
        return ["env", f"LDN_STUDY_HOME={home}", *extra, str(ldn_study)]

    sizes = [65, 300] if big <= 300 else [65, 1000, big]
    bare = Variant(
        "bare Textual app (app_min.py tty)",
        ["env", sys.executable, str(shared / "app_min.py"), "tty"],
        "FIRSTPAINT-MARKER",
    )
    prepare_home(tmp / "home-bundled", None)
    bundled = Variant("ldn-study, bundled content (65)", ldn(tmp / "home-bundled", None), FIRST_SCREEN_MARKER)
    counted = Variant("  the same, until Today's counts show", bundled.command, COUNTS_MARKER)
    scaled: list[Variant] = []
    for n in sizes:
        content = generate(n, tmp / f"c{n}")
        prepare_home(tmp / f"home-{n}", content)
        scaled.append(
            Variant(f"ldn-study, {n:,} generated cards", ldn(tmp / f"home-{n}", content), FIRST_SCREEN_MARKER)
        )
    order = [bare, bundled, counted, *scaled]

    for v in order:  # warm-up round: OS page cache, tmux's first panes; not counted
        harness.run(v.command, v.marker, timeout=60)
    for r in range(rounds):
        for v in order if r % 2 == 0 else order[::-1]:
            v.samples.append(harness.run(v.command, v.marker))

    large = scaled[-1]
    # The large set again, until its counts show (the due count and the rest of Today's figures).
    settled = [harness.run(large.command, COUNTS_MARKER, hwm_after=settle, timeout=120) for _ in range(settle_runs)]
    cold_home = tmp / "home-cold"
    prepare_home(cold_home, None)
    cold = Variant(f"ldn-study, {big:,} cards, no parse cache", ldn(cold_home, tmp / f"c{big}"), FIRST_SCREEN_MARKER)
    for _ in range(cold_runs):
        shutil.rmtree(cold_home / "cache", ignore_errors=True)
        cold.samples.append(harness.run(cold.command, cold.marker, timeout=180))

    print(
        f"first paint in a real terminal: tmux {harness.size}, marker polled by tmux_ttfp.py; median of {rounds} "
        f"interleaved rounds after 1 warm-up (peak RSS: VmHWM from /proc just after the marker):"
    )
    for v in order:
        print(row(v, bare))
    if cold.samples:  # --cold-runs 0 leaves them out
        print(row(cold, None))
    ratios = [a[0] / b[0] for a, b in zip(bundled.samples, bare.samples, strict=True)]
    print(
        f"tty target 1: ldn-study/bare = {bundled.median(0) / bare.median(0):.3f} (ratio of medians; target <= 1.00); "
        f"median of the {rounds} per-round ratios {statistics.median(ratios):.3f} "
        f"({min(ratios):.2f}-{max(ratios):.2f})"
    )
    counts = (
        f"; Today's counts on screen at {statistics.median(t for t, _, _ in settled) / 1000:.2f} s, peak RSS "
        f"{statistics.median(m for _, _, m in settled):.1f} MiB {settle:g} s after that (median of {settle_runs})"
        if settled
        else ""
    )
    print(
        f"tty target 2: {big:,} cards, warm cache: first paint {large.median(0) / 1000:.2f} s (target <= 0.8 s); "
        f"peak RSS {large.median(2):.1f} MiB at first paint (target <= 150 MiB){counts}"
    )
    if cold.samples:
        loading = cold.median(1) < cold.median(0) - 100
        print(
            f"tty target 2: {big:,} cards, no parse cache: first paint {cold.median(0) / 1000:.2f} s (target <= 3.5 s), "
            f"first text on screen {cold.median(1) / 1000:.2f} s (a loading state: {'yes' if loading else 'no'}); "
            f"peak RSS {cold.median(2):.1f} MiB (median of {cold_runs})"
        )
    steps = []
    for a, b, na, nb in zip(scaled, scaled[1:], sizes, sizes[1:], strict=False):
        per_k = 1000 / (nb - na)
        steps.append(
            f"{na:,}->{nb:,}: {(b.median(0) - a.median(0)) * per_k:+.0f} ms "
            f"and {(b.median(2) - a.median(2)) * per_k:+.1f} MiB per 1,000 cards"
        )
    print(
        "scaling, warm cache: "
        + "; ".join(
            f"{n:,} cards {v.median(0):.0f} ms {v.median(2):.1f} MiB" for n, v in zip(sizes, scaled, strict=True)
        )
    )
    print("  growth: " + "; ".join(steps) + " (linear or better when the later step's cost per card is not higher)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
