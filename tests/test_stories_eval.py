"""bench/stories_eval.py: the B-cubed measure on hand-worked examples, and the labelled story set
(tests/data/stories/) is complete and consistent: every article file has a story and every label
a file, flags cite files of their own story, and the baselines score what they should."""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter

import pytest
import yaml

from tests.conftest import ROOT, bench_module

STORIES = ROOT / "tests" / "data" / "stories"


def _bench():
    return bench_module("stories_eval")


@pytest.fixture(scope="module")
def m():
    return _bench()


@pytest.fixture(scope="module")
def labels(m):
    return m.load_labels(STORIES / "labels.yml")


@pytest.fixture(scope="module")
def articles(m):
    return m.read_each(m.article_files(STORIES / "articles"))


def test_bcubed_hand_example(m):
    # gold: {a, b, c} {d, e}; predicted: {a, b} {c, d, e}
    gold = {"a": 1, "b": 1, "c": 1, "d": 2, "e": 2}
    pred = {"a": "x", "b": "x", "c": "y", "d": "y", "e": "y"}
    # precision: a 2/2, b 2/2, c 1/3, d 2/3, e 2/3 -> (1 + 1 + 1/3 + 2/3 + 2/3) / 5 = 11/15
    # recall:    a 2/3, b 2/3, c 1/3, d 2/2, e 2/2 -> (2/3 + 2/3 + 1/3 + 1 + 1) / 5 = 11/15
    p, r, f = m.bcubed(pred, gold)
    assert p == pytest.approx(11 / 15)
    assert r == pytest.approx(11 / 15)
    assert f == pytest.approx(11 / 15)


def test_bcubed_extremes_and_subsets(m):
    gold = {"a": 1, "b": 1, "c": 2}
    assert m.bcubed({"a": "s", "b": "s", "c": "t"}, gold) == (1.0, 1.0, 1.0)
    # every item alone (also: items missing from the prediction are stories of their own)
    p, r, f = m.bcubed({"a": "a"}, gold)
    assert (p, r) == (1.0, pytest.approx((1 / 2 + 1 / 2 + 1) / 3))
    assert f == pytest.approx(2 * r / (1 + r))
    # everything together: precision (2/3 + 2/3 + 1/3) / 3 = 5/9, recall 1
    p, r, _ = m.bcubed({"a": "z", "b": "z", "c": "z"}, gold)
    assert (p, r) == (pytest.approx(5 / 9), 1.0)
    # scored on a subset, the stories are still whole: item c alone, in {a, b, c}
    p, r, _ = m.bcubed({"a": "z", "b": "z", "c": "z"}, gold, ["c"])
    assert (p, r) == (pytest.approx(1 / 3), 1.0)
    assert m.bcubed({}, {}) == (1.0, 1.0, 1.0)


def test_labels_cover_every_article_file_and_only_those(m, labels):
    files = {p.name for p in m.article_files(STORIES / "articles")}
    assert files == set(labels["articles"]), (
        f"unlabelled: {sorted(files - set(labels['articles']))}, "
        f"labelled but missing: {sorted(set(labels['articles']) - files)}")
    used = set(labels["articles"].values())
    assert used == set(labels["stories"]), f"stories without articles: {sorted(set(labels['stories']) - used)}"


def test_the_set_has_the_size_and_shape_the_issue_asks(labels, articles, m):
    sizes = Counter(labels["articles"].values())
    assert len(labels["articles"]) >= 64
    events = [s for s, n in sizes.items() if n >= 3]
    assert len(events) >= 16
    assert sum(1 for n in sizes.values() if n == 1) >= 3, "a few singleton stories"
    outlets = {}
    for a in articles:
        outlets.setdefault(labels["articles"][m.file_key(a)], set()).add(a.source)
    assert all(len(outlets[s]) >= 3 for s in events), "each event reported by 3 or more outlets"
    assert {a.format for a in articles} >= {"markdown", "text"}
    # every event of the set has a dated report in late 2024-2025
    for story in events:
        dates = [a.date for a in articles if labels["articles"][m.file_key(a)] == story and a.date]
        assert dates and all(dt.date(2024, 9, 1) <= d <= dt.date(2025, 12, 31) for d in dates), story
    # syndicated copies: the same text under another outlet and url, in the same story
    by_text = {}
    for a in articles:
        by_text.setdefault(a.paragraphs[:2], []).append(a)
    copies = [g for g in by_text.values() if len(g) > 1]
    assert len(copies) >= 3
    for group in copies:
        assert len({labels["articles"][m.file_key(a)] for a in group}) == 1
        assert len({a.url for a in group}) == len(group) and len({a.source for a in group}) == len(group)


def test_flags_are_well_formed(labels):
    flags = [(sid, f) for sid, s in labels["stories"].items() for f in s.get("flags") or []]
    assert len(flags) >= 5
    for sid, flag in flags:
        assert re.fullmatch(r"20\d\d-W\d\d", str(flag["week"])), flag
        assert flag["measure"] and flag["place"] and flag["unit"]
        values = {c["value"] for c in flag["claims"]}
        assert len(values) >= 2, f"{sid}: a disagreement needs two different values"
        assert len({c["by"] for c in flag["claims"]}) >= 2, f"{sid}: two claimants"
        for claim in flag["claims"]:
            assert claim["files"], claim
            for f in claim["files"]:
                assert labels["articles"][f] == sid, f"{sid}: {f} is in another story"
    for sid, story in labels["stories"].items():
        for trap in story.get("not_flags") or []:
            assert trap["why"] and len(trap["values"]) >= 2 and re.fullmatch(r"20\d\d-W\d\d", str(trap["week"]))


def test_labels_yaml_has_no_duplicate_file_keys():
    seen = Counter(re.findall(r"^  (\d{3}\.\w+):", (STORIES / "labels.yml").read_text(encoding="utf-8"), re.MULTILINE))
    assert seen and max(seen.values()) == 1
    assert yaml.safe_load((STORIES / "labels.yml").read_text(encoding="utf-8"))["articles"]


def test_baselines_on_the_set(m):
    result = m.evaluate([(n, g, None) for n, g in m.BASELINES.items()], STORIES / "labels.yml", STORIES / "articles")
    rows = {r["name"]: r for r in result["results"]}
    assert result["articles"]["dev"] > 20 and result["articles"]["test"] > 20
    for half in ("dev", "test", "all"):
        p, r, _f = rows["singletons"][half]
        assert p == 1.0 and 0.2 < r < 0.5  # many multi-article stories: recall of singletons is low
        # merging syndicated copies only ever helps, and never joins different stories
        assert rows["near-duplicates"][half][0] == 1.0
        assert rows["near-duplicates"][half][1] > r
    assert rows["title-words"]["all"][2] < 0.9, "a title-words baseline must not already meet the target"


def test_flag_scoring(m, labels):
    gold_flags = [(s, f) for s, st in labels["stories"].items() for f in st.get("flags") or []]
    _sid, flag = gold_flags[0]
    values = sorted({c["value"] for c in flag["claims"]})
    trap = next(t for st in labels["stories"].values() for t in st.get("not_flags") or [])
    predicted = [
        {"week": flag["week"], "values": values + [1], "files": flag["claims"][0]["files"]},  # found
        {"week": "1999-W01", "values": values},  # wrong week: false
        {"week": trap["week"], "values": trap["values"]},  # a labelled trap
    ]
    out = m.score_flags(predicted, labels)
    assert sum(out[h]["found"] for h in m.HALVES) == 1
    assert sum(out[h]["gold"] for h in m.HALVES) == len(gold_flags)
    assert sum(out[h]["false"] for h in m.HALVES) == 1
    assert sum(out[h]["traps"] for h in m.HALVES) == 1
    assert sum(len(out[h]["missed"]) for h in m.HALVES) == len(gold_flags) - 1


def test_command_line_scores_a_grouping_module_with_flags(m, tmp_path, capsys):
    # a grouping from a file: the gold stories of the labels themselves, and the gold flags
    module = tmp_path / "oracle.py"
    module.write_text(
        "import yaml\n"
        f"L = yaml.safe_load(open({str(STORIES / 'labels.yml')!r}, encoding='utf-8'))\n"
        "def group(articles):\n"
        "    from pathlib import Path\n"
        "    return {a.path: L['articles'][Path(a.path).name] for a in articles}\n"
        "def flags(articles, grouping):\n"
        "    return [{'week': str(f['week']), 'values': [c['value'] for c in f['claims']],\n"
        "             'files': f['claims'][0]['files']} for s in L['stories'] for f in s.get('flags') or []]\n",
        encoding="utf-8")
    assert m.main(["--grouping", f"{module}:group"]) == 0
    out = capsys.readouterr().out
    row = next(line for line in out.splitlines() if line.startswith(f"{module}:group"))
    assert re.findall(r"\d\.\d{3}", row)[:7] == ["1.000"] * 7
    gold = sum(len(s.get("flags") or []) for s in yaml.safe_load((STORIES / "labels.yml").read_text())["stories"])
    flags_line = [line for line in out.splitlines() if line.startswith(f"{module}:group")][1]
    found = [tuple(map(int, x)) for x in re.findall(r"(\d+)/(\d+)", flags_line)]
    assert sum(f for f, _ in found) == gold == sum(g for _, g in found) and "false 0" in flags_line
