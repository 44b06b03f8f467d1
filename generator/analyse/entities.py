"""The names the statistical model finds outside the knowledge base, for ``digest_actors``.

A mix-in of ``actors.ActorResolver`` (it reads the resolver's tables: titles, the words that
make a name a place, a company, a part of a state or a commentator, the known forms). Each
name is cleaned (titles, possessives, stray apostrophes, brackets, hyphenated names the model
cut), then typed: a known actor written another way, a part of the state named before it, an
organisation named after a state ("American Farm Bureau Federation"), a place, a company, a
commentator (think tanks, universities), or a person or organisation of its own. Speakers the
model missed (the proper-noun subject of a reporting verb) and surnames used alone after a full
name are found here too. Whether such a name becomes an actor of its article is decided later,
on evidence (``pipeline._admitted``).
"""

from __future__ import annotations

import difflib
import re
import unicodedata

from spacy.tokens import Doc, Span

from generator.analyse.attribution import quoted_passive
from generator.analyse.roles import POSSESSIVE
from generator.analyse.spans import ActorMention

_NER_TYPES = {"PERSON": "person", "ORG": "organisation", "GPE": "place", "LOC": "place", "FAC": "place"}
_APOSTROPHES = ("’", "'")
_EAST_ASIAN_NAME = re.compile(r"^[A-Z][a-z]{1,6} [A-Z][a-z]+-[a-z]+$")  # "Cha Min-seok", "Han Soo-min"
_ACRONYM = re.compile(r"[A-Z][A-Za-z]{0,2}[A-Z][A-Za-z]{0,4}")  # "DoD", "MoD", "NTF", "CENTCOM"


_APOSTROPHED = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)+")  # a name with an apostrophe inside: "Kan’ani", "O'Brien"


def _initials(name: str) -> str:
    """The capitals a name's words begin with, small words left out ("National Task Force": "NTF")."""
    return "".join(w[0] for w in name.replace("-", " ").split() if w[:1].isupper())


_PEOPLE_OF = frozenset({"national", "citizen", "businessman", "businesswoman", "oligarch", "resident"})


def _described_as_a_person(doc: Doc, tokens: Span, roles: frozenset[str]) -> bool:
    """Whether two or three capitalised words are followed, or just preceded, by a person's role
    (``roles``: the person nouns of kb/roles.yml) in apposition ("Morgan Muir, deputy director of
    national intelligence", "his aide, Vadim Skibitsky")."""
    words = [t for t in tokens if t.text != "-"]  # "Ochur-Suge Mongush": a hyphenated given name
    if not 2 <= len(words) <= 3 or not all(t.is_title and t.is_alpha for t in words):
        return False
    s = tokens.start
    if s >= 2 and doc[s - 1].text == "," and doc[s - 2].is_lower and (doc[s - 2].lower_ in roles or doc[s - 2].lower_ in _PEOPLE_OF):
        return True  # "His aide, Vadim Skibitsky, said", "a Russian national, ...": the role just before, in apposition
    k = tokens.end
    if k >= len(doc) or doc[k].text != ",":
        return False
    for t in doc[k + 1 : k + 5]:
        if t.is_punct:
            return False
        if t.is_lower and t.lower_ in roles:
            return True
    return False


def _not_a_name(tokens: Span) -> bool:
    """Whether a run the model typed as a person holds a lowercase word no name holds: "Mar-a-Lago"
    (not "Kim Jong-un", whose lowercase syllable ends a hyphenated given name)."""
    doc = tokens.doc
    for t in tokens:
        if not (t.is_lower and t.is_alpha) or t.lower_ in _NAME_PARTICLES:
            continue
        hyphened = t.i > 0 and doc[t.i - 1].text == "-" and not doc[t.i - 1].whitespace_
        if not hyphened or (t.i + 2 < len(doc) and doc[t.i + 1].text == "-" and doc[t.i + 2].is_title):
            return True
    return False


# lowercase words a person's name may hold ("Ursula von der Leyen", "Mohammed bin Salman")
_NAME_PARTICLES = frozenset({"von", "van", "der", "den", "de", "del", "della", "di", "da", "dos", "das", "du", "la",
                             "le", "bin", "bint", "ibn", "al", "el", "ul", "y", "zu", "ter", "ten", "af"})
_QUOTE_MARKS = "\"“”‘’'"


def _spelled_alike(a: str, b: str) -> bool:
    """Two spellings of one surname: same first letter, length within one, and a close match
    ("Zelenksyy", "Zelenskyy"); never the same word (that is no misspelling)."""
    return a != b and a[0] == b[0] and abs(len(a) - len(b)) <= 1 and difflib.SequenceMatcher(None, a, b).ratio() >= 0.85


def _doubled_alike(a: str, b: str) -> bool:
    """One spelling with a doubled letter the other writes once ("rute", "rutte")."""
    def dropped(long: str, short: str) -> bool:
        return any(long[i] == long[i - 1] and long[:i] + long[i + 1 :] == short for i in range(1, len(long)))
    return a != b and (dropped(b, a) or dropped(a, b))


def _quoted_name(doc: Doc, start: int, end: int) -> bool:
    """Whether tokens ``start:end`` are the whole of a quotation ("the "Freedom Edge" drills")."""
    before = doc[start - 1].text if start > 0 else ""
    after = doc[end].text if end < len(doc) else ""
    return bool(before) and bool(after) and before[-1] in _QUOTE_MARKS and after[0] in _QUOTE_MARKS


def surname(tokens: Span, family_first: frozenset[str] = frozenset()) -> str:
    """The family name of a full name: the last word, or the first where the given name is
    hyphenated in the East Asian order ("Cha Min-seok" -> "Cha"), or where a name of three
    words opens with a common Korean or Chinese family name ("Li Song Kwun" -> "Li")."""
    if len(tokens) > 2 and any(t.text == "-" for t in tokens[1:]) and tokens[0].is_title and tokens[1].is_title:
        return tokens[0].text
    if len(tokens) == 3 and tokens[0].text in family_first and all(t.is_title for t in tokens):
        return tokens[0].text
    return tokens[-1].text


def particle_tail(name: str) -> str | None:
    """The family name of a full name from its last particle on, as an article uses it alone:
    "al hayya" for "Khalil al-Hayya" (written "Al-Hayya"), "al thani" for "Mohammed bin
    Abdulrahman Al Thani"; None without a particle."""
    words = name.replace("-", " ").lower().split()
    for i in range(len(words) - 2, 0, -1):
        if words[i] in _NAME_PARTICLES:
            return " ".join(words[i:])
    return None


_MONTH_DOT = re.compile(r"(?<=\s)(Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)\.$")


def tidy_name(text: str) -> str:
    """A name as web extraction spaced it, mended: "Workers ’ Party" -> "Workers' Party"; a
    name that ends a sentence on a month's abbreviation loses the full stop ("Dong Jun.")."""
    text = re.sub(r"\s+([’'])(\s*s\b|\s+)", lambda m: m.group(1) + (m.group(2).strip() or " "), text)
    text = _MONTH_DOT.sub(r"\1", text.strip())
    return " ".join(text.replace("’", "'").split())


# lowercase words inside people's names ("Ursula von der Leyen", "Luiz Inacio Lula da Silva")
_NAME_PARTICLES = frozenset({"von", "van", "der", "den", "de", "del", "della", "da", "das", "do", "dos", "di",
                             "du", "la", "le", "bin", "binti", "ibn", "al", "el", "ben", "ter", "ten", "y", "e",
                             "zu", "af", "ap", "bint", "abu"})
# the words after a leader's name that make it their government ("the Biden administration")
ADMINISTRATION = frozenset({"administration", "government", "cabinet", "administration's", "government's", "cabinet's"})

class ModelNames:
    """Cleaning and typing of the model's entities (mixed into ``ActorResolver``)."""

    def _named_after_according(self, doc: Doc, k: int, taken: set[int]) -> ActorMention | None:
        """The person the model missed at the end of an "according to" phrase with a title
        before the name ("According to Japan's State Minister of Defense Toshiro Ino,")."""
        end = k
        while end < len(doc) and end - k < 12 and not doc[end].is_punct or (end < len(doc) and doc[end].text in ("'s", "’s")):
            end += 1
        if end >= len(doc) or doc[end].text != ",":
            return None
        start = end
        while start > k and doc[start - 1].is_title and doc[start - 1].is_alpha \
                and doc[start - 1].lower_ not in self.title_words:
            start -= 1
        if not (2 <= end - start <= 3) or start == k or doc[start - 1].lower_ not in self.title_words:
            return None  # a name after a title only: "Minister of Defense Toshiro Ino"
        if any(i in taken for i in range(start, end)) or any(e.start <= start < e.end for e in doc.ents if e.label_ != "PERSON"):
            return None
        name = tidy_name(doc[start:end].text)
        if name.lower() in self.ignore or name in self.places:
            return None
        taken.update(range(start, end))
        return self._new_person(start, end, name)

    def _new_person(self, start: int, end: int, name: str) -> ActorMention:
        """A person found by name only; a known person when it is their name spelled otherwise
        ("Esmail Baqaei" for Esmaeil Baqaei)."""
        known_as = self.spelled_like(name) or self.by_squashed.get(squashed(name))
        if known_as is not None:
            return self._mention(start, end, known_as, "alias")
        return ActorMention(start, end, name, "entity", "person", None, False, (name,))

    @staticmethod
    def _spelled_acronyms(doc: Doc, mentions: list[ActorMention]) -> list[ActorMention]:
        """A name the model found that is an acronym of a name named before is that name's actor:
        "the NTF-WPS said", after "the National Task Force for the WPS" (its initials, the part
        before a hyphen); "BIS officials", after "the Bureau of Industry and Security" (a body
        named as written, whose actor is its state)."""
        out = []
        for m in sorted(mentions, key=lambda m: m.start):
            head = m.name.split("-")[0]
            if not m.known and m.name.replace("-", "").isupper() and _ACRONYM.fullmatch(head):
                spelled = next((p for p in reversed(out) if p.start < m.start and p.name != m.name
                                and head in (_initials(p.name), _initials(doc[p.start : p.end].text))), None)
                if spelled is not None:
                    m = spelled._replace(start=m.start, end=m.end)
            out.append(m)
        return out

    def _unnamed_speakers(self, doc: Doc, taken: set[int]) -> list[ActorMention]:
        """A name the model missed that speaks: the proper-noun subject of a reporting verb
        ("Cha Min-seok, a research fellow at the institute, said")."""
        out = []
        for tok in doc:
            named = quoted_passive(tok)  # "“...,” Anatolii Barhylevych, the chief of ..., was quoted as saying"
            if named is not None and not any(i in taken for i in range(*named)):
                name = tidy_name(doc[named[0] : named[1]].text)
                if name.lower() not in self.ignore and name not in self.places and not self._is_part(doc[named[0] : named[1]]):
                    taken.update(range(*named))
                    out.append(self._new_person(named[0], named[1], name))
                continue
            if tok.lower_ == "according" and tok.i + 1 < len(doc) and doc[tok.i + 1].lower_ == "to":
                named = self._named_after_according(doc, tok.i + 2, taken)
                if named is not None:  # "According to Japan's State Minister of Defense Toshiro Ino,"
                    out.append(named)
                continue
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
                end = subj.i + 1
                indices = {t.i for t in parts}
                start = subj.i
                while start - 1 in indices:  # the run of the name next to its head: "German Ambassador
                    start -= 1  # to Ukraine Martin Jaeger stated": "Martin Jaeger", not from "Ambassador"
                while start < end - 1 and (doc[start].lower_ in self.title_words or doc[start].text == "."):
                    start += 1  # "Rep. Lee Seong-kweun", "Presidential Aide Yury Ushakov"
                while end + 1 < len(doc) and doc[end].text == "-" and not doc[end - 1].whitespace_ and doc[end + 1].is_alpha:
                    end += 2
                span = doc[start:end]
                words = [t for t in span if t.is_alpha or _APOSTROPHED.fullmatch(t.text)]  # "Nasser Kan’ani"
                if len(words) < 2 or any(i in taken for i in range(start, end)) or span[0].text == "-" or any(
                    t.is_lower and not (t.i > start and doc[t.i - 1].text == "-" and not doc[t.i - 2].is_lower)
                    for t in words  # "state-run news agency KCNA": a description; "Lee Seong-kweun": a name
                ) or any(
                    (t.lower_,) in self.titles for t in span
                ) or self._is_part(span) or words[-1].lower_ in self.company_words | self.commentator_words | self.place_words \
                        or words[-1].text in self.company_marks or words[-1].lower_ in self.unnamed_tails \
                        or start in doc.user_data.get("digest_no_speaker_labels", ()):
                    continue  # "the Commerce Ministry said": a body; "the Defence White Paper": a text;
                    # "Digital Desk: The Joint Chiefs ... informed reporters": the page's byline
                name = tidy_name(span.text)
                name = re.sub(r"\s*-\s*", "-", name)
                if name.lower() in self.ignore or name in self.places:
                    continue
                taken.update(range(start, end))
                out.append(self._new_person(start, end, name))
        return out

    def _surnames(self, doc: Doc, taken: set[int], mentions: list[ActorMention]) -> list[ActorMention]:
        """A surname alone after its person's full name ("Tennant said"), when one person of the
        article has it and the model did not mark it."""
        owners: dict[str, set[ActorMention]] = {}
        first: dict[str, int] = {}
        for m in mentions:
            if m.type == "person" and m.end - m.start > 1 and m.kind != "role":
                keys = {surname(doc[m.start : m.end], frozenset() if m.known else self.family_first)}
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

    def _common_words(self, doc: Doc, tokens: Span, label: str, lower_words: set[str]) -> bool:
        """Whether the model's name is made of common words, not a name: a plural acronym
        ("UAVs"), a generic word alone ("Peninsula", "Commission"), or a "person" with a word the
        article also writes in lower case ("A. Countervailing" beside "countervailing duties")."""
        words = [t for t in tokens if t.is_alpha]
        if not words:
            return True
        if len(tokens) == 1 and re.fullmatch(r"[A-Z]{2,}s", tokens[0].text):
            return True
        if len(words) == 1 and words[0].is_title and (
                words[0].lower_ in self.place_words | self.part_words | self.commentator_words
                or words[0].lower_ in lower_words):
            return True
        if label == "PERSON" and any(re.search(r"[^\w.'’-]", t.text) or "--" in t.text for t in tokens):
            return True  # "Jiji Press)--Japanese": a dateline the model read as a name
        if label == "PERSON" and any(t.is_lower and t.lower_ not in _NAME_PARTICLES and not (
                t.i > 0 and t.doc[t.i - 1].text in ("-", "'", "’")) for t in words):  # "Lee Seong-kweun"
            return True  # "Javelin anti-tank", "Stinger missiles": a person's name is capitalised
        return label == "PERSON" and any(t.is_title and len(t.text) > 3 and t.lower_ in lower_words for t in words)

    def _listed_as_a_company(self, doc: Doc, start: int, end: int) -> bool:
        """Whether the name at ``start:end`` comes just after a noun for companies ("two shipping
        companies, Dalian Haibo, ...", "the firms Example Trading and ..."): a company (not a
        speaker put in between: "the firm, Park Ji-hoon said, will grow")."""
        k = start - 1
        if k >= 0 and doc[k].text in (",", ":"):
            k -= 1
        if end < len(doc) and (doc[end].lower_ in self.speech_verbs or doc[end - 1].dep_ in ("nsubj", "nsubjpass")):
            return False
        if k >= 0 and doc[k].lower_ in self.company_nouns and doc[k].pos_ == "NOUN":
            return True
        if start >= 2 and doc[start - 1].lower_ == "based" and doc[start - 2].text == "-" and not (
                {t.lower_ for t in doc[start:end]} & (self.commentator_words | self.part_words)):
            return True  # "Hong Kong-based Smart Kit": a firm of a place (not a "Washington-based ... Institute")
        opening = self._list_opening(doc, end)  # a later item: "the firms A, B and C"
        return opening is not None and self._after_a_noun(doc, opening, self.company_nouns)

    @staticmethod
    def _list_opening(doc: Doc, end: int) -> int | None:
        """Where the list holding the name that ends at ``end`` begins, when the name is a later
        item of one ("Volga Star, Sadovaya Prospect, and NS Horizon": the start of "Volga
        Star"); None when it is no later item."""
        first = doc[end - 1]
        while first.dep_ == "conj" and first.head.i < first.i:
            first = first.head
        if first.i == end - 1:
            return None
        lo = first.i
        while lo > 0 and doc[lo - 1].is_title and doc[lo - 1].pos_ == "PROPN" and doc[lo - 1].dep_ == "compound":
            lo -= 1
        return lo

    def _after_a_noun(self, doc: Doc, start: int, nouns: set[str]) -> bool:
        """Whether a common noun of ``nouns`` comes just before ``start`` ("the tankers Volga
        Star", "two firms: Hanbit Marine")."""
        k = start - 1
        if k >= 0 and doc[k].text in (",", ":"):
            k -= 1
        return k >= 0 and doc[k].lower_ in nouns and doc[k].pos_ == "NOUN"

    def _listed_as_things(self, doc: Doc, start: int, end: int) -> bool:
        """Whether the name at ``start:end`` is a ship, a weapon or an exercise of a list a noun
        for such things opens ("The tankers Volga Star, Sadovaya Prospect, and NS Horizon"),
        the first item or a later one."""
        if self._after_a_noun(doc, start, self.thing_words):
            return True
        opening = self._list_opening(doc, end)
        return opening is not None and self._after_a_noun(doc, opening, self.thing_words)

    @staticmethod
    def _listed_with_organisations(doc: Doc, end: int) -> bool:
        """Whether the name ending at ``end`` stands in a list of three or more whose other items
        the model all calls organisations ("Baltic Consulting, Ridge Tool, KMT Avionics, and
        Strelka"): one of them, whatever the model typed it."""
        last = doc[end - 1]
        first = last
        while first.dep_ == "conj" and first.head.i < first.i:
            first = first.head
        items, stack = [first], [first]
        while stack:
            t = stack.pop()
            for c in t.children:
                if c.dep_ == "conj" and c.pos_ == "PROPN":
                    items.append(c)
                    stack.append(c)
        others = [t for t in items if t.i != last.i]
        return last in items and len(others) >= 2 and all(  # "SMT iLogic": the model marks "SMT" only
            t.ent_type_ == "ORG" or any(c.ent_type_ == "ORG" for c in t.children if c.dep_ == "compound") for t in others)

    def _a_cut_modifier(self, doc: Doc, start: int, end: int) -> bool:
        """Whether the model cut a longer name that only says what kind of thing follows ("used
        Price Cap Coalition service providers": "Cap Coalition"): a capitalised word of no title
        just before it, and the name a modifier of a common noun after it."""
        if start == 0:
            return False
        prev, last = doc[start - 1], doc[end - 1]
        return (prev.is_title and prev.is_alpha and prev.pos_ == "PROPN" and not prev.is_sent_start
                and prev.ent_type_ == "" and prev.lower_ not in self.title_words
                and last.dep_ == "compound" and last.head.i >= end and last.head.is_lower and last.head.pos_ == "NOUN")

    def _with_other_companies(self, doc: Doc, end: int) -> bool:
        """Whether the name ending at ``end`` is counted among companies after it ("Asia Harbour
        Links and eight other entities", "Dalian Haibo and several other firms")."""
        k = end
        if k >= len(doc) or doc[k].lower_ not in ("and", "or"):
            return False
        k += 1
        while k < len(doc) and k - end <= 3 and (doc[k].like_num or doc[k].lower_ in (
                "several", "many", "some", "a", "few", "dozen", "dozens", "of", "the")):
            k += 1
        return k + 1 < len(doc) and doc[k].lower_ == "other" and doc[k + 1].lower_ in self.company_nouns

    def _unit_of(self, doc: Doc, start: int, known: list[ActorMention]) -> bool:
        """Whether the name at ``start`` comes right after a known organisation written with
        "the" ("the IRGC Khatam al-Anbiya", "the headquarters of the IRGC Khatam al-Rasul"): a unit
        of that organisation, never a person; but not after a post's title that the organisation
        completes ("Director of the General Office of the ... Communist Party of China (CPC) Cai
        Qi": the holder)."""
        for m in known:
            if m.end != start or m.type not in ("organisation", "group") or m.start == 0 or doc[m.start - 1].lower_ != "the":
                continue
            k = m.start - 1
            while k > 0 and (doc[k - 1].is_title or doc[k - 1].is_upper or doc[k - 1].lower_ in ("of", "the", "(", ")")):
                k -= 1  # back over the post's words: "Director of the General Office of the Central Committee of"
            while k < m.start and doc[k].lower_ in ("of", "the", "(", ")"):
                k += 1
            if not (doc[k].is_title and doc[k].lower_ in self.title_words):
                return True
        return False

    def _a_post(self, name: str) -> bool:
        """Whether a name is made only of titles and places ("Consul General", "Osaka Consul"):
        the post, not the person holding it."""
        words = name.replace("-", " ").split()
        return any(w.lower() in self.title_only for w in words) and all(
            w.lower() in self.title_only or w.lower() in self.place_names for w in words)

    def _a_journalist(self, doc: Doc, start: int, end: int) -> bool:
        """Whether the article presents the person at ``start:end`` as a journalist reporting the
        story, not a party to it: a journalist's role just before ("reporter Jane Roe"), an outlet
        owning the name ("Example News' Jane Roe"), or the role in apposition after it ("Jane
        Roe, a correspondent for ...")."""
        sent = doc[start].sent
        # the role as the name's title ("CNN reporter Jane Roe"), not cut off from it by a comma
        # ("In a meeting with reporters, Kwon Young-se urged ...": the minister met them)
        if any(t.lower_ in self.journalist_roles and not any(u.is_punct for u in doc[t.i + 1 : start])
               for t in doc[max(sent.start, start - 3) : start]):
            return True
        if start - 2 >= sent.start and doc[start - 1].text in POSSESSIVE and doc[start - 2].is_title \
                and doc[start - 2].lower_ in self.commentator_words and doc[start - 2].ent_type_ == "ORG":
            return True
        if start - 2 >= sent.start and doc[start - 1].text in POSSESSIVE and any(
                doc[max(sent.start, start - 1 - n) : start - 1].text.lower() in self.outlet_names for n in (1, 2, 3)):
            return True  # "told CNBC's Eamon Javers": a known outlet's own journalist
        if end >= sent.end or doc[end].text != ",":
            return False
        # the role may follow an outlet's name of several words ("Jane Roe, the Wall Street
        # Journal Brussels correspondent, tweeted")
        for t in doc[end + 1 : min(sent.end, end + 9)]:
            if t.text in (",", ";", ".", ")", "(") or t.pos_ in ("VERB", "AUX"):
                return False
            if t.lower_ in self.journalist_roles:
                return True
        return False

    def _names_a_thing(self, doc: Doc, end: int) -> bool:
        """Whether the name ending at ``end`` names the exercise, weapon or plan after it
        ("Vigilant Storm air drills", "Iron Dome air defence system"), not an actor."""
        k = end
        while k < len(doc) and k - end < 3 and doc[k].is_lower and doc[k].is_alpha and doc[k].lower_ not in self.thing_words:
            k += 1
        return k < len(doc) and doc[k].lower_ in self.thing_words and doc[k].pos_ in ("NOUN", "PROPN")

    @staticmethod
    def _modifies_a_noun(doc: Doc, start: int, end: int) -> bool:
        """Whether the name only says what kind of thing follows ("a Facebook Messenger chat",
        "a Viber message", "an Ilyushin transport plane"): not an actor of the article."""
        return start > 0 and doc[start - 1].lower_ in ("a", "an") and end < len(doc) and (
            doc[end].is_lower and doc[end].is_alpha and doc[end].pos_ not in ("ADP", "CCONJ", "SCONJ", "PART", "AUX"))

    # ------------------------------------------------------------------ the model's entities
    def _clean(self, doc: Doc, ent: Span) -> tuple[int, int] | None:
        """Token bounds of the name in ``ent`` without titles, possessives and stray marks."""
        start, end = ent.start, ent.end
        # a possessive inside: "England ’s Harry Kane" -> the part after it
        for i in range(end - 2, start, -1):  # (a possessive at the end is only dropped: "Xue Jian's")
            if doc[i].text in POSSESSIVE or (doc[i].text in _APOSTROPHES and i + 1 < end and doc[i + 1].lower_ == "s"):
                if ent.label_ == "PERSON":
                    start = i + 1 + (doc[i].text in _APOSTROPHES and doc[i + 1].lower_ == "s")
                break
        # a party split at its apostrophe: "Workers ’ Party": take the words after it back
        if end + 1 < len(doc) and doc[end].text in _APOSTROPHES and doc[end + 1].is_title:
            end += 1
            while end < len(doc) and (doc[end].is_title or (doc[end].lower_ == "of" and end + 1 < len(doc) and doc[end + 1].is_title)):
                end += 1
        # a dash set off by spaces ends the name: "Steve Witkoff - who played a role -"
        for i in range(start + 1, end):
            if doc[i].text in ("-", "–", "—") and doc[i - 1].whitespace_ and doc[i].whitespace_ \
                    and i + 1 < end and doc[i + 1].is_lower:
                end = i
                break
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
            if not changed and end - start > 1 and doc[start].lower_ in self.title_words and doc[start + 1].is_title:
                start += 1  # "Presidential Aide Yury Ushakov": any word of a title
                changed = True
        if ent.label_ == "PERSON" and end - start >= 3 and doc[start].text in self.places and doc[start].is_title \
                and start > 0 and doc[start - 1].lower_ == "in":
            start += 1  # "China's Consul General in Osaka Xue Jian": the city is no part of his name
        while end > start and (doc[end - 1].text in POSSESSIVE or doc[end - 1].is_punct):
            end -= 1
        return (start, end) if end > start else None

    def _name_after_role(self, doc: Doc, start: int, end: int) -> int | None:
        """Where the name starts in an organisation the model ran into a person's role and name
        ("Foreign Ministry Spokesperson Esmail Baqaei"): two or three capitalised words after a
        role word ("Spokesperson", "Minister", "Ambassador")."""
        people = self.roles.speaker_nouns.get("person", frozenset())
        for k in range(end - 3, start - 1, -1):
            if doc[k].lower_ in people and doc[k].is_title:
                after = doc[k + 1 : end]
                if 2 <= len(after) <= 3 and all(t.is_alpha and t.is_title for t in after) and \
                        not any(t.lower_ in self.part_words | self.title_words for t in after):
                    return k + 1
                return None
        return None

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

    def _part_of_state(self, ent: Span, by_start: dict) -> str | None:
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
        if ent.start >= 2 and doc[ent.start - 1].lower_ == "of" and doc[ent.start - 2].lower_ in self.title_words \
                and 2 <= len(rest) <= 5 and all(t.is_title and t.is_alpha for t in rest):
            # "President of Angola João Manuel Gonçalves Lourenço": the state, then its office's holder
            taken.update(range(m.end, ent.end))
            return self._new_person(m.end, ent.end, tidy_name(rest.text))
        bounds = self._clean(doc, ent)
        if bounds is None:
            return None
        known.remove(m)
        taken.update(range(ent.start, ent.end))
        name = tidy_name(doc[bounds[0] : bounds[1]].text)
        kind = "company" if rest[-1].lower_ in self.company_words or rest[-1].text in self.company_marks else "organisation"
        if {t.lower_ for t in rest} & self.commentator_words:
            kind = "commentator"  # "the PLA Nanjing Political College": a school, kept among the unresolved names
        return ActorMention(bounds[0], bounds[1], name, "entity", kind, None, False, (name,))

    def _outlets_label(self, low: str) -> bool:
        """A news outlet's name and editorial labels after it ("xinhua headlines", "cnn video")."""
        words = low.split()
        return any(" ".join(words[:k]) in self.outlet_names and all(w in self.editorial_labels for w in words[k:])
                   for k in range(1, min(len(words), 4)))

    def _short(self, start: int, end: int, name: str) -> ActorMention:
        """A surname alone of a person named in full before: the known person, with his state
        and chain, when the knowledge base has him ("Tarriela" after "Jay Tarriela")."""
        if name in self.actors:
            return self._mention(start, end, name, "short")
        return ActorMention(start, end, name, "short", "person", None, False, (name,))

    def _unknown_entities(self, doc: Doc, taken: set[int], known: list[ActorMention]) -> list[ActorMention]:
        out: list[ActorMention] = []
        surnames: dict[str, str] = {}
        tails: dict[str, str] = {}  # "al hayya" -> "Khalil al-Hayya": a family name with its particle
        for m in known:
            if m.type == "person":
                surnames[surname(doc[m.start : m.end])] = m.name
                if (tail := particle_tail(m.name)) is not None:
                    tails.setdefault(tail, m.name)
                if m.end - m.start == 2 and doc[m.start].text in self.family_first:
                    surnames.setdefault(doc[m.start].text, m.name)  # "Sun Weidong ... Sun said"
        ents = [e for e in doc.ents if e.label_ in _NER_TYPES]
        # an acronym the article gives a known name in brackets stands for it from then on: "the
        # Department of Defense (DoD) announced ... the DoD will provide"
        acronyms = {doc[m.end + 1].text: m for m in known if m.end + 2 < len(doc) and doc[m.end].text == "("
                    and doc[m.end + 2].text == ")" and _ACRONYM.fullmatch(doc[m.end + 1].text)}
        lower_words = {t.text for t in doc if t.is_lower and t.is_alpha}
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
            state = by_start.get(ent.start)
            if ent.label_ == "ORG" and state is not None and state.type == "country" and ent.start > 0 \
                    and doc[ent.start - 1].lower_ == "to" and 2 <= ent.end - state.end <= 3 \
                    and all(t.is_title and t.is_alpha for t in doc[state.end : ent.end]):
                ent = Span(doc, state.end, ent.end, label="PERSON")  # "Ambassador to China Kenji Kanasugi"
            if ent.label_ == "ORG" and any(i in taken for i in range(ent.start, ent.end)):
                part = self._part_of_state(ent, by_start)
                if part is not None:  # "the Russian Defence Ministry": Russia, already taken;
                    i = by_start[ent.start].end  # the body itself is the state's part too
                    while i < ent.end and doc[i].text in POSSESSIVE:
                        i += 1
                    if i < ent.end and not any(t in taken for t in range(i, ent.end)):
                        taken.update(range(i, ent.end))
                        out.append(self._mention(i, ent.end, part, "part"))
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
            titled = self._name_after_role(doc, start, end) if ent.label_ == "ORG" else None
            if titled is None and ent.label_ == "ORG" and doc[start].text in self.honorifics and 1 <= end - start - 1 <= 3 \
                    and all(t.is_title and t.is_alpha for t in doc[start + 1 : end]) \
                    and not {t.lower_ for t in doc[start + 1 : end]} & (
                        self.company_words | self.part_words | self.commentator_words | self.place_words):
                titled = start + 1  # "Ms Tomomi Inada" typed an organisation: a person, by her title (not "Mr Price Group")
            if titled is not None:  # "Foreign Ministry Spokesperson Esmail Baqaei": the person
                start = titled
            if any(i in taken for i in range(start, end)):
                continue
            tokens = doc[start:end]
            name = tidy_name(tokens.text.split("(")[0])  # "National Intelligence Service(NIS": up to the bracket
            name = re.sub(r"\s*-\s*", "-", name) if re.search(r"\w\s*-\s+\w|\w\s+-\s*\w", name) else name
            low = name.lower()
            if len(tokens) > 1 and tokens[0].text in self.vessel_prefixes and tokens[1].is_title:
                continue  # "BRP Datu Pagbuaya", "USS Ronald Reagan": a ship
            if self._common_words(doc, tokens, ent.label_, lower_words) or self._names_a_thing(doc, end) \
                    or self._modifies_a_noun(doc, start, end) or (low.split() or [""])[-1] in self.unnamed_tails \
                    or self._listed_as_things(doc, start, end) \
                    or (ent.label_ == "PERSON" and self._a_cut_modifier(doc, start, end)):
                continue
            if (
                len(name) < 2
                or not name[0].isupper()
                or any(ch.isdigit() for ch in name)
                or low in self.ignore
                or "\n" in name
            ):
                continue
            if self._a_post(name):
                continue  # "Consul General", "Osaka Consul": a post, whoever holds it, not a name
            if self._outlets_label(low):
                continue  # "Xinhua Headlines", "Reuters Graphics": an outlet's own furniture
            if name in acronyms and acronyms[name].start < start:
                taken.update(range(start, end))
                out.append(acronyms[name]._replace(start=start, end=end))
                continue
            if start >= 2 and doc[start - 1].text == "(" and end < len(doc) and doc[end].text == ")" \
                    and len(name) <= 8 and sum(c.isupper() for c in name) >= 2 and " " not in name:
                # "the Ministry of Defence (MoD)": the acronym of the name just before its bracket
                before = next((m for m in (*known, *out) if m.end == start - 1), None)
                if before is not None:
                    taken.update(range(start, end))
                    out.append(before._replace(start=start, end=end))
                    acronyms.setdefault(name, before)  # and from then on
                    continue
            known_as = self.by_form.get(low) or self.by_squashed.get(squashed(name))
            if known_as is not None:
                # a known actor written another way ("the Workers' Party"; "Hayat Tahrir Al Sham",
                # "Gulf Co-operation Council": spaces, hyphens and accents aside)
                taken.update(range(start, end))
                out.append(self._mention(start, end, known_as, "alias"))
                continue
            kind = _NER_TYPES[ent.label_]
            if _quoted_name(doc, start, end):
                continue  # "Freedom Edge" in quotation marks: the name of an exercise, a plan
            if titled is not None:
                kind = "person"
            elif (kind == "organisation" or (kind == "place" and name not in self.places)) and (
                    _EAST_ASIAN_NAME.match(name)
                    or _described_as_a_person(doc, tokens, self.roles.speaker_nouns.get("person", frozenset()))):
                # "Han Soo-min"; "Morgan Muir, deputy director of ...", "Hong Lei, assistant
                # foreign minister of China" (typed a place): a person
                kind = "person"
            elif kind == "organisation" and start > 0 and doc[start - 1].lower_ in ("off", "near") \
                    and doc[start - 1].pos_ == "ADP":
                kind = "place"  # "three vessels off Bajo de Masinloc", "near Pokrovsk": where, not who
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
            # "Ferdinand “Bongbong” Marcos Jr.": the nickname split the name, "Marcos Jr." is left
            owners = self.short_owners.get(name) or self.short_owners.get(re.sub(r",?\s+[JS]r\.?$", "", name), [])
            if len(tokens) == 1 and start > 0 and not self._title_before(doc, start) and doc[start - 1].is_alpha \
                    and doc[start - 1].is_title and doc[start - 1].pos_ == "PROPN" and not doc[start - 1].is_sent_start:
                owners = []  # "Reporting by Hyonhee Shin": another person's given name, not Shin Won-sik
            if len(tokens) == 1 and start > 0 and doc[start - 1].is_alpha and doc[start - 1].pos_ == "NOUN" \
                    and doc[start - 1].lower_ not in self.title_words:
                owners = []  # "BTS member Jin", "Singer Jin": someone the article describes otherwise
            if len(owners) == 1 and surnames.get(name, owners[0]) == owners[0] \
                    and (kind != "place" or name not in self.places) and (  # "Scholz", typed a place
                self._title_before(doc, start) or self.actors[owners[0]].affiliation in named_states
                or (end < len(doc) and doc[end].lower_ in ADMINISTRATION)  # "the Biden administration"
            ):
                # the model says it is a name ("the Trump administration"): the one known
                # person with that short form, when the article names their state (not Novak
                # Djokovic for Katalin Novak of Hungary) and no one else of that family name in
                # full ("Moon" after "Moon Hyung-bae" is not Moon Jae-in)
                out.append(self._mention(start, end, owners[0], "short"))
                taken.update(range(start, end))  # once: not again as a speaker the model missed
                continue
            if len(tokens) == 1 and len(name) >= 4 and kind in ("person", "organisation"):
                # "Zelenksyy, after the meeting, said": the surname of a person the article named
                # in full, mistyped (same first letter, one or two letters moved); a short one only
                # with a doubled letter written once or twice ("said Rute" after Mark Rutte)
                alike = {m.name for m in known if m.type == "person" and m.end - m.start > 1 and (
                         _spelled_alike(name.lower(), doc[m.end - 1].lower_) if len(name) >= 6
                         else _doubled_alike(name.lower(), doc[m.end - 1].lower_))}
                if len(alike) == 1:
                    owner = alike.pop()
                    taken.update(range(start, end))
                    out.append(self._mention(start, end, owner, "short"))
                    continue
            owner = tails.get(name.replace("-", " ").lower())
            if owner is not None and owner != name and kind in ("person", "organisation"):
                # "Al-Hayya" after "Khalil al-Hayya", typed anyhow: the same person
                out.append(self._short(start, end, owner))
                taken.update(range(start, end))
                continue
            if len(tokens) == 1 and name in surnames:  # a lone surname, typed anyhow
                out.append(self._short(start, end, surnames[name]))
                taken.update(range(start, end))  # once: not again as a surname the model missed
                continue
            if name in self.places or kind == "place" or tokens[-1].lower_ in self.place_words:
                kind = "place"
            elif tokens[-1].lower_ in self.company_words or tokens[-1].text in self.company_marks or low.endswith(" index") \
                    or self._listed_as_a_company(doc, start, end) or self._with_other_companies(doc, end):
                kind = "company"
            elif kind == "person" and self._unit_of(doc, start, known):
                kind = "part"  # "the IRGC Khatam al-Anbiya": a unit of the organisation
            elif kind == "person" and _not_a_name(tokens):
                kind = "place"  # "Mar-a-Lago": a lowercase word no name holds
            elif kind == "person" and self._listed_with_organisations(doc, end):
                kind = "organisation"  # "Baltic Consulting, Ridge Tool, KMT Avionics, and Strelka"
            elif kind == "person":
                if len(tokens) == 1:
                    continue  # a lone name with no full form is too ambiguous to index
                person = self._new_person(start, end, name)
                if person.known:  # "Esmail Baqaei": Esmaeil Baghaei, transliterated otherwise
                    taken.update(range(start, end))
                    out.append(person)
                    continue
                surnames[surname(tokens, self.family_first)] = name
                if (tail := particle_tail(name)) is not None:
                    tails.setdefault(tail, name)
                if self._a_journalist(doc, start, end):  # "Example News' Jane Roe reported": the
                    doc.user_data.setdefault("digest_journalists", set()).add(name)  # outlet's own, no actor
            out.append(ActorMention(start, end, name, "entity", kind, None, False, (name,)))
            taken.update(range(start, end))
        # a name the article shows once to be a company ("Asia Harbour Links and eight other
        # entities") is that company wherever else it is named
        companies = {m.name for m in out if m.type == "company"}
        out = [m._replace(type="company") if m.name in companies and m.type == "organisation" else m for m in out]
        # a surname named before the full name ("Xi, Obama meet" over "... Barack Obama met"),
        # typed anyhow: the person named in full
        return [self._short(m.start, m.end, surnames[m.name])
                if m.kind == "entity" and m.end - m.start == 1 and m.type in ("place", "organisation")
                and m.name in surnames else m for m in out]


def folded(word: str) -> str:
    """``word`` without its accents ("erdoğan": "erdogan")."""
    return "".join(c for c in unicodedata.normalize("NFKD", word) if not unicodedata.combining(c))


def squashed(name: str) -> str:
    """``name`` lowercased without accents, spaces, hyphens and apostrophes: "Hayat Tahrir Al Sham"
    and "Hayat Tahrir al-Sham", "Gulf Co-operation Council" and "Gulf Cooperation Council" are one."""
    return "".join(c for c in folded(name.lower()) if c.isalnum())
