"""Browser fixtures: Debian's Chromium, the sample site built once per engine, served over HTTP.

The site is built from examples/articles/ as tests/test_build.py builds it, with ``SITE_URL``
pointing at a local server that serves it under ``/digest/`` (GitHub Pages serves a project site
under ``/<repo>/``). Every browser test runs on the site of each engine: MkDocs + Material
(the default) and Zensical (``digest build --engine zensical``), the test ids say which. Tests open it from ``file://`` and from that server. ``search()`` is the one
place that knows how the site's search box works.
"""

from __future__ import annotations

import functools
import http.server
import re
import shutil
import threading
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Page, Request, sync_playwright

from generator.build import run
from generator.config import load_config
from tests.conftest import EXAMPLES, ROOT, cannot_run

CHROMIUM = Path("/usr/bin/chromium")
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
# Nothing the browser does on its own (updates, sync, safe browsing lists) may reach the network.
CHROMIUM_ARGS = [
    "--no-sandbox",  # the tests run as root
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]
VIEWPORT = {"width": 1280, "height": 900}
SUB_PATH = "/digest/"  # where the HTTP server puts the site, as GitHub Pages does a project site
TIMEOUT_MS = 15_000


ENGINES = ("mkdocs", "zensical")


@dataclass(frozen=True)
class Site:
    """The built sample site: its folder and the two addresses it is opened from."""

    engine: str  # what built it: mkdocs or zensical
    project: Path
    root: Path  # site/
    file_base: str  # file:///.../site/
    http_base: str  # http://127.0.0.1:PORT/digest/

    def base(self, origin: str) -> str:
        return self.file_base if origin == "file" else self.http_base

    def article(self, prefix: str) -> str:
        """The page of the one article whose slug starts with ``prefix`` (slugs end in a hash)."""
        (page,) = (self.root / "articles").glob(f"{prefix}*.html")
        return f"articles/{page.name}"


class SiteHandler(http.server.SimpleHTTPRequestHandler):
    """Static files; a missing page under /digest/ gets the site's 404.html, as on GitHub Pages."""

    def send_error(self, code, message=None, explain=None):
        not_found = Path(self.directory) / SUB_PATH.strip("/") / "404.html"
        if code != 404 or not self.path.startswith(SUB_PATH) or not not_found.is_file():
            return super().send_error(code, message, explain)
        body = not_found.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def log_message(self, format, *args):
        pass  # keep test output quiet


@pytest.fixture(scope="session")
def browser():
    """Headless Debian Chromium, launched once; skips the browser tests when it is missing."""
    if not CHROMIUM.is_file():
        cannot_run(f"{CHROMIUM} not found: install Debian's 'chromium' (scripts/test.sh does)")
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


# Chromium can hang in a call for good, its own timeout ignored (a screenshot did once in a CI
# run, https://github.com/microsoft/playwright/issues/28995): a browser test stuck this long
# fails with "Timeout" and runs once more, on a fresh page, instead of holding CI until it is
# killed. The first build of the sample site (a session fixture) happens inside one test.
HANG_SECONDS = 300


def pytest_collection_modifyitems(config, items):
    """On the Zensical site, the tests run from both origins run from ``file://`` only (the
    harder one: no fetch, no server); over HTTP, its 404 page and the search on it are tested
    under the project path. This keeps the second engine within the suite's time budget.
    Every browser test gets the hang guard above."""
    keep, drop = [], []
    for item in items:
        if "tests/browser/" in item.nodeid:
            item.add_marker(pytest.mark.timeout(HANG_SECONDS, method="signal"))
            item.add_marker(pytest.mark.flaky(reruns=1, only_rerun=["Timeout"]))
        params = getattr(item, "callspec", None) and item.callspec.params
        both = params and params.get("engine") == "zensical" and params.get("origin") == "http"
        (drop if both else keep).append(item)
    if drop:
        config.hook.pytest_deselected(items=drop)
        items[:] = keep


@pytest.fixture(scope="session", params=ENGINES)
def engine(request) -> str:
    """What builds the site; Zensical (the optional extra) must be installed under CI."""
    if request.param == "zensical":
        from generator.zensical import installed

        if installed() is None:
            cannot_run("Zensical is not installed: pip install -e '.[zensical]' (scripts/test.sh does)")
    return request.param


@pytest.fixture(scope="session")
def server(tmp_path_factory, engine):
    """An HTTP server on 127.0.0.1 (a free port) serving ``<www>/digest/`` in a thread (one per
    engine: the site of each is served at the same path)."""
    www = tmp_path_factory.mktemp("www")
    handler = functools.partial(SiteHandler, directory=str(www))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield www, f"http://127.0.0.1:{httpd.server_address[1]}{SUB_PATH}"
    httpd.shutdown()
    httpd.server_close()
    thread.join()


@pytest.fixture(scope="session")
def site(tmp_path_factory, analyser, server, engine) -> Site:
    """The sample corpus built with the real model and the engine (MkDocs or Zensical), for the
    server's address; built once per engine for the whole run (no test changes it)."""
    www, http_base = server
    project = tmp_path_factory.mktemp(f"browser-{engine}") / "digest"
    (project / "docs").mkdir(parents=True)
    shutil.copy(ROOT / "mkdocs.yml", project / "mkdocs.yml")
    # the repository's own settings (its watchlist too), with the articles copied beside them
    settings = (ROOT / "digest.yml").read_text().replace("examples/articles", "articles")
    (project / "digest.yml").write_text(f"{settings.rstrip()}\nengine: {engine}\n")
    for name in ("index.md", "methodology.md", "tags.md"):
        shutil.copy(ROOT / "docs" / name, project / "docs" / name)
    shutil.copytree(EXAMPLES, project / "articles")
    with pytest.MonkeyPatch.context() as env:
        env.setenv("SITE_URL", http_base)
        result = run(load_config(project), analyser=analyser)
    assert result.built and not result.rejections, result.rejections
    root = project / "site"
    (www / SUB_PATH.strip("/")).symlink_to(root, target_is_directory=True)
    return Site(engine=engine, project=project, root=root, file_base=root.as_uri() + "/", http_base=http_base)


@pytest.fixture
def requests() -> list[Request]:
    """Every request the test's page made (filled in by the ``page`` fixture)."""
    return []


@pytest.fixture
def page(browser, requests) -> Page:
    """A fresh page (own context, 1280x900) that records every request it makes."""
    context = browser.new_context(viewport=VIEWPORT, device_scale_factor=1)
    context.set_default_timeout(TIMEOUT_MS)
    tab = context.new_page()
    tab.on("request", lambda request: requests.append(request))
    yield tab
    context.close()


@pytest.fixture(scope="session")
def axe() -> Path:
    """axe-core's script, installed by npm (scripts/test.sh runs `npm ci`); skips when missing."""
    if not AXE.is_file():
        how = "run `npm ci` in the repository" if shutil.which("npm") else "npm is not installed"
        cannot_run(f"axe-core missing ({AXE.relative_to(ROOT)}): {how}; scripts/test.sh does it")
    return AXE


def serious_violations(page: Page, axe: Path, within: str | None = None) -> list[dict]:
    """axe-core's serious and critical findings on the page (or inside ``within``), one per
    element: {rule, impact, target, summary, html}."""
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.add_script_tag(path=str(axe))
    result = page.evaluate("within => axe.run(within || document)", within)
    return [
        {"rule": v["id"], "impact": v["impact"], "target": " ".join(map(str, node["target"])),
         "summary": node["failureSummary"], "html": node["html"][:200]}
        for v in result["violations"] if v["impact"] in ("serious", "critical")
        for node in v["nodes"]
    ]


def leaving(requests: list[Request], base: str) -> list[str]:
    """URLs of the requests that went anywhere but ``base``'s origin (file:// or 127.0.0.1:PORT)."""
    split = urlsplit(base)
    ok = ("data:", "blob:", f"{split.scheme}://{split.netloc}/")
    return sorted({r.url for r in requests if not r.url.startswith(ok)})


# Material for MkDocs takes every <link rel="alternate"> for another language version of the
# site and asks for a sitemap beside it (bundle.js, to map its pages); beside a page's Atom feed
# there is none, the probe fails (from file://, any fetch does) and Material ignores it.
FEED_SITEMAP_PROBE = re.compile(r"/feeds/(?:[^/]+/)?sitemap\.xml$")


def failed(requests: list[Request], *, but: str | None = None) -> list[str]:
    """The requests (other than ``but``, and Material's sitemap probe beside a feed) that failed
    or were answered with an HTTP error."""
    out = []
    for r in requests:
        if FEED_SITEMAP_PROBE.search(r.url):
            continue
        response = None if r.failure else r.response()
        if r.url != but and (r.failure or (response and response.status >= 400)):
            out.append(f"{r.url}: {r.failure or response.status}")
    return out


def site_path(href: str, base: str) -> str:
    """``href`` as a path inside the site (no query or fragment): 'themes/troop-deployment.html'."""
    path, prefix = urlsplit(href).path, urlsplit(base).path
    assert path.startswith(prefix), f"{href} is outside the site {base}"
    return path[len(prefix):] or "index.html"


def heading(page: Page) -> str:
    """The text of the page's first h1, without the '¶' permalink."""
    return page.locator("h1").first.evaluate(
        """h => [...h.childNodes]
            .filter(n => !(n.classList && n.classList.contains('headerlink')))
            .map(n => n.textContent).join('').trim()"""
    )


_FRAME = "() => new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)))"
_RESULTS = """selector => [...document.querySelectorAll(selector)].map(a =>
    [a.innerText.replace(/\\s+/g, ' ').trim(), a.href])"""


def search(page: Page, query: str) -> list[tuple[str, str]]:
    """Type ``query`` into the page's search box; every result it lists, as (text, absolute href).

    Our own search (``assets/digest/search.js``) is an ``<input type="search">`` in the header
    whose results are links inside an element with ``data-search-results``; the helper empties
    the box, types, and waits until that element shows links or a message (and is not
    ``aria-busy="true"``) and the links stop changing. Without it, it would be
    Material's built-in search (``.md-search__input``, results ``.md-search-result__link``), which
    shows 10 pages and 4 more each time the list is scrolled to the bottom: it scrolls until all
    the pages its 'N matching documents' line counts are listed. Types with key events, as a user
    does (Material's box ignores a value set without them).
    """
    if page.locator('input[type="search"]').count():
        return _own_search(page, query)
    return _material_search(page, query)


def _own_search(page: Page, query: str) -> list[tuple[str, str]]:
    box = page.locator('input[type="search"]').first
    box.fill("")  # a query typed before is replaced, not extended
    box.press_sequentially(query)
    page.wait_for_function(
        """() => { const r = document.querySelector('[data-search-results]');
                   return r && r.getAttribute('aria-busy') !== 'true'
                       && (r.querySelector('a[href]') || r.textContent.trim()); }"""
    )
    return _settled(page, "[data-search-results] a[href]")


def _settled(page: Page, selector: str, quiet_ms: int = 300) -> list[tuple[str, str]]:
    """The listed results once they have not changed for ``quiet_ms`` (a search still typing)."""
    results, same_since = None, 0
    for _ in range(TIMEOUT_MS // 50):
        now = [tuple(r) for r in page.evaluate(_RESULTS, selector)]
        same_since = same_since + 50 if now == results else 0
        if same_since >= quiet_ms:
            return now
        results = now
        page.wait_for_timeout(50)
    raise AssertionError(f"search results kept changing: {results}")


def _material_search(page: Page, query: str) -> list[tuple[str, str]]:
    page.locator(".md-search__input").press_sequentially(query)
    # Results of the whole query (not of a prefix typed on the way) highlight its words: ?h=...
    words = [w.lower() for w in query.split()]
    page.wait_for_function(
        """words => {
            const meta = document.querySelector('.md-search-result__meta').textContent;
            if (/^\\s*No matching/.test(meta)) return true;
            const a = document.querySelector('.md-search-result__item > .md-search-result__link');
            if (!/\\d+ matching|1 matching/.test(meta) || !a) return false;
            const h = new URL(a.href).searchParams.get('h') || '';
            return h.split(/\\s+/).every(w => words.includes(w));
        }""",
        arg=words,
    )
    _settled(page, ".md-search-result__item > .md-search-result__link")
    meta = page.locator(".md-search-result__meta").inner_text()
    total = int(m.group()) if (m := re.search(r"\d+", meta)) else 0
    items = page.locator(".md-search-result__item")
    scrollwrap = ".md-search__scrollwrap"
    while (shown := items.count()) < total:
        # Material loads more on the edge into 'at the bottom': leave it, then reach it again.
        page.eval_on_selector(scrollwrap, "el => { el.scrollTop = 0; }")
        page.evaluate(_FRAME)
        page.eval_on_selector(scrollwrap, "el => { el.scrollTop = el.scrollHeight; }")
        page.wait_for_function(
            "n => document.querySelectorAll('.md-search-result__item').length > n", arg=shown
        )
    return [tuple(r) for r in page.evaluate(_RESULTS, ".md-search-result__link")]
