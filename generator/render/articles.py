"""Article pages and the articles index.

An article page shows its metadata and source, the summary and full text with every actor
mention highlighted (coloured by actor type, with a legend) and linked to the actor's page,
and beside the text its themes with evidence, figures and quotations.
"""

from __future__ import annotations

import json
from collections.abc import Iterator

from generator.model import DATE_SOURCE_LABEL, ArticleEntry, Digest, ThemeEntry
from generator.render.cite import (
    cite,
    figure_anchor,
    quote_anchor,
    sentence_anchor,
    sentence_index,
    sentence_spans,
)
from generator.render.common import (
    ACTORS,
    TYPE_LABEL,
    TYPE_PLURAL,
    Page,
    actor_ref,
    article_link,
    certainty,
    figure_reading,
    fmt_date,
    p,
    paginated,
    paginated_kept,
    plural,
    published_location,
    quote_line,
    source_of,
    strong,
    theme_link,
    ul,
)
from generator.render.escape import h, html_piece, safe_url
from generator.render.stories import STORIES

ROOT = "../"
# a theme's evidence sentences written out in full beside the text; the others, which the text
# beside holds, are links by number (a page repeated up to a third of its text there)
EVIDENCE_SHOWN = 2
# the list of undated articles (without its suffix): an "index" page, like the paginated list
# of all articles, so that the incremental site build always builds it again (build.KEPT_PAGES)
UNDATED = "articles/index-undated"


def digest_theme(digest: Digest, theme_id: str) -> ThemeEntry:
    for t in digest.themes:
        if t.id == theme_id:
            return t
    raise KeyError(theme_id)


def highlighted(entry: ArticleEntry, digest: Digest) -> list[str]:
    """The summary and paragraphs as HTML, each actor mention a coloured link and each
    sentence a ``span`` with its stable anchor (see ``cite``)."""
    art = entry.article
    parts = ([] if art.title_derived else [art.title]) + ([art.summary] if art.summary else []) + list(art.paragraphs)
    spans = sentence_spans(entry.analysed)
    events = sorted(
        [(m.start, 2, k, m) for k, m in enumerate(entry.analysed.mentions)]
        + [(st, 1, i, None) for i, (st, _) in enumerate(spans) if st >= 0]
        + [(en, 0, i, None) for i, (_, en) in enumerate(spans) if en >= 0],
        key=lambda ev: (ev[0], ev[1], ev[2]),
    )
    aid = art.id
    out, offset, k = [], 0, 0
    for n, text in enumerate(parts):
        end = offset + len(text)
        pieces, cursor, open_sentence = [], 0, None
        while k < len(events) and events[k][0] < end + (1 if events[k][1] == 0 else 0):
            pos, kind, i, m = events[k]
            k += 1
            at = max(pos - offset, cursor)
            pieces.append(html_piece(text[cursor:at]))
            cursor = at
            if kind == 0:  # a sentence ends
                if open_sentence == i:
                    pieces.append("</span>")
                    open_sentence = None
            elif kind == 1:  # a sentence starts
                if open_sentence is not None:
                    pieces.append("</span>")
                pieces.append(f'<span id="{sentence_anchor(aid, i)}">')
                open_sentence = i
            else:
                if m.start - offset < cursor or m.end > end:  # overlapping or outside: skip
                    continue
                actor = digest.actor_by_name.get(m.actor)
                e = m.end - offset
                label = html_piece(text[cursor:e])
                if actor:  # a country, the commonest type, takes the mentions' colour without a class
                    cls = "" if actor.type == "country" else f' class="digest-{actor.type}"'
                    pieces.append(f'<a href="{ROOT}{ACTORS}/{actor.slug}.html"{cls}>{label}</a>')
                else:
                    pieces.append(label)
                cursor = e
        pieces.append(html_piece(text[cursor:]))
        if open_sentence is not None:
            pieces.append("</span>")
        html = "".join(pieces).strip()
        if n == 0 and not art.title_derived:
            offset = end + 2
            continue  # the title is the page heading
        out.append(html)
        offset = end + 2  # paragraphs are joined by a blank line
    return out


def legend(entry: ArticleEntry) -> str:
    types = sorted({r.type for r in entry.analysed.actors}, key=list(TYPE_LABEL).index)
    if not types:
        return ""
    items = " ".join(f'<span class="digest-legend digest-{t}">{TYPE_LABEL[t]}</span>' for t in types)
    return p(f"{strong('Actors highlighted by type:')} {items}")


def article_page(entry: ArticleEntry, digest: Digest) -> str:
    a = entry.analysed
    art = entry.article
    page = Page(art.title, hide=("navigation", "toc"))
    if art.date:
        when = f"{strong('Date:')} {fmt_date(art.date)} ({h(DATE_SOURCE_LABEL[art.date_source])})"
    else:
        when = f'{strong("Date:")} <span class="digest-undated">undated</span>'
    meta = [when, f"{strong('Source:')} {h(art.source or 'unknown source')}"]
    url = safe_url(art.url)
    if url:
        meta.append(f'{strong("Original:")} <a href="{h(url)}" rel="nofollow noopener">{h(art.url)}</a>')
    meta += [f"{strong('By:')} {h(art.author)}"] if art.author else []
    if art.language not in (None, "en"):
        meta.append(f"{strong('Language:')} {h(art.language)} (not analysed: the analysis reads English only)")
    meta.append(f"{strong('File:')} {h(published_location(art))}")
    # the title's sentences are the page's heading: their anchors lead to the top of the page
    titled = "" if art.title_derived else "".join(
        f'<span id="{sentence_anchor(art.id, i)}"></span>'
        for i, (start, _) in enumerate(sentence_spans(a)) if 0 <= start < len(art.title)
    )
    page.add(p(titled + " · ".join(meta)))
    story = digest.story_of.get(art.id)
    if story is not None:  # its reports and outlets are counted on the story's page: a report added
        # to a story then changes that page, not every other report's (100 pages for one article)
        # nor its headline (the best of its reports'), which a report added may change: the link is
        # the story's first report, which stays the same as long as the story's address does
        first = digest.by_id.get(story.article_ids[0])
        what = (f"first reported by {h(first.article.source or 'an unknown source')}"
                + (f" on {fmt_date(first.article.date)}" if first.article.date else "")) if first else "its reports"
        page.add(p(f'{strong("Story:")} <a href="{ROOT}{STORIES}/{story.slug}.html">the reports of this event</a>, '
                   f"{what}", "digest-story-link"))
    if not art.date:
        page.add(p(
            "No date was found in this article's fields, its file name or its text, so it is left out of "
            "the editions, the timeline, the weekly charts and the search's date filter. Give it one in its "
            "file name (<code>2024-10-18-title.txt</code>) or in the project's <code>dates:</code> file "
            f'(<a href="{ROOT}{UNDATED}.html">all undated articles</a>).',
            "digest-undated-note",
        ))
    if len(art.sources) > 1:
        page.add(p(f"{strong('Also reported by:')} {h(', '.join(s for s in art.sources if s != art.source))}"))
    # its themes (its actors are highlighted in the text and listed by type under it)
    about = [theme_link(digest_theme(digest, t.id), ROOT) for t in a.themes]
    if about:
        page.add(p(f"{strong('About:')} {' · '.join(about)}", "digest-about"))

    paragraphs = highlighted(entry, digest)
    page.markdown('<div class="digest-article" markdown>\n\n<div class="digest-text" markdown>\n')
    page.add(legend(entry))
    if art.summary and paragraphs:
        page.add(f"<blockquote><p>{strong('Summary.')} {paragraphs[0]}</p></blockquote>")
        paragraphs = paragraphs[1:]
    page.heading("Full text")
    page.add(*(p(x) for x in paragraphs))
    page.markdown('</div>\n\n<aside class="digest-aside" markdown>\n')
    page.heading("Themes")
    if a.themes:
        for hit in a.themes:
            page.add(p(strong(theme_link(digest_theme(digest, hit.id), ROOT))))
            shown, rest = hit.evidence[:EVIDENCE_SHOWN], hit.evidence[EVIDENCE_SHOWN:]
            page.add(ul([
                f"{h(ev.sentence)} ({certainty(ev.certainty, ev.likelihood)})" + cite(f"#{sentence_anchor(art.id, ev.index)}")
                for ev in shown
            ]))
            if rest:  # the text beside holds them: their numbers lead there (each its anchor's)
                links = " ".join(f'<a href="#{sentence_anchor(art.id, ev.index)}">{ev.index}</a>' for ev in rest)
                page.add(p(f"…and {plural(len(rest), 'more sentence')} of the text: {links}", "digest-more"))
    else:
        page.add(p("No theme of the taxonomy has enough support in this article."))
    page.heading("Key figures")
    if a.figures:
        items, seen = [], {}
        for f in a.figures:
            who = source_of(digest, f, ROOT)
            extra = f", {h(f.place)}" if f.place else ""
            said = f" — {who}{extra} ({certainty(f.certainty, f.likelihood)})"
            i = sentence_index(a, f.sentence)
            if i is None:
                item = strong(h(f.text)) + said
            else:  # the figure leads to its sentence in the text; "link" is its own address
                n = seen[i] = seen.get(i, -1) + 1
                anchor = figure_anchor(art.id, i, n)
                item = (f'<span id="{anchor}"><strong><a href="#{sentence_anchor(art.id, i)}">{h(f.text)}</a></strong>'
                        f"{said}</span>" + cite(f"#{anchor}"))
            read = figure_reading(f)
            items.append(item + (f'<small class="digest-read">read as {read}</small>' if read else ""))
        page.add(ul(items))
    else:
        page.add(p("No figures were found."))
    if a.quotes:
        page.heading("Quotations")
        items, seen = [], {}
        for q in a.quotes:
            who = h(q.speaker or "speaker not found")
            if q.actor:
                who += f" ({actor_ref(digest, q.actor, ROOT)})"
            elif q.speaker:
                who += " (not an indexed actor)"
            n = seen[q.index] = seen.get(q.index, -1) + 1
            anchor = quote_anchor(art.id, q.index, n)
            items.append(f'<span id="{anchor}">{quote_line(q, who)}</span>' + cite(f"#{anchor}"))
        page.add(ul(items))
    page.add(analysis_box(entry, digest))
    page.markdown("</aside>\n\n</div>\n")

    page.heading("Actors")
    if a.actors:
        page.add(actors_by_type(entry, digest))
    else:
        page.add(p("No actors were recognised in this article."))
    return page.text()


def actors_by_type(entry: ArticleEntry, digest: Digest) -> str:
    """The article's actors, a line for each type, each name with its mentions (and whom it
    belongs to): a table of one row per actor was a fifteenth of an article page."""
    lines = [p("<em>Each with its mentions in this article; in brackets, whom it belongs to.</em>")]
    for kind, label in TYPE_PLURAL.items():
        items = [
            f"{actor_ref(digest, r.name, ROOT)} {r.count}"
            + (f" ({actor_ref(digest, r.affiliation, ROOT)})" if r.affiliation else "")
            for r in entry.analysed.actors if r.type == kind
        ]
        if items:
            lines.append(p(f"{strong(label + ':')} {' · '.join(items)}"))
    others = [f"{actor_ref(digest, r.name, ROOT)} {r.count}" for r in entry.analysed.actors if r.type not in TYPE_PLURAL]
    if others:
        lines.append(p(f"{strong('Other:')} {' · '.join(others)}"))
    return "".join(lines)


def analysis_box(entry: ArticleEntry, digest: Digest) -> str:
    """How the article was analysed (the model, each theme's score and the rules that matched),
    in a collapsed box: for checking the analysis, not for reading the article."""
    a = entry.analysed
    items = [f"Language model: {h(a.pipeline)}"]
    for hit in a.themes:
        rules = sorted({rule for ev in hit.evidence for rule in ev.patterns})
        items.append(
            f"{h(digest_theme(digest, hit.id).info.name)}: score {hit.score:g}, rules "
            + ", ".join(f"<code>{h(r)}</code>" for r in rules)
        )
    return (
        '<details class="digest-rules"><summary>How this article was analysed</summary>'
        + p('Each theme\'s score and the taxonomy\'s rules its evidence matched (<a href="../methodology.html">methodology</a>):')
        + ul(items)
        + "</details>"
    )


def articles_index(digest: Digest) -> dict[str, str]:
    """The list of all articles, newest first, 200 to a page."""
    return dict(articles_index_kept(digest))


LISTED_ACTORS = 4  # the main actors a row of the list of articles names


def articles_index_kept(digest: Digest, base: str = "", row_keys: dict[str, str] | None = None, known: dict | None = None,
                        stat=None, record: dict | None = None) -> Iterator[tuple[str, str | None]]:
    """``articles_index`` page by page, each page kept when what it is made from did not change
    (``common.paginated_kept``: ``row_keys``, article id -> ``list_row_key``; ``base``: the
    themes' names and the renderers' code)."""
    entries = digest.articles

    def row(i: int) -> list[str]:
        e = entries[i]
        themes = ", ".join(theme_link(digest_theme(digest, t.id), ROOT) for t in e.analysed.themes) or "—"
        actors = ", ".join(actor_ref(digest, r.name, ROOT) for r in e.analysed.actors[:LISTED_ACTORS]) or "—"
        return [fmt_date(e.article.date), article_link(e, ROOT), h(e.article.source or "—"), themes, actors]

    intro = p(f"{plural(len(entries), 'article')}, newest first.")
    return paginated_kept("articles", "index", "Articles", intro, ["Date", "Title", "Source", "Themes", "Main actors"], row,
                          [row_keys[e.article.id] for e in entries] if row_keys is not None else None,
                          [e.article.id for e in entries], [_day(e) for e in entries], base, known or {}, stat,
                          record if record is not None else {})


def list_row_key(entry: ArticleEntry, digest: Digest) -> str:
    """What an article's row in any list of articles (all of them, a source's, a month's) is made
    from: its date, page, title, source, themes and main actors (with their pages)."""
    a = entry.analysed
    actors = []
    for r in a.actors[:LISTED_ACTORS]:
        x = digest.actor_by_name.get(r.name)
        actors.append([r.name, x.slug] if x else [r.name])
    return json.dumps([_day(entry), entry.slug, entry.article.title, entry.article.source, [t.id for t in a.themes], actors],
                      ensure_ascii=False)


def _day(e: ArticleEntry) -> str:
    return e.article.date.isoformat() if e.article.date else "undated"


def undated_index(digest: Digest) -> dict[str, str]:
    """The articles no date was found for, by title: to be dated (file name or dates file)."""
    undated = sorted((e for e in digest.articles if e.article.date is None), key=lambda e: (e.article.title, e.article.id))
    rows = [[article_link(e, ROOT), h(e.article.source or "—"), h(published_location(e.article))] for e in undated]
    intro = p(
        f"{plural(len(undated), 'article')} without a date: none was found in the fields, the file name or the text. "
        "Undated articles are left out of the editions, the timeline, the weekly charts and the search's date filter. "
        "Date one by its file name (<code>2024-10-18-title.txt</code>), a dateline "
        "(<code>SEOUL, Oct 18, 2024 (Yonhap) —</code>) or the <code>dates:</code> CSV of "
        "<code>digest.yml</code> (rows of <code>path,date</code>)."
    )
    return paginated("articles", "index-undated", "Undated articles", intro, ["Title", "Source", "File"], rows,
                     keys=[e.article.id for e in undated])
