"""Render: Digest -> pages under ``docs/``, each written as soon as it is made.

Nothing here imports spaCy: everything a page needs is in the digest model. Pages are
independent of one another, so large digests are rendered and written by forked worker
processes (they inherit the digest; each writes its share of the pages and reports only
paths and counts back, so no process holds the whole site in memory).

An article page depends only on its article, its analysis and the names, slugs and types of
the actors and themes it links to: its key (``article_page_key``) records exactly that, with
the renderer's own code. A page whose key, size and modification time match the last build
(``PageCache``) is neither rendered nor read again, so a daily update with one new article
renders one article page, plus the pages made from the whole digest (indexes, actors,
themes, search, downloads).
"""

from __future__ import annotations

import functools
import gc
import hashlib
import json
import multiprocessing
import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from generator.atomic import write_atomic
from generator.cache import article_key, warn_unreadable
from generator.errors import BuildError
from generator.fastjson import loads
from generator.model import ArticleEntry, Digest
from generator.render.actors import actor_page, actors_index, followed_actor
from generator.render.articles import article_page, articles_index_kept, list_row_key, undated_index
from generator.render.briefs import BRIEFS, actor_brief, brief_pages
from generator.render.common import ACTORS, ARTICLES, GENERATED_DIRS, PARTIALS, THEMES
from generator.render.downloads import (
    DOWNLOADS,
    chunk_key_for,
    download_files,
    month_key_for,
    stories_key_for,
)
from generator.render.editions import EDITIONS
from generator.render.feeds import FEEDS, actor_feed, feed_files
from generator.render.home import home_partial, taxonomy_partial
from generator.render.parts import (
    edition_files,
    figure_places,
    figure_refs,
    first_date_if_undated,
    links_key,
    story_files,
    theme_files,
)
from generator.render.search import SEARCH, TERMS_FILE, record_files, search_files, search_page
from generator.render.sources import SOURCES, TIMELINE, source_pages_kept
from generator.render.stories import STORIES, STORIES_LISTED
from generator.render.themes import themes_index
from generator.render.watchlists import WATCHLISTS, watchlist_pages
from generator.statements import forget_speakers, found_speakers, load_speakers, save_speakers
from generator.versions import PACKAGE, code_version, folder_version
from generator.write import DuplicatePageError, TreeWriter, WriteStats, undo_folder

PARALLEL_MIN = 500  # articles: below this, a second process costs more than it saves


# the renderers' code: a new version renders every page again
RENDER_VERSION = folder_version(Path(__file__).parent, PACKAGE / "textclean.py", PACKAGE / "model.py")


def article_page_key(entry: ArticleEntry, digest: Digest, salt: str) -> str:
    """Everything an article page is made from, hashed (``salt``: the analysis fingerprint)."""
    a, art = entry.analysed, entry.article
    names = {m.actor for m in a.mentions} | {r.name for r in a.actors} | {r.affiliation for r in a.actors if r.affiliation}
    names |= {q.actor for q in a.quotes if q.actor}
    actors = []
    for name in sorted(names):
        ref = digest.actor_by_name.get(name)
        actors.append([name, ref.slug, ref.type] if ref else [name])
    themes = {t.id: t.info.name for t in digest.themes}
    story = digest.story_of.get(art.id)
    payload = json.dumps(
        [RENDER_VERSION, salt, article_key(art), art.sources, art.author, art.language, art.location, entry.slug,
         actors, [[t.id, themes.get(t.id)] for t in a.themes],
         _story_key(story, digest) if story else None],
        ensure_ascii=False,
    )
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()[:24]


def _story_key(story, digest: Digest) -> list:
    """What an article page shows of its story: its address and its first report's outlet and date."""
    first = digest.by_id.get(story.article_ids[0])
    when = first.article.date.isoformat() if first and first.article.date else None
    return [story.slug, story.article_ids[0], first.article.source if first else None, when]


# who said what on an actor's page comes from generator/statements.py
STATEMENTS_VERSION = code_version(PACKAGE / "statements.py")


def _actors_base(digest: Digest, salt: str, site_url: str | None, site_name: str) -> tuple[str, dict[str, str]]:
    """What every actor page, brief and feed may show of the rest of the digest: the name,
    slug and type of every actor (links) and the themes' names, hashed; and each article's id,
    content key and page, to hash into the keys of the actors it names. Not the digest's weeks
    (an actor's chart spans its own, in its entry) nor its first date (only a feed without
    dated entries says it: ``first_date_if_undated``, in that actor's key), which an article
    dated before the oldest or after the newest changes."""
    h = hashlib.sha256(json.dumps([RENDER_VERSION, STATEMENTS_VERSION, salt, site_url, site_name,
                                   [[t.id, t.info.name] for t in digest.themes]], ensure_ascii=False).encode())
    # the links, by name: an article added reorders the actors (most mentioned first), which
    # changes no page but the index
    for name, slug, kind in sorted((a.name, a.slug, a.type) for a in digest.actors):
        h.update(f"|{name}\x00{slug}\x00{kind}".encode())
    articles = {e.article.id: f"|{e.article.id}:{article_key(e.article)}:{e.slug}" for e in digest.articles}
    return h.hexdigest(), articles


def actor_page_key(actor, digest: Digest, base: tuple[str, dict[str, str]], role: tuple) -> str:
    """Everything an actor's page, brief and feed are made from, hashed: the actor's own entry
    (counts, themes, co-actors, members, weeks...), each article it shows or counts (its content
    and page), the stories it is in, its role (``role``: role, Wikidata id) and ``base``
    (``_actors_base``: the links, themes and weeks of the whole digest)."""
    digest_key, articles = base
    aids = dict.fromkeys(actor.article_ids)
    aids.update(dict.fromkeys(ref.article_id for ref in actor.evidence))
    aids.update(dict.fromkeys(aid for aid, _ in actor.figures))
    aids.update(dict.fromkeys(aid for aid, _ in actor.quotes))
    stories = digest.stories_of.get(actor.name, ())
    payload = json.dumps(
        [digest_key, list(role), actor.name, actor.slug, actor.type, actor.affiliation, actor.known, actor.mentions,
         actor.evidence_count, actor.aliases_seen, actor.themes, actor.co_actors, actor.members, actor.weekly,
         [[ref.article_id, ref.index] for ref in actor.evidence],
         figure_refs(digest, actor.figures), [[aid, q.index, q.text] for aid, q in actor.quotes],
         len(stories), [[s.slug, s.title, list(s.sources), list(s.article_ids), str(s.first), str(s.last),
                         len(s.flags)] for s in stories[:STORIES_LISTED]], first_date_if_undated(digest, actor.article_ids)],
        ensure_ascii=False,
    )
    h = hashlib.sha256(payload.encode())
    h.update("".join(map(articles.__getitem__, actor.article_ids)).encode())  # in order: newest first
    h.update("".join(map(articles.__getitem__, aids)).encode())
    return h.hexdigest()[:24]


@dataclass(frozen=True, slots=True)
class PageCache:
    """What the last build wrote for each article page: rel path -> [key, size, mtime_ns]."""

    path: Path | None
    entries: dict

    @classmethod
    def load(cls, cache_dir: Path | None) -> PageCache:
        if cache_dir is None:
            return cls(None, {})
        path = cache_dir / "pages-v1.json"
        try:
            entries = loads(path.read_bytes())
        except FileNotFoundError:
            entries = {}
        except (OSError, ValueError):
            entries = None
        if not isinstance(entries, dict):
            warn_unreadable(path, "every article page is rendered again")
            entries = {}
        return cls(path, entries)

    def save(self, entries: dict) -> None:
        if self.path is None:
            return
        self.path.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(self.path, json.dumps(entries, sort_keys=True, separators=(",", ":")), fault="page-cache")


def _stat(path: str) -> list[int] | None:
    try:
        st = os.stat(path)
    except OSError:
        return None
    return [st.st_size, st.st_mtime_ns]


def _read(path: str) -> bytes | None:
    try:
        with open(path, "rb") as f:
            return f.read()
    except OSError:
        return None


@dataclass(frozen=True, slots=True)
class _Job:
    digest: Digest
    roles: dict
    salt: str
    known: dict  # the page cache's entries
    extra: dict  # more files to write (static assets)
    cache_dir: Path | None = None
    site_url: str | None = None  # feeds are made only with it
    site_name: str = "Digest"


def _whole_jobs(job: _Job, root: str, entries: dict) -> list:
    """The pages and files made from the whole digest, as (cost, job): the workers take them
    costliest first (``_write_part``), or ``_share`` balances them. Costs are seconds measured
    at 10,000 articles: in a warm build with one article added (of a date that renumbers a
    third of the search records), and for the two jobs whose caches may be cold, without them
    (every article tokenised for the search terms; every month's tables made)."""
    digest = job.digest
    feeds = bool(job.site_url)
    terms_cold = job.cache_dir is None or not (job.cache_dir / TERMS_FILE).is_file()
    months_cold = not any(rel.startswith(f"{DOWNLOADS}/") for rel in job.known)

    def downloads():
        stat = (lambda rel: _stat(os.path.join(root, rel))) if job.salt else None
        return download_files(digest, month_key_for(job.salt), job.known, stat, entries, stories_key_for(job.salt),
                              chunk_key_for(job.salt) if job.salt else None, lambda rel: _read(os.path.join(root, rel)))

    def stat(rel: str) -> list[int] | None:
        return _stat(os.path.join(root, rel)) if job.salt else None  # without the analysis fingerprint, no key is trusted

    @functools.cache
    def links() -> str:
        return links_key(digest, RENDER_VERSION, job.salt, job.site_url, job.site_name)

    def lists():
        """The lists of articles (all, by source, by month), each page kept while its rows are."""
        keyed = (stat, {e.article.id: list_row_key(e, digest) for e in digest.articles}) if job.salt else (None, None)
        base = json.dumps([RENDER_VERSION, job.salt, [[t.id, t.info.name] for t in digest.themes]], ensure_ascii=False)
        yield from articles_index_kept(digest, base, keyed[1], job.known, keyed[0], entries)
        yield from undated_index(digest).items()
        yield from source_pages_kept(digest, base, keyed[1], job.known, keyed[0], entries)

    def records():
        salt = f"{RENDER_VERSION}|{job.salt}" if job.salt else ""
        return record_files(digest, salt, job.known, lambda rel: _stat(os.path.join(root, rel)), entries)

    return [
        (5.2 if terms_cold else 1.0, lambda: search_files(digest, job.cache_dir, "terms", job.salt).items()),
        (1.8, records),
        (0.3, lambda: edition_files(digest, links(), job.known, stat, entries, job.site_url, job.site_name)),
        (0.2, lambda: story_files(digest, links(), job.known, stat, entries, job.site_url, job.site_name)),
        (0.3, lambda: theme_files(digest, links(), job.known, stat, entries, job.site_url, job.site_name)),
        (0.3, lambda: [*watchlist_pages(digest, feeds).items(), *brief_pages(digest, job.site_url, parts=False).items(),
                       *(feed_files(digest, job.site_url, job.site_name).items() if feeds else ())]),
        (0.3, lists),
        (6.1 if months_cold else 0.9, downloads),
        (0.25, lambda: [(f"{PARTIALS}/home.md", home_partial(digest)), (f"{PARTIALS}/taxonomy.md", taxonomy_partial(digest)),
                       (f"{ACTORS}/index.md", actors_index(digest)), (f"{THEMES}/index.md", themes_index(digest)),
                       (f"{SEARCH}/index.md", search_page(digest)),
                       *job.extra.items()]),
    ]


def _share(jobs: list, part: int, parts: int) -> list:
    """The jobs of worker ``part``: the costliest first, each to the least loaded worker."""
    loads, mine = [0.0] * parts, []
    for _, (cost, make) in sorted(enumerate(jobs), key=lambda nj: (-nj[1][0], nj[0])):
        target = min(range(parts), key=lambda k: (loads[k], k))
        loads[target] += cost
        if target == part:
            mine.append(make)
    return mine


def _write_part(job: _Job, writer: TreeWriter, part: int, parts: int, tick=lambda: None, take=None) -> dict:
    """Render and write one share: every ``parts``-th article and actor page, and its share of
    the whole-digest jobs. Returns its page cache entries (article pages, download months).
    ``tick`` is called after each article or actor page and each whole-digest job. ``take``
    (shared by the workers): the index of the next whole-digest job to make, costliest first,
    so that a worker done with its pages takes the next one however wrong the costs are;
    without it, the jobs ``_share`` gives this part."""
    digest = job.digest
    entries = {}
    root = str(writer.root)  # paths as text: a ``Path`` made for each of 20,000 pages costs more than its stat
    for e in digest.articles[part::parts]:
        tick()
        rel = f"{ARTICLES}/{e.slug}.md"
        key = article_page_key(e, digest, job.salt)
        path = os.path.join(root, rel)
        known = job.known.get(rel)
        stat = _stat(path)
        if known and known[0] == key and known[1:] == stat:
            writer.keep(rel)
        else:
            writer.put(rel, article_page(e, digest))
            stat = _stat(path)
        entries[rel] = [key, *(stat or [])]
    base = _actors_base(digest, job.salt, job.site_url, job.site_name) if digest.actors else ("", {})
    for a in digest.actors[part::parts]:
        tick()
        # an actor's page, and its brief and feed when it is followed, in the same share; kept
        # as they are when what they are made from (their key) and their files did not change
        rel = f"{ACTORS}/{a.slug}.md"
        followed = followed_actor(a)
        rels = [rel, *([f"{BRIEFS}/actors/{a.slug}.md"] if followed else []),
                *([f"{FEEDS}/actors/{a.slug}.xml"] if followed and job.site_url else [])]
        role = job.roles.get(a.name, (None, None))
        key = actor_page_key(a, digest, base, role)
        known = job.known.get(rel)
        stats = [_stat(os.path.join(root, r)) for r in rels]
        if known and known[0] == key and known[1] == stats:
            for r in rels:
                writer.keep(r)
        else:
            writer.put(rel, actor_page(a, digest, *role, feeds=bool(job.site_url)))
            if followed:
                writer.put(f"{BRIEFS}/actors/{a.slug}.md", actor_brief(a, digest, job.site_url))
                if job.site_url:
                    writer.put(*actor_feed(a, digest, job.site_url, job.site_name))
            stats = [_stat(os.path.join(root, r)) for r in rels]
        entries[rel] = [key, stats]
    jobs = _whole_jobs(job, root, entries)
    if take is None:
        mine = _share(jobs, part, parts)
    else:
        order = _share(jobs, 0, 1)  # the same order in every worker
        mine = _taken(order, take)
    for make in mine:
        tick()
        for rel, text in make():
            if text is None:
                writer.keep(rel)
            else:
                writer.put(rel, text)
    return entries


def _taken(order: list, take) -> Iterator:
    """The jobs of ``order`` that ``take`` gives this worker, one at a time, until none is left."""
    while (i := take()) < len(order):
        yield order[i]


def _taker(shared) -> Callable[[], int]:
    """``take`` for ``_write_part``: the next index of a counter the workers share."""
    def take() -> int:
        with shared.get_lock():
            i = shared.value
            shared.value += 1
        return i

    return take


_FORKED: tuple | None = None  # (job, docs_dir, owned, parts, counter, next job) for forked workers
WHOLE_JOBS = 9  # len(_whole_jobs(...)): what the progress counts besides article and actor pages


def _forked_part(part: int) -> tuple:
    assert _FORKED is not None
    gc.disable()  # a short-lived worker: nothing it makes outlives it (see build.long_lived)
    job, docs_dir, owned, parts, counter, shared = _FORKED

    def tick() -> None:
        with counter.get_lock():
            counter.value += 1

    writer = TreeWriter(docs_dir, owned, tag=str(part))
    return _written_share(job, writer, part, parts, tick, _taker(shared))


def _written_share(job: _Job, writer: TreeWriter, part: int, parts: int, tick, take=None) -> tuple:
    """What one share wrote, and the error that stopped it (a full disk...) or None."""
    try:
        entries, error = _write_part(job, writer, part, parts, tick, take), None
    except OSError as exc:
        entries, error = {}, exc
    return writer.wanted, writer.written, writer.unchanged, writer.previous, entries, error, found_speakers()


def write_digest(
    digest: Digest,
    docs_dir: Path,
    *,
    roles: dict[str, tuple[str | None, str | None]] | None = None,  # actor -> (role, Wikidata id)
    extra: dict[str, str] | None = None,
    cache_dir: Path | None = None,
    salt: str = "",
    processes: int | None = None,
    progress=None,
    site_url: str | None = None,
    site_name: str = "Digest",
) -> tuple[WriteStats, PageCache, dict]:
    """Write every generated page under ``docs_dir`` (and ``extra`` files), removing the
    generated files the digest no longer has. ``progress`` (a ``generator.progress.Progress``)
    is told of each page rendered (stage "render").

    Returns the write's stats (``undo`` puts docs/ back), the page cache, and its new entries
    to ``save`` once the site is built.

    Raises:
        BuildError: a page could not be written (a full disk...); every page written before
            it has been put back as it was.
    """
    load_speakers(cache_dir, salt)  # before forking: the workers inherit them
    figure_places(digest)  # likewise: the page keys name figures by their places
    try:
        return _write_digest(digest, docs_dir, roles, extra, cache_dir, salt, processes, progress, site_url, site_name)
    finally:
        forget_speakers()  # valid for this digest's analyses only
        figure_places(None)


def _write_digest(digest, docs_dir, roles, extra, cache_dir, salt, processes, progress, site_url, site_name):
    import shutil

    cache = PageCache.load(cache_dir)
    job = _Job(digest, roles or {}, salt, cache.entries, extra or {}, cache_dir, site_url, site_name)
    owned = OWNED
    shutil.rmtree(undo_folder(docs_dir), ignore_errors=True)
    docs_dir.mkdir(parents=True, exist_ok=True)
    if processes is None:
        processes = min(os.cpu_count() or 1, 4) if len(digest.articles) >= PARALLEL_MIN else 1
    task = progress.task("render", len(digest.articles) + len(digest.actors) + WHOLE_JOBS) if progress else None
    if processes > 1 and "fork" in multiprocessing.get_all_start_methods():
        global _FORKED
        context = multiprocessing.get_context("fork")
        counter = context.Value("q", 0)
        shared = context.Value("q", 0)  # the next whole-digest job to take
        _FORKED = (job, docs_dir, owned, processes, counter, shared)
        def tick() -> None:
            with counter.get_lock():
                counter.value += 1
                done = counter.value
            if task is not None and done % 20 == 0:
                task.update(done)

        try:
            # this process renders the first share itself while the workers render the others: a
            # forked worker copies every page of the digest it reads (reading an object writes its
            # reference count), so each worker is one more copy of most of the digest (the peak of
            # a cold build at 10,000 articles: the parent and two workers, 2.5 GB)
            with context.Pool(processes - 1) as pool:
                pending = pool.map_async(_forked_part, range(1, processes))
                enabled = gc.isenabled()
                gc.disable()  # as in the workers: rendering makes much short-lived garbage, no lasting cycle
                try:
                    own = _written_share(job, TreeWriter(docs_dir, owned, tag="0"), 0, processes, tick, _taker(shared))
                finally:
                    if enabled:
                        gc.enable()
                while not pending.ready():
                    pending.wait(0.05)  # the progress a few times a second; a finished share is not kept waiting
                    if task is not None:
                        task.update(counter.value)
                shares = [own, *pending.get()]
        finally:
            _FORKED = None
    else:
        shares = [_written_share(job, TreeWriter(docs_dir, owned), 0, 1, task.advance if task is not None else (lambda: None))]
    if task is not None:
        task.update(task.total)
        task.close()
    failed = [share[5] for share in shares if share[5] is not None]
    if failed:
        _put_back({k: v for share in shares for k, v in share[3].items()}, docs_dir, failed[0])
    wanted: set[str] = set()
    previous: dict = {}
    entries: dict = {}
    written = unchanged = 0
    speakers: dict = {}
    for share_wanted, share_written, share_unchanged, share_previous, share_entries, _, share_speakers in shares:
        clash = wanted & share_wanted
        if clash:
            raise DuplicatePageError(f"two pages would be written to docs/{min(clash)}")
        wanted |= share_wanted
        written += share_written
        unchanged += share_unchanged
        previous.update(share_previous)
        entries.update(share_entries)
        speakers.update(share_speakers)
    save_speakers(cache_dir, {article_key(e.article) for e in digest.articles}, speakers)
    cleaner = TreeWriter(docs_dir, owned, tag="removed")
    try:
        removed = cleaner.remove_unwanted(wanted)
    except OSError as exc:
        _put_back({**previous, **cleaner.previous}, docs_dir, exc)
    previous.update(cleaner.previous)
    return WriteStats(written, unchanged, removed, previous, undo_folder(docs_dir)), cache, entries


def _put_back(previous: dict, docs_dir: Path, exc: OSError) -> None:
    """Undo a write that failed (a full disk...), and say so."""
    WriteStats(0, 0, 0, previous, undo_folder(docs_dir)).undo()
    raise BuildError(
        f"{exc.filename or docs_dir}: cannot write: {exc.strerror or exc}: "
        f"the pages under {docs_dir} were put back as they were"
    )


GENERATED = (*GENERATED_DIRS, EDITIONS, SOURCES, TIMELINE, DOWNLOADS, SEARCH, STORIES, WATCHLISTS, BRIEFS, FEEDS)
ASSETS_DIR = "assets/digest"
OWNED = (*GENERATED, ASSETS_DIR)


__all__ = ["GENERATED", "GENERATED_DIRS", "OWNED", "DuplicatePageError", "PageCache", "write_digest"]
