"""spaCy component ``digest_certainty``: how sure each sentence is.

Every sentence is ``hedged`` (may, could, reportedly, suggest...), else ``reported`` (said,
according to, estimated...), else ``asserted``. Where a word of estimative probability from
the ICD 203 scale appears ("very likely"), its level is recorded too. Sets
``doc._.certainty`` and ``doc._.likelihood``: one value per sentence.
"""

from __future__ import annotations

import bisect

from spacy.language import Language
from spacy.tokens import Doc

from generator.analyse.lexicon import Lexicon, load_lexicon
from generator.analyse.terms import TermIndex

for _ext in ("certainty", "likelihood", "hedges"):
    if not Doc.has_extension(_ext):
        Doc.set_extension(_ext, default=None)


class CertaintyMarker:
    def __init__(self, nlp: Language, name: str, lexicon: Lexicon):
        self.name = name
        groups = {"hedged": list(lexicon.hedges), "reported": list(lexicon.reporting)}
        groups.update({f"icd\t{level}": list(phrases) for level, phrases in lexicon.estimative})
        self.terms = TermIndex(nlp, groups)

    def __call__(self, doc: Doc) -> Doc:
        sents = list(doc.sents)
        starts = [s.start for s in sents]
        certainty = ["asserted"] * len(sents)
        likelihood: list[tuple[int, str] | None] = [None] * len(sents)
        hedges = []
        for start, end, label in self.terms.find(doc):
            s = bisect.bisect_right(starts, start) - 1
            if label == "hedged" and _the_month(doc, start):
                continue  # "May 25 (Reuters) -", "in May", "Theresa May": not "may"
            if label == "hedged" and doc[start].lower_ == "alleged" and doc[start].pos_ in ("VERB", "AUX"):
                continue  # "Kyiv alleged that ...": a claim reported, as "claimed" (the adjective hedges)
            if label == "hedged":
                certainty[s] = "hedged"
                hedges.append(start)
            elif label == "reported":
                if certainty[s] == "asserted":
                    certainty[s] = "reported"
            else:
                level = label.split("\t", 1)[1]
                # the longest phrase wins ("very likely" over "likely")
                if likelihood[s] is None or (end - start) > likelihood[s][0]:
                    likelihood[s] = (end - start, level)
        doc._.certainty = certainty
        doc._.hedges = hedges  # first tokens of hedging words, for figures (the clause they hedge)
        doc._.likelihood = [x[1] if x else None for x in likelihood]
        return doc


@Language.factory(
    "digest_certainty", assigns=["doc._.certainty", "doc._.likelihood", "doc._.hedges"], default_config={"lexicon_path": None}
)
def make_certainty_marker(nlp: Language, name: str, lexicon_path: str | None) -> CertaintyMarker:
    return CertaintyMarker(nlp, name, load_lexicon(lexicon_path))



_BEFORE_A_MONTH = frozenset({"in", "on", "of", "since", "until", "till", "by", "from", "last", "next", "this", "early",
                             "late", "mid", "through", "between", "during", "before", "after"})


def _the_month(doc: Doc, i: int) -> bool:
    """Whether "May" at ``i`` is the month or a name, not the modal: a day or a year after it
    ("May 25 (Reuters) -", "May 2024"), a preposition before it ("in May"), or what the model
    calls a date or a person ("Theresa May said"). A headline's "China May Retaliate" stays a hedge."""
    t = doc[i]
    if t.text != "May":
        return False
    after = doc[i + 1] if i + 1 < len(doc) else None
    before = doc[i - 1] if i > 0 else None
    return (after is not None and after.like_num) or (before is not None and before.lower_ in _BEFORE_A_MONTH) \
        or t.ent_type_ in ("DATE", "PERSON")
