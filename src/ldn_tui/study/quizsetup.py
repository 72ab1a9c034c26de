"""What the quiz setup dialog offers and how many questions each option holds: plain data the
study service (`QuizBank.quiz_setup_options`, `quiz_setup_counts`) hands the dialog. Imported with
the dialog's first open, not at start-up: counting builds candidates through the quiz engine."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field

from ldn_tui.content.labels import EVIDENCE, KINDS
from ldn_tui.content.model import Content
from ldn_tui.content.objectives import objective_of, objective_titles
from ldn_tui.quiz.engine import Selection, candidates


@dataclass(frozen=True)
class QuizSetupOptions:
    """The options of the setup dialog's lists, in the order shown. Kinds and evidence labels
    are those the content uses (on a card, on a claim); one may still hold no question."""

    chapters: tuple[tuple[str, str], ...]  # (id, title), in chapter order
    kinds: tuple[str, ...]  # in `KINDS` order
    evidence: tuple[str, ...]  # in `EVIDENCE` order
    objectives: tuple[tuple[str, str], ...]  # (id, title), as `objective_titles`


@dataclass(frozen=True)
class QuizSetupCounts:
    """Questions per option over the whole bank (authored and generated), and due per chapter.
    An option absent from a mapping holds none."""

    chapters: Mapping[str, int]
    kinds: Mapping[str, int]
    evidence: Mapping[str, int]
    objectives: Mapping[str, int]
    due: Mapping[str, int] = field(default_factory=dict)
    #: This call counted the bank, the first time: what it built (the generated questions, if no
    #: one had yet) lives as long as the content, and the app may `gc.freeze()` it.
    built: bool = False


def setup_options(content: Content) -> QuizSetupOptions:
    kinds = {card.kind for card in content.cards}
    labels = {claim.evidence for card in content.cards for claim in card.claims}
    return QuizSetupOptions(
        chapters=tuple((ch.id, ch.title) for ch in sorted(content.chapters, key=lambda c: c.order)),
        kinds=tuple(k for k in KINDS if k in kinds),
        evidence=tuple(e for e in EVIDENCE if e in labels),
        objectives=tuple(objective_titles(content, used=False).items()),
    )


def setup_counts(content: Content) -> QuizSetupCounts:
    everything = candidates(content, Selection())  # include_generated: builds them the first time
    return QuizSetupCounts(
        chapters=Counter(c.chapter.id for c in everything),
        kinds=Counter(c.card.kind for c in everything),
        evidence=Counter(c.claim.evidence for c in everything if c.claim is not None),
        objectives=Counter(oid for c in everything if (oid := objective_of(c.question)) is not None),
    )
