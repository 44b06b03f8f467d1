"""Plain-text articles: summary paragraph, body paragraphs, last line ``Original Source: host``.

Paragraphs may be separated by single newlines (as in wire dumps) or blank lines. The title
is made from the summary's first sentence. There is no date field: a first line holding only
a date ("October 18, 2024") is not the summary but stays in the text, where ``ingest.dates``
reads it (as it reads a file name or a dateline).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

from generator.ingest.dates import is_date_alone
from generator.ingest.decode import read_text_file
from generator.ingest.fields import make_article
from generator.model import RawArticle, Rejection

_SOURCE_LINE = re.compile(r"^\s*original\s+source\s*:\s*(?P<source>.*?)\s*$", re.IGNORECASE)


def read_text(path: Path, display: str) -> Iterator[RawArticle | Rejection]:
    text = read_text_file(path, display)
    lines = [ln.strip() for ln in text.split("\n")]
    lines = [ln for ln in lines if ln]
    source = None
    if lines and (m := _SOURCE_LINE.match(lines[-1])):
        source = m.group("source") or None
        lines.pop()
    if not lines:
        yield Rejection(display, "no article text (only a source line)")
        return
    first = 1 if len(lines) > 1 and is_date_alone(lines[0]) else 0
    yield make_article(
        display=display,
        fmt="text",
        where="text",
        source=source,
        summary=lines[first],
        paragraphs=lines[:first] + lines[first + 1 :],
    )
