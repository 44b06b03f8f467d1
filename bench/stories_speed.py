"""Time story detection against the rest of the digest model, at several corpus sizes.

    python bench/stories_speed.py [--sizes 1000 10000]

The labelled story set (tests/data/stories/, 88 articles) is analysed once with the real
pipeline, then copied into a corpus of N articles: copy k has its dates moved by k * 35 days
(so events stay apart, as in real reporting) and ids of its own; the undated articles are
taken once (copies of one undated text would all join one story). For each size it prints the
seconds of ``build_digest`` without stories and of ``detect_stories`` alone (a warm build
runs it whole again: it is what one added article costs), and the share of the digest model
that detection adds. The analysis of N
articles (minutes at 10,000) dwarfs both: the bench prints it too, from the measured rate.
"""

from __future__ import annotations

import argparse
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
    args = parser.parse_args(argv)
    from generator import digest as digest_module
    from generator.analyse.pipeline import Analyser
    from generator.digest import build_digest
    from generator.stories import detect_stories

    raw = read_each(article_files(DEFAULT_DIR / "articles"))
    t = time.perf_counter()
    analysed = list(Analyser().analyse(raw))
    per_article = (time.perf_counter() - t) / len(raw)
    rows = []
    for n in args.sizes:
        arts = corpus(analysed, n)
        real = digest_module.detect_stories
        digest_module.detect_stories = lambda entries: ()
        try:
            t = time.perf_counter()
            digest = build_digest(arts, ())
            model = time.perf_counter() - t
        finally:
            digest_module.detect_stories = real
        t = time.perf_counter()
        stories = detect_stories(digest.articles)
        detect = time.perf_counter() - t
        rows.append([f"{n:,}", f"{len(stories):,}", f"{model:.2f}", f"{detect:.2f}", f"{detect / model:.0%}",
                     f"{per_article * n:.0f}", f"{detect / (per_article * n + model):.1%}"])
    print("\n".join(text_table(["articles", "stories", "digest model s", "stories s", "of model", "analysis s (est.)",
                      "of cold build (est.)"], rows)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
