"""Evidence profiles as plain data: each condition's Summary-of-Findings table and the evidence map.

GRADE Summary-of-Findings tables (as in Cochrane reviews and GRADEpro) give, per outcome, the
studies and total number of participants, the effect with its confidence interval, the certainty
as symbols (⊕⊕◯◯) with the reasons for rating it down or up, and a plain-language statement.
The evidence map puts every condition against the strongest design found for it, so where LDN
rests on anecdote alone is visible at a glance.

Everything here is frozen dataclasses built from the loaded `Content`: no Textual and no Rich,
so the CLI (content/evidence_render.py), the app's screens and the exporters can each present
the same data their own way.
"""

from __future__ import annotations

from dataclasses import dataclass

from ldn_tui.content import labels
from ldn_tui.content.model import Card, Content, Outcome, Study

#: The value of "no effect" for the estimates in outcomes.yaml (all are differences).
NO_EFFECT = 0.0

#: Evidence-map columns, strongest first: the study designs, then the informal kinds, then nothing.
MAP_LEVELS: tuple[str, ...] = (*labels.STUDY_DESIGNS, *labels.INFORMAL_KINDS, "none")
MAP_LEVEL_LABEL: dict[str, str] = {**labels.STUDY_DESIGNS, **labels.INFORMAL_KINDS, "none": "No evidence"}
#: Short column headings for the map (narrow terminals).
MAP_LEVEL_SHORT: dict[str, str] = {
    "systematic-review": "SR",
    "rct": "RCT",
    "crossover-rct": "X-RCT",
    "pilot-trial": "Pilot",
    "observational": "Obs",
    "case-series": "Series",
    "case-report": "Case",
    "narrative-review": "Review",
    "preclinical": "Lab",
    "anecdote": "Story",
    "expert-opinion": "Opinion",
    "none": "None",
}


class UnknownCondition(LookupError):
    """Asked for a condition that no outcome is graded for; carries the known ids."""

    def __init__(self, condition: str, known: tuple[str, ...]):
        self.condition, self.known = condition, known
        super().__init__(f"unknown condition {condition!r}. Conditions: {', '.join(known)}")


@dataclass(frozen=True, slots=True)
class ForestRow:
    """One study's estimate and 95% CI, on its outcome's scale."""

    label: str
    value: float
    low: float
    high: float


@dataclass(frozen=True, slots=True)
class Reason:
    """Why certainty moved: a GRADE domain, the levels (negative = down) and one sentence."""

    domain: str  # labels.RATED_DOWN or labels.RATED_UP key
    name: str
    levels: int
    why: str

    @property
    def arrow(self) -> str:
        if self.levels < 0:
            return "↓" * -self.levels
        return "↑" * self.levels if self.levels > 0 else "·"


@dataclass(frozen=True, slots=True)
class StudyRow:
    ref: str
    citation: str
    design: str
    design_label: str
    n: int | None
    duration: str
    result: str


@dataclass(frozen=True, slots=True)
class FindingRow:
    """One outcome of a Summary-of-Findings table."""

    outcome_id: str
    outcome: str
    population: str
    intervention: str
    comparator: str
    studies: tuple[StudyRow, ...]
    studies_text: str  # "2 RCTs, 1 systematic review"
    participants: int | None  # primary studies with a reported n
    review_participants: int | None  # people in systematic reviews (overlapping the trials)
    unreported_n: int  # studies whose size is not reported
    informal: tuple[str, ...]  # "anecdote in src:000"
    direction: str
    effect: str
    ci: str
    excludes: str | None
    certainty: str
    symbols: str
    certainty_word: str
    starts_at: str
    reasons: tuple[Reason, ...]
    statement: str
    scale: str | None
    forest: tuple[ForestRow, ...]
    newest_evidence: int | None


@dataclass(frozen=True, slots=True)
class SummaryOfFindings:
    condition_id: str
    condition: str
    note: str
    rows: tuple[FindingRow, ...]


@dataclass(frozen=True, slots=True)
class MapRow:
    """One condition on the evidence map."""

    condition_id: str
    condition: str
    strongest: str  # a MAP_LEVELS key
    strongest_label: str
    levels: tuple[str, ...]  # every MAP_LEVELS key found, strongest first
    outcomes: int
    studies: int
    best_certainty: str | None  # the highest certainty among its outcomes


def conditions(content: Content) -> tuple[str, ...]:
    """Condition ids that have graded outcomes, in file order."""
    have = {o.condition for o in content.outcomes}
    return tuple(c.id for c in content.conditions if c.id in have)


def _study_row(content: Content, s: Study) -> StudyRow:
    ref = content.reference_by_id.get(s.ref)
    return StudyRow(
        ref=s.ref,
        citation=ref.citation if ref else s.ref,
        design=s.design,
        design_label=labels.STUDY_DESIGNS.get(s.design, s.design),
        n=s.n,
        duration=s.duration,
        result=s.result,
    )


def studies_text(outcome: Outcome) -> str:
    """ "2 RCTs, 1 systematic review", or "no study"."""
    if not outcome.studies:
        return "no study"
    counts: dict[str, int] = {}
    for s in outcome.studies:
        counts[s.design] = counts.get(s.design, 0) + 1
    parts = []
    for design in labels.STUDY_DESIGNS:
        if design in counts:
            name = labels.STUDY_DESIGNS[design].replace(" only", "")
            name = name if name.startswith("RCT") or name.startswith("Crossover RCT") else name[0].lower() + name[1:]
            name = "crossover RCT" if name == "Crossover RCT" else name
            n = counts[design]
            plural = "s" if n > 1 and not name.endswith("s") else ""
            parts.append(f"{n} {name}{plural}")
    return ", ".join(parts)


def _reasons(outcome: Outcome) -> tuple[Reason, ...]:
    down = tuple(
        Reason(r.reason, labels.RATED_DOWN.get(r.reason, r.reason), -r.levels, r.why) for r in outcome.rated_down
    )
    up = tuple(Reason(r.reason, labels.RATED_UP.get(r.reason, r.reason), r.levels, r.why) for r in outcome.rated_up)
    return down + up


def finding_row(content: Content, outcome: Outcome) -> FindingRow:
    primary = [s for s in outcome.studies if s.design != "systematic-review"]
    reviews = [s for s in outcome.studies if s.design == "systematic-review"]
    sized = [s.n for s in primary if s.n is not None]
    review_sized = [s.n for s in reviews if s.n is not None]
    forest = tuple(
        ForestRow(label=_forest_label(s), value=s.estimate.value, low=s.estimate.low, high=s.estimate.high)
        for s in outcome.studies
        if s.estimate is not None
    )
    return FindingRow(
        outcome_id=outcome.id,
        outcome=outcome.outcome,
        population=outcome.population,
        intervention=outcome.intervention,
        comparator=outcome.comparator,
        studies=tuple(_study_row(content, s) for s in outcome.studies),
        studies_text=studies_text(outcome),
        participants=sum(sized) if sized else None,
        review_participants=sum(review_sized) if review_sized else None,
        unreported_n=sum(1 for s in outcome.studies if s.n is None),
        informal=tuple(
            f"{labels.EVIDENCE.get(x.kind, x.kind).split(' (')[0].lower()} in {x.source}" for x in outcome.informal
        ),
        direction=outcome.effect.direction,
        effect=outcome.effect.size,
        ci=outcome.effect.ci,
        excludes=outcome.effect.excludes,
        certainty=outcome.certainty,
        symbols=labels.CERTAINTY_SYMBOLS[outcome.certainty],
        certainty_word=labels.CERTAINTY[outcome.certainty].split(":")[0],
        starts_at=outcome.starts_at,
        reasons=_reasons(outcome),
        statement=outcome.statement,
        scale=outcome.scale,
        forest=forest,
        newest_evidence=outcome.newest_evidence,
    )


def _forest_label(s: Study) -> str:
    size = f", n={s.n}" if s.n else ""
    return f"{s.ref} ({labels.STUDY_DESIGNS.get(s.design, s.design)}{size})"


def summary_of_findings(content: Content, condition_id: str) -> SummaryOfFindings:
    """The Summary-of-Findings table of one condition; UnknownCondition for an id with no outcomes."""
    outcomes = content.outcomes_for(condition_id)
    cond = content.condition_by_id.get(condition_id)
    if not outcomes or cond is None:
        raise UnknownCondition(condition_id, conditions(content))
    return SummaryOfFindings(
        condition_id=cond.id, condition=cond.name, note=cond.note, rows=tuple(finding_row(content, o) for o in outcomes)
    )


def _levels(outcomes: tuple[Outcome, ...]) -> tuple[str, ...]:
    found = {s.design for o in outcomes for s in o.studies} | {x.kind for o in outcomes for x in o.informal}
    return tuple(level for level in MAP_LEVELS if level in found) or ("none",)


def evidence_map(content: Content) -> tuple[MapRow, ...]:
    """Every condition with graded outcomes against the strongest design found for it."""
    rows = []
    for cid in conditions(content):
        outcomes = content.outcomes_for(cid)
        levels = _levels(outcomes)
        best = max((labels.CERTAINTY_LEVEL[o.certainty] for o in outcomes), default=None)
        rows.append(
            MapRow(
                condition_id=cid,
                condition=content.condition_by_id[cid].name,
                strongest=levels[0],
                strongest_label=MAP_LEVEL_LABEL[levels[0]],
                levels=levels,
                outcomes=len(outcomes),
                studies=len({s.ref for o in outcomes for s in o.studies}),
                best_certainty=None
                if best is None
                else next(k for k, v in labels.CERTAINTY_LEVEL.items() if v == best),
            )
        )
    return tuple(rows)


def condition_of_card(content: Content, card: Card) -> str | None:
    """The condition whose evidence a card speaks of: that of the first claim naming an outcome,
    else None (the card is not about an effect)."""
    for claim in card.claims:
        outcome = content.outcome_by_id.get(claim.outcome) if claim.outcome else None
        if outcome is not None:
            return outcome.condition
    return None
