"""The home page's generated part (``_partials/home.md``), included by the hand-written
``docs/index.md``: what the digest covers, counts, top actors and themes, latest articles."""

from __future__ import annotations

from generator.model import Digest
from generator.render.articles import UNDATED
from generator.render.common import (
    Page,
    actor_link,
    article_link,
    fmt_date,
    p,
    plural,
    strong,
    table,
    theme_link,
    ul,
)
from generator.render.editions import edition_summary, edition_title
from generator.render.escape import h
from generator.render.stories import top_stories
from generator.render.themes import actor_theme_matrix
from generator.render.watchlists import watchlist_table

ROOT = ""  # the snippet is included into docs/index.md: links are relative to docs/
TOP = 10


def home_partial(digest: Digest) -> str:
    dates = [e.article.date for e in digest.articles if e.article.date]
    span = f"from {min(dates).isoformat()} to {max(dates).isoformat()}" if dates else "undated"
    sources = {e.article.source for e in digest.articles if e.article.source}
    page = Page("", heading=False, front=False)
    if digest.editions:
        ed = digest.editions[0]
        page.heading(f"Latest edition: {edition_title(ed)}")
        page.add(p(f'<a href="{ROOT}editions/{ed.week}.html">{h(edition_title(ed))}</a>: {edition_summary(ed, digest, ROOT)}'))
        rows = [
            [fmt_date(digest.by_id[a].article.date), article_link(digest.by_id[a], ROOT), h(digest.by_id[a].article.source or "—")]
            for a in ed.article_ids[:TOP]
        ]
        page.add(table(["Date", "Article", "Source"], rows), p(f'<a href="{ROOT}editions/index.html">All editions</a>'))
    if digest.stories:
        page.heading("Top stories")
        page.add(
            p("Events reported by several outlets: most outlets first, then the fastest reported."),
            top_stories(digest, ROOT),
            p(f'<a href="{ROOT}stories/index.html">All stories</a>'),
        )
    if digest.watchlists:
        page.heading("Watchlists")
        page.add(watchlist_table(digest, ROOT), p(f'<a href="{ROOT}watchlists/index.html">All watchlists</a>'))
    page.heading("The digest")
    page.add(p(
        f"{strong(plural(len(digest.articles), 'article'))} {span} · {strong(plural(len(digest.actors), 'actor'))} · "
        f"{strong(plural(sum(1 for t in digest.themes if t.article_ids), 'theme'))} with evidence · "
        f"{strong(plural(len(sources), 'source'))}"
    ))
    undated = sum(1 for e in digest.articles if e.article.date is None)
    if undated:
        page.add(p(
            f'<a href="{ROOT}{UNDATED}.html" class="digest-undated">{plural(undated, "undated article")}</a>: '
            "no date found in their fields, file names or text"
        ))
    # Top actors and themes side by side on a desk (digest.css), one after the other on a phone
    page.markdown('<div class="digest-columns" markdown>\n\n<div markdown>\n')
    page.heading("Top actors")
    page.add(
        table(
            ["Actor", "Mentions", "Articles"],
            [[actor_link(a, ROOT), str(a.mentions), str(len(a.article_ids))] for a in digest.actors[:TOP]],
        )
        or p("No actors yet."),
        p(f'<a href="{ROOT}actors/index.html">All actors</a>'),
    )
    page.markdown("</div>\n\n<div markdown>\n")
    page.heading("Themes")
    by_count = sorted(digest.themes, key=lambda t: (-len(t.article_ids), t.id))
    page.add(table(["Theme", "Articles"], [[theme_link(t, ROOT), str(len(t.article_ids))] for t in by_count]))
    page.markdown("</div>\n\n</div>\n")
    page.heading("Actors by theme")
    page.add(actor_theme_matrix(digest, ROOT))
    page.heading("Latest articles")
    page.add(
        table(
            ["Date", "Title", "Source"],
            [[fmt_date(e.article.date), article_link(e, ROOT), h(e.article.source or "—")] for e in digest.articles[:TOP]],
        )
        or p("No articles yet."),
        p(f'<a href="{ROOT}articles/index.html">All articles</a>'),
    )
    return page.text()


def taxonomy_partial(digest: Digest) -> str:
    """The themes and the rules that assign them, for the methodology page."""
    page = Page("", heading=False, front=False)
    for t in digest.themes:
        info = t.info
        page.heading(info.name, 3)
        page.add(p(f"<code>{h(info.id)}</code> · {h(info.description)}"), ul([h(c) for c in info.criteria]))
    return page.text()
