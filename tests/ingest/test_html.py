"""generator/ingest/html.py: a saved page gives its main text and metadata without the menus,
adverts and cookie banners around it; feed fragments become plain text paragraphs."""

from __future__ import annotations

import datetime as dt

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.ingest import read_articles
from generator.ingest.html import html_paragraphs
from tests.conftest import assert_reads_cleanly, fixture

PAGES = fixture("pages")


def read_page(name: str):
    return read_articles([str(PAGES / name)])


def test_saved_page_gives_title_date_author_canonical_url_and_main_text():
    result = read_page("harbour-report.html")
    assert not result.rejections
    (art,) = result.articles
    assert art.title == "Grain ships wait outside Odesa as insurers weigh new risks"
    assert art.date == dt.date(2024, 10, 23)
    assert art.author == "Mira Castellan"
    assert art.url == "https://harbour-ledger.example/2024/10/grain-ships-wait-outside-odesa"
    assert art.source == "harbour-ledger.example" and art.format == "html" and art.language == "en"
    assert art.summary.startswith("Shipping brokers say at least fourteen bulk carriers")
    assert art.paragraphs[0].startswith("Shipping brokers said on Wednesday")
    assert art.paragraphs[-1].endswith("would take at least ten days.")
    assert len(art.paragraphs) == 4


def test_saved_page_drops_menus_adverts_cookie_banners_sidebars_and_footers():
    (art,) = read_page("harbour-report.html").articles
    text = "\n".join((art.summary, *art.paragraphs))
    for boilerplate in ("cookies", "Subscribe today", "QuickFreight", "Most read", "All rights reserved", "dataLayer"):
        assert boilerplate not in text


def test_german_page_is_read_and_marked_as_german():
    (art,) = read_page("hafen-bericht-de.html").articles
    assert art.language == "de"
    assert art.title == "Hamburger Hafen meldet Rückgang beim Containerumschlag"
    assert art.date == dt.date(2024, 10, 22) and art.author == "Jonas Albrecht"
    assert not any("Cookies" in p for p in art.paragraphs)


def test_page_without_article_text_is_one_rejection_and_the_folder_still_reads():
    result = read_articles([str(PAGES)])
    assert len(result.articles) == 2
    (r,) = result.rejections
    assert r.path.endswith("menu-only.html")
    assert r.reason == "HTML page: no article text found (only menus, links or an empty page?)"


def test_html_fragments_become_text_paragraphs_with_markup_kept_as_text():
    fragment = (
        "<p>First &amp; <b>bold</b> line.</p><script>alert(1)</script>"
        "<ul><li>one</li><li>two</li></ul><p>Shown as text: &lt;img src=x onerror=alert(2)&gt;</p>"
    )
    assert html_paragraphs(fragment) == [
        "First & bold line.",
        "one",
        "two",
        "Shown as text: <img src=x onerror=alert(2)>",
    ]
    assert html_paragraphs("Plain text, no tags.\n\nSecond &amp; last.") == ["Plain text, no tags.", "Second & last."]


PAGEISH = st.builds(
    lambda head, body: f"<html><head>{head}</head><body><article>{body}</article></body></html>".encode(),
    st.text(alphabet=st.sampled_from(list("<>&;\"'/=. abmetalinkcnoil")), max_size=120),
    st.text(alphabet=st.sampled_from(list("<>&;\"'/=. \npabcXYZé\u202e")), max_size=400),
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(st.binary(max_size=1500), PAGEISH))
def test_html_reader_never_crashes_on_any_bytes(data):
    assert_reads_cleanly("page.html", data)
