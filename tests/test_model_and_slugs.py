"""generator/model.py and generator/slugs.py: ordering, slugs, JSON round trip."""

from __future__ import annotations

import datetime as dt

from generator.digest import build_digest
from generator.model import RawArticle, article_from_json, article_to_json
from generator.slugs import article_slug, slugify, unique_slugs


def test_slugs_are_safe_and_unique():
    assert slugify("../../etc/passwd") == "etc-passwd"
    assert slugify("Türkiye") == "turkiye"
    assert slugify("🙂") == ""
    names = ["Côte", "Cote", "cote", "con", "index", "🙂", "😀"]
    slugs = unique_slugs(names)
    assert len(set(slugs.values())) == len(names)
    assert all(s and "/" not in s and s not in ("con", "index") for s in slugs.values())
    assert unique_slugs(list(reversed(names))) == slugs


def test_article_slug_carries_the_id():
    assert article_slug("North Korea's troops", "abcdef123456") == "north-korea-s-troops-abcdef"
    assert article_slug("", "abcdef123456") == "article-abcdef"


def test_digest_orders_newest_first_and_round_trips(analyser):
    arts = [
        RawArticle("a.md", "a" * 12, "Older", dt.date(2024, 1, 1), "x.org", None, "Russia sent troops.", ()),
        RawArticle("b.md", "b" * 12, "Newer", dt.date(2024, 2, 1), "y.org", None, "China said nothing.", ()),
        RawArticle("c.md", "c" * 12, "Undated", None, None, None, "Kyiv asked for aid.", ()),
    ]
    analysed = list(analyser.analyse(arts))
    digest = build_digest(analysed, ())
    assert [e.article.title for e in digest.articles] == ["Newer", "Older", "Undated"]
    for a in analysed:
        assert article_from_json(article_to_json(a)) == a


def test_positional_maker_makes_the_same_frozen_record_as_the_class():
    """``positional_maker``: an instance of the class itself, equal, hashed, shown, copied and
    pickled as one the class made, and as frozen."""
    import copy
    import dataclasses
    import pickle

    import pytest

    from generator.model import Figure, positional_maker

    values = ("up to 100,000 troops", 100000.0, "troops", "up to", "Kyiv", "Up to 100,000 troops.", "reported", None,
              "likely", "personnel", None, "Ukraine")
    made, expected = positional_maker(Figure)(*values), Figure(*values)
    assert type(made) is Figure and made == expected and hash(made) == hash(expected) and repr(made) == repr(expected)
    assert pickle.loads(pickle.dumps(made)) == expected and copy.copy(made) == expected
    assert dataclasses.replace(made, text="x") == dataclasses.replace(expected, text="x")
    with pytest.raises(dataclasses.FrozenInstanceError):
        made.text = "changed"  # type: ignore[misc]
    with pytest.raises(TypeError):
        positional_maker(Figure)(*values[:-1])  # every field, in order
    with pytest.raises(TypeError):
        positional_maker(dataclasses.make_dataclass("Loose", ["a"]))  # no slots: not this way
