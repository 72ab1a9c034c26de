"""Bank-level figures for `ldn-study lint --stats`: what the bank holds and how guessable it is.

Counts per type and per chapter, true/false balance per chapter, how often the longest choice
is the correct one against chance, the share of clinical vignettes (see `vignette`), and the
questions per learning objective once questions carry objectives.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from ldn_tui.content.labels import QUESTION_TYPES
from ldn_tui.itemlint.bank import tf_allowed
from ldn_tui.itemlint.context import LintContext
from ldn_tui.itemlint.items import Item
from ldn_tui.itemlint.length import LongestShare, longest_share
from ldn_tui.itemlint.objectives import objectives_active, questions_per_objective
from ldn_tui.itemlint.vignette import is_vignette


@dataclass(frozen=True, slots=True)
class ChapterStats:
    id: str
    title: str
    by_type: dict[str, int]
    tf: int
    tf_false: int
    vignettes: int

    @property
    def total(self) -> int:
        return sum(self.by_type.values())

    @property
    def tf_ok(self) -> bool:
        low, high = tf_allowed(self.tf)
        return self.tf == 0 or low <= self.tf_false <= high


@dataclass(frozen=True, slots=True)
class BankStats:
    authored: int
    generated: int | None  # None when generated questions were not included
    by_type: dict[str, int]
    by_focus: dict[str, int]
    chapters: tuple[ChapterStats, ...]
    tf: int
    tf_false: int
    longest: LongestShare
    longest_generated: LongestShare | None
    vignettes: int
    #: questions per objective id; None while questions carry no objective
    objectives: dict[str, int] | None = field(default=None)

    def to_dict(self) -> dict[str, Any]:
        return {
            "authored": self.authored,
            "generated": self.generated,
            "by_type": self.by_type,
            "by_focus": self.by_focus,
            "chapters": [
                {
                    "id": c.id,
                    "title": c.title,
                    "by_type": c.by_type,
                    "total": c.total,
                    "true_false": c.tf,
                    "false": c.tf_false,
                    "true_false_balanced": c.tf_ok,
                    "vignettes": c.vignettes,
                }
                for c in self.chapters
            ],
            "true_false": {"items": self.tf, "false": self.tf_false},
            "longest_correct": self.longest.to_dict(),
            "longest_correct_generated": self.longest_generated.to_dict() if self.longest_generated else None,
            "vignettes": {
                "items": self.vignettes,
                "share": round(self.vignettes / self.authored, 4) if self.authored else 0.0,
            },
            "questions_per_objective": self.objectives,
        }


def bank_stats(items: Sequence[Item], ctx: LintContext, *, generated_included: bool) -> BankStats:
    """The figures for the authored questions among `items` (generated ones only where named)."""
    authored = [i for i in items if not i.generated]
    made = [i for i in items if i.generated]
    chapters = []
    for chapter in ctx.content.chapters:
        mine = [i for i in authored if i.chapter.id == chapter.id]
        types = Counter(i.question.type for i in mine)
        tf = [i for i in mine if i.question.type == "true-false"]
        chapters.append(
            ChapterStats(
                chapter.id,
                chapter.title,
                {t: types.get(t, 0) for t in QUESTION_TYPES},
                len(tf),
                sum(1 for i in tf if i.question.answer is False),
                sum(1 for i in mine if is_vignette(i.question.prompt)),
            )
        )
    types = Counter(i.question.type for i in authored)
    return BankStats(
        authored=len(authored),
        generated=len(made) if generated_included else None,
        by_type={t: types.get(t, 0) for t in QUESTION_TYPES},
        by_focus=dict(sorted(Counter(i.question.focus for i in authored).items())),
        chapters=tuple(chapters),
        tf=sum(c.tf for c in chapters),
        tf_false=sum(c.tf_false for c in chapters),
        longest=longest_share(authored),
        longest_generated=longest_share(made) if generated_included else None,
        vignettes=sum(c.vignettes for c in chapters),
        objectives=questions_per_objective(items, ctx) if objectives_active(items, ctx) else None,
    )
