"""The longest choice: per item, and across the bank compared with what chance gives.

Writers qualify the key until it is unarguable, so it grows longer than the distractors, and
"pick the longest" becomes a strategy that scores without knowledge. NBME lists "long correct
answer" among the testwiseness flaws; Haladyna, Downing & Rodriguez (2002), guideline 24:
"keep the length of choices about equal", and 28d: no conspicuous correct choice.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from ldn_tui.itemlint.context import LintContext
from ldn_tui.itemlint.findings import ERROR, WARNING, Finding
from ldn_tui.itemlint.items import Item, YamlPath
from ldn_tui.itemlint.registry import bank_rule, item_rule

#: The bank-wide share of items whose longest choice is correct may exceed chance by at most
#: this much (10 percentage points, the margin issue 14 sets for every naive strategy) ...
LONGEST_SHARE_MARGIN = 0.10
#: ... and an excess counts only when it is also this many standard errors above chance, so a
#: handful of items (a small fixture, one chapter) is not condemned for noise.
LONGEST_SHARE_Z = 2.0


def _length(text: str) -> int:
    return len(" ".join(text.split()))


def unique_longest(item: Item) -> int | None:
    """The index of the one choice longer than all others, or None (a tie, or no choices)."""
    choices = item.question.choices
    if len(choices) < 2:
        return None
    lengths = [_length(c.text) for c in choices]
    top = max(lengths)
    return lengths.index(top) if lengths.count(top) == 1 else None


@item_rule(
    "longest-correct",
    WARNING,
    "the correct answer is the longest choice",
    "NBME, 'long correct answer'; Haladyna et al. 2002, guidelines 24 and 28d",
)
def longest_correct(item: Item, ctx: LintContext) -> Iterable[tuple[YamlPath, str]]:
    """Single answer: the key is longer than every distractor. Multiple answer: every correct
    choice is longer than every distractor, so ticking the long ones scores full marks.
    (NBME: "long correct answer", the key longer, more specific or more complete than the
    other options; Haladyna et al. 2002, guideline 24: keep choices about equal in length.)"""
    q = item.question
    if q.type not in ("single", "multiple") or not item.correct or not item.wrong:
        return
    lengths = [_length(c.text) for c in q.choices]
    key_lengths = [n for n, c in zip(lengths, q.choices, strict=True) if c.correct]
    wrong_longest = max(n for n, c in zip(lengths, q.choices, strict=True) if not c.correct)
    if min(key_lengths) <= wrong_longest:
        return
    k = next(i for i, c in enumerate(q.choices) if c.correct)
    what = "the correct choice is" if q.type == "single" else "every correct choice is"
    yield (
        ("choices", k, "text"),
        (
            f"{what} the longest ({min(key_lengths)} characters; longest distractor {wrong_longest}); "
            "bring the choices to about the same length"
        ),
    )


@dataclass(frozen=True, slots=True)
class LongestShare:
    """How often the one longest choice is a correct one, against what chance gives.

    Chance is computed per item, as if the key were placed among the choices at random: an
    item with k choices, m of them correct, and one choice longer than the rest has its longest
    choice correct with probability m/k (1/k for single answer); an item whose longest length is
    tied has no "longest choice" and counts 0 both observed and expected.
    """

    items: int
    observed: int
    expected: float
    variance: float

    @property
    def share(self) -> float:
        return self.observed / self.items if self.items else 0.0

    @property
    def chance(self) -> float:
        return self.expected / self.items if self.items else 0.0

    @property
    def z(self) -> float:
        return (self.observed - self.expected) / math.sqrt(self.variance) if self.variance > 0 else 0.0

    @property
    def far_above_chance(self) -> bool:
        return self.share - self.chance > LONGEST_SHARE_MARGIN and self.z >= LONGEST_SHARE_Z

    def to_dict(self) -> dict[str, float | int | bool]:
        return {
            "items": self.items,
            "longest_is_correct": self.observed,
            "share": round(self.share, 4),
            "chance": round(self.chance, 4),
            "z": round(self.z, 2),
            "far_above_chance": self.far_above_chance,
        }


def longest_share(items: Sequence[Item]) -> LongestShare:
    """The `LongestShare` of the single- and multiple-answer items among `items`."""
    n = observed = 0
    expected = variance = 0.0
    for item in items:
        q = item.question
        if q.type not in ("single", "multiple") or not q.choices:
            continue
        n += 1
        top = unique_longest(item)
        if top is None:
            continue
        p = len(item.correct) / len(q.choices)
        expected += p
        variance += p * (1 - p)
        observed += q.choices[top].correct
    return LongestShare(n, observed, expected, variance)


@bank_rule(
    "longest-share",
    ERROR,
    "bank-wide, the longest choice is correct far more often than chance",
    "NBME, 'long correct answer'; Haladyna et al. 2002, guideline 24",
)
def longest_share_rule(items: Sequence[Item], ctx: LintContext) -> Iterable[Finding]:
    """Across the bank, "pick the longest" must not beat chance by more than 10 percentage points
    (and 2 standard errors): one long key is noise, a habit is a strategy (NBME, "long correct
    answer"; Haladyna et al. 2002, guideline 24). Authored and generated questions are judged
    separately: they are written by different hands."""
    for generated in (False, True):
        share = longest_share([i for i in items if i.generated == generated])
        if share.items and share.far_above_chance:
            which = "generated" if generated else "authored"
            yield Finding(
                ctx.root,
                0,
                "longest-share",
                "bank",
                f"in {share.observed} of {share.items} {which} single/multiple items ({share.share:.0%}) the longest "
                f"choice is a correct one; chance gives {share.chance:.0%} (+{(share.share - share.chance) * 100:.0f} pp, "
                f"z = {share.z:.1f}); expected within {LONGEST_SHARE_MARGIN * 100:.0f} pp of chance",
                ERROR,
            )
