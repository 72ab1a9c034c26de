"""Learning objectives: every question names one, every objective has enough questions.

The content model has no `objective` yet (it arrives with the rewritten bank). These rules read
it with `getattr(question, "objective", None)` and stay silent until questions carry the
attribute; objectives themselves are read from `content.objectives` when the model has it.
"""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Iterable, Sequence
from typing import Any

from ldn_tui.itemlint.context import LintContext
from ldn_tui.itemlint.findings import ERROR, Finding
from ldn_tui.itemlint.items import Item
from ldn_tui.itemlint.registry import bank_rule

#: Each objective is tested by at least this many questions (issue 14).
MIN_QUESTIONS_PER_OBJECTIVE = 3


def objectives_active(items: Sequence[Item], ctx: LintContext) -> bool:
    """True once the content declares objectives (objectives.yaml) or a question names one."""
    return bool(declared_objectives(ctx)) or any(objective_of(i) for i in items)


def objective_of(item: Item) -> str | None:
    value = getattr(item.question, "objective", None)
    return str(value) if value else None


def declared_objectives(ctx: LintContext) -> list[Any]:
    """The objectives of the content (`content.objectives`), or [] when the model has none."""
    return list(getattr(ctx.content, "objectives", None) or ())


def _objective_id(objective: Any) -> str:
    return str(getattr(objective, "id", objective))


def questions_per_objective(items: Sequence[Item], ctx: LintContext) -> dict[str, int]:
    """How many questions name each objective; declared objectives with none are listed with 0."""
    counts = Counter(o for i in items if (o := objective_of(i)) is not None)
    out = {_objective_id(o): counts.get(_objective_id(o), 0) for o in declared_objectives(ctx)}
    for objective, n in counts.items():
        out.setdefault(objective, n)
    return out


@bank_rule(
    "objective-missing", ERROR, "a question names no learning objective", "Haladyna et al. 2002, guideline 1; issue 14"
)
def objective_missing(items: Sequence[Item], ctx: LintContext) -> Iterable[Finding]:
    """Every item tests a stated objective (Haladyna et al. 2002, guideline 1: each item reflects
    specific content, as called for in the test specifications; issue 14: every question names
    one). Active only once questions carry an `objective` attribute."""
    if not objectives_active(items, ctx):
        return
    for item in items:
        if objective_of(item) is None:
            yield Finding(
                item.file,
                item.line(),
                "objective-missing",
                item.uid,
                "names no learning objective; add `objective:` with the id of what it tests",
                ERROR,
            )


@bank_rule(
    "objective-coverage",
    ERROR,
    f"a learning objective has fewer than {MIN_QUESTIONS_PER_OBJECTIVE} questions",
    "issue 14; NBME, issues of sampling (ch. 1)",
)
def objective_coverage(items: Sequence[Item], ctx: LintContext) -> Iterable[Finding]:
    """One or two questions cannot tell whether a student has met an objective; issue 14 asks for
    at least three each (NBME manual, ch. 1 "issues of sampling": a test must sample each area it
    reports on).
    Active only once questions carry an `objective` attribute."""
    if not objectives_active(items, ctx):
        return
    declared = {_objective_id(o): o for o in declared_objectives(ctx)}
    for objective, n in sorted(questions_per_objective(items, ctx).items()):
        if n >= MIN_QUESTIONS_PER_OBJECTIVE:
            continue
        where = declared.get(objective)
        file = str(getattr(where, "file", "") or os.path.join(ctx.root, "objectives.yaml"))
        line = int(getattr(where, "line", 0) or 0)
        yield Finding(
            file,
            line,
            "objective-coverage",
            objective,
            f"{n} question{'s' if n != 1 else ''} test this objective; expected at least {MIN_QUESTIONS_PER_OBJECTIVE}",
            ERROR,
        )
