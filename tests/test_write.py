"""generator/write.py: the writer checks every path it keeps or writes, without a ``Path`` a page."""

from __future__ import annotations

import pytest

from generator.errors import BuildError
from generator.write import TreeWriter


@pytest.mark.parametrize("rel", ["articles/../../outside.md", "articles/../notes.md", "notes/page.md", "/articles/a.md"])
def test_tree_writer_keep_refuses_a_path_outside_the_owned_folders(tmp_path, rel):
    writer = TreeWriter(tmp_path / "docs", ("articles",))
    with pytest.raises(BuildError):
        writer.keep(rel)
    assert writer.wanted == set()


def test_tree_writer_keeps_and_writes_inside_the_owned_folders(tmp_path):
    writer = TreeWriter(tmp_path / "docs", ("articles",))
    writer.put("articles/a.md", "A\n")
    writer.keep("articles/b.md")
    writer.put("articles/a2.md", "A\n")
    assert (tmp_path / "docs" / "articles" / "a.md").read_text(encoding="utf-8") == "A\n"
    assert writer.wanted == {"articles/a.md", "articles/b.md", "articles/a2.md"}
    assert (writer.written, writer.unchanged) == (2, 1)
