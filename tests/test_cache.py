"""generator/cache.py: a cache entry gives back exactly the record that was put, holds no copy
of the article, and is refused when its text does not match its checksum or its key."""

from __future__ import annotations

from dataclasses import replace

from generator.cache import AnalysisCache
from generator.ingest import read_articles
from tests.conftest import EXAMPLES


def test_entries_round_trip_and_refuse_tampering(tmp_path, analyser):
    articles = read_articles([str(EXAMPLES)]).articles
    records = list(analyser.analyse(articles))
    cache = AnalysisCache(tmp_path, "fp")
    for r in records:
        cache.put(r)
    assert [cache.get(a) for a in articles] == records
    assert any(r.figures for r in records) and any(t.evidence for r in records for t in r.themes)

    entry = next(tmp_path.rglob("*.json"))
    text = entry.read_text()
    assert records[0].article.paragraphs[0] not in "".join(p.read_text() for p in tmp_path.rglob("*.json"))
    head, body = text.split("\n", 1)
    entry.write_text(head + "\n" + body.replace("a", "b", 1))  # edited record: checksum fails
    assert sum(cache.get(a) is None for a in articles) == 1

    intact = next(a for a in articles if cache.get(a) is not None)
    edited = replace(intact, paragraphs=(*intact.paragraphs, "One more paragraph."))
    assert cache.get(edited) is None  # another text: another key, not found
    merged = replace(intact, sources=("one.example", "two.example"))
    assert cache.get(merged).article is merged  # what the analysis does not read comes from the article
