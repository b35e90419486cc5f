"""The schedule: APScheduler is used here and nowhere else.

We keep APScheduler's job in memory (a stable id, no job store): the truth about what was
published is our own ledger in the state database, which `digest run` reconciles with the
trigger's past fire times at start-up and every minute. APScheduler only wakes us up.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
import zoneinfo
from collections.abc import Callable

from apscheduler.events import EVENT_JOB_ERROR, JobExecutionEvent
from apscheduler.schedulers.background import BackgroundScheduler
from apscheduler.triggers.base import BaseTrigger
from apscheduler.triggers.combining import OrTrigger
from apscheduler.triggers.cron import CronTrigger
from apscheduler.triggers.interval import IntervalTrigger

log = logging.getLogger("digest.scheduler")
PUBLISH_JOB = "digest-publish"
RECONCILE_JOB = "digest-reconcile"

for _name in ("apscheduler.scheduler", "apscheduler.executors.default"):
    logging.getLogger(_name).setLevel(logging.WARNING)


# Crontab weekdays: 0 and 7 are Sunday. APScheduler numbers them from Monday = 0, so a
# crontab's weekday field is always handed to it as names, never as numbers.
_CRON_WEEKDAYS = ("sun", "mon", "tue", "wed", "thu", "fri", "sat")
_WEEKDAY_ITEM = re.compile(r"^(?P<range>\*|(?P<first>\w+)(?:-(?P<last>\w+))?)(?:/(?P<step>\d+))?$")
NEVER_HORIZON_YEARS = 30  # "0 0 29 2 *" fires every 4 (at most 8) years; nothing valid waits 30


def check_cron(expression: str) -> None:
    """Raise ValueError with a readable reason when a crontab is invalid or never fires.

    Five fields (minute hour day month weekday), or six with a leading seconds field, an
    extension for schedules shorter than a minute (tests, demonstrations)."""
    fields = expression.split()
    if len(fields) not in (5, 6):
        raise ValueError(f"{expression!r} has {len(fields)} fields; a crontab needs 5: minute hour day month weekday")
    try:
        trigger = cron_trigger(expression, "UTC")
    except ValueError as exc:
        raise ValueError(f"{expression!r} is not a valid crontab: {exc}") from None
    start = dt.datetime(2000, 1, 1, tzinfo=dt.UTC)
    first = trigger.get_next_fire_time(None, start)
    if first is None or first.year - start.year > NEVER_HORIZON_YEARS:
        raise ValueError(f"{expression!r} never fires (no date matches it); check the day and month fields")


def _weekday_numbers(field: str) -> list[int]:
    """A crontab weekday field as crontab numbers (0 = Sunday … 6 = Saturday): numbers 0-7
    (7 is Sunday too), names (sun…sat), ranges, steps and lists."""

    def number(token: str) -> int:
        token = token.lower()
        if token.isdigit() and 0 <= int(token) <= 7:
            return int(token)
        if token[:3] in _CRON_WEEKDAYS and len(token) >= 3:
            return _CRON_WEEKDAYS.index(token[:3])
        raise ValueError(f"{token!r} is not a weekday (0-7 or sun…sat)")

    days: set[int] = set()
    for item in field.split(","):
        match = _WEEKDAY_ITEM.match(item.strip())
        if not match:
            raise ValueError(f"{item!r} is not a weekday, range or step")
        if match.group("range") == "*":
            first, last = 0, 6
        else:
            first = number(match.group("first"))
            last = number(match.group("last")) if match.group("last") else (6 if match.group("step") else first)
        if first > last:
            raise ValueError(f"the weekday range {item!r} runs backwards")
        step = int(match.group("step") or 1)
        if step < 1:
            raise ValueError(f"the step in {item!r} must be at least 1")
        days.update(day % 7 for day in range(first, last + 1, step))
    return sorted(days)


def cron_trigger(expression: str, timezone: str) -> BaseTrigger:
    """An APScheduler trigger with the meaning of a crontab (man 5 crontab):

    - weekdays 0 and 7 are Sunday, 1 is Monday;
    - when both the day of month and the day of week are restricted (neither is `*`), the
      job fires on a day matching *either* of them (`0 8 1 * mon`: the 1st, and every Monday).
    """
    zone = zoneinfo.ZoneInfo(timezone)
    fields = expression.split()
    second = fields[0] if len(fields) == 6 else "0"
    minute, hour, day, month, weekday = fields[-5:]
    weekdays = ",".join(_CRON_WEEKDAYS[d] for d in _weekday_numbers(weekday))
    common = {"second": second, "minute": minute, "hour": hour, "month": month.lower(), "timezone": zone}
    if day != "*" and weekday != "*":
        return OrTrigger([CronTrigger(day=day, **common), CronTrigger(day_of_week=weekdays, **common)])
    return CronTrigger(day=day, day_of_week=weekdays if weekday != "*" else "*", **common)


def next_run_time(expression: str, timezone: str, after: dt.datetime | None = None) -> dt.datetime | None:
    """The next time the schedule fires after `after` (default: now), in the newsletter's zone."""
    times = next_run_times(expression, timezone, 1, after)
    return times[0] if times else None


def next_run_times(expression: str, timezone: str, count: int, after: dt.datetime | None = None) -> list[dt.datetime]:
    """The next `count` scheduled runs after `after` (default: now), one per period."""
    now = after or dt.datetime.now(zoneinfo.ZoneInfo(timezone))
    return fire_times(expression, timezone, now, None, limit=count)


def fire_times(
    expression: str, timezone: str, start: dt.datetime, end: dt.datetime | None, limit: int = 10_000
) -> list[dt.datetime]:
    """Every scheduled run strictly after `start` and up to `end` (aware datetimes; None: no end), at
    most `limit` of them, in the newsletter's zone.

    Each run is one *period*, keyed by its local wall-clock time. In autumn a local time occurs
    twice: APScheduler fires for both; the second has the same period key and is skipped.
    The search always moves forward in UTC: adding a microsecond to the repeated wall-clock
    time in local arithmetic would step back into its first occurrence and never end.
    In spring a local time that does not exist fires once, at the moment the clocks jump."""
    trigger = cron_trigger(expression, timezone)
    zone = zoneinfo.ZoneInfo(timezone)
    times: list[dt.datetime] = []
    keys: set[str] = set()
    previous = None
    now = (start.astimezone(dt.UTC) + dt.timedelta(microseconds=1)).astimezone(zone)
    while len(times) < limit:
        fire = trigger.get_next_fire_time(previous, now)
        if fire is None or (end is not None and fire > end):
            break
        key = period_key(fire, timezone)
        if key not in keys:
            keys.add(key)
            times.append(fire.astimezone(zone))
        previous = fire
        now = (fire.astimezone(dt.UTC) + dt.timedelta(microseconds=1)).astimezone(zone)
    return times


def period_key(fire_time: dt.datetime, timezone: str) -> str:
    """A scheduled run's key: its local wall-clock time in the newsletter's zone."""
    return fire_time.astimezone(zoneinfo.ZoneInfo(timezone)).strftime("%Y-%m-%dT%H:%M:%S")


class Schedule:
    """The running schedule: `on_fire` at every fire time, and `on_tick` every `tick` seconds."""

    def __init__(
        self,
        expression: str,
        timezone: str,
        on_fire: Callable[[], object],
        on_tick: Callable[[], object],
        tick: float = 60,
    ) -> None:
        self._scheduler = BackgroundScheduler(timezone=zoneinfo.ZoneInfo(timezone))
        # Coalesce, one at a time, and a generous grace: a late wake-up still runs, and our
        # own ledger decides whether a period is due (APScheduler's default grace of one
        # second silently drops a late weekly run).
        options = {"coalesce": True, "max_instances": 1, "misfire_grace_time": None}
        self._scheduler.add_job(on_fire, cron_trigger(expression, timezone), id=PUBLISH_JOB, **options)
        self._scheduler.add_job(on_tick, IntervalTrigger(seconds=tick), id=RECONCILE_JOB, **options)
        self._scheduler.add_listener(self._report, EVENT_JOB_ERROR)

    def start(self) -> None:
        self._scheduler.start()

    def stop(self) -> None:
        if self._scheduler.running:
            self._scheduler.shutdown(wait=True)

    def next_fire_time(self) -> dt.datetime | None:
        job = self._scheduler.get_job(PUBLISH_JOB)
        return job.next_run_time if job else None

    @staticmethod
    def _report(event: JobExecutionEvent) -> None:
        log.error("scheduled job %s failed: %r", event.job_id, event.exception)
