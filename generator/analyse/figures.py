"""spaCy component ``digest_figures``: numbers with what they count, how, and who said so.

A figure is a number (digits, a number word, "thousands of") with a unit: a currency ("$2.5
billion"), a percentage ("25%"), or a counted noun ("15,000 North Korean troops"; modifiers
between number and noun are skipped). Around it: the qualifier written before it ("up to"),
the attribution of its sentence (the subject of a reporting verb, or "according to X"), and
the place the sentence names. Sets ``doc._.figures``: a list of
``[start, end, text, value, unit, qualifier, attribution, place, measure]`` (the measure groups
units that count the same thing: troops and soldiers are both "personnel").
"""

from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from generator.analyse.attribution import find_source
from generator.analyse.lexicon import Lexicon, load_lexicon

if not Doc.has_extension("figures"):
    Doc.set_extension("figures", default=None)

_NUMBER = re.compile(r"^(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?(bn|mn|m|k|tn)?$", re.IGNORECASE)
_SKIPPABLE = {"more", "additional", "new", "other", "extra", "elite", "active", "active-duty", "-",
              "regular", "combat", "military", "enemy", "special", "foreign", "its", "their", "the",
              "and", "stolen", "displaced", "wounded", "armed", "trained", "deployed"}
_SMALL_WORD = 10  # spelled-out numbers below this are figures only with a listed unit


class FigureFinder:
    def __init__(self, nlp: Language, name: str, lexicon: Lexicon):
        self.name = name
        self.qualifiers = sorted((tuple(q.lower().split()) for q in lexicon.qualifiers), key=len, reverse=True)
        self.units = {u.lower() for u in lexicon.units if " " not in u}
        self.weak_units = {u.lower() for u in lexicon.weak_units}
        self.scales = dict(lexicon.scales)
        self.number_words = dict(lexicon.number_words)
        self.symbols = dict(lexicon.currency_symbols)
        self.currency_words = {tuple(k.lower().split()): v for k, v in lexicon.currency_words}
        self.percent = [tuple(p.lower().split()) for p in lexicon.percent]
        self.measures = dict(lexicon.measures)
        speech = [tuple(v.lower().split()) for v in lexicon.speech_verbs]
        self.speech_verbs = {v[0] for v in speech if len(v) == 1}

    # ------------------------------------------------------------------ numbers
    def _number(self, tok: Token) -> tuple[float | None, bool] | None:
        """(value, is_digits) for a number token, None otherwise; value None for "thousands"."""
        m = _NUMBER.match(tok.text)
        if m:
            value = float(m.group(1).replace(",", "") + (m.group(2) or ""))
            suffix = (m.group(3) or "").lower()
            if suffix:
                value *= self.scales.get(suffix, 1)
            return value, True
        low = tok.lower_
        if low in self.number_words:
            return self.number_words[low], False
        return None

    def _read_number(self, doc: Doc, i: int, end: int) -> tuple[float | None, int] | None:
        if doc[i].lower_ in ("a", "an") and i + 1 < end and doc[i + 1].lower_ in ("dozen", "hundred", "thousand", "million", "billion", "trillion"):
            value, j = self.scales[doc[i + 1].lower_], i + 2
            while j < end and doc[j].lower_ in self.scales:
                value *= self.scales[doc[j].lower_]
                j += 1
            return value, j
        got = self._number(doc[i])
        if got is None:
            return None
        value, _digits = got
        j = i + 1
        if value == 1 and j < end and doc[j].lower_ == "of":  # "one of the ..."
            return None
        if value is None:  # "thousands of", "tens of thousands of"
            while j + 1 < end and doc[j].lower_ == "of" and self._number(doc[j + 1]) and self._number(doc[j + 1])[0] is None:
                j += 2
            return None, j
        while j < end and doc[j].lower_ in self.scales and not _NUMBER.match(doc[j].text):
            value *= self.scales[doc[j].lower_]
            j += 1
        # a range: "10,000-12,000", "10,000 to 12,000" (the lower bound is the value)
        if j + 1 < end and doc[j].text in ("-", "–", "to") and _NUMBER.match(doc[j + 1].text):
            j += 2
            while j < end and doc[j].lower_ in self.scales:
                if value is not None and value < self.scales[doc[j].lower_]:
                    value *= self.scales[doc[j].lower_]
                j += 1
        return value, j

    def _unit(self, doc: Doc, j: int, end: int, year_like: bool) -> tuple[str | None, int]:
        if j < end:
            for words in self.percent:
                if tuple(t.lower_ for t in doc[j : j + len(words)]) == words:
                    return "percent", j + len(words)
        k = j
        if k < end and doc[k].lower_ == "of":
            k += 1
        tagged = doc.has_annotation("TAG")
        skipped = 0
        while k < end and skipped < 5:
            for words, code in self.currency_words.items():
                if tuple(t.lower_ for t in doc[k : k + len(words)]) == words:
                    return code, k + len(words)
            t = doc[k]
            if self._is_noun(t, tagged, year_like):
                # the head of a noun run: "air defence systems" -> systems
                last = k
                while last + 1 < end and self._is_noun(doc[last + 1], tagged, year_like, inner=True):
                    last += 1
                heads = [x for x in range(k, last + 1) if self._is_unit(doc[x], tagged, year_like)]
                if heads:
                    return doc[heads[-1]].lower_, heads[-1] + 1
            if t.lower_ in _SKIPPABLE or (t.text[:1].isupper() and t.is_alpha) or (
                tagged and t.pos_ in ("ADJ", "NOUN", "PROPN", "NUM") or t.tag_ == "VBN"
            ) or (t.text == "-" or "-" in t.text):
                k += 1
                skipped += 1
                continue
            break
        return None, j

    def _is_unit(self, t: Token, tagged: bool, year_like: bool) -> bool:
        return t.lower_ in self.units or (tagged and not year_like and t.tag_ == "NNS" and t.is_alpha)

    def _is_noun(self, t: Token, tagged: bool, year_like: bool, inner: bool = False) -> bool:
        if self._is_unit(t, tagged, year_like):
            return True
        return inner and tagged and t.tag_ in ("NN", "NNS") and t.is_alpha

    def _qualifier(self, doc: Doc, start: int, sent_start: int) -> tuple[str | None, int]:
        for words in self.qualifiers:
            n = len(words)
            if start - n >= sent_start and tuple(t.lower_ for t in doc[start - n : start]) == words:
                return " ".join(words), start - n
        return None, start

    # ------------------------------------------------------------------ context
    def _attribution(self, sent: Span, token: Token) -> str | None:
        source = find_source(sent, self.speech_verbs, token)
        return source.text if source else None

    @staticmethod
    def _place(doc: Doc, sent: Span) -> str | None:
        mentions = [m for m in doc._.actor_mentions or [] if sent.start <= m[0] < sent.end]
        for m in mentions:
            if m[4] == "place":
                return m[2]
        for m in mentions:
            if m[4] == "country" and m[0] > 0 and doc[m[0] - 1].lower_ in ("in", "into", "near", "inside"):
                return m[2]
        return None

    # ------------------------------------------------------------------ component
    def __call__(self, doc: Doc) -> Doc:
        figures = []
        ents = {t.i: t.ent_type_ for t in doc if t.ent_type_ in ("DATE", "TIME", "ORDINAL")}
        for sent in doc.sents:
            i, end = sent.start, sent.end
            while i < end:
                tok = doc[i]
                if i in ents or tok.is_alpha and tok.lower_ not in self.number_words and tok.lower_ not in ("a", "an"):
                    i += 1
                    continue
                read = self._read_number(doc, i, end)
                if read is None:
                    i += 1
                    continue
                value, j = read
                start = i
                unit = None
                if i - 1 >= sent.start and doc[i - 1].text in self.symbols:
                    start = i - 1
                    unit = self.symbols[doc[i - 1].text]
                elif i - 2 >= sent.start and (doc[i - 2].text + doc[i - 1].text) in self.symbols:
                    start = i - 2
                    unit = self.symbols[doc[i - 2].text + doc[i - 1].text]
                year_like = bool(re.fullmatch(r"(19|20)\d\d", tok.text))
                if unit is None:
                    unit, j = self._unit(doc, j, end, year_like)
                small_word = tok.is_alpha and value is not None and value < _SMALL_WORD
                if (
                    unit is None
                    or (year_like and unit not in self.units)
                    or (small_word and unit not in self.units)
                    or (j > i + 1 and doc[i + 1].text == "-" and tok.is_alpha)  # "one-sided"
                ):
                    i = max(j, i + 1)
                    continue
                qualifier, qstart = self._qualifier(doc, start, sent.start)
                if unit in self.weak_units and qualifier is None:
                    i = j
                    continue
                text = doc[qstart:j].text
                figures.append(
                    [qstart, j, text, value, unit, qualifier, self._attribution(sent, tok), self._place(doc, sent),
                     self.measures.get(unit, unit)]
                )
                i = j
        doc._.figures = figures
        return doc


@Language.factory("digest_figures", assigns=["doc._.figures"], default_config={"lexicon_path": None})
def make_figure_finder(nlp: Language, name: str, lexicon_path: str | None) -> FigureFinder:
    return FigureFinder(nlp, name, load_lexicon(lexicon_path))
