"""The other process in the fault matrix: run as `python worker.py ACTION ...` by the tests.

write KIND DB N        every write through the study service, committed before "ok I" is printed
                       (the test kills -9 at some point and checks every acknowledged write)
hold DB SECONDS        take the progress file's write lock, print "ready", hold it, let go
queued KIND DB RETRY   the app's way: writes on the writer thread while another process holds
                       the lock; prints the writer's status lines, then "unsaved: [...]" at close
import DB FILE         `ldn-study import` in this process, printing "start" first

KIND: view, note, bookmark, setting, answer.
"""

from __future__ import annotations

import json
import sqlite3
import sys
import time
from pathlib import Path

MINI = Path(__file__).resolve().parents[1] / "fixtures" / "mini"
KINDS = ("view", "note", "bookmark", "setting", "answer")


def _study(db: str, *, background: bool, retry: float | None = None):
    from ldn_tui.content import load_content
    from ldn_tui.progress.store import ProgressStore
    from ldn_tui.study import Study, Writer

    content = load_content(MINI, use_cache=False)
    if retry is None:
        return Study.open(content, path=db, background=background)
    writer = Writer(background=background, retry_for=retry, on_status=lambda s: print(f"status: {s}", flush=True))
    return Study(content, ProgressStore.open(db, timeout=0.3), writer=writer, owns_store=True)


def _answers(study):
    from ldn_tui.quiz.engine import QuizRequest, Selection

    while True:
        session = study.new_quiz(QuizRequest(Selection(include_generated=False), seed=1))
        while session.current is not None:
            item = session.current
            session.submit(True if item.type == "true-false" else None, "guess")
            yield item.uid
            session.next()


def do_write(study, kind: str, i: int, answers) -> None:
    card = "basics.what-is-ldn"
    if kind == "view":
        study.record_visit(card)
    elif kind == "note":
        study.set_note(card, f"note number {i}")
    elif kind == "bookmark":
        study.toggle_bookmark(card)
    elif kind == "setting":
        study.set_setting(f"k{i}", i)
    elif kind == "answer":
        next(answers)
    else:
        raise SystemExit(f"unknown kind {kind}")


def main(argv: list[str]) -> int:
    action = argv[0]
    if action == "write":
        kind, db, n = argv[1], argv[2], int(argv[3])
        study = _study(db, background=False)
        answers = _answers(study)
        print("start", flush=True)
        for i in range(n):
            do_write(study, kind, i, answers)
            print(f"ok {i}", flush=True)
        study.close()
        return 0
    if action == "hold":
        db, seconds = argv[1], float(argv[2])
        conn = sqlite3.connect(db, isolation_level=None)
        conn.execute("BEGIN IMMEDIATE")
        conn.execute("INSERT OR REPLACE INTO settings(key, value) VALUES ('holder', '1')")
        print("ready", flush=True)
        time.sleep(seconds)
        conn.execute("COMMIT")
        print("released", flush=True)
        return 0
    if action == "queued":
        kind, db, retry = argv[1], argv[2], float(argv[3])
        study = _study(db, background=True, retry=retry)
        answers = _answers(study)
        for i in range(3):
            do_write(study, kind, i, answers)
        print("queued", flush=True)
        unsaved = study.close()
        print("unsaved: " + json.dumps(unsaved), flush=True)
        return 0
    raise SystemExit(f"unknown action {action}")


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
