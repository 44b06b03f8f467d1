"""Theme pages and the themes index: description, the actors involved, the figures stated in
evidence, and every evidence sentence (the rules that matched them in a collapsed box)."""

from __future__ import annotations

from collections import Counter, defaultdict

from generator.model import Digest, ThemeEntry
from generator.render.charts import bar_chart, heat_table, line_chart
from generator.render.cite import cite, sentence_url
from generator.render.common import (
    FIGURE_HEADERS,
    Page,
    actor_ref,
    article_link,
    certainty,
    figure_row,
    fmt_date,
    more,
    p,
    plural,
    strong,
    table,
    theme_link,
    ul,
)
from generator.render.escape import h
from generator.render.stories import stories_section

ROOT = "../"


def theme_page(theme: ThemeEntry, digest: Digest, feeds: bool = False) -> str:
    info = theme.info
    page = Page(info.name, [info.name], feed=f"feeds/themes/{info.id}.xml" if feeds else None).add(p(h(info.description)))
    page.add(p(f'<a href="{ROOT}briefs/themes/{info.id}.html">Brief on {h(info.name)}</a>: the bottom line, key figures, '
               "a timeline and numbered sources, made for handing over and printing.", "digest-brief-link"))
    page.add(p(f"{strong('Articles:')} {len(theme.article_ids):,} · {strong('Evidence sentences:')} {len(theme.evidence):,}"))

    if theme.bluf:
        page.heading("Bottom line up front")
        items = []
        for aid, ev in theme.bluf:
            e = digest.by_id[aid]
            items.append(
                f"{h(ev.sentence)} — {article_link(e, ROOT)}, {fmt_date(e.article.date)} ({certainty(ev.certainty, ev.likelihood)})"
            )
        page.add(ul(items))
    page.add(
        bar_chart(
            list(theme.weekly),
            f"Articles on {info.name} per week",
            f"Bar chart of the number of articles assigned the theme {info.name}, per ISO week, "
            "from its first article's week to its last.",
            "articles",
        )
    )

    listed = stories_section(digest, info.id, ROOT)
    if listed:
        page.heading("Stories")
        page.add(listed)

    page.heading("Actors involved")
    rows = [[actor_ref(digest, name, ROOT), str(n)] for name, n in theme.actors[:30]]
    page.add(table(["Actor", "Articles"], rows) or p("No actor yet."))

    page.heading("Figure tracker")
    page.add(figure_tracker(theme, digest) if theme.figures else p("No figures in the evidence for this theme."))

    page.heading("Evidence")
    if not theme.evidence:
        page.add(p("No article supports this theme yet."))
    by_article: dict[str, list] = defaultdict(list)
    for aid, ev in theme.evidence:
        by_article[aid].append(ev)
    shown = theme.article_ids[:MAX_ARTICLES]
    for aid in shown:
        entry = digest.by_id[aid]
        source = h(entry.article.source or "unknown source")
        page.add(p(f"{strong(article_link(entry, ROOT))} · {fmt_date(entry.article.date)} · {source}"))
        found = by_article[aid]
        page.add(ul([
            f"{h(ev.sentence)} ({certainty(ev.certainty, ev.likelihood)})" + cite(sentence_url(entry, ev.index, ROOT))
            for ev in found[:EVIDENCE_PER_ARTICLE]
        ]))
        if len(found) > EVIDENCE_PER_ARTICLE:  # the article page lists them all, beside its text
            page.add(p(f"…and {plural(len(found) - EVIDENCE_PER_ARTICLE, 'more sentence')} in "
                       f'<a href="{ROOT}articles/{entry.slug}.html">the article</a>', "digest-more"))
    page.add(more(len(theme.article_ids) - len(shown), "article"))
    page.add(rules_box(Counter(rule for _, ev in theme.evidence for rule in ev.patterns)))
    return page.text()


def rules_box(rules: Counter) -> str:
    """The taxonomy rules behind the evidence, with how many sentences each matched: for the
    curious, in a collapsed box (the methodology page explains them)."""
    if not rules:
        return ""
    items = [f"<code>{h(rule)}</code>: {plural(n, 'sentence')}" for rule, n in sorted(rules.items(), key=lambda kv: (-kv[1], kv[0]))]
    return (
        '<details class="digest-rules"><summary>Rules that matched</summary>'
        + p('Each evidence sentence matched one or more rules of the taxonomy (see the <a href="../methodology.html">methodology</a>).')
        + ul(items)
        + "</details>"
    )


# Per-page caps (the strongest articles first), so that a theme page stays the same size however
# large the digest grows; the downloads have everything.
MAX_ARTICLES = 100
# evidence sentences written out for each of those articles: all of them made a theme page
# 1.2 MB at 10,000 articles (the article page has the rest, linked)
EVIDENCE_PER_ARTICLE = 3
MAX_FIGURES = 150


def figure_tracker(theme: ThemeEntry, digest: Digest) -> str:
    """Figures stated in the theme's evidence, oldest first: who said what, when."""
    def when(aid: str):
        d = digest.by_id[aid].article.date
        return (d is None, d.toordinal() if d else 0)

    ordered = sorted(theme.figures, key=lambda af: when(af[0]))[-MAX_FIGURES:]  # the newest, oldest first
    rows = [
        [fmt_date(digest.by_id[aid].article.date)] + figure_row(f, digest, ROOT) + [article_link(digest.by_id[aid], ROOT)]
        for aid, f in ordered
    ]
    out = []
    measures = Counter(
        f.measure or f.unit for aid, f in theme.figures if f.unit and f.value is not None and digest.by_id[aid].article.date
    )
    if measures:
        unit, _ = min(measures.items(), key=lambda kv: (-kv[1], kv[0]))
        points = [
            (fmt_date(digest.by_id[aid].article.date), f.value, f.attribution_actor if f.attribution_actor not in (None, "outlet") else (f.attribution or "the outlet"))
            for aid, f in ordered
            if (f.measure or f.unit) == unit and f.value is not None and digest.by_id[aid].article.date
        ]
        out.append(
            line_chart(
                points,
                f"{theme.info.name}: figures in {unit} over time",
                f"Line chart of the {unit} figures stated in evidence for {theme.info.name}, by article date.",
                unit,
            )
        )
    out.append(table(["Date"] + FIGURE_HEADERS + ["Article"], rows))
    return "\n".join(x for x in out if x)


def actor_theme_matrix(digest: Digest, root: str) -> str:
    """Articles per actor (rows: the most named) and theme (columns), as a shaded table."""
    top = [a for a in digest.actors if a.known and a.type != "place"][:12]
    cols = [(t.info.name, f"{root}themes/{t.id}.html") for t in digest.themes]
    rows = [(a.name, f"{root}actors/{a.slug}.html") for a in top]
    values = {}
    for r, a in enumerate(top):
        counts = dict(a.themes)
        for c, t in enumerate(digest.themes):
            if counts.get(t.id):
                values[(r, c)] = counts[t.id]
    return heat_table(rows, cols, values, "Articles per actor and theme")


def themes_index(digest: Digest) -> str:
    page = Page("Themes").add(p("The taxonomy, with how many articles support each theme."))
    rows = [
        [theme_link(t, "../"), h(t.info.description), str(len(t.article_ids)), str(len(t.evidence))]
        for t in digest.themes
    ]
    page.add(table(["Theme", "Description", "Articles", "Evidence"], rows))
    if digest.actors:
        page.heading("Actors by theme")
        page.add(actor_theme_matrix(digest, "../"))
    return page.text()


__all__ = ["plural", "theme_page", "themes_index"]
