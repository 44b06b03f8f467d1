"""The evaluation set meets the accuracy targets (bench/eval.py, issue 3)."""

from __future__ import annotations

import importlib.util

import pytest

from tests.conftest import ROOT

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def result():
    spec = importlib.util.spec_from_file_location("bench_eval", ROOT / "bench" / "eval.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    data = ROOT / "tests" / "data" / "eval"
    return module, module.evaluate(data / "gold.jsonl", data)


def test_eval_set_is_big_enough(result):
    _, r = result
    assert r["articles"] >= 40


def test_actor_f1(result):
    m, r = result
    assert m.prf(*r["counts"]["actors (known)"])[2] >= 0.95


def test_theme_macro_f1(result):
    m, r = result
    f1s = [m.prf(*r["counts"][f"theme {t}"])[2] for t in r["theme_ids"]]
    assert sum(f1s) / len(f1s) >= 0.90


def test_figures_recall_and_qualifiers(result):
    m, r = result
    assert m.prf(*r["counts"]["figures (value+unit)"])[1] >= 0.90
    ok, n = r["qualifier"]
    assert ok / n >= 0.90


def test_no_theme_on_unrelated_articles(result):
    _, r = result
    assert r["unrelated_with_themes"] == []
