"""The seams of the code, checked by reading the imports (the import-linter contracts in
pyproject.toml say the same for the whole package; this test names the file that breaks them)."""

from __future__ import annotations

import ast
from pathlib import Path

SRC = Path(__file__).resolve().parents[2] / "src" / "ldn_tui"


def _imports(path: Path) -> list[tuple[int, str]]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: list[tuple[int, str]] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.append((node.lineno, node.module))
            found += [(node.lineno, f"{node.module}.{alias.name}") for alias in node.names]
    return found


def _offenders(folder: Path, forbidden: str) -> list[str]:
    out = []
    for path in sorted(folder.rglob("*.py")):
        for line, name in _imports(path):
            if name == forbidden or name.startswith(forbidden + "."):
                out.append(f"{path.relative_to(SRC.parent)}:{line}: imports {name}")
    return out


def test_no_module_under_tui_imports_progress():
    """Screens talk to the study service; even a type-only import of the store is a leak."""
    assert _offenders(SRC / "tui", "ldn_tui.progress") == []


def test_screens_and_widgets_never_import_the_app_module():
    offenders = [o for o in _offenders(SRC / "tui", "ldn_tui.tui.app") if "tui/app.py" not in o]
    assert offenders == []


def test_progress_never_imports_quiz_and_scheduler_never_imports_store():
    assert _offenders(SRC / "progress", "ldn_tui.quiz") == []
    scheduler = SRC / "progress" / "scheduler.py"
    store_imports = [n for _, n in _imports(scheduler) if n.startswith("ldn_tui.progress.store")]
    assert store_imports == []
    for part in ("store.py", "schedule.py", "database.py", "attempts.py", "cardstate.py", "settings.py"):
        assert not [n for _, n in _imports(SRC / "progress" / part) if n.startswith("ldn_tui.progress.scheduler")]


def test_command_modules_import_the_shared_base_not_the_cli():
    offenders = [o for o in _offenders(SRC / "commands", "ldn_tui.cli")]
    assert offenders == []


def test_the_offender_finder_finds_a_planted_import(tmp_path):
    """The checks above would pass vacuously if the finder never matched: plant one and see."""
    planted = tmp_path / "planted.py"
    planted.write_text("from ldn_tui.progress.store import ProgressStore\n", encoding="utf-8")
    assert "ldn_tui.progress.store" in {n for _, n in _imports(planted)}
