"""The analysis cache: one JSON file per analysed article, keyed by the article's content and
by the pipeline's fingerprint (code version, model, data files).

An entry that cannot be read, or whose content does not match its key, is ignored and
rebuilt: the cache is never trusted over a fresh analysis. Deleting the folder is always safe.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from functools import lru_cache
from pathlib import Path

from generator.model import AnalysedArticle, RawArticle, article_from_json, article_to_json


@lru_cache(maxsize=1 << 17)  # the cache, the page keys and the download keys all ask for it
def article_key(article: RawArticle) -> str:
    """A hash of everything the analysis reads from the article (and its metadata)."""
    payload = json.dumps(
        [article.path, article.line, article.id, article.title, article.title_derived,
         article.date.isoformat() if article.date else None, article.source, article.url,
         article.summary, list(article.paragraphs), list(article.tags), article.format],
        ensure_ascii=False,
    )
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()[:32]


class AnalysisCache:
    def __init__(self, root: Path | None, fingerprint: str):
        self.dir = (root / "analysis" / fingerprint) if root else None

    def _path(self, key: str) -> Path:
        assert self.dir is not None
        return self.dir / key[:2] / f"{key}.json"

    def get(self, article: RawArticle) -> AnalysedArticle | None:
        if self.dir is None:
            return None
        key = article_key(article)
        try:
            data = json.loads(self._path(key).read_text(encoding="utf-8"))
            if data.get("key") != key:
                return None
            analysed = article_from_json(data["analysed"])
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            return None  # missing or corrupt: analyse again
        # never trust an entry whose article is not this one (edited or tampered with)
        return analysed if analysed.article == article else None

    def put(self, analysed: AnalysedArticle) -> None:
        if self.dir is None:
            return
        key = article_key(analysed.article)
        path = self._path(key)
        path.parent.mkdir(parents=True, exist_ok=True)
        data = json.dumps({"key": key, "analysed": article_to_json(analysed)}, ensure_ascii=False)
        fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write(data)
        os.replace(tmp, path)
