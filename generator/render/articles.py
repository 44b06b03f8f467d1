"""Article pages and the articles index: metadata and source, summary, actors, themes with
their evidence, figures, and the full text."""

from __future__ import annotations

from generator.model import ArticleEntry, Digest
from generator.render.common import (
    ACTORS,
    ARTICLES,
    FIGURE_HEADERS,
    TYPE_LABEL,
    actor_ref,
    article_link,
    certainty,
    figure_row,
    fmt_date,
    front_matter,
    plural,
    quote_line,
    table,
    theme_link,
)
from generator.render.escape import esc, safe_url

ROOT = "../"


def _tags(entry: ArticleEntry, digest: Digest) -> list[str]:
    known = [r.name for r in entry.analysed.actors if r.known][:8]
    return known + [t.name for t in entry.analysed.themes]


def article_page(entry: ArticleEntry, digest: Digest) -> str:
    a = entry.analysed
    art = entry.article
    out = [front_matter(art.title, _tags(entry, digest)), f"# {esc(art.title)}\n"]
    source = esc(art.source or "unknown source")
    url = safe_url(art.url)
    meta = [f"**Date:** {fmt_date(art.date)}", f"**Source:** {source}"]
    if url:
        meta.append(f"**Original:** [{esc(art.url)}]({url})")
    meta.append(f"**File:** {esc(art.location)}")
    out.append(" · ".join(meta) + "\n")
    if art.summary:
        out.append(f"> **Summary.** {esc(art.summary)}\n")

    out.append("## Actors\n")
    if a.actors:
        rows = [
            [actor_ref(digest, r.name, ROOT), TYPE_LABEL.get(r.type, r.type), str(r.count), actor_ref(digest, r.affiliation, ROOT) if r.affiliation else "—"]
            for r in a.actors
        ]
        out.append(table(["Actor", "Type", "Mentions", "Affiliation"], rows))
    else:
        out.append("No actors were recognised in this article.\n")

    out.append("## Themes\n")
    if a.themes:
        for hit in a.themes:
            out.append(f"- **{theme_link(digest_theme(digest, hit.id), ROOT)}** — {plural(len(hit.evidence), 'evidence sentence')}")
            for ev in hit.evidence:
                out.append(f"    - {esc(ev.sentence)} ({certainty(ev.certainty, ev.likelihood)}; matched {esc(', '.join(ev.patterns))})")
        out.append("")
    else:
        out.append("No theme of the taxonomy has enough support in this article.\n")

    out.append("## Key figures\n")
    if a.figures:
        out.append(table(FIGURE_HEADERS, [figure_row(f) for f in a.figures]))
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

    out.append("## Full text\n")
    for p in art.paragraphs:
        out.append(esc(p) + "\n")
    out.append(f"*Analysed with {esc(a.pipeline)}.*\n")
    return "\n".join(out)


def digest_theme(digest: Digest, theme_id: str):
    for t in digest.themes:
        if t.id == theme_id:
            return t
    raise KeyError(theme_id)


def articles_index(digest: Digest) -> str:
    out = [front_matter("Articles"), "# Articles\n", f"{plural(len(digest.articles), 'article')}, newest first.\n"]
    rows = []
    for e in digest.articles:
        themes = ", ".join(theme_link(digest_theme(digest, t.id), "../") for t in e.analysed.themes) or "—"
        actors = ", ".join(actor_ref(digest, r.name, "../") for r in e.analysed.actors[:4]) or "—"
        rows.append([fmt_date(e.article.date), article_link(e, "../"), esc(e.article.source or "—"), themes, actors])
    out.append(table(["Date", "Title", "Source", "Themes", "Main actors"], rows))
    return "\n".join(out)


__all__ = ["ACTORS", "ARTICLES", "article_page", "articles_index"]
