"""The evaluation set's test half meets the accuracy targets of issue 15 (bench/eval.py).

The test half is never tuned on (tests/data/eval/README.md). Every measure must stay at or above
the floor it reached when it was last measured (a regression fails); a target not yet reached is
an expected failure, reported as such, and fails the day it is met (strict), so that its floor
can be raised.
"""

from __future__ import annotations

import json

import pytest

from tests.conftest import ROOT, bench_module

pytestmark = pytest.mark.slow

# measure -> floor on the test half, as measured (bench/eval.py, issue 15 closing note)
FLOORS = {
    "actors F1": 0.95,
    "actors precision (knowledge base)": 0.975,  # 0.969 -> 0.980 (actors15b: states one sentence apart)
    "actors precision (model only)": 0.75,  # 0.706 -> 0.750 (actors15b: ships, listed companies, fragments)
    "themes macro-F1": 0.90,  # 0.887 -> 0.898 (stop 31: themes15's holder, keep_negated and supply rules); themes15c's china-stance rules (0.900) were taken back: the private probe's held-out half lost china-stance; 0.898 -> 0.902 (stop 35: diplomacy beside sanctions needs 4, learnt on dev halves; the private probe's held-out half rose too)
    "figures recall": 0.955,
    "figure qualifier right": 0.98,
    "figure attribution right": 0.895,  # 0.896 -> 0.899 (stop 38: rules learnt on the dev halves of real sets D-F)
    "figure certainty right": 0.92,
    "quotes found": 0.97,
    "quote speaker right": 0.95,  # 0.966 (stop 29 onward)
}
NOT_YET = {  # targets the test half does not reach yet (see the closing note)
    "actors precision (model only)",
}


@pytest.fixture(scope="module")
def result():
    module = bench_module("eval")
    data = ROOT / "tests" / "data" / "eval"
    r = module.evaluate(data / "gold.jsonl", data)
    return module, r, module.measures(r, "test")


def test_both_halves_are_big_enough(result):
    _, r, _ = result
    assert r["articles"]["dev"] >= 50 and r["articles"]["test"] >= 50
    assert 20 <= sum(1 for _, half, _ in r["per_article"] if half == "test")


def test_the_halves_are_fixed_by_the_file_name(result):
    m, r, _ = result
    assert all(m.half_of(file) == half for file, half, _ in r["per_article"])
    assert m.half_of("001-nk-special-forces-russia.txt") == "test"
    assert m.half_of("002-pentagon-nk-troop-estimate.txt") == "dev"


@pytest.mark.parametrize("name", sorted(FLOORS))
def test_no_measure_falls_below_its_floor(result, name):
    _, _, test = result
    assert test[name] >= FLOORS[name], f"{name}: {test[name]:.3f} on the test half, floor {FLOORS[name]}"


@pytest.mark.parametrize(
    "name",
    [pytest.param(n, marks=pytest.mark.xfail(strict=True, reason="target not reached yet")) if n in NOT_YET else n
     for n in sorted(FLOORS)],
)
def test_target_on_the_test_half(result, name):
    m, _, test = result
    assert test[name] >= m.TARGETS[name], f"{name}: {test[name]:.3f} on the test half, target {m.TARGETS[name]}"


def test_unrelated_articles_get_no_theme_and_hardly_any_actor(result):
    _, _, test = result
    assert test["unrelated articles"] >= 5
    assert test["unrelated articles with themes"] == 0
    # an article with no theme keeps its actors when it is about two states and someone official
    # in them (a war report outside the taxonomy); one unrelated article passes that bar
    assert test["unrelated articles with actors"] <= 1


def test_a_gold_set_that_leaves_headlines_out_is_scored_without_them(tmp_path):
    """Real sets labelled from the body only (their headlines often rebuilt from an address):
    ``--titles-unlabelled`` scores no figure the analysis finds in a headline, so the body's
    figure is the one matched; "35C" and a gold unit "celsius" are one unit."""
    m = bench_module("eval")
    (tmp_path / "a.md").write_text(
        '---\ntitle: "Russia fires 40 drones at Kyiv"\ndate: 2025-07-01\nsource: x.example\n---\n\n'
        "Russia fired at least 40 drones at Kyiv overnight, Ukraine's air force said. It was 35C in the city.\n")
    gold = {"file": "a.md", "actors": ["Russia", "Ukraine"], "themes": [], "quotes": [], "figures": [
        {"text": "at least 40 drones", "value": 40, "unit": "drones", "qualifier": "at least",
         "attribution_actor": "Ukraine", "certainty": "reported"},
        {"text": "35C", "value": 35, "unit": "celsius", "qualifier": None, "attribution_actor": "outlet",
         "certainty": "asserted"}]}
    (tmp_path / "gold.jsonl").write_text(json.dumps(gold) + "\n")
    half = m.half_of("a.md")
    labelled = m.measures(m.evaluate(tmp_path / "gold.jsonl", tmp_path), half)
    body_only = m.measures(m.evaluate(tmp_path / "gold.jsonl", tmp_path, titles_labelled=False), half)
    assert labelled["figures precision"] < 1.0 and labelled["figure qualifier right"] < 1.0
    assert body_only["figures precision"] == body_only["figures recall"] == 1.0
    assert body_only["figure qualifier right"] == body_only["figure attribution right"] == 1.0


def test_names_are_compared_without_a_middle_initial():
    m = bench_module("eval")
    assert m.spelling("MaryKay L. Carlson") == m.spelling("MaryKay Carlson")
    assert m.spelling("Vladimir V. Putin") == m.spelling("Vladimir Putin")
    assert m.spelling("Kim Jong-un") == m.spelling("Kim Jong Un") != m.spelling("Kim Jong Il")
