"""The fixed vocabularies of the content format (see docs/content-format.md).

Kept in one place so the loader, the JSON Schema, the quiz engine's generated
evidence questions and the badges in the app all agree on the same words.
"""

from __future__ import annotations

#: What kind of support a claim has, strongest design first.
EVIDENCE: dict[str, str] = {
    "systematic-review": "Systematic review or meta-analysis",
    "rct": "Randomised controlled trial",
    "pilot-trial": "Pilot or open-label trial",
    "case-series": "Case series",
    "case-report": "Case report",
    "preclinical": "Animal or cell study",
    "mechanistic": "Proposed explanation (mechanism)",
    "expert-opinion": "Expert opinion",
    "anecdote": "Anecdote (a patient's or clinician's story)",
    "regulatory": "Regulatory or established pharmacology",
}

#: GRADE certainty, highest first.
CERTAINTY: dict[str, str] = {
    "high": "High: further research is very unlikely to change the estimate",
    "moderate": "Moderate: further research is likely to have an important impact",
    "low": "Low: further research is very likely to change the estimate",
    "very-low": "Very low: any estimate is very uncertain",
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

#: Kinds whose claims are about whether LDN works or is safe: certainty is required there.
CERTAINTY_REQUIRED_KINDS: frozenset[str] = frozenset({"evidence", "safety"})

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
