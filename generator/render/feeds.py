"""Atom feeds (RFC 4287) under ``feeds/``: the whole digest, each weekly edition, each theme,
each actor named often enough to follow, each story, each watchlist.

A feed reader must never show an entry twice, so an entry's id is made from the article's
stable id only (``urn:uuid:`` of a name-based UUID): the same article keeps its id across
rebuilds and in every feed. Links are absolute (under ``site_url``: a feed is read away from
the site) and point at the sentence the entry is about (``cite``); ``updated`` is the article's
date, so a rebuild changes a feed only when its articles change. Undated articles have no
``updated`` to give and are left out. Feeds are made only when ``mkdocs.yml`` has a
``site_url``; each page that has one names it in its front matter (``feed:``), which the theme
override ``templates/theme/main.html`` (put before Material's templates by the build) turns into ``<link rel="alternate">``.
"""

from __future__ import annotations

import datetime as dt
import uuid
from itertools import islice
from xml.sax.saxutils import escape, quoteattr

from generator.model import ArticleEntry, Digest
from generator.render.cite import sentence_url
from generator.textclean import strip_controls

FEEDS = "feeds"
MAX_ENTRIES = 50  # newest first: a feed is what is new, the site has the rest
_NAMESPACE = uuid.UUID("6f1d4c1e-3f55-5b7a-9a57-1c0d1c6e2d11")  # this generator's, fixed forever


def entry_id(article_id: str) -> str:
    """An article's entry id: the same in every feed and every build."""
    return f"urn:uuid:{uuid.uuid5(_NAMESPACE, 'article:' + article_id)}"


def _text(value: object) -> str:
    return escape(strip_controls(" ".join(str(value).split())))


def _stamp(date: dt.date) -> str:
    return f"{date.isoformat()}T00:00:00Z"


def best_sentence(entry: ArticleEntry) -> int:
    """The sentence an entry is about: the strongest evidence of its first theme, else the
    first sentence of its summary (the first after the title)."""
    a = entry.analysed
    if a.themes and a.themes[0].evidence:
        ev = min(a.themes[0].evidence, key=lambda e: (-len(e.patterns), e.index))
        return ev.index
    return 0 if entry.article.title_derived or len(a.sentences) < 2 else 1


def atom(
    digest: Digest, site_url: str, site_name: str, path: str, page: str, title: str, subtitle: str,
    items: list[tuple[ArticleEntry, int]],
) -> str:
    """An Atom feed at ``path`` (from the site root) for the page ``page``: ``items`` are
    (article, sentence index) pairs, newest first; undated articles are left out."""
    base = site_url if site_url.endswith("/") else site_url + "/"
    dated = [(e, i) for e, i in items if e.article.date][:MAX_ENTRIES]
    # a feed without dated entries says the digest's first date: it stays the same as articles are added
    newest = max((e.article.date for e, _ in dated), default=None) or min(
        (e.article.date for e in digest.articles if e.article.date), default=dt.date(1970, 1, 1))
    out = [
        '<?xml version="1.0" encoding="utf-8"?>',
        '<feed xmlns="http://www.w3.org/2005/Atom">',
        f"  <title>{_text(f'{site_name}: {title}')}</title>",
        f"  <subtitle>{_text(subtitle)}</subtitle>",
        f"  <id>{_text(base + path)}</id>",
        f'  <link rel="self" type="application/atom+xml" href={quoteattr(base + path)}/>',
        f'  <link rel="alternate" type="text/html" href={quoteattr(base + page)}/>',
        f"  <updated>{_stamp(newest)}</updated>",
        f"  <author><name>{_text(site_name)}</name></author>",
        '  <generator>digest-generator</generator>',
    ]
    themes = {t.id: t.info.name for t in digest.themes}
    for e, i in dated:
        a, art = e.analysed, e.article
        sentence = a.sentences[i] if 0 <= i < len(a.sentences) else art.summary or art.title
        out += [
            "  <entry>",
            f"    <title>{_text(art.title)}</title>",
            f"    <id>{entry_id(art.id)}</id>",
            f'    <link rel="alternate" type="text/html" href={quoteattr(sentence_url(e, i, base))}/>',
            f"    <updated>{_stamp(art.date)}</updated>",
            f"    <published>{_stamp(art.date)}</published>",
        ]
        if art.source:
            out.append(f"    <author><name>{_text(art.source)}</name></author>")
        out += [f"    <category term={quoteattr(t.id)} label={quoteattr(themes.get(t.id, t.id))}/>" for t in a.themes]
        out += [f'    <summary type="text">{_text(sentence)}</summary>', "  </entry>"]
    out.append("</feed>")
    return "\n".join(out) + "\n"


def actor_feed(actor, digest: Digest, site_url: str, site_name: str) -> tuple[str, str]:
    """The feed of an actor named often enough (``followed_actor``): (path under docs/, Atom XML).
    Made with the actor's page, by the worker that renders it."""
    first: dict[str, int] = {}
    for ref in actor.evidence:
        if ref.index is not None:
            first.setdefault(ref.article_id, ref.index)
    path = f"{FEEDS}/actors/{actor.slug}.xml"
    items = [(e, first.get(e.article.id, best_sentence(e))) for e in _newest_dated(digest, actor.article_ids)]
    return path, atom(digest, site_url, site_name, path, f"actors/{actor.slug}.html", actor.name,
                      f"Articles that name {actor.name}.", items)


def theme_feed(t, digest: Digest, site_url: str, site_name: str) -> tuple[str, str]:
    """The feed of a theme, its articles each at its first evidence sentence: (path under docs/,
    Atom XML). Made with the theme's page (``render/parts.py``)."""
    best: dict[str, int] = {}
    for aid, ev in t.evidence:
        best.setdefault(aid, ev.index)
    arts = sorted((digest.by_id[a] for a in t.article_ids), key=_newest)
    path = f"{FEEDS}/themes/{t.id}.xml"
    return path, atom(digest, site_url, site_name, path, f"themes/{t.id}.html", t.info.name, t.info.description,
                      [(e, best[e.article.id]) for e in arts if e.article.id in best])


def edition_feed(ed, digest: Digest, site_url: str, site_name: str) -> tuple[str, str]:
    """The feed of a weekly edition: (path under docs/, Atom XML). Made with the edition's page
    (``render/parts.py``)."""
    path = f"{FEEDS}/editions/{ed.week}.xml"
    return path, atom(digest, site_url, site_name, path, f"editions/{ed.week}.html", f"week {ed.week}",
                      f"The articles of ISO week {ed.week}.", [(digest.by_id[a], best_sentence(digest.by_id[a])) for a in ed.article_ids])


def story_feed(st, digest: Digest, site_url: str, site_name: str) -> tuple[str, str]:
    """The feed of a story, its reports each at its best sentence: (path under docs/, Atom XML).
    Made with the story's page (``render/parts.py``)."""
    path = f"{FEEDS}/stories/{st.slug}.xml"
    return path, atom(digest, site_url, site_name, path, f"stories/{st.slug}.html", f"story: {st.title}",
                      f"The reports of the story {st.title}.",
                      [(e, best_sentence(e)) for e in sorted((digest.by_id[a] for a in st.article_ids if a in digest.by_id), key=_newest)])


def feed_files(digest: Digest, site_url: str, site_name: str) -> dict[str, str]:
    """The feeds of the whole digest and its watchlists: path under docs/ -> Atom XML (actors'
    feeds: ``actor_feed``; themes', editions' and stories': ``theme_feed``, ``edition_feed``,
    ``story_feed``)."""

    def feed(path: str, page: str, title: str, subtitle: str, items: list[tuple[ArticleEntry, int]]) -> None:
        files[f"{FEEDS}/{path}"] = atom(digest, site_url, site_name, f"{FEEDS}/{path}", page, title, subtitle, items)

    files: dict[str, str] = {}
    feed("index.xml", "index.html", "latest articles", "The newest articles of the digest.",
         [(e, best_sentence(e)) for e in _newest_dated(digest, (e.article.id for e in digest.articles))])
    for w in digest.watchlists:
        feed(f"watchlists/{w.info.slug}.xml", f"watchlists/{w.info.slug}.html", f"watchlist {w.info.name}",
             f"Articles that match the watchlist {w.info.name}.", [(digest.by_id[m.article_id], m.index) for m in w.matches])
    return files


def _newest_dated(digest: Digest, article_ids) -> list[ArticleEntry]:
    """The first ``MAX_ENTRIES`` dated articles of ``article_ids``: all that ``atom`` keeps (an
    actor named in thousands of articles asks for the best sentence of fifty, not of all)."""
    return list(islice((e for e in map(digest.by_id.__getitem__, article_ids) if e.article.date), MAX_ENTRIES))


def _newest(e: ArticleEntry) -> tuple:
    d = e.article.date
    return (d is None, -(d.toordinal() if d else 0), e.article.title.lower(), e.article.id)
