"""Watchlist pages (``watchlists/``), the watchlists index and the home page's watchlist table.

A watchlist page lists its matches newest first, each with the sentence that made it match
(linked at its anchor, see ``cite``) and the rules it met."""

from __future__ import annotations

from generator.model import Digest, WatchlistEntry
from generator.render.cite import cite, sentence_url
from generator.render.common import (
    Page,
    article_link,
    fmt_date,
    fmt_value,
    p,
    plural,
    strong,
    table,
)
from generator.render.escape import h

WATCHLISTS = "watchlists"
ROOT = "../"
MAX_MATCHES = 200  # newest first; the feed and changes.json carry what is new


def rules(w: WatchlistEntry, digest: Digest) -> str:
    """The watchlist's rules in words (HTML)."""
    info, parts = w.info, []
    names = {t.id: t.info.name for t in digest.themes}
    if info.actors:
        parts.append("names " + " or ".join(strong(h(a)) for a in info.actors))
    if info.themes:
        parts.append("is about " + " or ".join(strong(h(names.get(t, t))) for t in info.themes))
    if info.words:
        parts.append("says " + " or ".join(f"“{h(x)}”" for x in info.words))
    for rule in info.figures:
        bounds = []
        if rule.min is not None:
            bounds.append(f"at least {fmt_value(rule.min)}")
        if rule.max is not None:
            bounds.append(f"at most {fmt_value(rule.max)}")
        parts.append(f"states a figure of {strong(h(rule.measure))}" + (f" ({' and '.join(bounds)})" if bounds else ""))
    return "An article matches when it " + "; and ".join(parts) + "."


def watchlist_page(w: WatchlistEntry, digest: Digest, feeds: bool) -> str:
    info = w.info
    page = Page(f"Watchlist: {info.name}", feed=f"feeds/{WATCHLISTS}/{info.slug}.xml" if feeds else None)
    page.add(p(rules(w, digest)))
    links = [f'<a href="{ROOT}briefs/{WATCHLISTS}/{info.slug}.html">Brief</a> (for handing over and printing)']
    if feeds:
        links.append(f'<a href="{ROOT}feeds/{WATCHLISTS}/{info.slug}.xml">Atom feed</a> (new matches in a feed reader)')
    page.add(p(" · ".join(links), "digest-brief-link"))
    page.add(p(f"{strong(plural(len(w.matches), 'matching article'))}, newest first."))
    page.heading("Matches")
    rows = []
    for m in w.matches[:MAX_MATCHES]:
        e = digest.by_id[m.article_id]
        rows.append([
            fmt_date(e.article.date),
            article_link(e, ROOT),
            h(m.sentence) + cite(sentence_url(e, m.index, ROOT)),
            h("; ".join(m.reasons)),
        ])
    page.add(table(["Date", "Article", "Why it matched", "Rules met"], rows) or p("No article matches yet."))
    if len(w.matches) > MAX_MATCHES:
        page.add(p(f"<em>…and {plural(len(w.matches) - MAX_MATCHES, 'older match', 'older matches')}.</em>"))
    return page.text()


def watchlists_index(digest: Digest) -> str:
    page = Page("Watchlists")
    if not digest.watchlists:
        page.add(p("No watchlists yet. Add them to <code>digest.yml</code> under <code>watchlists:</code> "
                   "(see the README): each gets a page, a feed and a brief."))
        return page.text()
    page.add(p("What this digest follows, from <code>digest.yml</code>."), watchlist_table(digest, ROOT))
    return page.text()


def watchlist_table(digest: Digest, root: str) -> str:
    rows = []
    for w in digest.watchlists:
        latest = digest.by_id[w.matches[0].article_id] if w.matches else None
        rows.append([
            f'<a href="{root}{WATCHLISTS}/{w.info.slug}.html">{h(w.info.name)}</a>',
            str(len(w.matches)),
            f"{fmt_date(latest.article.date)} · {article_link(latest, root)}" if latest else "—",
        ])
    return table(["Watchlist", "Matches", "Latest"], rows)


def watchlist_pages(digest: Digest, feeds: bool) -> dict[str, str]:
    pages = {f"{WATCHLISTS}/index.md": watchlists_index(digest)}
    for w in digest.watchlists:
        pages[f"{WATCHLISTS}/{w.info.slug}.md"] = watchlist_page(w, digest, feeds)
    return pages
