"""generator/storycache.py: a warm build reads back the stories whose reports did not change
and makes only the others, and its stories are the ones a build from scratch makes, to the
byte (their repr: every value and its type), on the labelled story set analysed by the real
pipeline: an article added mid-range, newest or undated, changed, removed; a damaged,
tampered or foreign file is not used."""

from __future__ import annotations

import json

import pytest

from generator import stories as stories_module
from generator import storycache
from generator.digest import build_digest


@pytest.fixture(scope="module")
def entries(labelled_stories):
    return list(build_digest(list(labelled_stories[1]), ()).articles)


@pytest.fixture
def made(monkeypatch):
    """The reports of each story made (not read back) while the test runs."""
    calls: list[tuple[str, ...]] = []
    real = stories_module.make_story

    def counting(members, entries):
        story = real(members, entries)
        calls.append(story.article_ids)
        return story
    monkeypatch.setattr(stories_module, "make_story", counting)
    return calls


def _detect(entries, state=None):
    return stories_module.detect_stories(entries, state, "salt")


def _same(warm, cold) -> None:
    assert warm == cold
    assert repr(warm) == repr(cold)  # the same values of the same types (10000 is not 10000.0 on a page)


def test_a_warm_build_makes_only_the_stories_whose_reports_changed(entries, made, tmp_path):
    cold = _detect(entries)
    assert len(cold) >= 20 and sum(len(s.claims) for s in cold) >= 50 and any(s.flags for s in cold)
    in_story = {aid for s in cold for aid in s.article_ids}
    dated = sorted((e for e in entries if e.article.date and e.article.id in in_story),
                   key=lambda e: (e.article.date, e.article.id))
    undated = [e for e in entries if e.article.date is None and e.article.id in in_story]
    state = tmp_path / "stories-v1.json"
    for extra in (dated[len(dated) // 2], dated[-1], undated[0]):  # mid-range, newest, undated
        state.unlink(missing_ok=True)
        (tmp_path / storycache.FILE).unlink(missing_ok=True)
        rest = [e for e in entries if e is not extra]
        _same(_detect(rest, state), _detect(rest))
        made.clear()
        _same(_detect(entries, state), cold)
        # the story the article joined, and at most one more (a report that the replay moved)
        assert 1 <= len(made) <= 2 and any(extra.article.id in ids for ids in made), (extra.article.id, made)
        made.clear()
        _same(_detect(entries, state), cold)
        assert made == []  # nothing changed: every story read back
    # a report changed (its headline and summary), then removed: its story is made again, the rest read back
    e = dated[len(dated) // 2]
    edited = replace_entry(e, title=e.article.title + " as talks begin", summary="Officials met in Geneva to begin talks.")
    changed = [edited if x is e else x for x in entries]
    for now in (changed, [x for x in entries if x is not e]):
        scratch = _detect(now)
        made.clear()
        _same(_detect(now, state), scratch)
        assert 1 <= len(made) <= 4, made


def replace_entry(entry, **fields):
    from dataclasses import replace

    a = entry.analysed
    return replace(entry, analysed=replace(a, article=replace(a.article, **fields)))


def test_a_damaged_tampered_or_foreign_file_is_not_used(entries, made, tmp_path):
    state = tmp_path / "stories-v1.json"
    cold = _detect(entries, state)
    file = tmp_path / storycache.FILE
    text = file.read_text(encoding="ascii")
    head, body = text.split("\n", 1)
    assert len(body.splitlines()) == len(cold)

    made.clear()
    _same(stories_module.detect_stories(entries, state, "another analysis"), cold)
    assert len(made) == len(cold)  # another analysis: every story made again
    _detect(entries, state)  # written again for this analysis
    # a record edited (another title), its hash left as it was: the whole file is not used
    _key, record = body.splitlines()[0].split(" ", 1)
    row = json.loads(record)
    row[1] = "A title nobody wrote"
    file.write_text(head + "\n" + body.replace(record, json.dumps(row, separators=(",", ":")), 1), encoding="ascii")
    made.clear()
    _same(_detect(entries, state), cold)
    assert len(made) == len(cold)
    for damaged in (text[: len(text) // 2], "", "\udcff not json"):
        file.write_text(damaged, encoding="utf-8", errors="surrogateescape")
        made.clear()
        _same(_detect(entries, state), cold)
        assert len(made) == len(cold)


def test_a_record_that_does_not_fit_its_reports_is_made_again(entries):
    cold = _detect(entries)
    story = max(cold, key=lambda s: len(s.claims))
    by_id = {e.article.id: e for e in entries}
    reports = [by_id[aid] for aid in story.article_ids]
    record = storycache.encode(story, reports)
    assert repr(storycache.decode(record, reports)) == repr(story)
    with pytest.raises((LookupError, ValueError, TypeError)):
        storycache.decode(record, reports[:1])  # fewer reports than the story it was made from


def test_a_story_read_back_keeps_each_claims_target(analyser, tmp_path):
    """The country a levy falls on (``targets.py``) is kept with each claim and flag: a story read
    back is the story made; and the rules that key the file include the data file that says
    what a levy is (``happenings.yml``)."""
    from generator.model import ArticleEntry
    from tests.test_stories import TARIFFS

    entries = [ArticleEntry(a, a.article.id) for a in analyser.analyse(TARIFFS)]
    story = stories_module.make_story([0, 1], entries)
    assert {c.target for c in story.claims} >= {"China", "United States"}
    back = storycache.decode(json.loads(json.dumps(storycache.encode(story, entries))), entries)
    _same(back, story)
    assert {p.name for p in storycache.RULE_FILES} >= {"happenings.yml", "lexicon.yml", "targets.py"}
