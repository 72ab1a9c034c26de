"""Target 4: search-as-you-type over 10,000 cards, per keystroke.

    python benchmarks/bench_search.py [--cards 10000] [--quick]

Types each query one character at a time and times `SearchIndex.search` for every prefix
(the work a keystroke triggers), plus the one-off index build. Prints the median and the
95th percentile per keystroke, and the slowest query. Target: <= 30 ms median per keystroke.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

QUERIES = [
    "naltrexone",
    "fibromyalgia crossover trial",
    "kind:safety dreams",
    "evidence:anecdote pain",
    "certainty:low chapter:chapter-003 placebo",
    "opioid washout",
    "glial microglia cytokine",
    "zzzz nothing matches",
]


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--cards", type=int, default=10_000)
    p.add_argument("--quick", action="store_true", help="300 cards: a smoke check for CI")
    args = p.parse_args()
    cards = 300 if args.quick else args.cards

    from gen_content import generate
    from ldn_tui.content import load_content
    from ldn_tui.search import SearchIndex

    with tempfile.TemporaryDirectory() as tmp:
        content = load_content(generate(cards, Path(tmp) / "c"), use_cache=False)
    builds = []
    for _ in range(3):
        t = time.perf_counter()
        index = SearchIndex(content)
        index.search("warm")
        builds.append(time.perf_counter() - t)
    per_key: list[float] = []
    worst = (0.0, "")
    for query in QUERIES:
        for n in range(1, len(query) + 1):
            prefix = query[:n]
            t = time.perf_counter()
            index.search(prefix)
            dt = (time.perf_counter() - t) * 1000
            per_key.append(dt)
            worst = max(worst, (dt, prefix))
    per_key.sort()
    p95 = per_key[int(len(per_key) * 0.95) - 1]
    print(f"search over {cards:,} cards ({len(content.questions):,} questions):")
    print(f"  index build (once, first '/'): median {statistics.median(builds) * 1000:.0f} ms")
    print(
        f"  per keystroke: median {statistics.median(per_key):.2f} ms, p95 {p95:.2f} ms, "
        f"min-max {per_key[0]:.2f}-{per_key[-1]:.2f} ms over {len(per_key)} keystrokes (target <= 30 ms median)"
    )
    print(f"  slowest: {worst[0]:.1f} ms for {worst[1]!r}")


if __name__ == "__main__":
    main()
