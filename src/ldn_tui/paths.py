"""Where ldn-study keeps things: one module, small functions, directories made on demand.

`LDN_STUDY_HOME` redirects everything (data, config and cache) under one folder; the tests
set it so they never touch a real user's progress.
"""

from __future__ import annotations

import os
from pathlib import Path

APP_NAME = "ldn-study"
ENV_HOME = "LDN_STUDY_HOME"
ENV_CONTENT = "LDN_STUDY_CONTENT"


def _base(kind: str) -> Path:
    home = os.environ.get(ENV_HOME)
    if home:
        return Path(home).expanduser() / kind
    import platformdirs  # imported here: not needed when the env override is set

    getter = {
        "data": platformdirs.user_data_path,
        "config": platformdirs.user_config_path,
        "cache": platformdirs.user_cache_path,
    }[kind]
    return getter(APP_NAME, appauthor=False)


def data_dir(create: bool = True) -> Path:
    """Progress database and exports' default home."""
    return _ensure(_base("data"), create)


def config_dir(create: bool = True) -> Path:
    return _ensure(_base("config"), create)


def cache_dir(create: bool = True) -> Path:
    """Parse cache; safe to delete at any time."""
    return _ensure(_base("cache"), create)


def database_path() -> Path:
    return _base("data") / "progress.sqlite3"


def config_file() -> Path:
    return _base("config") / "config.toml"


def bundled_content_dir() -> Path:
    """The content shipped with the package.

    In a wheel it is `ldn_tui/_content` (force-included by pyproject); in a source checkout
    or an editable install it is the top-level `content/` folder.
    """
    here = Path(__file__).resolve().parent
    packaged = here / "_content"
    if packaged.is_dir():
        return packaged
    return here.parent.parent / "content"


def content_dir(override: str | os.PathLike[str] | None = None) -> Path:
    """The content folder to use: an explicit path, `LDN_STUDY_CONTENT`, or the bundled set."""
    if override:
        return Path(override).expanduser()
    env = os.environ.get(ENV_CONTENT)
    if env:
        return Path(env).expanduser()
    return bundled_content_dir()


def _ensure(path: Path, create: bool) -> Path:
    if create:
        path.mkdir(parents=True, exist_ok=True)
    return path
