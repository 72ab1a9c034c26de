"""Building chapters and cards from their YAML, and the checks a single question needs.

Part of `folder` (which reads the folder, the root files and the cross-file links); kept apart
because a chapter file is the largest and most varied thing the checker reads.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from ldn_tui.content import objectives, outcomes, schema
from ldn_tui.content.checker import _Checker, _File, _items, _opt_s, _s
from ldn_tui.content.model import (
    Card,
    Chapter,
    Choice,
    Claim,
    Disagreement,
    Question,
    Version,
)
from ldn_tui.content.schema import KeyPath

Where = tuple[_File, KeyPath]
BLANK = re.compile(r"_{3,}")


def normalise_token(text: str) -> str:
    """What is left of an answer once case, spacing and punctuation are ignored."""
    return re.sub(r"[\W_]+", "", text.casefold())


def _build_chapter(
    c: _Checker, path: Path, read: list[_File]
) -> tuple[Chapter, list[tuple[Card, Where]], _File] | None:
    f = c.read(path, schema.CHAPTER_FILE)
    read.append(f)
    c.collect_ids("card", f, "cards")
    if f.data is None or not f.ok(("chapter",)) or not isinstance(f.data.get("chapter"), dict):
        return None
    meta = f.data["chapter"]
    cards: list[tuple[Card, Where]] = []
    for i, d in _items(f, "cards"):
        card = _build_card(c, f, ("cards", i), d, meta["id"])
        cards.append((card, (f, ("cards", i))))
    chapter = Chapter(
        id=meta["id"],
        title=_s(meta["title"]),
        order=int(meta["order"]),
        summary=_s(meta["summary"]),
        cards=tuple(card for card, _ in cards),
        file=f.name,
    )
    return chapter, cards, f


def _build_card(c: _Checker, f: _File, path: KeyPath, d: dict[str, Any], chapter_id: str) -> Card:
    kind = d["kind"]
    claims = []
    seen: dict[str, int] = {}
    for j, cd in enumerate(d.get("claims") or ()):
        cpath = path + ("claims", j)
        if cd["id"] in seen:
            c.issue(
                f,
                cpath + ("id",),
                f"duplicate claim id '{cd['id']}' (also claims[{seen[cd['id']]}]); expected ids unique within the card",
            )
        seen[cd["id"]] = j
        certainty = outcomes.claim_certainty(c, f, cpath, cd, c.outcome_certainty)
        claims.append(
            Claim(
                id=cd["id"],
                text=_s(cd["text"]),
                evidence=cd["evidence"],
                sources=tuple(map(str, cd["sources"])),
                certainty=certainty,
                note=_opt_s(cd.get("note")),
                outcome=_opt_s(cd.get("outcome")),
                rationale=_opt_s(cd.get("rationale")),
            )
        )
    disagreements = tuple(
        Disagreement(
            topic=_s(dd["topic"]),
            versions=tuple(Version(says=_s(v["says"]), sources=tuple(map(str, v["sources"]))) for v in dd["versions"]),
            verdict=_s(dd["verdict"]),
        )
        for dd in d.get("disagreements") or ()
    )
    claim_ids = {cl.id for cl in claims}
    questions = []
    qseen: dict[str, int] = {}
    quiz = d.get("quiz") or []  # required, with at least one question: schema.CARD reports its absence
    for j, qd in enumerate(quiz):
        qpath = path + ("quiz", j)
        if qd["id"] in qseen:
            c.issue(
                f,
                qpath + ("id",),
                f"duplicate question id '{qd['id']}' (also quiz[{qseen[qd['id']]}]); expected ids unique within the card",
            )
        qseen[qd["id"]] = j
        if qd.get("claim") is not None and qd["claim"] not in claim_ids:
            known = ", ".join(sorted(claim_ids)) or "none on this card"
            c.issue(
                f,
                qpath + ("claim",),
                f"no claim '{qd['claim']}' on this card{schema.did_you_mean(qd['claim'], sorted(claim_ids))}; expected one of: {known}",
            )
        _check_question(c, f, qpath, qd)
        objectives.check_reference(c, f, qpath + ("objective",), qd.get("objective"))
        questions.append(
            Question(
                id=qd["id"],
                card_id=d["id"],
                type=qd["type"],
                prompt=_s(qd["prompt"]),
                explanation=_s(qd["explanation"]),
                focus=qd.get("focus") or "fact",
                choices=tuple(
                    Choice(text=_s(ch["text"]), correct=bool(ch.get("correct", False)), why=_s(ch["why"]))
                    for ch in qd.get("choices") or ()
                ),
                answer=qd.get("answer"),
                answers=tuple(map(str, qd.get("answers") or ())),
                items=tuple(map(str, qd.get("items") or ())),
                claim=qd.get("claim"),
                line=f.line(qpath),
                objective=qd.get("objective"),
            )
        )
    return Card(
        id=d["id"],
        chapter_id=chapter_id,
        title=_s(d["title"]),
        kind=kind,
        body=_s(d["body"]),
        claims=tuple(claims),
        quiz=tuple(questions),
        disagreements=disagreements,
        see_also=tuple(d.get("see_also") or ()),
        terms=tuple(map(str, d.get("terms") or ())),
        file=f.name,
        line=f.line(path),
    )


_TYPE_FIELDS = {
    "single": "choices",
    "multiple": "choices",
    "true-false": "answer",
    "cloze": "answers",
    "order": "items",
}


def _check_question(c: _Checker, f: _File, path: KeyPath, q: dict[str, Any]) -> None:
    qtype = q["type"]
    wanted = _TYPE_FIELDS[qtype]
    for other in set(_TYPE_FIELDS.values()) - {wanted}:
        if other in q:
            c.issue(f, path + (other,), f"'{other}' does not apply to a {qtype} question; expected '{wanted}' instead")
    if wanted not in q:
        c.issue(f, path, f"{qtype} question has no '{wanted}'; expected {_expect(qtype)}")
        return
    if qtype in ("single", "multiple"):
        choices = q["choices"]
        n_correct = sum(1 for ch in choices if ch.get("correct") is True)
        if not 2 <= len(choices) <= 8:
            c.issue(f, path + ("choices",), f"has {len(choices)} choice(s); expected 2 to 8")
        if qtype == "single" and n_correct != 1:
            what = "no choice is marked correct" if n_correct == 0 else f"{n_correct} choices are marked correct"
            c.issue(
                f,
                path + ("choices",),
                f"{what}; expected exactly one choice with correct: true in a single-answer question",
            )
        if qtype == "multiple" and n_correct == 0:
            c.issue(
                f, path + ("choices",), "no choice is marked correct; expected at least one choice with correct: true"
            )
        texts = [normalise_token(_s(ch.get("text"))) for ch in choices]
        for k, t in enumerate(texts):
            if t and texts.index(t) != k:
                c.issue(
                    f,
                    path + ("choices", k, "text"),
                    f"same text as choices[{texts.index(t)}]; expected distinct choices",
                )
    elif qtype == "cloze":
        blanks = len(BLANK.findall(_s(q["prompt"])))
        if blanks != 1:
            c.issue(
                f, path + ("prompt",), f"has {blanks} blanks; expected exactly one blank written ___ in a cloze prompt"
            )
        if not q["answers"]:
            c.issue(f, path + ("answers",), "is empty; expected at least one accepted answer")
        for k, a in enumerate(q["answers"]):
            if not normalise_token(_s(a)):
                c.issue(
                    f,
                    path + ("answers", k),
                    f"'{a}' has no letters or digits, so no typed answer can match it; expected a word or number",
                )
    elif qtype == "order":
        items = q["items"]
        if not 3 <= len(items) <= 8:
            c.issue(f, path + ("items",), f"has {len(items)} item(s); expected 3 to 8 items in their correct order")
        norm = [normalise_token(_s(i)) for i in items]
        for k, t in enumerate(norm):
            if norm.index(t) != k:
                c.issue(
                    f,
                    path + ("items", k),
                    f"same as items[{norm.index(t)}], so the order cannot be marked; expected distinct items",
                )


def _expect(qtype: str) -> str:
    return {
        "single": "choices: a list with exactly one correct choice",
        "multiple": "choices: a list with at least one correct choice",
        "true-false": "answer: true or false",
        "cloze": "answers: a list of accepted answers",
        "order": "items: the items in their correct order",
    }[qtype]
