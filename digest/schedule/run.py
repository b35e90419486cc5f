"""`digest run`: the weekly schedule and the inbox watcher, until SIGINT or SIGTERM.

Every scheduled time is a *period* in the ledger (state.db, table runs), keyed by its local
wall-clock time. `reconcile` is the one place that decides what a period becomes: at
start-up, at every fire time and every minute it walks the trigger's fire times since the
last recorded period. Each missed period but the latest is recorded as missed; the latest is
published when it is on time, or late but within `schedule.misfire_grace` under
`misfire: catch_up`, and recorded as missed otherwise. A publish records its period in the
same transaction as its issue, so a crash never publishes a period twice nor loses one.
"""

from __future__ import annotations

import datetime as dt
import logging
import shlex
import signal
import subprocess
import threading
import zoneinfo
from pathlib import Path

from digest.config import Config
from digest.errors import DigestError, InboxError
from digest.models import RunOutcome
from digest.pipeline import SITE_STALE_KEY, Policy, compile_issue, refresh_site, state_path
from digest.schedule.scheduler import Schedule, fire_times, period_key
from digest.state.locks import run_lock
from digest.state.store import StateStore
from digest.support.cache import keep_results

log = logging.getLogger("digest.run")
ON_TIME = dt.timedelta(seconds=90)  # a period this late counts as on time, not as missed
STARTED_KEY = "schedule_started_at"
WATERMARK_KEY = "schedule_reconciled_through"  # every fire time before it is decided
MISSED_DETAIL = dt.timedelta(days=1)  # missed runs within this are recorded one by one


class Runner:
    def __init__(self, config: Config, poll: bool = False) -> None:
        self.config = config
        self.poll = poll
        self.zone = zoneinfo.ZoneInfo(config.newsletter.timezone)
        self._lock = threading.Lock()  # one reconcile at a time
        self._reported: set[tuple[str, str]] = set()
        keep_results()  # a draft refresh after a file event decodes only what is new

    # --- deciding what each period becomes ---

    def reconcile(self, now: dt.datetime | None = None) -> list[str]:
        """Decide every period due by `now`; return the periods looked at (for logs and tests).

        Its cost does not grow with the time digest was away: fire times older than the
        misfire grace (at least a day) are not walked one by one; the first of them is
        recorded as missed, with a note covering the rest, and a watermark moves past them."""
        with self._lock:
            now = now or dt.datetime.now(self.zone)
            schedule = self.config.schedule
            zone_name = self.config.newsletter.timezone
            with StateStore.open(state_path(self.config)) as state:
                self._retry_site(state)
                since = self._reference(state, now)
                horizon = now - max(schedule.misfire_grace, MISSED_DETAIL)
                if since < horizon:
                    older = fire_times(schedule.cron, zone_name, since, horizon, limit=1)
                    if older and state.run_outcome(period_key(older[0], zone_name)) is None:
                        note = f"digest run was not running; every run until {horizon:%Y-%m-%d %H:%M} was missed too"
                        self._record(state, older[0], "missed", note)
                    state.set_meta(WATERMARK_KEY, horizon.isoformat())
                    since = horizon
                due = fire_times(schedule.cron, zone_name, since, now)
                unrecorded = [t for t in due if state.run_outcome(period_key(t, zone_name)) is None]
                note = "digest run was not running; only the latest missed run may be caught up"
                for missed in unrecorded[:-1]:
                    state.record_run(period_key(missed, zone_name), "missed", note)
                if len(unrecorded) > 1:
                    first, last = (period_key(t, zone_name) for t in (unrecorded[0], unrecorded[-2]))
                    log.warning("%d runs missed (%s … %s): %s", len(unrecorded) - 1, first, last, note)
            periods = [period_key(t, zone_name) for t in due]
            if not unrecorded:
                return periods
            latest = unrecorded[-1]
            late = now - latest
            if late <= ON_TIME or (schedule.misfire == "catch_up" and late <= schedule.misfire_grace):
                if late > ON_TIME:
                    log.info(
                        "catching up the run of %s (missed by %s, within misfire_grace %s)",
                        latest,
                        _short(late),
                        schedule.misfire_grace,
                    )
                self.publish(latest)
            else:
                why = (
                    "misfire: skip"
                    if schedule.misfire == "skip"
                    else f"outside misfire_grace ({schedule.misfire_grace})"
                )
                with StateStore.open(state_path(self.config)) as state:
                    self._record(state, latest, "missed", f"missed by {_short(late)}; {why}")
            return periods

    def _retry_site(self, state: StateStore) -> None:
        """A web archive whose rebuild failed after a publish is rebuilt at the next reconcile."""
        if not state.meta(SITE_STALE_KEY):
            return
        for warning in refresh_site(self.config, state):
            if ("site", warning) not in self._reported:
                self._reported.add(("site", warning))
                log.warning("%s", warning)
        if not state.meta(SITE_STALE_KEY):
            log.info("the web archive is rebuilt")

    def _reference(self, state: StateStore, now: dt.datetime) -> dt.datetime:
        """Fire times after this are due: the latest recorded period or the watermark of an
        earlier reconcile, whichever is later; at the very first start, that moment."""
        marks = []
        if latest := state.latest_period():
            marks.append(dt.datetime.fromisoformat(latest).replace(tzinfo=self.zone))
        if watermark := state.meta(WATERMARK_KEY):
            marks.append(dt.datetime.fromisoformat(watermark))
        if marks:
            return max(marks, key=lambda t: t.astimezone(dt.UTC))
        return dt.datetime.fromisoformat(state.set_meta_once(STARTED_KEY, now.isoformat()))

    def _record(self, state: StateStore, fire_time: dt.datetime, outcome: RunOutcome, note: str) -> None:
        period = period_key(fire_time, self.config.newsletter.timezone)
        state.record_run(period, outcome, note)
        log.warning("run %s: %s (%s)", period, outcome, note)

    def publish(self, fire_time: dt.datetime) -> None:
        schedule = self.config.schedule
        period = period_key(fire_time, self.config.newsletter.timezone)
        # documents still being written wait: the settle time, and the schedule's cutoff
        settled = dt.datetime.now(dt.UTC) - self.config.reading.settle
        cutoff = fire_time - schedule.cutoff if schedule.cutoff else settled
        policy = Policy(
            period=period,
            arrived_before=min(cutoff, settled),
            min_stories=schedule.min_stories,
            allow_empty=not schedule.skip_empty,
        )
        try:
            result = compile_issue(self.config, date=fire_time.astimezone(self.zone).date(), policy=policy)
        except DigestError as exc:
            # Not recorded: retried every minute while the period is within its grace.
            kind = "the inbox is unavailable" if isinstance(exc, InboxError) else "publishing failed"
            if (period, str(exc)) not in self._reported:
                self._reported.add((period, str(exc)))
                log.error("run %s: %s: %s", period, kind, exc)
            return
        if result.published:
            log.info("run %s: published %s in %s", period, result.message, result.folder)
            for warning in result.warnings:
                log.warning("run %s: %s", period, warning)
            self.run_on_publish(result.folder)  # type: ignore[arg-type]
        elif result.outcome in ("nothing new", "too few stories"):
            with StateStore.open(state_path(self.config)) as state:
                state.record_run(period, result.outcome, result.message)
            log.info("run %s: %s", period, result.message)

    def run_on_publish(self, folder: Path) -> None:
        command = self.config.on_publish
        if not command:
            return
        try:
            done = subprocess.run(
                [*shlex.split(command), str(folder)], capture_output=True, text=True, timeout=600, check=False
            )
        except (OSError, subprocess.TimeoutExpired) as exc:
            log.error("on_publish %r failed: %s (the issue stays published)", command, exc)
            return
        for line in (done.stdout + done.stderr).splitlines():
            log.info("on_publish: %s", line)
        if done.returncode:
            log.error("on_publish %r exited with %d (the issue stays published)", command, done.returncode)

    # --- the watcher keeps the draft fresh ---

    def refresh_draft(self, changed: set[Path]) -> None:
        names = ", ".join(sorted(p.name for p in changed)) or "a document was removed"
        try:
            result = compile_issue(self.config, draft=True)
        except DigestError as exc:
            log.error("draft not refreshed: %s", exc)
            return
        issue = result.issue
        for item in issue.quarantined if issue else []:
            if any(item.document.endswith(p.name) for p in changed):
                log.warning("quarantined %s: %s", item.document, item.reason)
        log.info("inbox changed (%s): %s", names, result.message)

    # --- the process ---

    def serve(self, stop: threading.Event) -> None:
        from digest.support.watcher import InboxWatcher

        with run_lock(self.config):
            schedule = Schedule(
                self.config.schedule.cron,
                self.config.newsletter.timezone,
                on_fire=self.reconcile,
                on_tick=self.reconcile,
            )
            self.reconcile()
            schedule.start()
            watcher = InboxWatcher(self.config.inbox_dir, self.refresh_draft, poll=self.poll)
            if self.config.inbox_dir.is_dir():
                watcher.start()
            else:
                log.error("inbox %s is missing: not watching it; each run will report it", self.config.inbox_dir)
            next_fire = schedule.next_fire_time()
            log.info(
                "digest run started; next run %s (%s UTC)",
                next_fire,
                next_fire.astimezone(dt.UTC) if next_fire else "-",
            )
            try:
                stop.wait()
            finally:
                log.info("stopping")
                schedule.stop()
                watcher.stop()
        log.info("stopped")


def run_forever(config: Config, poll: bool = False) -> None:
    stop = threading.Event()

    def request_stop(signum: int, _frame: object) -> None:
        log.info("received %s", signal.Signals(signum).name)
        stop.set()

    signal.signal(signal.SIGTERM, request_stop)
    signal.signal(signal.SIGINT, request_stop)
    Runner(config, poll).serve(stop)


# Libraries that log at INFO about their own work (a file event, a job added): quiet unless -v.
CHATTY_LIBRARIES = (
    "watchfiles",
    "apscheduler",
    "uvicorn",
    "uvicorn.error",
    "trafilatura",
    "htmldate",
    "charset_normalizer",
)


def setup_logging(config: Config, verbosity: int = 0) -> None:
    """digest's own log at INFO (WARNING under -q); the libraries' only under -v."""
    handlers: list[logging.Handler] = [logging.StreamHandler()]
    if config.paths.log:
        path = config.resolve(config.paths.log)
        path.parent.mkdir(parents=True, exist_ok=True)
        handlers.append(logging.FileHandler(path, encoding="utf-8"))
    level = logging.WARNING if verbosity < 0 else logging.INFO
    logging.basicConfig(
        level=level, format="%(asctime)s %(levelname)s %(name)s: %(message)s", handlers=handlers, force=True
    )
    for name in CHATTY_LIBRARIES:
        logging.getLogger(name).setLevel(logging.INFO if verbosity > 0 else logging.WARNING)


def _short(delta: dt.timedelta) -> str:
    seconds = int(delta.total_seconds())
    return (
        f"{seconds // 3600}h{seconds % 3600 // 60:02d}m" if seconds >= 3600 else f"{seconds // 60}m{seconds % 60:02d}s"
    )
