"""The runner's ledger driven by a clock of our own: DST changes, long absences, cron kinds.

`Runner.reconcile(now)` is what `digest run` calls at start-up, at every fire time and every
minute; here the tests call it with the times they choose."""

from __future__ import annotations

import datetime as dt
import os
import textwrap
import zoneinfo

import pytest

from digest.config import load_config
from digest.schedule.run import Runner
from digest.state.store import StateStore


def newsletter(tmp_path, zone: str, cron: str, grace: str = "1h"):
    (tmp_path / "inbox").mkdir()
    path = tmp_path / "config.yaml"
    path.write_text(
        textwrap.dedent(f"""\
        newsletter:
          title: Clock Test
          timezone: {zone}
        schedule:
          cron: "{cron}"
          misfire_grace: {grace}
        sections:
          - id: space
            title: Space
            keywords: [rocket]
        """)
    )
    return load_config(path)


def ledger(config) -> list[tuple[str, str]]:
    with StateStore.open(config.state_dir / "state.db") as state:
        return sorted((period, outcome) for period, outcome, _, _ in state.last_runs(100_000))


def drive(runner: Runner, start: dt.datetime, end: dt.datetime, step: dt.timedelta) -> int:
    """Call reconcile at every step from start to end (in UTC, so no local time is skipped or
    repeated by the test itself); return the most periods one reconcile looked at."""
    widest = 0
    now = start.astimezone(dt.UTC)
    while now <= end.astimezone(dt.UTC):
        widest = max(widest, len(runner.reconcile(now.astimezone(runner.zone))))
        now += step
    return widest


AUTUMN = [
    ("Europe/Berlin", "30 2 * * *", dt.datetime(2026, 10, 24, 12), dt.datetime(2026, 10, 26, 12), 2),
    ("Europe/Berlin", "0 * * * *", dt.datetime(2026, 10, 25, 0), dt.datetime(2026, 10, 25, 5), 5),
    ("America/New_York", "30 1 * * *", dt.datetime(2026, 10, 31, 12), dt.datetime(2026, 11, 2, 12), 2),
    ("America/New_York", "0 * * * *", dt.datetime(2026, 11, 1, 0), dt.datetime(2026, 11, 1, 4), 4),
    ("Europe/London", "30 1 * * sun", dt.datetime(2026, 10, 24, 12), dt.datetime(2026, 10, 26, 12), 1),
]


@pytest.mark.parametrize(("zone", "cron", "start", "end", "periods"), AUTUMN)
def test_autumn_repeated_hour_one_entry_per_period_and_publishing_goes_on(tmp_path, zone, cron, start, end, periods):
    config = newsletter(tmp_path, zone, cron)
    tz = zoneinfo.ZoneInfo(zone)
    runner = Runner(config)
    widest = drive(runner, start.replace(tzinfo=tz), end.replace(tzinfo=tz), dt.timedelta(minutes=5))
    entries = ledger(config)
    assert len(entries) == periods, entries
    assert {outcome for _, outcome in entries} == {"nothing new"}, "every period decided on time, none missed"
    assert widest <= 2, "a reconcile looks at the few periods since the last one, never thousands"
    # and the schedule keeps working after the night: the next day's run is published
    rocket = tmp_path / "inbox" / "rocket.txt"
    rocket.write_text(
        "Rocket reaches orbit\n\nThe rocket reached orbit on its first flight, its builders said today.\n"
    )
    os.utime(rocket, (rocket.stat().st_mtime - 60,) * 2)  # settled: written a minute ago
    day_after = end.replace(tzinfo=tz) + dt.timedelta(days=1)
    drive(runner, day_after - dt.timedelta(hours=1), day_after + dt.timedelta(hours=1), dt.timedelta(minutes=5))
    drive(runner, end.replace(tzinfo=tz), day_after + dt.timedelta(days=7), dt.timedelta(hours=1))
    assert any(outcome == "published" for _, outcome in ledger(config))


SPRING = [
    ("Europe/Berlin", "30 2 * * *", dt.datetime(2026, 3, 28, 12), dt.datetime(2026, 3, 30, 12), 2),
    ("Europe/Berlin", "0 * * * *", dt.datetime(2026, 3, 29, 0), dt.datetime(2026, 3, 29, 5), 4),
    ("America/New_York", "30 2 * * *", dt.datetime(2026, 3, 7, 12), dt.datetime(2026, 3, 9, 12), 2),
]


@pytest.mark.parametrize(("zone", "cron", "start", "end", "periods"), SPRING)
def test_spring_skipped_hour_fires_once_and_nothing_is_missed(tmp_path, zone, cron, start, end, periods):
    config = newsletter(tmp_path, zone, cron)
    tz = zoneinfo.ZoneInfo(zone)
    drive(Runner(config), start.replace(tzinfo=tz), end.replace(tzinfo=tz), dt.timedelta(minutes=5))
    entries = ledger(config)
    assert len(entries) == periods, entries
    assert {outcome for _, outcome in entries} == {"nothing new"}


def test_a_long_absence_costs_one_step_and_is_recorded_as_missed(tmp_path):
    config = newsletter(tmp_path, "Europe/Berlin", "*/5 * * * *", grace="1h")
    runner = Runner(config)
    tz = runner.zone
    first = dt.datetime(2026, 1, 1, 12, tzinfo=tz)
    runner.reconcile(first)
    # away for ninety days: 26,000 five-minute runs
    back = first + dt.timedelta(days=90, minutes=2)
    looked_at = runner.reconcile(back)
    assert len(looked_at) <= 24 * 12 + 1, "only the last day's runs are walked one by one"
    entries = ledger(config)
    assert entries[0] == ("2026-01-01T12:05:00", "missed"), "the first missed run stands for the absence"
    assert entries[-1][0] == "2026-04-01T12:00:00"
    assert runner.reconcile(back + dt.timedelta(minutes=1)) == [], "the next minute has nothing left to walk"
