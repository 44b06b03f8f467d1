"""Theme pages and the themes index: description, the actors involved, the figures stated in
evidence, and every evidence sentence with the rule that matched it."""

from __future__ import annotations

from collections import defaultdict

from generator.model import Digest, ThemeEntry
from generator.render.common import (
    FIGURE_HEADERS,
    actor_ref,
    article_link,
    certainty,
    figure_row,
    fmt_date,
    front_matter,
    plural,
    table,
    theme_link,
)
from generator.render.escape import esc

ROOT = "../"


def theme_page(theme: ThemeEntry, digest: Digest) -> str:
    info = theme.info
    out = [front_matter(info.name, [info.name]), f"# {esc(info.name)}\n", f"{esc(info.description)}\n"]
    out.append(f"**Articles:** {len(theme.article_ids):,} · **Evidence sentences:** {len(theme.evidence):,}\n")

    out.append("## Actors involved\n")
    rows = [[actor_ref(digest, name, ROOT), str(n)] for name, n in theme.actors[:30]]
    out.append(table(["Actor", "Articles"], rows) or "No actor yet.\n")

    out.append("## Figures\n")
    if theme.figures:
        rows = [
            figure_row(f) + [article_link(digest.by_id[aid], ROOT), fmt_date(digest.by_id[aid].article.date)]
            for aid, f in theme.figures
        ]
        out.append(table(FIGURE_HEADERS + ["Article", "Date"], rows))
    else:
        out.append("No figures in the evidence for this theme.\n")

    out.append("## Evidence\n")
    if not theme.evidence:
        out.append("No article supports this theme yet.\n")
    by_article: dict[str, list] = defaultdict(list)
    for aid, ev in theme.evidence:
        by_article[aid].append(ev)
    for aid in theme.article_ids:
        entry = digest.by_id[aid]
        out.append(f"**{article_link(entry, ROOT)}** · {fmt_date(entry.article.date)} · {esc(entry.article.source or 'unknown source')}\n")
        out.extend(
            f"- {esc(ev.sentence)} ({certainty(ev.certainty, ev.likelihood)}; matched {esc(', '.join(ev.patterns))})"
            for ev in by_article[aid]
        )
        out.append("")
    return "\n".join(out)


def themes_index(digest: Digest) -> str:
    out = [front_matter("Themes"), "# Themes\n", "The taxonomy, with how many articles support each theme.\n"]
    rows = [
        [theme_link(t, "../"), esc(t.info.description), str(len(t.article_ids)), str(len(t.evidence))]
        for t in digest.themes
    ]
    out.append(table(["Theme", "Description", "Articles", "Evidence"], rows))
    return "\n".join(out)


__all__ = ["plural", "theme_page", "themes_index"]
