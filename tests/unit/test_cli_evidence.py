"""`ldn-study evidence`, run as a user runs it: the map and a condition's table in every format,
and an unknown condition as a usage error that lists the known ones."""

from __future__ import annotations

import json
import os
import subprocess

import pytest
from markdown_it import MarkdownIt


def run(exe: str, *args: str, columns: int = 100) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "COLUMNS": str(columns)}
    return subprocess.run([exe, "evidence", *args], capture_output=True, text=True, env=env, timeout=60)


def test_the_map_as_text(ldn_study_exe):
    r = run(ldn_study_exe)
    assert r.returncode == 0, r.stderr
    assert "Evidence map" in r.stdout
    for name in ("Fibromyalgia", "Periodic paralysis", "Crohn's disease in children", "Cancer"):
        assert name in r.stdout
    assert "Anecdote only" in r.stdout and "Systematic review" in r.stdout
    assert "Resting on stories or opinion alone:" in r.stdout and "Neuropathic and nerve pain" in r.stdout


def test_the_map_fits_an_80_column_terminal(ldn_study_exe):
    r = run(ldn_study_exe, columns=80)
    assert r.returncode == 0
    assert max(len(line) for line in r.stdout.splitlines()) <= 80


def test_a_condition_as_text_has_grade_symbols_reasons_and_a_forest_plot(ldn_study_exe):
    r = run(ldn_study_exe, "fibromyalgia", columns=120)
    assert r.returncode == 0, r.stderr
    out = r.stdout
    assert "Summary of findings: Fibromyalgia" in out
    assert "⊕⊕◯◯" in out and "⊕◯◯◯" in out
    assert "↓ Inconsistency:" in out and "↓ Imprecision:" in out
    assert "LDN may reduce" in out  # the plain-language statement (it wraps inside its cell)
    plot = [line for line in out.splitlines() if line.startswith("bruun2024")]
    assert len(plot) == 1 and "●" in plot[0] and "-0.34 [-0.95, 0.27]" in plot[0]
    assert "favours LDN" in out


def test_json_formats_are_the_data(ldn_study_exe):
    m = run(ldn_study_exe, "--format", "json")
    assert m.returncode == 0
    data = json.loads(m.stdout)
    by_id = {c["condition_id"]: c for c in data["conditions"]}
    assert by_id["periodic-paralysis"]["strongest"] == "anecdote"
    assert by_id["fibromyalgia"]["best_certainty"] == "low"
    s = run(ldn_study_exe, "crohns-children", "--format", "json")
    sof = json.loads(s.stdout)
    rows = {r["outcome_id"]: r for r in sof["rows"]}
    assert rows["crohns-children.tolerability"]["certainty"] == "low"
    assert rows["crohns-children.tolerability"]["excludes"]
    assert rows["crohns-children.disease-activity"]["symbols"] == "⊕◯◯◯"


@pytest.mark.parametrize(
    "args, heading", [((), "Evidence map"), (("opioid-use",), "Summary of findings: People taking opioids")]
)
def test_markdown_renders_as_a_table(ldn_study_exe, args, heading):
    r = run(ldn_study_exe, *args, "--format", "md")
    assert r.returncode == 0, r.stderr
    tokens = MarkdownIt("commonmark").enable("table").parse(r.stdout)
    headings = [tokens[i + 1].content for i, t in enumerate(tokens) if t.type == "heading_open"]
    assert any(heading in h for h in headings)
    assert any(t.type == "table_open" for t in tokens)
    assert r.stdout.count("\n|") >= 3


def test_an_unknown_condition_is_a_usage_error_listing_the_known_ones(ldn_study_exe):
    r = run(ldn_study_exe, "gout")
    assert r.returncode == 2
    assert r.stdout == ""
    assert "unknown condition 'gout'" in r.stderr
    assert "fibromyalgia" in r.stderr and "periodic-paralysis" in r.stderr
    assert "Traceback" not in r.stderr


def test_another_content_folder(ldn_study_exe, mini_content_dir):
    r = run(ldn_study_exe, "fibromyalgia", "--content", str(mini_content_dir), "--format", "json")
    assert r.returncode == 0, r.stderr
    assert [row["outcome_id"] for row in json.loads(r.stdout)["rows"]] == ["fibromyalgia.pain"]


def test_invalid_content_is_reported_not_a_traceback(ldn_study_exe, mini_content_dir, tmp_path):
    import shutil

    root = tmp_path / "c"
    shutil.copytree(mini_content_dir, root)
    (root / "outcomes.yaml").write_text("outcomes: [\n")
    r = run(ldn_study_exe, "--content", str(root))
    assert r.returncode == 1
    assert f"{root}/outcomes.yaml:2: YAML syntax error" in r.stderr and "Traceback" not in r.stderr
