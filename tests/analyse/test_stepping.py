"""generator/analyse/stepping.py: the parser and the entity recogniser stepped from Python give
the annotation of spaCy's own compiled loop, token for token, whatever articles share the steps."""

from __future__ import annotations

from pathlib import Path

import numpy as np
from spacy.attrs import DEP, ENT_IOB, ENT_TYPE, HEAD, POS, SENT_START, TAG

from generator.analyse import stepping
from generator.analyse.pipeline import PER_DOC_BATCH, blas_one_thread
from generator.analyse.stepping import SteppedParser
from generator.ingest import read_articles

EVAL = Path(__file__).resolve().parent.parent / "data" / "eval"
COLUMNS = [HEAD, DEP, SENT_START, ENT_IOB, ENT_TYPE, TAG, POS]


def _run(analyser, articles, compiled: bool):
    """The whole pipeline over ``articles``; ``compiled``: parser and ner as spaCy runs them (its
    own loop; ner one article at a time, as this project ran it before stepping.py)."""
    nlp = analyser.nlp
    with blas_one_thread():
        docs = [analyser._make_doc(a) for a in articles]
        for name, proc in nlp.pipeline:
            if compiled and isinstance(proc, SteppedParser):
                docs = list(proc.source.pipe(docs, batch_size=1 if proc.per_doc else 32))
            elif hasattr(proc, "pipe"):
                docs = list(proc.pipe(docs, **PER_DOC_BATCH.get(name, {"batch_size": 32})))
            else:
                docs = [proc(doc) for doc in docs]
    return docs


def test_the_stepped_parser_and_ner_annotate_as_spacys_own_loop(analyser):
    assert all(isinstance(analyser.nlp.get_pipe(name), SteppedParser) for name in ("parser", "ner"))
    articles = read_articles([str(EVAL)]).articles[:12]
    ours, theirs = _run(analyser, articles, compiled=False), _run(analyser, articles, compiled=True)
    for a, b in zip(ours, theirs):
        assert np.array_equal(a.to_array(COLUMNS), b.to_array(COLUMNS)), a.text[:80]
        assert [(q.text, q.speaker) for q in a._.quotes or []] == [(q.text, q.speaker) for q in b._.quotes or []]
    assert sum(len(d.ents) for d in ours) > 100 and sum(len(list(d.sents)) for d in ours) > 80


def test_an_article_is_annotated_the_same_whatever_shares_its_steps(analyser, monkeypatch):
    articles = read_articles([str(EVAL)]).articles[12:18]
    together = [d.to_array(COLUMNS) for d in _run(analyser, articles, compiled=False)]
    monkeypatch.setattr(stepping, "STEP_TOKENS", 1)  # every article stepped alone
    alone = [d.to_array(COLUMNS) for d in _run(analyser, articles, compiled=False)]
    assert all(np.array_equal(a, b) for a, b in zip(together, alone))


def test_empty_and_blank_texts_go_through(analyser):
    docs = list(analyser.nlp.pipe(["", "   \n\n  ", "Kim Jong Un met Vladimir Putin in Pyongyang."]))
    assert [len(d.ents) for d in docs[:2]] == [0, 0] and len(docs[2].ents) >= 2
    assert docs[2][2].dep_  # parsed
