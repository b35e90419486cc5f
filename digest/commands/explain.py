"""`digest explain DOCUMENT`: how one document was cut into stories, what was removed and by
which rule, which duplicates and related stories were found, and where each story goes — for
a pending document; for a published one, the issue it went out in and its stories there; for a
quarantined one, why it cannot be read."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from rich.console import Console
from rich.table import Table

from digest.archive.folders import list_issues, load_issue
from digest.config import Config
from digest.errors import StateError, UsageError
from digest.models import IssueSection, PlacedStory, Story
from digest.pipeline import SplitReport, inbox_hashes, keyword_scores, prepare_batch, split_report, state_path
from digest.state.store import StateStore
from digest.words import counted


@dataclass
class Merged:
    """A story of this document merged with copies in other documents."""

    others: list[str]  # the other documents holding the same article
    kept_title: str  # the title the merged story carries
    why: str  # why that title won (or that this copy's did)


@dataclass
class Explanation:
    document: str
    status: Literal["pending", "published", "quarantined"]
    note: str = ""  # the quarantine reason, or where the document was published
    report: SplitReport | None = None
    merged: dict[str, Merged] = field(default_factory=dict)  # story id → its merge
    placed: dict[str, PlacedStory] = field(default_factory=dict)  # story id → where it goes and why
    scores: dict[str, list[tuple[str, float, list[tuple[str, float]]]]] = field(default_factory=dict)
    related: dict[str, list[str]] = field(default_factory=dict)  # story id → related story titles
    published: list[tuple[IssueSection, Story]] = field(default_factory=list)  # its stories in that issue


def explain_document(config: Config, document: str) -> Explanation:
    """Explain `document` (a path, or a name relative to the inbox)."""
    name = _inbox_name(config, document)
    with StateStore.open(state_path(config)) as state:
        # the batch as compile sees it (stories from the cache it fills), this document's placing explained
        batch = prepare_batch(config, state, explained=name)
        if name not in {d.name for d in batch.documents}:
            quarantined = {q.document: q.reason for q in batch.quarantined}
            if name in quarantined:
                return Explanation(name, "quarantined", quarantined[name])
            return _published(config, state, name)
    report = split_report(config, batch, name)
    explanation = Explanation(name, "pending", report=report)
    for story in report.stories:
        found = _placed_copy(batch.placed, story, name)  # placed exactly as compile places it: over the whole batch
        if found is None:
            continue
        explanation.placed[story.id] = found
        kept = found.story
        others = sorted(set(kept.documents) - {name})
        if others:
            explanation.merged[story.id] = _merge_note(story, kept, others)
        explanation.related[story.id] = [r.title for r in kept.related]
        explanation.scores[story.id] = keyword_scores(config, batch, kept)
    return explanation


def _placed_copy(batch: list[PlacedStory], story: Story, name: str) -> PlacedStory | None:
    """The merged story this one became (its id may be another document's copy's)."""
    for placed in batch:
        if placed.story.id == story.id:
            return placed
    for placed in batch:
        if name in placed.story.documents and (
            placed.story.body == story.body or story.title in (placed.story.title, *placed.story.merged_titles)
        ):
            return placed
    return None


def _merge_note(story: Story, kept: Story, others: list[str]) -> Merged:
    if kept.title == story.title:
        why = "this copy's title: the one the copies agree on, read as a headline"
    else:
        why = (
            f"another copy's title: titles are chosen by agreement among the copies, and a masthead or "
            f"section line, a title cut with '…' or a short label loses (this copy's: {story.title!r})"
        )
    return Merged(others, kept.title, why)


def _published(config: Config, state: StateStore, name: str) -> Explanation:
    content_hash = inbox_hashes(config).get(name)
    number = state.published_in(content_hash, name) if content_hash is not None else None
    if number is None:
        raise UsageError(f"{name} is not a document of the inbox {config.inbox_dir} (not pending, not published)")
    explanation = Explanation(name, "published", f"published in issue #{number}")
    folder = next((a.path for a in list_issues(config.issues_dir) if a.number == number), None)
    if folder is None:
        explanation.note += " (its folder is no longer in the archive)"
        return explanation
    try:
        issue = load_issue(folder)
    except StateError as exc:
        explanation.note += f" ({exc})"
        return explanation
    explanation.note += f", {folder}"
    explanation.published = [
        (section, story) for section in issue.sections for story in section.all_stories if name in story.documents
    ]
    return explanation


def _inbox_name(config: Config, document: str) -> str:
    path = Path(document)
    for candidate in (path, Path.cwd() / path):
        try:
            return candidate.resolve().relative_to(config.inbox_dir).as_posix()
        except ValueError:
            continue
    return path.as_posix()


def print_explanation(explanation: Explanation, console: Console) -> None:
    if explanation.status == "quarantined":
        console.print(f"[bold]{explanation.document}[/bold]: quarantined — {explanation.note}", highlight=False)
        return
    if explanation.status == "published":
        console.print(f"[bold]{explanation.document}[/bold]: {explanation.note}", highlight=False)
        for section, story in explanation.published:
            console.print(f"  {section.title}: {story.title}", markup=False)
        return
    report = explanation.report
    assert report is not None
    console.print(f"[bold]{report.document}[/bold]: {counted(len(report.stories), 'story')}")
    if report.removed:
        table = Table("removed line", "rule", title="Debris removed", title_justify="left")
        for removal in report.removed:
            table.add_row(removal.line[:100], removal.rule)
        console.print(table)
    if report.dropped:
        table = Table("text", "why it is not a story", title="Not stories", title_justify="left")
        for text, reason in report.dropped:
            table.add_row(text[:100], reason)
        console.print(table)
    for number, (story, origin) in enumerate(zip(report.stories, report.origins, strict=True), 1):
        console.print(f"\n[bold]{number}. {story.title}[/bold]  ({origin})", markup=True, highlight=False)
        facts = [f"source: {story.source or '-'}", f"byline: {story.byline or '-'}", f"date: {story.published or '-'}"]
        console.print("   " + " · ".join(facts), markup=False)
        console.print(f"   link: {story.url or '-'}", markup=False)
        console.print(f"   teaser: {story.teaser}", markup=False)
        placed = explanation.placed.get(story.id)
        if placed is None:
            console.print("   section: -", markup=False)
            continue
        console.print(f"   section: {placed.section or 'held back'} — {placed.reason}", markup=False)
        console.print("   keyword scores (BM25F; each matching term's part):", markup=False)
        for section_id, score, terms in explanation.scores.get(story.id, []):
            parts = ", ".join(f"{term} {part:.1f}" for term, part in terms[:8]) or "-"
            console.print(f"     {section_id:>12} {score:6.2f}  {parts}", markup=False)
        if merge := explanation.merged.get(story.id):
            console.print(f"   same article also in: {', '.join(merge.others)}", markup=False)
            console.print(f"   merged story's title: {merge.kept_title!r} — {merge.why}", markup=False)
        if explanation.related.get(story.id):
            console.print(f"   related: {'; '.join(explanation.related[story.id])}", markup=False)


def explanation_data(explanation: Explanation) -> dict:
    """`digest explain --json`: the same facts as the printed explanation."""
    data: dict = {"document": explanation.document, "status": explanation.status, "note": explanation.note}
    if explanation.status == "published":
        data["stories"] = [{"section": section.id, "title": story.title} for section, story in explanation.published]
    report = explanation.report
    if report is None:
        return data
    data["removed"] = [{"line": r.line, "rule": r.rule} for r in report.removed]
    data["not_stories"] = [{"text": text, "reason": reason} for text, reason in report.dropped]
    stories = []
    for story, origin in zip(report.stories, report.origins, strict=True):
        placed = explanation.placed.get(story.id)
        merge = explanation.merged.get(story.id)
        stories.append(
            {
                **story.model_dump(mode="json", include={"title", "url", "source", "byline", "published", "teaser"}),
                "found_as": origin,
                "section": placed.section if placed else None,
                "reason": placed.reason if placed else None,
                "keyword_scores": [
                    {"section": sid, "score": score, "terms": dict(terms)}
                    for sid, score, terms in explanation.scores.get(story.id, [])
                ],
                "merged_with": merge.others if merge else [],
                "merged_title": merge.kept_title if merge else None,
                "related": explanation.related.get(story.id, []),
            }
        )
    data["stories"] = stories
    return data
