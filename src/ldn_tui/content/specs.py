"""The building blocks of the content format: typed field specs that check loaded YAML and
describe themselves as JSON Schema.

schema.py (chapters, references, sources, glossary) and outcome_schema.py (outcomes.yaml) declare
the files with these; one declaration serves both the validator and `ldn-study schema`.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

ID_PATTERN = r"^[a-z0-9][a-z0-9.\-]*$"
SOURCE_ID_PATTERN = r"^src:[0-9]{3}$"

KeyPath = tuple[Any, ...]
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
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            # YAML reads 1963 as a number and 0.10 as 0.1: text must be quoted so it stays as written.
            report(path, f'is {_type_name(value)}; expected {self.expected()}: put it in quotes, e.g. "{value}"')
            return
        if not isinstance(value, str):
            report(path, f"is {_type_name(value)}; expected {self.expected()}")
            return
        if not value.strip():
            report(path, f"is empty; expected {self.expected()}")
            return
        if self.choices is not None and value not in self.choices:
            report(
                path,
                f"unknown value '{value}'; expected one of {', '.join(self.choices)}{did_you_mean(value, self.choices)}",
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
            s["enum"] = list(self.choices) + ([None] if self.nullable else [])
        elif self.pattern is not None:
            s["pattern"] = self.pattern
        else:
            s["pattern"] = r"\S"  # not empty or blank, as check() requires
        if self.description:
            s["description"] = self.description
        return s


def is_whole(value: Any) -> bool:
    """A whole number as JSON Schema sees one: 10 and 10.0, never true/false."""
    if isinstance(value, bool):
        return False
    return isinstance(value, int) or (isinstance(value, float) and value.is_integer())


@dataclass
class Integer(Spec):
    description: str = ""
    nullable: bool = False
    minimum: int | None = None
    maximum: int | None = None

    def check(self, value: Any, path: KeyPath, report: Report) -> None:
        if value is None and self.nullable:
            return
        if not is_whole(value):
            report(path, f"is {_type_name(value)}; expected {self.expected()}")
        elif (self.minimum is not None and value < self.minimum) or (self.maximum is not None and value > self.maximum):
            report(path, f"is {int(value)}; expected {self.expected()}")

    def expected(self) -> str:
        what = "a whole number"
        if self.minimum is not None and self.maximum is not None:
            what += f" from {self.minimum} to {self.maximum}"
        elif self.minimum is not None:
            what += f" of at least {self.minimum}"
        return what + (" or null" if self.nullable else "")

    def json_schema(self) -> dict[str, Any]:
        s: dict[str, Any] = {"type": ["integer", "null"] if self.nullable else "integer"}
        if self.minimum is not None:
            s["minimum"] = self.minimum
        if self.maximum is not None:
            s["maximum"] = self.maximum
        if self.description:
            s["description"] = self.description
        return s


@dataclass
class Number(Spec):
    """Any number (an estimate or a confidence limit)."""

    description: str = ""

    def check(self, value: Any, path: KeyPath, report: Report) -> None:
        if isinstance(value, bool) or not isinstance(value, (int, float)) or value != value:
            report(path, f"is {_type_name(value)}; expected {self.expected()}")

    def expected(self) -> str:
        return "a number"

    def json_schema(self) -> dict[str, Any]:
        s: dict[str, Any] = {"type": "number"}
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
    max_items: int | None = None

    def check(self, value: Any, path: KeyPath, report: Report) -> None:
        if not isinstance(value, list):
            report(path, f"is {_type_name(value)}; expected a list of {self.item.expected()}")
            return
        if len(value) < self.min_items or (self.max_items is not None and len(value) > self.max_items):
            report(path, f"has {len(value)} item{'s' if len(value) != 1 else ''}; expected {self._range()}")
        for i, v in enumerate(value):
            self.item.check(v, path + (i,), report)

    def _range(self) -> str:
        if self.max_items is not None:
            return f"{self.min_items} to {self.max_items}"
        return f"at least {self.min_items}"

    def expected(self) -> str:
        return f"a list of {self.item.expected()}"

    def json_schema(self) -> dict[str, Any]:
        s: dict[str, Any] = {"type": "array", "items": self.item.json_schema()}
        if self.min_items:
            s["minItems"] = self.min_items
        if self.max_items is not None:
            s["maxItems"] = self.max_items
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
    #: JSON Schema fragments for rules across this record's fields (each enforced in Python too).
    rules: tuple[dict[str, Any], ...] = ()

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
        if self.rules:
            s["allOf"] = [dict(rule) for rule in self.rules]
        if self.description:
            s["description"] = self.description
        return s


def req(spec: Spec) -> Field:
    return Field(spec, required=True)


def opt(spec: Spec) -> Field:
    return Field(spec)


def when(key: str, *values: str) -> dict[str, Any]:
    """JSON Schema `if`: the record's `key` holds one of `values`."""
    cond: dict[str, Any] = {"const": values[0]} if len(values) == 1 else {"enum": list(values)}
    return {"properties": {key: cond}, "required": [key]}
