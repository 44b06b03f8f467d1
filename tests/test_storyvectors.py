"""generator/storyvectors.py: the vectors a build keeps read back exactly as they were made
(every float, the terms' order), only the lines needed are read, and a damaged line, a vectors
file cut short or longer than its index, or an index of other rules or another analysis is not
used: the vector is made again and the grouping is the one from scratch."""

from __future__ import annotations

import json

from generator import grouping
from generator.storyvectors import FILE, VectorStore


def _stories(articles, result) -> set[frozenset[str]]:
    return {frozenset(articles[i].article.id for i in members) for members in result.stories}


def _store(tmp_path, salt=""):
    return VectorStore(tmp_path / FILE, {"rules": grouping._RULES, "salt": salt})


def test_vectors_read_back_exactly_and_damage_is_not_used(tmp_path, analyser):
    from tests.test_stories import CASES

    articles = list(analyser.analyse(CASES))
    keys = [grouping.article_key(a) for a in articles]
    state = tmp_path / "state.json"
    cold = grouping.group(articles)
    grouping.group(articles, state)
    store = _store(tmp_path)
    assert set(store.where) == set(keys)
    for a, key in zip(articles, keys, strict=True):
        kept = store.get(key)
        assert kept == grouping.vector(a) and list(kept) == list(grouping.vector(a))  # values and order
        assert json.dumps(kept) == json.dumps(grouping.vector(a))  # every float as made
    assert _store(tmp_path, salt="another analysis").where == {}  # another analysis: nothing kept

    vectors, index = tmp_path / FILE, tmp_path / (FILE + ".idx")
    data = bytearray(vectors.read_bytes())
    at, length = store.where[keys[2]]
    data[at + length - 5] = ord("7") if data[at + length - 5] != ord("7") else ord("3")  # one digit of one vector
    vectors.write_bytes(bytes(data))
    damaged = _store(tmp_path)
    assert damaged.get(keys[2]) is None and damaged.get(keys[1]) == grouping.vector(articles[1])
    state.unlink()  # decide every article again, reading the kept vectors
    assert _stories(articles, grouping.group(articles, state)) == _stories(articles, cold)
    assert _store(tmp_path).get(keys[2]) == grouping.vector(articles[2])  # made again and appended

    for change in (lambda: vectors.write_bytes(vectors.read_bytes()[:-10]),  # cut short
                   lambda: vectors.write_bytes(vectors.read_bytes() + b"x"),  # longer than its index
                   lambda: index.write_text("{", encoding="utf-8")):  # a damaged index
        change()
        assert _store(tmp_path).where == {}
        state.unlink()
        assert _stories(articles, grouping.group(articles, state)) == _stories(articles, cold)
        assert set(_store(tmp_path).where) == set(keys)  # written whole again


def test_a_file_mostly_of_articles_gone_is_written_again_with_the_live_ones(tmp_path, analyser):
    from tests.test_stories import CASES

    articles = list(analyser.analyse(CASES))
    state = tmp_path / "state.json"
    grouping.group(articles, state)
    size = (tmp_path / FILE).stat().st_size
    rest = articles[:2]
    assert _stories(rest, grouping.group(rest, state)) == _stories(rest, grouping.group(rest))
    assert set(_store(tmp_path).where) == {grouping.article_key(a) for a in rest}
    assert (tmp_path / FILE).stat().st_size < size
