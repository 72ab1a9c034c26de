"""Text a student should never read: raw ids, and questions that lean on "this card".

Raw ids (`younger2009`, `src:003`, "source 003", "003's") are the authors' bookkeeping. A
question about "which file said what" tests the filing system, not the medicine or the
appraisal (Haladyna, Downing & Rodriguez 2002, guideline 2: base each item on important
content, avoid trivial content; guideline 8: keep vocabulary simple). CONTENT.md rule 8: no raw
ids; references are read as "Younger & Mackey 2009", sources by their one display name.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from ldn_tui.content.model import Card
from ldn_tui.content.yamlpos import format_path
from ldn_tui.itemlint.context import LintContext
from ldn_tui.itemlint.findings import ERROR, Finding
from ldn_tui.itemlint.items import Item, YamlPath
from ldn_tui.itemlint.registry import bank_rule, item_rule


def _describe(ctx: LintContext, text: str) -> list[str]:
    seen: dict[str, str] = {}
    for raw in ctx.raw_ids(text):
        seen.setdefault(raw.text, f"raw {raw.kind} id '{raw.text}' (write {raw.instead})")
    return list(seen.values())


@item_rule(
    "raw-id",
    ERROR,
    "a prompt, choice, why or explanation shows a raw reference or source id",
    "CONTENT.md rule 8; Haladyna et al. 2002, guidelines 2 and 8",
)
def raw_id(item: Item, ctx: LintContext) -> Iterable[tuple[YamlPath, str]]:
    """Raw ids in anything the student reads about a question: the prompt, each choice and its
    `why`, cloze answers, order items, the explanation (CONTENT.md rule 8; Haladyna et al.
    2002, guideline 2: avoid trivial content, 8: keep vocabulary simple)."""
    for path, text in item.student_texts():
        for what in _describe(ctx, text):
            yield path, f"shows a {what}"


def _card_texts(card: Card) -> Iterable[tuple[YamlPath, str]]:
    yield ("title",), card.title
    yield ("body",), card.body
    for j, claim in enumerate(card.claims):
        yield ("claims", j, "text"), claim.text
        if claim.note:
            yield ("claims", j, "note"), claim.note
    for j, dis in enumerate(card.disagreements):
        yield ("disagreements", j, "topic"), dis.topic
        for k, v in enumerate(dis.versions):
            yield ("disagreements", j, "versions", k, "says"), v.says
        yield ("disagreements", j, "verdict"), dis.verdict


@bank_rule(
    "raw-id-card",
    ERROR,
    "a card's title, body, claim or disagreement shows a raw reference or source id",
    "CONTENT.md rule 8; Haladyna et al. 2002, guideline 8",
)
def raw_id_card(items: Sequence[Item], ctx: LintContext) -> Iterable[Finding]:
    """The same rule as `raw-id`, on the card a question belongs to: students read the card
    first (CONTENT.md rule 8). Reported once per card field, not once per question."""
    for card in ctx.content.cards:
        base = ctx.positions.card_path(card)
        locator = ctx.positions.locator(card.file)
        for path, text in _card_texts(card):
            for what in _describe(ctx, text):
                line = locator.line(base + path) if locator is not None and base else card.line
                field = format_path(path)
                yield Finding(card.file, line, "raw-id-card", f"{card.id} {field}", f"shows a {what}", ERROR)


_CARD_REFERENCE = re.compile(
    r"\b(?:this|that|the\s+(?:above|previous|preceding|last))\s+(?:card|section|passage|page)\b"
    r"|\b(?:card|section|passage)\s+above\b"
    r"|\b(?:on|in)\s+the\s+card\b",
    re.IGNORECASE,
)


@item_rule(
    "card-reference", ERROR, "the stem refers to 'this card' or 'the card above'", "Haladyna et al. 2002, guideline 4"
)
def card_reference(item: Item, ctx: LintContext) -> Iterable[tuple[YamlPath, str]]:
    """Questions are asked away from their card (reviews, mixed quizzes, exports), so a stem
    must stand on its own: "this card" means nothing there (Haladyna et al. 2002, guideline 4:
    keep the content of each item independent of other items)."""
    m = _CARD_REFERENCE.search(item.question.prompt)
    if m:
        yield (
            ("prompt",),
            (
                f"the stem refers to '{m.group(0)}', which a student in a review quiz cannot see; "
                "say what it means in the stem itself"
            ),
        )
