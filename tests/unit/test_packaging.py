"""The wheel carries the content, so `pip install .` works from any directory."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_wheel_ships_the_content_and_the_command(tmp_path):
    r = subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "-q",
            "-w",
            str(tmp_path),
            str(ROOT),
        ],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert r.returncode == 0, r.stderr
    (wheel,) = tmp_path.glob("ldn_study-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    for rel in ("sources.yaml", "references.yaml", "glossary.yaml"):
        assert f"ldn_tui/_content/{rel}" in names
    chapters = {n for n in names if n.startswith("ldn_tui/_content/chapters/") and n.endswith(".yaml")}
    expected = {f"ldn_tui/_content/chapters/{p.name}" for p in (ROOT / "content" / "chapters").glob("*.yaml")}
    assert chapters == expected and chapters
    assert any(n.endswith("entry_points.txt") for n in names)
    entry = next(n for n in names if n.endswith("entry_points.txt"))
    assert "ldn-study = ldn_tui.cli:main" in zipfile.ZipFile(wheel).read(entry).decode()
