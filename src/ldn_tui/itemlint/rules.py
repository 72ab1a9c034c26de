"""Every rule, loaded: importing the rule modules registers their checks in `registry.RULES`.

Apart from `registry` so the rule modules (which import the registry's decorators) and the
place that loads them never import each other.
"""

from __future__ import annotations

from ldn_tui.itemlint import bank, cues, leaks, length, objectives, structure  # noqa: F401  (registers)
from ldn_tui.itemlint.registry import RULES, Rule


def load_rules() -> dict[str, Rule]:
    """The rule table, with every rule module imported."""
    return RULES
