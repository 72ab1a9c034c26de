"""Renderers for the evidence profiles: text (Rich tables), Markdown and JSON.

The data comes from content/evidence.py. Text output uses Rich (no Textual), with a text
forest-plot row for every study that reports an estimate and a confidence interval, so the spread
of results is visible at a glance. Markdown is plain GitHub-style tables that any renderer shows;
JSON is the data itself, for scripts.
"""

from __future__ import annotations

import json
from dataclasses import asdict
from typing import Any

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from ldn_tui.content import labels
from ldn_tui.content.evidence import (
    MAP_LEVEL_LABEL,
    MAP_LEVEL_SHORT,
    MAP_LEVELS,
    NO_EFFECT,
    FindingRow,
    ForestRow,
    MapRow,
    SummaryOfFindings,
)

#: Rich styles per certainty, matching the app's badges in spirit (words carry the meaning).
CERTAINTY_STYLE = {"high": "bold green", "moderate": "bold yellow", "low": "bold magenta", "very-low": "bold red"}


# -- forest plot ----------------------------------------------------------------------------------


def forest_axis(rows: tuple[ForestRow, ...]) -> tuple[float, float]:
    """The shared axis of a forest plot: every interval and the line of no effect, padded a little."""
    lo = min([r.low for r in rows] + [NO_EFFECT])
    hi = max([r.high for r in rows] + [NO_EFFECT])
    pad = (hi - lo) * 0.05 or 0.5
    return lo - pad, hi + pad


def _col(x: float, lo: float, hi: float, width: int) -> int:
    return max(0, min(width - 1, round((x - lo) / (hi - lo) * (width - 1))))


def forest_bar(row: ForestRow, lo: float, hi: float, width: int) -> str:
    """One study as text: ├──●──┤ for the estimate and its interval, │ for no effect."""
    cells = [" "] * width
    a, b, v, z = (_col(x, lo, hi, width) for x in (row.low, row.high, row.value, NO_EFFECT))
    for i in range(a, b + 1):
        cells[i] = "─"
    cells[z] = "┼" if a <= z <= b else "│"
    cells[a], cells[b] = "├", "┤"
    cells[v] = "●"
    return "".join(cells)


def forest_lines(rows: tuple[ForestRow, ...], width: int = 32) -> list[str]:
    """The whole plot as lines of plain text: one per study, then the axis and which side favours LDN."""
    if not rows:
        return []
    lo, hi = forest_axis(rows)
    label_w = max(len(r.label) for r in rows)
    out = [f"{r.label:<{label_w}}  {forest_bar(r, lo, hi, width)}  {r.value:g} [{r.low:g}, {r.high:g}]" for r in rows]
    axis = [" "] * width
    axis[_col(NO_EFFECT, lo, hi, width)] = "0"
    ticks = "".join(axis)
    out.append(f"{'':<{label_w}}  {ticks}")
    left, right = "◀ favours LDN", "favours comparator ▶"
    gap = max(1, width - len(left) - len(right))
    out.append(f"{'':<{label_w}}  {left}{' ' * gap}{right}")
    return out


# -- JSON -------------------------------------------------------------------------------------------


def map_json(rows: tuple[MapRow, ...]) -> str:
    data: dict[str, Any] = {
        "levels": [{"id": k, "label": MAP_LEVEL_LABEL[k]} for k in MAP_LEVELS],
        "conditions": [asdict(r) for r in rows],
    }
    return json.dumps(data, ensure_ascii=False, indent=2)


def sof_json(sof: SummaryOfFindings) -> str:
    return json.dumps(asdict(sof), ensure_ascii=False, indent=2)


# -- Markdown -------------------------------------------------------------------------------------


def _cell(text: str) -> str:
    return " ".join(text.split()).replace("|", "\\|")


def participants_text(row: FindingRow) -> str:
    parts = []
    if row.participants is not None:
        parts.append(f"n={row.participants}")
    if row.review_participants is not None:
        parts.append(f"reviews n={row.review_participants}, overlapping")
    if row.unreported_n:
        parts.append(f"{row.unreported_n} of unreported size")
    return "; ".join(parts)


def effect_text(row: FindingRow) -> str:
    """The effect as reported, with its interval, or a plain note that none was reported."""
    if row.ci.strip().lower() == "not reported":
        return f"{row.effect} (no confidence interval reported)"
    return f"{row.effect} (95% CI: {row.ci})"


def map_markdown(rows: tuple[MapRow, ...]) -> str:
    head = (
        "| Condition | Strongest design | " + " | ".join(MAP_LEVEL_SHORT[k] for k in MAP_LEVELS) + " | Best certainty |"
    )
    rule = "|---|---|" + "|".join(":-:" for _ in MAP_LEVELS) + "|---|"
    lines = ["## Evidence map: conditions by the strongest design found", "", head, rule]
    for r in rows:
        marks = ["●" if k == r.strongest else ("○" if k in r.levels else "") for k in MAP_LEVELS]
        cert = r.best_certainty.replace("-", " ") if r.best_certainty else "none"
        lines.append(f"| {_cell(r.condition)} | {_cell(r.strongest_label)} | " + " | ".join(marks) + f" | {cert} |")
    lines += [
        "",
        "● strongest design found; ○ also found. "
        + "; ".join(f"{MAP_LEVEL_SHORT[k]} = {MAP_LEVEL_LABEL[k]}" for k in MAP_LEVELS)
        + ".",
    ]
    return "\n".join(lines) + "\n"


def sof_markdown(sof: SummaryOfFindings, heading: str = "##") -> str:
    """A condition's Summary-of-Findings table, its reasons and its forest plots, as Markdown."""
    lines = [f"{heading} Summary of findings: {sof.condition}", ""]
    if sof.note:
        lines += [_cell(sof.note), ""]
    lines += ["| Outcome | Studies (participants) | Effect | Certainty | What this means |", "|---|---|---|---|---|"]
    for r in sof.rows:
        who = _cell(f"{r.outcome}. {r.intervention} vs {r.comparator}")
        studies = _cell(f"{r.studies_text} ({participants_text(r)})" if participants_text(r) else r.studies_text)
        lines.append(
            f"| {who} | {studies} | {_cell(effect_text(r))} | {r.symbols} {r.certainty_word} | {_cell(r.statement)} |"
        )
    lines += ["", "Reasons for the ratings:", ""]
    for r in sof.rows:
        why = " ".join(f"{x.arrow} {x.name}: {_cell(x.why)}" for x in r.reasons) or "none"
        lines.append(f"- **{_cell(r.outcome)}** (starts {r.starts_at}, ends {r.certainty_word.lower()}): {why}")
        if r.excludes:
            lines.append(f"  - What the result can rule out: {_cell(r.excludes)}")
        if r.informal:
            lines.append(f"  - Not counted as studies: {', '.join(r.informal)}")
    plots = [r for r in sof.rows if r.forest]
    for r in plots:
        lines += [
            "",
            f"Forest plot, {_cell(r.outcome)} ({_cell(r.scale or '')}):",
            "",
            "```text",
            *forest_lines(r.forest),
            "```",
        ]
    return "\n".join(lines) + "\n"


# -- Rich text ------------------------------------------------------------------------------------


def strength_bar(level: str) -> str:
    """How far up the ladder a condition's best evidence reaches: full for a systematic review,
    one block for anecdote alone, empty for nothing."""
    rank = MAP_LEVELS.index(level)
    full = len(MAP_LEVELS) - 1
    filled = full - rank
    return "█" * filled + "░" * (full - filled)


def map_table(rows: tuple[MapRow, ...]) -> Table:
    table = Table(
        title="Evidence map: conditions by the strongest design found",
        title_justify="left",
        show_lines=False,
        expand=True,
    )
    table.add_column("Condition", ratio=3)
    table.add_column("Strongest evidence found", ratio=5)
    table.add_column("Best certainty", ratio=2)
    for r in rows:
        others = [MAP_LEVEL_LABEL[k].replace(" only", "").lower() for k in r.levels if k != r.strongest]
        strongest = Text.assemble(
            (strength_bar(r.strongest), "bold" if r.strongest in MAP_LEVELS[:4] else "dim"),
            " ",
            (r.strongest_label, "bold"),
        )
        if others:
            strongest.append(f"\nalso: {', '.join(others)}", style="dim")
        cert = (
            Text.assemble(
                (labels.CERTAINTY_SYMBOLS[r.best_certainty], CERTAINTY_STYLE[r.best_certainty]),
                " ",
                r.best_certainty.replace("-", " "),
            )
            if r.best_certainty
            else Text("none")
        )
        table.add_row(
            Text.assemble(
                r.condition,
                "\n",
                (
                    f"{r.outcomes} outcome{'s' if r.outcomes != 1 else ''}, "
                    f"{r.studies} stud{'ies' if r.studies != 1 else 'y'}",
                    "dim",
                ),
            ),
            strongest,
            cert,
        )
    return table


def map_renderables(rows: tuple[MapRow, ...]) -> list[RenderableType]:
    anecdote_only = [r.condition for r in rows if r.strongest in ("anecdote", "expert-opinion", "none")]
    out: list[RenderableType] = [map_table(rows)]
    if anecdote_only:
        out.append(Text("Resting on stories or opinion alone: " + ", ".join(anecdote_only) + ".", style="bold"))
    out.append(
        Text(
            "The bar shows how far up the ladder the best evidence reaches (systematic review, RCT, "
            "crossover RCT, pilot, observational, case series, case report, review only, laboratory only, "
            "stories only, opinion only). `ldn-study evidence CONDITION` prints one condition's table; "
            "conditions: " + ", ".join(r.condition_id for r in rows) + ".",
            style="dim",
        )
    )
    return out


def sof_table(sof: SummaryOfFindings) -> Table:
    table = Table(title=f"Summary of findings: {sof.condition}", title_justify="left", show_lines=True, expand=True)
    table.add_column("Outcome", ratio=3)
    table.add_column("Studies (n)", ratio=2)
    table.add_column("Effect", ratio=3)
    table.add_column("Certainty", ratio=2, overflow="fold")
    table.add_column("What this means", ratio=4)
    for r in sof.rows:
        outcome = Text.assemble((r.outcome, "bold"), "\n", (f"{r.intervention} vs {r.comparator}", "dim"))
        studies = r.studies_text + (f"\n{participants_text(r)}" if participants_text(r) else "")
        certainty = Text.assemble(
            (f"{r.symbols}\n{r.certainty_word}", CERTAINTY_STYLE[r.certainty]),
            "\n",
            ("\n".join(f"{x.arrow}{x.name.lower()}" for x in r.reasons), "dim"),
        )
        table.add_row(outcome, studies, effect_text(r), certainty, r.statement)
    return table


def sof_renderables(sof: SummaryOfFindings, width: int = 100) -> list[RenderableType]:
    out: list[RenderableType] = [sof_table(sof)]
    reasons = Text()
    reasons.append("Reasons for the ratings\n", style="bold")
    for r in sof.rows:
        reasons.append(f"{r.outcome} ", style="bold")
        reasons.append(f"(starts {r.starts_at}, ends {r.certainty_word.lower()})\n", style="dim")
        for x in r.reasons:
            counted = "" if x.levels else " (noted, not counted)"
            reasons.append(f"  {x.arrow} {x.name}{counted}: {' '.join(x.why.split())}\n")
        if r.excludes:
            reasons.append(f"  What the result can rule out: {' '.join(r.excludes.split())}\n")
        if r.informal:
            reasons.append(f"  Not counted as studies: {', '.join(r.informal)}\n")
    out.append(reasons)
    for r in sof.rows:
        if r.forest:
            bar_w = max(16, min(40, width - max(len(f.label) for f in r.forest) - 24))
            plot = Text()
            plot.append(f"Forest plot: {r.outcome}", style="bold")
            plot.append(f" ({' '.join((r.scale or '').split())})\n", style="dim")
            plot.append("\n".join(forest_lines(r.forest, bar_w)))
            out.append(plot)
    return out


def sof_group(sof: SummaryOfFindings, width: int = 100) -> Group:
    return Group(*sof_renderables(sof, width))
