"""The progress notes' closing sections: how sure anyone can be about what was studied, the
student's own notes and bookmarks, what falls due next, and the references opened.

Kept apart from `markdown` (the header, progress, evidence-label and missed-question sections)
so each module stays one screenful of sections; both share the escaping helpers of `markdown`.
"""

from __future__ import annotations

from datetime import timedelta

from ldn_tui.content.labels import VERIFIED
from ldn_tui.content.names import source_name
from ldn_tui.export.common import local, local_date, long_date, short_date, stamp
from ldn_tui.export.mdescape import fence, link_doi, link_pmc, link_pmid, text
from ldn_tui.export.snapshot import Snapshot

#: How many upcoming questions "Due next" lists.
NEXT_DUE_ITEMS = 10
FORECAST_DAYS = 7


def _evidence_profiles(snap: Snapshot) -> str:
    """The Summary-of-Findings tables of the conditions the student studied (read a card on, or
    answered a question about), so the notes say how sure anyone can be about what was learnt."""
    from ldn_tui.content.evidence import condition_of_card, summary_of_findings
    from ldn_tui.content.evidence_render import sof_markdown

    studied = set(snap.viewed) | {a.card_id for a in snap.attempts}
    wanted: set[str] = set()
    for card in snap.content.cards:
        if card.id in studied and card.chapter_id in snap.scope.chapter_ids:
            condition = condition_of_card(snap.content, card)
            if condition is not None:
                wanted.add(condition)
    if not wanted:
        return ""
    tables = [
        sof_markdown(summary_of_findings(snap.content, c.id), heading="###")
        for c in snap.content.conditions
        if c.id in wanted
    ]
    intro = (
        "## How sure anyone can be\n\n"
        "The evidence on the conditions you studied, rated once per outcome with GRADE "
        "(⊕⊕⊕⊕ high, ⊕⊕⊕◯ moderate, ⊕⊕◯◯ low, ⊕◯◯◯ very low), with the reasons for each rating."
    )
    return "\n\n".join([intro, *tables])


def _notes_and_bookmarks(snap: Snapshot) -> str:
    out = ["## Your notes and bookmarks"]
    ids = set(snap.notes) | set(snap.bookmarks)
    if not ids:
        out.append("No notes or bookmarks yet: `n` writes a note on a card, `b` bookmarks it.")
        return "\n\n".join(out)
    for ch in snap.scope.chapters:
        cards = [card for card in ch.cards if card.id in ids]
        if not cards:
            continue
        out.append(f"### {text(ch.title)}")
        for card in cards:
            out.append(_note_block(snap, card.id, card.title))
    gone = sorted(i for i in ids if i not in snap.content.card_by_id)
    if gone:
        out.append("### Cards no longer in the guide")
        for cid in gone:
            out.append(_note_block(snap, cid, cid))
    return "\n\n".join(out)


def _note_block(snap: Snapshot, card_id: str, title: str) -> str:
    parts = [f"#### {text(title)}"]
    bm = snap.bookmarks.get(card_id)
    note = snap.notes.get(card_id)
    if bm is not None:
        parts.append(f"*Bookmarked {long_date(local(bm.created_at, snap.tz).date())}.*")
    if note is not None:
        parts.append(fence(note.body))
        parts.append(f"*Note last edited {long_date(local(note.updated_at, snap.tz).date())}.*")
    return "\n\n".join(parts)


# -- due next ----------------------------------------------------------------------------------


def _due_next(snap: Snapshot) -> str:
    out = ["## Due next"]
    queue = snap.due_queue()
    if not queue:
        out.append("Nothing scheduled yet: questions you answer are scheduled for review.")
        return "\n\n".join(out)
    today = local_date(snap.now, snap.tz)
    counts = [0] * FORECAST_DAYS
    later = 0
    for due, _uid in queue:
        d = (local(due, snap.tz).date() - today).days
        d = max(d, 0)
        if d < FORECAST_DAYS:
            counts[d] += 1
        else:
            later += 1
    table = ["| Day | Questions due |", "|:---|---:|"]
    for i, n in enumerate(counts):
        day = today + timedelta(days=i)
        label = f"Today, {short_date(day)} (with anything overdue)" if i == 0 else short_date(day)
        table.append(f"| {label} | {n} |")
    table.append(f"| Later | {later} |")
    out.append("\n".join(table))
    items = []
    for due, uid in queue[:NEXT_DUE_ITEMS]:
        q = snap.question(uid)
        card = snap.card(q.card_id)
        chapter = snap.content.chapter_by_id[card.chapter_id]
        when = "now" if due <= snap.now else stamp(due, snap.tz)
        prompt = text(q.prompt)
        if len(prompt) > 90:
            prompt = prompt[:89].rstrip() + "…"
        items.append(f"{len(items) + 1}. **{when}**: {text(chapter.title)} › {text(card.title)}: {prompt}")
    out.append(f"The next {len(items)} questions:" if len(items) > 1 else "The next question:")
    out.append("\n".join(items))
    return "\n\n".join(out)


# -- references --------------------------------------------------------------------------------


def _references(snap: Snapshot) -> str:
    out = ["## References you opened"]
    opened = [(r, snap.reference_opens[r.id]) for r in snap.content.references if r.id in snap.reference_opens]
    opened.sort(key=lambda x: (x[0].year or 0, x[0].id))
    if not snap.reference_opens:
        out.append("None yet: `s` on a claim shows its sources, and each study's record.")
        return "\n\n".join(out)
    items = []
    for ref, n in opened:
        known_title = ref.title and ref.title.strip().lower() not in ("unknown", "not known", "n/a")
        title = f"**{text(ref.title.rstrip('.'))}.** " if known_title and ref.title not in ref.citation else ""
        lines = [f"- {title}{text(ref.citation)}"]
        ids = []
        if ref.pmid:
            ids.append(link_pmid(ref.pmid))
        if ref.doi:
            ids.append(link_doi(ref.doi))
        if ref.pmcid:
            ids.append(link_pmc(ref.pmcid))
        if ids:
            lines.append("  - " + " · ".join(ids))
        else:
            lines.append("  - No PMID or DOI")
        verified = VERIFIED.get(ref.verified, ref.verified)
        lines.append(f"  - Verified: {ref.verified} — {verified[0].lower() + verified[1:]}")
        lines.append(f"  - Opened {n} time{'s' if n != 1 else ''}")
        items.append("\n".join(lines))
    if items:
        out.append("\n".join(items))
    sources = [s for s in snap.content.sources if s.id in snap.reference_opens]
    if sources:
        out.append(
            "\n".join(
                f"- **{text(source_name(snap.content, s.id))}**: {text(s.title)}; {text(s.kind)}, {text(s.author)}, {text(s.year)}. "
                f"Opened {snap.reference_opens[s.id]} time{'s' if snap.reference_opens[s.id] != 1 else ''}"
                for s in sources
            )
        )
    known = set(snap.content.reference_by_id) | set(snap.content.source_by_id)
    unknown = sorted(r for r in snap.reference_opens if r not in known)
    if unknown:
        out.append(f"*Also opened, no longer in the guide: {', '.join(unknown)}.*")
    return "\n\n".join(out)
