"""Keep each article's story vector between builds, so that a warm build reads the vectors of
the articles it decides again instead of making them from their text.

Part of the digest-model stage, beside ``grouping.py`` (which makes a vector from an
article's words, actors and figures: the costliest step of a warm build's grouping, which
decides a few hundred articles again and needs their neighbours' vectors too). A vector is
kept under its article's key (``grouping.article_key``: its text and metadata); the files are
keyed by the grouping's rules and the analysis fingerprint, so a vector is read back only when
making it again would give the same one (the floats are written as Python writes them, which
reads back exactly).

Two files: the vectors, one line each (a hash of the vector's JSON, then the JSON, its terms
in their order), and an index (JSON: the header, the vectors file's length, and where each
article's line is), so that a build reads only the lines it needs. A build appends the
vectors it made and writes the index again; when more than half the lines are of articles
gone or changed, both are written again with the live vectors only. An index of other rules
or another analysis, or of a vectors file of another length (a build killed between the two
writes), makes both unused (and written again); a line that does not match its hash is not
used (the vector is made again).
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Callable, Iterable
from pathlib import Path

VERSION = 1
FILE = "stories-vectors-v1.jsonl"  # beside the grouping's state in the cache folder; its index: FILE + ".idx"

Vector = dict[str, float]


def _hash(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()[:16]


def _line(vec: Vector) -> bytes:
    text = json.dumps(vec, separators=(",", ":")).encode("ascii")  # ASCII: JSON escapes the rest
    return _hash(text).encode("ascii") + b" " + text + b"\n"


class VectorStore:
    """The vectors of the last builds (read line by line from ``path``) and those made in this one."""

    def __init__(self, path: Path, header: dict) -> None:
        self.path = path
        self.index_path = path.with_name(path.name + ".idx")
        self.header = {"version": VERSION, **header}
        self.where: dict[str, list[int]] = {}  # key -> [offset, length] of its line in ``path``
        self.size = 0
        self.added: dict[str, Vector] = {}
        self.file = None
        try:
            index = json.loads(self.index_path.read_bytes())
            if index.get("header") != self.header or os.stat(path).st_size != index["size"]:
                return
            self.where, self.size = index["where"], index["size"]
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            self.where, self.size = {}, 0

    def get(self, key: str) -> Vector | None:
        """The vector kept under ``key``, or None (none kept, or a damaged line)."""
        at = self.where.get(key)
        if at is None:
            return None
        try:
            if self.file is None:
                self.file = self.path.open("rb")
            self.file.seek(at[0])
            digest, _, text = self.file.read(at[1]).rstrip(b"\n").partition(b" ")
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
        """Append the vectors made in this build and write the index again; write both whole
        (the ``live`` keys' vectors only) when more than half of the lines are dead."""
        if self.file is not None:
            self.file.close()
            self.file = None
        live = set(live)
        new = {k: _line(v) for k, v in self.added.items() if k in live and k not in self.where}
        kept = sum(1 for k in self.where if k in live)
        if not new and kept * 2 >= len(self.where) and self.size:
            return
        from generator.atomic import write_atomic

        self.path.parent.mkdir(parents=True, exist_ok=True)
        if self.size and kept * 2 >= len(self.where):
            with self.path.open("r+b") as f:  # append after the length the index knows
                f.seek(self.size)
                f.truncate()
                offset = self.size
                for k, line in new.items():
                    f.write(line)
                    self.where[k] = [offset, len(line)]
                    offset += len(line)
            self.size = offset
        else:  # the first time, or mostly dead: the live vectors only
            lines = []
            with self.path.open("rb") if self.size else _Nothing() as f:
                for k, (at, length) in self.where.items():
                    if k in live:
                        f.seek(at)
                        lines.append((k, f.read(length)))
            lines += new.items()
            self.where, offset = {}, 0
            for k, line in lines:
                self.where[k] = [offset, len(line)]
                offset += len(line)
            write_atomic(self.path, b"".join(line for _, line in lines))
            self.size = offset
        write_atomic(self.index_path, json.dumps({"header": self.header, "size": self.size, "where": self.where},
                                                 separators=(",", ":")))


class _Nothing:
    """No file to read from: an empty context."""

    def __enter__(self):
        return self

    def __exit__(self, *exc) -> None:
        return None
