"""Sources (each outlet or host with its articles and reliability grade) and the timeline."""

from __future__ import annotations

from collections import Counter, defaultdict

from generator.model import RELIABILITY, Digest, SourceEntry
from generator.render.articles import digest_theme
from generator.render.common import (
    article_link,
    fmt_date,
    front_matter,
    paginated,
    plural,
    table,
    theme_link,
)
from generator.render.escape import esc

SOURCES, TIMELINE = "sources", "timeline"
ROOT = "../"


def grade_text(src: SourceEntry) -> str:
    return f"**{src.grade}** — {esc(src.grade_meaning)}" if src.grade else "not graded"


def sources_index(digest: Digest) -> str:
    out = [front_matter("Sources"), "# Sources\n"]
    out.append(
        "Each source with its articles. Grades are the user's own, on the NATO (Admiralty) scale of "
        "source reliability; list them in a sources file named in `digest.yml` (`sources: sources.yml`, "
        "a mapping of source to grade).\n"
    )
    out.append(table(["Grade", "Meaning"], [[f"**{g}**", m] for g, m in RELIABILITY.items()]))
    rows = [[f"[{esc(s.name)}]({s.slug}.md)", str(len(s.article_ids)), grade_text(s)] for s in digest.sources]
    out.append(table(["Source", "Articles", "Reliability"], rows) or "No sources yet.\n")
    return "\n".join(out)


def source_pages_of(src: SourceEntry, digest: Digest) -> dict[str, str]:
    rows = []
    for aid in src.article_ids:
        e = digest.by_id[aid]
        themes = ", ".join(theme_link(digest_theme(digest, t.id), ROOT) for t in e.analysed.themes) or "—"
        rows.append([fmt_date(e.article.date), article_link(e, ROOT), themes])
    intro = f"**Reliability:** {grade_text(src)} · **Articles:** {len(src.article_ids):,}\n"
    return paginated(SOURCES, src.slug, src.name, intro, ["Date", "Article", "Themes"], rows)


def month_key(e) -> str:
    return e.article.date.strftime("%Y-%m") if e.article.date else "undated"


def timeline_pages(digest: Digest) -> dict[str, str]:
    """The timeline: an index of months, and a page (or pages) per month, newest first."""
    by_month: dict[str, list] = defaultdict(list)
    for e in digest.articles:
        by_month[month_key(e)].append(e)
    pages: dict[str, str] = {}
    index_rows = []
    for key, entries in by_month.items():  # articles are newest first, so months are too
        label = entries[0].article.date.strftime("%B %Y") if key != "undated" else "Undated"
        rows = []
        for e in entries:
            themes = ", ".join(theme_link(digest_theme(digest, t.id), ROOT) for t in e.analysed.themes) or "—"
            rows.append([fmt_date(e.article.date), article_link(e, ROOT), esc(e.article.source or "—"), themes])
        pages.update(paginated(TIMELINE, key, f"Timeline: {label}", "", ["Date", "Article", "Source", "Themes"], rows))
        counts = Counter(t.id for e in entries for t in e.analysed.themes)
        top = ", ".join(theme_link(digest_theme(digest, tid), ROOT) for tid, _ in counts.most_common(3)) or "—"
        index_rows.append([f"[{label}]({key}.md)", str(len(entries)), top])
    intro = f"{plural(len(digest.articles), 'article')} by date, newest first, with their themes.\n"
    pages[f"{TIMELINE}/index.md"] = "\n".join(
        [front_matter("Timeline"), "# Timeline\n", intro, table(["Month", "Articles", "Main themes"], index_rows)]
    )
    return pages


def source_pages(digest: Digest) -> dict[str, str]:
    pages = {f"{SOURCES}/index.md": sources_index(digest), **timeline_pages(digest)}
    for src in digest.sources:
        pages.update(source_pages_of(src, digest))
    return pages
