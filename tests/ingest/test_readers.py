"""generator/ingest: every format parses; a file without readable text is one clear rejection, a bad
field is dropped with a warning and its article kept."""

from __future__ import annotations

import datetime as dt

import pytest

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


def read_kept(name: str):
    """The one article of a fixture with a bad field, and its warnings as printed."""
    result = read_articles([str(fixture(name))])
    assert not result.rejections, result.rejections
    (art,) = result.articles
    assert art.dropped == result.warnings
    return art, [str(w).removeprefix(str(fixture("")) + "/") for w in result.warnings]


def test_a_date_that_is_not_a_date_is_dropped_and_the_article_kept():
    art, warnings = read_kept("bad_date.md")
    assert art.date is None and art.title == "Bad date" and art.paragraphs == ("Body text.",)
    assert warnings == ["bad_date.md:3: date dropped: not a date"]
    assert art.dropped[0].value == "last Tuesday"


def test_invalid_yaml_drops_the_front_matter_with_its_line_and_keeps_the_body():
    art, warnings = read_kept("bad_yaml.md")
    assert art.paragraphs == ("Body.",) and art.title == "Body" and art.title_derived
    (w,) = warnings
    assert w.startswith(("bad_yaml.md:2: front matter dropped: not valid YAML", "bad_yaml.md:3: front matter dropped: not valid YAML"))


def test_a_javascript_url_is_dropped_with_a_warning_and_the_article_kept():
    art, warnings = read_kept("javascript_url.md")
    assert art.url is None and art.title == "Evil"
    assert art.paragraphs == ("The text of this article is fine; only its link would run code.",)
    assert warnings == ["javascript_url.md:3: url dropped: not an http(s) URL"]


@pytest.mark.parametrize(
    ("line", "field", "problem"),
    [
        ('url: "data:text/html;base64,PHNjcmlwdD4="', "url", "not an http(s) URL"),
        ("url: ftp://files.example/a", "url", "not an http(s) URL"),
        ('url: "https://x.example/a b"', "url", "not an http(s) URL"),
        ("url: {href: x}", "url", "not an http(s) URL (a dict)"),
        ("date: 9999-01-01", "date", "out of range (1900-2100): 9999-01-01"),
        ("date: [2024]", "date", "not a date (a list)"),
        ("title: {a: b}", "title", "must be text, not a dict"),
        ("source: [a, b]", "source", "must be text, not a list"),
        ("author: {name: x}", "author", "must be text, not a dict"),
        ("tags: {a: b}", "tags", "must be a list of words, not a dict"),
        ("tags: [ok, [nested], {a: b}]", "tags", "2 of 3 are not words"),
        ("summary: [a, b]", "summary", "must be text, not a list"),
    ],
)
def test_every_bad_metadata_field_is_dropped_with_file_line_field_and_problem(tmp_path, line, field, problem):
    path = tmp_path / "a.md"
    path.write_text(f"---\ntitle: Kept\n{line}\n---\nThe text of the article is fine.\n")
    result = read_articles([str(path)])
    assert not result.rejections
    (art,) = result.articles
    assert [str(w) for w in result.warnings] == [f"{path}:3: {field} dropped: {problem}"]
    assert art.paragraphs == ("The text of the article is fine.",)
    if field == "url":
        assert art.url is None
    if field == "tags" and "nested" in line:
        assert art.tags == ("ok",)
    if field != "title":
        assert art.title == "Kept"


def test_json_fields_are_dropped_with_item_or_line_and_the_article_kept(tmp_path):
    listing = tmp_path / "a.json"
    listing.write_text('[{"title": "Fine", "body": "Text one."}, {"title": "Two", "url": "javascript:x()", "body": "Text two."}]')
    lines = tmp_path / "b.jsonl"
    lines.write_text('{"title": "L1", "body": "Line one."}\n{"title": "L2", "date": "soon", "body": {"x": 1}, "summary": "Sum."}\n')
    result = read_articles([str(listing), str(lines)])
    assert not result.rejections
    assert [a.title for a in result.articles] == ["Fine", "Two", "L1", "L2"]
    assert [str(w) for w in result.warnings] == [
        f"{listing}: url dropped: not an http(s) URL (item 2)",
        f"{lines}:2: body dropped: must be text, not a dict",
        f"{lines}:2: date dropped: not a date",
    ]


def test_an_article_is_rejected_only_when_it_has_no_text(tmp_path):
    (tmp_path / "a.md").write_text("---\ntitle: Only a title\nurl: javascript:x()\n---\n")
    (tmp_path / "b.jsonl").write_text('{"title": "No text", "body": {"x": 1}}\n')
    result = read_articles([str(tmp_path)])
    assert not result.articles
    assert sorted(r.reason for r in result.rejections) == [
        "JSON: no article text (body and summary are empty)",
        "front matter: no article text (body and summary are empty)",
    ]


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
    bad.write_text("---\ntitle: [unclosed\n\nBody.\n")
    for _ in range(2):  # a rejected file is not cached: it says why every time
        result = ingest.read_articles([str(bad)], cache_dir=cache)
        assert not result.articles and len(result.rejections) == 1

    odd = tmp_path / "c.md"
    odd.write_text("---\ntitle: Odd\nurl: javascript:x()\n---\n\nBody.\n")
    first = ingest.read_articles([str(odd)], cache_dir=cache).warnings
    again = ingest.read_articles([str(odd)], cache_dir=cache).warnings  # from the cache: still said
    assert [str(w) for w in first] == [str(w) for w in again] == [f"{odd}:3: url dropped: not an http(s) URL"]


def test_articles_from_the_read_cache_come_with_their_keys_as_made_from_their_text(tmp_path, monkeypatch):
    """The read cache keeps each article's key: an unchanged file's articles are not hashed
    again, and the key given back is the one made from the article (``cache._article_key``)."""
    import json

    from generator import cache as analysis_cache
    from generator import ingest

    src = tmp_path / "articles"
    src.mkdir()
    (src / "a.md").write_text("---\ntitle: One\ndate: 2024-05-01\n---\n\nBody of the first one.\n")
    (src / "b.md").write_text("---\ntitle: Two\n---\n\nBody of the second one, undated.\n")
    (src / "c.txt").write_text("Seoul, 3 May 2024 - Body of the third one.\nOriginal Source: x.org\n")
    cache = tmp_path / "cache"
    first = ingest.read_articles([str(src)], cache_dir=cache).articles
    assert len(first) == 3
    analysis_cache.article_key.cache_clear()
    with monkeypatch.context() as m:
        m.setattr(analysis_cache, "_article_key", lambda a: pytest.fail("an unchanged article was hashed again"))
        again = ingest.read_articles([str(src)], cache_dir=cache).articles
        keys = [analysis_cache.article_key(a) for a in again]
    assert again == first
    assert keys == [analysis_cache._article_key(a) for a in first]
    for shard in cache.glob("read-v1-*/*.json"):  # keys missing: the file is read again, and hashed
        shard.write_text(json.dumps({k: v[:2] for k, v in json.loads(shard.read_text()).items()}))
    analysis_cache.article_key.cache_clear()
    assert [analysis_cache.article_key(a) for a in ingest.read_articles(
        [str(src)], cache_dir=cache).articles] == keys


def test_the_near_duplicate_files_are_written_only_when_the_texts_change(tmp_path):
    """A read of the same texts finds the sketches and the near-duplicate state it would write
    already there and writes neither; a text added writes both, the same as a read from nothing."""
    from generator import ingest

    src = tmp_path / "articles"
    src.mkdir()
    body = "Officials in Seoul said the northern side moved artillery closer to the border overnight. " * 3
    (src / "a.md").write_text(f"---\ntitle: One\ndate: 2024-05-01\n---\n\n{body}\n")
    (src / "b.md").write_text(f"---\ntitle: Copy\ndate: 2024-05-01\n---\n\n{body} Updated.\n")
    cache = tmp_path / "cache"
    first = ingest.read_articles([str(src)], cache_dir=cache)
    assert len(first.articles) == 1 and any("near-duplicate" in n for n in first.notices)  # the copy merged
    files = [cache / "sketches-v1.json", cache / "near-duplicates-v1.json"]
    stamps = [(f.stat().st_ino, f.stat().st_mtime_ns) for f in files]
    assert ingest.read_articles([str(src)], cache_dir=cache) == first
    assert [(f.stat().st_ino, f.stat().st_mtime_ns) for f in files] == stamps  # not written again
    (src / "c.md").write_text("---\ntitle: Other\ndate: 2024-05-02\n---\n\nA different story about tariffs on steel and ships.\n")
    again = ingest.read_articles([str(src)], cache_dir=cache)
    fresh = tmp_path / "fresh"
    assert again == ingest.read_articles([str(src)], cache_dir=fresh)
    assert [f.read_bytes() for f in files] == [(fresh / f.name).read_bytes() for f in files]


def test_the_list_of_rejections_a_build_writes_is_not_read_as_articles(tmp_path):
    (tmp_path / "rejected.jsonl").write_text('{"kind": "rejected", "path": "x.txt", "line": null, "reason": "empty file"}\n')
    (tmp_path / "a.txt").write_text("A real article about Seoul.\nOriginal Source: x.org\n")
    result = read_articles([str(tmp_path)])
    assert [a.summary for a in result.articles] == ["A real article about Seoul."] and not result.rejections
    assert result.notices == (f"{tmp_path}/rejected.jsonl: skipped: the list of rejections a build writes",)


def test_a_folder_lists_its_files_as_sorted_rglob_did_without_hidden_ones_or_symlinked_folders(tmp_path):
    """``find_files`` walks a folder with ``os.walk``: the same files, in the order of
    ``sorted(folder.rglob("*"))`` (by path parts: ``a/b/z.md`` before ``a-b/y.md``), leaving out
    hidden files and folders and not entering a symlinked folder, as ``rglob`` does not."""
    from pathlib import Path

    from generator.ingest import READERS, REJECTED_LIST, find_files

    root = tmp_path / "in"
    for rel in ("x.md", "a-b/y.md", "a/b/z.md", "a/b/w.txt", "a/rejected.jsonl", REJECTED_LIST, "sub/.hidden.md",
                "sub/.folder/q.md", "sub/k.json", "sub/README", "sub/note.xyz", "sub/a."):
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text("---\ntitle: T\n---\n\nText.\n")
    (root / "sub" / "link").symlink_to(root / "a")
    (root / "sub" / "broken.md").symlink_to(root / "nowhere")
    files, rejections, notices = find_files(["in"], tmp_path)
    expected = [c for c in sorted(root.rglob("*")) if c.is_file()
                and not any(part.startswith(".") for part in c.relative_to(root).parts)]
    assert [f for f, _ in files] == [c for c in expected if c.suffix.lower() in READERS and c != root / REJECTED_LIST]
    assert [d for _, d in files][:3] == [str(Path("in", "a", "b", "w.txt")), str(Path("in", "a", "b", "z.md")),
                                         str(Path("in", "a", "rejected.jsonl"))]
    assert not rejections
    assert notices == [f"{Path('in', REJECTED_LIST)}: skipped: the list of rejections a build writes",
                       f"{Path('in', 'sub', 'a.')}: skipped: not an article file (suffix '')",
                       f"{Path('in', 'sub', 'note.xyz')}: skipped: not an article file (suffix '.xyz')"]
