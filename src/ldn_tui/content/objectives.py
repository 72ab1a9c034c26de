"""Learning objectives (objectives.yaml): what a student can do after studying the guide.

Every question may name the objective it tests (`objective:` on the question). The validator
checks here that a named objective exists. That every question names one, and that every
objective is tested by at least three questions, are bank-level rules of `ldn-study lint`
(itemlint/objectives.py), so a chapter can be rewritten one at a time.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from ldn_tui.content import schema
from ldn_tui.content.model import Objective

if TYPE_CHECKING:
    from ldn_tui.content.validate import _Checker, _File

FILE_NAME = "objectives.yaml"


def build(c: _Checker, root: Path) -> list[Objective]:
    """Read objectives.yaml (none if the file is absent)."""
    from ldn_tui.content.validate import _items

    path = root / FILE_NAME
    if not path.is_file():
        return []
    f = c.read(path, schema.OBJECTIVES_FILE)
    c.collect_ids("objective", f, "objectives")
    return [
        Objective(id=str(d["id"]), text=str(d["text"]), line=f.line(("objectives", i)))
        for i, d in _items(f, "objectives")
    ]


def check_reference(c: _Checker, f: _File, path: tuple[Any, ...], objective: Any) -> None:
    """A question's `objective:` must name an objective in objectives.yaml."""
    if objective is None or not c.complete["objective"]:
        return
    known = sorted(c.raw_ids["objective"])
    if not known:
        c.issue(f, path, f"names objective '{objective}' but there is no {FILE_NAME}; expected that file to define it")
    elif objective not in c.raw_ids["objective"]:
        c.issue(
            f,
            path,
            f"unknown objective '{objective}'{schema.did_you_mean(str(objective), known)}; expected an id from {FILE_NAME}",
        )
