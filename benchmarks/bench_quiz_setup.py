"""Issue 19: opening the quiz setup dialog at 10,000 cards, key press -> the dialog on screen.

    python benchmarks/bench_quiz_setup.py [--cards 10000] [--opens 5] [--quick]

Generates --cards synthetic cards (gen_content.py), loads them (parse cache in a temporary
LDN_STUDY_HOME) and runs the real app (`build_app`) headless at 100x32, as bench_navigation.py
does. Once start-up's own work is over (its workers done), it presses `z` (Start a quiz) and
records, from the moment the key is sent:

* dialog: the first frame painted with another screen than the study screen on top (the
  dialog's first paint; until then the UI thread is busy and the keyboard does not answer);
* counts: the first frame after every worker the dialog started has finished (the question
  counts filled in). Equal to the first figure when the dialog counts before it paints.

Then Escape, and again --opens times. The first open is reported alone (it builds the caches
that later opens reuse: at 10,000 cards, the generated questions and their hashes), twice: in an
app whose warm-up (`StudyApp._warm_up`, 1.5 s after start: the dialog's modules, options and
styles) has not run yet, as for a student who presses `z` at once, and in one where it has (the
`z` comes 2.2 s after start). Each app has content of its own, read from the parse cache as a
student's start reads it (each card's questions stay on disk until first used), so that nothing
one app built is found ready by the other. (Before the third session of 2026-12-05 the content
was loaded without the cache, with every question in memory, which left out the ~400 ms the
first open then spent reading every question to list the learning objectives.) Frames are recorded by wrapping the app's
display step, which is handed the screen being drawn.
Targets: the dialog <= 100 ms, counts filling in afterwards.

--tty measures the same from outside, in a real terminal: the installed `ldn-study` (next to this
interpreter) runs in a tmux pane (100x32, a tmux server of its own) with the generated content
(LDN_STUDY_CONTENT, parse cache warm, welcome dismissed); `tmux send-keys z` is sent and the
pane is polled (`tmux capture-pane`, every 3 ms, as ../shared/bench/tmux_ttfp.py polls) until
the dialog's top border, "╭─ Start a quiz", is on screen. The time runs from just before
send-keys to the capture that shows it, so it includes tmux's own work and the poll's
resolution. Opens: `z` as soon as the first screen shows (before the warm-up, while Today
counts), in --tty-starts fresh starts; then, in --tty-starts more, `z` once Today's counts are on
screen and 2.5 s have passed, the last of them going on with --opens later opens; each closed
with Escape once the dialog's counts are in (no option shows "…" for its count). Without tmux it prints "skipped: ..." and exits 0.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import re
import shlex
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))


class Frames:
    """Times of painted frames, with the id of the screen each one drew. An id, not the screen:
    holding them would keep every closed dialog alive (about 16,000 objects each), and each
    later open's garbage collections would walk them all."""

    def __init__(self, app) -> None:  # noqa: ANN001
        self.frames: list[tuple[float, object]] = []
        display = app._display

        def timed_display(screen, renderable):  # noqa: ANN001
            result = display(screen, renderable)
            if renderable is not None:
                self.frames.append((time.perf_counter(), id(screen)))
            return result

        app._display = timed_display


class Workers:
    """Every worker the app starts from now on, and when each one finished (any thread)."""

    def __init__(self, app) -> None:  # noqa: ANN001
        from textual.worker import Worker

        self.started: list = []
        self.finished_at: dict[int, float] = {}
        add = app.workers.add_worker

        def add_worker(worker, *args, **kwargs):  # noqa: ANN001, ANN002, ANN003
            self.started.append(worker)
            return add(worker, *args, **kwargs)

        app.workers.add_worker = add_worker
        state = Worker.state
        finished_at = self.finished_at

        def set_state(worker, value) -> None:  # noqa: ANN001
            state.fset(worker, value)
            if worker.is_finished:
                finished_at.setdefault(id(worker), time.perf_counter())

        Worker.state = property(state.fget, set_state)


async def open_dialog(pilot, frames: Frames, workers: Workers, main) -> tuple[float, float]:  # noqa: ANN001
    """Press z; return (key -> dialog's first frame, key -> first frame after its workers finished) in ms.

    The dialog's workers are those started after the key; the first may start up to 0.5 s after
    its first frame. Polled every 2 ms from the app's own event loop while the key is handled;
    a worker's end is the time its state changed, whichever thread it ran in.
    """
    workers.started.clear()
    start = time.perf_counter()
    press = asyncio.create_task(pilot.press("z"))
    deadline = start + 60.0

    def wait(what: str) -> None:
        if time.perf_counter() > deadline:
            raise RuntimeError(f"quiz setup dialog: {what} within 60 s")

    while (dialog_at := next((t for t, screen in frames.frames if t >= start and screen != id(main)), None)) is None:
        wait("no frame of the dialog")
        await asyncio.sleep(0.002)
    while not (workers.started and all(w.is_finished for w in workers.started)):
        if not workers.started and time.perf_counter() > dialog_at + 0.5:
            break
        wait("its workers did not finish")
        await asyncio.sleep(0.002)
    await press
    done_at = max((workers.finished_at[id(w)] for w in workers.started), default=dialog_at)
    filled_at = dialog_at
    if done_at > dialog_at:  # the frame that shows what the workers found
        until = time.perf_counter() + 1.0
        while (filled_at := next((t for t, _ in frames.frames if t >= done_at), None)) is None:
            if time.perf_counter() > until:
                filled_at = done_at
                break
            await asyncio.sleep(0.002)
    return (dialog_at - start) * 1000, (filled_at - start) * 1000


async def measure(content, opens: int, *, warm: bool) -> list[tuple[float, float]]:  # noqa: ANN001
    """`warm`: the first open comes after the app's warm-up; else the warm-up is put off."""
    from ldn_tui.tui import app as app_module
    from ldn_tui.tui.app import build_app, freeze_long_lived

    warm_up_after = app_module.WARM_UP_AFTER
    app_module.WARM_UP_AFTER = warm_up_after if warm else 3600.0  # read by the app's on_mount
    freeze_long_lived()  # as ldn_tui.tui.app.run does once the content is loaded
    app = build_app(content, first_run=False)
    frames = Frames(app)
    workers = Workers(app)
    results = []
    async with app.run_test(size=(100, 32)) as pilot:
        app_module.WARM_UP_AFTER = warm_up_after
        # Start-up's workers (the navigator's due counts) start after the first frame; the
        # warm-up starts WARM_UP_AFTER s after start.
        await pilot.pause(warm_up_after + 0.7 if warm else 0.5)
        while any(not w.is_finished for w in app.workers):
            await asyncio.sleep(0.05)
        await pilot.pause(0.2)
        main = app.screen
        for _ in range(1 + opens):
            results.append(await open_dialog(pilot, frames, workers, main))
            await pilot.pause(0.1)
            await pilot.press("escape")
            await pilot.pause(0.2)
            if app.screen is not main:
                raise RuntimeError(f"Escape did not close the dialog: {app.screen!r} is on top")
    return results


#: The dialog's top border: on screen once the dialog has painted.
DIALOG_MARKER = "╭─ Start a quiz"
#: An option whose count has not come yet: a tick, then "…" where the count goes.
COUNTING = re.compile(r"[☐☑] +… ")


class Pane:
    """One `ldn-study` in a pane of a tmux server of our own (TMUX_TMPDIR in `tmp`)."""

    POLL = 0.003

    def __init__(self, tmp: Path, command: list[str], name: str) -> None:
        self.env = {k: v for k, v in os.environ.items() if k != "TMUX"}
        self.env["TMUX_TMPDIR"] = str(tmp / "tmux")
        (tmp / "tmux").mkdir(exist_ok=True)
        self.name = name
        self.tmux("new-session", "-d", "-s", name, "-x", "100", "-y", "32", shlex.join(command))

    def tmux(self, *args: str) -> str:
        return subprocess.run(["tmux", *args], env=self.env, capture_output=True, text=True).stdout

    def screen(self) -> str:
        return self.tmux("capture-pane", "-p", "-t", self.name)

    def wait(self, until, what: str, timeout: float = 60.0) -> float:  # noqa: ANN001
        """Poll until `until(screen text)`; the time of the capture that showed it."""
        deadline = time.monotonic() + timeout
        while True:
            text = self.screen()
            at = time.monotonic()
            if until(text):
                return at
            if at > deadline:
                raise RuntimeError(f"{what}: not on screen within {timeout:.0f} s; the pane shows:\n{text}")
            time.sleep(self.POLL)

    def open_dialog(self) -> float:
        """`z` -> the dialog on screen, in ms."""
        start = time.monotonic()
        self.tmux("send-keys", "-t", self.name, "z")
        return (self.wait(lambda text: DIALOG_MARKER in text, "the quiz setup dialog") - start) * 1000

    def close(self) -> None:
        self.tmux("kill-session", "-t", self.name)


def tty(cards: int, opens: int, starts: int) -> int:
    """The dialog's first paint in a real terminal (tmux), measured from outside."""
    if shutil.which("tmux") is None:
        print("skipped: tmux is not installed (--tty runs the app in a tmux pane)")
        return 0
    ldn_study = Path(sys.executable).parent / "ldn-study"
    if not ldn_study.is_file():
        print(f"bench_quiz_setup: no installed command at {ldn_study}: run `pip install -e .` in this venv")
        return 2
    from bench_startup_tty import COUNTS_MARKER, FIRST_SCREEN_MARKER, compile_package, prepare_home
    from gen_content import generate

    compile_package()
    with tempfile.TemporaryDirectory(prefix="ldn-setup-tty-") as name:
        tmp = Path(name)
        content = generate(cards, tmp / "c")
        prepare_home(tmp / "home", content)
        command = ["env", f"LDN_STUDY_HOME={tmp / 'home'}", f"LDN_STUDY_CONTENT={content}", str(ldn_study)]
        keep = Pane(tmp, ["sleep", "100000"], "keep")  # the server stays up between starts
        try:
            at_once = []
            for i in range(starts):
                pane = Pane(tmp, command, f"once{i}")
                try:
                    pane.wait(lambda text: FIRST_SCREEN_MARKER in text, "the first screen")
                    at_once.append(pane.open_dialog())
                finally:
                    pane.close()
            first, later = [], []
            for i in range(starts):
                pane = Pane(tmp, command, f"settled{i}")
                try:
                    pane.wait(lambda text: COUNTS_MARKER in text, "Today's counts")
                    time.sleep(2.5)  # the warm-up runs 1.5 s after start
                    for n in range(1 + (opens if i == starts - 1 else 0)):
                        (later if n else first).append(pane.open_dialog())
                        pane.wait(lambda text: COUNTING.search(text) is None, "the dialog's counts", 120)
                        pane.tmux("send-keys", "-t", pane.name, "Escape")
                        pane.wait(lambda text: DIALOG_MARKER not in text, "the dialog closing")
                        time.sleep(0.3)
                finally:
                    pane.close()
        finally:
            keep.tmux("kill-server")
    print(f"quiz setup dialog over {cards:,} cards, real terminal (tmux 100x32), key z -> dialog on screen:")
    for what, times in (
        ("at once (first screen just shown, no warm-up yet)", at_once),
        ("first open after the warm-up", first),
        ("later opens", later),
    ):
        print(f"  {what}: median {statistics.median(times):.0f} ms ({min(times):.0f}-{max(times):.0f}) of {len(times)}")
    return 0


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--cards", type=int, default=10_000)
    p.add_argument("--opens", type=int, default=5, help="opens after the first one")
    p.add_argument("--tty", action="store_true", help="measure in a real terminal (tmux) instead of headless")
    p.add_argument("--tty-starts", type=int, default=3, help="--tty: starts with z pressed at once")
    p.add_argument("--quick", action="store_true", help="300 cards, 2 more opens: a smoke check for CI")
    args = p.parse_args()
    cards, opens = (300, 2) if args.quick else (args.cards, args.opens)
    if args.tty:
        raise SystemExit(tty(cards, opens, 1 if args.quick else args.tty_starts))

    from gen_content import generate

    with tempfile.TemporaryDirectory() as tmp:
        os.environ["LDN_STUDY_HOME"] = str(Path(tmp) / "home")
        from ldn_tui.content import load_content

        root = generate(cards, Path(tmp) / "c")
        load_content(root)  # writes the parse cache: each app below reads its content from it
        cold = asyncio.run(measure(load_content(root), 0, warm=False))[0]
        content = load_content(root)
        results = asyncio.run(measure(content, opens, warm=True))
    first, later = results[0], results[1:]
    print(f"quiz setup dialog over {len(content.cards):,} cards, headless 100x32, key z -> frame:")
    print(f"  first open before the app's warm-up: dialog {cold[0]:.0f} ms, counts filled {cold[1]:.0f} ms")
    print(f"  first open after it: dialog {first[0]:.0f} ms, counts filled {first[1]:.0f} ms")
    dialog = [d for d, _ in later]
    filled = [f for _, f in later]
    print(
        f"  later opens: dialog median {statistics.median(dialog):.0f} ms ({min(dialog):.0f}-{max(dialog):.0f}), "
        f"counts filled median {statistics.median(filled):.0f} ms over {len(later)} opens"
    )
    print(
        f"target: dialog <= 100 ms at 10,000 cards; first open {first[0]:.0f} ms ({cold[0]:.0f} ms before the warm-up)"
    )


if __name__ == "__main__":
    main()
