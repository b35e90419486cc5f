"""The schedule: APScheduler is used here and nowhere else.

We keep APScheduler's job in memory (a stable id, no job store): the truth about what was
published is our own ledger in the state database, which `digest run` reconciles with the
trigger's past fire times at start-up and every minute. APScheduler only wakes us up.
"""

from __future__ import annotations

import datetime as dt
import logging
import zoneinfo
from collections.abc import Callable

from apscheduler.events import EVENT_JOB_ERROR, JobExecutionEvent
from apscheduler.schedulers.background import BackgroundScheduler
from apscheduler.triggers.cron import CronTrigger
from apscheduler.triggers.interval import IntervalTrigger

log = logging.getLogger("digest.scheduler")
PUBLISH_JOB = "digest-publish"
RECONCILE_JOB = "digest-reconcile"

for _name in ("apscheduler.scheduler", "apscheduler.executors.default"):
    logging.getLogger(_name).setLevel(logging.WARNING)


def check_cron(expression: str) -> None:
    """Raise ValueError with a readable reason when a crontab is invalid.

    Five fields (minute hour day month weekday), or six with a leading seconds field, an
    extension for schedules shorter than a minute (tests, demonstrations)."""
    fields = expression.split()
    if len(fields) not in (5, 6):
        raise ValueError(f"{expression!r} has {len(fields)} fields; a crontab needs 5: minute hour day month weekday")
    try:
        cron_trigger(expression, "UTC")
    except ValueError as exc:
        raise ValueError(f"{expression!r} is not a valid crontab: {exc}") from None


def cron_trigger(expression: str, timezone: str) -> CronTrigger:
    zone = zoneinfo.ZoneInfo(timezone)
    fields = expression.split()
    if len(fields) == 6:
        second, minute, hour, day, month, weekday = fields
        return CronTrigger(
            second=second, minute=minute, hour=hour, day=day, month=month, day_of_week=weekday, timezone=zone
        )
    return CronTrigger.from_crontab(expression, timezone=zone)


def next_run_time(expression: str, timezone: str, after: dt.datetime | None = None) -> dt.datetime | None:
    """The next time the schedule fires after `after` (default: now), in the newsletter's zone."""
    now = after or dt.datetime.now(zoneinfo.ZoneInfo(timezone))
    return cron_trigger(expression, timezone).get_next_fire_time(None, now)


def fire_times(
    expression: str, timezone: str, start: dt.datetime, end: dt.datetime, limit: int = 10_000
) -> list[dt.datetime]:
    """Every time the schedule fired after `start` and up to `end` (both aware datetimes).

    Across a DST change a local time can occur twice (autumn) or not at all (spring): the
    trigger fires for each occurrence, and the ledger keys periods by local wall-clock time,
    so an autumn repeat is the same period and is not published twice."""
    trigger = cron_trigger(expression, timezone)
    times: list[dt.datetime] = []
    previous = None
    now = start + dt.timedelta(microseconds=1)
    while len(times) < limit:
        fire = trigger.get_next_fire_time(previous, now)
        if fire is None or fire > end:
            break
        times.append(fire)
        previous, now = fire, fire + dt.timedelta(microseconds=1)
    return times


def period_key(fire_time: dt.datetime, timezone: str) -> str:
    """A scheduled run's key: its local wall-clock time in the newsletter's zone."""
    return fire_time.astimezone(zoneinfo.ZoneInfo(timezone)).strftime("%Y-%m-%dT%H:%M:%S")


class Schedule:
    """The running schedule: `on_fire` at every fire time, and `on_tick` every `tick` seconds."""

    def __init__(
        self, expression: str, timezone: str, on_fire: Callable[[], None], on_tick: Callable[[], None], tick: float = 60
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
