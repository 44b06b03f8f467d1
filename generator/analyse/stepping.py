"""spaCy component ``digest_stepped``: the trained parser or entity recogniser, its transitions
taken from Python, several articles at a time.

spaCy's own loop (``Parser.greedy_parse``) releases the GIL and then, for every action it
checks at every step of every article, takes it back in the compiled state code it calls
(``StateC.B``/``safe_get`` under ``TransitionSystem.set_valid``: measured with ``perf``, three
quarters of the entity recogniser's time went to taking and dropping the GIL). The same loop run
from Python, which spaCy itself uses when it trains (``ParserStepModel.predict``, then
``Parser.transition_states``), holds the GIL all along, so those re-acquisitions cost next to
nothing, and the steps of many articles share one matrix product.

The annotation is the same, token for token (``tests/analyse/test_stepping.py`` checks it
against spaCy's own loop): the same precomputed features summed in the same order, the same bias
and maxout, the output layer's product with BLIS as in spaCy's loop (BLIS gives a row the same
floats whatever other rows share the product), the same compiled transitions. For the entity
recogniser, whose own ``tok2vec`` and first layer run on numpy's BLAS (``pipeline._run_faster``),
those two still run one article at a time (OpenBLAS's results for a row depend on the other
rows), and only the steps are shared: an article's annotation depends on that article alone.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

import numpy
from spacy.language import Language
from spacy.ml.parser_model import ParserStepModel
from spacy.pipeline import TrainablePipe
from spacy.pipeline._parser_internals.arc_eager import ArcEager
from spacy.tokens import Doc
from spacy.util import minibatch

STEP_TOKENS = 16_000  # tokens stepped together (about 16 articles); the parser's features take 4 KB a token


class _OneDocAtATime:
    """A layer run on each article alone, its outputs stacked: the ``tok2vec`` of the entity
    recogniser (docs in) or its precomputed first layer (the stacked token vectors in, cut back
    into articles by ``lengths``; one padding row first, as the layer gives it)."""

    def __init__(self, layer, lengths: list[int]):
        self.layer = layer
        self.lengths = lengths
        self.ops = layer.ops

    def __call__(self, X, is_train: bool = False):
        if isinstance(X, list):  # the docs
            return numpy.vstack([self.layer.predict([doc]) for doc in X if len(doc)]), None
        parts, start = [], 0
        for n in self.lengths:
            if n:
                Y = self.layer.predict(X[start : start + n])
                parts.append(Y if not parts else Y[1:])  # the padding row once, first
                start += n
        return numpy.concatenate(parts), None

    def get_param(self, name: str):
        return self.layer.get_param(name)

    def has_dim(self, name: str):
        return self.layer.has_dim(name)

    def get_dim(self, name: str):
        return self.layer.get_dim(name)


class SteppedParser:
    """The component ``source`` (a ``parser`` or ``ner``), run as above under its own name."""

    def __init__(self, name: str, source: TrainablePipe, per_doc: bool):
        self.name = name
        self.source = source
        self.model = source.model  # where spaCy finds the parser's tok2vec listener
        self.per_doc = per_doc  # the model's tok2vec and first layer one article at a time
        self.annotation = "DEP" if isinstance(source.moves, ArcEager) else "ENT_TYPE"  # the labels it reads from a Doc
        source._ensure_labels_are_added([Doc(source.vocab, words=[])])  # the transition system's own labels

    def __call__(self, doc: Doc) -> Doc:
        self._annotate([doc])
        return doc

    def pipe(self, docs: Iterable[Doc], *, batch_size: int = 32) -> Iterator[Doc]:
        for batch in minibatch(docs, size=batch_size):
            self._annotate(batch)
            yield from batch

    def _annotate(self, docs: list[Doc]) -> None:
        group: list[Doc] = []
        tokens = 0
        for doc in sorted(docs, key=len):  # similar lengths finish together
            if group and tokens + len(doc) > STEP_TOKENS:
                self.source.set_annotations(group, self._parse(group))
                group, tokens = [], 0
            group.append(doc)
            tokens += len(doc)
        if group:
            self.source.set_annotations(group, self._parse(group))

    def _parse(self, docs: list[Doc]) -> list:
        source = self.source
        batch = source.moves.init_batch(docs)
        if not any(len(doc) for doc in docs):
            return batch
        # labels a Doc brings (spaCy adds actions for them): only from a Doc already annotated,
        # without making a Python object of every token
        source._ensure_labels_are_added([doc for doc in docs if doc.has_annotation(self.annotation)])
        model = source.model
        if self.per_doc:
            tok2vec, lower, upper = model.layers
            lengths = [len(doc) for doc in docs]
            steps = ParserStepModel(docs, [_OneDocAtATime(tok2vec, lengths), _OneDocAtATime(lower, lengths), upper],
                                    has_upper=model.attrs["has_upper"], unseen_classes=model.attrs["unseen_classes"],
                                    train=False)
        else:
            steps = model.predict(docs)
        states = [state for state in batch if not state.is_final()]
        upper = model.get_ref("upper")
        if model.attrs["has_upper"] and not model.attrs["unseen_classes"]:
            # ``steps.predict`` (spaCy's ``step_forward``) without its layers' bookkeeping: the
            # same features, maxout and output layer (thinc's Linear: the product, then the bias)
            W, b, hidden = upper.get_param("W"), upper.get_param("b"), steps.state2vec
            while states:
                scores = upper.ops.gemm(hidden.predict(steps.get_token_ids(states)), W, trans2=True)
                scores += b
                states = source.transition_states(states, scores)
        while states:
            states = source.transition_states(states, steps.predict(states))
        steps.clear_memory()
        return batch


@Language.factory("digest_stepped", default_config={"source": "parser", "per_doc": False})
def make_stepped(nlp: Language, name: str, source: str, per_doc: bool) -> SteppedParser:
    """The pipeline's component ``source``, stepped from Python."""
    return SteppedParser(name, nlp.get_pipe(source), per_doc)
