"""The search index round trip: generator/render/search.py writes it, templates/assets/search.js
reads it.

The sample corpus is built with the real model and MkDocs; then Node runs the real search.js
engine (no DOM: its loader is swapped for one that runs each index file, as a <script> tag
would) and reads manifest, shards and records exactly as the browser does. The postings it
decodes must be the ones Python computed, and every record must point at a page of the site.
A small hand-written index checks the rules that the sample is too small to reach (split
shards, phrase checks across result pages).
"""

from __future__ import annotations

import json
import math
import shutil
import subprocess
from pathlib import Path

import pytest

from generator.analyse.taxonomy import load_taxonomy
from generator.build import analyse_with_cache, run
from generator.config import load_config
from generator.digest import build_digest
from generator.ingest import read_articles
from generator.render.search import PAGE_IDS, _documents, _postings, search_files
from tests.conftest import EXAMPLES, ROOT, cannot_run

SEARCH_JS = ROOT / "generator" / "templates" / "assets" / "search.js"

# Runs ``body`` (an async function of ``core``) against the index under SITE/search/ and prints
# its JSON result. Each index file runs in this context, as a classic <script> would.
NODE = """
const fs = require("fs"), path = require("path"), vm = require("vm");
require(process.argv[1]);
const root = path.join(process.argv[2], "search");
const loaded = [];
globalThis.__dsCore.configure({ load(file, done) {
  loaded.push(file);
  let text;
  try { text = fs.readFileSync(path.join(root, file), "utf8"); } catch (e) { return done("missing"); }
  vm.runInThisContext(text, { filename: file });
  done();
}});
const body = %s;
body(globalThis.__dsCore, loaded).then(
  r => process.stdout.write(JSON.stringify(r)),
  e => { console.error(e); process.exit(1); });
"""


def node(site: Path, body: str):
    exe = shutil.which("node")
    if not exe:
        cannot_run("node is not installed (Debian's nodejs package)")
    out = subprocess.run(
        [exe, "-e", NODE % body, str(SEARCH_JS), str(site)], capture_output=True, text=True,
        timeout=120, check=False,
    )
    assert out.returncode == 0, out.stderr
    return json.loads(out.stdout)


@pytest.fixture(scope="module")
def built(tmp_path_factory, analyser):
    """The sample digest built into site/, and the Digest that Python indexed."""
    project = tmp_path_factory.mktemp("search") / "digest"
    (project / "docs").mkdir(parents=True)
    shutil.copy(ROOT / "mkdocs.yml", project / "mkdocs.yml")
    for name in ("index.md", "methodology.md", "tags.md"):
        shutil.copy(ROOT / "docs" / name, project / "docs" / name)
    shutil.copytree(EXAMPLES, project / "articles")
    (project / "digest.yml").write_text("articles: [articles]\n")
    config = load_config(project)
    result = run(config, analyser=analyser)
    assert result.built and not result.rejections
    # the same steps as build.run, from the analysis cache the build just filled
    ingest = read_articles(config.articles, config.articles_root)
    analysed, fresh = analyse_with_cache(ingest.articles, analyser, config.cache_dir)
    assert fresh == 0
    digest = build_digest(analysed, load_taxonomy(config.themes).infos(), ingest.rejections,
                          config.source_grades)
    return project / "site", digest


TERMS = ["kursk", "korea", "troops", "100000", "2.5", "dprk", "us", "keen", "scarborough",
         "gazprombank", "deployment", "tariffs", "xi"]


def test_postings_decode_in_javascript_to_what_python_computed(built):
    """Ids as Python numbered them; scores the weights times the term's idf, which the browser
    computes from the manifest's document count and the term's frequency."""

    site, digest = built
    docs = _documents(digest)
    expected = _postings(docs)
    terms = [t for t in TERMS if t in expected]
    assert len(terms) >= 10, terms
    got = node(site, """async core => {
        const out = {};
        for (const t of TERMS) {
          const p = await core.postings(t);
          out[t] = {key: await core.shardKey(t), ids: p && p.ids, scores: p && p.scores};
        }
        return out;
    }""".replace("TERMS", json.dumps(terms)))
    _assert_bm25(got, expected, terms, len(docs))
    for term in terms:
        assert term.startswith(got[term]["key"]), term


def test_every_term_is_found_in_the_shard_its_key_names(built):
    site, digest = built
    docs = _documents(digest)
    expected = _postings(docs)
    shards = [p for p in search_files(digest) if p.startswith("search/t/")]
    got = node(site, """async (core, loaded) => {
        const m = await core.manifest();
        const out = {};
        for (const t of TERMS) { const p = await core.postings(t); out[t] = p ? p.ids.length : -1; }
        return {keys: m.keys.length, n: m.n, articles: m.articles, found: out,
                shards: loaded.filter(f => f.startsWith("t/")).length};
    }""".replace("TERMS", json.dumps(sorted(expected))))
    assert got["keys"] == got["shards"] == len(shards)  # each shard loaded, and only once
    assert got["n"] == len(docs) and got["articles"] == len(digest.articles)
    assert got["found"] == {t: len(p[0]) for t, p in expected.items()}


def test_every_record_points_at_a_page_of_the_site(built):
    site, digest = built
    docs = _documents(digest)
    ids = [d.id for d in docs]
    assert len(set(ids)) == len(ids) == len(digest.articles) + len(digest.actors) + len(digest.themes)
    assert max(ids[: len(digest.articles)]) < PAGE_IDS <= min(ids[len(digest.articles):])
    dated = [d for d in docs if d.date]
    assert [d.id for d in dated] == sorted(d.id for d in dated)
    assert sorted(dated, key=lambda d: d.id) == sorted(dated, key=lambda d: (d.date, d.id))  # ids follow dates
    records = node(site, """async (core, loaded) => {
        const m = await core.manifest();
        const out = [];
        for (const id of IDS) { const r = await core.record(id); out.push([id, r.u, r.k, r.t]); }
        return out;
    }""".replace("IDS", json.dumps(ids)))
    assert [r[0] for r in records] == ids
    for doc_id, url, kind, title in records:
        assert (site / url).is_file(), (doc_id, url)
        assert kind in ("article", "actor", "theme") and title
    kinds = {r[2] for r in records}
    assert kinds == {"article", "actor", "theme"}


def test_facets_hold_one_row_per_article_under_its_id(built):
    site, digest = built
    ids = [d.id for d in _documents(digest) if d.kind == "article"]
    got = node(site, """async core => {
        const m = await core.manifest();
        const rows = [], recs = [];
        for (const id of IDS) {
          rows.push((await core.facets(Math.floor(id / m.bucket)))[id % m.bucket]);
          recs.push(await core.record(id));
        }
        return {rows, recs: recs.map(r => [r.d, r.s, r.h]), themes: m.themes, sources: m.sources};
    }""".replace("IDS", json.dumps(ids)))
    assert len(got["rows"]) == len(digest.articles)
    for (date, source, mask, _actors), (d, s, themes) in zip(got["rows"], got["recs"], strict=True):
        assert date == (int(d.replace("-", "")) if d else 0)
        assert source == (got["sources"].index(s) if s else -1)
        assert mask == sum(1 << got["themes"].index(t) for t in themes)


def test_queries_in_node_rank_prefix_and_phrase_as_the_browser_does(built):
    site, _ = built
    got = node(site, """async core => {
        const urls = async q => (await core.quick(q, 10)).records.map(r => r.u);
        return {
          kursk: await urls("Kursk"), kur: await urls("Kur"), k: await urls("K"),
          phrase: await urls('"Keen Sword"'), words: await urls("Keen Sword"),
          reversed: await urls('"Sword Keen"'), both: await urls("Kursk troops"),
          parse: core.parse('north "South China Sea" kor'),
        };
    }""")
    assert "actors/kursk.html" in got["kursk"] and "themes/troop-deployment.html" in got["kursk"]
    assert set(got["kursk"]) <= set(got["kur"])  # "kur" is a prefix of kursk
    assert got["k"] == []  # one letter: no search
    assert got["phrase"] and set(got["phrase"]) <= set(got["words"])
    assert any("keen-sword" in u for u in got["phrase"])
    assert not any(u.startswith("articles/") for u in got["reversed"])
    assert got["parse"] == {"words": ["north", "kor", "south", "china", "sea"],
                            "phrases": [["south", "china", "sea"]], "prefix": "kor"}


# ------------------------------------------------------------------ a hand-written index


def _script(call: str, *args) -> str:
    return f"__ds.{call}(" + ",".join(json.dumps(a) for a in args) + ");\n"


@pytest.fixture
def tiny(tmp_path) -> Path:
    """Split shards: 'ka' has 3 three-letter shards, 'ko' has 5 (more than a prefix loads)."""
    search = tmp_path / "search"
    (search / "t").mkdir(parents=True)
    (search / "d").mkdir()
    shards = {"kab": {"kabul": [[0], [50]]}, "kam": {"kamchatka": [[1], [60]]},
              "kan": {"kansas": [[2], [70]]}, "ko": {"ko": [[3], [10]]}}
    for key in ("kor", "kos", "kot", "kou", "kov"):
        shards[key] = {key + "ea": [[4], [80]]}
    for key, terms in shards.items():
        (search / "t" / f"{key}.js").write_text(_script("t", key, terms))
    manifest = {"v": 1, "n": 5, "articles": 5, "keys": sorted(shards), "files": {},
                "themes": [], "sources": [], "actors": [], "bucket": 1000, "pageIds": 1000000}
    (search / "manifest.js").write_text(_script("m", manifest))
    sentences = {0: "Kabul in winter", 1: "Kamchatka, east of east", 2: "Kansas east",
                 3: "ko", 4: "Korea east of Kansas"}
    for i, text in sentences.items():
        record = {"u": f"articles/{i}.html", "t": f"doc {i}", "k": "article", "x": [text]}
        (search / "d" / f"{i}.js").write_text(_script("d", i, record))
    return tmp_path


def test_a_two_letter_prefix_loads_its_split_shards_only_when_they_are_few(tiny):
    got = node(tiny, """async (core, loaded) => {
        const out = {};
        for (const q of ["ka", "ko", "kor"]) {
          const before = loaded.length;
          out[q] = {terms: await core.expansions(q), files: loaded.slice(before)};
        }
        out.key = await core.shardKey("korea");
        out.missing = await core.postings("zebra");
        return out;
    }""")
    assert sorted(got["ka"]["terms"]) == ["kabul", "kamchatka", "kansas"]
    assert sorted(got["ka"]["files"]) == ["manifest.js", "t/kab.js", "t/kam.js", "t/kan.js"]
    assert got["ko"] == {"terms": [], "files": ["t/ko.js"]}  # 5 shards: wait for a third letter
    assert got["kor"] == {"terms": ["korea"], "files": ["t/kor.js"]}
    assert got["key"] == "kor" and got["missing"] is None


def test_phrase_check_pages_through_the_results_without_skipping_any(tiny):
    got = node(tiny, """async core => {
        const ranked = [0, 1, 2, 3, 4].map(id => ({id, score: 1, hits: 1}));
        const phrase = [["east"]];
        const all = await core.confirm(ranked, phrase, 0, 10);
        const pages = [];
        let next = 0;
        while (next < ranked.length) {
          const page = await core.confirm(ranked, phrase, next, 1);
          pages.push(...page.hits.map(h => h.id));
          next = page.next;
        }
        // phrases are tokens without stopwords: "east of Kansas" holds "east kansas"
        const two = await core.confirm(ranked, [["east", "kansas"]], 0, 10);
        return {all: all.hits.map(h => h.id), pages, two: two.hits.map(h => h.id)};
    }""")
    assert got["all"] == got["pages"] == [1, 2, 4]
    assert got["two"] == [4]


def test_the_term_cache_changes_nothing_and_is_never_trusted_blindly(built, tmp_path):
    """Tokenising every article is cached by the text of its fields: the files are the same
    without the cache, with a cold one, with a warm one, and with a corrupt one."""
    from generator.render import search

    _, digest = built
    plain = search_files(digest)
    cold = search_files(digest, tmp_path)
    cache_file = tmp_path / search.TERMS_FILE
    assert cache_file.is_file()
    calls = []
    real = search._weigh
    search._weigh = lambda fields: calls.append(1) or real(fields)
    try:
        warm = search_files(digest, tmp_path)
        assert len(calls) == len(digest.actors) + len(digest.themes)  # no article tokenised again
        cache_file.write_text('{"version": "x", "vocab": 1}')
        corrupt = search_files(digest, tmp_path)
    finally:
        search._weigh = real
    assert plain == cold == warm == corrupt


def test_with_a_salt_the_term_cache_is_keyed_by_article_and_analysis(built, tmp_path):
    """Given the analysis fingerprint, a document's cache key is a hash of its article, the
    fingerprint and its actor and theme names (not of its whole text): the same files, no
    article tokenised again when warm, and every article again under another fingerprint."""
    from generator.render import search

    _, digest = built
    plain = search_files(digest)
    calls = []
    real = search._weigh
    search._weigh = lambda fields: calls.append(1) or real(fields)
    pages = len(digest.actors) + len(digest.themes)
    try:
        cold = search_files(digest, tmp_path, salt="fingerprint-a")
        assert len(calls) == len(digest.articles) + pages
        calls.clear()
        warm = search_files(digest, tmp_path, salt="fingerprint-a")
        assert len(calls) == pages
        calls.clear()
        other = search_files(digest, tmp_path, salt="fingerprint-b")
        assert len(calls) == len(digest.articles) + pages
    finally:
        search._weigh = real
    assert plain == cold == warm == other
    keys = [d.key for d in _documents(digest, "fingerprint-a") if d.kind == "article"]
    assert all(keys) and len(set(keys)) == len(keys)


def test_result_records_are_kept_when_their_key_and_file_match(built, tmp_path):
    """A record whose key, size and mtime match the page cache is not made again; a record
    file that was changed or deleted since is; without a salt every record is made."""
    from generator.render.search import record_files

    _, digest = built
    every = dict(record_files(digest))
    assert every == search_files(digest, part="records")
    root = tmp_path

    def stat(rel):
        path = root / rel
        return [path.stat().st_size, path.stat().st_mtime_ns] if path.exists() else None

    def write(known):
        entries, made = {}, []
        for rel, text in record_files(digest, "salt", known, stat, entries):
            if text is not None:
                made.append(rel)
                (root / rel).parent.mkdir(parents=True, exist_ok=True)
                (root / rel).write_text(text, encoding="utf-8")
        return entries, made

    entries, made = write({})
    assert sorted(made) == sorted(every)
    records = sorted(rel for rel in entries)
    assert len(records) == len(digest.articles)
    assert all((root / rel).read_text(encoding="utf-8") == every[rel] for rel in every)
    again, made = write(entries)
    assert again == entries
    assert all(not rel.startswith("search/d/") or rel not in entries for rel in made)  # pages and facets only
    (root / records[0]).write_text("tampered", encoding="utf-8")
    (root / records[1]).unlink()
    _, made = write(entries)
    assert {records[0], records[1]} <= set(made)
    assert (root / records[0]).read_text(encoding="utf-8") == every[records[0]]


def _reference_postings(docs):
    """BM25F without the idf one posting at a time, the plain reading of the formula (the
    index computes it on arrays)."""
    from collections import Counter, defaultdict

    from generator.render.search import AVG_STEPS, K1, MAX_POSTINGS, B, _weigh

    weighted = [(d.id, *_weigh(d.fields)) for d in docs]
    df = Counter(t for _, wtf, _ in weighted for t in wtf)
    n = len(docs)
    avg = 2 ** (round(math.log2(sum(w[2] for w in weighted) / n) * AVG_STEPS) / AVG_STEPS)
    out = defaultdict(list)
    for (doc_id, wtf, length), d in zip(weighted, docs, strict=True):
        if d.kind != "article":
            length = max(length, avg)
        norm = K1 * (1 - B + B * length / avg)
        for term, tf in wtf.items():
            out[term].append((doc_id, max(1, round(100 * tf * (K1 + 1) / (tf + norm)))))
    for plist in out.values():
        plist.sort(key=lambda p: (-p[1], p[0]))
        del plist[MAX_POSTINGS:]
        plist.sort()
    return {t: ([i for i, _ in p], [s for _, s in p], df[t]) for t, p in out.items()}


def test_the_array_scores_are_the_formula_to_the_bit(built, tmp_path, monkeypatch):
    """The index's scores (numpy, every posting at once) equal the formula computed one
    posting at a time, also where a term is cut to its best MAX_POSTINGS documents (set low
    here), and with the term cache cold and warm."""
    from collections import Counter

    from generator.render import search

    _, digest = built
    monkeypatch.setattr(search, "MAX_POSTINGS", 3)
    docs = _documents(digest, "salt")
    expected = _reference_postings(docs)
    df = Counter(t for d in docs for t in search._weigh(d.fields)[0])
    assert max(df.values()) > 3 and max(len(p[0]) for p in expected.values()) == 3  # terms were cut
    assert _postings(docs) == expected
    for _ in range(2):
        cache = search.TermCache(tmp_path)
        assert _postings(docs, cache) == expected
        cache.save()
    assert _postings([]) == {}


def test_shards_are_keyed_by_one_character_and_split_only_past_their_size(monkeypatch):
    """Few, large shards: an article changes one shard per first letter of its terms."""
    from generator.render import search

    postings = {t: ([1, 2, 3], [50, 40, 30], 3) for t in ("kabul", "kansas", "korea", "kursk", "taiwan", "tariffs")}
    postings |= {f"sa{n:03d}": ([n], [10], 1) for n in range(60)}  # a big 's' group
    monkeypatch.setattr(search, "SHARD_BYTES", 1_000)
    shards = search._shards(postings)
    assert set(shards) == {"k", "t", "sa0"}  # 's' and then 'sa' too big: split to three characters
    assert sorted(shards["k"]) == ["kabul", "kansas", "korea", "kursk"] and sorted(shards["t"]) == ["taiwan", "tariffs"]
    assert sorted(t for terms in shards.values() for t in terms) == sorted(postings)  # each term once
    assert all(len(json.dumps(v, separators=(",", ":"))) <= 1_000 or len(k) == 3 for k, v in shards.items())
    added = postings | {"kyiv": ([4], [20], 1), "sa100": ([4], [20], 1)}
    after = search._shards(added)
    assert {k for k in after.keys() | shards.keys() if after.get(k) != shards.get(k)} == {"k", "sa1"}


def test_a_cut_terms_frequency_is_in_the_manifest_and_the_browser_uses_it(built, tmp_path, monkeypatch):
    """A term cut to its best MAX_POSTINGS documents (set low here) keeps its document
    frequency in the manifest, not in its shard; search.js takes the idf from it."""

    from generator.render import search

    _, digest = built
    monkeypatch.setattr(search, "MAX_POSTINGS", 3)
    docs = _documents(digest)
    expected = _postings(docs)
    cut = {t: p[2] for t, p in expected.items() if p[2] > len(p[0])}
    assert len(cut) >= 10
    for rel, text in search_files(digest).items():
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text(text, encoding="utf-8")
    manifest = json.loads((tmp_path / "search" / "manifest.js").read_text()[len("__ds.m("):-3])
    assert manifest["df"] == dict(sorted(cut.items()))
    shard = (tmp_path / "search" / "t").glob("*.js")
    assert all(len(entry) == 2 for f in shard for entry in json.loads(f.read_text()[f.read_text().index(",") + 1:-3]).values())
    terms = sorted(cut)[:20] + sorted(t for t in expected if t not in cut)[:5]
    got = node(tmp_path, """async core => {
        const out = {};
        for (const t of TERMS) { const p = await core.postings(t); out[t] = {ids: p.ids, scores: p.scores}; }
        return out;
    }""".replace("TERMS", json.dumps(terms)))
    _assert_bm25(got, expected, terms, len(docs))


def test_an_article_below_a_cut_terms_best_leaves_its_shard_as_it_was():
    """Adding a document changes a cut term's frequency only (in the manifest): the shard of a
    common word changes only when the new document is among its best."""
    from generator.render import search

    postings = {"korea": ([1, 2, 3], [50, 40, 30], 10), "kursk": ([1, 4], [20, 10], 2), "taiwan": ([2, 3], [9, 8], 2)}
    before = search._shards(postings)
    below = postings | {"korea": ([1, 2, 3], [50, 40, 30], 11), "taiwan": ([2, 3, 9], [9, 8, 7], 3)}
    after = search._shards(below)
    assert {k for k in after.keys() | before.keys() if after.get(k) != before.get(k)} == {"t"}
    assert search.cut_df(postings) == {"korea": 10} and search.cut_df(below) == {"korea": 11}
    among = below | {"korea": ([1, 2, 9], [50, 40, 45], 11)}  # it is among korea's best
    assert search._shards(among)["k"] != before["k"]


def test_an_actor_pages_record_does_not_follow_its_article_count(built):
    """An article added changes how many articles name each of its actors, and may reorder
    their themes: their pages' result records (what the search shows of them) stay the same."""
    from dataclasses import replace

    from generator.render.search import _pages

    _, digest = built
    actors = [a for a in digest.actors if len(a.article_ids) > 1 and len(a.themes) > 1]
    assert actors
    fewer = replace(digest, actors=tuple(
        replace(a, article_ids=a.article_ids[1:], themes=tuple((t, 1) for t, _ in reversed(a.themes)))
        if a in actors else a for a in digest.actors))
    before, after = _pages(digest), _pages(fewer)
    assert [(d.url, d.sentences, d.themes) for d in before] == [(d.url, d.sentences, d.themes) for d in after]
    assert any("Themes: " in s for d in before for s in d.sentences)


def _assert_bm25(got: dict, expected: dict, terms, n: int) -> None:
    """search.js's postings for ``terms`` are the Python index's: the same ids, and each weight
    times the BM25 idf of the term's document frequency among ``n`` documents."""
    for term in terms:
        ids, weights, df = expected[term]
        idf = math.log(1 + (n - df + 0.5) / (df + 0.5))
        assert got[term]["ids"] == list(ids), term
        assert got[term]["scores"] == pytest.approx([w * idf for w in weights], rel=1e-12), term


def test_a_word_a_page_only_mentions_counts_twice_at_most():
    """A theme page whose bottom-line sentences repeat a place does not outrank the articles on
    it (fewer troop-deployment evidence sentences once lifted "Troop deployment" above a Kursk article)."""
    from generator.render.search import ABOUT_REPEATS, BOOSTS, _weigh

    wtf, _ = _weigh({"about": "kursk troops in kursk and kursk again near kursk"})
    assert wtf["kursk"] == ABOUT_REPEATS * BOOSTS["about"]
    wtf, _ = _weigh({"text": "kursk troops in kursk and kursk again near kursk"})
    assert wtf["kursk"] == 4 * BOOSTS["text"]  # an article's own text counts every time
