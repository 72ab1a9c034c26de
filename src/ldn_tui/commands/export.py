"""`ldn-study export` and `ldn-study import`: progress notes, backups, spreadsheets, Anki decks,
and (`export --content`) the guide itself as a book.

Thin: the work is in `ldn_tui.export`; this module turns options into a call and errors into
a message and an exit code (0 done, 1 could not do it, 2 a usage mistake such as an unknown
chapter).
"""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING

from ldn_tui.commands.base import EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE, command, error, load_or_report, open_study

if TYPE_CHECKING:
    from ldn_tui.content.model import Content
    from ldn_tui.study import Study

_FORMATS_HELP = """\
formats:
  markdown  progress notes to read, print or paste into your notes (the default):
            progress by chapter and by evidence label, the questions you missed with
            the right answer and why, your notes and bookmarks, what is due next and
            the references you opened
  json      a complete backup of your progress; `ldn-study import FILE` restores it
  csv       one row per answer, for a spreadsheet (UTF-8; dates and times are local);
            with --summary, one row per question instead (attempts, accuracy, last
            score, next due); with --excel, a byte-order mark so Excel reads accents.
            A cell that starts with = + - @ (which a spreadsheet would run as a
            formula) starts with ' instead, and shows as text
  anki      an Anki deck (.apkg) of the quiz questions, one sub-deck per chapter,
            with your schedule (FSRS stability, difficulty, due date) and review
            history, so Anki carries on where ldn-study left off: in Anki, File >
            Import, and tick "Import any learning progress". Importing a newer deck
            updates the notes instead of duplicating them (Anki keeps its own
            schedule for cards it already has). --no-history leaves your progress
            out (a clean deck to share)
  anki-csv  the same notes as a CSV file for Anki's File > Import (Anki 2.1.55+):
            it carries Anki's header lines (#separator, #html, #columns,
            #guid/#notetype/#deck/#tags column), so no import settings are needed

the guide as a book (--content, no progress in it):
  md        the whole guide as one Markdown file: contents, chapters, cards, every
            claim with its evidence label, certainty and sources, where sources
            disagree, the glossary, references and sources
  html      the same as one self-contained HTML page (no scripts, nothing to
            fetch), readable on a phone and printable; open it in any browser

Without --output the file goes in the current folder with a dated name, such as
ldn-study-progress-2026-11-21.md, and its path is printed. An existing file is never
overwritten without --force, and a file is never left half-written.

examples:
  ldn-study export
  ldn-study export --format anki --chapter safety evidence -o ~/anki/ldn-safety.apkg
  ldn-study export --format csv --summary --excel
  ldn-study export --format json -o backup.json && ldn-study import backup.json
  ldn-study export --content --format html -o ldn-guide.html
"""


#: The progress formats `--format` takes; the same as the progress formats of
#: `ldn_tui.export.common.FORMATS` (a test checks), kept here so building the CLI's parser
#: does not import the exporters.
FORMAT_NAMES = ("markdown", "json", "csv", "anki", "anki-csv")
#: `--content --format NAME` -> the guide format it writes (`md` and `markdown` are the same).
GUIDE_FORMAT_NAMES = {"md": "guide-markdown", "markdown": "guide-markdown", "html": "guide-html"}

#: What `--content` holds when it is given without a PATH: export the guide itself.
GUIDE = "\0guide"


def _content_option(p: argparse.ArgumentParser) -> None:
    # Its own dest: `ldn-study --content PATH export --content` must keep the top-level PATH.
    p.add_argument(
        "--content",
        metavar="PATH",
        nargs="?",
        const=GUIDE,
        default=None,
        dest="content_arg",
        help="without PATH: export the guide itself as a book (--format md or html) instead of "
        "your progress; with PATH: the content folder to use instead of the bundled one "
        "(also: LDN_STUDY_CONTENT)",
    )


def _configure_export(p: argparse.ArgumentParser) -> None:
    p.formatter_class = argparse.RawDescriptionHelpFormatter
    p.epilog = _FORMATS_HELP
    p.add_argument(
        "-f",
        "--format",
        choices=(*FORMAT_NAMES, "md", "html"),
        default="markdown",
        help="what to write (default: markdown; md is the same; html only with --content; see below)",
    )
    p.add_argument(
        "-o",
        "--output",
        metavar="FILE",
        help="where to write (a file, a folder for the dated name, or - for standard output)",
    )
    p.add_argument(
        "--chapter",
        metavar="ID",
        nargs="+",
        action="extend",
        dest="chapters",
        help="only these chapters (ids such as orientation, safety); not for json",
    )
    p.add_argument("--summary", action="store_true", help="csv only: one row per question instead of per answer")
    p.add_argument(
        "--excel",
        action="store_true",
        help="csv only: start the file with a UTF-8 byte-order mark, so Excel reads accents and arrows right",
    )
    p.add_argument(
        "--no-history",
        action="store_true",
        help="anki only: leave out your schedule and review history (a clean deck to share)",
    )
    p.add_argument(
        "--include-generated",
        action="store_true",
        help="anki and anki-csv only: also the generated 'what kind of evidence?' and 'how certain?' questions",
    )
    p.add_argument("--force", action="store_true", help="overwrite the output file if it exists")
    _content_option(p)


def _configure_import(p: argparse.ArgumentParser) -> None:
    p.add_argument("file", metavar="FILE", help="a file made by `ldn-study export --format json`")
    p.add_argument(
        "--force",
        action="store_true",
        help="merge into a store that already holds progress (rows already there are kept)",
    )
    p.add_argument(
        "--dry-run",
        action="store_true",
        help="say what the import would add, update and skip, and change nothing",
    )
    p.epilog = (
        "All or nothing: the rows are written in one transaction and the counts checked before it "
        "commits. A store that already holds progress is backed up first (`ldn-study backup list`). "
        "Restores a JSON export into your progress store (see `ldn-study locate`). A store that "
        "already holds progress is left alone unless --force is given. To restore into a fresh "
        "store elsewhere, point LDN_STUDY_HOME at an empty folder."
    )


def _open(content: Content) -> Study | None:
    return open_study(content)


def _size(n: int) -> str:
    if n < 1000:
        return f"{n} bytes"
    if n < 1_000_000:
        return f"{n / 1000:.1f} kB"
    return f"{n / 1_000_000:.1f} MB"


@command(
    "export",
    "write your progress notes, a backup, a spreadsheet or an Anki deck; or (--content) the guide as a book",
    _configure_export,
)
def cmd_export(args: argparse.Namespace) -> int:
    from ldn_tui.export import ExportError, UnknownChapter, select
    from ldn_tui.export.common import FORMATS

    guide = _guide_requested(args)
    if guide is None:
        return EXIT_USAGE
    if guide:
        return _export_guide(args)
    fmt = "markdown" if args.format == "md" else args.format
    if fmt == "html":
        error("--format html writes the guide itself: add --content (ldn-study export --content --format html).")
        return EXIT_USAGE
    if args.summary and fmt != "csv":
        error("--summary goes with --format csv.")
        return EXIT_USAGE
    if args.excel and fmt != "csv":
        error("--excel goes with --format csv (the Anki CSV must not start with a byte-order mark).")
        return EXIT_USAGE
    if args.no_history and fmt != "anki":
        error("--no-history goes with --format anki.")
        return EXIT_USAGE
    if args.include_generated and fmt not in ("anki", "anki-csv"):
        error("--include-generated goes with --format anki or anki-csv.")
        return EXIT_USAGE
    if args.chapters and fmt == "json":
        error("--chapter does not apply to --format json: the JSON export is a complete backup.")
        return EXIT_USAGE
    content = load_or_report(args)
    if content is None:
        return EXIT_PROBLEMS
    try:
        select(content, args.chapters)
    except UnknownChapter as exc:
        error(str(exc))
        return EXIT_USAGE
    study = _open(content)
    if study is None:
        return EXIT_PROBLEMS
    try:
        result = study.export(
            fmt,
            output=args.output,
            chapters=args.chapters,
            force=args.force,
            summary=args.summary,
            include_generated=args.include_generated,
            excel=args.excel,
            history=not args.no_history,
        )
    except ExportError as exc:
        error(str(exc))
        return EXIT_PROBLEMS
    finally:
        study.close()
    what = FORMATS[fmt].description
    if fmt == "csv" and args.summary:
        what = "CSV, one row per question"
    if args.output == "-":  # the export itself went to stdout: keep it clean
        print(f"Wrote {what} to standard output ({_size(result.size)}).", file=sys.stderr)
        return EXIT_OK
    print(f"Wrote {result.path} ({what}; {_size(result.size)}).")
    if fmt == "anki":
        if args.no_history:
            print("In Anki: File > Import, then choose this file.")
        else:
            print('In Anki: File > Import, choose this file, and tick "Import any learning progress".')
    return EXIT_OK


def _guide_requested(args: argparse.Namespace) -> bool | None:
    """Whether `--content` asked for the guide (True), named a content folder (False), or was
    given a format name by mistake (None, after saying so)."""
    from pathlib import Path

    value = getattr(args, "content_arg", None)
    if value == GUIDE:
        return True
    if value is not None:
        if value in GUIDE_FORMAT_NAMES and not Path(value).is_dir():
            error(f"--content takes no value for the guide: write --content --format {value}.")
            return None
        args.content = value
    return False


def _export_guide(args: argparse.Namespace) -> int:
    """`export --content`: the guide as a book. It holds no progress, so no store (and no study
    service) is opened: the exporter is called on the content alone."""
    from ldn_tui.export import ExportError, UnknownChapter, export, select
    from ldn_tui.export.common import FORMATS

    fmt = GUIDE_FORMAT_NAMES.get(args.format)
    if fmt is None:
        error(f"--content writes the guide as a book: --format md or html, not {args.format}.")
        return EXIT_USAGE
    for flag, given in (
        ("--summary", args.summary),
        ("--excel", args.excel),
        ("--no-history", args.no_history),
        ("--include-generated", args.include_generated),
    ):
        if given:
            error(f"{flag} does not apply to the guide (--content).")
            return EXIT_USAGE
    content = load_or_report(args)
    if content is None:
        return EXIT_PROBLEMS
    try:
        select(content, args.chapters)
    except UnknownChapter as exc:
        error(str(exc))
        return EXIT_USAGE
    try:
        result = export(content, None, fmt, output=args.output, chapters=args.chapters, force=args.force)
    except ExportError as exc:
        error(str(exc))
        return EXIT_PROBLEMS
    if args.output == "-":
        print(f"Wrote {FORMATS[fmt].description} to standard output ({_size(result.size)}).", file=sys.stderr)
        return EXIT_OK
    print(f"Wrote {result.path} ({FORMATS[fmt].description}; {_size(result.size)}).")
    if fmt == "guide-html":
        print("Open it in any web browser; it needs no network and prints one chapter per page.")
    return EXIT_OK


@command("import", "restore your progress from a JSON export", _configure_import)
def cmd_import(args: argparse.Namespace) -> int:
    from ldn_tui.export import ExportError
    from ldn_tui.export.jsonio import read_export

    try:
        checked = read_export(args.file)
    except ExportError as exc:
        error(str(exc))
        return EXIT_PROBLEMS
    content = load_or_report(args)
    if content is None:
        return EXIT_PROBLEMS
    study = _open(content)
    if study is None:
        return EXIT_PROBLEMS
    from ldn_tui.study import StudyError

    try:
        result = study.import_backup(checked, force=args.force, dry_run=args.dry_run)
    except (ExportError, StudyError) as exc:
        error(str(exc))
        return EXIT_PROBLEMS
    finally:
        study.close()
    if result.dry_run:
        print(f"Dry run: importing {args.file} into {study.database_path} {result.plan()}. Nothing was changed.")
        return EXIT_OK
    verb = "Merged" if result.merged else "Imported"
    print(f"{verb} {args.file} into {study.database_path}: {result.summary()}. Counts checked after saving.")
    return EXIT_OK
