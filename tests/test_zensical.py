"""generator/zensical.py: the sample digest built with Zensical instead of MkDocs (the browser
tests in tests/browser/ run on this site too)."""

from __future__ import annotations

import re
import shutil

import pytest

from generator.build import build_site, run
from generator.config import load_config
from generator.errors import BuildError, ConfigError
from generator.zensical import CONFIG_NAME, installed, warnings_in
from tests.conftest import FIXTURES, cannot_run, make_project
from tests.test_build import Links, tree_hash


def test_engine_setting_is_checked(tmp_path):
    project = make_project(tmp_path, [], settings="engine: hugo\n")
    with pytest.raises(ConfigError, match=r"digest.yml: 'engine' must be one of mkdocs, zensical: 'hugo'"):
        load_config(project)
    assert load_config(project, engine="zensical").engine == "zensical"  # the command line wins


def test_build_refuses_an_unknown_engine_on_the_command_line(tmp_path):
    from click.testing import CliRunner

    from generator.cli import cli

    result = CliRunner().invoke(cli, ["build", "-C", str(make_project(tmp_path, [])), "--engine", "hugo"])
    assert result.exit_code == 2, result.output
    assert "'hugo' is not one of 'mkdocs', 'zensical'" in result.output


@pytest.fixture(scope="module")
def zensical_site(tmp_path_factory, analyser):
    if installed() is None:
        cannot_run("Zensical is not installed: pip install -e '.[zensical]' (scripts/test.sh does)")
    project = make_project(tmp_path_factory.mktemp("zensical"), settings="articles: [articles]\nengine: zensical\ncache_dir: .digest-cache\n")
    result = run(load_config(project), analyser=analyser)
    return project, result


@pytest.mark.slow
def test_zensical_builds_every_page_with_the_digests_search_only(zensical_site):
    project, result = zensical_site
    site = project / "site"
    assert result.site_dir == site and not result.rejections
    assert not (project / CONFIG_NAME).exists() and not (project / ".site.building").exists()
    for md in (project / "docs").rglob("*.md"):
        rel = md.relative_to(project / "docs")
        if rel.parts[0] != "_partials":
            assert (site / rel.with_suffix(".html")).is_file(), rel
    # one search index, the digest's; Zensical's own is off and its empty files removed
    assert (site / "search" / "manifest.js").is_file()
    assert not (site / "search.json").exists() and not (site / "search.js").exists()
    html = (site / "actors" / "north-korea.html").read_text()
    assert "assets/digest/search.js" in html and 'class="md-search"' not in html
    # the index and its script are the digest's files as written, as MkDocs copies them
    for written in (project / "docs" / "search").rglob("*.js"):
        built = site / written.relative_to(project / "docs")
        assert built.read_bytes() == written.read_bytes(), built
    assert (site / "assets/digest/search.js").read_bytes() == (project / "docs/assets/digest/search.js").read_bytes()
    # the tag pills come before the page's title, as under Material
    assert html.index('class="md-tag"') < html.index("<h1")


@pytest.mark.slow
def test_zensical_site_links_resolve_and_load_nothing_from_another_host(zensical_site):
    project, _ = zensical_site
    site = project / "site"
    for page in site.rglob("*.html"):
        text = page.read_text()
        parser = Links()
        parser.feed(text)
        for ref in parser.refs:
            if ref.startswith(("http://", "https://", "//")):
                assert not ref.startswith("//"), (page, ref)
                continue
            if ref.startswith(("#", "mailto:", "data:")) or (page.name == "404.html" and ref.startswith("/")):
                continue
            assert (page.parent / ref.split("#")[0].split("?")[0]).resolve().exists(), (page, ref)
        for tag in re.findall(r"<(?:script|link|img|iframe|source)[^>]+(?:src|href)=\"(?:https?:)?//[^\"]+\"", text):
            assert 'rel="canonical"' in tag, f"{page}: external resource {tag}"


@pytest.mark.slow
def test_zensical_rebuilds_are_byte_identical(zensical_site):
    project, _ = zensical_site
    def site_files():  # changes.json is written by build.run after the site stage, not by it
        return {k: v for k, v in tree_hash(project / "site").items() if k != "changes.json"}

    before = site_files()
    config = load_config(project)
    build_site(config)  # Zensical's cache: unchanged pages skipped
    assert site_files() == before
    build_site(config, incremental=False)  # --full: its cache emptied, every page built
    assert site_files() == before


@pytest.mark.slow
def test_a_failed_zensical_build_changes_nothing(zensical_site, tmp_path):
    source, _ = zensical_site
    project = tmp_path / "digest"
    shutil.copytree(source, project, symlinks=True)
    site_before = tree_hash(project / "site")
    tags = project / "docs" / "tags.md"
    text = tags.read_text() + "\nSee [the old page](no-such-page.md).\n"
    tags.write_text(text)
    line = text.splitlines().index("See [the old page](no-such-page.md).") + 1
    with pytest.raises(BuildError) as failure:  # strict, as MkDocs: a broken link stops the build
        build_site(load_config(project))
    assert str(failure.value).splitlines() == [
        f"{project / 'mkdocs.yml'}: zensical build failed:",
        f"docs/tags.md:{line}:20: page does not exist",
        "aborted: warnings in strict mode (digest build --no-strict builds anyway)",
    ]
    assert tree_hash(project / "site") == site_before
    assert not (project / CONFIG_NAME).exists() and not (project / ".site.building").exists()


def test_zensical_warnings_read_one_line_each():
    # Zensical 0.0.73's own output of a strict build with a broken link and a missing anchor
    output = (FIXTURES / "zensical_strict_output.txt").read_text(encoding="utf-8")
    assert warnings_in(output) == ["tags.md:6:15: page does not exist", "tags.md:6:60: anchor does not exist"]
