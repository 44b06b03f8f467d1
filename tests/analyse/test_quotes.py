"""generator/analyse/quotes.py and attribution.py, on the real model (they read the parse)."""

from __future__ import annotations

import pytest


@pytest.fixture(scope="module")
def nlp(analyser):
    return analyser.nlp


def test_quote_has_speaker_actor_and_verb(nlp):
    doc = nlp('China\'s foreign ministry said it was "not aware" of the troop movements.')
    assert doc._.quotes == [[0, "not aware", "China's foreign ministry", "China", "said"]]


def test_pronoun_speaker_goes_to_the_person_named_before(nlp):
    doc = nlp('Kim Yo Jong issued a statement. She warned of a "horrible disaster" for the South.')
    (q,) = doc._.quotes
    assert q[1:] == ["horrible disaster", "Kim Yo Jong", "Kim Yo Jong", "warned"]


def test_a_city_deep_in_the_speaker_phrase_is_not_the_speaker(nlp):
    doc = nlp('"Beijing wants calm above all," said a researcher at a Seoul-based think tank.')
    (q,) = doc._.quotes
    assert q[2] == "a researcher at a Seoul-based think tank" and q[3] is None


def test_figure_attribution_uses_according_to(nlp):
    doc = nlp("According to anonymous sources familiar with the talks, up to 5,000 troops could move.")
    (fig,) = doc._.figures
    assert fig[6] == "anonymous sources familiar with the talks"
