"""Bad input at scale: N articles, a share of them broken in every way the readers meet, built.

    python bench/bad_input.py [N] [--broken 0.02] [--work bench/.work] [--site] [--ingest-only]

Writes N short synthetic articles (sentences from bench/corpus.py's templates, each article
with a unique title) in every format: Markdown files, plain-text files, JSON lists and JSON
Lines files. ``--broken`` of them (default 2 %) are broken, spread evenly over the kinds below;
then it runs a real build (``digest build --no-site``, or with ``--site`` the whole site; or
with ``--ingest-only`` the readers alone) and prints: files, rejected (by reason), warnings
(by field), built, and lost, the articles whose text was fine but have no page (must be 0).

Kinds of breakage, and what must happen to each:
  empty          an empty .txt file                          rejected: empty file
  binary         a .txt file of bytes with NULs              rejected: binary file
  unclosed       front matter never closed                   rejected: not closed
  bad-json-line  a line of a .jsonl file that is not JSON    rejected: not valid JSON (that line only)
  bad-yaml       front matter that is not valid YAML         kept, warning: front matter dropped
  absurd-date    date: 9999-12-31                            kept, warning: date dropped
  unsafe-url     url: javascript:... / data:...              kept, warning: url dropped

Every article's text is unique (its title holds its number), so none is merged as a
duplicate: an article that is not built is lost, not merged.
"""

from __future__ import annotations

import argparse
import gzip
import json
import random
import re
import shutil
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.corpus import FILLER, HOSTS, THEMES, _fill

REJECTED_KINDS = ("empty", "binary", "unclosed", "bad-json-line")
WARNED_KINDS = ("bad-yaml", "absurd-date", "unsafe-url")
KINDS = REJECTED_KINDS + WARNED_KINDS
JSONL_LINES = 25  # articles per JSON Lines file
JSON_ITEMS = 10  # articles per JSON list file


def _text(i: int, rng: random.Random) -> tuple[str, str, list[str]]:
    """(title, summary, paragraphs) of article ``i``: 5-10 sentences, a title unique to it."""
    theme = rng.choice(sorted(THEMES))
    lead = _fill(rng.choice(THEMES[theme]), rng)
    sentences = [_fill(rng.choice(THEMES[theme] if rng.random() < 0.5 else FILLER), rng) for _ in range(rng.randint(3, 8))]
    sentences.insert(1, f"The desk filed this as report number {i} of the series.")
    half = len(sentences) // 2
    title = f"{lead.rstrip('.')[:90].strip()} (report {i})"
    return title, lead, [" ".join(sentences[:half]), " ".join(sentences[half:])]


def _front(fields: dict) -> str:
    return "---\n" + "".join(f"{k}: {json.dumps(v)}\n" for k, v in fields.items()) + "---\n"


def write_corpus(n: int, out: Path, broken: float = 0.02, seed: int = 7) -> dict:
    """Write the corpus into ``out`` (emptied first). Returns what a build must make of it:
    ``{"files": int, "articles": {location: title}`` (every article whose text is fine, by the
    location a build names it with), ``"rejected": {location: kind}``, ``"warned": {location: kind}``,
    ``"undated": int`` (articles built without a date)}.
    Locations are relative to ``out``'s parent, as a project with ``articles: [<out.name>]``
    names them."""
    shutil.rmtree(out, ignore_errors=True)
    out.mkdir(parents=True)
    per_kind = max(1, round(n * broken / len(KINDS)))
    plan = [kind for kind in KINDS for _ in range(per_kind)]
    rng = random.Random(seed)
    slots = rng.sample(range(n), min(len(plan), n))
    kind_of = dict(zip(slots, plan, strict=False))
    expect: dict = {"articles": {}, "rejected": {}, "warned": {}, "undated": 0}
    prefix = out.name
    jsonl: list[tuple[int, str]] = []  # (article number, line) waiting for their file
    jsonl_file = 0
    json_items: list[dict] = []
    json_numbers: list[int] = []
    json_file = 0

    def flush_jsonl(force: bool = False) -> None:
        nonlocal jsonl_file
        if jsonl and (force or len(jsonl) >= JSONL_LINES):
            name = f"wire-{jsonl_file:05d}.jsonl"
            (out / name).write_text("".join(line + "\n" for _, line in jsonl), encoding="utf-8")
            for line_no, (i, line) in enumerate(jsonl, 1):
                location = f"{prefix}/{name}:{line_no}"
                if kind_of.get(i) == "bad-json-line":
                    expect["rejected"][location] = "bad-json-line"
                else:
                    expect["articles"][location] = json.loads(line)["title"]
            jsonl.clear()
            jsonl_file += 1

    def flush_json(force: bool = False) -> None:
        nonlocal json_file
        if json_items and (force or len(json_items) >= JSON_ITEMS):
            name = f"briefs-{json_file:05d}.json"
            (out / name).write_text(json.dumps(json_items, indent=1), encoding="utf-8")
            for item in json_items:
                expect["articles"][f"{prefix}/{name}"] = expect["articles"].get(f"{prefix}/{name}", ()) + (item["title"],)
            json_items.clear()
            json_numbers.clear()
            json_file += 1

    for i in range(n):
        a = random.Random(f"{seed}-{i}")
        title, summary, paragraphs = _text(i, a)
        host = a.choice(HOSTS)
        date = f"2024-{a.randint(1, 12):02d}-{a.randint(1, 28):02d}"
        url = f"https://{host}/2024/bad-input-{i:06d}"
        kind = kind_of.get(i)
        if kind == "bad-json-line" or (kind is None and i % 10 == 3):
            record = {"title": title, "date": date, "url": url, "summary": summary, "body": "\n".join(paragraphs)}
            line = json.dumps(record)
            if kind == "bad-json-line":
                line = line[: len(line) // 2]  # cut: not JSON
            jsonl.append((i, line))
            flush_jsonl()
            continue
        if kind is None and i % 10 == 7:
            json_items.append({"title": title, "date": date, "source": host, "url": url, "summary": summary,
                               "body": paragraphs})
            json_numbers.append(i)
            flush_json()
            continue
        if kind == "empty":
            name = f"empty-{i:06d}.txt"
            (out / name).write_bytes(b"" if i % 2 else b"\n  \n")
            expect["rejected"][f"{prefix}/{name}"] = kind
            continue
        if kind == "binary":
            name = f"binary-{i:06d}.txt"
            (out / name).write_bytes(bytes(a.randrange(256) for _ in range(2000)) + b"\x00\x00")
            expect["rejected"][f"{prefix}/{name}"] = kind
            continue
        if kind is None and i % 10 == 5:
            name = f"plain-{i:06d}.txt"
            (out / name).write_text(f"{summary}\n{paragraphs[0]}\n{paragraphs[1]}\nOriginal Source: {host}\n", encoding="utf-8")
            from generator.ingest.fields import first_sentence

            expect["articles"][f"{prefix}/{name}"] = first_sentence(summary)
            expect["undated"] += 1  # plain text has no date field
            continue
        name = f"article-{i:06d}.md"
        fields = {"title": title, "date": date, "source": host, "url": url, "summary": summary, "tags": ["bench"]}
        body = "\n\n".join(paragraphs) + "\n"
        if kind == "unclosed":
            text = _front(fields).removesuffix("---\n") + body  # the closing fence is missing
            expect["rejected"][f"{prefix}/{name}:1"] = kind
        elif kind == "bad-yaml":
            text = "---\ntitle: [" + title + "\ndate: " + date + "\n---\n" + body
            expect["warned"][f"{prefix}/{name}"] = kind
            expect["undated"] += 1
            # the front matter is dropped: the title is the first sentence of the body
            from generator.ingest.fields import first_sentence

            expect["articles"][f"{prefix}/{name}"] = first_sentence(paragraphs[0])
        else:
            if kind == "absurd-date":
                fields["date"] = "9999-12-31"
            elif kind == "unsafe-url":
                fields["url"] = "javascript:alert(document.cookie)" if i % 2 else "data:text/html;base64,PHNjcmlwdD4="
            text = _front(fields) + "\n" + body
            if kind:
                expect["warned"][f"{prefix}/{name}"] = kind
            expect["undated"] += kind == "absurd-date"
            expect["articles"][f"{prefix}/{name}"] = title
        (out / name).write_text(text, encoding="utf-8")
    flush_jsonl(force=True)
    flush_json(force=True)
    expect["files"] = sum(1 for _ in out.iterdir())
    return expect


def make_project(work: Path, corpus_name: str = "articles") -> Path:
    project = work / "bad-input-site"
    shutil.rmtree(project, ignore_errors=True)
    (project / "docs").mkdir(parents=True)
    shutil.copy(ROOT / "mkdocs.yml", project / "mkdocs.yml")
    for name in ("index.md", "methodology.md", "tags.md"):
        shutil.copy(ROOT / "docs" / name, project / "docs" / name)
    (project / "digest.yml").write_text(f"articles: [{corpus_name}]\ncache_dir: .digest-cache\n")
    return project


def reason_key(reason: str) -> str:
    """A rejection's reason without its particulars (column numbers, sizes)."""
    return re.sub(r"(: Expecting.*| at column \d+|, not text.*| \(no second.*)$", "", reason)


def built_locations(project: Path) -> dict[str, list[str]]:
    """Every input location that has an article page, from the build's catalogue, with the
    titles of the pages (a JSON list file's articles share its location)."""
    found: dict[str, list[str]] = {}
    for line in gzip.decompress((project / "docs" / "downloads" / "articles.jsonl.gz").read_bytes()).decode("utf-8").splitlines():
        row = json.loads(line)
        page = project / "docs" / row["page"].removesuffix(".html")
        if page.with_suffix(".md").is_file():
            found.setdefault(row["input"], []).append(row["title"])
    return found


def lost_articles(expect: dict, project: Path) -> list[str]:
    """Locations (and titles) of articles whose text was fine and that have no page."""
    found = built_locations(project)
    lost = []
    for location, titles in expect["articles"].items():
        titles = titles if isinstance(titles, tuple) else (titles,)
        for title in titles:
            if title not in found.get(location, ()):
                lost.append(f"{location}: {title}")
    return lost


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("n", type=int, nargs="?", default=10_000)
    parser.add_argument("--broken", type=float, default=0.02, help="share of the articles broken (spread over the kinds)")
    parser.add_argument("--work", type=Path, default=ROOT / "bench" / ".work")
    parser.add_argument("--site", action="store_true", help="build the site too (MkDocs), not only docs/")
    parser.add_argument("--ingest-only", action="store_true", help="run the readers only (no analysis, no pages)")
    args = parser.parse_args(argv)

    from generator.build import run
    from generator.config import load_config
    from generator.ingest import read_articles

    project = make_project(args.work)
    t = time.perf_counter()
    expect = write_corpus(args.n, project / "articles", args.broken)
    written = time.perf_counter() - t
    articles = sum(len(v) if isinstance(v, tuple) else 1 for v in expect["articles"].values())
    print(f"corpus: {args.n} articles ({articles} with readable text, {len(expect['rejected'])} broken beyond reading, "
          f"{len(expect['warned'])} with a bad field) in {expect['files']} files, written in {written:.1f} s")
    t = time.perf_counter()
    if args.ingest_only:
        result = read_articles(["articles"], project)
        rejections, warnings, built = result.rejections, result.warnings, len(result.articles)
        rows = None
    else:
        result = run(load_config(project), site=args.site)
        rejections, warnings, built = result.rejections, result.warnings, result.built
        rows = [json.loads(x) for x in (project / "rejected.jsonl").read_text(encoding="utf-8").splitlines()]
    took = time.perf_counter() - t
    print(f"files:     {expect['files']}")
    print(f"rejected:  {len(rejections)}")
    for reason, count in sorted(Counter(reason_key(r.reason) for r in rejections).items()):
        print(f"  {count:6d}  {reason}")
    print(f"warnings:  {len(warnings)}")
    for what, count in sorted(Counter(f"{w.field} dropped: {w.problem.split(' (')[0]}" for w in warnings).items()):
        print(f"  {count:6d}  {what}")
    print(f"built:     {built}")
    named = {(r.path + (f":{r.line}" if r.line else "")) for r in rejections}
    missing = sorted(set(expect["rejected"]) - named)
    unexpected = sorted(named - set(expect["rejected"]))
    if rows is not None:
        listed = {(r["path"] + (f":{r['line']}" if r["line"] else "")) for r in rows if r["kind"] == "rejected"}
        missing += sorted(set(expect["rejected"]) - listed)
    if rows is not None:  # a build: every readable article has its page
        lost = lost_articles(expect, project)
    else:  # the readers only: every readable article was read
        lost = [f"{articles - built} articles"] if built != articles else []
    print(f"lost:      {len(lost)}" + (f"  {lost[:5]}" if lost else ""))
    print(f"rejections not named (summary or rejected.jsonl): {len(missing)}; named but not broken: {len(unexpected)}")
    stage = "read" if args.ingest_only else ("build with site" if args.site else "build --no-site")
    print(f"time:      {took:.1f} s ({stage})"
          + ("" if args.ingest_only else "; " + ", ".join(f"{k} {v:.1f} s" for k, v in result.timings.items())))
    return 1 if lost or missing or unexpected else 0


if __name__ == "__main__":
    sys.exit(main())
