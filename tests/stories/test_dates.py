"""Dates and times in a story's lines."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from digest.stories.dates import find_date, is_timestamp, parse_date


@pytest.mark.parametrize(
    "line", ["Thursday @ 9:28 PM", "May 24, 2026 at 5:59 AM", "10:14 pm", "Sunday", "2026-03-09", "Today · 7:05"]
)
def test_a_line_that_only_says_when_is_a_timestamp(line):
    assert is_timestamp(line)


@pytest.mark.parametrize(
    "line", ["Ferry fares frozen", "Sunday at the quay", "The 7pm ferry is cancelled", "Regatta on May 24"]
)
def test_a_headline_that_mentions_a_time_is_not_a_timestamp(line):
    assert not is_timestamp(line)


@pytest.mark.parametrize(
    ("text", "date"),
    [
        ("Número 12 — 10 de marzo de 2025", dt.date(2025, 3, 10)),
        ("Lettre du 1er mars 2025", dt.date(2025, 3, 1)),
        ("Ausgabe vom 10. März 2025", dt.date(2025, 3, 10)),
        ("Numero del 3 maggio 2024", dt.date(2024, 5, 3)),
        ("Edição de 7 de março de 2025", dt.date(2025, 3, 7)),
        ("Nieuwsbrief 4 maart 2025", dt.date(2025, 3, 4)),
    ],
)
def test_dates_written_in_the_languages_curators_clip_in(text, date):
    assert find_date(text) == date


def test_chinese_and_japanese_dates_are_read_and_impossible_ones_are_not():
    assert find_date("港だより　第12号　2025年3月11日") == dt.date(2025, 3, 11)
    assert find_date("2024 年 12 月 5 日发布") == dt.date(2024, 12, 5)
    assert find_date("2025年13月40日") is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Harbour Data — 2026.11.25 edition", dt.date(2026, 11, 25)),
        ("posted 2026/11/25", dt.date(2026, 11, 25)),
        # an address's path or a version is no date
        ("https://example.com/blog/2017/09/21/post", None),
        ("tidecal v2024.10.1 released", None),
    ],
)
def test_dates_written_year_first(text, expected):
    assert find_date(text) == expected


# --- dates with an English month's name: read directly, as dateparser reads them ---

_MONTHS = ["Jan", "January", "Feb", "Sept", "Sept.", "September", "DEC", "dec.", "May", "June", "Jul"]


@given(
    month=st.sampled_from(_MONTHS),
    day=st.integers(min_value=0, max_value=35),
    suffix=st.sampled_from(["", "st", "nd", "rd", "th"]),
    year=st.integers(min_value=1980, max_value=2040),
    form=st.sampled_from(
        ["{m} {d}, {y}", "{m} {d} {y}", "{d} {m} {y}", "{d} {m}, {y}", "{m} {d}-{e}, {y}", "{e}-{n}-{y}", "{e}/{n}/{y}"]
    ),
    number=st.integers(min_value=0, max_value=14),
)
@settings(max_examples=150, deadline=None)
def test_common_dates_are_read_as_dateparser_reads_them(month, day, suffix, year, form, number):
    """The quick readings of "Dec 02, 2022", "2nd December 2022" and "19-05-2025" give the
    date dateparser gives (or none where it finds none: "Feb 30, 2025", "Jan 0, 2025")."""
    import warnings

    import dateparser

    text = form.format(m=month, d=f"{day}{suffix}", e=day + 1, n=f"{number:02d}" if day % 2 else number, y=year)
    first_day = re.sub(r"(\d{1,2})\s*[-–]\s*\d{1,2}(,?\s+\d{4})", r"\1\2", text)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        expected = dateparser.parse(
            first_day,
            languages=["en", "es", "fr", "de", "it", "pt", "nl"],
            settings={"DATE_ORDER": "DMY", "PREFER_DAY_OF_MONTH": "first", "REQUIRE_PARTS": ["year", "month"]},
        )
    assert parse_date(text) == (expected.date() if expected else None)
