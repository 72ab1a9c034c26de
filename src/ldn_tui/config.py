"""The user's config.toml: key remapping and theme. No Textual here.

```toml
theme = "light"            # "dark" (default) or "light"

[keys]                     # command id = key(s); see the help screen (?) for the ids
bookmark = "m"
search = "/,ctrl+f"        # several keys: separate them with commas
```

A config file must never stop the app from opening: every problem is collected into
`Config.problems` as a clear one-line message naming the file, and the defaults are used for
whatever was wrong (the rest of the file still applies).
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from ldn_tui import paths

THEMES: tuple[str, ...] = ("dark", "light")
KNOWN_KEYS: tuple[str, ...] = ("theme", "keys")


@dataclass(frozen=True)
class Config:
    """Settings read from config.toml; `problems` lists what was ignored and why."""

    keys: dict[str, str] = field(default_factory=dict)
    theme: str | None = None  # None: not set in the file
    problems: tuple[str, ...] = ()
    path: Path | None = None


def load_config(path: str | os.PathLike[str] | None = None, known_ids: Iterable[str] | None = None) -> Config:
    """Read `path` (default: paths.config_file()). A missing file is simply the defaults.

    `known_ids` are the binding ids that may be remapped; others are reported.
    """
    file = Path(path) if path is not None else paths.config_file()
    try:
        raw = file.read_bytes()
    except FileNotFoundError:
        return Config(path=file)
    except OSError as exc:
        return Config(problems=(f"{file}: cannot be read ({exc.strerror or exc}); using the defaults",), path=file)
    import tomllib  # only when there is a file: most starts have none

    try:
        data = tomllib.loads(raw.decode("utf-8"))
    except UnicodeDecodeError:
        return Config(problems=(f"{file}: is not UTF-8 text; using the defaults",), path=file)
    except tomllib.TOMLDecodeError as exc:
        return Config(problems=(f"{file}: is not valid TOML: {exc}; using the defaults",), path=file)
    return parse_config(data, file, known_ids)


def parse_config(data: dict, file: Path | None = None, known_ids: Iterable[str] | None = None) -> Config:
    """Check an already-parsed TOML document (see `load_config`)."""
    where = str(file) if file else "config"
    problems: list[str] = []
    known = sorted(set(known_ids)) if known_ids is not None else None

    for key in data:
        if key not in KNOWN_KEYS:
            problems.append(f"{where}: unknown setting {key!r}{_did_you_mean(key, KNOWN_KEYS)}; ignored")

    theme = data.get("theme")
    if theme is not None and theme not in THEMES:
        problems.append(f"{where}: theme = {theme!r} is not one of {', '.join(map(repr, THEMES))}; using the default")
        theme = None

    keys: dict[str, str] = {}
    table = data.get("keys", {})
    if not isinstance(table, dict):
        problems.append(f'{where}: keys must be a table ([keys] with id = "key" lines); ignored')
        table = {}
    for binding_id, value in table.items():
        if known is not None and binding_id not in known:
            problems.append(
                f"{where}: [keys] {binding_id!r} is not a command id{_did_you_mean(binding_id, known)}; ignored"
            )
            continue
        if not isinstance(value, str):
            problems.append(f'{where}: [keys] {binding_id} must be a string such as "ctrl+b"; ignored')
            continue
        parts = [part.strip() for part in value.split(",")]
        if not all(parts) or any(" " in part for part in parts):
            problems.append(
                f'{where}: [keys] {binding_id} = {value!r} is not a key list (keys like "b" or "ctrl+b", '
                "separated by commas); ignored"
            )
            continue
        keys[binding_id] = ",".join(parts)
    return Config(keys=keys, theme=theme, problems=tuple(problems), path=file)


def _did_you_mean(word: str, choices: Iterable[str]) -> str:
    import difflib

    close = difflib.get_close_matches(word, list(choices), n=1)
    return f" (did you mean {close[0]!r}?)" if close else ""
