"""Count the search files one added article changes, without building the site.

    python bench/search_churn.py [--work bench/.work] [--size 1000] [--cut 1000 100]

Reads the N-article benchmark digest of ``bench/run.py`` (``corpus-N`` and ``site-N`` in the
work folder: its analysis cache must be current) into a temporary project (the work folder is
only read), adds ``bench/run.py``'s extra article dated mid-range (one article analysed), and
compares the index before and after: the term shards whose content changed with a cut word's
document frequency kept in its shard (the format before) and in the manifest (now), and the
result records and facet files that changed. ``--cut``: the MAX_POSTINGS values to count with
(a word keeps its best N pages; 100 at 1,000 articles cuts about as many words as 1,000 at
10,000 articles).
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--work", type=Path, default=ROOT / "bench" / ".work")
    parser.add_argument("--size", type=int, default=1000)
    parser.add_argument("--cut", type=int, nargs="+", default=[1000, 100])
    args = parser.parse_args(argv)

    from bench.run import add_article
    from bench.table import text_table
    from generator.analyse.pipeline import Analyser, PipelineSettings
    from generator.analyse.taxonomy import load_taxonomy
    from generator.build import analyse_with_cache
    from generator.config import load_config
    from generator.digest import build_digest
    from generator.ingest import read_articles
    from generator.render import search

    corpus, site = (args.work / f"corpus-{args.size}").resolve(), (args.work / f"site-{args.size}").resolve()
    analyser = Analyser(PipelineSettings())
    with tempfile.TemporaryDirectory() as tmp:
        project = Path(tmp)
        (project / "extra").mkdir()
        shutil.copytree(site / ".digest-cache", project / ".digest-cache")
        shutil.copy(site / "mkdocs.yml", project / "mkdocs.yml")
        (project / "digest.yml").write_text(f"articles: [{corpus}, {project / 'extra'}]\ncache_dir: .digest-cache\n")

        def digest():
            config = load_config(project)
            ingest = read_articles(config.articles, config.articles_root)
            analysed, fresh = analyse_with_cache(ingest.articles, analyser, config.cache_dir)
            print(f"  {fresh} article(s) analysed", file=sys.stderr, flush=True)
            return build_digest(analysed, load_taxonomy(config.themes).infos(), ingest.rejections, config.source_grades)

        before = digest()
        add_article(project / "extra" / "extra.md", project)
        after = digest()

    rows = []
    for cut in args.cut:
        search.MAX_POSTINGS = cut
        p0, p1 = search._postings(search._documents(before)), search._postings(search._documents(after))
        keys = set(search._shards(p0))

        def shard(term: str, keys: set = keys) -> str:
            return next(term[:n] for n in (3, 2, 1) if term[:n] in keys)

        terms = p0.keys() | p1.keys()
        with_df = {shard(t) for t in terms if p0.get(t) != p1.get(t)}
        without = {shard(t) for t in terms if (p0.get(t) or ())[:2] != (p1.get(t) or ())[:2]}
        cut_terms = sum(p[2] > len(p[0]) for p in p1.values())
        rows.append([f"{cut:,}", f"{cut_terms} of {len(p1)}", str(len(keys)), str(len(with_df)), str(len(without))])
    r0, r1 = dict(search.record_files(before)), dict(search.record_files(after))
    records = sorted(k for k in r0.keys() | r1.keys() if r0.get(k) != r1.get(k))
    print("\n".join(text_table(["MAX_POSTINGS", "words cut", "shards", "changed: df in shard", "df in manifest"], rows)))
    print(f"\nrecords and facet files changed: {len(records)} ({', '.join(records)}); and the manifest")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
