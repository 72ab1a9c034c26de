"""Write a synthetic content set of N cards (default 10,000) for benchmarks.

Cards look like the real ones: a Markdown body of ~150 words, three claims with labels and
sources, five quiz questions of every type. Chapters hold 100 cards each, one file per
chapter, as a real content set would grow. sources/references/glossary are copied from the
bundled content so cross-references validate.

    python benchmarks/gen_content.py --cards 10000 --out benchmarks/_generated/c10000
"""

from __future__ import annotations

import argparse
import random
import shutil
import sys
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
from ldn_tui import paths  # noqa: E402
from ldn_tui.content import labels  # noqa: E402

WORDS = (
    "naltrexone opioid receptor antagonist glial microglia cytokine fibromyalgia crohn trial placebo crossover "
    "randomised pilot dose titration bedtime compounding pharmacy evidence certainty sample replication washout "
    "endorphin rebound inflammation tolerability dreams insomnia thyroid transplant immunosuppressant pain "
    "symptom baseline outcome blinded review abstract citation source anecdote mechanism hypothesis"
).split()
KINDS = labels.KINDS


def sentence(rng: random.Random, n: int = 12) -> str:
    words = [rng.choice(WORDS) for _ in range(n)]
    return " ".join(words).capitalize() + "."


#: Claims take their certainty from an outcome (outcomes.yaml), and a fact of record has none.
LABELS = [label for label in labels.EVIDENCE if label != labels.RECORD]


def card(rng: random.Random, chapter: str, i: int, refs: list[str], outcomes: list[str]) -> dict:
    kind = KINDS[i % len(KINDS)]
    claims = [
        {
            "id": f"c{k}",
            "text": sentence(rng, 14),
            "evidence": rng.choice(LABELS),
            "outcome": outcomes[(3 * i + k) % len(outcomes)],  # cycles, so every outcome is used
            "sources": [f"src:00{rng.randrange(5)}", rng.choice(refs)],
        }
        for k in range(1, 4)
    ]
    choice = lambda correct: {"text": sentence(rng, 5), "correct": correct, "why": sentence(rng, 10)}  # noqa: E731
    quiz = [
        {
            "id": "q1",
            "type": "single",
            "claim": "c1",
            "prompt": sentence(rng) + "?",
            "explanation": sentence(rng, 16),
            "choices": [choice(True), choice(False), choice(False), choice(False)],
        },
        {
            "id": "q2",
            "type": "multiple",
            "focus": "appraisal",
            "prompt": sentence(rng) + "?",
            "explanation": sentence(rng, 16),
            "choices": [choice(True), choice(True), choice(False), choice(False)],
        },
        {
            "id": "q3",
            "type": "true-false",
            "prompt": sentence(rng),
            "answer": bool(i % 2),
            "explanation": sentence(rng, 16),
        },
        {
            "id": "q4",
            "type": "cloze",
            "prompt": sentence(rng, 6)[:-1] + " ___.",
            "answers": [rng.choice(WORDS)],
            "explanation": sentence(rng, 16),
        },
        {
            "id": "q5",
            "type": "order",
            "prompt": sentence(rng),
            "items": [f"step {k} " + rng.choice(WORDS) for k in range(4)],
            "explanation": sentence(rng, 16),
        },
    ]
    body = "\n\n".join(" ".join(sentence(rng) for _ in range(4)) for _ in range(3))
    return {
        "id": f"{chapter}.card-{i:05d}",
        "title": sentence(rng, 5)[:-1],
        "kind": kind,
        "body": body,
        "claims": claims,
        "quiz": quiz,
    }


def generate(n_cards: int, out: Path, per_chapter: int = 100, seed: int = 7) -> Path:
    rng = random.Random(seed)
    real = paths.bundled_content_dir()
    if out.exists():
        shutil.rmtree(out)
    (out / "chapters").mkdir(parents=True)
    for name in ("sources.yaml", "references.yaml", "glossary.yaml", "outcomes.yaml"):
        shutil.copy(real / name, out / name)
    refs = [r["id"] for r in yaml.safe_load((real / "references.yaml").read_text())["references"]]
    outcomes = [o["id"] for o in yaml.safe_load((real / "outcomes.yaml").read_text())["outcomes"]]
    n_chapters = (n_cards + per_chapter - 1) // per_chapter
    made = 0
    for ch in range(n_chapters):
        cid = f"chapter-{ch:03d}"
        count = min(per_chapter, n_cards - made)
        doc = {
            "chapter": {"id": cid, "title": f"Synthetic chapter {ch}", "order": ch, "summary": sentence(rng)},
            "cards": [card(rng, cid, made + k, refs, outcomes) for k in range(count)],
        }
        made += count
        with open(out / "chapters" / f"{ch:03d}-{cid}.yaml", "w", encoding="utf-8") as fh:
            yaml.dump(
                doc,
                fh,
                Dumper=getattr(yaml, "CSafeDumper", yaml.SafeDumper),
                sort_keys=False,
                allow_unicode=True,
                width=100,
            )
    return out


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--cards", type=int, default=10_000)
    p.add_argument("--out", type=Path, default=Path(__file__).resolve().parent / "_generated" / "c10000")
    args = p.parse_args()
    out = generate(args.cards, args.out)
    print(f"wrote {args.cards} cards to {out}")


if __name__ == "__main__":
    main()
