"""generator/storyvectors.py: the vectors a build keeps read back exactly as they were made
(every float, the terms' order); a build adds a segment and never changes a file in place; a
damaged line, a segment cut short, longer or missing, or an index of other rules or another
analysis is not used: the vector is made again and the grouping is the one from scratch; a
folder mostly of articles gone is written again with the live ones only."""

from __future__ import annotations

import json
from dataclasses import replace

import pytest

from generator import grouping
from generator.storyvectors import FOLDER, INDEX, SEGMENTS, VectorStore


def _stories(articles, result) -> set[frozenset[str]]:
    return {frozenset(articles[i].article.id for i in members) for members in result.stories}


def _store(tmp_path, salt=""):
    return VectorStore(tmp_path / FOLDER, {"rules": grouping._RULES, "salt": salt})


@pytest.fixture(scope="module")
def articles(analyser):
    from tests.test_stories import CASES

    return list(analyser.analyse(CASES))


def test_vectors_read_back_exactly_and_damage_is_not_used(tmp_path, articles):
    keys = [grouping.article_key(a) for a in articles]
    state = tmp_path / "state.json"
    cold = grouping.group(articles)
    grouping.group(articles, state)
    store = _store(tmp_path)
    assert set(store.where) == set(keys)
    for a, key in zip(articles, keys, strict=True):
        kept = store.get(key)
        assert json.dumps(kept) == json.dumps(grouping.vector(a))  # every float as made, the terms in order
    assert _store(tmp_path, salt="another analysis").where == {}  # another analysis: nothing kept

    folder = tmp_path / FOLDER
    segment = folder / "1.jsonl"
    data = bytearray(segment.read_bytes())
    _, at, length = store.where[keys[2]]
    data[at + length - 5] = ord("7") if data[at + length - 5] != ord("7") else ord("3")  # one digit of one vector
    segment.write_bytes(bytes(data))
    damaged = _store(tmp_path)
    assert damaged.get(keys[2]) is None and json.dumps(damaged.get(keys[1])) == json.dumps(grouping.vector(articles[1]))
    state.unlink()  # decide every article again, reading the kept vectors
    assert _stories(articles, grouping.group(articles, state)) == _stories(articles, cold)
    assert _store(tmp_path).get(keys[2]) == grouping.vector(articles[2])  # made again, in a segment of its own
    assert sorted(p.name for p in folder.iterdir()) == ["1.jsonl", "2.jsonl", INDEX]

    for change in ("cut short", "longer than its index says", "gone", "a damaged index"):
        segment = min(folder.glob("*.jsonl"))
        if change == "cut short":
            segment.write_bytes(segment.read_bytes()[:-10])
        elif change == "longer than its index says":
            segment.write_bytes(segment.read_bytes() + b"x")
        elif change == "gone":
            segment.unlink()
        else:
            (folder / INDEX).write_text("{", encoding="utf-8")
        assert _store(tmp_path).where == {}, change
        state.unlink()
        assert _stories(articles, grouping.group(articles, state)) == _stories(articles, cold)
        assert set(_store(tmp_path).where) == set(keys)  # written whole again, as one segment
        assert len([p for p in folder.iterdir() if p.name != INDEX]) == 1, change

def test_segments_are_added_then_the_live_vectors_written_as_one(tmp_path, articles):
    state = tmp_path / "state.json"
    folder = tmp_path / FOLDER
    a = articles[1]
    variants = [replace(a, article=replace(a.article, id=f"v{k}", title=f"{a.article.title} ({k})")) for k in range(SEGMENTS)]
    for k in range(1, SEGMENTS + 1):  # an article more each build: a segment more
        now = articles[:1] + variants[:k]
        assert _stories(now, grouping.group(now, state)) == _stories(now, grouping.group(now))
        assert len(list(folder.glob("*.jsonl"))) == k
    everything = articles + variants
    grouping.group(everything, state)  # more: the live vectors written again as one segment
    assert [p.name for p in folder.glob("*.jsonl")] == [f"{SEGMENTS + 1}.jsonl"]
    assert set(_store(tmp_path).where) == {grouping.article_key(x) for x in everything}
    size = (folder / f"{SEGMENTS + 1}.jsonl").stat().st_size
    rest = articles[:2]  # most articles gone: the live ones only
    assert _stories(rest, grouping.group(rest, state)) == _stories(rest, grouping.group(rest))
    assert set(_store(tmp_path).where) == {grouping.article_key(x) for x in rest}
    assert sum(p.stat().st_size for p in folder.glob("*.jsonl")) < size
