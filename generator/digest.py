"""Derive the whole digest from analysed articles: order, slugs, and the per-actor,
per-theme, per-week and per-source views that pages need.

Everything is computed before any page is written (an actor page needs every article), and
every collection has a stated order (count descending, then name; newest first), so the same
articles always give the same digest.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import replace

from generator.model import (
    ActorEntry,
    ActorRef,
    AnalysedArticle,
    ArticleEntry,
    Digest,
    Evidence,
    Figure,
    Quote,
    Rejection,
    SentenceRef,
    ThemeEntry,
    ThemeHit,
    ThemeInfo,
)
from generator.slugs import article_slug, unique_slugs


def _newest_first_key(a: AnalysedArticle) -> tuple:
    date = a.article.date
    # undated last; ties broken by title then id so the order never depends on input order
    return (date is None, -(date.toordinal() if date else 0), a.article.title.lower(), a.article.id)


def build_digest(
    analysed: list[AnalysedArticle] | tuple[AnalysedArticle, ...],
    themes: tuple[ThemeInfo, ...],
    rejections: tuple[Rejection, ...] = (),
) -> Digest:
    """Derive the digest: article order, slugs, and per-actor and per-theme views."""
    ordered = sorted(analysed, key=_newest_first_key)
    entries = tuple(ArticleEntry(a, article_slug(a.article.title, a.article.id)) for a in ordered)
    by_id = {e.article.id: e for e in entries}

    actors = _build_actors(entries)
    theme_entries = tuple(_build_theme(info, entries) for info in themes)
    return Digest(
        articles=entries,
        actors=actors,
        themes=theme_entries,
        rejections=tuple(sorted(rejections, key=lambda r: (r.path, r.line or 0, r.reason))),
        by_id=by_id,
        actor_by_name={a.name: a for a in actors},
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

    for entry in entries:
        a = entry.analysed
        aid = a.article.id
        names = [ref.name for ref in a.actors]
        for ref in a.actors:
            meta.setdefault(ref.name, ref)
            mentions[ref.name] += ref.count
            articles[ref.name].append(aid)
            for hit in a.themes:
                themes[ref.name][hit.id] += 1
            for other in names:
                if other != ref.name:
                    co[ref.name][other] += 1
        sentences_of: dict[str, set[int]] = defaultdict(set)
        for m in a.mentions:
            surfaces[m.actor][m.text] += 1
            sentences_of[m.actor].add(m.sentence)
        index_of = {s: i for i, s in enumerate(a.sentences)}
        for name, idxs in sentences_of.items():
            for i in sorted(idxs):
                lk = a.likelihoods[i] if i < len(a.likelihoods) else None
                evidence[name].append(SentenceRef(aid, a.sentences[i], a.certainties[i], lk))
            for fig in a.figures:
                if index_of.get(fig.sentence) in idxs:
                    figures[name].append((aid, fig))

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
            )
        )
    slugs = unique_slugs([a.name for a in out])
    return tuple(_with_slug(a, slugs[a.name]) for a in out)


def _with_slug(actor: ActorEntry, slug: str) -> ActorEntry:
    return replace(actor, slug=slug)


def _ranked(counter: Counter[str]) -> tuple[tuple[str, int], ...]:
    return tuple(sorted(counter.items(), key=lambda kv: (-kv[1], kv[0])))


def _build_theme(info: ThemeInfo, entries: tuple[ArticleEntry, ...]) -> ThemeEntry:
    hits: list[tuple[ArticleEntry, ThemeHit]] = []
    for entry in entries:
        for hit in entry.analysed.themes:
            if hit.id == info.id:
                hits.append((entry, hit))
    actors: Counter[str] = Counter()
    figures: list[tuple[str, Figure]] = []
    evidence: list[tuple[str, Evidence]] = []
    for entry, hit in hits:
        aid = entry.article.id
        for ref in entry.analysed.actors:
            actors[ref.name] += 1
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
    )


