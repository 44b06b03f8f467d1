"""What our spaCy components put on a Doc, readable by name (``m.kind == "person"``).

Named tuples, as spaCy's own ``Span.label_`` reads by name: ``doc._.actor_mentions`` holds
``ActorMention``s, ``doc._.figures`` ``FigureSpan``s and ``doc._.quotes`` ``QuoteSpan``s.
They hold token offsets and plain values; ``pipeline.doc_to_article`` turns them into the
model's records once.
"""

from __future__ import annotations

from typing import NamedTuple

from spacy.tokens import Doc

for _ext in ("actor_mentions", "figures", "quotes", "article_date", "article_host"):
    if not Doc.has_extension(_ext):
        Doc.set_extension(_ext, default=None)


class ActorMention(NamedTuple):
    """Tokens ``start:end`` name ``name``."""

    start: int
    end: int
    name: str  # canonical
    kind: str  # name, alias, demonym, seat, part, context, short, role, entity
    type: str  # country, person, organisation, place, group
    affiliation: str | None
    known: bool  # False: found by the statistical model only
    chain: tuple[str, ...]  # the actor and everything it belongs to ("Xi Jinping", "China")


class FigureSpan(NamedTuple):
    start: int
    end: int
    text: str
    value: float | None
    upper: float | None  # the upper bound of a range ("10,000 to 12,000")
    unit: str | None
    qualifier: str | None
    attribution: str | None  # the source phrase as written
    attribution_actor: str | None  # its actor, "outlet" when the article asserts it, None if unknown
    place: str | None
    measure: str | None
    reported: bool  # attributed to a source (the figure's certainty is at least "reported")
    hedged: bool  # a hedging word bears on the figure's clause ("may send up to 100,000 troops")


class QuoteSpan(NamedTuple):
    start_char: int  # of the quoted words in doc.text
    end_char: int
    text: str
    speaker: str | None  # as written ("foreign ministry spokeswoman Mao Ning", "he")
    actor: str | None  # the speaker's actor
    verb: str | None
