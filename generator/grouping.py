"""Group articles into stories, from scratch or incrementally: which reports tell of one event.

Part of the digest-model stage: ``stories.py`` turns the groups this module finds into ``Story``
objects. A story is one happening (a statement, a meeting, a decision, a launch) and its
reporting within a few days.

How (cheap and deterministic, no model):
- Each article is a vector of its own terms (so that adding an article changes no other
  article's vector): its words (common English words left out, title and lead counted again:
  they say what the event is), its actors as the analysis resolved them (so "Pyongyang" and
  "North Korea" agree) and its figures' values with their measure ("tariff rate 125"), which
  tell two rounds of one theme apart. Sublinear term counts, normalised.
- When an article is placed, its terms are weighed by how few of the articles in its *view*
  have them (an inverse document frequency over the ``VIEW`` dated articles before it and the
  ``VIEW`` after it, see ``_View``): the digest's own subject counts little, what tells one
  event from another counts much.
- Dated articles are taken in date order (then by id). Each joins the *open* story it is most
  similar to, when the similarity reaches ``JOIN``, else it starts a story. A story is open to
  an article dated at most ``WINDOW_DAYS`` after its last report and at most ``SPAN_DAYS``
  after its first (so the same theme weeks apart makes two stories, and a run of look-alike
  events a few days apart cannot chain into one). The similarity to a story is the mean of the
  cosine to its closest report and to its centroid, and the centroid's alone must reach
  ``CORE``: an article like one report but unlike the story as a whole starts its own.
- Words alone can make two events on one subject look alike (North Korean troops, Chinese
  tariffs), so a story also keeps what its reports' *leads* (title, summary, first paragraph, at
  most ``LEAD_SENTENCES`` sentences: ``lead_text``) name: actors other than countries, places
  and organisations (``VENUE_TYPES``), and figures.
  An article whose lead names places or organisations, none of them the story's, is another
  event (the G20 in Rio, not APEC in Lima); below ``EVIDENCE`` an article joins only with
  positive evidence: an actor its lead shares with the story's leads, a figure given in
  its lead or theirs that the other side gives too, or (a day apart at most) an event word
  of its headline that a headline of the story has and few articles in view have ("cruise",
  "LNG": lower-case or capitals, never a name). Among the stories it may join, one with
  evidence wins over one alike in words only by less than ``EVIDENCE_BONUS``.
- The day of the event: a lead says what day things happened on ("fired ... on Saturday",
  "On October 17, the Treasury..."; ``happening_days``, resolved against the report's date; not
  the day a source spoke on unless it names no other, nor a deadline). A day the story's leads
  name too is evidence; with a headline event word shared as well, a report joins from
  ``JOIN_SAME_DAY`` (the military that tracked a launch and the state media that hailed it
  share few words). A report giving such a day as a date is a follow-up: it may join up to
  ``FOLLOW_UP_DAYS`` after the story's first report, past the window; so is a report whose lead
  names a numbered happening the story's leads name ("the 17th round of talks", ``numbered``:
  an ordinal, one word however spelt, and the words after it), and that name is evidence. A
  story's days are read only when a rule asks (``_Draft.days``).
- Undated articles come last, by id, weighed by every article: each joins by text alone,
  with the stricter ``JOIN_UNDATED``, one of the ``UNDATED_CANDIDATES`` stories sharing most
  of its heaviest terms. When its text says what weekday things happened on ("on Tuesday"),
  only a story reported on such a day (give or take one) is a candidate: an undated report of
  a Tuesday's salvo does not join a launch reported from Thursday to Sunday; when its lead says
  things happened on that weekday, only a story whose leads name such a day (if they name any;
  "late Tuesday" is "early Wednesday" in another time zone). One whose headline shares
  ``HEADLINE_WORDS`` event words with a headline of the story has evidence and joins from
  ``JOIN_UNDATED_HEADLINE``; one whose lead names a kind of missile joins from ``JOIN_SAME_DAY``
  the one near story whose leads name that kind (not when two are near: it cannot tell two ICBM
  launches apart). An undated article starts a story only when no story takes it:
  those that join a story join it first, round after round, then the rest (a report just below
  the threshold of its dated story joins it once the other undated reports have grown it); one
  left is decided again only when a story it met, or one that now ranks among them, changed.
- Kinds of happening that exclude one another (``data/happenings.yml``): a report whose headline
  names one kind (a ceasefire) is not of a story whose headlines name only others (strikes), on
  the same days, with the same actors, in the same place. So with kinds of missile by range
  (``weapons``): a report whose headline (else its lead) names short-range missiles only is not of
  a story whose leads name only an intercontinental one; a kind both leads name is evidence.
  Undated reports whose leads say things happened on other weekdays are not one story.
- Incremental: the state (every article's key and the story it joined, in order) is kept in
  the cache folder. A decision depends only on the articles in view and the stories open on
  its date, so a later build decides again only from ``VIEW`` articles before the first
  article that is new, changed or gone, and stops once it is ``VIEW`` articles past the last
  one and every report of the last ``_REACH`` days joined the story it joined before: from there
  on every decision is the previous build's. The undated articles are all decided again when
  anything changed, against the term counts of every article and each dated story's key terms
  kept in the state too (``_Basis``, updated from what changed): only the vectors of the
  stories an undated article may join are read, not every article's; the stories it meets are
  taken from its ranking in the state (``_Basis.ranks``), with only the stories whose reports
  changed counted again, and a story whose kept share in it is below ``CORE`` is not read.
  The result is the one a grouping from scratch gives, by construction (the test suite
  checks it). Each article's vector is kept beside the state (``storyvectors.py``):
  a warm build reads the vectors of the articles it decides again and of their view.
"""

from __future__ import annotations

import calendar
import datetime as dt
import hashlib
import importlib.util
import itertools
import json
import math
import re
import sys
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from generator.analyse.datafile import DATA_DIR, load_yaml, str_list, where
from generator.analyse.lexicon import converted, load_lexicon, ordinal
from generator.errors import ConfigError
from generator.model import AnalysedArticle, Figure
from generator.storyvectors import FOLDER as VECTORS_FOLDER
from generator.storyvectors import VectorStore

STATE_VERSION = 1
WINDOW_DAYS = 3  # a report more than this after a story's last report starts another story
SPAN_DAYS = 8  # ...and one more than this after its first
FOLLOW_UP_DAYS = 10  # ...but a report whose lead gives the date of the story's event joins up to this after its first
JOIN = 0.18  # similarity to join a story within the window
CORE = 0.1  # the similarity to the story's centroid must reach this too
VIEW = 150  # articles before and after an article whose terms weigh its own (see _View)
BACKGROUND = 30  # articles assumed beside those in view (see _View)
JOIN_UNDATED = 0.25  # stricter: an undated article has no window to narrow the candidates
TITLE_WEIGHT = 1  # title and lead words count this many times more
NUMBER_WEIGHT = 2  # a number written in the text counts this many times
ACTOR_WEIGHT = 1
FIGURE_WEIGHT = 4
EVIDENCE_BONUS = 0.02  # a story with evidence (see _best) wins over one alike in words only by less than this
RARE_SHARE = 0.03  # a headline word at most this share of the articles in view have...
RARE_DAYS = 1  # ...in the headlines of reports at most this many days apart is evidence (see _best)
JOIN_SAME_DAY = 0.12  # a dated article whose lead names a day of the story's and whose headline shares an event word joins from this (see _same_day)
JOIN_UNDATED_HEADLINE = 0.2  # an undated article whose headline shares HEADLINE_WORDS event words with one of the story's joins from this
HEADLINE_WORDS = 2
EVIDENCE = 0.25  # below this similarity, a join needs positive evidence (see _best)
VENUE_TYPES = ("place", "organisation")  # actors that place an event: Kursk, Rio de Janeiro, APEC, the G20
VECTOR_TERMS = 120  # an article's heaviest terms: the rest add little but cost
CLOSEST_AMONG = 12  # the closest report is sought among a story's latest reports only
KEY_TERMS = 30  # an undated article meets the stories that share one of its heaviest terms...
UNDATED_CANDIDATES = 40  # ...the ones that share most of them

# an ordinal written in figures is one word ("17th", not "17" and "th"): see ``_word``
_WORD = re.compile(r"\d+(?i:st|nd|rd|th)\b|[^\W\d_][\w'’-]*|\d[\d,.]*%?")


def _spacy_stop_words() -> frozenset[str]:
    """spaCy's English stop words, read without importing spaCy when it is not loaded yet: a
    warm build that analyses nothing needs no spaCy, and importing it took 2 s of every one.
    The word list is a module of its own that imports nothing (``spacy/lang/en/stop_words.py``):
    it is run alone, and the usual import is the fallback should that ever change."""
    if "spacy" not in sys.modules:
        spec = importlib.util.find_spec("spacy")
        if spec is not None and spec.submodule_search_locations:
            path = Path(next(iter(spec.submodule_search_locations)), "lang", "en", "stop_words.py")
            alone = importlib.util.spec_from_file_location("_digest_spacy_stop_words", path)
            if alone is not None and alone.loader is not None and path.is_file():
                module = importlib.util.module_from_spec(alone)
                try:
                    alone.loader.exec_module(module)
                    return frozenset(module.STOP_WORDS)
                except (ImportError, AttributeError, SyntaxError):
                    pass
    from spacy.lang.en.stop_words import STOP_WORDS

    return frozenset(STOP_WORDS)


_STOP = _spacy_stop_words() | {"said", "says", "told", "according", "reported", "report", "reports"}


def _word(raw: str) -> tuple[str, int] | None:
    """A token as a term and its weight (a number counts more), or None for a common word. An
    ordinal is one word however it is spelt ("seventeenth" is "17th", ``data/lexicon.yml``'s
    ``ordinals``), a number."""
    w = raw.strip("'’-.,")
    if w[:1].isdigit():
        return w, NUMBER_WEIGHT
    if w.endswith(("'s", "’s")):
        w = w[:-2]
    if len(w) > 1 and w not in _STOP:
        nth = ordinal(w)
        return (nth, NUMBER_WEIGHT) if nth else (w, 1)
    return None


def terms(a: AnalysedArticle) -> Counter[str]:
    """The weighed terms of one article (its own text and analysis only)."""
    art = a.article
    counts: Counter[str] = Counter()
    lead = " ".join(p for p in (cut_lead(([] if art.title_derived else [art.title]) + [art.summary]),) if p)
    for text, weight in ((lead, 1 + TITLE_WEIGHT), ("\n".join(art.paragraphs), 1)):
        for raw, n in Counter(_WORD.findall(text.casefold())).items():  # each distinct token once
            found = _WORDS_SEEN.get(raw)
            if found is None:
                found = _WORDS_SEEN[raw] = _word(raw) or ("", 0)
                if len(_WORDS_SEEN) > 200_000:
                    _WORDS_SEEN.clear()
            if found[1]:
                counts[found[0]] += n * weight * found[1]
    for ref in a.actors:
        counts[f"@{ref.name.casefold()}"] += ref.count * ACTOR_WEIGHT
    for f in a.figures:
        if f.value is not None:
            counts[figure_term(f)] += FIGURE_WEIGHT
    return counts


def figure_term(f: Figure) -> str:
    """A figure as a term, "measure=value", the value in its measure's first unit ("1,000 km",
    "1,000 kilometres" and "621.371 miles" are "#distance=1000"; ``data/lexicon.yml``)."""
    return f"#{f.measure or f.unit or ''}={converted(f.value, f.unit):g}"


LEAD_SENTENCES = 5  # a lead (title, summary, first paragraph) is read up to this many sentences
# a sentence ends after a word in lower case, a number or a closing mark ("U.S. President" goes on)
_SENTENCE_END = re.compile(r"(?<=[a-z0-9%)”\"’'][.!?])\s+(?=[A-Z“\"‘'])")


def cut_lead(parts: Sequence[str]) -> str:
    """``parts`` (a title, a summary, a paragraph) joined by lines, up to their ``LEAD_SENTENCES``-th
    sentence (a title is one): a page read as one long paragraph has no lead of 40 sentences."""
    out, n = [], 0
    for part in parts:
        if not part:
            out.append(part)
            continue
        end = len(part)
        for k, m in enumerate(_SENTENCE_END.finditer(part), start=1):
            if n + k >= LEAD_SENTENCES:
                end = m.start()
                break
        out.append(part[:end])
        n += 1 + len(_SENTENCE_END.findall(part, 0, end))
        if n >= LEAD_SENTENCES:
            break
    return "\n".join(out)


def lead_text(a: AnalysedArticle) -> str:
    """An article's lead as the grouping compares it: title, summary and first paragraph, at most
    ``LEAD_SENTENCES`` sentences (``cut_lead``)."""
    art = a.article
    return cut_lead((art.title, art.summary, *art.paragraphs[:1]))


_WEEKDAY = re.compile(r"\b(?:on|last|since|late|early) (" + "|".join(calendar.day_name) + r")\b")


def weekdays_named(a: AnalysedArticle) -> frozenset[int]:
    """The weekdays an article's text says things happened on ("on Tuesday", "late Friday"), 0 Monday."""
    text = "\n".join((a.article.summary, *a.article.paragraphs))
    return frozenset(list(calendar.day_name).index(m) for m in _WEEKDAY.findall(text))


_MONTH_NAMES = {m: n for n in range(1, 13) for m in (calendar.month_name[n], calendar.month_abbr[n])} | {"Sept": 9}
_MONTH = "(" + "|".join(sorted(_MONTH_NAMES, key=len, reverse=True)) + r")\.?"
_DAY_OF = re.compile(r"\b(?:" + _MONTH + r"\s+(\d{1,2})(?:st|nd|rd|th)?|(\d{1,2})(?:st|nd|rd|th)?\s+" + _MONTH
                     + r")\b(?:,?\s+(\d{4})\b)?")


# a day after these words is a deadline or an earlier event, not the day of what is reported:
# "a 100% tariff from November 1", "effective December 1", "its first launch since May 8",
# "starting from midnight on April 10", "from 12:01 a.m. on April 10"
_NOT_THE_DAY = re.compile(r"\b(?:from|starting|starts?|beginning|begins?|effective|until|till|by|before|after|since"
                          r"|through|deadline|as of)(?:\s+(?:at\s+)?(?:midnight|noon|\d{1,2}(?:[:.]\d\d)?\s*(?:[ap]\.?m\.?)?))?"
                          r"(?:\s+on)?\s*$", re.IGNORECASE)
_BEFORE = 40  # characters before a day where those words are sought


def dates_named(a: AnalysedArticle) -> frozenset[tuple[int, int, int | None]]:
    """The days an article's lead (title, summary, first paragraph) names as when things happened:
    (month, day, year or None) for "August 27", "Wednesday, Oct. 22, 2025", "8 May"; capitals only
    ("may 10" is no date); not a day after "from", "effective", "since"... (``_NOT_THE_DAY``)."""
    out = set()
    lead = lead_text(a)
    for m in _DAY_OF.finditer(lead):
        if _NOT_THE_DAY.search(lead, max(0, m.start() - _BEFORE), m.start()):
            continue
        month = _MONTH_NAMES[m.group(1) or m.group(4)]
        day = int(m.group(2) or m.group(3))
        if 1 <= day <= calendar.monthrange(2000, month)[1]:  # 2000: a leap year, 29 February is a day
            out.add((month, day, int(m.group(5)) if m.group(5) else None))
    return frozenset(out)


_WEEKDAY_NUMBER = {name: n for n, name in enumerate(calendar.day_name)}
_HAPPENED = re.compile(r"\b(?:on|late|early|last) (" + "|".join(calendar.day_name) + r")\b")
# a day right after these is when it was reported ("KCNA said on Sunday")...
_REPORTED = re.compile(r"\b(?:said|says|reported|reports|told(?: \w+)?|added|wrote|stated)\s*$", re.IGNORECASE)
# ...or a deadline or what is to come ("takes effect on Thursday", "talks will be held on Saturday")
_TO_COME = re.compile(r"\b(?:effect|effective|from|until|till|by|before|after|since|starting|deadline|due|expires?"
                      r"|scheduled|planned|will(?: \w+){0,2})\s*$", re.IGNORECASE)


def _happened_weekdays(lead: str, said: bool = False) -> set[int]:
    """The weekdays (0 Monday) a lead says things happened on, not a deadline nor what is to come;
    nor the day a source spoke on ("said on Sunday"), unless ``said`` and the lead names no other."""
    happened, spoke = set(), set()
    for m in _HAPPENED.finditer(lead):
        before = lead[max(0, m.start() - 20):m.start()]
        if not _TO_COME.search(before):
            (spoke if _REPORTED.search(before) else happened).add(_WEEKDAY_NUMBER[m.group(1)])
    return happened or (spoke if said else set())


_NIGHT = re.compile(r"\b(late|early)(?: on)? (" + "|".join(calendar.day_name) + r")\b")


def happened_weekdays(a: AnalysedArticle) -> frozenset[int]:
    """The weekdays (0 Monday) an article's lead says things happened on (see ``happening_days``);
    at night, the next or the one before too: what one outlet dates "late Tuesday" another dates
    "early Wednesday", in another time zone."""
    lead = lead_text(a)
    days = _happened_weekdays(lead)
    for m in _NIGHT.finditer(lead):
        day = _WEEKDAY_NUMBER[m.group(2)]
        if day in days:
            days.add((day + (1 if m.group(1) == "late" else -1)) % 7)
    return frozenset(days)


def happening_days(a: AnalysedArticle) -> frozenset[int]:
    """The days (ordinals) a dated article's lead says things happened on (see ``_happening``)."""
    return _happening(a)[0]


def _happening(a: AnalysedArticle, teaser: bool = True) -> tuple[frozenset[int], frozenset[int]]:
    """(every day, the days given as dates): the days (ordinals) a dated article's lead (title,
    summary, first paragraph) says things happened on: a date ("January 25") the latest such day up to the day after its date, a
    weekday ("on Saturday", "late Friday") the latest such day up to its date. Not a deadline,
    what is to come or an earlier event ("since May 8", "takes effect on Thursday"); the day a
    source spoke on ("KCNA said on Sunday") only when the lead names no other. Two reports of
    one launch, from the state that fired and the neighbour that tracked it, name its day."""
    art = a.article
    if art.date is None:
        return frozenset(), frozenset()
    found = _days_in(lead_text(a), art.date)
    if teaser and not found[0] and len(art.paragraphs) > 1:  # a teaser first ("Footage shows..."): the next paragraph
        found = _days_in(cut_lead(art.paragraphs[1:2]), art.date)
    return found


def _days_in(lead: str, date: dt.date) -> tuple[frozenset[int], frozenset[int]]:
    """``_happening`` of one text of a report dated ``date``."""
    latest = date + dt.timedelta(days=1)
    out = set()
    for m in _DAY_OF.finditer(lead):
        if _NOT_THE_DAY.search(lead, max(0, m.start() - _BEFORE), m.start()):
            continue
        month, day = _MONTH_NAMES[m.group(1) or m.group(4)], int(m.group(2) or m.group(3))
        for year in ((int(m.group(5)),) if m.group(5) else (latest.year, latest.year - 1)):
            if 1 <= day <= calendar.monthrange(year, month)[1] and (m.group(5) or dt.date(year, month, day) <= latest):
                out.add(dt.date(year, month, day).toordinal())
                break
    dated = frozenset(out)
    today = date.toordinal()
    out.update(today - (date.weekday() - w) % 7 for w in _happened_weekdays(lead, said=not out))
    out.update(today - back for back in _relative_days(lead))
    return frozenset(out), dated


_RELATIVE = re.compile(r"\b(?:(overnight|today|this morning|this afternoon|this evening|tonight)|(yesterday|last night))\b",
                       re.IGNORECASE)


_RELATIVE_WORDS = ("overnight", "today", "this ", "tonight", "yesterday", "last night")


def _relative_days(lead: str) -> set[int]:
    """How many days before its date a lead says things happened on, by words relative to it:
    0 for "overnight", "today", "this morning"; 1 for "yesterday", "last night". Not a deadline
    nor what is to come ("takes effect today", "will meet tonight")."""
    out = set()
    low = lead.casefold()
    if not any(w in low for w in _RELATIVE_WORDS):  # most leads have none: no pattern search
        return out
    for m in _RELATIVE.finditer(lead):
        if not _TO_COME.search(lead[max(0, m.start() - 20):m.start()]):
            out.add(0 if m.group(1) else 1)
    return out


def _has_date(story: _Draft, days: frozenset[tuple[int, int, int | None]]) -> bool:
    """Whether a day from the day before the story's first report to the day after its last is
    one of ``days`` (any year when a day names none)."""
    if story.first is None or story.last is None:
        return True  # a story of undated articles: no dates to go by
    day = story.first - dt.timedelta(days=1)
    while day <= story.last + dt.timedelta(days=1):
        if (day.month, day.day, None) in days or (day.month, day.day, day.year) in days:
            return True
        day += dt.timedelta(days=1)
    return False


_WORDS_SEEN: dict[str, tuple[str, int]] = {}  # token -> (term, weight): the same words recur in every article


def title_words(a: AnalysedArticle) -> frozenset[str]:
    """The words of an article's title (common English words left out)."""
    seen = _TITLE_SEEN
    out = set()
    for raw in _WORD.findall(a.article.title.casefold()):
        w = seen.get(raw)
        if w is None:
            w = raw.strip("'’-.,")
            w = seen[raw] = (ordinal(w) or w) if len(w) > 1 and w not in _STOP else ""
            if len(seen) > 200_000:
                seen.clear()
        if w:
            out.add(w)
    return frozenset(out)


_TITLE_SEEN: dict[str, str] = {}  # token -> title word, or "" for a common word


def event_words(a: AnalysedArticle) -> frozenset[str]:
    """The words of an article's title that are no names: written in lower case (or an acronym
    in capitals, "LNG"), common English words, numbers and the words of the actors the analysis
    resolved (Kim, APEC, the EU) left out. "cruise" in two headlines of one day says what
    happened; a place name ("Gyeongju") may be where two things happened."""
    seen = _EVENT_SEEN
    words = set()
    for raw in _WORD.findall(a.article.title):
        w = seen.get(raw)
        if w is None:
            w = raw.strip("'’-.,")
            if w.endswith(("'s", "’s")):
                w = w[:-2]
            ok = len(w) > 1 and not w[:1].isdigit() and (w.islower() or w.isupper()) and not ordinal(w)
            w = seen[raw] = w.casefold() if ok and w.casefold() not in _STOP else ""
            if len(seen) > 200_000:
                seen.clear()
        if w:
            words.add(w)
    if not words:
        return frozenset()
    names = set()
    for r in a.actors:
        names.update(r.name.casefold().split())
    return frozenset(words - names)


_EVENT_SEEN: dict[str, str] = {}  # title token -> event word, or "" for none

HAPPENINGS = DATA_DIR / "happenings.yml"


FAMILIES = ("exclusive", "weapons")  # the lists of ``data/happenings.yml``: kinds of happening, kinds of missile


@lru_cache(maxsize=1)
def _families() -> dict[str, dict[str, str]]:
    """``data/happenings.yml`` read and checked: for each list (``FAMILIES``), each word -> the kind it names."""
    display = "generator/data/happenings.yml"
    data = load_yaml(HAPPENINGS, display)
    problems, out = [], {}
    for family in FAMILIES:
        words_of = out[family] = {}
        kinds = data.get(family)
        if not isinstance(kinds, list) or not kinds:
            problems.append(f"{where(display, data)}: '{family}' must be a list of kinds")
            kinds = []
        for item in kinds:
            words = str_list(item.get("words")) if isinstance(item, dict) else None
            if not isinstance(item, dict) or not isinstance(item.get("id"), str) or not words:
                problems.append(f"{where(display, item)}: a kind needs an 'id' and a list of 'words'")
                continue
            for w in words:
                if words_of.setdefault(w.casefold(), item["id"]) != item["id"]:
                    problems.append(f"{where(display, item)}: '{w}' names two kinds")
    if problems:
        raise ConfigError("\n".join(problems))
    return out


def _kinds_of_words() -> dict[str, str]:
    """Each headline word -> the kind of happening it names (``data/happenings.yml``'s ``exclusive``)."""
    return _families()["exclusive"]


def happening_kinds(a: AnalysedArticle) -> frozenset[str]:
    """The kinds of happening (``data/happenings.yml``) an article's headline names: "ceasefire", "attack"."""
    kinds = _kinds_of_words()
    return frozenset(kinds[w] for w in title_words(a) if w in kinds)


def weapon_kinds(text: str) -> frozenset[str]:
    """The kinds of missile (``data/happenings.yml``'s ``weapons``) a text names: "short-range", "intercontinental"."""
    kinds = _families()["weapons"]
    low = text.casefold()
    if not any(w in low for w in kinds):  # most texts name none: no tokenising
        return frozenset()
    return frozenset(kinds[w.strip("'’-.,")] for w in _WORD.findall(low) if w.strip("'’-.,") in kinds)


@lru_cache(maxsize=1)
def _not_numbered() -> frozenset[str]:
    """``data/happenings.yml``'s ``numbered``: the words after an ordinal that make it a rank, not a
    numbered happening ("the second time", "its 17th consecutive day")."""
    display = "generator/data/happenings.yml"
    data = load_yaml(HAPPENINGS, display)
    entry = data.get("numbered")
    words = str_list(entry.get("not_after")) if isinstance(entry, dict) else None
    if not words:
        raise ConfigError(f"{where(display, entry if isinstance(entry, dict) else data)}: "
                          "'numbered' needs a list of words 'not_after'")
    return frozenset(w.casefold() for w in words) | {m.casefold() for m in _MONTH_NAMES} \
        | {d.casefold() for d in calendar.day_name}


NUMBERED_WORDS = 2  # words after an ordinal read as what it numbers ("19th sanctions package")


def numbered(text: str) -> frozenset[str]:
    """The numbered happenings a text names: an ordinal and each word of the ``NUMBERED_WORDS``
    after it that is no common word ("the 17th round of talks": "17th round"; "its nineteenth
    sanctions package": "19th sanctions", "19th package"), not a rank or a date ("the second time",
    "the 17th of March": ``data/happenings.yml``'s ``numbered``). Ordinals that are common words
    ("first", "third") are left out, as in matching (``_word``)."""
    low = text.casefold()
    out = set()
    if not _ordinal_pattern().search(low):
        return frozenset()  # most leads hold no ordinal: not read word by word
    for phrase in _PHRASE.split(low):  # "On March 17th, officials met": no word after the comma
        tokens = [t.strip("'’-.,") for t in _WORD.findall(phrase)]
        for k, t in enumerate(tokens):
            nth = None if t in _STOP else ordinal(t)
            if nth is None or k and tokens[k - 1] in _not_numbered():  # "March 17th": a date
                continue
            for w in tokens[k + 1:k + 1 + NUMBERED_WORDS]:
                if w in _not_numbered():
                    break
                if w not in _STOP and len(w) > 1 and not w[:1].isdigit() and not ordinal(w):
                    out.add(f"{nth} {w}")
    return frozenset(out)


@lru_cache(maxsize=1)
def _ordinal_pattern() -> re.Pattern[str]:
    """A pattern found in every lower-case text that may hold an ordinal ``numbered`` reads ("17th",
    "seventeenth", "twenty-first"; not "first" alone, a common word), so that most leads are not
    read word by word."""
    words = sorted((w for w, _ in load_lexicon().ordinals), key=len, reverse=True)
    kept = [w for w in words if w not in _STOP]
    return re.compile(r"\d(?:st|nd|rd|th)\b|\b(?:" + "|".join(map(re.escape, kept)) + r")\b|-(?:"
                      + "|".join(map(re.escape, words)) + r")\b")


_PHRASE = re.compile(r"[,;:!?()\[\]\"“”]|\.(?:\s|$)")


@dataclass(frozen=True, slots=True)
class Lead:
    """Who and where an article's lead (title, summary, first paragraph) names, and its figures:
    what an event is, beside the words."""

    actors: frozenset[str]  # actors other than countries (a country is in most events)
    venues: frozenset[str]  # places and organisations among them
    figures: frozenset[str]  # its figures, "measure=value"
    lead_figures: frozenset[str]  # those given in the lead
    title: frozenset[str] = frozenset()  # its headline's event words (``event_words``)
    title_persons: frozenset[str] = frozenset()  # the persons its headline names (``_meets_others``)
    kinds: frozenset[str] = frozenset()  # the kinds of happening its headline names (``happening_kinds``)
    weapons: frozenset[str] = frozenset()  # the kinds of missile its headline names (``weapon_kinds``), else its lead
    lead_weapons: frozenset[str] = frozenset()  # the kinds of missile its lead names
    numbered: frozenset[str] = frozenset()  # the numbered happenings its lead names ("17th round", ``numbered``)


_TITLE_GAP = re.compile(r"\s+(?:[A-Za-z][\w.'’-]*\s+){0,2}")  # "leader", "Secretary General"


def _affiliations(a: AnalysedArticle, mentions: list, persons: list) -> set[str]:
    """Organisations named only as a person's post ("Chinese Communist Party leader Xi Jinping",
    "NATO Secretary General Mark Rutte"): at most two words between it and a person's name, no
    comma. They say who a person is, not where the event is: no venue."""
    text = ""
    posts: dict[str, bool] = {}
    for m in mentions:
        follows = False
        for p in persons:
            if p.sentence == m.sentence and 0 < p.start - m.end <= 30:
                text = text or a.article.analysed_text()  # made only when a name follows one
                if _TITLE_GAP.fullmatch(text[m.end:p.start]):
                    follows = True
                    break
        posts[m.actor] = posts.get(m.actor, True) and follows
    return {actor for actor, only in posts.items() if only}


_PAIR = re.compile(r"\b[A-Z][a-z]+(?:[-–][A-Z][a-z]+)+\b")  # "Lee-Trump", "Xi–Biden"


def _title_persons(mentions: list, known: set[str], title: str = "") -> frozenset[str]:
    """The known persons a headline names; a pair written as one ("Lee-Trump summit", which the
    model may take for a person of its own, or miss) read as the persons of the article its
    parts name."""
    out = {m.actor for m in mentions if m.actor in known}
    texts = [m.text for m in mentions if m.actor not in known] + _PAIR.findall(title)
    for text in texts:
        if "-" in text or "–" in text:
            for part in re.split(r"[-–]", text.casefold()):
                out.update(p for p in known if part and part in p.casefold().replace("-", " ").split())
    return frozenset(out)


def lead_of(a: AnalysedArticle) -> Lead:
    art = a.article
    lead = lead_text(a)
    where = {k for k, s in enumerate(a.sentences) if s and s in lead}
    types = {r.name: r.type for r in a.actors}
    known_persons = {r.name for r in a.actors if r.type == "person" and r.known}  # the model's guesses ("Lee-Trump") left out
    # A known place of no one state (a sea, a peninsula: "peace on the Korean Peninsula") stays a
    # venue: leaving it out changed no score on the labelled stories nor on 135 real reports, but a
    # report dated mid-range then moved 180 of 1,000 bench articles between stories (warm+1: 454
    # files rewritten instead of 93).
    in_lead = [m for m in a.mentions if m.sentence in where and types.get(m.actor, "country") != "country"]
    named = {m.actor for m in in_lead}
    posts = _affiliations(a, [m for m in in_lead if types[m.actor] in VENUE_TYPES],
                          [m for m in in_lead if types[m.actor] == "person"])
    figures = {figure_term(f)[1:]: bool(f.sentence) and f.sentence in lead for f in a.figures if f.value is not None}
    title_at = set()  # the headline's sentences (one, or two around a colon): the text opens with it
    for k, sentence in enumerate(() if art.title_derived else a.sentences):
        if not sentence or sentence not in art.title:
            break
        title_at.add(k)
    return Lead(frozenset(named), frozenset(n for n in named if types[n] in VENUE_TYPES and n not in posts),
                frozenset(figures), frozenset(f for f, in_lead in figures.items() if in_lead),
                frozenset() if art.title_derived else event_words(a),
                _title_persons([m for m in in_lead if m.sentence in title_at], known_persons,
                               art.title if title_at else ""),
                frozenset() if art.title_derived else happening_kinds(a),
                (not art.title_derived and weapon_kinds(art.title)) or weapon_kinds(lead), weapon_kinds(lead),
                numbered(lead))


def vector(a: AnalysedArticle) -> dict[str, float]:
    """The article's normalised vector: sublinear counts, its ``VECTOR_TERMS`` heaviest terms."""
    vec = {w: 1 + math.log(c) for w, c in terms(a).items() if c > 0}
    kept = sorted(vec.items(), key=lambda wv: (-wv[1], wv[0]))[:VECTOR_TERMS]
    norm = math.sqrt(sum(v * v for _, v in kept)) or 1.0
    return {w: v / norm for w, v in kept}


def cosine(a: dict[str, float], b: dict[str, float]) -> float:
    """The cosine of two normalised vectors."""
    return _dot(a, b)


def _dot(a: dict[str, float], b: dict[str, float]) -> float:
    """Summed in the order of ``a``'s terms (an article's vector): the same sum with ``b`` cut to them."""
    return sum([x * b[w] for w, x in a.items() if w in b])


def _key_terms(vec: dict[str, float]) -> list[str]:
    """Its ``KEY_TERMS`` heaviest terms: ``vector`` keeps its terms heaviest first."""
    return list(itertools.islice(vec, KEY_TERMS))


def article_key(a: AnalysedArticle) -> str:
    """What the grouping reads of an article, hashed: a changed article has a new key.

    The text and its metadata only: its analysis (actors, figures) follows from them and the
    analysis fingerprint, which salts the saved state (``group``'s ``salt``)."""
    art = a.article
    text = "\0".join((art.id, art.title, str(art.title_derived), str(art.date), art.source or "", *art.sources,
                      art.summary, *art.paragraphs, ""))
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:24]  # SHA-256: the fastest here


# --------------------------------------------------------------------------- the grouping


@dataclass(slots=True)
class _Draft:
    """A story being grown: its founder (first member's position), members, dates, centroid."""

    founder: int
    members: list[int]
    first: dt.date | None
    last: dt.date | None
    centroid: dict[str, float] = field(default_factory=dict)
    norm: float = 1.0
    square: float = 0.0  # the centroid's squared norm
    keys: set[str] = field(default_factory=set)  # its members' key terms (undated articles meet it by them)
    actors: set[str] = field(default_factory=set)  # its members' leads' actors, venues, and figures
    venues: set[str] = field(default_factory=set)
    figures: set[str] = field(default_factory=set)
    lead_figures: set[str] = field(default_factory=set)
    titles: set[str] = field(default_factory=set)  # its members' headlines' event words
    kinds: set[str] = field(default_factory=set)  # the kinds of happening its members' headlines name
    weapons: set[str] = field(default_factory=set)  # the kinds of missile its members' leads name
    numbered: set[str] = field(default_factory=set)  # the numbered happenings its members' leads name
    heads: Counter[str] = field(default_factory=Counter)  # how many of its members' headlines name each person
    days_of: list[int] = field(default_factory=list)  # members whose days are not yet in ``_days`` (see ``days``)
    _days: set[int] = field(default_factory=set)
    headlines: list[frozenset[str]] = field(default_factory=list)  # each member's headline event words
    pending: list[int] = field(default_factory=list)  # reports not yet added (see ``settle``)
    unread: list[int] = field(default_factory=list)  # reports whose leads are not yet in the sets above (see ``read``)
    unsummed: list[int] = field(default_factory=list)  # reports whose vectors are not yet in the centroid (see ``sum``)

    def settle(self, vecs: _Vectors, centroid: bool = True) -> _Draft:
        """Add the reports that ``wait`` left pending, in their order (the same sums as adding them
        one by one): an undated article meets only a few stories, and only those need a centroid;
        their leads are read only when a rule asks (``read``). Without ``centroid``, their vectors
        are summed only when ``sum`` is called (the centroid's share in an article is known)."""
        pending, self.pending = self.pending, []
        if not centroid:
            self.unsummed += pending
            for i in pending:
                self.add(i, self.first, {}, None)
            return self
        self.sum(vecs)
        for i in pending:
            self.add(i, self.first, vecs[i], None)
        return self

    def sum(self, vecs: _Vectors) -> _Draft:
        """Add to the centroid the vectors that ``settle`` left out, in their order."""
        unsummed, self.unsummed = self.unsummed, []
        for i in unsummed:
            self._vector(vecs[i])
        return self

    def read(self, vecs: _Vectors) -> _Draft:
        """Add the leads of the reports that ``settle`` added (unions and counts: the order does not
        matter): read only for a story an article is close enough to (``_best``)."""
        unread, self.unread = self.unread, []
        for i in unread:
            self._lead(vecs.lead(i))
        return self

    def days(self, vecs: _Vectors) -> set[int]:
        """The days its members' leads say things happened on (``happening_days``): read only when
        a rule asks, since most stories an undated article meets are never asked."""
        if self.days_of:
            for i in self.days_of:
                self._days |= vecs.days(i, teaser=False)[0]
            self.days_of = []
        return self._days

    def wait(self, i: int, date: dt.date) -> None:
        self.pending.append(i)
        self.first = min(self.first or date, date)
        self.last = max(self.last or date, date)

    def _lead(self, lead: Lead) -> None:
        self.actors |= lead.actors
        self.venues |= lead.venues
        self.figures |= lead.figures
        self.lead_figures |= lead.lead_figures
        self.titles |= lead.title
        self.kinds |= lead.kinds
        self.weapons |= lead.lead_weapons
        self.numbered |= lead.numbered
        self.heads.update(lead.title_persons)
        if len(lead.title) >= HEADLINE_WORDS:
            self.headlines.append(lead.title)

    def add(self, i: int, date: dt.date | None, vec: dict[str, float], lead: Lead | None) -> None:
        """Add report ``i``; with no ``lead``, its lead is added when ``read`` is called."""
        self.members.append(i)
        if lead is None:
            self.unread.append(i)
        else:
            self._lead(lead)
        self.days_of.append(i)
        if date is not None:
            self.first = min(self.first or date, date)
            self.last = max(self.last or date, date)
        self._vector(vec)

    def _vector(self, vec: dict[str, float]) -> None:
        c = self.centroid
        square = self.square
        for w, v in vec.items():
            old = c.get(w, 0.0)
            c[w] = old + v
            square += v * (2 * old + v)
        self.square = square
        self.norm = math.sqrt(square) or 1.0


def _open_to(story: _Draft, date: dt.date) -> bool:
    return (story.last + dt.timedelta(days=WINDOW_DAYS) >= date
            and story.first + dt.timedelta(days=SPAN_DAYS) >= date)


def _follows_up(story: _Draft, date: dt.date, dated: frozenset[int], vecs: _Vectors) -> bool:
    """Whether a report is open to the story as a follow-up: its lead gives as a date ("On October
    17, the Treasury announced...") a day the story's leads say things happened on, or a day from
    the eve of its first report to its last, and it comes at most ``FOLLOW_UP_DAYS`` after the
    story's first report (a rewrite a week later)."""
    if story.first + dt.timedelta(days=FOLLOW_UP_DAYS) < date:
        return False
    first, last = story.first.toordinal(), story.last.toordinal()
    return any(first - 1 <= d <= last for d in dated) or bool(dated & story.days(vecs))


def _numbered_follow_up(story: _Draft, date: dt.date, numbers: frozenset[str], vecs: _Vectors) -> bool:
    """Whether a report whose lead names a numbered happening ("the 17th round of talks",
    ``numbered``) that the story's leads name too comes at most ``FOLLOW_UP_DAYS`` after the
    story's first report: a follow-up of it (the round's close a week after its opening)."""
    return story.first + dt.timedelta(days=FOLLOW_UP_DAYS) >= date and bool(numbers & story.read(vecs).numbered)


_REACH = max(SPAN_DAYS, FOLLOW_UP_DAYS)  # the days after its first report a story may still gain one


class _Vectors:
    """Vectors made on demand (a warm build needs only those of the articles it replays)."""

    def __init__(self, articles: Sequence[AnalysedArticle], keys: Sequence[str] = (), store: VectorStore | None = None):
        self.articles = articles
        self.made: dict[int, dict[str, float]] = {}
        self.leads: dict[int, Lead] = {}
        self.happened: dict[tuple[int, bool], tuple[frozenset[int], frozenset[int]]] = {}
        self.keys = keys  # by input position, for ``store``
        self.store = store  # the vectors of earlier builds (``storyvectors.py``)

    def days(self, i: int, teaser: bool = True) -> tuple[frozenset[int], frozenset[int]]:
        """``_happening`` of article ``i``, made once (the lead's, then the teaser's only when it names none)."""
        found = self.happened.get((i, teaser))
        if found is None:
            art = self.articles[i].article
            if not teaser:
                found = _happening(self.articles[i], False)
            elif art.date is None or len(art.paragraphs) < 2 or self.days(i, False)[0]:
                found = self.days(i, False)
            else:  # the lead names no day: the second paragraph's (as ``_happening``)
                found = _days_in(cut_lead(art.paragraphs[1:2]), art.date)
            self.happened[(i, teaser)] = found
        return found

    def lead(self, i: int) -> Lead:
        found = self.leads.get(i)
        if found is None:
            found = self.leads[i] = lead_of(self.articles[i])
        return found

    def __getitem__(self, i: int) -> dict[str, float]:
        vec = self.made.get(i)
        if vec is None:
            if self.store is None:
                vec = self.made[i] = vector(self.articles[i])
            else:
                vec = self.made[i] = self.store.get_or_make(self.keys[i], lambda: vector(self.articles[i]))
        return vec


class _View:
    """Document frequencies over the articles in view: the ``VIEW`` dated articles before an
    article and the ``VIEW`` after it (or every article, for the undated). A term most of them
    share (the digest's own subject: "North Korea", "troops") says little about which event an
    article reports; ``BACKGROUND`` articles that have none of the terms are assumed beside
    them, so that a small digest does not make every shared word look common."""

    def __init__(self, vecs: _Vectors) -> None:
        self.vecs = vecs
        self.df: Counter[str] = Counter()
        self.size = 0

    def enter(self, i: int) -> None:
        self.size += 1
        self.df.update(self.vecs[i].keys())

    def leave(self, i: int) -> None:
        self.size -= 1
        self.df.subtract(self.vecs[i].keys())

    def weigh(self, vec: dict[str, float]) -> dict[str, float]:
        n = self.size + BACKGROUND
        df = self.df
        out = {w: v * math.log(n / (df.get(w, 0) + 0.5)) for w, v in vec.items()}
        norm = math.sqrt(sum(v * v for v in out.values())) or 1.0
        return {w: v / norm for w, v in out.items()}


def _best(i: int, candidates: list[_Draft], vecs: _Vectors, threshold: float, view: _View,
          cores: dict[int, float] | None = None) -> _Draft | None:
    """The story ``i`` joins among ``candidates``, or None. ``cores``: the similarity to the centroid
    of stories whose centroid is not summed (by founder), as ``_decide_undated`` knows it."""
    best, best_score = None, -1.0
    v = view.weigh(vecs[i])
    lead = vecs.lead(i)
    date = vecs.articles[i].article.date
    lowest = min(threshold, JOIN_SAME_DAY if date is not None or lead.lead_weapons else JOIN_UNDATED_HEADLINE)
    near: list[tuple[_Draft, float]] = []
    for s in candidates:
        core = cores[s.founder] if cores and s.founder in cores else _dot(v, s.centroid) / s.norm
        if core < CORE:
            continue
        closest = max(_dot(v, vecs[j]) for j in s.members[-CLOSEST_AMONG:])
        sim = (closest + core) / 2
        if sim >= lowest:  # else below every threshold (the rules below read the story's leads)
            near.append((s, sim))
    # an undated report whose lead names a kind of missile may join the one story near it whose leads
    # name that kind too (undated, it cannot tell two ICBM launches apart: not when two are near)
    same_weapon = None
    if date is None and lead.lead_weapons:
        weapon = [s for s, sim in near if s.read(vecs).weapons & lead.lead_weapons]
        same_weapon = weapon[0] if len(weapon) == 1 else None
    for s, sim in near:
        s.read(vecs)
        if lead.venues and s.venues and not lead.venues & s.venues:
            continue  # another place or meeting: another event (the G20 in Rio, not APEC in Lima)
        if len(lead.kinds) == 1 and s.kinds and not lead.kinds & s.kinds:
            continue  # another kind of happening: a ceasefire the day after the strikes
        if len(lead.weapons) == 1 and s.weapons and not lead.weapons & s.weapons:
            continue  # another kind of missile: short-range missiles five days after an ICBM (a headline
            # may name no kind: "North Korea launches missiles hours before US election")
        if _meets_others(lead, s):
            continue  # other participants: another meeting (Lee and Xi, not Trump and Xi)
        if sim < threshold and not (date is not None and sim >= JOIN_SAME_DAY and _same_day(i, lead, s, vecs)
                                    or date is None and sim >= JOIN_UNDATED_HEADLINE and (_headline_shared(lead, s)
                                                                                          or _same_meeting(lead, s))
                                    or date is None and s is same_weapon):
            continue
        evidence = bool(lead.actors & s.actors or lead.lead_figures & s.figures or lead.figures & s.lead_figures
                        or lead.lead_weapons & s.weapons or lead.numbered & s.numbered
                        or _rare_word_shared(lead, s, date, view) or date is not None and bool(vecs.days(i)[0] & s.days(vecs))
                        or date is None and _headline_shared(lead, s))
        if sim < EVIDENCE and not evidence:
            continue  # alike in words only: no one, nowhere, no figure and no rare headline word in common
        score = sim + (EVIDENCE_BONUS if evidence else 0.0)  # evidence breaks a near tie
        if best is None or score >= best_score + 1e-12:
            best, best_score = s, score
    return best


def _meets_others(lead: Lead, story: _Draft) -> bool:
    """Whether an article's headline names two or more persons (a meeting, a call, a summit)
    while its lead leaves out a person whom most of the story's headlines name (for a story of
    one report, its headline): "Lee, Xi hold first summit" is not the story of "Trump cuts
    tariffs after meeting Xi", though both name Xi, on the same days, at the same forum.
    Conversely, a story whose headlines (most of them) name two or more persons is a meeting:
    a report whose headline names a person, and whose lead names the forum the meeting was held
    at but leaves out one of the meeting's persons, tells of the forum, not of the meeting on its
    sidelines ("SCO leaders adopt declaration as Xi proposes bank" is not "Modi, Xi meet on the
    eve of SCO summit"). A person is named by another spelling of his name too ("Li Jae Myung",
    ``_same_person``)."""
    if not lead.title_persons:
        return False
    most = [p for p, n in story.heads.items() if n * 2 > len(story.members)]
    if len(lead.title_persons) < 2 and (len(most) < 2 or not lead.venues & story.venues):
        return False
    return any(not _named(p, lead.actors) for p in most)


def _named(person: str, names: frozenset[str]) -> bool:
    """Whether ``person`` is one of ``names``, or spelt otherwise in one (``_same_person``)."""
    return person in names or any(_same_person(person, n) for n in names)


def _same_person(a: str, b: str) -> bool:
    """Two spellings of one name of three parts or more: every part but one the same, the rest in
    the same order ("Li Jae Myung" and "Lee Jae-myung", "Kim Jong Un" and "Kim Jong-un")."""
    x, y = a.casefold().replace("-", " ").split(), b.casefold().replace("-", " ").split()
    if len(x) != len(y) or len(x) < 3:
        return x == y and len(x) >= 3
    return sum(p != q for p, q in zip(x, y)) <= 1


def _same_meeting(lead: Lead, story: _Draft) -> bool:
    """Whether an article's headline names two or more persons, each of whom half the story's
    headlines name at least: "Presidents Lee and Trump agree to follow-up consultations" and "Lee-Trump
    summit: South Korea's investment takes shape" tell of one meeting."""
    if len(lead.title_persons) < 2:
        return False
    return all(story.heads.get(p, 0) * 2 >= len(story.members) for p in lead.title_persons)


def _rare_word_shared(lead: Lead, story: _Draft, date: dt.date | None, view: _View) -> bool:
    """Whether a dated article's headline and a headline of the story, reported at most
    ``RARE_DAYS`` apart, share an event word (``event_words``) that few articles in view have
    ("LNG" in the headlines of a sanctions package and of what its LNG ban means, a day apart)."""
    if date is None or story.last is None or (date - story.last).days > RARE_DAYS:
        return False
    shared = lead.title & story.titles
    if not shared:
        return False
    most = (view.size + BACKGROUND) * RARE_SHARE
    return any(view.df.get(w, 0) <= most for w in shared)


def _headline_shared(lead: Lead, story: _Draft) -> bool:
    """Whether an article's headline and one headline of the story share ``HEADLINE_WORDS`` event
    words (``event_words``): "China expands export controls" and "China tightens rare earth export
    controls"."""
    return len(lead.title) >= HEADLINE_WORDS and any(len(lead.title & h) >= HEADLINE_WORDS for h in story.headlines)


def _same_day(i: int, lead: Lead, story: _Draft, vecs: _Vectors) -> bool:
    """Whether an article's lead and a lead of the story say things happened on one day
    (``happening_days``) and their headlines share an event word (``event_words``): the
    military that tracked a launch and the state media that hailed it, the day after."""
    return bool(lead.title & story.titles and vecs.days(i)[0] & story.days(vecs))


def _has_weekday(story: _Draft, weekdays: frozenset[int]) -> bool:
    """Whether a day from the day before the story's first report to the day after its last is one of
    ``weekdays`` (a report tells of the day before, a reaction comes the day after)."""
    if story.first is None or story.last is None:
        return True  # a story of undated articles: no dates to go by
    if (story.last - story.first).days >= 4:
        return True
    day = story.first - dt.timedelta(days=1)
    while day <= story.last + dt.timedelta(days=1):
        if day.weekday() in weekdays:
            return True
        day += dt.timedelta(days=1)
    return False


def _undated_weekdays(story: _Draft, articles: Sequence[AnalysedArticle]) -> frozenset[int]:
    """The weekdays its reports' leads say things happened on (``happened_weekdays``), for a story of undated reports."""
    return frozenset().union(*(happened_weekdays(articles[j]) for j in story.members))


def _order(articles: Sequence[AnalysedArticle]) -> list[int]:
    """Processing order: dated oldest first, then by id; the undated last, by id."""
    def key(i: int) -> tuple:
        d = articles[i].article.date
        return (d is None, d.toordinal() if d else 0, articles[i].article.id, i)
    return sorted(range(len(articles)), key=key)


@dataclass(slots=True)
class Grouping:
    """The stories (lists of input positions, in processing order; the stories in the order
    of their first report), how many articles this run had to decide, and each article's key."""

    stories: list[list[int]]
    decided: int
    keys: list[str] = field(default_factory=list)  # each article's ``article_key``, by input position


def group(articles: Sequence[AnalysedArticle], state_file: Path | None = None, salt: str = "") -> Grouping:
    """Group ``articles``; with ``state_file``, start from the previous build's grouping and save this one.

    The result depends only on the articles (never on the state, the input order or what was
    built before): the state only saves work. ``salt`` (the analysis fingerprint) makes a
    state written by another analysis unusable.
    """
    order = _order(articles)
    pos = {i: k for k, i in enumerate(order)}
    n_dated = sum(1 for i in order if articles[i].article.date is not None)
    keys = [article_key(articles[i]) for i in order]
    by_input = [""] * len(articles)
    for k, i in enumerate(order):
        by_input[i] = keys[k]
    store = None
    if state_file is not None:
        store = VectorStore(state_file.with_name(VECTORS_FOLDER), {"rules": _RULES, "salt": salt})
    vecs = _Vectors(articles, by_input, store)
    founder = [-1] * len(articles)  # input position -> its story's founder (input position)
    previous = _load(state_file, salt) if state_file is not None else None
    decided = 0
    basis = None
    if previous is not None and previous[0] == keys:
        for k, f in enumerate(previous[1]):
            founder[order[k]] = order[f]
    else:
        decided = _decide_dated(articles, order, pos, n_dated, keys, founder, vecs, previous)
        if state_file is not None or n_dated < len(order):
            basis = _undated_basis(order, n_dated, keys, founder, vecs, previous, store)
        if n_dated < len(order):
            decided += _decide_undated(articles, order, n_dated, founder, vecs, basis)
    if state_file is not None:
        founders = [pos[founder[i]] for i in order]
        if basis is not None:
            ordinals = [articles[i].article.date.toordinal() for i in order[:n_dated]]
            _save(state_file, salt, keys, founders, ordinals, basis)
        store.save(keys)
    members: dict[int, list[int]] = {}
    for i in order:
        members.setdefault(founder[i], []).append(i)
    return Grouping(list(members.values()), decided, by_input)


def _decide_dated(articles, order, pos, n_dated, keys, founder, vecs, previous) -> int:
    """Decide the dated articles; with ``previous``, only from ``VIEW`` articles before the first
    change, until the decisions meet the previous build's again (see the module's docstring)."""
    start, stop_check = 0, None
    if previous is not None:
        old_keys, old_founders, old_dated, old_ordinals = previous[:4]
        limit = min(n_dated, old_dated)
        first = next((k for k in range(limit) if keys[k] != old_keys[k]), limit)
        if first == n_dated == old_dated:  # only undated articles changed
            for k in range(n_dated):
                founder[order[k]] = order[old_founders[k]]
            return 0
        tail = 0  # the common tail of both dated runs
        while tail < limit - first and keys[n_dated - 1 - tail] == old_keys[old_dated - 1 - tail]:
            tail += 1
        new_tail, old_tail = n_dated - tail, old_dated - tail
        start = max(0, first - VIEW)  # these see the change in their view
        changed = [articles[order[k]].article.date for k in range(first, new_tail)]
        changed += [dt.date.fromordinal(d) for d in old_ordinals[first:old_tail]]
        mismatch = max(changed) if changed else None
        old_founder_key = {old_keys[k]: old_keys[old_founders[k]] for k in range(old_dated)}
        for k in range(start):
            founder[order[k]] = order[old_founders[k]]
        stop_check = [new_tail + VIEW, old_founder_key, mismatch]
    drafts: dict[int, _Draft] = {}
    if 0 < start < n_dated:
        date0 = articles[order[start]].article.date
        back = start
        while back > 0 and articles[order[back - 1]].article.date + dt.timedelta(days=_REACH) >= date0:
            back -= 1
        for k in range(back, start):
            i = order[k]
            f = founder[i]
            if f == i or f in drafts:  # a story founded before the span is closed for good
                drafts.setdefault(f, _Draft(f, [], None, None)).add(i, articles[i].article.date, vecs[i], vecs.lead(i))
    open_stories = list(drafts.values())  # founders in processing order (dicts keep insertion order)
    view = _View(vecs)
    for k in range(max(0, start - VIEW), min(n_dated, start + VIEW + 1)):
        view.enter(order[k])
    decided = 0
    k = start
    while k < n_dated:
        i = order[k]
        date = articles[i].article.date
        open_stories = [s for s in open_stories if s.first + dt.timedelta(days=_REACH) >= date]
        dated = vecs.days(i)[1]
        numbers = vecs.lead(i).numbered
        best = _best(i, [s for s in open_stories if _open_to(s, date) or dated and _follows_up(s, date, dated, vecs)
                         or numbers and _numbered_follow_up(s, date, numbers, vecs)], vecs, JOIN, view)
        if best is None:
            best = _Draft(i, [], None, None)
            open_stories.append(best)
        best.add(i, date, vecs[i], vecs.lead(i))
        founder[i] = best.founder
        decided += 1
        k += 1
        if k - VIEW - 1 >= 0:
            view.leave(order[k - VIEW - 1])
        if k + VIEW < n_dated:
            view.enter(order[k + VIEW])
        if stop_check is None or k >= n_dated:
            continue
        settled, old_founder_key, mismatch = stop_check
        if k - 1 >= settled - VIEW and old_founder_key.get(keys[k - 1]) != keys[pos[best.founder]]:
            mismatch = stop_check[2] = max(mismatch, date) if mismatch else date
        if k >= settled and (mismatch is None or mismatch + dt.timedelta(days=_REACH) < articles[order[k]].article.date):
            # the view and the open stories are the previous build's from here on: so is every decision
            at = {key: m for m, key in enumerate(keys)}
            for m in range(k, n_dated):
                founder[order[m]] = order[at[old_founder_key[keys[m]]]]
            break
    return decided


@dataclass(slots=True)
class _Basis:
    """What the undated articles are decided against, besides their own vectors: the document
    frequency of every term over all the articles (``df``: the undated articles' view) and each
    dated story's key terms (``terms``, by its founder's key: the union of its reports'
    ``_key_terms``). Kept in the state, so that a later build updates them from the articles
    that changed (and the stories whose reports changed) instead of reading every vector.

    ``ranks`` (kept in the state too): for each undated article (by key), the dated stories
    sharing most of its key terms, most first (then the oldest), ``RANKED`` of them at most:
    ``[founder's key, shared key terms, the story's squared centroid norm or None, its
    centroid on the article's terms or None]``. A later build takes the counts of the stories
    whose reports did not change (``fresh`` holds those that did: not kept) from there and
    counts only the others, and leaves out, unread, a story whose centroid on the article's
    terms is too far (``_decide_undated``)."""

    df: Counter[str]
    terms: dict[str, list[str]]
    ranks: dict[str, list] = field(default_factory=dict)
    fresh: set[str] = field(default_factory=set)


def _members(keys: Sequence[str], founders: Sequence[int], n_dated: int) -> dict[str, list[str]]:
    """Each dated story's reports' keys, by its founder's key (positions in processing order)."""
    out: dict[str, list[str]] = {}
    for k in range(n_dated):
        out.setdefault(keys[founders[k]], []).append(keys[k])
    return out


def _undated_basis(order, n_dated, keys, founder, vecs, previous, store) -> _Basis:
    """The ``_Basis`` of this build's articles and dated stories: the previous build's, updated
    where articles or stories changed (the same counts and sets as made from every vector, by
    construction), or made from every vector when there is none (or a vector of an article
    gone is not kept any more)."""
    pos_of = {i: k for k, i in enumerate(order)}
    founders = [pos_of[founder[order[k]]] for k in range(n_dated)]
    members = _members(keys, founders, n_dated)
    at = {key: k for k, key in enumerate(keys)}
    old = previous[4] if previous is not None and len(previous) > 4 else None
    df = None
    if old is not None and len(set(keys)) == len(keys):
        old_keys = previous[0]
        gone, new = set(old_keys) - set(keys), set(keys) - set(old_keys)
        df = Counter(old.df)
        for key in gone:
            vec = store.get(key) if store is not None else None
            if vec is None:
                df = None  # its terms are not known any more: counted again from every vector
                break
            df.subtract(vec.keys())
        if df is not None:
            for key in new:
                df.update(vecs[order[at[key]]].keys())
            df = Counter({w: n for w, n in df.items() if n > 0})
    if df is None:
        df = Counter()
        for i in order:
            df.update(vecs[i].keys())
    old_members = _members(previous[0], previous[1], previous[2]) if old is not None else {}
    terms, fresh = {}, set()
    for f, reports in members.items():
        kept = old.terms.get(f) if old is not None and old_members.get(f) == reports else None
        if kept is None:
            kept = list(dict.fromkeys(w for key in reports for w in _key_terms(vecs[order[at[key]]])))
            fresh.add(f)
        terms[f] = kept
    return _Basis(df, terms, old.ranks if old is not None else {}, fresh)


def _decide_undated(articles, order, n_dated, founder, vecs, basis: _Basis) -> int:
    """Each undated article (by id) joins the most similar story sharing one of its key terms.

    The stories it meets are the ``UNDATED_CANDIDATES`` sharing most of its key terms (then the
    oldest): counted from the previous build's ranking (``_Basis.ranks``) for the dated stories
    whose reports did not change, and from their terms for the rest (every story when that
    ranking is not there or too short to be sure of). A story that the ranking says is too far
    from the article (its centroid on the article's terms, ``CORE``) is left out unread; it
    would be left out read (``_best``). The same stories as counting every story, by construction."""
    drafts: dict[int, _Draft] = {}
    view = _View(vecs)  # every article: the basis's counts
    view.df, view.size = basis.df, len(order)
    for k in range(n_dated):
        i = order[k]
        d = drafts.get(founder[i])
        if d is None:  # (not setdefault: a draft made for every report costs more than the rest of the loop)
            d = drafts[founder[i]] = _Draft(founder[i], [], None, None)
        d.wait(i, articles[i].article.date)
    stories = list(drafts.values())  # by number: the dated stories, then those undated articles found
    by_key = {vecs.keys[d.founder]: n for n, d in enumerate(stories)}
    fresh = {by_key[f] for f in basis.fresh if f in by_key}
    n_stories = len(stories)
    live: list[int] = []  # the stories undated articles joined or founded in this run: counted as they are
    is_live: set[int] = set()
    postings: dict[str, list[int]] | None = None  # dated stories by key term: made when a ranking will not do
    ranked = 2 * UNDATED_CANDIDATES
    ranks: dict[str, list] = {}
    changed: list[int] = []  # the stories joined or started, in turn
    looked: dict[int, int] = {}  # an article left: how many stories had changed when it was decided
    met: dict[int, tuple[set[int], tuple[int, int] | None]] = {}  # ...the stories it met, and the last one's rank

    def place(i: int, found: bool) -> bool:
        """Decide undated article ``i``: join a story, or (``found``) start one; False when it is left.
        An article left before is decided again only when a story it met changed since, or a
        story that changed now ranks among those it meets: nothing else it is decided by did."""
        nonlocal postings
        mine = _key_terms(vecs[i])
        shared = set(mine)
        if i in looked:
            stories_met, rank = met[i]
            if not any(n in stories_met or (c := len(shared & stories[n].keys)) and (rank is None or (-c, n) < rank)
                       for n in set(changed[looked[i]:])):
                return found and start(i, mine)
        known: dict[int, list] = {}  # story number -> [squared norm, centroid on the article's terms] (see _Basis)
        counts: dict[int, int] = {}  # dated stories: shared key terms (their basis terms)
        old = basis.ranks.get(vecs.keys[i])
        last = None
        if old is not None:
            kept = []
            for fkey, count, square, partial in old:
                n = by_key.get(fkey)
                if n is not None and n not in fresh:
                    kept.append(n)
                    counts[n] = count
                    if partial is not None:
                        known[n] = [square, partial]
            if len(old) >= ranked and len(kept) < UNDATED_CANDIDATES:
                old = None  # too few left to be sure no other story ranks before them: count them all
                counts, known = {}, {}
            elif len(old) >= ranked:
                last = max((-counts[n], n) for n in kept)  # past this, stories not ranked may come before
        if old is None:
            if postings is None:
                postings = defaultdict(list)
                for n in range(n_stories):
                    for w in basis.terms[vecs.keys[stories[n].founder]]:
                        postings[w].append(n)
            for w in mine:
                for n in postings.get(w, ()):
                    counts[n] = counts.get(n, 0) + 1
        else:
            for n in fresh:
                c = len(shared.intersection(basis.terms[vecs.keys[stories[n].founder]]))
                if c:
                    counts[n] = c
        mine_ranked = sorted(counts, key=lambda n: (-counts[n], n))
        if last is not None:
            mine_ranked = [n for n in mine_ranked if (-counts[n], n) <= last]
        mine_ranked = mine_ranked[:ranked]
        selected = dict(counts)
        for n in live:  # as they are now: their reports' key terms and those of the undated articles they have
            c = len(shared & stories[n].keys)
            if c:
                selected[n] = c
        # the stories sharing most of its key terms (then the oldest): the rest are far below the threshold
        nearest = sorted(selected, key=lambda n: (-selected[n], n))[:UNDATED_CANDIDATES]
        met[i] = (set(nearest), (-selected[nearest[-1]], nearest[-1]) if len(nearest) == UNDATED_CANDIDATES else None)
        weekdays = weekdays_named(articles[i])
        candidates = sorted(nearest)
        if weekdays:  # "on Tuesday": the story has a report on a Tuesday, or the day after one
            candidates = [n for n in candidates if _has_weekday(stories[n], weekdays)]  # a wrong day: another event
        days = dates_named(articles[i])
        if days:  # "on Wednesday, August 27": the story is reported from about that day
            candidates = [n for n in candidates if _has_date(stories[n], days)]
        weighed = view.weigh(vecs[i])
        near = []
        cores: dict[int, float] = {}
        for n in candidates:
            d = stories[n]
            if n in is_live or n not in known or not d.unsummed and not d.pending:
                # undated reports joined it, it was not measured, or its centroid is summed: read it
                near.append(d.settle(vecs).sum(vecs))
                if n not in is_live:  # its dated reports only: what the next build's ranking keeps
                    known[n] = [d.square, {w: d.centroid[w] for w in vecs[i] if w in d.centroid}]
                continue
            square, partial = known[n]
            core = _dot(weighed, partial) / (math.sqrt(square) or 1.0)  # the same sum as with the whole centroid
            if core >= CORE:  # else _best would leave it out: not read
                near.append(d.settle(vecs, centroid=False))
                cores[d.founder] = core
        candidates = near
        happened = happened_weekdays(articles[i])
        if happened:  # "fired ... on Sunday": not a story whose leads name other days of what happened
            candidates = [d for d in candidates if not d.days(vecs) or any((o - 1) % 7 in happened for o in d.days(vecs))]
            # a story of undated reports only: not one whose leads say things happened on other weekdays
            # (two undated "North Korea fires ballistic missile" reports, of a Wednesday and of a Thursday)
            candidates = [d for d in candidates if d.first is not None
                          or not (days := _undated_weekdays(d, articles)) or days & happened]
        best = _best(i, candidates, vecs, JOIN_UNDATED, view, cores)
        ranks[vecs.keys[i]] = [[vecs.keys[stories[n].founder], counts[n], *known.get(n, (None, None))] for n in mine_ranked]
        if best is None:
            looked[i] = len(changed)
            return found and start(i, mine)
        join(i, best, mine)
        return True

    def start(i: int, mine: list[str]) -> bool:
        best = drafts[i] = _Draft(i, [], None, None)
        stories.append(best)
        by_key[vecs.keys[i]] = len(stories) - 1
        join(i, best, mine)
        return True

    def join(i: int, best: _Draft, mine: list[str]) -> None:
        n = by_key[vecs.keys[best.founder]]
        changed.append(n)
        if n not in is_live:
            is_live.add(n)
            live.append(n)
            if n < n_stories:
                best.keys.update(basis.terms[vecs.keys[best.founder]])
        best.settle(vecs).sum(vecs).add(i, None, vecs[i], vecs.lead(i))
        founder[i] = best.founder
        best.keys.update(mine)

    # An undated article starts a story only when no story will take it: first every one that joins
    # a story (of dated reports, or grown by undated ones) joins it, by id, round after round while
    # some join; then the rest, by id, each joining or starting one. (Two reports of one event, one
    # just below the threshold of its dated story, would otherwise start a story beside it.)
    left = [order[k] for k in range(n_dated, len(order))]
    while left:
        still = [i for i in left if not place(i, False)]
        if len(still) == len(left):
            break
        left = still
    for i in left:
        place(i, True)
    basis.ranks = ranks
    return len(order) - n_dated


# --------------------------------------------------------------------------- the state


# a state written by other rules (this file, or the kinds of happening, changed) is not used
# (and the shipped lexicon, whose ordinals and unit conversions the terms read)
_RULES = hashlib.blake2b(Path(__file__).read_bytes() + (Path(__file__).parent / "storyvectors.py").read_bytes()
                         + HAPPENINGS.read_bytes() + (DATA_DIR / "lexicon.yml").read_bytes(), digest_size=8).hexdigest()


def _load(path: Path, salt: str) -> tuple:
    """(keys, founders' positions, dated count, dated ordinals, ``_Basis`` or None) of the
    previous build, or None."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        if data.get("version") != STATE_VERSION or data.get("salt") != f"{_RULES}:{salt}":
            return None
        keys, founders, ordinals = data["keys"], data["founders"], data["dates"]
        if len(keys) != len(founders) or len(ordinals) > len(keys) or any(f > k for k, f in enumerate(founders)):
            return None
        basis = None
        df, terms = data.get("df"), data.get("terms")
        if isinstance(df, dict) and isinstance(terms, dict):
            ranks = data.get("ranks")
            if data.get("ranked") != 2 * UNDATED_CANDIDATES or not isinstance(ranks, dict) or not all(
                    isinstance(r, list) and all(_rank_entry(e) for e in r) for r in ranks.values()):
                ranks = {}  # ranked otherwise, or damaged: counted again
            basis = _Basis(Counter(df), terms, ranks)
        return keys, founders, len(ordinals), ordinals, basis
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None  # no state, or a damaged one: group from scratch


def _rank_entry(e: object) -> bool:
    """Whether ``e`` is an entry of ``_Basis.ranks`` as written: [key, count, squared norm or None, share or None]."""
    if not (isinstance(e, list) and len(e) == 4 and isinstance(e[0], str) and type(e[1]) is int and e[1] > 0):
        return False
    if e[3] is None:
        return e[2] is None
    return (isinstance(e[2], (int, float)) and isinstance(e[3], dict)
            and all(isinstance(v, (int, float)) for v in e[3].values()))


def _save(path: Path, salt: str, keys: list[str], founders: list[int], ordinals: list[int], basis: _Basis) -> None:
    from generator.atomic import write_atomic

    path.parent.mkdir(parents=True, exist_ok=True)
    write_atomic(path, json.dumps({"version": STATE_VERSION, "salt": f"{_RULES}:{salt}", "keys": keys, "founders": founders,
                                   "dates": ordinals, "df": dict(sorted(basis.df.items())), "terms": basis.terms,
                                   "ranked": 2 * UNDATED_CANDIDATES, "ranks": basis.ranks},
                                  separators=(",", ":")))
