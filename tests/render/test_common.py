"""generator/render/common.py: long lists paginated so that a row inserted anywhere changes
only its own page (a daily update brings articles dated weeks back)."""

from __future__ import annotations

import hashlib
import itertools

from generator.render.common import page_bounds, paginated, paginated_kept


def ids(n: int, salt: str = "") -> list[str]:
    return [hashlib.sha1(f"{salt}{i}".encode()).hexdigest()[:12] for i in range(n)]


def pages_of(keys: list[str]) -> dict[str, str]:
    rows = [[f'<a href="{k}.html">{k}</a>'] for k in keys]
    return paginated("articles", "index", "Articles", "<p>intro</p>", ["Article"], rows, keys=keys, labels=keys)


def test_pages_hold_about_per_page_rows_each_within_half_and_twice_that():
    keys = ids(10_000)
    bounds = page_bounds(keys, 200)
    sizes = [b - a for a, b in itertools.pairwise(bounds)]
    assert bounds[0] == 0 and bounds[-1] == len(keys) and sum(sizes) == len(keys)
    assert all(100 <= s <= 400 for s in sizes[:-1]) and 0 < sizes[-1] <= 400
    assert 150 <= sum(sizes) / len(sizes) <= 250, sizes


def test_a_row_inserted_mid_list_changes_its_own_page_and_its_neighbours_only():
    keys = ids(3_000)
    before = pages_of(keys)
    for where, salt in ((1_500, "a"), (1_234, "b"), (2_990, "c"), (7, "d")):
        after = pages_of(keys[:where] + ids(1, salt) + keys[where:])
        changed = {name for name in before.keys() | after.keys() if before.get(name) != after.get(name)}
        assert 1 <= len(changed) <= 4, (where, sorted(changed))  # a split: its page, the new one, the next
        assert "articles/index.md" in changed or where > 400  # the first page only when the row is on it


def test_kept_list_pages_are_those_a_whole_list_makes_and_only_pages_whose_rows_changed_are_made():
    """``paginated_kept``: the pages it makes are ``paginated``'s, byte for byte; after a row is
    added mid-list, one removed, or one's content changed, it makes only the pages whose rows
    (or neighbours' names, for their links) changed, and keeps the others; with a file changed
    on disk (another size or time) the page is made again."""
    disk: dict[str, tuple[str, int, int]] = {}  # the pages as written: rel -> (text, size, mtime)
    cache: dict[str, list] = {}  # the page cache: rel -> [key, size, mtime]
    clock = iter(range(1, 10**6))

    def build(keys: list[str], content: dict[str, str], base: str = "v1") -> set[str]:
        rows = {k: [f'<a href="{k}.html">{content.get(k, k)}</a>'] for k in keys}
        made, record = set(), {}
        stat = lambda rel: list(disk[rel][1:]) if rel in disk else None
        out = paginated_kept("articles", "index", "Articles", "<p>intro</p>", ["Article"], lambda i: rows[keys[i]],
                             [content.get(k, k) for k in keys], keys, keys, base, dict(cache), stat, record)
        for rel, text in out:  # written before the next is asked for, as the page writer does
            if text is not None:
                made.add(rel)
                disk[rel] = (text, len(text), next(clock))
        for rel in set(disk) - set(record):
            del disk[rel]
        cache.clear()
        cache.update(record)
        assert {rel: text for rel, (text, _, _) in disk.items()} == paginated(
            "articles", "index", "Articles", "<p>intro</p>", ["Article"], [rows[k] for k in keys], keys=keys, labels=keys)
        return made

    keys = ids(3_000)
    assert len(build(keys, {})) == len(disk) > 10  # the first time: every page
    assert build(keys, {}) == set()  # nothing changed: none
    for where, salt in ((1_500, "a"), (7, "d"), (2_990, "c")):
        keys = keys[:where] + ids(1, salt) + keys[where:]
        assert 1 <= len(build(keys, {})) <= 4, where  # its page, a split, the neighbours' links
    del keys[1_000]
    assert 1 <= len(build(keys, {})) <= 3
    assert len(build(keys, {keys[2_000]: "edited"})) == 1
    rel = next(iter(disk))
    disk[rel] = ("tampered", 8, next(clock))  # written since by someone else
    assert build(keys, {keys[2_000]: "edited"}) == {rel}
    assert len(build(keys, {keys[2_000]: "edited"}, base="v2")) == len(disk)  # another renderer: every page


def test_short_lists_and_empty_lists_make_one_page():
    assert list(pages_of(ids(30))) == ["articles/index.md"]
    assert list(pages_of([])) == ["articles/index.md"]
    pages = pages_of(ids(600))
    assert len(pages) >= 2 and all(name.startswith("articles/index") for name in pages)
    first = pages["articles/index.md"]
    assert "<p>intro</p>" in first and 'rel="next"' in first


def test_a_figure_reported_by_no_one_named_is_not_shown_as_the_outlets():
    from generator.model import Figure
    from generator.render.common import source_of

    def fig(certainty, attribution=None, actor=None):
        return Figure("thousands of soldiers", None, "soldiers", None, attribution, "s", certainty,
                      attribution_actor=actor)

    assert source_of(None, fig("reported"), "../") == "a source not named"  # "are reported to be deployed"
    assert source_of(None, fig("asserted"), "../") == "the outlet"
    assert source_of(None, fig("asserted", actor="outlet"), "../") == "the outlet"
