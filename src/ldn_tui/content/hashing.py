"""A stable fingerprint of what a question asks and what counts as right.

Progress is keyed on ids (`card_id/question_id`), which never change meaning; the hash
says whether the *question* behind an id changed since a student answered it. The
scheduler re-queues a question as new when its hash differs from the one it was
scheduled under, so a student is never credited for a question they never saw.

What is hashed (and why):

- `type`, `prompt`, the choices' `text` and `correct` flags, `answer` (true-false), the
  *first* of `answers` (cloze: the one shown as the answer) and `items` (order, in order: the
  order *is* the answer). Change any of these and the question is a different question.
- Only the first cloze answer: adding an accepted spelling ("thirty-one" beside "31") makes
  grading kinder but does not change what is asked, so it does not re-queue anything.
- Choices are hashed as a sorted set: they are shuffled when shown, so moving a choice
  up or down in the YAML does not change the question.
- Runs of whitespace are collapsed and the ends stripped, so re-wrapping a YAML block
  does not re-queue anything.

What is *not* hashed: `explanation`, every choice's `why`, the other accepted cloze answers,
`focus`, `claim` and `line`.
Improving an explanation must not wipe a student's schedule; they explain the answer,
they do not change it.
"""

from __future__ import annotations

import hashlib
import json
import re
from typing import Any

from ldn_tui.content.model import Question

#: Bump when the recipe changes (every stored hash then differs, so every question is re-queued:
#: only do it for a good reason).
HASH_VERSION = 1

_WS = re.compile(r"\s+")


def _norm(text: str) -> str:
    return _WS.sub(" ", text).strip()


def question_fingerprint(question: Question) -> dict[str, Any]:
    """The plain data the hash is computed over (useful for debugging a re-queue)."""
    return {
        "v": HASH_VERSION,
        "type": question.type,
        "prompt": _norm(question.prompt),
        "choices": sorted([_norm(c.text), bool(c.correct)] for c in question.choices),
        "answer": question.answer,
        "answer_shown": _norm(question.answers[0]) if question.answers else None,
        "items": [_norm(i) for i in question.items],
    }


def question_hash(question: Question) -> str:
    """A 16-hex-digit BLAKE2b digest of `question_fingerprint(question)`."""
    payload = json.dumps(question_fingerprint(question), ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.blake2b(payload.encode("utf-8"), digest_size=8).hexdigest()
