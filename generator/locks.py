"""The project's locks: one build at a time, and a fetch never writes articles while a build
reads them.

Both are ``fcntl.flock`` locks on files in the project folder, so they are let go when the
process ends, however it ends (a killed build leaves no stale lock). ``project_lock`` is
exclusive and refuses a second build at once; ``articles_lock`` is shared by a build's
reading (short: the articles are read, then the lock is let go for the hours of analysis and
MkDocs) and exclusive for a fetch's storing of one feed, each waiting for the other: a
build reads the articles folder as it was before or after each feed, never in between (no
article renamed away while it is listed, none half seen).
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

from generator.errors import BuildError

BUILD_LOCK = ".digest-build.lock"
ARTICLES_LOCK = ".digest-articles.lock"


@contextlib.contextmanager
def project_lock(project_dir: Path):
    """One build at a time per project: a second one refuses with a clear message.

    Yields whether the last build holding it did not finish (killed: it left its process id
    in the lock file, which a build that ends empties), so that the next one knows to look
    for what it left."""
    path = project_dir / BUILD_LOCK
    try:
        import fcntl
    except ImportError:  # pragma: no cover - Windows: no lock
        yield True
        return
    with open(path, "a+") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            raise BuildError(
                f"{path}: another 'digest build' is running in this project; wait for it to finish"
            ) from None
        try:
            handle.seek(0)
            unfinished = bool(handle.read().strip())
            os.ftruncate(handle.fileno(), 0)
            handle.write(f"{os.getpid()}\n")
            handle.flush()
            try:
                yield unfinished
            finally:  # ended, even by an error: only a killed build leaves its id
                os.ftruncate(handle.fileno(), 0)
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


@contextlib.contextmanager
def articles_lock(project_dir: Path, *, write: bool):
    """Hold the articles of the project: shared for reading them (a build), exclusive for
    writing (a fetch); waits for the other side to finish."""
    try:
        import fcntl
    except ImportError:  # pragma: no cover - Windows: no lock
        yield
        return
    project_dir.mkdir(parents=True, exist_ok=True)
    with open(project_dir / ARTICLES_LOCK, "a+") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX if write else fcntl.LOCK_SH)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)
