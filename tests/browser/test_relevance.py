"""Search relevance on the sample corpus: every query of examples/relevance.yml, typed into the
real search box in Chromium, lists each expected article in its top 5 results.

The judgements name input files; the build's downloads/articles.jsonl.gz says which page each file
became (a .json or .jsonl file holds several articles: any of them counts).
"""

from __future__ import annotations

import gzip
import json
import re
from collections import defaultdict
from pathlib import Path, PurePosixPath

import pytest
import yaml

from tests.browser.conftest import VIEWPORT, search, site_path
from tests.conftest import ROOT

# On the MkDocs site only: the ranking is the digest's search.js over its index (search/), the
# same files byte for byte under Zensical (tests/browser/test_search.py checks that, and the
# search box's behaviour, on both engines).
pytestmark = [pytest.mark.browser, pytest.mark.slow, pytest.mark.parametrize("engine", ["mkdocs"], indirect=True)]

JUDGEMENTS = yaml.safe_load((ROOT / "examples" / "relevance.yml").read_text(encoding="utf-8"))
TOP = 5


def pages_by_file(site_root: Path) -> dict[str, set[str]]:
    """Input file name -> the site paths of its articles."""
    pages: dict[str, set[str]] = defaultdict(set)
    for line in gzip.decompress((site_root / "downloads" / "articles.jsonl.gz").read_bytes()).decode("utf-8").splitlines():
        if line.strip():
            article = json.loads(line)
            path = re.sub(r":\d+$", "", article["input"])  # "wire.jsonl:2": its second line
            pages[PurePosixPath(path).name].add(article["page"])
    return pages


@pytest.fixture(scope="module")
def tab(browser, site):
    """One page for every query (the box is emptied before each), opened from file://."""
    context = browser.new_context(viewport=VIEWPORT)
    page = context.new_page()
    page.goto(site.file_base + "index.html")
    yield page
    context.close()


def test_every_judged_file_is_an_article_of_the_sample(site):
    pages = pages_by_file(site.root)
    named = {f for j in JUDGEMENTS for f in j["expect"]}
    assert len(JUDGEMENTS) >= 36
    assert named <= set(pages), sorted(named - set(pages))


@pytest.mark.parametrize("judgement", JUDGEMENTS, ids=[j["query"] for j in JUDGEMENTS])
def test_expected_articles_are_in_the_top_five(site, tab, judgement):
    pages = pages_by_file(site.root)
    results = [site_path(href, site.file_base) for _, href in search(tab, judgement["query"])]
    top = results[:TOP]
    missing = [f for f in judgement["expect"] if not pages[f] & set(top)]
    assert not missing, f"{judgement['query']!r}: {missing} not in the top {TOP}: {top}"
