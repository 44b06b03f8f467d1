"""Offices in text: "the Chinese leader", "Russia's foreign minister", "Secretary of State Blinken".

``RoleIndex`` reads ``kb/roles.yml`` (the words that name an office) and the offices of
``kb/people.yml``, finds a role phrase after a country, demonym or seat, or before a surname,
and names its holder on the article's date. Without a date, the holder is named only when the
office had one holder in the whole period the knowledge base covers, or when one of its holders
is named elsewhere in the article; otherwise the role stays unresolved rather than guessed.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from functools import lru_cache

from spacy.tokens import Doc

from generator.analyse.datafile import LINE, load_yaml, str_list
from generator.analyse.gazetteer import KB_DIR, ROLES, ROLES_FILE, Gazetteer  # noqa: F401 - ROLES_FILE re-exported
from generator.errors import ConfigError

POSSESSIVE = {"'s", "’s", "'", "’"}


@lru_cache(maxsize=2)
def load_roles(path: str | None = None) -> tuple[dict, dict, dict]:
    """(phrase words -> roles, country -> leader role, speaker kind -> nouns)."""
    display = str(path or ROLES_FILE)
    data = load_yaml(path or ROLES_FILE, display)
    problems = []
    phrases: dict[tuple[str, ...], list[str]] = defaultdict(list)
    for role, words in (data.get("role_words") or {}).items():
        if role == LINE:
            continue
        if role not in ROLES:
            problems.append(f"{display}: role_words: unknown role '{role}'")
            continue
        for phrase in str_list(words) or ():
            phrases[tuple(phrase.lower().split())].append(role)
    leader = {}
    for role, countries in (data.get("leader_role") or {}).items():
        if role != LINE:
            leader.update({c: role for c in str_list(countries) or ()})
    nouns = {k: frozenset(str_list(v) or ()) for k, v in (data.get("speaker_nouns") or {}).items() if k != LINE}
    if problems:
        raise ConfigError(problems)
    return dict(phrases), leader, nouns


@lru_cache(maxsize=2)
def load_descriptors(path: str | None = None) -> frozenset[str]:
    """The words that may stand between a state and its office (``descriptors`` of roles.yml)."""
    data = load_yaml(path or ROLES_FILE, str(path or ROLES_FILE))
    return frozenset(w.lower() for w in str_list(data.get("descriptors")) or ())


class RoleIndex:
    def __init__(self, gazetteer: Gazetteer):
        self.phrases, self.leader_role, self.speaker_nouns = load_roles()
        self.descriptors = load_descriptors()
        self.longest = max((len(p) for p in self.phrases), default=1)
        self.holders: dict[tuple[str, str], list[tuple[str, object]]] = defaultdict(list)
        self.role_of: dict[str, set[str]] = defaultdict(set)  # person -> roles ever held
        for actor in gazetteer.actors:
            for office in actor.offices:
                self.holders[(office.role, office.of)].append((actor.name, office))
                self.role_of[actor.name].add(office.role)

    def phrase_at(self, doc: Doc, i: int, end: int) -> tuple[int, list[str]] | None:
        """The longest role phrase starting at token ``i`` (before ``end``), after one or two
        descriptors ("veteran"): (its end, roles)."""
        skipped = 0
        while skipped < 2 and i < end and doc[i].lower_ in self.descriptors:
            i, skipped = i + 1, skipped + 1
        for n in range(min(self.longest, end - i), 0, -1):
            words = tuple(t.lower_ for t in doc[i : i + n])
            roles = self.phrases.get(words)
            if roles:
                return i + n, roles
        return None

    def _roles_for(self, roles: list[str], of: str) -> list[str]:
        out = []
        for role in roles:
            if role == "leader" and not self.holders.get(("leader", of)):
                out.append(self.leader_role.get(of, "head-of-state"))
            else:
                out.append(role)
        return out

    def holder(self, roles: list[str], of: str, day: dt.date | None, named: set[str]) -> str | None:
        """Who held the first of ``roles`` that ``of`` has, on ``day`` (see the module doc)."""
        for role in self._roles_for(roles, of):
            entries = self.holders.get((role, of))
            if not entries:
                continue
            if day is not None:
                names = {n for n, office in entries if office.held_on(day)}
            else:
                names = {n for n, _ in entries}
            if len(names) == 1:
                return next(iter(names))
            seen = names & named
            if len(seen) == 1:
                return next(iter(seen))
            return None
        return None

    def fits(self, person: str, roles: list[str]) -> bool:
        """Whether ``person`` ever held one of ``roles`` (a title before a surname)."""
        held = self.role_of.get(person, set())
        return any(r in held or (r == "leader" and held & {"head-of-state", "head-of-government"}) for r in roles)
