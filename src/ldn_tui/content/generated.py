"""Evidence and certainty questions generated from the claims on every card.

For every claim: "What kind of evidence supports this claim: «…»?" (single choice: the
claim's evidence label and three other labels). For every claim with a certainty: "How
certain is this claim, on the GRADE scale: «…»?" (the four GRADE levels, always shown in
GRADE order, highest first: the engine does not shuffle them).

They are ordinary `Question` objects (focus `appraisal`, `claim` set) so grading, the store
and the UI treat them like authored ones. Their uids are `card_id/claim-<claim id>-evidence`
and `card_id/claim-<claim id>-certainty`. Distractors are chosen from a seed derived from the
uid, never from the session seed, so a generated question is the same question every time
(and its content hash is stable).
"""

from __future__ import annotations

import hashlib
import random
import re

from ldn_tui.content.labels import CERTAINTY, EVIDENCE, RATED_DOWN, RATED_UP, RECORD
from ldn_tui.content.model import Card, Choice, Claim, Content, Outcome, Question
from ldn_tui.content.names import source_name

GENERATED_ID = re.compile(r"^claim-(?P<claim>[a-z0-9.-]+)-(?P<what>evidence|certainty)$")

#: One sentence per evidence label: what the design can and cannot show.
EVIDENCE_NOTES: dict[str, str] = {
    "systematic-review": "It pools every eligible study on a question by a stated method, so it"
    " is as strong as the studies it gathers.",
    "rct": "Participants are assigned to treatment or control by chance, which balances"
    " unknown differences between the groups.",
    "pilot-trial": "A small or open-label study that tests feasibility; without a blinded"
    " comparison group it cannot separate the drug's effect from placebo and time.",
    "case-series": "Several patients treated and described, with no comparison group.",
    "case-report": "A single patient's course, written up; it can raise a question but not answer one.",
    "preclinical": "Work in animals or cells; it can suggest how a drug might act, but many"
    " such findings never carry over to people.",
    "mechanistic": "A proposed explanation of how something could work, reasoned from"
    " biology rather than measured as an outcome in patients.",
    "expert-opinion": "What an experienced clinician or author believes, which may rest on"
    " practice and reading rather than on a study.",
    "anecdote": "An individual story: vivid, but open to placebo, natural recovery and selective telling.",
    "regulatory": "Established by drug approval, the product label or long-standing pharmacology.",
    "observational": "People observed as they are (a survey, a cohort, an uncontrolled study): it shows"
    " associations, not what caused them.",
    "record": "A fact about the record (what a source says, who wrote it, when, what was approved):"
    " true or false, never graded for certainty.",
}

_EVIDENCE_ORDER = tuple(label for label in EVIDENCE if label != RECORD)
_CERTAINTY_ORDER = tuple(CERTAINTY)


def is_generated(question_or_id: Question | str) -> bool:
    """Whether a question (or its id or uid) is a generated one."""
    text = question_or_id.id if isinstance(question_or_id, Question) else question_or_id
    return bool(GENERATED_ID.match(text.rsplit("/", 1)[-1]))


def _seed(uid: str) -> int:
    return int.from_bytes(hashlib.blake2b(uid.encode("utf-8"), digest_size=8).digest(), "big")


def _sources_text(claim: Claim, content: Content | None) -> str:
    names: list[str] = []
    for sid in claim.sources:
        if content is not None and (sid in content.source_by_id or sid in content.reference_by_id):
            names.append(source_name(content, sid))  # the one display name
        else:
            names.append(sid)
    return "; ".join(names)


def _explanation(claim: Claim, content: Content | None) -> str:
    if claim.rationale:
        return claim.rationale
    parts = [f"The guide labels this claim {EVIDENCE.get(claim.evidence, claim.evidence).lower()}"]
    if claim.certainty:
        parts[0] += f", certainty {CERTAINTY.get(claim.certainty, claim.certainty).split(':')[0].lower()}"
    parts[0] += "."
    parts.append(f"Sources: {_sources_text(claim, content).rstrip('.')}.")
    if claim.note:
        parts.append(claim.note)
    return " ".join(parts)


def _distractors(label: str, uid: str) -> list[str]:
    """Three other labels: a neighbour in the strength order (the easy confusion) and two more."""
    rng = random.Random(_seed(uid))
    others = [x for x in _EVIDENCE_ORDER if x not in (label, RECORD)]
    if label in _EVIDENCE_ORDER:
        i = _EVIDENCE_ORDER.index(label)
        neighbours = [_EVIDENCE_ORDER[j] for j in (i - 1, i + 1) if 0 <= j < len(_EVIDENCE_ORDER)]
        first = rng.choice(neighbours)
    else:
        first = rng.choice(others)
    rest = [x for x in others if x != first]
    return [first, *rng.sample(rest, 2)]


def evidence_question(card: Card, claim: Claim, content: Content | None = None) -> Question:
    qid = f"claim-{claim.id}-evidence"
    uid = f"{card.id}/{qid}"
    right = EVIDENCE.get(claim.evidence, claim.evidence)
    labels = [claim.evidence, *_distractors(claim.evidence, uid)]
    choices = []
    for label in labels:
        name = EVIDENCE.get(label, label)
        note = EVIDENCE_NOTES.get(label, "")
        if label == claim.evidence:
            why = f"{name}: {note} That is the support the guide gives this claim."
        else:
            why = f"{name}: {note} Not this one: the claim rests on {right.lower()}."
        choices.append(Choice(text=name, correct=label == claim.evidence, why=why))
    return _claim_question(
        card, claim, qid, f"What kind of evidence supports this claim: «{claim.text.strip()}»?", choices, content
    )


def certainty_question(card: Card, claim: Claim, content: Content | None = None) -> Question:
    if not claim.certainty:
        raise ValueError(f"claim {claim.uid(card.id)} has no certainty")
    qid = f"claim-{claim.id}-certainty"
    right_name = CERTAINTY.get(claim.certainty, claim.certainty).split(":")[0].lower()
    choices = []
    for level in _CERTAINTY_ORDER:
        name, _, meaning = CERTAINTY[level].partition(": ")
        if level == claim.certainty:
            why = f"{name} certainty means {meaning.lower()}. That is how the guide grades this claim."
        else:
            why = f"{name} certainty means {meaning.lower()}. Not this one: the guide grades it {right_name}."
        choices.append(Choice(text=name, correct=level == claim.certainty, why=why))
    return _claim_question(
        card, claim, qid, f"How certain is this claim, on the GRADE scale: «{claim.text.strip()}»?", choices, content
    )


def _first_claim_per_outcome(content: Content) -> dict[str, tuple[str, str]]:
    """outcome id -> (card id, claim id) of the first claim, in reading order, that speaks of it."""
    cached = content._extra.get("first_claim_per_outcome")
    if cached is None:
        cached = {}
        for card in content.cards:
            for claim in card.claims:
                if claim.outcome and claim.outcome not in cached:
                    cached[claim.outcome] = (card.id, claim.id)
        content._extra["first_claim_per_outcome"] = cached
    return cached


def _reasons_text(outcome: Outcome) -> str:
    moves = [
        f"down for {RATED_DOWN.get(r.reason, r.reason).lower()}: {' '.join(r.why.split()).rstrip('.')}"
        for r in outcome.rated_down
        if r.levels
    ]
    moves += [
        f"up for {RATED_UP.get(r.reason, r.reason).lower()}: {' '.join(r.why.split()).rstrip('.')}"
        for r in outcome.rated_up
        if r.levels
    ]
    return f"It starts {outcome.starts_at}; " + ("; ".join(moves) if moves else "nothing moved it") + "."


def outcome_certainty_question(card: Card, claim: Claim, outcome: Outcome, content: Content) -> Question | None:
    """The certainty question for an outcome, asked once (on the first claim that speaks of it).

    Where the evidence is rated low or better, the student places it on the GRADE scale; the three
    levels shown are a window around the answer, so that the lowest level shown is right about as
    often as any other (GRADE levels are not evenly spread in this guide: most evidence on LDN is
    very low). Where it is rated very low, the student says instead what lowered it most: always
    answering "very low" would otherwise be a winning guess, and the reasons are the lesson. No
    question when two reasons tie (no single best answer).
    """
    qid = f"claim-{claim.id}-certainty"
    uid = f"{card.id}/{qid}"
    condition = content.condition_by_id.get(outcome.condition)
    subject = f"{outcome.outcome.lower()} in {condition.name if condition else outcome.condition}"
    explanation = f"{' '.join(outcome.statement.split())} {_reasons_text(outcome)}"
    if outcome.certainty == "very-low":
        down = sorted((r for r in outcome.rated_down if r.levels), key=lambda r: -r.levels)
        if not down or (len(down) > 1 and down[0].levels == down[1].levels):
            return None
        key = down[0]
        others = [r for r in RATED_DOWN if r not in {d.reason for d in outcome.rated_down}]
        rng = random.Random(_seed(uid))
        picks = rng.sample(others, min(3, len(others)))
        if len(picks) < 2:
            return None
        options = [key.reason, *picks]
        rng.shuffle(options)
        choices = []
        for reason in options:
            name = RATED_DOWN[reason]
            if reason == key.reason:
                why = f"{name}: {' '.join(key.why.split())} It costs {key.levels} level{'s' if key.levels > 1 else ''}."
            else:
                why = f"{name} is not what the rating rests on here: it was not counted against this evidence."
            choices.append(Choice(text=name, correct=reason == key.reason, why=why))
        prompt = f"The evidence on {subject} is rated very low. Which reason for rating it down weighs most?"
    else:
        top, bottom = list(_CERTAINTY_ORDER[:3]), list(_CERTAINTY_ORDER[1:])  # high..low, moderate..very low
        if outcome.certainty not in bottom:
            window = top
        elif outcome.certainty not in top:
            window = bottom
        else:  # low is the lowest level shown about a third of the time, as any place is
            window = top if _seed(uid) % 3 == 0 else bottom
        choices = []
        for level in window:
            name, _, meaning = CERTAINTY[level].partition(": ")
            if level == outcome.certainty:
                why = f"{name} certainty: {meaning.lower()}. {_reasons_text(outcome)}"
            else:
                why = f"{name} would mean {meaning.lower()}; this evidence is rated {outcome.certainty.replace('-', ' ')}."
            choices.append(Choice(text=name, correct=level == outcome.certainty, why=why))
        prompt = f"How certain is the evidence on {subject} ({outcome.intervention} vs {outcome.comparator.lower()})?"
    return Question(
        id=qid,
        card_id=card.id,
        type="single",
        prompt=prompt,
        explanation=claim.rationale or explanation,
        focus="appraisal",
        choices=tuple(choices),
        claim=claim.id,
        line=card.line,
    )


def _claim_question(
    card: Card, claim: Claim, qid: str, prompt: str, choices: list[Choice], content: Content | None
) -> Question:
    """A generated single-answer appraisal question about one claim."""
    return Question(
        id=qid,
        card_id=card.id,
        type="single",
        prompt=prompt,
        explanation=_explanation(claim, content),
        focus="appraisal",
        choices=tuple(choices),
        claim=claim.id,
        line=card.line,
    )


_WORD = re.compile(r"[a-z]{4,}")
_NOT_A_CLUE = frozenset({"study", "with", "from", "that", "this", "than", "were", "which", "their"})


def _gives_away_its_label(claim: Claim) -> bool:
    """Whether the claim's own words name its design ("In a crossover *trial* of 31 women ..."): then
    "what kind of evidence supports it?" is answered by matching words, not by knowing the evidence
    (a cue in the stem; NBME, Haladyna et al. 2002 guideline 31), so no question is made of it."""
    label_words = set(_WORD.findall(EVIDENCE.get(claim.evidence, claim.evidence).lower())) - _NOT_A_CLUE
    stems = {w[:5] for w in label_words}
    return any(w[:5] in stems for w in _WORD.findall(claim.text.lower()))


def questions_for_card(card: Card, content: Content | None = None) -> tuple[Question, ...]:
    """The generated questions of one card, claim by claim (evidence, then certainty)."""
    taken = {q.id for q in card.quiz}
    out: list[Question] = []
    for claim in card.claims:
        if claim.evidence == RECORD:
            continue  # a fact about the record is not evidence: there is nothing to appraise
        qs = [] if _gives_away_its_label(claim) else [evidence_question(card, claim, content)]
        outcome = content.outcome_by_id.get(claim.outcome) if content is not None and claim.outcome else None
        if outcome is not None and content is not None:
            # one certainty question per outcome, on the first claim that speaks of it
            if _first_claim_per_outcome(content).get(outcome.id) == (card.id, claim.id):
                q = outcome_certainty_question(card, claim, outcome, content)
                qs += [q] if q is not None else []
        elif claim.certainty:
            qs.append(certainty_question(card, claim, content))
        out.extend(q for q in qs if q.id not in taken)  # an authored id always wins
    return tuple(out)


def generated_questions(content: Content) -> tuple[Question, ...]:
    """Every generated question in content order (computed once per Content, then cached)."""
    cache = content._extra
    got = cache.get("generated_questions")
    if got is None:
        got = tuple(q for card in content.cards for q in questions_for_card(card, content))
        cache["generated_questions"] = got
    return got


def generated_by_uid(content: Content) -> dict[str, Question]:
    cache = content._extra
    got = cache.get("generated_by_uid")
    if got is None:
        got = {q.uid: q for q in generated_questions(content)}
        cache["generated_by_uid"] = got
    return got


def all_questions(content: Content, *, include_generated: bool = True) -> tuple[Question, ...]:
    """Authored questions, then (optionally) generated ones."""
    if not include_generated:
        return content.questions
    return content.questions + generated_questions(content)


def question_by_uid(content: Content, uid: str) -> Question | None:
    """Look up an authored or generated question."""
    return content.question_by_uid.get(uid) or generated_by_uid(content).get(uid)
