"""The Evidence view: a condition's Summary-of-Findings table from its card (`v`), the map
(`m`), and snapshots of both at 80x24 and 120x40 on the bundled content."""

from __future__ import annotations

import pytest

from ldn_tui.content import load_content
from ldn_tui.tui.app import build_app
from ldn_tui.tui.screens.evidence import MAP, EvidenceScreen

FINAL_CARD = "evidence.fibromyalgia-later"  # the 2024 FINAL trial and the reviews


@pytest.fixture(scope="module")
def content():
    return load_content(use_cache=False)


async def _open(pilot, card_id: str) -> None:
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.app.open_card(card_id)
    await pilot.pause()


def _text(screen: EvidenceScreen) -> str:
    import io

    from rich.console import Console

    console = Console(width=120, record=True, file=io.StringIO())
    for part in screen.parts:
        console.print(part)
    return console.export_text()


async def test_v_on_a_condition_card_opens_its_table_and_m_the_map(content):
    app = build_app(content, first_run=False, theme="dark")
    async with app.run_test(size=(120, 40)) as pilot:
        await _open(pilot, FINAL_CARD)
        await pilot.press("v")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, EvidenceScreen) and screen.shown == "fibromyalgia"
        table = _text(screen)
        assert "Summary of findings: Fibromyalgia" in table and "Pain intensity" in table
        assert "⊕⊕◯◯" in table  # fibromyalgia.pain is rated low, once, in outcomes.yaml
        await pilot.press("m")
        await pilot.pause()
        assert screen.shown == MAP and "Evidence map" in _text(screen)
        await pilot.press("down")  # the first condition after the map
        await pilot.pause()
        assert screen.shown == screen.conditions[0]
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, EvidenceScreen)


async def test_a_card_that_is_not_about_an_effect_opens_the_map(content):
    app = build_app(content, first_run=False, theme="dark")
    async with app.run_test(size=(120, 40)) as pilot:
        await _open(pilot, "history.fda-approval")
        await pilot.press("v")
        await pilot.pause()
        assert isinstance(app.screen, EvidenceScreen) and app.screen.shown == MAP


def _before(card_id: str, *keys: str):
    async def run_before(pilot) -> None:
        await _open(pilot, card_id)
        await pilot.press("v", *keys)
        await pilot.pause()

    return run_before


@pytest.mark.parametrize("size", [(80, 24), (120, 40)], ids=["80x24", "120x40"])
def test_snapshot_summary_of_findings(snap_compare, content, size):
    app = build_app(content, first_run=False, theme="dark")
    assert snap_compare(app, terminal_size=size, run_before=_before(FINAL_CARD))


@pytest.mark.parametrize("size", [(80, 24), (120, 40)], ids=["80x24", "120x40"])
def test_snapshot_evidence_map(snap_compare, content, size):
    app = build_app(content, first_run=False, theme="dark")
    assert snap_compare(app, terminal_size=size, run_before=_before(FINAL_CARD, "m"))
