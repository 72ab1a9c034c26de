"""Load the study content: validated, built into the model, and cached.

Parsing YAML is the slowest thing ldn-study does, so without a parse cache the files are read by
a compiled reader where it reads them exactly as the strict one (fastread.py), and a validated
content set is pickled into the user cache dir,
keyed on every file's path, size and modification time plus the format and package versions.
A cache that is missing, stale, unreadable or from another version is ignored and rebuilt;
a cache that cannot be written is simply not written.
"""

from __future__ import annotations

import gc
import os
import zlib
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ldn_tui import __version__, paths
from ldn_tui.content.errors import ContentInvalid
from ldn_tui.content.files import content_files, unreadable_files
from ldn_tui.content.model import Content

if TYPE_CHECKING:
    from collections.abc import Callable

    from ldn_tui.content.errors import Issue

    Progress = Callable[[int, int], None]

#: Bump when the model or the cache layout changes.
CACHE_FORMAT = 8  # 2: outcomes; 3: objectives; 4: Source.name; 5: Claim.rationale; 6: pickled through constructors;
# 7: each chapter's questions in a block of their own, read when first used (parsecache.py)
# 8: Content.lines (files read by the compiled reader have no lines: fastread.py)


def load_content(
    path: str | os.PathLike[str] | None = None,
    *,
    use_cache: bool = True,
    progress: Progress | None = None,
    lines: bool = False,
    later: Callable[[Callable[[], None]], None] | None = None,
) -> Content:
    """The content at `path` (default: LDN_STUDY_CONTENT or the bundled set).

    Raises ContentInvalid listing every problem when the content does not validate. `progress`
    is told (files read, files in all) only when the YAML is read (no fresh parse cache).

    Without a fresh parse cache the files are read with the compiled reader wherever it reads
    them exactly as the strict one does (fastread.py: about 4x faster at 10,000 cards), and those
    files' items have no lines (`Content.lines` is False). `lines=True` asks for every line, as
    the messages of `ldn-study lint` need: a cache without them does not count.

    `later` is handed the writing of the parse cache (about 0.5 s at 10,000 cards) instead of
    running it before returning: the app runs it in a thread once its first screen is up.
    """
    root = paths.content_dir(path)
    key = _cache_key(root) if use_cache else None
    if key is not None:
        cached = _read_cache(root, key)
        if cached is not None and (cached.lines or not lines):
            return cached
    content, issues = validate(root, progress, fast=not lines)
    if issues:
        raise ContentInvalid(issues)
    assert content is not None
    if key is not None:
        if later is None:
            _write_cache(root, key, content)
        else:

            def write_parse_cache() -> None:
                _write_cache(root, key, content)

            later(write_parse_cache)
    return content


def validate(
    root: str | os.PathLike[str], progress: Progress | None = None, *, fast: bool = False
) -> tuple[Content | None, list[Issue]]:
    """Full check of a folder, never cached: what `ldn-study validate` runs (strictly, with every line).

    `fast`: read with the compiled reader where it agrees with the strict one; content with
    problems is then checked again strictly, so that every problem is reported with its line.
    """
    from ldn_tui.content.folder import check_folder  # YAML and the checker: only on a cache miss

    enabled = gc.isenabled()
    gc.disable()  # the cyclic GC makes large loads superlinear; nothing here makes cycles
    try:
        content, issues = check_folder(Path(root), progress, fast=fast)
        if issues and content is not None and not content.lines:
            content, issues = check_folder(Path(root), progress)
        return content, issues
    finally:
        if enabled:
            gc.enable()


def _cache_key(root: Path) -> tuple[Any, ...] | None:
    try:
        stats = tuple(
            (str(p.relative_to(root)), st.st_size, st.st_mtime_ns) for p in content_files(root) for st in (p.stat(),)
        )
    except OSError:
        return None
    if not stats or unreadable_files(root):  # an unreadable entry: validate, which reports it
        return None
    return (CACHE_FORMAT, __version__, str(root.resolve()), stats)


def cache_file(root: Path) -> Path:
    # A name per content folder; not a security hash (zlib is loaded anyway, hashlib costs 1 ms).
    where = str(root.resolve()).encode()
    digest = f"{zlib.crc32(where):08x}{zlib.adler32(where):08x}"
    return paths.cache_dir(create=False) / f"content-v{CACHE_FORMAT}-{digest}.pickle"


def _read_cache(root: Path, key: tuple[Any, ...]) -> Content | None:
    from ldn_tui.content import parsecache

    return parsecache.read(cache_file(root), key, lambda lines: _revalidate(root, lines))


def _revalidate(root: Path, lines: bool) -> Content:
    """The content read again from its YAML (the cache broke under a running app), with its lines
    or not as the content in use was read."""
    content, issues = validate(root, fast=not lines)
    if issues or content is None:
        raise ContentInvalid(issues)
    return content


def _write_cache(root: Path, key: tuple[Any, ...], content: Content) -> None:
    from ldn_tui.content import parsecache

    target = cache_file(root)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        parsecache.write(target, key, content)
    except OSError:
        return  # a read-only or full cache dir only costs speed
    _remove_older(target)


def _remove_older(target: Path) -> None:
    """Delete this folder's caches from earlier formats (same name but for the version)."""
    digest = target.name.rsplit("-", 1)[-1]
    for old in target.parent.glob(f"content-v*-{digest}"):
        if old != target:
            try:
                old.unlink()
            except OSError:
                pass
