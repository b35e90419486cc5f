"""The one place that knows the order of the stages.

    scan_inbox → read_document → split_into_stories → merge_duplicates → assign_sections
    → build_issue → render_editions → write_issue → (state recorded last)

Everything is read and built in memory first; files are written through a temporary folder;
the state store is updated only after the files are in place.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import shutil
import time
import zoneinfo
from dataclasses import dataclass, field
from pathlib import Path

from digest import __version__
from digest.archive.folders import check_archive, list_issues
from digest.archive.site import build_site
from digest.archive.writer import write_files_into, write_issue
from digest.config import Config
from digest.errors import DigestError
from digest.issue.build import build_issue
from digest.models import ConsumedDocument, Document, InboxFile, Issue, Quarantined
from digest.placing.learning import LabelledExample, archive_examples, term_counts
from digest.placing.overrides import load_corrections
from digest.placing.sections import assign_sections
from digest.readers.inbox import scan_inbox
from digest.render import issue_folder_name, issue_json, render_editions
from digest.state.locks import publish_lock
from digest.state.store import StateStore
from digest.stories.debris import common_lines
from digest.stories.duplicates import band_keys, batch_band_keys, merge_duplicates, pack_shingles, shingles
from digest.support.cache import read_all, split_all


@dataclass
class Pending:
    """What the inbox holds that has not been published yet."""

    files: list[InboxFile]
    documents: list[Document] = field(default_factory=list)
    quarantined: list[Quarantined] = field(default_factory=list)
    waiting: list[str] = field(default_factory=list)  # changing while read: left for the next run


@dataclass
class CompileResult:
    issue: Issue | None  # None: the run was already recorded
    folder: Path | None  # None: nothing was written
    published: bool
    message: str
    outcome: str = ""  # for the ledger: "published", "nothing new", "too few stories", "draft"
    warnings: list[str] = field(default_factory=list)  # what went wrong after the issue was published
    waiting: list[str] = field(default_factory=list)  # documents changing while read: for the next run


def state_path(config: Config) -> Path:
    return config.state_dir / "state.db"


def today_in(config: Config) -> dt.date:
    return dt.datetime.now(zoneinfo.ZoneInfo(config.newsletter.timezone)).date()


def pending_files(config: Config, state: StateStore, arrived_before: dt.datetime | None = None) -> Pending:
    """The inbox's documents not yet published (and files that cannot even be opened).
    Documents modified after `arrived_before` (the schedule's cutoff) wait for the next issue."""
    scan = scan_inbox(config.inbox_dir, int(config.reading.max_document_mb * 1024 * 1024))
    published = state.published_hashes()
    fresh = [f for f in scan.files if f.content_hash not in published]
    if arrived_before is not None:
        fresh = [f for f in fresh if f.modified <= arrived_before]
    return Pending(files=fresh, quarantined=scan.quarantined, waiting=scan.waiting)


def read_pending(config: Config, state: StateStore, arrived_before: dt.datetime | None = None) -> Pending:
    """Read every document not yet published; bad ones are quarantined."""
    return read_files(config, state, pending_files(config, state, arrived_before))


def read_files(config: Config, state: StateStore, pending: Pending) -> Pending:
    """read_document for each pending file, cached by content hash, each within the time limit."""
    documents, unreadable, waiting = read_all(pending.files, state, config.reading.time_limit.total_seconds())
    return Pending(pending.files, documents, pending.quarantined + unreadable, pending.waiting + waiting)


def make_issue(config: Config, pending: Pending, number: int | None, date: dt.date, state: StateStore) -> Issue:
    boilerplate = common_lines([d.text for d in pending.documents])
    stories, failed = split_all(  # split_into_stories, cached, each document within the time limit
        pending.documents, config.cleanup.drop_patterns, boilerplate, state, config.reading.time_limit.total_seconds()
    )
    published = state.published_index(batch_band_keys(stories))  # earlier issues' stories like these
    placed = assign_sections(merge_duplicates(stories, published), config, load_archive(config, state))
    unsplit = {q.document for q in failed}
    documents = [d.name for d in pending.documents if d.name not in unsplit]
    return build_issue(placed, pending.quarantined + failed, config, number, date, documents)


def load_archive(config: Config, state: StateStore) -> list[LabelledExample]:
    """Published stories as labelled examples for learning, corrections applied."""
    return archive_examples(state.archive_examples(), load_corrections(config))


def consumed_documents(issue: Issue, pending: Pending, state: StateStore, max_age: dt.timedelta) -> list[Document]:
    """The documents this issue uses up. A document whose every story was held back over a
    cap (a section's max_items, the size budget) is carried over to the next issue, until it
    is older than `max_age`; everything else read is consumed."""
    capped = {d for held in issue.held_back if held.section is not None for d in held.documents}
    placed = {d for section in issue.sections for story in section.all_stories for d in story.documents}
    carried = capped - placed
    seen = state.first_seen(d.content_hash for d in pending.documents if d.name in carried)
    now = dt.datetime.now(dt.UTC)
    usable = set(issue.documents)  # a document that could not be cut into stories is not used up
    return [
        d
        for d in pending.documents
        if d.name in usable and (d.name not in carried or now - seen[d.content_hash] > max_age)
    ]


@dataclass
class Policy:
    """What a scheduled run adds to a plain compile."""

    period: str | None = None  # the ledger's key for this scheduled run
    arrived_before: dt.datetime | None = None  # the cutoff
    min_stories: int | None = None
    allow_empty: bool = False


def compile_issue(
    config: Config,
    *,
    draft: bool = False,
    out: Path | None = None,
    date: dt.date | None = None,
    policy: Policy | None = None,
) -> CompileResult:
    """Build the next issue from every unpublished document and write it.

    Without `draft`, the issue is published: it gets the next number, goes to the archive
    (or `out`), and its documents are recorded as published, in that order, under the
    publish lock so two publishers never use the same state at once.
    """
    date = date or today_in(config)
    policy = policy or Policy()
    with StateStore.open(state_path(config)) as state, publish_lock(config, enabled=not draft):
        if policy.period and state.run_outcome(policy.period):
            return CompileResult(None, None, False, f"Run {policy.period} is already recorded.")
        scanned = pending_files(config, state, policy.arrived_before)
        files, unopened = scanned.files, scanned.quarantined
        signature = draft_signature(config, files, unopened, date, state) if draft and out is None else None
        if signature and (unchanged := _unchanged_draft(config, state, signature)):
            return unchanged  # nothing it depends on changed: not even the cache is read
        if not draft:
            check_archive(config.issues_dir, state.recorded_folders(), state.publishing(), state.path)
        pending = read_files(config, state, scanned)
        number = None if draft else state.next_number()
        issue = make_issue(config, pending, number, date, state)
        if issue.story_count == 0 and not policy.allow_empty:
            reason = "no new documents in the inbox" if not pending.files else "no stories in the new documents"
            return CompileResult(
                issue, None, False, f"Nothing new to publish: {reason}.", outcome="nothing new", waiting=pending.waiting
            )
        if policy.min_stories and issue.story_count < policy.min_stories:
            message = f"Only {issue.story_count} stories, fewer than min_stories ({policy.min_stories}): all held for the next run."
            return CompileResult(issue, None, False, message, outcome="too few stories", waiting=pending.waiting)
        issue, editions = render_editions(issue, config)
        if draft:
            folder = (
                write_files_into(editions, out)
                if out is not None
                else write_issue(editions, config.state_dir / "draft")
            )
            if signature:
                state.set_meta("draft_signature", signature)
            message = f"Draft: {issue.story_count} stories"
            return CompileResult(issue, folder, False, message, outcome="draft", waiting=pending.waiting)
        consumed = consumed_documents(issue, pending, state, config.schedule.max_age)
        issue = issue.model_copy(
            update={
                "consumed": [ConsumedDocument(document=d.name, sha256=d.content_hash) for d in consumed],
                "scheduled_run": policy.period,
            }
        )
        editions = editions.model_copy(update={"json_text": issue_json(issue)})
        state.begin_publish(number)
        if out is not None:
            folder = write_files_into(editions, out)
        else:
            folder = write_issue(editions, config.issues_dir / issue_folder_name(issue))  # type: ignore[operator]
            remove_interrupted(config.issues_dir, number, keep=folder)
        pause_for_crash_tests()
        record_published(state, issue, folder)
        warnings = [] if out is not None else refresh_site(config, state)
    message = f"Issue #{number}: {issue.story_count} stories"
    return CompileResult(issue, folder, True, message, outcome="published", warnings=warnings, waiting=pending.waiting)


def record_published(state: StateStore, issue: Issue, folder: Path) -> None:
    """The state's half of a publish, in one transaction: the issue, the documents it used up,
    its stories as labelled examples and their signatures."""
    stories = [(section.id, story) for section in issue.sections for story in section.all_stories]
    state.record_issue(
        issue.number,  # type: ignore[arg-type]
        issue.date,
        str(folder),
        issue.story_count,
        [(d.sha256, d.document) for d in issue.consumed],
        [
            (story.id, section_id, story.title, dict(term_counts(story.title, story.body)))
            for section_id, story in stories
        ],
        issue.scheduled_run,
        [(s.id, pack_shingles(shingles(s.body)), band_keys(s.body), s.documents) for _, s in stories],
    )


def remove_interrupted(issues_dir: Path, number: int, keep: Path) -> None:
    """The folders an interrupted publish of the same number left (under another date) go: they
    were never recorded, so never published."""
    for archived in list_issues(issues_dir):
        if archived.number == number and archived.path != keep:
            shutil.rmtree(archived.path, ignore_errors=True)


SITE_STALE_KEY = "site_stale"


def refresh_site(config: Config, state: StateStore) -> list[str]:
    """Rebuild the web archive after a publish. Its failure does not undo the publish: it is
    reported, remembered, and retried by the next publish or `digest run`'s next reconcile."""
    try:
        build_site(config)
    except (DigestError, OSError) as exc:
        state.set_meta(SITE_STALE_KEY, str(exc))
        return [f"the issue is published, but the web archive could not be rebuilt: {exc} (it is retried later)"]
    state.set_meta(SITE_STALE_KEY, "")
    return []


def draft_signature(
    config: Config, files: list[InboxFile], unopened: list[Quarantined], date: dt.date, state: StateStore
) -> str:
    """Everything a draft depends on: when none of it changed, the draft on disk is current."""
    from digest.render.environment import template_signature

    parts = [
        __version__,
        date.isoformat(),
        sorted((f.name, f.content_hash) for f in files),
        sorted((q.document, q.reason) for q in unopened),
        config.model_dump_json(),
        _file_signature(config.resolve(config.paths.corrections)),
        template_signature(config.templates_dir),
        state.next_number(),
    ]
    return hashlib.sha256(json.dumps(parts, default=str).encode()).hexdigest()


def _file_signature(path: Path) -> list:
    return [path.stat().st_mtime_ns, path.stat().st_size] if path.is_file() else []


def _unchanged_draft(config: Config, state: StateStore, signature: str) -> CompileResult | None:
    folder = config.state_dir / "draft"
    if state.meta("draft_signature") != signature or not (folder / "issue.json").is_file():
        return None
    issue = Issue.model_validate_json((folder / "issue.json").read_text(encoding="utf-8"))
    return CompileResult(issue, folder, False, f"Draft (unchanged): {issue.story_count} stories", outcome="draft")


def pause_for_crash_tests() -> None:
    """Crash tests set DIGEST_PAUSE_BEFORE_RECORD (seconds) to SIGKILL a publish between
    writing the issue's files and recording them; nothing else should set it."""
    seconds = os.environ.get("DIGEST_PAUSE_BEFORE_RECORD")
    if seconds:
        time.sleep(float(seconds))
