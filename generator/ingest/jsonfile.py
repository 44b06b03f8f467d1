"""JSON (one object or a list of them) and JSON Lines articles.

Each object has the Markdown front-matter fields plus ``body``. A line that is not JSON, or an
item that is not an object or has no text, is one rejection, named by its item number or line;
the others in the same file still build. A bad field is dropped with a warning (fields.py).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path

from generator.errors import InputError
from generator.ingest.decode import read_text_file
from generator.ingest.fields import make_article
from generator.model import DroppedField, RawArticle, Rejection


def _from_object(obj: object, display: str, where: str, fmt: str, line: int | None) -> RawArticle:
    if not isinstance(obj, dict):
        raise InputError(display, f"{where}: expected a JSON object, found {type(obj).__name__}", line)
    obj = {str(k).lower(): v for k, v in obj.items()}
    body = obj.get("body")
    dropped = []
    if body is not None and not isinstance(body, str):
        if isinstance(body, list) and all(isinstance(p, str) for p in body):
            body = "\n".join(body)
        else:
            problem = f"must be text, not a {type(body).__name__}" + (f" ({where})" if where.startswith("item ") else "")
            dropped.append(DroppedField(display, line, "body", problem, str(body)[:80]))
            body = None  # the summary may still be the article's text
    paragraphs = [p for p in re.split(r"\n+", body or "") if p.strip()]
    return make_article(
        display=display,
        fmt=fmt,
        where=where,
        title=obj.get("title"),
        date=obj.get("date"),
        source=obj.get("source"),
        url=obj.get("url"),
        summary=obj.get("summary"),
        paragraphs=paragraphs,
        tags=obj.get("tags"),
        author=obj.get("author"),
        line=line,
        dropped=dropped,
    )


def read_json(path: Path, display: str) -> Iterator[RawArticle | Rejection]:
    text = read_text_file(path, display)
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise InputError(display, f"not valid JSON: {exc.msg} at column {exc.colno}", exc.lineno) from None
    items = data if isinstance(data, list) else [data]
    if not items:
        raise InputError(display, "JSON list holds no articles")
    for i, obj in enumerate(items, 1):
        where = f"item {i}" if isinstance(data, list) else "JSON"
        try:
            yield _from_object(obj, display, where, "json", None)
        except InputError as exc:
            yield Rejection(display, exc.reason, exc.line)


def read_jsonl(path: Path, display: str) -> Iterator[RawArticle | Rejection]:
    text = read_text_file(path, display)
    for n, raw in enumerate(text.split("\n"), 1):
        if not raw.strip():
            continue
        try:
            obj = json.loads(raw)
        except json.JSONDecodeError as exc:
            yield Rejection(display, f"not valid JSON: {exc.msg} at column {exc.colno}", n)
            continue
        try:
            yield _from_object(obj, display, "JSON", "jsonl", n)
        except InputError as exc:
            yield Rejection(display, exc.reason, exc.line)
