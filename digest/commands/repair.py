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

from digest.archive.folders import ISSUE_JSON, check_archive, list_issues, load_issue
from digest.config import Config
from digest.errors import StateError
from digest.models import ConsumedDocument, Issue
from digest.pipeline import inbox_hashes, state_path
from digest.state.locks import publish_lock
from digest.state.store import StateStore


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
            consumed = list(issue.consumed)
            if not consumed:
                if by_name is None:
                    by_name = inbox_hashes(config)
                consumed = [
                    ConsumedDocument(document=name, sha256=by_name[name])
                    for name in _documents_named(issue)
                    if name in by_name
                ]
                report.guessed.append(entry.number)
            published_at = dt.datetime.fromtimestamp((entry.path / ISSUE_JSON).stat().st_mtime, dt.UTC)
            state.record_published(issue.model_copy(update={"consumed": consumed}), entry.path, published_at)
            report.recorded.append(entry.number)
            report.documents += len(consumed)
    return report


def _documents_named(issue: Issue) -> list[str]:
    names = {d for section in issue.sections for story in section.all_stories for d in story.documents}
    names |= {d for held in issue.held_back if held.section is None for d in held.documents}
    return sorted(names)
