"""Zensical's link check without its byte-at-a-time loops: ``python -m generator.zensical_scan
build ...`` is ``python -m zensical build ...`` with the scanner below in place.

Zensical (0.0.73) checks every link of every page on every build, its cache full or not: it
scans each page's Markdown for links and anchors with a scanner written in Python
(``zensical.collectors.references.cursor``) that moves through the text one byte at a time,
every step a call (``Cursor.advance``, also to skip a run it has already measured). The
digest's pages are mostly HTML the generator wrote, some of it long (actor pages list every
article), so that scan was about three quarters of a Zensical build, and the whole of a warm
one (about 0.25 MB of Markdown a second on the loaded 2-core machine: 200 s at 1,000 articles).

The functions below compute the same thing with ``bytes.find``/``rfind`` and regular
expressions over the runs those loops walk: the cursor lands where it did, with the same
column, and the scanner yields the same references in the same order (tested against
Zensical's own functions, on every page of the sample and on odd HTML,
``tests/test_zensical.py``). They replace their namesakes only in the Zensical version they
were written against (``FOR_VERSION``); any other runs its own scanner, unchanged.

And a page that did not change since the last build is not scanned at all: ``remember`` keeps
each page's references, and the anchors of its HTML (another scan Zensical makes of every
page on every build), by a hash of its text, in a file beside Zensical's cache (``MEMO``
names it; ``digest build --full`` deletes it), so a daily update scans only the pages it
changed.
"""

from __future__ import annotations

import atexit
import hashlib
import marshal
import os
import re
import sys
from dataclasses import fields
from importlib.metadata import version
from pathlib import Path

FOR_VERSION = "0.0.73"
MEMO = "DIGEST_ZENSICAL_LINKS"  # where the child keeps the pages' references between builds

_NL, _CR, _LANGLE, _RANGLE, _EQUALS = b"\n"[0], b"\r"[0], b"<"[0], b">"[0], b"="[0]
_SPACES = re.compile(rb"[ \t\r\n/]*")  # what separates attributes (a slash too)
_WHITE = re.compile(rb"[ \t\r\n]*")
_NAME_START = re.compile(rb"[A-Za-z_:]")
_NAME = re.compile(rb"[^ \t\r\n>/=]*")
_UNQUOTED = re.compile(rb"[^ \t\r\n>]*")
_TAG_NAME = re.compile(rb"<[A-Za-z][A-Za-z0-9-]*(?=[ \t\r\n>/])")
# A whole opening tag as _scan_html_tag reads it, attribute by attribute and never going back
# (possessive and atomic): separators, a byte that cannot start a name (skipped), or a name
# with its value if it has one ('=' then a quoted value, which must be closed, or a bare one)
_TAG = re.compile(
    rb"<[A-Za-z][A-Za-z0-9-]*+(?=[ \t\r\n>/])"
    rb"(?>[ \t\r\n/]++|[^ \t\r\n/>A-Za-z_:]"
    rb"|[A-Za-z_:][^ \t\r\n>/=]*+[ \t\r\n]*+"
    rb"(?:=[ \t\r\n]*+(?:\"[^\"]*+\"|'[^']*+'|(?![\"'])[^ \t\r\n>]*+)|(?!=)))*+>"
)
_LINKY = re.compile(rb"(?i)src|href")


def advance(self, n: int = 1) -> None:
    """``Cursor.advance``: move ``n`` bytes on (not past the end); the column counts from the
    last line break passed."""
    pos = self.pos
    end = min(pos + n, self.end)
    if end <= pos:
        return
    data = self.data
    brk = max(data.rfind(b"\n", pos, end), data.rfind(b"\r", pos, end))
    self.col = self.col + end - pos if brk < 0 else end - brk - 1
    self.pos = end


def find_line_end(cursor, pos: int) -> int:
    """``_find_line_end``: the next line break at or after ``pos``, or the end."""
    if pos >= cursor.end:
        return pos
    data, end = cursor.data, cursor.end
    hits = [i for i in (data.find(b"\n", pos, end), data.find(b"\r", pos, end)) if i >= 0]
    return min(hits) if hits else end


def find_line_start(cursor, pos: int) -> int:
    """``_find_line_start``: the first byte after the last line break before ``pos``."""
    if pos <= 0:
        return pos
    data = cursor.data
    return max(data.rfind(b"\n", 0, pos), data.rfind(b"\r", 0, pos)) + 1


def make_scan_html_attrs(span):
    """``_scan_html_attrs`` (``span`` is the cursor's ``span`` function): the attributes of a
    tag from ``pos`` to its closing ``>``, as (position after it, {lowercased name: value
    span}); None when the tag is not closed."""

    def scan_html_attrs(cursor, pos: int):
        data, end = cursor.data, cursor.end
        attrs = {}
        while pos < end and data[pos] != _RANGLE:
            skip = _SPACES.match(data, pos, end).end()
            if skip != pos:
                pos = skip
                continue
            if not _NAME_START.match(data, pos, end):  # not an attribute: one byte on
                pos += 1
                continue
            start = pos
            pos = _NAME.match(data, pos, end).end()
            name = data[start:pos].lower()
            pos = _WHITE.match(data, pos, end).end()
            if pos >= end or data[pos] != _EQUALS:  # a boolean attribute
                attrs[name] = span(cursor, pos, pos)
                continue
            pos = _WHITE.match(data, pos + 1, end).end()
            if pos < end and data[pos] in b"\"'":
                start = pos + 1
                close = data.find(data[pos : pos + 1], start, end)
                pos = end if close < 0 else close
                attrs[name] = span(cursor, start, pos)
                if pos < end:
                    pos += 1
            else:
                start = pos
                pos = _UNQUOTED.match(data, pos, end).end()
                attrs[name] = span(cursor, start, pos)
        if pos >= end:
            return None
        return pos + 1, attrs

    return scan_html_attrs


def make_scan_html_tag(module):
    """``_scan_html_tag``: an opening tag at the cursor, as (position after it, its links: the
    non-empty ``src`` and ``href`` values); None when there is none."""

    def scan_html_tag(cursor):
        tag = _TAG_NAME.match(cursor.data, cursor.pos, cursor.end)
        if tag is None:
            return None
        result = module._scan_html_attrs(cursor, tag.end())
        if result is None:
            return None
        pos, attrs = result
        links = []
        for key in (b"src", b"href"):
            span = attrs.get(key)
            if span is not None and span.start < span.end:
                links.append(module.Link(span.start, span.end, "html", span, span))
        return pos, links

    return scan_html_tag


def make_scan_html_links(module):
    """``_scan_html_links``: the links of an HTML block's tags, comments skipped. The block is
    searched for its next ``<``; a tag is recognised by ``_TAG``, and only a tag with ``src``
    or ``href`` in it is read attribute by attribute (``_scan_html_tag``) for its links."""

    def scan_html_links(cursor):
        data, end = cursor.data, cursor.end
        pos = cursor.pos
        while pos < end:
            lt = data.find(b"<", pos, end)
            if lt < 0:
                break
            if data.startswith(b"<!--", lt):
                close = data.find(b"-->", lt + 4)
                if close < 0:  # an unclosed comment hides the rest
                    break
                pos = close + 3
                continue
            tag = _TAG.match(data, lt, end)
            if tag is None:  # not an opening tag (a closing one, text, an unclosed tag)
                pos = lt + 1
                continue
            if _LINKY.search(data, lt, tag.end()):
                cursor.pos = lt
                _, links = module._scan_html_tag(cursor)
                yield from links
            pos = tag.end()
        cursor.pos, cursor.col = end, 0  # (the block's own cursor: not read after this)

    return scan_html_links


def install() -> bool:
    """Put the functions above in place of Zensical's, when its version is ``FOR_VERSION``;
    returns whether it did."""
    if version("zensical") != FOR_VERSION:
        return False
    from zensical.collectors.references import cursor as module

    module.Cursor.advance = advance
    module._find_line_end = find_line_end
    module._find_line_start = find_line_start
    module._scan_html_attrs = make_scan_html_attrs(module.Cursor.span)
    module._scan_html_tag = make_scan_html_tag(module)
    module._scan_html_links = make_scan_html_links(module)
    return True


def _encode(span, ref) -> tuple:
    """A reference as plain values: its class's name, then its fields (a ``span`` as a pair)."""
    values = (getattr(ref, f.name) for f in fields(ref))
    return (type(ref).__name__, *((v.start, v.end) if isinstance(v, span) else v for v in values))


def _decode(classes: dict, span, value: tuple):
    cls, *args = value
    return classes[cls](*(span(*a) if isinstance(a, tuple) else a for a in args))


def _load(path: Path) -> dict[str, dict]:
    """The file ``remember`` wrote: {"references": {...}, "anchors": {...}}; empty ones when it
    is missing, unreadable or of another shape."""
    try:
        last = marshal.loads(path.read_bytes())
    except (OSError, EOFError, ValueError, TypeError):
        last = {}
    last = last if isinstance(last, dict) else {}
    return {part: last[part] if isinstance(last.get(part), dict) else {} for part in ("references", "anchors")}


def remember(path: Path):
    """Keep what Zensical scans of each page in ``path`` from one build to the next, so that a
    page unchanged since the last build is not scanned again: the references of its Markdown
    (``references``) and the anchors of its HTML (``anchors``, the ids it declares, which
    Zensical checks links to anchors against; a regular expression run over every page's
    HTML on every build, its cache full or not: two thirds of a warm build's CPU at 1,000
    articles once the references were remembered). Both are functions of the text alone,
    kept by a hash of it. Returns the function that writes ``path``, with this build's pages
    only."""
    import zensical.collectors as package
    from zensical.collectors.references import types
    from zensical.utilities.span import Span

    scan, find_anchors = package.references, package.anchors
    classes = {n: getattr(types, n) for n in ("Link", "LinkReference", "LinkDefinition", "FootnoteReference", "FootnoteDefinition")}
    last = _load(path)
    now: dict[str, dict] = {"references": {}, "anchors": {}}

    def references(markdown: bytes, shift: int = 0):
        key = (hashlib.blake2b(markdown, digest_size=16).digest(), shift)
        if key in last["references"]:
            try:
                refs = [_decode(classes, Span, v) for v in last["references"][key]]
            except (KeyError, TypeError, ValueError):  # not what this module wrote: scan again
                pass
            else:
                now["references"][key] = last["references"][key]
                return iter(refs)
        refs = list(scan(markdown, shift))
        now["references"][key] = tuple(_encode(Span, r) for r in refs)
        return iter(refs)

    def anchors(html: str):
        key = hashlib.blake2b(html.encode("utf-8", "surrogatepass"), digest_size=16).digest()
        found = last["anchors"].get(key)
        if not (isinstance(found, tuple) and all(isinstance(a, str) for a in found)):
            found = tuple(find_anchors(html))
        now["anchors"][key] = found
        return iter(found)

    def save() -> None:
        if now != last and path.parent.is_dir():
            temporary = path.with_name(path.name + ".tmp")
            temporary.write_bytes(marshal.dumps(now))
            os.replace(temporary, path)

    package.references = references
    package.anchors = anchors
    return save


def main(argv: list[str] | None = None) -> None:
    """``zensical`` with the faster scanner: the same arguments as its command line; with
    ``MEMO`` set in the environment, the references of unchanged pages are remembered there."""
    if install() and os.environ.get(MEMO):
        atexit.register(remember(Path(os.environ[MEMO])))  # written when Zensical is done
    from zensical.main import cli

    cli(args=argv, prog_name="zensical")


if __name__ == "__main__":
    main(sys.argv[1:])
