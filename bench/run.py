"""Benchmark the whole build at several corpus sizes and print one table.

    python bench/run.py [--sizes 100 1000 10000] [--work bench/.work]

For each size N it writes N synthetic articles (bench/corpus.py), then, each in a fresh
process so that peak memory is its own:
- a cold build (no analysis cache, no generated pages, no site), timed stage by stage: read,
  analyse, digest model, write Markdown (render + write), mkdocs build;
- a warm build with nothing changed (no article may be analysed, no page written);
- warm builds with one article added (exactly one analysed; the site built incrementally), the
  article dated mid-range, before the oldest, after the newest, and undated (``--extra``; each
  removed again by a build after it), with the files each rewrote;
- the same again with the whole site built (``digest build --full``): the article removed, then
  added again, its analysis forgotten so that it is analysed again;
- ``mkdocs build`` alone on the same docs/, twice (the mean: one run varies by a second or two),
  to show how much of a warm build is ours;
- the bare spaCy model (``nlp.pipe`` over the same texts, same batch size and processes), to
  compare the analysis throughput with the model's own.
It also reports the site's bytes per page and mkdocs time per page, and the ratios of those at
the largest size to the next one (the site must grow linearly), and the site's bytes by folder
(articles, downloads, search, actors, themes, stories, other: what GitHub Pages' 1 GB limit
counts).

With ``--engine zensical`` it then builds the same project with Zensical (``digest build
--engine zensical``): nothing changed with Zensical's own cache empty (first), nothing changed
(warm), one article added (warm+1), and the whole site alone in a fresh process, and prints
the site stage of both engines side by side.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.table import text_table

# --------------------------------------------------------------------------- child processes


def _peak_mb() -> float:
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    kids = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return max(own, kids) / 1024  # kB on Linux; forked analysis workers are children


def _cpu() -> float:
    """User and system seconds of this process and of its children waited for (forked workers)."""
    own, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime


def child_build(project: Path, full: bool = False, engine: str = "mkdocs") -> dict:
    from generator.build import run
    from generator.config import load_config

    t = time.perf_counter()
    cpu = _cpu()
    result = run(load_config(project, engine=engine), incremental=not full)
    return {
        "total": time.perf_counter() - t,
        "cpu": _cpu() - cpu,
        "timings": result.timings,
        "analysed": result.analysed,
        "built": result.built,
        "written": result.pages.written,
        "peak_mb": _peak_mb(),
        "size": site_size(result.site_dir) if result.site_dir else None,
    }


def site_size(site: Path) -> dict:
    """The site's bytes by top-level folder (generator.sitesize) and its article pages' count."""
    from generator.sitesize import measure

    size = measure(site)
    pages = sum(1 for p in (site / "articles").glob("*.html") if not p.name.startswith("index"))
    return {"total": size.total, "files": size.files, "folders": dict(size.folders), "article_pages": pages}


def child_mkdocs(project: Path, engine: str = "mkdocs") -> dict:
    from generator.build import build_site
    from generator.config import load_config

    t = time.perf_counter()
    site = build_site(load_config(project, engine=engine), incremental=False)  # the whole site, as a plain `mkdocs build`
    seconds = time.perf_counter() - t
    pages = list(site.rglob("*.html"))
    size = sum(p.stat().st_size for p in site.rglob("*") if p.is_file())
    return {"seconds": seconds, "pages": len(pages), "bytes": size, "peak_mb": _peak_mb()}


def child_bare(corpus: Path) -> dict:
    import spacy

    from generator.analyse.pipeline import CHUNK, MODEL_NAMES, MULTIPROCESS_MIN
    from generator.ingest import read_articles

    texts = [a.analysed_text() for a in read_articles([str(corpus)]).articles]
    total_words = sum(len(t.split()) for t in texts)
    sample = int(os.environ.get("BENCH_BARE_SAMPLE", "0"))
    if sample and len(texts) > sample:
        texts = texts[:sample]  # throughput (words/s) does not depend on how many texts
    words = sum(len(t.split()) for t in texts)
    for name in MODEL_NAMES:
        try:
            nlp = spacy.load(name, exclude=["lemmatizer"])
            break
        except OSError:
            continue
    # the same decision as Analyser.analyse
    n_process = min(os.cpu_count() or 1, 4) if len(texts) >= MULTIPROCESS_MIN else 1
    t = time.perf_counter()
    for _ in nlp.pipe(texts, batch_size=CHUNK, n_process=n_process):
        pass
    seconds = (time.perf_counter() - t) * total_words / words  # scaled to the whole corpus
    return {"seconds": seconds, "words": total_words, "sampled_words": words, "n_process": n_process, "peak_mb": _peak_mb()}


def _child(kind: str, path: Path, engine: str = "mkdocs") -> dict:
    """``kind`` run in a fresh process; ``process``: its whole wall time, the interpreter's
    start and the imports (spaCy's most of all) with it, as a user's ``digest build`` takes."""
    t = time.perf_counter()
    out = subprocess.run(
        [sys.executable, __file__, "--child", kind, str(path), "--engine", engine],
        check=True, capture_output=True, text=True, cwd=ROOT,
    )
    return json.loads(out.stdout.strip().splitlines()[-1]) | {"process": time.perf_counter() - t}


# --------------------------------------------------------------------------- one size


def prepare(n: int, work: Path, corpus_from: Path | None = None) -> tuple[Path, Path]:
    """The corpus (written, or ``corpus_from``'s, only read) and the project, which reads it
    and its own ``extra/`` folder (where the benchmark adds its article)."""
    from bench.corpus import write_corpus

    if corpus_from is None:
        corpus = work / f"corpus-{n}"
        write_corpus(n, corpus)
    else:
        corpus = corpus_from / f"corpus-{n}"
    project = work / f"site-{n}"
    (project / "docs").mkdir(parents=True, exist_ok=True)
    (project / "extra").mkdir(exist_ok=True)
    for source, target in [(ROOT / "mkdocs.yml", project / "mkdocs.yml"),
                           *((ROOT / "docs" / name, project / "docs" / name) for name in ("index.md", "methodology.md", "tags.md"))]:
        if not target.is_file() or target.read_bytes() != source.read_bytes():
            shutil.copy(source, target)  # only when it changed: a hand-written page touched is a change of docs/
    (project / "digest.yml").write_text(f"articles: [{corpus}, {project / 'extra'}]\ncache_dir: .digest-cache\n")
    return corpus, project


def clean(project: Path) -> None:
    from generator.render.pages import OWNED

    for d in OWNED:
        shutil.rmtree(project / "docs" / d, ignore_errors=True)
    for d in ("site", ".digest-cache", ".docs.undo"):
        shutil.rmtree(project / d, ignore_errors=True)


# the corpus spans 2024: mid-range, before the oldest, after the newest, and no date at all
EXTRA_DATES: dict[str, str | None] = {"mid": "2024-07-01", "first": "2023-12-15", "last": "2025-01-15", "undated": None}
EXTRA_LABELS = {"mid": "warm+1 mid-range", "first": "warm+1 first", "last": "warm+1 last", "undated": "warm+1 undated"}


def add_article(path: Path, project: Path, date: str | None = EXTRA_DATES["mid"]) -> None:
    """Write the benchmark's extra article, dated ``date`` (mid-range by default: an article
    that a feed brings weeks late is inserted among the others, not after them; None: no date),
    and forget its analysis, so that the build analyses exactly one article."""
    import random
    import re

    from bench.corpus import article
    from generator.cache import article_key
    from generator.ingest import read_articles

    text = article(10**6, random.Random("extra"))
    text = re.sub(r"(?m)^date: .*\n", f"date: {date}\n" if date else "", text, count=1)
    path.write_text(text, encoding="utf-8")
    key = article_key(read_articles([str(path)]).articles[0])
    for entry in (project / ".digest-cache" / "analysis").glob(f"*/{key[:2]}/{key}.json"):
        entry.unlink()
    try:
        from generator.analysispack import FOLDER, AnalysisPack
    except ImportError:  # a generator before the pack
        return
    for pack in (project / ".digest-cache" / "analysis").glob(f"*/{FOLDER}"):  # packed too (generator.analysispack)
        AnalysisPack(pack.parent, pack.parent.name).forget({key})


def snapshot(project: Path) -> dict[str, dict[str, tuple[int, int, str]]]:
    """Every file of docs/ and site/: rel path -> (inode, mtime_ns, content hash)."""
    import hashlib

    out = {}
    for top in ("docs", "site"):
        files = {}
        root = project / top
        for here, _, names in os.walk(root):
            for name in names:
                path = Path(here, name)
                st = path.stat()
                files[path.relative_to(root).as_posix()] = (st.st_ino, st.st_mtime_ns, hashlib.sha1(path.read_bytes()).hexdigest())
        out[top] = files
    return out


def rewritten(before: dict, after: dict) -> dict:
    """How many files of docs/ and site/ a build wrote (new, or another inode or modification
    time) and how many of those changed content (new, changed or removed), with the top folders
    of the changed ones."""
    out = {}
    for top in ("docs", "site"):
        b, a = before[top], after[top]
        written = [p for p, s in a.items() if b.get(p, (None, None))[:2] != s[:2]]
        changed = [p for p, s in a.items() if b.get(p, (None, None, None))[2] != s[2]] + [p for p in b if p not in a]
        folders: dict[str, int] = {}
        for p in changed:
            folder = p.split("/")[0] if "/" in p else "."
            folders[folder] = folders.get(folder, 0) + 1
        out[top] = {"files": len(a), "written": len(written), "changed": len(changed),
                    "folders": dict(sorted(folders.items(), key=lambda kv: -kv[1])),
                    "paths": sorted(changed)[:2000]}  # in results-N.json: which files, to find why
    return out


def _measured(kind: str, project: Path, engine: str = "mkdocs") -> dict:
    """``_child`` with the files it rewrote (see ``rewritten``)."""
    before = snapshot(project)
    result = _child(kind, project, engine)
    result["rewritten"] = rewritten(before, snapshot(project))
    return result


def _uptime() -> str:
    """The machine's load averages (1, 5, 15 minutes): numbers measured on a loaded machine say so."""
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


def measure(n: int, work: Path, cold_too: bool = True, corpus_from: Path | None = None, full: bool = True,
            kinds: tuple[str, ...] = tuple(EXTRA_DATES)) -> dict:
    corpus, project = prepare(n, work, corpus_from)
    cold = None
    if cold_too:
        clean(project)
        print(f"[{n}] cold build...", file=sys.stderr, flush=True)
        cold = _child("build", project)
    print(f"[{n}] warm build...", file=sys.stderr, flush=True)
    warm = _measured("build", project) | {"uptime": _uptime()}
    extra = project / "extra" / "bench-extra.md"
    warm1_full = mk = None
    extras: dict[str, dict] = {}
    try:
        for kind in kinds:
            add_article(extra, project, EXTRA_DATES[kind])
            print(f"[{n}] warm build, one article added ({EXTRA_LABELS[kind]})...", file=sys.stderr, flush=True)
            extras[kind] = _measured("build", project) | {"uptime": _uptime()}
            extra.unlink()
            print(f"[{n}] warm build, that article removed again...", file=sys.stderr, flush=True)
            _child("build", project)
        if full:
            add_article(extra, project)
            print(f"[{n}] warm build, the article added again, whole site built (--full)...", file=sys.stderr, flush=True)
            warm1_full = _child("build-full", project)
            print(f"[{n}] mkdocs alone, twice...", file=sys.stderr, flush=True)
            runs = [_child("mkdocs", project) for _ in range(2)]
            mk = runs[0] | {"seconds": sum(r["seconds"] for r in runs) / 2, "runs": [r["seconds"] for r in runs]}
    finally:
        extra.unlink(missing_ok=True)
    bare = None
    if cold_too:
        print(f"[{n}] bare spaCy model...", file=sys.stderr, flush=True)
        bare = _child("bare", corpus)
    return {"n": n, "cold": cold, "warm": warm, "warm1": extras.get("mid"), "warm1_first": extras.get("first"),
            "warm1_last": extras.get("last"), "warm1_undated": extras.get("undated"), "warm1_full": warm1_full, "mkdocs": mk,
            "bare": bare}


def measure_zensical(n: int, work: Path, full: bool = True) -> dict:
    """The site stage on Zensical, on the project ``measure`` left (analysis cache and pages warm);
    ``full=False``: not the whole site alone (nor the build before it)."""
    project = work / f"site-{n}"
    shutil.rmtree(project / ".cache", ignore_errors=True)  # Zensical's own cache
    print(f"[{n}] zensical: first build (its cache empty)...", file=sys.stderr, flush=True)
    first = _child("build", project, "zensical")
    print(f"[{n}] zensical: warm build...", file=sys.stderr, flush=True)
    warm = _child("build", project, "zensical")
    extra = project / "extra" / "bench-extra.md"
    try:
        add_article(extra, project)
        print(f"[{n}] zensical: warm build, one article added...", file=sys.stderr, flush=True)
        warm1 = _child("build", project, "zensical")
    finally:
        extra.unlink(missing_ok=True)
    alone = None
    if full:
        print(f"[{n}] zensical: the article removed again; whole site alone...", file=sys.stderr, flush=True)
        _child("build", project, "zensical")
        alone = _child("mkdocs", project, "zensical")
    pages = sum(1 for _ in (project / "site").rglob("*.html"))
    return {"n": n, "pages": pages, "first": first, "warm": warm, "warm1": warm1, "alone": alone}


# --------------------------------------------------------------------------- report


def report_analysis(results: list[dict]) -> str:
    """The cold build's analysis throughput beside the bare model's (the ratio column of ``report``)."""
    rows = []
    for r in results:
        words, seconds = r["bare"]["words"], r["cold"]["timings"]["analyse"]
        ours, bare = words / seconds, words / r["bare"]["seconds"]
        rows.append([f"{r['n']:,}", f"{words:,}", f"{seconds:.1f}s", f"{r['bare']['seconds']:.1f}s", f"{ours:,.0f}",
                     f"{bare:,.0f}", f"{ours / bare:.2f}", str(r["bare"]["n_process"])])
    lines = text_table(["articles", "words", "ours analyse", "bare model", "ours w/s", "bare w/s", "ratio", "processes"], rows)
    lines.append("")
    lines.append("ours = the cold build's analyse stage; bare = the trained model alone (nlp.pipe), same texts and processes")
    lines.append("(wall clock: on a loaded machine see also bench/analysis_speed.py, which compares CPU seconds).")
    return "\n".join(lines)


def report(results: list[dict]) -> str:
    rows = []
    head = ["articles", "read", "load", "analyse", "digest", "markdown", "mkdocs", "cold", "warm", "warm+1",
            "stories cold/warm+1", "analysed warm/+1", "peak MB", "ours w/s", "bare w/s", "ratio", "outside mkdocs", "KB/page", "ms/page"]
    for r in results:
        t = r["cold"]["timings"]
        words = r["bare"]["words"]
        ours = words / t["analyse"] if t["analyse"] else 0
        bare = words / r["bare"]["seconds"]
        outside = (r["warm1_full"]["total"] - r["mkdocs"]["seconds"]) / r["warm1_full"]["total"]
        peak = max(r[k]["peak_mb"] for k in ("cold", "warm", "warm1", "warm1_full", "mkdocs"))
        rows.append([
            f"{r['n']:,}", f"{t['read']:.1f}s", f"{t['load model']:.1f}s", f"{t['analyse']:.1f}s", f"{t['digest']:.1f}s",
            f"{t['pages']:.1f}s", f"{t['mkdocs']:.1f}s", f"{r['cold']['total']:.1f}s",
            f"{r['warm']['total']:.1f}s", f"{r['warm1']['total']:.1f}s",
            f"{t.get('stories', 0) / r['cold']['total']:.1%} / {r['warm1']['timings'].get('stories', 0):.2f}s",
            f"{r['warm']['analysed']}/{r['warm1']['analysed']}", f"{peak:,.0f}", f"{ours:,.0f}", f"{bare:,.0f}",
            f"{ours / bare:.2f}", f"{outside:.0%}", f"{r['mkdocs']['bytes'] / r['mkdocs']['pages'] / 1024:.1f}",
            f"{1000 * r['mkdocs']['seconds'] / r['mkdocs']['pages']:.1f}",
        ])
    lines = text_table(head, rows)
    if len(results) >= 2:
        a, b = results[-2], results[-1]
        bpp = (b["mkdocs"]["bytes"] / b["mkdocs"]["pages"]) / (a["mkdocs"]["bytes"] / a["mkdocs"]["pages"])
        tpp = (b["mkdocs"]["seconds"] / b["mkdocs"]["pages"]) / (a["mkdocs"]["seconds"] / a["mkdocs"]["pages"])
        lines.append("")
        lines.append(f"growth {a['n']:,} -> {b['n']:,}: bytes per page x{bpp:.2f}, mkdocs time per page x{tpp:.2f}")
    lines.append("")
    lines.append("cold = whole build with no cache, pages or site; warm = nothing changed; warm+1 = one article added")
    lines.append("stories cold/warm+1 = story detection (part of digest): its share of the cold build, its seconds in warm+1")
    lines.append("(and the site built incrementally; see the next table for the same with the whole site built);")
    lines.append("markdown = render + write (in the same worker processes); ratio = our analysis throughput / the bare model's (same texts, processes);")
    lines.append("outside mkdocs = share of a warm+1 build with the whole site built (--full) not spent in mkdocs build")
    lines.append("(mkdocs build timed alone on the same docs/).")
    return "\n".join(lines)


# stages timed inside others (generator.build.run's timings): stories in digest, reading the
# analysis cache and waiting for the articles analysed aside in analyse
NESTED = ("stories", "cached read", "aside wait")


def report_warm(results: list[dict]) -> str:
    """The warm+1 builds stage by stage, beside ``mkdocs build`` alone on the same docs/."""
    head = ["articles", "warm", "warm+1", "read", "load", "analyse", "digest", "markdown", "mkdocs in build",
            "ours", "warm+1 --full", "its mkdocs", "its ours", "mkdocs alone", "outside mkdocs"]
    rows = []
    for r in results:
        t, full = r["warm1"]["timings"], r["warm1_full"]
        ours = sum(v for k, v in t.items() if k != "mkdocs" and k not in NESTED)
        ours_full = sum(v for k, v in full["timings"].items() if k != "mkdocs" and k not in NESTED)
        rows.append([
            f"{r['n']:,}", f"{r['warm']['total']:.1f}s", f"{r['warm1']['total']:.1f}s", f"{t['read']:.1f}s",
            f"{t['load model']:.1f}s", f"{t['analyse']:.1f}s", f"{t['digest']:.1f}s", f"{t['pages']:.1f}s",
            f"{t['mkdocs']:.1f}s", f"{ours:.1f}s", f"{full['total']:.1f}s", f"{full['timings']['mkdocs']:.1f}s",
            f"{ours_full:.1f}s ({ours_full / full['total']:.0%})", f"{r['mkdocs']['seconds']:.1f}s",
            f"{(full['total'] - r['mkdocs']['seconds']) / full['total']:.0%}",
        ])
    lines = text_table(head, rows)
    lines.append("")
    lines.append("warm+1 = one article added (its stages follow; ours = every stage but mkdocs, which keeps the")
    lines.append("unchanged article pages of the last site); warm+1 --full = the same article added again after")
    lines.append("its removal, the whole site built by mkdocs; mkdocs alone = a full `mkdocs build` in a fresh")
    lines.append("process on the same docs/ (the mean of two runs); outside mkdocs = (warm+1 --full - mkdocs alone)")
    lines.append("/ warm+1 --full; its ours = the stages of that build other than mkdocs, measured inside it.")
    return "\n".join(lines)


SIZE_FOLDERS = ("articles", "downloads", "search", "actors", "themes", "stories")


def report_size(results: list[dict]) -> str:
    """The site's bytes by folder after the warm build (nothing changed), and per article page."""
    head = ["articles", "site MB", "files", *(f"{f} MB" for f in SIZE_FOLDERS), "other MB", "KB/article page",
            "KB/article (all)"]
    rows = []
    for r in results:
        size = r["warm"].get("size")
        if not size:
            continue
        folders = size["folders"]
        other = size["total"] - sum(folders.get(f, 0) for f in SIZE_FOLDERS)
        pages = size["article_pages"] or 1
        rows.append([
            f"{r['n']:,}", f"{size['total'] / 1e6:,.1f}", f"{size['files']:,}",
            *(f"{folders.get(f, 0) / 1e6:,.1f}" for f in SIZE_FOLDERS), f"{other / 1e6:,.1f}",
            f"{folders.get('articles', 0) / pages / 1024:.1f}", f"{size['total'] / r['n'] / 1024:.1f}",
        ])
    lines = text_table(head, rows)
    lines.append("")
    lines.append("site bytes by top-level folder (MB = 10^6 bytes) after the warm build; other = every other folder and")
    lines.append("the root's files (assets, editions, briefs, feeds, ...); KB/article page = the articles folder over")
    lines.append("its article pages; KB/article (all) = the whole site over the articles. GitHub Pages' limit: 1,000 MB.")
    return "\n".join(lines)


WARM_ROWS = (("warm", "warm"), ("warm1", "warm+1 mid-range"), ("warm1_first", "warm+1 first"), ("warm1_last", "warm+1 last"),
             ("warm1_undated", "warm+1 undated"))


def report_rewritten(results: list[dict]) -> str:
    """Warm builds: nothing changed, one article added dated mid-range, one dated last; their
    time, peak memory and the files they rewrote, and the stages of the warm build."""
    head = ["articles", "build", "seconds", "process", "CPU s", "stories", "peak MB", "docs written", "docs changed",
            "site written", "site changed", "changed by folder (site)", "load"]
    rows = []
    for r in results:
        for name, label in WARM_ROWS:
            b = r.get(name)
            if not b or "rewritten" not in b:
                continue
            d, site = b["rewritten"]["docs"], b["rewritten"]["site"]
            folders = ", ".join(f"{k} {v}" for k, v in list(site["folders"].items())[:6])
            rows.append([f"{r['n']:,}", label, f"{b['total']:.1f}s", f"{b['process']:.1f}s" if "process" in b else "-",
                         f"{b.get('cpu', 0):.1f}s",
                         f"{b['timings'].get('stories', 0):.2f}s", f"{b['peak_mb']:,.0f}",
                         f"{d['written']:,} of {d['files']:,}", f"{d['changed']:,}",
                         f"{site['written']:,} of {site['files']:,}", f"{site['changed']:,}", folders, b.get("uptime", "")])
    lines = text_table(head, rows)
    lines.append("")
    lines.append("written = files new or with another inode or modification time after the build; changed = files whose")
    lines.append("content differs (new, changed or removed). MkDocs writes every page it does not keep from the last site")
    lines.append("(see build.KEPT_PAGES), so 'site written' is more than 'site changed'. seconds = the build (generator.build.run);")
    lines.append("process = the whole process that ran it, Python's start and the imports (spaCy's) too, as `digest build`. CPU s = user + system time of the")
    lines.append("build's process and its workers; stories = story detection (part of digest); load = the machine's load")
    lines.append("averages (1, 5, 15 min) when the build ended.")
    stages: list[str] = []
    for r in results:
        for name, _ in WARM_ROWS:
            stages += [k for k in (r.get(name) or {}).get("timings", {}) if k not in stages]
    lines.append("")
    lines += text_table(["articles", "build", *stages], [
        [f"{r['n']:,}", label, *(f"{r[name]['timings'].get(k, 0):.2f}s" for k in stages)]
        for r in results for name, label in WARM_ROWS
        if r.get(name)
    ])
    return "\n".join(lines)


def report_engines(results: list[dict], zensical: list[dict]) -> str:
    """The site stage (``mkdocs build`` or ``zensical build``, inside ``digest build``) of both
    engines side by side, and each one's whole site built alone."""
    head = ["articles", "pages", "warm: mkdocs", "warm: zensical", "warm+1: mkdocs", "warm+1: zensical",
            "whole site: mkdocs", "whole site: zensical", "zensical first", "build warm+1: mkdocs", "build warm+1: zensical"]
    rows = []
    for r, z in zip(results, zensical, strict=True):
        pages = r["mkdocs"]["pages"] if r.get("mkdocs") else z["pages"]
        rows.append([
            f"{r['n']:,}", f"{pages:,}",
            f"{r['warm']['timings']['mkdocs']:.1f}s", f"{z['warm']['timings']['mkdocs']:.1f}s",
            f"{r['warm1']['timings']['mkdocs']:.1f}s", f"{z['warm1']['timings']['mkdocs']:.1f}s",
            f"{r['mkdocs']['seconds']:.1f}s" if r.get("mkdocs") else "-", f"{z['alone']['seconds']:.1f}s" if z.get("alone") else "-",
            f"{z['first']['timings']['mkdocs']:.1f}s",
            f"{r['warm1']['total']:.1f}s", f"{z['warm1']['total']:.1f}s",
        ])
    lines = text_table(head, rows)
    lines.append("")
    lines.append("site stage of `digest build` on each engine: warm = nothing changed, warm+1 = one article added")
    lines.append("(MkDocs keeps unchanged article pages of the last site; Zensical skips unchanged pages with its")
    lines.append("own cache, .cache/); whole site = the site alone in a fresh process, every page built (mkdocs: the")
    lines.append("mean of two runs); zensical first = nothing changed but Zensical's cache empty; build warm+1 =")
    lines.append("the whole `digest build` with one article added.")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 1000, 10000])
    parser.add_argument("--work", type=Path, default=ROOT / "bench" / ".work")
    parser.add_argument("--bare-sample", type=int, default=0,
                        help="time the bare model on the first N texts only (words/s is the same; saves time at 10,000)")
    parser.add_argument("--warm-only", action="store_true",
                        help="reuse the work folder's cache and pages: warm, warm+1 and mkdocs alone only (after a full run)")
    parser.add_argument("--corpus-from", type=Path,
                        help="use the corpus-N folders of this (another run's) work folder, only reading them; "
                             "with --warm-only, copy its site-N/.digest-cache into --work first")
    parser.add_argument("--no-full", action="store_true",
                        help="skip the warm+1 build with the whole site and mkdocs alone, and with --engine zensical its whole "
                             "site alone (their columns are left out: '-')")
    parser.add_argument("--engine", choices=["mkdocs", "zensical"], default="mkdocs",
                        help="zensical: also build each size with Zensical and print both engines' site stage side by side")
    parser.add_argument("--extra", nargs="+", choices=list(EXTRA_DATES), default=list(EXTRA_DATES),
                        help="the warm+1 builds: the article added dated mid-range, before the oldest (first), after the "
                             "newest (last), or undated (default: all four)")
    parser.add_argument("--child", nargs=2, metavar=("KIND", "PATH"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        kind, path = args.child
        engine = args.engine
        fn = {"build": lambda p: child_build(p, engine=engine), "build-full": lambda p: child_build(p, full=True, engine=engine),
              "mkdocs": lambda p: child_mkdocs(p, engine=engine), "bare": child_bare}[kind]
        print(json.dumps(fn(Path(path))))
        return 0
    if "mid" not in args.extra and not (args.no_full and args.engine == "mkdocs"):
        parser.error("the first tables and --engine zensical compare the warm+1 build dated mid-range: "
                     "keep 'mid' in --extra, or add --no-full")
    args.work.mkdir(parents=True, exist_ok=True)
    os.environ["BENCH_BARE_SAMPLE"] = str(args.bare_sample)  # read by the bare-model child
    results, zensical = [], []
    for n in args.sizes:
        results.append(measure(n, args.work.resolve(), cold_too=not args.warm_only,
                               corpus_from=args.corpus_from.resolve() if args.corpus_from else None, full=not args.no_full,
                               kinds=tuple(args.extra)))
        (args.work / f"results-{n}.json").write_text(json.dumps(results[-1], indent=1))
        if args.engine == "zensical":
            zensical.append(measure_zensical(n, args.work.resolve(), full=not args.no_full))
            (args.work / f"results-zensical-{n}.json").write_text(json.dumps(zensical[-1], indent=1))
        if not args.warm_only and not args.no_full:
            print(report(results), flush=True)
            print(flush=True)
        elif not args.warm_only:  # the cold build's analysis beside the bare model all the same
            print(report_analysis(results), flush=True)
            print(flush=True)
        if not args.no_full:
            print(report_warm(results), flush=True)
            print(flush=True)
        print(report_rewritten(results), flush=True)
        print(flush=True)
        print(report_size(results), flush=True)
        print(flush=True)
        if zensical:
            print(report_engines(results, zensical), flush=True)
            print(flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
