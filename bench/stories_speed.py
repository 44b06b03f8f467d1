"""Time story detection against the rest of the digest model, at several corpus sizes.

    python bench/stories_speed.py [--sizes 1000 10000]

The labelled story set (tests/data/stories/) is analysed once with the real
pipeline, then copied into a corpus of N articles: copy k has its dates moved by k * 35 days
(so events stay apart, as in real reporting) and ids of its own; the undated articles are
taken once (copies of one undated text would all join one story). For each size it prints the
seconds of ``build_digest`` without stories, of ``detect_stories`` from scratch (cold), and of
``detect_stories`` on a warm build with one article added: the state of a grouping without one
article dated mid-range (``--added middle``, the default, as ``bench/run.py`` adds one) or
newest (``--added newest``), then that article back. ``--dated-only`` leaves the undated
articles out (a warm build decides every undated article again). The analysis of N articles
(minutes at 10,000) dwarfs all of it: the bench prints it too, from the measured rate.
Detection is timed as a build runs it: with the cyclic garbage collector paused
(``generator.build.long_lived``).
"""

from __future__ import annotations

import argparse
import gc
import datetime as dt
import sys
import time
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.stories_eval import DEFAULT_DIR, article_files, read_each
from bench.table import text_table


def corpus(analysed: list, n: int) -> list:
    out = []
    k = 0
    while len(out) < n:
        for a in analysed:
            if len(out) == n:
                break
            art = a.article
            if k and art.date is None:  # an undated copy would repeat one text: every copy one story
                continue
            date = art.date + dt.timedelta(days=35 * k) if art.date else None
            new = replace(art, id=f"{art.id}-{k}", path=f"{art.path}#{k}", date=date)
            out.append(replace(a, article=new))
        k += 1
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--added", choices=("middle", "newest"), default="middle")
    parser.add_argument("--dated-only", action="store_true")
    args = parser.parse_args(argv)
    import tempfile

    from generator import digest as digest_module
    from generator.build import long_lived
    from generator.analyse.pipeline import Analyser
    from generator.digest import build_digest
    from generator.stories import detect_stories

    raw = read_each(article_files(DEFAULT_DIR / "articles"))
    t = time.perf_counter()
    analysed = list(Analyser().analyse(raw))
    if args.dated_only:
        analysed = [a for a in analysed if a.article.date is not None]
    per_article = (time.perf_counter() - t) / len(raw)
    rows = []
    for n in args.sizes:
        arts = corpus(analysed, n)
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
                t = time.perf_counter()
                warm = detect_stories(entries, state)
                warm1 = time.perf_counter() - t
        assert warm == stories, "a warm grouping differs from the grouping from scratch"
        rows.append([f"{n:,}", f"{len(stories):,}", f"{model:.2f}", f"{detect:.2f}", f"{warm1:.2f}",
                     f"{per_article * n:.0f}", f"{detect / (per_article * n + model):.1%}"])
    print("\n".join(text_table(["articles", "stories", "digest model s", "stories cold s", "stories warm+1 s",
                                 "analysis s (est.)", "of cold build (est.)"], rows)))
    gc.unfreeze()
    return 0


if __name__ == "__main__":
    sys.exit(main())
