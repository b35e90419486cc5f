"""`digest status`: what is waiting, what is wrong, what was last published, what comes next."""

from __future__ import annotations

import datetime as dt
import zoneinfo
from dataclasses import dataclass

from rich.console import Console
from rich.table import Table

from digest.archive.folders import check_archive
from digest.config import Config
from digest.errors import StateError
from digest.models import HeldBack, Quarantined
from digest.pipeline import SITE_STALE_KEY, draft_issue, prepare_batch, state_path, today_in
from digest.schedule.scheduler import next_run_times
from digest.state.store import PublishedIssue, StateStore
from digest.words import counted


@dataclass
class Status:
    pending: list[str]
    quarantined: list[Quarantined]
    held_back: list[HeldBack]
    stories: int
    last_issue: PublishedIssue | None
    next_runs: list[dt.datetime]  # the next three scheduled runs
    problems: list[str]  # what keeps the next publish from happening
    runs: list[tuple[str, str, int | None, str]]  # the latest scheduled runs: period, outcome, issue, note


def gather_status(config: Config) -> Status:
    problems: list[str] = []
    with StateStore.open(state_path(config)) as state:
        try:
            check_archive(config.issues_dir, state.recorded_folders(), state.publishing(), state.path)
        except StateError as exc:
            problems.append(str(exc))
        if stale := state.meta(SITE_STALE_KEY):
            problems.append(
                f"the web archive is out of date (its last rebuild failed: {stale}); the next publish retries"
            )
        batch = prepare_batch(config, state)
        issue = draft_issue(config, state, batch, today_in(config))  # exactly what a draft shows
        last = state.last_issue()
        runs = state.last_runs()
    return Status(
        pending=[d.name for d in batch.documents],
        quarantined=issue.quarantined,
        held_back=issue.held_back,
        stories=issue.story_count,
        last_issue=last,
        next_runs=next_run_times(config.schedule.cron, config.newsletter.timezone, 3),
        problems=problems,
        runs=runs,
    )


def print_status(status: Status, config: Config, console: Console) -> None:
    console.print(f"[bold]{config.newsletter.title}[/bold]  (inbox: {config.inbox_dir})")
    if status.last_issue:
        last = status.last_issue
        console.print(
            f"Last issue: #{last.number} of {last.date.isoformat()}, {counted(last.stories, 'story')}, in {last.folder}"
        )
    else:
        console.print("Last issue: none published yet")
    for problem in status.problems:
        console.print(f"[red]problem:[/red] {problem}", highlight=False)
    for n, when in enumerate(status.next_runs):
        utc = when.astimezone(zoneinfo.ZoneInfo("UTC"))
        label = f"Next scheduled run (cron {config.schedule.cron!r}):" if n == 0 else "  then:"
        console.print(f"{label} {when:%a %Y-%m-%d %H:%M %Z} ({utc:%Y-%m-%d %H:%M} UTC)", markup=False)
    if status.runs:
        table = Table("scheduled run", "outcome", "issue", "note", title="Latest scheduled runs", title_justify="left")
        for period, outcome, issue, note in status.runs:
            table.add_row(period, outcome, f"#{issue}" if issue else "-", note)
        console.print(table)
    console.print(
        f"Pending: {counted(len(status.pending), 'document')}, {counted(status.stories, 'story')} for the next issue"
    )
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


def status_data(status: Status) -> dict:
    """`digest status --json`: the same facts as the tables."""
    last = status.last_issue
    return {
        "pending": status.pending,
        "stories": status.stories,
        "quarantined": [q.model_dump() for q in status.quarantined],
        "held_back": [h.model_dump() for h in status.held_back],
        "last_issue": None
        if last is None
        else {
            "number": last.number,
            "date": last.date.isoformat(),
            "folder": last.folder,
            "published_at": last.published_at.isoformat(),
            "stories": last.stories,
        },
        "next_runs": [when.isoformat() for when in status.next_runs],
        "problems": status.problems,
        "runs": [{"period": p, "outcome": o, "issue": i, "note": n} for p, o, i, n in status.runs],
    }
