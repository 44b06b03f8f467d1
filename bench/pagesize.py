"""What an article page is made of: the bytes of each part, averaged over a built site's article pages.

    python bench/pagesize.py SITE [--limit 2000]

Parts: the theme's chrome (head, header, tabs, the navigation and table-of-contents sidebars,
footer and scripts) and, inside the article, each block the generator writes (metadata, the
text, the themes with their evidence, key figures, quotations, the analysis box, the actors
table, the figures table). For each part, how much is whitespace that a browser folds (runs
of blanks beyond one) and, over the whole page, the markup that repeats per sentence, mention
and citation. Prints KB per page (1 KB = 1,024 bytes).
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.table import text_table

# (part, the marker its bytes start at); a part ends where the next found marker starts
CHROME = [
    ("head", "<!doctype html>"),
    ("body start", "<body"),
    ("header (logo, title, palette)", '<header class="md-header"'),
    ("tabs", '<nav class="md-tabs"'),
    ("main start", "<main"),
    ("navigation sidebar", '<div class="md-sidebar md-sidebar--primary"'),
    ("table-of-contents sidebar", '<div class="md-sidebar md-sidebar--secondary"'),
    ("content start", '<div class="md-content"'),
    ("article: title, metadata, about", "<article"),
    ("article: legend and summary", '<div class="digest-article">'),
    ("article: full text", '<h2 id="full-text"'),
    ("article: themes and evidence", '<aside class="digest-aside">'),
    ("article: key figures", '<h2 id="key-figures"'),
    ("article: quotations", '<h2 id="quotations"'),
    ("article: analysis box", '<details class="digest-rules">'),
    ("article: actors table", '<h2 id="actors"'),
    ("article: figures table", '<h2 id="figures-in-detail"'),
    ("footer and scripts", "</article>"),
]
REPEATED = {
    "sentence spans": re.compile(r'<span (?:class="digest-s" )?id="s-[^"]*">|</span>'),
    "mention links (tags)": re.compile(r'<a href="../actors/[^"]*" class="digest-(?:mention digest-)?[a-z]+">[^<]*</a>'),
    "citation links": re.compile(r'<a class="digest-cite"[^>]*>[^<]*</a>'),
    "inline SVG": re.compile(r"<svg.*?</svg>", re.DOTALL),
    "heading permalinks": re.compile(r'<a class="headerlink"[^>]*>[^<]*</a>'),
}
FOLDABLE = re.compile(r"\s{2,}")


def parts(html: str) -> list[tuple[str, int, int]]:
    """(part, bytes, foldable whitespace bytes) in page order."""
    found = []
    for name, marker in CHROME:
        at = html.find(marker)
        if at >= 0:
            found.append((at, name))
    found.sort()
    out = []
    for k, (at, name) in enumerate(found):
        end = found[k + 1][0] if k + 1 < len(found) else len(html)
        chunk = html[at:end]
        folded = sum(len(m.group(0)) - 1 for m in FOLDABLE.finditer(chunk))
        out.append((name, len(chunk.encode("utf-8")), folded))
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("site", type=Path)
    parser.add_argument("--limit", type=int, default=2000, help="read at most this many article pages")
    args = parser.parse_args(argv)
    pages = sorted(p for p in (args.site / "articles").glob("*.html") if not p.name.startswith("index"))[: args.limit]
    if not pages:
        print(f"{args.site}/articles: no article pages", file=sys.stderr)
        return 2
    totals: dict[str, list[int]] = {}
    order: list[str] = []
    repeated = dict.fromkeys(REPEATED, 0)
    size = 0
    for path in pages:
        html = path.read_text(encoding="utf-8")
        size += len(html.encode("utf-8"))
        for name, n, folded in parts(html):
            if name not in totals:
                totals[name] = [0, 0]
                order.append(name)
            totals[name][0] += n
            totals[name][1] += folded
        for name, rx in REPEATED.items():
            repeated[name] += sum(len(m.group(0)) for m in rx.finditer(html))
    k = 1024 * len(pages)
    rows = [[name, f"{totals[name][0] / k:.1f}", f"{totals[name][1] / k:.1f}", f"{totals[name][0] / size:.0%}"]
            for name in [n for n, _ in CHROME if n in totals]]
    rows.append(["whole page", f"{size / k:.1f}", f"{sum(v[1] for v in totals.values()) / k:.1f}", "100%"])
    print(f"{len(pages):,} article pages of {args.site}")
    print("\n".join(text_table(["part", "KB/page", "of which foldable whitespace", "share"], rows)))
    print()
    print("\n".join(text_table(["repeated markup (whole page)", "KB/page", "share"],
                               [[name, f"{n / k:.1f}", f"{n / size:.0%}"] for name, n in repeated.items()])))
    return 0


if __name__ == "__main__":
    sys.exit(main())
