"""Benchmark the offline search in headless Chromium from file:// and print one table.

    python bench/search.py [--sizes 1000 10000] [--work bench/.work/search] [--material]
                           [--delay MS] [--detail] [--repeat N] [--site SITE]

For each size N it builds (or reuses) the synthetic digest of bench/corpus.py with the project's
own build (``bench.run.prepare``; the site is rebuilt only when it is missing, older than the
corpus, or built by another version of the index writer), then types a fixed list of queries (one word, several words,
prefixes, phrases, rare and absent words) into the header box with key events, ``--delay`` ms
apart, and measures per query:
- latency: from the input event of the last keystroke to the rendered results, as search.js
  reports it (its ``digest-search-rendered`` event, timed with performance.now()): all of them
  (the dropdown may show its first results before, see the phases below);
- bytes: the sizes of the files under site/search/ that the page requested for that query.
Three runs: "session" types every query into one page, loaded fresh for the first query (later
queries may reuse what earlier ones loaded, as they would on that page); "fresh" loads the page
again before each query, so every query starts with nothing loaded; "pasted" too, and puts the
whole query into the box at once (one input event: nothing is loaded while typing, the worst
case). Bytes are those of the fresh run unless said otherwise. It also reports the index
on disk (search/ bytes and files), and where a pasted query's time goes: when, after its input
event, the manifest, the last term shard and the last result record had arrived, and when the
results were shown (a script injected before the page's own logs each index file asked for and
each one's data arriving). ``--repeat N`` runs the fresh and pasted queries N times (more
samples: the numbers of a loaded machine vary); ``--site`` measures a site already built, as
it is. With ``--material`` it also builds the same pages with
Material's own search plugin on (search + offline) and times that search's first query after
a fresh page load (from opening the page, since that search first builds its index in the
page), waiting at most 120 s.
"""

from __future__ import annotations

import argparse
import contextlib
import hashlib
import json
import logging
import re
import shutil
import statistics
import sys
import time
from pathlib import Path
from urllib.parse import unquote, urlsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.table import text_table

QUERIES = [
    # one word
    "Kursk", "tariffs", "sanctions", "Pyongyang", "Zelensky", "missiles", "artillery", "Taiwan",
    "drones", "semiconductors",
    # several words
    "North Korea", "Xi Jinping", "trade war", "Black Sea", "Kim Jong Un", "Putin sanctions",
    "troops Kursk", "NATO drills", "coast guard vessels", "asset freeze extended",
    # the last word still being typed
    "Kur", "sanc", "Pyong", "Zel", "tari", "deplo", "semic", "Vladi", "north kor", "export contr",
    # phrases
    '"North Korean troops"', '"Taiwan Strait"', '"South China Sea"', '"trade war"',
    '"air defence systems"', '"asset freeze"',
    # rare words (the synthetic corpus repeats a small vocabulary: these are only on theme
    # pages), common ones, and words that are nowhere
    "embargoes", "theatre", "negotiations", "penalties", "Ishiba", "aluminium", "Vladivostok",
    "said", "officials", "Blagoveshchensk", "zeppelin",
]
MATERIAL_CAP_S = 120
CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--no-first-run", "--disable-sync"]
# the sources of the index: a site older than any of them is rebuilt
INDEX_SOURCES = [ROOT / "generator" / "render" / "search.py", ROOT / "generator" / "searchtext.py"]
ASSETS = ["search.js", "digest.css"]  # copied into an existing site when only they changed


# --------------------------------------------------------------------------- the digest


def _newest(folder: Path) -> float:
    return max((p.stat().st_mtime for p in folder.iterdir()), default=0.0)


def _stamp() -> str:
    """What the index writer is now: a site built from other sources is rebuilt."""
    digest = hashlib.sha256()
    for path in INDEX_SOURCES:
        digest.update(path.read_bytes())
    return digest.hexdigest()


def ensure_site(n: int, work: Path) -> Path:
    """The site of the N-article benchmark digest, built when missing or out of date."""
    from bench.run import prepare
    from generator.build import TEMPLATE_ASSETS, run
    from generator.config import load_config

    corpus, project = prepare(n, work)
    site, manifest = project / "site", project / "site" / "search" / "manifest.js"
    stamp_file, stamp = project / ".bench-search-stamp", _stamp()
    built_with = stamp_file.read_text() if stamp_file.is_file() else None
    if not manifest.is_file() or manifest.stat().st_mtime < _newest(corpus) or built_with != stamp:
        print(f"[{n}] building the digest (a first build at 10,000 articles takes a while)...",
              file=sys.stderr, flush=True)
        t = time.perf_counter()
        result = run(load_config(project))
        stamp_file.write_text(stamp)
        print(f"[{n}] built {result.built} articles in {time.perf_counter() - t:.0f} s",
              file=sys.stderr, flush=True)
    for name in ASSETS:  # only the browser side changed: no need to rebuild 10,000 pages
        src = TEMPLATE_ASSETS / name
        for dest in (project / "docs" / "assets" / "digest" / name, site / "assets" / "digest" / name):
            if not dest.is_file() or dest.read_bytes() != src.read_bytes():
                shutil.copyfile(src, dest)
    return site


def material_site(n: int, work: Path, site: Path) -> Path:
    """The same pages built with Material's search plugin on (and without search.js)."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config as mkdocs_config

    project = site.parent
    variant = work / f"material-{n}"
    out = variant / "site"
    if (out / "search" / "search_index.js").is_file() and out.stat().st_mtime >= site.stat().st_mtime:
        return out
    shutil.rmtree(variant, ignore_errors=True)
    variant.mkdir(parents=True)
    (variant / "docs").symlink_to(project / "docs", target_is_directory=True)
    text = (project / "mkdocs.yml").read_text(encoding="utf-8")
    edits = {"\n  - tags\n": "\n  - search\n  - tags\n",
             "extra_javascript:\n  - assets/digest/search.js\n": "extra_javascript: []\n"}
    for old, new in edits.items():
        if old not in text:
            raise SystemExit(f"{project / 'mkdocs.yml'}: cannot find {old.strip()!r} to edit")
        text = text.replace(old, new)
    (variant / "mkdocs.yml").write_text(text, encoding="utf-8")
    print(f"[{n}] building the Material-search variant...", file=sys.stderr, flush=True)
    t = time.perf_counter()
    logging.getLogger("mkdocs").setLevel(logging.ERROR)
    with contextlib.chdir(variant):
        build(mkdocs_config(config_file="mkdocs.yml"))
    print(f"[{n}] Material variant built in {time.perf_counter() - t:.0f} s", file=sys.stderr, flush=True)
    return out


# --------------------------------------------------------------------------- the browser

LISTEN = """() => { window.__bench = [];
    document.addEventListener('digest-search-rendered', e => window.__bench.push(e.detail)); }"""

# Installed before any page script runs: logs when each index file under search/ is asked for
# (a <script> added to the page), when its data arrives (the file calls __ds.m/t/d/f, which
# search.js defines: the setters wrap them) and when an input event starts a search, all on
# performance.now()'s clock. The bench reads it to split a query's time into phases.
PHASES = r"""(() => {
    const log = window.__benchLog = {asked: [], arrived: [], input: []};
    const add = Node.prototype.appendChild, before = Node.prototype.insertBefore;
    const note = el => {
        if (el instanceof HTMLScriptElement && /\/search\//.test(el.src))
            log.asked.push({file: el.src.replace(/^.*\/search\//, ''), t: performance.now()});
    };
    Node.prototype.appendChild = function (el) { note(el); return add.call(this, el); };
    Node.prototype.insertBefore = function (el, ref) { note(el); return before.call(this, el, ref); };
    const ds = window.__ds = {};
    for (const kind of ['m', 't', 'd', 'f', 'b']) {
        let fn;
        Object.defineProperty(ds, kind, {configurable: true, enumerable: true,
            get() { return fn; },
            set(v) { fn = function (...args) {
                const t = performance.now(), out = v.apply(this, args);
                log.arrived.push({kind, key: kind === 'm' ? '' : String(args[0]), t, ms: performance.now() - t});
                return out; }; }});
    }
    document.addEventListener('input', e => log.input.push(e.timeStamp), true);
})()"""


def _bytes(urls: list[str], search: Path) -> int:
    total = 0
    for url in set(urls):
        path = Path(unquote(urlsplit(url).path))
        if path.is_relative_to(search) and path.is_file():
            total += path.stat().st_size
    return total


def run_queries(browser, site: Path, fresh: bool, delay: int, pasted: bool = False) -> list[dict]:
    """Types (or pastes) every query; returns [{query, ms, bytes, count, phases}] in order
    (``phases``: see ``phases``)."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.add_init_script(PHASES)
    page = context.new_page()
    requested: list[str] = []
    page.on("request", lambda r: requested.append(r.url))
    out = []
    for i, query in enumerate(QUERIES):
        if fresh or i == 0:
            page.goto((site / "index.html").as_uri())
            page.evaluate(LISTEN)
        box = page.locator("#digest-search-box")
        if not fresh and i:
            box.fill("")
        page.evaluate("() => { window.__bench = []; }")
        log_at = page.evaluate("() => ({asked: __benchLog.asked.length, arrived: __benchLog.arrived.length})")
        before = len(requested)
        if pasted:
            box.fill(query)
        else:
            box.press_sequentially(query, delay=delay)
        page.wait_for_function("q => window.__bench.some(e => e.query === q && !e.partial)", arg=query,
                               timeout=60_000)
        event = page.evaluate("q => window.__bench.filter(e => e.query === q && !e.partial).pop()", query)
        first = page.evaluate("q => window.__bench.find(e => e.query === q).ms", query)
        page.wait_for_timeout(20)  # a script already requested for it still counts
        log = page.evaluate("() => __benchLog")
        out.append({"query": query, "ms": event["ms"], "count": event["count"],
                    "bytes": _bytes(requested[before:], site / "search"),
                    "phases": phases(log, log_at, event["ms"], first, whole=fresh)})
    context.close()
    return out


def phases(log: dict, at: dict, ms: float, first: float, whole: bool) -> dict:
    """When, in ms after the input event that started the query (the last one), the index files
    it needed arrived: ``manifest``, the last term shard (``shards``, and how many: ``n_shards``),
    the first record asked for (``ask_records``) and the last to arrive (``records``,
    ``n_records``), and the results shown: the first of them (``first``: the dropdown shows its
    top results while the others' records load) and all (``shown``); ``parse``: ms spent in the handlers
    the files call. A file loaded before the input event (the manifest, fetched when the box
    got focus or the page was idle) counts from the page's start (``whole``) but arrives at a
    negative time."""
    start = log["input"][-1] if log["input"] else 0.0
    asked = log["asked"] if whole else log["asked"][at["asked"]:]
    arrived = log["arrived"] if whole else log["arrived"][at["arrived"]:]
    def last(kind):
        times = [a["t"] - start for a in arrived if a["kind"] == kind]
        return (max(times) if times else None), len(times)
    manifest, _ = last("m")
    shards, n_shards = last("t")
    records, n_records = last("d")
    ask = [a["t"] - start for a in asked if a["file"].startswith(("d/", "b/"))]
    return {"manifest": manifest, "shards": shards, "n_shards": n_shards,
            "ask_records": min(ask) if ask else None, "records": records, "n_records": n_records,
            "first": first, "shown": ms, "parse": sum(a["ms"] for a in arrived)}


def material_first_query(browser, site: Path, query: str = "Kursk") -> float | None:
    """Seconds from opening a page to Material's results for a query typed as soon as the page
    has loaded (its index is built in the page first: typing may wait for it); None past the cap."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    t = time.perf_counter()

    def left() -> float:  # ms until the cap
        return max(1.0, MATERIAL_CAP_S * 1000 - 1000 * (time.perf_counter() - t))

    try:
        page.goto((site / "index.html").as_uri(), timeout=MATERIAL_CAP_S * 1000)
        page.locator(".md-search__input").press_sequentially(query, delay=30, timeout=left())
        page.wait_for_function(
            """() => { const m = document.querySelector('.md-search-result__meta');
                       return m && /matching/.test(m.textContent); }""",
            timeout=left(), polling=50,
        )
        return time.perf_counter() - t
    except PlaywrightTimeout:  # the cap is the result
        return None
    finally:
        context.close()


# --------------------------------------------------------------------------- the report


def _pct(values: list[float], p: float) -> float:
    values = sorted(values)
    k = max(0, min(len(values) - 1, round(p / 100 * (len(values) - 1))))
    return values[k]


def index_size(site: Path) -> tuple[int, int]:
    files = [p for p in (site / "search").rglob("*") if p.is_file()]
    return sum(p.stat().st_size for p in files), len(files)


def report(rows: list[dict]) -> str:
    head = ["articles", "index MB", "files", "queries", "session p50 ms", "p95", "first",
            "fresh p50 ms", "p95", "max", "pasted p50 ms", "p95", "max", "1st shown p50", "p95", "median KB", "p95 KB",
            "max KB", "session median KB", "Material 1st query"]
    table = []
    for r in rows:
        ms = {k: [q["ms"] for q in r[k]] for k in ("session", "fresh", "pasted")}
        first = [q["phases"].get("first", q["ms"]) for q in r["pasted"]]
        kb = [q["bytes"] / 1024 for q in r["fresh"]]
        kb_session = [q["bytes"] / 1024 for q in r["session"]]
        material = r.get("material", "-")
        if material is None:
            material = f">{MATERIAL_CAP_S} s"
        elif isinstance(material, float):
            material = f"{material:.1f} s"
        table.append([
            f"{r['n']:,}", f"{r['bytes'] / 1e6:.1f}", f"{r['files']:,}", f"{len(QUERIES)}x{r.get('repeat', 1)}",
            f"{statistics.median(ms['session']):.0f}", f"{_pct(ms['session'], 95):.0f}", f"{ms['session'][0]:.0f}",
            f"{statistics.median(ms['fresh']):.0f}", f"{_pct(ms['fresh'], 95):.0f}", f"{max(ms['fresh']):.0f}",
            f"{statistics.median(ms['pasted']):.0f}", f"{_pct(ms['pasted'], 95):.0f}", f"{max(ms['pasted']):.0f}",
            f"{statistics.median(first):.0f}", f"{_pct(first, 95):.0f}",
            f"{statistics.median(kb):.0f}", f"{_pct(kb, 95):.0f}", f"{max(kb):.0f}",
            f"{statistics.median(kb_session):.0f}", material,
        ])
    lines = text_table(head, table)
    lines.append("")
    lines.append("ms: from the input event of the last keystroke to rendered results (search.js's own timing);")
    lines.append("1st shown: of a pasted query, its first results (the dropdown shows its top 5 while the rest load).")
    lines.append("session: every query typed into one page, loaded fresh for the first ('first');")
    lines.append("fresh: the page loaded again before each query; pasted: that, and the query put in at once")
    lines.append("(one input event with the whole string, right after the page's load event). queries: the list")
    lines.append("x --repeat (the fresh and pasted runs are repeated; session runs once).")
    lines.append("KB: index files under search/ requested for one query, fresh page (session: same page).")
    lines.append("Material 1st query: Material's own search (plugins search + offline) on the same pages: seconds")
    lines.append(f"from opening a fresh page to the results of 'Kursk' typed at once (capped at {MATERIAL_CAP_S} s).")
    return "\n".join(lines)


PHASE_COLUMNS = [("manifest", "manifest"), ("shards", "shards in"), ("ask_records", "records asked"),
                 ("records", "records in"), ("first", "first results shown"), ("shown", "all results shown")]


def phase_report(r: dict, run: str = "pasted") -> str:
    """Where a pasted query's time goes: p50 / p95 of when each kind of file had arrived."""
    qs = r[run]
    head = ["phase (ms after the input event)", "p50", "p95", "max", "queries"]
    table = []
    for key, name in PHASE_COLUMNS:
        values = [q["phases"][key] for q in qs if q.get("phases", {}).get(key) is not None]
        if values:
            table.append([name, f"{statistics.median(values):.0f}", f"{_pct(values, 95):.0f}",
                          f"{max(values):.0f}", str(len(values))])
    for key, name in (("n_shards", "shard files"), ("n_records", "record files"), ("parse", "ms in index handlers")):
        values = [q["phases"][key] for q in qs if "phases" in q]
        if values:
            table.append([name, f"{statistics.median(values):.0f}", f"{_pct(values, 95):.0f}",
                          f"{max(values):.0f}", str(len(values))])
    lines = [f"[{r['n']:,}] {run}: where the time goes (a negative time: arrived before the query)"]
    lines += text_table(head, table)
    return "\n".join(lines)


def detail(r: dict) -> str:
    lines = [f"[{r['n']:,}] query: session ms / KB, fresh ms / KB, pasted ms, results shown"]
    for s, f, p in zip(r["session"], r["fresh"], r["pasted"], strict=False):
        lines.append(f"  {s['query']:<26} {s['ms']:7.1f} {s['bytes'] / 1024:7.0f}   {f['ms']:7.1f} "
                     f"{f['bytes'] / 1024:7.0f}   {p['ms']:7.1f}   {f['count']}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--work", type=Path, default=ROOT / "bench" / ".work" / "search")
    parser.add_argument("--material", action="store_true", help="also time Material's own search")
    parser.add_argument("--delay", type=int, default=30, help="ms between keystrokes (default 30)")
    parser.add_argument("--detail", action="store_true", help="print every query's numbers")
    parser.add_argument("--site", type=Path, help="measure this built site as it is (no build; one size)")
    parser.add_argument("--repeat", type=int, default=1,
                        help="run the fresh and pasted queries this many times (more samples on a loaded machine)")
    args = parser.parse_args(argv)
    from playwright.sync_api import sync_playwright

    args.work.mkdir(parents=True, exist_ok=True)
    rows = []
    for n in [0] if args.site else args.sizes:
        site = args.site.resolve() if args.site else ensure_site(n, args.work.resolve())
        size, files = index_size(site)
        if args.site:  # its size: the articles it indexes
            n = int(re.search(r'"articles":(\d+)', (site / "search" / "manifest.js").read_text()).group(1))
        row = {"n": n, "bytes": size, "files": files, "repeat": args.repeat}
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS)
            print(f"[{n}] typing {len(QUERIES)} queries...", file=sys.stderr, flush=True)
            row["session"] = run_queries(browser, site, fresh=False, delay=args.delay)
            row["fresh"], row["pasted"] = [], []
            for _ in range(args.repeat):
                row["fresh"] += run_queries(browser, site, fresh=True, delay=args.delay)
                row["pasted"] += run_queries(browser, site, fresh=True, delay=args.delay, pasted=True)
            (args.work / f"results-{n}.json").write_text(json.dumps(row, indent=1))
            if args.material:
                variant = material_site(n, args.work.resolve(), site)
                print(f"[{n}] Material's first query (waits up to {MATERIAL_CAP_S} s)...",
                      file=sys.stderr, flush=True)
                row["material"] = material_first_query(browser, variant)
            browser.close()
        rows.append(row)
        if args.detail:
            print(detail(row), flush=True)
        print(report(rows), flush=True)
        print(flush=True)
        print(phase_report(row), flush=True)
        print(flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
