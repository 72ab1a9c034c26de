"""`ldn-study today`: today's queue in plain text (what the app's Today screen shows)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ldn_tui.commands.base import EXIT_OK, EXIT_PROBLEMS, command, content_option, study_for

if TYPE_CHECKING:
    import argparse


def _configure(p: argparse.ArgumentParser) -> None:
    content_option(p)


@command(
    "today",
    "what is due and what is new today, where reading stopped, and your streak (plain text)",
    _configure,
)
def cmd_today(args: argparse.Namespace) -> int:
    from ldn_tui.study.today import summary_lines

    study = study_for(args)
    if study is None:
        return EXIT_PROBLEMS
    try:
        today = study.today()
    finally:
        study.close()
    print("\n".join(summary_lines(study.content, today)))
    return EXIT_OK
