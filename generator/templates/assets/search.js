/* The digest's offline search: the search box in the header, its results, and the full results
   page (search/index.html). It reads the index that generator/render/search.py writes under
   search/ (the format is described there): every index file is a classic script that hands its
   data to window.__ds, so it loads with <script src> from file:// as well as over HTTP (fetch,
   XHR and modules do not work from file://). Before the box is first used, only the (small)
   manifest is loaded, once the page has loaded.

   Three parts, each usable without the next:
   1. the tokenizer, the very steps of generator/searchtext.py (a test runs both on the same
      strings): globalThis.__dsTokens / __dsNormalise, also in Node;
   2. the engine: manifest, shards, records and facets, cached once loaded; query parsing,
      ranking, prefixes and phrases. No DOM: Node tests drive it with their own file loader
      (globalThis.__dsCore.configure({load}));
   3. the page: the header box with its results panel, and the full results page.
   Article text in records is untrusted: it reaches the page only through textContent. */
(function (global) {
  "use strict";

  // ------------------------------------------------------------------ 1. tokenizer

  var STOPWORDS = new Set([
    "a", "an", "and", "are", "as", "at", "be", "been", "but", "by", "for", "from", "had", "has",
    "have", "he", "her", "his", "in", "is", "it", "its", "of", "on", "or", "she", "that", "the",
    "their", "they", "this", "to", "was", "were", "which", "will", "with",
  ]);
  // Python's [^\W_] (letters and digits of any script) is [\p{L}\p{N}]; [^\W\d_] drops Nd.
  var ACRONYM = /(?<![\p{L}\p{N}])(?:[\p{L}\p{Nl}\p{No}]\.){2,}/gu;
  var THOUSANDS = /(?<=[0-9]),(?=[0-9]{3}(?![0-9]))/g;
  var TOKEN = /[\p{L}\p{N}]+(?:(?<=[0-9])\.[0-9]+)*/gu;
  var TRAILING_TOKEN = /[\p{L}\p{N}]+(?:(?<=[0-9])\.[0-9]+)*$/u;
  var MARKS = /\p{M}/gu;
  var DIGIT = /^\p{Nd}$/u;

  /** Steps 1-4: lowercase, fold accents, join dotted acronyms and digit groups. */
  function normalise(text) {
    var s = String(text).toLowerCase().normalize("NFKD").replace(MARKS, "");
    s = s.replace(ACRONYM, function (m) { return m.replace(/\./g, ""); });
    return s.replace(THOUSANDS, "");
  }

  /** Length in code points, as Python counts (an astral character is one, not two). */
  function cpLength(s) {
    var n = 0;
    for (var i = 0; i < s.length; i++) {
      var c = s.charCodeAt(i);
      if (c < 0xd800 || c > 0xdbff) n++;
    }
    return n;
  }

  /** The first ``n`` code points of ``s`` (Python's s[:n]). */
  function cpPrefix(s, n) {
    return Array.from(s).slice(0, n).join("");
  }

  function keep(tok, keepStopwords) {
    if (cpLength(tok) === 1 && !DIGIT.test(tok)) return false;
    return keepStopwords || !STOPWORDS.has(tok);
  }

  /** The index terms of ``text``, in order (steps 1-6). */
  function tokens(text, keepStopwords) {
    var found = normalise(text).match(TOKEN) || [];
    return found.filter(function (t) { return keep(t, keepStopwords); });
  }

  global.__dsNormalise = normalise;
  global.__dsTokens = tokens;

  // ------------------------------------------------------------------ 2. engine

  var PREFIX_WEIGHT = 0.8; // a word completed from what was typed counts a little less
  var MAX_EXPANSIONS = 50; // terms a prefix stands for, most frequent first
  var MAX_SPLIT_SHARDS = 4; // a two-letter prefix loads its three-letter shards only up to this
  var PHRASE_CHECK = 30; // candidates whose records are read to confirm a phrase (dropdown)
  var EARLY = 5; // results the dropdown shows while the records of the others still load

  var loader = null; // (path, done(error)) -> void: runs search/<path>, which calls __ds.*
  var settled = new Map(); // "t:ko" -> data, once its file has run
  var pending = new Map(); // "t:ko" -> Promise
  var waiting = new Map(); // "t:ko" -> resolve
  var manifest = null;
  var keys = null; // Set of shard keys
  var split = null; // two-character key -> its three-character keys
  var decoded = new Map(); // term -> {ids, scores} (ascending ids)
  var recordTokens = new WeakMap(); // record -> [tokens of the title, of each sentence]

  function receive(name, data) {
    settled.set(name, data);
    var resolve = waiting.get(name);
    if (resolve) {
      waiting.delete(name);
      resolve(data);
    }
  }

  // Every index file calls one of these; anything else on window.__ds is left alone.
  var ds = global.__ds || (global.__ds = {});
  ds.m = function (data) { receive("m:", data); };
  ds.t = function (key, data) { receive("t:" + key, data); };
  ds.d = function (id, data) { receive("d:" + id, data); };
  ds.f = function (n, data) { receive("f:" + n, data); };

  /** The data of search/<path>, whose file hands it over as ``name``; loaded once. */
  function load(name, path) {
    if (settled.has(name)) return Promise.resolve(settled.get(name));
    var p = pending.get(name);
    if (p) return p;
    p = new Promise(function (resolve, reject) {
      waiting.set(name, resolve);
      loader(path, function (error) {
        if (settled.has(name)) return;
        waiting.delete(name);
        pending.delete(name); // a later query may try again
        reject(new Error("search index: " + path + ": " + (error || "did not load")));
      });
    });
    pending.set(name, p);
    return p;
  }

  function getManifest() {
    if (manifest) return Promise.resolve(manifest);
    return load("m:", "manifest.js").then(function (m) {
      if (!manifest) {
        manifest = m;
        keys = new Set(m.keys);
        split = new Map();
        m.keys.forEach(function (k) {
          if (cpLength(k) !== 3) return;
          var two = cpPrefix(k, 2);
          if (!split.has(two)) split.set(two, []);
          split.get(two).push(k);
        });
      }
      return manifest;
    });
  }

  /** The shard a term's postings live in: the longest key that starts the term. */
  function shardKey(term) {
    var cps = Array.from(term);
    for (var n = Math.min(3, cps.length); n >= 1; n--) {
      var k = cps.slice(0, n).join("");
      if (keys.has(k)) return k;
    }
    return null;
  }

  function getShard(key) {
    var file = (manifest.files && manifest.files[key]) || key;
    return load("t:" + key, "t/" + file + ".js");
  }

  function getRecord(id) { return load("d:" + id, "d/" + id + ".js"); }

  function getFacets(n) { return load("f:" + n, "f/" + n + ".js"); }

  /** {ids, scores} of a term in a loaded shard (ids delta-decoded, weights times the term's
      idf, once), or null. */
  function postingsIn(shard, term) {
    if (!Object.prototype.hasOwnProperty.call(shard, term)) return null;
    var hit = decoded.get(term);
    if (hit) return hit;
    var raw = shard[term], ids = new Array(raw[0].length), scores = new Array(ids.length), last = 0;
    var cut = manifest.df || {}; // a cut term's frequency (it kept fewer postings)
    var df = Object.prototype.hasOwnProperty.call(cut, term) ? cut[term] : ids.length;
    var idf = Math.log(1 + (manifest.n - df + 0.5) / (df + 0.5));
    for (var i = 0; i < ids.length; i++) {
      ids[i] = last += raw[0][i];
      scores[i] = raw[1][i] * idf;
    }
    hit = { ids: ids, scores: scores };
    decoded.set(term, hit);
    return hit;
  }

  /** The postings of one term: {ids, scores}, or null when it is not in the index. */
  function postings(term) {
    return getManifest().then(function () {
      var key = shardKey(term);
      if (key === null) return null;
      return getShard(key).then(function (shard) { return postingsIn(shard, term); });
    });
  }

  /** Up to MAX_EXPANSIONS indexed terms that start with ``prefix`` (not itself), most
      frequent first. A two-letter prefix whose shard was split waits for a third letter
      when that would mean more than MAX_SPLIT_SHARDS shards. */
  function expansions(prefix) {
    return getManifest().then(function () {
      if (cpLength(prefix) < 2) return [];
      var wanted;
      if (cpLength(prefix) === 2 && split.has(prefix)) {
        wanted = split.get(prefix).length > MAX_SPLIT_SHARDS ? [] : split.get(prefix).slice();
        if (keys.has(prefix)) wanted.push(prefix);
      } else {
        var key = shardKey(prefix);
        wanted = key === null ? [] : [key];
      }
      return Promise.all(wanted.map(getShard)).then(function (shards) {
        var found = [];
        shards.forEach(function (shard) {
          for (var term in shard) {
            if (term !== prefix && term.startsWith(prefix)) found.push([term, shard[term][0].length]);
          }
        });
        found.sort(function (a, b) { return b[1] - a[1] || (a[0] < b[0] ? -1 : 1); });
        return found.slice(0, MAX_EXPANSIONS).map(function (f) { return f[0]; });
      });
    });
  }

  /** A query, parsed: the words (all required), phrases (lists of tokens), and the prefix:
      the last word when the query ends inside it (the user is still typing it). */
  function parse(query) {
    var phrases = [], words = [];
    var rest = String(query).replace(/"([^"]*)"/g, function (all, inner) {
      var t = tokens(inner);
      if (t.length > 1) phrases.push(t);
      else words.push.apply(words, t);
      return " ";
    });
    rest = rest.replace(/"/g, " "); // an unclosed quote: its words are plain words
    words = tokens(rest).concat(words);
    phrases.forEach(function (p) { words.push.apply(words, p); });
    var prefix = null;
    if (/[\p{L}\p{N}\p{M}]$/u.test(query)) {
      var m = normalise(rest).match(TRAILING_TOKEN);
      if (m && cpLength(m[0]) >= 2) prefix = m[0];
    }
    var unique = [];
    words.forEach(function (w) { if (unique.indexOf(w) < 0) unique.push(w); });
    return { words: unique, phrases: phrases, prefix: prefix };
  }

  /** Which words of a text a result's snippet marks. Its ``needles``: a text none of whose
      tokens matches holds none of them (see ``mayHold``). */
  function matcher(parsed) {
    var exact = new Set(parsed.words);
    var prefix = parsed.prefix;
    var isMatch = function (tok) {
      return exact.has(tok) || (prefix !== null && tok.startsWith(prefix) && !STOPWORDS.has(tok));
    };
    isMatch.needles = parsed.words.concat(prefix === null ? [] : [prefix]);
    isMatch.best = new WeakMap(); // record -> bestSentence (asked for by the snippet and the link)
    return isMatch;
  }

  // Text whose lowercase is not yet its normalised form: anything beyond ASCII (accents,
  // other scripts), dotted acronyms, digit groups (steps 2-4 of ``normalise``).
  var NOT_FOLDED = /[^\x00-\x7f]|[a-z]\.[a-z]\.|[0-9],[0-9]{3}/i;

  /** Whether some token of ``text`` may contain every one of ``needles`` (``all``) or one of
      them: tokens are pieces of the normalised text, so a text that does not contain them
      has no such token. Much cheaper than tokenising every sentence of every result. */
  function mayHold(text, needles, all) {
    var folded = NOT_FOLDED.test(text) ? normalise(text) : String(text).toLowerCase();
    var has = function (n) { return folded.indexOf(n) >= 0; };
    return all ? needles.every(has) : needles.some(has);
  }

  /** id -> score of one query word: its own postings and, for the prefix, the best of the
      words it may become (x PREFIX_WEIGHT). */
  function slotScores(slot) {
    var jobs = [slot.exact ? postings(slot.exact) : Promise.resolve(null)];
    jobs.push(slot.prefix ? expansions(slot.prefix).then(function (terms) {
      return Promise.all(terms.map(postings));
    }) : Promise.resolve([]));
    return Promise.all(jobs).then(function (got) {
      var scores = new Map();
      (got[1] || []).forEach(function (p) {
        if (!p) return;
        for (var i = 0; i < p.ids.length; i++) {
          var s = p.scores[i] * PREFIX_WEIGHT, old = scores.get(p.ids[i]);
          if (old === undefined || s > old) scores.set(p.ids[i], s);
        }
      });
      var own = got[0];
      if (own) {
        for (var i = 0; i < own.ids.length; i++) {
          var old = scores.get(own.ids[i]);
          if (old === undefined || own.scores[i] > old) scores.set(own.ids[i], own.scores[i]);
        }
      }
      return scores;
    });
  }

  /** Every document that matches, best first: {ranked: [{id, score, hits}], complete}. Words
      are ANDed: the ``complete`` documents that hold every word come first; documents that
      hold only some of them follow (an OR), most words first, so a long question still finds
      the article that words it differently. */
  function rank(parsed) {
    var slots = parsed.words.map(function (w) {
      return { exact: w, prefix: w === parsed.prefix ? w : null, required: true };
    });
    var last = parsed.words[parsed.words.length - 1];
    if (parsed.prefix !== null && parsed.prefix !== last) {
      // still typing a stopword ("in" on the way to "india"): it may add, never exclude
      slots.push({ exact: null, prefix: parsed.prefix, required: false });
    }
    if (!slots.length) return Promise.resolve({ ranked: [], complete: 0, needed: 0 });
    return Promise.all(slots.map(slotScores)).then(function (maps) {
      var needed = slots.filter(function (s) { return s.required; }).length;
      var found = new Map();
      maps.forEach(function (m, i) {
        var required = slots[i].required;
        m.forEach(function (score, id) {
          var r = found.get(id);
          if (!r) found.set(id, r = { id: id, score: 0, hits: 0 });
          r.score += score;
          if (required) r.hits += 1;
        });
      });
      var ranked = [], complete = 0;
      found.forEach(function (r) {
        if (r.hits === 0 && needed > 0) return;
        if (r.hits === needed) complete += 1;
        ranked.push(r);
      });
      ranked.sort(function (a, b) { return b.hits - a.hits || b.score - a.score || b.id - a.id; });
      return { ranked: ranked, complete: complete, needed: needed };
    });
  }

  /** The tokens of a record's title (``i`` = 0) or of its sentence ``i - 1``, computed once. */
  function tokenised(record, i) {
    var t = recordTokens.get(record);
    if (!t) recordTokens.set(record, t = []);
    if (!t[i]) t[i] = tokens(i === 0 ? record.t : record.x[i - 1]);
    return t[i];
  }

  /** The title and the sentences of a record. */
  function parts(record) { return [record.t].concat(record.x || []); }

  function hasRun(toks, phrase) {
    outer: for (var i = 0; i + phrase.length <= toks.length; i++) {
      for (var j = 0; j < phrase.length; j++) if (toks[i + j] !== phrase[j]) continue outer;
      return true;
    }
    return false;
  }

  /** Whether a record holds every phrase as consecutive tokens of one sentence (or the title). */
  function holdsPhrases(record, phrases) {
    var texts = parts(record);
    return phrases.every(function (p) {
      return texts.some(function (text, i) { return mayHold(text, p, true) && hasRun(tokenised(record, i), p); });
    });
  }

  /** Runs ``ranked`` from ``from`` through the phrase check, reading records in parallel
      batches, at most ``budget`` of them; resolves to the first ``want`` that pass and the
      position after the last one looked at. */
  function confirm(ranked, phrases, from, want, budget) {
    var passed = [], i = from;
    var stop = Math.min(ranked.length, budget === undefined ? Infinity : from + budget);
    function step() {
      if (passed.length >= want || i >= stop) return Promise.resolve({ hits: passed, next: i });
      var batch = ranked.slice(i, Math.min(stop, i + want - passed.length + 5));
      return Promise.all(batch.map(function (r) { return getRecord(r.id); })).then(function (recs) {
        for (var k = 0; k < recs.length && passed.length < want; k++) {
          i += 1;
          if (holdsPhrases(recs[k], phrases)) passed.push(batch[k]);
        }
        return step();
      });
    }
    return step();
  }

  /** The index of the sentence a result's snippet shows: the one with most of the query's
      words (the first such; one that only repeats the title comes last); -1 when none has any. */
  function bestSentence(record, isMatch) {
    var known = isMatch.best && isMatch.best.get(record);
    if (known !== undefined) return known;
    var sentences = record.x || [], title = String(record.t).replace(/[….]+$/, "");
    var needles = isMatch.needles, best = -1, bestRank = 0;
    for (var i = 0; i < sentences.length; i++) {
      if (needles && !mayHold(sentences[i], needles)) continue; // no word of the query: rank 0
      var count = new Set(tokenised(record, i + 1).filter(isMatch)).size;
      var rank = count * 2 - (count && title.startsWith(sentences[i].slice(0, title.length)) ? 1 : 0);
      if (rank > bestRank) { best = i; bestRank = rank; }
    }
    if (isMatch.best) isMatch.best.set(record, best);
    return best;
  }

  /** A result's snippet: its best sentence (``bestSentence``), as [[text, marked], ...] pieces,
      cut to about ``room`` characters around the first mark. */
  function snippet(record, isMatch, room) {
    var sentences = record.x || [], best = bestSentence(record, isMatch);
    var text = best >= 0 ? sentences[best] : sentences[0] || "";
    return mark(shorten(text, isMatch, room || 220), isMatch);
  }

  /** Where a result opens: an article at the sentence it matched (its stable anchor,
      ``s-<article id>-<sentence index>``, see generator/render/cite.py), other pages at the top. */
  function resultHref(record, isMatch) {
    var best = record.i ? bestSentence(record, isMatch) : -1;
    return ROOT + record.u + (best >= 0 ? "#s-" + record.i + "-" + best : "");
  }

  // Runs of text that make one or more tokens: what a snippet marks as a whole ("Korea's",
  // "U.S.", "100,000").
  var WORDISH = /(?:\p{L}\.){2,}|[\p{L}\p{N}\p{M}]+(?:[.,'’][\p{L}\p{N}\p{M}]+)*/gu;

  /** Whether a run of text makes a token the query matches. */
  function matches(run, isMatch) {
    if (isMatch.needles && !mayHold(run, isMatch.needles)) return false;
    return tokens(run, true).some(isMatch);
  }

  function mark(text, isMatch) {
    var pieces = [], at = 0, m;
    WORDISH.lastIndex = 0;
    while ((m = WORDISH.exec(text))) {
      if (matches(m[0], isMatch)) {
        if (m.index > at) pieces.push([text.slice(at, m.index), false]);
        pieces.push([m[0], true]);
        at = m.index + m[0].length;
      }
    }
    if (at < text.length) pieces.push([text.slice(at), false]);
    return pieces;
  }

  function shorten(text, isMatch, room) {
    if (text.length <= room) return text;
    var first = -1, m;
    WORDISH.lastIndex = 0;
    while ((m = WORDISH.exec(text))) {
      if (matches(m[0], isMatch)) { first = m.index; break; }
    }
    var start = Math.max(0, Math.min(first - Math.floor(room / 3), text.length - room));
    if (start > 0) start = text.indexOf(" ", start) + 1 || start;
    var end = Math.min(text.length, start + room);
    if (end < text.length) end = text.lastIndexOf(" ", end) > start ? text.lastIndexOf(" ", end) : end;
    return (start > 0 ? "… " : "") + text.slice(start, end) + (end < text.length ? " …" : "");
  }

  /** The dropdown's search: the top ``limit`` results with their records, ``total`` results
      (null when a phrase check stopped before the end), ``complete`` of them with every word.
      ``early(result)``, if given, is called once with the first EARLY results, in rank order,
      when their records are in and the others' are not yet: they can be shown meanwhile. */
  function quick(query, limit, early) {
    var parsed = parse(query);
    return rank(parsed).then(function (r) {
      var ranked = r.ranked, total = ranked.length, complete = r.complete;
      var top = parsed.phrases.length
        ? confirm(ranked, parsed.phrases, 0, limit, PHRASE_CHECK).then(function (c) {
          total = c.next >= ranked.length ? c.hits.length : null;
          complete = total;
          return c.hits;
        })
        : Promise.resolve(ranked.slice(0, limit));
      return top.then(function (hits) {
        function result(records) {
          return { query: query, parsed: parsed, total: total, complete: complete, hits: hits, records: records };
        }
        var records = new Array(hits.length), ready = 0, told = !early;
        return Promise.all(hits.map(function (h, i) {
          return getRecord(h.id).then(function (record) {
            records[i] = record;
            while (ready < hits.length && records[ready]) ready++;
            if (!told && ready >= EARLY && ready < hits.length) {
              told = true;
              early(result(records.slice(0, ready)));
            }
            return record;
          });
        })).then(function () { return result(records); });
      });
    });
  }

  /** Facet filters: keeps the articles whose date, source, theme and actor match. */
  function filter(ranked, f) {
    var active = f.theme !== "" || f.actor !== "" || f.source !== "" || f.from || f.to;
    if (!active) return Promise.resolve(ranked);
    return getManifest().then(function (m) {
      var articles = ranked.filter(function (r) { return r.id < m.pageIds; });
      var buckets = Array.from(new Set(articles.map(function (r) { return Math.floor(r.id / m.bucket); })));
      return Promise.all(buckets.map(getFacets)).then(function (rows) {
        var byBucket = new Map();
        buckets.forEach(function (b, i) { byBucket.set(b, rows[i]); });
        var theme = f.theme === "" ? -1 : Number(f.theme);
        var from = f.from ? Number(f.from.replace(/-/g, "")) : 0;
        var to = f.to ? Number(f.to.replace(/-/g, "")) : Infinity;
        var undated = 0;
        var kept = articles.filter(function (r) {
          var row = byBucket.get(Math.floor(r.id / m.bucket))[r.id % m.bucket];
          if (!row) return false;
          if (f.source !== "" && row[1] !== Number(f.source)) return false;
          // the mask may pass 32 bits: no bitwise operators
          if (theme >= 0 && Math.floor(row[2] / Math.pow(2, theme)) % 2 !== 1) return false;
          if (f.actor !== "" && row[3].indexOf(Number(f.actor)) < 0) return false;
          if (from || to !== Infinity) {
            if (!row[0]) { undated++; return false; } // no date: the filter cannot place it
            if (row[0] < from || row[0] > to) return false;
          }
          return true;
        });
        kept.undatedHidden = undated; // the results page says how many
        return kept;
      });
    });
  }

  global.__dsCore = {
    configure: function (options) { loader = options.load; },
    normalise: normalise,
    tokens: tokens,
    parse: parse,
    manifest: getManifest,
    shardKey: function (term) { return getManifest().then(function () { return shardKey(term); }); },
    postings: postings,
    expansions: expansions,
    record: getRecord,
    facets: getFacets,
    rank: rank,
    confirm: confirm,
    quick: quick,
    filter: filter,
    snippet: snippet,
    bestSentence: bestSentence,
    matcher: matcher,
  };

  if (typeof document === "undefined" || typeof window === "undefined") return;

  // ------------------------------------------------------------------ 3. the page

  var DROPDOWN = 10;
  var PAGE_SIZE = 50;
  var ME = document.currentScript && document.currentScript.src;

  /** The site's root, relative to this page: Material's config says it; else this script's
      own address (…/assets/digest/search.js). */
  function siteRoot() {
    var config = document.getElementById("__config");
    if (config) {
      try {
        var base = JSON.parse(config.textContent).base;
        if (typeof base === "string") return new URL(base.replace(/\/?$/, "/"), location.href).href;
      } catch (e) { /* fall through */ }
    }
    if (ME) return ME.replace(/assets\/digest\/search\.js(?:[?#].*)?$/, "");
    return new URL("./", location.href).href;
  }

  var ROOT = siteRoot();

  loader = function (path, done) {
    var s = document.createElement("script");
    s.src = ROOT + "search/" + path;
    s.async = true;
    s.onload = function () { s.remove(); done(); };
    s.onerror = function () { s.remove(); done("not found"); };
    document.head.appendChild(s);
  };

  function el(tag, attrs, children) {
    var e = document.createElement(tag);
    if (attrs) {
      Object.keys(attrs).forEach(function (k) {
        if (k === "text") e.textContent = attrs[k];
        else if (k === "className") e.className = attrs[k];
        else e.setAttribute(k, attrs[k]);
      });
    }
    (children || []).forEach(function (c) { if (c) e.appendChild(c); });
    return e;
  }

  function marked(pieces, into) {
    pieces.forEach(function (p) {
      into.appendChild(p[1] ? el("mark", { text: p[0] }) : document.createTextNode(p[0]));
    });
    return into;
  }

  function resultsUrl(query) {
    return ROOT + "search/index.html" + (query ? "?q=" + encodeURIComponent(query) : "");
  }

  var KINDS = { article: "article", actor: "actor", theme: "theme" };

  /** The parts every result shows: title (marked), kind, date · source · themes, snippet. */
  function describe(record, isMatch) {
    var kind = KINDS[record.k] || "page";
    var meta = [record.d, record.s, (record.h || []).join(", ")].filter(Boolean).join(" · ");
    return {
      title: marked(mark(record.t, isMatch), el("span", { className: "digest-search__title" })),
      kind: el("span", { className: "digest-search__kind digest-search__kind--" + kind, text: kind }),
      meta: meta ? el("span", { className: "digest-search__meta", text: meta }) : null,
      snippet: marked(snippet(record, isMatch), el("span", { className: "digest-search__snippet" })),
      href: resultHref(record, isMatch),
    };
  }

  function plural(n) { return n === 1 ? "1 result" : n + " results"; }

  /** "23 results, top 10 shown"; ``total`` is null when a phrase check stopped early. */
  function announce(total, complete, shown) {
    if (!shown) return "No results";
    var text = total === null ? "At least " + plural(shown)
      : complete === total ? plural(total)
      : complete ? plural(complete) + " with every word, " + (total - complete) + " with some"
      : plural(total) + " with some of the words";
    return total === null || shown < total ? text + ", top " + shown + " shown" : text;
  }

  // ---------------------------------------------------------------- the header box

  var box, input, panel, results, listbox, empty, seeAll, status, active = -1, typed = 0;

  function buildBox() {
    var header = document.querySelector(".md-header__inner");
    if (!header || document.getElementById("digest-search-box")) return;
    box = el("div", { className: "digest-search", role: "search" });
    var label = el("label", { className: "digest-search__label", for: "digest-search-box", text: "Search the digest" });
    input = el("input", {
      id: "digest-search-box", className: "digest-search__input", type: "search", placeholder: "Search",
      autocomplete: "off", spellcheck: "false", role: "combobox", "aria-autocomplete": "list",
      "aria-expanded": "false", "aria-controls": "digest-search-listbox", "aria-keyshortcuts": "/ s",
      "aria-describedby": "digest-search-hint",
    });
    listbox = el("div", { id: "digest-search-listbox", role: "listbox", "aria-label": "Search results", className: "digest-search__list" });
    empty = el("p", { className: "digest-search__empty", hidden: "" });
    results = el("div", { className: "digest-search__results", "data-search-results": "" }, [listbox, empty]);
    seeAll = el("a", { className: "digest-search__all", href: resultsUrl(""), text: "See all results" });
    var hint = el("p", {
      id: "digest-search-hint", className: "digest-search__hint",
      text: "Search the digest: pages with every word come first; \"quotes\" for a phrase. ↑ ↓ choose, Enter opens, Esc closes.",
    });
    panel = el("div", { className: "digest-search__panel", hidden: "" }, [hint, results, seeAll]);
    status = el("div", { className: "digest-search__status", role: "status", "aria-live": "polite" });
    box.appendChild(label);
    box.appendChild(input);
    box.appendChild(panel);
    box.appendChild(status);
    var before = header.querySelector(":scope > .md-header__option, :scope > .md-header__source");
    header.insertBefore(box, before);

    input.addEventListener("focus", function () { prefetch(); open(); });
    box.addEventListener("pointerenter", prefetch);
    box.addEventListener("touchstart", prefetch, { passive: true });
    input.addEventListener("input", function (e) { onType(e.timeStamp || performance.now()); });
    input.addEventListener("keydown", onKey);
    box.addEventListener("focusout", function (e) {
      if (!e.relatedTarget || !box.contains(e.relatedTarget)) close();
    });
    document.addEventListener("pointerdown", function (e) { if (!box.contains(e.target)) close(); });
    document.addEventListener("keydown", function (e) {
      if ((e.key !== "/" && e.key !== "s") || e.ctrlKey || e.metaKey || e.altKey || editable(e.target)) return;
      e.preventDefault();
      input.focus();
      input.select();
    });
  }

  function editable(t) {
    return t && (t.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(t.tagName));
  }

  function open() {
    panel.hidden = false;
    input.setAttribute("aria-expanded", String(listbox.children.length > 0));
  }

  function close() {
    if (!panel) return;
    panel.hidden = true;
    input.setAttribute("aria-expanded", "false");
    select(-1);
  }

  function options() { return listbox.querySelectorAll('[role="option"]'); }

  function select(i) {
    var opts = options();
    if (active >= 0 && opts[active]) opts[active].setAttribute("aria-selected", "false");
    active = i < 0 || i >= opts.length ? -1 : i;
    if (active >= 0) {
      opts[active].setAttribute("aria-selected", "true");
      input.setAttribute("aria-activedescendant", opts[active].id);
      opts[active].scrollIntoView({ block: "nearest" });
    } else {
      input.removeAttribute("aria-activedescendant");
    }
  }

  function onKey(e) {
    var n = options().length;
    if (e.key === "ArrowDown" || e.key === "ArrowUp") {
      e.preventDefault();
      if (panel.hidden) open();
      if (!n) return;
      // down from the last result, or up from the first, goes back to the box
      if (e.key === "ArrowDown") select(active + 1 >= n ? -1 : active + 1);
      else select(active < 0 ? n - 1 : active - 1);
    } else if (e.key === "Enter") {
      e.preventDefault();
      var opts = options();
      if (active >= 0 && opts[active]) location.href = opts[active].href;
      else if (input.value.trim()) location.href = resultsUrl(input.value.trim());
    } else if (e.key === "Escape") {
      e.preventDefault();
      if (!panel.hidden) close();
      else input.value = "";
    }
  }

  function onType(started) {
    var query = input.value, seq = ++typed;
    seeAll.href = resultsUrl(query.trim());
    open();
    var parsed = parse(query);
    if (!parsed.words.length && !parsed.prefix) {
      show(seq, null, started);
      return;
    }
    results.setAttribute("aria-busy", "true");
    quick(query, DROPDOWN, function (first) {
      if (seq === typed) show(seq, first, started, true);
    }).then(function (r) {
      if (seq === typed) show(seq, r, started);
    }, function (error) {
      if (seq !== typed) return;
      results.removeAttribute("aria-busy");
      empty.hidden = false;
      empty.textContent = "Search is unavailable: " + error.message;
    });
  }

  var shown = { seq: 0, count: 0 }; // the query whose results the list shows, and how many

  /** Shows the results of query ``seq`` (none: ``r`` null). ``partial``: its first results,
      while the others load; the list stays busy, and the rest are added below them (a result
      chosen meanwhile stays chosen). */
  function show(seq, r, started, partial) {
    var from = shown.seq === seq ? shown.count : 0;
    if (!from) {
      select(-1);
      listbox.textContent = "";
    }
    if (!partial) results.removeAttribute("aria-busy");
    if (!r) {
      shown = { seq: 0, count: 0 };
      empty.hidden = true;
      listbox.hidden = true;
      status.textContent = "";
      input.setAttribute("aria-expanded", "false");
      return;
    }
    var isMatch = matcher(r.parsed);
    r.records.forEach(function (rec, i) {
      if (i < from) return;
      var d = describe(rec, isMatch);
      var a = el("a", {
        id: "digest-search-option-" + i, className: "digest-search__item", role: "option",
        "aria-selected": "false", tabindex: "-1", href: d.href,
      }, [el("span", { className: "digest-search__head" }, [d.title, d.kind]), d.meta, d.snippet]);
      listbox.appendChild(a);
    });
    shown = { seq: seq, count: r.records.length };
    var none = r.records.length === 0;
    listbox.hidden = none;
    empty.hidden = !none;
    empty.textContent = none ? "No results for “" + r.query.trim() + "”" : "";
    if (!partial) status.textContent = announce(r.total, r.complete, r.records.length); // said once
    input.setAttribute("aria-expanded", String(!none && !panel.hidden));
    var ms = performance.now() - started;
    document.dispatchEvent(new CustomEvent("digest-search-rendered", {
      detail: { query: r.query, ms: ms, count: r.records.length, total: r.total, seq: seq, partial: !!partial },
    }));
  }

  // ---------------------------------------------------------------- the full results page

  function resultsPage(root) {
    var form = root.querySelector("form");
    var q = form.querySelector('input[name="q"]');
    var state = root.querySelector("[role=status]");
    var list = root.querySelector("ol[data-search-results]");
    var more = el("button", { type: "button", className: "md-button digest-search-more", hidden: "", text: "More results" });
    list.after(more);
    var fields = ["theme", "actor", "source", "from", "to"];
    var run = 0, cursor = null;

    function values() {
      var v = { q: q.value.trim() };
      fields.forEach(function (f) { v[f] = form.elements[f].value; });
      return v;
    }

    function fill(m, params) {
      var lists = {
        theme: m.themes.map(function (t, i) { return [i, t]; }),
        actor: m.actors.map(function (a, i) { return [i, a]; }).sort(function (a, b) { return a[1].localeCompare(b[1]); }),
        source: m.sources.map(function (s, i) { return [i, s]; }),
      };
      Object.keys(lists).forEach(function (f) {
        var select = form.elements[f];
        lists[f].forEach(function (o) { select.appendChild(el("option", { value: String(o[0]), text: o[1] })); });
        select.value = params.get(f) || "";
        if (select.value !== (params.get(f) || "")) select.value = "";
      });
    }

    function go(push) {
      var v = values(), seq = ++run, started = performance.now();
      var params = new URLSearchParams();
      Object.keys(v).forEach(function (k) { if (v[k]) params.set(k, v[k]); });
      if (push) history.replaceState(null, "", "?" + params.toString());
      list.textContent = "";
      more.hidden = true;
      if (!v.q) {
        state.textContent = "Type words to search the digest.";
        return;
      }
      list.setAttribute("aria-busy", "true");
      state.textContent = "Searching…";
      var parsed = parse(v.q);
      rank(parsed).then(function (r) {
        return filter(r.ranked, v).then(function (ranked) {
          if (seq !== run) return;
          var complete = ranked.filter(function (h) { return h.hits === r.needed; }).length;
          cursor = { parsed: parsed, ranked: ranked, next: 0, shown: 0, complete: complete, seq: seq, started: started,
            undated: ranked.undatedHidden || 0 };
          return page();
        });
      }).catch(function (error) {
        if (seq !== run) return;
        list.removeAttribute("aria-busy");
        state.textContent = "Search is unavailable: " + error.message;
      });
    }

    function page() {
      var c = cursor, parsed = c.parsed;
      var next = parsed.phrases.length
        ? confirm(c.ranked, parsed.phrases, c.next, PAGE_SIZE)
        : Promise.resolve({ hits: c.ranked.slice(c.next, c.next + PAGE_SIZE), next: Math.min(c.ranked.length, c.next + PAGE_SIZE) });
      return next.then(function (got) {
        return Promise.all(got.hits.map(function (h) { return getRecord(h.id); })).then(function (records) {
          if (c.seq !== run) return;
          var isMatch = matcher(parsed);
          records.forEach(function (rec) {
            var d = describe(rec, isMatch);
            var link = el("a", { href: d.href }, [d.title]);
            list.appendChild(el("li", { className: "digest-search-hit" }, [
              el("p", { className: "digest-search-hit__head" }, [link, document.createTextNode(" "), d.kind]),
              d.meta ? el("p", { className: "digest-search-hit__meta" }, [d.meta]) : null,
              el("p", { className: "digest-search-hit__snippet" }, [d.snippet]),
            ]));
          });
          c.next = got.next;
          c.shown += records.length;
          var done = c.next >= c.ranked.length;
          var total = parsed.phrases.length ? (done ? c.shown : null) : c.ranked.length;
          list.removeAttribute("aria-busy");
          more.hidden = done;
          var complete = parsed.phrases.length ? total : c.complete;
          state.textContent = announce(total, complete, c.shown).replace(", top ", ", ") + "." + (c.undated
            ? " " + c.undated + (c.undated === 1 ? " undated result is" : " undated results are") + " hidden by the date filter."
            : "");
          document.dispatchEvent(new CustomEvent("digest-search-rendered", {
            detail: { query: values().q, ms: performance.now() - c.started, count: c.shown, total: total, page: true },
          }));
        });
      });
    }

    more.addEventListener("click", function () {
      if (!cursor) return;
      more.hidden = true;
      var first = list.children.length;
      page().then(function () {
        var li = list.children[first];
        var a = li && li.querySelector("a");
        if (a) a.focus(); // keyboard users land on the first new result
      });
    });
    form.addEventListener("submit", function (e) { e.preventDefault(); go(true); });
    form.addEventListener("change", function (e) { if (e.target !== q) go(true); });

    var params = new URLSearchParams(location.search);
    q.value = params.get("q") || "";
    fields.slice(3).forEach(function (f) { form.elements[f].value = params.get(f) || ""; });
    state.textContent = "Loading the search index…";
    getManifest().then(function (m) {
      fill(m, params);
      go(false);
    }, function (error) {
      state.textContent = "Search is unavailable: " + error.message;
    });
  }

  /** Every query needs the manifest first (it names the shards), and it is small: it is
      fetched as soon as the page has loaded (not later, when the page is idle: a query pasted
      right after loading waited for it), or when the pointer reaches the box, so that a query
      pasted into a fresh page waits only for its shards and records. Nothing else is loaded
      before the box is used. */
  function prefetch() { getManifest().catch(function () {}); }

  /** Once the page has loaded: the manifest; then, when idle, one pass through the query
      parser and the snippet marker, which compiles their regular expressions (a few ms the
      first time, not on every query). */
  function whenLoaded() {
    prefetch();
    function run() {
      var parsed = parse('"warm up" search');
      mark("Warm up: the search, 1,000 U.S. words.", matcher(parsed));
    }
    if (typeof requestIdleCallback === "function") requestIdleCallback(run, { timeout: 2000 });
    else setTimeout(run, 200);
  }

  function start() {
    buildBox();
    var page = document.querySelector("[data-search-page]");
    if (page) resultsPage(page);
    if (document.readyState === "complete") whenLoaded();
    else window.addEventListener("load", whenLoaded);
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})(typeof window !== "undefined" ? window : globalThis);
