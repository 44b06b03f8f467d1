"""generator/cache.py: a cache entry gives back exactly the record that was put, holds no copy
of the article, and is refused when its text does not match its checksum or its key."""

from __future__ import annotations

from dataclasses import replace

from generator.cache import AnalysisCache, article_key
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
    moved = replace(intact, path="/elsewhere/" + intact.path.rsplit("/", 1)[-1], line=None)
    assert cache.get(moved).article is moved  # a project moved or a corpus copied keeps its cache


def test_prune_removes_the_entries_of_articles_gone_and_old_pipelines_only(tmp_path):
    """After a build looked up every article, entries it did not use go (older than the build's
    start: one another process wrote meanwhile stays), and so do other pipelines' folders left
    alone for a week; the entries in use stay readable."""
    import os
    import time

    from generator.analyse.pipeline import not_analysed

    articles = read_articles([str(EXAMPLES)]).articles
    first = AnalysisCache(tmp_path, "fp")
    for a in articles:
        first.put(not_analysed(a, "label"))
    old_pipeline = AnalysisCache(tmp_path, "old")
    old_pipeline.put(not_analysed(articles[0], "label"))
    recent_pipeline = AnalysisCache(tmp_path, "recent")
    recent_pipeline.put(not_analysed(articles[0], "label"))
    week_ago = time.time() - 8 * 86400
    for path in (tmp_path / "analysis" / "old").rglob("*"):
        os.utime(path, (week_ago, week_ago))
    os.utime(tmp_path / "analysis" / "old", (week_ago, week_ago))

    kept, gone, concurrent = articles[: len(articles) // 2], articles[len(articles) // 2 : -1], articles[-1]
    since = time.time() + 5  # every entry written above is older than the (pretended) build start
    later = since + 1
    concurrent_entry = next(p for p in (tmp_path / "analysis" / "fp").rglob("*.json")
                            if p.stem == article_key(concurrent))
    os.utime(concurrent_entry, (later, later))  # written while the build ran

    build = AnalysisCache(tmp_path, "fp")
    assert all(build.get(a) is not None for a in kept)
    assert build.prune(since) == len(gone)
    after = AnalysisCache(tmp_path, "fp")
    assert all(after.get(a) is not None for a in kept) and after.get(concurrent) is not None
    assert all(after.get(a) is None for a in gone)
    assert not (tmp_path / "analysis" / "old").exists() and (tmp_path / "analysis" / "recent").is_dir()


def test_a_warm_build_analyses_its_few_new_articles_in_a_forked_process_as_it_would_here(tmp_path, analyser, monkeypatch):
    """build.analyse_with_cache: the articles without an entry (a daily update's few) are
    analysed in a forked process while the cache is read, into the same records as analysed
    here; an entry found unreadable is analysed here, after."""
    import pytest

    from generator import build

    articles = read_articles([str(EXAMPLES)]).articles[:6]
    here = list(analyser.analyse(articles))
    cache = AnalysisCache(tmp_path, analyser.fingerprint)
    for r in here:
        cache.put(r)
    entries = {a.id: cache._path(article_key(a)) for a in articles}
    entries[articles[1].id].unlink()
    entries[articles[4].id].unlink()
    entries[articles[2].id].write_text("damaged")
    ahead = []
    start = build._AnalysedAhead.start
    monkeypatch.setattr(build._AnalysedAhead, "start", lambda todo, a: ahead.append([t.id for t in todo]) or start(todo, a))
    with pytest.warns(RuntimeWarning, match="1 entries truncated or corrupt"):
        got, count = build.analyse_with_cache(articles, analyser, tmp_path, ahead=True)
    assert ahead == [[articles[1].id, articles[4].id]] and count == 3
    assert got == here
    assert [cache.get(a) for a in articles] == here  # the three put back in the cache
