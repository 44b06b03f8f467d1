"""generator/fetch.py: feeds fetched over HTTP from a server on 127.0.0.1 that the tests start.

Conditional requests (ETag, Last-Modified) that download nothing, redirects, retries with
backoff and Retry-After, and failures (404, timeout, broken feed, an HTML page at a feed URL)
that are each named with the reason while the rest of the run goes on.
"""

from __future__ import annotations

import gzip
import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from click.testing import CliRunner

from generator.cli import cli
from generator.config import load_config
from generator.errors import BuildError, ConfigError, InputError
from generator.fetch import STATE_FILE, FetchPolicy, _write, http_get, run, user_agent
from generator.ingest import read_articles
from tests.conftest import fixture

FEEDS = fixture("feeds")
PAGES = fixture("pages")
LAST_MODIFIED = "Wed, 23 Oct 2024 11:00:00 GMT"
# short timeouts, one retry, tiny backoff: the whole module runs in about a second
FAST = FetchPolicy(timeout=0.3, retries=1, backoff=0.01, max_retry_after=1.0)
SLOW_SECONDS = 1.0


class FeedServer(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self):
        super().__init__(("127.0.0.1", 0), Handler)
        self.requests: list[tuple[str, dict[str, str], int]] = []  # path, headers, status sent
        self.flaky_failures = 0

    def handle_error(self, request, client_address) -> None:
        pass  # a client that gave up (the timeout tests) leaves a broken pipe: expected

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}"

    def seen(self, path: str) -> list[tuple[dict[str, str], int]]:
        return [(h, status) for p, h, status in self.requests if p == path]


class Handler(BaseHTTPRequestHandler):
    server: FeedServer

    def log_message(self, *args) -> None:  # keep the test output clean
        pass

    def _send(self, status: int, body: bytes = b"", headers: dict[str, str] | None = None) -> None:
        self.server.requests.append((self.path, dict(self.headers), status))
        self.send_response(status)
        for k, v in (headers or {}).items():
            self.send_header(k, v)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def _feed(self, name: str, **validators: str) -> None:
        etag, modified = validators.get("etag"), validators.get("modified")
        if (etag and self.headers.get("If-None-Match") == etag) or (
            modified and not etag and self.headers.get("If-Modified-Since") == modified
        ):
            return self._send(304)
        headers = {"Content-Type": "application/rss+xml; charset=utf-8"}
        if etag:
            headers["ETag"] = etag
        if modified:
            headers["Last-Modified"] = modified
        self._send(200, (FEEDS / name).read_bytes(), headers)

    def do_GET(self) -> None:
        path = self.path
        if path == "/wire.rss":
            self._feed("wire-rss2.xml", etag='"wire-v1"', modified=LAST_MODIFIED)
        elif path == "/monitor.atom":
            self._feed("monitor.atom", modified=LAST_MODIFIED)
        elif path == "/regional.rss":
            self._feed("regional-rss1.rss")
        elif path == "/old/wire.rss":
            self._send(301, headers={"Location": "/wire.rss"})
        elif path == "/moved-for-now":
            self._send(302, headers={"Location": f"{self.server.base}/monitor.atom"})
        elif path == "/loop":
            self._send(302, headers={"Location": "/loop"})
        elif path == "/to-a-file":
            self._send(302, headers={"Location": "file:///etc/passwd"})
        elif path == "/slow.rss":
            time.sleep(SLOW_SECONDS)
            self._feed("regional-rss1.rss")
        elif path == "/news-feed":
            self._send(200, (PAGES / "harbour-report.html").read_bytes(), {"Content-Type": "text/html; charset=utf-8"})
        elif path == "/broken.rss":
            self._send(200, (FEEDS / "broken.rss").read_bytes(), {"Content-Type": "application/rss+xml"})
        elif path == "/flaky.rss":
            if self.server.flaky_failures < 1:
                self.server.flaky_failures += 1
                return self._send(503, b"busy", {"Retry-After": "0"})
            self._feed("regional-rss1.rss")
        elif path == "/busy.rss":
            self._send(429, b"slow down", {"Retry-After": "3600"})
        elif path == "/gzip.rss":
            body = gzip.compress((FEEDS / "regional-rss1.rss").read_bytes())
            self._send(200, body, {"Content-Type": "application/rss+xml", "Content-Encoding": "gzip"})
        else:
            self._send(404, b"not here", {"Content-Type": "text/plain"})


@pytest.fixture
def server(monkeypatch):
    monkeypatch.setenv("no_proxy", "127.0.0.1,localhost")  # never through a proxy: stay on this machine
    srv = FeedServer()
    thread = threading.Thread(target=srv.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    yield srv
    srv.shutdown()
    srv.server_close()


@pytest.fixture
def project(tmp_path):
    root = tmp_path / "digest"
    root.mkdir()
    (root / "mkdocs.yml").write_text("site_name: Test digest\n")
    return root


def stored(project) -> dict[str, dict]:
    return {p.name: json.loads(p.read_text()) for p in sorted((project / "articles" / "feeds").glob("*.json"))}


def test_user_agent_names_the_generator_and_its_version(server):
    http_get(f"{server.base}/regional.rss", policy=FAST)
    ((headers, _),) = server.seen("/regional.rss")
    assert headers["User-Agent"] == user_agent()
    assert user_agent().startswith("digest-generator/0.1.0")


def test_refetch_of_an_unchanged_feed_sends_validators_and_downloads_nothing(server, project):
    config = load_config(project)
    urls = [f"{server.base}/wire.rss", f"{server.base}/monitor.atom"]
    first = run(config, urls, policy=FAST)
    assert (first.read, first.not_modified, first.new) == (2, 0, 4)
    files = stored(project)
    mtimes = {p: p.stat().st_mtime_ns for p in (project / "articles").rglob("*") if p.is_file()}
    state = json.loads((project / "articles" / STATE_FILE).read_text())
    assert state["feeds"][urls[0]]["etag"] == '"wire-v1"'
    assert state["feeds"][urls[1]]["last_modified"] == LAST_MODIFIED

    again = run(config, urls, policy=FAST)
    assert (again.read, again.not_modified, again.new, again.updated) == (0, 2, 0, 0)
    (wire_headers, status), = server.seen("/wire.rss")[1:]
    assert wire_headers["If-None-Match"] == '"wire-v1"' and status == 304
    (monitor_headers, status), = server.seen("/monitor.atom")[1:]
    assert monitor_headers["If-Modified-Since"] == LAST_MODIFIED and status == 304
    assert stored(project) == files
    assert {p: p.stat().st_mtime_ns for p in (project / "articles").rglob("*") if p.is_file()} == mtimes

    forced = run(config, urls[:1], policy=FAST, force=True)
    assert (forced.read, forced.unchanged) == (1, 2)
    assert "If-None-Match" not in server.seen("/wire.rss")[-1][0]


def test_redirects_are_followed_and_a_permanent_move_is_reported(server):
    resp = http_get(f"{server.base}/old/wire.rss", policy=FAST)
    assert resp.status == 200 and resp.final_url == f"{server.base}/wire.rss"
    assert resp.moved_to == f"{server.base}/wire.rss"
    temporary = http_get(f"{server.base}/moved-for-now", policy=FAST)
    assert temporary.final_url.endswith("/monitor.atom") and temporary.moved_to is None


def test_redirect_loops_and_redirects_off_http_are_refused(server):
    with pytest.raises(InputError) as err:
        http_get(f"{server.base}/loop", policy=FAST)
    assert str(err.value) == f"{server.base}/loop: HTTP 302: too many redirects or a redirect loop (limit 5)"
    with pytest.raises(InputError, match="redirected to a URL that is not http"):
        http_get(f"{server.base}/to-a-file", policy=FAST)


def test_gzip_responses_are_decompressed(server):
    resp = http_get(f"{server.base}/gzip.rss", policy=FAST)
    assert resp.body == (FEEDS / "regional-rss1.rss").read_bytes()


def test_timeout_is_retried_then_named_with_the_url(server):
    url = f"{server.base}/slow.rss"
    started = time.monotonic()
    with pytest.raises(InputError) as err:
        http_get(url, policy=FAST)
    elapsed = time.monotonic() - started
    assert str(err.value) == f"{url}: timed out after 0.3 s (after 2 attempts)"
    assert 0.55 < elapsed < SLOW_SECONDS + 0.5  # two short waits, never the server's full second


def test_503_with_retry_after_is_retried_and_then_succeeds(server):
    waits: list[float] = []
    resp = http_get(f"{server.base}/flaky.rss", policy=FAST, sleep=waits.append)
    assert resp.status == 200 and waits == [0.0]
    assert [status for _, status in server.seen("/flaky.rss")] == [503, 200]


def test_429_asking_for_a_long_wait_gives_up_at_once(server):
    url = f"{server.base}/busy.rss"
    with pytest.raises(InputError) as err:
        http_get(url, policy=FAST, sleep=lambda s: pytest.fail("must not wait"))
    assert str(err.value) == (
        f"{url}: HTTP 429 Too Many Requests: the server asks to wait 3600 s before trying again "
        "(more than 1 s): try again later"
    )
    assert len(server.seen("/busy.rss")) == 1


def test_each_failure_is_named_with_its_reason_and_the_rest_of_the_run_goes_on(server, project):
    b = server.base
    urls = [f"{b}/missing.xml", f"{b}/slow.rss", f"{b}/news-feed", f"{b}/broken.rss", f"{b}/wire.rss"]
    result = run(load_config(project), urls, policy=FAST)
    assert (result.feeds, result.read, result.failed, result.new) == (5, 1, 4, 2)
    assert [str(r) for r in result.rejections] == [
        f"{b}/missing.xml: HTTP 404 Not Found",
        f"{b}/slow.rss: timed out after 0.3 s (after 2 attempts)",
        f"{b}/news-feed: not an RSS or Atom feed: it is an HTML page (text/html)",
        (
            f"{b}/broken.rss: broken feed: the XML ends before the feed is complete "
            "(no element found at line 10); was the download cut short?"
        ),
    ]
    assert len(stored(project)) == 2
    state = json.loads((project / "articles" / STATE_FILE).read_text())
    assert list(state["feeds"]) == [f"{b}/wire.rss"]  # no validators kept for a failed feed


def test_stored_entries_rebuild_offline_with_duplicates_merged_and_languages_marked(server, project):
    urls = [f"{server.base}/wire.rss", f"{server.base}/monitor.atom", f"{server.base}/regional.rss"]
    run(load_config(project), urls, policy=FAST)
    files = stored(project)
    copies = sorted((v for k, v in files.items() if k.startswith("grain-corridor-reopens")), key=lambda v: v["feed"])
    assert [c["feed"] for c in copies] == sorted(urls[:2])  # one file per entry, as fetched
    assert copies[0]["date"] == "2024-10-23" and copies[0]["author"] == "Ilse Marten"
    assert copies[0]["body"][0].startswith("Ukraine's infrastructure ministry")

    result = read_articles([str(project / "articles")])
    assert not result.rejections
    titles = sorted(a.title for a in result.articles)
    assert len(titles) == 5  # six entries, the syndicated copy merged
    merged = next(a for a in result.articles if a.title.startswith("Grain corridor"))
    assert set(merged.sources) == {"northern-wire.example", "continental-monitor.example"}
    french = next(a for a in result.articles if a.title.startswith("Le port de Marseille"))
    assert french.language == "fr"


def test_a_changed_entry_replaces_its_stored_file(server, project):
    config = load_config(project)
    run(config, [f"{server.base}/regional.rss"], policy=FAST)
    name = next(n for n in stored(project) if n.startswith("navy-divers"))
    path = project / "articles" / "feeds" / name
    path.write_text(path.read_text().replace("Navy divers inspect", "Divers inspect"))
    renamed = path.with_name("old-title-" + name.rsplit("-", 1)[1])
    path.rename(renamed)
    result = run(config, [f"{server.base}/regional.rss"], policy=FAST)
    assert (result.updated, result.unchanged) == (1, 1)
    assert not renamed.exists() and path.is_file()


def test_feeds_listed_in_digest_yml_are_fetched_when_none_are_named(server, project):
    (project / "digest.yml").write_text(f"feeds:\n  - {server.base}/regional.rss\n  - local/wire.rss\n")
    (project / "local").mkdir()
    (project / "local" / "wire.rss").write_bytes((FEEDS / "wire-rss2.xml").read_bytes())
    result = run(load_config(project), policy=FAST)
    assert not result.rejections and (result.read, result.new) == (2, 4)


def test_no_feed_to_fetch_is_a_configuration_error(project):
    with pytest.raises(ConfigError, match="no feeds to fetch"):
        run(load_config(project))
    (project / "digest.yml").write_text("feeds: [ftp://example.org/feed.xml]\n")
    with pytest.raises(ConfigError, match="'feeds': not an http"):
        load_config(project)


def test_nothing_is_written_outside_the_articles_folder(tmp_path):
    root = tmp_path / "articles"
    root.mkdir()
    with pytest.raises(BuildError, match="refusing to write outside the articles folder"):
        _write(root / "feeds" / ".." / ".." / "escaped.json", "{}", root)
    assert not (tmp_path / "escaped.json").exists()


def test_cli_fetch_reports_each_failure_prints_a_summary_and_exits_1(server, project):
    runner = CliRunner()
    args = ["fetch", "-C", str(project), "--timeout", "0.3", "--retries", "0"]
    result = runner.invoke(cli, [*args, f"{server.base}/wire.rss", f"{server.base}/missing.xml"])
    assert result.exit_code == 1, result.output
    assert f"rejected: {server.base}/missing.xml: HTTP 404 Not Found" in result.stderr
    assert "2 feeds: 1 read, 0 not modified, 1 failed; entries: 2 new, 0 updated, 0 unchanged" in result.stdout
    again = runner.invoke(cli, [*args, f"{server.base}/wire.rss"])
    assert again.exit_code == 0, again.output
    assert "1 feeds: 0 read, 1 not modified, 0 failed" in again.stdout
    usage = runner.invoke(cli, ["fetch", "-C", str(project)])
    assert usage.exit_code == 2 and "no feeds to fetch" in usage.stderr


def test_fetch_has_help_naming_what_it_reads_writes_and_exits_with():
    result = CliRunner().invoke(cli, ["fetch", "--help"])
    assert result.exit_code == 0, result.output
    assert "digest.yml" in result.output and ".fetch-state.json" in result.output and "Exits 0" in result.output


def test_a_truncated_fetch_state_or_entry_is_read_around_and_written_whole_again(server, project):
    """A fetch state and a stored entry cut in half (a crash of an older version, a full disk,
    a bad copy): the build rejects the half entry by name and reads the rest, the next fetch
    says it cannot use the state, downloads in full and writes both whole again."""
    config = load_config(project)
    urls = [f"{server.base}/wire.rss", f"{server.base}/monitor.atom"]
    run(config, urls, policy=FAST)
    state_path = project / "articles" / STATE_FILE
    files, state = stored(project), state_path.read_text()
    entry = project / "articles" / "feeds" / min(files)
    for path in (state_path, entry):
        path.write_bytes(path.read_bytes()[: path.stat().st_size // 2])

    read = read_articles([str(project / "articles")])
    assert len(read.articles) == len(files) - 1
    (rejection,) = read.rejections
    assert rejection.path.endswith(entry.name) and "JSON" in rejection.reason

    again = run(config, urls, policy=FAST)
    assert any("unreadable fetch state" in n for n in again.notices)
    assert (again.read, again.not_modified, again.updated, again.unchanged) == (2, 0, 1, len(files) - 1)
    assert stored(project) == files and state_path.read_text() == state
    assert not list((project / "articles").rglob(".tmp-*"))
