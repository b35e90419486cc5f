"""The trigger: crontab parsing, fire times across the Europe/Berlin DST changes, period keys."""

from __future__ import annotations

import datetime as dt
import zoneinfo

import pytest

from digest.scheduler import check_cron, fire_times, next_run_time, period_key

BERLIN = zoneinfo.ZoneInfo("Europe/Berlin")
UTC = dt.UTC


def test_weekly_monday_eight_o_clock_stays_at_eight_local_across_both_changes():
    times = fire_times(
        "0 8 * * mon",
        "Europe/Berlin",
        dt.datetime(2026, 3, 20, tzinfo=BERLIN),
        dt.datetime(2026, 11, 10, tzinfo=BERLIN),
    )
    assert all(t.astimezone(BERLIN).hour == 8 and t.astimezone(BERLIN).weekday() == 0 for t in times)
    utc_hours = {t.astimezone(UTC).date().isoformat(): t.astimezone(UTC).hour for t in times}
    assert utc_hours["2026-03-23"] == 7, "CET: 08:00 is 07:00 UTC"
    assert utc_hours["2026-03-30"] == 6, "CEST after the spring change: 08:00 is 06:00 UTC"
    assert utc_hours["2026-10-26"] == 7, "CET again after the autumn change"
    assert len(times) == len({period_key(t, "Europe/Berlin") for t in times})


def test_a_time_that_does_not_exist_in_spring_fires_once_that_day():
    times = fire_times(
        "30 2 * * *",
        "Europe/Berlin",
        dt.datetime(2026, 3, 28, 12, tzinfo=BERLIN),
        dt.datetime(2026, 3, 30, 12, tzinfo=BERLIN),
    )
    days = [t.astimezone(BERLIN).date().isoformat() for t in times]
    assert days == ["2026-03-29", "2026-03-30"]


def test_a_time_that_happens_twice_in_autumn_is_one_period():
    times = fire_times(
        "30 2 * * *",
        "Europe/Berlin",
        dt.datetime(2026, 10, 24, 12, tzinfo=BERLIN),
        dt.datetime(2026, 10, 25, 12, tzinfo=BERLIN),
    )
    keys = {period_key(t, "Europe/Berlin") for t in times}
    assert keys == {"2026-10-25T02:30:00"}, "the repeated 02:30 is the same period: never two issues"


def test_next_run_is_in_the_newsletter_zone():
    after = dt.datetime(2026, 11, 23, 9, 0, tzinfo=BERLIN)
    assert next_run_time("0 8 * * mon", "Europe/Berlin", after) == dt.datetime(2026, 11, 30, 8, 0, tzinfo=BERLIN)


@pytest.mark.parametrize(
    ("expression", "message"),
    [
        ("0 8 * *", "needs 5"),
        ("0 8 * * funday", "not a valid crontab"),
        ("61 8 * * mon", "not a valid crontab"),
    ],
)
def test_bad_crontabs(expression, message):
    with pytest.raises(ValueError, match=message):
        check_cron(expression)


def test_six_fields_add_seconds():
    check_cron("*/5 * * * * *")
    start = dt.datetime(2026, 1, 1, 12, 0, 0, tzinfo=BERLIN)
    assert len(fire_times("*/5 * * * * *", "Europe/Berlin", start, start + dt.timedelta(seconds=20))) == 4
