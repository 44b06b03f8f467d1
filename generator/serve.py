"""``digest serve``: build, serve the site on 127.0.0.1, and build again when an input changes.

Like ``mkdocs serve``, for the whole digest: the articles, the settings (``digest.yml``,
``mkdocs.yml``), the data files they name (gazetteer, themes, lexicon, sources, dates) and
the hand-written pages under ``docs/`` are watched by polling their modification times (no
watcher library). A change builds the digest again (incrementally: only what changed is
analysed and rendered; the loaded pipeline is kept while its settings are the same); the
server keeps serving the last good site meanwhile, and a build that fails is reported and
leaves it in place. The site folder is swapped in whole by the build, so a reader never sees
half a site.
"""

from __future__ import annotations

import functools
import http.server
import os
import threading
import time
from collections.abc import Callable
from pathlib import Path

from generator.build import BuildResult, run, settings_for
from generator.config import CONFIG_FILE, DigestConfig, load_config
from generator.errors import DigestError
from generator.ingest import READERS
from generator.progress import Progress
from generator.render.pages import OWNED

Snapshot = dict[str, tuple[int, int]]


def watched_files(config: DigestConfig) -> list[Path]:
    """Every file whose change should rebuild the digest."""
    project = config.project_dir
    files = [project / CONFIG_FILE, config.mkdocs_file]
    files += [Path(p) for p in (*config.gazetteer, *config.themes, *([config.lexicon] if config.lexicon else []))]
    files += [config.dates_file] if config.dates_file else []
    root = config.articles_root if config.articles_root is not None else Path()
    for given in config.articles:
        p = root / given
        if p.is_dir():
            for here, dirs, names in os.walk(p):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                files += [Path(here, n) for n in sorted(names) if Path(n).suffix.lower() in READERS and not n.startswith(".")]
        else:
            files.append(p)
    docs = config.docs_dir
    if docs.is_dir():  # the hand-written pages, not the generated folders
        for here, dirs, names in os.walk(docs):
            rel = Path(here).relative_to(docs).as_posix()
            dirs[:] = sorted(d for d in dirs if f"{rel}/{d}".lstrip("./") not in OWNED and not d.startswith("."))
            files += [Path(here, n) for n in sorted(names)]
    return files


def snapshot(config: DigestConfig) -> Snapshot:
    """(size, modification time) of every watched file, by path; a missing file is absent."""
    out: Snapshot = {}
    for path in watched_files(config):
        try:
            st = path.stat()
        except OSError:
            continue
        out[str(path)] = (st.st_size, st.st_mtime_ns)
    return out


class _Handler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args) -> None:
        pass  # one line per request would drown the build messages

    def end_headers(self) -> None:
        self.send_header("Cache-Control", "no-store")  # a rebuilt page is seen on reload
        super().end_headers()


class Server:
    """The site folder served over HTTP on ``host:port`` in a background thread."""

    def __init__(self, site_dir: Path, host: str = "127.0.0.1", port: int = 8000):
        handler = functools.partial(_Handler, directory=str(site_dir))
        self.httpd = http.server.ThreadingHTTPServer((host, port), handler)
        self.thread = threading.Thread(target=self.httpd.serve_forever, name="digest-serve", daemon=True)

    @property
    def url(self) -> str:
        host, port = self.httpd.server_address[:2]
        return f"http://{host}:{port}/"

    def start(self) -> None:
        self.thread.start()

    def stop(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


def serve(
    project: str | Path,
    articles: tuple[str, ...] = (),
    *,
    host: str = "127.0.0.1",
    port: int = 8000,
    interval: float = 1.0,
    progress: Progress | None = None,
    on_build: Callable[[BuildResult | None, DigestError | None], None] = lambda result, error: None,
    on_ready: Callable[[str], None] = lambda url: None,
    stop: threading.Event | None = None,
) -> None:
    """Build, serve, and build again on every change until ``stop`` is set (or Ctrl-C).

    ``on_build`` receives each build's result, or the error that stopped it; ``on_ready``
    the address once the first build is served. Raises DigestError when the first build fails
    (there is nothing to serve)."""
    stop = stop or threading.Event()
    config = load_config(project, articles)
    analyser, settings = None, None

    def build_once(config: DigestConfig) -> BuildResult:
        nonlocal analyser, settings
        from generator.analyse.analyser import Analyser

        if analyser is None or settings != settings_for(config):
            settings = settings_for(config)
            analyser = Analyser(settings, config.cache_dir)  # loading the model is the slow part: keep it
        return run(config, analyser=analyser, progress=progress)

    on_build(build_once(config), None)
    seen = snapshot(config)
    server = Server(config.site_dir, host, port)
    server.start()
    on_ready(server.url)
    try:
        while not stop.wait(interval):
            try:
                now = snapshot(config)
                if now == seen:
                    continue
                time.sleep(min(interval, 0.3))  # let an editor or a copy finish writing
                config = load_config(project, articles)
                seen = snapshot(config)
                on_build(build_once(config), None)
            except DigestError as exc:
                on_build(None, exc)  # keep serving the last good site
    finally:
        server.stop()
