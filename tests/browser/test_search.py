"""The offline search (assets/digest/search.js) in real Chromium, from file:// and over HTTP.

The header box is typed into with key events, as a user does; results are followed by click
and by keyboard; phrases, prefixes and the full results page with its filters are checked
against what the built site says. Every request is recorded: none may leave the site.
"""

from __future__ import annotations

import gzip
import json
import re

import pytest
from playwright.sync_api import Page

from tests.browser.conftest import (
    failed,
    heading,
    leaving,
    search,
    serious_violations,
    site_path,
)

pytestmark = [pytest.mark.browser, pytest.mark.slow]

BOX = "#digest-search-box"
KURSK_TITLE = "Ukraine reports first clashes with North Korean troops in Kursk"
ORIGINS = ["file", "http"]


_LINKS = """selector => [...document.querySelectorAll(selector)].map(a =>
    [a.innerText.replace(/\\s+/g, ' ').trim(), a.href])"""


def articles(site) -> list[dict]:
    """The build's list of articles (downloads/articles.jsonl.gz): page, input file, themes..."""
    lines = gzip.decompress((site.root / "downloads" / "articles.jsonl.gz").read_bytes()).decode("utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


def page_text(site, path: str) -> str:
    """The visible words of a built page's article body, lowercased, whitespace folded."""
    html = (site.root / path).read_text(encoding="utf-8")
    body = html.split('<article class="md-content__inner', 1)[1].split("</article>", 1)[0]
    text = re.sub(r"<[^>]+>", " ", body)
    return re.sub(r"\s+", " ", text.replace("&#39;", "'").replace("&amp;", "&")).lower()


def rendered(page: Page) -> None:
    """Waits for the results panel to show the results of what is typed (not busy)."""
    page.wait_for_function(
        """() => { const r = document.querySelector('.digest-search [data-search-results]');
                   return r && r.getAttribute('aria-busy') !== 'true'
                       && (r.querySelector('a[href]') || r.textContent.trim()); }"""
    )


@pytest.mark.parametrize("origin", ORIGINS)
def test_kursk_lists_articles_and_the_theme_and_a_result_opens_its_page(site, page, requests, origin):
    base = site.base(origin)
    page.goto(base + "actors/north-korea.html")
    assert page.locator(".md-search").count() == 0  # Material's own search is gone
    assert page.locator('input[type="search"]').count() == 1
    results = search(page, "Kursk")
    found = [site_path(href, base) for _, href in results]
    assert "themes/troop-deployment.html" in found and "actors/kursk.html" in found
    assert any(p.startswith("articles/") for p in found)
    # every title and snippet is text with marks: nothing from the index became markup
    tags = page.evaluate(
        "() => [...document.querySelectorAll('[data-search-results] a *')].map(e => e.tagName)"
    )
    assert set(tags) <= {"SPAN", "MARK"}, set(tags)
    marks = page.locator("[data-search-results] mark").all_inner_texts()
    assert marks and {m.lower() for m in marks} == {"kursk"}
    status = page.locator(".digest-search__status").inner_text()
    assert re.match(r"\d+ results?", status), status

    page.locator("[data-search-results] a", has_text=KURSK_TITLE).first.click()
    # an article result opens at the sentence it matched (its stable anchor, render/cite.py)
    page.wait_for_url(re.compile(r".*/articles/ukraine-reports-first-clashes-[^/]*\.html#s-[0-9a-f]{12}-\d+$"))
    assert "kursk" in page.evaluate("document.querySelector(':target').textContent").lower()
    assert heading(page) == KURSK_TITLE
    assert leaving(requests, base) == [], "requests left the site"
    assert failed(requests) == []
    # the index files came from the site's own search/ folder, as scripts
    index = [r for r in requests if "/search/" in r.url]
    assert index and all(r.resource_type == "script" for r in index)


@pytest.mark.parametrize("origin", ORIGINS)
def test_a_query_pasted_into_a_fresh_page_shows_its_results(site, page, requests, origin):
    # pasted: the whole query in one input event, on a page that has loaded no shard or
    # record yet; the shards of all its words are asked for together, then its records
    base = site.base(origin)
    query = "north korean troops Kursk"
    page.goto(base + "themes/troop-deployment.html")
    page.evaluate("() => { window.__inputs = 0; addEventListener('input', () => window.__inputs++, true); }")
    page.locator(BOX).focus()
    page.keyboard.insert_text(query)
    rendered(page)
    assert page.evaluate("window.__inputs") == 1
    results = [(text, site_path(href, base)) for text, href in page.evaluate(
        _LINKS, ".digest-search [data-search-results] a[href]")]
    assert results and results[0][0].startswith(KURSK_TITLE), results
    status = page.locator(".digest-search__status").inner_text()
    complete = int(re.match(r"(\d+) results?", status).group(1))
    words = ["north", "korean", "troops", "kursk"]
    for text, path in results[:complete]:  # those with every word hold every word
        if path.startswith("articles/"):
            assert all(w in page_text(site, path) for w in words), (path, status)
    marks = {m.lower() for m in page.locator("[data-search-results] mark").all_inner_texts()}
    assert marks and marks <= set(words), marks
    # typed key by key into another fresh page, the same query lists the same results
    fresh = page.context.new_page()
    fresh.goto(base + "index.html")
    assert [(t, site_path(h, base)) for t, h in search(fresh, query)] == results
    # one round of shards (every word's, asked for together), then one of records
    index = [site_path(r.url, base) for r in requests if "/search/" in r.url]
    kinds = [p.split("/")[1] if p.count("/") > 1 else p for p in index]
    first_record = kinds.index("d")
    assert "t" in kinds[:first_record] and "t" not in kinds[first_record:], index
    assert leaving(requests, base) == [] and failed(requests) == []


@pytest.mark.parametrize("origin", ORIGINS)
def test_keyboard_slash_focuses_the_box_arrows_choose_and_enter_opens(site, page, requests, origin):
    base = site.base(origin)
    page.goto(base + "index.html")
    page.locator("body").click(position={"x": 5, "y": 400})
    page.keyboard.press("/")
    assert page.evaluate("document.activeElement.id") == BOX[1:]
    page.keyboard.type("Kursk")
    rendered(page)
    box = page.locator(BOX)
    assert box.get_attribute("aria-expanded") == "true"
    options = page.locator('[data-search-results] [role="option"]')
    assert options.count() >= 3
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowUp")
    second = options.nth(1)
    assert second.get_attribute("aria-selected") == "true"
    assert box.get_attribute("aria-activedescendant") == second.get_attribute("id")
    href = second.evaluate("a => a.href")
    page.keyboard.press("Enter")
    page.wait_for_url(href)
    assert site_path(page.url, base) == site_path(href, base)
    assert leaving(requests, base) == []
    assert failed(requests) == []


def test_escape_closes_the_results_and_s_reopens_the_box(site, page):
    page.goto(site.file_base + "themes/troop-deployment.html")
    page.keyboard.press("s")
    page.keyboard.type("Korea")
    rendered(page)
    panel = page.locator(".digest-search__panel")
    assert panel.is_visible()
    page.keyboard.press("Escape")
    assert panel.is_hidden() and page.locator(BOX).get_attribute("aria-expanded") == "false"
    page.keyboard.press("ArrowDown")  # back again, with the same results
    assert panel.is_visible()
    page.mouse.click(20, 600)  # anywhere outside the box and its panel
    assert panel.is_hidden()
    # typing "s" in the box is a letter, not the shortcut
    page.locator(BOX).fill("")
    page.locator(BOX).press_sequentially("ss")
    assert page.locator(BOX).input_value() == "ss"


def test_enter_without_a_choice_opens_the_full_results_page(site, page, requests):
    page.goto(site.file_base + "index.html")
    dropdown = [href for _, href in search(page, "Kursk")]
    page.locator(BOX).press("Enter")
    page.wait_for_url(re.compile(r".*/search/index\.html\?q=Kursk$"))
    page.wait_for_function(
        "() => /result/.test(document.querySelector('[data-search-page] [role=status]').textContent)"
    )
    links = page.locator("[data-search-page] ol[data-search-results] > li a")
    assert links.evaluate_all("as => as.map(a => a.href)")[: len(dropdown)] == dropdown
    assert page.locator("#digest-search-q").input_value() == "Kursk"
    assert leaving(requests, site.file_base) == [] and failed(requests) == []


@pytest.mark.parametrize("origin", ORIGINS)
def test_a_phrase_in_quotes_finds_only_pages_with_those_words_in_a_row(site, page, requests, origin):
    base = site.base(origin)
    page.goto(base + "index.html")
    phrase = [site_path(href, base) for _, href in search(page, '"South China Sea"')]
    words = [site_path(href, base) for _, href in search(page, "South China Sea")]
    assert phrase and set(phrase) <= set(words)
    for path in phrase:
        assert "south china sea" in page_text(site, path), path
    loose = [p for p in words if p.startswith("articles/") and "south china sea" not in page_text(site, p)]
    assert loose, "the words alone should also find pages without the phrase"
    assert not set(loose) & set(phrase)
    assert leaving(requests, base) == [] and failed(requests) == []


def test_the_last_word_is_also_a_prefix(site, page, requests):
    page.goto(site.file_base + "index.html")
    found = [site_path(href, site.file_base) for _, href in search(page, "Kur")]
    assert "actors/kursk.html" in found
    assert any(p.startswith("articles/ukraine-reports-first-clashes") for p in found)
    marks = page.locator("[data-search-results] mark").all_inner_texts()
    assert marks and all(m.lower().startswith("kur") for m in marks)
    # a trailing space ends the word: "kur" alone is no word of the digest
    assert search(page, "Kur ") == []
    assert "No results" in page.locator("[data-search-results]").inner_text()
    assert leaving(requests, site.file_base) == []


@pytest.mark.parametrize("origin", ORIGINS)
def test_full_results_page_filters_by_theme_and_date(site, page, requests, origin):
    base = site.base(origin)
    page.goto(base + "search/index.html?q=North+Korea")
    status = page.locator("[data-search-page] [role=status]")
    page.wait_for_function("() => /result/.test(document.querySelector('[data-search-page] [role=status]').textContent)")
    hits = page.locator("[data-search-page] ol[data-search-results] > li .digest-search-hit__head a")
    every = {site_path(h, base) for h in hits.evaluate_all("as => as.map(a => a.href)")}
    assert len(every) >= 10 and any(p.startswith("actors/") for p in every)

    page.locator('select[name="theme"]').select_option(label="Troop deployment")
    page.wait_for_function("() => /theme=\\d/.test(location.search)")
    page.wait_for_function("() => !document.querySelector('[data-search-page] ol').hasAttribute('aria-busy')")
    filtered = {site_path(h, base) for h in hits.evaluate_all("as => as.map(a => a.href)")}
    troops = {a["page"] for a in articles(site) if "troop-deployment" in a["themes"].split(";")}
    assert filtered and filtered == every & troops, status.inner_text()
    assert page.locator(".digest-search-more").is_hidden()  # all of them are shown

    page.locator('input[name="from"]').fill("2024-11-01")
    page.locator('input[name="from"]').dispatch_event("change")
    page.wait_for_function("() => /from=2024-11-01/.test(location.search)")
    page.wait_for_function("() => !document.querySelector('[data-search-page] ol').hasAttribute('aria-busy')")
    later = {site_path(h, base) for h in hits.evaluate_all("as => as.map(a => a.href)")}
    recent = {a["page"] for a in articles(site) if a["date"] and a["date"] >= "2024-11-01"}
    assert later and later == filtered & recent
    # the filters are in the address: reloading shows the same results
    page.reload()
    page.wait_for_function("() => /result/.test(document.querySelector('[data-search-page] [role=status]').textContent)")
    assert {site_path(h, base) for h in hits.evaluate_all("as => as.map(a => a.href)")} == later
    assert page.locator('select[name="theme"]').input_value() == "0"
    assert leaving(requests, base) == [] and failed(requests) == []


def test_the_date_filter_says_how_many_undated_results_it_hides(site, page, requests):
    base = site.base("file")
    undated = {a["page"] for a in articles(site) if not a["date"]}
    assert len(undated) == 1
    hits = page.locator("[data-search-page] ol[data-search-results] > li .digest-search-hit__head a")
    status = page.locator("[data-search-page] [role=status]")
    page.goto(base + "search/index.html?q=drone")
    page.wait_for_function("() => /result/.test(document.querySelector('[data-search-page] [role=status]').textContent)")
    every = {site_path(h, base) for h in hits.evaluate_all("as => as.map(a => a.href)")}
    assert undated <= every and "undated" not in status.inner_text()
    page.goto(base + "search/index.html?q=drone&from=2024-11-01")
    page.wait_for_function("() => /result/.test(document.querySelector('[data-search-page] [role=status]').textContent)")
    later = {site_path(h, base) for h in hits.evaluate_all("as => as.map(a => a.href)")}
    assert later and not later & undated
    assert status.inner_text().endswith(" 1 undated result is hidden by the date filter."), status.inner_text()


def test_search_box_and_results_have_no_serious_accessibility_violations(axe, site, page):
    page.goto(site.file_base + "index.html")
    search(page, "Kursk")
    page.locator(BOX).press("ArrowDown")
    problems = serious_violations(page, axe, ".md-header")
    page.goto(site.file_base + "search/index.html?q=Korea")
    page.wait_for_function("() => /result/.test(document.querySelector('[data-search-page] [role=status]').textContent)")
    problems += serious_violations(page, axe, "[data-search-page]")
    assert not problems, "\n".join(f"{p['rule']} on {p['target']}: {p['summary']}" for p in problems)


def test_before_the_box_is_used_a_page_loads_only_the_manifest_once_loaded(site, page, requests):
    page.goto(site.file_base + "articles/index.html")
    page.wait_for_load_state("load")

    def index() -> list[str]:
        return [site_path(r.url, site.file_base) for r in requests if "/search/" in r.url]

    page.wait_for_function("() => !!window.__ds && !!window.__ds.m && !!document.querySelector('#digest-search-box')")
    for _ in range(100):  # the page fetches it once loaded
        if index():
            break
        page.wait_for_timeout(50)
    page.wait_for_timeout(200)
    assert index() == ["search/manifest.js"]
    page.locator(BOX).hover()
    page.locator(BOX).focus()
    page.wait_for_timeout(200)
    assert index() == ["search/manifest.js"]  # loaded once, and nothing else before a query


def test_results_page_shows_fifty_at_a_time_and_more_adds_the_rest(site, page, requests):
    # actor pages are described by their kind: this finds most of them (more than 50)
    page.goto(site.file_base + "search/index.html?q=country+person+place+organisation")
    page.wait_for_function(
        "() => /result/.test(document.querySelector('[data-search-page] [role=status]').textContent)"
    )
    items = page.locator("[data-search-page] ol[data-search-results] > li")
    more = page.locator(".digest-search-more")
    status = page.locator("[data-search-page] [role=status]").inner_text()
    total = int(re.match(r"\d+", status).group())
    assert total > 50 and items.count() == 50 and more.is_visible(), status
    more.click()
    page.wait_for_function("n => document.querySelectorAll('ol[data-search-results] > li').length > n", arg=50)
    hrefs = items.locator(".digest-search-hit__head a").evaluate_all("as => as.map(a => a.href)")
    assert len(hrefs) == len(set(hrefs)) == min(total, 100)
    assert page.evaluate("document.activeElement.href") == hrefs[50]  # focus on the first new one
    if total <= 100:
        assert more.is_hidden()
    assert failed(requests) == []


def test_search_works_on_the_404_page_under_a_sub_path(site, page, requests):
    response = page.goto(site.http_base + "no/such/page")
    assert response is not None and response.status == 404
    found = [site_path(href, site.http_base) for _, href in search(page, "Kursk")]
    assert "actors/kursk.html" in found
    assert failed(requests, but=response.url) == [] and leaving(requests, site.http_base) == []
