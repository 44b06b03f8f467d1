"""generator/ingest/fields.py: the title made from a summary reads as a headline."""

from __future__ import annotations

from generator.ingest.fields import MAX_TITLE, TITLE_LIMIT, first_sentence, shorten


def test_a_short_first_sentence_is_the_title_without_its_full_stop():
    assert first_sentence("China announced baselines. The move angered Manila.") == "China announced baselines"
    assert first_sentence("Will talks resume? Nobody knows.") == "Will talks resume?"


def test_an_abbreviation_does_not_end_the_first_sentence():
    assert first_sentence("U.S. Warns Beijing at Security Summit. More follows.") == "U.S. Warns Beijing at Security Summit"
    assert first_sentence("Mr. Kim met Gen. Park in Seoul. They talked.") == "Mr. Kim met Gen. Park in Seoul"


def test_a_long_first_sentence_is_cut_at_a_clause_boundary_with_an_ellipsis():
    text = (
        "North Korea has started sending special forces troops to Russia, with about 1,500 already moved "
        "and around 12,000 expected in total, according to South Korea's spy agency. More follows."
    )
    assert first_sentence(text) == "North Korea has started sending special forces troops to Russia…"


def test_a_cut_never_leaves_a_name_and_its_description_alone():
    text = (
        "Kim Yo Jong, a senior official of the Workers' Party of Korea, accused South Korea of pushing the "
        "peninsula towards war by considering arms supplies to Ukraine and by staging drills."
    )
    title = first_sentence(text)
    assert title != "Kim Yo Jong, a senior official of the Workers' Party of Korea…"
    assert title.startswith("Kim Yo Jong, a senior official of the Workers' Party of Korea, accused South Korea")
    assert title.endswith("…") and len(title) <= TITLE_LIMIT


def test_without_a_clause_boundary_the_cut_falls_between_words():
    text = " ".join(["troops"] * 40) + "."
    title = first_sentence(text)
    assert title.endswith("troops…") and len(title) <= TITLE_LIMIT
    assert set(title[:-1].split(" ")) == {"troops"}  # no word cut in the middle


def test_every_cut_fits_the_limit_and_ends_on_a_whole_word():
    words = ["Officials", "in", "Seoul,", "speaking", "on", "condition", "of", "anonymity;", "said", "the", "deployment", "-", "first", "of", "its", "kind", "(reports", "say)", "grew"]
    text = " ".join(words * 6)
    for limit in range(30, 200, 7):
        cut = shorten(text, limit)
        assert len(cut) <= limit and cut.endswith("…")
        assert cut[:-1].split()[-1].strip(",;:()-") in {w.strip(",;:()-") for w in words}


def test_a_given_title_that_is_too_long_is_cut_between_words():
    from generator.ingest.fields import make_article

    art = make_article(display="x.md", fmt="markdown", where="front matter", title="word " * 60, paragraphs=["Body."])
    assert len(art.title) <= MAX_TITLE and art.title.endswith("word…")
