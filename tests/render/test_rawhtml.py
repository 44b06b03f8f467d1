"""generator/render/rawhtml.py: the Markdown extension a site engine loads from mkdocs.yml."""

from __future__ import annotations

import subprocess
import sys

import markdown

from generator.render.rawhtml import RAW_CLOSE, RAW_OPEN
from tests.conftest import ROOT


def test_rawhtml_imports_only_the_standard_library_and_markdown():
    # In a fresh interpreter: what importing the extension loads, beyond what Python starts with.
    probe = (
        "import sys; before = set(sys.modules); import generator.render.rawhtml; "
        "print('\\n'.join(sorted(set(sys.modules) - before)))"
    )
    out = subprocess.run([sys.executable, "-c", probe], cwd=ROOT, capture_output=True, text=True, check=True)
    loaded = {name.split(".")[0] for name in out.stdout.split()}
    # Markdown loads its own copy of html.parser under the name 'htmlparser'
    foreign = sorted(loaded - set(sys.stdlib_module_names) - {"markdown", "htmlparser", "generator"})
    assert "markdown" in loaded, out.stdout
    assert foreign == [], foreign
    modules = [n for n in out.stdout.split() if n.startswith("generator")]
    assert modules == ["generator", "generator.render", "generator.render.rawhtml"], modules


def test_rawhtml_passes_a_marked_block_through_untouched():
    block = '<div class="x">\n<p>a &lt;b&gt; *not emphasis*</p>\n</div>'
    source = f"# Title\n\n{RAW_OPEN}\n{block}\n{RAW_CLOSE}\n\nSome *text*."
    html = markdown.markdown(source, extensions=["generator.render.rawhtml"])
    assert block in html
    assert "<em>text</em>" in html and "<em>not emphasis</em>" not in html


def test_the_faster_whitespace_preprocessor_gives_python_markdowns_lines():
    """The extension's ``normalize_whitespace`` replaces Python-Markdown's with the same lines
    out (random text of spaces, tabs, newlines, carriage returns, the stash's STX and ETX, and
    letters), and a page with every kind of line converts to the same HTML with and without it."""
    import random

    from markdown.preprocessors import NormalizeWhitespace

    from generator.render.rawhtml import FasterNormalizeWhitespace

    md = markdown.Markdown(extensions=["generator.render.rawhtml"])
    assert type(md.preprocessors["normalize_whitespace"]) is FasterNormalizeWhitespace
    theirs, ours = NormalizeWhitespace(md), FasterNormalizeWhitespace(md)
    alphabet = [" ", " ", "\n", "\n", "\t", "\r", "\r\n", "\x02", "\x03", "a", "-", "#"]
    rng = random.Random(19)
    for _ in range(20000):
        lines = "".join(rng.choice(alphabet) for _ in range(rng.randrange(0, 30))).split("\n")
        assert ours.run(list(lines)) == theirs.run(list(lines)), lines
    page = "# Title\n   \n\tcode\n  \n\n- a\n    \n- b\r\n \r\n> quote\n  \n    \n|a|b|\n|-|-|\n|1|2|\n"
    plain = markdown.Markdown(extensions=["tables"])
    assert markdown.Markdown(extensions=["tables", "generator.render.rawhtml"]).convert(page) == plain.convert(page)
