"""Which files make up a content folder. Tiny and import-free: the cache key needs it on every start."""

from __future__ import annotations

from pathlib import Path

#: outcomes.yaml is part of the set (and so of the parse cache's key): claims take their certainty from it.
ROOT_FILE_NAMES = ("sources.yaml", "references.yaml", "glossary.yaml", "outcomes.yaml", "objectives.yaml")
CHAPTERS_DIR = "chapters"


def unreadable_files(root: Path) -> list[tuple[Path, str]]:
    """YAML-named entries of a content folder that cannot be read as files, with why: a symbolic
    link loop, a link to nothing, a folder, no permission. `content_files` leaves them out, so the
    validator reports them here (an error with its path) instead of skipping them silently."""
    import errno
    import os

    out: list[tuple[Path, str]] = []
    folders = [root, root / CHAPTERS_DIR]
    for folder in folders:
        try:
            entries = sorted(folder.iterdir())
        except OSError:
            continue
        for p in entries:
            if p.suffix not in (".yaml", ".yml"):
                continue
            try:
                st = p.stat()
            except OSError as exc:
                why = {errno.ELOOP: "a symbolic link loop", errno.ENOENT: "a link to a file that does not exist"}
                out.append((p, why.get(exc.errno or 0, exc.strerror or str(exc))))
                continue
            import stat as stat_mod

            if not stat_mod.S_ISREG(st.st_mode):
                out.append((p, "not a regular file"))
            elif not os.access(p, os.R_OK):
                out.append((p, "no permission to read it"))
    return out


def content_files(root: Path) -> list[Path]:
    """Every YAML file the loader reads, in a stable order (used for the cache key too)."""
    files = [root / name for name in ROOT_FILE_NAMES if (root / name).is_file()]
    chapters = root / CHAPTERS_DIR
    if chapters.is_dir():
        files += sorted(p for p in chapters.iterdir() if p.suffix in (".yaml", ".yml") and p.is_file())
    return files
