"""generator/render/compact.py: the templates' blank runs folded, the text of pre, code,
textarea, script and style kept as it is.

On built pages: tests/render/test_pages.py (an article page carries no blank run, no hidden
table of contents and no inline icon; it still renders: tests/browser)."""

from __future__ import annotations

from generator.render.compact import fold_blanks


def test_runs_of_blanks_with_a_newline_become_one_newline():
    html = '<nav>\n    <ul>\n      <li>\n        <a href="x.html">\n   Home\n  </a>\n</li>  \n\n  </ul>\n</nav>\n'
    assert fold_blanks(html) == '<nav>\n<ul>\n<li>\n<a href="x.html">\nHome\n</a>\n</li>\n</ul>\n</nav>\n'


def test_blanks_without_a_newline_and_single_newlines_stay():
    html = "<p>North  Korea and <b>Russia</b> said\nso.</p>"
    assert fold_blanks(html) == html


def test_preformatted_text_code_scripts_and_styles_keep_their_blanks():
    kept = [
        "<pre><code>def f():\n    return 1\n\n\n    # end\n</code></pre>",
        "<code>a\n    b</code>",
        '<textarea name="q">line one\n\n    line two</textarea>',
        '<script>var a = 1\n    \n  var b = 2</script>',
        '<SCRIPT type="application/json">{"a":\n   1}</SCRIPT>',
        "<style>\n  .a { color: red }\n\n  .b {}\n</style>",
    ]
    for block in kept:
        html = f"<div>\n   {block}\n   </div>"
        assert fold_blanks(html) == f"<div>\n{block}\n</div>", block


def test_folding_twice_changes_nothing_more():
    html = "<ul>\n  <li>\n    a\n  </li>\n</ul>\n<pre>\n  x\n</pre>\n\n"
    once = fold_blanks(html)
    assert fold_blanks(once) == once and len(once) < len(html)


def test_folding_line_by_line_is_the_pattern_it_replaces():
    """``_fold`` is ``re.sub(r"[ \\t\\r\\f\\v]*\\n\\s*", "\\n", ...)``, faster: the same on random
    runs of ASCII and Unicode whitespace (no-break and em spaces, NEL, the separators \\x1c-\\x1f
    that ``\\s`` and ``str.isspace`` both count) and text, and ``\\s`` is ``str.isspace``."""
    import random
    import re

    from generator.render.compact import _fold

    pattern = re.compile(r"[ \t\r\f\v]*\n\s*")
    assert all((re.fullmatch(r"\s", chr(c)) is not None) == chr(c).isspace() for c in range(0x3100))
    alphabet = [" ", "\t", "\n", "\n", "\r", "\f", "\v", "\xa0", "\u2003", "\u3000", "\x1c", "\x85", "a", "<", "é"]
    rng = random.Random(19)
    for _ in range(20000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randrange(0, 24)))
        assert _fold(text) == pattern.sub("\n", text), repr(text)
