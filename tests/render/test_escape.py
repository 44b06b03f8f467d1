"""generator/render/escape.py: article text renders as text, whatever it holds."""

from __future__ import annotations

import markdown
import pytest

from generator.render.escape import esc, safe_title, safe_url

HOSTILE = [
    "<script>alert(1)</script>",
    '<img src=x onerror="alert(1)">',
    "[click](javascript:alert(1))",
    "![x](data:text/html;base64,PHNjcmlwdD4=)",
    "# Heading",
    "| a | b |\n|---|---|",
    "!!! danger \"Admonition\"",
    "<div>raw</div>",
    "{{ config.site_name }} {% include 'x' %}",
    "--8<-- \"mkdocs.yml\"",
    "1. list item",
    "*emphasis* __strong__ `code`",
    "{: .class onclick='x' }",
    "&amp; &lt;b&gt;",
]

EXTENSIONS = ["tables", "attr_list", "md_in_html", "admonition", "toc", "pymdownx.snippets"]


@pytest.mark.parametrize("text", HOSTILE)
def test_escaped_text_renders_as_exactly_that_text(text):
    html = markdown.markdown(esc(text), extensions=EXTENSIONS)
    assert html.startswith("<p>") and html.endswith("</p>")
    inner = html[3:-4]
    assert "<" not in inner.replace("&lt;", "").replace("&#60;", "")
    import html as htmllib

    assert htmllib.unescape(inner) == " ".join(text.split())


def test_safe_title_drops_markup_characters():
    title = safe_title('</title><script>alert("x")</script> &lt; AT&T {{ x }}')
    assert not set(title) & set("<>&\"'`{}")
    assert title == "‹/title›‹script›alert(”x”)‹/script› ＆lt; AT＆T ❴❴ x ❵❵"


def test_safe_url_only_keeps_http():
    assert safe_url("javascript:alert(1)") is None
    assert safe_url("data:text/html,x") is None
    assert safe_url("https://a.example/x(1)") == "https://a.example/x%281%29"
