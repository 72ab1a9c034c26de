"""`ldn-study lint`, run as a user runs it: the installed command in a subprocess, real files."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

CLEAN = Path(__file__).resolve().parents[1] / "fixtures" / "lint" / "clean"
FINDING = re.compile(
    r"^(?P<file>[^:]+\.yaml):(?P<line>\d+): (?P<rule>[a-z-]+): (?P<subject>[^:]+): .+ \[(?:error|warning)\]$"
)

EXTRA = """\
chapter:
  id: extra
  title: Extra
  order: 90
  summary: Questions added by one test.
cards:
  - id: extra.card
    title: An extra card
    kind: orientation
    body: A card added by the test.
    quiz:
"""

WARNING_ONLY = """\
      - id: q1
        type: single
        prompt: What did the 2009 pilot find on fibromyalgia symptoms?
        choices:
          - {text: They fell more on LDN than on placebo given first, correct: true, why: Placebo always came first.}
          - {text: No change, why: Symptoms did change.}
          - {text: They rose, why: They fell.}
        explanation: A small pilot.
"""

AN_ERROR = """\
      - id: q2
        type: true-false
        prompt: The doses named on this card are all below 5 mg.
        answer: true
        explanation: All are low doses.
"""


def run(exe: str, *args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [exe, "lint", *args], capture_output=True, text=True, env=dict(os.environ), cwd=cwd, timeout=60
    )


def bank(tmp_path: Path, quiz: str) -> Path:
    root = tmp_path / "content"
    shutil.copytree(CLEAN, root)
    (root / "chapters" / "90-extra.yaml").write_text(EXTRA + quiz, encoding="utf-8")
    return root


def test_a_clean_bank_passes(ldn_study_exe):
    r = run(ldn_study_exe, "--content", str(CLEAN))
    assert r.returncode == 0, r.stdout + r.stderr
    assert "0 errors, 0 warnings in 9 questions" in r.stdout
    assert r.stderr == ""


def test_an_error_fails_with_file_line_rule_and_message(ldn_study_exe, tmp_path):
    root = bank(tmp_path, AN_ERROR)
    r = run(ldn_study_exe, "--content", str(root))
    assert r.returncode == 1, r.stdout + r.stderr
    first = r.stdout.splitlines()[0]
    m = FINDING.match(first)
    assert m, first
    assert m["rule"] == "card-reference" and m["subject"] == "extra.card/q2 prompt"
    assert Path(m["file"]).name == "90-extra.yaml"
    lines = (root / "chapters" / "90-extra.yaml").read_text().splitlines()
    assert "on this card" in lines[int(m["line"]) - 1]
    assert "1 error, 0 warnings in 10 questions" in r.stdout and "by rule: card-reference 1" in r.stdout


def test_warnings_pass_unless_strict(ldn_study_exe, tmp_path):
    root = bank(tmp_path, WARNING_ONLY)
    r = run(ldn_study_exe, "--content", str(root))
    assert r.returncode == 0, r.stdout + r.stderr
    assert "longest-correct" in r.stdout and r.stdout.splitlines()[0].endswith("[warning]")
    strict = run(ldn_study_exe, "--content", str(root), "--strict")
    assert strict.returncode == 1
    assert strict.stdout.splitlines()[0].endswith("[error]") and "(--strict)" in strict.stdout


def test_paths_narrow_the_report_to_those_files(ldn_study_exe, tmp_path):
    root = bank(tmp_path, AN_ERROR)
    only_basics = run(ldn_study_exe, str(root / "chapters" / "10-basics.yaml"))
    assert only_basics.returncode == 0, only_basics.stdout + only_basics.stderr
    assert "0 errors, 0 warnings in 9 questions" in only_basics.stdout
    only_extra = run(ldn_study_exe, str(root / "chapters" / "90-extra.yaml"))
    assert only_extra.returncode == 1 and "in 1 question " in only_extra.stdout
    whole = run(ldn_study_exe, str(root))
    assert whole.returncode == 1 and "in 10 questions" in whole.stdout


def test_stats(ldn_study_exe):
    r = run(ldn_study_exe, "--content", str(CLEAN), "--stats")
    assert r.returncode == 0
    out = r.stdout
    assert "Bank statistics" in out and "by type:   single 2, multiple 1, true-false 4, cloze 1, order 1" in out
    assert re.search(r"^  basics +2 +1 +4 +1 +1 +9 +2/4 50% ok +0$", out, re.M), out
    assert "longest choice is correct in 1 of 3 single/multiple items (33.3%); chance 27.8%" in out
    assert "vignettes: 0 of 9" in out and "learning objectives: questions carry no objective yet" in out


def test_json(ldn_study_exe, tmp_path):
    root = bank(tmp_path, AN_ERROR + WARNING_ONLY.replace("q1", "q3"))
    r = run(ldn_study_exe, "--content", str(root), "--format", "json", "--stats", "--generated")
    assert r.returncode == 1
    data = json.loads(r.stdout)
    assert data["questions"] == 11 + 2  # the trial claim names its design: no evidence question for it
    # The warnings are the generated questions' (their distractors are drawn per uid) plus WARNING_ONLY's.
    assert data["warnings"] == sum(f["severity"] == "warning" for f in data["findings"]) >= 1
    # The generated questions name their sources as a student reads them, so --generated adds no raw-id.
    assert {f["rule"] for f in data["findings"]} == {"card-reference", "longest-correct"}
    assert data["stats"]["by_type"]["true-false"] == 5 and data["stats"]["generated"] == 2
    assert data["stats"]["longest_correct"]["items"] == 4


def test_rules_lists_every_rule_with_its_source(ldn_study_exe):
    r = run(ldn_study_exe, "--rules")
    assert r.returncode == 0
    for rule in (
        "longest-correct",
        "longest-share",
        "tf-balance",
        "all-none-above",
        "absolute-words",
        "grammar-article",
        "grammar-number",
        "stem-overlap",
        "raw-id",
        "card-reference",
        "near-duplicate",
        "multiple-choices",
        "order-numbered",
        "why-missing",
        "why-bare",
        "objective-missing",
        "objective-coverage",
    ):
        assert re.search(rf"^{rule} +(error|warning) ", r.stdout, re.M), rule
    assert r.stdout.count("source: ") >= 17 and "Haladyna" in r.stdout and "NBME" in r.stdout


@pytest.mark.parametrize(
    "arg, message",
    [
        ("does-not-exist", "no such file or folder: does-not-exist"),
        (".", "is not a content folder"),
    ],
)
def test_bad_paths_are_usage_errors(ldn_study_exe, tmp_path, arg, message):
    r = run(ldn_study_exe, arg, cwd=tmp_path)
    assert r.returncode == 2
    assert message in r.stderr and "Traceback" not in r.stderr


def test_paths_from_two_folders_are_refused(ldn_study_exe, tmp_path):
    a, b = bank(tmp_path / "a", AN_ERROR), bank(tmp_path / "b", AN_ERROR)
    r = run(ldn_study_exe, str(a), str(b))
    assert r.returncode == 2 and "one content folder" in r.stderr


def test_content_that_does_not_validate_is_reported_not_linted(ldn_study_exe, tmp_path):
    root = bank(tmp_path, AN_ERROR.replace("type: true-false", "type: yes-no"))
    r = run(ldn_study_exe, "--content", str(root))
    assert r.returncode == 1
    assert "has problems" in r.stderr and "90-extra.yaml:" in r.stderr and "unknown value 'yes-no'" in r.stderr
    assert "Traceback" not in r.stderr and r.stdout == ""


def test_the_bundled_bank_is_linted_without_crashing(ldn_study_exe):
    """The bundled bank is being rewritten: whatever it holds, lint prints findings and a summary."""
    r = run(ldn_study_exe, "--stats")
    assert r.returncode in (0, 1), r.stderr
    assert "Traceback" not in r.stderr
    assert re.search(r"^\d+ errors?, \d+ warnings? in \d+ questions", r.stdout, re.M)
    assert "Bank statistics" in r.stdout
    for line in r.stdout.split("\n\n")[0].splitlines() if r.returncode else []:
        assert FINDING.match(line) or line.split(": ")[1] in ("longest-share",), line
