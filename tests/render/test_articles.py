"""generator/render/articles.py: an article page names its other sources, its author and a
language other than English, all escaped."""

from __future__ import annotations

from dataclasses import replace

from generator.digest import build_digest
from generator.ingest import read_articles
from generator.render.articles import article_page
from generator.render.escape import h
from tests.conftest import fixture


def _pages(analyser, articles) -> dict[str, str]:
    digest = build_digest(list(analyser.analyse(articles)), ())
    return {e.article.title: article_page(e, digest) for e in digest.articles}


def test_article_page_lists_the_other_sources_and_marks_a_foreign_language(analyser):
    result = read_articles([str(fixture("feeds/monitor.atom")), str(fixture("feeds/wire-rss2.xml"))])
    pages = _pages(analyser, result.articles)
    grain = pages["Grain corridor reopens after three-day pause in the Black Sea"]
    assert "<strong>Also reported by:</strong> northern-wire.example</p>" in grain
    assert "<strong>By:</strong> Ilse Marten" in grain
    assert "Language:" not in grain
    french = pages["Le port de Marseille renforce ses contrôles après une saisie record"]
    assert "<strong>Language:</strong> fr (not analysed: the analysis reads English only)" in french
    assert "Also reported by" not in french


def test_sources_and_author_reach_the_page_only_escaped(analyser):
    (art,) = read_articles([str(fixture("pages/harbour-report.html"))]).articles
    hostile = replace(
        art,
        author="<img src=x onerror=alert(1)>",
        sources=(art.source, "<script>alert(2)</script>", "[x](javascript:alert(3))"),
    )
    (page,) = _pages(analyser, [hostile]).values()
    for raw in ("<img", "<script>", 'href="javascript:'):
        assert raw not in page
    assert h("<script>alert(2)</script>, [x](javascript:alert(3))") in page


def test_the_page_never_publishes_an_absolute_path_of_the_builders_machine(analyser):
    (art,) = read_articles([str(fixture("pages/harbour-report.html"))]).articles
    (page,) = _pages(analyser, [replace(art, path="/home/builder/inbox-q7x/harbour-report.html")]).values()
    assert "/home/builder" not in page and "inbox-q7x" not in page
    assert "<strong>File:</strong> harbour-report.html</p>" in page
    (page,) = _pages(analyser, [replace(art, path="articles/harbour-report.html")]).values()
    assert "<strong>File:</strong> articles/harbour-report.html</p>" in page  # as named in the project
