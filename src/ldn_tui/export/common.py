"""What the exporters share: the formats, their errors, which chapters to export, dates and small helpers.

No Textual here. Where a file goes and how it is written is `export.output`; what is read from
the progress store, `export.snapshot`.

Times shown to the student are local time (`tz=None`); tests pass a fixed `tz` and a fixed
`now` so the output is byte-for-byte reproducible.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, tzinfo
from typing import Any

from ldn_tui.content.model import Card, Chapter, Content, Question
from ldn_tui.progress.store import utc

APP = "ldn-study"

#: The one sentence every human-readable export carries.
DISCLAIMER = (
    "Educational, not medical advice. This guide describes what published sources report; "
    "it never tells anyone what to take."
)


@dataclass(frozen=True, slots=True)
class Format:
    name: str
    suffix: str
    stem: str  # default file name: f"{stem}-{date}{suffix}"
    description: str  # a few words for "Wrote FILE (…)"


#: Every export format, by the name `--format` takes.
FORMATS: dict[str, Format] = {
    f.name: f
    for f in (
        Format("markdown", ".md", "ldn-study-progress", "Markdown progress notes"),
        Format("json", ".json", "ldn-study-progress", "JSON backup; `ldn-study import` restores it"),
        Format("csv", ".csv", "ldn-study-attempts", "CSV, one row per answer"),
        Format("anki", ".apkg", "ldn-study-deck", "Anki deck"),
        Format("anki-csv", ".csv", "ldn-study-anki", "CSV for Anki's File > Import"),
        Format("guide-markdown", ".md", "ldn-study-guide", "the whole guide as one Markdown file"),
        Format("guide-html", ".html", "ldn-study-guide", "the whole guide as one HTML page"),
    )
}

#: The formats that export the guide itself (no progress, no store needed).
GUIDE_FORMATS = ("guide-markdown", "guide-html")


# --- errors ---------------------------------------------------------------------------------


class ExportError(Exception):
    """Anything that stops an export or import. `str(err)` is a sentence for the student."""


class UnknownChapter(ExportError):
    """`--chapter` named a chapter the content does not have."""

    def __init__(self, unknown: Sequence[str], valid: Sequence[str]) -> None:
        self.unknown = tuple(unknown)
        self.valid = tuple(valid)
        names = ", ".join(repr(u) for u in self.unknown)
        noun = "chapter" if len(self.unknown) == 1 else "chapters"
        super().__init__(f"No {noun} {names}. The chapters are: {', '.join(self.valid)}.")


class OutputExists(ExportError):
    """The output file is already there and `force` was not given."""


# --- which chapters -------------------------------------------------------------------------


@dataclass(frozen=True)
class Scope:
    """The chapters an export covers (all of them unless `--chapter` narrowed it)."""

    content: Content
    chapters: tuple[Chapter, ...]
    everything: bool

    @property
    def chapter_ids(self) -> tuple[str, ...]:
        return tuple(ch.id for ch in self.chapters)

    @property
    def cards(self) -> tuple[Card, ...]:
        return tuple(card for ch in self.chapters for card in ch.cards)

    @property
    def card_ids(self) -> frozenset[str]:
        return frozenset(c.id for c in self.cards)

    def has_card(self, card_id: str) -> bool:
        """Whether a card (by id) is covered; cards no longer in the content only by a full export."""
        if card_id in self.content.card_by_id:
            return self.everything or self.content.card_by_id[card_id].chapter_id in self.chapter_ids
        return self.everything

    def questions(self, *, include_generated: bool = False) -> tuple[Question, ...]:
        """The questions of the covered cards, card by card (authored, then generated)."""
        from ldn_tui.content.generated import questions_for_card

        out: list[Question] = []
        for card in self.cards:
            out.extend(card.quiz)
            if include_generated:
                out.extend(questions_for_card(card, self.content))
        return tuple(out)


def sorted_chapters(content: Content) -> tuple[Chapter, ...]:
    return tuple(sorted(content.chapters, key=lambda c: (c.order, c.id)))


def select(content: Content, chapter_ids: Iterable[str] | None = None) -> Scope:
    """The scope for `--chapter` ids (None or empty: every chapter). Raises `UnknownChapter`."""
    ordered = sorted_chapters(content)
    wanted = [c for c in (chapter_ids or ()) if c]
    if not wanted:
        return Scope(content, ordered, True)
    valid = [ch.id for ch in ordered]
    unknown = [c for c in dict.fromkeys(wanted) if c not in content.chapter_by_id]
    if unknown:
        raise UnknownChapter(unknown, valid)
    keep = set(wanted)
    chosen = tuple(ch for ch in ordered if ch.id in keep)
    return Scope(content, chosen, len(chosen) == len(ordered))


# --- time -----------------------------------------------------------------------------------

_MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
_DAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")


def local(dt: datetime, tz: tzinfo | None) -> datetime:
    """`dt` in `tz` (None: the machine's local time zone)."""
    dt = utc(dt)
    return dt.astimezone(tz) if tz is not None else dt.astimezone()


def local_date(now: datetime, tz: tzinfo | None) -> date:
    return local(now, tz).date()


def long_date(d: date) -> str:
    """`21 November 2026` (English month names whatever the locale)."""
    return f"{d.day} {_MONTHS[d.month - 1]} {d.year}"


def short_date(d: date) -> str:
    """`Sat 21 Nov`."""
    return f"{_DAYS[d.weekday()]} {d.day} {_MONTHS[d.month - 1][:3]}"


def stamp(dt: datetime, tz: tzinfo | None) -> str:
    """`2026-11-21 09:30` in local time."""
    return local(dt, tz).strftime("%Y-%m-%d %H:%M")


def tz_name(now: datetime, tz: tzinfo | None) -> str:
    """A short name for the time zone the export uses (`UTC`, `CET`, `UTC+05:30` ...)."""
    loc = local(now, tz)
    name = loc.tzname() or ""
    if name and not name.startswith(("+", "-")):
        return name
    off = loc.utcoffset()
    if off is None:
        return "UTC"
    minutes = int(off.total_seconds() // 60)
    sign = "+" if minutes >= 0 else "-"
    return f"UTC{sign}{abs(minutes) // 60:02d}:{abs(minutes) % 60:02d}"


# --- small shared helpers -------------------------------------------------------------------


def answer_text(answer: Any) -> str:
    """A stored answer (texts, bool, str, None) as display text."""
    if answer is None or answer == "" or answer == []:
        return "(no answer)"
    if isinstance(answer, bool):
        return "True" if answer else "False"
    if isinstance(answer, (list, tuple)):
        return "; ".join(str(a) for a in answer)
    return str(answer)


def order_answer_text(answer: Any) -> str:
    if isinstance(answer, (list, tuple)) and answer:
        return " → ".join(str(a) for a in answer)
    return answer_text(answer)


def percent(fraction: float) -> str:
    return f"{round(fraction * 100)}%"


QUESTION_TYPE_NAMES = {
    "single": "single choice",
    "multiple": "multiple choice",
    "true-false": "true or false",
    "cloze": "fill in the blank",
    "order": "put in order",
}
