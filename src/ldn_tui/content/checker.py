"""The checker that reading a content folder shares: one `_File` per YAML file read (its data, its
line locator, the paths found broken), and `_Checker`, which collects the issues and the ids seen.

Apart from `folder` so the modules that check one file kind each (outcomes.py, objectives.py)
and `folder` itself all import it, and none of them imports another.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ldn_tui.content import fastread, schema
from ldn_tui.content.errors import Issue
from ldn_tui.content.schema import KeyPath
from ldn_tui.content.yamlpos import Locator, YamlProblem, decode, format_path, parse


@dataclass
class _File:
    """One parsed file: its data, the line of each key path, and where to report problems."""

    name: str
    data: Any = None
    locator: Locator | None = None
    bad_paths: list[KeyPath] = field(default_factory=list)

    def line(self, path: KeyPath) -> int:
        return self.locator.line(path) if self.locator is not None else 1

    def ok(self, path: KeyPath) -> bool:
        """True when no schema problem was reported at or below `path`."""
        n = len(path)
        return not any(p[:n] == path for p in self.bad_paths)


class _Checker:
    def __init__(self, root: Path, *, fast: bool = False):
        self.root = root
        #: Read files with the compiled reader where it agrees with the strict one (fastread.py);
        #: those files have no lines (0 everywhere), so any issue is to be reported from a strict read.
        self.fast = fast
        #: Whether every file read so far has its lines.
        self.lines = True
        self.issues: list[Issue] = []
        #: Ids written in each id space, even on items too broken to build, so one bad card
        #: does not also make every link to it an error.
        self.raw_ids: dict[str, set[str]] = {
            "card": set(),
            "reference": set(),
            "source": set(),
            "term": set(),
            "outcome": set(),
            "condition": set(),
            "objective": set(),
        }
        #: False when a file of that id space could not be read at all: links into it are not checked.
        self.complete: dict[str, bool] = {
            "card": True,
            "reference": True,
            "source": True,
            "term": True,
            "outcome": True,
            "condition": True,
            "objective": True,
        }
        #: outcome id -> (certainty, "outcomes.yaml:line"): what claims about an effect take their certainty from.
        self.outcome_certainty: dict[str, tuple[str, str]] = {}

    def collect_ids(self, space: str, f: _File, key: str, id_field: str = "id") -> None:
        if f.data is None or not isinstance(f.data.get(key), list):
            self.complete[space] = False
            return
        for item in f.data[key]:
            if isinstance(item, dict) and isinstance(item.get(id_field), str):
                self.raw_ids[space].add(item[id_field].casefold() if space == "term" else item[id_field])

    # -- reporting -------------------------------------------------------------------------
    def issue(self, f: _File, path: KeyPath, message: str, line: int | None = None) -> None:
        self.issues.append(Issue(f.name, line if line is not None else f.line(path), format_path(path), message))

    # -- reading ---------------------------------------------------------------------------
    def read(self, path: Path, spec: schema.Record) -> _File:
        f = _File(name=str(path))
        try:
            raw = path.read_bytes()
        except OSError as exc:
            self.issues.append(
                Issue(f.name, 0, "", f"cannot read file ({exc.strerror}); expected a readable YAML file")
            )
            return f
        if not raw.strip():
            self.issues.append(
                Issue(f.name, 1, "", f"file is empty; expected {spec.expected()} with keys {', '.join(spec.fields)}")
            )
            return f
        try:
            text = decode(raw)
            problems: list[YamlProblem] = []
            if self.fast and (data := fastread.load(raw, text)) is not None:
                f.locator = Locator.unknown()
                self.lines = False
            else:
                data, f.locator, problems = parse(text)
        except YamlProblem as p:
            self.issues.append(Issue(f.name, p.line, "", p.message))
            return f
        for problem in problems:
            self.issues.append(Issue(f.name, problem.line, format_path(problem.path), problem.message))
            if problem.structural:  # a value cut at ` #` is still whole data: keep checking around it
                f.bad_paths.append(problem.path)
        if data is None:
            self.issues.append(
                Issue(
                    f.name, 1, "", f"file holds no data; expected {spec.expected()} with keys {', '.join(spec.fields)}"
                )
            )
            return f

        def report(p: KeyPath, message: str) -> None:
            f.bad_paths.append(p)
            self.issue(f, p, message)

        spec.check(data, (), report)
        f.data = data if isinstance(data, dict) else None
        return f


def _s(value: Any) -> str:
    return "" if value is None else str(value)


def _opt_s(value: Any) -> str | None:
    return None if value is None else str(value)


def _items(f: _File, key: str) -> list[tuple[int, dict[str, Any]]]:
    if f.data is None or not isinstance(f.data.get(key), list):
        return []
    return [(i, v) for i, v in enumerate(f.data[key]) if isinstance(v, dict) and f.ok((key, i))]
