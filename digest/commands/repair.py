"""`digest repair`: rebuild the state database from the archive's issue.json files.

For a state.db that was lost, emptied or replaced while the published issues are still in
the archive. Every issue folder the state does not record is recorded again: its number,
date and stories, the documents it used up (issue.json lists them with their SHA-256; an
issue.json written before digest did that names only its stories' documents, which are
matched to the inbox by name), its stories as learning examples and as "already published"
signatures (made from the teasers: the full texts are not in the archive), and the
scheduled run that published it. Nothing in the archive or the inbox is changed.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from digest.archive.folders import check_archive, list_issues, load_issue
from digest.config import Config
from digest.errors import StateError
from digest.models import Issue
from digest.pipeline import state_path
from digest.placing.learning import term_counts
from digest.readers.inbox import scan_inbox
from digest.state.locks import publish_lock
from digest.state.store import StateStore
from digest.stories.duplicates import band_keys, pack_shingles, shingles


@dataclass
class RepairReport:
    recorded: list[int] = field(default_factory=list)  # issue numbers recorded again
    already: list[int] = field(default_factory=list)  # issue numbers the state knew
    documents: int = 0  # documents marked as published again
    guessed: list[int] = field(default_factory=list)  # issues whose documents were matched by name


def repair_state(config: Config) -> RepairReport:
    report = RepairReport()
    with StateStore.open(state_path(config)) as state, publish_lock(config):
        recorded = state.recorded_folders()
        archived = list_issues(config.issues_dir)
        numbers = [a.number for a in archived]
        if len(numbers) != len(set(numbers)):
            check_archive(config.issues_dir, {}, None, state.path)  # raises, naming the clashing folders
        by_name = None
        for entry in archived:
            if entry.number in recorded:
                report.already.append(entry.number)
                continue
            issue = load_issue(entry.path)
            if issue.number != entry.number:
                raise StateError(f"{entry.path / 'issue.json'} says issue #{issue.number}, its folder #{entry.number}")
            consumed = [(d.sha256, d.document) for d in issue.consumed]
            if not consumed:
                if by_name is None:
                    files = scan_inbox(config.inbox_dir).files if config.inbox_dir.is_dir() else ([], [])
                    by_name = {f.name: f.content_hash for f in files}
                consumed = [(by_name[name], name) for name in _documents_named(issue) if name in by_name]
                report.guessed.append(entry.number)
            stories = [(section.id, story) for section in issue.sections for story in section.all_stories]
            published_at = dt.datetime.fromtimestamp((entry.path / "issue.json").stat().st_mtime, dt.UTC)
            state.record_issue(
                entry.number,
                issue.date,
                str(entry.path),
                issue.story_count,
                consumed,
                [(s.id, sid, s.title, dict(term_counts(s.title, s.teaser))) for sid, s in stories],
                issue.scheduled_run,
                [(s.id, pack_shingles(shingles(s.teaser)), band_keys(s.teaser), s.documents) for _, s in stories],
                published_at=published_at,
            )
            report.recorded.append(entry.number)
            report.documents += len(consumed)
    return report


def _documents_named(issue: Issue) -> list[str]:
    names = {d for section in issue.sections for story in section.all_stories for d in story.documents}
    names |= {d for held in issue.held_back if held.section is None for d in held.documents}
    return sorted(names)
