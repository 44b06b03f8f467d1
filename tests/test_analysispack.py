"""generator/analysispack.py: the analysis cache packed into a few files, read whole."""

from __future__ import annotations

import dataclasses
import warnings

import pytest

from generator.analysispack import FOLDER, AnalysisPack, from_values, to_values
from generator.cache import AnalysisCache, article_key
from generator.ingest import read_articles
from generator.model import ActorRef, Evidence, Figure, Quote, ThemeHit
from tests.conftest import EXAMPLES


@pytest.fixture(scope="module")
def sample(analyser):
    articles = read_articles([str(EXAMPLES)]).articles
    return articles, list(analyser.analyse(articles))


def test_a_record_made_from_its_packed_values_is_the_analysis(sample):
    """Records are made by position: every field of every class, in order, comes back equal."""
    _, analysed = sample
    assert any(a.figures for a in analysed) and any(a.quotes for a in analysed) and any(a.themes for a in analysed)
    for a in analysed:
        assert from_values(to_values(a), a.article) == a


def test_the_records_packed_together_hold_one_string_for_each_text(tmp_path, sample):
    """Texts that repeat (actor names, mention kinds, certainties, theme ids) are written once
    and read back as one object (marshal's references), and the records are the analyses."""
    import marshal

    _, analysed = sample
    shared: dict = {}
    values = [to_values(a, shared) for a in analysed]
    assert [from_values(v, a.article) for v, a in zip(values, analysed, strict=True)] == analysed
    pack = AnalysisPack(tmp_path, "fp")
    pack.save({article_key(a.article): a for a in analysed})
    (segment,) = (tmp_path / FOLDER).iterdir()
    records = marshal.loads(segment.read_bytes().partition(b"\n")[2])
    texts = [text for r in records.values() for m in r[2] for text in (m[0], m[5])]
    texts += [c for r in records.values() for c in r[1]]
    assert len(texts) > 3 * len(set(texts))  # they do repeat
    assert len({id(t) for t in texts}) == len(set(texts))
    assert [AnalysisPack(tmp_path, "fp").get(article_key(a.article), a.article) for a in analysed] == analysed


def test_the_packed_values_follow_the_models_fields():
    """A field added to a class of the analysis must be packed too (to_values and from_values)."""
    names = {cls.__name__: [f.name for f in dataclasses.fields(cls)] for cls in (ActorRef, ThemeHit, Evidence, Figure, Quote)}
    assert names == {
        "ActorRef": ["name", "type", "count", "affiliation", "known"],
        "ThemeHit": ["id", "name", "score", "evidence"],
        "Evidence": ["sentence", "index", "certainty", "patterns", "likelihood"],
        "Figure": ["text", "value", "unit", "qualifier", "attribution", "sentence", "certainty", "place", "likelihood",
                   "measure", "upper", "attribution_actor"],
        "Quote": ["text", "speaker", "actor", "verb", "sentence", "index"],
    }


def test_a_warm_read_takes_every_record_from_the_pack_and_adds_only_new_ones(tmp_path, sample):
    articles, analysed = sample
    first = AnalysisCache(tmp_path, "fp", packed=True)
    for a in analysed[:-1]:
        first.put(a)
    first.save_pack()
    pack_dir = tmp_path / "analysis" / "fp" / FOLDER
    assert len(list(pack_dir.iterdir())) == 1
    # the next build: the entries gone, every record but the new article's comes from the pack
    for entry in (tmp_path / "analysis" / "fp").glob("*/*.json"):
        entry.unlink()
    second = AnalysisCache(tmp_path, "fp", packed=True)
    assert [second.has(a) for a in articles] == [True] * (len(articles) - 1) + [False]
    assert [second.get(a) for a in articles[:-1]] == analysed[:-1]
    assert second.get(articles[-1]) is None
    second.put(analysed[-1])
    second.save_pack()
    assert len(list(pack_dir.iterdir())) == 2  # a segment with the one new record
    third = AnalysisCache(tmp_path, "fp", packed=True)
    assert [third.get(a) for a in articles] == analysed
    third.save_pack()
    assert len(list(pack_dir.iterdir())) == 2  # nothing new, nothing written


def test_a_pack_of_many_segments_or_unused_records_is_written_again_as_one(tmp_path, sample, monkeypatch):
    import generator.analysispack as pack

    articles, analysed = sample
    monkeypatch.setattr(pack, "MAX_SEGMENTS", 3)
    for i in range(1, 5):  # one article more each build: a segment each
        cache = AnalysisCache(tmp_path, "fp", packed=True)
        for a in analysed[:i]:
            if cache.get(a.article) is None:
                cache.put(a)
        cache.save_pack()
    segments = list((tmp_path / "analysis" / "fp" / FOLDER).iterdir())
    assert len(segments) == 1  # the fourth would have made four
    # most articles removed: the records no article uses go
    cache = AnalysisCache(tmp_path, "fp", packed=True)
    assert cache.get(articles[0]) == analysed[0]
    cache.save_pack()
    assert AnalysisPack(tmp_path / "analysis" / "fp", "fp").keys == {article_key(articles[0])}


@pytest.mark.parametrize("damage", ["half", "garbage", "records"])
def test_a_damaged_segment_is_removed_and_its_records_read_from_the_entries(tmp_path, sample, damage):
    articles, analysed = sample
    cache = AnalysisCache(tmp_path, "fp", packed=True)
    for a in analysed:
        cache.put(a)
    cache.save_pack()
    segment = next((tmp_path / "analysis" / "fp" / FOLDER).iterdir())
    data = segment.read_bytes()
    head, _, body = data.partition(b"\n")
    segment.write_bytes({"half": data[: len(data) // 2], "garbage": b"\x00\xff{[" * 7,
                         "records": head + b"\n" + body[:-9] + b"xxxxxxxxx"}[damage])
    again = AnalysisCache(tmp_path, "fp", packed=True)
    assert [again.get(a) for a in articles] == analysed  # from the entries
    assert again.pack.unreadable == 1 and not segment.exists()
    again.save_pack()
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        last = AnalysisCache(tmp_path, "fp", packed=True)
        assert [last.get(a) for a in articles] == analysed and last.pack.unreadable == 0


def test_a_forgotten_record_is_read_from_its_entry_or_analysed_again(tmp_path, sample):
    """``forget`` (what the benchmark does to have its added article analysed again) removes
    the record from the pack and keeps the others."""
    articles, analysed = sample
    cache = AnalysisCache(tmp_path, "fp", packed=True)
    for a in analysed:
        cache.put(a)
    cache.save_pack()
    folder = tmp_path / "analysis" / "fp"
    AnalysisPack(folder, "fp").forget({article_key(articles[0])})
    pack = AnalysisPack(folder, "fp")
    assert pack.keys == {article_key(a) for a in articles[1:]}
    assert [pack.get(article_key(a), a) for a in articles] == [None, *analysed[1:]]
