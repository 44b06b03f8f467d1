"""generator/analyse/{themes,figures,certainty}.py through their factories, rule-only."""

from __future__ import annotations

import pytest
import spacy


@pytest.fixture(scope="module")
def nlp():
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    nlp.add_pipe("digest_actors")
    nlp.add_pipe("digest_certainty")
    nlp.add_pipe("digest_themes")
    nlp.add_pipe("digest_figures")
    return nlp


def test_troop_deployment_needs_forces_and_movement(nlp):
    assert "troop-deployment" in nlp("Russia deployed 3,000 troops to the border.")._.theme_evidence
    assert "troop-deployment" not in nlp("The troops were tired.")._.theme_evidence
    assert "troop-deployment" not in nlp("Shipments were deployed.")._.theme_evidence


def test_actor_groups_include_affiliated_people(nlp):
    ev = nlp("Xi Jinping remained silent on the matter.")._.theme_evidence
    assert ev["china-stance"] == [[0, ["china+stance"]]]


def test_figures_carry_value_unit_and_qualifier(nlp):
    doc = nlp("North Korea may send up to 100,000 troops, and around 15,000 North Korean troops could rotate.")
    figs = [(f.text, f.value, f.unit, f.qualifier) for f in doc._.figures]
    assert figs == [
        ("up to 100,000 troops", 100000.0, "troops", "up to"),
        ("around 15,000 North Korean troops", 15000.0, "troops", "around"),
    ]


def test_money_percent_and_years(nlp):
    doc = nlp("In 2024 the US pledged $2.5 billion and imposed a 60% tariff on 300 vehicles.")
    figs = [(f.value, f.unit) for f in doc._.figures]
    assert figs == [(2.5e9, "USD"), (60.0, "percent"), (300.0, "vehicles")]


def test_ranges_carry_both_bounds(nlp):
    doc = nlp("They sent 10,000 to 12,000 troops and raised duties to between 25% and 50%.")
    figs = [(f.text, f.value, f.upper, f.unit, f.qualifier) for f in doc._.figures]
    assert figs == [
        ("10,000 to 12,000 troops", 10000.0, 12000.0, "troops", None),
        ("between 25% and 50%", 25.0, 50.0, "percent", "between"),
    ]


def test_durations_are_figures_but_ages_and_points_in_time_are_not(nlp):
    doc = nlp("A 90-day pause began. Talks lasted about four hours. A 45-year-old man left two years ago.")
    figs = [(f.value, f.unit, f.qualifier) for f in doc._.figures]
    assert figs == [(90.0, "day", None), (4.0, "hours", "about")]


def test_certainty_levels(nlp):
    doc = nlp("Troops may arrive. Officials said troops arrived. Troops arrived. It is very likely to rain.")
    assert doc._.certainty == ["hedged", "reported", "asserted", "hedged"]
    assert doc._.likelihood == [None, None, None, "very likely"]
