"""Tagged pages kept from the last site still count in the tags index.

An incremental site build (``build.build_site``) keeps the actor and theme pages whose
sources did not change (hard-linked from the last site; MkDocs, run "dirty", neither reads
nor builds them). Their HTML is the same: such a page is made from its own Markdown, the
configuration and theme (the same, or the whole site is built), the navigation (written in
``mkdocs.yml``: generated pages are not in it) and the links of its tags to the tags index,
which follow from the tag's name. But the tags index (``tags.md``) lists every tagged page
MkDocs read: this plugin reads the front matter of the tagged pages MkDocs skipped and hands
them to Material's tags plugin, in the order a whole build reads them, before it makes its
listings, so the index is the same, byte for byte, as a whole build's (tested).
"""

from __future__ import annotations


def kept_tags_plugin(folders: tuple[str, ...]):
    """The plugin, for the pages under ``folders`` (of ``docs/``) that may be kept."""
    from mkdocs.plugins import BasePlugin, event_priority

    prefixes = tuple(f"{folder}/" for folder in folders)

    class KeptTags(BasePlugin):
        @event_priority(110)  # before the tags plugin's (100), which makes the listings
        def on_env(self, env, /, *, config, files):
            tags = _tags_plugin(config)
            if tags is None or not tags.config.enabled:
                return env
            pages = [f.page for f in files.documentation_pages() if f.page is not None]
            for page in pages:
                if page.file.src_uri.startswith(prefixes) and not page.file.is_modified():  # skipped
                    page.read_source(config)  # the front matter: title and tags (not rendered)
                    tags.on_page_markdown(page.markdown, page=page, config=config, files=files)
            data = tags.mappings.data  # page url -> its tags, in the order the pages were read
            order = {page.url: n for n, page in enumerate(pages)}
            tags.mappings.data = dict(sorted(data.items(), key=lambda kv: order.get(kv[0], len(order))))
            return env

    return KeptTags()


def _tags_plugin(config):
    """Material's tags plugin in ``config``, or None."""
    try:
        from material.plugins.tags.plugin import TagsPlugin
    except ImportError:  # pragma: no cover - another theme
        return None
    return next((p for p in config.plugins.values() if isinstance(p, TagsPlugin)), None)
