"""The offline search index: written at build time, split into small classic-script files.

Material's search builds a lunr index in the browser from the whole site on every page load
(seconds at 1,000 pages, tens of seconds at 10,000). This index is built once, here, and split
so that a query loads only what it needs: the shards of its terms and the records of the
results it shows. Every file is a classic script that hands its data to ``window.__ds`` (see
``templates/assets/search.js``): ``<script src>`` works from ``file://``, where fetch and
modules do not, and the same files work over HTTP.

Files, under ``search/`` in the site:
- ``manifest.js``: ``__ds.m({...})``: format version (``v``), document and article counts
  (``n``, ``articles``), shard keys (``keys``) and the file names of those that are not plain
  ASCII letters and digits (``files``), the lists that facets refer to (``themes``,
  ``sources``, ``actors``), ``bucket`` (FACET_BUCKET), ``pageIds`` (PAGE_IDS) and ``df``: the
  document frequency of each term that kept fewer documents than it is in (``MAX_POSTINGS``);
- ``t/<key>.js``: ``__ds.t(key, {term: [ids, weights]})``: the postings of every term
  whose shard key is ``key`` (its first character, or two, or three where a shorter key's shard
  would pass ``SHARD_BYTES``; a term shorter than its shard's key stays in the shorter one), in
  ascending id order; ids are delta-encoded, weights are BM25F x 100 without the idf, rounded
  (see ``_postings``). A reader finds a term's shard as the longest key that starts the term
  (three characters, else two, else one) and multiplies each weight by the term's idf,
  ln(1 + (n - df + 0.5) / (df + 0.5)), ``df`` the manifest's or else the number of postings.
  A cut term's frequency is in the manifest, not in its shard, so that an article that does
  not reach a common word's best documents leaves that word's shard as it was: an article
  added changes the shards of its rarer words and of the common ones it ranks high for (at
  10,000 articles most of an article's words are cut ones);
- ``d/<id>.js``: ``__ds.d(id, {...})``: one result's record: url (``u``, from the site's
  root), title (``t``), kind (``k``: article, actor, theme), date (``d``), source (``s``),
  theme names (``h``), and its sentences (``x``, for the snippet and for checking phrases; an
  actor or theme page has a few lines that describe it); an article's record also has its id
  (``i``): a result opens at ``u#s-<i>-<n>``, the stable anchor of the sentence ``x[n]`` its
  snippet shows (see ``render/cite.py``). A field without a value (no date, no source, no
  theme) is left out. The sentences are 94 % of a record's bytes and most of the index's: the
  reader needs them all, to find a phrase in any sentence and show the one that matched
  (the actors a result names, which the reader does not show, are in the facets only);
- ``f/<n>.js``: ``__ds.f(n, {offset: [date, source, themes bitmask, [actor, ...]], ...})``: the
  facets of the articles whose ids are ``n*FACET_BUCKET + offset``, for the results page
  filters: date as yyyymmdd (0: none), source and actors as indices into the manifest's lists
  (-1: none), bit i set for the manifest's theme i.

Documents are the articles, actor pages and theme pages.

Ids: a document's id depends on that document, never on its place among the others, so that
an article added (of any date: feeds bring articles weeks late) changes the files of its own
terms (those where it is among the postings), its record, its facet file and the manifest,
and no other. An article's id starts from
its day (``DAY_SLOTS`` ids a day since ``EPOCH``, so ids follow dates: a tie in the browser
goes to the newest) plus a hash of its article id; an undated article's from
``UNDATED_IDS``, a page's from ``PAGE_IDS``, plus a hash of its article id or url. Where two
starts collide, the second (by start, then name) takes the next free id (``stable_ids``).

Ranking: BM25F (k1=1.2, b=0.75) over title (x3), actors and themes (x2) and text (x1) for an
article; an actor or theme page is found by its name (title x3, aliases x2) and, weakly, by
what the page shows (``about``, x0.5, a word twice at most: description, affiliation, leading actors,
bottom-line sentences), and is never scored as shorter than the average document, so a list of names does
not outrank the articles. Very common words: the stopwords of ``searchtext`` are not indexed,
and a term keeps its ``MAX_POSTINGS`` best documents, so a shard stays small however large the
digest grows. The browser sums the scores of the query's words (see ``search.js``).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import math
from array import array
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path

import numpy as np

from generator import searchtext
from generator.atomic import write_atomic
from generator.cache import warn_unreadable
from generator.fastjson import loads
from generator.model import Digest
from generator.searchtext import tokens
from generator.versions import code_version

SEARCH = "search"
FORMAT = 3  # 2: weights without the idf (the browser multiplies), ids from dates and hashes; 3: cut terms' df in the manifest
K1, B = 1.2, 0.75
BOOSTS = {"title": 3.0, "tags": 2.0, "text": 1.0, "about": 0.5}
ABOUT_REPEATS = 2  # a word of a page's ``about`` counts this many times at most
PAGE_NAMES = 10  # aliases, members, themes, sentences a page's document takes
PAGE_ACTORS = 5  # a theme's leading actors its document names
MAX_POSTINGS = 1000
SHARD_BYTES = 256_000  # see _shards
# Document ids (see "Ids" in the module's docstring): an article's from its date and its id,
# an undated article's and a page's from their id or url alone
EPOCH = dt.date(1900, 1, 1)  # the first date an article may have (ingest.fields)
DAY_SLOTS = 1 << 10  # ids a day of articles starts from
UNDATED_IDS = 1 << 27  # after every day to 2100 (73,414 days x DAY_SLOTS = 75.2 million)
PAGE_IDS = 1 << 28  # actor and theme pages
SPREAD = 1 << 20  # ids an undated article or a page starts from
FACET_BUCKET = 32 * DAY_SLOTS  # a facet file holds the articles of 32 days (or of ids that span as much)
AVG_STEPS = 32  # the average document length is rounded to 1/32 of an octave (2.2%): see _postings
TERMS_FILE = "search-terms-v2.bin"  # the term cache, in the cache folder (see TermCache)
OLD_TERMS_FILE = "search-terms-v1.json"  # its earlier form, removed when the new one is written


@dataclass(frozen=True, slots=True)
class SearchDoc:
    id: int
    url: str
    kind: str  # article, actor, theme
    title: str
    date: str | None
    source: str | None
    themes: tuple[str, ...]
    actors: tuple[str, ...]
    sentences: tuple[str, ...]
    fields: dict  # field -> text
    key: str | None = None  # see _documents
    article_id: str | None = None  # an article's id: with a sentence index, the anchor a result opens at


def _spread(text: str, slots: int) -> int:
    return int.from_bytes(hashlib.sha1(text.encode("utf-8")).digest()[:8], "big") % slots


def _article_start(date: dt.date | None, article_id: str) -> int:
    if date is None:
        return UNDATED_IDS + _spread(article_id, SPREAD)
    return (date - EPOCH).days * DAY_SLOTS + _spread(article_id, DAY_SLOTS)


def stable_ids(starts: Iterable[tuple[int, str]]) -> dict[str, int]:
    """Unique ids for (start, name) pairs: each name takes the first id from its start that no
    name before it (by start, then name) took. An id depends only on the names whose starts
    are at or just before its own: a name added elsewhere changes no other id, and one added
    among them moves a neighbour only when their starts collide (1 chance in ~40 at 25
    articles a day)."""
    ids: dict[str, int] = {}
    last = -1
    for start, name in sorted(starts):
        last = max(start, last + 1)
        ids[name] = last
    return ids


def _documents(digest: Digest, salt: str = "", fields: bool = True) -> list[SearchDoc]:
    """The documents, articles first (ids by date), then the actor and theme pages.

    ``salt`` (the analysis fingerprint, and for records the renderer's version) gives each
    article's document a ``key``: a hash of what its terms and record are made from (the
    article, its analysis, its actor and theme names), so that the term cache and the record
    files need not look at its text. ``fields=False``: leave the texts to index out."""
    from generator.cache import article_key

    docs = []
    theme_names = {t.id: t.info.name for t in digest.themes}
    ids = stable_ids((_article_start(e.article.date, e.article.id), e.article.id) for e in digest.articles)
    for e in sorted(digest.articles, key=lambda e: ids[e.article.id]):
        a = e.analysed
        themes = tuple(theme_names.get(t.id, t.id) for t in a.themes)
        actors = tuple(r.name for r in a.actors)
        tags = " ".join((*actors, *themes))
        key = None
        if salt:
            payload = json.dumps([salt, article_key(e.article), tags], ensure_ascii=False)
            key = hashlib.sha1(payload.encode("utf-8")).hexdigest()[:24]
        docs.append(
            SearchDoc(
                id=ids[e.article.id], url=f"articles/{e.slug}.html", kind="article", title=e.article.title,
                date=e.article.date.isoformat() if e.article.date else None, source=e.article.source,
                themes=themes, actors=actors[:6], sentences=a.sentences,
                fields={"title": e.article.title, "tags": tags,
                        "text": " ".join((*a.sentences, *(f.text for f in a.figures)))} if fields else {},
                key=key, article_id=e.article.id,
            )
        )
    pages = _pages(digest)
    page_ids = stable_ids((PAGE_IDS + _spread(page.url, SPREAD), page.url) for page in pages)
    docs.extend(sorted((replace(page, id=page_ids[page.url]) for page in pages), key=lambda d: d.id))
    return docs


def _pages(digest: Digest) -> list[SearchDoc]:
    """Actor and theme pages. They are found by their names (title, aliases); the rest of what
    the page shows (description, affiliation, leading actors, bottom-line sentences) is the
    lightly weighted ``about`` field, so a short page does not outrank the articles on a word it
    only mentions. Each is bounded: a page's document does not grow with the digest."""
    theme_names = {t.id: t.info.name for t in digest.themes}
    out = []
    for x in digest.actors:
        kind = x.type.capitalize() + (f", {x.affiliation}" if x.affiliation else "")
        others = [a for a in x.aliases_seen if a != x.name][:PAGE_NAMES]
        # by name, not by how often: an article added reorders its actors' themes now and then
        themes = sorted(theme_names.get(t, t) for t, _ in x.themes[:PAGE_NAMES])
        about = [x.type, x.affiliation or "", *x.members[:PAGE_NAMES]]
        said = [f"{kind}."]  # not how many articles name it: that changes with every article
        if others:
            said.append("Also written " + ", ".join(others) + ".")
        if themes:
            said.append("Themes: " + ", ".join(themes) + ".")
        out.append(SearchDoc(
            id=0, url=f"actors/{x.slug}.html", kind="actor", title=x.name, date=None, source=None,
            themes=tuple(themes), actors=(), sentences=tuple(said),
            fields={"title": x.name, "tags": " ".join(others), "about": " ".join(about)},
        ))
    for t in digest.themes:
        bluf = [e.sentence for _, e in t.bluf[:PAGE_NAMES]]
        actors = [a for a, _ in t.actors[:PAGE_ACTORS]]
        out.append(SearchDoc(
            id=0, url=f"themes/{t.id}.html", kind="theme", title=t.info.name, date=None,
            source=None, themes=(), actors=tuple(actors[:6]),
            sentences=(t.info.description, *bluf),
            fields={"title": t.info.name, "tags": t.info.name,
                    "about": " ".join((t.info.description, *bluf, *actors))},
        ))
    return out


class TermCache:
    """Each document's weighted term counts, by its ``key`` (else a hash of its fields' text):
    tokenising every article again was most of the index's build time. One file in the cache
    folder: a line of JSON (the vocabulary, and each document's key, place, term count and
    length), then every document's term ids (uint32) one after the other, then their weights
    (float32) likewise, read as two arrays that each document's terms are slices of. Kept as
    JSON with each document's arrays in base64 before, its 10,000 entries were decoded one by
    one and encoded again whenever one document was added (0.3 s of a warm build's CPU at
    10,000 articles). Anything unreadable is ignored and the documents are tokenised again.
    Without a folder it is only the vocabulary of one index build."""

    def __init__(self, cache_dir: Path | None):
        self.path = cache_dir / TERMS_FILE if cache_dir else None
        self.version = code_version(Path(searchtext.__file__), extra=json.dumps(BOOSTS))
        self.vocab: list[str] = []
        self.docs: dict[str, list] = {}  # key -> [start, count, length] in the arrays read
        self.fresh: dict[str, tuple[np.ndarray, np.ndarray, float]] = {}  # key -> what ``put`` was given
        self.used: set[str] = set()
        self.changed = False
        self._vocab_index: dict[str, int] | None = None
        self._ids = np.zeros(0, dtype=np.uint32)
        self._weights = np.zeros(0, dtype=np.float32)
        if self.path is None:
            return
        try:
            head, _, body = self.path.read_bytes().partition(b"\n")
            data = loads(head)
            if data.get("version") == self.version and isinstance(data.get("vocab"), list) and isinstance(data.get("docs"), dict):
                n = data["pairs"]
                if not isinstance(n, int) or len(body) != 8 * n:
                    raise ValueError("arrays of another length")
                ids = np.frombuffer(body, dtype="<u4", count=n)
                weights = np.frombuffer(body, dtype="<f4", count=n, offset=4 * n)
                if n and int(ids.max()) >= len(data["vocab"]):
                    raise ValueError("a term id past the vocabulary")
                self.vocab, self.docs, self._ids, self._weights = data["vocab"], data["docs"], ids, weights
        except FileNotFoundError:
            pass
        except (OSError, ValueError, AttributeError, TypeError, KeyError):
            warn_unreadable(self.path, "every document is tokenised again")

    @staticmethod
    def key(fields: dict) -> str:
        return hashlib.sha1(json.dumps(fields, ensure_ascii=False, sort_keys=True).encode("utf-8")).hexdigest()[:24]

    def get(self, key: str) -> tuple[np.ndarray, np.ndarray, float] | None:
        """A document's (term ids, weights, length), or None."""
        hit = self.fresh.get(key)
        if hit is not None:
            self.used.add(key)
            return hit
        place = self.docs.get(key)
        if place is None:
            return None
        try:
            start, count, length = place
            if not (isinstance(start, int) and isinstance(count, int) and 0 <= start and 0 <= count
                    and start + count <= len(self._ids)):
                return None
            hit = self._ids[start:start + count], self._weights[start:start + count], float(length)
        except (ValueError, TypeError):
            return None
        self.used.add(key)
        return hit

    def ids(self, terms: Iterable[str]) -> np.ndarray:
        """The vocabulary ids of ``terms`` (new terms are added)."""
        if self._vocab_index is None:
            self._vocab_index = {t: i for i, t in enumerate(self.vocab)}
        index, out = self._vocab_index, array("I")
        for t in terms:
            i = index.get(t)
            if i is None:
                i = index[t] = len(self.vocab)
                self.vocab.append(t)
            out.append(i)
        return np.frombuffer(out, dtype=np.uint32)

    def put(self, key: str, ids: np.ndarray, weights: np.ndarray, length: float) -> None:
        if self.path is None:
            return
        self.fresh[key] = ids.astype(np.uint32), weights.astype(np.float32), float(length)
        self.used.add(key)
        self.changed = True

    def save(self) -> None:
        """Write the entries used since it was read (``get`` or ``put``), when any was put or
        any other is left."""
        if self.path is None or not (self.changed or set(self.docs) - self.used):
            return
        docs, ids, weights, start = {}, [], [], 0
        for key in sorted(self.used):
            hit = self.get(key)
            if hit is None:
                continue
            docs[key] = [start, len(hit[0]), hit[2]]
            ids.append(hit[0])
            weights.append(hit[1])
            start += len(hit[0])
        head = json.dumps({"version": self.version, "vocab": self.vocab, "docs": docs, "pairs": start},
                          ensure_ascii=False, separators=(",", ":"))
        body = b"".join([np.concatenate(ids or [np.zeros(0, np.uint32)]).astype("<u4").tobytes(),
                         np.concatenate(weights or [np.zeros(0, np.float32)]).astype("<f4").tobytes()])
        self.path.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(self.path, head.encode("utf-8") + b"\n" + body, fault="terms")
        old = self.path.with_name(OLD_TERMS_FILE)
        old.unlink(missing_ok=True)  # the cache as the JSON of an earlier version


def _weigh(fields: dict) -> tuple[dict, float]:
    wtf: Counter[str] = Counter()
    length = 0.0
    for field, text in fields.items():
        toks = tokens(text)
        if field == "about":  # what a page only mentions counts twice at most, however often its evidence repeats it
            seen: Counter[str] = Counter()
            kept = []
            for t in toks:
                seen[t] += 1
                if seen[t] <= ABOUT_REPEATS:
                    kept.append(t)
            toks = kept
        boost = BOOSTS[field]
        length += boost * len(toks)
        for t in toks:
            wtf[t] += boost
    return wtf, length


def rounded_average(lengths: list[float]) -> float:
    """The average document length, rounded to 1/AVG_STEPS of an octave: a new document
    changes it (and so every weight) only when it crosses a step, rarely in a large digest."""
    avg = sum(lengths) / len(lengths)
    return 2.0 ** (round(math.log2(avg) * AVG_STEPS) / AVG_STEPS) if avg > 0 else 1.0


def _postings(docs: list[SearchDoc], cache: TermCache | None = None) -> dict[str, tuple[list[int], list[int], int]]:
    """term -> (doc ids ascending, their weights, the term's document frequency): BM25F
    without the idf, each term keeping its ``MAX_POSTINGS`` best documents (weight
    descending, then id).

    A weight is 100 x tf (k1 + 1) / (tf + k1 (1 - b + b len / avg)), rounded (at least 1),
    ``avg`` rounded too (``rounded_average``). The browser multiplies it by the term's idf,
    from the manifest's ``n`` and the frequency: so a new document changes the postings of its
    own terms only, not every shard as an idf computed here would.

    The arithmetic runs on arrays of every (document, term) pair at once, in the same order of
    operations as the one-posting-at-a-time formula, so the weights are the same to the bit
    (tests compare it with a plain rendering of the formula)."""
    vocab = cache if cache is not None else TermCache(None)
    term_ids: list[np.ndarray] = []
    weights: list[np.ndarray] = []
    lengths: list[float] = []
    for d in docs:
        hit = key = None
        if cache is not None and d.kind == "article":
            key = d.key or TermCache.key(d.fields)
            hit = cache.get(key)
        if hit is None:
            wtf, length = _weigh(d.fields)
            hit = vocab.ids(wtf), np.fromiter(wtf.values(), dtype=np.float32, count=len(wtf)), length
            if key is not None:
                cache.put(key, *hit)
        term_ids.append(hit[0])
        weights.append(hit[1])
        lengths.append(hit[2])
    n = len(docs)
    if not n or not sum(map(len, term_ids)):
        return {}
    avg = rounded_average(lengths)
    norms = []
    for d, length in zip(docs, lengths, strict=True):
        if d.kind != "article":
            length = max(length, avg)  # no bonus for being short: a page is a list of names
        norms.append(K1 * (1 - B + B * length / avg))
    counts = [len(t) for t in term_ids]
    terms = np.concatenate(term_ids).astype(np.int64)
    tf = np.concatenate(weights).astype(np.float64)  # float32 holds these sums of boosts exactly
    at = np.repeat(np.arange(n), counts)
    df = np.bincount(terms, minlength=len(vocab.vocab))
    score = 100 * tf * (K1 + 1) / (tf + np.array(norms)[at])
    scores = np.maximum(np.rint(score), 1).astype(np.int64)  # rint: half to even, as round()
    ids = np.array([d.id for d in docs], dtype=np.int64)[at]
    best = np.lexsort((ids, -scores, terms))  # by term, then score descending, then id
    grouped = terms[best]
    starts = np.flatnonzero(np.r_[True, grouped[1:] != grouped[:-1]])
    rank = np.arange(len(best)) - np.repeat(starts, np.diff(np.r_[starts, len(best)]))
    kept = best[rank < MAX_POSTINGS]
    kept = kept[np.lexsort((ids[kept], terms[kept]))]  # by term, then id
    k_terms = terms[kept]
    bounds = [*np.flatnonzero(np.r_[True, k_terms[1:] != k_terms[:-1]]).tolist(), len(kept)]
    k_ids, k_scores, names = ids[kept].tolist(), scores[kept].tolist(), k_terms[bounds[:-1]].tolist()
    freq = df[names].tolist()
    return {vocab.vocab[t]: (k_ids[a:b], k_scores[a:b], f)
            for t, a, b, f in zip(names, bounds, bounds[1:], freq, strict=False)}


def _encode(posting: tuple[list[int], list[int], int]) -> list:
    """[id deltas, weights] (a cut term's document frequency is in the manifest: ``cut_df``)."""
    ids, weights, _ = posting
    return [[b - a for a, b in zip([0, *ids], ids, strict=False)], weights]


def cut_df(postings: dict[str, tuple[list[int], list[int], int]]) -> dict[str, int]:
    """The document frequency of each term that kept fewer documents than it is in."""
    return {term: df for term, (ids, _, df) in sorted(postings.items()) if df != len(ids)}


def shard_file(key: str) -> str:
    """A safe file name for a shard key (non-ASCII keys are hex-encoded)."""
    if key.isascii() and key.isalnum():
        return key
    return "x" + key.encode("utf-8").hex()


def _shards(postings: dict[str, tuple[list[int], list[int], int]]) -> dict[str, dict[str, list]]:
    """Terms grouped by their first character, a group split by the next character while it
    passes ``SHARD_BYTES`` (up to three; a term shorter than its group's key stays in the
    shorter one). Few, large shards: an article added changes the shard of each of its terms,
    and a 48 KB shard keyed by two characters meant 120 files for one article at 10,000."""
    encoded = {term: _encode(postings[term]) for term in sorted(postings)}
    shards: dict[str, dict[str, list]] = {}

    def place(key: str, terms: list[str]) -> None:
        group = {t: encoded[t] for t in terms}
        if len(key) >= 3 or len(json.dumps(group, separators=(",", ":"))) <= SHARD_BYTES:
            shards[key] = group
            return
        longer: dict[str, list[str]] = defaultdict(list)
        for t in terms:
            if len(t) > len(key):
                longer[t[: len(key) + 1]].append(t)
            else:
                shards.setdefault(key, {})[t] = encoded[t]
        for sub, members in longer.items():
            place(sub, members)

    first: dict[str, list[str]] = defaultdict(list)
    for term in encoded:
        first[term[:1]].append(term)
    for key, terms in first.items():
        place(key, terms)
    return {key: dict(sorted(terms.items())) for key, terms in sorted(shards.items())}


def _js(call: str, *args: object) -> str:
    body = ",".join(json.dumps(a, ensure_ascii=False, separators=(",", ":")) for a in args)
    body = body.replace("</", "<\\/")  # keep the data inert even if pasted into a page
    return f"__ds.{call}({body});\n"


def search_files(
    digest: Digest, cache_dir: Path | None = None, part: str | None = None, salt: str = ""
) -> dict[str, str]:
    """Every file of the search index, keyed by its path under ``docs/``.

    ``part``: only the term shards and the manifest (``"terms"``), or only the result records
    and facets (``"records"``, see ``record_files``): two halves that two workers can make at
    once. ``cache_dir`` keeps the term cache; ``salt``: see ``_documents``.
    """
    files: dict[str, str] = {}
    if part in (None, "terms"):
        docs = _documents(digest, salt)
        cache = TermCache(cache_dir) if cache_dir else None
        postings = _postings(docs, cache)
        if cache is not None:
            cache.save()
        shards = _shards(postings)
        for key, terms in shards.items():
            files[f"{SEARCH}/t/{shard_file(key)}.js"] = _js("t", key, terms)
        theme_list, sources, facet_actors = _facet_lists(digest, docs)
        manifest = {
            "v": FORMAT, "n": len(docs), "articles": sum(1 for d in docs if d.kind == "article"),
            "keys": sorted(shards), "files": {k: shard_file(k) for k in sorted(shards) if shard_file(k) != k},
            "themes": theme_list, "sources": sources, "actors": facet_actors, "bucket": FACET_BUCKET,
            "pageIds": PAGE_IDS, "df": cut_df(postings),
        }
        files[f"{SEARCH}/manifest.js"] = _js("m", manifest)
    if part in (None, "records"):
        files.update(record_files(digest))
    return dict(sorted(files.items()))


def _facet_lists(digest: Digest, docs: list[SearchDoc]) -> tuple[list[str], list[str], list[str]]:
    """The manifest's theme, source and actor lists, which the facets refer to by index: in an
    order that a new article does not change (the actors: the 300 most written about, by name),
    so that the facets of the other articles stay as they were."""
    sources = sorted({d.source for d in docs if d.source})
    return [t.info.name for t in digest.themes], sources, sorted([a.name for a in digest.actors if a.known][:300])


def record_files(
    digest: Digest,
    salt: str = "",
    known: dict | None = None,
    stat: Callable[[str], list[int] | None] | None = None,
    record: dict | None = None,
) -> Iterator[tuple[str, str | None]]:
    """(path, text) of every result record and facet file.

    With ``salt`` (the renderer's version and the analysis fingerprint), an article's record
    whose key, size and modification time (``stat``) match ``known`` (the page cache) is not
    made again: it comes as (path, None), keep it. ``record`` receives each article record's
    entry for the page cache ([key, size, mtime], taken once the caller has written it).
    """
    docs = _documents(digest, salt, fields=False)
    theme_list, sources, facet_actors = _facet_lists(digest, docs)
    source_idx = {s: i for i, s in enumerate(sources)}
    theme_bit = {name: 1 << i for i, name in enumerate(theme_list)}
    actor_idx = {a: i for i, a in enumerate(facet_actors)}
    buckets: dict[int, dict] = defaultdict(dict)
    for d in docs:
        rel = f"{SEARCH}/d/{d.id}.js"
        key = f"{d.key}:{d.id}" if d.key else None
        last = known.get(rel) if key and known else None
        if last and stat and last[0] == key and last[1:] == stat(rel):
            yield rel, None
            if record is not None:
                record[rel] = last
        else:
            fields = {"u": d.url, "t": d.title, "k": d.kind}
            fields |= {k: v for k, v in (("d", d.date), ("s", d.source), ("h", list(d.themes)), ("x", list(d.sentences)),
                                         ("i", d.article_id)) if v}  # an empty field is left out
            yield rel, _js("d", d.id, fields)
            if key and record is not None and stat:
                record[rel] = [key, *(stat(rel) or [])]
        if d.kind == "article":
            buckets[d.id // FACET_BUCKET][str(d.id % FACET_BUCKET)] = [
                int(d.date.replace("-", "")) if d.date else 0,
                source_idx.get(d.source, -1),
                sum(theme_bit.get(t, 0) for t in d.themes),
                [actor_idx[a] for a in d.actors if a in actor_idx],
            ]
    for n, rows in buckets.items():
        yield f"{SEARCH}/f/{n}.js", _js("f", n, rows)


def search_page(digest: Digest) -> str:
    """The full results page (``search/index.html?q=...``): box, filters and all results.

    ``search.js`` fills it; without JavaScript it says so.
    """
    return (
        "---\ntitle: Search\n---\n\n# Search\n\n"
        '<div class="digest-search-page" data-search-page>\n'
        '<form class="digest-search-form" role="search" action="index.html">'
        '<label for="digest-search-q">Search the digest</label> '
        '<input id="digest-search-q" type="search" name="q" autocomplete="off"> '
        '<button type="submit" class="md-button">Search</button>'
        '<fieldset class="digest-search-filters"><legend>Filters</legend>'
        '<label>Theme <select name="theme"><option value="">any</option></select></label> '
        '<label>Actor <select name="actor"><option value="">any</option></select></label> '
        '<label>Source <select name="source"><option value="">any</option></select></label> '
        '<label>From <input type="date" name="from"></label> '
        '<label>To <input type="date" name="to"></label>'
        "</fieldset></form>\n"
        '<p class="digest-search-status" role="status" aria-live="polite">'
        "Search needs JavaScript; every page is also listed under Articles, Actors and Themes.</p>\n"
        '<ol class="digest-search-list" data-search-results></ol>\n'
        "</div>\n"
    )
