"""Our analysis against the bare spaCy model, in CPU seconds of one process, round after round.

    python bench/analysis_speed.py [--articles 200] [--rounds 3] [--corpus DIR] [--components]

``bench/run.py``'s ratio column divides two wall-clock times measured a minute apart, each on
every core: on a machine shared with other work it swings with the load. This measures both on
the same texts in one process, one after the other, each round: our pipeline (``Analyser``,
from the text to the AnalysedArticle records, as a worker of ``digest build`` runs it) and the
bare model (``spacy.load`` without the lemmatizer, ``nlp.pipe`` in batches of
``pipeline.CHUNK``, as ``bench/run.py`` times it). It prints words per CPU second of each round
and of the best round of each, and the ratio of those. ``--components`` adds where our time goes,
component by component (one more pass over the texts).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def ours_by_component(analyser, articles) -> Counter:
    """CPU seconds of each component over ``articles`` (and of making the records)."""
    from generator.analyse.pipeline import PER_DOC_BATCH, blas_one_thread, doc_to_article

    spent: Counter = Counter()
    with blas_one_thread():
        docs = [analyser._make_doc(a) for a in articles]
        for name, proc in analyser.nlp.pipeline:
            t = time.process_time()
            if hasattr(proc, "pipe"):
                docs = list(proc.pipe(docs, **PER_DOC_BATCH.get(name, {"batch_size": 32})))
            else:
                docs = [proc(doc) for doc in docs]
            spent[name] += time.process_time() - t
        t = time.process_time()
        for doc, article in zip(docs, articles):
            doc_to_article(doc, article, analyser.label, analyser.themes)
        spent["records (doc_to_article)"] += time.process_time() - t
    return spent


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--articles", type=int, default=200, help="how many articles (synthetic, bench/corpus.py)")
    parser.add_argument("--corpus", type=Path, help="read the articles from this folder instead")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--components", action="store_true", help="also our CPU time by pipeline component")
    args = parser.parse_args(argv)

    import spacy

    from bench.corpus import write_corpus
    from generator.analyse.pipeline import CHUNK, ENGLISH, Analyser
    from generator.ingest import read_articles

    with tempfile.TemporaryDirectory() as tmp:
        folder = args.corpus or Path(tmp)
        if args.corpus is None:
            write_corpus(args.articles, folder)
        articles = [a for a in read_articles([str(folder)]).articles if a.language in ENGLISH][: args.articles]
    texts = [a.analysed_text() for a in articles]
    words = sum(len(t.split()) for t in texts)
    analyser = Analyser()
    analyser.nlp  # noqa: B018 - loaded before timing
    analyser.themes  # noqa: B018
    bare = spacy.load(analyser.label.split()[0], exclude=["lemmatizer"])
    print(f"{len(texts)} articles, {words:,} words; ours: {analyser.label}, pipeline {', '.join(analyser.nlp.pipe_names)}")
    best = {"ours": 0.0, "bare": 0.0}
    for r in range(1, args.rounds + 1):
        t = time.process_time()
        records = list(analyser._analyse_here(articles))
        ours = words / (time.process_time() - t)
        t = time.process_time()
        for _ in bare.pipe(texts, batch_size=CHUNK):
            pass
        plain = words / (time.process_time() - t)
        best = {"ours": max(best["ours"], ours), "bare": max(best["bare"], plain)}
        print(f"round {r}: ours {ours:,.0f} words/CPU s, bare {plain:,.0f}: ratio {ours / plain:.2f}", flush=True)
    assert len(records) == len(articles)
    print(f"best rounds: ours {best['ours']:,.0f} words/CPU s, bare {best['bare']:,.0f}: ratio {best['ours'] / best['bare']:.2f}")
    if args.components:
        spent = ours_by_component(analyser, articles)
        total = sum(spent.values())
        print(f"\nours by component ({total:.1f} CPU s in all):")
        for name, seconds in spent.items():
            print(f"  {name:28s} {seconds:6.2f} s  {seconds / total:6.1%}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
