"""Print lint results: findings one per line, a summary by rule, the bank statistics; or JSON."""

from __future__ import annotations

import json
from typing import Any

from ldn_tui.content.labels import QUESTION_TYPES
from ldn_tui.itemlint.context import display_path
from ldn_tui.itemlint.findings import ERROR, Finding
from ldn_tui.itemlint.length import LONGEST_SHARE_MARGIN, LongestShare
from ldn_tui.itemlint.objectives import MIN_QUESTIONS_PER_OBJECTIVE
from ldn_tui.itemlint.registry import Rule
from ldn_tui.itemlint.runner import LintResult
from ldn_tui.itemlint.stats import BankStats

_SHORT_TYPE = {"single": "single", "multiple": "multi", "true-false": "t/f", "cloze": "cloze", "order": "order"}


def _finding_line(f: Finding, strict: bool) -> str:
    shown = Finding(display_path(f.file), f.line, f.rule, f.subject, f.message, ERROR if strict else f.severity)
    return str(shown)


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def text_report(result: LintResult, *, strict: bool = False, stats: BankStats | None = None) -> str:
    """Findings (`file:line: rule-id: subject: message [severity]`), then a summary, then stats."""
    lines = [_finding_line(f, strict) for f in result.findings]
    errors = len(result.findings) if strict else result.errors
    warnings = 0 if strict else result.warnings
    n_items = len(result.reported_items)
    summary = (
        f"{_plural(errors, 'error')}, {_plural(warnings, 'warning')} in {_plural(n_items, 'question')} "
        f"({display_path(result.context.root)})"
    )
    if lines:
        lines.append("")
    lines.append(summary + ("; warnings count as errors (--strict)" if strict and result.warnings else ""))
    counts = [(rule, n) for rule, n in result.by_rule().items() if n]
    if counts:
        lines.append("by rule: " + ", ".join(f"{rule} {n}" for rule, n in sorted(counts, key=lambda x: (-x[1], x[0]))))
    if stats is not None:
        lines += ["", *stats_lines(stats)]
    return "\n".join(lines)


def _share_line(label: str, share: LongestShare) -> str:
    if not share.items:
        return f"{label}: no single- or multiple-answer items"
    verdict = "far above chance" if share.far_above_chance else "within the limit"
    return (
        f"{label}: longest choice is correct in {share.observed} of {share.items} single/multiple items "
        f"({share.share:.1%}); chance {share.chance:.1%}; {(share.share - share.chance) * 100:+.1f} pp, "
        f"z = {share.z:.1f}: {verdict} (limit +{LONGEST_SHARE_MARGIN * 100:.0f} pp and z >= 2)"
    )


def stats_lines(s: BankStats) -> list[str]:
    out = ["Bank statistics"]
    generated = "not included (add --generated)" if s.generated is None else str(s.generated)
    out.append(f"  questions: {s.authored} authored; generated: {generated}")
    out.append("  by type:   " + ", ".join(f"{t} {n}" for t, n in s.by_type.items()))
    out.append("  by focus:  " + ", ".join(f"{k} {n}" for k, n in s.by_focus.items()))
    out.append("")
    width = max([len("chapter"), *(len(c.id) for c in s.chapters)])
    head = f"  {'chapter':<{width}}" + "".join(f" {_SHORT_TYPE[t]:>6}" for t in QUESTION_TYPES)
    out.append(head + f" {'total':>6}   {'T/F false':<14} {'vignettes':>9}")
    for c in s.chapters:
        tf = f"{c.tf_false}/{c.tf} {c.tf_false / c.tf:.0%}" if c.tf else "-"
        mark = "" if not c.tf else (" ok" if c.tf_ok else " OUT")
        out.append(
            f"  {c.id:<{width}}"
            + "".join(f" {c.by_type[t]:>6}" for t in QUESTION_TYPES)
            + f" {c.total:>6}   {tf + mark:<14} {c.vignettes:>9}"
        )
    tf_all = f"{s.tf_false}/{s.tf} {s.tf_false / s.tf:.0%}" if s.tf else "-"
    out.append(
        f"  {'all':<{width}}"
        + "".join(f" {s.by_type[t]:>6}" for t in QUESTION_TYPES)
        + f" {s.authored:>6}   {tf_all:<14} {s.vignettes:>9}"
    )
    out.append("  (T/F false: false answers of all true/false items; each chapter must be 40-60%)")
    out.append("")
    out.append("  " + _share_line("authored", s.longest))
    if s.longest_generated is not None:
        out.append("  " + _share_line("generated", s.longest_generated))
    share = s.vignettes / s.authored if s.authored else 0.0
    out.append(
        f"  vignettes: {s.vignettes} of {s.authored} authored ({share:.1%}): stems presenting one person with "
        "an age or sex in a clinical situation, 15+ words"
    )
    if s.objectives is None:
        out.append("  learning objectives: questions carry no objective yet")
    else:
        out.append(
            f"  questions per learning objective ({len(s.objectives)} objectives; at least "
            f"{MIN_QUESTIONS_PER_OBJECTIVE} each):"
        )
        for objective, n in sorted(s.objectives.items()):
            out.append(f"    {objective:<40} {n:>4}" + ("" if n >= MIN_QUESTIONS_PER_OBJECTIVE else "  too few"))
    return out


def json_report(result: LintResult, *, strict: bool = False, stats: BankStats | None = None) -> str:
    findings = []
    for f in result.findings:
        d: dict[str, Any] = f.to_dict()
        d["file"] = display_path(f.file)
        if strict:
            d["severity"] = ERROR
        findings.append(d)
    data: dict[str, Any] = {
        "root": display_path(result.context.root),
        "questions": len(result.reported_items),
        "errors": len(result.findings) if strict else result.errors,
        "warnings": 0 if strict else result.warnings,
        "by_rule": result.by_rule(),
        "findings": findings,
    }
    if stats is not None:
        data["stats"] = stats.to_dict()
    return json.dumps(data, indent=2, ensure_ascii=False)


def rules_table(rules: dict[str, Rule]) -> str:
    """`ldn-study lint --rules`: every rule with its severity, what it checks and its source."""
    width = max(len(r) for r in rules)
    lines = []
    for rule in sorted(rules.values(), key=lambda r: r.id):
        lines.append(f"{rule.id:<{width}}  {rule.severity:<7}  {rule.summary}")
        lines.append(f"{'':<{width}}  {'':<7}  source: {rule.source}")
    return "\n".join(lines)
