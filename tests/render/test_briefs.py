"""generator/render/briefs.py: what a brief says it stands on."""

from __future__ import annotations

from generator.render.briefs import at_least


def test_a_brief_counts_exactly_below_ten_then_by_steps():
    """Exact below ten; from ten on the 10-20-50 step reached, so that one more article changes
    the brief only when it crosses a step."""
    assert [at_least(n, "article") for n in (0, 1, 9)] == ["0 articles", "1 article", "9 articles"]
    assert at_least(10, "source") == at_least(19, "source") == "at least 10 sources"
    assert at_least(20, "article") == at_least(49, "article") == "at least 20 articles"
    assert at_least(50, "article") == at_least(99, "article") == "at least 50 articles"
    assert at_least(999, "article") == "at least 500 articles"
    assert at_least(2345, "article") == "at least 2,000 articles"
    changed = sum(at_least(n, "article") != at_least(n + 1, "article") for n in range(10, 10_000))
    assert changed == 9  # from 10 to 10,000 articles: at 20, 50, 100, 200, 500, 1,000, 2,000, 5,000, 10,000
