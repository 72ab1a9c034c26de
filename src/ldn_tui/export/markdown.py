"""Progress notes in Markdown: a document a student reads, prints or pastes into their notes.

Plain CommonMark with GitHub pipe tables: headings, lists, tables and links only, no HTML, so
it renders the same on GitHub and in Obsidian. Sections, in order:

1. title, date, the "educational, not medical advice" line;
2. progress: overall, then per chapter (answered / total, mastery %);
3. by evidence label: mastery and accuracy (questions linked to a claim);
4. questions to revisit (latest answer not fully right): the question, the student's answer
   and why it was wrong, the correct answer and why, the explanation;
5. the student's notes and bookmarks, under each card's title, by chapter; each note is a
   fenced block of plain text, so nothing a student types can add a heading or HTML;
6. what is due next: counts for the coming seven days and the next few questions;
7. the references the student opened: citation, PMID/DOI links, how far each was verified.

With no progress at all the document is a map of the guide instead: the chapters with card
and question counts, where to start (the orientation chapter) and how to begin.
"""

from __future__ import annotations

from datetime import datetime, tzinfo

from ldn_tui.content.generated import is_generated, questions_for_card
from ldn_tui.content.labels import CERTAINTY, EVIDENCE
from ldn_tui.content.model import Content, Question
from ldn_tui.export.common import (
    DISCLAIMER,
    QUESTION_TYPE_NAMES,
    Scope,
    answer_text,
    local,
    local_date,
    long_date,
    order_answer_text,
    percent,
    short_date,
    tz_name,
)
from ldn_tui.export.markdown_end import _due_next, _evidence_profiles, _notes_and_bookmarks, _references
from ldn_tui.export.mdescape import cell, plural, text
from ldn_tui.export.snapshot import Snapshot, gather

#: How many upcoming questions "Due next" lists.
NEXT_DUE_ITEMS = 10
FORECAST_DAYS = 7


def render(
    content: Content,
    store,
    scope: Scope | None = None,
    *,
    now: datetime | None = None,
    tz: tzinfo | None = None,
) -> str:
    """The progress notes for `store` (a `ProgressStore`) over `scope` (default: everything)."""
    return render_snapshot(gather(content, store, scope, now=now, tz=tz))


def render_snapshot(snap: Snapshot) -> str:
    parts = [_header(snap)]
    if snap.empty:
        parts.append(_getting_started(snap))
    else:
        parts += [
            _progress(snap),
            _by_evidence(snap),
            _missed(snap),
            _evidence_profiles(snap),
            _notes_and_bookmarks(snap),
            _due_next(snap),
            _references(snap),
        ]
    return "\n\n".join(p.strip("\n") for p in parts if p) + "\n"


def _header(snap: Snapshot) -> str:
    day = local_date(snap.now, snap.tz)
    when = f"{long_date(day)}, {local(snap.now, snap.tz):%H:%M} ({tz_name(snap.now, snap.tz)})"
    if snap.scope.everything:
        covers = "all chapters"
    else:
        titles = [ch.title for ch in snap.scope.chapters]
        covers = ("chapter " if len(titles) == 1 else "chapters ") + ", ".join(titles)
    return (
        "# LDN study: progress notes\n\n"
        f"*Exported {when} from ldn-study; covers {covers}.*\n\n"
        f"> **{DISCLAIMER.split('. ', 1)[0]}.** {DISCLAIMER.split('. ', 1)[1]}"
    )


# -- no progress yet ---------------------------------------------------------------------------


def _start_chapter(snap: Snapshot):
    chapters = [ch for ch in snap.scope.chapters if ch.cards]
    for ch in chapters:
        if any(card.kind == "orientation" for card in ch.cards):
            return ch
    return chapters[0] if chapters else None


def _getting_started(snap: Snapshot) -> str:
    out = [
        "Nothing recorded yet: no answers, notes, bookmarks or opened references. "
        "Here is what the guide holds and where to begin."
    ]
    out.append("## The chapters")
    rows = ["| # | Chapter | Cards | Questions | What it covers |", "|---:|:---|---:|---:|:---|"]
    for i, ch in enumerate(snap.scope.chapters, 1):
        n_q = sum(len(card.quiz) for card in ch.cards)
        rows.append(f"| {i} | {cell(ch.title)} | {len(ch.cards)} | {n_q} | {cell(ch.summary)} |")
    total_cards = sum(len(ch.cards) for ch in snap.scope.chapters)
    total_q = sum(len(card.quiz) for ch in snap.scope.chapters for card in ch.cards)
    rows.append(f"| | **Total** | **{total_cards}** | **{total_q}** | |")
    out.append("\n".join(rows))
    start = _start_chapter(snap)
    out.append("## Where to start")
    if start is not None:
        first = start.cards[0]
        n_q = sum(len(card.quiz) for card in start.cards)
        out.append(
            f"Start with **{text(start.title)}** ({plural(len(start.cards), 'card')}, {plural(n_q, 'question')}): "
            f"{text(start.summary)} Its first card is *{text(first.title)}*."
        )
        out.append("\n".join(f"- {text(card.title)}" for card in start.cards))
    out.append("## How to begin")
    out.append(
        "1. Open the guide with `ldn-study` and read the cards in order "
        "(`.` opens the next card, `,` the previous one).\n"
        "2. Bookmark a card to come back to it (`b`) and keep your own notes on it (`n`).\n"
        "3. Check the sources behind a claim (`s`): every claim says what kind of evidence "
        "supports it and how certain it is.\n"
        "4. Once a chapter feels familiar, quiz yourself on it; questions you miss come back "
        "for review on a schedule.\n"
        "5. In the app, `?` lists every key and `Ctrl+P` every command.\n"
        "6. Run `ldn-study export` again later: this file then shows your progress, the "
        "questions to revisit and your notes."
    )
    return "\n\n".join(out)


# -- progress ----------------------------------------------------------------------------------


def _chapter_rows(snap: Snapshot):
    """(chapter, cards read, cards, answered, total, correct, due now) per chapter in scope."""
    due_by_chapter: dict[str, int] = {}
    for due, uid in snap.due_queue():
        if due <= snap.now and not is_generated(uid):
            card = snap.card(uid.rsplit("/", 1)[0])
            if card is not None:
                due_by_chapter[card.chapter_id] = due_by_chapter.get(card.chapter_id, 0) + 1
    rows = []
    for ch in snap.scope.chapters:
        uids = [q.uid for card in ch.cards for q in card.quiz]
        answered = [snap.last[u] for u in uids if u in snap.last]
        read = sum(1 for card in ch.cards if card.id in snap.viewed)
        rows.append(
            (
                ch,
                read,
                len(ch.cards),
                len(answered),
                len(uids),
                sum(1 for a in answered if a.correct),
                due_by_chapter.get(ch.id, 0),
            )
        )
    return rows


def _progress(snap: Snapshot) -> str:
    rows = _chapter_rows(snap)
    read = sum(r[1] for r in rows)
    cards = sum(r[2] for r in rows)
    answered = sum(r[3] for r in rows)
    total = sum(r[4] for r in rows)
    correct = sum(r[5] for r in rows)
    due_now = sum(r[6] for r in rows)
    n_att = len(snap.attempts)
    n_right = sum(1 for a in snap.attempts if a.correct)
    out = ["## Progress"]
    out.append(
        "\n".join(
            [
                f"- **Questions answered:** {answered} of {total} ({percent(frac(answered, total))})",
                f"- **Mastery:** {correct} of {total} questions right the last time you answered them "
                f"({percent(frac(correct, total))})",
                f"- **Answers given:** {n_att}, of which {n_right} fully right ({percent(frac(n_right, n_att))})",
                f"- **Cards read:** {read} of {cards}",
                f"- **Due for review now:** {due_now}",
            ]
        )
    )
    out.append("### By chapter")
    table = [
        "| Chapter | Cards read | Answered | Mastery | Due now |",
        "|:---|---:|---:|---:|---:|",
    ]
    for ch, rd, nc, ans, tot, cor, due in rows:
        table.append(f"| {cell(ch.title)} | {rd}/{nc} | {ans}/{tot} | {percent(frac(cor, tot))} | {due} |")
    out.append("\n".join(table))
    out.append(
        "*Answered* counts questions answered at least once; *mastery* is the share of a chapter's "
        "questions whose latest answer was fully right. Both count the authored questions; the "
        "generated evidence questions are in the next table."
    )
    return "\n\n".join(out)


def _by_evidence(snap: Snapshot) -> str:
    stats: dict[str, list[int]] = {}  # label -> [questions, answered, mastered, attempts, right]
    label_of: dict[str, str] = {}
    for q in snap.scope.questions(include_generated=True):
        label = snap.evidence_of(q)
        if label is None:
            continue
        label_of[q.uid] = label
        s = stats.setdefault(label, [0, 0, 0, 0, 0])
        s[0] += 1
        last = snap.last.get(q.uid)
        if last is not None:
            s[1] += 1
            s[2] += int(last.correct)
    for a in snap.attempts:
        label = label_of.get(a.question_uid)
        if label is not None:
            stats[label][3] += 1
            stats[label][4] += int(a.correct)
    out = ["## By evidence label"]
    if not stats:
        out.append("No question in these chapters is linked to a claim.")
        return "\n\n".join(out)
    order = [lab for lab in EVIDENCE if lab in stats] + sorted(lab for lab in stats if lab not in EVIDENCE)
    table = [
        "| Evidence label | Questions | Answered | Mastery | Answers | Accuracy |",
        "|:---|---:|---:|---:|---:|---:|",
    ]
    for lab in order:
        q, ans, mastered, att, right = stats[lab]
        acc = percent(right / att) if att else "–"
        table.append(
            f"| {cell(EVIDENCE.get(lab, lab))} (`{lab}`) | {q} | {ans} | {percent(mastered / q)} | {att} | {acc} |"
        )
    out.append("\n".join(table))
    out.append(
        "Questions that test a claim, grouped by the claim's evidence label (strongest design "
        "first), including the generated *what kind of evidence?* and *how certain?* questions. "
        "*Accuracy* is the share of all your answers that were fully right."
    )
    return "\n\n".join(out)


# -- missed questions --------------------------------------------------------------------------


def _question_order(snap: Snapshot) -> dict[str, int]:
    order: dict[str, int] = {}
    for card in snap.scope.cards:
        for q in (*card.quiz, *questions_for_card(card, snap.content)):
            order.setdefault(q.uid, len(order))
    return order


def _missed(snap: Snapshot) -> str:
    order = _question_order(snap)
    missed = [a for uid, a in snap.last.items() if not a.correct and uid in order]
    missed.sort(key=lambda a: order[a.question_uid])
    gone = sum(1 for uid, a in snap.last.items() if not a.correct and uid not in order)
    out = ["## Questions to revisit"]
    gone_note = (
        f"*{gone} {'more ' if missed else ''}missed question{'s are' if gone != 1 else ' is'} no longer in the guide.*"
    )
    if not missed:
        if gone:
            out.append(gone_note)
        elif snap.last:
            out.append("None: every question you answered was fully right the last time.")
        else:
            out.append("No answers yet.")
        return "\n\n".join(out)
    n = len(missed)
    out.append(
        f"{n} question{'s' if n != 1 else ''} whose latest answer was not fully right, "
        "with your answer, the correct one and why."
    )
    chapter = card_id = None
    for a in missed:
        q = snap.question(a.question_uid)
        card = snap.card(q.card_id)
        if card.chapter_id != chapter:
            chapter = card.chapter_id
            out.append(f"### {text(snap.content.chapter_by_id[chapter].title)}")
        if card.id != card_id:
            card_id = card.id
            out.append(f"#### {text(card.title)}")
        out.append(_missed_question(snap, q, a))
    if gone:
        out.append(gone_note)
    return "\n\n".join(out)


def frac(part: float, whole: float) -> float:
    """`part / whole`, or 0 when there is nothing to divide by."""
    return part / whole if whole else 0.0


def _missed_question(snap: Snapshot, q: Question, a) -> str:
    from ldn_tui.content.hashing import question_hash
    from ldn_tui.quiz.grading import display_answer, grade

    card = snap.card(q.card_id)
    kind = QUESTION_TYPE_NAMES.get(q.type, q.type)
    if is_generated(q):
        kind += ", generated"
    head = f"**{text(q.prompt)}** *({kind})*"
    when = short_date(local(a.answered_at, snap.tz).date()) + f" {local(a.answered_at, snap.tz).year}"
    try:
        g = grade(q, a.answer, card=card)
    except (ValueError, TypeError):
        g = None
    lines: list[str] = []
    yours = order_answer_text(a.answer) if q.type == "order" else answer_text(a.answer)
    lines.append(f"- **Your answer** ({when}, scored {percent(a.score)}): {text(yours)}")
    if g is not None:
        for f in g.feedback:
            if f.picked:
                verdict = "right" if f.correct else "not right"
                if q.type == "single":
                    label = "Why not" if not f.correct else "Why"
                    lines.append(f"  - {label}: {text(f.why)}")
                else:
                    lines.append(f"  - {text(f.text)}: {verdict}. {text(f.why)}")
        if q.type == "order" and g.order_feedback:
            misplaced = [o for o in g.order_feedback if not o.in_sequence]
            if misplaced:
                lines.append("  - Out of place: " + "; ".join(text(o.text) for o in misplaced))
    correct = display_answer(q)
    lines.append(f"- **Correct answer:** {text(correct)}")
    if q.type == "cloze" and len(q.answers) > 1:
        lines.append(f"  - Also accepted: {text('; '.join(q.answers[1:]))}")
    if g is not None:
        for f in g.feedback:
            if f.correct and not f.picked:
                if q.type == "single":
                    lines.append(f"  - Why: {text(f.why)}")
                else:
                    lines.append(f"  - {text(f.text)}: you left this out. {text(f.why)}")
    if q.explanation:
        lines.append(f"- **Explanation:** {text(q.explanation)}")
    claim = snap.claim_of(q)
    if claim is not None:
        ev = EVIDENCE.get(claim.evidence, claim.evidence)
        tail = ""
        if claim.certainty:
            tail = f"; certainty {CERTAINTY.get(claim.certainty, claim.certainty).split(':')[0].lower()}"
        lines.append(f"- **Evidence behind the claim:** {text(ev)}{tail}")
    if a.content_hash != question_hash(q):
        lines.append("- *This question has been edited since you answered it.*")
    return head + "\n\n" + "\n".join(lines)


# -- notes and bookmarks -----------------------------------------------------------------------
