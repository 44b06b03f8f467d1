"""spaCy component ``digest_actors``: resolve every mention of an actor to its canonical name.

Reads the knowledge base (names, aliases, demonyms, seats of government, parts of states,
short forms, offices, context-bound ambiguous names), then adds the statistical model's
PERSON/ORG/GPE entities it does not know, cleaned and typed. Sets ``doc._.actor_mentions``: a
list of ``ActorMention`` (see ``spans.py``).

Resolution rules, in order (see the methodology page):
1. Knowledge-base names, aliases, demonyms, seats and parts of states, matched as written; the
   longest match wins. A seat used as a location ("talks in Beijing", "a Seoul-based
   institute") is a place, not the government.
2. Ambiguous names ("Georgia", "the South") only when a context word appears in the article.
3. Offices: a role after a country, demonym or seat ("the Chinese leader", "the Kremlin
   spokesman") is its holder on the article's date (``roles.py``).
4. Short forms ("Xi", "Kim") go to the person whose full name the article already used (the
   nearest before, else the first after); else, after a title ("Foreign Minister Wang", "Mr
   Albanese"), to the one person with that short form whose offices fit the title and date;
   otherwise they stay unresolved rather than guessed.
5. Entities found by the model that the knowledge base does not know are cleaned (titles,
   possessives, stray apostrophes) and typed: a known place is a place; news outlets, companies
   and generic words are not actors; a lone surname joins an earlier full name. Whether such a
   name becomes an actor is decided per article, on evidence (``pipeline.doc_to_article``).
"""

from __future__ import annotations

import re

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span

from generator.analyse.gazetteer import Gazetteer, load_gazetteer
from generator.analyse.lexicon import Lexicon, load_lexicon
from generator.analyse.roles import POSSESSIVE, RoleIndex
from generator.analyse.spans import ActorMention

_NER_TYPES = {"PERSON": "person", "ORG": "organisation", "GPE": "place", "LOC": "place", "FAC": "place"}
_KIND_RANK = {"name": 0, "alias": 0, "seat": 1, "part": 1, "demonym": 1, "context": 2, "short": 3}
# kinds: ..., "location": a country named as a place ("talks in Riyadh", "plants in Spain")
_LOCATIVE = {"in", "at", "near", "outside", "around", "across", "inside", "throughout", "via"}
# "the war in Ukraine", "investment in China": the country is what the story is about
_AFFAIRS = {"war", "conflict", "fighting", "invasion", "crisis", "situation", "peace", "aggression",
            "offensive", "operation", "operations", "interests", "interest", "investment", "investments",
            "stability", "instability", "role", "influence", "election", "elections", "involvement",
            "interference", "intervention", "presence", "sell", "sells", "selling", "sold", "invest",
            "invested", "investing", "involved", "interfere", "meddling", "rights", "abuses", "policy"}
_COURTESY = {"mr", "mr.", "mrs", "mrs.", "ms", "ms.", "miss", "dr", "dr."}
_APOSTROPHES = ("’", "'")


def _variants(text: str) -> set[str]:
    """The alias as written, and with a capital first letter when it starts lowercase."""
    out = {text}
    if text[:1].islower():
        out.add(text[:1].upper() + text[1:])
    return out


_EAST_ASIAN_NAME = re.compile(r"^[A-Z][a-z]{1,6} [A-Z][a-z]+-[a-z]+$")  # "Cha Min-seok", "Han Soo-min"
_QUOTE_MARKS = "\"“”‘’'"


def _quoted_name(doc: Doc, start: int, end: int) -> bool:
    """Whether tokens ``start:end`` are the whole of a quotation ("the "Freedom Edge" drills")."""
    before = doc[start - 1].text if start > 0 else ""
    after = doc[end].text if end < len(doc) else ""
    return bool(before) and bool(after) and before[-1] in _QUOTE_MARKS and after[0] in _QUOTE_MARKS


def surname(tokens: Span) -> str:
    """The family name of a full name: the last word, or the first where the given name is
    hyphenated in the East Asian order ("Cha Min-seok" -> "Cha")."""
    if len(tokens) > 2 and any(t.text == "-" for t in tokens[1:]) and tokens[0].is_title:
        return tokens[0].text
    return tokens[-1].text


def tidy_name(text: str) -> str:
    """A name as web extraction spaced it, mended: "Workers ’ Party" -> "Workers' Party"."""
    text = re.sub(r"\s+([’'])(\s*s\b|\s+)", lambda m: m.group(1) + (m.group(2).strip() or " "), text)
    return " ".join(text.replace("’", "'").split())


class ActorResolver:
    def __init__(self, nlp: Language, name: str, gazetteer: Gazetteer, *, keep_unknown: bool = True,
                 lexicon: Lexicon | None = None):
        self.name = name
        self.gazetteer = gazetteer
        self.keep_unknown = keep_unknown
        lexicon = lexicon or load_lexicon(None)
        self.actors = gazetteer.by_name()
        self.roles = RoleIndex(gazetteer)
        self.matcher = PhraseMatcher(nlp.vocab, attr="ORTH")
        self.short_owners: dict[str, list[str]] = {}
        self.contexts: dict[str, tuple[re.Pattern, str]] = {}
        self.by_form: dict[str, str] = {}  # lowercase known form -> actor (for the model's entities)
        for actor in gazetteer.actors:
            bound = {alias for alias, _ in actor.context_aliases}  # matched only in context
            groups = {
                "name": [actor.name] if actor.name not in bound else [],
                "alias": list(actor.aliases),
                "demonym": list(actor.demonyms),
                "seat": list(actor.seats),
                "part": list(actor.parts),
            }
            for kind, forms in groups.items():
                docs = [nlp.make_doc(v) for f in forms for v in _variants(f)]
                if docs:
                    self.matcher.add(f"{kind}\t{actor.name}", docs)
                if kind not in ("demonym", "seat"):  # a city the model finds stays a city
                    for f in forms:
                        self.by_form.setdefault(tidy_name(f).lower(), actor.name)
            for short in actor.short:
                self.short_owners.setdefault(short, []).append(actor.name)
            for i, (alias, context) in enumerate(actor.context_aliases):
                key = f"context\t{actor.name}\t{i}"
                self.matcher.add(key, [nlp.make_doc(v) for v in _variants(alias)])
                words = "|".join(re.escape(w) for w in sorted(context, key=len, reverse=True))
                self.contexts[key] = (re.compile(rf"(?<!\w)(?:{words})(?!\w)"), alias)
        for short in self.short_owners:
            self.matcher.add(f"short\t{short}", [nlp.make_doc(short)])
        self.titles = {tuple(t.lower().split()) for t in gazetteer.titles} | set(self.roles.phrases)
        self.max_title = max((len(t) for t in self.titles), default=1)
        self.ignore = {s.lower() for s in (*gazetteer.sources, *gazetteer.not_actors)}
        self.places = gazetteer.places
        self.company_words = {w.lower() for w in gazetteer.company_words}
        self.part_words = {w.lower() for w in gazetteer.part_words}
        self.commentator_words = {w.lower() for w in gazetteer.commentator_words}
        self.place_words = {w.lower() for w in gazetteer.place_words}
        self.chains = {a.name: gazetteer.affiliations(a.name) for a in gazetteer.actors}
        self.speech_verbs = {v.lower() for v in lexicon.speech_verbs if " " not in v}

    # ------------------------------------------------------------------ helpers
    def _title_before(self, doc: Doc, start: int) -> tuple[str, ...] | None:
        """The title words just before ``start`` ("Secretary of State", "Mr"), if any."""
        for n in range(min(self.max_title, start), 0, -1):
            words = tuple(t.lower_ for t in doc[start - n : start])
            if words in self.titles:
                return words
        return None

    def _resolve_short(self, doc: Doc, start: int, short: str, full: list[tuple[int, str]], named: set[str]) -> str | None:
        owners = self.short_owners.get(short, [])
        seen = [(pos, name) for pos, name in full if name in owners]
        if seen:
            before = [p for p in seen if p[0] < start]
            return (before[-1] if before else seen[0])[1]
        title = self._title_before(doc, start)
        if title is None:
            return None
        if len(owners) == 1:
            return owners[0]
        day = doc._.article_date
        roles = self.roles.phrases.get(title)
        fitting = [o for o in owners if self.roles.fits(o, roles)] if roles else list(owners)
        if day is not None:
            in_office = [o for o in fitting if any(off.held_on(day) for off in self.actors[o].offices)]
            fitting = in_office or ([] if roles else fitting)
        return fitting[0] if len(fitting) == 1 else None

    def _mention(self, start: int, end: int, name: str, kind: str) -> ActorMention:
        actor = self.actors[name]
        return ActorMention(start, end, name, kind, actor.type, actor.affiliation, True, self.chains[name])

    @staticmethod
    def _locative(doc: Doc, start: int, end: int) -> bool:
        """A seat used as a place: "in Beijing", "a Seoul-based", "Beijing time"."""
        if start > 0 and doc[start - 1].lower_ in _LOCATIVE:
            return True
        nxt = doc[end].lower_ if end < len(doc) else ""
        return nxt in ("-based", "time") or (nxt == "-" and end + 1 < len(doc) and doc[end + 1].lower_ == "based")

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
            elif kind == "seat" and self._locative(doc, start, end):
                continue
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

        people = [(s, n) for s, _, n, _k in resolved if self.actors[n].type == "person"]
        named = {n for _, n in people}
        resolved.extend(self._roles(doc, resolved, taken, named))
        full = sorted((s, n) for s, _, n, k in resolved if self.actors[n].type == "person" and k != "role")
        for span, short in sorted(shorts, key=lambda s: s[0].start):
            if any(i in taken for i in range(span.start, span.end)):
                continue
            name = self._resolve_short(doc, span.start, short, full, named)
            if name:
                taken.update(range(span.start, span.end))
                resolved.append((span.start, span.end, name, "short"))

        resolved = self._locations(doc, resolved)
        taken.update(self._datelines(doc, taken))
        mentions = [self._mention(s, e, n, k) for s, e, n, k in resolved]
        if self.keep_unknown and doc.has_annotation("ENT_IOB"):
            mentions.extend(self._unknown_entities(doc, taken, mentions))
        if doc.has_annotation("DEP"):
            mentions.extend(self._unnamed_speakers(doc, taken))
        mentions.extend(self._surnames(doc, taken, mentions))
        mentions.sort(key=lambda m: (m.start, m.end))
        doc._.actor_mentions = mentions
        return doc

    @staticmethod
    def _datelines(doc: Doc, taken: set[int]) -> set[int]:
        """The place of a dateline ("SEOUL, Nov 4 (Yonhap) -", "KYIV (Reuters) -") at the start of a
        paragraph: where the report was filed, never an actor."""
        out = set()
        for tok in doc:
            if tok.i in taken or not (tok.i == 0 or "\n" in doc[tok.i - 1].text):
                continue
            j = tok.i
            while j < len(doc) and doc[j].is_upper and doc[j].is_alpha and len(doc[j].text) > 1:
                j += 1
            if j > tok.i and j < len(doc) and doc[j].text in (",", "(", "-", "—", "–", ":"):
                out.update(range(tok.i, j))
        return out

    def _locations(self, doc: Doc, resolved: list) -> list:
        """A country named as where something is ("plants in Spain, South Africa and
        Lithuania") is marked ``location``: it names the actor only if named otherwise too."""
        out = []
        previous_end, previous_located = -1, False
        for start, end, name, kind in sorted(resolved):
            located = False
            if self.actors[name].type == "country" and kind in ("name", "alias"):
                prep = doc[start - 1] if start > 0 else None
                if prep is not None and prep.lower_ in _LOCATIVE and prep.head.lower_ not in _AFFAIRS:
                    located = True
                elif previous_located and all(t.text == "," or t.lower_ in ("and", "or") for t in doc[previous_end:start]):
                    located = True  # the rest of the list
            out.append((start, end, name, "location" if located else kind))
            previous_end, previous_located = end, located
        return out

    def _roles(self, doc: Doc, resolved: list, taken: set[int], named: set[str]) -> list[tuple[int, int, str, str]]:
        """Offices after a state or body: "the Chinese leader", "Russia's foreign minister"."""
        out = []
        day = doc._.article_date
        for start, end, name, kind in sorted(resolved):
            actor = self.actors[name]
            of = name if actor.type in ("country", "organisation") else None
            if of is None:
                continue
            i = end
            while i < len(doc) and doc[i].text in POSSESSIVE:
                i += 1
            sent_end = doc[start].sent.end if doc.has_annotation("SENT_START") else len(doc)
            found = self.roles.phrase_at(doc, i, sent_end)
            if not found:
                continue
            role_end, roles = found
            if role_end < len(doc) and (role_end in taken or doc[role_end].is_title or doc[role_end].text in POSSESSIVE):
                continue  # "Chinese President Xi Jinping": the name follows; "... minister's"
            if any(t in taken for t in range(i, role_end)):
                continue
            holder = self.roles.holder(roles, of, day, named)
            if holder:
                taken.update(range(i, role_end))
                out.append((i, role_end, holder, "role"))
        return out

    def _unnamed_speakers(self, doc: Doc, taken: set[int]) -> list[ActorMention]:
        """A name the model missed that speaks: the proper-noun subject of a reporting verb
        ("Cha Min-seok, a research fellow at the institute, said")."""
        out = []
        for tok in doc:
            if tok.lower_ not in self.speech_verbs:
                continue
            subjects = [c for c in tok.children if c.dep_ == "nsubj"]
            subjects += [a for c in subjects for a in c.children if a.dep_ == "appos"]  # "Its spokesman, Liu Dejun,"
            for subj in subjects:
                if subj.pos_ != "PROPN" or subj.i in taken or not subj.text[:1].isupper():
                    continue
                parts = [t for t in subj.subtree if t.i <= subj.i and (t.dep_ in ("compound", "punct") or t is subj)
                         and (t.pos_ == "PROPN" or t.text == "-")]
                if not parts:
                    continue
                start, end = parts[0].i, subj.i + 1
                while end + 1 < len(doc) and doc[end].text == "-" and not doc[end - 1].whitespace_ and doc[end + 1].is_alpha:
                    end += 2
                span = doc[start:end]
                words = [t for t in span if t.is_alpha]
                if len(words) < 2 or any(i in taken for i in range(start, end)) or any(
                    (t.lower_,) in self.titles for t in span
                ):
                    continue
                name = tidy_name(span.text)
                name = re.sub(r"\s*-\s*", "-", name)
                if name.lower() in self.ignore or name in self.places:
                    continue
                taken.update(range(start, end))
                out.append(ActorMention(start, end, name, "entity", "person", None, False, (name,)))
        return out

    def _surnames(self, doc: Doc, taken: set[int], mentions: list[ActorMention]) -> list[ActorMention]:
        """A surname alone after its person's full name ("Tennant said"), when one person of the
        article has it and the model did not mark it."""
        owners: dict[str, set[ActorMention]] = {}
        first: dict[str, int] = {}
        for m in mentions:
            if m.type == "person" and m.end - m.start > 1 and m.kind != "role":
                keys = {surname(doc[m.start : m.end])}
                if m.end - m.start == 2 and len(doc[m.start].text) <= 5:
                    keys.add(doc[m.start].text)  # "Liu Dejun", "Wang Yi": the family name first
                for last in keys:
                    if last[:1].isupper() and len(last) > 1:
                        owners.setdefault(last, set()).add(m)
                        first[last] = min(first.get(last, m.start), m.start)
        out = []
        for tok in doc:
            i = tok.i
            if i in taken or tok.text not in owners or len({m.name for m in owners[tok.text]}) != 1 or i <= first[tok.text]:
                continue
            prev_title = i > 0 and doc[i - 1].is_title and (doc[i - 1].lower_,) not in self.titles
            next_title = i + 1 < len(doc) and doc[i + 1].is_title
            if prev_title or next_title:
                continue  # part of another name
            m = next(iter(owners[tok.text]))
            out.append(ActorMention(i, i + 1, m.name, "short", m.type, m.affiliation, m.known, m.chain))
            taken.add(i)
        return out

    # ------------------------------------------------------------------ the model's entities
    def _clean(self, doc: Doc, ent: Span) -> tuple[int, int] | None:
        """Token bounds of the name in ``ent`` without titles, possessives and stray marks."""
        start, end = ent.start, ent.end
        # a possessive inside: "England ’s Harry Kane" -> the part after it
        for i in range(end - 1, start, -1):
            if doc[i].text in POSSESSIVE or (doc[i].text in _APOSTROPHES and i + 1 < end and doc[i + 1].lower_ == "s"):
                if ent.label_ == "PERSON":
                    start = i + 1 + (doc[i].text in _APOSTROPHES and doc[i + 1].lower_ == "s")
                break
        # a party split at its apostrophe: "Workers ’ Party": take the words after it back
        if end + 1 < len(doc) and doc[end].text in _APOSTROPHES and doc[end + 1].is_title:
            end += 1
            while end < len(doc) and (doc[end].is_title or (doc[end].lower_ == "of" and end + 1 < len(doc) and doc[end + 1].is_title)):
                end += 1
        # a hyphenated name the model cut ("Choi Sang" of "Choi Sang-mok")
        while end + 1 < len(doc) and doc[end].text == "-" and not doc[end - 1].whitespace_ and doc[end + 1].is_alpha:
            end += 2
        while start < end and doc[start].lower_ in ("the", "a", "an"):
            start += 1
        changed = ent.label_ == "PERSON"  # "General Staff" is a body, not General Staff the person
        while changed and start < end:  # titles, possibly several ("Foreign Minister", "Mr")
            changed = False
            for n in range(min(self.max_title, end - start - 1), 0, -1):
                if tuple(t.lower_ for t in doc[start : start + n]) in self.titles:
                    start += n
                    changed = True
                    break
        while end > start and (doc[end - 1].text in POSSESSIVE or doc[end - 1].is_punct):
            end -= 1
        return (start, end) if end > start else None

    def _is_part(self, tokens: Span) -> bool:
        """A body of a state by its name: "Ministry of Defence", "Joint Chiefs of Staff"."""
        words = [t.lower_ for t in tokens]
        head = words[: words.index("of")] if "of" in words else words
        return bool(head) and (head[-1] in self.part_words or words[-1] in self.part_words)

    def _state_before(self, doc: Doc, start: int, known: list[ActorMention]) -> str | None:
        """The state named just before ``start`` ("Russia's", "the Chinese")."""
        i = start - 1
        while i >= 0 and (doc[i].text in POSSESSIVE or doc[i].lower_ == "the"):
            i -= 1
        for m in known:
            if m.end == i + 1 and m.type == "country":
                return m.name
        return None

    def _part_of_state(self, doc: Doc, ent: Span, by_start: dict) -> str | None:
        m = by_start.get(ent.start)
        if m is not None and m.type == "country" and self._is_part(ent):
            return m.name
        return None

    def _named_after_state(self, doc: Doc, ent: Span, by_start: dict, taken: set[int],
                           known: list[ActorMention]) -> ActorMention | None:
        """An organisation whose name starts with a state's ("American Farm Bureau Federation").

        The state's mention gives way to the organisation when two or more capitalised words
        follow it inside the entity and none of the entity is another known actor.
        """
        m = by_start.get(ent.start)
        if m is None or m.kind not in ("demonym", "name", "alias") or m.end >= ent.end:
            return None
        rest = doc[m.end : ent.end]
        if sum(t.is_title for t in rest) < 2 or any(i in taken for i in range(m.end, ent.end)):
            return None
        bounds = self._clean(doc, ent)
        if bounds is None:
            return None
        known.remove(m)
        taken.update(range(ent.start, ent.end))
        name = tidy_name(doc[bounds[0] : bounds[1]].text)
        kind = "company" if rest[-1].lower_ in self.company_words else "organisation"
        return ActorMention(bounds[0], bounds[1], name, "entity", kind, None, False, (name,))

    def _unknown_entities(self, doc: Doc, taken: set[int], known: list[ActorMention]) -> list[ActorMention]:
        out: list[ActorMention] = []
        surnames: dict[str, str] = {}
        for m in known:
            if m.type == "person":
                surnames[surname(doc[m.start : m.end])] = m.name
        ents = [e for e in doc.ents if e.label_ in _NER_TYPES]
        by_start = {m.start: m for m in known}
        named_states = {m.name for m in known if m.type in ("country", "organisation")}
        for ent in ents:
            if ent.label_ == "PERSON" and any(i in taken for i in range(ent.start, ent.end)):
                short = [m for m in known if m.kind == "short" and m.start == ent.start and m.end < ent.end]
                if short and not any(i in taken for i in range(short[0].end, ent.end)):
                    known.remove(short[0])  # "Kim" of "Kim Jong Sik" is not Kim Jong Un: the whole name
                    taken.difference_update(range(short[0].start, short[0].end))
                else:
                    last_taken = max(i for i in range(ent.start, ent.end) if i in taken)
                    if sum(t.is_title for t in doc[last_taken + 1 : ent.end]) >= 2:
                        ent = Span(doc, last_taken + 1, ent.end, label="PERSON")  # "FBI Director Christopher Wray"
            if ent.label_ == "ORG" and any(i in taken for i in range(ent.start, ent.end)):
                part = self._part_of_state(doc, ent, by_start)
                if part is not None:  # "the Russian Defence Ministry": Russia, already taken
                    continue
                named = self._named_after_state(doc, ent, by_start, taken, known)
                if named is None:
                    continue
                out.append(named)
                continue
            if any(i in taken for i in range(ent.start, ent.end)):
                continue
            bounds = self._clean(doc, ent)
            if bounds is None:
                continue
            start, end = bounds
            if any(i in taken for i in range(start, end)):
                continue
            tokens = doc[start:end]
            name = tidy_name(tokens.text.split("(")[0])  # "National Intelligence Service(NIS": up to the bracket
            name = re.sub(r"\s+([-])\s*", r"\1", name)
            low = name.lower()
            if (
                len(name) < 2
                or not name[0].isupper()
                or any(ch.isdigit() for ch in name)
                or low in self.ignore
                or "\n" in name
            ):
                continue
            if low in self.by_form:  # a known actor written another way ("the Workers' Party")
                taken.update(range(start, end))
                out.append(self._mention(start, end, self.by_form[low], "alias"))
                continue
            kind = _NER_TYPES[ent.label_]
            if _quoted_name(doc, start, end):
                continue  # "Freedom Edge" in quotation marks: the name of an exercise, a plan
            if kind == "organisation" and _EAST_ASIAN_NAME.match(name):
                kind = "person"  # "Han Soo-min", which the model takes for an organisation
            if kind == "organisation" and {t.lower_ for t in tokens} & self.commentator_words:
                # a think tank, a university: a commentator, kept among the unresolved names
                out.append(ActorMention(start, end, name, "entity", "commentator", None, False, (name,)))
                continue
            if kind in ("organisation", "person") and self._is_part(tokens):
                state = self._state_before(doc, start, known)
                if state is not None:  # "Russia's Ministry of Defence": Russia
                    taken.update(range(start, end))
                    out.append(self._mention(start, end, state, "part"))
                else:  # a body of no named state: not an actor of its own
                    out.append(ActorMention(start, end, name, "entity", "part", None, False, (name,)))
                continue
            owners = self.short_owners.get(name, [])
            if len(owners) == 1 and kind != "place" and (
                self._title_before(doc, start) or self.actors[owners[0]].affiliation in named_states
            ):
                # the model says it is a name ("the Trump administration"): the one known
                # person with that short form, when the article names their state (not Novak
                # Djokovic for Katalin Novak of Hungary)
                out.append(self._mention(start, end, owners[0], "short"))
                continue
            if len(tokens) == 1 and name in surnames:  # a lone surname, typed anyhow
                out.append(ActorMention(start, end, surnames[name], "short", "person", None, False, (surnames[name],)))
                continue
            if name in self.places or kind == "place" or tokens[-1].lower_ in self.place_words:
                kind = "place"
            elif tokens[-1].lower_ in self.company_words or low.endswith(" index"):
                kind = "company"
            elif kind == "person":
                if len(tokens) == 1:
                    continue  # a lone name with no full form is too ambiguous to index
                surnames[surname(tokens)] = name
            out.append(ActorMention(start, end, name, "entity", kind, None, False, (name,)))
            taken.update(range(start, end))
        return out


@Language.factory(
    "digest_actors",
    assigns=["doc._.actor_mentions"],
    default_config={"gazetteer_paths": [], "keep_unknown": True, "lexicon_path": None},
)
def make_actor_resolver(nlp: Language, name: str, gazetteer_paths: list[str], keep_unknown: bool,
                        lexicon_path: str | None) -> ActorResolver:
    return ActorResolver(nlp, name, load_gazetteer(tuple(gazetteer_paths)), keep_unknown=keep_unknown,
                         lexicon=load_lexicon(lexicon_path))
