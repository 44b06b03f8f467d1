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
from dataclasses import dataclass, field, replace

from generator.model import AnalysedArticle, ArticleEntry, Disagreement, Story, StoryClaim
from generator.slugs import slugify

WINDOW_DAYS = 3  # a report more than this after a story's last report starts another story
JOIN = 0.09  # cosine similarity to join a story within the window
JOIN_UNDATED = 0.15  # stricter: an undated article has no window to narrow the candidates
TITLE_WEIGHT = 1  # title and lead words count this many times
NUMBER_WEIGHT = 2  # a number written in the text counts this many times
ACTOR_WEIGHT = 1
FIGURE_WEIGHT = 5
VECTOR_TERMS = 120  # an article's heaviest terms: the rest add little but cost
CLOSEST_AMONG = 12  # the closest report is sought among a story's latest reports only
KEY_TERMS = 30  # an undated article meets the stories that share one of its heaviest terms

_WORD = re.compile(r"[^\W\d_][\w'’-]*|\d[\d,.]*%?")


@dataclass(slots=True)
class _Draft:
    """A story being grown: its members (indices), dates and vector sums."""

    number: int  # creation order: candidates are tried in it, so ties go to the older story
    members: list[int]
    first: dt.date | None
    last: dt.date | None
    centroid: dict[str, float]
    norm: float = 1.0  # of the centroid
    keys: set[str] = field(default_factory=set)  # its members' key terms


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
        vec = dict(sorted(((w, v) for w, v in vec.items() if v > 0), key=lambda wv: (-wv[1], wv[0]))[:VECTOR_TERMS])
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
    closest = max(_dot(vecs[i], vecs[j]) for j in story.members[-CLOSEST_AMONG:])
    return (closest + _dot(vecs[i], story.centroid) / story.norm) / 2


def _key_terms(vec: dict[str, float]) -> list[str]:
    """An article's ``KEY_TERMS`` heaviest terms: an undated article is compared only with the
    stories that share one of them (a story sharing none is far below ``JOIN_UNDATED``)."""
    return [w for w, _ in sorted(vec.items(), key=lambda kv: (-kv[1], kv[0]))[:KEY_TERMS]]


def group_indices(articles: Sequence[AnalysedArticle], vecs: list[dict[str, float]] | None = None) -> list[list[int]]:
    """Stories as lists of indices into ``articles``, each in date order (undated last)."""
    vecs = vecs if vecs is not None else vectors(articles)
    order = sorted(range(len(articles)), key=lambda i: _order_key(articles[i]))
    stories: list[_Draft] = []
    open_stories: list[_Draft] = []  # dated stories whose window may still take a report
    postings: dict[str, list[_Draft]] = defaultdict(list)  # key term -> stories with it
    for i in order:
        date = articles[i].article.date
        if date is not None:
            open_stories = [s for s in open_stories if s.last + dt.timedelta(days=WINDOW_DAYS) >= date]
            candidates, threshold = [s for s in open_stories if _within(date, s)], JOIN
        else:
            found = {s.number: s for w in _key_terms(vecs[i]) for s in postings.get(w, ())}
            candidates, threshold = [found[k] for k in sorted(found)], JOIN_UNDATED
        best, best_sim = None, threshold
        for s in candidates:
            sim = _similarity(i, s, vecs)
            if sim >= best_sim + 1e-12 or (best is None and sim >= best_sim):
                best, best_sim = s, sim
        if best is None:
            best = _Draft(len(stories), [], date, date, {})
            stories.append(best)
            if date is not None:
                open_stories.append(best)
        best.members.append(i)
        if date is not None:
            best.first = min(best.first or date, date)
            best.last = max(best.last or date, date)
        for w, v in vecs[i].items():
            best.centroid[w] = best.centroid.get(w, 0.0) + v
        best.norm = math.sqrt(sum(v * v for v in best.centroid.values())) or 1.0
        for w in _key_terms(vecs[i]):
            if w not in best.keys:
                best.keys.add(w)
                postings[w].append(best)
    return [s.members for s in stories]


# --------------------------------------------------------------------------- the model's stories

SUMMARY_SIZE = 3  # sentences in a story's summary
DEVELOPING_RATE = 1.0  # reports a day that make a recent story 'developing'
DISAGREE_RATIO = 3.0  # values further apart than this measure different things


def _week(date: dt.date) -> str:
    year, week, _ = date.isocalendar()
    return f"{year}-W{week:02d}"


def claims_of(entries: Sequence[ArticleEntry]) -> list[StoryClaim]:
    """Every figure with a value and a measure, with its claimant (the actor, else the outlet)."""
    out = []
    for e in entries:
        seen = set()  # one claim repeated in a report (the lead and the body) is listed once
        for f in e.analysed.figures:
            if f.value is None or not (f.measure or f.unit):
                continue
            claimant = f.attribution_actor if f.attribution_actor not in (None, "outlet") else None
            claim = StoryClaim(e.article.id, e.article.date, claimant or e.article.source or "unknown source", f)
            key = (f.measure or f.unit, f.value, f.upper, f.place, claim.claimant)
            if key not in seen:
                seen.add(key)
                out.append(claim)
    return out


def disagreements(claims: Sequence[StoryClaim]) -> list[Disagreement]:
    """Different values for one measure, place and ISO week, from different claimants.

    Only claims attributed to an actor count (an outlet's own figure is mostly background);
    a claim without a place counts at every place its measure has that week (it does not say
    where). Values are estimates of one quantity only when close: they are split into runs
    where each is at most ``DISAGREE_RATIO`` times the one before (so a total and a part, or
    a rate and a duty, are not compared). A run flags when it has two values from two
    different claimants: one claimant's two values (a change over the week, the old and the
    new rate of one decision) are no disagreement.
    """
    groups: dict[tuple[str, str], list[StoryClaim]] = defaultdict(list)
    for c in claims:
        if c.date is not None and c.figure.attribution_actor not in (None, "outlet"):
            groups[(c.figure.measure or c.figure.unit or "", _week(c.date))].append(c)
    out, seen = [], set()
    for (measure, week), group_claims in sorted(groups.items()):
        places = sorted({c.figure.place for c in group_claims if c.figure.place})
        for place in places or [None]:
            here = [c for c in group_claims if c.figure.place in (place, None)]
            by_value: dict[float, set[str]] = defaultdict(set)
            for c in here:
                by_value[c.figure.value].add(c.claimant)
            runs: list[list[float]] = []
            for v in sorted(by_value):
                if runs and v <= runs[-1][-1] * DISAGREE_RATIO and runs[-1][-1] > 0:
                    runs[-1].append(v)
                else:
                    runs.append([v])
            for run in runs:
                claimants = [by_value[v] for v in run]
                if len(run) < 2 or len(set().union(*claimants)) < 2:
                    continue
                key = (measure, week, tuple(run))
                if key in seen:  # a claim without a place may repeat a flag at several places
                    continue
                seen.add(key)
                kept = tuple(c for c in here if c.figure.value in run)
                out.append(Disagreement(measure, place, week, tuple(run), kept))
    return out


def _best_title(members: list[int], vecs: list[dict[str, float]], entries: Sequence[ArticleEntry]) -> int:
    """The report most like the others (given titles first): its headline names the story."""
    def key(i: int) -> tuple:
        central = sum(_dot(vecs[i], vecs[j]) for j in members if j != i)
        return (entries[i].article.title_derived, -round(central, 9), entries[i].article.id)
    return min(members, key=key)


def _summary(entries: Sequence[ArticleEntry]) -> tuple[tuple[str, str], ...]:
    """The strongest evidence sentences, one per report, that open with a name the analysis
    resolved (so no pronoun or "the ministry" whose referent is in another sentence)."""
    picked: list[tuple[tuple, str, str]] = []
    for rank, e in enumerate(entries):
        a = e.analysed
        opening = {m.sentence for m in a.mentions if a.sentences[m.sentence].startswith(m.text)} if a.sentences else set()
        best = None
        for t in a.themes:
            for ev in t.evidence:
                if ev.index not in opening or ev.sentence.strip() == e.article.title.strip():
                    continue
                key = (-len(ev.patterns), ev.certainty != "asserted", rank, ev.index)
                if best is None or key < best[0]:
                    best = (key, e.article.id, ev.sentence)
        if best:
            picked.append(best)
    picked.sort()
    seen: set[str] = set()
    out = []
    for _, aid, sentence in picked:
        if sentence not in seen:
            seen.add(sentence)
            out.append((aid, sentence))
        if len(out) == SUMMARY_SIZE:
            break
    return tuple(out)


def _ranked(counter: Counter[str]) -> tuple[tuple[str, int], ...]:
    return tuple(sorted(counter.items(), key=lambda kv: (-kv[1], kv[0])))


def make_story(members: list[int], vecs: list[dict[str, float]], entries: Sequence[ArticleEntry]) -> Story:
    """A story from its reports (indices into ``entries``, in date order, undated last)."""
    reports = [entries[i] for i in members]
    dates = [e.article.date for e in reports if e.article.date]
    sources: list[str] = []
    for e in reports:
        for src in (e.article.sources or (e.article.source,)):
            if src and src not in sources:
                sources.append(src)
    actors: Counter[str] = Counter(r.name for e in reports for r in e.analysed.actors)
    themes: Counter[str] = Counter(t.id for e in reports for t in e.analysed.themes)
    claims = claims_of(reports)
    order = {e.article.id: k for k, e in enumerate(reports)}
    claims.sort(key=lambda c: (c.figure.measure or c.figure.unit or "", order[c.article_id]))
    lead = entries[_best_title(members, vecs, entries)]
    sid = f"s{reports[0].article.id[:10]}"
    return Story(
        id=sid,
        slug=f"{slugify(lead.article.title, 50) or 'story'}-{sid[1:7]}",
        title=lead.article.title,
        article_ids=tuple(e.article.id for e in reports),
        first=min(dates) if dates else None,
        last=max(dates) if dates else None,
        sources=tuple(sources),
        actors=_ranked(actors),
        themes=_ranked(themes),
        summary=_summary(reports),
        claims=tuple(claims),
        flags=tuple(disagreements(claims)),
        quotes=tuple((e.article.id, q) for e in reports for q in e.analysed.quotes),
    )


def _speed(story: Story) -> float:
    """Reports per day over the story's span."""
    if story.first is None or story.last is None:
        return 0.0
    return len(story.article_ids) / ((story.last - story.first).days + 1)


def _developing(story: Story, latest: dt.date) -> bool:
    """Reported on the digest's latest days, at ``DEVELOPING_RATE`` reports a day or more."""
    return (story.last is not None and (latest - story.last).days <= WINDOW_DAYS
            and len(story.article_ids) >= 3 and _speed(story) >= DEVELOPING_RATE)


def detect_stories(entries: Sequence[ArticleEntry]) -> tuple[Story, ...]:
    """The stories of two or more reports: most outlets first, then the fastest, then newest."""
    vecs_input = [e.analysed for e in entries]
    vecs = vectors(vecs_input)
    stories = [make_story(m, vecs, entries) for m in group_indices(vecs_input, vecs) if len(m) > 1]
    dates = [e.article.date for e in entries if e.article.date]
    if dates:
        latest = max(dates)
        stories = [replace(s, developing=_developing(s, latest)) for s in stories]
    stories.sort(key=lambda s: (-len(s.sources), -_speed(s), -(s.last.toordinal() if s.last else 0), s.id))
    return tuple(stories)


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


def flags(articles: Iterable[AnalysedArticle], grouping: dict[str, str]) -> list[dict]:
    """The bench's disagreement flags: ``disagreements`` within each predicted story."""
    arts = list(articles)
    by_story: dict[str, list[ArticleEntry]] = defaultdict(list)
    for a in arts:
        by_story[grouping.get(_name(a), _name(a))].append(ArticleEntry(a, a.article.id))
    files = {a.article.id: a.article.path for a in arts}
    out = []
    for key in sorted(by_story):
        for d in disagreements(claims_of(by_story[key])):
            out.append({"measure": d.measure, "place": d.place, "week": d.week, "values": list(d.values),
                        "files": sorted({files[c.article_id] for c in d.claims})})
    return out
