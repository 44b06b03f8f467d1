"""A Python-Markdown extension: blocks of HTML the generator wrote go through untouched.

Generated pages are Markdown only where MkDocs needs it (front matter, and the headings it
builds the table of contents from); everything else is HTML the renderers wrote, with every
piece of article text escaped (``escape.html_text``). Python-Markdown would parse that HTML
again, tag by tag, for nothing: at 10,000 articles that was most of ``mkdocs build``
(10.6 ms of Markdown per article page, against 0.5 ms with this extension).

A block between the two marker lines (``RAW_OPEN``/``RAW_CLOSE``, each alone on its line) is
put in Python-Markdown's HTML stash as it is and comes back verbatim in the page. The markers
are HTML comments and the block is well-formed HTML with no blank line, so a ``mkdocs.yml``
without this extension builds the same pages, only slower. Article text cannot forge a marker:
it reaches the page escaped (``<`` is ``&lt;``) and on one line.

Enable it in ``mkdocs.yml``::

    markdown_extensions:
      - generator.render.rawhtml
"""

from __future__ import annotations

import re

from markdown import Markdown
from markdown.extensions import Extension
from markdown.preprocessors import NormalizeWhitespace, Preprocessor
from markdown.util import ETX, STX

RAW_OPEN = "<!-- digest:raw -->"
RAW_CLOSE = "<!-- /digest:raw -->"


class RawBlockPreprocessor(Preprocessor):
    """Replace each marked block by a stash placeholder on a line of its own."""

    def run(self, lines: list[str]) -> list[str]:
        if RAW_OPEN not in lines:
            return lines
        out: list[str] = []
        block: list[str] | None = None
        for line in lines:
            if block is None:
                if line == RAW_OPEN:
                    block = []
                else:
                    out.append(line)
            elif line == RAW_CLOSE:
                out += ["", self.md.htmlStash.store("\n".join(block)), ""]
                block = None
            else:
                block.append(line)
        if block is not None:  # an unclosed block: leave it to the usual HTML handling
            out += [RAW_OPEN, *block]
        return out


class FasterNormalizeWhitespace(NormalizeWhitespace):
    r"""Python-Markdown's first preprocessor, the same text out, faster: it empties the lines of
    spaces only with ``re.sub(r"(?<=\n) +\n", "\n", ...)``, a pattern that starts with a
    look-behind and so is tried at every character of the page (1.3 ms of each 100 KB actor
    page); ``\n +(?=\n)`` finds the same runs from their newline, which the regex engine
    searches for as a literal (tested against Python-Markdown's own on random text)."""

    def run(self, lines: list[str]) -> list[str]:
        source = "\n".join(lines)
        source = source.replace(STX, "").replace(ETX, "")
        source = source.replace("\r\n", "\n").replace("\r", "\n") + "\n\n"
        source = source.expandtabs(self.md.tab_length)
        source = _SPACES_LINE.sub("\n", source)
        return source.split("\n")


_SPACES_LINE = re.compile(r"\n +(?=\n)")


class RawHtmlExtension(Extension):
    def extendMarkdown(self, md: Markdown) -> None:
        if "normalize_whitespace" in md.preprocessors and type(md.preprocessors["normalize_whitespace"]) is NormalizeWhitespace:
            md.preprocessors.register(FasterNormalizeWhitespace(md), "normalize_whitespace", 30)
        # After "normalize_whitespace" (30), which drops STX/ETX and so would break stash
        # placeholders, and before "html_block" (20), which would parse the HTML.
        md.preprocessors.register(RawBlockPreprocessor(md), "digest_raw_html", 25)


def makeExtension(**kwargs) -> RawHtmlExtension:
    return RawHtmlExtension(**kwargs)
