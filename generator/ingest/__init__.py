"""Ingest: files and folders -> RawArticle, one reader per file suffix.

``read_articles`` walks the paths the user gave in sorted order (deterministic), picks a
reader by suffix from ``READERS``, and turns every failure into a ``Rejection`` naming the
file (and line): one bad file never stops the others. A bad metadata value (an unsafe URL, a
date that is not one) only drops that value: the article is kept and ``warnings`` names it. Articles with the same id (same url, or
the same text) are merged, keeping the first path, with a notice; so are near-duplicates, the
same story syndicated under another URL or lightly edited (see ``near_duplicate_groups``). A
merged article lists every outlet that ran it in ``sources``.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import heapq
import json
import os
import re
import shutil
import unicodedata
import zlib
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path

from generator.atomic import write_atomic
from generator.cache import article_key, known_key, warn_unreadable
from generator.errors import InputError
from generator.fastjson import loads
from generator.faults import point
from generator.ingest.dates import assign_dates
from generator.ingest.feeds import read_feed
from generator.ingest.html import read_html
from generator.ingest.jsonfile import read_json, read_jsonl
from generator.ingest.markdown import read_markdown
from generator.ingest.text import read_text
from generator.model import DroppedField, RawArticle, Rejection, positional_maker
from generator.versions import PACKAGE, folder_version

Reader = Callable[[Path, str], Iterator[RawArticle | Rejection]]

READERS: dict[str, Reader] = {
    ".txt": read_text,
    ".md": read_markdown,
    ".markdown": read_markdown,
    ".json": read_json,
    ".jsonl": read_jsonl,
    ".rss": read_feed,
    ".atom": read_feed,
    ".xml": read_feed,
    ".html": read_html,
    ".htm": read_html,
}

REJECTED_LIST = "rejected.jsonl"  # what ``digest build`` writes beside site/ (build.REJECTED_FILE)

# Near-duplicate detection (see ``near_duplicate_groups``).
SHINGLE_WORDS = 3
NEAR_DUPLICATE_JACCARD = 0.8
MIN_SHINGLES = 8  # shorter texts share too little to judge
TITLE_MIN_WORDS = 4
TITLE_MAX_DAYS = 2


@dataclass(frozen=True, slots=True)
class IngestResult:
    articles: tuple[RawArticle, ...]
    rejections: tuple[Rejection, ...]
    notices: tuple[str, ...]  # duplicates merged, files skipped
    warnings: tuple[DroppedField, ...] = ()  # metadata values dropped from articles that were kept


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
            base = Path(given)
            for parts in _tree(p):
                child = p.joinpath(*parts)
                display = str(base.joinpath(*parts))
                if parts == (REJECTED_LIST,):
                    # a project that reads articles from its own folder: not an article file
                    notices.append(f"{display}: skipped: the list of rejections a build writes")
                elif child.suffix.lower() in READERS:
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


def _tree(top: Path) -> list[tuple[str, ...]]:
    """The files under ``top`` as their parts relative to it, none hidden nor in a hidden folder,
    in the order ``sorted(top.rglob("*"))`` gives (by parts), following no symlinked folder (as
    ``rglob`` does not). ``os.walk`` with plain strings: ``rglob``, a ``Path`` per file and two
    ``relative_to`` each took a third of a second of every build at 10,000 articles."""
    out = []
    for here, dirs, names in os.walk(top):
        rel = os.path.relpath(here, top)
        parts = () if rel == "." else tuple(rel.split(os.sep))
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        out.extend((*parts, name) for name in names
                   if not name.startswith(".") and os.path.isfile(os.path.join(here, name)))
    out.sort()
    return out


def _load_json_cache(path: Path | None) -> dict | None:
    """A cache file's object; {} when missing or unreadable (computed again); None without a cache."""
    if path is None:
        return None
    try:
        data = loads(path.read_bytes())
    except FileNotFoundError:
        return {}
    except (OSError, ValueError):
        data = None
    if not isinstance(data, dict):
        warn_unreadable(path)
        return {}
    return data


def _save_sketches(path: Path | None, cache: dict | None, keep: set[str], known: set[str]) -> None:
    """Write the sketches of the texts in ``keep``; not when they are the ``known`` ones, read
    from the file (the same file again: 10,000 sketches encoded for nothing on a warm build)."""
    if path is None or cache is None:
        return
    data = {k: v for k, v in sorted(cache.items()) if k in keep}
    if data.keys() == known:
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    write_atomic(path, json.dumps(data, separators=(",", ":")), fault="read-cache")


READ_VERSION = folder_version(Path(__file__).parent, PACKAGE / "textclean.py", PACKAGE / "model.py", PACKAGE / "cache.py")
_RAW_FIELDS = [f.name for f in dataclasses.fields(RawArticle)]


def _raw_to_list(a: RawArticle) -> list:
    return [a.date.isoformat() if name == "date" and a.date else getattr(a, name) for name in _RAW_FIELDS]


_MAKE_RAW = positional_maker(RawArticle)  # a cached read makes 10,000 of them: by position
_DATE = _RAW_FIELDS.index("date")
_TUPLES = tuple(_RAW_FIELDS.index(name) for name in ("paragraphs", "tags", "sources"))
_DROPPED = _RAW_FIELDS.index("dropped")


def _raw_from_list(values: list) -> RawArticle:
    if len(values) != len(_RAW_FIELDS):
        raise ValueError("not an article's fields")
    v = list(values)
    v[_DATE] = dt.date.fromisoformat(v[_DATE]) if v[_DATE] else None
    for i in _TUPLES:
        v[i] = tuple(v[i])
    v[_DROPPED] = tuple(DroppedField(*x) for x in v[_DROPPED])
    return _MAKE_RAW(*v)


class ReadCache:
    """What each input file held when it was last read, by its name, size and modification
    time (and the readers' code): an unchanged file is not parsed again.

    Spread over 64 JSON files so that a new article rewrites one of them. Files that gave a
    rejection are not kept (they are read again, and say why again). A cache file that
    cannot be read, or an entry that does not fit, is ignored: the file is read. Each
    article's key (``cache.article_key``: a hash of its text and metadata) is kept with it and
    given back with it (``cache.known_key``), not made again from its text.
    """

    SHARDS = 64

    def __init__(self, cache_dir: Path | None):
        self.dir = cache_dir / f"read-v1-{READ_VERSION}" if cache_dir else None
        self.shards: dict[int, dict] = {}
        self.dirty: set[int] = set()
        self.seen: set[str] = set()

    def _shard(self, display: str) -> dict:
        n = zlib.crc32(display.encode("utf-8")) % self.SHARDS
        if n not in self.shards:
            data = {}
            if self.dir is not None:
                data = _load_json_cache(self.dir / f"{n:02d}.json")
            self.shards[n] = data
        return self.shards[n]

    def get(self, display: str, stamp: list[int]) -> list[RawArticle] | None:
        self.seen.add(display)
        hit = self._shard(display).get(display)
        if not isinstance(hit, list) or len(hit) != 3 or hit[0] != stamp or len(hit[1]) != len(hit[2]):
            return None
        try:
            articles = [_raw_from_list(values) for values in hit[1]]
        except (TypeError, ValueError, KeyError):
            return None
        for article, key in zip(articles, hit[2], strict=True):
            if isinstance(key, str):
                known_key(article, key)
        return articles

    def put(self, display: str, stamp: list[int], articles: list[RawArticle]) -> None:
        self._shard(display)[display] = [stamp, [_raw_to_list(a) for a in articles], [article_key(a) for a in articles]]
        self.dirty.add(zlib.crc32(display.encode("utf-8")) % self.SHARDS)

    def save(self) -> None:
        if self.dir is None:
            return
        for old in self.dir.parent.glob("read-v1-*"):
            if old != self.dir:
                shutil.rmtree(old, ignore_errors=True)  # made by other code: never read again
        for n, data in self.shards.items():
            gone = [k for k in data if k not in self.seen]
            for k in gone:
                del data[k]
            if gone or n in self.dirty:
                self.dir.mkdir(parents=True, exist_ok=True)
                write_atomic(self.dir / f"{n:02d}.json", json.dumps(data, ensure_ascii=False, separators=(",", ":")),
                             fault="read-cache")


def _read_file(path: Path, display: str, cache: ReadCache) -> Iterator[RawArticle | Rejection]:
    try:
        st = path.stat()
        stamp = [st.st_size, st.st_mtime_ns]
    except OSError:
        stamp = None
    if stamp is not None:
        hit = cache.get(display, stamp)
        if hit is not None:
            yield from hit
            return
    items = []
    for item in READERS[path.suffix.lower()](path, display):
        items.append(item)
        yield item
    if stamp is not None and not any(isinstance(i, Rejection) for i in items):
        cache.put(display, stamp, items)


def read_articles(
    paths: Iterable[str], root: Path | None = None, cache_dir: Path | None = None,
    dates: dict[str, dt.date] | None = None, progress=None,
) -> IngestResult:
    """Read every article under ``paths``; ``cache_dir`` keeps what unchanged files held and
    the near-duplicate sketches. Undated articles are dated from their file name, their text
    or ``dates`` (the project's dates CSV, path -> date): see ``ingest.dates``. ``progress``
    (a ``generator.progress.Progress``) is told of each file read."""
    files, rejections, notices = find_files(paths, root)
    articles: dict[str, RawArticle] = {}
    also: dict[str, list[RawArticle]] = defaultdict(list)  # id -> the same article read again
    warnings: list[DroppedField] = []
    read_cache = ReadCache(cache_dir)
    task = progress.task("read", len(files)) if progress is not None else None
    for path, display in files:
        point("read:file")
        if task is not None:
            task.advance()
        try:
            for item in _read_file(path, display, read_cache):
                if isinstance(item, Rejection):
                    rejections.append(item)
                    continue
                warnings.extend(item.dropped)
                if item.id in articles:
                    first = articles[item.id]
                    notices.append(f"{item.location}: duplicate of {first.location} (same url or text): merged")
                    also[item.id].append(item)
                else:
                    articles[item.id] = item
        except InputError as exc:
            rejections.append(Rejection(exc.path, exc.reason, exc.line))
        except Exception as exc:  # noqa: BLE001 - the per-article boundary: never lose the run
            rejections.append(Rejection(display, f"unexpected error while reading: {type(exc).__name__}: {exc}"))
    read_cache.save()
    if task is not None:
        task.close()
    dated, date_notices = assign_dates(articles.values(), dates)
    notices.extend(date_notices)
    articles = {a.id: a for a in dated}
    sketch_file = cache_dir / "sketches-v1.json" if cache_dir else None
    state_file = cache_dir / "near-duplicates-v1.json" if cache_dir else None
    cache = _load_json_cache(sketch_file)
    known = set(cache) if cache is not None else set()
    state = _load_json_cache(state_file)
    if state is not None and state.get("version") != READ_VERSION:
        state = {"version": READ_VERSION}  # made by other code (other thresholds): search again
    before = json.dumps(state, separators=(",", ":")) if state is not None else None
    text_keys = [_text_key(a) for a in articles.values()]
    kept = _merge_near_duplicates(list(articles.values()), also, notices, cache, state, text_keys)
    if state_file is not None and state is not None:
        after = json.dumps(state, separators=(",", ":"))
        if after != before:  # else the file holds it already
            state_file.parent.mkdir(parents=True, exist_ok=True)
            write_atomic(state_file, after, fault="read-cache")
    _save_sketches(sketch_file, cache, set(text_keys), known)
    return IngestResult(tuple(kept), tuple(rejections), tuple(notices), tuple(warnings))


MAX_POSTING = 200
MAX_CANDIDATES = 20


def _words(text: str) -> list[str]:
    return re.findall(r"\w+", unicodedata.normalize("NFKC", text).casefold())


def _shingles(article: RawArticle) -> frozenset[str]:
    words = _words(" ".join((article.summary, *article.paragraphs)))
    return frozenset(" ".join(words[i : i + SHINGLE_WORDS]) for i in range(len(words) - SHINGLE_WORDS + 1))


def _title_key(article: RawArticle) -> str | None:
    words = _words(article.title)
    return " ".join(words) if not article.title_derived and len(words) >= TITLE_MIN_WORDS else None


SKETCH = 64
INDEX_KEYS = 8


def _text_key(article: RawArticle) -> str:
    """A hash of an article's text: the key of its sketch and of its place in the near-duplicate
    state (made once for each article of a read: ``read_articles``)."""
    return hashlib.sha1("\n".join((article.summary, *article.paragraphs)).encode("utf-8")).hexdigest()


def _sketch(article: RawArticle, cache: dict | None, key: str = "") -> tuple[int, tuple[int, ...]]:
    """(number of distinct shingles, the SKETCH smallest shingle hashes), cached by text
    (``key``: its ``_text_key``)."""
    if cache is not None and key in cache:
        count, hashes = cache[key]
        return count, tuple(hashes)
    words = _words(" ".join((article.summary, *article.paragraphs)))
    hashes = {zlib.crc32(" ".join(words[i : i + SHINGLE_WORDS]).encode()) for i in range(len(words) - SHINGLE_WORDS + 1)}
    result = (len(hashes), tuple(heapq.nsmallest(SKETCH, hashes)))
    if cache is not None:
        cache[key] = [result[0], list(result[1])]
    return result


def _estimate(a: tuple[int, ...], b: tuple[int, ...]) -> float:
    """Jaccard similarity estimated from two bottom-k sketches."""
    union = sorted(set(a) | set(b))[:SKETCH]
    both = set(a).intersection(b)
    return len(both.intersection(union)) / len(union) if union else 0.0


def near_duplicate_groups(
    articles: list[RawArticle], cache: dict | None = None, state: dict | None = None, keys: list[str] | None = None
) -> list[list[int]]:
    """Indices of articles that tell the same story, grouped, each group in input order.

    Two articles are the same story when either
    - their texts (summary and body) overlap: the Jaccard similarity of their sets of
      3-word shingles (every run of three consecutive words, case and punctuation ignored) is
      at least 0.8. A syndicated copy with a changed word or a trimmed sentence keeps most
      shingles; two different stories on one topic share few, since their sentences differ;
    - or their given titles are equal once case and punctuation are ignored, have at least
      four words, and the articles are at most two days apart (or undated): wire copy keeps
      the headline while outlets cut the body to length, which can take a copy below 0.8.
      Short headlines ("Live updates") and the same headline weeks apart are left alone.

    Candidates come from bottom-k sketches (Broder 1997; Cohen & Kaplan 2007): each text keeps
    the ``SKETCH`` smallest CRC-32 hashes of its shingles, and is indexed under the
    ``INDEX_KEYS`` smallest; two texts at 0.8 share one of those almost surely. The sketches
    estimate the Jaccard similarity, and pairs close enough are confirmed on the full shingle
    sets. Sketches depend only on a text, so they are kept in the analysis cache and a warm
    build computes them for new articles only. Two bounds keep the search linear on repetitive
    corpora (boilerplate, templated copy): a hash looks back at its latest ``MAX_POSTING`` texts,
    and only the ``MAX_CANDIDATES`` texts sharing the most keys are compared.
    """
    parent = list(range(len(articles)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    def union(i: int, j: int) -> None:
        a, b = find(i), find(j)
        parent[max(a, b)] = min(a, b)

    by_title: dict[str, list[int]] = defaultdict(list)
    for j, art in enumerate(articles):
        key = _title_key(art)
        if key is None:
            continue
        for i in by_title[key]:
            a, b = articles[i].date, art.date
            if a is None or b is None or abs((a - b).days) <= TITLE_MAX_DAYS:
                union(i, j)
        by_title[key].append(j)

    keys = [_text_key(a) for a in articles] if keys is None else keys  # given: the caller has them
    sketches = [_sketch(a, cache, key) for a, key in zip(articles, keys, strict=True)]
    done, found = 0, []  # texts already searched, their matches (pairs of indices)
    if state is not None:
        old = state.get("keys")
        if isinstance(old, list) and isinstance(state.get("pairs"), list):
            while done < min(len(old), len(keys)) and old[done] == keys[done]:
                done += 1
            try:
                found = [(int(i), int(j)) for i, j in state["pairs"] if 0 <= int(i) < int(j) < done]
            except (TypeError, ValueError):
                done, found = 0, []
        for i, j in found:
            union(i, j)
    index: dict[int, list[int]] = defaultdict(list)
    exact: dict[int, frozenset[str]] = {}

    def shingles(i: int) -> frozenset[str]:
        if i not in exact:
            exact[i] = _shingles(articles[i])
        return exact[i]

    for j, (count, sketch) in enumerate(sketches):
        if count < MIN_SHINGLES:
            continue
        if j < done:  # searched last time, same texts before it: same matches
            for h in sketch[:INDEX_KEYS]:
                index[h].append(j)
            continue
        shared: Counter[int] = Counter()
        for h in sketch[:INDEX_KEYS]:
            shared.update(index[h][-MAX_POSTING:])
            index[h].append(j)
        # a true near-duplicate shares most of its smallest hashes: check the likeliest few
        # only, so boilerplate shared by thousands of texts cannot make the search quadratic
        for i, _ in shared.most_common(MAX_CANDIDATES):
            other_count, other = sketches[i]
            if min(other_count, count) < NEAR_DUPLICATE_JACCARD * max(other_count, count):
                continue  # sizes alone rule it out
            if _estimate(sketch, other) < NEAR_DUPLICATE_JACCARD - 0.1:
                continue
            a, b = shingles(i), shingles(j)  # confirm exactly: the estimate is only a filter
            if len(a & b) >= NEAR_DUPLICATE_JACCARD * len(a | b):
                union(i, j)
                found.append((i, j))
    if state is not None:
        state["keys"], state["pairs"] = keys, sorted(found)

    groups: dict[int, list[int]] = defaultdict(list)
    for j in range(len(articles)):
        groups[find(j)].append(j)
    return [g for g in groups.values() if len(g) > 1]


def _merge_near_duplicates(
    articles: list[RawArticle], also: dict[str, list[RawArticle]], notices: list[str], cache: dict | None = None,
    state: dict | None = None, keys: list[str] | None = None,
) -> list[RawArticle]:
    """Keep the first article of each story, listing every outlet that ran it."""
    merged_into: dict[int, int] = {}
    for group in near_duplicate_groups(articles, cache, state, keys):
        first = articles[group[0]]
        for j in group[1:]:
            merged_into[j] = group[0]
            notices.append(f"{articles[j].location}: same story as {first.location} (near-duplicate): merged")
    reports: dict[int, list[RawArticle]] = defaultdict(list)
    for j, art in enumerate(articles):
        reports[merged_into.get(j, j)].extend([art, *also.get(art.id, ())])
    kept = []
    for j, art in enumerate(articles):
        if j in merged_into:
            continue
        sources = tuple(dict.fromkeys(r.source for r in reports[j] if r.source))
        kept.append(replace(art, sources=sources) if len(sources) > 1 else art)
    return kept
