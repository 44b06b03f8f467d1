"""Load the theme taxonomy (``data/themes.yml`` plus a user's own files) into frozen data.

A user's file adds themes and, for an id already known, replaces it. Every problem in every
file is listed before the run stops.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from generator.analyse.datafile import DATA_DIR, LINE, load_yaml, str_list, where
from generator.errors import ConfigError
from generator.model import ThemeInfo

DEFAULT_THEMES = DATA_DIR / "themes.yml"
_KEYS = {"id", "name", "description", "terms", "rules", "patterns", "min_score", "unless", "holder",
         "keep_negated", "not_speaker", "not_in_names", "min_score_beside", LINE}
_ID = re.compile(r"^[a-z0-9][a-z0-9-]*$")


@dataclass(frozen=True, slots=True)
class Theme:
    id: str
    name: str
    description: str
    terms: tuple[tuple[str, tuple[str, ...]], ...]  # (group, terms)
    rules: tuple[tuple[str, ...], ...]
    patterns: tuple[tuple[dict, ...], ...] = ()
    min_score: int = 1
    unless: tuple[str, ...] = ()  # groups whose terms make a sentence no evidence
    holder: str | None = None  # the group naming who holds what the rule's other terms say
    keep_negated: bool = False  # a negated term still counts ("has not condemned" is a stance)
    not_speaker: tuple[str, ...] = ()  # groups naming people that do not count as the one who speaks
    not_in_names: tuple[str, ...] = ()  # groups whose words do not count inside a name ("the Met Office")
    # (theme id, score): the score needed when the article also has that theme ("an export ban"
    # once in a sanctions package's story is the sanction, not a trade measure)
    min_score_beside: tuple[tuple[str, int], ...] = ()

    @property
    def info(self) -> ThemeInfo:
        return ThemeInfo(self.id, self.name, self.description, self.criteria())

    def criteria(self) -> tuple[str, ...]:
        """Each rule in words: 'a sentence with forces (troop*, soldier*, ...) and move (...)'."""
        terms = dict(self.terms)
        out = []
        for rule in self.rules:
            parts = []
            for g in rule:
                words = terms.get(g, ())
                shown = ", ".join(words[:8]) + (", ..." if len(words) > 8 else "")
                parts.append(f"{g} ({shown})")
            out.append("a sentence with a term of " + " and of ".join(parts))
        out.extend(f"a sentence matching token pattern {i + 1}" for i in range(len(self.patterns)))
        for g in self.unless:
            words = terms.get(g, ())
            shown = ", ".join(words[:8]) + (", ..." if len(words) > 8 else "")
            out.append(f"no sentence with a term of {g} ({shown}) counts by a rule of several groups")
        if self.holder:
            out.append(f"a rule with {self.holder} counts only when {self.holder} holds the other terms: "
                       f"is the subject of their clause (or of a clause reporting it), or owns them "
                       f"(their possessor: \"X's position\")")
        for g in self.not_speaker:
            out.append(f"a term of {g} does not count when it names who says something (\"diplomats said\")")
        for g in self.not_in_names:
            out.append(f"a word of {g} does not count as a capitalised word inside a name (\"the Met Office\")")
        if self.min_score > 1:
            out.append(f"a score of at least {self.min_score} (a sentence in the lead counts twice)")
        for other, score in self.min_score_beside:
            out.append(f"a score of at least {score} in an article that also has the theme '{other}'")
        return tuple(out)


@dataclass(frozen=True, slots=True)
class Taxonomy:
    themes: tuple[Theme, ...]

    def infos(self) -> tuple[ThemeInfo, ...]:
        return tuple(t.info for t in self.themes)


def _strip_lines(value: object) -> object:
    if isinstance(value, dict):
        return {k: _strip_lines(v) for k, v in value.items() if k != LINE}
    if isinstance(value, list):
        return [_strip_lines(v) for v in value]
    return value


def _parse_theme(item: object, display: str, problems: list[str]) -> Theme | None:
    here = where(display, item)
    if not isinstance(item, dict):
        problems.append(f"{here}: theme entry must be a mapping")
        return None
    tid = item.get("id")
    if not isinstance(tid, str) or not _ID.match(tid):
        problems.append(f"{here}: theme: 'id' must be lowercase letters, digits and hyphens: {tid!r}")
        return None
    label = f"{here}: theme '{tid}'"
    before = len(problems)
    for key in ("name", "description"):
        if not isinstance(item.get(key), str) or not item[key].strip():
            problems.append(f"{label}: missing '{key}'")
    for key in sorted(set(item) - _KEYS):
        problems.append(f"{label}: unknown key '{key}'")
    terms = item.get("terms") or {}
    groups: list[tuple[str, tuple[str, ...]]] = []
    if not isinstance(terms, dict):
        problems.append(f"{label}: 'terms' must map group names to lists of words")
        terms = {}
    for group, words in terms.items():
        if group == LINE:
            continue
        values = str_list(words)
        if not values:
            problems.append(f"{label}: terms group '{group}' must be a non-empty list of words")
            continue
        groups.append((str(group), values))
    names = {g for g, _ in groups}
    rules = []
    for rule in item.get("rules") or []:
        values = str_list(rule)
        if not values:
            problems.append(f"{label}: each rule must be a list of group names")
            continue
        for g in values:
            if g not in names:
                problems.append(f"{label}: rule names unknown terms group '{g}'")
        rules.append(values)
    unless = str_list(item.get("unless") or []) or ()
    for g in unless:
        if g not in names:
            problems.append(f"{label}: 'unless' names unknown terms group '{g}'")
    not_speaker = str_list(item.get("not_speaker") or []) or ()
    for g in not_speaker:
        if g not in names:
            problems.append(f"{label}: 'not_speaker' names unknown terms group '{g}'")
    not_in_names = str_list(item.get("not_in_names") or []) or ()
    for g in not_in_names:
        if g not in names:
            problems.append(f"{label}: 'not_in_names' names unknown terms group '{g}'")
    beside = item.get("min_score_beside") or {}
    min_score_beside: list[tuple[str, int]] = []
    if not isinstance(beside, dict):
        problems.append(f"{label}: 'min_score_beside' must map theme ids to whole numbers")
        beside = {}
    for other, score in beside.items():
        if other == LINE:
            continue
        if not isinstance(score, int) or isinstance(score, bool) or score < 1:
            problems.append(f"{label}: 'min_score_beside' of '{other}' must be a whole number of at least 1")
            continue
        min_score_beside.append((str(other), score))
    holder = item.get("holder")
    if holder is not None and (not isinstance(holder, str) or holder not in names):
        problems.append(f"{label}: 'holder' names unknown terms group {holder!r}")
    keep_negated = item.get("keep_negated", False)
    if not isinstance(keep_negated, bool):
        problems.append(f"{label}: 'keep_negated' must be true or false")
    patterns = []
    for pattern in item.get("patterns") or []:
        if not isinstance(pattern, list) or not all(isinstance(t, dict) for t in pattern):
            problems.append(f"{label}: each pattern must be a list of token mappings")
            continue
        patterns.append(tuple(_strip_lines(pattern)))
    if not rules and not patterns:
        problems.append(f"{label}: needs at least one rule or pattern")
    min_score = item.get("min_score", 1)
    if not isinstance(min_score, int) or min_score < 1:
        problems.append(f"{label}: 'min_score' must be a whole number of at least 1")
    if len(problems) > before:
        return None
    return Theme(
        id=tid,
        name=item["name"].strip(),
        description=" ".join(item["description"].split()),
        terms=tuple(groups),
        rules=tuple(rules),
        patterns=tuple(patterns),
        min_score=min_score,
        unless=tuple(unless),
        holder=holder,
        keep_negated=keep_negated,
        not_speaker=tuple(not_speaker),
        not_in_names=tuple(not_in_names),
        min_score_beside=tuple(min_score_beside),
    )


@lru_cache(maxsize=8)
def load_taxonomy(extra_paths: tuple[str, ...] = ()) -> Taxonomy:
    """The default taxonomy, then each user file in order (later themes win by id)."""
    problems: list[str] = []
    merged: dict[str, Theme] = {}
    for path in (DEFAULT_THEMES, *map(Path, extra_paths)):
        try:
            data = load_yaml(path, str(path))
        except ConfigError as exc:
            problems.extend(exc.problems)
            continue
        items = data.get("themes", [])
        if not isinstance(items, list):
            problems.append(f"{path}: 'themes' must be a list")
            continue
        seen: set[str] = set()
        for item in items:
            theme = _parse_theme(item, str(path), problems)
            if theme:
                if theme.id in seen:
                    problems.append(f"{where(str(path), item)}: theme '{theme.id}' is defined twice")
                seen.add(theme.id)
                merged[theme.id] = theme
    if problems:
        raise ConfigError(problems)
    return Taxonomy(tuple(merged.values()))
