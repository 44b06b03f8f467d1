"""``changes.json``: what is new or changed since the previous build, for other tools.

The build keeps a snapshot of the digest in the cache folder (``follow-v1.json``: each
article's content key, each figure's key, each watchlist's matches) and compares the new
digest with it. The file at the site root lists the new and changed articles, the new figures
the new and changed stories (a story is changed when it gained or lost a report) and the new
watchlist matches. A build whose
input changed nothing keeps the last file, so a rebuild of the same articles gives the same
site, byte for byte; ``previous_build`` says what the comparison was made against.

A first build (no snapshot) lists nothing item by item, only the totals: everything is new,
the downloads hold all of it, and listing every figure made the file 60 MB at 10,000 articles
(a published file, counted in GitHub Pages' 1 GB). For the same reason a build that brings
more than ``MAX_FIGURES`` new figures (a changed analysis, a corpus added at once) lists the
first ones and counts the rest (``figures.more``).
"""

from __future__ import annotations

import hashlib
import json

from generator.cache import article_key
from generator.model import Digest
from generator.render.cite import figure_anchor, sentence_index, sentence_url

STATE_FILE = "follow-v1.json"
MAX_FIGURES = 5000  # about 1.2 MB of JSON


def snapshot(digest: Digest, keys: dict[str, list] | None = None) -> dict:
    """What the next build compares against (plain JSON). ``keys``: ``figure_keys(digest)``,
    when the caller has it already."""
    keys = figure_keys(digest) if keys is None else keys
    articles, figures = {}, []
    for e in digest.articles:
        a = e.analysed
        payload = json.dumps([article_key(e.article), [t.id for t in a.themes], [r.name for r in a.actors]])
        articles[e.article.id] = hashlib.sha256(payload.encode()).hexdigest()[:16]
        figures.extend(keys[e.article.id])
    return {
        "articles": articles,
        "figures": sorted(k for k, _ in figures),
        "watchlists": {w.info.slug: sorted(m.article_id for m in w.matches) for w in digest.watchlists},
        "stories": {st.id: sorted(st.article_ids) for st in digest.stories},
    }


def figure_keys(digest: Digest) -> dict[str, list[tuple[str, object]]]:
    """Article id -> the keys of its figures (see ``_figure_keys``), for ``snapshot`` and
    ``changes`` to share."""
    return {e.article.id: _figure_keys(e) for e in digest.articles}


def _figure_keys(e) -> list[tuple[str, object]]:
    out, seen = [], {}
    for f in e.analysed.figures:
        i = sentence_index(e.analysed, f.sentence)
        n = seen[i] = seen.get(i, -1) + 1
        out.append((f"{e.article.id}:{i}:{n}:{f.text}", (f, i, n)))
    return out


def new_matches(digest: Digest, previous: dict | None) -> dict[str, list[str]]:
    """Per watchlist slug, the article ids it matches now and did not at the previous build."""
    before = (previous or {}).get("watchlists", {})
    return {w.info.slug: [m.article_id for m in w.matches if m.article_id not in set(before.get(w.info.slug, ()))]
            for w in digest.watchlists}


def changes(digest: Digest, previous: dict | None, site_url: str | None, now: dict | None = None,
            keys: dict[str, list] | None = None) -> dict | None:
    """The content of ``changes.json``; None when nothing changed since ``previous``. ``now``
    and ``keys``: the digest's ``snapshot`` and ``figure_keys``, when the caller has them."""
    keys = figure_keys(digest) if keys is None else keys
    now = snapshot(digest, keys) if now is None else now
    if previous is None:
        return {
            "format": 1,
            "previous_build": None,  # a first build: everything is new (the downloads hold it all)
            "articles": {"total": len(digest.articles), "new": [], "changed": [], "removed": []},
            "stories": {"total": len(digest.stories), "new": [], "changed": []},
            "figures": {"total": len(now["figures"]), "new": []},
            "watchlists": [{"name": w.info.name, "slug": w.info.slug, "matches": len(w.matches), "new": []}
                           for w in digest.watchlists],
        }
    old_articles = previous.get("articles", {})
    old_figures = set(previous.get("figures", ()))
    base = (site_url.rstrip("/") + "/") if site_url else ""

    def article(e, index: int | None = None) -> dict:
        url = sentence_url(e, index, base) if index is not None else f"{base}articles/{e.slug}.html"
        return {"id": e.article.id, "title": e.article.title,
                "date": e.article.date.isoformat() if e.article.date else None, "source": e.article.source, "url": url}

    new = [article(e) for e in digest.articles if e.article.id not in old_articles]
    changed = [article(e) for e in digest.articles
               if e.article.id in old_articles and old_articles[e.article.id] != now["articles"][e.article.id]]
    removed = sorted(set(old_articles) - set(now["articles"]))
    figures, more = [], 0
    for e in digest.articles:
        for key, (f, i, n) in keys[e.article.id]:
            if key in old_figures:
                continue
            if len(figures) >= MAX_FIGURES:
                more += 1
            else:
                url = (f"{base}articles/{e.slug}.html#{figure_anchor(e.article.id, i, n)}" if i is not None
                       else article(e)["url"])
                figures.append({"article": e.article.id, "text": f.text, "value": f.value, "upper": f.upper,
                                "unit": f.unit, "measure": f.measure, "attribution_actor": f.attribution_actor,
                                "sentence": f.sentence, "url": url})
    fresh = new_matches(digest, previous)
    watch = []
    for w in digest.watchlists:
        wanted = set(fresh[w.info.slug])
        watch.append({
            "name": w.info.name, "slug": w.info.slug, "matches": len(w.matches),
            "new": [{**article(digest.by_id[m.article_id], m.index), "sentence": m.sentence, "rules": list(m.reasons)}
                    for m in w.matches if m.article_id in wanted],
        })
    old_stories = previous.get("stories", {})

    def story(st) -> dict:
        return {"id": st.id, "title": st.title, "first": st.first.isoformat() if st.first else None,
                "last": st.last.isoformat() if st.last else None, "articles": list(st.article_ids),
                "url": f"{base}stories/{st.slug}.html"}

    new_stories = [story(st) for st in digest.stories if st.id not in old_stories]
    changed_stories = [story(st) for st in digest.stories
                       if st.id in old_stories and sorted(old_stories[st.id]) != now["stories"][st.id]]
    if not (new or changed or removed or figures or new_stories or changed_stories or any(x["new"] for x in watch)):
        return None
    return {
        "format": 1,
        "previous_build": {"articles": len(old_articles)},
        "articles": {"total": len(digest.articles), "new": new, "changed": changed, "removed": removed},
        "stories": {"total": len(digest.stories), "new": new_stories, "changed": changed_stories},
        "figures": {"total": len(now["figures"]), "new": figures, **({"more": more} if more else {})},
        "watchlists": watch,
    }
