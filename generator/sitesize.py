"""The built site's size, by folder, against GitHub Pages' limit: what ``digest build`` prints last.

GitHub Pages refuses (or warns about) a published site larger than 1 GB. A digest grows by
about 40 KB an article (its page, its rows in the downloads, its share of the search index),
so a large one can pass the limit without anyone noticing until a deploy fails: every build
measures ``site/`` (the bytes of its files, as a deploy uploads them) and says, past
``SOFT_SHARE`` of the limit and again past the limit, which folders are the biggest.

``DIGEST_SITE_LIMIT`` (bytes, or with a unit: ``500MB``, ``2GB``) sets another limit: a host
with a smaller one, or a test.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path

from generator.errors import ConfigError

PAGES_LIMIT = 1_000_000_000  # GitHub Pages: "published sites may be no larger than 1 GB"
SOFT_SHARE = 0.8  # warn from here on, while there is still room to act
LIMIT_ENV = "DIGEST_SITE_LIMIT"
ROOT_FILES = "other"  # the name under which the files at the site's root are counted
_UNITS = {"": 1, "B": 1, "KB": 1_000, "MB": 1_000_000, "GB": 1_000_000_000}


@dataclass(frozen=True, slots=True)
class SiteSize:
    total: int  # bytes
    files: int
    folders: tuple[tuple[str, int], ...]  # top-level folder (ROOT_FILES: the root's files) -> bytes, biggest first


def measure(site: Path) -> SiteSize:
    """The bytes and files under ``site``, by top-level folder."""
    by_folder: dict[str, int] = {}
    files = 0
    stack: list[tuple[str, str | None]] = [(str(site), None)]  # (folder, its top-level folder)
    while stack:
        here, top = stack.pop()
        with os.scandir(here) as entries:
            for entry in entries:
                if entry.is_dir(follow_symlinks=False):
                    stack.append((entry.path, top or entry.name))
                elif entry.is_file(follow_symlinks=False):
                    key = top or ROOT_FILES
                    by_folder[key] = by_folder.get(key, 0) + entry.stat(follow_symlinks=False).st_size
                    files += 1
    folders = tuple(sorted(by_folder.items(), key=lambda kv: (-kv[1], kv[0])))
    return SiteSize(sum(by_folder.values()), files, folders)


def limit_from_env(environ: dict | None = None) -> int:
    """The limit to warn at: ``DIGEST_SITE_LIMIT`` when set, else GitHub Pages' 1 GB.

    Raises:
        ConfigError: the variable is set but is not a size."""
    text = (os.environ if environ is None else environ).get(LIMIT_ENV, "").strip()
    if not text:
        return PAGES_LIMIT
    m = re.fullmatch(r"(\d+(?:\.\d+)?)\s*([KMG]?B?)", text.upper())
    if not m:
        raise ConfigError(f"{LIMIT_ENV}={text!r}: not a size (bytes, or a number with KB, MB or GB)")
    return int(float(m.group(1)) * _UNITS[m.group(2)])


def mb(n: int) -> str:
    return f"{n / 1_000_000:,.1f} MB"


def parts(size: SiteSize, shown: int = 5) -> str:
    """The biggest folders, 'articles 240.1 MB, downloads 80.3 MB, ...', the rest together."""
    top = [f"{name} {mb(n)}" for name, n in size.folders[:shown]]
    rest = sum(n for _, n in size.folders[shown:])
    return ", ".join(top + ([f"the rest {mb(rest)}"] if rest else []))


def report(size: SiteSize, limit: int = PAGES_LIMIT) -> tuple[str, str | None]:
    """(the line every build prints, a warning past ``SOFT_SHARE`` of ``limit`` or None)."""
    line = f"site size: {mb(size.total)} in {size.files:,} files ({parts(size)})"
    where = "GitHub Pages' limit" if limit == PAGES_LIMIT else f"the limit ({LIMIT_ENV})"
    if size.total > limit:
        return line, (
            f"the site is {mb(size.total)}, over {where} of {mb(limit)} for a published site: "
            f"a deploy may fail; the biggest parts: {parts(size, 3)}"
        )
    if size.total > SOFT_SHARE * limit:
        return line, (
            f"the site is {mb(size.total)}, {size.total / limit:.0%} of {where} of {mb(limit)}: "
            f"the biggest parts: {parts(size, 3)}"
        )
    return line, None
