"""generator/render/feeds.py, watchlists.py, briefs.py, cite.py and changes.py, end to end: a
small digest with a watchlist through the real model and MkDocs; every feed read by feedparser;
a rebuild with one more article."""

from __future__ import annotations

import html
import json
import re
import shutil
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

import feedparser
import pytest

from generator.build import run
from generator.config import load_config
from tests.conftest import EXAMPLES, make_project

pytestmark = pytest.mark.slow

SITE_URL = "https://analyst.example/digest/"
FIRST = ["2024-10-10-vientiane-asean-summit.md", "2024-10-15-joint-sword-2024b.md",
         "2024-11-01-choe-lavrov-moscow.md", "2024-11-07-trump-victory-allies.md"]
ADDED = "2024-11-17-apec-lima-biden-xi.md"
SETTINGS = """articles: [articles]
cache_dir: .digest-cache
watchlists:
  - name: Troops abroad
    actors: [North Korea]
    themes: [troop-deployment]
"""


class Ids(HTMLParser):
    """Every id, and every <link rel="alternate" type="application/atom+xml"> href, of a page."""

    def __init__(self):
        super().__init__()
        self.ids: set[str] = set()
        self.feeds: list[str] = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if "id" in a:
            self.ids.add(a["id"])
        if tag == "link" and a.get("rel") == "alternate" and a.get("type") == "application/atom+xml":
            self.feeds.append(a["href"])


def parsed(path: Path) -> Ids:
    ids = Ids()
    ids.feed(path.read_text(encoding="utf-8"))
    return ids


@pytest.fixture(scope="module")
def follow(tmp_path_factory, analyser):
    project = make_project(tmp_path_factory.mktemp("follow"), [EXAMPLES / n for n in FIRST], SETTINGS)
    with pytest.MonkeyPatch.context() as env:
        env.setenv("SITE_URL", SITE_URL)
        config = load_config(project)
        result = run(config, analyser=analyser)
    return project, config, result


def feeds(site: Path) -> dict[str, feedparser.FeedParserDict]:
    return {p.relative_to(site / "feeds").as_posix(): feedparser.parse(p.read_bytes()) for p in sorted((site / "feeds").rglob("*.xml"))}


def page_of(site: Path, url: str) -> tuple[Path, str]:
    """The built file and fragment an absolute entry link names."""
    assert url.startswith(SITE_URL), url
    parts = urlsplit(url)
    return site / parts.path[len(urlsplit(SITE_URL).path):], parts.fragment


def test_every_feed_is_valid_atom_with_absolute_links_to_sentence_anchors(follow):
    project, _, _ = follow
    site = project / "site"
    got = feeds(site)
    themes = {p.stem for p in (site / "themes").glob("*.html") if p.stem != "index"}
    assert {"index.xml", "watchlists/troops-abroad.xml", "actors/north-korea.xml"} <= set(got)
    assert {f"themes/{t}.xml" for t in themes} <= set(got)
    assert {n for n in got if n.startswith("editions/")} == {f"editions/{p.stem}.xml" for p in (site / "editions").glob("2*.html")}
    assert len(got["index.xml"].entries) == len(FIRST)
    stories = {p.stem for p in (site / "stories").glob("*.html") if not p.stem.startswith("index")}
    assert {n for n in got if n.startswith("stories/")} == {f"stories/{s}.xml" for s in stories}  # none here
    for name, feed in got.items():
        assert not feed.bozo, (name, feed.get("bozo_exception"))
        assert feed.version == "atom10", name
        assert feed.feed.link.startswith(SITE_URL) and (site / feed.feed.link[len(SITE_URL):]).is_file()
        ids = [e.id for e in feed.entries]
        assert len(ids) == len(set(ids)), name
        for e in feed.entries:
            page, fragment = page_of(site, e.link)
            assert page.is_file() and fragment.startswith("s-"), e.link
            assert fragment in parsed(page).ids, e.link  # the summary's sentence, anchored
            date = re.search(r"<strong>Date:</strong> (\d{4}-\d\d-\d\d)", page.read_text()).group(1)
            assert e.updated.startswith(date)  # the article's date
            # the summary is the sentence the link opens at (the title's sentence: the heading)
            span = re.search(rf'<span id="{fragment}">(.*?)</span>', page.read_text()).group(1)
            shown = " ".join(html.unescape(re.sub(r"<[^>]+>", "", span)).split()) or e.title
            assert e.summary == shown, e.link


def test_pages_with_a_feed_link_it_and_the_watchlist_matches_north_korean_troops(follow):
    project, _, _ = follow
    site = project / "site"
    for page, feed in [("index.html", "feeds/index.xml"), ("themes/troop-deployment.html", "../feeds/themes/troop-deployment.xml"),
                       ("actors/north-korea.html", "../feeds/actors/north-korea.xml"),
                       ("watchlists/troops-abroad.html", "../feeds/watchlists/troops-abroad.xml"),
                       ("editions/2024-W44.html", "../feeds/editions/2024-W44.xml")]:
        assert parsed(site / page).feeds == [feed], page
        assert (site / page).parent.joinpath(feed).resolve().is_file()
    assert parsed(next((site / "articles").glob("north-korea-s-choe*.html"))).feeds == []

    watch = (site / "watchlists" / "troops-abroad.html").read_text()
    assert "North Korea" in watch and "Choe Son Hui meets Lavrov" in watch
    assert "actor North Korea; theme Troop deployment" in watch
    links = re.findall(r'href="\.\./(articles/[^"#]+)#(s-[0-9a-f]{12}-\d+)"[^>]*>link</a>', watch)
    assert links and all(anchor in parsed(site / path).ids for path, anchor in links)
    assert "troops-abroad.html" in (site / "index.html").read_text()  # a place on the home page


def test_brief_cites_numbered_sources_that_open_at_their_sentences(follow):
    project, _, _ = follow
    site = project / "site"
    for brief in ("briefs/themes/troop-deployment.html", "briefs/watchlists/troops-abroad.html", "briefs/actors/north-korea.html"):
        html = (site / brief).read_text()
        for section in ("Bottom line", "Key figures", "Timeline", "Sources"):
            assert f">{section}<" in html, (brief, section)
        cited = re.findall(r'<sup class="digest-ref"><a href="\.\./\.\./(articles/[^"#]+)#(s-[0-9a-f]{12}-\d+)">\[(\d+)\]</a>', html)
        assert cited and {int(n) for *_, n in cited} == set(range(1, len({int(n) for *_, n in cited}) + 1)), brief
        for path, anchor, _ in cited:
            assert anchor in parsed(site / path).ids, (brief, path, anchor)
        assert SITE_URL + "articles/" in html  # the printed sources carry their full address


def test_every_sentence_of_an_article_page_has_its_anchor_and_search_records_know_the_article(follow):
    project, _, _ = follow
    site = project / "site"
    records = [json.loads(p.read_text()[len("__ds.d("):-3].split(",", 1)[1]) for p in (site / "search" / "d").glob("*.js")]
    articles = [r for r in records if r["k"] == "article"]
    assert len(articles) == len(FIRST)
    for r in articles:
        page = parsed(site / r["u"])
        anchors = {i for i in page.ids if i.startswith(f"s-{r['i']}-")}
        # every sentence but the title (the page's heading) can be linked to
        assert anchors >= {f"s-{r['i']}-{n}" for n in range(1, len(r["x"]))}, r["u"]
        html = (site / r["u"]).read_text()
        assert html.count('class="digest-cite"') >= 1 and 'id="f-' in html


def test_rebuild_with_one_more_article_keeps_every_entry_id_and_adds_one(follow, analyser):
    project, _, first = follow
    site = project / "site"
    # Choe-Lavrov, and the allies' reaction to Trump's victory, which cites North Korea's troops in Russia
    assert first.watchlists == (("Troops abroad", 2, 2),)
    before = feeds(site)
    changes = json.loads((site / "changes.json").read_text())
    # a first build lists nothing item by item (everything is new), only the totals
    assert changes["previous_build"] is None and changes["articles"]["total"] == len(FIRST)
    assert changes["articles"]["new"] == changes["figures"]["new"] == changes["stories"]["new"] == []
    assert changes["figures"]["total"] > 0 and all(w["new"] == [] for w in changes["watchlists"])

    shutil.copy(EXAMPLES / ADDED, project / "articles" / ADDED)
    with pytest.MonkeyPatch.context() as env:
        env.setenv("SITE_URL", SITE_URL)
        second = run(load_config(project), analyser=analyser)
    after = feeds(site)
    old, new = [e.id for e in before["index.xml"].entries], [e.id for e in after["index.xml"].entries]
    assert set(old) < set(new) and len(new) == len(old) + 1
    for name, feed in before.items():  # no entry of any feed changed its id or went away
        assert {e.id for e in feed.entries} <= {e.id for e in after[name].entries}, name
    (added,) = set(new) - set(old)
    (entry,) = [e for e in after["index.xml"].entries if e.id == added]
    assert "Lima" in entry.title and entry.updated.startswith("2024-11-17")

    changes = json.loads((site / "changes.json").read_text())
    assert changes["previous_build"] == {"articles": len(FIRST)}
    assert [a["title"] for a in changes["articles"]["new"]] == [entry.title]
    assert changes["articles"]["changed"] == [] and changes["articles"]["removed"] == []
    assert changes["figures"]["new"] and all(f["url"].startswith(SITE_URL) for f in changes["figures"]["new"])
    (watch,) = changes["watchlists"]
    assert [m["title"] for m in watch["new"]] == [entry.title] and watch["matches"] == 3
    assert second.watchlists == (("Troops abroad", 1, 3),)


def test_without_site_url_the_build_says_feeds_need_it(tmp_path, analyser):
    project = make_project(tmp_path, [EXAMPLES / FIRST[0]])
    yml = project / "mkdocs.yml"
    yml.write_text(re.sub(r"(?m)^site_url:.*\n", "", yml.read_text()))
    result = run(load_config(project), analyser=analyser, site=False)
    assert f"{yml}: no site_url: feeds need it (their links must be absolute), so none were made" in result.notices
    assert not (project / "docs" / "feeds").exists()
    assert "feed:" not in (project / "docs" / "themes" / "diplomacy.md").read_text()


@pytest.mark.slow
def test_a_story_has_its_feed_linked_from_its_page(tmp_path, analyser):
    """Outlets' reports of one event (from the stories evaluation set) make a story, whose page
    links its feed, which lists the reports."""
    data = Path(__file__).resolve().parents[1] / "data" / "stories" / "articles"
    project = make_project(tmp_path, [data / n for n in ("007.md", "044.md", "049.md", "057.md", "085.md")], "articles: [articles]\n")
    with pytest.MonkeyPatch.context() as env:
        env.setenv("SITE_URL", SITE_URL)
        run(load_config(project), analyser=analyser)
    site = project / "site"
    stories = [p for p in (site / "stories").glob("*.html") if not p.stem.startswith("index")]
    assert len(stories) == 1
    feed_path = f"../feeds/stories/{stories[0].stem}.xml"
    assert parsed(stories[0]).feeds == [feed_path]
    feed = feedparser.parse((stories[0].parent / feed_path).resolve().read_bytes())
    assert not feed.bozo and len(feed.entries) >= 3
    assert all(e.link.startswith(SITE_URL + "articles/") for e in feed.entries)
    brief = (site / "briefs" / "stories" / f"{stories[0].stem}.html").read_text()  # and a brief
    assert f'href="../briefs/stories/{stories[0].stem}.html"' in stories[0].read_text()
    cited = re.findall(r'<sup class="digest-ref"><a href="\.\./\.\./(articles/[^"#]+)#(s-[0-9a-f]{12}-\d+)">', brief)
    assert cited and all(anchor in parsed(site / path).ids for path, anchor in cited)
    changes = json.loads((site / "changes.json").read_text())  # the first build: counted, not listed
    assert changes["stories"] == {"total": 1, "new": [], "changed": []}
    (project / "articles" / "007.md").unlink()  # its last report gone: the story changed
    with pytest.MonkeyPatch.context() as env:
        env.setenv("SITE_URL", SITE_URL)
        run(load_config(project), analyser=analyser)
    changes = json.loads((site / "changes.json").read_text())
    assert [s["url"] for s in changes["stories"]["changed"]] == [f"{SITE_URL}stories/{stories[0].stem}.html"]
    assert len(changes["stories"]["changed"][0]["articles"]) == len(feed.entries) - 1
