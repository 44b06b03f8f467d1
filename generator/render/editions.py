"""Weekly editions (ISO weeks): what is new each week, and the editions index."""

from __future__ import annotations

from generator.model import Digest, Edition
from generator.render.articles import digest_theme
from generator.render.common import (
    FIGURE_HEADERS,
    Page,
    actor_ref,
    article_link,
    figure_row,
    fmt_date,
    p,
    plural,
    table,
    theme_link,
)
from generator.render.escape import h
from generator.render.stories import TOP, stories_table

EDITIONS = "editions"
ROOT = "../"
# figures a week's page lists (a busy week states thousands); each article page lists its own
# and the downloads have them all
MAX_FIGURES = 100


def edition_title(ed: Edition) -> str:
    return f"Week {ed.week[6:]} of {ed.week[:4]} ({ed.start:%d %b} – {ed.end:%d %b %Y})"


def rising(ed: Edition) -> list[str]:
    return [tid for tid, now, before in ed.themes if now > before]


def edition_summary(ed: Edition, digest: Digest, root: str) -> str:
    """One paragraph: counts, first-time actors, rising themes (for the home page too)."""
    parts = [f"{plural(len(ed.article_ids), 'article')}"]
    if ed.new_actors:
        named = ", ".join(actor_ref(digest, n, root) for n in ed.new_actors[:8])
        more = f" and {len(ed.new_actors) - 8} more" if len(ed.new_actors) > 8 else ""
        parts.append(f"first mentions of {named}{more}")
    up = rising(ed)
    if up:
        parts.append("rising: " + ", ".join(theme_link(digest_theme(digest, t), root) for t in up))
    if ed.figures:
        parts.append(plural(len(ed.figures), "new figure"))
    return "; ".join(parts) + "."


def edition_page(ed: Edition, digest: Digest, previous: Edition | None, following: Edition | None,
                 feeds: bool = False) -> str:
    page = Page(edition_title(ed), feed=f"feeds/editions/{ed.week}.xml" if feeds else None).add(p(edition_summary(ed, digest, ROOT)))
    nav = []
    if previous:
        nav.append(f'<a href="{previous.week}.html" rel="prev">← {h(previous.week)}</a>')
    if following:
        nav.append(f'<a href="{following.week}.html" rel="next">{h(following.week)} →</a>')
    if nav:
        page.add(p(" · ".join(nav), "digest-pager"))
    week_ids = set(ed.article_ids)
    week_stories = [s for s in digest.stories if week_ids.intersection(s.article_ids)]  # digest order: top first
    if week_stories:
        page.heading("Top stories")
        page.add(stories_table(week_stories[:TOP], digest, ROOT, developing=False))  # a past week's: see stories_section
    page.heading("Articles")
    rows = []
    for aid in ed.article_ids:
        e = digest.by_id[aid]
        themes = ", ".join(theme_link(digest_theme(digest, t.id), ROOT) for t in e.analysed.themes) or "—"
        rows.append([fmt_date(e.article.date), article_link(e, ROOT), h(e.article.source or "—"), themes])
    page.add(table(["Date", "Article", "Source", "Themes"], rows))
    page.heading("New actors")
    page.add(
        p(", ".join(actor_ref(digest, n, ROOT) for n in ed.new_actors))
        if ed.new_actors
        else p("No actor appeared for the first time this week.")
    )
    page.heading("Themes this week")
    rows = []
    for tid, now, before in ed.themes:
        trend = "rose" if now > before else "fell" if now < before else "steady"
        rows.append([theme_link(digest_theme(digest, tid), ROOT), str(now), str(before), trend])
    page.add(table(["Theme", "Articles", "Week before", "Trend"], rows) or p("No theme this week."))
    page.heading("New figures")
    if ed.figures:
        rows = [figure_row(f, digest, ROOT) + [article_link(digest.by_id[aid], ROOT)] for aid, f in ed.figures[:MAX_FIGURES]]
        page.add(table(FIGURE_HEADERS + ["Article"], rows))
        left = len(ed.figures) - MAX_FIGURES
        if left > 0:
            page.add(p(
                f"<em>…and {plural(left, 'more figure')} this week: each article's page lists its own, and the "
                f'<a href="{ROOT}downloads/index.html">downloads</a> have them all (the figures table).</em>'
            ))
    else:
        page.add(p("No figures this week."))
    return page.text()


def editions_index(digest: Digest) -> str:
    page = Page("Editions").add(p("One edition per ISO week, newest first: what was new that week."))
    rows = [
        [f'<a href="{ed.week}.html">{h(ed.week)}</a>', f"{ed.start:%d %b} – {ed.end:%d %b %Y}", edition_summary(ed, digest, ROOT)]
        for ed in digest.editions
    ]
    page.add(table(["Week", "Dates", "What was new"], rows) or p("No dated articles yet."))
    return page.text()


def edition_pages(digest: Digest, feeds: bool = False) -> dict[str, str]:
    pages = {f"{EDITIONS}/index.md": editions_index(digest)}
    eds = digest.editions  # newest first
    for i, ed in enumerate(eds):
        older = eds[i + 1] if i + 1 < len(eds) else None
        newer = eds[i - 1] if i > 0 else None
        pages[f"{EDITIONS}/{ed.week}.md"] = edition_page(ed, digest, older, newer, feeds)
    return pages
