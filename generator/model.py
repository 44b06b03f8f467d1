"""The digest model: the contract between analysis and rendering.

Frozen dataclasses holding plain values only (no spaCy objects): the records of one article
(RawArticle -> AnalysedArticle) and the views of the whole digest (Digest, with its actors,
themes, editions and sources; ``digest.py`` derives them). Every collection has a stated order
so that output is byte-identical from run to run. The JSON printed by ``digest analyse --json``
(and kept in the analysis cache) is made and read here, next to the classes it mirrors.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Literal, NamedTuple

ActorType = Literal["country", "person", "organisation", "place", "group"]
Certainty = Literal["asserted", "reported", "hedged"]
# where an article's date came from: its own fields, its file name, a dateline in its text, the
# project's dates CSV; "none": still undated
DateSource = Literal["field", "filename", "dateline", "title", "dates-csv", "none"]
DATE_SOURCE_LABEL = {
    "field": "given in the article",
    "filename": "from the file name",
    "dateline": "from the dateline",
    "title": "from the title",
    "dates-csv": "from the dates file",
    "none": "no date found",
}
ACTOR_TYPES: tuple[str, ...] = ("country", "person", "organisation", "place", "group")


class DroppedField(NamedTuple):
    """A metadata value left out of an article that is kept (an unsafe URL, a date that is
    not one, a title that is not text): the article builds without it, and a warning says so.

    A named tuple: it goes into the read cache's JSON as it is."""

    path: str
    line: int | None
    field: str  # url, date, title, summary, source, author, tags, body, front matter
    problem: str  # "not an http(s) URL"
    value: str = ""  # the value dropped, clipped (for rejected.jsonl; never printed as markup)

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        return f"{where}: {self.field} dropped: {self.problem}"


@dataclass(frozen=True, slots=True)
class RawArticle:
    """One article as read from a file, before analysis."""

    path: str  # the input file, as the user named it
    id: str  # stable: from the url, else from the text
    title: str
    date: dt.date | None
    source: str | None  # host or outlet name
    url: str | None  # http(s) only
    summary: str
    paragraphs: tuple[str, ...]
    tags: tuple[str, ...] = ()
    format: str = "text"
    line: int | None = None  # line number inside a JSON Lines file
    title_derived: bool = False  # True when the title was made from the summary
    sources: tuple[str, ...] = ()  # every outlet that ran this story, when duplicates were merged
    language: str | None = None  # ISO 639-1 code detected from the text; None when unsure
    author: str | None = None  # byline, when the feed or page names one
    date_source: DateSource = "none"
    dropped: tuple[DroppedField, ...] = ()  # metadata values left out, each with a warning

    @property
    def location(self) -> str:
        return f"{self.path}:{self.line}" if self.line else self.path

    def lead_length(self) -> int:
        """Characters of ``analysed_text`` that are the lead (title when given, and summary)."""
        parts = ([] if self.title_derived else [self.title]) + ([self.summary] if self.summary else [])
        return len("\n\n".join(parts))

    def analysed_text(self) -> str:
        """The text the pipeline reads: title (when given), summary, then the body.

        Paragraphs are joined by blank lines so that no sentence spans two of them.
        """
        parts = [] if self.title_derived else [self.title]
        if self.summary:
            parts.append(self.summary)
        parts.extend(self.paragraphs)
        return "\n\n".join(p for p in parts if p)


@dataclass(frozen=True, slots=True)
class Rejection:
    """An input that could not be read; the run goes on without it."""

    path: str
    reason: str
    line: int | None = None

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.reason}" if self.line else f"{self.path}: {self.reason}"


class Mention(NamedTuple):
    """One span of text resolved to an actor.

    A named tuple, not a dataclass like the rest: an article has a hundred of them, and a
    warm build of 10,000 articles makes a million from the cache (a tuple is made in C, a
    frozen dataclass field by field).
    """

    actor: str  # canonical name
    text: str  # as written ("Pyongyang")
    start: int  # character offsets in the analysed text
    end: int
    sentence: int  # index into AnalysedArticle.sentences
    kind: str = "name"  # name, alias, demonym, seat, short, entity


@dataclass(frozen=True, slots=True)
class ActorRef:
    """An actor named in one article, with how often."""

    name: str
    type: ActorType
    count: int
    affiliation: str | None = None
    known: bool = True  # False: found by the statistical model, not in the gazetteer


@dataclass(frozen=True, slots=True)
class Evidence:
    """A sentence that supports a theme, with why."""

    sentence: str
    index: int  # sentence index in the article
    certainty: Certainty
    patterns: tuple[str, ...]  # the rules or patterns that matched
    likelihood: str | None = None


@dataclass(frozen=True, slots=True)
class ThemeHit:
    """A theme assigned to one article."""

    id: str
    name: str
    score: float
    evidence: tuple[Evidence, ...]


@dataclass(frozen=True, slots=True)
class Figure:
    """A number with what it counts: "up to 100,000 troops"."""

    text: str
    value: float | None
    unit: str | None
    qualifier: str | None
    attribution: str | None
    sentence: str
    certainty: Certainty = "asserted"
    place: str | None = None
    likelihood: str | None = None  # ICD 203 level named in the sentence ("likely")
    measure: str | None = None  # what the unit counts: troops and soldiers are both "personnel"
    upper: float | None = None  # the upper bound of a range ("10,000 to 12,000 troops")
    attribution_actor: str | None = None  # the actor it comes from; "outlet": the article itself


@dataclass(frozen=True, slots=True)
class Quote:
    """A direct quotation with its speaker and reporting verb."""

    text: str  # the quoted words
    speaker: str | None  # as written: "Ukraine's foreign ministry", "Lavrov"
    actor: str | None  # the actor the speaker resolves to
    verb: str | None  # "said", "warned", "denied"
    sentence: str
    index: int  # sentence index in the article


@dataclass(frozen=True, slots=True)
class AnalysedArticle:
    """An article with everything the pipeline found in it."""

    article: RawArticle
    sentences: tuple[str, ...]
    certainties: tuple[Certainty, ...]  # one per sentence
    mentions: tuple[Mention, ...]
    actors: tuple[ActorRef, ...]  # count descending, then name
    themes: tuple[ThemeHit, ...]  # score descending, then id
    figures: tuple[Figure, ...]  # in text order
    pipeline: str  # which pipeline produced this ("en_core_web_sm 3.8.0", "blank")
    quotes: tuple[Quote, ...] = ()
    likelihoods: tuple[str | None, ...] = ()  # one per sentence (ICD 203 level or None)
    unresolved: tuple[tuple[str, str, int], ...] = ()  # (name, type, count): names the model found
    #   that were not admitted as actors (not enough evidence), kept for review


# --------------------------------------------------------------------------- the whole digest


@dataclass(frozen=True, slots=True)
class ThemeInfo:
    """A theme of the taxonomy, as pages need it."""

    id: str
    name: str
    description: str
    criteria: tuple[str, ...] = ()  # each rule, in words, for the methodology page


@dataclass(frozen=True, slots=True)
class ArticleEntry:
    """An analysed article with its place in the site."""

    analysed: AnalysedArticle
    slug: str

    @property
    def article(self) -> RawArticle:
        return self.analysed.article


@dataclass(frozen=True, slots=True)
class SentenceRef:
    """A sentence of an article, as evidence on an actor or theme page."""

    article_id: str
    sentence: str
    certainty: Certainty
    likelihood: str | None = None
    index: int | None = None  # its index in the article (its anchor, see render/cite.py)


@dataclass(frozen=True, slots=True)
class ActorEntry:
    """Everything the digest knows about one actor, across articles."""

    name: str
    slug: str
    type: ActorType
    affiliation: str | None
    known: bool
    mentions: int
    article_ids: tuple[str, ...]  # newest first
    aliases_seen: tuple[str, ...]  # surface forms, most frequent first
    themes: tuple[tuple[str, int], ...]  # (theme id, article count), count desc
    co_actors: tuple[tuple[str, int], ...]  # (actor name, shared articles), count desc
    figures: tuple[tuple[str, Figure], ...]  # (article id, figure) where the actor is named
    evidence: tuple[SentenceRef, ...]  # newest article first, then text order; the first EVIDENCE_KEPT
    members: tuple[str, ...] = ()  # people affiliated to this actor (leaders of a country)
    quotes: tuple[tuple[str, Quote], ...] = ()  # (article id, quote) by the actor or its people
    weekly: tuple[tuple[str, int], ...] = ()  # (ISO week, mentions), its first week named to its last
    evidence_count: int = 0  # sentences that name the actor, all of them (``evidence`` is capped)


EVIDENCE_KEPT = 300  # an actor's page shows the newest sentences; the downloads have them all


@dataclass(frozen=True, slots=True)
class ThemeEntry:
    """A theme across the digest."""

    info: ThemeInfo
    article_ids: tuple[str, ...]  # by score then newest
    actors: tuple[tuple[str, int], ...]  # (actor, articles), count desc
    figures: tuple[tuple[str, Figure], ...]  # figures stated in evidence sentences
    evidence: tuple[tuple[str, Evidence], ...]  # (article id, evidence)
    weekly: tuple[tuple[str, int], ...] = ()  # (ISO week, articles), its first week to its last
    bluf: tuple[tuple[str, Evidence], ...] = ()  # the few sentences that best represent it

    @property
    def id(self) -> str:
        return self.info.id


@dataclass(frozen=True, slots=True)
class Edition:
    """What is new in one ISO week."""

    week: str  # "2024-W43"
    start: dt.date  # Monday
    end: dt.date  # Sunday
    article_ids: tuple[str, ...]  # newest first
    new_actors: tuple[str, ...]  # named for the first time in the digest this week
    themes: tuple[tuple[str, int, int], ...]  # (theme id, articles this week, the week before)
    figures: tuple[tuple[str, Figure], ...]  # (article id, figure) stated this week


@dataclass(frozen=True, slots=True)
class StoryClaim:
    """A figure as a story's figure table shows it: what, by whom, where and when."""

    article_id: str
    date: dt.date | None  # the article's date (the week of the claim)
    claimant: str  # the actor it comes from, else the outlet that printed it
    figure: Figure
    target: str | None = None  # the country a levy falls on ("tariffs on Chinese goods": China), see targets.py


@dataclass(frozen=True, slots=True)
class Disagreement:
    """Different values for one measure, at one place, in one ISO week, from different claimants."""

    measure: str
    place: str | None
    week: str  # "2024-W45"
    values: tuple[float, ...]  # ascending
    claims: tuple[StoryClaim, ...]  # the claims behind the values
    target: str | None = None  # the country the levy falls on, when the values are of one (see StoryClaim)


@dataclass(frozen=True, slots=True)
class ReportNews:
    """What one report of a story adds to the reports before it (in date order)."""

    article_id: str
    claims: tuple[StoryClaim, ...] = ()  # figures no earlier report gave (measure, value, place)
    actors: tuple[str, ...] = ()  # actors no earlier report named, most named first
    speakers: tuple[str, ...] = ()  # actors quoted (or giving a figure) for the first time
    places: tuple[str, ...] = ()  # places no earlier report named


@dataclass(frozen=True, slots=True)
class Story:
    """The reports of one event across outlets and days (``stories.py`` groups them)."""

    id: str  # stable: from the first report's id
    slug: str
    title: str  # the headline of the best lead
    article_ids: tuple[str, ...]  # oldest first, undated last
    first: dt.date | None
    last: dt.date | None
    sources: tuple[str, ...]  # outlets in the order they first reported
    actors: tuple[tuple[str, int], ...]  # (actor, articles), count desc
    themes: tuple[tuple[str, int], ...]  # (theme id, articles), count desc
    summary: tuple[tuple[str, str], ...]  # (article id, sentence): the strongest evidence
    claims: tuple[StoryClaim, ...]  # the figure table: by measure, then date
    flags: tuple[Disagreement, ...] = ()
    quotes: tuple[tuple[str, Quote], ...] = ()  # (article id, quote), in report order
    developing: bool = False  # gaining reports quickly up to the digest's latest day
    news: tuple[ReportNews, ...] = ()  # one per report, in ``article_ids`` order


# The NATO / Admiralty scale of source reliability (STANAG 2511, AJP-2.1).
RELIABILITY = {
    "A": "Completely reliable",
    "B": "Usually reliable",
    "C": "Fairly reliable",
    "D": "Not usually reliable",
    "E": "Unreliable",
    "F": "Reliability cannot be judged",
}


@dataclass(frozen=True, slots=True)
class SourceEntry:
    """A source (outlet or host) with its articles and, when the user graded it, its grade."""

    name: str
    slug: str
    article_ids: tuple[str, ...]  # newest first
    grade: str | None = None  # A-F from the user's sources file

    @property
    def grade_meaning(self) -> str | None:
        return RELIABILITY.get(self.grade) if self.grade else None


@dataclass(frozen=True, slots=True)
class FigureRule:
    """A watchlist's figure condition: a figure of ``measure`` at or above ``min``."""

    measure: str  # "personnel", or a unit ("troops") when the lexicon gives no measure
    min: float | None = None
    max: float | None = None


@dataclass(frozen=True, slots=True)
class Watchlist:
    """What an analyst follows, from ``digest.yml``: each list given must match (any of its items)."""

    name: str
    slug: str
    actors: tuple[str, ...] = ()
    themes: tuple[str, ...] = ()
    words: tuple[str, ...] = ()
    figures: tuple[FigureRule, ...] = ()
    line: int = 0  # where it starts in digest.yml, for messages


@dataclass(frozen=True, slots=True)
class WatchMatch:
    """An article a watchlist matched: the sentence that made it match, and the rules."""

    article_id: str
    index: int  # the sentence's index in the article (its anchor)
    sentence: str
    reasons: tuple[str, ...]  # "actor North Korea", "theme troop-deployment", "words “special forces”"...


@dataclass(frozen=True, slots=True)
class WatchlistEntry:
    """A watchlist with its matches, newest article first."""

    info: Watchlist
    matches: tuple[WatchMatch, ...]


@dataclass(frozen=True, slots=True)
class Digest:
    """Every article, actor and theme, ready to render."""

    articles: tuple[ArticleEntry, ...]  # newest first, undated last, then title
    actors: tuple[ActorEntry, ...]  # mentions descending, then name
    themes: tuple[ThemeEntry, ...]  # taxonomy order
    rejections: tuple[Rejection, ...] = ()
    editions: tuple[Edition, ...] = ()  # newest week first
    sources: tuple[SourceEntry, ...] = ()  # most articles first, then name
    weeks: tuple[str, ...] = ()  # every ISO week from the first dated article to the last
    stories: tuple[Story, ...] = ()  # of two or more articles; most outlets first, then newest
    story_of: dict[str, Story] = field(default_factory=dict, compare=False)  # article id -> its story
    stories_of: dict[str, tuple[Story, ...]] = field(default_factory=dict, compare=False)  # actor name or
    #   theme id -> the stories it is in, newest first
    watchlists: tuple[WatchlistEntry, ...] = ()  # in digest.yml order
    by_id: dict[str, ArticleEntry] = field(default_factory=dict, compare=False)
    actor_by_name: dict[str, ActorEntry] = field(default_factory=dict, compare=False)


def positional_maker(cls: type) -> Callable[..., object]:
    """A function making an instance of ``cls``, a frozen dataclass with slots, from every one
    of its field values in order: what ``cls(*values)`` makes, four to five times faster.

    A frozen dataclass's ``__init__`` sets each field through ``object.__setattr__`` (its own
    ``__setattr__`` refuses); the warm build makes a few hundred thousand records from the
    analysis cache (``analysispack.from_values``), where that was most of the time. Here a twin
    class with the same slots and a plain ``__init__`` makes the object, which is then given
    ``cls`` as its class: the same slots in the same order, so Python allows it, and the result
    is an instance of ``cls`` like any other (equal, hashed and shown the same; tested).
    """
    names = tuple(f.name for f in dataclasses.fields(cls))
    if not dataclasses.is_dataclass(cls) or getattr(cls, "__slots__", None) != names or hasattr(cls, "__post_init__"):
        raise TypeError(f"{cls.__name__}: not a slotted dataclass made only of its fields")
    args = ", ".join(names)
    body = "".join(f"\n    self.{n} = {n}" for n in names)
    scope: dict = {}
    exec(f"def __init__(self, {args}):{body}", scope)  # noqa: S102 - field names only, from the class
    twin = type(f"_{cls.__name__}Twin", (), {"__slots__": names, "__init__": scope["__init__"]})

    def make(*values):
        obj = twin(*values)
        obj.__class__ = cls
        return obj

    make.__doc__ = f"A {cls.__name__} from every one of its field values, in order."
    return make


# --------------------------------------------------------------------------- JSON


def article_to_json(a: AnalysedArticle) -> dict:
    """The JSON object ``digest analyse --json`` prints for one article."""
    art = a.article
    return {
        "path": art.path,
        "line": art.line,
        "id": art.id,
        "title": art.title,
        "title_derived": art.title_derived,
        "date": art.date.isoformat() if art.date else None,
        "date_source": art.date_source,
        "source": art.source,
        "url": art.url,
        "format": art.format,
        "tags": list(art.tags),
        "summary": art.summary,
        "paragraphs": list(art.paragraphs),
        "sources": list(art.sources),
        "language": art.language,
        "author": art.author,
        "pipeline": a.pipeline,
        "actors": [
            {"name": r.name, "type": r.type, "count": r.count, "affiliation": r.affiliation, "known": r.known}
            for r in a.actors
        ],
        "themes": [
            {
                "id": t.id,
                "name": t.name,
                "score": t.score,
                "evidence": [ev.sentence for ev in t.evidence],
                "evidence_detail": [
                    {"sentence": ev.sentence, "index": ev.index, "certainty": ev.certainty,
                     "likelihood": ev.likelihood, "patterns": list(ev.patterns)}
                    for ev in t.evidence
                ],
            }
            for t in a.themes
        ],
        "figures": [
            {
                "text": f.text,
                "value": f.value,
                "unit": f.unit,
                "qualifier": f.qualifier,
                "attribution": f.attribution,
                "sentence": f.sentence,
                "certainty": f.certainty,
                "likelihood": f.likelihood,
                "measure": f.measure,
                "place": f.place,
                "upper": f.upper,
                "attribution_actor": f.attribution_actor,
            }
            for f in a.figures
        ],
        "quotes": [
            {"text": q.text, "speaker": q.speaker, "actor": q.actor, "verb": q.verb, "sentence": q.sentence, "index": q.index}
            for q in a.quotes
        ],
        "sentences": list(a.sentences),
        "certainties": list(a.certainties),
        "likelihoods": list(a.likelihoods),
        "mentions": [[m.actor, m.text, m.start, m.end, m.sentence, m.kind] for m in a.mentions],
        "unresolved": [list(u) for u in a.unresolved],
    }


def article_from_json(d: dict) -> AnalysedArticle:
    """Inverse of ``article_to_json``."""
    art = RawArticle(
        path=d["path"],
        id=d["id"],
        title=d["title"],
        date=dt.date.fromisoformat(d["date"]) if d["date"] else None,
        source=d["source"],
        url=d["url"],
        summary=d["summary"],
        paragraphs=tuple(d["paragraphs"]),
        tags=tuple(d["tags"]),
        format=d["format"],
        line=d["line"],
        title_derived=d["title_derived"],
        sources=tuple(d.get("sources", ())),
        language=d.get("language"),
        author=d.get("author"),
        date_source=d.get("date_source") or ("field" if d["date"] else "none"),
    )
    return record_from_json(d, art)


def record_from_json(d: dict, art: RawArticle) -> AnalysedArticle:
    """The analysis of ``art`` from the record part of ``article_to_json`` (the cache keeps
    only that part: it has the article already)."""
    return AnalysedArticle(
        article=art,
        sentences=tuple(d["sentences"]),
        certainties=tuple(d["certainties"]),
        mentions=tuple(map(Mention._make, d["mentions"])),
        actors=tuple(
            ActorRef(r["name"], r["type"], r["count"], r["affiliation"], r["known"]) for r in d["actors"]
        ),
        themes=tuple(
            ThemeHit(
                t["id"],
                t["name"],
                t["score"],
                tuple(
                    Evidence(e["sentence"], e["index"], e["certainty"], tuple(e["patterns"]), e["likelihood"])
                    for e in t["evidence_detail"]
                ),
            )
            for t in d["themes"]
        ),
        figures=tuple(
            Figure(
                f["text"], f["value"], f["unit"], f["qualifier"], f["attribution"], f["sentence"],
                f["certainty"], f["place"], f["likelihood"], f.get("measure"), f.get("upper"),
                f.get("attribution_actor"),
            )
            for f in d["figures"]
        ),
        pipeline=d["pipeline"],
        quotes=tuple(Quote(q["text"], q["speaker"], q["actor"], q["verb"], q["sentence"], q["index"]) for q in d["quotes"]),
        likelihoods=tuple(d["likelihoods"]),
        unresolved=tuple(tuple(u) for u in d.get("unresolved", ())),
    )
