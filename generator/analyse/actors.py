"""spaCy component ``digest_actors``: resolve every mention of an actor to its canonical name.

Reads the gazetteer (names, aliases, demonyms, seats of government, short forms, context-bound
ambiguous names), then adds the statistical model's PERSON/ORG/GPE entities it does not know.
Sets ``doc._.actor_mentions``: a list of
``[start_token, end_token, name, kind, type, affiliation, known, chain]`` where ``chain`` is the
actor and everything it belongs to ("Xi Jinping", "China").

Resolution rules, in order (see the methodology page):
1. Gazetteer names, aliases, demonyms and seats, matched as written; the longest match wins.
2. Ambiguous names ("Georgia", "the South") only when a context word appears in the article.
3. Short forms ("Xi", "Kim") go to the person whose full name the article already used (the
   nearest before, else the first after); else, after a title ("President Xi"), to the only
   person with that short form; otherwise they stay unresolved rather than guessed.
4. Entities found by the model that the gazetteer does not know become actors of their own
   (news outlets and known false friends excepted); a lone surname joins an earlier full name.
"""

from __future__ import annotations

import re

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from generator.analyse.gazetteer import Gazetteer, load_gazetteer

if not Doc.has_extension("actor_mentions"):
    Doc.set_extension("actor_mentions", default=None)

_NER_TYPES = {"PERSON": "person", "ORG": "organisation", "GPE": "place"}
_KIND_RANK = {"name": 0, "alias": 0, "seat": 1, "demonym": 1, "context": 2, "short": 3}


def _variants(text: str) -> set[str]:
    """The alias as written, and with a capital first letter when it starts lowercase."""
    out = {text}
    if text[:1].islower():
        out.add(text[:1].upper() + text[1:])
    return out


class ActorResolver:
    def __init__(self, nlp: Language, name: str, gazetteer: Gazetteer, *, keep_unknown: bool = True):
        self.name = name
        self.gazetteer = gazetteer
        self.keep_unknown = keep_unknown
        self.actors = gazetteer.by_name()
        self.matcher = PhraseMatcher(nlp.vocab, attr="ORTH")
        self.short_owners: dict[str, list[str]] = {}
        self.contexts: dict[str, tuple[re.Pattern, str]] = {}
        known_forms: set[str] = set()
        for actor in gazetteer.actors:
            bound = {alias for alias, _ in actor.context_aliases}  # matched only in context
            groups = {
                "name": [actor.name] if actor.name not in bound else [],
                "alias": list(actor.aliases),
                "demonym": list(actor.demonyms),
                "seat": list(actor.seats),
            }
            for kind, forms in groups.items():
                docs = [nlp.make_doc(v) for f in forms for v in _variants(f)]
                if docs:
                    self.matcher.add(f"{kind}\t{actor.name}", docs)
                known_forms.update(f.lower() for f in forms)
            for short in actor.short:
                self.short_owners.setdefault(short, []).append(actor.name)
            for i, (alias, context) in enumerate(actor.context_aliases):
                key = f"context\t{actor.name}\t{i}"
                self.matcher.add(key, [nlp.make_doc(v) for v in _variants(alias)])
                words = "|".join(re.escape(w) for w in sorted(context, key=len, reverse=True))
                self.contexts[key] = (re.compile(rf"(?<!\w)(?:{words})(?!\w)"), alias)
                known_forms.add(alias.lower())
        for short in self.short_owners:
            self.matcher.add(f"short\t{short}", [nlp.make_doc(short)])
        self.titles = {tuple(t.split()) for t in gazetteer.titles}
        self.max_title = max((len(t) for t in self.titles), default=1)
        self.ignore = {s.lower() for s in (*gazetteer.sources, *gazetteer.not_actors)} | (
            known_forms - {s.lower() for s in self.short_owners}
        )
        self.chains = {a.name: gazetteer.affiliations(a.name) for a in gazetteer.actors}

    # ------------------------------------------------------------------ helpers
    def _has_title_before(self, doc: Doc, start: int) -> bool:
        for n in range(1, self.max_title + 1):
            if start - n < 0:
                break
            words = tuple(t.text for t in doc[start - n : start])
            if words in self.titles:
                return True
        return False

    def _resolve_short(self, doc: Doc, start: int, short: str, full: list[tuple[int, str]]) -> str | None:
        owners = self.short_owners.get(short, [])
        seen = [(pos, name) for pos, name in full if name in owners]
        if seen:
            before = [p for p in seen if p[0] < start]
            return (before[-1] if before else seen[0])[1]
        if len(owners) == 1 and self._has_title_before(doc, start):
            return owners[0]
        return None

    def _mention(self, start: int, end: int, name: str, kind: str) -> list:
        actor = self.actors[name]
        return [start, end, name, kind, actor.type, actor.affiliation, True, list(self.chains[name])]

    # ------------------------------------------------------------------ component
    def __call__(self, doc: Doc) -> Doc:
        vocab = doc.vocab.strings
        candidates: list[tuple[Span, str, str]] = []  # (span, actor name, kind)
        shorts: list[tuple[Span, str]] = []
        text = doc.text
        for match_id, start, end in self.matcher(doc):
            key = vocab[match_id]
            kind, _, rest = key.partition("\t")
            span = doc[start:end]
            if kind == "short":
                shorts.append((span, rest))
            elif kind == "context":
                pattern, alias = self.contexts[key]
                # the alias itself must not be the only context: drop its own occurrences first
                if pattern.search(text.replace(alias, " ")):
                    candidates.append((span, rest.split("\t")[0], "context"))
            else:
                candidates.append((span, rest, kind))

        # Longest span wins; among equal spans the better kind (names before short forms).
        ranked = sorted(candidates, key=lambda c: (-(c[0].end - c[0].start), _KIND_RANK[c[2]], c[1]))
        taken: set[int] = set()
        resolved: list[tuple[int, int, str, str]] = []
        for span, name, kind in ranked:
            if any(i in taken for i in range(span.start, span.end)):
                continue
            taken.update(range(span.start, span.end))
            resolved.append((span.start, span.end, name, kind))

        full = sorted((s, n) for s, _, n, k in resolved if self.actors[n].type == "person")
        for span, short in sorted(shorts, key=lambda s: s[0].start):
            if any(i in taken for i in range(span.start, span.end)):
                continue
            name = self._resolve_short(doc, span.start, short, full)
            if name:
                taken.update(range(span.start, span.end))
                resolved.append((span.start, span.end, name, "short"))

        mentions = [self._mention(s, e, n, k) for s, e, n, k in resolved]
        if self.keep_unknown and doc.has_annotation("ENT_IOB"):
            mentions.extend(self._unknown_entities(doc, taken))
        mentions.sort(key=lambda m: (m[0], m[1]))
        doc._.actor_mentions = mentions
        return doc

    def _unknown_entities(self, doc: Doc, taken: set[int]) -> list[list]:
        out: list[list] = []
        surnames: dict[str, str] = {}
        spans = filter_spans([e for e in doc.ents if e.label_ in _NER_TYPES])
        for ent in spans:
            if any(i in taken for i in range(ent.start, ent.end)):
                continue
            tokens = list(ent)
            while tokens and tokens[0].lower_ in ("the", "a", "an"):
                tokens.pop(0)
            while tokens and (tokens[-1].lower_ in ("'s", "’s", "'") or tokens[-1].is_punct):
                tokens.pop()
            if not tokens:
                continue
            name = " ".join(t.text for t in tokens) if len(tokens) > 1 else tokens[0].text
            name = re.sub(r"\s+([-’'])\s*", r"\1", name) if "-" in name else name
            if (
                len(name) < 2
                or not name[0].isupper()
                or any(ch.isdigit() for ch in name)
                or name.lower() in self.ignore
                or "\n" in name
            ):
                continue
            kind = _NER_TYPES[ent.label_]
            start, end = tokens[0].i, tokens[-1].i + 1
            owners = self.short_owners.get(name, [])
            if len(owners) == 1 and kind != "place":
                # the model says it is a name ("the Trump administration"): the one known
                # person with that short form
                out.append(self._mention(start, end, owners[0], "short"))
                continue
            if kind == "person":
                if len(tokens) == 1:
                    if name in surnames:
                        name = surnames[name]
                    else:
                        continue  # a lone name with no full form is too ambiguous to index
                else:
                    surnames[tokens[-1].text] = name
            out.append([start, end, name, "entity", kind, None, False, [name]])
        return out


@Language.factory(
    "digest_actors",
    assigns=["doc._.actor_mentions"],
    default_config={"gazetteer_paths": [], "keep_unknown": True},
)
def make_actor_resolver(nlp: Language, name: str, gazetteer_paths: list[str], keep_unknown: bool) -> ActorResolver:
    return ActorResolver(nlp, name, load_gazetteer(tuple(gazetteer_paths)), keep_unknown=keep_unknown)
