"""Story pages (``stories/<slug>.md``), the stories index, and the home page's top stories.

A story (``generator/stories.py`` groups them) is one event reported by several outlets over
a few days. Its page says what happened (the best lead's headline and the strongest evidence
sentences), who reported it and when, first report first, the actors and themes, the quotes,
and the figure table over time, with a visible flag where sources disagree.
"""

from __future__ import annotations

from generator.analyse.lexicon import converted
from generator.model import Digest, Disagreement, ReportNews, SourceEntry, Story, StoryClaim
from generator.render.common import (
    Page,
    actor_ref,
    article_link,
    fmt_date,
    fmt_value,
    p,
    paginated,
    plural,
    quote_line,
    strong,
    table,
    theme_link,
    ul,
)
from generator.render.escape import h

STORIES = "stories"
ROOT = "../"
TOP = 5  # stories on the home page
ACTORS_SHOWN = 12
FIGURES_SHOWN = 100  # rows of a story's figure table (see shown_claims)
QUOTES_SHOWN = 20  # quotations on a story's page, in report order


def _span(story: Story) -> str:
    if story.first is None:
        return "undated"
    if story.first == story.last:
        return story.first.isoformat()
    return f"{story.first.isoformat()} to {story.last.isoformat()}"


def _theme(digest: Digest, theme_id: str, root: str) -> str:
    for t in digest.themes:
        if t.id == theme_id:
            return theme_link(t, root)
    return h(theme_id)


def story_link(story: Story, root: str) -> str:
    return f'<a href="{root}{STORIES}/{story.slug}.html">{h(story.title)}</a>'


def story_page(story: Story, digest: Digest, feeds: bool = False) -> str:
    reports = [digest.by_id[a] for a in story.article_ids if a in digest.by_id]
    page = Page(story.title, feed=f"feeds/{STORIES}/{story.slug}.xml" if feeds else None)
    page.add(p(
        f"{strong('Story:')} {plural(len(reports), 'report')} from {plural(len(story.sources), 'outlet')}, {_span(story)}"
        + (f" · {strong(plural(len(story.flags), 'disagreement'))} between sources" if story.flags else "")
        + (f" · {DEVELOPING}: reports are still arriving" if story.developing else ""),
        "digest-story-meta",
    ))
    page.add(p(f'<a href="{ROOT}briefs/stories/{story.slug}.html">Brief on this story</a>: the bottom line, key '
               "figures, a timeline and numbered sources, made for handing over and printing.", "digest-brief-link"))
    if story.summary:
        page.add(f"<blockquote><p>{strong('Summary.')} {' '.join(h(s) for _, s in story.summary)}</p></blockquote>")
    first = reports[0] if reports else None
    if first is not None and first.article.date:
        page.add(p(f"{strong('Reported first by')} {h(first.article.source or 'unknown source')} on "
                   f"{fmt_date(first.article.date)}: {article_link(first, ROOT)}"))

    page.heading("Reports")
    page.add(p("In date order, each with what it adds that the earlier reports did not: figures (a value not "
               "given before for that measure and place), actors, who is quoted or gives a figure, places."))
    sources = {s.name: s for s in digest.sources}
    news = {n.article_id: n for n in story.news}
    rows = []
    for k, e in enumerate(reports):
        rows.append([fmt_date(e.article.date), outlet_cell(sources.get(e.article.source or ""), e.article.source),
                     article_link(e, ROOT), adds_cell(news.get(e.article.id), k == 0, digest)])
    page.add(table(["Date", "Outlet", "Grade", "Headline", "What it adds"],
                   [[r[0], *r[1], r[2], r[3]] for r in rows]))

    about = [actor_ref(digest, name, ROOT) for name, _ in story.actors[:ACTORS_SHOWN]]
    page.heading("Actors and themes")
    page.add(p(f"{strong('Actors:')} {' · '.join(about) or '—'}"),
             p(f"{strong('Themes:')} {' · '.join(_theme(digest, t, ROOT) for t, _ in story.themes) or '—'}"))

    page.heading("Figures over time")
    if story.claims:
        flagged = {id(c) for d in story.flags for c in d.claims}
        if story.flags:
            items = [
                f"{strong(h(d.measure))}{' on ' + h(d.target) if d.target else ''}, "
                f"{h(d.place or 'place not given')}, week {h(d.week)}: "
                + " vs ".join(_flag_value(v, d) for v in d.values)
                + " (" + ", ".join(sorted({h(c.claimant) for c in d.claims})) + ")"
                for d in story.flags
            ]
            page.add(f'<div class="admonition warning digest-disagreement"><p class="admonition-title">'
                     f"Sources disagree</p>{ul(items)}</div>")
        rows, shown = [], shown_claims(story, flagged)
        for c, repeats in shown:
            f = c.figure
            value = fmt_value(f.value) + (f"–{fmt_value(f.upper)}" if f.upper is not None else "")
            said = " ".join(h(x) for x in (f.qualifier, None) if x) + f" {value} {h(f.unit or '')}"
            mark = '<strong class="digest-flag">⚑ disputed</strong>' if id(c) in flagged else ""
            report = digest.by_id[c.article_id]
            outlet = f'<a href="{ROOT}articles/{report.slug}.html">{h(report.article.source or "report")}</a>'
            if repeats:
                outlet += f" (given again {plural(repeats, 'time')})"
            measure = h(f.measure or f.unit or "—") + (f" on {h(c.target)}" if c.target else "")
            rows.append([measure, fmt_date(c.date), said.strip(), actor_ref(digest, c.claimant, ROOT),
                         h(f.place or "—"), outlet, mark])
        page.add(table(["Measure", "Date", "Claim", "Claimed by", "Place", "Report", "Flag"], rows))
        left = len(story.claims) - len(rows) - sum(n for _, n in shown)
        if left > 0:
            page.add(p(f"<em>…and {plural(left, 'more figure')} (the first {FIGURES_SHOWN} values are shown): every "
                       f'figure of every report is in <a href="{ROOT}downloads/index.html">the downloads</a> '
                       "(<code>story-figures.csv.gz</code>).</em>"))
    else:
        page.add(p("No figures were found in these reports."))

    if story.quotes:
        page.heading("Quotations")
        items = []
        for aid, q in story.quotes[:QUOTES_SHOWN]:
            # the speaker by name (the analysis resolved "he" or "the minister" to an actor), not as written
            who = actor_ref(digest, q.actor, ROOT) if q.actor else h(q.speaker or "speaker not found")
            report = digest.by_id.get(aid)
            via = (f' (<a href="{ROOT}articles/{report.slug}.html">{h(report.article.source or "report")}</a>, '
                   f"{fmt_date(report.article.date)})") if report else ""
            items.append(f"{quote_line(q, who)}{via}")
        page.add(ul(items))
        if len(story.quotes) > QUOTES_SHOWN:
            page.add(p(f"<em>…and {plural(len(story.quotes) - QUOTES_SHOWN, 'more quotation')} in the reports "
                       "above.</em>"))
    return page.text()


def outlet_cell(src: SourceEntry | None, name: str | None) -> tuple[str, str]:
    """(the outlet, linked to its source page; its grade, or "not graded")."""
    if src is None:
        return h(name or "unknown source"), "—"
    grade = f'<abbr title="{h(src.grade_meaning or "")}">{h(src.grade)}</abbr>' if src.grade else "not graded"
    return f'<a href="{ROOT}sources/{src.slug}.html">{h(src.name)}</a>', grade


def _flag_value(value: float, d: Disagreement) -> str:
    """A flag's value, with its unit when a claim gives it in a unit converted to compare
    ("1,100 km vs 500 miles"; not "10,000 soldiers vs 11,000 troops")."""
    if all(converted(1.0, c.figure.unit) == 1.0 for c in d.claims):
        return fmt_value(value)
    unit = next(c.figure.unit for c in d.claims if c.figure.value == value)
    return f"{fmt_value(value)} {h(unit or '')}".strip()


def shown_claims(story: Story, flagged: set[int]) -> list[tuple[StoryClaim, int]]:
    """The figure table's rows, in its order, each with how many times the same value was given
    again later (left out of the table): every disputed claim, and the first claim of each
    measure, value, place and target, at most ``FIGURES_SHOWN`` rows (a story of 100 reports had 2,500
    rows, 250 KB of its page; the downloads have them all)."""
    rows: list[list] = []
    first: dict[tuple, list] = {}
    for c in story.claims:
        f = c.figure
        key = (f.measure or f.unit, f.value, f.upper, f.place, c.target)
        if id(c) not in flagged and key in first:
            first[key][1] += 1
            continue
        if len(rows) >= FIGURES_SHOWN:
            continue
        rows.append([c, 0])
        first.setdefault(key, rows[-1])
    return [(c, n) for c, n in rows]


NEWS_FIGURES = 4  # new figures listed for one report (the figure table has them all)


def claim_text(c: StoryClaim) -> str:
    """“about 11,000 troops in Kursk (Ukraine)”, escaped."""
    f = c.figure
    value = fmt_value(f.value) + (f"–{fmt_value(f.upper)}" if f.upper is not None else "")
    text = " ".join(x for x in (h(f.qualifier or ""), value, h(f.unit or "")) if x)
    if c.target:
        text += f" on {h(c.target)}"
    if f.place:
        text += f" in {h(f.place)}"
    return f"{text} ({h(c.claimant)})"


def adds_cell(news: ReportNews | None, first: bool, digest: Digest) -> str:
    """What a report adds, in words an analyst can scan: "First report · figures: ... · quotes: ..."."""
    if news is None:
        return "—"
    parts = [strong("First report")] if first else []
    if news.claims:
        shown = [claim_text(c) for c in news.claims[:NEWS_FIGURES]]
        left = len(news.claims) - NEWS_FIGURES
        parts.append(("figures: " if first else "new figures: ") + "; ".join(shown)
                     + (f"; {plural(left, 'more')} in the figure table" if left > 0 else ""))
    if news.speakers:
        parts.append(("sources: " if first else "new sources: ") + ", ".join(actor_ref(digest, x, ROOT) for x in news.speakers))
    if news.actors and not first:
        parts.append("new actors: " + ", ".join(actor_ref(digest, x, ROOT) for x in news.actors))
    if news.places and not first:
        parts.append("new places: " + ", ".join(h(x) for x in news.places))
    if not parts:
        return "<em>nothing new: repeats the earlier reports</em>"
    return " · ".join(parts)


DEVELOPING = '<strong class="digest-developing">developing</strong>'


def _row(story: Story, digest: Digest, root: str, developing: bool = True) -> list[str]:
    """A story as a table of stories shows it; ``developing``: with its *developing* mark
    (the tables about the digest's present only: see ``stories_section``)."""
    return [
        story_link(story, root) + (f" {DEVELOPING}" if developing and story.developing else ""), str(len(story.sources)),
        str(len(story.article_ids)), _span(story), "⚑ " + str(len(story.flags)) if story.flags else "—",
    ]


HEADERS = ["Story", "Outlets", "Reports", "Dates", "Disagreements"]


def story_pages(digest: Digest, feeds: bool = False) -> dict[str, str]:
    """Every story page and the index of stories (most outlets first); ``feeds``: each page
    links its story's Atom feed."""
    pages = {f"{STORIES}/{s.slug}.md": story_page(s, digest, feeds) for s in digest.stories}
    pages.update(story_index_pages(digest))
    return pages


def story_index_pages(digest: Digest) -> dict[str, str]:
    """The index of stories, most outlets first: pages named and bounded by the stories' ids
    (``paginated`` with keys), so that a story added or moved changes the pages around it, not
    every page after it."""
    intro = p(f"{plural(len(digest.stories), 'story', 'stories')}: events reported by two or more articles, "
              "most outlets first, then the fastest reported.")
    return paginated(STORIES, "index", "Stories", intro, HEADERS, [_row(s, digest, ROOT) for s in digest.stories],
                     keys=[s.id for s in digest.stories])


def stories_table(stories: list[Story] | tuple[Story, ...], digest: Digest, root: str, developing: bool = True) -> str:
    """A table of stories (HTML), or '' when there is none; ``developing``: see ``_row``."""
    return table(HEADERS, [_row(s, digest, root, developing) for s in stories])


def top_stories(digest: Digest, root: str) -> str:
    """The home page's top stories table (HTML), or '' when there is none."""
    return stories_table(digest.stories[:TOP], digest, root)


STORIES_LISTED = 20


def stories_section(digest: Digest, key: str, root: str) -> str:
    """The stories an actor (by name) or a theme (by id) is in, newest first, as a table.

    Without the *developing* mark: it says how a story stands at the digest's latest day,
    which every later article moves, and a story is listed on the pages of all its actors and
    themes (a daily update that ends one story's run would make dozens of them again). The
    tables about the present (the home page's top stories, the stories index) and the story's
    own page show it; these show each story's dates, which do not go stale."""
    found = digest.stories_of.get(key, ())
    if not found:
        return ""
    rows = [_row(s, digest, root, developing=False) for s in found[:STORIES_LISTED]]
    left = len(found) - STORIES_LISTED
    note = p(f'<em>…and {plural(left, "older story", "older stories")}: see <a href="{root}{STORIES}/index.html">all stories</a>.</em>') if left > 0 else ""
    return table(HEADERS, rows) + note
