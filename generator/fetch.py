"""Fetch feeds over HTTP (or read feed files) and store their entries under the articles folder.

This is ``digest fetch``: the one module that uses the network. ``run`` downloads each feed
politely (a clear User-Agent, timeouts, a few retries with backoff on 429, 5xx and timeouts,
``Retry-After`` respected up to a cap), parses it with ``ingest.feeds``, and writes one JSON
file per entry under ``<articles>/feeds/`` (named by a slug of its title and its id) so that
``digest build`` rebuilds the digest offline. The ETag and Last-Modified a server sent are
kept in ``<articles>/.fetch-state.json`` and sent back on the next run: an unchanged feed is
answered "304 Not Modified" and nothing is downloaded. A feed that fails (HTTP error, timeout,
not a feed) is one rejection naming its URL and the reason; the others are still fetched.
"""

from __future__ import annotations

import email.utils
import http.client
import importlib.metadata
import json
import time
import urllib.error
import urllib.request
import zlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urljoin, urlsplit

from generator.atomic import remove_leftovers, write_atomic
from generator.config import CONFIG_FILE, DigestConfig
from generator.errors import BuildError, ConfigError, DigestError, InputError
from generator.faults import point
from generator.ingest.decode import MAX_BYTES
from generator.ingest.feeds import parse_feed, read_feed
from generator.locks import articles_lock
from generator.model import RawArticle, Rejection
from generator.slugs import slugify

FEEDS_SUBDIR = "feeds"
STATE_FILE = ".fetch-state.json"
RETRY_STATUS = frozenset({429, 500, 502, 503, 504})
PERMANENT_REDIRECTS = frozenset({301, 308})


def user_agent() -> str:
    """``digest-generator/<version> (+<project url>)``, the URL from the package metadata.

    The URL is the ``Homepage`` of ``[project.urls]`` in pyproject.toml; without one the
    parenthesis is left out rather than filled with an address that is not ours.
    """
    try:
        meta = importlib.metadata.metadata("digest-generator")
        version = meta["Version"]
    except importlib.metadata.PackageNotFoundError:  # pragma: no cover - run from a source tree
        return "digest-generator/dev"
    urls = dict(
        (part.strip() for part in entry.split(",", 1)) for entry in meta.get_all("Project-URL") or [] if "," in entry
    )
    home = urls.get("Homepage") or urls.get("homepage") or meta.get("Home-page")
    return f"digest-generator/{version} (+{home})" if home else f"digest-generator/{version}"


@dataclass(frozen=True, slots=True)
class FetchPolicy:
    """How politely and how long to try: every limit of one download."""

    timeout: float = 20.0  # seconds for connecting and for each read
    total_timeout: float = 120.0  # seconds for a whole download, however slowly it trickles
    retries: int = 3  # further attempts after a 429, a 5xx or a timeout
    backoff: float = 1.0  # seconds before the first retry, doubled for each next one
    max_retry_after: float = 60.0  # a longer Retry-After is a failure: try again later
    max_bytes: int = MAX_BYTES
    max_redirects: int = 5


@dataclass(frozen=True, slots=True)
class Response:
    url: str  # as asked for
    final_url: str  # after redirects
    status: int  # 200, or 304 when the feed has not changed
    body: bytes
    content_type: str | None = None
    etag: str | None = None
    last_modified: str | None = None
    moved_to: str | None = None  # set when a redirect on the way was permanent


@dataclass(frozen=True, slots=True)
class FetchResult:
    feeds: int
    read: int  # downloaded in full, or read from a file
    not_modified: int
    failed: int
    new: int  # entries stored for the first time
    updated: int  # entries whose stored file changed
    unchanged: int
    folder: Path  # where the entries are stored
    rejections: tuple[Rejection, ...] = ()
    notices: tuple[str, ...] = field(default=())


# --------------------------------------------------------------------------- HTTP


class _Redirects(urllib.request.HTTPRedirectHandler):
    """Follows redirects to http(s) only, a bounded number of times, noting permanent ones."""

    def __init__(self, url: str, max_redirects: int):
        super().__init__()
        self.url = url  # as the user gave it, for messages
        self.max_redirections = max_redirects
        self.permanent: str | None = None

    def http_error_302(self, req, fp, code, msg, headers):
        target = urljoin(req.full_url, headers.get("Location") or headers.get("URI") or "")
        if urlsplit(target).scheme.lower() not in ("http", "https"):
            fp.close()
            raise InputError(self.url, f"redirected to a URL that is not http(s): {target}")
        if code in PERMANENT_REDIRECTS and self.permanent is None:
            self.permanent = target
        return super().http_error_302(req, fp, code, msg, headers)

    http_error_301 = http_error_303 = http_error_307 = http_error_308 = http_error_302


def _retry_after(value: str | None) -> float | None:
    """Seconds from a Retry-After header (a number or an HTTP date), or None."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, when.timestamp() - time.time())


def _read_body(resp, url: str, policy: FetchPolicy, started: float) -> bytes:
    encoding = (resp.headers.get("Content-Encoding") or "").strip().lower()
    inflate = zlib.decompressobj(16 + zlib.MAX_WBITS) if encoding in ("gzip", "x-gzip") else None
    chunks, size = [], 0
    while True:
        if time.monotonic() - started > policy.total_timeout:
            raise InputError(url, f"the download took longer than {policy.total_timeout:g} s: stopped")
        chunk = resp.read(64 * 1024)
        if not chunk:
            break
        if inflate is not None:
            # bounded, so that a small compressed bomb cannot fill the memory
            chunk = inflate.decompress(chunk, policy.max_bytes + 1 - size)
        chunks.append(chunk)
        size += len(chunk)
        if size > policy.max_bytes:
            raise InputError(url, f"response is too large: more than {policy.max_bytes / 1e6:.0f} MB")
    return b"".join(chunks)


def http_get(
    url: str,
    *,
    etag: str | None = None,
    last_modified: str | None = None,
    policy: FetchPolicy = FetchPolicy(),
    sleep: Callable[[float], None] = time.sleep,
) -> Response:
    """GET ``url``, conditionally when validators are given; retry what is worth retrying.

    Raises:
        InputError: named by ``url``: an HTTP error, a timeout, a refused connection, a
            response too large, or a server asking to wait longer than the policy allows.
    """
    if urlsplit(url).scheme.lower() not in ("http", "https") or not urlsplit(url).hostname:
        raise InputError(url, "not an http(s) URL")
    headers = {
        "User-Agent": user_agent(),
        "Accept": "application/rss+xml, application/atom+xml, application/rdf+xml, application/xml;q=0.9, text/xml;q=0.9, */*;q=0.5",
        "Accept-Encoding": "gzip",
    }
    if etag:
        headers["If-None-Match"] = etag
    if last_modified:
        headers["If-Modified-Since"] = last_modified
    attempts = policy.retries + 1
    for attempt in range(1, attempts + 1):
        redirects = _Redirects(url, policy.max_redirects)
        opener = urllib.request.build_opener(redirects)
        started = time.monotonic()
        wait = policy.backoff * 2 ** (attempt - 1)
        try:
            with opener.open(urllib.request.Request(url, headers=headers), timeout=policy.timeout) as resp:
                body = _read_body(resp, url, policy, started)
                return Response(
                    url=url,
                    final_url=resp.geturl(),
                    status=resp.status,
                    body=body,
                    content_type=resp.headers.get("Content-Type"),
                    etag=resp.headers.get("ETag"),
                    last_modified=resp.headers.get("Last-Modified"),
                    moved_to=redirects.permanent,
                )
        except urllib.error.HTTPError as exc:
            exc.close()
            if exc.code == 304:
                return Response(url, exc.geturl() or url, 304, b"", etag=etag, last_modified=last_modified,
                                moved_to=redirects.permanent)
            if 300 <= exc.code < 400:
                raise InputError(
                    url, f"HTTP {exc.code}: too many redirects or a redirect loop (limit {policy.max_redirects})"
                ) from None
            reason = " ".join(f"HTTP {exc.code} {exc.reason}".split())
            if exc.code not in RETRY_STATUS:
                raise InputError(url, reason) from None
            asked = _retry_after(exc.headers.get("Retry-After") if exc.headers else None)
            if asked is not None and asked > policy.max_retry_after:
                raise InputError(
                    url,
                    f"{reason}: the server asks to wait {asked:.0f} s before trying again "
                    f"(more than {policy.max_retry_after:g} s): try again later",
                ) from None
            if attempt == attempts:
                raise InputError(url, f"{reason} (after {attempts} attempts)") from None
            wait = asked if asked is not None else wait
        except (TimeoutError, urllib.error.URLError) as exc:
            reason = getattr(exc, "reason", exc)
            if not isinstance(exc, TimeoutError) and not isinstance(reason, TimeoutError):
                raise InputError(url, f"cannot connect: {getattr(reason, 'strerror', None) or reason}") from None
            if attempt == attempts:
                raise InputError(url, f"timed out after {policy.timeout:g} s (after {attempts} attempts)") from None
        except (OSError, http.client.HTTPException) as exc:  # reset or closed mid-download
            raise InputError(url, f"connection failed: {getattr(exc, 'strerror', None) or exc!r}") from None
        except ValueError as exc:  # a port that is not a number, a control character...
            raise InputError(url, f"not a valid URL: {exc}") from None
        sleep(wait)
    raise AssertionError("unreachable")  # pragma: no cover


# --------------------------------------------------------------------------- state and storage


class FetchState:
    """The validators (ETag, Last-Modified) of every feed, kept between runs in one JSON file."""

    def __init__(self, path: Path, notices: list[str]):
        self.path = path
        self.feeds: dict[str, dict[str, str]] = {}
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            feeds = data["feeds"]
            if not isinstance(feeds, dict):
                raise TypeError
            self.feeds = {str(k): {kk: str(vv) for kk, vv in v.items() if vv} for k, v in feeds.items() if isinstance(v, dict)}
        except FileNotFoundError:
            pass
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            notices.append(f"{path}: unreadable fetch state: every feed is downloaded in full this time")

    def validators(self, url: str) -> tuple[str | None, str | None]:
        entry = self.feeds.get(url, {})
        return entry.get("etag"), entry.get("last_modified")

    def remember(self, resp: Response) -> None:
        entry = {"etag": resp.etag, "last_modified": resp.last_modified, "final_url": resp.final_url}
        self.feeds[resp.url] = {k: v for k, v in entry.items() if v}

    def save(self, root: Path) -> None:
        text = json.dumps({"version": 1, "feeds": dict(sorted(self.feeds.items()))}, indent=2, ensure_ascii=False)
        try:
            if self.path.read_text(encoding="utf-8") == text + "\n":
                return
        except (OSError, ValueError):
            pass
        _write(self.path, text + "\n", root)


def _write(path: Path, text: str, root: Path) -> None:
    """Write ``text`` to ``path`` atomically; refuse any path outside ``root``."""
    target = path.resolve()
    if not target.is_relative_to(root.resolve()):
        raise BuildError(f"{path}: refusing to write outside the articles folder {root}")
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(target, text, sync=True, fault="fetch")  # the only copy of an entry a feed may drop
    except OSError as exc:
        raise BuildError(f"{path}: cannot write: {exc.strerror or exc}") from None


def entry_json(article: RawArticle, feed: str) -> str:
    """The stored form of an entry: the JSON reader's fields, plus where it was fetched from."""
    data = {
        "title": None if article.title_derived else article.title,
        "date": article.date.isoformat() if article.date else None,
        "source": article.source,
        "url": article.url,
        "author": article.author,
        "summary": article.summary,
        "body": list(article.paragraphs),
        "tags": list(article.tags),
        "feed": feed,
    }
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def store_entry(article: RawArticle, feed: str, folder: Path, root: Path) -> str:
    """Write one entry as ``<slug>-<id>.json``; returns "new", "updated" or "unchanged".

    A file of the same id under another name (the entry's title changed) is replaced.
    """
    target = folder / f"{slugify(article.title, 50) or 'article'}-{article.id}.json"
    text = entry_json(article, feed)
    older = [p for p in folder.glob(f"*-{article.id}.json") if p.name != target.name]
    try:
        if target.read_text(encoding="utf-8") == text:
            return "unchanged"
        status = "updated"
    except FileNotFoundError:
        status = "updated" if older else "new"
    except OSError as exc:
        raise BuildError(f"{target}: cannot read: {exc.strerror or exc}") from None
    _write(target, text, root)
    for old in older:
        if old.resolve().is_relative_to(root.resolve()):
            old.unlink(missing_ok=True)
    return status


def articles_folder(config: DigestConfig) -> Path:
    """The first configured articles entry that is a folder (or not made yet)."""
    base = config.articles_root if config.articles_root is not None else Path.cwd()
    for given in config.articles:
        path = Path(given) if Path(given).is_absolute() else base / given
        if not path.is_file():
            return path
    raise ConfigError(f"{config.project_dir / CONFIG_FILE}: 'articles' names no folder to store fetched feeds in")


# --------------------------------------------------------------------------- the command


def _is_url(source: str) -> bool:
    return urlsplit(source).scheme.lower() in ("http", "https")


def run(
    config: DigestConfig,
    feeds: Iterable[str] = (),
    *,
    policy: FetchPolicy = FetchPolicy(),
    force: bool = False,
    sleep: Callable[[float], None] = time.sleep,
) -> FetchResult:
    """Fetch ``feeds`` (URLs or files; default: the ``feeds`` of digest.yml) and store their entries.

    File paths given here are read from the working directory; those in digest.yml from the
    project folder. ``force`` ignores the stored validators and downloads every feed in full.

    Raises:
        ConfigError: there is no feed to fetch, or no folder to store entries in.
        BuildError: an entry or the state file cannot be written.
    """
    given = tuple(feeds)
    sources = given or config.feeds
    if not sources:
        raise ConfigError(
            f"{config.project_dir / CONFIG_FILE}: no feeds to fetch: list them under 'feeds:' or name them on the command line"
        )
    root = articles_folder(config)
    folder = root / FEEDS_SUBDIR
    with articles_lock(config.project_dir, write=True):  # what a killed fetch left
        remove_leftovers(folder)
        remove_leftovers(root, recursive=False)
    notices: list[str] = []
    rejections: list[Rejection] = []
    state = FetchState(root / STATE_FILE, notices)
    counts = {"read": 0, "not_modified": 0, "failed": 0, "new": 0, "updated": 0, "unchanged": 0}
    stored: dict[str, str] = {}  # article id -> the feed it was stored from in this run

    for source in sources:
        try:
            if _is_url(source):
                etag, modified = (None, None) if force else state.validators(source)
                resp = http_get(source, etag=etag, last_modified=modified, policy=policy, sleep=sleep)
                if resp.moved_to:
                    notices.append(f"{source}: moved permanently to {resp.moved_to}: update the feed's address")
                if resp.status == 304:
                    counts["not_modified"] += 1
                    continue
                items = list(parse_feed(resp.body, source, base_url=resp.final_url, content_type=resp.content_type))
            else:
                path = Path(source) if given or Path(source).is_absolute() else config.project_dir / source
                if not path.is_file():
                    raise InputError(source, "not an http(s) URL" if "://" in source else "no such feed file")
                items = list(read_feed(path, source))
                resp = None
        except InputError as exc:
            rejections.append(Rejection(exc.path, exc.reason, exc.line))
            counts["failed"] += 1
            continue
        except DigestError:
            raise
        except Exception as exc:  # noqa: BLE001 - the per-feed boundary: one feed never stops the run
            rejections.append(Rejection(source, f"unexpected error while fetching: {type(exc).__name__}: {exc}"))
            counts["failed"] += 1
            continue
        counts["read"] += 1
        with articles_lock(config.project_dir, write=True):  # a build reads all of this feed or none
            for item in items:
                if isinstance(item, Rejection):
                    rejections.append(item)
                elif item.id in stored:
                    notices.append(f"{source}: '{item.title}' is also in {stored[item.id]}: stored once")
                else:
                    stored[item.id] = source
                    counts[store_entry(item, source, folder, root)] += 1
                    notices.extend(f"{d} (entry stored without it)" for d in item.dropped)
                    point("fetch:stored")
        if resp is not None:
            state.remember(resp)
    with articles_lock(config.project_dir, write=True):
        state.save(root)
    return FetchResult(
        feeds=len(sources),
        folder=folder,
        rejections=tuple(rejections),
        notices=tuple(notices),
        **counts,
    )

