"""The export dialog: `e` (or the palette) opens it, Enter writes the file in a worker, and a
notification says where it went."""

from __future__ import annotations

from datetime import UTC, datetime

from textual.widgets import OptionList

from ldn_tui.progress.store import ProgressStore
from ldn_tui.tui import commands
from ldn_tui.tui.app import build_app
from ldn_tui.tui.screens.export import CHOICES, ExportScreen
from ldn_tui.tui.screens.main import MainScreen

SIZE = (100, 32)
T0 = datetime(2025, 3, 1, 9, 0, tzinfo=UTC)


def _store(tmp_path) -> ProgressStore:
    store = ProgressStore.open(tmp_path / "home" / "data" / "progress.sqlite3", now=T0)
    store.set_note("basics.what-is-ldn", "My own note on LDN.", now=T0)
    store.record_attempt("basics.what-is-ldn/q2", content_hash="h", answer=True, score=0.0, now=T0)
    return store


async def test_e_opens_the_dialog_and_enter_writes_markdown_here(mini_content, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    store = _store(tmp_path)
    app = build_app(mini_content, store=store, first_run=False, start="study")
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.press("e")
        await pilot.pause()
        assert isinstance(app.screen, ExportScreen)
        assert app.screen.query_one("#export-formats", OptionList).option_count == len(CHOICES)
        await pilot.press("enter")  # the first choice: Markdown progress notes
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)
        files = list(tmp_path.glob("ldn-study-progress-*.md"))
        assert len(files) == 1
        text = files[0].read_text(encoding="utf-8")
        assert "My own note on LDN." in text and "LDN is approved by the FDA for chronic pain." in text
        assert any(str(files[0]) in n.message for n in app._notifications)
        # again the same day: a second file, not an overwrite
        await pilot.press("e")
        await pilot.pause()
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert len(list(tmp_path.glob("ldn-study-progress-*.md"))) == 2
    store.close()


async def test_pick_the_anki_deck(mini_content, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    store = _store(tmp_path)
    app = build_app(mini_content, store=store, first_run=False, start="study")
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.press("e")
        await pilot.pause()
        anki = next(i for i, c in enumerate(CHOICES) if c.format == "anki")
        await pilot.press(*["down"] * anki, "enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert len(list(tmp_path.glob("ldn-study-deck-*.apkg"))) == 1
        assert isinstance(app.screen, MainScreen)
    store.close()


async def test_a_failed_write_is_a_notification_and_the_dialog_stays(mini_content, tmp_path, monkeypatch):
    store = _store(tmp_path)
    app = build_app(mini_content, store=store, first_run=False, start="study")
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        app.push_screen(ExportScreen(folder=tmp_path / "missing"))
        await pilot.pause()
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, ExportScreen)
        assert any("does not exist" in n.message and n.severity == "error" for n in app._notifications)
        await pilot.press("escape")
        assert isinstance(app.screen, MainScreen)
    assert not (tmp_path / "missing").exists()
    store.close()


def test_the_command_is_in_the_table():
    command = commands.get("export")
    assert command.key == "e" and command.group == "Export" and command.palette
    assert "progress" in command.title.lower()


async def test_the_palette_offers_export(mini_content, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    store = _store(tmp_path)
    app = build_app(mini_content, store=store, first_run=False, start="study")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"export: progress")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ExportScreen)
    store.close()
