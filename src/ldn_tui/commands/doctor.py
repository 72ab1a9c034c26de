"""`ldn-study doctor [--repair]`: a thorough check of the progress file (see `progress.doctor`).

Exit codes: 0 no problems (orphaned ids alone are not problems), 1 problems found (or left
after `--repair`), 2 usage.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import TYPE_CHECKING

from ldn_tui.commands.base import EXIT_OK, EXIT_PROBLEMS, command, content_option, error, study_for

if TYPE_CHECKING:
    import argparse


def _configure(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--repair",
        action="store_true",
        help="quarantine bad rows (kept in a JSON file beside the progress file), or rebuild a damaged file; "
        "a backup is made first",
    )
    content_option(p)


@command("doctor", "check your progress file thoroughly (integrity, every row); --repair fixes what it can", _configure)
def cmd_doctor(args: argparse.Namespace) -> int:
    from ldn_tui.progress import doctor
    from ldn_tui.study import StudyError

    study = study_for(args)  # the same reaction to damage as every other command
    if study is None:
        return EXIT_PROBLEMS
    path = study.database_path
    if path is None or not path.exists():
        study.close()
        error("There is no progress file to check.")
        return EXIT_PROBLEMS
    report = doctor.check(path, study.content)
    for line in report.lines():
        print(line)
    if report.ok:
        study.close()
        print("No problems found.")
        return EXIT_OK
    if not args.repair:
        study.close()
        print("Run `ldn-study doctor --repair` to quarantine the bad rows (nothing is deleted unseen).")
        return EXIT_PROBLEMS
    if study.read_only:
        study.close()
        error("Cannot repair: the progress file cannot be written. " + (study.notice or ""))
        return EXIT_PROBLEMS
    try:
        made = study.create_backup()
        print(f"Backed up first: {made.path}")
    except StudyError as exc:
        print(f"(No backup could be made first: {exc})")
    study.close()
    now = datetime.now(UTC)
    try:
        if report.integrity:
            outcome = doctor.rebuild(path, report, now)
            print(outcome.message())
        else:
            moved = doctor.quarantine(path, report, now)
            print(
                f"Quarantined {len(report.bad_rows)} bad row(s) into {moved}; they are no longer in the progress file."
            )
    except Exception as exc:  # noqa: BLE001 — the report must end in a sentence, never a traceback
        error(f"The repair did not finish ({exc}); the progress file was left as it was.")
        return EXIT_PROBLEMS
    after = doctor.check(path, study.content)
    print("After repair: " + ("no problems." if after.ok else f"{len(after.bad_rows)} problem(s) remain."))
    return EXIT_OK if after.ok else EXIT_PROBLEMS
