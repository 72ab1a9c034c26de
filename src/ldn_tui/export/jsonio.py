"""A complete, versioned JSON copy of a student's progress, and restoring it (`ldn-study import`).

The file holds every table of the progress store that belongs to the student (sessions,
attempts, card views, bookmarks, notes, schedule, reference opens, question flags, the paused
quiz, settings; the layout is `jsonspec`, as a JSON Schema `progress_schema`):

    {
      "counts": {"attempts": 812, ...},
      "format": "ldn-study-progress",
      "last_activity": "2026-11-20T18:02:11.120+00:00",
      "schema_version": 2,
      "store_schema_version": 3,
      "tables": {"attempts": [{...}, ...], ...}
    }

It is reproducible: keys sorted, rows in a fixed order (by id, or by their key), and no
"exported at" time; `last_activity` is the latest time found in the data itself. So export,
import into a fresh store, export again gives the identical file. JSON-valued columns (an
attempt's `answer`, a session's `selection`, a schedule row's FSRS `card`, a setting's `value`,
a paused quiz's `state`) are written as JSON values, not as text; booleans are true/false.

`last_opened_at` (set every time the store opens) is bookkeeping, not progress, and is left out.

Restoring a file is `jsonimport` (this module writes and checks it). Import restores into an
empty store. A store that already holds progress is refused unless
`force` is given, in which case the file is *merged*: rows already there are skipped (the same
answer at the same time, the same view, the same flag ...), a note, schedule row or paused quiz
is replaced only by a newer one, and settings already set are kept. Everything in the file is
checked before anything is written; problems are reported as
`file: tables.attempts[3].score: expected ...`.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

from ldn_tui.export.common import ExportError
from ldn_tui.export.jsonspec import (
    ACTIVITY_COLUMNS,
    BOOL_COLUMNS,
    FORMAT,
    JSON_COLUMNS,
    KEY,
    KINDS,
    MAX_ROWS,
    SCHEMA_VERSION,
    SPEC,
    SUPPORTED_VERSIONS,
    VOLATILE_SETTINGS,
    columns,
)
from ldn_tui.progress.tables import PROGRESS_TABLES, TABLES


class ImportFileError(ExportError):
    """The file cannot be imported (unreadable, not an export, a newer version, bad rows)."""


class StoreNotEmpty(ExportError):
    """The store already holds progress and `force` was not given."""


# --- export -----------------------------------------------------------------------------------


def decode_json(text: Any) -> Any:
    if not isinstance(text, str):
        return text
    try:
        return json.loads(text)
    except ValueError:
        return text


def export_data(store) -> dict[str, Any]:
    """The export as a plain dict (see the module docstring) from a `ProgressStore`."""
    raw = store.export_rows()
    tables: dict[str, list[dict[str, Any]]] = {}
    for table in TABLES:
        rows = []
        for r in raw.get(table, []):
            if table == "settings" and r.get("key") in VOLATILE_SETTINGS:
                continue
            row = {}
            for col in columns(table):
                value = r.get(col)
                if (table, col) in JSON_COLUMNS:
                    value = decode_json(value)
                elif (table, col) in BOOL_COLUMNS:
                    value = bool(value)
                elif col == "score" and value is not None:
                    value = float(value)
                row[col] = value
            rows.append(row)
        rows.sort(key=lambda row, t=table: tuple(row[k] for k in KEY[t]))
        tables[table] = rows
    times = [row[c] for t in PROGRESS_TABLES for row in tables[t] for c in ACTIVITY_COLUMNS[t] if row.get(c)]
    return {
        "format": FORMAT,
        "schema_version": SCHEMA_VERSION,
        "store_schema_version": store.schema_version,
        "last_activity": max(times) if times else None,
        "counts": {t: len(tables[t]) for t in TABLES},
        "tables": tables,
    }


def dumps(data: dict[str, Any]) -> str:
    return json.dumps(data, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def export_json(store) -> bytes:
    """The JSON export of `store`, as UTF-8 bytes."""
    return dumps(export_data(store)).encode("utf-8")


# --- reading and checking a file --------------------------------------------------------------


#: Limits on an import file, so a hostile or broken file gets a clear error, not a traceback,
#: a freeze or all the memory: its size, how deeply values nest, how long a number may be.
MAX_IMPORT_BYTES = 64 * 1024 * 1024
MAX_DEPTH = 32
MAX_NUMBER_CHARS = 40


class _Limit(ValueError):
    pass


def _number(kind: type) -> Callable[[str], Any]:
    def parse(text: str) -> Any:
        if len(text) > MAX_NUMBER_CHARS:
            raise _Limit(f"a number {len(text)} characters long (at most {MAX_NUMBER_CHARS} are allowed)")
        return kind(text)

    return parse


def _depth(value: Any) -> int:
    """How deeply `value` nests (iteratively: a deep value must not exhaust the stack)."""
    deepest = 0
    stack = [(value, 1)]
    while stack:
        item, d = stack.pop()
        if isinstance(item, dict | list):
            deepest = max(deepest, d)
            if d > MAX_DEPTH:
                return d
            stack.extend((v, d + 1) for v in (item.values() if isinstance(item, dict) else item))
    return deepest


def _constant(name: str) -> Any:
    raise _Limit(f"{name} is not a number JSON allows")


def read_export(path: Path | str) -> dict[str, Any]:
    """Read and check an export file; return its checked tables. Raises `ImportFileError`."""
    path = Path(path)
    try:
        size = path.stat().st_size
    except OSError:
        size = 0
    if size > MAX_IMPORT_BYTES:
        raise ImportFileError(
            f"{path} is {size / 1e6:.0f} MB; an ldn-study export is at most {MAX_IMPORT_BYTES // 2**20} MiB. "
            "Nothing was changed."
        )
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise ImportFileError(f"{path}: no such file.") from None
    except IsADirectoryError:
        raise ImportFileError(f"{path} is a folder, not an export file.") from None
    except OSError as exc:
        raise ImportFileError(f"Cannot read {path}: {exc.strerror or exc}.") from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ImportFileError(f"{path} is not an ldn-study progress export (it is not UTF-8 text).") from None
    try:
        data = json.loads(text, parse_int=_number(int), parse_float=_number(float), parse_constant=_constant)
    except json.JSONDecodeError as exc:
        raise ImportFileError(
            f"{path} is not an ldn-study progress export: it is not valid JSON "
            f"(line {exc.lineno}, column {exc.colno}: {exc.msg})."
        ) from None
    except _Limit as exc:
        raise ImportFileError(f"{path} cannot be imported: it holds {exc}. Nothing was changed.") from None
    except RecursionError:
        raise ImportFileError(
            f"{path} cannot be imported: its values nest too deeply (at most {MAX_DEPTH} levels). Nothing was changed."
        ) from None
    if _depth(data) > MAX_DEPTH:
        raise ImportFileError(
            f"{path} cannot be imported: its values nest too deeply (at most {MAX_DEPTH} levels). Nothing was changed."
        )
    return check(data, str(path))


def check(data: Any, source: str = "the file") -> dict[str, Any]:
    """Check a decoded export; return `{"tables": {...}, "schema_version": N}`. Raises `ImportFileError`."""
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        found = data.get("format") if isinstance(data, dict) else None
        what = f' (its "format" is {json.dumps(found)})' if found is not None else ""
        raise ImportFileError(
            f'{source} is not an ldn-study progress export{what}: expected "format": "{FORMAT}". '
            "Make one with `ldn-study export --format json`."
        )
    version = data.get("schema_version")
    if not isinstance(version, int) or isinstance(version, bool):
        raise ImportFileError(f'{source}: "schema_version" is missing or not a whole number.')
    if version not in SUPPORTED_VERSIONS:
        if version > max(SUPPORTED_VERSIONS):
            raise ImportFileError(
                f"{source} was written by a newer ldn-study (export format version {version}; this "
                f"version reads up to {max(SUPPORTED_VERSIONS)}). Upgrade ldn-study to import it."
            )
        raise ImportFileError(f"{source}: export format version {version} is not supported.")
    tables = data.get("tables")
    if not isinstance(tables, dict):
        raise ImportFileError(f'{source}: "tables" is missing or not an object.')
    problems: list[str] = []
    out: dict[str, list[dict[str, Any]]] = {}
    for table in TABLES:
        rows = tables.get(table, [])
        if not isinstance(rows, list):
            problems.append(f"tables.{table}: expected a list of rows")
            continue
        out[table] = [r for r in (_check_row(table, i, row, problems) for i, row in enumerate(rows)) if r is not None]
        if table in MAX_ROWS and len(rows) > MAX_ROWS[table]:
            problems.append(f"tables.{table}: at most {MAX_ROWS[table]} row, found {len(rows)}")
    for name in tables:
        if name not in SPEC:
            problems.append(f"tables.{name}: unknown table (expected one of {', '.join(TABLES)})")
    if not problems:
        _check_keys(out, problems)
    if problems:
        shown = problems[:12]
        more = f"\n  … and {len(problems) - len(shown)} more" if len(problems) > len(shown) else ""
        n = len(problems)
        raise ImportFileError(
            f"{source} cannot be imported ({n} problem{'s' if n != 1 else ''}; nothing was changed):\n"
            + "\n".join(f"  {source}: {p}" for p in shown)
            + more
        )
    return {"schema_version": version, "tables": out}


def _show(value: Any) -> str:
    text = json.dumps(value, ensure_ascii=False)
    return text if len(text) <= 40 else text[:37] + "..."


def _check_row(table: str, i: int, row: Any, problems: list[str]) -> dict[str, Any] | None:
    where = f"tables.{table}[{i}]"
    if not isinstance(row, dict):
        problems.append(f"{where}: expected an object, got {_show(row)}")
        return None
    out = {}
    ok = True
    for col, kind, nullable in SPEC[table]:
        if col not in row:
            if nullable:
                out[col] = None
                continue
            problems.append(f"{where}.{col}: missing")
            ok = False
            continue
        value = row[col]
        if value is None and (nullable or kind == "json"):
            out[col] = None
            continue
        test, expected = KINDS[kind]
        if not test(value):
            problems.append(f"{where}.{col}: expected {expected}, got {_show(value)}")
            ok = False
            continue
        out[col] = value
    unknown = sorted(set(row) - set(columns(table)))
    if unknown:
        problems.append(f"{where}: unknown field{'s' if len(unknown) > 1 else ''} {', '.join(unknown)}")
        ok = False
    return out if ok else None


def _check_keys(tables: dict[str, list[dict[str, Any]]], problems: list[str]) -> None:
    for table, rows in tables.items():
        seen: dict[tuple, int] = {}
        for i, row in enumerate(rows):
            key = tuple(row[k] for k in KEY[table])
            if key in seen:
                name = ", ".join(KEY[table])
                problems.append(
                    f"tables.{table}[{i}].{name}: {_show(key[0])} is already used by tables.{table}[{seen[key]}]"
                )
            else:
                seen[key] = i
    sessions = {s["id"] for s in tables.get("sessions", [])}
    for i, a in enumerate(tables.get("attempts", [])):
        if a["session_id"] is not None and a["session_id"] not in sessions:
            problems.append(f"tables.attempts[{i}].session_id: no session {a['session_id']} in the file")
    for i, q in enumerate(tables.get("saved_quiz", [])):
        _check_saved_quiz(f"tables.saved_quiz[{i}].state", q["state"], sessions, problems)


def _check_saved_quiz(where: str, state: dict[str, Any], sessions: set[int], problems: list[str]) -> None:
    """A paused quiz must be one `quiz --resume` can read, tied to a session in the same file."""
    from ldn_tui.quiz.saved import SavedQuizError, describe

    items = state.get("items")
    if not isinstance(items, list) or not items or not all(isinstance(it, dict) and it.get("uid") for it in items):
        problems.append(f'{where}.items: expected a list of the quiz\'s questions, each with its "uid"')
        return
    try:
        describe(state)
    except SavedQuizError as exc:
        problems.append(f"{where}: {exc}")
    sid = state.get("session_id")
    if sid is not None and (not isinstance(sid, int) or isinstance(sid, bool) or sid not in sessions):
        problems.append(f"{where}.session_id: no session {_show(sid)} in the file")
