"""Check a content folder and build the model from it, collecting every problem on the way.

`check_folder(root)` never raises for bad content: it returns the content it could build and
the full list of issues, each with file, line, key path and what was expected.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from ldn_tui.content import labels, objectives, outcomes, schema
from ldn_tui.content.chapters_check import _build_chapter
from ldn_tui.content.checker import _Checker, _File, _items, _opt_s, _s
from ldn_tui.content.errors import Issue
from ldn_tui.content.files import CHAPTERS_DIR, ROOT_FILE_NAMES, content_files, unreadable_files
from ldn_tui.content.model import (
    Card,
    Chapter,
    Content,
    Reference,
    Source,
    Term,
)
from ldn_tui.content.schema import KeyPath

ROOT_FILES = {
    ROOT_FILE_NAMES[0]: schema.SOURCES_FILE,
    ROOT_FILE_NAMES[1]: schema.REFERENCES_FILE,
    ROOT_FILE_NAMES[2]: schema.GLOSSARY_FILE,
    ROOT_FILE_NAMES[3]: schema.OUTCOMES_FILE,
    ROOT_FILE_NAMES[4]: schema.OBJECTIVES_FILE,
}
#: Root files a content folder may leave out (a guide need not state learning objectives).
OPTIONAL_ROOT_FILES = frozenset({objectives.FILE_NAME})


#: Told (files read, files in all) as the check goes: for a loading line while it takes seconds.
Progress = Callable[[int, int], None]


def check_folder(
    root: Path, progress: Progress | None = None, *, fast: bool = False
) -> tuple[Content | None, list[Issue]]:
    """Validate and build. Content is None only when nothing usable was found.

    `fast`: read files with the compiled reader where it reads them exactly as the strict one does
    (fastread.py). Those files' lines are then unknown: issues found are to be reported again from
    a strict check, and the content says `lines=False`.
    """
    root = Path(root)
    c = _Checker(root, fast=fast)
    if not root.is_dir():
        return None, [
            Issue(
                str(root),
                0,
                "",
                f"content folder not found; expected a folder with chapters/ and "
                f"{', '.join(n for n in ROOT_FILES if n not in OPTIONAL_ROOT_FILES)}",
            )
        ]

    for name in ROOT_FILES:
        if name not in OPTIONAL_ROOT_FILES and not (root / name).is_file():
            c.issues.append(Issue(str(root / name), 0, "", f"file is missing; expected {name} in the content folder"))
    for path, why in unreadable_files(root):
        c.issues.append(Issue(str(path), 0, "", f"cannot be read: {why}; expected a readable YAML file"))
    for extra in sorted(root.iterdir()):
        if extra.suffix in (".yaml", ".yml") and extra.name not in ROOT_FILES:
            c.issues.append(
                Issue(
                    str(extra),
                    0,
                    "",
                    f"unexpected content file; expected {', '.join(ROOT_FILES)}, or a chapter under {CHAPTERS_DIR}/",
                )
            )

    for name, spaces in (
        ("sources.yaml", ("source",)),
        ("references.yaml", ("reference",)),
        ("glossary.yaml", ("term",)),
        ("outcomes.yaml", ("outcome", "condition")),
    ):
        if not (root / name).is_file():
            for space in spaces:
                c.complete[space] = False
    chapter_paths = [p for p in content_files(root) if p.parent.name == CHAPTERS_DIR]
    total = len(ROOT_FILES) + len(chapter_paths)
    if progress is not None:
        progress(0, total)
    sources = _build_sources(c, root)
    references = _build_references(c, root)
    glossary = _build_glossary(c, root)
    learning = objectives.build(c, root)
    conditions, graded = outcomes.build(c, root)  # before the chapters: claims take their certainty from it
    c.outcome_certainty = {o.id: (o.certainty, f"{w[0].name}:{o.line}") for o, w in graded}
    if not chapter_paths:
        c.issues.append(Issue(str(root / CHAPTERS_DIR), 0, "", "no chapter files found; expected chapters/*.yaml"))
    chapter_files: list[_File] = []
    chapters = []
    for i, p in enumerate(chapter_paths):
        if progress is not None:
            progress(len(ROOT_FILES) + i, total)
        if (ch := _build_chapter(c, p, chapter_files)) is not None:
            chapters.append(ch)
    if progress is not None:
        progress(total, total)

    _cross_check(c, chapters, sources, references, glossary)
    outcomes.cross_check(c, conditions, graded, outcomes.used_outcomes(chapter_files))
    chapters.sort(key=lambda ch: (ch[0].order, ch[0].id))
    content = Content(
        chapters=tuple(ch for ch, _, _ in chapters),
        references=tuple(r for r, _ in references),
        sources=tuple(s for s, _ in sources),
        glossary=tuple(t for t, _ in glossary),
        root=str(root),
        outcomes=tuple(o for o, _ in graded),
        conditions=tuple(cond for cond, _ in conditions),
        objectives=tuple(learning),
        lines=c.lines,
    )
    return content, sorted(set(c.issues))


# -- builders: each returns (object, (file, path)) pairs so cross-checks can point at lines ----

Where = tuple[_File, KeyPath]


def _build_sources(c: _Checker, root: Path) -> list[tuple[Source, Where]]:
    path = root / "sources.yaml"
    if not path.is_file():
        return []
    f = c.read(path, schema.SOURCES_FILE)
    c.collect_ids("source", f, "sources")
    return [
        (
            Source(
                id=d["id"],
                file=_s(d["file"]),
                title=_s(d["title"]),
                kind=_s(d["kind"]),
                author=_s(d["author"]),
                year=_s(d["year"]),
                audience=_s(d["audience"]),
                keep_in_mind=_s(d["keep_in_mind"]),
                name=_s(d.get("name")),
            ),
            (f, ("sources", i)),
        )
        for i, d in _items(f, "sources")
    ]


def _verified(v: Any) -> str:
    if v is True:
        return "yes"
    if v is False:
        return "no"
    return str(v)


def _build_references(c: _Checker, root: Path) -> list[tuple[Reference, Where]]:
    path = root / "references.yaml"
    if not path.is_file():
        return []
    f = c.read(path, schema.REFERENCES_FILE)
    c.collect_ids("reference", f, "references")
    out = []
    for i, d in _items(f, "references"):
        out.append(
            (
                Reference(
                    id=d["id"],
                    citation=_s(d["citation"]),
                    year=None if d.get("year") is None else int(d["year"]),
                    authors=_s(d.get("authors")),
                    title=_s(d.get("title")),
                    journal=_s(d.get("journal")),
                    pmid=_opt_s(d.get("pmid")),
                    doi=_opt_s(d.get("doi")),
                    pmcid=_opt_s(d.get("pmcid")),
                    design=_s(d.get("design")),
                    n=_s(d.get("n")),
                    findings=_s(d.get("findings")),
                    verified=_verified(d["verified"]),
                    discrepancies=_s(d.get("discrepancies")),
                    cited_in=tuple(d.get("cited_in") or ()),
                ),
                (f, ("references", i)),
            )
        )
    return out


def _build_glossary(c: _Checker, root: Path) -> list[tuple[Term, Where]]:
    path = root / "glossary.yaml"
    if not path.is_file():
        return []
    f = c.read(path, schema.GLOSSARY_FILE)
    c.collect_ids("term", f, "glossary", "term")
    return [
        (
            Term(
                term=_s(d["term"]),
                definition=_s(d["definition"]),
                aliases=tuple(map(str, d.get("aliases") or ())),
                see_also=tuple(map(str, d.get("see_also") or ())),
            ),
            (f, ("glossary", i)),
        )
        for i, d in _items(f, "glossary")
    ]


def _cross_check(
    c: _Checker,
    chapters: list[tuple[Chapter, list[tuple[Card, Where]], _File]],
    sources: list[tuple[Source, Where]],
    references: list[tuple[Reference, Where]],
    glossary: list[tuple[Term, Where]],
) -> None:
    def dupes(pairs: list[tuple[str, Where]], what: str, field_name: str) -> None:
        first: dict[str, Where] = {}
        for obj_id, (f, path) in pairs:
            if obj_id in first:
                f0, p0 = first[obj_id]
                c.issue(
                    f,
                    path + (field_name,),
                    f"duplicate {what} '{obj_id}' (first in {f0.name}:{f0.line(p0)}); expected each {what} once",
                )
            else:
                first[obj_id] = (f, path)

    dupes([(s.id, w) for s, w in sources], "source id", "id")
    dupes([(r.id, w) for r, w in references], "reference id", "id")
    dupes([(t.term.casefold(), w) for t, w in glossary], "glossary term", "term")
    dupes([(ch.id, (f, ("chapter",))) for ch, _, f in chapters], "chapter id", "id")
    all_cards = [(card, w) for _, cards, _ in chapters for card, w in cards]
    dupes([(card.id, w) for card, w in all_cards], "card id", "id")

    source_ids = c.raw_ids["source"]
    ref_ids = c.raw_ids["reference"]
    known_refs = sorted(source_ids | ref_ids)
    card_ids = c.raw_ids["card"]
    term_names = c.raw_ids["term"] | {a.casefold() for t, _ in glossary for a in t.aliases}

    def check_sources(f: _File, path: KeyPath, ids: tuple[str, ...]) -> None:
        for k, sid in enumerate(ids):
            if sid in source_ids or sid in ref_ids:
                continue
            if not (c.complete["source"] if sid.startswith(labels.SOURCE_ID_PREFIX) else c.complete["reference"]):
                continue  # the file it would be in could not be read; that error is already listed
            if sid.startswith(labels.SOURCE_ID_PREFIX):
                exp = f"one of the sources in sources.yaml ({', '.join(sorted(source_ids)) or 'none defined'})"
            else:
                exp = "a reference id from references.yaml or a source id like src:003"
            c.issue(
                f,
                path + (k,),
                f"unknown source or reference '{sid}'{schema.did_you_mean(sid, known_refs)}; expected {exp}",
            )

    for card, (f, path) in all_cards:
        for j, claim in enumerate(card.claims):
            check_sources(f, path + ("claims", j, "sources"), claim.sources)
        for j, dis in enumerate(card.disagreements):
            for k, v in enumerate(dis.versions):
                check_sources(f, path + ("disagreements", j, "versions", k, "sources"), v.sources)
        for k, other in enumerate(card.see_also):
            if c.complete["card"] and other not in card_ids:
                c.issue(
                    f,
                    path + ("see_also", k),
                    f"no card '{other}'{schema.did_you_mean(other, sorted(card_ids))}; expected the id of another card",
                )
        if c.complete["term"]:
            for k, term in enumerate(card.terms):
                if term.casefold() not in term_names:
                    c.issue(
                        f,
                        path + ("terms", k),
                        f"'{term}' is not in glossary.yaml{schema.did_you_mean(term.casefold(), sorted(term_names))}; expected a glossary term",
                    )
    for r, (f, path) in references:
        for k, sid in enumerate(r.cited_in):
            if c.complete["source"] and sid not in source_ids:
                c.issue(
                    f,
                    path + ("cited_in", k),
                    f"unknown source '{sid}'{schema.did_you_mean(sid, sorted(source_ids))}; expected a source id from sources.yaml",
                )
    for t, (f, path) in glossary:
        for k, other in enumerate(t.see_also):
            if c.complete["term"] and other.casefold() not in term_names:
                c.issue(
                    f,
                    path + ("see_also", k),
                    f"'{other}' is not a glossary term{schema.did_you_mean(other.casefold(), sorted(term_names))}; expected another term in glossary.yaml",
                )
