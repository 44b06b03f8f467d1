"""generator/build.py end to end: the sample corpus through the real spaCy model and MkDocs."""

from __future__ import annotations

import gc
import gzip
import hashlib
import json
import os
import re
import shutil
from html.parser import HTMLParser
from pathlib import Path

import pytest

from generator.build import long_lived, run
from generator.config import load_config
from tests.conftest import EXAMPLES as ROOT_EXAMPLES
from tests.conftest import make_project

pytestmark = pytest.mark.slow


class Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.refs: list[str] = []

    def handle_starttag(self, tag, attrs):
        for k, v in attrs:
            if k in ("href", "src") and v:
                self.refs.append(v)


def tree_hash(root: Path) -> dict[str, str]:
    return {str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(root.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def built(tmp_path_factory, analyser):
    project = make_project(tmp_path_factory.mktemp("build"))
    config = load_config(project)
    result = run(config, analyser=analyser)
    return project, config, result


def test_sample_corpus_builds_the_golden_tree(built):
    """Every generated file of docs/ equals tests/golden/docs/ (see tests/golden): a change of
    a page shows in review as a diff of the golden tree."""
    from tests.golden import GOLDEN, UPDATE_COMMAND, compare, generated_tree, read_golden

    project, _, _ = built
    expected = read_golden()
    assert len(expected) > 100, f"{GOLDEN} is missing or nearly empty: {UPDATE_COMMAND}"
    problem = compare(generated_tree(project / "docs"), expected)
    assert problem is None, problem


def test_build_reads_every_article(built):
    _, _, result = built
    assert result.read == result.built >= 12 and not result.rejections


def section(html: str, heading_id: str) -> str:
    """The HTML under the h2 ``heading_id`` of a built page, up to the next h2 (or the end)."""
    start = html.index(f'<h2 id="{heading_id}"')
    end = html.find("<h2", start + 1)
    return html[start : end if end > 0 else html.index("</article>", start)]


def catalogue(project: Path) -> list[dict]:
    """downloads/articles.jsonl.gz: one row per built article (page, themes, actors)."""
    return [json.loads(x) for x in gzip.decompress((project / "site" / "downloads" / "articles.jsonl.gz").read_bytes()).decode().splitlines()]


def test_pages_exist_for_every_actor_and_theme(built):
    from generator.analyse.taxonomy import load_taxonomy

    project, _, _ = built
    site = project / "site"
    docs = project / "docs"
    actors = sorted(p.stem for p in (docs / "actors").glob("*.md") if p.stem != "index")
    assert {"north-korea", "russia", "china", "xi-jinping", "kim-jong-un"} <= set(actors)
    for slug in actors:
        assert (site / "actors" / f"{slug}.html").is_file()
    rows = catalogue(project)
    themes = [t.id for t in load_taxonomy().themes]  # every theme of themes.yml, whatever it holds
    with_articles = 0
    for theme in themes:
        html = (site / "themes" / f"{theme}.html").read_text()
        evidence = section(html, "evidence")
        # the Evidence section lists exactly the theme's articles, each with its sentences
        linked = re.findall(r'<p><strong><a href="\.\./articles/([^"]+)">[^<]+</a></strong>[^<]*</p>\s*<ul><li>', evidence)
        expected = sorted(r["page"].removeprefix("articles/") for r in rows if theme in r["themes"].split(";"))
        assert sorted(linked) == expected, theme
        for page in linked:
            assert (site / "articles" / page).is_file()
        if expected:
            with_articles += 1
            assert "No article supports this theme yet." not in evidence
            assert f"<strong>Articles:</strong> {len(expected)} " in html
        else:
            assert "No article supports this theme yet." in evidence
    assert with_articles >= 5  # the sample corpus supports most themes: the loop checked evidence


def test_every_internal_link_resolves_and_nothing_loads_from_another_host(built):
    project, _, _ = built
    site = project / "site"
    for page in site.rglob("*.html"):
        parser = Links()
        parser.feed(page.read_text())
        for ref in parser.refs:
            if ref.startswith(("http://", "https://", "//")):
                # only the article's original URL (a link, never a resource) may leave the site
                assert not ref.startswith("//"), (page, ref)
                continue
            if ref.startswith(("#", "mailto:", "data:")):
                continue
            if page.name == "404.html" and ref.startswith("/"):
                continue  # the 404 page is served from site_url's path (GitHub Pages), by design
            target = (page.parent / ref.split("#")[0].split("?")[0]).resolve()
            assert target.exists(), (page, ref)
        for tag in re.findall(r"<(?:script|link|img|iframe|source)[^>]+(?:src|href)=\"(?:https?:)?//[^\"]+\"", page.read_text()):
            if 'rel="canonical"' not in tag:  # a canonical URL is metadata, never fetched
                raise AssertionError(f"{page}: external resource {tag}")


def test_search_index_holds_the_articles(built):
    project, _, result = built
    search = project / "site" / "search"
    records = [json.loads(p.read_text()[len("__ds.d("):-3].split(",", 1)[1]) for p in (search / "d").glob("*.js")]
    urls = {r["u"] for r in records}
    articles = {f"articles/{p.stem}.html" for p in (project / "docs" / "articles").glob("*.md") if not p.stem.startswith("index")}
    assert len(articles) == result.built and articles <= urls
    assert {"themes/troop-deployment.html", "actors/kursk.html"} <= urls
    assert (search / "manifest.js").is_file()
    manifest = json.loads((search / "manifest.js").read_text()[len("__ds.m("):-3])
    key = max((k for k in manifest["keys"] if "kursk".startswith(k)), key=len)  # the longest key that starts it
    assert '"kursk":' in (search / "t" / f"{key}.js").read_text()


def test_articles_stay_out_of_the_navigation(built):
    project, _, _ = built
    for page in ("index.html", "articles/index.html", "themes/troop-deployment.html"):
        html = (project / "site" / page).read_text()
        navs = re.findall(r'<nav class="md-(?:nav|tabs)[^"]*".*?</nav>', html, re.DOTALL)
        assert navs and any("articles/index.html" in n for n in navs) or page != "index.html"
        for nav in navs:
            assert not re.search(r'href="(?:\.\./)?articles/(?!index)', nav), page  # no article page in the nav


def stamps(root: Path) -> dict[str, tuple[int, int]]:
    """Every file under ``root``: (inode, modification time), which any rewrite changes."""
    return {str(p.relative_to(root)): (p.stat().st_ino, p.stat().st_mtime_ns) for p in sorted(root.rglob("*")) if p.is_file()}


def test_second_build_is_byte_identical_and_rewrites_nothing(built, analyser):
    """Nothing changed: no page written, and MkDocs not even run (no file of site/ written
    again, changes.json included); a site file lost since is noticed and the site built again."""
    project, config, _ = built
    before = tree_hash(project / "site")
    docs_before = tree_hash(project / "docs")
    site_stamps = stamps(project / "site")
    result = run(config, analyser=analyser)
    assert result.analysed == 0 and result.pages.written == 0
    assert "digest" not in result.timings and "pages" not in result.timings  # the inputs of the last build: nothing made
    assert result.built == result.read >= 12 and result.pages.unchanged > 100
    assert gc.isenabled() and gc.get_freeze_count() == 0  # see long_lived
    assert tree_hash(project / "docs") == docs_before
    after = tree_hash(project / "site")
    assert after == before
    assert stamps(project / "site") == site_stamps
    (project / "site" / "themes" / "troop-deployment.html").unlink()
    run(config, analyser=analyser)
    assert tree_hash(project / "site") == before
    # a generated page edited by hand since: the pages are made again, the site with them
    page = project / "docs" / "themes" / "troop-deployment.md"
    page.write_text("tampered")
    result = run(config, analyser=analyser)
    assert "pages" in result.timings and result.pages.written == 1
    assert tree_hash(project / "docs") == docs_before and tree_hash(project / "site") == before


def test_hand_written_pages_are_kept(built):
    project, _, _ = built
    assert "A sample digest built from the articles" in (project / "docs" / "index.md").read_text()
    assert "<!-- material/tags -->" in (project / "docs" / "tags.md").read_text()


def test_methodology_lists_every_theme(built):
    import html as htmllib

    from generator.analyse.taxonomy import load_taxonomy

    project, _, _ = built
    text = htmllib.unescape((project / "site" / "methodology.html").read_text())
    for theme in load_taxonomy().themes:  # read from themes.yml: a new theme must be listed too
        assert theme.name in text and theme.description in text, theme.id


def test_one_new_article_renders_its_page_and_its_month_only(tmp_path, analyser):
    """A daily update: the new article's page and the pages made from the whole digest are
    written; every other article page and every other month's downloads keep their file
    (same inode and modification time: not even rewritten with the same bytes)."""
    project = make_project(tmp_path, settings="articles: [articles]\ncache_dir: .digest-cache\n")
    config = load_config(project)
    run(config, analyser=analyser)
    docs = project / "docs"

    def stamps(folder: str) -> dict[str, tuple[int, int]]:
        return {str(p.relative_to(docs)): (p.stat().st_ino, p.stat().st_mtime_ns) for p in sorted((docs / folder).rglob("*")) if p.is_file()}

    articles, downloads = stamps("articles"), stamps("downloads")
    (project / "articles" / "zz-new.md").write_text(
        "---\ntitle: Seoul and Tokyo agree a new hotline\ndate: 2024-12-03\nsource: hotline-desk.example\n---\n\n"
        "South Korea and Japan agreed on Tuesday to open a military hotline, officials in Seoul said.\n"
    )
    result = run(config, analyser=analyser)
    assert result.analysed == 1
    after = stamps("articles")
    new = set(after) - set(articles)
    assert any(p.startswith("articles/seoul-and-tokyo") for p in new), new
    changed = {p for p in articles if after.get(p) != articles[p]}
    assert changed <= {p for p in articles if p.startswith("articles/index")}, changed  # only the index pages
    after_dl = stamps("downloads")
    assert {p for p in after_dl if p.startswith("downloads/2024-12/")} and not any(p.startswith("downloads/2024-12/") for p in downloads)
    for p, stamp in downloads.items():
        if p.startswith("downloads/2024-1") and "/" in p[len("downloads/"):]:
            assert after_dl[p] == stamp, p  # the other months' files were not touched

    # the page cache is a shortcut, never trusted over the files: a page edited or deleted by
    # hand is made again
    some = docs / max(articles)
    some.write_text("tampered")
    (docs / max(downloads)).unlink()
    run(config, analyser=analyser)
    assert some.read_text() != "tampered"
    assert (docs / max(downloads)).is_file()


def test_without_the_rawhtml_extension_the_pages_read_the_same(built, tmp_path, analyser):
    """The extension only saves MkDocs work: a mkdocs.yml without it builds pages with the same
    text and links (Python-Markdown keeps the HTML blocks as raw HTML)."""
    project, _, _ = built
    plain = make_project(tmp_path)
    yml = plain / "mkdocs.yml"
    yml.write_text(yml.read_text().replace("  - generator.render.rawhtml\n", ""))
    assert "rawhtml" not in yml.read_text()
    run(load_config(plain), analyser=analyser)

    def reading(path: Path) -> tuple[str, list[str]]:
        html = path.read_text()
        body = html.split('<article class="md-content__inner md-typeset">', 1)[1].split("</article>", 1)[0]
        parser = Links()
        parser.feed(body)
        return " ".join(re.sub(r"<[^>]+>", " ", body).split()), parser.refs

    pages = [p.relative_to(project / "site") for p in (project / "site").rglob("*.html")]
    assert len(pages) > 100
    for page in pages:
        assert reading(plain / "site" / page) == reading(project / "site" / page), page


NEW_ARTICLE = (
    "---\ntitle: Seoul and Tokyo agree a new hotline\ndate: 2024-10-23\nsource: hotline-desk.example\n---\n\n"
    "South Korea and Japan agreed on Tuesday to open a military hotline, officials in Seoul said. "
    "North Korea did not comment.\n"
)


def test_incremental_site_is_the_full_site_byte_for_byte(tmp_path, analyser):
    """A daily update keeps unchanged article pages from the last site; the result is exactly
    what a full build of the same input gives, and a changed configuration builds in full."""
    settings = "articles: [articles]\ncache_dir: .digest-cache\n"
    daily = make_project(tmp_path / "daily", settings=settings)
    config = load_config(daily)
    run(config, analyser=analyser)
    site = daily / "site"
    kept = {p: p.stat().st_ino for p in (site / "articles").glob("*.html") if not p.name.startswith("index")}
    kept_others = {p: p.stat().st_ino for folder in ("stories", "editions", "briefs/stories") for p in (site / folder).glob("*.html")
                   if not p.name.startswith("index")}
    assert kept_others
    kept_tagged = {p: p.stat().st_ino for folder in ("actors", "themes") for p in (site / folder).glob("*.html")
                   if not p.name.startswith("index")}
    kept_index = {p: p.stat().st_ino for p in site.glob("*/index*.html")}  # in the navigation, which mkdocs.yml fixes
    assets = {p: p.stat().st_ino for p in (site / "assets").rglob("*") if p.is_file()}  # the theme's and ours
    assert any("javascripts" in p.parts for p in assets) and any("digest" in p.parts for p in assets)
    (daily / "articles" / "zz-hotline.md").write_text(NEW_ARTICLE)  # dated mid-range: ids and lists shift
    run(config, analyser=analyser)
    same_inode = [p for p, ino in kept.items() if p.is_file() and p.stat().st_ino == ino]
    assert len(same_inode) >= len(kept) - 3, "unchanged article pages were built again"
    assert [p for p, ino in kept_others.items() if p.is_file() and p.stat().st_ino == ino], "no story or edition page kept"
    # actor and theme pages the new article does not change are kept too (tags.html still lists them)
    assert [p for p, ino in kept_tagged.items() if p.is_file() and p.stat().st_ino == ino], "no actor or theme page kept"
    assert [p for p, ino in kept_index.items() if p.is_file() and p.stat().st_ino == ino], "no index page kept"
    assert [p for p, ino in assets.items() if p.stat().st_ino != ino] == [], "static assets copied again"

    full = make_project(tmp_path / "full", settings=settings)
    (full / "articles" / "zz-hotline.md").write_text(NEW_ARTICLE)
    run(load_config(full), analyser=analyser, incremental=False)
    # changes.json tells what changed since each site's own previous build (the daily one: the
    # new article; the full one, built once: everything), so it is the one file that differs
    daily_tree, full_tree = tree_hash(site), tree_hash(full / "site")
    assert daily_tree.pop("changes.json") != full_tree.pop("changes.json")
    assert daily_tree == full_tree

    # pages written without the site (--no-site) change nothing in it until the next build
    (daily / "articles" / "zz-ferry.md").write_text(
        "---\ntitle: Busan and Fukuoka open a ferry line\ndate: 2024-10-25\nsource: ferry-desk.example\n---\n\n"
        "A new passenger ferry line between Busan and Fukuoka opened on Friday, the port authority said.\n")
    run(config, analyser=analyser, site=False)
    assert not list((site / "articles").glob("busan-and-fukuoka*"))
    css = site / "assets" / "digest" / "digest.css"
    ino = css.stat().st_ino
    os.utime(daily / "docs" / "assets" / "digest" / "digest.css")  # a static file newer than its copy: copied again
    run(config, analyser=analyser)
    assert list((site / "articles").glob("busan-and-fukuoka*.html"))
    assert css.stat().st_ino != ino and css.read_bytes() == (daily / "docs" / "assets" / "digest" / "digest.css").read_bytes()

    # another site name: every page shows it, so nothing may be kept
    yml = daily / "mkdocs.yml"
    yml.write_text(yml.read_text().replace("(sample)", "(renamed)"))
    run(config, analyser=analyser)
    assert not [p for p, ino in kept.items() if p.is_file() and p.stat().st_ino == ino]
    assert "(renamed)" in next((site / "articles").glob("*.html")).read_text()


UNDATED_ARTICLE = (
    "---\ntitle: Analysts weigh the hotline talks between Seoul and Tokyo\nsource: hotline-desk.example\n---\n\n"
    "South Korea and Japan are discussing a military hotline, officials in Seoul said. North Korea did not comment.\n"
)
OLDEST_ARTICLE = (
    "---\ntitle: Seoul and Tokyo first discuss a hotline\ndate: 2023-11-20\nsource: hotline-desk.example\n---\n\n"
    "South Korea and Japan first discussed a military hotline on Monday, officials in Seoul said.\n"
)


def cold(project: Path) -> None:
    """No generated page, no site and nothing in the cache folder but the articles' analyses,
    their entries only, not packed (the next build makes everything else from scratch)."""
    from generator.analysispack import FOLDER
    from generator.render.pages import OWNED

    for folder in (*(project / "docs" / d for d in OWNED), project / "site",
                   *(project / ".digest-cache" / "analysis").glob(f"*/{FOLDER}")):
        shutil.rmtree(folder, ignore_errors=True)
    for entry in (project / ".digest-cache").glob("*"):
        if entry.is_dir() and entry.name != "analysis":
            shutil.rmtree(entry)
        elif entry.is_file():
            entry.unlink()


def test_a_warm_build_with_an_undated_oldest_or_mid_dated_article_is_the_cold_build_byte_for_byte(tmp_path, analyser):
    """A daily update whose new article has no date, then one dated before every other, then one
    dated mid-range (the search ids, download months, editions, stories and keyed pages of both
    ends and of the middle): docs/ and the
    site are byte for byte those of a build from scratch of the same articles (changes.json,
    the history of each site's own builds, aside)."""
    settings = "articles: [articles]\ncache_dir: .digest-cache\n"
    daily = make_project(tmp_path / "daily", settings=settings)
    full = make_project(tmp_path / "full", settings=settings)
    run(load_config(daily), analyser=analyser)
    for name, text, gone in (("zz-undated.md", UNDATED_ARTICLE, None), ("zz-oldest.md", OLDEST_ARTICLE, "zz-undated.md"),
                             ("zz-hotline.md", NEW_ARTICLE, None)):  # then one dated mid-range: ids and lists shift
        for project in (daily, full):
            if gone:
                (project / "articles" / gone).unlink()
            (project / "articles" / name).write_text(text)
        result = run(load_config(daily), analyser=analyser)
        assert result.analysed == 1 and result.pages.unchanged > 100, name
        cold(full)
        run(load_config(full), analyser=analyser, incremental=False)
        assert tree_hash(daily / "docs") == tree_hash(full / "docs"), name
        daily_tree, full_tree = tree_hash(daily / "site"), tree_hash(full / "site")
        daily_tree.pop("changes.json")
        full_tree.pop("changes.json")
        assert daily_tree == full_tree, name
    assert "Seoul and Tokyo first discuss a hotline" in (daily / "site" / "editions" / "2023-W47.html").read_text()
    # pages kept by their keys are checked against their files too: edited ones are made again
    for folder in ("stories", "editions", "briefs/stories", "feeds/stories", "feeds/editions"):
        next(p for p in sorted((daily / "docs" / folder).iterdir()) if not p.name.startswith("index")).write_text("tampered")
    result = run(load_config(daily), analyser=analyser)
    assert result.pages.written == 5 and tree_hash(daily / "docs") == tree_hash(full / "docs")


def test_long_lived_pauses_the_collector_and_gives_it_back():
    """The collector is off inside, back as it was after; what was made is frozen until
    unfrozen; with ``collect``, cycles left inside are collected first."""
    import weakref

    class Node:
        pass

    assert gc.isenabled()
    with long_lived():
        assert not gc.isenabled()
        kept = [[i] for i in range(1000)]
    assert gc.isenabled() and gc.get_freeze_count() >= len(kept)
    gc.unfreeze()
    gc.disable()
    try:
        with long_lived():
            pass
        assert not gc.isenabled()
    finally:
        gc.enable()
        gc.unfreeze()
    with long_lived(collect=True):
        node = Node()
        node.me = node
        ref = weakref.ref(node)
        del node
    gc.unfreeze()
    assert ref() is None


def test_a_daily_update_loads_spacy_only_in_the_process_that_analyses(tmp_path, analyser):
    """A warm build with one article added analyses it in a forked process: the build's own
    process never imports spaCy (nor does a build with nothing to analyse), and the result is
    the same as ever (the article analysed, its page written)."""
    import subprocess
    import sys

    from tests.conftest import ROOT

    project = make_project(tmp_path, articles=sorted((ROOT / "examples" / "articles").iterdir())[:3],
                           settings="articles: [articles]\ncache_dir: .digest-cache\n")
    run(load_config(project), analyser=analyser, site=False)
    (project / "articles" / "zz-undated.md").write_text(UNDATED_ARTICLE)
    code = ("import sys\nfrom generator.build import run\nfrom generator.config import load_config\n"
            f"r = run(load_config({str(project)!r}), site=False)\n"
            "print(r.analysed, r.cached, sorted({m.split('.')[0] for m in sys.modules} & {'spacy', 'thinc'}))")
    for expected in ("1 3 []", "0 4 []"):  # the article added; then nothing changed
        out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
        assert out.stdout.strip().splitlines()[-1] == expected, out.stdout + out.stderr
    assert any("hotline" in p.name for p in (project / "docs" / "articles").iterdir())


def test_the_site_stage_counts_the_pages_a_warm_build_builds(tmp_path, analyser):
    """A warm build's site stage reports each page it reads and builds; its total, counted from
    the pages kept from the last site (not by asking each page), is what it then does."""
    from generator.progress import Progress, Task

    tasks: list[Task] = []

    class Recorded(Progress):
        def task(self, name: str, total: int) -> Task:
            tasks.append(Task(name, total))
            return tasks[-1]

    project = make_project(tmp_path, articles=sorted((ROOT_EXAMPLES).iterdir())[:3],
                           settings="articles: [articles]\ncache_dir: .digest-cache\n")
    run(load_config(project), analyser=analyser)
    (project / "articles" / "zz-undated.md").write_text(UNDATED_ARTICLE)
    result = run(load_config(project), analyser=analyser, progress=Recorded())
    assert {"cached read", "aside wait"} <= result.timings.keys() and result.analysed == 1
    site = next(t for t in tasks if t.name == "site")
    pages = sum(1 for _ in (project / "docs").rglob("*.md"))
    assert 0 < site.total == site.done < 2 * pages  # unchanged article pages kept, not built
