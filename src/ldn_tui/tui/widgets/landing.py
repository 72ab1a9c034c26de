"""A chapter's landing page: its summary, its cards with their state, its questions' mastery and,
where the content grades outcomes, each outcome's certainty.

Presentation only: the screen hands in what the study service knows (card states, mastery).
Outcomes are those the chapter's claims speak of (outcomes.yaml), each with its one GRADE rating.
"""

from __future__ import annotations

from textual.content import Content

from ldn_tui.content.model import Chapter, Outcome
from ldn_tui.content.model import Content as StudyContent
from ldn_tui.tui.widgets.badges import certainty_badge

STATE_WORDS = {"unread": ("·", "unread", "$text-muted"), "read": ("✓", "read", "$text-success")}
STATE_WORDS["mastered"] = ("◆", "mastered", "bold $text-success")


def _outcomes_of(content: StudyContent, chapter: Chapter) -> list[Outcome]:
    """The outcomes the chapter's claims speak of, in the order they first appear."""
    ids = dict.fromkeys(claim.outcome for card in chapter.cards for claim in card.claims if claim.outcome)
    return [content.outcome_by_id[i] for i in ids if i in content.outcome_by_id]


def chapter_landing(
    content: StudyContent, chapter: Chapter, states: dict[str, str], mastery: tuple[int, int, int]
) -> Content:
    """`states`: card id -> unread/read/mastered; `mastery`: (questions, answered, right last time)."""
    total, answered, correct = mastery
    parts: list[Content | str | tuple[str, str]] = [(chapter.title, "bold"), "\n\n", chapter.summary.strip(), "\n\n"]
    read = sum(1 for c in chapter.cards if states.get(c.id, "unread") != "unread")
    parts += [("Cards", "bold $text-accent"), (f"  {read} of {len(chapter.cards)} read", "$text-muted")]
    for card in chapter.cards:
        mark, word, style = STATE_WORDS[states.get(card.id, "unread")]
        parts += ["\n", (f" {mark} ", style), card.title, (f"  {word}", "$text-muted")]
    parts += ["\n\n", ("Questions", "bold $text-accent")]
    share = f"{round(100 * correct / total)}%" if total else "–"
    parts += [f"  {correct} of {total} right the last time ({share}); {answered} answered at least once"]
    outcomes = _outcomes_of(content, chapter)
    if outcomes:
        parts += ["\n\n", ("Outcomes", "bold $text-accent")]
        names = {c.id: c.name for c in content.conditions}
        for outcome in outcomes:
            name = f"{names.get(outcome.condition, outcome.condition)}: {outcome.outcome}"
            parts += ["\n ", name, "  ", certainty_badge(outcome.certainty)]
    parts += ["\n\n", ("Enter on a card in the contents opens it; . opens the first.", "italic $text-muted")]
    return Content.assemble(*parts)
