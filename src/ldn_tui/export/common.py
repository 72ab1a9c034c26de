"""What the exporters share: the formats, which chapters to export, file names and output checks.

No Textual here. Every file is written with `fileio.atomic_write_bytes` (temp file in the same
folder, then `os.replace`), so an export is either the complete new file or not there at all.

Times shown to the student are local time (`tz=None`); tests pass a fixed `tz` and a fixed
`now` so the output is byte-for-byte reproducible.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, tzinfo
from pathlib import Path
from typing import Any

from ldn_tui.content.model import Card, Chapter, Content, Question
from ldn_tui.fileio import atomic_write_bytes
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


# --- output files ---------------------------------------------------------------------------


def default_filename(fmt: str, day: date, *, summary: bool = False) -> str:
    """`ldn-study-progress-2026-11-21.md` and the like (csv --summary adds `-summary`)."""
    f = FORMATS[fmt]
    tail = "-summary" if summary else ""
    return f"{f.stem}-{day.isoformat()}{tail}{f.suffix}"


def output_path(
    output: str | os.PathLike[str] | None,
    fmt: str,
    day: date,
    *,
    summary: bool = False,
    cwd: Path | None = None,
    unique: bool = False,
) -> Path:
    """Where to write: `output`, or the dated default name in `cwd` (default: the current folder).

    An `output` that is an existing folder gets the default name inside it. With `unique`, a
    default name that is taken becomes `…-2.md`, `…-3.md` … (the app uses this; the CLI asks
    for `--force` instead).
    """
    name = default_filename(fmt, day, summary=summary)
    if output is not None and str(output) != "":
        path = Path(output).expanduser()
        if not path.is_dir():
            return path
        base = path
    else:
        base = cwd if cwd is not None else Path.cwd()
    path = base / name
    if unique:
        n = 1
        stem, suffix = name[: -len(FORMATS[fmt].suffix)], FORMATS[fmt].suffix
        while path.exists():
            n += 1
            path = base / f"{stem}-{n}{suffix}"
    return path


def check_output(path: Path, *, force: bool = False) -> None:
    """Raise `ExportError` (with a sentence saying what to do) unless `path` can be written."""
    path = Path(path)
    folder = path.parent if str(path.parent) != "" else Path(".")
    if path.is_dir():
        raise ExportError(f"{path} is a folder. Give a file name with --output (or leave it out).")
    if not folder.exists():
        raise ExportError(
            f"Cannot write {path}: the folder {folder} does not exist. Create it first, or choose "
            "another place with --output."
        )
    if not folder.is_dir():
        raise ExportError(f"Cannot write {path}: {folder} is not a folder.")
    if not os.access(folder, os.W_OK | os.X_OK):
        raise ExportError(f"Cannot write {path}: the folder {folder} is read-only. Choose another place with --output.")
    if path.is_symlink() and not force:
        raise OutputExists(
            f"{path} is a symbolic link. Add --force to replace the link itself with the export (its "
            "target is never written), or choose another name with --output."
        )
    if path.exists() and not force:
        raise OutputExists(f"{path} already exists. Add --force to overwrite it, or choose another name with --output.")


def write_output(path: Path, data: bytes, *, force: bool = False) -> Path:
    """Check `path`, then write `data` to it atomically. Raises `ExportError` on any failure."""
    path = Path(path)
    check_output(path, force=force)
    try:
        keep_mode = path.is_file() and not path.is_symlink()
        mode = path.stat().st_mode & 0o777 if keep_mode else 0o666 & ~_umask()
    except OSError:
        mode = 0o644
    try:
        atomic_write_bytes(path, data)
        # The temp file behind an atomic write is private (0600); an export is an ordinary
        # file, so give it the mode the file had, or what the umask allows for a new one.
        os.chmod(path, mode)
    except OSError as exc:
        reason = exc.strerror or str(exc)
        if isinstance(exc, PermissionError):
            raise ExportError(
                f"Cannot write {path}: the folder {path.parent} is read-only ({reason}). "
                "Choose another place with --output."
            ) from exc
        raise ExportError(f"Cannot write {path}: {reason}. Nothing was written.") from exc
    return path


def write_stdout(data: bytes) -> None:
    """Write an export to standard output (`-o -`). Raises `ExportError` if it cannot be written."""
    import sys

    try:
        sys.stdout.flush()
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
    except OSError as exc:
        raise ExportError(f"Cannot write to standard output: {exc.strerror or exc}.") from exc


def is_stdout(output: object) -> bool:
    return output is not None and str(output) == "-"


def _umask() -> int:
    """The process umask, read without changing it where the OS allows (Linux)."""
    try:
        with open("/proc/self/status", encoding="ascii") as fh:
            for line in fh:
                if line.startswith("Umask:"):
                    return int(line.split()[1], 8)
    except (OSError, ValueError):
        pass
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


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


# --- gathering what to export ---------------------------------------------------------------


@dataclass
class Snapshot:
    """Everything the exporters read from the store, limited to a scope, read once.

    Attempts, schedule rows, notes and bookmarks of cards outside the scope are left out
    (cards no longer in the content are kept only by a full export).
    """

    content: Content
    scope: Scope
    now: datetime
    tz: tzinfo | None
    attempts: list  # AttemptRow, oldest first
    last: dict  # question uid -> latest AttemptRow
    schedule: list  # ScheduleRow, soonest first
    notes: dict  # card id -> NoteRow
    bookmarks: dict  # card id -> BookmarkRow
    reference_opens: dict  # reference id -> times opened
    viewed: dict  # card id -> last viewed

    def question(self, uid: str) -> Question | None:
        from ldn_tui.content.generated import question_by_uid

        return question_by_uid(self.content, uid)

    def card(self, card_id: str) -> Card | None:
        return self.content.card_by_id.get(card_id)

    def claim_of(self, question: Question):
        card = self.card(question.card_id)
        if card is None or not question.claim:
            return None
        return card.claim(question.claim)

    def evidence_of(self, question: Question) -> str | None:
        claim = self.claim_of(question)
        return claim.evidence if claim is not None else None

    def due_of(self, row) -> datetime | None:
        """When a schedule row is really due (None if suspended); see `scheduler.effective_due`."""
        from ldn_tui.progress.scheduler import SAFETY_KIND, content_hashes, effective_due

        card = self.card(row.question_uid.rsplit("/", 1)[0])
        return effective_due(
            row,
            safety=card is not None and card.kind == SAFETY_KIND,
            current_hash=content_hashes(self.content).get(row.question_uid),
            now=self.now,
        )

    def due_queue(self) -> list[tuple[datetime, str]]:
        """(due, uid) of every scheduled question still in the content and not suspended, soonest first."""
        out = []
        for row in self.schedule:
            if self.question(row.question_uid) is None:
                continue
            due = self.due_of(row)
            if due is not None:
                out.append((due, row.question_uid))
        out.sort()
        return out

    @property
    def empty(self) -> bool:
        """No answers, notes, bookmarks, opened references or read cards in scope."""
        return not (self.attempts or self.notes or self.bookmarks or self.reference_opens or self.viewed)


def gather(
    content: Content,
    store,
    scope: Scope | None = None,
    *,
    now: datetime | None = None,
    tz: tzinfo | None = None,
) -> Snapshot:
    """Read what an export needs from `store` (a `ProgressStore`), limited to `scope`."""
    scope = scope or select(content)
    now = utc(now) if now is not None else store.now()
    attempts = [a for a in store.attempts() if scope.has_card(a.card_id)]
    last: dict = {}
    for a in attempts:  # oldest first, so the last one wins
        last[a.question_uid] = a
    schedule = [r for r in store.schedule_rows() if scope.has_card(r.question_uid.rsplit("/", 1)[0])]
    notes = {n.card_id: n for n in store.list_notes() if scope.has_card(n.card_id)}
    bookmarks = {b.card_id: b for b in store.list_bookmarks() if scope.has_card(b.card_id)}
    opens = store.reference_open_counts()
    if not scope.everything:
        cited = _references_cited(scope)
        opens = {r: n for r, n in opens.items() if r in cited}
    viewed = {c: t for c, t in store.viewed_cards().items() if scope.has_card(c)}
    return Snapshot(content, scope, now, tz, attempts, last, schedule, notes, bookmarks, opens, viewed)


def _references_cited(scope: Scope) -> set[str]:
    out: set[str] = set()
    for card in scope.cards:
        for claim in card.claims:
            out.update(claim.sources)
        for d in card.disagreements:
            for v in d.versions:
                out.update(v.sources)
    return out
