"""The command table: one entry per command, and every entry leads somewhere real."""

from __future__ import annotations

import re

import pytest

from ldn_tui.tui import commands
from ldn_tui.tui.app import StudyApp
from ldn_tui.tui.screens.main import MainScreen

SCOPES = {"app": StudyApp, "study": MainScreen}


def test_ids_are_unique():
    ids = commands.ids()
    assert len(ids) == len(set(ids))


@pytest.mark.parametrize("command", [c for c in commands.COMMANDS if c.scope in SCOPES], ids=lambda c: c.id)
def test_every_command_has_an_action_to_run(command):
    assert command.title and command.description and command.group
    if callable(command.action):
        return
    name = re.sub(r"\(.*\)$", "", command.action)
    owner = SCOPES[command.scope]
    if name.startswith("app."):
        owner, name = StudyApp, name[4:]
    assert hasattr(owner, f"action_{name}"), f"{owner.__name__} has no action_{name} for {command.id}"


def test_bindings_carry_the_command_ids():
    for scope, cls in SCOPES.items():
        bound = {b.id for b in commands.bindings(scope)}
        assert bound == {c.id for c in commands.COMMANDS if c.scope == scope}
        assert bound <= {b.id for b in cls.BINDINGS}


def test_display_keys_reads_like_a_person_would_write_them():
    assert commands.display_keys("left_square_bracket,alt+left") == "[  alt+←"
    assert commands.display_keys("question_mark,f1") == "?  F1"
    assert commands.display_keys("slash") == "/"


async def test_a_remapped_key_that_clashes_is_reported(mini_content):
    from ldn_tui.config import Config
    from ldn_tui.tui.app import build_app

    app = build_app(mini_content, first_run=False, start="study", config=Config(keys={"bookmark": "s"}))
    async with app.run_test(size=(100, 32), notifications=True) as pilot:
        await pilot.pause()
        assert any("'s' is bound to sources and bookmark" in n.message for n in app._notifications)


def test_the_default_keys_do_not_clash():
    assert commands.clashes({}) == []
