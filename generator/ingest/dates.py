"""Dates for articles whose fields carry none: from the file name, a dateline, or a CSV.

Plain-text articles (and many saved files) have no date field. ``assign_dates`` looks, in
order, at the file name (``2024-10-18-title.txt``, ``20241018_title.txt``,
``title-2024-10-18.txt``), at a dateline or a date standing alone at the start of the text
(``SEOUL, Oct 18, 2024 (Yonhap) --``, ``October 18, 2024``, ``18 October 2024``; a dateline
without its year is reported, not guessed), at the one full date in the title of a briefing,
statement or transcript, and at the ``dates:`` CSV of digest.yml (path ->
date) for the rest, and records where the date came from (``RawArticle.date_source``). A date
before 1900 or after the build's day (a date field's too) is not a date: it is ignored with a
notice and the next place is tried. It runs after the readers (and their cache), before
near-duplicates are merged, since they compare dates.
"""

from __future__ import annotations

import calendar
import csv
import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import replace
from pathlib import Path, PurePath

from generator.errors import ConfigError
from generator.model import RawArticle

MIN_YEAR = 1900
LEEWAY = dt.timedelta(days=1)
# Month names from the standard library (its "C" locale: English), with the common short forms.
MONTHS: dict[str, int] = {}
for _n in range(1, 13):
    MONTHS[calendar.month_name[_n].lower()] = _n
    MONTHS[calendar.month_abbr[_n].lower()] = _n
MONTHS["sept"] = 9
_MONTH = r"(?P<month>(?i:" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r"))\.?"
_DAY = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>\d{4})"
_WEEKDAY = r"(?:(?i:" + "|".join(calendar.day_name) + "|" + "|".join(calendar.day_abbr) + r")\.?,?\s+)?"
# "October 18, 2024", "Oct. 18", "18 October 2024", "2024-10-18"
_WRITTEN = [
    _WEEKDAY + _MONTH + r"\s+" + _DAY + r"(?:,?\s+" + _YEAR + r")?",
    _WEEKDAY + _DAY + r"\s+" + _MONTH + r"(?:,?\s+" + _YEAR + r")?",
    r"(?P<year>\d{4})-(?P<mnum>\d{2})-(?P<day>\d{2})",
]
_DASH = r"(?:—|–|--|-|:)"
# A dateline: a place in capitals ("SEOUL", "NEW YORK", "WASHINGTON, D.C."), a date, an optional
# agency in brackets, then a dash; or a date alone on the first line.
_PLACE = r"[A-Z][A-Z.'’\-]*(?:\s+[A-Z][A-Z.'’\-]*)*(?:,\s+[A-Z][A-Za-z.]+)?"
_DATELINES = [re.compile(rf"^{_PLACE},?\s+(?:{w})\s*(?:\([^)]{{1,40}}\))?\s*{_DASH}") for w in _WRITTEN]
# a date standing alone needs its year: "10 may have died" is no date
_ALONE = [re.compile(rf"^(?:{w})\s*(?:{_DASH}|$)") for w in _WRITTEN]
# File names: a date at the start or at the end of the stem
_FILE_DATES = [
    re.compile(r"^(?P<year>\d{4})-(?P<mnum>\d{2})-(?P<day>\d{2})(?:[-_ .]|$)"),
    re.compile(r"^(?P<year>\d{4})(?P<mnum>\d{2})(?P<day>\d{2})(?:[-_ .]|$)"),
    re.compile(r"(?:^|[-_ .])(?P<year>\d{4})-(?P<mnum>\d{2})-(?P<day>\d{2})$"),
    re.compile(r"(?:^|[-_ .])(?P<year>\d{4})(?P<mnum>\d{2})(?P<day>\d{2})$"),
]
NO_YEAR_SHOWN = 3  # articles named in the one notice about datelines without a year
DATELINE_PARAGRAPHS = 3  # a dateline opens the summary or one of the first paragraphs
DATELINE_CHARS = 120  # and is done within this many characters
_DIGIT = re.compile(r"\d")


_PLACE_NAMES = {"filename": "file name", "dateline": "dateline", "title": "title"}


class NotADate(ValueError):
    """A date was written but is not a real or plausible one."""


class NoYear(ValueError):
    """A dateline without a year: not used, reported once for all such articles."""


def _make(year: int, month: int, day: int, today: dt.date) -> dt.date:
    try:
        date = dt.date(year, month, day)
    except ValueError:
        raise NotADate(f"{year:04d}-{month:02d}-{day:02d} is not a calendar date") from None
    _check(date, today)
    return date


def _check(date: dt.date, today: dt.date) -> None:
    # a day of leeway: an article dated in a time zone ahead of the build's is not in the future
    if date.year < MIN_YEAR or date > today + LEEWAY:
        raise NotADate(f"{date.isoformat()} is not plausible (before {MIN_YEAR} or after {today.isoformat()}, the day of the build)")


def _from_match(m: re.Match, today: dt.date) -> dt.date:
    parts = m.groupdict()
    month = int(parts["mnum"]) if parts.get("mnum") else MONTHS[parts["month"].lower().rstrip(".")]
    return _make(int(parts["year"]), month, int(parts["day"]), today)


def date_from_filename(path: str, today: dt.date) -> dt.date | None:
    """The date at the start or end of a file name's stem, if any. Raises NotADate."""
    name = path.replace("\\", "/").rsplit("/", 1)[-1]
    stem = name.rsplit(".", 1)[0] if "." in name.lstrip(".") else name  # as PurePath.stem, faster
    for pattern in _FILE_DATES:
        if m := pattern.search(stem):
            return _from_match(m, today)
    return None


def parse_written_date(text: str, today: dt.date) -> dt.date | None:
    """"2024-10-18", "October 18, 2024", "18 Oct 2024" as a whole string (the CSV's dates)."""
    for w in _WRITTEN:
        if m := re.fullmatch(w, text.strip()):
            if not m.groupdict().get("year"):
                return None
            return _from_match(m, today)
    return None


def date_from_text(article: RawArticle, today: dt.date) -> dt.date | None:
    """A dateline or a date alone at the start of the summary or the first paragraphs."""
    for para in (article.summary, *article.paragraphs)[:DATELINE_PARAGRAPHS]:
        head = para[:DATELINE_CHARS]
        if not _DIGIT.search(head):
            continue  # most paragraphs: no date can start them, no pattern need be tried
        for pattern in (*_DATELINES, *_ALONE):
            if not (m := pattern.match(head)) or (pattern in _ALONE and not m.group("year")):
                continue
            if not m.group("year"):
                # "SEOUL, Oct 18 (Yonhap) -" alone cannot tell the year, and the years a text
                # names are often those of earlier events: guessing would misdate it
                raise NoYear(m.group(0).strip())
            return _from_match(m, today)
    return None


# a transcript's or a statement's title dates it: "Foreign Ministry Spokesperson Mao Ning's Regular
# Press Conference on October 18, 2024", "Department Press Briefing – August 2, 2023"
_DATED_TITLE = re.compile(r"(?i)\b(?:press conference|press briefing|briefing|remarks|readout|statement|transcript|"
                          r"interview|press release|joint statement|communiqu[eé])\b")
TITLE_CHARS = 200


def date_from_title(article: RawArticle, today: dt.date) -> dt.date | None:
    """The one full date in the title of a briefing, statement or transcript, if any."""
    title = article.title if not article.title_derived else (article.summary or "").split("\n")[0]
    if len(title) > TITLE_CHARS or not _DIGIT.search(title) or not _DATED_TITLE.search(title):
        return None
    found = [m for w in _WRITTEN for m in re.finditer(w, title) if m.group("year")]
    days = {(m.group("year"), m.groupdict().get("mnum") or m.group("month").lower().rstrip("."), m.group("day")) for m in found}
    return _from_match(found[0], today) if len(days) == 1 else None


def is_date_alone(line: str) -> bool:
    """Whether ``line`` is a date and nothing else ("Friday, October 18, 2024")."""
    return any((m := re.fullmatch(rf"(?:{w})\.?", line.strip())) and m.group("year") for w in _WRITTEN)


def read_dates_csv(path: Path, display: str, today: dt.date | None = None) -> dict[str, dt.date]:
    """The ``dates:`` file: rows of ``path,date`` (a header row ``path,date`` is allowed).

    Raises ConfigError listing every bad row (a configuration file stops the run)."""
    today = today or dt.date.today()
    try:
        text = path.read_text(encoding="utf-8-sig")
    except OSError as exc:
        raise ConfigError(f"{display}: cannot read: {exc.strerror or exc}") from None
    dates: dict[str, dt.date] = {}
    problems = []
    for n, row in enumerate(csv.reader(text.splitlines()), 1):
        cells = [c.strip() for c in row]
        if not any(cells) or cells[0].startswith("#"):
            continue
        if n == 1 and [c.lower() for c in cells[:2]] == ["path", "date"]:
            continue
        if len(cells) < 2 or not cells[0]:
            problems.append(f"{display}:{n}: expected 'path,date'")
            continue
        try:
            date = parse_written_date(cells[1], today)
        except NotADate as exc:
            problems.append(f"{display}:{n}: '{cells[0]}': {exc}")
            continue
        if date is None:
            problems.append(f"{display}:{n}: '{cells[0]}': not a date (expected 2024-10-18 or October 18, 2024): {cells[1]}")
            continue
        dates[_norm(cells[0])] = date
    if problems:
        raise ConfigError(problems)
    return dates


def _norm(path: str) -> str:
    return PurePath(path.replace("\\", "/")).as_posix().lstrip("./") if not path.startswith("../") else path


def _csv_date(article: RawArticle, dates: dict[str, dt.date]) -> dt.date | None:
    """The CSV row for the article: its path (with ``:line`` in a JSON Lines file), or the
    end of its path (``wire/a.txt`` and ``a.txt`` both name ``articles/wire/a.txt``)."""
    parts = PurePath(article.path.replace("\\", "/")).parts
    keys = [article.location.replace("\\", "/"), article.path.replace("\\", "/")]
    for i in range(len(parts)):
        tail = "/".join(parts[i:])
        keys += [f"{tail}:{article.line}"] if article.line else []
        keys.append(tail)
    for key in keys:
        if _norm(key) in dates:
            return dates[_norm(key)]
    return None


def assign_dates(
    articles: Iterable[RawArticle], dates: dict[str, dt.date] | None = None, today: dt.date | None = None
) -> tuple[list[RawArticle], list[str]]:
    """Date the undated articles (file name, then text, then the CSV); returns the articles and
    a notice for every date found but not plausible."""
    today = today or dt.date.today()
    out, notices, no_year = [], [], []
    for art in articles:
        if art.date is not None:
            try:
                _check(art.date, today)
                out.append(art if art.date_source == "field" else replace(art, date_source="field"))
                continue
            except NotADate as exc:  # a date field in the future: look further, as if it had none
                notices.append(f"{art.location}: 'date': {exc}: not used as its date")
        date, source = None, "none"
        for name, find in (("filename", lambda a: date_from_filename(a.path, today)), ("dateline", lambda a: date_from_text(a, today)),
                           ("title", lambda a: date_from_title(a, today))):
            try:
                date = find(art)
            except NotADate as exc:
                notices.append(f"{art.location}: {_PLACE_NAMES[name]}: {exc}: not used as its date")
                continue
            except NoYear as exc:
                no_year.append(f"{art.location} (\"{exc}\")")
                continue
            if date is not None:
                source = name
                break
        if date is None and dates and (date := _csv_date(art, dates)) is not None:
            source = "dates-csv"
        if date:
            out.append(replace(art, date=date, date_source=source))
        else:
            out.append(art if art.date_source == "none" else replace(art, date_source="none"))
    if no_year:  # common in wire copy: one notice for all of them
        shown = "; ".join(no_year[:NO_YEAR_SHOWN]) + (f"; and {len(no_year) - NO_YEAR_SHOWN} more" if len(no_year) > NO_YEAR_SHOWN else "")
        notices.append(
            f"{len(no_year)} article{'s' if len(no_year) > 1 else ''} with a dateline but no year (not used as a date; "
            f"give the year in the file name, the dateline or the dates file): {shown}"
        )
    return out, notices
