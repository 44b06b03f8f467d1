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

import difflib
import re

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span

from generator.analyse.attribution import MONTHS
from generator.analyse.entities import ModelNames, folded, squashed, tidy_name
from generator.analyse.gazetteer import Gazetteer, load_gazetteer
from generator.analyse.lexicon import Lexicon, load_lexicon
from generator.analyse.roles import POSSESSIVE, RoleIndex
from generator.analyse.spans import ActorMention

_KIND_RANK = {"name": 0, "alias": 0, "seat": 1, "part": 1, "demonym": 1, "context": 2, "short": 3}
# kinds: ..., "location": a country named as a place ("talks in Riyadh", "plants in Spain")

# verbs of going somewhere: "leaving for Seoul" names a destination, not a government
_DEPARTING = frozenset({"leaving", "left", "leave", "leaves", "departed", "departing", "departs", "bound", "headed",
                        "heading", "heads", "flew", "flying", "flies", "sailed", "sailing", "set", "sets", "fly",
                        "travel", "travels", "travelled", "traveled", "travelling", "traveling", "return", "returns",
                        "returned", "returning"})
_GOVERNMENT_PEOPLE = {"officials", "authorities", "government", "leaders", "leadership",
                      "policymakers", "regime", "sponsors", "patrons", "backers", "allies", "partners",
                      "curators", "masters", "handlers", "founders", "counterparts"}
# what follows a name and a hyphen without making another name ("Putin-led", "Xi-era", "Trump-style")
_COMPOUND_TAILS = frozenset({"led", "backed", "style", "era", "linked", "aligned", "controlled", "friendly", "allied",
                             "appointed", "based", "made", "brokered", "sponsored", "funded", "run", "owned", "like",
                             "ist", "ism", "ite", "esque", "type", "related", "inspired", "supporting", "leaning"})
# what names an outlet just before its acronym ("broadcaster KBS", "the daily JoongAng"); "news
# agency" too ("state news agency SPA"), but not "spy agency NIS"
_OUTLET_NOUNS = frozenset({"broadcaster", "newspaper", "daily", "outlet", "website", "magazine", "tabloid", "wire"})
_DOTTED = re.compile(r"(?:[A-Z]\.){2,}")
_ACRONYM = re.compile(r"[A-Z]{2,6}")
_CAMEL = re.compile(r"[A-Z][a-z]+[A-Z][a-z]*")  # "MofCom": capitals inside a word of letters
# "North American", "Latin American", "East Asian": a region's adjective, not a state's demonym
_REGION_WORDS = {"north", "south", "east", "west", "latin", "central", "northern", "southern",
                 "eastern", "western", "northeast", "northwest", "southeast", "southwest", "pan"}


def _variants(text: str) -> set[str]:
    """The alias as written, with a capital first letter when it starts lowercase, a dotted
    abbreviation as some outlets space it ("U. S."), and an acronym of four letters or more in
    title case ("Nato")."""
    out = {text}
    if text[:1].islower():
        out.add(text[:1].upper() + text[1:])
    if _DOTTED.fullmatch(text):
        out.add(text.replace(".", ". ").strip())
    if len(text) >= 4 and text.isalpha() and text.isupper():
        out.add(text.title())  # an acronym as British outlets write it: "Nato", "Asean", "Mofcom"
    for two, one in (("Coast Guard", "Coastguard"), ("coast guard", "coastguard")):  # as British outlets write it
        out |= {form.replace(two, one) for form in list(out) if two in form}
    # a state's body with its rank: "South Korea's top spy agency", "China's main trade body"
    out |= {form.replace("'s ", f"'s {rank} ", 1) for form in list(out) if "'s " in form and form[:1].isupper()
            for rank in ("top", "main", "chief")}
    # "South Korea's spy agency" as typeset: "South Korea’s spy agency"
    return out | {form.replace("'", "’") for form in out if "'" in form}


_HYPHENED_NAME = re.compile(r"\b([A-Z][a-z]+)-([a-z]+)\b")


def _hyphen_spellings(name: str) -> set[str]:
    """A two-syllable given name as outlets spell it: "Won-sik", "Wonsik", "Won Sik", "Won-Sik"."""
    if not _HYPHENED_NAME.search(name):
        return set()
    return {_HYPHENED_NAME.sub(form, name) for form in (r"\1\2", lambda m: f"{m[1]} {m[2].title()}",
                                                        lambda m: f"{m[1]}-{m[2].title()}")}


def _body_states(gazetteer: Gazetteer) -> dict[str, set[str]]:
    """Bodies of states by their name without the state ("department of foreign affairs" ->
    {Philippines}, from "Philippine Department of Foreign Affairs"; "ministry of national
    defense" -> {Taiwan, South Korea, ...})."""
    out: dict[str, set[str]] = {}
    for a in gazetteer.actors:
        if a.type != "country" or not a.parts:
            continue
        own = sorted({n.lower() for n in (a.name, *a.aliases, *a.demonyms)}, key=len, reverse=True)
        for form in a.parts:
            low = form.lower().removeprefix("the ")
            for n in own:
                if low.startswith(n + " "):
                    low = low[len(n) + 1 :]
                    break
                for tail in (f" of {n}", f" of the {n}"):
                    if low.endswith(tail):
                        low = low[: -len(tail)]
                        break
            if low != form.lower() and len(low.split()) > 1:
                out.setdefault(low, set()).add(a.name)
    return out


def _subject_at(doc: Doc, start: int) -> bool:
    """Whether the name starting at ``start`` is a clause's subject (or heads one's apposition)."""
    for t in doc[start : min(len(doc), start + 5)]:
        if t.dep_ in ("nsubj", "nsubjpass"):
            return True
        if t.dep_ == "appos" and t.head.dep_ in ("nsubj", "nsubjpass") and t.head.is_upper and t.head.i < start:
            return True  # "SEOUL (Reuters) - North Korea's Kim Yo Jong ... warned": the dateline took the subject
        if not (t.is_title or t.text == "-"):
            break
    return False


def _possessor_at(doc: Doc, start: int) -> bool:
    """Whether the name starting at ``start`` only says whose someone is ("Kim Jong-un's sister")."""
    for t in doc[start : min(len(doc), start + 6)]:
        if t.text in ("'s", "’s"):
            return True
        if not (t.is_title or t.text == "-" or (t.i > start and doc[t.i - 1].text == "-")):  # "Jong-un"
            break
    return False


_GOVERNMENT_THINGS = frozenset({"plane", "planes", "jet", "aircraft", "airplane", "helicopter", "car", "vehicle",
                                "building", "buildings", "website", "bond", "bonds", "debt"})


class ActorResolver(ModelNames):
    def __init__(self, nlp: Language, name: str, gazetteer: Gazetteer, *, keep_unknown: bool = True,
                 lexicon: Lexicon | None = None):
        self.name = name
        self.gazetteer = gazetteer
        self.keep_unknown = keep_unknown
        lexicon = lexicon or load_lexicon(None)
        self.actors = gazetteer.by_name()
        self.roles = RoleIndex(gazetteer)
        self.bodies_of_a_country = {w.lower() for w in gazetteer.from_a_country}
        self.thing_words = {w.lower() for w in gazetteer.names_of_things}
        self.editorial_labels = frozenset(w.lower() for w in gazetteer.editorial_labels)
        self.event_words = {w.lower() for w in gazetteer.event_words}
        self.document_words = {w.lower() for w in gazetteer.document_words}
        # a model-found name ending so is no actor: an event, a text, a weapon or a plan
        # ("Intercontinental Ballistic Missile", "Belt and Road Initiative")
        self.unnamed_tails = self.event_words | self.document_words | self.thing_words
        # "the Brussels talks", "the Minsk format": a city before one of these is where it was held
        self.gathering_words = frozenset(w.lower() for w in gazetteer.gathering_words)
        self.family_first = frozenset(gazetteer.family_names_first)
        self.vessel_prefixes = frozenset(gazetteer.vessel_prefixes)
        # heads of state whose government is led by someone else (a king in a parliamentary
        # monarchy, a president beside a chancellor): what they attend is no affair of state
        self.ceremonial = {
            a.name for a in gazetteer.actors
            if a.type == "person" and a.offices and all(
                o.role == "head-of-state" and self.roles.leader_role.get(o.of) == "head-of-government" for o in a.offices)
        }
        self.matcher = PhraseMatcher(nlp.vocab, attr="ORTH")
        self.short_owners: dict[str, list[str]] = {}
        self.contexts: dict[str, tuple[re.Pattern, str]] = {}
        self.by_form: dict[str, str] = {}  # lowercase known form -> actor (for the model's entities)
        self.by_squashed: dict[str, str] = {}  # the same, without spaces, hyphens and accents ("gulfcooperationcouncil")
        self.spellings: dict[int, list[tuple[tuple[str, ...], str]]] = {}  # words -> person's full names
        self.first_last: dict[tuple[str, str], set[str]] = {}  # (given name, surname) -> persons of three names or more
        for actor in gazetteer.actors:
            bound = {alias for alias, _ in actor.context_aliases}  # matched only in context
            groups = {
                "name": [actor.name] if actor.name not in bound else [],
                "alias": list(actor.aliases),
                "demonym": list(actor.demonyms),
                "seat": list(actor.seats),
                "part": list(actor.parts),
            }
            if actor.type == "person":  # "Shin Won-sik" also as "Shin Wonsik", "Shin Won Sik"
                groups["alias"] += sorted({v for f in (actor.name, *actor.aliases) for v in _hyphen_spellings(f)} - {
                    actor.name, *actor.aliases})
            for kind, forms in groups.items():
                docs = [nlp.make_doc(v) for f in forms for v in _variants(f)]
                if docs:
                    self.matcher.add(f"{kind}\t{actor.name}", docs)
                if kind not in ("demonym", "seat"):  # a city the model finds stays a city
                    for f in forms:
                        self.by_form.setdefault(tidy_name(f).lower(), actor.name)
                        if len(f) >= 8 and " " in f.strip():  # names of two words or more: never a lone word
                            self.by_squashed.setdefault(squashed(tidy_name(f)), actor.name)
            for short in actor.short:
                self.short_owners.setdefault(short, []).append(actor.name)
            if actor.type == "person":
                for form in (actor.name, *actor.aliases):
                    words = tuple(folded(w) for w in form.lower().split())
                    if len(words) > 1:
                        self.spellings.setdefault(len(words), []).append((words, actor.name))
                    if len(words) >= 3 and min(len(words[0]), len(words[-1])) >= 4:
                        # "Recep Erdoğan" for Recep Tayyip Erdogan: given name and surname, the
                        # middle name left out (accents ignored)
                        self.first_last.setdefault((words[0], words[-1]), set()).add(actor.name)
            for i, (alias, context) in enumerate(actor.context_aliases):
                key = f"context\t{actor.name}\t{i}"
                self.matcher.add(key, [nlp.make_doc(v) for v in _variants(alias)])
                words = "|".join(re.escape(w) for w in sorted(context, key=len, reverse=True))
                self.contexts[key] = (re.compile(rf"(?<!\w)(?:{words})(?!\w)"), alias)
        for short in self.short_owners:
            self.matcher.add(f"short\t{short}", [nlp.make_doc(short)])
        # news outlets whose names hold a place ("RBC-Ukraine", "China Daily", "Voice of America")
        self.outlets = PhraseMatcher(nlp.vocab, attr="ORTH")
        outlet_docs = [d for o in gazetteer.sources for v in _variants(o) if len(d := nlp.make_doc(v)) > 1]
        if outlet_docs:
            self.outlets.add("outlet", outlet_docs)
        self.titles = {tuple(t.lower().split()) for t in gazetteer.titles} | set(self.roles.phrases)
        self.title_words = {w for t in self.titles for w in t} | set(self.roles.speaker_nouns.get("person", ()))
        # the currencies' names ("dollars", "yen"): "U.S. dollars" is money, not the state
        self.currency_words = {k.lower().split()[-1] for k, _ in lexicon.currency_words}
        self.max_title = max((len(t) for t in self.titles), default=1)
        self.ignore = {s.lower() for s in (*gazetteer.sources, *gazetteer.not_actors)}
        self.places = gazetteer.places
        self.place_names = {p.lower() for p in gazetteer.places} | {
            n.lower() for a in gazetteer.actors if a.type in ("country", "place") for n in (a.name, *a.aliases, *a.seats)}
        # cities and seats of government, written as a dateline ("Washington: ...", "New Delhi: ...")
        self.city_names = {p.lower() for p in gazetteer.places} | {
            n.lower() for a in gazetteer.actors if a.type == "country" for n in a.seats}
        # "SE", "AG", "SA" mark a company only in capitals: "Yun Byung-Se" is a person
        self.company_marks = {w for w in gazetteer.company_words if w.isupper() and len(w) <= 3}
        self.company_words = {w.lower() for w in gazetteer.company_words if w not in self.company_marks}
        self.part_words = {w.lower() for w in gazetteer.part_words}
        self.commentator_words = {w.lower() for w in gazetteer.commentator_words}
        self.journalist_roles = {w.lower() for w in gazetteer.journalist_roles}
        self.outlet_names = frozenset(o.lower() for o in gazetteer.sources)
        self.company_nouns = {w.lower() for w in gazetteer.company_nouns}
        self.honorifics = frozenset(gazetteer.honorifics)
        self.flag_words = frozenset(w.lower() for w in gazetteer.flag_words)
        # the one-word titles: a name made of these and places is a post ("Osaka Consul"), not a name
        self.acronyms = {f for a in gazetteer.actors for f in (a.name, *a.aliases, *a.parts)
                         if len(f) >= 4 and f.isalpha() and f.isupper()}  # written as words too: "Nato"
        self.title_only = {t.lower() for t in gazetteer.titles if " " not in t}
        self.place_words = {w.lower() for w in gazetteer.place_words}
        self.locative = {w.lower() for w in gazetteer.locative_words}
        self.affairs = {w.lower() for w in gazetteer.affairs_words}
        self.chains = {a.name: gazetteer.affiliations(a.name, self.actors) for a in gazetteer.actors}
        self.speech_verbs = {v.lower() for v in lexicon.speech_verbs if " " not in v}
        self.body_states = _body_states(gazetteer)

    # ------------------------------------------------------------------ helpers
    def _title_before(self, doc: Doc, start: int) -> tuple[str, ...] | None:
        """The title words just before ``start`` ("Secretary of State", "Mr"), if any."""
        for n in range(min(self.max_title, start), 0, -1):
            words = tuple(t.lower_ for t in doc[start - n : start])
            if words in self.titles:
                return words
        return None

    def _resolve_short(self, doc: Doc, start: int, short: str, full: list[tuple[int, str]]) -> str | None:
        owners = self.short_owners.get(short, [])
        seen = [(pos, name) for pos, name in full if name in owners]
        if seen:
            before = [p for p in seen if p[0] < start]
            if len({n for _, n in before}) > 1 and doc.has_annotation("DEP"):
                # "Kim Yo Jong, the sister of leader Kim Jong Un, said ... Kim said": the one who
                # was the subject, not the one named inside her apposition
                subjects = [p for p in before if _subject_at(doc, p[0])]
                if subjects:
                    return subjects[-1][1]
                # "citing Kim Yo-jong, North Korean leader Kim Jong-un's powerful sister ... Kim
                # said": not the one named only to say whose sister she is
                named = [p for p in before if not _possessor_at(doc, p[0])]
                if named:
                    return named[-1][1]
            return (before[-1] if before else seen[0])[1]
        title = self._title_before(doc, start)
        if title is None:
            # "Putin said ..." in a short report that never writes the full name: the one known
            # person of that surname, when the article's date falls in one of his offices
            # (a name the model reads as one and that acts: not "Stability of Price" in a headline)
            day, tok = doc._.article_date, doc[start]
            # (the whole of the name the model read: "Li Xi" is not Li Qiang and Xi Jinping)
            alone = tok.ent_iob_ == "B" and (start + 1 >= len(doc) or doc[start + 1].ent_iob_ != "I")
            if len(owners) == 1 and day is not None and any(off.held_on(day) for off in self.actors[owners[0]].offices) \
                    and alone and tok.ent_type_ in ("PERSON", "ORG") and (tok.ent_type_ == "PERSON" or tok.dep_ in ("nsubj", "poss")):
                return owners[0]
            return None
        roles = self.roles.phrases.get(title)
        if len(owners) == 1 and (not roles or self.roles.fits(owners[0], roles) or not self.actors[owners[0]].offices):
            return owners[0]  # not "Foreign Minister Choi" for Choi Sang-mok, who never was one
        day = doc._.article_date
        fitting = [o for o in owners if self.roles.fits(o, roles)] if roles else list(owners)
        if day is not None:
            in_office = [o for o in fitting if any(off.held_on(day) for off in self.actors[o].offices)]
            fitting = in_office or ([] if roles else fitting)
        return fitting[0] if len(fitting) == 1 else None

    def spelled_like(self, name: str) -> str | None:
        """The one known person whose full name differs from ``name`` in one word of four letters
        or more, spelled alike (same first letter, similarity 0.85, or one letter mistyped in a
        word of five or more): "Esmail Baqaei" is Esmaeil Baqaei, "He Lipeng" is He Lifeng. Short words ("Kim Jong Il" and "Kim Jong Un") never count as a respelling. A
        middle initial is left out: "Vladimir V. Putin" is Vladimir Putin."""
        bare = re.sub(r"\s+[A-Z]\.?(?=\s)", "", name)  # "Vladimir V. Putin": the name without its initial
        if bare != name and bare.lower() in self.by_form and self.actors[self.by_form[bare.lower()]].type == "person":
            return self.by_form[bare.lower()]
        words = tuple(folded(w) for w in name.lower().split())  # accents ignored: "Pedro Sánchez", "Pedro Sanchez"
        found = set()
        if len(words) == 2:
            found = self.first_last.get((words[0], words[1]), set())
            if len(found) == 1:
                return next(iter(found))
            found = set()
        if len(words) >= 3 and min(len(words[0]), len(words[-1])) >= 4:
            # "João Manuel Gonçalves Lourenço": João Lourenço with his middle names (not "Kim Jong
            # Il" for a "Kim Il": syllables of East Asian names are no given name and surname)
            found = {actor for known, actor in self.spellings.get(2, ()) if known == (words[0], words[-1])}
            if found:
                return found.pop() if len(found) == 1 else None
        for known, actor in self.spellings.get(len(words), ()):
            differ = [(a, b) for a, b in zip(words, known) if a != b]
            if len(differ) == 1:
                a, b = differ[0]
                if min(len(a), len(b)) >= 4 and a[0] == b[0] and abs(len(a) - len(b)) <= 2 and \
                        difflib.SequenceMatcher(None, a, b).ratio() >= 0.85:
                    found.add(actor)
                elif len(a) == len(b) >= 5 and a[0] == b[0] and sum(x != y for x, y in zip(a, b)) == 1:
                    found.add(actor)  # one letter mistyped in a word of five or more ("He Lipeng" for He Lifeng)
            elif len(differ) == 2 and len(words) == 2:
                # "Kirillo Budanow" for Kyrylo Budanov: given name and surname both transliterated
                # otherwise, each close (0.8) and of the same first letter... or the given name's
                # first sound ("Kirillo", "Kyrylo")
                (a1, b1), (a2, b2) = differ
                if min(len(a1), len(b1), len(a2), len(b2)) >= 4 and a2[0] == b2[0] and a1[0] == b1[0] and \
                        difflib.SequenceMatcher(None, a2, b2).ratio() >= 0.85 and \
                        difflib.SequenceMatcher(None, a1, b1).ratio() >= 0.7:
                    found.add(actor)
        return found.pop() if len(found) == 1 else None

    def _mention(self, start: int, end: int, name: str, kind: str) -> ActorMention:
        actor = self.actors[name]
        return ActorMention(start, end, name, kind, actor.type, actor.affiliation, True, self.chains[name])

    def _locative(self, doc: Doc, start: int, end: int) -> bool:
        """A seat used as a place: "in Beijing", "a Seoul-based", "Beijing time"."""
        if start > 0 and doc[start - 1].lower_ in self.locative:
            # "officials in Kyiv", "authorities in Beijing", "changes of government in
            # Washington": the government, not a place
            before = doc[start - 2].lower_ if start >= 2 else ""
            return doc[start - 1].head.lower_ not in _GOVERNMENT_PEOPLE and before not in _GOVERNMENT_PEOPLE
        p = start - 1 - (start >= 1 and doc[start - 1].lower_ == "the")
        if p >= 1 and doc[p].lower_ in ("for", "to") and doc[p - 1].lower_ in _DEPARTING:
            return True  # "before leaving for Seoul", "flies to London", "his return to the White House": where one goes
        return self._based(doc, end)

    def _names_a_gathering(self, doc: Doc, end: int) -> bool:
        """Whether the city ending at ``end`` names a gathering or a text held or signed there:
        "the Paris Peace Forum", "the Minsk Agreements", "the Brussels talks": a venue, not the
        government seated there."""
        k = end
        while k < len(doc) and k - end < 3 and doc[k].is_title and doc[k].pos_ == "PROPN" \
                and doc[k].lower_ not in self.event_words | self.document_words:
            k += 1  # "Paris Peace Forum": the words of the name before its last
        if k < len(doc) and (doc[k].lower_ in self.event_words | self.document_words) and (doc[k].is_title or k == end):
            return True
        return k == end and k < len(doc) and doc[k].lower_ in self.gathering_words

    @staticmethod
    def _a_national(doc: Doc, start: int, end: int) -> bool:
        """Whether a demonym stands alone for one person: the head of its phrase, singular ("a
        Russian", "the 21-year-old Brazilian"), not "the Chinese said" or "the French" (their
        state's people or government: plural forms are left alone)."""
        word = doc[end - 1]
        if end < len(doc) and (doc[end].pos_ in ("NOUN", "PROPN") or doc[end].lower_ in ("'s", "’s")):
            return False  # "Brazilian troops", "the Brazilian's goal"
        if word.lower_.endswith(("ese", "sh", "ch", "ss", "s", "i")) or word.dep_ not in (
                "nsubj", "nsubjpass", "dobj", "pobj", "attr", "appos", "conj"):
            return False
        before = doc[start - 1] if start > 0 else None
        return before is not None and (before.lower_ in ("a", "an", "the") or before.text.endswith("-old")
                                       or before.lower_ == "old" and start >= 2 and doc[start - 2].text == "-")

    @staticmethod
    def _based(doc: Doc, end: int) -> bool:
        """Whether the place ending at ``end`` says where something is based: "Seoul-based",
        "UAE-based companies", "Beijing time"."""
        nxt = doc[end].lower_ if end < len(doc) else ""
        return nxt in ("-based", "time") or (nxt == "-" and end + 1 < len(doc) and doc[end + 1].lower_ == "based")

    # ------------------------------------------------------------------ component
    def __call__(self, doc: Doc) -> Doc:
        vocab = doc.vocab.strings
        candidates: list[tuple[Span, str, str]] = []  # (span, actor name, kind)
        shorts: list[tuple[Span, str]] = []
        text = doc.text
        outlets: list[int] = []  # acronyms named as outlets
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
            elif kind == "seat" and (self._locative(doc, start, end) or self._names_a_gathering(doc, end)):
                continue
            elif end - start == 1 and doc[start].is_title and doc[start].text.upper() in self.acronyms \
                    and start > 0 and not doc[start].is_sent_start and doc[start - 1].is_title \
                    and doc[start - 1].pos_ != "DET" and doc[start].ent_iob_ != "B":
                continue  # an acronym written as a word ("Nato") ends no other name: "Peace Plan" is no PLAN
            elif kind in ("name", "alias", "demonym", "seat") and self.actors[rest.split("\t")[0]].type == "country" \
                    and self._opens_a_commentators_name(doc, end):
                continue  # "Pakistan Point News", "Seoul National University": an outlet, a school, not the state
            elif kind in ("alias", "part") and end - start == 1 and doc[start].is_upper and start >= 1 and (
                    doc[start - 1].lower_ in _OUTLET_NOUNS or doc[start - 2 : start].text.lower() == "news agency"):
                outlets.append(start)  # "state news agency SPA", "broadcaster KBS": an outlet, whatever else
                continue  # it abbreviates
            elif kind in ("alias", "part") and end - start == 1 and doc[start].is_upper \
                    and (kind == "part" or self.actors[rest.split("\t")[0]].type == "organisation") \
                    and self._starts_another_name(doc, start):
                continue  # "the Russian entity, TSK Vektor": another organisation, not the Turkish forces
            elif kind == "alias" and doc[end - 1].lower_ == "military" and end < len(doc) and doc[end].is_lower \
                    and doc[end].pos_ == "NOUN" and self.actors[rest.split("\t")[0]].type == "organisation" \
                    and doc[end].lower_ not in self.roles.speaker_nouns.get("state_nouns", ()) \
                    and doc[end].lower_ not in self.thing_words:
                # "any Chinese military action", "Chinese military pressure": the state's, said of
                # it ("a Chinese military spokesperson", "153 Chinese military aircraft" stay the
                # military's)
                continue
            elif kind == "alias" and doc[end - 1].is_lower and end + 1 < len(doc) and doc[end].text in ("-", "–") \
                    and not doc[end - 1].whitespace_ and not doc[end].whitespace_ and doc[end + 1].is_lower \
                    and self.actors[rest.split("\t")[0]].type == "organisation":
                continue  # "China's military-industrial complex": a compound word, not the PLA
            elif self.actors[rest.split("\t")[0]].type == "organisation" and self._names_a_text(doc, end):
                continue  # "the United Nations Convention on the Law of the Sea", "the UN Charter": a text
            elif end + 1 < len(doc) and doc[end].text == "-" and not doc[end - 1].whitespace_ and doc[end + 1].is_lower \
                    and not doc[end].whitespace_ and doc[end + 1].lower_ not in _COMPOUND_TAILS \
                    and self.actors[rest.split("\t")[0]].type == "person":
                continue  # "Park Jin-hwan" is not Park Jin: the name goes on after the hyphen ("Putin-led" is Putin)
            elif end < len(doc) and doc[end].lower_ in self.currency_words and (
                kind == "demonym" or (kind in ("alias", "name") and start > 0 and doc[start - 1].like_num)
            ):
                continue  # "203 billion U.S. dollars", "Japanese yen": money, not the state ("Korea won" is)
            elif kind == "demonym" and start > 0 and doc[start - 1].lower_ == "ethnic":
                continue  # "ethnic Albanian mayors": a people, not the state of that name
            elif kind == "demonym" and self._a_national(doc, start, end):
                continue  # "said the 21-year-old Brazilian", "a Russian was arrested": a person of that nationality
            elif kind == "demonym" and start > 0 and doc[start - 1].lower_ in _REGION_WORDS and (
                doc[start - 1].is_title or doc[start - 1].is_upper
            ):
                continue  # "North American tour": no state (longer demonyms, "South Korean", win first)
            else:
                candidates.append((span, rest, kind))

        # Longest span wins; among equal spans the better kind (names before short forms).
        ranked = sorted(candidates, key=lambda c: (-(c[0].end - c[0].start), _KIND_RANK[c[2]], c[1]))
        taken: set[int] = set(outlets)
        for _id, start, end in self.outlets(doc):  # "RBC-Ukraine reported": an outlet, not the state
            if not any(s.start <= start and end <= s.end and s.end - s.start > end - start for s, _n, _k in candidates):
                taken.update(range(start, end))
        resolved: list[tuple[int, int, str, str]] = []
        for span, name, kind in ranked:
            if any(i in taken for i in range(span.start, span.end)):
                continue
            taken.update(range(span.start, span.end))
            resolved.append((span.start, span.end, name, kind))

        resolved = self._bodies_of_a_state(doc, resolved)
        resolved.extend(self._acronyms(doc, resolved, taken))
        people = [(s, n) for s, _, n, _k in resolved if self.actors[n].type == "person"]
        named = {n for _, n in people}
        resolved.extend(self._roles(doc, resolved, taken, named))
        full = sorted((s, n) for s, _, n, k in resolved if self.actors[n].type == "person" and k != "role")
        for span, short in sorted(shorts, key=lambda s: s[0].start):
            if any(i in taken for i in range(span.start, span.end)):
                continue
            if self._given_name_before(doc, span.start, taken):
                continue  # "Duyeon Kim, of the Center for a New American Security": not Kim Jong Un
            name = self._resolve_short(doc, span.start, short, full)
            if name:
                taken.update(range(span.start, span.end))
                resolved.append((span.start, span.end, name, "short"))

        resolved.extend(self._honorific_first_names(doc, taken, full))
        resolved.extend(self._bare_roles(doc, taken, {n for _, n in full}))
        resolved.extend(self._capital_labels(doc, taken, full))
        resolved.extend(self._the_countrys(doc, resolved, taken))
        resolved = self._locations(doc, resolved)
        filed = self._title_datelines(doc)  # "Kuala Lumpur, Nov. 2 (Jiji Press)--": where it was filed
        if filed:
            resolved = [r for r in resolved if not (r[3] == "seat" and r[0] in filed)]
        lines = self._datelines(doc, taken)
        taken.update(lines)
        # "ERBIL, Kurdistan Region of Iraq -": the state of a dateline is where it was filed
        resolved = [(s, e, n, "location") if s in lines and self.actors[n].type == "country" else (s, e, n, k)
                    for s, e, n, k in resolved]
        doc.user_data["digest_filed_in"] = {n for s, e, n, k in resolved if s in lines and self.actors[n].type == "country"}
        doc.user_data["digest_no_speaker_labels"] = self._no_speaker_labels(doc)
        mentions = [self._mention(s, e, n, k) for s, e, n, k in resolved]
        if self.keep_unknown and doc.has_annotation("ENT_IOB"):
            mentions.extend(self._unknown_entities(doc, taken, mentions))
        if doc.has_annotation("DEP"):
            mentions.extend(self._unnamed_speakers(doc, taken))
        mentions.extend(self._surnames(doc, taken, mentions))
        mentions = self._spelled_acronyms(doc, mentions)
        mentions = self._parts_of_named_states(doc, mentions)
        mentions = self._cut_short_names(mentions)
        mentions.sort(key=lambda m: (m.start, m.end))
        mentions = _tails_of_the_named(mentions)
        mentions = self._surnames_of_the_named(doc, mentions)
        doc._.actor_mentions = mentions
        doc.user_data["digest_ceremonial"] = {m.name for m in mentions if m.known and m.name in self.ceremonial}
        # known people holding an office of a state on the article's day (any office they held
        # when undated: a transcript with no date of the Pentagon's press secretary of 2022)
        day = doc._.article_date
        doc.user_data["digest_in_office"] = {
            m.name for m in mentions if m.known and m.type == "person" and m.name in self.actors
            and any(o.held_on(day) if day is not None else True for o in self.actors[m.name].offices)}
        # whether the article speaks of affairs between states at all ("the war", "the crisis"):
        # then states it names in separate sentences are still in relation
        doc.user_data["digest_affairs"] = any(t.lower_ in self.affairs for t in doc)
        return doc

    def _surnames_of_the_named(self, doc: Doc, mentions: list[ActorMention]) -> list[ActorMention]:
        """A surname alone is the person of that surname the article named in full before it
        ("People Power Party lawmaker Lee Seong-gwon ... Lawmaker Lee noted"), not the one the
        knowledge base knows by it (Lee Jae-myung), unless that one was named in full first."""
        out: list[ActorMention] = []
        named: list[ActorMention] = []  # people named in full so far
        for m in mentions:
            if m.type == "person" and m.kind != "short" and len(m.name.split()) >= 2:
                named.append(m)
            elif m.type == "person" and m.kind == "short" and m.known:
                short = doc[m.start : m.end].text
                if short.istitle() and " " not in short and not any(n.name == m.name for n in named):
                    others = [n for n in named if short in (n.name.split()[0], n.name.split()[-1])
                              or short in (doc[n.start].text, doc[n.end - 1].text)]
                    if others:
                        o = others[-1]
                        m = m._replace(name=o.name, type=o.type, affiliation=o.affiliation, known=o.known, chain=o.chain)
            out.append(m)
        return out

    def _cut_short_names(self, mentions: list[ActorMention]) -> list[ActorMention]:
        """A model-found name that is the first words of a known person the article names, by
        name or by an alias ("North Korean leader Kim Jong this week", the article's "Kim Jong Un"
        elsewhere; "Sheikh Mohammed said", after "Sheikh Mohammed bin Abdulrahman Al Thani") is
        that person."""
        people = {m.name for m in mentions if m.known and m.type == "person"}
        forms = [(f.split(), p) for p in people for f in (p, *self.actors[p].aliases)]
        out = []
        for m in mentions:
            words = m.name.split()
            if not m.known and m.type == "person" and len(words) >= 2:
                fuller = {p for f, p in forms if len(f) > len(words) and f[: len(words)] == words}
                if len(fuller) == 1:
                    m = self._mention(m.start, m.end, fuller.pop(), "short")
            out.append(m)
        return out

    def _opens_a_commentators_name(self, doc: Doc, end: int) -> bool:
        """Whether the state's name ending at ``end`` opens the name of an outlet or a research
        body ("Pakistan Point News", "Seoul National University", "the Chinese Academy of
        Sciences"): the proper nouns after it hold a commentator's word. A commentator, not the state."""
        k = end
        while k < len(doc) and k - end < 5 and (doc[k].pos_ == "PROPN" and doc[k].is_title or (
                doc[k].lower_ in ("of", "for", "and") and k + 1 < len(doc) and doc[k + 1].is_title)):
            if doc[k].is_title and doc[k].lower_ in self.commentator_words:
                return True
            k += 1
        return False

    def _starts_another_name(self, doc: Doc, i: int) -> bool:
        """Whether the acronym at ``i`` opens a longer name the model found, of one more
        capitalised word that names no body or event ("TSK Vektor", "KCNA Watch"; not "UN
        Council")."""
        ent = next((e for e in doc.ents if e.start == i or (e.start == i - 1 and doc[e.start].lower_ == "the")), None)
        if ent is None or ent.label_ != "ORG" or ent.end != i + 2:
            return False
        word = doc[i + 1]
        return word.is_title and word.is_alpha and word.lower_ not in self.part_words \
            and word.lower_ not in self.unnamed_tails and word.lower_ not in self.title_words

    def _acronyms(self, doc: Doc, resolved: list, taken: set[int]) -> list[tuple[int, int, str, str]]:
        """An acronym the article defines ("the European Commission (EC)", "China's Ministry of
        Commerce (MOC)") names, wherever it is used in the article, what it was defined for: the
        actor of the name before the brackets, or the state that owns the body named there."""
        at = {i: (name, kind) for s, e, name, kind in resolved for i in range(s, e)}
        defined: dict[str, tuple[str, str]] = {}
        terms: set[str] = set()
        for tok in doc[2:-1]:
            i = tok.i
            word = tok.text
            if not (doc[i - 1].text == "(" and doc[i + 1].text == ")" and _ACRONYM.fullmatch(word)):
                continue
            if word.lower() in self.ignore or word in defined or i in taken:
                continue
            if doc[i - 2].is_lower and doc[i - 2].is_alpha:
                terms.add(word)  # "battery electric vehicles (BEV)": a term, not a name
                continue
            found = at.get(i - 2)
            if found is not None and self.actors[found[0]].type == "country":
                k = i - 2
                while k > 0 and at.get(k - 1) == found:
                    k -= 1
                if len(word) > sum(t.is_title for t in doc[k : i - 1]) + 1:
                    # "the United Nations Mission in the Republic of South Sudan (UNMISS)": the
                    # acronym stands for a longer name than the country's, ending in it
                    terms.add(word)
                    continue
            if found is not None and self.actors[found[0]].type != "person":
                defined[word] = found
                continue
            # "China's Ministry of Commerce (MOC)": a body's name after a state's possessive
            j = i - 2
            while j > 0 and i - j <= 8 and (doc[j].is_title or doc[j].lower_ in ("of", "and", "for", "the")):
                j -= 1
            if j > 0 and j < i - 2 and doc[j].text in POSSESSIVE:
                owner = at.get(j - 1)
                if owner is not None and self.actors[owner[0]].type == "country" and any(
                        t.lower_ in self.part_words for t in doc[j + 1 : i - 1]):
                    defined[word] = (owner[0], "part")
        out = []
        for tok in doc:
            # "MofCom", "NaTo": a known acronym in mixed case, as some outlets write it
            if tok.i not in taken and len(tok.text) >= 4 and _CAMEL.fullmatch(tok.text) and tok.lower_ in self.by_form:
                taken.add(tok.i)
                out.append((tok.i, tok.i + 1, self.by_form[tok.lower_], "alias"))
        if not defined and not terms:
            return out
        for tok in doc:
            if tok.text in terms and tok.text not in defined:
                taken.add(tok.i)
                continue
            if tok.text in defined and tok.i not in taken:
                name, kind = defined[tok.text]
                taken.add(tok.i)
                out.append((tok.i, tok.i + 1, name, "part" if kind == "part" else "alias"))
        return out

    def _names_a_text(self, doc: Doc, end: int) -> bool:
        """Whether the capitalised words after ``end`` end in a document's word ("Convention")."""
        k = end
        while k < len(doc) and k - end < 3 and doc[k].is_title and doc[k].lower_ not in self.document_words:
            k += 1
        return k < len(doc) and doc[k].is_title and doc[k].lower_ in self.document_words

    def _the_countrys(self, doc: Doc, resolved: list, taken: set[int]) -> list[tuple[int, int, str, str]]:
        """A body named after "the country's" ("citing the country's spy agency") is the body the
        knowledge base names so for the state named last ("South Korea's spy agency": the NIS)."""
        out = []
        states = sorted((s, n) for s, _e, n, k in resolved if self.actors[n].type == "country" and k != "location")
        for tok in doc[:-3]:
            if tok.lower_ != "the" or doc[tok.i + 1].lower_ not in ("country", "nation") \
                    or doc[tok.i + 2].lower_ not in ("'s", "’s") or tok.i in taken:
                continue
            before = [n for s, n in states if s < tok.i]
            if not before:
                continue
            state = self.actors[before[-1]]
            for end in range(min(len(doc), tok.i + 6), tok.i + 3, -1):
                rest = doc[tok.i + 3 : end].text.lower()
                forms = [f"{w}'s {rest}" for w in (state.name, *state.aliases, *state.seats)] + \
                    [f"{d} {rest}" for d in state.demonyms]
                found = next((self.by_form[f.lower()] for f in forms if f.lower() in self.by_form), None)
                if found is not None and end < len(doc) and doc[end].text in ("-", "–") and not doc[end - 1].whitespace_:
                    break  # "the country's military-industrial complex": another thing, the body's word inside it
                if found is not None and not any(i in taken for i in range(tok.i, end)):
                    taken.update(range(tok.i, end))
                    out.append((tok.i, end, found, "alias"))
                    break
        return out

    def _bodies_of_a_state(self, doc: Doc, resolved: list[tuple[int, int, str, str]]) -> list[tuple[int, int, str, str]]:
        """A generic body name that an international body has as an alias ("Security Council")
        after a state's possessive or demonym ("Moscow's Security Council", "Russia’s Security
        Council") is that state's body, not the international one."""
        ends = {e: (n, k) for _s, e, n, k in resolved if self.actors[n].type == "country"}
        out = []
        for start, end, name, kind in resolved:
            actor = self.actors[name]
            if kind == "alias" and actor.type == "organisation" and doc[start:end].text.lower() in self.ignore:
                if start > 0 and doc[start - 1].is_title and doc[start - 1].is_alpha and start not in ends \
                        and doc[start - 1].lower_ not in ("the", "a", "an", "un", "u.n."):
                    continue  # "National Security Council": a longer name, not the UN's Security Council
                if start > 1 and doc[start - 1].lower_ in ("and", "&") and doc[start - 2].is_title:
                    continue  # "the African Union's Peace and Security Council": likewise
                before = ends.get(start - 1) if start > 0 and doc[start - 1].lower_ in ("'s", "’s") else None
                if before is None and start in ends and ends[start][1] == "demonym":
                    before = ends[start]
                if before is not None and before[0] != actor.affiliation:
                    out.append((start, end, before[0], "part"))
                    continue
            out.append((start, end, name, kind))
        return out

    def _parts_of_named_states(self, doc: Doc, mentions: list[ActorMention]) -> list[ActorMention]:
        """A body named without its state ("the Commerce Ministry said") is the state's whose body
        of that name the article names elsewhere ("China's Ministry of Commerce"): the words
        that are not generic ("commerce") must all be in the other name. Else it is the body of
        that name of the one state the article names that has one in the knowledge base ("the
        Department of Foreign Affairs" in a story naming the Philippines and China). An acronym
        defined for it in brackets ("(DFA)") is the same body."""
        owned = [(m, self._specific_words(doc[m.start : m.end])) for m in mentions
                 if m.kind == "part" and m.known and m.type == "country"]
        named = {m.name for m in mentions if m.known and m.type == "country" and m.kind != "part"}
        out: list[ActorMention] = []
        acronyms: dict[str, ActorMention] = {}
        for m in sorted(mentions, key=lambda m: (m.start, m.end)):
            if m.type == "part" and not m.known:
                words = self._specific_words(doc[m.start : m.end])
                states = {o.name for o, w in owned if words and words <= w}
                if not states:
                    body = doc[m.start : m.end].text.lower().removeprefix("the ")
                    states = self.body_states.get(body, set()) & named
                if not states and len(filed := doc.user_data.get("digest_filed_in") or set()) == 1:
                    states = set(filed)  # "MANILA, Philippines — ... the National Task Force said": a body of where it was filed
                if len(states) == 1:
                    m = self._mention(m.start, m.end, states.pop(), "part")
            elif not m.known and m.type == "organisation" and doc[m.start : m.end].text in acronyms:
                body = acronyms[doc[m.start : m.end].text]  # "the DFA": the body defined so
                m = body._replace(start=m.start, end=m.end) if body.known else ActorMention(
                    m.start, m.end, m.name, "entity", "part", None, False, (m.name,))
            if m.type == "part" or (m.kind == "part" and m.type == "country"):
                k = m.end  # "the Department of Foreign Affairs (DFA)": the acronym names the same body
                if k + 2 < len(doc) and doc[k].text == "(" and doc[k + 2].text == ")" and doc[k + 1].is_upper:
                    acronyms[doc[k + 1].text] = m
            out.append(m)
        return out

    def _specific_words(self, tokens: Span) -> frozenset[str]:
        return frozenset(t.lower_ for t in tokens if t.is_alpha and t.lower_ not in self.part_words
                         and t.lower_ not in ("of", "the", "and", "for") and not t.ent_type_ in ("NORP", "GPE"))

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
                if doc[j].text == ",":
                    # "ERBIL, Kurdistan Region of Iraq - ...": the region and state of the dateline too
                    k = j + 1
                    while k < min(len(doc), j + 9) and (doc[k].is_title or doc[k].lower_ in ("of", "the", ",")):
                        k += 1
                    end = k
                    if k < len(doc) and doc[k].text == "(":  # "MANILA, Philippines (Updated, 1:55 p.m.) —"
                        k = next((x + 1 for x in range(k + 1, min(len(doc), k + 12)) if doc[x].text == ")"), k)
                    if end > j + 1 and k < len(doc) and doc[k].text in ("-", "—", "–", "--"):
                        out.update(range(j + 1, end))
        return out

    def _capital_labels(self, doc: Doc, taken: set[int], full: list[tuple[int, str]]) -> list[tuple[int, int, str, str]]:
        """The speaker a transcript names in capitals before a colon ("CHIEF CABINET SECRETARY
        SUGA:", "DEPUTY PRESS SECRETARY SABRINA SINGH:"): a known name or short form, written
        in capitals, which the name matcher (case-sensitive) does not see."""
        out = []
        for tok in doc:
            if not (tok.i == 0 or "\n" in doc[tok.i - 1].text) or not tok.is_upper:
                continue
            j = tok.i
            while j < len(doc) and (doc[j].is_upper or doc[j].text in ".-") and not doc[j].is_space:
                j += 1
            if not (j < len(doc) and doc[j].text == ":") or j - tok.i > 8:
                continue
            for start in range(tok.i, j):  # the longest known name ending the label
                if any(i in taken for i in range(start, j)):
                    continue
                words = doc[start:j].text.title()
                name = self.by_form.get(words.lower())
                if name is None and j - start >= 3:
                    name = self.spelled_like(words)  # "PRESS SECRETARY JOHN F. KIRBY:": a middle initial
                if name is None and start == j - 1 and words in self.short_owners:
                    name = self._resolve_short(doc, start, words, full)
                if name is not None and self.actors[name].type == "person":
                    taken.update(range(start, j))
                    out.append((start, j, name, "alias"))
                    break
        return out

    def _no_speaker_labels(self, doc: Doc) -> frozenset[int]:
        """Where a paragraph opens with a label that is no speaker before a colon: a place in
        capitals ("RIO DE JANEIRO: The first time ...", a dateline) or the page's own furniture
        ("VIDEO: A parade begins ...", "Read more: ...": gazetteer ``editorial_labels``)."""
        out = set()
        for tok in doc:
            if not (tok.i == 0 or "\n" in doc[tok.i - 1].text) or not (tok.is_upper or tok.is_title):
                continue
            j = tok.i
            while j < len(doc) and j - tok.i < 5 and doc[j].text != ":" and "\n" not in doc[j].text_with_ws:
                j += 1
            if not (j < len(doc) and doc[j].text == ":"):
                continue
            words = doc[tok.i : j].text.lower()
            if words in self.editorial_labels or (doc[tok.i : j].text.replace(" ", "").isalpha() and (
                    (tok.is_upper and words in self.place_names) or (tok.is_title and words in self.city_names))):
                out.add(tok.i)  # "RIO DE JANEIRO:", "Washington: US President Donald Trump on ..."
            elif j - tok.i == 1 and len(tok) > 2 and tok.is_title and tok.is_alpha and tok.text not in self.short_owners \
                    and words not in self.by_form and sum("\n" in t.text for t in doc[: tok.i]) <= 2 \
                    and j + 1 < len(doc) and not doc[j + 1].is_quote:
                out.add(tok.i)  # "Newsman: President Donald Trump imposed ...": the outlet's byline opening the story
        return frozenset(out)

    @staticmethod
    def _title_datelines(doc: Doc) -> set[int]:
        """The place of a dateline written in title case at the start of a paragraph ("Kuala
        Lumpur, Nov. 2 (Jiji Press)--", "Tokyo, Dec 15 -"): a city, a comma and a month, or a
        city and an agency in brackets."""
        out: set[int] = set()
        for tok in doc:
            if not (tok.i == 0 or "\n" in doc[tok.i - 1].text) or not tok.is_title:
                continue
            j = tok.i
            while j < len(doc) and j - tok.i < 3 and doc[j].is_title and doc[j].is_alpha:
                j += 1
            if j >= len(doc) - 1:
                continue
            month = doc[j].text == "," and doc[j + 1].text.rstrip(".").lower()[:3] in MONTHS
            agency = doc[j].text == "(" and any(t.text == ")" for t in doc[j + 1 : j + 6])
            if month or agency:
                out.update(range(tok.i, j))
        return out

    def _of_a_body(self, doc: Doc, end: int) -> bool:
        """Whether a demonym only says where one company, outlet or group is from ("a British
        group that documents weapons", "Japanese broadcaster NHK", "the Belgian depository
        Euroclear"): like a place, it names the state only if the article names it otherwise."""
        if end + 1 < len(doc) and doc[end].lower_ == "government" and doc[end + 1].lower_ in _GOVERNMENT_THINGS:
            return True  # "landed on a French government plane": a thing of the state's, not the state acting
        k = end
        while k < len(doc):
            if k + 1 < len(doc) and f"{doc[k].lower_}-{doc[k + 1].lower_}" in self.bodies_of_a_country:
                return True  # "a US think tank": the body's name in two words
            if doc[k].lower_ in self.bodies_of_a_country or k - end >= 2:
                break
            if not (doc[k].tag_ == "JJ" or (doc[k].dep_ == "compound" and doc[k].is_lower)):
                break
            k += 1  # adjectives and nouns qualifying the body ("the French shipping firm")
        # (a nationality whatever its tag: "Swiss national Anton Wyss", "Austrian nationals A and B")
        return k < len(doc) and doc[k].lower_ in self.bodies_of_a_country and (
            doc[k].tag_ in ("NN", "NNP") or doc[k].lower_ in ("national", "nationals"))

    def _locations(self, doc: Doc, resolved: list) -> list:
        """A country named as where something is ("plants in Spain, South Africa and
        Lithuania") is marked ``location``: it names the actor only if named otherwise too."""
        out = []
        previous_end, previous_located, previous_place = -1, False, -1
        for start, end, name, kind in sorted(resolved):
            located = False
            if self.actors[name].type == "place":
                previous_place = end
            if self.actors[name].type == "country" and kind in ("name", "alias"):
                before = start - 1 if start > 0 and doc[start - 1].lower_ != "the" else start - 2
                prep = doc[before] if before >= 0 else None  # "in Spain", "in the United Arab Emirates"
                if prep is not None and prep.lower_ in self.locative and prep.head.lower_ not in self.affairs:
                    located = True
                elif prep is not None and prep.lower_ == "with" and prep.head.lower_ in ("border", "borders", "frontier"):
                    located = True  # "the town of Tina, on the border with Chad": where it is
                elif self._based(doc, end):
                    located = True  # "UAE-based companies", "China-based Donghai Ship Management", "Japan time"
                elif prep is not None and self._places_such_as(doc, prep.i):
                    located = True  # "registered in locations such as the United Arab Emirates, Panama, ..." 
                elif prep is not None and prep.text == "," and self._after_a_located_city(doc, prep.i):
                    located = True  # "talks in Jakarta, Indonesia": the country of the city
                elif kind == "alias" and doc[start:end].text.replace(".", "").isupper() and self._of_a_body(doc, end):
                    located = True  # "a top US think tank", "a UK firm": an abbreviation used as a demonym
                elif self._flag_of(doc, start, end):
                    located = True  # "under a Barbados flag", "the flag of the Marshall Islands"
                elif start >= 2 and doc[start - 1].lower_ == "of" and doc[start - 2].is_title \
                        and doc[start - 2].lower_ in self.place_words:
                    located = True  # "the Sea of Japan", "the Gulf of Mexico": a place's name, not the state
                elif start >= 2 and doc[start - 1].text == "de" and doc[start - 2].is_title:
                    located = True  # "the Stade de France", "the Tour de France": a name, not the state
                elif previous_located and all(t.text == "," or t.lower_ in ("and", "or", "the") for t in doc[previous_end:start]):
                    located = True  # the rest of the list
                elif start >= 2 and doc[start - 1].text == "," and (previous_place == start - 1 or (
                        doc[start - 2].ent_type_ == "GPE" and doc[start - 2].is_title and previous_end != start - 1)) \
                        and (end >= len(doc) or doc[end].is_punct or doc[end].is_space):
                    located = True  # "in Busan, South Korea,", "Jakarta, Indonesia": the city's country
            elif self.actors[name].type == "country" and kind == "demonym":
                # "a British group", "Japanese broadcaster NHK", "a Panamanian-flagged tanker"
                located = self._of_a_body(doc, end) or self._flag_of(doc, start, end)
            elif self.actors[name].type == "country" and kind == "part" and end < len(doc) \
                    and doc[end - 1].lower_ in ("military", "army", "navy", "naval", "air") and self._of_a_body(doc, end):
                located = True  # "at a South Korean military base": where the base is
            elif self.actors[name].type == "place" and previous_located and all(
                    t.text == "," or t.lower_ in ("and", "or", "the") for t in doc[previous_end:start]):
                # "flagged in Palau, the Cook Islands, Barbados and Jamaica": a place in the list goes on with it
                out.append((start, end, name, kind))
                previous_end = end
                continue
            out.append((start, end, name, "location" if located else kind))
            previous_end, previous_located = end, located
        return out

    def _flag_of(self, doc: Doc, start: int, end: int) -> bool:
        """Whether the state named at ``start:end`` is only where a ship is registered: before a
        flag word ("a Barbados flag", "Panama-flagged", "Liberian flagged") or after "flag of
        (the)"."""
        k = end + 1 if end < len(doc) and doc[end].text == "-" and not doc[end].whitespace_ else end
        if k < len(doc) and doc[k].lower_ in self.flag_words:
            return True
        i = start - 1 if start > 0 and doc[start - 1].lower_ == "the" else start
        return i >= 2 and doc[i - 1].lower_ == "of" and doc[i - 2].lower_ in self.flag_words

    def _after_a_located_city(self, doc: Doc, comma: int) -> bool:
        """Whether the comma at ``comma`` follows a known place named as where something is ("in
        Jakarta," of "in Jakarta, Indonesia"): what follows the comma says where that place is."""
        k = comma
        while k > 0 and comma - k < 3 and doc[k - 1].is_title and doc[k - 1].is_alpha:
            k -= 1
        return k < comma and k > 0 and doc[k:comma].text.lower() in self.city_names and doc[k - 1].lower_ in self.locative

    def _places_such_as(self, doc: Doc, i: int) -> bool:
        """Whether the token at ``i`` opens examples of where something is: "in locations such as",
        "in countries including", "in jurisdictions like"."""
        j = i
        if doc[i].lower_ == "as" and i > 0 and doc[i - 1].lower_ == "such":
            j = i - 1
        elif doc[i].lower_ not in ("including", "like"):
            return False
        return j >= 2 and doc[j - 1].pos_ == "NOUN" and doc[j - 2].lower_ in self.locative

    def _honorific_first_names(self, doc: Doc, taken: set[int], full: list[tuple[int, str]]) -> list[tuple[int, int, str, str]]:
        """"Sir Keir", "Dame Priti": a knight's given name after the honorific, as British outlets
        write it, is the person named in full in the article with that given name."""
        out = []
        for tok in doc[:-1]:
            if tok.text not in ("Sir", "Dame") or tok.i in taken or tok.i + 1 in taken:
                continue
            given = doc[tok.i + 1]
            if not given.is_title or (tok.i + 2 < len(doc) and doc[tok.i + 2].is_title):
                continue  # "Sir Keir Starmer": the full name, resolved as such
            owners = {n for _, n in full if n.split()[0] == given.text}
            if len(owners) == 1:
                taken.update((tok.i, tok.i + 1))
                out.append((tok.i, tok.i + 2, owners.pop(), "short"))
        return out

    def _given_name_before(self, doc: Doc, start: int, taken: set[int]) -> bool:
        """Whether the word before a short form is the given name of someone else who bears that
        surname ("Duyeon Kim", "Andrei Kim"): a capitalised word of no title, in no other name."""
        if start == 0:
            return False
        prev = doc[start - 1]
        return (prev.is_alpha and prev.is_title and prev.i not in taken
                and prev.lower_ not in self.title_words and prev.pos_ == "PROPN" and not prev.is_sent_start
                and prev.ent_type_ in ("", "PERSON"))

    _BARE_ROLES = frozenset({"head-of-government", "head-of-state", "foreign-minister", "defence-minister"})

    def _bare_roles(self, doc: Doc, taken: set[int], named: set[str]) -> list[tuple[int, int, str, str]]:
        """"The Prime Minister said", "the PM added": an office named with no state, written as a
        title, is the one person named in the article who holds it ("Sir Keir Starmer ... the Prime
        Minister said"); with none or several, no one."""
        out = []
        people = {n for n in named if self.actors[n].type == "person"}
        if not people:
            return out
        for tok in doc[:-1]:
            if tok.lower_ != "the" or tok.i + 1 in taken:
                continue
            found = self.roles.phrase_at(doc, tok.i + 1, doc[tok.i].sent.end if doc.has_annotation("SENT_START") else len(doc))
            if not found:
                continue
            end, roles = found
            first = doc[tok.i + 1]
            if not (first.is_title or first.is_upper) or not self._BARE_ROLES.intersection(roles):
                continue
            if end < len(doc) and (end in taken or doc[end].is_title or doc[end].text in POSSESSIVE or doc[end].lower_ == "of"):
                continue  # "the Prime Minister Keir Starmer", "the Prime Minister's office", "of Japan"
            title = " ".join(t.lower_ for t in doc[tok.i + 1 : end])
            title = {"pm": "prime minister"}.get(title, title)
            # the office's own title where the knowledge base gives one: a US president heads the
            # government too, but is no "Prime Minister"
            holders = {p for p in people for o in self.actors[p].offices
                       if o.role in roles and o.role in self._BARE_ROLES and (o.title or title).lower() == title}
            if len(holders) == 1 and not any(t in taken for t in range(tok.i + 1, end)):
                taken.update(range(tok.i + 1, end))
                out.append((tok.i + 1, end, holders.pop(), "role"))
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
        out.extend(self._roles_of_its(doc, resolved, taken, named))
        return out

    def _roles_of_its(self, doc: Doc, resolved: list, taken: set[int], named: set[str]) -> list[tuple[int, int, str, str]]:
        """An office after "its" in a sentence whose subject is a state or one of its people:
        "Iran’s Supreme Leader Ali Khamenei said ..., while its foreign minister called the strikes
        ..." (Iran's, whatever state is named between)."""
        if not doc.has_annotation("DEP"):
            return []
        out = []
        day = doc._.article_date
        for tok in doc:
            if tok.lower_ != "its" or tok.i in taken:
                continue
            found = self.roles.phrase_at(doc, tok.i + 1, tok.sent.end)
            if not found:
                continue
            role_end, roles = found
            if role_end < len(doc) and (role_end in taken or doc[role_end].is_title):
                continue
            sent = tok.sent
            subject = next((r for r in sorted(resolved) if sent.start <= r[0] < tok.i
                            and doc[r[1] - 1].dep_ in ("nsubj", "nsubjpass") and doc[r[1] - 1].head == sent.root), None)
            if subject is None:
                continue
            actor = self.actors[subject[2]]
            of = actor.name if actor.type == "country" else actor.affiliation
            if not of:
                continue
            holder = self.roles.holder(roles, of, day, named)
            if holder:
                taken.update(range(tok.i + 1, role_end))
                out.append((tok.i + 1, role_end, holder, "role"))
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


def _tails_of_the_named(mentions: list[ActorMention]) -> list[ActorMention]:
    """A name the model found that is the last words of a name it found before ("Al Asaker
    wrote", after "Badr Al Asaker"; "Tahnoun Bin Zayed" of two words or more) is that one: the
    same person or body named shorter (mentions in text order)."""
    out: list[ActorMention] = []
    for m in mentions:
        words = m.name.split()
        if not m.known and len(words) >= 2 and m.type in ("person", "organisation"):
            longer = {o.name: o for o in out if not o.known and o.type in ("person", "organisation")
                      and len(o.name.split()) > len(words) and o.name.split()[-len(words):] == words}
            if len(longer) == 1:
                o = next(iter(longer.values()))
                m = m._replace(name=o.name, type=o.type, affiliation=o.affiliation, chain=o.chain)
        out.append(m)
    return out

