"""Render: Digest -> Markdown pages under ``docs/``, as a mapping of relative path to text.

Nothing is written here (``build.py`` writes), and nothing here imports spaCy: everything a
page needs is in the digest model.
"""

from __future__ import annotations

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


def render_digest(digest: Digest, roles: dict[str, str] | None = None) -> dict[str, str]:
    """Every generated page, keyed by its path relative to ``docs/`` (with '/' separators)."""
    roles = roles or {}
    pages: dict[str, str] = {}

    def add(path: str, text: str) -> None:
        if path in pages:
            raise DuplicatePageError(f"two pages would be written to docs/{path}")
        pages[path] = text

    add(f"{PARTIALS}/home.md", home_partial(digest))
    add(f"{PARTIALS}/taxonomy.md", taxonomy_partial(digest))
    add(f"{ACTORS}/index.md", actors_index(digest))
    add(f"{THEMES}/index.md", themes_index(digest))
    for entry in digest.articles:
        add(f"{ARTICLES}/{entry.slug}.md", article_page(entry, digest))
    for actor in digest.actors:
        add(f"{ACTORS}/{actor.slug}.md", actor_page(actor, digest, roles.get(actor.name)))
    for theme in digest.themes:
        add(f"{THEMES}/{theme.id}.md", theme_page(theme, digest))
    groups = (articles_index(digest), edition_pages(digest), source_pages(digest), download_files(digest), search_files(digest))
    add(f"{SEARCH}/index.md", search_page(digest))
    for group in groups:
        for path, text in group.items():
            add(path, text)
    return pages


GENERATED = (*GENERATED_DIRS, EDITIONS, SOURCES, TIMELINE, DOWNLOADS, SEARCH)


__all__ = ["GENERATED_DIRS", "DuplicatePageError", "render_digest"]
