"""Measure the analysis against gold labels: actors, themes, figures and qualifiers.

    python bench/eval.py [GOLD] [ARTICLES]

GOLD is a JSON Lines file, one object per article:
``{"file": "001-x.txt", "actors": [...], "themes": [...], "figures": [{"text", "value", "unit", "qualifier"}]}``
and ARTICLES the folder holding those files (default: tests/data/eval/ and its gold.jsonl).

Prints precision, recall and F1 for actors, for each theme and macro-averaged, for figures
(value + unit) and the accuracy of qualifiers on matched figures, then the misses and false
alarms by article. Scoring rules:
- actors: the gold lists countries, people, organisations and groups, so places (Kursk, the
  Korean Peninsula) are left out of the prediction. "known" scores gazetteer actors only;
  "all" also counts the people and organisations the statistical model found on its own.
- figures: a predicted figure matches a gold one with the same value (to 0.1 %) and unit
  (case and plural -s ignored); each gold figure matches at most once.
Exit code 0; this is a report, not a test.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from generator.analyse.pipeline import Analyser
from generator.ingest import read_articles

DEFAULT_DIR = ROOT / "tests" / "data" / "eval"


def prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    p = tp / (tp + fp) if tp + fp else 1.0
    r = tp / (tp + fn) if tp + fn else 1.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def norm_unit(unit: str | None) -> str:
    u = (unit or "").lower().strip()
    u = {"per cent": "percent", "%": "percent"}.get(u, u)
    return u[:-1] if u.endswith("s") and len(u) > 3 else u


def same_value(a: float | None, b: float | None) -> bool:
    if a is None or b is None:
        return a is None and b is None
    return abs(a - b) <= 0.001 * max(abs(a), abs(b), 1)


def evaluate(gold_path: Path, articles_dir: Path) -> dict:
    gold = [json.loads(line) for line in gold_path.read_text(encoding="utf-8").splitlines() if line.strip()]
    files = [str(articles_dir / g["file"]) for g in gold]
    ingest = read_articles(files)
    for r in ingest.rejections:
        print(f"rejected: {r}", file=sys.stderr)
    t = time.perf_counter()
    analyser = Analyser()
    by_path = {a.article.path: a for a in analyser.analyse(ingest.articles)}
    seconds = time.perf_counter() - t

    counts = defaultdict(lambda: [0, 0, 0])  # name -> tp, fp, fn
    qual_ok = qual_n = 0
    per_article = []
    theme_ids = sorted({t for g in gold for t in g["themes"]} | {t for a in by_path.values() for t in (h.id for h in a.themes)})
    unrelated_with_themes = []
    for g, path in zip(gold, files, strict=True):
        a = by_path.get(path)
        notes = []
        pred_known = {r.name for r in a.actors if r.known and r.type != "place"} if a else set()
        pred_all = {r.name for r in a.actors if r.type != "place"} if a else set()
        gold_actors = set(g["actors"])
        for key, pred in (("actors (known)", pred_known), ("actors (all)", pred_all)):
            c = counts[key]
            c[0] += len(pred & gold_actors)
            c[1] += len(pred - gold_actors)
            c[2] += len(gold_actors - pred)
        if gold_actors - pred_all:
            notes.append("missed actors: " + ", ".join(sorted(gold_actors - pred_all)))
        if pred_known - gold_actors:
            notes.append("false actors: " + ", ".join(sorted(pred_known - gold_actors)))
        if pred_all - pred_known - gold_actors:
            notes.append("model-found, not in gold: " + ", ".join(sorted(pred_all - pred_known - gold_actors)))

        pred_themes = {h.id for h in a.themes} if a else set()
        gold_themes = set(g["themes"])
        for tid in theme_ids:
            c = counts[f"theme {tid}"]
            c[0] += tid in pred_themes and tid in gold_themes
            c[1] += tid in pred_themes and tid not in gold_themes
            c[2] += tid not in pred_themes and tid in gold_themes
        if gold_themes - pred_themes:
            notes.append("missed themes: " + ", ".join(sorted(gold_themes - pred_themes)))
        if pred_themes - gold_themes:
            notes.append("false themes: " + ", ".join(sorted(pred_themes - gold_themes)))
        if not gold_themes and pred_themes:
            unrelated_with_themes.append(g["file"])

        preds = list(a.figures) if a else []
        used = set()
        c = counts["figures (value+unit)"]
        for gf in g["figures"]:
            hit = next(
                (i for i, f in enumerate(preds) if i not in used and same_value(f.value, gf["value"]) and norm_unit(f.unit) == norm_unit(gf["unit"])),
                None,
            )
            if hit is None:
                c[2] += 1
                notes.append(f"missed figure: {gf['text']!r}")
                continue
            used.add(hit)
            c[0] += 1
            qual_n += 1
            if (preds[hit].qualifier or None) == (gf["qualifier"] or None):
                qual_ok += 1
            else:
                notes.append(f"qualifier of {gf['text']!r}: got {preds[hit].qualifier!r}")
        for i, f in enumerate(preds):
            if i not in used:
                c[1] += 1
                notes.append(f"extra figure: {f.text!r}")
        per_article.append((g["file"], notes))

    return {
        "counts": dict(counts),
        "theme_ids": theme_ids,
        "qualifier": (qual_ok, qual_n),
        "per_article": per_article,
        "unrelated_with_themes": unrelated_with_themes,
        "articles": len(gold),
        "seconds": seconds,
        "pipeline": analyser.label,
    }


def report(result: dict) -> str:
    lines = [f"{result['articles']} articles, analysed in {result['seconds']:.1f} s with {result['pipeline']}", ""]
    lines.append(f"{'measure':34} {'P':>6} {'R':>6} {'F1':>6} {'tp':>5} {'fp':>5} {'fn':>5}")
    counts = result["counts"]

    def row(name: str) -> None:
        tp, fp, fn = counts[name]
        p, r, f = prf(tp, fp, fn)
        lines.append(f"{name:34} {p:6.3f} {r:6.3f} {f:6.3f} {tp:5d} {fp:5d} {fn:5d}")

    row("actors (known)")
    row("actors (all)")
    f1s = []
    for tid in result["theme_ids"]:
        row(f"theme {tid}")
        f1s.append(prf(*counts[f"theme {tid}"])[2])
    lines.append(f"{'themes macro-F1':34} {'':>6} {'':>6} {sum(f1s) / max(len(f1s), 1):6.3f}")
    row("figures (value+unit)")
    ok, n = result["qualifier"]
    lines.append(f"{'qualifier accuracy (matched)':34} {ok / n if n else 1:6.3f} ({ok}/{n})")
    unrelated = result["unrelated_with_themes"]
    lines.append(f"unrelated articles with a theme: {len(unrelated)}" + (f" ({', '.join(unrelated)})" if unrelated else ""))
    lines.append("")
    lines.append("Misses and false alarms by article:")
    for file, notes in result["per_article"]:
        if notes:
            lines.append(f"- {file}")
            lines.extend(f"    {n}" for n in notes)
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("gold", nargs="?", default=str(DEFAULT_DIR / "gold.jsonl"))
    parser.add_argument("articles", nargs="?", default=None, help="folder of the articles (default: the gold file's folder)")
    args = parser.parse_args(argv)
    gold = Path(args.gold)
    print(report(evaluate(gold, Path(args.articles) if args.articles else gold.parent)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
