"""The shape of an item: enough wrong choices, order items that do not give their order away,
and a `why` on every choice that really explains."""

from __future__ import annotations

import re
from collections.abc import Iterable

from ldn_tui.itemlint.context import LintContext
from ldn_tui.itemlint.findings import ERROR
from ldn_tui.itemlint.items import Item, YamlPath
from ldn_tui.itemlint.registry import item_rule

Hits = Iterable[tuple[YamlPath, str]]


@item_rule(
    "multiple-choices",
    ERROR,
    "a multiple-answer item has fewer than two wrong choices, or every choice is correct",
    "Haladyna et al. 2002, guidelines 18, 26 and 29",
)
def multiple_choices(item: Item, ctx: LintContext) -> Hits:
    """A multiple-answer item where every choice is correct is "all of the above" in disguise
    (Haladyna et al. 2002, guideline 26); with a single wrong choice, spotting the odd one out
    scores the item. Each item needs at least two plausible distractors (guidelines 18: as many
    effective choices as you can, three is adequate; 29: make all distractors plausible)."""
    q = item.question
    if q.type != "multiple":
        return
    n_wrong = len(item.wrong)
    if n_wrong == 0:
        yield ("choices",), f"all {len(q.choices)} choices are correct; add at least two plausible wrong choices"
    elif n_wrong < 2:
        yield (
            ("choices",),
            (
                f"only {n_wrong} of {len(q.choices)} choices is wrong, so spotting the odd one out answers it; "
                "add a second plausible wrong choice"
            ),
        )


_NUMBERED = re.compile(
    r"^\s*(?:\(?\d{1,2}[.):](?=\s)|\(?[a-h][.)](?=\s)|\(?(?:i{1,3}|iv|v|vi{1,3})[.)](?=\s)"
    r"|(?:step|stage|phase)\s+\d+\b|(?:first|second|third|fourth|fifth|sixth|seventh|eighth|1st|2nd|3rd|[4-8]th)\b[,:]?\s"
    r"|(?:then|next|finally|lastly)\b[,:]?\s)",
    re.IGNORECASE,
)


@item_rule(
    "order-numbered",
    ERROR,
    "an order item's steps are numbered, lettered or sequenced in their text",
    "Haladyna et al. 2002, guideline 28; NBME, testwiseness cues",
)
def order_numbered(item: Item, ctx: LintContext) -> Hits:
    """Items that carry their position ("1.", "b)", "Step 3", "Finally,") can be ordered by
    reading the labels, not by knowing the sequence (Haladyna et al. 2002, guideline 28: avoid
    clues to the right answer)."""
    if item.question.type != "order":
        return
    for k, text in enumerate(item.question.items):
        m = _NUMBERED.match(text)
        if m:
            yield ("items", k), f"item starts with '{m.group(0).strip()}', which gives its place away; drop the label"


_PLACEHOLDER = re.compile(r"^\W*(?:todo|tbd|tba|n/?a|none|xxx|fixme|see above|as above|\?+)?\W*$", re.IGNORECASE)
_BARE_VERDICT = re.compile(
    r"^\W*(?:(?:this|that|it)(?:\s+choice|\s+answer|\s+option)?\s+(?:is|was)\s+|it's\s+)?(?:not\s+)?"
    r"(?:correct|incorrect|right|wrong|true|false|yes|no)(?:\s+(?:answer|choice|option))?\W*$",
    re.IGNORECASE,
)


@item_rule("why-missing", ERROR, "a choice has no `why` (or a placeholder)", "CONTENT.md rule 7")
def why_missing(item: Item, ctx: LintContext) -> Hits:
    """Every choice explains itself, so a wrong pick teaches too (CONTENT.md rule 7: every
    answer choice has its own explanation). The loader already rejects an empty `why` in YAML;
    this catches placeholders ("TODO", "-", "n/a") and questions built in code."""
    for k, c in enumerate(item.question.choices):
        if _PLACEHOLDER.match(c.why):
            shown = c.why.strip() or "nothing"
            yield (
                ("choices", k, "why"),
                f"the why of '{c.text[:40]}' says {shown!r}; explain why this choice is right or wrong",
            )


@item_rule("why-bare", ERROR, "a `why` only says 'correct' or 'incorrect', or repeats the choice", "CONTENT.md rule 7")
def why_bare(item: Item, ctx: LintContext) -> Hits:
    """A why that only gives the verdict ("Correct.", "This is wrong.") or repeats the choice
    teaches nothing the colour of the feedback did not already say (CONTENT.md rule 7)."""
    for k, c in enumerate(item.question.choices):
        if _PLACEHOLDER.match(c.why):
            continue  # why-missing reports it
        if (
            _BARE_VERDICT.match(c.why)
            or " ".join(c.why.split()).rstrip(".").casefold() == " ".join(c.text.split()).rstrip(".").casefold()
        ):
            yield ("choices", k, "why"), f"the why only says {c.why.strip()!r}; say why, in the content's own terms"
