"""Key press -> answer feedback on screen, in the quiz (headless Pilot, bundled content).

    python benchmarks/bench_quiz_feedback.py [--questions 40] [--seed 3] [--quick]

For each question: pick an answer, then time from the moment Enter is sent to the first frame
the app paints after it (the frame that carries the verdict, the right answer and the
explanations; the answer is also saved to the progress store before that frame). Frames are
recorded by wrapping the app's display step, as PERFORMANCE.md recommends, not by timing
`pilot.press` (which also waits for idle). Target: <= 50 ms median.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import tempfile
import time


async def measure(questions: int, seed: int) -> list[float]:
    from ldn_tui.content import load_content
    from ldn_tui.quiz.engine import QuizRequest, Selection
    from ldn_tui.tui.app import build_app

    content = load_content(None)
    app = build_app(content, first_run=False, start_quiz=QuizRequest(Selection(), count=questions, seed=seed))
    frames: list[float] = []
    display = app._display

    def timed_display(screen, renderable):
        frames.append(time.perf_counter())
        return display(screen, renderable)

    app._display = timed_display  # type: ignore[method-assign]
    latencies: list[float] = []
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.app.workers.wait_for_complete()
        await pilot.pause(0.3)
        quiz = app.screen
        for _ in range(questions):
            item = quiz.session.current
            if item is None:
                break
            keys = {"cloze": list("4.5"), "true-false": ["t"]}.get(item.type, ["1"])
            await pilot.press(*keys)
            await pilot.pause(0.05)
            start, seen = time.perf_counter(), len(frames)
            await pilot.press("enter")
            await pilot.pause(0.1)
            after = [f for f in frames[seen:] if f > start]
            if after:
                latencies.append((after[0] - start) * 1000)
            await pilot.press("enter")
            await pilot.pause(0.05)
    return latencies


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--questions", type=int, default=40)
    p.add_argument("--seed", type=int, default=3)
    p.add_argument("--quick", action="store_true", help="5 questions: a smoke check for CI")
    args = p.parse_args()
    questions = 5 if args.quick else args.questions
    with tempfile.TemporaryDirectory(prefix="ldn-bench-") as tmp:  # removed afterwards, unlike mkdtemp
        os.environ.setdefault("LDN_STUDY_HOME", tmp)
        ms = asyncio.run(measure(questions, args.seed))
    ms.sort()
    p90 = ms[min(len(ms) - 1, int(len(ms) * 0.90))]
    p95 = ms[min(len(ms) - 1, int(len(ms) * 0.95))]
    print(
        f"key -> feedback frame over {len(ms)} answers: median {statistics.median(ms):.1f} ms, "
        f"p90 {p90:.1f} ms, p95 {p95:.1f} ms, max {ms[-1]:.1f} ms (target: p90 <= 50 ms)"
    )


if __name__ == "__main__":
    main()
