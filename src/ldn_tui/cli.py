"""The `ldn-study` command line.

`ldn-study` alone opens the app; subcommands do the rest. Heavy imports (Textual, the quiz
engine, exporters) happen inside the command that needs them, so `validate` or `locate`
never pay for the UI.
"""

from __future__ import annotations

import sys
from types import SimpleNamespace
from typing import TYPE_CHECKING

from ldn_tui import __version__
from ldn_tui.commands.base import (  # re-exported for command modules written against cli
    _COMMANDS,
    EXIT_OK,
    EXIT_PROBLEMS,
    EXIT_USAGE,
    command,
    content_option,
    error,
    load_or_report,
    run_app,
)

if TYPE_CHECKING:
    import argparse

__all__ = [
    "EXIT_OK",
    "EXIT_PROBLEMS",
    "EXIT_USAGE",
    "build_parser",
    "command",
    "content_option",
    "error",
    "load_or_report",
    "main",
    "run_app",
]


def build_parser() -> argparse.ArgumentParser:
    import argparse

    parser = argparse.ArgumentParser(
        prog="ldn-study",
        description="A terminal study guide to low-dose naltrexone (LDN). Educational, not medical advice.",
        epilog="Run without a command to open the app.",
    )
    parser.add_argument("--version", action="version", version=f"ldn-study {__version__}")
    content_option(parser, top=True)
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
        code = handler(args)
        sys.stdout.flush()
    except KeyboardInterrupt:
        return 130
    except OSError as exc:
        if exc.errno not in _OUTPUT_ERRNOS:
            raise
        return _output_failed(exc)
    return code


#: Errors writing the output (`> /dev/full`, a full disk, a file-size limit, a closed pipe).
_OUTPUT_ERRNOS = {28, 27, 32, 5, 122}  # ENOSPC, EFBIG, EPIPE, EIO, EDQUOT


def _output_failed(exc: OSError) -> int:
    """Say that the output could not be written, and keep Python from failing again at exit."""
    import os

    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError):
        pass
    error(f"could not write the output: {exc.strerror or exc}. Nothing more was written.")
    return EXIT_PROBLEMS


def _register_all() -> None:
    """Import the modules of ldn_tui.commands, which add subcommands (quiz, review, stats, export ...)."""
    import importlib
    import pkgutil

    import ldn_tui.commands as package

    for info in sorted(pkgutil.iter_modules(package.__path__), key=lambda i: i.name):
        importlib.import_module(f"{package.__name__}.{info.name}")
