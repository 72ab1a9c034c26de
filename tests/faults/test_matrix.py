"""The fault matrix: a real SQLite file, real subprocesses, real signals.

Each scenario asserts: no traceback, a clear message, nothing lost that had been saved. The
scenarios that start several processes are marked `slow`; the whole file runs in well under a
minute on two cores.
"""

from __future__ import annotations

import contextlib
import json
import os
import random
import resource
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

WORKER = Path(__file__).with_name("worker.py")
MINI = Path(__file__).resolve().parents[1] / "fixtures" / "mini"
KINDS = ("view", "note", "bookmark", "setting", "answer")
CARD = "basics.what-is-ldn"


def rows(db: Path, sql: str, *args):
    conn = sqlite3.connect(db)
    try:
        return conn.execute(sql, args).fetchall()
    finally:
        conn.close()


def cli(exe: str, *args: str, env: dict | None = None, **kw) -> subprocess.CompletedProcess:
    full = {**os.environ, "LDN_STUDY_CONTENT": str(MINI), **(env or {})}
    return subprocess.run([exe, *args], capture_output=True, text=True, env=full, timeout=60, **kw)


def no_traceback(proc) -> None:
    out = (proc.stdout or "") + (proc.stderr or "")
    assert "Traceback" not in out, out


def seed(home: Path, n: int = 40) -> Path:
    """A progress file with n card views, a note, a bookmark and a few answers, made by the service."""
    from ldn_tui.content import load_content
    from ldn_tui.quiz.engine import QuizRequest, Selection
    from ldn_tui.study import Study

    db = home / "data" / "progress.sqlite3"
    db.parent.mkdir(parents=True, exist_ok=True)
    study = Study.open(load_content(MINI, use_cache=False), path=db, background=False)
    store = study.progress_store
    with store.batch():  # one transaction: seeding thousands of views must not take seconds
        for _ in range(n):
            store.record_view(CARD)
    study.set_note(CARD, "my note")
    study.toggle_bookmark(CARD)
    session = study.new_quiz(QuizRequest(Selection(include_generated=False), seed=1))
    while session.current is not None:
        session.submit(True if session.current.type == "true-false" else None, "sure")
        session.next()
    study.close()
    conn = sqlite3.connect(db)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    return db


# --- kill -9 during every kind of write, repeated ----------------------------------------------

KILLS_PER_KIND = 3


@pytest.mark.slow
@pytest.mark.parametrize("kind", KINDS)
def test_kill_9_during_writes_loses_nothing_acknowledged(kind, tmp_path):
    db = tmp_path / "progress.sqlite3"
    acked_total = 0
    rng = random.Random(kind)
    for _ in range(KILLS_PER_KIND):
        proc = subprocess.Popen(
            [sys.executable, str(WORKER), "write", kind, str(db), "100000"],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        assert proc.stdout.readline().strip() == "start"
        time.sleep(rng.uniform(0.05, 0.3))
        proc.send_signal(signal.SIGKILL)
        out, err = proc.communicate()
        assert "Traceback" not in err, err
        acked = len([line for line in out.splitlines() if line.startswith("ok ")])
        assert acked > 0
        # every acknowledged write is on disk, after every kill
        if kind == "view":
            acked_total += acked
            assert rows(db, "SELECT COUNT(*) FROM card_views")[0][0] >= acked_total
        elif kind == "note":
            body = rows(db, "SELECT body FROM notes WHERE card_id = ?", CARD)[0][0]
            assert int(body.split()[-1]) >= acked - 1
        elif kind == "bookmark":
            assert rows(db, "PRAGMA integrity_check") == [("ok",)]
        elif kind == "setting":
            keys = {k for (k,) in rows(db, "SELECT key FROM settings")}
            assert {f"k{i}" for i in range(acked)} <= keys
        else:
            acked_total += acked
            assert rows(db, "SELECT COUNT(*) FROM attempts")[0][0] >= acked_total
        assert rows(db, "PRAGMA integrity_check") == [("ok",)]


# --- a second process holds the lock during each kind of write ---------------------------------


def _hold(db: Path, seconds: float) -> subprocess.Popen:
    proc = subprocess.Popen(
        [sys.executable, str(WORKER), "hold", str(db), str(seconds)], stdout=subprocess.PIPE, text=True
    )
    assert proc.stdout.readline().strip() == "ready"
    return proc


@pytest.mark.slow
@pytest.mark.parametrize("kind", KINDS)
def test_writes_wait_for_a_lock_held_by_another_process_and_lose_nothing(kind, tmp_path):
    db = seed(tmp_path / "home")
    before_views = rows(db, "SELECT COUNT(*) FROM card_views")[0][0]
    before_attempts = rows(db, "SELECT COUNT(*) FROM attempts")[0][0]
    holder = _hold(db, 2.0)  # far longer than the store's busy timeout here (0.3 s)
    try:
        proc = subprocess.run(
            [sys.executable, str(WORKER), "queued", kind, str(db), "30"], capture_output=True, text=True, timeout=60
        )
    finally:
        holder.wait(10)
    no_traceback(proc)
    assert "status: waiting for another ldn-study" in proc.stdout
    assert "unsaved: []" in proc.stdout
    if kind == "view":
        assert rows(db, "SELECT COUNT(*) FROM card_views")[0][0] == before_views + 3
    elif kind == "note":
        assert rows(db, "SELECT body FROM notes WHERE card_id = ?", CARD) == [("note number 2",)]
    elif kind == "bookmark":
        assert rows(db, "SELECT COUNT(*) FROM bookmarks") == [(0,)]  # on (seeded), off, on, off
    elif kind == "setting":
        assert {k for (k,) in rows(db, "SELECT key FROM settings")} >= {"k0", "k1", "k2"}
    else:
        assert rows(db, "SELECT COUNT(*) FROM attempts")[0][0] == before_attempts + 3


@pytest.mark.slow
def test_a_lock_held_past_the_retry_window_names_what_was_not_saved(tmp_path):
    db = seed(tmp_path / "home")
    holder = _hold(db, 8.0)
    try:
        proc = subprocess.run(
            [sys.executable, str(WORKER), "queued", "note", str(db), "1"], capture_output=True, text=True, timeout=60
        )
    finally:
        holder.kill()
        holder.wait()
    no_traceback(proc)
    unsaved = json.loads(proc.stdout.split("unsaved: ", 1)[1])
    assert unsaved == [f"your note on {CARD}"] * 3
    assert rows(db, "SELECT body FROM notes") == [("my note",)]  # what had been saved is intact


# --- damaged files: every entry point reacts the same way ---------------------------------------


def _damage_page(db: Path, page: int) -> None:
    with open(db, "r+b") as fh:
        fh.seek(4096 * page)
        fh.write(b"\xa5" * 4096)


COMMANDS = (["stats"], ["stats", "--json"], ["export", "-f", "json", "-o", "out.json"], ["review"], ["quiz"])


@pytest.mark.slow
@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: "-".join(c))
def test_damaged_pages_are_repaired_not_reset(command, tmp_path, ldn_study_exe):
    home = tmp_path / "home"
    db = seed(home, n=400)
    views = rows(db, "SELECT COUNT(*) FROM card_views")[0][0]
    pages = db.stat().st_size // 4096
    _damage_page(db, pages // 2)
    proc = cli(ldn_study_exe, *command, env={"LDN_STUDY_HOME": str(home)}, cwd=tmp_path)
    no_traceback(proc)
    assert proc.returncode == 1
    assert "was damaged" in proc.stderr and "Kept:" in proc.stderr and "damaged copy is kept as" in proc.stderr
    aside = [p for p in db.parent.glob("progress.sqlite3.corrupt-*") if p.name[-4:] not in ("-wal", "-shm")]
    assert len(aside) == 1 and aside[0].stat().st_size > 0
    kept = rows(db, "SELECT COUNT(*) FROM card_views")[0][0]
    assert 0 < kept <= views
    assert rows(db, "SELECT body FROM notes") in ([("my note",)], [])
    again = cli(ldn_study_exe, "stats", "--json", env={"LDN_STUDY_HOME": str(home)})
    no_traceback(again)
    assert again.returncode == 0


def test_damage_prefers_a_backup_that_keeps_more(tmp_path, ldn_study_exe):
    home = tmp_path / "home"
    db = seed(home, n=400)
    made = cli(ldn_study_exe, "backup", "create", env={"LDN_STUDY_HOME": str(home)})
    assert made.returncode == 0, made.stderr
    _damage_page(db, 1)  # the schema page: nothing readable
    proc = cli(ldn_study_exe, "stats", env={"LDN_STUDY_HOME": str(home)})
    no_traceback(proc)
    assert proc.returncode == 1 and "restored from the backup" in proc.stderr
    assert rows(db, "SELECT COUNT(*) FROM card_views")[0][0] == 400


def test_truncated_file_keeps_what_can_be_read(tmp_path, ldn_study_exe):
    home = tmp_path / "home"
    db = seed(home, n=2000)
    size = db.stat().st_size
    with open(db, "r+b") as fh:
        fh.truncate(size // 2)
    proc = cli(ldn_study_exe, "stats", env={"LDN_STUDY_HOME": str(home)})
    no_traceback(proc)
    assert proc.returncode == 1
    assert "was damaged" in proc.stderr and "damaged copy is kept as" in proc.stderr
    assert list(db.parent.glob("progress.sqlite3.corrupt-*"))


def test_bad_utf8_rows_never_crash_and_doctor_quarantines_them(tmp_path, ldn_study_exe):
    home = tmp_path / "home"
    db = seed(home)
    conn = sqlite3.connect(db)
    conn.execute("UPDATE notes SET body = CAST(x'6d79ff6e6f7465' AS TEXT)")
    conn.commit()
    conn.close()
    env = {"LDN_STUDY_HOME": str(home)}
    start = time.monotonic()
    for command in (["stats"], ["export", "-f", "json", "-o", "-"], ["export", "-o", str(tmp_path / "n.md")]):
        proc = cli(ldn_study_exe, *command, env=env)
        no_traceback(proc)
        assert proc.returncode == 0, proc.stderr
    assert time.monotonic() - start < 20  # no freeze
    found = cli(ldn_study_exe, "doctor", env=env)
    no_traceback(found)
    assert found.returncode == 1 and "notes row 1: body is not valid UTF-8 text" in found.stdout
    fixed = cli(ldn_study_exe, "doctor", "--repair", env=env)
    no_traceback(fixed)
    assert fixed.returncode == 0 and "After repair: no problems." in fixed.stdout
    quarantine = json.loads(next(db.parent.glob("progress.sqlite3.quarantine-*.json")).read_text())
    assert quarantine[0]["row"]["body"] == {"hex": "6d79ff6e6f7465"}
    assert rows(db, "SELECT COUNT(*) FROM card_views")[0][0] == 40  # the rest untouched


# --- read-only data folder ---------------------------------------------------------------------


@contextlib.contextmanager
def read_only(*paths: Path):
    """Make files and folders unwritable for this test: chmod, or for root (whom permissions do
    not stop) the immutable attribute."""
    if os.geteuid() != 0:
        modes = {p: p.stat().st_mode for p in paths}
        for p in paths:
            p.chmod(0o555 if p.is_dir() else 0o444)
        try:
            yield
        finally:
            for p, mode in modes.items():
                p.chmod(mode)
        return
    done = []
    try:
        for p in paths:
            if subprocess.run(["chattr", "+i", str(p)], capture_output=True).returncode != 0:
                pytest.skip("running as root without chattr +i: cannot make a folder read-only")
            done.append(p)
        yield
    finally:
        for p in done:
            subprocess.run(["chattr", "-i", str(p)], capture_output=True)


def test_read_only_data_folder_runs_read_only_and_says_so(tmp_path, ldn_study_exe):
    home = tmp_path / "home"
    db = seed(home)
    for extra in db.parent.glob("progress.sqlite3-*"):
        extra.unlink()
    with read_only(db, db.parent):
        proc = cli(ldn_study_exe, "stats", env={"LDN_STUDY_HOME": str(home)})
        export = cli(ldn_study_exe, "export", "-f", "json", "-o", "-", env={"LDN_STUDY_HOME": str(home)})
    for p in (proc, export):
        no_traceback(p)
        assert p.returncode == 0, p.stderr
        assert "will not be saved" in p.stderr
    assert "mastery" in proc.stdout.lower()
    assert json.loads(export.stdout)["counts"]["card_views"] == 40  # earlier progress is shown
    assert rows(db, "SELECT COUNT(*) FROM card_views")[0][0] == 40


# --- disk full ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "command", (["stats"], ["stats", "--json"], ["export", "-f", "json", "-o", "-"], ["locate"], ["validate"])
)
def test_dev_full_is_a_clear_error_and_exit_1(command, tmp_path, ldn_study_exe):
    with open("/dev/full", "w") as full:
        proc = subprocess.run(
            [ldn_study_exe, *command],
            stdout=full,
            stderr=subprocess.PIPE,
            text=True,
            env={**os.environ, "LDN_STUDY_CONTENT": str(MINI)},
            timeout=60,
        )
    assert "Traceback" not in proc.stderr and "Exception ignored" not in proc.stderr, proc.stderr
    assert proc.returncode == 1
    assert "No space left on device" in proc.stderr


def test_file_size_limit_during_export_leaves_no_file_and_no_temp(tmp_path, ldn_study_exe):
    seed(tmp_path / "home", n=3000)
    out = tmp_path / "out" / "progress.json"
    out.parent.mkdir()

    def limit():
        resource.setrlimit(resource.RLIMIT_FSIZE, (20_000, 20_000))

    proc = cli(
        ldn_study_exe,
        "export",
        "-f",
        "json",
        "-o",
        str(out),
        env={"LDN_STUDY_HOME": str(tmp_path / "home")},
        preexec_fn=limit,
    )
    no_traceback(proc)
    assert proc.returncode == 1 and "File too large" in proc.stderr and "Nothing was written" in proc.stderr
    assert list(out.parent.iterdir()) == []


# --- interrupted export --------------------------------------------------------------------------

_SLOW_EXPORT = """
import os, sys, time
real_fsync = os.fsync
def slow_fsync(fd):
    print("writing", flush=True)
    time.sleep(30)
os.fsync = slow_fsync
from ldn_tui.cli import main
sys.exit(main(sys.argv[1:]))
"""


@pytest.mark.slow
@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGHUP], ids=["TERM", "HUP"])
def test_an_export_stopped_by_a_signal_leaves_no_temp_file(sig, tmp_path):
    seed(tmp_path / "home")
    out = tmp_path / "out"
    out.mkdir()
    env = {**os.environ, "LDN_STUDY_HOME": str(tmp_path / "home"), "LDN_STUDY_CONTENT": str(MINI)}
    proc = subprocess.Popen(
        [sys.executable, "-c", _SLOW_EXPORT, "export", "-f", "json", "-o", str(out / "p.json")],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )
    assert proc.stdout.readline().strip() == "writing"
    assert [p.name for p in out.iterdir() if p.name.endswith(".tmp")]  # the temp file exists now
    proc.send_signal(sig)
    _, err = proc.communicate(timeout=20)
    assert "Traceback" not in err, err
    assert proc.returncode != 0
    assert list(out.iterdir()) == []


def test_a_temp_file_left_by_a_killed_export_is_cleaned_next_time(tmp_path, ldn_study_exe):
    seed(tmp_path / "home")
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    stale = tmp_path / f".p.json.ldn-{dead.pid}-abc123.tmp"
    stale.write_text("half a file")
    proc = cli(
        ldn_study_exe,
        "export",
        "-f",
        "json",
        "-o",
        str(tmp_path / "p.json"),
        env={"LDN_STUDY_HOME": str(tmp_path / "home")},
    )
    no_traceback(proc)
    assert proc.returncode == 0
    assert not stale.exists()
    assert json.loads((tmp_path / "p.json").read_text())["counts"]["card_views"] == 40


def test_force_replaces_a_symlink_itself_never_its_target(tmp_path, ldn_study_exe):
    seed(tmp_path / "home")
    target = tmp_path / "precious.txt"
    target.write_text("do not touch")
    link = tmp_path / "p.json"
    link.symlink_to(target)
    env = {"LDN_STUDY_HOME": str(tmp_path / "home")}
    refused = cli(ldn_study_exe, "export", "-f", "json", "-o", str(link), env=env)
    assert refused.returncode == 1 and "symbolic link" in refused.stderr
    forced = cli(ldn_study_exe, "export", "-f", "json", "-o", str(link), "--force", env=env)
    no_traceback(forced)
    assert forced.returncode == 0
    assert target.read_text() == "do not touch"
    assert not link.is_symlink() and json.loads(link.read_text())["format"] == "ldn-study-progress"


def test_dash_o_dash_writes_to_stdout_not_a_file_called_dash(tmp_path, ldn_study_exe):
    seed(tmp_path / "home")
    proc = cli(
        ldn_study_exe, "export", "-f", "json", "-o", "-", env={"LDN_STUDY_HOME": str(tmp_path / "home")}, cwd=tmp_path
    )
    assert proc.returncode == 0
    assert json.loads(proc.stdout)["counts"]["card_views"] == 40
    assert not (tmp_path / "-").exists()


# --- import: malformed, huge, deeply nested; all or nothing ------------------------------------


def _bad_files(tmp_path: Path) -> dict[str, tuple[Path, str]]:
    files = {
        "malformed": ('{"format": "ldn-study-progress", "tables": {', "not valid JSON"),
        "long-number": ('{"format": "ldn-study-progress", "schema_version": ' + "9" * 5000 + "}", "characters long"),
        "deep": ("[" * 100_000 + "]" * 100_000, "nest too deeply"),
        "not-utf8": (b"\xff\xfe\x00garbage", "not UTF-8"),
    }
    out = {}
    for name, (data, expect) in files.items():
        p = tmp_path / f"{name}.json"
        (p.write_bytes if isinstance(data, bytes) else p.write_text)(data)
        out[name] = (p, expect)
    huge = tmp_path / "huge.json"
    with open(huge, "wb") as fh:
        fh.truncate(70 * 1024 * 1024)  # sparse: big on paper, nothing on disk
    out["huge"] = (huge, "at most")
    return out


def test_bad_import_files_are_clear_errors_and_change_nothing(tmp_path, ldn_study_exe):
    home = tmp_path / "home"
    db = seed(home)
    before = rows(db, "SELECT COUNT(*) FROM card_views")
    for name, (path, expect) in _bad_files(tmp_path).items():
        proc = cli(ldn_study_exe, "import", str(path), "--force", env={"LDN_STUDY_HOME": str(home)})
        no_traceback(proc)
        assert proc.returncode == 1, name
        assert expect in proc.stderr, (name, proc.stderr)
    assert rows(db, "SELECT COUNT(*) FROM card_views") == before


def _big_export(tmp_path: Path, n: int) -> Path:
    from datetime import UTC, datetime, timedelta

    t0 = datetime(2026, 1, 1, tzinfo=UTC)
    rows_ = [{"id": i, "card_id": CARD, "viewed_at": (t0 + timedelta(seconds=i)).isoformat()} for i in range(1, n + 1)]
    data = {"format": "ldn-study-progress", "schema_version": 1, "tables": {"card_views": rows_}}
    p = tmp_path / "big.json"
    p.write_text(json.dumps(data))
    return p


def test_import_dry_run_reports_and_changes_nothing_then_import_verifies(tmp_path, ldn_study_exe):
    home = tmp_path / "home"
    db = seed(home, n=0)
    big = _big_export(tmp_path, 500)
    env = {"LDN_STUDY_HOME": str(home)}
    dry = cli(ldn_study_exe, "import", str(big), "--force", "--dry-run", env=env)
    assert dry.returncode == 0, dry.stderr
    assert "would add 500 card views" in dry.stdout and "Nothing was changed" in dry.stdout
    assert rows(db, "SELECT COUNT(*) FROM card_views") == [(0,)]
    real = cli(ldn_study_exe, "import", str(big), "--force", env=env)
    assert real.returncode == 0, real.stderr
    assert "500 card views" in real.stdout and "Counts checked" in real.stdout
    assert rows(db, "SELECT COUNT(*) FROM card_views") == [(500,)]


@pytest.mark.slow
def test_kill_9_during_import_is_all_or_nothing(tmp_path, ldn_study_exe):
    home = tmp_path / "home"
    db = seed(home, n=0)
    big = _big_export(tmp_path, 30_000)
    env = {**os.environ, "LDN_STUDY_HOME": str(home), "LDN_STUDY_CONTENT": str(MINI)}
    outcomes = set()
    for delay in (0.4, 0.8, 1.2):
        proc = subprocess.Popen([ldn_study_exe, "import", str(big), "--force"], env=env, stderr=subprocess.PIPE)
        time.sleep(delay)
        proc.kill()
        proc.wait()
        n = rows(db, "SELECT COUNT(*) FROM card_views")[0][0]
        assert n in (0, 30_000), n  # never part of the file
        outcomes.add(n)
    assert rows(db, "PRAGMA integrity_check") == [("ok",)]


# --- TERM=dumb -----------------------------------------------------------------------------------


@pytest.mark.parametrize("command", (["stats"], ["export", "-o", "-"], ["doctor"], ["backup", "list"]))
def test_term_dumb_commands_work(command, tmp_path, ldn_study_exe):
    seed(tmp_path / "home")
    proc = cli(ldn_study_exe, *command, env={"LDN_STUDY_HOME": str(tmp_path / "home"), "TERM": "dumb"})
    no_traceback(proc)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip()
