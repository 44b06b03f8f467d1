"""Keep each article's story vector between builds, so that a warm build reads the vectors of
the articles it decides again instead of making them from their text.

Part of the digest-model stage, beside ``grouping.py`` (which makes a vector from an
article's words, actors and figures: the costliest step of a warm build's grouping, which
decides a few hundred articles again and needs their neighbours' vectors too). A vector is
kept under its article's key (``grouping.article_key``: its text and metadata); the folder is
keyed by the grouping's rules and the analysis fingerprint, so a vector is read back only when
making it again would give the same one (the floats are written as Python writes them, which
reads back exactly).

The folder ``stories-vectors-v1/`` holds segments (``<n>.jsonl``: a vector a line, a hash of
its JSON then the JSON, its terms in their order) and ``index.json`` (the header, each
segment's length, and where each article's line is), so that a build reads only the lines it
needs. Every file is written whole, never changed in place: a build writes the vectors it made
as a new segment, then the index; when more than half of the lines are of articles gone or
changed, or there are ``SEGMENTS`` segments, the live vectors are written as one segment and
the others removed. An index of other rules or another analysis, or one naming a segment of
another length or none, makes the folder unused (written again); a line that does not match its
hash is not used (the vector is made again).
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Callable, Iterable
from pathlib import Path

VERSION = 1
FOLDER = "stories-vectors-v1"  # beside the grouping's state in the cache folder
INDEX = "index.json"
SEGMENTS = 8  # more segments than this: written again as one

Vector = dict[str, float]


def _hash(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()[:16]


def _line(vec: Vector) -> bytes:
    text = json.dumps(vec, separators=(",", ":")).encode("ascii")  # ASCII: JSON escapes the rest
    return _hash(text).encode("ascii") + b" " + text + b"\n"


class VectorStore:
    """The vectors of the last builds (read line by line from ``folder``) and those made in this one."""

    def __init__(self, folder: Path, header: dict) -> None:
        self.folder = folder
        self.header = {"version": VERSION, **header}
        self.segments: dict[str, int] = {}  # segment number -> its length
        self.where: dict[str, list] = {}  # key -> [segment, offset, length] of its line
        self.added: dict[str, Vector] = {}
        self.files: dict[str, object] = {}
        try:
            index = json.loads((folder / INDEX).read_bytes())
            if index.get("header") != self.header:
                return
            for n, size in index["segments"].items():
                if os.stat(folder / f"{int(n)}.jsonl").st_size != size:
                    return  # not the segment the index was written with
            self.segments, self.where = index["segments"], index["where"]
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            self.segments, self.where = {}, {}

    def _read(self, at: list) -> bytes:
        n, offset, length = at
        f = self.files.get(n)
        if f is None:
            f = self.files[n] = (self.folder / f"{int(n)}.jsonl").open("rb")
        f.seek(offset)
        return f.read(length)

    def get(self, key: str) -> Vector | None:
        """The vector kept under ``key``, or None (none kept, or a damaged line)."""
        at = self.where.get(key)
        if at is None:
            return None
        try:
            digest, _, text = self._read(at).rstrip(b"\n").partition(b" ")
            if _hash(text) != digest.decode("ascii"):
                raise ValueError
            vec = json.loads(text)
            if not isinstance(vec, dict):  # the hash stands for the rest: the line is as written
                raise TypeError
        except (OSError, ValueError, TypeError, IndexError):
            del self.where[key]
            return None
        return vec

    def get_or_make(self, key: str, make: Callable[[], Vector]) -> Vector:
        vec = self.get(key)
        if vec is None:
            vec = self.added[key] = make()
        return vec

    def save(self, live: Iterable[str]) -> None:
        """Write the vectors made in this build as a segment, then the index; the live
        vectors as one segment when more than half of the lines are dead or the segments many."""
        live = set(live)
        new = [(k, _line(v)) for k, v in self.added.items() if k in live and k not in self.where]
        kept = sum(1 for k in self.where if k in live)
        whole = kept * 2 < len(self.where) or len(self.segments) >= SEGMENTS or not self.segments
        if not new and not whole:
            return
        from generator.atomic import write_atomic

        self.folder.mkdir(parents=True, exist_ok=True)
        lines = [(k, self._read(at)) for k, at in self.where.items() if k in live] if whole else []
        for f in self.files.values():
            f.close()
        self.files = {}
        lines += new
        if not lines and not self.segments:
            return
        n = str(max((int(x) for x in self.segments), default=0) + 1)
        where = {} if whole else self.where
        offset = 0
        for k, line in lines:
            where[k] = [n, offset, len(line)]
            offset += len(line)
        write_atomic(self.folder / f"{n}.jsonl", b"".join(line for _, line in lines))
        segments = {n: offset} if whole else {**self.segments, n: offset}
        write_atomic(self.folder / INDEX, json.dumps({"header": self.header, "segments": segments, "where": where},
                                                     separators=(",", ":")))
        self.segments, self.where = segments, where
        if whole:  # the segments no index names any more
            for path in self.folder.glob("*.jsonl"):
                if path.stem not in segments:
                    path.unlink(missing_ok=True)
