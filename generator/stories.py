"""Group analysed articles into stories: the reports of one event across outlets and days.

Part of the digest-model stage (``digest.py`` calls ``detect_stories``). A story is one
happening (a statement, a meeting, a decision, a launch) and its reporting within a few days.

How (cheap and deterministic, no model):
- Each article is a TF-IDF vector of its words (title and lead counted twice: they say what
  the event is), its actors (as the analysis resolved them, so "Pyongyang" and "North Korea"
  agree) and its figures' values with their measure ("tariff rate 125"), which tell two
  rounds of one theme apart. Weights are sublinear (1 + log tf) times the inverse document
  frequency over the digest, and the vector is normalised.
- Articles are taken in date order (the undated last). Each joins the story it is most
  similar to (cosine to the story's closest member, averaged with the story's centroid) when
  that story's dates are within ``WINDOW_DAYS`` of its own and the similarity reaches
  ``JOIN``; else it starts a story. An undated article has no window: it joins by text alone,
  with the stricter ``JOIN_UNDATED``. So the same theme weeks apart makes two stories, and a
  new article is compared only with the stories of its days (with every story if undated).
- The result depends only on the set of articles (ties broken by id), never on input order.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from generator.model import AnalysedArticle

WINDOW_DAYS = 3  # a report more than this after a story's last report starts another story
JOIN = 0.09  # cosine similarity to join a story within the window
JOIN_UNDATED = 0.15  # stricter: an undated article has no window to narrow the candidates
TITLE_WEIGHT = 1  # title and lead words count this many times
NUMBER_WEIGHT = 2  # a number written in the text counts this many times
ACTOR_WEIGHT = 1
FIGURE_WEIGHT = 5
CENTROID = 1

_WORD = re.compile(r"[^\W\d_][\w'’-]*|\d[\d,.]*%?")


@dataclass(slots=True)
class _Draft:
    """A story being grown: its members (indices), dates and vector sums."""

    members: list[int]
    first: dt.date | None
    last: dt.date | None
    centroid: dict[str, float]


def _terms(a: AnalysedArticle) -> Counter[str]:
    art = a.article
    counts: Counter[str] = Counter()
    lead = " ".join(p for p in ([] if art.title_derived else [art.title]) + [art.summary] if p)
    for text, weight in ((lead, TITLE_WEIGHT), ("\n".join(art.paragraphs), 1)):
        for w in _WORD.findall(text.casefold()):
            w = w.strip("'’-.,")
            if w[:1].isdigit():
                counts[w] += weight * NUMBER_WEIGHT
            elif len(w) > 1:
                counts[w] += weight
    for ref in a.actors:
        counts[f"@{ref.name.casefold()}"] += ref.count * ACTOR_WEIGHT
    for f in a.figures:
        if f.value is not None:
            counts[f"#{f.measure or f.unit or ''}={f.value:g}"] += FIGURE_WEIGHT
    return counts


def vectors(articles: Sequence[AnalysedArticle]) -> list[dict[str, float]]:
    """One normalised TF-IDF vector per article (IDF over these articles)."""
    terms = [_terms(a) for a in articles]
    df: Counter[str] = Counter()
    for t in terms:
        df.update(t.keys())
    n = len(articles)
    out = []
    for t in terms:
        vec = {w: (1 + math.log(c)) * math.log((n + 1) / (df[w] + 0.5)) for w, c in t.items() if c > 0}
        vec = {w: v for w, v in vec.items() if v > 0}
        norm = math.sqrt(sum(v * v for v in vec.values())) or 1.0
        out.append({w: v / norm for w, v in vec.items()})
    return out


def _dot(a: dict[str, float], b: dict[str, float]) -> float:
    if len(a) > len(b):
        a, b = b, a
    return sum(v * b.get(w, 0.0) for w, v in a.items())


def _order_key(a: AnalysedArticle) -> tuple:
    d = a.article.date
    return (d is None, d.toordinal() if d else 0, a.article.id)


def _within(date: dt.date, story: _Draft) -> bool:
    if story.first is None:  # a story of undated articles: no window to check
        return True
    return (story.first - dt.timedelta(days=WINDOW_DAYS)) <= date <= (story.last + dt.timedelta(days=WINDOW_DAYS))


def _similarity(i: int, story: _Draft, vecs: list[dict[str, float]]) -> float:
    closest = max(_dot(vecs[i], vecs[j]) for j in story.members)
    if not CENTROID:
        return closest
    c = story.centroid
    norm = math.sqrt(sum(v * v for v in c.values())) or 1.0
    return (closest + _dot(vecs[i], c) / norm) / 2


def group_indices(articles: Sequence[AnalysedArticle]) -> list[list[int]]:
    """Stories as lists of indices into ``articles``, each in date order (undated last)."""
    vecs = vectors(articles)
    order = sorted(range(len(articles)), key=lambda i: _order_key(articles[i]))
    stories: list[_Draft] = []
    open_stories: list[_Draft] = []  # dated stories whose window may still take a report
    for i in order:
        date = articles[i].article.date
        if date is not None:
            open_stories = [s for s in open_stories if s.last + dt.timedelta(days=WINDOW_DAYS) >= date]
            candidates, threshold = open_stories, JOIN
        else:
            candidates, threshold = stories, JOIN_UNDATED
        best, best_sim = None, threshold
        for s in candidates:
            if date is not None and not _within(date, s):
                continue
            sim = _similarity(i, s, vecs)
            if sim >= best_sim + 1e-12 or (best is None and sim >= best_sim):
                best, best_sim = s, sim
        if best is None:
            best = _Draft([], date, date, {})
            stories.append(best)
            if date is not None:
                open_stories.append(best)
        best.members.append(i)
        if date is not None:
            best.first = min(best.first or date, date)
            best.last = max(best.last or date, date)
        for w, v in vecs[i].items():
            best.centroid[w] = best.centroid.get(w, 0.0) + v
    return [s.members for s in stories]


# --------------------------------------------------------------------------- bench adapter


def _name(a) -> str:
    from pathlib import Path

    return Path(getattr(a, "article", a).path).name


def group(articles: Iterable[AnalysedArticle]) -> dict[str, str]:
    """``bench/stories_eval.py --analyse --grouping generator.stories:group``: file -> story."""
    arts = list(articles)
    out = {}
    for members in group_indices(arts):
        for j in members:
            out[_name(arts[j])] = _name(arts[members[0]])
    return out
