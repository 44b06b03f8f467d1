"""Who said it: the source of a sentence, shared by figures and quotations.

Rules, in order: "according to X"; else the subject of a reporting verb ("Ukraine's ambassador
said", "said the minister") from the dependency parse, preferring the verb that governs the
given token; without a parser, the capitalised words just before the first reporting verb.
Pronoun subjects ("he said") resolve to the nearest person named before the sentence.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Span, Token

_STOP = {",", ";", ":", "(", ")", "—", "–", "that", "who", "which", "\"", "“", "”"}
MAX_WORDS = 10


@dataclass(frozen=True, slots=True)
class Source:
    text: str
    verb: str | None
    start: int  # token span of the source phrase in the doc
    end: int
    head: int | None = None  # the phrase's head token ("ambassador" in "Ukraine's ambassador")


def _span_text(tokens: list[Token]) -> str:
    return "".join(t.text + t.whitespace_ for t in tokens).strip()


def _subject_words(subj: Token) -> list[Token]:
    """The subject phrase without relative clauses or appositions ("X, who ..., said")."""
    drop: set[int] = set()
    for t in subj.subtree:
        if t is not subj and t.dep_ in ("relcl", "acl", "appos"):
            drop.update(x.i for x in t.subtree)
    words = [t for t in subj.subtree if t.i not in drop and not (t.dep_ == "punct" and t.text in _STOP)]
    while words and words[-1].is_punct:
        words.pop()
    return words


def _previous_person(sent: Span) -> Source | None:
    for m in reversed(sent.doc._.actor_mentions or []):
        if m[0] < sent.start and m[4] == "person":
            return Source(m[2], None, m[0], m[1])
    return None


def find_source(sent: Span, speech_verbs: set[str], anchor: Token | None = None, *, pronouns: bool = False) -> Source | None:
    """The source of ``sent`` (for ``anchor``, a token in it), or None when none is given."""
    lowers = [t.lower_ for t in sent]
    for k in range(len(lowers) - 1):
        if lowers[k] == "according" and lowers[k + 1] == "to":
            words = []
            for t in sent[k + 2 :]:
                if t.text in _STOP or len(words) >= MAX_WORDS or t.pos_ == "VERB":
                    break
                words.append(t)
            if words:
                return Source(_span_text(words), "according to", words[0].i, words[-1].i + 1)
    verbs = [t for t in sent if t.lower_ in speech_verbs]
    if not verbs:
        return None
    doc = sent.doc
    if doc.has_annotation("DEP"):
        # the nearest verb governing the anchor first ("Ukraine says ... where Zelensky says
        # 11,000 troops ..." -> Zelensky), then the others in text order
        depth = {t.i: n for n, t in enumerate(anchor.ancestors)} if anchor is not None else {}
        verbs.sort(key=lambda v: (depth.get(v.i, len(depth) + 1), v.i))
        for verb in verbs:
            subj = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
            if not subj:
                continue
            if anchor is not None and subj[0].left_edge.i <= anchor.i <= subj[0].right_edge.i:
                continue  # the figure is the subject ("thousands of soldiers are reported")
            if subj[0].pos_ == "PRON":
                if pronouns and subj[0].lower_ in ("he", "she"):
                    prev = _previous_person(sent)
                    if prev:
                        return Source(prev.text, verb.lower_, prev.start, prev.end, prev.start)
                continue
            words = _subject_words(subj[0])[-MAX_WORDS:]
            if words:
                return Source(_span_text(words), verb.lower_, words[0].i, words[-1].i + 1, subj[0].i)
        return None
    verb = verbs[0]
    words: list[Token] = []
    for t in reversed(sent[: verb.i - sent.start]):
        if t.text in _STOP or len(words) >= 6:
            break
        words.insert(0, t)
    if any(t.text[:1].isupper() for t in words):
        return Source(_span_text(words), verb.lower_, words[0].i, words[-1].i + 1)
    return None
