"""Item-writing checks for the question bank (`ldn-study lint`). No Textual here.

The rules follow the published guidance on writing test items: the NBME manual "Constructing
Written Test Questions for the Basic and Clinical Sciences" and Haladyna, Downing & Rodriguez
(2002), "A review of multiple-choice item-writing guidelines for classroom assessment". One
module per concern: `cues` (what gives the key away), `length` (the longest choice, per item
and bank-wide), `leaks` (raw ids, "this card"), `structure` (choices, order items, whys),
`bank` (true/false balance, near-duplicates), `objectives`; `stats` and `vignette` compute the
bank figures, `report` prints everything.
"""

from __future__ import annotations

from ldn_tui.itemlint.findings import ERROR, WARNING, Finding
from ldn_tui.itemlint.registry import RULES, Rule
from ldn_tui.itemlint.rules import load_rules
from ldn_tui.itemlint.runner import LintResult, generated_questions, lint

__all__ = ["ERROR", "RULES", "WARNING", "Finding", "LintResult", "Rule", "generated_questions", "lint", "load_rules"]
