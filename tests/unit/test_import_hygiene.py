"""The core (content, quiz, progress, export, search, CLI spine) must not import Textual."""

from __future__ import annotations

import subprocess
import sys

import pytest

CORE = [
    "ldn_tui.cli",
    "ldn_tui.paths",
    "ldn_tui.content",
    "ldn_tui.content.loader",
    "ldn_tui.content.schema",
    "ldn_tui.progress",
    "ldn_tui.quiz",
    "ldn_tui.export",
    "ldn_tui.search",
    "ldn_tui.history",
    "ldn_tui.config",
    "ldn_tui.charts",
    "ldn_tui.stats_report",
    "ldn_tui.quiz.draft",
    "ldn_tui.progress.scheduler",
    "ldn_tui.progress.stats",
    "ldn_tui.export.markdown",
    "ldn_tui.export.anki",
    "ldn_tui.commands.quiz",
    "ldn_tui.commands.export",
    "ldn_tui.commands.lint",
    "ldn_tui.commands.evidence",
    "ldn_tui.study",
    "ldn_tui.itemlint",
    "ldn_tui.content.evidence",
    "ldn_tui.content.evidence_render",
]


@pytest.mark.parametrize("module", CORE)
def test_core_module_does_not_import_textual(module):
    code = (
        "import importlib, sys\n"
        f"importlib.import_module({module!r})\n"
        "bad = sorted(m for m in sys.modules if m == 'textual' or m.startswith('textual.'))\n"
        "print('TEXTUAL' if bad else 'CLEAN', bad[:3])\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.startswith("CLEAN"), f"{module} pulls in Textual: {out}"


def test_the_check_can_fail():
    code = "import ldn_tui.tui.app, sys; print('textual' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "True"
