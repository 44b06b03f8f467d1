"""Turn the groups of articles that report one event into stories: title, summary, reports,
figure table with its disagreements, quotes.

Part of the digest-model stage (``digest.py`` calls ``detect_stories``); which articles form a
story is decided by ``grouping.py`` (from scratch, or from the previous build's grouping kept
in the cache folder).
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import replace
from pathlib import Path

from generator import grouping
from generator.analyse.lexicon import converted
from generator.grouping import WINDOW_DAYS
from generator.model import (
    AnalysedArticle,
    ArticleEntry,
    Disagreement,
    ReportNews,
    Story,
    StoryClaim,
)
from generator.slugs import slugify
from generator.storycache import FILE as STORIES_FILE
from generator.storycache import MadeStories, story_key
from generator.targets import targets_of

# --------------------------------------------------------------------------- the model's stories

SUMMARY_SIZE = 3  # sentences in a story's summary
DEVELOPING_RATE = 1.0  # reports a day that make a recent story 'developing'
DISAGREE_RATIO = 3.0  # values further apart than this measure different things
ROUNDING = 0.05  # an approximate value ("about 29 minutes") this close to another ("nearly 30") is the same estimate
APPROXIMATE = frozenset({"about", "around", "approximately", "approx.", "roughly", "nearly", "almost", "close to",
                         "some", "an estimated", "estimated", "about some"})
# a bound is consistent with every value on its open side: "at least 12 killed" on Monday and "31 killed"
# on Wednesday are a toll that rose, not two claims that disagree
LOWER_BOUNDS = frozenset({"at least", "more than", "over", "no fewer than", "no less than", "upwards of", "in excess of",
                          "well over", "just over"})
UPPER_BOUNDS = frozenset({"up to", "as many as", "as much as", "at most", "less than", "fewer than", "no more than",
                          "under", "just under"})


def _week(date: dt.date) -> str:
    year, week, _ = date.isocalendar()
    return f"{year}-W{week:02d}"


def claims_of(entries: Sequence[ArticleEntry]) -> list[StoryClaim]:
    """Every figure with a value and a measure, with its claimant (the actor, else the outlet) and,
    for a levy, the country it falls on (``targets.py``)."""
    out = []
    for e in entries:
        seen = set()  # one claim repeated in a report (the lead and the body) is listed once
        targets = targets_of(e.analysed)
        for n, f in enumerate(e.analysed.figures):
            if f.value is None or not (f.measure or f.unit):
                continue
            claimant = f.attribution_actor if f.attribution_actor not in (None, "outlet") else None
            claim = StoryClaim(e.article.id, e.article.date, claimant or e.article.source or "unknown source", f,
                               targets.get(n))
            key = (f.measure or f.unit, f.value, f.upper, f.place, claim.claimant, claim.target)
            if key not in seen:
                seen.add(key)
                out.append(claim)
    return out


def disagreements(claims: Sequence[StoryClaim]) -> list[Disagreement]:
    """Different values for one measure, target, place and ISO week, from different claimants.

    Only claims attributed to an actor count (an outlet's own figure is mostly background);
    an approximate value ("about 29 minutes") within ``ROUNDING`` of another ("nearly 30
    minutes") is the same estimate rounded otherwise, counted as one value (the lower);
    a claim without a place counts at every place its measure has that week (it does not say
    where), and so does a claim without a target at every target (a tariff "on Chinese goods"
    and the counter-tariff "on US goods" are two measures, see ``targets.py``). Values are
    estimates of one quantity only when close: they are split into runs where each is at most
    ``DISAGREE_RATIO`` times the one before (so a total and a part, or
    a rate and a duty, are not compared). A run flags when it has two values from two
    different claimants: one claimant's two values (a change over the week, the old and the
    new rate of one decision) are no disagreement, nor is a bound beside a value on its open side
    ("at least 12" beside 31: a toll that rose). Values in units of one measure are compared in
    its first unit (``conversions`` of ``data/lexicon.yml``: "about 680 miles" beside "1,100 km"),
    a converted value as an approximate one; a flag gives each value as it was written.
    """
    groups: dict[tuple[str, str], list[StoryClaim]] = defaultdict(list)
    for c in claims:
        if c.date is not None and c.figure.attribution_actor not in (None, "outlet"):
            groups[(c.figure.measure or c.figure.unit or "", _week(c.date))].append(c)
    out, seen = [], set()
    for (measure, week), all_claims in sorted(groups.items()):
        targets = sorted({c.target for c in all_claims if c.target})
        for target, place in [(t, p) for t in targets or [None] for p in _places(all_claims, t)]:
            here = [c for c in all_claims if c.target in (target, None) and c.figure.place in (place, None)]
            by_value: dict[float, set[str]] = defaultdict(set)
            sides: dict[float, set[tuple[str, str]]] = defaultdict(set)  # (claimant, "lower", "upper" or "")
            # each value in its measure's first unit ("620 miles" beside "1,000 km"): converted, it is rounded
            value = {id(c): converted(c.figure.value, c.figure.unit) for c in here}
            approximate = {value[id(c)] for c in here if (c.figure.qualifier or "").casefold() in APPROXIMATE
                           or value[id(c)] != c.figure.value}
            for c in here:
                by_value[value[id(c)]].add(c.claimant)
                sides[value[id(c)]].add((c.claimant, _bound(c.figure.qualifier)))
            _merge_rounded(by_value, approximate)
            _merge_rounded(sides, approximate)  # the same keys: the same merges
            runs: list[list[float]] = []
            for v in sorted(by_value):
                if runs and v <= runs[-1][-1] * DISAGREE_RATIO and runs[-1][-1] > 0:
                    runs[-1].append(v)
                else:
                    runs.append([v])
            for run in runs:
                claimants = [by_value[v] for v in run]
                if len(run) < 2 or len(set().union(*claimants)) < 2 or not _contradict(run, sides):
                    continue
                key = (measure, week, tuple(run))
                if key in seen:  # a claim without a place (or target) may repeat a flag at several places
                    continue
                seen.add(key)
                kept = tuple(c for c in here if value[id(c)] in run)
                # each value as its first claim gave it (in its own unit), in the measure's order
                given = tuple(next(c.figure.value for c in kept if value[id(c)] == v) for v in run)
                out.append(Disagreement(measure, place, week, given, kept, target))
    return out


def _places(claims: Sequence[StoryClaim], target: str | None) -> list[str | None]:
    """The places named by the claims of ``target`` (or of none), or [None]: each place is compared apart."""
    return sorted({c.figure.place for c in claims if c.figure.place and c.target in (target, None)}) or [None]


def _bound(qualifier: str | None) -> str:
    """"lower" for a figure given as a lower bound ("at least 12"), "upper" for an upper one ("up to 100,000"), else ""."""
    q = (qualifier or "").casefold()
    return "lower" if q in LOWER_BOUNDS else "upper" if q in UPPER_BOUNDS else ""


def _contradict(run: list[float], sides: dict[float, set[tuple[str, str]]]) -> bool:
    """Whether two claimants give values of ``run`` that cannot both be true: not when the lower
    value is a lower bound ("at least 12" beside 31) or the higher an upper bound ("up to 100,000"
    beside 12,000)."""
    for k, low in enumerate(run):
        for high in run[k + 1:]:
            for a, low_bound in sides[low]:
                for b, high_bound in sides[high]:
                    if a != b and low_bound != "lower" and high_bound != "upper":
                        return True
    return False


def _merge_rounded(by_value: dict[float, set], approximate: set[float]) -> None:
    """Merge into the value below it each value within ``ROUNDING`` of it when either is
    approximate (given with "about", "nearly"...): their claimants claim one estimate."""
    kept = None
    for v in sorted(by_value):
        if (kept is not None and kept > 0 and v - kept <= ROUNDING * v
                and (v in approximate or kept in approximate)):
            by_value[kept] |= by_value.pop(v)
        else:
            kept = v


def _best_title(members: list[int], entries: Sequence[ArticleEntry]) -> int:
    """The report whose headline shares most words with the other reports' headlines and leads
    (given titles first; on a tie, the earliest report, which broke the news): its headline
    names the story."""
    words = {i: grouping.title_words(entries[i].analysed) for i in members}
    rank = {i: k for k, i in enumerate(members)}  # date order
    # how many reports' titles have each word: a report shares sum(count - 1) words with the
    # others (one pass over the story, not one per pair of reports: stories of hundreds)
    counts = Counter(w for i in members for w in words[i])

    def key(i: int) -> tuple:
        central = (sum(counts[w] for w in words[i]) - len(words[i])) / (len(words[i]) or 1)
        return (entries[i].article.title_derived, -round(central, 9), rank[i], entries[i].article.id)
    return min(members, key=key)


def _summary(entries: Sequence[ArticleEntry]) -> tuple[tuple[str, str], ...]:
    """The strongest evidence sentences, one per report, that open with a name the analysis
    resolved (so no pronoun or "the ministry" whose referent is in another sentence)."""
    picked: list[tuple[tuple, str, str]] = []
    for rank, e in enumerate(entries):
        a = e.analysed
        evidence = {ev.index for t in a.themes for ev in t.evidence}
        if not evidence or not a.sentences:
            continue
        opening = {m.sentence for m in a.mentions
                   if m.sentence in evidence and a.sentences[m.sentence].startswith(m.text)}
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


NEWS_ACTORS = 5  # new actors listed for one report


def _claim_key(c: StoryClaim) -> tuple:
    f = c.figure
    return (f.measure or f.unit, f.value, f.upper, f.place, c.target)


def news_of(reports: Sequence[ArticleEntry], claims: Sequence[StoryClaim]) -> tuple[ReportNews, ...]:
    """For each report (date order), what no earlier report of the story had: figures (a
    measure, value and place not given before), actors, speakers (quoted, or giving a figure)
    and places (as the analysis resolved them)."""
    by_report: dict[str, list[StoryClaim]] = defaultdict(list)
    for c in claims:
        by_report[c.article_id].append(c)
    seen_claims: set[tuple] = set()
    seen_actors: set[str] = set()
    seen_speakers: set[str] = set()
    out = []
    for e in reports:
        a = e.analysed
        new_claims = []
        for c in by_report.get(e.article.id, ()):
            key = _claim_key(c)
            if key not in seen_claims:
                seen_claims.add(key)
                new_claims.append(c)
        speakers = [q.actor for q in a.quotes if q.actor]
        speakers += [f.attribution_actor for f in a.figures if f.attribution_actor not in (None, "outlet")]
        new_speakers = list(dict.fromkeys(s for s in speakers if s not in seen_speakers))
        seen_speakers.update(new_speakers)
        places = [r.name for r in a.actors if r.type == "place"] + [f.place for f in a.figures if f.place]
        others = [r.name for r in a.actors if r.type != "place"]
        new_places = list(dict.fromkeys(x for x in places if x not in seen_actors))
        new_actors = [x for x in others if x not in seen_actors and x not in new_speakers]
        seen_actors.update(places)
        seen_actors.update(others)
        out.append(ReportNews(e.article.id, tuple(new_claims), tuple(new_actors[:NEWS_ACTORS]),
                              tuple(new_speakers), tuple(new_places)))
    return tuple(out)


def _ranked(counter: Counter[str]) -> tuple[tuple[str, int], ...]:
    return tuple(sorted(counter.items(), key=lambda kv: (-kv[1], kv[0])))


def make_story(members: list[int], entries: Sequence[ArticleEntry]) -> Story:
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
    lead = entries[_best_title(members, entries)]
    sid = f"s{reports[0].article.id[:10]}"
    return Story(
        id=sid,
        # from the first report, like the id: the best headline changes as reports come in, and a
        # story's address (its page, its feed) must not
        slug=f"{slugify(reports[0].article.title, 50) or 'story'}-{sid[1:7]}",
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
        news=news_of(reports, claims),
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


def detect_stories(entries: Sequence[ArticleEntry], state_file: Path | None = None, salt: str = "") -> tuple[Story, ...]:
    """The stories of two or more reports: most outlets first, then the fastest, then newest.

    ``state_file``: the grouping of the previous build, read and updated (see ``grouping.py``);
    beside it the stories the previous build made (``storycache.py``): only a story whose
    reports changed is made again. The stories are the same with them or without them.
    """
    found = grouping.group([e.analysed for e in entries], state_file, salt)
    made = MadeStories(state_file.with_name(STORIES_FILE), salt) if state_file is not None else None
    stories = []
    for members in found.stories:
        if len(members) < 2:
            continue
        if made is None:
            stories.append(make_story(members, entries))
            continue
        reports = [entries[i] for i in members]
        key = story_key([found.keys[i] for i in members])
        story = made.get(key, reports)
        if story is None:
            story = make_story(members, entries)
            made.put(key, story, reports)
        stories.append(story)
    if made is not None:
        made.save()
    dates = [e.article.date for e in entries if e.article.date]
    if dates:
        latest = max(dates)
        stories = [replace(s, developing=_developing(s, latest)) for s in stories]
    stories.sort(key=lambda s: (-len(s.sources), -_speed(s), -(s.last.toordinal() if s.last else 0), s.id))
    return tuple(stories)


# --------------------------------------------------------------------------- bench adapter


def _name(a) -> str:
    return Path(getattr(a, "article", a).path).name


def group(articles: Iterable[AnalysedArticle]) -> dict[str, str]:
    """``bench/stories_eval.py --analyse --grouping generator.stories:group``: file -> story."""
    arts = list(articles)
    out = {}
    for members in grouping.group(arts).stories:
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
