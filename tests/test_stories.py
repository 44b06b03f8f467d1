"""generator/stories.py: grouping articles into stories and flagging disagreements, on small
hand-written cases through the real pipeline; the B-cubed score on the labelled set's dev half
(floor); and a built site from a small corpus with a story page."""

from __future__ import annotations

import datetime as dt
import gzip
import random
import re
import shutil
from dataclasses import replace

import pytest

from generator import grouping
from generator.digest import build_digest
from generator.model import RawArticle
from tests.conftest import ROOT, make_project

STORIES = ROOT / "tests" / "data" / "stories"


def _raw(n: int, title: str, date: dt.date | None, source: str, *paragraphs: str) -> RawArticle:
    return RawArticle(path=f"case/{n}.md", id=f"case{n:03d}", title=title, date=date, source=source, url=None,
                      summary=paragraphs[0], paragraphs=tuple(paragraphs[1:]), format="markdown")


D = dt.date(2024, 11, 4)
CASES = [
    _raw(1, "US says 10,000 North Korean troops now in Russia's Kursk region", D, "wire-a.example",
         "The United States said on Monday that about 10,000 North Korean troops were in Russia, most of them in the Kursk region.",
         "The State Department said the soldiers were preparing for combat against Ukraine."),
    _raw(2, "Zelensky says 11,000 North Korean soldiers are in Kursk", D + dt.timedelta(days=1), "kyiv-b.example",
         "Ukrainian President Volodymyr Zelensky said 11,000 North Korean soldiers were in the Kursk region.",
         "He urged allies to respond to the deployment of North Korean troops to Russia."),
    _raw(3, "North Korean troops reach Kursk front, Seoul's spy agency says", D + dt.timedelta(days=2), "seoul-c.example",
         "South Korea's National Intelligence Service said North Korean troops sent to Russia had reached the Kursk front.",
         "The agency said more than 10,000 soldiers had been deployed to Russia."),
    _raw(4, "North Korea fires ballistic missile into the sea", dt.date(2024, 10, 31), "wire-a.example",
         "North Korea fired an intercontinental ballistic missile into the sea off its east coast, South Korea's military said.",
         "The missile flew about 1,000 km, the Joint Chiefs of Staff said."),
    _raw(5, "North Korea fires ballistic missiles again", dt.date(2024, 11, 21), "seoul-c.example",
         "North Korea fired several short-range ballistic missiles into the sea off its east coast, South Korea's military said.",
         "The missiles flew about 400 km, the Joint Chiefs of Staff said."),
    _raw(6, "EU adopts sanctions package on Russia's shadow fleet", dt.date(2024, 12, 16), "brussels-d.example",
         "The European Union adopted its 15th package of sanctions against Russia, listing 52 tankers of the shadow fleet."),
]


@pytest.fixture(scope="module")
def cases(analyser):
    return list(analyser.analyse(CASES))


def _groups(analysed) -> set[frozenset[str]]:
    return {frozenset(analysed[i].article.id for i in g) for g in grouping.group(analysed).stories}


def test_same_event_across_outlets_is_one_story(cases):
    assert frozenset({"case001", "case002", "case003"}) in _groups(cases)


def test_same_theme_three_weeks_apart_is_two_stories(cases):
    groups = _groups(cases)
    assert frozenset({"case004"}) in groups and frozenset({"case005"}) in groups, groups
    assert frozenset({"case006"}) in groups


def test_undated_report_joins_its_event_by_text(analyser, cases):
    undated = _raw(7, "The Pentagon says 10,000 North Korean troops are in Russia", None, "ledger-e.example",
                   "The Pentagon said about 10,000 North Korean troops had been sent to Russia and most were in the Kursk region.",
                   "The soldiers were expected to fight against Ukraine within weeks.")
    analysed = cases + list(analyser.analyse([undated]))
    story = next(g for g in _groups(analysed) if "case007" in g)
    assert {"case001", "case002", "case003"} <= story


def test_grouping_does_not_depend_on_input_order(cases):
    shuffled = cases[:]
    random.Random(7).shuffle(shuffled)
    assert _groups(shuffled) == _groups(cases)


def test_story_flags_different_values_from_different_claimants(cases):
    digest = build_digest(cases, ())
    story = digest.story_of["case001"]
    assert story.article_ids == ("case001", "case002", "case003")  # date order
    assert story.sources == ("wire-a.example", "kyiv-b.example", "seoul-c.example")
    flags = [(f.measure, f.week, f.values) for f in story.flags]
    assert ("personnel", "2024-W45", (10000.0, 11000.0)) in flags, flags
    claimants = {c.claimant for f in story.flags for c in f.claims}
    assert {"United States", "Volodymyr Zelensky"} <= claimants
    assert "case004" not in digest.story_of  # a story of one report is no story


def test_a_story_gaining_reports_on_the_latest_days_is_developing(cases):
    assert build_digest(cases[:4], ()).story_of["case001"].developing  # 3 reports in 3 days, the latest
    assert not build_digest(cases, ()).story_of["case001"].developing  # six weeks before the latest article


def test_a_story_ending_its_run_changes_the_pages_about_the_present_not_its_actors_themes_or_editions(cases):
    """*Developing* is shown where the digest's present is (the home page's top stories, the
    stories index, the story's own page), not in the story tables of its actors', themes' and
    editions' pages, nor in their keys: a later article that ends a story's run (a daily
    update, one day after the last) leaves those pages as they are."""
    from generator.analyse.taxonomy import load_taxonomy
    from generator.render.actors import actor_page
    from generator.render.editions import edition_page
    from generator.render.pages import _actors_base, actor_page_key
    from generator.render.parts import edition_key, links_key, theme_key
    from generator.render.stories import story_index_pages, story_page, top_stories
    from generator.render.themes import theme_page

    live = build_digest(cases[:4], load_taxonomy().infos())
    story = live.story_of["case001"]
    assert story.developing
    ended = {s.id: replace(s, developing=False) for s in live.stories}
    over = replace(live, stories=tuple(ended[s.id] for s in live.stories),
                   story_of={aid: ended[s.id] for aid, s in live.story_of.items()},
                   stories_of={k: tuple(ended[s.id] for s in v) for k, v in live.stories_of.items()})

    def pages(d):
        base, links = _actors_base(d, "salt", None, "D"), links_key(d, "v", "salt", None, "D")
        actors = {a.name: (actor_page(a, d), actor_page_key(a, d, base, (None, None)))
                  for a in d.actors if d.stories_of.get(a.name)}
        themes = {t.info.id: (theme_page(t, d), theme_key(t, d, links)) for t in d.themes if d.stories_of.get(t.info.id)}
        eds = {e.week: (edition_page(e, d, None, None), edition_key(e, None, None, list(d.stories), d, links)) for e in d.editions}
        return actors, themes, eds

    (actors, themes, eds), after = pages(live), pages(over)
    assert {"North Korea", "Russia"} <= set(actors) and themes and eds  # pages that list the story
    assert any(story.slug in page for page, _ in (*actors.values(), *themes.values(), *eds.values()))
    assert (actors, themes, eds) == after
    assert "digest-developing" in story_page(story, live) and "digest-developing" not in story_page(ended[story.id], over)
    assert "digest-developing" in top_stories(live, "") and "digest-developing" not in top_stories(over, "")
    assert "digest-developing" in "".join(story_index_pages(live).values())


def test_the_story_tables_are_kept_while_the_stories_are_made_from_the_same_reports(cases):
    """downloads/stories.* and story-figures.csv.gz: made again only when a story's reports (or
    the code or analysis that makes stories) changed, like a month's tables; the index page
    counts them either way."""
    from generator.render.downloads import STORY_FILES, download_files, stories_key_for

    def files(digest, known, salt="salt"):
        record = {}
        out = dict(download_files(digest, known=known, stat=lambda rel: [1, 2], record=record,
                                  stories_key=stories_key_for(salt)))
        return out, record

    digest = build_digest(cases, ())
    assert digest.stories
    made, record = files(digest, {})
    assert all(made[f] for f in STORY_FILES)
    kept, again = files(digest, record)
    assert all(kept[f] is None for f in STORY_FILES) and again == record
    assert kept["downloads/index.md"] == made["downloads/index.md"]
    assert all(files(digest, record, "other analysis")[0][f] for f in STORY_FILES)
    fewer = build_digest([c for c in cases if c.article.id != "case003"], ())  # case001's story loses a report
    assert all(files(fewer, record)[0][f] for f in STORY_FILES)
    assert all(files(digest, {k: [v[0], v[1], [[9, 9]] * 3] for k, v in record.items()})[0][f] for f in STORY_FILES)  # files touched


def test_the_whole_tables_copy_the_chunks_whose_rows_did_not_change(cases, monkeypatch):
    """downloads/articles.* and the story tables are gzip'd chunk by chunk (a month's articles, a
    few stories): a build copies from the last files the chunks made from the same articles and
    stories, makes the others, and gets the files a build from nothing makes, byte for byte."""
    import zlib

    from generator.render import downloads
    from generator.render.downloads import (
        ARTICLE_FILES,
        STORY_FILES,
        chunk_key_for,
        download_files,
        stories_key_for,
    )

    made_rows = []
    catalogue = downloads._catalogue
    monkeypatch.setattr(downloads, "_catalogue", lambda entries: made_rows.extend(entries) or catalogue(entries))

    def files(digest, disk, known):
        record = {}

        def stat(rel):
            data = disk.get(rel)
            return None if data is None else [len(data), zlib.crc32(data)]

        out = {}
        for rel, data in download_files(digest, known=known, stat=stat, record=record, stories_key=stories_key_for("salt"),
                                        chunk_key=chunk_key_for("salt"), read=disk.get):
            if isinstance(data, bytes):
                disk[rel] = data
            out[rel] = data
        return out, record

    digest = build_digest(cases, ())
    retitled = [replace(c, article=replace(c.article, title="EU adopts a package")) if c.article.id == "case006" else c
                for c in cases]  # the one article of December
    fewer = build_digest([c for c in retitled if c.article.id != "case004"], ())  # and October's one gone
    assert len({downloads.month_of(e) for e in digest.articles}) >= 3
    disk: dict = {}
    _, record = files(digest, disk, {})
    made_rows.clear()
    files(fewer, disk, record)
    assert [e.article.id for e in made_rows] == ["case006", "case006"]  # its month's chunk of each file, no other
    cold, _ = files(fewer, {}, {})
    for rel in ARTICLE_FILES + STORY_FILES:
        assert disk[rel] == cold[rel], rel  # made or kept (None: the story tables, whose stories are the same)
    plain = dict(download_files(fewer))  # no keys: every chunk made
    assert all(plain[rel] == cold[rel] for rel in ARTICLE_FILES + STORY_FILES)
    rows = gzip.decompress(cold[ARTICLE_FILES[1]]).decode().splitlines()
    assert rows[0].startswith("id,date") and len(rows) == len(fewer.articles) + 1


def test_a_months_tables_make_again_only_the_chunk_an_article_joins(cases, monkeypatch):
    """A month's tables (mentions, themes, figures, quotes, unresolved) are gzip'd chunk by chunk
    of its articles: an article added to a month of many makes the rows of its own chunk again,
    copies the others from the last files, and gives the files a build from nothing makes, byte
    for byte, with the same row counts on the downloads page."""
    import zlib

    from generator.render import downloads
    from generator.render.downloads import PARTITIONED, download_files, month_key_for

    monkeypatch.setattr(downloads, "MONTH_CHUNK", 4)  # chunks of 2 to 8 articles
    made_rows = []
    rows = downloads._rows
    monkeypatch.setattr(downloads, "_rows", lambda entries: made_rows.extend(entries) or rows(entries))

    def files(digest, disk, known):
        record = {}

        def stat(rel):
            data = disk.get(rel)
            return None if data is None else [len(data), zlib.crc32(data)]

        out = {}
        for rel, data in download_files(digest, month_key_for("salt"), known, stat, record, read=disk.get):
            if isinstance(data, bytes):
                disk[rel] = data
            out[rel] = data
        return out, record

    def copy(c, n):  # the case as another article of March 2024
        return replace(c, article=replace(c.article, id=f"{c.article.id}-{n:02d}", date=dt.date(2024, 3, 1 + n % 28)))

    march = [copy(c, n) for n in range(5) for c in cases]
    added = copy(cases[0], 40)
    disk: dict = {}
    _, record = files(build_digest(march, ()), disk, {})
    made_rows.clear()
    warm, _ = files(build_digest([*march, added], ()), disk, record)
    assert added.article.id in {e.article.id for e in made_rows}
    assert 1 < len(made_rows) <= 8  # its chunk's rows, not the month's 31 articles'
    cold, _ = files(build_digest([*march, added], ()), {}, {})
    month = [rel for rel in cold if rel.startswith("downloads/2024-03/")]
    assert len(month) == 2 * len(PARTITIONED)
    for rel in month:
        assert warm[rel] == cold[rel], rel
    mentions = gzip.decompress(cold["downloads/2024-03/mentions.csv.gz"]).decode().splitlines()
    assert mentions[0].startswith("article_id,actor") and len(mentions) == 1 + sum(len(c.mentions) for c in [*march, added])
    assert warm["downloads/index.md"] == cold["downloads/index.md"]
    plain = dict(download_files(build_digest([*march, added], ())))  # no keys: every chunk made
    assert all(plain[rel] == cold[rel] for rel in month)


# --------------------------------------------------------------------------- a built site

# one story of three outlets in one week (the US and Ukraine disagree), and an unrelated article
SITE_FILES = ("049.md", "085.md", "057.md", "043.md")


@pytest.mark.slow
def test_built_site_has_a_story_page_linked_from_home_and_articles(tmp_path, analyser):
    from generator.build import run
    from generator.config import load_config

    project = make_project(tmp_path, [STORIES / "articles" / f for f in SITE_FILES])
    run(load_config(project), analyser=analyser)
    site = project / "site"
    pages = sorted((site / "stories").glob("*.html"))
    story_pages = [p for p in pages if not p.name.startswith("index")]
    assert len(story_pages) == 1, pages
    html = story_pages[0].read_text(encoding="utf-8")
    for title in ("US says about 10,000 North Korean soldiers now in Russia, most moving toward Kursk",
                  "Zelensky: 11,000 North Korean troops already in Kursk region"):
        assert title in html
    assert "Kim Yo Jong" not in html  # the unrelated article is not in the story
    assert "3 reports from 3 outlets" in html
    flag = re.search(r'class="admonition warning digest-disagreement".*?</div>', html, re.DOTALL)
    assert flag and "10,000 vs 11,000" in flag.group(0) and "2024-W45" in flag.group(0), html
    reports = html[html.index('id="reports"'):html.index("</table>", html.index('id="reports"'))]
    assert re.findall(r"<td[^>]*>(\d{4}-\d\d-\d\d)</td>", reports) == ["2024-11-05", "2024-11-06", "2024-11-07"], reports
    home = (site / "index.html").read_text(encoding="utf-8")
    assert "Top stories" in home and f'href="stories/{story_pages[0].name}"' in home
    article = next((site / "articles").glob("zelensky-11-000*.html")).read_text(encoding="utf-8")
    assert f'href="../stories/{story_pages[0].name}"' in article
    edition = (site / "editions" / "2024-W45.html").read_text(encoding="utf-8")
    assert "Top stories" in edition and f'href="../stories/{story_pages[0].name}"' in edition
    rows = gzip.decompress((site / "downloads" / "stories.jsonl.gz").read_bytes()).decode("utf-8").splitlines()
    assert len(rows) == 1 and '"disagreements": [{"measure": "personnel"' in rows[0]
    shutil.rmtree(project / "site")


def test_each_report_says_what_it_adds_to_the_earlier_ones(cases):
    from generator.render.stories import story_page

    digest = build_digest(cases, ())
    story = digest.story_of["case001"]
    news = [(n.article_id, [(c.figure.value, c.claimant) for c in n.claims], n.speakers) for n in story.news]
    assert news == [
        ("case001", [(10000.0, "United States")], ("United States",)),
        ("case002", [(11000.0, "Volodymyr Zelensky")], ("Volodymyr Zelensky",)),  # a new value, a new source
        ("case003", [(10000.0, "National Intelligence Service")], ("National Intelligence Service",)),
    ]
    assert "Volodymyr Zelensky" not in story.news[1].actors  # named once, as a source
    html = story_page(story, digest)
    rows = re.findall(r"<tr><td[^>]*>2024-11-0\d</td>.*?</tr>", html, re.DOTALL)
    assert len(rows) == 3 and "What it adds" in html
    assert "First report" in rows[0] and "10,000 troops in Kursk (United States)" in rows[0]
    assert "new figures: 11,000 soldiers in Kursk (Volodymyr Zelensky)" in rows[1], rows[1]
    assert "new figures: more than 10,000 soldiers in Russia (National Intelligence Service)" in rows[2], rows[2]
    copy = replace(cases[1], article=replace(cases[1].article, id="case009", path="case/9.md", source="copy-f.example"))
    again = build_digest(cases + [copy], ())
    assert "nothing new: repeats the earlier reports" in story_page(again.story_of["case001"], again)


def test_an_estimate_rounded_otherwise_is_no_disagreement():
    """'Nearly 30 minutes' (the coast guard) and 'about 29 minutes' (its spokesman) are one
    estimate; 'about 1,000 km' and 'about 1,100 km' are two, and so are 29 and 30 minutes given
    as exact values."""
    from generator.model import Figure
    from generator.stories import StoryClaim, disagreements

    def claim(n, who, value, qualifier=None, unit="minutes"):
        figure = Figure(f"{qualifier or ''} {value} {unit}", value, unit, qualifier, who, "", measure="duration"
                        if unit == "minutes" else "km", attribution_actor=who)
        return StoryClaim(f"a{n}", dt.date(2025, 9, 16), who, figure)

    assert disagreements([claim(1, "Philippines", 30.0, "nearly"), claim(2, "Jay Tarriela", 29.0, "about")]) == []
    assert [d.values for d in disagreements([claim(1, "Philippines", 30.0), claim(2, "Jay Tarriela", 29.0)])] == [(29.0, 30.0)]
    far = disagreements([claim(1, "Japan", 1100.0, "about", "km"), claim(2, "South Korea", 1000.0, "about", "km")])
    assert [d.values for d in far] == [(1000.0, 1100.0)]


def test_a_bound_beside_a_value_on_its_open_side_is_no_disagreement():
    """'At least 12 killed' (the emergency service, Monday) and '31 killed' (the president,
    Wednesday) are a toll that rose, and 'up to 100,000 troops' does not contradict '12,000
    troops'; 'about 1,100' beside 'more than 3,000' does, and so do 12 and 31 given as exact values."""
    from generator.model import Figure
    from generator.stories import StoryClaim, disagreements

    def claim(n, who, value, qualifier=None, measure="people"):
        figure = Figure(f"{qualifier or ''} {value}", value, measure, qualifier, who, "", measure=measure,
                        attribution_actor=who)
        return StoryClaim(f"a{n}", dt.date(2026, 2, 9 + n), who, figure)

    assert disagreements([claim(0, "State Emergency Service", 12.0, "at least"), claim(2, "Volodymyr Zelensky", 31.0)]) == []
    assert disagreements([claim(0, "Kyiv", 12000.0, None, "personnel"),
                          claim(1, "Pentagon", 30000.0, "up to", "personnel")]) == []
    assert [d.values for d in disagreements([claim(0, "State Emergency Service", 12.0),
                                             claim(2, "Volodymyr Zelensky", 31.0)])] == [(12.0, 31.0)]
    assert [d.values for d in disagreements([claim(0, "National Intelligence Service", 1100.0, "about"),
                                             claim(1, "Ukraine", 3000.0, "more than")])] == [(1100.0, 3000.0)]
    # a lower bound above a value is no bound of it: 'more than 40' beside 31 still disagrees
    assert [d.values for d in disagreements([claim(0, "Governor", 40.0, "more than"), claim(1, "Zelensky", 31.0)])] == [(31.0, 40.0)]


TARIFFS = [  # invented: a tariff and the counter-tariff that answers it, the same week, from the two states
    _raw(21, "US raises tariff on Chinese goods to 104%", dt.date(2025, 4, 8), "wire-a.example",
         "The United States raised its tariff on Chinese goods to 104%, the White House said on Tuesday.",
         "Beijing vowed to fight to the end."),
    _raw(22, "China answers with 84% tariff on US goods", dt.date(2025, 4, 9), "beijing-c.example",
         "China said it would raise its tariff on all US goods to 84%, answering the US tariff on Chinese goods.",
         "The commerce ministry said the measure would take effect on Thursday."),
]


def test_a_tariff_and_the_counter_tariff_it_answers_are_no_disagreement(analyser):
    """104% on Chinese goods (the United States) and 84% on US goods (China): two levies, each
    with its target, not two claims of one; the same values on one target still disagree."""
    from generator.model import ArticleEntry
    from generator.stories import disagreements, make_story

    entries = [ArticleEntry(a, a.article.id) for a in analyser.analyse(TARIFFS)]
    story = make_story([0, 1], entries)
    assert {(c.figure.value, c.target) for c in story.claims} >= {(104.0, "China"), (84.0, "United States")}
    assert story.flags == ()
    same_target = [replace(c, target="China") for c in story.claims]
    assert [d.values for d in disagreements(same_target)] == [(84.0, 104.0)]


LAUNCH = [  # invented: one launch, its distance given in km by one state and in miles by another
    _raw(31, "North Korea fires ballistic missile, Seoul says", dt.date(2025, 5, 8), "seoul-c.example",
         "North Korea fired a ballistic missile into the sea on Thursday, South Korea's military said.",
         "The missile flew 1,100 km, the Joint Chiefs of Staff said."),
    _raw(32, "Japan says North Korean missile fell outside its waters", dt.date(2025, 5, 8), "tokyo-e.example",
         "A North Korean ballistic missile fell outside Japan's exclusive economic zone on Thursday, Japan said.",
         "The missile flew about 680 miles, Japan's defence ministry said."),
]


def test_distances_in_km_and_in_miles_are_compared_in_km(analyser):
    """'1,100 km' (Seoul) and 'about 680 miles' (Tokyo, 1,094 km) are one measure, distance, and
    one estimate; 'about 500 miles' (805 km) beside 1,100 km disagrees, the values as written."""
    from generator.model import ArticleEntry
    from generator.stories import disagreements, make_story

    entries = [ArticleEntry(a, a.article.id) for a in analyser.analyse(LAUNCH)]
    story = make_story([0, 1], entries)
    assert {(c.figure.measure, c.figure.unit) for c in story.claims} == {("distance", "km"), ("distance", "miles")}
    assert story.flags == ()
    nearer = [replace(c, figure=replace(c.figure, value=500.0)) if c.figure.unit == "miles" else c for c in story.claims]
    assert [d.values for d in disagreements(nearer)] == [(500.0, 1100.0)]
