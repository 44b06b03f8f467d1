"""generator/digest.py: watchlists match articles (each list given must match, any of its items)
and keep the sentence that shows it."""

from __future__ import annotations

import datetime as dt

from generator.digest import build_digest
from generator.model import (
    ActorRef,
    AnalysedArticle,
    Evidence,
    Figure,
    FigureRule,
    Mention,
    RawArticle,
    ThemeHit,
    ThemeInfo,
    Watchlist,
)

THEMES = (ThemeInfo("troop-deployment", "Troop deployment", "Troops sent abroad."),
          ThemeInfo("sanctions", "Sanctions", "Measures against a state."))


def article(aid: str, day: int, sentences: list[str], actors: dict[str, list[int]], themes: dict[str, list[int]],
            figures: list[tuple[str, float, str, int]] = ()) -> AnalysedArticle:
    """An analysed article: ``actors`` name -> sentences naming it, ``themes`` id -> evidence
    sentences, ``figures`` (text, value, measure, sentence)."""
    raw = RawArticle(path=f"{aid}.md", id=aid, title=sentences[0], date=dt.date(2024, 11, day), source="wire.example",
                     url=None, summary="", paragraphs=tuple(sentences[1:]))
    mentions = tuple(Mention(name, name, 0, len(name), i) for name, idx in actors.items() for i in idx)
    return AnalysedArticle(
        article=raw, sentences=tuple(sentences), certainties=("asserted",) * len(sentences), mentions=mentions,
        actors=tuple(ActorRef(name, "country", len(idx)) for name, idx in actors.items()),
        themes=tuple(ThemeHit(t, t, 1.0, tuple(Evidence(sentences[i], i, "asserted", ("rule",)) for i in idx))
                     for t, idx in themes.items()),
        figures=tuple(Figure(text, value, "troops", None, None, sentences[i], measure=measure)
                      for text, value, measure, i in figures),
        pipeline="test",
    )


ARTICLES = [
    article("a1", 1, ["North Korea sends troops.", "Seoul said 12,000 troops left.", "Special forces went first."],
            {"North Korea": [0, 1]}, {"troop-deployment": [0, 1]}, [("12,000 troops", 12000, "personnel", 1)]),
    article("a2", 5, ["North Korea and Russia talk.", "They discussed sanctions."],
            {"North Korea": [0], "Russia": [0]}, {"sanctions": [1]}),
    article("a3", 9, ["Russia moves 3,000 troops.", "Moscow denied it."],
            {"Russia": [0]}, {"troop-deployment": [0]}, [("3,000 troops", 3000, "personnel", 0)]),
]


def watch(**rules) -> Watchlist:
    return Watchlist(name="W", slug="w", **rules)


def matches(w: Watchlist):
    (entry,) = build_digest(ARTICLES, THEMES, watchlists=(w,)).watchlists
    return entry.matches


def test_watchlist_needs_every_list_given_and_any_item_of_each():
    assert [m.article_id for m in matches(watch(actors=("North Korea",)))] == ["a2", "a1"]  # newest first
    assert [m.article_id for m in matches(watch(actors=("north korea",), themes=("troop-deployment",)))] == ["a1"]
    assert [m.article_id for m in matches(watch(actors=("North Korea", "Russia"), themes=("troop-deployment",)))] == ["a3", "a1"]
    assert [m.article_id for m in matches(watch(themes=("sanctions",), words=("special forces",)))] == []


def test_watchlist_keeps_the_sentence_that_matched_and_the_rules():
    (m,) = matches(watch(actors=("North Korea",), words=("special  forces",)))
    assert (m.article_id, m.index, m.sentence) == ("a1", 2, "Special forces went first.")
    assert m.reasons == ("actor North Korea", "words “special forces”")
    (m,) = matches(watch(themes=("troop-deployment",), figures=(FigureRule("personnel", 10000),)))
    assert (m.index, m.sentence) == (1, "Seoul said 12,000 troops left.")
    assert m.reasons == ("theme troop-deployment", "figure 12,000 troops")


def test_watchlist_figure_rule_compares_with_its_bounds():
    assert [m.article_id for m in matches(watch(figures=(FigureRule("personnel", 1000),)))] == ["a3", "a1"]
    assert [m.article_id for m in matches(watch(figures=(FigureRule("personnel", None, 5000),)))] == ["a3"]
    assert [m.article_id for m in matches(watch(figures=(FigureRule("vessels", 1),)))] == []


def test_weekly_counts_span_their_subjects_own_weeks():
    """An actor's and a theme's weeks run from its first dated article to its last, whatever the
    digest's span: an article dated before the oldest or after the newest changes the charts of
    what it names only, not every actor's and theme's page."""
    late = article("a4", 28, ["Japan imposes sanctions.", "Tokyo acted."], {"Japan": [0, 1]}, {"sanctions": [0]})
    digest = build_digest([*ARTICLES, late], THEMES)
    assert digest.weeks == ("2024-W44", "2024-W45", "2024-W46", "2024-W47", "2024-W48")
    actors = digest.actor_by_name
    assert actors["North Korea"].weekly == (("2024-W44", 2), ("2024-W45", 1))
    assert actors["Russia"].weekly == (("2024-W45", 2),)
    assert actors["Japan"].weekly == (("2024-W48", 2),)
    themes = {t.id: t.weekly for t in digest.themes}
    assert themes["sanctions"] == (("2024-W45", 1), ("2024-W46", 0), ("2024-W47", 0), ("2024-W48", 1))
    assert themes["troop-deployment"] == (("2024-W44", 1), ("2024-W45", 1))
    without = build_digest(ARTICLES, THEMES)
    assert without.actor_by_name["North Korea"].weekly == actors["North Korea"].weekly
    assert {t.id: t.weekly for t in without.themes}["troop-deployment"] == themes["troop-deployment"]


def test_an_article_dated_before_the_oldest_changes_only_the_page_keys_of_what_it_is_in():
    """The keys that decide whether an actor's or a theme's page is made again hold neither the
    digest's weeks nor its first date, but for a subject whose feed has no dated entry (such a
    feed says the digest's first date)."""
    from dataclasses import replace

    from generator.render.pages import _actors_base, actor_page_key
    from generator.render.parts import links_key, theme_key

    undated = article("u1", 20, ["Japan imposes sanctions.", "Tokyo acted."], {"Japan": [0]}, {"sanctions": [0]})
    undated = replace(undated, article=replace(undated.article, date=None))
    oldest = article("o1", 1, ["Talks were held.", "Nothing was decided."], {}, {})
    oldest = replace(oldest, article=replace(oldest.article, date=dt.date(2024, 10, 1)))

    def keys(articles):
        digest = build_digest(articles, THEMES)
        base, links = _actors_base(digest, "salt", None, "D"), links_key(digest, "v", "salt", None, "D")
        return ({a.name: actor_page_key(a, digest, base, (None, None)) for a in digest.actors},
                {t.id: theme_key(t, digest, links) for t in digest.themes})

    (actors, themes), (actors_after, themes_after) = keys([*ARTICLES, undated]), keys([*ARTICLES, undated, oldest])
    assert actors_after["North Korea"] == actors["North Korea"] and actors_after["Russia"] == actors["Russia"]
    assert themes_after == themes  # each theme has a dated article
    assert actors_after["Japan"] != actors["Japan"]  # named in the undated article only


def test_page_keys_name_a_figure_by_its_article_and_its_place_in_it():
    """``figure_refs`` (in the keys of actor, theme and edition pages): a figure as its article's
    id and its place among that article's figures; a figure object two analyses share, by its
    text and sentence; another figure of the same article, another key."""
    from dataclasses import replace

    from generator.render.parts import figure_places, figure_refs, links_key, theme_key

    two = article("a4", 12, ["Russia sends 500 troops.", "Then 700 more."], {"Russia": [0, 1]}, {"troop-deployment": [0, 1]},
                  [("500 troops", 500, "personnel", 0), ("700 more", 700, "personnel", 1)])
    shared = replace(two, article=replace(two.article, id="a5", date=dt.date(2024, 11, 13)))  # the same Figure objects
    digest = build_digest([*ARTICLES, two, shared], THEMES)
    try:
        a4 = digest.by_id["a4"].analysed.figures
        a5 = digest.by_id["a5"].analysed.figures
        assert figure_refs(digest, [("a3", digest.by_id["a3"].analysed.figures[0])]) == "a3:0"
        refs = figure_refs(digest, [("a4", a4[1]), ("a5", a5[1])])
        assert "a4:1" in refs or "a5:1" in refs  # one of the two owners by place, the other by its text
        assert '["a4", "700 more", "Then 700 more."]' in refs or '["a5", "700 more", "Then 700 more."]' in refs
        links = links_key(digest, "v", "salt", None, "D")
        (theme,) = [t for t in digest.themes if t.id == "troop-deployment"]
        key = theme_key(theme, digest, links)
        other = replace(theme, figures=tuple((aid, a4[0] if f is a4[1] else f) for aid, f in theme.figures))
        assert theme_key(other, digest, links) != key
    finally:
        figure_places(None)
