"""A content folder whose YAML cannot be read (a symlink loop, a broken link, no permission) is an
error naming the path, never skipped silently, and the parse cache never hides it."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from ldn_tui.content import ContentInvalid, load_content, validate

MINI = Path(__file__).resolve().parents[1] / "fixtures" / "mini"


@pytest.fixture
def root(tmp_path: Path) -> Path:
    r = tmp_path / "content"
    shutil.copytree(MINI, r)
    return r


def _issues(root: Path) -> list[str]:
    return [str(i).replace(str(root) + "/", "") for i in validate(root)[1]]


def test_a_symlink_loop_in_the_chapters_is_an_error_with_its_path(root):
    loop = root / "chapters" / "30-loop.yaml"
    os.symlink(loop, loop)
    assert _issues(root) == [
        "chapters/30-loop.yaml: cannot be read: a symbolic link loop; expected a readable YAML file"
    ]


def test_a_broken_link_is_an_error(root):
    os.symlink(root / "nowhere.yaml", root / "chapters" / "30-gone.yaml")
    assert _issues(root) == [
        "chapters/30-gone.yaml: cannot be read: a link to a file that does not exist; expected a readable YAML file"
    ]


def test_the_cache_does_not_hide_a_loop_added_later(root):
    load_content(root)  # valid: cached
    loop = root / "chapters" / "30-loop.yaml"
    os.symlink(loop, loop)
    with pytest.raises(ContentInvalid, match="symbolic link loop"):
        load_content(root)
