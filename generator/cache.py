"""The analysis cache: one file per analysed article, keyed by the article's content and by the
pipeline's fingerprint (code version, model, data files).

An entry is two lines: a header (format, the article's key, a SHA-256 of the second line) and
the analysis record in JSON, without what the build already has: the article itself (the key
is a hash of it) and sentences repeated in themes, figures and quotations (they point into
the record's sentences). That halves what a warm build decodes.

An entry that cannot be read, is of another format, or whose content does not match its key
or checksum, is ignored and rebuilt (with one warning for them all): the cache is never trusted
over a fresh analysis. Entries are written whole (``atomic.write_atomic``), so a killed build
leaves none half written. A build removes the entries it did not use (articles removed or
edited since) and the folders of other pipelines left alone for a week (``prune``).
Deleting the folder is always safe.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import time
import warnings
from pathlib import Path

from generator.analysispack import AnalysisPack
from generator.atomic import write_atomic
from generator.fastjson import loads
from generator.model import AnalysedArticle, RawArticle, article_to_json, record_from_json

FORMAT = 2
ARTICLE_FIELDS = ("path", "line", "id", "title", "title_derived", "date", "source", "url", "format", "tags",
                  "summary", "paragraphs", "sources", "language", "author", "date_source")


# article -> its key, by identity: the cache, the page keys, the search documents and the
# download keys all ask for it (200,000 times a build at 10,000 articles). ``lru_cache`` looked
# an article up by its dataclass hash, which hashes every field again on each call (a tuple of
# its paragraphs among them): 0.8 s of a warm build at 10,000 articles. The article is kept
# beside its key, so that its id is not another's while the entry is there.
_KEYS: dict[int, tuple[RawArticle, str]] = {}
KEYS_KEPT = 1 << 17


def article_key(article: RawArticle) -> str:
    """A hash of everything the analysis reads from the article (and its metadata), made once
    for each article object (``article_key.cache_clear()`` forgets them)."""
    hit = _KEYS.get(id(article))
    if hit is not None and hit[0] is article:
        return hit[1]
    key = _article_key(article)
    if len(_KEYS) >= KEYS_KEPT:
        _KEYS.clear()
    _KEYS[id(article)] = (article, key)
    return key


article_key.cache_clear = _KEYS.clear  # type: ignore[attr-defined]


def known_key(article: RawArticle, key: str) -> None:
    """Take ``key`` as ``article``'s key without hashing it: a key kept with what the article
    was made from (the read cache keeps each unchanged file's articles with their keys, made
    by this code from those very articles: hashing 10,000 articles' text took 0.3 s of every
    warm build)."""
    if len(_KEYS) >= KEYS_KEPT:
        _KEYS.clear()
    _KEYS[id(article)] = (article, key)


def _article_key(article: RawArticle) -> str:
    """A hash of everything the analysis reads from the article (and its metadata).

    The date is in it (the analysis resolves office-holders by the article's date, so a date
    found in the file name or the text changes the analysis); so is where the date came from,
    which the pages and downloads show. Where the file is (its path and line) is not: the
    analysis never reads it and the record takes it from the article it is read back for, so a
    project moved to another folder, or a corpus copied, keeps its cache."""
    payload = json.dumps(
        [article.id, article.title, article.title_derived,
         article.date.isoformat() if article.date else None, article.date_source, article.source, article.url,
         article.summary, list(article.paragraphs), list(article.tags), article.format, article.language],
        ensure_ascii=False,
    )
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()[:32]


def warn_unreadable(path: Path | None, consequence: str = "ignored: made again") -> None:
    """Say that a cache or state file could not be read (truncated, corrupt): the build goes on
    without it, so the output is the same, only slower; a missing file is no news."""
    warnings.warn(f"{path}: unreadable cache: {consequence}", RuntimeWarning, stacklevel=2)


class AnalysisCache:
    def __init__(self, root: Path | None, fingerprint: str, packed: bool = False):
        """``packed``: read the records from the pack first (``generator.analysispack``), and
        keep every record given or taken for ``save_pack``."""
        self.dir = (root / "analysis" / fingerprint) if root else None
        self.unreadable = 0  # entries found but not usable (truncated, corrupt, another key)
        self.used: set[str] = set()  # the keys given or taken
        self.pack = AnalysisPack(self.dir, fingerprint) if packed and self.dir is not None else None
        self.records: dict[str, AnalysedArticle] = {}  # with a pack: what was given or taken, by key

    def _path(self, key: str) -> Path:
        assert self.dir is not None
        return self.dir / key[:2] / f"{key}.json"

    def get(self, article: RawArticle) -> AnalysedArticle | None:
        if self.dir is None:
            return None
        key = article_key(article)
        if self.pack is not None:
            found = self.pack.get(key, article)
            if found is not None:
                self.used.add(key)
                self.records[key] = found
                return found
        try:
            data = self._path(key).read_bytes()
        except OSError:
            return None  # not analysed yet
        try:
            head, _, body = data.partition(b"\n")
            header = loads(head)
            if header.get("v") == FORMAT and header.get("key") == key and header.get("sha") == _sha(body):
                found = _expand(loads(body), article)
                self.used.add(key)
                if self.pack is not None:
                    self.records[key] = found
                return found
        except (ValueError, KeyError, TypeError, AttributeError, IndexError):
            pass
        self.unreadable += 1
        return None  # corrupt: analyse again

    def has(self, article: RawArticle) -> bool:
        """Whether an entry is there for ``article`` (not whether it is readable: ``get``)."""
        if self.dir is None:
            return False
        key = article_key(article)
        return (self.pack is not None and key in self.pack.keys) or self._path(key).is_file()

    def put(self, analysed: AnalysedArticle) -> None:
        if self.dir is None:
            return
        key = article_key(analysed.article)
        self.used.add(key)
        if self.pack is not None:
            self.records[key] = analysed
        path = self._path(key)
        path.parent.mkdir(parents=True, exist_ok=True)
        body = json.dumps(_compact(analysed), ensure_ascii=False, separators=(",", ":")).encode("utf-8")
        head = json.dumps({"v": FORMAT, "key": key, "sha": _sha(body)}).encode("utf-8")
        write_atomic(path, head + b"\n" + body, fault="cache")


    def save_pack(self) -> None:
        """Pack the records given or taken (call it once every article was looked up)."""
        if self.pack is not None:
            self.pack.save(self.records)

    def prune(self, since: float, keep_others: float = 7 * 86400) -> int:
        """Remove the entries this cache neither gave nor took (the analyses of articles removed
        or edited since) that are older than ``since`` (a ``time.time()``: entries another
        process wrote meanwhile, ``digest analyse --shard``..., stay), and the folders of other
        pipelines (another code version, model or data file) untouched for ``keep_others``
        seconds. Call it only after looking up every article of the project. Returns how many
        entries were removed."""
        if self.dir is None or not self.dir.is_dir():
            return 0
        removed = 0
        for sub in os.scandir(self.dir):
            if not sub.is_dir():
                continue
            for entry in os.scandir(sub.path):
                name = entry.name
                if name.endswith(".json") and name[:-5] not in self.used:
                    try:
                        if entry.stat().st_mtime < since:
                            os.unlink(entry.path)
                            removed += 1
                    except OSError:
                        pass  # gone meanwhile, or not ours to remove: a cache
        old = time.time() - keep_others
        for other in os.scandir(self.dir.parent):
            if other.is_dir() and other.name != self.dir.name and _newest(other.path) < old:
                shutil.rmtree(other.path, ignore_errors=True)
        return removed


def _newest(folder: str) -> float:
    """The latest modification time of a folder and its subfolders (when an entry was added)."""
    newest = os.stat(folder).st_mtime
    for sub in os.scandir(folder):
        if sub.is_dir():
            newest = max(newest, sub.stat().st_mtime)
    return newest


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()[:32]


def _compact(analysed: AnalysedArticle) -> dict:
    """The record without the article, sentences given by their index where they can be."""
    d = article_to_json(analysed)
    for name in ARTICLE_FIELDS:
        d.pop(name, None)
    sentences = d["sentences"]
    where = {s: i for i, s in enumerate(sentences)}
    for t in d["themes"]:
        del t["evidence"]  # the same sentences as evidence_detail
        for e in t["evidence_detail"]:
            if 0 <= e["index"] < len(sentences) and sentences[e["index"]] == e["sentence"]:
                e["sentence"] = None
    for f in d["figures"]:
        i = where.get(f["sentence"])
        if i is not None:
            f["sentence"] = i
    for q in d["quotes"]:
        if 0 <= q["index"] < len(sentences) and sentences[q["index"]] == q["sentence"]:
            q["sentence"] = None
    return d


def _expand(d: dict, article: RawArticle) -> AnalysedArticle:
    sentences = d["sentences"]
    for t in d["themes"]:
        for e in t["evidence_detail"]:
            if e["sentence"] is None:
                e["sentence"] = sentences[e["index"]]
    for f in d["figures"]:
        if type(f["sentence"]) is int:
            f["sentence"] = sentences[f["sentence"]]
    for q in d["quotes"]:
        if q["sentence"] is None:
            q["sentence"] = sentences[q["index"]]
    return record_from_json(d, article)
