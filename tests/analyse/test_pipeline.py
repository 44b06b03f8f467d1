"""generator/analyse/pipeline.py: articles in another language are kept but not analysed."""

from __future__ import annotations

import pytest

from generator.ingest import read_articles
from tests.conftest import fixture


def test_non_english_article_gets_sentences_but_no_actors_themes_or_figures(analyser):
    articles = read_articles([str(fixture("feeds/monitor.atom"))]).articles
    french = next(a for a in articles if a.language == "fr")
    english = next(a for a in articles if a.language == "en")
    out = list(analyser.analyse([french, english, french]))
    assert [a.article for a in out] == [french, english, french]  # input order kept
    fr = out[0]
    assert (fr.actors, fr.themes, fr.figures, fr.quotes, fr.mentions) == ((), (), (), (), ())
    assert fr.sentences[0] == french.title
    assert any(s.startswith("Selon la préfecture") for s in fr.sentences)
    assert len(fr.certainties) == len(fr.likelihoods) == len(fr.sentences)
    assert "not run: the article is in 'fr'" in fr.pipeline
    # the English copy of the grain story is analysed as usual
    # (it matches no theme, so its names are kept as unresolved names, not actors)
    assert {"Russia", "Ukraine"} <= {r.name for r in out[1].actors} | {name for name, _, _ in out[1].unresolved}
    assert "not run" not in out[1].pipeline


@pytest.mark.slow
def test_worker_processes_give_the_same_records_in_the_same_order(analyser):
    from tests.conftest import EXAMPLES

    articles = list(read_articles([str(EXAMPLES)]).articles) * 3  # enough to split into chunks
    one = list(analyser.analyse(articles, n_process=1))
    two = list(analyser.analyse(articles, n_process=2))
    assert one == two
