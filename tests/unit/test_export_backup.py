"""The JSON export is a complete backup: question flags and the paused quiz go with it.

Through the real CLI (export, a fresh home, import, `quiz --resume`), the real SQLite files, the
study service reading them back, and the real `jsonschema` package over the schema that
`ldn-study schema --progress` writes. An export written before flags and the paused quiz were
added (format version 1, kept as tests/fixtures/export/progress-v1.json) must still import.
"""

from __future__ import annotations

import copy
import json
import os
import subprocess
from datetime import UTC, datetime, timedelta
from pathlib import Path

import jsonschema
import pytest

from ldn_tui.cli import main
from ldn_tui.content import load_content
from ldn_tui.export import jsonimport, jsonio
from ldn_tui.progress import tables
from ldn_tui.progress.store import ProgressStore
from ldn_tui.quiz.building import QuizRequest
from ldn_tui.study import Study

ROOT = Path(__file__).resolve().parents[2]
MINI = ROOT / "tests" / "fixtures" / "mini"
V1 = ROOT / "tests" / "fixtures" / "export" / "progress-v1.json"
T0 = datetime(2025, 3, 1, 9, 0, tzinfo=UTC)
FLAGGED = {"basics.what-is-ldn/q3", "evidence.fm-crossover/q2"}
PAUSED_AT = ("basics.what-is-ldn/q1", "basics.what-is-ldn/q2", "evidence.fm-crossover/q1")


@pytest.fixture(scope="module")
def mini():
    return load_content(MINI)


def run(exe, *args, home: Path, cwd: Path):
    env = dict(os.environ, LDN_STUDY_HOME=str(home), LDN_STUDY_CONTENT=str(MINI))
    return subprocess.run([exe, *args], capture_output=True, text=True, env=env, cwd=cwd, timeout=60)


def db(home: Path) -> Path:
    return home / "data" / "progress.sqlite3"


def study_with_flags_and_a_paused_quiz(home: Path, content, *, at: datetime = T0) -> None:
    """Two flags, and a tutor quiz paused at its second question after one recorded answer."""
    store = ProgressStore.open(db(home), now=at)
    for uid in sorted(FLAGGED):
        store.set_flag(uid, True, now=at)
    quiz = QuizRequest(uids=PAUSED_AT, seed=11).build(content, store, now=at)
    item = quiz.current
    assert item is not None and item.question.type == "single"
    quiz.submit(0, "unsure", 5000, now=at + timedelta(seconds=20))
    quiz.next(now=at + timedelta(seconds=30))
    store.close()


def open_study(home: Path, content) -> Study:
    return Study.open_for_command(content, path=db(home))


# --- through the CLI ------------------------------------------------------------------------------


def test_export_import_carries_flags_and_the_paused_quiz(ldn_study_exe, tmp_path, mini):
    home1, home2 = tmp_path / "h1", tmp_path / "h2"
    study_with_flags_and_a_paused_quiz(home1, mini)
    r = run(ldn_study_exe, "export", "-f", "json", "-o", "a.json", home=home1, cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    data = json.loads((tmp_path / "a.json").read_text(encoding="utf-8"))
    assert data["schema_version"] == 2
    assert {f["question_uid"] for f in data["tables"]["flags"]} == FLAGGED
    assert [i["uid"] for i in data["tables"]["saved_quiz"][0]["state"]["items"]] == list(PAUSED_AT)

    r = run(ldn_study_exe, "import", "a.json", "--dry-run", home=home2, cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    assert "would add" in r.stdout and "2 flagged questions" in r.stdout and "1 paused quiz" in r.stdout
    assert "Nothing was changed" in r.stdout
    study = open_study(home2, mini)
    assert study.flagged() == set() and study.saved_quiz() is None
    study.close()

    r = run(ldn_study_exe, "import", "a.json", home=home2, cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    assert "2 flagged questions" in r.stdout and "1 paused quiz" in r.stdout

    study = open_study(home2, mini)
    try:
        assert study.flagged() == FLAGGED
        saved = study.saved_quiz()
        assert saved is not None and saved.label == "Resume quiz (2 of 3)" and saved.answered == 1
        resumed = study.resume_quiz().session
        assert resumed.index == 1 and resumed.current is not None and resumed.current.uid == PAUSED_AT[1]
        assert 0 in resumed.answers and resumed.answers[0].item.uid == PAUSED_AT[0]
        # the resumed quiz carries on in the session the imported answer belongs to
        attempts = study.progress_store.export_rows()["attempts"]
        assert [a["session_id"] for a in attempts] == [resumed.session_id]
    finally:
        study.close()

    # `quiz --resume` finds it and goes on to open the app (here without a terminal, so it stops
    # there) instead of saying "There is no paused quiz to resume" as it does in a fresh home
    r = run(ldn_study_exe, "quiz", "--resume", home=home2, cwd=tmp_path)
    assert r.returncode == 2 and "the app needs a terminal" in r.stderr, (r.stdout, r.stderr)
    assert "There is no paused quiz" not in r.stdout and "Traceback" not in r.stderr
    r = run(ldn_study_exe, "quiz", "--resume", home=tmp_path / "h3", cwd=tmp_path)
    assert r.returncode == 0 and "There is no paused quiz to resume" in r.stdout
    # and the new home exports the same file
    r = run(ldn_study_exe, "export", "-f", "json", "-o", "b.json", home=home2, cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    assert (tmp_path / "a.json").read_bytes() == (tmp_path / "b.json").read_bytes()


def test_merging_gives_the_paused_quiz_the_session_id_it_gets_here(ldn_study_exe, tmp_path, mini):
    home1, home2 = tmp_path / "h1", tmp_path / "h2"
    study_with_flags_and_a_paused_quiz(home1, mini, at=T0 + timedelta(days=1))
    assert run(ldn_study_exe, "export", "-f", "json", "-o", "a.json", home=home1, cwd=tmp_path).returncode == 0
    # the second home has a session of its own (id 1) and one of the two flags already
    store = ProgressStore.open(db(home2), now=T0)
    sid = store.start_session("all", {}, now=T0)
    store.record_attempt("basics.what-is-ldn/q3", content_hash="x", answer="1936", score=1.0, session_id=sid, now=T0)
    store.set_flag("evidence.fm-crossover/q2", True, now=T0)
    store.close()

    r = run(ldn_study_exe, "import", "a.json", "--force", home=home2, cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    assert "1 flagged questions" in r.stdout and "1 paused quiz" in r.stdout and "already there" in r.stdout
    study = open_study(home2, mini)
    try:
        assert study.flagged() == FLAGGED
        resumed = study.resume_quiz().session
        rows = study.progress_store.export_rows()
        imported = [s["id"] for s in rows["sessions"] if s["started_at"].startswith("2025-03-02")]
        assert imported == [resumed.session_id] and resumed.session_id != sid
    finally:
        study.close()


def test_an_export_from_before_flags_still_imports(ldn_study_exe, tmp_path, mini):
    old = json.loads(V1.read_text(encoding="utf-8"))
    assert old["schema_version"] == 1 and "flags" not in old["tables"] and "saved_quiz" not in old["tables"]
    home = tmp_path / "h"
    r = run(ldn_study_exe, "import", str(V1), home=home, cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    assert "8 attempts" in r.stdout and "flagged" not in r.stdout and "paused" not in r.stdout
    study = open_study(home, mini)
    try:
        assert study.flagged() == set() and study.saved_quiz() is None
        assert study.progress_store.counts()["attempts"] == 8
    finally:
        study.close()
    r = run(ldn_study_exe, "export", "-f", "json", "-o", "-", home=home, cwd=tmp_path)
    again = json.loads(r.stdout)
    assert again["schema_version"] == 2 and again["tables"]["flags"] == [] and again["tables"]["saved_quiz"] == []
    assert again["tables"]["attempts"] == old["tables"]["attempts"]


# --- merging, in-process -----------------------------------------------------------------------------


def _export(home: Path) -> dict:
    store = ProgressStore.open(db(home), now=T0)
    try:
        return json.loads(jsonio.export_json(store))
    finally:
        store.close()


def test_a_newer_paused_quiz_in_the_store_is_kept_an_older_one_replaced(tmp_path, mini):
    study_with_flags_and_a_paused_quiz(tmp_path / "h1", mini)
    data = _export(tmp_path / "h1")
    path = tmp_path / "a.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    file_state = data["tables"]["saved_quiz"][0]["state"]
    for store_time, verdict in ((T0 + timedelta(hours=1), "skipped"), (T0 - timedelta(hours=1), "updated")):
        store = ProgressStore.open(tmp_path / f"{verdict}.sqlite3", now=store_time)
        mine = {"version": 1, "items": [{"uid": "basics.what-is-ldn/q3"}], "index": 0, "token": "mine"}
        store.save_quiz_state(mine)
        result = jsonimport.import_file(store, path, force=True)
        assert getattr(result, verdict)["saved_quiz"] == 1, verdict
        kept = store.saved_quiz_state()
        assert kept is not None
        assert kept["token"] == ("mine" if verdict == "skipped" else file_state["token"])
        assert store.counts()["saved_quiz"] == 1
        store.close()


# --- checking the file -------------------------------------------------------------------------------


def _problems(tmp_path: Path, data: dict) -> str:
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    store = ProgressStore.open(tmp_path / "fresh.sqlite3", now=T0)
    try:
        with pytest.raises(jsonio.ImportFileError) as err:
            jsonimport.import_file(store, path)
        assert jsonimport.progress_rows(store) == 0  # nothing was written
    finally:
        store.close()
    return str(err.value)


def test_bad_flags_and_paused_quizzes_are_named_and_nothing_is_written(tmp_path, mini):
    study_with_flags_and_a_paused_quiz(tmp_path / "h1", mini)
    good = _export(tmp_path / "h1")

    data = copy.deepcopy(good)
    data["tables"]["flags"][0]["question_uid"] = " "
    assert "tables.flags[0].question_uid: expected non-empty text" in _problems(tmp_path, data)

    data = copy.deepcopy(good)  # what needs the whole file is checked once every row is right
    data["tables"]["flags"].append(dict(data["tables"]["flags"][1]))
    data["tables"]["saved_quiz"][0]["state"]["session_id"] = 42
    msg = _problems(tmp_path, data)
    assert 'tables.flags[2].question_uid: "evidence.fm-crossover/q2" is already used by tables.flags[1]' in msg
    assert "tables.saved_quiz[0].state.session_id: no session 42 in the file" in msg

    data = copy.deepcopy(good)
    data["tables"]["saved_quiz"].append(copy.deepcopy(data["tables"]["saved_quiz"][0]))
    assert "tables.saved_quiz: at most 1 row, found 2" in _problems(tmp_path, data)

    data = copy.deepcopy(good)
    del data["tables"]["saved_quiz"][0]["state"]["items"]
    assert 'tables.saved_quiz[0].state.items: expected a list of the quiz\'s questions, each with its "uid"' in (
        _problems(tmp_path, data)
    )

    data = copy.deepcopy(good)
    data["tables"]["saved_quiz"][0]["state"]["index"] = "second"
    assert "tables.saved_quiz[0].state: the saved quiz cannot be read" in _problems(tmp_path, data)


# --- the JSON Schema, with the real jsonschema package ------------------------------------------------


@pytest.fixture(scope="module")
def validator(tmp_path_factory) -> jsonschema.Draft202012Validator:
    """The schema exactly as `ldn-study schema --progress --output` writes it."""
    out = tmp_path_factory.mktemp("schema") / "progress.schema.json"
    assert main(["schema", "--progress", "--output", str(out)]) == 0
    schema = json.loads(out.read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


def test_exports_old_and_new_pass_the_schema(validator, tmp_path, mini):
    study_with_flags_and_a_paused_quiz(tmp_path / "h1", mini)
    for data in (_export(tmp_path / "h1"), json.loads(V1.read_text(encoding="utf-8"))):
        errors = list(validator.iter_errors(data))
        assert not errors, [f"{list(e.absolute_path)}: {e.message}" for e in errors[:5]]
    assert set(validator.schema["properties"]["tables"]["properties"]) == set(tables.TABLES)


@pytest.mark.parametrize(
    "path, value, where",
    [
        (("flags", 0, "question_uid"), "", ["tables", "flags", 0, "question_uid"]),
        (("flags", 0, "created_at"), "yesterday", ["tables", "flags", 0, "created_at"]),
        (("saved_quiz", 0, "state"), [], ["tables", "saved_quiz", 0, "state"]),
        (("saved_quiz", 0, "state", "items"), [], ["tables", "saved_quiz", 0, "state", "items"]),
        (("saved_quiz", 0, "updated_at"), None, ["tables", "saved_quiz", 0, "updated_at"]),
        (("attempts", 0, "score"), 2, ["tables", "attempts", 0, "score"]),
    ],
)
def test_the_schema_and_the_import_both_refuse_a_bad_value(validator, tmp_path, mini, path, value, where):
    study_with_flags_and_a_paused_quiz(tmp_path / "h1", mini)
    data = _export(tmp_path / "h1")
    target = data["tables"]
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = value
    errors = list(validator.iter_errors(data))
    assert errors and any(list(e.absolute_path)[: len(where)] == where for e in errors)
    dotted = "tables." + path[0] + "".join(f"[{k}]" if isinstance(k, int) else f".{k}" for k in path[1:3])
    assert dotted in _problems(tmp_path, data)


def test_two_paused_quizzes_and_unknown_tables_fail_the_schema(validator, tmp_path, mini):
    study_with_flags_and_a_paused_quiz(tmp_path / "h1", mini)
    data = _export(tmp_path / "h1")
    data["tables"]["saved_quiz"].append(data["tables"]["saved_quiz"][0])
    data["tables"]["deleted_things"] = []
    messages = [e.message for e in validator.iter_errors(data)]
    assert any("is too long" in m for m in messages)
    assert any("deleted_things" in m for m in messages)
