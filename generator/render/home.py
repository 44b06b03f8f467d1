"""The home page's generated part (``_partials/home.md``), included by the hand-written
``docs/index.md``: what the digest covers, counts, top actors and themes, latest articles."""

from __future__ import annotations

from generator.model import Digest
from generator.render.common import actor_link, article_link, fmt_date, plural, table, theme_link
from generator.render.editions import edition_summary, edition_title
from generator.render.escape import esc
from generator.render.themes import actor_theme_matrix

ROOT = ""  # the snippet is included into docs/index.md: links are relative to docs/
TOP = 10


def home_partial(digest: Digest) -> str:
    dates = [e.article.date for e in digest.articles if e.article.date]
    span = f"from {min(dates).isoformat()} to {max(dates).isoformat()}" if dates else "undated"
    sources = {e.article.source for e in digest.articles if e.article.source}
    out = []
    if digest.editions:
        ed = digest.editions[0]
        out.append(f"## Latest edition: [{esc(edition_title(ed))}]({ROOT}editions/{ed.week}.md)\n")
        out.append(edition_summary(ed, digest, ROOT) + "\n")
        rows = [
            [fmt_date(digest.by_id[a].article.date), article_link(digest.by_id[a], ROOT), esc(digest.by_id[a].article.source or "—")]
            for a in ed.article_ids[:TOP]
        ]
        out.append(table(["Date", "Article", "Source"], rows))
        out.append(f"[All editions]({ROOT}editions/index.md)\n")
    out.append("## The digest\n")
    out.append(
        f"**{plural(len(digest.articles), 'article')}** {span} · **{plural(len(digest.actors), 'actor')}** · "
        f"**{plural(sum(1 for t in digest.themes if t.article_ids), 'theme')}** with evidence · "
        f"**{plural(len(sources), 'source')}**\n"
    )
    out.append("## Top actors\n")
    out.append(
        table(
            ["Actor", "Mentions", "Articles"],
            [[actor_link(a, ROOT), str(a.mentions), str(len(a.article_ids))] for a in digest.actors[:TOP]],
        )
        or "No actors yet.\n"
    )
    out.append(f"[All actors]({ROOT}actors/index.md)\n")
    out.append("## Themes\n")
    by_count = sorted(digest.themes, key=lambda t: (-len(t.article_ids), t.id))
    out.append(table(["Theme", "Articles"], [[theme_link(t, ROOT), str(len(t.article_ids))] for t in by_count]))
    out.append("## Actors by theme\n")
    out.append(actor_theme_matrix(digest, ROOT))
    out.append("## Latest articles\n")
    out.append(
        table(
            ["Date", "Title", "Source"],
            [[fmt_date(e.article.date), article_link(e, ROOT), esc(e.article.source or "—")] for e in digest.articles[:TOP]],
        )
        or "No articles yet.\n"
    )
    out.append(f"[All articles]({ROOT}articles/index.md)\n")
    return "\n".join(out)


def taxonomy_partial(digest: Digest) -> str:
    """The themes and the rules that assign them, for the methodology page."""
    out = []
    for t in digest.themes:
        info = t.info
        out.append(f"### {esc(info.name)}\n")
        out.append(f"`{esc(info.id)}` · {esc(info.description)}\n")
        out.extend(f"- {esc(c)}" for c in info.criteria)
        out.append("")
    return "\n".join(out)
