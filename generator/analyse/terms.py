"""Turn the term lists of our data files into spaCy Matcher token patterns.

``"deploy*"`` matches any word starting with "deploy"; ``"military aid"`` is a two-word phrase;
matching is on the lowercase form (never lemmas: the fallback pipeline has no lemmatizer).
Words are split the way the tokenizer splits them, so "F-16*" and "U.S." match as written.
"""

from __future__ import annotations

import re

from spacy.language import Language


def term_pattern(nlp: Language, term: str) -> list[dict]:
    """One Matcher pattern (a list of token dicts) for one term."""
    words = [t.text for t in nlp.make_doc(term.rstrip("*"))]
    pattern: list[dict] = [{"LOWER": w.lower()} for w in words]
    if term.endswith("*") and pattern:
        pattern[-1] = {"LOWER": {"REGEX": "^" + re.escape(words[-1].lower())}}
    return pattern
