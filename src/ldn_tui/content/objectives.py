"""Learning objectives (objectives.yaml): what a student can do after studying the guide.

Every question may name the objective it tests (`objective:` on the question). The validator
checks here that a named objective exists (`build`, `check_reference`). That every question
names one, and that every objective is tested by at least three questions, are bank-level rules
of `ldn-study lint` (itemlint/objectives.py), so a chapter can be rewritten one at a time.

The quiz, the summary and the stats read objectives through `objective_of` and
`objective_titles`, which also accept hand-built content (tests) whose `objectives` is a
mapping or a list of ids; with none, screens say `NO_OBJECTIVES`.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ldn_tui.content.model import Content, Objective, Question

if TYPE_CHECKING:
    from ldn_tui.content.checker import _Checker, _File

FILE_NAME = "objectives.yaml"


def build(c: _Checker, root: Path) -> list[Objective]:
    """Read objectives.yaml (none if the file is absent)."""
    from ldn_tui.content import schema  # the checker and YAML: validation only, not the app's start
    from ldn_tui.content.checker import _items

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
    from ldn_tui.content import schema

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


#: What screens say when the content defines no learning objectives.
NO_OBJECTIVES = "This content does not tag its questions with learning objectives yet."


def objective_of(question: Question) -> str | None:
    value = getattr(question, "objective", None)
    return value if isinstance(value, str) and value.strip() else None


def objective_titles(content: Content, *, used: bool = True) -> dict[str, str]:
    """Objective id -> title, in the content's order: declared ones first, then (`used`) any only
    used by a question. Validated content has none of those (the validator refuses an objective
    that objectives.yaml does not define), but hand-built content may; `used=False` skips
    reading every question, which a parse cache keeps on disk until one is needed."""
    out: dict[str, str] = {}
    declared: Any = getattr(content, "objectives", None)
    if isinstance(declared, Mapping):
        out.update({str(k): str(v) for k, v in declared.items()})
    elif isinstance(declared, Iterable) and not isinstance(declared, (str, bytes)):
        for entry in declared:
            if isinstance(entry, str):
                out[entry] = entry
                continue
            oid = getattr(entry, "id", None)
            if isinstance(oid, str):
                title = getattr(entry, "title", None) or getattr(entry, "text", None) or oid
                out[oid] = str(title)
    for ch in sorted(content.chapters, key=lambda c: c.order) if used else ():
        for card in ch.cards:
            for q in card.quiz:
                oid = objective_of(q)
                if oid is not None and oid not in out:
                    out[oid] = oid
    return out


def has_objectives(content: Content) -> bool:
    return bool(objective_titles(content))
