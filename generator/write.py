"""Write generated pages under ``docs/``: only what changed, never outside the folders the
generator owns, never two pages to one path.

Unchanged files are left alone (their modification time too, so MkDocs and git see no
change); files in the generated folders that the new digest no longer has are removed;
every other file in ``docs/`` (hand-written pages) is never touched. Each file is written to a
temporary name and renamed, so a crash never leaves half a page.
"""

from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

from generator.errors import BuildError


@dataclass(frozen=True, slots=True)
class WriteStats:
    written: int
    unchanged: int
    removed: int


def _target(root: Path, rel: str) -> Path:
    path = (root / rel).resolve()
    if not path.is_relative_to(root):
        raise BuildError(f"refusing to write outside {root}: {rel}")
    return path


def write_tree(docs_dir: Path, pages: dict[str, str], owned_dirs: tuple[str, ...]) -> WriteStats:
    """Make the owned folders of ``docs_dir`` hold exactly ``pages`` (path -> text)."""
    root = docs_dir.resolve()
    root.mkdir(parents=True, exist_ok=True)
    wanted: set[Path] = set()
    written = unchanged = removed = 0
    for rel in sorted(pages):
        if not any(rel.startswith(d + "/") for d in owned_dirs):
            raise BuildError(f"page outside the generated folders: {rel}")
        path = _target(root, rel)
        wanted.add(path)
        data = pages[rel].encode("utf-8")
        try:
            if path.read_bytes() == data:
                unchanged += 1
                continue
        except OSError:
            pass
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-", suffix=".md")
        with os.fdopen(fd, "wb") as f:
            f.write(data)
        os.replace(tmp, path)
        written += 1
    for d in owned_dirs:
        folder = _target(root, d)
        if not folder.is_dir():
            continue
        for path in sorted(folder.rglob("*"), reverse=True):
            if path.is_file() and path not in wanted:
                path.unlink()
                removed += 1
            elif path.is_dir() and not any(path.iterdir()):
                path.rmdir()
    return WriteStats(written, unchanged, removed)
