"""generator/ingest/dates.py: dates from the file name, a dateline, or the dates CSV."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pytest

from generator.cache import article_key
from generator.errors import ConfigError
from generator.ingest import read_articles
from generator.ingest.dates import (
    NotADate,
    date_from_filename,
    is_date_alone,
    parse_written_date,
    read_dates_csv,
)
from tests.conftest import EXAMPLES, fixture

TODAY = dt.date(2026, 11, 30)


def dated(name: str):
    result = read_articles([str(fixture(f"dates/{name}"))])
    (art,) = result.articles
    return art, result.notices


@pytest.mark.parametrize(
    ("name", "date", "source"),
    [
        ("2024-10-18-iso-prefix.txt", dt.date(2024, 10, 18), "filename"),
        ("20241105_compact-prefix.txt", dt.date(2024, 11, 5), "filename"),
        ("kcna-statement-2024-11-09.txt", dt.date(2024, 11, 9), "filename"),
        ("yonhap-dateline.txt", dt.date(2024, 10, 18), "dateline"),
        ("date-first-line.txt", dt.date(2024, 10, 18), "dateline"),
        ("2024-05-06-field-wins.md", dt.date(2024, 1, 2), "field"),
        ("briefing-title.txt", dt.date(2024, 11, 20), "title"),
        ("event-title.txt", None, "none"),  # a date in a title that is no briefing's is an event's
        ("no-date.txt", None, "none"),
        ("dateline-without-year.txt", None, "none"),
    ],
)
def test_each_article_is_dated_from_the_first_place_that_has_a_date(name, date, source):
    art, notices = dated(name)
    assert (art.date, art.date_source) == (date, source)
    assert bool(notices) == (name == "dateline-without-year.txt")


def test_a_first_line_holding_only_a_date_is_not_the_summary():
    art, _ = dated("date-first-line.txt")
    assert art.summary == "The summit ended without a joint statement."
    assert art.title == "The summit ended without a joint statement"
    assert art.paragraphs[0] == "October 18, 2024"  # kept in the text, nothing lost


def test_an_absurd_file_name_date_is_not_a_date_and_is_named_in_a_notice():
    art, notices = dated("1850-01-01-too-old.txt")
    assert art.date is None and art.date_source == "none"
    assert len(notices) == 1
    assert "1850-01-01-too-old.txt: file name: 1850-01-01 is not plausible (before 1900" in notices[0]


def test_future_and_impossible_dates_are_refused():
    with pytest.raises(NotADate, match="after 2026-11-30, the day of the build"):
        date_from_filename("2031-01-01-later.txt", TODAY)
    with pytest.raises(NotADate, match="not a calendar date"):
        date_from_filename("2024-02-30-typo.txt", TODAY)
    assert date_from_filename("notes-2024.txt", TODAY) is None


def test_datelines_without_a_year_are_not_guessed_and_share_one_notice(tmp_path):
    art, notices = dated("dateline-without-year.txt")  # the text names 2023: an earlier event
    assert art.date is None and art.date_source == "none"
    assert notices == (
        (
            "1 article with a dateline but no year (not used as a date; give the year in the file name, the dateline "
            f'or the dates file): {art.path} ("SEOUL, Oct 18 (Yonhap) --")'
        ),
    )
    for n in range(5):
        (tmp_path / f"wire-{n}.txt").write_text(f"Summary {n}.\nKYIV, Dec {n + 1} (Reuters) - Text {n}.\n")
    result = read_articles([str(tmp_path)])
    assert len(result.notices) == 1 and result.notices[0].startswith("5 articles with a dateline but no year")
    assert result.notices[0].endswith("; and 2 more")


@pytest.mark.parametrize(
    ("text", "date"),
    [
        ("SEOUL, Oct 18 (Yonhap) — North Korea", None),  # no year: see above
        ("PYONGYANG, November 9, 2024 (KCNA) -- Kim Yo Jong", dt.date(2024, 11, 9)),
        ("WASHINGTON, 18 October 2024 — The", dt.date(2024, 10, 18)),
        ("Friday, October 18, 2024", dt.date(2024, 10, 18)),
        ("18 October 2024", dt.date(2024, 10, 18)),
        ("10 may have died — officials said", None),  # a number and a verb, not a date
        ("Seoul, officials say, October 18, 2024 — x", None),  # not a dateline: place not in capitals
    ],
)
def test_datelines_are_read_only_at_the_start_of_the_text(text, date, tmp_path):
    path = tmp_path / "a.txt"
    path.write_text(f"A summary sentence.\n{text}\nMore of the text.\n")
    (art,) = read_articles([str(path)]).articles
    assert art.date == date


def test_written_dates_and_date_lines():
    assert parse_written_date("2024-10-18", TODAY) == dt.date(2024, 10, 18)
    assert parse_written_date("Oct. 18, 2024", TODAY) == dt.date(2024, 10, 18)
    assert parse_written_date("October 18", TODAY) is None  # the CSV needs the year
    assert is_date_alone("October 18, 2024") and is_date_alone("18 October 2024")
    assert not is_date_alone("October 18, 2024 was a Friday.")


def test_the_dates_csv_dates_the_rest_by_path_or_path_end(tmp_path):
    csv_file = tmp_path / "dates.csv"
    csv_file.write_text("path,date\nno-date.txt,2024-11-02\nnothing/such.txt,October 3, 2024\n")
    with pytest.raises(ConfigError) as err:  # "October 3, 2024" unquoted: three cells
        read_dates_csv(csv_file, "dates.csv", TODAY)
    assert "dates.csv:3: 'nothing/such.txt': not a date" in str(err.value)
    csv_file.write_text('path,date\nno-date.txt,2024-11-02\ndates/2024-10-18-iso-prefix.txt,"October 3, 2024"\n')
    dates = read_dates_csv(csv_file, "dates.csv", TODAY)
    result = read_articles([str(fixture("dates"))], dates=dates)
    by_name = {a.path.rsplit("/", 1)[-1]: a for a in result.articles}
    assert (by_name["no-date.txt"].date, by_name["no-date.txt"].date_source) == (dt.date(2024, 11, 2), "dates-csv")
    # the file name comes first: the CSV only dates what is still undated
    assert by_name["2024-10-18-iso-prefix.txt"].date_source == "filename"


def test_the_dates_csv_lists_every_bad_row(tmp_path):
    csv_file = tmp_path / "dates.csv"
    csv_file.write_text("a.txt,2024-13-01\nb.txt\nc.txt,1850-01-01\n")
    with pytest.raises(ConfigError) as err:
        read_dates_csv(csv_file, "dates.csv", TODAY)
    assert [p.split(":")[1] for p in err.value.problems] == ["1", "2", "3"]


def test_a_date_found_changes_the_analysis_cache_key():
    art, _ = dated("2024-10-18-iso-prefix.txt")
    undated = replace(art, date=None, date_source="none")
    assert article_key(art) != article_key(undated)  # office-holders are resolved on the date


def test_the_sample_corpus_is_dated_every_way_with_one_left_undated():
    result = read_articles([str(EXAMPLES)])
    sources = sorted(a.date_source for a in result.articles)
    assert len(result.articles) == 23
    assert {s: sources.count(s) for s in set(sources)} == {"field": 14, "filename": 6, "dateline": 2, "none": 1}
    (undated,) = [a for a in result.articles if a.date is None]
    assert undated.path.endswith("undated-analysis-drone-parts.txt")
    assert not result.notices


def test_a_date_field_after_the_build_day_is_not_used_and_the_file_name_is_tried(tmp_path):
    path = tmp_path / "2024-10-18-future-field.md"
    path.write_text("---\ntitle: Scheduled\ndate: 2031-05-01\n---\nText of the article.\n")
    result = read_articles([str(path)])
    (art,) = result.articles
    assert (art.date, art.date_source) == (dt.date(2024, 10, 18), "filename")
    assert "'date': 2031-05-01 is not plausible" in result.notices[0]
    tomorrow = dt.date.today() + dt.timedelta(days=1)  # a time zone ahead: still a date
    path.write_text(f"---\ntitle: Scheduled\ndate: {tomorrow.isoformat()}\n---\nText of the article.\n")
    (art,) = read_articles([str(path)]).articles
    assert (art.date, art.date_source) == (tomorrow, "field")
