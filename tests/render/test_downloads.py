"""generator/render/downloads.py: the CSV writer neutralises what a spreadsheet would run.

The end-to-end check, on every CSV of a site built from a hostile article, is in
tests/test_hostile.py.
"""

from __future__ import annotations


def test_csv_neutralises_tab_and_carriage_return_starts_too():
    """Tabs and carriage returns never reach a cell from an article (text is collapsed into
    single spaces on reading), so the writer itself is checked for those two."""
    import csv
    import io

    from generator.render.downloads import _csv

    values = ["=1+1", "+1", "-1", "@A1", "\tx", "\rx", "plain", "a=b", "a\rb", -3.5, None]
    text = _csv(["v", "n"], [{"v": v, "n": i} for i, v in enumerate(values)])
    rows = list(csv.reader(io.StringIO(text, newline="")))
    assert rows[0] == ["v", "n"]
    # one row per value (a carriage return inside a cell does not split its row), in order
    assert [r[1] for r in rows[1:]] == [str(i) for i in range(len(values))]
    assert [r[0] for r in rows[1:]] == ["'=1+1", "'+1", "'-1", "'@A1", "'\tx", "'\nx", "plain", "a=b", "a\nb", "-3.5", ""]
