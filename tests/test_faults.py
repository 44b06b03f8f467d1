"""Faults survived: a build killed (SIGKILL) at every stage, corrupt caches, a full disk, and
``digest fetch`` writing while ``digest build`` reads.

Every case starts from a project built from corpus A (4 articles) and builds corpus B (one
article removed, one added, one changed: ~250 pages rewritten, 11 removed). After a kill,
``site/`` must be exactly A's site or B's, every file under ``docs/`` A's or B's version
(never half of one), every cache file whole; the next build must succeed and give B's
``docs/`` and ``site/`` byte for byte, as an uninterrupted build does. Builds run in forked
processes (the spaCy model is loaded once), killed by ``faults.point`` at named moments or
from outside while MkDocs writes; the real MkDocs, the real file system.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import marshal
import os
import pickle
import shutil
import signal
import subprocess
import sys
import time
import traceback
import warnings
from pathlib import Path

import pytest
from jinja2.bccache import bc_magic

from generator import analysispack, atomic, storycache, storyvectors, templatecache
from generator.analyse import datafile
from generator.atomic import TMP_PREFIX
from generator.build import run
from generator.config import load_config
from generator.faults import ENV
from generator.render import search
from tests.conftest import FIXTURES, cannot_run, make_project

pytestmark = pytest.mark.slow

SETTINGS = "articles: [articles]\ncache_dir: .digest-cache\n"
CORPUS_A = [
    "2024-10-07-pyongyang-troops.txt",
    "2024-10-15-joint-sword-2024b.md",
    "2024-11-01-choe-lavrov-moscow.md",
    "kcna-statement-2024-11-09.txt",
]
ADDED, REMOVED, CHANGED = "treaty-ratified.txt", "kcna-statement-2024-11-09.txt", "2024-10-15-joint-sword-2024b.md"
CORPUS = FIXTURES / "faults"  # five articles of the sample corpus, kept here as they were


def to_corpus_b(project: Path) -> None:
    (project / "articles" / REMOVED).unlink()
    shutil.copy(CORPUS / ADDED, project / "articles" / ADDED)
    changed = project / "articles" / CHANGED
    text = changed.read_text()
    changed.unlink()  # a hard link to A's copy (see fresh_case): a new file, not a change of it
    changed.write_text(text.replace("Joint Sword", "Joint Sword (updated)", 1))


def tree(root: Path) -> dict[str, str]:
    """rel path -> SHA-256 of every file under ``root`` (hidden ones too), but ``changes.json``:
    it tells what changed since the build before, so it is history, not content (written after
    the swap, atomically; a build after a kill or a lost cache reports against what it knows)."""
    if not root.is_dir():
        return {}
    return {
        str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(root.rglob("*"))
        if p.is_file() and str(p.relative_to(root)) != "changes.json"
    }


def temporaries(project: Path) -> list[str]:
    return sorted(str(p.relative_to(project)) for p in project.rglob(f"{TMP_PREFIX}*") if p.is_file())


def page_keys(project: Path) -> dict[str, str]:
    return {k: v[0] for k, v in json.loads((project / ".digest-cache" / "pages-v1.json").read_text()).items()}


def assert_caches_whole(project: Path) -> None:
    """Every cache file a build reads is complete: JSON that parses, analysis entries whose
    checksum matches, the term cache's arrays as long as its header says (temporary files,
    never read, aside)."""
    cache = project / ".digest-cache"
    checked = 0
    for path in sorted(cache.rglob("*")):
        if not path.is_file() or path.name.startswith(TMP_PREFIX):
            continue
        data = path.read_bytes()
        if path.parent.name == analysispack.FOLDER:  # the analyses packed: a header with the keys and a checksum
            head, _, body = data.partition(b"\n")
            assert json.loads(head)["sha"] == hashlib.sha256(body).hexdigest()[:32], path
            assert sorted(marshal.loads(body)) == json.loads(head)["keys"], path
        elif "analysis" in path.relative_to(cache).parts:
            head, _, body = data.partition(b"\n")
            assert json.loads(head)["sha"] == hashlib.sha256(body).hexdigest()[:32], path
            json.loads(body)
        elif path.name == search.TERMS_FILE:  # a line of JSON, then the two arrays it places each document in
            head, _, body = data.partition(b"\n")
            assert len(body) == 8 * json.loads(head)["pairs"], path
        elif path.name == storycache.FILE:  # a header with the hash of the lines, a story a line
            head = json.loads(data.partition(b"\n")[0])
            assert storycache._load(path, head["salt"]), path
        elif path.parent.name == templatecache.FOLDER:  # Jinja's compiled templates, each written whole
            if path.suffix != ".tmp":  # a temporary file Jinja renames when written (the next build removes it)
                assert data.startswith(bc_magic), path
            continue
        elif path.parent.name == datafile.DERIVED_DIR:  # the knowledge base kept by the pipeline's loaders
            assert pickle.loads(data)[0] == path.stem.rsplit("-", 1)[1], path  # whole: its key, then its value
        elif path.parent.name == storyvectors.FOLDER:  # segments of lines, and their index
            if path.name != storyvectors.INDEX:
                continue  # read through the index
            store = storyvectors.VectorStore(path.parent, json.loads(data)["header"])
            assert store.where and all(store.get(key) is not None for key in list(store.where)), path
        else:
            json.loads(data)
        checked += 1
    assert checked >= 8, f"too few cache files: {checked}"


@pytest.fixture(scope="module")
def states(tmp_path_factory, analyser):
    """A's built project (kept pristine: each case copies it), and the trees of A and of an
    uninterrupted build of B from it."""
    root = tmp_path_factory.mktemp("faults")
    built = make_project(root / "a", [CORPUS / n for n in CORPUS_A], settings=SETTINGS)
    run(load_config(built), analyser=analyser)
    ref = root / "ref-b"
    shutil.copytree(built, ref, symlinks=True)
    to_corpus_b(ref)
    result = run(load_config(ref), analyser=analyser)
    assert result.built == 4 and result.pages.removed >= 10 and result.pages.written >= 100
    a = {"docs": tree(built / "docs"), "site": tree(built / "site"), "cache": tree(built / ".digest-cache")}
    b = {"docs": tree(ref / "docs"), "site": tree(ref / "site"), "written": result.pages.written}
    yield {"built_a": built, "ref_b": ref, "a": a, "b": b, "root": root}
    # the cases share A's files as hard links: no build may have written into one
    assert {k: tree(built / k) for k in ("docs", "site", ".digest-cache")} == {
        "docs": a["docs"], "site": a["site"], ".digest-cache": a["cache"]}


def fresh_case(states, name: str) -> Path:
    project = states["root"] / "cases" / name.replace(":", "_")
    shutil.rmtree(project, ignore_errors=True)
    # hard links, to be quick: every write of a build replaces a file whole (the fixture
    # checks that A's files are unchanged at the end), and the modification times are A's
    shutil.copytree(states["built_a"], project, symlinks=True, copy_function=os.link,
                    ignore=shutil.ignore_patterns(".digest-*.lock"))  # written in place: not shared
    to_corpus_b(project)
    return project


def build_in_child(project: Path, analyser, fault: str | None = None, setup=None, site: bool = True) -> int:
    """Fork a process that builds ``project`` (with ``DIGEST_FAULT_POINT=fault``); its pid.
    It exits 0 when the build finished, 4 when it raised."""
    pid = os.fork()
    if pid == 0:  # pragma: no cover - the child
        code = 0
        try:
            if fault:
                os.environ[ENV] = fault
            if setup:
                setup()
            result = run(load_config(project), analyser=analyser, site=site)
            (project / "child-result.json").write_text(
                json.dumps({"built": result.built, "rejections": [str(r) for r in result.rejections]})
            )
        except BaseException:  # noqa: BLE001 - a forked child must never return into pytest
            traceback.print_exc()
            code = 4
        finally:
            os._exit(code)
    return pid


def wait_killed(pid: int, point: str) -> None:
    _, status = os.waitpid(pid, 0)
    assert os.WIFSIGNALED(status) and os.WTERMSIG(status) == signal.SIGKILL, (
        f"{point}: the build was not killed there (exit {os.waitstatus_to_exitcode(status)}): point not reached"
    )


def check_after_kill(project: Path, states, point: str) -> str:
    """What a kill leaves: the whole old site or the whole new one; every page A's or B's;
    every cache file whole. Returns which site survived."""
    site = tree(project / "site")
    survived = "A" if site == states["a"]["site"] else "B" if site == states["b"]["site"] else None
    assert survived, f"{point}: site/ is neither the previous site nor the new one ({len(site)} files)"
    a, b = states["a"]["docs"], states["b"]["docs"]
    for rel, digest in tree(project / "docs").items():
        if Path(rel).name.startswith(TMP_PREFIX):
            continue  # a page being written: never read (MkDocs skips dot files), removed next build
        assert digest in (a.get(rel), b.get(rel)), f"{point}: docs/{rel} is neither A's nor B's"
    assert_caches_whole(project)
    return survived


def check_recovered(project: Path, states, analyser, point: str) -> None:
    """The next build succeeds and equals the uninterrupted build of B, and cleans up."""
    result = run(load_config(project), analyser=analyser)
    assert result.built == 4 and not result.rejections, point
    assert tree(project / "docs") == states["b"]["docs"], f"{point}: docs/ differs from an uninterrupted build"
    assert tree(project / "site") == states["b"]["site"], f"{point}: site/ differs from an uninterrupted build"
    assert page_keys(project) == page_keys(states["ref_b"])
    assert_caches_whole(project)
    left = [t for t in temporaries(project) if "/analysis/" not in f"/{t}"]
    assert not left, f"{point}: temporary files left: {left}"
    for gone in (".site.building", ".site.old", ".docs.undo"):
        assert not (project / gone).exists(), f"{point}: {gone} left"
    assert (project / ".digest-build.lock").read_text() == "", "a finished build leaves no process id"


# name[:count] of faults.point: every stage of a build, in order
KILL_POINTS = [
    "read:file:1",  # reading the articles
    "read-cache:tmp:1",  # the read cache: a shard written, not yet renamed
    "read-cache:tmp:4",
    "read:done",
    "cache:tmp:1",  # the analysis cache: an entry written, not yet renamed
    "cache:put:1",  # one of two new entries in place
    "pack:tmp:1",  # the analyses packed: a segment written, not yet renamed
    "analyse:done",
    "pages:kept-old:1",  # docs/: the old page linked into the undo folder
    "pages:tmp:1",  # a page written, not yet renamed
    "pages:put:1",
    "pages:tmp:half",  # half of B's pages written (counts from the uninterrupted build)
    "pages:put:all",  # the last page written, the removals not begun
    "terms:tmp:1",  # the search term cache
    "pages:removed:5",  # pages of the removed article going
    "pages:done",
    "mkdocs:kept",  # unchanged site pages linked into the new site
    "mkdocs:start",
    "swap:before",  # the new site complete, not yet in place
    "swap:exchanged",  # site/ swapped, the old one not yet removed
    "swap:after",
    "site-state:tmp",
    "finish:committed",
    "page-cache:tmp",
]


@pytest.mark.parametrize("point", KILL_POINTS)
def test_a_build_killed_at_a_named_point_leaves_a_whole_site_and_the_next_build_repairs_all(point, states, analyser):
    project = fresh_case(states, point)
    written = states["b"]["written"]
    fault = point.replace(":half", f":{written // 2}").replace(":all", f":{written}")
    wait_killed(build_in_child(project, analyser, fault=fault), point)
    survived = check_after_kill(project, states, point)
    if point.startswith(("read", "cache", "pack", "analyse", "pages", "terms", "mkdocs", "swap:before")):
        assert survived == "A", f"{point}: the new site cannot be in place yet"
    if point.startswith(("swap:exchanged", "swap:after", "site-state", "finish", "page-cache")):
        assert survived == "B", f"{point}: the new site must be in place"
    check_recovered(project, states, analyser, point)


def _staged(project: Path) -> int:
    return sum(len(files) for _, _, files in os.walk(project / ".site.building"))


@pytest.mark.parametrize("files", [20, 60, 120])
def test_a_build_killed_from_outside_while_mkdocs_writes_the_site(files, states, analyser):
    """Killed by another process once MkDocs has written ``files`` files of the new site."""
    project = fresh_case(states, f"mkdocs-{files}")
    pid = build_in_child(project, analyser)
    deadline = time.monotonic() + 120
    while _staged(project) < files:
        assert not ended(pid), "the build ended first"
        assert time.monotonic() < deadline
        time.sleep(0.002)
    os.kill(pid, signal.SIGKILL)
    wait_killed(pid, f"mkdocs at {files} files")
    assert check_after_kill(project, states, f"mkdocs:{files}") == "A"
    check_recovered(project, states, analyser, f"mkdocs:{files}")


def test_without_an_atomic_exchange_the_next_build_puts_the_previous_site_back(states, analyser):
    """Where the system cannot swap two folders in one step (two renames), a kill between the
    renames leaves the previous site whole beside site/; the next build puts it back first."""
    project = fresh_case(states, "two-renames")

    def no_exchange():
        atomic._EXCHANGE = None

    wait_killed(build_in_child(project, analyser, fault="swap:between-renames", setup=no_exchange), "two renames")
    assert not (project / "site").exists()
    assert tree(project / ".site.old") == states["a"]["site"]
    assert tree(project / ".site.building") == states["b"]["site"]
    check_recovered(project, states, analyser, "two renames")


@pytest.mark.parametrize("damage", ["half", "empty or garbage"])
def test_truncated_or_corrupt_caches_warn_and_the_build_equals_a_clean_one(damage, states, analyser):
    """Every cache file (analysis entries, read cache, sketches, near-duplicates, page cache,
    search terms, site state) cut in half, emptied or overwritten: a warning, never a crash,
    and the same docs/ and site/; the caches are written whole again."""
    project = states["root"] / "cases" / f"corrupt-{damage}"
    shutil.rmtree(project, ignore_errors=True)
    shutil.copytree(states["ref_b"], project, symlinks=True)
    cache = project / ".digest-cache"
    damaged = [p for p in sorted(cache.rglob("*")) if p.is_file() and not p.name.startswith(".")]
    assert len(damaged) >= 10
    for i, path in enumerate(damaged):
        data = path.read_bytes()
        path.write_bytes(data[: len(data) // 2] if damage == "half" else b"\x00\xff{[" * 7 * (i % 2))
    with pytest.warns(RuntimeWarning, match="unreadable cache") as warned:
        result = run(load_config(project), analyser=analyser)
    messages = "\n".join(str(w.message) for w in warned)
    for name in ("analysis", "pages-v1.json", "search-terms-v2.bin", "sketches-v1.json", "site-v1.json"):
        assert name in messages, f"no warning names {name}:\n{messages}"
    assert result.analysed == 4 and not result.rejections
    assert tree(project / "docs") == states["b"]["docs"]
    assert tree(project / "site") == states["b"]["site"]
    # written whole again: the next build reads every cache without a warning (what only the
    # article B removed used stays damaged: nothing reads it)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        again = run(load_config(project), analyser=analyser)
    assert again.analysed == 0 and again.pages.written == 0
    assert tree(project / "site") == states["b"]["site"]


def test_a_full_disk_while_writing_pages_fails_clearly_and_changes_nothing(states, tmp_path):
    """The project on a small tmpfs (in a private mount namespace): the disk fills while the
    pages are written. The build exits 2 naming the file and the cause, docs/ is put back as
    it was and site/ is untouched; once space is freed the next build gives B's docs/ and
    site/ byte for byte."""
    if not shutil.which("unshare") or subprocess.run(["unshare", "-Urm", "true"], check=False, capture_output=True).returncode:
        cannot_run("a full disk needs a private mount namespace for a small tmpfs (unshare -Urm)")
    source = fresh_case(states, "full-disk")

    def blocks(path: Path) -> int:
        return -(-path.stat().st_size // 4096) or 1

    # room for what B writes before its pages (at most every cache file but those written
    # after the pages, twice: the temporary file and the one it replaces) and a third of
    # what its pages take: the disk fills while the pages are written
    late = ("pages-v1.json", "site-v1.json", "search-terms-v2.bin")  # and the compiled templates (MkDocs writes them)
    ref_cache = states["ref_b"] / ".digest-cache"
    before = sum(2 * blocks(p) for p in ref_cache.rglob("*")
                 if p.is_file() and p.name not in late and p.parent.name != templatecache.FOLDER) + 16
    a_docs, b_docs = states["a"]["docs"], states["b"]["docs"]
    pages = sum(blocks(states["ref_b"] / "docs" / rel) for rel, h in b_docs.items() if a_docs.get(rel) != h)
    # ``before`` is an upper bound (every file twice, plus slack), so the free space below runs out
    # while the pages are written whenever they take more than it: the story and vector caches
    # (stories16b) made it close to half the pages, so twice is not asked any more
    assert pages > before, (pages, before)
    free = (before + pages // 3) * 4096
    size = sum(p.stat().st_size + 4096 for p in source.rglob("*") if p.is_file()) + 16 * 2**20
    out = tmp_path / "out"
    out.mkdir()
    script = f"""
set -u
mount -t tmpfs -o size={size} tmpfs "$MNT"
cp -a "$SRC" "$MNT/digest"
"$PY" -c "$KEEP" "$MNT/digest"
"$PY" -c 'import os,sys; s=os.statvfs(sys.argv[1]); fd=os.open(sys.argv[1]+"/filler",os.O_CREAT|os.O_WRONLY); \
os.posix_fallocate(fd,0,s.f_bavail*s.f_frsize-{free}); os.close(fd)' "$MNT"
"$PY" -m generator build -C "$MNT/digest" >"$OUT/full.out" 2>&1; echo $? >"$OUT/full.rc"
cp -a "$MNT/digest/docs" "$OUT/docs-full"; cp -a "$MNT/digest/site" "$OUT/site-full"
ls -a "$MNT/digest" >"$OUT/ls-full"
rm "$MNT/filler"
"$PY" -m generator build -C "$MNT/digest" >"$OUT/freed.out" 2>&1; echo $? >"$OUT/freed.rc"
cp -a "$MNT/digest/docs" "$OUT/docs-freed"; cp -a "$MNT/digest/site" "$OUT/site-freed"
"""
    mnt = tmp_path / "mnt"
    mnt.mkdir()
    # the knowledge the pipeline keeps in the cache folder (knowledge-v1: the gazetteer, the name
    # patterns' tokens; up to 1 MB) is made before the disk is filled: which of it a build writes
    # depends on what its processes loaded before, not on B
    keep = ("import sys; from pathlib import Path; from generator.analyse.analyser import Analyser; "
            "from generator.build import settings_for; from generator.config import load_config; "
            "c = load_config(Path(sys.argv[1])); Analyser(settings_for(c), c.cache_dir).nlp")
    env = {**os.environ, "MNT": str(mnt), "SRC": str(source), "OUT": str(out), "PY": sys.executable, "KEEP": keep}
    env.pop(ENV, None)
    done = subprocess.run(["unshare", "-Urm", "bash", "-c", script], check=False, env=env, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    message = (out / "full.out").read_text()
    assert (out / "full.rc").read_text().strip() == "2", message
    assert "No space left on device" in message and "put back as they were" in message, message
    assert "Traceback" not in message, message
    assert tree(out / "docs-full") == a_docs, "docs/ was not put back as it was"
    assert tree(out / "site-full") == states["a"]["site"], "site/ changed"
    assert ".docs.undo" not in (out / "ls-full").read_text().split()
    assert (out / "freed.rc").read_text().strip() == "0", (out / "freed.out").read_text()
    assert tree(out / "docs-freed") == b_docs
    assert tree(out / "site-freed") == states["b"]["site"]


# --------------------------------------------------------------------------- fetch and build at once


def rss(items: list[tuple[str, str, str]]) -> str:
    """A feed of (slug, title, body) items."""
    entries = "".join(
        f"<item><title>{title}</title><link>https://border-wire.example/{slug}</link>"
        f"<guid>https://border-wire.example/{slug}</guid><pubDate>Wed, 23 Oct 2024 08:00:00 GMT</pubDate>"
        f"<description>{body}</description></item>"
        for slug, title, body in items
    )
    return (
        '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Border Wire</title>'
        f"<link>https://border-wire.example/</link><description>d</description>{entries}</channel></rss>"
    )


BODY = (
    "South Korea's military said on {day} that North Korean units had moved closer to the border, "
    "and that it was watching them closely. Officials in Seoul said {n} soldiers were involved. {extra}"
)
V1 = [
    ("e1", "Seoul reports troop movements near the border", BODY.format(day="Monday", n=300, extra="")),
    ("e2", "Japan and South Korea discuss a hotline", BODY.format(day="Tuesday", n=200, extra="")),
]
V2 = [  # e1 retitled (its file renamed), e2 changed, e3 new
    ("e1", "Seoul reports more troop movements near the border", BODY.format(day="Monday", n=300, extra="")),
    ("e2", "Japan and South Korea discuss a hotline", BODY.format(day="Tuesday", n=200, extra="Talks resume on Friday.")),
    ("e3", "Pyongyang fires two missiles into the sea", BODY.format(day="Thursday", n=50, extra="")),
]
V3 = [*V2, ("e4", "Beijing calls for restraint on the peninsula", BODY.format(day="Friday", n=10, extra=""))]


def titles(project: Path) -> set[str]:
    lines = gzip.decompress((project / "docs" / "downloads" / "articles.jsonl.gz").read_bytes()).decode().splitlines()
    return {json.loads(line)["title"] for line in lines}


def child_result(project: Path) -> dict:
    return json.loads((project / "child-result.json").read_text())


def fetch_in_child(project: Path, feed: Path, fault: str | None = None) -> int:
    from generator import fetch

    pid = os.fork()
    if pid == 0:  # pragma: no cover - the child
        code = 0
        try:
            if fault:
                os.environ[ENV] = fault
            fetch.run(load_config(project), [str(feed)])
        except BaseException:  # noqa: BLE001 - a forked child must never return into pytest
            traceback.print_exc()
            code = 4
        finally:
            os._exit(code)
    return pid


def wait_until(what, condition, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, f"timed out waiting until {what}"
        time.sleep(0.01)


def stopped(pid: int) -> bool:
    return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] == "T"


def waiting_for_a_lock(pid: int) -> bool:
    return any(" -> " in line and f" {pid} " in line for line in Path("/proc/locks").read_text().splitlines())


def ended(pid: int) -> bool:
    return os.waitid(os.P_PID, pid, os.WEXITED | os.WNOHANG | os.WNOWAIT) is not None


def exited_ok(pid: int) -> None:
    _, status = os.waitpid(pid, 0)
    assert os.waitstatus_to_exitcode(status) == 0, f"child {pid} failed: {os.waitstatus_to_exitcode(status)}"


@pytest.fixture
def fetch_project(tmp_path, analyser):
    if not Path("/proc/locks").is_file():
        cannot_run("watching a process wait for a lock needs /proc/locks (Linux)")
    from generator import fetch

    project = make_project(tmp_path, [CORPUS / CORPUS_A[0]], settings=SETTINGS)
    feed = tmp_path / "wire.rss"
    feed.write_text(rss(V1))
    fetch.run(load_config(project), [str(feed)])
    result = run(load_config(project), analyser=analyser, site=False)
    assert result.built == 3 and titles(project) >= {t for _, t, _ in V1}
    return project, feed


def test_fetch_waits_while_a_build_reads_and_the_build_sees_the_articles_as_before(fetch_project, analyser):
    """A build stopped in the middle of reading the articles (it has listed the files) while a
    fetch renames one, changes one and adds one: the fetch waits for the reading to end, the
    build reads every article whole as it was before, and the next build has the new ones."""
    project, feed = fetch_project
    feed.write_text(rss(V2))
    build = build_in_child(project, analyser, fault="read:file:2:stop", site=False)
    wait_until("the build stops while reading", lambda: stopped(build))
    fetcher = fetch_in_child(project, feed)
    wait_until("the fetch waits for the build's reading, or ends", lambda: waiting_for_a_lock(fetcher) or ended(fetcher))
    waited = waiting_for_a_lock(fetcher)
    os.kill(build, signal.SIGCONT)
    exited_ok(build)
    exited_ok(fetcher)
    seen = child_result(project)
    assert seen == {"built": 3, "rejections": []}, "the build lost or half-read an article"
    assert waited
    assert titles(project) >= {t for _, t, _ in V1} and V2[2][1] not in titles(project)
    result = run(load_config(project), analyser=analyser, site=False)
    assert result.built == 4 and not result.rejections
    assert titles(project) >= {t for _, t, _ in V2} and V1[0][1] not in titles(project)
    page = next((project / "docs" / "articles").glob("japan-and-south-korea*.md")).read_text()
    assert "Talks resume on Friday." in page


def test_a_build_waits_while_a_fetch_writes_and_reads_no_half_written_article(fetch_project, analyser):
    """A fetch stopped with an entry half stored (its temporary file written, not renamed): a
    build started then waits, and reads every article whole once the fetch is done."""
    project, feed = fetch_project
    feed.write_text(rss(V3))
    fetcher = fetch_in_child(project, feed, fault="fetch:tmp:1:stop")
    wait_until("the fetch stops while storing", lambda: stopped(fetcher))
    assert temporaries(project / "articles"), "no half-stored entry to read"
    build = build_in_child(project, analyser, site=False)
    wait_until("the build waits for the fetch, or ends", lambda: waiting_for_a_lock(build) or ended(build))
    waited = waiting_for_a_lock(build)
    os.kill(fetcher, signal.SIGCONT)
    exited_ok(fetcher)
    exited_ok(build)
    assert child_result(project) == {"built": 5, "rejections": []}, "the build did not wait for the fetch to store every entry whole"
    assert waited
    assert titles(project) >= {t for _, t, _ in V3}
    assert not temporaries(project / "articles")


def test_a_fetch_killed_while_storing_loses_nothing_once_fetched_again(fetch_project, analyser):
    """Killed with an entry half stored: the build ignores the temporary file (no rejection),
    the next fetch clears it and stores every entry."""
    from generator import fetch

    project, feed = fetch_project
    feed.write_text(rss(V3))
    fetcher = fetch_in_child(project, feed, fault="fetch:tmp:2")
    wait_killed(fetcher, "fetch:tmp:2")
    assert temporaries(project / "articles")
    result = run(load_config(project), analyser=analyser, site=False)
    assert not result.rejections and result.built == 3  # e1 renamed; e2's update and the rest not yet
    again = fetch.run(load_config(project), [str(feed)])
    assert (again.new, again.updated, again.unchanged) == (2, 1, 1)
    assert not temporaries(project / "articles")
    result = run(load_config(project), analyser=analyser, site=False)
    assert result.built == 5 and not result.rejections
    assert titles(project) >= {t for _, t, _ in V3}
