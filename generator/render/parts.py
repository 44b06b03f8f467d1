"""Pages made from one part of the digest (a theme, a story, a weekly edition), each kept as it
is when what it is made from did not change.

A story's page, brief and feed are made from the story (its reports' analysis, the figure
table, whether it is developing), its reports' articles and pages, and the links every page
may show (``links_key``: the names, slugs and types of the actors, the themes' names, the
sources' grades); an edition's page and feed from the edition, the weeks before and after it
(the pager), its top stories, its articles and pages, and the same links; a theme's page, brief
and feed from the theme (its articles, evidence, figures, weeks, actors), the stories it lists,
its articles and pages, and the same links. Each group of files
has a key: a hash of exactly that, with the renderer's version and the analysis fingerprint
(``salt``). When a group's key, and the size and modification time of each of its files,
match the page cache (the last build's), its files are kept without being made again, as
article and actor pages are (``render/pages.py``); else they are made, and written only when
their text changed. So a daily update makes the themes, stories and editions the new article
is in (and the edition after its week, whose "week before" counts it), not the other hundreds.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterator

from generator.cache import article_key
from generator.model import Digest, Edition, Story, ThemeEntry
from generator.render.briefs import BRIEFS, story_brief, theme_brief
from generator.render.common import THEMES
from generator.render.editions import EDITIONS, edition_page, editions_index
from generator.render.feeds import FEEDS, edition_feed, story_feed, theme_feed
from generator.render.stories import STORIES, STORIES_LISTED, TOP, story_index_pages, story_page
from generator.render.themes import theme_page
from generator.storycache import RULES as STORY_RULES
from generator.versions import PACKAGE, code_version

Stat = Callable[[str], "list[int] | None"]
# the code that makes the digest's editions and stories from the articles (the renderers' own
# code is in the ``version`` given to ``links_key``)
MODEL_VERSION = code_version(PACKAGE / "digest.py", PACKAGE / "stories.py", PACKAGE / "grouping.py", PACKAGE / "model.py")


def links_key(digest: Digest, version: str, salt: str, site_url: str | None, site_name: str) -> str:
    """What any story or edition page may show of the rest of the digest, and the code and
    analysis they are made with (``version``: the renderers'; ``salt``: the analysis
    fingerprint), hashed: the name,
    slug and type of every actor (by name: not in the digest's order, which an article added
    changes), the themes' names, each source's slug and grade, the site's address and name.
    Not the digest's first date, which an article dated before the oldest changes: only the
    keys of the pages whose feed has no dated entry hold it (``first_date_if_undated``)."""
    h = hashlib.sha256(json.dumps([version, MODEL_VERSION, salt, site_url, site_name,
                                   [[t.id, t.info.name] for t in digest.themes],
                                   sorted([s.name, s.slug, s.grade] for s in digest.sources)], ensure_ascii=False).encode())
    for name, slug, kind in sorted((a.name, a.slug, a.type) for a in digest.actors):
        h.update(f"|{name}\x00{slug}\x00{kind}".encode())
    return h.hexdigest()


def first_date_if_undated(digest: Digest, article_ids) -> str | None:
    """The digest's first date when none of ``article_ids`` (the entries of a feed) is dated:
    such a feed says that date (``feeds.atom``); else None."""
    if any((e := digest.by_id.get(aid)) is not None and e.article.date for aid in article_ids):
        return None
    return str(min((e.article.date for e in digest.articles if e.article.date), default=None))


def _articles(digest: Digest, article_ids) -> list:
    """Each article a page shows: its id, content key (text, metadata) and page."""
    return [[aid, article_key(digest.by_id[aid].article), digest.by_id[aid].slug] for aid in article_ids if aid in digest.by_id]


# (digest, id of each of its articles' figures -> (article id, "article id:place")): see ``figure_refs``
_PLACES: list = [None, {}]


def figure_places(digest: Digest | None) -> dict[int, tuple[str, str]]:
    """Each figure of ``digest``'s articles (by identity) as its article's id, and that id with its
    place among that article's figures, made once for a digest; ``None``: forget it (the digest
    with it)."""
    if digest is None:
        _PLACES[:] = [None, {}]
    elif _PLACES[0] is not digest:
        _PLACES[:] = [digest, {id(f): (e.article.id, f"{e.article.id}:{n}") for e in digest.articles
                               for n, f in enumerate(e.analysed.figures)}]
    return _PLACES[1]


def figure_refs(digest: Digest, figures) -> str:
    """(article id, figure) pairs as each figure's article and its place among that article's
    figures: the rest of a figure is that article's analysis, whose content key (and the analysis
    fingerprint) the keys that take this hold. Hashing the figures' text and sentences instead
    took most of the time of an actor's key at 10,000 articles (a leading actor has thousands)."""
    places = figure_places(digest)
    out = []
    for aid, f in figures:
        place = places.get(id(f))
        if place is not None and place[0] == aid:
            out.append(place[1])
        else:  # not its article's own object (analyses that share one): by its text and sentence
            out.append(json.dumps([aid, f.text, f.sentence], ensure_ascii=False))
    return " ".join(out)


def story_key(story: Story, digest: Digest, links: str) -> str:
    """Everything a story's page, brief and feed are made from: a story is made from its
    reports alone (``stories.make_story``: their articles as read and their analysis, which
    the analysis fingerprint in ``links`` stands for, and the rules of ``storycache.RULES``),
    but whether it is developing, which depends on the digest's latest day."""
    reports = [[aid, article_key(e.article), list(e.article.sources), e.slug]
               for aid in story.article_ids if (e := digest.by_id.get(aid)) is not None]
    payload = json.dumps([links, STORY_RULES, story.id, story.developing, reports,
                          first_date_if_undated(digest, story.article_ids)], ensure_ascii=False)
    return hashlib.sha256(payload.encode("utf-8", "surrogatepass")).hexdigest()[:24]


def edition_key(ed: Edition, older: Edition | None, newer: Edition | None, top: list[Story], digest: Digest,
                links: str) -> str:
    """Everything an edition's page and feed are made from: the edition (its articles, new
    actors, theme counts against the week before, figures), the weeks of the editions before
    and after it, its top stories as the table shows them, its articles."""
    shown = _listed(top)
    # the figures as the article they are from and their place in it: the rest of each is that
    # article's analysis (its key below and the fingerprint in ``links``)
    figures = figure_refs(digest, ed.figures)
    payload = json.dumps([links, ed.week, str(ed.start), str(ed.end), list(ed.article_ids), list(ed.new_actors),
                          [list(t) for t in ed.themes], figures, older.week if older else None,
                          newer.week if newer else None, shown,
                          _articles(digest, dict.fromkeys((*ed.article_ids, *(aid for aid, _ in ed.figures))))],
                         ensure_ascii=False)
    return hashlib.sha256(payload.encode("utf-8", "surrogatepass")).hexdigest()[:24]


def _listed(stories) -> list:
    """Stories as the tables of a theme's and an edition's pages show them (``render.stories._row``,
    without the *developing* mark)."""
    return [[s.slug, s.title, len(s.sources), len(s.article_ids), str(s.first), str(s.last), len(s.flags)]
            for s in stories]


def theme_key(theme: ThemeEntry, digest: Digest, links: str) -> str:
    """Everything a theme's page, brief and feed are made from: its description, articles,
    actors, evidence, figures, weeks and bottom line (each sentence as its article and index:
    the rest is that article's analysis, whose content key is in the key), the stories it
    lists, and its articles. A theme of a 10,000-article digest has tens of thousands of
    evidence sentences and figures: they are hashed as (article, index) pairs, not as their text."""
    info = theme.info
    stories = digest.stories_of.get(info.id, ())
    h = hashlib.sha256()
    h.update(json.dumps([links, info.id, info.name, info.description, list(theme.article_ids), [list(a) for a in theme.actors],
                         figure_refs(digest, theme.figures), [list(w) for w in theme.weekly],
                         [[aid, ev.index] for aid, ev in theme.bluf], len(stories), _listed(stories[:STORIES_LISTED]),
                         _articles(digest, dict.fromkeys((*theme.article_ids, *(aid for aid, _ in theme.evidence),
                                                          *(aid for aid, _ in theme.figures)))),
                         first_date_if_undated(digest, (aid for aid, _ in theme.evidence))],
                        ensure_ascii=False).encode("utf-8", "surrogatepass"))
    h.update(b"|evidence|")
    h.update(" ".join([f"{aid}:{ev.index}" for aid, ev in theme.evidence]).encode())
    return h.hexdigest()[:24]


def _kept_or_made(rels: list[str], key: str, make: Callable[[], list[tuple[str, str]]], known: dict, stat: Stat,
                  record: dict) -> Iterator[tuple[str, str | None]]:
    """(path, None) for each of ``rels`` when the page cache has ``key`` and their files as
    they are; else the files ``make`` gives. ``record`` receives the group's entry (under its
    first path) once the caller has written them."""
    last = known.get(rels[0])
    stats = [stat(r) for r in rels]
    if last and last[0] == key and None not in stats and last[1] == stats:
        yield from ((r, None) for r in rels)
    else:
        yield from make()
    record[rels[0]] = [key, [stat(r) for r in rels]]


def _page_brief_feed(folder: str, kind: str, slug: str, page: Callable[[], str], brief: Callable[[], str],
                     feed: Callable[[], tuple[str, str]] | None) -> tuple[list[str], Callable[[], list[tuple[str, str]]]]:
    """The paths of a page, its brief and (when ``feed``) its feed, and how to make the three."""
    rels = [f"{folder}/{slug}.md", f"{BRIEFS}/{kind}/{slug}.md", *([f"{FEEDS}/{kind}/{slug}.xml"] if feed else [])]

    def make() -> list[tuple[str, str]]:
        return [(rels[0], page()), (rels[1], brief()), *([feed()] if feed else [])]

    return rels, make


def story_files(digest: Digest, links: str, known: dict, stat: Stat, record: dict, site_url: str | None,
                site_name: str) -> Iterator[tuple[str, str | None]]:
    """Each story's page, brief and (with ``site_url``) feed, kept or made; then the index of stories."""
    feeds = bool(site_url)
    for s in digest.stories:
        rels, make = _page_brief_feed(
            STORIES, "stories", s.slug, lambda s=s: story_page(s, digest, feeds), lambda s=s: story_brief(s, digest, site_url),
            (lambda s=s: story_feed(s, digest, site_url, site_name)) if feeds else None)
        yield from _kept_or_made(rels, story_key(s, digest, links), make, known, stat, record)
    yield from story_index_pages(digest).items()


def edition_files(digest: Digest, links: str, known: dict, stat: Stat, record: dict, site_url: str | None,
                  site_name: str) -> Iterator[tuple[str, str | None]]:
    """Each edition's page and (with ``site_url``) feed, kept or made; then the index of editions."""
    feeds = bool(site_url)
    eds = digest.editions  # newest first
    week_of = {aid: ed.week for ed in eds for aid in ed.article_ids}
    tops: dict[str, list[Story]] = {ed.week: [] for ed in eds}
    for s in digest.stories:  # the digest's order: top first (as ``edition_page`` lists them)
        for week in dict.fromkeys(week_of[a] for a in s.article_ids if a in week_of):
            if len(tops[week]) < TOP:
                tops[week].append(s)
    for i, ed in enumerate(eds):
        older = eds[i + 1] if i + 1 < len(eds) else None
        newer = eds[i - 1] if i > 0 else None
        rels = [f"{EDITIONS}/{ed.week}.md", *([f"{FEEDS}/editions/{ed.week}.xml"] if feeds else [])]

        def make(ed=ed, older=older, newer=newer) -> list[tuple[str, str]]:
            out = [(f"{EDITIONS}/{ed.week}.md", edition_page(ed, digest, older, newer, feeds))]
            if feeds:
                out.append(edition_feed(ed, digest, site_url, site_name))
            return out

        yield from _kept_or_made(rels, edition_key(ed, older, newer, tops[ed.week], digest, links), make, known, stat, record)
    yield f"{EDITIONS}/index.md", editions_index(digest)


def theme_files(digest: Digest, links: str, known: dict, stat: Stat, record: dict, site_url: str | None,
                site_name: str) -> Iterator[tuple[str, str | None]]:
    """Each theme's page, brief and (with ``site_url``) feed, kept or made."""
    feeds = bool(site_url)
    for t in digest.themes:
        rels, make = _page_brief_feed(
            THEMES, "themes", t.id, lambda t=t: theme_page(t, digest, feeds), lambda t=t: theme_brief(t, digest, site_url),
            (lambda t=t: theme_feed(t, digest, site_url, site_name)) if feeds else None)
        yield from _kept_or_made(rels, theme_key(t, digest, links), make, known, stat, record)
