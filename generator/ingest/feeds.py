"""RSS 0.9x, 1.0 and 2.0 and Atom feeds -> RawArticle, one per entry, with feedparser.

Each entry gives the title, the date (published, else updated), the link (the article's url,
and through it the source host), the author, the summary and the content (split into
paragraphs). Feed markup is read as text: tags are dropped, entities decoded.

A file or download that is not a feed (an HTML page, some other XML) is one clear rejection,
and so is a feed cut short (its XML ends before the document closes: its last entry would be
cut too). Other XML mistakes, such as an HTML entity like ``&nbsp;`` that XML does not know,
are common in real feeds; feedparser's lenient parser reads those, so their entries are kept.
An entry with no text is a rejection named ``entry N``; the other entries still build. A bad
field of an entry (a ``javascript:`` link, a date that is not one) is dropped with a warning.
"""

from __future__ import annotations

import datetime as dt
import io
import re
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urljoin, urlsplit
from xml.sax import SAXParseException

from generator.errors import InputError
from generator.ingest.fields import collapse, make_article
from generator.ingest.html import html_paragraphs, read_bytes
from generator.model import RawArticle, Rejection

FEED_SUFFIXES = (".rss", ".atom", ".xml")
_HTML_TYPES = ("text/html", "application/xhtml+xml")
# expat's words for a document that stops before its root element closes
_CUT_SHORT = ("no element found", "unclosed token", "unclosed cdata section")
_ROOT = re.compile(rb"<([A-Za-z_][\w:.-]*)")


def parse_feed(
    data: bytes, display: str, *, base_url: str | None = None, content_type: str | None = None
) -> Iterator[RawArticle | Rejection]:
    """The entries of a feed, each an article or a rejection.

    Args:
        data: the feed as downloaded or read (feedparser finds its encoding).
        display: the URL or path to name in messages and as the articles' path.
        base_url: where the feed came from, to resolve relative links.
        content_type: the server's Content-Type, if any (to recognise an HTML page).

    Raises:
        InputError: the data is not a feed, or the feed is cut short.
    """
    import feedparser

    if not data.strip():
        raise InputError(display, "empty feed (no data)")
    # A stream, never bytes or str: feedparser would take those for a file name or URL to open.
    parsed = feedparser.parse(
        io.BytesIO(data),
        response_headers={"content-type": content_type or "application/xml", "content-location": base_url or ""},
        sanitize_html=True,
    )
    problem = parsed.get("bozo_exception")
    if not parsed.get("version"):
        raise InputError(display, _not_a_feed(data, content_type, problem))
    if isinstance(problem, SAXParseException) and problem.getMessage() in _CUT_SHORT:
        raise InputError(
            display,
            f"broken feed: the XML ends before the feed is complete ({problem.getMessage()} at line "
            f"{problem.getLineNumber()}); was the download cut short?",
        )
    feed_link = parsed.feed.get("link") or base_url or ""
    feed_host = (urlsplit(feed_link).hostname or "").removeprefix("www.") or None
    for n, entry in enumerate(parsed.entries, 1):
        try:
            yield _entry_article(entry, display, f"entry {n}", feed_link, feed_host)
        except InputError as exc:
            yield Rejection(display, exc.reason, exc.line)


def _not_a_feed(data: bytes, content_type: str | None, problem: object) -> str:
    head = data[:2048].lstrip().lower()
    if (content_type and any(t in content_type.lower() for t in _HTML_TYPES)) or head.startswith(
        (b"<!doctype html", b"<html")
    ) or b"<html" in head:
        kind = f" ({content_type.split(';')[0].strip()})" if content_type else ""
        return f"not an RSS or Atom feed: it is an HTML page{kind}"
    if isinstance(problem, SAXParseException):
        return (
            f"not an RSS or Atom feed: not well-formed XML ({problem.getMessage()} at line "
            f"{problem.getLineNumber()})"
        )
    body = re.sub(rb"<\?.*?\?>|<!--.*?-->|<!DOCTYPE[^>]*>", b"", data[:4096], flags=re.DOTALL | re.IGNORECASE)
    root = _ROOT.search(body)
    if root:
        return f"not an RSS or Atom feed: the root element is <{root.group(1).decode('ascii', 'replace')}>"
    return "not an RSS or Atom feed"


def _text(value: str | None, detail: dict | None) -> list[str]:
    """A feed text construct as paragraphs: markup dropped when it is HTML, kept as text else."""
    if not value:
        return []
    kind = (detail or {}).get("type") or "text/html"  # RSS text is HTML unless it says otherwise
    if kind in _HTML_TYPES:
        return html_paragraphs(value)
    return [p for p in (collapse(b) for b in re.split(r"\n\s*\n", value)) if p]


def _entry_article(entry: dict, display: str, where: str, feed_link: str, feed_host: str | None) -> RawArticle:
    title = " ".join(_text(entry.get("title"), entry.get("title_detail")))
    summary_pars = _text(entry.get("summary"), entry.get("summary_detail"))
    content_pars: list[str] = []
    for part in entry.get("content") or []:
        content_pars = _text(part.get("value"), part)
        if content_pars:
            break
    summary = " ".join(summary_pars)
    if content_pars:
        paragraphs = content_pars
        if summary == " ".join(content_pars):
            # no summary: feedparser copied the content into it
            summary, paragraphs = paragraphs[0], paragraphs[1:]
        elif paragraphs[0] == summary:
            paragraphs = paragraphs[1:]
    elif summary_pars:
        # a description holding the whole article: its first paragraph is the summary
        summary, paragraphs = summary_pars[0], summary_pars[1:]
    else:
        paragraphs = []
    # dict.get: feedparser's own get maps a missing key to another one, with a warning
    stamp = dict.get(entry, "published_parsed") or dict.get(entry, "updated_parsed")
    try:
        date = dt.date(*stamp[:3]) if stamp else None
    except (TypeError, ValueError):
        date = repr(stamp)  # not a date: make_article drops it with a warning
    link = entry.get("link")
    if link and feed_link and not urlsplit(link).scheme:
        link = urljoin(feed_link, link)  # a feed file has no address of its own: its site's link
    author = (entry.get("author_detail") or {}).get("name") or entry.get("author")
    tags = [t.get("term") for t in entry.get("tags") or [] if t.get("term")]
    return make_article(
        display=display,
        fmt="feed",
        where=where,
        title=title or None,
        date=date,
        source=None if link else feed_host,
        url=link,
        summary=summary,
        paragraphs=paragraphs,
        tags=tags or None,
        author=author,
    )


def read_feed(path: Path, display: str) -> Iterator[RawArticle | Rejection]:
    yield from parse_feed(read_bytes(path, display, "a feed"), display)
