"""The study content as plain, immutable Python objects.

No Textual here: the model is shared by the app, the quiz engine, the exporters
and the CLI. Objects are frozen dataclasses with slots, so a loaded content set
is cheap to keep in memory and to pickle into the parse cache.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any


def _by_fields(self: Any) -> tuple[Any, ...]:
    """Pickle a frozen, slotted dataclass through its constructor (`__reduce__`): unpickling the parse
    cache then calls `__init__` once per object instead of `__setstate__` field by field, about 40%
    faster at 10,000 cards (benchmarks/README.md)."""
    return (type(self), tuple(getattr(self, name) for name in self.__dataclass_fields__))


@dataclass(frozen=True, slots=True)
class Choice:
    __reduce__ = _by_fields

    text: str
    correct: bool
    why: str


@dataclass(frozen=True, slots=True)
class Question:
    """One quiz question. `uid` (card id + "/" + id) is the key progress is stored under."""

    __reduce__ = _by_fields

    id: str
    card_id: str
    type: str  # single | multiple | true-false | cloze | order
    prompt: str
    explanation: str
    focus: str = "fact"  # fact | appraisal
    choices: tuple[Choice, ...] = ()  # single, multiple
    answer: bool | None = None  # true-false
    answers: tuple[str, ...] = ()  # cloze: accepted answers, first is canonical
    items: tuple[str, ...] = ()  # order: in the correct order
    claim: str | None = None  # id of the claim on the same card this question tests
    line: int = 0  # where it starts in its file, for messages
    objective: str | None = None  # id of the learning objective it tests (objectives.yaml)

    @property
    def uid(self) -> str:
        return f"{self.card_id}/{self.id}"


@dataclass(frozen=True, slots=True)
class Claim:
    """One statement on a card, with its evidence label and sources.

    A claim about an effect names its `outcome` (an id in outcomes.yaml) and `certainty` is that
    outcome's GRADE rating, filled in at load time, so every claim about one outcome shows the
    same rating. Claims that are not about an effect (facts about the record, mechanisms,
    opinions) have no certainty.
    """

    __reduce__ = _by_fields

    id: str
    text: str
    evidence: str
    sources: tuple[str, ...]
    certainty: str | None = None
    note: str | None = None
    outcome: str | None = None
    #: The author's explanation for the questions generated from this claim, in place of the
    #: generated one (why this label, what limits this evidence).
    rationale: str | None = None

    def uid(self, card_id: str) -> str:
        return f"{card_id}#{self.id}"


@dataclass(frozen=True, slots=True)
class Version:
    """One side of a disagreement between sources."""

    __reduce__ = _by_fields

    says: str
    sources: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Disagreement:
    __reduce__ = _by_fields

    topic: str
    versions: tuple[Version, ...]
    verdict: str  # which evidence is stronger, and why


@dataclass(frozen=True, slots=True)
class Card:
    __reduce__ = _by_fields

    id: str
    chapter_id: str
    title: str
    kind: str
    body: str
    claims: tuple[Claim, ...] = ()
    #: A tuple, or from the parse cache a sequence that reads its chapter's questions when first used.
    quiz: Sequence[Question] = ()
    disagreements: tuple[Disagreement, ...] = ()
    see_also: tuple[str, ...] = ()
    terms: tuple[str, ...] = ()  # glossary terms this card leans on
    file: str = ""
    line: int = 0

    def claim(self, claim_id: str) -> Claim | None:
        for c in self.claims:
            if c.id == claim_id:
                return c
        return None


@dataclass(frozen=True, slots=True)
class Chapter:
    __reduce__ = _by_fields

    id: str
    title: str
    order: int
    summary: str
    cards: tuple[Card, ...] = ()
    file: str = ""


@dataclass(frozen=True, slots=True)
class Reference:
    id: str
    citation: str
    year: int | None
    authors: str = ""
    title: str = ""
    journal: str = ""
    pmid: str | None = None
    doi: str | None = None
    pmcid: str | None = None
    design: str = ""
    n: str = ""
    findings: str = ""
    verified: str = "no"  # see labels.VERIFIED
    discrepancies: str = ""
    cited_in: tuple[str, ...] = ()  # source ids (src:000 ...) that cite it; empty = outside the sources

    @property
    def display_name(self) -> str:
        """How a student reads a reference in running text: "Younger & Mackey 2009", "Younger et al. 2013"."""
        surnames = [a.strip().split(" ")[0] for a in self.authors.split(",") if a.strip()]
        year = f" {self.year}" if self.year else ""
        if not surnames:
            return self.citation.split(".")[0] + year
        if len(surnames) == 1:
            return f"{surnames[0]}{year}"
        if len(surnames) == 2:
            return f"{surnames[0]} & {surnames[1]}{year}"
        return f"{surnames[0]} et al.{year}"


@dataclass(frozen=True, slots=True)
class Estimate:
    """A point estimate with its confidence interval, on the outcome's `scale`."""

    value: float
    low: float
    high: float


@dataclass(frozen=True, slots=True)
class Study:
    """One study counted in an outcome: a reference, its design and what it reported."""

    ref: str  # reference id
    design: str  # see labels.STUDY_DESIGNS
    n: int | None
    duration: str
    result: str
    estimate: Estimate | None = None


@dataclass(frozen=True, slots=True)
class Informal:
    """Support for an outcome that is not a study: a story or an opinion in a source."""

    source: str  # source id (src:000 ...)
    kind: str  # anecdote | expert-opinion


@dataclass(frozen=True, slots=True)
class Effect:
    """The effect as the studies report it: direction, size, interval, and for a null result
    what the evidence can rule out."""

    direction: str  # see labels.DIRECTIONS
    size: str
    ci: str  # "not reported" when no study gives one
    excludes: str | None = None


@dataclass(frozen=True, slots=True)
class Rating:
    """One reason for rating certainty down or up, with the number of levels and why."""

    reason: str
    levels: int
    why: str


@dataclass(frozen=True, slots=True)
class Outcome:
    """One question of evidence (condition x outcome), graded once (GRADE)."""

    id: str  # condition.outcome, e.g. fibromyalgia.pain
    condition: str
    outcome: str
    population: str
    intervention: str
    comparator: str
    studies: tuple[Study, ...]
    effect: Effect
    certainty: str
    starts_at: str
    statement: str  # plain language, in GRADE's standard wording for the certainty
    newest_evidence: int | None
    informal: tuple[Informal, ...] = ()
    rated_down: tuple[Rating, ...] = ()
    rated_up: tuple[Rating, ...] = ()
    scale: str | None = None  # what the estimates measure, when any study has one
    file: str = ""
    line: int = 0


@dataclass(frozen=True, slots=True)
class Condition:
    id: str
    name: str
    note: str = ""


@dataclass(frozen=True, slots=True)
class Source:
    id: str  # src:000 ... src:004
    file: str
    title: str
    kind: str
    author: str
    year: str
    audience: str
    keep_in_mind: str
    #: The one short name a student reads everywhere (screens, questions, exports); sources.yaml `name`.
    name: str = ""

    @property
    def display_name(self) -> str:
        """The source as a student should read it: its short name, never its file number."""
        return self.name or self.title.strip("[]")


@dataclass(frozen=True, slots=True)
class Term:
    term: str
    definition: str
    aliases: tuple[str, ...] = ()
    see_also: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Objective:
    """A learning objective, written as what the student can do ("The student can ...")."""

    id: str
    text: str
    line: int = 0


@dataclass(frozen=True, repr=False)
class Content:
    """A whole, validated content set. Lookups are built once, on first use."""

    def __repr__(self) -> str:
        # Not the generated one: at 10,000 cards that is a 200 MB string, and Textual's worker
        # log alone (a worker's repr shows its arguments) made one for a moment.
        cards = sum(len(ch.cards) for ch in self.chapters)
        return f"Content({len(self.chapters)} chapters, {cards} cards, root={self.root!r})"

    chapters: tuple[Chapter, ...]
    references: tuple[Reference, ...] = ()
    sources: tuple[Source, ...] = ()
    glossary: tuple[Term, ...] = ()
    root: str = ""
    outcomes: tuple[Outcome, ...] = ()
    conditions: tuple[Condition, ...] = ()
    objectives: tuple[Objective, ...] = ()
    #: False when some files were read without their lines (content/fastread.py): their cards',
    #: questions', outcomes' and objectives' `line` is then 0. Only messages use lines.
    lines: bool = field(default=True, compare=False)
    _extra: dict[str, Any] = field(default_factory=dict, compare=False, repr=False)

    @cached_property
    def cards(self) -> tuple[Card, ...]:
        return tuple(card for ch in self.chapters for card in ch.cards)

    @cached_property
    def card_by_id(self) -> dict[str, Card]:
        return {c.id: c for c in self.cards}

    @cached_property
    def card_position(self) -> dict[str, int]:
        """Each card's index in `cards` (reading order), for next/previous in O(1)."""
        return {c.id: i for i, c in enumerate(self.cards)}

    @cached_property
    def chapter_by_id(self) -> dict[str, Chapter]:
        return {c.id: c for c in self.chapters}

    @cached_property
    def questions(self) -> tuple[Question, ...]:
        return tuple(q for card in self.cards for q in card.quiz)

    @cached_property
    def question_by_uid(self) -> dict[str, Question]:
        return {q.uid: q for q in self.questions}

    @cached_property
    def reference_by_id(self) -> dict[str, Reference]:
        return {r.id: r for r in self.references}

    @cached_property
    def source_by_id(self) -> dict[str, Source]:
        return {s.id: s for s in self.sources}

    @cached_property
    def term_by_name(self) -> dict[str, Term]:
        """Glossary entries by lower-cased term and alias."""
        out: dict[str, Term] = {}
        for t in self.glossary:
            out[t.term.lower()] = t
            for a in t.aliases:
                out.setdefault(a.lower(), t)
        return out

    @cached_property
    def outcome_by_id(self) -> dict[str, Outcome]:
        return {o.id: o for o in self.outcomes}

    @cached_property
    def objective_by_id(self) -> dict[str, Objective]:
        return {o.id: o for o in self.objectives}

    @cached_property
    def condition_by_id(self) -> dict[str, Condition]:
        return {c.id: c for c in self.conditions}

    def outcomes_for(self, condition_id: str) -> tuple[Outcome, ...]:
        """The outcomes graded for one condition, in file order."""
        return tuple(o for o in self.outcomes if o.condition == condition_id)

    def chapter_of(self, card: Card) -> Chapter:
        return self.chapter_by_id[card.chapter_id]
