"""`ldn-study lint [PATHS...]`: check the question bank against published item-writing rules.

Every finding is printed as `file:line: rule-id: question field: message [error|warning]`, then a
summary by rule; `--stats` adds the bank figures (counts, true/false balance, longest-choice
share against chance, vignettes, objectives). PATHS narrow the report to some chapter files (or
name another content folder); the whole folder is always read, since several rules judge the
bank as a whole. `ldn-study lint --rules` lists the rules with their sources.

Exit codes: 0 no errors (warnings allowed, unless --strict), 1 errors or content that does not
validate, 2 usage errors (a path that does not exist or is not in a content folder).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ldn_tui import paths
from ldn_tui.commands.base import EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE, command, content_option, error


def _configure(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "paths",
        nargs="*",
        metavar="PATH",
        help="chapter files or a content folder to report on (default: --content, or the bundled content)",
    )
    p.add_argument(
        "--stats",
        action="store_true",
        help="also print bank figures: counts per type and chapter, true/false balance, longest-choice share, "
        "vignettes, questions per objective",
    )
    p.add_argument("--format", choices=("text", "json"), default="text", help="text (default) or json")
    p.add_argument("--strict", action="store_true", help="count warnings as errors (exit 1 on any finding)")
    p.add_argument(
        "--generated", action="store_true", help="also check the evidence and certainty questions generated from claims"
    )
    p.add_argument("--rules", action="store_true", help="list the rules, their severity and their sources, then exit")
    content_option(p)


def _root_of(path: Path) -> tuple[Path, Path | None] | str:
    """(content folder, file to report on or None for all) for one PATH, or what is wrong with it."""
    if not path.exists():
        return f"no such file or folder: {path}"
    if path.is_dir():
        if (path / "chapters").is_dir():
            return path, None
        if path.name == "chapters":
            return path.parent, None
        return f"{path} is not a content folder (no chapters/ inside)"
    if path.parent.name == "chapters":
        return path.parent.parent, path
    if (path.parent / "chapters").is_dir():
        return path.parent, path
    return f"{path} is not a file of a content folder (expected chapters/*.yaml or a file beside chapters/)"


def _resolve(args: argparse.Namespace) -> tuple[Path, list[str] | None] | str:
    if not args.paths:
        return paths.content_dir(getattr(args, "content", None)), None
    roots: set[Path] = set()
    files: list[str] = []
    whole = False
    for raw in args.paths:
        got = _root_of(Path(raw).expanduser())
        if isinstance(got, str):
            return got
        root, file = got
        roots.add(root.resolve())
        if file is None:
            whole = True
        else:
            files.append(str(file))
    if len(roots) > 1:
        return "PATHS must all be in one content folder; run lint once per folder"
    return roots.pop(), (None if whole else files)


@command(
    "lint",
    "check the question bank against item-writing rules (NBME, Haladyna); file:line for each finding",
    _configure,
)
def cmd_lint(args: argparse.Namespace) -> int:
    from ldn_tui.content import ContentInvalid, load_content
    from ldn_tui.itemlint import lint, load_rules
    from ldn_tui.itemlint.report import json_report, rules_table, text_report

    if args.rules:
        print(rules_table(load_rules()))
        return EXIT_OK
    resolved = _resolve(args)
    if isinstance(resolved, str):
        error(resolved)
        return EXIT_USAGE
    root, files = resolved
    try:
        content = load_content(root, lines=True)  # findings name their lines
    except ContentInvalid as exc:
        print(f"ldn-study: the content in {root} has problems; fix them first (ldn-study validate):", file=sys.stderr)
        print(exc.report(), file=sys.stderr)
        return EXIT_PROBLEMS
    result = lint(content, root=str(root), include_generated=args.generated, only_files=files)
    stats = None
    if args.stats:
        from ldn_tui.itemlint.stats import bank_stats

        stats = bank_stats(result.items, result.context, generated_included=args.generated)
    report = json_report if args.format == "json" else text_report
    sys.stdout.write(report(result, strict=args.strict, stats=stats) + "\n")
    failed = result.errors or (args.strict and result.findings)
    return EXIT_PROBLEMS if failed else EXIT_OK
