"""Render: Digest -> Markdown pages under ``docs/``, as a mapping of relative path to text.

Nothing is written here (``build.py`` writes), and nothing here imports spaCy: everything a
page needs is in the digest model.
"""

from __future__ import annotations

import multiprocessing
import os

from generator.model import Digest
from generator.render.actors import actor_page, actors_index
from generator.render.articles import article_page, articles_index
from generator.render.common import ACTORS, ARTICLES, GENERATED_DIRS, PARTIALS, THEMES
from generator.render.downloads import DOWNLOADS, download_files
from generator.render.editions import EDITIONS, edition_pages
from generator.render.home import home_partial, taxonomy_partial
from generator.render.search import SEARCH, search_files, search_page
from generator.render.sources import SOURCES, TIMELINE, source_pages
from generator.render.themes import theme_page, themes_index


class DuplicatePageError(ValueError):
    """Two pages would be written to one path (a slug collision): a bug, never silent."""


PARALLEL_MIN = 500  # articles: below this, a second process costs more than it saves


def _part(digest: Digest, roles: dict[str, str], part: int, parts: int) -> list[tuple[str, str]]:
    """One share of the pages: every ``parts``-th article and actor page, and, spread over the
    shares, the pages and files made from the whole digest."""
    out: list[tuple[str, str]] = []
    out += [(f"{ARTICLES}/{e.slug}.md", article_page(e, digest)) for e in digest.articles[part::parts]]
    out += [(f"{ACTORS}/{a.slug}.md", actor_page(a, digest, roles.get(a.name))) for a in digest.actors[part::parts]]
    whole = [
        lambda: [(f"{PARTIALS}/home.md", home_partial(digest)), (f"{PARTIALS}/taxonomy.md", taxonomy_partial(digest)),
                 (f"{ACTORS}/index.md", actors_index(digest)), (f"{THEMES}/index.md", themes_index(digest)),
                 (f"{SEARCH}/index.md", search_page(digest))],
        lambda: [(f"{THEMES}/{t.id}.md", theme_page(t, digest)) for t in digest.themes],
        lambda: list(search_files(digest).items()),
        lambda: list(download_files(digest).items()),
        lambda: [*articles_index(digest).items(), *edition_pages(digest).items(), *source_pages(digest).items()],
    ]
    for job in whole[part::parts]:
        out += job()
    return out


_FORKED: tuple | None = None  # (digest, roles, parts) for forked workers


def _forked_part(part: int) -> list[tuple[str, str]]:
    assert _FORKED is not None
    digest, roles, parts = _FORKED
    return _part(digest, roles, part, parts)


def render_digest(digest: Digest, roles: dict[str, str] | None = None, processes: int | None = None) -> dict[str, str]:
    """Every generated page, keyed by its path relative to ``docs/`` (with '/' separators).

    Pages are independent of one another, so large digests are rendered by forked worker
    processes (they inherit the digest; only the finished text comes back).
    """
    roles = roles or {}
    if processes is None:
        processes = min(os.cpu_count() or 1, 4) if len(digest.articles) >= PARALLEL_MIN else 1
    if processes > 1 and "fork" in multiprocessing.get_all_start_methods():
        global _FORKED
        _FORKED = (digest, roles, processes)
        with multiprocessing.get_context("fork").Pool(processes) as pool:
            shares = pool.map(_forked_part, range(processes))
        _FORKED = None
    else:
        shares = [_part(digest, roles, 0, 1)]
    pages: dict[str, str] = {}
    for share in shares:
        for path, text in share:
            if path in pages:
                raise DuplicatePageError(f"two pages would be written to docs/{path}")
            pages[path] = text
    return dict(sorted(pages.items()))


GENERATED = (*GENERATED_DIRS, EDITIONS, SOURCES, TIMELINE, DOWNLOADS, SEARCH)


__all__ = ["GENERATED_DIRS", "DuplicatePageError", "render_digest"]
