"""Settings: small JSON values by key (the theme, the last card, the quiz setup, the welcome flag)."""

from __future__ import annotations

import json
from typing import Any

from ldn_tui.progress.database import Database


class SettingsTable(Database):
    # -- settings ------------------------------------------------------------------------------

    def get_setting(self, key: str, default: Any = None) -> Any:
        """A setting's value (any JSON value), or `default`."""
        rows = self._query("SELECT value FROM settings WHERE key = ?", (key,))
        if not rows:
            return default
        try:
            return json.loads(rows[0]["value"])
        except ValueError:
            return rows[0]["value"]

    def set_setting(self, key: str, value: Any) -> None:
        text = json.dumps(value, ensure_ascii=False)
        self._write(lambda c: c.execute("INSERT OR REPLACE INTO settings(key, value) VALUES (?, ?)", (key, text)))
