"""The pages an analyst browses (issue 4), checked in the built HTML of the sample corpus."""

from __future__ import annotations

import csv
import datetime as dt
import gzip
import html as htmllib
import json
import re
from collections import Counter

import pytest

from generator.build import run
from generator.config import load_config
from tests.conftest import cannot_run, make_project

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def site(tmp_path_factory, analyser):
    project = make_project(tmp_path_factory.mktemp("pages"), settings="articles: [articles]\nsources: sources.yml\n")
    (project / "sources.yml").write_text("seoul-monitor.example: B\nkyiv-frontline.example: F\n")
    run(load_config(project), analyser=analyser)
    return project


def page(site, path: str) -> str:
    """The page's HTML with character references decoded (our escaping writes many)."""
    return htmllib.unescape((site / "site" / path).read_text())


def test_article_page_highlights_every_mention_by_type_with_a_legend(site):
    html = page(site, "articles/" + next(p.name for p in (site / "site" / "articles").glob("north-korea-has-ratified*")))
    # a country's mention carries no class (digest.css colours a bare actor link as a country)
    links = [(t or "country", s) for s, t in re.findall(r'<a href="\.\./actors/([a-z0-9-]+)\.html"(?: class="digest-(\w+)")?>', html)]
    assert ("country", "north-korea") in links and ("person", "kim-jong-un") in links and ("place", "kursk") in links
    for _, slug in links:
        assert (site / "site" / "actors" / f"{slug}.html").is_file()
    assert 'class="digest-legend digest-country"' in html and 'class="digest-aside"' in html
    assert "eurasia-briefing.example" in html
    figures = re.findall(r'<li>(?:<span id="f-[0-9a-f]{12}-\d+-\d+">)?<strong>(?:<a href="#s-[^"]+">)?([^<]+)(?:</a>)?</strong> — ',
                         section(html, "key-figures"))  # each figure links its sentence
    assert "up to 100,000 troops" in figures and len(figures) >= 3  # the article's figures, listed
    # no rule names or model name in the reading text: they are in the collapsed box at the end
    reading, box = html.split('<details class="digest-rules">', 1)
    assert "; matched " not in reading and "Analysed with" not in reading and "en_core_web" not in reading
    assert "How this article was analysed" in box and "en_core_web" in box and "<code>" in box
    md = next((site / "docs" / "articles").glob("north-korea-has-ratified*")).read_text()
    assert "\nhide:\n- navigation\n- toc\n" in md.split("---")[1]  # the aside is its second column
    actors = page(site, "actors/index.html")
    assert ">Countries<" in actors and "Countrys" not in actors and ">People<" in actors


def test_article_page_says_each_thing_once(site):
    """What made an article page 48 KB at 10,000 articles: each theme's evidence repeated the
    text (now its first sentences in full, the others linked by number to the text beside),
    figures listed twice (now once, with what each is read as), Material's blank runs, its
    hidden table of contents and inline icons (now drawn by digest.css)."""
    from generator.analyse.taxonomy import load_taxonomy
    from generator.render.articles import EVIDENCE_SHOWN

    raw = next((site / "site" / "articles").glob("north-korea-has-ratified*")).read_text()
    html = htmllib.unescape(raw)
    aside = html[html.index('<aside class="digest-aside">'):html.index("</aside>")]
    anchors = set(re.findall(r'<span id="(s-[0-9a-f]{12}-\d+)">', html))
    names = {t.name for t in load_taxonomy().themes}
    themes = re.findall(r'<p><strong><a href="\.\./themes/[a-z-]+\.html">([^<]+)</a></strong></p>\n<ul>(.*?)</ul>\n(<p class="digest-more">.*?</p>)?', aside, re.DOTALL)
    assert len(themes) >= 2 and {name for name, _, _ in themes} <= names
    linked = 0
    for name, items, more in themes:
        shown = re.findall(r'<li>(.*?) \(<em>[^<]+</em>\) <a class="digest-cite" href="#(s-[^"]+)">link</a></li>', items)
        assert 1 <= len(shown) <= EVIDENCE_SHOWN and all(a in anchors for _, a in shown), name
        if more:
            n = int(re.search(r"…and (\d+) more sentences? of the text: ", more).group(1))
            links = re.findall(r'<a href="#(s-[^"]+)">(\d+)</a>', more)
            assert len(shown) == EVIDENCE_SHOWN and len(links) == n and all(
                a in anchors and a.endswith(f"-{k}") for a, k in links)
            linked += n
    assert linked >= 1  # this article has a theme with more sentences than are shown
    figures = section(html, "key-figures")
    assert "up to 100,000 troops" in figures and '<small class="digest-read">read as ' in figures
    assert "Figures in detail" not in html and len(re.findall(r"up to 100,000 troops(?:</a>)?</strong>", html)) == 1
    assert not re.search(r"\n[ \t]+\n|\n\n", raw.split("<article")[0]), "a blank run left in the chrome"
    assert "<svg" not in raw and 'class="digest-icon digest-icon--menu"' in raw  # no chart on it, no inline icon
    toc = raw[raw.index('data-md-type="toc"'):raw.index('<div class="md-content"')]
    assert "<nav" not in toc and "<li" not in toc
    assert ' title="Permanent link to this' not in raw


def section(html: str, heading_id: str) -> str:
    """The HTML under the h2 ``heading_id``, up to the next h2 (or the end of the article)."""
    start = html.index(f'<h2 id="{heading_id}"')
    end = html.find("<h2", start + 1)
    return html[start : end if end > 0 else html.index("</article>", start)]


def catalogue(site) -> list[dict]:
    return jsonl_gz(site / "site" / "downloads" / "articles.jsonl.gz")


def jsonl_gz(path) -> list[dict]:
    """A gzip'd JSON Lines download, read with Python's own gzip and json."""
    with gzip.open(path, "rt", encoding="utf-8") as f:
        return [json.loads(line) for line in f]


def csv_gz(path) -> list[dict]:
    with gzip.open(path, "rt", encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def test_actor_page_has_profile_chart_themes_companions_figures_and_evidence(site):
    html = page(site, "actors/north-korea.html")
    for part in ("Type:", "Named as:", "Leaders and members named:", "Kim Jong Un"):
        assert part in html, part
    assert re.search(r'<svg class="digest-chart__svg"[^>]*role="img"', html)
    assert "<title>Mentions of North Korea per week</title>" in html and "Data of this chart" in html
    rows = [r for r in catalogue(site) if "North Korea" in r["actors"].split(";")]
    # Appears with: the actors named most often in the same articles, with those counts
    companions = re.findall(r'<tr><td[^>]*><a href="\.\./actors/([a-z0-9-]+)\.html">([^<]+)</a></td><td[^>]*>(\d+)</td></tr>',
                            section(html, "appears-with"))
    assert len(companions) >= 5
    for slug, name, n in companions:
        assert (site / "site" / "actors" / f"{slug}.html").is_file()
        assert int(n) == sum(1 for r in rows if name in r["actors"].split(";")), name
    # Key figures: a table with rows; Evidence: the articles that name North Korea, with sentences
    assert section(html, "key-figures").count("<tr>") >= 3
    evidence = section(html, "evidence")
    linked = re.findall(r'<p><strong><a href="\.\./articles/([^"]+)">', evidence)
    assert set(linked) <= {r["page"].removeprefix("articles/") for r in rows} and len(linked) >= len(rows) // 2
    sentences = re.findall(r"<li>(.*?) \(<em>", evidence)
    assert len(sentences) >= len(linked)
    assert all(re.search(r"North Korea|Pyongyang|DPRK|North Korean|the North|Kim|KPA|Choe", s) for s in sentences[:20])


def test_theme_page_has_bluf_tracker_activity_and_evidence(site):
    html = page(site, "themes/troop-deployment.html")
    assert "Articles on Troop deployment per week" in html and "<polyline" in html  # troop figures over time
    bluf = re.findall(r"<li>(.*?) — <a href=\"\.\./articles/", section(html, "bottom-line-up-front"))
    assert bluf, "no sentence under 'Bottom line up front'"
    evidence_rows = []
    for month in (site / "site" / "downloads").iterdir():
        if month.is_dir():
            evidence_rows += jsonl_gz(month / "themes.jsonl.gz")
    sentences = {r["sentence"] for r in evidence_rows if r["theme"] == "troop-deployment"}
    assert all(b in sentences for b in bluf), bluf  # the summary quotes the theme's evidence
    listed = re.findall(r'<li>([^<]*?) \(<em>[^<]+</em>\)(?: <a class="digest-cite"[^>]*>link</a>)?</li>', section(html, "evidence"))
    # the theme's evidence sentences and nothing else: the first of each article (the article
    # page lists the rest beside its text)
    from generator.render.themes import EVIDENCE_PER_ARTICLE
    by_article: dict[str, list[str]] = {}
    for r in evidence_rows:
        if r["theme"] == "troop-deployment":
            by_article.setdefault(r["article_id"], []).append(r["sentence"])
    assert set(listed) <= sentences
    assert len(listed) == sum(min(len(found), EVIDENCE_PER_ARTICLE) for found in by_article.values())
    actors = re.findall(r'<a href="\.\./actors/([a-z0-9-]+)\.html">', section(html, "actors-involved"))
    assert "north-korea" in actors and "russia" in actors
    assert section(html, "figure-tracker").count("<tr>") >= 3
    assert "Rules that matched" in html and "; matched " not in html  # rule names only in the collapsed box


def test_figure_trackers_plot_one_point_per_day_on_a_time_axis(site):
    charts = 0
    for path in sorted((site / "site" / "themes").glob("*.html")):
        html = htmllib.unescape(path.read_text())
        for svg in re.findall(r"<svg .*?</svg>", html, re.DOTALL):
            if "<polyline" not in svg:
                continue
            charts += 1
            xs = [float(x) for x in re.findall(r'<circle cx="([0-9.]+)"', svg)]
            assert len(xs) == len(set(xs)) >= 2, f"{path.name}: two points on one day"
            assert xs == sorted(xs)
    assert charts >= 1


def test_editions_timeline_sources_and_home(site):
    editions = sorted(p.stem for p in (site / "site" / "editions").glob("2024-W*.html"))
    assert len(editions) >= 6
    latest = page(site, f"editions/{editions[-1]}.html")
    # the week's articles, exactly those of the catalogue dated in that ISO week
    year, week = (int(x) for x in editions[-1].split("-W"))
    in_week = sorted(r["page"].removeprefix("articles/") for r in catalogue(site)
                     if r["date"] and dt.date.fromisoformat(r["date"]).isocalendar()[:2] == (year, week))
    listed = re.findall(r'<td[^>]*><a href="\.\./articles/([^"]+)">', section(latest, "articles"))
    assert in_week and sorted(listed) == in_week
    assert re.search(r'<a href="\.\./actors/[a-z0-9-]+\.html">', section(latest, "new-actors"))
    assert re.search(r'<a href="\.\./themes/[a-z0-9-]+\.html">', section(latest, "themes-this-week"))
    assert section(latest, "new-figures").count("<tr>") >= 2  # the header and a figure
    home = page(site, "index.html")
    assert "Latest edition" in home and f"editions/{editions[-1]}.html" in home
    assert "Articles per actor and theme" in home
    timeline = page(site, "timeline/index.html")
    assert "November 2024" in timeline and "October 2024" in timeline
    sources = page(site, "sources/index.html")
    assert "Usually reliable" in sources and "Reliability cannot be judged" in sources
    assert "seoul-monitor.example" in sources


def test_every_article_says_where_its_date_came_from_and_the_undated_one_is_marked(site):
    pages = {p.name: page(site, f"articles/{p.name}") for p in (site / "site" / "articles").glob("*.html")
             if not p.name.startswith("index")}
    assert len(pages) == 23
    said = {src: sum(f"({label})" in html for html in pages.values()) for src, label in
            [("field", "given in the article"), ("filename", "from the file name"), ("dateline", "from the dateline")]}
    assert said == {"field": 14, "filename": 6, "dateline": 2}
    treaty = next(html for name, html in pages.items() if name.startswith("north-korea-has-ratified"))
    assert "<strong>Date:</strong> 2024-11-12 (from the dateline)" in treaty
    (undated,) = [html for html in pages.values() if 'class="digest-undated"' in html]
    assert "Western-made electronics" in undated and '<span class="digest-undated">undated</span>' in undated
    assert 'href="../articles/index-undated.html">all undated articles</a>' in undated
    listing = page(site, "articles/index-undated.html")
    assert "1 article without a date" in listing and "undated-analysis-drone-parts.txt" in listing
    assert listing.count('class="digest-undated"') == 0 and "Western-made electronics" in listing
    home = page(site, "index.html")
    assert '<a href="articles/index-undated.html" class="digest-undated">1 undated article</a>' in home


def test_co_occurrence_matrix_on_actors_index(site):
    """Every cell of the matrix is the number of articles naming both actors (the diagonal: the
    actor), counted here from the articles' own actor lists."""
    html = page(site, "actors/index.html")
    matrix = html[html.index('<div class="digest-matrix">') :]
    matrix = matrix[: matrix.index("</table>")]
    assert "Articles in which two actors are both named" in matrix
    heads = re.findall(r'<th scope="col"><a href="[^"]+">([^<]+)</a></th>', matrix)
    body = re.findall(r'<tr><th scope="row"><a href="[^"]+">([^<]+)</a></th>(.*?)</tr>', matrix)
    assert len(heads) >= 8 and [name for name, _ in body] == heads
    named = [set(r["actors"].split(";")) for r in catalogue(site)]
    filled = 0
    for name, cells in body:
        values = [int(v) if v else 0 for v in re.findall(r"<td[^>]*>(\d*)</td>", cells)]
        assert len(values) == len(heads)
        for other, value in zip(heads, values, strict=True):
            assert value == sum(1 for actors in named if name in actors and other in actors), (name, other)
            filled += value > 0
    assert filled > len(heads)  # more than the diagonal: the actors do share articles


def test_downloads_are_published_gzipped_and_parse(site):
    """Every table is one .jsonl.gz and one .csv.gz (no plain copy), linked from the downloads
    page; Python's gzip reads each, the two formats hold the same rows, and the gzip header
    holds no time and no file name (a rebuild gives the same bytes)."""
    html = page(site, "downloads/index.html")
    root = site / "site" / "downloads"
    assert 'href="articles.csv.gz"' in html and 'href="articles.jsonl.gz"' in html
    assert not [p for p in root.rglob("*") if p.is_file() and p.suffix in (".csv", ".jsonl")]
    months = sorted(p.name for p in root.iterdir() if p.is_dir())
    assert months and all(re.fullmatch(r"\d{4}-\d{2}|undated", m) for m in months), months
    for name in ("articles", "mentions", "themes", "figures", "quotes"):
        files = [root / name] if name == "articles" else [root / m / name for m in months]
        total = 0
        for f in files:
            if name != "articles":
                assert f'href="{f.parent.name}/{name}.csv.gz"' in html and f'href="{f.parent.name}/{name}.jsonl.gz"' in html
            rows = jsonl_gz(f"{f}.jsonl.gz")
            table = csv_gz(f"{f}.csv.gz")
            assert len(rows) == len(table)
            for row, cells in zip(rows, table, strict=True):
                assert list(cells) == list(row)  # the same columns in the same order
                key = next(iter(row))
                assert cells[key] == str(row[key])  # the same row (its key column)
            total += len(rows)
        assert total > 0 or name == "quotes", name
    for path in root.rglob("*.gz"):
        head = path.read_bytes()[:10]
        assert head[:4] == b"\x1f\x8b\x08\x00" and head[4:8] == b"\0\0\0\0", path  # no FNAME flag, mtime 0
    articles = catalogue(site)
    assert len(articles) == 23
    sources = [a["date_source"] for a in articles]
    assert {s: sources.count(s) for s in set(sources)} == {"field": 14, "filename": 6, "dateline": 2, "none": 1}
    by_id = {r["id"]: r for r in csv_gz(root / "articles.csv.gz")}
    assert all(by_id[a["id"]]["date_source"] == a["date_source"] for a in articles)
    ids_by_month = {}
    for a in articles:
        ids_by_month.setdefault(a["date"][:7] if a["date"] else "undated", set()).add(a["id"])
    figures = []
    for m in months:  # each month's rows belong to that month's articles
        rows = jsonl_gz(root / m / "figures.jsonl.gz")
        assert {r["article_id"] for r in rows} <= ids_by_month[m]
        figures += rows
    assert any(f["value"] == 100000 and f["qualifier"] == "up to" for f in figures)
    assert len(jsonl_gz(root / "stories.jsonl.gz")) == len(csv_gz(root / "stories.csv.gz")) >= 1


def test_downloads_read_in_duckdb_as_they_are(site):
    """What the downloads page tells a reader to type: DuckDB reads the .gz files directly, every
    month at once by a glob, with the rows and types Python's gzip reads."""
    try:
        import duckdb
    except ImportError:
        cannot_run("duckdb is not installed (pip install -e '.[test]')")
    root = site / "site" / "downloads"
    con = duckdb.connect()
    articles = catalogue(site)
    got = con.execute(f"SELECT id, title, date FROM read_json_auto('{root}/articles.jsonl.gz') ORDER BY id").fetchall()
    assert got == sorted((a["id"], a["title"], dt.date.fromisoformat(a["date"]) if a["date"] else None) for a in articles)
    assert con.execute(f"SELECT count(*) FROM read_csv('{root}/articles.csv.gz')").fetchone()[0] == len(articles)
    mentions = [row for p in root.glob("*/mentions.jsonl.gz") for row in jsonl_gz(p)]
    assert len(mentions) > 100
    assert con.execute(f"SELECT count(*) FROM read_csv('{root}/*/mentions.csv.gz')").fetchone()[0] == len(mentions)
    assert con.execute(f"SELECT count(*) FROM read_json_auto('{root}/*/mentions.jsonl.gz')").fetchone()[0] == len(mentions)
    by_actor = con.execute(f"SELECT actor, count(*) FROM read_csv('{root}/*/mentions.csv.gz') GROUP BY actor").fetchall()
    assert dict(by_actor) == Counter(m["actor"] for m in mentions) and dict(by_actor)["North Korea"] >= 10


def test_actors_and_themes_are_tags_with_an_index(site):
    """Every theme of themes.yml that an article has, and every actor with a page, is a tag
    whose entry links to its page."""
    from generator.analyse.taxonomy import load_taxonomy

    html = page(site, "tags.html")

    def tagged(href: str) -> bool:
        return re.search(rf'<h2 id="tag:[^"]+">\s*<span class="md-tag">[^<]+</span>.*?</h2>\s*<ul>\s*<li>\s*<a href="{re.escape(href)}">', html, re.DOTALL) is not None

    rows = catalogue(site)
    themes = [t for t in load_taxonomy().themes if any(t.id in r["themes"].split(";") for r in rows)]
    assert len(themes) >= 5
    for theme in themes:
        assert tagged(f"themes/{theme.id}.html"), theme.id
    for actor in ("north-korea", "russia", "kim-jong-un"):
        assert tagged(f"actors/{actor}.html"), actor


def test_a_busy_week_lists_its_first_figures_and_says_how_many_more(site, analyser, monkeypatch):
    """An edition lists at most MAX_FIGURES figures (set to 1 here), then says how many it
    left out and where they are."""
    from generator.analyse.taxonomy import load_taxonomy
    from generator.build import analyse_with_cache
    from generator.digest import build_digest
    from generator.ingest import read_articles
    from generator.render import editions

    config = load_config(site)
    analysed, _ = analyse_with_cache(read_articles(config.articles, config.articles_root).articles, analyser, config.cache_dir)
    digest = build_digest(analysed, load_taxonomy(config.themes).infos())
    week = max(digest.editions, key=lambda e: len(e.figures))
    assert len(week.figures) >= 3
    monkeypatch.setattr(editions, "MAX_FIGURES", 1)
    figures = htmllib.unescape(editions.edition_page(week, digest, None, None)).split("New figures", 1)[1]
    assert figures.count("<tr>") == 2  # the header and one figure
    assert f"…and {len(week.figures) - 1} more figures this week" in figures
    assert 'href="../downloads/index.html"' in figures
