"""Write N realistic synthetic news articles, deterministically, for benchmarks.

    python bench/corpus.py N OUT [--seed S]

Articles are Markdown with front matter, 200-1,500 words, dated over one year (2024), about
the digest's themes with the gazetteer's actors and their variants (demonyms, capitals, short
forms), figures with qualifiers and attributions, quotations, and plain filler prose. Every
sentence is assembled from templates written for this script: no real text is copied. The same
N and seed always give byte-identical files.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import sys
from pathlib import Path

COUNTRIES = [
    ("North Korea", "North Korean", "Pyongyang"), ("Russia", "Russian", "Moscow"), ("Ukraine", "Ukrainian", "Kyiv"),
    ("China", "Chinese", "Beijing"), ("the United States", "American", "Washington"), ("South Korea", "South Korean", "Seoul"),
    ("Japan", "Japanese", "Tokyo"), ("Germany", "German", "Berlin"), ("the Philippines", "Philippine", "Manila"),
    ("Taiwan", "Taiwanese", "Taipei"), ("India", "Indian", "New Delhi"), ("Australia", "Australian", "Canberra"),
    ("France", "French", "Paris"), ("the United Kingdom", "British", "London"), ("Iran", "Iranian", "Tehran"),
    ("Vietnam", "Vietnamese", "Hanoi"), ("Poland", "Polish", "Warsaw"), ("Turkey", "Turkish", "Ankara"),
]
LEADERS = [
    ("Kim Jong Un", "Kim", "leader"), ("Vladimir Putin", "Putin", "President"), ("Volodymyr Zelensky", "Zelensky", "President"),
    ("Xi Jinping", "Xi", "President"), ("Joe Biden", "Biden", "President"), ("Yoon Suk Yeol", "Yoon", "President"),
    ("Shigeru Ishiba", "Ishiba", "Prime Minister"), ("Olaf Scholz", "Scholz", "Chancellor"), ("Sergei Lavrov", "Lavrov", "Foreign Minister"),
    ("Wang Yi", "Wang", "Foreign Minister"), ("Antony Blinken", "Blinken", "Secretary"), ("Mark Rutte", "Rutte", "Secretary General"),
    ("Ferdinand Marcos Jr.", "Marcos", "President"), ("Emmanuel Macron", "Macron", "President"), ("Donald Trump", "Trump", "President-elect"),
]
ORGS = ["NATO", "the European Union", "the United Nations", "APEC", "ASEAN", "the G7", "the G20", "the World Trade Organization",
        "the IAEA", "the Quad", "AUKUS", "the Pentagon", "the Kremlin", "the PLA", "the KPA"]
PLACES = ["the Kursk region", "the Korean Peninsula", "the South China Sea", "the Taiwan Strait", "Donbas", "Crimea",
          "the Indo-Pacific", "Vladivostok", "the Black Sea", "the Yellow Sea"]
UNITS = ["troops", "soldiers", "shells", "missiles", "drones", "ships", "vehicles", "tanks", "workers", "refugees", "containers"]
QUALIFIERS = ["up to", "around", "about", "at least", "more than", "nearly", "roughly", "as many as", "", "", ""]
SOURCES_SAID = ["officials said", "analysts said", "a spokesperson said", "according to intelligence estimates",
                "diplomats said", "according to state media", "a senior official told reporters", "the ministry said"]
HEDGES = ["may", "could", "might", "is expected to", "reportedly will", "is likely to", "will"]
VERBS_MOVE = ["send", "deploy", "station", "rotate", "move", "dispatch"]

THEMES = {
    "troop-deployment": [
        "{C1} {hedge} {move} {q}{n} {unit_t} to {P}, {said}.",
        "{Dem} {unit_t} were seen moving toward {P} this week, {said}.",
        "Satellite images suggest {C1} has stationed {q}{n} {unit_t} near {P}.",
        "The deployment of {Dem} forces to {P} is being rotated in smaller groups, {said}.",
    ],
    "china-stance": [
        "{Seat_cn} has remained publicly silent on the matter, {said}.",
        "China urged restraint and said its position on {P} had not changed.",
        "Chinese President Xi Jinping called for dialogue, while {Seat1} pressed Beijing to use its influence.",
        "Analysts read Beijing's silence as a sign of unease about the partnership.",
    ],
    "trade-tariffs": [
        "{C1} plans to impose tariffs of {q}{pct} percent on imports of {goods}.",
        "Exporters in {C2} fear a trade war as the new tariffs take effect.",
        "The tariffs would raise the price of {goods} by {q}{pct} percent, {said}.",
    ],
    "indo-pacific-security": [
        "Naval drills near {P2} raised tensions with {C2}, {said}.",
        "Coast guard vessels from {C1} and {C2} collided near {P2}.",
        "The alliance announced joint exercises in the Indo-Pacific involving {q}{n} {unit_s}.",
    ],
    "diplomacy": [
        "{L1} met {L2} for talks in {City} on {day}.",
        "Foreign ministers of {C1} and {C2} held a summit to discuss {P}.",
        "The envoy's visit to {City} was the first in years, {said}.",
    ],
    "sanctions": [
        "{C1} imposed new sanctions on banks that help {C2} evade export controls.",
        "The sanctions target {q}{n} companies accused of supplying {unit_s}, {said}.",
        "An asset freeze on {Dem} entities was extended for another year.",
    ],
    "military-aid": [
        "{C1} pledged ${money} billion in military aid to {C2}.",
        "The new weapons package includes {q}{n} {unit_s} and air defence systems, {said}.",
        "Deliveries of artillery shells to {C2} were delayed, {said}.",
    ],
}
FILLER = [
    "The announcement came after weeks of speculation in the regional press.",
    "Markets reacted cautiously to the news on {day}.",
    "Observers noted that the statement repeated language used in earlier months.",
    "Several questions remain unanswered, including the timing and the cost.",
    "Local residents described a tense atmosphere in the days that followed.",
    "The government did not respond to a request for comment.",
    "Parliament is due to debate the measure later this month.",
    "Officials declined to give further details, citing security concerns.",
    "Independent verification of the claims was not possible.",
    "The issue is expected to feature at next month's meetings.",
    "Commentators on state television welcomed the decision.",
    "Opposition lawmakers called for an inquiry into the decision.",
]
GOODS = ["steel", "electric vehicles", "semiconductors", "solar panels", "aluminium", "batteries", "rare earths"]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
HOSTS = [f"{w}.example" for w in ("northasia-wire", "pacific-ledger", "eurasia-briefing", "seoul-monitor", "capital-markets-wire",
                                   "kyiv-frontline", "policy-review", "trade-desk", "state-desk", "alliance-watch")]


def _fill(template: str, rng: random.Random) -> str:
    c1, c2 = rng.sample(COUNTRIES, 2)
    l1, l2 = rng.sample(LEADERS, 2)
    q = rng.choice(QUALIFIERS)
    values = {
        "C1": c1[0], "C2": c2[0], "Dem": c1[1], "Seat1": c1[2], "Seat_cn": rng.choice(["Beijing", "China"]), "City": c2[2],
        "L1": f"{l1[2]} {l1[0]}" if rng.random() < 0.5 else l1[0], "L2": l2[0],
        "P": rng.choice(PLACES), "P2": rng.choice(PLACES[1:4]), "said": rng.choice(SOURCES_SAID),
        "hedge": rng.choice(HEDGES), "move": rng.choice(VERBS_MOVE), "q": f"{q} " if q else "",
        "n": f"{rng.choice([1, 2, 3, 5, 8, 10, 12, 15, 20, 50, 100]) * rng.choice([10, 100, 1000]):,}",
        "unit_t": rng.choice(["troops", "soldiers"]), "unit_s": rng.choice(UNITS), "pct": rng.choice([10, 15, 20, 25, 45, 60, 100]),
        "goods": rng.choice(GOODS), "money": rng.choice(["1.2", "2.5", "4", "8", "0.4", "6.1"]), "day": rng.choice(DAYS),
    }
    text = template.format(**values)
    return text[0].upper() + text[1:]


def article(i: int, rng: random.Random) -> str:
    themes = rng.sample(sorted(THEMES), rng.choice([1, 1, 2, 2, 3]))
    words_target = rng.randint(200, 1500)
    date = dt.date(2024, 1, 1) + dt.timedelta(days=rng.randrange(366))
    lead = _fill(rng.choice(THEMES[themes[0]]), rng)
    paragraphs, words = [], len(lead.split())
    while words < words_target:
        sentences = []
        for _ in range(rng.randint(3, 6)):
            pool = THEMES[rng.choice(themes)] if rng.random() < 0.45 else FILLER
            sentences.append(_fill(rng.choice(pool), rng))
        if rng.random() < 0.15:
            leader = rng.choice(LEADERS)
            sentences.append(f'"We will not accept this," {leader[0]} said on {rng.choice(DAYS)}.')
        paragraph = " ".join(sentences)
        paragraphs.append(paragraph)
        words += len(paragraph.split())
    host = rng.choice(HOSTS)
    title = lead.rstrip(".")[:110]
    return (
        "---\n"
        f'title: "{title}"\n'
        f"date: {date.isoformat()}\n"
        f"source: {host}\n"
        f"url: https://{host}/{date:%Y/%m/%d}/bench-{i:06d}\n"
        f'summary: "{lead}"\n'
        f"tags: [{', '.join(themes)}]\n"
        "---\n" + "\n\n".join(paragraphs) + "\n"
    )


def write_corpus(n: int, out: Path, seed: int = 2024) -> list[Path]:
    """Write ``n`` articles into ``out`` (created); existing identical files are left alone."""
    out.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(n):
        rng = random.Random(f"{seed}-{i}")  # each article depends only on (seed, i): N=100 is a prefix of N=1000
        path = out / f"bench-{i:06d}.md"
        text = article(i, rng)
        if not path.exists() or path.read_text(encoding="utf-8") != text:
            path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("n", type=int)
    parser.add_argument("out", type=Path)
    parser.add_argument("--seed", type=int, default=2024)
    args = parser.parse_args(argv)
    paths = write_corpus(args.n, args.out, args.seed)
    words = sum(len(p.read_text(encoding="utf-8").split()) for p in paths)
    print(f"{len(paths)} articles, {words:,} words in {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
