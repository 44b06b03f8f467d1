"""The first stages of a warm build, in CPU seconds of this process, on a built project.

    python bench/warm_stages.py PROJECT [--cache DIR] [--rounds 1]

A whole warm build (``bench/run.py``) varies by a quarter from run to run on a machine shared
with other work, and its stages' wall seconds with it. This runs the stages a warm build does
before its pages, as ``build.run`` does them, and times each with ``time.process_time``: reading
the articles (``read``), the inputs' key (``inputs key``), the cached analyses (``cached read``),
the digest with its stories (``digest``), the snapshot and ``changes.json`` (``changes``) and
freeing all of it (``release``). Nothing is analysed (an article missing from the cache is left
out) and no page is written.

``--cache``: the analysis cache folder to read instead of the project's (a copy of its
``.digest-cache``): the cache a build made is rewritten in part by code of another version (the
read cache, the packed analyses), so two versions of the generator compared one after the other
each read their own copy, each made by one run of this first. Run it with ``python`` from the
other version's folder to time that version: it imports the generator beside it.
"""

from __future__ import annotations

import argparse
import dataclasses
import gc
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def stages(project: Path, cache_dir: Path | None) -> dict[str, float]:
    from generator.analyse.analyser import Analyser
    from generator.analyse.taxonomy import load_taxonomy
    from generator.build import STORIES_STATE, inputs_key, long_lived, settings_for
    from generator.cache import AnalysisCache, article_key
    from generator.config import load_config
    from generator.digest import build_digest
    from generator.ingest import read_articles
    from generator.render.changes import STATE_FILE, changes, figure_keys, snapshot

    config = load_config(project)
    if cache_dir is not None:
        config = dataclasses.replace(config, cache_dir=cache_dir)
    out: dict[str, float] = {}
    t = time.process_time()

    def lap(name: str) -> None:
        nonlocal t
        now = time.process_time()
        out[name] = round(now - t, 3)
        t = now

    taxonomy = load_taxonomy(config.themes)
    with long_lived(collect=True):
        ingest = read_articles(config.articles, config.articles_root, config.cache_dir, config.dates)
    lap("read")
    analyser = Analyser(settings_for(config), config.cache_dir)
    inputs_key(config, ingest, analyser.fingerprint, True)
    lap("inputs key")
    cache = AnalysisCache(config.cache_dir, analyser.fingerprint, packed=True)
    with long_lived():
        found = [cache.get(a) for a in ingest.articles]
    lap("cached read")
    if any(f is None for f in found) or (cache.pack is not None and cache.pack.unreadable):
        cache.save_pack()  # this version's pack, for the next run
    analysed = [f for f in found if f is not None]
    with long_lived():
        digest = build_digest(analysed, taxonomy.infos(), ingest.rejections, config.source_grades, config.watchlists,
                              stories_state=config.cache_dir / STORIES_STATE, salt=analyser.fingerprint)
    lap("digest")
    try:
        previous = json.loads((config.cache_dir / STATE_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        previous = None
    keys = figure_keys(digest)
    state = snapshot(digest, keys)
    changes(digest, previous, config.site_url, state, keys)
    lap("changes")
    del ingest, found, analysed, cache, digest, keys, state, previous
    article_key.cache_clear()
    lap("release")
    gc.unfreeze()
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("project", type=Path)
    parser.add_argument("--cache", type=Path, help="the analysis cache folder to read (a copy of the project's)")
    parser.add_argument("--rounds", type=int, default=1, help="rounds, each in this process (the first reads the files cold)")
    args = parser.parse_args(argv)
    for _ in range(args.rounds):
        print(json.dumps(stages(args.project.resolve(), args.cache.resolve() if args.cache else None)), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
