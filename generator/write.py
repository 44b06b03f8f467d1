"""Write generated pages under ``docs/``: only what changed, never outside the folders the
generator owns, never two pages to one path.

Unchanged files are left alone (their modification time too, so MkDocs and git see no
change); files in the generated folders that the new digest no longer has are removed;
every other file in ``docs/`` (hand-written pages) is never touched. Each file is written to a
temporary name and renamed, so a crash never leaves half a page, and the write can be undone
(``WriteStats.undo``) when the site build after it fails: a replaced or removed file is first
hard-linked into an undo folder beside ``docs/`` (no copy of the site is held in memory).

``TreeWriter`` writes page by page, so renderers (in several processes at once) write each
page as soon as it is made instead of holding the whole site in memory; ``finish`` then
removes what no process wrote. ``write_tree`` does it all for a mapping of pages.
"""

from __future__ import annotations

import errno
import os
import shutil
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from generator.atomic import write_atomic
from generator.errors import BuildError
from generator.faults import point


class DuplicatePageError(ValueError):
    """Two pages would be written to one path (a slug collision): a bug, never silent."""


@dataclass(frozen=True, slots=True)
class WriteStats:
    written: int
    unchanged: int
    removed: int
    # what the write replaced: path -> its previous content kept in the undo folder (None:
    # the file did not exist)
    previous: dict[Path, Path | None] = field(default_factory=dict, repr=False, compare=False)
    undo_dir: Path | None = field(default=None, repr=False, compare=False)

    def undo(self) -> None:
        """Put every file this write changed back as it was (used when the site build fails)."""
        for path, kept in self.previous.items():
            if kept is None:
                path.unlink(missing_ok=True)
            else:
                path.parent.mkdir(parents=True, exist_ok=True)
                os.replace(kept, path)
        self.commit()

    def commit(self) -> None:
        """Forget the previous contents (the site was built from the new ones)."""
        if self.undo_dir is not None:
            shutil.rmtree(self.undo_dir, ignore_errors=True)


def undo_folder(docs_dir: Path) -> Path:
    return docs_dir.resolve().with_name(f".{docs_dir.name}.undo")


class TreeWriter:
    """Writes pages into the owned folders of ``docs_dir``, keeping what it replaced."""

    def __init__(self, docs_dir: Path, owned_dirs: tuple[str, ...], tag: str = "0"):
        self.root = docs_dir.resolve()
        self._root_text = str(self.root)
        self._root_prefix = os.path.join(self._root_text, "")
        self.owned = owned_dirs
        self.undo_dir = undo_folder(docs_dir) / tag
        self.wanted: set[str] = set()
        self.previous: dict[Path, Path | None] = {}
        self.written = self.unchanged = 0

    def _target(self, rel: str) -> Path:
        return Path(self._checked(rel))

    def _checked(self, rel: str) -> str:
        """``rel``'s path under the root, as text (a ``Path`` made for each of 20,000 kept
        pages took a third of a second of a warm build at 1,000 articles), once it is known to
        be in an owned folder."""
        # normpath, not resolve: the same check on the path's text, without a system call per
        # part (a build checks 20,000 paths); "..", absolute parts and "//" cannot get out
        path = os.path.normpath(os.path.join(self._root_text, rel))
        if not path.startswith(self._root_prefix):
            raise BuildError(f"refusing to write outside {self.root}: {rel}")
        inside = path[len(self._root_prefix):].replace(os.sep, "/")  # where it lands ('articles/../x.md' is x.md)
        if not any(inside.startswith(d + "/") for d in self.owned):
            raise BuildError(f"page outside the generated folders: {rel}")
        return path

    def keep(self, rel: str) -> None:
        """``rel`` stays as it is on disk (known unchanged without rendering it)."""
        self._checked(rel)
        self._want(rel)
        self.unchanged += 1

    def _want(self, rel: str) -> None:
        if rel in self.wanted:
            raise DuplicatePageError(f"two pages would be written to docs/{rel}")
        self.wanted.add(rel)

    def put(self, rel: str, text: str | bytes) -> None:
        """Write ``text`` (bytes as they are: a compressed download) unless the file holds it."""
        path = self._target(rel)
        self._want(rel)
        data = text if isinstance(text, bytes) else text.encode("utf-8")
        try:
            if path.stat().st_size == len(data) and path.read_bytes() == data:
                self.unchanged += 1
                return
            existed = True
        except OSError:
            existed = False
        self.previous[path] = self._keep_old(path, rel) if existed else None
        point("pages:kept-old")
        path.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(path, data, fault="pages")
        point("pages:put")
        self.written += 1

    def _keep_old(self, path: Path, rel: str) -> Path:
        kept = self.undo_dir / rel
        kept.parent.mkdir(parents=True, exist_ok=True)
        kept.unlink(missing_ok=True)
        try:
            os.link(path, kept)  # the old inode survives the rename that replaces the page
        except OSError:
            shutil.copy2(path, kept)
        return kept

    def remove_unwanted(self, wanted: Iterable[str]) -> int:
        """Remove every file in the owned folders that is not in ``wanted``; return how many."""
        keep = set(wanted)
        removed = 0
        for d in self.owned:
            folder = os.path.join(self._root_text, d)
            if not os.path.isdir(folder):
                continue
            for here, dirs, files in os.walk(folder, topdown=False):
                rel_dir = os.path.relpath(here, self._root_text).replace(os.sep, "/")
                for name in sorted(files):
                    rel = f"{rel_dir}/{name}"
                    if rel not in keep:
                        path = Path(here, name)
                        kept = self.undo_dir / rel
                        kept.parent.mkdir(parents=True, exist_ok=True)
                        try:
                            os.replace(path, kept)
                        except OSError as exc:
                            if exc.errno != errno.EXDEV:
                                raise
                            shutil.move(path, kept)  # docs/ is a mount point of its own
                        self.previous[path] = kept
                        point("pages:removed")
                        removed += 1
                if not os.listdir(here):
                    os.rmdir(here)
        return removed


def write_tree(docs_dir: Path, pages: dict[str, str], owned_dirs: tuple[str, ...]) -> WriteStats:
    """Make the owned folders of ``docs_dir`` hold exactly ``pages`` (path -> text)."""
    shutil.rmtree(undo_folder(docs_dir), ignore_errors=True)
    writer = TreeWriter(docs_dir, owned_dirs)
    writer.root.mkdir(parents=True, exist_ok=True)
    for rel in sorted(pages):
        writer.put(rel, pages[rel])
    removed = writer.remove_unwanted(writer.wanted)
    return WriteStats(writer.written, writer.unchanged, removed, writer.previous, undo_folder(docs_dir))

