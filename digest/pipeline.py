"""The one place that knows the order of the stages.

    scan_inbox → read_document → split_into_stories → merge_duplicates → assign_sections
    → build_issue → render_editions → write_issue → (state recorded last)

Everything is read and built in memory first; files are written through a temporary folder;
the state store is updated only after the files are in place.
"""

from __future__ import annotations

import datetime as dt
import zoneinfo
from dataclasses import dataclass, field
from pathlib import Path

from digest.config import Config
from digest.debris import common_lines
from digest.duplicates import merge_duplicates
from digest.errors import DocumentError
from digest.inbox import scan_inbox
from digest.issue import build_issue
from digest.learning import LabelledExample, archive_examples, term_counts
from digest.models import Document, InboxFile, Issue, Quarantined
from digest.overrides import load_corrections
from digest.readers import read_document
from digest.render import render_editions
from digest.sections import assign_sections
from digest.state import StateStore
from digest.stories import split_into_stories
from digest.writer import write_files_into, write_issue


@dataclass
class Pending:
    """What the inbox holds that has not been published yet."""

    files: list[InboxFile]
    documents: list[Document] = field(default_factory=list)
    quarantined: list[Quarantined] = field(default_factory=list)


@dataclass
class CompileResult:
    issue: Issue | None  # None: nothing new to publish
    folder: Path | None
    published: bool
    message: str


def state_path(config: Config) -> Path:
    return config.state_dir / "state.db"


def today_in(config: Config) -> dt.date:
    return dt.datetime.now(zoneinfo.ZoneInfo(config.newsletter.timezone)).date()


def read_pending(config: Config, state: StateStore) -> Pending:
    """Scan the inbox and read every document not yet published; bad ones are quarantined."""
    files, quarantined = scan_inbox(config.inbox_dir)
    published = state.published_hashes()
    pending = Pending(files=[f for f in files if f.content_hash not in published], quarantined=quarantined)
    for file in pending.files:
        try:
            pending.documents.append(read_document(file))
        except DocumentError as exc:
            pending.quarantined.append(Quarantined(document=file.name, reason=str(exc)))
    return pending


def make_issue(
    config: Config, pending: Pending, number: int | None, date: dt.date, archive: list[LabelledExample]
) -> Issue:
    boilerplate = common_lines([d.text for d in pending.documents])
    stories = [
        story
        for document in pending.documents
        for story in split_into_stories(document, config.cleanup.drop_patterns, boilerplate)
    ]
    placed = assign_sections(merge_duplicates(stories), config, archive)
    return build_issue(placed, pending.quarantined, config, number, date, [d.name for d in pending.documents])


def load_archive(config: Config, state: StateStore) -> list[LabelledExample]:
    """Published stories as labelled examples for learning, corrections applied."""
    return archive_examples(state.archive_examples(), load_corrections(config))


def compile_issue(
    config: Config, *, draft: bool = False, out: Path | None = None, date: dt.date | None = None
) -> CompileResult:
    """Build the next issue from every unpublished document and write it.

    Without `draft`, the issue is published: it gets the next number, goes to the archive
    (or `out`), and its documents are recorded as published, in that order.
    """
    date = date or today_in(config)
    with StateStore.open(state_path(config)) as state:
        pending = read_pending(config, state)
        number = None if draft else state.next_number()
        issue = make_issue(config, pending, number, date, load_archive(config, state))
        if issue.story_count == 0:
            reason = "no new documents in the inbox" if not pending.files else "no stories in the new documents"
            return CompileResult(
                issue=issue, folder=None, published=False, message=f"Nothing new to publish: {reason}."
            )
        issue, editions = render_editions(issue, config)
        if out is not None:
            folder = write_files_into(editions, out)
        elif draft:
            folder = write_issue(editions, config.state_dir / "draft")
        else:
            folder = write_issue(editions, config.issues_dir / f"{number:04d}-{date.isoformat()}")
        if not draft:
            consumed = [(d.content_hash, d.name) for d in pending.documents]
            examples = [
                (story.id, section.id, story.title, dict(term_counts(story.title, story.body)))
                for section in issue.sections
                for story in [*section.stories, *section.more]
            ]
            state.record_issue(number, date, str(folder), issue.story_count, consumed, examples)  # type: ignore[arg-type]
    kind = "Draft" if draft else f"Issue #{number}"
    return CompileResult(
        issue=issue, folder=folder, published=not draft, message=f"{kind}: {issue.story_count} stories"
    )
