"""Learning objectives: objectives.yaml is read, a question names one, a wrong name is an error at
its line, and `ldn-study lint` holds the bank to "every question has one, every objective three"."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from ldn_tui.content import load_content, validate

MINI = Path(__file__).resolve().parents[1] / "fixtures" / "mini"
CHAPTER = "chapters/10-basics.yaml"
OBJECTIVES = """objectives:
  - id: basics.define
    text: The student can define low-dose naltrexone and its dose range.
"""


@pytest.fixture
def root(tmp_path: Path) -> Path:
    r = tmp_path / "content"
    shutil.copytree(MINI, r)
    (r / "objectives.yaml").write_text(OBJECTIVES, encoding="utf-8")
    return r


def _edit(root: Path, old: str, new: str) -> None:
    f = root / CHAPTER
    text = f.read_text(encoding="utf-8")
    assert old in text
    f.write_text(text.replace(old, new, 1), encoding="utf-8")


def _issues(root: Path) -> list[str]:
    return [str(i).replace(str(root) + "/", "") for i in validate(root)[1]]


def test_a_question_names_its_objective(root):
    _edit(root, "        claim: c1\n", "        claim: c1\n        objective: basics.define\n")
    assert _issues(root) == []
    content = load_content(root, use_cache=False)
    q = content.question_by_uid["basics.what-is-ldn/q1"]
    assert q.objective == "basics.define"
    assert content.objective_by_id["basics.define"].text.startswith("The student can ")


def test_an_unknown_objective_is_an_error_at_its_line(root):
    _edit(root, "        claim: c1\n", "        claim: c1\n        objective: basics.defin\n")
    line = (root / CHAPTER).read_text(encoding="utf-8").splitlines().index("        objective: basics.defin") + 1
    assert _issues(root) == [
        f"{CHAPTER}:{line}: cards[0].quiz[0].objective: unknown objective 'basics.defin' "
        "(did you mean 'basics.define'?); expected an id from objectives.yaml"
    ]


def test_an_objective_must_be_written_as_what_the_student_can_do(root):
    (root / "objectives.yaml").write_text(OBJECTIVES.replace("The student can define", "Define"), encoding="utf-8")
    issues = _issues(root)
    assert len(issues) == 1 and issues[0].startswith("objectives.yaml:3: objectives[0].text:")


def test_naming_an_objective_without_the_file_is_an_error(root):
    (root / "objectives.yaml").unlink()
    _edit(root, "        claim: c1\n", "        claim: c1\n        objective: basics.define\n")
    assert any("there is no objectives.yaml" in i for i in _issues(root))


def test_lint_reports_questions_without_objectives_and_thin_objectives(root, ldn_study_exe):
    r = subprocess.run([ldn_study_exe, "lint", "--content", str(root)], capture_output=True, text=True)
    assert r.returncode == 1
    assert "objective-missing" in r.stdout and "objective-coverage" in r.stdout


def test_a_claims_rationale_replaces_the_generated_explanation(root):
    """An author can say why a claim carries its label; the generated questions then explain with it."""
    from ldn_tui.content.generated import questions_for_card

    why = "An expert's reasoned view, not a measurement: nobody counted patients for this."
    chapter = root / CHAPTER
    text = chapter.read_text(encoding="utf-8")
    assert "        evidence: expert-opinion\n" in text
    chapter.write_text(
        text.replace(
            "        evidence: expert-opinion\n", f'        evidence: expert-opinion\n        rationale: "{why}"\n', 1
        ),
        encoding="utf-8",
    )
    assert _issues(root) == []
    content = load_content(root, use_cache=False)
    card = content.card_by_id["basics.what-is-ldn"]
    assert card.claims[0].rationale == why
    assert all(q.explanation == why for q in questions_for_card(card, content) if q.claim == card.claims[0].id)
