"""The one place that knows the order of the stages.

    scan_inbox → read_document → split_into_stories → merge_duplicates → assign_sections
    → build_issue → render_editions → write_issue → (state recorded last) → web archive

`prepare_batch` runs the stages up to assign_sections — for compile, status, explain, run and
the preview alike — and `issue_from` builds the issue from a batch, so every command shows the
same issue. `compile_issue` renders it, writes it and records it. Reading and splitting are
cached by content hash (support/cache.py, a wrapper applied here) and run in worker processes.

Everything is read and built in memory first; files are written through a temporary folder;
the state store is updated only after the files are in place.
"""

from __future__ import annotations

import datetime as dt
import shutil
import zoneinfo
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from digest import __version__
from digest.archive.drafts import current_draft, draft_dir, draft_signature, signature_key
from digest.archive.folders import check_archive, list_issues
from digest.archive.site import build_site
from digest.archive.writer import write_files_into, write_issue
from digest.config import Config
from digest.errors import DigestError, DocumentError, InboxMissing, UsageError
from digest.issue.budget import Measure
from digest.issue.build import IssuePlan, build_issue
from digest.models import Document, InboxFile, Issue, PlacedStory, Quarantined, RunOutcome, Story
from digest.placing.overrides import load_corrections
from digest.placing.sections import assign_sections, explain_scores
from digest.readers import read_document
from digest.readers.inbox import DocumentChanged, Scan, scan_inbox
from digest.render import render_editions, render_html, rough_html_size
from digest.state.locks import publish_lock
from digest.state.store import StateStore
from digest.state.stores import SplitJob, document_store, split_signature, story_store
from digest.stories import SplitReport, explain_split, split_into_stories
from digest.stories.debris import common_lines
from digest.stories.duplicates import merge_duplicates
from digest.stories.signatures import batch_band_keys, story_features
from digest.support.cache import cached_map, code_fingerprint
from digest.support.collector import collector_paused
from digest.support.progress import NO_PROGRESS, Progress
from digest.support.workers import Failed, start_early
from digest.words import counted

if TYPE_CHECKING:
    from digest.placing.learning import LabelledExample

# documents and their stories are computed again whenever the code that reads or cuts them changes
CACHE_VERSION = f"{__version__}-{code_fingerprint('readers', 'structure', 'stories', 'support/htmldom.py', 'words.py')}"
SITE_STALE_KEY = "site_stale"
Outcome = RunOutcome | Literal["draft", ""]  # "" when the run was already recorded


@dataclass
class Batch:
    """The inbox's unpublished documents, read, cut into stories and placed in sections."""

    files: list[InboxFile]
    documents: list[Document] = field(default_factory=list)
    quarantined: list[Quarantined] = field(default_factory=list)  # cannot be opened, read or cut
    waiting: list[str] = field(default_factory=list)  # changing while read: left for the next run
    boilerplate: frozenset[str] = frozenset()  # lines most documents share (a mail footer)
    stories: list[Story] = field(default_factory=list)  # as cut, before merging
    placed: list[PlacedStory] = field(default_factory=list)  # merged, each with its section or held back
    unsplit: set[str] = field(default_factory=set)  # documents that could not be cut in time


@dataclass
class Policy:
    """What a scheduled run adds to a plain compile."""

    period: str | None = None  # the ledger's key for this scheduled run
    arrived_before: dt.datetime | None = None  # the cutoff
    min_stories: int | None = None
    allow_empty: bool = False


@dataclass
class CompileResult:
    issue: Issue | None  # None: the run was already recorded
    folder: Path | None  # None: nothing was written
    published: bool
    message: str
    outcome: Outcome = ""  # for the ledger
    warnings: list[str] = field(default_factory=list)  # what went wrong after the issue was published
    waiting: list[str] = field(default_factory=list)  # documents changing while read: for the next run


def state_path(config: Config) -> Path:
    return config.state_dir / "state.db"


def today_in(config: Config) -> dt.date:
    return dt.datetime.now(zoneinfo.ZoneInfo(config.newsletter.timezone)).date()


# --- the stages up to the issue ---


def scan_pending(config: Config, state: StateStore, arrived_before: dt.datetime | None = None) -> Scan:
    """The inbox's files not yet published (and those that cannot even be opened). Files
    modified after `arrived_before` (the schedule's cutoff) wait for the next issue."""
    if not config.inbox_dir.is_dir():
        where = str(config.source or "config.yaml")
        raise InboxMissing(
            where,
            [f"paths.inbox: {config.inbox_dir} does not exist or is not a folder (create it, or set paths.inbox)"],
        )
    scan = scan_inbox(config.inbox_dir, int(config.reading.max_document_mb * 1024 * 1024))
    published = state.published_hashes()
    fresh = [f for f in scan.files if f.content_hash not in published]
    if arrived_before is not None:
        fresh = [f for f in fresh if f.modified <= arrived_before]
    return Scan(fresh, scan.quarantined, scan.waiting)


def prepare_batch(
    config: Config, state: StateStore, scan: Scan | None = None, progress: Progress = NO_PROGRESS, explained: str = ""
) -> Batch:
    """read_document, split_into_stories, merge_duplicates and assign_sections over the
    pending files (`scan`, or the inbox scanned now); `explained`: the document whose stories'
    placing reasons name the words that decided them."""
    scan = scan if scan is not None else scan_pending(config, state)
    start_early()  # workers start while the caches are decoded (most builds read or cut something)
    batch = Batch(scan.files, quarantined=list(scan.quarantined), waiting=list(scan.waiting))
    limit = config.reading.time_limit.total_seconds()
    hashes = [f.content_hash for f in scan.files]
    reads: list[Document | Quarantined | str | Failed[InboxFile]] = cached_map(
        _read, scan.files, hashes, document_store(state, CACHE_VERSION), "Reading documents", limit, progress
    )
    for file, read in zip(scan.files, reads, strict=True):
        if isinstance(read, Document):
            batch.documents.append(read)
        elif isinstance(read, Quarantined):
            batch.quarantined.append(read)
        elif isinstance(read, Failed):
            batch.quarantined.append(Quarantined(document=file.name, reason=read.reason))
        else:
            batch.waiting.append(read)
    batch.boilerplate = common_lines([d.text for d in batch.documents])
    patterns = tuple(config.cleanup.drop_patterns)
    files = {f.name: f for f in scan.files}
    jobs = [(d, patterns, batch.boilerplate, files[d.name]) for d in batch.documents]
    store = story_store(state, split_signature(CACHE_VERSION, patterns, batch.boilerplate))
    keys = [d.content_hash for d in batch.documents]
    cuts: list[list[Story] | Failed[SplitJob]] = cached_map(
        _split, jobs, keys, store, "Cutting stories", limit, progress
    )
    for document, cut in zip(batch.documents, cuts, strict=True):
        if isinstance(cut, Failed):
            reason = cut.reason.replace("to read", "to cut into stories")
            batch.quarantined.append(Quarantined(document=document.name, reason=reason))
            batch.unsplit.add(document.name)
        else:
            batch.stories.extend(cut)
    # Later stages need a document's name, hash and metadata, not its text and blocks (most of
    # a batch's memory): those were for cutting. `split_report` reads the one it shows again.
    batch.documents = [
        d.model_copy(update={"text": "", "blocks": []}) if d.text or d.blocks else d for d in batch.documents
    ]
    del reads, jobs, cuts
    progress.stage("Merging duplicates")
    published = state.published_index(batch_band_keys(batch.stories))  # earlier issues' stories like these
    merged = merge_duplicates(batch.stories, published, pairs=state)
    progress.stage("Placing stories in sections")
    batch.placed = assign_sections(merged, config, load_archive(config, state), fields=state, explained=explained)
    return batch


def issue_from(config: Config, batch: Batch, plan: IssuePlan) -> Issue:
    """build_issue over the batch: the size budget is measured on the real email.html."""
    measure = Measure(
        exact=lambda candidate: len(render_html(candidate, config).encode("utf-8")),
        rough=lambda candidate: rough_html_size(candidate, config),
    )
    return build_issue(batch.placed, batch.quarantined, config, plan, measure)


def draft_issue(config: Config, state: StateStore, batch: Batch, date: dt.date) -> Issue:
    """The issue a draft, the preview and `digest status` show: everything as a publish now
    would decide it, with no number used up."""
    plan = IssuePlan(None, date, batch.documents, batch.unsplit, draft_number=state.next_number())
    return issue_from(config, batch, plan)


def load_archive(config: Config, state: StateStore) -> list[LabelledExample]:
    """Published stories as labelled examples for learning, corrections applied."""
    # learning loads numpy and scipy (a quarter of a second): only a build that places stories needs them
    from digest.placing.learning import archive_examples

    return archive_examples(state.archive_examples(), load_corrections(config))


def _read(file: InboxFile) -> Document | Quarantined | str:
    """read_document in a worker: a document, its quarantine record, or its name when it
    changed while read (it waits)."""
    try:
        return read_document(file)
    except DocumentChanged:
        return file.name
    except DocumentError as exc:
        return Quarantined(document=file.name, reason=str(exc))


def _split(job: SplitJob) -> list[Story]:
    """split_into_stories in a worker; each story leaves with its features, so they are
    computed once, in parallel, and cached with it."""
    document, patterns, boilerplate, file = job
    if document.blocks is None:  # kept without its blocks (state/stores.py): read again to be cut again
        document = read_document(file)
    stories = split_into_stories(document, patterns, boilerplate)
    return [story.model_copy(update={"features": story_features(story)}) for story in stories]


# --- explaining a document: the same batch, with each stage's reasons ---


def split_report(config: Config, batch: Batch, name: str) -> SplitReport:
    """How split_into_stories cut the batch's document `name`: what it removed and why."""
    file = next(f for f in batch.files if f.name == name)
    return explain_split(read_document(file), config.cleanup.drop_patterns, batch.boilerplate)


def keyword_scores(config: Config, batch: Batch, story: Story) -> list[tuple[str, float, list[tuple[str, float]]]]:
    """Every section's keyword score for a placed story of the batch, with each term's part."""
    return explain_scores(story, config, [p.story for p in batch.placed])


# --- compiling: the issue written and recorded ---


@collector_paused()  # a build makes no garbage the cycle collector would find (support/collector.py)
def compile_issue(
    config: Config,
    *,
    draft: bool = False,
    out: Path | None = None,
    date: dt.date | None = None,
    policy: Policy | None = None,
    progress: Progress = NO_PROGRESS,
    force: bool = False,
) -> CompileResult:
    """Build the next issue from every unpublished document and write it.

    Without `draft`, the issue is published: it gets the next number, goes to the archive
    (and, with `out`, a copy into that folder), and its documents are recorded as published, in
    that order, under the publish lock so two publishers never use the same state at once. A
    date before the last issue's is refused unless `force`: the archive would list them out of
    order.
    """
    date = date or today_in(config)
    policy = policy or Policy()
    with StateStore.open(state_path(config)) as state, publish_lock(config, enabled=not draft):
        if policy.period and state.run_outcome(policy.period):
            return CompileResult(None, None, False, f"Run {policy.period} is already recorded.")
        scan = scan_pending(config, state, policy.arrived_before)
        signature = None
        target = out if out is not None else draft_dir(config)
        if draft:
            signature = draft_signature(config, scan.files, scan.quarantined, date, state.next_number())
            recorded = state.meta(signature_key(target, config))
            if unchanged := current_draft(target, signature, recorded):
                # nothing it depends on changed: not even the cache is read
                message = f"Draft (unchanged): {counted(unchanged.story_count, 'story')}"
                return CompileResult(unchanged, target, False, message, outcome="draft")
        if not draft:
            check_archive(config.issues_dir, state.recorded_folders(), state.publishing(), state.path)
            last = state.last_issue()
            if last is not None and date < last.date and not force:
                raise UsageError(
                    f"--date {date} is before issue #{last.number} of {last.date}: the archive and the feed would "
                    "list the issues out of order (add --force to publish it anyway)"
                )
        batch = prepare_batch(config, state, scan, progress)
        progress.stage("Building the issue")
        if draft:
            issue = draft_issue(config, state, batch, date)
        else:
            plan = IssuePlan(
                state.next_number(),
                date,
                batch.documents,
                batch.unsplit,
                scheduled_run=policy.period,
                first_seen=state.first_seen(d.content_hash for d in batch.documents),
                max_age=config.schedule.max_age,
            )
            issue = issue_from(config, batch, plan)
        if issue.story_count == 0 and not policy.allow_empty:
            reason = "no new documents in the inbox" if not batch.files else "no stories in the new documents"
            message = f"Nothing new to publish: {reason}."
            return CompileResult(issue, None, False, message, outcome="nothing new", waiting=batch.waiting)
        if policy.min_stories and issue.story_count < policy.min_stories:
            message = f"Only {counted(issue.story_count, 'story')}, fewer than min_stories ({policy.min_stories}): all held for the next run."
            return CompileResult(issue, None, False, message, outcome="too few stories", waiting=batch.waiting)
        progress.stage("Rendering the editions")
        editions = render_editions(issue, config)
        progress.stage("Writing the issue")
        if draft:
            folder = write_files_into(editions, out) if out is not None else write_issue(editions, draft_dir(config))
            if signature:
                state.set_meta(signature_key(target, config), signature)
            message = f"Draft: {counted(issue.story_count, 'story')}"
            return CompileResult(issue, folder, False, message, outcome="draft", waiting=batch.waiting)
        number = issue.number
        assert number is not None and issue.folder is not None
        state.begin_publish(number)
        folder = write_issue(editions, config.issues_dir / issue.folder)
        remove_interrupted(config.issues_dir, number, keep=folder)
        state.record_published(issue, folder)
        warnings = refresh_site(config, state)
        if out is not None:  # a copy where the curator asked for it; the archive has the issue
            try:
                folder = write_files_into(editions, out)
            except DigestError as exc:
                warnings.append(f"the issue is published in {folder}, but its copy could not be written: {exc}")
    message = f"Issue #{number}: {counted(issue.story_count, 'story')}"
    return CompileResult(issue, folder, True, message, outcome="published", warnings=warnings, waiting=batch.waiting)


def remove_interrupted(issues_dir: Path, number: int, keep: Path) -> None:
    """The folders an interrupted publish of the same number left (under another date) go: they
    were never recorded, so never published."""
    for archived in list_issues(issues_dir):
        if archived.number == number and archived.path != keep:
            shutil.rmtree(archived.path, ignore_errors=True)


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


def inbox_hashes(config: Config) -> dict[str, str]:
    """Every document of the inbox, published or not: name → content hash."""
    if not config.inbox_dir.is_dir():
        return {}
    return {f.name: f.content_hash for f in scan_inbox(config.inbox_dir).files}
