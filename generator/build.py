"""The whole flow, in order: read -> analyse -> digest -> render -> write -> MkDocs.

``run`` reads as the table of contents of a build. The whole digest exists before the first
page is written (actor pages need every article), and the site is built only from a complete
set of pages.
"""

from __future__ import annotations

import contextlib
import time
from dataclasses import dataclass, field
from pathlib import Path

from generator.analyse.gazetteer import load_gazetteer
from generator.analyse.pipeline import Analyser, PipelineSettings
from generator.analyse.taxonomy import load_taxonomy
from generator.cache import AnalysisCache
from generator.config import DigestConfig
from generator.errors import BuildError
from generator.ingest import read_articles
from generator.model import AnalysedArticle, RawArticle, Rejection, build_digest
from generator.render import GENERATED_DIRS, render_digest
from generator.write import WriteStats, write_tree

ASSETS_DIR = "assets/digest"
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
    articles: tuple[RawArticle, ...], analyser: Analyser, cache_dir: Path | None
) -> tuple[list[AnalysedArticle], int]:
    """Analysed articles in input order, and how many were analysed now."""
    cache = AnalysisCache(cache_dir, analyser.fingerprint)
    found = [cache.get(a) for a in articles]
    todo = [a for a, hit in zip(articles, found, strict=True) if hit is None]
    fresh = {}
    for analysed in analyser.analyse(todo):
        cache.put(analysed)
        fresh[analysed.article.id] = analysed
    return [hit or fresh[a.id] for a, hit in zip(articles, found, strict=True)], len(todo)


def static_assets() -> dict[str, str]:
    """Files the site needs that ship with the generator (offline search shim, styles)."""
    return {f"{ASSETS_DIR}/{p.name}": p.read_text(encoding="utf-8") for p in sorted(TEMPLATE_ASSETS.iterdir()) if p.is_file()}


def build_site(config: DigestConfig, strict: bool = True) -> Path:
    """Run MkDocs on the project; raises BuildError when it fails (or warns, in strict mode)."""
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config as mkdocs_config
    from mkdocs.exceptions import Abort, ConfigurationError

    try:
        # pymdownx.snippets resolves its base_path from the working directory
        with contextlib.chdir(config.project_dir):
            cfg = mkdocs_config(config_file="mkdocs.yml", strict=strict)
            mkdocs_build(cfg)
    except (Abort, ConfigurationError) as exc:
        raise BuildError(f"{config.mkdocs_file}: mkdocs build failed: {exc}") from None
    return Path(cfg["site_dir"])  # absolute: MkDocs resolves it against mkdocs.yml


def run(config: DigestConfig, *, site: bool = True, strict: bool = True, analyser: Analyser | None = None) -> BuildResult:
    """Build the digest: Markdown under docs/, then (unless ``site`` is False) the site."""
    timings: dict[str, float] = {}
    t = time.perf_counter()

    def lap(name: str) -> None:
        nonlocal t
        now = time.perf_counter()
        timings[name] = now - t
        t = now

    ingest = read_articles(config.articles)
    lap("read")
    analyser = analyser or Analyser(settings_for(config))
    analysed, fresh = analyse_with_cache(ingest.articles, analyser, config.cache_dir)
    lap("analyse")
    taxonomy = load_taxonomy(config.themes)
    digest = build_digest(analysed, taxonomy.infos(), ingest.rejections)
    lap("digest")
    roles = {a.name: a.role for a in load_gazetteer(config.gazetteer).actors if a.role}
    pages = render_digest(digest, roles)
    pages.update(static_assets())
    lap("render")
    stats = write_tree(config.docs_dir, pages, (*GENERATED_DIRS, ASSETS_DIR))
    lap("write")
    site_dir = build_site(config, strict=strict) if site else None
    if site:
        lap("mkdocs")
    return BuildResult(
        read=len(ingest.articles) + len(ingest.rejections),
        built=len(digest.articles),
        rejections=digest.rejections,
        notices=ingest.notices,
        analysed=fresh,
        cached=len(analysed) - fresh,
        pages=stats,
        site_dir=site_dir,
        pipeline=analyser.label,
        timings=timings,
    )
