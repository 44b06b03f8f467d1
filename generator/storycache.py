"""Keep the made stories between builds, each keyed by its reports, so that a warm build makes
again only the stories whose reports changed.

Part of the digest-model stage, beside ``stories.py`` (which makes a story: title, summary,
figure table, disagreements, what each report adds) and ``grouping.py`` (which decides the
reports of each story). A story's key is a hash of its reports' keys (``grouping.article_key``:
their text and metadata), in order; the file is keyed by the rules that make stories (this
module, ``stories.py``, ``grouping.py``, ``targets.py``, ``slugs.py``, ``model.py``, and the data
files ``happenings.yml`` and ``lexicon.yml``) and by the analysis
fingerprint (``salt``), so a story is read back only when making it again would give the same
story. A story is kept as indices into its reports' analysis (a claim is report *k*'s figure
*f*), never as copies of it: reading one back builds the objects a make would build, from the
reports' own figures and quotes, and skips the work of choosing them (the title, the summary,
the figure table, the disagreements, what each report adds).

The file is one JSON header line (version, rules, salt, a hash of the rest), then a line per
story: its key and its record (JSON), so that a kept story is copied, not encoded again. A file that is damaged, tampered with or written by other rules or
another analysis is not used (every story is made again); a record that does not fit its
reports is made again. Stories are the same with the file or without it (tested).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from pathlib import Path

from generator.model import ArticleEntry, Disagreement, ReportNews, Story, StoryClaim

VERSION = 2  # 2: a claim and a flag keep their target
FILE = "stories-made-v1.json"  # beside the grouping's state (``grouping.py``) in the cache folder

_HERE = Path(__file__).resolve().parent
# the code and the data that make a story: happenings.yml says what a levy's target is (``targets.py``),
# lexicon.yml how units of one measure convert
RULE_FILES = tuple(_HERE / name for name in (
    "storycache.py", "stories.py", "grouping.py", "targets.py", "slugs.py", "model.py",
    "data/happenings.yml", "data/lexicon.yml"))
RULES = hashlib.blake2b(b"".join(path.read_bytes() for path in RULE_FILES), digest_size=8).hexdigest()


def story_key(article_keys: Sequence[str]) -> str:
    """The key of a story: its reports' keys, in its order."""
    return hashlib.sha256("\0".join(article_keys).encode("ascii")).hexdigest()[:32]


def encode(story: Story, reports: Sequence[ArticleEntry]) -> list:
    """A story as plain JSON values: what a make chose, as indices into its reports."""
    at = {e.article.id: k for k, e in enumerate(reports)}
    figure_at: dict[int, tuple[int, int]] = {}
    for k, e in enumerate(reports):
        for n, f in enumerate(e.analysed.figures):
            figure_at.setdefault(id(f), (k, n))
    claim_at = {id(c): n for n, c in enumerate(story.claims)}
    claims = []
    for c in story.claims:
        k, n = figure_at[id(c.figure)]
        if reports[k].article.id != c.article_id:
            raise ValueError("a claim's figure is not its report's")
        claims.append([k, n, c.claimant, c.target])
    flags = []
    for d in story.flags:
        members = [claim_at[id(c)] for c in d.claims]
        # each value as the claim it was read from (not the number: the very object a make gives)
        values = [next(n for n, c in enumerate(d.claims) if c.figure.value == v) for v in d.values]
        flags.append([d.measure, d.place, d.week, values, members, d.target])
    news = [[at[r.article_id], [claim_at[id(c)] for c in r.claims], list(r.actors), list(r.speakers), list(r.places)]
            for r in story.news]
    return [story.slug, story.title, list(story.sources), [list(x) for x in story.actors],
            [list(x) for x in story.themes], [[at[aid], s] for aid, s in story.summary], claims, flags, news]


def decode(record: list, reports: Sequence[ArticleEntry]) -> Story:
    """The story ``encode`` kept, built from its reports (an error when the record does not fit them)."""
    slug, title, sources, actors, themes, summary, claim_rows, flag_rows, news_rows = record
    ids = tuple(e.article.id for e in reports)
    analysed = [e.analysed for e in reports]
    dates = [a.article.date for a in analysed]
    claims = [StoryClaim(ids[k], dates[k], claimant, analysed[k].figures[n], target)
              for k, n, claimant, target in claim_rows]
    at = claims.__getitem__
    flags = []
    for measure, place, week, values, members, target in flag_rows:
        kept = tuple(map(at, members))
        flags.append(Disagreement(measure, place, week, tuple(kept[n].figure.value for n in values), kept, target))
    news = tuple([ReportNews(ids[k], tuple(map(at, c)), tuple(a), tuple(s), tuple(p)) for k, c, a, s, p in news_rows])
    dates = [d for d in dates if d]
    if len(news) != len(reports) or not all(isinstance(x, str) for x in (slug, title)):
        raise ValueError("a record of other reports")
    return Story(
        id=f"s{ids[0][:10]}",
        slug=slug,
        title=title,
        article_ids=ids,
        first=min(dates) if dates else None,
        last=max(dates) if dates else None,
        sources=tuple(sources),
        actors=tuple((name, n) for name, n in actors),
        themes=tuple((name, n) for name, n in themes),
        summary=tuple((ids[k], s) for k, s in summary),
        claims=tuple(claims),
        flags=tuple(flags),
        quotes=tuple([(ids[k], q) for k, a in enumerate(analysed) for q in a.quotes]),
        news=news,
    )


class MadeStories:
    """The stories of the last build (read from ``path``), and this build's (written by ``save``)."""

    def __init__(self, path: Path, salt: str) -> None:
        self.path = path
        self.salt = salt
        self.old: dict[str, str] = _load(path, salt)  # story key -> its record, as JSON text
        self.new: dict[str, str] = {}
        self.made = 0  # stories made in this build (not read back)

    def get(self, key: str, reports: Sequence[ArticleEntry]) -> Story | None:
        """The story of ``reports`` as the last build made it, or None."""
        line = self.old.get(key)
        if line is None:
            return None
        try:
            story = decode(json.loads(line), reports)
        except (LookupError, TypeError, ValueError, AttributeError):
            return None  # not these reports' story: made again
        self.new[key] = line
        return story

    def put(self, key: str, story: Story, reports: Sequence[ArticleEntry]) -> None:
        # ASCII: a lone surrogate in a text is kept too
        self.new[key] = json.dumps(encode(story, reports), separators=(",", ":"))
        self.made += 1

    def save(self) -> None:
        """Write this build's stories, unless they are the last build's (a kept story is
        written as it was read: one line each, never encoded again)."""
        if not self.made and self.new.keys() == self.old.keys():
            return
        from generator.atomic import write_atomic

        body = "".join(f"{key} {line}\n" for key, line in self.new.items())
        head = json.dumps({"version": VERSION, "rules": RULES, "salt": self.salt, "hash": _hash(body)})
        self.path.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(self.path, head + "\n" + body)


def _hash(body: str) -> str:
    return hashlib.sha256(body.encode("utf-8", "surrogatepass")).hexdigest()[:32]


def _load(path: Path, salt: str) -> dict[str, str]:
    try:
        head, body = path.read_text(encoding="ascii").split("\n", 1)
        meta = json.loads(head)
        if meta != {"version": VERSION, "rules": RULES, "salt": salt, "hash": _hash(body)}:
            return {}
        return dict(line.split(" ", 1) for line in body.splitlines())
    except (OSError, ValueError, UnicodeDecodeError):
        return {}  # no file, or a damaged one: every story is made again
