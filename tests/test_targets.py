"""generator/targets.py: the country a levy falls on, read from a figure's sentence and the
countries the analysis named in it; ``data/happenings.yml``'s ``targets`` checked."""

from __future__ import annotations

import datetime as dt

import pytest

from generator import targets
from generator.errors import ConfigError
from generator.model import RawArticle


def _raw(n: int, *paragraphs: str) -> RawArticle:
    return RawArticle(path=f"levy/{n}.md", id=f"levy{n:03d}", title="Tariffs", date=dt.date(2025, 4, 9),
                      source="x.example", url=None, summary="", paragraphs=paragraphs, format="markdown")


def _targets(analyser, text: str) -> dict[str, str | None]:
    a = next(iter(analyser.analyse([_raw(1, text)])))
    found = targets.targets_of(a)
    return {f.text: found.get(n) for n, f in enumerate(a.figures)}


def test_a_levy_falls_on_the_country_named_after_on(analyser):
    got = _targets(analyser, "The White House said it would raise the tariff on Chinese goods to 104%. Beijing said "
                             "it would impose duties of 15% on US chicken and 10% on soybeans.")
    assert got == {"104%": "China", "15%": "United States", "10%": "United States"}, got


def test_the_nearest_target_with_no_other_figure_between_is_the_figures(analyser):
    got = _targets(analyser, "Washington raised its levy on imports from China to 125%, after Beijing's 84% "
                             "tariff on all US goods.")
    assert got == {"125%": "China", "84%": "United States"}, got


def test_a_figure_of_a_sentence_naming_no_levy_has_no_target(analyser):
    got = _targets(analyser, "Some 12,000 troops were sent on trains to China, officials said.")
    assert set(got.values()) == {None}, got


def test_a_kind_of_levy_needs_words_and_prepositions(tmp_path, monkeypatch):
    bad = tmp_path / "happenings.yml"
    bad.write_text("targets:\n  - id: levy\n    words: [tariff]\n", encoding="utf-8")
    monkeypatch.setattr(targets, "HAPPENINGS", bad)
    targets.levies.cache_clear()
    try:
        with pytest.raises(ConfigError) as err:
            targets.levies()
    finally:
        targets.levies.cache_clear()
    assert ":2: a kind of levy needs an 'id', 'words' and 'prepositions'" in str(err.value), str(err.value)


def test_the_preposition_on_is_read_as_a_word():
    """YAML reads a bare ``on`` as true: the file quotes it."""
    assert all("on" in k.prepositions for k in targets.levies())
