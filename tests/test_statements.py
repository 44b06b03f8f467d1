"""generator/statements.py and the actor page's "Who said what": an actor's own statements apart
from what others say about it or ask of it, through the real pipeline."""

from __future__ import annotations

import datetime as dt
import re
import warnings

import pytest

from generator.analyse.taxonomy import load_taxonomy
from generator.cache import article_key
from generator.digest import build_digest
from generator.model import RawArticle
from generator.statements import (
    _SPEAKERS,
    SPEAKERS_FILE,
    forget_speakers,
    found_speakers,
    load_speakers,
    save_speakers,
    who_said_what,
)

TEXT = (
    "China's foreign ministry said on Tuesday that it was not aware of North Korean troops in Russia.",
    "The United States urged Beijing to use its influence over Pyongyang to stop the deployment.",
    "Several Chinese exporters told trade groups that they had rushed orders forward.",
    "\"China has real leverage here,\" Antony Blinken said.",
    "Chinese foreign ministry spokesperson Lin Jian told reporters that the two countries were sovereign states.",
)


def _digest(analyser):
    raw = RawArticle(path="case/china.md", id="china1", title="China says it is not aware of North Korean troops",
                     date=dt.date(2024, 10, 31), source="wire.example", url=None, summary=TEXT[0],
                     paragraphs=TEXT[1:], format="markdown")
    return build_digest(list(analyser.analyse([raw])), load_taxonomy(()).infos())


def test_own_words_are_apart_from_what_others_say_or_ask(analyser):
    digest = _digest(analyser)
    own, others, cut = who_said_what("China", digest, 10)
    said = {s.sentence: s.speaker for s in own}
    assert said.get(TEXT[0]) == "China"
    assert said.get(TEXT[4]) == "Lin Jian"  # its spokesperson: one of its people
    asked = {s.sentence: s.speaker for s in others}
    assert asked.get(TEXT[1]) == "United States"  # urging Beijing to act
    assert asked.get(TEXT[3]) == "Antony Blinken"
    assert TEXT[2] not in said and TEXT[2] not in asked  # a demonym ("Chinese exporters") is no speaker
    assert not cut
    assert len(who_said_what("China", digest, 1)[0]) == 1  # capped


def test_actor_page_shows_who_said_what(analyser):
    from generator.render.actors import actor_page

    digest = _digest(analyser)
    page = actor_page(digest.actor_by_name["China"], digest)
    own = page[page.index("### In its own words"):page.index("### What others say about it or ask of it")]
    others = page[page.index("### What others say about it or ask of it"):page.index("## Evidence")]
    assert "not aware of North Korean troops" in own and "urged Beijing" not in own
    assert "urged Beijing to use its influence" in others and re.search(r'href="\.\./articles/[^"]+#s-china1-2"', others)


def test_a_name_in_a_relative_clause_or_after_and_is_not_the_speaker(analyser):
    text = ("German Chancellor Olaf Scholz, who met Xi Jinping on the sidelines, said the deployment was an escalation.",
            "Joe Biden raised the deployment of North Korean soldiers to Russia and urged Beijing to use its influence.")
    raw = RawArticle(path="case/rio.md", id="rio1", title="Scholz presses Xi in Rio", date=dt.date(2024, 11, 19),
                     source="wire.example", url=None, summary=text[0], paragraphs=text[1:], format="markdown")
    digest = build_digest(list(analyser.analyse([raw])), load_taxonomy(()).infos())
    own, others, _ = who_said_what("China", digest, 10)
    said = {s.sentence: s.speaker for s in own + others}
    assert said.get(text[0]) == "Olaf Scholz"  # not Xi Jinping, whom he met
    assert said.get(text[1]) != "Russia"  # the object of "raised", not who urged
    assert text[0] not in {s.sentence for s in own}  # Scholz's words are not China's


def test_speakers_are_kept_between_builds_by_content_and_pipeline(analyser, tmp_path):
    """What a build found is read back by the next one (same article content, same analysis
    fingerprint): the same lists, without scanning the sentences again; another fingerprint
    or a damaged file start afresh, and an article no longer in the digest is dropped."""
    digest = _digest(analyser)
    key = article_key(digest.articles[0].article)
    try:
        _SPEAKERS.clear()
        load_speakers(tmp_path, "fingerprint-a")
        first = who_said_what("China", digest, 10)
        found = found_speakers()
        assert list(found) == [key] and found[key]  # scanned: China's ministry, Lin Jian, the US, Blinken
        save_speakers(tmp_path, {key}, found)
        assert (tmp_path / SPEAKERS_FILE).is_file()

        _SPEAKERS.clear()  # as in a new process
        load_speakers(tmp_path, "fingerprint-a")
        assert who_said_what("China", digest, 10) == first
        assert found_speakers() == {}  # read back, not scanned again

        _SPEAKERS.clear()
        load_speakers(tmp_path, "fingerprint-b")  # another pipeline: its own analyses
        assert who_said_what("China", digest, 10) == first and list(found_speakers()) == [key]

        (tmp_path / SPEAKERS_FILE).write_bytes(b"{\"salt\": ")
        _SPEAKERS.clear()
        with pytest.warns(RuntimeWarning, match="unreadable cache"):
            load_speakers(tmp_path, "fingerprint-a")
        assert who_said_what("China", digest, 10) == first and list(found_speakers()) == [key]
        save_speakers(tmp_path, {key}, found_speakers())  # written whole again
        with warnings.catch_warnings():
            warnings.simplefilter("error")
            load_speakers(tmp_path, "fingerprint-a")
        save_speakers(tmp_path, set(), {})  # the article left the digest
        load_speakers(tmp_path, "fingerprint-a")
        _SPEAKERS.clear()
        who_said_what("China", digest, 10)
        assert list(found_speakers()) == [key]
    finally:
        forget_speakers()
        _SPEAKERS.clear()
