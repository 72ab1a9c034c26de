"""Snapshots of the key screens, at a fixed size (100x32), plus 80x24 and 60x20.

The app is built by `build_app`, as the CLI builds it, on the mini fixture with a fresh
LDN_STUDY_HOME (autouse fixture), so every run starts from the same state.
Regenerate after an intended change: `.venv/bin/pytest tests/tui/test_snapshots.py --snapshot-update`.
"""

from __future__ import annotations

import pytest
from pilotkit import settle

from ldn_tui.tui.app import build_app

SIZE = (100, 32)
TRIAL = ["full_stop"]  # from the first card, "." opens the crossover trial card


def keys_then_settle(*keys: str):
    async def run_before(pilot) -> None:
        await settle(pilot)
        await pilot.press(*keys)
        await settle(pilot)

    return run_before


@pytest.fixture
def app(mini_content):
    return build_app(mini_content, first_run=False, start="study")


def test_start(snap_compare, app):
    assert snap_compare(app, terminal_size=SIZE, run_before=settle)


def test_evidence_card(snap_compare, app):
    assert snap_compare(app, terminal_size=SIZE, run_before=keys_then_settle(*TRIAL))


def test_claim_selected(snap_compare, app):
    assert snap_compare(app, terminal_size=SIZE, run_before=keys_then_settle(*TRIAL, "c"))


def test_claim_sources(snap_compare, app):
    assert snap_compare(app, terminal_size=SIZE, run_before=keys_then_settle(*TRIAL, "s"))


def test_search_with_filter(snap_compare, app):
    assert snap_compare(app, terminal_size=SIZE, run_before=keys_then_settle("slash", *"certainty:low pain"))


def test_search_words_across_kinds(snap_compare, app):
    assert snap_compare(app, terminal_size=SIZE, run_before=keys_then_settle("slash", *"placebo"))


def test_glossary_definition(snap_compare, app):
    assert snap_compare(app, terminal_size=SIZE, run_before=keys_then_settle(*TRIAL, "g", "enter"))


def test_note_editor(snap_compare, app):
    assert snap_compare(
        app,
        terminal_size=SIZE,
        run_before=keys_then_settle(*TRIAL, "n", *"Check the washout length", "enter", *"12 vs 4 weeks"),
    )


def test_note_shown_on_card(snap_compare, app):
    assert snap_compare(
        app, terminal_size=SIZE, run_before=keys_then_settle(*TRIAL, "n", *"Check the washout length", "ctrl+s", "b")
    )


def test_bookmarks_list(snap_compare, app):
    assert snap_compare(app, terminal_size=SIZE, run_before=keys_then_settle("b", *TRIAL, "b", "B"))


def test_help(snap_compare, app):
    assert snap_compare(app, terminal_size=SIZE, run_before=keys_then_settle("question_mark"))


def test_welcome_on_first_start(snap_compare, mini_content, tmp_path):
    # the Today screen names the day: a store on a fixed clock keeps the snapshot stable
    from datetime import UTC, datetime

    from ldn_tui.progress.store import ProgressStore

    store = ProgressStore.open(tmp_path / "p.sqlite3", now=datetime(2025, 3, 3, 9, 0, tzinfo=UTC))
    try:
        assert snap_compare(build_app(mini_content, store=store), terminal_size=SIZE, run_before=settle)
    finally:
        store.close()


def test_light_theme(snap_compare, mini_content):
    app = build_app(mini_content, first_run=False, start="study", theme="light")
    assert snap_compare(app, terminal_size=SIZE, run_before=keys_then_settle(*TRIAL, "c"))


def test_card_at_80x24(snap_compare, app):
    assert snap_compare(app, terminal_size=(80, 24), run_before=keys_then_settle(*TRIAL))


def test_card_at_60x20(snap_compare, app):
    assert snap_compare(app, terminal_size=(60, 20), run_before=keys_then_settle(*TRIAL))


def test_contents_at_60x20(snap_compare, app):
    assert snap_compare(app, terminal_size=(60, 20), run_before=keys_then_settle(*TRIAL, "m"))
