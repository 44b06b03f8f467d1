"""The one way article text reaches a page: as text, never as markup.

``esc`` turns any string into Markdown that renders as exactly that text. Every character
that means something to Markdown, HTML, the Markdown extensions we enable (tables,
attribute lists, admonitions, snippets) or a template engine is written as a numeric HTML
character reference, which Python-Markdown passes through untouched and the browser shows as
the character. Whitespace is collapsed, so nothing can start a block (heading, list, code).

``safe_title`` is for the few places MkDocs or the theme print a value without escaping it
(the page title in front matter, tags; Material even un-escapes the title with ``striptags``):
characters that could form markup or an entity become look-alikes that cannot (``<`` -> ``‹``,
``&`` -> ``＆``), so the title still reads as typed.

``safe_url`` keeps http(s) URLs only, percent-encoding what would break out of a link.

``html_text`` (``h``) is for the raw HTML the generator writes itself, which is most of every
page (see ``rawhtml``): the usual HTML escaping, on one line. ``html_piece`` is the same for a
piece of a line (the text between two highlighted mentions), keeping one space at either end.
"""

from __future__ import annotations

import html
import re
from functools import lru_cache
from urllib.parse import quote, urlsplit

from generator.textclean import strip_controls

_SPECIAL = set("&<>\\`*_{}[]()#+-!|:~^")
_TABLE = str.maketrans({c: f"&#{ord(c)};" for c in _SPECIAL})
_LIST_NUMBER = re.compile(r"^(\d+)\.")
_SPACES = re.compile(r"\s+")
_LOOKALIKE = str.maketrans({"<": "‹", ">": "›", "&": "＆", '"': "”", "'": "’", "`": "‘", "\\": "∖",
                            "{": "❴", "}": "❵"})


def esc(text: object, strip: bool = True) -> str:
    """Markdown that displays ``text`` literally (one line).

    ``strip=False`` keeps a single space at either end, for pieces of a line (the text between
    two highlighted mentions).
    """
    text = str(text)
    if strip and len(text) <= 80:
        return _esc_short(text)  # names, dates, sources: the same few strings again and again
    return _esc(text, strip)


def _esc(text: str, strip: bool) -> str:
    clean = strip_controls(text)
    clean = " ".join(clean.split()) if strip else _SPACES.sub(" ", clean)
    out = clean.translate(_TABLE)
    if out[:1].isdigit():  # "1. text" at the start of a line would become an ordered list
        out = _LIST_NUMBER.sub(r"\1&#46;", out, count=1)
    return out


@lru_cache(maxsize=65536)
def _esc_short(text: str) -> str:
    return _esc(text, True)


def safe_title(text: object, limit: int = 160) -> str:
    """Text for places that are not HTML-escaped: only characters that cannot form markup."""
    clean = " ".join(strip_controls(str(text)).split()).translate(_LOOKALIKE)
    return clean[:limit] or "Untitled"


def safe_url(url: str | None) -> str | None:
    """An http(s) URL safe inside a Markdown link target, or None."""
    if not url:
        return None
    parts = urlsplit(url)
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        return None
    return quote(url, safe=":/?#@!$&'*+,;=%~.-_").replace("(", "%28").replace(")", "%29").replace("'", "%27")


def html_text(text: object) -> str:
    """Text for raw HTML we write ourselves: escaped, one line."""
    text = str(text)
    if len(text) <= 300:
        return _html_short(text)  # names, titles, sources: the same strings on many pages
    return html.escape(" ".join(strip_controls(text).split()), quote=True)


@lru_cache(maxsize=1 << 17)
def _html_short(text: str) -> str:
    return html.escape(" ".join(strip_controls(text).split()), quote=True)


h = html_text


def html_piece(text: str) -> str:
    """A piece of a line as HTML text: whitespace runs become one space, ends kept."""
    return html.escape(_SPACES.sub(" ", strip_controls(text)), quote=True)


def link(text: object, target: str) -> str:
    """An HTML link whose visible text is escaped; ``target`` must be ours (a page path)."""
    return f'<a href="{target}">{html_text(text)}</a>'
