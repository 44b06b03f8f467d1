"""generator/analyse/actors.py through its factory, on a blank pipeline (rule-only)."""

from __future__ import annotations

import pytest
import spacy


@pytest.fixture(scope="module")
def nlp():
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    nlp.add_pipe("digest_actors", config={"gazetteer_paths": []})
    return nlp


def names(nlp, text):
    return [(m[2], nlp.make_doc(text)[m[0]:m[1]].text) for m in nlp(text)._.actor_mentions]


def test_aliases_demonyms_seats_and_possessives_resolve(nlp):
    got = names(nlp, "North Korea's leaders and the DPRK met North Korean envoys in Pyongyang and Kyiv.")
    assert [n for n, _ in got] == ["North Korea", "North Korea", "North Korea", "North Korea", "Ukraine"]


def test_us_forms_resolve_but_lowercase_us_does_not(nlp):
    got = names(nlp, "The United States and the U.S. told us that US forces will stay.")
    assert [n for n, _ in got] == ["United States", "United States", "United States"]


def test_short_form_follows_the_full_name(nlp):
    got = names(nlp, "Xi Jinping spoke. Later Xi said more.")
    assert got == [("Xi Jinping", "Xi Jinping"), ("Xi Jinping", "Xi")]


def test_ambiguous_short_form_without_context_stays_unresolved(nlp):
    assert names(nlp, "Kim said nothing.") == []
    got = names(nlp, "Kim Jong Un inspected troops. Kim then left.")
    assert got == [("Kim Jong Un", "Kim Jong Un"), ("Kim Jong Un", "Kim")]


def test_title_makes_a_unique_short_form_a_person(nlp):
    assert names(nlp, "Chancellor Scholz arrived.") == [("Olaf Scholz", "Scholz")]


def test_context_bound_names_need_context(nlp):
    assert names(nlp, "Georgia beat Alabama in Atlanta.") == []
    assert [n for n, _ in names(nlp, "Georgia's government in Tbilisi protested.")] == ["Georgia", "Georgia"]


def test_mentions_carry_affiliation_chain(nlp):
    (m,) = nlp("Xi Jinping spoke.")._.actor_mentions
    assert m[2] == "Xi Jinping" and m[4] == "person" and m[5] == "China" and m[7] == ["Xi Jinping", "China"]
