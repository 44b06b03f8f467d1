"""spaCy component ``digest_figures``: numbers with what they count, how, and who said so.

A figure is a number (digits, a number word, "thousands of") with a unit: a currency ("$2.5
billion"), a percentage ("25%"), a counted noun ("15,000 North Korean troops", "five military
bases"; modifiers between number and noun are skipped) or a duration ("a 90-day pause", "about
four hours"). Ranges are one figure with an upper bound ("10,000 to 12,000 troops", "between
25% and 50%"). Around it: the qualifier written before it ("up to"), who it comes from (the
speaker of the quotation it stands in, else the source of its sentence: the subject of a
reporting verb or "according to X", resolved to an actor; else the outlet itself), and the
place the sentence names. Sets ``doc._.figures``: a list of ``FigureSpan`` (the measure groups
units that count the same thing: troops and soldiers are both "personnel"). All words come from
``data/lexicon.yml``.
"""

from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from generator.analyse.attribution import (
    Source,
    SpeakerResolver,
    briefed_by,
    elaborated,
    find_source,
    headline_credit,
    paragraph_label,
    said_of,
    stated_after,
    statement_opened,
    subject_source,
    tag_at_end,
    without_article,
    zero_relative,
)
from generator.analyse.gazetteer import load_gazetteer
from generator.analyse.lexicon import Lexicon, load_lexicon
from generator.analyse.roles import load_roles
from generator.analyse.spans import FigureSpan

_NUMBER = re.compile(r"^(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?(bn|mn|m|k|tn|trn|b)?$", re.IGNORECASE)
_RANGE = ("-", "–", "to")
_NOT_COUNTS = {"age", "ages", "year", "years", "one", "article", "paragraph", "chapter", "page", "resolution",
               "score", "scale", "minute", "height", "list", "top", "class", "round", "stage", "level", "number",
               "code", "flight", "route", "hull", "model", "serial", "batch", "unit", "vessel"}
_GLUED = {"C": "°C", "F": "°F", "°C": "°C", "°F": "°F", "mAh": "mah"}  # units written onto the number
_CLOCK = frozenset({"am", "pm", "a.m.", "p.m.", "a.m", "p.m", "gmt", "utc", "kst", "jst"})

def _in_name(prev: Token) -> bool:
    """A token that makes the number after it part of a name ("S&P 500", "Nikkei 225")."""
    return prev.pos_ == "PROPN" and (prev.is_title or prev.is_upper or "&" in prev.text) and not prev.ent_type_ in ("GPE", "NORP")


def _capitalised_name(doc: Doc, i: int, sent: Span) -> bool:
    """A capitalised number word between capitalised words inside a sentence written in lower
    case ("the ASEAN Plus Three Senior Officials' Meeting", "the Group of Seven Leaders"); in a
    headline written in title case every word is capitalised, and counts."""
    if i == sent.start or i + 1 >= sent.end or not doc[i + 1].is_title:
        return False
    prev = doc[i - 1] if doc[i - 1].lower_ != "of" or i - 2 < sent.start else doc[i - 2]
    if not (prev.is_alpha and (prev.is_title or prev.is_upper)):
        return False
    lower = sum(1 for t in sent if t.is_alpha and t.is_lower and len(t) > 3)
    return lower >= 2


_BETWEEN_EVENTS = frozenset({"after", "before", "since", "until"})


def _impersonal(verb: Token, subject: Token) -> bool:
    """A reporting verb under an impersonal "it is ADJ" ("It is important to note that ...", "It
    is worth noting that ..."): nobody is named; the outlet speaks."""
    if subject.lower_ != "it" or verb.dep_ != "xcomp":
        return False
    head = verb.head if verb.head.dep_ != "acomp" else verb.head.head
    return (head.lemma_ == "be" or head.lower_ in ("is", "was", "'s", "’s", "remains", "seems")) and any(
        c.dep_ == "acomp" for c in head.children)


def _listed_like(doc: Doc, start: int, j: int, before: list[FigureSpan]) -> str | None:
    """The unit of a bare number in a list that leaves it out after the first item: "11 drones
    were shot down over the Belgorod region, 28 over the Voronezh region and 17 over ..." (the
    number follows a comma or "and", and the preposition after it followed the first figure)."""
    if not before or j >= len(doc) or doc[j].tag_ != "IN" or doc[start - 1].text not in (",", "and"):
        return None
    first = before[-1]
    if first.unit is None or first.unit == "percent" or first.upper is not None:
        return None
    between = doc[first.end : start]
    return first.unit if len(between) <= 12 and any(t.lower_ == doc[j].lower_ for t in between) else None


def _part_of_counted(doc: Doc, start: int, j: int, before: list[FigureSpan], value: float | None,
                     durations: frozenset[str] | set[str]) -> str | None:
    """The unit of a bare number standing for a part of what the sentence counted before it:
    "three missiles were fired ..., with two intercepted and one missing the mark", "the other
    two were shot down" (a noun's place in the clause, no noun after it, no more than the whole)."""
    if not before or value is None or not doc.has_annotation("DEP"):
        return None
    # the nearest count before it that is larger: "three missiles fired at two vessels, ... the
    # other two were shot down" are missiles
    # (a whole counted in a noun written with it: not "the toll rose to 19, with six missing")
    whole = next((f for f in reversed(before) if f.value is not None and f.value > value and f.unit is not None
                  and f.unit in f.text.lower().split()), None)
    if whole is None or whole.unit == "percent" or whole.unit.isupper() or whole.unit in durations \
            or whole.upper is not None:
        return None
    last = doc[j - 1]
    if last.dep_ not in ("nsubj", "nsubjpass", "dobj", "pobj", "conj", "appos") or last.head.pos_ in ("NOUN", "PROPN"):
        return None
    if j < len(doc) and doc[j].is_alpha and doc[j].pos_ in ("NOUN", "PROPN", "ADJ"):
        return None  # a noun of its own follows: "two leaders"
    before_word = doc[start - 1].lower_ if start > 0 else ""
    if before_word in ("the", "these", "those", "all", "both", "of", "at", "by", "from", "to"):
        return None  # "the two met" (people named before), "rose by two": not a part counted
    return whole.unit


def _quoted_as_saying(token: Token) -> Source | None:
    """The source Y of "X quoted Y as saying (that) ..." for a figure in what Y said, whether it
    follows ("Lee quoted the spy agency as saying that some 300 soldiers ...") or comes first
    ("... over two phases, the lawmakers quoted the NIS as saying"): Y said it, X relayed it."""
    doc = token.doc
    if not doc.has_annotation("DEP"):
        return None
    for verb in token.ancestors:
        if verb.lower_ not in ("quoted", "quotes", "quoting", "quote"):
            continue
        said = [c for c in verb.children if c.dep_ == "dobj"]
        saying = [g for c in verb.children if c.dep_ == "prep" and c.lower_ == "as"
                  for g in c.children if g.lower_ in ("saying", "telling", "stating")]
        if said and saying and token.i not in {x.i for x in said[0].subtree}:
            words = [t for t in said[0].subtree if t.dep_ not in ("relcl", "acl") or t.i == said[0].i]
            return Source(doc[words[0].i : said[0].i + 1].text, "said", words[0].i, said[0].i + 1, said[0].i)
    return None


_FRAMES = {"advcl", "npadvmod"}  # a clause framing the speech act, or its time
_AUDIENCE = {"dobj", "dative", "iobj"}
_CLAUSES = {"ccomp", "xcomp", "advcl", "parataxis", "conj", "relcl", "acl", "csubj", "pcomp"}
# a model's name in the plural counts those machines: "two F-35As", "12 F-16s", "three Su-35s"
_MODELS = re.compile(r"[A-Z][A-Za-z]{0,4}-\d+[A-Z]?s")


def _head_verb(t: Token) -> Token:
    """The verb a number's phrase hangs from as its object ("killed tens of thousands")."""
    while t.dep_ in ("pobj", "nummod", "quantmod", "prep", "compound") and t.head.i != t.i:
        t = t.head
    return t.head if t.dep_ == "dobj" else t


def _trailing(verb: Token, token: Token, ancestors: list[int], first: int) -> bool:
    """A reporting clause after the claim, which the parser hung below it: "North Korea sent a
    million shells to Russia, the spy agency claimed on Wednesday" (claimed: advcl of sent)."""
    if verb.i < token.i or verb.dep_ not in ("advcl", "ccomp", "conj") or verb.head.i not in ancestors:
        return False
    if first > verb.i and verb.doc[verb.i - 1].text == ",":
        return True  # "..., reported the Yonhap News TV portal": the credit inverted, its speaker after it
    if any(c.dep_ in ("ccomp", "xcomp") or (c.dep_ == "dobj" and verb.lower_ not in ("told", "tells"))
           for c in verb.children):
        return False  # (but "..., an official told the Kyiv Independent": told whom, not what)
    return token.i < first < verb.i and verb.doc[first - 1].text in (",", "—", "–")


_VAGUE = frozenset({"several", "few"})  # counts only with a scale after them ("several thousand")


# A share written as a fraction before "of" ("a third of", "two-thirds of", "three quarters of",
# "half of"): a percentage, as the labels count it ("about a third" = 33.33 %).
_FRACTIONS = {"half": 2, "third": 3, "thirds": 3, "quarter": 4, "quarters": 4, "fifth": 5, "fifths": 5,
              "tenth": 10, "tenths": 10}
_FRACTION_COUNTS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "nine": 9}


def _fraction_at(doc: Doc, i: int, end: int) -> tuple[float, int] | None:
    """(the percentage, the token after the fraction) of a fraction opening at ``i`` and followed
    by "of": "a quarter of", "two-thirds of", "three quarters of", "half of"; None otherwise (not
    "a third round", "and a half")."""
    t = doc[i].lower_
    if t == "half" and i + 1 < end and doc[i + 1].lower_ == "of" and not (
            i > 0 and doc[i - 1].lower_ in ("a", "and", "one", "the", "first", "second", "latter", "former")):
        # (not "the first half of the year": a period)
        return 50.0, i + 1
    count = _FRACTION_COUNTS.get(t)
    if count is None:
        return None
    k = i + 1
    if k + 1 < end and doc[k].text == "-" and not doc[k - 1].whitespace_:
        k += 1  # "two-thirds"
    if k + 1 >= end or doc[k].lower_ not in _FRACTIONS or doc[k + 1].lower_ != "of" or doc[k].lower_ == "half":
        return None
    plural = doc[k].lower_.endswith("s")
    if plural == (count == 1):
        return None  # "a thirds", "two third": no fraction
    return round(100 * count / _FRACTIONS[doc[k].lower_], 2), k + 1


_TOTALS = frozenset({"total", "tally", "toll", "count", "number", "sum"})
# words between a change in points and the level it ends at ("..., lower at 1,684.40", "to finish at 3,047")
_LEVEL_WORDS = frozenset({"or", "from", "on", "lower", "higher", "down", "up", "to", "finish", "close", "end",
                          "settle"})


def _changed_to(doc: Doc, start: int, before: list[FigureSpan]) -> str | None:
    """The unit of a bare number that a change ends at, from the count before it in the sentence:
    "the index rose 312 points to 38,402" (points), "killed four people, bringing the total to
    210" (people)."""
    while start > 1 and doc[start - 1].lower_ in ("some", "about", "around", "nearly", "almost", "roughly", "over",
                                                  "approximately", "just"):
        start -= 1  # "bringing the total list to some 340"
    if start < 1 or doc[start - 1].lower_ not in ("to", "at", "from"):
        return None
    if not before:  # "The package brings the total number of sanctioned vessels to 79"
        return _total_of(doc[max(doc[start].sent.start, start - 9) : start - 1]) if doc[start - 1].lower_ == "to" else None
    last = before[-1]
    if doc[start - 1].lower_ == "from":  # "around 38.3 trillion yen, up from 37.7 trillion": the same count before
        return last.unit if start - 1 - last.end <= 4 and last.unit != "percent" else None
    if last.unit == "percent" and doc[start].like_num and all(t.lower_ in _LEVEL_WORDS for t in doc[last.end : start - 1]) \
            and not (start + 1 < len(doc) and (doc[start + 1].text == "%" or doc[start + 1].lower_ in ("percent", "per"))):
        number = doc[start].text.replace(",", "")
        if re.fullmatch(r"\d+(?:\.\d+)?", number) and float(number) >= 100:
            # "the S&P 500 gained 0.06% to finish at 6,850.92", "the Nasdaq slipped 0.26% to
            # 23,406.46": the level of an index, in points (a rate's level is written with "%")
            return "points"
    if last.end == start - 1 and doc[start - 1].lower_ == "to" and not (
            last.unit == "percent" and any(f.unit == "points" for f in before)):
        return last.unit  # "rose 312 points to 38,402" (not "fell 52 points or 1.3 percent to 4,017": points)
    # "lost 29 points, or 0.11%, to 26,818", "ended down 178.32 points, or 0.76 percent, from
    # Wednesday at 23,141.55": the change in points, its share in brackets, then the level
    counted = [f for f in before if f.unit not in (None, "percent")]
    if counted and counted[-1].unit == "points":
        between = [t for t in doc[counted[-1].end : start - 1] if not (
            t.is_punct or t.lower_ in _LEVEL_WORDS or t.ent_type_ == "DATE"
            or any(f.start <= t.i < f.end for f in before))]
        if not between:
            return "points"
    window = doc[max(last.end, start - 8) : start - 1]
    if any(t.lower_ in _TOTALS for t in window):  # "..., bringing the total to 210"
        return _total_of(window) or last.unit
    return None


def _total_of(window: Span) -> str | None:
    """What "the total number of sanctioned ships" counts, where the words before a total say so."""
    of = next((t for t in window if t.lower_ == "of" and t.i > 0 and window.doc[t.i - 1].lower_ in _TOTALS), None)
    counted = [t for t in (of.subtree if of is not None else ()) if t.dep_ == "pobj" and t.tag_ in ("NNS", "NN")]
    return counted[0].lower_ if counted else None


class FigureFinder:
    def __init__(self, nlp: Language, name: str, lexicon: Lexicon):
        self.name = name
        self.qualifiers = sorted((tuple(q.lower().split()) for q in lexicon.qualifiers), key=len, reverse=True)
        self.units = {u.lower() for u in lexicon.units if " " not in u}
        self.weak_units = {u.lower() for u in lexicon.weak_units}
        self.scales = dict(lexicon.scales)
        self.number_words = dict(lexicon.number_words)
        self.multiples = dict(lexicon.multiples)
        self.symbols = dict(lexicon.currency_symbols)
        self.local_dollars = dict(lexicon.local_dollars)
        self.unit_kinds = frozenset(w.lower() for w in lexicon.unit_kinds)
        self.currency_words = {tuple(k.lower().split()): v for k, v in lexicon.currency_words}
        # every ISO code the lexicon knows a currency by is also written before a number: "SEK 101.5
        # billion" as "USD 3 billion" (the codes are the lexicon's, not a second list)
        for code in {*self.symbols.values(), *self.currency_words.values()}:
            self.symbols.setdefault(code, code)
        self.percent = [tuple(p.lower().split()) for p in lexicon.percent]
        self.percent_words = {p[0] for p in self.percent if len(p) == 1}  # "%", "pc": "20pc next month"
        self.measures = dict(lexicon.measures)
        speech = [tuple(v.lower().split()) for v in lexicon.speech_verbs]
        self.speech_verbs = {v[0] for v in speech if len(v) == 1}
        self.source_verbs = {v.lower() for v in lexicon.source_verbs}
        self.publishing = (frozenset(v.lower() for v in lexicon.publishing_verbs),
                           frozenset(v.lower() for v in lexicon.published_nouns))
        self.action_verbs = {v.lower() for v in lexicon.action_verbs}
        self.tally_verbs = {v.lower() for v in lexicon.tally_verbs}
        self.spec_units = {v.lower() for v in lexicon.spec_units}
        self.calibre_nouns = frozenset(v.lower() for v in lexicon.calibre_nouns)
        self.people_states = frozenset(v.lower() for v in lexicon.people_states)
        self.harming_verbs = frozenset(v.lower() for v in lexicon.harming_verbs)
        self.framing_marks = frozenset(v.lower() for v in lexicon.framing_marks)
        self.remark_nouns = frozenset(v.lower() for v in lexicon.remark_nouns)
        self.elaborating_openers = frozenset(v.lower() for v in lexicon.elaborating_openers)
        self.speed_units = frozenset(v.lower() for v in lexicon.speed_units)
        self.reach_verbs = {v.lower() for v in lexicon.reach_verbs}
        self.change_verbs = {w.lower() for w in lexicon.change_verbs}
        self.directive_verbs = {w.lower() for w in lexicon.directive_verbs}
        self.goal_nouns = {w.lower() for w in lexicon.goal_nouns}
        self.goal_verbs = {w.lower() for w in lexicon.goal_verbs}
        self.address_verbs = {v.lower() for v in lexicon.address_verbs}
        self.not_units = {u.lower() for u in lexicon.not_units}
        self.durations = {w.lower() for w in lexicon.durations}
        self.not_durations = {w.lower() for w in lexicon.not_durations}
        self.skippable = {w.lower() for w in lexicon.skippable}
        self.anaphoric = {w.lower() for w in lexicon.anaphoric}
        self.place_prepositions = {w.lower() for w in lexicon.place_prepositions}
        self.small_number = lexicon.small_number
        _, _, self.nouns = load_roles()
        gazetteer = load_gazetteer()
        self.genders = {a.name: a.gender for a in gazetteer.actors if a.gender}
        self.outlets = frozenset(o.lower() for o in gazetteer.sources)

    # ------------------------------------------------------------------ numbers
    def _number(self, tok: Token) -> tuple[float | None, bool] | None:
        """(value, is_digits) for a number token, None otherwise; value None for "thousands"."""
        m = _NUMBER.match(tok.text)
        if m:
            value = float(m.group(1).replace(",", "") + (m.group(2) or ""))
            suffix = (m.group(3) or "").lower()
            if suffix == "b" and (tok.i == 0 or tok.doc[tok.i - 1].text not in self.symbols):
                return None  # "$368b" is money; "5b" alone is a name's part ("Block 5b")
            if suffix:
                value *= self.scales.get(suffix, 1)
            return value, True
        low = tok.lower_
        if low == "scores" and (tok.i + 1 >= len(tok.doc) or tok.doc[tok.i + 1].lower_ != "of" or (
                tok.i > 0 and tok.doc[tok.i - 1].pos_ in ("DET", "PRON", "ADJ", "NOUN"))):
            return None  # "scores of jets" is a number; "Messi scores twice", "the scores of the exams" are not
        if low in self.number_words:
            return self.number_words[low], False
        if "-" in low:  # "fifty-two", "three-thousand" as one token
            parts = low.split("-")
            if parts[0] in self.number_words and self.number_words[parts[0]] is not None and all(
                p in self.scales or (p in self.number_words and self.number_words[p] is not None) for p in parts[1:]
            ):
                value = self.number_words[parts[0]]
                for p in parts[1:]:
                    value = value * self.scales[p] if p in self.scales and p not in self.number_words else value + self.number_words[p]
                return value, False
        return None

    def _read_number(self, doc: Doc, i: int, end: int) -> tuple[float | None, int, float | None] | None:
        """(value, the token after the number, the upper bound of a range) or None."""
        if doc[i].lower_ in ("a", "an") and i + 1 < end and doc[i + 1].lower_ in self.scales:
            value, j = self.scales[doc[i + 1].lower_], i + 2
            while j < end and doc[j].lower_ in self.scales:
                value *= self.scales[doc[j].lower_]
                j += 1
            return value, j, None
        if doc[i].lower_ in ("a", "an") and i + 1 < end and doc[i + 1].lower_ in self.durations:
            return 1.0, i + 1, None  # "more than a decade" (kept only with a qualifier)
        couple = doc[i].lower_ == "a" and i + 2 < end and doc[i + 1].lower_ == "couple" and doc[i + 2].lower_ == "of"
        vague = doc[i].lower_ in _VAGUE or (doc[i].lower_ == "a" and i + 1 < end and doc[i + 1].lower_ == "few") or couple
        if vague:  # "several million shells", "a few thousand casualties", "a couple of thousand attendees"; not "several hours"
            j = i + 3 if couple else i + 1 + (doc[i].lower_ == "a")
            if not (j < end and doc[j].lower_ in self.scales):
                return None
            while j < end and doc[j].lower_ in self.scales:
                j += 1
            return None, j, None
        got = self._number(doc[i])
        if got is None:
            return None
        value, digits = got
        j = i + 1
        if value == 1 and j < end and doc[j].lower_ == "of":  # "one of the ..."
            return None
        if value == 1 and not digits and j < end and doc[j].lower_ in ("point", "stage", "time") and i > 0 \
                and doc[i - 1].lower_ == "at":  # "At one point protesters broke into ...": when, no count
            return None
        # a space between thousands, as European outlets write: "10 000 containers", "1 500 000"
        while digits and value is not None and re.fullmatch(r"\d{1,3}", doc[j - 1].text) and j < end \
                and re.fullmatch(r"\d{3}", doc[j].text) and doc[j - 1].whitespace_ == " " \
                and not (j + 1 < end and doc[j + 1].lower_ in self.not_units):  # "20 120mm mortars": a count, a calibre
            value = value * 1000 + float(doc[j].text)
            j += 1
        # digits joined to a scale by a hyphen, as Korean outlets write: "15-thousand troops", "27-hundred"
        if digits and value is not None and j + 1 < end and doc[j].text == "-" and not doc[j - 1].whitespace_ \
                and not doc[j].whitespace_ and doc[j + 1].lower_ in self.scales and doc[j + 1].lower_ not in self.units:
            value *= self.scales[doc[j + 1].lower_]
            j += 2
        # number words joined by hyphens: "fifty-two", "three-thousand"
        while not digits and value is not None and j + 1 < end and doc[j].text == "-" and not doc[j - 1].whitespace_:
            nxt = doc[j + 1].lower_
            if nxt in self.scales:
                value *= self.scales[nxt]
            elif nxt in self.number_words and self.number_words[nxt] is not None and self.number_words[nxt] < 10 <= value:
                value += self.number_words[nxt]
            else:
                break
            j += 2
        # a decimal written out, as Korean broadcasters do: "76-point-six percent", "Sixty-one-point-six"
        if value is not None and j + 3 < end and doc[j].text == "-" and doc[j + 1].lower_ == "point" \
                and doc[j + 2].text == "-" and not doc[j].whitespace_:
            decimal = self._number(doc[j + 3])
            if decimal is not None and decimal[0] is not None and decimal[0] < 10 and float(decimal[0]).is_integer():
                value += decimal[0] / 10
                j += 4
        if value is None:  # "thousands of", "tens of thousands of", "several million"
            while j < end and doc[j].lower_ in self.scales:
                j += 1
            while j + 1 < end and doc[j].lower_ == "of" and self._number(doc[j + 1]) and self._number(doc[j + 1])[0] is None:
                j += 2
            return None, j, None
        if j + 2 < end and [t.lower_ for t in doc[j : j + 3]] == ["and", "a", "half"] and \
                j + 3 < end and (doc[j + 3].lower_ in self.durations or doc[j + 3].lower_ in self.scales
                                 or doc[j + 3].lower_ == "times"):  # "by two and a half times"
            value += 0.5  # "two and a half hours", "one and a half million"
            j += 3
        while j < end and doc[j].lower_ in self.scales and not _NUMBER.match(doc[j].text):
            value *= self.scales[doc[j].lower_]
            j += 1
        upper = None
        # a range: "10,000-12,000", "10,000 to 12,000" (the lower bound is the value)
        between = i > 0 and doc[i - 1].lower_ == "between" and j < end and doc[j].lower_ == "and"
        second = self._number(doc[j + 1]) if j + 1 < end and (doc[j].text in _RANGE or between) \
            and not self._change(doc, i) else None
        if second is not None and second[0] is not None and (second[1] or not _NUMBER.match(doc[i].text)):
            upper = second[0]
            j += 2
            groups = 0  # "600-700 000": spaced thousands after the upper bound are both bounds'
            while j < end and re.fullmatch(r"\d{3}", doc[j].text) and doc[j - 1].whitespace_ == " " \
                    and re.fullmatch(r"\d{1,3}", doc[j - 1].text) and groups < 3:
                upper, groups, j = upper * 1000 + float(doc[j].text), groups + 1, j + 1
            if groups and value is not None and value < upper / 1000:
                value *= 1000 ** groups
            scale = 1.0
            while j < end and doc[j].lower_ in self.scales:
                scale *= self.scales[doc[j].lower_]
                j += 1
            upper *= scale
            if value is not None and value < scale:
                value *= scale
        return value, j, upper

    def _unit(self, doc: Doc, j: int, end: int, year_like: bool) -> tuple[str | None, int]:
        unit, after = self._counted(doc, j, end, year_like)
        if unit in self.speed_units and after + 1 < end and doc[after].lower_ in ("per", "an", "a") \
                and doc[after + 1].lower_ in ("hour", "second", "minute"):
            return f"{unit} per {doc[after + 1].lower_}", after + 2  # "126 kilometers per hour": a speed
        return unit, after

    def _counted(self, doc: Doc, j: int, end: int, year_like: bool) -> tuple[str | None, int]:
        if j < end and not doc[j - 1].whitespace_ and doc[j].text in _GLUED:  # "22C", "2,770mAh"
            return _GLUED[doc[j].text], j + 1
        if j + 1 < end and doc[j].text == "°" and doc[j + 1].text in ("C", "F"):  # "95 ° F"
            return _GLUED[doc[j + 1].text], j + 2
        if j < end and doc[j].lower_.lstrip("-") in self.not_units:
            return doc[j].lower_.lstrip("-"), j + 1  # "155 mm", "25-mm": a calibre
        if j < end:
            for words in self.percent:
                if tuple(t.lower_ for t in doc[j : j + len(words)]) == words:
                    return "percent", j + len(words)
        if j < end and doc[j].lower_ in self.people_states and (j + 1 >= end or doc[j + 1].is_punct):
            return doc[j].lower_, j + 1  # "left at least 80 dead and 11,000 displaced": people so
        k = j
        tagged = doc.has_annotation("TAG")
        out_of = k + 1 < end and doc[k].lower_ == "out" and doc[k + 1].lower_ == "of"  # "58 out of 59 drones"
        if k < end and doc[k].lower_ == "of" or out_of:
            k += 1 + out_of
            total = k + (k < end and doc[k].lower_ in ("the", "its", "their", "some", "an", "a", "estimated", "our",
                                                        "his", "her", "your"))
            total += total < end and doc[total].lower_ in ("last", "first", "past", "next")  # "12 of our last 14 games"
            for words in self.qualifiers:  # "59 of the more than 250 hostages": the whole, qualified
                if total + len(words) < end and tuple(t.lower_ for t in doc[total : total + len(words)]) == words:
                    total += len(words)
                    break
            whole = self._read_number(doc, total, end) if total < end and (
                not doc[total].is_alpha or doc[total].lower_ in self.number_words) else None  # "six of seven break points"
            if whole is not None and whole[0] is not None:
                # "about 8,000 of the 10,000 troops": a part counted in the whole's unit; the whole
                # is a figure of its own
                unit, _ = self._unit(doc, whole[1], end, year_like)
                return unit, j
            if k + 3 < end and doc[k].lower_ in ("the", "its", "their") and doc[k + 2].lower_ in ("'s", "’s"):
                whole = self._read_number(doc, k + 3, end)
                if whole is not None and whole[0] is not None:
                    unit, _ = self._unit(doc, whole[1], end, year_like)
                    return unit, j  # "11 of the alliance's 32 members": counted as the whole is
            if k < end and doc[k].lower_ in ("those", "these", "the", "its", "their"):
                # "about 600 of those North Korean soldiers": the part's unit is the whole's
                unit, after = self._unit(doc, k + 1, end, year_like)
                if unit is not None and unit in self.units:
                    return unit, after
            if k < end and (doc[k].lower_ in ("them", "which", "whom") or doc[k].lower_ == "those" and (
                    k + 1 >= end or not (doc[k + 1].is_alpha and doc[k + 1].pos_ in ("NOUN", "PROPN", "ADJ")))):
                # "sent some 14,000 soldiers ..., where more than 6,000 of them were killed": the
                # unit counted last before it in the sentence
                start = doc[j].sent.start
                before = [t for t in doc[start:j] if t.lower_ in self.units]
                if not before and start > 0 and k == j + 1:
                    # "About 3,000 troops arrived. A few hundred of those are special forces": the
                    # sentence before counted them
                    # (the first thing it counted, not the distance after it: "About 3,000 troops
                    # were housed 50 km from the border")
                    before = [t for t in doc[start - 1].sent if t.pos_ == "NOUN" and t.tag_ == "NNS"
                              and any(c.dep_ == "nummod" for c in t.children)
                              and t.lower_ not in self.durations and t.lower_ not in self.not_units][:1]
                if before:
                    return before[-1].lower_, k + 1
            p = k + (k < end and doc[k].lower_ == "the")
            while p < end and p - k < 4 and doc[p].is_title and doc[p].is_alpha:
                p += 1
            if k < p < end - 1 and doc[p].lower_ in ("'s", "’s", "'", "’") and tagged:
                # "two of the United States’ largest trading partners": the owner's plural noun,
                # after its adjectives and modifiers
                q = p + 1
                while q < min(end - 1, p + 4) and doc[q].tag_ in ("JJ", "JJS", "JJR", "VBG", "NN") \
                        and doc[q + 1].is_alpha:
                    q += 1
                if doc[q].is_alpha and doc[q].tag_ == "NNS" and doc[q].lower_ not in self.durations:
                    return doc[q].lower_, q + 1
            if k < p < end - 1 and doc[p].lower_ in ("'s", "’s") and doc[p + 1].is_alpha and (
                not tagged or doc[p + 1].tag_ == "NNS"
            ) and doc[p + 1].lower_ not in self.durations:
                return doc[p + 1].lower_, p + 2  # "damaged two of Manila's vessels": a part of the owner's
            if k + 1 < end and doc[k].lower_ in ("its", "their", "the", "his", "her", "our") and (
                not tagged or doc[k + 1].tag_ in ("NN", "NNS")
            ) and doc[k + 1].is_alpha and doc[k + 1].lower_ not in self.durations:
                return doc[k + 1].lower_, k + 2  # a part of a whole: "about 10,000 of its military"
        skipped = 0
        if k + 1 < end and doc[k].text == "-" and not doc[k - 1].whitespace_ and doc[k + 1].lower_ in self.not_units:
            return doc[k + 1].lower_, k + 2  # "600-mm shells" (the model may read "mm" as a number): a calibre
        if k + 1 < end and doc[k].text == "-" and not doc[k - 1].whitespace_ and doc[k + 1].is_alpha and (
            not tagged or doc[k + 1].tag_ in ("NN", "NNS")
        ):
            return doc[k + 1].lower_, k + 2  # "a 97-metre vessel", "a 1,547-page report"
        while k < end and skipped < 10:  # "18 more High-Mobility Artillery Rocket Systems", "two Surface-to-Air Missile Systems"
            for words, code in self.currency_words.items():
                if tuple(t.lower_ for t in doc[k : k + len(words)]) == words:
                    return code, k + len(words)
            t = doc[k]
            if k > j and doc[k - 1].lower_ == "and" and (t.like_num or t.lower_ in self.number_words) and not (
                    k + 1 < end and doc[k + 1].lower_ in self.not_units):
                break  # "one US Open and five Australian Open titles": the noun after is the second number's
            if k > j and t.lower_ in self.not_units and doc[k - 1].like_num:
                k += 1  # "20 120mm mortar systems": the calibre of what is counted
                skipped += 1
                continue
            if t.text in ("(", "["):  # "22 PLA (People's Liberation Army) aircraft": an expansion in brackets;
                # "Over 10,000 [North Korean] soldiers": an editor's insertion in a quotation
                shut = ")" if t.text == "(" else "]"
                close = next((x for x in range(k + 1, min(end, k + 8)) if doc[x].text == shut), None)
                if close is not None:
                    k = close + 1
                    skipped += 1
                    continue
            if self._is_noun(t, tagged, year_like):
                # the head of a noun run: "air defence systems" -> systems
                last = k
                while last + 1 < end and self._is_noun(doc[last + 1], tagged, year_like, inner=True) and not (
                        doc[last].tag_ == "NNS" and doc[last + 1].pos_ == "PROPN" and doc[last + 1].text[:1].isupper()
                        and last + 2 < end and doc[last + 2].pos_ in ("VERB", "AUX")):
                    # ("the 250 hostages Hamas seized": a clause without "that" after the noun)
                    last += 1
                if t.text[:1].isupper() and last + 2 < end and doc[last + 1].lower_ in ("'s", "’s") \
                        and doc[last + 2].text[:1].isupper():
                    k = last + 2  # "eight People's Liberation Army Navy vessels": a name, go on
                    skipped += 1
                    continue
                if k == j and last > k and t.lower_ in self.spec_units:
                    return t.lower_, k + 1  # "the 8 megapixel iSight camera": megapixels, not cameras
                heads = [x for x in range(k, last + 1) if self._is_unit(doc[x], tagged, year_like)]
                nouns = [x for x in heads if not tagged or doc[x].tag_.startswith("NN")]
                heads = nouns or heads  # "soldiers killed": soldiers
                if heads and doc[heads[-1]].lower_ in self.durations and any(
                        x.lower_ in ("the", "this", "that", "last", "next", "previous") for x in doc[j : heads[-1]]):
                    return None, j  # "up from 37.7 trillion the previous year": when, not what is counted
                if heads:
                    h = heads[-1]
                    if h + 4 < end and doc[h + 1].text == "-" and doc[h + 3].text == "-" and doc[h + 2].lower_ in ("of", "in") \
                            and not any(x.whitespace_ for x in doc[h : h + 4]) and doc[h + 4].is_alpha:
                        return doc[h : h + 5].text.lower(), h + 5  # "1,000 prisoners-of-war": one noun
                    if h + 2 < end and doc[h + 1].text == "-" and not doc[h].whitespace_ and not doc[h + 1].whitespace_ \
                            and doc[h + 2].is_alpha:
                        return doc[h + 2].lower_, h + 3  # "five million person-years": years
                    if h - 2 >= j and doc[h - 1].text == "-" and doc[h - 2].lower_ == "light" \
                            and not doc[h - 2].whitespace_ and not doc[h - 1].whitespace_:
                        return f"light-{doc[h].lower_}", h + 1  # "17,000 light-years": a distance, not a time
                    if h > j and doc[h - 1].lower_ in self.unit_kinds:
                        return f"{doc[h - 1].lower_} {doc[h].lower_}", h + 1  # "16 nautical miles": not land miles
                    return doc[h].lower_, h + 1
            if t.text == "," and k > j and k + 1 < end and doc[k - 1].tag_ in ("JJ", "NN", "VBN") \
                    and (doc[k + 1].tag_ in ("JJ", "NN") or doc[k + 1].tag_ == "RB" and doc[k + 1].lower_.endswith("ly")):
                k += 1  # "thousands of aerial, surface and sub-surface drones"; "11 conventionally-armed, nuclear-powered submarines"
                skipped += 1
                continue
            if tagged and t.pos_ == "ADV" and t.lower_.endswith("ly") and k + 1 < end and (
                    doc[k + 1].text == "-" and not t.whitespace_ or doc[k + 1].tag_ == "VBN"):
                k += 1  # "11 conventionally-armed submarines", "eight trilaterally developed subs"
                skipped += 1
                continue
            if t.lower_ in ("and", "or", ",") and k + 1 < end and (doc[k + 1].lower_ in self.harming_verbs or (
                    doc[k + 1].pos_ == "VERB" and any(c.dep_ == "dobj" for c in doc[k + 1].children))):
                break  # "killed thousands and displaced hundreds of thousands": a clause of its own
            if t.lower_ in self.skippable or (t.text[:1].isupper() and t.is_alpha) or (
                tagged and t.pos_ in ("ADJ", "NOUN", "PROPN", "NUM") or t.tag_ == "VBN"
            ) or (t.text == "-" or "-" in t.text) or (
                # the small word of a hyphenated compound: "Surface-to-Air Missile Systems"
                k > j and doc[k - 1].text == "-" and not doc[k - 1].whitespace_ and not t.whitespace_
                and k + 1 < end and doc[k + 1].text == "-"
            ) or (  # ...or its first word: "a couple of thousand in-person attendees"
                t.is_alpha and not t.whitespace_ and k + 2 < end and doc[k + 1].text == "-"
                and not doc[k + 1].whitespace_ and doc[k + 2].is_alpha
            ):
                k += 1
                skipped += 1
                continue
            break
        return None, j


    def _counted_elsewhere(self, number: Token) -> str | None:
        """What a bare number counts when the noun stands elsewhere in its clause: the subject
        ("the casualties could reach 3,000", "the toll rose to 45") or "the number of X"
        ("put the number of troops at 11,000"). Only words of the units list count."""
        head = number.head if number.dep_ in ("nummod", "quantmod", "compound") and number.head.pos_ == "NUM" else number
        if head.dep_ == "nsubjpass" and head.head.lower_ in self.units and head.head.lower_ in self.measures \
                and self.measures[head.head.lower_] == "casualties":
            return head.head.lower_  # "61 were killed while 1,250 were wounded": counted by the verb
        if head.dep_ == "dobj" and head.head.dep_ == "conj" and head.i == head.head.i + 1:
            # "killed at least four people and wounded 20": the object of the verb it is joined to
            first = head.head.head
            counted = [c for c in first.children if c.dep_ == "dobj" and any(g.dep_ == "nummod" for g in c.children)]
            if counted and counted[0].lower_ in self.units and first.i < head.i:
                return counted[0].lower_
        if head.dep_ in ("dobj", "attr", "npadvmod"):
            verb = head.head
        elif head.dep_ == "pobj" and head.head.lower_ in ("at", "to", "of", "around", "about") and head.head.dep_ == "prep":
            verb = head.head.head
            if verb.lower_ == "up" and verb.dep_ == "advmod":
                verb = verb.head  # "is up to 8,500"
        else:
            return None
        if verb.lower_ == "be" and verb.dep_ == "xcomp":
            verb = verb.head  # "estimated the number of troops to be around 10,000"
        if verb.pos_ not in ("VERB", "AUX") or verb.lower_ not in self.reach_verbs and verb.lower_ != "be":
            return None  # ("be": "estimated the number of troops to be 10,000", read as its subject)
        for child in verb.children:
            if child.dep_ in ("nsubj", "nsubjpass") and child.lower_ in self.units:
                return child.lower_
            if child.dep_ in ("dobj", "nsubj", "nsubjpass") and child.lower_ in ("number", "toll", "count", "tally", "total"):
                counted = [g for p in child.children if p.lower_ == "of" for g in p.children if g.dep_ == "pobj"]
                if counted and (counted[0].lower_ in self.units or counted[0].tag_ == "NNS"):
                    return counted[0].lower_  # "the number of martyrs reached 26"
                if not counted and child.lower_ == "toll" and "deaths" in self.units:
                    return "deaths"  # "estimated North Korea's death toll in the war at 600"
                if not counted:
                    # "..., while Ukraine put the total number at 12,000": the unit the sentence
                    # counted last before it
                    before = [t for t in number.sent if t.i < child.i and t.lower_ in self.units
                              and any(g.dep_ == "nummod" or g.like_num for g in t.children) | (t.dep_ == "pobj")]
                    if before:
                        return before[-1].lower_
        return None

    def _is_unit(self, t: Token, tagged: bool, year_like: bool) -> bool:
        return t.lower_ in self.units or (tagged and not year_like and t.tag_ in ("NNS", "NNPS") and t.is_alpha) or (
            tagged and not year_like and t.tag_ == "NNP" and t.is_title and len(t.text) > 3
            and t.text.endswith("s") and not t.text.endswith(("ss", "us", "is"))) or (  # "the 32 Member States"
            tagged and not year_like and t.tag_ == "NNP" and t.is_upper and t.is_alpha and len(t.text) > 4
            and t.text.endswith("S")) or (  # "16 HIMARS", "two NASAMS"
            not year_like and _MODELS.fullmatch(t.text) is not None)  # "two F-35As", "12 F-16s", "three Su-35s"

    def _is_noun(self, t: Token, tagged: bool, year_like: bool, inner: bool = False) -> bool:
        if self._is_unit(t, tagged, year_like):
            return True
        return inner and tagged and t.tag_ in ("NN", "NNS") and t.is_alpha

    def _change(self, doc: Doc, start: int) -> bool:
        """Whether "from" after a verb of change makes "X to Y" a change, two figures ("jumped from
        1.91% to 2.44%", "cut its tariffs on goods from 145% to 30%"), not a range ("rates range
        from 7.8% to 35.3%", "planned levies from 5 to 25 percent")."""
        k = start - 1
        while k > 0 and doc[k].lower_ in ("about", "around", "roughly", "some", "approximately"):
            k -= 1
        if not (k > 0 and doc[k].lower_ == "from"):
            return False
        return doc[k - 1].lower_ in self.change_verbs or (
            doc.has_annotation("DEP") and doc[k].dep_ == "prep" and doc[k].head.lower_ in self.change_verbs)

    def _qualifier(self, doc: Doc, start: int, sent_start: int) -> tuple[str | None, int]:
        for words in self.qualifiers:
            n = len(words)
            if start - n >= sent_start and tuple(t.lower_ for t in doc[start - n : start]) == words:
                if words[0] == "up" and start - n > sent_start and (
                        doc[start - n].head.lower_ in self.tally_verbs | self.change_verbs):
                    return None, start  # "bringing the death count up to 69", "shares rose up to 5%": where it got to
                if words == ("about",) and doc[start - 1].dep_ == "prep" and doc[start - 1].head.i < start - 1:
                    return None, start  # "gather details about five others": a preposition, no approximation
                return " ".join(words), start - n
        return None, start

    # ------------------------------------------------------------------ context
    def _source(self, doc: Doc, sent: Span, token: Token, quotes: list, in_quote: dict[int, int],
                resolver: SpeakerResolver, end: int | None = None) -> tuple[str | None, str | None, bool]:
        """(attribution phrase, its actor or "outlet", reported) for the figure at ``token``
        (ending at ``end``, when known)."""
        q = in_quote.get(token.i)
        if q is not None and (quotes[q].speaker or quotes[q].actor):
            return quotes[q].speaker, quotes[q].actor, True
        source = _quoted_as_saying(token) or self._relative_source(token, end)
        unnamed = None
        if source is not None and resolver.actor(source) in (None, "outlet"):
            source, unnamed = None, source  # Y is no actor: who relayed it is the source we can name
        if source is None:
            source = find_source(sent, self.source_verbs, token, skip=set(in_quote), outlets=self.outlets,
                                 publishing=self.publishing)
            if source is not None and source.verb == "according to" and doc.has_annotation("DEP"):
                source = self._inner_source(token, source, resolver) or source
        if source is not None and source.verb not in ("according to", "citing") and doc.has_annotation("DEP"):
            verb = next((t for t in sent if t.lower_ == source.verb and t.i not in range(source.start, source.end)), None)
            ancestors = [a.i for a in token.ancestors]
            if any(doc[a].dep_ in ("relcl", "acl") and doc[a].lower_ not in self.source_verbs
                   and source.start <= doc[a].head.i < source.end for a in ancestors):
                source, verb = None, None  # "Sanchez, who had objected to the 5% target, said ...": who he is, the outlet's
            if verb is not None and _impersonal(verb, doc[source.start]):
                source, verb = None, None  # "It is important to note that $1.2 billion ...": the outlet's aside
            if verb is not None and verb.i not in ancestors and any(
                    doc[a].lower_ in self.tally_verbs and doc[a].dep_ in ("advcl", "conj", "xcomp") and a > source.end
                    and a > verb.i for a in ancestors):
                source, verb = None, None  # "..., Hegseth said, bringing the death count up to 69": the outlet's tally
            if verb is not None and not (
                verb.i in ancestors
                or verb.dep_ in ("ROOT", "parataxis")
                or (verb.dep_ == "relcl" and verb.head.i in ancestors)  # "the figure officials had cited"
                or _trailing(verb, token, ancestors, source.start)
                or (verb.pos_ == "NOUN" and tag_at_end(verb))  # "..., the ministry's update reports."
            ):
                source = None  # a reporting verb of another clause
            if verb is not None and verb.i in ancestors and any(
                    doc[a].dep_ == "mark" and doc[a].lower_ in _BETWEEN_EVENTS for a in ancestors[: ancestors.index(verb.i)]):
                source, verb = None, None  # "comes nearly two weeks after the NIS said ...": the time between, the outlet's
            elif verb is not None and verb.i in ancestors:
                path = [token.dep_, *(doc[a].dep_ for a in ancestors[: ancestors.index(verb.i)])]
                below = path[-1]  # how the figure's branch hangs from the verb
                at = ancestors.index(verb.i)
                branch = doc[ancestors[at - 1]] if at > 0 else token
                if below == "prep" and branch.i < verb.i and branch.lower_ not in ("according",):
                    below = "advcl"  # a fronted phrase: "After talks that lasted four hours, Putin said"
                if verb.lower_ in self.action_verbs and not set(path) & _CLAUSES:
                    source = None  # "the department added dozens of firms": an act, not a claim
                    if verb.dep_ in ("ccomp", "parataxis") and verb.head.lower_ in self.source_verbs \
                            and verb.head.i not in in_quote:
                        # "Allies will have added more than $600 billion ..., he said": the act is
                        # what the speaker says
                        source = find_source(sent, self.source_verbs, verb, skip=set(in_quote) | {verb.i},
                                             outlets=self.outlets)
                elif below in _FRAMES or (verb.lower_ in self.address_verbs and below in _AUDIENCE):
                    source = None  # "Speaking after four hours of talks, he said"; "told the crowd of 15,000"
                elif below == "conj" and branch.pos_ in ("VERB", "AUX") and any(
                        c.dep_ in ("nsubj", "nsubjpass") for c in branch.children) and any(
                        c.dep_ == "dobj" for c in verb.children) and not any(
                        c.dep_ in ("ccomp", "parataxis") for c in verb.children):
                    # "The department added dozens of firms, and the EU has banned 50 categories":
                    # a clause of its own, joined to a source verb used for an act (it has an object,
                    # no clause), states what its own subject did (not "X, the office said, but
                    # launches had landed within 50 m")
                    source = None
        if source is None and sent.end < len(doc) and doc[sent.end].text in (",", "—", "–") \
                and doc[sent.end].sent.start == sent.end:
            # the parser cut the sentence before its closing reporting clause: "... has risen to at
            # least 14, with eight confirmed | , the disaster council said on Thursday."
            tail = doc[sent.end].sent
            if all(t.is_punct for t in tail) and tail.end < len(doc):
                tail = doc[tail.end].sent  # the comma stood alone
            verb = next((t for t in tail if t.dep_ == "ROOT"), None)
            if verb is not None and verb.lower_ in self.source_verbs and not any(
                    c.dep_ in ("ccomp", "dobj", "xcomp") for c in verb.children):
                source = find_source(tail, self.source_verbs, verb, skip=set(in_quote), outlets=self.outlets)
        if source is None:
            source = self._announced_by(token)  # "the package announced by Mr Healey": his
        if source is None:
            source = self._directed_by(token)  # "Kim ordered the plant to raise output by 40 percent"
        if source is None:
            source = _remarked_by(token, self.remark_nouns)  # "On Zelensky's remarks that the number could grow to 100,000"
        if source is None:
            source = self._which_says(sent, token)  # "Hamas, which Israel claims still holds 59 hostages,"
        if source is None:
            source = paragraph_label(sent)  # a transcript: "Lin Jian: ... 150 countries ..."
        if source is None:
            source = stated_after(sent, self.source_verbs)  # "... This was stated by Pat Ryder."
        if source is None:
            source = statement_opened(sent)  # after "Kim Yo Jong issued the following statement:"
        if source is None:
            source = headline_credit(sent)  # "..., nearly 200 tankers listed — Kallas"
        if source is None:  # "Mr. Putin said that trade grew. Specifically, it increased 9 times."
            source = elaborated(sent, self.elaborating_openers, self.source_verbs, set(in_quote))
        if source is None and doc.has_annotation("DEP"):
            estimate = _estimate_of(token)  # "compared with analysts' average estimate of 46 cents"
            if estimate is not None:
                owner = next((c for c in estimate.children if c.dep_ == "poss"), None)
                if owner is None:
                    return None, None, True  # "a Street view of $11.77bn": someone's forecast, no one named
                words = [t for t in owner.subtree if t.text not in ("'s", "’s", "'", "’")]
                source = Source(doc[words[0].i : words[-1].i + 1].text, "estimated", words[0].i, words[-1].i + 1, owner.i)
        if source is None and doc.has_annotation("DEP") and said_of(sent):
            return None, None, True  # "is said to have launched": reported, by no one named
        if source is None and token.i in in_quote:
            return None, None, True  # in a quotation of no one named: someone's words, not the outlet's
        if source is None and unnamed is not None:
            source = unnamed  # "the $1.3 trillion developing countries say is needed": theirs, though no actor's
        if source is None:
            return None, "outlet", False
        actor = resolver.actor(source)
        if actor is None and source.text.lower() in ("we", "i"):
            label = paragraph_label(sent)  # "SABRINA SINGH: ... We believe that ... 10,000 soldiers"
            if label is not None and resolver.actor(label) is not None:
                return label.text, resolver.actor(label), True
        if actor is None:  # "lawmakers said after a briefing by the National Intelligence Service"
            briefer = briefed_by(sent)
            if briefer is not None and resolver.actor(briefer) is not None:
                return briefer.text, resolver.actor(briefer), True
        if actor is None and without_article(source.text) not in self.outlets:
            # (a news outlet named is a source given: "..., as The Washington Post reported at
            # least two departments had been hit" is the Post's, not the confirming government's)
            outer = self._outer_source(sent, source)
            if outer is not None and resolver.actor(outer) not in (None, "outlet"):
                return outer.text, resolver.actor(outer), True
        return source.text, actor, True

    def _inner_source(self, token: Token, relay: Source, resolver: SpeakerResolver) -> Source | None:
        """Who states the figure inside what a relay reports: "According to lawmaker Yoo, the NIS
        believes the North shipped more than a million shells" is the NIS's estimate, which Yoo
        passes on; an actor's, not a phrase naming no one ("officials believe")."""
        path = [token.dep_]
        for a in token.ancestors:
            if a.pos_ not in ("VERB", "AUX") or a.lower_ not in self.source_verbs or relay.start <= a.i < relay.end:
                path.append(a.dep_)
                continue
            if "ccomp" not in path:
                return None  # the figure is no part of a clause it reports ("told the council of 8,000 troops")
            inner = subject_source(a)
            if inner is not None and not (relay.start <= inner.start < relay.end) and resolver.actor(inner) not in (None, "outlet"):
                return inner
            return None
        return None

    def _announced_by(self, token: Token) -> Source | None:
        """The agent of a reporting or publishing participle the counted thing is described by:
        "90 Brimstone missiles are included in the new package announced by Mr Healey"."""
        if not token.doc.has_annotation("DEP"):
            return None
        verbs = list(token.ancestors)
        verb = next((a for a in verbs if a.pos_ in ("VERB", "AUX")), None)
        if verb is not None:  # "... are included in the new package announced by ...": the thing it is part of
            verbs += [c for p in verb.children if p.dep_ == "prep" and p.lower_ in ("in", "of", "under")
                      for n in p.children if n.dep_ == "pobj" for c in n.children if c.dep_ == "acl"]
        for a in verbs:
            if a.dep_ in ("acl", "relcl") and a.tag_ == "VBN" and (a.lower_ in self.source_verbs or a.lower_ in self.publishing[0]):
                agent = next((c for c in a.children if c.dep_ == "agent"), None)
                obj = next((c for c in agent.children if c.dep_ == "pobj"), None) if agent is not None else None
                if obj is not None and obj.pos_ in ("PROPN", "NOUN"):
                    first = obj.left_edge.i
                    return Source(token.doc[first : obj.i + 1].text, a.lower_, first, obj.i + 1, obj.i)
        return None

    def _directed_by(self, token: Token) -> Source | None:
        """Who orders the figure or sets it as a goal: the subject of a directive verb above it
        ("He ordered the facility to expand output by two and a half times"), or of the verb
        that sets the goal it is in ("set forth the task of ... by 40 percent")."""
        if not token.doc.has_annotation("DEP"):
            return None
        for a in token.ancestors:
            directs = a.lower_ in self.directive_verbs or a.lower_ in self.goal_verbs and any(
                c.dep_ == "dobj" and c.lower_ in self.goal_nouns for c in a.children)  # "set forth the task of"
            if directs and a.lower_ in ("called", "calls", "calling") and not any(
                    c.dep_ in ("prep", "prt") and c.lower_ in ("on", "for", "upon") for c in a.children):
                continue  # "what it called a new missile, which flew 1,100 km": a name given, no demand
            if directs and a.pos_ in ("VERB", "AUX") and any(c.dep_ == "nsubj" for c in a.children):
                return subject_source(a)
        return None

    def _which_says(self, sent: Span, token: Token) -> Source | None:
        """The name in a relative clause ", which X claims ..." that holds the figure, read from the
        words (the parser often makes the clause's verb the sentence's subject): "Hamas, which
        Israel claims still holds 59 of the hostages, has accused ...": Israel's figure."""
        doc = sent.doc
        for k in range(token.i - 1, max(sent.start, token.i - 14), -1):
            if doc[k].text == ",":
                return None  # the clause closed before the figure
            if doc[k].lower_ in ("which", "who", "whom") and k > sent.start and doc[k - 1].text == ",":
                j = k + 1
                while j < token.i and (doc[j].pos_ == "PROPN" or doc[j].lower_ == "the" and j == k + 1):
                    j += 1
                if j > k + 1 and j < token.i and doc[j].lower_ in self.source_verbs and doc[j - 1].pos_ == "PROPN":
                    start = k + 1 + (doc[k + 1].lower_ == "the")
                    return Source(doc[start:j].text, doc[j].lower_, start, j, j - 1)
                return None
        return None

    def _relative_source(self, token: Token, end: int | None = None) -> Source | None:
        """The source a relative clause on the counted noun names: "the roughly 11,000 troops Seoul
        says are in Russia", "the latest package, which the Pentagon valued at $125 million"."""
        if not token.doc.has_annotation("DEP"):
            return None
        noun = token.head if token.dep_ in ("nummod", "quantmod", "compound") else token
        if noun.pos_ == "NUM" and noun.head.pos_ in ("NOUN", "PROPN"):
            noun = noun.head
        for clause in (c for c in noun.children if c.dep_ == "relcl" and c.lower_ in self.source_verbs):
            if any(c.dep_ == "nsubj" and c.tag_ != "PRP" for c in clause.children):
                return subject_source(clause)  # not "eight measures he said would help": he is the speaker already
        # the same clause read from the words, where the parser made something else of it
        return zero_relative(token.sent, token, self.source_verbs, end)

    def _outer_source(self, sent: Span, source: Source) -> Source | None:
        """Who reports the report when its own source is no actor: "Ray Navarro said satellite
        images showed about 40 vessels" (the images show; Navarro tells us)."""
        if not sent.doc.has_annotation("DEP"):
            return None
        verb = next((t for t in sent if t.lower_ == source.verb and t.i not in range(source.start, source.end)
                     and source.start in {x.i for x in t.subtree}), None)
        if verb is None:
            return None
        for outer in verb.ancestors:
            if outer.lower_ in self.source_verbs and outer.pos_ in ("VERB", "AUX"):
                return subject_source(outer)
        return None

    def _place(self, doc: Doc, sent: Span) -> str | None:
        mentions = [m for m in doc._.actor_mentions or [] if sent.start <= m.start < sent.end]
        for m in mentions:
            if m.type == "place":
                return m.name
        for m in mentions:
            if m.type == "country" and m.start > 0 and doc[m.start - 1].lower_ in self.place_prepositions:
                return m.name
        return None

    # ------------------------------------------------------------------ component
    def __call__(self, doc: Doc) -> Doc:
        figures = []
        # numbers in a date or a time are no figures, unless the model took a distance or a count
        # for one ("about 24 nautical miles" typed TIME)
        ents = {t.i for e in doc.ents if e.label_ in ("DATE", "TIME", "ORDINAL") and not any(
            (t.lower_ in self.units and t.lower_ not in self.durations) or t.lower_ in self.percent_words
            or t.text in ("°C", "°F", "°")  # "could exceed 35°C on Sunday" typed DATE
            or (t.lower_ in self.scales and t.lower_ not in self.durations) for t in e) for t in e}
        # a clock time the model typed otherwise ("from 9 am (local time)" as a QUANTITY)
        ents.update(t.i for t in doc[:-1] if t.like_num and doc[t.i + 1].lower_ in _CLOCK)
        quotes = doc._.quotes or []
        in_quote: dict[int, int] = {}
        for n, q in enumerate(quotes):
            span = doc.char_span(q.start_char, q.end_char, alignment_mode="expand")
            if span is not None:
                in_quote.update((t, n) for t in range(span.start, span.end))
        resolver = SpeakerResolver(doc, self.nouns, set(in_quote), self.genders)
        dollar = self._dollar(doc)
        for sent in doc.sents:
            i, end = sent.start, sent.end
            while i < end:
                tok = doc[i]
                if tok.lower_ in self.multiples and i + 1 < end and doc[i + 1].lower_ in (
                        "the", "as", "that", "its", "their", "his", "her", "what"):
                    # "nearly twice the peak-year level", "twice as many": 2 times; not "speak twice"
                    qualifier, qstart = self._qualifier(doc, i, sent.start)
                    attribution, actor, reported = self._source(doc, sent, tok, quotes, in_quote, resolver)
                    figures.append(FigureSpan(qstart, i + 1, doc[qstart : i + 1].text, self.multiples[tok.lower_],
                                              None, "times", qualifier, attribution, actor, self._place(doc, sent),
                                              self.measures.get("times", "times"), reported,
                                              self._hedged(doc, sent, tok, in_quote)))
                    i += 1
                    continue
                fraction = _fraction_at(doc, i, end)
                if not fraction and tok.is_alpha and tok.lower_ not in self.number_words and tok.lower_ not in ("a", "an"):
                    i += 1
                    continue
                if not fraction and i in ents and not self._duration_at(doc, i, end):
                    i += 1
                    continue
                read = (fraction[0], fraction[1], None) if fraction else self._read_number(doc, i, end)
                if read is None:
                    i += 1
                    continue
                value, j, upper = read
                start = i
                if tok.lower_ in ("a", "an") and value is not None and i - 1 >= sent.start and doc[i - 1].lower_ == "half":
                    value, start = value / 2, i - 1  # "more than half a dozen ships": six, not twelve
                unit = "percent" if fraction else None  # "nearly a quarter of the stocks": 25 %
                if fraction:
                    pass
                elif i - 1 >= sent.start and doc[i - 1].text in self.symbols:
                    start = i - 1
                    unit = dollar if doc[i - 1].text == "$" else self.symbols[doc[i - 1].text]
                elif i - 2 >= sent.start and (doc[i - 2].text + doc[i - 1].text) in self.symbols:
                    start = i - 2
                    unit = self.symbols[doc[i - 2].text + doc[i - 1].text]
                year_like = bool(re.fullmatch(r"(19|20)\d\d", tok.text))
                if unit is None and start > sent.start and not tok.is_alpha and _in_name(doc[start - 1]) and not (
                        j < end and (doc[j].text == "%" or doc[j].lower_ in ("percent", "pct")
                                     or doc[j].lower_ in self.durations or doc[j].lower_ in self.unit_kinds
                                     or self.measures.get(doc[j].lower_) == "distance")):
                    # "gave NATO three months", "stopped by the CCG 12 nautical miles away"; not "Model 3 cars"
                    # (not "followed by the Finance 1.3 percent": a share of a named index)
                    i = max(j, i + 1)  # "S&P 500", "Galaxy S25", "Nikkei 225": part of a name
                    continue
                if start - 2 >= sent.start and doc[start - 1].text in ("-", "–") and not doc[start - 1].whitespace_ \
                        and not doc[start - 2].whitespace_ and re.fullmatch(r"(19|20)\d\d", doc[start - 2].text):
                    i = max(j, i + 1)  # "the 2024-25 fiscal year": the end of a span of years
                    continue
                if tok.is_alpha and tok.is_title and _capitalised_name(doc, i, sent):
                    i = max(j, i + 1)  # "the ASEAN Plus Three Senior Officials' Meeting": a name
                    continue
                if unit is None and upper is None and j + 1 < end and doc[j].lower_ == "or" and not year_like:
                    second = self._read_number(doc, j + 1, end)  # "seven or eight countries": a range
                    if second is not None and second[0] is not None and value is not None and second[0] > value:
                        unit_after, after = self._unit(doc, second[1], end, False)
                        if unit_after is not None:
                            upper, unit, j = second[0], unit_after, after
                counted = [f for f in figures if f.start >= sent.start]  # this sentence's figures so far
                if unit is None:
                    unit, j = self._unit(doc, j, end, year_like)
                    if unit is None and not year_like and j + 1 < end and doc[j].lower_ == "to" and self._change(doc, start):
                        second = self._read_number(doc, j + 1, end)  # "rose from 10 to 12 percent": 10 percent
                        unit = self._unit(doc, second[1], end, False)[0] if second is not None else None
                    if unit is None and not year_like and doc.has_annotation("DEP"):
                        unit = self._counted_elsewhere(doc[j - 1])  # "the casualties could reach 3,000"
                    if unit is None and not year_like and doc.has_annotation("DEP") \
                            and _head_verb(doc[j - 1]).lower_ in self.harming_verbs:
                        unit = "people"  # "the war has killed tens of thousands": people, whom the verb harms
                    if unit is None and not year_like:
                        unit = _listed_like(doc, start, j, counted)
                    if unit is None and not year_like:
                        unit = _changed_to(doc, start, counted)
                    if unit is None and not year_like:
                        unit = _part_of_counted(doc, start, j, counted, value, self.durations)
                    if unit is None and not year_like and start >= 2 and doc[start - 1].text == "," \
                            and doc[sent.start].lower_ == "of" and figures and figures[-1].start >= sent.start \
                            and figures[-1].end == start - 1:
                        unit = figures[-1].unit  # "Of the 21 aircraft, 16 crossed the median line": 16 aircraft
                    if unit is None and not year_like and figures and start - 3 >= sent.start - 1 \
                            and doc[start - 1].text == "," and doc[start - 2].lower_ in ("those", "these", "them") \
                            and doc[start - 3].lower_ == "of" and all(t.lower_ in ("of", "out", "“", '"', "‘", "'")
                                                                    for t in doc[sent.start : start - 2]):
                        unit = figures[-1].unit  # "Out of those, 21 crossed the median line": the count before
                    if unit is None and not year_like and start >= 2 and doc[start - 2].lower_ == "out" \
                            and doc[start - 1].lower_ == "of" and figures and figures[-1].start >= sent.start \
                            and figures[-1].end == start - 2:
                        unit = figures[-1].unit  # "destroyed 309 Russian drones out of 324 launched": 324 drones
                    # "a crowd of about 15,000": the qualifier's start, read only when no unit was found
                    of_at = self._qualifier(doc, start, sent.start)[1] if unit is None and not year_like else start
                    if unit is None and not year_like and of_at - 2 >= sent.start and doc[of_at - 1].lower_ == "of" \
                            and doc[of_at - 2].tag_ in ("NN", "NNS") and doc[of_at - 2].lower_ not in _NOT_COUNTS \
                            and (j >= end or not doc[j].is_alpha or doc[j].pos_ not in ("NOUN", "PROPN")):
                        unit = doc[of_at - 2].lower_  # "a population of 18,000", "sales of nearly 1.5 million"
                if unit in ("inch", "inches") and j < end and doc[j].lower_ in self.calibre_nouns \
                        or j + 1 < end and unit in ("inch", "inches") and doc[j + 1].lower_ in self.calibre_nouns:
                    i = max(j, i + 1)  # "4.8-inch artillery shells": a calibre
                    continue
                if start > sent.start and doc[start - 1].text in ("“", '"') and _quoted_title(doc, start):
                    i = max(j, i + 1)  # "Disney’s “101 Dalmatians” prequel": a number in a title
                    continue
                if unit in self.not_units and self._calibre(doc, j, end):
                    i = max(j, i + 1)  # a calibre ("155mm shells", "a 152-mm howitzer"), not a quantity
                    continue
                small_word = tok.is_alpha and value is not None and value < self.small_number
                bounded = small_word and self._qualifier(doc, start, sent.start)[0] is not None  # "at least one missile"
                if unit is None and bounded and value == 1 and doc.has_annotation("TAG"):
                    k = j
                    while k < end and k - j < 3 and doc[k].tag_ in ("JJ", "NN") and k + 1 < end and doc[k + 1].tag_ == "NN":
                        k += 1
                    if k < end and doc[k].tag_ == "NN" and doc[k].is_alpha:
                        unit, j = doc[k].lower_, k + 1  # "at least one ballistic missile": one thing
                if unit is None and small_word and value == 1 and j < end and doc[j].is_alpha and any(
                        f.unit == f"{doc[j].lower_}s" for f in counted):
                    unit, j = doc[j].lower_, j + 1  # "three missiles were fired ..., one missile missed"
                listed_one = False
                if unit is None and small_word and value == 1 and doc.has_annotation("TAG"):
                    # "shot down one anti-ship ballistic missile and three drones": one thing of a
                    # list of counted things
                    k = j
                    while k < end and k - j < 5 and (doc[k].tag_ in ("JJ", "NN", "NNP", "HYPH", "VBN") or doc[k].text == "-"):
                        k += 1
                    if j < k < end - 1 and doc[k - 1].tag_ == "NN" and doc[k - 1].is_alpha and doc[k].lower_ == "and" \
                            and (doc[k + 1].like_num or doc[k + 1].lower_ in self.number_words) \
                            and doc[k + 1].lower_ not in ("one", "a", "an"):
                        unit, j, listed_one = doc[k - 1].lower_, k, True
                if (
                    unit is None
                    or (year_like and unit not in self.units)
                    or (small_word and not (unit in self.units or unit == "percent" or bounded or listed_one
                                            or doc[j - 1].tag_ in ("NNS", "NNPS") or _MODELS.fullmatch(doc[j - 1].text)
                                            # "one missile missed" after "three missiles"
                                            or any(f.unit == f"{unit}s" for f in counted)
                                            or (j < end and doc[j].lower_ in ("of", "out") and doc[j - 1].i == i)))
                    or (small_word and start > sent.start and doc[start - 1].lower_ in self.anaphoric
                        and doc[i + 1].text != "-")  # "the two leaders", not "the three-day exercise"
                    or (j > i + 1 and doc[i + 1].text == "-" and tok.is_alpha and unit not in self.durations
                        and unit != "percent"  # "the two-percent target" is 2 %, a "two-seat jet" no count
                        and not (i + 2 < end and (doc[i + 2].lower_ in self.scales or doc[i + 2].lower_ in self.number_words
                                                  or doc[i + 2].lower_ == "point")))
                    or (unit in self.durations and j < end and doc[j].lower_.lstrip("-") in self.not_durations)
                    or (unit in self.durations and j + 1 < end and doc[j].text == "-" and doc[j + 1].lower_ in self.not_durations)
                ):
                    i = max(j, i + 1)
                    continue
                if tok.lower_ == "one" and doc[j - 1].dep_ == "nsubj" and doc[j - 1].head.lower_ in self.source_verbs:
                    i = j  # "One officer, speaking on condition of anonymity, told reporters": a speaker, not a count
                    continue
                # a range written after the unit: "25% to 50%", "between 25% and 50%"
                between = start > sent.start and doc[start - 1].lower_ == "between"
                if upper is None and j + 1 < end and (doc[j].text in _RANGE or (between and doc[j].lower_ == "and")) \
                        and not self._change(doc, start):
                    k = j + 1 + (doc[j + 1].text in self.symbols)
                    second = self._read_number(doc, k, end) if k < end else None
                    same_unit = second is not None and (
                        between or self.symbols.get(doc[j + 1].text) == unit  # not "0.6 percent to $213.8 billion"
                        or (second[1] < end and (doc[second[1]].text == "%" or doc[second[1]].lower_ == unit)))
                    if second is not None and second[0] is not None and same_unit:
                        upper, j = second[0], second[1]
                        if j < end and doc[j].text in ("%",) or (j < end and doc[j].lower_ in ("percent", "per")):
                            _, j = self._unit(doc, j, end, False)
                qualifier, qstart = self._qualifier(doc, start, sent.start)
                half = tok.lower_ in ("a", "an") and unit in self.durations and \
                    [t.lower_ for t in doc[j : j + 3]] == ["and", "a", "half"]
                if half:
                    value, j = 1.5, j + 3  # "after an hour and a half"
                if tok.lower_ in ("a", "an") and qualifier is None and not half and not (
                        doc[i + 1].lower_ in self.scales and doc[j - 1].tag_ in ("NNS", "NNPS")) and not (
                        doc[i + 1].lower_ in ("few", "couple") and (doc[j - 1].tag_ in ("NNS", "NNPS")
                                                         or doc[j - 1].lower_ in ("them", "those", "these"))):
                    i = j  # "a day", "a week"; but "a dozen shipments", "a hundred drones" count
                    continue
                if qualifier in ("over", "under") and unit in self.durations and not (
                        tok.lower_ in ("a", "an") or (qstart > sent.start and doc[qstart - 1].lower_ in ("for", "in"))):
                    # "over seven years": during, not more than; but "flew over an hour", "for over two years"
                    qualifier, qstart = None, start
                elif qualifier in ("over", "under") and qstart > sent.start and (
                        doc[qstart - 1].tag_ == "NNS" or doc[qstart - 1].dep_ in ("dobj", "nsubj", "pobj")
                        or (doc[qstart - 1].tag_ == "VBN" and any(c.dep_ == "auxpass" for c in doc[qstart - 1].children)
                            and unit not in self.durations and unit != "times")):
                    # "shot down 25 drones over seven regions", "were downed over six regions": above
                    qualifier, qstart = None, start
                if between and qualifier is None and upper is not None:
                    qualifier, qstart = "between", start - 1
                if unit in self.weak_units and qualifier is None:
                    i = j
                    continue
                if unit in ("cents", "cent", "pence") and value is not None:
                    # "just 99 cents": money, in the dollar (or pound) it is a hundredth of
                    value, upper = value / 100, upper / 100 if upper is not None else None
                    unit = "GBP" if unit == "pence" else dollar
                text = doc[qstart:j].text
                attribution, actor, reported = self._source(doc, sent, tok, quotes, in_quote, resolver, j)
                figures.append(FigureSpan(qstart, j, text, value, upper, unit, qualifier, attribution, actor,
                                          self._place(doc, sent), self.measures.get(unit, unit), reported,
                                          self._hedged(doc, sent, tok, in_quote)))
                i = j
        doc._.figures = figures
        return doc

    def _dollar(self, doc: Doc) -> str:
        """The currency of a bare "$": the local dollar of an outlet whose host ends in a country
        code that has one ("www.canberratimes.com.au": AUD), else the US dollar."""
        host = (doc._.article_host or "").lower().rstrip(".")
        code = host.rsplit(".", 1)[-1] if "." in host else ""
        return self.local_dollars.get(code, self.symbols.get("$", "USD"))

    def _hedged(self, doc: Doc, sent: Span, token: Token, in_quote: dict[int, int]) -> bool:
        """Whether a hedging word of the sentence bears on the figure's clause, or on what the
        same source reports with it ("He said Ukrainian forces had killed about 3,800 soldiers,
        and warned that Pyongyang could send more": one report, hedged). A hedge inside a
        quotation the figure is not in ("warned of a “potentially catastrophic situation” for
        Bicol, where 180,000 people have been evacuated") is the quoted words'."""
        here = in_quote.get(token.i)
        hedges = [h for h in doc._.hedges or () if sent.start <= h < sent.end
                  and (h not in in_quote or in_quote[h] == here)]
        if not hedges or not doc.has_annotation("DEP"):
            return bool(hedges)
        ancestors = {a.i for a in token.ancestors} | {token.i}
        # a figure in a clause that frames the main one ("As the box office attempts to rebound from
        # a tough 18-month period, F9 is expected to ..."; "a 60-day ceasefire, during which talks
        # could take place") is not hedged by a hedge outside that clause
        frames = [a for a in [token, *token.ancestors] if (a.dep_ == "advcl" and any(
            c.dep_ == "mark" and c.lower_ in self.framing_marks for c in a.children)) or (a.dep_ == "relcl" and any(
            c.dep_ == "prep" and any(w.lower_ in ("which", "whom") for w in c.children) for c in a.children))]
        if frames:
            hedges = [h for h in hedges if any(doc[h] in f.subtree or h == f.i for f in frames)]
            if not hedges:
                return False
        # a hedge in a relative clause about another subject than its noun ("a 60-day ceasefire,
        # during which talks could take place") hedges that clause only
        hedges = [h for h in hedges if not any(_of_something_else(a) and token not in a.subtree
                                               for a in [doc[h], *doc[h].ancestors])]
        if not hedges:
            return False
        report = next((a for a in token.ancestors if a.lower_ in self.source_verbs and a.pos_ in ("VERB", "AUX")), None)
        if report is not None and any(a.dep_ in ("relcl", "acl") and a.head.dep_ in ("nsubj", "appos") and a.i < report.i
                                      for a in token.ancestors if a.i != report.i and report in a.ancestors):
            report = None  # the figure describes the speaker ("Sanchez, who had objected to the 5% target, said he believed ...")
        if report is not None:
            # the report and the reports joined to it: "said ..., and warned that ... could"
            said = {report.i} | {c.i for c in report.children if c.dep_ == "conj"} | (
                {report.head.i} if report.dep_ == "conj" else set())
            if any(said & {a.i for a in doc[h].ancestors} for h in hedges
                   if not _of_a_kind(doc, h, ancestors) and not _conceded(doc[h], report)
                   # "would send three submarines, with the potential to sell up to two more": a
                   # hedging noun hedges what it governs, not the rest of the report
                   and not (doc[h].pos_ == "NOUN" and token not in doc[h].subtree)):
                return True  # (not "three, possibly used, submarines": a hedge of another thing's kind)
        return any(h in ancestors or doc[h].head.i in ancestors or doc[h].dep_ == "ROOT" or (
            # "with over 10 Chinese warships reportedly active", "10 warships, which may have ...":
            # a hedge of what the sentence says of the counted things
            doc[h].head.dep_ in ("amod", "acl", "relcl") and doc[h].head.head.i in ancestors
            and not _of_something_else(doc[h].head)) for h in hedges)

    def _calibre(self, doc: Doc, j: int, end: int) -> bool:
        """Whether a number in millimetres ending before ``j`` is a calibre: a noun follows it, or
        another calibre of a list does ("152 mm and 122 mm artillery shells"); "6.9 mm and 7.1 mm
        thin" is a size."""
        while j + 2 < end and doc[j].lower_ in ("and", "or", ",") and doc[j + 1].like_num \
                and doc[j + 2].lower_.lstrip("-") in self.not_units:
            j += 3
        return j < end and doc[j].is_alpha and doc[j].pos_ in ("NOUN", "PROPN") \
            or j + 1 < end and doc[j].text == "-" and doc[j + 1].is_alpha

    def _duration_at(self, doc: Doc, i: int, end: int) -> bool:
        """A number the model calls a date that counts time: "90-day", "four hours"."""
        j = i + 1
        if [t.lower_ for t in doc[j : j + 3]] == ["and", "a", "half"]:
            j += 3  # "two and a half hours"
        while j < end and (doc[j].text in ("-", "–") or doc[j].lower_ in self.scales or (
                doc[j - 1].text in ("-", "–") and doc[j].like_num and doc[j].lower_ not in self.durations)):  # "30-40 minutes"
            j += 1
        adjectives = 0
        while j < end and adjectives < 2 and (doc[j].tag_ == "JJ" or doc[j].lower_ in ("more", "additional", "further", "extra")) \
                and doc[j].lower_ not in self.durations:
            j += 1  # "five awkward minutes", "two long weeks", "two more years"
            adjectives += 1
        return j < end and (doc[j].lower_ in self.durations or doc[j].lower_ == "times") \
            and not re.fullmatch(r"(19|20)\d\d", doc[i].text)  # "two and a half times": a multiple


@Language.factory("digest_figures", assigns=["doc._.figures"], default_config={"lexicon_path": None})
def make_figure_finder(nlp: Language, name: str, lexicon_path: str | None) -> FigureFinder:
    return FigureFinder(nlp, name, load_lexicon(lexicon_path))


# nouns of someone's expected value: a figure "of" one is that someone's ("the IMF's forecast of 3%")
_ESTIMATE_NOUNS = frozenset({"estimate", "estimates", "expectation", "expectations", "forecast", "forecasts",
                             "projection", "projections", "prediction", "predictions", "consensus", "view"})


def _estimate_of(token: Token) -> Token | None:
    """The estimate noun a figure is the object "of" ("analysts' average estimate of 46 cents")."""
    node = token
    for _ in range(3):
        if node.dep_ == "pobj" and node.head.lower_ == "of" and node.head.head.lower_ in _ESTIMATE_NOUNS \
                and node.head.head.i < node.i:
            return node.head.head
        if node.head.i == node.i:
            return None
        node = node.head
    return None


def _of_a_kind(doc: Doc, h: int, ancestors: set[int]) -> bool:
    """Whether hedge ``h`` qualifies the kind of things the figure does not count: an adjective of
    another noun ("possibly used submarines"), or an aside between commas ("three, possibly used,
    submarines")."""
    head = doc[h].head
    if head.dep_ == "amod" and head.i not in ancestors and head.head.i not in ancestors:
        return True
    return h > 0 and doc[h - 1].text == "," and head.i == h + 1 and head.i + 1 < len(doc) \
        and doc[head.i + 1].text == "," and head.tag_ in ("JJ", "VBN")


_CONCEDING = frozenset({"although", "though", "while", "whereas"})


def _conceded(hedge: Token, report: Token) -> bool:
    """Whether ``hedge`` stands in a clause conceded beside the report ("Although the EU will likely
    miss its deadline, Pistorius said that ... 20,000 shells"): it hedges that clause, not the report."""
    for a in hedge.ancestors:
        if a.i == report.i:
            return False
        if a.dep_ == "advcl" and a.head.i == report.i and any(c.dep_ == "mark" and c.lower_ in _CONCEDING for c in a.children):
            return True
    return False


def _remarked_by(token: Token, remarks: frozenset[str]) -> Source | None:
    """Whose remark a clause holding the figure reports: "On Ukrainian President Volodymyr
    Zelenskiy's remarks that the number could grow to 100,000, ..." (the parser may hang the
    possessor anywhere: read the words before the noun, a name and its "'s")."""
    if not token.doc.has_annotation("DEP"):
        return None
    doc = token.doc
    by = _alleged_by(token, remarks)
    if by is not None:
        return by
    for a in token.ancestors:
        noun = a.head
        if a.dep_ not in ("ccomp", "acl") or noun.lower_ not in remarks or not any(
                c.dep_ == "mark" and c.lower_ == "that" for c in a.children):
            continue
        k = noun.i - 1
        if k < 1 or doc[k].text not in ("'s", "’s"):
            return None
        end = k
        while k > 0 and doc[k - 1].pos_ == "PROPN":
            k -= 1
        if k == end:
            return None
        return Source(doc[k:end].text, "said", k, end, end - 1)
    return None


def _alleged_by(token: Token, remarks: frozenset[str]) -> Source | None:
    """Whose claim a noun phrase holding the figure reports, its maker named after "by": "amid
    allegations by South Korean intelligence about Pyongyang's decision to send 12,000 soldiers"
    (the parser often hangs "about ..." on the maker: the maker is the words up to its noun)."""
    doc = token.doc
    for noun in token.ancestors:
        if noun.lower_ not in remarks or noun.pos_ != "NOUN":
            continue
        prep = next((c for c in noun.children if c.dep_ == "prep" and c.lower_ == "by" and c.i > noun.i), None)
        maker = next((c for c in prep.children if c.dep_ == "pobj"), None) if prep is not None else None
        if maker is None or maker.pos_ not in ("NOUN", "PROPN"):
            return None
        start = maker.left_edge.i
        while start < maker.i and doc[start].dep_ == "det":
            start += 1
        if start <= token.i <= maker.i:
            return None  # the figure is the maker's own ("claims by 300 lawmakers")
        return Source(doc[start : maker.i + 1].text, "claimed", start, maker.i + 1, maker.i)
    return None


def _quoted_title(doc, start: int) -> bool:
    """Whether the quotation opening just before ``start`` is a short title ("101 Dalmatians",
    "Ocean's 11"): its words capitalised or numbers, closed within six words."""
    for k in range(start, min(len(doc), start + 7)):
        if doc[k].text in ("”", '"'):
            words = [t for t in doc[start:k] if not t.is_punct]
            return bool(words) and all(t.like_num or t.text[:1].isupper() or t.lower_ in ("of", "the", "and", "a")
                                       for t in words) and any(t.is_alpha and t.text[:1].isupper() for t in words)
    return False


def _of_something_else(clause: Token) -> bool:
    """Whether a relative clause says something of another subject than the noun it hangs from:
    "a 60-day ceasefire, during which broader negotiations could take place" (of the talks), not
    "10 warships, which may have entered the zone" (of the warships)."""
    return clause.dep_ == "relcl" and any(
        c.dep_ in ("nsubj", "nsubjpass") and c.lower_ not in ("which", "that", "who", "whom") for c in clause.children)
