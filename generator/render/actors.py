"""Actor pages and the actors index: who the actor is, where and how often it is named, its
themes, the actors it appears with, its figures, and every sentence that names it."""

from __future__ import annotations

from collections import defaultdict

from generator.model import ActorEntry, Digest
from generator.render.articles import digest_theme
from generator.render.charts import bar_chart, heat_table
from generator.render.common import (
    FIGURE_HEADERS,
    TYPE_LABEL,
    actor_link,
    actor_ref,
    article_link,
    certainty,
    figure_row,
    fmt_date,
    front_matter,
    more,
    plural,
    quote_line,
    table,
    theme_link,
)
from generator.render.escape import esc

ROOT = "../"
# Per-page caps, newest first, so that a page stays the same size however large the digest
# grows; the rest is counted, and the full data is in the downloads.
MAX_EVIDENCE = 300
MAX_FIGURES = 100
MAX_QUOTES = 50


def actor_page(actor: ActorEntry, digest: Digest, role: str | None = None) -> str:
    tags = [actor.name] if actor.known else None
    out = [front_matter(actor.name, tags), f"# {esc(actor.name)}\n"]
    facts = [f"**Type:** {TYPE_LABEL.get(actor.type, actor.type)}"]
    if role:
        facts.append(f"**Role:** {esc(role)}")
    if actor.affiliation:
        facts.append(f"**Affiliation:** {actor_ref(digest, actor.affiliation, ROOT)}")
    facts.append(f"**Mentions:** {actor.mentions:,} in {plural(len(actor.article_ids), 'article')}")
    if not actor.known:
        facts.append("*Found by the statistical model; not in the gazetteer.*")
    out.append(" · ".join(facts) + "\n")
    if actor.aliases_seen:
        out.append("**Named as:** " + ", ".join(f"“{esc(s)}”" for s in actor.aliases_seen[:20]) + "\n")
    if actor.members:
        out.append("**Leaders and members named:** " + ", ".join(actor_ref(digest, m, ROOT) for m in actor.members) + "\n")
    out.append(
        bar_chart(
            list(actor.weekly),
            f"Mentions of {actor.name} per week",
            f"Bar chart of how often {actor.name} is named in the digest's articles, per ISO week.",
            "mentions",
        )
    )

    out.append("## Themes\n")
    rows = [[theme_link(digest_theme(digest, tid), ROOT), str(n)] for tid, n in actor.themes]
    out.append(table(["Theme", "Articles"], rows) or "No theme in the articles that name this actor.\n")

    out.append("## Appears with\n")
    rows = [[actor_ref(digest, name, ROOT), str(n)] for name, n in actor.co_actors[:25]]
    out.append(table(["Actor", "Shared articles"], rows) or "No other actor is named alongside.\n")

    out.append("## Key figures\n")
    if actor.figures:
        rows = [figure_row(f) + [article_link(digest.by_id[aid], ROOT)] for aid, f in actor.figures[:MAX_FIGURES]]
        out.append(table(FIGURE_HEADERS + ["Article"], rows))
        out.append(more(len(actor.figures) - MAX_FIGURES, "figure"))
    else:
        out.append("No figures in the sentences that name this actor.\n")

    if actor.quotes:
        out.append("## Statements\n")
        out.append("Direct quotations by this actor or its people, newest article first.\n")
        for aid, q in actor.quotes[:MAX_QUOTES]:
            entry = digest.by_id[aid]
            who = esc(q.speaker or q.actor or "")
            if q.actor and q.actor != actor.name:
                who += f" ({actor_ref(digest, q.actor, ROOT)})"
            out.append(f"- {quote_line(q, who)} · {article_link(entry, ROOT)}, {fmt_date(entry.article.date)}")
        out.append("")

    out.append("## Evidence\n")
    out.append("Every sentence that names this actor, by article, newest first.\n")
    by_article: dict[str, list] = defaultdict(list)
    for ref in actor.evidence[:MAX_EVIDENCE]:
        by_article[ref.article_id].append(ref)
    for aid in actor.article_ids:
        refs = by_article.get(aid)
        if not refs:
            continue
        entry = digest.by_id[aid]
        out.append(f"**{article_link(entry, ROOT)}** · {fmt_date(entry.article.date)} · {esc(entry.article.source or 'unknown source')}\n")
        out.extend(f"- {esc(r.sentence)} ({certainty(r.certainty, r.likelihood)})" for r in refs)
        out.append("")
    out.append(more(len(actor.evidence) - MAX_EVIDENCE, "sentence"))
    return "\n".join(out)


MATRIX_SIZE = 12


def co_occurrence(digest: Digest, root: str) -> str:
    """Which of the most named actors appear in the same articles (a shaded matrix)."""
    top = [a for a in digest.actors if a.known and a.type != "place"][:MATRIX_SIZE]
    index = {a.name: i for i, a in enumerate(top)}
    values = {}
    for i, a in enumerate(top):
        for other, n in a.co_actors:
            if other in index:
                values[(i, index[other])] = n
        values[(i, i)] = len(a.article_ids)
    # raw HTML: MkDocs does not rewrite these links, so they name the built pages (.html)
    heads = [(a.name, f"{root}{a.slug}.html") for a in top]
    return heat_table(heads, heads, values, "Articles in which two actors are both named (the diagonal: articles naming the actor)")


def actors_index(digest: Digest) -> str:
    out = [front_matter("Actors"), "# Actors\n", f"{plural(len(digest.actors), 'actor')}, by type, most mentioned first.\n"]
    if digest.actors:
        out.append("## Who appears with whom\n")
        out.append(co_occurrence(digest, ""))
    by_type: dict[str, list[ActorEntry]] = defaultdict(list)
    for a in digest.actors:
        by_type[a.type].append(a)
    for typ in TYPE_LABEL:
        actors = by_type.get(typ)
        if not actors:
            continue
        out.append(f"## {TYPE_LABEL[typ]}s\n" if typ != "person" else "## People\n")
        rows = [
            [actor_link(a, "../"), str(a.mentions), str(len(a.article_ids)), actor_ref(digest, a.affiliation, "../") if a.affiliation else "—"]
            for a in actors
        ]
        out.append(table(["Actor", "Mentions", "Articles", "Affiliation"], rows))
    return "\n".join(out)
