"""Sources (each outlet or host with its articles and reliability grade) and the timeline."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterator

from generator.model import RELIABILITY, Digest, SourceEntry
from generator.render.articles import digest_theme
from generator.render.common import (
    Page,
    article_link,
    fmt_date,
    p,
    paginated_kept,
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


def source_pages_of(src: SourceEntry, digest: Digest, base: str = "", row_keys: dict[str, str] | None = None,
                    known: dict | None = None, stat=None, record: dict | None = None) -> Iterator[tuple[str, str | None]]:
    """A source's pages (see ``source_pages``)."""
    entries = [digest.by_id[aid] for aid in src.article_ids]

    def row(i: int) -> list[str]:
        e = entries[i]
        themes = ", ".join(theme_link(digest_theme(digest, t.id), ROOT) for t in e.analysed.themes) or "—"
        return [fmt_date(e.article.date), article_link(e, ROOT), themes]

    intro = p(f"{strong('Reliability:')} {grade_text(src)} · {strong('Articles:')} {len(src.article_ids):,}")
    return paginated_kept(SOURCES, src.slug, src.name, intro, ["Date", "Article", "Themes"], row,
                          [row_keys[aid] for aid in src.article_ids] if row_keys is not None else None, list(src.article_ids),
                          [e.article.date.isoformat() if e.article.date else "undated" for e in entries], base,
                          known or {}, stat, record if record is not None else {})


def month_key(e) -> str:
    return e.article.date.strftime("%Y-%m") if e.article.date else "undated"


def timeline_pages(digest: Digest, base: str = "", row_keys: dict[str, str] | None = None, known: dict | None = None,
                   stat=None, record: dict | None = None) -> Iterator[tuple[str, str | None]]:
    """The timeline: an index of months, and a page (or pages) per month, newest first."""
    by_month: dict[str, list] = defaultdict(list)
    for e in digest.articles:
        by_month[month_key(e)].append(e)
    index_rows = []
    for key, entries in by_month.items():  # articles are newest first, so months are too
        label = entries[0].article.date.strftime("%B %Y") if key != "undated" else "Undated"

        def row(i: int, entries=entries) -> list[str]:
            e = entries[i]
            themes = ", ".join(theme_link(digest_theme(digest, t.id), ROOT) for t in e.analysed.themes) or "—"
            return [fmt_date(e.article.date), article_link(e, ROOT), h(e.article.source or "—"), themes]

        yield from paginated_kept(TIMELINE, key, f"Timeline: {label}", "", ["Date", "Article", "Source", "Themes"], row,
                                  [row_keys[e.article.id] for e in entries] if row_keys is not None else None,
                                  [e.article.id for e in entries],
                                  [e.article.date.isoformat() if e.article.date else "undated" for e in entries], base,
                                  known or {}, stat, record if record is not None else {})
        counts = Counter(t.id for e in entries for t in e.analysed.themes)
        top = ", ".join(theme_link(digest_theme(digest, tid), ROOT) for tid, _ in counts.most_common(3)) or "—"
        index_rows.append([f'<a href="{key}.html">{h(label)}</a>', str(len(entries)), top])
    intro = p(f"{plural(len(digest.articles), 'article')} by date, newest first, with their themes.")
    yield f"{TIMELINE}/index.md", Page("Timeline").add(intro, table(["Month", "Articles", "Main themes"], index_rows)).text()


def source_pages(digest: Digest) -> dict[str, str]:
    return dict(source_pages_kept(digest))


def source_pages_kept(digest: Digest, base: str = "", row_keys: dict[str, str] | None = None, known: dict | None = None,
                      stat=None, record: dict | None = None) -> Iterator[tuple[str, str | None]]:
    """The sources index, the timeline and each source's pages, (path, text) or (path, None) for
    a page kept as it is (``common.paginated_kept``: ``row_keys``, article id ->
    ``articles.list_row_key``; ``base``: the themes' names and the renderers' code)."""
    yield f"{SOURCES}/index.md", sources_index(digest)
    yield from timeline_pages(digest, base, row_keys, known, stat, record)
    for src in digest.sources:
        yield from source_pages_of(src, digest, base, row_keys, known, stat, record)
