"""What every subcommand shares: the registry, exit codes, messages, loading content, opening the app.

A command module in this package registers itself with `@command(name, help, configure)` when
`ldn_tui.cli` imports it; the CLI never lists commands by hand. Command modules import this
module, never `ldn_tui.cli` (which sits above them and imports them).
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from ldn_tui import paths

if TYPE_CHECKING:
    import argparse

    from ldn_tui.content.model import Content
    from ldn_tui.study import Study

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE = 0, 1, 2

Command = Callable[["argparse.Namespace"], int]
_COMMANDS: dict[str, tuple[Command, Callable[[argparse.ArgumentParser], None], str]] = {}


def command(name: str, help: str, configure: Callable[[argparse.ArgumentParser], None] | None = None):
    """Register a subcommand: its handler, how to configure its parser, and its one-line help."""

    def wrap(fn: Command) -> Command:
        _COMMANDS[name] = (fn, configure or (lambda p: None), help)
        return fn

    return wrap


def content_option(p: argparse.ArgumentParser, *, top: bool = False) -> None:
    import argparse

    p.add_argument(
        "--content",
        metavar="PATH",
        default=None if top else argparse.SUPPRESS,
        help="content folder to use instead of the bundled one (also: LDN_STUDY_CONTENT)",
    )


def error(message: str) -> None:
    print(f"ldn-study: {message}", file=sys.stderr)


def load_or_report(
    args: argparse.Namespace, later: Callable[[Callable[[], None]], None] | None = None
) -> Content | None:
    """Load content for a command, or print the validator's report and return None.

    When the YAML has to be read (the first start, or the content changed), a terminal shows a
    loading line with how far it has got: at 10,000 cards that takes seconds. `later`: see
    `load_content` (the app writes the parse cache after its first screen).
    """
    from ldn_tui.content import ContentInvalid, load_content

    line = LoadingLine.for_stderr()
    try:
        return load_content(getattr(args, "content", None), progress=line, later=later)
    except ContentInvalid as exc:
        root = paths.content_dir(getattr(args, "content", None))
        print(f"ldn-study: the content in {root} has problems:", file=sys.stderr)
        print(exc.report(), file=sys.stderr)
        return None
    finally:
        if line is not None:
            line.clear()


class LoadingLine:
    """ "Reading the study content: 37 of 105 files…" on one line of stderr, rewritten in place
    (at most every 0.1 s), then erased. Only on a terminal that can erase a line."""

    def __init__(self, stream: Any) -> None:
        self.stream, self.shown, self._last = stream, False, 0.0

    @classmethod
    def for_stderr(cls) -> LoadingLine | None:
        import os

        try:
            tty = sys.stderr is not None and sys.stderr.isatty()
        except (AttributeError, ValueError):
            tty = False
        return cls(sys.stderr) if tty and os.environ.get("TERM", "") != "dumb" else None

    def __call__(self, done: int, total: int) -> None:
        import time

        now = time.monotonic()
        if self.shown and done < total and now - self._last < 0.1:
            return
        self._last = now
        self.shown = True
        self._write(f"\rReading the study content: {done} of {total} files…")

    def clear(self) -> None:
        if self.shown:
            self._write("\r\x1b[2K")
            self.shown = False

    def _write(self, text: str) -> None:
        try:
            self.stream.write(text)
            self.stream.flush()
        except (OSError, ValueError):  # a closed or full stream: the line is only a courtesy
            pass


def study_for(args: argparse.Namespace) -> Study | None:
    """Load the content (its problems reported) and open the study service over it, or None having
    said why: the first steps of every command that reads the student's progress."""
    content = load_or_report(args)
    return open_study(content) if content is not None else None


def open_study(content: Content) -> Study | None:
    """The study service over the student's progress for a CLI command, or None (having said why).

    Every command opens progress here, so all react alike: a notice (read-only folder …) is
    printed to stderr; a damaged file, once rebuilt, is reported in one message (what was kept,
    what was lost, where the damaged copy is) and the command stops with exit 1, so a script
    never carries on unaware. Running it again works on the rebuilt file.
    """
    from ldn_tui.study import Study, StudyError

    try:
        study = Study.open_for_command(content)
    except StudyError as exc:
        error(str(exc))
        return None
    if study.damage:
        error(study.damage)
        error("Nothing else was done; run the command again to carry on with the recovered progress.")
        study.close()
        return None
    if study.notice:
        error(study.notice)
    return study


def terminal_problem() -> str | None:
    """Why the app cannot run here (no terminal, or `TERM=dumb`), or None.

    Textual under `TERM=dumb`, or with its input or output redirected, can spin at 100% CPU
    waiting for a terminal that never answers: say so and exit instead. A driver chosen by the
    caller (`TEXTUAL_DRIVER`, as `ldn-study serve` sets for each browser tab) brings its own
    screen.
    """
    import os

    if os.environ.get("TEXTUAL_DRIVER"):
        return None
    if os.environ.get("TERM", "") == "dumb":
        return "TERM is 'dumb'"
    for name, stream in (("input", sys.stdin), ("output", sys.stdout)):
        try:
            ok = stream is not None and stream.isatty()
        except (AttributeError, ValueError):  # a closed or unusual stream
            ok = False
        if not ok:
            return f"standard {name} is not a terminal"
    return None


def run_app(args: argparse.Namespace, **options: Any) -> int:
    """Open the app; without a usable terminal, say what to run instead and exit 2."""
    after_first_paint: list[Callable[[], None]] = []  # writing the parse cache, if it was read afresh
    content = load_or_report(args, later=after_first_paint.append)  # content problems first
    if content is None:
        return EXIT_PROBLEMS
    problem = terminal_problem()
    if problem is not None:
        error(
            f"the app needs a terminal ({problem}). Run it in a terminal window, or use the "
            "plain-text commands: ldn-study today, ldn-study stats, ldn-study export."
        )
        return EXIT_USAGE
    import gc

    # The content lives as long as the app: keep the cyclic collector off it while Textual
    # imports (at 10,000 cards its collections cost ~170 ms of the import; benchmarks/README.md).
    gc.freeze()
    from ldn_tui.tui.app import run  # Textual is imported only when the app really opens

    return run(content, background=after_first_paint, **options)


_content_option = content_option  # the name the first command modules used
