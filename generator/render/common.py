"""What every page renderer shares: where pages live, links between them, small formats.

Generated pages live in folders the generator owns (``GENERATED_DIRS``); links are relative
Markdown links to ``.md`` files, so MkDocs checks every one of them in ``--strict`` mode.
"""

from __future__ import annotations

import datetime as dt
import json

from generator.model import ActorEntry, ArticleEntry, Digest, Figure, ThemeEntry
from generator.render.escape import esc, link, safe_title

ARTICLES, ACTORS, THEMES, PARTIALS = "articles", "actors", "themes", "_partials"
GENERATED_DIRS = (ARTICLES, ACTORS, THEMES, PARTIALS)
CERTAINTY_LABEL = {"asserted": "asserted", "reported": "reported", "hedged": "hedged"}
TYPE_LABEL = {
    "country": "Country",
    "person": "Person",
    "organisation": "Organisation",
    "place": "Place",
    "group": "Group",
}


def front_matter(title: str, tags: list[str] | None = None) -> str:
    """YAML front matter with values we control (titles pass through ``safe_title``).

    Strings are written as JSON strings, which YAML reads as double-quoted scalars: the same
    result as a YAML dumper, many times faster.
    """
    lines = ["---", f"title: {json.dumps(safe_title(title), ensure_ascii=False)}"]
    if tags:
        lines.append("tags:")
        lines.extend(f"- {json.dumps(safe_title(t), ensure_ascii=False)}" for t in tags)
    return "\n".join(lines) + "\n---\n\n"


def fmt_date(date: dt.date | None) -> str:
    return date.isoformat() if date else "undated"


def fmt_value(value: float | None) -> str:
    if value is None:
        return "—"
    return f"{value:,.0f}" if value == int(value) else f"{value:,.2f}".rstrip("0").rstrip(".")


def certainty(c: str, likelihood: str | None = None) -> str:
    """"*hedged*", or "*hedged, likely*" when a word of estimative probability is used."""
    label = CERTAINTY_LABEL.get(c, c)
    return f"*{label}, {likelihood}*" if likelihood else f"*{label}*"


def article_link(entry: ArticleEntry, root: str) -> str:
    return link(entry.article.title, f"{root}{ARTICLES}/{entry.slug}.md")


def actor_link(actor: ActorEntry, root: str) -> str:
    return link(actor.name, f"{root}{ACTORS}/{actor.slug}.md")


def theme_link(theme: ThemeEntry | object, root: str) -> str:
    info = getattr(theme, "info", theme)
    return link(info.name, f"{root}{THEMES}/{info.id}.md")


def actor_ref(digest: Digest, name: str, root: str) -> str:
    actor = digest.actor_by_name.get(name)
    return actor_link(actor, root) if actor else esc(name)


def table(headers: list[str], rows: list[list[str]]) -> str:
    """A Markdown table; cells must already be escaped."""
    if not rows:
        return ""
    out = ["| " + " | ".join(headers) + " |", "|" + "|".join("---" for _ in headers) + "|"]
    out += ["| " + " | ".join(cell or " " for cell in row) + " |" for row in rows]
    return "\n".join(out) + "\n"


def figure_row(fig: Figure) -> list[str]:
    return [
        esc(fig.text),
        fmt_value(fig.value),
        esc(fig.unit or "—"),
        esc(fig.qualifier or "—"),
        certainty(fig.certainty, fig.likelihood),
        esc(fig.attribution or "not stated"),
        esc(fig.place or "—"),
    ]


FIGURE_HEADERS = ["Figure", "Value", "Unit", "Qualifier", "Certainty", "Attribution", "Place"]


def plural(n: int, word: str, many: str | None = None) -> str:
    return f"{n:,} {word if n == 1 else (many or word + 's')}"


def quote_line(q, speaker_md: str) -> str:
    """“…quoted words…” — speaker, verb."""
    return f"“{esc(q.text)}” — {speaker_md}, {esc(q.verb or 'said')}"


PER_PAGE = 200  # rows per page of a long list: pages stay the same size as the digest grows


def paginated(
    folder: str, stem: str, title: str, intro: str, headers: list[str], rows: list[list[str]], per_page: int = PER_PAGE
) -> dict[str, str]:
    """A long table split into pages ``{folder}/{stem}.md``, ``{stem}-page-2.md``, ...

    Each page links to the previous and next; links inside ``rows`` must be relative to
    ``folder`` (all pages live in it).
    """
    chunks = [rows[i : i + per_page] for i in range(0, len(rows), per_page)] or [[]]

    def name(n: int) -> str:
        return f"{stem}.md" if n == 1 else f"{stem}-page-{n}.md"

    pages = {}
    for n, chunk in enumerate(chunks, 1):
        heading = title if n == 1 else f"{title} (page {n} of {len(chunks)})"
        nav = []
        if n > 1:
            nav.append(f"[← Previous page]({name(n - 1)})")
        if len(chunks) > 1:
            nav.append(f"page {n} of {len(chunks)}")
        if n < len(chunks):
            nav.append(f"[Next page →]({name(n + 1)})")
        nav_line = " · ".join(nav) + "\n" if len(chunks) > 1 else ""
        body = [front_matter(heading), f"# {esc(heading)}\n", intro, nav_line, table(headers, chunk), nav_line]
        pages[f"{folder}/{name(n)}"] = "\n".join(part for part in body if part)
    return pages


def more(n: int, what: str) -> str:
    """A note for what a capped list left out (the downloads have everything)."""
    if n <= 0:
        return ""
    return f"*…and {plural(n, what)} more in older articles: see the [downloads](../downloads/index.md) for all of them.*\n"
