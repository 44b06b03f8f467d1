"""generator/serve.py: ``digest serve`` builds, serves on 127.0.0.1, and rebuilds on a change."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
import urllib.request

import pytest

from generator.config import load_config
from generator.serve import snapshot, watched_files
from tests.conftest import EXAMPLES, make_project

NEW_ARTICLE = """---
title: "Mongolia hosts surprise talks on the Tumen river corridor"
date: 2024-11-20
source: steppe-wire.example
---
ULAANBAATAR — Mongolian officials hosted talks on a trade corridor along the Tumen river.
"""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def fetch(url: str) -> str:
    with urllib.request.urlopen(url, timeout=10) as response:
        return response.read().decode("utf-8")


def wait_for(check, seconds: float, what: str, proc: subprocess.Popen):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise AssertionError(f"digest serve exited ({proc.returncode}) while waiting for {what}: {proc.stderr.read()}")
        try:
            value = check()
            if value:
                return value
        except OSError:
            pass
        time.sleep(0.3)
    raise AssertionError(f"timed out waiting for {what}")


def test_the_watched_files_are_articles_settings_data_files_and_hand_written_pages(tmp_path):
    project = make_project(tmp_path, [EXAMPLES / "2024-10-07-pyongyang-troops.txt"])
    (project / "docs" / "articles").mkdir()
    (project / "docs" / "articles" / "old.md").write_text("generated")
    names = {p.relative_to(project).as_posix() for p in watched_files(load_config(project))}
    assert names == {"digest.yml", "mkdocs.yml", "articles/2024-10-07-pyongyang-troops.txt",
                     "docs/index.md", "docs/methodology.md", "docs/tags.md"}
    before = snapshot(load_config(project))
    (project / "articles" / "new.md").write_text(NEW_ARTICLE)
    assert snapshot(load_config(project)) != before


@pytest.mark.slow
def test_serve_builds_serves_and_rebuilds_when_an_article_is_added(tmp_path):
    project = make_project(tmp_path, [EXAMPLES / "2024-10-07-pyongyang-troops.txt"],
                           settings="articles: [articles]\ncache_dir: .digest-cache\n")
    port = free_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "generator", "serve", "-C", str(project), "--port", str(port), "--interval", "0.3", "-q"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )
    base = f"http://127.0.0.1:{port}/"
    try:
        home = wait_for(lambda: fetch(base + "index.html"), 180, "the first build to be served", proc)
        assert "North Korea" in home and "1 article" in home
        index = fetch(base + "articles/index.html")
        assert "Tumen river" not in index
        (project / "articles" / "2024-11-20-tumen-talks.md").write_text(NEW_ARTICLE)
        def rebuilt() -> str | None:
            page = fetch(base + "articles/index.html")
            return page if "Tumen river" in page else None

        index = wait_for(rebuilt, 120, "the rebuild with the new article", proc)
        assert "Mongolia hosts surprise talks on the Tumen river corridor" in index
        assert "2 articles" in fetch(base + "index.html")
    finally:
        proc.terminate()
        proc.wait(timeout=30)
    assert "serving http://127.0.0.1:" in proc.stderr.read()
