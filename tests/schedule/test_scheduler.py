"""The trigger: crontab parsing, fire times across the Europe/Berlin DST changes, period keys."""

from __future__ import annotations

import datetime as dt
import zoneinfo

import pytest

from digest.schedule.scheduler import check_cron, fire_times, next_run_time, next_run_times, period_key

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


# --- crontab semantics, checked against an independent implementation ---

croniter = pytest.importorskip("croniter").croniter

CRONTABS = [
    "0 8 * * mon",
    "0 8 * * 1",  # Monday in every crontab
    "0 8 * * 0",  # Sunday
    "0 8 * * 7",  # Sunday too
    "0 8 * * 1-5",
    "0 8 * * mon-fri",
    "30 6 * * sat,sun",
    "0 8 * * 6,0",
    "0 8 * * 5-7",
    "0 8 * * */2",
    "0 8 * * 1-5/2",
    "0 8 1 * *",
    "0 8 1 * mon",  # the 1st OR a Monday
    "0 8 13 * fri",  # the 13th OR a Friday
    "0 8 */10 * 0",
    "0 8 1,15 * *",
    "0 8 1-7 * *",
    "15 9 * jan,jul *",
    "0 0 1 */3 *",
    "0 0 29 2 *",
    "0 12 L * *" if False else "0 12 28-31 * *",
    "*/15 * * * *",
    "0 * * * *",
    "5,35 8-17 * * 1-5",
    "0 8-20/4 * * *",
    "0 0 * * *",
    "59 23 31 12 *",
    "0 8 * 6 tue",
    "0 7 10-20 * wed",
    "0 8 * * MON",
    "0 8 * * Sun",
    "45 17 * * thu",
    "0 6 1 1 *",
]


@pytest.mark.parametrize("expression", CRONTABS)
def test_crontab_fires_when_cron_would(expression):
    start = dt.datetime(2026, 11, 24, 9, 17, tzinfo=UTC)  # a Tuesday
    reference = croniter(expression, start)
    expected = [reference.get_next(dt.datetime) for _ in range(6)]
    ours = fire_times(expression, "UTC", start, None, limit=6)
    assert ours == expected


def test_weekday_one_is_monday_and_seven_is_sunday():
    tuesday = dt.datetime(2026, 11, 24, 9, 0, tzinfo=UTC)
    assert next_run_time("0 8 * * 1", "UTC", tuesday).weekday() == 0
    assert next_run_time("0 8 * * 7", "UTC", tuesday).weekday() == 6
    assert next_run_time("0 8 * * 0", "UTC", tuesday).weekday() == 6


def test_day_of_month_or_day_of_week():
    start = dt.datetime(2026, 11, 24, 9, 0, tzinfo=UTC)
    days = [t.date().isoformat() for t in fire_times("0 8 1 * mon", "UTC", start, None, limit=3)]
    assert days == ["2026-11-30", "2026-12-01", "2026-12-07"], "the 1st of December is a Tuesday and still fires"


@pytest.mark.parametrize("expression", ["0 0 31 2 *", "0 0 30 2 *", "0 0 31 4,6,9,11 *"])
def test_a_crontab_that_never_fires_is_refused(expression):
    with pytest.raises(ValueError, match="never fires"):
        check_cron(expression)


@pytest.mark.parametrize("expression", ["0 8 * * 8", "0 8 * * funday", "0 8 * * 5-1"])
def test_bad_weekdays_are_refused(expression):
    with pytest.raises(ValueError, match="not a valid crontab"):
        check_cron(expression)


def test_next_three_runs():
    after = dt.datetime(2026, 11, 23, 9, 0, tzinfo=BERLIN)
    assert [t.isoformat() for t in next_run_times("0 8 * * mon", "Europe/Berlin", 3, after)] == [
        "2026-11-30T08:00:00+01:00",
        "2026-12-07T08:00:00+01:00",
        "2026-12-14T08:00:00+01:00",
    ]


# --- daylight saving time: each local period once, in several zones ---

DST_CASES = [
    # zone, crontab, the autumn night, the spring night
    ("Europe/Berlin", "30 2 * * *", dt.date(2026, 10, 25), dt.date(2026, 3, 29)),
    ("Europe/Berlin", "0 * * * *", dt.date(2026, 10, 25), dt.date(2026, 3, 29)),
    ("America/New_York", "30 1 * * *", dt.date(2026, 11, 1), dt.date(2026, 3, 8)),
    ("America/New_York", "*/20 * * * *", dt.date(2026, 11, 1), dt.date(2026, 3, 8)),
    ("Australia/Sydney", "30 2 * * *", dt.date(2026, 4, 5), dt.date(2026, 10, 4)),
    ("Europe/London", "0 1 * * sun", dt.date(2026, 10, 25), dt.date(2026, 3, 29)),
]


@pytest.mark.parametrize(("zone", "expression", "autumn", "spring"), DST_CASES)
def test_each_local_period_fires_once_across_both_changes(zone, expression, autumn, spring):
    tz = zoneinfo.ZoneInfo(zone)
    for night in (autumn, spring):
        start = dt.datetime.combine(night - dt.timedelta(days=1), dt.time(12), tz)
        end = dt.datetime.combine(night + dt.timedelta(days=1), dt.time(12), tz)
        times = fire_times(expression, zone, start, end)
        keys = [period_key(t, zone) for t in times]
        assert len(keys) == len(set(keys)), "one entry per period"
        assert times == sorted(times, key=lambda t: t.astimezone(UTC)), "always forward"
        reference = croniter(expression, start.replace(tzinfo=None))
        naive_expected = []
        while (following := reference.get_next(dt.datetime)) <= end.replace(tzinfo=None):
            naive_expected.append(following)
        # every local wall-clock time the crontab names fires, except those the spring jump skips
        skipped = {
            t for t in naive_expected if t.replace(tzinfo=tz).astimezone(UTC).astimezone(tz).replace(tzinfo=None) != t
        }
        expected_keys = {t.strftime("%Y-%m-%dT%H:%M:%S") for t in naive_expected} - {
            t.strftime("%Y-%m-%dT%H:%M:%S") for t in skipped
        }
        assert expected_keys <= set(keys)
        assert len(keys) <= len(naive_expected)


def test_fire_times_cost_does_not_depend_on_the_repeated_hour():
    import time

    started = time.process_time()
    times = fire_times(
        "*/5 * * * *",
        "Europe/Berlin",
        dt.datetime(2026, 10, 24, 12, tzinfo=BERLIN),
        dt.datetime(2026, 10, 26, 12, tzinfo=BERLIN),
    )
    assert len(times) == 48 * 12  # 48 wall-clock hours of 5-minute slots: the repeated hour counts once
    assert time.process_time() - started < 5
