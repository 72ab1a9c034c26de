"""The `ldn-study` command line.

`ldn-study` alone opens the app; subcommands do the rest. Heavy imports (Textual, the quiz
engine, exporters) happen inside the command that needs them, so `validate` or `locate`
never pay for the UI.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path
from types import SimpleNamespace
from typing import TYPE_CHECKING, Callable

from ldn_tui import __version__, paths

if TYPE_CHECKING:
    import argparse

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE = 0, 1, 2

Command = Callable[["argparse.Namespace"], int]
_COMMANDS: dict[str, tuple[Command, Callable[["argparse.ArgumentParser"], None], str]] = {}


def command(name: str, help: str, configure: Callable[[argparse.ArgumentParser], None] | None = None):
    """Register a subcommand: its handler, how to configure its parser, and its one-line help."""

    def wrap(fn: Command) -> Command:
        _COMMANDS[name] = (fn, configure or (lambda p: None), help)
        return fn

    return wrap


def _content_option(p: argparse.ArgumentParser, *, top: bool = False) -> None:
    import argparse

    p.add_argument(
        "--content",
        metavar="PATH",
        default=None if top else argparse.SUPPRESS,
        help="content folder to use instead of the bundled one (also: LDN_STUDY_CONTENT)",
    )


def build_parser() -> argparse.ArgumentParser:
    import argparse

    parser = argparse.ArgumentParser(
        prog="ldn-study",
        description="A terminal study guide to low-dose naltrexone (LDN). Educational, not medical advice.",
        epilog="Run without a command to open the app.",
    )
    parser.add_argument("--version", action="version", version=f"ldn-study {__version__}")
    _content_option(parser, top=True)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name, (_, configure, help_text) in _COMMANDS.items():
        p = sub.add_parser(name, help=help_text, description=help_text)
        configure(p)
    return parser


def main(argv: list[str] | None = None) -> int:
    if argv is None:
        argv = sys.argv[1:]
    if not argv:
        # Opening the app is what students do dozens of times a day: skip building the parser
        # and importing every subcommand, which would add ~20 ms to each start.
        return run_app(SimpleNamespace(content=None, command=None))
    _register_all()
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        return run_app(args)
    handler = _COMMANDS[args.command][0]
    try:
        return handler(args)
    except KeyboardInterrupt:
        return 130


def error(message: str) -> None:
    print(f"ldn-study: {message}", file=sys.stderr)


def load_or_report(args: argparse.Namespace):
    """Load content for a command, or print the validator's report and return None."""
    from ldn_tui.content import ContentInvalid, load_content

    try:
        return load_content(getattr(args, "content", None))
    except ContentInvalid as exc:
        root = paths.content_dir(getattr(args, "content", None))
        print(f"ldn-study: the content in {root} has problems:", file=sys.stderr)
        print(exc.report(), file=sys.stderr)
        return None


def run_app(args: argparse.Namespace, **options) -> int:
    content = load_or_report(args)
    if content is None:
        return EXIT_PROBLEMS
    from ldn_tui.tui.app import run  # Textual is imported only when the app really opens

    return run(content, **options)


# -- commands --------------------------------------------------------------------------------


def _configure_validate(p: argparse.ArgumentParser) -> None:
    p.add_argument("path", nargs="?", help="content folder (default: --content, or the bundled content)")
    _content_option(p)


@command("validate", "check a content folder and list every problem", _configure_validate)
def cmd_validate(args: argparse.Namespace) -> int:
    from ldn_tui.content import validate

    root = paths.content_dir(args.path or getattr(args, "content", None))
    start = time.perf_counter()
    content, issues = validate(root)
    elapsed = time.perf_counter() - start
    for issue in issues:
        print(issue)
    if issues:
        n = len(issues)
        print(f"{n} problem{'s' if n != 1 else ''} found in {root}.")
        return EXIT_PROBLEMS
    assert content is not None
    n_cards = len(content.cards)
    per_k = elapsed / n_cards * 1000 if n_cards else 0.0
    print(
        f"{root}: no problems. {len(content.chapters)} chapters, {n_cards} cards, "
        f"{len(content.questions)} questions, {_n(len(content.references), 'reference')}, "
        f"{len(content.glossary)} glossary terms; checked in {elapsed:.2f} s ({per_k:.2f} s per 1,000 cards)."
    )
    return EXIT_OK


def _configure_schema(p: argparse.ArgumentParser) -> None:
    p.add_argument("-o", "--output", metavar="FILE", help="write the schema to FILE instead of standard output")


@command("schema", "print the JSON Schema of content files, for editors with a YAML language server", _configure_schema)
def cmd_schema(args: argparse.Namespace) -> int:
    import json

    from ldn_tui.content.schema import json_schema

    text = json.dumps(json_schema(), indent=2) + "\n"
    if args.output:
        from ldn_tui.fileio import atomic_write_text

        try:
            atomic_write_text(Path(args.output), text)
        except OSError as exc:
            error(f"cannot write {args.output}: {exc.strerror}")
            return EXIT_PROBLEMS
        print(f"Wrote {args.output}")
    else:
        sys.stdout.write(text)
    return EXIT_OK


@command("locate", "show where progress, settings, cache and content live")
def cmd_locate(args: argparse.Namespace) -> int:
    rows = [
        ("data", paths.data_dir(create=False)),
        ("database", paths.database_path()),
        ("config", paths.config_file()),
        ("cache", paths.cache_dir(create=False)),
        ("content", paths.content_dir(getattr(args, "content", None))),
    ]
    width = max(len(k) for k, _ in rows)
    for key, value in rows:
        print(f"{key:<{width}}  {value}")
    return EXIT_OK


def _register_all() -> None:
    """Import the modules of ldn_tui.commands, which add subcommands (quiz, review, stats, export ...)."""
    import importlib
    import pkgutil

    import ldn_tui.commands as package

    for info in sorted(pkgutil.iter_modules(package.__path__), key=lambda i: i.name):
        importlib.import_module(f"{package.__name__}.{info.name}")


def _n(count: int, noun: str) -> str:
    return f"{count} {noun}{'' if count == 1 else 's'}"
