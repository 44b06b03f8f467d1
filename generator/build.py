"""The whole flow, in order: read -> analyse -> digest -> render -> write -> MkDocs.

``run`` reads as the table of contents of a build. The whole digest exists before the first
page is written (actor pages need every article), and the site is built only from a complete
set of pages.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import shutil
import time
from dataclasses import dataclass, field
from pathlib import Path

from generator.analyse.gazetteer import load_gazetteer
from generator.analyse.pipeline import Analyser, PipelineSettings
from generator.analyse.taxonomy import load_taxonomy
from generator.cache import AnalysisCache
from generator.config import DigestConfig
from generator.digest import build_digest
from generator.errors import BuildError
from generator.ingest import read_articles
from generator.model import AnalysedArticle, RawArticle, Rejection
from generator.render import ASSETS_DIR, write_digest
from generator.write import WriteStats

TEMPLATE_ASSETS = Path(__file__).parent / "templates" / "assets"


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


def settings_for(config: DigestConfig) -> PipelineSettings:
    return PipelineSettings(
        model=config.model,
        gazetteer_paths=config.gazetteer,
        taxonomy_paths=config.themes,
        lexicon_path=config.lexicon,
        keep_unknown=config.keep_unknown_actors,
    )


def analyse_with_cache(
    articles: tuple[RawArticle, ...], analyser: Analyser, cache_dir: Path | None, dask: str | None = None
) -> tuple[list[AnalysedArticle], int]:
    """Analysed articles in input order, and how many were analysed now (here, or on the Dask
    cluster at ``dask``)."""
    cache = AnalysisCache(cache_dir, analyser.fingerprint)
    found = [cache.get(a) for a in articles]
    todo = [a for a, hit in zip(articles, found, strict=True) if hit is None]
    fresh = {}
    if dask and todo:
        from generator.analyse.distributed import analyse_on_dask

        results = analyse_on_dask(todo, analyser.settings, analyser.fingerprint, dask)
    else:
        results = analyser.analyse(todo)
    for analysed in results:
        cache.put(analysed)
        fresh[analysed.article.id] = analysed
    return [hit or fresh[a.id] for a, hit in zip(articles, found, strict=True)], len(todo)


def in_shard(article: RawArticle, index: int, count: int) -> bool:
    """Whether ``article`` belongs to shard ``index`` of ``count`` (by its stable id)."""
    return int(article.id, 16) % count == index


def prefill_cache(
    config: DigestConfig, index: int = 0, count: int = 1, dask: str | None = None
) -> tuple[int, int, tuple[Rejection, ...]]:
    """Analyse one shard of the project's articles into its cache; write no page.

    Shards split the articles by id, so ``count`` machines or processes (each with the same
    code, model and data files, hence the same cache fingerprint) can each take one; a
    ``digest build`` afterwards finds every article in the cache. Returns (analysed now,
    already cached, rejections).
    """
    if config.cache_dir is None:
        raise BuildError(f"{config.project_dir / 'digest.yml'}: 'cache_dir' is off: nothing to fill")
    ingest = read_articles(config.articles, config.articles_root)
    mine = tuple(a for a in ingest.articles if in_shard(a, index, count))
    analyser = Analyser(settings_for(config))
    _, fresh = analyse_with_cache(mine, analyser, config.cache_dir, dask)
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


def build_site(config: DigestConfig, strict: bool = True, epoch: int = 0) -> Path:
    """Run MkDocs into a temporary folder, then swap it in for ``site/``.

    The previous site stays as it was until the new one is complete; raises BuildError when
    MkDocs fails (or warns, in strict mode).
    """
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config as mkdocs_config
    from mkdocs.exceptions import Abort, ConfigurationError

    try:
        # pymdownx.snippets resolves its base_path from the working directory
        with contextlib.chdir(config.project_dir), _source_date(epoch):
            cfg = mkdocs_config(config_file="mkdocs.yml", strict=strict)
            site = Path(cfg["site_dir"])  # absolute: MkDocs resolves it against mkdocs.yml
            staging = site.with_name(f".{site.name}.building")
            shutil.rmtree(staging, ignore_errors=True)
            cfg["site_dir"] = str(staging)
            mkdocs_build(cfg)
    except (Abort, ConfigurationError, OSError) as exc:
        shutil.rmtree(config.project_dir / f".{config.site_dir.name}.building", ignore_errors=True)
        raise BuildError(f"{config.mkdocs_file}: mkdocs build failed: {exc}") from None
    old = site.with_name(f".{site.name}.old")
    shutil.rmtree(old, ignore_errors=True)
    if site.exists():
        site.rename(old)
    staging.rename(site)
    shutil.rmtree(old, ignore_errors=True)
    return site


@contextlib.contextmanager
def project_lock(project_dir: Path):
    """One build at a time per project: a second one refuses with a clear message."""
    path = project_dir / ".digest-build.lock"
    try:
        import fcntl
    except ImportError:  # pragma: no cover - Windows: no lock
        yield
        return
    with open(path, "a+") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            raise BuildError(
                f"{path}: another 'digest build' is running in this project; wait for it to finish"
            ) from None
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def run(
    config: DigestConfig, *, site: bool = True, strict: bool = True, analyser: Analyser | None = None, dask: str | None = None
) -> BuildResult:
    """Build the digest: Markdown under docs/, then (unless ``site`` is False) the site.

    ``dask``: analyse what the cache lacks on that Dask cluster (see ``analyse.distributed``)."""
    timings: dict[str, float] = {}
    t = time.perf_counter()

    def lap(name: str) -> None:
        nonlocal t
        now = time.perf_counter()
        timings[name] = now - t
        t = now

    with project_lock(config.project_dir):
        return _run(config, site, strict, analyser, timings, lap, dask)


def _run(config, site, strict, analyser, timings, lap, dask=None) -> BuildResult:
    ingest = read_articles(config.articles, config.articles_root, config.cache_dir)
    lap("read")
    analyser = analyser or Analyser(settings_for(config))
    lap("load model")
    analysed, fresh = analyse_with_cache(ingest.articles, analyser, config.cache_dir, dask)
    lap("analyse")
    taxonomy = load_taxonomy(config.themes)
    digest = build_digest(analysed, taxonomy.infos(), ingest.rejections, config.source_grades)
    lap("digest")
    roles = {a.name: a.role for a in load_gazetteer(config.gazetteer).actors if a.role}
    stats, page_cache, page_keys = write_digest(
        digest, config.docs_dir, roles=roles, extra=static_assets(), cache_dir=config.cache_dir, salt=analyser.fingerprint
    )
    lap("pages")
    dates = [e.article.date for e in digest.articles if e.article.date]
    epoch = int(dt.datetime.combine(max(dates), dt.time(), dt.UTC).timestamp()) if dates else 0
    counts = (len(ingest.articles) + len(ingest.rejections), len(digest.articles), len(analysed) - fresh)
    rejections, notices = digest.rejections, ingest.notices
    del ingest, analysed, digest  # MkDocs needs the memory more
    site_dir = None
    if site:
        try:
            site_dir = build_site(config, strict=strict, epoch=epoch)
        except BuildError:
            stats.undo()  # leave docs/ as it was, like site/
            raise
        lap("mkdocs")
    stats.commit()
    page_cache.save(page_keys)
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
    )
