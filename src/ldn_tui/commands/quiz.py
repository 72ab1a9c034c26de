"""`ldn-study quiz`, `ldn-study review` and `ldn-study stats`.

quiz and review check their arguments and whether there is anything to ask *before* loading
the UI, so a typo or an empty review is a one-line answer, not an empty screen. stats prints
with rich and never loads Textual.

Exit codes: 0 done (also "nothing is due"), 1 content or progress problems (or a quiz whose
filters match no question), 2 usage errors (unknown chapter, kind, evidence label or mode).
"""

from __future__ import annotations

import argparse
import sys
from datetime import datetime
from typing import TYPE_CHECKING

from ldn_tui.commands.base import (
    EXIT_OK,
    EXIT_PROBLEMS,
    EXIT_USAGE,
    command,
    content_option,
    error,
    load_or_report,
    open_study,
    run_app,
)
from ldn_tui.content.labels import EVIDENCE, KINDS

if TYPE_CHECKING:
    from ldn_tui.quiz.engine import QuizRequest
    from ldn_tui.study import Study

MODES = ("all", "missed", "bookmarked", "due")


# -- shared -----------------------------------------------------------------------------------


def _positive(text: str) -> int:
    try:
        n = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a whole number, not {text!r}") from None
    if n <= 0:
        raise argparse.ArgumentTypeError(f"expected a number above 0, not {n}")
    return n


def _filters(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--chapter",
        action="append",
        default=[],
        metavar="ID",
        help="only this chapter (repeat for several; see the ids in the app's contents)",
    )
    p.add_argument("--count", type=_positive, metavar="N", help="ask at most N questions (default: all that match)")
    p.add_argument("--seed", type=int, metavar="N", help="the same seed asks the same questions in the same order")
    content_option(p)


def _configure_quiz(p: argparse.ArgumentParser) -> None:
    _filters(p)
    p.add_argument(
        "--kind",
        action="append",
        default=[],
        metavar="KIND",
        help=f"only cards of this kind (repeatable): {', '.join(KINDS)}",
    )
    p.add_argument(
        "--evidence",
        action="append",
        default=[],
        metavar="LABEL",
        help=f"only questions on claims with this evidence label (repeatable): {', '.join(EVIDENCE)}",
    )
    p.add_argument(
        "--mode",
        default="all",
        metavar="MODE",
        help="all (default), missed (wrong last time), bookmarked (on bookmarked cards), due (for review)",
    )
    p.add_argument(
        "--authored-only", action="store_true", help="leave out the evidence/certainty questions generated from claims"
    )


def _usage(message: str) -> int:
    error(message)
    return EXIT_USAGE


def _check_words(args: argparse.Namespace) -> str | None:
    """A usage error about kinds, evidence labels or the mode, or None."""
    for value in getattr(args, "kind", []):
        if value not in KINDS:
            return f"unknown kind {value!r}. Kinds: {', '.join(KINDS)}"
    for value in getattr(args, "evidence", []):
        if value not in EVIDENCE:
            return f"unknown evidence label {value!r}. Labels: {', '.join(EVIDENCE)}"
    mode = getattr(args, "mode", "all")
    if mode not in MODES:
        return f"unknown mode {mode!r}. Modes: {', '.join(MODES)}"
    return None


def _when(dt: datetime) -> str:
    local = dt.astimezone()
    today = datetime.now().astimezone().date()
    days = (local.date() - today).days
    clock = local.strftime("%H:%M")
    if days == 0:
        return f"today at {clock}"
    if days == 1:
        return f"tomorrow at {clock}"
    return local.strftime("%A %d %B at %H:%M")


def _start(args: argparse.Namespace, selection_kwargs: dict) -> int:
    from ldn_tui.quiz.engine import QuizRequest, Selection

    problem = _check_words(args)
    if problem:
        return _usage(problem)
    content = load_or_report(args)
    if content is None:
        return EXIT_PROBLEMS
    known = [ch.id for ch in sorted(content.chapters, key=lambda c: c.order)]
    for chapter in args.chapter:
        if chapter not in known:
            return _usage(f"unknown chapter {chapter!r}. Chapters: {', '.join(known)}")
    request = QuizRequest(Selection(chapters=tuple(args.chapter), **selection_kwargs), count=args.count, seed=args.seed)
    study = open_study(content)
    if study is None:
        return EXIT_PROBLEMS
    try:
        if study.quiz_size(request) == 0:
            return _nothing(study, request)
    finally:
        study.close()
    return run_app(args, start_quiz=request)


def _nothing(study: Study, request: QuizRequest) -> int:
    """Say plainly why there is nothing to ask."""
    mode = request.selection.mode
    where = f" in {', '.join(request.selection.chapters)}" if request.selection.chapters else ""
    if mode == "due":
        print(f"Nothing is due for review{where} right now.")
        upcoming = study.next_due()
        if upcoming is not None:
            print(f"The next question falls due {_when(upcoming)}.")
        elif not study.has_answers():
            print("You have not answered any questions yet: `ldn-study quiz` starts a quiz.")
        return EXIT_OK
    if mode == "missed":
        print(f"Nothing to retry{where}: no question was wrong the last time you answered it.")
        return EXIT_OK
    if mode == "bookmarked":
        print(f"No questions on bookmarked cards{where}. Bookmark a card with b in the app.")
        return EXIT_OK
    print(
        "No questions match those filters. Try fewer --kind/--evidence filters or another --chapter.", file=sys.stderr
    )
    return EXIT_PROBLEMS


# -- commands ---------------------------------------------------------------------------------


@command(
    "quiz",
    "open the app straight into a quiz (filters: --chapter, --kind, --evidence, --mode, --count)",
    _configure_quiz,
)
def cmd_quiz(args: argparse.Namespace) -> int:
    return _start(
        args,
        {
            "kinds": tuple(args.kind),
            "evidence": tuple(args.evidence),
            "mode": args.mode,
            "include_generated": not args.authored_only,
        },
    )


@command("review", "review the questions due today (spaced repetition); says so when nothing is due", _filters)
def cmd_review(args: argparse.Namespace) -> int:
    return _start(args, {"mode": "due"})


def _configure_stats(p: argparse.ArgumentParser) -> None:
    p.add_argument("--json", action="store_true", help="print the numbers as JSON instead of charts")
    p.add_argument(
        "--days", type=_positive, default=14, metavar="N", help="answers per day over the last N days (default 14)"
    )
    content_option(p)


@command(
    "stats",
    "print your progress: mastery per chapter, due this week, answers per day, accuracy by evidence",
    _configure_stats,
)
def cmd_stats(args: argparse.Namespace) -> int:
    content = load_or_report(args)
    if content is None:
        return EXIT_PROBLEMS
    study = open_study(content)
    if study is None:
        return EXIT_PROBLEMS
    from ldn_tui import stats_report

    try:
        data = study.overview(days=args.days)
    finally:
        study.close()
    if args.json:
        sys.stdout.write(stats_report.overview_json(data) + "\n")
        return EXIT_OK
    from rich.console import Console

    console = Console(highlight=False)
    width = max(40, min(console.width, 100))
    for n, block in enumerate(stats_report.report_blocks(data, width)):
        if n:
            console.print()
        console.print(block)
    return EXIT_OK
