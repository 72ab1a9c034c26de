"""Where start-up time goes, in a real terminal: ldn-study against the bare app, phase by phase.

    python benchmarks/profile_startup.py [--rounds 7] [--content PATH] [--imports] [--pyinstrument FILE]

Not a benchmark run by run_all.py (its patches cost a little time): a diagnostic for deciding what
to change. Each round starts `_tty_probe.py ldn` and `_tty_probe.py min` (app_min.py) once each in a
tmux pane through the shared tmux_ttfp.py (as bench_startup_tty.py does; same home preparation),
and prints, as medians, how long each phase took inside the process and when tmux saw the marker:

  imports, content load from the parse cache, app construction (store, config), Textual's prelude
  (CSS read and parsed), driver start + compose + mount + on_mount handlers, the first layout and
  compositor pass, rendering and handing the frame to the terminal; with the time in compose,
  in applying styles (and how many times), the widgets on the first screen, the CSS rules, the
  modules loaded and the SQL statements run before the first frame.

--imports: also run each app with PYTHONPROFILEIMPORTTIME=1 and list the 30 slowest imports (by
cumulative time) that ldn-study loads before its first frame and the bare app does not.
--pyinstrument FILE: also write a pyinstrument profile (process start -> first frame) of one
ldn-study start (`pip install pyinstrument` into this venv first).
"""

from __future__ import annotations

import argparse
import json
import re
import statistics
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from bench_startup_tty import (  # noqa: E402
    FIRST_SCREEN_MARKER,
    Skip,
    compile_package,
    own_tmux,
    prepare_home,
    shared_dir,
)

PROBE = HERE / "_tty_probe.py"
#: Seconds the pane stays up after the marker (read by tmux_ttfp.py's --hwm-after), so the probe
#: has written its log line before the pane is killed.
SETTLE = 0.3
#: The probe's marks (ms since the probe started), and what each says has finished.
MARKS = {
    "ldn_cli_imported": "ldn_tui.cli and ldn_tui.content imported",
    "content_load": "content load starts",
    "content_loaded": "content loaded (parse cache)",
    "textual_imported": "textual.app imported",
    "ldn_tui_imported": "ldn_tui.tui imported (screens, widgets)",
    "build_app": "build_app starts",
    "app_built": "app built (store opened, config read)",
    "app_run": "App.run called (bare app: its imports done)",
    "event_loop": "event loop running",
    "css_read": "CSS read and parsed, driver next",
    "screen_compose": "screen compose starts",
    "screen_composed": "screen composed, its widgets mounted",
    "mounted": "app mounted, on_mount handlers run",
    "layout": "first layout starts",
    "frame_ready": "laid out and composited",
    "first_paint": "frame rendered and handed to the terminal",
}


def timeline(name: str, rows: list[dict], outside: list[float]) -> None:
    """One app's marks in the order they happened: median time since start and median step."""
    keys = [k for k in MARKS if all(k in r["marks"] for r in rows)]
    keys.sort(key=lambda k: statistics.median(r["marks"][k] for r in rows))
    print(f"  {name}: {'at ms':>8} {'step ms':>8}")
    previous: str | None = None
    for key in keys:
        at = statistics.median(r["marks"][key] for r in rows)
        step = statistics.median(r["marks"][key] - (r["marks"][previous] if previous else 0.0) for r in rows)
        print(f"    {MARKS[key]:<44} {at:8.1f} {step:8.1f}")
        previous = key
    print(f"    {'marker on screen, seen by tmux (from outside)':<44} {statistics.median(outside):8.1f}")


def table(logs: dict[str, list[dict]], outside: dict[str, list[float]]) -> None:
    names = list(logs)
    for n in names:
        timeline(n, logs[n], outside[n])
    print(f"  {'before the first frame':<46}" + "".join(f"{n:>12}" for n in names))
    for key, label in (
        ("compose_ms", "time in compose() (ms)"),
        ("style_apply_ms", "time applying styles (ms)"),
        ("css_parse_ms", "time parsing CSS (ms)"),
    ):
        print(
            f"    {label:<44}" + "".join(f"{statistics.median(r['totals'][key] for r in logs[n]):12.1f}" for n in names)
        )
    for key, label in (
        ("widgets", "widgets on the first screen"),
        ("css_rules", "CSS rules"),
        ("modules", "modules in sys.modules"),
    ):
        print(f"    {label:<44}" + "".join(f"{statistics.median(r[key] for r in logs[n]):12.0f}" for n in names))
    for key, label in (("style_apply", "styles applied (calls)"), ("sql", "SQL statements run")):
        print(
            f"    {label:<44}" + "".join(f"{statistics.median(r['counts'][key] for r in logs[n]):12.0f}" for n in names)
        )
    first = logs[names[0]][-1]
    if first["sql"]:
        print(f"  {names[0]}'s SQL before the first frame (last run):")
        for statement in first["sql"]:
            print(f"    {statement}")


def parse_importtime(path: Path) -> dict[str, tuple[int, int]]:
    mods: dict[str, tuple[int, int]] = {}
    for line in path.read_text().splitlines():
        if line.startswith("FIRST-PAINT"):
            break
        m = re.match(r"import time:\s+(\d+) \|\s+(\d+) \|( *)(\S+)", line)
        if m:
            mods[m[4]] = (int(m[1]), int(m[2]))
    return mods


def imports_report(ldn: list[Path], bare: list[Path]) -> None:
    ldn_runs = [parse_importtime(p) for p in ldn]
    bare_runs = [parse_importtime(p) for p in bare]
    bare_names = set().union(*bare_runs)
    only = set.intersection(*(set(r) for r in ldn_runs)) - bare_names

    def med(name: str, i: int) -> float:
        return statistics.median(r[name][i] for r in ldn_runs) / 1000

    ranked = sorted(only, key=lambda n: -med(n, 1))
    print(f"imports before the first frame, median of {len(ldn)} runs (python -X importtime; µs in the file):")
    print(
        f"  modules loaded: ldn-study {statistics.median(len(r) for r in ldn_runs):.0f}, "
        f"bare app {statistics.median(len(r) for r in bare_runs):.0f}; only ldn-study's: {len(only)}, "
        f"self time {sum(med(n, 0) for n in only):.1f} ms"
    )
    print("  the 30 slowest that the bare app does not load (cumulative ms, self ms):")
    for name in ranked[:30]:
        print(f"    {med(name, 1):7.1f} {med(name, 0):6.1f}  {name}")
    bare_only = set.intersection(*(set(r) for r in bare_runs)) - set().union(*ldn_runs)
    cost = sum(statistics.median(r[n][0] for r in bare_runs) for n in bare_only) / 1000
    print(
        f"  the bare app loads {len(bare_only)} modules that ldn-study does not (self time {cost:.1f} ms; "
        "mostly markdown_it and pygments, for its Markdown widget)"
    )


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--rounds", type=int, default=7)
    p.add_argument("--content", default=None, help="a content folder (default: the bundled content)")
    p.add_argument("--imports", action="store_true", help="also list the slowest imports only ldn-study pays")
    p.add_argument("--pyinstrument", metavar="FILE", default=None, help="also profile one start with pyinstrument")
    p.add_argument("--shared", default=None)
    p.add_argument("--size", default="120x40")
    args = p.parse_args()
    try:
        shared = shared_dir(args.shared)
    except Skip as why:
        print(f"skipped: {why}")
        return 0
    compile_package()
    with tempfile.TemporaryDirectory(prefix="ldn-profile-") as tmp_name:
        tmp = Path(tmp_name)
        harness = own_tmux(tmp, shared, args.size)
        home = tmp / "home"
        content = Path(args.content).resolve() if args.content else None
        prepare_home(home, content)
        # LDN_STUDY_CONTENT rather than --content: any argument makes `ldn-study` build its whole parser
        where = [f"LDN_STUDY_CONTENT={content}"] if content else []
        marker = FIRST_SCREEN_MARKER

        def ldn(log: Path, *env_vars: str) -> list[str]:
            return ["env", f"LDN_STUDY_HOME={home}", *where, *env_vars, sys.executable, str(PROBE), str(log), "ldn"]

        def bare(log: Path, *env_vars: str) -> list[str]:
            return ["env", *env_vars, sys.executable, str(PROBE), str(log), "min", str(shared / "app_min.py")]

        try:
            logs = {"ldn-study": tmp / "ldn.jsonl", "bare app": tmp / "bare.jsonl"}
            outside: dict[str, list[float]] = {"ldn-study": [], "bare app": []}
            harness.run(ldn(tmp / "warm.jsonl"), marker, timeout=120)
            harness.run(bare(tmp / "warm.jsonl"), "FIRSTPAINT-MARKER")
            for r in range(args.rounds):
                order = [("ldn-study", ldn, marker), ("bare app", bare, "FIRSTPAINT-MARKER")]
                for name, command, text in order if r % 2 == 0 else order[::-1]:
                    outside[name].append(harness.run(command(logs[name]), text, hwm_after=SETTLE)[0])
            rows = {n: [json.loads(line) for line in path.read_text().splitlines()] for n, path in logs.items()}
            print(
                f"start-up phases in a real terminal (tmux {args.size}), median of {args.rounds} interleaved rounds; "
                f"content: {content or 'bundled'}"
            )
            table(rows, outside)
            if args.imports:
                ldn_files, bare_files = [], []
                for i in range(min(args.rounds, 5)):
                    ldn_files.append(tmp / f"imports-ldn{i}.txt")
                    bare_files.append(tmp / f"imports-bare{i}.txt")
                    harness.run(
                        ldn(tmp / "x.jsonl", "PYTHONPROFILEIMPORTTIME=1", f"PROBE_IMPORTS={ldn_files[-1]}"),
                        marker,
                        hwm_after=SETTLE,
                    )
                    harness.run(
                        bare(tmp / "x.jsonl", "PYTHONPROFILEIMPORTTIME=1", f"PROBE_IMPORTS={bare_files[-1]}"),
                        "FIRSTPAINT-MARKER",
                        hwm_after=SETTLE,
                    )
                imports_report(ldn_files, bare_files)
            if args.pyinstrument:
                out = Path(args.pyinstrument).resolve()
                # pyinstrument writes its report after the frame: leave it time before the pane is killed
                harness.run(ldn(tmp / "x.jsonl", f"PROBE_PYINSTRUMENT={out}"), marker, timeout=120, hwm_after=8)
                print(f"pyinstrument profile (probe start -> first frame) written to {out}")
        finally:
            harness.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
