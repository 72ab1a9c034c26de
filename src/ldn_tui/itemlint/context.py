"""What every rule may need besides the question: the content, its folder, where its files are,
and the patterns of the raw ids a student must never see."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from functools import cached_property

from ldn_tui.content.model import Content, Reference, Source
from ldn_tui.itemlint.items import Positions


@dataclass(frozen=True)
class RawId:
    """One raw id found in a text, and what a student should read instead."""

    text: str
    kind: str  # "reference" | "source"
    instead: str


@dataclass
class LintContext:
    content: Content
    root: str  # the content folder: findings about the bank as a whole are reported here
    positions: Positions = field(default_factory=Positions)

    def display(self, file: str) -> str:
        """`file` as findings print it: relative to the working directory when it is below it."""
        return display_path(file)

    @cached_property
    def _references(self) -> dict[str, Reference]:
        return {r.id.casefold(): r for r in self.content.references}

    @cached_property
    def _sources(self) -> dict[str, Source]:
        """Sources by their number ("003") as well as their id ("src:003")."""
        out: dict[str, Source] = {}
        for s in self.content.sources:
            out[s.id.casefold()] = s
            out[s.id.split(":", 1)[-1]] = s
        return out

    @cached_property
    def _raw_id(self) -> re.Pattern[str]:
        numbers = sorted({s.id.split(":", 1)[-1] for s in self.content.sources if ":" in s.id}, key=len, reverse=True)
        refs = sorted((re.escape(r.id) for r in self.content.references), key=len, reverse=True)
        parts = [
            r"(?P<src>\bsrc:\d+\b)",
            # A reference id written like one: lower-case name glued to a year (smith2007), or any known id.
            r"(?P<ref>(?<![\w-])(?:" + "|".join([*refs, r"[a-z]{2,}\d{4}[a-z]?"]) + r")(?![\w-]))",
        ]
        if numbers:
            # A source's bare number ("003 says", "source 003", "003's"), not part of a longer number.
            parts.append(r"(?P<num>(?<![\w.,:/-])(?:" + "|".join(map(re.escape, numbers)) + r")(?![\w]|[.,]\d))")
        return re.compile("|".join(parts))

    def raw_ids(self, text: str) -> list[RawId]:
        """Every raw reference or source id in `text`, with the name to write instead."""
        out: list[RawId] = []
        for m in self._raw_id.finditer(text):
            found = m.group(0)
            if m.lastgroup == "ref":
                ref = self._references.get(found.casefold())
                out.append(RawId(found, "reference", reference_name(ref) if ref else "the authors and year"))
            else:
                src = self._sources.get(found.casefold())
                out.append(RawId(found, "source", source_name(src) if src else "the source's name"))
        return out


def display_path(file: str) -> str:
    """A path relative to the working directory when it is below it, else as given."""
    try:
        rel = os.path.relpath(file)
    except ValueError:  # another drive on Windows
        return file
    return file if rel.startswith("..") else rel


def reference_name(ref: Reference) -> str:
    """How a student should read a reference: "Younger & Mackey 2009", "Younger et al. 2013"."""
    return ref.display_name


def source_name(src: Source) -> str:
    """A source as a student should read it: by its name, never its file number."""
    return f"“{src.display_name}”"
