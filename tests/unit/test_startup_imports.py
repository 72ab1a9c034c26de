"""What the first screen does not show is not loaded before it paints (issue 19).

A real start of `ldn-study` (its `main`, headless), stopped at the first frame Textual draws: at
that moment the quiz engine, the scheduler and FSRS, YAML, the search index, exports, statistics
and the study screen must not be imported, and with a warm parse cache no chapter's questions may
have been read from it.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys

PROBE = r"""
import json, os, sys
from textual.app import App
from ldn_tui import paths

_display = App._display
def display(self, screen, renderable):
    _display(self, screen, renderable)
    if renderable is None or getattr(self, "_probed", False):
        return
    self._probed = True
    content = self.content
    lazy = [card.quiz for card in content.cards if type(card.quiz) is not tuple]
    read = sum(len(q._blocks._loaded) for q in lazy[:1])
    caches = sorted(p.name for p in paths.cache_dir(create=False).glob("content-*.pickle"))
    print(json.dumps({"modules": sorted(sys.modules), "lazy": len(lazy), "cards": len(content.cards),
                      "blocks_read": read, "screen": type(screen).__name__, "caches": caches}))
    sys.stdout.flush()
    if sys.argv[1] == "warm":
        os._exit(0)
    # Without a parse cache, the app writes it in a thread after this frame: quit once it is done.
    self.set_interval(0.05, lambda: None if any(w.is_running for w in self.workers) else self.exit())
App._display = display
_run = App.run
def run(self, *a, **k):
    k.update(headless=True, size=(100, 32))
    return _run(self, *a, **k)
App.run = run
import ldn_tui.commands.base as base
base.terminal_problem = lambda: None  # headless: no terminal needed
from ldn_tui.cli import main
sys.exit(main([]))
"""

#: Loaded only once the student asks for them, never for the first frame.
NOT_BEFORE_FIRST_PAINT = (
    "yaml",
    "fsrs",
    "ldn_tui.quiz.engine",
    "ldn_tui.quiz.building",
    "ldn_tui.quiz.saved",
    "ldn_tui.progress.scheduler",
    "ldn_tui.progress.stats",
    "ldn_tui.content.generated",
    "ldn_tui.content.folder",
    "ldn_tui.search",
    "ldn_tui.export",
    "ldn_tui.tui.screens.main",
)


def _first_frame(home, start: str) -> dict:
    env = dict(os.environ, LDN_STUDY_HOME=str(home))
    env.pop("LDN_STUDY_CONTENT", None)
    out = subprocess.run([sys.executable, "-c", PROBE, start], capture_output=True, text=True, env=env, timeout=120)
    assert out.returncode == 0, out.stderr
    return json.loads(out.stdout.strip().splitlines()[-1])


def test_first_paint_loads_only_what_the_first_screen_shows(tmp_path):
    cold = _first_frame(tmp_path, "cold")  # no parse cache yet: the YAML is read, the cache written later
    assert "yaml" in cold["modules"]  # the check below can fail
    assert cold["caches"] == []  # the cache is written after the first frame, not before it
    warm = _first_frame(tmp_path, "warm")
    assert len(warm["caches"]) == 1  # ... and it was written before the app quit
    assert warm["screen"] == "TodayScreen"
    loaded = [m for m in NOT_BEFORE_FIRST_PAINT if any(n == m or n.startswith(m + ".") for n in warm["modules"])]
    assert loaded == []
    assert warm["lazy"] == warm["cards"]  # every card's questions come from the cache on demand ...
    assert warm["blocks_read"] == 0  # ... and none had been read when the first frame was drawn


WARM_UP_PROBE = r"""
import asyncio, json, sys
from ldn_tui.content import load_content
from ldn_tui.tui import app as app_module
from ldn_tui.tui.screens.quiz_setup import QuizSetupScreen

async def main(warm):
    app = app_module.build_app(load_content(), first_run=False)
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.pause(app_module.WARM_UP_AFTER + 0.7 if warm else 0.2)
        await app.workers.wait_for_complete()
        before = set(sys.modules)
        await pilot.press("z")
        while not isinstance(app.screen, QuizSetupScreen):
            await pilot.pause(0.01)
        print(json.dumps(sorted(m for m in set(sys.modules) - before if m.startswith(("ldn_tui", "textual")))))

asyncio.run(main(sys.argv[1] == "warm"))
"""


def test_after_the_warm_up_opening_the_quiz_setup_imports_nothing(tmp_path):
    """The warm-up (`StudyApp._warm_up`, 1.5 s after start) imports what the dialog's first open
    would import on the UI thread: its own modules, the quiz screens (it checks that no quiz is
    open) and Textual's scroll bars. A `z` pressed before the warm-up imports them then: the
    control."""

    def imported_by_the_open(when: str) -> list[str]:
        env = dict(os.environ, LDN_STUDY_HOME=str(tmp_path / when))
        env.pop("LDN_STUDY_CONTENT", None)
        out = subprocess.run(
            [sys.executable, "-c", WARM_UP_PROBE, when], capture_output=True, text=True, env=env, timeout=120
        )
        assert out.returncode == 0, out.stderr
        return json.loads(out.stdout.strip().splitlines()[-1])

    assert "ldn_tui.tui.screens.quiz" in imported_by_the_open("at once")
    assert imported_by_the_open("warm") == []
