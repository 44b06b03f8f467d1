"""generator/ingest/feeds.py: RSS 2.0, RSS 1.0 and Atom entries become articles; a file that is
not a feed, or a feed cut short, is one clear rejection; near-duplicates are merged."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.errors import InputError
from generator.ingest import near_duplicate_groups, read_articles
from generator.ingest.feeds import parse_feed
from generator.ingest.fields import detect_language, make_article
from tests.conftest import EXAMPLES, assert_reads_cleanly, fixture

FEEDS = fixture("feeds")


def read(*names: str):
    return read_articles([str(FEEDS / n) for n in names])


def test_rss2_reader_takes_title_date_link_author_summary_and_content_paragraphs():
    result = read("wire-rss2.xml")
    assert not result.rejections
    grain, seoul = sorted(result.articles, key=lambda a: a.title)
    assert grain.title == "Grain corridor reopens after three-day pause in the Black Sea"
    assert grain.date == dt.date(2024, 10, 23)
    assert grain.url == "https://northern-wire.example/world/2024/10/grain-corridor-reopens"
    assert grain.source == "northern-wire.example" and grain.format == "feed"
    assert grain.author == "Ilse Marten" and grain.tags == ("Ukraine", "Shipping")
    assert grain.summary.startswith("Ships began leaving Odesa again")
    # the content's first paragraph is the summary: not repeated; the script is dropped
    assert len(grain.paragraphs) == 3
    assert grain.paragraphs[0].startswith("Ukraine's infrastructure ministry said six bulk carriers")
    assert not any("trackRead" in p for p in grain.paragraphs)
    # a description holding escaped HTML is read as text, its entities decoded once
    assert seoul.summary.endswith("watching the area & the coast closely.")
    assert seoul.paragraphs == ()


def test_rss1_reader_takes_dublin_core_date_and_creator():
    result = read("regional-rss1.rss")
    assert not result.rejections
    ferry, cable = sorted(result.articles, key=lambda a: a.title)
    assert cable.title == "Navy divers inspect damaged undersea cable off Gotland"
    assert cable.date == dt.date(2024, 10, 21) and cable.author == "Baltic Regional Digest staff"
    assert cable.url == "https://baltic-digest.example/notes/cable-inspection"
    assert ferry.date == dt.date(2024, 10, 20) and ferry.source == "baltic-digest.example"


def test_atom_reader_reads_xhtml_content_and_resolves_relative_links_against_the_site():
    result = read("monitor.atom")
    assert not result.rejections
    french = next(a for a in result.articles if a.title.startswith("Le port de Marseille"))
    assert french.url == "https://continental-monitor.example/fr/2024/10/marseille-controles"
    assert french.author == "Claire Dubreuil" and french.date == dt.date(2024, 10, 22)
    assert french.summary.startswith("Les douanes du port de Marseille")
    assert french.paragraphs[0].startswith("Selon la préfecture")


def test_french_entry_is_detected_and_marked_and_english_ones_are_english():
    result = read("monitor.atom", "regional-rss1.rss")
    langs = {a.title[:20]: a.language for a in result.articles}
    assert langs["Le port de Marseille"] == "fr"
    assert set(langs.values()) == {"fr", "en"}


def test_language_is_unknown_when_the_text_is_too_short_to_tell():
    assert detect_language("Troops on the move") is None
    assert detect_language("Die Regierung hat am Dienstag neue Maßnahmen für die Häfen angekündigt.") == "de"


def test_feed_cut_short_is_one_rejection_saying_so():
    result = read("broken.rss")
    assert not result.articles
    (r,) = result.rejections
    assert str(r) == (
        f"{FEEDS / 'broken.rss'}: broken feed: the XML ends before the feed is complete "
        "(no element found at line 10); was the download cut short?"
    )


def test_xml_file_that_is_not_a_feed_is_rejected_naming_its_root_element():
    (r,) = read("not-a-feed.xml").rejections
    assert r.reason == "not an RSS or Atom feed: the root element is <catalogue>"


def test_html_page_given_as_a_feed_is_rejected_as_an_html_page():
    page = fixture("pages/harbour-report.html").read_bytes()
    with pytest.raises(InputError) as err:
        list(parse_feed(page, "http://127.0.0.1/feed", content_type="text/html; charset=utf-8"))
    assert str(err.value) == "http://127.0.0.1/feed: not an RSS or Atom feed: it is an HTML page (text/html)"


def test_feed_data_that_looks_like_a_path_is_never_opened():
    # feedparser opens a str or bytes that names a file; we hand it a stream
    with pytest.raises(InputError, match="not an RSS or Atom feed"):
        list(parse_feed(str(FEEDS / "wire-rss2.xml").encode(), "x.rss"))


def test_an_entry_without_text_is_rejected_and_a_bad_link_only_dropped():
    result = read("bad_entry_link.rss")
    assert [(a.title, a.url) for a in result.articles] == [
        ("A fine entry about port traffic in Gdansk", "https://mixed-feed.example/fine"),
        ("An entry whose link would run code", None),
    ]
    assert [r.reason for r in result.rejections] == ["entry 3: no article text (body and summary are empty)"]
    assert [str(w).rsplit("/", 1)[-1] for w in result.warnings] == [
        "bad_entry_link.rss: url dropped: not an http(s) URL (entry 2)"
    ]
    assert result.warnings[0].value == "javascript:alert(1)"


def test_syndicated_copy_is_merged_into_one_article_listing_both_sources():
    result = read("monitor.atom", "wire-rss2.xml")
    grain = [a for a in result.articles if a.title.startswith("Grain corridor")]
    assert len(grain) == 1
    assert grain[0].sources == ("continental-monitor.example", "northern-wire.example")
    assert any("wire-rss2.xml: same story as" in n and n.endswith("(near-duplicate): merged") for n in result.notices)
    others = [a for a in result.articles if not a.title.startswith("Grain corridor")]
    assert all(a.sources == () for a in others)


def _article(title: str, text: str, date: dt.date | None, source: str):
    return make_article(display=f"{source}.md", fmt="markdown", where="test", title=title, date=date,
                        source=source, summary=text, paragraphs=[])


def test_same_headline_within_two_days_is_one_story_but_not_weeks_apart():
    headline = "Ferry crews vote to strike over winter rosters"
    day = dt.date(2024, 10, 20)
    arts = [
        _article(headline, "Crews on two lines voted to strike next month.", day, "a.example"),
        _article(headline, "A union said its members backed a walkout over rest between crossings.",
                 day + dt.timedelta(days=1), "b.example"),
        _article(headline, "Another vote, another season, the same complaint about rosters.",
                 day + dt.timedelta(days=30), "c.example"),
        _article("Live updates", "Updates on the ferry dispute follow through the day.", day, "d.example"),
        _article("Live updates", "Updates on the ferry dispute follow through the day, with pictures.", day, "e.example"),
    ]
    assert near_duplicate_groups(arts) == [[0, 1]]


def test_different_stories_on_one_topic_are_not_merged():
    result = read_articles([str(EXAMPLES)])
    assert not [n for n in result.notices if "same story" in n]
    assert all(a.sources == () for a in result.articles)


MARKUPISH = st.text(alphabet=st.sampled_from(list("<>&;\"'`[](){}#!/:=. \nabcXYZ01é\u202e")), max_size=200)
FEEDISH = st.builds(
    lambda title, text, link: (
        f'<rss version="2.0"><channel><link>{link}</link><item><title>{title}</title>'
        f"<link>{link}</link><description>{text}</description><pubDate>{title}</pubDate></item></channel></rss>"
    ).encode(),
    MARKUPISH,
    MARKUPISH,
    st.one_of(MARKUPISH, st.just("https://a.example/x"), st.just("/relative")),
)


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(st.binary(max_size=1500), FEEDISH), st.sampled_from(["a.rss", "a.atom", "a.xml"]))
def test_feed_reader_never_crashes_on_any_bytes(data, name):
    assert_reads_cleanly(name, data)


def test_near_duplicate_search_resumes_where_the_texts_stop_matching():
    """With last time's state, only the texts after the common prefix are searched, and the
    groups are the ones a full search finds, whatever was added, removed or reordered."""
    import random

    from bench.corpus import article as bench_article

    rng = random.Random(7)
    base = []
    for n in range(60):
        text = bench_article(n, rng).split("---", 2)[2]
        base.append(_article(f"Story {n}", " ".join(text.split()), dt.date(2024, 1, 1 + n % 28), f"s{n}.example"))
    copies = [_article(f"Copy {n}", base[n].summary.replace(" the ", " a ", 1), None, f"c{n}.example") for n in (3, 17, 41)]
    state: dict = {}
    sequences = [base[:40] + copies[:1], base[:40] + copies[:1], base[:40] + copies[:1] + base[40:] + copies[1:],
                 base[:10] + base[11:] + copies, list(reversed(base)) + copies]
    from generator import ingest

    compared = []
    real = ingest._estimate
    ingest._estimate = lambda a, b: compared.append(1) or real(a, b)
    try:
        for n, arts in enumerate(sequences):
            compared.clear()
            resumed = near_duplicate_groups(arts, {}, state)
            with_state = len(compared)
            compared.clear()
            assert resumed == near_duplicate_groups(arts), len(arts)
            if n == 1:  # the same texts again: nothing is searched
                assert with_state == 0 < len(compared)
            if n == 2:  # the first 41 texts are last time's: only the new ones are searched
                assert 0 < with_state < len(compared)
    finally:
        ingest._estimate = real
    assert near_duplicate_groups(sequences[2]) == [[3, 40], [17, 61], [42, 62]]
