"""Bytes to text for every reader: size limit, binary detection, BOMs and legacy encodings.

UTF-8 is tried first (with or without a byte-order mark), then UTF-16 when it has a BOM,
then Windows-1252, then Latin-1: articles saved by older tools still read correctly.
"""

from __future__ import annotations

from pathlib import Path

from generator.errors import InputError
from generator.textclean import strip_controls

MAX_BYTES = 20 * 1024 * 1024  # 20 MiB: far beyond any article, small enough to stay fast


def read_text_file(path: Path, display: str, max_bytes: int = MAX_BYTES) -> str:
    """Read ``path`` as text, or raise InputError naming ``display`` and the reason."""
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise InputError(
                display, f"file is too large: {size / 1e6:.1f} MB (limit {max_bytes / 1e6:.0f} MB)"
            )
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(display, f"cannot read file: {exc.strerror or exc}") from None
    return decode_bytes(data, display)


def decode_bytes(data: bytes, display: str) -> str:
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    elif data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return _clean(data.decode("utf-16"))
        except UnicodeDecodeError:
            raise InputError(display, "not valid UTF-16 text despite its byte-order mark") from None
    if b"\x00" in data[:8192]:
        raise InputError(display, "binary file, not text (it contains NUL bytes)")
    if not data.strip():
        raise InputError(display, "empty file")
    for encoding in ("utf-8", "cp1252", "latin-1"):
        try:
            return _clean(data.decode(encoding))
        except UnicodeDecodeError:
            continue
    raise InputError(display, "cannot decode text")  # pragma: no cover - latin-1 decodes anything


def _clean(text: str) -> str:
    """Normalise line ends and drop control characters (keeping tabs and newlines)."""
    return strip_controls(text.replace("\r\n", "\n").replace("\r", "\n"))
