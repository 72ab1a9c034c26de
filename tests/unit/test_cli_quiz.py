"""`ldn-study quiz`, `review` and `stats`: argument errors, "nothing to do" answers, stats output.

Mostly the installed command in a subprocess (LDN_STUDY_HOME is the test's tmp folder, set by
the autouse fixture); the hand-over to the app is checked in-process with `run` replaced.
"""

from __future__ import annotations

import json
import os
import subprocess
from datetime import timedelta

import pytest

from ldn_tui import cli
from ldn_tui.content import load_content
from ldn_tui.content.labels import EVIDENCE, KINDS
from ldn_tui.progress.store import ProgressStore
from ldn_tui.quiz.engine import QuizRequest, Selection, build_session


def run(exe, *args):
    return subprocess.run([exe, *args], capture_output=True, text=True, env=dict(os.environ), timeout=60)


@pytest.fixture
def mini(mini_content_dir):
    return str(mini_content_dir)


# --- usage errors (exit 2, with the valid values) ---------------------------------------------


@pytest.mark.parametrize(
    "args, expected",
    [
        (["quiz", "--kind", "nope"], f"unknown kind 'nope'. Kinds: {', '.join(KINDS)}"),
        (["quiz", "--evidence", "rumour"], f"unknown evidence label 'rumour'. Labels: {', '.join(EVIDENCE)}"),
        # issue 15: --mode is now tutor|exam; which questions is --pool
        (
            ["quiz", "--mode", "random"],
            "unknown mode 'random'. Modes: tutor, exam (which questions: --pool all|unused|",
        ),
        (["quiz", "--pool", "wrong"], "unknown pool 'wrong'. Pools: all, unused, incorrect, flagged, due"),
        (["quiz", "--objective", "dose"], "unknown learning objective 'dose'. This content does not tag"),
        (["quiz", "--mode", "tutor", "--time", "30m"], "--time is a limit for an exam"),
        (["quiz", "--time", "soon"], "expected a duration such as 30m, 1h or 1h30m, not 'soon'"),
        (["quiz", "--resume", "--pool", "due"], "--resume carries on with the paused quiz as it was"),
        (["quiz", "--kind", "safety", "--kind", "nope"], "unknown kind 'nope'"),
    ],
)
def test_unknown_words_are_usage_errors(ldn_study_exe, mini, args, expected):
    r = run(ldn_study_exe, *args, "--content", mini)
    assert r.returncode == 2, r.stderr
    assert expected in r.stderr
    assert r.stdout == ""


@pytest.mark.parametrize("command", ["quiz", "review"])
def test_unknown_chapter_lists_the_chapters(ldn_study_exe, mini, command):
    r = run(ldn_study_exe, command, "--chapter", "basics", "--chapter", "dosing", "--content", mini)
    assert r.returncode == 2
    assert "ldn-study: unknown chapter 'dosing'. Chapters: basics, evidence" in r.stderr


@pytest.mark.parametrize("value", ["0", "-3", "ten"])
def test_count_must_be_a_positive_number(ldn_study_exe, mini, value):
    r = run(ldn_study_exe, "quiz", "--count", value, "--content", mini)
    assert r.returncode == 2
    assert "--count" in r.stderr


def test_invalid_content_is_exit_1(ldn_study_exe, tmp_path):
    r = run(ldn_study_exe, "quiz", "--content", str(tmp_path / "missing"))
    assert r.returncode == 1


# --- nothing to ask ---------------------------------------------------------------------------


def test_review_with_nothing_due_says_so_and_exits_0(ldn_study_exe, mini):
    r = run(ldn_study_exe, "review", "--content", mini)
    assert r.returncode == 0, r.stderr
    assert "Nothing is due for review right now." in r.stdout
    assert "ldn-study quiz" in r.stdout  # nothing answered yet: how to start


def test_review_names_the_next_due_time(ldn_study_exe, mini):
    content = load_content(mini)
    store = ProgressStore.open()
    session = build_session(content, Selection(), store, seed=1, uids=["basics.what-is-ldn/q2"])
    session.submit(False, "sure")  # right and sure: not due again for days
    store.close()
    r = run(ldn_study_exe, "review", "--content", mini)
    assert r.returncode == 0
    assert "Nothing is due for review right now." in r.stdout
    assert "The next question falls due " in r.stdout


def test_quiz_missed_with_nothing_missed(ldn_study_exe, mini):
    r = run(ldn_study_exe, "quiz", "--mode", "missed", "--content", mini)
    assert r.returncode == 0
    assert "Nothing to retry" in r.stdout


def test_quiz_filters_matching_nothing_is_exit_1(ldn_study_exe, mini):
    r = run(ldn_study_exe, "quiz", "--kind", "safety", "--content", mini)
    assert r.returncode == 1
    assert "No questions match those filters" in r.stderr


# --- hand-over to the app ---------------------------------------------------------------------


@pytest.fixture
def a_terminal(monkeypatch):
    """As if run in a terminal: under pytest standard output is captured, not a terminal."""
    import ldn_tui.commands.base as base

    monkeypatch.setattr(base, "terminal_problem", lambda: None)


def test_quiz_opens_the_app_with_the_request(monkeypatch, mini, a_terminal):
    seen = {}

    def fake_run(content, **options):
        seen.update(options)
        return 0

    import ldn_tui.tui.app as app_module

    monkeypatch.setattr(app_module, "run", fake_run)
    code = cli.main(
        [
            "quiz",
            "--content",
            mini,
            "--chapter",
            "evidence",
            "--kind",
            "evidence",
            "--evidence",
            "rct",
            "--count",
            "2",
            "--seed",
            "9",
        ]
    )
    assert code == 0
    assert seen["start_quiz"] == QuizRequest(
        Selection(chapters=("evidence",), kinds=("evidence",), evidence=("rct",)),
        count=2,
        seed=9,
    )
    assert cli.main(["quiz", "--content", mini, "--authored-only", "--mode", "all"]) == 0
    assert seen["start_quiz"] == QuizRequest(Selection(include_generated=False))


def test_quiz_pools_modes_time_and_several_chapters(monkeypatch, mini, a_terminal):
    seen = {}
    import ldn_tui.tui.app as app_module

    monkeypatch.setattr(app_module, "run", lambda content, **options: seen.update(options) or 0)
    args = ["quiz", "--content", mini, "--chapter", "basics", "evidence", "--mode", "exam", "--time", "1h30m"]
    assert cli.main(args) == 0
    assert seen["start_quiz"] == QuizRequest(
        Selection(chapters=("basics", "evidence")), style="exam", time_limit=90 * 60
    )
    assert cli.main(["quiz", "--content", mini, "--pool", "unused", "--time", "45"]) == 0
    assert seen["start_quiz"] == QuizRequest(Selection(mode="unused"), style="exam", time_limit=45 * 60)
    # nothing was answered, so nothing is incorrect: it says so and does not open the app
    assert cli.main(["quiz", "--content", mini, "--pool", "incorrect", "--kind", "evidence"]) == 0
    assert seen["start_quiz"].selection.mode == "unused"


def test_quiz_flagged_and_resume_with_nothing_there(ldn_study_exe, mini):
    r = run(ldn_study_exe, "quiz", "--pool", "flagged", "--content", mini)
    assert r.returncode == 0 and "No flagged questions" in r.stdout
    r = run(ldn_study_exe, "quiz", "--resume", "--content", mini)
    assert r.returncode == 0 and "There is no paused quiz to resume." in r.stdout


def test_quiz_resume_opens_the_paused_quiz(monkeypatch, mini, a_terminal):
    content = load_content(mini)
    store = ProgressStore.open()
    session = QuizRequest(Selection(), seed=3).build(content, store)
    session.next()
    store.close()
    seen = {}
    import ldn_tui.tui.app as app_module

    monkeypatch.setattr(app_module, "run", lambda content, **options: seen.update(options) or 0)
    assert cli.main(["quiz", "--resume", "--content", mini]) == 0
    assert seen == {"resume_quiz": True, "background": []}  # the parse cache was fresh: nothing to write


def test_review_opens_the_app_on_the_due_questions(monkeypatch, mini, a_terminal):
    content = load_content(mini)
    store = ProgressStore.open()
    session = build_session(content, Selection(), store, seed=2)
    session.submit(None, "guess", now=store.now() - timedelta(days=2))  # wrong: due again
    store.close()
    seen = {}
    import ldn_tui.tui.app as app_module

    monkeypatch.setattr(app_module, "run", lambda content, **options: seen.update(options) or 0)
    assert cli.main(["review", "--content", mini]) == 0
    assert seen["start_quiz"].selection.mode == "due"


# --- stats ------------------------------------------------------------------------------------


def _practise(mini):
    content = load_content(mini)
    store = ProgressStore.open()
    session = build_session(content, Selection(), store, seed=4)
    for item in session.items:
        q = item.question
        response = {
            "single": 0,
            "multiple": [0],
            "true-false": True,
            "cloze": "1963",
            "order": list(range(len(item.items))),
        }[q.type]
        session.submit(response, "unsure")
        session.next()
    session.finish()
    store.close()
    return len(session.items)


def test_stats_on_a_fresh_home(ldn_study_exe, mini):
    r = run(ldn_study_exe, "stats", "--content", mini)
    assert r.returncode == 0, r.stderr
    for heading in (
        "Your progress",
        "Mastery by chapter",
        "Due in the coming week",
        "Answers per day",
        "Accuracy by evidence label",
    ):
        assert heading in r.stdout
    assert "0 of 8 questions answered" in r.stdout and "no answers yet" in r.stdout
    assert "\x1b[" not in r.stdout  # no colour codes when piped


def test_stats_shows_bars_and_numbers(ldn_study_exe, mini):
    n = _practise(mini)
    r = run(ldn_study_exe, "stats", "--content", mini)
    assert r.returncode == 0
    out = r.stdout
    assert f"{n} of 8 questions answered" in out and f"{n} answers" in out
    assert "Basics" in out and "Evidence" in out and "█" in out
    assert "Today" in out and "Randomised controlled trial" in out
    assert max(len(line) for line in out.splitlines()) <= 80


def test_stats_json(ldn_study_exe, mini):
    n = _practise(mini)
    r = run(ldn_study_exe, "stats", "--json", "--days", "7", "--content", mini)
    assert r.returncode == 0
    data = json.loads(r.stdout)
    assert data["totals"]["attempts"] == n
    assert [c["chapter_id"] for c in data["chapters"]] == ["basics", "evidence"]
    assert len(data["per_day"]) == 7 and data["per_day"][-1]["answered"] == n
    assert len(data["forecast"]) == 7
    assert {e["label"] for e in data["by_evidence"]} == set(EVIDENCE)
