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
