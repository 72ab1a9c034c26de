"""The content format, declared once.

The same declarations check loaded YAML (type, required, unknown keys, fixed vocabularies)
and produce the JSON Schema that `ldn-study schema` prints for editors. Rules that need more
than one field (a single-answer question has exactly one correct choice, a claim's source
exists ...) live in validate.py.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from ldn_tui.content import labels
from ldn_tui.content.yamlpos import KeyPath

ID_PATTERN = r"^[a-z0-9][a-z0-9.\-]*$"
SOURCE_ID_PATTERN = r"^src:[0-9]{3}$"

Report = Callable[[KeyPath, str], None]


class Spec:
    description = ""

    def check(self, value: Any, path: KeyPath, report: Report) -> None:  # pragma: no cover - abstract
        raise NotImplementedError

    def json_schema(self) -> dict[str, Any]:  # pragma: no cover - abstract
        raise NotImplementedError

    def expected(self) -> str:  # pragma: no cover - abstract
        raise NotImplementedError


def _type_name(value: Any) -> str:
    if value is None:
        return "nothing (null)"
    if isinstance(value, bool):
        return f"true/false ({str(value).lower()})"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, (int, float)):
        return f"a number ({value})"
    if isinstance(value, str):
        shown = value if len(value) <= 30 else value[:27] + "..."
        return f"text ('{shown}')"
    return type(value).__name__


def did_you_mean(word: str, options: list[str] | tuple[str, ...]) -> str:
    close = difflib.get_close_matches(str(word), list(options), n=1, cutoff=0.6)
    return f" (did you mean '{close[0]}'?)" if close else ""


@dataclass
class Text(Spec):
    description: str = ""
    choices: tuple[str, ...] | None = None
    pattern: str | None = None
    nullable: bool = False
    allow_bool: bool = False  # `verified: yes` reads as true in YAML 1.1; accept it as "yes"

    def check(self, value: Any, path: KeyPath, report: Report) -> None:
        if value is None and self.nullable:
            return
        if isinstance(value, bool) and self.allow_bool:
            return
        if (
            isinstance(value, (int, float))
            and not isinstance(value, bool)
            and self.choices is None
            and self.pattern is None
        ):
            return  # a number where text is expected (e.g. pmid: 123) is harmless; the builder turns it to text
        if not isinstance(value, str):
            report(path, f"is {_type_name(value)}; expected {self.expected()}")
            return
        if not value.strip():
            report(path, f"is empty; expected {self.expected()}")
            return
        if self.choices is not None and value not in self.choices:
            report(
                path,
                f"unknown value '{value}'; expected one of "
                f"{', '.join(self.choices)}{did_you_mean(value, self.choices)}",
            )
        elif self.pattern is not None:
            import re

            if not re.match(self.pattern, value):
                report(path, f"'{value}' is not a valid id; expected {self.expected()}")

    def expected(self) -> str:
        if self.choices is not None:
            return "one of " + ", ".join(self.choices)
        if self.pattern == ID_PATTERN:
            return "an id of lower-case letters, digits, '.' and '-'"
        if self.pattern == SOURCE_ID_PATTERN:
            return "a source id like src:003"
        return "text" + (" or null" if self.nullable else "")

    def json_schema(self) -> dict[str, Any]:
        s: dict[str, Any] = {"type": ["string", "null"] if self.nullable else "string"}
        if self.allow_bool:
            s["type"] = ["string", "boolean"]
        if self.choices is not None:
            s["enum"] = list(self.choices)
        if self.pattern is not None:
            s["pattern"] = self.pattern
        else:
            s["minLength"] = 1
        if self.description:
            s["description"] = self.description
        return s


@dataclass
class Integer(Spec):
    description: str = ""
    nullable: bool = False

    def check(self, value: Any, path: KeyPath, report: Report) -> None:
        if value is None and self.nullable:
            return
        if isinstance(value, bool) or not isinstance(value, int):
            report(path, f"is {_type_name(value)}; expected {self.expected()}")

    def expected(self) -> str:
        return "a whole number" + (" or null" if self.nullable else "")

    def json_schema(self) -> dict[str, Any]:
        s: dict[str, Any] = {"type": ["integer", "null"] if self.nullable else "integer"}
        if self.description:
            s["description"] = self.description
        return s


@dataclass
class Boolean(Spec):
    description: str = ""

    def check(self, value: Any, path: KeyPath, report: Report) -> None:
        if not isinstance(value, bool):
            report(path, f"is {_type_name(value)}; expected true or false")

    def expected(self) -> str:
        return "true or false"

    def json_schema(self) -> dict[str, Any]:
        s: dict[str, Any] = {"type": "boolean"}
        if self.description:
            s["description"] = self.description
        return s


@dataclass
class ListOf(Spec):
    item: Spec
    description: str = ""
    min_items: int = 0

    def check(self, value: Any, path: KeyPath, report: Report) -> None:
        if not isinstance(value, list):
            report(path, f"is {_type_name(value)}; expected a list of {self.item.expected()}")
            return
        if len(value) < self.min_items:
            report(path, f"has {len(value)} item{'s' if len(value) != 1 else ''}; expected at least {self.min_items}")
        for i, v in enumerate(value):
            self.item.check(v, path + (i,), report)

    def expected(self) -> str:
        return f"a list of {self.item.expected()}"

    def json_schema(self) -> dict[str, Any]:
        s: dict[str, Any] = {"type": "array", "items": self.item.json_schema()}
        if self.min_items:
            s["minItems"] = self.min_items
        if self.description:
            s["description"] = self.description
        return s


@dataclass
class Field:
    spec: Spec
    required: bool = False


@dataclass
class Record(Spec):
    name: str
    fields: dict[str, Field] = field(default_factory=dict)
    description: str = ""

    def check(self, value: Any, path: KeyPath, report: Report) -> None:
        if not isinstance(value, dict):
            report(path, f"is {_type_name(value)}; expected {self.expected()}")
            return
        known = list(self.fields)
        for key in value:
            if key not in self.fields:
                report(
                    path + (key,),
                    f"unknown key '{key}' in {self.name}{did_you_mean(key, known)}; expected one of {', '.join(known)}",
                )
        for key, f in self.fields.items():
            if key not in value:
                if f.required:
                    report(path, f"missing required key '{key}' in {self.name}; expected {f.spec.expected()}")
            else:
                f.spec.check(value[key], path + (key,), report)

    def expected(self) -> str:
        return f"a {self.name} (a mapping)"

    def json_schema(self) -> dict[str, Any]:
        s: dict[str, Any] = {
            "type": "object",
            "additionalProperties": False,
            "properties": {k: f.spec.json_schema() for k, f in self.fields.items()},
        }
        req = [k for k, f in self.fields.items() if f.required]
        if req:
            s["required"] = req
        if self.description:
            s["description"] = self.description
        return s


def _req(spec: Spec) -> Field:
    return Field(spec, required=True)


def _opt(spec: Spec) -> Field:
    return Field(spec)


SOURCE_REFS = ListOf(
    Text(description="A source id (src:000 ... src:004) or a reference id from references.yaml"), min_items=1
)

CHOICE = Record(
    "choice",
    {
        "text": _req(Text(description="The answer as shown")),
        "correct": _opt(Boolean(description="True for a correct choice (default false)")),
        "why": _req(Text(description="Why this choice is right or wrong: shown when it is picked")),
    },
)

QUESTION = Record(
    "question",
    {
        "id": _req(Text(pattern=ID_PATTERN, description="Stable id, unique within the card")),
        "type": _req(Text(choices=labels.QUESTION_TYPES)),
        "prompt": _req(Text(description="The question; cloze prompts hold one blank written ___")),
        "explanation": _req(Text(description="Shown after every answer")),
        "focus": _opt(Text(choices=labels.FOCUS)),
        "claim": _opt(
            Text(pattern=r"^[a-z0-9][a-z0-9\-]*$", description="Id of the claim on this card that the question tests")
        ),
        "choices": _opt(ListOf(CHOICE, description="single and multiple questions")),
        "answer": _opt(Boolean(description="true-false questions")),
        "answers": _opt(ListOf(Text(), description="cloze: accepted answers, the first is shown")),
        "items": _opt(ListOf(Text(), description="order: the items in their correct order")),
    },
)

CLAIM = Record(
    "claim",
    {
        "id": _req(Text(pattern=r"^[a-z0-9][a-z0-9\-]*$", description="Stable id, unique within the card")),
        "text": _req(Text()),
        "evidence": _req(Text(choices=tuple(labels.EVIDENCE))),
        "certainty": _opt(Text(choices=tuple(labels.CERTAINTY))),
        "sources": _req(SOURCE_REFS),
        "note": _opt(Text()),
    },
)

VERSION = Record("version", {"says": _req(Text()), "sources": _req(SOURCE_REFS)})

DISAGREEMENT = Record(
    "disagreement",
    {
        "topic": _req(Text()),
        "versions": _req(ListOf(VERSION, min_items=2)),
        "verdict": _req(Text(description="Which evidence is stronger, and why")),
    },
)

CARD = Record(
    "card",
    {
        "id": _req(Text(pattern=ID_PATTERN, description="Stable id, unique across all content")),
        "title": _req(Text()),
        "kind": _req(Text(choices=labels.KINDS)),
        "body": _req(Text(description="Markdown")),
        "claims": _opt(ListOf(CLAIM)),
        "disagreements": _opt(ListOf(DISAGREEMENT)),
        "quiz": _opt(ListOf(QUESTION)),
        "see_also": _opt(ListOf(Text(pattern=ID_PATTERN))),
        "terms": _opt(ListOf(Text())),
    },
)

CHAPTER = Record(
    "chapter",
    {
        "id": _req(Text(pattern=ID_PATTERN)),
        "title": _req(Text()),
        "order": _req(Integer()),
        "summary": _req(Text()),
    },
)

CHAPTER_FILE = Record(
    "chapter file",
    {"chapter": _req(CHAPTER), "cards": _req(ListOf(CARD, min_items=1))},
    description="One chapter of ldn-study content",
)

REFERENCE = Record(
    "reference",
    {
        "id": _req(Text(pattern=ID_PATTERN)),
        "citation": _req(Text()),
        "year": _opt(Integer(nullable=True)),
        "authors": _opt(Text(nullable=True)),
        "title": _opt(Text(nullable=True)),
        "journal": _opt(Text(nullable=True)),
        "pmid": _opt(Text(nullable=True)),
        "doi": _opt(Text(nullable=True)),
        "pmcid": _opt(Text(nullable=True)),
        "design": _opt(Text(nullable=True)),
        "n": _opt(Text(nullable=True)),
        "findings": _opt(Text(nullable=True)),
        "verified": _req(Text(choices=tuple(labels.VERIFIED), allow_bool=True)),
        "discrepancies": _opt(Text(nullable=True)),
        "cited_in": _opt(ListOf(Text(pattern=SOURCE_ID_PATTERN))),
    },
)

REFERENCES_FILE = Record("references file", {"references": _req(ListOf(REFERENCE, min_items=1))})

SOURCE = Record(
    "source",
    {
        "id": _req(Text(pattern=SOURCE_ID_PATTERN)),
        "file": _req(Text()),
        "title": _req(Text()),
        "kind": _req(Text()),
        "author": _req(Text()),
        "year": _req(Text()),
        "audience": _req(Text()),
        "keep_in_mind": _req(Text()),
    },
)

SOURCES_FILE = Record("sources file", {"sources": _req(ListOf(SOURCE, min_items=1))})

TERM = Record(
    "glossary term",
    {
        "term": _req(Text()),
        "definition": _req(Text()),
        "aliases": _opt(ListOf(Text())),
        "see_also": _opt(ListOf(Text())),
    },
)

GLOSSARY_FILE = Record("glossary file", {"glossary": _req(ListOf(TERM, min_items=1))})


def json_schema() -> dict[str, Any]:
    """One schema for every content file: which branch applies is decided by the top-level key."""
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "https://ldn-study.invalid/content.schema.json",
        "title": "ldn-study content file",
        "description": "A chapter file, references.yaml, sources.yaml or glossary.yaml. See docs/content-format.md.",
        "oneOf": [
            CHAPTER_FILE.json_schema(),
            REFERENCES_FILE.json_schema(),
            SOURCES_FILE.json_schema(),
            GLOSSARY_FILE.json_schema(),
        ],
    }
