"""What every page renderer shares: where pages live, links between them, small formats, and
``Page``, which assembles a page.

A generated page is Markdown only for its front matter and headings (MkDocs builds the table
of contents from them); the rest is HTML written here, in blocks that the ``rawhtml``
Markdown extension passes through untouched. Every piece of article text goes through
``html_text`` (``h``). Links between generated pages name the built ``.html`` files
(``use_directory_urls: false``, which the offline site needs anyway): MkDocs does not rewrite
links inside raw HTML, so the build checks them instead (``tests/test_build.py``).
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import json
from collections.abc import Callable, Iterator
from pathlib import PurePath, PureWindowsPath

from generator.model import ActorEntry, ArticleEntry, Digest, Figure, ThemeEntry
from generator.render.escape import esc, h, link, safe_title
from generator.render.rawhtml import RAW_CLOSE, RAW_OPEN

ARTICLES, ACTORS, THEMES, PARTIALS = "articles", "actors", "themes", "_partials"
GENERATED_DIRS = (ARTICLES, ACTORS, THEMES, PARTIALS)
CERTAINTY_LABEL = {"asserted": "asserted", "reported": "reported", "hedged": "hedged"}
TYPE_PLURAL = {
    "country": "Countries",
    "person": "People",
    "organisation": "Organisations",
    "place": "Places",
    "group": "Groups",
}
TYPE_LABEL = {
    "country": "Country",
    "person": "Person",
    "organisation": "Organisation",
    "place": "Place",
    "group": "Group",
}


def front_matter(
    title: str, tags: list[str] | None = None, hide: tuple[str, ...] = ("navigation",), feed: str | None = None
) -> str:
    """YAML front matter with values we control (titles pass through ``safe_title``).

    Every generated page hides Material's navigation sidebar: the pages are outside the nav
    (``not_in_nav``), so it would stay an empty column; the text takes its width instead (on
    phones the menu drawer still holds the site's sections). Article pages also hide the table
    of contents (``hide`` adds "toc"): their own aside is the second column.

    Strings are written as JSON strings, which YAML reads as double-quoted scalars: the same
    result as a YAML dumper, many times faster.
    """
    lines = ["---", f"title: {json.dumps(safe_title(title), ensure_ascii=False)}"]
    lines += ["hide:", *(f"- {x}" for x in hide)]
    if tags:
        lines.append("tags:")
        lines.extend(f"- {json.dumps(safe_title(t), ensure_ascii=False)}" for t in tags)
    if feed:  # the theme override (templates/theme/main.html) links it as <link rel="alternate">
        lines.append(f"feed: {json.dumps(feed)}")
    return "\n".join(lines) + "\n---\n\n"


class Page:
    """A page being assembled: Markdown headings between blocks of raw HTML.

    ``add`` appends HTML to the current block; ``heading`` and ``markdown`` close it. ``text``
    is the finished page.
    """

    def __init__(
        self, title: str, tags: list[str] | None = None, heading: bool = True, front: bool = True,
        hide: tuple[str, ...] = ("navigation",), feed: str | None = None,
    ):
        self._out: list[str] = [front_matter(title, tags, hide, feed)] if front else []
        self._html: list[str] = []
        if heading:
            self._out.append(f"# {esc(title)}\n")

    def add(self, *html: str) -> Page:
        self._html.extend(x for x in html if x)
        return self

    def heading(self, text: str, level: int = 2) -> Page:
        return self.markdown(f"{'#' * level} {esc(text)}\n")

    def markdown(self, text: str) -> Page:
        self._flush()
        self._out.append(text)
        return self

    def _flush(self) -> None:
        if self._html:
            body = "\n".join(line for part in self._html for line in part.split("\n") if line.strip())
            self._out.append(f"{RAW_OPEN}\n{body}\n{RAW_CLOSE}\n")
            self._html = []

    def text(self) -> str:
        self._flush()
        return "\n".join(self._out)


def p(html: str, cls: str | None = None) -> str:
    return f'<p class="{cls}">{html}</p>' if cls else f"<p>{html}</p>"


def ul(items: list[str], cls: str | None = None) -> str:
    if not items:
        return ""
    head = f'<ul class="{cls}">' if cls else "<ul>"
    return head + "".join(f"<li>{i}</li>" for i in items) + "</ul>"


def strong(html: str) -> str:
    return f"<strong>{html}</strong>"


def fmt_date(date: dt.date | None) -> str:
    return date.isoformat() if date else "undated"


def fmt_value(value: float | None) -> str:
    if value is None:
        return "—"
    return f"{value:,.0f}" if value == int(value) else f"{value:,.2f}".rstrip("0").rstrip(".")


def certainty(c: str, likelihood: str | None = None) -> str:
    """"<em>hedged</em>", or "<em>hedged, likely</em>" when a word of estimative probability is used."""
    label = CERTAINTY_LABEL.get(c, c)
    return f"<em>{label}, {h(likelihood)}</em>" if likelihood else f"<em>{h(label)}</em>"


def article_link(entry: ArticleEntry, root: str) -> str:
    return link(entry.article.title, f"{root}{ARTICLES}/{entry.slug}.html")


def actor_link(actor: ActorEntry, root: str) -> str:
    return link(actor.name, f"{root}{ACTORS}/{actor.slug}.html")


def theme_link(theme: ThemeEntry | object, root: str) -> str:
    info = getattr(theme, "info", theme)
    return link(info.name, f"{root}{THEMES}/{info.id}.html")


def actor_ref(digest: Digest, name: str, root: str) -> str:
    actor = digest.actor_by_name.get(name)
    return actor_link(actor, root) if actor else h(name)


# Columns of running text get a least width, so that a table with many columns scrolls inside
# its own box (Material wraps every table in one) instead of squeezing them into tall rows;
# dates never break.
WIDE_COLUMNS = frozenset({"Figure", "Said by", "Article", "Title", "Description", "Themes", "Main actors", "Story",
                          "Latest", "What it adds"})
NOWRAP_COLUMNS = frozenset({"Date", "Dates"})


def table(headers: list[str], rows: list[list[str]]) -> str:
    """An HTML table; cells must already be HTML (escaped text, our links)."""
    if not rows:
        return ""
    head = "".join(f"<th>{x}</th>" for x in headers)
    cls = [
        ' class="digest-wide"' if x in WIDE_COLUMNS else ' class="digest-nowrap"' if x in NOWRAP_COLUMNS else ""
        for x in headers
    ]
    body = "\n".join(
        "<tr>" + "".join(f"<td{c}>{cell}</td>" for c, cell in zip(cls, row, strict=False)) + "</tr>" for row in rows
    )
    return f"<table>\n<thead><tr>{head}</tr></thead>\n<tbody>\n{body}\n</tbody>\n</table>"


def source_of(digest: Digest, fig: Figure, root: str) -> str:
    """Who a figure comes from: the phrase as written and the actor it resolves to (linked)."""
    if fig.attribution is None and fig.attribution_actor is None and fig.certainty == "reported":
        return "a source not named"  # "are reported to be deployed", "is said to have launched"
    if fig.attribution_actor == "outlet" or (fig.attribution is None and fig.attribution_actor is None):
        return "the outlet"
    phrase = h(fig.attribution or "")
    if fig.attribution_actor:
        link = actor_ref(digest, fig.attribution_actor, root)
        return f"{phrase} ({link})" if phrase and fig.attribution != fig.attribution_actor else link
    return f"{phrase} (not an indexed actor)"


def figure_row(fig: Figure, digest: Digest, root: str) -> list[str]:
    """A figure in four cells: as written (with the value it is read as), how certain, who
    said it, where."""
    read = figure_reading(fig)
    shown = h(fig.text) + (f'<br><small class="digest-read">read as {read}</small>' if read else "")
    return [shown, certainty(fig.certainty, fig.likelihood), source_of(digest, fig, root), h(fig.place or "—")]


def figure_reading(fig: Figure) -> str:
    """What a figure is read as ("up to 100000 troops"), as HTML; "" when that is its text."""
    value = fmt_value(fig.value) + (f"–{fmt_value(fig.upper)}" if fig.upper is not None else "")
    read = " ".join(x for x in (h(fig.qualifier or ""), value if fig.value is not None else "", h(fig.unit or "")) if x)
    return read if read != h(fig.text) else ""


FIGURE_HEADERS = ["Figure", "Certainty", "Said by", "Place"]


def plural(n: int, word: str, many: str | None = None) -> str:
    return f"{n:,} {word if n == 1 else (many or word + 's')}"


def quote_line(q, speaker_html: str) -> str:
    """“…quoted words…” — speaker, verb."""
    return f"“{h(q.text)}” — {speaker_html}, {h(q.verb or 'said')}"


PER_PAGE = 200  # rows per page of a long list: pages stay the same size as the digest grows


def paginated(
    folder: str, stem: str, title: str, intro: str, headers: list[str], rows: list[list[str]], per_page: int = PER_PAGE,
    keys: list[str] | None = None, labels: list[str] | None = None,
) -> dict[str, str]:
    """A long table split into pages ``{folder}/{stem}.md``, then ``{stem}-page-<...>.md``.

    Each page links to the previous and next; links inside ``rows`` must be relative to
    ``folder`` (all pages live in it). ``intro`` is HTML.

    Without ``keys``, pages of ``per_page`` rows, ``{stem}-page-2.md``, ``-page-3``, ... With
    ``keys`` (a stable key per row, e.g. an article's id), where a page ends depends on the rows
    around it, not on its place in the list (``page_bounds``), and a page is named after the
    row that ends the page before it: a row inserted anywhere (an article dated weeks back)
    changes its own page, not every page after it. ``labels`` (e.g. each row's date) title
    such a page with its first and last row's.
    """
    if keys is None:
        bounds = list(range(0, len(rows), per_page)) + [len(rows)] if rows else [0, 0]
        names = [stem] + [f"{stem}-page-{n}" for n in range(2, len(bounds))]
    else:
        bounds, names = _keyed_pages(stem, keys, per_page)
    return {f"{folder}/{names[n]}.md": _list_page(n, bounds, names, stem, title, intro, headers, rows[bounds[n]:bounds[n + 1]],
                                                  keys is not None, labels)
            for n in range(len(bounds) - 1)}


def paginated_kept(
    folder: str, stem: str, title: str, intro: str, headers: list[str], row: Callable[[int], list[str]],
    row_keys: list[str] | None, keys: list[str], labels: list[str] | None, base: str, known: dict,
    stat: Callable[[str], list[int] | None] | None, record: dict, per_page: int = PER_PAGE,
) -> Iterator[tuple[str, str | None]]:
    """``paginated`` with ``keys``, page by page: (path, text) of each page, or (path, None)
    for a page to keep as it is, not made.

    ``row(i)`` makes row ``i``; ``row_keys[i]`` is what it is made from (text), ``base`` what
    every row may show of the rest of the digest and the code that makes them. A page's key
    hashes those of its rows and what its heading and links show; a page whose key, size and
    modification time (``stat``) are those the page cache ``known`` has is kept. ``record``
    receives each page's entry for the page cache ([key, size, mtime], taken once the caller
    has written it). Without ``stat`` or ``row_keys`` every page is made. A list of 10,000 articles was made
    whole on every build (its rows rendered, then each page compared with its file) to find the
    one page an article added changes."""
    bounds, names = _keyed_pages(stem, keys, per_page)
    count = len(bounds) - 1
    for n in range(count):
        a, b = bounds[n], bounds[n + 1]
        rel = f"{folder}/{names[n]}.md"
        if stat is None or row_keys is None:
            yield rel, _list_page(n, bounds, names, stem, title, intro, headers, [row(i) for i in range(a, b)], True, labels)
            continue
        shown = [base, folder, stem, title, intro if n == 0 else "", headers, count > 1,
                 names[n - 1] if n > 0 else None, names[n + 1] if n < count - 1 else None,
                 [labels[a], labels[b - 1]] if labels is not None and a < b else None]
        h = hashlib.sha256(json.dumps(shown, ensure_ascii=False).encode("utf-8", "surrogatepass"))
        h.update("\x1e".join(row_keys[a:b]).encode("utf-8", "surrogatepass"))
        key = h.hexdigest()[:24]
        last = known.get(rel)
        if last and last[0] == key and last[1:] == stat(rel):
            yield rel, None
        else:
            yield rel, _list_page(n, bounds, names, stem, title, intro, headers, [row(i) for i in range(a, b)], True, labels)
        record[rel] = [key, *(stat(rel) or [])]


def _keyed_pages(stem: str, keys: list[str], per_page: int) -> tuple[list[int], list[str]]:
    """Where the pages of a list with row ``keys`` start (``page_bounds``) and their names."""
    bounds = page_bounds(keys, per_page)
    return bounds, [stem] + [f"{stem}-page-{_key_hash(keys[b - 1])[:8]}" for b in bounds[1:-1]]


def _list_page(n: int, bounds: list[int], names: list[str], stem: str, title: str, intro: str, headers: list[str],
               chunk: list[list[str]], keyed: bool, labels: list[str] | None) -> str:
    """Page ``n`` of a paginated list (see ``paginated``), its rows ``chunk``."""
    count = len(bounds) - 1
    if n == 0:
        heading = title
    elif labels is not None and chunk:
        heading = f"{title}: {labels[bounds[n]]} to {labels[bounds[n + 1] - 1]}"
    elif keyed:
        heading = f"{title} (continued)"
    else:
        heading = f"{title} (page {n + 1} of {count})"
    nav = []
    if n > 0:
        nav.append(f'<a href="{names[n - 1]}.html" rel="prev">← Previous page</a>')
    if count > 1 and not keyed:
        nav.append(f"page {n + 1} of {count}")
    elif count > 1 and n > 0:
        nav.append(f'<a href="{stem}.html">First page</a>')
    if n < count - 1:
        nav.append(f'<a href="{names[n + 1]}.html" rel="next">Next page →</a>')
    nav_line = p(" · ".join(nav), "digest-pager") if count > 1 else ""
    return Page(heading).add(intro if n == 0 or not keyed else "", nav_line, table(headers, chunk), nav_line).text()


def _key_hash(key: str) -> str:
    return hashlib.sha1(key.encode("utf-8")).hexdigest()


def page_bounds(keys: list[str], per_page: int = PER_PAGE) -> list[int]:
    """Where the pages of a list of rows with stable ``keys`` start (and, last, its length).

    A page ends after a row whose key's hash is divisible by ``per_page // 2`` once it holds at
    least half a page, and after two pages' worth at the latest: pages of ``per_page`` rows on
    average, whose ends move only where rows are inserted or removed (content-defined chunking,
    as rsync and backup tools cut files)."""
    least, most, every = max(per_page // 2, 1), max(per_page * 2, 1), max(per_page // 2, 1)
    bounds, start = [0], 0
    for i, key in enumerate(keys):
        size = i + 1 - start
        if size >= most or (size >= least and int(_key_hash(key)[:12], 16) % every == 0):
            if i + 1 < len(keys):
                bounds.append(i + 1)
            start = i + 1
    bounds.append(len(keys))
    return bounds


def more(n: int, what: str, root: str = "../") -> str:
    """A note for what a capped list left out (the downloads have everything)."""
    if n <= 0:
        return ""
    return p(
        f'<em>…and {plural(n, what)} more in older articles: see the <a href="{root}downloads/index.html">downloads</a>'
        " for all of them.</em>"
    )


def published_location(art) -> str:
    """The input file as the page shows it: a path relative to the project as the user named it,
    but never an absolute path of the machine that built the site (it would publish the
    builder's folders): then the file's name alone."""
    path = _shown_path(art.path)
    return f"{path}:{art.line}" if art.line else path


@functools.lru_cache(maxsize=1 << 17)  # every input file: asked for by each article's page, row and chunk key
def _shown_path(path: str) -> str:
    """``path``, or its file's name when it is absolute (on either system)."""
    if PurePath(path).is_absolute() or PureWindowsPath(path).is_absolute():
        return PureWindowsPath(path).name if "\\" in path else PurePath(path).name
    return path
