"""Safe, stable file names (slugs) for generated pages.

A slug is ASCII letters, digits and hyphens only, never empty, never a name that Windows
reserves, never longer than 60 characters: whatever the title or actor name holds, the page
path stays inside the output folder. Article slugs carry part of the article id, so two
articles never share a page and an article keeps its URL when others are added.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata

MAX_LEN = 60
_RESERVED = {
    "con", "prn", "aux", "nul", "index", "tags", "search", "assets",
    *(f"com{i}" for i in range(10)), *(f"lpt{i}" for i in range(10)),
}


def slugify(text: str, max_len: int = MAX_LEN) -> str:
    """ASCII-fold, lowercase, hyphenate; may return '' for text with no letters or digits."""
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    slug = re.sub(r"[^a-z0-9]+", "-", folded.lower()).strip("-")
    if len(slug) > max_len:
        slug = slug[:max_len].rsplit("-", 1)[0] or slug[:max_len]
    return slug.strip("-")


def short_hash(text: str, n: int = 6) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:n]


def article_slug(title: str, article_id: str) -> str:
    """``<title words>-<first 6 characters of the id>``."""
    base = slugify(title, MAX_LEN - 7) or "article"
    return f"{base}-{article_id[:6]}"


def unique_slugs(names: list[str]) -> dict[str, str]:
    """One slug per distinct name; names that fold to the same slug get a hash suffix.

    Whether a name gets a suffix depends only on the set of names that collide with it and on
    the name itself (not on input order), so output is deterministic.
    """
    by_slug: dict[str, list[str]] = {}
    for name in names:
        base = slugify(name) or "actor"
        if base in _RESERVED:
            base = f"{base}-{short_hash(name)}"
        by_slug.setdefault(base, []).append(name)
    out: dict[str, str] = {}
    for base, group in by_slug.items():
        if len(group) == 1:
            out[group[0]] = base
        else:
            for name in group:
                out[name] = f"{base[: MAX_LEN - 7]}-{short_hash(name)}"
    return out
