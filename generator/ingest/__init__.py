"""Ingest: files and folders -> RawArticle, one reader per file suffix.

``read_articles`` walks the paths the user gave in sorted order (deterministic), picks a
reader by suffix from ``READERS``, and turns every failure into a ``Rejection`` naming the
file (and line): one bad file never stops the others. Articles with the same id (same url, or
the same text) are merged, keeping the first path, with a notice.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from generator.errors import InputError
from generator.ingest.jsonfile import read_json, read_jsonl
from generator.ingest.markdown import read_markdown
from generator.ingest.text import read_text
from generator.model import RawArticle, Rejection

Reader = Callable[[Path, str], Iterator[RawArticle | Rejection]]

READERS: dict[str, Reader] = {
    ".txt": read_text,
    ".md": read_markdown,
    ".markdown": read_markdown,
    ".json": read_json,
    ".jsonl": read_jsonl,
}


@dataclass(frozen=True, slots=True)
class IngestResult:
    articles: tuple[RawArticle, ...]
    rejections: tuple[Rejection, ...]
    notices: tuple[str, ...]  # duplicates merged, files skipped


def find_files(
    paths: Iterable[str], root: Path | None = None
) -> tuple[list[tuple[Path, str]], list[Rejection], list[str]]:
    """Expand files and folders into (path, display name) pairs, sorted within each folder.

    Relative paths are read from ``root`` (default: the working directory) but displayed as
    given, so messages and pages name files the way the user wrote them.
    """
    files: list[tuple[Path, str]] = []
    rejections: list[Rejection] = []
    notices: list[str] = []
    for given in paths:
        p = (root / given) if root is not None else Path(given)
        if p.is_dir():
            for child in sorted(p.rglob("*")):
                if child.is_file() and not any(part.startswith(".") for part in child.relative_to(p).parts):
                    display = str(Path(given) / child.relative_to(p))
                    if child.suffix.lower() in READERS:
                        files.append((child, display))
                    elif child.name.lower() not in ("readme", "readme.txt", "license"):
                        notices.append(f"{display}: skipped: not an article file (suffix '{child.suffix}')")
        elif p.is_file():
            if p.suffix.lower() in READERS:
                files.append((p, given))
            else:
                rejections.append(
                    Rejection(given, f"unknown article format '{p.suffix}' (expected one of {', '.join(READERS)})")
                )
        else:
            rejections.append(Rejection(given, "no such file or folder"))
    return files, rejections, notices


def read_articles(paths: Iterable[str], root: Path | None = None) -> IngestResult:
    files, rejections, notices = find_files(paths, root)
    articles: dict[str, RawArticle] = {}
    for path, display in files:
        try:
            for item in READERS[path.suffix.lower()](path, display):
                if isinstance(item, Rejection):
                    rejections.append(item)
                elif item.id in articles:
                    first = articles[item.id]
                    notices.append(f"{item.location}: duplicate of {first.location} (same url or text): merged")
                else:
                    articles[item.id] = item
        except InputError as exc:
            rejections.append(Rejection(exc.path, exc.reason, exc.line))
        except Exception as exc:  # noqa: BLE001 - the per-article boundary: never lose the run
            rejections.append(Rejection(display, f"unexpected error while reading: {type(exc).__name__}: {exc}"))
    return IngestResult(tuple(articles.values()), tuple(rejections), tuple(notices))
