"""How far can a student get without reading a card? Naive strategies against chance, over the bank.

    python benchmarks/bench_guessing.py [--content PATH] [--authored-only] [--quick] [--check]

Each strategy looks only at the question on screen, never at a card:

- longest: single answer, the longest choice; multiple answer, every choice at least as long as
  the average choice.
- always false: "false" to every true/false statement.
- lowest certainty: on a certainty question (its choices are GRADE levels), the lowest level.
- word overlap: single answer, the choice sharing most content words with the stem; multiple
  answer, every choice sharing any.
- chance: a uniform random guess, the baseline.

Where a strategy has no rule for a question (always false on a cloze item), it guesses at
random, so its score there is chance. Ties (two longest choices) are split evenly. Every score
is an exact expectation graded by the app's own `grade()`, so the figures do not depend on a
seed. Chance is computed per item, as graded: 1/k for single answer, 1/2 for true/false, the
mean score of every non-empty set of picks for multiple answer, the mean score of every
ordering for order items, 0 for cloze (a guess cannot type the answer).

Prints, for authored and generated questions separately, each strategy's mean score per
question type and overall against chance, and whether it is within 10 percentage points of
chance, either way (a strategy far below chance is a cue too: its opposite beats chance).
--check exits 1 when any strategy is more than 10 points from chance overall.
--quick is accepted for run_all.py (the benchmark takes well under a second either way).
"""

from __future__ import annotations

import argparse
import itertools
import re
import sys
import time
from collections.abc import Callable, Sequence
from functools import cache
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from ldn_tui.content import ContentInvalid, load_content  # noqa: E402
from ldn_tui.content.labels import QUESTION_TYPES  # noqa: E402
from ldn_tui.content.model import Question  # noqa: E402
from ldn_tui.itemlint import generated_questions  # noqa: E402
from ldn_tui.itemlint.text import content_words, fold  # noqa: E402
from ldn_tui.quiz.grading import grade, order_score  # noqa: E402

MARGIN = 10.0  # percentage points
#: A strategy's answer: possible responses with their probabilities; None = no rule, guess at random.
Play = list[tuple[object, float]] | None


def _expected(q: Question, play: list[tuple[object, float]]) -> float:
    return sum(p * grade(q, response).score for response, p in play)


def _even(responses: Sequence[object]) -> list[tuple[object, float]]:
    return [(r, 1 / len(responses)) for r in responses]


@cache
def _order_chance(n: int) -> float:
    perms = list(itertools.permutations(range(n)))
    return sum(order_score(p, n) for p in perms) / len(perms)


def chance(q: Question) -> float:
    """The expected score of a uniform random guess, as graded."""
    k = len(q.choices)
    if q.type == "single":
        return _expected(q, _even(range(k)))
    if q.type == "multiple":
        picks = [s for r in range(1, k + 1) for s in itertools.combinations(range(k), r)]
        return _expected(q, _even(picks))
    if q.type == "true-false":
        return 0.5
    if q.type == "order":
        return _order_chance(len(q.items))
    return 0.0  # cloze


# -- strategies --------------------------------------------------------------------------------


def _best(scores: list[float]) -> list[int]:
    top = max(scores)
    return [i for i, s in enumerate(scores) if s == top]


def longest(q: Question) -> Play:
    lengths = [len(" ".join(c.text.split())) for c in q.choices]
    if q.type == "single":
        return _even(_best([float(n) for n in lengths]))
    if q.type == "multiple":
        mean = sum(lengths) / len(lengths)
        return [(tuple(i for i, n in enumerate(lengths) if n >= mean), 1.0)]
    return None


def always_false(q: Question) -> Play:
    return [(False, 1.0)] if q.type == "true-false" else None


_LEVEL = re.compile(r"^(very low|low|moderate|high)\b")
_LEVEL_RANK = {"very low": 0, "low": 1, "moderate": 2, "high": 3}


def lowest_certainty(q: Question) -> Play:
    if q.type != "single":
        return None
    levels = [_LEVEL.match(fold(c.text).replace("-", " ").strip()) for c in q.choices]
    if len(q.choices) < 3 or not all(levels):
        return None  # not a certainty question
    ranks = [float(-_LEVEL_RANK[m.group(1)]) for m in levels if m]
    return _even(_best(ranks))


def word_overlap(q: Question) -> Play:
    if q.type not in ("single", "multiple"):
        return None
    stem = content_words(q.prompt)
    overlap = [len(content_words(c.text) & stem) for c in q.choices]
    if q.type == "single":
        return _even(_best([float(n) for n in overlap]))
    picked = tuple(i for i, n in enumerate(overlap) if n)
    return [(picked, 1.0)] if picked else None


STRATEGIES: dict[str, Callable[[Question], Play]] = {
    "longest": longest,
    "always false": always_false,
    "lowest certainty": lowest_certainty,
    "word overlap": word_overlap,
}


def score(q: Question, strategy: Callable[[Question], Play], base: float) -> float:
    play = strategy(q)
    return base if play is None else _expected(q, play)


# -- report ------------------------------------------------------------------------------------


def table(title: str, questions: Sequence[Question]) -> tuple[int, int, list[str]]:
    """Print one group's table; return (strategies within the margin overall, strategies, their names)."""
    # One column per question type present, then the certainty questions (a subset of single
    # answer: the GRADE levels as choices), then all questions.
    columns: dict[str, Callable[[Question], bool]] = {
        t: (lambda q, t=t: q.type == t) for t in QUESTION_TYPES if any(q.type == t for q in questions)
    }
    if any(lowest_certainty(q) is not None for q in questions):
        columns["(certainty)"] = lambda q: lowest_certainty(q) is not None
    columns["overall"] = lambda q: True
    members = {c: [i for i, q in enumerate(questions) if pred(q)] for c, pred in columns.items()}
    counts = ", ".join(f"{c} {len(idx)}" for c, idx in members.items() if c != "overall")
    print(f"{title}: {len(questions)} questions ({counts})")
    if not questions:
        return 0, 0, []
    base = [chance(q) for q in questions]

    def means(scores: list[float]) -> dict[str, float]:
        return {c: 100 * sum(scores[i] for i in idx) / len(idx) for c, idx in members.items()}

    chance_means = means(base)
    cols = list(columns)
    print("  mean score in %; after each: points above (+) or below (-) chance, ok = within 10 points")
    print("  " + f"{'strategy':<17}" + "".join(f"{c:>17}" for c in cols))
    print("  " + f"{'chance':<17}" + "".join(f"{chance_means[c]:>17.1f}" for c in cols))
    within = 0
    verdicts = []
    for name, strategy in STRATEGIES.items():
        m = means([score(q, strategy, b) for q, b in zip(questions, base, strict=True)])
        cells = []
        outside = []
        for c in cols:
            d = m[c] - chance_means[c]
            ok = abs(d) <= MARGIN
            cells.append(f"{m[c]:.1f} {d:+.1f} {'ok' if ok else 'NO'}")
            if not ok and c != "overall":
                outside.append(f"{c} {d:+.1f}")
        print("  " + f"{name:<17}" + "".join(f"{cell:>17}" for cell in cells))
        d_all = m["overall"] - chance_means["overall"]
        ok_all = abs(d_all) <= MARGIN
        within += ok_all
        verdicts.append(
            f"  {name}: overall {d_all:+.1f} points vs chance, {'within' if ok_all else 'NOT within'} 10"
            + (f"; outside by type: {', '.join(outside)}" if outside else "; every type within")
        )
    print("\n".join(verdicts))
    return within, len(STRATEGIES), [name for name in STRATEGIES]


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--content", metavar="PATH", help="content folder (default: the bundled content)")
    p.add_argument("--authored-only", action="store_true", help="leave out the questions generated from claims")
    p.add_argument("--quick", action="store_true", help="accepted for run_all.py; the run is the same")
    p.add_argument(
        "--check", action="store_true", help="exit 1 if a strategy is more than 10 points from chance overall"
    )
    args = p.parse_args()
    start = time.perf_counter()
    try:
        content = load_content(args.content)
    except ContentInvalid as exc:
        print(f"bench_guessing: the content does not validate:\n{exc.report()}", file=sys.stderr)
        return 1
    groups = [("authored", content.questions)]
    if not args.authored_only:
        groups.append(("generated", generated_questions(content)))
    failed = False
    for n, (name, questions) in enumerate(groups):
        if n:
            print()
        within, total, _ = table(f"{name.capitalize()} questions", questions)
        print(f"{name}: {within} of {total} strategies within 10 points of chance overall")
        failed |= within < total
    print(f"\n(played in {time.perf_counter() - start:.2f} s)")
    return 1 if (args.check and failed) else 0


if __name__ == "__main__":
    sys.exit(main())
