"""The progress report, as rich `Text` blocks: printed by `ldn-study stats`, shown by the stats screen.

No Textual here (the CLI prints these without loading the UI). Every block fits `width`
columns: bars shrink, labels are cut with "…", so it reads at 80 columns and works at 60.
Numbers always stand next to the bars, so nothing depends on colour or on judging a length.
"""

from __future__ import annotations

import json
import textwrap
from dataclasses import asdict
from datetime import date
from typing import Any

from rich.text import Text

from ldn_tui import charts
from ldn_tui.content.objectives import NO_OBJECTIVES
from ldn_tui.progress.stats import Overview

HEADING = "bold cyan"


def _fit(label: str, width: int) -> str:
    return label if len(label) <= width else label[: max(1, width - 1)] + "…"


def _score_style(fraction: float) -> str:
    return "green" if fraction >= 0.8 else ("yellow" if fraction >= 0.5 else "red")


def _bar(text: Text, fraction: float, width: int, style: str) -> None:
    filled, empty = charts.bar(fraction, width)
    text.append(filled, style=style)
    text.append(empty, style="dim")


def _heading(title: str, note: str, width: int) -> Text:
    """A block's heading, with its dim note on the same line when it fits, else on the next."""
    text = Text()
    text.append(title, style=HEADING)
    if note:
        sep = "  " if len(title) + 2 + len(note) <= width else "\n"
        text.append(sep + note, style="dim")
    return text


def _short(title: str) -> str:
    """A label without its parenthetical: "Anecdote (a patient's story)" -> "Anecdote"."""
    return title.split(" (", 1)[0]


def _label_width(labels: list[str], width: int) -> int:
    return min(max((len(x) for x in labels), default=8), max(10, int(width * 0.4)))


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def totals_text(o: Overview) -> Text:
    t = o.totals
    text = Text()
    text.append("Your progress", style=HEADING)
    text.append("\n")
    text.append(f"{t.questions_answered} of {t.questions} questions answered", style="bold")
    text.append(f", {t.questions_correct} right the last time")
    text.append(
        f"\n({t.questions_authored} authored + {t.questions_generated} generated from claims)",
        style="dim",
    )
    text.append("\n")
    if t.attempts:
        text.append(f"{_plural(t.attempts, 'answer')}, {charts.percent(t.accuracy)} right")
    else:
        text.append("no answers yet")
    text.append(f" · {_plural(t.sessions, 'session')} · ")
    text.append(f"{t.due_now} due now", style="bold yellow" if t.due_now else "")
    if t.due_later_today:
        text.append(f", {t.due_later_today} later today")
    text.append(
        f"\n{t.cards_viewed} of {t.cards} cards read · {_plural(t.bookmarks, 'bookmark')} · {_plural(t.notes, 'note')}",
        style="dim",
    )
    return text


def chapters_text(o: Overview, width: int = 80) -> Text:
    text = _heading("Mastery by chapter", "(authored questions right the last time · unused)", width)
    label_w = _label_width([c.title for c in o.chapters], width)
    bar_w = max(6, min(30, width - label_w - 40))
    for c in o.chapters:
        text.append("\n")
        text.append(f"{_fit(c.title, label_w):<{label_w}} ")
        _bar(text, c.mastery, bar_w, _score_style(c.mastery))
        text.append(f" {charts.percent(c.mastery):>4} ", style="bold")
        text.append(f"{c.correct}/{c.total}", style="dim")
        text.append(f" · {c.unused} unused", style="dim")
        if c.due:
            text.append(f" · {c.due} due", style="bold yellow")
    if not o.chapters:
        text.append("\nNo chapters.", style="dim")
    return text


def per_day_text(o: Overview, width: int = 80) -> Text:
    days = o.per_day
    total = sum(d.answered for d in days)
    right = sum(d.correct for d in days)
    note = f"{_plural(total, 'answer')}, {charts.percent(right / total)} right" if total else "none yet"
    text = _heading(f"Answers per day, last {len(days)} days", note, width)
    cell = 3 if len(days) * 3 + 6 <= width else (2 if len(days) * 2 + 6 <= width else 1)
    top = max((d.answered for d in days), default=0)
    rows = charts.columns([d.answered for d in days], height=4 if top else 1, cell=cell)
    for i, row in enumerate(rows):
        text.append("\n")
        label = f"{top:>4} " if i == 0 and top else "     "
        text.append(label, style="dim")
        text.append(row, style="green")
    if cell >= 2:
        text.append("\n     ")
        text.append("".join(f"{d.day.day:>{cell}}" for d in days), style="dim")
        text.append("\n     ")
        text.append("".join(f"{d.day.strftime('%a')[: cell - 1]:>{cell}}" for d in days), style="dim")
    return text


def _day_name(day: date, index: int) -> str:
    if index == 0:
        return "Today"
    if index == 1:
        return "Tomorrow"
    return day.strftime("%A")


def forecast_text(o: Overview, width: int = 80) -> Text:
    """The week ahead; today is split into "due now" (the number shown everywhere) and later today."""
    text = _heading("Due in the coming week", "(due now includes anything overdue)", width)
    rows: list[tuple[str, str, int, bool]] = []
    for i, d in enumerate(o.forecast):
        if i == 0:
            now = min(o.totals.due_now, d.count)
            rows.append(("Due now", d.day.strftime("%d %b"), now, True))
            rows.append(("Today, later", "", d.count - now, False))
        else:
            rows.append((_day_name(d.day, i), d.day.strftime("%d %b"), d.count, False))
    top = max((r[2] for r in rows), default=0)
    bar_w = max(6, min(30, width - 35))
    for name, day, count, first in rows:
        text.append("\n")
        text.append(f"{name:<12} {day:<6}  ", style="bold" if first else "")
        text.append(f"{count:>4} ", style="bold yellow" if count and first else "")
        text.append(charts.count_bar(count, top, bar_w), style="yellow")
    return text


def objectives_text(o: Overview, width: int = 80) -> Text:
    """Per learning objective: a sparkline of the score in each session that asked it."""
    text = _heading("By learning objective, across sessions", "(score per session, oldest first)", width)
    if not o.objectives_defined:
        text.append("\n" + "\n".join(textwrap.wrap(NO_OBJECTIVES, width)), style="dim")
        return text
    label_w = _label_width([t.title for t in o.objectives], width)
    spark_w = max(6, min(24, width - label_w - 24))
    for t in o.objectives:
        text.append("\n")
        text.append(f"{_fit(t.title, label_w):<{label_w}} ")
        if t.sessions:
            recent = t.sessions[-spark_w:]
            text.append(f"{charts.sparkline(recent, top=1.0):<{spark_w}}", style=_score_style(recent[-1]))
            text.append(f" {charts.percent(recent[-1]):>4} last", style="bold")
            text.append(f" · {_plural(len(t.sessions), 'session')}", style="dim")
        else:
            text.append("·" * spark_w, style="dim")
            text.append("   not answered yet", style="dim")
    return text


def evidence_text(o: Overview, width: int = 80) -> Text:
    text = _heading("Accuracy by evidence label", "(of the claim a question tests)", width)
    rows = [e for e in o.by_evidence if e.questions]
    label_w = _label_width([_short(e.title) for e in rows], width)
    bar_w = max(6, min(24, width - label_w - 30))
    for e in rows:
        text.append("\n")
        text.append(f"{_fit(_short(e.title), label_w):<{label_w}} ")
        if e.attempts:
            _bar(text, e.accuracy, bar_w, _score_style(e.accuracy))
            text.append(f" {charts.percent(e.accuracy):>4} ", style="bold")
            text.append(f"of {_plural(e.attempts, 'answer')}", style="dim")
        else:
            text.append("·" * bar_w, style="dim")
            text.append("   not answered yet", style="dim")
    if not rows:
        text.append("\nNo claim-linked questions.", style="dim")
    return text


def report_blocks(o: Overview, width: int = 80) -> list[Text]:
    """Every block of the report, in order."""
    return [
        totals_text(o),
        chapters_text(o, width),
        forecast_text(o, width),
        per_day_text(o, width),
        evidence_text(o, width),
        objectives_text(o, width),
    ]


def overview_dict(o: Overview) -> dict[str, Any]:
    """The overview as JSON-ready data (dates as ISO text, fractions added beside the counts)."""

    def plain(value: Any) -> Any:
        if isinstance(value, date):
            return value.isoformat()
        if isinstance(value, dict):
            return {k: plain(v) for k, v in value.items()}
        if isinstance(value, (list, tuple)):
            return [plain(v) for v in value]
        return value

    data = plain(asdict(o))
    data["totals"]["accuracy"] = round(o.totals.accuracy, 4)
    for row, c in zip(data["chapters"], o.chapters):
        row["mastery"] = round(c.mastery, 4)
    for row, e in zip(data["by_evidence"], o.by_evidence):
        row["accuracy"] = round(e.accuracy, 4)
    data["version"] = 1
    return data


def overview_json(o: Overview) -> str:
    return json.dumps(overview_dict(o), indent=2, ensure_ascii=False)
