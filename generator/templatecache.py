"""Keep the theme's compiled templates between builds (an MkDocs plugin, added to every build
that has a cache folder).

MkDocs compiles Material's Jinja templates anew in every build: about half a second of a warm
build that renders a few dozen pages. Jinja's own bytecode cache keeps each compiled template
in the cache folder (``templates-v1/``), checked against the template's source on every load
(a template changed, or another Jinja or Python, is compiled again): the same pages, byte for
byte, without the compiling. Jinja writes each file whole (a temporary file renamed); what a
killed build left (``*.tmp``) is removed by the next one, and a file that cannot be read is
compiled again.
"""

from __future__ import annotations

from pathlib import Path

FOLDER = "templates-v1"


def template_cache_plugin(cache_dir: Path):
    """The MkDocs plugin, keeping the compiled templates under ``cache_dir``."""
    from jinja2 import FileSystemBytecodeCache
    from mkdocs.plugins import BasePlugin

    class Cache(FileSystemBytecodeCache):
        def load_bytecode(self, bucket) -> None:
            try:
                super().load_bytecode(bucket)
            except Exception:  # noqa: BLE001 - damaged: compiled again (and written whole)
                bucket.reset()

    class TemplateCache(BasePlugin):
        def on_env(self, env, /, *, config, files):
            folder = cache_dir / FOLDER
            folder.mkdir(parents=True, exist_ok=True)
            for leftover in folder.glob("*.tmp"):  # a killed build's (the build holds the project's lock)
                leftover.unlink(missing_ok=True)
            env.bytecode_cache = Cache(str(folder))
            return env

    return TemplateCache()
