"""The fixed vocabularies of the content format (see docs/content-format.md).

Kept in one place so the loader, the JSON Schema, the quiz engine's generated
evidence questions, the evidence profiles and the badges in the app all agree on the
same words.
"""

from __future__ import annotations

#: What kind of support a claim has, strongest design first; `regulatory` and `record` sit
#: outside the ladder (they are not designs). The values are short display names (quiz choices,
#: filters, badges); EVIDENCE_MEANING says what each label is for.
EVIDENCE: dict[str, str] = {
    "systematic-review": "Systematic review or meta-analysis",
    "rct": "Randomised controlled trial",
    "pilot-trial": "Pilot or open-label trial",
    "observational": "Observational study",
    "case-series": "Case series",
    "case-report": "Case report",
    "preclinical": "Laboratory or animal study",
    "mechanistic": "Proposed explanation (mechanism)",
    "expert-opinion": "Expert opinion",
    "anecdote": "Anecdote or testimonial",
    "regulatory": "Drug label or established pharmacology",
    "record": "Fact of record",
}

#: One meaning per label, so that no label becomes a catch-all (docs/content-format.md).
EVIDENCE_MEANING: dict[str, str] = {
    "systematic-review": "A review that searched for and pooled every eligible study by a stated method.",
    "rct": "A trial that assigned treatment by chance, parallel or crossover.",
    "pilot-trial": "A small, often open-label or single-blind trial that tests feasibility.",
    "observational": "A survey, cohort or uncontrolled prospective study.",
    "case-series": "Several patients treated and described, with no comparison group.",
    "case-report": "One patient's course, written up.",
    "preclinical": "Laboratory work in animals, cells or tissue.",
    "mechanistic": "A proposed explanation of how something works, with nothing measured in patients.",
    "expert-opinion": "An expert's reasoned view: a judgement, an inference, a recommendation or advocacy.",
    "anecdote": "A patient's story, or a practitioner's uncontrolled experience (testimonial).",
    "regulatory": "The drug label and established pharmacology.",
    "record": (
        "A fact about the record: what a source says, who wrote it, when something happened, what a"
        " regulator approved. True or false, never graded for certainty."
    ),
}

#: The label for facts about the record: true or false, but never graded for certainty.
RECORD = "record"

#: Labels that say a study measured an effect: a claim with one of them must name the outcome
#: it reports on (outcomes.yaml), and takes that outcome's certainty.
EFFECT_LABELS: frozenset[str] = frozenset({"systematic-review", "rct", "pilot-trial", "case-series", "case-report"})

#: GRADE certainty, highest first.
CERTAINTY: dict[str, str] = {
    "high": "High: further research is very unlikely to change the estimate",
    "moderate": "Moderate: further research is likely to have an important impact",
    "low": "Low: further research is very likely to change the estimate",
    "very-low": "Very low: any estimate is very uncertain",
}

#: GRADE's symbols for each level, as Summary-of-Findings tables print them.
CERTAINTY_SYMBOLS: dict[str, str] = {
    "high": "⊕⊕⊕⊕",
    "moderate": "⊕⊕⊕◯",
    "low": "⊕⊕◯◯",
    "very-low": "⊕◯◯◯",
}

#: Certainty as a number of levels (very low = 1 ... high = 4), for the rating arithmetic.
CERTAINTY_LEVEL: dict[str, int] = {"very-low": 1, "low": 2, "moderate": 3, "high": 4}

#: Where GRADE starts a body of evidence: randomised trials at high, everything else at low.
STARTS_AT: tuple[str, ...] = ("high", "low")

#: GRADE's five reasons for rating certainty down, and three for rating it up.
RATED_DOWN: dict[str, str] = {
    "risk-of-bias": "Risk of bias",
    "inconsistency": "Inconsistency",
    "indirectness": "Indirectness",
    "imprecision": "Imprecision",
    "publication-bias": "Publication bias",
}
RATED_UP: dict[str, str] = {
    "large-effect": "Large effect",
    "dose-response": "Dose-response gradient",
    "plausible-confounding": "Plausible confounding would reduce the effect",
}

#: The design of a study counted in an outcome, strongest first (the evidence map's ranking).
STUDY_DESIGNS: dict[str, str] = {
    "systematic-review": "Systematic review",
    "rct": "RCT",
    "crossover-rct": "Crossover RCT",
    "pilot-trial": "Pilot trial",
    "observational": "Observational",
    "case-series": "Case series",
    "case-report": "Case report",
    "narrative-review": "Narrative review only",
    "preclinical": "Animal or laboratory only",
}

#: Support for an outcome that is not a study, weakest last (it ranks below every design).
INFORMAL_KINDS: dict[str, str] = {
    "anecdote": "Anecdote only",
    "expert-opinion": "Expert opinion only",
}

#: Designs whose studies allocate treatment by chance: a body of evidence starts at high only
#: when one of these is among its studies.
RANDOMISED_DESIGNS: frozenset[str] = frozenset({"systematic-review", "rct", "crossover-rct", "pilot-trial"})

#: Which way an effect went, as the studies report it.
DIRECTIONS: dict[str, str] = {
    "benefit": "Favours LDN",
    "harm": "LDN causes harm or more adverse effects",
    "little-or-no-difference": "Little or no difference",
    "conflicting": "Studies conflict",
    "not-estimable": "No comparison that gives an effect",
}

#: GRADE's standard plain-language wording (Santesso et al., GRADE guidelines 26, 2020): what a
#: statement must say at each level ("LDN probably reduces...", "may reduce...", "the evidence is
#: very uncertain about..."), as regular expressions shared by the Python check and the JSON
#: Schema (so they avoid flags: case is spelt out).
STATEMENT_WORDING: dict[str, str] = {
    "moderate": r"\b([Pp]robably|[Ll]ikely)\b",
    "low": r"\b[Mm]ay\b",
    "very-low": r"[Vv]ery uncertain",
}
#: High certainty uses plain verbs ("reduces", "results in little or no difference"): no hedge.
HIGH_CERTAINTY_HEDGE = r"\b([Mm]ay|[Mm]ight|[Pp]robably|[Ll]ikely|[Uu]ncertain)\b"

#: What each level's statement sounds like, for messages and the docs.
STATEMENT_EXAMPLE: dict[str, str] = {
    "high": "LDN reduces ... / results in little or no difference to ...",
    "moderate": "LDN probably reduces ... / probably makes little or no difference to ...",
    "low": "LDN may reduce ... / may make little or no difference to ...",
    "very-low": "The evidence is very uncertain about the effect of LDN on ...",
}

#: Card kinds (also the `kind:` search filter and a quiz selector).
KINDS: tuple[str, ...] = (
    "orientation",
    "history",
    "pharmacology",
    "mechanism",
    "dosing",
    "evidence",
    "appraisal",
    "safety",
)

QUESTION_TYPES: tuple[str, ...] = ("single", "multiple", "true-false", "cloze", "order")

#: What a question trains: recalling a fact, or appraising evidence and sources.
FOCUS: tuple[str, ...] = ("fact", "appraisal")

#: How far a reference was checked against a public copy.
VERIFIED: dict[str, str] = {
    "yes": "Checked against the full text or the record",
    "abstract": "Checked against the abstract only",
    "partial": "Partly checked (e.g. a secondary account, or identified by topic only)",
    "no": "Not found in any public copy; details as the source gives them",
}

SOURCE_ID_PREFIX = "src:"
