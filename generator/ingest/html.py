"""Saved web pages (``.html``, ``.htm``) and HTML fragments from feeds -> plain text.

``read_html`` hands a saved page to trafilatura, which finds the article's main text and its
metadata (title, date, author, canonical URL) and drops what surrounds it: menus, adverts,
cookie banners, sidebars, footers. ``html_paragraphs`` turns the small HTML fragments that
feeds carry into paragraphs with the standard library's parser. Either way only text comes
out: markup is data to strip, never something to keep, so nothing in a page can reshape or
script the site.
"""

from __future__ import annotations

import html
import logging
import re
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path

from generator.errors import InputError
from generator.ingest.decode import MAX_BYTES
from generator.ingest.fields import collapse, make_article
from generator.model import RawArticle, Rejection

# Elements whose start or end begins a new paragraph, and elements whose text is never shown.
_BLOCKS = frozenset({
    "address", "article", "aside", "blockquote", "br", "dd", "div", "dl", "dt", "figcaption",
    "figure", "footer", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "li", "main", "nav",
    "ol", "p", "pre", "section", "table", "td", "th", "tr", "ul",
})
_HIDDEN = frozenset({
    "script", "style", "template", "noscript", "iframe", "object", "embed", "svg", "math", "head", "title",
})


class _TextCollector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.paragraphs: list[str] = []
        self._current: list[str] = []
        self._hidden = 0

    def _flush(self) -> None:
        text = collapse("".join(self._current))
        if text:
            self.paragraphs.append(text)
        self._current = []

    def handle_starttag(self, tag: str, attrs) -> None:
        if tag in _HIDDEN:
            self._hidden += 1
        elif tag in _BLOCKS:
            self._flush()

    def handle_startendtag(self, tag: str, attrs) -> None:
        if tag in _BLOCKS:
            self._flush()

    def handle_endtag(self, tag: str) -> None:
        if tag in _HIDDEN:
            self._hidden = max(0, self._hidden - 1)
        elif tag in _BLOCKS:
            self._flush()

    def handle_data(self, data: str) -> None:
        if not self._hidden:
            self._current.append(data)


def html_paragraphs(fragment: str) -> list[str]:
    """The text of an HTML fragment, one string per paragraph (tags dropped, entities decoded)."""
    if "<" not in fragment:
        # plain text (or text with entities only): blank lines separate paragraphs
        return [p for p in (collapse(html.unescape(b)) for b in re.split(r"\n\s*\n", fragment)) if p]
    parser = _TextCollector()
    parser.feed(fragment)
    parser.close()
    parser._flush()
    return parser.paragraphs


def read_bytes(path: Path, display: str, kind: str = "an HTML page") -> bytes:
    """The bytes of a page or feed file, within the size limit, or InputError naming why not."""
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise InputError(display, f"file is too large: {size / 1e6:.1f} MB (limit {MAX_BYTES / 1e6:.0f} MB)")
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(display, f"cannot read file: {exc.strerror or exc}") from None
    if not data.strip():
        raise InputError(display, "empty file")
    if b"\x00" in data[:8192] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise InputError(display, f"binary file, not {kind} (it contains NUL bytes)")
    return data


def extract_page(data: bytes | str, display: str) -> RawArticle:
    """One saved page -> RawArticle, or InputError when it holds no article text."""
    import trafilatura

    # trafilatura logs what it could not parse; the reason reaches the user as our error instead
    logging.getLogger("trafilatura").setLevel(logging.CRITICAL)
    doc = trafilatura.bare_extraction(
        data,
        with_metadata=True,
        include_comments=False,
        include_tables=False,
        include_images=False,
        include_links=False,
        favor_precision=True,
        # only dates the page states (meta tags, time elements), never a guess from its text
        date_extraction_params={"extensive_search": False, "original_date": True},
    )
    text = getattr(doc, "text", None) if doc is not None else None
    if not text or not text.strip():
        raise InputError(display, "HTML page: no article text found (only menus, links or an empty page?)")
    title = collapse(doc.title or "")
    paragraphs = [collapse(p) for p in text.split("\n") if collapse(p)]
    if paragraphs and title and paragraphs[0] == title:
        paragraphs.pop(0)  # the page's own heading
    summary = collapse(doc.description or "")
    if paragraphs and summary and paragraphs[0] == summary:
        paragraphs.pop(0)  # the lead, already the summary
    return make_article(
        display=display,
        fmt="html",
        where="HTML page",
        title=title or None,
        date=doc.date,
        url=_canonical(doc.url),
        summary=summary,
        paragraphs=paragraphs,
        tags=list(doc.tags or []) or None,
        author=doc.author,
    )


def _canonical(url: object) -> str | None:
    """The page's canonical URL when it is an absolute http(s) URL (saved pages often hold a
    relative or ``file:`` one, which is no reason to reject the article)."""
    text = str(url or "").strip()
    return text if re.match(r"https?://[^\s/]+", text, re.IGNORECASE) and not re.search(r"[\s<>\"'`]", text) else None


def read_html(path: Path, display: str) -> Iterator[RawArticle | Rejection]:
    yield extract_page(read_bytes(path, display), display)
