"""generator/analyse/actors.py through its factory, on a blank pipeline (rule-only)."""

from __future__ import annotations

import pytest
import spacy

import generator.analyse.pipeline  # noqa: F401 - registers the components


@pytest.fixture(scope="module")
def nlp():
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    nlp.add_pipe("digest_actors", config={"gazetteer_paths": []})
    return nlp


def names(nlp, text):
    return [(m.name, nlp.make_doc(text)[m.start:m.end].text) for m in nlp(text)._.actor_mentions]


def test_aliases_demonyms_seats_and_possessives_resolve(nlp):
    got = names(nlp, "North Korea's leaders and the DPRK met North Korean envoys sent by Pyongyang and Kyiv.")
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
    assert [n for n, _ in names(nlp, "Georgia's government protested and Tbilisi said so.")] == ["Georgia", "Georgia"]


def test_mentions_carry_affiliation_chain(nlp):
    (m,) = nlp("Xi Jinping spoke.")._.actor_mentions
    assert m.name == "Xi Jinping" and m.type == "person" and m.affiliation == "China"
    assert m.chain == ("Xi Jinping", "China")


def test_a_seat_used_as_a_location_is_not_the_government(nlp):
    assert [n for n, _ in names(nlp, "Talks were held in Beijing with a Seoul-based institute.")] == []
    assert [n for n, _ in names(nlp, "Beijing protested.")] == ["China"]


def test_parts_of_a_state_resolve_to_the_state(nlp):
    assert names(nlp, "Officials of the State Department said so.") == [("United States", "the State Department")]


def test_an_office_after_a_state_is_its_holder_on_the_article_date(nlp):
    import datetime as dt

    doc = nlp.make_doc("The Chinese leader met the Kremlin spokesman.")
    doc._.article_date = dt.date(2024, 11, 1)
    got = [(m.name, m.kind) for m in nlp(doc)._.actor_mentions]
    assert ("Xi Jinping", "role") in got and ("Dmitry Peskov", "role") in got
    assert ("China", "demonym") in got


def test_a_title_picks_the_office_holder_among_people_of_one_surname(nlp):
    import datetime as dt

    doc = nlp.make_doc("Foreign Minister Wang arrived in Moscow.")
    doc._.article_date = dt.date(2024, 5, 1)
    assert [m.name for m in nlp(doc)._.actor_mentions if m.type == "person"] == ["Wang Yi"]
