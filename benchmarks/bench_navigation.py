"""Target 5: moving between cards at 10,000 cards, key press -> next frame (headless Pilot).

    python benchmarks/bench_navigation.py [--cards 10000] [--moves 100] [--quick]

Generates --cards synthetic cards (gen_content.py), loads them without the parse cache, and
runs the real app (`build_app`) headless at 100x32 with LDN_STUDY_HOME in a temporary folder.
Three measurements, each from the moment the key is sent to the first frame the app paints
after the key's handler has finished:

* `.` (next card) --moves times, starting --moves/2 cards before the start of the last chapter,
  so the run crosses one chapter boundary (the navigator collapses one chapter and fills the
  next) and sits where `cards.index(card)` scans furthest;
* Down --moves times in the navigator, starting on the node of an expanded chapter (the cursor
  walks through that chapter's cards);
* Space on a collapsed chapter node never opened before: expanding a 100-card chapter, which
  builds its 100 leaves (--expansions chapters, default 10).

Frames are recorded by wrapping the app's display step (`app._display`), as PERFORMANCE.md
recommends; "handler finished" is recorded by wrapping the screen's `_step_card`, the
navigator's `action_cursor_down` and its `_populate`. `await pilot.press` itself is not timed
(it also waits for idle). Also printed: key -> handler finished, to tell the handler's own
cost from waiting for the next frame (the screen repaints at most 60 times a second).
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))


class GcPauses:
    """Every garbage collection while installed: its generation and how long it took."""

    def __init__(self) -> None:
        self.pauses: list[tuple[int, float]] = []
        self._start = 0.0

    def __call__(self, phase: str, info: dict) -> None:
        if phase == "start":
            self._start = time.perf_counter()
        else:
            self.pauses.append((info["generation"], (time.perf_counter() - self._start) * 1000))

    def summary(self) -> str:
        parts = []
        for gen in (0, 1, 2):
            times = [ms for g, ms in self.pauses if g == gen]
            if times:
                parts.append(f"gen{gen} x{len(times)} (longest {max(times):.1f} ms)")
        return ", ".join(parts) or "none"


class Frames:
    """Times of painted frames and of finished handlers."""

    def __init__(self) -> None:
        self.frames: list[float] = []
        self.done: dict[str, list[float]] = {}

    def wrap_display(self, app) -> None:
        display = app._display

        def timed_display(screen, renderable):
            result = display(screen, renderable)
            if renderable is not None:
                self.frames.append(time.perf_counter())
            return result

        app._display = timed_display  # type: ignore[method-assign]

    def wrap_handler(self, obj, name: str) -> None:
        """Record the time each call of `obj.<name>` (sync or async) returns."""
        original = getattr(obj, name)
        done = self.done.setdefault(name, [])
        if asyncio.iscoroutinefunction(original):

            async def timed(*args, **kwargs):
                result = await original(*args, **kwargs)
                done.append(time.perf_counter())
                return result
        else:

            def timed(*args, **kwargs):
                result = original(*args, **kwargs)
                done.append(time.perf_counter())
                return result

        setattr(obj, name, timed)

    async def press(self, pilot, key: str, handler: str) -> tuple[float, float]:
        """Press `key`; return (key -> `handler` finished, key -> first frame after that) in ms."""
        done = self.done[handler]
        done_before = len(done)
        start = time.perf_counter()
        await pilot.press(key)
        deadline = time.perf_counter() + 5.0
        while True:  # plain sleeps: pilot.pause() would force a frame of its own
            if len(done) > done_before:
                finished = done[done_before]
                after = [f for f in self.frames if f >= finished]
                if after:
                    break
            if time.perf_counter() > deadline:
                raise RuntimeError(f"no handler or no frame after pressing {key!r}")
            await asyncio.sleep(0.005)
        await asyncio.sleep(0.03)  # let follow-up frames (cursor moves) land before the next key
        return (finished - start) * 1000, (after[0] - start) * 1000


async def measure(content, moves: int, expansions: int) -> dict[str, list[tuple[float, float]]]:
    from ldn_tui.tui.app import build_app, freeze_long_lived
    from ldn_tui.tui.screens.main import MainScreen

    cards = content.cards
    last_chapter = content.chapters[-1]
    first_of_last = cards.index(content.card_by_id[last_chapter.cards[0].id])
    start_index = max(0, min(first_of_last - moves // 2, len(cards) - moves - 1))

    freeze_long_lived()  # as ldn_tui.tui.app.run does once the content is loaded
    app = build_app(content, first_run=False, start="study")
    rec = Frames()
    rec.wrap_display(app)
    results: dict[str, list[tuple[float, float]]] = {"next": [], "down": [], "expand": []}
    gc_pauses = GcPauses()
    async with app.run_test(size=(100, 32)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause(0.3)
        main = app.screen
        assert isinstance(main, MainScreen), main
        nav = main.navigator
        rec.wrap_handler(main, "_step_card")
        rec.wrap_handler(nav, "action_cursor_down")
        rec.wrap_handler(nav, "_populate")

        # 1. "." from start_index, across the start of the last chapter.
        await main.open_card(cards[start_index].id)
        nav.focus()
        await pilot.pause(0.2)
        await app.workers.wait_for_complete()
        gc.callbacks.append(gc_pauses)
        for _ in range(moves):
            results["next"].append(await rec.press(pilot, "full_stop", "_step_card"))
        assert main.card is cards[start_index + moves], "'.' did not step one card at a time"

        # 2. Down through an expanded chapter, from its chapter node.
        chapter = content.chapters[len(content.chapters) // 2]
        await main.open_card(chapter.cards[0].id)
        nav.focus()
        await pilot.pause(0.2)
        chapter_node = nav._chapter_nodes[chapter.id]
        nav.move_cursor(chapter_node, animate=False)
        await pilot.pause(0.2)
        for _ in range(moves):
            results["down"].append(await rec.press(pilot, "down", "action_cursor_down"))
        assert nav.cursor_line == chapter_node.line + moves, "Down did not move one line at a time"

        # 3. Space on collapsed chapters never expanded before (their leaves get built).
        # Chapters never opened first; with few chapters (--quick) an opened one is emptied again.
        others = [c for c in content.chapters if c.cards and c.id != main.card.chapter_id]
        others.sort(key=lambda c: bool(nav._chapter_nodes[c.id].children))
        for ch in others[:expansions]:
            node = nav._chapter_nodes[ch.id]
            if node.children:
                node.collapse()
                node.remove_children()
                await pilot.pause(0.1)
            nav.move_cursor(node, animate=False)
            await pilot.pause(0.1)
            results["expand"].append(await rec.press(pilot, "space", "_populate"))
            assert node.is_expanded and len(node.children) == len(ch.cards)
            node.collapse()
            await pilot.pause(0.1)
        gc.callbacks.remove(gc_pauses)
    results["gc"] = gc_pauses.summary()  # type: ignore[assignment]
    return results


def row(label: str, samples: list[tuple[float, float]]) -> str:
    ms = sorted(frame for _, frame in samples)
    handler = statistics.median(h for h, _ in samples)
    p95 = ms[min(len(ms) - 1, int(len(ms) * 0.95))]
    return (
        f"  {label:<30} median {statistics.median(ms):6.1f} ms, p95 {p95:6.1f} ms, "
        f"min-max {ms[0]:.1f}-{ms[-1]:.1f} ms over {len(ms)} (handler alone: median {handler:.1f} ms)"
    )


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--cards", type=int, default=10_000)
    p.add_argument("--moves", type=int, default=100)
    p.add_argument("--expansions", type=int, default=10)
    p.add_argument("--quick", action="store_true", help="300 cards, 20 moves: a smoke check for CI")
    args = p.parse_args()
    cards, moves, expansions = (300, 20, 1) if args.quick else (args.cards, args.moves, args.expansions)

    from gen_content import generate
    from ldn_tui.content import load_content

    with tempfile.TemporaryDirectory() as tmp:
        os.environ["LDN_STUDY_HOME"] = str(Path(tmp) / "home")
        content = load_content(generate(cards, Path(tmp) / "c"), use_cache=False)
        per_chapter = len(content.chapters[0].cards)
        results = asyncio.run(measure(content, moves, expansions))
    print(f"navigation over {len(content.cards):,} cards, headless 100x32, key -> first frame after the handler:")
    print(row("'.' next card", results["next"]))
    print(row("Down in the navigator", results["down"]))
    print(row(f"expand a {per_chapter}-card chapter", results["expand"]))
    print(f"  garbage collections during the three runs: {results['gc']}")


if __name__ == "__main__":
    main()
