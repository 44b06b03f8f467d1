"""The analysis cache packed: every analysis a build used, in a few files read whole.

A warm build of 10,000 articles read 10,000 cache entries (``cache.AnalysisCache``): opening
each file, checking it, decoding its JSON and building the records field by field by name
took 11 s, more than anything else the build did. The pack holds the same records as plain
values in the order of the model's fields (``marshal``: tuples, strings, numbers, decoded in C),
in segments of many records each; records are made from them by position. The per-article
entries stay the cache (a record missing from the pack is read from its entry), the pack only
reads them faster: a build adds a segment with the records it read from entries or made, and
writes the pack again as one segment when it has too many segments or holds too many records
no article uses any more.

A segment is two lines: a header (the pack's format and the code of the model it was made
for, the analysis fingerprint, the records' keys and a SHA-256 of the second line) and the
records. A segment that cannot be read, or was made for other code, is removed (with one
warning): its records are read from their entries, as without a pack. Segments are written
whole (``atomic.write_atomic``), named by their content, in the pipeline's folder of the
analysis cache (``analysis/<fingerprint>/pack-v1/``): removing that folder removes them too.
"""

from __future__ import annotations

import hashlib
import json
import marshal
import os
import sys
from pathlib import Path

from generator.atomic import write_atomic
from generator.fastjson import loads
from generator.model import (
    ActorRef,
    AnalysedArticle,
    Evidence,
    Figure,
    Mention,
    Quote,
    RawArticle,
    ThemeHit,
    positional_maker,
)
from generator.versions import PACKAGE, code_version

FOLDER = "pack-v1"  # in the pipeline's folder of the analysis cache, beside its entries
SUFFIX = ".pack"
# records are made by position: another version of the model's classes (or of this code) is another
# pack; so is another Python (marshal's format may change between versions)
VERSION = code_version(PACKAGE / "model.py", Path(__file__), extra=f"python {sys.version_info[0]}.{sys.version_info[1]}")
MAX_SEGMENTS = 8  # more than this: written again as one
MAX_UNUSED = 0.2  # records no article uses, as a share of the used ones: past it, written again as one


class AnalysisPack:
    """The packed records of one pipeline (``fingerprint``) in ``folder``, its folder of the
    analysis cache."""

    def __init__(self, folder: Path, fingerprint: str):
        self.dir = folder / FOLDER
        self.fingerprint = fingerprint
        self.keys: set[str] = set()  # the keys of every record in the pack
        self.unreadable = 0  # segments removed: truncated, corrupt, or of other code
        self._segments: list[tuple[Path, list[str], str]] = []  # (file, keys, SHA-256 of its records)
        self._records: dict[str, tuple] = {}
        self._decoded = False
        self._damaged = False  # a record could not be made: the pack is written again
        self._read_headers()

    def _read_headers(self) -> None:
        try:
            names = sorted(n for n in os.listdir(self.dir) if n.endswith(SUFFIX))
        except OSError:
            return  # no pack yet
        for name in names:
            path = self.dir / name
            try:
                with open(path, "rb") as f:
                    header = loads(f.readline())  # the keys only: the records are read when asked for
                keys = header["keys"]
                if header.get("v") != VERSION or header.get("fingerprint") != self.fingerprint or not isinstance(keys, list):
                    raise ValueError("another pack")
            except (OSError, ValueError, KeyError, TypeError, AttributeError):
                self._drop(path)
                continue
            self._segments.append((path, keys, header.get("sha")))
            self.keys.update(keys)

    def _drop(self, path: Path) -> None:
        self.unreadable += 1
        path.unlink(missing_ok=True)

    def _decode(self) -> None:
        """Decode every segment's records (once: after the keys were used to decide what to
        analyse, so that the analysis of new articles starts before this)."""
        self._decoded = True
        kept = []
        for path, keys, sha in self._segments:
            try:
                body = path.read_bytes().partition(b"\n")[2]
                if _sha(body) != sha:
                    raise ValueError("changed since")
                records = marshal.loads(body)
                if not isinstance(records, dict) or sorted(records) != keys:
                    raise ValueError("not a pack's records")
            except (OSError, ValueError, EOFError, TypeError):
                self._drop(path)
                self._damaged = True
                continue
            self._records.update(records)
            kept.append((path, keys, sha))
        self._segments = kept
        self.keys = set(self._records)

    def get(self, key: str, article: RawArticle) -> AnalysedArticle | None:
        """The analysis of ``article`` (whose key is ``key``) from the pack, or None."""
        if key not in self.keys:
            return None
        if not self._decoded:
            self._decode()
        values = self._records.pop(key, None)  # made once: the values are not needed any more
        if values is None:
            return None
        try:
            return from_values(values, article)
        except (ValueError, TypeError, IndexError):
            self._damaged = True
            self.keys.discard(key)
            return None

    def save(self, used: dict[str, AnalysedArticle]) -> None:
        """Add the records of ``used`` (every analysis the build used, by key) that the pack
        lacks, as a segment; or write the pack again as one segment of ``used`` when it has
        too many segments or too many records no article uses (or one could not be made)."""
        new = [key for key in used if key not in self.keys]
        unused = len(self.keys - used.keys())
        whole = (self._damaged or unused > MAX_UNUSED * len(used)
                 or len(self._segments) + bool(new) > MAX_SEGMENTS)
        if not new and not whole:
            return
        self.dir.mkdir(parents=True, exist_ok=True)
        keys = sorted(used) if whole else sorted(new)
        shared: dict[str | None, str | None] = {}  # one string object for each text (``to_values``)
        written, sha = self._write({key: to_values(used[key], shared) for key in keys})
        if whole:
            for path, _, _ in self._segments:
                if path != written:
                    path.unlink(missing_ok=True)
            self._segments, self.keys = [], set()
        self._segments.append((written, keys, sha))
        self.keys.update(keys)
        self._damaged = False

    def forget(self, keys: set[str]) -> None:
        """Remove the records of ``keys`` from the pack: each segment that holds one is written
        again without them (so that the next build reads, or analyses, them anew)."""
        for path, segment_keys, sha in self._segments:
            if keys.isdisjoint(segment_keys):
                continue
            body = path.read_bytes().partition(b"\n")[2]
            records = marshal.loads(body) if _sha(body) == sha else {}
            path.unlink()
            kept = {k: v for k, v in records.items() if k not in keys}
            if kept:
                self._write(kept)

    def _write(self, records: dict[str, tuple]) -> tuple[Path, str]:
        keys = sorted(records)
        body = marshal.dumps({key: records[key] for key in keys}, 4)
        sha = _sha(body)
        head = json.dumps({"v": VERSION, "fingerprint": self.fingerprint, "sha": sha, "keys": keys}).encode("utf-8")
        path = self.dir / f"{sha}{SUFFIX}"
        write_atomic(path, head + b"\n" + body, fault="pack")
        return path, sha


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()[:32]


def to_values(a: AnalysedArticle, shared: dict[str | None, str | None] | None = None) -> tuple:
    """The analysis without its article, as plain values in the order of the model's fields.

    ``shared``: every text value is taken from it, the first of its equals (and added when new),
    so that the records written together hold one string object for each distinct text:
    ``marshal`` writes a string it has written before as a reference to it and reads it back
    once. Actor names, mention kinds, certainties, theme ids, patterns and units repeat
    thousands of times: at 10,000 articles the pack was 120 MB and decoded in 0.39 s CPU, 52 MB
    and 0.21 s so; fewer objects are made and freed besides. Only ``str`` (or ``None``) fields
    go through it: numbers must not (``1 == 1.0 == True`` would share one of them)."""
    keep = {} if shared is None else shared

    def one(text: str | None) -> str | None:
        return keep.setdefault(text, text)

    def each(texts: tuple) -> tuple:
        return tuple(map(keep.setdefault, texts, texts))

    return (
        each(a.sentences), each(a.certainties),
        tuple((one(m.actor), one(m.text), m.start, m.end, m.sentence, one(m.kind)) for m in a.mentions),
        tuple((one(r.name), one(r.type), r.count, one(r.affiliation), r.known) for r in a.actors),
        tuple((one(t.id), one(t.name), t.score,
               tuple((one(e.sentence), e.index, one(e.certainty), each(e.patterns), one(e.likelihood)) for e in t.evidence))
              for t in a.themes),
        tuple((one(f.text), f.value, one(f.unit), one(f.qualifier), one(f.attribution), one(f.sentence), one(f.certainty),
               one(f.place), one(f.likelihood), one(f.measure), f.upper, one(f.attribution_actor)) for f in a.figures),
        one(a.pipeline),
        tuple((one(q.text), one(q.speaker), one(q.actor), one(q.verb), one(q.sentence), q.index) for q in a.quotes),
        each(a.likelihoods), tuple((one(name), one(kind), count) for name, kind, count in a.unresolved),
    )


# the records' classes made by position (``model.positional_maker``): most of reading the pack
_ACTOR, _EVIDENCE, _THEME, _FIGURE, _QUOTE, _ANALYSED = map(positional_maker, (ActorRef, Evidence, ThemeHit, Figure, Quote,
                                                                            AnalysedArticle))


def from_values(values: tuple, article: RawArticle) -> AnalysedArticle:
    """``to_values`` undone, for ``article``."""
    sentences, certainties, mentions, actors, themes, figures, pipeline, quotes, likelihoods, unresolved = values
    return _ANALYSED(
        article,
        sentences,
        certainties,
        tuple(map(Mention._make, mentions)),
        tuple(_ACTOR(*r) for r in actors),
        tuple(_THEME(i, name, score, tuple(_EVIDENCE(*e) for e in evidence)) for i, name, score, evidence in themes),
        tuple(_FIGURE(*f) for f in figures),
        pipeline,
        tuple(_QUOTE(*q) for q in quotes),
        likelihoods,
        unresolved,
    )
