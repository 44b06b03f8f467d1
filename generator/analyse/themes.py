"""spaCy component ``digest_themes``: find the sentences that support each theme.

A sentence is evidence for a theme when it holds a term of every group of one of the theme's
rules ("troops" and "deployed"), or matches one of its token patterns. Groups may name actors
from ``doc._.actor_mentions``: "@China" is China itself, "@China+" China or anyone affiliated
with it (Xi Jinping, the PLA), "@*" any known actor. A negated or denied verb ("did not send",
"denied sending") is not evidence, unless the theme keeps negated terms ("has not condemned" is
a stance). A theme's ``holder`` group must hold what the rule's other
terms say: "China opposes the duties" is China's stance, "the US opposes China's duties" is
not (read from the parse; without one the condition is not applied). Sets
``doc._.theme_evidence``: ``{theme id: [[sentence index, [rule names]], ...]}``. Whether the
evidence is enough (``min_score``; lead sentences count twice) is decided when the Doc becomes
an AnalysedArticle, where the article's lead is known.
"""

from __future__ import annotations

from collections import defaultdict

from spacy.language import Language
from spacy.matcher import Matcher
from spacy.tokens import Doc

from generator.analyse.lexicon import load_lexicon
from generator.analyse.taxonomy import Taxonomy, load_taxonomy
from generator.analyse.terms import TermIndex

if not Doc.has_extension("theme_evidence"):
    Doc.set_extension("theme_evidence", default=None)


class ThemeDetector:
    def __init__(self, nlp: Language, name: str, taxonomy: Taxonomy, reporting: tuple[str, ...] = ()):
        self.name = name
        self.taxonomy = taxonomy
        self.reporting = frozenset(w.lower() for w in reporting if " " not in w)
        # (theme, group) whose terms name people that count only when they do not speak
        self.not_speaking = {(theme.id, g) for theme in taxonomy.themes for g in theme.not_speaker}
        self.not_in_names = {(theme.id, g) for theme in taxonomy.themes for g in theme.not_in_names}
        self.matcher = Matcher(nlp.vocab)  # the token patterns of the taxonomy (few)
        self.keep_negated = {theme.id for theme in taxonomy.themes if theme.keep_negated}
        # actor name (or "*") -> the (theme, group) keys it satisfies
        self.actor_groups: dict[str, list[tuple[str, str]]] = defaultdict(list)
        groups: dict[str, list[str]] = {}
        for theme in taxonomy.themes:
            for group, terms in theme.terms:
                for t in terms:
                    if t.startswith("@"):
                        self.actor_groups[t[1:]].append((theme.id, group))  # "China" or "China+"
                words = [t for t in terms if not t.startswith("@")]
                if words:
                    groups[f"{theme.id}\tgroup\t{group}"] = words
            for i, pattern in enumerate(theme.patterns):
                self.matcher.add(f"{theme.id}\tpattern\tpattern-{i + 1}", [list(pattern)])
        self.terms = TermIndex(nlp, groups)

    def __call__(self, doc: Doc) -> Doc:
        sent_of = _sentence_index(doc)
        groups: dict[int, set[tuple[str, str]]] = defaultdict(set)
        where: dict[tuple[int, str, str], list[tuple[int, int]]] = defaultdict(list)  # token spans of a group
        patterns: dict[int, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
        strings = doc.vocab.strings
        parsed = doc.has_annotation("DEP")
        found = self.terms.find(doc) + [(start, end, strings[m]) for m, start, end in self.matcher(doc)]
        for start, _end, key in found:
            theme_id, what, label = key.split("\t")
            if parsed and what == "group" and (theme_id, label) in self.not_in_names and _end - start == 1 \
                    and _in_a_name(doc[start]):
                continue  # "the Met Office": a name's word, not "met"
            if parsed and theme_id not in self.keep_negated and _negated(doc[start]):
                continue  # "did not send troops", "denied sending weapons": not evidence of it
            if parsed and what == "group" and (theme_id, label) in self.not_speaking and _speaking(
                    doc[_end - 1], self.reporting):
                continue  # "diplomats said", "Foreign Minister X said": a source, no diplomatic event
            s = sent_of[start]
            if what == "group":
                groups[s].add((theme_id, label))
                where[s, theme_id, label].append((start, _end))
            else:
                patterns[s][theme_id].add(label)
        for m in doc._.actor_mentions or []:
            s = sent_of[m.start]
            keys = list(self.actor_groups.get(m.name, ()))  # "@China": China itself
            for actor in m.chain:  # "@China+": China or anyone affiliated with it (Xi Jinping)
                keys.extend(self.actor_groups.get(actor + "+", ()))
            if m.known and m.type != "place":  # known actors satisfy "@*"
                keys.extend(self.actor_groups.get("*", ()))
            groups[s].update(keys)
            for theme_id, label in keys:
                where[s, theme_id, label].append((m.start, m.end))

        evidence: dict[str, list[list]] = {}
        for theme in self.taxonomy.themes:
            found = []
            for s in sorted(set(groups) | set(patterns)):
                why = sorted(patterns[s].get(theme.id, ())) if s in patterns else []
                present = groups.get(s, set())
                # "Japan's Defense Ministry requested a budget for missiles": not aid
                vetoed = any((theme.id, g) in present for g in theme.unless)
                for rule in theme.rules:
                    if (len(rule) == 1 or not vetoed) and all((theme.id, g) in present for g in rule):
                        if parsed and theme.holder in rule and len(rule) > 1 and not _held(
                                doc, where[s, theme.id, theme.holder],
                                [span for g in rule if g != theme.holder for span in where[s, theme.id, g]]):
                            continue  # "the US opposes China's duties": not China's stance
                        why.append("+".join(rule))
                if why:
                    found.append([s, why])
            if found:
                evidence[theme.id] = found
        doc._.theme_evidence = evidence
        return doc


def _in_a_name(token) -> bool:
    """A capitalised word inside a name, before its head ("Met" in "the Met Office"), not a term
    of its own."""
    return (token.is_title and token.dep_ == "compound" and token.head.i > token.i
            and token.head.pos_ == "PROPN" and token.head.is_title and token.ent_type_ in ("ORG", "FAC", "GPE", "LOC"))


_DENIALS = {"deny", "denies", "denied", "denying", "refuse", "refuses", "refused", "refusing", "rejected"}


def _negated(token) -> bool:
    """A verb that is negated ("not provide") or denied ("denied sending")."""
    if token.pos_ not in ("VERB", "AUX"):
        return False
    if any(c.dep_ == "neg" for c in token.children):
        return True
    return token.dep_ in ("xcomp", "ccomp", "pcomp", "dobj") and token.head.lower_ in _DENIALS


_SUBJECTS = {"nsubj", "nsubjpass", "csubj", "csubjpass", "expl"}
_NOMINAL = {"NOUN", "PROPN", "ADJ", "PRON", "NUM"}


def _held(doc: Doc, holders: list[tuple[int, int]], said: list[tuple[int, int]]) -> bool:
    """Whether a holder span holds one of the said spans: it is in the subject of the clause of
    the said term or of a clause above it ("China said it opposes ..."), or it sits inside the
    said term's own phrase when that is a noun ("China's position", "the Chinese foreign
    ministry")."""
    held_tokens = {i for start, end in holders for i in range(start, end)}
    for start, end in said:
        term = doc[end - 1]
        if any(i in held_tokens for i in range(start, end)):
            return True  # one word is both ("the Chinese foreign ministry" as a whole)
        if term.pos_ in _NOMINAL and any(t.i in held_tokens for t in _own_phrase(term)):
            return True  # "China's position", "the position of China"; not "concerns about China"
        if term.dep_ in ("compound", "amod", "appos") and term.head.i in held_tokens:
            return True  # "Foreign Ministry Spokesperson Mao Ning": a title of the holder's
        for head in (term, *term.ancestors):
            for child in head.children:
                if child.dep_ in _SUBJECTS and any(t.i in held_tokens for t in child.subtree):
                    return True
    return False


# a noun's complement after these is what the noun is about, not who holds it: "concerns about
# Beijing's drills", "support for China", "pressure on Beijing" ("of", "from", "by" can name the holder)
_ABOUT = {"about", "on", "over", "toward", "towards", "against", "with", "to", "for", "at", "in",
          "into", "regarding", "concerning", "around"}


def _own_phrase(term):
    """The tokens of a noun's phrase that can name who holds it: the noun, its possessor and
    modifiers, and its complements, except one after a preposition of topic ("about", "on")."""
    yield term
    for child in term.children:
        if child.dep_ == "prep" and child.lower_ in _ABOUT:
            continue
        if child.dep_ in ("acl", "relcl"):
            # "a statement criticising the China Coast Guard": whom the clause is about, not who
            # holds the statement; only its agent is ("a statement issued by Beijing")
            for agent in (g for g in child.children if g.dep_ == "agent"):
                yield from agent.subtree
            continue
        yield from child.subtree


def _speaking(token, reporting: frozenset[str]) -> bool:
    """Whether a word naming people names the one who says something: it is (in) the subject of a
    reporting verb ("diplomats said", "Foreign Minister Peter Szijjarto said", "the ambassador
    condemned ... and said"), or the source after "according to"."""
    t = token
    while t.dep_ in _IN_PHRASE and t.head is not t:
        if t.dep_ == "pobj" and t.head.lower_ == "to" and t.head.head.lower_ == "according":
            return True
        t = t.head
    if t.dep_ != "nsubj":
        return False
    verb = t.head
    return any(v.lower_ in reporting for v in (verb, *(c for c in verb.children if c.dep_ == "conj")))


_IN_PHRASE = {"compound", "amod", "appos", "prep", "pobj", "conj", "poss", "nmod"}


def _sentence_index(doc: Doc) -> list[int]:
    out = [0] * len(doc)
    for i, sent in enumerate(doc.sents):
        for t in range(sent.start, sent.end):
            out[t] = i
    return out


@Language.factory("digest_themes", assigns=["doc._.theme_evidence"],
                  default_config={"taxonomy_paths": [], "lexicon_path": None})
def make_theme_detector(nlp: Language, name: str, taxonomy_paths: list[str],
                        lexicon_path: str | None) -> ThemeDetector:
    return ThemeDetector(nlp, name, load_taxonomy(tuple(taxonomy_paths)), load_lexicon(lexicon_path).reporting)
