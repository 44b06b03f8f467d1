"""generator/zensical.py: the sample digest built with Zensical instead of MkDocs (the browser
tests in tests/browser/ run on this site too)."""

from __future__ import annotations

import posixpath
import re
import shutil
from html.parser import HTMLParser

import pytest

from generator.build import build_site, run
from generator.config import load_config
from generator.errors import BuildError, ConfigError
from generator.zensical import CONFIG_NAME, installed, warnings_in
from tests.conftest import FIXTURES, ROOT, cannot_run, make_project
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
    from generator.zensical import limits

    assert set(limits(load_config(project))) <= set(result.notices)  # printed by the build
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


class _Ids(HTMLParser):
    """A page's ids, its links, and its <link rel="alternate" type="application/atom+xml">."""

    def __init__(self):
        super().__init__()
        self.ids: set[str] = set()
        self.refs: list[str] = []
        self.feeds: list[str] = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if a.get("id"):
            self.ids.add(a["id"])
        if tag == "a" and a.get("href"):
            self.refs.append(a["href"])
        if tag == "link" and a.get("rel") == "alternate" and a.get("type") == "application/atom+xml":
            self.feeds.append(a["href"])


@pytest.mark.slow
def test_zensical_site_links_its_feeds_and_every_anchor_exists(zensical_site):
    """As on MkDocs (tests/render/test_feeds.py): the feeds are copied as written, a page with
    a feed (its front matter's ``feed``) links it in its head, the home page links the
    digest's, and every link to an anchor (a sentence of an article page, in the pages and in
    the feeds' entries) lands on an id of its page."""
    project, _ = zensical_site
    site, docs = project / "site", project / "docs"
    pages = {p.relative_to(site).as_posix(): _Ids() for p in site.rglob("*.html")}
    for rel, ids in pages.items():
        ids.feed((site / rel).read_text(encoding="utf-8"))
    written = sorted(p.relative_to(docs).as_posix() for p in (docs / "feeds").rglob("*.xml"))
    assert len(written) > 10 and written == sorted(p.relative_to(site).as_posix() for p in (site / "feeds").rglob("*.xml"))
    assert all((site / f).read_bytes() == (docs / f).read_bytes() for f in written)
    expected = {"index.html": ["./feeds/index.xml"]}
    for md in docs.rglob("*.md"):
        front = md.read_text(encoding="utf-8").split("\n---\n", 1)[0]
        if (feed := re.search(r'(?m)^feed: "?([^"\n]+)"?$', front)) is not None:
            rel = md.relative_to(docs).with_suffix(".html").as_posix()
            expected[rel] = [posixpath.relpath(feed.group(1), posixpath.dirname(rel) or ".")]
    assert len(expected) > 20 and expected["actors/north-korea.html"] == ["../feeds/actors/north-korea.xml"]
    assert {rel: ids.feeds for rel, ids in pages.items() if ids.feeds} == expected
    anchored = 0
    for rel, ids in pages.items():
        for ref in ids.refs:
            target, _, fragment = ref.partition("#")
            if not fragment or ref.startswith(("http://", "https://", "mailto:")):
                continue
            where = posixpath.normpath(posixpath.join(posixpath.dirname(rel), target)) if target else rel
            assert fragment in pages[where].ids, (rel, ref)
            anchored += target.startswith("../articles/") and fragment.startswith("s-")
    base = re.search(r"<id>(.*)feeds/index.xml</id>", (site / "feeds/index.xml").read_text(encoding="utf-8")).group(1)
    for f in written:
        for link in re.findall(r'<link rel="alternate" type="text/html" href="([^"]+)"', (site / f).read_text(encoding="utf-8")):
            target, _, fragment = link.removeprefix(base).partition("#")
            assert target in pages and (not fragment or fragment in pages[target].ids), (f, link)
            anchored += bool(fragment)
    assert anchored > 100  # sentence anchors, from the pages and the feeds


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


# Odd HTML for the link scan: unclosed tags and quotes, attributes without values, upper case,
# slashes and line breaks inside tags, comments, CR line ends, Markdown links beside HTML
ODD_HTML = [
    b'<div>\n<a href="x.html">x</a> <img src=y.png alt=y/> <A HREF = \'z.html#a\' href="w.html">\n</div>\n',
    b'<p>text <a href="unclosed.html\n<a href=>empty</a> <a href>bare</a>\r\n<!-- <a href="in-comment.html"> -->\r\n',
    b'<div markdown>\n[md](page.md) <a\nhref="split.html">s</a>\n</div>\n<div class="x"\nid="y">\n<a href="z.html">\n</div>\n',
    b'<table><tr><td><a href="one.html">1</a></td></tr></table>\n<p><a href="../a/b.html" class=x / href=c.html>\n',
    b'<!-- never closed <a href="x.html">\n<x-tag data-href="no.html" src="yes.png">\n<1a href="no.html">',
    b"<p><a href='with space.html' title='a > b'>x</a> <a title=\"c > d\" href=e.html>y</a></p>\n",
]


def test_the_faster_link_scan_finds_what_zensicals_own_finds():
    """generator/zensical_scan.py replaces loops of Zensical's scanner: the same references, in
    the same order, with the cursor where it left it, on the sample's pages and odd HTML."""
    if installed() is None:
        cannot_run("Zensical is not installed: pip install -e '.[zensical]' (scripts/test.sh does)")
    import random

    from zensical.collectors.references import cursor as module

    from generator import zensical_scan

    pages = sorted((ROOT / "tests" / "golden" / "docs").rglob("*.md"))
    texts = [p.read_bytes() for p in pages[::4]] + ODD_HTML
    rng = random.Random(20)
    pieces = [b"<", b">", b"a", b" href", b"src", b"=", b'"', b"'", b" ", b"\n", b"\r", b"/", b"<!--", b"-->",
              b"div", b"p", b"_", b":", b"\t", b"[", b"](", b")", b"`", b"HREF", b"</div>", b"<div>\n", b"markdown"]
    texts += [b"".join(rng.choice(pieces) for _ in range(rng.randint(0, 60))) for _ in range(500)]

    def scan_all():
        out = []
        for text in texts:
            cursor = module.Cursor(text)
            out.append((list(module._scan(cursor)), cursor.pos, cursor.col))
        return out

    names = ("_find_line_end", "_find_line_start", "_scan_html_attrs", "_scan_html_tag", "_scan_html_links")
    saved = {n: getattr(module, n) for n in names} | {"advance": module.Cursor.advance}
    own = scan_all()
    try:
        assert zensical_scan.install() == (installed() == zensical_scan.FOR_VERSION)
        assert module.Cursor.advance is zensical_scan.advance  # the pinned version: in place
        faster = scan_all()
    finally:
        module.Cursor.advance = saved.pop("advance")
        for name, function in saved.items():
            setattr(module, name, function)
    assert sum(len(refs) for refs, _, _ in own) > 1000  # the pages' links were found
    assert faster == own


def test_a_zensical_build_says_what_it_cannot_do_yet(tmp_path):
    from generator.zensical import limits

    project = make_project(tmp_path, [], settings="engine: zensical\n")
    said = limits(load_config(project))
    assert len(said) == 2 and all(s.startswith("engine 'zensical': ") for s in said)
    assert "writes every page of the site again" in said[0] and "aria-hidden" in said[1]
    mkdocs = project / "mkdocs.yml"  # a theme folder of one's own replaces the digest's template
    mkdocs.write_text(mkdocs.read_text().replace("theme:\n", "theme:\n  custom_dir: overrides\n", 1))
    assert limits(load_config(project))[2] == f"{mkdocs}: engine 'zensical': the theme's custom_dir is yours, " \
        "so tags show after the page's content (Zensical's place), not under its header"


def test_the_link_scan_remembers_unchanged_pages(tmp_path):
    """zensical_scan.remember: a page's references (of its Markdown) and anchors (of its HTML)
    come back from the last build's file, the same as a scan; a changed page is scanned again;
    a file it did not write is ignored."""
    if installed() is None:
        cannot_run("Zensical is not installed: pip install -e '.[zensical]' (scripts/test.sh does)")
    import zensical.collectors as package

    from generator import zensical_scan

    pages = [p.read_bytes() for p in sorted((ROOT / "tests" / "golden" / "docs").rglob("*.md"))[::8]] + ODD_HTML
    html = [p.decode() for p in pages] + ['<h2 id="a">\ud800</h2><a name="b">', '<p id="c" class="x"><A NAME=\'d\'>']
    own, own_anchors = package.references, package.anchors
    memo = tmp_path / "links.marshal"

    def scanned():
        return [list(package.references(text)) for text in pages], [list(package.anchors(text)) for text in html]

    try:
        expected = [list(own(text)) for text in pages], [list(own_anchors(text)) for text in html]
        assert sum(map(len, expected[1])) > 50  # ids the pages declare
        zensical_scan.remember(memo)()  # nothing scanned: nothing written
        assert not memo.exists()
        save = zensical_scan.remember(memo)
        assert scanned() == expected
        save()
        package.references = lambda *a: pytest.fail("an unchanged page was scanned again")
        package.anchors = lambda *a: pytest.fail("an unchanged page's anchors were scanned again")
        zensical_scan.remember(memo)
        assert scanned() == expected  # all from the file
        package.anchors = own_anchors
        zensical_scan.remember(memo)
        i = next(i for i, found in enumerate(expected[1]) if found)
        changed = html[i].replace('id="', 'id="new-', 1)
        assert list(package.anchors(changed)) == list(own_anchors(changed)) != expected[1][i]
        memo.write_bytes(b"not marshal")
        package.references = own
        zensical_scan.remember(memo)
        assert scanned() == expected
    finally:
        package.references, package.anchors = own, own_anchors
