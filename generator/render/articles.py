"""Article pages and the articles index.

An article page shows its metadata and source, the summary and full text with every actor
mention highlighted (coloured by actor type, with a legend) and linked to the actor's page,
and beside the text its themes with evidence, figures and quotations.
"""

from __future__ import annotations

from generator.model import ArticleEntry, Digest, ThemeEntry
from generator.render.common import (
    ACTORS,
    FIGURE_HEADERS,
    TYPE_LABEL,
    actor_ref,
    article_link,
    certainty,
    figure_row,
    fmt_date,
    front_matter,
    paginated,
    plural,
    quote_line,
    table,
    theme_link,
)
from generator.render.escape import esc, safe_url

ROOT = "../"


def digest_theme(digest: Digest, theme_id: str) -> ThemeEntry:
    for t in digest.themes:
        if t.id == theme_id:
            return t
    raise KeyError(theme_id)


def _tags(entry: ArticleEntry) -> list[str]:
    known = [r.name for r in entry.analysed.actors if r.known][:8]
    return known + [t.name for t in entry.analysed.themes]


def highlighted(entry: ArticleEntry, digest: Digest) -> list[str]:
    """The summary and paragraphs as Markdown, each actor mention a coloured link."""
    art = entry.article
    parts = ([] if art.title_derived else [art.title]) + ([art.summary] if art.summary else []) + list(art.paragraphs)
    mentions = sorted(entry.analysed.mentions, key=lambda m: m.start)
    out, offset, k = [], 0, 0
    for n, text in enumerate(parts):
        end = offset + len(text)
        pieces, cursor = [], 0
        while k < len(mentions) and mentions[k].start < end:
            m = mentions[k]
            k += 1
            if m.start < offset + cursor:  # overlapping or outside: skip
                continue
            actor = digest.actor_by_name.get(m.actor)
            s, e = m.start - offset, m.end - offset
            pieces.append(esc(text[cursor:s], strip=False))
            label = esc(text[s:e], strip=False)
            if actor:
                pieces.append(f"[{label}]({ROOT}{ACTORS}/{actor.slug}.md){{: .digest-mention .digest-{actor.type} }}")
            else:
                pieces.append(label)
            cursor = e
        pieces.append(esc(text[cursor:], strip=False))
        md = "".join(pieces).strip()
        if n == 0 and not art.title_derived:
            offset = end + 2
            continue  # the title is the page heading
        out.append(md)
        offset = end + 2  # paragraphs are joined by a blank line
    return out


def legend(entry: ArticleEntry) -> str:
    types = sorted({r.type for r in entry.analysed.actors}, key=list(TYPE_LABEL).index)
    if not types:
        return ""
    items = " ".join(f'<span class="digest-legend digest-{t}">{TYPE_LABEL[t]}</span>' for t in types)
    return f"**Actors highlighted by type:** {items}\n"


def article_page(entry: ArticleEntry, digest: Digest) -> str:
    a = entry.analysed
    art = entry.article
    out = [front_matter(art.title, _tags(entry)), f"# {esc(art.title)}\n"]
    meta = [f"**Date:** {fmt_date(art.date)}", f"**Source:** {esc(art.source or 'unknown source')}"]
    url = safe_url(art.url)
    if url:
        meta.append(f"**Original:** [{esc(art.url)}]({url})")
    meta += [f"**By:** {esc(art.author)}"] if art.author else []
    meta += [f"**Language:** {esc(art.language)} (not analysed: the analysis reads English only)"] if art.language not in (None, "en") else []
    meta.append(f"**File:** {esc(art.location)}")
    out.append(" · ".join(meta) + "\n")
    out += [f"**Also reported by:** {esc(', '.join(s for s in art.sources if s != art.source))}\n"] if len(art.sources) > 1 else []

    paragraphs = highlighted(entry, digest)
    out.append('<div class="digest-article" markdown>\n')
    out.append('<div class="digest-text" markdown>\n')
    out.append(legend(entry))
    if art.summary and paragraphs:
        out.append(f"> **Summary.** {paragraphs[0]}\n")
        paragraphs = paragraphs[1:]
    out.append("## Full text\n")
    out.extend(p + "\n" for p in paragraphs)
    out.append("</div>\n")
    out.append('<aside class="digest-aside" markdown>\n')
    out.append("## Themes\n")
    if a.themes:
        for hit in a.themes:
            out.append(f"**{theme_link(digest_theme(digest, hit.id), ROOT)}** · score {hit.score:g}\n")
            out.extend(
                f"- {esc(ev.sentence)} ({certainty(ev.certainty, ev.likelihood)}; matched {esc(', '.join(ev.patterns))})"
                for ev in hit.evidence
            )
            out.append("")
    else:
        out.append("No theme of the taxonomy has enough support in this article.\n")
    out.append("## Key figures\n")
    if a.figures:
        for f in a.figures:
            who = esc(f.attribution) if f.attribution else "the outlet"
            extra = f", {esc(f.place)}" if f.place else ""
            out.append(f"- **{esc(f.text)}** — {who}{extra} ({certainty(f.certainty, f.likelihood)})")
        out.append("")
    else:
        out.append("No figures were found.\n")
    if a.quotes:
        out.append("## Quotations\n")
        for q in a.quotes:
            who = esc(q.speaker or "unattributed")
            if q.actor:
                who += f" ({actor_ref(digest, q.actor, ROOT)})"
            out.append(f"- {quote_line(q, who)}")
        out.append("")
    out.append("</aside>\n")
    out.append("</div>\n")

    out.append("## Actors\n")
    if a.actors:
        rows = [
            [
                actor_ref(digest, r.name, ROOT),
                TYPE_LABEL.get(r.type, r.type),
                str(r.count),
                actor_ref(digest, r.affiliation, ROOT) if r.affiliation else "—",
            ]
            for r in a.actors
        ]
        out.append(table(["Actor", "Type", "Mentions", "Affiliation"], rows))
    else:
        out.append("No actors were recognised in this article.\n")
    if a.figures:
        out.append("## Figures in detail\n")
        out.append(table(FIGURE_HEADERS, [figure_row(f) for f in a.figures]))
    out.append(f"*Analysed with {esc(a.pipeline)}.*\n")
    return "\n".join(out)


def articles_index(digest: Digest) -> dict[str, str]:
    """The list of all articles, newest first, 200 to a page."""
    rows = []
    for e in digest.articles:
        themes = ", ".join(theme_link(digest_theme(digest, t.id), ROOT) for t in e.analysed.themes) or "—"
        actors = ", ".join(actor_ref(digest, r.name, ROOT) for r in e.analysed.actors[:4]) or "—"
        rows.append([fmt_date(e.article.date), article_link(e, ROOT), esc(e.article.source or "—"), themes, actors])
    intro = f"{plural(len(digest.articles), 'article')}, newest first.\n"
    return paginated("articles", "index", "Articles", intro, ["Date", "Title", "Source", "Themes", "Main actors"], rows)
