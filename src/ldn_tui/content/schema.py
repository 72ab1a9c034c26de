"""The content format, declared once.

The same declarations check loaded YAML (type, required, unknown keys, fixed vocabularies)
and produce the JSON Schema that `ldn-study schema` prints for editors. Rules that need more
than one field are written twice, on purpose: in Python (folder.py, outcomes.py), where they
give file:line messages, and as JSON Schema fragments (`rules=` on a Record) so an editor flags
the same mistakes. tests/unit/test_schema_agreement.py holds the two to the same verdicts. Rules
that cross files (a claim's outcome exists and agrees on certainty, a study is in
references.yaml ...) cannot be written in JSON Schema and live in Python only.
"""

from __future__ import annotations

from typing import Any

from ldn_tui.content import labels
from ldn_tui.content.outcome_schema import OUTCOMES_FILE
from ldn_tui.content.specs import (
    ID_PATTERN,
    SOURCE_ID_PATTERN,
    Boolean,
    Field,
    Integer,
    KeyPath,
    ListOf,
    Record,
    Report,
    Spec,
    Text,
    did_you_mean,
    opt,
    req,
    when,
)

__all__ = [
    "CARD",
    "CHAPTER_FILE",
    "CLAIM",
    "FILE_KINDS",
    "GLOSSARY_FILE",
    "OUTCOMES_FILE",
    "QUESTION",
    "REFERENCES_FILE",
    "SOURCES_FILE",
    "Boolean",
    "Field",
    "Integer",
    "KeyPath",
    "ListOf",
    "Record",
    "Report",
    "Spec",
    "Text",
    "did_you_mean",
    "json_schema",
]

SOURCE_REFS = ListOf(
    Text(description="A source id (src:000 ... src:004) or a reference id from references.yaml"), min_items=1
)

CHOICE = Record(
    "choice",
    {
        "text": req(Text(description="The answer as shown")),
        "correct": opt(Boolean(description="True for a correct choice (default false)")),
        "why": req(Text(description="Why this choice is right or wrong: shown when it is picked")),
    },
)

#: One blank (a run of three or more underscores) and no second one: chapters_check.BLANK, counted.
ONE_BLANK = r"^(?![\s\S]*_{3,}[^_][\s\S]*_{3,})[\s\S]*_{3,}"
#: At least one letter or digit, so a typed answer can match (chapters_check.normalise_token).
HAS_ALNUM = r"[^\W_]"


def _only(wanted: str) -> dict[str, Any]:
    """The answer field of one question type is required and the others' are forbidden."""
    fields = {"choices", "answer", "answers", "items"}
    return {"required": [wanted], "properties": {other: False for other in sorted(fields - {wanted})}}


_CORRECT = {"properties": {"correct": {"const": True}}, "required": ["correct"]}

QUESTION_RULES: tuple[dict[str, Any], ...] = (
    {
        "if": when("type", "single", "multiple"),
        "then": {
            **_only("choices"),
            "properties": {**_only("choices")["properties"], "choices": {"minItems": 2, "maxItems": 8}},
        },
    },
    {
        "if": when("type", "single"),
        "then": {"properties": {"choices": {"contains": _CORRECT, "minContains": 1, "maxContains": 1}}},
        "$comment": "a single-answer question has exactly one correct choice",
    },
    {
        "if": when("type", "multiple"),
        "then": {"properties": {"choices": {"contains": _CORRECT}}},
        "$comment": "a multiple-answer question has at least one correct choice",
    },
    {"if": when("type", "true-false"), "then": _only("answer")},
    {
        "if": when("type", "cloze"),
        "then": {
            **_only("answers"),
            "properties": {
                **_only("answers")["properties"],
                "prompt": {"pattern": ONE_BLANK},
                "answers": {"minItems": 1, "items": {"pattern": HAS_ALNUM}},
            },
        },
    },
    {
        "if": when("type", "order"),
        "then": {
            **_only("items"),
            "properties": {
                **_only("items")["properties"],
                "items": {"minItems": 3, "maxItems": 8, "uniqueItems": True},
            },
        },
    },
)

QUESTION = Record(
    "question",
    {
        "id": req(Text(pattern=ID_PATTERN, description="Stable id, unique within the card")),
        "type": req(Text(choices=labels.QUESTION_TYPES)),
        "prompt": req(Text(description="The question; cloze prompts hold one blank written ___")),
        "explanation": req(Text(description="Shown after every answer")),
        "focus": opt(Text(choices=labels.FOCUS)),
        "objective": opt(Text(description="id of the learning objective the question tests (objectives.yaml)")),
        "claim": opt(
            Text(pattern=r"^[a-z0-9][a-z0-9\-]*$", description="Id of the claim on this card that the question tests")
        ),
        "choices": opt(ListOf(CHOICE, description="single and multiple questions")),
        "answer": opt(Boolean(description="true-false questions")),
        "answers": opt(ListOf(Text(), description="cloze: accepted answers, the first is shown")),
        "items": opt(ListOf(Text(), description="order: the items in their correct order")),
    },
    rules=QUESTION_RULES,
)

CLAIM_RULES: tuple[dict[str, Any], ...] = (
    {
        "dependentRequired": {"certainty": ["outcome"]},
        "$comment": "certainty is graded once per outcome: a claim has one only through its outcome",
    },
    {
        "if": when("evidence", labels.RECORD),
        "then": {"properties": {"certainty": False, "outcome": False}},
        "$comment": "a fact about the record carries no certainty and no outcome",
    },
    {
        "if": when("evidence", *sorted(labels.EFFECT_LABELS)),
        "then": {"required": ["outcome"]},
        "$comment": "a claim labelled with a study design reports an effect, so it names its outcome",
    },
)

CLAIM = Record(
    "claim",
    {
        "id": req(Text(pattern=r"^[a-z0-9][a-z0-9\-]*$", description="Stable id, unique within the card")),
        "text": req(Text()),
        "evidence": req(Text(choices=tuple(labels.EVIDENCE))),
        "outcome": opt(Text(pattern=ID_PATTERN, description="The outcome in outcomes.yaml this claim reports on")),
        "certainty": opt(
            Text(
                choices=tuple(labels.CERTAINTY),
                description="Optional: the outcome's certainty, repeated (it must agree)",
            )
        ),
        "sources": req(SOURCE_REFS),
        "note": opt(Text()),
        "rationale": opt(
            Text(
                description="the explanation shown with the questions generated from this claim, in place of the generated one"
            )
        ),
    },
    rules=CLAIM_RULES,
)

VERSION = Record("version", {"says": req(Text()), "sources": req(SOURCE_REFS)})

DISAGREEMENT = Record(
    "disagreement",
    {
        "topic": req(Text()),
        "versions": req(ListOf(VERSION, min_items=2)),
        "verdict": req(Text(description="Which evidence is stronger, and why")),
    },
)

CARD = Record(
    "card",
    {
        "id": req(Text(pattern=ID_PATTERN, description="Stable id, unique across all content")),
        "title": req(Text()),
        "kind": req(Text(choices=labels.KINDS)),
        "body": req(Text(description="Markdown")),
        "claims": opt(ListOf(CLAIM)),
        "disagreements": opt(ListOf(DISAGREEMENT)),
        "quiz": req(ListOf(QUESTION, min_items=1, description="Every card teaches and tests: at least one question")),
        "see_also": opt(ListOf(Text(pattern=ID_PATTERN))),
        "terms": opt(ListOf(Text())),
    },
)

CHAPTER = Record(
    "chapter",
    {
        "id": req(Text(pattern=ID_PATTERN)),
        "title": req(Text()),
        "order": req(Integer()),
        "summary": req(Text()),
    },
)

CHAPTER_FILE = Record(
    "chapter file",
    {"chapter": req(CHAPTER), "cards": req(ListOf(CARD, min_items=1))},
    description="One chapter of ldn-study content",
)

REFERENCE = Record(
    "reference",
    {
        "id": req(Text(pattern=ID_PATTERN)),
        "citation": req(Text()),
        "year": opt(Integer(nullable=True)),
        "authors": opt(Text(nullable=True)),
        "title": opt(Text(nullable=True)),
        "journal": opt(Text(nullable=True)),
        "pmid": opt(Text(nullable=True)),
        "doi": opt(Text(nullable=True)),
        "pmcid": opt(Text(nullable=True)),
        "design": opt(Text(nullable=True)),
        "n": opt(Text(nullable=True)),
        "findings": opt(Text(nullable=True)),
        "verified": req(Text(choices=tuple(labels.VERIFIED), allow_bool=True)),
        "discrepancies": opt(Text(nullable=True)),
        "cited_in": opt(ListOf(Text(pattern=SOURCE_ID_PATTERN))),
    },
)

REFERENCES_FILE = Record("references file", {"references": req(ListOf(REFERENCE, min_items=1))})

SOURCE = Record(
    "source",
    {
        "id": req(Text(pattern=SOURCE_ID_PATTERN)),
        "file": req(Text()),
        "title": req(Text()),
        "name": opt(
            Text(description="the one short name a student reads everywhere, e.g. 'the pain clinic newsletter'")
        ),
        "kind": req(Text()),
        "author": req(Text()),
        "year": req(Text()),
        "audience": req(Text()),
        "keep_in_mind": req(Text()),
    },
)

SOURCES_FILE = Record("sources file", {"sources": req(ListOf(SOURCE, min_items=1))})

TERM = Record(
    "glossary term",
    {
        "term": req(Text()),
        "definition": req(Text()),
        "aliases": opt(ListOf(Text())),
        "see_also": opt(ListOf(Text())),
    },
)

GLOSSARY_FILE = Record("glossary file", {"glossary": req(ListOf(TERM, min_items=1))})


OBJECTIVE = Record(
    "learning objective",
    {
        "id": req(Text(pattern=r"^[a-z][a-z0-9-]*\.[a-z0-9][a-z0-9-]*$")),
        "text": req(Text(pattern=r"^The student can ")),
    },
)

OBJECTIVES_FILE = Record("objectives file", {"objectives": req(ListOf(OBJECTIVE, min_items=1))})


#: File kinds, the top-level keys that identify each, and its spec (for the JSON Schema).
FILE_KINDS: tuple[tuple[str, tuple[str, ...], Record], ...] = (
    ("chapter_file", ("chapter", "cards"), CHAPTER_FILE),
    ("references_file", ("references",), REFERENCES_FILE),
    ("sources_file", ("sources",), SOURCES_FILE),
    ("glossary_file", ("glossary",), GLOSSARY_FILE),
    ("outcomes_file", ("outcomes", "conditions"), OUTCOMES_FILE),
    ("objectives_file", ("objectives",), OBJECTIVES_FILE),
)


def json_schema() -> dict[str, Any]:
    """One schema for every content file. The file's top-level key decides which definition
    applies (`if`/`then`, not `oneOf`), so an error is reported against that file kind alone
    rather than as "not valid under any of the given schemas"."""
    chain: dict[str, Any] = {
        "additionalProperties": False,
        "minProperties": 1,
        "properties": {key: True for _, keys, _ in FILE_KINDS for key in keys},
        "$comment": "not a content file: expected one of the top-level keys above",
    }
    for name, keys, _ in reversed(FILE_KINDS):
        test: dict[str, Any] = (
            {"required": [keys[0]]} if len(keys) == 1 else {"anyOf": [{"required": [k]} for k in keys]}
        )
        chain = {"if": test, "then": {"$ref": f"#/$defs/{name}"}, "else": chain}
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "https://ldn-study.invalid/content.schema.json",
        "title": "ldn-study content file",
        "description": (
            "A chapter file, references.yaml, sources.yaml, glossary.yaml or outcomes.yaml. "
            "See docs/content-format.md. Rules that span files (a claim's outcome exists and "
            "agrees on certainty, a study is in references.yaml) are checked by `ldn-study validate` only."
        ),
        "type": "object",
        **chain,
        "$defs": {name: spec.json_schema() for name, _, spec in FILE_KINDS},
    }
