"""The golden comparison itself (tests/golden): it names what differs and how to regenerate.

The golden test proper, the sample corpus's generated docs/ against tests/golden/docs/, is in
tests/test_build.py (it reuses that module's build of the sample corpus).
"""

from __future__ import annotations

from tests.golden import UPDATE_COMMAND, compare


def test_the_comparison_names_missing_extra_and_changed_files():
    expected = {"a.md": b"one\ntwo\n", "b.md": b"same\n", "gone.md": b"x\n"}
    actual = {"a.md": b"one\nTWO\n", "b.md": b"same\n", "new.md": b"y\n"}
    problem = compare(actual, expected)
    assert "1 changed, 1 missing, 1 extra" in problem
    assert "missing (in the golden tree, not built): gone.md" in problem
    assert "extra (built, not in the golden tree): new.md" in problem
    assert "-two\n+TWO\n" in problem and "--- golden/a.md" in problem and "+++ built/a.md" in problem
    assert "b.md" not in problem  # equal files are not named
    assert UPDATE_COMMAND in problem
    assert compare(expected, dict(expected)) is None
