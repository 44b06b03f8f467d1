"""generator/analyse/attribute_rules.py against spaCy's own AttributeRuler, and the way
pipeline.py runs the trained model (numpy's BLAS one Doc at a time, the same annotation; without
the model, the rule-only pipeline)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
import spacy
from spacy.attrs import DEP, LEMMA, MORPH, POS, TAG

from generator.analyse.pipeline import MODEL_NAMES, PER_DOC
from generator.ingest import read_articles

EVAL = Path(__file__).resolve().parent.parent / "data" / "eval"
# Every kind of rule of the English model: by tag, by word and tag, by dependency ("There is",
# auxiliaries, "but" as an adverb), two-token rules ("gon na", "let 's", "c'm on"), regular
# expressions ("y' all", "ai n't", "nothin'"), whitespace.
ODD = ("Let's go, y'all. I'm gonna win, ain't it? We gotta c'm on, nothin' to lose. It gets worse, you know, "
       "and he got it. There is a man who had been told, but he didn't. Which is it?\n\n  \n The end.")


@pytest.fixture(scope="module")
def model():
    for name in MODEL_NAMES:
        try:
            return spacy.load(name, exclude=["lemmatizer", "ner"])
        except OSError:
            continue
    pytest.fail("the pinned trained model must be installed for the tests")


def test_attribute_rules_give_the_annotation_of_spacys_attribute_ruler(model):
    fast = model.add_pipe("digest_attribute_rules", name="fast", before="attribute_ruler")
    texts = [ODD] + [a.analysed_text() for a in read_articles([str(EVAL)]).articles[:4]]
    with model.select_pipes(disable=["attribute_ruler", "fast"]):
        docs = list(model.pipe(texts))
    ruler = model.get_pipe("attribute_ruler")
    columns = [TAG, POS, MORPH, LEMMA, DEP]
    for doc in docs:
        theirs, ours = ruler(doc.copy()), fast(doc.copy())
        assert np.array_equal(theirs.to_array(columns), ours.to_array(columns)), doc.text[:80]
    assert all(r.patterns is not None for r in fast.rules)  # none left to the Matcher
    odd = fast(docs[0].copy())
    assert [(t.text, t.pos_, t.lemma_) for t in odd[:6]] == [
        ("Let", "VERB", ""), ("'s", "PRON", "us"), ("go", "VERB", ""), (",", "PUNCT", ""), ("y'", "PRON", "you"),
        ("all", "PRON", "")]
    assert sum(t.pos_ != "" for t in ours) == len(ours)  # every token of an article got its part of speech


def test_the_pipeline_runs_the_model_its_faster_way(analyser):
    names = analyser.nlp.pipe_names
    assert "digest_attribute_rules" in names and "attribute_ruler" not in names
    for name in PER_DOC:
        model = analyser.nlp.get_pipe(name).model
        upper = set(map(id, model.get_ref("upper").walk())) if model.has_ref("upper") else set()
        assert all(not node.ops.use_blis for node in model.walk() if id(node) not in upper)
        assert all(node.ops.use_blis for node in model.walk() if id(node) in upper)  # as in spaCy's own steps
    assert analyser.nlp.get_pipe("parser").model.ops.use_blis  # batches better on BLIS


def test_an_article_is_analysed_the_same_alone_or_among_others(analyser):
    articles = read_articles([str(EVAL)]).articles[:3]
    together = list(analyser.analyse(articles))
    alone = [next(iter(analyser.analyse([a]))) for a in articles[::-1]][::-1]
    assert together == alone
    assert sum(len(a.mentions) for a in alone) > 5


def test_without_a_trained_model_the_rule_only_pipeline_runs_with_its_warning():
    from generator.analyse.pipeline import Analyser, PipelineSettings

    with pytest.warns(RuntimeWarning, match="no trained English spaCy model is installed"):
        rule_only = Analyser(PipelineSettings(model="no_such_model_package"))
    assert rule_only.label == "blank:en (rule-only)"
    assert "digest_attribute_rules" not in rule_only.nlp.pipe_names
    article = read_articles([str(EVAL)]).articles[0]
    out = next(iter(rule_only.analyse([article])))
    assert len(out.sentences) > 3 and out.actors  # sentences and gazetteer actors still found
