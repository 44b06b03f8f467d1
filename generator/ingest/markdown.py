"""Markdown articles with YAML front matter (title, date, source, url, summary, tags, author).

The body is kept as the text the author typed, split into paragraphs at blank lines: it is
data, never markup, so nothing in it can reshape or script the site.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import NamedTuple

import yaml

from generator.errors import InputError
from generator.ingest.decode import read_text_file
from generator.ingest.fields import collapse, make_article
from generator.model import DroppedField, RawArticle, Rejection

_FENCE = re.compile(r"^---\s*$")
# libyaml's safe loader when PyYAML was built with it (about ten times faster), else Python's
_SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


_KEY = re.compile(r"^([A-Za-z_][\w-]*)\s*:")


class FrontMatter(NamedTuple):
    meta: dict  # the keys, lower-cased
    body: str
    body_line: int  # where the body starts
    key_lines: dict[str, int]  # the line of each top-level key
    dropped: tuple[DroppedField, ...]  # the whole front matter, when it is not a mapping of keys


def split_front_matter(text: str, display: str) -> FrontMatter:
    """The front matter and the body. Front matter that is not valid YAML (or not a mapping)
    is dropped with a warning and the body still read; one that is never closed raises
    InputError, since nothing then tells the metadata from the text."""
    lines = text.split("\n")
    if not lines or not _FENCE.match(lines[0]):
        return FrontMatter({}, text, 1, {}, ())
    for i in range(1, len(lines)):
        if _FENCE.match(lines[i]) or lines[i].strip() == "...":
            raw = "\n".join(lines[1:i])
            key_lines = {m.group(1).lower(): n for n, ln in enumerate(lines[1:i], 2) if (m := _KEY.match(ln))}
            body, body_line = "\n".join(lines[i + 1 :]), i + 2
            try:
                data = yaml.load(raw, Loader=_SAFE_LOADER) if raw.strip() else {}
            except yaml.YAMLError as exc:
                mark = getattr(exc, "problem_mark", None)
                line = mark.line + 2 if mark else 1
                problem = getattr(exc, "problem", None) or str(exc).split("\n")[0]
                dropped = DroppedField(display, line, "front matter", f"not valid YAML: {problem}", collapse(raw)[:80])
                return FrontMatter({}, body, body_line, {}, (dropped,))
            if data is None:
                data = {}
            if not isinstance(data, dict):
                problem = f"must be a mapping of keys, not a {type(data).__name__}"
                return FrontMatter({}, body, body_line, {}, (DroppedField(display, 1, "front matter", problem, collapse(raw)[:80]),))
            return FrontMatter({str(k).lower(): v for k, v in data.items()}, body, body_line, key_lines, ())
    raise InputError(display, "front matter: not closed (no second '---' line)", 1)


def read_markdown(path: Path, display: str) -> Iterator[RawArticle | Rejection]:
    text = read_text_file(path, display)
    front = split_front_matter(text, display)
    meta = front.meta
    blocks = [b.strip() for b in re.split(r"\n\s*\n", front.body) if b.strip()]
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
        author=meta.get("author"),
        field_lines=front.key_lines,
        dropped=list(front.dropped),
    )
