r"""The search tokenizer and normaliser, shared by the index writer (Python) and the browser
(``templates/assets/search.js`` implements the very same steps; a test runs both on the same
strings and compares).

Steps, in order:
1. lowercase;
2. Unicode NFKD, then drop every mark (categories Mn, Mc, Me; JavaScript's ``\p{M}``):
   "Türkiye" -> "turkiye", "Erdoğan" -> "erdogan";
3. dotted acronyms lose their dots: "u.s." -> "us", "d.p.r.k." -> "dprk";
4. thousands separators between digits go: "100,000" -> "100000" (a comma followed by exactly
   three digits);
5. tokens are runs of letters and digits, with a decimal point kept between digits ("2.5");
   apostrophes, hyphens and every other character separate tokens ("korea's" -> "korea", "s";
   "jong-un" -> "jong", "un");
6. one-letter tokens that are not digits are dropped, and so are the stopwords below.
"""

from __future__ import annotations

import re
import sys
import unicodedata
from functools import lru_cache

STOPWORDS = frozenset(
    ["a", "an", "and", "are", "as", "at", "be", "been", "but", "by", "for", "from", "had", "has", "have", "he", "her", "his", "in", "is", "it", "its", "of", "on", "or", "she", "that", "the", "their", "they", "this", "to", "was", "were", "which", "will", "with"]
)

_ACRONYM = re.compile(r"(?<![^\W_])((?:[^\W\d_]\.){2,})")
_THOUSANDS = re.compile(r"(?<=[0-9]),(?=[0-9]{3}(?![0-9]))")
_TOKEN = re.compile(r"[^\W_]+(?:(?<=[0-9])\.[0-9]+)*")


@lru_cache(maxsize=1)
def _marks() -> re.Pattern:
    """Every Unicode mark (the same set as JavaScript's \\p{M}), built once."""
    chars = [chr(c) for c in range(0x300, sys.maxunicode + 1) if unicodedata.category(chr(c))[0] == "M"]
    return re.compile("[" + "".join(re.escape(c) for c in chars) + "]")


def normalise(text: str) -> str:
    """Steps 1-4: lowercase, fold accents, join dotted acronyms and digit groups."""
    text = text.lower()
    if not text.isascii():  # ASCII has nothing to decompose or drop
        text = _marks().sub("", unicodedata.normalize("NFKD", text))
    if "." in text:
        text = _ACRONYM.sub(lambda m: m.group(1).replace(".", ""), text)
    return _THOUSANDS.sub("", text) if "," in text else text


def tokens(text: str, keep_stopwords: bool = False) -> list[str]:
    """The index terms of ``text``, in order (steps 1-6)."""
    out = []
    for tok in _TOKEN.findall(normalise(text)):
        if len(tok) == 1 and not tok.isdigit():
            continue
        if not keep_stopwords and tok in STOPWORDS:
            continue
        out.append(tok)
    return out
