"""Where an export goes and writing it there: dated default names, checks that say what to do, atomic writes.

No Textual here. Every file is written with `fileio.atomic_write_bytes` (temp file in the same
folder, then `os.replace`), so an export is either the complete new file or not there at all.
"""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path

from ldn_tui.export.common import FORMATS, ExportError, OutputExists
from ldn_tui.fileio import atomic_write_bytes


def default_filename(fmt: str, day: date, *, summary: bool = False) -> str:
    """`ldn-study-progress-2026-11-21.md` and the like (csv --summary adds `-summary`)."""
    f = FORMATS[fmt]
    tail = "-summary" if summary else ""
    return f"{f.stem}-{day.isoformat()}{tail}{f.suffix}"


def output_path(
    output: str | os.PathLike[str] | None,
    fmt: str,
    day: date,
    *,
    summary: bool = False,
    cwd: Path | None = None,
    unique: bool = False,
) -> Path:
    """Where to write: `output`, or the dated default name in `cwd` (default: the current folder).

    An `output` that is an existing folder gets the default name inside it. With `unique`, a
    default name that is taken becomes `…-2.md`, `…-3.md` … (the app uses this; the CLI asks
    for `--force` instead).
    """
    name = default_filename(fmt, day, summary=summary)
    if output is not None and str(output) != "":
        path = Path(output).expanduser()
        if not path.is_dir():
            return path
        base = path
    else:
        base = cwd if cwd is not None else Path.cwd()
    path = base / name
    if unique:
        n = 1
        stem, suffix = name[: -len(FORMATS[fmt].suffix)], FORMATS[fmt].suffix
        while path.exists():
            n += 1
            path = base / f"{stem}-{n}{suffix}"
    return path


def check_output(path: Path, *, force: bool = False) -> None:
    """Raise `ExportError` (with a sentence saying what to do) unless `path` can be written."""
    path = Path(path)
    folder = path.parent if str(path.parent) != "" else Path(".")
    if path.is_dir():
        raise ExportError(f"{path} is a folder. Give a file name with --output (or leave it out).")
    if not folder.exists():
        raise ExportError(
            f"Cannot write {path}: the folder {folder} does not exist. Create it first, or choose "
            "another place with --output."
        )
    if not folder.is_dir():
        raise ExportError(f"Cannot write {path}: {folder} is not a folder.")
    if not os.access(folder, os.W_OK | os.X_OK):
        raise ExportError(f"Cannot write {path}: the folder {folder} is read-only. Choose another place with --output.")
    if path.is_symlink() and not force:
        raise OutputExists(
            f"{path} is a symbolic link. Add --force to replace the link itself with the export (its "
            "target is never written), or choose another name with --output."
        )
    if path.exists() and not force:
        raise OutputExists(f"{path} already exists. Add --force to overwrite it, or choose another name with --output.")


def write_output(path: Path, data: bytes, *, force: bool = False) -> Path:
    """Check `path`, then write `data` to it atomically. Raises `ExportError` on any failure."""
    path = Path(path)
    check_output(path, force=force)
    try:
        keep_mode = path.is_file() and not path.is_symlink()
        mode = path.stat().st_mode & 0o777 if keep_mode else 0o666 & ~_umask()
    except OSError:
        mode = 0o644
    try:
        atomic_write_bytes(path, data)
        # The temp file behind an atomic write is private (0600); an export is an ordinary
        # file, so give it the mode the file had, or what the umask allows for a new one.
        os.chmod(path, mode)
    except OSError as exc:
        reason = exc.strerror or str(exc)
        if isinstance(exc, PermissionError):
            raise ExportError(
                f"Cannot write {path}: the folder {path.parent} is read-only ({reason}). "
                "Choose another place with --output."
            ) from exc
        raise ExportError(f"Cannot write {path}: {reason}. Nothing was written.") from exc
    return path


def write_stdout(data: bytes) -> None:
    """Write an export to standard output (`-o -`). Raises `ExportError` if it cannot be written."""
    import sys

    try:
        sys.stdout.flush()
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
    except OSError as exc:
        raise ExportError(f"Cannot write to standard output: {exc.strerror or exc}.") from exc


def is_stdout(output: object) -> bool:
    return output is not None and str(output) == "-"


def _umask() -> int:
    """The process umask, read without changing it where the OS allows (Linux)."""
    try:
        with open("/proc/self/status", encoding="ascii") as fh:
            for line in fh:
                if line.startswith("Umask:"):
                    return int(line.split()[1], 8)
    except (OSError, ValueError):
        pass
    mask = os.umask(0o022)
    os.umask(mask)
    return mask
