"""Search never turns hostile article text into markup, in real Chromium.

The hostile corpus (tests/fixtures/hostile/: titles, sources, summaries and bodies full of
<script>, <img onerror>, <svg onload>, javascript: links...) is built into a site; its words are
typed into the header's search box with key events, and the results, their snippets and
highlights, and the full results page must hold that text as text: no element, attribute or
URL from the input, no dialog opened by a payload, and the payload's characters visible as
typed. (A search.js that set a snippet with innerHTML fails here: checked by hand.)
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page

from generator.build import run
from generator.config import load_config
from tests.browser.conftest import search
from tests.conftest import FIXTURES, make_project

pytestmark = [pytest.mark.browser, pytest.mark.slow]

BOX = "#digest-search-box"
# What search-payloads.md and the older hostile fixtures put in titles, summaries and bodies,
# as a reader must see it in the results (text), and words of each to search for.
QUERIES = {
    "zanzibarite": "<img src=x onerror=alert('zanzititle')>",  # a title
    "quorumfix": "<svg onload=alert('zanzisvg')>",  # a summary: the snippet
    "klaxonword": "<a href=\"javascript:alert('zanzilink')\"",  # a body sentence
    "drumlinvale": "<img src=x onerror=alert('zanzisnippet')>",  # another body sentence
    "spy agency": "<img src=x onerror=alert('json')>",  # json-markup.json's title
}
# Every element and attribute a payload could make; none may exist in the results.
INJECTED = """root => {
    const all = [...root.querySelectorAll('*')];
    return {
        elements: all.filter(e => ['SCRIPT', 'IMG', 'SVG', 'IFRAME', 'B', 'OBJECT', 'EMBED', 'svg']
                                  .includes(e.tagName)).map(e => e.outerHTML.slice(0, 80)),
        handlers: all.flatMap(e => [...e.attributes].filter(a => a.name.startsWith('on'))
                                   .map(a => e.tagName + ' ' + a.name)),
        urls: all.flatMap(e => ['href', 'src', 'action', 'formaction'].map(k => e.getAttribute(k))
                                   .filter(v => v && /^\\s*(javascript|data|vbscript):/i.test(v))),
        marks: [...root.querySelectorAll('mark')].map(m => [m.children.length, m.textContent]),
        text: root.innerText,
    };
}"""


@pytest.fixture(scope="module")
def hostile(tmp_path_factory, analyser):
    project = make_project(tmp_path_factory.mktemp("hostile-search"), sorted((FIXTURES / "hostile").iterdir()))
    result = run(load_config(project), analyser=analyser)
    assert result.built == len(list((FIXTURES / "hostile").iterdir())) and not result.rejections
    return project / "site"


@pytest.fixture
def dialogs(page: Page) -> list[str]:
    """Every alert/confirm/prompt a page opens (a payload that ran would open one)."""
    opened: list[str] = []

    def seen(dialog):
        opened.append(dialog.message)
        dialog.dismiss()

    page.on("dialog", seen)
    return opened


def _check(found: dict, payload: str, where: str) -> None:
    assert found["elements"] == [], (where, found["elements"])
    assert found["handlers"] == [], (where, found["handlers"])
    assert found["urls"] == [], (where, found["urls"])
    for children, text in found["marks"]:  # highlights hold text only, and only the query's words
        assert children == 0 and "<" not in text and ">" not in text, (where, text)
    assert payload in found["text"], (where, payload, found["text"][:600])


@pytest.mark.parametrize("query", list(QUERIES))
def test_results_snippets_and_highlights_hold_hostile_text_as_text(hostile, page, dialogs, query):
    page.goto((hostile / "index.html").as_uri())
    results = search(page, query)
    assert results, f"no result for {query!r}"
    panel = page.locator("[data-search-results]").first
    found = panel.evaluate(INJECTED)
    _check(found, QUERIES[query], f"dropdown for {query!r}")
    assert found["marks"], f"nothing highlighted for {query!r}"
    assert all(w in " ".join(t.lower() for _, t in found["marks"]) for w in query.split()), found["marks"]
    assert dialogs == []


def test_full_results_page_holds_hostile_text_as_text(hostile, page, dialogs):
    page.goto((hostile / "index.html").as_uri())
    search(page, "zanzibarite quorumfix klaxonword drumlinvale")
    page.locator(BOX).press("Enter")
    page.wait_for_url(re.compile(r".*/search/index\.html\?q=.*"))
    page.wait_for_function(
        "() => /result/.test(document.querySelector('[data-search-page] [role=status]').textContent)"
    )
    results = page.locator("[data-search-page]").first
    found = results.evaluate(INJECTED)
    for payload in ("<img src=x onerror=alert('zanzititle')>", "<script>alert('zanziscript')</script>"):
        _check(found, payload, "results page")
    # the filters list the payload-laden source by name, as text too
    assert "<b onmouseover=alert('zanzisource')>zanzi.example</b>" in found["text"]
    assert found["marks"]
    assert dialogs == []
