"""`ldn-study quiz`, `ldn-study review` and `ldn-study stats`.

quiz and review check their arguments and whether there is anything to ask *before* loading
the UI, so a typo or an empty review is a one-line answer, not an empty screen. stats prints
with rich and never loads Textual.

Exit codes: 0 done (also "nothing is due", "no paused quiz"), 1 content or progress problems
(or a quiz whose filters match no question), 2 usage errors (unknown chapter, kind, evidence
label, learning objective, pool or mode; a bad --time).
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
    study_for,
)
from ldn_tui.content.labels import EVIDENCE, KINDS

if TYPE_CHECKING:
    from ldn_tui.quiz.engine import QuizRequest
    from ldn_tui.study import Study

#: --mode: how feedback is given.
STYLES = ("tutor", "exam")
#: --pool: which questions -> `Selection.mode` ("bookmarked" and "all" kept from before).
POOLS = {"all": "all", "unused": "unused", "incorrect": "missed", "flagged": "flagged", "due": "due"}
_MORE_POOLS = {"missed": "missed", "bookmarked": "bookmarked"}


# -- shared -----------------------------------------------------------------------------------


def _positive(text: str) -> int:
    try:
        n = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a whole number, not {text!r}") from None
    if n <= 0:
        raise argparse.ArgumentTypeError(f"expected a number above 0, not {n}")
    return n


def _duration(text: str) -> int:
    """`30m`, `1h`, `90s`, `1h30m` or plain minutes (`45`) -> seconds."""
    import re

    t = text.strip().lower()
    if t.isdigit():
        seconds = int(t) * 60
    else:
        m = re.fullmatch(r"(?:(\d+)h)?\s*(?:(\d+)m(?:in)?)?\s*(?:(\d+)s)?", t)
        if not t or m is None:
            raise argparse.ArgumentTypeError(f"expected a duration such as 30m, 1h or 1h30m, not {text!r}")
        h, mins, secs = (int(g) if g else 0 for g in m.groups())
        seconds = h * 3600 + mins * 60 + secs
    if seconds <= 0:
        raise argparse.ArgumentTypeError(f"expected a duration above zero, not {text!r}")
    return seconds


def _filters(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--chapter",
        nargs="+",
        action="extend",
        default=[],
        metavar="ID",
        help="only these chapters (--chapter safety evidence, or repeat it; ids as in the app's contents)",
    )
    p.add_argument("--count", type=_positive, metavar="N", help="ask at most N questions (default: all that match)")
    p.add_argument("--seed", type=int, metavar="N", help="the same seed asks the same questions in the same order")
    content_option(p)


def _configure_quiz(p: argparse.ArgumentParser) -> None:
    _filters(p)
    p.add_argument(
        "--kind",
        nargs="+",
        action="extend",
        default=[],
        metavar="KIND",
        help=f"only cards of these kinds: {', '.join(KINDS)}",
    )
    p.add_argument(
        "--objective",
        nargs="+",
        action="extend",
        default=[],
        metavar="O",
        help="only questions on these learning objectives",
    )
    p.add_argument(
        "--pool",
        metavar="POOL",
        help="which questions: unused (never answered), incorrect (wrong last time), flagged, due; default all",
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
        metavar="MODE",
        help="tutor (feedback after each answer; default) or exam (feedback at the end, answers changeable)",
    )
    p.add_argument("--time", type=_duration, metavar="DURATION", help="exam time limit with a countdown: 30m, 1h")
    p.add_argument("--resume", action="store_true", help="carry on with the paused quiz where you left it")
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
    mode = getattr(args, "mode", None)
    if mode is not None and mode not in STYLES and mode not in POOLS and mode not in _MORE_POOLS:
        return f"unknown mode {mode!r}. Modes: {', '.join(STYLES)} (which questions: --pool {'|'.join(POOLS)})"
    pool = getattr(args, "pool", None)
    if pool is not None and pool not in POOLS and pool not in _MORE_POOLS:
        return f"unknown pool {pool!r}. Pools: {', '.join(POOLS)}"
    if getattr(args, "time", None) is not None and mode == "tutor":
        return "--time is a limit for an exam: use it with --mode exam (or without --mode)"
    return None


def _pool_and_style(args: argparse.Namespace) -> tuple[str, str]:
    """(`Selection.mode`, style) from --pool and --mode (an old `--mode missed` still names a pool)."""
    mode = getattr(args, "mode", None)
    pool = getattr(args, "pool", None)
    style = "exam" if mode == "exam" or getattr(args, "time", None) is not None else "tutor"
    if pool is None and mode is not None and mode not in STYLES:
        pool = mode
    pool = pool or "all"
    return POOLS.get(pool) or _MORE_POOLS[pool], style


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


def _start(args: argparse.Namespace, selection_kwargs: dict, style: str = "tutor") -> int:
    from ldn_tui.content.objectives import NO_OBJECTIVES, objective_titles
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
    objectives = objective_titles(content)
    for objective in selection_kwargs.get("objectives", ()):
        if objective not in objectives:
            valid = f"Objectives: {', '.join(objectives)}" if objectives else NO_OBJECTIVES
            return _usage(f"unknown learning objective {objective!r}. {valid}")
    request = QuizRequest(
        Selection(chapters=tuple(args.chapter), **selection_kwargs),
        count=args.count,
        seed=args.seed,
        style=style,
        time_limit=getattr(args, "time", None),
    )
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
    if mode == "flagged":
        print(f"No flagged questions{where}. Flag one with f during a quiz.")
        return EXIT_OK
    if mode == "unused":
        print(f"No unused questions{where}: you have answered every one that matches at least once.")
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
    "open the app straight into a quiz (--chapter, --kind, --objective, --pool, --mode tutor|exam, --time, --resume)",
    _configure_quiz,
)
def cmd_quiz(args: argparse.Namespace) -> int:
    if args.resume:
        return _resume(args)
    pool, style = _pool_and_style(args) if _check_words(args) is None else ("all", "tutor")
    return _start(
        args,
        {
            "kinds": tuple(args.kind),
            "evidence": tuple(args.evidence),
            "objectives": tuple(args.objective),
            "mode": pool,
            "include_generated": not args.authored_only,
        },
        style,
    )


def _resume(args: argparse.Namespace) -> int:
    """`quiz --resume`: open the paused quiz, or say there is none."""
    given = [f"--{name}" for name in ("chapter", "kind", "objective", "evidence") if getattr(args, name)]
    given += [f"--{name}" for name in ("pool", "mode", "time", "count", "seed") if getattr(args, name) is not None]
    if given:
        return _usage(f"--resume carries on with the paused quiz as it was; it does not take {', '.join(given)}")
    study = study_for(args)
    if study is None:
        return EXIT_PROBLEMS
    try:
        saved = study.saved_quiz()
    finally:
        study.close()
    if saved is None:
        print("There is no paused quiz to resume. `ldn-study quiz` starts a new one.")
        return EXIT_OK
    return run_app(args, resume_quiz=True)


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
    study = study_for(args)
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
