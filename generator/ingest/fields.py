"""Turn the fields a reader found into a validated RawArticle (one place for every format).

Checks dates, URLs, tags and text; makes the stable id (from the url, else the text) and the
derived title; detects the language. A bad metadata value is dropped, with a warning naming
the field and the problem (``RawArticle.dropped``): the article stays. Only an article with no
text raises InputError.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from functools import cache
from urllib.parse import urlsplit

from generator.errors import InputError
from generator.model import DroppedField, RawArticle
from generator.textclean import strip_controls

MIN_YEAR, MAX_YEAR = 1900, 2100
MAX_TITLE = 160
TITLE_LIMIT = 130  # characters of a title made from the summary: a headline, not a paragraph
CLAUSE_MIN = 0.3  # a clause cut keeps at least this share of the limit
_CLAUSE_END = re.compile(r"\s*(?:[,;:]\s|\s[—–-]\s|\s\()")
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"'”’)]*\s+(?=[A-Z0-9\"“‘(])")
# a full stop that ends an abbreviation, not the sentence: "U.S. Stands with ...", "Mr. Kim said"
_ABBREVIATION = re.compile(r"(?:\b[A-Z]\.(?:[A-Z]\.)+|\b(?:Mr|Mrs|Ms|Dr|St|Gen|Sen|Rep|Gov|Lt|Col|Capt|Adm|Maj|Sgt|Prof|"
                           r"No|Jan|Feb|Mar|Apr|Aug|Sept?|Oct|Nov|Dec|Jr|Sr|Inc|Corp|Co|vs)\.)$")
# Language detection abstains below these: a headline of three words, or a text the model is
# unsure of, stays None (read as English) rather than risk skipping an English article.
LANGUAGE_MIN_LETTERS = 25
LANGUAGE_MIN_CONFIDENCE = 0.9
LANGUAGE_SAMPLE = 3000  # characters: enough for a stable answer, cheap on long articles


def collapse(text: object) -> str:
    """One line, single spaces, no control characters (JSON escapes can carry them)."""
    return " ".join(strip_controls(str(text)).split())


def first_sentence(text: str, limit: int = TITLE_LIMIT) -> str:
    """A readable title made from a text: its first sentence when short enough (without its
    full stop), else cut at a clause boundary (comma, semicolon, colon, dash, bracket) with an
    ellipsis; never inside a word."""
    text = text.strip()
    ends = [m for m in _SENTENCE_END.finditer(text) if not _ABBREVIATION.search(text, 0, m.start())]
    sentence = (text[: ends[0].start()] if ends else text).strip()
    if len(sentence) <= limit:
        return sentence[:-1] if sentence.endswith(".") and not sentence.endswith("..") else sentence
    return shorten(sentence, limit)


def shorten(text: str, limit: int) -> str:
    """``text`` cut to at most ``limit`` characters (ellipsis included) at the last clause
    boundary that keeps at least ``CLAUSE_MIN`` of the limit, else at the last space."""
    room = text[: limit]  # the ellipsis takes the place of the boundary's punctuation or space
    # a comma after an odd number of commas closes an aside ("Kim, a senior official, said"):
    # cutting there leaves a name and its description, not a clause
    cuts = [
        m.start() for m in _CLAUSE_END.finditer(room)
        if m.start() >= CLAUSE_MIN * limit and not (m.group().strip() == "," and room[: m.start()].count(",") % 2)
    ]
    if cuts:
        return text[: cuts[-1]].rstrip() + "…"
    head = room.rsplit(" ", 1)[0] if " " in room else room[: limit - 1]
    return head.rstrip(" ,;:-–—(") + "…"


class FieldError(ValueError):
    """A metadata value that cannot be used: the value is dropped, the article kept."""


def parse_date(value: object) -> dt.date | None:
    """Accept a date, a datetime or an ISO 8601 string; FieldError for anything else or an
    absurd year."""
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        date = value.date()
    elif isinstance(value, dt.date):
        date = value
    elif isinstance(value, str):
        text = value.strip()
        try:
            date = dt.date.fromisoformat(text[:10])
            if len(text) > 10:
                dt.datetime.fromisoformat(text)
        except ValueError:
            raise FieldError("not a date") from None
    else:
        raise FieldError(f"not a date (a {type(value).__name__})")
    if not MIN_YEAR <= date.year <= MAX_YEAR:
        raise FieldError(f"out of range ({MIN_YEAR}-{MAX_YEAR}): {date.isoformat()}")
    return date


def check_url(value: object) -> str | None:
    """Only absolute http(s) URLs are kept: anything else could run code when clicked."""
    if value is None or value == "":
        return None
    if isinstance(value, (dict, list)):
        raise FieldError(f"not an http(s) URL (a {type(value).__name__})")
    text = str(value).strip()
    parts = urlsplit(text)
    try:
        host = parts.hostname
    except ValueError:  # a bracketed host that is no IPv6 address
        host = None
    if parts.scheme.lower() not in ("http", "https") or not host or any(c in text for c in " <>\"'`\n"):
        raise FieldError("not an http(s) URL")
    return text


def text_field(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, (dict, list)):
        raise FieldError(f"must be text, not a {type(value).__name__}")
    return collapse(value)


def tags_field(value: object) -> tuple[tuple[str, ...], str | None]:
    """The tags, and the problem when some were dropped (nested values are no words)."""
    if value is None:
        return (), None
    if isinstance(value, str):
        value = re.split(r"[,;]", value)
    if not isinstance(value, list):
        return (), f"must be a list of words, not a {type(value).__name__}"
    words = [t for t in value if not isinstance(t, (dict, list))]
    problem = None if len(words) == len(value) else f"{len(value) - len(words)} of {len(value)} are not words"
    return tuple(dict.fromkeys(collapse(t) for t in words if collapse(t))), problem


@cache
def _language_identifier():
    # py3langid ships its model inside the wheel: nothing is downloaded. Loaded on first use
    # (about half a second), once per process.
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


_LETTER = re.compile(r"[^\W\d_]")
_ENGLISH_WORDS = frozenset(
    ["the", "of", "and", "to", "in", "a", "is", "that", "for", "on", "was", "with", "as", "by", "it", "at", "from", "his", "her", "their", "has", "have", "had", "be", "were", "are", "been", "said", "will", "would", "not", "but", "which", "this", "they", "its", "an"]
)


def _plainly_english(sample: str) -> bool:
    """A cheap first look: in running English text, about a third of the words are these."""
    words = re.findall(r"[a-z']+", sample[:1500].lower())
    return len(words) >= 40 and sum(w in _ENGLISH_WORDS for w in words) >= 0.25 * len(words)


def detect_language(text: str) -> str | None:
    """The ISO 639-1 code of ``text``'s language, or None when too short or unsure."""
    sample = text[:LANGUAGE_SAMPLE]
    if len(_LETTER.findall(sample[:400])) < LANGUAGE_MIN_LETTERS and len(_LETTER.findall(sample)) < LANGUAGE_MIN_LETTERS:
        return None
    if _plainly_english(sample):
        return "en"  # most articles: no need for the statistical model
    code, confidence = _language_identifier().classify(sample)
    return str(code) if confidence >= LANGUAGE_MIN_CONFIDENCE else None


def make_article(
    *,
    display: str,
    fmt: str,
    where: str,
    title: object = None,
    date: object = None,
    source: object = None,
    url: object = None,
    summary: object = None,
    paragraphs: list[str],
    tags: object = None,
    line: int | None = None,
    author: object = None,
    field_lines: dict[str, int] | None = None,
    dropped: list[DroppedField] | None = None,
) -> RawArticle:
    """Validate the fields of one article and build it.

    A metadata value that cannot be used (a URL that is not http(s), a date that is not one,
    a title that is not text...) is dropped and recorded in ``RawArticle.dropped``; only an
    article without text raises InputError. ``field_lines``: the line of each field in the
    file, where the reader knows it; ``dropped``: what the reader dropped already."""
    dropped = list(dropped or ())
    suffix = f" ({where})" if where.startswith(("item ", "entry ")) else ""

    def drop(name: str, problem: str, value: object) -> None:
        at = (field_lines or {}).get(name, line)
        dropped.append(DroppedField(display, at, name, problem + suffix, _clip(collapse(value))))

    def checked(name: str, check, value: object):
        try:
            return check(value)
        except FieldError as exc:
            drop(name, str(exc), value)
            return check(None)

    title_text = checked("title", text_field, title)
    summary_text = checked("summary", text_field, summary)
    body = tuple(p for p in (collapse(p) for p in paragraphs) if p)
    url_text = checked("url", check_url, url)
    if not body and not summary_text:
        raise InputError(display, f"{where}: no article text (body and summary are empty)", line)
    source_text = checked("source", text_field, source)
    if not source_text and url_text:
        source_text = (urlsplit(url_text).hostname or "").removeprefix("www.")
    derived = not title_text
    if derived:
        title_text = first_sentence(summary_text or body[0])
    elif len(title_text) > MAX_TITLE:
        title_text = shorten(title_text, MAX_TITLE)
    basis = url_text or "\n".join((summary_text, *body))
    article_id = hashlib.sha256(basis.encode("utf-8")).hexdigest()[:12]
    author_text = checked("author", text_field, author)[:200]
    language = detect_language("\n".join((title_text if not derived else "", summary_text, *body)))
    date_value = checked("date", parse_date, date)
    tag_words, tag_problem = tags_field(tags)
    if tag_problem:
        drop("tags", tag_problem, tags)
    return RawArticle(
        path=display,
        id=article_id,
        title=title_text,
        date=date_value,
        source=source_text[:200] or None,
        url=url_text,
        summary=summary_text,
        paragraphs=body,
        tags=tag_words,
        format=fmt,
        line=line,
        title_derived=derived,
        language=language,
        author=author_text or None,
        date_source="field" if date_value else "none",
        dropped=tuple(dropped),
    )


def _clip(text: object, n: int = 80) -> str:
    s = str(text)
    return s if len(s) <= n else s[:n] + "…"
