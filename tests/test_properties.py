"""Property tests (Hypothesis) over the readers, the escaping and the slugs: whatever the
input, no crash, no escape from the output folder, no raw HTML from input in the output."""

from __future__ import annotations

import html
import re
import tempfile
from pathlib import Path

import markdown
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.ingest import read_articles
from generator.model import RawArticle, Rejection
from generator.render.escape import esc, safe_title
from generator.slugs import article_slug, unique_slugs
from generator.textclean import strip_controls
from generator.write import write_tree

TEXT = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=300)
MARKUPISH = st.text(alphabet=st.sampled_from(list("<>&\"'`*_[](){}#!|:-+=~^$\\/ .\n\tabcXYZ01é🙂\u202e")), max_size=200)
FIELD = st.one_of(st.none(), TEXT, MARKUPISH, st.integers(), st.lists(TEXT, max_size=3), st.dates())
EXTENSIONS = ["tables", "attr_list", "md_in_html", "admonition", "toc", "pymdownx.snippets"]
SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _read(name: str, data: bytes) -> list:
    with tempfile.TemporaryDirectory() as d:
        path = Path(d) / name
        path.write_bytes(data)
        result = read_articles([str(path)])
    return [*result.articles, *result.rejections]


@SETTINGS
@given(st.binary(max_size=2000), st.sampled_from(["a.txt", "a.md", "a.json", "a.jsonl"]))
def test_readers_never_crash_on_any_bytes(data, name):
    for item in _read(name, data):
        assert isinstance(item, (RawArticle, Rejection))
        if isinstance(item, Rejection):
            assert item.reason and "unexpected error" not in item.reason


@SETTINGS
@given(st.dictionaries(st.sampled_from(["title", "date", "source", "url", "summary", "tags", "layout", "id"]), FIELD), MARKUPISH)
def test_random_front_matter_reads_or_is_rejected_cleanly(meta, body):
    """Whatever the front matter holds, a bad field is dropped, never a reason to reject: an
    article is rejected only when it has no text."""
    front = yaml.safe_dump(meta, allow_unicode=True, default_flow_style=False)
    data = f"---\n{front}---\n{body}\n".encode()
    for item in _read("a.md", data):
        assert isinstance(item, (RawArticle, Rejection))
        if isinstance(item, Rejection):
            assert item.reason == "front matter: no article text (body and summary are empty)", item.reason
        else:
            assert item.url is None or re.match(r"https?://", item.url), item.url


@SETTINGS
@given(st.one_of(TEXT, MARKUPISH))
def test_escaped_text_renders_as_that_text_with_no_markup(text):
    out = markdown.markdown(esc(text), extensions=EXTENSIONS)
    collapsed = " ".join(strip_controls(text).split())
    if not collapsed:
        return
    assert out.startswith("<p>") and out.endswith("</p>")
    inner = out[3:-4]
    assert not re.search(r"<[a-zA-Z/!]", inner), inner
    assert html.unescape(inner) == collapsed


@SETTINGS
@given(st.one_of(TEXT, MARKUPISH))
def test_safe_titles_hold_no_markup_characters(text):
    assert not set(safe_title(text)) & set("<>&\"'`{}\\")


@SETTINGS
@given(st.lists(st.one_of(TEXT, MARKUPISH), min_size=1, max_size=12, unique=True))
def test_slugs_are_unique_and_stay_inside_the_output_folder(names):
    slugs = unique_slugs(names)
    assert len(set(slugs.values())) == len(names)
    with tempfile.TemporaryDirectory() as d:
        root = Path(d) / "docs"
        pages = {f"actors/{s}.md": "x" for s in slugs.values()}
        pages.update({f"articles/{article_slug(n, '0123456789ab')}.md": "y" for n in names[:1]})
        write_tree(root, pages, ("actors", "articles"))
        for p in root.rglob("*"):
            assert p.resolve().is_relative_to(root.resolve())
            assert re.fullmatch(r"[a-z0-9-]{1,60}(\.md)?", p.name), p.name
