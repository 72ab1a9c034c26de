"""The real `ldn-study` command, run as a subprocess: exit codes and output."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys

from ldn_tui import __version__


def run(exe, *args, env_extra=None, cwd=None):
    env = dict(os.environ, **(env_extra or {}))
    return subprocess.run([exe, *args], capture_output=True, text=True, env=env, cwd=cwd, timeout=60)


def test_version(ldn_study_exe):
    r = run(ldn_study_exe, "--version")
    assert r.returncode == 0
    assert r.stdout.strip() == f"ldn-study {__version__}"


def test_help_lists_the_commands(ldn_study_exe):
    r = run(ldn_study_exe, "--help")
    assert r.returncode == 0
    text = " ".join(r.stdout.split())  # argparse wraps lines
    for word in ("validate", "schema", "locate", "--content", "not medical advice"):
        assert word in text


def test_unknown_command_is_a_usage_error(ldn_study_exe):
    r = run(ldn_study_exe, "frobnicate")
    assert r.returncode == 2
    assert "usage: ldn-study" in r.stderr
    assert "invalid choice: 'frobnicate'" in r.stderr


def test_unknown_option_is_a_usage_error(ldn_study_exe):
    r = run(ldn_study_exe, "validate", "--colour")
    assert r.returncode == 2
    assert "unrecognized arguments: --colour" in r.stderr


def test_validate_clean_content(ldn_study_exe, mini_content_dir):
    r = run(ldn_study_exe, "validate", str(mini_content_dir))
    assert r.returncode == 0, r.stdout + r.stderr
    assert "no problems" in r.stdout
    assert "2 chapters, 2 cards, 5 authored questions, 1 reference, 2 glossary terms" in r.stdout
    assert "per 1,000 cards" in r.stdout


def test_validate_lists_every_problem_and_exits_1(ldn_study_exe, mini_content_dir, tmp_path):
    root = tmp_path / "c"
    shutil.copytree(mini_content_dir, root)
    ch = root / "chapters" / "10-basics.yaml"
    ch.write_text(ch.read_text().replace("order: 10", "order: ten").replace("kind: orientation", "kind: orientatoin"))
    r = run(ldn_study_exe, "validate", "--content", str(root))
    assert r.returncode == 1
    lines = r.stdout.splitlines()
    assert lines[0] == f"{ch}:4: chapter.order: is text ('ten'); expected a whole number"
    assert lines[1].startswith(f"{ch}:9: cards[0].kind: unknown value 'orientatoin'; expected one of orientation,")
    assert lines[1].endswith("(did you mean 'orientation'?)")
    assert lines[2] == f"2 problems found in {root}."


def test_validate_defaults_to_the_bundled_content_from_any_directory(ldn_study_exe, tmp_path):
    r = run(ldn_study_exe, "validate", cwd=tmp_path)
    # The bundled content is found wherever the command runs (exit 0 or a list of problems, never 'not found').
    assert "content folder not found" not in r.stdout
    assert r.returncode in (0, 1)


def test_validate_unknown_folder(ldn_study_exe, tmp_path):
    r = run(ldn_study_exe, "validate", str(tmp_path / "missing"))
    assert r.returncode == 1
    assert "content folder not found" in r.stdout


def test_schema_is_json_schema(ldn_study_exe, tmp_path):
    r = run(ldn_study_exe, "schema")
    assert r.returncode == 0
    schema = json.loads(r.stdout)
    assert schema["$schema"].startswith("https://json-schema.org/")
    card = schema["$defs"]["chapter_file"]["properties"]["cards"]["items"]
    assert card["additionalProperties"] is False
    evidence = card["properties"]["claims"]["items"]["properties"]["evidence"]["enum"]
    assert "anecdote" in evidence and "rct" in evidence
    out = tmp_path / "schema.json"
    r = run(ldn_study_exe, "schema", "--output", str(out))
    assert r.returncode == 0 and json.loads(out.read_text()) == schema


def test_locate_honours_the_home_override(ldn_study_exe, tmp_path):
    r = run(ldn_study_exe, "locate", env_extra={"LDN_STUDY_HOME": str(tmp_path / "h")})
    assert r.returncode == 0
    rows = dict(line.split(None, 1) for line in r.stdout.splitlines())
    assert rows["data"] == str(tmp_path / "h" / "data")
    assert rows["database"] == str(tmp_path / "h" / "data" / "progress.sqlite3")
    assert rows["cache"] == str(tmp_path / "h" / "cache")
    assert not (tmp_path / "h").exists(), "locate must not create folders"


def test_app_with_invalid_content_prints_errors_not_a_traceback(ldn_study_exe, mini_content_dir, tmp_path):
    root = tmp_path / "c"
    shutil.copytree(mini_content_dir, root)
    (root / "glossary.yaml").write_text("glossary: [\n")
    r = run(ldn_study_exe, "--content", str(root))
    assert r.returncode == 1
    assert "Traceback" not in r.stderr
    assert f"{root}/glossary.yaml:2: YAML syntax error" in r.stderr
    assert "1 problem found." in r.stderr


def test_python_dash_m_works(mini_content_dir):
    r = subprocess.run(
        [sys.executable, "-m", "ldn_tui", "validate", str(mini_content_dir)], capture_output=True, text=True
    )
    assert r.returncode == 0 and "no problems" in r.stdout
