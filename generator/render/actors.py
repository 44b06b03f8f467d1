"""Actor pages and the actors index: who the actor is, where and how often it is named, its
themes, the actors it appears with, its figures, and every sentence that names it."""

from __future__ import annotations

import re
from collections import defaultdict

from generator.model import ActorEntry, Digest
from generator.render.articles import digest_theme
from generator.render.charts import bar_chart, heat_table
from generator.render.cite import cite, sentence_url
from generator.render.common import (
    FIGURE_HEADERS,
    TYPE_LABEL,
    TYPE_PLURAL,
    Page,
    actor_link,
    actor_ref,
    article_link,
    certainty,
    figure_row,
    fmt_date,
    more,
    p,
    plural,
    quote_line,
    strong,
    table,
    theme_link,
    ul,
)
from generator.render.escape import h
from generator.render.stories import stories_section
from generator.statements import who_said_what

ROOT = "../"
# Per-page caps, newest first, so that a page stays the same size however large the digest
# grows; the rest is counted, and the full data is in the downloads.
MAX_EVIDENCE = 300
MAX_FIGURES = 100
MAX_QUOTES = 50
FOLLOWED_MENTIONS = 5  # an actor named this often has a feed and a brief


def followed_actor(actor: ActorEntry) -> bool:
    """Whether an actor is named enough to have its own feed and brief."""
    return actor.mentions >= FOLLOWED_MENTIONS and len(actor.article_ids) >= 2


def actor_page(actor: ActorEntry, digest: Digest, role: str | None = None, wikidata: str | None = None,
               feeds: bool = False) -> str:
    # Known actors are Material tags; the tag sits on the actor's own page (see tags.md).
    followed = followed_actor(actor)
    page = Page(actor.name, [actor.name] if actor.known else None, feed=f"feeds/actors/{actor.slug}.xml" if feeds and followed else None)
    facts = [f"{strong('Type:')} {TYPE_LABEL.get(actor.type, h(actor.type))}"]
    if role:
        facts.append(f"{strong('Role:')} {h(role)}")
    if actor.affiliation:
        facts.append(f"{strong('Affiliation:')} {actor_ref(digest, actor.affiliation, ROOT)}")
    facts.append(f"{strong('Mentions:')} {actor.mentions:,} in {plural(len(actor.article_ids), 'article')}")
    if wikidata and re.fullmatch(r"Q[0-9]+", wikidata):
        # a plain link (nothing is loaded from there); the id is checked to be Q + digits
        facts.append(f'{strong("Wikidata:")} <a href="https://www.wikidata.org/wiki/{wikidata}">{wikidata}</a>')
    if not actor.known:
        facts.append("<em>Found by the statistical model; not in the knowledge base.</em>")
    page.add(p(" · ".join(facts)))
    if followed:
        page.add(p(f'<a href="{ROOT}briefs/actors/{actor.slug}.html">Brief on {h(actor.name)}</a>: the bottom line, key '
                   "figures, a timeline and numbered sources, made for handing over and printing.", "digest-brief-link"))
    if actor.aliases_seen:
        page.add(p(f"{strong('Named as:')} " + ", ".join(f"“{h(s)}”" for s in actor.aliases_seen[:20])))
    if actor.members:
        page.add(p(f"{strong('Leaders and members named:')} " + ", ".join(actor_ref(digest, m, ROOT) for m in actor.members)))
    page.add(
        bar_chart(
            list(actor.weekly),
            f"Mentions of {actor.name} per week",
            f"Bar chart of how often {actor.name} is named in the digest's articles, per ISO week, "
            "from the first week it is named in to the last.",
            "mentions",
        )
    )

    page.heading("Themes")
    rows = [[theme_link(digest_theme(digest, tid), ROOT), str(n)] for tid, n in actor.themes]
    page.add(table(["Theme", "Articles"], rows) or p("No theme in the articles that name this actor."))

    listed = stories_section(digest, actor.name, ROOT)
    if listed:
        page.heading("Stories")
        page.add(listed)

    page.heading("Appears with")
    rows = [[actor_ref(digest, name, ROOT), str(n)] for name, n in actor.co_actors[:25]]
    page.add(table(["Actor", "Shared articles"], rows) or p("No other actor is named alongside."))

    page.heading("Key figures")
    if actor.figures:
        rows = [figure_row(f, digest, ROOT) + [article_link(digest.by_id[aid], ROOT)] for aid, f in actor.figures[:MAX_FIGURES]]
        page.add(table(FIGURE_HEADERS + ["Article"], rows), more(len(actor.figures) - MAX_FIGURES, "figure"))
    else:
        page.add(p("No figures in the sentences that name this actor."))

    if actor.quotes:
        page.heading("Statements")
        page.add(p("Direct quotations by this actor or its people, newest article first."))
        items = []
        for aid, q in actor.quotes[:MAX_QUOTES]:
            entry = digest.by_id[aid]
            who = h(q.speaker or q.actor or "")
            if q.actor and q.actor != actor.name:
                who += f" ({actor_ref(digest, q.actor, ROOT)})"
            items.append(f"{quote_line(q, who)} · {article_link(entry, ROOT)}, {fmt_date(entry.article.date)}")
        page.add(ul(items))

    who_said_what_section(page, actor, digest)

    page.heading("Evidence")
    page.add(p("Every sentence that names this actor, by article, newest first."))
    by_article: dict[str, list] = defaultdict(list)
    for ref in actor.evidence[:MAX_EVIDENCE]:
        by_article[ref.article_id].append(ref)
    for aid in actor.article_ids:
        refs = by_article.get(aid)
        if not refs:
            continue
        entry = digest.by_id[aid]
        source = h(entry.article.source or "unknown source")
        page.add(p(f"{strong(article_link(entry, ROOT))} · {fmt_date(entry.article.date)} · {source}"))
        page.add(ul([
            f"{h(r.sentence)} ({certainty(r.certainty, r.likelihood)})"
            + (cite(sentence_url(entry, r.index, ROOT)) if r.index is not None else "")
            for r in refs
        ]))
    page.add(more(actor.evidence_count - min(len(actor.evidence), MAX_EVIDENCE), "sentence"))
    return page.text()


MAX_SAID = 25  # sentences in each list of "Who said what"


def _said_items(found: list, digest: Digest) -> str:
    items = []
    for st in found:
        entry = digest.by_id[st.article_id]
        items.append(f"{strong(actor_ref(digest, st.speaker, ROOT))}: {h(st.sentence)}"
                     + (" <em>(quoted)</em>" if st.quoted else "")
                     + f" · {article_link(entry, ROOT)}, {fmt_date(entry.article.date)}"
                     + cite(sentence_url(entry, st.index, ROOT)))
    return ul(items)


def who_said_what_section(page: Page, actor: ActorEntry, digest: Digest) -> None:
    """The actor's own statements apart from what others say about it or ask of it (nothing
    when neither is found)."""
    own, others, cut = who_said_what(actor.name, digest, MAX_SAID)
    if not own and not others:
        return
    people = actor.members[:8]
    by = (f"{h(actor.name)} or its people ({', '.join(actor_ref(digest, m, ROOT) for m in people)})"
          if people else h(actor.name))
    page.heading("Who said what")
    page.add(p(f"What {h(actor.name)} says, apart from what others say about it or ask of it, newest article first"
               + (f" (each list shows the newest {MAX_SAID})" if cut else "") + "."))
    page.heading("In its own words", 3)
    page.add(p(f"Sentences where {by} speaks: quoted, or said to have stated, estimated, warned, denied..."),
             _said_items(own, digest) or p("None found."))
    page.heading("What others say about it or ask of it", 3)
    page.add(p(f"Sentences where another actor speaks and names {h(actor.name)}: claims about it, calls on it to act."),
             _said_items(others, digest) or p("None found."))


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
    heads = [(a.name, f"{root}{a.slug}.html") for a in top]
    return heat_table(heads, heads, values, "Articles in which two actors are both named (the diagonal: articles naming the actor)")


def actors_index(digest: Digest) -> str:
    page = Page("Actors").add(p(f"{plural(len(digest.actors), 'actor')}, by type, most mentioned first."))
    if digest.actors:
        page.heading("Who appears with whom")
        page.add(co_occurrence(digest, ""))
    by_type: dict[str, list[ActorEntry]] = defaultdict(list)
    for a in digest.actors:
        by_type[a.type].append(a)
    for typ in TYPE_LABEL:
        actors = by_type.get(typ)
        if not actors:
            continue
        page.heading(TYPE_PLURAL[typ])
        rows = [
            [actor_link(a, "../"), str(a.mentions), str(len(a.article_ids)), actor_ref(digest, a.affiliation, "../") if a.affiliation else "—"]
            for a in actors
        ]
        page.add(table(["Actor", "Mentions", "Articles", "Affiliation"], rows))
    return page.text()
