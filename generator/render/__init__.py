"""Render: Digest -> Markdown pages under ``docs/`` (``pages.write_digest`` writes them all).

This file imports nothing: ``rawhtml``, the Markdown extension that MkDocs or Zensical load
from ``mkdocs.yml`` as ``generator.render.rawhtml``, must import with the standard library and
Markdown alone (a site engine installed on its own has neither numpy nor PyYAML).
"""
