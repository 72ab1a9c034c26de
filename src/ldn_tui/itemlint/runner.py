"""Run every rule over a content set and collect the findings."""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Collection
from dataclasses import dataclass

from ldn_tui.content.model import Content, Question
from ldn_tui.itemlint.context import LintContext
from ldn_tui.itemlint.findings import ERROR, WARNING, Finding
from ldn_tui.itemlint.items import Item, collect
from ldn_tui.itemlint.rules import load_rules


@dataclass
class LintResult:
    findings: list[Finding]
    items: list[Item]
    context: LintContext
    generated_included: bool
    #: the files findings were kept for (None: all)
    only_files: frozenset[str] | None = None

    @property
    def reported_items(self) -> list[Item]:
        """The questions in the files reported on."""
        if self.only_files is None:
            return self.items
        return [i for i in self.items if os.path.realpath(i.file) in self.only_files]

    def count(self, severity: str) -> int:
        return sum(1 for f in self.findings if f.severity == severity)

    @property
    def errors(self) -> int:
        return self.count(ERROR)

    @property
    def warnings(self) -> int:
        return self.count(WARNING)

    def by_rule(self) -> dict[str, int]:
        """Findings per rule id, every rule listed (0 when it found nothing)."""
        counts = Counter(f.rule for f in self.findings)
        return {rule_id: counts.get(rule_id, 0) for rule_id in sorted(load_rules())}


def generated_questions(content: Content) -> tuple[Question, ...]:
    """The evidence and certainty questions the app generates from claims."""
    from ldn_tui.content.generated import generated_questions as made

    return made(content)


def lint(
    content: Content,
    *,
    root: str | None = None,
    include_generated: bool = False,
    only_files: Collection[str] | None = None,
) -> LintResult:
    """Every finding of every rule on `content` (authored questions; generated ones too when
    `include_generated`). `only_files` keeps the findings in those files (paths compared
    resolved); bank-wide rules still see the whole bank, so a duplicate in another chapter or
    an unbalanced bank is judged the same whichever file is asked about."""
    if not content.lines:  # findings name their lines: content read without them would print line 0
        raise ValueError("lint needs the content's lines: load it with load_content(..., lines=True)")
    rules = load_rules()
    ctx = LintContext(content, root or content.root)
    items = collect(content, generated_questions(content) if include_generated else (), ctx.positions)
    findings: list[Finding] = []
    for rule in rules.values():
        if rule.item_check is not None:
            for item in items:
                for path, message in rule.item_check(item, ctx):
                    findings.append(
                        Finding(item.file, item.line(*path), rule.id, item.subject(*path), message, rule.severity)
                    )
        elif rule.bank_check is not None:
            findings.extend(rule.bank_check(items, ctx))
    wanted = None if only_files is None else frozenset(os.path.realpath(f) for f in only_files)
    if wanted is not None:
        findings = [f for f in findings if os.path.realpath(f.file) in wanted]
    return LintResult(sorted(set(findings)), items, ctx, include_generated, wanted)
