"""outcomes.yaml, declared: evidence profiles, one GRADE rating per outcome.

The single-record GRADE rules (wording per certainty, a null result says what it excludes, very low
without a study, randomised evidence to start high, a scale for estimates) are JSON Schema
fragments here and Python checks in outcomes.py; tests/unit/test_schema_agreement.py keeps them
in step.
"""

from __future__ import annotations

from typing import Any

from ldn_tui.content import labels
from ldn_tui.content.specs import (
    ID_PATTERN,
    SOURCE_ID_PATTERN,
    Integer,
    ListOf,
    Number,
    Record,
    Text,
    opt,
    req,
    when,
)

ESTIMATE = Record(
    "estimate",
    {
        "value": req(Number(description="The point estimate, on the outcome's scale")),
        "low": req(Number(description="Lower limit of the 95% confidence interval")),
        "high": req(Number(description="Upper limit of the 95% confidence interval")),
    },
    description="A point estimate and its 95% CI (low <= value <= high), drawn as a forest-plot row",
)

STUDY = Record(
    "study",
    {
        "id": req(Text(pattern=ID_PATTERN, description="A reference id from references.yaml")),
        "design": req(Text(choices=tuple(labels.STUDY_DESIGNS))),
        "n": req(Integer(nullable=True, minimum=1, description="Participants (null when not reported)")),
        "duration": req(Text(description="How long people were treated or followed, as reported")),
        "result": req(Text(description="What the study reported on this outcome, with its figures")),
        "estimate": opt(ESTIMATE),
    },
)

INFORMAL = Record(
    "informal support",
    {
        "source": req(Text(pattern=SOURCE_ID_PATTERN, description="The source article that tells it")),
        "kind": req(Text(choices=tuple(labels.INFORMAL_KINDS))),
    },
)

EFFECT = Record(
    "effect",
    {
        "direction": req(Text(choices=tuple(labels.DIRECTIONS))),
        "size": req(Text(description="The size of the effect as reported, or 'not reported'")),
        "ci": req(Text(description="The confidence interval as reported, or 'not reported'")),
        "excludes": opt(Text(description="For little or no difference: what the interval or the power can rule out")),
    },
    rules=(
        {
            "if": when("direction", "little-or-no-difference"),
            "then": {"required": ["excludes"]},
            "$comment": "a null result says what it could exclude, not that LDN does not work",
        },
    ),
)


def _rating(name: str, reasons: dict[str, str]) -> Record:
    return Record(
        name,
        {
            "reason": req(Text(choices=tuple(reasons))),
            "levels": req(
                Integer(
                    minimum=0,
                    maximum=2,
                    description=(
                        "How many levels: 1 serious, 2 very serious; 0 a concern noted but not enough on its own to move the rating"
                    ),
                )
            ),
            "why": req(Text(description="One sentence a student can check against the studies")),
        },
    )


RATED_DOWN = _rating("reason for rating down", labels.RATED_DOWN)
RATED_UP = _rating("reason for rating up", labels.RATED_UP)


def _statement_rule(level: str) -> dict[str, Any]:
    if level == "high":
        wording: dict[str, Any] = {"not": {"pattern": labels.HIGH_CERTAINTY_HEDGE}}
    else:
        wording = {"pattern": labels.STATEMENT_WORDING[level]}
    return {
        "if": when("certainty", level),
        "then": {"properties": {"statement": wording}},
        "$comment": f"GRADE wording at {level} certainty: {labels.STATEMENT_EXAMPLE[level]}",
    }


OUTCOME_RULES: tuple[dict[str, Any], ...] = (
    *(_statement_rule(level) for level in labels.CERTAINTY),
    {
        "if": {"properties": {"studies": {"maxItems": 0}}, "required": ["studies"]},
        "then": {"properties": {"certainty": {"const": "very-low"}}},
        "$comment": "an outcome that rests on no study can only be very low certainty",
    },
    {
        "if": when("starts_at", "high"),
        "then": {
            "properties": {
                "studies": {"contains": {"properties": {"design": {"enum": sorted(labels.RANDOMISED_DESIGNS)}}}}
            }
        },
        "$comment": "only randomised evidence starts at high",
    },
    {
        "if": {"properties": {"studies": {"contains": {"required": ["estimate"]}}}, "required": ["studies"]},
        "then": {"required": ["scale"]},
        "$comment": "estimates need the scale they are measured on",
    },
)

OUTCOME = Record(
    "outcome",
    {
        "id": req(Text(pattern=ID_PATTERN, description="condition.outcome, e.g. fibromyalgia.pain; stable")),
        "condition": req(Text(pattern=ID_PATTERN, description="A condition id from conditions")),
        "outcome": req(Text(description="What was measured, e.g. Pain intensity")),
        "population": req(Text()),
        "intervention": req(Text(description="LDN (or naltrexone) with dose and duration")),
        "comparator": req(Text()),
        "scale": opt(Text(description="What the estimates measure and which side favours LDN")),
        "studies": req(ListOf(STUDY, description="The studies with data on this outcome (may be empty)")),
        "informal": opt(ListOf(INFORMAL, description="Stories and opinions in the sources: not studies")),
        "effect": req(EFFECT),
        "certainty": req(Text(choices=tuple(labels.CERTAINTY))),
        "starts_at": req(Text(choices=labels.STARTS_AT, description="high for randomised evidence, low otherwise")),
        "rated_down": opt(ListOf(RATED_DOWN)),
        "rated_up": opt(ListOf(RATED_UP)),
        "newest_evidence": req(
            Integer(nullable=True, minimum=1900, maximum=2100, description="Year of the newest evidence considered")
        ),
        "statement": req(Text(description="Plain language, in GRADE's standard wording for the certainty")),
    },
    rules=OUTCOME_RULES,
)

CONDITION = Record(
    "condition",
    {
        "id": req(
            Text(pattern=r"^[a-z0-9][a-z0-9\-]*$", description="Used in outcome ids and `ldn-study evidence ID`")
        ),
        "name": req(Text()),
        "note": opt(Text()),
    },
)

OUTCOMES_FILE = Record(
    "outcomes file",
    {"conditions": req(ListOf(CONDITION, min_items=1)), "outcomes": req(ListOf(OUTCOME, min_items=1))},
    description="Evidence profiles: one GRADE rating per outcome, referenced by claims",
)
