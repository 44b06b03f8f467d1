"""Keep MkDocs' memory flat as the digest grows (an MkDocs plugin, added to every build).

``mkdocs build`` first renders every page to HTML and keeps it (``page.content``), with the
page's Markdown (``page.markdown``), and only then puts each page in the theme and writes it:
at 10,000 articles that is 20,000 pages' Markdown and HTML at once, most of the build's peak
memory. This plugin drops a page's Markdown once it is HTML (nothing reads it afterwards) and
keeps the HTML of the generated pages zlib-compressed until the page is written, then drops
it: the same pages, byte for byte, in a fraction of the memory. (Emptied, not None: MkDocs
reads a page's title from its Markdown when both are None, and other pages' navigation asks
for it after the page is written.)

Only the digest's generated folders are handled: a hand-written page may be one that Material's
tags plugin fills in with its listing, which reads the page's HTML between the two steps.
"""

from __future__ import annotations

import zlib


def lean_plugin(folders: tuple[str, ...]):
    """The MkDocs plugin, for pages whose first folder is one of ``folders``."""
    from mkdocs.plugins import BasePlugin

    class Lean(BasePlugin):
        def __init__(self) -> None:
            self.packed: dict[int, bytes] = {}

        def _ours(self, page) -> bool:
            return page.file.src_uri.split("/", 1)[0] in folders

        def on_page_content(self, html, /, *, page, config, files):
            page.markdown = ""  # rendered: nothing reads it again (None would lose the page's title)
            if not self._ours(page) or html is None:
                return html
            self.packed[id(page)] = zlib.compress(html.encode("utf-8"), 1)
            return ""  # page.content is set from what this returns; put back in on_page_context

        def on_page_context(self, context, /, *, page, config, nav):
            packed = self.packed.pop(id(page), None)
            if packed is not None:
                page.content = zlib.decompress(packed).decode("utf-8")
            return context

        def on_post_page(self, output, /, *, page, config):
            if self._ours(page):
                page.content = ""  # written: nothing reads it again (None: the title read from the Markdown)
            return output

    return Lean()
