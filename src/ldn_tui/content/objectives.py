"""Learning objectives, read defensively: the content model does not have them yet.

A question's objective is `getattr(question, "objective", None)` (an id string). Titles come
from an optional `content.objectives`: a mapping of id -> title, or a sequence of objects with
`id` and `title` (or `text`), or of plain id strings. Without either, every function here
answers "none", and the screens say that the content has no learning objectives yet.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from ldn_tui.content.model import Content, Question

#: What screens say when the content defines no learning objectives.
NO_OBJECTIVES = "This content does not tag its questions with learning objectives yet."


def objective_of(question: Question) -> str | None:
    value = getattr(question, "objective", None)
    return value if isinstance(value, str) and value.strip() else None


def objective_titles(content: Content) -> dict[str, str]:
    """Objective id -> title, in the content's order: declared ones first, then any only used."""
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
    for ch in sorted(content.chapters, key=lambda c: c.order):
        for card in ch.cards:
            for q in card.quiz:
                oid = objective_of(q)
                if oid is not None and oid not in out:
                    out[oid] = oid
    return out


def has_objectives(content: Content) -> bool:
    return bool(objective_titles(content))
