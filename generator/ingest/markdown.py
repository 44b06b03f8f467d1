"""Markdown articles with YAML front matter (title, date, source, url, summary, tags).

The body is kept as the text the author typed, split into paragraphs at blank lines: it is
data, never markup, so nothing in it can reshape or script the site.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import yaml

from generator.errors import InputError
from generator.ingest.decode import read_text_file
from generator.ingest.fields import make_article
from generator.model import RawArticle, Rejection

_FENCE = re.compile(r"^---\s*$")
# libyaml's safe loader when PyYAML was built with it (about ten times faster), else Python's
_SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def split_front_matter(text: str, display: str) -> tuple[dict, str, int]:
    """Return (front matter, body, line number where the body starts)."""
    lines = text.split("\n")
    if not lines or not _FENCE.match(lines[0]):
        return {}, text, 1
    for i in range(1, len(lines)):
        if _FENCE.match(lines[i]) or lines[i].strip() == "...":
            raw = "\n".join(lines[1:i])
            try:
                data = yaml.load(raw, Loader=_SAFE_LOADER) if raw.strip() else {}
            except yaml.YAMLError as exc:
                mark = getattr(exc, "problem_mark", None)
                line = mark.line + 2 if mark else None
                problem = getattr(exc, "problem", None) or str(exc).split("\n")[0]
                raise InputError(display, f"front matter: not valid YAML: {problem}", line) from None
            if data is None:
                data = {}
            if not isinstance(data, dict):
                raise InputError(display, f"front matter: must be a mapping of keys, not a {type(data).__name__}")
            return data, "\n".join(lines[i + 1 :]), i + 2
    raise InputError(display, "front matter: not closed (no second '---' line)", 1)


def read_markdown(path: Path, display: str) -> Iterator[RawArticle | Rejection]:
    text = read_text_file(path, display)
    meta, body, _ = split_front_matter(text, display)
    meta = {str(k).lower(): v for k, v in meta.items()}
    blocks = [b.strip() for b in re.split(r"\n\s*\n", body) if b.strip()]
    title = meta.get("title")
    if not title and blocks and blocks[0].startswith("# "):
        title = blocks.pop(0)[2:].strip()
    yield make_article(
        display=display,
        fmt="markdown",
        where="front matter",
        title=title,
        date=meta.get("date"),
        source=meta.get("source"),
        url=meta.get("url"),
        summary=meta.get("summary"),
        paragraphs=blocks,
        tags=meta.get("tags"),
    )
