"""Load ``data/lexicon.yml``: qualifiers, units, currencies, hedges, reporting verbs, and the
ICD 203 words of estimative probability."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from generator.analyse.datafile import DATA_DIR, LINE, load_yaml, str_list
from generator.errors import ConfigError

DEFAULT_LEXICON = DATA_DIR / "lexicon.yml"
_MAY_BE_EMPTY = {"unit_kinds", "hearsay_nouns", "publishing_verbs", "published_nouns", "weak_units", "change_verbs", "directive_verbs", "goal_nouns", "goal_verbs", "action_verbs", "address_verbs", "not_durations", "not_units", "voicing_verbs", "tally_verbs", "spec_units", "calibre_nouns", "people_states", "harming_verbs", "framing_marks", "remark_nouns", "elaborating_openers", "speed_units", "market_words", "state_forces", "office_words", "relaying_verbs", "relayed_nouns"}
_LISTS = ("qualifiers", "units", "weak_units", "percent", "hedges", "reporting", "speech_verbs", "durations",
          "not_durations", "skippable", "anaphoric", "place_prepositions", "source_verbs",
          "action_verbs", "address_verbs", "not_units", "voicing_verbs", "reach_verbs", "change_verbs", "directive_verbs", "goal_nouns", "goal_verbs",
          "unit_kinds", "hearsay_nouns", "publishing_verbs", "published_nouns", "tally_verbs", "spec_units",
          "calibre_nouns", "people_states", "harming_verbs", "framing_marks", "remark_nouns", "elaborating_openers", "speed_units", "market_words", "state_forces", "office_words", "relaying_verbs", "relayed_nouns")


@dataclass(frozen=True, slots=True)
class Lexicon:
    qualifiers: tuple[str, ...]
    units: tuple[str, ...]
    weak_units: tuple[str, ...]
    percent: tuple[str, ...]
    hedges: tuple[str, ...]
    reporting: tuple[str, ...]
    speech_verbs: tuple[str, ...]
    scales: tuple[tuple[str, float], ...]
    number_words: tuple[tuple[str, float | None], ...]
    currency_symbols: tuple[tuple[str, str], ...]
    currency_words: tuple[tuple[str, str], ...]
    estimative: tuple[tuple[str, tuple[str, ...]], ...]  # (level, phrases), scale order
    measures: tuple[tuple[str, str], ...] = ()  # (unit, measure)
    durations: tuple[str, ...] = ()
    not_durations: tuple[str, ...] = ()
    skippable: tuple[str, ...] = ()
    anaphoric: tuple[str, ...] = ()
    place_prepositions: tuple[str, ...] = ()
    source_verbs: tuple[str, ...] = ()
    action_verbs: tuple[str, ...] = ()
    address_verbs: tuple[str, ...] = ()
    not_units: tuple[str, ...] = ()
    voicing_verbs: tuple[str, ...] = ()
    reach_verbs: tuple[str, ...] = ()
    change_verbs: tuple[str, ...] = ()
    directive_verbs: tuple[str, ...] = ()
    goal_nouns: tuple[str, ...] = ()
    goal_verbs: tuple[str, ...] = ()
    unit_kinds: tuple[str, ...] = ()  # words that make another unit of the noun after them ("nautical")
    hearsay_nouns: tuple[str, ...] = ()  # "according to (media) reports": no speaker of its own
    publishing_verbs: tuple[str, ...] = ()  # "released", "issued": their subject gives a document's figures
    published_nouns: tuple[str, ...] = ()  # the documents so given ("a report saying ...")
    spec_units: tuple[str, ...] = ()  # "the 8 megapixel camera": the unit, though a noun follows
    tally_verbs: tuple[str, ...] = ()
    calibre_nouns: tuple[str, ...] = ()  # "4.8-inch artillery shells": a calibre
    people_states: tuple[str, ...] = ()  # "80 dead and 11,000 displaced": people so
    harming_verbs: tuple[str, ...] = ()  # "has killed tens of thousands": people
    framing_marks: tuple[str, ...] = ()  # "As ..., F9 is expected to": a hedge outside does not hedge
    market_words: tuple[str, ...] = ()  # "Saudi stocks": a market, no state in relation
    state_forces: tuple[str, ...] = ()  # "Indian troops": a state's forces, someone official
    office_words: tuple[str, ...] = ()  # "Deputy Minister X": an official, an actor
    relaying_verbs: tuple[str, ...] = ()  # "..., quoting X": X's words
    relayed_nouns: tuple[str, ...] = ()  # "..., reporting the minister's words"
    speed_units: tuple[str, ...] = ()  # "126 kilometers per hour": a speed, not a distance
    elaborating_openers: tuple[str, ...] = ()  # "X said that ... Specifically, ...": X's words go on
    remark_nouns: tuple[str, ...] = ()  # "X's remarks that ...": X's figure  # "..., Hegseth said, bringing the toll to 69": the outlet's sum
    small_number: float = 10
    multiples: tuple[tuple[str, float], ...] = ()  # words that are a number of times ("twice")
    conversions: tuple[tuple[str, float], ...] = ()  # (unit, how many of its measure's first unit: miles 1.609)
    ordinals: tuple[tuple[str, int], ...] = ()  # ordinal words and their numbers ("seventeenth": 17)
    local_dollars: tuple[tuple[str, str], ...] = ()  # (country-code domain, currency): a bare "$" there


def _mapping(data: dict, key: str, display: str, problems: list[str]) -> dict:
    value = data.get(key)
    if not isinstance(value, dict):
        problems.append(f"{display}: '{key}' must be a mapping")
        return {}
    return {str(k): v for k, v in value.items() if k != LINE}


@lru_cache(maxsize=4)
def load_lexicon(path: str | None = None) -> Lexicon:
    display = str(path or DEFAULT_LEXICON)
    data = load_yaml(Path(path) if path else DEFAULT_LEXICON, display)
    problems: list[str] = []
    lists = {}
    for key in _LISTS:
        value = str_list(data.get(key))
        if not value and not (key in _MAY_BE_EMPTY and value == ()):
            problems.append(f"{display}: '{key}' must be a non-empty list of words")
        lists[key] = value or ()
    currencies = _mapping(data, "currencies", display, problems)
    estimative = _mapping(data, "estimative", display, problems)
    est = []
    for level, phrases in estimative.items():
        values = str_list(phrases)
        if not values:
            problems.append(f"{display}: estimative level '{level}' needs a list of phrases")
            continue
        est.append((level, values))
    measures = []
    for measure, units in (data.get("measures") or {}).items():
        if measure == LINE:
            continue
        values = str_list(units)
        if not values:
            problems.append(f"{display}: measure '{measure}' needs a list of units")
            continue
        measures.extend((u.lower(), str(measure)) for u in values)
    conversions = []
    measured = {u for u, _ in measures}
    for unit, factor in (data.get("conversions") or {}).items():
        if unit == LINE:
            continue
        if not isinstance(factor, (int, float)) or isinstance(factor, bool) or factor <= 0:
            problems.append(f"{display}: conversion of '{unit}' must be a positive number")
        elif str(unit).lower() not in measured:
            problems.append(f"{display}: conversion of '{unit}': the unit is in no measure")
        else:
            conversions.append((str(unit).lower(), float(factor)))
    ordinals = []
    for word, number in (data.get("ordinals") or {}).items():
        if word == LINE:
            continue
        if type(number) is not int or number <= 0:
            problems.append(f"{display}: ordinal '{word}' must be a positive whole number")
        else:
            ordinals.append((str(word).lower(), number))
    if problems:
        raise ConfigError(problems)
    return Lexicon(
        measures=tuple(measures),
        conversions=tuple(conversions),
        ordinals=tuple(ordinals),
        **lists,
        scales=tuple((k, float(v)) for k, v in _mapping(data, "scales", display, problems).items()),
        number_words=tuple(
            (k, None if v is None else float(v))
            for k, v in _mapping(data, "number_words", display, problems).items()
        ),
        multiples=tuple((str(k), float(v)) for k, v in (data.get("multiples") or {}).items() if k != LINE),
        currency_symbols=tuple((k, str(v)) for k, v in (currencies.get("symbols") or {}).items() if k != LINE),
        currency_words=tuple((k, str(v)) for k, v in (currencies.get("words") or {}).items() if k != LINE),
        local_dollars=tuple((str(k).lower(), str(v)) for k, v in (currencies.get("local_dollars") or {}).items() if k != LINE),
        estimative=tuple(est),
        small_number=float(data.get("small_number", 10)),
    )


def converted(value: float, unit: str | None) -> float:
    """A value in its measure's first unit ("620 miles": 997.8 km, by the shipped lexicon's
    ``conversions``); a unit that converts to nothing keeps its value."""
    factors = _factors()
    return value * factors[unit.lower()] if unit and unit.lower() in factors else value


@lru_cache(maxsize=1)
def _factors() -> dict[str, float]:
    return dict(load_lexicon().conversions)


def ordinal(word: str) -> str | None:
    """An ordinal as one word, "17th", however written ("17th", "seventeenth", "twenty-first":
    "21st", by the shipped lexicon's ``ordinals`` and ``number_words``), or None for a word that
    is no ordinal."""
    w = word.casefold()
    if w[:1].isdigit():
        return w if _ORDINAL.fullmatch(w) else None
    ordinals, numbers = _ordinal_words()
    n = ordinals.get(w)
    if n is None and "-" in w:
        tens, _, unit = w.partition("-")
        if numbers.get(tens) and unit in ordinals and ordinals[unit] < 10:
            n = int(numbers[tens]) + ordinals[unit]
    if n is None:
        return None
    suffix = "th" if n % 100 in (11, 12, 13) else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


_ORDINAL = re.compile(r"\d+(?:st|nd|rd|th)")


@lru_cache(maxsize=1)
def _ordinal_words() -> tuple[dict[str, int], dict[str, float]]:
    lexicon = load_lexicon()
    return dict(lexicon.ordinals), {k: v for k, v in lexicon.number_words if v is not None}

