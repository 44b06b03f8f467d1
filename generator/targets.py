"""The country a figure's levy falls on: the target of a tariff, a duty, a counter-tariff.

Part of the digest-model stage, beside ``stories.py``, which compares a story's figures: a
tariff "on Chinese goods" and the counter-tariff "on US goods" it answers are two measures, not
two claims of one (the United States' 104 % and China's 84 % in one week are no disagreement).
What a levy is, and the words after which its target is named, are data: ``data/happenings.yml``'s
``targets`` (code knows the schema only). The target is read from the analysis (the figure's
sentence and the countries named in it), never from spaCy.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from generator.analyse.datafile import load_yaml, str_list, where
from generator.errors import ConfigError
from generator.grouping import HAPPENINGS
from generator.model import AnalysedArticle

GAP_WORDS = 3  # words between the preposition and the country: "on all US goods", "on imports from China"


@dataclass(frozen=True, slots=True)
class Levy:
    """A kind of levy of ``data/happenings.yml``'s ``targets``: the words that name it, and the
    words after which the country it falls on is named."""

    id: str
    words: frozenset[str]
    prepositions: tuple[str, ...]


@lru_cache(maxsize=1)
def levies() -> tuple[Levy, ...]:
    """``data/happenings.yml``'s ``targets``, read and checked (every problem listed)."""
    display = "generator/data/happenings.yml"
    data = load_yaml(HAPPENINGS, display)
    kinds = data.get("targets")
    problems, out = [], []
    if not isinstance(kinds, list) or not kinds:
        problems.append(f"{where(display, data)}: 'targets' must be a list of kinds of levy")
        kinds = []
    for item in kinds:
        ok = isinstance(item, dict) and isinstance(item.get("id"), str)
        words = str_list(item.get("words")) if ok else None
        before = str_list(item.get("prepositions")) if ok else None
        if not ok or not words or not before:
            problems.append(f"{where(display, item)}: a kind of levy needs an 'id', 'words' and 'prepositions'")
            continue
        out.append(Levy(item["id"], frozenset(w.casefold() for w in words), tuple(p.casefold() for p in before)))
    if problems:
        raise ConfigError("\n".join(problems))
    return tuple(out)


_TOKEN = re.compile(r"[\w’'-]+")


def _positions(sentence: str, texts: list[str]) -> list[int]:
    """Where each of ``texts`` is in ``sentence``, in turn (each sought after the one before), -1 if not found."""
    out, at = [], 0
    for t in texts:
        k = sentence.find(t, at) if t else -1
        if k < 0:
            k = sentence.find(t) if t else -1
        out.append(k)
        if k >= 0:
            at = k + len(t)
    return out


def targets_of(a: AnalysedArticle) -> dict[int, str]:
    """The country each of an article's figures (by index) falls on, for the figures of a
    sentence that names a levy ("tariff", "duties"): the country named after one of the levy's
    prepositions ("on Chinese goods", "against the United States"), the nearest one with no other
    figure of the sentence between it and the figure ("raised its tariff on Chinese goods to 20%",
    "tariffs of 15% on US chicken and 10% on soybeans": both on the United States)."""
    kinds = levies()
    if not a.figures or not kinds:
        return {}
    countries = {r.name for r in a.actors if r.type == "country"}
    out: dict[int, str] = {}
    by_sentence: dict[str, list[int]] = {}
    for n, f in enumerate(a.figures):
        if f.sentence:
            by_sentence.setdefault(f.sentence, []).append(n)
    for sentence, numbers in by_sentence.items():
        words = {w.casefold() for w in _TOKEN.findall(sentence)}
        levy = next((k for k in kinds if k.words & words), None)
        if levy is None:
            continue
        spots = _spots(a, sentence, countries, levy)
        if not spots:
            continue
        at = _positions(sentence, [a.figures[n].text for n in numbers])
        for n, here in zip(numbers, at, strict=True):
            if here < 0:
                continue
            others = [p for p in at if p >= 0 and p != here]
            best = None
            for spot, country in spots:
                low, high = sorted((spot, here))
                if any(low < p < high for p in others):
                    continue  # another figure's target
                key = (abs(spot - here), spot < here)
                if best is None or key < best[0]:
                    best = (key, country)
            if best is not None:
                out[n] = best[1]
    return out


def _spots(a: AnalysedArticle, sentence: str, countries: set[str], levy: Levy) -> list[tuple[int, str]]:
    """(where the preposition is, the country named after it) in ``sentence``."""
    index = next((k for k, s in enumerate(a.sentences) if s == sentence), None)
    if index is None:
        return []
    mentions = [m for m in a.mentions if m.sentence == index and m.actor in countries]
    prepositions = "|".join(re.escape(p) for p in levy.prepositions)
    before = re.compile(rf"\b({prepositions})\s+(?:[\w’'-]+\s+){{0,{GAP_WORDS}}}$", re.IGNORECASE)
    out = []
    for m, at in zip(mentions, _positions(sentence, [m.text for m in mentions]), strict=True):
        if at < 0:
            continue
        found = before.search(sentence, max(0, at - 60), at)
        if found:
            out.append((found.start(), m.actor))
    return out
