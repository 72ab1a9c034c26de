"""Atomic file writes: a file is either the old one or the complete new one, never half-written.

The temp file sits in the target's own folder (so `os.replace` is a rename on one file system)
and is named `.<name>.ldn-<pid>-<random>.tmp`. It is removed on any failure, and on SIGTERM or
SIGHUP while the write runs (they are turned into `SystemExit` for that moment, in the main
thread). A temp file left by a process that was killed outright (SIGKILL, power cut) is
removed by the next write to the same file, once its process is gone.
"""

from __future__ import annotations

import contextlib
import os
import signal
import tempfile
import threading
from collections.abc import Iterator
from pathlib import Path

_SIGNALS = tuple(getattr(signal, name) for name in ("SIGTERM", "SIGHUP") if hasattr(signal, name))


def _exit_on_signal(signum: int, _frame: object) -> None:
    raise SystemExit(128 + signum)


@contextlib.contextmanager
def signals_raise() -> Iterator[None]:
    """While the block runs (main thread only), SIGTERM and SIGHUP raise `SystemExit`, so
    `finally` blocks and `except BaseException` clean-ups run instead of the process vanishing."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    old = {}
    for sig in _SIGNALS:
        try:
            old[sig] = signal.signal(sig, _exit_on_signal)
        except (ValueError, OSError):
            pass
    try:
        yield
    finally:
        for sig, handler in old.items():
            with contextlib.suppress(ValueError, OSError):
                signal.signal(sig, handler)


def process_alive(pid: int) -> bool:
    """Whether process `pid` is running (this one counts; one we may not signal is alive)."""
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True
    return True


def clean_stale_temps(path: Path) -> list[Path]:
    """Remove temp files of earlier writes to `path` whose process is gone; return them."""
    gone: list[Path] = []
    prefix = f".{path.name}.ldn-"
    try:
        entries = list(path.parent.iterdir())
    except OSError:
        return gone
    for entry in entries:
        name = entry.name
        if not (name.startswith(prefix) and name.endswith(".tmp")):
            continue
        pid = name[len(prefix) :].split("-", 1)[0]
        if pid.isdigit() and not process_alive(int(pid)):
            with contextlib.suppress(OSError):
                entry.unlink()
                gone.append(entry)
    return gone


def atomic_write_bytes(path: Path, data: bytes) -> None:
    path = Path(path)
    clean_stale_temps(path)
    with signals_raise():
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.ldn-{os.getpid()}-", suffix=".tmp")
        try:
            with os.fdopen(fd, "wb") as fh:
                fh.write(data)
                fh.flush()
                os.fsync(fh.fileno())
            os.replace(tmp, path)  # a symlink at `path` is replaced itself, never its target
        except BaseException:
            try:
                os.unlink(tmp)
            except FileNotFoundError:
                pass
            raise


def atomic_write_text(path: Path, text: str) -> None:
    atomic_write_bytes(path, text.encode("utf-8"))
