"""Sources (each outlet or host with its articles and reliability grade) and the timeline."""

from __future__ import annotations

from collections import Counter, defaultdict

from generator.model import RELIABILITY, Digest, SourceEntry
from generator.render.articles import digest_theme
from generator.render.common import (
    Page,
    article_link,
    fmt_date,
    p,
    paginated,
    plural,
    strong,
    table,
    theme_link,
)
from generator.render.escape import h

SOURCES, TIMELINE = "sources", "timeline"
ROOT = "../"


def grade_text(src: SourceEntry) -> str:
    return f"{strong(h(src.grade))} — {h(src.grade_meaning)}" if src.grade else "not graded"


def sources_index(digest: Digest) -> str:
    page = Page("Sources").add(p(
        "Each source with its articles. Grades are the user's own, on the NATO (Admiralty) scale of "
        "source reliability; list them in a sources file named in <code>digest.yml</code> "
        "(<code>sources: sources.yml</code>, a mapping of source to grade)."
    ))
    page.add(table(["Grade", "Meaning"], [[strong(g), h(m)] for g, m in RELIABILITY.items()]))
    rows = [[f'<a href="{s.slug}.html">{h(s.name)}</a>', str(len(s.article_ids)), grade_text(s)] for s in digest.sources]
    page.add(table(["Source", "Articles", "Reliability"], rows) or p("No sources yet."))
    return page.text()


def source_pages_of(src: SourceEntry, digest: Digest) -> dict[str, str]:
    rows = []
    for aid in src.article_ids:
        e = digest.by_id[aid]
        themes = ", ".join(theme_link(digest_theme(digest, t.id), ROOT) for t in e.analysed.themes) or "—"
        rows.append([fmt_date(e.article.date), article_link(e, ROOT), themes])
    intro = p(f"{strong('Reliability:')} {grade_text(src)} · {strong('Articles:')} {len(src.article_ids):,}")
    dates = [digest.by_id[aid].article.date for aid in src.article_ids]
    return paginated(SOURCES, src.slug, src.name, intro, ["Date", "Article", "Themes"], rows, keys=list(src.article_ids),
                     labels=[d.isoformat() if d else "undated" for d in dates])


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
            rows.append([fmt_date(e.article.date), article_link(e, ROOT), h(e.article.source or "—"), themes])
        pages.update(paginated(TIMELINE, key, f"Timeline: {label}", "", ["Date", "Article", "Source", "Themes"], rows,
                               keys=[e.article.id for e in entries],
                               labels=[e.article.date.isoformat() if e.article.date else "undated" for e in entries]))
        counts = Counter(t.id for e in entries for t in e.analysed.themes)
        top = ", ".join(theme_link(digest_theme(digest, tid), ROOT) for tid, _ in counts.most_common(3)) or "—"
        index_rows.append([f'<a href="{key}.html">{h(label)}</a>', str(len(entries)), top])
    intro = p(f"{plural(len(digest.articles), 'article')} by date, newest first, with their themes.")
    pages[f"{TIMELINE}/index.md"] = Page("Timeline").add(intro, table(["Month", "Articles", "Main themes"], index_rows)).text()
    return pages


def source_pages(digest: Digest) -> dict[str, str]:
    pages = {f"{SOURCES}/index.md": sources_index(digest), **timeline_pages(digest)}
    for src in digest.sources:
        pages.update(source_pages_of(src, digest))
    return pages
