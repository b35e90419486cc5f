"""Assembling the issue: sections in config order, each story once, caps applied, fitted to the
size budget, its subject and preheader written, what it uses up listed.

Everything the editions show and everything held back (with its reason) is decided here, so
`digest status`, a draft and a publish show the same issue.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field

from digest.archive.folders import folder_name
from digest.config import Config
from digest.issue.budget import Measure, fit_to_budget
from digest.issue.lines import with_lines
from digest.models import ConsumedDocument, Document, HeldBack, Issue, IssueSection, PlacedStory, Quarantined


@dataclass
class IssuePlan:
    """What the pipeline knows about the issue before it is built."""

    number: int | None  # None: a draft, which uses up no number
    date: dt.date
    documents: list[Document]  # every document read for it (its stories may have been held back)
    unsplit: set[str] = field(default_factory=set)  # documents that could not be cut into stories
    scheduled_run: str | None = None
    first_seen: dict[str, dt.datetime] = field(default_factory=dict)  # content hash → first read
    max_age: dt.timedelta = dt.timedelta(days=28)  # schedule.max_age: how long a capped document is carried
    now: dt.datetime = field(default_factory=lambda: dt.datetime.now(dt.UTC))
    draft_number: int | None = None  # a draft's subject shows the number it would get, marked


def ranking_key(placed: PlacedStory) -> tuple:
    """Most relevant first, then newest; undated after dated; then title and id, so the
    order is the same on every run."""
    published = placed.story.published
    return (
        -placed.score,
        published is None,
        -(published.toordinal() if published else 0),
        placed.story.title.lower(),
        placed.story.id,
    )


def build_issue(
    placed: list[PlacedStory], quarantined: list[Quarantined], config: Config, plan: IssuePlan, measure: Measure
) -> Issue:
    """The issue, complete. `measure` renders a candidate's email.html and returns its size:
    the size budget is decided on what readers would really receive."""
    held_back: list[HeldBack] = []
    sections: list[IssueSection] = []
    for section in config.sections:
        members = sorted((p for p in placed if p.section == section.id), key=ranking_key)
        cap = section.max_items
        kept = members if cap is None else members[:cap]
        for extra in members[len(kept) :]:
            reason = f"over the section's max_items ({cap})"
            held_back.append(
                HeldBack(title=extra.story.title, documents=extra.story.documents, section=section.id, reason=reason)
            )
        if kept:
            # a headline without text of its own goes in the section's short list of titles
            full = [p.story for p in kept if p.story.teaser]
            titles = [p.story for p in kept if not p.story.teaser]
            sections.append(IssueSection(id=section.id, title=section.title, stories=full, more=titles))
    for p in placed:
        if p.section is None:
            held_back.append(HeldBack(title=p.story.title, documents=p.story.documents, section=None, reason=p.reason))
    number = plan.number
    title = f"{config.newsletter.title} #{number}" if number is not None else f"{config.newsletter.title} (draft)"
    used = sorted(d.name for d in plan.documents if d.name not in plan.unsplit)
    issue = Issue(
        number=number,
        date=plan.date,
        title=title,
        sections=sections,
        held_back=held_back,
        quarantined=sorted(quarantined, key=lambda q: q.document),
        documents=used,
        scheduled_run=plan.scheduled_run,
        folder=folder_name(number, plan.date) if number is not None else None,
    )
    budget = config.email.size_budget_kb * 1024

    def lined(size: Callable[[Issue], int]) -> Callable[[Issue], int]:
        """Sizes of the issue as sent: with the subject and preheader its stories give it."""
        return lambda candidate: size(with_lines(candidate, config, plan.draft_number))

    rough = measure.rough
    sized = Measure(exact=lined(measure.exact), rough=lined(rough) if rough is not None else None)
    issue = fit_to_budget(issue, sized, budget)
    issue = with_lines(issue, config, plan.draft_number)
    return issue.model_copy(update={"consumed": consumed_documents(issue, plan)})


def consumed_documents(issue: Issue, plan: IssuePlan) -> list[ConsumedDocument]:
    """The documents this issue uses up. A document whose every story was held back over a
    cap (a section's max_items, the size budget) is carried over to the next issue, until it
    is older than `max_age`; everything else read is consumed. A draft uses up nothing."""
    if plan.number is None:
        return []
    capped = {d for held in issue.held_back if held.section is not None for d in held.documents}
    placed = {d for section in issue.sections for story in section.all_stories for d in story.documents}
    carried = capped - placed
    usable = set(issue.documents)  # a document that could not be cut into stories is not used up
    return [
        ConsumedDocument(document=d.name, sha256=d.content_hash)
        for d in plan.documents
        if d.name in usable
        and (d.name not in carried or plan.now - plan.first_seen.get(d.content_hash, plan.now) > plan.max_age)
    ]
