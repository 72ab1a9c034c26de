"""The rule table: every rule's id, severity, one-line summary and published source, and its check.

Rules come in two kinds. An item rule looks at one question and yields `(field path, message)`
pairs; the runner turns them into findings at that field's line. A bank rule looks at all the
questions at once (balance, duplicates, shares) and yields whole `Finding`s. Both get the
`LintContext` (the content, its folder, the id patterns). Each check's
docstring cites the guideline it enforces; `ldn-study lint --rules` prints the table.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ldn_tui.itemlint.findings import SEVERITIES

if TYPE_CHECKING:
    from ldn_tui.itemlint.context import LintContext
    from ldn_tui.itemlint.findings import Finding
    from ldn_tui.itemlint.items import Item, YamlPath

ItemCheck = Callable[["Item", "LintContext"], Iterable[tuple["YamlPath", str]]]
BankCheck = Callable[["Sequence[Item]", "LintContext"], Iterable["Finding"]]


@dataclass(frozen=True, slots=True)
class Rule:
    id: str
    severity: str
    summary: str
    source: str
    item_check: ItemCheck | None = None
    bank_check: BankCheck | None = None


RULES: dict[str, Rule] = {}


def _register(rule: Rule) -> None:
    if rule.id in RULES:
        raise ValueError(f"rule {rule.id!r} registered twice")
    if rule.severity not in SEVERITIES:
        raise ValueError(f"rule {rule.id!r}: unknown severity {rule.severity!r}")
    RULES[rule.id] = rule


def item_rule(rule_id: str, severity: str, summary: str, source: str) -> Callable[[ItemCheck], ItemCheck]:
    """Register a check that looks at one question at a time."""

    def wrap(fn: ItemCheck) -> ItemCheck:
        _register(Rule(rule_id, severity, summary, source, item_check=fn))
        return fn

    return wrap


def bank_rule(rule_id: str, severity: str, summary: str, source: str) -> Callable[[BankCheck], BankCheck]:
    """Register a check that looks at the whole bank (all the items, and the context)."""

    def wrap(fn: BankCheck) -> BankCheck:
        _register(Rule(rule_id, severity, summary, source, bank_check=fn))
        return fn

    return wrap
