"""Derive the whole digest from analysed articles: order, slugs, and the per-actor,
per-theme, per-week and per-source views that pages need.

Everything is computed before any page is written (an actor page needs every article), and
every collection has a stated order (count descending, then name; newest first), so the same
articles always give the same digest.
"""

from __future__ import annotations

import datetime as dt
import re
import time
from collections import Counter, defaultdict
from dataclasses import replace
from functools import lru_cache
from pathlib import Path

from generator.model import (
    EVIDENCE_KEPT,
    ActorEntry,
    ActorRef,
    AnalysedArticle,
    ArticleEntry,
    Digest,
    Edition,
    Evidence,
    Figure,
    Quote,
    Rejection,
    SentenceRef,
    SourceEntry,
    ThemeEntry,
    ThemeHit,
    ThemeInfo,
    Watchlist,
    WatchlistEntry,
    WatchMatch,
)
from generator.slugs import article_slug, unique_slugs
from generator.stories import detect_stories

try:  # Counter.update's own C loop, without its per-call checks (called ~400,000 times at 10,000 articles)
    from collections import _count_elements as _tally
except ImportError:  # pragma: no cover - another Python
    def _tally(counter: Counter, items: list) -> None:
        counter.update(items)


def _newest_first_key(a: AnalysedArticle) -> tuple:
    date = a.article.date
    # undated last; ties broken by title then id so the order never depends on input order
    return (date is None, -(date.toordinal() if date else 0), a.article.title.lower(), a.article.id)


@lru_cache(maxsize=8192)  # a digest asks for the same few hundred dates again and again
def iso_week(date: dt.date) -> str:
    year, week, _ = date.isocalendar()
    return f"{year}-W{week:02d}"


def week_range(weeks: list[str]) -> tuple[str, ...]:
    """Every ISO week from the first to the last given (gaps filled), oldest first."""
    if not weeks:
        return ()
    first, last = min(weeks), max(weeks)
    day = dt.date.fromisocalendar(int(first[:4]), int(first[6:]), 1)
    end = dt.date.fromisocalendar(int(last[:4]), int(last[6:]), 1)
    out = []
    while day <= end:
        out.append(iso_week(day))
        day += dt.timedelta(days=7)
    return tuple(out)


def build_digest(
    analysed: list[AnalysedArticle] | tuple[AnalysedArticle, ...],
    themes: tuple[ThemeInfo, ...],
    rejections: tuple[Rejection, ...] = (),
    grades: dict[str, str] | None = None,
    watchlists: tuple[Watchlist, ...] = (),
    stories_state: Path | None = None,
    salt: str = "",
    timings: dict[str, float] | None = None,
) -> Digest:
    """Derive the digest: article order, slugs, and the actor, theme, week and source views.

    ``grades`` maps a source (host or outlet name, as articles give it) to an A-F grade.
    ``stories_state``: the previous build's story grouping, read and updated (a cache: the
    stories are the same without it); ``salt`` (the analysis fingerprint) keys it.
    """
    ordered = sorted(analysed, key=_newest_first_key)
    entries = tuple(ArticleEntry(a, article_slug(a.article.title, a.article.id)) for a in ordered)
    by_id = {e.article.id: e for e in entries}
    weeks = week_range([iso_week(e.article.date) for e in entries if e.article.date])

    actors = _build_actors(entries)
    hits_by_theme: dict[str, list[tuple[ArticleEntry, ThemeHit]]] = defaultdict(list)
    for entry in entries:
        for hit in entry.analysed.themes:
            hits_by_theme[hit.id].append((entry, hit))
    theme_entries = tuple(_build_theme(info, hits_by_theme.get(info.id, [])) for info in themes)
    started = time.perf_counter()
    stories = detect_stories(entries, stories_state, salt)
    if timings is not None:
        timings["stories"] = time.perf_counter() - started
    return Digest(
        articles=entries,
        actors=actors,
        themes=theme_entries,
        rejections=tuple(sorted(rejections, key=lambda r: (r.path, r.line or 0, r.reason))),
        editions=_build_editions(entries, weeks, themes),
        sources=_build_sources(entries, grades or {}),
        weeks=weeks,
        watchlists=tuple(WatchlistEntry(w, _watch_matches(w, entries)) for w in watchlists),
        by_id=by_id,
        actor_by_name={a.name: a for a in actors},
        stories=stories,
        story_of={aid: s for s in stories for aid in s.article_ids},
        stories_of=_stories_of(stories),
    )


def _stories_of(stories: tuple) -> dict[str, tuple]:
    """Actor name or theme id -> its stories, newest first (undated last), then by id."""
    out: dict[str, list] = defaultdict(list)
    for s in sorted(stories, key=lambda s: (s.last is None, -(s.last.toordinal() if s.last else 0), s.id)):
        for name, _ in s.actors:
            out[name].append(s)
        for theme_id, _ in s.themes:
            out[theme_id].append(s)
    return {k: tuple(v) for k, v in out.items()}


def _weekly(dated: list[tuple[dt.date | None, int]]) -> tuple[tuple[str, int], ...]:
    """(week, total) for every week from the subject's first dated article to its last, from
    (article date, count) pairs.

    The subject's own weeks, not the digest's: an article dated before the oldest or after the
    newest would otherwise add a week to every actor's and theme's chart, and a daily update
    rewrite every actor and theme page each new week; a chart says where it starts and ends
    (``charts.bar_chart``)."""
    counts: Counter[str] = Counter()
    for date, n in dated:
        if date:
            counts[iso_week(date)] += n
    return tuple((w, counts.get(w, 0)) for w in week_range(list(counts)))


def _build_editions(entries: tuple[ArticleEntry, ...], weeks: tuple[str, ...], themes: tuple[ThemeInfo, ...]) -> tuple:
    by_week: dict[str, list[ArticleEntry]] = defaultdict(list)
    for e in entries:
        if e.article.date:
            by_week[iso_week(e.article.date)].append(e)
    seen: set[str] = set()
    theme_counts: dict[str, Counter[str]] = {}
    editions = []
    previous: Counter[str] = Counter()
    for week in weeks:  # oldest first: "new" means not seen in any earlier week
        arts = by_week.get(week, [])
        counts: Counter[str] = Counter(h.id for e in arts for h in e.analysed.themes)
        new = []
        for e in sorted(arts, key=lambda e: (e.article.date, e.article.title.lower(), e.article.id)):
            for ref in e.analysed.actors:
                if ref.name not in seen:
                    seen.add(ref.name)
                    new.append(ref.name)
        theme_counts[week] = counts
        if arts:
            monday = dt.date.fromisocalendar(int(week[:4]), int(week[6:]), 1)
            editions.append(
                Edition(
                    week=week,
                    start=monday,
                    end=monday + dt.timedelta(days=6),
                    article_ids=tuple(e.article.id for e in arts),
                    new_actors=tuple(new),
                    themes=tuple(
                        (t.id, counts.get(t.id, 0), previous.get(t.id, 0))
                        for t in themes
                        if counts.get(t.id, 0) or previous.get(t.id, 0)
                    ),
                    figures=tuple((e.article.id, f) for e in arts for f in e.analysed.figures),
                )
            )
        previous = counts
    return tuple(reversed(editions))


def _build_sources(entries: tuple[ArticleEntry, ...], grades: dict[str, str]) -> tuple[SourceEntry, ...]:
    by_source: dict[str, list[str]] = defaultdict(list)
    for e in entries:
        by_source[e.article.source or "unknown source"].append(e.article.id)
    names = sorted(by_source, key=lambda n: (-len(by_source[n]), n.lower(), n))
    slugs = unique_slugs(names)
    lowered = {k.lower(): v for k, v in grades.items()}
    return tuple(
        SourceEntry(name, slugs[name], tuple(by_source[name]), lowered.get(name.lower()))
        for name in names
    )


def _build_actors(entries: tuple[ArticleEntry, ...]) -> tuple[ActorEntry, ...]:
    meta: dict[str, ActorRef] = {}
    mentions: Counter[str] = Counter()
    articles: dict[str, list[str]] = defaultdict(list)
    surfaces: dict[str, Counter[str]] = defaultdict(Counter)
    themes: dict[str, Counter[str]] = defaultdict(Counter)
    co: dict[str, Counter[str]] = defaultdict(Counter)
    figures: dict[str, list[tuple[str, Figure]]] = defaultdict(list)
    evidence: dict[str, list[SentenceRef]] = defaultdict(list)

    evidence_count: Counter[str] = Counter()
    per_article_mentions: dict[str, list[tuple[dt.date | None, int]]] = defaultdict(list)
    for entry in entries:
        a = entry.analysed
        aid, date = a.article.id, a.article.date
        names = [ref.name for ref in a.actors]
        theme_ids = [hit.id for hit in a.themes]
        for ref in a.actors:
            name = ref.name
            per_article_mentions[name].append((date, ref.count))
            meta.setdefault(name, ref)
            mentions[name] += ref.count
            articles[name].append(aid)
            _tally(themes[name], theme_ids)
            _tally(co[name], names)
        sentences_of: dict[str, set[int]] = defaultdict(set)
        for m in a.mentions:
            if m.kind != "part":  # "the State Department" is a part of the United States, not a name
                surfaces[m.actor][m.text] += 1
            sentences_of[m.actor].add(m.sentence)
        if a.figures:
            index_of = {s: i for i, s in enumerate(a.sentences)}
            figure_at = [(index_of.get(fig.sentence), fig) for fig in a.figures]
        for name, idxs in sentences_of.items():
            evidence_count[name] += len(idxs)
            kept = evidence[name]
            room = EVIDENCE_KEPT - len(kept)
            if room > 0:  # entries are newest first: the kept sentences are the newest
                for i in sorted(idxs)[:room]:
                    lk = a.likelihoods[i] if i < len(a.likelihoods) else None
                    kept.append(SentenceRef(aid, a.sentences[i], a.certainties[i], lk, i))
            if a.figures:
                figures[name].extend((aid, fig) for i, fig in figure_at if i in idxs)
    for name, counts in co.items():
        counts.pop(name, None)  # an actor does not appear "with" itself

    members: dict[str, list[str]] = defaultdict(list)
    for name, ref in meta.items():
        if ref.affiliation:
            members[ref.affiliation].append(name)
    quotes: dict[str, list[tuple[str, Quote]]] = defaultdict(list)
    for entry in entries:
        for q in entry.analysed.quotes:
            if q.actor:
                quotes[q.actor].append((entry.article.id, q))
                affiliation = meta.get(q.actor).affiliation if q.actor in meta else None
                if affiliation and affiliation != q.actor:
                    quotes[affiliation].append((entry.article.id, q))

    out = []
    for name in sorted(meta, key=lambda n: (-mentions[n], n)):
        ref = meta[name]
        out.append(
            ActorEntry(
                name=name,
                slug="",
                type=ref.type,
                affiliation=ref.affiliation,
                known=ref.known,
                mentions=mentions[name],
                article_ids=tuple(articles[name]),
                aliases_seen=tuple(s for s, _ in sorted(surfaces[name].items(), key=lambda kv: (-kv[1], kv[0]))),
                themes=_ranked(themes[name]),
                co_actors=_ranked(co[name]),
                figures=tuple(figures[name]),
                evidence=tuple(evidence[name]),
                members=tuple(sorted(members.get(name, ()), key=lambda n: (-mentions[n], n))),
                quotes=tuple(quotes.get(name, ())),
                weekly=_weekly(per_article_mentions[name]),
                evidence_count=evidence_count[name],
            )
        )
    slugs = unique_slugs([a.name for a in out])
    return tuple(_with_slug(a, slugs[a.name]) for a in out)


def _with_slug(actor: ActorEntry, slug: str) -> ActorEntry:
    return replace(actor, slug=slug)


def _ranked(counter: Counter[str]) -> tuple[tuple[str, int], ...]:
    return tuple(sorted(counter.items(), key=lambda kv: (-kv[1], kv[0])))


def _build_theme(info: ThemeInfo, hits: list[tuple[ArticleEntry, ThemeHit]]) -> ThemeEntry:
    """A theme from its hits (the articles it was assigned to, in digest order)."""
    actors: Counter[str] = Counter()
    figures: list[tuple[str, Figure]] = []
    evidence: list[tuple[str, Evidence]] = []
    for entry, hit in hits:
        aid = entry.article.id
        for ref in entry.analysed.actors:
            actors[ref.name] += 1
        if entry.analysed.figures:
            sentences = {ev.sentence for ev in hit.evidence}
            figures.extend((aid, f) for f in entry.analysed.figures if f.sentence in sentences)
        evidence.extend((aid, ev) for ev in hit.evidence)
    by_score = sorted(hits, key=lambda eh: -eh[1].score)  # stable: newest first among equals
    return ThemeEntry(
        info=info,
        article_ids=tuple(e.article.id for e, _ in by_score),
        actors=_ranked(actors),
        figures=tuple(figures),
        evidence=tuple(evidence),
        weekly=_weekly([(e.analysed.article.date, 1) for e, _ in hits]),
        bluf=_bluf(hits),
    )


_CERTAINTY_RANK = {"asserted": 0, "reported": 1, "hedged": 2}
BLUF_SIZE = 3


def _bluf(hits: list[tuple[ArticleEntry, ThemeHit]]) -> tuple[tuple[str, Evidence], ...]:
    """Bottom line up front: the sentences that best represent a theme across articles.

    One sentence per article, from the articles that support the theme most; within an
    article the sentence that matched most rules, then the surer one (asserted before reported
    before hedged), then the earlier one. Ties between articles go to the newer article.
    """
    best = []
    for entry, hit in hits:
        ev = min(hit.evidence, key=lambda e: (-len(e.patterns), _CERTAINTY_RANK.get(e.certainty, 3), e.index))
        best.append((hit.score, entry, ev))
    best.sort(key=lambda x: -x[0])  # stable: newer first among equal scores
    return tuple((entry.article.id, ev) for _, entry, ev in best[:BLUF_SIZE])




# --------------------------------------------------------------------------- watchlists


def _words_pattern(words: tuple[str, ...]) -> re.Pattern | None:
    if not words:
        return None
    alternatives = "|".join(r"\s+".join(map(re.escape, w.split())) for w in sorted(words, key=len, reverse=True))
    return re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)", re.IGNORECASE)


def figure_fits(rule, fig: Figure) -> bool:
    if fig.value is None or rule.measure.lower() not in {(fig.measure or "").lower(), (fig.unit or "").lower()}:
        return False
    top = fig.upper if fig.upper is not None else fig.value
    return (rule.min is None or top >= rule.min) and (rule.max is None or fig.value <= rule.max)


def _watch_matches(watch: Watchlist, entries: tuple[ArticleEntry, ...]) -> tuple[WatchMatch, ...]:
    """The articles ``watch`` matches, newest first, each with the sentence that shows it best:
    one that satisfies most of the watchlist's lists (a figure's or a phrase's sentence before
    a theme's evidence, before a sentence that only names the actor), the first such."""
    wanted_actors = {a.lower() for a in watch.actors}
    wanted_themes = set(watch.themes)
    words = _words_pattern(watch.words)
    out = []
    for entry in entries:
        a = entry.analysed
        scores: dict[int, list[str]] = defaultdict(list)  # sentence index -> reasons found in it
        reasons = []
        if wanted_actors:
            named = {r.name for r in a.actors if r.name.lower() in wanted_actors or (r.affiliation or "").lower() in wanted_actors}
            if not named:
                continue
            hits = sorted({r.name if r.name.lower() in wanted_actors else r.affiliation for r in a.actors
                           if r.name in named})
            reasons.append("actor " + ", ".join(hits))
            for m in a.mentions:
                if m.actor in named:
                    scores[m.sentence].append("actor")
        if wanted_themes:
            themes = [t for t in a.themes if t.id in wanted_themes]
            if not themes:
                continue
            reasons.append("theme " + ", ".join(t.name for t in themes))
            for t in themes:
                for ev in t.evidence:
                    scores[ev.index].append("theme")
        if words:
            found = [(i, mt.group(0)) for i, s in enumerate(a.sentences) for mt in [words.search(s)] if mt]
            if not found:
                continue
            reasons.append("words “" + "”, “".join(sorted({w.lower() for _, w in found})) + "”")
            for i, _ in found:
                scores[i] += ["words", "words"]
        if watch.figures:
            figs = [f for f in a.figures if any(figure_fits(rule, f) for rule in watch.figures)]
            if not figs:
                continue
            reasons.append("figure " + ", ".join(dict.fromkeys(f.text for f in figs)))
            index_of = {s: i for i, s in enumerate(a.sentences)}
            for f in figs:
                if f.sentence in index_of:
                    scores[index_of[f.sentence]] += ["figure", "figure"]
        if not scores:
            scores[0] = []
        best = min(scores, key=lambda i: (-len(set(scores[i])), -len(scores[i]), i))
        sentence = a.sentences[best] if best < len(a.sentences) else entry.article.title
        out.append(WatchMatch(entry.article.id, best, sentence, tuple(reasons)))
    return tuple(out)
