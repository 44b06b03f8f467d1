"""The digest's data as JSON Lines and CSV files, published with the site (``downloads/``).

One row per article, actor mention, theme evidence sentence, figure and quotation, each with
the article id to join on. CSV cells that a spreadsheet would run as a formula (starting with
``= + - @``, tab or carriage return) are prefixed with an apostrophe.
"""

from __future__ import annotations

import csv
import io
import json

from generator.model import Digest
from generator.render.common import Page, p, strong, table
from generator.render.escape import h

DOWNLOADS = "downloads"

TABLES = {
    "articles": ("One row per article.", ["id", "date", "title", "source", "url", "input", "page", "themes", "actors"]),
    "mentions": ("One row per actor mention.", ["article_id", "actor", "type", "affiliation", "text", "sentence_index", "start", "end"]),
    "themes": ("One row per theme evidence sentence.", ["article_id", "theme", "score", "sentence_index", "sentence", "certainty", "likelihood", "patterns"]),
    "figures": ("One row per figure.", ["article_id", "text", "value", "unit", "qualifier", "attribution", "certainty", "likelihood", "place", "sentence"]),
    "quotes": ("One row per direct quotation.", ["article_id", "text", "speaker", "actor", "verb", "sentence_index", "sentence"]),
}


def _rows(digest: Digest) -> dict[str, list[dict]]:
    out: dict[str, list[dict]] = {name: [] for name in TABLES}
    for e in digest.articles:
        a = e.analysed
        art = e.article
        aid = art.id
        out["articles"].append({
            "id": aid, "date": art.date.isoformat() if art.date else None, "title": art.title,
            "source": art.source, "url": art.url, "input": art.location, "page": f"articles/{e.slug}.html",
            "themes": ";".join(t.id for t in a.themes), "actors": ";".join(r.name for r in a.actors),
        })
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
                "article_id": aid, "text": f.text, "value": f.value, "unit": f.unit, "qualifier": f.qualifier,
                "attribution": f.attribution, "certainty": f.certainty, "likelihood": f.likelihood,
                "place": f.place, "sentence": f.sentence,
            })
        for q in a.quotes:
            out["quotes"].append({
                "article_id": aid, "text": q.text, "speaker": q.speaker, "actor": q.actor, "verb": q.verb,
                "sentence_index": q.index, "sentence": q.sentence,
            })
    return out


_FORMULA = ("=", "+", "-", "@", "\t", "\r")


def _csv(columns: list[str], rows: list[dict]) -> str:
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(columns)
    writer.writerows(
        [
            "'" + v if type(v) is str and v.startswith(_FORMULA) else ("" if v is None else v)
            for v in (row[c] for c in columns)
        ]
        for row in rows
    )
    return buf.getvalue()


def _jsonl(rows: list[dict]) -> str:
    return "".join(json.dumps(r, ensure_ascii=False, sort_keys=False) + "\n" for r in rows)


def download_files(digest: Digest) -> dict[str, str]:
    rows = _rows(digest)
    files: dict[str, str] = {}
    index_rows = []
    for name, (what, columns) in TABLES.items():
        files[f"{DOWNLOADS}/{name}.jsonl"] = _jsonl(rows[name])
        files[f"{DOWNLOADS}/{name}.csv"] = _csv(columns, rows[name])
        files_html = f'<a href="{name}.jsonl">JSON Lines</a> · <a href="{name}.csv">CSV</a>'
        index_rows.append([strong(name), h(what), f"{len(rows[name]):,}", files_html, h(", ".join(columns))])
    page = Page("Downloads").add(
        p(
            "The digest's data, to take into your own tools. Every file has an <code>article_id</code> (or "
            "<code>id</code>) column to join on; <code>page</code> is the article's page in this site."
        ),
        table(["Table", "Rows", "Count", "Files", "Columns"], index_rows),
    )
    files[f"{DOWNLOADS}/index.md"] = page.text()
    return files
