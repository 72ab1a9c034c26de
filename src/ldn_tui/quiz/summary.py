"""What a quiz session comes to: the score, the breakdowns by chapter, kind and learning objective,
the misses (confident ones first) and the questions to review. No Textual here.

`QuizSession.summary` hands over the graded answers and its own figures (duration, style, the
exam's review); everything else is worked out here from the answers and the content.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import timedelta

from ldn_tui.content.labels import KINDS
from ldn_tui.content.model import Content
from ldn_tui.content.objectives import objective_of, objective_titles
from ldn_tui.quiz.items import Answered, SessionSummary, Tally


def summarise(
    content: Content,
    done: Sequence[Answered],
    *,
    total: int,
    duration: timedelta,
    session_id: int | None,
    style: str,
    review: tuple[Answered, ...] = (),
    timed_out: bool = False,
) -> SessionSummary:
    """The summary of `done` (the graded answers, in question order) out of `total` questions."""
    by_chapter: dict[str, Tally] = {}
    by_kind: dict[str, Tally] = {}
    by_objective: dict[str, Tally] = {}
    titles = objective_titles(content)
    for a in done:
        keys = [
            (by_chapter, a.item.chapter.id, a.item.chapter.title),
            (by_kind, a.item.card.kind, a.item.card.kind),
        ]
        objective = objective_of(a.item.question)
        if objective is not None:
            keys.append((by_objective, objective, titles.get(objective, objective)))
        for table, key, label in keys:
            table[key] = table.get(key, Tally(label)).add(a)
    order = {ch.id: i for i, ch in enumerate(content.chapters)}
    by_chapter = dict(sorted(by_chapter.items(), key=lambda kv: order.get(kv[0], 1 << 30)))
    by_kind = dict(sorted(by_kind.items(), key=lambda kv: KINDS.index(kv[0]) if kv[0] in KINDS else 99))
    rank = {oid: i for i, oid in enumerate(titles)}
    by_objective = dict(sorted(by_objective.items(), key=lambda kv: rank.get(kv[0], 1 << 30)))
    missed = tuple(a for a in done if a.grade.score < 1.0)
    confident = tuple(a for a in missed if a.confidence == "sure")
    review_uids = [a.item.uid for a in confident] + [a.item.uid for a in missed if a.confidence != "sure"]
    answered = len(done)
    return SessionSummary(
        total=total,
        answered=answered,
        correct=sum(1 for a in done if a.grade.correct),
        score=(sum(a.grade.score for a in done) / answered) if answered else 0.0,
        by_chapter=by_chapter,
        by_kind=by_kind,
        answer_time_ms=sum(a.elapsed_ms or 0 for a in done),
        duration=duration,
        missed=missed,
        confidently_wrong=confident,
        review_uids=tuple(dict.fromkeys(review_uids)),
        session_id=session_id,
        by_objective=by_objective,
        style=style,
        review=review,
        timed_out=timed_out,
    )
