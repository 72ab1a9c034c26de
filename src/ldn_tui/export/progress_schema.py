"""The JSON Schema (draft 2020-12) of a JSON progress export, made from `jsonspec`.

`ldn-study schema --progress` prints it. It says what `jsonio.check` says about each row (types,
ranges, required and unknown fields, at most one paused quiz); what needs more than one row at a
time (a key used twice, an attempt's session missing from the file) is checked by `jsonio` alone.
"""

from __future__ import annotations

from typing import Any

from ldn_tui.export.jsonspec import FORMAT, MAX_ROWS, SPEC, SUPPORTED_VERSIONS
from ldn_tui.progress.tables import TABLES

#: An ISO 8601 date or time as `datetime.fromisoformat` reads it ("2026-11-21T09:30:00.000+00:00").
TIME_PATTERN = r"^\d{4}-\d{2}-\d{2}([T ]\d{2}(:\d{2}(:\d{2}([.,]\d+)?)?)?(Z|[+-]\d{2}(:?\d{2})?)?)?$"

_KIND_SCHEMAS: dict[str, dict[str, Any]] = {
    "id": {"type": "integer", "minimum": 1},
    "int": {"type": "integer", "minimum": 0},
    "text": {"type": "string"},
    "nonempty": {"type": "string", "pattern": r"\S"},
    "time": {"type": "string", "pattern": TIME_PATTERN},
    "bool": {"type": "boolean"},
    "score": {"type": "number", "minimum": 0, "maximum": 1},
    "confidence": {"enum": ["sure", "unsure", "guess"]},
    "json": {},
    "object": {"type": "object"},
}

#: What a paused quiz's state must hold for `quiz --resume` (see `quiz.saved`).
_SAVED_QUIZ_STATE = {
    "type": "object",
    "required": ["items"],
    "properties": {
        "items": {
            "type": "array",
            "minItems": 1,
            "items": {"type": "object", "required": ["uid"], "properties": {"uid": {"type": "string", "minLength": 1}}},
        },
        "index": {"type": "integer", "minimum": 0},
        "responses": {"type": "object"},
        "session_id": {"anyOf": [{"type": "integer", "minimum": 1}, {"type": "null"}]},
    },
}


def _column(table: str, name: str, kind: str, nullable: bool) -> dict[str, Any]:
    schema = dict(_SAVED_QUIZ_STATE) if (table, name) == ("saved_quiz", "state") else dict(_KIND_SCHEMAS[kind])
    if nullable and kind != "json":
        return {"anyOf": [schema, {"type": "null"}]}
    return schema


def _table(table: str) -> dict[str, Any]:
    row = {
        "type": "object",
        "properties": {name: _column(table, name, kind, nullable) for name, kind, nullable in SPEC[table]},
        "required": [name for name, _, nullable in SPEC[table] if not nullable],
        "additionalProperties": False,
    }
    schema: dict[str, Any] = {"type": "array", "items": {"$ref": f"#/$defs/{table}_row"}}
    if table in MAX_ROWS:
        schema["maxItems"] = MAX_ROWS[table]
    return {"list": schema, "row": row}


def progress_schema() -> dict[str, Any]:
    """The schema as a plain dict (dump it with `json.dumps`)."""
    tables = {t: _table(t) for t in TABLES}
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "ldn-study progress export (ldn-study export --format json)",
        "type": "object",
        "required": ["format", "schema_version", "tables"],
        "properties": {
            "format": {"const": FORMAT},
            "schema_version": {"enum": sorted(SUPPORTED_VERSIONS)},
            "store_schema_version": {"type": "integer", "minimum": 0},
            "last_activity": {"anyOf": [_KIND_SCHEMAS["time"], {"type": "null"}]},
            "counts": {"type": "object", "additionalProperties": {"type": "integer", "minimum": 0}},
            "tables": {
                "type": "object",
                "properties": {t: s["list"] for t, s in tables.items()},
                "additionalProperties": False,
            },
        },
        "$defs": {f"{t}_row": s["row"] for t, s in tables.items()},
    }
