"""Rules about the bank as a whole: true/false balance per chapter, and near-duplicate stems."""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence

from ldn_tui.itemlint.context import LintContext
from ldn_tui.itemlint.findings import ERROR, WARNING, Finding
from ldn_tui.itemlint.items import Item
from ldn_tui.itemlint.registry import bank_rule
from ldn_tui.itemlint.text import content_words, dice

#: The share of true/false items whose answer is "false", per chapter.
TF_FALSE_MIN, TF_FALSE_MAX = 0.40, 0.60
#: Two stems whose content words are this similar (Sørensen-Dice) are near-duplicates.
DUPLICATE_SIMILARITY = 0.8


def tf_allowed(n: int) -> tuple[int, int]:
    """How many of `n` true/false items may be false: 40-60%, widened to the nearest whole items
    (1 of 3 or 2 of 3 pass; 40% of 3 is not a count a chapter can have)."""
    return math.floor(TF_FALSE_MIN * n), math.ceil(TF_FALSE_MAX * n)


@bank_rule(
    "tf-balance",
    ERROR,
    "a chapter's true/false items are not 40-60% false",
    "Haladyna et al. 2002, guideline 20 (applied to true/false keys)",
)
def tf_balance(items: Sequence[Item], ctx: LintContext) -> Iterable[Finding]:
    """If most true/false answers are "false" (or "true"), answering that every time scores above
    chance without reading. Haladyna et al. 2002, guideline 20, asks that the position of the
    right answer vary evenly; for true/false items that means about as many false as true keys.
    Checked per chapter, since quizzes are often taken one chapter at a time."""
    by_chapter: dict[str, list[Item]] = {}
    for item in items:
        if item.question.type == "true-false" and not item.generated:
            by_chapter.setdefault(item.chapter.id, []).append(item)
    for chapter_items in by_chapter.values():
        n = len(chapter_items)
        n_false = sum(1 for i in chapter_items if i.question.answer is False)
        low, high = tf_allowed(n)
        if not low <= n_false <= high:
            chapter = chapter_items[0].chapter
            locator = ctx.positions.locator(chapter.file)
            line = locator.line(("chapter",)) if locator is not None else 1
            yield Finding(
                chapter.file,
                line,
                "tf-balance",
                chapter.id,
                f"{n_false} of {n} true/false answers are false ({n_false / n:.0%}); expected "
                f"{TF_FALSE_MIN:.0%}-{TF_FALSE_MAX:.0%} ({low}-{high} of {n}), so that 'always false' or 'always true' "
                "scores no better than chance",
                ERROR,
            )


def _stem_words(item: Item) -> set[str]:
    return content_words(item.question.prompt)


@bank_rule(
    "near-duplicate",
    WARNING,
    "two stems are near-duplicates (token similarity >= 0.8)",
    "Haladyna et al. 2002, guideline 4",
)
def near_duplicates(items: Sequence[Item], ctx: LintContext) -> Iterable[Finding]:
    """Two questions with almost the same stem test one thing twice, and the second is answered
    from memory of the first (Haladyna et al. 2002, guideline 4: keep the content of each item
    independent of other items). Similarity is the Sørensen-Dice coefficient of the stems'
    content words (stop words dropped, plurals folded); pairs at or above 0.8 are reported at
    the later one, naming the earlier."""
    stems = [(item, _stem_words(item)) for item in items]
    stems = [(item, ws) for item, ws in stems if ws]
    # Dice is at most 2m / (m + M) for sets of sizes m <= M, so a pair can reach the threshold t
    # only if m >= M * t / (2 - t): sorting by size lets each stem stop once sizes are too far apart.
    ratio = DUPLICATE_SIMILARITY / (2 - DUPLICATE_SIMILARITY)
    order = sorted(range(len(stems)), key=lambda i: len(stems[i][1]))
    pairs: list[tuple[int, int, float]] = []
    for a_pos, a in enumerate(order):
        size_a = len(stems[a][1])
        for b in order[a_pos + 1 :]:
            if size_a < ratio * len(stems[b][1]):
                break
            sim = dice(stems[a][1], stems[b][1])
            if sim >= DUPLICATE_SIMILARITY:
                pairs.append((min(a, b), max(a, b), sim))
    for first, second, sim in sorted(pairs):
        one, other = stems[first][0], stems[second][0]
        yield Finding(
            other.file,
            other.line("prompt"),
            "near-duplicate",
            other.subject("prompt"),
            f"the stem has token similarity {sim:.2f} with the stem of {one.uid} ({_where(one, ctx)}); "
            "keep one, or make them test different things",
            WARNING,
        )


def _where(item: Item, ctx: LintContext) -> str:
    return f"{ctx.display(item.file)}:{item.line('prompt')}"
