"""The single writer: every write to the progress store runs here, one at a time, in order.

Why a thread of its own: a write can wait (another copy of ldn-study holds the lock for up to
the store's busy timeout, a slow disk syncs a WAL commit). The student's keypress must never
wait for that. Screens ask the study service to write; the service hands the write to this
queue and returns at once, having already updated what it shows.

Order is kept (one thread, FIFO), so "start session" always lands before that session's
answers, and a note saved twice keeps the second text.

A write that finds the file locked is retried (`retry_for` seconds in all, `on_status` told
"waiting" and then "done") rather than dropped; one that still fails is reported to `on_error`
with a label saying what was not saved, and counted in `unsaved`.

`background=False` runs each write at once in the caller's thread (the CLI, tests): the same
code path, without the thread.
"""

from __future__ import annotations

import queue
import threading
import time
from collections.abc import Callable
from concurrent.futures import Future
from typing import Any, TypeVar

from ldn_tui.progress.errors import StoreError, StoreLocked

T = TypeVar("T")

#: How long a locked write keeps retrying before it is reported as not saved.
RETRY_FOR_SECONDS = 30.0
_RETRY_PAUSE = 0.25

_STOP = object()


class Writer:
    def __init__(
        self,
        *,
        background: bool = True,
        retry_for: float = RETRY_FOR_SECONDS,
        on_error: Callable[[str, BaseException], None] | None = None,
        on_status: Callable[[str | None], None] | None = None,
    ) -> None:
        self.background = background
        self.retry_for = retry_for
        self.on_error = on_error
        self.on_status = on_status
        #: Labels of writes that failed for good ("your note on …"), oldest first.
        self.unsaved: list[str] = []
        self._queue: queue.Queue[Any] = queue.Queue()
        self._thread: threading.Thread | None = None
        self._closed = False
        self._lock = threading.Lock()
        #: The label of the write running now (None between writes).
        self._current: str | None = None
        #: True while a write is retrying against another process's lock.
        self.waiting = False

    # -- submitting -------------------------------------------------------------------------

    def submit(self, label: str, fn: Callable[[], T]) -> Future[T]:
        """Run `fn` on the writer (or now, without a thread); the future holds its result or error."""
        future: Future[T] = Future()
        if not self.background or self._closed:
            self._run(label, fn, future)
            return future
        self._ensure_thread()
        self._queue.put((label, fn, future))
        return future

    @property
    def pending(self) -> int:
        """Writes queued or running."""
        return self._queue.unfinished_tasks

    def flush(self, timeout: float | None = None) -> bool:
        """Wait until every write submitted so far has run; False if `timeout` ran out first."""
        if not self.background or self._thread is None:
            return True
        done = threading.Event()
        self._queue.put(("flush", done.set, Future()))
        return done.wait(timeout)

    def close(self, timeout: float | None = None) -> list[str]:
        """Finish the queued writes and stop the thread; return the labels of what was not saved."""
        with self._lock:
            thread, self._closed = self._thread, True
        if thread is not None:
            self._queue.put(_STOP)
            thread.join(timeout)
            if thread.is_alive():  # still waiting on a lock: report what is left
                current = self._current
                if current is not None and current != "flush":
                    self.unsaved.append(current)
                while True:
                    try:
                        item = self._queue.get_nowait()
                    except queue.Empty:
                        break
                    if item is not _STOP and item[0] != "flush":
                        self.unsaved.append(item[0])
        return list(self.unsaved)

    # -- running ----------------------------------------------------------------------------

    def _ensure_thread(self) -> None:
        with self._lock:
            if self._thread is None:
                self._thread = threading.Thread(target=self._loop, name="ldn-study-writer", daemon=True)
                self._thread.start()

    def _loop(self) -> None:
        while True:
            item = self._queue.get()
            try:
                if item is _STOP:
                    return
                label, fn, future = item
                self._current = label
                self._run(label, fn, future)
            finally:
                self._current = None
                self._queue.task_done()

    def _run(self, label: str, fn: Callable[[], Any], future: Future[Any]) -> None:
        deadline = time.monotonic() + self.retry_for
        waiting = False
        while True:
            try:
                result = fn()
            except StoreLocked as exc:
                if time.monotonic() < deadline:
                    if not waiting:
                        self.waiting = True
                        if self.on_status is not None:
                            self.on_status(self.status_text())
                    waiting = True
                    time.sleep(_RETRY_PAUSE)
                    continue
                self._fail(label, exc, future)
            except StoreError as exc:
                self._fail(label, exc, future)
            except BaseException as exc:  # a bug: keep the writer alive, report it like a failure
                self._fail(label, exc, future)
            else:
                future.set_result(result)
            if waiting:
                self.waiting = False
                if self.on_status is not None:
                    self.on_status(None)
            return

    def status_text(self) -> str:
        """What the app shows while a write waits for another process's lock."""
        queued = self.pending
        more = f"; {queued} change{'s' if queued != 1 else ''} queued" if queued > 1 else ""
        return (
            "waiting for another ldn-study to release the progress file… "
            f"(retrying for up to {self.retry_for:.0f} s{more}; nothing is lost meanwhile)"
        )

    def _fail(self, label: str, exc: BaseException, future: Future[Any]) -> None:
        self.unsaved.append(label)
        future.set_exception(exc)
        if self.on_error is not None:
            self.on_error(label, exc)
