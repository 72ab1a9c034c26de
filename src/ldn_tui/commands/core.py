"""The small commands: `validate`, `schema` and `locate`."""

from __future__ import annotations

import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING

from ldn_tui import paths
from ldn_tui.commands.base import EXIT_OK, EXIT_PROBLEMS, command, content_option, error

if TYPE_CHECKING:
    import argparse


def _configure_validate(p: argparse.ArgumentParser) -> None:
    p.add_argument("path", nargs="?", help="content folder (default: --content, or the bundled content)")
    content_option(p)


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
        f"{len(content.questions)} authored questions, {_n(len(content.references), 'reference')}, "
        f"{len(content.glossary)} glossary terms; checked in {elapsed:.2f} s ({per_k:.2f} s per 1,000 cards)."
    )
    return EXIT_OK


def _configure_schema(p: argparse.ArgumentParser) -> None:
    p.add_argument("-o", "--output", metavar="FILE", help="write the schema to FILE instead of standard output")
    p.add_argument(
        "--progress", action="store_true", help="the schema of a JSON progress export (`export -f json`) instead"
    )


@command("schema", "print the JSON Schema of content files, for editors with a YAML language server", _configure_schema)
def cmd_schema(args: argparse.Namespace) -> int:
    import json

    from ldn_tui.content.schema import json_schema

    if args.progress:
        from ldn_tui.export.progress_schema import progress_schema

        text = json.dumps(progress_schema(), indent=2) + "\n"
    else:
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


def _n(count: int, noun: str) -> str:
    return f"{count} {noun}{'' if count == 1 else 's'}"
