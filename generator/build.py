"""The whole flow, in order: read -> analyse -> digest -> render -> write -> MkDocs (or Zensical).

``run`` reads as the table of contents of a build. The whole digest exists before the first
page is written (actor pages need every article), and the site is built only from a complete
set of pages.
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import errno
import functools
import gc
import hashlib
import itertools
import json
import logging
import multiprocessing
import os
import shutil
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

from generator.analyse.analyser import Analyser, PipelineSettings
from generator.analyse.datafile import kept_in
from generator.analyse.gazetteer import load_gazetteer
from generator.analyse.taxonomy import load_taxonomy
from generator.atomic import recover_site, remove_leftovers, swap_in, write_atomic
from generator.cache import AnalysisCache, article_key, warn_unreadable
from generator.config import DigestConfig
from generator.digest import build_digest
from generator.errors import BuildError, ConfigError
from generator.fastjson import loads
from generator.faults import point
from generator.ingest import REJECTED_LIST, read_articles
from generator.keptpages import kept_tags_plugin
from generator.locks import articles_lock, project_lock
from generator.model import AnalysedArticle, DroppedField, RawArticle, Rejection
from generator.pagememory import lean_plugin
from generator.progress import Progress
from generator.render.changes import STATE_FILE, changes, figure_keys, new_matches, snapshot
from generator.render.compact import compact_plugin
from generator.render.pages import ASSETS_DIR, GENERATED, write_digest
from generator.sitesize import SiteSize
from generator.sitesize import measure as measure_site
from generator.templatecache import template_cache_plugin
from generator.versions import code_version
from generator.write import WriteStats

TEMPLATE_ASSETS = Path(__file__).parent / "templates" / "assets"
# Template partials put in front of Material's (as a theme's custom_dir would be), for every
# digest project whatever its mkdocs.yml says: see templates/theme/partials/toc.html.
THEME_OVERRIDES = Path(__file__).parent / "templates" / "theme"
STORIES_STATE = "stories-v1.json"  # the story grouping of the last build (generator/grouping.py)


@dataclass(frozen=True, slots=True)
class BuildResult:
    read: int
    built: int
    rejections: tuple[Rejection, ...]
    notices: tuple[str, ...]
    analysed: int  # analysed now (not from the cache)
    cached: int
    pages: WriteStats
    site_dir: Path | None
    pipeline: str
    timings: dict[str, float] = field(default_factory=dict)
    undated: int = 0  # articles built without a date
    warnings: tuple[DroppedField, ...] = ()  # metadata values dropped from articles that were built
    rejected_file: Path | None = None  # rejected.jsonl: every rejection and warning of this build
    watchlists: tuple[tuple[str, int, int], ...] = ()  # (name, new matches since the last build, matches)
    site_size: SiteSize | None = None  # the built site's bytes by folder (see generator.sitesize)


REJECTED_FILE = REJECTED_LIST  # beside site/; a project reading its own folder skips it


def write_rejected(path: Path, rejections: tuple[Rejection, ...], warnings: tuple[DroppedField, ...]) -> Path:
    """Write every rejection and dropped field of a build to ``path``, one JSON object a line:
    ``{"kind": "rejected", "path", "line", "reason"}`` or ``{"kind": "warning", "path", "line",
    "field", "reason", "value"}``; rejections first, each group in path and line order.

    Written on every build, empty when nothing was wrong, so it never lists an old build's
    problems; beside ``site/``, not in it: it names the project's files and holds the bad
    values as they were, which a published site should not."""
    rows = [{"kind": "rejected", "path": r.path, "line": r.line, "reason": r.reason} for r in rejections]
    rows += [
        {"kind": "warning", "path": w.path, "line": w.line, "field": w.field, "reason": f"{w.field} dropped: {w.problem}",
         "value": w.value}
        for w in sorted(warnings, key=lambda w: (w.path, w.line or 0, w.field, w.problem))
    ]
    write_atomic(path, "".join(json.dumps(row, ensure_ascii=False) + "\n" for row in rows))
    return path


def settings_for(config: DigestConfig) -> PipelineSettings:
    return PipelineSettings(
        model=config.model,
        gazetteer_paths=config.gazetteer,
        taxonomy_paths=config.themes,
        lexicon_path=config.lexicon,
        keep_unknown=config.keep_unknown_actors,
        off_topic_actors=config.off_topic_actors,
    )


@contextlib.contextmanager
def long_lived(collect: bool = False):
    """Make many long-lived objects (articles, analysis records, the digest) without the
    cyclic garbage collector, then freeze them out of its reach.

    A warm build at 10,000 articles makes millions of small tuples, lists and dicts; the
    collector, triggered every few hundred allocations, traversed the growing heap again and
    again: half of the time of loading the analysis cache and building the digest (measured:
    4.2 -> 1.7 s and 3.3 -> 1.7 s). These objects hold no reference cycles, so pausing the
    collector keeps nothing alive that reference counting would free; frozen, later
    collections (the analysis of new articles, MkDocs) skip them, and forked workers do not
    copy the pages the collector would otherwise write to (Python's ``gc.freeze`` advice).
    ``run`` (and ``prefill_cache``) unfreeze them at the end (Python has one frozen set: an
    application that froze objects of its own before calling ``run`` gets them unfrozen too).

    ``collect``: first collect what the block left in cycles (parsers of input files may),
    once: all of it is in the youngest generation.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if collect:
            gc.collect(0)
        gc.freeze()
        if enabled:
            gc.enable()


def analyse_with_cache(
    articles: tuple[RawArticle, ...], analyser: Analyser, cache_dir: Path | None, dask: str | None = None,
    progress: Progress | None = None, prune: bool = False, ahead: bool = False, timings: dict[str, float] | None = None,
) -> tuple[list[AnalysedArticle], int]:
    """Analysed articles in input order, and how many were analysed now (here, or on the Dask
    cluster at ``dask``), each reported to ``progress`` as it is done.

    ``prune``: ``articles`` are all the project's: remove the cache's entries of others (see
    ``AnalysisCache.prune``). ``ahead``: a few articles to analyse are analysed in a forked
    process while the cache is read (``_AnalysedAhead``), for an ``analyser`` made for this
    build only: one kept for more builds (``digest serve``) loads its pipeline here, once.
    ``timings``: given the seconds spent reading the cache ("cached read") and then waiting for
    the articles analysed aside ("aside wait"), parts of the stage "analyse"."""
    started = time.time()
    clock = time.perf_counter()
    fingerprint = analyser.fingerprint
    cache = AnalysisCache(cache_dir, fingerprint, packed=prune)
    ahead = _AnalysedAhead.start([a for a in articles if not cache.has(a)], analyser) if ahead and not dask else None
    with long_lived():
        found = [cache.get(a) for a in articles]
    read = time.perf_counter()
    todo = [a for a, hit in zip(articles, found, strict=True) if hit is None]
    done_ahead = ahead.results(fingerprint) if ahead is not None else {}
    if timings is not None:
        timings["cached read"] = read - clock
        timings["aside wait"] = time.perf_counter() - read
    if done_ahead:  # analysed meanwhile in a forked process: the rest (entries found unreadable) here
        results_ahead = [done_ahead[a.id] for a in todo if a.id in done_ahead]
        todo = [a for a in todo if a.id not in done_ahead]
    else:
        results_ahead = []
    if todo and not dask:
        analyser.nlp  # noqa: B018 - loads the model, only now that something must be analysed
        if analyser.fingerprint != fingerprint:  # it did not load as installed: another pipeline, another cache
            return analyse_with_cache(articles, analyser, cache_dir, dask, progress, prune)
    fresh = {}
    if dask and todo:
        from generator.analyse.distributed import analyse_on_dask

        results = analyse_on_dask(todo, analyser.settings, analyser.fingerprint, dask)
    else:
        results = analyser.analyse(todo)
    results = itertools.chain(results_ahead, results)
    count = len(results_ahead) + len(todo)
    task = (progress or Progress()).task("analyse", count) if count else None
    for analysed in results:
        cache.put(analysed)
        point("cache:put")
        fresh[analysed.article.id] = analysed
        if task is not None:
            task.advance()
    if task is not None:
        task.close()
    if cache.unreadable:
        warn_unreadable(cache.dir, f"{cache.unreadable} entries truncated or corrupt: analysed again")
    if cache.pack is not None and cache.pack.unreadable:
        warn_unreadable(cache.pack.dir, f"{cache.pack.unreadable} packed segments truncated, corrupt or of other code: "
                                        "read from the entries")
    if prune:
        cache.save_pack()
        cache.prune(started)
    return [hit or fresh[a.id] for a, hit in zip(articles, found, strict=True)], count


AHEAD_MAX = 4  # new articles a warm build analyses in a forked process while it reads the cache


class _AnalysedAhead:
    """The few articles a warm build must analyse (a daily update's), analysed in a forked
    process while this one reads the thousands of cached analyses: loading the pipeline (the
    trained model, the knowledge base's patterns) and reading the cache take seconds each, on
    two cores at once. The analysis is the one this process would make (an article is analysed
    alone, on one thread); only the finished records come back."""

    _job: tuple | None = None  # (analyser, articles) for the forked process

    def __init__(self, pool, pending, articles: list[RawArticle]):
        self.pool, self.pending, self.articles = pool, pending, articles

    @classmethod
    def start(cls, articles: list[RawArticle], analyser: Analyser) -> _AnalysedAhead | None:
        if not articles or len(articles) > AHEAD_MAX or "fork" not in multiprocessing.get_all_start_methods():
            return None
        cls._job = (analyser, articles)
        try:
            pool = multiprocessing.get_context("fork").Pool(1)
        finally:
            cls._job = None
        return cls(pool, pool.apply_async(_analyse_ahead), articles)

    def results(self, fingerprint: str) -> dict[str, AnalysedArticle]:
        """article id -> its analysis; {} when the pipeline did not load as installed (another
        fingerprint: analysed again here, where that is handled)."""
        try:
            loaded, analysed = self.pending.get()
        finally:
            self.pool.close()
            self.pool.join()
        return {a.article.id: a for a in analysed} if loaded == fingerprint else {}


def _analyse_ahead() -> tuple[str, list[AnalysedArticle]]:
    assert _AnalysedAhead._job is not None
    analyser, articles = _AnalysedAhead._job
    analyser.nlp  # noqa: B018 - loads the pipeline
    return analyser.fingerprint, list(analyser.analyse(articles, n_process=1))


def in_shard(article: RawArticle, index: int, count: int) -> bool:
    """Whether ``article`` belongs to shard ``index`` of ``count`` (by its stable id)."""
    return int(article.id, 16) % count == index


def prefill_cache(
    config: DigestConfig, index: int = 0, count: int = 1, dask: str | None = None, progress: Progress | None = None
) -> tuple[int, int, tuple[Rejection, ...]]:
    """Analyse one shard of the project's articles into its cache; write no page.

    Shards split the articles by id, so ``count`` machines or processes (each with the same
    code, model and data files, hence the same cache fingerprint) can each take one; a
    ``digest build`` afterwards finds every article in the cache. Returns (analysed now,
    already cached, rejections).
    """
    if config.cache_dir is None:
        raise BuildError(f"{config.project_dir / 'digest.yml'}: 'cache_dir' is off: nothing to fill")
    with articles_lock(config.project_dir, write=False):
        ingest = read_articles(config.articles, config.articles_root, dates=config.dates, progress=progress)
    mine = tuple(a for a in ingest.articles if in_shard(a, index, count))
    analyser = Analyser(settings_for(config), config.cache_dir)
    try:
        _, fresh = analyse_with_cache(mine, analyser, config.cache_dir, dask, progress)
    finally:
        gc.unfreeze()  # see long_lived
    return fresh, len(mine) - fresh, ingest.rejections


def static_assets() -> dict[str, str]:
    """Files the site needs that ship with the generator (offline search shim, styles)."""
    return {f"{ASSETS_DIR}/{p.name}": p.read_text(encoding="utf-8") for p in sorted(TEMPLATE_ASSETS.iterdir()) if p.is_file()}


@contextlib.contextmanager
def _source_date(epoch: int):
    """Pin the build date MkDocs writes (sitemap, footer) so that output is byte-identical."""
    old = os.environ.get("SOURCE_DATE_EPOCH")
    if old is None:
        os.environ["SOURCE_DATE_EPOCH"] = str(epoch)
    try:
        yield
    finally:
        if old is None:
            os.environ.pop("SOURCE_DATE_EPOCH", None)


SITE_STATE = "site-v1.json"
# Folders of the site whose files may be kept from the last build when their source did not
# change: pages not in the navigation, without tags and with nothing from other pages in them
# (articles, stories, editions, sources, the timeline, watchlists, briefs), and the static
# files the generator writes. When the navigation is all in mkdocs.yml (``_nav_fixed``), a
# page's HTML is made from its own Markdown whatever the other pages are, so the index pages
# (in the navigation) are kept too, and the tagged actor and theme pages: the links of their
# tags follow from the tags' names, and the tags index still lists them (``keptpages``: their
# front matter is read for it). Every other page is built every time.
KEPT_PAGES = ("articles", "stories", "editions", "sources", "timeline", "watchlists", "briefs")
KEPT_TAGGED = ("actors", "themes")
KEPT_FILES = ("search", "downloads", "feeds")
# The static files of ``assets/``: the theme's (scripts, styles, the lunr languages, icons) and
# the generator's (``docs/assets/digest``), kept when MkDocs would not copy them again: output
# at least as new as the file it copies, found as MkDocs finds it (``docs/`` first, then the
# theme's folders in order). Without it every build wrote ~50 files anew that never change.
KEPT_ASSETS = "assets"
UNSTAMPED = ("changes.json",)  # written after the site is built (``_write_changes``), only when it changed


class _DirtyNotice(logging.Filter):
    """MkDocs warns that a dirty build may leave navigation stale; ours keeps only pages that
    cannot be (see ``build_site``), so the warning must not fail a strict build."""

    def filter(self, record: logging.LogRecord) -> bool:
        return "'dirty' build" not in record.getMessage()


def site_fingerprint(config: DigestConfig, site_url: str) -> str:
    """Everything outside a page that goes into every page: MkDocs' configuration (and the
    site URL, which may come from the environment), the hand-written pages, the versions of
    MkDocs, the theme and the generator."""
    from importlib.metadata import PackageNotFoundError, version

    from generator.render.pages import OWNED, RENDER_VERSION

    h = hashlib.sha256()
    h.update(config.mkdocs_file.read_bytes())
    h.update(f"|{site_url}|{RENDER_VERSION}|".encode())
    for package in ("mkdocs", "mkdocs-material", "markdown", "pymdown-extensions", "jinja2", "digest-generator"):
        try:
            h.update(f"{package}={version(package)}|".encode())
        except PackageNotFoundError:
            h.update(f"{package}=none|".encode())
    for override in sorted(p for p in THEME_OVERRIDES.rglob("*") if p.is_file()):  # partials and icons
        h.update(override.read_bytes())
    docs = config.docs_dir
    for here, dirs, files in os.walk(docs):
        dirs.sort()
        rel = os.path.relpath(here, docs).replace(os.sep, "/")
        if any(rel == d or rel.startswith(d + "/") for d in OWNED):
            dirs[:] = []
            continue
        for name in sorted(files):
            h.update(f"{rel}/{name}".encode())
            h.update(Path(here, name).read_bytes())
    return h.hexdigest()[:24]


# docs/ as the site build just stamped it (before MkDocs ran, which writes nothing there): the
# build's own record (``_remember_build``) takes it instead of walking 20,000 files again
_DOCS_STAMPS: dict[Path, str] = {}


def tree_stamp(root: Path, skip: tuple[str, ...] = ()) -> str:
    """A hash of every file under ``root``: its path, size and modification time (``skip``:
    names at the top left out). Any write to the tree (a page rewritten, added or removed, a
    crash between writing the pages and building the site) changes it."""
    h = hashlib.sha256()
    stack = [("", str(root))]
    while stack:
        rel, here = stack.pop()
        try:
            entries = sorted(os.scandir(here), key=lambda e: e.name)
        except OSError:
            h.update(f"?{rel}".encode())
            continue
        for entry in entries:
            name = f"{rel}{entry.name}"
            if entry.is_dir(follow_symlinks=False):
                stack.append((f"{name}/", entry.path))
            elif not (rel == "" and entry.name in skip):
                st = entry.stat(follow_symlinks=False)
                h.update(f"{name}\0{st.st_size}\0{st.st_mtime_ns}\n".encode("utf-8", "surrogateescape"))
    return h.hexdigest()[:32]


def _nav_fixed(nav) -> bool:
    """Whether the navigation is all in ``mkdocs.yml``, every entry with its title: then no
    page's title or presence changes it (else a page not kept could change every page's)."""
    if not isinstance(nav, list) or not nav:
        return False
    return all(isinstance(item, dict) and len(item) == 1
               and all(isinstance(k, str) and (isinstance(v, str) or _nav_fixed(v)) for k, v in item.items())
               for item in nav)


_REMOVING: list[threading.Thread] = []  # the last sites being removed (``_remove_aside``)


def _remove_aside(path: Path) -> None:
    """Remove the last site (a folder of thousands of files: most of a second at 1,000 articles)
    in a thread, while the build finishes (the unlinks leave the interpreter free); ``run``
    and the next ``build_site`` wait for it (``_removed``), so no build sees it half gone."""
    thread = threading.Thread(target=shutil.rmtree, args=(path,), kwargs={"ignore_errors": True})  # not a daemon: done before exit
    thread.start()
    _REMOVING.append(thread)


def _removed() -> None:
    """Wait until the last sites given to ``_remove_aside`` are gone."""
    while _REMOVING:
        _REMOVING.pop().join()


def _theme_source(rel: str, docs: Path, theme_dirs: list[str]) -> str | None:
    """The file MkDocs copies to ``rel`` of the site when it is no page: the one in ``docs/``,
    else the first theme folder's that has it (``Files.add_files_from_theme``)."""
    for top in (docs, *theme_dirs):
        path = os.path.join(top, rel)
        if os.path.isfile(path):
            return path
    return None


def _keep_unchanged(site: Path, staging: Path, docs: Path, nav_fixed: bool = False,
                    theme_dirs: list[str] | None = None, sources: dict[str, str] | None = None) -> tuple[int, int]:
    """Hard-link into ``staging`` the files of the last ``site`` that MkDocs would not build
    again (output at least as new as its source) in the folders where that is safe.

    MkDocs, run with ``dirty``, then skips exactly those and writes every other file anew (a
    new file, never into a linked one: the last site stays intact until the swap).
    ``nav_fixed`` (``_nav_fixed``): the index pages and the actor and theme pages too;
    ``theme_dirs`` (the theme's folders, in MkDocs' order): the static files of ``assets/``
    too (``KEPT_ASSETS``). Returns how many files were kept, and how many of them are pages;
    ``sources`` receives each kept file's path in the site (``/``-separated) -> the source it
    was found no newer than (see ``_kept_plugin``)."""
    kept = kept_pages = 0
    folders = (*KEPT_PAGES, *(KEPT_TAGGED if nav_fixed else ()), *KEPT_FILES, *((KEPT_ASSETS,) if theme_dirs is not None else ()))
    for folder in folders:
        top = os.path.join(site, folder)
        pages = folder not in KEPT_FILES and folder != KEPT_ASSETS
        for here, _, files in os.walk(top):  # plain strings: thousands of files (pathlib took most of the time)
            rel_dir = os.path.relpath(here, site)
            target_dir = None
            for name in files:
                if pages:
                    if not name.endswith(".html") or (name.startswith("index") and not nav_fixed):
                        continue  # the paginated lists are in the navigation: built unless it is fixed
                    source = os.path.join(docs, rel_dir, name[:-5] + ".md")
                elif folder == KEPT_ASSETS:
                    source = _theme_source(os.path.join(rel_dir, name), docs, theme_dirs)
                    if source is None or name.endswith((".html", ".md")):
                        continue  # made by a plugin, or a page: built
                else:
                    source = os.path.join(docs, rel_dir, name)
                old = os.path.join(here, name)
                try:
                    if os.stat(old).st_mtime < os.stat(source).st_mtime:
                        continue
                except OSError:
                    continue  # no source any more: the page is gone
                if target_dir is None:
                    target_dir = os.path.join(staging, rel_dir)
                    os.makedirs(target_dir, exist_ok=True)
                os.link(old, os.path.join(target_dir, name))
                if sources is not None:
                    sources[f"{rel_dir}/{name}".replace(os.sep, "/")] = source
                kept += 1
                kept_pages += pages
    return kept, kept_pages


def _kept_plugin(sources: dict[str, str]):
    """An MkDocs plugin that tells MkDocs, run dirty, which files were kept from the last site
    (``_keep_unchanged``: hard-linked into the folder it builds into, as new as their source
    or newer), instead of its asking the disk: ``File.is_modified`` stats a file's output and
    source, and is asked twice for each page and once for each static file (90,000 calls of
    ``stat`` at 10,000 articles). Its answer for a kept file is False: the output is there and
    not older than the source it was compared with, the file's own (checked: the same path).
    Every other file asks the disk as before."""
    from mkdocs.plugins import BasePlugin

    def unmodified() -> bool:
        return False

    class KeptFiles(BasePlugin):
        def on_files(self, files, /, *, config):
            for f in files:
                source = sources.get(f.dest_uri)
                if (source is not None and f.abs_src_path is not None
                        and os.path.normpath(f.abs_src_path) == os.path.normpath(source)):
                    f.is_modified = unmodified
            return files

    return KeptFiles()


def _progress_plugin(progress: Progress, kept_pages: int):
    """An MkDocs plugin that reports each page read and built to ``progress`` (stage "site").

    ``kept_pages``: the pages kept from the last site (``_keep_unchanged``), which a dirty
    build skips: every other page is built. Counted so, not by asking each page whether it
    was modified (two file system calls a page: 0.4 s of a warm build at 1,000 articles)."""
    from mkdocs.plugins import BasePlugin

    class SiteProgress(BasePlugin):
        task = None

        def on_nav(self, nav, /, *, config, files):
            pages = len(files.documentation_pages()) - kept_pages
            self.task = progress.task("site", 2 * pages)  # each page is read, then built
            return nav

        def on_page_markdown(self, markdown, /, *, page, config, files):
            if self.task is not None:
                self.task.advance()
            return markdown

        def on_post_page(self, output, /, *, page, config):
            if self.task is not None:
                self.task.advance()
            return output

        def on_post_build(self, *, config):
            if self.task is not None:
                self.task.close()

    return SiteProgress()


def build_site(
    config: DigestConfig, strict: bool = True, epoch: int = 0, incremental: bool = True, progress: Progress | None = None
) -> Path:
    """Run MkDocs into a temporary folder, then swap it in for ``site/``.

    The previous site stays as it was until the new one is complete; raises BuildError when
    MkDocs fails (or warns, in strict mode).

    ``incremental``: when the last site was built from the same configuration, theme and
    hand-written pages (``site_fingerprint``, kept in the cache folder), the article pages
    and generated files whose sources did not change since are kept from it instead of being
    built again; the result is the same site, byte for byte (tested), in a fraction of the
    time for a daily update. When, besides, ``docs/`` and ``site/`` are exactly as the last
    site build left them (``tree_stamp``: not a file written since), MkDocs is not run at all:
    it would build the same site.
    """
    _removed()  # the site before the last one: gone before anything is built beside it
    # the site is built inside the project folder (below): a relative `-C` must not count twice
    config = dataclasses.replace(
        config, project_dir=config.project_dir.resolve(), mkdocs_file=config.mkdocs_file.resolve(),
        docs_dir=config.docs_dir.resolve(), site_dir=config.site_dir.resolve(),
        cache_dir=config.cache_dir.resolve() if config.cache_dir else None)
    state_file = config.cache_dir / SITE_STATE if config.cache_dir else None
    _DOCS_STAMPS.pop(config.docs_dir, None)  # set again below, once this build has stamped docs/
    if config.engine == "zensical":
        return _build_site_zensical(config, strict, epoch, incremental, state_file)
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config as mkdocs_config
    from mkdocs.exceptions import Abort, ConfigurationError

    notice = _DirtyNotice()
    build_logger = logging.getLogger("mkdocs.commands.build")
    try:
        # pymdownx.snippets resolves its base_path from the working directory
        with contextlib.chdir(config.project_dir), _source_date(epoch):
            cfg = mkdocs_config(config_file="mkdocs.yml", strict=strict)
            site = Path(cfg["site_dir"])  # absolute: MkDocs resolves it against mkdocs.yml
            staging = site.with_name(f".{site.name}.building")
            recover_site(site, staging)  # what a killed build left
            fingerprint = site_fingerprint(config, str(cfg["site_url"])) if state_file else None
            dirty, kept_pages = False, 0
            kept_sources: dict[str, str] = {}  # the files kept from the last site: see _kept_plugin
            docs_dir = Path(cfg["docs_dir"])
            docs_stamp = functools.cache(lambda: tree_stamp(docs_dir))  # MkDocs writes nothing there: once a build
            if str(THEME_OVERRIDES) not in cfg.theme.dirs:  # before keeping: its files are the theme's too
                cfg.theme.dirs.insert(1 if cfg.theme.custom_dir else 0, str(THEME_OVERRIDES))
            if incremental and fingerprint and site.is_dir():
                try:
                    previous = json.loads(state_file.read_text(encoding="utf-8"))
                    last = previous.get("fingerprint")
                except FileNotFoundError:
                    previous, last = {}, None
                except (OSError, ValueError, AttributeError):
                    warn_unreadable(state_file, "the whole site is built again")
                    previous, last = {}, None
                if (last == fingerprint and previous.get("epoch") == epoch and previous.get("strict") == strict
                        and previous.get("docs") == docs_stamp()
                        and previous.get("site") == tree_stamp(site, UNSTAMPED)):
                    point("mkdocs:unchanged")
                    return site  # built from these very files: MkDocs would make the same site
                if last == fingerprint:
                    staging.mkdir(parents=True)
                    kept, kept_pages = _keep_unchanged(site, staging, Path(cfg["docs_dir"]), _nav_fixed(cfg["nav"]),
                                                       list(cfg.theme.dirs), kept_sources)
                    dirty = kept > 0
                    point("mkdocs:kept")
            cfg["site_dir"] = str(staging)
            if state_file is not None:
                state_file.unlink(missing_ok=True)  # until this build is complete
            if progress is not None:
                cfg.plugins["digest-progress"] = _progress_plugin(progress, kept_pages if dirty else 0)
            cfg.plugins["digest-compact"] = compact_plugin()  # the templates' blank runs folded
            cfg.plugins["digest-lean"] = lean_plugin(GENERATED)  # pages' HTML kept compressed till written
            if config.cache_dir is not None:
                cfg.plugins["digest-templates"] = template_cache_plugin(config.cache_dir)  # compiled once, kept
            if dirty:
                cfg.plugins["digest-kept-files"] = _kept_plugin(kept_sources)  # not asked of the disk again
                cfg.plugins["digest-kept-tags"] = kept_tags_plugin(KEPT_TAGGED)  # kept tagged pages in the tags index
            build_logger.addFilter(notice)
            point("mkdocs:start")
            try:
                mkdocs_build(cfg, dirty=dirty)
            finally:
                build_logger.removeFilter(notice)
            point("mkdocs:done")
    except (Abort, ConfigurationError, OSError) as exc:
        shutil.rmtree(config.site_dir.with_name(f".{config.site_dir.name}.building"), ignore_errors=True)
        raise BuildError(f"{config.mkdocs_file}: mkdocs build failed: {exc}") from None
    swap_in(staging, site, remove=_remove_aside)
    if state_file is not None and fingerprint:
        state_file.parent.mkdir(parents=True, exist_ok=True)
        docs = docs_stamp() if docs_dir == config.docs_dir else tree_stamp(config.docs_dir)
        _DOCS_STAMPS[config.docs_dir] = docs  # for the build's own record (``_run``), which follows
        state = {"fingerprint": fingerprint, "epoch": epoch, "strict": strict, "docs": docs,
                 "site": tree_stamp(site, UNSTAMPED)}
        write_atomic(state_file, json.dumps(state), sync=True, fault="site-state")
    return site


def _build_site_zensical(config: DigestConfig, strict: bool, epoch: int, incremental: bool, state_file: Path | None) -> Path:
    """``build_site`` on Zensical (``generator.zensical``): into a temporary folder, then
    swapped in. Zensical's own cache skips unchanged pages (``incremental=False`` empties it);
    the MkDocs build's record of the last site is dropped, so that its next build is whole."""
    from generator.zensical import build_into

    site = config.site_dir.resolve()
    staging = site.with_name(f".{site.name}.building")
    recover_site(site, staging)  # what a killed build left
    shutil.rmtree(staging, ignore_errors=True)
    if state_file is not None:
        state_file.unlink(missing_ok=True)
    try:
        with _source_date(epoch):
            build_into(config, staging, strict=strict, clean=not incremental)
    except BuildError:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    swap_in(staging, site)
    return site


def run(
    config: DigestConfig,
    *,
    site: bool = True,
    strict: bool = True,
    analyser: Analyser | None = None,
    dask: str | None = None,
    incremental: bool = True,
    progress: Progress | None = None,
) -> BuildResult:
    """Build the digest: Markdown under docs/, then (unless ``site`` is False) the site.

    ``dask``: analyse what the cache lacks on that Dask cluster (see ``analyse.distributed``);
    ``incremental=False``: build every page of the site again (see ``build_site``);
    ``progress``: told of each file read, article analysed, page rendered and page built."""
    timings: dict[str, float] = {}
    t = time.perf_counter()

    def lap(name: str) -> None:
        nonlocal t
        now = time.perf_counter()
        timings[name] = now - t
        t = now

    with project_lock(config.project_dir) as unfinished:
        if unfinished:  # the last build was killed: put back what it moved, remove what it left
            recover_site(config.site_dir, config.site_dir.with_name(f".{config.site_dir.name}.building"))
            remove_leftovers(config.cache_dir, keep_newer=("analysis",))
        try:
            return _run(config, site, strict, analyser, timings, lap, dask, incremental, progress or Progress())
        except OSError as exc:
            if exc.errno not in DISK_ERRORS:
                raise
            raise BuildError(f"{exc.filename or config.project_dir}: cannot write: {exc.strerror}") from None
        finally:
            _removed()  # the last site gone before the lock is released
            gc.unfreeze()  # see long_lived: what the build made is the collector's again


# a full disk, a quota, a read-only or failing disk: a clear message, not a traceback (each
# write is atomic, so what was there before is intact)
DISK_ERRORS = frozenset({errno.ENOSPC, errno.EDQUOT, errno.EROFS, errno.EIO, errno.EFBIG})


def _run(config, site, strict, analyser, timings, lap, dask=None, incremental=True, progress=None) -> BuildResult:
    taxonomy = load_taxonomy(config.themes)
    check_watchlists(config, {t.id for t in taxonomy.infos()})  # a bad setting stops before any work
    with long_lived(collect=True), articles_lock(config.project_dir, write=False):  # no fetch meanwhile
        ingest = read_articles(config.articles, config.articles_root, config.cache_dir, config.dates, progress)
    point("read:done")
    lap("read")
    own = analyser is None  # made for this build: see analyse_with_cache's ``ahead``
    analyser = analyser or Analyser(settings_for(config), config.cache_dir)
    lap("load model")
    key = inputs_key(config, ingest, analyser.fingerprint, strict) if site and incremental and config.cache_dir else None
    last = _unchanged_since(config, key)
    if last is not None:  # the very inputs of the last complete build, its pages untouched since
        return _same_build(config, ingest, analyser, last, strict, timings, lap, progress)
    _forget_build(config)  # until this build is complete
    analysed, fresh = analyse_with_cache(ingest.articles, analyser, config.cache_dir, dask, progress, prune=True, ahead=own,
                                         timings=timings)  # "cached read", "aside wait": parts of "analyse"
    point("analyse:done")
    lap("analyse")
    with long_lived():
        digest = build_digest(analysed, taxonomy.infos(), ingest.rejections, config.source_grades, config.watchlists,
                              stories_state=config.cache_dir / STORIES_STATE if config.cache_dir else None,
                              salt=analyser.fingerprint, timings=timings)  # "stories": part of "digest"
    point("digest:done")
    lap("digest")
    previous = _load_state(config)
    fresh_matches = new_matches(digest, previous)
    watch = tuple((w.info.name, len(fresh_matches[w.info.slug]), len(w.matches)) for w in digest.watchlists)
    keys = figure_keys(digest)
    state = snapshot(digest, keys)
    change_log = changes(digest, previous, config.site_url, state, keys)
    notices = ingest.notices
    if not config.site_url:
        notices = (*notices, f"{config.mkdocs_file}: no site_url: feeds need it (their links must be absolute), so none were made")
    roles = actor_roles(config, analyser.fingerprint)
    stats, page_cache, page_keys = write_digest(
        digest, config.docs_dir, roles=roles, extra=static_assets(), cache_dir=config.cache_dir, salt=analyser.fingerprint,
        progress=progress,
        site_url=config.site_url, site_name=config.site_name,
    )
    point("pages:done")
    lap("pages")
    dates = [e.article.date for e in digest.articles if e.article.date]
    epoch = int(dt.datetime.combine(max(dates), dt.time(), dt.UTC).timestamp()) if dates else 0
    counts = (len(ingest.articles) + len(ingest.rejections), len(digest.articles), len(analysed) - fresh)
    undated = sum(1 for e in digest.articles if e.article.date is None)
    rejections, warnings = digest.rejections, ingest.warnings
    rejected_file = write_rejected(config.site_dir.parent / REJECTED_FILE, rejections, warnings)
    if site and config.engine == "zensical":
        from generator.zensical import limits

        notices = (*notices, *limits(config))
    del ingest, analysed, digest, keys  # MkDocs needs the memory more
    article_key.cache_clear()  # its memo holds every article's text
    lap("release")  # freeing millions of objects takes a moment too
    site_dir = size = None
    if site:
        try:
            site_dir = build_site(config, strict=strict, epoch=epoch, incremental=incremental, progress=progress)
        except BuildError:
            stats.undo()  # leave docs/ as it was, like site/
            raise
        lap("mkdocs")
        _write_changes(config, site_dir, change_log, state, previous)
        size = measure_site(site_dir)
    stats.commit()
    point("finish:committed")
    page_cache.save(page_keys)
    if key is not None and site_dir is not None:
        _remember_build(config, {
            "key": key, "docs": _DOCS_STAMPS.pop(config.docs_dir.resolve(), None) or tree_stamp(config.docs_dir),
            "analysis": tree_stamp(config.cache_dir / "analysis"),
            "counts": list(counts), "undated": undated, "epoch": epoch,
            "pages": stats.written + stats.unchanged, "watch": [[name, matches] for name, _, matches in watch]})
    lap("finish")
    return BuildResult(
        read=counts[0],
        built=counts[1],
        rejections=rejections,
        notices=notices,
        analysed=fresh,
        cached=counts[2],
        pages=stats,
        site_dir=site_dir,
        pipeline=analyser.label,
        timings=timings,
        undated=undated,
        warnings=warnings,
        rejected_file=rejected_file,
        watchlists=watch,
        site_size=size,
    )


BUILD_STATE = "build-v1.json"  # the inputs of the last complete build (``inputs_key``) and what it reported


@functools.lru_cache(maxsize=1)
def generator_version() -> str:
    """A hash of the generator's own code and templates (every module, not only the renderers'):
    another version may make other pages from the same inputs."""
    files = sorted(p for p in Path(__file__).parent.rglob("*") if p.is_file() and p.suffix != ".pyc")
    return code_version(*files, extra="|".join(str(p.relative_to(Path(__file__).parent)) for p in files))


def inputs_key(config: DigestConfig, ingest, fingerprint: str, strict: bool) -> str:
    """A hash of everything a build makes ``docs/`` from: the settings (digest.yml and what
    mkdocs.yml gives the pages, as read), every article as read (its content, where it was
    read from, its merged sources and byline), what was rejected or dropped, the analysis
    fingerprint (code, model, data files) and the generator's code. ``site_fingerprint``
    covers the rest of the site (MkDocs' configuration, hand-written pages, theme)."""
    settings = {f.name: getattr(config, f.name) for f in dataclasses.fields(config)}
    settings = {k: v.resolve() if isinstance(v, Path) else v for k, v in settings.items()}  # `-C site` or `-C /abs/site`
    h = hashlib.sha256(f"{generator_version()}|{fingerprint}|{strict}|{settings!r}|".encode())
    for a in ingest.articles:
        h.update(json.dumps([article_key(a), a.path, a.line, list(a.sources), a.author], ensure_ascii=False).encode())
    h.update(repr((ingest.rejections, ingest.notices, ingest.warnings)).encode())
    return h.hexdigest()[:32]


def _unchanged_since(config: DigestConfig, key: str | None) -> dict | None:
    """The last build's record, when it was made from inputs of the same ``key`` and not a file
    of ``docs/`` or of the analysis cache was written since (a page edited, removed, or written
    by another build; a cache entry changed by hand or by another version)."""
    if key is None:
        return None
    path = config.cache_dir / BUILD_STATE
    try:
        last = loads(path.read_bytes())
    except FileNotFoundError:
        return None
    except (OSError, ValueError):
        warn_unreadable(path, "the build is made in full")
        return None
    if not isinstance(last, dict) or last.get("key") != key or last.get("docs") != tree_stamp(config.docs_dir):
        return None
    if last.get("analysis") != tree_stamp(config.cache_dir / "analysis"):
        return None  # the analysis cache was written to (or tampered with) since: read it again, and check it
    return last


def _forget_build(config: DigestConfig) -> None:
    if config.cache_dir is not None:
        (config.cache_dir / BUILD_STATE).unlink(missing_ok=True)


def _remember_build(config: DigestConfig, record: dict) -> None:
    config.cache_dir.mkdir(parents=True, exist_ok=True)
    write_atomic(config.cache_dir / BUILD_STATE, json.dumps(record, ensure_ascii=False, sort_keys=True), fault="build-state")


def _same_build(config, ingest, analyser, last: dict, strict: bool, timings: dict, lap, progress) -> BuildResult:
    """A build whose inputs are those of the last complete build, whose pages are untouched:
    the analysis, the digest and every page would be the same, so none is made again; the
    site is built as ever (``build_site``: not at all when nothing in it changed either) and
    the result is the last build's, with nothing analysed or written."""
    point("build:unchanged")
    read, built, cached = last["counts"]
    notices = ingest.notices
    if not config.site_url:
        notices = (*notices, f"{config.mkdocs_file}: no site_url: feeds need it (their links must be absolute), so none were made")
    rejected_file = write_rejected(config.site_dir.parent / REJECTED_FILE, ingest.rejections, ingest.warnings)
    if config.engine == "zensical":
        from generator.zensical import limits

        notices = (*notices, *limits(config))
    lap("unchanged")  # the inputs and docs/ checked against the last build
    site_dir = build_site(config, strict=strict, epoch=last["epoch"], progress=progress)
    lap("mkdocs")
    _write_changes(config, site_dir, None, None, _load_state(config))
    size = measure_site(site_dir)
    lap("finish")
    return BuildResult(
        read=read, built=built, rejections=ingest.rejections, notices=notices, analysed=0, cached=cached,
        pages=WriteStats(0, last["pages"], 0), site_dir=site_dir, pipeline=analyser.label, timings=timings,
        undated=last["undated"], warnings=ingest.warnings, rejected_file=rejected_file,
        watchlists=tuple((name, 0, matches) for name, matches in last["watch"]), site_size=size,
    )


ROLES_FILE = "roles-v1.json"


def actor_roles(config: DigestConfig, fingerprint: str) -> dict[str, tuple[str | None, str | None]]:
    """actor -> (role, Wikidata id) from the gazetteer, for the actor pages: kept in the cache
    folder under the analysis fingerprint (which hashes every gazetteer file), since parsing
    the knowledge base's YAML took a second of every warm build."""
    path = config.cache_dir / ROLES_FILE if config.cache_dir else None
    if path is not None:
        try:
            data = loads(path.read_bytes())
            if data.get("fingerprint") == fingerprint:
                return {name: (role, wikidata) for name, (role, wikidata) in data["roles"].items()}
        except FileNotFoundError:
            pass
        except (OSError, ValueError, AttributeError, TypeError, KeyError):
            warn_unreadable(path, "read from the gazetteer again")
    with kept_in(config.cache_dir):
        actors = load_gazetteer(config.gazetteer).actors
    roles = {a.name: (a.role, a.wikidata) for a in actors if a.role or a.wikidata}
    if path is not None:
        path.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(path, json.dumps({"fingerprint": fingerprint, "roles": roles}, ensure_ascii=False, sort_keys=True),
                     fault="roles")
    return roles


def check_watchlists(config: DigestConfig, theme_ids: set[str]) -> None:
    """Stop before any work when a watchlist names a theme the taxonomy does not have."""
    problems = [
        f"{config.config_file}:{w.line}: watchlist '{w.name}': unknown theme '{t}' (known: {', '.join(sorted(theme_ids))})"
        for w in config.watchlists for t in w.themes if t not in theme_ids
    ]
    if problems:
        raise ConfigError(problems)


def _load_state(config: DigestConfig) -> dict | None:
    """The snapshot of the last complete build (see render/changes.py), or None."""
    if config.cache_dir is None:
        return None
    try:
        state = json.loads((config.cache_dir / STATE_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return state if isinstance(state, dict) else None


def _write_changes(config: DigestConfig, site_dir: Path, change_log: dict | None, state: dict | None,
                   previous: dict | None) -> None:
    """``changes.json`` at the site root; the snapshot for the next build. A build that changed
    nothing keeps the last file (kept in the snapshot), so the site stays byte-identical;
    ``state`` None: the snapshot stays as it is (the digest is the last build's). ``previous``:
    ``_load_state`` (the build has read it already: 5 MB of JSON at 10,000 articles)."""
    previous = previous or {}
    if change_log is None:
        change_log = previous.get("changes")
    # without indentation: a first build lists every article and figure (7 MB at 1,000 articles)
    text = json.dumps(change_log or {}, ensure_ascii=False, separators=(",", ":"), sort_keys=True) + "\n"
    try:
        same = (site_dir / "changes.json").read_text(encoding="utf-8") == text
    except (OSError, ValueError):
        same = False
    if not same:
        write_atomic(site_dir / "changes.json", text)  # whole or not at all; the build's history, not a page
    if config.cache_dir is not None and state is not None:
        config.cache_dir.mkdir(parents=True, exist_ok=True)
        write_atomic(config.cache_dir / STATE_FILE, json.dumps({**state, "changes": change_log}, ensure_ascii=False, sort_keys=True))
