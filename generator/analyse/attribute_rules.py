"""spaCy component ``digest_attribute_rules``: the trained model's attribute rules, applied at once.

The English model's ``attribute_ruler`` gives each token its part of speech, morphology and
some lemmas from its fine-grained tag, with exceptions by word and dependency ("'d" is
"would"; a DT that is no determiner is a pronoun). spaCy applies those ~180 rules match by
match in Python, which costs as much as the dependency parser itself (see ``pipeline.py``).
This component holds the same rules and gives the same annotation, token for token (tested
against spaCy's own): a rule on one token is a condition over the Doc's attribute arrays,
applied to all tokens at once; the few that span two tokens or use a regular expression go
through a Matcher of their own. As in spaCy, the rules are matched on the Doc as it comes,
then applied in the order they were added, a later rule overriding an earlier one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np
from spacy.attrs import IDS
from spacy.language import Language
from spacy.matcher import Matcher
from spacy.pipeline import AttributeRuler
from spacy.tokens import Doc
from spacy.vocab import Vocab

# Token attributes a rule may test here (as arrays); a rule testing anything else, or with
# operators ("OP"), goes through a Matcher.
_TESTED = {"ORTH", "TEXT", "LOWER", "NORM", "TAG", "POS", "DEP", "LEMMA", "IS_SPACE", "IS_PUNCT", "IS_ALPHA",
           "IS_DIGIT", "LIKE_NUM", "IS_TITLE", "IS_UPPER", "IS_LOWER", "SHAPE", "PREFIX", "SUFFIX"}
_STRINGS = {"ORTH", "TEXT", "LOWER", "NORM", "TAG", "DEP", "LEMMA", "SHAPE", "PREFIX", "SUFFIX"}


@dataclass(frozen=True, slots=True)
class _Test:
    column: int  # in the array of tested attributes
    values: np.ndarray | None  # the attribute's value is one of these (hashes, or 0/1 for flags)
    negated: bool = False  # ... or, for NOT_IN, none of these
    regex: re.Pattern | None = None  # or its text matches this (REGEX), when values is None


@dataclass(frozen=True, slots=True)
class _Rule:
    patterns: tuple[tuple[tuple[_Test, ...], ...], ...] | None  # per pattern, per token; None: Matcher
    attrs: tuple[tuple[int, int], ...]  # (output column, value) it sets
    index: int  # which token of a match it sets


def _test(vocab: Vocab, key: str, value, columns: dict[int, int]) -> _Test | None:
    """One attribute test of a pattern as it reads on arrays, None if it cannot."""
    if key not in _TESTED:
        return None
    attr = IDS["ORTH" if key == "TEXT" else key]
    column = columns.setdefault(attr, len(columns))

    def as_int(v) -> int | None:  # the Matcher's reading: strings as hashes, flags as 0/1
        if isinstance(v, bool):
            return int(v)
        if isinstance(v, str):
            return vocab.strings.add(v)
        return v if isinstance(v, int) else None

    if isinstance(value, dict):
        if len(value) != 1:
            return None
        op, items = next(iter(value.items()))
        if op == "REGEX" and key in _STRINGS and isinstance(items, str):
            return _Test(column, None, regex=re.compile(items))
        if op not in ("IN", "NOT_IN") or not isinstance(items, list):
            return None
        ints = [as_int(v) for v in items]
        if any(v is None for v in ints):
            return None
        return _Test(column, np.array(ints, dtype=np.uint64), op == "NOT_IN")
    v = as_int(value)
    return None if v is None else _Test(column, np.array([v], dtype=np.uint64))


class AttributeRules:
    """The rules of an ``AttributeRuler``, applied as array operations."""

    def __init__(self, vocab: Vocab, name: str, ruler: AttributeRuler):
        self.name = name
        self.tested: dict[int, int] = {}  # attribute id -> column
        self.outputs: dict[int, int] = {}
        self.matcher = Matcher(vocab)
        self.rules: list[_Rule] = []
        self._searched: dict[tuple[str, int], bool] = {}  # (regex, string hash) -> found
        for i, (attrs, index) in enumerate(zip(ruler.attrs, ruler.indices)):
            if "_" in attrs:
                raise ValueError(f"{name}: rule {i} sets extension attributes, which this component does not")
            patterns = ruler.matcher.get(str(i))[1]
            compiled = []
            for pattern in patterns:
                tokens = [[_test(vocab, k, v, self.tested) for k, v in spec.items()] for spec in pattern]
                if not tokens or any(t is None for spec in tokens for t in spec):
                    compiled = None
                    break
                compiled.append(tuple(tuple(spec) for spec in tokens))
            if compiled is None:
                self.matcher.add(str(i), patterns)
            outputs = tuple((self.outputs.setdefault(a, len(self.outputs)), v) for a, v in attrs.items())
            self.rules.append(_Rule(tuple(compiled) if compiled is not None else None, outputs, index))
        self.tested_ids = list(self.tested)
        self.output_ids = list(self.outputs)

    def __call__(self, doc: Doc) -> Doc:
        n = len(doc)
        if not n:
            return doc
        values = doc.to_array(self.tested_ids).reshape(n, -1)
        before = doc.to_array(self.output_ids).reshape(n, -1)
        after = before.copy()
        matched: dict[int, list[tuple[int, int]]] = {}
        if len(self.matcher):
            for match_id, start, end in self.matcher(doc, allow_missing=True, as_spans=False):
                matched.setdefault(int(doc.vocab.strings[match_id]), []).append((start, end))
        for i, rule in enumerate(self.rules):
            if rule.patterns is None:
                where = [doc[start:end][rule.index].i for start, end in sorted(matched.get(i, ()))]
            else:
                where = np.zeros(n, dtype=bool)
                for pattern in rule.patterns:
                    where |= self._matches(doc, values, pattern, rule.index)
            for column, value in rule.attrs:
                after[where, column] = value
        changed = [j for j in range(len(self.output_ids)) if (after[:, j] != before[:, j]).any()]
        if changed:
            doc.from_array([self.output_ids[j] for j in changed], after[:, changed])
        return doc

    def _matches(self, doc: Doc, values: np.ndarray, pattern: tuple[tuple[_Test, ...], ...], index: int) -> np.ndarray:
        """The tokens a pattern sets: token ``index`` of each place where it matches."""
        n, size = len(doc), len(pattern)
        out = np.zeros(n, dtype=bool)
        if size > n:
            return out
        starts = np.ones(n - size + 1, dtype=bool)
        for j, tests in enumerate(pattern):
            for t in tests:
                starts &= self._holds(doc, values[j : n - size + 1 + j, t.column], t)
        if index < 0:
            index += size
        if not 0 <= index < size:
            if starts.any():
                raise ValueError(f"{self.name}: token {index} of a match of {size} tokens")
            return out
        out[index : n - size + 1 + index] = starts
        return out

    def _holds(self, doc: Doc, column: np.ndarray, test: _Test) -> np.ndarray:
        if test.regex is not None:
            unique, inverse = np.unique(column, return_inverse=True)
            found = np.array([self._search(doc, test.regex, int(h)) for h in unique], dtype=bool)
            return found[inverse]
        hit = column == test.values[0] if len(test.values) == 1 else np.isin(column, test.values)
        return ~hit if test.negated else hit

    def _search(self, doc: Doc, regex: re.Pattern, key: int) -> bool:
        found = self._searched.get((regex.pattern, key))
        if found is None:
            found = self._searched[(regex.pattern, key)] = bool(regex.search(doc.vocab.strings[key]))
        return found


@Language.factory("digest_attribute_rules", default_config={"source": "attribute_ruler"})
def make_attribute_rules(nlp: Language, name: str, source: str) -> AttributeRules:
    """The rules of the pipeline's component ``source`` (an ``attribute_ruler``), compiled."""
    return AttributeRules(nlp.vocab, name, nlp.get_pipe(source))
