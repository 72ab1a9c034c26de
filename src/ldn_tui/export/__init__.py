"""Exports of a student's progress, and the import that restores a JSON export. No Textual here.

Formats (`FORMATS`): `markdown` (progress notes to read or print), `json` (a complete,
versioned backup; `import_file` restores it), `csv` (one row per answer; `summary=True` gives
one row per question instead), `anki` (an `.apkg` deck of the quiz questions, with the
student's FSRS schedule and review log), `anki-csv` (the same notes as a CSV file Anki
imports), and the guide itself as a book, with no progress in it: `guide-markdown` (one
Markdown file) and `guide-html` (one self-contained HTML page), see `export.book`.

`export()` is what the CLI and the app call: it renders, picks the file name and writes the
file atomically. `render()` returns the bytes without writing anything.

    result = export(content, store, "markdown")            # ./ldn-study-progress-2026-11-21.md
    result = export(content, store, "anki", chapters=["safety"], output="safety.apkg")
    result = export(content, None, "guide-html")           # ./ldn-study-guide-2026-11-21.html
"""

from __future__ import annotations

import time
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime, tzinfo
from pathlib import Path

from ldn_tui.export.common import (
    FORMATS,
    ExportError,
    OutputExists,
    Scope,
    UnknownChapter,
    local_date,
    select,
)
from ldn_tui.export.output import default_filename, output_path, write_output

__all__ = [
    "FORMATS",
    "ExportError",
    "ExportResult",
    "OutputExists",
    "Scope",
    "UnknownChapter",
    "default_filename",
    "export",
    "import_file",
    "render",
    "select",
]


@dataclass(frozen=True, slots=True)
class ExportResult:
    path: Path
    format: str
    size: int  # bytes written
    scope: Scope
    seconds: float  # time taken to render and write


def render(
    fmt: str,
    content,
    store,
    scope: Scope | None = None,
    *,
    now: datetime | None = None,
    tz: tzinfo | None = None,
    summary: bool = False,
    include_generated: bool = False,
    timestamp: float | None = None,
    excel: bool = False,
    history: bool = True,
) -> bytes:
    """The export in format `fmt` as bytes. `timestamp` fixes an Anki deck's note times (tests).

    `excel`: the spreadsheet CSVs start with a UTF-8 byte-order mark, which Excel needs to read
    accents right. `history`: the Anki deck carries the student's schedule and review log
    (when there is a `store`); False gives a clean deck to share.
    """
    scope = scope or select(content)
    if fmt in ("guide-markdown", "guide-html"):
        from ldn_tui.export import book, book_html

        if fmt == "guide-html":
            return book_html.render_html(content, scope).encode("utf-8")
        return book.render_markdown(content, scope).encode("utf-8")
    if fmt == "markdown":
        from ldn_tui.export import markdown

        return markdown.render(content, store, scope, now=now, tz=tz).encode("utf-8")
    if fmt == "json":
        if not scope.everything:
            raise ExportError("--chapter does not apply to the JSON export: it is a complete backup.")
        from ldn_tui.export import jsonio

        return jsonio.export_json(store)
    if fmt == "csv":
        from ldn_tui.export import csvio

        if summary:
            return csvio.summary_csv(content, store, scope, now=now, tz=tz, excel=excel)
        return csvio.attempts_csv(content, store, scope, now=now, tz=tz, excel=excel)
    if fmt == "anki":
        from ldn_tui.export import anki

        progress = None
        if history and store is not None:
            progress = _anki_history(content, store, scope, now=now, tz=tz, include_generated=include_generated)
        return anki.apkg_bytes(
            content, scope, include_generated=include_generated, timestamp=timestamp, history=progress
        )
    if fmt == "anki-csv":
        from ldn_tui.export import csvio

        return csvio.anki_csv(content, scope, include_generated=include_generated)
    raise ExportError(f"Unknown export format {fmt!r}; the formats are: {', '.join(FORMATS)}.")


def _anki_history(content, store, scope: Scope, *, now, tz, include_generated: bool):
    """question uid -> `anki_history.History` for the questions in the deck."""
    from ldn_tui.export.anki_history import histories
    from ldn_tui.export.snapshot import gather

    snap = gather(content, store, scope, now=now, tz=tz)
    uids = [q.uid for q in scope.questions(include_generated=include_generated)]
    return histories(content, uids, snap.attempts, snap.schedule, now=snap.now, tz=tz)


def export(
    content,
    store,
    fmt: str = "markdown",
    *,
    output: str | Path | None = None,
    chapters: Iterable[str] | None = None,
    force: bool = False,
    summary: bool = False,
    include_generated: bool = False,
    now: datetime | None = None,
    tz: tzinfo | None = None,
    cwd: Path | None = None,
    unique: bool = False,
    timestamp: float | None = None,
    excel: bool = False,
    history: bool = True,
) -> ExportResult:
    """Render `fmt` and write it to `output` (default: a dated name in `cwd`, or the current folder).

    Raises `UnknownChapter`, `OutputExists` (unless `force`) or `ExportError` with a sentence for
    the student; the file is either written whole or not at all.
    """
    if fmt not in FORMATS:
        raise ExportError(f"Unknown export format {fmt!r}; the formats are: {', '.join(FORMATS)}.")
    start = time.perf_counter()
    scope = select(content, chapters)
    if now is None:
        # the guide needs no store (the CLI does not open one for it)
        now = store.now() if store is not None else datetime.now(UTC)
    day = local_date(now, tz)
    from ldn_tui.export.output import check_output, is_stdout, write_stdout

    to_stdout = is_stdout(output)  # `-o -`
    if to_stdout:
        path = Path("-")
    else:
        path = output_path(output, fmt, day, summary=summary and fmt == "csv", cwd=cwd, unique=unique)
        check_output(path, force=force)  # fail before the (possibly slow) rendering
    data = render(
        fmt,
        content,
        store,
        scope,
        now=now,
        tz=tz,
        summary=summary,
        include_generated=include_generated,
        timestamp=timestamp,
        excel=excel,
        history=history,
    )
    if to_stdout:
        write_stdout(data)
    else:
        write_output(path, data, force=force)
    return ExportResult(path, fmt, len(data), scope, time.perf_counter() - start)


def import_file(store, path, *, force: bool = False):
    """Restore a JSON export into `store` (see `jsonimport.import_file`)."""
    from ldn_tui.export import jsonimport

    return jsonimport.import_file(store, path, force=force)
