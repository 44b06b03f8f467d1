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
