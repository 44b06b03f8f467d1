"""Load the actor gazetteer (``data/gazetteer.yml`` plus a user's own files) into frozen data.

A user's file adds actors and, for a name already known, replaces its entry. Every problem in
every file is listed before the run stops.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from generator.analyse.datafile import DATA_DIR, LINE, load_yaml, str_list, where
from generator.errors import ConfigError
from generator.model import ACTOR_TYPES

DEFAULT_GAZETTEER = DATA_DIR / "gazetteer.yml"
_LIST_KEYS = ("aliases", "demonyms", "seats", "short")
_KEYS = {"name", "type", "affiliation", "role", "context_aliases", LINE, *_LIST_KEYS}


@dataclass(frozen=True, slots=True)
class Actor:
    name: str
    type: str
    aliases: tuple[str, ...] = ()
    demonyms: tuple[str, ...] = ()
    seats: tuple[str, ...] = ()
    short: tuple[str, ...] = ()
    affiliation: str | None = None
    role: str | None = None
    context_aliases: tuple[tuple[str, tuple[str, ...]], ...] = ()


@dataclass(frozen=True, slots=True)
class Gazetteer:
    actors: tuple[Actor, ...]
    titles: tuple[str, ...]
    sources: tuple[str, ...]
    not_actors: tuple[str, ...]

    def by_name(self) -> dict[str, Actor]:
        return {a.name: a for a in self.actors}

    def affiliations(self, name: str) -> tuple[str, ...]:
        """The actor and everything it belongs to, nearest first (cycles stop)."""
        table = self.by_name()
        chain = [name]
        while (actor := table.get(chain[-1])) and actor.affiliation and actor.affiliation not in chain:
            chain.append(actor.affiliation)
        return tuple(chain)


def _parse_actor(item: object, display: str, problems: list[str]) -> Actor | None:
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
    if item.get("type") not in ACTOR_TYPES:
        problems.append(f"{label}: 'type' must be one of {', '.join(ACTOR_TYPES)}: {item.get('type')!r}")
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
    if not ok:
        return None
    return Actor(
        name=name.strip(),
        type=item["type"],
        affiliation=item.get("affiliation"),
        role=item.get("role"),
        context_aliases=tuple(contexts),
        **lists,
    )


def _parse_file(path: Path, problems: list[str]) -> tuple[list[Actor], dict]:
    display = str(path)
    data = load_yaml(path, display)
    actors = []
    items = data.get("actors", [])
    if not isinstance(items, list):
        problems.append(f"{display}: 'actors' must be a list")
        items = []
    for item in items:
        actor = _parse_actor(item, display, problems)
        if actor:
            actors.append(actor)
    extras = {}
    for key in ("titles", "sources", "not_actors"):
        value = str_list(data.get(key))
        if value is None:
            problems.append(f"{display}: '{key}' must be a list of words")
        extras[key] = value or ()
    return actors, extras


@lru_cache(maxsize=8)
def load_gazetteer(extra_paths: tuple[str, ...] = ()) -> Gazetteer:
    """The default gazetteer, then each user file in order (later entries win by name)."""
    problems: list[str] = []
    merged: dict[str, Actor] = {}
    lists: dict[str, list[str]] = {"titles": [], "sources": [], "not_actors": []}
    for path in (DEFAULT_GAZETTEER, *map(Path, extra_paths)):
        try:
            actors, extras = _parse_file(Path(path), problems)
        except ConfigError as exc:
            problems.extend(exc.problems)
            continue
        seen: set[str] = set()
        for actor in actors:
            if actor.name in seen:
                problems.append(f"{path}: actor '{actor.name}' is defined twice")
            seen.add(actor.name)
            merged[actor.name] = actor
        for key, values in extras.items():
            lists[key].extend(v for v in values if v not in lists[key])
    actors = tuple(merged.values())
    names = {a.name for a in actors}
    for a in actors:
        if a.affiliation and a.affiliation not in names:
            problems.append(f"gazetteer: actor '{a.name}': affiliation '{a.affiliation}' is not an actor")
    claimed: dict[str, str] = {}
    for a in actors:
        for alias in (a.name, *a.aliases, *a.demonyms, *a.seats):
            other = claimed.setdefault(alias, a.name)
            if other != a.name:
                problems.append(f"gazetteer: '{alias}' is claimed by both '{other}' and '{a.name}'")
    if problems:
        raise ConfigError(problems)
    return Gazetteer(actors, tuple(lists["titles"]), tuple(lists["sources"]), tuple(lists["not_actors"]))
