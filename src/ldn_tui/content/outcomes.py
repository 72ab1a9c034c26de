"""Evidence profiles (outcomes.yaml): build them, and check the rules GRADE imposes on them.

Certainty is graded once per outcome (condition x outcome) and every claim about that outcome
takes the rating from here, so no two cards can disagree. This module holds the checks that
need more than one field or more than one file:

- within an outcome: the rating arithmetic (start, minus levels down, plus levels up), the
  plain-language statement in GRADE's wording for its level, a null result saying what it
  could exclude, estimates inside their own interval and on a stated scale;
- across files: a claim's outcome exists and agrees on certainty, a study is in
  references.yaml, a story's source is in sources.yaml, every outcome is used by some claim.

The single-record rules are also JSON Schema fragments in schema.py (OUTCOME_RULES,
CLAIM_RULES); tests/unit/test_schema_agreement.py keeps both in step.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ldn_tui.content import labels, schema
from ldn_tui.content.checker import _items
from ldn_tui.content.model import Condition, Effect, Estimate, Informal, Outcome, Rating, Study

if TYPE_CHECKING:
    from ldn_tui.content.checker import _Checker, _File

    Where = tuple[_File, tuple[Any, ...]]

FILE_NAME = "outcomes.yaml"


def _s(value: Any) -> str:
    return "" if value is None else str(value)


def _opt_s(value: Any) -> str | None:
    return None if value is None else str(value)


def build(c: _Checker, root: Path) -> tuple[list[tuple[Condition, Where]], list[tuple[Outcome, Where]]]:
    """Read outcomes.yaml: its conditions and outcomes, each with where it was written."""
    path = root / FILE_NAME
    if not path.is_file():
        return [], []
    f = c.read(path, schema.OUTCOMES_FILE)
    c.collect_ids("condition", f, "conditions")
    c.collect_ids("outcome", f, "outcomes")
    conditions = [
        (Condition(id=str(d["id"]), name=_s(d["name"]), note=_s(d.get("note"))), (f, ("conditions", i)))
        for i, d in _items(f, "conditions")
    ]
    outcomes: list[tuple[Outcome, Where]] = []
    for i, d in _items(f, "outcomes"):
        where = ("outcomes", i)
        _check_outcome(c, f, where, d)
        outcomes.append((_outcome(d, f, where), (f, where)))
    return conditions, outcomes


def _outcome(d: dict[str, Any], f: _File, where: tuple[Any, ...]) -> Outcome:
    studies = tuple(
        Study(
            ref=str(s["id"]),
            design=str(s["design"]),
            n=None if s["n"] is None else int(s["n"]),
            duration=_s(s["duration"]),
            result=_s(s["result"]),
            estimate=_estimate(s.get("estimate")),
        )
        for s in d["studies"]
    )
    e = d["effect"]
    return Outcome(
        id=str(d["id"]),
        condition=str(d["condition"]),
        outcome=_s(d["outcome"]),
        population=_s(d["population"]),
        intervention=_s(d["intervention"]),
        comparator=_s(d["comparator"]),
        studies=studies,
        effect=Effect(
            direction=str(e["direction"]), size=_s(e["size"]), ci=_s(e["ci"]), excludes=_opt_s(e.get("excludes"))
        ),
        certainty=str(d["certainty"]),
        starts_at=str(d["starts_at"]),
        statement=_s(d["statement"]).strip(),
        newest_evidence=None if d["newest_evidence"] is None else int(d["newest_evidence"]),
        informal=tuple(Informal(source=str(x["source"]), kind=str(x["kind"])) for x in d.get("informal") or ()),
        rated_down=_ratings(d.get("rated_down")),
        rated_up=_ratings(d.get("rated_up")),
        scale=_opt_s(d.get("scale")),
        file=f.name,
        line=f.line(where),
    )


def _estimate(e: dict[str, Any] | None) -> Estimate | None:
    return None if e is None else Estimate(value=float(e["value"]), low=float(e["low"]), high=float(e["high"]))


def _ratings(items: list[dict[str, Any]] | None) -> tuple[Rating, ...]:
    return tuple(Rating(reason=str(r["reason"]), levels=int(r["levels"]), why=_s(r["why"])) for r in items or ())


def expected_certainty(starts_at: str, down: int, up: int) -> str:
    """GRADE's arithmetic: start high (4) or low (2), move by levels, stay within very low..high."""
    level = max(1, min(4, labels.CERTAINTY_LEVEL[starts_at] - down + up))
    return next(name for name, n in labels.CERTAINTY_LEVEL.items() if n == level)


def statement_problem(certainty: str, statement: str) -> str | None:
    """Why a plain-language statement does not use GRADE's wording for its level, or None."""
    if certainty == "high":
        hedge = re.search(labels.HIGH_CERTAINTY_HEDGE, statement)
        if hedge:
            return f"says '{hedge.group(0)}' at high certainty; expected plain verbs, e.g. {labels.STATEMENT_EXAMPLE['high']}"
        return None
    if not re.search(labels.STATEMENT_WORDING[certainty], statement):
        return f"does not use GRADE's wording for {certainty} certainty; expected e.g. {labels.STATEMENT_EXAMPLE[certainty]}"
    return None


def _check_outcome(c: _Checker, f: _File, where: tuple[Any, ...], d: dict[str, Any]) -> None:
    """Rules inside one outcome (the first five are schema.OUTCOME_RULES in JSON Schema too)."""
    certainty, studies = d["certainty"], d["studies"]
    problem = statement_problem(certainty, _s(d["statement"]))
    if problem:
        c.issue(f, where + ("statement",), problem)
    if d["effect"]["direction"] == "little-or-no-difference" and d["effect"].get("excludes") is None:
        c.issue(
            f,
            where + ("effect",),
            "a result of little or no difference says what it could exclude; expected "
            "excludes: what the confidence interval or the study's power rules out (not that LDN 'does not work')",
        )
    if not studies and certainty != "very-low":
        c.issue(f, where + ("certainty",), f"is {certainty} but the outcome rests on no study; expected very-low")
    designs = {s["design"] for s in studies}
    if d["starts_at"] == "high" and not designs & labels.RANDOMISED_DESIGNS:
        c.issue(
            f,
            where + ("starts_at",),
            "is high but no study is randomised; expected starts_at: low "
            f"(only {', '.join(sorted(labels.RANDOMISED_DESIGNS))} evidence starts at high)",
        )
    if any(s.get("estimate") is not None for s in studies) and d.get("scale") is None:
        c.issue(
            f,
            where,
            "has estimates but no scale; expected scale: what the estimates measure and which side favours LDN",
        )
    # Python only (JSON Schema cannot do arithmetic or compare fields):
    down = sum(int(r["levels"]) for r in d.get("rated_down") or ())
    up = sum(int(r["levels"]) for r in d.get("rated_up") or ())
    computed = expected_certainty(d["starts_at"], down, up)
    if computed != certainty:
        c.issue(
            f,
            where + ("certainty",),
            f"is {certainty}, but starting at {d['starts_at']}, rated down {down} and up "
            f"{up} level(s) gives {computed}; expected the rating and its reasons to agree",
        )
    condition = _s(d["condition"])
    if not _s(d["id"]).startswith(condition + "."):
        c.issue(f, where + ("id",), f"'{d['id']}' does not start with its condition; expected {condition}.<outcome>")
    seen: dict[str, int] = {}
    for k, s in enumerate(studies):
        est = s.get("estimate")
        if est is not None and not est["low"] <= est["value"] <= est["high"]:
            c.issue(
                f,
                where + ("studies", k, "estimate"),
                f"value {est['value']} lies outside its interval "
                f"{est['low']} to {est['high']}; expected low <= value <= high",
            )
        if s["id"] in seen:
            c.issue(
                f,
                where + ("studies", k, "id"),
                f"'{s['id']}' is listed twice (also studies[{seen[s['id']]}]); expected each study once",
            )
        seen[s["id"]] = k


def claim_certainty(
    c: _Checker, f: _File, cpath: tuple[Any, ...], cd: dict[str, Any], outcome_certainty: dict[str, tuple[str, str]]
) -> str | None:
    """Check a claim's outcome and certainty; return the certainty the claim takes (its outcome's).

    `outcome_certainty` maps outcome id -> (certainty, "outcomes.yaml:line").
    """
    evidence, outcome, certainty = cd["evidence"], cd.get("outcome"), cd.get("certainty")
    if evidence == labels.RECORD and (outcome is not None or certainty is not None):
        key = "certainty" if certainty is not None else "outcome"
        c.issue(
            f,
            cpath + (key,),
            "a fact about the record (evidence: record) carries no certainty and no outcome; "
            f"expected no {key}, or another label if the claim reports an effect",
        )
        return None
    if certainty is not None and outcome is None:
        c.issue(
            f,
            cpath + ("certainty",),
            "certainty is graded once per outcome, not claim by claim; expected "
            "outcome: <id from outcomes.yaml> (the claim then takes its certainty), or no certainty if the claim "
            "is not about an effect",
        )
        return None
    if outcome is None:
        if evidence in labels.EFFECT_LABELS:
            c.issue(
                f,
                cpath,
                f"a claim labelled {evidence} reports what a study found, but names no outcome; expected "
                "outcome: <id from outcomes.yaml>, or evidence: record if it states a fact about the study "
                "itself (its design, size or dose)",
            )
        return None
    if not c.complete["outcome"]:
        return certainty  # outcomes.yaml could not be read; that problem is already listed
    if outcome not in outcome_certainty:
        if outcome in c.raw_ids["outcome"]:
            return certainty  # the outcome is written but broken; its own problems are listed
        known = sorted(c.raw_ids["outcome"])
        c.issue(
            f,
            cpath + ("outcome",),
            f"no outcome '{outcome}' in outcomes.yaml{schema.did_you_mean(outcome, known)}; "
            "expected the id of an outcome there",
        )
        return certainty
    graded, at = outcome_certainty[outcome]
    if certainty is not None and certainty != graded:
        c.issue(
            f,
            cpath + ("certainty",),
            f"is {certainty} but outcome '{outcome}' is graded {graded} ({at}); "
            "expected the outcome's certainty (or leave certainty out: the claim takes it from the outcome)",
        )
    return graded


def used_outcomes(files: list[_File]) -> set[str]:
    """Outcome ids named by any claim in the chapter files, read from the raw data, so a card that
    fails validation for another reason does not also make its outcome look unused."""
    used: set[str] = set()
    for f in files:
        cards = f.data.get("cards") if isinstance(f.data, dict) else None
        for card in cards if isinstance(cards, list) else ():
            claims = card.get("claims") if isinstance(card, dict) else None
            for claim in claims if isinstance(claims, list) else ():
                if isinstance(claim, dict) and isinstance(claim.get("outcome"), str):
                    used.add(claim["outcome"])
    return used


def cross_check(
    c: _Checker, conditions: list[tuple[Condition, Where]], outcomes: list[tuple[Outcome, Where]], used: set[str]
) -> None:
    """Links out of outcomes.yaml, and outcomes no claim uses."""
    first: dict[str, Where] = {}
    for cond, w in conditions:
        if cond.id in first:
            f0, p0 = first[cond.id]
            c.issue(
                w[0],
                w[1] + ("id",),
                f"duplicate condition id '{cond.id}' (first at line {f0.line(p0)}); expected each once",
            )
        first[cond.id] = w
    known_conditions = sorted(c.raw_ids["condition"])
    with_outcomes = {o.condition for o, _ in outcomes}
    seen: dict[str, Where] = {}
    for o, (f, path) in outcomes:
        if o.id in seen:
            c.issue(
                f,
                path + ("id",),
                f"duplicate outcome id '{o.id}' (first at line {seen[o.id][0].line(seen[o.id][1])}); "
                "expected each outcome once: one rating per outcome",
            )
        seen[o.id] = (f, path)
        if o.condition not in c.raw_ids["condition"]:
            c.issue(
                f,
                path + ("condition",),
                f"no condition '{o.condition}'{schema.did_you_mean(o.condition, known_conditions)}; "
                f"expected one of the conditions listed above it ({', '.join(known_conditions) or 'none defined'})",
            )
        if c.complete["reference"]:
            for k, s in enumerate(o.studies):
                if s.ref not in c.raw_ids["reference"]:
                    c.issue(
                        f,
                        path + ("studies", k, "id"),
                        f"study '{s.ref}' is not in references.yaml"
                        f"{schema.did_you_mean(s.ref, sorted(c.raw_ids['reference']))}; expected a reference id",
                    )
        if c.complete["source"]:
            for k, x in enumerate(o.informal):
                if x.source not in c.raw_ids["source"]:
                    c.issue(
                        f,
                        path + ("informal", k, "source"),
                        f"unknown source '{x.source}'; expected a source id "
                        f"from sources.yaml ({', '.join(sorted(c.raw_ids['source']))})",
                    )
        if c.complete["card"] and o.id not in used:
            c.issue(
                f,
                path + ("id",),
                f"outcome '{o.id}' is not used by any claim; expected a claim with outcome: {o.id} "
                "(an outcome no card teaches is invisible to students), or remove it",
            )
    for cond, (f, path) in conditions:
        if cond.id not in with_outcomes:
            c.issue(
                f,
                path + ("id",),
                f"condition '{cond.id}' has no outcome; expected at least one outcome with condition: {cond.id}",
            )
