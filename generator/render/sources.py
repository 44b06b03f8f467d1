"""Sources (each outlet or host with its articles and reliability grade) and the timeline."""

from __future__ import annotations

from collections import defaultdict

from generator.model import RELIABILITY, Digest, SourceEntry
from generator.render.articles import digest_theme
from generator.render.common import article_link, fmt_date, front_matter, plural, table, theme_link
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


def source_page(src: SourceEntry, digest: Digest) -> str:
    out = [front_matter(src.name), f"# {esc(src.name)}\n", f"**Reliability:** {grade_text(src)} · **Articles:** {len(src.article_ids):,}\n"]
    rows = []
    for aid in src.article_ids:
        e = digest.by_id[aid]
        themes = ", ".join(theme_link(digest_theme(digest, t.id), ROOT) for t in e.analysed.themes) or "—"
        rows.append([fmt_date(e.article.date), article_link(e, ROOT), themes])
    out.append(table(["Date", "Article", "Themes"], rows))
    return "\n".join(out)


def timeline_page(digest: Digest) -> str:
    out = [front_matter("Timeline"), "# Timeline\n", f"{plural(len(digest.articles), 'article')} by date, newest first, with their themes.\n"]
    by_month: dict[str, list] = defaultdict(list)
    for e in digest.articles:
        by_month[e.article.date.strftime("%B %Y") if e.article.date else "Undated"].append(e)
    for month, entries in by_month.items():  # articles are newest first, so months are too
        out.append(f"## {month}\n")
        rows = []
        for e in entries:
            themes = ", ".join(theme_link(digest_theme(digest, t.id), ROOT) for t in e.analysed.themes) or "—"
            rows.append([fmt_date(e.article.date), article_link(e, ROOT), esc(e.article.source or "—"), themes])
        out.append(table(["Date", "Article", "Source", "Themes"], rows))
    return "\n".join(out)


def source_pages(digest: Digest) -> dict[str, str]:
    pages = {f"{SOURCES}/index.md": sources_index(digest), f"{TIMELINE}/index.md": timeline_page(digest)}
    for src in digest.sources:
        pages[f"{SOURCES}/{src.slug}.md"] = source_page(src, digest)
    return pages
