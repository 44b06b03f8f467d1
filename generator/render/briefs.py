"""Briefs (``briefs/``): one page per theme, followed actor and watchlist, made for handing over.

A brief is short and cites its sources: the bottom line in full sentences as the articles
wrote them, with each name the sentence uses resolved to its actor ("the Kremlin [Russia]");
the key figures with who stated them; a short dated timeline; and numbered citations, each
linking to the sentence's anchor on its article page (``cite``), listed at the end. It prints
on a few pages (see the print rules in ``assets/digest.css``).
"""

from __future__ import annotations

from itertools import islice

from generator.digest import figure_fits
from generator.model import ArticleEntry, Digest, Figure, WatchlistEntry
from generator.render.cite import sentence_index, sentence_spans, sentence_url
from generator.render.common import Page, actor_link, fmt_date, p, plural, source_of, strong
from generator.render.escape import h, html_piece
from generator.render.feeds import best_sentence

BRIEFS = "briefs"
ROOT = "../../"
BOTTOM_LINE = 4
KEY_FIGURES = 6
TIMELINE = 8


class _Citations:
    """Numbers sources in the order the brief first cites them."""

    def __init__(self, digest: Digest, site_url: str | None):
        self.digest = digest
        self.base = (site_url.rstrip("/") + "/") if site_url else None
        self.order: list[tuple[str, int]] = []

    def mark(self, aid: str, index: int) -> str:
        key = (aid, index)
        if key not in self.order:
            self.order.append(key)
        n = self.order.index(key) + 1
        url = sentence_url(self.digest.by_id[aid], index, ROOT)
        return f'<sup class="digest-ref"><a href="{url}">[{n}]</a></sup>'

    def listing(self) -> str:
        items = []
        for aid, index in self.order:
            e = self.digest.by_id[aid]
            sentence = e.analysed.sentences[index] if 0 <= index < len(e.analysed.sentences) else e.article.title
            url = sentence_url(e, index, ROOT)
            items.append(
                f'<li><a href="{url}">{h(e.article.title)}</a>, {h(e.article.source or "unknown source")}, '
                f"{fmt_date(e.article.date)}: “{h(sentence)}”"
                + (f' <span class="digest-url">{h(sentence_url(e, index, self.base))}</span>' if self.base else "")
                + "</li>"
            )
        return '<ol class="digest-sources">' + "".join(items) + "</ol>"


def resolved(entry: ArticleEntry, index: int, digest: Digest) -> str:
    """Sentence ``index`` as HTML, each name it uses for an actor followed by the actor
    ("the Kremlin [Russia]") unless the name already says it (or is a demonym: "Russian")."""
    a = entry.analysed
    start, end = sentence_spans(a)[index] if 0 <= index < len(a.sentences) else (-1, -1)
    if start < 0:
        return h(a.sentences[index] if 0 <= index < len(a.sentences) else entry.article.title)
    text = a.article.analysed_text()
    sentence = text[start:end].lower()  # a name the sentence already spells out needs no resolving
    pieces, cursor = [], start
    for m in sorted((m for m in a.mentions if m.sentence == index and start <= m.start < m.end <= end), key=lambda m: m.start):
        if m.start < cursor:
            continue
        pieces.append(html_piece(text[cursor:m.end]))
        cursor = m.end
        if m.kind != "demonym" and m.actor.lower() not in sentence:
            pieces.append(f' <span class="digest-resolved">[{h(m.actor)}]</span>')
    pieces.append(html_piece(text[cursor:end]))
    return "".join(pieces).strip()


def at_least(n: int, noun: str) -> str:
    """``n`` things, exactly below ten, else the step of 10, 20, 50, 100, 200, 500... it reaches
    ("at least 200 articles"): a brief says how much it stands on, and an article added among
    the others (not among the newest it shows) changes it only when it crosses a step, so a
    daily update does not rewrite the brief of every actor it names (the full page counts)."""
    if n < 10:
        return plural(n, noun)
    step = 10
    while step * 10 <= n:
        step *= 10
    floor = next(step * k for k in (5, 2, 1) if n >= step * k)
    return "at least " + plural(floor, noun)


def _newest(digest: Digest, aids) -> list[str]:
    def key(aid: str):
        d = digest.by_id[aid].article.date
        return (d is None, -(d.toordinal() if d else 0), aid)

    return sorted(dict.fromkeys(aids), key=key)


def brief_page(
    digest: Digest,
    subject: str,
    full_page: str,
    bottom: list[tuple[str, int]],
    figures: list[tuple[str, Figure]],
    timeline: list[tuple[str, int]],
    article_ids: list[str],
    site_url: str | None = None,
) -> str:
    """A brief on ``subject``: ``bottom`` and ``timeline`` are (article id, sentence index),
    ``figures`` (article id, figure), ``article_ids`` every article the subject has."""
    cites = _Citations(digest, site_url)
    page = Page(f"Brief: {subject}")
    dates = [digest.by_id[a].article.date for a in article_ids if digest.by_id[a].article.date]
    sources = {digest.by_id[a].article.source for a in article_ids if digest.by_id[a].article.source}
    span = f"dated {min(dates).isoformat()} to {max(dates).isoformat()}" if dates else "undated"
    page.add(p(
        f"From {at_least(len(article_ids), 'article')} {span}, by {at_least(len(sources), 'source')}. "
        f'The <a href="{full_page}">full page</a> has all the evidence; numbers in brackets cite the sentence '
        "a statement comes from.",
        "digest-brief-intro",
    ))
    page.heading("Bottom line")
    if bottom:
        page.add("<ol class=\"digest-bottom-line\">" + "".join(
            f"<li>{resolved(digest.by_id[aid], i, digest)} {cites.mark(aid, i)}</li>" for aid, i in bottom
        ) + "</ol>")
    else:
        page.add(p("No article supports this yet."))
    page.heading("Key figures")
    if figures:
        items = []
        for aid, f in figures:
            e = digest.by_id[aid]
            who = source_of(digest, f, ROOT)
            actor = digest.actor_by_name.get(f.attribution_actor or "")
            if actor and f.attribution and actor.name.lower() in f.attribution.lower():
                who = actor_link(actor, ROOT).replace(f">{h(actor.name)}<", f">{h(f.attribution)}<")  # "President Zelensky", linked
            if who == "the outlet":
                who = f"{h(e.article.source or 'the outlet')} (the outlet)"
            i = sentence_index(e.analysed, f.sentence)
            ref = cites.mark(aid, i) if i is not None else ""
            items.append(f"<li>{strong(h(f.text))}: stated by {who}, {fmt_date(e.article.date)} {ref}</li>")
        page.add("<ul class=\"digest-key-figures\">" + "".join(items) + "</ul>")
    else:
        page.add(p("No figures."))
    page.heading("Timeline")
    if timeline:
        rows = []
        for aid, i in sorted(timeline, key=lambda ai: (digest.by_id[ai[0]].article.date is None, digest.by_id[ai[0]].article.date or 0)):
            e = digest.by_id[aid]
            rows.append(f"<li><strong>{fmt_date(e.article.date)}</strong>: {h(e.article.title)} {cites.mark(aid, i)}</li>")
        page.add("<ul class=\"digest-timeline\">" + "".join(rows) + "</ul>")
    else:
        page.add(p("No dated articles."))
    page.heading("Sources")
    page.add(cites.listing() if cites.order else p("None cited."))
    return page.text()


def theme_brief(theme, digest: Digest, site_url: str | None = None) -> str:
    best: dict[str, int] = {}
    for aid, ev in theme.evidence:
        best.setdefault(aid, ev.index)
    bottom = [(aid, ev.index) for aid, ev in theme.bluf]
    for aid in theme.article_ids:
        if len(bottom) >= BOTTOM_LINE:
            break
        if aid not in {a for a, _ in bottom}:
            bottom.append((aid, best[aid]))
    newest = _newest(digest, theme.article_ids)
    order = {aid: n for n, aid in enumerate(newest)}
    figures = sorted(theme.figures, key=lambda af: order.get(af[0], 0))[:KEY_FIGURES]
    timeline = [(aid, best[aid]) for aid in newest if digest.by_id[aid].article.date][:TIMELINE]
    return brief_page(digest, theme.info.name, f"{ROOT}themes/{theme.id}.html", bottom, figures, timeline, list(theme.article_ids), site_url)


def actor_brief(actor, digest: Digest, site_url: str | None = None) -> str:
    first: dict[str, int] = {}
    named: dict[str, set[int]] = {}
    for ref in actor.evidence:
        if ref.index is not None:
            first.setdefault(ref.article_id, ref.index)
            named.setdefault(ref.article_id, set()).add(ref.index)
    bottom = []
    for aid in actor.article_ids:  # newest first: the theme evidence that names the actor
        a = digest.by_id[aid].analysed
        evs = [ev for t in a.themes for ev in t.evidence if ev.index in named.get(aid, ())]
        if evs:
            ev = min(evs, key=lambda e: (-len(e.patterns), e.index))
            bottom.append((aid, ev.index))
        if len(bottom) >= BOTTOM_LINE:
            break
    dated = islice((aid for aid in actor.article_ids if digest.by_id[aid].article.date), TIMELINE)
    timeline = [(aid, first.get(aid, best_sentence(digest.by_id[aid]))) for aid in dated]
    return brief_page(digest, actor.name, f"{ROOT}actors/{actor.slug}.html", bottom, list(actor.figures[:KEY_FIGURES]),
                      timeline, list(actor.article_ids), site_url)


def watchlist_brief(w: WatchlistEntry, digest: Digest, site_url: str | None = None) -> str:
    bottom = [(m.article_id, m.index) for m in w.matches[:BOTTOM_LINE]]
    figures = []
    for m in w.matches:
        a = digest.by_id[m.article_id].analysed
        for f in a.figures:
            fits = any(figure_fits(rule, f) for rule in w.info.figures) if w.info.figures else f.sentence == m.sentence
            if fits:
                figures.append((m.article_id, f))
    timeline = [(m.article_id, m.index) for m in w.matches if digest.by_id[m.article_id].article.date][:TIMELINE]
    return brief_page(digest, f"watchlist {w.info.name}", f"{ROOT}watchlists/{w.info.slug}.html", bottom,
                      figures[:KEY_FIGURES], timeline, [m.article_id for m in w.matches], site_url)


def story_brief(story, digest: Digest, site_url: str | None = None) -> str:
    """A story's brief: its summary sentences, the figure table's claims, each report on its day."""
    bottom = []
    for aid, sentence in story.summary:
        i = sentence_index(digest.by_id[aid].analysed, sentence) if aid in digest.by_id else None
        if i is not None:
            bottom.append((aid, i))
    aids = [a for a in story.article_ids if a in digest.by_id]
    figures = [(c.article_id, c.figure) for c in story.claims if c.article_id in digest.by_id][:KEY_FIGURES]
    timeline = [(aid, best_sentence(digest.by_id[aid])) for aid in aids if digest.by_id[aid].article.date][:TIMELINE]
    return brief_page(digest, f"story {story.title}", f"{ROOT}stories/{story.slug}.html", bottom, figures,
                      timeline, aids, site_url)


def brief_pages(digest: Digest, site_url: str | None = None, parts: bool = True) -> dict[str, str]:
    """The briefs of themes, stories and watchlists (an actor's is made with its page: ``actor_brief``;
    ``parts=False``: not the themes' and stories', made with their pages by ``render/parts.py``)."""
    pages = {}
    for t in digest.themes if parts else ():
        pages[f"{BRIEFS}/themes/{t.id}.md"] = theme_brief(t, digest, site_url)
    for st in digest.stories if parts else ():
        pages[f"{BRIEFS}/stories/{st.slug}.md"] = story_brief(st, digest, site_url)
    for w in digest.watchlists:
        pages[f"{BRIEFS}/watchlists/{w.info.slug}.md"] = watchlist_brief(w, digest, site_url)
    return pages
