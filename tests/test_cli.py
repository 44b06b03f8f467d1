"""generator/cli.py: the command-line contract (exit codes, JSON Lines, help)."""

from __future__ import annotations

import json
import re

import pytest
from click.testing import CliRunner

from generator.cli import cli
from tests.conftest import EXAMPLES, fixture


def test_every_command_has_help():
    runner = CliRunner()
    for cmd in ("build", "analyse", "init", "serve"):
        result = runner.invoke(cli, [cmd, "--help"])
        assert result.exit_code == 0, result.output
        assert "Exit" in result.output or "exit" in result.output


def test_analyse_json_prints_one_object_per_article_in_input_order(seed_path):
    result = CliRunner().invoke(cli, ["analyse", str(seed_path), str(fixture("list.json")), "--json"])
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert [r["title"] for r in rows][1:] == ["One", "Two"]
    seed = rows[0]
    assert seed["path"] == str(seed_path) and seed["date"] is None and seed["source"] == "m.economictimes.com"
    for key in ("id", "title", "actors", "themes", "figures"):
        assert key in seed
    assert {"name", "type", "count"} <= set(seed["actors"][0])
    assert {"id", "name", "score", "evidence"} <= set(seed["themes"][0])
    assert {"text", "value", "unit", "qualifier", "attribution", "sentence"} <= set(seed["figures"][0])


def test_analyse_reports_rejections_and_warnings_and_exits_1():
    result = CliRunner().invoke(
        cli, ["analyse", str(fixture("empty.txt")), str(fixture("bad_date.md")), str(fixture("front_matter.md"))]
    )
    assert result.exit_code == 1
    assert f"rejected: {fixture('empty.txt')}: empty file" in result.stderr
    assert f"warning: {fixture('bad_date.md')}:3: date dropped: not a date" in result.stderr
    assert "Troops on the move" in result.stdout and "Bad date" in result.stdout


def test_build_outside_a_project_is_a_usage_error(tmp_path):
    result = CliRunner().invoke(cli, ["build", "-C", str(tmp_path)])
    assert result.exit_code == 2
    assert "mkdocs.yml: not found" in result.stderr


@pytest.mark.slow
def test_init_makes_a_project_that_builds(tmp_path, monkeypatch):
    runner = CliRunner()
    project = tmp_path / "my-digest"
    result = runner.invoke(cli, ["init", str(project)])
    assert result.exit_code == 0, result.output
    assert (project / "articles" / "example.md").is_file()
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(cli, ["build", "-C", "my-digest"])  # a relative project folder
    assert result.exit_code == 0, result.output
    html = (project / "site" / "index.html").read_text()
    assert "My Digest" in html and "North Korea" in html
    again = runner.invoke(cli, ["init", str(project)])
    assert again.exit_code == 2


@pytest.mark.slow
def test_build_with_a_bad_file_builds_the_rest_and_exits_1(sample_project):
    (sample_project / "articles" / "broken.json").write_text("{not json")
    result = CliRunner().invoke(cli, ["build", "-C", str(sample_project)])
    assert result.exit_code == 1, result.output
    assert "broken.json:1: not valid JSON" in result.stderr
    assert "1 rejected" in result.stdout
    assert (sample_project / "site" / "index.html").is_file()


def test_examples_exist():
    assert EXAMPLES.is_dir()


@pytest.mark.slow
def test_sharded_analysis_fills_the_cache_for_the_build(sample_project):
    """A local "cluster": two worker processes, each analysing its shard into the same cache."""
    import subprocess
    import sys

    workers = [
        subprocess.Popen(
            [sys.executable, "-m", "generator", "build", "-C", str(sample_project), "--analyse-only", "--shard", shard],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        )
        for shard in ("0/2", "1/2")
    ]
    analysed = 0
    for worker, shard in zip(workers, ("0/2", "1/2"), strict=True):
        out, err = worker.communicate(timeout=300)
        assert worker.returncode == 0, err
        assert out.startswith(f"shard {shard}:"), out
        analysed += int(out.split(": ")[1].split(" ")[0])
    assert analysed == 23
    result = CliRunner().invoke(cli, ["build", "-C", str(sample_project)])
    assert result.exit_code == 0, result.output
    assert " 0 analysed, 23 from cache" in result.stdout


def test_bad_shard_is_a_usage_error(sample_project):
    result = CliRunner().invoke(cli, ["build", "-C", str(sample_project), "--analyse-only", "--shard", "2/2"])
    assert result.exit_code == 2


@pytest.mark.slow
def test_build_progress_is_plain_lines_off_a_terminal_and_quiet_prints_only_errors(tmp_path):
    from generator.sitesize import measure
    from tests.conftest import make_project

    project = make_project(tmp_path, [EXAMPLES / "2024-10-07-pyongyang-troops.txt", EXAMPLES / "undated-analysis-drone-parts.txt"],
                           settings="articles: [articles]\ncache_dir: .digest-cache\n")
    result = CliRunner().invoke(cli, ["build", "-C", str(project)])  # CliRunner's stderr is no terminal
    assert result.exit_code == 0, result.output
    for stage in ("reading", "analysing", "rendering", "building the site"):
        assert re.search(rf"^{stage}: (\d+)/\1 done in \d+:\d\d:\d\d \(", result.stderr, re.MULTILINE), (stage, result.stderr)
    assert "\r" not in result.stderr  # no bar redrawn in a log
    assert "2 read, 2 built, 0 rejected, 1 undated;" in result.stdout
    # the line before the summary: the site's size and its biggest folders, as measured on disk
    size = measure(project / "site")
    line = result.stdout.splitlines()[-2]
    top = ", ".join(f"{name} {n / 1e6:,.1f} MB" for name, n in size.folders[:5])
    assert line.startswith(f"site size: {size.total / 1e6:,.1f} MB in {size.files:,} files ({top}, the rest "), line
    assert size.folders[0][0] == "assets" and {"articles", "search", "downloads"} <= dict(size.folders).keys()
    assert "GitHub Pages" not in result.stderr
    # over a (lowered) limit: a warning naming the biggest parts; the build still succeeds
    over = CliRunner().invoke(cli, ["build", "-C", str(project)], env={"DIGEST_SITE_LIMIT": "1MB"})
    assert over.exit_code == 0, over.output
    biggest = ", ".join(f"{name} {n / 1e6:,.1f} MB" for name, n in size.folders[:3])
    assert f"warning: the site is {size.total / 1e6:,.1f} MB, over the limit (DIGEST_SITE_LIMIT) of 1.0 MB" in over.stderr
    assert f"the biggest parts: {biggest}, the rest " in over.stderr, over.stderr
    bad = CliRunner().invoke(cli, ["build", "-C", str(project)], env={"DIGEST_SITE_LIMIT": "lots"})
    assert bad.exit_code == 2 and "DIGEST_SITE_LIMIT='lots': not a size" in bad.stderr

    (project / "articles" / "new.txt").write_text("Officials met in Seoul on Monday.\nThey said little.\n")
    quiet = CliRunner().invoke(cli, ["build", "-C", str(project), "--quiet"])
    assert quiet.exit_code == 0, quiet.output
    assert quiet.stdout == "" and quiet.stderr == ""
    (project / "articles" / "broken.json").write_text("{not json")
    quiet = CliRunner().invoke(cli, ["build", "-C", str(project), "-q", "--no-site"])
    assert quiet.exit_code == 1
    assert quiet.stdout == ""
    assert quiet.stderr.splitlines() == ["rejected: articles/broken.json:1: not valid JSON: Expecting property name enclosed in double quotes at column 2"]
