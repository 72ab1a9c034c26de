"""`ldn-study evidence [CONDITION] [--format text|md|json]`: the evidence map or one condition's
Summary-of-Findings table.

Without a condition it prints the map (every condition against the strongest design found); with
one, that condition's table: outcome, studies and participants, effect with its confidence
interval, GRADE certainty as symbols with the reasons, and a plain-language statement, plus a text
forest plot where studies report intervals. Exit codes: 0 printed, 1 content problems, 2 an
unknown condition (the message lists the known ones) or format.
"""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING

from ldn_tui.commands.base import EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE, command, content_option, error, load_or_report

if TYPE_CHECKING:
    from rich.console import RenderableType

FORMATS = ("text", "md", "json")


def _configure(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "condition",
        nargs="?",
        metavar="CONDITION",
        help="a condition id (e.g. fibromyalgia); leave out for the map of all conditions",
    )
    p.add_argument(
        "--format", default="text", choices=FORMATS, help="text (tables, the default), md (Markdown) or json"
    )
    content_option(p)


@command("evidence", "print the evidence map, or one condition's Summary-of-Findings table (GRADE)", _configure)
def cmd_evidence(args: argparse.Namespace) -> int:
    content = load_or_report(args)
    if content is None:
        return EXIT_PROBLEMS
    from ldn_tui.content import evidence, evidence_render

    if args.condition is None:
        rows = evidence.evidence_map(content)
        if args.format == "json":
            return _write(evidence_render.map_json(rows) + "\n")
        if args.format == "md":
            return _write(evidence_render.map_markdown(rows))
        return _print(evidence_render.map_renderables(rows))
    try:
        sof = evidence.summary_of_findings(content, args.condition)
    except evidence.UnknownCondition as exc:
        error(str(exc))
        return EXIT_USAGE
    if args.format == "json":
        return _write(evidence_render.sof_json(sof) + "\n")
    if args.format == "md":
        return _write(evidence_render.sof_markdown(sof))
    from rich.console import Console

    width = max(60, min(Console().width, 140))
    return _print(evidence_render.sof_renderables(sof, width), width)


def _write(text: str) -> int:
    sys.stdout.write(text)
    return EXIT_OK


def _print(renderables: list[RenderableType], width: int | None = None) -> int:
    from rich.console import Console

    console = Console(highlight=False, width=width)
    for n, block in enumerate(renderables):
        if n:
            console.print()
        console.print(block)
    return EXIT_OK
