"""Who said it: the source of a sentence and the actor it is, shared by figures and quotes.

Rules, in order: "according to X"; else the subject of a reporting verb ("Ukraine's ambassador
said", "said the minister") from the dependency parse, preferring the verb that governs the
given token; without a parser, the capitalised words just before the first reporting verb.

The source phrase then resolves to an actor (``source_actor``): the actor its head word names
("foreign ministry spokeswoman Mao Ning" -> Mao Ning), else the actor attached to its head
("Ukraine's ambassador" -> Ukraine, "the Chinese side" -> China); a pronoun ("he said") is the
person named last before it; a role noun ("the spokesperson added", "the ministry said") the
last person, or the last organisation or state, named before it.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, replace

from spacy.tokens import Doc, Span, Token

from generator.analyse.spans import ActorMention

_STOP = {",", ";", ":", "(", ")", "—", "–", "that", "who", "which", "\"", "“", "”"}
MAX_WORDS = 10
PERSON_PRONOUNS = {"he", "she", "him", "her"}
BODY_PRONOUNS = {"it", "they"}
_SUBJECTS = ("nsubj", "nsubjpass")
_SPELLING = {"defence": "defense"}
_RANKS = {"senior", "top", "former", "high", "ranking", "junior", "deputy", "chief", "spokesperson", "spokesman",
          "spokeswoman", "official", "officials", "anonymous", "unnamed", "other", "second", "new"}
_ATTACHED = ("poss", "compound", "amod", "nmod", "appos", "pobj")


@dataclass(frozen=True, slots=True)
class Source:
    text: str
    verb: str | None
    start: int  # token span of the source phrase in the doc
    end: int
    head: int | None = None  # the phrase's head token ("ambassador" in "Ukraine's ambassador")


def _span_text(tokens: list[Token]) -> str:
    """The text from the first token to the last, as written (commas of an apposition kept)."""
    if not tokens:
        return ""
    doc = tokens[0].doc
    end = tokens[-1].i + 1
    written = doc[tokens[0].i : end].text
    if end < len(doc) and doc[end].text == ")" and written.count("(") > written.count(")"):
        end += 1  # "Taiwan's Ministry of National Defence (MND)": the bracket closed
    text = doc[tokens[0].i : end].text.strip().rstrip(".,;:").lstrip("”’\"' ,").strip()
    # "(MENAFN) India's Defense Minister ...": the outlet's bracketed credit before the phrase
    # is no part of who spoke
    text = re.sub(r"^[^()\s]{1,30}\)\s*", "", text)
    return text or tokens[0].text


def _subject_words(subj: Token) -> list[Token]:
    """The subject phrase without relative clauses ("X, who ..., said")."""
    drop: set[int] = set()
    for t in subj.subtree:
        if t.i != subj.i and t.dep_ in ("relcl", "acl"):
            drop.update(x.i for x in t.subtree)
        elif t.head.i == subj.i and t.dep_ == "prep" and subj.i > subj.head.i and subj.pos_ == "PROPN" \
                and t.lower_ in ("at", "in", "on", "during", "after", "before", "from"):
            # "“...,” said Fico at the press conference": where he said it, not who he is
            drop.update(x.i for x in t.subtree)
        elif t.head.i == subj.i and t.i > subj.i and (
                (t.dep_ == "npadvmod" and t.ent_type_ == "DATE")
                or (t.dep_ == "prep" and t.lower_ == "on" and any(c.ent_type_ == "DATE" for c in t.children))):
            drop.update(x.i for x in t.subtree)  # "The North Korean leader on Tuesday said": when, not who
    words = [t for t in subj.subtree if t.i not in drop and not (t.dep_ == "punct" and t.text in _STOP)]
    while len(words) > 1 and words[0].pos_ == "ADV" and words[0].i < subj.i:
        words.pop(0)  # "Afterwards Trump announced": Trump
    while words and words[-1].is_punct:
        words.pop()
    while words and words[0].is_punct and words[0].text not in ("(", "[", "'", '"', "‘", "“"):
        words.pop(0)  # "Caracas (EFE).- The Venezuelan Minister of Defense ...": no ".-"
    return words


def _hangs_from(token: Token, head: int, source: Source) -> bool:
    """Whether ``token`` hangs from the phrase's head through its modifiers, inside the phrase:
    "US officials", "the General Staff of the KPA", "a source in Ukraine's General Staff"."""
    steps = 0
    while token.i != head and steps < 6:
        if token.dep_ not in _ATTACHED and token.dep_ != "prep":
            return False
        if token.dep_ == "prep" and token.lower_ not in ("of", "in", "at", "within", "from", "for"):
            return False
        if not (source.start <= token.head.i < source.end) or token.head.i == token.i:
            return False
        token = token.head
        steps += 1
    return token.i == head


def _after_comma(verb: Token) -> Source | None:
    """The source of a closing reporting clause the parser did not give a subject: the noun
    phrase between the last comma and the verb ("..., the National Intelligence Service here
    claimed Wednesday."), when nothing but time words follows the verb."""
    doc = verb.doc
    sent = verb.sent
    framing = {t.i for c in verb.children if c.i > verb.i and c.dep_ in ("prep", "npadvmod", "advmod")
               for t in c.subtree}  # "... said in a statement published online"
    if any(t.pos_ in ("VERB", "AUX") or t.dep_ in ("dobj", "ccomp") for t in doc[verb.i + 1 : sent.end] if t.i not in framing):
        return None
    k = verb.i - 1
    while k > sent.start and doc[k].text != "," and verb.i - k <= MAX_WORDS:
        k -= 1
    if doc[k].text != ",":
        return None
    words = [t for t in doc[k + 1 : verb.i] if t.lower_ not in ("here", "also", "later", "then", "earlier")]
    if not words or any(t.pos_ in ("VERB", "AUX", "PRON") and t.lower_ not in PERSON_PRONOUNS | BODY_PRONOUNS for t in words):
        return None
    if not any(t.pos_ in ("NOUN", "PROPN") or t.lower_ in PERSON_PRONOUNS | BODY_PRONOUNS for t in words):
        return None
    # the phrase's own head, when it has one ("Teodoro Locsin Jr. of the Philippines": Locsin)
    roots = [t for t in words if not (words[0].i <= t.head.i <= words[-1].i) or t.head.i == t.i]
    head = roots[0] if len(roots) == 1 else words[-1]
    return Source(_span_text(words), verb.lower_, words[0].i, words[-1].i + 1, head.i)


def _name_before(verb: Token) -> Source | None:
    """A name between a comma and a reporting verb the parser gave no subject, in a sentence
    opened by a framing phrase: "Later, during a press conference with his Kuwaiti counterpart
    Abdullah Al-Yahya, Al-Shaibani said ..." (the parser hung the name on the counterpart's)."""
    doc = verb.doc
    if verb.dep_ != "ROOT":
        return None
    k = verb.i - 1
    while k > verb.sent.start and verb.i - k <= 5 and (doc[k].text == "-" or doc[k].pos_ == "PROPN" and doc[k].is_title):
        k -= 1
    if k == verb.i - 1 or doc[k].text != "," or doc[k + 1].text == "-":
        return None
    return Source(doc[k + 1 : verb.i].text, verb.lower_, k + 1, verb.i, verb.i - 1)


def quoted_passive(verb: Token) -> tuple[int, int] | None:
    """The name before "was quoted as saying" when the parser gave the verb no subject
    ("“...,” Anatolii Barhylevych, the chief of the General Staff, was quoted as saying"): the
    run of proper nouns that follows the quotation, as token positions."""
    doc = verb.doc
    if verb.lower_ != "quoted" or not any(c.dep_ == "auxpass" for c in verb.children) or not any(
            c.lower_ == "as" for c in verb.children):
        return None
    sent = verb.sent
    k = verb.i - 1
    while k > sent.start and doc[k].text not in ('"', "”", "“") and verb.i - k <= 30:
        k -= 1
    if doc[k].text not in ('"', "”", "“"):
        return None
    start = k + 1
    end = start
    while end < verb.i and doc[end].pos_ == "PROPN" and (doc[end].is_title or doc[end].text == "-"):
        end += 1
    if end - start < 2 or end - start > 4 or doc[end].text not in (",", "was", "were"):
        return None
    return start, end


_MESSAGES = frozenset({"message", "messages", "letter", "note", "text", "post", "email", "statement", "telegram",
                       "cable", "memo"})


def _message_sender(verb: Token) -> Source | None:
    """Who sent the message a gerund right after it quotes: "a private message from Rutte saying:",
    "a letter from Kim Yo Jong reading" (the parser hangs "saying" from the main verb)."""
    if verb.tag_ != "VBG" or verb.i == 0:
        return None
    sender = verb.doc[verb.i - 1]
    if sender.dep_ != "pobj" or sender.head.lower_ != "from" or sender.head.head.lower_ not in _MESSAGES:
        return None
    words = [t for t in sender.subtree if not t.is_punct]
    if not words or sender.pos_ not in ("PROPN", "NOUN", "PRON"):
        return None
    return Source(_span_text(words), verb.lower_, words[0].i, words[-1].i + 1, sender.i)


def tag_at_end(verb: Token) -> bool:
    """A reporting word ending its sentence after a comma and the phrase before it: "..., the
    ministry's update reports."."""
    doc = verb.doc
    if verb.i + 1 < len(doc) and not (doc[verb.i + 1].is_punct and doc[verb.i + 1].text in (".", "!")):
        return False
    first = min(t.i for t in verb.subtree)
    return first > verb.sent.start and doc[first - 1].text == ","


def _with_noun(verb: Token) -> Token | None:
    """The noun of an absolute "with" clause that a gerund right after it has for its subject:
    "fears grew, with Kaja Kallas, the EU's top diplomat, posting on X: ..." (the parser hangs
    "posting" from the main verb and "Kallas" from "with")."""
    if verb.tag_ != "VBG":
        return None
    doc = verb.doc
    for w in reversed(doc[max(verb.sent.start, verb.i - 30) : verb.i]):
        if w.lower_ != "with":
            continue
        noun = next((c for c in w.children if c.dep_ == "pobj"), None)
        if noun is None:
            return None
        end = max(t.i for t in noun.subtree)
        if end < verb.i and all(t.text == "," for t in doc[end + 1 : verb.i]) and noun.pos_ in ("PROPN", "NOUN"):
            return noun
        return None
    return None


def subject_source(verb: Token) -> Source | None:
    """The subject of a reporting verb as a source phrase, or None.

    A verb without a subject of its own takes its governing verb's ("Biden opened the summit by
    announcing that...", "officials met and said..."). A dateline the parser took into the
    subject ("SEOUL (Yonhap) - The ministry") is left out.
    """
    if verb.lower_ in ("quoted", "quotes", "quoting", "cited", "cites", "citing"):
        # "the readout quoted Iwaya as saying", "KCNA quoted Kim as telling ...": the one quoted
        obj = next((c for c in verb.children if c.dep_ in ("dobj", "nsubjpass")), None)
        saying = any(c.lower_ == "as" and any(g.lower_ in ("saying", "telling", "stating", "writing") for g in c.children)
                     for c in verb.children)
        # "“...,” TASS quoted the press service of the Security Council": right after a quotation
        after_quote = any(t.text in ('"', "”", "’", "'") for t in verb.doc[max(0, verb.i - 3) : verb.i])
        # "Yonhap cited military officials who have detected signs that ...": the ones cited, whom
        # a clause of their own makes the knowers
        knowing = obj is not None and any(c.dep_ == "relcl" and any(
            s.dep_ == "nsubj" and s.lower_ in ("who", "that") for s in c.children) for c in obj.children)
        if obj is not None and (saying or after_quote or knowing) and obj.i > verb.i:
            words = _subject_words(obj)
            if words:
                return Source(_span_text(words), verb.lower_, words[0].i, words[-1].i + 1, obj.i)
    if verb.lower_ in ("saying", "telling", "stating", "writing") and verb.dep_ == "pcomp" and verb.head.lower_ == "as" \
            and verb.head.head.lower_ in ("quoted", "quotes", "quoting", "cited", "cites", "citing"):
        # "It cites Kim as saying that ...": the one cited says it, not the one who cites him
        cited = subject_source(verb.head.head)
        if cited is not None:
            return cited
    for c in verb.children:
        # "DPRK media reported Kim to have said": the one reported to have said it
        if c.dep_ in ("ccomp", "xcomp") and c.lower_ in ("said", "stated", "told", "declared", "warned", "added") \
                and c.i > verb.i and any(a.lower_ == "to" for a in c.children if a.dep_ == "aux") \
                and any(a.dep_ == "nsubj" and a.pos_ == "PROPN" for a in c.children):
            inner = subject_source(c)
            if inner is not None:
                return inner
    subj = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
    if verb.lower_ in ("asked", "told", "questioned", "pressed") and any(c.dep_ == "nsubjpass" for c in subj):
        return None  # "“...?” he was asked": the words put to him, not his
    if verb.lower_ in _SAID_BY_NO_ONE and any(c.dep_ == "auxpass" for c in verb.children) and any(
            c.dep_ == "xcomp" for c in verb.children) and not any(c.dep_ == "agent" for c in verb.children):
        # "North Korea is said to have launched three missiles": said of it, by no one named;
        # "the mercury is forecast to hit 30C": what is forecast, not who forecasts it
        return None
    if subj and all(c.dep_ == "nsubjpass" for c in subj) and any(c.dep_ == "auxpass" for c in verb.children) \
            and not any(c.dep_ == "agent" for c in verb.children) \
            and verb.lower_ not in ("quoted", "cited", "reported", "said", "believed", "thought", "understood") \
            and any(c.dep_ == "prep" and c.lower_ == "as" for c in verb.children):
        return None  # "the plan has been revealed as delivering ...": what is told of, not who tells it
    if subj and all(c.dep_ == "nsubjpass" for c in subj) and verb.lower_ == "reported" \
            and any(c.dep_ == "auxpass" for c in verb.children) and not any(c.dep_ == "agent" for c in verb.children) \
            and not any(c.dep_ in ("xcomp", "ccomp") for c in verb.children):
        return None  # "no injuries were reported": what is reported, by no one named
    if subj and all(c.dep_ == "nsubjpass" for c in subj) and any(c.dep_ == "auxpass" for c in verb.children) \
            and not any(c.dep_ == "agent" for c in verb.children) and verb.lower_ not in ("quoted", "cited") \
            and not any(c.dep_ in ("ccomp", "xcomp") for c in verb.children) and not any(c.lower_ == "it" for c in subj):
        # "Famine has been declared in five areas", "gusts of up to 198 km per hour are forecast":
        # the subject is what is declared, by no one named
        return None
    if not subj and verb.dep_ == "acl":
        owner = _owner_of(verb.head)  # "the White House's statement claiming ...": the White House
        if owner is not None:
            return Source(owner.text, verb.lower_, owner.start, owner.end, owner.end - 1)
    if not subj and verb.pos_ == "NOUN" and verb.lower_.endswith("s") and (
            any(c.dep_ == "ccomp" for c in verb.children) or tag_at_end(verb)):
        # "British intelligence estimates Russia has likely suffered ...", "..., the UK Ministry
        # of Defence intelligence update reports.": the parser took the verb for a noun with its
        # subject as modifiers
        words = [c for c in verb.children if c.dep_ in ("compound", "amod", "det", "poss", "nmod") and c.i < verb.i]
        if words:
            first = min(t.i for w in words for t in w.subtree)
            # no head: the parse of the phrase is as wrong as the verb's, its names decide
            return Source(verb.doc[first : verb.i].text, verb.lower_, first, verb.i, None)
    if not subj:
        named = quoted_passive(verb)
        if named is not None:
            doc = verb.doc
            return Source(doc[named[0] : named[1]].text, verb.lower_, named[0], named[1], named[1] - 1)
        tail = _after_comma(verb) or _name_before(verb)
        if tail is not None:
            return tail
    if not subj and verb.i > 0 and verb.doc[verb.i - 1].text == "," and verb.lower_ in _REPORTING:
        # "North Korea has sent over 13,000 containers to Russia, reported the Yonhap News TV
        # portal on Wednesday": the inverted credit, its subject parsed as an object
        obj = next((c for c in verb.children if c.dep_ == "dobj" and c.i > verb.i), None)
        if obj is not None:
            words = [t for t in obj.subtree if t.i <= obj.i and t.dep_ != "det"]
            if words and words[0].i <= verb.i + 2 and any(t.pos_ == "PROPN" and t.is_title for t in words):
                return Source(_span_text(words), verb.lower_, words[0].i, words[-1].i + 1, obj.i)
    if not subj and verb.dep_ == "conj" and verb.i > 1:
        # "North Korea deployed 12,000 soldiers in Kursk, ..., a senior Ukrainian official familiar
        # with the intelligence told the Kyiv Independent": the parser took the speaker for an
        # apposition of the noun before it
        doc = verb.doc
        appos = next((t for t in doc[max(verb.sent.start, verb.i - 12) : verb.i] if t.dep_ == "appos"
                      and max(x.i for x in t.subtree) == verb.i - 1), None)
        if appos is not None:
            first = min(x.i for x in appos.subtree)
            if first > 0 and doc[first - 1].text == "," and appos.pos_ in ("NOUN", "PROPN"):
                return Source(doc[first : verb.i].text, verb.lower_, first, verb.i, appos.i)
    if not subj:
        sender = _message_sender(verb)
        if sender is not None:  # "a private message from Rutte saying: “...”": Rutte
            return sender
    if not subj:
        noun = _with_noun(verb)
        if noun is not None:  # "..., with Kaja Kallas, the EU's top diplomat, posting: “...”": Kallas
            words = [t for t in _subject_words(noun) if t.i <= noun.i or not any(
                x.text == "," for x in verb.doc[noun.i : t.i + 1])]  # the name without its apposition
            if words:
                return Source(_span_text(words), verb.lower_, words[0].i, words[-1].i + 1, noun.i)
    if not subj and verb.dep_ in ("advcl", "conj", "xcomp", "pcomp") and verb.head.i != verb.i:
        head = verb.head if verb.dep_ != "pcomp" else verb.head.head
        before = verb.i - 1
        while before > 0 and verb.doc[before].is_quote:
            before -= 1  # '..., “we have agreed to meet,” adding, “...”': the comma inside the marks
        if verb.tag_ == "VBG" and verb.dep_ == "advcl" and verb.i > 0 and (
                verb.doc[before].text == "," or verb.doc[verb.i - 1].lower_ in ("while", "when", "before", "after")):
            # "Rutte confirmed that troops had been deployed in Kursk, saying ...", "... said China
            # was unstoppable while warning that ...": the parser hung "saying" from the reported
            # clause; its speaker is who reported it
            while head.head.i != head.i and head.head.i < head.i and (head.dep_ == "ccomp" or (
                    head.dep_ in ("oprd", "acomp") and not any(c.dep_ in ("nsubj", "nsubjpass") for c in head.children))):
                head = head.head  # (through an adjective: "Rutte appeared unconcerned that ..., telling reporters")
        elif verb.dep_ == "conj" and head.dep_ == "ccomp" and head.lower_ not in _REPORTING | _ESTIMATING and \
                head.head.lower_ in _REPORTING and head.head.i < head.i:
            # "he said 11,000 soldiers were in Kursk, and accused Kyiv's partners of ...": the
            # parser joined the second reporting verb to the reported clause; it is the reporter's
            head = head.head
        subj = [c for c in head.children if c.dep_ in ("nsubj", "nsubjpass")]
        if subj and subj[0].lower_ in ("which", "who", "that") and head.dep_ == "relcl":
            verb = head  # "Mr Trump, who has criticised ... and has said he could ...": Mr Trump
    agent = next((c for c in verb.children if c.dep_ == "agent"), None)
    if agent is not None and verb.lower_ in _REPORTING | _ISSUING and (not subj or subj[0].dep_ == "nsubjpass"):
        # "This was said by the sister of the leader, Kim Yo Jong": who said it is the agent
        # a name, or a noun of someone who speaks: not "confirmed by Navalny's death"
        obj = next((c for c in agent.children if c.dep_ == "pobj" and (c.pos_ == "PROPN" or c.lower_ in _AGENT_NOUNS)), None)
        if obj is not None:
            words = _subject_words(obj)
            if words:
                return Source(_span_text(words), verb.lower_, words[0].i, words[-1].i + 1, obj.i)
    if not subj and verb.i + 1 < len(verb.doc) and verb.doc[verb.i + 1].is_title and verb.i > verb.sent.start \
            and verb.doc[verb.i - 1].text in ("”", '"', ",", "’"):
        # "“...,” said Under Secretary of the Treasury for Terrorism and Financial Intelligence
        # Brian E. Nelson.": the parser read the title as a phrase; the name that ends it speaks
        doc = verb.doc
        end = verb.i + 1
        while end < verb.sent.end and not doc[end].is_punct:
            end += 1
        if end - verb.i <= 16 and doc[end - 1].ent_type_ == "PERSON":
            start = end - 1
            while start > verb.i + 1 and doc[start - 1].ent_type_ == "PERSON" and doc[start - 1].ent_iob_ != "O" \
                    and doc[start].ent_iob_ == "I":
                start -= 1
            return Source(doc[start:end].text, verb.lower_, start, end, end - 1)
    if not subj:
        return None
    if len(subj) > 1:
        # "Zelenskyy, after the meeting said": a phrase after a preposition is no subject, whatever
        # the parser made of it
        doc = verb.doc
        kept = [c for c in subj if not (min(t.i for t in c.subtree) > 0 and doc[min(t.i for t in c.subtree) - 1].lower_
                                        in ("after", "before", "following", "during", "at", "in"))]
        subj = kept or subj
    if len(subj) > 1:  # "LONDON (Agency) - ..., Blinken said": the subject nearest the verb
        subj = sorted(subj, key=lambda c: abs(verb.i - c.i))
    # "In a meeting with his counterpart, Rustem Umerov, Defense Secretary Lloyd Austin said": the
    # parser made the name just before the verb an apposition of the one before it
    named = [c for c in subj[0].children if c.dep_ == "appos" and c.pos_ == "PROPN" and c.i == verb.i - 1
             and subj[0].i < c.i and subj[0].pos_ == "PROPN"]
    if named:
        subj = named
    filed = _after_dateline(subj[0], verb)
    if filed is not None:  # "Taipei, March 3 -- Taiwan's Ministry of ... said": not Taipei
        return filed
    if subj[0].lower_ == "it" and (
        any(c.dep_ in ("auxpass", "acomp", "attr", "expl") for c in verb.children) or verb.lower_ in ("is", "was", "are", "were", "be", "been", "being")
        or any(c.dep_ == "expl" for c in subj[0].children)
    ):
        # "It is reported that...", "It is important to note that...": nobody, unless a phrase
        # names whose words they are ("In an update from the General Staff, it was reported that")
        return _given_in(verb)
    colon = subj[0].i + 1
    if colon < verb.i and subj[0].doc[colon].text == ":":  # "Reuters: US President Donald Trump said"
        words = [t for t in subj[0].doc[colon + 1 : verb.i] if not (t.dep_ == "punct" and t.text in _STOP)]
        if words:
            return Source(_span_text(words), verb.lower_, words[0].i, words[-1].i + 1, words[-1].i)
    if subj[0].lower_ in ("which", "who", "that") and verb.dep_ == "relcl":
        given = giver_of(verb.head)
        if given is not None:  # "Xi said in a speech that warned ...": Xi's speech
            return given
        subj = [verb.head]  # "the spy agency, which estimated ...": the agency
        words = [t for t in subj[0].subtree if t.i < verb.i and not (t.dep_ == "punct" and t.text in _STOP)]
        while words and (words[-1].is_punct or words[-1].lower_ in ("which", "who", "that")):
            words.pop()
    else:
        words = _subject_words(subj[0])
    # a dateline (capitals, then a dash) or a speaker's label ("Reuters:"); the subject's words may
    # leave the punctuation out ("SEOUL, South Korea (AP) — South Korea's spy agency believes")
    between = list(words[0].doc[words[0].i : words[-1].i + 1]) if words else []
    for k, t in enumerate(between):
        # (a hyphen inside a name is none: "NIS director Cho Tae-yong told")
        dash = t.text in ("-", "—", "–", "--") and not (t.i > 0 and not t.doc[t.i - 1].whitespace_ and not t.whitespace_
                                                        and t.doc[t.i - 1].is_alpha and not t.doc[t.i - 1].is_upper)
        if (dash and k < 10 and (words[0].is_upper and len(words[0].text) > 2 or _filed_on(words))) or (
            dash and 0 < k < 12 and t.i > 0 and t.doc[t.i - 1].text == ")"  # "Pyongyang, November 16 (KCNA) --"
        ) or (t.text == ":" and k < 5):
            words = [w for w in words if w.i > t.i]
            break
    if len(words) > MAX_WORDS:
        # "The Pentagon estimates there are 10,000 forces in Kursk, and Maj. Gen. Pat Ryder, the
        # Pentagon's press secretary, said": the parser joined the name to the clause before; the
        # name joined last is who said it
        named = [c for c in subj[0].children if c.dep_ == "conj" and c.pos_ == "PROPN" and c.i < verb.i]
        if named:
            words = _subject_words(named[-1])
    if len(words) > MAX_WORDS and subj[0].pos_ == "NOUN":
        # "Spokesperson for the Taiwan Affairs Office of the State Council, Chen Binhua, said": a
        # long title, then the name set beside it
        named = next((c for c in subj[0].children if c.dep_ == "appos" and c.pos_ == "PROPN" and c.ent_type_ == "PERSON"
                      and c.i > subj[0].i), None)
        if named is not None:
            words = [t for t in named.subtree if not t.is_punct]
    if len(words) > MAX_WORDS:  # keep the head and what comes before it: "Kim Yo Jong, the ... sister of ..."
        at = next((k for k, t in enumerate(words) if t.i == subj[0].i), 0 if subj[0].i < words[0].i else len(words) - 1)
        comma = next((k for k in range(at + 1, len(words)) if words[k].doc[words[k].i - 1].text == ","), None)
        if comma is not None and comma <= MAX_WORDS:
            words = words[:comma]  # the name without its apposition: "Kim Yo Jong"
        else:
            first = max(0, min(at - 3, len(words) - MAX_WORDS))
            words = words[first : first + MAX_WORDS]
    if not words:
        return None
    head = subj[0] if words[0].i <= subj[0].i <= words[-1].i else words[-1]
    return Source(_span_text(words), verb.lower_, words[0].i, words[-1].i + 1, head.i)


def asks(sent: Span) -> bool:
    """Whether ``sent`` is in a paragraph that ends with a question ("AFP: ... Marcos said ...
    Do you think ...?"): a reporter's question in a briefing's transcript."""
    text = sent.doc.text
    end = text.find("\n\n", sent.end_char)
    return text[sent.end_char : end if end >= 0 else len(text)].rstrip().endswith("?") or (
        end < 0 and sent.text.rstrip().endswith("?") and text[sent.end_char :].strip() == "")


MONTHS = frozenset({"jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"})  # as datelines abbreviate them


def _filed_on(words: list[Token]) -> bool:
    """Whether ``words`` open with a title-case dateline: "Taipei, Feb. 6 --"."""
    if not words or not words[0].is_title:
        return False
    doc, i = words[0].doc, words[0].i
    return i + 2 < len(doc) and doc[i + 1].text == "," and doc[i + 2].lower_[:3] in MONTHS


_UTTERANCES = frozenset({"statement", "statements", "remark", "remarks", "comment", "comments", "words", "claim",
                         "claims", "warning", "warnings", "pledge", "promise", "assertion", "description",
                         "call", "vow", "threat", "announcement", "message", "post", "tweet", "letter",
                         "speech", "speeches", "address", "interview", "op-ed", "position", "stance",
                         "view", "argument", "insistence", "demand"})
# verbs whose subject gives the statement that is their object ("issued a warning that ...")
_GIVING = frozenset({"issue", "issued", "issues", "issuing", "make", "made", "makes", "making", "deliver",
                     "delivered", "delivers", "give", "gave", "given", "gives", "post", "posted", "posts",
                     "publish", "published", "release", "released", "releases", "send", "sent", "sends",
                     "repeat", "repeated", "repeats", "renew", "renewed", "reiterate", "reiterated",
                     "voice", "voiced", "voices", "express", "expressed", "expresses", "sound", "sounded",
                     "offer", "offered", "put", "puts"})


_WHEN = frozenset({"today", "yesterday", "tomorrow", "tonight", "monday", "tuesday", "wednesday", "thursday",
                   "friday", "saturday", "sunday", "week", "weekend", "year", "month", "day", "morning", "evening"})


def _owner_of(noun: Token) -> Span | None:
    """Whose statement ``noun`` is, when a possessive says so ("Karoline Leavitt's remark",
    "the White House's statement"): the possessor's words, without its "'s"."""
    if noun.lower_ not in _UTTERANCES:
        return None
    poss = next((c for c in noun.children if c.dep_ == "poss"), None)
    if poss is None or poss.pos_ not in ("PROPN", "NOUN"):
        return None
    if poss.ent_type_ in ("DATE", "TIME") or poss.lower_ in _WHEN:
        return None  # "today's phone call", "Monday's statement": when it was, not whose
    words = [t for t in poss.subtree if t.dep_ != "case" and t.text not in ("'s", "’s", "'", "’")]
    if not words:
        return None
    return poss.doc[words[0].i : words[-1].i + 1]


def giver_of(noun: Token) -> Source | None:
    """Who gave the statement ``noun`` names: its possessor ("Karoline Leavitt's remark, which
    ..."), or the subject of the verb it is the setting of ("Xi said in a speech that warned ...",
    "the ministry wrote in a statement that ...")."""
    owner = _owner_of(noun)
    if owner is not None:
        return Source(owner.text, "said", owner.start, owner.end, owner.end - 1)
    if noun.lower_ not in _UTTERANCES or noun.pos_ != "NOUN":
        return None
    if noun.dep_ == "dobj" and noun.head.lower_ in _GIVING:
        # "Netanyahu issued a stern warning that ...", "Kim made a statement saying ..."; not
        # "China rejected the claims that ...", which are someone else's
        verb = noun.head
    elif noun.dep_ == "pobj" and noun.head.dep_ == "prep":
        verb = noun.head.head
    else:
        return None
    if verb.pos_ not in ("VERB", "AUX") or not any(c.dep_ == "nsubj" for c in verb.children):
        return None
    return subject_source(verb)


_RELEASES = _UTTERANCES | {"update", "updates", "report", "reports", "briefing", "briefings", "bulletin", "readout", "release",
                           "summary"}


def _release_giver(noun: Token) -> Source | None:
    """Who gave an update or statement, when a phrase after it says ("an update from the General
    Staff", "a statement by the ministry")."""
    for by in (c for c in noun.children if c.dep_ == "prep" and c.lower_ in ("from", "by")):
        obj = next((c for c in by.children if c.dep_ == "pobj"), None)
        if obj is not None and obj.pos_ in ("PROPN", "NOUN"):
            words = _subject_words(obj)
            if words:
                return Source(_span_text(words), "said", words[0].i, words[-1].i + 1, obj.i)
    return None


def _given_in(verb: Token) -> Source | None:
    """Who gave the update or statement an impersonal reporting verb is set in: "In a recent
    update from the General Staff of ..., it was reported that ..." -> the General Staff."""
    for prep in (c for c in verb.children if c.dep_ == "prep" and c.lower_ in ("in", "through", "via")):
        noun = next((c for c in prep.children if c.dep_ == "pobj" and c.lower_ in _RELEASES), None)
        if noun is None:
            continue
        given = _release_giver(noun)
        if given is not None:
            return replace(given, verb=verb.lower_)
        owner = _owner_of(noun)  # "in the ministry's statement"
        if owner is not None:
            return Source(owner.text, verb.lower_, owner.start, owner.end, owner.end - 1)
    return None


def utterance_owner(before: list[Token]) -> Source | None:
    """The speaker of a quotation that follows "X's remark that" / "X's statement:" directly."""
    k = len(before) - 1
    while k >= 0 and (before[k].is_space or before[k].text in (",", ":", "that") or before[k].is_quote):
        k -= 1
    if k < 0:
        return None
    owner = _owner_of(before[k])
    if owner is None or _in_reply(before[k]):
        return None
    return Source(owner.text, "said", owner.start, owner.end, owner.end - 1)


def _in_reply(noun: Token) -> bool:
    """Whether an utterance is what another speaker answered: "Xue said in a post, in response to
    Takaichi's remark, that “...”" (the remark hangs, through prepositions, from an earlier verb
    that has a subject of its own)."""
    t = noun
    while t.dep_ == "pobj" and t.head.dep_ == "prep" and t.head.head.i != t.head.i:
        t = t.head.head
        if t.pos_ in ("VERB", "AUX"):
            # a verb after the quotation ("In response to X's remark that “...”, Lin reiterated
            # ...") leaves the remark its owner's
            return t.i < noun.i and any(c.dep_ == "nsubj" for c in t.children)
    return False


def _after_dateline(subj: Token, verb: Token) -> Source | None:
    """The source after a title-case dateline that the parser took for the subject ("Taipei,
    March 3 -- Taiwan's Ministry of National Defense (MND) on Monday said")."""
    doc = subj.doc
    if not _filed_on([subj]) or not (subj.i == 0 or "\n" in doc[subj.i - 1].text):
        return None
    dash = next((t.i for t in doc[subj.i + 1 : min(verb.i, subj.i + 8)] if t.text in ("-", "--", "—", "–")), None)
    if dash is None:
        return None
    words = []
    for t in doc[dash + 1 : verb.i]:
        if t.ent_type_ == "DATE" or (t.pos_ == "ADP" and t.i > dash + 1 and t.lower_ != "of") or t.text == ",":
            break  # "on Monday", "in a statement", ", vice department director"
        words.append(t)
    while words and words[-1].is_punct and words[-1].text != ")":
        words.pop()
    if not words:
        return None
    inside = {t.i for t in words}
    roots = [t for t in words if not t.is_punct and (t.head.i not in inside or t.head.i == t.i)]
    head = roots[-1] if roots else words[-1]
    return Source(_span_text(words), verb.lower_, words[0].i, words[-1].i + 1, head.i)


def paragraph_label(sent: Span) -> Source | None:
    """The speaker's label that opens a transcript's paragraph ("Lin Jian: Foreign trade has..."),
    for the sentences of that paragraph that name no source of their own; in a transcript, the
    paragraphs after it that open with no label of their own are the same speaker's."""
    text = sent.doc.text
    para = text.rfind("\n\n", 0, sent.start_char) + 1
    para = para + 1 if para else 0
    found = _label_at(sent.doc, para)
    if found is not None or para == 0:
        return found
    for _ in range(8):  # "DEPUTY PRESS SECRETARY SABRINA SINGH: ...\n\n... We believe ...": hers
        end = para - 2
        para = text.rfind("\n\n", 0, end) + 1
        para = para + 1 if para else 0
        block = text[para:end]
        if block.rstrip().endswith("?"):
            return None  # a question in between: the answer that follows is another's
        colon = text.find(":", para, para + 45)
        if colon >= 0 and "\n" not in text[para:colon]:
            found = _label_at(sent.doc, para)
            if found is None or not _transcript_label(text[para:colon], text):
                return None
            return found
        if para == 0:
            return None
    return None


def _transcript_label(label: str, text: str) -> bool:
    """Whether a paragraph's label is a transcript's speaker ("MS. SINGH", "Mao Ning"): written in
    capitals, or one of several labelled paragraphs."""
    label = label.strip()
    if label.isupper() and len(label) > 3:
        return True
    labelled = re.findall(r"(?:^|\n\n)[A-Z][\w.'’ -]{1,40}:([^\n]*)", text)
    # several labelled paragraphs, or a labelled question and its labelled answer ("CCTV: ...?
    # \n\nMao Ning: ..."): a transcript however short the excerpt
    return len(labelled) >= 3 or (len(labelled) == 2 and labelled[0].rstrip().endswith("?"))


def _label_at(doc: Doc, para: int) -> Source | None:
    """The speaker's label of the paragraph starting at character ``para``, if any."""
    text = doc.text
    if text.startswith(("A)", "Q)"), para) and text[para + 2 : para + 3] == " ":
        # "Q) ... A) ...": a briefing transcript written with brackets (South Korea's ministries)
        return _answerer(doc, para) if text[para] == "A" else None
    colon = text.find(":", para, para + 45)
    if colon < 0 or "\n" in text[para:colon]:
        return None
    end = text.find("\n", colon)
    if len(text[colon + 1 : end if end >= 0 else len(text)].split()) < 4:
        return None  # "BYD: 17.4%;": an item of a list, not a speaker's paragraph
    label = doc.char_span(para, colon, alignment_mode="contract")
    if label is not None and len(label) > 2 and label[0].lower_ in ("quote", "quotes") and label[1].lower_ in ("from", "by", "of"):
        # "Quote from Peskov: “...”" (a Ukrainian outlet's way): the name after the label's word
        return Source(label[2:].text, "said", label.start + 2, label.end, label.end - 1)
    if label is None or not len(label) or label.start in doc.user_data.get("digest_no_speaker_labels", ()):
        return None  # "RIO DE JANEIRO: The first time ...": a dateline; "VIDEO: ...": the page's own
    if len(label) > 5 or not all(t.text[:1].isupper() or t.text in ".-'" or (  # "Joint Chiefs of Staff:", "Russian MoD:"
            t.lower_ in ("of", "and", "for") and label.start < t.i < label.end - 1) for t in label):
        # "Burnley manager Sean Dyche: “...”": a role, then a name the model knows for a person
        if not (len(label) <= 7 and label[-1].ent_type_ == "PERSON" and label[-2].ent_type_ == "PERSON"
                and text[colon + 1 : colon + 4].lstrip()[:1] in "\"“'‘"):
            return None
        start = label[-1].i
        while start > label.start and doc[start - 1].ent_type_ == "PERSON":
            start -= 1
        return Source(doc[start : label.end].text, "said", start, label.end, label.end - 1)
    if label.text.strip() == "Q":
        return None
    if label.text.strip() == "A":  # a briefing's answers are the spokesperson's
        return _answerer(doc, para)
    return Source(label.text.strip(), "said", label.start, label.end, label.end - 1)


_DATA = frozenset({"data", "figures", "statistics", "numbers", "estimates", "tallies", "count"})
# what a figure is "based on" when someone's count gives it ("based on Ukrainian assessments")
_ASSESSMENTS = _DATA | {"assessments", "assessment", "estimate", "reports", "report", "intelligence", "information",
                        "tally", "calculations", "figure", "findings", "finding"}
_MEDIA = frozenset({"media", "press", "newspaper", "newspapers", "broadcaster", "broadcasters", "tabloid"})
_ANSWERER = re.compile(r"[Ss]pokes(?:person|man|woman)[ \t]+((?:[A-Z][\w-]+[ \t]+){0,2}[A-Z][\w-]+?)(?:['’]s\b|\b)")


def _answerer(doc: Doc, before: int) -> Source | None:
    """Who answers the "A:" paragraphs of a briefing's transcript: the spokesperson its title
    names ("Foreign Ministry Spokesperson Hua Chunying's Regular Press Conference"), else the
    last speaker's label that is not "Q" ("Hua Chunying: ...")."""
    found = _ANSWERER.search(doc.text, 0, min(before, 600))
    if found is not None:
        span = doc.char_span(found.start(1), found.end(1), alignment_mode="contract")
        if span is not None and len(span):
            return Source(span.text, "said", span.start, span.end, span.end - 1)
    for m in reversed(list(re.finditer(r"(?:^|\n\n)([A-Z][\w.'’ -]{1,40}):", doc.text[:before]))):
        if m.group(1).strip() in ("Q", "A"):
            continue
        span = doc.char_span(m.start(1), m.end(1), alignment_mode="contract")
        if span is not None and len(span) <= 5:
            return Source(span.text, "said", span.start, span.end, span.end - 1)
    return None


# what a source cited by name-less words is ("citing unnamed sources", "citing intelligence reports")
_CITED_NOUNS = frozenset({"sources", "source", "officials", "official", "diplomats", "diplomat", "reports", "report",
                          "data", "intelligence", "statement", "statements", "figures", "estimates", "estimate",
                          "analysts", "people", "documents", "document", "assessment", "assessments", "agency",
                          "ministry", "government", "authorities", "spokesperson", "spokesman", "spokeswoman",
                          "lawmakers", "lawmaker", "military", "media", "survey", "poll", "study", "records"})


def _named_citer(sent: Span, cited: Source, speech_verbs: set[str], skip: set[int]) -> Source | None:
    """"Citing US intelligence, Secretary of State Antony Blinken said ...": the person who cites a
    body only by its state's name is the source (an outlet citing one relays it; a named body or
    person cited stays the source)."""
    doc = sent.doc
    mentions = doc._.actor_mentions or []
    inside = [m for m in mentions if cited.start <= m.start < cited.end]
    if any(m.type in ("person", "organisation") for m in inside):
        return None
    for verb in sent:
        if verb.lower_ in speech_verbs and verb.i not in skip and verb.pos_ in ("VERB", "AUX"):
            told = subject_source(verb)
            if told is not None and any(m.type == "person" and told.start <= m.start < told.end for m in mentions):
                return told
    return None


def _could_speak(words: Span) -> bool:
    """Whether a phrase after "citing" names a source: a name, or a noun that is one, before any
    preposition ("citing the Ministry of Defence", "citing officials in Seoul"; not "citing the
    potential impact on U.S. military readiness", a reason)."""
    head = next((k for k, t in enumerate(words) if t.pos_ == "ADP" and k > 0), len(words))
    return any((t.text[:1].isupper() and t.is_alpha) or t.lower_ in _CITED_NOUNS for t in words[:head])


def _phrase_after(sent: Span, k: int, verb: str) -> Source | None:
    """The source named from the ``k``-th token of ``sent`` on ("according to X", "citing X")."""
    words: list[Token] = []
    for t in sent[k:]:
        if t.text in _STOP or len(words) >= MAX_WORDS or t.pos_ == "VERB":
            break
        words.append(t)
    if not words:
        return None
    heads = [t for t in words if t.head.i < words[0].i or t.head.i > words[-1].i]
    return Source(_span_text(words), verb, words[0].i, words[-1].i + 1, heads[0].i if heads else words[-1].i)


def briefed_by(sent: Span) -> Source | None:
    """Who briefed the unnamed speakers of ``sent``: "lawmakers said after a briefing by the
    National Intelligence Service", "officials briefed by the agency said"."""
    lowers = [t.lower_ for t in sent]
    for k in range(len(lowers) - 1):
        if lowers[k] in ("briefing", "briefed", "briefings") and lowers[k + 1] in ("by", "from"):
            return _phrase_after(sent, k + 2, "briefed by")
    return None


def stated_after(sent: Span, verbs: set[str]) -> Source | None:
    """The source named by a sentence just after (at most two on) when it only says who said
    this: "This was stated by Pentagon spokesman Pat Ryder at a briefing", "This was reported
    by ..."."""
    doc = sent.doc
    end = sent.end
    for _ in range(2):
        if end >= len(doc):
            return None
        nxt = doc[end].sent
        words = [t.lower_ for t in nxt if not t.is_space][:3]
        if len(words) == 3 and words[0] in ("this", "that", "these") and words[1] in ("was", "were", "is", "has"):
            verb = next((t for t in nxt[:6] if t.lower_ in verbs), None)
            by = next((t for t in nxt if verb is not None and t.i > verb.i and t.lower_ == "by"), None)
            if by is None:
                return None
            return _phrase_after(nxt, by.i + 1 - nxt.start, verb.lower_)
        if any(t.lower_ in verbs for t in nxt):
            return None  # a sentence with a source of its own comes first
        end = nxt.end
    return None


_STATEMENT_INTRO = re.compile(
    r"\b(?:the following|as follows)\b.{0,40}?(?:statement|remarks|speech|message|letter|article|commentary|"
    r"text|report|interview|answer|talk)?\W*:\s*$|\b(?:statement|remarks|speech|message|letter|text)\b[^.]{0,40}"
    r"\b(?:reads|said|says|goes)\W*:\s*$", re.IGNORECASE)


_STATEMENT_FROM = re.compile(
    r"\s*(?:(?:The following|Below|What follows) is (?:an? |the )?(?:full )?(?:text of (?:the |a )?)?(?:press )?"
    r"(?:statement|remarks|speech|message|letter|readout)\s+(?:from|by|of)\s+"
    # a government statement's own credit line: "Attributed to Pentagon Press Secretary ...:"
    r"|(?:The following (?:statement|readout) (?:is|should be) )?(?:attributed|attributable) to\s+)", re.IGNORECASE)


def statement_opened(sent: Span) -> Source | None:
    """Who speaks in the paragraphs after "X issued the following press statement:" (state media
    run a statement whole after such a line): the subject of that line."""
    doc = sent.doc
    intros = doc.user_data.get("digest_statement_intros")
    if intros is None:
        intros = []
        text = doc.text
        pos = 0
        for line in text.split("\n"):
            end = pos + len(line)
            given = _STATEMENT_FROM.match(line)
            if given is not None:  # "The following is a statement from Antony J. Blinken, U.S. secretary of state"
                rest = line[given.end():]
                cut = min([k for k in (rest.find(","), rest.find(" on "), rest.find(" ("), rest.find(":")) if k > 0]
                          or [len(rest.rstrip(". "))])
                span = doc.char_span(pos + given.end(), pos + given.end() + cut, alignment_mode="contract")
                if span is not None and len(span) and span[0].is_title:
                    intros.append((end, Source(span.text, "said", span.start, span.end, span.end - 1)))
            elif line.rstrip().endswith(":") and _STATEMENT_INTRO.search(line):
                span = doc.char_span(pos, end, alignment_mode="contract")
                if span is not None and len(span):
                    last = list(span.sents)[-1] if doc.has_annotation("SENT_START") else span
                    root = last.root
                    source = subject_source(root) if doc.has_annotation("DEP") else None
                    if source is not None:
                        intros.append((end, source))
            pos = end + 1
        doc.user_data["digest_statement_intros"] = intros
    found = None
    for end, source in intros:
        if end <= sent.start_char:
            found = source
    return found


_CREDIT = re.compile(r"(?:\s[—–-]{1,2}\s*(?P<name>[A-Z][^—–\n]{1,60}?)|:\s*(?P<short>[A-Z][^\W\d]*(?:[ -][^\W\d]+){0,3}))\s*$")


def headline_credit(sent: Span) -> Source | None:
    """The source a headline credits after a dash or a colon ("EU approves 17th package, nearly
    200 tankers listed — Kallas", "Russia fired 40 missiles overnight: Ukraine"), for the
    headline's own sentences, when the name is an actor."""
    doc = sent.doc
    text = doc.text
    end = text.find("\n\n")
    end = len(text) if end < 0 else end
    if sent.start_char >= end:
        return None
    found = _CREDIT.search(text, 0, end)
    if found is None:
        return None
    group = "name" if found.group("name") else "short"  # after a colon only a short name: "...: Ukraine"
    span = doc.char_span(found.start(group), found.end(group), alignment_mode="contract")
    if span is None or not any(m.start >= span.start and m.end <= span.end and m.type != "place"
                               for m in doc._.actor_mentions or []):
        return None
    return Source(span.text, "said", span.start, span.end, span.end - 1)


def elaborated(sent: Span, openers: frozenset[str], speech_verbs: set[str], skip: set[int] = frozenset()) -> Source | None:
    """The speaker whose words a sentence opening "Specifically," or "For example," goes on
    reporting: the source of the sentence before it, in the same paragraph, when that one reports
    a clause ("Mr. Putin said that trade has good prospects. Specifically, in 2023 turnover
    increased 9 times")."""
    doc = sent.doc
    if not doc.has_annotation("DEP") or sent.start == 0:
        return None
    words = [t.lower_ for t in sent[:3] if not t.is_punct]
    if not any(" ".join(words[:n]) in openers for n in (1, 2)):
        return None
    prev = doc[sent.start - 1].sent
    words = [t for t in prev if not t.is_space]
    if not words or "\n" in doc.text[words[-1].idx : sent.start_char]:
        return None  # another paragraph
    root = prev.root
    if root.lower_ not in speech_verbs or not any(c.dep_ in ("ccomp", "parataxis") for c in root.children):
        return None
    return find_source(prev, speech_verbs, root, skip=skip)


def said_of(sent: Span) -> bool:
    """Whether the sentence reports what is said by no one named ("North Korea is said to have
    launched three missiles", "is believed to have sent")."""
    return any(v.lower_ in _SAID_OF and any(c.dep_ == "auxpass" for c in v.children)
               and not any(c.dep_ == "agent" for c in v.children) and (
                   any(c.dep_ == "xcomp" for c in v.children)
                   # "it has been reported that he agreed to send 6,000 engineers"
                   or (any(c.dep_ == "nsubjpass" and c.lower_ == "it" for c in v.children)
                       and any(c.dep_ == "ccomp" for c in v.children)))
               for v in sent)


def _states_nothing(verb: Token) -> bool:
    """A source verb used for an act that states nothing: "without confirming", "put 250 launchers through testing"
    (not "put the toll at 100"), "the war claimed the lives of 1,100 people" (not "claimed that")."""
    if verb.i > 0 and verb.doc[verb.i - 1].lower_ == "without":
        return True  # "without confirming that 3,000 troops were there": nobody states it
    if verb.lower_ == "points" and (verb.pos_ != "VERB" or not any(c.lower_ == "out" for c in verb.children)):
        return True  # "2 percentage points": a noun; only "he points out that ..." states
    if verb.lower_ in ("found", "finds", "concluded", "concludes"):
        # what a study or an inquiry found states it ("a UN report found 2,000 civilians had
        # died"); what police found is what they came upon ("police found three bodies")
        subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
        return subject is None or subject.lower_ not in _FINDERS
    if verb.lower_ == "citing" and verb.doc.has_annotation("DEP"):
        cited = next((c for c in verb.children if c.dep_ == "dobj"), None)
        if cited is not None and not any(c.dep_ == "ccomp" for c in verb.children):
            # "officials voiced concerns, citing the potential impact on readiness": a reason
            subtree = list(cited.subtree)
            return not _could_speak(verb.doc[subtree[0].i : subtree[-1].i + 1])
    if verb.lower_ in ("claimed", "claims", "claim", "claiming"):
        following = [t.lower_ for t in verb.doc[verb.i + 1 : verb.i + 3]]
        taken = [c.lower_ for c in verb.children if c.dep_ == "dobj"]  # "claimed at least three lives"
        if {"lives", "life"} & {*following, *taken}:
            return True
        # "China claims almost the entire South China Sea, ..., which is within the Philippines'
        # 200-mile zone": a claim to a place or sovereignty, which reports no number
        owned = next((c for c in verb.children if c.dep_ == "dobj"), None)
        if owned is None or not verb.doc.has_annotation("DEP") or any(c.dep_ == "ccomp" for c in verb.children) \
                or any(c.dep_ == "nummod" for c in owned.children) or owned.pos_ == "NUM":
            return False
        # (what is claimed, or what it is a part of: "almost all of the South China Sea")
        whole = [p for c in owned.children if c.dep_ == "prep" and c.lower_ == "of" for p in c.children if p.dep_ == "pobj"]
        return any(t.lower_ in _CLAIMED_PLACES or t.ent_type_ in ("LOC", "GPE", "FAC") for t in (owned, *whole)) \
            or any(c.dep_ == "prep" and c.lower_ == "over" for c in owned.children)
    if verb.lower_ not in ("put", "puts") or not verb.doc.has_annotation("DEP"):
        return False
    return not any(c.dep_ == "prep" and c.lower_ == "at" for c in verb.children)


def without_article(text: str) -> str:
    return text.lower().removeprefix("the ")


_GOING_ON = frozenset({"added", "adds", "adding", "continued", "continues", "went", "goes", "noting"})  # "..., the official added"
_FINDERS = frozenset({"report", "reports", "study", "studies", "review", "investigation", "investigators", "inquiry",
                      "survey", "analysis", "assessment", "audit", "probe", "poll", "census", "panel", "researchers",
                      "intelligence", "estimate", "estimates", "monitors", "mission", "commission", "court", "tribunal"})
_CLAIMED_PLACES = frozenset({"sovereignty", "territory", "territories", "sea", "seas", "waters", "island", "islands",
                             "islets", "reef", "reefs", "shoal", "region", "area", "land", "rights", "jurisdiction"})
_SAID_OF = frozenset({"said", "reported", "believed", "thought", "understood", "alleged", "rumoured", "rumored",
                      "claimed", "estimated"})  # not "expected to" (a forecast) nor "known to" (a fact)
_FORECAST = frozenset({"forecast", "forecasted", "predicted", "projected", "expected"})
_SAID_BY_NO_ONE = _SAID_OF | _FORECAST  # passive with an infinitive and no agent: nobody named says it
_PERCEIVING = frozenset({"detected", "detects", "tracked", "tracks", "spotted", "spots", "registered", "registers"})
_SPOKESPEOPLE = frozenset({"spokesman", "spokeswoman", "spokesperson", "representative"})
_ENVOY_WORDS = _SPOKESPEOPLE | {"diplomat", "official"}
_LEADERS = frozenset({"leader", "president", "premier", "chancellor", "king", "queen", "emperor", "monarch"})
_AS_BY = frozenset({"stated", "reported", "said", "confirmed", "announced", "noted", "disclosed", "revealed", "estimated"})


def find_source(sent: Span, speech_verbs: set[str], anchor: Token | None = None, *, skip: set[int] = frozenset(),
                outlets: frozenset[str] = frozenset(),
                publishing: tuple[frozenset[str], frozenset[str]] = (frozenset(), frozenset())) -> Source | None:
    """The source of ``sent`` (for ``anchor``, a token in it), or None when none is given.

    Tokens in ``skip`` (inside quotation marks) are not read as reporting verbs. A news outlet
    (``outlets``, lowercase) that reports "according to" someone relays that someone's words.
    ``publishing`` (verbs, documents): a verb that makes a document public is a reporting verb
    for what the document's own clause says ("the agency released a report saying 2,000 ...").
    """
    lowers = [t.lower_ for t in sent]
    for k in range(len(lowers) - 1):
        if lowers[k] == "citing" and lowers[k + 1] not in ("a", "an") and (k == 0 or lowers[k - 1] != "without"):
            # "AFP reported, citing the NIS"; not "the website said, without citing the source of it"
            source = _phrase_after(sent, k + 1, "citing")
            if source is not None and not _could_speak(sent.doc[source.start : source.end]):
                source = None  # "citing health concerns": a reason, not a source
            elif source is not None and sent.doc.has_annotation("DEP"):
                source = _named_citer(sent, source, speech_verbs, skip) or source
        elif lowers[k] == "as" and k + 2 < len(lowers) and lowers[k + 2] == "by" and lowers[k + 1] in _AS_BY:
            source = _phrase_after(sent, k + 3, "according to")  # "..., as stated by the deputy ambassador"
        elif lowers[k] == "as" and lowers[k + 1] == "per" and k > 0 and lowers[k - 1] == ",":
            source = _phrase_after(sent, k + 2, "according to")  # "..., as per a report by CNN"
        elif lowers[k] == "based" and lowers[k + 1] == "on" and k + 2 < len(lowers) and any(
                w in _ASSESSMENTS for w in lowers[k + 2 : k + 6]):
            source = _phrase_after(sent, k + 2, "according to")  # "..., based on Ukrainian assessments"
        elif lowers[k] == "according" and lowers[k + 1] == "to":
            source = _phrase_after(sent, k + 2, "according to")
            # "..., the NIS told lawmakers, according to Rep. Lee": the lawmaker relays what the
            # subject of the reporting verb before him said
            if sent.doc.has_annotation("DEP"):
                for verb in sent[:k]:
                    if verb.lower_ in speech_verbs and verb.i not in skip and verb.pos_ in ("VERB", "AUX"):
                        told = subject_source(verb)
                        if told is not None and told.end <= sent.start + k and told.text.lower() not in PERSON_PRONOUNS | BODY_PRONOUNS \
                                and without_article(told.text) not in outlets:
                            source = told
        else:
            continue
        if source is not None:
            return source
    verbs = [t for t in sent if t.lower_ in speech_verbs and t.i not in skip and not _states_nothing(t)]
    doc = sent.doc
    if anchor is not None and publishing[0] and doc.has_annotation("DEP"):
        clause = False  # the figure stands in a clause under the document, not as its count
        for noun in anchor.ancestors:
            clause = clause or noun.pos_ in ("VERB", "AUX")
            if clause and noun.lower_ in publishing[1] and noun.dep_ == "dobj" and noun.head.lower_ in publishing[0] \
                    and noun.head.i not in skip and noun.head not in verbs:
                verbs.append(noun.head)  # "publicized reports that ...": the publisher's figure
                break
    if not verbs:
        return None
    if doc.has_annotation("DEP"):
        # the nearest verb governing the anchor first ("Ukraine says ... where Zelensky says
        # 11,000 troops ..." -> Zelensky), then the others in text order
        depth = {t.i: n for n, t in enumerate(anchor.ancestors)} if anchor is not None else {}
        # a verb of detection counts only where nobody says it ("Lawmaker Park said the agency
        # had detected 1 million barrels": Park's figure; "Taiwan detected 12 aircraft": Taiwan's)
        # (only where a verb of saying governs the figure: "..., reported Taiwan News" after "the
        # ministry tracked 20 aircraft" is a credit beside the detection, not over it)
        governed = any(v.i in depth and v.lower_ not in _PERCEIVING for v in verbs)
        verbs.sort(key=lambda v: (v.lower_ in _PERCEIVING and governed, depth.get(v.i, len(depth) + 1), v.i))
        relay = None  # "The ministry tracked 20 aircraft ..., reported Taiwan News": the ministry's count
        for verb in verbs:
            if verb.lower_ in _PERCEIVING and not any(c.dep_ == "nsubj" for c in verb.children):
                continue  # "22 aircraft were detected": by whom, another verb says
            source = subject_source(verb)
            if source is None:
                continue
            if anchor is not None and source.start <= anchor.i < source.end:
                continue  # the figure is the subject ("thousands of soldiers are reported")
            if relay is None and outlets and without_article(source.text) in outlets and len(verbs) > 1 \
                    and (anchor is None or verb.i > anchor.i or verb.i not in depth or any(
                        v.lower_ in _PERCEIVING and v.i in depth for v in verbs)):
                # a credit after the words ("..., the NIS said, Yonhap reported") or over a detection
                # ("Taiwan News reported that the ministry tracked 30 aircraft"), not an outlet's own
                # report of them ("..., as The Washington Post reported at least two ...")
                relay = source
                continue
            return source
        return relay
    verb = verbs[0]
    words: list[Token] = []
    for t in reversed(sent[: verb.i - sent.start]):
        if t.text in _STOP or len(words) >= 6:
            break
        words.insert(0, t)
    if words and (any(t.text[:1].isupper() for t in words) or words[-1].lower_ in PERSON_PRONOUNS | BODY_PRONOUNS):
        return Source(_span_text(words), verb.lower_, words[0].i, words[-1].i + 1, words[-1].i)
    return None


_HAVE = frozenset({"have", "has", "had"})


def zero_relative(sent: Span, anchor: Token, speech_verbs: set[str] | frozenset[str], after: int | None = None) -> Source | None:
    """The name right after a figure's noun that says or estimates it in a relative clause with no
    "that" ("the 11,000 troops Seoul says are in Russia", "the 600 missiles Ukraine estimates were
    fired"): whatever the parser made of it, the count is that name's. ``after`` (the figure's
    end) reads a common noun there too, where the parser glued it to the figure: "the $1.3
    trillion developing countries have consistently said is needed", "the $1.3trn experts say
    is needed" (someone's figure, though no actor's)."""
    doc = sent.doc
    if after is not None and after < sent.end:
        k = j = after
        while j < sent.end and j - k < 4 and doc[j].is_alpha and doc[j].pos_ in ("ADJ", "NOUN", "PROPN", "VERB") \
                and doc[j].lower_ not in speech_verbs and doc[j].lower_ not in _HAVE and not doc[j].is_stop:
            j += 1
        noun = j - 1
        if j > k and doc[noun].tag_ in ("NNS", "NNPS", "NNP"):
            v = j
            if v < sent.end and doc[v].lower_ in _HAVE:
                v += 1
            while v < sent.end and v - j < 3 and doc[v].pos_ == "ADV":  # "have long said", "consistently"
                v += 1
            if v + 1 < sent.end and doc[v].lower_ in speech_verbs and not doc[v].lower_.endswith("ing") \
                    and doc[v + 1].pos_ in ("AUX", "VERB") and doc[v + 1].lower_ not in _HAVE | {"to"}:
                return Source(doc[k:j].text, doc[v].lower_, k, j, noun)
    noun = anchor
    while noun.dep_ in ("nummod", "quantmod", "compound", "amod", "advmod") and noun.i < noun.head.i < sent.end:
        noun = noun.head
    k = noun.i + 1
    j = k
    while j < sent.end and j - k < 4 and doc[j].is_title and doc[j].is_alpha and doc[j].lower_ not in speech_verbs:
        j += 1
    if j == k or j + 1 >= sent.end:
        return None
    verb, after = doc[j], doc[j + 1]
    if verb.lower_ not in speech_verbs or verb.lower_.endswith("ing") or not (
            after.pos_ in ("AUX", "VERB") or after.lower_ == "to"):
        return None
    return Source(doc[k:j].text, verb.lower_, k, j, j - 1)


def _is_subject(span: Span) -> bool:
    """Whether a mention is (part of) a clause's subject: "Cha Min-seok, a fellow, said" (the
    model may parse a hyphenated name into pieces), "Ukraine's military intelligence has given"."""
    before = span.doc[span.start - 1] if span.start else None
    if before is not None and before.pos_ == "NOUN" and before.dep_ == "pobj":
        return False  # "his meeting with his counterpart Xi Jinping was ...": the parser's subject, not one
    for t in span:
        if t.dep_ in _SUBJECTS:
            return not _aside(t.head)
        if t.dep_ == "dobj" and t.head.lower_ in ("quoted", "quotes", "cited", "cites") and any(
                c.dep_ == "prep" and c.lower_ == "as" for c in t.head.children):
            return True  # "RIA Novosti quoted Peskov as saying ...": Peskov speaks
        root = t.head.i < span.start or t.head.i >= span.end or t.head == t  # the mention's root
        if root and t.dep_ in ("appos", "compound", "poss") and t.head.dep_ in _SUBJECTS:
            return not _aside(t.head.head)
        if root and _owns_words(t):
            return True  # "Xinhua published a readout of Xi's comments. He said ...": Xi speaks
    return False


_OFFICIALS = frozenset({"officials", "official", "spokesman", "spokeswoman", "spokesperson", "sources"})
_REPORTING_ING = frozenset({"saying", "adding", "noting", "stressing", "insisting", "claiming", "warning",
                            "explaining", "arguing", "telling"})


def _reported_inside(t: Token) -> bool:
    """Whether ``t`` stands in what a reporting verb reports, not as its subject: "Witkoff" in
    "the call will be set once Witkoff briefs Trump, he added" is a person the speaker speaks of,
    not whom "he" next refers to."""
    if not t.doc.has_annotation("DEP"):
        return False
    below = t
    for a in t.ancestors:
        if (a.lower_ in _REPORTING or a.lower_ in _REPORTING_ING) and a.pos_ in ("VERB", "AUX") \
                and below.dep_ not in _SUBJECTS:
            return True
        below = a
    return False


def _owns_words(t: Token) -> bool:
    """Whether ``t`` is the possessor of words ("Xi's comments", "Xue's remarks")."""
    return t.dep_ == "poss" and t.head.lower_ in _UTTERANCES


def _aside(verb: Token) -> bool:
    """A clause beside the sentence's point ("..., as Beijing continues its drills"), whose
    subject is not whom a later "it said" refers to."""
    if verb.dep_ == "ccomp" and verb.head.pos_ in ("VERB", "AUX") and verb.head.i < verb.i and any(
            c.dep_ in ("nsubj", "nsubjpass") for c in verb.head.children):
        # "the ministry had pointed out that the US ... were doing business": what it reported;
        # "it" next is the ministry
        return True
    return verb.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in ("as", "while", "when", "because", "since",
                                                                           "after", "before", "although", "though",
                                                                           "with")  # "..., with Xi expected to"
                                        for c in verb.children)


_GENDER_CUES = {
    **dict.fromkeys(("ms", "mrs", "miss", "madam", "madame", "spokeswoman", "chairwoman", "congresswoman",
                     "businesswoman", "queen", "princess", "actress", "sister", "wife", "mother", "daughter",
                     "dame", "lady", "grandmother", "aunt", "niece"), "f"),
    **dict.fromkeys(("mr", "spokesman", "chairman", "congressman", "businessman", "king", "prince", "brother",
                     "husband", "father", "son", "sir", "lord", "grandfather", "uncle", "nephew"), "m"),
}


def _text_genders(doc: Doc, mentions: list[ActorMention]) -> dict[str, str]:
    """What the article itself says of people the knowledge base does not know: "Ms Hua",
    "spokeswoman Hua Chunying", "his sister Kim Yo Jong". A person called both is left out."""
    seen: dict[str, set[str]] = {}
    for m in mentions:
        if m.type != "person":
            continue
        for t in reversed(doc[max(0, m.start - 2) : m.start]):
            cue = _GENDER_CUES.get(t.lower_.rstrip("."))
            if cue is not None:
                seen.setdefault(m.name, set()).add(cue)
                break
            if not (t.is_title or t.is_upper):  # "spokeswoman Hua", "Ms. Hua"; not across words
                break
    return {name: next(iter(cues)) for name, cues in seen.items() if len(cues) == 1}


_KIN = frozenset({"sister", "brother", "wife", "husband", "daughter", "son", "mother", "father", "niece", "nephew",
                  "widow", "aunt", "uncle", "cousin", "sibling"})
_AGENT_NOUNS = _KIN | frozenset({"spokesperson", "spokesman", "spokeswoman", "ministry", "minister", "official",
                                  "officials", "government", "president", "leader", "agency", "office", "department",
                                  "embassy", "military", "army", "council", "commission", "secretary", "ambassador",
                                  "diplomat", "authorities", "side", "administration", "premier", "chancellor"})
_ROLE_SPELLED = {"rep": "representative"}  # a role noun shortened, as headlines write it
_ISSUING = frozenset({"made", "issued", "released", "expressed", "voiced", "echoed", "published", "posted"})
_REPORTING = frozenset({"said", "says", "say", "told", "tells", "stated", "states", "announced", "claimed", "claims",
                        "confirmed", "confirms", "denied", "denies", "added", "adds", "noted", "notes", "wrote",
                        "writes", "insisted", "argued", "declared", "warned", "warns", "accused", "reported",
                        "acknowledged", "acknowledges", "admitted", "admits", "conceded", "concedes", "stressed",
                        "stresses", "explained", "explains", "emphasised", "emphasized", "revealed", "disclosed",
                        "indicated", "suggested", "insists", "argues"})
# verbs of a reported clause that state a figure themselves ("the spy agency put the toll at 100
# and estimated that ..."): a reporting verb joined to them shares their subject
_ESTIMATING = frozenset({"put", "puts", "estimated", "estimates", "assessed", "assesses", "believes", "believed",
                         "counted", "calculated", "projected", "forecast", "judged", "judges"})
DOCUMENTS = frozenset({"statement", "readout", "communique", "communiqué", "declaration", "release", "letter",
                        "resolution"})
_STATING = frozenset({"said", "says", "stated", "states", "issued", "issues", "released", "published", "announced",
                      "declared", "told", "wrote", "warned"})


class SpeakerResolver:
    """Turns source phrases into actors, remembering who spoke last in the document.

    The memory (``doc.user_data["digest_speakers"]``: token position, actor, type) is shared by
    the quotations and figures components, so "he added" after a quotation is its speaker.
    Names inside quotation marks are never what a pronoun outside them refers to.
    """

    def __init__(self, doc: Doc, nouns: dict[str, frozenset[str]], quoted: set[int] = frozenset(),
                 genders: dict[str, str] | None = None):
        self.doc = doc
        mentions = [m for m in doc._.actor_mentions or [] if m.start not in quoted]
        known = {(m.start, m.end) for m in mentions if m.known}
        # the model's entity over the same words as a known actor ("Padrino López", an accented
        # short form of Vladimir Padrino Lopez) is that actor, not a second one
        self.mentions: list[ActorMention] = [m for m in mentions if m.known or (m.start, m.end) not in known]
        self._affiliation = {m.name: m.affiliation for m in self.mentions if m.type == "person"}
        self.person_nouns = nouns.get("person", frozenset())
        self.body_nouns = nouns.get("body", frozenset())
        self.state_nouns = nouns.get("state_nouns", frozenset())
        self.part_nouns = nouns.get("part_nouns", frozenset())
        self.org_nouns = nouns.get("organisation_nouns", frozenset())
        self.state_part_nouns = nouns.get("state_part_nouns", frozenset())
        self.local_modifiers = nouns.get("local_modifiers", frozenset())
        self.unnamed_nouns = nouns.get("unnamed_people", frozenset())
        self.unnamed_officials = nouns.get("unnamed_officials", frozenset())
        self.quoted = quoted
        self.types = {m.name: m.type for m in self.mentions}
        self.genders = {**_text_genders(doc, self.mentions), **(genders or {})}  # person -> "f" / "m"
        self.spoken: list[tuple[int, str, str]] = doc.user_data.setdefault("digest_speakers", [])
        self.nouns_said: list[tuple[int, str, str]] = doc.user_data.setdefault("digest_speaker_nouns", [])

    def _last(self, before: int, person: bool, pronoun: str | None = None, organisation: bool = False) -> str | None:
        """Who "he" or "the ministry" at ``before`` is: the last such actor named as a subject
        ("Cha Min-seok, a fellow at the institute, said"), or the last speaker if later, else
        the last one named at all. "The agency" is an organisation when the article names one."""
        if organisation:
            found = self._last_of(before, ("organisation", "group"), pronoun)
            if found is not None:
                return found
        return self._last_of(before, ("person",) if person else ("country", "organisation", "group"), pronoun)

    def _last_of(self, before: int, kinds: tuple[str, ...], pronoun: str | None) -> str | None:
        unlike = {"she": "m", "her": "m", "he": "f", "him": "f"}.get(pronoun or "")  # "she" is no man
        said = next(((pos, a) for pos, a, t in reversed(self.spoken)
                     if pos < before and t in kinds and (unlike is None or self.genders.get(a) != unlike)), None)
        named = None
        for m in reversed(self.mentions):
            if m.start >= before or m.type not in kinds or (unlike and self.genders.get(m.name) == unlike):
                continue
            last = self.doc[m.end - 1]
            if m.type == "person" and last.dep_ == "poss" and last.head.lower_ not in self.person_nouns \
                    and not _owns_words(last):
                continue  # "Kim Jong-un's regime also sends ...": the regime acts, "he" is not Kim
            subject = _is_subject(self.doc[m.start : m.end])
            if subject and kinds == ("person",) and _reported_inside(self.doc[m.end - 1]):
                continue  # "Peskov said the call will come once Witkoff briefs Trump, he added": Peskov
            named = named or m.name
            if subject and self._outspoken(m):
                continue  # "Kobayashi said Japan should respond firmly to Xue's comments": Kobayashi
            if subject:  # "Ukraine's foreign minister Andrii Sybiha urged ..."
                if said is not None and said[0] > m.start:
                    return said[1]
                return m.name
        return said[1] if said is not None else named

    def _outspoken(self, m: ActorMention) -> bool:
        """Whether ``m`` is only the owner of words ("Xue's comments") in a sentence whose subject
        is another person named: that person is whom "he" refers to next."""
        span = self.doc[m.start : m.end]
        if not any(_owns_words(t) for t in span):
            return False
        sent = span.sent
        return any(o is not m and o.type == "person" and sent.start <= o.start < m.start
                   and _is_subject(self.doc[o.start : o.end]) for o in self.mentions)

    def _unnamed_speaker_before(self, before: int) -> str | None:
        """Whom "he said" is, when the sentence before in the paragraph reported an unnamed
        person's words ("A JCS spokesman said the distance was inflated. “...,” he said"): that
        person's body or state; "" when the person is of no known body or state (then "he" is
        nobody known, not the last person named); None when no such sentence comes before."""
        doc = self.doc
        if not doc.has_annotation("DEP") or before >= len(doc):
            return None
        sent = doc[before].sent
        for _ in range(2):  # the sentence before, or the one before it when that one reports nobody
            if sent.start == 0:
                return None
            prev = doc[sent.start - 1].sent
            if "\n\n" in doc.text[prev.end_char - 2 : sent.start_char + 1] or "\n\n" in prev.text.strip():
                return None  # another paragraph
            reported = False
            for verb in prev:
                if verb.lower_ not in _REPORTING or verb.pos_ not in ("VERB", "AUX"):
                    continue
                reported = True
                source = subject_source(verb)
                if source is None or source.head is None or \
                        doc[source.head].lower_ not in self.person_nouns | self.unnamed_officials:
                    continue
                if any(source.start <= m.start < source.end and m.type == "person" for m in self.mentions):
                    return None  # a named person: the usual rules find them
                found = self._actor(source)
                return found if found not in (None, "outlet") else ""  # "": someone unnamed, of no known state
            if reported or any(prev.start <= m.start < prev.end and m.type == "person" for m in self.mentions):
                return None
            sent = prev
        return None

    def _unnamed_person_nearer(self, before: int) -> bool:
        """Whether the nearest subject before ``before`` (in its sentence, then up to two sentences
        back) that is a person is someone unnamed and of no post ("The prisoner explained that he
        began serving at 17", "the soldier with the ID card told security personnel"), rather than a
        person named: then "he" is that someone, nobody known."""
        doc = self.doc
        if not doc.has_annotation("DEP") or before >= len(doc) or not self.unnamed_nouns:
            return False
        sent = doc[before].sent
        named = {i for m in self.mentions if m.type == "person" for i in range(m.start, m.end)}
        for _ in range(3):
            subjects = [t for t in sent if t.i < before and t.dep_ in ("nsubj", "nsubjpass") and t.i not in self.quoted]
            for t in reversed(subjects):
                if t.i in named:
                    return False
                if t.lower_ in self.unnamed_nouns and not any(
                        c.dep_ == "poss" or c.i in named for c in t.children):
                    return True
            if sent.start == 0:
                return False
            before = sent.start
            sent = doc[sent.start - 1].sent
        return False

    def _owner_kind(self, noun: Token) -> str | None:
        """"person" or "office" when a person or an office possesses ``noun`` ("Putin's
        spokesman", "the Prime Minister's official spokesman"); None otherwise ("the ministry's
        spokeswoman" is the ministry's, whom the usual rules find)."""
        owner = next((c for c in noun.children if c.dep_ == "poss"), None)
        if owner is None:
            return None
        if any(m.start <= owner.i < m.end and m.type == "person" for m in self.mentions):
            return "person"
        return "office" if owner.lower_ in _LEADERS | {"minister"} else None

    def _possessed(self, noun: Token, before: int) -> str | None:
        """Whose "X's spokesman" is: the state of the person X, or of the office-holder X names
        when the article introduced one with that title ("Prime Minister Keir Starmer"); else
        unknown, never the last person named."""
        owner = next(c for c in noun.children if c.dep_ == "poss")
        named = [m for m in self.mentions if m.start <= owner.i < m.end and m.type == "person"]
        if named:  # "Putin's spokesman": of Putin's state
            return named[0].affiliation
        holder = self._introduced_as(owner.lower_, before)
        return self._affiliation.get(holder) if holder else None

    def _introduced_as(self, word: str | frozenset[str], before: int) -> str | None:
        """The last person named before ``before`` with ``word`` (or one of the words) as their
        title or apposition ("Pentagon spokesman Pat Ryder", "Matthew Miller, a State Department
        spokesman,")."""
        words = {word} if isinstance(word, str) else word
        doc = self.doc
        found = [m.name for m in reversed(self.mentions) if m.start < before and m.type == "person"
                 and m.kind != "role" and self._titled(m, words)]
        if len(set(found)) > 1:
            # "President Lee Jae Myung welcomed Chinese President Xi Jinping ... Lee has been urging
            # ... The president also said": of those so introduced, the one last named as a subject
            for m in reversed(self.mentions):
                if m.start < before and m.name in found and _is_subject(doc[m.start : m.end]):
                    return m.name
        return found[0] if found else None

    def _holder_of_role(self, source: Source, people: list[ActorMention]) -> bool:
        """Whether the source phrase ends in a role noun that the persons in it only qualify
        ("Trump trade rep", "Putin's aide"): the holder of that role is someone else."""
        last = self.doc[source.end - 1]
        return (last.lower_ in self.person_nouns and not last.is_title
                and all(m.end <= last.i for m in people))

    def _titled_by(self, person: str, parts: set[str]) -> bool:
        """Whether the article titles ``person`` with a body of one of the states ``parts``
        ("Department of Foreign Affairs Deputy Assistant Secretary Dominic Xavier Imperial"): a
        person the knowledge base does not know, of that body."""
        bodies = [p for p in self.mentions if p.kind in ("part", "context") and p.name in parts]
        return any(0 <= m.start - p.end <= 6 for m in self.mentions if m.name == person for p in bodies)

    def _role_holder_named(self, source: Source) -> str | None:
        """The person the article titles with the role the source phrase ends in ("rep": a
        "Representative"), anywhere in the article; None when nobody is."""
        word = self.doc[source.end - 1].lower_
        return self._introduced_as({word, _ROLE_SPELLED.get(word, word)}, len(self.doc))

    def _kin_named(self, kin: str, relatives: set[str]) -> str | None:
        """The one person the article names as someone's ``kin`` ("Kim Yo Jong, the sister of
        ...", "the sister of ..., Kim Yo Jong"), other than ``relatives``."""
        doc = self.doc
        found = set()
        for m in self.mentions:
            if m.type != "person" or m.name in relatives:
                continue
            sent = doc[m.start].sent
            window = list(doc[max(sent.start, m.start - 12) : m.start]) + list(doc[m.end : min(sent.end, m.end + 6)])
            if any(t.lower_ == kin and t.i + 1 < len(doc) and doc[t.i + 1].lower_ in ("of", "’s", "'s") for t in window):
                found.add(m.name)
        return found.pop() if len(found) == 1 else None

    def _titled(self, m: ActorMention, words: set[str]) -> bool:
        """Whether the person mention ``m`` carries one of ``words`` as a title or apposition."""
        doc = self.doc
        window = []
        start = m.start - 1 if m.start > 1 and doc[m.start - 1].text == "," else m.start  # "... chief, Kyrylo Budanov"
        for t in reversed(doc[max(0, start - 5) : start]):  # "Pentagon spokesman Pat Ryder"
            if t.is_punct or t.pos_ in ("VERB", "AUX", "ADP") and t.lower_ != "of":
                break
            window.append(t)
        if m.end < len(doc) and doc[m.end].text == ",":  # "Matthew Miller, a ... spokesman,"
            for t in doc[m.end + 1 : min(len(doc), m.end + 8)]:
                if t.is_punct or t.pos_ in ("VERB", "AUX"):
                    break
                window.append(t)
        return any(t.lower_ in words for t in window)

    def remember(self, position: int, actor: str | None) -> None:
        if actor and actor != "outlet" and actor in self.types:
            self.spoken.append((position, actor, self.types[actor]))
            self.spoken.sort()

    def actor(self, source: Source) -> str | None:
        """The actor ``source`` names or stands for; None when it is not an actor."""
        found = self._actor(source)
        self.remember(source.start, found)
        if found and found != "outlet" and source.head is not None:
            self.nouns_said.append((source.start, self.doc[source.head].lower_, found))
        return found

    def _named_after(self, noun: Token) -> str | None:
        """The state or body named in what follows ``noun`` and hangs from it ("a readout released
        by Japan's Ministry of Foreign Affairs")."""
        if noun.lower_ not in self.body_nouns and noun.lower_ not in DOCUMENTS:
            return None
        below = {x.i for x in noun.subtree if x.i <= noun.i + 10}
        for clause in (c for c in noun.children if c.dep_ == "relcl"):
            below -= {x.i for x in clause.subtree}  # "a report from AP which cited a U.S. official": not the US
        after = [m for m in self.mentions if m.start > noun.i and m.start in below
                 and m.type not in ("place", "part", "person")]
        return after[0].name if after else None

    def _state_of_noun_elsewhere(self, noun: Token, source: Source) -> str | None:
        """The one state named in the phrase of the same words anywhere else in the article:
        "a national task force said" and "the Philippine task force said" (its modifiers and
        noun alike, a state's demonym or name before them)."""
        doc = self.doc
        words = [t.lower_ for t in doc[source.start : noun.i + 1] if t.dep_ in ("compound",) or t.i == noun.i]
        found = set()
        for t in doc:
            if t.lower_ != noun.lower_ or source.start <= t.i < source.end:
                continue
            if [x.lower_ for x in doc[t.i - len(words) + 1 : t.i + 1]] != words:
                continue
            lo = t.i - len(words) + 1
            found.update(m.name for m in self.mentions if m.type == "country" and m.known
                         and lo - 3 <= m.start and m.end == lo)
        return found.pop() if len(found) == 1 else None

    def _same_noun(self, word: str, before: int, depth: int = 0) -> str | None:
        """Whom "the official" stands for: the actor of the last source phrase with that noun
        ("a senior White House official said ... the official added"; "a senior defense
        official ... the official": the Department of Defense named before)."""
        said = next(((pos, a) for pos, w, a in reversed(self.nouns_said) if pos < before and w == word), None)
        doc = self.doc
        for t in reversed(doc[max(0, before - 400) : before]):
            if said is not None and t.i <= said[0]:
                break
            if t.lower_ != word or t.i == 0:
                continue
            # "a senior White House official", "Chinese officials": a name in the noun's own phrase
            # (not one across a paragraph break: "... in Russia\n\nThe Ukrainian intelligence service")
            for m in self.mentions:
                if m.start <= t.i < m.end and m.type in ("organisation", "country", "group") and m.known:
                    return m.name  # "the Department of Defense" for "defense"
                if t.i - 5 <= m.start and m.end <= t.i and m.type not in ("place", "part", "person") and all(
                        not (x.is_punct or x.is_space or x.pos_ in ("VERB", "AUX", "ADP")) for x in doc[m.end : t.i]):
                    return m.name
            if doc.has_annotation("DEP"):  # "a readout released by Japan's Ministry of Foreign Affairs"
                agent = self._named_after(t)
                if agent is not None:
                    return agent
                if depth == 0:
                    for c in t.lefts:  # "a senior defense official": whose "defense"
                        if c.is_alpha and c.dep_ in ("compound", "amod") and c.lower_ not in _RANKS:
                            found = self._same_noun(c.lower_, c.i, depth + 1)
                            if found is not None:
                                return found
        if said is None and depth > 0:  # "defense": the Department of Defense, named "the Pentagon"
            key = _SPELLING.get(word, word)
            for m in reversed(self.mentions):
                if m.start < before and m.known and m.type in ("organisation", "group") and \
                        key in {_SPELLING.get(w, w) for w in m.name.lower().split()}:
                    return m.name
        return said[1] if said is not None else None

    def _joint(self, start: int, head: int) -> bool:
        """Whether the document ``head`` names is a joint one: "a joint statement", or "the
        statement" / "the declaration" after one (the last document named before it was joint)."""
        doc = self.doc
        if any(t.lower_ == "joint" for t in doc[start:head]):
            return True
        if doc[start].lower_ not in ("the", "this"):
            return False
        for t in reversed(doc[max(0, start - 300) : start]):
            if t.lower_ not in DOCUMENTS or t.i == 0:
                continue
            if doc[t.i - 1].lower_ == "joint":
                return True
            if doc[t.i - 1].lower_ not in ("the", "this", "that"):
                return False  # another document introduced since ("a statement from the ministry")
        return False  # (a reference back, "the declaration", goes on to the one it refers to)

    def _last_stated(self, before: int) -> str | None:
        """Whose statement "the statement" is: the last speaker remembered, or the actor who
        stated, issued or said something in the three sentences before ("Kim Yo Jong stated
        that ..., KCNA quoted her as saying. “...,” the statement said")."""
        said = next((a for pos, a, _t in reversed(self.spoken) if pos < before), None)
        sents = [s for s in self.doc.sents if s.end <= before][-3:] if self.doc.has_annotation("DEP") else []
        for sent in reversed(sents):
            for verb in sent:
                if verb.pos_ == "VERB" and verb.lower_ in _STATING:  # the pipeline has no lemmatizer
                    source = subject_source(verb)
                    if source is not None and source.end <= before and (said is None or source.start > self._spoken_at(said)):
                        found = self._actor(source)
                        if found is not None and found != "outlet":
                            return found
        return said

    def _after_report(self, at: int) -> tuple[bool, str | None]:
        """Whether the sentence before ``at`` was sourced to a report, a release or a body of no
        known actor, and whose it is: "..., according to the South Korean news release. “...,” it
        said" (South Korea's); "..., according to the report." or "the news agency reported", or
        "..., the ISW says. However it warns ..." (a think tank): "it" is that, no actor."""
        doc = self.doc
        if not doc.has_annotation("DEP") or doc[at].sent.start == 0:
            return False, None
        prev = doc[doc[at].sent.start - 1].sent
        source = find_source(prev, _REPORTING)
        if source is None or source.head is None:
            return False, None
        head = doc[source.head]
        if head.lower_ in PERSON_PRONOUNS or head.lower_ in BODY_PRONOUNS:
            return False, None
        found = self._actor(source)
        if head.lower_ == "report" or (head.i > 0 and doc[head.i - 1].lower_ == "news"):
            return found in (None, "outlet") or head.lower_ in _RELEASES, found if found != "outlet" else None
        return (found is None and head.pos_ == "PROPN"), None

    def _opening_subject(self, at: int) -> str | None:
        """The body or state that opens the sentence of a trailing "it said" as its subject: what
        "it" stands for, not the last body named before the tag ("Sudan’s Armed Forces “aborted
        the attack” with losses in the failed RSF assault, it said")."""
        doc = self.doc
        if not doc.has_annotation("DEP"):
            return None
        sent = doc[at].sent
        if at - sent.start < 4 or not any(t.is_quote for t in doc[sent.start : at]):
            return None  # a tag after the words: "“...,” it said", "X did Y “...”, it said"
        first = next((m for m in self.mentions if sent.start <= m.start < at), None)
        if first is None or first.type not in ("organisation", "country", "group") or first.kind == "location" \
                or first.start > sent.start + 1:
            return None
        head = doc[first.end - 1]
        while head.dep_ in ("compound", "poss", "case") and head.head.i < at:
            head = head.head
        return first.name if head.dep_ in ("nsubj", "nsubjpass") else None

    def _body_named_before(self, noun: Token, before: int) -> str | None:
        """The state of the body whose name ends in the words before ``noun`` ("coast guard" in
        "coast guard officials"), named earlier in full as a part of that state ("the Japan Coast
        Guard")."""
        mod = next((c for c in noun.lefts if c.dep_ == "compound" and c.pos_ in ("NOUN", "PROPN")), None)
        if mod is None:
            return None
        phrase = " ".join(t.lower_ for t in self.doc[mod.left_edge.i : noun.i])
        for m in reversed(self.mentions):
            if m.start < before and m.kind == "part" and m.end - m.start > phrase.count(" ") + 1 \
                    and self.doc[m.start : m.end].text.lower().endswith(phrase):
                return m.name
        return None

    def _coordinated(self, people: list[ActorMention]) -> str | None:
        """Two or more persons joined by "and" speaking as one ("Netanyahu and Defense Minister
        Israel Katz said in a joint statement"): the state they both serve, "" when they serve
        different ones or one is of none (no one actor's words); None when they are not so joined."""
        names = {m.name for m in people}
        if len(names) < 2:
            return None
        doc = self.doc
        ordered = sorted(people, key=lambda m: m.start)
        # "A and B", "A and Defense Minister B" (the parser hangs titles anywhere: read the words)
        if not any(doc[a.end].lower_ == "and" and all(t.lower_ == "and" or t.is_title and t.pos_ == "PROPN"
                                                      for t in doc[a.end : b.start]) and b.start - a.end <= 5
                   for a, b in itertools.pairwise(ordered) if a.end < b.start):
            return None
        states = {self._affiliation.get(n) for n in names}
        return states.pop() or "" if len(states) == 1 else ""

    def _spoken_at(self, actor: str) -> int:
        return max((pos for pos, a, _t in self.spoken if a == actor), default=-1)

    def _actor(self, source: Source) -> str | None:
        doc = self.doc
        inside = [m for m in self.mentions if source.start <= m.start < source.end and m.type not in ("place", "part")]
        head = source.head
        if head is None:
            if inside:
                people = [m for m in inside if m.type == "person"]
                if people and self._holder_of_role(source, people):  # "Trump trade rep says" (not parsed)
                    return self._role_holder_named(source)
                return (people or inside)[0].name
            words = source.text.lower().split()
            if words and words[-1] in PERSON_PRONOUNS:
                return self._last(source.start, person=True, pronoun=words[-1])
            return None
        together = self._coordinated([m for m in inside if m.type == "person"])
        if together is not None:  # "Prime Minister Netanyahu and Defense Minister Katz said in a statement"
            return together or None
        for m in inside:
            if m.start <= head < m.end:
                return m.name
        for m in inside:  # "Yoon's office", "Biden's administration", "the government of Maduro": the person's state
            last = doc[m.end - 1]
            if m.type == "person" and m.affiliation and doc[head].lower_ in self.body_nouns and (
                    last.dep_ in ("poss", "compound") and last.head.i == head
                    or last.dep_ == "pobj" and last.head.lower_ == "of" and last.head.head.i == head):
                return m.affiliation
        people = [m for m in inside if m.type == "person"]
        # "the sister of North Korean leader Kim Jong Un, Kim Yo Jong": the one in apposition to
        # the head, not the one named in its "of" phrase
        beside = [m for m in people if doc[m.end - 1].dep_ == "appos" and doc[m.end - 1].head.i == head]
        if beside and doc[head].pos_ == "NOUN":
            return beside[0].name
        if doc[head].lower_ in _KIN:
            # "Kim's sister", "the sister of North Korean leader Kim Jong Un, Kim Yo Jong": not
            # the leader, whose relative she is; the person the article calls so, else nobody known
            of = [t.i for t in doc[head].children if t.dep_ == "prep"]
            after = [m for m in people if of and m.start > of[0]]
            relatives = {m.name for m in people if m.end <= head} | ({after[0].name} if after else set())
            others = [m for m in people if m.name not in relatives]
            if others:
                return others[0].name
            return self._kin_named(doc[head].lower_, relatives)
        if people and self._holder_of_role(source, people):
            # "Trump trade rep", "Putin's aide": someone of that person's, not that person; the
            # one the article calls so, else nobody known
            return self._role_holder_named(source)
        if people:  # "Matthew Miller, a State Department spokesman"
            return people[0].name
        word = doc[head].lower_
        definite = doc[source.start].lower_ in ("the", "this", "that")
        if not people and word in _RELEASES and doc.has_annotation("DEP"):
            given = _release_giver(doc[head])  # "a news release from South Korea's Joint Chiefs of Staff"
            if given is not None and given.head != head:
                found = self._actor(given)
                if found not in (None, "outlet"):
                    return found
            states = [m for m in inside if m.type in ("country", "organisation") and m.end <= head]
            if states and word != "report":
                return states[-1].name  # "the South Korean news release", "a Chinese statement"
        if not people and head > source.start and doc[head - 1].lower_ == "news" and word not in _RELEASES:
            return None  # "Japanese news agency Kyodo", "the news agency": an outlet, no actor
        if not people and word in _MEDIA:
            return None  # "Japanese media reported", "state media said": outlets, not the state
        if word in _DATA and doc.has_annotation("DEP"):
            # "data from the General Administration of Customs showed": whose data they are
            for prep in (c for c in doc[head].children if c.dep_ == "prep" and c.lower_ in ("from", "by", "of")):
                obj = next((c for c in prep.children if c.dep_ == "pobj"), None)
                if obj is not None:
                    words = list(obj.subtree)
                    found = self._actor(Source(_span_text(words), source.verb, words[0].i, words[-1].i + 1, obj.i))
                    if found not in (None, "outlet"):
                        return found
        if word in _UTTERANCES and not inside and doc.has_annotation("DEP"):
            # "He concluded his remarks stating, “...”" (the parser made the remarks the subject):
            # the one whose remarks they are
            owner = next((c for c in doc[head].children if c.dep_ == "poss"), None)
            if owner is not None and owner.lower_ in ("his", "her"):
                found = self._last(source.start, person=True, pronoun="he" if owner.lower_ == "his" else "she")
                if found not in (None, "outlet"):
                    return found
        if word in _ASSESSMENTS and not inside and doc.has_annotation("DEP"):
            # "according to the agency's estimates", "its assessment": whose they are, the
            # possessor standing for the source ("the agency" after the NIS was named)
            owner = next((c for c in doc[head].children if c.dep_ == "poss"), None)
            if owner is not None and owner.lower_ == "its":
                found = self._last(source.start, person=False)  # "its assessment": the body named last
                if found not in (None, "outlet"):
                    return found
            elif owner is not None:
                words = [t for t in owner.subtree if t.dep_ != "case" and t.text not in ("'s", "’s", "'", "’")]
                if words:
                    found = self._actor(Source(_span_text(words), source.verb, words[0].i, words[-1].i + 1, owner.i))
                    if found not in (None, "outlet"):
                        return found
        states = {m.name for m in inside if m.type == "country" and m.kind in ("demonym", "alias", "name", "seat")}
        if definite and word in self.person_nouns:  # "the Pentagon spokesman": the one named so
            introduced = self._introduced_as(word, source.start)
            if introduced is not None and (not states or self._affiliation.get(introduced) in states):
                # "EU top diplomat Kaja Kallas wrote ... 73 more ships, an EU diplomat said ... the
                # diplomat said": the unnamed one who spoke since, not the one titled before
                said = max(((pos, a) for pos, w, a in self.nouns_said if pos < source.start and w == word), default=None)
                named = max((m.start for m in self.mentions if m.name == introduced and m.start < source.start), default=-1)
                if said is not None and said[0] > named and said[1] != introduced:
                    return said[1]
                return introduced
            if word in _ENVOY_WORDS:
                # "the official representative of the Chinese Foreign Ministry", "the diplomat
                # said": the spokesperson named before (of that state, when one is named)
                introduced = self._introduced_as(_SPOKESPEOPLE, source.start)
                if introduced is not None and (not states or self._affiliation.get(introduced) in states):
                    return introduced
                if introduced is None and not states and not inside and word != "official":
                    # "a senior EU diplomat said ... the diplomat said": the unnamed one's body,
                    # not a person named before who is no diplomat
                    found = self._same_noun(word, source.start)
                    if found is not None:
                        return found
            if introduced is None and not states and not inside and word not in _LEADERS:
                # "The Deputy Minister held a briefing and said ... the Deputy Minister said": whom
                # the same noun stood for last time, not the last person named since
                said = next((a for pos, w, a in reversed(self.nouns_said) if pos < source.start and w == word), None)
                if said is not None:
                    return said
            if word in _SPOKESPEOPLE and not states and not inside:
                # "“...,” a Ministry of Commerce spokesman said ... “...,” the spokesperson said":
                # the unnamed spokesperson who spoke before, not the last person named
                said = next((a for pos, w, a in reversed(self.nouns_said) if pos < source.start and w in _SPOKESPEOPLE), None)
                if said is not None:
                    return said
            if states and word in _LEADERS:
                # "The US leader denounced ...": a leader of that state, not the leader named
                # before ("North Korean leader Kim Jong Un")
                ours = [m for m in self.mentions if m.type == "person" and m.affiliation in states]
                before = [m for m in ours if m.start < source.start]
                if ours:
                    return (before[-1] if before else ours[0]).name
            owners = states | {m.name for m in inside if m.type == "organisation" and doc[m.end - 1].dep_ == "poss"}
            if owners and word not in _LEADERS:
                # "“...,” the senior Iranian diplomat added", after Baghaei spoke; "the EU's top
                # diplomat said", after Kallas spoke: the last speaker, when of that state or body
                last = next((a for pos, a, t in reversed(self.spoken) if pos < source.start), None)
                if last is not None and self.types.get(last) == "person" and self._affiliation.get(last) in owners:
                    return last
                ours = {m.name for m in self.mentions if m.type == "person" and m.start < source.start
                        and m.affiliation in owners}
                if len(ours) == 1 and word in _ENVOY_WORDS and word != "official":
                    return ours.pop()  # the one diplomat of that state or body named before
        if definite and word in ("official", "spokesman", "spokeswoman", "spokesperson") and source.end - source.start <= 4:
            # "the PCG official said", after the coast guard's spokesman spoke: him, when he is of
            # the state whose part the phrase names
            parts = {m.name for m in inside if m.type == "country" and m.kind in ("part", "context")}
            last = next((a for pos, a, t in reversed(self.spoken) if pos < source.start), None)
            if parts and last is not None and self.types.get(last) == "person" and (
                    self._affiliation.get(last) in parts or self._titled_by(last, parts)):
                return last
        for m in inside:
            last = doc[m.end - 1]
            if last.dep_ == "poss" and last.head.i == head:
                return m.name  # "China's foreign ministry", "Ukraine's ambassador"
            attached = _hangs_from(last, head, source)
            # "US officials", "the General Staff of the KPA"; not "a Washington think tank"
            if attached and (m.kind not in ("demonym", "seat") or word in self.state_nouns | self.body_nouns):
                return m.name
        if not inside and doc[head].is_title:
            # "General Staff: the Russian army lost ..." over "the General Staff of the Armed Forces
            # of Ukraine": the body the article names in full, a part of its state
            bare = without_article(source.text).lower()
            parts = {m.name for m in self.mentions if m.kind == "part" and m.type == "country"
                     and without_article(doc[m.start : m.end].text).lower().startswith(bare + " ")}
            if len(bare) > 3 and len(parts) == 1:
                return parts.pop()
        if (doc[head].pos_ == "PROPN" and doc[head].is_title) or (doc[head].is_upper and len(doc[head]) > 2):
            # "Verhagen, a researcher at ..., said"; a transcript's "MS. SINGH:"
            named = [m for m in self.mentions if m.type == "person" and doc[m.end - 1].lower_ == doc[head].lower_]
            if len({m.name for m in named}) == 1:
                return named[0].name
        tokens = doc[source.start : source.end]
        if not inside and len(tokens) > 1 and all(t.pos_ == "PROPN" and (t.is_title or t.is_upper) for t in tokens):
            return None  # "Xinhua News Agency", "Royal United Services Institute": a name, unknown
        if not inside and word in self.body_nouns and doc.has_annotation("DEP") and self._owner_kind(doc[head]) == "office":
            # "The Prime Minister's Office clarified": the state of the one the article titles so
            owner = next(c for c in doc[head].children if c.dep_ == "poss")
            title = next((c.lower_ for c in owner.children if c.dep_ in ("compound", "amod") and c.i < owner.i), owner.lower_)
            holder = self._introduced_as(title, source.start) or self._introduced_as(title, len(doc))
            if holder is not None and self._affiliation.get(holder):
                return self._affiliation[holder]
        if not inside and word in self.body_nouns and any(
                t.lower_ in self.local_modifiers for t in doc[source.start : head]):
            return None  # "the rescue service", "the city police": a local body, not the state named last
        if not inside and word in self.body_nouns and any(
                t.dep_ == "poss" and t.head.i == head and t.is_title and t.is_alpha and t.pos_ == "PROPN"
                for t in doc[source.start : head]):
            return None  # "Gaza's health ministry": a body of a place or party no state here, not the state named last
        single = source.end - source.start == 1
        before = source.start
        if single and before > 0 and doc[before - 1].text == "," and doc[before].sent.start < before:
            # "That included seven Chinese aircraft ..., it added": who spoke before this
            # sentence, never a name inside what is reported
            before = doc[before].sent.start
        if single and word in PERSON_PRONOUNS:
            unnamed = self._unnamed_speaker_before(before)
            if unnamed is not None:
                return unnamed or None
            if self._unnamed_person_nearer(before):
                return None  # "The prisoner explained that ... “...,” he admitted": the prisoner
            return self._last(before, person=True, pronoun=word)
        if single and word in BODY_PRONOUNS:
            if word == "it":
                after, whose = self._after_report(source.start)
                if after:
                    return whose  # "..., according to the report. It added that ...": the report's
                opener = self._opening_subject(source.start)
                if opener is not None:
                    return opener  # "Sudan’s Armed Forces “aborted the attack” on the RSF, it said"
            return self._last(before, person=False)
        indefinite = doc[source.start].lower_ in ("a", "an", "one")
        phrase = {t.lower_ for t in doc[source.start : source.end]}
        if indefinite and doc.has_annotation("DEP"):  # "a readout released by Japan's foreign ministry"
            agent = self._named_after(doc[head])
            if agent is not None:
                return agent
        if indefinite:  # "a ministry spokesperson", "a senior defense official", "a spokesperson for the mission"
            for t in doc[source.start + 1 : source.end]:
                if t.i != head and t.is_alpha and t.pos_ in ("NOUN", "PROPN", "ADJ") and not inside and \
                        t.lower_ not in _RANKS:
                    found = self._same_noun(t.lower_, source.start, 1)
                    if found is not None:
                        return found
        if indefinite and word == "official" and not inside and source.end - source.start <= 3:
            # "Israeli officials sought to temper expectations. “...,” one official explained": one
            # of the officials of the state the paragraph or the one before named
            text = doc.text
            para = text.rfind("\n\n", 0, max(text.rfind("\n\n", 0, doc[source.start].idx), 0))
            for t in reversed(doc[: source.start]):
                if t.idx < para:
                    break
                if t.lower_ in ("officials", "official") and t.i != source.head:
                    found = next((m.name for m in self.mentions if t.i - 3 <= m.start and m.end <= t.i
                                  and m.type == "country" and m.kind in ("demonym", "name", "alias", "seat")), None)
                    if found is not None:
                        return found
        if indefinite:  # "a ministry spokesperson": someone new, of the body last named
            named = any((t.is_title or t.is_upper and len(t) > 1) and t.pos_ == "PROPN" for t in doc[source.start + 1 : source.end])
            if named and not inside:
                return None  # "a Met Office spokesperson", "a CNN report": of a body named, and no actor
            if "administration" in phrase:
                return None  # "a senior administration official": whose administration is not said
            if phrase & self.body_nouns and not inside and word not in self.person_nouns:
                # "a national task force said", and further on "the Philippine task force said":
                # the one state the article names the body of (not the state named last)
                found = self._state_of_noun_elsewhere(doc[head], source)
                if found is not None:
                    return found
            if phrase & self.body_nouns or (word in _SPOKESPEOPLE and source.end - source.start == 2):
                # "China Coast Guard issued warnings ..., a spokesman said": of the body named
                return self._last(source.start, person=False)
            return None
        if definite and not inside and word == "report":
            # "the report said": the report named before ("a Pentagon report"), or the update or
            # statement given by someone named ("an update from the General Staff of ..."); a news
            # agency's report, or one of no named author, is no actor's
            found = self._same_noun(word, source.start, 1)
            if found is None and doc.has_annotation("DEP"):
                given = next((g for t in reversed(doc[max(0, source.start - 120) : source.start])
                              if t.lower_ in _RELEASES - {"report"} and (g := _release_giver(t)) is not None), None)
                found = self._actor(given) if given is not None else None
            return found if found != "outlet" else None
        if word in DOCUMENTS and not inside and self._joint(source.start, head):
            # "According to a joint statement ... the statement read": the states' together, no
            # one actor's, unless a body of them issued it (a G7 or EU statement is theirs)
            found = [self._last_stated(source.start), self._same_noun(word, source.start, 1) if definite else None]
            return next((f for f in found if f is not None and self.types.get(f) == "organisation"), None)
        if definite and not inside and word in DOCUMENTS:
            # "a critical resolution from the European Parliament ... The resolution stated": the
            # body named with the same noun before; else whoever last stated something
            found = self._same_noun(word, source.start, 1) if word in ("resolution", "letter", "statement") else None
            found = found or self._last_stated(source.start)
            if found is not None:
                return found
        if definite and not inside and word not in self.person_nouns and word in self.state_nouns | self.body_nouns:
            found = self._same_noun(word, source.start)
            if found is None and doc.has_annotation("DEP"):
                # "the US military said ... “...,” the military command said": the body its
                # modifier named before
                found = next((f for c in doc[head].lefts if c.dep_ in ("amod", "compound")
                              and c.lower_ in self.state_nouns | self.body_nouns
                              and (f := self._same_noun(c.lower_, source.start)) is not None), None)
            if found is not None:
                return found
            if word == "official":
                # "The military official stated ...", after the defence minister spoke, no official
                # named before: the person who spoke last, when he holds a post of a state
                last = next((a for pos, a, t in reversed(self.spoken) if pos < source.start), None)
                if last is not None and self.types.get(last) == "person" and (
                        self._affiliation.get(last) or source.verb in _GOING_ON):
                    return last  # ("“...,” the official added": whoever spoke last goes on, known or not)
        if word in _OFFICIALS and not inside and doc.has_annotation("DEP"):
            body = self._body_named_before(doc[head], source.start)
            if body is not None:
                return body  # "The Japan Coast Guard says ... Coast guard officials say": Japan's
        if word in self.person_nouns and not inside and doc.has_annotation("DEP"):
            # "the Prime Minister's official spokesman": someone of the possessor's, not the last
            # person named; and "the spokesman" after him is him again
            noun = doc[head]
            if self._owner_kind(noun) is None and definite:
                noun = next((t for t in reversed(doc[max(0, source.start - 400) : source.start])
                             if t.lower_ == word and self._owner_kind(t) is not None), noun)
            if self._owner_kind(noun) is not None:
                return self._possessed(noun, source.start)
        if word in self.person_nouns and not inside:
            found = self._last(source.start, person=True)
            if found is None and definite:  # "the spokesperson added", after "an MOC spokesperson said"
                found = next((a for pos, a, _t in reversed(self.spoken) if pos < source.start), None)
            if found is None and definite and word in _SPOKESPEOPLE:
                # "declared the spokesperson for Commerce", no person named: the spokesperson of
                # whoever stated something last ("China responded that ... It stated that ...")
                found = self._last_stated(source.start)
            return found
        if word in self.body_nouns:
            if inside:
                return inside[0].name
            if word in self.part_nouns:  # "the ministry said": the state whose ministry was named last
                sent = doc[source.start].sent
                here = [m for m in self.mentions if sent.start <= m.start < source.start and m.type == "country"
                        and m.start > sent.start and doc[m.start - 1].lower_ == "in" and m.start - 1 == sent.start]
                if here:  # "In Russia, the Defense Ministry said ...": that state's ministry
                    return here[0].name
                parts = [m for m in reversed(self.mentions) if m.start < source.start and m.kind == "part"]
                same = [m for m in parts if any(t.lower_ == word for t in doc[m.start : m.end])]
                if same or (parts and word not in self.org_nouns):
                    return (same or parts)[0].name
            if word in self.state_part_nouns:  # "the Interior Ministry said": a state's, never the EU's
                return self._last_of(source.start, ("country",), None)
            return self._last(source.start, person=False, organisation=word in self.org_nouns)
        return None
