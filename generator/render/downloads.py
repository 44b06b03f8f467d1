"""The digest's data as gzip'd JSON Lines and CSV files, published with the site (``downloads/``).

One row per article, actor mention, theme evidence sentence, figure and quotation, each with
the article id to join on. CSV cells that a spreadsheet would run as a formula (text starting
with ``= + - @``, tab or carriage return) are prefixed with an apostrophe; numbers stay numbers.

Every file is compressed (``.jsonl.gz``, ``.csv.gz``: a fifth to a tenth of the text), which
DuckDB (``read_json_auto``, ``read_csv``), pandas (``read_json(lines=True)``, ``read_csv``)
and ``gzip``/``zcat`` read as they are. The gzip header holds no file name and no time, so the
same rows give the same bytes on every build.

The articles table is one file (``downloads/articles.*``, the catalogue to join on); the
others, which grow by a hundred rows per article, are split by the article's month
(``downloads/2024-03/mentions.csv.gz``, ``downloads/undated/...``): a daily update rewrites one
month's files, no file grows past what a repository or a spreadsheet takes, and a month
whose articles did not change is not made again (its key is in the page cache). A month's
files are made of chunks of a few dozen of its articles (``gzchunks``), so that an article
added to a month makes the rows of its own chunk again, not the month's.
"""

from __future__ import annotations

import csv
import functools
import hashlib
import io
import itertools
import json
from collections import defaultdict
from collections.abc import Callable, Iterator

from generator.model import ArticleEntry, Digest
from generator.render.common import Page, p, page_bounds, plural, published_location, strong, table
from generator.render.escape import h
from generator.render.gzchunks import Chunk, chunked_gz

DOWNLOADS = "downloads"

TABLES = {
    "articles": ("One row per article.", ["id", "date", "date_source", "title", "source", "url", "input", "page", "themes", "actors"]),
    "mentions": ("One row per actor mention.", ["article_id", "actor", "type", "affiliation", "text", "sentence_index", "start", "end"]),
    "themes": ("One row per theme evidence sentence.", ["article_id", "theme", "score", "sentence_index", "sentence", "certainty", "likelihood", "patterns"]),
    "figures": ("One row per figure.", ["article_id", "text", "value", "upper", "unit", "qualifier", "attribution", "attribution_actor", "certainty", "likelihood", "place", "sentence"]),
    "quotes": ("One row per direct quotation.", ["article_id", "text", "speaker", "actor", "verb", "sentence_index", "sentence"]),
    "unresolved": ("One row per name the statistical model found that was not admitted as an actor (for review).", ["article_id", "name", "type", "count"]),
}
PARTITIONED = [name for name in TABLES if name != "articles"]
STORY_TABLES = {
    "stories": (("One row per story (an event reported by two or more articles); the JSON Lines file also holds "
                "each story's figure table."), ["id", "title", "first", "last", "page", "outlets", "articles", "actors", "themes",
                                               "disagreements"]),
    "story-figures": ("One row per figure of a story's figure table; flag: the values it disagrees with.",
                      ["story_id", "article_id", "date", "measure", "value", "upper", "unit", "qualifier", "claimant",
                       "place", "target", "text", "flag"]),
}


def _catalogue(entries: list[ArticleEntry]) -> list[dict]:
    """The articles table: one row per article."""
    return [
        {
            "id": e.article.id, "date": e.article.date.isoformat() if e.article.date else None,
            "date_source": e.article.date_source,
            "title": e.article.title, "source": e.article.source, "url": e.article.url, "input": published_location(e.article),
            "page": f"articles/{e.slug}.html", "themes": ";".join(t.id for t in e.analysed.themes),
            "actors": ";".join(r.name for r in e.analysed.actors),
        }
        for e in entries
    ]


def _rows(entries: list[ArticleEntry]) -> dict[str, list[dict]]:
    """The tables split by month: mentions, theme evidence, figures, quotations."""
    out: dict[str, list[dict]] = {name: [] for name in PARTITIONED}
    for e in entries:
        a = e.analysed
        aid = e.article.id
        types = {r.name: (r.type, r.affiliation) for r in a.actors}
        for m in a.mentions:
            typ, aff = types.get(m.actor, (None, None))
            out["mentions"].append({
                "article_id": aid, "actor": m.actor, "type": typ, "affiliation": aff, "text": m.text,
                "sentence_index": m.sentence, "start": m.start, "end": m.end,
            })
        for t in a.themes:
            for ev in t.evidence:
                out["themes"].append({
                    "article_id": aid, "theme": t.id, "score": t.score, "sentence_index": ev.index,
                    "sentence": ev.sentence, "certainty": ev.certainty, "likelihood": ev.likelihood,
                    "patterns": ";".join(ev.patterns),
                })
        for f in a.figures:
            out["figures"].append({
                "article_id": aid, "text": f.text, "value": f.value, "upper": f.upper, "unit": f.unit,
                "qualifier": f.qualifier, "attribution": f.attribution, "attribution_actor": f.attribution_actor,
                "certainty": f.certainty, "likelihood": f.likelihood,
                "place": f.place, "sentence": f.sentence,
            })
        for q in a.quotes:
            out["quotes"].append({
                "article_id": aid, "text": q.text, "speaker": q.speaker, "actor": q.actor, "verb": q.verb,
                "sentence_index": q.index, "sentence": q.sentence,
            })
        for name, typ, count in a.unresolved:
            out["unresolved"].append({"article_id": aid, "name": name, "type": typ, "count": count})
    return out


_FORMULA = ("=", "+", "-", "@", "\t", "\r")


def _csv(columns: list[str], rows: list[dict], header: bool = True) -> str:
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    if header:
        writer.writerow(columns)
    writer.writerows([_cell(row[c]) for c in columns] for row in rows)
    return buf.getvalue()


def _cell(v: object) -> object:
    """A CSV cell: a text a spreadsheet would run as a formula gets an apostrophe first; a
    carriage return becomes a newline (the writer quotes a cell holding a newline, not one
    holding a lone carriage return, which would split the row for a reader)."""
    if v is None:
        return ""
    if type(v) is not str:
        return v
    if v.startswith(_FORMULA):
        v = "'" + v
    return v.replace("\r\n", "\n").replace("\r", "\n") if "\r" in v else v


_ROW = json.JSONEncoder(ensure_ascii=False).encode  # one encoder for every row (json.dumps makes one per call)


def _jsonl(rows: list[dict]) -> str:
    return "".join(_ROW(r) + "\n" for r in rows)


def _story_rows(stories) -> tuple[list[dict], list[dict], list[dict]]:
    """(stories.jsonl objects, stories.csv rows, story-figures.csv rows) of ``stories``."""
    objects, rows, figures = [], [], []
    for s in stories:
        flagged = {}
        for d in s.flags:
            for c in d.claims:
                flagged.setdefault(id(c), d)
        table_rows = []
        for c in s.claims:
            f = c.figure
            d = flagged.get(id(c))
            table_rows.append({
                "story_id": s.id, "article_id": c.article_id, "date": c.date.isoformat() if c.date else None,
                "measure": f.measure, "value": f.value, "upper": f.upper, "unit": f.unit, "qualifier": f.qualifier,
                "claimant": c.claimant, "place": f.place, "target": c.target, "text": f.text,
                "flag": ";".join(f"{v:g}" for v in d.values) if d else None,
            })
        base = {
            "id": s.id, "title": s.title, "first": s.first.isoformat() if s.first else None,
            "last": s.last.isoformat() if s.last else None, "page": f"stories/{s.slug}.html", "outlets": list(s.sources),
            "articles": list(s.article_ids), "actors": [a for a, _ in s.actors], "themes": [t for t, _ in s.themes],
        }
        objects.append(base | {
            "disagreements": [{"measure": d.measure, "place": d.place, "target": d.target, "week": d.week,
                               "values": list(d.values)} for d in s.flags],
            "figures": [{k: v for k, v in r.items() if k != "story_id"} for r in table_rows],
        })
        rows.append(base | {k: ";".join(base[k]) for k in ("outlets", "articles", "actors", "themes")}
                    | {"disagreements": len(s.flags)})
        figures.extend(table_rows)
    return objects, rows, figures


def month_of(entry: ArticleEntry) -> str:
    d = entry.article.date
    return f"{d.year:04d}-{d.month:02d}" if d else "undated"



STORY_FILES = [f"{DOWNLOADS}/stories.jsonl.gz", f"{DOWNLOADS}/stories.csv.gz", f"{DOWNLOADS}/story-figures.csv.gz"]
STORIES_ENTRY = f"{DOWNLOADS}/stories"  # the page cache's entry of the story tables
ARTICLE_FILES = [f"{DOWNLOADS}/articles.jsonl.gz", f"{DOWNLOADS}/articles.csv.gz"]
ARTICLES_ENTRY = f"{DOWNLOADS}/articles"  # the page cache's entry of the articles table (its chunks)
# A chunk of the story tables ends after a story whose id hashes to a multiple of STORY_CHUNK, or
# at STORY_CHUNK_MAX stories. Four stories on average: a story has ~500 rows of figures at
# 10,000 articles, and an article dated mid-range regroups a few stories scattered through the
# digest's order, each making its whole chunk again (16 stories a chunk: 0.4 s of a warm build's
# CPU for two chunks); a chunk costs a few hundred bytes of compression.
STORY_CHUNK = 4
STORY_CHUNK_MAX = 16


def download_files(
    digest: Digest,
    month_key: Callable[[list[ArticleEntry]], str] | None = None,
    known: dict | None = None,
    stat: Callable[[str], list[int] | None] | None = None,
    record: dict | None = None,
    stories_key: Callable[[Digest], str] | None = None,
    chunk_key: Callable[[Digest, str, list], str] | None = None,
    read: Callable[[str], bytes | None] | None = None,
) -> Iterator[tuple[str, str | bytes | None]]:
    """(path, content) for every download file (gzip'd bytes) and the index page (text).

    With ``month_key`` (a hash of a month's articles, what its rows are made from), a month
    whose key, file sizes and modification times (``stat``) match ``known`` (the page cache)
    is not made again: its files come as (path, None), keep them. ``record`` receives each
    month's entry for the page cache (``downloads/<month>/`` -> [key, row counts]). Likewise
    the story tables with ``stories_key`` (a hash of what the stories are made from): an
    article that joins no story, as a daily update's often does not, leaves them as they are.

    The articles table and the story tables, which hold every article and story, are made of
    chunks (``gzchunks``: the articles of a month, a few stories) compressed one by one; with
    ``chunk_key`` (table, file format, the articles or stories of a chunk -> a hash of what its
    rows are made from, the file's format added to it) and ``read`` (the file as the last build left it), a chunk whose key
    the page cache's index of the file holds is copied from the file, not made again.
    """
    known = known or {}
    by_month: dict[str, list[ArticleEntry]] = defaultdict(list)
    for e in digest.articles:
        by_month[month_of(e)].append(e)
    runs = _runs(digest.articles, month_of)  # newest first: a month's articles one after the other
    _, columns = TABLES["articles"]

    bases: dict[tuple[str, int], str] = {}  # a chunk's key in every format: what its rows are made from, hashed once

    def key_of(table: str, fmt: str, items: list, i: int = -1) -> str:
        """The key of chunk ``i`` (-1: the header) of ``table`` in format ``fmt``."""
        if not chunk_key:
            return ""  # without keys no chunk is taken from the last file
        if (table, i) not in bases:
            bases[table, i] = chunk_key(digest, table, items)
        return f"{bases[table, i]}:{fmt}"

    old = _last_files(known.get(ARTICLES_ENTRY), ARTICLE_FILES, 1, stat, read) if chunk_key else {}
    indexes = {}
    for rel, fmt in zip(ARTICLE_FILES, ("jsonl", "csv"), strict=True):
        chunks: list[Chunk] = [(key_of("articles", "csv header", []), lambda: _csv(columns, []))] if fmt == "csv" else []
        chunks += [(key_of("articles", fmt, entries, i),
                    (lambda es=entries: _jsonl(_catalogue(es))) if fmt == "jsonl"
                    else (lambda es=entries: _csv(columns, _catalogue(es), header=False)))
                   for i, entries in enumerate(runs)]
        data, indexes[rel] = chunked_gz(chunks, *old.get(rel, (None, None)))
        yield rel, data
    if record is not None and chunk_key and stat:
        record[ARTICLES_ENTRY] = [None, [stat(f) for f in ARTICLE_FILES], indexes]
    key = stories_key(digest) if stories_key else None
    last = known.get(STORIES_ENTRY)
    n_stories, n_story_figures = len(digest.stories), sum(len(s.claims) for s in digest.stories)
    if key and last and last[0] == key and stat and last[2] == [stat(f) for f in STORY_FILES]:
        yield from ((f, None) for f in STORY_FILES)
        indexes = last[3] if len(last) > 3 else None
    else:
        old = _last_files(last, STORY_FILES, 2, stat, read) if chunk_key else {}
        groups = _story_groups(digest.stories)
        rows = functools.cache(lambda i: _story_rows(groups[i]))
        columns_of = {STORY_FILES[1]: STORY_TABLES["stories"][1], STORY_FILES[2]: STORY_TABLES["story-figures"][1]}
        indexes = {}
        for n, (rel, fmt) in enumerate(zip(STORY_FILES, ("jsonl", "csv", "figures.csv"), strict=True)):
            chunks = [(key_of("stories", f"{fmt} header", []), lambda rel=rel: _csv(columns_of[rel], []))] if n else []
            chunks += [(key_of("stories", fmt, group, i),
                        (lambda i=i: _jsonl(rows(i)[0])) if n == 0 else (lambda i=i, n=n, rel=rel: _csv(columns_of[rel], rows(i)[n], header=False)))
                       for i, group in enumerate(groups)]
            data, indexes[rel] = chunked_gz(chunks, *old.get(rel, (None, None)))
            yield rel, data
    if record is not None and key and stat:
        record[STORIES_ENTRY] = [key, [n_stories, n_story_figures], [stat(f) for f in STORY_FILES], indexes]
    counts: dict[str, dict[str, int]] = {}
    for month in sorted(by_month, reverse=True):
        entries = by_month[month]
        folder = f"{DOWNLOADS}/{month}/"
        files = [f"{folder}{name}.{ext}.gz" for name in PARTITIONED for ext in ("jsonl", "csv")]
        key = month_key(entries) if month_key else None
        last = known.get(folder)
        same = bool(key and last and last[0] == key and isinstance(last[1], dict))  # the same articles and analyses
        counts[month] = dict(last[1]) if same else _counts(entries)  # so the same rows: not counted again
        if same and stat and last[2] == [stat(f) for f in files]:
            yield from ((f, None) for f in files)
            indexes = last[3] if len(last) > 3 else None
        else:
            old = _last_files(last, files, 2, stat, read) if month_key else {}
            indexes = {}
            for rel, data, index in _month_files(folder, entries, month_key, old):
                indexes[rel] = index
                yield rel, data
        if record is not None and key and stat:
            record[folder] = [key, counts[month], [stat(f) for f in files], indexes]
    yield f"{DOWNLOADS}/index.md", _index(len(digest.articles), counts, n_stories, n_story_figures)


MONTH_CHUNK = 64  # articles in a chunk of a month's tables, on average (``common.page_bounds``)


def _counts(entries: list[ArticleEntry]) -> dict[str, int]:
    """The rows of each of a month's tables (``_rows``), counted without making them."""
    analyses = [e.analysed for e in entries]
    return {
        "mentions": sum(len(a.mentions) for a in analyses),
        "themes": sum(len(t.evidence) for a in analyses for t in a.themes),
        "figures": sum(len(a.figures) for a in analyses),
        "quotes": sum(len(a.quotes) for a in analyses),
        "unresolved": sum(len(a.unresolved) for a in analyses),
        "articles": len(entries),
    }


def _month_files(folder: str, entries: list[ArticleEntry], month_key: Callable[[list[ArticleEntry]], str] | None,
                 old: dict[str, tuple[list, bytes]]) -> Iterator[tuple[str, bytes, list]]:
    """(path, gzip'd bytes, chunk index) of each of a month's files. Each file is made of chunks
    (``gzchunks``): a few dozen of the month's articles each, cut where the articles say
    (``page_bounds``, as the lists of articles are cut), so that an article added to a month of
    hundreds makes the rows of its own chunk, and the other chunks are copied from ``old`` (the
    files as the last build left them, with their indexes) when their key (``month_key`` of
    their articles) is in it."""
    bounds = page_bounds([e.article.id for e in entries], MONTH_CHUNK)
    pieces = [entries[a:b] for a, b in itertools.pairwise(bounds)]
    rows = functools.cache(lambda i: _rows(pieces[i]))
    keys = [month_key(piece) if month_key else "" for piece in pieces]
    header = month_key([]) if month_key else ""  # the code and the analysis the columns are made by
    for name in PARTITIONED:
        _, columns = TABLES[name]
        for ext in ("jsonl", "csv"):
            rel = f"{folder}{name}.{ext}.gz"
            chunks: list[Chunk] = [(f"{header}:{name}.csv header", lambda c=columns: _csv(c, []))] if ext == "csv" else []
            chunks += [(f"{k}:{name}.{ext}", (lambda i=i, n=name: _jsonl(rows(i)[n])) if ext == "jsonl"
                        else (lambda i=i, n=name, c=columns: _csv(c, rows(i)[n], header=False)))
                       for i, k in enumerate(keys)]
            data, index = chunked_gz(chunks, *old.get(rel, (None, None)))
            yield rel, data, index


def _runs(items: list, label: Callable) -> list[list]:
    """``items`` cut where ``label`` changes (the articles of a month, newest first)."""
    return [list(group) for _, group in itertools.groupby(items, key=label)]


def _story_groups(stories) -> list[list]:
    """The stories in the digest's order, cut after each story whose id hashes to a multiple of
    ``STORY_CHUNK`` (or after ``STORY_CHUNK_MAX``): a story that changes, comes or goes changes
    its own chunk of the story tables, not every one after it (content-defined, as the lists of
    articles are cut)."""
    groups: list[list] = [[]]
    for s in stories:
        groups[-1].append(s)
        if len(groups[-1]) >= STORY_CHUNK_MAX or int(hashlib.sha1(s.id.encode()).hexdigest()[:8], 16) % STORY_CHUNK == 0:
            groups.append([])
    return [g for g in groups if g] or [[]]


def _last_files(entry, files: list[str], at: int, stat, read) -> dict[str, tuple[list, bytes]]:
    """rel -> (chunk index, bytes) of each of ``files`` the page cache ``entry`` indexes (at
    ``entry[at]`` their sizes and times, at ``at + 1`` their indexes) and that are as it says."""
    if not (entry and stat and read and len(entry) > at + 1 and isinstance(entry[at + 1], dict)):
        return {}
    out = {}
    for rel, was in zip(files, entry[at], strict=False):
        index = entry[at + 1].get(rel)
        if index and was is not None and stat(rel) == was and (data := read(rel)) is not None:
            out[rel] = (index, data)
    return out


def chunk_key_for(salt: str) -> Callable[[Digest, str, list], str]:
    """Hash of what a chunk of the articles table (a month's articles: each one's content, page
    and input file as shown) or of the story tables (a few stories: each one's id, page and
    reports by content and outlets, with the story rules) is made from."""
    from generator.cache import article_key
    from generator.render.pages import RENDER_VERSION
    from generator.storycache import RULES

    def key(digest: Digest, table: str, items: list) -> str:
        h = hashlib.sha256(f"{RENDER_VERSION}|{salt}|{RULES}|{table}".encode())
        if table == "articles":
            for e in items:
                h.update(f"|{article_key(e.article)}:{e.slug}:{published_location(e.article)}".encode("utf-8", "surrogatepass"))
        else:
            for s in items:
                h.update(f"|{s.id}:{s.slug}".encode())
                for aid in s.article_ids:
                    e = digest.by_id.get(aid)
                    h.update(json.dumps([aid, article_key(e.article), list(e.article.sources)] if e else [aid],
                                        ensure_ascii=False).encode("utf-8", "surrogatepass"))
        return h.hexdigest()[:24]

    return key


def month_key_for(salt: str) -> Callable[[list[ArticleEntry]], str]:
    """Hash of what a month's rows are made from: each article's content, analysis and page."""
    from generator.cache import article_key
    from generator.render.pages import RENDER_VERSION

    def key(entries: list[ArticleEntry]) -> str:
        h = hashlib.sha256(f"{RENDER_VERSION}|{salt}".encode())
        for e in entries:
            h.update(f"|{article_key(e.article)}:{e.slug}".encode())
        return h.hexdigest()[:24]

    return key


def stories_key_for(salt: str) -> Callable[[Digest], str]:
    """Hash of what the story tables are made from: each story's id and page, and its reports
    (in order) by their content; a story is made from its reports alone (``stories.make_story``
    with ``storycache.RULES``, on the analysis ``salt`` stands for), and the digest's order of
    stories follows from them too."""
    from generator.cache import article_key
    from generator.render.pages import RENDER_VERSION
    from generator.storycache import RULES

    def key(digest: Digest) -> str:
        h = hashlib.sha256(f"{RENDER_VERSION}|{salt}|{RULES}".encode())
        for s in digest.stories:
            h.update(f"|{s.id}:{s.slug}".encode())
            for aid in s.article_ids:
                e = digest.by_id.get(aid)
                h.update(f",{aid}:{article_key(e.article) if e else ''}".encode())
        return h.hexdigest()[:24]

    return key


def _index(articles: int, counts: dict[str, dict[str, int]], stories: int = 0, story_figures: int = 0) -> str:
    page = Page("Downloads").add(
        p(
            "The digest's data, to take into your own tools. Every table has an <code>article_id</code> "
            "column to join on the articles table, whose <code>page</code> is the article's page in this "
            "site. The articles table is one file; the others are split by the month of the article "
            "(<code>undated</code>: articles without a date), so that a daily update changes one month."
        ),
        p(
            "Every file is compressed with gzip (<code>.jsonl.gz</code>: JSON Lines, every value as it was; "
            "<code>.csv.gz</code>: CSV, for spreadsheets), and DuckDB, pandas and R read it as it is. "
            "To read every month as one table: "
            "<code>duckdb -c \"SELECT * FROM read_csv('downloads/*/mentions.csv.gz')\"</code> "
            "(or <code>read_json_auto('downloads/*/mentions.jsonl.gz')</code>), or in Python "
            "<code>pandas.concat(map(pandas.read_csv, glob.glob('downloads/*/mentions.csv.gz')))</code>; "
            "<code>gunzip -k file.csv.gz</code> gives the plain file."
        ),
    )

    def files(stem: str, formats: tuple[str, ...] = ("jsonl", "csv")) -> str:
        label = {"jsonl": "JSON Lines", "csv": "CSV"}
        return " · ".join(f'<a href="{stem}.{ext}.gz">{label[ext]}</a>' for ext in formats)

    rows = [[strong("articles"), h(TABLES["articles"][0]), f"{articles:,}", files("articles"), h(", ".join(TABLES["articles"][1]))]]
    rows.append([strong("stories"), h(STORY_TABLES["stories"][0]), f"{stories:,}", files("stories"),
                 h(", ".join(STORY_TABLES["stories"][1]))])
    rows.append([strong("story-figures"), h(STORY_TABLES["story-figures"][0]), f"{story_figures:,}",
                 files("story-figures", ("csv",)) + " (in <code>stories.jsonl.gz</code> too)",
                 h(", ".join(STORY_TABLES["story-figures"][1]))])
    for name in PARTITIONED:
        what, columns = TABLES[name]
        total = sum(c.get(name, 0) for c in counts.values())
        rows.append([strong(name), h(what), f"{total:,}", f"by month, below ({plural(len(counts), 'month')})", h(", ".join(columns))])
    page.add(table(["Table", "Rows", "Count", "Files", "Columns"], rows))
    page.heading("By month")
    month_rows = []
    for month, c in counts.items():
        cells = " · ".join(f"{name} {files(f'{month}/{name}')} ({c.get(name, 0):,})" for name in PARTITIONED)
        month_rows.append([h(month), f"{c.get('articles', 0):,}", cells])
    page.add(table(["Month", "Articles", "Files (rows)"], month_rows) or p("No articles yet."))
    return page.text()
