"""`digest explain DOCUMENT`: how one document was cut into stories, what was removed and by
which rule, which duplicates and related stories were found, and where each story goes."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from rich.console import Console
from rich.table import Table

from digest.cache import split_all
from digest.config import Config
from digest.duplicates import merge_duplicates
from digest.errors import UsageError
from digest.models import PlacedStory, Story
from digest.pipeline import load_archive, read_pending, state_path
from digest.sections import assign_sections, explain_scores
from digest.state import StateStore
from digest.stories import SplitReport, explain_split
from digest.stories.debris import common_lines


@dataclass
class Explanation:
    report: SplitReport
    duplicates: dict[str, list[str]]  # story id → the other documents holding the same article
    placed: dict[str, PlacedStory]  # story id → where it goes and why
    scores: dict[str, list[tuple[str, float, list[str]]]]  # story id → (section, score, terms)
    related: dict[str, list[str]]  # story id → related story titles


def explain_document(config: Config, document: str) -> Explanation:
    """Explain `document` (a path, or a name relative to the inbox) as the next compile sees it."""
    name = _inbox_name(config, document)
    with StateStore.open(state_path(config)) as state:
        pending = read_pending(config, state)
        archive = load_archive(config, state)
        boilerplate = common_lines([d.text for d in pending.documents])
        patterns = config.cleanup.drop_patterns
        # the batch as compile sees it (its stories from the cache compile fills)
        everything = split_all(pending.documents, patterns, boilerplate, state)
    documents = {d.name: d for d in pending.documents}
    if name not in documents:
        quarantined = {q.document: q.reason for q in pending.quarantined}
        if name in quarantined:
            raise UsageError(f"{name} is quarantined: {quarantined[name]}")
        raise UsageError(
            f"{name} is not a pending document of the inbox {config.inbox_dir} (published already, or not there)"
        )
    report = explain_split(documents[name], patterns, boilerplate)
    merged = merge_duplicates(everything)
    # Where each story goes, decided exactly as compile decides it: over the whole batch.
    batch = assign_sections(merged, config, archive)
    placed: dict[str, PlacedStory] = {}
    duplicates: dict[str, list[str]] = {}
    related: dict[str, list[str]] = {}
    for story in report.stories:
        # the merged story this one became (its id is the kept copy's, maybe another document's)
        found = next(
            p
            for p in batch
            if p.story.id == story.id or (report.document in p.story.documents and _same(p.story, story))
        )
        placed[story.id] = found
        others = sorted(set(found.story.documents) - {report.document})
        if others:
            duplicates[story.id] = others
        related[story.id] = [r.title for r in found.story.related]
    scores = {s.id: explain_scores(placed[s.id].story, config, merged) for s in report.stories}
    return Explanation(report, duplicates, placed, scores, related)


def _same(a: Story, b: Story) -> bool:
    return a.title == b.title or a.body == b.body


def _inbox_name(config: Config, document: str) -> str:
    path = Path(document)
    for candidate in (path, Path.cwd() / path):
        try:
            return candidate.resolve().relative_to(config.inbox_dir).as_posix()
        except ValueError:
            continue
    return path.as_posix()


def print_explanation(explanation: Explanation, console: Console) -> None:
    report = explanation.report
    console.print(f"[bold]{report.document}[/bold]: {len(report.stories)} stories")
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
        placed = explanation.placed[story.id]
        console.print(f"\n[bold]{number}. {story.title}[/bold]  ({origin})", markup=True, highlight=False)
        facts = [f"source: {story.source or '-'}", f"byline: {story.byline or '-'}", f"date: {story.published or '-'}"]
        console.print("   " + " · ".join(facts), markup=False)
        console.print(f"   teaser: {story.teaser}", markup=False)
        where = placed.section or "held back"
        console.print(f"   section: {where} — {placed.reason}", markup=False)
        console.print("   keyword scores (BM25F; each matching term's part):", markup=False)
        for section_id, score, terms in explanation.scores[story.id]:
            parts = ", ".join(f"{term} {part:.1f}" for term, part in terms[:8]) or "-"
            console.print(f"     {section_id:>12} {score:6.2f}  {parts}", markup=False)
        if story.id in explanation.duplicates:
            console.print(f"   same article also in: {', '.join(explanation.duplicates[story.id])}", markup=False)
        if explanation.related.get(story.id):
            console.print(f"   related: {'; '.join(explanation.related[story.id])}", markup=False)
