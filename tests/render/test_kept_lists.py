"""generator/render/pages.py with keyed pages: the lists of articles (all of them, each source's,
each month's) kept page by page. A warm write after an article added mid-range, one edited and
one removed gives the files a write from nothing gives, and makes only the list pages those
articles are on (and their neighbours)."""

from __future__ import annotations

import datetime as dt
import hashlib
from pathlib import Path

from generator.digest import build_digest
from generator.model import (
    ActorRef,
    AnalysedArticle,
    Evidence,
    Mention,
    RawArticle,
    ThemeHit,
    ThemeInfo,
)
from generator.render.pages import write_digest

THEMES = (ThemeInfo("sanctions", "Sanctions", "Measures against a state."),
          ThemeInfo("talks", "Talks", "States meeting."))
ACTORS = ("North Korea", "Russia", "Ukraine", "China")


def article(n: int, day: dt.date, title: str | None = None) -> AnalysedArticle:
    """A small analysed article, its source, actors and themes picked by ``n``."""
    sentences = (title or f"Report {n} on the talks.", f"Officials met on day {n}.")
    raw = RawArticle(path=f"a{n}.md", id=hashlib.sha1(f"a{n}".encode()).hexdigest()[:16], title=sentences[0], date=day,
                     source=("wire.example", "daily.example", "radio.example")[n % 3], url=None, summary="",
                     paragraphs=sentences[1:])
    names = [ACTORS[n % 4], ACTORS[(n + 1) % 4]]
    return AnalysedArticle(
        article=raw, sentences=sentences, certainties=("asserted",) * 2,
        mentions=tuple(Mention(name, name, 0, len(name), 0) for name in names),
        actors=tuple(ActorRef(name, "country", 1) for name in names),
        themes=(ThemeHit(THEMES[n % 2].id, THEMES[n % 2].name, 1.0, (Evidence(sentences[0], 0, "asserted", ("rule",)),)),),
        figures=(), pipeline="test",
    )


def tree(root: Path) -> dict[str, str]:
    return {str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(root.rglob("*")) if p.is_file()}


def write(analysed: list[AnalysedArticle], project: Path) -> int:
    """Write the digest of ``analysed`` into ``project``'s docs/ (its page cache in .cache/), as a
    build does; how many list pages were written."""
    digest = build_digest(analysed, THEMES)
    stats, cache, entries = write_digest(digest, project / "docs", cache_dir=project / ".cache", salt="fingerprint",
                                         processes=1)
    stats.commit()
    cache.save(entries)
    return sum(1 for path in stats.previous if path.parent.name in ("sources", "timeline")
               or (path.parent.name == "articles" and path.name.startswith("index")))


def test_a_warm_write_keeps_the_list_pages_it_can_and_gives_the_files_of_a_write_from_nothing(tmp_path):
    start = dt.date(2024, 1, 1)
    analysed = [article(n, start + dt.timedelta(days=n // 5)) for n in range(600)]  # four months, 120 pages' worth
    assert write(analysed, tmp_path / "warm") > 10  # the first time: every list page
    assert sum(1 for p in tree(tmp_path / "warm" / "docs") if p.startswith("articles/index-page-")) >= 2  # several pages
    assert write(analysed, tmp_path / "warm") == 0  # nothing changed: no list page made again
    changes = (
        [*analysed, article(1000, start + dt.timedelta(days=60))],  # dated mid-range
        # edited: its title (its page's name, made from the title, stays the same)
        [a if n != 300 else article(300, a.article.date, "Report 300 on the talks!") for n, a in enumerate(analysed)],
        [a for n, a in enumerate(analysed) if n != 200],  # removed
    )
    for n, version in enumerate(changes):
        written = write(version, tmp_path / "warm")
        write(version, tmp_path / f"cold-{n}")
        assert tree(tmp_path / "warm" / "docs") == tree(tmp_path / f"cold-{n}" / "docs"), n
        assert 1 <= written <= 12, (n, written)  # its pages in the three lists, a split, the neighbours' links
