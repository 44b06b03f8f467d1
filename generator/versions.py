"""Hashes of the code that decides a cached result: a cache made by other code is not read.

The read cache (``ingest``), the page cache (``render``) and the search term cache each key
their entries by the hash of the modules that make them; the analysis cache has its own
fingerprint, which adds the model and the data files (``analyse.pipeline``).
"""

from __future__ import annotations

import hashlib
from pathlib import Path

PACKAGE = Path(__file__).parent


def code_version(*files: Path, extra: str = "") -> str:
    """A short hash of ``files`` (names and bytes, in the order given) and ``extra``."""
    h = hashlib.sha256(extra.encode())
    for f in files:
        h.update(f.name.encode())
        h.update(f.read_bytes())
    return h.hexdigest()[:16]


def folder_version(folder: Path, *more: Path) -> str:
    """``code_version`` of every module in ``folder`` and ``more`` (shared modules they use)."""
    return code_version(*sorted(folder.glob("*.py")), *more)
