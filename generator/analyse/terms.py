"""Find the words of our data files (theme terms, hedges) in a Doc, fast.

``"deploy*"`` matches any word starting with "deploy"; ``"military aid"`` is a two-word phrase;
matching is on the lowercase form (never lemmas: the fallback pipeline has no lemmatizer).
Words are split the way the tokenizer splits them, so "F-16*" and "U.S." match as written. A term
starting with a hyphen is the end of a compound: ``"-made"`` matches "Iranian-made" (which the
tokenizer splits into "Iranian", "-", "made") and "U.S.-made" (which it keeps whole).

``TermIndex`` does what a spaCy Matcher with one pattern per term would, several times faster:
single words are looked up in a table built once per word type (news text repeats its
vocabulary, so nearly every token is a dictionary hit), and only phrases go through spaCy's
PhraseMatcher (exact) or Matcher (phrases ending in a wildcard).
"""

from __future__ import annotations

import re

from spacy.language import Language
from spacy.matcher import Matcher, PhraseMatcher
from spacy.tokens import Doc


def term_pattern(nlp: Language, term: str) -> list[dict]:
    """One Matcher pattern (a list of token dicts) for one term; any word of a phrase may end
    in "*" ("call* for": calls for, called for, calling for)."""
    pattern: list[dict] = []
    for part in term.split():
        words = [t.text for t in nlp.make_doc(part.rstrip("*"))]
        pattern.extend({"LOWER": w.lower()} for w in words)
        if part.endswith("*") and words:
            pattern[-1] = {"LOWER": {"REGEX": "^" + re.escape(words[-1].lower())}}
    return pattern


class TermIndex:
    """Terms grouped under keys; ``find(doc)`` yields ``(start, end, key)`` for every match."""

    def __init__(self, nlp: Language, groups: dict[str, list[str]]):
        self.exact: dict[str, set[str]] = {}
        self.prefixes: list[tuple[str, str]] = []
        self.suffixes: list[tuple[str, str]] = []  # ("-made", key): the end of a compound word
        self.phrases = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.wild_phrases = Matcher(nlp.vocab)
        self.keys: list[str] = []
        self._cache: dict[str, tuple[str, ...]] = {}
        for key, terms in groups.items():
            exact_docs, wild = [], []
            for term in terms:
                if term.startswith("-") and len(term) > 1 and " " not in term and "*" not in term:
                    # "-made": "U.S.-made" (one token) or "Iranian" "-" "made" (three)
                    self.suffixes.append((term.lower(), key))
                    exact_docs.append(Doc(nlp.vocab, words=["-", term[1:].lower()]))
                    continue
                words = [t.text.lower() for t in nlp.make_doc(term.replace("*", ""))]
                if not words:
                    continue
                if len(words) == 1:
                    if term.endswith("*"):
                        self.prefixes.append((words[0], key))
                    else:
                        self.exact.setdefault(words[0], set()).add(key)
                elif "*" in term:
                    wild.append(term_pattern(nlp, term))
                else:
                    exact_docs.append(nlp.make_doc(term.lower()))
            if exact_docs:
                self.phrases.add(key, exact_docs)
            if wild:
                self.wild_phrases.add(key, wild)

    def _keys_for(self, word: str) -> tuple[str, ...]:
        keys = self._cache.get(word)
        if keys is None:
            found = set(self.exact.get(word, ()))
            found.update(key for prefix, key in self.prefixes if word.startswith(prefix))
            found.update(key for suffix, key in self.suffixes if word.endswith(suffix) and word != suffix)
            keys = self._cache[word] = tuple(sorted(found))
        return keys

    def find(self, doc: Doc) -> list[tuple[int, int, str]]:
        out = []
        for tok in doc:
            for key in self._keys_for(tok.lower_):
                out.append((tok.i, tok.i + 1, key))
        strings = doc.vocab.strings
        for matcher in (self.phrases, self.wild_phrases):
            if len(matcher):  # an empty matcher warns on every call
                out.extend((start, end, strings[match_id]) for match_id, start, end in matcher(doc))
        out.sort()
        return out
