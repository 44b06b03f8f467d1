"""Time story detection against the rest of the digest model, at several corpus sizes.

    python bench/stories_speed.py [--sizes 1000 10000] [--project DIR] [--dated-only] [--added middle|newest]

The labelled story set (tests/data/stories/) is analysed once with the real
pipeline, then copied into a corpus of N articles: copy k has its dates moved by k * 35 days
(so events stay apart, as in real reporting) and ids of its own; the undated articles are
taken once (copies of one undated text would all join one story). For each size it prints the
seconds of ``build_digest`` without stories, of ``detect_stories`` from scratch (cold), and of
``detect_stories`` on a warm build with one article added: the state of a grouping without one
article dated mid-range (``--added middle``, the default, as ``bench/run.py`` adds one) or
newest (``--added newest``), then that article back. ``--project DIR`` copies the articles of a
built project instead (read from its analysis cache, never written; copy k dated after copy k-1):
reports of real length, stories of up to dozens of reports. ``--dated-only`` leaves the undated
articles out (a warm build decides every undated article again). The analysis of N articles
(minutes at 10,000) dwarfs all of it: the bench prints it too, from the measured rate.
Detection is timed as a build runs it: with the cyclic garbage collector paused
(``generator.build.long_lived``).
"""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import sys
import time
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.stories_eval import DEFAULT_DIR, article_files, read_each
from bench.table import text_table

PROJECT_RATE = 0.5  # seconds of analysis per article in a cold build of the bench corpus (about 2 a second)


def corpus(analysed: list, n: int, step: int = 35) -> list:
    out = []
    k = 0
    while len(out) < n:
        for a in analysed:
            if len(out) == n:
                break
            art = a.article
            if k and art.date is None:  # an undated copy would repeat one text: every copy one story
                continue
            date = art.date + dt.timedelta(days=step * k) if art.date else None
            new = replace(art, id=f"{art.id}-{k}", path=f"{art.path}#{k}", date=date)
            out.append(replace(a, article=new))
        k += 1
    return out


def _project(project: Path) -> list:
    """The analysed articles of a built project, read from its analysis cache only (nothing is
    analysed or written: an article missing from the cache is an error)."""
    from generator.analyse.pipeline import Analyser
    from generator.build import settings_for
    from generator.cache import AnalysisCache
    from generator.config import load_config
    from generator.ingest import read_articles

    config = load_config(project)
    ingest = read_articles(config.articles, config.articles_root, None, config.dates, None)
    cache = AnalysisCache(config.cache_dir, Analyser(settings_for(config)).fingerprint)
    found = [cache.get(a) for a in ingest.articles]
    missing = sum(a is None for a in found)
    if missing:
        raise SystemExit(f"{project}: {missing} articles are not in its analysis cache (stale?): build it first")
    return found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--added", choices=("middle", "newest"), default="middle")
    parser.add_argument("--dated-only", action="store_true")
    parser.add_argument("--project", help="copy the articles of this built project (read from its analysis cache, "
                        "never written) instead of the story set: real-length reports")
    args = parser.parse_args(argv)
    import tempfile

    from generator import digest as digest_module
    from generator.analyse.pipeline import Analyser
    from generator.build import long_lived
    from generator.digest import build_digest
    from generator.stories import detect_stories

    step = 35
    if args.project:
        analysed = _project(Path(args.project))
        per_article = PROJECT_RATE
        dates = [a.article.date for a in analysed if a.article.date]
        step = (max(dates) - min(dates)).days + 35  # each copy after the one before
    else:
        raw = read_each(article_files(DEFAULT_DIR / "articles"))
        t = time.perf_counter()
        analysed = list(Analyser().analyse(raw))
        per_article = (time.perf_counter() - t) / len(raw)
    if args.dated_only:
        analysed = [a for a in analysed if a.article.date is not None]
    rows = []
    for n in args.sizes:
        arts = corpus(analysed, n, step)
        real = digest_module.detect_stories
        digest_module.detect_stories = lambda *args: ()
        try:
            t = time.perf_counter()
            digest = build_digest(arts, ())
            model = time.perf_counter() - t
        finally:
            digest_module.detect_stories = real
        with long_lived():  # as a build runs it
            t = time.perf_counter()
            stories = detect_stories(digest.articles)
            detect = time.perf_counter() - t
        entries = list(digest.articles)
        dated = sorted((e for e in entries if e.article.date), key=lambda e: (e.article.date, e.article.id))
        extra = dated[len(dated) // 2] if args.added == "middle" else dated[-1]
        with tempfile.TemporaryDirectory() as tmp:
            state = Path(tmp) / "stories.json"
            with long_lived():
                detect_stories([e for e in entries if e is not extra], state)
            with long_lived():
                t, cpu = time.perf_counter(), time.process_time()
                warm = detect_stories(entries, state)
                warm1, warm1_cpu = time.perf_counter() - t, time.process_time() - cpu
        assert warm == stories, "a warm grouping differs from the grouping from scratch"
        rows.append([f"{n:,}", f"{len(stories):,}", f"{model:.2f}", f"{detect:.2f}", f"{warm1:.2f}", f"{warm1_cpu:.2f}",
                     f"{per_article * n:.0f}", f"{detect / (per_article * n + model):.1%}"])
    print("\n".join(text_table(["articles", "stories", "digest model s", "stories cold s", "stories warm+1 s", "warm+1 CPU s",
                                 "analysis s (est.)", "of cold build (est.)"], rows)))
    gc.unfreeze()
    return 0


if __name__ == "__main__":
    sys.exit(main())
