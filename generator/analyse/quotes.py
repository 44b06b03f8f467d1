"""spaCy component ``digest_quotes``: direct quotations with who said them and how.

A quotation is text between quotation marks (“…”, "…") of at least two words, in a sentence
with a reporting verb ("said", "warned", "denied"). The speaker is the source of that sentence
(see ``attribution.py``; "he said" goes to the person named just before), resolved to an actor
when the speaker phrase names one ("Ukraine's foreign ministry" -> Ukraine). Sets
``doc._.quotes``: a list of ``[sentence index, quotation, speaker, actor, verb]``.
"""

from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc

from generator.analyse.attribution import find_source
from generator.analyse.lexicon import Lexicon, load_lexicon

if not Doc.has_extension("quotes"):
    Doc.set_extension("quotes", default=None)

_QUOTED = re.compile(r"[“\"]([^“”\"]+?)[”\"]")
MIN_WORDS = 2  # "not aware" is a statement; a single scare-quoted word is not


class QuoteFinder:
    def __init__(self, nlp: Language, name: str, lexicon: Lexicon):
        self.name = name
        self.speech_verbs = {v.lower() for v in lexicon.speech_verbs if " " not in v}

    def __call__(self, doc: Doc) -> Doc:
        quotes = []
        mentions = doc._.actor_mentions or []
        for s_idx, sent in enumerate(doc.sents):
            text = sent.text
            found = [m.group(1).strip() for m in _QUOTED.finditer(text) if len(m.group(1).split()) >= MIN_WORDS]
            if not found:
                continue
            source = find_source(sent, self.speech_verbs, pronouns=True)
            if source is None or source.verb == "according to":
                continue
            actor = self._speaker_actor(doc, source, mentions)
            for q in found:
                quotes.append([s_idx, " ".join(q.split()), source.text, actor, source.verb])
        doc._.quotes = quotes
        return doc


    @staticmethod
    def _speaker_actor(doc: Doc, source, mentions: list) -> str | None:
        """The actor the speaker phrase is, or belongs to ("China's foreign ministry").

        Only the head of the phrase or a word attached to it counts: "a researcher at a
        Seoul-based think tank" is not South Korea speaking.
        """
        inside = [m for m in mentions if source.start <= m[0] < source.end]
        if source.head is None:
            return inside[0][2] if inside else None
        for m in inside:
            if m[0] <= source.head < m[1]:
                return m[2]
        for m in inside:
            last = doc[m[1] - 1]
            if last.head.i == source.head and last.dep_ in ("poss", "compound", "amod", "nmod"):
                return m[2]
        return None


@Language.factory("digest_quotes", assigns=["doc._.quotes"], default_config={"lexicon_path": None})
def make_quote_finder(nlp: Language, name: str, lexicon_path: str | None) -> QuoteFinder:
    return QuoteFinder(nlp, name, load_lexicon(lexicon_path))
