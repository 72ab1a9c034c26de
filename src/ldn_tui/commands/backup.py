"""`ldn-study backup list | create | restore ID`: the automatic backups of the progress file.

The app backs progress up by itself (at most every few minutes of use and on a clean exit,
rotated: see `ldn_tui.progress.backup`); this command lists them, makes one now, or restores
one. A restore checks the backup's integrity first and moves the current file aside (kept as
`progress.sqlite3.before-restore-<stamp>`), never deleting it.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import TYPE_CHECKING

from ldn_tui import paths
from ldn_tui.commands.base import EXIT_OK, EXIT_PROBLEMS, command, content_option, error, study_for

if TYPE_CHECKING:
    import argparse


def _configure(p: argparse.ArgumentParser) -> None:
    sub = p.add_subparsers(dest="action", metavar="ACTION", required=True)
    sub.add_parser("list", help="list the backups, newest first")
    sub.add_parser("create", help="back up your progress now")
    r = sub.add_parser("restore", help="check a backup, move the current progress aside, put the backup in its place")
    r.add_argument("id", metavar="ID", help="the backup's id, as `backup list` shows it")
    content_option(p)


def _size(n: int) -> str:
    return f"{n / 1000:.1f} kB" if n < 1_000_000 else f"{n / 1_000_000:.1f} MB"


@command("backup", "list, create or restore backups of your progress", _configure)
def cmd_backup(args: argparse.Namespace) -> int:
    from ldn_tui.progress import backup

    db = paths.database_path()
    if args.action == "list":
        found = backup.list_backups(db)
        if not found:
            print(f"No backups yet in {backup.backups_dir(db)}. `ldn-study backup create` makes one.")
            return EXIT_OK
        print(f"Backups in {backup.backups_dir(db)} (newest first):")
        for b in found:
            local = b.when.astimezone().strftime("%Y-%m-%d %H:%M")
            print(f"  {b.id}  {local}  {_size(b.size)}")
        return EXIT_OK
    if args.action == "create":
        study = study_for(args)
        if study is None:
            return EXIT_PROBLEMS
        from ldn_tui.study import StudyError

        try:
            made = study.create_backup()
        except StudyError as exc:
            error(str(exc))
            return EXIT_PROBLEMS
        finally:
            study.close()
        print(f"Backed up your progress to {made.path} ({_size(made.size)}).")
        return EXIT_OK
    try:
        restored, moved = backup.restore(db, args.id, datetime.now(UTC))
    except backup.BackupError as exc:
        error(str(exc))
        return EXIT_PROBLEMS
    kept = f" Your previous progress file is kept as {moved}." if moved else ""
    print(f"Restored the backup {restored.id} (checked: integrity ok) to {db}.{kept}")
    return EXIT_OK
