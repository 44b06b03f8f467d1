"""spaCy component ``digest_quotes``: direct quotations with who said them and how.

A quotation is text between quotation marks (curly “…” or straight "…", or single marks
'…' and ‘…’ as British outlets write them) of at least three words. It may run over several sentences, and over several paragraphs (a paragraph that opens
with a quotation mark while the last one was left open continues it). Its speaker is found, in
order, in: the sentence where it closes, after the closing mark (“…,” he said); the sentence
where it opens, before the opening mark (colon introductions: the spokesman told reporters:
“…”); the sentence before, when it introduces the quote; the sentence after, when it only says
who spoke; and, for a paragraph that is all quotation, the speaker of the quotation just
before. The speaker phrase resolves to an actor (``attribution.SpeakerResolver``: names,
pronouns, "the spokesperson"). A quotation whose speaker cannot be found is kept with none.
Sets ``doc._.quotes``: a list of ``QuoteSpan``.
"""

from __future__ import annotations

import bisect
import re

from spacy.language import Language
from spacy.tokens import Doc

from generator.analyse.attribution import (
    DOCUMENTS,
    MAX_WORDS,
    PERSON_PRONOUNS,
    Source,
    SpeakerResolver,
    asks,
    find_source,
    giver_of,
    headline_credit,
    paragraph_label,
    subject_source,
    utterance_owner,
)
from generator.analyse.gazetteer import load_gazetteer
from generator.analyse.lexicon import Lexicon, load_lexicon
from generator.analyse.roles import load_roles
from generator.analyse.spans import QuoteSpan

_NAMED_BEFORE = re.compile(r"\b(?:entitled|titled|dubbed|headlined)\s*[,:]?\s*[\"“]?$")
MIN_WORDS = 3  # "not aware" is a statement; a scare-quoted term is not a quotation
OPEN = {"“": "”", "«": "»", "„": "“"}  # „...“ as German and Central European outlets print it
STRAIGHT = '"'


def _uttered(text: str, start: int, end: int) -> bool:
    """A short quotation that is a whole utterance: it opens a sentence and closes on its own
    punctuation before a speech tag ("“We’ll wait,” the spokesperson added"), unlike a scare-quoted
    term inside a sentence."""
    if text[end - 1 : end] not in (",", "!", "?") or not text[start:end].strip(",!? ")[:1].isupper():
        return False
    before = text[: max(start - 1, 0)].rstrip(" ")
    return not before or before[-1] in "\n.!?\"”"


def _orphan_close(text: str, i: int) -> bool:
    """A straight mark at ``i`` that only closes: after a comma ending the quoted words, before a
    speech tag in lower case, in a paragraph (not the first line) with no other mark before it."""
    if i == 0 or text[i - 1] != "," or text[i + 1 : i + 2] != " " or not text[i + 2 : i + 3].islower():
        return False
    para = text.rfind("\n", 0, i) + 1
    if para == 0 or any(m in text[para:i] for m in ('"', "“", "”", "«", "»")):
        return False
    return len(text[para:i].split()) >= MIN_WORDS


def _paragraph_end(text: str, i: int) -> int:
    end = text.find("\n\n", i)
    return len(text) if end < 0 else end


def quote_spans(text: str) -> list[tuple[int, int]]:
    """Character spans of the quoted words in ``text`` (marks excluded), in text order."""
    spans: list[tuple[int, int]] = []
    start: int | None = None
    closer = ""
    i, n = 0, len(text)
    while i < n:
        ch = text[i]
        if start is None:
            if ch == STRAIGHT and _orphan_close(text, i):
                # '22 aircraft were detected by 6 a.m. today," the ministry said': the outlet left
                # out the opening mark; the quotation is the paragraph up to the closing one
                para = text.rfind("\n", 0, i) + 1
                spans.append((para + len(text[para:i]) - len(text[para:i].lstrip()), i))
                i += 1
                continue
            if ch in OPEN or ch == STRAIGHT:
                start, closer = i + 1, OPEN.get(ch, STRAIGHT)
            elif ch == "”" and (i == 0 or text[i - 1] in " \n\t(") and i + 1 < n and text[i + 1].isalnum():
                start, closer = i + 1, "”"  # ”We cannot ignore ...”: a closing mark set as the opening one
        elif closer == STRAIGHT and ch == STRAIGHT and text[i - 1 : i] == " " and text[i + 1 : i + 2].isalnum() and (
                (inner := text.find(STRAIGHT, i + 1, para_end := _paragraph_end(text, i))) > 0
                and text.find(STRAIGHT, inner + 1, para_end) > 0):
            # '"... in replenishing our "exchange fund." It helped ...," the president stated': a
            # mark opening a word inside a straight quotation opens a quotation within it, which
            # closes before the outer one does
            i = inner + 1
            continue
        elif ch == closer or (closer == "”" and ch == STRAIGHT) or (closer == "“" and ch in "”" + STRAIGHT) or (
                # “stronger and fairer“ with ...: an opening mark set as the closing one, after a
                # word and before a space or stop
                closer == "”" and ch == "“" and text[i - 1 : i].strip() and not text[i + 1 : i + 2].isalnum()) or (
                closer == STRAIGHT and ch == "”") or (  # '"We are members ...”': an outlet's mixed marks
                closer == "”" and ch == "»") or (  # “...», — the statement read
                closer in ("”", STRAIGHT) and text.startswith("’’", i)):  # “...,’’ he said: two single marks
            spans.append((start, i))
            start = None
            i += text.startswith("’’", i)  # both marks close it
        elif ch == "\n" and text.startswith("\n\n", i):
            # a paragraph ends with the quotation open: it goes on if the next one opens with
            # a quotation mark, else it was never closed and ends here
            j = _next_paragraph(text, i)
            cut = _cut_at_tag(text, start, i)
            if cut == i and j < n and (text[j] in OPEN or text[j] == STRAIGHT):
                i = j + 1
                continue
            spans.append((start, cut))
            start = None
        i += 1
    if start is not None:
        spans.append((start, _cut_at_tag(text, start, n)))
    blocks = _block_quoted(text)
    if blocks:  # a word in marks inside a block quotation is no quotation of its own
        spans = [(a, b) for a, b in spans if not any(s <= a < e for s, e in blocks)]
    singles = _single_quoted(text, spans) + _dash_quoted(text, spans) + blocks
    return sorted(spans + singles) if singles else spans


# the speech tag of a quotation whose closing mark the outlet left out: "“I welcome the agreement
# on our 16th package, Ursula von der Leyen, president of the Commission, said in a post."
_OPEN_TAG = re.compile(r",[ \t]+[A-Z][\w.’'-]+(?:[ \t]+(?:[A-Z][\w.’'-]+|von|van|der|den|de|da|al|bin|ibn|le|la)){0,4}"
                       r"(?:,[^,\n“”\"]{1,80})?,?[ \t]+(?:said|says|wrote|writes|added|adds|told|tweeted|posted)\b"
                       r"[^\n“”\"]{0,100}[.!]?[ \t]*$")


def _cut_at_tag(text: str, start: int, end: int) -> int:
    """Where an unclosed quotation ends: before its speech tag when the paragraph ends on one."""
    found = _OPEN_TAG.search(text, start, end)
    return found.start() if found is not None and found.start() > start else end


# a paragraph that opens with a dash and ends on its speech tag: "–It is important that everyone
# takes their share, says Rutte." (the dialogue dash of Nordic and Central European outlets)
_DASH_LINE = re.compile(r"(?m)^[ \t]*[–—][ \t]?(?=[A-Z])([^\n“”\"]+?),[ \t]+(?:(?:he|she|they|[A-Z][\w.’'-]+(?:[ \t][A-Z][\w.’'-]+){0,3})[ \t]+)?(?:says|said|notes|noted|adds|added|"
                        r"continues|continued|explains|explained|writes|wrote|stresses|stressed|tells|told|"
                        r"emphasizes|emphasises|emphasized|emphasised|points out|pointed out)\b[^\n,]{1,120}$")


def _dash_quoted(text: str, doubles: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Quotations opened by a dash at the start of their paragraph, outside the marked ones."""
    out = []
    for m in _DASH_LINE.finditer(text):
        s, e = m.span(1)
        if len(text[s:e].split()) >= MIN_WORDS and not any(a <= s < b for a, b in doubles):
            out.append((s, e))
    return out


def _next_paragraph(text: str, i: int) -> int:
    """Where the next paragraph's text starts, from a paragraph break at ``i``."""
    while i < len(text) and text[i] in "\n ":
        i += 1
    return i


_SINGLE_OPEN = ("'", "‘")
_SINGLE_CLOSE = ("'", "’")


def _single_quoted(text: str, doubles: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Quotations in single marks, as British outlets write them ('We are committed,' Peskov
    said), outside the double-quoted ones. An apostrophe inside a word (Putin's, I've) neither
    opens nor closes one; a mark closes only after a stop or comma, or before a space or stop;
    a quotation still open at the end of its paragraph is dropped (a scare-quoted word), unless
    the next paragraph opens with a mark (it goes on)."""
    out: list[tuple[int, int]] = []
    bounds = sorted((s - 1, e + 1) for s, e in doubles)
    k = 0
    i, n = 0, len(text)
    start: int | None = None
    while i < n:
        while k < len(bounds) and bounds[k][1] <= i:
            k += 1
        if k < len(bounds) and bounds[k][0] <= i < bounds[k][1]:
            i = bounds[k][1]  # a double quotation: its single marks are nested ones
            continue
        ch = text[i]
        prev = text[i - 1] if i else " "
        nxt = text[i + 1] if i + 1 < n else " "
        if start is None:
            if ch in _SINGLE_OPEN and (prev.isspace() or prev in "([—–") and (nxt.isalnum() or nxt in "[…"):
                start = i + 1
        elif ch in _SINGLE_CLOSE and not prev.isspace() and not (prev.isalnum() and nxt.isalnum()) and (
                prev in ".,!?…" or nxt.isspace() or nxt in ",.;:!?)—–" or i + 1 == n):
            out.append((start, i))
            start = None
        elif ch == "\n" and text.startswith("\n\n", i):
            j = _next_paragraph(text, i)
            if j < n and text[j] in _SINGLE_OPEN:
                out.append((start, i))  # British style: each paragraph of a long quotation opens anew
                start = j + 1
                i = j + 1
                continue
            start = None  # never closed in its paragraph: a scare-quoted word
        i += 1
    return out


class QuoteFinder:
    def __init__(self, nlp: Language, name: str, lexicon: Lexicon):
        self.name = name
        self.speech_verbs = {v.lower() for v in lexicon.speech_verbs if " " not in v}
        self.voicing_verbs = frozenset(v.lower() for v in lexicon.voicing_verbs)
        self.hearsay_nouns = frozenset(v.lower() for v in lexicon.hearsay_nouns)
        self.relaying_verbs = frozenset(v.lower() for v in lexicon.relaying_verbs)
        self.relayed_nouns = frozenset(v.lower() for v in lexicon.relayed_nouns)
        _, _, self.nouns = load_roles()
        gazetteer = load_gazetteer()
        self.outlets = frozenset(o.lower() for o in gazetteer.sources)
        self.genders = {a.name: a.gender for a in gazetteer.actors if a.gender}

    def __call__(self, doc: Doc) -> Doc:
        text = doc.text
        spans = [(s, e) for s, e in quote_spans(text) if len(text[s:e].split()) >= MIN_WORDS or _uttered(text, s, e)]
        if not spans:
            doc._.quotes = []
            return doc
        inside: set[int] = set()
        token_spans = []
        for s, e in spans:
            span = doc.char_span(s, e, alignment_mode="expand")
            if span is None or not len(span):
                token_spans.append(None)
                continue
            token_spans.append(span)
            inside.update(range(span.start, span.end))
        sents = list(doc.sents)
        starts = [s.start for s in sents]
        resolver = SpeakerResolver(doc, self.nouns, inside, self.genders)
        quotes = []
        last: tuple[str | None, str | None, str | None, int] | None = None  # speaker, actor, verb, paragraph end
        last_sent = -2  # the sentence where the last quotation with a speaker ends
        continued = self._interrupted(text, spans)
        for n, ((s, e), span) in enumerate(zip(spans, token_spans)):
            if span is None or n in continued.values():
                continue
            words = text[s:e]
            if _is_title(words) or _NAMED_BEFORE.search(text, max(0, s - 14), s) or _named_term(span):
                continue  # "a report entitled “...”", "a “comprehensive strategic partnership” treaty": names
            if _listed_term(text, s, e, words) and not any(t.pos_ in ("VERB", "AUX") for t in span):
                continue  # "is talking about “denuclearization”, “peace and stability”": terms listed, not words said
            if n in continued:  # "“We will win,” he said, “whatever it takes.”": one quotation
                s2, e2 = spans[continued[n]]
                words, e = f"{words} {text[s2:e2]}", e2
            first = bisect.bisect_right(starts, span.start) - 1
            final = bisect.bisect_right(starts, max(span.end - 1, span.start)) - 1
            # (a quotation in the headline credited after a dash: "‘...’ on the talks – Kremlin")
            source = self._speaker(sents, first, final, span, inside) or headline_credit(sents[first])
            if source is not None and source.verb == "according to" and source.head is not None \
                    and doc[source.head].lower_ in self.hearsay_nouns:
                # "the JCS “strongly condemned” the launches, according to reports": the reports
                # relay the words of whoever voices them
                source = _governing_subject(span, inside, self.voicing_verbs, self.speech_verbs) or source
            para_start = text.rfind("\n\n", 0, s)
            if source is not None and self._names_outlet(source.text):
                # "Kim touted the ship's 'mighty striking power', KCNA said": the outlet reports
                # the words of the person the sentence is about
                source = self._according_to(sents[first], span, inside) or self._reported_by_outlet(sents[first], span) \
                    or self._reporter_before(sents[first], span, source) or source
            if source is not None and (relayed := _words_relayed(sents[final], span, self.relaying_verbs,
                                                                              self.relayed_nouns)) is not None:
                source = relayed  # "“...,” the agency wrote, quoting Foreign Minister Wang Yi": his words
            if source is not None and source.text.lower() in PERSON_PRONOUNS and not asks(sents[first]):
                # "A: ... “We urge ...,” she said": the answerer; in a reporter's question ("AFP:
                # Marcos said ... He also pledged ...") "he" is the person quoted, not the reporter
                label = paragraph_label(sents[first])
                if label is not None and label.start < source.start:
                    source = Source(source.text, source.verb, label.start, label.end, label.head)
            if source is not None:
                speaker, actor, verb = source.text, resolver.actor(source), source.verb
            elif _put_to(sents[final], span):
                speaker = actor = verb = None  # "“...?” he was asked": a reporter's question
            elif (credit := _credit_line(doc, text, e)) is not None and credit.head is not None:
                # an unmarked quotation, "- Zelensky wrote on Telegram." on the line under it
                speaker, actor, verb = credit.text, resolver.actor(credit), credit.verb
            elif last is not None and last[0] is not None and (
                (last[3] >= para_start - 2 and _opens_paragraph(text, s))
                # the next sentence is another quotation: "“A,” he said. “B.”"
                or (first == last_sent + 1 and span.start - sents[first].start <= 1)
            ):
                speaker, actor, verb = last[0], last[1], last[2]  # the same speaker goes on
                resolver.remember(span.start, actor)
            elif (prior := self._indirect_before(text, sents, first, s, inside)) is not None:
                # "Singh said the US could not confirm it.\n\n“What we've said before is ...”"
                speaker, actor, verb = prior.text, resolver.actor(prior), prior.verb
            elif (went_on := self._words_going_on(text, sents, first, final, span, inside)) is not None:
                # "Albanese said the announcement marked a new chapter. The three had begun a
                # friendship built “on our shared values”": his words, quoted in the sentence after
                speaker, actor, verb = went_on.text, resolver.actor(went_on), went_on.verb
            elif (after := self._indirect_after(text, sents, first, final, s, e, inside, resolver)) is not None:
                # "“China has taken note of the reports.” Lin Jian said that ...": the next
                # sentence names who spoke, reporting more of his words
                speaker, actor, verb = after.text, resolver.actor(after), after.verb
            elif (credit := _credit_line(doc, text, e)) is not None:
                # “...”\n\n— Jamieson Greer, U.S. Trade Representative: the line under it says who
                speaker, actor, verb = credit.text, resolver.actor(credit), credit.verb
            elif (doer := _governing_subject(span, inside, self.voicing_verbs, self.speech_verbs)) is not None and (found := resolver.actor(doer)):
                # a phrase quoted inside a clause: "Trump praised the summit where “tremendous
                # things have been accomplished”"; "Locsin condemned “in the strongest terms”"
                speaker, actor, verb = doer.text, found, doer.verb
            else:
                speaker = actor = verb = None
            para_end = text.find("\n\n", e)
            last = (speaker, actor, verb, para_end if para_end >= 0 else len(text))
            if speaker is not None:
                last_sent = max(final, bisect.bisect_right(starts, source.end - 1) - 1) if source is not None else final
            quotes.append(QuoteSpan(s, e, " ".join(words.split()), speaker, actor, verb))
        doc._.quotes = _without_headline_echoes(quotes, text)
        return doc

    def _teller(self, verb, source: Source, sent) -> Source | None:
        """The person who reports a state's or a body's view that a quotation is part of: "Russia's
        UN Ambassador Vassily Nebenzia told the council that Russia believes ... “tireless and
        diplomatic efforts”" is the ambassador's; a person's own view stays theirs."""
        mentions = verb.doc._.actor_mentions or []

        def person(src: Source) -> bool:
            return any(src.start <= m.start < src.end and m.type == "person" for m in mentions)

        if source.text.lower() in PERSON_PRONOUNS:
            # "a Palestinian official told Reuters that he anticipated “...”": "he" is the teller
            for b in verb.ancestors:
                if not (sent.start <= b.i < sent.end):
                    break
                if b.lower_ in _TELLING and b.pos_ == "VERB":
                    outer = subject_source(b)
                    if outer is not None and outer.text.lower() not in PERSON_PRONOUNS and outer.end <= source.start:
                        return outer
                    break
            return None
        if person(source) or (source.head is not None and verb.doc[source.head].lower_ in self.nouns.get("person", ())):
            return None  # ("while its foreign minister called the strikes a “declaration of war”": his)
        for b in verb.ancestors:
            if not (sent.start <= b.i < sent.end):
                break
            if b.lower_ in _TELLING and b.pos_ == "VERB":
                outer = subject_source(b)
                return outer if outer is not None and person(outer) else None
        return None

    def _names_outlet(self, phrase: str) -> bool:
        """Whether a source phrase names a news outlet: "KCNA", "the North's official Korean
        Central News Agency (KCNA)"."""
        words = re.sub(r"\s*\([^)]*\)?", "", phrase.lower()).removeprefix("the ").strip()
        if words in self.outlets or any(words.endswith(" " + o) for o in self.outlets if " " in o):
            return True
        # "the state-run paper", "state media", "the official news agency": an outlet unnamed
        return bool(re.fullmatch(r"(?:[\w-]+ ){0,3}(?:paper|newspaper|tabloid|broadcaster|media|news agency|daily)", words)) \
            and not re.search(r"\b(?:white|position|policy|working|concept|discussion|research|social) (?:paper|media)$", words)

    def _indirect_before(self, text: str, sents: list, first: int, s: int, inside: set[int]) -> Source | None:
        """The speaker of the paragraph or sentence before, when it ends reporting someone's words
        and a quotation nobody else is given opens this paragraph or sentence."""
        if first == 0:
            return None
        prev = sents[first - 1]
        if _opens_paragraph(text, s):
            if any(t.i in inside for t in prev) or prev.start_char >= text.rfind("\n\n", 0, s):
                return None
        elif sents[first].start_char >= s - 1 and prev.start_char > text.rfind("\n\n", 0, s):
            # "Geng Shuang told a briefing that the steps brought “new uncertainty”. “China has
            # always ...”": the quotation opens the sentence after someone's reported words
            if sum(t.i in inside for t in prev) > 6:
                return None
        else:
            return None
        source = find_source(prev, self.speech_verbs, skip=inside, outlets=self.outlets)
        if source is None or source.verb in ("according to", "citing"):
            return None
        return source

    def _words_going_on(self, text: str, sents: list, first: int, final: int, span, inside: set[int]) -> Source | None:
        """The speaker of the sentence before, in the same paragraph, when it reports someone's
        words with a verb of saying and this sentence, quoting a phrase inside it, has no speaker
        and no verb of saying of its own."""
        if first == 0 or first != final or not span.doc.has_annotation("DEP"):
            return None
        prev, here = sents[first - 1], sents[first]
        if "\n" in text[prev.start_char : here.start_char] or any(t.i in inside for t in prev):
            return None
        if any(t.lower_ in self.speech_verbs | self.voicing_verbs and t.i not in inside for t in here):
            return None
        source = find_source(prev, self.speech_verbs, skip=inside, outlets=self.outlets)
        if source is None or source.verb in ("according to", "citing") or self._names_outlet(source.text):
            return None
        root = prev.root
        return source if root.lower_ in self.speech_verbs and any(c.dep_ in ("ccomp", "parataxis") for c in root.children) else None

    def _indirect_after(self, text: str, sents: list, first: int, final: int, s: int, e: int, inside: set[int],
                        resolver: SpeakerResolver) -> Source | None:
        """The speaker of a quotation that is a whole sentence of its own, named as the subject
        of a reporting verb opening the next sentence of the paragraph ("“China has taken note of
        the relevant reports.” Lin Jian said that ...")."""
        if final + 1 >= len(sents) or sents[first].start_char < s - 1:
            return None
        nxt = sents[final + 1]
        if text[e : nxt.start_char].strip(" \"”’'.,") or "\n" in text[e : nxt.start_char]:
            return None  # the quotation does not end its sentence, or the paragraph ends
        source = find_source(nxt, self.speech_verbs, skip=inside, outlets=self.outlets)
        if source is None or source.start != nxt.start or source.verb in ("according to", "citing"):
            return None
        names = [m for m in resolver.mentions if source.start <= m.start < source.end]
        return source if any(m.type == "person" for m in names) else None

    def _voiced_in(self, span, source: Source, inside: set[int]) -> Source | None:
        """"Wang expressed his hopes that China and the US “...,” according to a statement by the
        Chinese Foreign Ministry": the person whose words a document reports, when the quotation
        hangs from a verb whose subject names that person."""
        doc = span.doc
        if source.head is None or doc[source.head].lower_ not in DOCUMENTS or not doc.has_annotation("DEP"):
            return None
        people = [m for m in doc._.actor_mentions or [] if m.type == "person"]
        for a in span.root.ancestors:
            if a.i in inside or a.sent != span.root.sent:
                break
            if a.pos_ == "VERB":
                subject = subject_source(a)
                if subject is not None and subject.end <= span.start and any(
                        subject.start <= m.start < subject.end for m in people):
                    return subject
        return None

    def _according_to(self, sent, span, inside: set[int]) -> Source | None:
        """"According to Kim, “...,” KCNA reported": the person the outlet relays, named before
        the quotation."""
        if not any(t.lower_ == "according" and t.i < span.start for t in sent):
            return None
        source = find_source(sent, self.speech_verbs, skip=inside, outlets=self.outlets)
        if source is None or source.verb != "according to" or source.end > span.start:
            return None
        people = [m for m in sent.doc._.actor_mentions or [] if m.type == "person"]
        return source if any(source.start <= m.start < source.end for m in people) else None

    @staticmethod
    def _reported_by_outlet(sent, span) -> Source | None:
        for m in sent.doc._.actor_mentions or []:
            last = sent.doc[m.end - 1]
            if sent.start <= m.start < span.start and m.type == "person" and last.dep_ in ("nsubj", "nsubjpass") \
                    and not (span.start <= last.head.i < span.end) and not _in_relative_clause(span, last.head):
                # (not "Kim “mounted the observation post”, KCNA said": the agency's words of what
                # he did, the verb inside them; nor "Kim oversaw the launch, which was the “test-fire
                # of a new weapon”, KCNA reported": its words of the launch)
                return Source(sent.doc[m.start : m.end].text, last.head.lower_, m.start, m.end, m.end - 1)
        for t in sent:  # "He said the soldiers' “...” must be “...,” KCNA reported": his words
            if t.i < span.start and t.lower_ in ("he", "she") and t.dep_ == "nsubj" and t.head.pos_ == "VERB":
                return Source(t.text, t.head.lower_, t.i, t.i + 1, t.i)
        return None

    def _reporter_before(self, sent, span, outlet: Source) -> Source | None:
        """"The ministry said the move “brings new uncertainty,” the state-run paper wrote": the
        subject of a reporting verb before the quotation, which the outlet relays."""
        if not sent.doc.has_annotation("DEP"):
            return None
        for t in sent:
            if t.i >= span.start or t.lower_ not in self.speech_verbs or t.pos_ not in ("VERB", "AUX"):
                continue
            source = subject_source(t)
            if source is not None and source.end <= span.start and source.start != outlet.start \
                    and not self._names_outlet(source.text):
                return source
        return None

    def _interrupted(self, text: str, spans: list[tuple[int, int]]) -> dict[int, int]:
        """Quotations interrupted only by who said them: index of the first -> of the second. The
        first must open its sentence ("“We will win,” he said, “whatever it takes.”"): a phrase
        quoted inside a clause ("Asked about the warning to “prepare for the consequences,” the
        spokesperson replied, “…”") is someone else's words."""
        out = {}
        for n in range(len(spans) - 1):
            between = text[spans[n][1] : spans[n + 1][0]]
            words = re.findall(r"[a-z]+", between.lower())
            opened = text[: spans[n][0]].rstrip(' "“')  # what the first quotation follows
            if (
                len(between) < 90
                and "\n" not in between
                and (not opened or opened[-1] in ".!?:\n")  # it opens its sentence, or a colon introduces it
                and text[spans[n][1] - 1 : spans[n][1]] == ","
                and between.strip(' \"“”')[-1:] in (",", ":")
                and any(w in self.speech_verbs for w in words)
                # ("“We hit the target,” he said, adding, “Both sides know it.”": a new sentence)
                and not text[spans[n + 1][0] : spans[n + 1][0] + 1].isupper()
            ):
                out[n] = n + 1
        return out

    def _speaker(self, sents: list, first: int, final: int, span, inside: set[int]) -> Source | None:
        doc = span.doc
        after = [t for t in sents[final] if t.i >= span.end and t.i not in inside]
        before = [t for t in sents[first] if t.i < span.start and t.i not in inside]
        if doc.has_annotation("DEP"):
            owner = utterance_owner(before)  # "Karoline Leavitt's remark that “...”": hers
            if owner is not None:
                return owner
        if doc.has_annotation("DEP") and first == final:
            # the reporting verb the quotation hangs from comes first: "Lin Jian said China would
            # “fight to the end” if the US insisted" is Lin Jian's, not the US's
            for a in span.root.ancestors:
                if a.i in inside or not (sents[first].start <= a.i < sents[first].end):
                    break
                if a.lower_ in self.voicing_verbs and a.lower_ not in self.speech_verbs and a.pos_ == "VERB" \
                        and not (a.dep_ == "ccomp" and a.head.lower_ in self.speech_verbs):
                    # (not what a speaker says another does: "Hartman said Ottawa is condemning the
                    # “dangerous ... actions”" are Hartman's words)
                    # "China's coastguard said ..., while the Philippines decried the moves as
                    # “irresponsible”": the subject of the verb that voices the words, nearer than the other's
                    source = subject_source(a)
                    if source is not None and source.end <= span.start and not any(i in inside for i in range(source.start, source.end)):
                        return source
                if a.lower_ in self.speech_verbs and a.pos_ in ("VERB", "AUX") and not (
                        a.lower_ in ("continued", "continues") and any(c.dep_ == "xcomp" for c in a.children)):
                    # ("Venezuela continues “crying out for peace”" goes on doing, not speaking)
                    source = subject_source(a)
                    relay = _relayed_to(a)
                    if relay is not None:
                        source = relay  # "Bessent said partners had told him that “...”": Bessent's words
                    if source is not None and not (span.start <= source.start < span.end):
                        return self._teller(a, source, sents[first]) or source
                    if source is None and a.dep_ == "acl" and a.head.dep_ == "dobj" and giver_of(a.head) is not None:
                        continue  # "issued a statement saying ...": whoever issued it
                    break
                # "Netanyahu issued a warning that Israel “will not relent”" (an object given; a
                # remark owned by another may be one answered: "in response to X's remark that")
                source = giver_of(a) if a.dep_ == "dobj" else None
                if source is not None and not (span.start <= source.start < span.end):
                    return source
        for tokens in (after, before):
            # the reporting verb nearest the quotation: "The Pentagon has not confirmed ..., she
            # said, adding, “...”" is hers
            for t in (tokens if tokens is after else reversed(tokens)):
                if t.lower_ in self.speech_verbs or (t.lower_ in ("told", "added", "wrote") and t.pos_ == "VERB"):
                    source = subject_source(t) if doc.has_annotation("DEP") else None
                    if source is not None and tokens is after and span.start <= source.start < span.end:
                        source = None  # "“The findings ... lack basis,” responded the ministry": not the quoted words
                    if source is None and tokens is after and doc.has_annotation("DEP"):
                        source = _misparsed_subject(t, span) or _inverted_subject(t, span) or _named_between(t, span)
                    if source is None:
                        source = find_source(sents[first if tokens is before else final], self.speech_verbs, skip=inside, outlets=self.outlets)
                    if source is not None and not (span.start <= source.start < span.end):
                        return source
        # any verb with a subject that introduces it ("Mao Ning clarified, “...”", "he went on:")
        lead = [t for t in before if not t.is_space]
        mark = 1 if lead and lead[-1].i == span.start - 1 and lead[-1].is_quote else 0  # the opening mark
        lead = lead[: len(lead) - mark]
        if len(lead) >= 2 and lead[-1].text in (",", ":") and lead[-1].i == span.start - 1 - mark and doc.has_annotation("DEP"):
            verb = lead[-2] if lead[-2].pos_ in ("VERB", "AUX") else (lead[-2].head if lead[-2].dep_ in ("advmod", "prt", "npadvmod", "acomp") else None)
            if verb is None and lead[-2].dep_ == "pobj" and lead[-2].head.dep_ == "prep":
                verb = lead[-2].head.head  # "Medvedev posted on social media, “...”"
            # ("Rutte was blunt: “...”": a copula and its adjective introduce it too)
            if verb is not None and (verb.pos_ == "VERB" or lead[-2].dep_ == "acomp") \
                    and not any(c.dep_ == "nsubjpass" for c in verb.children):
                # (a passive verb's subject is what was done, not who speaks: "22 aircraft were
                # detected by 6 a.m. today, “...")
                source = subject_source(verb) or _clause_of_name(verb)
                if source is not None:
                    return source
        if 2 <= len(lead) <= 5 and lead[-1].text == ":" and lead[-1].i == span.start - 1 - mark and all(
                t.is_alpha and (t.is_title or t.is_upper) for t in lead[:-1]) and any(
                (m.type == "person" and doc[m.end - 1].lower_ == lead[-2].lower_)
                # a headline's body or state ("Kremlin: “No talks without guarantees”")
                or (m.type in ("country", "organisation") and m.start == lead[0].i and m.end == lead[-1].i
                    and lead[0].i == lead[0].sent.start)
                for m in doc._.actor_mentions):
            # a headline's label naming a person of the story: "Slovakia blocks the package.
            # Kallas: “Moscow escalates”"
            return Source(doc[lead[0].i : lead[-1].i].text, "said", lead[0].i, lead[-1].i, None)
        if any(t.lower_ == "according" for t in before):  # "According to John Kirby, “...”"
            source = find_source(sents[first], self.speech_verbs, skip=inside, outlets=self.outlets)
            if source is not None and source.verb == "according to" and source.end <= span.start:
                return source
        if any(t.lower_ == "according" for t in after):  # "Iwaya “expressed concerns ...”, according to the ministry"
            source = find_source(sents[final], self.speech_verbs, skip=inside, outlets=self.outlets)
            if source is not None and source.verb == "according to" and source.start >= span.end:
                return self._voiced_in(span, source, inside) or source
        # a sentence before that introduces it ("Kirby told reporters on Tuesday:")
        if first > 0 and not [t for t in before if not (t.is_punct or t.is_space)]:
            prev = sents[first - 1]
            words = [t for t in prev if not t.is_space]
            if len(words) >= 2 and words[-1].text == "," and words[-2].lower_ in self.speech_verbs \
                    and doc.has_annotation("DEP"):
                # "Citing the drills, Hegseth stated," and the quotation as the next paragraph
                source = subject_source(words[-2])
                if source is not None:
                    return source
            if prev.text.rstrip().endswith(":") or any(t.text == ":" for t in prev[-2:]):
                source = find_source(prev, self.speech_verbs, skip=inside, outlets=self.outlets)
                if source is not None:
                    return source
        label = paragraph_label(sents[first])  # a transcript's paragraph: "Mao Ning: ..."
        if label is not None and label.start < span.start:
            return label
        # a short sentence after that only says who spoke ("That is the view of ...", "he said.")
        if final + 1 < len(sents) and not after:
            nxt = sents[final + 1]
            if len(nxt) <= 12 and not any(t.i in inside for t in nxt):
                source = find_source(nxt, self.speech_verbs, skip=inside, outlets=self.outlets)
                if source is not None:
                    return source
        if final + 1 < len(sents) and not [t for t in after if not (t.is_punct or t.is_space)]:
            # “...” That was the message from Russian President Vladimir Putin on Tuesday.
            source = _message_of(sents[final + 1])
            if source is not None:
                return source
        return None


_TELLING = frozenset({"said", "says", "told", "tells", "stated", "added", "noted", "stressed", "argued", "insisted"})


def _words_relayed(sent, span, relaying: frozenset[str], nouns: frozenset[str]) -> Source | None:
    """Whose words a source relays after a quotation: "“...,” Xinhua news agency wrote, reporting
    the minister’s words" (the minister), "..., the agency wrote, quoting Foreign Minister Wang Yi"
    (him)."""
    doc = sent.doc
    if not doc.has_annotation("DEP"):
        return None
    for t in sent:
        if t.i < span.end or t.lower_ not in relaying:
            continue
        obj = next((c for c in t.children if c.dep_ == "dobj"), None)
        if obj is None:
            return None
        if obj.lower_ in nouns:
            owner = next((c for c in obj.children if c.dep_ == "poss"), None)
            if owner is None:
                return None
            words = [w for w in owner.subtree if w.text not in ("'s", "’s", "'", "’")]
        elif obj.pos_ == "PROPN":
            words = [w for w in obj.subtree if w.i <= obj.i]
        else:
            return None
        return Source(doc[words[0].i : words[-1].i + 1].text, "said", words[0].i, words[-1].i + 1, words[-1].i)
    return None


def _credit_line(doc, text: str, e: int) -> Source | None:
    """The speaker named on a line of its own under a quotation that ends its paragraph, after a
    dash ("— Jamieson Greer, U.S. Trade Representative"): the words up to the first comma."""
    rest = text[e:]
    stripped = rest.lstrip("\"”’' .")
    if not stripped.startswith("\n"):
        return None
    line_start = e + (len(rest) - len(stripped.lstrip("\n ")))
    if line_start >= len(text) or text[line_start] not in "-—–―":
        return None
    line_end = text.find("\n", line_start)
    line_end = len(text) if line_end < 0 else line_end
    told = _CREDIT_TOLD.match(text, line_start, line_end)
    if told is not None:  # "- Zelensky wrote on social media.", "- the President emphasized."
        span = doc.char_span(told.start(1), told.end(1), alignment_mode="contract")
        if span is None or not len(span):
            return None
        return Source(span.text, told.group(2).lower(), span.start, span.end, span.end - 1)
    name_end = text.find(",", line_start, line_end)
    name_end = line_end if name_end < 0 else name_end
    span = doc.char_span(line_start + 1, name_end, alignment_mode="contract")
    if span is None or not len(span) or len(span) > 6 or not span[0].is_title:
        return None
    return Source(span.text, "said", span.start, span.end, None)


_MESSAGE_NOUNS = frozenset({"message", "words", "word", "view", "verdict", "warning", "assessment", "response",
                            "reaction", "answer", "reply", "position"})


def _message_of(sent) -> Source | None:
    """Who a short sentence after a quotation credits it to: "That was the message from Russian
    President Vladimir Putin on Tuesday." (the name after "from"/"of", up to a time or place)."""
    words = [t for t in sent if not t.is_space]
    if len(words) < 6 or words[0].lower_ not in ("that", "this", "such") or words[1].lower_ not in ("was", "is", "were", "are"):
        return None
    k = 2 + (words[2].lower_ in ("the", "a"))
    if k + 2 >= len(words) or words[k].lower_ not in _MESSAGE_NOUNS or words[k + 1].lower_ not in ("from", "of"):
        return None
    name = []
    for t in words[k + 2 :]:
        if t.is_punct or t.lower_ in ("on", "in", "at", "during", "after", "before", "when", "as", "late", "earlier"):
            break
        name.append(t)
    if not name or not any(t.pos_ == "PROPN" for t in name):
        return None
    return Source(sent.doc[name[0].i : name[-1].i + 1].text, "said", name[0].i, name[-1].i + 1, name[-1].i)


_CREDIT_VERBS = (r"said|says|wrote|writes|emphasized|emphasised|stressed|noted|added|stated|posted|"
                 r"declared|explained|told|announced")
# a line of its own under an unmarked quotation, saying who spoke: "- Zelensky wrote on Telegram."
_CREDIT_TOLD = re.compile(r"[-—–―][ \t]*((?:[Tt]he[ \t]+[a-z]+|(?:[Tt]he[ \t]+)?[A-Z][\w’'.-]*)(?:[ \t][A-Z][\w’'.-]*){0,3})"
                          r"[ \t]+(" + _CREDIT_VERBS + r")\b[^\n]{0,80}$", re.MULTILINE)
# an unmarked paragraph above such a line is the quotation (a block quote that lost its markup)
_BLOCK_CREDITED = re.compile(r"(?:\A|\n\n)([^\n“”\"«»][^\n]+)\n\n(?=[ \t]*" + _CREDIT_TOLD.pattern + ")", re.MULTILINE)


def _block_quoted(text: str) -> list[tuple[int, int]]:
    """Paragraphs that are quotations only because a credit line under them says who spoke."""
    out = []
    for m in _BLOCK_CREDITED.finditer(text):
        s, e = m.span(1)
        if len(text[s:e].split()) >= MIN_WORDS:
            out.append((s, e))
    return out


def _in_relative_clause(span, verb) -> bool:
    """Whether the quotation ``span`` hangs from ``verb`` through a relative clause ("oversaw the
    launch, which was the “test-fire ...”"): words said of something he did, not his."""
    node = span.root
    while node.i != verb.i:
        if node.dep_ == "relcl":
            return True
        if node.head.i == node.i:
            return False
        node = node.head
    return False


def _put_to(sent, span) -> bool:
    """Whether the quotation ``span`` is put to someone: "“...?” he was asked"."""
    return any(t.i >= span.end and t.lower_ in ("asked", "questioned") and any(c.dep_ == "nsubjpass" for c in t.children)
               for t in sent)


def _without_headline_echoes(quotes: list[QuoteSpan], text: str) -> list[QuoteSpan]:
    """A headline quotes a few words of a quotation the story gives whole ("China says ties are
    ‘their own matter’" over "... is their own matter," Lin said): one quotation, the story's."""
    head_end = text.find("\n\n")
    if head_end < 0:
        return quotes
    def words(q: QuoteSpan) -> str:  # headlines drop articles: "eliminate doubts between two countries"
        return " ".join(w for w in re.findall(r"\w+", q.text.lower()) if w not in ("the", "a", "an"))
    body = [words(q) for q in quotes if q.start_char > head_end]
    return [q for q in quotes if q.start_char > head_end or not any(f" {words(q)} " in f" {b} " for b in body)]


_TOLD_PRONOUNS = frozenset({"him", "her", "me", "us"})


def _relayed_to(verb) -> Source | None:
    """Who relays what he was told: "Bessent mentioned that partners have informed him that
    “...”" — the quotation is the words of the one who reports being told, the subject of the
    reporting verb above, not of those who told him."""
    told = any(c.dep_ in ("dobj", "dative") and c.lower_ in _TOLD_PRONOUNS for c in verb.children)
    if not told or verb.dep_ != "ccomp" or verb.head.i == verb.i or verb.head.pos_ not in ("VERB", "AUX"):
        return None
    outer = subject_source(verb.head)
    if outer is None or outer.start > verb.i:
        return None
    return outer


def _misparsed_subject(verb, span) -> Source | None:
    """"“...,” the Hungarian presidency of the Council of the EU 2024 announced on X": the parser
    hung the reporting verb below the phrase before it (a reduced relative clause); right after a
    quotation that phrase is who spoke."""
    doc = verb.doc
    head = verb.head
    if verb.dep_ != "acl" or head.i >= verb.i or head.pos_ not in ("NOUN", "PROPN"):
        return None
    k = span.end
    while k < head.i and (doc[k].is_punct or doc[k].is_space):
        k += 1
    subtree = {t.i for t in head.subtree}
    if k > head.i or not all(j in subtree for j in range(k, head.i)):
        return None  # the phrase must open right after the quotation (the parser may hang the marks on it)
    left = k
    text = doc[left : verb.i].text.strip()
    return Source(text, verb.lower_, left, verb.i, head.i) if text else None


def _clause_of_name(verb) -> Source | None:
    """"Dmitry Medvedev, deputy chairman of Russia's Security Council, posted on social media,
    “...”": the parser hung the verb below the name as a reduced relative clause; the name (with
    its apposition) opening the sentence is who spoke."""
    head = verb.head
    if verb.dep_ != "acl" or head.pos_ != "PROPN" or head.i >= verb.i or head.dep_ not in ("ROOT", "nsubj"):
        return None
    words = [t for t in head.subtree if t.i < verb.i]
    while words and words[-1].is_punct:
        words.pop()
    if not words or words[0].i != head.sent.start:
        return None
    doc = verb.doc
    return Source(doc[words[0].i : words[-1].i + 1].text, verb.lower_, words[0].i, words[-1].i + 1, head.i)


def _named_between(verb, span) -> Source | None:
    """"“I welcome the agreement, Ursula von der Leyen, president of the Commission, said": the
    name right after the quotation, set off by commas before the reporting verb, which the
    parser joined to the quoted words."""
    doc = verb.doc
    k = span.end
    while k < verb.i and (doc[k].is_punct or doc[k].is_space):
        k += 1
    name = k
    while k < verb.i and doc[k].pos_ == "PROPN":
        k += 1
    if k == name or k >= verb.i or doc[k].text != "," or doc[verb.i - 1].text != ",":
        return None
    if any(t.pos_ in ("VERB", "AUX") or t.is_quote for t in doc[k : verb.i]):
        return None
    return Source(doc[name:k].text, verb.lower_, name, k, k - 1)


def _inverted_subject(verb, span) -> Source | None:
    """"“...,” declared the spokesperson for Commerce": a reporting verb right after the quotation,
    its speaker after it, which the parser took for its object."""
    doc = verb.doc
    k = span.end
    while k < verb.i and (doc[k].is_punct or doc[k].is_space):
        k += 1
    if k != verb.i:
        return None
    obj = next((c for c in verb.children if c.dep_ in ("dobj", "attr") and c.i > verb.i), None)
    if obj is None and not any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children):
        # "“...,” said Foreign Minister Abbas Araghchi, Tasnim reported": the parser made the
        # name the subject of the outlet's verb; the words up to the comma are who spoke
        words = []
        for t in doc[verb.i + 1 : verb.sent.end]:
            if t.pos_ not in ("PROPN", "NOUN", "ADJ", "DET") and t.lower_ not in ("'s", "’s"):
                break
            words.append(t)
        end = verb.i + 1 + len(words)
        if words and words[-1].pos_ == "PROPN" and end < len(doc) and doc[end].text in (",", ".") and len(words) <= MAX_WORDS:
            return Source(doc[words[0].i : end].text, verb.lower_, words[0].i, end, words[-1].i)
        return None
    if obj is None or obj.pos_ not in ("NOUN", "PROPN"):
        return None
    words = [t for t in obj.subtree if not t.is_punct]
    if not words or words[0].i != verb.i + 1:
        return None
    return Source(doc[words[0].i : words[-1].i + 1].text, verb.lower_, words[0].i, words[-1].i + 1, obj.i)


def _governing_subject(span, inside: set[int], voicing: frozenset[str], speech: frozenset[str] = frozenset()) -> Source | None:
    """The subject of the nearest verb above a quotation that sits inside its sentence, when the
    parser gave that verb one outside any quotation; when that verb is itself what someone says
    (``speech``: "Ambassador Hartman said Ottawa is condemning the “dangerous ... actions”"), the
    one who says it: the words quoted are his."""
    doc = span.doc
    if not doc.has_annotation("DEP") or span.start - span.sent.start <= 1:
        return None  # a quotation that opens its sentence is a statement, not a phrase in one
    if (verb := _voiced_verb(span, voicing)) is not None:
        return subject_source(verb)
    heads = [t.head for t in span if not (span.start <= t.head.i < span.end)]
    if not heads:
        return None
    node, steps = heads[0], 0
    voiced = False  # "Trump took to social media to call for both sides to “stop where they are”"
    while steps < 6:
        if node.pos_ == "VERB" and node.dep_ in ("xcomp", "advcl") and node.lower_ in voicing:
            voiced = True
        if node.pos_ in ("VERB", "AUX") and any(c.dep_ in ("nsubj", "nsubjpass") and c.i not in inside for c in node.children):
            if node.lower_ not in voicing and not voiced:
                return None  # "troops showed “poor coordination”": the outlet's words about them
            outer = node.head if node.dep_ == "ccomp" and node.head.lower_ in speech and node.head.i < node.i else None
            if outer is not None and (said := subject_source(outer)) is not None \
                    and not any(i in inside for i in range(said.start, said.end)):
                return said
            source = subject_source(node)
            return source if source is not None and not any(i in inside for i in range(source.start, source.end)) else None
        if node.head.i == node.i:
            return None
        node, steps = node.head, steps + 1
    return None


def _voiced_verb(span, voicing: frozenset[str]):
    """The voicing verb a quotation holds as its own head, with its subject outside it: "the JCS
    “strongly condemned” the launches" (the quoted words are what the subject said it did)."""
    verb = next((t for t in span if t.pos_ == "VERB" and (t.head.i == t.i or not span.start <= t.head.i < span.end)), None)
    if verb is None or verb.lower_ not in voicing:
        return None
    subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    return verb if subject is not None and not span.start <= subject.i < span.end else None


def _named_term(span) -> bool:
    """A quoted name of a kind of thing, between an article and its noun: "signed a “comprehensive
    strategic partnership” treaty", "the “One China” policy"."""
    doc = span.doc
    lo, hi = span.start, span.end
    while lo > 0 and doc[lo - 1].is_quote:
        lo -= 1
    while hi < len(doc) and doc[hi].is_quote:
        hi += 1
    if lo == 0 or hi >= len(doc) or doc[lo - 1].lower_ not in ("a", "an", "the", "its", "their", "his", "her", "our"):
        return False
    after = doc[hi]
    words = [t for t in span if not (t.is_punct or t.is_quote)]
    # (not "held in a “constructive and respectful” atmosphere": words said of it)
    if not words or words[-1].pos_ not in ("NOUN", "PROPN") or any(t.pos_ in ("VERB", "AUX") for t in span):
        return False
    if after.is_alpha and after.is_lower and after.tag_ in ("NN", "NNS"):
        return True
    # "forming a “defence delivery agency” that reports to ministers": a body named by a new
    # name, in lower case, that the clause after it describes
    return doc[lo - 1].lower_ in ("a", "an") and after.lower_ in ("that", "which") and len(words) <= 4 and all(
        t.is_lower and t.pos_ in ("NOUN", "ADJ", "PROPN") for t in words)


_TERM_LIST = re.compile(r"[\"”’']\s*(?:,|and|or)\s*$")


def _listed_term(text: str, s: int, e: int, words: str) -> bool:
    """Whether a short quotation (five words at most, no sentence) is an item of a list of quoted
    terms: another quotation closes just before it ("about “denuclearization”, “peace and
    stability”") or opens just after it."""
    if len(words.split()) > 5 or words.rstrip()[-1:] in ".!?":
        return False
    before = text[max(0, s - 8) : s].rstrip("“\"‘' ")
    after = text[e : e + 8]
    return bool(_TERM_LIST.search(before)) or bool(re.match(r"[\"”’']?\s*(?:,|and|or)\s*[\"“‘]", after))


def _is_title(words: str) -> bool:
    """A quoted name ("Operation Joint Sword", "Killers of the Flower Moon"), not a quotation."""
    parts = [p.lstrip("‘'\"(") for p in words.split()]
    parts = [p for p in parts if p.strip("‘’'\"().,;:-–—")]
    if not parts:
        return False
    small = ("of", "the", "and", "for", "in", "a", "an", "to", "on", "between", "with", "against", "at",
             "by", "from", "into", "over", "under", "its", "their", "upon", "via", "as", "than", "or", "nor")
    if words.rstrip()[-1:] in ".!?,;:" and 3 < len(parts) <= 8:
        return False  # a sentence, however capitalised (a longer run of capitals is a title:
        # "Executive Order 14024 “Blocking Property With Respect To Specified Harmful ...”")
    return len(parts) <= 20 and all(p[:1].isupper() or p[:1].isdigit() or p.lower() in small
                                    or not any(c.isalpha() for c in p) for p in parts)  # "Fox & Friends"


def _opens_paragraph(text: str, start: int) -> bool:
    """Whether the quotation mark before ``start`` is the first character of its paragraph."""
    k = start - 1
    return k == 0 or text[max(0, k - 2) : k].endswith("\n")


@Language.factory("digest_quotes", assigns=["doc._.quotes"], default_config={"lexicon_path": None})
def make_quote_finder(nlp: Language, name: str, lexicon_path: str | None) -> QuoteFinder:
    return QuoteFinder(nlp, name, load_lexicon(lexicon_path))
