"""`digest status`: what is waiting, what is wrong, what was last published, what comes next."""

from __future__ import annotations

import datetime as dt
import zoneinfo
from dataclasses import dataclass

from rich.console import Console
from rich.table import Table

from digest.config import Config
from digest.models import HeldBack, Quarantined
from digest.pipeline import make_issue, read_pending, state_path, today_in
from digest.scheduler import next_run_time
from digest.state import PublishedIssue, StateStore


@dataclass
class Status:
    pending: list[str]
    quarantined: list[Quarantined]
    held_back: list[HeldBack]
    stories: int
    last_issue: PublishedIssue | None
    next_run: dt.datetime | None
    runs: list[tuple[str, str, int | None, str]]  # the latest scheduled runs: period, outcome, issue, note


def gather_status(config: Config) -> Status:
    with StateStore.open(state_path(config)) as state:
        pending = read_pending(config, state)
        issue = make_issue(config, pending, None, today_in(config), state)
        last = state.last_issue()
        runs = state.last_runs()
    return Status(
        pending=[d.name for d in pending.documents],
        quarantined=issue.quarantined,
        held_back=issue.held_back,
        stories=issue.story_count,
        last_issue=last,
        next_run=next_run_time(config.schedule.cron, config.newsletter.timezone),
        runs=runs,
    )


def print_status(status: Status, config: Config, console: Console) -> None:
    console.print(f"[bold]{config.newsletter.title}[/bold]  (inbox: {config.inbox_dir})")
    if status.last_issue:
        last = status.last_issue
        console.print(
            f"Last issue: #{last.number} of {last.date.isoformat()}, {last.stories} stories, in {last.folder}"
        )
    else:
        console.print("Last issue: none published yet")
    if status.next_run:
        utc = status.next_run.astimezone(zoneinfo.ZoneInfo("UTC"))
        console.print(
            f"Next scheduled run: {status.next_run:%a %Y-%m-%d %H:%M %Z} ({utc:%Y-%m-%d %H:%M} UTC), cron {config.schedule.cron!r}"
        )
    if status.runs:
        table = Table("scheduled run", "outcome", "issue", "note", title="Latest scheduled runs", title_justify="left")
        for period, outcome, issue, note in status.runs:
            table.add_row(period, outcome, f"#{issue}" if issue else "-", note)
        console.print(table)
    console.print(f"Pending: {len(status.pending)} documents, {status.stories} stories for the next issue")
    if status.pending:
        table = Table("pending document", box=None, show_header=True)
        for name in status.pending:
            table.add_row(name)
        console.print(table)
    if status.quarantined:
        table = Table("quarantined document", "reason", title="Quarantined", title_justify="left")
        for item in status.quarantined:
            table.add_row(item.document, item.reason)
        console.print(table)
    if status.held_back:
        table = Table("held-back story", "section", "reason", "documents", title="Held back", title_justify="left")
        for held in status.held_back:
            table.add_row(held.title, held.section or "-", held.reason, ", ".join(held.documents))
        console.print(table)
