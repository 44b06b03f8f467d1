"""Bad input at scale, small: 200 articles in every format, 2 % broken in each way the readers
meet (bench/bad_input.py makes them; ``python bench/bad_input.py`` runs the 10,000-article
version and prints the numbers). Every rejection is named in the build's summary and in
rejected.jsonl, every article with a bad field is built without it, and every other article
has its page: nothing is lost.
"""

from __future__ import annotations

import gzip
import json

import pytest
from click.testing import CliRunner

from bench.bad_input import (
    KINDS,
    REJECTED_KINDS,
    WARNED_KINDS,
    lost_articles,
    make_project,
    write_corpus,
)
from generator.cli import cli

pytestmark = pytest.mark.slow


def test_every_rejection_is_named_and_no_readable_article_is_lost(tmp_path):
    project = make_project(tmp_path)
    expect = write_corpus(200, project / "articles", broken=0.02 * len(KINDS))  # 2 % of each kind
    assert {k: list(expect["rejected"].values()).count(k) for k in REJECTED_KINDS} == dict.fromkeys(REJECTED_KINDS, 4)
    assert {k: list(expect["warned"].values()).count(k) for k in WARNED_KINDS} == dict.fromkeys(WARNED_KINDS, 4)

    result = CliRunner().invoke(cli, ["build", "--no-site", "-C", str(project)])
    assert result.exit_code == 1, result.output  # some inputs rejected, the rest built

    # the summary names every rejection, and nothing else as rejected
    rejected = {line.removeprefix("rejected: ").split(": ")[0] for line in result.stderr.splitlines() if line.startswith("rejected: ")}
    assert rejected == set(expect["rejected"])
    warned = {line.removeprefix("warning: ").split(": ")[0] for line in result.stderr.splitlines() if line.startswith("warning: ")}
    assert {w.rsplit(":", 1)[0] for w in warned} == set(expect["warned"])
    last = result.stdout.strip().splitlines()[-1]
    readable = sum(len(v) if isinstance(v, tuple) else 1 for v in expect["articles"].values())
    assert last.startswith(f"{readable + len(expect['rejected'])} read, {readable} built, {len(expect['rejected'])} rejected, "
                           f"{expect['undated']} undated, {len(expect['warned'])} fields dropped (listed in "), last

    # rejected.jsonl, beside site/, says the same: each rejection with its reason, then the warnings
    rows = [json.loads(x) for x in (project / "rejected.jsonl").read_text(encoding="utf-8").splitlines()]
    listed = {(r["path"] + (f":{r['line']}" if r["line"] else "")): r for r in rows if r["kind"] == "rejected"}
    assert set(listed) == set(expect["rejected"])
    reasons = {"empty": "empty file", "binary": "binary file", "unclosed": "front matter: not closed",
               "bad-json-line": "not valid JSON"}
    for location, kind in expect["rejected"].items():
        assert listed[location]["reason"].startswith(reasons[kind]), (location, listed[location])
    warnings = {r["path"]: r for r in rows if r["kind"] == "warning"}
    fields = {"bad-yaml": "front matter", "absurd-date": "date", "unsafe-url": "url"}
    assert {p: w["field"] for p, w in warnings.items()} == {p: fields[k] for p, k in expect["warned"].items()}

    # every article whose text was fine has its page, under its own title
    assert lost_articles(expect, project) == []
    catalogue = [json.loads(x) for x in gzip.decompress((project / "docs" / "downloads" / "articles.jsonl.gz").read_bytes()).decode().splitlines()]
    pages = {row["input"]: project / "docs" / row["page"].replace(".html", ".md") for row in catalogue}
    for path, kind in expect["warned"].items():
        text = pages[path].read_text(encoding="utf-8")
        number = int(path.rsplit("-", 1)[1].split(".")[0])  # articles/article-000141.md
        assert f"(report {number})" in text or f"report number {number} " in text, path  # its own page
        assert "javascript:" not in text and "data:text/html" not in text and "9999" not in text, (path, kind)
        row = next(r for r in catalogue if r["input"] == path)
        assert row["url"] is None if kind in ("unsafe-url", "bad-yaml") else row["url"].startswith("https://")
        assert row["date"] is None if kind in ("absurd-date", "bad-yaml") else row["date"].startswith("2024-")
