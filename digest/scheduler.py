"""The weekly schedule. APScheduler is used here and nowhere else."""

from __future__ import annotations

import datetime as dt
import zoneinfo

from apscheduler.triggers.cron import CronTrigger


def check_cron(expression: str) -> None:
    """Raise ValueError with a readable reason when a 5-field crontab is invalid."""
    fields = expression.split()
    if len(fields) != 5:
        raise ValueError(f"{expression!r} has {len(fields)} fields; a crontab needs 5: minute hour day month weekday")
    try:
        CronTrigger.from_crontab(expression, timezone="UTC")
    except ValueError as exc:
        raise ValueError(f"{expression!r} is not a valid crontab: {exc}") from None


def cron_trigger(expression: str, timezone: str) -> CronTrigger:
    return CronTrigger.from_crontab(expression, timezone=zoneinfo.ZoneInfo(timezone))


def next_run_time(expression: str, timezone: str, after: dt.datetime | None = None) -> dt.datetime | None:
    """The next time the schedule fires after `after` (default: now), in the newsletter's zone."""
    now = after or dt.datetime.now(zoneinfo.ZoneInfo(timezone))
    return cron_trigger(expression, timezone).get_next_fire_time(None, now)
