"""Files and folders replaced whole: what a build or a fetch leaves if it is killed at any moment.

Every file the generator writes (pages, caches, fetched articles, state) goes through
``write_atomic``: a temporary file in the same folder (named ``.tmp-*.tmp``, which no reader
looks at), then ``os.replace``, so a reader, or the next run after a crash, sees the old file
or the new one, never half of one. ``sync`` adds the fsync of the file and of its folder,
which makes the new content survive a power cut too; it is kept for the files nothing can
make again (fetched articles, the fetch state) and the small state files, since one fsync
per page or cache entry would slow a 10,000-article build for no gain against a killed
process (the kernel keeps what a killed process wrote).

``swap_in`` puts a freshly built site in place of the old one in one step where the system
can (Linux ``renameat2(RENAME_EXCHANGE)``: ``site/`` is at every moment the whole old or the
whole new site); elsewhere with two renames, and ``recover_site`` at the start of the next
build puts the previous site back if a crash fell between them. ``remove_leftovers`` clears
the temporary files of killed runs.
"""

from __future__ import annotations

import contextlib
import ctypes
import ctypes.util
import errno
import os
import shutil
import tempfile
import time
from pathlib import Path

from generator.faults import point

TMP_PREFIX, TMP_SUFFIX = ".tmp-", ".tmp"


def write_atomic(path: Path, data: bytes | str, *, sync: bool = False, fault: str = "write") -> None:
    """Replace ``path`` with ``data`` (str is written as UTF-8) in one step.

    ``fault``: the name of the moment between the two steps for ``faults.point``
    (``<fault>:tmp``: the temporary file written, not yet renamed)."""
    if isinstance(data, str):
        data = data.encode("utf-8")
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=TMP_PREFIX, suffix=TMP_SUFFIX)
    try:
        os.fchmod(fd, _file_mode())  # mkstemp's 0600 would hide a published page from the web server
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            point(fault + ":tmp")
            if sync:
                f.flush()
                os.fsync(f.fileno())
        os.replace(tmp, path)
    except BaseException as exc:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        if isinstance(exc, OSError) and exc.filename is None:  # a failed write names no file
            raise OSError(exc.errno, exc.strerror, str(path)) from None
        raise
    if sync:
        sync_folder(path.parent)


def _file_mode() -> int:
    """The mode ``open(path, "w")`` gives a new file: 0666 less the process's umask."""
    mask = os.umask(0o022)
    os.umask(mask)
    return 0o666 & ~mask


def sync_folder(folder: Path) -> None:
    """fsync a folder, so that a rename in it survives a power cut (where the system allows)."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass  # not every system can fsync a folder
    finally:
        os.close(fd)


_RENAME_EXCHANGE = 2
_AT_FDCWD = -100


def _renameat2():
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or None, use_errno=True)
        fn = libc.renameat2
    except (OSError, AttributeError):
        return None
    fn.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
    fn.restype = ctypes.c_int
    return fn


_EXCHANGE = _renameat2() if os.name == "posix" else None


def exchange(a: Path, b: Path) -> bool:
    """Swap two paths in one step; False where the system or file system cannot."""
    if _EXCHANGE is None:
        return False
    if _EXCHANGE(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE) == 0:
        return True
    err = ctypes.get_errno()
    if err in (errno.EINVAL, errno.ENOSYS, errno.EOPNOTSUPP, errno.EPERM):  # not supported here
        return False
    raise OSError(err, os.strerror(err), str(a), None, str(b))


def old_site(site: Path) -> Path:
    return site.with_name(f".{site.name}.old")


def swap_in(staging: Path, site: Path, remove=None) -> None:
    """Make the complete folder ``staging`` the new ``site``; remove the old one (with
    ``remove(path)``, by default at once: a caller may remove it while it does other work)."""
    point("swap:before")
    if not site.exists():
        staging.rename(site)
        point("swap:after")
        return
    if exchange(staging, site):
        point("swap:exchanged")
        (remove or _rmtree)(staging)  # now the old site
    else:
        old = old_site(site)
        shutil.rmtree(old, ignore_errors=True)
        site.rename(old)
        point("swap:between-renames")  # no site/ here: recover_site puts the old one back
        staging.rename(site)
        (remove or _rmtree)(old)
    point("swap:after")


def _rmtree(path: Path) -> None:
    shutil.rmtree(path, ignore_errors=True)


def recover_site(site: Path, staging: Path) -> None:
    """After a build killed while swapping (two renames) put the previous site back; drop the
    half-built or replaced folders a killed build left."""
    old = old_site(site)
    if not site.exists() and old.is_dir():
        old.rename(site)
    shutil.rmtree(old, ignore_errors=True)
    shutil.rmtree(staging, ignore_errors=True)


def remove_leftovers(
    folder: Path | None, *, keep_newer: tuple[str, ...] = (), age: float = 3600.0, recursive: bool = True
) -> int:
    """Remove the temporary files (``.tmp-*.tmp``) a killed run left in ``folder`` (and its
    subfolders, if ``recursive``); in the subfolders ``keep_newer`` (written by other
    processes too, without the build lock) only those older than ``age`` seconds, as a write
    takes milliseconds. Returns how many."""
    if folder is None or not folder.is_dir():
        return 0
    removed, now = 0, time.time()
    for here, dirs, files in os.walk(folder):
        if not recursive:
            dirs[:] = []
        rel = os.path.relpath(here, folder).replace(os.sep, "/")
        shared = any(rel == k or rel.startswith(k + "/") for k in keep_newer)
        for name in files:
            if not (name.startswith(TMP_PREFIX) and name.endswith(TMP_SUFFIX)):
                continue
            path = os.path.join(here, name)
            try:
                if shared and now - os.stat(path).st_mtime < age:
                    continue
                os.unlink(path)
                removed += 1
            except OSError:
                pass
    return removed
