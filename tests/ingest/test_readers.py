"""generator/ingest: every format parses; every bad input is one clear rejection."""

from __future__ import annotations

import datetime as dt

from generator.ingest import read_articles
from tests.conftest import EXAMPLES, fixture


def read_one(name: str):
    result = read_articles([str(fixture(name))])
    return result.articles, result.rejections


def test_text_reader_takes_summary_body_and_source_line():
    (art,), rej = read_one("plain_single_newlines.txt")
    assert not rej
    assert art.summary.startswith("North Korea has moved troops")
    assert art.paragraphs == ("The deployment follows weeks of tension.",)
    assert art.source == "example.org"
    assert art.title_derived and art.title == "North Korea has moved troops toward the border, officials said"
    assert art.date is None and art.format == "text"


def test_markdown_reader_reads_front_matter_and_paragraphs():
    (art,), rej = read_one("front_matter.md")
    assert not rej
    assert art.title == "Troops on the move"
    assert art.date == dt.date(2024, 10, 21)
    assert art.url == "https://seoul-monitor.example/a"
    assert art.tags == ("north-korea", "russia")
    assert art.paragraphs == ("First paragraph still first.", "Second paragraph.")


def test_json_reader_reads_a_list_of_articles():
    arts, rej = read_one("list.json")
    assert not rej
    assert [a.title for a in arts] == ["One", "Two"]
    assert arts[0].paragraphs == ("P1.", "P2.")
    assert arts[0].source == "a.example"


def test_jsonl_reader_rejects_only_the_bad_line():
    arts, rej = read_one("bad_line_2.jsonl")
    assert [a.title for a in arts] == ["Line one", "Line three"]
    assert len(rej) == 1 and rej[0].line == 2
    assert str(rej[0]).endswith("bad_line_2.jsonl:2: not valid JSON: Expecting ',' delimiter at column 42")


def test_markdown_reader_rejects_unclosed_front_matter():
    arts, (r,) = read_one("unclosed_front_matter.md")
    assert not arts and "front matter: not closed" in r.reason


def test_markdown_reader_rejects_a_date_that_is_not_a_date():
    _, (r,) = read_one("bad_date.md")
    assert r.reason == "front matter: 'date' is not a date: \"last Tuesday\""


def test_markdown_reader_rejects_invalid_yaml_with_line():
    _, (r,) = read_one("bad_yaml.md")
    assert "front matter: not valid YAML" in r.reason and r.line in (2, 3)  # libyaml points at the end


def test_reader_rejects_javascript_urls():
    _, (r,) = read_one("javascript_url.md")
    assert r.reason == "front matter: 'url' is not an http(s) URL: \"javascript:alert(1)\""


def test_empty_and_binary_files_are_rejected_with_reason():
    assert read_one("empty.txt")[1][0].reason == "empty file"
    assert "binary file" in read_one("binary.txt")[1][0].reason


def test_windows_1252_and_bom_are_decoded():
    (art,), _ = read_one("windows_1252.txt")
    assert "café in Pyongyang – a report." in art.summary
    (bom,), _ = read_one("bom.txt")
    assert bom.summary.startswith("A BOM article")


def test_missing_path_and_unknown_suffix_are_rejections(tmp_path):
    odd = tmp_path / "notes.docx"
    odd.write_text("x")
    result = read_articles([str(tmp_path / "nope"), str(odd)])
    reasons = sorted(r.reason for r in result.rejections)
    assert reasons[0] == "no such file or folder"
    assert reasons[1].startswith("unknown article format '.docx'")


def test_duplicates_are_merged_with_a_notice(tmp_path):
    for name in ("a.txt", "b.txt"):
        (tmp_path / name).write_text("Same text about Seoul.\nOriginal Source: x.org\n")
    result = read_articles([str(tmp_path)])
    assert len(result.articles) == 1
    assert any("duplicate of" in n and "merged" in n for n in result.notices)


def test_sample_corpus_reads_in_all_formats_without_rejection():
    result = read_articles([str(EXAMPLES)])
    assert not result.rejections
    assert len(result.articles) >= 12
    assert {a.format for a in result.articles} >= {"text", "markdown", "json", "jsonl"}
    dated = sorted(a.date for a in result.articles if a.date)
    assert (dated[-1] - dated[0]).days >= 21
    ids = [a.id for a in result.articles]
    assert len(ids) == len(set(ids))


def test_unchanged_files_come_from_the_read_cache_and_changed_ones_are_read_again(tmp_path, monkeypatch):
    from generator import ingest

    art = tmp_path / "a.md"
    art.write_text("---\ntitle: One\ndate: 2024-05-01\n---\n\nBody of the first version.\n")
    cache = tmp_path / "cache"
    first = ingest.read_articles([str(art)], cache_dir=cache)
    assert [a.title for a in first.articles] == ["One"]

    def no_reading(path, display):
        raise AssertionError("an unchanged file was parsed again")

    with monkeypatch.context() as m:
        m.setitem(ingest.READERS, ".md", no_reading)
        assert ingest.read_articles([str(art)], cache_dir=cache).articles == first.articles

    art.write_text("---\ntitle: Two\ndate: 2024-05-02\n---\n\nBody of the second, longer version.\n")
    assert [a.title for a in ingest.read_articles([str(art)], cache_dir=cache).articles] == ["Two"]
    for shard in cache.glob("read-v1-*/*.json"):  # a corrupt cache is read past, never trusted
        shard.write_text('{"' + str(art) + '": [[1, 2], [["x"]]], "broken')
    assert [a.title for a in ingest.read_articles([str(art)], cache_dir=cache).articles] == ["Two"]

    bad = tmp_path / "b.md"
    bad.write_text("---\ntitle: [unclosed\n---\n\nBody.\n")
    for _ in range(2):  # a rejected file is not cached: it says why every time
        result = ingest.read_articles([str(bad)], cache_dir=cache)
        assert not result.articles and len(result.rejections) == 1
