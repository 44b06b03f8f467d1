"""generator/atomic.py, generator/faults.py and generator/locks.py: files replaced whole, the
site swapped in one step, leftovers of killed runs removed, fault points, the articles lock."""

from __future__ import annotations

import errno
import os
import signal
import time
from pathlib import Path

import pytest

from generator import atomic, faults
from generator.atomic import exchange, recover_site, remove_leftovers, swap_in, write_atomic
from generator.faults import ENV, parse, point
from generator.locks import articles_lock


def folder(path: Path, files: dict[str, str]) -> Path:
    for rel, text in files.items():
        (path / rel).parent.mkdir(parents=True, exist_ok=True)
        (path / rel).write_text(text)
    return path


def contents(path: Path) -> dict[str, str]:
    return {str(p.relative_to(path)): p.read_text() for p in sorted(path.rglob("*")) if p.is_file()}


def test_write_atomic_replaces_the_file_and_leaves_no_temporary(tmp_path):
    target = tmp_path / "state.json"
    target.write_text("old")
    write_atomic(target, "new ✓", sync=True)
    assert target.read_text() == "new ✓"
    assert [p.name for p in tmp_path.iterdir()] == ["state.json"]


@pytest.mark.parametrize("umask", [0o022, 0o077])
def test_write_atomic_gives_the_mode_a_plain_write_gives(tmp_path, umask):
    """Not mkstemp's 0600: a published file (changes.json) must be readable by the web server."""
    old = os.umask(umask)
    try:
        write_atomic(tmp_path / "changes.json", "{}")
        (tmp_path / "plain.json").write_text("{}")
    finally:
        os.umask(old)
    mode = (tmp_path / "changes.json").stat().st_mode & 0o777
    assert mode == (tmp_path / "plain.json").stat().st_mode & 0o777 == 0o666 & ~umask


def test_a_failed_write_keeps_the_old_file_names_the_path_and_cleans_up(tmp_path, monkeypatch):
    target = tmp_path / "page.md"
    target.write_text("old page")
    monkeypatch.setenv(ENV, "pages:tmp:1:enospc")
    with pytest.raises(OSError) as caught:
        write_atomic(target, "new page", fault="pages")
    assert caught.value.errno == errno.ENOSPC and caught.value.filename == str(target)
    assert target.read_text() == "old page"
    assert [p.name for p in tmp_path.iterdir()] == ["page.md"]


def test_swap_in_exchanges_the_sites_in_one_step(tmp_path):
    site = folder(tmp_path / "site", {"index.html": "old", "old-only.html": "x"})
    staging = folder(tmp_path / ".site.building", {"index.html": "new", "a/b.html": "y"})
    swap_in(staging, site)
    assert contents(site) == {"index.html": "new", "a/b.html": "y"}
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]


def test_exchange_swaps_two_folders_where_the_system_can(tmp_path):
    a, b = folder(tmp_path / "a", {"f": "A"}), folder(tmp_path / "b", {"f": "B"})
    if atomic._EXCHANGE is None or not exchange(a, b):
        pytest.skip("this system has no renameat2(RENAME_EXCHANGE): swap_in uses two renames")
    assert (a / "f").read_text() == "B" and (b / "f").read_text() == "A"


def test_without_exchange_two_renames_then_recovery_puts_the_old_site_back(tmp_path, monkeypatch):
    monkeypatch.setattr(atomic, "_EXCHANGE", None)
    site = folder(tmp_path / "site", {"index.html": "old"})
    staging = folder(tmp_path / ".site.building", {"index.html": "new"})
    swap_in(staging, site)
    assert contents(site) == {"index.html": "new"} and not staging.exists()
    # a build killed between the two renames: site/ moved aside, the new one not yet in place
    (tmp_path / "site").rename(tmp_path / ".site.old")
    folder(staging, {"index.html": "half"})
    recover_site(site, staging)
    assert contents(site) == {"index.html": "new"}
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]


def test_remove_leftovers_spares_recent_temporaries_of_shared_folders(tmp_path):
    folder(tmp_path, {"read/.tmp-a.tmp": "", "pages.json": "{}", "analysis/x/.tmp-new.tmp": "",
                      "analysis/x/.tmp-old.tmp": "", "analysis/x/entry.json": "", ".tmp-not-ours": ""})
    hour_ago = time.time() - 3700
    os.utime(tmp_path / "analysis/x/.tmp-old.tmp", (hour_ago, hour_ago))
    assert remove_leftovers(tmp_path, keep_newer=("analysis",)) == 2
    assert sorted(contents(tmp_path)) == [".tmp-not-ours", "analysis/x/.tmp-new.tmp", "analysis/x/entry.json", "pages.json"]


def test_fault_specs_name_points_with_colons():
    assert parse("pages:put:120:stop") == ("pages:put", 120, "stop")
    assert parse("read:done") == ("read:done", 1, "kill")
    assert parse("swap:before:2") == ("swap:before", 2, "kill")


def test_a_fault_point_strikes_at_its_count_only(monkeypatch):
    monkeypatch.setattr(faults, "_calls", {})
    monkeypatch.setenv(ENV, "test:here:3:enospc")
    point("test:here")
    point("test:elsewhere")
    point("test:here")
    with pytest.raises(OSError, match="No space left"):
        point("test:here")
    point("test:here")  # once


def test_a_fault_point_kills_the_process(tmp_path):
    pid = os.fork()
    if pid == 0:  # pragma: no cover - the child
        os.environ[ENV] = "test:now"
        point("test:now")
        os._exit(0)
    _, status = os.waitpid(pid, 0)
    assert os.WIFSIGNALED(status) and os.WTERMSIG(status) == signal.SIGKILL


def test_the_articles_lock_is_shared_by_readers_and_exclusive_for_a_writer(tmp_path):
    import fcntl

    lock = tmp_path / ".digest-articles.lock"
    readers = articles_lock(tmp_path, write=False), articles_lock(tmp_path, write=False)
    with readers[0], readers[1], open(lock) as other, pytest.raises(OSError):  # two readers: no writer
        fcntl.flock(other, fcntl.LOCK_EX | fcntl.LOCK_NB)
    with articles_lock(tmp_path, write=True), open(lock) as other, pytest.raises(OSError):
        fcntl.flock(other, fcntl.LOCK_SH | fcntl.LOCK_NB)
