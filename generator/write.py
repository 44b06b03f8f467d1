"""Write generated pages under ``docs/``: only what changed, never outside the folders the
generator owns, never two pages to one path.

Unchanged files are left alone (their modification time too, so MkDocs and git see no
change); files in the generated folders that the new digest no longer has are removed;
every other file in ``docs/`` (hand-written pages) is never touched. Each file is written to a
temporary name and renamed, so a crash never leaves half a page, and the write can be undone
(``WriteStats.undo``) when the site build after it fails.
"""

from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from generator.errors import BuildError


@dataclass(frozen=True, slots=True)
class WriteStats:
    written: int
    unchanged: int
    removed: int
    # what the write replaced: path -> previous bytes (None: the file did not exist)
    previous: dict[Path, bytes | None] = field(default_factory=dict, repr=False, compare=False)

    def undo(self) -> None:
        """Put every file this write changed back as it was (used when the site build fails)."""
        for path, data in self.previous.items():
            if data is None:
                path.unlink(missing_ok=True)
            else:
                path.parent.mkdir(parents=True, exist_ok=True)
                _atomic_write(path, data)


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
    previous: dict[Path, bytes | None] = {}
    written = unchanged = removed = 0
    for rel in sorted(pages):
        if not any(rel.startswith(d + "/") for d in owned_dirs):
            raise BuildError(f"page outside the generated folders: {rel}")
        path = _target(root, rel)
        wanted.add(path)
        data = pages[rel].encode("utf-8")
        try:
            old: bytes | None = path.read_bytes()
        except OSError:
            old = None
        if old == data:
            unchanged += 1
            continue
        previous[path] = old
        path.parent.mkdir(parents=True, exist_ok=True)
        _atomic_write(path, data)
        written += 1
    for d in owned_dirs:
        folder = _target(root, d)
        if not folder.is_dir():
            continue
        for path in sorted(folder.rglob("*"), reverse=True):
            if path.is_file() and path not in wanted:
                previous[path] = path.read_bytes()
                path.unlink()
                removed += 1
            elif path.is_dir() and not any(path.iterdir()):
                path.rmdir()
    return WriteStats(written, unchanged, removed, previous)


def _atomic_write(path: Path, data: bytes) -> None:
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
