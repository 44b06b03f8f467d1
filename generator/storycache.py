"""Keep the stories a build made, so that the next build remakes only those that changed.

Part of the digest-model stage (``stories.detect_stories``). A story is made from its reports
alone, so one whose reports are the same (the same ``grouping.article_key`` each, with the same
analysis salt) is the same story: it is read back from ``stories-built-v1.json`` in the cache
folder instead of being made again. JSON, like every cache of the digest (no code is ever
loaded from the cache folder); a damaged or foreign file is ignored and the stories are made.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import asdict, fields
from pathlib import Path

from generator.model import Disagreement, Figure, Quote, ReportNews, Story, StoryClaim

VERSION = 1
_FIGURE = tuple(f.name for f in fields(Figure))
_QUOTE = tuple(f.name for f in fields(Quote))


def _date(d: str | None) -> dt.date | None:
    return dt.date.fromisoformat(d) if d else None


def _dump(story: Story) -> dict:
    claims = {id(c): k for k, c in enumerate(story.claims)}
    return {
        "id": story.id, "slug": story.slug, "title": story.title, "article_ids": story.article_ids,
        "first": story.first and story.first.isoformat(), "last": story.last and story.last.isoformat(),
        "sources": story.sources, "actors": story.actors, "themes": story.themes, "summary": story.summary,
        "claims": [[c.article_id, c.date and c.date.isoformat(), c.claimant, [getattr(c.figure, f) for f in _FIGURE]]
                   for c in story.claims],
        "flags": [[d.measure, d.place, d.week, d.values, [claims[id(c)] for c in d.claims]] for d in story.flags],
        "quotes": [[aid, [getattr(q, f) for f in _QUOTE]] for aid, q in story.quotes],
        "news": [{**asdict(n), "claims": [claims[id(c)] for c in n.claims]} for n in story.news],
    }


def _load(d: dict) -> Story:
    claims = [StoryClaim(aid, _date(date), who, Figure(**dict(zip(_FIGURE, fig, strict=True))))
              for aid, date, who, fig in d["claims"]]
    pairs = lambda rows: tuple((a, b) for a, b in rows)
    return Story(
        id=d["id"], slug=d["slug"], title=d["title"], article_ids=tuple(d["article_ids"]),
        first=_date(d["first"]), last=_date(d["last"]), sources=tuple(d["sources"]),
        actors=pairs(d["actors"]), themes=pairs(d["themes"]), summary=pairs(d["summary"]),
        claims=tuple(claims),
        flags=tuple(Disagreement(m, place, week, tuple(values), tuple(claims[k] for k in ks))
                    for m, place, week, values, ks in d["flags"]),
        quotes=tuple((aid, Quote(**dict(zip(_QUOTE, q, strict=True)))) for aid, q in d["quotes"]),
        news=tuple(ReportNews(n["article_id"], tuple(claims[k] for k in n["claims"]), tuple(n["actors"]),
                              tuple(n["speakers"]), tuple(n["places"])) for n in d["news"]),
    )


def load(path: Path, salt: str) -> dict[tuple[str, ...], dict]:
    """Reports' keys -> the story made from them last time (still as JSON: made on demand)."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        if data.get("version") != VERSION or data.get("salt") != salt:
            return {}
        return {tuple(keys): story for keys, story in data["stories"]}
    except (OSError, ValueError, KeyError, TypeError):
        return {}


def story(found: dict, keys: tuple[str, ...]) -> Story | None:
    """The story kept for these reports, or None (none kept, or one that cannot be read)."""
    d = found.get(keys)
    if d is None:
        return None
    try:
        return _load(d)
    except (KeyError, TypeError, ValueError, IndexError):
        return None


def save(path: Path, salt: str, made: list[tuple[tuple[str, ...], Story]]) -> None:
    from generator.atomic import write_atomic

    path.parent.mkdir(parents=True, exist_ok=True)
    write_atomic(path, json.dumps({"version": VERSION, "salt": salt,
                                   "stories": [[list(k), _dump(s)] for k, s in made]},
                                  ensure_ascii=False, separators=(",", ":")))
