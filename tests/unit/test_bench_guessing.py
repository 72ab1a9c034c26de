"""benchmarks/bench_guessing.py: it runs, prints its table, and its chance and strategies are right.

No timing is asserted (figures belong in benchmarks/README.md)."""

from __future__ import annotations

import importlib.util
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from ldn_tui.content.model import Choice, Question

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = ROOT / "benchmarks" / "bench_guessing.py"
CLEAN = ROOT / "tests" / "fixtures" / "lint" / "clean"
STRATEGIES = ("longest", "always false", "lowest certainty", "word overlap")


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, str(SCRIPT), *args], capture_output=True, text=True, cwd=ROOT, timeout=120)


@pytest.fixture(scope="module")
def bench():
    spec = importlib.util.spec_from_file_location("bench_guessing", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_runs_on_the_bundled_bank_and_prints_its_table():
    r = run("--quick")
    assert r.returncode == 0, r.stdout + r.stderr
    out = r.stdout
    for group in ("Authored", "Generated"):
        assert re.search(rf"^{group} questions: \d+ questions \(", out, re.M), out
    # A "(certainty)" column appears where the group has questions about GRADE certainty.
    assert re.search(r"^  strategy +single +multiple +true-false +cloze +order( +\(certainty\))? +overall$", out, re.M)
    assert re.search(r"^  chance( +[\d.]+){6,7}$", out, re.M), out
    for name in STRATEGIES:
        assert re.search(rf"^  {name} +(?:[\d.]+ [+-][\d.]+ (?:ok|NO) *)+$", out, re.M), name
        assert re.search(rf"^  {name}: overall [+-][\d.]+ points vs chance, (?:within|NOT within) 10", out, re.M), name
    assert re.search(r"^authored: \d of 4 strategies within 10 points of chance overall$", out, re.M), out
    assert re.search(r"^generated: \d of 4 strategies within 10 points of chance overall$", out, re.M), out


def _rigged(tmp_path: Path) -> Path:
    """A bank where the key is always the longest choice and every true/false answer is false."""
    root = tmp_path / "content"
    shutil.copytree(CLEAN, root)
    path = root / "chapters" / "10-basics.yaml"
    text = path.read_text(encoding="utf-8")
    text = text.replace("- text: 1.5 to 4.5 mg\n", "- text: 1.5 to 4.5 mg, the range the trials used\n")
    text = text.replace("answer: true", "answer: false")
    path.write_text(text, encoding="utf-8")
    return root


def test_a_guessable_bank_is_reported_and_fails_check(tmp_path):
    root = _rigged(tmp_path)
    r = run("--content", str(root), "--check")
    assert r.returncode == 1, r.stdout + r.stderr
    longest = re.search(r"^  longest +([\d.]+) ([+-][\d.]+) (ok|NO)", r.stdout, re.M)
    assert longest and longest.group(3) == "NO" and float(longest.group(2)) > 10, r.stdout
    tf = re.search(r"^  always false +(?:[\d.]+ [+-][\d.]+ \w+ +){2}100\.0 \+50\.0 NO", r.stdout, re.M)
    assert tf, r.stdout
    assert "longest: overall" in r.stdout and "outside by type: single" in r.stdout


def test_a_balanced_bank_passes_check():
    # Authored only: the clean bank's three generated questions are too few to judge.
    r = run("--content", str(CLEAN), "--check", "--authored-only")
    assert r.returncode == 0, r.stdout + r.stderr
    assert "authored: 4 of 4 strategies within 10 points of chance overall" in r.stdout
    assert "Generated questions" not in r.stdout


def test_content_that_does_not_validate_is_a_message_not_a_traceback(tmp_path):
    root = tmp_path / "content"
    shutil.copytree(CLEAN, root)
    (root / "outcomes.yaml").unlink()
    r = run("--content", str(root))
    assert r.returncode == 1 and "does not validate" in r.stderr and "Traceback" not in r.stderr


def _q(qtype: str, **kw) -> Question:
    return Question(id="q", card_id="c", type=qtype, prompt=kw.pop("prompt", "Pick"), explanation="", **kw)


def test_chance_is_computed_per_item_as_graded(bench):
    three = tuple(Choice(t, t == "a", "") for t in "abc")
    assert bench.chance(_q("single", choices=three)) == pytest.approx(1 / 3)
    # Two right of four, every non-empty set of picks equally likely, scored (hits - false picks) / 2:
    # {one right} x2 = 0.5 each, {both right} = 1, {both right + one wrong} x2 = 0.5 each -> 3 / 15.
    four = (Choice("a", True, ""), Choice("b", True, ""), Choice("c", False, ""), Choice("d", False, ""))
    assert bench.chance(_q("multiple", choices=four)) == pytest.approx(3 / 15)
    assert bench.chance(_q("true-false", answer=True)) == 0.5
    assert bench.chance(_q("cloze", answers=("13",))) == 0.0
    # Orders of three scored (longest ordered run - 1) / 2: 1, 0.5 x4, 0 -> 0.5.
    assert bench.chance(_q("order", items=("x", "y", "z"))) == pytest.approx(0.5)


def test_strategies(bench):
    q = _q(
        "single",
        prompt="Which receptor does naltrexone block?",
        choices=(
            Choice("The opioid receptor", True, ""),
            Choice("Dopamine", False, ""),
            Choice("A much longer distractor", False, ""),
        ),
    )
    assert bench.score(q, bench.longest, bench.chance(q)) == 0.0
    assert bench.score(q, bench.word_overlap, bench.chance(q)) == 1.0
    assert bench.score(q, bench.always_false, bench.chance(q)) == pytest.approx(1 / 3)  # no rule: chance
    grade_levels = tuple(Choice(t, t == "Very low", "") for t in ("High", "Moderate", "Low", "Very low"))
    certainty = _q("single", choices=grade_levels)
    assert bench.score(certainty, bench.lowest_certainty, bench.chance(certainty)) == 1.0
    tie = _q("single", choices=(Choice("aaaa", True, ""), Choice("bbbb", False, ""), Choice("c", False, "")))
    assert bench.score(tie, bench.longest, bench.chance(tie)) == 0.5  # ties split evenly
    tf = _q("true-false", answer=False)
    assert bench.score(tf, bench.always_false, 0.5) == 1.0
