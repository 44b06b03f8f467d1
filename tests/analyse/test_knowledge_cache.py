"""The knowledge base and the actors' name patterns kept between runs (datafile.derived,
pipeline._pattern_tokens), and the pipeline loaded with them: the same analysis with and without
them, made again when a data file changes or a kept file is damaged."""

from __future__ import annotations

import datetime as dt
import json
import os
import pickle
import warnings
from dataclasses import dataclass

import pytest

from generator.analyse import datafile, gazetteer
from generator.analyse.datafile import DERIVED_DIR, derived, kept_in
from generator.analyse.gazetteer import load_gazetteer
from generator.analyse.pipeline import Analyser, _split_glued_units, _without_emoticons
from generator.ingest import read_articles
from generator.model import article_to_json
from tests.conftest import EXAMPLES

USER_KB = "actors:\n  - name: Zorblax Institute\n    type: organisation\n    aliases: [ZBX]\n"


def _fresh(extra=()):
    """load_gazetteer as in a new process: its memo cleared."""
    gazetteer._load_gazetteer.cache_clear()
    return load_gazetteer(extra)


@pytest.fixture()
def yaml_calls(monkeypatch):
    """How many data files were parsed (the real parser, counted)."""
    calls = []
    real = datafile.load_yaml

    def counted(path, display=None):
        calls.append(str(path))
        return real(path, display)

    monkeypatch.setattr(gazetteer, "load_yaml", counted)
    yield calls
    gazetteer._load_gazetteer.cache_clear()


def test_kept_knowledge_base_is_read_back_not_parsed(tmp_path, yaml_calls):
    user = tmp_path / "mine.yml"
    user.write_text(USER_KB)
    with kept_in(tmp_path / "cache"):
        made = _fresh((str(user),))
        assert len(yaml_calls) >= 4  # the built-in files and the user's
        yaml_calls.clear()
        again = _fresh((str(user),))
    assert yaml_calls == []  # read back from the cache folder
    assert again == made and again is not made
    assert "Zorblax Institute" in again.by_name() and again.by_name()["Zorblax Institute"].aliases == ("ZBX",)
    # load_gazetteer() and load_gazetteer(()) are one knowledge base, made once
    gazetteer._load_gazetteer.cache_clear()
    yaml_calls.clear()
    assert load_gazetteer() is load_gazetteer(())
    assert len(yaml_calls) == len({*yaml_calls})


@dataclass(frozen=True, slots=True)
class Entry:
    """What a loader makes of a data file (the knowledge base's classes are such)."""

    name: str
    day: dt.date
    words: frozenset[str]


def _kept(tmp_path, source, made):
    """``derived`` over one small data file: what ``load_gazetteer`` does over the knowledge base."""
    def make():
        made.append(source.read_text())
        return tuple(Entry(w, dt.date(2024, 1, 2), frozenset({w})) for w in source.read_text().split())

    with kept_in(tmp_path / "cache"):
        return derived("entries", [source], make, code=[source.with_name("loader.py")], classes=(Entry,))


def test_a_changed_data_file_or_loader_makes_it_again(tmp_path):
    source, loader, made = tmp_path / "entries.txt", tmp_path / "loader.py", []
    source.write_text("alpha beta")
    loader.write_text("# version 1")
    first = _kept(tmp_path, source, made)
    assert _kept(tmp_path, source, made) == first and len(made) == 1  # read back
    source.write_text("alpha gamma")
    assert [e.name for e in _kept(tmp_path, source, made)] == ["alpha", "gamma"] and len(made) == 2
    loader.write_text("# version 2")
    _kept(tmp_path, source, made)
    assert len(made) == 3
    assert len(list((tmp_path / "cache" / DERIVED_DIR).glob("entries-*.pickle"))) == 1  # the old ones replaced


@pytest.mark.parametrize("damage", ["truncated", "garbage", "foreign class", "another key"])
def test_a_damaged_file_is_made_again_with_a_warning(tmp_path, damage):
    source, made = tmp_path / "entries.txt", []
    source.write_text("alpha beta")
    (tmp_path / "loader.py").write_text("")
    value = _kept(tmp_path, source, made)
    (kept,) = (tmp_path / "cache" / DERIVED_DIR).glob("entries-*.pickle")
    key, good = kept.stem.rsplit("-", 1)[1], kept.read_bytes()
    kept.write_bytes({
        "truncated": good[: len(good) // 2],
        "garbage": b"\x00\xff{[" * 7,
        # a pickle that would run a command if it were loaded unchecked
        "foreign class": pickle.dumps((key, os.system)),
        "another key": pickle.dumps(("0" * 24, value)),
    }[damage])
    with pytest.warns(RuntimeWarning, match="unreadable cache: made again"):
        assert _kept(tmp_path, source, made) == value
    assert len(made) == 2 and pickle.loads(kept.read_bytes()) == (key, value)  # made and written whole again
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert _kept(tmp_path, source, made) == value and len(made) == 2  # read back, without a warning


def test_the_tokenizer_is_the_one_each_change_in_turn_gives(analyser):
    """load_nlp loads the tokenizer's rules once; the rules and affixes set one after another
    (each loading every rule again) tokenize the same."""
    import spacy

    nlp = analyser.nlp
    other = spacy.load(analyser.label.split()[0], exclude=["lemmatizer"])
    _split_glued_units(other)
    other.tokenizer.rules = _without_emoticons(other.tokenizer.rules)
    assert nlp.tokenizer.rules == other.tokenizer.rules
    texts = [a.analysed_text() for a in read_articles([str(EXAMPLES)]).articles]
    texts.append("KYIV (Reuters): a 22C day, 2,770mAh and 441ppi; the Joint Chiefs of Staff(JCS) said :) (U.S.)")
    for text in texts:
        assert [(t.text, t.whitespace_, t.norm_) for t in nlp.make_doc(text)] == \
            [(t.text, t.whitespace_, t.norm_) for t in other.make_doc(text)]


def test_a_pipeline_loaded_from_the_kept_knowledge_base_analyses_the_same(tmp_path, analyser):
    """Real articles through the real pipeline: loaded with the cache folder empty (it is
    filled), then from it, the records are byte for byte those of the pipeline without it."""
    articles = read_articles([str(EXAMPLES)]).articles[:12]
    expected = [json.dumps(article_to_json(a), sort_keys=True) for a in analyser.analyse(articles, n_process=1)]
    for run in ("fills the cache", "reads it"):
        gazetteer._load_gazetteer.cache_clear()
        cached = Analyser(analyser.settings, tmp_path)
        got = [json.dumps(article_to_json(a), sort_keys=True) for a in cached.analyse(articles, n_process=1)]
        assert got == expected, run
        assert {p.name.split("-")[0] for p in (tmp_path / DERIVED_DIR).glob("*.pickle")} == {"gazetteer", "pattern"}, run
        for name in ("matcher", "outlets"):  # the same patterns (PhraseMatcher's own state, as it pickles it)
            ours, theirs = (getattr(a.nlp.get_pipe("digest_actors"), name) for a in (cached, analyser))
            assert ours.__reduce__()[1][1] == theirs.__reduce__()[1][1], (run, name)
