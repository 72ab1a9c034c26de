"""Export (every format) and JSON import over the real content with a store of ~1,000 answers.

    python benchmarks/bench_export.py [--attempts 1000] [--repeat 3] [--quick]

Builds a throw-away store: answers spread over 30 days (a third of them wrong), notes and
bookmarks on every fifth card, opened references, each answer scheduled by FSRS as the quiz
engine would. Then times `ldn_tui.export.render` for each format (best of --repeat) and one
`import_file` into a fresh store, and prints the output sizes.
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path


def build(store, content, n: int) -> None:
    from ldn_tui.content.generated import all_questions
    from ldn_tui.content.hashing import question_hash
    from ldn_tui.progress.scheduler import ReviewScheduler, rating_for
    from ldn_tui.quiz.grading import grade

    rng = random.Random(7)
    sched = ReviewScheduler()
    qs = all_questions(content)
    t0 = datetime(2026, 10, 1, 8, 0, tzinfo=UTC)
    for i in range(n):
        q = rng.choice(qs)
        card = content.card_by_id[q.card_id]
        wrong = rng.random() < 0.33
        if q.type == "single":
            resp = next(j for j, c in enumerate(q.choices) if c.correct != wrong) if len(q.choices) > 1 else 0
        elif q.type == "multiple":
            resp = [j for j, c in enumerate(q.choices) if c.correct != wrong]
        elif q.type == "true-false":
            resp = bool(q.answer) != wrong
        elif q.type == "cloze":
            resp = "nope" if wrong else q.answers[0]
        else:
            resp = list(range(len(q.items)))[::-1] if wrong else list(range(len(q.items)))
        g = grade(q, resp, card=card)
        at = t0 + timedelta(minutes=43 * i)
        conf = rng.choice(["sure", "unsure", "guess"])
        h = question_hash(q)
        row = sched.next_row(
            q.uid, h, store.get_schedule(q.uid), rating_for(g.score, conf), safety=card.kind == "safety", now=at
        )
        store.record_attempt(
            q.uid,
            card_id=card.id,
            content_hash=h,
            answer=g.answer,
            score=g.score,
            confidence=conf,
            elapsed_ms=rng.randint(2000, 30000),
            now=at,
            schedule=row,
        )
    for card in content.cards[::5]:
        store.set_note(card.id, f"My note on {card.title}.\nSecond line.", now=t0)
        store.add_bookmark(card.id, now=t0)
        store.record_view(card.id, now=t0)
    for ref in content.references[::3]:
        store.record_reference_open(ref.id, now=t0)


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--attempts", type=int, default=1000)
    p.add_argument("--repeat", type=int, default=3)
    p.add_argument("--quick", action="store_true", help="100 answers, one run of each: a smoke check for CI")
    args = p.parse_args()
    if args.quick:
        args.attempts, args.repeat = 100, 1

    from ldn_tui.content import load_content
    from ldn_tui.export import render
    from ldn_tui.export.jsonimport import import_file
    from ldn_tui.progress.store import ProgressStore

    content = load_content(None)
    with tempfile.TemporaryDirectory() as tmp:
        store = ProgressStore.open(Path(tmp) / "p.sqlite3")
        t = time.perf_counter()
        build(store, content, args.attempts)
        print(
            f"store: {args.attempts} answers built in {time.perf_counter() - t:.2f} s; "
            f"{len(content.cards)} cards, {len(content.questions)} questions"
        )
        now = datetime(2026, 11, 21, 9, 0, tzinfo=UTC)
        for fmt, kw in [
            ("markdown", {}),
            ("json", {}),
            ("csv", {}),
            ("csv", {"summary": True}),
            ("anki", {}),
            ("anki", {"include_generated": True}),
            ("anki-csv", {}),
        ]:
            best, size = float("inf"), 0
            for _ in range(args.repeat):
                content._extra.clear()  # no warm caches from the previous format
                t = time.perf_counter()
                data = render(fmt, content, store, now=now, **kw)
                best = min(best, time.perf_counter() - t)
                size = len(data)
            label = fmt + ("".join(f" --{k.replace('_', '-')}" for k in kw))
            print(f"{label:<32} {best * 1000:7.0f} ms  {size / 1000:8.1f} kB")
        backup = Path(tmp) / "b.json"
        backup.write_bytes(render("json", content, store))
        fresh = ProgressStore.open(Path(tmp) / "fresh.sqlite3")
        t = time.perf_counter()
        import_file(fresh, backup)
        print(f"{'import (json)':<32} {(time.perf_counter() - t) * 1000:7.0f} ms")
        fresh.close()
        store.close()


if __name__ == "__main__":
    sys.exit(main())
