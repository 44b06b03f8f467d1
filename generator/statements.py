"""Who said what about an actor: its own statements apart from what others say about it or ask of it.

Part of the digest-model stage, read by the actor pages (``render/actors.py``). From the
analysis of the articles that name the actor, each sentence that reports speech (a reporting
verb, or a direct quotation) gets a speaker: the actor a figure in it is attributed to, else
the actor of a quotation in it, else the actor named just before its first speech verb (the
lexicon's ``speech_verbs``: "China's foreign ministry said...", "The United States urged
Beijing to..."). A sentence is
the actor's **own words** when the speaker is the actor or one of its people (an actor
affiliated to it: its foreign minister, its spokesperson); it is **what others say about it
or ask of it** when someone else speaks and the sentence names the actor (or one of its
people).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from generator.analyse.lexicon import load_lexicon
from generator.atomic import write_atomic
from generator.cache import article_key, warn_unreadable
from generator.fastjson import loads
from generator.model import AnalysedArticle, Digest
from generator.versions import code_version


@dataclass(frozen=True, slots=True)
class Statement:
    """A sentence that reports speech, with its speaker."""

    article_id: str
    index: int  # sentence index in the article
    sentence: str
    speaker: str  # the actor speaking
    quoted: bool  # a direct quotation


def people_of(name: str, digest: Digest) -> frozenset[str]:
    """The actor and the actors affiliated to it (its leaders, ministers, agencies)."""
    actor = digest.actor_by_name.get(name)
    return frozenset({name, *(actor.members if actor else ())})


GAP_WORDS = 3  # words allowed between a speaker's name and its verb ("Lin Jian said on Tuesday")
_WORDS = re.compile(r"[A-Za-z][A-Za-z'’-]*")
_RELATIVE = re.compile(r",\s+(?:who|which|whose)\s[^,;]*[,;]")
# a name followed by one of these before the verb is an object of an earlier clause ("Biden
# raised the deployment to Russia and urged Beijing"), not the speaker
_JOINS = frozenset({"and", "but", "or", "while", "as", "after", "before", "than"})


@lru_cache(maxsize=1)
def _speech_verbs() -> frozenset[str]:
    return frozenset(v.lower() for v in load_lexicon().speech_verbs if " " not in v)


def _subject(a: AnalysedArticle, index: int, mentions: list) -> str | None:
    """The actor named just before the sentence's first speech verb ("China's foreign ministry
    said", "Lin Jian told reporters"); a demonym is no speaker ("Chinese exporters told")."""
    # a relative clause names someone else than the speaker ("Scholz, who met Xi on the
    # sidelines, said"): blanked out, keeping the offsets
    sentence = _RELATIVE.sub(lambda m: " " * len(m.group()), a.sentences[index])
    verbs = _speech_verbs()
    if verbs.isdisjoint(map(str.lower, _WORDS.findall(sentence))):
        return None  # most sentences: no word of theirs is a speech verb
    spans = [(at, at + len(m.text), m) for m in mentions if (at := sentence.find(m.text)) >= 0]
    # the first speech verb that is not part of a name ("The United States urged"), and the
    # words before it (the words after it are never read)
    words: list[tuple[int, str]] = []
    verb_at = None
    for w in _WORDS.finditer(sentence):
        start, word = w.start(), w.group().lower()
        if word in verbs and not any(a <= start < b for a, b, _ in spans):
            verb_at = start
            break
        words.append((start, word))
    if verb_at is None:
        return None
    best, best_end = None, -1
    for _, end, m in spans:
        if m.kind == "demonym" or end > verb_at:
            continue
        gap = [w for start, w in words if end <= start < verb_at]
        if len(gap) <= GAP_WORDS and not _JOINS & set(gap) and end > best_end:
            best, best_end = m.actor, end
    return best


def speakers(a: AnalysedArticle) -> dict[int, tuple[str, bool]]:
    """Sentence index -> (speaker, quoted) for the sentences of an article that report speech:
    a figure's source first, then a quotation's speaker, then the subject of a speech verb."""
    out: dict[int, tuple[str, bool]] = {}
    index_of = {text: k for k, text in enumerate(a.sentences)}
    for f in a.figures:
        k = index_of.get(f.sentence)
        if k is not None and k not in out and f.attribution_actor not in (None, "outlet"):
            out[k] = (f.attribution_actor, False)
    for q in a.quotes:
        if q.actor and q.index not in out:
            out[q.index] = (q.actor, True)
    by_sentence: dict[int, list] = {}
    for m in a.mentions:
        by_sentence.setdefault(m.sentence, []).append(m)
    for k, mentions in by_sentence.items():
        if k in out or k >= len(a.sentences) or k >= len(a.certainties) or a.certainties[k] != "reported":
            continue
        who = _subject(a, k, mentions)
        if who:
            out[k] = (who, False)
    return out


# article id -> (the analysed article, its speakers in sentence order): one article names many
# actors, and every actor page asks for it (an actor page's scan was half of rendering every
# page at 10,000 articles); the article is kept beside its result so that another article
# under the same id (another build in the same process) is never given a stale one
_SPEAKERS: dict[str, tuple[AnalysedArticle, list[tuple[int, tuple[str, bool]]]]] = {}
_SPEAKERS_KEPT = 50_000


def _speakers_in_order(article_id: str, a: AnalysedArticle) -> list[tuple[int, tuple[str, bool]]]:
    found = _SPEAKERS.get(article_id)
    if found is not None and found[0] is a:
        return found[1]
    if len(_SPEAKERS) >= _SPEAKERS_KEPT:
        _SPEAKERS.clear()
    key = article_key(a.article) if _STORE.salt else None
    stored = _STORE.known.get(key) if key else None
    if stored is not None:
        ordered = [(index, (who, quoted)) for index, who, quoted in stored]
    else:
        ordered = sorted(speakers(a).items())
        if key:
            _STORE.found[key] = [[index, who, quoted] for index, (who, quoted) in ordered]
    _SPEAKERS[article_id] = (a, ordered)
    return ordered


# --------------------------------------------------------------------------- kept between builds

SPEAKERS_FILE = "speakers-v1.json"  # in the cache folder: each article's speakers, by its content
STATEMENTS_CODE = code_version(Path(__file__))


@dataclass(slots=True)
class _Store:
    salt: str = ""  # the analysis fingerprint and this module's code: "" when nothing is kept
    known: dict = None  # article content key -> [[sentence index, speaker, quoted], ...], as last saved
    found: dict = None  # the same, found in this process since ``load_speakers``


_STORE = _Store("", {}, {})


def load_speakers(cache_dir: Path | None, salt: str) -> None:
    """Read each article's speakers as the last build found them (an article's speakers are a
    function of its analysis: its content key and the analysis fingerprint ``salt`` fix them),
    so that an actor page rendered again reads the articles it lists without scanning their
    sentences again. Forked workers inherit what is read here; what they find, they return
    (``found_speakers``) for ``save_speakers``. Without a cache folder nothing is kept."""
    forget_speakers()
    if cache_dir is None or not salt:
        return
    salt = f"{salt}|{STATEMENTS_CODE}"
    _STORE.salt = salt
    path = cache_dir / SPEAKERS_FILE
    try:
        data = loads(path.read_bytes())
        if isinstance(data, dict) and data.get("salt") == salt and isinstance(data.get("articles"), dict):
            _STORE.known = data["articles"]
    except FileNotFoundError:
        pass
    except (OSError, ValueError):
        warn_unreadable(path, "speakers found again")


def forget_speakers() -> None:
    """Stop using what ``load_speakers`` read (it holds for one digest's analyses)."""
    _STORE.salt, _STORE.known, _STORE.found = "", {}, {}


def found_speakers() -> dict:
    """The speakers this process found since ``load_speakers`` (not read from the cache)."""
    return dict(_STORE.found)


def save_speakers(cache_dir: Path | None, keys: set[str], found: dict) -> None:
    """Keep the speakers of the articles whose content keys are ``keys`` (those of the digest:
    the others' are dropped), from the last file and ``found``; written only when it changes."""
    if cache_dir is None or not _STORE.salt:
        return
    kept = {k: v for k, v in _STORE.known.items() if k in keys}
    added = {k: v for k, v in found.items() if k in keys and k not in kept}
    if not added and len(kept) == len(_STORE.known):
        return
    kept.update(added)
    cache_dir.mkdir(parents=True, exist_ok=True)
    write_atomic(cache_dir / SPEAKERS_FILE,
                 json.dumps({"salt": _STORE.salt, "articles": dict(sorted(kept.items()))}, ensure_ascii=False,
                            separators=(",", ":")), fault="speakers")
    _STORE.known = kept


def who_said_what(name: str, digest: Digest, limit: int) -> tuple[list[Statement], list[Statement], bool]:
    """(own words, what others say about it or ask of it, whether either list was cut), newest
    article first, each list at most ``limit`` long. The scan stops once both are full, so a
    page costs the same however many articles name the actor."""
    people = people_of(name, digest)
    actor = digest.actor_by_name.get(name)
    own: list[Statement] = []
    others: list[Statement] = []
    for aid in (actor.article_ids if actor else ()):
        a = digest.by_id[aid].analysed
        named = {m.sentence for m in a.mentions if m.actor in people}
        for index, (who, quoted) in _speakers_in_order(aid, a):
            if index >= len(a.sentences):
                continue
            found = own if who in people else others if index in named else None
            if found is None:
                continue
            if len(own) >= limit and len(others) >= limit:
                return own, others, True
            if len(found) < limit:
                found.append(Statement(aid, index, a.sentences[index], who, quoted))
    return own, others, False
