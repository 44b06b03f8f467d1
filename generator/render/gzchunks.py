"""Gzip files made of chunks compressed one by one, so that a table whose rows changed in one
place is compressed again in that place only, its other chunks copied from the last build's file.

Each chunk is a raw deflate stream ended by a sync flush (byte-aligned, not the last block);
the chunks one after the other and an empty last block are one deflate stream, as pigz makes
them, in one gzip member: gzip, zcat, Python, DuckDB, pandas and R read it as any gzip file.
The rows are the same as one stream of the whole text; a chunk starts without the dictionary
of the one before it, which costs a few hundred bytes a chunk. A cold build compresses every
chunk the same way, so a file is the same, byte for byte, whether its chunks were copied or made.

A file's index (each chunk's key, offset, length and its text's CRC-32 and length) is kept in
the page cache; the next build copies a chunk whose key it finds in the index out of the file,
when the file is as the last build left it (its size and modification time, as for every file
kept). The file's CRC-32 is combined from its chunks' (``crc32_combine``): no chunk is inflated.
"""

from __future__ import annotations

import struct
import zlib
from collections.abc import Callable, Iterable

GZIP_LEVEL = 6  # zlib's default: level 9 saves 1-3 % more for twice the time
# gzip's header (RFC 1952) without a file name or a time (mtime 0), OS "unknown" (255): the
# same bytes on every build and every system (zlib's own header names the system it ran on)
GZIP_HEADER = b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\xff"
LAST_BLOCK = b"\x03\x00"  # an empty block of fixed codes marked last (BFINAL=1, BTYPE=01, end-of-block)

Chunk = tuple[str, Callable[[], str]]  # (key: a hash of what its text is made from, how to make the text)
Index = list  # [[key, offset, length, crc, text length], ...]


def deflate_chunk(data: bytes) -> bytes:
    """``data`` as raw deflate blocks ending on a byte boundary, none marked last."""
    c = zlib.compressobj(GZIP_LEVEL, zlib.DEFLATED, -15)
    return c.compress(data) + c.flush(zlib.Z_SYNC_FLUSH)


def crc32_combine(crc1: int, crc2: int, len2: int) -> int:
    """The CRC-32 of A + B from A's (``crc1``), B's (``crc2``) and B's length. zlib's CRC-32 of a
    text continued from a value is affine in the value and in the text, so with Z the same
    number of zero bytes as B: crc(B, crc1) = crc(Z, crc1) ^ crc(B, 0) ^ crc(Z, 0)."""
    if len2 <= 0:
        return crc1
    zeros = bytes(len2)
    return zlib.crc32(zeros, crc1) ^ crc2 ^ zlib.crc32(zeros)


def chunked_gz(chunks: Iterable[Chunk], last: Index | None = None, old: bytes | None = None) -> tuple[bytes, Index]:
    """The gzip file of the chunks' texts one after the other, and its index. ``last`` and
    ``old``: the index and the bytes of the file the last build wrote; a chunk whose key is
    in it is copied, the others made and compressed."""
    found: dict[str, list] = {}
    if last and old and old.startswith(GZIP_HEADER) and _consistent(last, len(old)):
        for entry in last:
            found.setdefault(entry[0], entry)
    parts, index = [], []
    offset, crc, total = len(GZIP_HEADER), 0, 0
    for key, make in chunks:
        hit = found.get(key)
        if hit is not None:
            _, start, length, chunk_crc, size = hit
            body = old[start:start + length]
        else:
            data = make().encode("utf-8", "surrogatepass")
            body, chunk_crc, size = deflate_chunk(data), zlib.crc32(data), len(data)
        parts.append(body)
        index.append([key, offset, len(body), chunk_crc, size])
        offset += len(body)
        crc = crc32_combine(crc, chunk_crc, size)
        total += size
    data = GZIP_HEADER + b"".join(parts) + LAST_BLOCK + struct.pack("<LL", crc, total & 0xFFFFFFFF)
    return data, index


def _consistent(index: Index, size: int) -> bool:
    """Whether ``index`` describes a file of ``size`` bytes: its chunks end to end after the
    header, then the last block and the trailer (anything else: the file is not the one indexed)."""
    offset = len(GZIP_HEADER)
    for entry in index:
        if not (isinstance(entry, list) and len(entry) == 5 and entry[1] == offset and isinstance(entry[2], int)
                and entry[2] >= 0):
            return False
        offset += entry[2]
    return offset + len(LAST_BLOCK) + 8 == size
