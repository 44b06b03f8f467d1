"""The seed article through the real pipeline (en_core_web_sm): what issue 2 asks of it."""

from __future__ import annotations

import pytest

from generator.ingest import read_articles


@pytest.fixture(scope="module")
def seed(analyser, seed_path):
    (article,) = read_articles([str(seed_path)]).articles
    (analysed,) = analyser.analyse([article])
    return analysed


def test_seed_actors(seed):
    names = {a.name for a in seed.actors}
    expected = {
        "North Korea", "Russia", "Ukraine", "China", "United States", "South Korea", "Germany",
        "Kim Jong Un", "Vladimir Putin", "Xi Jinping", "Olaf Scholz", "APEC",
    }
    assert expected <= names
    assert not {"Xi", "North Korea's", "Putin", "U.S."} & names
    assert not any(n.endswith(("'s", "’s")) for n in names)
    xi = next(a for a in seed.actors if a.name == "Xi Jinping")
    # "Chinese President Xi Jinping", "Previously, Xi stated"; "Xi’s administration" is China's government
    assert xi.count == 2 and xi.affiliation == "China"
    assert any(m.actor == "China" and m.text == "Xi" for m in seed.mentions)


def test_seed_themes_and_evidence(seed):
    themes = {t.id: t for t in seed.themes}
    assert {"troop-deployment", "china-stance", "trade-tariffs"} <= set(themes)
    evidence = " ".join(e.sentence for e in themes["troop-deployment"].evidence)
    assert "100,000" in evidence and "15,000" in evidence
    for ev in themes["troop-deployment"].evidence:
        assert ev.patterns and ev.certainty in ("asserted", "reported", "hedged")


def test_seed_figures(seed):
    figs = {(f.value, f.unit, f.qualifier) for f in seed.figures}
    assert (100000.0, "troops", "up to") in figs
    assert (15000.0, "troops", "around") in figs
    ambassador = next(f for f in seed.figures if f.qualifier == "around")
    assert ambassador.attribution == "Ukraine’s ambassador"
    assert ambassador.place == "Kursk"
    assert ambassador.certainty == "hedged"
